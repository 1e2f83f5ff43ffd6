/* cite.c - the citation model: works keyed by normalised author and title, citations
 * resolved in note order, ids derived from the works, the bibliography sorted once;
 * then a linear lint of the resolved notes. */
#include "cite.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>
#include <unicase.h>
#include <unistr.h>

#include "mem.h"
#include "norm.h"

/* Lookups, each a libxml2 hash of normalised keys: every one is built once, so
 * resolution is linear in the number of citations. */
struct bucket {
	size_t *works;
	size_t n, cap;
};

struct cite_index {
	xmlHashTablePtr by_key;    /* identity key -> work index + 1 */
	xmlHashTablePtr by_id;     /* entry id -> work index + 1 */
	xmlHashTablePtr reserved;  /* xml:ids of the brief, and ids handed out */
	xmlHashTablePtr by_author; /* first author (or a leading part of it) -> bucket */
	xmlHashTablePtr by_title;  /* leading words of a title -> bucket */
};

/* Values stored in a hash are index + 1, since NULL means absent. */
#define SLOT(i) ((void *)(size_t)((i) + 1))
#define UNSLOT(p) ((size_t)(p) - 1)

/* ---- Fields ---- */

static char *
dup_or_null(const char *s)
{
	return s ? mem_strdup(s) : NULL;
}

static void
name_free(struct cite_name *n)
{
	free(n->family);
	free(n->given);
	free(n->literal);
}

void
cite_fields_free(struct cite_fields *f)
{
	size_t i;

	for (i = 0; i < f->nauthors; i++)
		name_free(&f->authors[i]);
	free(f->authors);
	free(f->title);
	free(f->short_title);
	free(f->container);
	free(f->volume);
	free(f->number);
	free(f->publisher);
	free(f->url);
	free(f->doi);
	free(f->isbn);
	free(f->issn);
	free(f->lang);
	free(f->date.text);
	memset(f, 0, sizeof(*f));
}

static void
fields_copy(struct cite_fields *to, const struct cite_fields *from)
{
	size_t i;

	*to = *from;
	to->authors = mem_realloc_array(NULL, from->nauthors, sizeof(*to->authors));
	for (i = 0; i < from->nauthors; i++) {
		to->authors[i].family = dup_or_null(from->authors[i].family);
		to->authors[i].given = dup_or_null(from->authors[i].given);
		to->authors[i].literal = dup_or_null(from->authors[i].literal);
	}
	to->title = dup_or_null(from->title);
	to->short_title = dup_or_null(from->short_title);
	to->container = dup_or_null(from->container);
	to->volume = dup_or_null(from->volume);
	to->number = dup_or_null(from->number);
	to->publisher = dup_or_null(from->publisher);
	to->url = dup_or_null(from->url);
	to->doi = dup_or_null(from->doi);
	to->isbn = dup_or_null(from->isbn);
	to->issn = dup_or_null(from->issn);
	to->lang = dup_or_null(from->lang);
	to->date.text = dup_or_null(from->date.text);
}

/* The name a person or organisation is known by in short forms and sorting. */
static const char *
name_head(const struct cite_name *n)
{
	return n->family ? n->family : n->literal ? n->literal : "";
}

/* ---- Locators ---- */

/* The length of a space (ASCII, no-break, thin or narrow no-break) at S, or 0. */
static size_t
space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (strncmp(s, "\u00a0", 2) == 0)
		return 2;
	if (strncmp(s, "\u2009", 3) == 0 || strncmp(s, "\u202f", 3) == 0)
		return 3;
	return 0;
}

static const char *
skip_spaces(const char *s)
{
	size_t n;

	while ((n = space_len(s)) > 0)
		s += n;
	return s;
}

/* The length of a range dash at S (hyphen, hyphens U+2010-2012, en dash), or 0. */
static size_t
dash_len(const char *s)
{
	static const char *const dashes[] = {"\u2010", "\u2011", "\u2012", "\u2013"};
	size_t i;

	if (*s == '-')
		return 1;
	for (i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++)
		if (strncmp(s, dashes[i], 3) == 0)
			return 3;
	return 0;
}

static int
roman_digit(char c)
{
	static const char letters[] = "ivxlc";
	static const int values[] = {1, 5, 10, 50, 100};
	const char *p = c ? strchr(letters, c) : NULL;

	return p ? values[p - letters] : 0;
}

/* Is the roman numeral of LEN letters at S written as V is canonically ("xiv", not
 * "xiiii" or the word "civil")? */
