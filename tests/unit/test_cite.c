/* test_cite.c - the citation model without XML: locators, dates, identity, each
 * resolution rule and each problem, work ids, bibliography order and linear time. */
#include "unit.h"

#include <time.h>

#include "cite.h"
#include "norm.h"

/* Citations are added with a fake node: the address of a label, so tests can tell
 * which citation a problem points at. */
static char nodes[64][8];

/* ---- Building fields ---- */

static void
add_name(struct cite_fields *f, const char *family, const char *given, const char *literal)
{
	f->authors = realloc(f->authors, (f->nauthors + 1) * sizeof(*f->authors));
	assert_non_null(f->authors);
	f->authors[f->nauthors].family = family ? strdup(family) : NULL;
	f->authors[f->nauthors].given = given ? strdup(given) : NULL;
	f->authors[f->nauthors].literal = literal ? strdup(literal) : NULL;
	f->nauthors++;
}

/* A full reference: a person (FAMILY, GIVEN) or organisation (GIVEN NULL, FAMILY the
 * name); FAMILY NULL: no author. */
static struct cite_fields
full(const char *family, const char *given, const char *title, const char *date)
{
	struct cite_fields f;

	memset(&f, 0, sizeof(f));
	if (family != NULL)
		add_name(&f, given ? family : NULL, given, given ? NULL : family);
	f.title = strdup(title);
	f.publisher = strdup("Publisher");
	if (date != NULL) {
		f.date.text = strdup(date);
		cite_date_parse(&f.date);
	}
	return f;
}

static struct cite_fields
short_form(const char *family, const char *title)
{
	struct cite_fields f;

	memset(&f, 0, sizeof(f));
	if (family != NULL)
		add_name(&f, family, NULL, NULL);
	f.title = title ? strdup(title) : NULL;
	return f;
}

/* Adds to M, in a new note, a citation at fake node N. */
static void
note(struct cite_model *m, enum cite_form form, struct cite_fields f, const char *locator,
     int n)
{
	cite_begin_note(m);
	cite_add(m, form, &f, NULL, locator, nodes[n]);
	cite_fields_free(&f);
}

static void
ibid(struct cite_model *m, const char *locator, int n)
{
	struct cite_fields none;

	memset(&none, 0, sizeof(none));
	note(m, CITE_IBID, none, locator, n);
}

static const char *
work_of(const struct cite_model *m, size_t i)
{
	assert_true(i < m->ncites);
	return m->cites[i].work == CITE_NONE ? "(none)" : m->works[m->cites[i].work].id;
}

static void
assert_problem(const struct cite_model *m, size_t i, enum diag_rule rule, int node,
               const char *word)
{
	assert_true(i < m->nproblems);
	if (m->problems[i].rule != rule)
		fail_msg("problem %zu is [%s], wanted [%s]: %s", i,
		         diag_rule_id(m->problems[i].rule), diag_rule_id(rule),
		         m->problems[i].message);
	assert_ptr_equal(m->problems[i].node, nodes[node]);
	assert_contains(m->problems[i].message, word);
}

/* ---- Locators ---- */

static void
assert_locator(const char *text, enum cite_locator_kind kind, const char *kept, bool several)
{
	struct cite_locator loc;

	assert_int_equal(cite_locator_parse(text, &loc, NULL), 0);
	if (loc.kind != kind)
		fail_msg("\"%s\": kind %d, wanted %d", text ? text : "(null)", loc.kind, kind);
	if (kept == NULL)
		assert_null(loc.text);
	else
		assert_string_equal(loc.text, kept);
	assert_int_equal(loc.several, several);
	free(loc.text);
}

static void
test_locators(void **state)
{
	(void)state;
	assert_locator(NULL, LOC_NONE, NULL, false);
	assert_locator("  ", LOC_NONE, NULL, false);
	assert_locator("12", LOC_PAGES, "12", false);
	assert_locator(" \u00a07\u00a0 ", LOC_PAGES, "7", false);
	assert_locator("211\u201314", LOC_PAGES, "211\u201314", true);
	assert_locator("198-9", LOC_PAGES, "198-9", true);
	assert_locator("99\u2013100", LOC_PAGES, "99\u2013100", true);
	assert_locator("p. 7", LOC_PAGES, "p. 7", false);
	assert_locator("pp. 3, 9 \u2013 12", LOC_PAGES, "pp. 3, 9 \u2013 12", true);
	assert_locator("xiv\u2013xvi", LOC_PAGES, "xiv\u2013xvi", true);
	assert_locator("chap. 3", LOC_OTHER, "chap. 3", false);
	assert_locator("civil", LOC_OTHER, "civil", false);   /* letters, not a numeral */
	assert_locator("12a", LOC_OTHER, "12a", false);
	assert_locator("12\u201314\u201316", LOC_OTHER, "12\u201314\u201316", false);
}

/* "p." and "pp." are kept as labels of the pages they stand before; the pages
 * themselves begin after the label and its spaces. */
