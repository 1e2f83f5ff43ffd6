/* test_import_md.c - the Markdown reader of briefc import, shape by shape: title, front
 * matter, byline, headings, lists, quotes, emphasis, links, notes (order, lines, several
 * paragraphs, missing, unused, again, nested), refusals, deep nesting, the article made
 * Markdown by tests/import/txt2md, and time linear in the input. */
#include "unit.h"

#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "import.h"
#include "mem.h"
#include "norm.h"

#define HEAD "<article xmlns=\"http://docbook.org/ns/docbook\" " \
	"xmlns:imp=\"urn:x-briefc:import\" version=\"5.0\" xml:lang=\"en\">"

/* TEXT read as the manuscript "t.md", reporting to C: the raw brief serialised (caller
 * frees), or NULL when the reader returned none. */
static char *
read_md(const char *text, size_t len, struct unit_capture *c)
{
	xmlDocPtr doc = import_md("t.md", text, len, &c->d);
	xmlChar *out = NULL;
	int n = 0;

	if (doc == NULL)
		return NULL;
	xmlDocDumpMemoryEnc(doc, &out, &n, "UTF-8");
	xmlFreeDoc(doc);
	assert_non_null(out);
	return (char *)out;
}

/* Asserts that TEXT reads, silently, into a brief holding each of the WANT strings. */
static void
assert_reads(const char *text, const char *const *want)
{
	struct unit_capture c;
	char *xml;

	unit_capture_init(&c);
	xml = read_md(text, strlen(text), &c);
	assert_non_null(xml);
	for (; *want != NULL; want++)
		assert_contains(xml, *want);
	assert_string_equal(unit_capture_text(&c), "");
	xmlFree(xml);
	unit_capture_free(&c);
}

/* Asserts that TEXT reads into a brief holding WANT (when not NULL) and reports exactly
 * REPORT. */
static void
assert_reports(const char *text, const char *want, const char *report)
{
	struct unit_capture c;
	char *xml;

	unit_capture_init(&c);
	xml = read_md(text, strlen(text), &c);
	if (want != NULL) {
		assert_non_null(xml);
		assert_contains(xml, want);
	} else
		assert_null(xml);
	assert_string_equal(unit_capture_text(&c), report);
	xmlFree(xml);
	unit_capture_free(&c);
}

static void
test_title_and_inlines(void **state)
{
	static const char *const want[] = {
		HEAD "<info><title>The <emphasis>title</emphasis></title></info>"
		"<para>Text with <emphasis>italics</emphasis>, <emphasis role=\"bold\">bold"
		"</emphasis> and code, on two lines, hard break.</para></article>",
		NULL};

	(void)state;
	assert_reads("# The *title*\n\nText with *italics*, __bold__ and `code`,\non two "
	             "lines,  \nhard break.\n", want);
}

static void
test_links_html_and_code_blocks(void **state)
{
	static const char *const want[] = {
		"<para>See the report (https://example.org/r), https://example.org/a, "
		"a@b.org, the map and the image.</para>",
		"<para>Some code here</para>",
		"<para>After bold.</para></article>",
		NULL};

	(void)state;
	assert_reads("# T\n\nSee [the report](https://example.org/r), "
	             "<https://example.org/a>, <a@b.org>, [the map](#map) and "
	             "![the image](i.png).\n\n    Some code\n    here\n\n<div>\nhtml\n</div>\n"
	             "\n***\n\nAfter <b>bold</b>.\n", want);
}

static void
test_front_matter(void **state)
{
	static const char text[] =
		"---\n"
		"title: \"Front: a title\"\n"
		"lang: fr-CA\n"
		"author:\n"
		"  - Ann Smith\n"
		"  - Bo Li\n"
		"affiliation: Baab Al-Shams \xE2\x80\x93 Contributing Editor\n"
		"# a comment\n"
		"other: ignored\n"
		"---\n"
		"# First\n"
		"\n"
		"By Not A Byline\n"
		"\n"
		"## Second\n"
		"\n"
		"Text[^1].\n"
		"\n"
		"[^1]: At line 19.\n";
	static const char *const want[] = {
		"version=\"5.0\" xml:lang=\"fr-CA\"><info><title>Front: a title</title>"
		"<author><personname>Ann Smith</personname><affiliation><jobtitle>"
		"Contributing Editor</jobtitle><orgname>Baab Al-Shams</orgname></affiliation>"
		"</author><author><personname>Bo Li</personname><affiliation>",
		"</info><bridgehead renderas=\"sect1\">First</bridgehead>"
		"<para>By Not A Byline</para>"
		"<bridgehead renderas=\"sect2\">Second</bridgehead>",
		"<footnote imp:n=\"1\" imp:line=\"19\"><para>At line 19.</para></footnote>",
		NULL};

	(void)state;
	assert_reads(text, want);
	/* Unclosed, or a blank line after "---": no front matter, a thematic break. */
	assert_reports("---\ntitle: X\n\n# T\n", "<info><title>T</title></info>"
	               "<para>title: X</para></article>", "");
	assert_reports("---\n\n# T\n\n---\n", "<info><title>T</title></info></article>",
	               "");
	assert_reports("---\ntitle: T\nno colon\nlang: 'e n'\ntitle:\n---\n", "xml:lang=\"en\">"
	               "<info><title>T</title></info></article>",
	               "t.md:3:1: error: front matter: no \"key: value\" here; briefc reads "
	               "title, author, lang, affiliation [manuscript]\n"
	               "t.md:4:1: error: front matter: \"e n\" is no language tag (like en "
	               "or fr-CA); xml:lang stays en [manuscript]\n");
}

