/*
 * test_shuffle.c — shown orders of options and the letter mappings.
 *
 * The pinned orders were worked out from the algorithm as shuffle.h documents
 * it (FNV-1a of the id, splitmix64, Fisher-Yates) by a separate script, not
 * read back from the C: a change to any part of it shows here, before it
 * reorders the options of a competition being resumed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "answer.h"
#include "bank.h"
#include "mem.h"
#include "shuffle.h"

static const char *
order(uint64_t seed, const char *id, unsigned n)
{
	static char buf[BANK_MAX_OPTIONS + 1];
	unsigned char perm[BANK_MAX_OPTIONS];

	shuffle_order(seed, id, n, perm);
	return shuffle_order_text(perm, n, buf, sizeof(buf));
}

static void
test_pinned(void **state)
{
	(void)state;
	assert_string_equal(order(0, "a", 4), "BCAD");
	assert_string_equal(order(7, "s-single", 3), "CBA");
	assert_string_equal(order(7, "s-multiple", 4), "BACD");
	assert_string_equal(order(20220501, "zizhifa-001", 4), "ACDB");
	assert_string_equal(order(1, "host-001", 4), "DABC");
	assert_string_equal(order(UINT64_MAX, "x", 8), "DGFCEABH");
	assert_string_equal(order(42, "民族-1", 5), "DBAEC");
	/* The same pair, the same order, however often it is asked. */
	assert_string_equal(order(20220501, "zizhifa-001", 4), "ACDB");
	/* Nothing to shuffle. */
	assert_string_equal(order(5, "a", 1), "A");
	assert_string_equal(order(5, "a", 0), "");
}

/* Every order is a permutation of 0..n-1, for every n and many pairs. */
static void
test_valid(void **state)
{
	unsigned char perm[BANK_MAX_OPTIONS];
	unsigned n, i, seen;
	uint64_t seed;
	char id[32];

	(void)state;
	for (n = 0; n <= BANK_MAX_OPTIONS; n++)
		for (seed = 0; seed < 50; seed++)
			for (i = 0; i < 40; i++) {
				snprintf(id, sizeof(id), "q-%u", i);
				memset(perm, 0xff, sizeof(perm));
				shuffle_order(seed * 0x9e3779b97f4a7c15ULL, id, n, perm);
				seen = 0;
				for (unsigned k = 0; k < n; k++) {
					assert_true(perm[k] < n);
					seen |= 1u << perm[k];
				}
				assert_int_equal(seen, (1u << n) - 1);
				for (unsigned k = n; k < BANK_MAX_OPTIONS; k++)
					assert_int_equal(perm[k], 0xff); /* nothing past n */
			}
}

/* Over many ids, the 24 orders of four options come up about equally often,
 * and so does each place of the file's option A. */
static void
test_uniform(void **state)
{
	enum { IDS = 24000 };
	unsigned char perm[4];
	unsigned counts[24] = {0}, placeA[4] = {0}, i, k, code, used, rank;
	char id[32];

	(void)state;
	for (i = 0; i < IDS; i++) {
		snprintf(id, sizeof(id), "bank-%05u", i);
		shuffle_order(20220501, id, 4, perm);
		/* Lehmer code of the permutation: 0..23. */
		code = 0;
		used = 0;
		for (k = 0; k < 4; k++) {
			rank = 0;
			for (unsigned m = 0; m < perm[k]; m++)
				rank += !(used & (1u << m));
			used |= 1u << perm[k];
			code = code * (4 - k) + rank;
		}
		assert_true(code < 24);
		counts[code]++;
		for (k = 0; k < 4; k++)
			if (perm[k] == 0)
				placeA[k]++;
	}
	/* 1000 expected each; a fair generator stays within 5 sigma (~155). */
	for (i = 0; i < 24; i++)
		if (counts[i] < 845 || counts[i] > 1155)
			fail_msg("order %u came up %u times in %u", i, counts[i], IDS);
	for (k = 0; k < 4; k++)
		if (placeA[k] < 5700 || placeA[k] > 6300)
			fail_msg("option A shown as letter %c %u times in %u", 'A' + k, placeA[k],
				 IDS);
}

static const char *opts4[] = {"1982年", "1984年", "1990年", "2001年"};

static struct question
single(const char *id, unsigned key)
{
	struct question q;

	memset(&q, 0, sizeof(q));
	q.id = id;
	q.type = QTYPE_SINGLE;
	q.text = "哪一年？";
	q.options = opts4;
	q.noptions = 4;
	q.answer_keys = key;
	return q;
}

/* shuffle: false, the session's --no-shuffle and the types without options
 * all show the file's order. */
