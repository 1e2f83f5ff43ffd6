/* csl_cluster.c - grouping moves each cite with an author seen earlier in the cluster
 * up behind it; collapsing then shortens each group's later cites. */
#include "csl_cluster.h"

#include <stdlib.h>
#include <string.h>

#include "csl_render.h"

#define EN_DASH "\xE2\x80\x93"

enum collapse { COLLAPSE_NONE, COLLAPSE_NUMBER, COLLAPSE_YEAR, COLLAPSE_SUFFIX,
                COLLAPSE_SUFFIX_RANGED };

static enum collapse
collapse_of(const struct csl_node *citation)
{
	const char *v = csl_attr(citation, "collapse");

	if (v == NULL)
		return COLLAPSE_NONE;
	if (strcmp(v, "citation-number") == 0)
		return COLLAPSE_NUMBER;
	if (strcmp(v, "year") == 0)
		return COLLAPSE_YEAR;
	if (strcmp(v, "year-suffix") == 0)
		return COLLAPSE_SUFFIX;
	return strcmp(v, "year-suffix-ranged") == 0 ? COLLAPSE_SUFFIX_RANGED : COLLAPSE_NONE;
}

/* Are A and B by the same author? Cites with no author at all count as one only
 * where year suffixes collapse ("(1965a,b)"). */
static bool
same_author(const struct csl_piece *a, const struct csl_piece *b, enum collapse c)
{
	if (a->author == NULL && b->author == NULL)
		return c == COLLAPSE_SUFFIX || c == COLLAPSE_SUFFIX_RANGED;
	return a->author != NULL && b->author != NULL && strcmp(a->author, b->author) == 0;
}

/* Cite grouping: ORDER gets the pieces with each author's cites together, at the
 * place of its first. */
static void
group(const struct csl_piece *p, size_t n, enum collapse c, size_t *order)
{
	bool *placed = calloc(n ? n : 1, sizeof(*placed));
	size_t i, j, k = 0;

	if (placed == NULL)
		mem_exhausted();
	for (i = 0; i < n; i++) {
		if (placed[i])
			continue;
		order[k++] = i;
		placed[i] = true;
		for (j = i + 1; j < n; j++)
			if (!placed[j] && same_author(&p[i], &p[j], c)) {
				order[k++] = j;
				placed[j] = true;
			}
	}
	free(placed);
}

/* DELIM after a cite, without its leading punctuation when the cite's own suffix
 * ends in some ("is one source," then "Jones", not "source,; Jones"). */
static const char *
after_punct(const char *delim, bool ends_punct)
{
	if (delim != NULL && ends_punct)
		delim += strspn(delim, ",;:.");
	return delim;
}

static void
add_text(struct rt *out, const char *s)
{
	if (s != NULL && *s)
		rt_add(out, rt_str(s));
}

/* The letters of year suffix N. */
static struct rt *
suffix_text(int n)
{
	char letters[16];

	csl_render_year_suffix(n, letters, sizeof(letters));
	return rt_str(letters);
}

/* Citation numbers: runs of three or more consecutive plain cites become "A–C". */
static struct rt *
join_numbers(struct csl_piece *p, size_t n, const char *delim)
{
	struct rt *out = rt_span();
	size_t i = 0, j;

	while (i < n) {
		for (j = i; j + 1 < n && p[j].plain && p[j + 1].plain &&
		            p[j + 1].number == p[j].number + 1; j++)
			;
		if (i > 0)
			add_text(out, delim);
		if (j >= i + 2) {
			rt_add(out, p[i].full);
			rt_add(out, rt_str(EN_DASH));
			rt_add(out, p[j].full);
			p[i].full = p[j].full = NULL;
			i = j + 1; /* the cites between are left for the caller to free */
		} else {
			rt_add(out, p[i].full);
			p[i].full = NULL;
			i++;
		}
	}
	return out;
}

/* May piece B, after A of the same group, be written as its year suffix alone? */
static bool
suffix_only(const struct csl_piece *a, const struct csl_piece *b, enum collapse c)
{
	return (c == COLLAPSE_SUFFIX || c == COLLAPSE_SUFFIX_RANGED) && a->plain && b->plain &&
	       a->year != 0 && a->year == b->year && a->suffix > 0 && b->suffix > 0;
}

