/* csl_out.c - rich text to the test suite's HTML: the tree as a run of open, close and
 * text tokens, punctuation settled where pieces meet, then tags with flip-flop. */
#include "csl_rich.h"

#include <stdlib.h>
#include <string.h>

enum tok_kind { TOK_OPEN, TOK_CLOSE, TOK_TEXT };

struct tok {
	enum tok_kind kind;
	const struct rt_fmt *fmt; /* OPEN, CLOSE: the span's */
	struct buf text;          /* TEXT: a copy, edited in place */
};

struct toks {
	struct tok *t;
	size_t n, cap;
};

static struct tok *
push(struct toks *ts, enum tok_kind kind, const struct rt_fmt *fmt)
{
	struct tok *t;

	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 64;
		ts->t = mem_realloc_array(ts->t, ts->cap, sizeof(*ts->t));
	}
	t = &ts->t[ts->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->fmt = fmt;
	return t;
}

static void
tokenise(const struct rt *t, struct toks *ts)
{
	size_t i;

	if (t->text != NULL) {
		if (*t->text != '\0')
			buf_puts(&push(ts, TOK_TEXT, NULL)->text, t->text);
		return;
	}
	if (rt_empty(t))
		return;
	push(ts, TOK_OPEN, &t->fmt);
	for (i = 0; i < t->n; i++)
		tokenise(t->kids[i], ts);
	push(ts, TOK_CLOSE, &t->fmt);
}

/* The next text token after I, or NULL. */
static struct tok *
next_text(struct toks *ts, size_t i)
{
	for (i++; i < ts->n; i++)
		if (ts->t[i].kind == TOK_TEXT && ts->t[i].text.len > 0)
			return &ts->t[i];
	return NULL;
}

static void
drop_first(struct buf *b)
{
	memmove(b->data, b->data + 1, b->len);
	b->len--;
}

/* What happens where a piece ending in punctuation A meets one starting with B:
 * citeproc-js's table, row A and column B in the order of PUNCT. */
enum join { BOTH, DROP_B, DROP_A };

static const char punct[] = ":.;!?,";

static const enum join joins[6][6] = {
	/*           :       .       ;       !       ?       ,   */
	/* : */ {DROP_B, DROP_B, BOTH,   DROP_A, DROP_A, BOTH},
	/* . */ {BOTH,   DROP_B, BOTH,   BOTH,   BOTH,   BOTH},
	/* ; */ {DROP_B, DROP_B, DROP_B, DROP_A, DROP_A, BOTH},
	/* ! */ {DROP_B, DROP_B, BOTH,   DROP_B, BOTH,   BOTH},
	/* ? */ {DROP_B, DROP_B, BOTH,   BOTH,   DROP_B, BOTH},
	/* , */ {BOTH,   BOTH,   BOTH,   BOTH,   BOTH,   DROP_B},
};

static enum join
join_of(char a, char b)
{
	const char *x = a ? strchr(punct, a) : NULL, *y = b ? strchr(punct, b) : NULL;

	if (a == ' ' && b == ' ')
		return DROP_B;
	if (x == NULL || y == NULL)
		return BOTH;
	return joins[x - punct][y - punct];
}

/* Where pieces meet, doubled punctuation and spaces settle as citeproc-js's table
 * says: "ed." + ". " reads "ed. ", "Why?" + "." reads "Why?". */
static void
settle_joins(struct toks *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		struct tok *a = &ts->t[i], *b;

		if (a->kind != TOK_TEXT || a->text.len == 0 || (b = next_text(ts, i)) == NULL)
			continue;
		/* a no-break space takes the place of the space after it */
		if (a->text.len >= 2 && memcmp(a->text.data + a->text.len - 2, "\xC2\xA0", 2) == 0 &&
		    b->text.data[0] == ' ') {
			drop_first(&b->text);
			continue;
		}
		switch (join_of(a->text.data[a->text.len - 1], b->text.data[0])) {
		case DROP_B:
			drop_first(&b->text);
			break;
		case DROP_A:
			a->text.data[--a->text.len] = '\0';
			break;
		case BOTH:
			break;
		}
	}
}

/* Does a span of F change nothing (an element's affixes, a group)? */
static bool
plain(const struct rt_fmt *f)
{
	return !f->style && !f->variant && !f->weight && !f->decoration && !f->valign &&
	       !f->display && !f->quotes;
}

/* CSL's punctuation-in-quote: a period or comma (and, as citeproc-js, a question or
 * exclamation mark) right after a closing quote moves inside it, meeting the quoted
 * text's last mark by the table of joins. */
/* Moves the mark after the quote closed at token I inside it; returns whether one
 * moved. */
