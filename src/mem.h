/* mem.h - allocation that never returns NULL.
 * Out of memory is fatal: briefc prints one line and exits with status 2. */
#ifndef BRIEFC_MEM_H
#define BRIEFC_MEM_H

#include <stddef.h>

void *mem_alloc(size_t size);
void *mem_realloc_array(void *ptr, size_t n, size_t size);
char *mem_strdup(const char *s);

#endif
