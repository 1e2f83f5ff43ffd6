/* test_validate.c - the built-in schema and the tree rules: what is valid, and where
 * each kind of problem is reported. */
#include "unit.h"

#include <libxml/parser.h>

#include "validate.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ARTICLE "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n"
#define INFO "  <info><title>T</title><author><personname><firstname>A</firstname>" \
             "<surname>B</surname></personname></author></info>\n"

/* Loads TEXT, validates it with a fresh validator and returns what was printed (to free);
 * *ERRORS gets validate_source's count, *PATH the brief's path (to unit_rmfile). */
static char *
check(const char *text, unsigned *errors, char **path)
{
	struct unit_capture c;
	struct validator *v;
	struct source src;
	char *out;

	unit_capture_init(&c);
	*path = unit_load(&src, text, &c.d);
	v = validate_new(&c.d);
	assert_non_null(v);
	*errors = validate_source(v, &src, &c.d);
	assert_int_equal(c.d.errors, *errors);
	assert_int_equal(diag_status(&c.d), *errors ? EXIT_INPUT : EXIT_CLEAN);
	out = strdup(unit_capture_text(&c));
	assert_non_null(out);
	validate_free(v);
	source_free(&src);
	unit_capture_free(&c);
	return out;
}

/* Asserts that OUT is one line, "PATH:LINE:COL: error: ... [RULE]", naming WORD. */
static void
assert_one_finding(const char *out, const char *path, unsigned line, unsigned col,
                   const char *rule, const char *word)
{
	char want[512];
	const char *eol = strchr(out, '\n');

	snprintf(want, sizeof(want), "%s:%u:%u: error: ", path, line, col);
	if (strncmp(out, want, strlen(want)) != 0)
		fail_msg("expected a finding starting \"%s\", got:\n%s", want, out);
	snprintf(want, sizeof(want), " [%s]\n", rule);
	if (eol == NULL || eol[1] != '\0' || strstr(out, want) != eol - strlen(want) + 1)
		fail_msg("expected one line ending \"%s\", got:\n%s", want, out);
	assert_contains(out, word);
}

static void
test_minimal_brief_is_valid(void **state)
{
	unsigned errors = 99;
	char *path, *out = check(HEAD ARTICLE INFO "  <para>x</para>\n</article>\n", &errors,
	                         &path);

	(void)state;
	assert_int_equal(errors, 0);
	assert_string_equal(out, "");
	free(out);
	unit_rmfile(path);
}

static void
test_repository_article_is_valid(void **state)
{
	char *path = unit_repo_path("sources/aqim-reemergence.xml");
	struct unit_capture c;
	struct validator *v;
	struct source src = {0};

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_OK);
	v = validate_new(&c.d);
	assert_non_null(v);
	assert_int_equal(validate_source(v, &src, &c.d), 0);
	/* The same validator checks a second time with the same result. */
	assert_int_equal(validate_source(v, &src, &c.d), 0);
	assert_string_equal(unit_capture_text(&c), "");
	assert_int_equal(diag_status(&c.d), EXIT_CLEAN);
	validate_free(v);
	source_free(&src);
	unit_capture_free(&c);
	free(path);
}

/* Links may point forward or back, to any element with that xml:id. */
static void
test_links_that_resolve_are_valid(void **state)
{
	unsigned errors = 99;
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para xml:id=\"p1\">See <xref linkend=\"s1\"/>.<footnote xml:id=\"n1\">"
		"<para>n</para></footnote> Again<footnoteref linkend=\"n1\"/>.</para>\n"
		"  <section xml:id=\"s1\"><title>S</title><para>Back to "
		"<link linkend=\"p1\">the start</link>.</para></section>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 0);
	assert_string_equal(out, "");
	free(out);
	unit_rmfile(path);
}

