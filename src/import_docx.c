/* import_docx.c - the docx reader: the WordprocessingML parts read out of the zip
 * (unzip.c), parsed with no DTD, grafted into one document and mapped to the raw brief
 * by xsl/import-docx.xsl; then its neighbouring runs, items and quotes joined, its
 * notes numbered and its blocks trimmed. Nothing else in the zip is read. */
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "mem.h"
#include "source.h"
#include "transform.h"
#include "unzip.h"

/* The namespace of the wrapper import-docx.xsl reads. */
#define DOCX_NS "urn:x-briefc:docx"

/* Never on a manuscript: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, RECOVER, HUGE. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* Most elements all the parts may hold together: each costs some 170 bytes parsed,
 * so a part of tiny elements under IMPORT_MAX_PART would otherwise take gigabytes. A
 * document of 1,500 pages holds fewer. */
#define DOCX_MAX_ELEMENTS 1000000

/* The parts read, each grafted under a wrapper element of its name. */
static const struct {
	const char *path, *wrapper;
	int required;
} parts[] = {
	{"word/document.xml", "document", 1},
	{"word/footnotes.xml", "footnotes", 0},
	{"word/endnotes.xml", "endnotes", 0},
	{"word/styles.xml", "styles", 0},
	{"word/numbering.xml", "numbering", 0},
};

/* What the parser's callbacks need while one part parses. */
struct part_load {
	const char *name, *part;
	struct diag *d;
	size_t *elements;  /* in all the parts parsed so far */
	int failed;        /* reported: the part is refused */
};

static void
on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                 const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                 int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct part_load *pl = ctxt->_private;

	if (++*pl->elements > DOCX_MAX_ELEMENTS) {
		diag_report(pl->d, RULE_MANUSCRIPT, pl->name, 0, 0, "%s takes the docx past %d "
		            "XML elements, more than briefc reads", pl->part, DOCX_MAX_ELEMENTS);
		pl->failed = 1;
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nns, ns, nattrs, ndefaulted,
	                      attrs);
}

/* A docx part is written by a program, never by hand: a DOCTYPE can only be an
 * attempt on the reader (entities, external loads), so parsing stops there. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
           const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct part_load *pl = ctxt->_private;

	(void)name, (void)public_id, (void)system_id;
	diag_report(pl->d, RULE_MANUSCRIPT, pl->name, 0, 0,
	            "%s holds a DOCTYPE; a docx part never needs one", pl->part);
	pl->failed = 1;
	xmlStopParser(ctxt);
}

/* The first problem is reported; what libxml2 says after it is noise. */
static void
on_xml_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct part_load *pl = ctxt->_private;
	char msg[512];

	if (pl->failed || err->level < XML_ERR_ERROR)
		return;
	diag_report(pl->d, RULE_MANUSCRIPT, pl->name, 0, 0,
	            "%s is not well-formed XML (line %d: %s)", pl->part, err->line,
	            diag_one_line(err->message, "malformed", msg, sizeof(msg)));
	pl->failed = 1;
	xmlStopParser(ctxt);
}

/* The LEN BYTES of PART parsed, counted into *ELEMENTS; NULL after reporting to D. */
static xmlDocPtr
parse_part(const char *name, const char *part, const char *bytes, size_t len,
           size_t *elements, struct diag *d)
{
	struct part_load pl = {name, part, d, elements, 0};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (ctxt == NULL)
		mem_exhausted();
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->serror = on_xml_error;
	ctxt->_private = &pl;
	/* unzip_read held LEN to IMPORT_MAX_PART, far below INT_MAX. */
	doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, part, NULL, PARSE_OPTIONS);
	if (!pl.failed && (doc == NULL || !ctxt->wellFormed ||
	                   xmlDocGetRootElement(doc) == NULL)) {
		diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "%s is not well-formed XML", part);
		pl.failed = 1;
	}
	xmlFreeParserCtxt(ctxt);
	if (pl.failed) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* Moves the root of PART (freed) under a new element WRAPPER of DOCX's root. */