static void
test_identity_when_off(void **state)
{
	unsigned char perm[BANK_MAX_OPTIONS];
	struct question q = single("zizhifa-001", 1u << 1);
	char buf[16];

	(void)state;
	assert_int_equal(shuffle_for(&q, 20220501, true, perm), 4);
	assert_string_equal(shuffle_order_text(perm, 4, buf, sizeof(buf)), "ACDB");
	assert_false(shuffle_is_identity(perm, 4));
	shuffle_for(&q, 20220501, false, perm);
	assert_true(shuffle_is_identity(perm, 4));
	q.fixed_order = true;
	shuffle_for(&q, 20220501, true, perm);
	assert_true(shuffle_is_identity(perm, 4));
	q.fixed_order = false;
	q.type = QTYPE_MULTIPLE;
	shuffle_for(&q, 20220501, true, perm);
	assert_string_equal(shuffle_order_text(perm, 4, buf, sizeof(buf)), "ACDB");
	q.type = QTYPE_JUDGE;
	q.noptions = 0;
	q.options = NULL;
	assert_int_equal(shuffle_for(&q, 20220501, true, perm), 0);
	assert_true(shuffle_is_identity(perm, 0));
}

static void
test_mappings(void **state)
{
	/* Shown A is the file's C, B is A, C is D, D is B. */
	static const unsigned char perm[] = {2, 0, 3, 1};
	char buf[32];

	(void)state;
	assert_int_equal(shuffle_letter_to_file(perm, 4, 'A'), 'C');
	assert_int_equal(shuffle_letter_to_file(perm, 4, 'D'), 'B');
	assert_int_equal(shuffle_letter_to_file(perm, 4, 'E'), 'E'); /* beyond: as it is */
	assert_int_equal(shuffle_letter_to_file(perm, 4, '?'), '?');
	assert_int_equal(shuffle_letter_to_shown(perm, 4, 'C'), 'A');
	assert_int_equal(shuffle_letter_to_shown(perm, 4, 'B'), 'D');
	assert_int_equal(shuffle_letter_to_shown(perm, 4, 'H'), 'H');
	for (char c = 'A'; c <= 'D'; c++)
		assert_int_equal(
			shuffle_letter_to_shown(perm, 4, shuffle_letter_to_file(perm, 4, c)), c);
	/* Bit sets: shown A and C are the file's C and D; bit 5 (F) stays. */
	assert_int_equal(shuffle_keys_to_file(perm, 4, 0x5), 0xc);
	assert_int_equal(shuffle_keys_to_file(perm, 4, 0x5 | 0x20), 0xc | 0x20);
	assert_int_equal(shuffle_keys_to_shown(perm, 4, 0xc), 0x5);
	for (unsigned k = 0; k < 16; k++)
		assert_int_equal(shuffle_keys_to_shown(perm, 4, shuffle_keys_to_file(perm, 4, k)),
				 k);
	/* What a person types, in every spelling answer_keys() reads. */
	assert_string_equal(shuffle_given_to_file(perm, 4, "ACD", buf, sizeof(buf)), "BCD");
	assert_string_equal(shuffle_given_to_file(perm, 4, "c d a", buf, sizeof(buf)), "BCD");
	assert_string_equal(shuffle_given_to_file(perm, 4, "Ａ、Ｃ", buf, sizeof(buf)), "CD");
	assert_string_equal(shuffle_given_to_file(perm, 4, "b", buf, sizeof(buf)), "A");
	assert_null(shuffle_given_to_file(perm, 4, "BF", buf, sizeof(buf))); /* F: no option */
	assert_null(shuffle_given_to_file(perm, 4, "1984年", buf, sizeof(buf)));
	assert_null(shuffle_given_to_file(perm, 4, "  ", buf, sizeof(buf)));
	assert_null(shuffle_given_to_file(perm, 4, NULL, buf, sizeof(buf)));
	assert_string_equal(shuffle_order_text(perm, 4, buf, sizeof(buf)), "CADB");
	assert_string_equal(shuffle_order_text(perm, 4, buf, 3), "CA"); /* cut to fit */
}

/* Judged on the shown copy: the shown letter, the option's text, and for a
 * multiple choice every shown letter of the right options. */
