/* csl_rich.c - the rich text tree: building, copying, reading it as plain text. */
#include "csl_rich.h"

#include <stdlib.h>
#include <string.h>

struct rt *
rt_text(const char *s, size_t n)
{
	struct rt *t = rt_span();

	t->text = mem_alloc(n + 1);
	memcpy(t->text, s, n);
	t->text[n] = '\0';
	return t;
}

struct rt *
rt_str(const char *s)
{
	return rt_text(s, strlen(s));
}

struct rt *
rt_span(void)
{
	struct rt *t = mem_alloc(sizeof(*t));

	memset(t, 0, sizeof(*t));
	return t;
}

void
rt_add(struct rt *span, struct rt *kid)
{
	if (kid == NULL)
		return;
	if (span->n == span->cap) {
		span->cap = span->cap ? 2 * span->cap : 4;
		span->kids = mem_realloc_array(span->kids, span->cap, sizeof(*span->kids));
	}
	span->kids[span->n++] = kid;
}

void
rt_free(struct rt *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		rt_free(t->kids[i]);
	free(t->kids);
	free(t->text);
	free(t);
}

bool
rt_empty(const struct rt *t)
{
	size_t i;

	if (t == NULL)
		return true;
	if (t->text != NULL)
		return *t->text == '\0';
	for (i = 0; i < t->n; i++)
		if (!rt_empty(t->kids[i]))
			return false;
	return true;
}

void
rt_plain(const struct rt *t, struct buf *out)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->text != NULL)
		buf_puts(out, t->text);
	for (i = 0; i < t->n; i++)
		rt_plain(t->kids[i], out);
}

struct rt *
rt_copy(const struct rt *t)
{
	struct rt *c = t->text ? rt_str(t->text) : rt_span();
	size_t i;

	c->fmt = t->fmt;
	c->term = t->term;
	for (i = 0; i < t->n; i++)
		rt_add(c, rt_copy(t->kids[i]));
	return c;
}

struct rt *
rt_first_leaf(struct rt *t)
{
	size_t i;

	if (t == NULL)
		return NULL;
	if (t->text != NULL)
		return *t->text ? t : NULL;
	for (i = 0; i < t->n; i++) {
		struct rt *l = rt_first_leaf(t->kids[i]);

		if (l != NULL)
			return l;
	}
	return NULL;
}

/* The inline tags of field markup, what each sets, and its closing tag. */
static const struct {
	const char *open, *close;
	struct rt_fmt fmt;
} tags[] = {
	{"<i>", "</i>", {.style = RT_STYLE_ITALIC}},
	{"<b>", "</b>", {.weight = RT_WEIGHT_BOLD}},
	{"<sup>", "</sup>", {.valign = RT_VALIGN_SUP, .nocase = true}},
	{"<sub>", "</sub>", {.valign = RT_VALIGN_SUB, .nocase = true}},
	{"<sc>", "</sc>", {.variant = RT_VARIANT_SMALL_CAPS, .nocase = true}},
	{"<span class=\"nocase\">", "</span>", {.nocase = true}},
	{"<span style=\"font-variant:small-caps;\">", "</span>",
	 {.variant = RT_VARIANT_SMALL_CAPS, .nocase = true}},
	{"<span class=\"nodecor\">", "</span>",
	 {.style = RT_STYLE_NORMAL, .weight = RT_WEIGHT_NORMAL,
	  .variant = RT_VARIANT_NORMAL}},
};

#define PARSE_DEPTH 32
#define QUOTE_TAG ((size_t)-1)   /* a level opened by a double quote */
#define SINGLE_TAG ((size_t)-2)  /* ... by a single quote */

struct parse {
	struct rt *stack[PARSE_DEPTH];
	size_t tag[PARSE_DEPTH]; /* which tag opened each level (QUOTE_TAG: quotes) */
	int depth;
	struct buf text;
};

static void
flush_text(struct parse *p)
{
	if (p->text.len > 0)
		rt_add(p->stack[p->depth], rt_text(p->text.data, p->text.len));
	p->text.len = 0;
}

static void
open_span(struct parse *p, size_t tag, const struct rt_fmt *fmt)
{
	struct rt *span = rt_span();

	flush_text(p);
	span->fmt = *fmt;
	rt_add(p->stack[p->depth], span);
	p->stack[++p->depth] = span;
	p->tag[p->depth] = tag;
}

/* Is the quote at S an opening one (at the start or after a space or bracket)? */
static bool
opens_quote(const char *start, const char *s)
{
	return s == start || strchr(" ([", s[-1]) != NULL;
}

static bool
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (unsigned char)c >= 0x80;
}

/* A single quote: opens a quotation at a word's start, closes the one open before a
 * word's end; any other is an apostrophe (0: text). */
static size_t
single_quote(struct parse *p, const char *start, const char *s)
{
	struct rt_fmt q = {.quotes = true};

	if (p->depth > 0 && p->tag[p->depth] == SINGLE_TAG && !is_word_char(s[1])) {
		flush_text(p);
		p->depth--;
		return 1;
	}
	if (opens_quote(start, s) && is_word_char(s[1]) && strchr(s + 1, '\'') != NULL &&
	    p->depth + 1 < PARSE_DEPTH) {
		open_span(p, SINGLE_TAG, &q);
		return 1;
	}
	return 0;
}

/* Reads one piece of markup at S; returns its length, or 0 when S is plain text. */
static size_t
markup(struct parse *p, const char *start, const char *s)
{
	size_t i, n;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i].open);
		if (strncmp(s, tags[i].open, n) == 0 && p->depth + 1 < PARSE_DEPTH) {
			open_span(p, i, &tags[i].fmt);
			return n;
		}
		n = strlen(tags[i].close);
		if (p->depth > 0 && p->tag[p->depth] < SINGLE_TAG &&
		    strncmp(tags[p->tag[p->depth]].close, tags[i].close, n) == 0 &&
		    strncmp(s, tags[i].close, n) == 0) {
			flush_text(p);
			p->depth--;
			return n;
		}
	}
	if (*s == '\'')
		return single_quote(p, start, s);
	n = strncmp(s, "\xE2\x80\x9C", 3) == 0 || strncmp(s, "\xE2\x80\x9D", 3) == 0 ? 3
	    : *s == '"' ? 1 : 0;
	if (n == 0)
		return 0;
	if (p->depth > 0 && p->tag[p->depth] == QUOTE_TAG && (n == 1 || s[2] == '\x9D')) {
		flush_text(p);
		p->depth--;
		return n;
	}
	if ((n == 3 && s[2] == '\x9C') || (n == 1 && opens_quote(start, s))) {
		struct rt_fmt q = {.quotes = true};

		if (p->depth + 1 < PARSE_DEPTH) {
			open_span(p, QUOTE_TAG, &q);
			return n;
		}
	}
	return 0;
}

struct rt *
rt_parse(const char *s)
{
	struct parse p;
	const char *start = s;

	memset(&p, 0, sizeof(p));
	p.stack[0] = rt_span();
	if (strpbrk(s, "<\"'\xE2") == NULL) {
		rt_free(p.stack[0]);
		return rt_str(s);
	}
	while (*s) {
		size_t n = markup(&p, start, s);

		if (n == 0) {
			buf_append(&p.text, s, 1);
			n = 1;
		}
		s += n;
	}
	flush_text(&p);
	buf_free(&p.text);
	return p.stack[0];
}
