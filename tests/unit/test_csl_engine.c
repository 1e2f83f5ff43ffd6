/* test_csl_engine.c - the CSL engine end to end: names, dates, page ranges, text case,
 * positions, disambiguation, sorting and the HTML csl_out writes. */
#include "unit.h"

#include <time.h>

#include "csl.h"
#include "csl_item.h"
#include "mem.h"

#define HEAD "<style xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\" " \
             "class=\"in-text\" page-range-format=\"chicago\">"

static const char items[] =
	"[{\"id\":\"a\",\"type\":\"book\",\"title\":\"the art of war\","
	"\"author\":[{\"family\":\"Sun\",\"given\":\"Tzu\"}],"
	"\"issued\":{\"date-parts\":[[2000,3,15]]},\"page\":\"321-328\"},"
	"{\"id\":\"b\",\"type\":\"article-journal\",\"title\":\"On \\\"Quoting\\\"\","
	"\"author\":[{\"family\":\"van Gogh\",\"given\":\"Vincent Willem\"},"
	"{\"family\":\"Doe\",\"given\":\"Jane\"},{\"family\":\"Roe\",\"given\":\"Rick\"}],"
	"\"issued\":{\"date-parts\":[[2000]]}},"
	"{\"id\":\"c\",\"type\":\"book\",\"title\":\"Other\","
	"\"author\":[{\"family\":\"Sun\",\"given\":\"Tzu\"}],"
	"\"issued\":{\"date-parts\":[[2000]]}}]";

/* Renders one cluster of the cites IDS (each with POSITION) through STYLE as HTML;
 * RUNS_ON as csl_engine_cite takes it. */
static char *
cite(const char *style_text, const char *const *ids, size_t n, enum csl_position pos,
     bool runs_on)
{
	struct unit_capture c;
	struct csl_style *style;
	struct csl_engine *e;
	struct csl_cite cites[4];
	struct rt_quotes q;
	struct buf out = {0};
	struct rt *t;
	size_t i;

	unit_capture_init(&c);
	style = csl_style_load_memory("t.csl", style_text, strlen(style_text), &c.d);
	assert_non_null(style);
	e = csl_engine_new(style, NULL, "en-US", &c.d);
	assert_non_null(e);
	assert_int_equal(csl_engine_add_json(e, items, strlen(items), "items.json", &c.d), 0);
	memset(cites, 0, sizeof(cites));
	for (i = 0; i < n; i++) {
		cites[i].id = ids[i];
		cites[i].position = pos;
	}
	t = csl_engine_cite(e, cites, n, runs_on, &c.d);
	assert_non_null(t);
	csl_engine_quotes(e, &q);
	csl_out_html(t, &q, &out);
	rt_free(t);
	csl_engine_free(e);
	csl_style_free(style);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	return out.data;
}

static void
expect(const char *style_text, const char *const *ids, size_t n, const char *want)
{
	char *got = cite(style_text, ids, n, CSL_POS_FIRST, false);

	assert_string_equal(got, want);
	free(got);
}

static void
test_names_and_dates(void **state)
{
	static const char *const ids[] = {"b"};

	(void)state;
	expect(HEAD "<citation et-al-min=\"3\" et-al-use-first=\"2\"><layout>"
	       "<names variable=\"author\"><name name-as-sort-order=\"first\" and=\"text\" "
	       "initialize-with=\". \"/></names>"
	       "<date variable=\"issued\" prefix=\" (\" suffix=\")\">"
	       "<date-part name=\"year\"/></date></layout></citation></style>", ids, 1,
	       "Gogh, V. W. van, J. Doe, et al. (2000)");
}

static void
test_localized_date_and_page_range(void **state)
{
	static const char *const ids[] = {"a"};

	(void)state;
	expect(HEAD "<citation><layout delimiter=\"; \"><group delimiter=\", \">"
	       "<date variable=\"issued\" form=\"text\"/><text variable=\"page\"/>"
	       "</group></layout></citation></style>", ids, 1, "March 15, 2000, 321–28");
}

