/* import_md.c - the Markdown reader of briefc import: the front matter read here, the
 * rest parsed by cmark-gfm and its tree walked, without recursion, into the raw brief.
 *
 * Choices the contract of import.h leaves open:
 *  - Front matter: a first line "---", "key: value" lines, a line "---" or "...".
 *    Read: title, author (or a list of "- Name" lines after "author:"), lang or
 *    language, and affiliation ("Organisation – Job title", given every author).
 *    cmark sees blank lines in its place, so line numbers stay the manuscript's.
 *  - The title is front matter's, else the first level-1 heading (taken out of the
 *    flow). No title at all (an empty manuscript) is RULE_MANUSCRIPT and NULL: a
 *    brief without a title is no brief, and an empty <title> would only move the
 *    error downstream. Headings below it are sect1 to sect3 by level.
 *  - The byline: unless front matter names authors, the paragraph right after the
 *    title when it reads "By A, B and C" (in emphasis or not).
 *  - A link becomes its text, then " (URL)" unless the text is the URL itself (an
 *    autolink) or the URL is a fragment: in a note the URL is often the reference.
 *    An image becomes its description.
 *  - HTML blocks and inlines, and thematic breaks, are dropped: a manuscript has none.
 *    A code block becomes a paragraph of its text, inline code its text.
 *  - A note is placed at its first reference; a later reference to it, or one inside
 *    a note, is RULE_MANUSCRIPT and left out (a brief's note has one place, and copies
 *    would make the output quadratic in the input).
 *  - "[^label]" left as text (cmark found no definition) is reported, as is an escaped
 *    "\[^label]", which cmark gives back as the same text (write "&#91;^label]").
 */
#include "import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <unistr.h>

#include "mem.h"
#include "source.h"

/* Quotes, lists and emphasis nest at most this deep under <article>; a manuscript
 * nests a handful. Deeper ones give their content to the deepest element allowed,
 * so the raw brief stays within what libxml2 parses and the stylesheets recurse. */
#define MD_MAX_DEPTH 32

/* RULE_MANUSCRIPT findings one reading reports; the rest are only counted, so that a
 * manuscript of a million bad notes does not become a million messages held. */
#define MD_MAX_REPORTS 100

/* Longest note label cmark reads (its limit for link labels). */
#define MD_MAX_LABEL 999

/* What a leading "---" block says; every string owned. */
struct md_front {
	char *title, *lang, *affiliation;  /* or NULL */
	char **authors;                    /* names as written */
	size_t nauthors;
	size_t end;                        /* bytes of the block, both fences in; 0: none */
	unsigned lines;                    /* its lines */
};

/* One reading. */
struct md {
	const char *name;
	struct diag *d;
	xmlDocPtr doc;
	xmlNsPtr db, imp;
	xmlNodePtr cur;        /* where blocks and inlines go */
	unsigned depth;        /* of cur under <article> */
	int too_deep;          /* the first place too deep is reported */
	unsigned reports;      /* RULE_MANUSCRIPT findings, shown or not */
	int in_note;
	struct buf text;       /* text not yet a node of cur */
	cmark_node **notes;    /* the definitions, note N at N - 1; owned array */
	unsigned char *placed; /* per note: placed at its first reference */
	size_t nnotes;
	cmark_node *title, *byline; /* taken out of the flow, or NULL */
	int base;              /* heading level that is the title's */
};

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