static bool
roman_canonical(const char *s, size_t len, long v)
{
	static const struct { int value; const char *letters; } steps[] = {
		{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"},
		{5, "v"}, {4, "iv"}, {1, "i"},
	};
	char buf[64];
	size_t i, n = 0;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		while (v >= steps[i].value && n + 3 < sizeof(buf)) {
			n += (size_t)sprintf(buf + n, "%s", steps[i].letters);
			v -= steps[i].value;
		}
	return v == 0 && n == len && strncmp(buf, s, len) == 0;
}

/* A page number at *S: arabic (DIGITS gets its count) or roman (DIGITS 0). Advances *S
 * and returns the value, or -1 if there is none. */
static long
page_number(const char **s, int *digits)
{
	const char *p = *s;
	long v = 0;

	if (*p >= '0' && *p <= '9') {
		for (*digits = 0; *p >= '0' && *p <= '9' && *digits < 9; p++, ++*digits)
			v = v * 10 + (*p - '0');
	} else {
		for (*digits = 0; roman_digit(*p) > 0; p++) {
			int d = roman_digit(*p), next = roman_digit(p[1]);

			v += next > d ? -d : d;
		}
		if (p > *s && !roman_canonical(*s, (size_t)(p - *s), v))
			return -1;
	}
	if (p == *s || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z'))
		return -1;
	*s = p;
	return v;
}

/* "211–14" means 211–214: a shorter arabic end takes the start's leading digits. */
static long
range_end(long start, int start_digits, long end, int end_digits)
{
	long scale = 1;
	int i;

	if (start_digits == 0 || end_digits == 0 || end_digits >= start_digits)
		return end;
	for (i = 0; i < end_digits; i++)
		scale *= 10;
	return start - start % scale + end;
}

/* One item of a page list at *S: a page or a range. Returns 0, 1 for a range, -1 if
 * it is no page item, -2 for a reversed range (*BAD_START and *BAD_END mark it). */
static int
page_item(const char **s, const char **bad_start, const char **bad_end)
{
	const char *start = *s, *p = *s;
	int d1, d2;
	long a = page_number(&p, &d1), b;
	size_t dash;

	if (a < 0)
		return -1;
	dash = dash_len(skip_spaces(p));
	if (dash == 0) {
		*s = p;
		return 0;
	}
	p = skip_spaces(skip_spaces(p) + dash);
	b = page_number(&p, &d2);
	if (b < 0 || (d1 == 0) != (d2 == 0))
		return -1;
	*s = p;
	if (range_end(a, d1, b, d2) < a) {
		*bad_start = start;
		*bad_end = p;
		return -2;
	}
	return 1;
}

int
cite_locator_parse(const char *text, struct cite_locator *loc, char **bad)
{
	const char *s, *end, *pages, *bad_start = NULL, *bad_end = NULL;
	enum cite_page_label label = LABEL_NONE;
	size_t n;
	int items = 0, ranges = 0, r = 0;

	memset(loc, 0, sizeof(*loc));
	if (text == NULL || *(s = skip_spaces(text)) == '\0')
		return 0;
	for (end = s + strlen(s); end > s;) { /* trim trailing spaces */
		const char *q = end - 1;

		while (q > s && (*q & 0xc0) == 0x80)
			q--;
		if (space_len(q) == 0)
			break;
		end = q;
	}
	loc->text = mem_alloc((size_t)(end - s) + 1);
	memcpy(loc->text, s, (size_t)(end - s));
	loc->text[end - s] = '\0';
	loc->kind = LOC_OTHER;
	s = loc->text;
	if (strncmp(s, "pp.", 3) == 0)
		label = LABEL_PP, s = skip_spaces(s + 3);
	else if (strncmp(s, "p.", 2) == 0)
		label = LABEL_P, s = skip_spaces(s + 2);
	pages = s;
	for (;;) {
		int item = page_item(&s, &bad_start, &bad_end);

		if (item == -1)
			return 0; /* not a page list: LOC_OTHER, taken as written */
		if (item == -2)
			r = -1;
		items++;
		ranges += item != 0;
		s = skip_spaces(s);
		if (*s == '\0')
			break;
		if (*s != ',' && *s != ';')
			return 0;
		s = skip_spaces(s + 1);
	}
	loc->kind = LOC_PAGES;
	loc->several = items > 1 || ranges > 0;
	loc->label = label;
	loc->pages = (size_t)(pages - loc->text);
	if (r != 0 && bad != NULL) {
		n = (size_t)(bad_end - bad_start);
		*bad = mem_alloc(n + 1);
		memcpy(*bad, bad_start, n);
		(*bad)[n] = '\0';
	}
	return r;
}

static void
locator_copy(struct cite_locator *to, const struct cite_locator *from)
{
	*to = *from;
	to->text = dup_or_null(from->text);
}

/* ---- Dates ---- */

static int
month_number(const char *word, size_t len)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
	};
	int i;

	if (len < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (len <= strlen(months[i]) && strncasecmp(word, months[i], len) == 0)
			return i + 1;
	if (len == 4 && strncasecmp(word, "sept", 4) == 0)
		return 9;
	return 0;
}

static bool
leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Does day DAY of month MONTH exist in YEAR? A part 0 or less is not known, and fits;
 * a month over 12 or a day over 31 never does. */
static bool
day_exists(int year, int month, int day)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month > 12 || day > 31)
		return false;
	if (month <= 0 || day <= 0)
		return true;
	return day <= days[month - 1] && (month != 2 || day < 29 || leap(year));
}

/* Is TEXT a mark that a work has no date ("n.d.", "s.f.", "s.d.", "no date")? */
static bool
undated(const char *text)
{
	static const char *const marks[] = {"n d", "s f", "s d", "no date", "undated",
	                                    "sin fecha"};
	char *key = norm_key(text);
	size_t i;
	bool found = false;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]) && !found; i++)
		found = strcmp(key, marks[i]) == 0;
	free(key);
	return found;
}

/* ISO 8601 "2015", "2015-12" or "2015-12-23" (months and days of one or two digits) into
 * *Y, *M and *D, leaving a part not written as it was. False for any other shape. */
static bool
iso_parts(const char *s, int *y, int *m, int *d)
{
	int *parts[] = {y, m, d};
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strspn(s, "0123456789");
		if (i == 0 ? n != 4 : n < 1 || n > 2)
			return false;
		*parts[i] = atoi(s);
		s += n;
		if (*s == '\0')
			return true;
		if (*s++ != '-')
			return false;
	}
	return false;
}

enum cite_date_status
cite_date_parse(struct cite_date *date)
{
	const char *s = date->text;
	int y = 0, m = 0, d = 0;
	bool impossible = false;

	date->year = date->month = date->day = 0;
	if (s == NULL)
		return DATE_OK;
	s = skip_spaces(s);
	/* A run of years, "1774-1789": the first is the date. */
	if (strspn(s, "0123456789") == 4 && s[4] == '-' && strspn(s + 5, "0123456789") == 4 &&
	    s[9] == '\0') {
		date->year = atoi(s);
		return DATE_OK;
	}
	/* ISO 8601: four digits, then only digits and '-' */
	if (strspn(s, "0123456789") == 4 && strspn(s, "0123456789-") == strlen(s)) {
		m = d = -1; /* not written */
		if (!iso_parts(s, &y, &m, &d) || m == 0 || d == 0 || !day_exists(y, m, d)) {
			date->year = y;
			date->month = m >= 1 && m <= 12 ? m : 0;
			return DATE_IMPOSSIBLE;
		}
		date->year = y;
		date->month = m > 0 ? m : 0;
		date->day = d > 0 ? d : 0;
		return DATE_OK;
	}
	/* Words and numbers: "November 21, 2015", "21 November 2015", "August 2013" */
	while (*s != '\0') {
		size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

		if (n > 0) {
			m = m ? m : month_number(s, n);
			s += n;
		} else if (*s >= '0' && *s <= '9') {
			long v = strtol(s, (char **)&s, 10);

			if (v >= 1000 && v <= 9999)
				y = y ? y : (int)v;   /* "1904–1937": the first year */
			else if (v >= 1 && v <= 31)
				d = (int)v;
			else
				impossible = true; /* no day, no year: "February 45" */
		} else {
			s++;
		}
	}
	date->year = y;
	date->month = y ? m : 0;
	date->day = date->month && day_exists(y, m, d) ? d : 0;
	if (y == 0)
		return undated(date->text) ? DATE_UNDATED : DATE_NO_YEAR;
	return impossible || !day_exists(y, m, d) ? DATE_IMPOSSIBLE : DATE_OK;
}

/* ---- The model ---- */

struct cite_model *
cite_model_new(void)
{
	struct cite_model *m = mem_alloc(sizeof(*m));

	memset(m, 0, sizeof(*m));
	m->index = mem_alloc(sizeof(*m->index));
	m->index->by_key = xmlHashCreate(64);
	m->index->by_id = xmlHashCreate(64);
	m->index->reserved = xmlHashCreate(64);
	m->index->by_author = xmlHashCreate(64);
	m->index->by_title = xmlHashCreate(64);
	return m;
}

