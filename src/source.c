/* source.c - safe loading: read a regular file, refuse what a brief must not contain,
 * parse from memory, and remember where every element starts. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <unistr.h>

#include "mem.h"

/* Never on user input: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, RECOVER, HUGE. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | \
                       XML_PARSE_BIG_LINES)

struct source_pos {
	const xmlNode *node;
	unsigned line, col;
};

/* What the SAX callbacks need while one file parses. */
struct load {
	struct source *src;
	struct diag *d;
	struct source_cursor cur;
	size_t cap;       /* allocated entries of src->pos */
	unsigned errors;  /* problems reported; any one fails the load */
	int stopped;      /* parsing was stopped: what libxml2 says next is noise */
};

/* How many of the N bytes at S begin a character (are no UTF-8 continuation byte,
 * 10xxxxxx), eight at a time: most of a brief is long lines of prose, and the byte at
 * a time this was took a quarter of loading it. */
static size_t
characters(const unsigned char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
	size_t count = n, i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, continuation;

		memcpy(&w, s + i, 8);
		/* Bit 7 of each continuation byte: set, with bit 6 (shifted to 7) clear. */
		continuation = (w & ~(w << 1) & high) >> 7;
		count -= (size_t)((continuation * ones) >> 56);
	}
	for (; i < n; i++)
		count -= (s[i] & 0xC0) == 0x80;
	return count;
}

void
source_cursor_seek(const char *text, struct source_cursor *c, size_t off)
{
	const unsigned char *s, *end, *nl;

	if (off < c->off) {
		c->off = 0;
		c->line = c->col = 1;
	}
	/* A byte order mark is no column an editor shows. */
	if (c->off == 0 && off >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c->off = 3;
	if (off <= c->off)
		return;
	s = (const unsigned char *)text + c->off;
	end = (const unsigned char *)text + off;
	while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		c->line++;
		c->col = 1;
		s = nl + 1;
	}
	c->col += (unsigned)characters(s, (size_t)(end - s));
	c->off = off;
}

/* Offset in the file of the parser's current position. The input is UTF-8 and is
 * never transcoded, so the parser's bytes are the file's bytes. */
static size_t
parser_offset(xmlParserCtxtPtr ctxt, const xmlChar *at)
{
	xmlParserInputPtr in = ctxt->input;

	return (size_t)in->consumed + (size_t)(at - in->base);
}

/* The '<' that opens the markup the parser has just read. Attribute values cannot
 * hold '<', so the nearest one before the cursor is it. */
static const xmlChar *
markup_start(xmlParserCtxtPtr ctxt)
{
	const xmlChar *p = ctxt->input->cur;

	while (p > ctxt->input->base && *p != '<')
		p--;
	return p;
}

static void
load_locate(struct load *ld, xmlParserCtxtPtr ctxt, const xmlChar *at,
            unsigned *line, unsigned *col)
{
	size_t off = parser_offset(ctxt, at);

	if (off > ld->src->len)
		off = ld->src->len;
	source_cursor_seek(ld->src->text, &ld->cur, off);
	*line = ld->cur.line;
	*col = ld->cur.col;
}

static void
on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                 const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                 int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	struct source *src = ld->src;
	struct source_pos *p;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nns, ns, nattrs, ndefaulted,
	                      attrs);
	if (ctxt->node == NULL)
		return;
	if (src->npos == ld->cap) {
		ld->cap = ld->cap ? 2 * ld->cap : 256;
		src->pos = mem_realloc_array(src->pos, ld->cap, sizeof(*src->pos));
	}
	p = &src->pos[src->npos++];
	p->node = ctxt->node;
	load_locate(ld, ctxt, markup_start(ctxt), &p->line, &p->col);
}

/* A brief is DocBook 5, validated by RELAX NG: a DOCTYPE could only bring entities
 * and DTD defaults, so parsing stops at it before any declaration is read. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
           const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	unsigned line, col;

	(void)name, (void)public_id, (void)system_id;
	load_locate(ld, ctxt, markup_start(ctxt), &line, &col);
	diag_report(ld->d, RULE_DOCTYPE, ld->src->path, line, col,
	            "DOCTYPE declarations are not allowed in a brief; remove it "
	            "(briefs are DocBook 5 and validated by RELAX NG)");
	ld->errors++;
	ld->stopped = 1;
	xmlStopParser(ctxt);
}

/* libxml2's resource limits (without XML_PARSE_HUGE, which briefc never sets), known
 * by their messages (one that starts with PREFIX and holds ALSO), in briefc's words:
 * libxml2's suggest an option the user cannot give. */
