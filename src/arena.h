/*
 * arena.h — a bump allocator: many small objects, one free.
 *
 * A loaded bank set keeps all its strings and question records in one arena,
 * so freeing the set is one call and costs one free per 64 KiB chunk.
 */
#ifndef JINGSAI_ARENA_H
#define JINGSAI_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	char *next;               /* free space in the head chunk */
	size_t left;              /* bytes left there */
	size_t total;             /* bytes obtained from the allocator */
};

/* Return n bytes aligned for pointers, 64-bit integers and doubles (not long
 * double), owned by the arena; NULL on failure. */
void *arena_alloc(struct arena *a, size_t n);
/* Copy n bytes of s and add a NUL; the copy is owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Free every chunk; the arena is empty and reusable afterwards. */
void arena_free(struct arena *a);

#endif
