/* housestyle.c - a CSL style found by name and followed to its parent, and the model's
 * citations rendered through the engine into the annotated tree: positions and
 * locators are briefc's, the formatted text the engine's. */
#include "housestyle.h"

#include <glob.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/valid.h>

#include "csl.h"
#include "csl_locale.h"
#include "mem.h"
#include "report.h"
#include "resolve.h"
#include "source.h"

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

/* ---- Locales, loaded once for all the briefs of a run ---- */

/* The locales loaded so far, by the language asked for. */
struct housestyle_locales {
	pthread_mutex_t lock;
	struct loaded {
		char *lang;              /* as asked for ("" for none); owned */
		struct csl_locale *loc;  /* owned */
	} *list;
	size_t n, cap;
};

static struct housestyle_locales *
locales_new(void)
{
	struct housestyle_locales *ls = mem_alloc(sizeof(*ls));

	memset(ls, 0, sizeof(*ls));
	if (pthread_mutex_init(&ls->lock, NULL) != 0)
		abort();
	return ls;
}

static void
locales_free(struct housestyle_locales *ls)
{
	size_t i;

	if (ls == NULL)
		return;
	for (i = 0; i < ls->n; i++) {
		free(ls->list[i].lang);
		csl_locale_free(ls->list[i].loc);
	}
	free(ls->list);
	pthread_mutex_destroy(&ls->lock);
	free(ls);
}

/* HS's locale for LANG (NULL: the style's default), loaded on the first asking; the
 * house style keeps it. NULL, reported to D, when none can be read. */
static const struct csl_locale *
locale_for(const struct housestyle *hs, const char *lang, struct diag *d)
{
	struct housestyle_locales *ls = hs->locales;
	const char *key = lang ? lang : "";
	struct csl_locale *loc = NULL;
	size_t i;

	pthread_mutex_lock(&ls->lock);
	for (i = 0; i < ls->n && loc == NULL; i++)
		if (strcmp(ls->list[i].lang, key) == 0)
			loc = ls->list[i].loc;
	if (loc == NULL && (loc = csl_locale_load(hs->style, NULL, lang, d)) != NULL) {
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? 2 * ls->cap : 4;
			ls->list = mem_realloc_array(ls->list, ls->cap, sizeof(*ls->list));
		}
		ls->list[ls->n].lang = mem_strdup(key);
		ls->list[ls->n++].loc = loc;
	}
	pthread_mutex_unlock(&ls->lock);
	return loc;
}

/* ---- Loading ---- */

/* Is S a name of Debian's styles or locales: letters, digits and hyphens, short? */
static bool
plain_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                     "0123456789-");

	return n > 0 && n < 128 && s[n] == '\0';
}

/* The file of style NAME in Debian's styles, independent first; NULL if none.
 * Caller frees. */
static char *
find_style(const char *name)
{
	static const char *const where[] = {"", "dependent/"};
	size_t i;

	for (i = 0; plain_name(name) && i < 2; i++) {
		struct buf path = {0};

		buf_printf(&path, "%s/%s%s.csl", HOUSESTYLE_DIR, where[i], name);
		if (access(path.data, R_OK) == 0)
			return path.data;
		buf_free(&path);
	}
	return NULL;
}

/* The name of STYLE's independent parent (the last part of its independent-parent
 * link), or NULL when it has none. Points into the style. */
static const char *
parent_of(const struct csl_style *style)
{
	const xmlNode *info, *link;
	const char *href, *slash;

	for (info = xmlDocGetRootElement(style->doc)->children; info; info = info->next) {
		if (info->type != XML_ELEMENT_NODE || !xmlStrEqual(info->name, X("info")))
			continue;
		for (link = info->children; link != NULL; link = link->next) {
			if (link->type != XML_ELEMENT_NODE || !xmlStrEqual(link->name, X("link")))
				continue;
			href = csl_xattr(link, "href");
			if (href != NULL && (slash = strrchr(href, '/')) != NULL &&
			    csl_xattr(link, "rel") != NULL &&
			    strcmp(csl_xattr(link, "rel"), "independent-parent") == 0)
				return slash + 1;
		}
	}
	return NULL;
}