static const struct {
	const char *prefix, *also, *message;
} limits[] = {
	{"Excessive depth in document", "", "elements are nested more than 256 deep, "
	 "libxml2's limit; a brief needs far fewer"},
	{"AttValue length too long", "", "an attribute value is longer than 10,000,000 "
	 "bytes, libxml2's limit"},
	{"Name too long", "", "a name is longer than 50,000 bytes, libxml2's limit"},
	{"Comment too big", "", "a comment is longer than 10,000,000 bytes, libxml2's "
	 "limit"},
	{"PI ", "too big", "a processing instruction is longer than 10,000,000 bytes, "
	 "libxml2's limit"},
	{"CData section too big", "", "a CDATA section is longer than 10,000,000 bytes, "
	 "libxml2's limit"},
	{"xmlSAX2Characters: huge text node", "", "a text is longer than 10,000,000 "
	 "bytes, libxml2's limit"},
	{"Huge input lookup", "", "a piece of markup is longer than 10,000,000 bytes, "
	 "libxml2's limit"},
};

static const char *
limit_message(const char *message)
{
	size_t i;

	for (i = 0; message != NULL && i < sizeof(limits) / sizeof(limits[0]); i++)
		if (strncmp(message, limits[i].prefix, strlen(limits[i].prefix)) == 0 &&
		    strstr(message, limits[i].also) != NULL)
			return limits[i].message;
	return NULL;
}

static void
on_xml_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct load *ld = ctxt->_private;
	unsigned line = (unsigned)err->line, col = err->int2 > 0 ? (unsigned)err->int2 : 0;
	const char *limit = limit_message(err->message);
	char msg[512];

	/* Stopping at a DOCTYPE was reported already; validate.c reports duplicate
	 * ids with both places. */
	if (err->code == XML_ERR_USER_STOP || err->code == XML_DTD_ID_REDEFINED ||
	    ld->stopped)
		return;
	if (err->domain == XML_FROM_PARSER && ctxt->input != NULL &&
	    ctxt->input->cur != NULL)
		load_locate(ld, ctxt, ctxt->input->cur, &line, &col);
	diag_report(ld->d, err->code == XML_ERR_INVALID_ENCODING ? RULE_ENCODING : RULE_XML,
	            ld->src->path, line, col, "%s", limit ? limit :
	            diag_one_line(err->message, "malformed XML", msg, sizeof(msg)));
	ld->errors++;
	/* Past a limit, what libxml2 reads next is noise: one finding is the truth. */
	if (limit != NULL) {
		ld->stopped = 1;
		xmlStopParser(ctxt);
	}
}

/* What reading a file came to. */
enum read_result {
	READ_OK, READ_CANNOT_OPEN, READ_CANNOT_STAT, READ_NOT_REGULAR, READ_TOO_BIG,
	READ_CANNOT_READ
};

/* Reads the regular file PATH of at most MAX_BYTES into *TEXT (NUL-terminated, caller
 * frees) and *LEN. On failure *ERR is the errno (0: the file shrank while read) and
 * *SIZE the file's size, for the message. */
static enum read_result
read_bytes(const char *path, size_t max_bytes, char **text, size_t *len, int *err,
           struct stat *st)
{
	size_t got = 0;
	int fd;

	*text = NULL;
	*err = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer before fstat refuses it. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return READ_CANNOT_OPEN;
	}
	if (fstat(fd, st) != 0) {
		*err = errno;
		close(fd);
		return READ_CANNOT_STAT;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return READ_NOT_REGULAR;
	}
	if ((uintmax_t)st->st_size > max_bytes || (uintmax_t)st->st_size >= INT_MAX) {
		close(fd);
		return READ_TOO_BIG;
	}
	*text = mem_alloc((size_t)st->st_size + 1);
	while (got < (size_t)st->st_size) {
		ssize_t n = read(fd, *text + got, (size_t)st->st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*err = n < 0 ? errno : 0;
			close(fd);
			return READ_CANNOT_READ;
		}
		got += (size_t)n;
	}
	close(fd);
	(*text)[got] = '\0';
	*len = got;
	return READ_OK;
}

/* Standard input, read to its end: at most MAX_BYTES into *TEXT (NUL-terminated,
 * caller frees) and *LEN. */
