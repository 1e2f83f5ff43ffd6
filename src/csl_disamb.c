/* csl_disamb.c - each step works on one set of alike cites at a time, all of them
 * together (as citeproc-js does), and keeps a change only where it tells more apart:
 * names added (measured with given names in full when those may be added too), then
 * given names name by name, then the disambiguate condition, then year suffixes. */
#include "csl_disamb.h"

#include <stdlib.h>
#include <string.h>

/* More names than this are never added (the cost is a render per step and item). */
#define MAX_ADD_NAMES 50

/* Given names are tried at most this many names past the last that changed. */
#define GIVEN_MISSES 3

struct pass {
	struct csl_disamb *dis;
	char **text;
	size_t n;
	csl_disamb_fn *fn;
	void *ctx;
};

/* Do the cites of texts A and B read alike in any of their forms (FORMS 2), or in
 * the first (FORMS 1)? */
static bool
alike(const char *a, const char *b, int forms)
{
	int f;

	for (f = 0; f < forms && a != NULL && b != NULL; f++) {
		size_t na = strcspn(a, CSL_DISAMB_SEPARATOR), nb = strcspn(b, CSL_DISAMB_SEPARATOR);

		if (na == nb && memcmp(a, b, na) == 0)
			return true;
		a = a[na] ? a + na + 1 : NULL;
		b = b[nb] ? b + nb + 1 : NULL;
	}
	return false;
}

static bool
ambiguous(const struct pass *p, size_t i)
{
	size_t j;

	for (j = 0; j < p->n; j++)
		if (j != i && alike(p->text[i], p->text[j], 2))
			return true;
	return false;
}

/* Renders item I again; returns whether its text changed. */
static bool
rerender(struct pass *p, size_t i)
{
	char *before = p->text[i];
	bool changed;

	p->text[i] = p->fn(p->ctx, i, &p->dis[i]);
	changed = strcmp(before, p->text[i]) != 0;
	free(before);
	return changed;
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

/* Sets every item of GROUP to show ADD more names (ADD < 0: as it is) and given
 * name NAME at LEVEL (NAME past the last: every one); renders them again and
 * returns whether any text changed. */
static bool
set_each(struct pass *p, const size_t *group, size_t n, int add, size_t name, int level)
{
	size_t i;
	bool changed = false;

	for (i = 0; i < n; i++) {
		struct csl_disamb *d = &p->dis[group[i]];

		if (add >= 0)
			d->add_names = add;
		if (name < CSL_DISAMB_NAMES)
			d->given[name] = (unsigned char)level;
		else
			memset(d->given, level, sizeof(d->given));
		changed |= rerender(p, group[i]);
	}
	return changed;
}

/* Is the I-th text of ROW (N texts) unlike every other? */
static bool
unique_in(char **row, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (j != i && alike(row[i], row[j], 2))
			return false;
	return true;
}

/* disambiguate-add-names: each item of GROUP shows the fewest added names at which
 * its cite differs from the others' with as many added (measured with given names
 * at GIVEN); one that never differs keeps the level that told most apart, or none. */
static void
add_names(struct pass *p, const size_t *group, size_t n, int given)
{
	char **rows[MAX_ADD_NAMES + 1];
	size_t best = distinct(p, group, n), i, k;
	int add, tried = 0, best_add = 0;

	for (add = 1; add <= MAX_ADD_NAMES; add++) {
		size_t now;

		if (!set_each(p, group, n, add, CSL_DISAMB_NAMES, given))
			break;
		rows[add] = mem_realloc_array(NULL, n, sizeof(char *));
		for (i = 0; i < n; i++)
			rows[add][i] = mem_strdup(p->text[group[i]]);
		tried = add;
		now = distinct(p, group, n);
		if (now > best) {
			best = now;
			best_add = add;
		}
		if (now == n)
			break;
	}
	for (i = 0; i < n; i++) {
		struct csl_disamb *d = &p->dis[group[i]];

		d->add_names = best_add;
		for (add = 1; add <= best_add; add++)
			if (unique_in(rows[add], n, i)) {
				d->add_names = add;
				break;
			}
		memset(d->given, 0, sizeof(d->given));
		rerender(p, group[i]);
	}
	for (add = 1; add <= tried; add++) {
		for (k = 0; k < n; k++)
			free(rows[add][k]);
		free(rows[add]);
	}
}

/* disambiguate-add-givenname: name by name, the least (initials, MAX_LEVEL in full)
 * that tells more apart; only the first name when PRIMARY. */
static void
add_givenname(struct pass *p, const size_t *group, size_t n, int max_level, bool primary)
{
	size_t name, misses = 0;

	for (name = 0; name < (primary ? 1 : CSL_DISAMB_NAMES) && misses < GIVEN_MISSES &&
	               distinct(p, group, n) < n; name++) {
		size_t best = distinct(p, group, n), now;
		int level, best_level = 0;
		bool changed = false;

		for (level = 1; level <= max_level; level++) {
			changed |= set_each(p, group, n, -1, name, level);
			now = distinct(p, group, n);
			if (now > best) {
				best = now;
				best_level = level;
			}
			if (best == n)
				break;
		}
		misses = changed ? 0 : misses + 1;
		if (best_level != level)
			set_each(p, group, n, -1, name, best_level);
	}
}

/* Runs STEP (1 names, 2 given names) over every set of cites that render alike. */
static void
each_group(struct pass *p, int step, const struct csl_node *citation)
{
	const char *rule = csl_attr(citation, "givenname-disambiguation-rule");
	size_t *group = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*group));
	bool *done = calloc(p->n ? p->n : 1, sizeof(*done));
	bool given = csl_attr_is(citation, "disambiguate-add-givenname", "true");
	size_t i, j, n;

	if (done == NULL)
		mem_exhausted();
	for (i = 0; i < p->n; i++) {
		if (done[i] || !ambiguous(p, i))
			continue;
		for (n = 0, j = i; j < p->n; j++)
			if (!done[j] && (j == i || alike(p->text[i], p->text[j], 2))) {
				group[n++] = j;
				done[j] = true;
			}
		if (step == 1)
			add_names(p, group, n, given ? 2 : 0);
		else
			add_givenname(p, group, n,
			              rule && strstr(rule, "with-initials") ? 1 : 2,
			              rule && strncmp(rule, "primary-name", 12) == 0);
	}
	free(done);
	free(group);
}

