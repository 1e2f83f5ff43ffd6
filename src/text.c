/* text.c - plain text: the layout tree text.xsl makes, set as lines of a display
 * width, broken where UAX #14 (libunistring) allows and never inside a word. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

/* The layout: text.xsl decides everything a reader sees but the line breaks.
 *
 *   <layout>                 the whole text; its children are set in order, each
 *                            after one blank line (none before the first)
 *     <block indent="N" marker="M" hang="H" tight="yes">TEXT</block>
 *                            a paragraph: TEXT wrapped to the width; every line starts
 *                            with N spaces (default 0), the first then with M as given
 *                            (a list bullet "* ", a note number "[12] "; default none),
 *                            the others with as many columns of spaces as M takes,
 *                            plus H more (a hanging indent; default 0)
 *     <heading underline="C" tight="yes">TEXT</heading>
 *                            TEXT wrapped to the width, then a line of the character
 *                            C, as wide as the widest line of TEXT
 *     <table indent="N" tight="yes">
 *                            rows of cells set in columns two spaces apart, from
 *                            column N (default 0) on, within the width less N
 *                            (set_widths says how the columns share it)
 *       <row head="yes">     one or more rows, each with as many cells as the first;
 *                            after the last head="yes" row, a line of "-" as wide as
 *                            each column
 *         <cell>TEXT</cell>  one or more cells: TEXT wrapped to the width of its
 *                            column, left-aligned; a row is as many lines as its
 *                            tallest cell, and at least one. A word wider than its
 *                            column has a line of its own, which runs past the
 *                            column and pushes the rest of that line right
 *       </row>
 *     </table>
 *   </layout>
 *
 * tight="yes" sets the element right under the one before it, with no blank line.
 * TEXT is character data only; each run of XML white space in it is one space (as in
 * HTML), and none is kept at either end. A block or heading with no text and no marker
 * is not set at all; a table always is. N and H are at most the width; C is one
 * character of one column. Between rows, and between cells, there may be white space
 * and comments. The layout has no namespace, no DOCTYPE and nothing else: any other
 * element, attribute or text is a stylesheet bug, reported. */

/* uc_width's encoding: East Asian ambiguous characters (curly quotes, "é") take one
 * column, as in any UTF-8 terminal. */
#define ENCODING "UTF-8"

/* A line of a wrapped text: bytes START to END (no white space at either end), COLS
 * columns wide. */
struct line {
	size_t start, end, cols;
};

/* What was set so far: whether anything was, for the blank line between elements. */
struct setter {
	struct buf *out;
	unsigned width;
	int started;
};

static int
is_collapsed(ucs4_t c)
{
	/* XML white space, and the line separators UAX #14 would break at unasked. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x85 ||
	       c == 0x2028 || c == 0x2029;
}

static int
is_no_break_space(ucs4_t c)
{
	return c == 0xA0 || c == 0x2007 || c == 0x202F;
}

/* Unicode's White_Space; ASCII, nearly all of a brief's text, without a call. */
static int
is_space(ucs4_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0D);
	return uc_is_property_white_space(c);
}

/* Is C narrow, less than two columns wide? Every ASCII character is. */
static int
is_narrow(ucs4_t c)
{
	return c < 0x80 || uc_width(c, ENCODING) < 2;
}

/* Sets *C to the character at S (of at most N bytes, N > 0) and returns its length:
 * u8_mbtouc, with ASCII decoded in place. */
static int
next_char(ucs4_t *c, const uint8_t *s, size_t n)
{
	if (*s < 0x80) {
		*c = *s;
		return 1;
	}
	return u8_mbtouc(c, s, n);
}

/* The first character from S (before END) that is_collapsed is not COLLAPSED. */
static const uint8_t *
skip(const uint8_t *s, const uint8_t *end, int collapsed)
{
	while (s < end) {
		ucs4_t c;
		int k = next_char(&c, s, (size_t)(end - s));

		if (is_collapsed(c) != collapsed)
			break;
		s += k;
	}
	return s;
}

/* Appends the text content of EL to TEXT, each run of is_collapsed characters as one
 * space, none at either end. Returns 0, or -1 if EL holds an element. */
