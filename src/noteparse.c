/* noteparse.c - the citation parser: a note's text read as Chicago-style citations.
 * Works on byte offsets of the note, so the markup written from it keeps every
 * character; each reading it is unsure of is said, never silently guessed. */
#include "noteparse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>

#include "mem.h"
#include "norm.h"

/* Names and titles of the works cited in full so far, as norm_key writes them: each
 * name mapped to 1 (a person's family name) or 2 (an organisation's), and every
 * leading run of whole words of each title, so a short title is one lookup. */
struct noteparse {
	xmlHashTablePtr names;
	xmlHashTablePtr titles;
};

/* The note being parsed, and the citation being built. */
struct cur {
	const char *t;
	size_t len;
	const struct np_range *italic;
	size_t nitalic;
	struct noteparse *p;
	struct np_note *out;
	struct np_item *item;
};

static const char *const part_names[] = {
	[NP_AUTHOR] = "author", [NP_EDITOR] = "editor", [NP_VARIOUS] = "various",
	[NP_IBID] = "ibid", [NP_TITLE] = "title", [NP_CONTAINER] = "container",
	[NP_VOLUME] = "volume", [NP_ISSUE] = "issue", [NP_NUMBER] = "number",
	[NP_PUBLISHER] = "publisher", [NP_PLACE] = "place", [NP_DATE] = "date",
	[NP_ACCESSED] = "accessed", [NP_URL] = "url", [NP_DOI] = "doi", [NP_GENRE] = "genre",
	[NP_LOCATOR] = "locator", [NP_SHORT] = "short-title",
};

const char *
noteparse_part_name(enum np_part part)
{
	return part_names[part];
}

struct noteparse *
noteparse_new(void)
{
	struct noteparse *p = mem_alloc(sizeof(*p));

	p->names = xmlHashCreate(64);
	p->titles = xmlHashCreate(256);
	if (p->names == NULL || p->titles == NULL)
		mem_exhausted();
	return p;
}

void
noteparse_free(struct noteparse *p)
{
	if (p == NULL)
		return;
	xmlHashFree(p->names, NULL);
	xmlHashFree(p->titles, NULL);
	free(p);
}

void
noteparse_note_free(struct np_note *n)
{
	size_t i;

	for (i = 0; i < n->nitems; i++)
		free(n->items[i].spans);
	free(n->items);
	free(n->doubt);
	memset(n, 0, sizeof(*n));
}

/* ---- Characters ---- */

/* The quotation marks a title stands in: opening and closing. */
static const struct {
	const char *open, *close;
} quotes[] = {
	{"\u201c", "\u201d"}, {"\u00ab", "\u00bb"}, {"\"", "\""}, {"\u201e", "\u201c"},
};

static bool
at(const struct cur *c, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i + n <= c->len && memcmp(c->t + i, s, n) == 0;
}

/* Does the word W (case-insensitive, ASCII) start at I, not inside a longer word? */
static bool
word_at(const struct cur *c, size_t i, const char *w)
{
	size_t n = strlen(w);

	if (i + n > c->len || strncasecmp(c->t + i, w, n) != 0)
		return false;
	if (i > 0 && isalnum((unsigned char)c->t[i - 1]))
		return false;
	return i + n == c->len || !isalnum((unsigned char)c->t[i + n]) ||
	       !isalnum((unsigned char)w[n - 1]);
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n';
}

/* The length of the white space at I: a space, or a no-break space (U+00A0, U+202F),
 * which manuscripts carry before colons and after abbreviations; 0 for none. */
static size_t
space_at(const struct cur *c, size_t i)
{
	if (i >= c->len)
		return 0;
	if (is_space(c->t[i]))
		return 1;
	if (at(c, i, "\u00a0"))
		return 2;
	if (at(c, i, "\u202f") || at(c, i, "\u2009"))
		return 3;
	return 0;
}

/* I moved past spaces, up to E. */
static size_t
skip_space(const struct cur *c, size_t i, size_t e)
{
	size_t n;

	while (i < e && (n = space_at(c, i)) > 0)
		i += n;
	return i;
}

/* E moved back over spaces and the characters of TRIM, down to S. */
static size_t
trim_back(const struct cur *c, size_t s, size_t e, const char *trim)
{
	for (;;) {
		if (e > s && (is_space(c->t[e - 1]) || strchr(trim, c->t[e - 1]) != NULL))
			e--;
		else if (e >= s + 2 && space_at(c, e - 2) == 2)
			e -= 2;
		else if (e >= s + 3 && space_at(c, e - 3) == 3)
			e -= 3;
		else
			return e;
	}
}

/* The quotation mark that opens at I: its index in quotes[], or -1. */
static int
quote_open_at(const struct cur *c, size_t i)
{
	size_t q;

	for (q = 0; q < sizeof(quotes) / sizeof(quotes[0]); q++)
		if (at(c, i, quotes[q].open))
			return (int)q;
	return -1;
}

/* The byte after the top-level group that starts at I (a quotation, a parenthesis),
 * or I itself when none starts there; a group left open runs to E. */
static size_t
group_end(const struct cur *c, size_t i, size_t e)
{
	int q = quote_open_at(c, i);
	size_t depth = 0, j;

	if (q >= 0) {
		size_t n = strlen(quotes[q].open), m = strlen(quotes[q].close);

		for (j = i + n; j + m <= e; j++)
			if (memcmp(c->t + j, quotes[q].close, m) == 0)
				return j + m;
		return e;
	}
	if (c->t[i] != '(' && c->t[i] != '[')
		return i;
	for (j = i; j < e; j++) {
		if (c->t[j] == '(' || c->t[j] == '[')
			depth++;
		else if ((c->t[j] == ')' || c->t[j] == ']') && --depth == 0)
			return j + 1;
	}
	return e;
}

/* ---- Words ---- */

static bool
in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return true;
	return false;
}

#define IN(w, n, list) in_list((w), (n), (list), sizeof(list) / sizeof((list)[0]))

/* Lower-case words that may stand inside a name: particles and an organisation's
 * small words. */
static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do",
	"dos", "du", "el", "ibn", "la", "le", "ter", "van", "von", "y", "of", "for", "the",
	"on", "in", "and", "et", "al.", "&", "du", "für", "e", "at",
};

/* Words that make a name an organisation's. */
static const char *const org_words[] = {
	"academy", "administration", "agence", "agency", "alliance", "amnesty",
	"archive", "archives", "army", "assembly", "associated", "association", "authority",
	"bank", "board", "bureau", "cabinet", "center", "centre", "centro", "college",
	"commission", "committee", "company", "congress", "corporation", "council",
	"court", "crisis", "department", "editors", "embassy", "forces", "forum",
	"foundation", "fundación", "fondation", "fund", "gobierno", "government", "group",
	"inc", "initiative", "institut", "institute", "instituto", "international",
	"internacional", "library", "ltd", "magazine", "ministerio", "ministry", "ministère",
	"museum", "nations", "network", "office", "organisation", "organization",
	"parliament", "party", "police", "press", "program", "programme", "project",
	"republic", "secretariat", "senate", "service", "services", "society", "staff",
	"stiftung", "trust", "union", "university", "universidad", "université",
	"watch", "publication", "publications", "reuters",
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
	"jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "enero", "febrero",
	"marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
	"octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril", "mai",
	"juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
	"spring", "summer", "autumn", "fall", "winter",
};

