/* media.h - a brief's images: the file each imagedata names beside the brief, checked
 * (where it lies, what it is, how big), read, named in the EPUB and written into the tree. */
#ifndef BRIEFC_MEDIA_H
#define BRIEFC_MEDIA_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "mem.h"
#include "source.h"

/* An image file larger than this is refused: 16 MiB. */
#define MEDIA_MAX_BYTES ((size_t)16 << 20)

/* An imagedata whose file is in error has no image (struct media_set's uses). */
#define MEDIA_NONE ((size_t)-1)

/* One image file of a brief, however many imagedata name it. */
struct media_image {
	char *name;          /* its name in the EPUB, relative to the content document:
	                        "images/" and the path the brief gives (less a first
	                        "images/"), or "images/image-N.EXT"; owned */
	const char *type;    /* "image/png", "image/jpeg" or "image/svg+xml"; static */
	char *data;          /* the file's bytes; owned */
	size_t len;
	unsigned long width, height; /* in pixels, as the file says; 0: it does not */
	char *real;          /* the file's canonical path, which makes it this image; owned */
};

/* The images of one brief. Zero-initialise, fill with media_collect, release with
 * media_free. */
struct media_set {
	struct media_image *images; /* in document order of first use; owned */
	size_t n;
	size_t *uses;               /* each imagedata's image, in document order; MEDIA_NONE
	                               where it is in error; owned */
	size_t nuses;
};

/* Reads into the empty SET the file of every <imagedata fileref> of the valid SRC:
 * a path relative to the brief's directory (standard input's: the current one),
 * taken as written (no %-escapes). Each problem is reported to D as RULE_IMAGE at
 * its imagedata: a URL, an absolute path, a path that leaves the directory (by ".."
 * or, compared by real path, a symbolic link; such a file is never opened), a file
 * that cannot be read, is not a regular file or is over MEDIA_MAX_BYTES, content
 * that is not a PNG (signature and IHDR), a JPEG (SOI) or an SVG (XML, root svg in
 * SVG's namespace, parsed from memory with no DTD, entity or network), and a format
 * attribute the content belies. Two imagedata naming one file share its image.
 * Returns the number of problems (0: every imagedata has its image). */
unsigned media_collect(const struct source *src, struct media_set *set, struct diag *d);

/* Writes SET into DOC, the tree SET was collected from, in namespace RESOLVED_NS
 * (prefix brf), on each imagedata that has an image:
 *   imagedata  @brf:src     the image's name in the EPUB (struct media_image's name),
 *                           which the EPUB packs at EPUB/ and that name, and the
 *                           HTML replaces with the image itself (a data: URI)
 *              @brf:type    its media type: image/png | image/jpeg | image/svg+xml
 *              @brf:width   its width in pixels (absent: the file does not say)
 *              @brf:height  its height in pixels (absent: the file does not say)
 */
void media_annotate(const struct media_set *set, xmlDocPtr doc);

/* The image of SET named NAME in the EPUB, or NULL. SET may be NULL (no images). */
const struct media_image *media_find(const struct media_set *set, const char *name);

/* Appends IMAGE as a data: URI ("data:TYPE;base64,...") to OUT. */
void media_data_uri(const struct media_image *image, struct buf *out);

/* Appends the LEN bytes of DATA to OUT in base64 (RFC 4648, with padding). */
void media_base64(const void *data, size_t len, struct buf *out);

void media_free(struct media_set *set);

#endif