/* Is LOCALE one of Debian's locales: locales-LOCALE.xml, or for a language alone one
 * of its dialects? */
static bool
locale_known(const char *locale)
{
	struct buf path = {0};
	glob_t g;
	bool known;
	int rc;

	if (!plain_name(locale))
		return false;
	buf_printf(&path, "%s/locales-%s.xml", CSL_LOCALE_DIR, locale);
	known = access(path.data, R_OK) == 0;
	buf_free(&path);
	if (known || strchr(locale, '-') != NULL)
		return known;
	buf_printf(&path, "%s/locales-%s-*.xml", CSL_LOCALE_DIR, locale);
	rc = glob(path.data, 0, NULL, &g);
	if (rc == GLOB_NOSPACE)
		mem_exhausted();
	known = rc == 0;
	if (known)
		globfree(&g);
	buf_free(&path);
	return known;
}

/* Loads the file the user's NAME stands for into HS (NULL: HOUSESTYLE_DEFAULT).
 * Returns 0, or -1 reported. */
static int
load_named(struct housestyle *hs, const char *name, struct diag *d)
{
	bool file = name != NULL && (strchr(name, '/') != NULL ||
	            (strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".csl") == 0));
	char *path = file ? mem_strdup(name) : find_style(name ? name : HOUSESTYLE_DEFAULT);

	if (path == NULL && name == NULL) {
		diag_report(d, RULE_CSL, "briefc", 0, 0, "briefc's own style, %s, is not in %s: "
		            "install Debian's citation-style-language-styles, or name a style "
		            "with --style", HOUSESTYLE_DEFAULT, HOUSESTYLE_DIR);
		return -1;
	}
	if (path == NULL) {
		diag_report(d, RULE_CSL, "briefc", 0, 0, "no CSL style '%s' in %s (nor in its "
		            "dependent/); give a style's name there, such as apa, or a file "
		            "ending in .csl", name, HOUSESTYLE_DIR);
		return -1;
	}
	hs->files[hs->nfiles++] = path;
	hs->style = csl_style_load(path, d);
	return hs->style != NULL ? 0 : -1;
}

/* Replaces HS's dependent style with its independent parent, keeping the dependent's
 * default-locale. Returns 0, or -1 reported. */
static int
load_parent(struct housestyle *hs, const char *parent, struct diag *d)
{
	struct csl_style *dependent = hs->style;
	char *path = NULL;
	int status = -1;

	if (plain_name(parent)) {
		struct buf b = {0};

		buf_printf(&b, "%s/%s.csl", HOUSESTYLE_DIR, parent);
		path = b.data;
	}
	if (path == NULL || access(path, R_OK) != 0) {
		diag_report(d, RULE_CSL, hs->files[0], 0, 0, "the style's independent parent "
		            "'%s' is not in %s", parent, HOUSESTYLE_DIR);
		free(path);
		return -1;
	}
	hs->files[hs->nfiles++] = path;
	hs->style = csl_style_load(path, d);
	if (hs->style != NULL && parent_of(hs->style) != NULL)
		diag_report(d, RULE_CSL, path, 0, 0, "the parent style is dependent itself");
	else if (hs->style != NULL)
		status = 0;
	if (hs->locale == NULL && dependent->default_locale != NULL)
		hs->locale = mem_strdup(dependent->default_locale);
	csl_style_free(dependent);
	return status;
}