static void
test_page_labels(void **state)
{
	static const struct {
		const char *text;
		enum cite_page_label label;
		bool several;
		const char *pages;
	} cases[] = {
		{"7", LABEL_NONE, false, "7"},
		{"p. 7", LABEL_P, false, "7"},
		{"p.7", LABEL_P, false, "7"},
		{"pp. 7\u20139", LABEL_PP, true, "7\u20139"},
		{"pp. 3, 9", LABEL_PP, true, "3, 9"},
		{"p. 12\u201314", LABEL_P, true, "12\u201314"},
		{"pp.\u00a012", LABEL_PP, false, "12"},
		{"chap. 3", LABEL_NONE, false, NULL},
	};
	struct cite_locator loc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(cite_locator_parse(cases[i].text, &loc, NULL), 0);
		if (loc.label != cases[i].label || loc.several != cases[i].several)
			fail_msg("\"%s\": label %d, several %d; wanted %d, %d", cases[i].text,
			         loc.label, loc.several, cases[i].label, cases[i].several);
		if (cases[i].pages != NULL && strcmp(loc.text + loc.pages, cases[i].pages) != 0)
			fail_msg("\"%s\": pages \"%s\", wanted \"%s\"", cases[i].text,
			         loc.text + loc.pages, cases[i].pages);
		free(loc.text);
	}
}

static void
assert_reversed(const char *text, const char *range)
{
	struct cite_locator loc;
	char *bad = NULL;

	assert_int_equal(cite_locator_parse(text, &loc, &bad), -1);
	assert_int_equal(loc.kind, LOC_PAGES);
	assert_non_null(bad);
	assert_string_equal(bad, range);
	free(bad);
	free(loc.text);
}

static void
test_reversed_ranges(void **state)
{
	(void)state;
	assert_reversed("14\u201311", "14\u201311");
	assert_reversed("211\u201310", "211\u201310"); /* 211-210 */
	assert_reversed("pp. 3, 40-38", "40-38");
	assert_reversed("xvi\u2013xiv", "xvi\u2013xiv");
}

/* ---- Dates ---- */

static void
assert_date_status(const char *text, enum cite_date_status want, int y, int m, int d)
{
	struct cite_date date = {(char *)text, -1, -1, -1};
	enum cite_date_status got = cite_date_parse(&date);

	if (got != want || date.year != y || date.month != m || date.day != d)
		fail_msg("\"%s\": status %d, %d-%d-%d; wanted %d, %d-%d-%d", text ? text : "(null)",
		         got, date.year, date.month, date.day, want, y, m, d);
}

/* A date is read, says there is none, has no year, or names a month or day that does
 * not exist; an impossible part is dropped. */
static void
test_date_status(void **state)
{
	(void)state;
	assert_date_status(NULL, DATE_OK, 0, 0, 0);
	assert_date_status("2014", DATE_OK, 2014, 0, 0);
	assert_date_status("Spring 2015", DATE_OK, 2015, 0, 0);
	assert_date_status("February 29, 2016", DATE_OK, 2016, 2, 29);
	assert_date_status("2016-02-29", DATE_OK, 2016, 2, 29);
	assert_date_status("2015-1-5", DATE_OK, 2015, 1, 5);
	assert_date_status("n.d.", DATE_UNDATED, 0, 0, 0);
	assert_date_status("n. d", DATE_UNDATED, 0, 0, 0);
	assert_date_status("s.f.", DATE_UNDATED, 0, 0, 0);
	assert_date_status("Sin fecha", DATE_UNDATED, 0, 0, 0);
	assert_date_status("Spring", DATE_NO_YEAR, 0, 0, 0);
	assert_date_status("19th century", DATE_NO_YEAR, 0, 0, 0);
	assert_date_status("", DATE_NO_YEAR, 0, 0, 0);
	assert_date_status("15", DATE_NO_YEAR, 0, 0, 0);
	assert_date_status("February 30, 2015", DATE_IMPOSSIBLE, 2015, 2, 0);
	assert_date_status("February 29, 2015", DATE_IMPOSSIBLE, 2015, 2, 0);
	assert_date_status("April 31, 2015", DATE_IMPOSSIBLE, 2015, 4, 0);
	assert_date_status("February 45, 2015", DATE_IMPOSSIBLE, 2015, 2, 0);
	assert_date_status("2015-13", DATE_IMPOSSIBLE, 2015, 0, 0);
	assert_date_status("2015-13-01", DATE_IMPOSSIBLE, 2015, 0, 0);
	assert_date_status("2015-02-30", DATE_IMPOSSIBLE, 2015, 2, 0);
	assert_date_status("2015-00", DATE_IMPOSSIBLE, 2015, 0, 0);
	assert_date_status("2015-123", DATE_IMPOSSIBLE, 2015, 0, 0);
}

static void
assert_date(const char *text, int y, int m, int d)
{
	struct cite_date date = {(char *)text, -1, -1, -1};

	cite_date_parse(&date);
	if (date.year != y || date.month != m || date.day != d)
		fail_msg("\"%s\": %d-%d-%d, wanted %d-%d-%d", text, date.year, date.month,
		         date.day, y, m, d);
}

