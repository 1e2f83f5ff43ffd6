/* import.h - briefc import: a manuscript (plain text, Markdown, docx) made a brief.
 * Owns the raw brief every reader yields, sectioning, names, note ids and the citation
 * markup written into each note (noteparse.h), and the check of what it wrote. */
#ifndef BRIEFC_IMPORT_H
#define BRIEFC_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/* The namespace of the attributes a reader leaves for import_finish (never written). */
#define IMPORT_NS "urn:x-briefc:import"

/* Manuscripts larger than this are refused (RULE_IO); a docx's parts are each held to
 * IMPORT_MAX_PART bytes once inflated, and IMPORT_MAX_TOTAL in all (RULE_MANUSCRIPT). */
#define IMPORT_MAX_BYTES ((size_t)64 << 20)
/* Markdown is held lower: cmark-gfm makes a node of up to every byte (about 200 bytes
 * each), so a hostile 64 MiB file of ">" would take gigabytes. */
#define IMPORT_MAX_MD_BYTES ((size_t)8 << 20)
#define IMPORT_MAX_PART ((size_t)64 << 20)
#define IMPORT_MAX_TOTAL ((size_t)128 << 20)

enum import_format { IMPORT_TXT, IMPORT_MD, IMPORT_DOCX };

/* The raw brief: what every reader returns, in the DocBook namespace, flat.
 *   <article version="5.0" xml:lang="en">
 *     <info><title>..</title>
 *           <author><personname>Given Family</personname>
 *                   <affiliation><jobtitle>..</jobtitle><orgname>..</orgname></affiliation>
 *           </author>*  (the byline, when the reader finds one under the title or
 *                        in the document's properties; import_add_author makes it.
 *                        With none, import_finish takes the one or two short
 *                        paragraphs that end the text for it, as manuscripts sign)
 *     </info>
 *     then, in reading order: <para>, <blockquote><para>..</para></blockquote>,
 *     <itemizedlist>/<orderedlist> of <listitem><para>, and headings as
 *     <bridgehead renderas="sect1|sect2|sect3">..</bridgehead>.
 *   Inlines: text, <emphasis> (italic), <emphasis role="bold">, and at each note marker
 *     <footnote imp:n="N" imp:line="L"><para>the note's text, italics as
 *     <emphasis></para></footnote>, N the note's number in the manuscript, L the line
 *     of the manuscript where the note's text starts (0 when the format has none);
 *     a note called again is <footnoteref imp:n="N"/>, linked to its first call.
 * import_finish nests the headings into sections, splits names, gives ids and marks
 * the citations of every note. */

/* Each reader: BYTES (LEN, NUL-terminated) of the manuscript NAME into a raw brief.
 * Returns the new tree (caller frees with xmlFreeDoc), or NULL after reporting to D,
 * RULE_MANUSCRIPT at the place when it can say one. Nothing is fetched or read but
 * BYTES (and, for docx, the stylesheet xsl/import-docx.xsl through T). */
struct transform;
xmlDocPtr import_txt(const char *name, const char *bytes, size_t len, struct diag *d);
xmlDocPtr import_md(const char *name, const char *bytes, size_t len, struct diag *d);
xmlDocPtr import_docx(const char *name, const char *bytes, size_t len,
                      struct transform *t, struct diag *d);

/* Makes the raw brief DOC (taken over, freed) a brief: sections, names, ids and the
 * citation markup of every note, whose doubts go to D as RULE_CITATION_UNSURE at
 * NAME:line. Returns the brief serialised in OUT (caller frees with buf_free). */
struct buf;
void import_finish(xmlDocPtr doc, const char *name, struct buf *out, struct diag *d);

/* Can TEXT be a line of a byline: short, with no sentence end and no note marker? */
bool import_byline_like(const char *text);

/* Adds to INFO the author NAME ("Given Family", or an organisation's name) with the
 * AFFILIATION line (NULL: none) "Organisation – Job title" taken apart. */
void import_add_author(xmlNodePtr info, const char *name, const char *affiliation);

/* The format a manuscript's name calls for: ".docx", ".md"/".markdown", else text. */
enum import_format import_format_of(const char *path);
int import_format_by_name(const char *name, enum import_format *format);

#endif
