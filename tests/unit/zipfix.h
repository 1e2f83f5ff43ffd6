/* zipfix.h - zips built by hand for the reader's tests (test_unzip, test_import_docx):
 * any name, flags, method, CRC and sizes, so that each test can break one thing, and
 * deflate streams that inflate far past a cap without being held in memory. */
#ifndef BRIEFC_ZIPFIX_H
#define BRIEFC_ZIPFIX_H

#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "mem.h"

/* One entry as written: both headers carry these fields. */
struct zipfix_entry {
	const char *name;
	unsigned flags, method;
	uint32_t crc, csize, usize;
	const void *packed;   /* CSIZE bytes of data as stored */
};

/* A zip being built: entries appended to OUT, their central headers to DIR. */
struct zipfix {
	struct buf out, dir;
	unsigned n;
};

static inline void
zipfix_put16(struct buf *b, unsigned v)
{
	char c[2] = {(char)(v & 0xff), (char)(v >> 8 & 0xff)};

	buf_append(b, c, 2);
}

static inline void
zipfix_put32(struct buf *b, uint32_t v)
{
	zipfix_put16(b, v & 0xffff);
	zipfix_put16(b, v >> 16);
}

static inline uint32_t
zipfix_crc(const void *data, size_t len)
{
	return (uint32_t)crc32_z(crc32(0, NULL, 0), data, len);
}

/* The fields from "version needed" to "extra field length", shared by both headers. */
static inline void
zipfix_shared(struct buf *b, const struct zipfix_entry *e)
{
	zipfix_put16(b, 20);
	zipfix_put16(b, e->flags);
	zipfix_put16(b, e->method);
	zipfix_put16(b, 0);
	zipfix_put16(b, 0x21);
	zipfix_put32(b, e->crc);
	zipfix_put32(b, e->csize);
	zipfix_put32(b, e->usize);
	zipfix_put16(b, (unsigned)strlen(e->name));
	zipfix_put16(b, 0);
}

/* Appends the entry E exactly as given. */
static inline void
zipfix_add_raw(struct zipfix *z, const struct zipfix_entry *e)
{
	uint32_t offset = (uint32_t)z->out.len;

	zipfix_put32(&z->out, 0x04034b50);
	zipfix_shared(&z->out, e);
	buf_puts(&z->out, e->name);
	buf_append(&z->out, e->packed ? e->packed : "", e->csize);
	zipfix_put32(&z->dir, 0x02014b50);
	zipfix_put16(&z->dir, 20);
	zipfix_shared(&z->dir, e);
	zipfix_put16(&z->dir, 0);
	zipfix_put16(&z->dir, 0);
	zipfix_put16(&z->dir, 0);
	zipfix_put32(&z->dir, 0);
	zipfix_put32(&z->dir, offset);
	buf_puts(&z->dir, e->name);
	z->n++;
}

/* The raw deflate stream of the LEN bytes of DATA into PACKED. */
static inline void
zipfix_deflate(const void *data, size_t len, struct buf *packed)
{
	unsigned char chunk[65536];
	z_stream zs;
	int ret;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		ret = deflate(&zs, Z_FINISH);
		buf_append(packed, (const char *)chunk, sizeof(chunk) - zs.avail_out);
	} while (ret == Z_OK);
	deflateEnd(&zs);
}

/* Appends the entry NAME holding the LEN bytes of DATA, stored (METHOD 0) or
 * deflated (8), with its right CRC and sizes. */
static inline void
zipfix_add(struct zipfix *z, const char *name, const void *data, size_t len,
           unsigned method)
{
	struct buf packed = {0};
	struct zipfix_entry e = {name, 0, method, zipfix_crc(data, len), 0, (uint32_t)len,
	                         NULL};

	if (method == 8)
		zipfix_deflate(data, len, &packed);
	else
		buf_append(&packed, data, len);
	e.csize = (uint32_t)packed.len;
	e.packed = packed.data;
	zipfix_add_raw(z, &e);
	buf_free(&packed);
}

static inline void
zipfix_add_string(struct zipfix *z, const char *name, const char *text)
{
	zipfix_add(z, name, text, strlen(text), 8);
}

/* Deflates the LEN bytes of DATA into ZS, appending to PACKED (FLUSH as deflate). */
static inline void
zipfix_deflate_more(z_stream *zs, const void *data, size_t len, int flush,
                    struct buf *packed)
{
	unsigned char chunk[65536];

	zs->next_in = (Bytef *)(uintptr_t)data;
	zs->avail_in = (uInt)len;
	do {
		zs->next_out = chunk;
		zs->avail_out = sizeof(chunk);
		deflate(zs, flush);
		buf_append(packed, (const char *)chunk, sizeof(chunk) - zs->avail_out);
	} while (zs->avail_out == 0);
}

/* The raw deflate stream of HEAD, COUNT bytes BYTE, then TAIL into PACKED, and their
 * CRC into *CRC: a bomb made a megabyte at a time, never held whole. Returns the
 * length it inflates to. */
static inline size_t
zipfix_deflate_repeat(const char *head, int byte, size_t count, const char *tail,
                      struct buf *packed, uint32_t *crc)
{
	static unsigned char block[1 << 20];
	size_t left = count;
	z_stream zs;

	memset(block, byte, sizeof(block));
	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_RLE);
	*crc = zipfix_crc(head, strlen(head));
	zipfix_deflate_more(&zs, head, strlen(head), Z_NO_FLUSH, packed);
	while (left > 0) {
		size_t n = left < sizeof(block) ? left : sizeof(block);

		*crc = (uint32_t)crc32_z(*crc, block, n);
		zipfix_deflate_more(&zs, block, n, Z_NO_FLUSH, packed);
		left -= n;
	}
	*crc = (uint32_t)crc32_z(*crc, (const Bytef *)tail, strlen(tail));
	zipfix_deflate_more(&zs, tail, strlen(tail), Z_FINISH, packed);
	deflateEnd(&zs);
	return strlen(head) + count + strlen(tail);
}

/* Appends the entry NAME made by zipfix_deflate_repeat, saying it holds USIZE bytes
 * (0: the truth). */
static inline void
zipfix_add_repeat(struct zipfix *z, const char *name, const char *head, int byte,
                  size_t count, const char *tail, uint32_t usize)
{
	struct buf packed = {0};
	struct zipfix_entry e = {name, 0, 8, 0, 0, usize, NULL};
	size_t len = zipfix_deflate_repeat(head, byte, count, tail, &packed, &e.crc);

	if (usize == 0)
		e.usize = (uint32_t)len;
	e.csize = (uint32_t)packed.len;
	e.packed = packed.data;
	zipfix_add_raw(z, &e);
	buf_free(&packed);
}

/* Ends the zip: the central directory and its end record appended to Z->out, which
 * the caller owns (buf_free) from then on; Z->dir is freed. */
static inline void
zipfix_finish(struct zipfix *z)
{
	uint32_t start = (uint32_t)z->out.len;

	buf_append(&z->out, z->dir.data ? z->dir.data : "", z->dir.len);
	zipfix_put32(&z->out, 0x06054b50);
	zipfix_put16(&z->out, 0);
	zipfix_put16(&z->out, 0);
	zipfix_put16(&z->out, z->n);
	zipfix_put16(&z->out, z->n);
	zipfix_put32(&z->out, (uint32_t)z->dir.len);
	zipfix_put32(&z->out, start);
	zipfix_put16(&z->out, 0);
	buf_free(&z->dir);
}

#endif
