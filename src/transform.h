/* transform.h - XSLT: briefc's stylesheets, found once, compiled once per process, and
 * run with every file, directory and network operation forbidden. */
#ifndef BRIEFC_TRANSFORM_H
#define BRIEFC_TRANSFORM_H

#include <stddef.h>

#include "diag.h"
#include "source.h"

/* An output format: each is one entry stylesheet under the stylesheet directory. */
enum transform_format { FORMAT_HTML };

/* Sets *FORMAT to the format named NAME ("html"); returns 0, or -1 if there is none. */
int transform_format_by_name(const char *name, enum transform_format *format);

/* The file name extension of FORMAT's output, with its dot. */
const char *transform_extension(enum transform_format format);

struct transform;

/* Prepares to run the stylesheets in XSL_DIR (copied). Stylesheets compile on first
 * use. Returns NULL, reported to D, if XSL_DIR is not a directory. */
struct transform *transform_new(const char *xsl_dir, struct diag *d);

void transform_free(struct transform *t);

/* The stylesheet directory briefc uses when none is given: ../xsl next to the binary
 * (the build tree), else ../share/briefc/xsl (an installed tree). Caller frees;
 * NULL if neither exists. */
char *transform_default_dir(void);

/* Transforms the valid SRC into FORMAT. On success sets *OUT (caller frees with free)
 * and *LEN and returns 0; on failure reports to D and returns -1. */
int transform_run(struct transform *t, enum transform_format format,
                  const struct source *src, char **out, size_t *len, struct diag *d);

#endif