struct housestyle *
housestyle_load(const char *name, const char *locale, struct diag *d)
{
	struct housestyle *hs = mem_alloc(sizeof(*hs));
	const char *parent;

	memset(hs, 0, sizeof(*hs));
	hs->locales = locales_new();
	if (locale != NULL && !locale_known(locale)) {
		diag_report(d, RULE_CSL, "briefc", 0, 0, "no CSL locale '%s' in %s; give one "
		            "such as en-US, es-ES or fr-FR", locale, CSL_LOCALE_DIR);
		goto fail;
	}
	hs->locale = locale ? mem_strdup(locale) : NULL;
	if (load_named(hs, name, d) != 0)
		goto fail;
	if ((parent = parent_of(hs->style)) != NULL && load_parent(hs, parent, d) != 0)
		goto fail;
	if (hs->style->citation == NULL || csl_child(hs->style->citation, CSL_EL_LAYOUT)
	    == NULL) {
		diag_report(d, RULE_CSL, hs->files[hs->nfiles - 1], 0, 0, "the style has no "
		            "<citation> with a <layout>, and no independent-parent link");
		goto fail;
	}
	return hs;
fail:
	housestyle_free(hs);
	return NULL;
}

void
housestyle_free(struct housestyle *hs)
{
	size_t i;

	if (hs == NULL)
		return;
	locales_free(hs->locales);
	csl_style_free(hs->style);
	for (i = 0; i < hs->nfiles; i++)
		free(hs->files[i]);
	free(hs->locale);
	free(hs);
}

/* ---- Rich text into the tree ---- */

#define XLINK_NS "http://www.w3.org/1999/xlink"

/* The pieces being written into a brief. */
struct writer {
	xmlDocPtr doc;
	xmlNsPtr brf, db, xlink;
	xmlNodePtr store;       /* <brf:house-style> */
	struct rt_quotes quotes;
	unsigned pieces;        /* written so far */
	bool links;             /* web addresses become <link>s (the bibliography's; a
	                           citation is a link already) */
	const char *path;
};

/* The DocBook inline an element of the engine's HTML stands for, and its role (NULL:
 * none); NULL for one that has no inline of its own (its content stays). */
static const char *
inline_of(const xmlNode *html, const char **role)
{
	xmlChar *style = xmlGetProp(html, X("style")), *cls = xmlGetProp(html, X("class"));
	const char *name = NULL;

	*role = NULL;
	if (xmlStrEqual(html->name, X("i"))) {
		name = "emphasis";
	} else if (xmlStrEqual(html->name, X("b"))) {
		name = "emphasis", *role = "bold";
	} else if (xmlStrEqual(html->name, X("sup"))) {
		name = "superscript";
	} else if (xmlStrEqual(html->name, X("sub"))) {
		name = "subscript";
	} else if (style != NULL) {
		name = "phrase";
		*role = xmlStrstr(style, X("small-caps")) ? "small-caps" :
		        xmlStrstr(style, X("underline")) ? "underline" :
		        xmlStrstr(style, X("font-style:normal")) ? "roman" : NULL;
		if (*role == NULL)
			name = NULL;
	} else if (cls != NULL) {
		name = "phrase";
		*role = xmlStrEqual(cls, X("csl-left-margin")) ? "csl-left-margin" :
		        xmlStrEqual(cls, X("csl-right-inline")) ? "csl-right-inline" :
		        xmlStrEqual(cls, X("csl-indent")) ? "csl-indent" : "csl-block";
	}
	xmlFree(style);
	xmlFree(cls);
	return name;
}

/* Appends the N bytes of text at S to TO. */
static void
add_text(struct writer *w, const char *s, size_t n, xmlNodePtr to)
{
	if (n > 0)
		xmlAddChild(to, xmlNewDocTextLen(w->doc, X(s), (int)n));
}

/* The first web address in S (http:// or https://), or NULL. */
static const char *
find_url(const char *s)
{
	const char *http = strstr(s, "http://"), *https = strstr(s, "https://");

	return http == NULL || (https != NULL && https < http) ? https : http;
}

/* Appends TEXT to TO, each web address in it (up to a space, less the punctuation
 * that ends a sentence) a <link> to itself when W makes links. */
