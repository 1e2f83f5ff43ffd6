/* test_source.c - loading a brief: start-tag positions in characters, and every refusal
 * (DOCTYPE, malformed XML, empty, not UTF-8, unreadable, too big) with its rule; the
 * indentation dropped from block containers only, and from data files between tags. */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "source.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ARTICLE "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">"

/* The Nth (0-based) element named NAME under NODE, in document order. */
static xmlNodePtr
find(xmlNodePtr node, const char *name, int *nth)
{
	xmlNodePtr hit;

	for (; node != NULL; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)node->name, name) == 0 && (*nth)-- == 0)
			return node;
		if ((hit = find(node->children, name, nth)) != NULL)
			return hit;
	}
	return NULL;
}

static xmlNodePtr
element(const struct source *src, const char *name, int nth)
{
	xmlNodePtr node = find(xmlDocGetRootElement(src->doc), name, &nth);

	if (node == NULL)
		fail_msg("no <%s> number %d", name, nth);
	return node;
}

static void
assert_at(const struct source *src, const char *name, int nth, unsigned line,
          unsigned col)
{
	unsigned l = 99, c = 99;

	source_locate(src, element(src, name, nth), &l, &c);
	if (l != line || c != col)
		fail_msg("<%s> #%d at %u:%u, expected %u:%u", name, nth, l, c, line, col);
}

static void
test_positions_count_characters(void **state)
{
	static const char text[] =
		HEAD
		ARTICLE "\n"
		"  <info><title>Café “quoted”</title><author><personname><firstname>A</firstname>"
		"<surname>B</surname></personname></author></info>\n"
		"  <para>é “q” <emphasis>x</emphasis> 😀<emphasis role=\"a&gt;b\">y</emphasis></para>\n"
		"\t<para\n"
		"     role=\"r\">z<footnote><para>n</para></footnote></para>\n"
		"</article>\n";
	struct unit_capture c;
	struct source src;
	xmlNodePtr text_node;
	unsigned line = 99, col = 99;
	char *path;

	(void)state;
	unit_capture_init(&c);
	path = unit_load(&src, text, &c.d);
	assert_string_equal(src.path, path);
	assert_int_equal(src.len, sizeof(text) - 1);
	assert_string_equal(src.text, text);

	assert_at(&src, "article", 0, 2, 1);
	assert_at(&src, "info", 0, 3, 3);
	assert_at(&src, "title", 0, 3, 9);
	/* "Café “quoted”" is 13 characters but 18 bytes. */
	assert_at(&src, "author", 0, 3, 9 + 7 + 13 + 8);
	assert_at(&src, "personname", 0, 3, 9 + 7 + 13 + 8 + 8);
	assert_at(&src, "para", 0, 4, 3);
	/* After "é “q” ": é, “ and ” are one character each. */
	assert_at(&src, "emphasis", 0, 4, 15);
	/* After "x</emphasis> " and a 4-byte emoji; "a&gt;b" holds a '>'. */
	assert_at(&src, "emphasis", 1, 4, 15 + 10 + 12 + 1 + 1);
	/* A tab is one character; a start tag across lines starts at its '<'. */
	assert_at(&src, "para", 1, 5, 2);
	assert_at(&src, "footnote", 0, 6, 16);
	assert_at(&src, "para", 2, 6, 26);

	/* Other nodes: the line libxml2 recorded, column unknown. */
	text_node = element(&src, "title", 0)->children;
	assert_int_equal(text_node->type, XML_TEXT_NODE);
	source_locate(&src, text_node, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 0);

	assert_string_equal(unit_capture_text(&c), "");
	assert_int_equal(c.d.errors, 0);
	source_free(&src);
	assert_null(src.doc);
	assert_null(src.text);
	unit_rmfile(path);
	unit_capture_free(&c);
}

