/* epub.c - the EPUB container: an OCF zip written by hand, "mimetype" stored first and
 * every other entry raw-deflated, with no extra fields or data descriptors. */
#include "epub.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ZLIB_CONST
#include <zlib.h>

#define MIMETYPE_PATH "mimetype"
#define MIMETYPE "application/epub+zip"
#define CONTAINER_PATH "META-INF/container.xml"

/* OCF's pointer to the package document. */
static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"" EPUB_PACKAGE_PATH "\""
	" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* The zip fields briefc writes (APPNOTE.TXT 4.3, 4.4). */
enum {
	ZIP_LOCAL_SIG = 0x04034b50,
	ZIP_CENTRAL_SIG = 0x02014b50,
	ZIP_END_SIG = 0x06054b50,
	ZIP_VERSION = 20,                    /* 2.0: deflate, needed to extract */
	ZIP_MADE_BY = 3 << 8 | ZIP_VERSION,  /* Unix, so that the mode below counts */
	ZIP_STORED = 0,
	ZIP_DEFLATED = 8,
	ZIP_UTF8 = 1 << 11                   /* the name is UTF-8 */
};

/* External attributes: a regular file, rw-r--r--. */
#define ZIP_MODE (UINT32_C(0100644) << 16)

/* Without ZIP64, every size, offset and count is below its field's all-ones value. */
#define ZIP_MAX32 UINT32_C(0xffffffff)
#define ZIP_MAX16 0xffffu

/* What the central directory repeats of an entry's local header. */
struct entry {
	const char *path;   /* not owned */
	unsigned flags, method;
	uint32_t crc, csize, usize, offset;
};

/* A zip being appended to OUT, from OUT->len at the start; owns ENTRIES. */
struct zip {
	struct buf *out;
	size_t base;
	unsigned date, clock;       /* MS-DOS date and time of every entry */
	struct entry *entries;
	size_t n;
};

static void
put16(struct buf *b, unsigned v)
{
	char c[2] = {(char)(v & 0xff), (char)(v >> 8 & 0xff)};

	buf_append(b, c, sizeof(c));
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, (unsigned)(v & 0xffff));
	put16(b, (unsigned)(v >> 16));
}

/* MTIME as an MS-DOS date and time (UTC, in two-second steps), clamped to the years
 * MS-DOS counts, 1980 to 2107. */
static void
dos_time(time_t mtime, unsigned *date, unsigned *clock)
{
	struct tm tm;
	int known = gmtime_r(&mtime, &tm) != NULL;

	if (known ? tm.tm_year < 80 : mtime < 0) {
		*date = 1 << 5 | 1;
		*clock = 0;
	} else if (!known || tm.tm_year > 207) {
		*date = 127u << 9 | 12 << 5 | 31;
		*clock = 23u << 11 | 59 << 5 | 29;
	} else {
		*date = (unsigned)(tm.tm_year - 80) << 9 | (unsigned)(tm.tm_mon + 1) << 5 |
		        (unsigned)tm.tm_mday;
		*clock = (unsigned)tm.tm_hour << 11 | (unsigned)tm.tm_min << 5 |
		         (unsigned)tm.tm_sec / 2;
	}
}

/* Why PATH cannot name an entry, or NULL if it can: it must be a relative path of
 * non-empty segments, none "." or "..", without backslashes or control characters,
 * and fit the name's 16-bit length. */
static const char *
path_problem(const char *path)
{
	const char *p, *seg;
	size_t n;

	if (path == NULL || *path == '\0')
		return "is empty";
	if (*path == '/')
		return "is absolute";
	if (strlen(path) > ZIP_MAX16)
		return "is too long";
	for (p = path; *p != '\0'; p++) {
		if (*p == '\\')
			return "contains a backslash";
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "contains a control character";
	}
	for (seg = path;; seg += n + 1) {
		n = strcspn(seg, "/");
		if (n == 0)
			return "has an empty segment";
		if (n <= 2 && strncmp(seg, "..", n) == 0)
			return "has a \".\" or \"..\" segment";
		if (seg[n] == '\0')
			return NULL;
	}
}

