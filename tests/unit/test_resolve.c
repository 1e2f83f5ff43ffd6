/* test_resolve.c - resolution from the XML of a brief: how citation markup is read,
 * that every problem is reported at its note's line and column with its rule, and what
 * resolve_annotate writes into the tree for the stylesheets. */
#include "brief.h"
#include "xpath.h"

/* In brief.h's brief, a citation right at the start of its note's paragraph is at
 * column 17. */
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

/* The parts briefc import writes: a book cited by its editors alone is theirs; a
 * declared short title is the work's ("Journals, VII, 274" finds it); the day a web
 * page was read is no date of the work; volume and issue are its own; "op. cit.",
 * "Hereafter cited as" and "entitled" leave nothing unmarked. */
static void
test_import_vocabulary(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT("<editor><personname><phrase role=\"firstname\">Charles</phrase> "
	              "<phrase role=\"surname\">Adams</phrase></personname></editor>, ed., "
	              "<citetitle>The Works of John Adams</citetitle> (<phrase role=\"place\">"
	              "Boston</phrase>, <date>1850</date>), vol. <phrase role=\"volume\">II"
	              "</phrase>, <phrase role=\"locator\">365</phrase>."))
	     NOTE(CIT("<citetitle>Journals of the Continental Congress, 1774-1789</citetitle> "
	              "(<phrase role=\"place\">Washington</phrase>, <date>1904-1937</date>), "
	              "<phrase role=\"locator\">VII, 274</phrase>. [Hereafter cited as "
	              "<phrase role=\"short-title\">Journals</phrase>.]"))
	     NOTE(CIT("<citetitle>Journals</citetitle>, <phrase role=\"locator\">VIII, 742"
	              "</phrase>."))
	     NOTE(CIT("\u201c<citetitle>Mission</citetitle>,\u201d <orgname role=\"publisher\">"
	              "Watch</orgname>, accessed <date role=\"accessed\">March 3, 2016</date>, "
	              "<link xlink:href=\"https://example.org/a\" "
	              "xmlns:xlink=\"http://www.w3.org/1999/xlink\">https://example.org/a</link>."))
	     NOTE(CIT(ORG("Press Group") TITLE("Numbers") "<citetitle role=\"container\">J"
	              "</citetitle> <phrase role=\"volume\">12</phrase>, no. <phrase role=\"issue\">"
	              "3</phrase> (" DATE("2015") ")" PAGE("4") "."))
	     NOTE(CIT("<author><orgname>Press Group</orgname></author>, op. cit., p. "
	              "<phrase role=\"locator\">5</phrase>."))
	     TAIL);
	assert_output(&f, "");
	assert_int_equal(f.m->nworks, 4);
	assert_string_equal(f.m->works[f.m->cites[0].work].id, "adams-1850");
	assert_int_equal(f.m->cites[2].work, f.m->cites[1].work);
	assert_int_equal(f.m->cites[2].form, CITE_SHORT);
	assert_string_equal(f.m->cites[2].loc.text, "VIII, 742");
	assert_string_equal(f.m->works[f.m->cites[1].work].id, "journals-of-the-1904");
	assert_string_equal(f.m->works[f.m->cites[3].work].id, "mission-nd");
	assert_string_equal(f.m->works[f.m->cites[4].work].fields.volume, "12");
	assert_string_equal(f.m->works[f.m->cites[4].work].fields.number, "3");
	assert_int_equal(f.m->cites[5].work, f.m->cites[4].work);
	unload(&f);
}

/* A second work run into a citation leaves words unmarked; the place before a marked
 * publisher, "No.", "and" and punctuation do not count. */
static void
test_unmarked_text_in_citation(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT(AUTHOR("Boukhars", "Anouar") TITLE("Salafi Jihadism")
	              "Lisbon: Tinta-da-China, " DATE("2015") PAGE("7") "."))
	     NOTE(CIT(AUTHOR("Lacher", "Wolfram") ". <citetitle>Libya\u2019s Fragmentation"
	              "</citetitle>. London: <orgname role=\"publisher\">I.B. Tauris</orgname>, "
	              DATE("2020") PAGE("3") "."))
	     NOTE(CIT(AUTHOR("Tapily", "Mamadou") " and " AUTHOR("Walker", "Peter")
	              TITLE("Mali attack") "<citetitle role=\"container\" pubwork=\"journal\">"
	              "The Guardian</citetitle>, No. <citebiblioid class=\"pubsnumber\">3"
	              "</citebiblioid>, vol. 12 (" DATE("November 21, 2015") ")."))
	     TAIL);
	assert_output(&f, "PATH:5:17: warning: citation in note 1 leaves \"Lisbon: "
	              "Tinta-da-China\" unmarked; mark its parts, or make it a citation of its "
	              "own [unmarked-citation]\n");
	assert_int_equal(diag_status(&f.c.d), EXIT_CLEAN);
	unload(&f);
}

