/* csl_text.c - text-case over rich text (lowercase, uppercase, capitalize-first and
 * -all, sentence, title with English stop words), word state carried across leaves;
 * strip-periods. */
#include "csl_render.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unistr.h>

/* CSL 1.0.2's stop words (those of one word). */
static const char *const stop_words[] = {
	"a", "about", "afore", "after", "against", "along", "alongside", "amid", "amidst", "among",
	"amongst", "an", "and", "anenst", "apropos", "apud", "around", "as", "astride", "at",
	"athwart", "atop", "barring", "before", "behind", "below", "beneath", "beside",
	"besides", "between", "beyond", "but", "by", "circa", "de", "despite", "down",
	"during", "et", "except", "for", "forenenst", "from", "given", "in", "inside",
	"into", "lest", "like", "modulo", "near", "next", "nor", "notwithstanding", "of",
	"off", "on", "onto", "or", "out", "over", "per", "plus", "pro", "qua", "sans",
	"since", "so", "than", "the", "through", "thru", "throughout", "thruout", "till",
	"to", "toward", "towards", "under", "underneath", "until", "unto", "up", "upon",
	"versus", "vs.", "v.", "via", "vis-à-vis", "with", "within", "without", "yet",
	/* and name particles, which title case leaves alone too */
	"van", "von", NULL,
};

enum tcase { TC_LOWER, TC_UPPER, TC_CAP_FIRST, TC_CAP_ALL, TC_SENTENCE, TC_TITLE };

/* What carries from one leaf to the next. */
struct tstate {
	enum tcase mode;
	bool first_word;  /* no word seen yet */
	bool after_colon; /* the last word ended a clause: the next is capitalised */
	bool opens_compound; /* the word opens a hyphenated compound */
};

static char *
map(const char *s, size_t n, bool upper, size_t *len)
{
	uint8_t *r = upper ? u8_toupper((const uint8_t *)s, n, NULL, NULL, NULL, len)
	                   : u8_tolower((const uint8_t *)s, n, NULL, NULL, NULL, len);

	if (r == NULL)
		mem_exhausted();
	return (char *)r;
}

static bool
is_case(const char *s, size_t n, bool upper)
{
	size_t len;
	char *m = map(s, n, upper, &len);
	bool same = len == n && memcmp(m, s, n) == 0;

	free(m);
	return same;
}

/* Bytes of the UTF-8 character at S, within MAX (S need not be NUL-terminated). */
static size_t
char_len(const char *s, size_t max)
{
	size_t n = 1;

	while (n < max && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* Appends WORD (N bytes) with its first character upper-cased. */
static void
capitalise(const char *w, size_t n, struct buf *out)
{
	size_t c = char_len(w, n), len;
	char *m = map(w, c, true, &len);

	buf_append(out, m, len);
	buf_append(out, w + c, n - c);
	free(m);
}

static bool
is_stop_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; stop_words[i] != NULL; i++)
		if (strlen(stop_words[i]) == n && memcmp(stop_words[i], w, n) == 0)
			return true;
	return false;
}

/* Title case: lower-case words capitalised but for stop words inside the title;
 * words with capitals of their own ("UK", "iPhone") stay. */
static void
title_word(struct tstate *st, const char *w, size_t n, bool last, struct buf *out)
{
	if (!is_case(w, n, false) || (is_stop_word(w, n) && !st->first_word &&
	                              !st->after_colon && !st->opens_compound && !last))
		buf_append(out, w, n);
	else
		capitalise(w, n, out);
}

static void
case_word(struct tstate *st, const char *w, size_t n, bool last, struct buf *out)
{
	char *m;
	size_t len;

	switch (st->mode) {
	case TC_LOWER:
	case TC_UPPER:
		m = map(w, n, st->mode == TC_UPPER, &len);
		buf_append(out, m, len);
		free(m);
		break;
	case TC_CAP_FIRST:
		if (st->first_word)
			capitalise(w, n, out);
		else
			buf_append(out, w, n);
		break;
	case TC_CAP_ALL:
		capitalise(w, n, out);
		break;
	case TC_SENTENCE:
		/* citeproc-js's reading: the first word capitalised, the rest lower case */
		m = map(w, n, false, &len);
		if (st->first_word)
			capitalise(m, len, out);
		else
			buf_append(out, m, len);
		free(m);
		break;
	case TC_TITLE:
		title_word(st, w, n, last, out);
		break;
	}
}

