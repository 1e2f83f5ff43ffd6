/* test_xhtml.c - a page as html.xsl makes it, made the EPUB's content document: the
 * whole document written out, then each rule on its own: namespaces, xml:lang,
 * epub:types, the style sheet's link, and what goes. */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "xhtml.h"

/* PAGE (markup in no namespace, as html.xsl's tree is) made XHTML and saved; caller
 * frees. */
static char *
made(const char *page)
{
	xmlDocPtr doc = xmlReadMemory(page, (int)strlen(page), "page.html", NULL, 0);
	struct buf out = {0};

	assert_non_null(doc);
	xhtml_make(doc);
	xhtml_save(doc, &out);
	xmlFreeDoc(doc);
	return out.data;
}

static void
test_whole_document(void **state)
{
	static const char page[] =
		"<html lang=\"es\"><head>"
		"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/>"
		"<meta name=\"viewport\" content=\"width=device-width\"/>"
		"<title>Informe</title><meta name=\"author\" content=\"Ana Núñez\"/>"
		"<style>body { margin: 0 }</style></head>"
		"<body><!-- a comment --><article><p>Texto<sup><a href=\"#fn1\" id=\"fn1-ref\" "
		"role=\"doc-noteref\">1</a></sup> &amp; más.</p>"
		"<section role=\"doc-endnotes\"><h2>Notas</h2><ol><li id=\"fn1\"><p>Nota."
		"<a href=\"#fn1-ref\" role=\"doc-backlink\">↩</a></p></li></ol></section>"
		"</article></body></html>";
	static const char want[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<html xmlns=\"http://www.w3.org/1999/xhtml\" "
		"xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"es\" xml:lang=\"es\">\n"
		"  <head>\n"
		"    <title>Informe</title>\n"
		"    <meta name=\"author\" content=\"Ana Núñez\"/>\n"
		"    <link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n"
		"  </head>\n"
		"  <body>\n"
		"    <article>\n"
		"      <p>Texto<sup><a href=\"#fn1\" id=\"fn1-ref\" role=\"doc-noteref\" "
		"epub:type=\"noteref\">1</a></sup> &amp; más.</p>\n"
		"      <section role=\"doc-endnotes\" epub:type=\"endnotes\">\n"
		"        <h2>Notas</h2>\n"
		"        <ol>\n"
		"          <li id=\"fn1\" epub:type=\"endnote\">\n"
		"            <p>Nota.<a href=\"#fn1-ref\" role=\"doc-backlink\">↩</a></p>\n"
		"          </li>\n"
		"        </ol>\n"
		"      </section>\n"
		"    </article>\n"
		"  </body>\n"
		"</html>\n";
	char *got = made(page);

	(void)state;
	assert_string_equal(got, want);
	free(got);
}

/* xml:lang comes right after lang, on every element that has one. */
static void
test_lang(void **state)
{
	char *got = made("<html lang=\"en\"><body><p>Said <span lang=\"fr\" class=\"x\">"
	                 "oui</span> <b lang=\"\">?</b>.</p></body></html>");

	(void)state;
	assert_contains(got, "<span lang=\"fr\" xml:lang=\"fr\" class=\"x\">oui</span>");
	assert_contains(got, "<b lang=\"\" xml:lang=\"\">?</b>");
	free(got);
}

/* An xml:lang the page has already keeps its place and takes lang's value. */
static void
test_lang_already_there(void **state)
{
	char *got = made("<html lang=\"en\"><body><p xml:lang=\"de\" lang=\"fr\">oui</p>"
	                 "</body></html>");

	(void)state;
	assert_contains(got, "<p xml:lang=\"fr\" lang=\"fr\">oui</p>");
	free(got);
}

/* Only a doc- role whose name is a term of the EPUB vocabulary gets its type. */
static void
test_roles(void **state)
{
	char *got = made("<html><body>"
	                 "<section role=\"doc-bibliography\"><ul>"
	                 "<li role=\"doc-biblioentry\" id=\"w\">W.</li></ul></section>"
	                 "<a role=\"doc-biblioref\" href=\"#w\">w</a>"
	                 "<aside role=\"doc-footnote\">f</aside>"
	                 "<a role=\"doc-backlink\" href=\"#x\">b</a>"
	                 "<nav role=\"navigation\">n</nav>"
	                 "<p role=\"doc-noterefs\">q</p>"
	                 "</body></html>");

	(void)state;
	assert_contains(got, "<section role=\"doc-bibliography\" epub:type=\"bibliography\">");
	assert_contains(got, "<li role=\"doc-biblioentry\" epub:type=\"biblioentry\" id=\"w\">");
	assert_contains(got, "<a role=\"doc-biblioref\" epub:type=\"biblioref\" href=\"#w\">");
	assert_contains(got, "<aside role=\"doc-footnote\" epub:type=\"footnote\">");
	assert_contains(got, "<a role=\"doc-backlink\" href=\"#x\">");
	assert_contains(got, "<nav role=\"navigation\">");
	assert_contains(got, "<p role=\"doc-noterefs\">");
	free(got);
}

/* An item is an endnote only in the list of the endnotes' section. */
static void
test_endnotes_items(void **state)
{
	char *got = made("<html><body><ol><li>one</li></ol>"
	                 "<div role=\"doc-endnotes\"><ul><li class=\"n\">two</li></ul></div>"
	                 "</body></html>");

	(void)state;
	assert_contains(got, "<li>one</li>");
	assert_contains(got, "<li class=\"n\" epub:type=\"endnote\">two</li>");
	free(got);
}

/* An element in a namespace of its own (inline SVG) stays in it. */
static void
test_other_namespace(void **state)
{
	char *got = made("<html><body><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">"
	                 "<title>t</title></svg><title>x</title></body></html>");
	xmlDocPtr doc = xmlReadMemory(got, (int)strlen(got), "brief.xhtml", NULL,
	                              XML_PARSE_NOBLANKS);
	xmlNodePtr body, svg;

	(void)state;
	assert_non_null(doc);
	body = xmlDocGetRootElement(doc)->children;
	assert_string_equal((const char *)body->name, "body");
	svg = body->children;
	assert_string_equal((const char *)svg->ns->href, "http://www.w3.org/2000/svg");
	assert_string_equal((const char *)svg->children->ns->href,
	                    "http://www.w3.org/2000/svg");
	assert_string_equal((const char *)svg->next->ns->href, "http://www.w3.org/1999/xhtml");
	xmlFreeDoc(doc);
	free(got);
}

/* Every comment and processing instruction goes, but meta other than the viewport's
 * and the charset's stays. */
static void
test_dropped(void **state)
{
	char *got = made("<html><head><?pi data?><meta name=\"description\" content=\"d\"/>"
	                 "<meta name=\"viewport\" content=\"v\"/>"
	                 "<meta http-equiv=\"Content-Type\" content=\"c\"/></head>"
	                 "<body><p>a<!--c-->b</p></body></html>");

	(void)state;
	assert_not_contains(got, "pi data");
	assert_not_contains(got, "<!--");
	assert_not_contains(got, "viewport");
	assert_not_contains(got, "http-equiv");
	assert_contains(got, "<meta name=\"description\" content=\"d\"/>");
	assert_contains(got, "<p>ab</p>");
	free(got);
}

/* Saving reads the tree only: saved twice, the same bytes. */
static void
test_save_reads_only(void **state)
{
	static const char page[] = "<html lang=\"en\"><body><p>x</p></body></html>";
	xmlDocPtr doc = xmlReadMemory(page, (int)strlen(page), "page.html", NULL, 0);
	struct buf one = {0}, two = {0};

	(void)state;
	xhtml_make(doc);
	xhtml_save(doc, &one);
	xhtml_save(doc, &two);
	assert_string_equal(one.data, two.data);
	assert_non_null(xmlDocGetRootElement(doc));
	buf_free(&one);
	buf_free(&two);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_document),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_lang_already_there),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_endnotes_items),
		cmocka_unit_test(test_other_namespace),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_save_reads_only),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_teardown);

	xmlCleanupParser();
	return failed;
}