static enum read_result
read_stdin(size_t max_bytes, char **text, size_t *len, int *err)
{
	size_t cap = 65536, got = 0;

	*text = mem_alloc(cap);
	for (;;) {
		ssize_t n;

		if (got + 1 == cap) {
			if (cap > max_bytes)
				return READ_TOO_BIG;
			cap *= 2;
			*text = mem_realloc_array(*text, cap, 1);
		}
		n = read(STDIN_FILENO, *text + got, cap - got - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = errno;
			return READ_CANNOT_READ;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > max_bytes)
		return READ_TOO_BIG;
	(*text)[got] = '\0';
	*len = got;
	return READ_OK;
}

/* PATH's bytes into SRC; "-" is standard input, named "<stdin>" in messages. */
static enum source_status
read_file(struct source *src, size_t max_bytes, struct diag *d)
{
	struct stat st;
	enum read_result r;
	int err = 0;

	memset(&st, 0, sizeof(st));
	if (strcmp(src->path, "-") == 0) {
		src->path = "<stdin>";
		r = read_stdin(max_bytes, &src->text, &src->len, &err);
		st.st_size = (off_t)max_bytes + 1;
	} else {
		r = read_bytes(src->path, max_bytes, &src->text, &src->len, &err, &st);
	}
	switch (r) {
	case READ_OK:
		return SOURCE_OK;
	case READ_CANNOT_OPEN:
		diag_report(d, RULE_IO, src->path, 0, 0, "cannot open: %s", strerror(err));
		break;
	case READ_CANNOT_STAT:
		diag_report(d, RULE_IO, src->path, 0, 0, "cannot stat: %s", strerror(err));
		break;
	case READ_NOT_REGULAR:
		diag_report(d, RULE_IO, src->path, 0, 0, "not a regular file%s",
		            S_ISDIR(st.st_mode) ? " (a directory)" : "");
		break;
	case READ_TOO_BIG:
		if (strcmp(src->path, "<stdin>") == 0)
			diag_report(d, RULE_IO, src->path, 0, 0,
			            "more than the limit of %zu bytes", max_bytes);
		else
			diag_report(d, RULE_IO, src->path, 0, 0,
			            "file is %jd bytes, larger than the limit of %zu bytes",
			            (intmax_t)st.st_size, max_bytes);
		break;
	case READ_CANNOT_READ:
		diag_report(d, RULE_IO, src->path, 0, 0, "cannot read: %s",
		            err ? strerror(err) : "file shrank while reading");
		break;
	}
	return SOURCE_UNREADABLE;
}

/* The encoding named by the XML declaration, if any, copied into BUF. */
static int
declared_encoding(const char *text, size_t len, char *buf, size_t bufsize)
{
	const char *end, *p, *q;
	char quote;
	size_t n;

	if (len < 5 || strncmp(text, "<?xml", 5) != 0)
		return 0;
	end = memchr(text, '>', len < 512 ? len : 512);
	if (end == NULL)
		return 0;
	for (p = text; p + 8 < end && strncmp(p, "encoding", 8) != 0; p++)
		;
	if (p + 8 >= end)
		return 0;
	for (p += 8; p < end && (*p == ' ' || *p == '=' || *p == '\t'); p++)
		;
	if (p >= end || (*p != '"' && *p != '\''))
		return 0;
	quote = *p++;
	q = memchr(p, quote, (size_t)(end - p));
	if (q == NULL)
		return 0;
	n = (size_t)(q - p) < bufsize - 1 ? (size_t)(q - p) : bufsize - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

static int
check_encoding(const struct source *src, struct diag *d)
{
	const unsigned char *t = (const unsigned char *)src->text;
	char enc[64];

	if (src->len >= 2 && ((t[0] == 0xFE && t[1] == 0xFF) || (t[0] == 0xFF && t[1] == 0xFE))) {
		diag_report(d, RULE_ENCODING, src->path, 1, 1,
		            "the file is UTF-16; save the brief as UTF-8");
		return -1;
	}
	if (declared_encoding(src->text, src->len, enc, sizeof(enc)) &&
	    strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "US-ASCII") != 0) {
		diag_report(d, RULE_ENCODING, src->path, 1, 1,
		            "the XML declaration names encoding \"%s\"; briefs are UTF-8", enc);
		return -1;
	}
	return 0;
}

/* Most attributes (namespace declarations included) one start tag may have, and most
 * namespace declarations in a brief: libxml2 2.9 builds a start tag's attributes in
 * time quadratic in their number, and looks every element's namespace up among all
 * declarations in scope, so a few megabytes of either would take hours. A brief uses
 * a handful of each. */
#define MAX_ATTRIBUTES 64
#define MAX_NAMESPACES 64

static int
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Counts the attributes of the start tag at T[AT] ('<' then a name), adding the
 * namespace declarations among them to *NS. Returns the count and sets *END to
 * where scanning goes on. Malformed markup ends the count early: the parser reports
 * it. */
static size_t
count_attributes(const char *t, size_t len, size_t at, size_t *ns, size_t *end)
{
	const char *lt = memchr(t + at + 1, '<', len - at - 1);
	size_t i = at + 1, n = 0;

	/* No part of a start tag holds '<': scanning no further than the next keeps the
	 * pass linear, however the quotes are unbalanced. */
	len = lt ? (size_t)(lt - t) : len;

	while (i < len && !is_xml_space(t[i]) && t[i] != '>' && t[i] != '/' && t[i] != '<')
		i++;
	for (;;) {
		size_t name;
		char quote;
		const char *q;

		while (i < len && is_xml_space(t[i]))
			i++;
		name = i;
		while (i < len && !is_xml_space(t[i]) && strchr("=<>/\"'", t[i]) == NULL)
			i++;
		if (i == name)
			break;
		while (i < len && is_xml_space(t[i]))
			i++;
		if (i >= len || t[i] != '=')
			break;
		for (i++; i < len && is_xml_space(t[i]); i++)
			;
		if (i >= len || (t[i] != '"' && t[i] != '\''))
			break;
		quote = t[i++];
		q = memchr(t + i, quote, len - i);
		if (q == NULL)
			break;
		i = (size_t)(q - t) + 1;
		n++;
		if (i - name >= 5 && strncmp(t + name, "xmlns", 5) == 0 &&
		    (t[name + 5] == '=' || t[name + 5] == ':' || is_xml_space(t[name + 5])))
			(*ns)++;
	}
	*end = i;
	return n;
}

/* The end of the comment, processing instruction, CDATA section or declaration at
 * T[AT] ("<!" or "<?"), past its closing delimiter, or LEN. */
static size_t
skip_special(const char *t, size_t len, size_t at)
{
	const char *close = "?>";
	const char *p;

	if (t[at + 1] == '!')
		close = len - at >= 4 && strncmp(t + at, "<!--", 4) == 0 ? "-->" :
		        len - at >= 9 && strncmp(t + at, "<![CDATA[", 9) == 0 ? "]]>" : ">";
	for (p = t + at + 2; p < t + len; p++) {
		p = memchr(p, close[0], (size_t)(t + len - p));
		if (p == NULL)
			break;
		if ((size_t)(t + len - p) >= strlen(close) &&
		    strncmp(p, close, strlen(close)) == 0)
			return (size_t)(p - t) + strlen(close);
	}
	return len;
}

/* Refuses, before libxml2 sees them, what it would take too long over or reads
 * wrongly: bytes that are not UTF-8, a NUL byte, a start tag with more than
 * MAX_ATTRIBUTES attributes, more than MAX_NAMESPACES namespace declarations. One
 * linear pass; reports the first problem at its place and returns -1, else 0. */
static int
check_markup(const struct source *src, struct diag *d)
{
	const char *t = src->text;
	const uint8_t *bad = u8_check((const uint8_t *)t, src->len);
	const char *nul = memchr(t, '\0', src->len);
	struct source_cursor cur = {0, 1, 1};
	size_t at = 0, ns = 0;

	if (bad != NULL && (nul == NULL || (const char *)bad < nul)) {
		source_cursor_seek(t, &cur, (size_t)((const char *)bad - t));
		diag_report(d, RULE_ENCODING, src->path, cur.line, cur.col,
		            "byte 0x%02X is not UTF-8 here; save the brief as UTF-8", *bad);
		return -1;
	}
	if (nul != NULL) {
		source_cursor_seek(t, &cur, (size_t)(nul - t));
		diag_report(d, RULE_XML, src->path, cur.line, cur.col,
		            "a NUL byte, which XML does not allow; a brief is text");
		return -1;
	}
	while ((t = memchr(src->text + at, '<', src->len - at)) != NULL) {
		size_t n, end;

		at = (size_t)(t - src->text);
		if (at + 1 >= src->len)
			break;
		if (t[1] == '!' || t[1] == '?') {
			at = skip_special(src->text, src->len, at);
			continue;
		}
		if (t[1] == '/') {
			at++;
			continue;
		}
		n = count_attributes(src->text, src->len, at, &ns, &end);
		if (n > MAX_ATTRIBUTES || ns > MAX_NAMESPACES) {
			source_cursor_seek(src->text, &cur, at);
			if (n > MAX_ATTRIBUTES)
				diag_report(d, RULE_XML, src->path, cur.line, cur.col,
				            "an element with %zu attributes; briefc allows at "
				            "most %d on one element", n, MAX_ATTRIBUTES);
			else
				diag_report(d, RULE_XML, src->path, cur.line, cur.col,
				            "more than %d namespace declarations; briefc allows at "
				            "most %d in a brief", MAX_NAMESPACES, MAX_NAMESPACES);
			return -1;
		}
		at = end > at ? end : at + 1;
	}
	return 0;
}

static int
pos_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct source_pos *)a)->node;
	uintptr_t y = (uintptr_t)((const struct source_pos *)b)->node;

	return (x > y) - (x < y);
}