/* The year suffixes of pieces G[FROM..TO) after the first's full cite, each after
 * DELIM; ranged: runs of three or more consecutive letters as "c–e" (a run may start
 * with the full cite's own suffix). */
static void
join_suffixes(struct rt *out, const struct csl_piece *p, const size_t *g, size_t from,
              size_t to, bool ranged, const char *delim)
{
	size_t k = from - 1, e;

	while (k < to) {
		for (e = k; ranged && e + 1 < to && p[g[e + 1]].suffix == p[g[e]].suffix + 1; e++)
			;
		if (e >= k + 2) {
			if (k >= from) {
				add_text(out, delim);
				rt_add(out, suffix_text(p[g[k]].suffix));
			}
			rt_add(out, rt_str(EN_DASH));
			rt_add(out, suffix_text(p[g[e]].suffix));
			k = e + 1;
			continue;
		}
		if (k >= from) {
			add_text(out, delim);
			rt_add(out, suffix_text(p[g[k]].suffix));
		}
		k++;
	}
}

/* One group (pieces of one author, in order): the first in full, the rest without
 * the author (or as their year suffix alone). */
static void
join_group(struct rt *out, struct csl_piece *p, const size_t *g, size_t n,
           enum collapse c, const char *group_delim, const char *suffix_delim,
           const char *after_delim)
{
	size_t i = 0, j;
	bool suffixes = false;

	while (i < n) {
		struct csl_piece *a = &p[g[i]];

		/* after a year's collapsed suffixes, or a cite with a locator or affixes,
		 * comes the after-collapse delimiter */
		if (i > 0)
			add_text(out, suffixes || !p[g[i - 1]].plain ? after_delim : group_delim);
		rt_add(out, i == 0 || a->bare == NULL ? a->full : a->bare);
		if (i == 0 || a->bare == NULL)
			a->full = NULL;
		else
			a->bare = NULL;
		/* the cites after it that are its year's suffixes */
		for (j = i + 1; j < n && suffix_only(&p[g[j - 1]], &p[g[j]], c); j++)
			;
		join_suffixes(out, p, g, i + 1, j, c == COLLAPSE_SUFFIX_RANGED, suffix_delim);
		suffixes = j > i + 1;
		i = j;
	}
}

struct rt *
csl_cluster_join(const struct csl_node *citation, struct csl_piece *p, size_t n)
{
	const struct csl_node *layout = csl_child(citation, CSL_EL_LAYOUT);
	const char *delim = csl_attr(layout, "delimiter");
	const char *group_delim = csl_attr(citation, "cite-group-delimiter");
	const char *after = csl_attr(citation, "after-collapse-delimiter");
	const char *suffix_delim = csl_attr(citation, "year-suffix-delimiter");
	enum collapse c = collapse_of(citation);
	size_t *order = mem_realloc_array(NULL, n ? n : 1, sizeof(*order)), i, j;
	struct rt *out;

	if (c == COLLAPSE_NUMBER) {
		out = join_numbers(p, n, delim);
	} else {
		bool grouping = c != COLLAPSE_NONE || group_delim != NULL, collapsed = false;

		for (i = 0; i < n; i++)
			order[i] = i;
		if (grouping)
			group(p, n, c, order);
		out = rt_span();
		for (i = 0; i < n; i = j) {
			for (j = i + 1; grouping && j < n && same_author(&p[order[i]], &p[order[j]], c);
			     j++)
				;
			/* citeproc-js: after-collapse-delimiter follows every group where years
			 * collapse, only a collapsed one where year suffixes do */
			if (i > 0 && !p[order[i]].own_delimiter)
				add_text(out, after_punct(after && (c == COLLAPSE_YEAR || collapsed)
				                          ? after : delim, p[order[i - 1]].ends_punct));
			if (c == COLLAPSE_NONE) {
				size_t k;

				for (k = i; k < j; k++) {
					if (k > i)
						add_text(out, group_delim);
					rt_add(out, p[order[k]].full);
					p[order[k]].full = NULL;
				}
			} else {
				join_group(out, p, order + i, j - i, c,
				           group_delim ? group_delim : ", ",
				           suffix_delim ? suffix_delim : delim, after ? after : delim);
			}
			collapsed = j > i + 1;
		}
	}
	for (i = 0; i < n; i++) {
		rt_free(p[i].full);
		rt_free(p[i].bare);
		free(p[i].author);
	}
	free(order);
	return out;
}
