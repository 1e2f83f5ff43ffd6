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

		if (na == nb && na > 0 && memcmp(a, b, na) == 0)
			return true; /* an empty form tells nothing */
		a = a[na] ? a + na + 1 : NULL;
		b = b[nb] ? b + nb + 1 : NULL;
	}
	return false;
}

/* Form F (0 first, 1 later) of text T: its start, and its length in *LEN. */
static const char *
form(const char *t, int f, size_t *len)
{
	for (; f > 0 && t[strcspn(t, CSL_DISAMB_SEPARATOR)] != '\0'; f--)
		t += strcspn(t, CSL_DISAMB_SEPARATOR) + 1;
	*len = f > 0 ? 0 : strcspn(t, CSL_DISAMB_SEPARATOR);
	return t;
}

static int
compare_forms(const struct pass *p, size_t a, size_t b, int f)
{
	size_t na, nb;
	const char *x = form(p->text[a], f, &na), *y = form(p->text[b], f, &nb);
	int c = memcmp(x, y, na < nb ? na : nb);

	return c != 0 ? c : na < nb ? -1 : na > nb;
}

/* Sorts IDX (N items) by their form F, stably, through TMP. */
static void
sort_by_form(const struct pass *p, size_t *idx, size_t *tmp, size_t n, int f)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sort_by_form(p, idx, tmp, mid, f);
	sort_by_form(p, idx + mid, tmp, n - mid, f);
	while (i < mid && j < n)
		tmp[k++] = compare_forms(p, idx[j], idx[i], f) < 0 ? idx[j++] : idx[i++];
	while (i < mid)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof(*idx));
}

static size_t
find_set(size_t *set, size_t i)
{
	while (set[i] != i)
		i = set[i] = set[set[i]];
	return i;
}

/* SET[i] names the set of items alike item i in their first form (FORMS 1) or in
 * either (FORMS 2), transitively; SIZE[s] counts set s. Sorting, not comparing every
 * pair, keeps this O(n log n) for a document of thousands of works. */
static void
alike_sets(const struct pass *p, int forms, size_t *set, size_t *size)
{
	size_t *idx = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*idx));
	size_t *tmp = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*tmp));
	size_t i;
	int f;

	for (i = 0; i < p->n; i++)
		set[i] = i;
	for (f = 0; f < forms; f++) {
		for (i = 0; i < p->n; i++)
			idx[i] = i;
		sort_by_form(p, idx, tmp, p->n, f);
		for (i = 1; i < p->n; i++) {
			size_t len;

			form(p->text[idx[i]], f, &len);
			if (len > 0 && compare_forms(p, idx[i - 1], idx[i], f) == 0)
				set[find_set(set, idx[i])] = find_set(set, idx[i - 1]);
		}
	}
	for (i = 0; i < p->n; i++)
		size[i] = 0;
	for (i = 0; i < p->n; i++)
		size[set[i] = find_set(set, i)]++;
	free(idx);
	free(tmp);
}

/* Is item I of GROUP (N items) alike another of them? */
static bool
ambiguous_in(const struct pass *p, const size_t *group, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (j != i && alike(p->text[group[i]], p->text[group[j]], 2))
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

/* How many of the items in GROUP are told apart from the group's others. */
static size_t
distinct(const struct pass *p, const size_t *group, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += !ambiguous_in(p, group, n, i);
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
	size_t *set = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*set));
	size_t *size = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*size));
	size_t *group = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*group));
	bool given = csl_attr_is(citation, "disambiguate-add-givenname", "true");
	size_t i, j, n;

	alike_sets(p, 2, set, size);
	for (i = 0; i < p->n; i++) {
		if (set[i] != i || size[i] < 2)
			continue;
		for (n = 0, j = i; j < p->n; j++)
			if (set[j] == i)
				group[n++] = j;
		if (step == 1)
			add_names(p, group, n, given ? 2 : 0);
		else
			add_givenname(p, group, n,
			              rule && strstr(rule, "with-initials") ? 1 : 2,
			              rule && strncmp(rule, "primary-name", 12) == 0);
	}
	free(group);
	free(size);
	free(set);
}