static bool
move_into_quote(struct toks *ts, size_t i)
{
	struct tok *b = next_text(ts, i), *a = NULL;
	size_t j;
	char c;

	if (b == NULL)
		return false;
	for (j = i + 1; ts->t[j].kind == TOK_CLOSE || (ts->t[j].kind == TOK_TEXT &&
	                ts->t[j].text.len == 0) ||
	                (ts->t[j].kind == TOK_OPEN && plain(ts->t[j].fmt)); j++)
		;
	c = b->text.data[0];
	if (&ts->t[j] != b || strchr(".,!?", c) == NULL)
		return false;
	for (j = i; j > 0 && a == NULL; j--)
		if (ts->t[j - 1].kind == TOK_TEXT && ts->t[j - 1].text.len > 0)
			a = &ts->t[j - 1];
	if (a == NULL)
		return false;
	drop_first(&b->text);
	switch (join_of(a->text.data[a->text.len - 1], c)) {
	case DROP_A:
		a->text.data[a->text.len - 1] = c;
		break;
	case BOTH:
		buf_append(&a->text, &c, 1);
		break;
	case DROP_B:
		break;
	}
	return true;
}

/* CSL's punctuation-in-quote: periods and commas (and, as citeproc-js, question and
 * exclamation marks) right after a closing quote move inside it, each meeting the
 * quoted text's last mark by the table of joins. */
static void
punctuation_in_quote(struct toks *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (ts->t[i].kind == TOK_CLOSE && ts->t[i].fmt->quotes)
			while (move_into_quote(ts, i))
				;
}

/* Superscript letters and digits of Unicode, written as <sup> (as citeproc-js does:
 * locales spell ordinals with them, "1ʳᵉ"). */
static const struct {
	const char *utf8, *plain;
} superscripts[] = {
	{"\xC2\xAA", "a"}, {"\xC2\xBA", "o"}, {"\xC2\xB2", "2"}, {"\xC2\xB3", "3"},
	{"\xC2\xB9", "1"}, {"\xCA\xB0", "h"}, {"\xCA\xB3", "r"}, {"\xCB\xA2", "s"},
	{"\xE1\xB5\x89", "e"}, {"\xE1\xB5\x88", "d"}, {"\xE1\xB5\x97", "t"},
	{"\xE2\x81\xBF", "n"}, {"\xE2\x81\xB0", "0"}, {"\xE2\x81\xB4", "4"},
	{"\xE2\x81\xB5", "5"}, {"\xE2\x81\xB6", "6"}, {"\xE2\x81\xB7", "7"},
	{"\xE2\x81\xB8", "8"}, {"\xE2\x81\xB9", "9"},
};

/* Writes the superscript character at S as <sup>; returns its bytes, or 0. */
static size_t
superscript(const char *s, size_t n, struct buf *out)
{
	size_t i, len;

	for (i = 0; i < sizeof(superscripts) / sizeof(superscripts[0]); i++) {
		len = strlen(superscripts[i].utf8);
		if (len <= n && memcmp(s, superscripts[i].utf8, len) == 0) {
			buf_printf(out, "<sup>%s</sup>", superscripts[i].plain);
			return len;
		}
	}
	return 0;
}

static void
escape(const char *s, size_t n, struct buf *out)
{
	size_t i, sup;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0xC2 && (sup = superscript(s + i, n - i, out)) > 0)
			i += sup - 1;
		else if (s[i] == '&')
			buf_puts(out, "&#38;");
		else if (s[i] == '<')
			buf_puts(out, "&#60;");
		else if (s[i] == '>')
			buf_puts(out, "&#62;");
		else if (s[i] == '\'')
			buf_puts(out, "\xE2\x80\x99");
		else
			buf_append(out, &s[i], 1);
	}
}

/* What is in force while writing: for flip-flop and nested quotes. */
struct state {
	unsigned char style, variant, weight;
	unsigned quotes;
};

static const char *const display_open[] = {
	NULL, "<div class=\"csl-block\">", "<div class=\"csl-left-margin\">",
	"<div class=\"csl-right-inline\">", "<div class=\"csl-indent\">",
};

/* The close tags of one span, in the order their open tags were written. */
struct closer {
	const char *tag[8];
	int n;
};

static void
tag(struct buf *out, struct closer *c, const char *open, const char *close)
{
	buf_puts(out, open);
	c->tag[c->n++] = close;
}

static void
open_style(const struct rt_fmt *f, struct state *s, struct buf *out, struct closer *c)
{
	if (f->style == RT_STYLE_ITALIC && s->style != RT_STYLE_ITALIC)
		tag(out, c, "<i>", "</i>");
	else if (f->style && f->style != RT_STYLE_OBLIQUE && s->style == RT_STYLE_ITALIC)
		tag(out, c, "<span style=\"font-style:normal;\">", "</span>");
	else if (f->style == RT_STYLE_OBLIQUE)
		tag(out, c, "<span style=\"font-style:oblique;\">", "</span>");
	if (f->style)
		s->style = f->style == RT_STYLE_ITALIC && s->style == RT_STYLE_ITALIC
		           ? RT_STYLE_NORMAL : f->style;
}