static void
test_byline(void **state)
{
	static const char *const italic[] = {
		"<info><title>T</title><author><personname>Ann Smith</personname></author>"
		"<author><personname>Bo Li</personname></author>"
		"<author><personname>Cy Dee</personname></author></info><para>Text.</para>",
		NULL};
	static const char *const plain[] = {
		"<author><personname>Victoria Silva S\xC3\xA1nchez</personname></author></info>"
		"<para>Text.</para>",
		NULL};
	static const char *const none[] = {
		"<info><title>T</title></info><para>Text.</para><para>By Ann.</para>", NULL};

	(void)state;
	assert_reads("# T\n\n*By Ann Smith, Bo Li and Cy Dee*\n\nText.\n", italic);
	assert_reads("# T\nBy Victoria Silva S\xC3\xA1nchez\n\nText.\n", plain);
	/* Only right after the title; and a link is no byline. */
	assert_reads("# T\n\nText.\n\nBy Ann.\n", none);
	assert_reports("# T\n\nBy [Ann](https://a.org)\n", "<para>By Ann (https://a.org)"
	               "</para>", "");
}

static void
test_headings(void **state)
{
	static const char *const want[] = {
		"<info><title>T</title></info>"
		"<bridgehead renderas=\"sect1\">A</bridgehead>"
		"<bridgehead renderas=\"sect2\">B</bridgehead>"
		"<bridgehead renderas=\"sect3\">C</bridgehead>"
		"<bridgehead renderas=\"sect3\">D</bridgehead>"
		"<bridgehead renderas=\"sect1\">E</bridgehead>"
		"<blockquote><para>F</para></blockquote>"
		"<bridgehead renderas=\"sect1\">G</bridgehead></article>",
		NULL};

	(void)state;
	assert_reads("## A\n# T\n### B\n#### C\n##### D\n# E\n> ## F\n\nG\n-\n", want);
}

static void
test_lists_and_quotes(void **state)
{
	static const char *const want[] = {
		"<itemizedlist><listitem><para>a</para><itemizedlist><listitem><para>b</para>"
		"<orderedlist><listitem><para>c</para></listitem><listitem><para>d</para>"
		"</listitem></orderedlist></listitem></itemizedlist></listitem>"
		"<listitem><para>e</para><para>e2</para></listitem></itemizedlist>",
		"<blockquote><para>q1 <emphasis>q</emphasis></para><para>q2</para>"
		"<blockquote><para>inner</para></blockquote></blockquote></article>",
		NULL};

	(void)state;
	assert_reads("# T\n\n- a\n  - b\n    1. c\n    2. d\n- e\n\n  e2\n\n>\n\n> q1 *q*\n>\n"
	             "> q2\n>\n> > inner\n", want);
}

static void
test_notes_in_order_of_reference(void **state)
{
	static const char text[] =
		"# T\n"                                   /* 1 */
		"\n"
		"One[^b], *two[^a]* and three[^c].\n"     /* 3 */
		"\n"
		"[^a]: Note *a*, emphasis kept.\n"        /* 5 */
		"\n"
		"[^b]:\n"                                 /* 7 */
		"    First paragraph.\n"
		"\n"
		"    Second paragraph.\n"
		"[^c]: Three.\n";                         /* 11 */
	static const char *const want[] = {
		"<para>One<footnote imp:n=\"1\" imp:line=\"7\"><para>First paragraph.</para>"
		"<para>Second paragraph.</para></footnote>, <emphasis>two<footnote imp:n=\"2\" "
		"imp:line=\"5\"><para>Note <emphasis>a</emphasis>, emphasis kept.</para>"
		"</footnote></emphasis> and three<footnote imp:n=\"3\" imp:line=\"11\"><para>"
		"Three.</para></footnote>.</para></article>",
		NULL};

	(void)state;
	assert_reads(text, want);
	/* A note with no text still has its paragraph (RULE_EMPTY_NOTE is later). */
	assert_reports("# T\n\nA[^1].\n\n[^1]:\n", "A<footnote imp:n=\"1\" imp:line=\"5\">"
	               "<para/></footnote>.", "");
}