/* Far into a file, past any parser buffer, positions stay exact. */
static void
test_positions_deep_in_a_large_file(void **state)
{
	enum { N = 5000 };
	size_t cap = 200 * N, len = 0;
	char *text = malloc(cap);
	struct unit_capture c;
	struct source src;
	char *path;
	int i;

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, HEAD ARTICLE "\n<info><title>T</title>"
	                        "<author><orgname>O</orgname></author></info>\n");
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "%*s<para>“%d” é<emphasis>e</emphasis></para>\n",
		                        i % 7, "", i);
	snprintf(text + len, cap - len, "</article>\n");
	unit_capture_init(&c);
	path = unit_load(&src, text, &c.d);
	for (i = 0; i < N; i += 499) {
		/* Line 4 + i; the <emphasis> follows indent, "<para>", “i”, " é". */
		unsigned digits = (unsigned)snprintf(NULL, 0, "%d", i);

		assert_at(&src, "para", i, 4 + (unsigned)i, 1 + (unsigned)(i % 7));
		assert_at(&src, "emphasis", i, 4 + (unsigned)i,
		          1 + (unsigned)(i % 7) + 6 + digits + 2 + 2);
	}
	assert_at(&src, "para", N - 1, 4 + N - 1, 1 + (N - 1) % 7);
	assert_string_equal(unit_capture_text(&c), "");
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
	free(text);
}

static void
test_doctype_refused_unexpanded(void **state)
{
	static const char text[] =
		HEAD
		"<!DOCTYPE article [\n"
		"  <!ENTITY secret \"SECRET-ENTITY-TEXT\">\n"
		"]>\n"
		ARTICLE "<para>&secret;</para></article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[512];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	snprintf(want, sizeof(want),
	         "%s:2:1: error: DOCTYPE declarations are not allowed in a brief; remove it "
	         "(briefs are DocBook 5 and validated by RELAX NG) [doctype]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_not_contains(c.buf, "SECRET-ENTITY-TEXT");
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_INPUT);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

/* An external DOCTYPE with no internal subset is refused just the same. */
static void
test_doctype_external_refused(void **state)
{
	static const char text[] =
		"<!DOCTYPE article SYSTEM \"/etc/passwd\">" ARTICLE "</article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[512];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s:1:1: error: DOCTYPE declarations are not allowed "
	         "in a brief; remove it (briefs are DocBook 5 and validated by RELAX NG) "
	         "[doctype]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_not_contains(c.buf, "root:");
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_not_well_formed(void **state)
{
	static const char text[] =
		HEAD
		ARTICLE "\n"
		"  <info><title>T</title></info>\n"
		"  <para>x</pra>\n"
		"</article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[512];
	const char *out;

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	assert_int_equal(src.npos, 0);
	out = unit_capture_text(&c);
	/* One finding, on line 4 where </pra> closes <para> (the column is libxml2's). */
	snprintf(want, sizeof(want), "%s:4:", path);
	assert_memory_equal(out, want, strlen(want));
	assert_contains(out, ": error: Opening and ending tag mismatch: para line 4 and pra [xml]\n");
	assert_int_equal(strchr(out, '\n')[1], '\0');
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(c.d.io_errors, 0);
	assert_int_equal(diag_status(&c.d), EXIT_INPUT);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_undefined_namespace_prefix_fails_load(void **state)
{
	static const char text[] = HEAD ARTICLE "\n<x:para>p</x:para></article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[256];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s:3:", path);
	assert_memory_equal(unit_capture_text(&c), want, strlen(want));
	assert_contains(c.buf, ": error: Namespace prefix x on para is not defined [xml]\n");
	assert_int_equal(c.d.errors, 1);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_empty_file(void **state)
{
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file("");
	char want[256];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s:1:1: error: the file is empty; a brief is an "
	         "<article> element [xml]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(diag_status(&c.d), EXIT_INPUT);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

static void
test_utf16_bom_refused(void **state)
{
	/* "<a/>" in UTF-16, little- and big-endian, each with its byte order mark. */
	static const char le[] = "\xFF\xFE<\0a\0/\0>\0";
	static const char be[] = "\xFE\xFF\0<\0a\0/\0>";
	const char *const texts[] = {le, be};
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct unit_capture c;
		struct source src = {0};
		char *dir = unit_tempdir();
		char *path = unit_write(dir, "utf16.xml", texts[i], sizeof(le) - 1);
		char want[256];

		unit_capture_init(&c);
		assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d),
		                 SOURCE_MALFORMED);
		assert_null(src.doc);
		snprintf(want, sizeof(want), "%s:1:1: error: the file is UTF-16; save the brief "
		         "as UTF-8 [encoding]\n", path);
		assert_string_equal(unit_capture_text(&c), want);
		source_free(&src);
		unit_rmtree(dir);
		free(dir);
		free(path);
		unit_capture_free(&c);
	}
}

