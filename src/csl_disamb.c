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

/* How many of the items in GROUP are told apart from every other item. */
static size_t
distinct(const struct pass *p, const size_t *group, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += !ambiguous(p, group[i]);
	return count;
}

/* Sets the step STEP (1 add-names, 2 givenname) to LEVEL on every item of GROUP
 * and renders them again; returns whether any text changed. */
static bool
set_level(struct pass *p, const size_t *group, size_t n, int step, int level)
{
	size_t i;
	bool changed = false;

	for (i = 0; i < n; i++) {
		struct csl_disamb *d = &p->dis[group[i]];
		char *before = p->text[group[i]];

		if (step == 1)
			d->add_names = level;
		else
			d->givenname = level;
		p->text[group[i]] = p->fn(p->ctx, group[i], d);
		changed |= strcmp(before, p->text[group[i]]) != 0;
		free(before);
	}
	return changed;
}

/* One step for one set of alike cites, all of them together (as citeproc-js does):
 * the lowest level that tells the most of them apart, or none if no level helps. */
static void
expand_group(struct pass *p, const size_t *group, size_t n, int step, int max)
{
	size_t best = distinct(p, group, n), now;
	int level, best_level = 0;

	for (level = 1; level <= max; level++) {
		if (!set_level(p, group, n, step, level))
			break;
		now = distinct(p, group, n);
		if (now > best) {
			best = now;
			best_level = level;
		}
		if (best == n)
			break;
	}
	if (level != best_level || level > max)
		set_level(p, group, n, step, best_level);
}

/* Runs STEP over every set of cites that render alike. */
static void
each_group(struct pass *p, int step, int max)
{
	size_t *group = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*group));
	bool *done = calloc(p->n ? p->n : 1, sizeof(*done));
	size_t i, j, n;

	if (done == NULL)
		mem_exhausted();
	for (i = 0; i < p->n; i++) {
		if (done[i] || !ambiguous(p, i))
			continue;
		for (n = 0, j = i; j < p->n; j++)
			if (!done[j] && strcmp(p->text[i], p->text[j]) == 0) {
				group[n++] = j;
				done[j] = true;
			}
		expand_group(p, group, n, step, max);
	}
	free(done);
	free(group);
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
		each_group(&p, 1, MAX_ADD_NAMES);
	if (opt(citation, "disambiguate-add-givenname"))
		each_group(&p, 2, 2);
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