static void
test_note_problems(void **state)
{
	(void)state;
	assert_reports("# T\n\nA[^x] and `[^code]`.\n\nB [^y] [^].\n", "<para>A[^x] and "
	               "[^code].</para><para>B [^y] [^].</para>",
	               "t.md:3: error: note [^x] has no definition; add a line \"[^x]: its "
	               "text\" [manuscript]\n"
	               "t.md:5: error: note [^y] has no definition; add a line \"[^y]: its "
	               "text\" [manuscript]\n");
	assert_reports("# T\n\nA[^1].\n\n[^1]: One.\n[^2]: Never.\n\n[^1]: Again.\n",
	               "<para>A<footnote imp:n=\"1\" imp:line=\"5\"><para>One.</para>"
	               "</footnote>.</para></article>",
	               "t.md:6:1: error: note [^2] is never referred to, or its label is "
	               "defined again (the first definition counts); it is left out "
	               "[manuscript]\n"
	               "t.md:8:1: error: note [^1] is never referred to, or its label is "
	               "defined again (the first definition counts); it is left out "
	               "[manuscript]\n");
	assert_reports("# T\n\nA[^1] B[^1].\n\n[^1]: One[^2].\n\n[^2]: Two.\n",
	               "<para>A<footnote imp:n=\"1\" imp:line=\"5\"><para>One.</para>"
	               "</footnote> B.</para></article>",
	               "t.md:3: error: a note referred to again; a brief's note has one "
	               "place, its first reference, so this one is left out [manuscript]\n"
	               "t.md:5: error: a note referred to inside a note; a brief has no "
	               "notes in notes, so this reference is left out [manuscript]\n");
}

/* A million missing notes: a hundred findings and one that counts the rest. */
static void
test_reports_bounded(void **state)
{
	enum { N = 1 << 20 };
	struct buf md = {0};
	struct unit_capture c;
	xmlDocPtr doc;
	size_t i;

	(void)state;
	buf_puts(&md, "# T\n\n");
	for (i = 0; i < N; i++)
		buf_puts(&md, "[^x]\n");
	unit_capture_init(&c);
	doc = import_md("t.md", md.data, md.len, &c.d);
	assert_non_null(doc);
	assert_int_equal(c.d.errors, 101);
	assert_contains(unit_capture_text(&c), "t.md: error: 1048476 more problems with "
	                "the manuscript, like those above, are not shown [manuscript]\n");
	xmlFreeDoc(doc);
	unit_capture_free(&c);
	buf_free(&md);
}

static void
test_empty_and_refused(void **state)
{
	static const char no_title[] = "t.md:1: error: no title: begin the manuscript with "
		"a \"# Title\" line, or give \"title:\" in front matter [manuscript]\n";

	(void)state;
	assert_reports("", NULL, no_title);
	assert_reports("Text.\n\n## Heading\n\n#\n", NULL, no_title);
	assert_reports("---\ntitle: Only\n---\n", HEAD "<info><title>Only</title></info>"
	               "</article>", "");
	assert_reports("# T\n\nb\xC3(\n", NULL, "t.md:3:2: error: byte 0xC3 is not UTF-8 "
	               "here; save the manuscript as UTF-8 [encoding]\n");
	assert_reports("# T\n\n\xC3\xA9\x0C\n", NULL, "t.md:3:2: error: character U+000C, "
	               "which XML cannot hold; remove it [encoding]\n");
	assert_reports("# T\xEF\xBF\xBF\n", NULL, "t.md:1:4: error: character U+FFFF, "
	               "which XML cannot hold; remove it [encoding]\n");
}

/* The deepest element of DOC, counted from the root as 1, walked without recursion. */
static unsigned
tree_depth(xmlDocPtr doc)
{
	xmlNodePtr node = xmlDocGetRootElement(doc);
	unsigned depth = 1, most = 1;

	while (node != NULL) {
		if (node->children != NULL) {
			node = node->children;
			depth++;
		} else {
			while (node != NULL && node->next == NULL) {
				node = node->parent;
				depth--;
			}
			if (node != NULL)
				node = node->next;
		}
		if (node != NULL && node->type == XML_ELEMENT_NODE && depth > most)
			most = depth;
	}
	return most;
}

