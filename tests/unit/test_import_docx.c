/* test_import_docx.c - the docx reader on small documents built here (title, headings,
 * lists, quotes, inlines, notes, byline, language), on hostile ones (a DOCTYPE, external
 * relationships, not a zip, no document, bombs, a 100 MB note), and on the shared
 * article made a docx by pandoc (tests/import/make-docx). */
#include "unit.h"

#include <sys/wait.h>
#include <time.h>

#include <libxml/parser.h>

#include "import.h"
#include "transform.h"
#include "xpath.h"
#include "zipfix.h"

#define MIB ((size_t)1 << 20)
#define NAME "in.docx"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOC(body) XML_DECL "<w:document xmlns:w=\"" W_NS "\" xmlns:r=\"http://schemas." \
	"openxmlformats.org/officeDocument/2006/relationships\"><w:body>" body \
	"<w:sectPr/></w:body></w:document>"
#define P(runs) "<w:p>" runs "</w:p>"
#define PS(style, runs) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>" runs "</w:p>"
#define PN(num, lvl, runs) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId " \
	"w:val=\"" num "\"/></w:numPr></w:pPr>" runs "</w:p>"
#define R(text) "<w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r>"
#define RP(props, text) "<w:r><w:rPr>" props "</w:rPr><w:t xml:space=\"preserve\">" \
	text "</w:t></w:r>"
#define FN(id) "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>" \
	"<w:footnoteReference w:id=\"" id "\"/></w:r>"
#define EN(id) "<w:r><w:endnoteReference w:id=\"" id "\"/></w:r>"

#define ARTICLE_OPEN "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<article xmlns=\"" \
	"http://docbook.org/ns/docbook\" xmlns:imp=\"" IMPORT_NS "\" version=\"5.0\" "

#define STYLES XML_DECL "<w:styles xmlns:w=\"" W_NS "\">" \
	"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"de-DE\" w:eastAsia=\"en-US\"/>" \
	"</w:rPr></w:rPrDefault></w:docDefaults>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/>" \
	"</w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>" \
	"</w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"Zitat\"><w:name w:val=\"Quote\"/></w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"Verfasser\"><w:name w:val=\"Author\"/>" \
	"</w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>" \
	"<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>" \
	"<w:style w:type=\"character\" w:styleId=\"Emphasis\"><w:name w:val=\"Emphasis\"/>" \
	"<w:rPr><w:i/></w:rPr></w:style>" \
	"</w:styles>"

#define NUMBERING XML_DECL "<w:numbering xmlns:w=\"" W_NS "\">" \
	"<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>" \
	"</w:lvl></w:abstractNum>" \
	"<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/>" \
	"</w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>" \
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>" \
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>" \
	"</w:numbering>"

struct part {
	const char *path, *text;
};

/* URLs libxml2 was asked to load while a docx was read, stylesheets aside. */
static xmlExternalEntityLoader previous_loader;
static int foreign_loads;

static xmlParserInputPtr
counting_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (url == NULL || strstr(url, ".xsl") == NULL)
		foreign_loads++;
	return previous_loader(url, id, ctxt);
}

/* Reads the LEN BYTES of a docx. Returns the raw brief serialised, or NULL; the
 * diagnostics in *DIAG. Caller frees both. */
static char *
import_bytes(const char *bytes, size_t len, char **diag)
{
	struct unit_capture c;
	char *dir = unit_repo_path("xsl"), *text = NULL;
	struct transform *t;
	xmlDocPtr doc;

	unit_capture_init(&c);
	t = transform_new(dir, &c.d);
	assert_non_null(t);
	previous_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(counting_loader);
	foreign_loads = 0;
	doc = import_docx(NAME, bytes, len, t, &c.d);
	xmlSetExternalEntityLoader(previous_loader);
	assert_int_equal(foreign_loads, 0);
	assert_int_equal(doc == NULL, c.d.errors > 0);
	if (doc != NULL) {
		xmlChar *out;
		int n;

		xmlDocDumpMemory(doc, &out, &n);
		text = strdup((const char *)out);
		xmlFree(out);
		xmlFreeDoc(doc);
	}
	*diag = strdup(unit_capture_text(&c));
	transform_free(t);
	unit_capture_free(&c);
	free(dir);
	return text;
}