static void
add_linked(struct writer *w, const char *text, xmlNodePtr to)
{
	const char *at;

	while (w->links && (at = find_url(text)) != NULL) {
		size_t n = strcspn(at, " \t\r\n");
		xmlNodePtr link = xmlNewDocNode(w->doc, w->db, X("link"), NULL);
		char *url;

		while (n > 0 && strchr(".,;:", at[n - 1]) != NULL)
			n--;
		add_text(w, text, (size_t)(at - text), to);
		url = mem_alloc(n + 1);
		memcpy(url, at, n);
		url[n] = '\0';
		xmlSetNsProp(link, w->xlink, X("href"), X(url));
		add_text(w, url, n, link);
		xmlAddChild(to, link);
		free(url);
		text = at + n;
	}
	add_text(w, text, strlen(text), to);
}

/* Appends the nodes of FROM (the engine's HTML) to TO as DocBook inlines. */
static void
add_converted(struct writer *w, const xmlNode *from, xmlNodePtr to)
{
	const xmlNode *n;

	for (n = from; n != NULL; n = n->next) {
		const char *role, *name;
		xmlNodePtr el;

		if (n->type == XML_TEXT_NODE) {
			add_linked(w, (const char *)n->content, to);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((name = inline_of(n, &role)) == NULL) {
			add_converted(w, n->children, to);
			continue;
		}
		el = xmlNewDocNode(w->doc, w->db, X(name), NULL);
		if (role != NULL)
			xmlNewProp(el, X("role"), X(role));
		xmlAddChild(to, el);
		add_converted(w, n->children, el);
	}
}

/* Appends the rich text T to PARENT. The engine writes it as the CSL test suite's
 * HTML, where its quotes, punctuation inside them and nested formatting are settled;
 * that markup, read back, becomes DocBook inlines. Returns 0, or -1 reported. */
static int
add_rich(struct writer *w, const struct rt *t, xmlNodePtr parent, struct diag *d)
{
	struct buf html = {0};
	xmlDocPtr frag;

	buf_puts(&html, "<r>");
	csl_out_html(t, &w->quotes, &html);
	buf_puts(&html, "</r>");
	frag = xmlReadMemory(html.data, (int)html.len, NULL, "UTF-8",
	                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	buf_free(&html);
	if (frag == NULL) {
		diag_report(d, RULE_CSL, w->path, 0, 0, "the style's output is no text briefc "
		            "can place");
		return -1;
	}
	add_converted(w, xmlDocGetRootElement(frag)->children, parent);
	xmlFreeDoc(frag);
	return 0;
}

/* A new <brf:piece> of T, its number set on NODE's attribute ATTR. Frees T. Returns
 * 0, or -1 reported. */
static int
add_piece(struct writer *w, struct rt *t, xmlNodePtr node, const char *attr,
          struct diag *d)
{
	xmlNodePtr piece = xmlNewChild(w->store, w->brf, X("piece"), NULL);
	char n[32];
	int status;

	snprintf(n, sizeof(n), "%u", ++w->pieces);
	xmlNewProp(piece, X("n"), X(n));
	xmlSetNsProp(node, w->brf, X(attr), X(n));
	status = add_rich(w, t, piece, d);
	rt_free(t);
	return status;
}

/* ---- Citations ---- */

/* A locator's label as written and CSL's name for it, for the locators that are not
 * page lists (cite.h): "p."/"pp." here only before what cite.c cannot read as pages. */
static const struct {
	const char *written, *label;
} labels[] = {
	{"pp.", "page"}, {"p.", "page"}, {"chap.", "chapter"}, {"ch.", "chapter"},
	{"nn.", "note"}, {"n.", "note"}, {"sec.", "section"}, {"\xC2\xA7", "section"},
	{"para.", "paragraph"}, {"fig.", "figure"}, {"vol.", "volume"}, {"ll.", "line"},
	{"l.", "line"},
};

/* C's locator into CITE: pages as the model read them, past their label; anything
 * else with its label taken off the front of the text, if it has one of LABELS. */
static void
set_locator(struct csl_cite *cite, const struct cite *c)
{
	size_t i, n;

	if (c->loc.kind == LOC_NONE)
		return;
	cite->locator = c->loc.text;
	if (c->loc.kind == LOC_PAGES) {
		cite->locator += c->loc.pages;
		return;
	}
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		n = strlen(labels[i].written);
		if (strncmp(c->loc.text, labels[i].written, n) == 0 && c->loc.text[n] == ' ') {
			cite->label = labels[i].label;
			cite->locator = c->loc.text + n + 1;
			return;
		}
	}
}

/* CSL's position for briefc's: an Ibid. of another place than the citation before it
 * is ibid-with-locator. */
static enum csl_position
position_of(const struct cite *c)
{
	if (c->position == POS_FIRST)
		return CSL_POS_FIRST;
	if (c->position == POS_SUBSEQUENT)
		return CSL_POS_SUBSEQUENT;
	return c->same_place || c->loc.kind == LOC_NONE ? CSL_POS_IBID
	                                                : CSL_POS_IBID_WITH_LOCATOR;
}

/* Citation I of M as the engine takes it; LAST_NOTE holds the note each work was last
 * cited in (0: not yet), NEAR the style's near-note-distance. */
static void
cite_of(const struct cite_model *m, size_t i, const size_t *last_note, size_t near,
        struct csl_cite *cite)
{
	const struct cite *c = &m->cites[i];
	const struct cite_work *work = &m->works[c->work];

	memset(cite, 0, sizeof(*cite));
	cite->id = work->id;
	set_locator(cite, c);
	cite->position = position_of(c);
	cite->note = (unsigned)c->note;
	cite->first_note = (unsigned)m->cites[work->first].note;
	cite->near_note = last_note[c->work] > 0 && c->note - last_note[c->work] <= near;
}

/* The note (<footnote>) NODE stands in, or NULL. */
static xmlNodePtr
note_of(xmlNodePtr node)
{
	for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
		if (source_is(node, "footnote"))
			return node;
	return NULL;
}

/* Does a character outside BLANK stand in the text of NODE and the nodes after it,
 * within their elements (but within citations and bibliorefs unless IN_CITES)? */
static bool
says_more(const xmlNode *node, const char *blank, bool in_cites)
{
	const xmlNode *n;

	for (n = node; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    n->content[strspn((const char *)n->content, blank)] != '\0')
			return true;
		if (n->type == XML_ELEMENT_NODE &&
		    (in_cites || (!source_is(n, "citation") && !source_is(n, "biblioref"))) &&
		    says_more(n->children, blank, in_cites))
			return true;
	}
	return false;
}