/* The length of the word at I: letters, digits, marks, and - ' ’ . inside it. */
static size_t
word_len(const struct cur *c, size_t i, size_t e)
{
	size_t j = i;

	while (j < e) {
		unsigned char ch = (unsigned char)c->t[j];

		if (isalnum(ch) || ch >= 0x80 || ch == '-' || ch == '\'' || ch == '&')
			j++;
		else if (ch == '.' && j > i && j + 1 < e && !(space_at(c, j + 1) > 0) &&
		         c->t[j + 1] != ',' && c->t[j + 1] != ':')
			j++;   /* "A.V." */
		else
			break;
	}
	/* An abbreviation's period or an initial's belongs to the word. */
	if (j < e && c->t[j] == '.' && j > i && (j - i <= 4 || c->t[j - 1] == '.'))
		j++;
	return j - i;
}

static size_t
digits_at(const struct cur *c, size_t i, size_t e)
{
	size_t j = i;

	while (j < e && isdigit((unsigned char)c->t[j]))
		j++;
	return j - i;
}

/* A year: four digits from 1400 to 2199, not part of a longer number. */
static bool
year_at(const struct cur *c, size_t i, size_t e)
{
	return digits_at(c, i, e) == 4 && (c->t[i] == '1' || c->t[i] == '2') &&
	       (i == 0 || !isdigit((unsigned char)c->t[i - 1]));
}

/* A month or season name at I: its length, or 0. */
static size_t
month_at(const struct cur *c, size_t i, size_t e)
{
	size_t n = word_len(c, i, e);

	if (n > 0 && IN(c->t + i, n, months))
		return n;
	/* "Sept" without its period, or a month whose period word_len left out. */
	if (n > 0 && c->t[i + n - 1] != '.' && i + n < e && c->t[i + n] == '.' &&
	    in_list(c->t + i, n + 1, months, sizeof(months) / sizeof(months[0])))
		return n + 1;
	return 0;
}

/* A date at I, up to E: "November 21, 2015", "21 November 2015", "August 2013",
 * "15 de enero de 2016", "2015-12-23", "2014", "n.d.". Its length, or 0. */
static size_t
date_at(const struct cur *c, size_t i, size_t e)
{
	size_t j = i, n;

	if (word_at(c, i, "n.d.") || word_at(c, i, "s.f.") || word_at(c, i, "s.d."))
		return 4;
	if (year_at(c, i, e)) {
		j = i + 4;
		/* A run of years: "1774-1789", "1904–1937". */
		if (at(c, j, "-") && year_at(c, j + 1, e))
			return j + 5 - i;
		if (at(c, j, "\u2013") && year_at(c, j + 3, e))
			return j + 7 - i;
		if (j + 3 <= e && c->t[j] == '-' && digits_at(c, j + 1, e) == 2) {
			j += 3;
			if (j + 3 <= e && c->t[j] == '-' && digits_at(c, j + 1, e) == 2)
				j += 3;
		}
		return j - i;
	}
	if ((n = digits_at(c, j, e)) >= 1 && n <= 2) {   /* 21 November 2015 */
		size_t k = skip_space(c, j + n, e), m;

		if (word_at(c, k, "de"))
			k = skip_space(c, k + 2, e);
		if ((m = month_at(c, k, e)) == 0)
			return 0;
		k = skip_space(c, k + m, e);
		if (word_at(c, k, "de"))
			k = skip_space(c, k + 2, e);
		return year_at(c, k, e) ? k + 4 - i : 0;
	}
	if ((n = month_at(c, j, e)) > 0) {               /* November 21, 2015 */
		size_t k = skip_space(c, j + n, e), m;

		if ((m = digits_at(c, k, e)) >= 1 && m <= 2) {
			k += m;
			if (k < e && c->t[k] == ',')
				k++;
			k = skip_space(c, k, e);
		} else if (word_at(c, k, "de")) {
			k = skip_space(c, k + 2, e);
		}
		return year_at(c, k, e) ? k + 4 - i : 0;
	}
	return 0;
}

/* A page at I: digits after at most three lower-case letters ("7", "ii4", "e1002"), or
 * a lower-case roman numeral ("xiv"); its length, or 0. */
static size_t
page_at(const struct cur *c, size_t i, size_t e)
{
	size_t n = 0, d;

	while (i + n < e && n < 3 && islower((unsigned char)c->t[i + n]))
		n++;
	d = digits_at(c, i + n, e);
	if (d == 0) {
		for (n = 0; i + n < e && strchr("ivxlc", c->t[i + n]) != NULL; n++)
			;
		d = 0;
	}
	n += d;
	if (n == 0 || (i + n < e && isalpha((unsigned char)c->t[i + n])))
		return 0;
	return n;
}

/* An upper-case roman volume before its pages at I: "VII, " of "VII, 274"; the length
 * up to the pages, or 0. */
static size_t
volume_at(const struct cur *c, size_t i, size_t e)
{
	size_t n = 0;

	while (i + n < e && strchr("IVXLC", c->t[i + n]) != NULL)
		n++;
	if (n == 0 || !at(c, i + n, ", ") || page_at(c, i + n + 2, e) == 0 ||
	    digits_at(c, i + n + 2, e) == 0)
		return 0;
	return n + 2;
}

/* Pages at I: "7", "211–14", "45-67", "3, 9-12", "xiv", "ii4-ii16", "VII, 274", after
 * "p."/"pp." if any; the length, or 0. */
static size_t
pages_at(const struct cur *c, size_t i, size_t e)
{
	static const char *const labels[] = {"pp.", "p.", "págs.", "pág."};
	static const char *const dashes[] = {"\u2013", "\u2014", "\u2011", "-"};
	size_t j = i, k, d, n;
	bool any = false;

	for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
		if (word_at(c, j, labels[k])) {
			j = skip_space(c, j + strlen(labels[k]), e);
			break;
		}
	j += volume_at(c, j, e);
	for (;;) {
		n = page_at(c, j, e);
		if (n == 0)
			break;
		j += n;
		any = true;
		for (d = 0; d < sizeof(dashes) / sizeof(dashes[0]); d++)
			if (at(c, j, dashes[d]) && page_at(c, j + strlen(dashes[d]), e) > 0) {
				j += strlen(dashes[d]);
				j += page_at(c, j, e);
				break;
			}
		if (!(at(c, j, ", ") && digits_at(c, j + 2, e) > 0))
			break;
		j += 2;
	}
	return any ? j - i : 0;
}

/* Adds the pages at I, N bytes with their label, as the locator: the label ("p.",
 * "pp.") stays text. Returns I + N. */
static size_t add_span_locator(struct cur *c, size_t i, size_t n);

/* Is [S, E) a locator and nothing else (a final period or closing mark aside)? */
static size_t
locator_at_end(const struct cur *c, size_t s, size_t e)
{
	size_t n = pages_at(c, s, e);

	if (n == 0 || trim_back(c, s + n, e, ".)") != s + n)
		return 0;
	/* A year alone is a date, unless labelled as a page. */
	if (n == 4 && year_at(c, s, e))
		return 0;
	return n;
}

