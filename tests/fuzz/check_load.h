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
	/* Every loaded question belongs to a bank and is found by its id. */
	for (i = 0; i < set.nquestions && !bad; i++)
		if (set.questions[i]->bank == NULL || set.questions[i]->id == NULL ||
		    bank_set_find(&set, set.questions[i]->id) != set.questions[i])
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
