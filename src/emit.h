/* emit.h - emitting: every output is written whole or not at all.
 * Owns the temporary file beside the target and the rename; "-" is stdout. */
#ifndef BRIEFC_EMIT_H
#define BRIEFC_EMIT_H

#include <stddef.h>

#include "diag.h"

/* Replaces PATH with the LEN bytes of DATA: written to a temporary file in PATH's
 * directory, then renamed over PATH, so a reader (and briefc killed at any point) sees
 * the old file or the new one and nothing between. Not synced: an output is rebuilt
 * from its brief, and an fsync cost each output 0.5 to 8 ms on ext4, more than the
 * rest of a small build's writing. Returns 0; on failure leaves PATH as it was,
 * removes the temporary file, reports to D as RULE_IO and returns -1. */
int emit_file(const char *path, const void *data, size_t len, struct diag *d);

#endif
