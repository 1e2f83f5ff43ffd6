/* lint.h - the note lint: punctuation slips real notes carry (".”.", "?.", a double
 * space), found in the brief's own bytes so each can be reported at its character and
 * mended in place (check --fix) with nothing else of the file touched. */
#ifndef BRIEFC_LINT_H
#define BRIEFC_LINT_H

#include "diag.h"
#include "mem.h"
#include "source.h"

/* Reports every punctuation slip in SRC's notes to D (RULE_NOTE_STYLE, at its line and
 * column); with FIXED not NULL, appends there SRC's text with every slip mended and
 * reports nothing. Returns the number of slips. */
size_t lint_notes(const struct source *src, struct diag *d, struct buf *fixed);

#endif