static int
collapsed_text(const xmlNode *el, struct buf *text)
{
	const xmlNode *n;
	int pending = 0;

	for (n = el->children; n != NULL; n = n->next) {
		const uint8_t *s, *end;

		if (n->type == XML_ELEMENT_NODE || n->type == XML_ENTITY_REF_NODE)
			return -1;
		if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
			continue;
		s = n->content;
		end = s + strlen((const char *)s);
		while (s < end) {
			const uint8_t *kept = skip(s, end, 0);

			if (kept > s) {
				if (pending && text->len > 0)
					buf_append(text, " ", 1);
				buf_append(text, (const char *)s, (size_t)(kept - s));
				pending = 0;
			}
			s = skip(kept, end, 1);
			if (s > kept)
				pending = 1;
		}
	}
	return 0;
}

/* Sets P[0..N-1] to where the line may break before S[i]: UAX #14's opportunities,
 * less those inside a word (between two narrow characters with neither a space nor a
 * zero width space before the break: "al-|Qaeda", "it.|[1]", a URL's "/") and those
 * next to a no-break space ("ends.\u00A0 |Next"), which would leave it at a line's
 * edge. Next to a wide (CJK) character UAX #14 decides alone. */
static void
allowed_breaks(const uint8_t *s, size_t n, char *p)
{
	ucs4_t prev = 0;
	int nbsp_before = 0; /* a no-break space in the white space just before */
	size_t i = 0;

	u8_possible_linebreaks(s, n, ENCODING, p);
	while (i < n) {
		ucs4_t c;
		int k = next_char(&c, s + i, n - i);

		if (i > 0 && p[i] == UC_BREAK_POSSIBLE) {
			int in_word = !is_space(prev) && prev != 0x200B && is_narrow(prev) &&
			              is_narrow(c);

			if (in_word || nbsp_before || is_no_break_space(c))
				p[i] = UC_BREAK_PROHIBITED;
		}
		nbsp_before = is_space(c) ? nbsp_before || is_no_break_space(c) : 0;
		prev = c;
		i += (size_t)k;
	}
}

/* The end of S[START..END) without its trailing white space. */
static size_t
trim_end(const uint8_t *s, size_t start, size_t end)
{
	while (end > start) {
		ucs4_t c;
		const uint8_t *back;

		if (s[end - 1] < 0x80) {
			if (!is_space(s[end - 1]))
				break;
			end--;
			continue;
		}
		back = u8_prev(&c, s + end, s + start);
		if (back == NULL || !is_space(c))
			break;
		end = (size_t)(back - s);
	}
	return end;
}

/* The columns S[START..END) takes: one each for printable ASCII, else u8_width's. */
static size_t
cols(const uint8_t *s, size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end && s[i] >= 0x20 && s[i] < 0x7F; i++)
		;
	return i - start + (i < end ? (size_t)u8_width(s + i, end - i, ENCODING) : 0);
}

/* Wraps S[0..N) into lines of at most FIRST columns (the first) and REST (the others),
 * breaking only where P allows; a piece between two breaks wider than that has a line
 * of its own. Returns the lines (caller frees), *NLINES of them. Not libunistring's
 * u8_width_linebreaks: it counts the spaces before a break against the width, so
 * "aaaaa bbbb" would not fill a line of 10, and it knows one width for all lines. */
static struct line *
wrap(const uint8_t *s, size_t n, const char *p, size_t first, size_t rest, size_t *nlines)
{
	struct line *lines = NULL;
	size_t count = 0, cap = 0, at = 0;

	while (at < n) {
		struct line ln = {at, at, 0};
		size_t room = count == 0 ? first : rest, used = 0;

		while (at < n) {
			size_t next = at + 1, text_end, w;

			while (next < n && p[next] != UC_BREAK_POSSIBLE)
				next++;
			text_end = trim_end(s, at, next);
			w = cols(s, at, text_end);
			if (ln.end > ln.start && used + w > room)
				break;
			ln.end = text_end;
			ln.cols = used + w;
			used += w + cols(s, text_end, next);
			at = next;
		}
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			lines = mem_realloc_array(lines, cap, sizeof(*lines));
		}
		lines[count++] = ln;
	}
	*nlines = count;
	return lines;
}