static void
graft(xmlDocPtr docx, const char *wrapper, xmlDocPtr part)
{
	xmlNodePtr root = xmlDocGetRootElement(docx);
	xmlNodePtr parent = xmlNewChild(root, root->ns, (const xmlChar *)wrapper, NULL);
	xmlNodePtr top = xmlDocGetRootElement(part);

	if (parent == NULL)
		mem_exhausted();
	xmlUnlinkNode(top);
	/* Re-homes names, namespaces (xml: included) and dictionary strings; fails only
	 * on arguments wrong by construction. */
	if (xmlDOMWrapAdoptNode(NULL, part, top, docx, parent, 0) != 0)
		abort();
	xmlAddChild(parent, top);
	xmlFreeDoc(part);
}

/* The parts of the zip Z grafted into one document; NULL after reporting to D. */
static xmlDocPtr
read_parts(const char *name, struct unzip *z, struct diag *d)
{
	xmlDocPtr docx = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(docx, NULL, (const xmlChar *)"docx", NULL);
	size_t i, len, elements = 0;

	if (docx == NULL || root == NULL)
		mem_exhausted();
	xmlDocSetRootElement(docx, root);
	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)DOCX_NS, NULL));
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char *bytes;
		xmlDocPtr part;
		enum unzip_status st = unzip_read(z, parts[i].path, IMPORT_MAX_PART, &bytes, &len);

		if (st == UNZIP_NOT_FOUND && !parts[i].required)
			continue;
		if (st == UNZIP_NOT_FOUND) {
			diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "no %s in the zip; a docx "
			            "has its text there", parts[i].path);
			break;
		}
		if (st != UNZIP_OK) {
			diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "%s", z->error);
			break;
		}
		part = parse_part(name, parts[i].path, bytes, len, &elements, d);
		free(bytes);
		if (part == NULL)
			break;
		graft(docx, parts[i].wrapper, part);
	}
	if (i < sizeof(parts) / sizeof(parts[0])) {
		xmlFreeDoc(docx);
		return NULL;
	}
	return docx;
}

/* Is NODE an element the stylesheet writes once per run, item or paragraph, that
 * joins with a twin right after it? */
static int
joins(const xmlNode *node)
{
	return source_is(node, "emphasis") || source_is(node, "itemizedlist") ||
	       source_is(node, "orderedlist") || source_is(node, "blockquote");
}

/* Are elements A and B the same element with the same attributes? */
static int
twins(const xmlNode *a, const xmlNode *b)
{
	const xmlAttr *x, *y;

	if (b->type != XML_ELEMENT_NODE || a->ns == NULL || b->ns == NULL ||
	    !xmlStrEqual(a->ns->href, b->ns->href) || !xmlStrEqual(a->name, b->name))
		return 0;
	for (x = a->properties, y = b->properties; x != NULL && y != NULL;
	     x = x->next, y = y->next) {
		xmlChar *vx = xmlNodeGetContent((const xmlNode *)x);
		xmlChar *vy = xmlNodeGetContent((const xmlNode *)y);
		int same = (x->ns == NULL) == (y->ns == NULL) &&
		           (x->ns == NULL || xmlStrEqual(x->ns->href, y->ns->href)) &&
		           xmlStrEqual(x->name, y->name) && xmlStrEqual(vx, vy);

		xmlFree(vx);
		xmlFree(vy);
		if (!same)
			return 0;
	}
	return x == NULL && y == NULL;
}

/* Moves the children of every twin right after NODE into it, and drops the twins;
 * xmlAddChild merges the text nodes that meet. */
static void
join_twins(xmlNodePtr node)
{
	while (node->next != NULL && twins(node, node->next)) {
		xmlNodePtr twin = node->next, child;

		xmlUnlinkNode(twin);
		while ((child = twin->children) != NULL) {
			xmlUnlinkNode(child);
			xmlAddChild(node, child);
		}
		xmlFreeNode(twin);
	}
}

