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
	for (i = 0; i < t->n; i++)
		rt_add(c, rt_copy(t->kids[i]));
	return c;
}

struct rt *
rt_last_leaf(struct rt *t)
{
	size_t i;

	if (t == NULL)
		return NULL;
	if (t->text != NULL)
		return *t->text ? t : NULL;
	for (i = t->n; i-- > 0;) {
		struct rt *l = rt_last_leaf(t->kids[i]);

		if (l != NULL)
			return l;
	}
	return NULL;
}