static void
open_variant(const struct rt_fmt *f, struct state *s, struct buf *out, struct closer *c)
{
	if (f->variant == RT_VARIANT_SMALL_CAPS && s->variant != RT_VARIANT_SMALL_CAPS)
		tag(out, c, "<span style=\"font-variant:small-caps;\">", "</span>");
	else if (f->variant && s->variant == RT_VARIANT_SMALL_CAPS)
		tag(out, c, "<span style=\"font-variant:normal;\">", "</span>");
	if (f->variant)
		s->variant = f->variant == RT_VARIANT_SMALL_CAPS &&
		             s->variant == RT_VARIANT_SMALL_CAPS ? RT_VARIANT_NORMAL : f->variant;
}

static void
open_weight(const struct rt_fmt *f, struct state *s, struct buf *out, struct closer *c)
{
	if (f->weight == RT_WEIGHT_BOLD && s->weight != RT_WEIGHT_BOLD)
		tag(out, c, "<b>", "</b>");
	else if (f->weight && f->weight != RT_WEIGHT_LIGHT && s->weight == RT_WEIGHT_BOLD)
		tag(out, c, "<span style=\"font-weight:normal;\">", "</span>");
	else if (f->weight == RT_WEIGHT_LIGHT)
		tag(out, c, "<span style=\"font-weight:light;\">", "</span>");
	if (f->weight)
		s->weight = f->weight == RT_WEIGHT_BOLD && s->weight == RT_WEIGHT_BOLD
		            ? RT_WEIGHT_NORMAL : f->weight;
}

/* Writes the open tags of F to OUT, records their close tags in C; updates S. */
static void
open_tags(const struct rt_fmt *f, struct state *s, const struct rt_quotes *q,
          struct buf *out, struct closer *c)
{
	c->n = 0;
	if (f->display)
		tag(out, c, display_open[f->display], "</div>");
	/* outermost first, as citeproc-js nests them: bold, italic, small caps */
	open_weight(f, s, out, c);
	open_style(f, s, out, c);
	open_variant(f, s, out, c);
	if (f->decoration == RT_DECORATION_UNDERLINE)
		tag(out, c, "<span style=\"text-decoration:underline;\">", "</span>");
	else if (f->decoration == RT_DECORATION_NONE)
		tag(out, c, "<span style=\"text-decoration:none;\">", "</span>");
	if (f->valign == RT_VALIGN_SUP)
		tag(out, c, "<sup>", "</sup>");
	else if (f->valign == RT_VALIGN_SUB)
		tag(out, c, "<sub>", "</sub>");
	else if (f->valign == RT_VALIGN_BASELINE)
		tag(out, c, "<span style=\"baseline\">", "</span>");
	if (f->quotes) {
		tag(out, c, s->quotes % 2 ? q->open_inner : q->open,
		    s->quotes % 2 ? q->close_inner : q->close);
		s->quotes++;
	}
}

/* Spans nested deeper than this are written without their own tags. */
#define MAX_NEST 256

static void
write_tokens(const struct toks *ts, const struct rt_quotes *q, struct buf *out)
{
	struct state stack[MAX_NEST], s = {0, 0, 0, 0};
	struct closer closes[MAX_NEST];
	size_t i, depth = 0;

	for (i = 0; i < ts->n; i++) {
		const struct tok *t = &ts->t[i];

		if (t->kind == TOK_TEXT) {
			escape(t->text.data, t->text.len, out);
		} else if (t->kind == TOK_OPEN) {
			if (depth < MAX_NEST) {
				stack[depth] = s;
				open_tags(t->fmt, &s, q, out, &closes[depth]);
			}
			depth++;
		} else if (depth-- <= MAX_NEST) {
			while (closes[depth].n > 0)
				buf_puts(out, closes[depth].tag[--closes[depth].n]);
			s = stack[depth];
		}
	}
}

void
csl_out_html(const struct rt *t, const struct rt_quotes *q, struct buf *out)
{
	struct toks ts = {NULL, 0, 0};
	size_t i;

	tokenise(t, &ts);
	settle_joins(&ts);
	if (q->punctuation_in_quote)
		punctuation_in_quote(&ts);
	write_tokens(&ts, q, out);
	for (i = 0; i < ts.n; i++)
		buf_free(&ts.t[i].text);
	free(ts.t);
	if (out->data == NULL)
		buf_puts(out, "");
}
