/* lint.h - the note lint (check only): punctuation slips real notes carry (".”.", "?.",
 * a double space), found in the brief's own bytes so each can be reported at its
 * character and mended in place (check --fix); and short forms that leave out a title. */
#ifndef BRIEFC_LINT_H
#define BRIEFC_LINT_H

#include "cite.h"
#include "diag.h"
#include "mem.h"
#include "source.h"

/* Reports every punctuation slip in SRC's notes to D (RULE_NOTE_STYLE, at its line and
 * column); with FIXED not NULL, appends there SRC's text with every slip mended and
 * reports nothing. Returns the number of slips. */
size_t lint_notes(const struct source *src, struct diag *d, struct buf *fixed);

/* Reports to D (RULE_SHORT_TITLE) each work of M, the resolved model of SRC, that a
 * note cites in short form without a title, Chicago's "Author, Short Title, page":
 * once per work, at the first such citation, naming its short title and the other
 * notes that leave it out. Returns the number of works reported. */
size_t lint_short_forms(const struct source *src, const struct cite_model *m,
                        struct diag *d);

#endif
