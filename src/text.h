/* text.h - plain text: the layout that xsl/text.xsl writes, set as UTF-8 lines of at
 * most a given display width, broken only where Unicode line breaking allows. */
#ifndef BRIEFC_TEXT_H
#define BRIEFC_TEXT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "mem.h"

#define TEXT_WIDTH 72

/* Sets LAYOUT (the tree text.xsl made, whose vocabulary text.c documents) as text of
 * at most WIDTH columns, appended to OUT: UTF-8 lines ending in "\n", without
 * trailing spaces; a word wider than WIDTH, or than its table column, has a line of
 * its own that may run past WIDTH, as does a table with more columns than WIDTH
 * holds. Returns 0; on a layout it cannot read (a stylesheet bug) reports to D as
 * RULE_XSLT against FILE, leaves OUT as it was and returns -1. */
int text_render(xmlDocPtr layout, unsigned width, const char *file, struct buf *out,
                struct diag *d);

#endif
