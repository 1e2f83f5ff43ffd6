/* test_resolve.c - resolution from the XML of a brief: how citation markup is read,
 * that every problem is reported at its note's line and column with its rule, and what
 * resolve_annotate writes into the tree for the stylesheets. */
#include "unit.h"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "resolve.h"
#include "validate.h"

/* A brief with one note per line: note N (1-based) is on line 4 + N, and a citation
 * right at the start of its note's paragraph is at column 17. */
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author></info>\n" \
	"<para>Text.\n"
#define NOTE(x) "<footnote><para>" x "</para></footnote>\n"
#define TAIL "</para>\n</article>\n"
#define CIT(x) "<citation>" x "</citation>"
#define AUTHOR(s, f) "<author><personname><phrase role=\"surname\">" s "</phrase>, " \
	"<phrase role=\"firstname\">" f "</phrase></personname></author>"
#define ORG(o) "<author><orgname>" o "</orgname></author>"
#define TITLE(t) ". \u201c<citetitle>" t "</citetitle>.\u201d "
#define DATE(d) "<date>" d "</date>"
#define PAGE(p) ": <phrase role=\"locator\">" p "</phrase>"
#define SHORT(s, p) CIT("<author><personname><phrase role=\"surname\">" s \
	"</phrase></personname></author>" PAGE(p) ".")
#define IBID(p) CIT("<abbrev>Ibid.</abbrev>" p)

/* A loaded, valid brief and its resolved model. */
struct fixture {
	struct unit_capture c;
	struct source src;
	struct cite_model *m;
	char *path;
};

static void
load(struct fixture *f, const char *text)
{
	struct validator *v;

	unit_capture_init(&f->c);
	f->path = unit_load(&f->src, text, &f->c.d);
	v = validate_new(&f->c.d);
	if (validate_source(v, &f->src, &f->c.d) != 0)
		fail_msg("test brief is invalid:\n%s", unit_capture_text(&f->c));
	validate_free(v);
	f->m = resolve_source(&f->src, &f->c.d);
}

static void
unload(struct fixture *f)
{
	cite_model_free(f->m);
	source_free(&f->src);
	unit_capture_free(&f->c);
	unit_rmfile(f->path);
}

/* Asserts that the diagnostics are exactly WANT, with "PATH" standing for the brief. */
static void
assert_output(struct fixture *f, const char *want)
{
	const char *got = unit_capture_text(&f->c);
	char expanded[4096];
	const char *p;
	size_t n = 0;

	for (p = want; *p != '\0' && n + strlen(f->path) < sizeof(expanded) - 1; p++) {
		if (strncmp(p, "PATH", 4) == 0) {
			n += (size_t)sprintf(expanded + n, "%s", f->path);
			p += 3;
		} else {
			expanded[n++] = *p;
		}
	}
	expanded[n] = '\0';
	if (strcmp(got ? got : "", expanded) != 0)
		fail_msg("diagnostics differ; wanted:\n%s\ngot:\n%s", expanded, got ? got : "");
}

static const char *
work_of(const struct fixture *f, size_t i)
{
	assert_true(i < f->m->ncites);
	return f->m->cites[i].work == CITE_NONE ? "(none)" : f->m->works[f->m->cites[i].work].id;
}

