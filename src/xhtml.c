/* xhtml.c - the EPUB's content document: the page html.xsl made, made XHTML in place. */
#include "xhtml.h"

#include <stdbool.h>
#include <string.h>

#include <libxml/xmlIO.h>

#include "source.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_NS "http://www.idpf.org/2007/ops"

/* The EPUB structural semantics vocabulary's terms that are also DPUB-ARIA roles'
 * names after "doc-", and that epubcheck 4 knows (not "backlink"). */
static const char *const epub_types[] = {
	"noteref", "footnote", "endnotes", "biblioref", "bibliography", "biblioentry",
};

/* The namespaces the content document's elements and attributes take. */
struct spaces {
	xmlNsPtr xhtml, epub, xml;
};

static bool
named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	       strcmp((const char *)n->name, name) == 0;
}

/* N's attribute NAME in no namespace, or NULL. */
static xmlAttrPtr
plain_attr(xmlNodePtr n, const char *name)
{
	return xmlHasNsProp(n, (const xmlChar *)name, NULL);
}

static bool
attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlAttrPtr a = plain_attr(n, name);

	return a != NULL && a->children != NULL && a->children->next == NULL &&
	       xmlStrEqual(a->children->content, (const xmlChar *)value);
}

/* Declares HREF as PREFIX (NULL: the default) on ROOT, or takes ROOT's declaration of
 * PREFIX over for it. */
static xmlNsPtr
declare(xmlNodePtr root, const char *href, const char *prefix)
{
	xmlNsPtr ns;

	for (ns = root->nsDef; ns != NULL; ns = ns->next)
		if (xmlStrEqual(ns->prefix, (const xmlChar *)prefix))
			break;
	if (ns == NULL) {
		if ((ns = xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefix)) == NULL)
			mem_exhausted();
	} else if (!xmlStrEqual(ns->href, (const xmlChar *)href)) {
		xmlFree((xmlChar *)ns->href);
		if ((ns->href = xmlStrdup((const xmlChar *)href)) == NULL)
			mem_exhausted();
	}
	return ns;
}

/* Sets EL's attribute NAME in NS to VALUE: one it has keeps its place, a new one goes
 * right after PREV (NULL: last). */
static void
set_after(xmlNodePtr el, xmlAttrPtr prev, xmlNsPtr ns, const char *name,
          const xmlChar *value)
{
	xmlAttrPtr had = xmlHasNsProp(el, (const xmlChar *)name, ns->href);
	xmlAttrPtr a = xmlSetNsProp(el, ns, (const xmlChar *)name, value);

	if (a == NULL)
		mem_exhausted();
	if (had != NULL || prev == NULL || prev->next == a)
		return;
	/* New, so last: moved up behind PREV. */
	a->prev->next = NULL;
	a->prev = prev;
	a->next = prev->next;
	prev->next->prev = a;
	prev->next = a;
}

/* The epub:type of a DPUB-ARIA role ROLE, or NULL. */
static const char *
type_of_role(const xmlChar *role)
{
	size_t i;

	if (role == NULL || strncmp((const char *)role, "doc-", 4) != 0)
		return NULL;
	for (i = 0; i < sizeof(epub_types) / sizeof(epub_types[0]); i++)
		if (strcmp((const char *)role + 4, epub_types[i]) == 0)
			return epub_types[i];
	return NULL;
}

/* EL's attributes made XHTML's: xml:lang after lang, epub:type after a role that has
 * one, and after them all, epub:type endnote on an item of the endnotes' list. */
static void
make_attributes(xmlNodePtr el, const struct spaces *sp)
{
	xmlAttrPtr a, next;
	xmlNodePtr up = el->parent ? el->parent->parent : NULL;

	for (a = el->properties; a != NULL; a = next) {
		bool lang = a->ns == NULL && strcmp((const char *)a->name, "lang") == 0;
		bool role = a->ns == NULL && strcmp((const char *)a->name, "role") == 0;
		xmlChar *value;
		const char *type;

		next = a->next;
		if (!lang && !role)
			continue;
		/* An empty value has no text node; NULL else is memory running out. */
		value = a->children ? xmlNodeListGetString(el->doc, a->children, 1)
		                    : xmlStrdup((const xmlChar *)"");
		if (value == NULL)
			mem_exhausted();
		if (lang)
			set_after(el, a, sp->xml, "lang", value);
		else if ((type = type_of_role(value)) != NULL)
			set_after(el, a, sp->epub, "type", (const xmlChar *)type);
		xmlFree(value);
	}
	if (named(el, "li") && up != NULL && up->type == XML_ELEMENT_NODE &&
	    attr_is(up, "role", "doc-endnotes"))
		set_after(el, NULL, sp->epub, "type", (const xmlChar *)"endnote");
}

/* Does N go from the content document? */
static bool
dropped(xmlNodePtr n)
{
	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return true;
	return named(n, "meta") && (attr_is(n, "name", "viewport") ||
	                            plain_attr(n, "http-equiv") != NULL);
}

/* The link to style.css, in XHTML's namespace, that takes STYLE's place. */
static void
link_style(xmlNodePtr style, const struct spaces *sp)
{
	xmlNodePtr link = xmlNewDocNode(style->doc, sp->xhtml, (const xmlChar *)"link", NULL);

	if (link == NULL || xmlNewProp(link, (const xmlChar *)"rel",
	                               (const xmlChar *)"stylesheet") == NULL ||
	    xmlNewProp(link, (const xmlChar *)"type", (const xmlChar *)"text/css") == NULL ||
	    xmlNewProp(link, (const xmlChar *)"href", (const xmlChar *)"style.css") == NULL)
		mem_exhausted();
	xmlReplaceNode(style, link);
	xmlFreeNode(style);
}

void
xhtml_make(xmlDocPtr page)
{
	xmlNodePtr root = xmlDocGetRootElement(page), n, next;
	struct spaces sp;

	if (root == NULL)
		return;
	sp.xhtml = declare(root, XHTML_NS, NULL);
	sp.epub = declare(root, EPUB_NS, "epub");
	if ((sp.xml = xmlSearchNs(page, root, (const xmlChar *)"xml")) == NULL)
		mem_exhausted();
	/* What the XML declaration says: saving writes a UTF-8 tree's characters as they
	 * are only if the tree says so. */
	if (page->encoding == NULL &&
	    (page->encoding = xmlStrdup((const xmlChar *)"UTF-8")) == NULL)
		mem_exhausted();
	for (n = root; n != NULL; n = next) {
		if (n != root && dropped(n)) {
			next = source_skip(n, root);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (named(n, "style")) {
			next = source_skip(n, root);
			link_style(n, &sp);
		} else {
			if (n->type == XML_ELEMENT_NODE && n->ns == NULL) {
				make_attributes(n, &sp);
				n->ns = sp.xhtml;
			}
			next = source_next(n, root);
		}
	}
}

void
xhtml_save(xmlDocPtr page, struct buf *out)
{
	xmlOutputBufferPtr o = buf_xml_output(out);
	xmlNodePtr root = xmlDocGetRootElement(page);

	xmlOutputBufferWriteString(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (root != NULL)
		xmlNodeDumpOutput(o, page, root, 0, 1, "UTF-8");
	xmlOutputBufferWriteString(o, "\n");
	buf_xml_close(o);
}
