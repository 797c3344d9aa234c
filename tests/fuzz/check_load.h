/*
 * check_load.h — the invariants every load must keep, whatever the input:
 * shared by the fuzz target and the regression suite over tests/fuzz/crashes.
 * Returns 0 when they hold, or a small number saying which one broke.
 */
#ifndef JINGSAI_CHECK_LOAD_H
#define JINGSAI_CHECK_LOAD_H

#include <stddef.h>

#include "bank.h"
#include "mem.h"

/* Whether every bank's questions are loaded questions that point back at it,
 * every loaded question is in a bank, and each is found by its id. */
static inline int
model_consistent(const struct bank_set *set)
{
	size_t i, j, in_banks = 0;

	for (i = 0; i < set->nbanks; i++) {
		if (set->banks[i].first + set->banks[i].count > set->nquestions)
			return 0;
		for (j = set->banks[i].first; j < set->banks[i].first + set->banks[i].count; j++)
			if (set->questions[j]->bank != &set->banks[i])
				return 0;
		in_banks += set->banks[i].count;
	}
	if (in_banks != set->nquestions)
		return 0;
	for (i = 0; i < set->nquestions; i++)
		if (set->questions[i]->id == NULL ||
		    bank_set_find(set, set->questions[i]->id) != set->questions[i])
			return 0;
	return 1;
}

static inline int
check_load(const char *data, size_t size)
{
	struct bank_set set;
	struct diag_list diags = {0};
	long live = mem_live();
	int bad = 0;
	size_t i;

	bank_set_init(&set);
	bank_set_load_buffer(&set, "fuzz.yaml", data, size, &diags);
	if (!model_consistent(&set))
		bad = 1;
	/* Every diagnostic has a message; a file with questions dropped has an error. */
	for (i = 0; i < diags.count && !bad; i++)
		if (diags.items[i].message == NULL || diags.items[i].file == NULL)
			bad = 2;
	if (!bad && set.nquestions < set.questions_seen && diags.errors == 0)
		bad = 3;
	diag_list_free(&diags);
	bank_set_free(&set);
	/* A load frees everything it allocated. */
	if (!bad && mem_live() != live)
		bad = 4;
	return bad;
}

#endif