/* Sets the imp:n the stylesheet left 0 on the note NOTE to N. */
static void
number_note(xmlNodePtr note, unsigned n)
{
	xmlAttrPtr attr = xmlHasNsProp(note, (const xmlChar *)"n", (const xmlChar *)IMPORT_NS);
	char num[16];

	snprintf(num, sizeof(num), "%u", n);
	if (attr != NULL && xmlSetNsProp(note, attr->ns, (const xmlChar *)"n",
	                                 (const xmlChar *)num) == NULL)
		mem_exhausted();
}

/* Drops the white space at the start (FROM_END 0) or end of TEXT, a text node; then
 * the node, and the emphasis it leaves empty, if nothing is left. Returns 1 if the
 * node was dropped. */
static int
trim_text(xmlNodePtr text, xmlNodePtr block, int from_end)
{
	const char *s = (const char *)text->content;
	size_t len = strlen(s), start = 0, end = len;
	xmlNodePtr parent;

	while (!from_end && start < len && strchr(" \t\n\r", s[start]) != NULL)
		start++;
	while (from_end && end > 0 && strchr(" \t\n\r", s[end - 1]) != NULL)
		end--;
	if (start < end) {
		if (start > 0 || end < len) {
			xmlChar *kept = xmlStrndup(text->content + start, (int)(end - start));

			if (kept == NULL)
				mem_exhausted();
			xmlNodeSetContent(text, kept);
			xmlFree(kept);
		}
		return 0;
	}
	do {
		parent = text->parent;
		xmlUnlinkNode(text);
		xmlFreeNode(text);
		text = parent;
	} while (text != block && text->children == NULL);
	return 1;
}

/* Trims the white space that starts and ends the text of BLOCK (a para, title,
 * bridgehead or name), leaving the text of the notes inside it to their own paras. */
static void
trim_block(xmlNodePtr block)
{
	xmlNodePtr *texts = NULL, node;
	size_t n = 0, cap = 0, first, last;

	for (node = block->children; node != NULL;) {
		if (source_is(node, "footnote")) {
			node = source_skip(node, block);
			continue;
		}
		if (node->type == XML_TEXT_NODE) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				texts = mem_realloc_array(texts, cap, sizeof(*texts));
			}
			texts[n++] = node;
		}
		node = source_next(node, block);
	}
	for (first = 0; first < n && trim_text(texts[first], block, 0); first++)
		;
	for (last = n; last > first && trim_text(texts[last - 1], block, 1); last--)
		;
	free(texts);
}

/* Makes the stylesheet's one-per-run output read as the raw brief: twins joined and
 * notes numbered in reading order (one walk), then every block trimmed. */
static void
tidy(xmlDocPtr brief)
{
	xmlNodePtr root = xmlDocGetRootElement(brief), node;
	unsigned notes = 0;

	for (node = root; node != NULL; node = source_next(node, root)) {
		if (joins(node))
			join_twins(node);
		else if (source_is(node, "footnote"))
			number_note(node, ++notes);
	}
	for (node = root; node != NULL; node = source_next(node, root))
		if (source_is(node, "para") || source_is(node, "title") ||
		    source_is(node, "bridgehead") || source_is(node, "personname"))
			trim_block(node);
}

xmlDocPtr
import_docx(const char *name, const char *bytes, size_t len, struct transform *t,
            struct diag *d)
{
	struct unzip z;
	xmlDocPtr docx, brief;

	if (unzip_open(&z, bytes, len, IMPORT_MAX_TOTAL) != UNZIP_OK) {
		diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "not a docx: %s", z.error);
		return NULL;
	}
	docx = read_parts(name, &z, d);
	if (docx == NULL)
		return NULL;
	brief = transform_apply(t, SHEET_IMPORT_DOCX, docx, name, NULL, d);
	xmlFreeDoc(docx);
	if (brief != NULL)
		tidy(brief);
	return brief;
}