/* Reports a RULE_MANUSCRIPT finding at LINE:COL, unless MD_MAX_REPORTS were. */
static void md_report(struct md *m, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
md_report(struct md *m, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (m->reports++ >= MD_MAX_REPORTS)
		return;
	va_start(ap, fmt);
	msg = mem_vformat(fmt, ap);
	va_end(ap);
	diag_report(m->d, RULE_MANUSCRIPT, m->name, line, col, "%s", msg);
	free(msg);
}

/* ---- Front matter ---- */

/* The line at *POS in TEXT (LEN): sets *LINE and *N (no line break) and moves *POS past
 * it. Returns 0 at the end. */
static int
next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + (nl != NULL);
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	return 1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* S (N) without surrounding blanks or one pair of matching quotes, as a new string. */
static char *
front_value(const char *s, size_t n)
{
	char *v;

	while (n > 0 && is_blank(*s))
		s++, n--;
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		s++, n -= 2;
	v = mem_alloc(n + 1);
	memcpy(v, s, n);
	v[n] = '\0';
	return v;
}

static int
is_fence(const char *line, size_t n, const char *fence)
{
	while (n > 0 && is_blank(line[n - 1]))
		n--;
	return n == 3 && memcmp(line, fence, 3) == 0;
}

static void
front_add_author(struct md_front *f, char *name)
{
	if (*name == '\0') {
		free(name);
		return;
	}
	f->authors = mem_realloc_array(f->authors, f->nauthors + 1, sizeof(*f->authors));
	f->authors[f->nauthors++] = name;
}

/* A well-formed language tag, loosely: letters, then "-" and letters or digits. */
static int
is_lang(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 35 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && !(s[i] == '-' && s[i - 1] != '-'))
			return 0;
	return s[n - 1] != '-';
}

/* One "key: value" line, LINE (N) at line NO; *LIST is set when its value is a list to
 * come ("author:" alone). */
static void
front_pair(struct md *m, struct md_front *f, const char *line, size_t n, unsigned no,
           int *list)
{
	const char *colon = memchr(line, ':', n);
	size_t k;
	char *value, **slot = NULL;

	if (colon == NULL) {
		md_report(m, no, 1, "front matter: no \"key: value\" here; briefc reads "
		          "title, author, lang, affiliation");
		return;
	}
	k = (size_t)(colon - line);
	value = front_value(colon + 1, n - k - 1);
	while (k > 0 && is_blank(line[k - 1]))
		k--;
	*list = 0;
	if ((k == 6 && memcmp(line, "author", 6) == 0) ||
	    (k == 7 && memcmp(line, "authors", 7) == 0)) {
		*list = *value == '\0';
		front_add_author(f, value);
		return;
	}
	if (k == 5 && memcmp(line, "title", 5) == 0)
		slot = &f->title;
	else if ((k == 4 && memcmp(line, "lang", 4) == 0) ||
	         (k == 8 && memcmp(line, "language", 8) == 0))
		slot = &f->lang;
	else if (k == 11 && memcmp(line, "affiliation", 11) == 0)
		slot = &f->affiliation;
	if (*value == '\0')
		slot = NULL;
	if (slot == &f->lang && !is_lang(value)) {
		md_report(m, no, 1, "front matter: \"%.40s\" is no language tag (like en "
		          "or fr-CA); xml:lang stays en", value);
		slot = NULL;
	}
	if (slot != NULL) {
		free(*slot);
		*slot = value;
	} else
		free(value);
}

/* Reads the front matter at the start of TEXT (LEN), if any, into F: "key: value" lines
 * (title, author, lang or language, affiliation), "- Name" lines after "author:". */
static void
front_read(struct md *m, struct md_front *f, const char *text, size_t len)
{
	size_t pos = 0, body, n;
	const char *line;
	unsigned no;
	int list = 0, closed = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	if (!next_line(text, len, &pos, &line, &n) || !is_fence(line, n, "---"))
		return;
	body = pos;
	/* As in pandoc: a blank line after the fence makes it a thematic break. */
	if (!next_line(text, len, &pos, &line, &n) || n == 0)
		return;
	pos = body;
	while (!closed && next_line(text, len, &pos, &line, &n))
		closed = is_fence(line, n, "---") || is_fence(line, n, "...");
	if (!closed)
		return; /* no closing fence: a thematic break, for cmark */
	f->end = pos;
	for (pos = body, no = 2; pos < f->end && next_line(text, len, &pos, &line, &n); no++) {
		size_t i = 0;

		while (i < n && is_blank(line[i]))
			i++;
		if (pos == f->end || i == n || line[i] == '#')
			continue;
		if (line[i] == '-' && i + 1 < n && is_blank(line[i + 1])) {
			if (list)
				front_add_author(f, front_value(line + i + 1, n - i - 1));
			continue;
		}
		front_pair(m, f, line, n, no, &list);
	}
	f->lines = no - 1;
}