static enum source_status
parse(struct source *src, struct diag *d)
{
	struct load ld = {src, d, {0, 1, 1}, 0, 0, 0};
	xmlParserCtxtPtr ctxt;
	int ok;

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		abort();
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->serror = on_xml_error;
	ctxt->_private = &ld;
	src->doc = xmlCtxtReadMemory(ctxt, src->text, (int)src->len, src->path, NULL,
	                             PARSE_OPTIONS | (src->data ? XML_PARSE_NOBLANKS : 0));
	/* Namespace errors leave wellFormed set: any reported problem fails the load. */
	ok = src->doc != NULL && ctxt->wellFormed && ld.errors == 0;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		xmlFreeDoc(src->doc);
		src->doc = NULL;
		src->npos = 0;
		return SOURCE_MALFORMED;
	}
	if (src->npos > 1)
		qsort(src->pos, src->npos, sizeof(*src->pos), pos_cmp);
	return SOURCE_OK;
}

/* What both loaders do once SRC->text holds the bytes. */
static enum source_status
load_text(struct source *src, struct diag *d)
{
	if (src->len == 0) {
		diag_report(d, RULE_XML, src->path, 1, 1, "the file is empty; a brief is an "
		            "<article> element");
		return SOURCE_MALFORMED;
	}
	if (check_encoding(src, d) != 0 || check_markup(src, d) != 0)
		return SOURCE_MALFORMED;
	return parse(src, d);
}

