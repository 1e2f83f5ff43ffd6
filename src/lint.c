/* lint.c - the note lint: one pass over the brief's bytes, markup skipped, the text of
 * every <footnote> watched for punctuation slips, each kept as an edit of the bytes;
 * then the resolved citations, for short forms without a title. */
#include "lint.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

/* One slip: bytes [off, off + len) of the file, to be replaced by WITH. */
struct slip {
	size_t off, len;
	const char *with;
	unsigned note;
	const char *what;
};

struct scan {
	const char *t;
	size_t len;
	struct slip *slips;
	size_t n, cap;
	/* The last two characters of note text, and where the last one starts. */
	unsigned prev, prev2;
	unsigned note;
};

static void
add_slip(struct scan *s, size_t off, size_t len, const char *with, const char *what)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->slips = mem_realloc_array(s->slips, s->cap, sizeof(*s->slips));
	}
	s->slips[s->n++] = (struct slip){off, len, with, s->note, what};
}

/* The code point at I of the text (UTF-8, which source.c has checked) and its length
 * in *N. */
static unsigned
code_point(const struct scan *s, size_t i, size_t *n)
{
	ucs4_t c;

	*n = (size_t)u8_mbtouc_unsafe(&c, (const uint8_t *)s->t + i, s->len - i);
	return c;
}

static bool
closing_quote(unsigned c)
{
	return c == 0x201D || c == 0x00BB || c == '"' || c == 0x2019;
}

static bool
blank(unsigned c)
{
	return c == ' ' || c == 0x00A0;
}

/* Note text at I: watches the character there, after the two before it. Returns its
 * length. */
static size_t
text_char(struct scan *s, size_t i)
{
	size_t n, k, m, step;
	unsigned c = code_point(s, i, &n);

	if (c == '.' && closing_quote(s->prev) && (s->prev2 == '.' || s->prev2 == '?' ||
	                                           s->prev2 == '!'))
		add_slip(s, i, 1, "", s->prev2 == '.' ?
		         "a second period, after a quotation that ends with one (\u201c\u2026.\u201d.)" :
		         "a period after a quotation that ends with a question or exclamation mark");
	else if (c == '.' && (s->prev == '?' || s->prev == '!'))
		add_slip(s, i, 1, "", "a period after a question or exclamation mark (?.)");
	if (blank(c) && s->prev != 0 && !blank(s->prev)) {
		/* A run of blanks between words of one line: one space is enough. Blanks
		 * that open a line or end one are the file's layout. */
		for (k = i + n, m = 1; k < s->len && blank(code_point(s, k, &step)); k += step)
			m++;
		if (m > 1 && k < s->len && s->t[k] != '\n' && s->t[k] != '\r')
			add_slip(s, i, k - i, " ", "two spaces where one belongs");
	}
	s->prev2 = s->prev;
	s->prev = c;
	return n;
}

/* The name of the element whose tag starts at I ("<footnote ", "</footnote>"): does
 * it name a footnote? */
static bool
footnote_tag(const char *t, size_t i, size_t len, bool closing)
{
	size_t j = i + 1 + closing;

	if (j + 8 > len || strncmp(t + j, "footnote", 8) != 0)
		return false;
	return strchr(" \t\r\n/>", t[j + 8]) != NULL && t[j + 8] != '\0';
}

/* Passes over markup at I ("<...>" with its quoted attribute values, a comment, a
 * CDATA section): returns its end. */
static size_t
skip_markup(const char *t, size_t i, size_t len)
{
	const char *end;
	char quote = 0;

	if (strncmp(t + i, "<!--", 4) == 0) {
		end = strstr(t + i + 4, "-->");
		return end ? (size_t)(end - t) + 3 : len;
	}
	if (strncmp(t + i, "<![CDATA[", 9) == 0) {
		end = strstr(t + i + 9, "]]>");
		return end ? (size_t)(end - t) + 3 : len;
	}
	for (i++; i < len; i++) {
		if (quote != 0 && t[i] == quote)
			quote = 0;
		else if (quote == 0 && (t[i] == '"' || t[i] == '\''))
			quote = t[i];
		else if (quote == 0 && t[i] == '>')
			return i + 1;
	}
	return len;
}

