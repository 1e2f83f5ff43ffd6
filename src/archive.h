/* archive.h - many briefs as one: the index of an archive's briefs (build --index), the
 * works they cite as one CSL-JSON, and the works two briefs describe two ways. */
#ifndef BRIEFC_ARCHIVE_H
#define BRIEFC_ARCHIVE_H

#include "cite.h"
#include "diag.h"
#include "mem.h"
#include "source.h"
#include "transform.h"

struct archive;

/* One brief's part of an archive, made on the thread that read the brief. */
struct archive_entry;

struct archive *archive_new(void);
void archive_free(struct archive *a);

/* The entry of the brief SRC: a copy of its <info>, its file and language, HREF (the
 * page of it the index links to; copied; NULL: none) and its resolved model *M, taken
 * over (*M is then NULL; a brief that did not resolve has none), with where each
 * work is described in SRC. Free with archive_entry_free unless given to
 * archive_add. */
struct archive_entry *archive_entry_new(const struct source *src, const char *href,
                                        struct cite_model **m);
void archive_entry_free(struct archive_entry *e);

/* Adds E, taken over, to A: entries are added in input order, on one thread. */
void archive_add(struct archive *a, struct archive_entry *e);

/* Appends to OUT the index page of A's briefs (xsl/index.xsl: title, authors, date
 * and abstract of each, linking to its page). Returns 0, or -1 reported to D. */
int archive_index(struct archive *a, struct transform *t, struct buf *out, struct diag *d);

/* Appends to OUT every work A's briefs cite, as one CSL-JSON array: a work two briefs
 * cite (the same authors and title) once, as the first describes it; ids as each
 * brief gave them, a second work of an id taken already made unique ("-2", "-3"). */
void archive_works(const struct archive *a, struct buf *out);

/* Reports to D (RULE_CONFLICTING_FIELDS) each work a brief describes otherwise than
 * an earlier brief (cite_fields_differences), at its description, with the earlier
 * one as a related location. Returns the number reported. */
unsigned archive_lint(const struct archive *a, struct diag *d);

#endif
