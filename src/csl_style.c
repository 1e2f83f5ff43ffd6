/* csl_style.c - load a CSL style safely (source.c's policy), check that it is CSL,
 * compile its elements into typed nodes, resolve macros and refuse call loops. */
#include "csl_style.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "source.h"

static const struct {
	const char *name;
	enum csl_el el;
} elements[] = {
	{"style", CSL_EL_STYLE}, {"citation", CSL_EL_CITATION},
	{"bibliography", CSL_EL_BIBLIOGRAPHY}, {"macro", CSL_EL_MACRO},
	{"locale", CSL_EL_LOCALE}, {"layout", CSL_EL_LAYOUT}, {"sort", CSL_EL_SORT},
	{"key", CSL_EL_KEY}, {"text", CSL_EL_TEXT}, {"date", CSL_EL_DATE},
	{"date-part", CSL_EL_DATE_PART}, {"number", CSL_EL_NUMBER},
	{"names", CSL_EL_NAMES}, {"name", CSL_EL_NAME}, {"name-part", CSL_EL_NAME_PART},
	{"et-al", CSL_EL_ET_AL}, {"label", CSL_EL_LABEL}, {"substitute", CSL_EL_SUBSTITUTE},
	{"group", CSL_EL_GROUP}, {"choose", CSL_EL_CHOOSE}, {"if", CSL_EL_IF},
	{"else-if", CSL_EL_ELSE_IF}, {"else", CSL_EL_ELSE},
};

static enum csl_el
element_of(const xmlNode *x)
{
	size_t i;

	for (i = 0; i < sizeof(elements) / sizeof(elements[0]); i++)
		if (xmlStrEqual(x->name, (const xmlChar *)elements[i].name))
			return elements[i].el;
	return CSL_EL_OTHER;
}

const char *
csl_xattr(const xmlNode *x, const char *name)
{
	const xmlAttr *a;

	/* The engine asks for attributes by the hundred thousand: the first letter
	 * turns most away before a call. */
	for (a = x ? x->properties : NULL; a != NULL; a = a->next)
		if (a->ns == NULL && a->name[0] == (xmlChar)name[0] &&
		    strcmp((const char *)a->name, name) == 0)
			return a->children ? (const char *)a->children->content : "";
	return NULL;
}

const char *
csl_attr(const struct csl_node *n, const char *name)
{
	return n ? csl_xattr(n->xml, name) : NULL;
}

bool
csl_attr_is(const struct csl_node *n, const char *name, const char *value)
{
	const char *v = csl_attr(n, name);

	return v != NULL && strcmp(v, value) == 0;
}

const struct csl_node *
csl_child(const struct csl_node *n, enum csl_el el)
{
	const struct csl_node *k;

	for (k = n ? n->kids : NULL; k != NULL; k = k->next)
		if (k->el == el)
			return k;
	return NULL;
}

const char *
csl_inherit(const struct csl_node *n, const struct csl_node *area, const char *name,
            const char *inherited)
{
	const char *v = csl_attr(n, name);

	/* the citation or bibliography being rendered, not where N is written: a macro
	 * serves both */
	for (; v == NULL && area != NULL; area = area->parent)
		v = csl_attr(area, inherited ? inherited : name);
	return v;
}

