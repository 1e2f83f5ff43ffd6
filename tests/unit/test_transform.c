/* test_transform.c - the HTML stylesheet on a small brief, stylesheet failures, and the
 * security policy: no reading, writing or loading outside the stylesheet directory. */
#include "unit.h"

#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

#include "resolve.h"
#include "transform.h"

#define BRIEF \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"  <info><title>The “brief” title</title><author><personname><firstname>A</firstname>" \
	"<surname>B</surname></personname></author></info>\n" \
	"  <para>Text.<footnote xml:id=\"n1\"><para>The note.</para></footnote> More.</para>\n" \
	"</article>\n"

#define STYLESHEET_OPEN \
	"<?xml version=\"1.0\"?>\n" \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"" \
	" xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">\n" \
	"<xsl:output method=\"text\"/>\n"

/* Loads TEXT into SRC as the pipeline hands it to the stylesheets: resolved, with the
 * model written into the tree. Returns the path, as unit_load does. */
static char *
load_resolved(struct source *src, const char *text, struct diag *d)
{
	char *path = unit_load(src, text, d);
	struct cite_model *m = resolve_source(src, d);

	resolve_annotate(m, src->doc);
	cite_model_free(m);
	return path;
}

/* Runs the stylesheet directory DIR over BRIEF; returns transform_run's result, with
 * the output in *OUT (NULL if none) and the diagnostics in *DIAG (caller frees both). */
static int
run(const char *dir, char **out, size_t *len, char **diag)
{
	struct unit_capture c;
	struct transform *t;
	struct source src;
	struct buf bytes = {0};
	char *path;
	int ret;

	unit_capture_init(&c);
	path = load_resolved(&src, BRIEF, &c.d);
	t = transform_new(dir, &c.d);
	assert_non_null(t);
	ret = transform_run(t, SHEET_HTML, src.doc, src.path, NULL, &bytes, &c.d);
	*out = bytes.data;
	*len = bytes.len;
	assert_int_equal(c.d.errors == 0, ret == 0);
	*diag = strdup(unit_capture_text(&c));
	assert_non_null(*diag);
	transform_free(t);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
	return ret;
}

/* A stylesheet directory holding html.xsl with BODY inside xsl:stylesheet. */
static char *
xsl_dir(const char *body)
{
	char *dir = unit_tempdir();
	size_t n = strlen(STYLESHEET_OPEN) + strlen(body) + 32;
	char *text = malloc(n);

	assert_non_null(text);
	snprintf(text, n, "%s%s</xsl:stylesheet>\n", STYLESHEET_OPEN, body);
	free(unit_write(dir, "html.xsl", text, strlen(text)));
	free(text);
	return dir;
}

static void
test_html_of_a_brief(void **state)
{
	char *dir = unit_repo_path("xsl");
	struct unit_capture c;
	struct transform *t;
	struct source src;
	struct buf bytes = {0}, again = {0};
	char *path, *out;

	(void)state;
	unit_capture_init(&c);
	path = load_resolved(&src, BRIEF, &c.d);
	t = transform_new(dir, &c.d);
	assert_non_null(t);
	assert_int_equal(transform_run(t, SHEET_HTML, src.doc, src.path, NULL, &bytes, &c.d), 0);
	out = bytes.data;
	assert_non_null(out);
	assert_int_equal(strlen(out), bytes.len);
	assert_memory_equal(out, "<!DOCTYPE html>\n", 16);
	assert_contains(out, "<html lang=\"en\">");
	assert_contains(out, "<title>The “brief” title</title>");
	assert_contains(out, "<h1>The “brief” title</h1>");
	assert_contains(out, "<meta name=\"author\" content=\"A B\">");
	/* The note reference and the note, linked both ways. */
	assert_contains(out, "<p>Text.<sup class=\"noteref\"><a href=\"#n1\" id=\"n1-ref\" "
	                     "role=\"doc-noteref\" aria-label=\"Note 1\">1</a></sup> More.</p>");
	assert_contains(out, "<li id=\"n1\">The note. <a href=\"#n1-ref\" role=\"doc-backlink\"");
	assert_contains(out, "<h2 id=\"notes-title\">Notes</h2>");
	assert_not_contains(out, "docbook.org");

	/* The compiled stylesheet is reused; the output is the same. */
	assert_int_equal(transform_run(t, SHEET_HTML, src.doc, src.path, NULL, &again, &c.d), 0);
	assert_int_equal(again.len, bytes.len);
	assert_string_equal(again.data, out);
	assert_string_equal(unit_capture_text(&c), "");

	buf_free(&again);
	buf_free(&bytes);
	transform_free(t);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
	free(dir);
}