static void
front_free(struct md_front *f)
{
	size_t i;

	for (i = 0; i < f->nauthors; i++)
		free(f->authors[i]);
	free(f->authors);
	free(f->title);
	free(f->lang);
	free(f->affiliation);
}

/* ---- Building ---- */

/* Makes the text gathered so far a node of the current element: text is gathered,
 * not appended node by node, because libxml2 would copy the whole run on each merge. */
static void
md_flush(struct md *m)
{
	if (m->text.len == 0)
		return;
	xmlAddChild(m->cur, xmlNewDocTextLen(m->doc, X(m->text.data), (int)m->text.len));
	m->text.len = 0;
}

/* Opens a NAME child of the current element and makes it current. */
static xmlNodePtr
md_open(struct md *m, const char *name)
{
	md_flush(m);
	m->cur = xmlNewChild(m->cur, m->db, X(name), NULL);
	m->depth++;
	return m->cur;
}

/* Closes EL, the current element: a quote, list or item left empty goes. */
static void
md_close(struct md *m, xmlNodePtr el)
{
	md_flush(m);
	m->cur = el->parent;
	m->depth--;
	if (el->children == NULL && (xmlStrEqual(el->name, X("blockquote")) ||
	                             xmlStrEqual(el->name, X("listitem")) ||
	                             xmlStrEqual(el->name, X("itemizedlist")) ||
	                             xmlStrEqual(el->name, X("orderedlist")))) {
		xmlUnlinkNode(el);
		xmlFreeNode(el);
	}
}

/* Opens NAME for the container NODE, closed at NODE's exit, unless that would nest
 * deeper than MD_MAX_DEPTH (with ROOM more levels to come). */
static xmlNodePtr
md_open_container(struct md *m, cmark_node *node, const char *name, unsigned room)
{
	xmlNodePtr el;

	if (m->depth + room > MD_MAX_DEPTH) {
		if (!m->too_deep)
			md_report(m, (unsigned)cmark_node_get_start_line(node), 0,
			          "quotes, lists or emphasis nested more than %d deep; the "
			          "deeper ones are flattened", MD_MAX_DEPTH);
		m->too_deep = 1;
		return NULL;
	}
	el = md_open(m, name);
	cmark_node_set_user_data(node, el);
	return el;
}

/* Bytes of the label P (N) a message quotes: at most 40, whole characters. */
static int
label_excerpt(const char *p, size_t n)
{
	size_t cut = n < 40 ? n : 40;

	while (cut < n && cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
		cut--;
	return (int)cut;
}

/* Reports every "[^label]" in LITERAL, the text of NODE: a reference cmark found no
 * definition for. */
static void
md_check_literal(struct md *m, cmark_node *node, const char *literal)
{
	const char *p = literal, *end;
	int n;

	while ((p = strstr(p, "[^")) != NULL) {
		p += 2;
		for (end = p; *end != '\0' && *end != ']' && *end != '[' && *end != ' ' &&
		     *end != '\t' && end - p <= MD_MAX_LABEL; end++)
			;
		if (*end != ']' || end == p || end - p > MD_MAX_LABEL)
			continue;
		n = label_excerpt(p, (size_t)(end - p));
		md_report(m, (unsigned)cmark_node_get_start_line(node), 0,
		          "note [^%.*s] has no definition; add a line \"[^%.*s]: its text\"",
		          n, p, n, p);
		p = end;
	}
}

static void
md_set_number(struct md *m, xmlNodePtr el, const char *name, unsigned long value)
{
	char num[24];

	snprintf(num, sizeof(num), "%lu", value);
	xmlNewNsProp(el, m->imp, X(name), X(num));
}

static void md_walk(struct md *m, cmark_node *root);

/* The note REF refers to, placed at REF as a <footnote> of its definition's blocks. */
static void
md_note(struct md *m, cmark_node *ref)
{
	unsigned long n = strtoul(cmark_node_get_literal(ref), NULL, 10);
	unsigned line = (unsigned)cmark_node_get_start_line(ref);
	cmark_node *def;
	xmlNodePtr el;

	if (n == 0 || n > m->nnotes)
		return; /* cmark numbers every note it keeps */
	def = m->notes[n - 1];
	if (m->in_note || m->placed[n - 1]) {
		md_report(m, line, 0, "%s", m->in_note ?
		          "a note referred to inside a note; a brief has no notes in notes, "
		          "so this reference is left out" :
		          "a note referred to again; a brief's note has one place, its "
		          "first reference, so this one is left out");
		return;
	}
	m->placed[n - 1] = 1;
	el = md_open(m, "footnote");
	md_set_number(m, el, "n", n);
	md_set_number(m, el, "line", (unsigned long)cmark_node_get_start_line(def));
	m->in_note = 1;
	md_walk(m, def);
	m->in_note = 0;
	if (el->children == NULL)
		xmlNewChild(el, m->db, X("para"), NULL);
	md_close(m, el);
}

/* A code block: one paragraph of its text, lines joined by spaces. */
static void
md_code_block(struct md *m, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node);
	xmlNodePtr el = md_open(m, "para");
	size_t n = strlen(s), i, start;

	while (n > 0 && s[n - 1] == '\n')
		n--;
	for (start = i = 0; i <= n; i++)
		if (i == n || s[i] == '\n') {
			buf_append(&m->text, s + start, i - start);
			if (i < n)
				buf_append(&m->text, " ", 1);
			start = i + 1;
		}
	md_close(m, el);
}

