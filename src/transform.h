/* transform.h - XSLT: briefc's stylesheets, found once, compiled once per process, and
 * run with every file, directory and network operation forbidden. */
#ifndef BRIEFC_TRANSFORM_H
#define BRIEFC_TRANSFORM_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "mem.h"

/* Every stylesheet briefc runs: each makes one output (html, text layout) or one part
 * of one (the EPUB's items). */
enum transform_sheet {
	SHEET_HTML, SHEET_TEXT, SHEET_EPUB_CONTENT, SHEET_EPUB_NAV, SHEET_EPUB_PACKAGE,
	SHEET_EPUB_CSS, SHEET__COUNT
};

struct transform;

/* Prepares to run the stylesheets in XSL_DIR (copied). Stylesheets compile on first
 * use. Returns NULL, reported to D, if XSL_DIR is not a directory. */
struct transform *transform_new(const char *xsl_dir, struct diag *d);

void transform_free(struct transform *t);

/* The stylesheet directory briefc uses when none is given: ../xsl next to the binary
 * (the build tree), else ../share/briefc/xsl (an installed tree). Caller frees;
 * NULL if neither exists. */
char *transform_default_dir(void);

/* Runs SHEET over DOC (the valid, resolved and annotated brief, or the result of an
 * earlier stylesheet) with the string parameters PARAMS (name, value, ..., NULL; NULL
 * for none; each value must pass transform_param_ok). Returns the result tree (caller
 * frees with xmlFreeDoc), or NULL reported to D against FILE. */
xmlDocPtr transform_apply(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                          const char *file, const char *const *params, struct diag *d);

/* transform_apply in three steps, for a run on another thread. libxslt writes to the
 * input document while it sets a run up (numbering its elements) and in the first
 * run with xsl:strip-space (removing white space): set-ups take turns on one thread,
 * and runs over one document overlap only once one has run. */
struct transform_job;

/* Sets up SHEET's run over DOC as transform_apply would (compiling SHEET if need be).
 * Returns the job, or NULL reported to D. */
struct transform_job *transform_job_new(struct transform *t, enum transform_sheet sheet,
                                        xmlDocPtr doc, const char *file,
                                        const char *const *params, struct diag *d);

/* Runs JOB, on any thread; what libxslt says is kept for transform_job_free. Returns
 * the result tree (caller frees with xmlFreeDoc), or NULL. */
xmlDocPtr transform_job_run(struct transform_job *job);

/* Reports to D what JOB's run said, and frees JOB (NULL: a job that could not be set
 * up). Returns 0, or -1 if the run failed or said anything: its result is then not
 * to be used. */
int transform_job_free(struct transform_job *job, struct diag *d);

/* Appends RESULT, a tree transform_apply made with SHEET, to OUT as the bytes SHEET's
 * xsl:output asks for. */
void transform_save(struct transform *t, enum transform_sheet sheet, xmlDocPtr result,
                    struct buf *out);

/* transform_apply, then transform_save into OUT. Returns 0, or -1 reported to D. */
int transform_run(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                  const char *file, const char *const *params, struct buf *out,
                  struct diag *d);

/* Can VALUE be passed as a parameter? Not if it holds both kinds of quotation mark
 * (XPath 1.0 has no string literal for it). */
int transform_param_ok(const char *value);

#endif