static void
test_text_case_and_quotes(void **state)
{
	static const char *const ids[] = {"a", "b"};

	(void)state;
	expect(HEAD "<citation><layout delimiter=\"; \"><text variable=\"title\" "
	       "text-case=\"title\" quotes=\"true\" suffix=\".\"/></layout></citation></style>",
	       ids, 2, "“The Art of War.”; “On ‘Quoting.’”");
}

static void
test_group_suppressed_when_variables_empty(void **state)
{
	static const char *const ids[] = {"a"};

	(void)state;
	expect(HEAD "<citation><layout><group delimiter=\" \"><text value=\"vol.\"/>"
	       "<text variable=\"volume\"/></group><text variable=\"title\" "
	       "font-style=\"italic\"/></layout></citation></style>", ids, 1,
	       "<i>the art of war</i>");
}

/* A cluster that runs on in a sentence keeps its layout's prefix and formatting,
 * not its suffix (the period that closes a note). */
static void
test_runs_on_without_layout_suffix(void **state)
{
	static const char *const ids[] = {"a"};
	static const char style[] = HEAD "<citation><layout prefix=\"see \" suffix=\".\" "
	                            "font-weight=\"bold\"><text variable=\"title\"/>"
	                            "</layout></citation></style>";
	char *closed = cite(style, ids, 1, CSL_POS_FIRST, false);
	char *on = cite(style, ids, 1, CSL_POS_FIRST, true);

	(void)state;
	assert_string_equal(closed, "<b>see the art of war.</b>");
	assert_string_equal(on, "<b>see the art of war</b>");
	free(closed);
	free(on);
}

static void
test_year_suffix_disambiguates(void **state)
{
	static const char *const ids[] = {"a", "c"};

	(void)state;
	expect(HEAD "<citation disambiguate-add-year-suffix=\"true\"><layout "
	       "delimiter=\"; \" prefix=\"(\" suffix=\")\"><group delimiter=\" \">"
	       "<names variable=\"author\"><name form=\"short\"/></names>"
	       "<date variable=\"issued\"><date-part name=\"year\"/></date>"
	       "</group></layout></citation></style>", ids, 2, "(Sun 2000a; Sun 2000b)");
}

static void
test_position_condition(void **state)
{
	static const char *const ids[] = {"a"};
	static const char style[] = HEAD "<citation><layout><choose>"
		"<if position=\"ibid\"><text term=\"ibid\" text-case=\"capitalize-first\"/></if>"
		"<else><text variable=\"title\"/></else></choose></layout></citation></style>";
	char *got = cite(style, ids, 1, CSL_POS_IBID, false);

	(void)state;
	assert_string_equal(got, "Ibid.");
	free(got);
}

static void
test_year_collapse_groups_by_author(void **state)
{
	static const char *const ids[] = {"a", "b", "c"};

	(void)state;
	expect(HEAD "<citation collapse=\"year-suffix\" disambiguate-add-year-suffix=\"true\" "
	       "year-suffix-delimiter=\",\">"
	       "<layout delimiter=\"; \" prefix=\"(\" suffix=\")\"><group delimiter=\" \">"
	       "<names variable=\"author\"><name form=\"short\"/></names>"
	       "<date variable=\"issued\"><date-part name=\"year\"/></date>"
	       "</group></layout></citation></style>", ids, 3,
	       "(Sun 2000a,b; van Gogh, Doe, Roe 2000)");
}

static void
test_punctuation_meets_by_table(void **state)
{
	static const char *const ids[] = {"a"};

	(void)state;
	/* "!" then ": " keeps "!"; "," then "." keeps both; "." inside quotes */
	expect(HEAD "<citation><layout><text value=\"Why\" suffix=\"!\"/>"
	       "<text value=\"then\" prefix=\": \" suffix=\",\"/>"
	       "<text value=\"so\" prefix=\". \"/><text value=\"q\" quotes=\"true\" "
	       "prefix=\" \"/><text value=\"end\" prefix=\". \"/></layout></citation>"
	       "</style>", ids, 1, "Why! then,. so “q.” end");
}

