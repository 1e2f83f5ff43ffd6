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

/* The findings a run counted. */
struct counts {
	unsigned errors, warnings;
};

/* Loads TEXT and validates it; returns what was printed (to free), *ERRORS the count
 * validate_source returns, *PATH the brief (to unit_rmfile). Unlike check, the findings
 * counted (*COUNTS) may differ from that: warnings, and errors that do not stop
 * resolution. */
static char *
lint(const char *text, unsigned *errors, struct counts *counts, char **path)
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
	out = strdup(unit_capture_text(&c));
	assert_non_null(out);
	counts->errors = c.d.errors;
	counts->warnings = c.d.warnings;
	validate_free(v);
	source_free(&src);
	unit_capture_free(&c);
	return out;
}

/* Asserts that OUT is WANT, with "PATH" in WANT standing for the brief. */
static void
assert_findings(const char *out, const char *path, const char *want)
{
	char expanded[4096];
	size_t n = 0;

	for (; *want != '\0' && n + strlen(path) < sizeof(expanded) - 1; want++) {
		if (strncmp(want, "PATH", 4) == 0) {
			n += (size_t)sprintf(expanded + n, "%s", path);
			want += 3;
		} else {
			expanded[n++] = *want;
		}
	}
	expanded[n] = '\0';
	if (strcmp(out, expanded) != 0) {
		/* Printed whole: cmocka cuts long messages short. */
		fprintf(stderr, "findings differ; wanted:\n%s\ngot:\n%s\n", expanded, out);
		fail();
	}
}

/* A footnote in a footnote: one finding, of its own rule, where libxml2's schema error
 * would have been (the inner footnote), and no [schema] line; deeper ones are part of
 * it. It stops resolution, as an invalid tree does. */
static void
test_nested_footnote(void **state)
{
	unsigned errors = 0;
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para>x<footnote><para>Outer<footnote><para>inner</para></footnote>.</para>"
		"</footnote></para>\n"
		"  <para>y<footnote><footnote><para>a<footnote><para>b</para></footnote></para>"
		"</footnote><para>z</para></footnote></para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 2);
	assert_findings(out, path,
	                "PATH:4:31: error: footnote inside note 1; a note cannot hold another: "
	                "move this one into the text, or merge it into note 1 [nested-footnote]\n"
	                "PATH:5:20: error: footnote inside note 3; a note cannot hold another: "
	                "move this one into the text, or merge it into note 3 [nested-footnote]\n");
	free(out);
	unit_rmfile(path);
}

/* libxml2 stops looking at a paragraph after its first error, so a footnote nested
 * after it is never a schema error; it is still found. */
static void
test_nested_footnote_after_a_schema_error(void **state)
{
	unsigned errors = 0;
	char *path, *out = check(
		HEAD ARTICLE INFO
		"  <para>x<footnote><para>A <bold>b</bold> <footnote><para>c</para></footnote>"
		"</para></footnote></para>\n"
		"</article>\n", &errors, &path);

	(void)state;
	assert_int_equal(errors, 2);
	assert_findings(out, path,
	                "PATH:4:28: error: Did not expect element bold there (inside <para>) "
	                "[schema]\n"
	                "PATH:4:43: error: footnote inside note 1; a note cannot hold another: "
	                "move this one into the text, or merge it into note 1 [nested-footnote]\n");
	free(out);
	unit_rmfile(path);
}

#define XLINK_ARTICLE "<article xmlns=\"http://docbook.org/ns/docbook\" " \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"5.0\" xml:lang=\"en\">\n"

/* Links and identifiers that lead nowhere are errors, but leave the tree fit to
 * resolve; an IRI, an upper-case scheme and a port are fine. */
