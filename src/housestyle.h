/* housestyle.h - a house style: a CSL style named on the command line (a file, or a
 * name in Debian's citation-style-language-styles, a dependent style followed to its
 * parent), and a brief's citations and bibliography written through it by the CSL
 * engine (csl.h) into the annotated tree, for the stylesheets to place. */
#ifndef BRIEFC_HOUSESTYLE_H
#define BRIEFC_HOUSESTYLE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "cite.h"
#include "csl_style.h"
#include "diag.h"

/* Debian's citation-style-language-styles: independent styles here, dependent ones in
 * its dependent/. */
#define HOUSESTYLE_DIR "/usr/share/citation-style-language/styles"

struct housestyle_locales;

/* A loaded house style. Read-only once loaded but for its locales, loaded as briefs
 * ask for them: the briefs of a run, on any thread, render through it (each with an
 * engine of its own). */
struct housestyle {
	struct csl_style *style; /* the independent style that renders; owned */
	char *files[2];          /* the files read (the one named, its parent); owned */
	size_t nfiles;
	char *locale;            /* --locale, else a dependent style's default-locale;
	                            NULL: each brief's xml:lang. Owned */
	struct housestyle_locales *locales; /* each loaded once, shared; owned */
};

/* briefc's own style, used when none is named: Chicago (17th edition) notes and
 * bibliography, its notes in full the first time, short later, Ibid. after the same
 * work; the bibliography is chicago-note-bibliography's. */
#define HOUSESTYLE_DEFAULT "chicago-fullnote-bibliography-with-ibid"

/* Loads the style NAME (NULL: HOUSESTYLE_DEFAULT): a file when it holds a '/' or ends
 * in ".csl", else NAME.csl in HOUSESTYLE_DIR or its dependent/; a dependent style
 * brings its independent parent from HOUSESTYLE_DIR. LOCALE (NULL: none) is the
 * locale the user asks for, which must be one of Debian's
 * citation-style-language-locales. Returns the style (caller frees with
 * housestyle_free), or NULL reported to D (RULE_CSL; RULE_IO and RULE_XML for an
 * unreadable or malformed file). */
struct housestyle *housestyle_load(const char *name, const char *locale, struct diag *d);

void housestyle_free(struct housestyle *hs);

/* Renders the resolved model M of DOC (annotated by resolve_annotate) through HS, in
 * the locale HS says, else DOC's xml:lang, and writes it into DOC (namespace
 * RESOLVED_NS, resolve.h): the bibliography and the bibliorefs, and, if REWRITE, the
 * citations written out in notes too (else they keep their wording).
 *   article   <brf:house-style class="note|in-text"> as its last child (in-text: an
 *             in-text style, its citations written again), holding one
 *             <brf:piece n> per formatted citation and one <brf:entry work> per
 *             bibliography entry, in the style's order; their content is rich text
 *             as DocBook inlines (emphasis, emphasis role="bold", superscript,
 *             subscript, phrase role="small-caps|underline|roman|csl-...")
 *   citation, biblioref
 *             @brf:piece     the piece that replaces its text: each citation in a
 *                            note style; in an in-text style, those of a note that
 *                            says more than its citations
 *   footnote  @brf:in-text   in an in-text style, a note that holds citations and
 *                            nothing else: the piece (all its citations as one)
 *                            that stands at its marker instead of the note
 * and, in an in-text style, the notes left get @brf:note (their IDs) and the article
 * @brf:notes again, counting them alone from 1. PATH names DOC in messages. Returns
 * 0, or -1 reported to D. */
int housestyle_annotate(const struct housestyle *hs, const struct cite_model *m,
                        bool rewrite, xmlDocPtr doc, const char *path, struct diag *d);

#endif