/* libxml2's two-line message for a byte that is not UTF-8 stays one diagnostic line. */
static void
test_invalid_utf8_is_one_line(void **state)
{
	static const char text[] = ARTICLE "<para>caf\xE9</para></article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[256], got[1024];
	enum source_status status;
	unsigned errors;

	(void)state;
	unit_capture_init(&c);
	status = source_load(&src, path, SOURCE_MAX_BYTES, &c.d);
	/* At the stray byte: 75 characters of <article>, 6 of <para>, then "caf". */
	snprintf(want, sizeof(want), "%s:1:85: error: ", path);
	snprintf(got, sizeof(got), "%s", unit_capture_text(&c));
	errors = c.d.errors;
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
	assert_int_equal(status, SOURCE_MALFORMED);
	assert_memory_equal(got, want, strlen(want));
	assert_int_equal(errors, 1);
	if (strchr(got, '\n')[1] != '\0')
		fail_msg("one finding printed as more than one line:\n%s", got);
}

static void
test_declared_latin1_refused(void **state)
{
	static const char text[] =
		"<?xml version=\"1.0\" encoding='ISO-8859-1'?>\n" ARTICLE "</article>\n";
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[256];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_MALFORMED);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s:1:1: error: the XML declaration names encoding "
	         "\"ISO-8859-1\"; briefs are UTF-8 [encoding]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

/* UTF-8 and US-ASCII may be declared, in any case. */
static void
test_declared_utf8_or_ascii_accepted(void **state)
{
	static const char *const texts[] = {
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>" ARTICLE "</article>",
		"<?xml version=\"1.0\" encoding = \"US-ASCII\"?>" ARTICLE "</article>",
		"<?xml version=\"1.0\"?>" ARTICLE "</article>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct unit_capture c;
		struct source src;
		char *path;

		unit_capture_init(&c);
		path = unit_load(&src, texts[i], &c.d);
		assert_string_equal((const char *)xmlDocGetRootElement(src.doc)->name, "article");
		assert_string_equal(unit_capture_text(&c), "");
		source_free(&src);
		unit_rmfile(path);
		unit_capture_free(&c);
	}
}

static void
test_missing_file(void **state)
{
	struct unit_capture c;
	struct source src = {0};
	char *dir = unit_tempdir();
	char path[256], want[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/absent.xml", dir);
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, SOURCE_MAX_BYTES, &c.d), SOURCE_UNREADABLE);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s: error: cannot open: No such file or directory [io]\n",
	         path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	source_free(&src);
	unit_rmtree(dir);
	free(dir);
	unit_capture_free(&c);
}

static void
test_directory_refused(void **state)
{
	struct unit_capture c;
	struct source src = {0};
	char *dir = unit_tempdir();
	char want[512];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, dir, SOURCE_MAX_BYTES, &c.d), SOURCE_UNREADABLE);
	assert_null(src.doc);
	snprintf(want, sizeof(want), "%s: error: not a regular file (a directory) [io]\n", dir);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	source_free(&src);
	unit_rmtree(dir);
	free(dir);
	unit_capture_free(&c);
}

static void
test_larger_than_max_bytes(void **state)
{
	static const char text[] = ARTICLE "</article>";
	const size_t size = sizeof(text) - 1;
	struct unit_capture c;
	struct source src = {0};
	char *path = unit_temp_file(text);
	char want[512];

	(void)state;
	unit_capture_init(&c);
	assert_int_equal(source_load(&src, path, size - 1, &c.d), SOURCE_UNREADABLE);
	assert_null(src.doc);
	assert_null(src.text);
	snprintf(want, sizeof(want), "%s: error: file is %zu bytes, larger than the limit of "
	         "%zu bytes [io]\n", path, size, size - 1);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	source_free(&src);

	/* Exactly the limit is accepted. */
	assert_int_equal(source_load(&src, path, size, &c.d), SOURCE_OK);
	assert_int_equal(src.len, size);
	assert_non_null(src.doc);
	assert_int_equal(c.d.errors, 1);
	source_free(&src);
	unit_rmfile(path);
	unit_capture_free(&c);
}

