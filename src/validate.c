/* validate.c - validation: RELAX NG first, then one document-order walk for the rules a
 * schema cannot express. */
#include "validate.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/uri.h>
#include <unictype.h>
#include <unistr.h>

#include "emit.h"
#include "mem.h"
#include "norm.h"

#define XLINK_NS "http://www.w3.org/1999/xlink"

/* src/briefc.rng, turned into a C string by the Makefile. */
extern const char briefc_schema[];

/* The schema compiles on a thread of its own (validate_new), beside whatever the
 * caller does before the first brief needs it: a fifth of a small build's work. */
struct validator {
	xmlRelaxNGPtr schema; /* owned; NULL until compiled, and if it does not compile */
	struct diag said;     /* what compiling reported, for validate_source's caller */
	pthread_t thread;
	bool compiling;       /* the thread has not been joined */
	bool reported;        /* SAID has been passed on */
};

/* Where schema errors go while one source validates. */
struct report {
	const struct source *src;
	struct diag *d;
	unsigned errors;       /* of the findings that leave the tree unfit to resolve */
	unsigned suppressed;   /* schema errors left to a clearer rule (nested-footnote,
	                          malformed-url) */
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

static void *
compile_schema(void *arg)
{
	struct validator *v = arg;
	xmlRelaxNGParserCtxtPtr pctxt;

	mem_thread_start();
	pctxt = xmlRelaxNGNewMemParserCtxt(briefc_schema, (int)strlen(briefc_schema));
	if (pctxt == NULL)
		mem_exhausted();
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_compile_error, &v->said);
	v->schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return NULL;
}

struct validator *
validate_new(struct diag *d)
{
	struct validator *v = mem_alloc(sizeof(*v));

	(void)d;
	memset(v, 0, sizeof(*v));
	diag_init(&v->said, NULL);
	/* libxml2 registers RELAX NG's datatype libraries, and builds XML Schema's
	 * types they use, at the first parse, unlocked: two schemas compiling at once
	 * (-j) would both do it, and one fail or leak. Done here, on the caller's
	 * thread, they are there for all. */
	if (xmlRelaxNGInitTypes() != 0)
		mem_exhausted();
	xmlSchemaInitTypes();
	v->compiling = emit_quiet_thread(&v->thread, compile_schema, v);
	if (!v->compiling)
		compile_schema(v);
	return v;
}

/* Waits for the schema; returns it, or NULL (reported to D, once) if it did not
 * compile. */
static xmlRelaxNGPtr
schema_of(struct validator *v, struct diag *d)
{
	validate_wait(v);
	if (!v->reported) {
		diag_take(d, &v->said);
		if (v->schema == NULL && v->said.errors == 0)
			diag_report(d, RULE_SCHEMA, "briefc.rng", 0, 0,
			            "built-in schema does not compile");
		v->reported = true;
	}
	return v->schema;
}

void
validate_wait(struct validator *v)
{
	if (v != NULL && v->compiling) {
		pthread_join(v->thread, NULL);
		v->compiling = false;
	}
}

void
validate_free(struct validator *v)
{
	if (v == NULL)
		return;
	validate_wait(v);
	xmlRelaxNGFree(v->schema);
	diag_free(&v->said);
	free(v);
}

/* Does a finding of RULE leave the tree fit for resolution? Then it is reported but not
 * counted: a bad URL or an empty note should not hide the brief's citation problems. */
static bool
leaves_tree_usable(enum diag_rule rule)
{
	return rule == RULE_MALFORMED_URL || rule == RULE_EMPTY_NOTE;
}

