/* xhtml.h - the EPUB's content document: the page html.xsl made, made XHTML in its own
 * tree (no copy of it), and its bytes. */
#ifndef BRIEFC_XHTML_H
#define BRIEFC_XHTML_H

#include <libxml/tree.h>

#include "mem.h"

/* Makes PAGE, html.xsl's result tree, the EPUB's content document, in place: each
 * element in no namespace goes into XHTML's (declared on the root, with epub's), each
 * lang attribute gets xml:lang beside it, each DPUB-ARIA role doc-NAME gets the
 * epub:type NAME where the EPUB vocabulary has that term (epubcheck 4's: noteref,
 * footnote, endnotes, biblioref, bibliography, biblioentry), and each item of the
 * endnotes' list the type endnote, as DPUB-ARIA 1.1 has no role for it. The style
 * element becomes a link to style.css (epub-css.xsl's item), and what means nothing
 * in a reflowable book goes: the viewport's meta, the charset's meta (the XML
 * declaration says it), comments and processing instructions. */
void xhtml_make(xmlDocPtr page);

/* Appends PAGE's root element to OUT as an XML document of its own in UTF-8, indented
 * (two spaces a level where an element holds only elements). Only reads PAGE. */
void xhtml_save(xmlDocPtr page, struct buf *out);

#endif