static void
test_missing_title(void **state)
{
	unsigned errors = 0;
	char *path, *out = check(
		HEAD ARTICLE
		"  <info><author><orgname>O</orgname></author></info>\n"
		"  <para>x</para>\n</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 1);
	/* At <author>, where <title> should have been. */
	assert_one_finding(out, path, 3, 9, "schema", "<title>");
	free(out);
	unit_rmfile(path);
}

static void
test_misspelt_element(void **state)
{
	unsigned errors = 0;
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para>x</para>\n"
		"  <para>a “b” <emphsis>c</emphsis></para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 1);
	assert_one_finding(out, path, 5, 15, "schema", "emphsis");
	free(out);
	unit_rmfile(path);
}

static void
test_element_outside_docbook_namespace(void **state)
{
	unsigned errors = 0;
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para xmlns=\"http://example.org/x\">x</para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 1);
	assert_one_finding(out, path, 4, 3, "schema", "http://example.org/x");
	free(out);
	unit_rmfile(path);
}

static void
test_duplicate_id(void **state)
{
	unsigned errors = 0;
	char want[1024];
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para xml:id=\"a\">x</para>\n"
		"  <para>y <phrase xml:id=\"a\">z</phrase></para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 1);
	snprintf(want, sizeof(want),
	         "%s:5:11: error: xml:id \"a\" is already used; ids must be unique "
	         "[duplicate-id]\n"
	         "%s:4:3: note: \"a\" first defined here\n", path, path);
	assert_string_equal(out, want);
	free(out);
	unit_rmfile(path);
}

static void
test_broken_link(void **state)
{
	unsigned errors = 0;
	char want[1024];
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para>x<footnoteref linkend=\"nope\"/></para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 1);
	snprintf(want, sizeof(want),
	         "%s:4:10: error: linkend \"nope\" names no element; add that xml:id or fix "
	         "the link [broken-link]\n", path);
	assert_string_equal(out, want);
	free(out);
	unit_rmfile(path);
}

/* Schema errors in two places, a broken link and a duplicate id: all of them, in order
 * of position, each note after its finding. */
static void
test_several_problems_in_one_run(void **state)
{
	unsigned errors = 0;
	char want[1024];
	char *path, *out = check(
		HEAD ARTICLE
		"  <info><author><orgname>O</orgname></author></info>\n"
		"  <para xml:id=\"a\">x<footnoteref linkend=\"nope\"/></para>\n"
		"  <para xml:id=\"a\">y<emphsis>z</emphsis></para>\n"
		"</article>\n", &errors, &path);
	const char *line;
	int n = 0;

	(void)state;
	assert_int_equal(errors, 4);
	snprintf(want, sizeof(want),
	         "%s:4:21: error: linkend \"nope\" names no element; add that xml:id or fix "
	         "the link [broken-link]\n"
	         "%s:5:3: error: xml:id \"a\" is already used; ids must be unique "
	         "[duplicate-id]\n"
	         "%s:4:3: note: \"a\" first defined here\n", path, path, path);
	assert_contains(out, want);
	/* Five lines: the two schema errors first and last, by position. */
	for (line = out; *line != '\0'; line = strchr(line, '\n') + 1)
		n++;
	assert_int_equal(n, 5);
	snprintf(want, sizeof(want), "%s:3:9: error: ", path);
	assert_memory_equal(out, want, strlen(want));
	line = strstr(out, "first defined here\n") + strlen("first defined here\n");
	snprintf(want, sizeof(want), "%s:5:21: error: ", path);
	assert_memory_equal(line, want, strlen(want));
	assert_contains(line, "emphsis");
	assert_contains(line, " [schema]\n");
	free(out);
	unit_rmfile(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_brief_is_valid),
		cmocka_unit_test(test_repository_article_is_valid),
		cmocka_unit_test(test_links_that_resolve_are_valid),
		cmocka_unit_test(test_missing_title),
		cmocka_unit_test(test_misspelt_element),
		cmocka_unit_test(test_element_outside_docbook_namespace),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_broken_link),
		cmocka_unit_test(test_several_problems_in_one_run),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
