/* unzip.c - a zip read from memory (APPNOTE.TXT 4.3): every offset and length checked
 * against the bytes before use, the local header against the central directory, and
 * inflating into a buffer no larger than the entry's declared, capped size. */
#include "unzip.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZLIB_CONST
#include <zlib.h>

#include "mem.h"

enum {
	LOCAL_SIG = 0x04034b50,
	CENTRAL_SIG = 0x02014b50,
	END_SIG = 0x06054b50,
	ZIP64_LOCATOR_SIG = 0x07064b50,
	LOCAL_SIZE = 30,          /* fixed part of a local header */
	CENTRAL_SIZE = 46,        /* of a central directory header */
	END_SIZE = 22,            /* of the end of central directory record */
	ZIP64_LOCATOR_SIZE = 20,
	ZIP64_EXTRA_ID = 0x0001,
	STORED = 0,
	DEFLATED = 8,
	FLAG_ENCRYPTED = 1 << 0,
	FLAG_DESCRIPTOR = 1 << 3, /* CRC and sizes follow the data (the directory has them) */
	FLAG_STRONG = 1 << 6,     /* strong encryption */
	FLAG_MASKED = 1 << 13     /* encrypted central directory */
};

/* One entry as the central directory describes it. */
struct entry {
	const unsigned char *name;
	unsigned name_len, flags, method;
	uint32_t crc, csize, usize, offset;
};

static unsigned
get16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static enum unzip_status
fail(struct unzip *z, enum unzip_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum unzip_status
fail(struct unzip *z, enum unzip_status status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(z->error, sizeof(z->error), fmt, ap);
	va_end(ap);
	return status;
}

/* The offset of the end record: the last signature that leaves exactly its comment
 * after it, within the 64 KiB a comment may take. Returns 0 and sets *AT, or -1. */
static int
find_end(const unsigned char *b, size_t len, size_t *at)
{
	size_t p, floor;

	if (len < END_SIZE)
		return -1;
	floor = len - END_SIZE > 0xffff ? len - END_SIZE - 0xffff : 0;
	for (p = len - END_SIZE;; p--) {
		if (get32(b + p) == END_SIG && p + END_SIZE + get16(b + p + 20) == len) {
			*at = p;
			return 0;
		}
		if (p == floor)
			return -1;
	}
}

/* Checks the extra field of LEN bytes at P for a ZIP64 record; -1 if it is malformed. */
static int
has_zip64_extra(const unsigned char *p, size_t len)
{
	while (len >= 4) {
		unsigned id = get16(p), n = get16(p + 2);

		if (id == ZIP64_EXTRA_ID)
			return 1;
		if (n > len - 4)
			return -1;
		p += 4 + n;
		len -= 4 + n;
	}
	return len == 0 ? 0 : -1;
}

/* Reads the central header at Z->bytes[*AT] into E and moves *AT past it. */
static enum unzip_status
read_central(struct unzip *z, size_t *at, struct entry *e)
{
	const unsigned char *p = z->bytes + *at;
	size_t extra, comment;
	int zip64;

	if (z->dir_end - *at < CENTRAL_SIZE || get32(p) != CENTRAL_SIG)
		return fail(z, UNZIP_MALFORMED, "the central directory is cut short or corrupt");
	e->flags = get16(p + 8);
	e->method = get16(p + 10);
	e->crc = get32(p + 16);
	e->csize = get32(p + 20);
	e->usize = get32(p + 24);
	e->name_len = get16(p + 28);
	extra = get16(p + 30);
	comment = get16(p + 32);
	e->offset = get32(p + 42);
	e->name = p + CENTRAL_SIZE;
	if (z->dir_end - *at - CENTRAL_SIZE < e->name_len + extra + comment)
		return fail(z, UNZIP_MALFORMED, "a central directory entry runs past the"
		            " directory's end");
	zip64 = has_zip64_extra(e->name + e->name_len, extra);
	if (zip64 < 0)
		return fail(z, UNZIP_MALFORMED, "a central directory entry has a malformed"
		            " extra field");
	if (zip64 || e->csize == UINT32_MAX || e->usize == UINT32_MAX ||
	    e->offset == UINT32_MAX)
		return fail(z, UNZIP_UNSUPPORTED, "the zip is ZIP64, which is not read");
	if (get16(p + 34) != 0)
		return fail(z, UNZIP_UNSUPPORTED, "the zip spans several disks");
	*at += CENTRAL_SIZE + e->name_len + extra + comment;
	return UNZIP_OK;
}

enum unzip_status
unzip_open(struct unzip *z, const char *bytes, size_t len, size_t total_cap)
{
	const unsigned char *b = (const unsigned char *)bytes, *end;
	size_t at, p;
	uint32_t size, offset;
	unsigned i;
	struct entry e;
	enum unzip_status st;

	memset(z, 0, sizeof(*z));
	z->bytes = b;
	z->len = len;
	z->budget = total_cap;
	if (find_end(b, len, &at) != 0)
		return fail(z, UNZIP_MALFORMED, "not a zip (no end of central directory record)");
	end = b + at;
	if (at >= ZIP64_LOCATOR_SIZE && get32(end - ZIP64_LOCATOR_SIZE) == ZIP64_LOCATOR_SIG)
		return fail(z, UNZIP_UNSUPPORTED, "the zip is ZIP64, which is not read");
	z->count = get16(end + 10);
	size = get32(end + 12);
	offset = get32(end + 16);
	if (z->count == 0xffff || size == UINT32_MAX || offset == UINT32_MAX)
		return fail(z, UNZIP_UNSUPPORTED, "the zip is ZIP64, which is not read");
	if (get16(end + 4) != 0 || get16(end + 6) != 0 || get16(end + 8) != z->count)
		return fail(z, UNZIP_UNSUPPORTED, "the zip spans several disks");
	if (offset > at || size > at - offset)
		return fail(z, UNZIP_MALFORMED, "the central directory lies outside the file");
	z->dir = offset;
	z->dir_end = (size_t)offset + size;
	for (i = 0, p = z->dir; i < z->count; i++)
		if ((st = read_central(z, &p, &e)) != UNZIP_OK)
			return st;
	if (p != z->dir_end)
		return fail(z, UNZIP_MALFORMED, "the central directory holds more than its %u"
		            " entries", z->count);
	return UNZIP_OK;
}

/* The directory's entry NAME into E; a name given twice is refused. */
static enum unzip_status
find_entry(struct unzip *z, const char *name, struct entry *e)
{
	size_t n = strlen(name), p = z->dir;
	struct entry cur;
	unsigned i;
	int found = 0;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < z->count; i++) {
		/* unzip_open checked every record; reading again cannot fail. */
		if (read_central(z, &p, &cur) != UNZIP_OK)
			return UNZIP_MALFORMED;
		if (cur.name_len != n || memcmp(cur.name, name, n) != 0)
			continue;
		if (found++)
			return fail(z, UNZIP_MALFORMED, "the zip holds %s twice", name);
		*e = cur;
	}
	return found ? UNZIP_OK : fail(z, UNZIP_NOT_FOUND, "the zip holds no %s", name);
}

