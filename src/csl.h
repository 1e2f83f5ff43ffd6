/* csl.h - the CSL 1.0.2 engine: a style, its locale and CSL-JSON items make an engine
 * that renders citation clusters (positions given by the caller) and a bibliography as
 * rich text. Stages: csl_style, csl_locale, csl_json -> csl_render (csl_names, csl_date,
 * csl_number, csl_text) -> csl_sort, csl_disamb -> csl_cluster -> csl_out; csl_engine.c
 * wires them. */
#ifndef BRIEFC_CSL_H
#define BRIEFC_CSL_H

#include <stdbool.h>
#include <stddef.h>

#include "csl_rich.h"
#include "csl_style.h"
#include "diag.h"

struct csl_locale;

enum csl_position {
	CSL_POS_FIRST, CSL_POS_SUBSEQUENT, CSL_POS_IBID, CSL_POS_IBID_WITH_LOCATOR
};

/* One cite of a cluster, as the caller resolved it. Strings are not owned. */
struct csl_cite {
	const char *id;                 /* the item's id */
	const char *locator, *label;    /* NULL: none; label NULL is "page" */
	const char *prefix, *suffix;    /* NULL: none */
	enum csl_position position;
	bool near_note;                 /* within the style's near-note-distance */
	bool suppress_author, author_only;
	unsigned note;                  /* the note it is in (0: in the text) */
	unsigned first_note;            /* the note of the item's first cite (0: none) */
};

struct csl_engine;

/* A new engine rendering through STYLE (not owned; must outlive the engine) in LANG
 * (NULL: the style's default-locale or en-US), with locales from LOCALE_DIR (NULL:
 * Debian's). Returns NULL, reported to D, when no locale can be read. */
struct csl_engine *csl_engine_new(const struct csl_style *style, const char *locale_dir,
                                  const char *lang, struct diag *d);

/* A new engine rendering through STYLE in LOC, a locale loaded for STYLE
 * (csl_locale.h); neither is owned, both must outlive the engine. Engines may share
 * a locale, on any thread: it is only read. */
struct csl_engine *csl_engine_new_in(const struct csl_style *style,
                                     const struct csl_locale *loc);

void csl_engine_free(struct csl_engine *e);

/* Adds the items of LEN bytes of CSL-JSON (an array), reported as NAME; 0 or -1. */
int csl_engine_add_json(struct csl_engine *e, const char *json, size_t len,
                        const char *name, struct diag *d);

/* The items the document cites, in order of first citation (citation numbers,
 * disambiguation and the bibliography's items); by default every item added, in
 * order. IDS are copied; an id of no item is ignored. */
void csl_engine_register(struct csl_engine *e, const char *const *ids, size_t n);

/* The cluster of N cites, formatted by the style's citation; if RUNS_ON (the
 * cluster runs on in a sentence: "see Smith, Title, 3; and ..."), without its
 * layout's suffix. Caller frees with rt_free. NULL (with a message to D) when the
 * style has no citation or a cite names no item. */
struct rt *csl_engine_cite(struct csl_engine *e, const struct csl_cite *cites, size_t n,
                           bool runs_on, struct diag *d);

/* The bibliography's entries, sorted, in *ENTRIES (caller frees each with rt_free and
 * the array with free); returns how many (0 when the style has none). */
size_t csl_engine_bibliography(struct csl_engine *e, struct rt ***entries);

/* As csl_engine_bibliography, and *IDS (caller frees the array; the strings are the
 * engine's) the id of each entry's item. */
size_t csl_engine_bibliography_ids(struct csl_engine *e, struct rt ***entries,
                                   const char ***ids);

/* The locale's quotes for csl_out_html. */
void csl_engine_quotes(const struct csl_engine *e, struct rt_quotes *q);

#endif
