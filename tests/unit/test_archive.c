/* test_archive.c - many briefs as one: the works they share written once, ids kept
 * unique, a work two briefs describe two ways reported at both, and the index page. */
#include "unit.h"

#include "archive.h"
#include "resolve.h"
#include "validate.h"

#define BRIEF(lang, title, notes) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"" lang "\">\n" \
	"<info><title>" title "</title><author><personname>Ana Pérez</personname></author>" \
	"<pubdate>2026-03-09</pubdate><abstract><para>What " title " says.</para></abstract></info>\n" \
	"<para>Text." notes "</para>\n</article>\n"
#define NOTE(author, work, date) "<footnote><para><citation><author><personname>" author \
	"</personname></author>, <citetitle>" work "</citetitle> (<date>" date "</date>).</citation>" \
	"</para></footnote>\n"

/* Two briefs: both cite Smith's Counting (the second dated otherwise), and each a
 * different work of one id, lee-2020. */
static const char *const briefs[] = {
	BRIEF("en", "First", NOTE("Jo Smith", "Counting", "2019") NOTE("Al Lee", "Water", "2020")),
	BRIEF("es", "Segundo", NOTE("Al Lee", "Rivers", "2020") NOTE("Jo Smith", "Counting", "2018")),
};

struct fixture {
	struct unit_capture c;
	struct archive *a;
	char *paths[2];
};

static void
load(struct fixture *f)
{
	struct validator *v;
	size_t i;

	unit_capture_init(&f->c);
	v = validate_new(&f->c.d);
	f->a = archive_new();
	for (i = 0; i < 2; i++) {
		struct source src;
		struct cite_model *m;

		f->paths[i] = unit_load(&src, briefs[i], &f->c.d);
		assert_int_equal(validate_source(v, &src, &f->c.d), 0);
		m = resolve_source(&src, &f->c.d);
		archive_add(f->a, archive_entry_new(&src, i == 0 ? "first.html" : NULL, &m));
		assert_null(m);
		source_free(&src);
	}
	validate_free(v);
	assert_string_equal(unit_capture_text(&f->c) ? unit_capture_text(&f->c) : "", "");
}

static void
unload(struct fixture *f)
{
	archive_free(f->a);
	unit_capture_free(&f->c);
	unit_rmfile(f->paths[0]);
	unit_rmfile(f->paths[1]);
}

static void
test_works_once_with_unique_ids(void **state)
{
	struct fixture f;
	struct buf out = {0};

	(void)state;
	load(&f);
	archive_works(f.a, &out);
	/* Smith's Counting once, as the first brief gives it; two works of id lee-2020. */
	assert_contains(out.data, "\"id\": \"smith-2019\"");
	assert_not_contains(out.data, "2018");
	assert_contains(out.data, "\"id\": \"lee-2020\",\n    \"type\": \"document\"");
	assert_contains(out.data, "\"id\": \"lee-2020-2\"");
	assert_contains(out.data, "\"title\": \"Rivers\"");
	/* lee-2020 is the first brief's Water, lee-2020-2 the second's Rivers. */
	assert_true(strstr(out.data, "\"lee-2020\"") < strstr(out.data, "\"Water\""));
	assert_true(strstr(out.data, "\"Water\"") < strstr(out.data, "\"lee-2020-2\""));
	assert_true(strstr(out.data, "\"lee-2020-2\"") < strstr(out.data, "\"Rivers\""));
	buf_free(&out);
	unload(&f);
}

static void
test_a_work_described_two_ways(void **state)
{
	struct fixture f;
	char want[1024];

	(void)state;
	load(&f);
	assert_int_equal(archive_lint(f.a, &f.c.d), 1);
	diag_flush(&f.c.d);
	snprintf(want, sizeof(want),
	         "%s:5:17: warning: work \"smith-2018\" differs from its description in %s in "
	         "date (\"2018\", not \"2019\"); make them agree [conflicting-fields]\n"
	         "%s:4:28: note: described here\n", f.paths[1], f.paths[0], f.paths[0]);
	assert_string_equal(unit_capture_text(&f.c), want);
	unload(&f);
}

static void
test_index_page(void **state)
{
	struct fixture f;
	struct transform *t;
	struct buf out = {0};
	char *dir = unit_repo_path("xsl");

	(void)state;
	load(&f);
	t = transform_new(dir, &f.c.d);
	assert_int_equal(archive_index(f.a, t, &out, &f.c.d), 0);
	assert_contains(out.data, "<html lang=\"en\">");
	assert_contains(out.data, "<title>Briefs</title>");
	assert_contains(out.data, "<h2><a href=\"first.html\">First</a></h2>");
	assert_contains(out.data, "<li lang=\"es\">\n<h2>Segundo</h2>");
	assert_contains(out.data, "<time datetime=\"2026-03-09\">9 de marzo de 2026</time>");
	assert_contains(out.data, "<p>What First says.</p>");
	transform_free(t);
	free(dir);
	buf_free(&out);
	unload(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_works_once_with_unique_ids),
		cmocka_unit_test(test_a_work_described_two_ways),
		cmocka_unit_test(test_index_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
