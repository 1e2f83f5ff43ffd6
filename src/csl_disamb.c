/* csl_disamb.c - each step tried only on the cites still ambiguous, and kept only
 * where it tells the cite apart. */
#include "csl_disamb.h"

#include <stdlib.h>
#include <string.h>

/* More names than this are never added (the cost is a render per step and item). */
#define MAX_ADD_NAMES 50

struct pass {
	struct csl_disamb *dis;
	char **text;
	size_t n;
	csl_disamb_fn *fn;
	void *ctx;
};

static bool
ambiguous(const struct pass *p, size_t i)
{
	size_t j;

	for (j = 0; j < p->n; j++)
		if (j != i && strcmp(p->text[i], p->text[j]) == 0)
			return true;
	return false;
}

static void
rerender(struct pass *p, size_t i)
{
	free(p->text[i]);
	p->text[i] = p->fn(p->ctx, i, &p->dis[i]);
}

/* Tries STATE for item I; keeps it if I is no longer ambiguous, else restores. */
static bool
try_state(struct pass *p, size_t i, const struct csl_disamb *state)
{
	struct csl_disamb old = p->dis[i];
	char *before = mem_strdup(p->text[i]);

	p->dis[i] = *state;
	rerender(p, i);
	if (!ambiguous(p, i)) {
		free(before);
		return true;
	}
	p->dis[i] = old;
	free(p->text[i]);
	p->text[i] = before;
	return false;
}

static void
add_names(struct pass *p, size_t i)
{
	struct csl_disamb s = p->dis[i];
	char *last = mem_strdup(p->text[i]);

	for (s.add_names = 1; s.add_names <= MAX_ADD_NAMES; s.add_names++) {
		char *t = p->fn(p->ctx, i, &s);
		bool same = strcmp(t, last) == 0;

		free(last);
		last = t;
		if (same)
			break;
		if (try_state(p, i, &s))
			break;
	}
	free(last);
}

static void
add_givenname(struct pass *p, size_t i)
{
	struct csl_disamb s = p->dis[i];

	for (s.givenname = 1; s.givenname <= 2; s.givenname++)
		if (try_state(p, i, &s))
			return;
}

static bool
opt(const struct csl_node *citation, const char *name)
{
	return csl_attr_is(citation, name, "true");
}

/* Year suffixes: each set of cites still alike gets a, b, c... in ORDER. */
static void
year_suffixes(struct pass *p, const size_t *order)
{
	size_t a, b;

	for (a = 0; a < p->n; a++) {
		size_t i = order[a];
		int next = 1;

		if (p->dis[i].year_suffix != 0 || !ambiguous(p, i))
			continue;
		for (b = a; b < p->n; b++) {
			size_t j = order[b];

			if (p->dis[j].year_suffix == 0 && strcmp(p->text[i], p->text[j]) == 0)
				p->dis[j].year_suffix = next++;
		}
	}
}

void
csl_disamb_run(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
               const size_t *order, csl_disamb_fn *fn, void *ctx)
{
	struct pass p = {dis, mem_realloc_array(NULL, n ? n : 1, sizeof(char *)), n, fn, ctx};
	size_t i;

	for (i = 0; i < n; i++)
		p.text[i] = fn(ctx, i, &dis[i]);
	if (opt(citation, "disambiguate-add-names"))
		for (i = 0; i < n; i++)
			if (ambiguous(&p, i))
				add_names(&p, i);
	if (opt(citation, "disambiguate-add-givenname"))
		for (i = 0; i < n; i++)
			if (ambiguous(&p, i))
				add_givenname(&p, i);
	/* Every cite still alike takes the disambiguate condition, together. */
	for (i = 0; i < n; i++)
		dis[i].condition = ambiguous(&p, i);
	for (i = 0; i < n; i++)
		if (dis[i].condition)
			rerender(&p, i);
	if (opt(citation, "disambiguate-add-year-suffix"))
		year_suffixes(&p, order);
	for (i = 0; i < n; i++)
		free(p.text[i]);
	free(p.text);
}
