/* epub.h - the EPUB container: an OCF zip whose first entry is the stored "mimetype",
 * then META-INF/container.xml and the package's items, deflated with zlib. */
#ifndef BRIEFC_EPUB_H
#define BRIEFC_EPUB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "diag.h"
#include "mem.h"

/* An item's bytes deflated ahead of packing, on whichever thread has them first: the
 * raw deflate stream and the CRC-32 of the bytes. Zero-initialise; release with
 * buf_free(&RAW). */
struct epub_deflated {
	struct buf raw;
	uint32_t crc;
};

/* Deflates the LEN bytes of DATA into OUT, as epub_pack would. */
void epub_deflate(const char *data, size_t len, struct epub_deflated *out);

/* One file of the publication, at PATH (relative to the container's root, chosen by
 * briefc, never by the input), LEN bytes of DATA, which DEFLATED holds deflated
 * already (epub_deflate) unless it is NULL. Nothing is owned. */
struct epub_item {
	const char *path;
	const char *data;
	size_t len;
	const struct epub_deflated *deflated;
};

/* The package document's path in the container, named in META-INF/container.xml. */
#define EPUB_PACKAGE_PATH "EPUB/package.opf"

/* Appends to OUT the EPUB zip of the N ITEMS (one of them at EPUB_PACKAGE_PATH), with
 * "mimetype" and META-INF/container.xml written first, every entry dated MTIME (UTC),
 * so the same items and time give the same bytes. Returns 0, or -1 reported to D
 * (rule xslt) with OUT as it was: for an item path that is empty, absolute, has a
 * "." or ".." segment, a backslash or a control character, is given twice or is the
 * container's own, and for a zip of 4 GiB or more (briefc writes no ZIP64). */
int epub_pack(const struct epub_item *items, size_t n, time_t mtime, struct buf *out,
              struct diag *d);

#endif
