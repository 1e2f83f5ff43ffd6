/* unit.h - what every unit test shares: cmocka, temporary files, captured diagnostics.
 * Tests run from the repository root (as the Makefile and tests/run do). */
#ifndef BRIEFC_UNIT_H
#define BRIEFC_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "source.h"

/* Fails the test, showing both strings, unless NEEDLE occurs in HAY (or, for
 * assert_not_contains, unless it does not). */
#define assert_contains(hay, needle) unit_contains((hay), (needle), 1, __FILE__, __LINE__)
#define assert_not_contains(hay, needle) unit_contains((hay), (needle), 0, __FILE__, __LINE__)

static inline void
unit_contains(const char *hay, const char *needle, int want, const char *file, int line)
{
	if (hay != NULL && (strstr(hay, needle) != NULL) == want)
		return;
	print_error("\"%s\" %s in:\n%s\n", needle, want ? "not found" : "found",
	            hay ? hay : "(null)");
	_fail(file, line);
}

/* A path inside the repository, from the location of this header. */
static inline char *
unit_repo_path(const char *rel)
{
	static const char self[] = "tests/unit/unit.h";
	size_t n = strlen(__FILE__), root = n - (sizeof(self) - 1);
	char *path;

	if (n < sizeof(self) - 1 || strcmp(__FILE__ + root, self) != 0)
		root = 0; /* built from elsewhere: relative to the working directory */
	path = malloc(root + strlen(rel) + 1);
	assert_non_null(path);
	memcpy(path, __FILE__, root);
	strcpy(path + root, rel);
	if (access(path, F_OK) != 0)
		fail_msg("%s not found: run the unit tests from the repository root", path);
	return path;
}

/* Every temporary file of a test binary lives under one directory, removed by the group
 * teardown even when a failed test could not clean up after itself. */
static char unit_root[] = "/tmp/briefc-unit-XXXXXX";
static int unit_root_made;

/* A fresh, empty directory; caller frees and removes it (unit_rmtree). */
static inline char *
unit_tempdir(void)
{
	char *dir = malloc(sizeof(unit_root) + 8);

	assert_non_null(dir);
	if (!unit_root_made) {
		assert_non_null(mkdtemp(unit_root));
		unit_root_made = 1;
	}
	sprintf(dir, "%s/XXXXXX", unit_root);
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Seconds since T0 (CLOCK_MONOTONIC): for tests that bound a run's time. */
static inline double
unit_seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The whole content of PATH, NUL-terminated (caller frees); *LEN gets its size. */
static inline char *
unit_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Writes the LEN bytes of DATA to DIR/NAME; returns that path (caller frees). */
static inline char *
unit_write(const char *dir, const char *name, const void *data, size_t len)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static inline int
unit_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes DIR and everything in it. */
static inline void
unit_rmtree(const char *dir)
{
	assert_int_equal(nftw(dir, unit_rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* The group teardown of every test binary. */
static inline int
unit_teardown(void **state)
{
	(void)state;
	if (!unit_root_made)
		return 0;
	unit_root_made = 0;
	return nftw(unit_root, unit_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* TEXT as brief.xml in a fresh directory: returns its path; unit_rmfile removes both. */
static inline char *
unit_temp_file(const char *text)
{
	char *dir = unit_tempdir();
	char *path = unit_write(dir, "brief.xml", text, strlen(text));

	free(dir);
	return path;
}

static inline void
unit_rmfile(char *path)
{
	char *slash = strrchr(path, '/');

	*slash = '\0';
	unit_rmtree(path);
	free(path);
}

/* A diag context whose output lands in memory. */
struct unit_capture {
	char *buf;
	size_t len;
	FILE *out;
	struct diag d;
};

static inline void
unit_capture_init(struct unit_capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->out = open_memstream(&c->buf, &c->len);
	assert_non_null(c->out);
	diag_init(&c->d, c->out);
}

/* Flushes the held findings and returns everything printed so far. */
static inline const char *
unit_capture_text(struct unit_capture *c)
{
	diag_flush(&c->d);
	assert_int_equal(fflush(c->out), 0);
	return c->buf;
}

static inline void
unit_capture_free(struct unit_capture *c)
{
	diag_free(&c->d);
	fclose(c->out);
	free(c->buf);
}

/* Writes TEXT to a temporary brief and loads it into SRC, which must be well-formed.
 * Returns the path (src->path); release with source_free, then unit_rmfile. */
static inline char *
unit_load(struct source *src, const char *text, struct diag *d)
{
	char *path = unit_temp_file(text);

	memset(src, 0, sizeof(*src));
	assert_int_equal(source_load(src, path, SOURCE_MAX_BYTES, d), SOURCE_OK);
	assert_non_null(src->doc);
	return path;
}

#endif