static void
test_missing_directory(void **state)
{
	char *dir = unit_tempdir();
	char missing[256], want[512];
	char *file;
	struct unit_capture c;

	(void)state;
	snprintf(missing, sizeof(missing), "%s/no-such-dir", dir);
	unit_capture_init(&c);
	assert_null(transform_new(missing, &c.d));
	snprintf(want, sizeof(want),
	         "%s: error: stylesheet directory not found (use --xsl-dir) [io]\n", missing);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);

	/* A regular file is not a stylesheet directory either. */
	file = unit_write(dir, "html.xsl", "x", 1);
	assert_null(transform_new(file, &c.d));
	assert_int_equal(c.d.io_errors, 2);
	free(file);
	unit_capture_free(&c);
	unit_rmtree(dir);
	free(dir);
}

static void
test_stylesheet_not_well_formed(void **state)
{
	char *dir = xsl_dir("<xsl:template match=\"/\">unclosed</xsl:templat>\n");
	char *out, *diag, want[512];
	size_t len;

	(void)state;
	assert_int_equal(run(dir, &out, &len, &diag), -1);
	assert_null(out);
	snprintf(want, sizeof(want), "%s/html.xsl: error: stylesheet does not compile [xslt]\n",
	         dir);
	assert_contains(diag, want);
	/* libxml2's error about the stylesheet is reported at its own line and column. */
	snprintf(want, sizeof(want), "%s/html.xsl:4:47: error: Opening and ending tag mismatch: "
	         "template line 4 and templat [xslt]\n", dir);
	assert_contains(diag, want);
	assert_not_contains(diag, "[xml]");
	free(diag);
	unit_rmtree(dir);
	free(dir);
}

static void
test_stylesheet_with_unknown_instruction(void **state)
{
	char *dir = xsl_dir("<xsl:template match=\"/\"><xsl:frobnicate/></xsl:template>\n");
	char *out, *diag, want[512];
	size_t len;

	(void)state;
	assert_int_equal(run(dir, &out, &len, &diag), -1);
	assert_null(out);
	snprintf(want, sizeof(want), "%s/html.xsl: error: ", dir);
	assert_memory_equal(diag, want, strlen(want));
	assert_contains(diag, "frobnicate");
	assert_contains(diag, " [xslt]\n");
	free(diag);
	unit_rmtree(dir);
	free(dir);
}

/* A stylesheet that fails while running (xsl:message terminate) is an xslt error. */
static void
test_stylesheet_terminates(void **state)
{
	char *dir = xsl_dir("<xsl:template match=\"/\">"
	                    "<xsl:message terminate=\"yes\">gave up</xsl:message>"
	                    "</xsl:template>\n");
	char *out, *diag;
	size_t len;

	(void)state;
	assert_int_equal(run(dir, &out, &len, &diag), -1);
	assert_null(out);
	assert_contains(diag, "gave up [xslt]\n");
	free(diag);
	unit_rmtree(dir);
	free(dir);
}

/* document() may not read a file, even one the process could read. */
static void
test_document_cannot_read_files(void **state)
{
	char *secret_dir = unit_tempdir();
	char *secret = unit_write(secret_dir, "secret.xml", "<s>SECRET-7f3a</s>", 18);
	char body[1024], *dir, *out, *diag;
	size_t len;
	int ret;

	(void)state;
	snprintf(body, sizeof(body),
	         "<xsl:template match=\"/\">[<xsl:value-of select=\"document('%s')\"/>]"
	         "[<xsl:value-of select=\"document('file://%s')\"/>]</xsl:template>\n",
	         secret, secret);
	dir = xsl_dir(body);
	ret = run(dir, &out, &len, &diag);
	if (ret == 0)
		assert_not_contains(out, "SECRET-7f3a");
	assert_int_equal(ret, -1);
	assert_null(out);
	snprintf(body, sizeof(body), "read rights for %s denied [xslt]\n", secret);
	assert_contains(diag, body);
	snprintf(body, sizeof(body), "read rights for file://%s denied [xslt]\n", secret);
	assert_contains(diag, body);
	assert_not_contains(diag, "SECRET-7f3a");
	free(out);
	free(diag);
	unit_rmtree(dir);
	free(dir);
	unit_rmtree(secret_dir);
	free(secret_dir);
	free(secret);
}

/* Runs html.xsl as ELEMENT (with ATTRS) writing a file, *TARGET (of SIZE): asserts
 * that the run fails and nothing is written. Returns what briefc said (caller frees). */
