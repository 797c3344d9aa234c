/*
 * arena.c — bump allocator in 64 KiB chunks (see arena.h).
 */
#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem.h"

#define CHUNK_SIZE (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t data[];
};

#define ALIGN (alignof(max_align_t))

/* Take n bytes; 'align' is a power of two.  Strings ask for 1 so that the many
 * short texts of a bank are packed without padding. */
static void *
arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c;
	size_t size, pad;
	void *p;

	if (n == 0)
		n = 1;
	pad = (size_t)(-(uintptr_t)a->next) & (align - 1);
	if (a->head != NULL && pad <= a->left && n <= a->left - pad) {
		a->next += pad;
		a->left -= pad;
		p = a->next;
		a->next += n;
		a->left -= n;
		return p;
	}
	if (n > CHUNK_SIZE / 4) {
		/* A large object gets a chunk of its own behind the head, so the
		 * space left in the head chunk is not wasted. */
		if (n > (size_t)-1 - sizeof(*c))
			return NULL;
		c = mem_alloc(sizeof(*c) + n);
		if (c == NULL)
			return NULL;
		a->total += sizeof(*c) + n;
		if (a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->left = 0;
		}
		return c->data;
	}
	size = sizeof(*c) + CHUNK_SIZE;
	c = mem_alloc(size);
	if (c == NULL)
		return NULL;
	a->total += size;
	c->next = a->head;
	a->head = c;
	a->next = (char *)c->data + n;
	a->left = CHUNK_SIZE - n;
	return c->data;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, ALIGN);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		mem_free(c);
	}
	memset(a, 0, sizeof(*a));
}