/* ---- Spans ---- */

static struct np_span *
add_span(struct cur *c, enum np_part part, size_t s, size_t e)
{
	struct np_item *it = c->item;
	struct np_span *sp;

	it->spans = mem_realloc_array(it->spans, it->nspans + 1, sizeof(*it->spans));
	sp = &it->spans[it->nspans++];
	memset(sp, 0, sizeof(*sp));
	sp->part = part;
	sp->start = s;
	sp->end = e;
	return sp;
}

static bool
labelled(const struct cur *c, size_t i)
{
	return word_at(c, i, "p.") || word_at(c, i, "pp.") || word_at(c, i, "pág.") ||
	       word_at(c, i, "págs.");
}

static size_t
add_span_locator(struct cur *c, size_t i, size_t n)
{
	size_t p = labelled(c, i) ? skip_space(c, i + word_len(c, i, i + n), i + n) : i;

	add_span(c, NP_LOCATOR, p, i + n);
	return i + n;
}

static bool
has_part(const struct cur *c, enum np_part part)
{
	size_t i;

	for (i = 0; i < c->item->nspans; i++)
		if (c->item->spans[i].part == part)
			return true;
	return false;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct np_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void
doubt(struct cur *c, const char *why)
{
	if (c->out->doubt == NULL)
		c->out->doubt = mem_strdup(why);
}

/* ---- Names ---- */

/* Is [S, E) a run of words a name can be made of: capitalised words, initials and
 * particles, at most MAX of them, and no digit? */
static bool
name_like(const struct cur *c, size_t s, size_t e, size_t max)
{
	size_t i = skip_space(c, s, e), n, words = 0, capitals = 0;

	if (i >= e)
		return false;
	while (i < e) {
		unsigned char ch = (unsigned char)c->t[i];

		if (ch == ',') {
			i = skip_space(c, i + 1, e);
			continue;
		}
		n = word_len(c, i, e);
		if (n == 0)
			return false;
		if (isdigit(ch))
			return false;
		if (isupper(ch) || ch >= 0x80)
			capitals++;
		else if (!IN(c->t + i, n, particles) && !(n > 3 && strncmp(c->t + i, "al-", 3) == 0)
		         && !(n > 3 && strncmp(c->t + i, "el-", 3) == 0))
			return false;
		words++;
		i = skip_space(c, i + n, e);
	}
	return words <= max && capitals > 0;
}

static bool
all_caps(const struct cur *c, size_t s, size_t e)
{
	size_t i, letters = 0;

	for (i = s; i < e; i++) {
		if (islower((unsigned char)c->t[i]))
			return false;
		letters += isupper((unsigned char)c->t[i]) != 0;
	}
	return letters >= 2;
}

static char *
key_of(const struct cur *c, size_t s, size_t e)
{
	char *text = mem_alloc(e - s + 1), *key;

	memcpy(text, c->t + s, e - s);
	text[e - s] = '\0';
	key = norm_key(text);
	free(text);
	return key;
}

/* What the names of earlier full references say of [S, E): 1 an organisation, 0 a
 * person's family name, -1 nothing. */
static int
known_name(const struct cur *c, size_t s, size_t e)
{
	char *key = key_of(c, s, e);
	size_t v = (size_t)xmlHashLookup(c->p->names, (const xmlChar *)key);

	free(key);
	return v == 0 ? -1 : (int)v - 1;
}

static void
remember_name(struct cur *c, size_t s, size_t e, bool org)
{
	char *key;

	if (s >= e)
		return;
	key = key_of(c, s, e);
	if (*key != '\0')
		xmlHashAddEntry(c->p->names, (const xmlChar *)key, (void *)(size_t)(org ? 2 : 1));
	free(key);
}

/* Is [S, E) the start of the title of a work cited in full before? */
static bool
known_title(const struct cur *c, size_t s, size_t e)
{
	char *key = key_of(c, s, e);
	bool found = *key != '\0' && xmlHashLookup(c->p->titles, (const xmlChar *)key) != NULL;

	free(key);
	return found;
}

/* Does [S, E) name an organisation: a word of org_words, an acronym, or five
 * capitalised words? */
static bool
org_like(const struct cur *c, size_t s, size_t e)
{
	size_t i = s, n, words = 0;
	int known = known_name(c, s, e);

	if (known >= 0)
		return known == 1;
	if (all_caps(c, s, e))
		return true;
	if (word_len(c, s, e) == e - s)
		return false;   /* one word: a family name ("Press" of "Lieber and Press") */
	while ((i = skip_space(c, i, e)) < e) {
		n = word_len(c, i, e);
		if (n == 0)
			n = 1;
		if (n == 2 && isupper((unsigned char)c->t[i]) && c->t[i + 1] == '.')
			return false;   /* an initial: a person's name */
		if (IN(c->t + i, n, org_words) ||
		    (c->t[i + n - 1] == '.' && in_list(c->t + i, n - 1, org_words,
		                                       sizeof(org_words) / sizeof(org_words[0]))))
			return true;
		words += !islower((unsigned char)c->t[i]);
		i += n;
	}
	return words >= 5;
}

/* A person's name [S, E) in the order given: "Anouar Boukhars", "James M. Acton",
 * "Olivier de la Roy"; the family name is the last word with its particles. */
static void
split_person(const struct cur *c, struct np_span *sp, size_t s, size_t e)
{
	size_t i = s, last = s, n, fam;

	while ((i = skip_space(c, i, e)) < e) {
		n = word_len(c, i, e);
		if (n == 0)
			n = 1;
		last = i;
		i += n;
	}
	/* Particles before the last word belong to the family name. */
	fam = last;
	for (i = s; i < last; i += n) {
		i = skip_space(c, i, e);
		n = word_len(c, i, e);
		if (n == 0)
			n = 1;
		if (i < last && islower((unsigned char)c->t[i]) && IN(c->t + i, n, particles) &&
		    !word_at(c, i, "y") && !word_at(c, i, "and")) {
			fam = i;
			break;
		}
	}
	sp->family = fam;
	sp->family_end = e;
	sp->given = s;
	sp->given_end = fam > s ? trim_back(c, s, fam, "") : s;
}

/* Adds one name [S, E) as PART: an organisation, a person given first, or, with
 * INVERTED_AT not 0, "Family, Given" split at that comma. A short form's person is a
 * family name alone. */
static void
add_name(struct cur *c, enum np_part part, size_t s, size_t e, size_t inverted_at,
         bool full)
{
	struct np_span *sp;
	bool org;

	s = skip_space(c, s, e);
	e = trim_back(c, s, e, "");
	if (s >= e)
		return;
	sp = add_span(c, part, s, e);
	if (inverted_at != 0) {
		sp->family = s;
		sp->family_end = trim_back(c, s, inverted_at, "");
		sp->given = skip_space(c, inverted_at + 1, e);
		sp->given_end = e;
		remember_name(c, sp->family, sp->family_end, false);
		return;
	}
	org = known_name(c, s, e) == 1 || org_like(c, s, e) ||
	      (full && !has_part(c, NP_AUTHOR) && word_len(c, s, e) == e - s &&
	       !name_like(c, s, e, 1));
	if (org) {
		sp->org = true;
		remember_name(c, s, e, true);
	} else if (full) {
		split_person(c, sp, s, e);
		remember_name(c, sp->family, sp->family_end, false);
	} else {
		sp->family = s;
		sp->family_end = e;
		sp->given = sp->given_end = s;
	}
}

/* The separator of names at I: ", and ", " and ", " & ", " y ", " et ", ", "; its
 * length, or 0. */
static size_t
name_sep_at(const struct cur *c, size_t i)
{
	static const char *const seps[] = {
		", and ", ", & ", " and ", " & ", " y ", " e ", " et ", " und ", "; ", ", ",
	};
	size_t k;

	for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++)
		if (at(c, i, seps[k]))
			return strlen(seps[k]);
	return 0;
}