static void
free_bucket(void *payload, const xmlChar *name)
{
	struct bucket *b = payload;

	(void)name;
	free(b->works);
	free(b);
}

static void
index_free(struct cite_index *x)
{
	xmlHashFree(x->by_key, NULL);
	xmlHashFree(x->by_id, NULL);
	xmlHashFree(x->reserved, NULL);
	xmlHashFree(x->by_author, free_bucket);
	xmlHashFree(x->by_title, free_bucket);
	free(x);
}

void
cite_model_free(struct cite_model *m)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncites; i++) {
		cite_fields_free(&m->cites[i].fields);
		free(m->cites[i].ref);
		free(m->cites[i].loc.text);
	}
	free(m->cites);
	for (i = 0; i < m->nworks; i++) {
		struct cite_work *w = &m->works[i];

		free(w->id);
		cite_fields_free(&w->fields);
		free(w->short_title);
		free(w->cites);
		free(w->key);
		free(w->sort);
	}
	free(m->works);
	for (i = 0; i < m->nproblems; i++) {
		for (j = 0; j < m->problems[i].nrelated; j++)
			free(m->problems[i].related[j].message);
		free(m->problems[i].related);
		free(m->problems[i].message);
	}
	free(m->problems);
	index_free(m->index);
	free(m);
}

static struct cite_problem *
problem(struct cite_model *m, enum diag_rule rule, void *node, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct cite_problem *
problem(struct cite_model *m, enum diag_rule rule, void *node, const char *fmt, ...)
{
	struct cite_problem *p;
	va_list ap;

	if (m->nproblems == m->capproblems) {
		m->capproblems = m->capproblems ? 2 * m->capproblems : 8;
		m->problems = mem_realloc_array(m->problems, m->capproblems, sizeof(*p));
	}
	p = &m->problems[m->nproblems++];
	memset(p, 0, sizeof(*p));
	p->rule = rule;
	p->node = node;
	va_start(ap, fmt);
	p->message = mem_vformat(fmt, ap);
	va_end(ap);
	return p;
}

static void
related(struct cite_problem *p, void *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
related(struct cite_problem *p, void *node, const char *fmt, ...)
{
	va_list ap;

	p->related = mem_realloc_array(p->related, p->nrelated + 1, sizeof(*p->related));
	p->related[p->nrelated].node = node;
	va_start(ap, fmt);
	p->related[p->nrelated++].message = mem_vformat(fmt, ap);
	va_end(ap);
}

void
cite_reserve_id(struct cite_model *m, const char *id)
{
	xmlHashAddEntry(m->index->reserved, (const xmlChar *)id, SLOT(0));
}

static size_t
new_work(struct cite_model *m, void *node)
{
	struct cite_work *w;

	if (m->nworks == m->capworks) {
		m->capworks = m->capworks ? 2 * m->capworks : 16;
		m->works = mem_realloc_array(m->works, m->capworks, sizeof(*m->works));
	}
	w = &m->works[m->nworks];
	memset(w, 0, sizeof(*w));
	w->node = node;
	w->first = CITE_NONE;
	return m->nworks++;
}

/* Parses DATE, the date of the citation or entry at NODE, recording a problem when it
 * is no date. */
static void
parse_date(struct cite_model *m, struct cite_date *date, void *node)
{
	switch (cite_date_parse(date)) {
	case DATE_NO_YEAR:
		problem(m, RULE_MALFORMED_DATE, node,
		        "date \"%s\" has no year; write it as \"2015\", \"August 2013\" or "
		        "\"2015-12-23\", or \"n.d.\" if the work has none", date->text);
		break;
	case DATE_IMPOSSIBLE:
		problem(m, RULE_MALFORMED_DATE, node,
		        "date \"%s\" names a month or day that does not exist; correct it",
		        date->text);
		break;
	case DATE_OK:
	case DATE_UNDATED:
		break;
	}
}

/* "p." labels one page, "pp." several: a label that says the other is a problem. */
static void
check_page_label(struct cite_model *m, const struct cite_locator *loc, void *node)
{
	if (loc->kind != LOC_PAGES)
		return;
	if (loc->label == LABEL_P && loc->several)
		problem(m, RULE_PAGE_LABEL, node, "locator \"%s\" names several pages after "
		        "\"p.\"; write \"p%s\"", loc->text, loc->text);
	else if (loc->label == LABEL_PP && !loc->several)
		problem(m, RULE_PAGE_LABEL, node, "locator \"%s\" names one page after \"pp.\"; "
		        "write \"%s\"", loc->text, loc->text + 1);
}

void
cite_add_entry(struct cite_model *m, const char *id, struct cite_fields *f,
               void *node)
{
	size_t i = new_work(m, node);

	m->works[i].id = mem_strdup(id);
	m->works[i].entry = true;
	m->works[i].fields = *f;
	memset(f, 0, sizeof(*f));
	parse_date(m, &m->works[i].fields.date, node);
	xmlHashAddEntry(m->index->by_id, (const xmlChar *)id, SLOT(i));
}

void
cite_begin_note(struct cite_model *m)
{
	m->notes++;
}

void
cite_add(struct cite_model *m, enum cite_form form, struct cite_fields *f,
         const char *ref, const char *locator, void *node)
{
	struct cite *c;
	char *bad = NULL;

	if (m->notes == 0)
		m->notes = 1;
	if (m->ncites == m->capcites) {
		m->capcites = m->capcites ? 2 * m->capcites : 64;
		m->cites = mem_realloc_array(m->cites, m->capcites, sizeof(*m->cites));
	}
	c = &m->cites[m->ncites++];
	memset(c, 0, sizeof(*c));
	c->note = m->notes;
	c->node = node;
	c->form = form;
	if (f != NULL) {
		c->fields = *f;
		memset(f, 0, sizeof(*f));
	}
	c->ref = dup_or_null(ref);
	c->work = CITE_NONE;
	parse_date(m, &c->fields.date, node);
	if (cite_locator_parse(locator, &c->loc, &bad) != 0) {
		problem(m, RULE_REVERSED_RANGE, node,
		        "page range \"%s\" runs backwards; write the lower page first", bad);
		free(bad);
	}
	check_page_label(m, &c->loc, node);
}

/* ---- Keys ---- */

/* Identity: the authors' family (or organisation) names and the title, normalised.
 * Various authors ("AA.VV.") are no identity, so only the title counts. */
static char *
identity_key(const struct cite_fields *f)
{
	size_t i, len = 0;
	char *key = mem_alloc(1), *part;

	for (i = 0; i < f->nauthors && !f->various; i++) {
		part = norm_key(name_head(&f->authors[i]));
		key = mem_realloc_array(key, len + strlen(part) + 2, 1);
		len += (size_t)sprintf(key + len, "%s;", part);
		free(part);
	}
	part = norm_key(f->title ? f->title : "");
	key = mem_realloc_array(key, len + strlen(part) + 2, 1);
	sprintf(key + len, "|%s", part);
	free(part);
	return key;
}

/* Upper-cases the first letter of S in place, when its capital is as long in UTF-8. */
static void
capitalise(char *s)
{
	ucs4_t c;
	uint8_t up[6];
	int n = *s ? u8_mbtouc(&c, (const uint8_t *)s, strlen(s)) : 0;

	if (n > 0 && u8_uctomb(up, uc_toupper(c), sizeof(up)) == n)
		memcpy(s, up, (size_t)n);
}

/* T without a leading English article ("The Echo" -> "Echo"). */
static const char *
skip_article(const char *t)
{
	if (strncasecmp(t, "the ", 4) == 0 || strncasecmp(t, "an ", 3) == 0 ||
	    strncasecmp(t, "a ", 2) == 0)
		return strchr(t, ' ') + 1;
	return t;
}

/* Words a cut short title does not end on: articles, prepositions, conjunctions. */
static bool
is_function_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"a", "al", "an", "and", "at", "by", "de", "del", "der", "des", "du", "e", "el",
		"en", "et", "for", "from", "in", "la", "las", "le", "les", "los", "of", "on",
		"or", "the", "to", "un", "una", "und", "with", "y",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
			return true;
	return false;
}

/* Chicago's short title: the given one, else the main title (before a colon or a
 * full stop) without a leading English article, cut to four words (a quotation
 * counting as one) that do not end on an article or preposition. */
static char *
derive_short_title(const struct cite_fields *f)
{
	const char *t = f->title, *end, *last;
	bool article;
	int words = 0, quote = 0;
	char *s;
	size_t n;

	if (f->short_title != NULL)
		return mem_strdup(f->short_title);
	if (t == NULL)
		return NULL;
	article = skip_article(t) != t;
	t = skip_article(t);
	for (end = t; *end != '\0'; end++) {
		quote += strncmp(end, "\u201c", 3) == 0 || strncmp(end, "\u00ab", 2) == 0;
		quote -= quote > 0 && (strncmp(end, "\u201d", 3) == 0 ||
		                       strncmp(end, "\u00bb", 2) == 0);
		if (quote > 0)
			continue; /* never cut inside a quotation */
		if ((*end == ':' || *end == '.') && (end[1] == ' ' || end[1] == '\0'))
			break;
		if (*end == ' ' && ++words == 4)
			break;
	}
	/* A cut title loses an unmatched "¿" or "¡", trailing function words and
	 * punctuation. */
	if (*end != '\0' && (strncmp(t, "\u00bf", 2) == 0 || strncmp(t, "\u00a1", 2) == 0))
		t += 2;
	n = (size_t)(end - t);
	for (;;) {
		while (n > 0 && strchr(",;:- ", t[n - 1]) != NULL)
			n--;
		if (n >= 3 && strncmp(t + n - 3, "\u2013", 3) == 0) {
			n -= 3;
			continue;
		}
		last = t + n;
		while (last > t && last[-1] != ' ')
			last--;
		if (*end == '\0' || last == t || !is_function_word(last, (size_t)(t + n - last)))
			break;
		n = (size_t)(last - t);
	}
	s = mem_alloc(n + 1);
	memcpy(s, t, n);
	s[n] = '\0';
	if (article)
		capitalise(s);
	return s;
}

/* Bibliography order: first author (family, then given names), else the title without
 * its article; then the title. */
static char *
sort_key(const struct cite_fields *f)
{
	const char *head = f->title ? f->title : "";
	char *a, *b, *c, *key;
	size_t n;

	if (f->nauthors > 0 && !f->various)
		head = name_head(&f->authors[0]);
	else
		head = skip_article(head);
	a = norm_key(head);
	b = norm_key(f->nauthors > 0 && !f->various && f->authors[0].given ?
	             f->authors[0].given : "");
	c = norm_key(f->title ? f->title : "");
	n = strlen(a) + strlen(b) + strlen(c) + 3;
	key = mem_alloc(n);
	/* "\x01" sorts below every letter, so "Boukhars" comes before "Boukharsi". */
	snprintf(key, n, "%s\x01%s\x01%s", a, b, c);
	free(a);
	free(b);
	free(c);
	return key;
}

static void
bucket_add(xmlHashTablePtr table, const char *key, size_t work)
{
	struct bucket *b = xmlHashLookup(table, (const xmlChar *)key);

	if (*key == '\0')
		return;
	if (b == NULL) {
		b = mem_alloc(sizeof(*b));
		memset(b, 0, sizeof(*b));
		xmlHashAddEntry(table, (const xmlChar *)key, b);
	}
	if (b->n > 0 && b->works[b->n - 1] == work)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4;
		b->works = mem_realloc_array(b->works, b->cap, sizeof(*b->works));
	}
	b->works[b->n++] = work;
}