static void
put_spaces(struct buf *out, size_t n)
{
	while (n-- > 0)
		buf_append(out, " ", 1);
}

/* Ends the line begun at byte START of OUT, without trailing spaces. */
static void
end_line(struct buf *out, size_t start)
{
	while (out->len > start && out->data[out->len - 1] == ' ')
		out->len--;
	buf_append(out, "\n", 1);
}

/* The blank line before an element, unless it is the first or TIGHT. */
static void
separate(struct setter *st, int tight)
{
	if (st->started && !tight)
		buf_append(st->out, "\n", 1);
	st->started = 1;
}

/* Reads attribute NAME of EL as a number of columns, at most MAX, into *N (0 when
 * absent). Returns 0, or -1 if it is not one. */
static int
columns_attr(const xmlNode *el, const char *name, unsigned max, size_t *n)
{
	xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
	char *end;
	unsigned long x = 0;
	int ok = 1;

	if (v != NULL) {
		x = strtoul((const char *)v, &end, 10);
		ok = *v >= '0' && *v <= '9' && *end == '\0' && x <= max;
	}
	xmlFree(v);
	*n = x;
	return ok ? 0 : -1;
}

/* Whether EL has attribute NAME="yes" (tight, head); -1 for any other value. */
static int
yes_attr(const xmlNode *el, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
	int yes = v == NULL ? 0 : strcmp((const char *)v, "yes") == 0 ? 1 : -1;

	xmlFree(v);
	return yes;
}

/* Whether every attribute of EL is one of the NULL-terminated NAMES. */
static int
attrs_known(const xmlNode *el, const char *const *names)
{
	const xmlAttr *a;

	for (a = el->properties; a != NULL; a = a->next) {
		size_t i;

		for (i = 0; names[i] != NULL && strcmp(names[i], (const char *)a->name) != 0; i++)
			;
		if (names[i] == NULL || a->ns != NULL)
			return 0;
	}
	return 1;
}

/* The text of EL, collapsed, with its allowed breaks in *P (caller frees both), or
 * NULL if EL holds an element. */
static uint8_t *
element_text(const xmlNode *el, size_t *len, char **p)
{
	struct buf text = {0};

	buf_append(&text, "", 0); /* an empty text too is a string */
	if (collapsed_text(el, &text) != 0) {
		buf_free(&text);
		return NULL;
	}
	*len = text.len;
	*p = mem_alloc(text.len);
	allowed_breaks((const uint8_t *)text.data, text.len, *p);
	return (uint8_t *)text.data;
}

/* Sets a <block>. Returns 0, or -1 if it is not one the layout allows. */
static int
set_block(struct setter *st, const xmlNode *el)
{
	static const char *const known[] = {"indent", "marker", "hang", "tight", NULL};
	xmlChar *marker = xmlGetNoNsProp(el, (const xmlChar *)"marker");
	const char *m = marker ? (const char *)marker : "";
	size_t indent, hang, mcols = (size_t)u8_strwidth((const uint8_t *)m, ENCODING);
	size_t len = 0, nlines = 0, i, first, rest;
	int tight = yes_attr(el, "tight");
	char *p = NULL;
	uint8_t *s = NULL;
	struct line *lines = NULL;
	int ret = -1;

	if (!attrs_known(el, known) || tight < 0 ||
	    columns_attr(el, "indent", st->width, &indent) != 0 ||
	    columns_attr(el, "hang", st->width, &hang) != 0 ||
	    (s = element_text(el, &len, &p)) == NULL)
		goto done;
	ret = 0;
	first = indent + mcols < st->width ? st->width - indent - mcols : 0;
	rest = indent + mcols + hang < st->width ? st->width - indent - mcols - hang : 0;
	lines = wrap(s, len, p, first, rest, &nlines);
	if (nlines == 0 && *m == '\0')
		goto done;
	separate(st, tight);
	for (i = 0; i == 0 || i < nlines; i++) {
		size_t start = st->out->len;

		put_spaces(st->out, indent + (i > 0 ? mcols + hang : 0));
		if (i == 0)
			buf_puts(st->out, m);
		if (i < nlines)
			buf_append(st->out, (const char *)s + lines[i].start,
			           lines[i].end - lines[i].start);
		end_line(st->out, start);
	}
done:
	free(lines);
	free(p);
	free(s);
	xmlFree(marker);
	return ret;
}