/* The docx of the N PARTS, read. */
static char *
import_parts(const struct part *parts, size_t n, char **diag)
{
	struct zipfix z = {0};
	char *text;
	size_t i;

	for (i = 0; i < n; i++)
		zipfix_add_string(&z, parts[i].path, parts[i].text);
	zipfix_finish(&z);
	text = import_bytes(z.out.data, z.out.len, diag);
	buf_free(&z.out);
	return text;
}

/* Reads a docx of DOCUMENT (with STYLES and NUMBERING) and expects no diagnostic and
 * the raw brief WANT. */
static void
expect_brief(const char *document, const char *want)
{
	const struct part parts[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"word/document.xml", document},
		{"word/styles.xml", STYLES},
		{"word/numbering.xml", NUMBERING},
	};
	char *diag, *got = import_parts(parts, 4, &diag);

	assert_string_equal(diag, "");
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(diag);
}

/* Reads a docx of the N PARTS and expects it refused with the diagnostic WANT. */
static void
expect_refused(const struct part *parts, size_t n, const char *want)
{
	char *diag, *got = import_parts(parts, n, &diag);

	assert_null(got);
	assert_string_equal(diag, want);
	free(diag);
}

static void
test_structure(void **state)
{
	(void)state;
	expect_brief(DOC(P(R("DRAFT")) PS("Titel", R("The ") R("title"))
	                 PS("berschrift1", R("One")) P(R("Text."))
	                 PS("Heading2", R("Two")) PS("Heading3", R("Three"))
	                 PS("Heading7", R("Seven")) P(R("  ")) P(R("End."))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>The title</title></info>"
	             "<para>DRAFT</para>"
	             "<bridgehead renderas=\"sect1\">One</bridgehead><para>Text.</para>"
	             "<bridgehead renderas=\"sect2\">Two</bridgehead>"
	             "<bridgehead renderas=\"sect3\">Three</bridgehead>"
	             "<bridgehead renderas=\"sect3\">Seven</bridgehead>"
	             "<para>End.</para></article>\n");
}

/* No Title paragraph: the first paragraph is the title; a heading standing for it
 * (pandoc's "# Title") makes the next level down sect1. Without styles.xml the
 * language is English. */
static void
test_first_paragraph_title(void **state)
{
	const struct part plain[] = {
		{"word/document.xml", DOC(P("") P(R("  First words  ")) P(R("Text.")))},
	};
	const struct part pandoc[] = {
		{"word/document.xml", DOC(PS("Heading1", R("Title")) P(R("Text."))
		                          PS("Heading2", R("Section")) PS("Heading3", R("Sub")))},
	};
	char *diag, *got;

	(void)state;
	got = import_parts(plain, 1, &diag);
	assert_string_equal(diag, "");
	assert_string_equal(got, ARTICLE_OPEN "xml:lang=\"en\"><info><title>First words"
	                    "</title></info><para>Text.</para></article>\n");
	free(got);
	free(diag);
	got = import_parts(pandoc, 1, &diag);
	assert_string_equal(diag, "");
	assert_string_equal(got, ARTICLE_OPEN "xml:lang=\"en\"><info><title>Title</title>"
	                    "</info><para>Text.</para><bridgehead renderas=\"sect1\">Section"
	                    "</bridgehead><bridgehead renderas=\"sect2\">Sub</bridgehead>"
	                    "</article>\n");
	free(got);
	free(diag);
}

/* Items in a row make one list, by their numbering's format at their level, or by
 * their style's numbering; numId 0 is no list. */
static void
test_lists(void **state)
{
	(void)state;
	expect_brief(DOC(PS("Titel", R("T")) PN("1", "0", R("a")) PN("1", "0", R("b"))
	                 PS("ListBullet", R("c")) P(R("Between."))
	                 PN("2", "0", R("one")) PN("2", "0", R("two")) PN("2", "1", R("sub"))
	                 PN("0", "0", R("not an item"))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>T</title></info>"
	             "<itemizedlist><listitem><para>a</para></listitem><listitem><para>b"
	             "</para></listitem><listitem><para>c</para></listitem></itemizedlist>"
	             "<para>Between.</para>"
	             "<orderedlist><listitem><para>one</para></listitem><listitem><para>two"
	             "</para></listitem></orderedlist>"
	             "<itemizedlist><listitem><para>sub</para></listitem></itemizedlist>"
	             "<para>not an item</para></article>\n");
}

static void
test_quotes(void **state)
{
	(void)state;
	expect_brief(DOC(PS("Titel", R("T")) PS("Zitat", R("Quoted.")) PS("Zitat", R("Still."))
	                 P(R("Between.")) PS("BlockText", R("Again."))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>T</title></info>"
	             "<blockquote><para>Quoted.</para><para>Still.</para></blockquote>"
	             "<para>Between.</para><blockquote><para>Again.</para></blockquote>"
	             "</article>\n");
}

/* Runs: italic and bold, on and off, by property or character style; neighbours of
 * one format joined; tabs and breaks as spaces; what a reader does not see dropped. */
static void
test_inlines(void **state)
{
	(void)state;
	expect_brief(DOC(PS("Titel", R("T"))
	                 P(R("frag") R("ment ") RP("<w:i/>", "ita") RP("<w:i w:val=\"1\"/>", "lic")
	                   R(" ") RP("<w:b/>", "bold") RP("<w:i w:val=\"0\"/>", " not")
	                   RP("<w:i w:val=\"false\"/>", " not") R(" ")
	                   RP("<w:b/><w:i/>", "both") RP("<w:i/><w:b/>", "!") R(" ")
	                   RP("<w:rStyle w:val=\"Emphasis\"/>", "styled")
	                   RP("<w:rStyle w:val=\"Emphasis\"/><w:i w:val=\"0\"/>", " unstyled")
	                   "<w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>line</w:t></w:r>"
	                   "<w:hyperlink r:id=\"rId9\">" R(" link") "</w:hyperlink>"
	                   "<w:del w:id=\"1\"><w:r><w:delText>deleted</w:delText></w:r></w:del>"
	                   "<w:ins w:id=\"2\">" R(" inserted") "</w:ins>"
	                   "<w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r>"
	                   "<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\"/>"
	                   R(" end  "))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>T</title></info>"
	             "<para>fragment <emphasis>italic</emphasis> <emphasis role=\"bold\">bold"
	             "</emphasis> not not <emphasis role=\"bold\"><emphasis>both!</emphasis>"
	             "</emphasis> <emphasis>styled</emphasis> unstyled tab line link inserted"
	             " end</para></article>\n");
}

#define FOOTNOTES XML_DECL "<w:footnotes xmlns:w=\"" W_NS "\">" \
	"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>" \
	"</w:footnote>" \
	"<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>" R("cont") "</w:p>" \
	"</w:footnote>" \
	"<w:footnote w:id=\"1\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>" \
	"<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>" \
	R(" First note, ") RP("<w:i/>", "A Title") R(", 12.") FN("2") "</w:p>" \
	"<w:p>" R("More.") "</w:p></w:footnote>" \
	"<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/></w:r>" \
	R("Second.") "</w:p></w:footnote>" \
	"</w:footnotes>"

#define ENDNOTES XML_DECL "<w:endnotes xmlns:w=\"" W_NS "\">" \
	"<w:endnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:endnote>" \
	"<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r>" R(" End note.") "</w:p>" \
	"</w:endnote></w:endnotes>"

/* Notes numbered in the order of their references, footnotes and endnotes alike;
 * the note's own mark, separators and references inside notes left out. */
static void
test_notes(void **state)
{
	const struct part parts[] = {
		{"word/document.xml", DOC(PS("Title", R("T") FN("1"))
		                          P(R("Text.") FN("2") R(" More") EN("1") R(".") FN("1"))
		                          P(RP("<w:i/>", "Italic") FN("9")))},
		{"word/footnotes.xml", FOOTNOTES},
		{"word/endnotes.xml", ENDNOTES},
	};
	char *diag, *got = import_parts(parts, 3, &diag);

	(void)state;
	assert_string_equal(diag, "");
	assert_string_equal(got, ARTICLE_OPEN "xml:lang=\"en\"><info><title>T"
	    "<footnote imp:n=\"1\" imp:line=\"0\"><para>First note, <emphasis>A Title"
	    "</emphasis>, 12. More.</para></footnote></title></info>"
	    "<para>Text.<footnote imp:n=\"2\" imp:line=\"0\"><para>Second.</para></footnote>"
	    " More<footnote imp:n=\"3\" imp:line=\"0\"><para>End note.</para></footnote>."
	    "<footnote imp:n=\"4\" imp:line=\"0\"><para>First note, <emphasis>A Title"
	    "</emphasis>, 12. More.</para></footnote></para>"
	    "<para><emphasis>Italic</emphasis><footnote imp:n=\"5\" imp:line=\"0\"><para/>"
	    "</footnote></para></article>\n");
	free(got);
	free(diag);
}

static void
test_byline(void **state)
{
	(void)state;
	expect_brief(DOC(PS("Titel", R("T")) P(R("By Jane ") R("Doe, Senior Fellow"))
	                 P(R("Text.")) PS("Verfasser", R("Ann Other"))
	                 P(R("By the way."))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>T</title>"
	             "<author><personname>Jane Doe</personname></author>"
	             "<author><personname>Ann Other</personname></author></info>"
	             "<para>Text.</para><para>By the way.</para></article>\n");
	/* Not right after the title, a "By" paragraph is text. */
	expect_brief(DOC(PS("Titel", R("T")) P(R("Text.")) P(R("By Jane Doe"))),
	             ARTICLE_OPEN "xml:lang=\"de\"><info><title>T</title></info>"
	             "<para>Text.</para><para>By Jane Doe</para></article>\n");
}

/* A DOCTYPE is refused before anything it declares is read or loaded (the loader
 * counts every load). */
static void
test_doctype(void **state)
{
	const struct part xxe[] = {
		{"word/document.xml", XML_DECL "<!DOCTYPE w:document [<!ENTITY x SYSTEM "
		 "\"file:///etc/passwd\"><!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]>"
		 "<w:document xmlns:w=\"" W_NS "\"><w:body>" P(R("&x;")) "</w:body></w:document>"},
	};
	const struct part in_styles[] = {
		{"word/document.xml", DOC(P(R("Text.")))},
		{"word/styles.xml", XML_DECL "<!DOCTYPE w:styles SYSTEM \"http://127.0.0.1:9/s.dtd\">"
		 "<w:styles xmlns:w=\"" W_NS "\"/>"},
	};

	(void)state;
	expect_refused(xxe, 1, NAME ": error: word/document.xml holds a DOCTYPE; a docx part"
	               " never needs one [manuscript]\n");
	expect_refused(in_styles, 2, NAME ": error: word/styles.xml holds a DOCTYPE; a docx "
	               "part never needs one [manuscript]\n");
}

/* Relationships are never read: external targets are not fetched, and a damaged
 * relationships part does not matter. */
static void
test_external_relationship(void **state)
{
	struct zipfix z = {0};
	struct zipfix_entry broken = {"word/_rels/document.xml.rels", 0, 0, 0, 3, 3, "<x>"};
	char *diag, *got;

	(void)state;
	zipfix_add_string(&z, "_rels/.rels", XML_DECL "<Relationships xmlns=\"http://schemas."
	                  "openxmlformats.org/package/2006/relationships\"><Relationship "
	                  "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
	                  "officeDocument/2006/relationships/officeDocument\" "
	                  "Target=\"http://127.0.0.1:9/document.xml\" TargetMode=\"External\"/>"
	                  "</Relationships>");
	zipfix_add_string(&z, "word/document.xml",
	                  DOC(P(R("Title")) P(R("See ") "<w:hyperlink r:id=\"rId9\">"
	                      R("this") "</w:hyperlink>" R(".")) "<w:p><w:r><w:drawing>"
	                      "<a:blip xmlns:a=\"http://schemas.openxmlformats.org/drawingml/"
	                      "2006/main\" r:link=\"rId10\"/></w:drawing></w:r></w:p>"));
	broken.crc = 12345; /* wrong: reading it would fail */
	zipfix_add_raw(&z, &broken);
	zipfix_finish(&z);
	got = import_bytes(z.out.data, z.out.len, &diag);
	assert_string_equal(diag, "");
	assert_string_equal(got, ARTICLE_OPEN "xml:lang=\"en\"><info><title>Title</title>"
	                    "</info><para>See this.</para></article>\n");
	free(got);
	free(diag);
	buf_free(&z.out);
}

static void
test_not_a_docx(void **state)
{
	const struct part no_document[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"word/styles.xml", STYLES},
	};
	const struct part not_xml[] = {
		{"word/document.xml", DOC(P(R("Text.")))},
		{"word/footnotes.xml", "<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote>"},
	};
	const struct part undefined_entity[] = {
		{"word/document.xml", DOC(P(R("&nbsp;")))},
	};
	char *diag, *got;

	(void)state;
	got = import_bytes("Text, not a zip.\n", 17, &diag);
	assert_null(got);
	assert_string_equal(diag, NAME ": error: not a docx: not a zip (no end of central "
	                    "directory record) [manuscript]\n");
	free(diag);
	expect_refused(no_document, 2, NAME ": error: no word/document.xml in the zip; a docx"
	               " has its text there [manuscript]\n");
	expect_refused(not_xml, 2, NAME ": error: word/footnotes.xml is not well-formed XML "
	               "(line 1: Premature end of data in tag footnote line 1) [manuscript]\n");
	expect_refused(undefined_entity, 1, NAME ": error: word/document.xml is not "
	               "well-formed XML (line 2: Entity 'nbsp' not defined) [manuscript]\n");
}

/* A damaged optional part is an error, not a part to skip. */
static void
test_damaged_part(void **state)
{
	struct zipfix z = {0};
	struct zipfix_entry styles = {"word/styles.xml", 0, 0, 1, 3, 3, "<x>"};
	char *diag, *got;

	(void)state;
	zipfix_add_string(&z, "word/document.xml", DOC(P(R("Text."))));
	zipfix_add_raw(&z, &styles);
	zipfix_finish(&z);
	got = import_bytes(z.out.data, z.out.len, &diag);
	assert_null(got);
	assert_string_equal(diag, NAME ": error: word/styles.xml fails its CRC-32 check "
	                    "[manuscript]\n");
	free(diag);
	buf_free(&z.out);
}

/* A docx of word/document.xml (a paragraph) and PART, COUNT bytes BYTE between HEAD
 * and TAIL, saying it holds USIZE (0: the truth); read in bounded time, refused with
 * WANT. */
static void
expect_bomb_refused(const char *part, const char *head, int byte, size_t count,
                    const char *tail, uint32_t usize, const char *want)
{
	struct zipfix z = {0};
	struct timespec t0;
	char *diag, *got;

	if (strcmp(part, "word/document.xml") != 0)
		zipfix_add_string(&z, "word/document.xml", DOC(P(R("Text."))));
	zipfix_add_repeat(&z, part, head, byte, count, tail, usize);
	zipfix_finish(&z);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	got = import_bytes(z.out.data, z.out.len, &diag);
	assert_true(unit_seconds_since(&t0) < 1.0);
	assert_null(got);
	assert_string_equal(diag, want);
	free(diag);
	buf_free(&z.out);
}

static void
test_bomb_part(void **state)
{
	(void)state;
	/* 256 MiB of zeros, honest, then saying it is 4 KiB. */
	expect_bomb_refused("word/document.xml", "", 0, 256 * MIB, "", 0,
	                    NAME ": error: word/document.xml inflates to 268435456 bytes, "
	                    "more than the 67108864 allowed for one part [manuscript]\n");
	expect_bomb_refused("word/document.xml", "", 0, 256 * MIB, "", 4096,
	                    NAME ": error: word/document.xml inflates past the 4096 bytes its "
	                    "header gives [manuscript]\n");
}

/* A note of 100 MB of text: its part inflates past IMPORT_MAX_PART. */
static void
test_huge_note(void **state)
{
	static const char head[] = XML_DECL "<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote "
		"w:id=\"1\"><w:p><w:r><w:t>";
	static const char tail[] = "</w:t></w:r></w:p></w:footnote></w:footnotes>";
	char want[256];

	(void)state;
	snprintf(want, sizeof(want), NAME ": error: word/footnotes.xml inflates to %zu bytes,"
	         " more than the %zu allowed for one part [manuscript]\n",
	         strlen(head) + 100 * MIB + strlen(tail), IMPORT_MAX_PART);
	expect_bomb_refused("word/footnotes.xml", head, 'a', 100 * MIB, tail, 0, want);
}

/* A million empty paragraphs (6 MB): the tree would take far more than the part. */
static void
test_too_many_elements(void **state)
{
	struct buf doc = {0};
	struct zipfix z = {0};
	struct timespec t0;
	char *diag, *got;
	size_t i;

	(void)state;
	buf_puts(&doc, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	for (i = 0; i < 1000000; i++)
		buf_append(&doc, "<w:p/>", 6);
	buf_puts(&doc, "</w:body></w:document>");
	zipfix_add(&z, "word/document.xml", doc.data, doc.len, 8);
	zipfix_finish(&z);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	got = import_bytes(z.out.data, z.out.len, &diag);
	assert_true(unit_seconds_since(&t0) < 5.0);
	assert_null(got);
	assert_string_equal(diag, NAME ": error: word/document.xml takes the docx past 1000000"
	                    " XML elements, more than briefc reads [manuscript]\n");
	free(diag);
	buf_free(&z.out);
	buf_free(&doc);
}

/* The text of NODE with its white space folded into single spaces; caller frees. */
static char *
folded(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	const char *p;

	assert_non_null(out);
	for (p = text; *p != '\0'; p++) {
		int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		            (p[0] == '\xc2' && p[1] == '\xa0');

		if (space && (o == out || o[-1] == ' '))
			;
		else
			*o++ = space ? ' ' : *p;
		if (p[0] == '\xc2' && p[1] == '\xa0')
			p++;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* The notes "[n] text" of the article, in order, folded: 19 of them. */
static size_t
article_notes(const char *path, char **notes, size_t max)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	size_t n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *end;
		unsigned long num;

		if (line[0] != '[')
			continue;
		num = strtoul(line + 1, &end, 10);
		if (end == line + 1 || *end != ']')
			continue;
		assert_true(n < max);
		assert_int_equal(num, n + 1);
		notes[n++] = folded(end + 1);
	}
	fclose(f);
	return n;
}

/* The shared article, made a docx by pandoc: title, headings, list, quote and its 19
 * notes, each the text of its "[n]" in the article. */
static void
test_article(void **state)
{
	char *script = unit_repo_path("tests/import/make-docx");
	char *article = unit_repo_path("../shared/article/re-emergence-of-aqim.txt");
	char *dir = unit_tempdir(), cmd[4096], docx_path[512], *notes[32], *bytes;
	struct unit_capture c;
	struct transform *t;
	char *xsl = unit_repo_path("xsl");
	size_t n, i, len;
	xmlDocPtr doc;
	FILE *f;
	int status;

	(void)state;
	snprintf(docx_path, sizeof(docx_path), "%s/article.docx", dir);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s' 2>&1", script, docx_path, article);
	status = system(cmd);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		free(script), free(article), free(dir), free(xsl);
		skip();
	}
	assert_int_equal(status, 0);
	f = fopen(docx_path, "rb");
	assert_non_null(f);
	bytes = malloc(1 << 20);
	len = fread(bytes, 1, (1 << 20) - 1, f);
	fclose(f);
	bytes[len] = '\0';

	unit_capture_init(&c);
	t = transform_new(xsl, &c.d);
	doc = import_docx(docx_path, bytes, len, t, &c.d);
	assert_string_equal(unit_capture_text(&c), "");
	assert_non_null(doc);

	assert_xpath(doc, "/db:article/db:info/db:title",
	             "The re-emergence of al-Qaeda in the Islamic Maghreb");
	/* The signature stays the text's last paragraphs: import_finish takes it. */
	assert_xpath(doc, "/db:article/db:para[last() - 1]", "Victoria Silva S\xc3\xa1nchez");
	assert_xpath(doc, "count(//db:bridgehead[@renderas = 'sect1'])", "2");
	assert_xpath(doc, "count(//db:bridgehead)", "2");
	assert_xpath(doc, "//db:bridgehead[1]", "The current map of jihadism in North Africa");
	assert_xpath(doc, "//db:bridgehead[2]", "Resurrection of AQIM");
	assert_xpath(doc, "count(//db:itemizedlist)", "1");
	assert_xpath(doc, "count(//db:itemizedlist/db:listitem/db:para)", "4");
	assert_xpath(doc, "//db:itemizedlist/db:listitem[1]",
	             "To slow down the influence of Daesh in the region.");
	assert_xpath(doc, "count(//db:blockquote/db:para)", "1");
	assert_xpath(doc, "starts-with(//db:blockquote/db:para, '\xe2\x80\xa6')", "false");
	assert_xpath(doc, "starts-with(//db:blockquote/db:para, "
	             "'[\xe2\x80\xa6] Algerian AQIM leaders hope')", "true");
	assert_xpath(doc, "count(//db:blockquote//db:footnote)", "1");
	assert_xpath(doc, "count(//db:footnote)", "19");
	assert_xpath(doc, "count(//db:para[contains(., '[^') or contains(., '[1')])", "0");

	n = article_notes(article, notes, 32);
	assert_int_equal(n, 19);
	for (i = 0; i < n; i++) {
		char expr[128], *got, *fold;

		snprintf(expr, sizeof(expr), "//db:footnote[@imp:n = '%zu']", i + 1);
		{
			xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
			xmlXPathObjectPtr obj;

			xmlXPathRegisterNs(ctx, (const xmlChar *)"db", (const xmlChar *)DOCBOOK_NS);
			xmlXPathRegisterNs(ctx, (const xmlChar *)"imp", (const xmlChar *)IMPORT_NS);
			obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
			assert_non_null(obj);
			assert_int_equal(xmlXPathNodeSetGetLength(obj->nodesetval), 1);
			got = (char *)xmlXPathCastToString(obj);
			xmlXPathFreeObject(obj);
			xmlXPathFreeContext(ctx);
		}
		fold = folded(got);
		assert_string_equal(fold, notes[i]);
		free(fold);
		xmlFree(got);
		free(notes[i]);
	}

	xmlFreeDoc(doc);
	transform_free(t);
	unit_capture_free(&c);
	free(bytes);
	free(script);
	free(article);
	free(xsl);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_first_paragraph_title),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_inlines),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_byline),
		cmocka_unit_test(test_doctype),
		cmocka_unit_test(test_external_relationship),
		cmocka_unit_test(test_not_a_docx),
		cmocka_unit_test(test_damaged_part),
		cmocka_unit_test(test_bomb_part),
		cmocka_unit_test(test_huge_note),
		cmocka_unit_test(test_too_many_elements),
		cmocka_unit_test(test_article),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