/* Indexes KEY's leading words: "echeverria jesus" under "echeverria" and under
 * "echeverria jesus". Only the first MAX_WORDS prefixes count (0: the whole key). */
static void
index_prefixes(xmlHashTablePtr table, char *key, size_t work, size_t max_words)
{
	char *sp = key;
	size_t words = 0;

	if (max_words == 0) {
		bucket_add(table, key, work);
		return;
	}
	while ((sp = strchr(sp, ' ')) != NULL && ++words < max_words) {
		*sp = '\0';
		bucket_add(table, key, work);
		*sp++ = ' ';
	}
	bucket_add(table, key, work);
}

/* Fills a new work's keys and indexes it for full references and short forms. */
static void
index_work(struct cite_model *m, size_t i)
{
	struct cite_work *w = &m->works[i];
	const struct cite_fields *f = &w->fields;
	char *key;

	w->key = identity_key(f);
	w->sort = sort_key(f);
	w->short_title = derive_short_title(f);
	if (xmlHashLookup(m->index->by_key, (const xmlChar *)w->key) == NULL)
		xmlHashAddEntry(m->index->by_key, (const xmlChar *)w->key, SLOT(i));
	if (f->nauthors > 0 && !f->various) {
		/* Organisations are matched whole; a family name by any leading part. */
		key = norm_key(name_head(&f->authors[0]));
		index_prefixes(m->index->by_author, key, i, f->authors[0].family ? 8 : 0);
		free(key);
	}
	if (f->title != NULL) {
		key = norm_key(f->title);
		index_prefixes(m->index->by_title, key, i, 12);
		free(key);
	}
	if (w->short_title != NULL) {
		key = norm_key(w->short_title);
		bucket_add(m->index->by_title, key, i);
		free(key);
	}
}

/* ---- Resolution ---- */

