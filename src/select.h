/*
 * select.h — choosing the questions of a session: filters, order, count.
 *
 * Pure: no I/O.  The order is a function of the seed alone (a PRNG of our
 * own, so the same --seed gives the same questions on every machine).
 */
#ifndef JINGSAI_SELECT_H
#define JINGSAI_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank.h"

enum select_order {
	SELECT_SHUFFLED,
	SELECT_SEQUENTIAL,
};

/* Values given for one repeatable option: a question passes when it matches
 * any of them (none given = no filter); different options must all pass. */
struct select_list {
	const char **v;
	size_t n;
};

struct select_opts {
	struct select_list categories, tags, ids; /* ids: --review's book */
	unsigned types;                           /* bit per enum question_type; 0 = all */
	unsigned difficulties;                    /* bit per difficulty 0..3; 0 = all */
	size_t count;                             /* 0 = every matching question */
	enum select_order order;
	uint64_t seed;
};

/* Append v to l (grown with mem_realloc; l->v freed by select_list_free).
 * Returns -1 when memory ran out. */
int select_list_add(struct select_list *l, const char *v);
void select_list_free(struct select_list *l);

/* Fill out (room for set->nquestions pointers) with the chosen questions and
 * return how many.  Sequential keeps the banks' order; shuffled permutes
 * every match with the seed.  With a count (an exam, practice --count), the
 * first count are kept, and of the questions of one `group` only the first
 * in that order (the others would give its answer away); with none, every
 * match is asked, alternatives too. */
size_t select_questions(const struct bank_set *set, const struct select_opts *o,
			const struct question **out);

/* The generator behind the order, exposed for tests and other modes. */
struct select_rng {
	uint64_t s;
};
void select_rng_seed(struct select_rng *r, uint64_t seed);
uint64_t select_rng_next(struct select_rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t select_rng_below(struct select_rng *r, uint64_t n);

/* A seed from the clock and the process id, for sessions without --seed. */
uint64_t select_fresh_seed(void);

#endif