static void
md_heading(struct md *m, cmark_node *node)
{
	static const char *const renderas[] = {"sect1", "sect2", "sect3"};
	int rel = cmark_node_get_heading_level(node) - m->base;
	xmlNodePtr el;

	if (cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_DOCUMENT) {
		cmark_node_set_user_data(node, md_open(m, "para"));
		return;
	}
	rel = rel < 1 ? 1 : rel > 3 ? 3 : rel;
	el = md_open(m, "bridgehead");
	xmlNewProp(el, X("renderas"), X(renderas[rel - 1]));
	cmark_node_set_user_data(node, el);
}

static void
md_list(struct md *m, cmark_node *node)
{
	int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;

	/* Room for the list and its items, or for neither. */
	md_open_container(m, node, ordered ? "orderedlist" : "itemizedlist", 2);
}

/* NODE entered. Returns 1 to skip what it holds. */
static int
md_enter(struct md *m, cmark_node *node)
{
	xmlNodePtr el;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_BLOCK_QUOTE:
		md_open_container(m, node, "blockquote", 1);
		break;
	case CMARK_NODE_LIST:
		md_list(m, node);
		break;
	case CMARK_NODE_ITEM:
		if (cmark_node_get_user_data(cmark_node_parent(node)) != NULL)
			cmark_node_set_user_data(node, md_open(m, "listitem"));
		break;
	case CMARK_NODE_PARAGRAPH:
		if (node == m->byline)
			return 1;
		cmark_node_set_user_data(node, md_open(m, "para"));
		break;
	case CMARK_NODE_HEADING:
		if (node == m->title)
			return 1;
		md_heading(m, node);
		break;
	case CMARK_NODE_CODE_BLOCK:
		md_code_block(m, node);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		return 1; /* walked at its first reference */
	case CMARK_NODE_TEXT:
		md_check_literal(m, node, cmark_node_get_literal(node));
		buf_puts(&m->text, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_CODE:
		buf_puts(&m->text, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		buf_append(&m->text, " ", 1);
		break;
	case CMARK_NODE_EMPH:
		md_open_container(m, node, "emphasis", 1);
		break;
	case CMARK_NODE_STRONG:
		if ((el = md_open_container(m, node, "emphasis", 1)) != NULL)
			xmlNewProp(el, X("role"), X("bold"));
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		md_note(m, node);
		break;
	default:
		break; /* HTML, thematic breaks: dropped; links: their text */
	}
	return 0;
}

/* A link's URL after its text, unless the text is the URL or the URL a fragment. */
static void
md_link_url(struct md *m, cmark_node *link)
{
	const char *url = cmark_node_get_url(link), *text;
	cmark_node *only = cmark_node_first_child(link);

	if (url == NULL || *url == '\0' || *url == '#')
		return;
	if (only != NULL && cmark_node_next(only) == NULL &&
	    cmark_node_get_type(only) == CMARK_NODE_TEXT) {
		text = cmark_node_get_literal(only);
		if (strcmp(text, url) == 0 ||
		    (strncmp(url, "mailto:", 7) == 0 && strcmp(text, url + 7) == 0))
			return;
	}
	buf_puts(&m->text, " (");
	buf_puts(&m->text, url);
	buf_puts(&m->text, ")");
}

static void
md_exit(struct md *m, cmark_node *node)
{
	xmlNodePtr el = cmark_node_get_user_data(node);

	if (cmark_node_get_type(node) == CMARK_NODE_LINK)
		md_link_url(m, node);
	if (el != NULL)
		md_close(m, el);
}

/* Walks what ROOT holds into the current element, with cmark's iterator: the depth of
 * the manuscript never becomes depth of the stack. */
static void
md_walk(struct md *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *node;

	if (it == NULL)
		mem_exhausted();
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (node == root)
			continue;
		if (ev == CMARK_EVENT_EXIT)
			md_exit(m, node);
		else if (md_enter(m, node))
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
}

/* ---- The document ---- */

/* Gathers the definitions cmark kept: at the end of the document, in order of first
 * reference, so note N is the Nth. */
static void
md_gather_notes(struct md *m, cmark_node *doc)
{
	cmark_node *node = cmark_node_last_child(doc);
	size_t i;

	for (; node != NULL && cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION;
	     node = cmark_node_previous(node))
		m->nnotes++;
	m->notes = mem_realloc_array(NULL, m->nnotes + 1, sizeof(*m->notes));
	m->placed = mem_alloc(m->nnotes + 1);
	memset(m->placed, 0, m->nnotes + 1);
	for (i = m->nnotes, node = cmark_node_last_child(doc); i > 0;
	     node = cmark_node_previous(node))
		m->notes[--i] = node;
}

/* The title heading (unless front matter gave the title) and the level it stands for. */
static void
md_find_title(struct md *m, cmark_node *doc, int titled)
{
	cmark_node *node;
	int level, least = 7;

	for (node = cmark_node_first_child(doc); node != NULL; node = cmark_node_next(node)) {
		if (cmark_node_get_type(node) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(node);
		if (!titled && m->title == NULL && level == 1 &&
		    cmark_node_first_child(node) != NULL)
			m->title = node;
		else if (level < least)
			least = level;
	}
	m->base = m->title != NULL ? 1 : least - 1;
}

/* NODE's text if it is a paragraph of text, emphasis and line breaks only; else NULL.
 * Caller frees. */
static char *
plain_text(cmark_node *node)
{
	cmark_iter *it;
	cmark_event_type ev;
	struct buf b = {0};
	int ok = 1;

	if (node == NULL || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
		return NULL;
	it = cmark_iter_new(node);
	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			buf_puts(&b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_append(&b, " ", 1);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			break;
		default:
			ok = 0;
		}
	}
	cmark_iter_free(it);
	if (!ok || b.data == NULL)
		buf_free(&b);
	return ok ? b.data : NULL;
}

/* Splits NAMES ("A", "A and B", "A, B and C", "A & B") into F's authors. */
static void
split_names(struct md_front *f, const char *names)
{
	static const char *const seps[] = {", and ", ", ", " and ", " & "};
	const char *p = names, *next, *hit;
	size_t i, skip;

	while (*p != '\0') {
		next = p + strlen(p);
		skip = 0;
		for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
			if ((hit = strstr(p, seps[i])) != NULL && hit < next) {
				next = hit;
				skip = strlen(seps[i]);
			}
		front_add_author(f, front_value(p, (size_t)(next - p)));
		p = next + skip;
	}
}

/* The paragraph right after the title, if it reads "By Name" (emphasis or not) and
 * front matter named no author: its names go to F and it leaves the flow. */
static void
md_find_byline(struct md *m, struct md_front *f, cmark_node *doc)
{
	cmark_node *node = m->title ? cmark_node_next(m->title) : cmark_node_first_child(doc);
	char *text, *p;

	if (f->nauthors > 0 || (text = plain_text(node)) == NULL)
		return;
	for (p = text; is_blank(*p); p++)
		;
	if ((p[0] == 'B' || p[0] == 'b') && p[1] == 'y' && is_blank(p[2])) {
		split_names(f, p + 3);
		if (f->nauthors > 0)
			m->byline = node;
	}
	free(text);
}

static void
add_text_child(struct md *m, xmlNodePtr parent, const char *name, const char *text,
               size_t n)
{
	xmlNodePtr el = xmlNewChild(parent, m->db, X(name), NULL);

	xmlAddChild(el, xmlNewDocTextLen(m->doc, X(text), (int)n));
}

/* AFFILIATION ("Organisation – Job title", or "Organisation") into AUTHOR. */
static void
add_affiliation(struct md *m, xmlNodePtr author, const char *affiliation)
{
	static const char *const seps[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "};
	xmlNodePtr aff = xmlNewChild(author, m->db, X("affiliation"), NULL);
	const char *hit = NULL;
	size_t i, skip = 0;

	for (i = 0; hit == NULL && i < sizeof(seps) / sizeof(seps[0]); i++)
		if ((hit = strstr(affiliation, seps[i])) != NULL)
			skip = strlen(seps[i]);
	if (hit != NULL)
		add_text_child(m, aff, "jobtitle", hit + skip, strlen(hit + skip));
	add_text_child(m, aff, "orgname", affiliation,
	               hit ? (size_t)(hit - affiliation) : strlen(affiliation));
}

/* <info>: the title (front matter's, or the heading's inlines) and the authors. */
static void
md_info(struct md *m, const struct md_front *f)
{
	xmlNodePtr info = md_open(m, "info"), author;
	size_t i;

	if (f->title != NULL)
		add_text_child(m, info, "title", f->title, strlen(f->title));
	else {
		xmlNodePtr title = md_open(m, "title");

		md_walk(m, m->title);
		md_close(m, title);
	}
	for (i = 0; i < f->nauthors; i++) {
		author = xmlNewChild(info, m->db, X("author"), NULL);
		add_text_child(m, author, "personname", f->authors[i], strlen(f->authors[i]));
		if (f->affiliation != NULL)
			add_affiliation(m, author, f->affiliation);
	}
	md_close(m, info);
}

/* Refuses what XML cannot hold: bytes that are not UTF-8, control characters but tab
 * and line breaks, U+FFFE and U+FFFF. Reports the first at its place; returns -1. */
static int
md_check_bytes(struct md *m, const char *bytes, size_t len)
{
	const uint8_t *t = (const uint8_t *)bytes, *bad = u8_check(t, len);
	size_t i, end = bad ? (size_t)(bad - t) : len, line_start = 0, col;
	unsigned line = 1;

	for (i = 0; i < end; i++) {
		if (t[i] == '\n') {
			line++;
			line_start = i + 1;
		} else if ((t[i] < 0x20 && t[i] != '\t' && t[i] != '\r') ||
		           (t[i] == 0xEF && i + 2 < len && t[i + 1] == 0xBF && t[i + 2] >= 0xBE))
			break;
	}
	if (i == len)
		return 0;
	col = u8_mbsnlen(t + line_start, i - line_start) + 1;
	if (i == end)
		diag_report(m->d, RULE_ENCODING, m->name, line, (unsigned)col,
		            "byte 0x%02X is not UTF-8 here; save the manuscript as UTF-8", t[i]);
	else
		diag_report(m->d, RULE_ENCODING, m->name, line, (unsigned)col,
		            "character U+%04X, which XML cannot hold; remove it",
		            t[i] == 0xEF ? 0xFFC0u + (t[i + 2] & 0x3Fu) : t[i]);
	return -1;
}

static int
cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

/* Reports each definition line ("[^label]:", at most three spaces in) of TEXT from
 * byte FROM (line LINE) that cmark dropped: never referenced, or a label defined
 * again. One pass; a definition shown in a code block is reported too. */
static void
md_check_unused(struct md *m, const char *text, size_t len, size_t from, unsigned line)
{
	unsigned *kept = mem_realloc_array(NULL, m->nnotes + 1, sizeof(*kept));
	size_t i, k = 0, n, j, end, pos = from;
	const char *s;

	for (i = 0; i < m->nnotes; i++)
		kept[i] = (unsigned)cmark_node_get_start_line(m->notes[i]);
	qsort(kept, m->nnotes, sizeof(*kept), cmp_unsigned);
	for (; next_line(text, len, &pos, &s, &n); line++) {
		for (j = 0; j < n && j < 3 && s[j] == ' '; j++)
			;
		if (n - j < 5 || s[j] != '[' || s[j + 1] != '^')
			continue;
		for (end = j + 2; end < n && end - j <= MD_MAX_LABEL + 2 && s[end] != ']' &&
		     s[end] != '[' && !is_blank(s[end]); end++)
			;
		if (end + 1 >= n || s[end] != ']' || s[end + 1] != ':' || end == j + 2)
			continue;
		while (k < m->nnotes && kept[k] < line)
			k++;
		if (k < m->nnotes && kept[k] == line)
			continue;
		md_report(m, line, (unsigned)j + 1,
		          "note [^%.*s] is never referred to, or its label is defined again "
		          "(the first definition counts); it is left out",
		          label_excerpt(s + j + 2, end - j - 2), s + j + 2);
	}
	free(kept);
}

/* Feeds cmark N blank lines: the front matter's, so that its lines keep their numbers. */
static void
feed_blank_lines(cmark_parser *parser, unsigned n)
{
	static const char blank[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
	unsigned chunk;

	for (; n > 0; n -= chunk) {
		chunk = n < sizeof(blank) - 1 ? n : (unsigned)sizeof(blank) - 1;
		cmark_parser_feed(parser, blank, chunk);
	}
}

/* Starts the raw brief: <article> with its namespaces, version and language. */
static void
md_start(struct md *m, const char *lang)
{
	xmlNodePtr root;

	m->doc = xmlNewDoc(X("1.0"));
	root = xmlNewDocNode(m->doc, NULL, X("article"), NULL);
	xmlDocSetRootElement(m->doc, root);
	m->db = xmlNewNs(root, X(DOCBOOK_NS), NULL);
	xmlSetNs(root, m->db);
	m->imp = xmlNewNs(root, X(IMPORT_NS), X("imp"));
	xmlNewProp(root, X("version"), X("5.0"));
	xmlNodeSetLang(root, X(lang ? lang : "en"));
	m->cur = root;
}

xmlDocPtr
import_md(const char *name, const char *bytes, size_t len, struct diag *d)
{
	struct md m = {0};
	struct md_front f = {0};
	cmark_parser *parser;
	cmark_node *doc;

	m.name = name;
	m.d = d;
	if (md_check_bytes(&m, bytes, len) != 0)
		return NULL;
	front_read(&m, &f, bytes, len);
	parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
	if (parser == NULL)
		mem_exhausted();
	feed_blank_lines(parser, f.lines);
	cmark_parser_feed(parser, bytes + f.end, len - f.end);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (doc == NULL)
		mem_exhausted();
	md_gather_notes(&m, doc);
	md_find_title(&m, doc, f.title != NULL);
	if (f.title == NULL && m.title == NULL)
		md_report(&m, 1, 0, "no title: begin the manuscript with a \"# Title\" "
		          "line, or give \"title:\" in front matter");
	else {
		md_find_byline(&m, &f, doc);
		md_start(&m, f.lang);
		md_info(&m, &f);
		md_walk(&m, doc);
		md_check_unused(&m, bytes, len, f.end, f.lines + 1);
	}
	if (m.reports > MD_MAX_REPORTS)
		diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "%u more problems with the "
		            "manuscript, like those above, are not shown",
		            m.reports - MD_MAX_REPORTS);
	cmark_node_free(doc);
	free(m.notes);
	free(m.placed);
	buf_free(&m.text);
	front_free(&f);
	return m.doc;
}
