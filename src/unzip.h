/* unzip.h - a zip read from memory, trusting nothing: the central directory, then one
 * entry at a time, stored or inflated, CRC-checked and held to caps on what it yields. */
#ifndef BRIEFC_UNZIP_H
#define BRIEFC_UNZIP_H

#include <stddef.h>

enum unzip_status {
	UNZIP_OK,
	UNZIP_NOT_FOUND,   /* no entry by that name */
	UNZIP_MALFORMED,   /* not a zip, or one whose records contradict each other */
	UNZIP_UNSUPPORTED, /* ZIP64, several disks, encryption, a method but store/deflate */
	UNZIP_TOO_LARGE    /* an entry that would inflate past a cap */
};

/* A zip being read: the caller's bytes (not owned, must outlive it) and the directory
 * found in them. Fill with unzip_open; nothing to release. */
struct unzip {
	const unsigned char *bytes;
	size_t len;
	size_t dir, dir_end;  /* the central directory's bounds in bytes */
	unsigned count;       /* its entries */
	size_t budget;        /* bytes every later unzip_read may still yield in all */
	char error[160];      /* after a failure: what went wrong, one line, no period */
};

/* Finds the central directory of the LEN BYTES and checks every record of it lies
 * within them; unzip_read may then yield TOTAL_CAP bytes in all. Returns UNZIP_OK, or
 * a failure explained in Z->error. */
enum unzip_status unzip_open(struct unzip *z, const char *bytes, size_t len,
                             size_t total_cap);

/* The entry NAME, uncompressed, into *OUT (NUL-terminated, *OUT_LEN bytes; caller
 * frees), if it yields at most PART_CAP bytes and the budget left: inflating stops at
 * the cap, never allocating past it. Checks the local header against the directory,
 * the sizes and the CRC-32. Returns UNZIP_OK, or a failure explained in Z->error with
 * *OUT NULL. */
enum unzip_status unzip_read(struct unzip *z, const char *name, size_t part_cap,
                             char **out, size_t *out_len);

#endif