static void __attribute__((format(printf, 4, 5)))
report_at(struct report *r, enum diag_rule rule, const xmlNode *node, const char *fmt, ...)
{
	unsigned line = 0, col = 0;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (node != NULL)
		source_locate(r->src, node, &line, &col);
	diag_report(r->d, rule, r->src->path, line, col, "%s", msg);
	r->errors += !leaves_tree_usable(rule);
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

/* The first element child of PARENT, or NULL. */
static xmlNodePtr
first_element(const xmlNode *parent)
{
	xmlNodePtr c = parent->children;

	while (c != NULL && c->type != XML_ELEMENT_NODE)
		c = c->next;
	return c;
}

/* The element PARENT must begin with, if it lacks it; NULL otherwise. */
static const char *
missing_first_child(const xmlNode *parent)
{
	const xmlNode *c = first_element(parent);
	size_t i;

	for (i = 0; i < sizeof(required_first) / sizeof(required_first[0]); i++)
		if (strcmp((const char *)parent->name, required_first[i].parent) == 0)
			return c != NULL && strcmp((const char *)c->name,
			                           required_first[i].first) == 0
			               ? NULL
			               : required_first[i].first;
	return NULL;
}

/* S without leading and trailing XML white space, in place. */
static char *
trim(char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		s[--n] = '\0';
	return s;
}

/* TEXT with every byte outside ASCII %-escaped: an IRI ("https://elpais.com/año")
 * mapped to the URI it stands for (RFC 3987, 3.1), which xmlParseURI can read. */
static char *
iri_to_uri(const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = mem_alloc(3 * strlen(text) + 1), *o = out;
	const unsigned char *s;

	for (s = (const unsigned char *)text; *s != '\0'; s++) {
		if (*s < 0x80) {
			*o++ = (char)*s;
			continue;
		}
		*o++ = '%';
		*o++ = hex[*s >> 4];
		*o++ = hex[*s & 15];
	}
	*o = '\0';
	return out;
}

/* Whether URL (trimmed) is an absolute http or https URL with a host. If not, WHY (of
 * SIZE) gets what is wrong and what to do, as "has no scheme; begin it with ...". */
static bool
url_ok(const char *url, char *why, size_t size)
{
	xmlURIPtr uri;
	char *escaped;
	bool ok = false;

	if (*url == '\0') {
		snprintf(why, size, "is empty; write the address, beginning https://");
		return false;
	}
	if (strpbrk(url, " \t\r\n") != NULL) {
		snprintf(why, size, "contains a space; write each space as %%20");
		return false;
	}
	escaped = iri_to_uri(url);
	uri = xmlParseURI(escaped);
	free(escaped);
	if (uri == NULL)
		snprintf(why, size, "is not a well-formed URL; write the characters a URL "
		         "cannot hold (\" < > { } | \\ ^ `) as %%XX");
	else if (uri->scheme == NULL)
		snprintf(why, size, "has no scheme; begin it with https:// (or http://)");
	else if (strcasecmp(uri->scheme, "http") != 0 && strcasecmp(uri->scheme, "https") != 0)
		snprintf(why, size, "has the scheme \"%.40s\"; write an http or https URL",
		         uri->scheme);
	else if (uri->server == NULL || *uri->server == '\0')
		snprintf(why, size, "names no host; write it as https://host/path");
	else
		ok = true;
	xmlFreeURI(uri);
	return ok;
}

/* Is S (trimmed) a DOI: "10.", a registrant code of four or more digits (maybe with
 * dotted subdivisions), "/" and a suffix, with no space? */
static bool
doi_ok(const char *s)
{
	size_t n;

	if (strncmp(s, "10.", 3) != 0 || (n = strspn(s + 3, "0123456789")) < 4)
		return false;
	for (s += 3 + n; *s == '.'; s += 1 + n)
		if ((n = strspn(s + 1, "0123456789")) == 0)
			return false;
	return *s == '/' && s[1] != '\0' && strpbrk(s, " \t\r\n") == NULL;
}

/* Is NODE a <link> or <uri> whose xlink:href libxml2's anyURI type refused (MESSAGE), and which
 * check_url reports as a malformed URL? */
static bool
bad_href(const xmlNode *node, const char *message)
{
	xmlChar *href;
	char why[256];
	bool bad;

	if (!(source_is(node, "link") || source_is(node, "uri")) || message == NULL ||
	    strncmp(message, "Type anyURI", 11) != 0)
		return false;
	href = xmlGetNsProp(node, (const xmlChar *)"href", (const xmlChar *)XLINK_NS);
	bad = href != NULL && !url_ok(trim((char *)href), why, sizeof(why));
	xmlFree(href);
	return bad;
}

/* Is NODE a footnote inside another footnote? libxml2 reports one (on the inner
 * <footnote>, then passes over its content) as an element not expected there;
 * check_note says what is wrong instead. The walk up is short: libxml2 parses no tree
 * deeper than 256 levels, and reports each element at most once. */
static bool
nested_footnote(const xmlNode *node)
{
	if (!source_is(node, "footnote"))
		return false;
	for (node = node->parent; node != NULL; node = node->parent)
		if (source_is(node, "footnote"))
			return true;
	return false;
}

/* What a newcomer writes for a brief's element: HTML's names and DocBook's older ones. */
static const struct {
	const char *written, *meant;
} element_aliases[] = {
	{"paragraph", "para"}, {"p", "para"}, {"sect1", "section"}, {"sect2", "section"},
	{"sect3", "section"}, {"sect", "section"}, {"ul", "itemizedlist"},
	{"ol", "orderedlist"}, {"li", "listitem"}, {"em", "emphasis"}, {"i", "emphasis"},
	{"b", "emphasis"}, {"a", "link"}, {"fn", "footnote"}, {"img", "imagedata"},
	{"h1", "title"}, {"h2", "title"}, {"cite", "citation"},
};

/* Levenshtein distance of A and B, up to 3 (more is "far"). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[64], prev, tmp;

	if (la > 60 || lb > 60)
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
			         1 + (prev < row[j] ? (prev < row[j - 1] ? prev : row[j - 1]) :
			                              (row[j] < row[j - 1] ? row[j] : row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb] > 3 ? 3 : row[lb];
}

/* The element NAME was probably meant to be, or NULL: an alias, else the one element
 * of briefc.rng (its names read off the schema itself, so none is missed) within two
 * edits (one for short names). Copied into MEANT, of SIZE bytes. */
static const char *
meant_element(const char *name, char *meant, size_t size)
{
	static const char tag[] = "<element name=\"";
	const char *p, *end;
	size_t i, best_d = 3, dmax = strlen(name) >= 5 ? 2 : 1;

	for (i = 0; i < sizeof(element_aliases) / sizeof(element_aliases[0]); i++)
		if (strcmp(name, element_aliases[i].written) == 0) {
			snprintf(meant, size, "%s", element_aliases[i].meant);
			return meant;
		}
	for (p = strstr(briefc_schema, tag); p != NULL; p = strstr(end, tag)) {
		char element[64];
		size_t dd;

		p += sizeof(tag) - 1;
		end = strchr(p, '"');
		if (end == NULL || (size_t)(end - p) >= sizeof(element))
			break;
		memcpy(element, p, (size_t)(end - p));
		element[end - p] = '\0';
		dd = distance(name, element);
		if (dd <= dmax && dd < best_d) {
			snprintf(meant, size, "%s", element);
			best_d = dd;
		}
	}
	return best_d < 3 ? meant : NULL;
}

/* libxml2's RELAX NG messages name the element but not where it stands or what is
 * wrong with it: add the parent, a foreign namespace, the attributes, the element
 * meant ("did you mean <para>?"); and a brief with no xml:lang is told so. */
static void
on_schema_error(void *data, xmlErrorPtr err)
{
	struct report *r = data;
	const xmlNode *node = err->node;
	char line[512], msg[1024], meant[64];

	if (node != NULL && node == r->last_schema_node)
		return;
	if (node != NULL && (nested_footnote(node) || bad_href(node, err->message))) {
		r->last_schema_node = node;
		r->suppressed++;
		return;
	}
	r->last_schema_node = node;
	snprintf(msg, sizeof(msg), "%s",
	         diag_one_line(err->message, "invalid", line, sizeof(line)));
	if (strcmp(msg, "Element article failed to validate attributes") == 0 &&
	    (node = xmlDocGetRootElement(r->src->doc)) != NULL &&
	    !xmlHasNsProp(node, (const xmlChar *)"lang", (const xmlChar *)XML_NS)) {
		report_at(r, RULE_SCHEMA, node, "<article> needs xml:lang, the language the "
		          "brief is written in: <article xml:lang=\"en\" ...>");
		return;
	}
	if (node == NULL || node->type != XML_ELEMENT_NODE) {
		report_at(r, RULE_SCHEMA, node, "%s", msg);
		return;
	}
	/* Where the schema interleaves children after a required first one (<info>),
	 * libxml2 reports the parent; the child in the first one's place is the news. */
	if (strncmp(msg, "Expecting element ", 18) == 0 && missing_first_child(node) != NULL &&
	    first_element(node) != NULL) {
		node = first_element(node);
		snprintf(msg, sizeof(msg), "Did not expect element %s there",
		         (const char *)node->name);
	}
	if (strlen(msg) >= 21 + 13 && strncmp(msg, "Expecting an element ", 21) == 0 &&
	    strcmp(msg + strlen(msg) - 13, ", got nothing") == 0) {
		/* libxml2 names the element it expected when the schema has one there. */
		int n = (int)(strlen(msg) - 21 - 13);
		char wanted[128];

		snprintf(wanted, sizeof(wanted), n > 0 ? " <%.*s>" : "%.*s", n, msg + 21);
		snprintf(msg, sizeof(msg), "<%s> ends before a required child element%s",
		         (const char *)node->name, wanted);
	}
	else if (strstr(msg, "failed to validate attributes") != NULL)
		append_attributes(msg, sizeof(msg), node);
	else if (strncmp(msg, "Did not expect element ", 23) == 0 &&
	         node->ns != NULL && strcmp((const char *)node->ns->href, DOCBOOK_NS) == 0 &&
	         meant_element((const char *)node->name, meant, sizeof(meant)) != NULL &&
	         strcmp(meant, (const char *)node->name) != 0)
		snprintf(msg, sizeof(msg), "<%s> is no element of a brief; did you mean <%s>?",
		         (const char *)node->name, meant);
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

/* How many characters of a URL or DOI a message quotes. */
#define QUOTED_CHARS 100

static void
report_url(struct report *r, const xmlNode *node, const char *url)
{
	char why[256];
	char *shown;

	if (url_ok(url, why, sizeof(why)))
		return;
	shown = norm_excerpt(url, QUOTED_CHARS);
	report_at(r, RULE_MALFORMED_URL, node, "URL \"%s\" %s", shown, why);
	free(shown);
}

static void
report_doi(struct report *r, const xmlNode *node, const char *doi)
{
	char *shown;

	if (doi_ok(doi))
		return;
	shown = norm_excerpt(doi, QUOTED_CHARS);
	report_at(r, RULE_MALFORMED_URL, node, "DOI \"%s\" is not of the form "
	          "10.NNNN/suffix; write the bare DOI, without \"doi:\" or "
	          "\"https://doi.org/\"", shown);
	free(shown);
}

static bool
class_is(const xmlNode *node, const char *value)
{
	xmlChar *v = xmlGetNsProp(node, (const xmlChar *)"class", NULL);
	bool is = v != NULL && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return is;
}

/* A <link xlink:href> or <uri xlink:href> must lead somewhere, and a <biblioid> or <citebiblioid> of class
 * uri or doi must be one (a DOI leads somewhere through https://doi.org/). Other
 * classes (isbn, issn, pubsnumber) are not checked. */
static void
check_url(struct report *r, const xmlNode *node)
{
	bool id = source_is(node, "biblioid") || source_is(node, "citebiblioid");
	xmlChar *raw = NULL;

	if (source_is(node, "link") || source_is(node, "uri"))
		raw = xmlGetNsProp(node, (const xmlChar *)"href", (const xmlChar *)XLINK_NS);
	else if (id && (class_is(node, "uri") || class_is(node, "doi")))
		raw = xmlNodeGetContent(node);
	if (raw == NULL)
		return;
	if (id && class_is(node, "doi"))
		report_doi(r, node, trim((char *)raw));
	else
		report_url(r, node, trim((char *)raw));
	xmlFree(raw);
}

/* Does the text S hold anything but white space (Unicode's, no-break spaces included)? */
static bool
has_text(const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		ucs4_t c;
		int step = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);

		if (!uc_is_property_white_space(c))
			return true;
		i += (size_t)step;
	}
	return false;
}

