/* test_housestyle.c - house styles: a style found by name, a dependent style followed
 * to its parent, the locale checked, each failure reported once; and what
 * housestyle_annotate writes into a resolved brief for the stylesheets, in a note
 * style and in an in-text one. */
#include "brief.h"
#include "housestyle.h"
#include "mem.h"
#include "xpath.h"

#define FULL(page) "<citation><author><personname><phrase role=\"surname\">Lacher" \
	"</phrase>, <phrase role=\"firstname\">Wolfram</phrase></personname></author>. " \
	"<citetitle>Libya's Fragmentation</citetitle>. <orgname role=\"publisher\">" \
	"Tauris</orgname>, <date>2020</date>: <phrase role=\"locator\">" page \
	"</phrase>.</citation>"
#define OTHER "<citation><author><orgname>Crisis Group</orgname></author>. " \
	"\u201c<citetitle>Speaking with the Bad Guys</citetitle>.\u201d " \
	"<orgname role=\"publisher\">ICG</orgname>, <date>2019</date>.</citation>"
#define IBID(x) "<citation><abbrev>Ibid.</abbrev>" x "</citation>"
#define PAGE(p) ", <phrase role=\"locator\">" p "</phrase>"
#define SHORT(p) "<citation><author><personname><phrase role=\"surname\">Lacher" \
	"</phrase></personname></author>" PAGE(p) ".</citation>"

static const char brief[] = HEAD
	NOTE(FULL("12"))
	NOTE(IBID(""))
	NOTE(IBID(PAGE("14")))
	NOTE(OTHER)
	NOTE("See " SHORT("20") " on the wider conflict.")
	TAIL;

/* Loads STYLE (and LOCALE), which must fail with exactly MESSAGE. */
static void
assert_refused(const char *style, const char *locale, const char *message)
{
	struct unit_capture c;

	unit_capture_init(&c);
	assert_null(housestyle_load(style, locale, &c.d));
	assert_string_equal(unit_capture_text(&c), message);
	unit_capture_free(&c);
}

/* Writes the style TEXT to DIR/NAME; returns its path (caller frees). */
static char *
style_file(const char *dir, const char *name, const char *text)
{
	return unit_write(dir, name, text, strlen(text));
}

static void
test_load_errors(void **state)
{
	char *dir = unit_tempdir(), *loop, *orphan, *bare;
	struct buf want = {0};

	(void)state;
	assert_refused("no-such-style", NULL, "briefc: error: no CSL style 'no-such-style' in "
	               HOUSESTYLE_DIR " (nor in its dependent/); give a style's name there, "
	               "such as apa, or a file ending in .csl [csl]\n");
	/* A name is a name: no path is made of one that is not plain. */
	assert_refused("..", NULL, "briefc: error: no CSL style '..' in " HOUSESTYLE_DIR
	               " (nor in its dependent/); give a style's name there, such as apa, "
	               "or a file ending in .csl [csl]\n");
	assert_refused("apa", "xx-YY", "briefc: error: no CSL locale 'xx-YY' in "
	               "/usr/share/citation-style-language/locales; give one such as en-US, "
	               "es-ES or fr-FR [csl]\n");
	assert_refused("apa", "../en-US", "briefc: error: no CSL locale '../en-US' in "
	               "/usr/share/citation-style-language/locales; give one such as en-US, "
	               "es-ES or fr-FR [csl]\n");
	loop = style_file(dir, "loop.csl", "<style xmlns=\"" CSL_NS "\" version=\"1.0\">\n"
	                  "<macro name=\"a\"><text macro=\"a\"/></macro>\n"
	                  "<citation><layout><text macro=\"a\"/></layout></citation></style>\n");
	buf_printf(&want, "%s:2: error: macro \"a\" calls itself, directly or through other "
	           "macros [csl]\n", loop);
	assert_refused(loop, NULL, want.data);
	buf_free(&want);
	orphan = style_file(dir, "orphan.csl", "<style xmlns=\"" CSL_NS "\"><info><link "
	                    "href=\"http://www.zotero.org/styles/none-such\" "
	                    "rel=\"independent-parent\"/></info></style>");
	buf_printf(&want, "%s: error: the style's independent parent 'none-such' is not in "
	           HOUSESTYLE_DIR " [csl]\n", orphan);
	assert_refused(orphan, NULL, want.data);
	buf_free(&want);
	bare = style_file(dir, "bare.csl", "<style xmlns=\"" CSL_NS "\"/>");
	buf_printf(&want, "%s: error: the style has no <citation> with a <layout>, and no "
	           "independent-parent link [csl]\n", bare);
	assert_refused(bare, NULL, want.data);
	buf_free(&want);
	free(loop);
	free(orphan);
	free(bare);
	unit_rmtree(dir);
	free(dir);
}

static void
test_load_dependent(void **state)
{
	struct unit_capture c;
	struct housestyle *hs;

	(void)state;
	unit_capture_init(&c);
	/* A dependent style: its parent renders; the files read are both. */
	hs = housestyle_load("harvard1", NULL, &c.d);
	assert_non_null(hs);
	assert_int_equal(hs->nfiles, 2);
	assert_string_equal(hs->files[0], HOUSESTYLE_DIR "/dependent/harvard1.csl");
	assert_string_equal(hs->files[1], HOUSESTYLE_DIR "/harvard-cite-them-right.csl");
	assert_non_null(hs->style->citation);
	assert_null(hs->locale);
	housestyle_free(hs);
	/* A language alone is a locale when one of its dialects is. */
	hs = housestyle_load("apa", "es", &c.d);
	assert_non_null(hs);
	assert_int_equal(hs->nfiles, 1);
	assert_string_equal(hs->locale, "es");
	housestyle_free(hs);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
}