/* The CPU time of registering N items in reverse, and sorting, rendering and citing
 * them all: a bibliography of N works. */
static double
bibliography_cpu(size_t n)
{
	static const char style_text[] = HEAD "<citation><layout><text variable=\"title\"/>"
		"</layout></citation><bibliography><sort><key variable=\"author\"/>"
		"<key variable=\"title\"/></sort><layout><names variable=\"author\"/>"
		"<text variable=\"title\" prefix=\". \" font-style=\"italic\"/></layout>"
		"</bibliography></style>";
	struct unit_capture c;
	struct csl_style *style;
	struct csl_engine *e;
	struct buf json = {0};
	const char **ids = mem_realloc_array(NULL, n, sizeof(*ids));
	char **names = mem_realloc_array(NULL, n, sizeof(*names));
	struct csl_cite cite;
	struct rt **entries;
	clock_t start;
	size_t i, got;

	unit_capture_init(&c);
	style = csl_style_load_memory("t.csl", style_text, strlen(style_text), &c.d);
	assert_non_null(style);
	buf_puts(&json, "[");
	for (i = 0; i < n; i++) {
		struct buf id = {0};

		buf_printf(&json, "%s{\"id\":\"w%zu\",\"type\":\"book\",\"title\":\"Title %zu\","
		           "\"author\":[{\"family\":\"Author%zu\",\"given\":\"A.\"}]}",
		           i ? "," : "", i, n - i, i % 97);
		buf_printf(&id, "w%zu", n - 1 - i);
		names[i] = id.data;
		ids[i] = names[i];
	}
	buf_puts(&json, "]");
	start = clock();
	e = csl_engine_new(style, NULL, "en-US", &c.d);
	assert_non_null(e);
	assert_int_equal(csl_engine_add_json(e, json.data, json.len, "items.json", &c.d), 0);
	csl_engine_register(e, ids, n);
	memset(&cite, 0, sizeof(cite));
	for (i = 0; i < n; i++) {
		cite.id = ids[i];
		rt_free(csl_engine_cite(e, &cite, 1, false, &c.d));
	}
	got = csl_engine_bibliography(e, &entries);
	assert_int_equal(got, n);
	for (i = 0; i < got; i++)
		rt_free(entries[i]);
	free(entries);
	csl_engine_free(e);
	start = clock() - start;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ids);
	buf_free(&json);
	csl_style_free(style);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	return (double)start;
}

/* Ten times the works take at most 25 times the time (n log n: about 13; a pass
 * over every pair of them, 100): registering, looking a cite's item up and sorting
 * are not quadratic. Best of three against noise. */
static void
test_bibliography_scales(void **state)
{
	double small = 1e300, large = 1e300, t;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		if ((t = bibliography_cpu(1000)) < small)
			small = t;
		if ((t = bibliography_cpu(10000)) < large)
			large = t;
	}
	if (large > 25 * small)
		fail_msg("10,000 works took %.0f times the CPU of 1,000", large / small);
}

/* A bibliography large enough to be rendered in two halves at once (HALVES_MIN)
 * comes out as one rendered in order: each entry its own work's, sorted, and
 * subsequent-author-substitute applied across the halves' seam (works 99 to 101 have
 * one author). */