/* Checks that the N ITEMS can be packed as given: safe, distinct paths, none the
 * container's own, one of them the package document. Returns 0, or -1 reported to D;
 * a failure is briefc's bug, since briefc chooses every path. */
static int
check_items(const struct epub_item *items, size_t n, struct diag *d)
{
	int package = 0;
	size_t i, j;

	if (n > ZIP_MAX16 - 3) {
		diag_report(d, RULE_XSLT, "briefc", 0, 0, "%zu EPUB items are too many for a zip"
		            " without ZIP64 (a bug in briefc)", n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *path = items[i].path, *problem = path_problem(path);

		for (j = 0; problem == NULL && j < i; j++)
			if (strcmp(items[j].path, path) == 0)
				problem = "is given twice";
		if (problem == NULL && (strcmp(path, MIMETYPE_PATH) == 0 ||
		                        strcmp(path, CONTAINER_PATH) == 0))
			problem = "is the container's own";
		if (problem != NULL) {
			diag_report(d, RULE_XSLT, "briefc", 0, 0, "EPUB item path \"%s\" %s"
			            " (a bug in briefc)", path ? path : "(null)", problem);
			return -1;
		}
		package |= strcmp(path, EPUB_PACKAGE_PATH) == 0;
	}
	if (!package) {
		diag_report(d, RULE_XSLT, "briefc", 0, 0, "no EPUB item is the package document "
		            EPUB_PACKAGE_PATH " (a bug in briefc)");
		return -1;
	}
	return 0;
}

/* Appends the raw deflate stream (no zlib header) of the LEN bytes of DATA to PACKED.
 * zlib's default level: a brief's XHTML comes out within 5% of level 9's size in
 * half its time. */
static void
deflate_raw(const char *data, size_t len, struct buf *packed)
{
	unsigned char chunk[16384];
	z_stream zs;
	int ret;

	memset(&zs, 0, sizeof(zs));
	ret = deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
	if (ret == Z_MEM_ERROR)
		mem_exhausted();
	if (ret != Z_OK)
		abort();
	zs.next_in = (const Bytef *)data;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		ret = deflate(&zs, Z_FINISH);
		buf_append(packed, (const char *)chunk, sizeof(chunk) - zs.avail_out);
	} while (ret == Z_OK);
	/* With all input given and fresh room each round, only the end can come. */
	if (ret != Z_STREAM_END)
		abort();
	deflateEnd(&zs);
}

static uint32_t
crc_of(const char *data, size_t len)
{
	return (uint32_t)crc32(crc32(0, NULL, 0), (const Bytef *)data, (uInt)len);
}

void
epub_deflate(const char *data, size_t len, struct epub_deflated *out)
{
	deflate_raw(data, len, &out->raw);
	out->crc = crc_of(data, len);
}

/* The fields a local header and the central directory share, from "version needed"
 * to "extra field length". */
