/*
 * select.c — filters and a seeded shuffle over a loaded bank set.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "select.h"

int
select_list_add(struct select_list *l, const char *v)
{
	const char **nv = mem_realloc(l->v, (l->n + 1) * sizeof(*nv));

	if (nv == NULL)
		return -1;
	nv[l->n++] = v;
	l->v = nv;
	return 0;
}

void
select_list_free(struct select_list *l)
{
	mem_free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* splitmix64: tiny, fast, well mixed, and the same everywhere. */
void
select_rng_seed(struct select_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
select_rng_next(struct select_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
select_rng_below(struct select_rng *r, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;

	do
		x = select_rng_next(r);
	while (x >= limit);
	return x % n;
}

uint64_t
select_fresh_seed(void)
{
	struct timespec ts;
	struct select_rng r;

	clock_gettime(CLOCK_REALTIME, &ts);
	select_rng_seed(&r, (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec ^
				    (uint64_t)getpid() << 32);
	/* Keep seeds short enough to retype from a summary line. */
	return select_rng_next(&r) % 1000000000ULL;
}

static bool
in_list(const struct select_list *l, const char *s)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static bool
matches(const struct question *q, const struct select_opts *o)
{
	size_t i;

	if (o->types && !(o->types & (1u << q->type)))
		return false;
	if (o->difficulties && !(o->difficulties & (1u << q->difficulty)))
		return false;
	if (o->categories.n && !in_list(&o->categories, q->category))
		return false;
	if (o->ids.n && !in_list(&o->ids, q->id))
		return false;
	if (o->tags.n) {
		for (i = 0; i < q->ntags; i++)
			if (in_list(&o->tags, q->tags[i]))
				break;
		if (i == q->ntags)
			return false;
	}
	return true;
}

/* Keep at most count of out[0..n), in order, and of the questions of one
 * group the first only: alternatives give each other away.  In place. */
static size_t
one_of_each_group(const struct question **out, size_t n, size_t count)
{
	size_t i, j, k = 0;

	for (i = 0; i < n && k < count; i++) {
		if (out[i]->group_id != 0) {
			for (j = 0; j < k && out[j]->group_id != out[i]->group_id; j++)
				;
			if (j < k)
				continue;
		}
		out[k++] = out[i];
	}
	return k;
}

size_t
select_questions(const struct bank_set *set, const struct select_opts *o,
		 const struct question **out)
{
	struct select_rng r;
	const struct question *t;
	size_t i, j, n = 0;

	for (i = 0; i < set->nquestions; i++)
		if (matches(set->questions[i], o))
			out[n++] = set->questions[i];
	if (o->order == SELECT_SHUFFLED && n > 1) {
		select_rng_seed(&r, o->seed);
		for (i = n - 1; i > 0; i--) {
			j = (size_t)select_rng_below(&r, (uint64_t)i + 1);
			t = out[i];
			out[i] = out[j];
			out[j] = t;
		}
	}
	if (o->count)
		n = one_of_each_group(out, n, o->count);
	return n;
}