/* Each of the 29 block containers loses the white space alone between its children,
 * and nothing else does: text with a letter in it, white space in a paragraph or a
 * name, an element of another namespace with a container's name. */
static void
test_indentation_dropped_from_containers_only(void **state)
{
	static const char *const names[] = {
		"article", "info", "author", "editor", "affiliation", "section", "blockquote",
		"itemizedlist", "orderedlist", "listitem", "footnote", "abstract",
		"keywordset", "variablelist", "varlistentry", "note", "sidebar", "figure",
		"informalfigure", "mediaobject", "imageobject", "textobject", "caption",
		"table", "informaltable", "tgroup", "thead", "tbody", "row",
	};
	static const char kept[] =
		"<para><emphasis>a</emphasis> <emphasis>b</emphasis>\n</para>"
		"<personname><firstname>A</firstname> <surname>B</surname></personname>"
		"<note> text <x/></note>"
		"<section xmlns=\"urn:x-other\">\n <x/> </section>";
	char in[4096] = "<root xmlns=\"http://docbook.org/ns/docbook\">";
	char want[4096] = "<root xmlns=\"http://docbook.org/ns/docbook\">";
	xmlBufferPtr out = xmlBufferCreate();
	xmlDocPtr doc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(in + strlen(in), sizeof(in) - strlen(in),
		         "<%s>\n  <x/>\r\n\t<x/> </%s>", names[i], names[i]);
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		         "<%s><x/><x/></%s>", names[i], names[i]);
	}
	strcat(in, kept);
	strcat(in, "</root>");
	strcat(want, kept);
	strcat(want, "</root>");
	doc = xmlReadMemory(in, (int)strlen(in), "t.xml", NULL, 0);
	assert_non_null(doc);
	source_strip_indentation(doc);
	xmlNodeDump(out, doc, xmlDocGetRootElement(doc), 0, 0);
	assert_string_equal((const char *)xmlBufferContent(out), want);
	xmlBufferFree(out);
	xmlFreeDoc(doc);
}

/* A data file (a CSL style or locale) loses the white space alone between its tags;
 * an element whose only text is blank keeps it, and text beside a tag stays whole. A
 * brief keeps all of it. */
static void
test_data_drops_blanks_between_tags(void **state)
{
	static const char in[] = "<style>\n  <term> </term>\n  <term>a <b/> c</term>\n</style>";
	static const char data[] = "<style><term> </term><term>a <b/> c</term></style>";
	bool blanks_dropped;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		struct source src = {.data = pass == 1};
		xmlBufferPtr out = xmlBufferCreate();
		struct diag d;

		diag_init(&d, NULL);
		assert_int_equal(source_load_memory(&src, "t.csl", in, strlen(in), 4096, &d),
		                 SOURCE_OK);
		xmlNodeDump(out, src.doc, xmlDocGetRootElement(src.doc), 0, 0);
		blanks_dropped = strcmp((const char *)xmlBufferContent(out), data) == 0;
		assert_true(blanks_dropped == src.data);
		if (!src.data)
			assert_string_equal((const char *)xmlBufferContent(out), in);
		xmlBufferFree(out);
		source_free(&src);
		diag_free(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_count_characters),
		cmocka_unit_test(test_data_drops_blanks_between_tags),
		cmocka_unit_test(test_positions_deep_in_a_large_file),
		cmocka_unit_test(test_doctype_refused_unexpanded),
		cmocka_unit_test(test_doctype_external_refused),
		cmocka_unit_test(test_not_well_formed),
		cmocka_unit_test(test_undefined_namespace_prefix_fails_load),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_utf16_bom_refused),
		cmocka_unit_test(test_invalid_utf8_is_one_line),
		cmocka_unit_test(test_declared_latin1_refused),
		cmocka_unit_test(test_declared_utf8_or_ascii_accepted),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_directory_refused),
		cmocka_unit_test(test_larger_than_max_bytes),
		cmocka_unit_test(test_indentation_dropped_from_containers_only),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