/* Year suffixes: each set of first cites still alike gets a, b, c... in ORDER. */
static void
year_suffixes(struct pass *p, const size_t *order)
{
	size_t a, b;

	for (a = 0; a < p->n; a++) {
		size_t i = order[a];
		int next = 1;

		if (p->dis[i].year_suffix != 0)
			continue;
		for (b = a + 1; b < p->n && !alike(p->text[i], p->text[order[b]], 1); b++)
			;
		if (b == p->n)
			continue;
		for (b = a; b < p->n; b++) {
			size_t j = order[b];

			if (p->dis[j].year_suffix == 0 && alike(p->text[i], p->text[j], 1))
				p->dis[j].year_suffix = next++;
		}
	}
}

/* Are A and B the same text, NULL being the same as NULL, spaces and periods aside
 * ("J.J." is "J. J.")? */
static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	for (;; a++, b++) {
		a += strspn(a, " .");
		b += strspn(b, " .");
		if (*a != *b)
			return false;
		if (*a == '\0')
			return true;
	}
}

/* The level name A needs beside B: 0 none, 1 initials, 2 in full. */
static int
level_beside(const struct csl_name *a, const struct csl_name *b)
{
	if (a->family == NULL || !same(a->family, b->family) ||
	    !same(a->non_dropping, b->non_dropping) || a->given == NULL ||
	    b->given == NULL || same(a->given, b->given))
		return 0;
	return a->given[0] != b->given[0] ? 1 : 2;
}

void
csl_disamb_names(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
                 const struct csl_var *const *names)
{
	const char *rule = csl_attr(citation, "givenname-disambiguation-rule");
	bool primary, initials;
	size_t i, j, k, m;

	if (!csl_attr_is(citation, "disambiguate-add-givenname", "true") || rule == NULL ||
	    strncmp(rule, "by-cite", 7) == 0)
		return;
	primary = strncmp(rule, "primary-name", 12) == 0;
	initials = strstr(rule, "with-initials") != NULL;
	for (i = 0; i < n; i++)
		for (j = 0; names[i] && j < names[i]->nnames && j < CSL_DISAMB_NAMES &&
		            (!primary || j == 0); j++)
			for (k = 0; k < n; k++)
				for (m = 0; k != i && names[k] && m < names[k]->nnames &&
				            (!primary || m == 0); m++) {
					int level = level_beside(&names[i]->names[j],
					                         &names[k]->names[m]);

					/* initials alike help nothing where only they may show */
					if (initials && level > 1)
						level = 0;
					if (level > dis[i].given[j])
						dis[i].given[j] = (unsigned char)level;
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
	if (csl_attr_is(citation, "disambiguate-add-names", "true"))
		each_group(&p, 1, citation);
	if (csl_attr_is(citation, "disambiguate-add-givenname", "true"))
		each_group(&p, 2, citation);
	/* Every cite still alike takes the disambiguate condition, together. */
	for (i = 0; i < n; i++)
		dis[i].condition = ambiguous(&p, i);
	for (i = 0; i < n; i++)
		if (dis[i].condition)
			rerender(&p, i);
	if (csl_attr_is(citation, "disambiguate-add-year-suffix", "true"))
		year_suffixes(&p, order);
	for (i = 0; i < n; i++)
		free(p.text[i]);
	free(p.text);
}
