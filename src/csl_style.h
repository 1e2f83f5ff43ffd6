/* csl_style.h - a CSL 1.0 style loaded and checked: its elements compiled into a tree
 * of typed nodes, macros resolved (a call loop is refused), size and depth bounded. */
#ifndef BRIEFC_CSL_STYLE_H
#define BRIEFC_CSL_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

#define CSL_NS "http://purl.org/net/xbiblio/csl"

/* A style larger than this, with more elements or nested deeper, is refused: the
 * largest real styles are a few hundred kilobytes and a few thousand elements. */
#define CSL_STYLE_MAX_BYTES ((size_t)4 << 20)
#define CSL_STYLE_MAX_NODES 100000
#define CSL_STYLE_MAX_DEPTH 64
#define CSL_STYLE_MAX_CALLS 50  /* macros calling macros; real styles need ten */

enum csl_el {
	CSL_EL_OTHER, CSL_EL_STYLE, CSL_EL_CITATION, CSL_EL_BIBLIOGRAPHY, CSL_EL_MACRO,
	CSL_EL_LOCALE, CSL_EL_LAYOUT, CSL_EL_SORT, CSL_EL_KEY, CSL_EL_TEXT, CSL_EL_DATE,
	CSL_EL_DATE_PART, CSL_EL_NUMBER, CSL_EL_NAMES, CSL_EL_NAME, CSL_EL_NAME_PART,
	CSL_EL_ET_AL, CSL_EL_LABEL, CSL_EL_SUBSTITUTE, CSL_EL_GROUP, CSL_EL_CHOOSE,
	CSL_EL_IF, CSL_EL_ELSE_IF, CSL_EL_ELSE
};

/* One element of the style. Attributes are read from the XML node (csl_attr). */
struct csl_node {
	enum csl_el el;
	const xmlNode *xml;
	struct csl_node *parent, *kids, *next;
	const struct csl_node *macro; /* text and key macro=: the macro called */
};

enum csl_class { CSL_CLASS_IN_TEXT, CSL_CLASS_NOTE };

/* A loaded style; owns its tree and the XML document its nodes point into. */
struct csl_style {
	xmlDocPtr doc;
	struct csl_node *nodes; /* every node, in document order; nodes[0] is cs:style */
	size_t nnodes;
	enum csl_class cls;
	const struct csl_node *citation, *bibliography; /* NULL where absent */
	const char *default_locale;                     /* NULL: none set */
	bool year_suffix_shown;  /* a cs:text renders year-suffix (else dates add it) */
	bool bib_disambiguates;  /* the bibliography shows what disambiguating the cites
	                            decides: year suffixes, or its disambiguate tests */
};

/* Loads the style at PATH. Returns NULL when it is unreadable, malformed, not a CSL
 * style, calls a macro in a loop or too deep, names a missing macro or is over a
 * limit; each
 * reported to D under RULE_CSL (RULE_IO, RULE_XML for the file itself). */
struct csl_style *csl_style_load(const char *path, struct diag *d);

/* As csl_style_load, from LEN bytes in memory reported as NAME (not copied). */
struct csl_style *csl_style_load_memory(const char *name, const char *bytes, size_t len,
                                        struct diag *d);

void csl_style_free(struct csl_style *style);

/* The value of attribute NAME on element X, or NULL: points into X, not a copy. */
const char *csl_xattr(const xmlNode *x, const char *name);

/* The value of attribute NAME on N, or NULL: points into the style, not a copy. */
const char *csl_attr(const struct csl_node *n, const char *name);

/* Is attribute NAME of N equal to VALUE? */
bool csl_attr_is(const struct csl_node *n, const char *name, const char *value);

/* The first child of N that is element EL, or NULL. */
const struct csl_node *csl_child(const struct csl_node *n, enum csl_el el);

/* An inheritable option: attribute NAME of N, else attribute INHERITED (NAME when
 * NULL) of AREA (the citation or bibliography being rendered), else of cs:style
 * (CSL 1.0.2, "Inheritable Name Options": names-delimiter, name-form and the like). */
const char *csl_inherit(const struct csl_node *n, const struct csl_node *area,
                        const char *name, const char *inherited);

#endif