static void
test_dates(void **state)
{
	(void)state;
	assert_date("2014", 2014, 0, 0);
	assert_date("August 2013", 2013, 8, 0);
	assert_date("November 21, 2015", 2015, 11, 21);
	assert_date("21 November 2015", 2015, 11, 21);
	assert_date("Sept. 3, 2001", 2001, 9, 3);
	assert_date("2015-12-23", 2015, 12, 23);
	assert_date("2013-08", 2013, 8, 0);
	assert_date("Spring 2015", 2015, 0, 0);
	assert_date("n.d.", 0, 0, 0);
	assert_date("Decade", 0, 0, 0);
}

/* ---- Keys ---- */

static void
test_norm_keys(void **state)
{
	char *k;

	(void)state;
	k = norm_key("\u00bfEl resurgimiento\u2026 \u00c1frica?");
	assert_string_equal(k, "el resurgimiento africa");
	free(k);
	k = norm_key("\u201cMali: Al-Qaida\u2019s  Playbook.\u201d");
	assert_string_equal(k, "mali al qaida s playbook");
	free(k);
	k = norm_key("Stra\u00dfe \ufb01nal");
	assert_string_equal(k, "strasse final");
	free(k);
	k = norm_key("\xff\xfe");
	assert_string_equal(k, "");
	free(k);
	k = norm_slug("Echeverr\u00eda Jes\u00fas", 0);
	assert_string_equal(k, "echeverria-jesus");
	free(k);
	k = norm_slug("Burkina Faso attack: troops battle", 3);
	assert_string_equal(k, "burkina-faso-attack");
	free(k);
}

/* ---- Resolution ---- */

/* The article's shapes: full, bare Ibid., short by organisation, Ibid. with a page,
 * short by the leading part of a compound surname. */
static void
test_full_ibid_and_short_forms(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("United States Department of State", NULL,
	                        "Country Reports on Terrorism", "2014"), "159", 0);
	ibid(m, NULL, 1);
	note(m, CITE_FULL, full("Echeverr\u00eda Jes\u00fas", "Carlos",
	                        "La situaci\u00f3n de seguridad en Argelia", "2015"), "12", 2);
	note(m, CITE_SHORT, short_form("United States Department of State", NULL), "194", 3);
	ibid(m, "211", 4);
	note(m, CITE_SHORT, short_form("Echeverr\u00eda", NULL), "12", 5);
	note(m, CITE_SHORT, short_form("echeverria jesus", NULL), "13", 6);
	cite_resolve(m);
	/* The last short form matches by its normalised name, but is spelt otherwise. */
	assert_int_equal(m->nproblems, 1);
	assert_problem(m, 0, RULE_CONFLICTING_FIELDS, 6, "short form in note 7 spells the "
	               "author \"echeverria jesus\", but note 3 spells it \"Echeverr\u00eda "
	               "Jes\u00fas\"; use one spelling");
	assert_int_equal(m->nworks, 2);
	assert_string_equal(work_of(m, 0), "united-states-department-of-state-2014");
	assert_string_equal(work_of(m, 1), "united-states-department-of-state-2014");
	assert_string_equal(m->cites[1].loc.text, "159"); /* bare Ibid.: the same page */
	assert_string_equal(work_of(m, 2), "echeverria-jesus-2015");
	assert_string_equal(work_of(m, 3), "united-states-department-of-state-2014");
	assert_string_equal(work_of(m, 4), "united-states-department-of-state-2014");
	assert_string_equal(m->cites[4].loc.text, "211");
	assert_string_equal(work_of(m, 5), "echeverria-jesus-2015");
	assert_string_equal(work_of(m, 6), "echeverria-jesus-2015");
	assert_int_equal(m->cites[0].position, POS_FIRST);
	assert_int_equal(m->cites[1].position, POS_IBID);
	assert_int_equal(m->cites[3].position, POS_SUBSEQUENT);
	assert_int_equal(m->cites[4].position, POS_IBID);
	assert_true(m->cites[1].same_place);   /* bare: prints "Ibid." */
	assert_false(m->cites[4].same_place);  /* a new page: "Ibid., 211." */
	/* Each work knows its citations, in note order. */
	assert_string_equal(m->works[0].id, "echeverria-jesus-2015");
	assert_int_equal(m->works[0].ncites, 3);
	assert_int_equal(m->works[1].ncites, 4);
	assert_int_equal(m->cites[m->works[1].cites[3]].note, 5);
	cite_model_free(m);
}

/* Identity ignores case, accents, quotes and punctuation; a part of a surname or of an
 * organisation's name is no full reference's identity. */
