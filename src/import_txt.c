/* import_txt.c - the plain-text reader of briefc import: a manuscript with a title
 * line, paragraphs, headings, lists, quotes, [n] markers and a notes list at the end. */
#include "import.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "mem.h"
#include "source.h"

/* A line of the manuscript: bytes [start, start + len) on line number NO. */
struct line {
	size_t start, len;
	unsigned no;
};

/* A block: lines [first, last] with no blank line between them. */
struct block {
	size_t first, last;
};

/* A note of the notes list: its number, text and where that starts. */
struct note {
	unsigned n;
	char *text;
	unsigned line;
	bool used;
};

struct txt {
	const char *name, *t;
	struct line *lines;
	size_t nlines;
	struct block *blocks;
	size_t nblocks;
	struct note *notes;
	size_t nnotes;
	xmlNsPtr imp;
	struct diag *d;
	bool failed;
};

static const xmlChar *
X(const char *s)
{
	return (const xmlChar *)s;
}

/* ---- Lines and blocks ---- */

static bool
blank(const struct txt *m, const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!isspace((unsigned char)m->t[l->start + i]))
			return false;
	return true;
}

static void
split_lines(struct txt *m, size_t len)
{
	size_t i = 0, cap = 0;
	unsigned no = 1;

	if (len >= 3 && memcmp(m->t, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(m->t + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - m->t) : len, n = end - i;

		if (n > 0 && m->t[end - 1] == '\r')
			n--;
		if (m->nlines == cap) {
			cap = cap ? 2 * cap : 256;
			m->lines = mem_realloc_array(m->lines, cap, sizeof(*m->lines));
		}
		m->lines[m->nlines++] = (struct line){i, n, no++};
		i = end + 1;
	}
}

static void
split_blocks(struct txt *m)
{
	size_t i, cap = 0;

	for (i = 0; i < m->nlines; i++) {
		if (blank(m, &m->lines[i]))
			continue;
		if (m->nblocks == cap) {
			cap = cap ? 2 * cap : 64;
			m->blocks = mem_realloc_array(m->blocks, cap, sizeof(*m->blocks));
		}
		m->blocks[m->nblocks].first = i;
		while (i + 1 < m->nlines && !blank(m, &m->lines[i + 1]))
			i++;
		m->blocks[m->nblocks++].last = i;
	}
}

/* The number of a note line "[n] text" (leading spaces allowed), 0 if it is none;
 * *TEXT is where its text starts. */
static unsigned
note_number(const struct txt *m, const struct line *l, size_t *text)
{
	size_t i = 0, k;
	unsigned n = 0;

	while (i < l->len && m->t[l->start + i] == ' ')
		i++;
	if (i >= l->len || m->t[l->start + i] != '[')
		return 0;
	for (k = i + 1; k < l->len && isdigit((unsigned char)m->t[l->start + k]) && n < 100000;
	     k++)
		n = 10 * n + (unsigned)(m->t[l->start + k] - '0');
	if (k == i + 1 || k >= l->len || m->t[l->start + k] != ']')
		return 0;
	k++;
	while (k < l->len && m->t[l->start + k] == ' ')
		k++;
	*text = l->start + k;
	return n;
}

/* The text of lines [first, last] from byte FROM of the first, joined by spaces, each
 * line trimmed. Caller frees. */
static char *
join_lines(const struct txt *m, size_t first, size_t last, size_t from)
{
	struct buf b = {0};
	size_t i;

	for (i = first; i <= last; i++) {
		const struct line *l = &m->lines[i];
		size_t s = i == first ? from : l->start, e = l->start + l->len;

		while (s < e && (m->t[s] == ' ' || m->t[s] == '\t'))
			s++;
		while (e > s && (m->t[e - 1] == ' ' || m->t[e - 1] == '\t'))
			e--;
		if (b.len > 0)
			buf_puts(&b, " ");
		buf_append(&b, m->t + s, e - s);
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	return b.data;
}

/* ---- The notes list ---- */

/* Finds the notes list: the last run of blocks whose first starts "[1]" and whose
 * every block starts with the next number. Reads the notes; returns the index of its
 * first block (m->nblocks when there is none). What follows the list is dropped: the
 * boilerplate a web page copied along. */
static size_t
read_notes(struct txt *m)
{
	size_t b, start = m->nblocks, text, k;
	unsigned n;

	for (b = m->nblocks; b-- > 0;) {
		if (note_number(m, &m->lines[m->blocks[b].first], &text) == 1) {
			start = b;
			break;
		}
	}
	for (b = start; b < m->nblocks; b++) {
		size_t first = m->blocks[b].first, i;

		for (i = first; i <= m->blocks[b].last; i++) {
			n = note_number(m, &m->lines[i], &text);
			if (n != m->nnotes + 1) {
				if (i == first)
					return start;   /* the list has ended */
				continue;
			}
			/* A note runs to the next note line of its block. */
			for (k = i; k < m->blocks[b].last &&
			            note_number(m, &m->lines[k + 1], &(size_t){0}) != n + 1; k++)
				;
			m->notes = mem_realloc_array(m->notes, m->nnotes + 1, sizeof(*m->notes));
			m->notes[m->nnotes++] = (struct note){n, join_lines(m, i, k, text),
			                                      m->lines[i].no, false};
			i = k;
		}
	}
	return start;
}

static struct note *
find_note(struct txt *m, unsigned n)
{
	return n >= 1 && n <= m->nnotes ? &m->notes[n - 1] : NULL;
}

/* ---- Inline text ---- */

/* Appends TEXT to PARENT, making a footnote of every "[n]" marker whose note exists.
 * LINE is TEXT's line (for a marker with no note); the column is counted from COL0. */
static void
add_inline(struct txt *m, xmlNodePtr parent, const char *text, unsigned line)
{
	const char *s = text, *p = text;

	while ((p = strchr(p, '[')) != NULL) {
		const char *q = p + 1;
		unsigned n = 0;
		struct note *note;

		while (isdigit((unsigned char)*q) && n < 100000)
			n = 10 * n + (unsigned)(*q++ - '0');
		if (q == p + 1 || *q != ']') {
			p++;
			continue;
		}
		note = find_note(m, n);
		if (note == NULL) {
			if (m->nnotes > 0)
				diag_report(m->d, RULE_MANUSCRIPT, m->name, line, 0,
				            "note marker [%u] has no note [%u] in the notes list", n, n);
			m->failed |= m->nnotes > 0;
			p = q + 1;
			continue;
		}
		xmlNodeAddContentLen(parent, X(s), (int)(p - s));
		if (note->used) {
			/* Called again: a reference to the footnote made at its first call. */
			char num[16];

			snprintf(num, sizeof(num), "%u", n);
			xmlNewNsProp(xmlNewChild(parent, NULL, X("footnoteref"), NULL), m->imp, X("n"),
			             X(num));
		} else {
			xmlNodePtr fn = xmlNewChild(parent, NULL, X("footnote"), NULL);
			xmlNodePtr para = xmlNewChild(fn, NULL, X("para"), NULL);
			char num[16];

			xmlNodeAddContent(para, X(note->text));
			snprintf(num, sizeof(num), "%u", n);
			xmlNewNsProp(fn, m->imp, X("n"), X(num));
			snprintf(num, sizeof(num), "%u", note->line);
			xmlNewNsProp(fn, m->imp, X("line"), X(num));
		}
		note->used = true;
		s = p = q + 1;
	}
	xmlNodeAddContent(parent, X(s));
}

/* ---- Blocks ---- */

/* A bullet at the start of S: "•", "-", "*", "–", "1.", "1)"; its length with the
 * space after, or 0. *ORDERED says whether it is a number. */
static size_t
bullet(const char *s, bool *ordered)
{
	static const char *const marks[] = {"\u2022", "-", "*", "\u2013", "\u25aa", "\u25e6"};
	size_t k, n;

	while (*s == ' ' || *s == '\t')
		s++;
	*ordered = false;
	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		n = strlen(marks[k]);
		if (strncmp(s, marks[k], n) == 0 && (s[n] == ' ' || s[n] == '\t'))
			return n + 1;
	}
	for (n = 0; isdigit((unsigned char)s[n]) && n < 3; n++)
		;
	if (n > 0 && (s[n] == '.' || s[n] == ')') && s[n + 1] == ' ') {
		*ordered = true;
		return n + 2;
	}
	return 0;
}

/* Is the block a heading: one short line, no sentence end, no note marker? */
static bool
heading(const struct txt *m, const struct block *b, const char *text)
{
	size_t n = strlen(text);
	bool ordered;

	if (b->first != b->last || n == 0 || n > 100 || bullet(text, &ordered) > 0)
		return false;
	if (strchr(".,;:!\u201d\"", text[n - 1]) != NULL || strstr(text, "\u201d") != NULL)
		return false;
	if (m->t[m->lines[b->first].start] == ' ' || strchr(text, '[') != NULL)
		return false;
	return isupper((unsigned char)text[0]) || (unsigned char)text[0] >= 0x80;
}

/* Is block B a heading's shape too? */
static bool
heading_next(const struct txt *m, size_t b)
{
	const struct block *bl = &m->blocks[b];
	char *text = join_lines(m, bl->first, bl->last, m->lines[bl->first].start);
	bool yes = heading(m, bl, text);

	free(text);
	return yes;
}

/* Does the block open with an elision or a quotation mark after a paragraph that
 * ended with a colon, or is it indented: a block quote? */
static bool
quotation(const struct txt *m, const struct block *b, const char *prev)
{
	static const char *const opens[] = {"[\u2026]", "[...]", "\u2026", "\u201c", "\u00ab",
	                                    "\"", "(\u2026)"};
	const char *text = m->t + m->lines[b->first].start;
	size_t k, n = prev ? strlen(prev) : 0;
	bool ordered;

	if ((text[0] == '\t' || strncmp(text, "    ", 4) == 0) && bullet(text, &ordered) == 0)
		return true;
	if (n == 0 || prev[n - 1] != ':')
		return false;
	for (k = 0; k < sizeof(opens) / sizeof(opens[0]); k++)
		if (strncmp(text, opens[k], strlen(opens[k])) == 0)
			return true;
	return false;
}

static xmlNodePtr
add_para(struct txt *m, xmlNodePtr parent, const char *text, unsigned line)
{
	xmlNodePtr para = xmlNewChild(parent, NULL, X("para"), NULL);

	add_inline(m, para, text, line);
	return para;
}

/* The list item lines of block B, each bullet line starting an item, into LIST (a new
 * one when *LIST is NULL or of the other kind). */
static void
add_items(struct txt *m, xmlNodePtr article, xmlNodePtr *list, bool *list_ordered,
          const struct block *b)
{
	size_t i, k;

	for (i = b->first; i <= b->last; i = k + 1) {
		const struct line *l = &m->lines[i];
		bool ordered, dummy;
		size_t mark = bullet(m->t + l->start, &ordered);
		size_t from = l->start;
		char *text;

		while (m->t[from] == ' ' || m->t[from] == '\t')
			from++;
		for (k = i; k < b->last && bullet(m->t + m->lines[k + 1].start, &dummy) == 0; k++)
			;
		if (*list == NULL || *list_ordered != ordered) {
			*list = xmlNewChild(article, NULL, X(ordered ? "orderedlist" : "itemizedlist"),
			                    NULL);
			*list_ordered = ordered;
		}
		text = join_lines(m, i, k, from + mark);
		add_para(m, xmlNewChild(*list, NULL, X("listitem"), NULL), text, l->no);
		free(text);
	}
}

/* Are both lines of block B (two lines) such as a byline has? */
static bool
byline_lines(const struct txt *m, const struct block *b)
{
	char *one = join_lines(m, b->first, b->first, m->lines[b->first].start);
	char *two = join_lines(m, b->last, b->last, m->lines[b->last].start);
	bool yes = import_byline_like(one) && import_byline_like(two);

	free(one);
	free(two);
	return yes;
}

/* The body, blocks [from, to): paragraphs, headings, lists and quotes. */
static void
add_body(struct txt *m, xmlNodePtr article, size_t from, size_t to)
{
	xmlNodePtr list = NULL;
	bool list_ordered = false, ordered;
	char *prev = NULL;
	size_t b;

	for (b = from; b < to; b++) {
		const struct block *bl = &m->blocks[b];
		const struct line *l = &m->lines[bl->first];
		char *text = join_lines(m, bl->first, bl->last, l->start);

		if (bullet(m->t + l->start, &ordered) > 0) {
			add_items(m, article, &list, &list_ordered, bl);
		} else if (quotation(m, bl, prev)) {
			list = NULL;
			add_para(m, xmlNewChild(article, NULL, X("blockquote"), NULL), text, l->no);
		} else if (heading(m, bl, text) && b + 1 < to && !heading_next(m, b + 1)) {
			/* A heading heads something: not the lines that end the text, nor the
			 * first of two short lines (a signature). */
			list = NULL;
			xmlNewProp(xmlNewTextChild(article, NULL, X("bridgehead"), X(text)),
			           X("renderas"), X("sect1"));
		} else if (b + 1 == to && bl->last == bl->first + 1 && byline_lines(m, bl)) {
			/* The name and the affiliation on two lines: two paragraphs, so the
			 * byline can be told from them (import_finish). */
			char *name = join_lines(m, bl->first, bl->first, l->start);

			list = NULL;
			add_para(m, article, name, l->no);
			free(name);
			free(text);
			text = join_lines(m, bl->last, bl->last, m->lines[bl->last].start);
			add_para(m, article, text, m->lines[bl->last].no);
		} else {
			list = NULL;
			add_para(m, article, text, l->no);
		}
		free(prev);
		prev = text;
	}
	free(prev);
}

static void
txt_free(struct txt *m)
{
	size_t i;

	for (i = 0; i < m->nnotes; i++)
		free(m->notes[i].text);
	free(m->notes);
	free(m->lines);
	free(m->blocks);
}

xmlDocPtr
import_txt(const char *name, const char *bytes, size_t len, struct diag *d)
{
	struct txt m;
	xmlDocPtr doc;
	xmlNodePtr article, info;
	size_t notes_at, body_from = 1, i;
	char *title, *by;

	memset(&m, 0, sizeof(m));
	m.name = name;
	m.t = bytes;
	m.d = d;
	if (u8_check((const uint8_t *)bytes, len) != NULL || memchr(bytes, '\0', len) != NULL) {
		const uint8_t *bad = u8_check((const uint8_t *)bytes, len);
		size_t off = bad ? (size_t)(bad - (const uint8_t *)bytes) :
		             (size_t)((const char *)memchr(bytes, '\0', len) - bytes);
		unsigned line = 1;

		for (i = 0; i < off; i++)
			line += bytes[i] == '\n';
		diag_report(d, RULE_ENCODING, name, line, 0,
		            "%s; a manuscript is UTF-8 text", bad ? "invalid UTF-8" : "a NUL byte");
		return NULL;
	}
	split_lines(&m, len);
	split_blocks(&m);
	if (m.nblocks == 0) {
		diag_report(d, RULE_MANUSCRIPT, name, 0, 0, "no text: a manuscript starts with "
		            "its title line");
		txt_free(&m);
		return NULL;
	}
	notes_at = read_notes(&m);
	doc = xmlNewDoc(X("1.0"));
	article = xmlNewNode(NULL, X("article"));
	xmlDocSetRootElement(doc, article);
	xmlSetNs(article, xmlNewNs(article, X(DOCBOOK_NS), NULL));
	m.imp = xmlNewNs(article, X(IMPORT_NS), X("imp"));
	xmlNewProp(article, X("version"), X("5.0"));
	info = xmlNewChild(article, NULL, X("info"), NULL);
	title = join_lines(&m, m.blocks[0].first, m.blocks[0].last,
	                   m.lines[m.blocks[0].first].start);
	add_inline(&m, xmlNewChild(info, NULL, X("title"), NULL), title,
	           m.lines[m.blocks[0].first].no);
	free(title);
	by = m.nblocks > 1 ? join_lines(&m, m.blocks[1].first, m.blocks[1].last,
	                                m.lines[m.blocks[1].first].start) : NULL;
	if (by != NULL && strncmp(by, "By ", 3) == 0 && strlen(by) < 120) {
		import_add_author(info, by + 3, NULL);
		body_from = 2;
	}
	free(by);
	add_body(&m, article, body_from, notes_at);
	for (i = 0; i < m.nnotes; i++)
		if (!m.notes[i].used) {
			diag_report(d, RULE_MANUSCRIPT, name, m.notes[i].line, 0,
			            "note [%u] is never called: no [%u] marker in the text",
			            m.notes[i].n, m.notes[i].n);
			m.failed = true;
		}
	txt_free(&m);
	if (m.failed) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
