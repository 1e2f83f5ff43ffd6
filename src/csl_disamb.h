/* csl_disamb.h - disambiguation of cites that render alike: add names, add given
 * names, the disambiguate condition, then year suffixes in bibliography order. */
#ifndef BRIEFC_CSL_DISAMB_H
#define BRIEFC_CSL_DISAMB_H

#include <stddef.h>

#include "csl_item.h"
#include "csl_render.h"

/* Between the forms of one cite in the text csl_disamb_fn returns. */
#define CSL_DISAMB_SEPARATOR "\x1E"

/* Renders item I's cite with state DIS as plain text, its first form and a later
 * one apart by CSL_DISAMB_SEPARATOR; the caller frees it. */
typedef char *csl_disamb_fn(void *ctx, size_t i, const struct csl_disamb *dis);

/* Settles DIS[0..N-1] (zeroed by the caller) for CITATION's options by rendering
 * through FN; ORDER is the items' bibliography order (year suffixes follow it). */
void csl_disamb_run(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
                    const size_t *order, csl_disamb_fn *fn, void *ctx);

/* givenname-disambiguation-rule all-names and primary-name (and their -with-initials):
 * before any cite is compared, each name of NAMES[i] (item i's names, NULL: none)
 * that shares its family name with another item's name of another given name shows
 * its initials, or its given name in full where the initials are alike too. Nothing
 * unless CITATION adds given names by such a rule. */
void csl_disamb_names(const struct csl_node *citation, struct csl_disamb *dis, size_t n,
                      const struct csl_var *const *names);

#endif