/* After a note's citation, text that reads like another (a year and a page, or a quoted
 * title and a year) is a citation left unmarked; discursive text and notes that cite
 * nothing are not. Long text is quoted shortened. */
static void
test_citation_like_text_after_citation(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT(ORG("A") TITLE("One") DATE("2001") PAGE("3") ".")
	          " See also Smith, \u201cCounting,\u201d <emphasis>JDE</emphasis> 3 (2015).")
	     NOTE(CIT(ORG("A") PAGE("4") ".") " The report was withdrawn in 2002, after 3 "
	          "months: 12 of its sources had recanted.")
	     NOTE("In 2015, p. 4 of the report was withdrawn.")
	     NOTE(CIT(ORG("A") PAGE("5") ".") "; and Roy, Olivier. Globalized Islam: The Search "
	          "for a New Ummah. New York: Columbia University Press, 2004, p. 9.")
	     NOTE(CIT(ORG("A") PAGE("6") ".") " Compare Roy, <emphasis>Holy Ignorance</emphasis> "
	          "(Hurst, 2010), 45.")
	     TAIL);
	assert_output(&f,
	              "PATH:5:1: warning: note 1 has citation-like text outside any citation: "
	              "\"See also Smith, \u201cCounting,\u201d JDE 3 (2015)\"; mark it up as a "
	              "<citation> [unmarked-citation]\n"
	              "PATH:8:1: warning: note 4 has citation-like text outside any citation: "
	              "\"and Roy, Olivier. Globalized Islam: The Search for a New Um\u2026\"; "
	              "mark it up as a <citation> [unmarked-citation]\n"
	              "PATH:9:1: warning: note 5 has citation-like text outside any citation: "
	              "\"Compare Roy, Holy Ignorance (Hurst, 2010), 45\"; mark it up as a "
	              "<citation> [unmarked-citation]\n");
	unload(&f);
}

/* Lint of the resolved notes, each at its citation with a note at the one it concerns:
 * a page label, a work described two ways and cited in full again, a page missing. */
static void
test_lint_positions(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT(AUTHOR("Boukhars", "Anouar") TITLE("Salafi Jihadism") DATE("2013")
	              PAGE("p. 7\u20139") "."))
	     NOTE("See " CIT(AUTHOR("BOUKHARS", "A.") TITLE("Salafi Jihadism") DATE("2014")
	                     PAGE("pp. 8") "."))
	     NOTE(SHORT("Boukhars", "9") " " IBID("."))
	     NOTE(CIT("<author><personname><phrase role=\"surname\">Boukhars</phrase>"
	              "</personname></author>."))
	     TAIL);
	assert_output(&f,
	              "PATH:5:17: warning: locator \"p. 7\u20139\" names several pages after "
	              "\"p.\"; write \"pp. 7\u20139\" [page-label]\n"
	              "PATH:6:21: warning: locator \"pp. 8\" names one page after \"pp.\"; write "
	              "\"p. 8\" [page-label]\n"
	              "PATH:6:21: warning: full reference in note 2 differs from note 1 in "
	              "author (\"BOUKHARS, A.\", not \"Boukhars, Anouar\") and date (\"2014\", "
	              "not \"2013\"); make them agree [conflicting-fields]\n"
	              "PATH:5:17: note: first described here\n"
	              "PATH:6:21: style: Boukhars, \u201cSalafi Jihadism\u201d is cited in full "
	              "again in note 2; after its first citation, in note 1, use the short form "
	              "[repeated-full]\n"
	              "PATH:5:17: note: first cited here\n"
	              "PATH:8:17: warning: note 4 cites Boukhars, \u201cSalafi Jihadism\u201d "
	              "with no page, though note 1 cites it by page; add the page meant "
	              "[missing-locator]\n"
	              "PATH:5:17: note: cited by page here\n");
	assert_int_equal(f.c.d.styles, 1);
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