/* Does the text of NOTE outside its citations hold nothing but punctuation and
 * spaces: a note that only cites? */
static bool
only_cites(const xmlNode *note)
{
	return !says_more(note->children, " \t\r\n.,;:()[]", false);
}

/* Does the text of NOTE run on after NODE, in it ("see Smith, Title, 3; and ..."), so
 * that a note style's citation there does not close the note? Only spaces and a
 * closing period may follow a citation that does. */
static bool
runs_on(const xmlNode *node, const xmlNode *note)
{
	for (; node != NULL && node != note; node = node->parent)
		if (says_more(node->next, " \t\r\n.", true))
			return true;
	return false;
}

/* Renders N cites (of M, from index FIRST) as one cluster, stored as a piece whose
 * number goes on NODE's ATTR; if RUNS_ON, without the layout's suffix
 * (csl_engine_cite). Returns 0, or -1 reported. */
static int
write_cluster(struct writer *w, struct csl_engine *e, const struct cite_model *m,
              size_t first, size_t n, size_t *last_note, size_t near, xmlNodePtr node,
              const char *attr, bool runs_on, struct diag *d)
{
	struct csl_cite *cites = mem_realloc_array(NULL, n, sizeof(*cites));
	struct rt *t;
	size_t i;

	for (i = 0; i < n; i++)
		cite_of(m, first + i, last_note, near, &cites[i]);
	t = csl_engine_cite(e, cites, n, runs_on, d);
	free(cites);
	for (i = 0; i < n; i++)
		last_note[m->cites[first + i].work] = m->cites[first + i].note;
	return t != NULL ? add_piece(w, t, node, attr, d) : -1;
}

