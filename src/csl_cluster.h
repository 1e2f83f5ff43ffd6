/* csl_cluster.h - a citation cluster from its rendered cites: cite grouping (same
 * author together), collapsing (year, year-suffix, year-suffix-ranged, citation-number
 * ranges) and the delimiters between them. */
#ifndef BRIEFC_CSL_CLUSTER_H
#define BRIEFC_CSL_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "csl_rich.h"
#include "csl_style.h"

/* One cite of a cluster, rendered by the engine. */
struct csl_piece {
	struct rt *full;    /* the cite with its affixes; owned */
	struct rt *bare;    /* the cite without its author; owned, may be NULL */
	char *author;       /* its first names as text (owned), or NULL */
	unsigned number;    /* its citation number */
	int year;           /* its issued year (0: none) */
	int suffix;         /* its year-suffix (0: none) */
	bool plain;         /* no locator, prefix or suffix: it may collapse */
	bool own_delimiter; /* its prefix opens with punctuation: no delimiter before */
	bool ends_punct;    /* its suffix ends in punctuation: the next delimiter's goes */
};

/* The cluster of the N PIECES (in citation order) under CITATION's options, joined;
 * takes the pieces' trees and frees their strings. */
struct rt *csl_cluster_join(const struct csl_node *citation, struct csl_piece *pieces,
                            size_t n);

#endif
