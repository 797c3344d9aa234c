/*
 * test_select.c — question selection (filters, seeded order, count), line
 * wrapping by display width, and duration parsing for --time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "select.h"
#include "study.h"
#include "text.h"
#include "wrap.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char bank_yaml[] =
	"title: T\n"
	"defaults: {category: 法律, difficulty: 1}\n"
	"questions:\n"
	"  - {id: q1, type: judge, question: 一, answer: true, explanation: e, source: s, tags: "
	"[a]}\n"
	"  - {id: q2, type: judge, question: 二, answer: true, explanation: e, source: s,\n"
	"     category: 政策, difficulty: 2, tags: [a, b]}\n"
	"  - {id: q3, type: single, question: 三, options: {A: x, B: y}, answer: A,\n"
	"     explanation: e, source: s, difficulty: 3, tags: [b]}\n"
	"  - {id: q4, type: fill, question: 四____, answer: x, explanation: e, source: s}\n"
	"  - {id: q5, type: open, question: 五, answer: x, explanation: e, source: s,\n"
	"     category: 政策}\n"
	"  - {id: q6, type: multiple, question: 六, options: {A: x, B: y, C: z}, answer: AB,\n"
	"     explanation: e, source: s, difficulty: 2}\n";

struct fixture {
	struct bank_set set;
	struct diag_list diags;
	const struct question *out[16];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	bank_set_init(&f->set);
	if (bank_set_load_buffer(&f->set, "t.yaml", bank_yaml, sizeof(bank_yaml) - 1, &f->diags) !=
		    0 ||
	    f->diags.errors || f->set.nquestions != 6)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	bank_set_free(&f->set);
	diag_list_free(&f->diags);
	free(f);
	return 0;
}

/* The chosen ids joined by spaces. */
static const char *
ids(const struct question **q, size_t n)
{
	static char buf[256];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, q[i]->id);
	}
	return buf;
}

static void
test_filters(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *cats, *tags;
		unsigned types, diffs;
		size_t count;
		const char *want;
	} cases[] = {
		{NULL, NULL, 0, 0, 0, "q1 q2 q3 q4 q5 q6"},
		{"政策", NULL, 0, 0, 0, "q2 q5"},
		{"法律", NULL, 0, 0, 0, "q1 q3 q4 q6"},
		{"政策,法律", NULL, 0, 0, 0, "q1 q2 q3 q4 q5 q6"},
		{"其他", NULL, 0, 0, 0, ""},
		{NULL, "a", 0, 0, 0, "q1 q2"},
		{NULL, "a,b", 0, 0, 0, "q1 q2 q3"},
		{NULL, "b", 1u << QTYPE_SINGLE, 0, 0, "q3"},
		{NULL, NULL, 1u << QTYPE_JUDGE | 1u << QTYPE_OPEN, 0, 0, "q1 q2 q5"},
		{NULL, NULL, 0, 1u << 2, 0, "q2 q6"},
		{NULL, NULL, 0, 1u << 1 | 1u << 3, 0, "q1 q3 q4 q5"},
		{"政策", NULL, 0, 1u << 2, 0, "q2"},
		{NULL, NULL, 0, 0, 2, "q1 q2"},
		{NULL, NULL, 0, 0, 100, "q1 q2 q3 q4 q5 q6"},
	};
	size_t i, n;

	for (i = 0; i < LEN(cases); i++) {
		struct select_opts o = {0};
		char buf[64], *tok, *save;

		o.order = SELECT_SEQUENTIAL;
		o.types = cases[i].types;
		o.difficulties = cases[i].diffs;
		o.count = cases[i].count;
		if (cases[i].cats) {
			snprintf(buf, sizeof(buf), "%s", cases[i].cats);
			for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
				assert_int_equal(select_list_add(&o.categories, strdup(tok)), 0);
		}
		if (cases[i].tags) {
			snprintf(buf, sizeof(buf), "%s", cases[i].tags);
			for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
				assert_int_equal(select_list_add(&o.tags, strdup(tok)), 0);
		}
		n = select_questions(&f->set, &o, f->out);
		if (strcmp(ids(f->out, n), cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, ids(f->out, n), cases[i].want);
		for (n = 0; n < o.categories.n; n++)
			free((char *)o.categories.v[n]);
		for (n = 0; n < o.tags.n; n++)
			free((char *)o.tags.v[n]);
		select_list_free(&o.categories);
		select_list_free(&o.tags);
	}
}

