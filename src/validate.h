/* validate.h - validation: briefc's RELAX NG schema (compiled into the binary) and the
 * tree rules a schema cannot say (unique ids, links that resolve, no footnote inside a
 * footnote, URLs and DOIs that lead somewhere, notes that say something). */
#ifndef BRIEFC_VALIDATE_H
#define BRIEFC_VALIDATE_H

#include "diag.h"
#include "source.h"

struct validator;

/* Starts compiling the built-in schema, on a thread of its own, while the caller goes
 * on (loads a brief, compiles stylesheets); validate_source waits for it. Returns the
 * validator (never NULL); free it with validate_free. D is unused: that the schema
 * does not compile (briefc itself broken) is reported to the first validate_source's
 * D, and its brief is not valid. */
struct validator *validate_new(struct diag *d);

void validate_free(struct validator *v);

/* Waits until V's schema has compiled, or failed to, saying nothing: so that the
 * process can end with V still allocated (MEM_FREE_AT_EXIT), no thread of it running
 * while the libraries are cleaned up. */
void validate_wait(struct validator *v);

/* Checks the well-formed SRC against the schema and the tree rules, reporting every
 * problem to D. Returns the number of errors that leave the tree unfit to resolve
 * (schema, nested footnotes, ids, links; 0: valid). Malformed URLs and empty notes are
 * reported but not counted: they do not stop resolution. Only one thread at a time
 * may call it with V. */
unsigned validate_source(struct validator *v, const struct source *src, struct diag *d);

#endif