static void
test_bibliography_in_halves(void **state)
{
	static const char style_text[] = HEAD "<citation><layout><text variable=\"title\"/>"
		"</layout></citation><bibliography subsequent-author-substitute=\"---\">"
		"<sort><key variable=\"author\"/><key variable=\"title\"/></sort><layout>"
		"<names variable=\"author\"/><text variable=\"title\" prefix=\". \"/>"
		"</layout></bibliography></style>";
	enum { N = 200 };
	struct unit_capture c;
	struct csl_style *style;
	struct csl_engine *e;
	struct buf json = {0};
	char id[N][8];
	const char *ids[N];
	struct rt **entries;
	size_t i;

	(void)state;
	unit_capture_init(&c);
	style = csl_style_load_memory("t.csl", style_text, strlen(style_text), &c.d);
	assert_non_null(style);
	buf_puts(&json, "[");
	for (i = 0; i < N; i++) {
		buf_printf(&json, "%s{\"id\":\"w%zu\",\"type\":\"book\",\"title\":\"T%03zu\","
		           "\"author\":[{\"literal\":\"A%03zu\"}]}", i ? "," : "", i, i, i / 3);
		snprintf(id[i], sizeof(id[i]), "w%zu", N - 1 - i);
		ids[i] = id[i];
	}
	buf_puts(&json, "]");
	e = csl_engine_new(style, NULL, "en-US", &c.d);
	assert_non_null(e);
	assert_int_equal(csl_engine_add_json(e, json.data, json.len, "items.json", &c.d), 0);
	csl_engine_register(e, ids, N);
	assert_int_equal(csl_engine_bibliography(e, &entries), N);
	for (i = 0; i < N; i++) {
		struct buf got = {0};
		char want[32];

		if (i % 3 == 0)
			snprintf(want, sizeof(want), "A%03zu. T%03zu", i / 3, i);
		else
			snprintf(want, sizeof(want), "---. T%03zu", i);
		rt_plain(entries[i], &got);
		assert_string_equal(got.data, want);
		buf_free(&got);
		rt_free(entries[i]);
	}
	free(entries);
	csl_engine_free(e);
	csl_style_free(style);
	buf_free(&json);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
}

static void
test_json_particles_and_errors(void **state)
{
	struct csl_items list = {NULL, 0};
	struct unit_capture c;
	static const char json[] = "[{\"id\":\"x\",\"author\":[{\"family\":\"de la Fontaine\","
	                           "\"given\":\"Jean, Jr.\"}]}]";
	const struct csl_var *v;

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(csl_json_read(&list, json, strlen(json), "x.json", &c.d), 0);
	assert_int_equal(list.n, 1);
	assert_string_equal(list.items[0].id, "x");
	v = csl_item_var(&list.items[0], "author");
	assert_non_null(v);
	assert_string_equal(v->names[0].non_dropping, "de la");
	assert_string_equal(v->names[0].family, "Fontaine");
	assert_string_equal(v->names[0].given, "Jean");
	assert_string_equal(v->names[0].suffix, "Jr.");
	assert_int_equal(csl_json_read(&list, "{\"id\":1}", 8, "bad.json", &c.d), -1);
	assert_contains(unit_capture_text(&c), "bad.json: error: CSL-JSON must be an array "
	                "of items [csl]");
	csl_items_free(&list);
	unit_capture_free(&c);
}

static void
test_markup_parsed(void **state)
{
	struct rt *t = rt_parse("a <i>b <b>c</b></i> <span class=\"nocase\">d</span> <x>");
	struct rt_quotes q = {"“", "”", "‘", "’", true};
	struct buf out = {0};

	(void)state;
	csl_out_html(t, &q, &out);
	assert_string_equal(out.data, "a <i>b <b>c</b></i> d &#60;x&#62;");
	rt_free(t);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_dates),
		cmocka_unit_test(test_runs_on_without_layout_suffix),
		cmocka_unit_test(test_bibliography_scales),
		cmocka_unit_test(test_bibliography_in_halves),
		cmocka_unit_test(test_localized_date_and_page_range),
		cmocka_unit_test(test_text_case_and_quotes),
		cmocka_unit_test(test_group_suppressed_when_variables_empty),
		cmocka_unit_test(test_year_suffix_disambiguates),
		cmocka_unit_test(test_position_condition),
		cmocka_unit_test(test_year_collapse_groups_by_author),
		cmocka_unit_test(test_punctuation_meets_by_table),
		cmocka_unit_test(test_json_particles_and_errors),
		cmocka_unit_test(test_markup_parsed),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