static void
test_article_forms(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT(ORG("United States Department of State") TITLE("Country Reports")
	              "<orgname role=\"publisher\">State</orgname>, " DATE("2014") PAGE("159") "."))
	     NOTE(IBID(""))
	     NOTE(CIT(AUTHOR("Echeverr\u00eda Jes\u00fas", "Carlos") TITLE("La situaci\u00f3n")
	              "<citetitle role=\"container\" pubwork=\"series\">Elcano</citetitle>, No. "
	              "<citebiblioid class=\"pubsnumber\">19</citebiblioid> (" DATE("2015") ")"
	              PAGE("12") "."))
	     NOTE(CIT(ORG("United States Department of State") ", <phrase role=\"locator\">"
	              "194</phrase>."))
	     NOTE(IBID(", <phrase role=\"locator\">211</phrase>."))
	     NOTE(SHORT("Echeverr\u00eda", "12"))
	     NOTE(CIT("<abbrev role=\"various-authors\">AA.VV.</abbrev> \u201c<citetitle>Al Qaeda "
	              "llama</citetitle>.\u201d <citetitle role=\"container\" pubwork=\"journal\">"
	              "El Mundo</citetitle>. " DATE("January 15, 2016") "."))
	     NOTE("A note that cites nothing.")
	     TAIL);
	assert_output(&f, "");
	assert_int_equal(f.m->notes, 8);
	assert_int_equal(f.m->ncites, 7);
	assert_int_equal(f.m->nworks, 3);
	assert_string_equal(work_of(&f, 0), "united-states-department-of-state-2014");
	assert_int_equal(f.m->cites[1].form, CITE_IBID);
	assert_string_equal(f.m->cites[1].loc.text, "159");
	assert_string_equal(work_of(&f, 2), "echeverria-jesus-2015");
	assert_int_equal(f.m->cites[3].form, CITE_SHORT);
	assert_string_equal(work_of(&f, 3), "united-states-department-of-state-2014");
	assert_string_equal(work_of(&f, 4), "united-states-department-of-state-2014");
	assert_string_equal(work_of(&f, 5), "echeverria-jesus-2015");
	assert_string_equal(work_of(&f, 6), "al-qaeda-llama-2016");
	/* Fields as read from the markup. */
	assert_string_equal(f.m->works[1].fields.authors[0].family, "Echeverr\u00eda Jes\u00fas");
	assert_string_equal(f.m->works[1].fields.authors[0].given, "Carlos");
	assert_string_equal(f.m->works[1].fields.container, "Elcano");
	assert_int_equal(f.m->works[1].fields.container_kind, CONTAINER_SERIES);
	assert_string_equal(f.m->works[1].fields.number, "19");
	assert_true(f.m->works[0].fields.various);
	assert_int_equal(f.m->works[0].fields.date.month, 1);
	unload(&f);
}

static void
test_ibid_in_first_note(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD NOTE(IBID(", <phrase role=\"locator\">3</phrase>.")) TAIL);
	assert_output(&f, "PATH:5:17: error: Ibid. in note 1 has no earlier note to refer to; "
	              "cite the work in full [ibid-no-antecedent]\n");
	assert_int_equal(diag_status(&f.c.d), EXIT_INPUT);
	unload(&f);
}

static void
test_ibid_after_a_note_citing_nothing(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD NOTE(SHORT("X", "1")) NOTE("See above.") NOTE(IBID("")) TAIL);
	assert_output(&f,
	              "PATH:5:17: error: short form \"X\" in note 1 fits no work cited in full "
	              "before it; check the spelling, or cite the work in full first "
	              "[short-form-unmatched]\n"
	              "PATH:7:17: error: Ibid. in note 3 refers to note 2, which cites no work; "
	              "cite the work by name [ibid-no-antecedent]\n");
	unload(&f);
}

static void
test_ambiguous_ibid(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT(ORG("A") TITLE("One") DATE("2001")) "; "
	          CIT(ORG("B") TITLE("Two") DATE("2002")))
	     NOTE(IBID(""))
	     TAIL);
	assert_output(&f,
	              "PATH:6:17: error: Ibid. in note 2 is ambiguous: note 1 cites more than "
	              "one work; use a short form [ibid-ambiguous]\n"
	              "PATH:5:17: note: one work cited in note 1\n"
	              "PATH:5:126: note: another work cited in note 1\n");
	unload(&f);
}