static void
test_view_judges_shown_letters(void **state)
{
	static const unsigned char perm[] = {2, 0, 3, 1};
	const char *shown[BANK_MAX_OPTIONS];
	struct question q = single("zizhifa-001", 1u << 1), v; /* file B: 1984年 */
	char buf[32];

	(void)state;
	shuffle_view(&q, perm, &v, shown);
	assert_string_equal(v.options[0], "1990年");
	assert_string_equal(v.options[1], "1982年");
	assert_string_equal(v.options[2], "2001年");
	assert_string_equal(v.options[3], "1984年");
	assert_int_equal(v.answer_keys, 1u << 3); /* shown D */
	assert_string_equal(answer_format(&v, buf, sizeof(buf)), "D");
	assert_int_equal(answer_check(&v, "D"), ANSWER_RIGHT);
	assert_int_equal(answer_check(&v, "d"), ANSWER_RIGHT);
	assert_int_equal(answer_check(&v, "B"), ANSWER_WRONG); /* the file's letter */
	assert_int_equal(answer_check(&v, "1984年"), ANSWER_RIGHT);
	assert_int_equal(answer_check(&v, "1990年"), ANSWER_WRONG);
	/* The question itself is untouched. */
	assert_string_equal(q.options[1], "1984年");
	assert_int_equal(q.answer_keys, 1u << 1);

	q.type = QTYPE_MULTIPLE;
	q.answer_keys = (1u << 0) | (1u << 2) | (1u << 3); /* file A, C, D */
	shuffle_view(&q, perm, &v, shown);
	assert_string_equal(answer_format(&v, buf, sizeof(buf)), "ABC"); /* shown */
	assert_int_equal(answer_check(&v, "cab"), ANSWER_RIGHT);
	assert_int_equal(answer_check(&v, "ACD"), ANSWER_WRONG);
	assert_string_equal(shuffle_given_to_file(perm, 4, "cab", buf, sizeof(buf)), "ACD");

	/* A question without options is copied as it is. */
	q.type = QTYPE_JUDGE;
	q.options = NULL;
	q.noptions = 0;
	q.answer_true = true;
	shuffle_view(&q, perm, &v, shown);
	assert_null(v.options);
	assert_int_equal(answer_check(&v, "对"), ANSWER_RIGHT);
}

/* A bank of n single-choice questions of four options keyed by keys[i]. */
static void
load_keys(struct bank_set *set, const char *keys, unsigned noptions)
{
	char buf[16384];
	struct diag_list d = {0};
	size_t len, i;

	len = (size_t)snprintf(buf, sizeof(buf), "title: t\nquestions:\n");
	for (i = 0; keys[i]; i++)
		len += (size_t)snprintf(
			buf + len, sizeof(buf) - len,
			"  - {id: q-%zu, type: single, question: 第%zu题？, options: {A: a, B: b, "
			"C: c%s}, answer: %c, explanation: e, source: s}\n",
			i, i, noptions == 4 ? ", D: d" : "", keys[i]);
	assert_true(len < sizeof(buf));
	bank_set_init(set);
	assert_int_equal(bank_set_load_buffer(set, "keys.yaml", buf, len, &d), 0);
	assert_int_equal(d.errors, 0);
	diag_list_free(&d);
}

static void
test_skew(void **state)
{
	static const struct {
		const char *keys;
		unsigned noptions;
		bool skewed;
		char letter;
		size_t count, total;
		int percent;
	} cases[] = {
		{"AAAAAAAAAAAA", 4, true, 'A', 12, 12, 100},
		{"AAAAAAAAAAA", 4, false, 'A', 11, 11, 100}, /* too few to judge */
		{"ABCDABCDABCD", 4, false, 'A', 3, 12, 25},
		{"AAAAABBBCCCD", 4, true, 'A', 5, 12, 42},    /* 41.7% > 40% */
		{"CCCCCAAABBBDDD", 4, false, 'C', 5, 14, 36}, /* 35.7% */
		{"ABCDDDDDDABC", 4, true, 'D', 6, 12, 50},
		{"AAAAAAAAAAAAAAAAAAAA", 3, false, 'A', 0, 0, 0}, /* three options: not counted */
		{"ABCDABCDABCDBBBBBBBBBBBBBB", 4, true, 'B', 17, 26, 65},
	};
	struct shuffle_skew s;
	struct bank_set set;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		load_keys(&set, cases[i].keys, cases[i].noptions);
		if (shuffle_skewed(&set, &set.banks[0], &s) != cases[i].skewed)
			fail_msg("%s: skewed should be %d", cases[i].keys, cases[i].skewed);
		assert_int_equal(s.total, cases[i].total);
		assert_int_equal(s.count, cases[i].count);
		assert_int_equal(s.letter, cases[i].letter);
		assert_int_equal(s.percent, cases[i].percent);
		bank_set_free(&set);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned),   cmocka_unit_test(test_valid),
		cmocka_unit_test(test_uniform),  cmocka_unit_test(test_identity_when_off),
		cmocka_unit_test(test_mappings), cmocka_unit_test(test_view_judges_shown_letters),
		cmocka_unit_test(test_skew),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