static void
scan(struct scan *s)
{
	size_t i = 0;
	int depth = 0;

	while (i < s->len) {
		if (s->t[i] == '<') {
			if (footnote_tag(s->t, i, s->len, false)) {
				depth++;
				s->note++;
				s->prev = s->prev2 = 0;
			} else if (footnote_tag(s->t, i, s->len, true) && depth > 0) {
				depth--;
			}
			i = skip_markup(s->t, i, s->len);
		} else if (depth > 0 && s->t[i] == '\n') {
			s->prev = s->prev2 = 0;   /* a line break is the file's layout */
			i++;
		} else if (depth > 0) {
			i += text_char(s, i);
		} else {
			i++;
		}
	}
}

size_t
lint_notes(const struct source *src, struct diag *d, struct buf *fixed)
{
	struct source_cursor cur = {0, 1, 1};
	struct scan s;
	size_t i, at = 0, n;

	memset(&s, 0, sizeof(s));
	s.t = src->text;
	s.len = src->len;
	scan(&s);
	for (i = 0; i < s.n; i++) {
		const struct slip *p = &s.slips[i];

		if (fixed != NULL) {
			buf_append(fixed, s.t + at, p->off - at);
			buf_puts(fixed, p->with);
			at = p->off + p->len;
			continue;
		}
		source_cursor_seek(s.t, &cur, p->off);
		diag_report(d, RULE_NOTE_STYLE, src->path, cur.line, cur.col, "%s in note %u; "
		            "briefc check --fix mends it", p->what, p->note);
	}
	if (fixed != NULL)
		buf_append(fixed, s.t + at, s.len - at);
	n = s.n;
	free(s.slips);
	return n;
}

/* Is C a short form written without a title, of a work that has one? */
static bool
untitled_short(const struct cite_model *m, const struct cite *c)
{
	return c->form == CITE_SHORT && c->work != CITE_NONE && c->fields.title == NULL &&
	       c->fields.short_title == NULL && m->works[c->work].short_title != NULL;
}

/* The notes after FIRST that cite its work in a short form without a title, as
 * "; also in notes 12, 14, and 15" into OUT (nothing when there are none). */
static void
other_notes(const struct cite_model *m, size_t first, struct buf *out)
{
	const struct cite_work *w = &m->works[m->cites[first].work];
	size_t *notes = mem_realloc_array(NULL, w->ncites + 1, sizeof(*notes));
	size_t i, n = 0;

	for (i = 0; i < w->ncites; i++) {
		const struct cite *c = &m->cites[w->cites[i]];

		if (w->cites[i] > first && untitled_short(m, c) &&
		    c->note != (n > 0 ? notes[n - 1] : m->cites[first].note))
			notes[n++] = c->note;
	}
	for (i = 0; i < n; i++)
		buf_printf(out, "%s%zu", i == 0 ? (n > 1 ? "; also in notes " : "; also in note ") :
		           i + 1 < n ? ", " : n > 2 ? ", and " : " and ", notes[i]);
	free(notes);
}

size_t
lint_short_forms(const struct source *src, const struct cite_model *m, struct diag *d)
{
	bool *seen = mem_alloc(m->nworks > 0 ? m->nworks : 1);
	size_t i, n = 0;

	memset(seen, 0, m->nworks > 0 ? m->nworks : 1);
	for (i = 0; i < m->ncites; i++) {
		const struct cite *c = &m->cites[i];
		struct buf also = {0};
		unsigned line, col;

		if (!untitled_short(m, c) || seen[c->work])
			continue;
		seen[c->work] = true;
		buf_puts(&also, "");
		other_notes(m, i, &also);
		source_locate(src, c->node, &line, &col);
		diag_report(d, RULE_SHORT_TITLE, src->path, line, col, "a short form without "
		            "its work's title in note %zu: Chicago writes the author, the short "
		            "title (\u201c%s\u201d) and the page%s", c->note,
		            m->works[c->work].short_title, also.data);
		buf_free(&also);
		n++;
	}
	free(seen);
	return n;
}