/* How a work is named in messages: "Boukhars, “¿El resurgimiento de Al Qaeda…?”". */
static char *
work_label(const struct cite_work *w)
{
	const struct cite_fields *f = &w->fields;
	const char *who = f->nauthors > 0 && !f->various ? name_head(&f->authors[0]) : "";
	const char *what = f->title ? f->title : "untitled";
	size_t n = strlen(who) + strlen(what) + 16;
	char *s = mem_alloc(n);

	snprintf(s, n, "%s%s\u201c%s\u201d", who, *who ? ", " : "", what);
	return s;
}

/* ---- One work described two ways ---- */

/* A name as written: "Family, Given", "Family" or the literal. Caller frees. */
static char *
name_text(const struct cite_name *n)
{
	struct buf b = {NULL, 0, 0};

	buf_puts(&b, name_head(n));
	if (n->family != NULL && n->given != NULL)
		buf_printf(&b, ", %s", n->given);
	return b.data;
}

/* Two texts of one field disagree: both are given and differ. */
static bool
texts_differ(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) != 0;
}

static bool
names_differ(const struct cite_name *a, const struct cite_name *b)
{
	return texts_differ(a->family, b->family) || texts_differ(a->given, b->given) ||
	       texts_differ(a->literal, b->literal);
}

/* Two dates of one work disagree when a part both know differs; a date that gives no
 * year is compared by its normalised text. */
static bool
dates_differ(const struct cite_date *a, const struct cite_date *b)
{
	char *x, *y;
	bool differ;

	if (a->text == NULL || b->text == NULL)
		return false;
	if (a->year > 0 && b->year > 0)
		return a->year != b->year || (a->month && b->month && a->month != b->month) ||
		       (a->day && b->day && a->day != b->day);
	x = norm_key(a->text);
	y = norm_key(b->text);
	differ = strcmp(x, y) != 0;
	free(x);
	free(y);
	return differ;
}

/* The fields in which a description differs from the work's: "date (\"2016\", not
 * \"2015\")" items, joined as "a", "a and b", "a, b and c". */
struct differences {
	char **items;
	size_t n;
};

static void
add_difference(struct differences *d, const char *field, const char *here,
               const char *there)
{
	struct buf b = {NULL, 0, 0};

	buf_printf(&b, "%s (\"%s\", not \"%s\")", field, here, there);
	d->items = mem_realloc_array(d->items, d->n + 1, sizeof(*d->items));
	d->items[d->n++] = b.data;
}

/* The items of D joined; frees them. Caller frees. */
static char *
join_differences(struct differences *d)
{
	struct buf b = {NULL, 0, 0};
	size_t i;

	for (i = 0; i < d->n; i++) {
		buf_puts(&b, i == 0 ? "" : i + 1 == d->n ? " and " : ", ");
		buf_puts(&b, d->items[i]);
		free(d->items[i]);
	}
	free(d->items);
	return b.data;
}

/* Where work W is described, for messages: "note 4" or "bibliography entry \"smith\"".
 * Caller frees. */
static char *
described_in(const struct cite_model *m, const struct cite_work *w)
{
	struct buf b = {NULL, 0, 0};

	if (w->entry)
		buf_printf(&b, "bibliography entry \"%s\"", w->id);
	else
		buf_printf(&b, "note %zu", m->cites[w->first].note);
	return b.data;
}

/* Records MESSAGE (about citation CI of work WI) as a conflicting-fields problem that
 * points back at the work's description. */
static void
report_conflict(struct cite_model *m, size_t ci, size_t wi, const char *message)
{
	const struct cite_work *w = &m->works[wi];
	struct cite_problem *p = problem(m, RULE_CONFLICTING_FIELDS, m->cites[ci].node, "%s",
	                                 message);

	related(p, w->node, w->entry ? "described here" : "first described here");
}

char *
cite_fields_differences(const struct cite_fields *here, const struct cite_fields *there)
{
	struct differences d = {NULL, 0};
	size_t i;

	if (texts_differ(here->title, there->title))
		add_difference(&d, "title", here->title, there->title);
	for (i = 0; i < here->nauthors && i < there->nauthors; i++)
		if (names_differ(&here->authors[i], &there->authors[i])) {
			char *a = name_text(&here->authors[i]), *b = name_text(&there->authors[i]);

			add_difference(&d, "author", a, b);
			free(a);
			free(b);
		}
	if (dates_differ(&here->date, &there->date))
		add_difference(&d, "date", here->date.text, there->date.text);
	if (texts_differ(here->container, there->container))
		add_difference(&d, "container", here->container, there->container);
	if (texts_differ(here->publisher, there->publisher))
		add_difference(&d, "publisher", here->publisher, there->publisher);
	if (texts_differ(here->number, there->number))
		add_difference(&d, "number", here->number, there->number);
	return d.n > 0 ? join_differences(&d) : NULL;
}

/* A full reference CI of a work WI already described must describe it the same way
 * (cite_fields_differences). */
static void
check_description(struct cite_model *m, size_t ci, size_t wi)
{
	char *list = cite_fields_differences(&m->cites[ci].fields, &m->works[wi].fields), *where;
	struct buf msg = {NULL, 0, 0};

	if (list == NULL)
		return;
	where = described_in(m, &m->works[wi]);
	buf_printf(&msg, "full reference in note %zu differs from %s in %s; make them agree",
	           m->cites[ci].note, where, list);
	report_conflict(m, ci, wi, msg.data);
	buf_free(&msg);
	free(where);
	free(list);
}

/* The number of space-separated words of S. */
static size_t
words_in(const char *s)
{
	size_t n = 1;

	while ((s = strchr(s, ' ')) != NULL)
		n++, s++;
	return n;
}

/* The first N space-separated words of S. Caller frees. */
static char *
leading_words(const char *s, size_t n)
{
	const char *end = s;
	char *out;

	while (n > 0 && (end = strchr(end, ' ')) != NULL && --n > 0)
		end++;
	if (end == NULL)
		return mem_strdup(s);
	out = mem_alloc((size_t)(end - s) + 1);
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
	return out;
}

/* A short form CI names the authors of its work WI as the work does, or a leading part
 * of a name ("Echeverría" for "Echeverría Jesús"): it matched by normalised names, so
 * it may still differ in accents, case or punctuation. The first such author counts. */
static void
check_short_spelling(struct cite_model *m, size_t ci, size_t wi)
{
	const struct cite_fields *s = &m->cites[ci].fields, *w = &m->works[wi].fields;
	size_t i;

	for (i = 0; i < s->nauthors && i < w->nauthors; i++) {
		const char *here = name_head(&s->authors[i]), *there = name_head(&w->authors[i]);
		char *part = leading_words(there, words_in(here)), *a, *b, *where;
		struct buf msg = {NULL, 0, 0};

		if (strcmp(here, part) == 0) {
			free(part);
			continue;
		}
		/* Show the part of the work's name that corresponds, when there is one. */
		a = norm_key(here);
		b = norm_key(part);
		where = described_in(m, &m->works[wi]);
		buf_printf(&msg, "short form in note %zu spells the author \"%s\", but %s "
		           "spells it \"%s\"; use one spelling", m->cites[ci].note, here, where,
		           strcmp(a, b) == 0 ? part : there);
		report_conflict(m, ci, wi, msg.data);
		buf_free(&msg);
		free(where);
		free(a);
		free(b);
		free(part);
		return;
	}
}

