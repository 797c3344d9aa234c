/*
 * mem.h — the allocator every core module goes through.
 *
 * A thin layer over malloc that keeps a count of live blocks and can be told
 * to fail, so the tests can fail each allocation of a load in turn and check
 * that nothing leaks.  Functions return NULL on failure; none aborts.
 */
#ifndef JINGSAI_MEM_H
#define JINGSAI_MEM_H

#include <stddef.h>

/* Allocate n bytes; NULL on failure (or on an injected failure). */
void *mem_alloc(size_t n);
/* Like mem_alloc, but zeroed. */
void *mem_calloc(size_t count, size_t size);
/* Resize p (NULL allocates); on failure p is untouched and NULL returned. */
void *mem_realloc(void *p, size_t n);
/* Grow an array to hold at least need items of size sz, doubling; 0 on success. */
int mem_grow(void **array, size_t *cap, size_t need, size_t sz);
/* Free p; NULL is fine. */
void mem_free(void *p);
/* Copy a NUL-terminated string; NULL on failure. */
char *mem_strdup(const char *s);

/* Testing: make the n-th allocation from now fail (0 = the next one), and every one
 * after it while 'sticky' is set; n < 0 turns failures off. */
void mem_fail_after(long n, int sticky);
/* Testing: how many blocks are currently live. */
long mem_live(void);
/* Testing: how many allocations have been made since start-up. */
long mem_count(void);

#endif
