/* validate.h - validation: briefc's RELAX NG schema (compiled into the binary) and the
 * tree rules a schema cannot say (unique ids, links that resolve). */
#ifndef BRIEFC_VALIDATE_H
#define BRIEFC_VALIDATE_H

#include "diag.h"
#include "source.h"

struct validator;

/* Compiles the built-in schema. Returns NULL only if briefc itself is broken (the
 * schema does not compile); that is reported to D. Free with validate_free. */
struct validator *validate_new(struct diag *d);

void validate_free(struct validator *v);

/* Checks the well-formed SRC against the schema and the tree rules, reporting every
 * problem to D. Returns the number of errors found (0: valid). */
unsigned validate_source(struct validator *v, const struct source *src, struct diag *d);

#endif