enum source_status
source_read(struct source *src, const char *path, size_t max_bytes, struct diag *d)
{
	src->path = path;
	return read_file(src, max_bytes, d);
}

enum source_status
source_load(struct source *src, const char *path, size_t max_bytes, struct diag *d)
{
	enum source_status st;

	src->path = path;
	st = read_file(src, max_bytes, d);
	if (st != SOURCE_OK)
		return st;
	return load_text(src, d);
}

enum source_status
source_load_memory(struct source *src, const char *name, const void *bytes, size_t len,
                   size_t max_bytes, struct diag *d)
{
	src->path = name;
	if (len > max_bytes || len >= INT_MAX) {
		diag_report(d, RULE_IO, name, 0, 0,
		            "file is %zu bytes, larger than the limit of %zu bytes", len,
		            max_bytes);
		return SOURCE_UNREADABLE;
	}
	src->text = mem_alloc(len + 1);
	if (len > 0)
		memcpy(src->text, bytes, len);
	src->text[len] = '\0';
	src->len = len;
	return load_text(src, d);
}

void
source_free(struct source *src)
{
	xmlFreeDoc(src->doc);
	free(src->text);
	free(src->pos);
	src->doc = NULL;
	src->text = NULL;
	src->pos = NULL;
	src->len = src->npos = 0;
}

void
source_keep_tree(struct source *src)
{
	free(src->text);
	free(src->pos);
	src->text = NULL;
	src->pos = NULL;
	src->len = src->npos = 0;
}

void
source_locate(const struct source *src, const xmlNode *node, unsigned *line,
              unsigned *col)
{
	struct source_pos key = {node, 0, 0};
	const struct source_pos *p = NULL;

	if (node->type == XML_ELEMENT_NODE && src->npos > 0)
		p = bsearch(&key, src->pos, src->npos, sizeof(*src->pos), pos_cmp);
	if (p != NULL) {
		*line = p->line;
		*col = p->col;
	} else {
		long l = xmlGetLineNo((xmlNodePtr)node);

		*line = l > 0 ? (unsigned)l : 0;
		*col = 0;
	}
}