/* Do the citations of M from FIRST to END (excluded) all cite a work? */
static bool
all_resolved(const struct cite_model *m, size_t first, size_t end)
{
	for (; first < end; first++)
		if (m->cites[first].work == CITE_NONE)
			return false;
	return true;
}

/* The citations of M through E: in a note style each in its place; in an in-text
 * style a note that only cites becomes one cluster at its marker, and the citations
 * of any other note each stay in their place. Unless REWRITE, a citation written out
 * (not a biblioref) keeps its text, and its note stays a note. One that cites no
 * work (a brief that has errors is never built, so none does) keeps its text.
 * Returns 0, or -1 reported. */
static int
write_citations(struct writer *w, struct csl_engine *e, const struct csl_style *style,
                const struct cite_model *m, bool rewrite, struct diag *d)
{
	const char *near_attr = csl_attr(style->citation, "near-note-distance");
	size_t near = near_attr ? strtoul(near_attr, NULL, 10) : 5;
	size_t *last_note = mem_realloc_array(NULL, m->nworks ? m->nworks : 1,
	                                      sizeof(*last_note));
	size_t i = 0, j;
	int status = 0;

	memset(last_note, 0, (m->nworks ? m->nworks : 1) * sizeof(*last_note));
	while (i < m->ncites && status == 0) {
		xmlNodePtr note = note_of(m->cites[i].node);

		for (j = i + 1; j < m->ncites && note != NULL &&
		     note_of(m->cites[j].node) == note; j++)
			;
		if (rewrite && style->cls == CSL_CLASS_IN_TEXT && note != NULL &&
		    all_resolved(m, i, j) && only_cites(note)) {
			status = write_cluster(w, e, m, i, j - i, last_note, near, note, "in-text",
			                       false, d);
			i = j;
			continue;
		}
		for (; i < j && status == 0; i++)
			if (m->cites[i].work != CITE_NONE &&
			    (rewrite || m->cites[i].form == CITE_REF))
				status = write_cluster(w, e, m, i, 1, last_note, near,
				                       m->cites[i].node, "piece",
				                       style->cls == CSL_CLASS_NOTE &&
				                       runs_on(m->cites[i].node, note), d);
	}
	free(last_note);
	return status;
}

/* In an in-text style, the notes left (those that say more than their citations) are
 * numbered again from 1, their numbers still their IDs (resolve.h); a note that
 * became an in-text citation has none. */
static void
renumber_notes(xmlDocPtr doc, xmlNsPtr brf)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	unsigned long kept = 0;
	char number[32];

	/* Every number is given up first: a note's new number may be another's old. */
	for (n = root; n != NULL; n = source_next(n, root)) {
		xmlAttrPtr a = source_is(n, "footnote") ? xmlHasNsProp(n, X("note"),
		                                                         X(RESOLVED_NS)) : NULL;

		if (a == NULL)
			continue;
		xmlRemoveID(doc, a);
		if (xmlHasNsProp(n, X("in-text"), X(RESOLVED_NS)) != NULL)
			xmlRemoveProp(a);
	}
	for (n = root; n != NULL; n = source_next(n, root)) {
		xmlAttrPtr a;

		if (!source_is(n, "footnote") || xmlHasNsProp(n, X("in-text"), X(RESOLVED_NS)))
			continue;
		snprintf(number, sizeof(number), "%lu", ++kept);
		a = xmlSetNsProp(n, brf, X("note"), X(number));
		xmlAddID(NULL, doc, X(number), a);
	}
	snprintf(number, sizeof(number), "%lu", kept);
	xmlSetNsProp(root, brf, X("notes"), X(number));
}