/* The underline of EL: one character of one column; NULL (reported by the caller) if
 * there is none. Caller frees with xmlFree. */
static xmlChar *
underline_attr(const xmlNode *el)
{
	xmlChar *u = xmlGetNoNsProp(el, (const xmlChar *)"underline");
	ucs4_t c = 0;
	size_t n = u ? strlen((const char *)u) : 0;

	if (n > 0 && u8_mbtouc(&c, u, n) == (int)n && uc_width(c, ENCODING) == 1)
		return u;
	xmlFree(u);
	return NULL;
}

/* Sets a <heading>. Returns 0, or -1 if it is not one the layout allows. */
static int
set_heading(struct setter *st, const xmlNode *el)
{
	static const char *const known[] = {"underline", "tight", NULL};
	xmlChar *u = underline_attr(el);
	size_t len = 0, nlines = 0, widest = 0, i;
	int tight = yes_attr(el, "tight");
	char *p = NULL;
	uint8_t *s = NULL;
	struct line *lines = NULL;
	int ret = -1;

	if (u == NULL || !attrs_known(el, known) || tight < 0 ||
	    (s = element_text(el, &len, &p)) == NULL)
		goto done;
	ret = 0;
	lines = wrap(s, len, p, st->width, st->width, &nlines);
	if (nlines == 0)
		goto done;
	separate(st, tight);
	for (i = 0; i < nlines; i++) {
		buf_append(st->out, (const char *)s + lines[i].start, lines[i].end - lines[i].start);
		buf_append(st->out, "\n", 1);
		if (lines[i].cols > widest)
			widest = lines[i].cols;
	}
	for (i = 0; i < widest; i++)
		buf_puts(st->out, (const char *)u);
	buf_append(st->out, "\n", 1);
done:
	free(lines);
	free(p);
	free(s);
	xmlFree(u);
	return ret;
}

static int
is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	       strcmp((const char *)n->name, name) == 0;
}

/* A cell of a table: its collapsed text S, LEN bytes, and where it may break, P. */
struct cell {
	uint8_t *s;
	char *p;
	size_t len;
};

/* A <table> read: NROWS rows of NCOLS cells, row by row in CELLS; rows up to the
 * last head row (HEADS of them, 0 without one) are ruled off from the others. For
 * each column: its NATURAL width (its widest cell set on one line), its MINIMUM (its
 * widest piece between two allowed breaks), both at least 1, and the WIDTH it is set
 * at. The table owns every array and each cell's text; table_free frees them. */
struct table {
	struct cell *cells;
	size_t *natural, *minimum, *width;
	size_t nrows, ncols, heads, indent;
};

/* Frees what T owns (T itself is the caller's). */
static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; t->cells != NULL && i < t->nrows * t->ncols; i++) {
		free(t->cells[i].s);
		free(t->cells[i].p);
	}
	free(t->cells);
	free(t->natural);
	free(t->minimum);
	free(t->width);
}

/* Whether N may stand between the rows of a table or the cells of a row: white space,
 * a comment, a processing instruction. */
static int
is_between(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return xmlIsBlankNode(n);
	return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
}

/* How many <NAME> children EL has; 0 if it has anything else is_between does not
 * allow. */
static size_t
count_children(const xmlNode *el, const char *name)
{
	const xmlNode *n;
	size_t count = 0;

	for (n = el->children; n != NULL; n = n->next) {
		if (is_named(n, name))
			count++;
		else if (!is_between(n))
			return 0;
	}
	return count;
}

/* Sets T->nrows and T->ncols from the <table> EL. Returns 0, or -1 if it has no rows,
 * a row has no cells or not as many as the first, or anything else is between them. */