static char *allowed_dir;

/* True if PATH names an existing file inside allowed_dir, after resolving links. */
static int
load_allowed(const char *url)
{
	char *real;
	size_t n;
	int ok;

	if (allowed_dir == NULL || url == NULL)
		return 0;
	if (strncmp(url, "file://", 7) == 0)
		url += 7;
	if (url[0] != '/')
		return 0;
	real = mem_realpath(url);
	if (real == NULL)
		return 0;
	n = strlen(allowed_dir);
	ok = strncmp(real, allowed_dir, n) == 0 && real[n] == '/';
	free(real);
	return ok;
}

/* An allowed file, read with briefc's own reading and allocation rather than
 * libxml2's I/O layer (whose fopen and gzopen allocate outside briefc, so memory
 * running out there read as "Invalid argument"): a parser input over its bytes,
 * named by URL so that its imports resolve. NULL when it cannot be read. */
static xmlParserInputPtr
input_from_file(xmlParserCtxtPtr ctxt, const char *url)
{
	const char *path = strncmp(url, "file://", 7) == 0 ? url + 7 : url;
	xmlParserInputBufferPtr buf;
	xmlParserInputPtr in;
	struct stat st;
	size_t len;
	char *text;
	int err;

	if (read_bytes(path, SOURCE_MAX_BYTES, &text, &len, &err, &st) != READ_OK) {
		free(text);
		return NULL;
	}
	buf = xmlParserInputBufferCreateMem(text, (int)len, XML_CHAR_ENCODING_NONE);
	free(text);
	if (buf == NULL)
		mem_exhausted();
	in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
	if (in == NULL)
		mem_exhausted();
	in->filename = (char *)xmlCanonicPath((const xmlChar *)path);
	return in;
}

static xmlParserInputPtr
restricted_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	/* A refusal surfaces as the caller's "failed to load" error. */
	return load_allowed(url) ? input_from_file(ctxt, url) : NULL;
}

void
source_restrict_loads(const char *dir)
{
	free(allowed_dir);
	allowed_dir = dir ? mem_realpath(dir) : NULL;
	xmlSetExternalEntityLoader(restricted_loader);
}

xmlNodePtr
source_next(xmlNodePtr node, xmlNodePtr root)
{
	if (node->children != NULL && node->type == XML_ELEMENT_NODE)
		return node->children;
	return source_skip(node, root);
}

xmlNodePtr
source_skip(xmlNodePtr node, xmlNodePtr root)
{
	while (node != root && node->next == NULL)
		node = node->parent;
	return node == root ? NULL : node->next;
}

/* The block containers of a brief, sorted for bsearch: white space alone between their
 * children is the source's indentation. Not personname: in a written citation the
 * space between its name parts is text. */
static const char *const containers[] = {
	"abstract", "affiliation", "article", "author", "blockquote", "caption",
	"editor", "figure", "footnote", "imageobject", "info", "informalfigure",
	"informaltable", "itemizedlist", "keywordset", "listitem", "mediaobject", "note",
	"orderedlist", "row", "section", "sidebar", "table", "tbody", "textobject",
	"tgroup", "thead", "variablelist", "varlistentry",
};

static int
compare_name(const void *name, const void *entry)
{
	return strcmp(name, *(const char *const *)entry);
}

static bool
is_container(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       bsearch(node->name, containers, sizeof(containers) / sizeof(*containers),
	               sizeof(*containers), compare_name) != NULL &&
	       strcmp((const char *)node->ns->href, DOCBOOK_NS) == 0;
}

void
source_strip_indentation(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), node, kid, next;

	for (node = root; node != NULL; node = source_next(node, root)) {
		if (!is_container(node))
			continue;
		for (kid = node->children; kid != NULL; kid = next) {
			next = kid->next;
			/* A loaded brief has no CDATA node (NOCDATA), so this is text alone. */
			if (xmlIsBlankNode(kid)) {
				xmlUnlinkNode(kid);
				xmlFreeNode(kid);
			}
		}
	}
}

int
source_is(const xmlNode *node, const char *name)
{
	/* The name first: it tells most elements apart at its first letter, where the
	 * namespace, DocBook's for nearly every element, takes 29 bytes to confirm. */
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       strcmp((const char *)node->name, name) == 0 &&
	       strcmp((const char *)node->ns->href, DOCBOOK_NS) == 0;
}