/* ---- The bibliography ---- */

static int
write_bibliography(struct writer *w, struct csl_engine *e, struct diag *d)
{
	struct rt **entries;
	const char **ids;
	size_t i, n = csl_engine_bibliography_ids(e, &entries, &ids);
	int status = 0;

	w->links = true;
	for (i = 0; i < n; i++) {
		xmlNodePtr entry = xmlNewChild(w->store, w->brf, X("entry"), NULL);

		xmlNewProp(entry, X("work"), X(ids[i]));
		if (status == 0)
			status = add_rich(w, entries[i], entry, d);
		rt_free(entries[i]);
	}
	free(entries);
	free(ids);
	return status;
}

/* The engine for M's works through HS, in HS's locale else LANG. */
static struct csl_engine *
engine_for(const struct housestyle *hs, const struct cite_model *m, const char *lang,
           const char *path, struct diag *d)
{
	const struct csl_locale *loc = locale_for(hs, hs->locale ? hs->locale : lang, d);
	struct csl_engine *e = loc ? csl_engine_new_in(hs->style, loc) : NULL;
	const struct cite_work **works;
	const char **ids;
	struct buf json = {0};
	size_t i, n = 0;
	int status;

	if (e == NULL)
		return NULL;
	works = mem_realloc_array(NULL, m->nworks ? m->nworks : 1, sizeof(*works));
	ids = mem_realloc_array(NULL, m->nworks ? m->nworks : 1, sizeof(*ids));
	for (i = 0; i < m->nworks; i++)
		works[i] = &m->works[i], ids[i] = m->works[i].id;
	report_write_csl_works(works, ids, m->nworks, &json);
	status = csl_engine_add_json(e, json.data, json.len, path, d);
	/* Numbers and disambiguation follow the order of first citation; the entries of
	 * the brief's bibliography that no note cites come last, as briefc lists them
	 * too. */
	for (i = 0; i < m->ncites; i++) {
		size_t wk = m->cites[i].work;

		if (wk != CITE_NONE && m->works[wk].first == i)
			ids[n++] = m->works[wk].id;
	}
	for (i = 0; i < m->nworks; i++)
		if (m->works[i].first == CITE_NONE)
			ids[n++] = m->works[i].id;
	csl_engine_register(e, ids, n);
	buf_free(&json);
	free(works);
	free(ids);
	if (status != 0) {
		csl_engine_free(e);
		return NULL;
	}
	return e;
}

int
housestyle_annotate(const struct housestyle *hs, const struct cite_model *m,
                    bool rewrite, xmlDocPtr doc, const char *path, struct diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *lang = xmlGetNsProp(root, X("lang"), X(XML_NS));
	struct writer w = {doc, NULL, NULL, NULL, NULL, {NULL, NULL, NULL, NULL, false}, 0,
	                   false, path};
	struct csl_engine *e = engine_for(hs, m, (const char *)lang, path, d);
	bool in_text = rewrite && hs->style->cls == CSL_CLASS_IN_TEXT;
	int status = -1;

	xmlFree(lang);
	if (e == NULL)
		return -1;
	w.brf = xmlSearchNsByHref(doc, root, X(RESOLVED_NS));
	w.db = xmlSearchNsByHref(doc, root, X(DOCBOOK_NS));
	if ((w.xlink = xmlSearchNsByHref(doc, root, X(XLINK_NS))) == NULL)
		w.xlink = xmlNewNs(root, X(XLINK_NS), X("xlink"));
	w.store = xmlNewChild(root, w.brf, X("house-style"), NULL);
	xmlNewProp(w.store, X("class"), X(in_text ? "in-text" : "note"));
	csl_engine_quotes(e, &w.quotes);
	if (write_citations(&w, e, hs->style, m, rewrite, d) == 0 &&
	    write_bibliography(&w, e, d) == 0)
		status = 0;
	if (status == 0 && in_text)
		renumber_notes(doc, w.brf);
	csl_engine_free(e);
	return status;
}
