/* report.h - citation reports: the resolved model of a brief as a table (tsv), as JSON,
 * and as CSL-JSON items for pandoc, Zotero and other citeproc tools. */
#ifndef BRIEFC_REPORT_H
#define BRIEFC_REPORT_H

#include <stdbool.h>

#include "cite.h"
#include "mem.h"
#include "source.h"

enum report_format { REPORT_TSV, REPORT_JSON, REPORT_CSL_JSON };

/* Sets *FORMAT to the format named NAME (tsv, json, csl-json); returns 0, or -1. */
int report_format_by_name(const char *name, enum report_format *format);

/* Appends the report in FORMAT of the resolved model M of SRC to OUT:
 *   tsv       "note\tform\twork\tlocator", then one row per citation in note order
 *   json      the file, every citation (with line and column) and every work, its fields
 *             and the citations of it
 *   csl-json  an array of CSL items, one per work, in bibliography order */
void report_write(const struct cite_model *m, const struct source *src,
                  enum report_format format, struct buf *out);

/* The N WORKS (of any briefs) as a CSL-JSON array appended to OUT, each under its id
 * in IDS. */
void report_write_csl_works(const struct cite_work *const *works, const char *const *ids,
                            size_t n, struct buf *out);

/* The tsv report of M with FILE (NULL: none) as a first column on every row, after
 * the header when HEADER: one brief's rows of a table of several. */
void report_write_tsv(const struct cite_model *m, const char *file, bool header,
                      struct buf *out);

#endif