static void
test_identity_is_normalised(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Echeverr\u00eda", "Carlos", "\u201cLa situaci\u00f3n.\u201d",
	                        "2015"), NULL, 0);
	note(m, CITE_FULL, full("ECHEVERRIA", "C.", "la situacion", "2016"), NULL, 1);
	note(m, CITE_FULL, full("Echeverr\u00eda", "Carlos", "La situaci\u00f3n en Mali",
	                        "2015"), NULL, 2);
	note(m, CITE_SHORT, short_form("United States", NULL), "3", 3);
	note(m, CITE_FULL, full("United States Department of State", NULL, "Reports", NULL),
	     NULL, 4);
	cite_resolve(m);
	assert_int_equal(m->nworks, 3);
	assert_true(m->cites[0].work == m->cites[1].work);
	assert_true(m->cites[0].work != m->cites[2].work);
	assert_int_equal(m->cites[1].form, CITE_FULL);
	assert_int_equal(m->cites[1].position, POS_IBID);
	/* One work, described two ways and in full twice: warned, still one work. */
	assert_int_equal(m->nproblems, 3);
	assert_problem(m, 0, RULE_CONFLICTING_FIELDS, 1, "note 2 differs from note 1");
	assert_problem(m, 1, RULE_SHORT_UNMATCHED, 3, "\"United States\"");
	assert_problem(m, 2, RULE_REPEATED_FULL, 1, "cited in full again in note 2");
	cite_model_free(m);
}

/* "AA.VV." is no identity: different titles are different works, one title one work. */
static void
test_various_authors(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields a = full(NULL, NULL, "Al Qaeda llama en un v\u00eddeo", "2016");
	struct cite_fields b = full(NULL, NULL, "Burkina Faso attack", "2016");
	struct cite_fields c = full(NULL, NULL, "AL QAEDA LLAMA EN UN VIDEO", "2016");

	(void)state;
	a.various = b.various = c.various = true;
	note(m, CITE_FULL, a, NULL, 0);
	note(m, CITE_FULL, b, NULL, 1);
	note(m, CITE_FULL, c, "4", 2);
	cite_resolve(m);
	/* The third is the first again, written in capitals and in full. */
	assert_int_equal(m->nproblems, 2);
	assert_problem(m, 0, RULE_CONFLICTING_FIELDS, 2, "in title (\"AL QAEDA LLAMA EN UN "
	               "VIDEO\", not \"Al Qaeda llama en un v\u00eddeo\")");
	assert_problem(m, 1, RULE_REPEATED_FULL, 2, "in note 3");
	assert_int_equal(m->nworks, 2);
	assert_string_equal(work_of(m, 0), "al-qaeda-llama-2016");
	assert_string_equal(work_of(m, 1), "burkina-faso-attack-2016");
	assert_string_equal(work_of(m, 2), "al-qaeda-llama-2016");
	cite_model_free(m);
}

static void
test_ibid_problems(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields none;

	(void)state;
	memset(&none, 0, sizeof(none));
	ibid(m, "3", 0);                                              /* note 1 */
	note(m, CITE_FULL, full("Boukhars", "Anouar", "Resurgimiento", "2013"), "7", 1);
	cite_begin_note(m);                                           /* note 3: no citation */
	ibid(m, NULL, 2);                                             /* note 4 */
	cite_begin_note(m);                                           /* note 5: two works */
	cite_add(m, CITE_FULL, NULL, NULL, NULL, nodes[3]);
	m->cites[m->ncites - 1].fields = full("Braniff", "William", "Two Caliphates", "2015");
	cite_add(m, CITE_SHORT, NULL, NULL, "9", nodes[4]);
	m->cites[m->ncites - 1].fields = short_form("Boukhars", NULL);
	ibid(m, NULL, 5);                                             /* note 6 */
	cite_resolve(m);
	assert_int_equal(m->nproblems, 3);
	assert_problem(m, 0, RULE_IBID_NO_ANTECEDENT, 0, "note 1 has no earlier note");
	assert_problem(m, 1, RULE_IBID_NO_ANTECEDENT, 2, "note 3, which cites no work");
	assert_problem(m, 2, RULE_IBID_AMBIGUOUS, 5, "note 5 cites more than one work");
	assert_int_equal(m->problems[2].nrelated, 2);
	assert_ptr_equal(m->problems[2].related[0].node, nodes[3]);
	assert_ptr_equal(m->problems[2].related[1].node, nodes[4]);
	assert_string_equal(work_of(m, 0), "(none)");
	assert_string_equal(work_of(m, 4), "boukhars-2013");
	cite_model_free(m);
}

/* An Ibid. after another citation in the same note means that one. */
static void
test_ibid_within_a_note(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields a = full("Braniff", "William", "Two Caliphates", "2015");

	(void)state;
	cite_begin_note(m);
	cite_add(m, CITE_FULL, &a, NULL, "6", nodes[0]);
	cite_add(m, CITE_IBID, NULL, NULL, "8", nodes[1]);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 0);
	assert_string_equal(work_of(m, 1), "braniff-2015");
	assert_int_equal(m->cites[1].position, POS_IBID);
	cite_model_free(m);
}