/* Checks E's local header and sets *DATA to the offset of its CSIZE bytes of data,
 * which must end before the central directory starts. */
static enum unzip_status
check_local(struct unzip *z, const char *name, const struct entry *e, size_t *data)
{
	const unsigned char *p = z->bytes + e->offset;
	size_t at;
	unsigned flags;

	if (e->offset > z->dir || z->dir - e->offset < LOCAL_SIZE || get32(p) != LOCAL_SIG)
		return fail(z, UNZIP_MALFORMED, "the local header of %s is missing", name);
	flags = get16(p + 6);
	if (get16(p + 26) != e->name_len ||
	    z->dir - e->offset - LOCAL_SIZE < (size_t)e->name_len + get16(p + 28) ||
	    memcmp(p + LOCAL_SIZE, e->name, e->name_len) != 0 ||
	    get16(p + 8) != e->method || (flags & FLAG_ENCRYPTED) != 0)
		return fail(z, UNZIP_MALFORMED, "the local header of %s contradicts the"
		            " central directory", name);
	/* With a data descriptor the local fields may be zero; the directory's count. */
	if (!((flags & FLAG_DESCRIPTOR) && get32(p + 14) == 0 && get32(p + 18) == 0 &&
	      get32(p + 22) == 0) &&
	    (get32(p + 14) != e->crc || get32(p + 18) != e->csize || get32(p + 22) != e->usize))
		return fail(z, UNZIP_MALFORMED, "the local header of %s gives other sizes or"
		            " CRC than the central directory", name);
	at = e->offset + LOCAL_SIZE + e->name_len + get16(p + 28);
	if (e->csize > z->dir - at)
		return fail(z, UNZIP_MALFORMED, "the data of %s runs past the end of the"
		            " entries", name);
	*data = at;
	return UNZIP_OK;
}