/* Adds the names of [S, E) as PART: "Tapily, Mamadou, Peter Walker and Charlie
 * English". BIBLIOGRAPHIC: the block ended with a period, so its first name, if it has
 * a comma, is "Family, Given". Returns false, adding nothing, when the block is no list
 * of names. */
static bool
add_names(struct cur *c, enum np_part part, size_t s, size_t e, bool bibliographic,
          bool full)
{
	size_t i, start = s, n, comma = 0, first = c->item->nspans;
	bool inverted_pending = bibliographic;

	s = skip_space(c, s, e);
	e = trim_back(c, s, e, ".,:");
	if (s >= e)
		return false;
	/* "et al." ends a list; it stays text. */
	for (i = s; i + 6 <= e; i++)
		if (at(c, i, " et al")) {
			e = trim_back(c, s, i, ",");
			break;
		}
	if (!name_like(c, s, e, 12))
		return false;
	for (i = start = s; i <= e; i++) {
		n = i < e ? name_sep_at(c, i) : 0;
		if (i < e && n == 0)
			continue;
		if (inverted_pending && n == 2 && c->t[i] == ',' && comma == 0 &&
		    name_like(c, start, i, 3)) {
			/* "Boukhars, Anouar": the comma is inside the first name. */
			comma = i;
			i += 1;
			continue;
		}
		if (i == e || n > 0) {
			size_t name_end = i;

			if (comma != 0 && !name_like(c, comma + 1, name_end, 4))
				comma = 0;
			add_name(c, part, start, name_end, comma, full);
			inverted_pending = false;
			comma = 0;
			if (i == e)
				break;
			i += n - 1;
			start = i + 1;
		}
	}
	if (c->item->nspans == first)
		return false;
	return true;
}

/* ---- The parts after the title ---- */

static size_t numbered_at(const struct cur *c, size_t i, size_t e, enum np_part *part,
                          size_t *ns, size_t *ne);


/* A labelled number at I: "No. 19", "no. 3", "vol. 12", "Nº 5", "núm. 4"; sets *PART
 * and the number's span [*NS, *NE); returns the length, or 0. */
static size_t
numbered_at(const struct cur *c, size_t i, size_t e, enum np_part *part, size_t *ns,
            size_t *ne)
{
	static const struct {
		const char *label;
		enum np_part part;
	} labels[] = {
		{"No.", NP_NUMBER}, {"no.", NP_NUMBER}, {"Nº", NP_NUMBER}, {"n.º", NP_NUMBER},
		{"núm.", NP_NUMBER}, {"Num.", NP_NUMBER}, {"Number", NP_NUMBER},
		{"vol.", NP_VOLUME}, {"Vol.", NP_VOLUME}, {"Volume", NP_VOLUME},
		{"issue", NP_ISSUE}, {"Issue", NP_ISSUE},
	};
	size_t k, j, n;

	for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
		if (!at(c, i, labels[k].label) ||
		    (i > 0 && isalnum((unsigned char)c->t[i - 1])))
			continue;
		j = skip_space(c, i + strlen(labels[k].label), e);
		n = digits_at(c, j, e);
		if (n == 0)   /* "vol. II" */
			while (j + n < e && strchr("IVXLC", c->t[j + n]) != NULL)
				n++;
		if (n == 0) { /* "no. suppl_2": a token with a digit in it */
			size_t k2 = 0;
			bool digit = false;

			while (j + k2 < e && (isalnum((unsigned char)c->t[j + k2]) || c->t[j + k2] == '_'))
				digit |= isdigit((unsigned char)c->t[j + k2++]) != 0;
			n = digit ? k2 : 0;
		}
		if (n == 0)
			continue;
		while (j + n < e && (isalnum((unsigned char)c->t[j + n]) || c->t[j + n] == '/' ||
		                     c->t[j + n] == '-'))
			n++;
		*part = labels[k].part;
		*ns = j;
		*ne = j + n;
		return j + n - i;
	}
	return 0;
}

/* A URL at I: its length (trailing punctuation left out), or 0. */
static size_t
url_at(const struct cur *c, size_t i, size_t e)
{
	size_t j = i;

	if (!at(c, i, "http://") && !at(c, i, "https://") && !at(c, i, "www."))
		return 0;
	while (j < e && !(space_at(c, j) > 0))
		j++;
	while (j > i && strchr(".,;:)]\u201d\"", c->t[j - 1]) != NULL)
		j--;
	return j - i;
}

/* The end of the text chunk that starts at I: at a top-level ", ", ". ", ": ", "(",
 * a URL or E. Abbreviations and initials ("No.", "M.") do not end it. */
static size_t
chunk_end(const struct cur *c, size_t i, size_t e)
{
	size_t j = i, n;

	while (j < e) {
		enum np_part part;
		size_t ns, ne;

		if (c->t[j] == '(' || quote_open_at(c, j) >= 0 || url_at(c, j, e) > 0)
			return j;
		if (j > i && space_at(c, j - 1) == 1 && numbered_at(c, j, e, &part, &ns, &ne) > 0)
			return j;
		if ((c->t[j] == ',' || c->t[j] == ';') && (j + 1 == e || (space_at(c, j + 1) > 0)))
			return j;
		if (c->t[j] == ':' && (j + 1 == e || (space_at(c, j + 1) > 0)))
			return j;
		if (c->t[j] == '.' && (j + 1 == e || (space_at(c, j + 1) > 0))) {
			/* An abbreviation or an initial keeps its period. */
			size_t w = j;

			while (w > i && !(space_at(c, w - 1) > 0))
				w--;
			n = j - w;
			if (n <= 2 || (n <= 4 && !IN(c->t + w, n, months) &&
			               (isupper((unsigned char)c->t[w]) == 0 || n <= 2)))
				if (n <= 2 || word_at(c, w, "eds") || word_at(c, w, "vol") ||
				    word_at(c, w, "no") || word_at(c, w, "ed") || word_at(c, w, "trans"))
					{ j++; continue; }
			return j;
		}
		j++;
	}
	return e;
}

/* Does a thesis's or paper's kind start at I: "PhD diss.", "MA thesis"? */
static bool
genre_at(const struct cur *c, size_t i)
{
	return word_at(c, i, "PhD") || word_at(c, i, "Ph.D.") || word_at(c, i, "MA") ||
	       word_at(c, i, "master") || word_at(c, i, "tesis") || word_at(c, i, "thesis") ||
	       word_at(c, i, "diss.") || word_at(c, i, "working paper");
}