/* Bytes of the word separator at P (space, no-break space, hyphen, slash, en or em
 * dash), or 0. */
static size_t
separator(const char *p)
{
	if (*p == ' ' || *p == '-' || *p == '/')
		return 1;
	if (strncmp(p, "\xC2\xA0", 2) == 0)
		return 2;
	if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0)
		return 3;
	return 0;
}

static size_t
word_len(const char *p)
{
	size_t n = 0;

	while (p[n] && separator(p + n) == 0)
		n++;
	return n;
}

/* Recases leaf T word by word; LAST_LEAF: its last word ends the text. A word that
 * opens a hyphenated compound is never a stop word ("Pro-Environmental"). */
static void
case_leaf(struct tstate *st, struct rt *t, bool last_leaf)
{
	struct buf out = {0};
	const char *p = t->text;
	bool compound = false;

	while (*p) {
		size_t n = separator(p);

		if (n > 0) {
			compound = *p == '-';
			buf_append(&out, p, n);
			p += n;
			continue;
		}
		n = word_len(p);
		/* leading punctuation ("(Word", "“Word") belongs to the word's start */
		while (n > 0 && strchr("([\"'", *p) != NULL) {
			buf_append(&out, p, 1);
			p++;
			n--;
		}
		if (n > 0) {
			st->opens_compound = p[n] == '-' && !compound;
			case_word(st, p, n, last_leaf && p[n] == '\0', &out);
			st->first_word = false;
			st->after_colon = p[n - 1] == ':' || p[n - 1] == '?' || p[n - 1] == '!';
		}
		p += n;
	}
	free(t->text);
	t->text = out.data ? out.data : mem_strdup("");
}

/* The text leaves of T in order, each with whether text-case leaves it alone. */
struct leaves {
	struct rt **leaf;
	bool *nocase;
	size_t n, cap;
};

static void
collect(struct rt *t, bool nocase, struct leaves *l)
{
	size_t i;

	nocase |= t->fmt.nocase;
	if (t->text != NULL) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 16;
			l->leaf = mem_realloc_array(l->leaf, l->cap, sizeof(*l->leaf));
			l->nocase = mem_realloc_array(l->nocase, l->cap, sizeof(*l->nocase));
		}
		l->leaf[l->n] = t;
		l->nocase[l->n++] = nocase;
		return;
	}
	for (i = 0; i < t->n; i++)
		collect(t->kids[i], nocase, l);
}

bool
csl_text_english(const struct csl_item *item)
{
	const char *lang = csl_item_text(item, "language");

	return lang == NULL || strncmp(lang, "en", 2) == 0;
}

void
csl_text_case(struct rt *t, const char *text_case, const struct render *r)
{
	static const char *const names[] = {"lowercase", "uppercase", "capitalize-first",
	                                    "capitalize-all", "sentence", "title", NULL};
	struct tstate st = {TC_LOWER, true, false, false};
	struct leaves l = {NULL, NULL, 0, 0};
	size_t i;
	int m;

	for (m = 0; names[m] != NULL && strcmp(names[m], text_case) != 0; m++)
		;
	if (names[m] == NULL || (m == TC_TITLE && !csl_text_english(r->item)))
		return;
	st.mode = (enum tcase)m;
	collect(t, false, &l);
	for (i = 0; i < l.n; i++) {
		if (!l.nocase[i])
			case_leaf(&st, l.leaf[i], i + 1 == l.n);
		else if (*l.leaf[i]->text != '\0')
			st.first_word = st.after_colon = false; /* words left as they are */
	}
	free(l.leaf);
	free(l.nocase);
}

void
csl_text_strip_periods(struct rt *t)
{
	size_t i, j;

	if (t->text != NULL) {
		for (i = j = 0; t->text[i]; i++)
			if (t->text[i] != '.')
				t->text[j++] = t->text[i];
		t->text[j] = '\0';
	}
	for (i = 0; i < t->n; i++)
		csl_text_strip_periods(t->kids[i]);
}
