/* csl_sort.h - cs:sort: each item's keys (variables and macros, names in sort order,
 * dates and numbers padded to compare as text) and a stable sort by them. */
#ifndef BRIEFC_CSL_SORT_H
#define BRIEFC_CSL_SORT_H

#include <stddef.h>

#include "csl_render.h"

/* How many keys cs:sort SORT has (NULL: none). */
size_t csl_sort_nkeys(const struct csl_node *sort);

/* The sort keys of R's item under cs:sort SORT: one string a key, csl_sort_nkeys of
 * them (NULL: empty, which sorts last), owned by the caller (csl_sort_keys_free). */
char **csl_sort_keys(struct render *r, const struct csl_node *sort);
void csl_sort_keys_free(char **keys, size_t nkeys);

/* Sorts IDX (N indexes into KEYS, each NKEYS long) by SORT's keys and directions,
 * stably: equal items keep their order. */
void csl_sort(size_t *idx, size_t n, char ***keys, size_t nkeys,
              const struct csl_node *sort);

#endif