/* A date right after the title, before a parenthesis with the publication's date, is
 * the title's: "Journals of the Continental Congress, 1774-1789 (Washington,
 * 1904-1937)". The title grows over it and the date is free for the parenthesis. */
static void
title_takes_date(struct cur *c)
{
	struct np_item *it = c->item;
	size_t k, t;

	for (k = 0; k < it->nspans && it->spans[k].part != NP_DATE; k++)
		;
	for (t = 0; t < it->nspans && it->spans[t].part != NP_TITLE; t++)
		;
	if (k == it->nspans || t == it->nspans || it->spans[k].start < it->spans[t].end ||
	    skip_space(c, it->spans[t].end + (c->t[it->spans[t].end] == ','),
	               it->spans[k].start) != it->spans[k].start)
		return;
	it->spans[t].end = it->spans[k].end;
	it->spans[k] = it->spans[--it->nspans];
}

/* Reads "(Place: Publisher, 2015)", "(August 2013)", "(PhD diss., University,
 * 2010)" between S and E (the parentheses left out). */
static void
read_parenthesis(struct cur *c, size_t s, size_t e)
{
	size_t i = s, colon = 0, j, n;

	/* A date anywhere: the last one. */
	for (j = s; j < e; j++) {
		if (j > s && isalnum((unsigned char)c->t[j - 1]))
			continue;
		if ((n = date_at(c, j, e)) > 0) {
			title_takes_date(c);
			if (!has_part(c, NP_DATE))
				add_span(c, NP_DATE, j, j + n);
			e = trim_back(c, s, j, ",");
			break;
		}
	}
	if (s >= e)
		return;
	for (j = s; j < e; j++)
		if (c->t[j] == ':' && j + 1 < e && (space_at(c, j + 1) > 0)) {
			colon = j;
			break;
		}
	s = skip_space(c, s, e);
	if (colon > s) {
		add_span(c, NP_PLACE, s, trim_back(c, s, colon, ""));
		i = colon + 1;
	} else if (!genre_at(c, s)) {
		/* No colon: "(Boston, 1850)", "(York, Pa., 1948)" name a place; "(Penguin,
		 * 2010)" a publisher; "(London, Penguin, 2010)" both. */
		size_t last = s;

		for (j = s; j < e; j++)
			if (c->t[j] == ',' && j + 1 < e && space_at(c, j + 1) > 0)
				last = skip_space(c, j + 1, e);
		if (!org_like(c, last, e)) {
			add_span(c, NP_PLACE, s, trim_back(c, s, e, ","));
			return;
		}
		if (last > s)
			add_span(c, NP_PLACE, s, trim_back(c, s, last, ","));
		add_span(c, NP_PUBLISHER, last, trim_back(c, last, e, ".,"));
		return;
	}
	while ((i = skip_space(c, i, e)) < e) {
		for (j = i; j < e; j++)
			if (c->t[j] == ',' && j + 1 < e && space_at(c, j + 1) > 0)
				break;
		n = trim_back(c, i, j, ".");
		if (genre_at(c, i))
			add_span(c, NP_GENRE, i, j);
		else if (!has_part(c, NP_PUBLISHER))
			add_span(c, NP_PUBLISHER, i, n);
		i = j < e ? j + 1 : e;
	}
}

/* What the parts after the title have found so far: where the next text chunk goes. */
struct tail {
	bool in;          /* "in" came before: the next chunk is a book */
	bool editors;     /* "ed."/"edited by" came before: names follow */
	int texts;        /* text chunks taken */
	size_t last_sep;  /* the separator before the current position */
};

/* A text chunk [S, E) of the tail: the container (journal, newspaper, series, book,
 * site) or the publisher. */
static void
read_text_chunk(struct cur *c, struct tail *t, size_t s, size_t e)
{
	struct np_span *sp;
	size_t k, vol = 0, ns, ne, i;
	enum np_part part;
	bool series, numbered;

	if (t->editors) {
		if (!add_names(c, NP_EDITOR, s, e, false, true))
			doubt(c, "could not read the editors' names");
		t->editors = false;
		return;
	}
	if (t->texts >= 2 || (t->texts >= 1 && has_part(c, NP_CONTAINER) &&
	                      has_part(c, NP_PUBLISHER))) {
		doubt(c, "could not place a part of the reference after the title");
		return;
	}
	t->texts++;
	/* "Journal of X 12": a volume after the name. */
	for (k = e; k > s && isdigit((unsigned char)c->t[k - 1]); k--)
		;
	if (k < e && k > s && c->t[k - 1] == ' ' && !year_at(c, k, e))
		vol = k, e = trim_back(c, s, k, "");
	/* A series shows a number after its name. */
	for (i = e; i < c->len && (c->t[i] == ',' || space_at(c, i) > 0);)
		i += c->t[i] == ',' ? 1 : space_at(c, i);
	numbered = numbered_at(c, i, c->len, &part, &ns, &ne) > 0;
	series = vol == 0 && numbered && part == NP_NUMBER;
	/* A name followed by a number ("vol. 60", "No. 19") is a journal's or a series'. */
	if (!t->in && !numbered && !has_part(c, NP_CONTAINER) && vol == 0 && org_like(c, s, e) &&
	    !has_part(c, NP_PUBLISHER)) {
		add_span(c, NP_PUBLISHER, s, e);
		return;
	}
	if (has_part(c, NP_CONTAINER)) {
		if (!has_part(c, NP_PUBLISHER))
			add_span(c, NP_PUBLISHER, s, e);
		return;
	}
	sp = add_span(c, NP_CONTAINER, s, e);
	sp->kind = t->in ? CONTAINER_BOOK : series ? CONTAINER_SERIES : CONTAINER_JOURNAL;
	t->in = false;
	if (vol != 0)
		add_span(c, NP_VOLUME, vol, vol + digits_at(c, vol, c->len));
}

/* Does a URL or DOI come next after I, past separators: the end of a reference
 * after its pages? */
static bool
link_follows(const struct cur *c, size_t i, size_t e)
{
	while (i < e && (strchr(",.;", c->t[i]) != NULL || space_at(c, i) > 0))
		i += space_at(c, i) > 0 ? space_at(c, i) : 1;
	return url_at(c, i, e) > 0 || word_at(c, i, "doi:");
}

static size_t read_hereafter(struct cur *c, size_t s, size_t e);

/* Does the reference end at I: the note's end, a sentence's end, or only its URL or
 * DOI still to come? Pages there are the locator; elsewhere a number is a volume. */
static bool
ends_reference(const struct cur *c, size_t i, size_t e)
{
	i = skip_space(c, i, e);
	if (i >= e || c->t[i] == ';' || link_follows(c, i, e))
		return true;
	return c->t[i] == '.' && (i + 1 >= e || space_at(c, i + 1) > 0);
}

/* Reads the parts of a full reference after its title, from S to E: container,
 * editors, volume, number, publication details, date, URL, DOI and the locator.
 * Returns where the citation ends (text after it is commentary). */