static int
table_shape(const xmlNode *el, struct table *t)
{
	const xmlNode *row;

	t->nrows = count_children(el, "row");
	if (t->nrows == 0)
		return -1;
	for (row = el->children; row != NULL; row = row->next) {
		size_t n;

		if (!is_named(row, "row"))
			continue;
		n = count_children(row, "cell");
		if (t->ncols == 0)
			t->ncols = n;
		if (n == 0 || n != t->ncols)
			return -1;
	}
	return 0;
}

/* N columns' worth of VALUE; caller frees. */
static size_t *
columns_new(size_t n, size_t value)
{
	size_t *a = mem_realloc_array(NULL, n, sizeof(*a)), i;

	for (i = 0; i < n; i++)
		a[i] = value;
	return a;
}

/* Reads the <cell> EL into C, and widens column J of T to take it: the width of its
 * text on one line, and of its widest piece (wrap with no room sets each piece on a
 * line of its own). Returns 0, or -1 if EL has an attribute or holds an element. */
static int
read_cell(const xmlNode *el, struct cell *c, struct table *t, size_t j)
{
	static const char *const known[] = {NULL};
	struct line *pieces;
	size_t npieces = 0, i, one_line;

	if (!attrs_known(el, known) || (c->s = element_text(el, &c->len, &c->p)) == NULL)
		return -1;
	one_line = cols(c->s, 0, trim_end(c->s, 0, c->len));
	if (one_line > t->natural[j])
		t->natural[j] = one_line;
	pieces = wrap(c->s, c->len, c->p, 0, 0, &npieces);
	for (i = 0; i < npieces; i++)
		if (pieces[i].cols > t->minimum[j])
			t->minimum[j] = pieces[i].cols;
	free(pieces);
	return 0;
}

/* Reads the <row> EL, row R of T (table_shape has counted its cells). Returns 0, or
 * -1 if it or a cell is not one the layout allows. */
static int
read_row(const xmlNode *el, struct table *t, size_t r)
{
	static const char *const known[] = {"head", NULL};
	const xmlNode *n;
	int head = yes_attr(el, "head");
	size_t j = 0;

	if (!attrs_known(el, known) || head < 0)
		return -1;
	if (head)
		t->heads = r + 1;
	for (n = el->children; n != NULL; n = n->next) {
		if (!is_named(n, "cell"))
			continue;
		if (read_cell(n, &t->cells[r * t->ncols + j], t, j) != 0)
			return -1;
		j++;
	}
	return 0;
}

/* Reads the rows of the <table> EL into T (zeroed; table_free it even on failure).
 * Returns 0, or -1 if it is not a table the layout allows. */
static int
read_table(const xmlNode *el, struct table *t)
{
	const xmlNode *n;
	size_t r = 0;

	if (table_shape(el, t) != 0)
		return -1;
	/* table_shape found every cell there: nrows * ncols does not overflow. */
	t->cells = mem_realloc_array(NULL, t->nrows * t->ncols, sizeof(*t->cells));
	memset(t->cells, 0, t->nrows * t->ncols * sizeof(*t->cells));
	t->natural = columns_new(t->ncols, 1);
	t->minimum = columns_new(t->ncols, 1);
	t->width = columns_new(t->ncols, 0);
	for (n = el->children; n != NULL; n = n->next)
		if (is_named(n, "row") && read_row(n, t, r++) != 0)
			return -1;
	return 0;
}

/* The highest level L, at least 1, at which columns each min(MINIMUM, L) wide fit in
 * ROOM: the columns of long words share what the others leave them. */
