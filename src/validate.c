/* validate.c - validation: RELAX NG first, then one document-order walk for the rules a
 * schema cannot express. */
#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/relaxng.h>

/* src/briefc.rng, turned into a C string by the Makefile. */
extern const char briefc_schema[];

struct validator {
	xmlRelaxNGPtr schema; /* owned */
};

/* Where schema errors go while one source validates. */
struct report {
	const struct source *src;
	struct diag *d;
	unsigned errors;
	const xmlNode *last_schema_node; /* libxml2 often follows up on the same node */
};

static void
on_schema_compile_error(void *data, xmlErrorPtr err)
{
	struct diag *d = data;

	diag_report(d, RULE_SCHEMA, "briefc.rng", (unsigned)err->line, 0,
	            "built-in schema does not compile: %s",
	            err->message ? err->message : "unknown error");
}

struct validator *
validate_new(struct diag *d)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	struct validator *v;
	xmlRelaxNGPtr schema;

	pctxt = xmlRelaxNGNewMemParserCtxt(briefc_schema, (int)strlen(briefc_schema));
	if (pctxt == NULL)
		return NULL;
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_compile_error, d);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema == NULL)
		return NULL;
	v = xmlMalloc(sizeof(*v));
	if (v == NULL) {
		xmlRelaxNGFree(schema);
		return NULL;
	}
	v->schema = schema;
	return v;
}

void
validate_free(struct validator *v)
{
	if (v == NULL)
		return;
	xmlRelaxNGFree(v->schema);
	xmlFree(v);
}

static void
report_at(struct report *r, enum diag_rule rule, const xmlNode *node, const char *fmt,
          const char *arg)
{
	unsigned line = 0, col = 0;

	if (node != NULL)
		source_locate(r->src, node, &line, &col);
	diag_report(r->d, rule, r->src->path, line, col, fmt, arg);
	r->errors++;
}


/* Appends to BUF (of SIZE, holding a string) what libxml2's message leaves out. */
static void __attribute__((format(printf, 3, 4)))
append(char *buf, size_t size, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	if (n < size)
		vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
}

/* The attributes of NODE as name="value" pairs, for a message that says only that
 * one of them is wrong. */
static void
append_attributes(char *buf, size_t size, const xmlNode *node)
{
	const xmlAttr *a;

	append(buf, size, " (its attributes:");
	for (a = node->properties; a != NULL; a = a->next) {
		xmlChar *value = xmlNodeGetContent((const xmlNode *)a);
		const char *prefix = a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "";

		append(buf, size, " %s%s%s=\"%s\"", prefix, *prefix ? ":" : "",
		       (const char *)a->name, value ? (const char *)value : "");
		xmlFree(value);
	}
	append(buf, size, ")");
}

/* Elements whose first child the schema requires: when that child is missing, libxml2
 * only says the next element was not expected. */
static const struct {
	const char *parent, *first;
} required_first[] = {
	{"article", "info"},
	{"info", "title"},
	{"section", "title"},
};

/* The element PARENT must begin with, if it lacks it; NULL otherwise. */
static const char *
missing_first_child(const xmlNode *parent)
{
	const xmlNode *c = parent->children;
	size_t i;

	while (c != NULL && c->type != XML_ELEMENT_NODE)
		c = c->next;
	for (i = 0; i < sizeof(required_first) / sizeof(required_first[0]); i++)
		if (strcmp((const char *)parent->name, required_first[i].parent) == 0)
			return c != NULL && strcmp((const char *)c->name,
			                           required_first[i].first) == 0
			               ? NULL
			               : required_first[i].first;
	return NULL;
}

/* libxml2's RELAX NG messages name the element but not where it stands or what is
 * wrong with it: add the parent, a foreign namespace, or the attributes. */