static void
test_short_form_ambiguous_and_before_full(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(SHORT("Boukhars", "11"))
	     NOTE(CIT(AUTHOR("Boukhars", "Anouar") TITLE("Resurgimiento") DATE("2013")))
	     NOTE(CIT(AUTHOR("Boukhars", "Anouar") TITLE("Sahel") DATE("2014")))
	     NOTE(SHORT("Boukhars", "12"))
	     TAIL);
	assert_output(&f,
	              "PATH:5:17: error: short form \"Boukhars\" in note 1 comes before the first "
	              "full reference to Boukhars, \u201cResurgimiento\u201d (note 2); cite the "
	              "work in full here [short-form-before-full]\n"
	              "PATH:6:17: note: the full reference comes later, in note 2\n"
	              "PATH:8:17: error: short form \"Boukhars\" in note 4 fits two works: "
	              "Boukhars, \u201cResurgimiento\u201d and Boukhars, \u201cSahel\u201d; add a "
	              "short title to tell them apart [short-form-ambiguous]\n"
	              "PATH:6:17: note: candidate first cited in note 2\n"
	              "PATH:7:17: note: candidate first cited in note 3\n");
	unload(&f);
}

static void
test_reversed_range(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD NOTE(CIT(ORG("A") TITLE("One") DATE("2001") PAGE("14\u201311"))) TAIL);
	assert_output(&f, "PATH:5:17: error: page range \"14\u201311\" runs backwards; write the "
	              "lower page first [reversed-range]\n");
	unload(&f);
}

static void
test_citation_without_parts(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD NOTE("See " CIT("Smith, p. 4") ".") TAIL);
	assert_output(&f, "PATH:5:21: error: citation in note 1 names no author, title or "
	              "Ibid.; mark its parts (<author>, <citetitle>, <abbrev>Ibid.</abbrev>) "
	              "[citation-unrecognised]\n");
	unload(&f);
}

#define BIB_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"en\">\n" \
	"<info><title>T</title><author><orgname>O</orgname></author></info>\n" \
	"<section xml:id=\"s1\"><title>S</title><para>Text.\n"
#define BIB_TAIL "</para></section>\n<bibliography>\n" \
	"<biblioentry xml:id=\"smith\"><author><personname><firstname>Jane</firstname> " \
	"<surname>Smith</surname></personname></author><title>Counting</title><subtitle>A " \
	"Method</subtitle><citetitle pubwork=\"journal\">JDE</citetitle><volumenum>12" \
	"</volumenum><issuenum>3</issuenum><pubdate>2019-03</pubdate></biblioentry>\n" \
	"<biblioentry xml:id=\"unused\"><title>Unused</title></biblioentry>\n" \
	"</bibliography>\n</article>\n"

static void
test_structured_citations(void **state)
{
	struct fixture f;
	const struct cite_work *w;

	(void)state;
	load(&f, BIB_HEAD
	     NOTE("<biblioref linkend=\"smith\" begin=\"12\"/>.")
	     NOTE("<biblioref linkend=\"smith\" begin=\"14\" end=\"16\"/>.")
	     NOTE("<biblioref linkend=\"s1\"/>.")
	     BIB_TAIL);
	assert_output(&f,
	              "PATH:7:17: error: <biblioref> names \"s1\", which is no <biblioentry> in "
	              "the brief's <bibliography>; link to an entry's xml:id [biblioref-target]\n"
	              "PATH:11:1: warning: bibliography entry \"unused\" is never cited; cite it "
	              "with <biblioref linkend=\"unused\"/> or remove it [uncited-entry]\n");
	assert_string_equal(work_of(&f, 0), "smith");
	assert_int_equal(cite_shown_form(&f.m->cites[0]), CITE_FULL);
	assert_int_equal(cite_shown_form(&f.m->cites[1]), CITE_IBID);
	assert_string_equal(f.m->cites[1].loc.text, "14\u201316");
	w = &f.m->works[0];
	assert_string_equal(w->fields.title, "Counting: A Method");
	assert_string_equal(w->fields.authors[0].given, "Jane");
	assert_string_equal(w->fields.volume, "12");
	assert_string_equal(w->fields.number, "3");
	assert_int_equal(w->fields.date.year, 2019);
	assert_int_equal(w->fields.date.month, 3);
	assert_string_equal(cite_work_type(w), "article-journal");
	unload(&f);
}