static size_t
water_level(const size_t *minimum, size_t n, size_t room)
{
	size_t lo = 1, hi = room;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2, sum = 0, j;

		for (j = 0; j < n && sum <= room; j++)
			sum += minimum[j] < mid ? minimum[j] : mid;
		if (sum <= room)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Gives each of the N columns of WIDTH that is short of its TARGET by no more than an
 * even share of ROOM among the columns short of theirs its whole target, until none
 * is: a narrow column ("People (2020)") is set whole before a wide one takes the
 * rest. Returns the room left. */
static size_t
satisfy_narrow(size_t *width, const size_t *target, size_t n, size_t room)
{
	size_t j, nshort;
	bool changed = true;

	while (changed) {
		changed = false;
		for (j = 0, nshort = 0; j < n; j++)
			nshort += width[j] < target[j];
		for (j = 0; j < n && nshort > 0; j++) {
			if (width[j] < target[j] && target[j] - width[j] <= room / nshort) {
				room -= target[j] - width[j];
				width[j] = target[j];
				changed = true;
			}
		}
	}
	return room;
}

/* Widens the N columns of WIDTH (none wider than its TARGET) toward TARGET with at
 * most ROOM columns more; returns the room left over. If ROOM is enough, each column
 * gets its target; if not, all the room goes: first to the narrow columns
 * (satisfy_narrow), then each column gets ROOM * want / (the sum of the wants),
 * rounded down, its want being how much it is short but at most ROOM (so that a
 * column wanting more than there is does not starve the others), and what the
 * rounding leaves goes one column each, left to right, to those still short. */
static size_t
widen(size_t *width, const size_t *target, size_t n, size_t room)
{
	size_t short_of = 0, wants = 0, given = 0, j;

	for (j = 0; j < n; j++)
		short_of += target[j] - width[j];
	if (short_of <= room) {
		memcpy(width, target, n * sizeof(*width));
		return room - short_of;
	}
	room = satisfy_narrow(width, target, n, room);
	short_of = 0;
	for (j = 0; j < n; j++) {
		short_of += target[j] - width[j];
		wants += target[j] - width[j] < room ? target[j] - width[j] : room;
	}
	if (short_of <= room) {
		memcpy(width, target, n * sizeof(*width));
		return room - short_of;
	}
	if (room == 0)
		return 0; /* and wants may be 0 */
	/* wants >= room here, so no column gets more than it wants. */
	for (j = 0; j < n; j++) {
		size_t want = target[j] - width[j] < room ? target[j] - width[j] : room;
		size_t share = room * want / wants;

		width[j] += share;
		given += share;
	}
	/* Each column whose share was rounded down is still short: there are at least
	 * as many as the columns the rounding left. */
	for (j = 0; j < n && given < room; j++) {
		if (width[j] < target[j]) {
			width[j]++;
			given++;
		}
	}
	return 0;
}

/* Sets the width of each column of T to share the room: AVAIL (the width less the
 * indent) less two columns between each two columns. In integers, deterministically:
 * each column starts at its minimum capped at the highest level at which the capped
 * minimums fit (water_level): when they all fit that is no cap; when a long word's
 * does not, the narrow columns keep their minimums and the wide ones share the rest
 * evenly. The room then left widens the columns short of their minimum, then those
 * short of their natural width, each in proportion to what it lacks (widen). A column
 * is at least 1 wide even if the room is less (the table then runs past the width);
 * a word wider than its column has a line of its own that runs past it. */
static void
set_widths(struct table *t, size_t avail)
{
	size_t gaps = 2 * (t->ncols - 1), room = avail > gaps ? avail - gaps : 0;
	size_t level = water_level(t->minimum, t->ncols, room), used = 0, j;

	for (j = 0; j < t->ncols; j++) {
		t->width[j] = t->minimum[j] < level ? t->minimum[j] : level;
		used += t->width[j];
	}
	room = room > used ? room - used : 0;
	room = widen(t->width, t->minimum, t->ncols, room);
	widen(t->width, t->natural, t->ncols, room);
}

/* A cell wrapped to its column: its LINES (owned), N of them. */
struct wrapped {
	struct line *lines;
	size_t n;
};

/* Sets line K of row R of T, whose cells are wrapped as W: each column's line of text
 * padded to the column's width, two spaces between columns. */
static void
put_row_line(struct buf *out, const struct table *t, size_t r, const struct wrapped *w,
             size_t k)
{
	const struct cell *row = t->cells + r * t->ncols;
	size_t start = out->len, j;

	put_spaces(out, t->indent);
	for (j = 0; j < t->ncols; j++) {
		size_t used = 0;

		if (k < w[j].n) {
			buf_append(out, (const char *)row[j].s + w[j].lines[k].start,
			           w[j].lines[k].end - w[j].lines[k].start);
			used = w[j].lines[k].cols;
		}
		if (j + 1 < t->ncols)
			put_spaces(out, (used < t->width[j] ? t->width[j] - used : 0) + 2);
	}
	end_line(out, start);
}

/* Sets row R of T: as many lines as its tallest cell wrapped, and at least one. */
static void
set_row(struct buf *out, const struct table *t, size_t r)
{
	const struct cell *row = t->cells + r * t->ncols;
	struct wrapped *w = mem_realloc_array(NULL, t->ncols, sizeof(*w));
	size_t height = 1, j, k;

	for (j = 0; j < t->ncols; j++) {
		w[j].lines = wrap(row[j].s, row[j].len, row[j].p, t->width[j], t->width[j],
		                  &w[j].n);
		if (w[j].n > height)
			height = w[j].n;
	}
	for (k = 0; k < height; k++)
		put_row_line(out, t, r, w, k);
	for (j = 0; j < t->ncols; j++)
		free(w[j].lines);
	free(w);
}

/* The line under the head rows of T: "-" as wide as each column. */
static void
put_rule(struct buf *out, const struct table *t)
{
	size_t start = out->len, i, j;

	put_spaces(out, t->indent);
	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			put_spaces(out, 2);
		for (i = 0; i < t->width[j]; i++)
			buf_append(out, "-", 1);
	}
	end_line(out, start);
}