/* Elements with no content that still print something in a note. */
static bool
prints_itself(const xmlNode *node)
{
	return source_is(node, "biblioref") || source_is(node, "xref") ||
	       source_is(node, "footnoteref") || source_is(node, "link");
}

/* Note NUMBER, the <footnote> NOTE: a footnote inside it is an error (reported once, at
 * the outermost one inside; what is inside that is not looked at, as libxml2 does not);
 * a note that prints nothing is a warning. */
static void
check_note(struct report *r, xmlNodePtr note, unsigned number)
{
	xmlNodePtr n = note->children;
	bool text = false, nested = false;

	while (n != NULL) {
		if (source_is(n, "footnote")) {
			report_at(r, RULE_NESTED_FOOTNOTE, n, "footnote inside note %u; a note "
			          "cannot hold another: move this one into the text, or merge it "
			          "into note %u", number, number);
			nested = true;
			n = source_skip(n, note);
			continue;
		}
		text = text || (n->type == XML_TEXT_NODE && n->content != NULL &&
		                has_text((const char *)n->content)) || prints_itself(n);
		n = source_next(n, note);
	}
	if (!text && !nested)
		report_at(r, RULE_EMPTY_NOTE, note, "note %u is empty; write the note or remove "
		          "the footnote", number);
}

