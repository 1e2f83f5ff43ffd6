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
#include <libxml/xmlIO.h>

#include "mem.h"

/* Never on user input: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, RECOVER, HUGE. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | \
                       XML_PARSE_BIG_LINES)

struct source_pos {
	const xmlNode *node;
	unsigned line, col;
};

/* A position in the text, advanced monotonically so that locating N start tags costs
 * one pass over the file, not N. */
struct cursor {
	size_t off;
	unsigned line, col;
};

/* What the SAX callbacks need while one file parses. */
struct load {
	struct source *src;
	struct diag *d;
	struct cursor cur;
	size_t cap;       /* allocated entries of src->pos */
	unsigned errors;  /* problems reported; any one fails the load */
};

static void
cursor_seek(const char *text, struct cursor *c, size_t off)
{
	if (off < c->off) {
		c->off = 0;
		c->line = c->col = 1;
	}
	for (; c->off < off; c->off++) {
		unsigned char b = (unsigned char)text[c->off];

		if (b == '\n') {
			c->line++;
			c->col = 1;
		} else if ((b & 0xC0) != 0x80)
			c->col++;
	}
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
	cursor_seek(ld->src->text, &ld->cur, off);
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
	xmlStopParser(ctxt);
}

static void
on_xml_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct load *ld = ctxt->_private;
	unsigned line = (unsigned)err->line, col = err->int2 > 0 ? (unsigned)err->int2 : 0;
	char msg[512];

	/* Stopping at a DOCTYPE was reported already; validate.c reports duplicate
	 * ids with both places. */
	if (err->code == XML_ERR_USER_STOP || err->code == XML_DTD_ID_REDEFINED)
		return;
	if (err->domain == XML_FROM_PARSER && ctxt->input != NULL &&
	    ctxt->input->cur != NULL)
		load_locate(ld, ctxt, ctxt->input->cur, &line, &col);
	diag_report(ld->d, err->code == XML_ERR_INVALID_ENCODING ? RULE_ENCODING : RULE_XML,
	            ld->src->path, line, col, "%s", diag_one_line(err->message, "malformed XML", msg, sizeof(msg)));
	ld->errors++;
}

static enum source_status
read_file(struct source *src, size_t max_bytes, struct diag *d)
{
	struct stat st;
	size_t got = 0;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer before fstat refuses it. */
	fd = open(src->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_report(d, RULE_IO, src->path, 0, 0, "cannot open: %s", strerror(errno));
		return SOURCE_UNREADABLE;
	}
	if (fstat(fd, &st) != 0) {
		diag_report(d, RULE_IO, src->path, 0, 0, "cannot stat: %s", strerror(errno));
		close(fd);
		return SOURCE_UNREADABLE;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_report(d, RULE_IO, src->path, 0, 0, "not a regular file%s",
		            S_ISDIR(st.st_mode) ? " (a directory)" : "");
		close(fd);
		return SOURCE_UNREADABLE;
	}
	if ((uintmax_t)st.st_size > max_bytes || (uintmax_t)st.st_size >= INT_MAX) {
		diag_report(d, RULE_IO, src->path, 0, 0,
		            "file is %jd bytes, larger than the limit of %zu bytes",
		            (intmax_t)st.st_size, max_bytes);
		close(fd);
		return SOURCE_UNREADABLE;
	}
	src->text = mem_alloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, src->text + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_report(d, RULE_IO, src->path, 0, 0, "cannot read: %s",
			            n < 0 ? strerror(errno) : "file shrank while reading");
			close(fd);
			return SOURCE_UNREADABLE;
		}
		got += (size_t)n;
	}
	close(fd);
	src->text[got] = '\0';
	src->len = got;
	return SOURCE_OK;
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
	struct load ld = {src, d, {0, 1, 1}, 0, 0};
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
	                             PARSE_OPTIONS);
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
	if (check_encoding(src, d) != 0)
		return SOURCE_MALFORMED;
	return parse(src, d);
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
	real = realpath(url, NULL);
	if (real == NULL)
		return 0;
	n = strlen(allowed_dir);
	ok = strncmp(real, allowed_dir, n) == 0 && real[n] == '/';
	free(real);
	return ok;
}

static xmlParserInputPtr
restricted_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	/* A refusal surfaces as the caller's "failed to load" error. */
	return load_allowed(url) ? xmlNewInputFromFile(ctxt, url) : NULL;
}

void
source_restrict_loads(const char *dir)
{
	free(allowed_dir);
	allowed_dir = dir ? realpath(dir, NULL) : NULL;
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

int
source_is(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       strcmp((const char *)node->ns->href, DOCBOOK_NS) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}