/* "# T\n\n", N copies of OPEN, "x", N copies of CLOSE: read, its depth bounded. */
static void
assert_nesting_bounded(const char *open, const char *close, const char *text)
{
	enum { N = 100000 };
	size_t no = strlen(open), nc = strlen(close), len = 0, i;
	char *md = malloc(8 + N * (no + nc) + 3);
	struct unit_capture c;
	xmlDocPtr doc;

	assert_non_null(md);
	len += (size_t)sprintf(md, "# T\n\n");
	for (i = 0; i < N; i++, len += no)
		memcpy(md + len, open, no);
	md[len++] = 'x';
	for (i = 0; i < N; i++, len += nc)
		memcpy(md + len, close, nc);
	md[len] = '\0';
	unit_capture_init(&c);
	doc = import_md("t.md", md, len, &c.d);
	assert_non_null(doc);
	assert_in_range(tree_depth(doc), 3, 40);
	assert_string_equal(unit_capture_text(&c), text);
	xmlFreeDoc(doc);
	unit_capture_free(&c);
	free(md);
}

static void
test_deep_nesting_bounded(void **state)
{
	static const char flat[] = "t.md:3: error: quotes, lists or emphasis nested more "
		"than 32 deep; the deeper ones are flattened [manuscript]\n";

	(void)state;
	assert_nesting_bounded(">", "", flat);
	assert_nesting_bounded("- ", "", flat);
	assert_nesting_bounded("1. ", "", flat);
	assert_nesting_bounded("> - ", "", flat);
	assert_nesting_bounded("*a **b ", "** c*", flat);
	/* Not nesting at all for cmark: brackets, backticks. */
	assert_nesting_bounded("[", "]", "");
}

/* The whole of the file at REL in the repository (caller frees). */
static char *
slurp(const char *rel, size_t *len)
{
	char *path = unit_repo_path(rel), *text = unit_slurp(path, len);

	free(path);
	return text;
}

/* The texts of the notes "[n] text" of the plain-text article, whitespace folded. */
static size_t
txt_notes(const char *txt, char **notes, size_t max)
{
	const char *line = txt, *end, *p;
	size_t n = 0;
	char *one;

	for (; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		if (line[0] != '[' || line[1] < '0' || line[1] > '9')
			continue;
		p = strchr(line, ']') + 1;
		one = strndup(p, (size_t)(end - p));
		assert_true(n < max);
		notes[n++] = norm_excerpt(one, 0);
		free(one);
	}
	return n;
}

static xmlNodePtr
next_element(xmlNodePtr node)
{
	while (node != NULL && node->type != XML_ELEMENT_NODE)
		node = node->next;
	return node;
}

/* The node after NODE in document order, or NULL. */
static xmlNodePtr
next_in_order(xmlNodePtr node)
{
	if (node->children != NULL)
		return node->children;
	while (node != NULL && node->next == NULL)
		node = node->parent;
	return node ? node->next : NULL;
}

static int
named(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name);
}

/* The article, made Markdown by tests/import/txt2md: its title, byline, headings,
 * list, quote, and notes that are the text's, in order, each with its line. */