/* Sets a <table>. Returns 0, or -1 if it is not one the layout allows. */
static int
set_table(struct setter *st, const xmlNode *el)
{
	static const char *const known[] = {"indent", "tight", NULL};
	struct table t = {0};
	int tight = yes_attr(el, "tight");
	size_t r;
	int ret = -1;

	if (!attrs_known(el, known) || tight < 0 ||
	    columns_attr(el, "indent", st->width, &t.indent) != 0 || read_table(el, &t) != 0)
		goto done;
	ret = 0;
	set_widths(&t, st->width - t.indent);
	separate(st, tight);
	for (r = 0; r < t.nrows; r++) {
		set_row(st->out, &t, r);
		if (r + 1 == t.heads)
			put_rule(st->out, &t);
	}
done:
	table_free(&t);
	return ret;
}

/* Sets every child of the <layout> ROOT. Returns 0, or -1 reported to D. */
static int
set_layout(struct setter *st, const xmlNode *root, const char *file, struct diag *d)
{
	const xmlNode *n;

	for (n = root->children; n != NULL; n = n->next) {
		const char *what = NULL;

		if (is_named(n, "block")) {
			if (set_block(st, n) != 0)
				what = "a malformed <block>";
		} else if (is_named(n, "heading")) {
			if (set_heading(st, n) != 0)
				what = "a malformed <heading>";
		} else if (is_named(n, "table")) {
			if (set_table(st, n) != 0)
				what = "a malformed <table>";
		} else if (n->type == XML_ELEMENT_NODE)
			what = "an element that is not a <block>, <heading> or <table>";
		else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		         !xmlIsBlankNode(n))
			what = "text outside a <block>";
		if (what != NULL) {
			diag_report(d, RULE_XSLT, file, 0, 0, "the text layout has %s "
			            "(a bug in text.xsl)", what);
			return -1;
		}
	}
	return 0;
}

int
text_render(xmlDocPtr layout, unsigned width, const char *file, struct buf *out,
            struct diag *d)
{
	struct setter st = {out, width, 0};
	size_t before = out->len;
	xmlNodePtr root = xmlDocGetRootElement(layout);
	int ret = -1;

	if (root == NULL || !is_named(root, "layout") || root->properties != NULL)
		diag_report(d, RULE_XSLT, file, 0, 0, "the text layout is not a <layout> "
		            "(a bug in text.xsl)");
	else
		ret = set_layout(&st, root, file, d);
	if (ret != 0 && out->data != NULL) {
		out->len = before;
		out->data[before] = '\0';
	}
	return ret;
}