/* Year suffixes: each set of items whose first cites are still alike gets a, b,
 * c... in ORDER (the bibliography's). */
static void
year_suffixes(struct pass *p, const size_t *order)
{
	size_t *set = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*set));
	size_t *size = mem_realloc_array(NULL, p->n ? p->n : 1, sizeof(*size));
	int *next = calloc(p->n ? p->n : 1, sizeof(*next));
	size_t a;

	if (next == NULL)
		mem_exhausted();
	alike_sets(p, 1, set, size);
	for (a = 0; a < p->n; a++) {
		size_t i = order[a];

		if (size[set[i]] > 1)
			p->dis[i].year_suffix = ++next[set[i]];
	}
	free(next);
	free(size);
	free(set);
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

/* One name of one item, for csl_disamb_names. */
struct name_ref {
	const struct csl_name *name;
	size_t item, index;
};

static int
by_family(const void *a, const void *b)
{
	const struct csl_name *x = ((const struct name_ref *)a)->name;
	const struct csl_name *y = ((const struct name_ref *)b)->name;

	return strcmp(x->family, y->family);
}

void
csl_disamb_names(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
                 const struct csl_var *const *names)
{
	const char *rule = csl_attr(citation, "givenname-disambiguation-rule");
	struct name_ref *refs;
	size_t i, j, k, m, count = 0;
	bool primary, initials;

	if (!csl_attr_is(citation, "disambiguate-add-givenname", "true") || rule == NULL ||
	    strncmp(rule, "by-cite", 7) == 0)
		return;
	primary = strncmp(rule, "primary-name", 12) == 0;
	initials = strstr(rule, "with-initials") != NULL;
	for (i = 0; i < n; i++)
		count += names[i] ? names[i]->nnames : 0;
	refs = mem_realloc_array(NULL, count ? count : 1, sizeof(*refs));
	for (i = 0, count = 0; i < n; i++)
		for (j = 0; names[i] && j < names[i]->nnames && j < CSL_DISAMB_NAMES &&
		            (!primary || j == 0); j++)
			if (names[i]->names[j].family != NULL)
				refs[count++] = (struct name_ref){&names[i]->names[j], i, j};
	/* names sharing a family name sit together: compare only those */
	qsort(refs, count, sizeof(*refs), by_family);
	for (i = 0; i < count; i = k) {
		for (k = i + 1; k < count && by_family(&refs[i], &refs[k]) == 0; k++)
			;
		for (j = i; j < k; j++)
			for (m = i; m < k; m++) {
				int level = refs[m].item == refs[j].item ? 0
				            : level_beside(refs[j].name, refs[m].name);

				/* initials alike help nothing where only they may show */
				if (initials && level > 1)
					level = 0;
				if (level > dis[refs[j].item].given[refs[j].index])
					dis[refs[j].item].given[refs[j].index] = (unsigned char)level;
			}
	}
	free(refs);
}

void
csl_disamb_run(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
               const size_t *order, csl_disamb_fn *fn, void *ctx)
{
	struct pass p = {dis, mem_realloc_array(NULL, n ? n : 1, sizeof(char *)), n, fn, ctx};
	size_t i, *set, *size;

	for (i = 0; i < n; i++)
		p.text[i] = fn(ctx, i, &dis[i]);
	if (csl_attr_is(citation, "disambiguate-add-names", "true"))
		each_group(&p, 1, citation);
	if (csl_attr_is(citation, "disambiguate-add-givenname", "true"))
		each_group(&p, 2, citation);
	/* Every cite still alike takes the disambiguate condition, together. */
	set = mem_realloc_array(NULL, n ? n : 1, sizeof(*set));
	size = mem_realloc_array(NULL, n ? n : 1, sizeof(*size));
	alike_sets(&p, 2, set, size);
	for (i = 0; i < n; i++)
		if ((dis[i].condition = size[set[i]] > 1))
			rerender(&p, i);
	free(set);
	free(size);
	if (csl_attr_is(citation, "disambiguate-add-year-suffix", "true"))
		year_suffixes(&p, order);
	for (i = 0; i < n; i++)
		free(p.text[i]);
	free(p.text);
}