static void
test_short_form_problems(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "11", 0);  /* before its full */
	note(m, CITE_FULL, full("Boukhars", "Anouar", "El resurgimiento de Al Qaeda", "2013"),
	     "7", 1);
	note(m, CITE_FULL, full("Boukhars", "Anouar", "Jihad in the Sahel", "2013"), "2", 2);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "11", 3);  /* two works */
	note(m, CITE_SHORT, short_form("Boukhars", "Jihad"), "3", 4); /* the title decides */
	note(m, CITE_SHORT, short_form("Boukhar", NULL), "3", 5);     /* no such author */
	note(m, CITE_SHORT, short_form(NULL, NULL), "3", 6);          /* nothing to match */
	cite_resolve(m);
	assert_int_equal(m->nproblems, 4);
	assert_problem(m, 0, RULE_SHORT_BEFORE_FULL, 0, "before the first full reference");
	assert_ptr_equal(m->problems[0].related[0].node, nodes[1]);
	assert_problem(m, 1, RULE_SHORT_AMBIGUOUS, 3, "El resurgimiento");
	assert_contains(m->problems[1].message, "Jihad in the Sahel");
	assert_int_equal(m->problems[1].nrelated, 2);
	assert_problem(m, 2, RULE_SHORT_UNMATCHED, 5, "\"Boukhar\"");
	assert_problem(m, 3, RULE_CITATION_UNRECOGNISED, 6, "names no author, title");
	/* Same author, same year: told apart by a letter, in order of first citation. */
	assert_string_equal(work_of(m, 1), "boukhars-2013a");
	assert_string_equal(work_of(m, 2), "boukhars-2013b");
	assert_string_equal(work_of(m, 4), "boukhars-2013b");
	cite_model_free(m);
}

static void
test_short_form_fitting_three_works(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Roy", "Olivier", "Globalized Islam", "2004"), NULL, 0);
	note(m, CITE_FULL, full("Roy", "Olivier", "Holy Ignorance", "2010"), NULL, 1);
	note(m, CITE_FULL, full("Roy", "Olivier", "Jihad and Death", "2017"), NULL, 2);
	note(m, CITE_SHORT, short_form("Roy", NULL), "5", 3);
	note(m, CITE_SHORT, short_form("Roy", "Holy Ignorance"), "6", 4);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 1);
	assert_problem(m, 0, RULE_SHORT_AMBIGUOUS, 3, "fits 3 works, among them Roy, "
	               "\u201cGlobalized Islam\u201d and Roy, \u201cHoly Ignorance\u201d");
	assert_string_equal(work_of(m, 4), "roy-2010");
	cite_model_free(m);
}

static void
test_reversed_range_is_a_problem(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Braniff", "William", "Two Caliphates", "2015"), "16\u201314", 0);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 1);
	assert_problem(m, 0, RULE_REVERSED_RANGE, 0, "\"16\u201314\" runs backwards");
	assert_string_equal(work_of(m, 0), "braniff-2015"); /* still resolved */
	cite_model_free(m);
}

/* Structured citations: the form follows the position; entries keep their ids. */
static void
test_bibliography_entries(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields a = full("Smith", "Jane", "Counting Notes in Linear Time", "2019");
	struct cite_fields b = full("Lacher", "Wolfram", "Libya\u2019s Fragmentation", "2020");
	struct cite_fields c = full("Unused", "Una", "Never Cited", "2001");

	(void)state;
	cite_add_entry(m, "smith", &a, nodes[10]);
	cite_add_entry(m, "lacher", &b, nodes[11]);
	cite_add_entry(m, "unused", &c, nodes[12]);
	cite_begin_note(m);
	cite_add(m, CITE_REF, NULL, "smith", "12", nodes[0]);
	cite_begin_note(m);
	cite_add(m, CITE_REF, NULL, "smith", NULL, nodes[1]);
	cite_begin_note(m);
	cite_add(m, CITE_REF, NULL, "lacher", "3", nodes[2]);
	cite_add(m, CITE_REF, NULL, "smith", "20", nodes[3]);
	cite_add(m, CITE_REF, NULL, "section-1", NULL, nodes[4]);
	note(m, CITE_SHORT, short_form("Smith", NULL), "44", 5);
	note(m, CITE_FULL, full("Smith", "J.", "Counting notes in linear time", "2019"), "1", 6);
	cite_resolve(m);
	assert_int_equal(cite_shown_form(&m->cites[0]), CITE_FULL);
	assert_int_equal(cite_shown_form(&m->cites[1]), CITE_IBID);
	assert_null(m->cites[1].loc.text); /* a biblioref says its page, or none */
	assert_int_equal(cite_shown_form(&m->cites[2]), CITE_FULL);
	assert_int_equal(cite_shown_form(&m->cites[3]), CITE_SHORT);
	assert_string_equal(work_of(m, 5), "smith");
	assert_string_equal(work_of(m, 6), "smith"); /* a written full reference, merged */
	assert_int_equal(m->nproblems, 5);
	assert_problem(m, 0, RULE_BIBLIOREF_TARGET, 4, "\"section-1\"");
	/* The written full reference is compared with the entry it matched. */
	assert_problem(m, 1, RULE_CONFLICTING_FIELDS, 6, "full reference in note 5 differs "
	               "from bibliography entry \"smith\" in title (\"Counting notes in linear "
	               "time\", not \"Counting Notes in Linear Time\") and author (\"Smith, "
	               "J.\", not \"Smith, Jane\"); make them agree");
	assert_ptr_equal(m->problems[1].related[0].node, nodes[10]);
	assert_string_equal(m->problems[1].related[0].message, "described here");
	assert_problem(m, 2, RULE_MISSING_LOCATOR, 1, "note 2 cites Smith");
	assert_problem(m, 3, RULE_REPEATED_FULL, 6, "after its first citation, in note 1");
	assert_int_equal(m->problems[4].rule, RULE_UNCITED_ENTRY);
	assert_ptr_equal(m->problems[4].node, nodes[12]);
	assert_int_equal(diag_rule_severity(RULE_UNCITED_ENTRY), SEV_WARNING);
	/* Sorted: Lacher, Smith, Unused; an uncited entry stays in the bibliography. */
	assert_int_equal(m->nworks, 3);
	assert_string_equal(m->works[0].id, "lacher");
	assert_string_equal(m->works[2].id, "unused");
	assert_int_equal(m->works[2].ncites, 0);
	cite_model_free(m);
}

