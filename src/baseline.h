/* baseline.h - the baseline: findings a team accepts as known, so the lint can be
 * adopted on an old archive and fail only on new problems. Owns the file and matching. */
#ifndef BRIEFC_BASELINE_H
#define BRIEFC_BASELINE_H

#include <stdbool.h>

#include "diag.h"

/* A finding is known by its file, its rule and its message with every number made
 * "#" (so renumbered notes and moved lines still match); a baseline holds how many
 * findings of each such key it accepts. The file is text, one key a line:
 *   COUNT<TAB>FILE<TAB>RULE<TAB>MESSAGE
 * after comment lines starting with "#". */
struct baseline;

struct baseline *baseline_new(void);
void baseline_free(struct baseline *b);

/* Reads the baseline at PATH. Returns it, or NULL reported to D as RULE_IO: a file
 * that cannot be read, or malformed entries (each at its line). */
struct baseline *baseline_load(const char *path, struct diag *d);

/* Counts one more finding under its key. */
void baseline_add(struct baseline *b, const char *file, enum diag_rule rule,
                  const char *message);

/* Accepts the finding if B has an unused entry for its key (using it up). */
bool baseline_take(struct baseline *b, const char *file, enum diag_rule rule,
                   const char *message);

/* Reports to D, as RULE_STALE_BASELINE at its line of the baseline file, each entry
 * not wholly used by this run. */
void baseline_report_unused(const struct baseline *b, struct diag *d);

/* Writes B, sorted, to PATH (atomically). Returns 0, or -1 reported to D. */
int baseline_write(const struct baseline *b, const char *path, struct diag *d);

#endif