static void
on_schema_error(void *data, xmlErrorPtr err)
{
	struct report *r = data;
	const xmlNode *node = err->node;
	char line[512], msg[1024];

	if (node != NULL && node == r->last_schema_node)
		return;
	r->last_schema_node = node;
	snprintf(msg, sizeof(msg), "%s",
	         diag_one_line(err->message, "invalid", line, sizeof(line)));
	if (node == NULL || node->type != XML_ELEMENT_NODE) {
		report_at(r, RULE_SCHEMA, node, "%s", msg);
		return;
	}
	if (strcmp(msg, "Expecting an element , got nothing") == 0)
		snprintf(msg, sizeof(msg), "<%s> ends before a required child element",
		         (const char *)node->name);
	else if (strstr(msg, "failed to validate attributes") != NULL)
		append_attributes(msg, sizeof(msg), node);
	if (node->ns == NULL || strcmp((const char *)node->ns->href, DOCBOOK_NS) != 0)
		append(msg, sizeof(msg), " (<%s> is in namespace \"%s\", not DocBook's)",
		       (const char *)node->name,
		       node->ns ? (const char *)node->ns->href : "");
	else if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE) {
		const char *first = missing_first_child(node->parent);

		if (first != NULL)
			append(msg, sizeof(msg), " (<%s> must begin with <%s>)",
			       (const char *)node->parent->name, first);
		else
			append(msg, sizeof(msg), " (inside <%s>)",
			       (const char *)node->parent->name);
	}
	report_at(r, RULE_SCHEMA, node, "%s", msg);
}

/* Records NODE's xml:id in IDS; a second element with the same id is an error that
 * points back at the first. */
static void
check_id(struct report *r, xmlHashTablePtr ids, xmlNodePtr node)
{
	xmlChar *id = xmlGetNsProp(node, (const xmlChar *)"id", (const xmlChar *)XML_NS);
	xmlNodePtr first;
	unsigned line, col;

	if (id == NULL)
		return;
	first = xmlHashLookup(ids, id);
	if (first == NULL) {
		xmlHashAddEntry(ids, id, node);
	} else {
		report_at(r, RULE_DUPLICATE_ID, node,
		          "xml:id \"%s\" is already used; ids must be unique", (char *)id);
		source_locate(r->src, first, &line, &col);
		diag_related(r->d, r->src->path, line, col, "\"%s\" first defined here",
		             (char *)id);
	}
	xmlFree(id);
}

static void
check_linkend(struct report *r, xmlHashTablePtr ids, xmlNodePtr node)
{
	xmlChar *target = xmlGetNsProp(node, (const xmlChar *)"linkend", NULL);

	if (target == NULL)
		return;
	if (xmlHashLookup(ids, target) == NULL)
		report_at(r, RULE_BROKEN_LINK, node,
		          "linkend \"%s\" names no element; add that xml:id or fix the link",
		          (char *)target);
	xmlFree(target);
}

/* Ids first (a link may point forward), then links. */
static void
check_tree(struct report *r, xmlNodePtr root)
{
	xmlHashTablePtr ids = xmlHashCreate(64);
	xmlNodePtr n;

	for (n = root; n != NULL; n = source_next(n, root))
		if (n->type == XML_ELEMENT_NODE)
			check_id(r, ids, n);
	for (n = root; n != NULL; n = source_next(n, root))
		if (n->type == XML_ELEMENT_NODE)
			check_linkend(r, ids, n);
	xmlHashFree(ids, NULL);
}

unsigned
validate_source(struct validator *v, const struct source *src, struct diag *d)
{
	struct report r = {src, d, 0, NULL};
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlNodePtr root = xmlDocGetRootElement(src->doc);

	vctxt = xmlRelaxNGNewValidCtxt(v->schema);
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &r);
	if (xmlRelaxNGValidateDoc(vctxt, src->doc) != 0 && r.errors == 0)
		report_at(&r, RULE_SCHEMA, root, "%s", "the brief does not match the schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (root != NULL)
		check_tree(&r, root);
	return r.errors;
}