/* Inflates the CLEN raw-deflate bytes at IN into OUT, which holds ULEN bytes: the
 * stream must end there, exactly, with no input left. */
static enum unzip_status
inflate_exact(struct unzip *z, const char *name, const unsigned char *in, size_t clen,
              unsigned char *out, size_t ulen)
{
	z_stream zs;
	int ret;
	enum unzip_status st = UNZIP_OK;

	memset(&zs, 0, sizeof(zs));
	ret = inflateInit2(&zs, -15);
	if (ret == Z_MEM_ERROR)
		mem_exhausted();
	if (ret != Z_OK)
		abort();
	zs.next_in = in;
	zs.avail_in = (uInt)clen;
	zs.next_out = out;
	/* One byte past the declared size: a stream that fills it says more than it may. */
	zs.avail_out = (uInt)ulen + 1;
	ret = inflate(&zs, Z_FINISH);
	if (ret == Z_MEM_ERROR)
		mem_exhausted();
	if (ret == Z_DATA_ERROR)
		st = fail(z, UNZIP_MALFORMED, "%s is corrupt (%s)", name,
		          zs.msg ? zs.msg : "bad deflate data");
	else if (zs.total_out > ulen)
		st = fail(z, UNZIP_MALFORMED, "%s inflates past the %zu bytes its header gives",
		          name, ulen);
	else if (ret != Z_STREAM_END)
		st = fail(z, UNZIP_MALFORMED, "%s is cut short", name);
	else if (zs.total_out < ulen)
		st = fail(z, UNZIP_MALFORMED, "%s inflates to %lu bytes, not the %zu its header"
		          " gives", name, zs.total_out, ulen);
	else if (zs.avail_in != 0)
		st = fail(z, UNZIP_MALFORMED, "%s has %u bytes after its deflate stream", name,
		          zs.avail_in);
	inflateEnd(&zs);
	return st;
}

enum unzip_status
unzip_read(struct unzip *z, const char *name, size_t part_cap, char **out,
           size_t *out_len)
{
	struct entry e;
	enum unzip_status st;
	size_t data = 0, cap = part_cap < z->budget ? part_cap : z->budget;
	unsigned char *buf;

	*out = NULL;
	*out_len = 0;
	if ((st = find_entry(z, name, &e)) != UNZIP_OK)
		return st;
	if (e.flags & (FLAG_ENCRYPTED | FLAG_STRONG | FLAG_MASKED))
		return fail(z, UNZIP_UNSUPPORTED, "%s is encrypted", name);
	if (e.method != STORED && e.method != DEFLATED)
		return fail(z, UNZIP_UNSUPPORTED, "%s is compressed by method %u; only stored"
		            " and deflated entries are read", name, e.method);
	if (e.usize > cap)
		return fail(z, UNZIP_TOO_LARGE, "%s inflates to %lu bytes, more than the %zu"
		            " allowed%s", name, (unsigned long)e.usize, cap,
		            cap < part_cap ? " for what is left of the whole" : " for one part");
	if ((st = check_local(z, name, &e, &data)) != UNZIP_OK)
		return st;
	if (e.method == STORED && e.csize != e.usize)
		return fail(z, UNZIP_MALFORMED, "%s is stored in %lu bytes but says it holds"
		            " %lu", name, (unsigned long)e.csize, (unsigned long)e.usize);
	buf = mem_alloc((size_t)e.usize + 1);
	if (e.method == STORED)
		memcpy(buf, z->bytes + data, e.usize);
	else if ((st = inflate_exact(z, name, z->bytes + data, e.csize, buf, e.usize)) !=
	         UNZIP_OK) {
		free(buf);
		return st;
	}
	if (crc32_z(crc32(0, NULL, 0), buf, e.usize) != e.crc) {
		free(buf);
		return fail(z, UNZIP_MALFORMED, "%s fails its CRC-32 check", name);
	}
	buf[e.usize] = '\0';
	z->budget -= e.usize;
	*out = (char *)buf;
	*out_len = e.usize;
	return UNZIP_OK;
}