static char *
document_written(const char *element, const char *attrs, char *target, size_t size)
{
	char *target_dir = unit_tempdir();
	char body[1024], *dir, *out, *diag;
	size_t len;
	int ret;

	snprintf(target, size, "%s/written.txt", target_dir);
	snprintf(body, sizeof(body),
	         "<xsl:template match=\"/\">out<%s href=\"%s\" %s>"
	         "PWNED</%s></xsl:template>\n", element, target, attrs, element);
	dir = xsl_dir(body);
	ret = run(dir, &out, &len, &diag);
	assert_int_equal(access(target, F_OK), -1);
	assert_int_equal(ret, -1);
	assert_null(out);
	free(out);
	unit_rmtree(dir);
	free(dir);
	unit_rmtree(target_dir);
	free(target_dir);
	return diag;
}

/* xsl:document (libxslt's own, XSLT 1.1) may not write a file. */
static void
test_xsl_document_cannot_write_files(void **state)
{
	char target[256], expect[512];
	char *diag = document_written("xsl:document", "method=\"text\"", target,
	                              sizeof(target));

	(void)state;
	snprintf(expect, sizeof(expect), "write rights for %s denied [xslt]\n", target);
	assert_contains(diag, expect);
	free(diag);
}

/* EXSLT is not registered (no stylesheet of briefc's uses it): exsl:document is no
 * extension libxslt knows, and writes nothing. */
static void
test_exsl_document_unknown(void **state)
{
	char target[256];
	char *diag = document_written("exsl:document", "method=\"text\"", target,
	                              sizeof(target));

	(void)state;
	assert_contains(diag, "failed to find extension document [xslt]\n");
	free(diag);
}

/* xsl:include may load stylesheets from the stylesheet directory only. */
static void
test_include_outside_directory_refused(void **state)
{
	static const char evil[] =
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:template match=\"/\">EVIL-9c1d</xsl:template></xsl:stylesheet>";
	char *other = unit_tempdir();
	char *evil_path = unit_write(other, "evil.xsl", evil, strlen(evil));
	char body[1024], *dir, *out, *diag;
	size_t len;
	int ret;

	(void)state;
	snprintf(body, sizeof(body), "<xsl:include href=\"%s\"/>\n", evil_path);
	dir = xsl_dir(body);
	ret = run(dir, &out, &len, &diag);
	if (ret == 0)
		assert_not_contains(out, "EVIL-9c1d");
	assert_int_equal(ret, -1);
	assert_null(out);
	snprintf(body, sizeof(body), "unable to load %s [xslt]\n", evil_path);
	assert_contains(diag, body);
	assert_contains(diag, "stylesheet does not compile [xslt]\n");
	free(out);
	free(diag);
	unit_rmtree(dir);
	free(dir);
	unit_rmtree(other);
	free(other);
	free(evil_path);
}

/* Loads are checked on the resolved path: a symlink out of the directory, or a sibling
 * directory whose name merely starts with the stylesheet directory's, is refused. */
static void
test_include_escapes_refused(void **state)
{
	static const char evil[] =
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:template match=\"/\">EVIL-9c1d</xsl:template></xsl:stylesheet>";
	char *dir = unit_tempdir();
	char sibling[256], link[256], body[1024], *evil_path, *out, *diag;
	const char *const hrefs[] = {link, NULL};
	size_t len, i;

	(void)state;
	snprintf(sibling, sizeof(sibling), "%s-sibling", dir);
	assert_int_equal(mkdir(sibling, 0700), 0);
	evil_path = unit_write(sibling, "evil.xsl", evil, strlen(evil));
	snprintf(link, sizeof(link), "%s/link.xsl", dir);
	assert_int_equal(symlink(evil_path, link), 0);
	for (i = 0; i < 2; i++) {
		const char *href = hrefs[i] ? hrefs[i] : evil_path;

		snprintf(body, sizeof(body), "%s<xsl:include href=\"%s\"/>\n</xsl:stylesheet>\n",
		         STYLESHEET_OPEN, href);
		free(unit_write(dir, "html.xsl", body, strlen(body)));
		assert_int_equal(run(dir, &out, &len, &diag), -1);
		assert_null(out);
		snprintf(body, sizeof(body), "unable to load %s [xslt]\n", href);
		assert_contains(diag, body);
		assert_not_contains(diag, "EVIL-9c1d");
		free(diag);
	}
	unit_rmtree(dir);
	free(dir);
	unit_rmtree(sibling);
	free(evil_path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_of_a_brief),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_stylesheet_not_well_formed),
		cmocka_unit_test(test_stylesheet_with_unknown_instruction),
		cmocka_unit_test(test_stylesheet_terminates),
		cmocka_unit_test(test_document_cannot_read_files),
		cmocka_unit_test(test_xsl_document_cannot_write_files),
		cmocka_unit_test(test_exsl_document_unknown),
		cmocka_unit_test(test_include_outside_directory_refused),
		cmocka_unit_test(test_include_escapes_refused),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xsltCleanupGlobals();
	xmlCleanupParser();
	return failed;
}
