/* transform.h - XSLT: briefc's stylesheets, found once, compiled once per process, and
 * run with every file, directory and network operation forbidden. */
#ifndef BRIEFC_TRANSFORM_H
#define BRIEFC_TRANSFORM_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "mem.h"

/* Every stylesheet briefc runs: each makes one output (html, text layout, an archive's
 * index) or one part of one (the EPUB's items), or reads a manuscript (a docx's parts
 * into a raw brief). */
enum transform_sheet {
	SHEET_HTML, SHEET_TEXT, SHEET_EPUB_NAV, SHEET_EPUB_PACKAGE,
	SHEET_EPUB_CSS, SHEET_IMPORT_DOCX, SHEET_INDEX, SHEET__COUNT
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

/* Calls EACH with ARG and the path of every file SHEET is made of: the stylesheet,
 * then what it includes and imports (a file included twice is named twice), compiling
 * SHEET first if it is not yet. Returns 0, or -1 reported to D. */
int transform_files(struct transform *t, enum transform_sheet sheet,
                    void (*each)(const char *path, void *arg), void *arg, struct diag *d);

/* Compiles SHEET now if it compiles, saying nothing (one that does not is reported
 * when it runs), unless it is compiled or another thread is compiling it: so that it
 * compiles beside other work, such as the schema's (validate_new), or on a thread
 * that has time, instead of when it first runs. */
void transform_warm(struct transform *t, enum transform_sheet sheet);

/* Runs SHEET over DOC (the valid, resolved and annotated brief, or the result of an
 * earlier stylesheet) with the string parameters PARAMS (name, value, ..., NULL; NULL
 * for none; any string). Returns the result tree (caller
 * frees with xmlFreeDoc), or NULL reported to D against FILE.
 *
 * Two threads may compile and run different stylesheets at once over different
 * documents, each reporting to its own D; a thread that needs a stylesheet another is compiling
 * waits for it. (A run writes to its document: libxslt numbers the elements as it
 * starts, and strips white space for xsl:strip-space.) */
xmlDocPtr transform_apply(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                          const char *file, const char *const *params, struct diag *d);

/* A run of one stylesheet over one document, set up apart from running it. */
struct transform_run;

/* Sets up a run of SHEET over DOC: libxslt numbers DOC's elements and strips its white
 * space now, on this thread, where a run would write them into DOC. Runs over one DOC
 * set up before any of them starts then only read it, so they may go at once on
 * several threads. Returns the run (transform_go runs and frees it), or NULL
 * reported to D if SHEET does not compile. */
struct transform_run *transform_ready(struct transform *t, enum transform_sheet sheet,
                                      xmlDocPtr doc, struct diag *d);

/* Runs R (freed here) as transform_apply would; returns its result tree or NULL. */
xmlDocPtr transform_go(struct transform_run *r, const char *file, const char *const *params,
                       struct diag *d);

/* Appends RESULT, a tree transform_apply made with SHEET, to OUT as the bytes SHEET's
 * xsl:output asks for. Saving writes to RESULT while it runs (libxslt unhooks the
 * document's children as it writes them out; for HTML it sets the charset's meta):
 * no other thread may read RESULT meanwhile, nor run a stylesheet over it. */
void transform_save(struct transform *t, enum transform_sheet sheet, xmlDocPtr result,
                    struct buf *out);

/* transform_apply, then transform_save into OUT. Returns 0, or -1 reported to D. */
int transform_run(struct transform *t, enum transform_sheet sheet, xmlDocPtr doc,
                  const char *file, const char *const *params, struct buf *out,
                  struct diag *d);

#endif