static void
test_malformed_urls(void **state)
{
	unsigned errors = 99;
	struct counts counts;
	char *path, *out = lint(
		HEAD XLINK_ARTICLE INFO
		"  <para><link xlink:href=\"www.elcano.org\">a</link> <link xlink:href=\" "
		"https://elpais.com/espa\u00f1a/ \">b</link> <link xlink:href=\"HTTP://X.ORG:8080/\">"
		"c</link> <link xlink:href=\"htp://x.org\">d</link> <link xlink:href=\"https://\">e"
		"</link> <link xlink:href=\"http://x.org:99999999999/\">f</link></para>\n"
		"  <para>g<footnote><para><citation><author><orgname>O</orgname></author>. "
		"<citetitle>T</citetitle>. <citebiblioid class=\"uri\">https://x.org/a b"
		"</citebiblioid>.</citation></para></footnote></para>\n"
		"  <bibliography><biblioentry xml:id=\"e\"><title>T</title>\n"
		"    <biblioid class=\"doi\">10.5555/jde.2019.0312</biblioid>\n"
		"    <biblioid class=\"doi\">https://doi.org/10.5555/x</biblioid>\n"
		"    <biblioid class=\"doi\">10.55/x</biblioid>\n"
		"    <biblioid class=\"uri\">\n      https://www.crisisgroup.org/\n    </biblioid>\n"
		"    <biblioid class=\"isbn\">not checked</biblioid>\n"
		"  </biblioentry></bibliography>\n"
		"</article>\n", &errors, &counts, &path);

	(void)state;
	assert_int_equal(errors, 0);
	assert_int_equal(counts.errors, 7);
	assert_findings(out, path,
	                "PATH:4:9: error: URL \"www.elcano.org\" has no scheme; begin it with "
	                "https:// (or http://) [malformed-url]\n"
	                "PATH:4:156: error: URL \"htp://x.org\" has the scheme \"htp\"; write an "
	                "http or https URL [malformed-url]\n"
	                "PATH:4:196: error: URL \"https://\" names no host; write it as "
	                "https://host/path [malformed-url]\n"
	                "PATH:4:233: error: URL \"http://x.org:99999999999/\" is not a "
	                "well-formed URL; write the characters a URL cannot hold "
	                "(\" < > { } | \\ ^ `) as %XX [malformed-url]\n"
	                "PATH:5:101: error: URL \"https://x.org/a b\" contains a space; write "
	                "each space as %20 [malformed-url]\n"
	                "PATH:8:5: error: DOI \"https://doi.org/10.5555/x\" is not of the form "
	                "10.NNNN/suffix; write the bare DOI, without \"doi:\" or "
	                "\"https://doi.org/\" [malformed-url]\n"
	                "PATH:9:5: error: DOI \"10.55/x\" is not of the form 10.NNNN/suffix; "
	                "write the bare DOI, without \"doi:\" or \"https://doi.org/\" "
	                "[malformed-url]\n");
	free(out);
	unit_rmfile(path);
}

/* A note with nothing but white space (no-break spaces too) says nothing; one that
 * holds only a cross-reference or a biblioref says something. */
static void
test_empty_notes(void **state)
{
	unsigned errors = 99;
	struct counts counts;
	char *path, *out = lint(
		HEAD ARTICLE INFO
		"  <para xml:id=\"p\">a<footnote><para> </para>\n  </footnote> "
		"b<footnote><para>\u00a0<emphasis> </emphasis></para><para/></footnote> "
		"c<footnote><para><xref linkend=\"p\"/></para></footnote> "
		"d<footnote><para>Text.</para></footnote></para>\n"
		"</article>\n", &errors, &counts, &path);

	(void)state;
	assert_int_equal(errors, 0);
	assert_int_equal(counts.warnings, 2);
	assert_findings(out, path,
	                "PATH:4:21: warning: note 1 is empty; write the note or remove the "
	                "footnote [empty-note]\n"
	                "PATH:5:16: warning: note 2 is empty; write the note or remove the "
	                "footnote [empty-note]\n");
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
		cmocka_unit_test(test_nested_footnote),
		cmocka_unit_test(test_nested_footnote_after_a_schema_error),
		cmocka_unit_test(test_malformed_urls),
		cmocka_unit_test(test_empty_notes),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