static size_t
read_tail(struct cur *c, size_t s, size_t e)
{
	struct tail t = {false, false, 0, 0};
	size_t i = s, n, ns, ne, end = s;
	enum np_part part;

	while ((i = skip_space(c, i, e)) < e) {
		unsigned char ch = (unsigned char)c->t[i];

		if (strchr(",.:;", ch) != NULL || at(c, i, "\u201d") || at(c, i, "\u00bb")) {
			t.last_sep = i;
			i += ch < 0x80 ? 1 : (ch == 0xe2 ? 3 : 2);
			continue;
		}
		end = i;
		if (ch == '(' && word_at(c, i + 1, "hereafter")) {
			i = end = read_hereafter(c, i, e);
			continue;
		}
		if (ch == '(') {
			n = group_end(c, i, e);
			read_parenthesis(c, i + 1, n > i + 1 && c->t[n - 1] == ')' ? n - 1 : n);
			i = end = n;
			continue;
		}
		if ((n = url_at(c, i, e)) > 0) {
			if (at(c, i, "https://doi.org/") || at(c, i, "http://dx.doi.org/"))
				add_span(c, has_part(c, NP_DOI) ? NP_URL : NP_DOI, i, i + n);
			else
				add_span(c, NP_URL, i, i + n);
			i = end = i + n;
			continue;
		}
		if (word_at(c, i, "doi:") || word_at(c, i, "DOI:") || word_at(c, i, "doi ")) {
			size_t j = skip_space(c, i + 4, e), k = j;

			while (k < e && !(space_at(c, k) > 0))
				k++;
			k = trim_back(c, j, k, ".,;");
			if (k > j)
				add_span(c, NP_DOI, j, k);
			i = end = k > j ? k : i + 4;
			continue;
		}
		if (word_at(c, i, "accessed") || word_at(c, i, "retrieved") ||
		    word_at(c, i, "consultado") || word_at(c, i, "consulted") ||
		    word_at(c, i, "viewed")) {
			size_t j = skip_space(c, i + word_len(c, i, e), e);

			if (word_at(c, j, "on") || word_at(c, j, "el"))
				j = skip_space(c, j + 2, e);
			if ((n = date_at(c, j, e)) > 0) {
				add_span(c, NP_ACCESSED, j, j + n);
				i = end = j + n;
				continue;
			}
		}
		if (word_at(c, i, "last modified") || word_at(c, i, "published") ||
		    word_at(c, i, "updated") || word_at(c, i, "posted")) {
			size_t j = skip_space(c, i + word_len(c, i, e), e);

			if (word_at(c, j, "modified"))
				j = skip_space(c, j + 8, e);
			if (word_at(c, j, "on"))
				j = skip_space(c, j + 2, e);
			if ((n = date_at(c, j, e)) > 0) {
				if (!has_part(c, NP_DATE))
					add_span(c, NP_DATE, j, j + n);
				i = end = j + n;
				continue;
			}
		}
		if (word_at(c, i, "in") && i + 3 < e) {
			t.in = true;
			i += 2;
			continue;
		}
		if (word_at(c, i, "ed.") || word_at(c, i, "eds.") || word_at(c, i, "edited by") ||
		    word_at(c, i, "ed. by") || word_at(c, i, "(ed.)") || word_at(c, i, "coord.")) {
			t.editors = true;
			i += word_len(c, i, e);
			if (word_at(c, i, " by"))
				i += 3;
			continue;
		}
		if ((n = numbered_at(c, i, e, &part, &ns, &ne)) > 0) {
			if (part == NP_NUMBER && has_part(c, NP_VOLUME))
				part = NP_ISSUE;
			add_span(c, part, ns, ne);
			i = end = i + n;
			continue;
		}
		if ((n = date_at(c, i, e)) > 0 && !has_part(c, NP_DATE)) {
			add_span(c, NP_DATE, i, i + n);
			i = end = i + n;
			continue;
		}
		if ((n = locator_at_end(c, i, e)) > 0 ||
		    ((n = pages_at(c, i, e)) > 0 && !year_at(c, i, e) &&
		     (labelled(c, i) || ends_reference(c, i + n, e)))) {
			i = end = add_span_locator(c, i, n);
			if (!link_follows(c, i, e))
				break;
			continue;
		}
		if ((n = digits_at(c, i, e)) > 0 && !year_at(c, i, e) && !has_part(c, NP_VOLUME) &&
		    has_part(c, NP_CONTAINER)) {
			/* A number after the container, more to come: its volume. */
			add_span(c, NP_VOLUME, i, i + n);
			i = end = i + n;
			continue;
		}
		n = chunk_end(c, i, e);
		if (n == i)
			n = i + 1;
		read_text_chunk(c, &t, i, trim_back(c, i, n, ""));
		i = end = n;
	}
	if (t.editors)
		doubt(c, "\"ed.\" is followed by no names");
	/* The citation takes its closing period. */
	end = i;
	while (end < e && (c->t[end] == '.' || c->t[end] == ')'))
		end++;
	return end;
}

/* ---- One citation ---- */

/* Ibid. at S: the abbreviation and a locator. Returns where the citation ends. */
static size_t
read_ibid(struct cur *c, size_t s, size_t e)
{
	size_t i = s + 4, n;

	if (i < e && c->t[i] == '.')
		i++;
	add_span(c, NP_IBID, s, i);
	n = skip_space(c, i, e);
	if (n < e && (c->t[n] == ',' || c->t[n] == ':'))
		n = skip_space(c, n + 1, e);
	if (pages_at(c, n, e) > 0)
		i = add_span_locator(c, n, pages_at(c, n, e));
	while (i < e && c->t[i] == '.')
		i++;
	return i;
}

/* The first italic range that starts in [S, E), or NULL. */
static const struct np_range *
italic_in(const struct cur *c, size_t s, size_t e)
{
	size_t i;

	for (i = 0; i < c->nitalic; i++)
		if (c->italic[i].start >= s && c->italic[i].start < e &&
		    c->italic[i].end > c->italic[i].start)
			return &c->italic[i];
	return NULL;
}

/* The first top-level opening quotation mark in [S, E), or E. */
static size_t
first_quote(const struct cur *c, size_t s, size_t e)
{
	size_t i;

	for (i = s; i < e; i++) {
		if (c->t[i] == '(')
			i = group_end(c, i, e) - 1;
		else if (quote_open_at(c, i) >= 0)
			return i;
	}
	return e;
}

static void
remember_title(struct cur *c, size_t s, size_t e)
{
	char *key = key_of(c, s, e);
	size_t i;

	/* Every leading run of whole words: "the new era", "the new", "the". */
	for (i = strlen(key); i > 0; i--) {
		if (key[i] != '\0' && key[i] != ' ')
			continue;
		key[i] = '\0';
		xmlHashAddEntry(c->p->titles, (const xmlChar *)key, (void *)1);
	}
	free(key);
}

/* A title [S, E): trailing periods and commas stay outside it (a question mark or an
 * exclamation stays in). */
static void
add_title(struct cur *c, size_t s, size_t e)
{
	e = trim_back(c, s, e, ".,");
	if (s < e)
		add_span(c, NP_TITLE, s, e);
}

