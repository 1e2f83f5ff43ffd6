/* test_render.c - the formats and the one time every output records: from
 * SOURCE_DATE_EPOCH, else the brief's pubdate, else 1980-01-01; the parameters each
 * stylesheet is given; and the same bytes whether the text is made beside the rest or
 * after it. */
#include "unit.h"

#include <dirent.h>

#include "render.h"
#include "resolve.h"

#define BRIEF(info) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author>" info "</info>\n" \
	"<para>Text.</para>\n</article>\n"

/* render_time of a brief with INFO (extra <info> children) and SOURCE_DATE_EPOCH
 * EPOCH; returns its result, the time in *STAMP. */
static int
stamp_of(const char *text, const char *epoch, time_t *stamp)
{
	struct unit_capture c;
	struct source src;
	char *path;
	int ret;

	unit_capture_init(&c);
	path = unit_load(&src, text, &c.d);
	ret = render_time(&src, epoch, stamp);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmfile(path);
	return ret;
}

static void
test_time_from_source_date_epoch(void **state)
{
	time_t t = 0;

	(void)state;
	assert_int_equal(stamp_of(BRIEF("<pubdate>2015-12-23</pubdate>"), "1452902400", &t), 0);
	assert_int_equal(t, 1452902400); /* the variable wins over the brief */
	assert_int_equal(stamp_of(BRIEF(""), "0", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(stamp_of(BRIEF(""), "", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "12abc", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "-5", &t), -1);
	assert_int_equal(stamp_of(BRIEF(""), "99999999999999999999999", &t), -1);
}

static void
test_time_from_the_brief(void **state)
{
	time_t t = 0;

	(void)state;
	assert_int_equal(stamp_of(BRIEF("<pubdate>2015-12-23</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 1450828800);
	assert_int_equal(stamp_of(BRIEF("<pubdate>2016-02</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 1454284800); /* 2016-02-01 */
	assert_int_equal(stamp_of(BRIEF("<pubdate>2000</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, 946684800);
	assert_int_equal(stamp_of(BRIEF("<pubdate>1969-07-20</pubdate>"), NULL, &t), 0);
	assert_int_equal(t, -14256000); /* before 1970 is a date too */
	assert_int_equal(stamp_of(BRIEF(""), NULL, &t), 0);
	assert_int_equal(t, RENDER_DEFAULT_TIME);
	assert_int_equal(RENDER_DEFAULT_TIME, 315532800); /* 1980-01-01T00:00:00Z */
}

static void
test_format_names(void **state)
{
	enum render_format f = RENDER_HTML;

	(void)state;
	assert_int_equal(render_format_by_name("epub", &f), 0);
	assert_int_equal(f, RENDER_EPUB);
	assert_string_equal(render_extension(f), ".epub");
	assert_int_equal(render_format_by_name("text", &f), 0);
	assert_string_equal(render_extension(f), ".txt");
	assert_string_equal(render_format_name(f), "text");
	assert_int_equal(render_format_by_name("pdf", &f), -1);
	assert_int_equal(f, RENDER_TEXT);
}

/* Renders BRIEF("") as html with a stylesheet that prints $modified and $who, and
 * the user's PARAMS; returns the output (caller frees). */
static char *
params_seen(const char *const *params, time_t stamp)
{
	static const char sheet[] =
		"<?xml version=\"1.0\"?>\n"
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
		"<xsl:output method=\"text\"/>\n"
		"<xsl:param name=\"modified\"/><xsl:param name=\"who\" select=\"'nobody'\"/>\n"
		"<xsl:template match=\"/\"><xsl:value-of select=\"concat($modified, ' ', $who)\"/>"
		"</xsl:template>\n</xsl:stylesheet>\n";
	struct unit_capture c;
	struct transform *t;
	struct source src;
	struct buf out[RENDER__COUNT] = {{0}};
	const bool want[RENDER__COUNT] = {[RENDER_HTML] = true};
	char *dir = unit_tempdir(), *path;

	free(unit_write(dir, "html.xsl", sheet, strlen(sheet)));
	unit_capture_init(&c);
	path = unit_load(&src, BRIEF(""), &c.d);
	t = transform_new(dir, &c.d);
	assert_non_null(t);
	assert_int_equal(render(t, want, &src, NULL, params, stamp, NULL, false, out, &c.d), 0);
	transform_free(t);
	source_free(&src);
	unit_capture_free(&c);
	unit_rmfile(path);
	unit_rmtree(dir);
	free(dir);
	return out[RENDER_HTML].data;
}

static void
test_parameters(void **state)
{
	const char *who[] = {"who", "it's me", NULL};
	const char *both[] = {"modified", "yesterday", "who", "you", NULL};
	const char *quotes[] = {"who", "it's \"both\" 'kinds' ", NULL};
	char *out;

	(void)state;
	out = params_seen(NULL, 1452902400);
	assert_string_equal(out, "2016-01-16T00:00:00Z nobody");
	free(out);
	out = params_seen(who, RENDER_DEFAULT_TIME);
	assert_string_equal(out, "1980-01-01T00:00:00Z it's me");
	free(out);
	out = params_seen(both, 0); /* the user's "modified" wins */
	assert_string_equal(out, "yesterday you");
	free(out);
	/* A value with both kinds of quotation mark reaches the stylesheet whole. */
	out = params_seen(quotes, RENDER_DEFAULT_TIME);
	assert_string_equal(out, "1980-01-01T00:00:00Z it's \"both\" 'kinds' ");
	free(out);
}

/* Loads, resolves and annotates the brief at PATH into SRC, as a build does. */
static void
load_annotated(struct source *src, const char *path, struct diag *d)
{
	struct cite_model *m;

	memset(src, 0, sizeof(*src));
	assert_int_equal(source_load(src, path, SOURCE_MAX_BYTES, d), SOURCE_OK);
	m = resolve_source(src, d);
	assert_non_null(m);
	resolve_annotate(m, src->doc);
	cite_model_free(m);
}

/* briefc's stylesheets and the article, for a test that renders it in every format. */
struct article_run {
	struct unit_capture c;
	char *dir, *article;
	struct transform *t;
	struct source src;
};

static void
article_begin(struct article_run *a)
{
	memset(a, 0, sizeof(*a));
	unit_capture_init(&a->c);
	a->dir = unit_repo_path("xsl");
	a->article = unit_repo_path("sources/aqim-reemergence.xml");
	a->t = transform_new(a->dir, &a->c.d);
	assert_non_null(a->t);
}

/* Ends A, which must have said nothing. */
static void
article_end(struct article_run *a)
{
	assert_string_equal(unit_capture_text(&a->c), "");
	transform_free(a->t);
	source_free(&a->src);
	unit_capture_free(&a->c);
	free(a->article);
	free(a->dir);
}

static const bool all[RENDER__COUNT] = {true, true, true};

/* The article's three formats, its text made on a second thread beside the rest (a
 * brief built alone) or on this one (a worker among many): the same bytes. Each
 * render frees the brief's tree it is given. */
static void
test_text_beside_or_after(void **state)
{
	struct buf beside[RENDER__COUNT] = {{0}}, after[RENDER__COUNT] = {{0}};
	struct render_beside *text;
	struct article_run a;
	int f;

	(void)state;
	article_begin(&a);
	text = render_beside_new(a.t, all);
	assert_non_null(text);
	load_annotated(&a.src, a.article, &a.c.d);
	assert_int_equal(render(a.t, all, &a.src, NULL, NULL, RENDER_DEFAULT_TIME, text, false,
	                        beside, &a.c.d), 0);
	assert_null(a.src.doc);
	source_free(&a.src);
	render_beside_free(text);
	load_annotated(&a.src, a.article, &a.c.d);
	assert_int_equal(render(a.t, all, &a.src, NULL, NULL, RENDER_DEFAULT_TIME, NULL, false,
	                        after, &a.c.d), 0);
	assert_null(a.src.doc);
	for (f = 0; f < RENDER__COUNT; f++) {
		assert_true(beside[f].len > 1000);
		assert_int_equal(after[f].len, beside[f].len);
		assert_memory_equal(after[f].data, beside[f].data, beside[f].len);
		buf_free(&beside[f]);
		buf_free(&after[f]);
	}
	article_end(&a);
}

/* The threads of this process, and (*BLOCKED) how many of them are asleep ('S'). */
static int
threads(int *blocked)
{
	DIR *dir = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	assert_non_null(dir);
	*blocked = 0;
	while ((e = readdir(dir)) != NULL) {
		char path[300], line[256], *state;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		n++;
		snprintf(path, sizeof(path), "/proc/self/task/%s/stat", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(line, sizeof(line), f) != NULL && (state = strrchr(line, ')')) != NULL)
			*blocked += state[1] == ' ' && state[2] == 'S';
		fclose(f);
	}
	closedir(dir);
	return n;
}

/* Leaving the text's thread to the exit ends it at once while it still compiles, so
 * that it cannot use the libraries while the process ends; once it waits with nothing
 * to do (after a brief, every stylesheet compiled), it is left waiting. */
static void
test_leave_ends_only_a_busy_thread(void **state)
{
	struct buf out[RENDER__COUNT] = {{0}};
	struct render_beside *text;
	struct article_run a;
	int alone, blocked, f, tries;

	(void)state;
	article_begin(&a);
	alone = threads(&blocked);
	text = render_beside_new(a.t, all);
	assert_non_null(text);
	render_beside_leave(text); /* text.xsl takes milliseconds: it is compiling */
	assert_int_equal(threads(&blocked), alone);
	text = render_beside_new(a.t, all);
	assert_non_null(text);
	load_annotated(&a.src, a.article, &a.c.d);
	assert_int_equal(render(a.t, all, &a.src, NULL, NULL, RENDER_DEFAULT_TIME, text, true,
	                        out, &a.c.d), 0);
	/* This thread runs; the other has nothing left to do and goes to sleep. */
	for (tries = 0; tries < 5000 && (threads(&blocked), blocked) < 1; tries++)
		nanosleep(&(struct timespec){0, 1000000}, NULL);
	render_beside_leave(text);
	assert_int_equal(threads(&blocked), alone + 1);
	render_beside_free(text);
	assert_int_equal(threads(&blocked), alone);
	for (f = 0; f < RENDER__COUNT; f++)
		buf_free(&out[f]);
	article_end(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_from_source_date_epoch),
		cmocka_unit_test(test_time_from_the_brief),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_text_beside_or_after),
		cmocka_unit_test(test_leave_ends_only_a_busy_thread),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
