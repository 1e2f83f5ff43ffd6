/* resolve.h - resolution: a valid brief's notes and bibliography read into the citation
 * model, its problems reported with their lines, and the model written into the tree. */
#ifndef BRIEFC_RESOLVE_H
#define BRIEFC_RESOLVE_H

#include <libxml/tree.h>

#include "cite.h"
#include "diag.h"
#include "source.h"

/* The namespace of what resolve_annotate adds to a brief, for the stylesheets. */
#define RESOLVED_NS "urn:x-briefc:resolved"

/* Reads every <biblioentry>, <footnote>, <citation> and <biblioref> of the valid SRC
 * into a new, resolved model and reports its problems to D at their line and column,
 * with text a note leaves outside its marked citation parts that looks like a citation
 * (RULE_UNMARKED_CITATION). Returns the model (caller frees with cite_model_free),
 * problems or not. */
struct cite_model *resolve_source(const struct source *src, struct diag *d);

/* Writes the resolved model M of DOC (the tree M was read from) into DOC, in namespace
 * RESOLVED_NS (prefix brf):
 *   article   @brf:elements  the name of every DocBook element the brief holds, once
 *                            each, in the order first met, each between spaces
 *                            (" article info title para "): a stylesheet asks
 *                            whether the brief has figures with contains() instead
 *                            of a walk of the whole tree (.//db:figure)
 *             @brf:notes     how many notes (footnotes) the brief has, 0 or more
 *   footnote  @brf:note      its number, 1-based, in document order; also the
 *                            note's ID, so that XPath's id('12') is note 12
 *   section   @brf:section   its number, 1-based, in document order
 *   biblioref @brf:taken     the "." or "," written right after it, which belongs to
 *                            the citation (the stylesheets place it): taken off the
 *                            text that follows, which is dropped if nothing is left
 *   citation, biblioref
 *             @brf:work      the id of the work it cites (absent: unresolved)
 *             @brf:form      full | short | ibid: as written, or chosen for a biblioref
 *             @brf:position  first | subsequent | ibid
 *             @brf:locator   where in the work (absent: none)
 *             @brf:same-place "yes" for Ibid. of the same locator as the citation
 *                            before it, which prints as a bare "Ibid."
 * and, as the root's last child, <brf:bibliography> holding one <brf:work id type> per
 * work in bibliography order: <brf:author family given | literal>, <brf:title>,
 * <brf:short-title>, <brf:container kind>, <brf:volume>, <brf:number>, <brf:publisher>,
 * <brf:date year month day>, <brf:url>, <brf:doi>, <brf:isbn>, <brf:issn>, then one
 * <brf:cited-by note form position locator> per citation. */
void resolve_annotate(const struct cite_model *m, xmlDocPtr doc);

#endif