/* A reference with no author, its title first, [S, E): "Journals of the Continental
 * Congress, 1774-1789 (Washington, 1904-1937), VII, 274." It counts only when
 * publication details follow the title; else nothing is added. Returns its end, or S. */
static size_t
read_title_first(struct cur *c, size_t s, size_t e)
{
	size_t keep = c->item->nspans, t_end = chunk_end(c, s, e), n;

	if (t_end == s || !isupper((unsigned char)c->t[s]))
		return s;
	add_title(c, s, t_end);
	n = read_tail(c, t_end, e);
	if (!has_part(c, NP_DATE) && !has_part(c, NP_PUBLISHER) && !has_part(c, NP_PLACE)) {
		c->item->nspans = keep;
		return s;
	}
	remember_title(c, s, t_end);
	return n;
}

/* A citation whose title is marked (quoted or italic) at [TS, TE), the title's group
 * ending at GE: names before it, the rest after. Returns where the citation ends. */
static size_t
read_marked(struct cur *c, size_t s, size_t e, size_t ts, size_t te, size_t ge)
{
	size_t before = trim_back(c, s, ts, "\u201c\u00ab\"\u201e");
	bool biblio;

	/* The author block: ends with "." in bibliography style, "," in notes style. */
	before = trim_back(c, s, before, " ");
	biblio = before > s && c->t[before - 1] == '.';
	if (before > s && !add_names(c, NP_AUTHOR, s, before, biblio, true)) {
		/* Maybe commentary then names: take the longest tail of it that is names. */
		size_t i;

		size_t after, end;

		for (i = s; i < before; i++)
			if ((space_at(c, i) > 0) && add_names(c, NP_AUTHOR, i + 1, before, biblio, true)) {
				c->item->start = i + 1;
				break;
			}
		/* No names: the quotation is the commentary's; a reference may follow it. */
		after = ge;
		while (after < e && (c->t[after] == ',' || space_at(c, after) > 0))
			after += c->t[after] == ',' ? 1 : space_at(c, after);
		if (i == before && (end = read_title_first(c, after, e)) > after) {
			c->item->start = after;
			return end;
		}
		if (i == before)
			doubt(c, "could not read the authors before the title");
	}
	add_title(c, ts, te);
	remember_title(c, ts, trim_back(c, ts, te, ".,"));
	return read_tail(c, ge, e);
}

/* A citation with no marked title, [S, E): "Boukhars: 11.", "Acton, Entanglement,
 * 51.", "James M. Acton, Is It a Nuke? (Washington, DC: Carnegie, 2017), 12.".
 * Returns where it ends, or S when it is no citation. */
static size_t
read_unmarked(struct cur *c, size_t s, size_t e)
{
	size_t a_end = chunk_end(c, s, e), i, t_end, n;
	enum np_part part = NP_AUTHOR;
	bool org;

	if (a_end == s)
		return s;
	/* The whole of it a short form: "Author: 12.", "Author, 12.", "Author, op. cit.,
	 * p. 22." ("op. cit." stays text: it says only "the work cited"). */
	i = skip_space(c, a_end + (a_end < e), e);
	if (word_at(c, i, "op. cit.") || word_at(c, i, "loc. cit.")) {
		i += word_at(c, i, "op. cit.") ? 8 : 9;
		while (i < e && (c->t[i] == ',' || space_at(c, i) > 0))
			i += c->t[i] == ',' ? 1 : space_at(c, i);
	}
	if ((n = locator_at_end(c, i, e)) > 0 || i >= e ||
	    ((n = pages_at(c, i, e)) > 0 && !year_at(c, i, e) && ends_reference(c, i + n, e))) {
		if (known_title(c, s, a_end) && known_name(c, s, a_end) < 0)
			add_title(c, s, a_end);
		else if (!add_names(c, NP_AUTHOR, s, a_end, false, false))
			return s;
		if (n > 0)
			i = add_span_locator(c, i, n);
		while (i < e && c->t[i] == '.')
			i++;
		return i;
	}
	org = org_like(c, s, a_end);
	/* Names are followed by a comma; a title may run straight into its publication
	 * details, or into a date: "Title (Place: Publisher, 1861)", "Title, 1774-1789". */
	if ((c->t[a_end] == '(' || date_at(c, i, e) > 0) && known_name(c, s, a_end) < 0)
		return read_title_first(c, s, e);
	if (!name_like(c, s, a_end, 8) && !org)
		return s;
	/* A title follows the names: up to a parenthesis, or the next chunk. */
	t_end = chunk_end(c, i, e);
	if (t_end < e && c->t[t_end] == ':' && !(t_end + 2 < e && pages_at(c, t_end + 2, e)))
		t_end = chunk_end(c, t_end + 1, e);   /* "Title: Subtitle" */
	if (t_end == i)
		return s;
	if (word_at(c, i, "ed.") || word_at(c, i, "eds.") || word_at(c, i, "comp.")) {
		/* Names then "ed.": the editors of a book cited whole. */
		part = NP_EDITOR;
		i = skip_space(c, i + word_len(c, i, e), e);
		if (i < e && c->t[i] == ',')
			i = skip_space(c, i + 1, e);
		t_end = chunk_end(c, i, e);
		if (t_end < e && c->t[t_end] == ':' && !(t_end + 2 < e && pages_at(c, t_end + 2, e)))
			t_end = chunk_end(c, t_end + 1, e);
		if (t_end == i)
			return s;
	}
	if (!add_names(c, part, s, a_end, false, false))
		return s;
	add_title(c, i, t_end);
	if (t_end < e && c->t[t_end] != '(' && !has_part(c, NP_LOCATOR)) {
		size_t after = skip_space(c, t_end + 1, e);
		size_t ce = chunk_end(c, after, e), k = skip_space(c, ce, e);
		enum np_part label;
		size_t ns, ne;

		if (after < e && locator_at_end(c, after, e) == 0 && date_at(c, after, e) == 0 &&
		    name_like(c, after, ce, 8) && !word_at(c, after, "in") &&
		    numbered_at(c, k, e, &label, &ns, &ne) == 0)
			doubt(c, "could not tell the title from the container");
	}
	/* Names then a title and details: a full reference whose names are given first. */
	n = read_tail(c, t_end, e);
	if (has_part(c, NP_CONTAINER) || has_part(c, NP_PUBLISHER) || has_part(c, NP_DATE)) {
		size_t k;

		for (k = 0; k < c->item->nspans; k++) {
			struct np_span *sp = &c->item->spans[k];

			if ((sp->part == NP_AUTHOR || sp->part == NP_EDITOR) && !sp->org &&
			    sp->given == sp->given_end)
				split_person(c, sp, sp->start, sp->end);
			if (sp->part == NP_AUTHOR || sp->part == NP_EDITOR)
				remember_name(c, sp->org ? sp->start : sp->family,
				              sp->org ? sp->end : sp->family_end, sp->org);
		}
		remember_title(c, i, t_end);
	}
	return n;
}

/* Words that introduce a citation inside commentary. */
static const char *const lead_ins[] = {
	"see also", "see, for example,", "see for example", "see e.g.", "see", "cf.",
	"quoted in", "cited in", "as cited in", "entitled", "véase", "ver", "voir",
};

