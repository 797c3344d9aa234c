/*
 * mem.c — counting allocator with failure injection (see mem.h).
 */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static long live;
static long count;
static long fail_at = -1; /* allocation number that fails, or -1 */
static int fail_sticky;

static int
should_fail(void)
{
	long n = count++;

	if (fail_at < 0)
		return 0;
	return n == fail_at || (fail_sticky && n > fail_at);
}

void *
mem_alloc(size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = malloc(n ? n : 1);
	if (p != NULL)
		live++;
	return p;
}

void *
mem_calloc(size_t nmemb, size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p != NULL)
		live++;
	return p;
}

void *
mem_realloc(void *p, size_t n)
{
	void *q;

	if (should_fail())
		return NULL;
	q = realloc(p, n ? n : 1);
	if (q != NULL && p == NULL)
		live++;
	return q;
}

int
mem_grow(void **array, size_t *cap, size_t need, size_t sz)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1 / 2) / sz)
			return -1;
		ncap *= 2;
	}
	p = mem_realloc(*array, ncap * sz);
	if (p == NULL)
		return -1;
	*array = p;
	*cap = ncap;
	return 0;
}

void
mem_free(void *p)
{
	if (p == NULL)
		return;
	live--;
	free(p);
}

char *
mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = mem_alloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

void
mem_fail_after(long n, int sticky)
{
	fail_at = n < 0 ? -1 : count + n;
	fail_sticky = sticky;
}

long
mem_live(void)
{
	return live;
}

long
mem_count(void)
{
	return count;
}
