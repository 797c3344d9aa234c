/*
 * arena.c — bump allocator in 64 KiB chunks (see arena.h).
 */
#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "mem.h"

#define CHUNK_SIZE     (64 * 1024)
#define BIG_ARENA      (8 * 1024 * 1024)
#define BIG_CHUNK_SIZE (4 * 1024 * 1024)
#define HUGE_PAGE      (2 * 1024 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t data[];
};

/* Objects are aligned for pointers, sizes, 64-bit integers and doubles: what a
 * bank holds.  max_align_t would be 16 and pad every question and index
 * place by 8 bytes for a long double nobody stores. */
union arena_align {
	void *p;
	long long ll;
	double d;
};
#define ALIGN (alignof(union arena_align))

/* Ask for huge pages over the 2 MiB-aligned part of [p, p+n); only a hint. */
static void
advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t end = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE_PAGE - 1);

	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

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
	/* Small arenas grow by 64 KiB; one that already holds a big bank grows
	 * by 4 MiB, asking for transparent huge pages: a 50 MB bank then costs a
	 * few dozen page faults instead of twelve thousand. */
	size = a->total < BIG_ARENA ? CHUNK_SIZE : BIG_CHUNK_SIZE;
	c = mem_alloc(sizeof(*c) + size);
	if (c == NULL)
		return NULL;
	a->total += sizeof(*c) + size;
	if (size == BIG_CHUNK_SIZE)
		advise_huge(c->data, size);
	c->next = a->head;
	a->head = c;
	a->next = (char *)c->data + n;
	a->left = size - n;
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