/* Ids avoid the brief's own xml:ids; order ignores accents and case. */
static void
test_ids_and_order(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	cite_reserve_id(m, "fabre-2010");
	note(m, CITE_FULL, full("Fabre", "Ana", "Zeta", "2010"), NULL, 0);
	note(m, CITE_FULL, full("\u00c9cheverr\u00eda", "Carlos", "Beta", NULL), NULL, 1);
	note(m, CITE_FULL, full("Dupont", "Luc", "Alpha", "2010"), NULL, 2);
	note(m, CITE_FULL, full("echeverria", "Bea", "Alpha", "2009"), NULL, 3);
	note(m, CITE_FULL, full(NULL, NULL, "The Echo Chamber", "2011"), NULL, 4);
	cite_resolve(m);
	assert_string_equal(work_of(m, 0), "fabre-2010a");
	assert_string_equal(work_of(m, 1), "echeverria-nd");
	assert_string_equal(m->works[0].id, "dupont-2010");
	assert_string_equal(m->works[1].id, "echeverria-2009");  /* Bea before Carlos */
	assert_string_equal(m->works[2].id, "echeverria-nd");
	assert_string_equal(m->works[3].id, "the-echo-chamber-2011"); /* sorted as "Echo" */
	assert_string_equal(m->works[4].id, "fabre-2010a");
	assert_string_equal(m->works[3].short_title, "Echo Chamber");
	cite_model_free(m);
}

/* Chicago's short titles: main title, no leading article, four words at most, not
 * ending on a preposition; a given short title wins. */
static void
test_short_titles(void **state)
{
	static const char *const cases[][2] = {
		{"A Tale of Two Caliphates. AQ and its Associated Movement", "Tale of Two Caliphates"},
		{"\u00bfEl resurgimiento de Al Qaeda en el Norte de \u00c1frica?", "El resurgimiento"},
		{"The unification between the Al-Murabitoun Organization",
		 "Unification between the Al-Murabitoun"},
		{"Mali attack: more than 20 dead", "Mali attack"},
		{"Country Reports on Terrorism", "Country Reports on Terrorism"},
		{"\u00bfQu\u00e9 pasa?", "\u00bfQu\u00e9 pasa?"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cite_model *m = cite_model_new();

		note(m, CITE_FULL, full("X", "Y", cases[i][0], NULL), NULL, 0);
		cite_resolve(m);
		assert_string_equal(m->works[0].short_title, cases[i][1]);
		cite_model_free(m);
	}
}

/* ---- Lint ---- */

/* Adds to M, in a new note, a full reference at fake node N whose publisher, container
 * and number are given (NULL: none). */
static void
note_full(struct cite_model *m, struct cite_fields f, const char *container,
          const char *number, const char *locator, int n)
{
	f.container = container ? strdup(container) : NULL;
	f.number = number ? strdup(number) : NULL;
	note(m, CITE_FULL, f, locator, n);
}

/* A date that is no date, in a note or in an entry; "n.d." is none, and fine. */
static void
test_malformed_dates(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields e = full("Lacher", "Wolfram", "Libya\u2019s Fragmentation", "2020-13");

	(void)state;
	cite_add_entry(m, "lacher", &e, nodes[10]);
	note(m, CITE_REF, short_form(NULL, NULL), "3", 0);
	m->cites[0].ref = strdup("lacher");
	note(m, CITE_FULL, full("Boukhars", "Anouar", "Salafi Jihadism", "Spring"), "7", 1);
	note(m, CITE_FULL, full("Braniff", "William", "Two Caliphates", "n.d."), "6", 2);
	note(m, CITE_FULL, full("Roy", "Olivier", "Holy Ignorance", "February 30, 2010"), NULL,
	     3);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 3);
	assert_ptr_equal(m->problems[0].node, nodes[10]);
	assert_int_equal(m->problems[0].rule, RULE_MALFORMED_DATE);
	assert_string_equal(m->problems[0].message, "date \"2020-13\" names a month or day that "
	                    "does not exist; correct it");
	assert_problem(m, 1, RULE_MALFORMED_DATE, 1, "");
	assert_string_equal(m->problems[1].message, "date \"Spring\" has no year; write it as "
	                    "\"2015\", \"August 2013\" or \"2015-12-23\", or \"n.d.\" if the "
	                    "work has none");
	assert_problem(m, 2, RULE_MALFORMED_DATE, 3, "\"February 30, 2010\" names a month");
	assert_string_equal(work_of(m, 2), "braniff-nd");
	assert_string_equal(work_of(m, 3), "roy-2010"); /* the year still counts */
	cite_model_free(m);
}