static void
test_ids_filter(void **state)
{
	struct fixture *f = *state;
	struct select_opts o = {0};
	size_t n;

	o.order = SELECT_SEQUENTIAL;
	assert_int_equal(select_list_add(&o.ids, "q5"), 0);
	assert_int_equal(select_list_add(&o.ids, "gone-001"), 0); /* not loaded: ignored */
	assert_int_equal(select_list_add(&o.ids, "q2"), 0);
	n = select_questions(&f->set, &o, f->out);
	assert_string_equal(ids(f->out, n), "q2 q5");
	select_list_free(&o.ids);
}

static void
test_seeded_order(void **state)
{
	struct fixture *f = *state;
	struct select_opts o = {0};
	char first[64], other[64];
	size_t n, seed, differ = 0;

	o.order = SELECT_SHUFFLED;
	o.seed = 42;
	n = select_questions(&f->set, &o, f->out);
	assert_int_equal(n, 6);
	snprintf(first, sizeof(first), "%s", ids(f->out, n));
	/* The same seed gives the same order, every time and everywhere: the
	 * order for seed 42 is pinned so a change of generator is noticed. */
	n = select_questions(&f->set, &o, f->out);
	assert_string_equal(ids(f->out, n), first);
	assert_string_equal(first, "q5 q4 q1 q3 q6 q2");
	/* Other seeds give other orders (most of them), all permutations. */
	for (seed = 0; seed < 50; seed++) {
		o.seed = seed;
		n = select_questions(&f->set, &o, f->out);
		snprintf(other, sizeof(other), "%s", ids(f->out, n));
		differ += strcmp(other, first) != 0;
		assert_int_equal(strlen(other), strlen(first));
	}
	assert_true(differ > 40);
	/* The count keeps the head of the shuffled order. */
	o.seed = 42;
	o.count = 3;
	n = select_questions(&f->set, &o, f->out);
	assert_string_equal(ids(f->out, n), "q5 q4 q1");
}

static const char group_yaml[] =
	"title: G\n"
	"questions:\n"
	"  - {id: g1, type: judge, question: 一, answer: true, explanation: e, source: s, group: "
	"year}\n"
	"  - {id: g2, type: judge, question: 二, answer: true, explanation: e, source: s}\n"
	"  - {id: g3, type: judge, question: 三, answer: true, explanation: e, source: s, group: "
	"year}\n"
	"  - {id: g4, type: judge, question: 四, answer: true, explanation: e, source: s, group: "
	"day}\n"
	"  - {id: g5, type: judge, question: 五, answer: true, explanation: e, source: s, group: "
	"year}\n"
	"  - {id: g6, type: judge, question: 六, answer: true, explanation: e, source: s, group: "
	"day}\n"
	"  - {id: g7, type: judge, question: 七, answer: true, explanation: e, source: s}\n";

/* With a count (exam, practice --count) at most one question of a group is
 * drawn: the first in the session's order; without one, all are asked. */
