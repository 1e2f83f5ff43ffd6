/* mem.h - allocation that never returns NULL, and the growable string built on it.
 * Out of memory is fatal: briefc prints one line and exits with status 2. */
#ifndef BRIEFC_MEM_H
#define BRIEFC_MEM_H

#include <stdarg.h>
#include <stddef.h>

/* Makes briefc's allocation libxml2's, libxslt's and jansson's (out of memory there
 * ends briefc as anywhere else): once, before anything is allocated. The allocator
 * itself is mimalloc in the release build (the Makefile links it first, so that its
 * malloc is every library's), the sanitizers' own in theirs. */
void mem_setup(void);

/* Whether what a run holds until it ends (compiled stylesheets and schemas) is freed
 * before the process ends: only where a leak checker looks (the sanitizers); else the
 * exit returns it at once, where freeing it took 0.7 ms of a small build (5M
 * instructions). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MEM_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MEM_FREE_AT_EXIT 1
#endif
#endif
#ifndef MEM_FREE_AT_EXIT
#define MEM_FREE_AT_EXIT 0
#endif

/* Makes libxml2's state of a thread briefc has just started: the first thing each such
 * thread does. libxml2 makes it at the thread's first call into it and, when memory
 * runs out there, hands a NULL to callers that use it (a crash); made here, memory
 * running out ends briefc with exit 2, after libxml2's own line saying so. */
void mem_thread_start(void);

/* Returns the whole pages of memory this thread has freed to the system: for a thread
 * that has freed a large tree while another still grows its own, since the allocator
 * keeps what a thread frees for that thread's later allocations, counted in the peak. */
void mem_give_back(void);

void *mem_alloc(size_t size);
void *mem_realloc_array(void *ptr, size_t n, size_t size);
char *mem_strdup(const char *s);

/* realpath(PATH, NULL): the canonical absolute path (caller frees), or NULL when it
 * does not resolve; memory running out is mem_exhausted's, never a NULL. */
char *mem_realpath(const char *path);

/* FMT and AP (vprintf-style) formatted into a fresh string; caller frees. */
char *mem_vformat(const char *fmt, va_list ap);

/* A growable byte string, always NUL-terminated once written to. Zero-initialise;
 * release with buf_free. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* An output buffer of libxml2's whose bytes go onto the end of B, for libxml2's and
 * libxslt's serialisers; buf_xml_close flushes and closes it. */
struct _xmlOutputBuffer *buf_xml_output(struct buf *b);
void buf_xml_close(struct _xmlOutputBuffer *o);

/* Reports that memory ran out and exits with status 2; for allocations made by
 * libraries, which return NULL. */
_Noreturn void mem_exhausted(void);

/* Has mem_exhausted run FN just before briefc ends, in place of what was set before
 * (NULL: nothing): how emit removes the temporary files of every batch of outputs.
 * FN runs on the thread that ran out, while others may run, and must not allocate.
 * May be set while other threads run. */
void mem_on_exhausted(void (*fn)(void));

#endif