/* "p." before several pages, "pp." before one. */
static void
test_page_label_problems(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Boukhars", "Anouar", "Salafi Jihadism", "2013"),
	     "p. 12\u201314", 0);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "pp. 7", 1);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "p. 7", 2);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "pp. 7, 9", 3);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "7\u20139", 4);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 2);
	assert_problem(m, 0, RULE_PAGE_LABEL, 0, "");
	assert_string_equal(m->problems[0].message, "locator \"p. 12\u201314\" names several "
	                    "pages after \"p.\"; write \"pp. 12\u201314\"");
	assert_problem(m, 1, RULE_PAGE_LABEL, 1, "");
	assert_string_equal(m->problems[1].message, "locator \"pp. 7\" names one page after "
	                    "\"pp.\"; write \"p. 7\"");
	cite_model_free(m);
}

/* One work described twice: every field that differs, once, pointing back at the first
 * description. Fields one description leaves out, and dates that agree as far as both
 * go, are no conflict. */
static void
test_conflicting_fields(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note_full(m, full("Echeverr\u00eda Jes\u00fas", "Carlos", "La situaci\u00f3n", "2015"),
	          "Elcano", "19", "12", 0);
	note_full(m, full("Echeverria Jesus", "C.", "La situaci\u00f3n", "2016"), "Elcano",
	          "20", "13", 1);
	note_full(m, full("Echeverr\u00eda Jes\u00fas", NULL, "La situaci\u00f3n", NULL), NULL,
	          NULL, "14", 2);
	note_full(m, full("Braniff", "William", "Two Caliphates", "2015"), NULL, NULL, "6", 3);
	note_full(m, full("Braniff", "William", "Two Caliphates", "September 2015"), NULL, NULL,
	          "7", 4);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 4); /* and three repeated full references */
	assert_problem(m, 0, RULE_CONFLICTING_FIELDS, 1, "");
	assert_string_equal(m->problems[0].message, "full reference in note 2 differs from "
	                    "note 1 in author (\"Echeverria Jesus, C.\", not \"Echeverr\u00eda "
	                    "Jes\u00fas, Carlos\"), date (\"2016\", not \"2015\") and number "
	                    "(\"20\", not \"19\"); make them agree");
	assert_int_equal(m->problems[0].nrelated, 1);
	assert_ptr_equal(m->problems[0].related[0].node, nodes[0]);
	assert_string_equal(m->problems[0].related[0].message, "first described here");
	assert_int_equal(m->problems[1].rule, RULE_REPEATED_FULL);
	assert_true(m->cites[1].work == m->cites[0].work);
	cite_model_free(m);
}

/* A short form matched by its normalised name but spelt otherwise; a leading part of a
 * compound surname, spelt as the work spells it, is fine. */
static void
test_short_form_spelling(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Echeverr\u00eda Jes\u00fas", "Carlos", "La situaci\u00f3n",
	                        "2015"), "12", 0);
	note(m, CITE_SHORT, short_form("Echeverr\u00eda", NULL), "13", 1);
	note(m, CITE_SHORT, short_form("ECHEVERR\u00cdA", NULL), "14", 2);
	note(m, CITE_SHORT, short_form("Echeverria Jesus", NULL), "15", 3);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 2);
	assert_problem(m, 0, RULE_CONFLICTING_FIELDS, 2, "");
	assert_string_equal(m->problems[0].message, "short form in note 3 spells the author "
	                    "\"ECHEVERR\u00cdA\", but note 1 spells it \"Echeverr\u00eda\"; use "
	                    "one spelling");
	assert_ptr_equal(m->problems[0].related[0].node, nodes[0]);
	assert_problem(m, 1, RULE_CONFLICTING_FIELDS, 3, "spells the author \"Echeverria "
	               "Jesus\", but note 1 spells it \"Echeverr\u00eda Jes\u00fas\"");
	assert_string_equal(work_of(m, 3), "echeverria-jesus-2015");
	cite_model_free(m);
}

/* A work written in full after its first citation, whether that was a full reference,
 * a <biblioref> or an Ibid. away. */