static void
test_groups(void **state)
{
	struct bank_set set;
	struct diag_list d = {0};
	struct select_opts o = {0};
	const struct question *out[8];
	unsigned seen;
	size_t n, i, seed, year_first[3] = {0};

	(void)state;
	bank_set_init(&set);
	assert_int_equal(
		bank_set_load_buffer(&set, "g.yaml", group_yaml, sizeof(group_yaml) - 1, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(set.ngroups, 2);

	o.order = SELECT_SEQUENTIAL;
	n = select_questions(&set, &o, out);
	assert_string_equal(ids(out, n), "g1 g2 g3 g4 g5 g6 g7"); /* no count: every one */
	o.count = 100;
	n = select_questions(&set, &o, out);
	assert_string_equal(ids(out, n), "g1 g2 g4 g7");
	o.count = 3;
	n = select_questions(&set, &o, out);
	assert_string_equal(ids(out, n), "g1 g2 g4");
	o.count = 2;
	n = select_questions(&set, &o, out);
	assert_string_equal(ids(out, n), "g1 g2");

	/* Shuffled: one of each group whatever the seed, and each of the group's
	 * questions is the one drawn for some seeds. */
	o.order = SELECT_SHUFFLED;
	o.count = 20;
	for (seed = 0; seed < 300; seed++) {
		o.seed = seed;
		n = select_questions(&set, &o, out);
		assert_int_equal(n, 4);
		seen = 0;
		for (i = 0; i < n; i++) {
			if (out[i]->group_id != 0) {
				assert_false(seen & (1u << out[i]->group_id));
				seen |= 1u << out[i]->group_id;
			}
			if (strcmp(out[i]->id, "g1") == 0)
				year_first[0]++;
			else if (strcmp(out[i]->id, "g3") == 0)
				year_first[1]++;
			else if (strcmp(out[i]->id, "g5") == 0)
				year_first[2]++;
		}
		assert_int_equal(seen, 0x6);
	}
	for (i = 0; i < 3; i++)
		assert_true(year_first[i] > 50);
	assert_int_equal(year_first[0] + year_first[1] + year_first[2], 300);
	/* Pinned, like the order itself. */
	o.seed = 42;
	n = select_questions(&set, &o, out);
	assert_string_equal(ids(out, n), "g3 g7 g4 g2");
	bank_set_free(&set);
	diag_list_free(&d);
}

static void
test_rng_uniform(void **state)
{
	struct select_rng r;
	unsigned hist[6] = {0};
	size_t i;

	(void)state;
	select_rng_seed(&r, 7);
	for (i = 0; i < 60000; i++)
		hist[select_rng_below(&r, 6)]++;
	for (i = 0; i < 6; i++)
		assert_true(hist[i] > 9500 && hist[i] < 10500);
	assert_true(select_fresh_seed() < 1000000000ULL);
}

/* ---- wrap_line ------------------------------------------------------- */

/* Wrap s at width and join the lines with '|'. */
static const char *
wrapped(const char *s, size_t width)
{
	static char buf[1024];
	size_t len = strlen(s), off = 0, n, next;

	buf[0] = '\0';
	if (len == 0) {
		n = wrap_line(s, 0, width, &next);
		assert_int_equal(n, 0);
		assert_int_equal(next, 0);
		return buf;
	}
	do {
		n = wrap_line(s + off, len - off, width, &next);
		if (off)
			strcat(buf, "|");
		strncat(buf, s + off, n);
		assert_true(next > 0);
		off += next;
	} while (off < len);
	return buf;
}

static void
test_wrap(void **state)
{
	static const struct {
		const char *in;
		size_t width;
		const char *want;
	} cases[] = {
		{"hello world", 20, "hello world"},
		{"hello world", 5, "hello|world"},
		{"hello world", 8, "hello|world"},
		{"hello   world", 8, "hello|world"},
		{"abcdefghij", 4, "abcd|efgh|ij"}, /* no break: hard */
		{"中华人民共和国", 6, "中华人|民共和|国"},
		{"中华人民共和国", 7, "中华人|民共和|国"}, /* a wide char never straddles */
		/* closing punctuation does not start a line: its neighbour goes too */
		{"一二三，四五", 6, "一二|三，四|五"},
		{"一二三。", 6, "一二|三。"},
		/* opening punctuation does not end one */
		{"一二《三四》", 6, "一二|《三|四》"},
		/* mixed */
		{"第2条 规定", 6, "第2条|规定"},
		{"abc中文def", 5, "abc中|文def"},
		/* explicit newlines */
		{"一\n二", 10, "一|二"},
		{"", 10, ""},
		/* width narrower than one character still advances */
		{"中文", 1, "中|文"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		const char *got = wrapped(cases[i].in, cases[i].width);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("wrap '%s' at %zu: got '%s', want '%s'", cases[i].in,
				 cases[i].width, got, cases[i].want);
	}
}

/* Every line fits its width (unless one character is wider), over all widths. */
static void
test_wrap_fits(void **state)
{
	static const char text[] =
		"民族区域自治是在国家统一领导下，各少数民族聚居的地方实行区域自治，设立自治机关，"
		"行使自治权。Regional autonomy (the Law of 1984, revised 2001) is one of the basic "
		"political systems.";
	size_t width, len = sizeof(text) - 1, off, n, next, total;

	(void)state;
	for (width = 2; width < 60; width++) {
		off = 0;
		total = 0;
		while (off < len) {
			n = wrap_line(text + off, len - off, width, &next);
			assert_true(text_width_n(text + off, n) <= width);
			total += n;
			off += next;
		}
		assert_int_equal(off, len);
		assert_true(total > len * 9 / 10);
	}
}

/* ---- durations ------------------------------------------------------- */

static void
test_duration(void **state)
{
	static const struct {
		const char *in;
		long want;
	} cases[] = {
		{"1800", 1800},   {"90s", 90},     {"30m", 1800},
		{"1h", 3600},     {"1h30m", 5400}, {"2m30s", 150},
		{"86400", 86400}, {"0", -1},       {"", -1},
		{"-5", -1},       {"5x", -1},      {"m", -1},
		{"1.5m", -1},     {"86401", -1},   {"25h", -1},
		{" 5", -1},       {"5 ", -1},      {"99999999999999999999", -1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < LEN(cases); i++)
		if (study_parse_duration(cases[i].in) != cases[i].want)
			fail_msg("duration '%s': got %ld, want %ld", cases[i].in,
				 study_parse_duration(cases[i].in), cases[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ids_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seeded_order, setup, teardown),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_rng_uniform),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_fits),
		cmocka_unit_test(test_duration),
	};

	setlocale(LC_ALL, "");
	text_setup_ctype();
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