/* BRIEF validated, resolved, annotated and written through STYLE (NULL: briefc's
 * own), its written citations too if REWRITE; caller frees the returned tree. */
static xmlDocPtr
annotated(const char *style, bool rewrite)
{
	struct fixture f;
	struct housestyle *hs;
	xmlDocPtr doc;

	load(&f, brief);
	resolve_annotate(f.m, f.src.doc);
	hs = housestyle_load(style, NULL, &f.c.d);
	assert_non_null(hs);
	assert_int_equal(housestyle_annotate(hs, f.m, rewrite, f.src.doc, f.src.path, &f.c.d),
	                 0);
	assert_string_equal(unit_capture_text(&f.c), "");
	housestyle_free(hs);
	doc = f.src.doc;
	f.src.doc = NULL;
	unload(&f);
	return doc;
}

static void
test_annotate_note(void **state)
{
	xmlDocPtr doc = annotated("chicago-note-bibliography-with-ibid", true);

	(void)state;
	assert_xpath(doc, "string(/*/brf:house-style/@class)", "note");
	/* Every citation has its piece, in note order, with briefc's positions. */
	assert_xpath(doc, "count(//db:citation[@brf:piece])", "5");
	assert_xpath(doc, "count(//db:footnote[@brf:in-text])", "0");
	assert_xpath(doc, "string(//db:footnote[5]/@brf:note)", "5");
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[2]//db:citation/@brf:piece)])",
	             "Ibid.");
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[3]//db:citation/@brf:piece)])",
	             "Ibid., 14.");
	/* Note 5 runs on after its citation: no period closes the citation there. */
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[5]//db:citation/@brf:piece)])",
	             "Lacher, Libya\u2019s Fragmentation, 20");
	/* Rich text is DocBook inlines: the book's title in emphasis. */
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[5]//db:citation/@brf:piece)]"
	             "/db:emphasis)", "Libya\u2019s Fragmentation");
	/* The bibliography in the style's order, each entry naming its work. */
	assert_xpath(doc, "count(//brf:entry)", "2");
	assert_xpath(doc, "string(//brf:entry[1]/@work)", "crisis-group-2019");
	assert_xpath(doc, "string(//brf:entry[2]/@work)", "lacher-2020");
	assert_xpath(doc, "string(//brf:entry[2])",
	             "Lacher, Wolfram. Libya\u2019s Fragmentation. Tauris, 2020.");
	xmlFreeDoc(doc);
}

static void
test_annotate_in_text(void **state)
{
	xmlDocPtr doc = annotated("apa", true);

	(void)state;
	assert_xpath(doc, "string(/*/brf:house-style/@class)", "in-text");
	/* A note that only cites is one in-text citation; one that says more keeps its
	 * citation in its place. */
	assert_xpath(doc, "count(//db:footnote[@brf:in-text])", "4");
	assert_xpath(doc, "count(//db:footnote[5][@brf:in-text])", "0");
	assert_xpath(doc, "count(//db:footnote[5]//db:citation[@brf:piece])", "1");
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[1]/@brf:in-text)])",
	             "(Lacher, 2020, p. 12)");
	assert_xpath(doc, "string(//brf:piece[@n = string(//db:footnote[3]/@brf:in-text)])",
	             "(Lacher, 2020, p. 14)");
	assert_xpath(doc, "string(//brf:entry[1])", "Crisis Group. (2019). "
	             "Speaking with the Bad Guys. ICG.");
	/* The note left is note 1, its number its ID; the others have none. */
	assert_xpath(doc, "string(//db:footnote[5]/@brf:note)", "1");
	assert_xpath(doc, "count(id('1') | //db:footnote[5])", "1");
	assert_xpath(doc, "count(id('5'))", "0");
	assert_xpath(doc, "count(//db:footnote[@brf:in-text][@brf:note])", "0");
	assert_xpath(doc, "string(/*/@brf:notes)", "1");
	xmlFreeDoc(doc);
}

/* briefc's own style, notes as written: the bibliography is the engine's, each
 * citation keeps its text, and every note stays a note. */
static void
test_annotate_as_written(void **state)
{
	xmlDocPtr doc = annotated(NULL, false);

	(void)state;
	assert_xpath(doc, "string(/*/brf:house-style/@class)", "note");
	assert_xpath(doc, "count(//brf:piece | //@brf:piece | //@brf:in-text)", "0");
	assert_xpath(doc, "string(//brf:entry[2])",
	             "Lacher, Wolfram. Libya\u2019s Fragmentation. Tauris, 2020.");
	xmlFreeDoc(doc);
	/* An in-text style as written leaves the notes as they are, numbers and all. */
	doc = annotated("apa", false);
	assert_xpath(doc, "string(/*/brf:house-style/@class)", "note");
	assert_xpath(doc, "count(//@brf:in-text | //@brf:piece)", "0");
	assert_xpath(doc, "string(//db:footnote[5]/@brf:note)", "5");
	assert_xpath(doc, "string(//brf:entry[1])", "Crisis Group. (2019). "
	             "Speaking with the Bad Guys. ICG.");
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_dependent),
		cmocka_unit_test(test_annotate_note),
		cmocka_unit_test(test_annotate_in_text),
		cmocka_unit_test(test_annotate_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