/* A date that is no date: at its citation, or at its bibliography entry. */
static void
test_malformed_dates_at_their_element(void **state)
{
	struct fixture f;

	(void)state;
	load(&f, BIB_HEAD
	     NOTE(CIT(ORG("A") TITLE("One") DATE("Spring") PAGE("3") "."))
	     NOTE("<biblioref linkend=\"smith\" begin=\"12\"/>.")
	     NOTE("<biblioref linkend=\"unused\"/>.")
	     "</para></section>\n<bibliography>\n"
	     "<biblioentry xml:id=\"smith\"><author><orgname>S</orgname></author>"
	     "<title>Counting</title><pubdate>2019-02-30</pubdate></biblioentry>\n"
	     "  <biblioentry xml:id=\"unused\"><title>Unused</title><pubdate>s.f.</pubdate>"
	     "</biblioentry>\n"
	     "</bibliography>\n</article>\n");
	assert_output(&f,
	              "PATH:5:17: warning: date \"Spring\" has no year; write it as \"2015\", "
	              "\"August 2013\" or \"2015-12-23\", or \"n.d.\" if the work has none "
	              "[malformed-date]\n"
	              "PATH:10:1: warning: date \"2019-02-30\" names a month or day that does "
	              "not exist; correct it [malformed-date]\n");
	unload(&f);
}

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

/* A person's name written whole is taken apart: "Given Family", "Family, Given"; one
 * word, or a comma not followed by a name, stays whole. */
static void
test_names_written_whole(void **state)
{
	struct fixture f;
	const struct cite_name *a;

	(void)state;
	load(&f, HEAD
	     NOTE(CIT("<author><personname>Jean Marie Lemoalle</personname></author>"
	              TITLE("Le lac Tchad") DATE("2014") PAGE("12") "."))
	     NOTE(CIT("<author><personname>Lemoalle, Jean</personname></author>" PAGE("40") "."))
	     NOTE(CIT("<author><personname>Plato</personname></author>" TITLE("Republic")
	              DATE("1992") "."))
	     NOTE(CIT("<author><personname>Smith,</personname></author>" TITLE("Odd")
	              DATE("2001") "."))
	     TAIL);
	assert_output(&f, "");
	a = &f.m->works[f.m->cites[0].work].fields.authors[0];
	assert_string_equal(a->family, "Lemoalle");
	assert_string_equal(a->given, "Jean Marie");
	assert_null(a->literal);
	/* The short form by family name finds the work its full reference named. */
	assert_int_equal(f.m->cites[1].work, f.m->cites[0].work);
	a = &f.m->works[f.m->cites[2].work].fields.authors[0];
	assert_string_equal(a->literal, "Plato");
	assert_null(a->family);
	a = &f.m->works[f.m->cites[3].work].fields.authors[0];
	assert_string_equal(a->literal, "Smith,");
	unload(&f);
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
	/* A note's number is its ID: id() finds it, and nothing else. */
	assert_xpath(doc, "count(id('3') | //db:footnote[3])", "1");
	assert_xpath(doc, "count(id('7'))", "0");
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
	/* The DocBook elements of the brief, each once, in the order first met; none
	 * of briefc's own. */
	assert_xpath(doc, "string(/*/@brf:elements)", " article info title author orgname "
	             "section para footnote biblioref citation personname phrase citetitle date "
	             "abbrev bibliography biblioentry firstname surname subtitle volumenum "
	             "issuenum pubdate ");
	assert_xpath(doc, "string(/*/@brf:notes)", "6");
	/* The period after a biblioref is its citation's, taken off the text after it
	 * (dropped, here, with nothing left). */
	assert_xpath(doc, "string(//db:footnote[1]//db:biblioref/@brf:taken)", ".");
	assert_xpath(doc, "count(//db:footnote[1]/db:para/node())", "1");
	assert_xpath(doc, "count(//db:biblioref[@brf:taken])", "3");
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
		cmocka_unit_test(test_import_vocabulary),
		cmocka_unit_test(test_citation_without_parts),
		cmocka_unit_test(test_unmarked_text_in_citation),
		cmocka_unit_test(test_citation_like_text_after_citation),
		cmocka_unit_test(test_lint_positions),
		cmocka_unit_test(test_malformed_dates_at_their_element),
		cmocka_unit_test(test_structured_citations),
		cmocka_unit_test(test_names_written_whole),
		cmocka_unit_test(test_annotate),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