/* The value of XPath EXPR (a string) in DOC, with prefixes db and brf. Caller frees. */
static char *
xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;
	char *s;

	xmlXPathRegisterNs(ctx, BAD_CAST "db", BAD_CAST DOCBOOK_NS);
	xmlXPathRegisterNs(ctx, BAD_CAST "brf", BAD_CAST RESOLVED_NS);
	r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(r);
	s = (char *)xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return s;
}

static void
assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s = \"%s\", wanted \"%s\"", expr, got, want);
	xmlFree(got);
}

static void
test_annotate(void **state)
{
	struct fixture f;
	xmlDocPtr doc;

	(void)state;
	load(&f, BIB_HEAD
	     NOTE("<biblioref linkend=\"smith\" begin=\"12\"/>.")
	     NOTE("No citation.")
	     NOTE(CIT(AUTHOR("Braniff", "William") TITLE("Two Caliphates") DATE("2015")
	              PAGE("6") "."))
	     NOTE("<biblioref linkend=\"smith\"/>.")
	     NOTE(IBID(""))
	     NOTE("<biblioref linkend=\"unused\"/>.")
	     BIB_TAIL);
	doc = f.src.doc;
	resolve_annotate(f.m, doc);
	assert_xpath(doc, "string(//db:footnote[3]/@brf:note)", "3");
	assert_xpath(doc, "count(//db:footnote[@brf:note])", "6");
	assert_xpath(doc, "string(//db:citation/@brf:work)", "braniff-2015");
	assert_xpath(doc, "string(//db:citation/@brf:form)", "full");
	assert_xpath(doc, "string(//db:citation/@brf:locator)", "6");
	assert_xpath(doc, "string(//db:footnote[4]//db:biblioref/@brf:form)", "short");
	assert_xpath(doc, "string(//db:footnote[4]//db:biblioref/@brf:position)", "subsequent");
	assert_xpath(doc, "count(//db:footnote[4]//db:biblioref/@brf:locator)", "0");
	assert_xpath(doc, "string(//db:footnote[5]//db:citation/@brf:work)", "smith");
	assert_xpath(doc, "string(//db:footnote[5]//db:citation/@brf:form)", "ibid");
	assert_xpath(doc, "string(//db:footnote[5]//db:citation/@brf:same-place)", "yes");
	assert_xpath(doc, "count(//*[@brf:same-place])", "1");
	/* The bibliography: last child of the root, in order, with every field. */
	assert_xpath(doc, "local-name(/*/*[last()])", "bibliography");
	assert_xpath(doc, "count(//brf:work)", "3");
	assert_xpath(doc, "string(//brf:work[1]/@id)", "braniff-2015");
	assert_xpath(doc, "string(//brf:work[2]/@id)", "smith");
	assert_xpath(doc, "string(//brf:work[2]/brf:author/@family)", "Smith");
	assert_xpath(doc, "string(//brf:work[2]/brf:title)", "Counting: A Method");
	assert_xpath(doc, "string(//brf:work[2]/brf:container/@kind)", "journal");
	assert_xpath(doc, "string(//brf:work[2]/brf:date/@month)", "3");
	assert_xpath(doc, "string(//brf:work[2]/@type)", "article-journal");
	assert_xpath(doc, "count(//brf:work[2]/brf:cited-by)", "3");
	assert_xpath(doc, "string(//brf:work[2]/brf:cited-by[3]/@note)", "5");
	assert_xpath(doc, "string(//brf:work[2]/brf:cited-by[3]/@form)", "ibid");
	assert_xpath(doc, "string(//brf:work[3]/brf:cited-by[1]/@note)", "6");
	unload(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_forms),
		cmocka_unit_test(test_ibid_in_first_note),
		cmocka_unit_test(test_ibid_after_a_note_citing_nothing),
		cmocka_unit_test(test_ambiguous_ibid),
		cmocka_unit_test(test_short_form_ambiguous_and_before_full),
		cmocka_unit_test(test_reversed_range),
		cmocka_unit_test(test_citation_without_parts),
		cmocka_unit_test(test_structured_citations),
		cmocka_unit_test(test_annotate),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