static void
test_article(void **state)
{
	size_t len, tlen, nnotes, found = 0, heads = 0, items = 0, quotes = 0;
	char *md = slurp("tests/import/aqim-reemergence.md", &len);
	char *txt = slurp("../shared/article/re-emergence-of-aqim.txt", &tlen);
	char *notes[32], *text;
	struct unit_capture c;
	xmlDocPtr doc;
	xmlNodePtr node, info;
	xmlChar *s;

	(void)state;
	nnotes = txt_notes(txt, notes, 32);
	assert_int_equal(nnotes, 19);
	unit_capture_init(&c);
	doc = import_md("aqim-reemergence.md", md, len, &c.d);
	assert_non_null(doc);
	assert_string_equal(unit_capture_text(&c), "");

	info = next_element(xmlDocGetRootElement(doc)->children);
	s = xmlNodeGetContent(next_element(info->children));
	assert_string_equal((char *)s, "The re-emergence of al-Qaeda in the Islamic Maghreb");
	xmlFree(s);
	s = xmlNodeGetContent(next_element(next_element(info->children)->next));
	assert_string_equal((char *)s, "Victoria Silva S\xC3\xA1nchez" "Contributing\xC2\xA0"
	                    "EditorBaab Al-Shams");
	xmlFree(s);

	for (node = next_element(info->next); node != NULL; node = next_element(node->next)) {
		heads += named(node, "bridgehead");
		if (named(node, "itemizedlist"))
			items += xmlChildElementCount(node);
		if (named(node, "blockquote")) {
			quotes++;
			s = xmlNodeGetContent(node);
			assert_memory_equal(s, "[\xE2\x80\xA6] Algerian AQIM leaders", 24);
			xmlFree(s);
		}
	}
	for (node = info; node != NULL; node = next_in_order(node)) {
		if (!named(node, "footnote"))
			continue;
		assert_true(found < nnotes);
		s = xmlGetNsProp(node, BAD_CAST "n", BAD_CAST IMPORT_NS);
		assert_int_equal(atoi((char *)s), (int)found + 1);
		xmlFree(s);
		/* Note n is defined on line 52 + n of the Markdown. */
		s = xmlGetNsProp(node, BAD_CAST "line", BAD_CAST IMPORT_NS);
		assert_int_equal(atoi((char *)s), 53 + (int)found);
		xmlFree(s);
		s = xmlNodeGetContent(node);
		text = norm_excerpt((char *)s, 0);
		assert_string_equal(text, notes[found]);
		free(text);
		xmlFree(s);
		found++;
	}
	assert_int_equal(heads, 2);
	assert_int_equal(items, 4);
	assert_int_equal(quotes, 1);
	assert_int_equal(found, 19);
	while (nnotes > 0)
		free(notes[--nnotes]);
	xmlFreeDoc(doc);
	unit_capture_free(&c);
	free(txt);
	free(md);
}

/* tests/import/aqim-reemergence.md is what tests/import/txt2md makes of the article. */
static void
test_article_is_txt2md_output(void **state)
{
	char *script = unit_repo_path("tests/import/txt2md");
	char *txt = unit_repo_path("../shared/article/re-emergence-of-aqim.txt");
	char *cmd = malloc(strlen(script) + strlen(txt) + 16), *md, out[1 << 16];
	size_t len, n;
	FILE *p;

	(void)state;
	assert_non_null(cmd);
	sprintf(cmd, "perl '%s' '%s'", script, txt);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out), p);
	assert_int_equal(pclose(p), 0);
	md = slurp("tests/import/aqim-reemergence.md", &len);
	assert_int_equal(n, len);
	assert_memory_equal(out, md, len);
	free(md);
	free(cmd);
	free(txt);
	free(script);
}

/* Seconds to read COPIES copies of the article's body, each note labelled apart. */
static double
time_copies(const char *body, size_t copies)
{
	struct buf md = {0};
	struct unit_capture c;
	struct timespec t0, t1;
	const char *p, *hit;
	xmlDocPtr doc;
	double secs;
	size_t i;

	buf_puts(&md, "# Copies\n\n");
	for (i = 0; i < copies; i++) {
		for (p = body; (hit = strstr(p, "[^")) != NULL; p = hit + 2) {
			buf_append(&md, p, (size_t)(hit - p));
			buf_printf(&md, "[^%zu-", i);
		}
		buf_puts(&md, p);
		buf_puts(&md, "\n");
	}
	unit_capture_init(&c);
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	doc = import_md("copies.md", md.data, md.len, &c.d);
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
	assert_non_null(doc);
	assert_string_equal(unit_capture_text(&c), "");
	xmlFreeDoc(doc);
	unit_capture_free(&c);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("%zu copies of the article's body (%zu bytes): %.2f ms\n", copies,
	              md.len, secs * 1e3);
	buf_free(&md);
	return secs;
}

static void
test_time_linear(void **state)
{
	size_t len;
	char *md = slurp("tests/import/aqim-reemergence.md", &len);
	const char *body = strstr(md, "\nNowadays");
	double t250, t1000;

	(void)state;
	assert_non_null(body);
	time_copies(body, 1);
	t250 = time_copies(body, 250);
	t1000 = time_copies(body, 1000);
	/* Four times the input: about four times the time, far from sixteen. */
	assert_true(t1000 < 8 * t250 + 0.05);
	free(md);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_and_inlines),
		cmocka_unit_test(test_links_html_and_code_blocks),
		cmocka_unit_test(test_front_matter),
		cmocka_unit_test(test_byline),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_lists_and_quotes),
		cmocka_unit_test(test_notes_in_order_of_reference),
		cmocka_unit_test(test_note_problems),
		cmocka_unit_test(test_reports_bounded),
		cmocka_unit_test(test_empty_and_refused),
		cmocka_unit_test(test_deep_nesting_bounded),
		cmocka_unit_test(test_article),
		cmocka_unit_test(test_article_is_txt2md_output),
		cmocka_unit_test(test_time_linear),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