static void
put_shared_fields(const struct zip *z, const struct entry *e)
{
	put16(z->out, ZIP_VERSION);
	put16(z->out, e->flags);
	put16(z->out, e->method);
	put16(z->out, z->clock);
	put16(z->out, z->date);
	put32(z->out, e->crc);
	put32(z->out, e->csize);
	put32(z->out, e->usize);
	put16(z->out, (unsigned)strlen(e->path));
	put16(z->out, 0);
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Appends the entry PATH holding the LEN bytes of DATA: stored, deflated, or as
 * DEFLATED holds them deflated already (if not NULL). Returns 0, or -1 if a size or
 * offset would need ZIP64. */
static int
add_entry(struct zip *z, const char *path, const char *data, size_t len, unsigned method,
          const struct epub_deflated *deflated)
{
	struct entry *e = &z->entries[z->n];
	struct epub_deflated here = {{0}, 0};
	const struct epub_deflated *body = deflated ? deflated : &here;
	size_t offset = z->out->len - z->base;

	if (len >= ZIP_MAX32 || offset >= ZIP_MAX32)
		return -1;
	if (deflated == NULL && method == ZIP_DEFLATED) {
		epub_deflate(data, len, &here);
	} else if (deflated == NULL) {
		buf_append(&here.raw, data, len);
		here.crc = crc_of(data, len);
	}
	if (body->raw.len >= ZIP_MAX32) {
		buf_free(&here.raw);
		return -1;
	}
	e->path = path;
	/* ASCII reads the same in every encoding; only other names need the flag. */
	e->flags = is_ascii(path) ? 0 : ZIP_UTF8;
	e->method = method;
	e->crc = body->crc;
	e->csize = (uint32_t)body->raw.len;
	e->usize = (uint32_t)len;
	e->offset = (uint32_t)offset;
	z->n++;
	put32(z->out, ZIP_LOCAL_SIG);
	put_shared_fields(z, e);
	buf_puts(z->out, path);
	buf_append(z->out, body->raw.data ? body->raw.data : "", body->raw.len);
	buf_free(&here.raw);
	return 0;
}

/* Appends the central directory and its end record. Returns 0, or -1 if the
 * directory's offset or size would need ZIP64. */
static int
finish(struct zip *z)
{
	size_t start = z->out->len - z->base, size, i;

	if (start >= ZIP_MAX32)
		return -1;
	for (i = 0; i < z->n; i++) {
		const struct entry *e = &z->entries[i];

		put32(z->out, ZIP_CENTRAL_SIG);
		put16(z->out, ZIP_MADE_BY);
		put_shared_fields(z, e);
		put16(z->out, 0);           /* comment length */
		put16(z->out, 0);           /* disk number */
		put16(z->out, 0);           /* internal attributes */
		put32(z->out, ZIP_MODE);
		put32(z->out, e->offset);
		buf_puts(z->out, e->path);
	}
	size = z->out->len - z->base - start;
	if (size >= ZIP_MAX32)
		return -1;
	put32(z->out, ZIP_END_SIG);
	put16(z->out, 0);                   /* this disk */
	put16(z->out, 0);                   /* the directory's disk */
	put16(z->out, (unsigned)z->n);      /* entries on this disk */
	put16(z->out, (unsigned)z->n);      /* entries in all */
	put32(z->out, (uint32_t)size);
	put32(z->out, (uint32_t)start);
	put16(z->out, 0);                   /* comment length */
	return 0;
}

/* Writes every entry into Z, whose ENTRIES have room for N + 2. Returns 0, or -1 if
 * the zip would need ZIP64. */
static int
write_zip(struct zip *z, const struct epub_item *items, size_t n)
{
	size_t i;

	if (add_entry(z, MIMETYPE_PATH, MIMETYPE, strlen(MIMETYPE), ZIP_STORED, NULL) != 0 ||
	    add_entry(z, CONTAINER_PATH, container_xml, strlen(container_xml),
	              ZIP_DEFLATED, NULL) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (add_entry(z, items[i].path, items[i].data, items[i].len, ZIP_DEFLATED,
		              items[i].deflated) != 0)
			return -1;
	return finish(z);
}

int
epub_pack(const struct epub_item *items, size_t n, time_t mtime, struct buf *out,
          struct diag *d)
{
	struct zip z;
	int ret;

	if (check_items(items, n, d) != 0)
		return -1;
	z.out = out;
	z.base = out->len;
	dos_time(mtime, &z.date, &z.clock);
	z.entries = mem_realloc_array(NULL, n + 2, sizeof(*z.entries));
	z.n = 0;
	ret = write_zip(&z, items, n);
	free(z.entries);
	if (ret != 0) {
		/* Nothing half-written stays in OUT. */
		out->len = z.base;
		if (out->data != NULL)
			out->data[out->len] = '\0';
		diag_report(d, RULE_XSLT, "briefc", 0, 0, "the EPUB would reach 4 GiB, and"
		            " briefc writes no ZIP64");
	}
	return ret;
}
