/* mem.c - allocation that never returns NULL. */
#include "mem.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef BRIEFC_MIMALLOC
#include <mimalloc.h>
#endif

#include <jansson.h>
#include <libxml/threads.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlmemory.h>

/* libxml2's, libxslt's and jansson's allocators: briefc's, so that memory running out
 * in any ends briefc with its one message (exit 2), as anywhere else, and never leaves
 * the libraries to carry on with a NULL they do not always check (a crash), nor
 * jansson to report it as a fault of the JSON it reads. */
static void *
lib_malloc(size_t size)
{
	return mem_alloc(size);
}

static void *
lib_realloc(void *ptr, size_t size)
{
	return mem_realloc_array(ptr, size, 1);
}

static char *
lib_strdup(const char *s)
{
	return mem_strdup(s);
}

void
mem_setup(void)
{
	xmlMemSetup(free, lib_malloc, lib_realloc, lib_strdup);
	json_set_alloc_funcs(lib_malloc, free);
}

void
mem_thread_start(void)
{
	errno = 0;
	if (xmlGetGlobalState() == NULL && errno == ENOMEM)
		mem_exhausted();
}

void
mem_give_back(void)
{
#ifdef BRIEFC_MIMALLOC
	/* Forced: the freed pages go now, not after mimalloc's delay of a few ms. */
	mi_collect(true);
#endif
}

/* What mem_exhausted runs last (mem_on_exhausted): process-wide, as the exit is, and
 * read by whichever thread runs out. */
static void (*_Atomic exhausted_fn)(void);

void
mem_on_exhausted(void (*fn)(void))
{
	atomic_store(&exhausted_fn, fn);
}

_Noreturn void
mem_exhausted(void)
{
	/* Two threads may run out at once: the first says so and ends the process (with
	 * no allocation, no atexit work); the other waits for that end. */
	static atomic_flag said = ATOMIC_FLAG_INIT;
	static const char msg[] = "briefc: out of memory\n";
	void (*fn)(void);

	if (atomic_flag_test_and_set(&said))
		for (;;)
			pause();
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* Nowhere to say it: the exit status still does. */
	}
	fn = atomic_load(&exhausted_fn);
	if (fn != NULL)
		fn();
	_exit(2);
}

void *
mem_alloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		mem_exhausted();
	return p;
}

void *
mem_realloc_array(void *ptr, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		mem_exhausted();
	p = realloc(ptr, n * size > 0 ? n * size : 1);
	if (p == NULL)
		mem_exhausted();
	return p;
}

char *
mem_realpath(const char *path)
{
	char *real = realpath(path, NULL);

	if (real == NULL && errno == ENOMEM)
		mem_exhausted();
	return real;
}

char *
mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(mem_alloc(n), s, n);
}

char *
mem_vformat(const char *fmt, va_list ap)
{
	va_list copy;
	char *s;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	s = mem_alloc(n > 0 ? (size_t)n + 1 : 1);
	if (n > 0)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	else
		s[0] = '\0';
	return s;
}

void
buf_append(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->data = mem_realloc_array(b->data, b->cap, 1);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_append(b, small, (size_t)n);
		return;
	}
	big = mem_alloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_append(b, big, (size_t)n);
	free(big);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static int
append_output(void *ctx, const char *bytes, int len)
{
	buf_append(ctx, bytes, (size_t)len);
	return len;
}

xmlOutputBufferPtr
buf_xml_output(struct buf *b)
{
	xmlOutputBufferPtr o = xmlOutputBufferCreateIO(append_output, NULL, b, NULL);

	if (o == NULL)
		mem_exhausted();
	return o;
}

void
buf_xml_close(xmlOutputBufferPtr o)
{
	if (xmlOutputBufferClose(o) < 0)
		mem_exhausted();
}
