/* transform.h - XSLT: briefc's stylesheets, found once, compiled once per process, and
 * run with every file, directory and network operation forbidden. */
#ifndef BRIEFC_TRANSFORM_H
#define BRIEFC_TRANSFORM_H

#include <stddef.h>

#include "diag.h"
#include "source.h"

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

/* Runs SHEET over the valid, resolved SRC with the string parameters PARAMS (name,
 * value, ..., NULL; NULL for none; each value must pass transform_param_ok). On
 * success sets *OUT (caller frees with free) and *LEN and returns 0; on failure
 * reports to D and returns -1. */
int transform_run(struct transform *t, enum transform_sheet sheet, const struct source *src,
                  const char *const *params, char **out, size_t *len, struct diag *d);

/* Can VALUE be passed as a parameter? Not if it holds both kinds of quotation mark
 * (XPath 1.0 has no string literal for it). */
int transform_param_ok(const char *value);

#endif