/* A full reference names its work; a <biblioref> names its entry. Both introduce the
 * work (the first sets work->first), so they resolve before any short form. */
static void
resolve_named(struct cite_model *m, size_t ci)
{
	struct cite *c = &m->cites[ci];
	char *key;
	void *slot;

	if (c->form == CITE_REF) {
		slot = xmlHashLookup(m->index->by_id, (const xmlChar *)c->ref);
		if (slot == NULL) {
			problem(m, RULE_BIBLIOREF_TARGET, c->node,
			        "<biblioref> names \"%s\", which is no <biblioentry> in the "
			        "brief's <bibliography>; link to an entry's xml:id", c->ref);
			return;
		}
	} else {
		key = identity_key(&c->fields);
		slot = xmlHashLookup(m->index->by_key, (const xmlChar *)key);
		free(key);
		if (slot == NULL) {
			size_t wi = new_work(m, c->node);

			fields_copy(&m->works[wi].fields, &c->fields);
			index_work(m, wi);
			slot = SLOT(wi);
		} else {
			check_description(m, ci, UNSLOT(slot));
		}
	}
	c->work = UNSLOT(slot);
	if (m->works[c->work].first == CITE_NONE)
		m->works[c->work].first = ci;
}

/* Does the short form's author list fit work W's? Each given name must be the work's
 * author at that place, whole or a leading part of a family name. */
static bool
authors_fit(const struct cite_fields *s, const struct cite_fields *w)
{
	size_t i;
	bool fit = s->nauthors <= w->nauthors;

	for (i = 1; fit && i < s->nauthors; i++) {
		char *a = norm_key(name_head(&s->authors[i]));
		char *b = norm_key(name_head(&w->authors[i]));
		size_t n = strlen(a);

		fit = strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == ' ');
		free(a);
		free(b);
	}
	return fit;
}

/* Does the short form's title (if any) begin work W's title or equal its short title? */
static bool
title_fits(const struct cite_fields *s, const struct cite_work *w)
{
	char *a, *b, *c;
	size_t n;
	bool fit;

	if (s->title == NULL)
		return true;
	a = norm_key(s->title);
	b = norm_key(w->fields.title ? w->fields.title : "");
	c = norm_key(w->short_title ? w->short_title : "");
	n = strlen(a);
	fit = (strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == ' ')) || strcmp(a, c) == 0;
	free(a);
	free(b);
	free(c);
	return fit;
}

static const char *
short_form_text(const struct cite_fields *f, char *buf, size_t size)
{
	if (f->nauthors > 0)
		snprintf(buf, size, "%s%s%s", name_head(&f->authors[0]), f->title ? ", " : "",
		         f->title ? f->title : "");
	else
		snprintf(buf, size, "%s", f->title ? f->title : "");
	return buf;
}

/* The works a short form could mean: NBEFORE cited before it (the first two in
 * BEFORE), and the first one cited only after it (LATER, or CITE_NONE). */
struct candidates {
	size_t before[2], nbefore;
	size_t later;
};

static void
find_candidates(struct cite_model *m, size_t ci, struct candidates *k)
{
	const struct cite_fields *s = &m->cites[ci].fields;
	const struct bucket *b;
	char *key;
	size_t i;

	key = norm_key(s->nauthors > 0 ? name_head(&s->authors[0]) : s->title);
	b = xmlHashLookup(s->nauthors > 0 ? m->index->by_author : m->index->by_title,
	                  (const xmlChar *)key);
	free(key);
	k->nbefore = 0;
	k->later = CITE_NONE;
	for (i = 0; b != NULL && i < b->n; i++) {
		const struct cite_work *w = &m->works[b->works[i]];

		if (!authors_fit(s, &w->fields) || !title_fits(s, w))
			continue;
		if (w->first != CITE_NONE && w->first < ci) {
			if (k->nbefore < 2)
				k->before[k->nbefore] = b->works[i];
			k->nbefore++;
		} else if (w->first != CITE_NONE &&
		           (k->later == CITE_NONE || w->first < m->works[k->later].first)) {
			k->later = b->works[i];
		}
	}
}

static void
resolve_short(struct cite_model *m, size_t ci)
{
	struct cite *c = &m->cites[ci];
	struct candidates k;
	struct cite_problem *p;
	char text[256], *l1, *l2;
	size_t i;

	if (c->fields.nauthors == 0 && c->fields.title == NULL) {
		problem(m, RULE_CITATION_UNRECOGNISED, c->node,
		        "citation in note %zu names no author, title or Ibid.; mark its parts "
		        "(<author>, <citetitle>, <abbrev>Ibid.</abbrev>)", c->note);
		return;
	}
	short_form_text(&c->fields, text, sizeof(text));
	find_candidates(m, ci, &k);
	if (k.nbefore == 1) {
		c->work = k.before[0];
		check_short_spelling(m, ci, c->work);
		return;
	}
	if (k.nbefore > 1) {
		l1 = work_label(&m->works[k.before[0]]);
		l2 = work_label(&m->works[k.before[1]]);
		if (k.nbefore == 2)
			p = problem(m, RULE_SHORT_AMBIGUOUS, c->node,
			            "short form \"%s\" in note %zu fits two works: %s and %s; "
			            "add a short title to tell them apart", text, c->note, l1, l2);
		else
			p = problem(m, RULE_SHORT_AMBIGUOUS, c->node,
			            "short form \"%s\" in note %zu fits %zu works, among them %s "
			            "and %s; add a short title to tell them apart", text, c->note,
			            k.nbefore, l1, l2);
		free(l1);
		free(l2);
		for (i = 0; i < 2; i++) {
			const struct cite_work *w = &m->works[k.before[i]];

			related(p, m->cites[w->first].node, "candidate first cited in note %zu",
			        m->cites[w->first].note);
		}
		return;
	}
	if (k.later != CITE_NONE) {
		const struct cite *full = &m->cites[m->works[k.later].first];

		l1 = work_label(&m->works[k.later]);
		p = problem(m, RULE_SHORT_BEFORE_FULL, c->node,
		            "short form \"%s\" in note %zu comes before the first full "
		            "reference to %s (note %zu); cite the work in full here", text,
		            c->note, l1, full->note);
		free(l1);
		related(p, full->node, "the full reference comes later, in note %zu",
		        full->note);
		return;
	}
	problem(m, RULE_SHORT_UNMATCHED, c->node,
	        "short form \"%s\" in note %zu fits no work cited in full before it; check "
	        "the spelling, or cite the work in full first", text, c->note);
}