/* Counts the CSL elements under X (X included), stopping past the limit. */
static size_t
count_elements(const xmlNode *x, unsigned depth, unsigned *maxdepth)
{
	const xmlNode *k;
	size_t n = 1;

	if (depth > *maxdepth)
		*maxdepth = depth;
	if (depth > CSL_STYLE_MAX_DEPTH)
		return n;
	for (k = x->children; k != NULL && n <= CSL_STYLE_MAX_NODES; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			n += count_elements(k, depth + 1, maxdepth);
	return n;
}

/* Fills style->nodes from X down, in document order; returns X's node. */
static struct csl_node *
compile(struct csl_style *style, const xmlNode *x, struct csl_node *parent)
{
	struct csl_node *n = &style->nodes[style->nnodes++], **tail = &n->kids;
	const xmlNode *k;

	n->el = element_of(x);
	n->xml = x;
	n->parent = parent;
	for (k = x->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		*tail = compile(style, k, n);
		tail = &(*tail)->next;
	}
	return n;
}

static const struct csl_node *
find_macro(const struct csl_style *style, const char *name)
{
	const struct csl_node *k;

	for (k = style->nodes[0].kids; k != NULL; k = k->next)
		if (k->el == CSL_EL_MACRO && csl_attr_is(k, "name", name))
			return k;
	return NULL;
}

/* Points every macro= at its macro; reports one that is missing. */
static int
resolve_macros(struct csl_style *style, const char *name, struct diag *d)
{
	size_t i;

	for (i = 0; i < style->nnodes; i++) {
		struct csl_node *n = &style->nodes[i];
		const char *m = csl_attr(n, "macro");

		if (m == NULL || (n->el != CSL_EL_TEXT && n->el != CSL_EL_KEY))
			continue;
		n->macro = find_macro(style, m);
		if (n->macro == NULL) {
			diag_report(d, RULE_CSL, name, (unsigned)xmlGetLineNo(n->xml), 0,
			            "macro \"%s\" is called but not defined", m);
			return -1;
		}
	}
	return 0;
}

/* The walk over macro calls: each macro's state (0 unseen, 1 on the current path,
 * 2 done) and the longest chain of calls it starts. */
struct walk {
	const struct csl_style *style;
	unsigned char *state;
	unsigned *chain;
	const struct csl_node *loop; /* the macro closing a loop, once found */
	bool deep;                   /* calls nest past CSL_STYLE_MAX_CALLS */
};

/* The longest chain of macro calls under N, reached LEVEL calls deep; stops at the
 * first loop or past the limit, so the walk's own depth is bounded. */
static unsigned
walk_calls(struct walk *w, const struct csl_node *n, unsigned level)
{
	const struct csl_node *k;
	unsigned longest = 0, c;

	if (n->macro != NULL) {
		size_t m = (size_t)(n->macro - w->style->nodes);

		if (w->state[m] == 1) {
			w->loop = n->macro;
			return 0;
		}
		if (w->state[m] == 0 && level < CSL_STYLE_MAX_CALLS) {
			w->state[m] = 1;
			w->chain[m] = 1 + walk_calls(w, n->macro, level + 1);
			w->state[m] = 2;
		}
		if (w->state[m] != 2 || level + w->chain[m] > CSL_STYLE_MAX_CALLS)
			w->deep = true;
		longest = w->chain[m];
	}
	for (k = n->kids; k != NULL && w->loop == NULL && !w->deep; k = k->next)
		if ((c = walk_calls(w, k, level)) > longest)
			longest = c;
	return longest;
}

static int
check_calls(const struct csl_style *style, const char *name, struct diag *d)
{
	struct walk w = {style, calloc(style->nnodes, 1),
	                 calloc(style->nnodes, sizeof(unsigned)), NULL, false};

	if (w.state == NULL || w.chain == NULL)
		mem_exhausted();
	walk_calls(&w, &style->nodes[0], 0);
	free(w.state);
	free(w.chain);
	if (w.loop != NULL) {
		diag_report(d, RULE_CSL, name, (unsigned)xmlGetLineNo(w.loop->xml), 0,
		            "macro \"%s\" calls itself, directly or through other macros",
		            csl_attr(w.loop, "name"));
		return -1;
	}
	if (w.deep) {
		diag_report(d, RULE_CSL, name, 0, 0, "macros call each other more than %d "
		            "deep, the limit", CSL_STYLE_MAX_CALLS);
		return -1;
	}
	return 0;
}

/* Is the document a CSL style? Reports why not. */
static int
check_root(const xmlNode *root, const char *name, struct diag *d)
{
	if (root != NULL && xmlStrEqual(root->name, (const xmlChar *)"style") &&
	    root->ns != NULL && xmlStrEqual(root->ns->href, (const xmlChar *)CSL_NS))
		return 0;
	diag_report(d, RULE_CSL, name, root ? (unsigned)xmlGetLineNo(root) : 0, 0,
	            "not a CSL style: the root element must be <style> in the namespace "
	            CSL_NS);
	return -1;
}

static int
check_size(const xmlNode *root, const char *name, struct diag *d)
{
	unsigned depth = 0;
	size_t n = count_elements(root, 0, &depth);

	if (n > CSL_STYLE_MAX_NODES) {
		diag_report(d, RULE_CSL, name, 0, 0, "the style has more than %d elements, "
		            "the limit", CSL_STYLE_MAX_NODES);
		return -1;
	}
	if (depth > CSL_STYLE_MAX_DEPTH) {
		diag_report(d, RULE_CSL, name, 0, 0, "the style's elements nest more than "
		            "%d deep, the limit", CSL_STYLE_MAX_DEPTH);
		return -1;
	}
	return 0;
}

/* Does N, or an element within it or a macro it calls, test disambiguate? MEMO holds
 * each macro's answer by node index (0: not yet known, 1: no, 2: yes), so that every
 * macro is walked once however often it is called. */
static bool
tests_disambiguate(const struct csl_style *style, const struct csl_node *n,
                   unsigned char *memo)
{
	const struct csl_node *k;

	if (csl_attr(n, "disambiguate") != NULL)
		return true;
	if (n->macro != NULL) {
		unsigned char *m = &memo[n->macro - style->nodes];

		if (*m == 0)
			*m = tests_disambiguate(style, n->macro, memo) ? 2 : 1;
		if (*m == 2)
			return true;
	}
	for (k = n->kids; k != NULL; k = k->next)
		if (tests_disambiguate(style, k, memo))
			return true;
	return false;
}

static void
read_options(struct csl_style *style)
{
	const struct csl_node *k;
	size_t i;

	for (i = 0; i < style->nnodes; i++)
		style->year_suffix_shown |= csl_attr_is(&style->nodes[i], "variable",
		                                        "year-suffix");
	style->cls = csl_attr_is(&style->nodes[0], "class", "note") ? CSL_CLASS_NOTE
	                                                             : CSL_CLASS_IN_TEXT;
	style->default_locale = csl_attr(&style->nodes[0], "default-locale");
	for (k = style->nodes[0].kids; k != NULL; k = k->next) {
		if (k->el == CSL_EL_CITATION)
			style->citation = k;
		else if (k->el == CSL_EL_BIBLIOGRAPHY)
			style->bibliography = k;
	}
	if (style->bibliography != NULL) {
		unsigned char *memo = mem_alloc(style->nnodes);

		memset(memo, 0, style->nnodes);
		style->bib_disambiguates =
			csl_attr_is(style->citation, "disambiguate-add-year-suffix", "true") ||
			tests_disambiguate(style, style->bibliography, memo);
		free(memo);
	}
}

/* Takes SRC's tree into a style, or reports why it cannot. */
static struct csl_style *
style_from(struct source *src, const char *name, struct diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(src->doc);
	struct csl_style *style;
	unsigned depth = 0;
	size_t count;

	if (check_root(root, name, d) != 0 || check_size(root, name, d) != 0)
		return NULL;
	count = count_elements(root, 0, &depth);
	style = mem_alloc(sizeof(*style));
	memset(style, 0, sizeof(*style));
	style->nodes = mem_realloc_array(NULL, count, sizeof(*style->nodes));
	memset(style->nodes, 0, count * sizeof(*style->nodes));
	style->doc = src->doc;
	src->doc = NULL;
	compile(style, root, NULL);
	if (resolve_macros(style, name, d) != 0 || check_calls(style, name, d) != 0) {
		csl_style_free(style);
		return NULL;
	}
	read_options(style);
	return style;
}

struct csl_style *
csl_style_load(const char *path, struct diag *d)
{
	struct source src = {.data = true};
	struct csl_style *style = NULL;

	if (source_load(&src, path, CSL_STYLE_MAX_BYTES, d) == SOURCE_OK)
		style = style_from(&src, path, d);
	source_free(&src);
	return style;
}

struct csl_style *
csl_style_load_memory(const char *name, const char *bytes, size_t len, struct diag *d)
{
	struct source src = {.data = true};
	struct csl_style *style = NULL;

	if (source_load_memory(&src, name, bytes, len, CSL_STYLE_MAX_BYTES, d) == SOURCE_OK)
		style = style_from(&src, name, d);
	source_free(&src);
	return style;
}

void
csl_style_free(struct csl_style *style)
{
	if (style == NULL)
		return;
	xmlFreeDoc(style->doc);
	free(style->nodes);
	free(style);
}