static void
test_repeated_full(void **state)
{
	struct cite_model *m = cite_model_new();
	struct cite_fields e = full("Lacher", "Wolfram", "Libya\u2019s Fragmentation", "2020");

	(void)state;
	cite_add_entry(m, "lacher", &e, nodes[10]);
	note(m, CITE_FULL, full("Braniff", "William", "Two Caliphates", "2015"), "6", 0);
	note(m, CITE_FULL, full("Braniff", "William", "Two Caliphates", "2015"), "7", 1);
	cite_begin_note(m);
	cite_add(m, CITE_REF, NULL, "lacher", "3", nodes[2]);
	note(m, CITE_FULL, full("Roy", "Olivier", "Holy Ignorance", "2010"), "5", 3);
	note(m, CITE_FULL, full("Lacher", "Wolfram", "Libya\u2019s Fragmentation", "2020"), "4",
	     4);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 2);
	assert_problem(m, 0, RULE_REPEATED_FULL, 1, "");
	assert_string_equal(m->problems[0].message, "Braniff, \u201cTwo Caliphates\u201d is "
	                    "cited in full again in note 2; after its first citation, in note 1, "
	                    "use the short form");
	assert_int_equal(m->problems[0].nrelated, 1);
	assert_ptr_equal(m->problems[0].related[0].node, nodes[0]);
	assert_string_equal(m->problems[0].related[0].message, "first cited here");
	assert_problem(m, 1, RULE_REPEATED_FULL, 4, "again in note 5; after its first "
	               "citation, in note 3,");
	assert_ptr_equal(m->problems[1].related[0].node, nodes[2]);
	assert_int_equal(diag_rule_severity(RULE_REPEATED_FULL), SEV_STYLE);
	cite_model_free(m);
}

/* No page, for a work cited by page elsewhere: flagged, after Ibid. has taken its
 * page from the citation before it. A work never cited by page, and a first citation
 * that cites its work whole, are not. */
static void
test_missing_locator(void **state)
{
	struct cite_model *m = cite_model_new();

	(void)state;
	note(m, CITE_FULL, full("Boukhars", "Anouar", "Salafi Jihadism", "2013"), NULL, 0);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "7", 1);
	ibid(m, NULL, 2);                                  /* page 7, taken from note 2 */
	note(m, CITE_FULL, full(NULL, NULL, "Mali attack", "2015"), NULL, 3);
	note(m, CITE_SHORT, short_form(NULL, "Mali attack"), NULL, 4);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), NULL, 5);
	ibid(m, NULL, 6);
	note(m, CITE_SHORT, short_form("Boukhars", NULL), "chap. 2", 7);
	cite_resolve(m);
	assert_int_equal(m->nproblems, 2);
	assert_problem(m, 0, RULE_MISSING_LOCATOR, 5, "");
	assert_string_equal(m->problems[0].message, "note 6 cites Boukhars, \u201cSalafi "
	                    "Jihadism\u201d with no page, though note 2 cites it by page; add "
	                    "the page meant");
	assert_ptr_equal(m->problems[0].related[0].node, nodes[1]);
	assert_string_equal(m->problems[0].related[0].message, "cited by page here");
	assert_problem(m, 1, RULE_MISSING_LOCATOR, 6, "note 7 cites Boukhars");
	cite_model_free(m);
}

/* 20,000 notes resolve in well under a second: every lookup is hashed. */
static void
test_resolution_is_linear(void **state)
{
	struct cite_model *m = cite_model_new();
	clock_t start;
	double seconds;
	char title[64], name[64];
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof(name), "Author%d", i / 4);
		snprintf(title, sizeof(title), "Title %d", i / 4);
		if (i % 4 == 0)
			note(m, CITE_FULL, full(name, "A", title, "2020"), "1", 0);
		else if (i % 4 == 1)
			ibid(m, "2", 0);
		else
			note(m, CITE_SHORT, short_form(name, NULL), "3", 0);
	}
	start = clock();
	cite_resolve(m);
	seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
	assert_int_equal(m->nproblems, 0);
	assert_int_equal(m->nworks, 5000);
	if (seconds > 1.0)
		fail_msg("resolving 20,000 notes took %.2f s", seconds);
	cite_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locators),
		cmocka_unit_test(test_page_labels),
		cmocka_unit_test(test_reversed_ranges),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_status),
		cmocka_unit_test(test_norm_keys),
		cmocka_unit_test(test_full_ibid_and_short_forms),
		cmocka_unit_test(test_identity_is_normalised),
		cmocka_unit_test(test_various_authors),
		cmocka_unit_test(test_ibid_problems),
		cmocka_unit_test(test_ibid_within_a_note),
		cmocka_unit_test(test_short_form_problems),
		cmocka_unit_test(test_short_form_fitting_three_works),
		cmocka_unit_test(test_reversed_range_is_a_problem),
		cmocka_unit_test(test_bibliography_entries),
		cmocka_unit_test(test_ids_and_order),
		cmocka_unit_test(test_short_titles),
		cmocka_unit_test(test_malformed_dates),
		cmocka_unit_test(test_page_label_problems),
		cmocka_unit_test(test_conflicting_fields),
		cmocka_unit_test(test_short_form_spelling),
		cmocka_unit_test(test_repeated_full),
		cmocka_unit_test(test_missing_locator),
		cmocka_unit_test(test_resolution_is_linear),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