/* The citation an Ibid. at CI refers to: the one before it in the same note, else the
 * last of the previous note if that note cites exactly one work. NOTE_START is the
 * index of the first citation of CI's note; PREV_START of the previous note's
 * (CITE_NONE when that note cites nothing). Returns CITE_NONE after a problem. */
static size_t
antecedent(struct cite_model *m, size_t ci, size_t note_start, size_t prev_start,
           bool report)
{
	const struct cite *c = &m->cites[ci];
	size_t i, other = CITE_NONE;
	struct cite_problem *p;

	if (ci > note_start)
		return ci - 1;
	if (prev_start == CITE_NONE) {
		if (!report)
			return CITE_NONE;
		if (c->note == 1)
			problem(m, RULE_IBID_NO_ANTECEDENT, c->node,
			        "Ibid. in note 1 has no earlier note to refer to; cite the work "
			        "in full");
		else
			problem(m, RULE_IBID_NO_ANTECEDENT, c->node,
			        "Ibid. in note %zu refers to note %zu, which cites no work; cite "
			        "the work by name", c->note, c->note - 1);
		return CITE_NONE;
	}
	for (i = prev_start; i < note_start; i++) {
		if (m->cites[i].work == CITE_NONE)
			return CITE_NONE; /* already reported */
		if (m->cites[i].work != m->cites[note_start - 1].work)
			other = i;
	}
	if (other == CITE_NONE)
		return note_start - 1;
	if (report) {
		p = problem(m, RULE_IBID_AMBIGUOUS, c->node,
		            "Ibid. in note %zu is ambiguous: note %zu cites more than one work; "
		            "use a short form", c->note, c->note - 1);
		related(p, m->cites[other].node, "one work cited in note %zu",
		        m->cites[other].note);
		related(p, m->cites[note_start - 1].node, "another work cited in note %zu",
		        m->cites[note_start - 1].note);
	}
	return CITE_NONE;
}

static void
resolve_ibid(struct cite_model *m, size_t ci, size_t note_start, size_t prev_start)
{
	struct cite *c = &m->cites[ci];
	size_t a = antecedent(m, ci, note_start, prev_start, true);

	if (a == CITE_NONE || m->cites[a].work == CITE_NONE)
		return; /* reported, or the antecedent itself failed: no second message */
	c->work = m->cites[a].work;
	if (c->loc.kind == LOC_NONE)
		locator_copy(&c->loc, &m->cites[a].loc);
}

/* Walks the citations in order, tracking where the current and previous notes start,
 * and calls STEP for each one of FORMS (a bit mask of 1 << form). */
static void
walk(struct cite_model *m, unsigned forms,
     void (*step)(struct cite_model *, size_t, size_t, size_t))
{
	size_t i, note_start = 0, prev_start = CITE_NONE;

	for (i = 0; i < m->ncites; i++) {
		if (i > 0 && m->cites[i].note != m->cites[i - 1].note) {
			prev_start = m->cites[i].note == m->cites[i - 1].note + 1 ? note_start
			                                                           : CITE_NONE;
			note_start = i;
		}
		if (forms & (1u << m->cites[i].form))
			step(m, i, note_start, prev_start);
	}
}

static void
step_named(struct cite_model *m, size_t ci, size_t note_start, size_t prev_start)
{
	(void)note_start, (void)prev_start;
	resolve_named(m, ci);
}

static void
step_reference(struct cite_model *m, size_t ci, size_t note_start, size_t prev_start)
{
	if (m->cites[ci].form == CITE_IBID)
		resolve_ibid(m, ci, note_start, prev_start);
	else
		resolve_short(m, ci);
}

static void
step_position(struct cite_model *m, size_t ci, size_t note_start, size_t prev_start)
{
	struct cite *c = &m->cites[ci];
	size_t a;

	if (c->work == CITE_NONE)
		return;
	a = antecedent(m, ci, note_start, prev_start, false);
	if (m->works[c->work].first == ci)
		c->position = POS_FIRST;
	else if (a != CITE_NONE && m->cites[a].work == c->work) {
		const char *here = c->loc.text, *there = m->cites[a].loc.text;

		c->position = POS_IBID;
		c->same_place = here == there || (here && there && strcmp(here, there) == 0);
	} else
		c->position = POS_SUBSEQUENT;
}

/* ---- Lint of the resolved notes ---- */

/* A full reference written after its work's first citation: Chicago gives the work in
 * full once, then short. */
static void
check_repeated_full(struct cite_model *m, size_t ci)
{
	const struct cite *c = &m->cites[ci];
	const struct cite *first = &m->cites[m->works[c->work].first];
	struct cite_problem *p;
	char *label;

	if (c->form != CITE_FULL || c->position == POS_FIRST)
		return;
	label = work_label(&m->works[c->work]);
	p = problem(m, RULE_REPEATED_FULL, c->node, "%s is cited in full again in note %zu; "
	            "after its first citation, in note %zu, use the short form", label,
	            c->note, first->note);
	related(p, first->node, "first cited here");
	free(label);
}

/* A citation CI with no page, of a work that citation PAGED cites by page. The work's
 * first citation may cite it whole: that introduces the work. */
static void
check_missing_locator(struct cite_model *m, size_t ci, size_t paged)
{
	const struct cite *c = &m->cites[ci];
	struct cite_problem *p;
	char *label;

	if (c->loc.kind != LOC_NONE || c->position == POS_FIRST)
		return;
	label = work_label(&m->works[c->work]);
	p = problem(m, RULE_MISSING_LOCATOR, c->node, "note %zu cites %s with no page, though "
	            "note %zu cites it by page; add the page meant", c->note, label,
	            m->cites[paged].note);
	related(p, m->cites[paged].node, "cited by page here");
	free(label);
}

/* Two passes over the citations: which works are cited by page somewhere (the first
 * such citation of each), then each citation's own checks. */
static void
lint_citations(struct cite_model *m)
{
	size_t i, *paged = mem_realloc_array(NULL, m->nworks, sizeof(*paged));

	for (i = 0; i < m->nworks; i++)
		paged[i] = CITE_NONE;
	for (i = 0; i < m->ncites; i++) {
		const struct cite *c = &m->cites[i];

		if (c->work != CITE_NONE && c->loc.kind == LOC_PAGES &&
		    paged[c->work] == CITE_NONE)
			paged[c->work] = i;
	}
	for (i = 0; i < m->ncites; i++) {
		if (m->cites[i].work == CITE_NONE)
			continue;
		check_repeated_full(m, i);
		if (paged[m->cites[i].work] != CITE_NONE)
			check_missing_locator(m, i, paged[m->cites[i].work]);
	}
	free(paged);
}

