/*
 * shuffle.c — shown orders of options and the letter mappings (see shuffle.h).
 */
#include "shuffle.h"

#include <string.h>

#include "answer.h"
#include "select.h"

/* FNV-1a 64 of the id: fixed by the documentation, never to change (it would
 * reorder every competition's options on resume). */
static uint64_t
id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
shuffle_identity(unsigned n, unsigned char perm[])
{
	unsigned i;

	for (i = 0; i < n; i++)
		perm[i] = (unsigned char)i;
}

void
shuffle_order(uint64_t seed, const char *qid, unsigned n, unsigned char perm[])
{
	struct select_rng r;
	unsigned i, j;
	unsigned char t;

	shuffle_identity(n, perm);
	if (n < 2)
		return;
	select_rng_seed(&r, seed ^ id_hash(qid));
	for (i = n - 1; i > 0; i--) {
		j = (unsigned)select_rng_below(&r, (uint64_t)i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
}

bool
shuffle_is_identity(const unsigned char perm[], unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (perm[i] != i)
			return false;
	return true;
}

unsigned
shuffle_for(const struct question *q, uint64_t seed, bool on, unsigned char perm[])
{
	unsigned n = q->noptions <= BANK_MAX_OPTIONS ? q->noptions : BANK_MAX_OPTIONS;

	if (on && !q->fixed_order && (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE))
		shuffle_order(seed, q->id, n, perm);
	else
		shuffle_identity(n, perm);
	return n;
}

unsigned
shuffle_keys_to_file(const unsigned char perm[], unsigned n, unsigned shown)
{
	unsigned i, file = n < 32 ? shown & ~((1u << n) - 1) : 0;

	for (i = 0; i < n; i++)
		if (shown & (1u << i))
			file |= 1u << perm[i];
	return file;
}

unsigned
shuffle_keys_to_shown(const unsigned char perm[], unsigned n, unsigned file)
{
	unsigned i, shown = n < 32 ? file & ~((1u << n) - 1) : 0;

	for (i = 0; i < n; i++)
		if (file & (1u << perm[i]))
			shown |= 1u << i;
	return shown;
}

char
shuffle_letter_to_file(const unsigned char perm[], unsigned n, char c)
{
	if (c >= 'A' && (unsigned)(c - 'A') < n)
		return (char)('A' + perm[c - 'A']);
	return c;
}

char
shuffle_letter_to_shown(const unsigned char perm[], unsigned n, char c)
{
	unsigned i;

	if (c >= 'A' && (unsigned)(c - 'A') < n)
		for (i = 0; i < n; i++)
			if (perm[i] == (unsigned)(c - 'A'))
				return (char)('A' + i);
	return c;
}

const char *
shuffle_given_to_file(const unsigned char perm[], unsigned n, const char *given, char *buf,
		      size_t size)
{
	unsigned keys = answer_keys(NULL, given), i;
	size_t k = 0;

	if (keys == 0 || size == 0 || (n < 32 && keys >> n != 0))
		return NULL; /* not letters, or a letter no option has: as text */
	keys = shuffle_keys_to_file(perm, n, keys);
	for (i = 0; i < 26 && k + 1 < size; i++)
		if (keys & (1u << i))
			buf[k++] = (char)('A' + i);
	buf[k] = '\0';
	return buf;
}

const char *
shuffle_order_text(const unsigned char perm[], unsigned n, char *buf, size_t size)
{
	size_t k;

	if (size == 0)
		return buf;
	for (k = 0; k < n && k + 1 < size; k++)
		buf[k] = (char)('A' + perm[k]);
	buf[k] = '\0';
	return buf;
}

void
shuffle_view(const struct question *q, const unsigned char perm[], struct question *view,
	     const char *options[])
{
	unsigned i, n = q->noptions <= BANK_MAX_OPTIONS ? q->noptions : BANK_MAX_OPTIONS;

	*view = *q;
	if (n == 0 || q->options == NULL)
		return;
	for (i = 0; i < n; i++)
		options[i] = q->options[perm[i]];
	view->options = options;
	view->noptions = n;
	view->answer_keys = shuffle_keys_to_shown(perm, n, q->answer_keys);
}

bool
shuffle_skewed(const struct bank_set *set, const struct bank *b, struct shuffle_skew *s)
{
	size_t keys[4] = {0}, i;
	const struct question *q;
	unsigned k;

	memset(s, 0, sizeof(*s));
	for (i = b->first; i < b->first + b->count && i < set->nquestions; i++) {
		q = set->questions[i];
		if (q->type != QTYPE_SINGLE || q->noptions != 4)
			continue;
		for (k = 0; k < 4 && !(q->answer_keys & (1u << k)); k++)
			;
		if (k == 4)
			continue; /* no key: not a question the loader keeps */
		keys[k]++;
		s->total++;
	}
	s->letter = 'A';
	for (k = 0; k < 4; k++)
		if (keys[k] > s->count) {
			s->count = keys[k];
			s->letter = (char)('A' + k);
		}
	s->percent = s->total ? (int)((s->count * 200 + s->total) / (s->total * 2)) : 0;
	return s->total >= SHUFFLE_SKEW_MIN && s->count * 100 > (size_t)SHUFFLE_SKEW_PC * s->total;
}