/* Where the citation of [S, E) starts after commentary that leads into it; *AT is
 * where the lead-in starts (S when there is none). */
static size_t
after_lead_in(const struct cur *c, size_t s, size_t e, size_t *at)
{
	size_t limit = first_quote(c, s, e), i, k;

	*at = s;
	for (i = s; i < limit; i++)
		for (k = 0; k < sizeof(lead_ins) / sizeof(lead_ins[0]); k++)
			if (word_at(c, i, lead_ins[k]) &&
			    i + strlen(lead_ins[k]) < e && space_at(c, i + strlen(lead_ins[k])) > 0) {
				*at = i;
				return skip_space(c, i + strlen(lead_ins[k]), e);
			}
	return s;
}

/* "… a work by Robert Fortenbaugh entitled The Nine Capitols … (York, Pa., 1948)":
 * the title follows "entitled", the author the last "by" before it. Returns where the
 * citation ends, or S. */
static size_t
read_entitled(struct cur *c, size_t from, size_t lead, size_t s, size_t e)
{
	size_t by = 0, i, name_end = trim_back(c, from, lead, ","), end;

	for (i = from; i + 3 < lead; i++)
		if (word_at(c, i, "by") && space_at(c, i + 2) > 0)
			by = skip_space(c, i + 2, lead);
	end = read_title_first(c, s, e);
	if (end == s)
		return s;
	if (by > 0 && by < name_end &&
	    (name_like(c, by, name_end, 8) || org_like(c, by, name_end))) {
		add_names(c, NP_AUTHOR, by, name_end, false, true);
		c->item->start = by;
	}
	return end;
}

/* The short title a note declares after its reference at S: "[Hereafter cited as
 * Journals.]", "(hereafter Message, 1861)". Returns where the citation ends now. */
static size_t
read_hereafter(struct cur *c, size_t s, size_t e)
{
	size_t i = skip_space(c, s, e), close, t;
	char open;

	if (i >= e)
		return s;
	open = c->t[i] == '[' || c->t[i] == '(' ? c->t[i] : '\0';
	t = i + (open != '\0');
	if (!word_at(c, t, "hereafter"))
		return s;
	t = skip_space(c, t + 9, e);
	if (word_at(c, t, "cited as"))
		t = skip_space(c, t + 8, e);
	else if (word_at(c, t, "as"))
		t = skip_space(c, t + 2, e);
	for (close = t; close < e && c->t[close] != (open == '[' ? ']' : open == '(' ? ')' : '.');
	     close++)
		;
	if (trim_back(c, t, close, ".,") == t)
		return s;
	add_span(c, NP_SHORT, t, trim_back(c, t, close, ".,"));
	return close < e ? close + 1 : e;
}

/* Does another full reference start after a citation's end, past a sentence's
 * end: names, then a quoted title ("… fqv023. Sean G. Weidman and James O’Sullivan,
 * “The Limits…”")? */
static bool
another_follows(const struct cur *c, size_t s, size_t e)
{
	size_t q, before;

	s = skip_space(c, s, e);
	if (s >= e || !isupper((unsigned char)c->t[s]))
		return false;
	q = first_quote(c, s, e);
	before = trim_back(c, s, q, ",.");
	return q < e && before > s && name_like(c, s, before, 8);
}

/* Reads one piece of the note (between semicolons) [S, E) as a citation, or leaves it
 * commentary; and, when another reference follows it, that one too. */
static void
read_piece(struct cur *c, size_t s, size_t e)
{
	struct np_note *out = c->out;
	const struct np_range *it;
	size_t q, end, from, lead;

	s = skip_space(c, s, e);
	e = trim_back(c, s, e, "");
	if (s >= e)
		return;
	from = s;
	s = after_lead_in(c, s, e, &lead);
	if (word_at(c, s, "and") || word_at(c, s, "also"))
		s = skip_space(c, s + word_len(c, s, e), e);
	out->items = mem_realloc_array(out->items, out->nitems + 1, sizeof(*out->items));
	c->item = &out->items[out->nitems];
	memset(c->item, 0, sizeof(*c->item));
	c->item->start = s;
	if (word_at(c, s, "Ibid") || word_at(c, s, "Ibid.") || word_at(c, s, "ibid")) {
		end = read_ibid(c, s, e);
	} else if (lead < s && word_at(c, lead, "entitled")) {
		end = read_entitled(c, from, lead, s, e);
	} else {
		size_t a = s;

		if (word_at(c, s, "AA.VV.") || word_at(c, s, "VV.AA.") || word_at(c, s, "AA. VV.")) {
			a = s + (c->t[s + 3] == ' ' ? 7 : 6);
			add_span(c, NP_VARIOUS, s, a);
		}
		q = first_quote(c, a, e);
		it = italic_in(c, a, e);
		if (q < e && (it == NULL || it->start > q)) {
			int k = quote_open_at(c, q);
			size_t ge = group_end(c, q, e), close = ge, m = strlen(quotes[k].close);

			if (ge >= m && at(c, ge - m, quotes[k].close))
				close = ge - m;
			end = read_marked(c, a, e, q + strlen(quotes[k].open), close, ge);
		} else if (it != NULL) {
			end = read_marked(c, a, e, it->start, it->end, it->end);
		} else {
			end = read_unmarked(c, a, e);
		}
	}
	if (c->item->nspans == 0 || end <= c->item->start) {
		free(c->item->spans);
		return;
	}
	c->item->end = read_hereafter(c, end > e ? e : end, e);
	qsort(c->item->spans, c->item->nspans, sizeof(*c->item->spans), span_cmp);
	out->nitems++;
	if (another_follows(c, c->item->end, e))
		read_piece(c, c->item->end, e);
}

/* Does the note read as prose rather than references: a sentence of lower-case words
 * with no quotation, page or year? Such a note stays commentary. */
static bool
prose(const struct cur *c, size_t s, size_t e)
{
	size_t i, lower = 0, lead;

	if (first_quote(c, s, e) < e || italic_in(c, s, e) != NULL ||
	    after_lead_in(c, s, e, &lead) > s)
		return false;
	for (i = s; i < e; i++) {
		if (year_at(c, i, e) ||
		    (c->t[i] == ':' && i + 2 < e && isdigit((unsigned char)c->t[i + 2])))
			return false;
		if (i > s && c->t[i - 1] == ' ' && islower((unsigned char)c->t[i]) &&
		    word_len(c, i, e) > 3)
			lower++;
	}
	return lower >= 4;
}

void
noteparse_note(struct noteparse *p, const char *text, size_t len,
               const struct np_range *italic, size_t nitalic, struct np_note *out)
{
	struct cur c = {text, len, italic, nitalic, p, out, NULL};
	size_t i, start = 0;

	memset(out, 0, sizeof(*out));
	if (prose(&c, 0, len))
		return;
	/* Pieces: split at top-level semicolons. */
	for (i = 0; i <= len; i++) {
		if (i < len && (c.t[i] == '(' || quote_open_at(&c, i) >= 0)) {
			size_t g = group_end(&c, i, len);

			i = g > i ? g - 1 : i;
			continue;
		}
		if (i == len || c.t[i] == ';') {
			read_piece(&c, start, i);
			start = i + 1;
		}
	}
}
