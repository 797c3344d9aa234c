/*
 * test_banks_balance.c — the shipped banks do not give their answers away by
 * position: in every bank with at least BALANCE_MIN single-choice questions of
 * four options, each of A, B, C and D is the key of between 15% and 35% of
 * them.  Practice shuffles the options, but the banks are also exported to
 * Moodle and spreadsheets in the file's order, where a bank keyed "A" nine
 * times in ten is answered by position.
 *
 * Run from tests/ (what 'make unit' does); JINGSAI_BANKS names the shipped
 * banks' directory (default ../questions).  Competition files beside the
 * banks are skipped by the loader (they are not banks).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"

#define BALANCE_MIN     12 /* fewer questions than this: too few to judge */
#define BALANCE_LOW_PC  15 /* each key's share, in percent, at least ... */
#define BALANCE_HIGH_PC 35 /* ... and at most */

static const char *
banks_dir(void)
{
	const char *d = getenv("JINGSAI_BANKS");

	return d != NULL && *d != '\0' ? d : "../questions";
}

/* How many of bank b's single-choice four-option questions are keyed A..D. */
static size_t
count_keys(const struct bank_set *set, const struct bank *b, size_t keys[4])
{
	size_t i, n = 0;
	unsigned k;

	memset(keys, 0, 4 * sizeof(keys[0]));
	for (i = b->first; i < b->first + b->count; i++) {
		const struct question *q = set->questions[i];

		if (q->type != QTYPE_SINGLE || q->noptions != 4)
			continue;
		for (k = 0; k < 4; k++)
			if (q->answer_keys == 1u << k)
				keys[k]++;
		n++;
	}
	return n;
}

/* The banks of set whose keys are skewed, each reported with its counts; a
 * table of every bank is printed either way.  Returns how many are skewed;
 * *judged (when not NULL) is how many had enough questions to judge. */
static size_t
skewed_banks(const struct bank_set *set, size_t *judged)
{
	size_t i, n, keys[4], bad = 0, big = 0;
	unsigned k;
	int skewed;

	for (i = 0; i < set->nbanks; i++) {
		const struct bank *b = &set->banks[i];

		n = count_keys(set, b, keys);
		skewed = 0;
		for (k = 0; k < 4 && n >= BALANCE_MIN; k++)
			if (keys[k] * 100 < n * BALANCE_LOW_PC ||
			    keys[k] * 100 > n * BALANCE_HIGH_PC)
				skewed = 1;
		print_message("%s: %zu single-choice of 4: A %zu, B %zu, C %zu, D %zu%s\n", b->path,
			      n, keys[0], keys[1], keys[2], keys[3],
			      n < BALANCE_MIN ? " (too few to judge)"
			      : skewed != 0   ? " (SKEWED)"
					      : "");
		bad += (size_t)skewed;
		big += n >= BALANCE_MIN;
	}
	if (judged != NULL)
		*judged = big;
	return bad;
}

/* Load path (a file or directory) or the bank text yaml; it must load clean. */
static void
load(struct bank_set *set, const char *path, const char *yaml)
{
	struct diag_list d = {0};
	size_t i;
	int rc;

	bank_set_init(set);
	rc = path != NULL ? bank_set_load_path(set, path, &d)
			  : bank_set_load_buffer(set, "inline.yaml", yaml, strlen(yaml), &d);
	assert_int_equal(rc, 0);
	for (i = 0; i < d.count; i++)
		if (d.items[i].severity == DIAG_ERROR)
			print_message("%s:%u:%u: %s\n", d.items[i].file, d.items[i].line,
				      d.items[i].col, d.items[i].message);
	assert_int_equal(d.errors, 0);
	diag_list_free(&d);
}

/* A bank of n single-choice four-option questions keyed by keys[i % strlen]. */
static char *
make_bank(size_t n, const char *keys)
{
	size_t i, cap = 256 + n * 160, len;
	char *s = malloc(cap);

	assert_non_null(s);
	len = (size_t)snprintf(s, cap, "title: T\nquestions:\n");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(
			s + len, cap - len,
			"  - {id: q%zu, type: single, question: 题%zu, options: {A: "
			"甲, B: 乙, C: 丙, D: 丁}, answer: %c, explanation: e, "
			"source: s}\n",
			i, i, keys[i % strlen(keys)]);
	assert_true(len < cap);
	return s;
}

/* The check itself: it accepts an even bank, refuses one key too rare or too
 * common, and leaves small banks and other shapes of question alone. */
static void
test_check(void **state)
{
	static const struct {
		size_t n;
		const char *keys;
		size_t skewed;
	} cases[] = {
		{12, "ABCD", 0},                 /* 3 each: 25% */
		{20, "AAAAAAABBBBBCCCCCDDD", 0}, /* A 35%, D 15%: the bounds pass */
		{20, "AAAAAAAABBBBCCCCCDDD", 1}, /* A 8: 40% */
		{20, "AAAAAABBBBBBCCCCCCDD", 1}, /* D 2: 10% */
		{11, "A", 0},                    /* too few to judge */
		{12, "ABC", 1},                  /* D never */
	};
	struct bank_set set;
	size_t i, keys[4];
	char *yaml;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		yaml = make_bank(cases[i].n, cases[i].keys);
		load(&set, NULL, yaml);
		if (skewed_banks(&set, NULL) != cases[i].skewed)
			fail_msg("case %zu: %zu questions keyed by \"%s\" should%s be skewed", i,
				 cases[i].n, cases[i].keys, cases[i].skewed != 0 ? "" : " not");
		bank_set_free(&set);
		free(yaml);
	}

	/* Three- and five-option questions and multiple choice do not count. */
	load(&set, NULL,
	     "title: T\nquestions:\n"
	     "  - {id: a, type: single, question: 一, options: {A: x, B: y, C: z}, answer: A}\n"
	     "  - {id: b, type: single, question: 二, options: {A: x, B: y, C: z, D: w, E: v}, "
	     "answer: A}\n"
	     "  - {id: c, type: multiple, question: 三, options: {A: x, B: y, C: z, D: w}, "
	     "answer: AB}\n"
	     "  - {id: d, type: single, question: 四, options: {A: x, B: y, C: z, D: w}, "
	     "answer: D}\n");
	assert_int_equal(count_keys(&set, &set.banks[0], keys), 1);
	assert_int_equal(keys[3], 1);
	bank_set_free(&set);
}

static void
test_shipped_banks(void **state)
{
	struct bank_set set;
	size_t bad, judged;

	(void)state;
	load(&set, banks_dir(), NULL);
	bad = skewed_banks(&set, &judged);
	bank_set_free(&set);
	/* Not a test that passes on an empty or misnamed directory. */
	if (judged == 0)
		fail_msg("no bank in %s has %d single-choice questions of four options",
			 banks_dir(), BALANCE_MIN);
	if (bad > 0)
		fail_msg("%zu bank(s) key one letter in fewer than %d%% or more than %d%% of their "
			 "single-choice questions of four options",
			 bad, BALANCE_LOW_PC, BALANCE_HIGH_PC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_shipped_banks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