/* Ids first (a link may point forward), then links, addresses and notes. Footnotes are
 * numbered in document order, as resolution numbers them; each outermost one is
 * checked whole by check_note. */
static void
check_tree(struct report *r, xmlNodePtr root)
{
	xmlHashTablePtr ids = xmlHashCreate(64);
	xmlNodePtr n, note_end = NULL;
	bool in_note = false;
	unsigned notes = 0;

	for (n = root; n != NULL; n = source_next(n, root))
		if (n->type == XML_ELEMENT_NODE)
			check_id(r, ids, n);
	for (n = root; n != NULL; n = source_next(n, root)) {
		if (in_note && n == note_end)
			in_note = false;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		check_linkend(r, ids, n);
		check_url(r, n);
		if (!source_is(n, "footnote"))
			continue;
		notes++;
		if (!in_note) {
			check_note(r, n, notes);
			in_note = true;
			note_end = source_skip(n, root);
		}
	}
	xmlHashFree(ids, NULL);
}

unsigned
validate_source(struct validator *v, const struct source *src, struct diag *d)
{
	struct report r = {src, d, 0, 0, NULL};
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlNodePtr root = xmlDocGetRootElement(src->doc);
	xmlRelaxNGPtr schema = schema_of(v, d);

	if (schema == NULL)
		return 1;
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &r);
	if (xmlRelaxNGValidateDoc(vctxt, src->doc) != 0 && r.errors == 0 &&
	    r.suppressed == 0)
		report_at(&r, RULE_SCHEMA, root, "%s", "the brief does not match the schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (root != NULL)
		check_tree(&r, root);
	return r.errors;
}