/* ---- Ids and order ---- */

static bool
id_taken(struct cite_model *m, const char *id)
{
	return xmlHashLookup(m->index->reserved, (const xmlChar *)id) != NULL;
}

/* "boukhars-2013": the first author's name (or, with no author, the title's first
 * three words) and the year, "nd" without one. */
static char *
id_base(const struct cite_work *w)
{
	const struct cite_fields *f = &w->fields;
	char *name, *id;
	size_t n;

	if (f->nauthors > 0 && !f->various)
		name = norm_slug(name_head(&f->authors[0]), 0);
	else
		name = norm_slug(f->title ? f->title : "", 3);
	n = strlen(name) + 16;
	id = mem_alloc(n);
	if (f->date.year > 0)
		snprintf(id, n, "%s%s%d", *name ? name : "work", "-", f->date.year);
	else
		snprintf(id, n, "%s-nd", *name ? name : "work");
	free(name);
	return id;
}

/* Entries keep their xml:id. Other works get their base id, or, when two works (or a
 * work and an xml:id of the brief) share it, base + "a", "b"... in order of first
 * citation. */
static void
assign_ids(struct cite_model *m)
{
	/* Sized for every work at once: libxml2 grows a table on adding, not on updating. */
	xmlHashTablePtr count = xmlHashCreate((int)(m->nworks < 1 << 20 ? 2 * m->nworks + 1 : 1 << 21));
	size_t i, k;
	char **base = mem_realloc_array(NULL, m->nworks, sizeof(*base));

	for (i = 0; i < m->nworks; i++) {
		base[i] = m->works[i].entry ? NULL : id_base(&m->works[i]);
		if (base[i] == NULL) {
			cite_reserve_id(m, m->works[i].id);
			continue;
		}
		k = (size_t)xmlHashLookup(count, (const xmlChar *)base[i]);
		if (k == 0)
			xmlHashAddEntry(count, (const xmlChar *)base[i], (void *)1);
		else
			xmlHashUpdateEntry(count, (const xmlChar *)base[i], (void *)(k + 1), NULL);
	}
	for (i = 0; i < m->nworks; i++) {
		char *id;

		if (base[i] == NULL)
			continue;
		if ((size_t)xmlHashLookup(count, (const xmlChar *)base[i]) == 1 &&
		    !id_taken(m, base[i])) {
			id = base[i];
		} else {
			id = mem_alloc(strlen(base[i]) + 24);
			for (k = 0; k == 0 || id_taken(m, id); k++) {
				if (k < 26)
					sprintf(id, "%s%c", base[i], (char)('a' + k));
				else
					sprintf(id, "%s-%zu", base[i], k + 1);
			}
			free(base[i]);
		}
		cite_reserve_id(m, id);
		m->works[i].id = id;
	}
	free(base);
	xmlHashFree(count, NULL);
}

static int
work_cmp(const void *a, const void *b)
{
	const struct cite_work *x = a, *y = b;
	int c = strcmp(x->sort, y->sort);

	if (c == 0 && x->fields.title && y->fields.title)
		c = strcmp(x->fields.title, y->fields.title);
	return c ? c : strcmp(x->id, y->id);
}

static int
work_ptr_cmp(const void *a, const void *b)
{
	return work_cmp(*(const struct cite_work *const *)a, *(const struct cite_work *const *)b);
}

/* Sorts the works into bibliography order and renumbers the citations to match. */
static void
sort_works(struct cite_model *m)
{
	struct cite_work **order = mem_realloc_array(NULL, m->nworks, sizeof(*order));
	struct cite_work *sorted = mem_realloc_array(NULL, m->nworks, sizeof(*sorted));
	size_t i, *to = mem_realloc_array(NULL, m->nworks, sizeof(*to));

	for (i = 0; i < m->nworks; i++)
		order[i] = &m->works[i];
	qsort(order, m->nworks, sizeof(*order), work_ptr_cmp);
	for (i = 0; i < m->nworks; i++) {
		to[order[i] - m->works] = i;
		sorted[i] = *order[i];
	}
	for (i = 0; i < m->ncites; i++)
		if (m->cites[i].work != CITE_NONE)
			m->cites[i].work = to[m->cites[i].work];
	free(m->works);
	m->works = sorted;
	m->capworks = m->nworks;
	free(order);
	free(to);
}

static void
collect_citing(struct cite_model *m)
{
	size_t i;

	for (i = 0; i < m->ncites; i++) {
		struct cite_work *w;

		if (m->cites[i].work == CITE_NONE)
			continue;
		w = &m->works[m->cites[i].work];
		w->cites = mem_realloc_array(w->cites, w->ncites + 1, sizeof(*w->cites));
		w->cites[w->ncites++] = i;
	}
}

void
cite_resolve(struct cite_model *m)
{
	size_t i;

	for (i = 0; i < m->nworks; i++)
		index_work(m, i); /* the entries */
	walk(m, 1u << CITE_FULL | 1u << CITE_REF, step_named);
	walk(m, 1u << CITE_SHORT | 1u << CITE_IBID, step_reference);
	walk(m, ~0u, step_position);
	lint_citations(m);
	for (i = 0; i < m->nworks; i++)
		if (m->works[i].entry && m->works[i].first == CITE_NONE)
			problem(m, RULE_UNCITED_ENTRY, m->works[i].node,
			        "bibliography entry \"%s\" is never cited; cite it with "
			        "<biblioref linkend=\"%s\"/> or remove it", m->works[i].id,
			        m->works[i].id);
	assign_ids(m);
	collect_citing(m);
	sort_works(m);
}

/* ---- Names ---- */

enum cite_form
cite_shown_form(const struct cite *c)
{
	if (c->form != CITE_REF)
		return c->form;
	return c->position == POS_FIRST ? CITE_FULL :
	       c->position == POS_IBID ? CITE_IBID : CITE_SHORT;
}

const char *
cite_form_name(enum cite_form form)
{
	static const char *const names[] = {"full", "short", "ibid", "ref"};

	return names[form];
}

const char *
cite_position_name(enum cite_position position)
{
	static const char *const names[] = {"first", "subsequent", "ibid"};

	return names[position];
}

const char *
cite_container_name(enum cite_container kind)
{
	static const char *const names[] = {"", "journal", "series", "book", "webpage"};

	return names[kind];
}

const char *
cite_work_type(const struct cite_work *w)
{
	switch (w->fields.container_kind) {
	case CONTAINER_JOURNAL:
		return "article-journal";
	case CONTAINER_SERIES:
		return "report";
	case CONTAINER_BOOK:
		return "chapter";
	case CONTAINER_WEBPAGE:
		return "webpage";
	case CONTAINER_NONE:
		break;
	}
	if (w->fields.quoted)
		return "article";
	return w->fields.number ? "report" : w->fields.publisher ? "book" : "document";
}
