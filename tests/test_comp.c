/*
 * test_comp.c — the competition file (src/comp.h): the loaded model of a file
 * that uses every key, the whole diagnostic list of files full of mistakes
 * (exact positions and messages, the bank loader's wording), the limits
 * against hostile input, the banks relative to the file with their digests,
 * the plan (its sizes, its filters, no question twice, the same plan for the
 * same seed, the errors when a round's select matches too few), the lookups,
 * and an out-of-memory run that fails every allocation of load, banks and
 * plan in turn.
 *
 * Run from tests/ with JINGSAI_TESTDATA=data (what 'make unit' does).
 */
#define _GNU_SOURCE /* nftw, in fsutil.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comp.h"
#include "fsutil.h"
#include "mem.h"

#define E DIAG_ERROR

/* ---- helpers ------------------------------------------------------------------ */

static const char *
data_dir(void)
{
	const char *d = getenv("JINGSAI_TESTDATA");

	return d != NULL && *d != '\0' ? d : "data";
}

/* data/NAME in a static buffer of a few rotating slots. */
static const char *
fx_path(const char *name)
{
	return fs_path(data_dir(), name);
}

/* A competition and its diagnostics, on the heap and tracked so that the
 * teardown frees what a failed assertion (a longjmp) left behind. */
struct cfx {
	struct comp c;
	struct diag_list d;
	int r;
};

#define MAX_TRACKED 8
static struct cfx *open_fx[MAX_TRACKED];
static char *open_tmp; /* a temporary directory to remove */

static struct cfx *
cfx_new(void)
{
	struct cfx *f = calloc(1, sizeof(*f));
	size_t i;

	assert_non_null(f);
	comp_init(&f->c);
	for (i = 0; i < MAX_TRACKED; i++)
		if (open_fx[i] == NULL) {
			open_fx[i] = f;
			return f;
		}
	fail_msg("too many tracked fixtures");
	return NULL;
}

static void
cfx_free(struct cfx *f)
{
	size_t i;

	for (i = 0; i < MAX_TRACKED; i++)
		if (open_fx[i] == f)
			open_fx[i] = NULL;
	comp_free(&f->c);
	diag_list_free(&f->d);
	free(f);
}

static int
teardown(void **state)
{
	size_t i;

	(void)state;
	mem_fail_after(-1, 0);
	for (i = 0; i < MAX_TRACKED; i++)
		if (open_fx[i] != NULL)
			cfx_free(open_fx[i]);
	if (open_tmp != NULL) {
		fs_rmtree(open_tmp);
		free(open_tmp);
		open_tmp = NULL;
	}
	return 0;
}

/* Load data/NAME. */
static struct cfx *
load_fx(const char *name)
{
	struct cfx *f = cfx_new();

	f->r = comp_load_file(&f->c, fx_path(name), &f->d);
	return f;
}

/* Load text as the file data/t.yaml (so that its banks are data's). */
static struct cfx *
load_text(const char *text)
{
	struct cfx *f = cfx_new();

	f->r = comp_load_buffer(&f->c, fx_path("t.yaml"), text, strlen(text), &f->d);
	return f;
}

/* Load text, its banks and its plan (with the file's seed). */
static struct cfx *
load_all(const char *text)
{
	struct cfx *f = load_text(text);

	if (f->r == 0)
		f->r = comp_load_banks(&f->c, &f->d);
	if (f->r == 0)
		f->r = comp_plan(&f->c, f->c.seed, &f->d);
	return f;
}

struct ediag {
	unsigned line, col;
	enum diag_severity sev;
	const char *msg;
};

static void
print_actual(const struct diag_list *l)
{
	size_t i;

	print_error("  actual (%zu):\n", l->count);
	for (i = 0; i < l->count; i++)
		print_error("    [%zu] %s:%u:%u: %s: %s\n", i, l->items[i].file, l->items[i].line,
			    l->items[i].col,
			    l->items[i].severity == DIAG_ERROR ? "error" : "warning",
			    l->items[i].message);
}

static int
diag_matches(const struct diag *d, const char *file, const struct ediag *e)
{
	return d->file != NULL && strcmp(d->file, file) == 0 && d->line == e->line &&
	       d->col == e->col && d->severity == e->sev && strcmp(d->message, e->msg) == 0;
}

/* The list holds exactly the n expected diagnostics, in order, about file. */
static void
check_diags(const char *srcfile, int srcline, const struct diag_list *l, const char *file,
	    const struct ediag *e, size_t n)
{
	size_t i;
	int ok = l->count == n && !l->oom;

	for (i = 0; ok && i < n; i++)
		ok = diag_matches(&l->items[i], file, &e[i]);
	if (ok)
		return;
	print_error("diagnostics differ\n  expected (%zu):\n", n);
	for (i = 0; i < n; i++)
		print_error("    [%zu] %s:%u:%u: %s%s\n", i, file, e[i].line, e[i].col, e[i].msg,
			    i < l->count && diag_matches(&l->items[i], file, &e[i]) ? ""
										    : "   <--");
	print_actual(l);
	_fail(srcfile, srcline);
}

#define EXPECT_DIAGS(list, file, ...)                                                              \
	check_diags(__FILE__, __LINE__, (list), (file), (const struct ediag[]){__VA_ARGS__},       \
		    sizeof((const struct ediag[]){__VA_ARGS__}) / sizeof(struct ediag))
#define EXPECT_NO_DIAGS(list) check_diags(__FILE__, __LINE__, (list), "", NULL, 0)

/* Diagnostic idx of the list is this error (the others are not looked at). */
static void
expect_diag_at_(const char *srcfile, int srcline, const struct diag_list *l, size_t idx,
		unsigned line, unsigned col, const char *msg)
{
	if (idx < l->count && l->items[idx].line == line && l->items[idx].col == col &&
	    l->items[idx].severity == DIAG_ERROR && strcmp(l->items[idx].message, msg) == 0)
		return;
	print_error("diagnostic [%zu] differs\n  expected: %u:%u: %s\n", idx, line, col, msg);
	print_actual(l);
	_fail(srcfile, srcline);
}
#define expect_diag_at(list, idx, line, col, msg)                                                  \
	expect_diag_at_(__FILE__, __LINE__, (list), (idx), (line), (col), (msg))

/* The text loads (with its banks and plan) with exactly one error, this one,
 * in t.yaml. */
static void
expect_one_(const char *srcfile, int srcline, const char *text, unsigned line, unsigned col,
	    const char *msg)
{
	struct cfx *f = load_all(text);
	struct ediag e = {line, col, E, msg};

	if (f->r != 1)
		print_error("returned %d, expected 1\n", f->r);
	check_diags(srcfile, srcline, &f->d, fx_path("t.yaml"), &e, 1);
	if (f->r != 1)
		_fail(srcfile, srcline);
	cfx_free(f);
}
#define expect_one(text, line, col, msg)                                                           \
	expect_one_(__FILE__, __LINE__, (text), (line), (col), (msg))

/* A valid file around the parts a test changes: TEAMS2 and a minimal round. */
#define HEAD   "title: 测试\nbanks: comp-bank.yaml\n"
#define TEAMS2 "teams:\n  - {name: 一队, key: \"1\"}\n  - {name: 二队, key: \"2\"}\n"
#define ROUND1 "rounds:\n  - {name: 必答题, kind: required}\n"

/* ---- the model ------------------------------------------------------------------ */

static void
test_ok_model(void **state)
{
	struct cfx *f;
	const struct comp *c;
	const struct comp_round *r;
	char *text;
	size_t len = 0;

	(void)state;
	f = load_fx("comp-ok.yaml");
	EXPECT_NO_DIAGS(&f->d);
	assert_int_equal(f->r, 0);
	c = &f->c;
	assert_string_equal(c->path, fx_path("comp-ok.yaml"));
	text = fs_read(fx_path("comp-ok.yaml"), &len);
	assert_non_null(text);
	assert_int_equal(c->text_len, len);
	assert_memory_equal(c->text, text, len);
	assert_int_equal(c->text[len], '\0');
	assert_true(c->digest == comp_digest(text, len));
	free(text);
	assert_string_equal(c->title, "测试竞赛");
	assert_int_equal(c->nbanks, 1);
	assert_string_equal(c->banks[0], "comp-bank.yaml");
	assert_true(c->has_seed);
	assert_true(c->seed == 20220501);
	assert_int_equal(c->language, 1); /* I18N_ZH */
	assert_int_equal(c->prizes, 2);
	assert_int_equal(c->start, -5);

	assert_int_equal(c->nteams, 3);
	assert_string_equal(c->teams[0].name, "一队");
	assert_int_equal(c->teams[0].key, '1');
	assert_int_equal(c->teams[0].line, 9);
	assert_int_equal(c->teams[0].col, 5);
	assert_string_equal(c->teams[1].name, "二队");
	assert_int_equal(c->teams[1].key, 'a');
	assert_string_equal(c->teams[2].name, "三队");
	assert_int_equal(c->teams[2].key, '#');
	assert_int_equal(c->teams[2].line, 11);

	assert_int_equal(c->nrounds, 4);
	r = &c->rounds[0];
	assert_string_equal(r->name, "必答题");
	assert_int_equal(r->kind, ROUND_REQUIRED);
	assert_int_equal(r->line, 14);
	assert_int_equal(r->col, 5);
	assert_int_equal(r->per_team, 2);
	assert_int_equal(r->time, 30);
	assert_int_equal(r->points, 10);
	assert_int_equal(r->penalty, 5);
	assert_int_equal(r->foul_penalty, 5);
	assert_int_equal(r->order, ORDER_HIGHEST_FIRST);
	assert_int_equal(r->select.types, (1u << QTYPE_SINGLE) | (1u << QTYPE_JUDGE));
	assert_int_equal(r->select.difficulties, (1u << 1) | (1u << 2));
	assert_int_equal(r->select.ncategories, 0);

	r = &c->rounds[1];
	assert_string_equal(r->name, "抢答题");
	assert_int_equal(r->kind, ROUND_BUZZ);
	assert_int_equal(r->questions, 4);
	assert_int_equal(r->time, 20);
	assert_int_equal(r->buzz_time, 8);
	assert_int_equal(r->points, 20);
	assert_int_equal(r->penalty, 10);
	assert_int_equal(r->foul_penalty, 15);
	assert_true(r->rebound);
	assert_int_equal(r->select.types, 1u << QTYPE_JUDGE);
	assert_int_equal(r->select.ncategories, 1);
	assert_string_equal(r->select.categories[0], "法律法规");

	r = &c->rounds[2];
	assert_int_equal(r->kind, ROUND_RISK);
	assert_int_equal(r->nstakes, 3);
	assert_int_equal(r->stakes[0].stake, 30); /* file order */
	assert_int_equal(r->stakes[0].difficulty, 3);
	assert_int_equal(r->stakes[1].stake, 10);
	assert_int_equal(r->stakes[1].difficulty, 1);
	assert_int_equal(r->stakes[2].stake, 20);
	assert_int_equal(r->stakes[2].difficulty, 2);
	assert_false(r->decline);
	assert_int_equal(r->time, 60);
	assert_int_equal(r->order, ORDER_LOWEST_FIRST);
	assert_int_equal(r->per_team, 1);

	r = &c->rounds[3];
	assert_int_equal(r->kind, ROUND_SPEED);
	assert_int_equal(r->select.types, (1u << QTYPE_FILL) | (1u << QTYPE_OPEN));
	assert_int_equal(r->points, 10); /* default */
	assert_int_equal(r->penalty, 0);
	assert_int_equal(r->buzz_time, 10);
	assert_true(r->decline); /* default, though only risk rounds use it */
	assert_int_equal(r->order, ORDER_FILE);

	assert_true(c->has_tiebreak);
	r = &c->tiebreak;
	assert_string_equal(r->name, "tiebreak");
	assert_int_equal(r->kind, ROUND_BUZZ);
	assert_int_equal(r->line, 45);
	assert_int_equal(r->col, 3);
	assert_int_equal(r->time, 15);
	assert_int_equal(r->buzz_time, 5);
	assert_int_equal(r->points, 10);
	assert_int_equal(r->questions, 4);
	assert_int_equal(r->select.types, 1u << QTYPE_SINGLE);
	assert_int_equal(r->select.ntags, 1);
	assert_string_equal(r->select.tags[0], "宪法");
	cfx_free(f);
}

/* What is not given takes its default; a string is a list of one. */
static void
test_defaults(void **state)
{
	struct cfx *f;

	(void)state;
	f = load_text("title: 默认值\n" TEAMS2
		      "rounds:\n  - {name: 抢答题, kind: buzz, questions: 3}\n");
	EXPECT_NO_DIAGS(&f->d);
	assert_int_equal(f->r, 0);
	assert_int_equal(f->c.nbanks, 1);
	assert_string_equal(f->c.banks[0], ".");
	assert_false(f->c.has_seed);
	assert_int_equal(f->c.language, -1);
	assert_int_equal(f->c.prizes, 2); /* 3, but there are only two teams */
	assert_int_equal(f->c.start, 0);
	assert_false(f->c.has_tiebreak);
	assert_int_equal(f->c.rounds[0].buzz_time, 10);
	assert_int_equal(f->c.rounds[0].points, 10);
	assert_int_equal(f->c.rounds[0].penalty, 0);
	assert_int_equal(f->c.rounds[0].foul_penalty, 0);
	assert_int_equal(f->c.rounds[0].time, 0);
	assert_false(f->c.rounds[0].rebound);
	cfx_free(f);

	/* foul-penalty follows penalty; four teams keep prizes 3; en. */
	f = load_text("title: x\nlanguage: en\nseed: 18446744073709551615\nteams:\n"
		      "  - {name: a, key: a}\n  - {name: b, key: b}\n  - {name: c, key: c}\n"
		      "  - {name: d, key: d}\n"
		      "rounds:\n  - {name: r, kind: buzz, questions: 1, penalty: 7, rebound: "
		      "True}\n  - {name: s, kind: risk, stakes: {5: 2}, decline: NO}\n");
	EXPECT_NO_DIAGS(&f->d);
	assert_int_equal(f->c.language, 0); /* I18N_EN */
	assert_true(f->c.seed == UINT64_MAX);
	assert_int_equal(f->c.prizes, 3);
	assert_int_equal(f->c.rounds[0].foul_penalty, 7);
	assert_true(f->c.rounds[0].rebound);
	assert_false(f->c.rounds[1].decline);
	cfx_free(f);
}

/* ---- diagnostics ------------------------------------------------------------------ */

/* Every schema error of a file, in one run, sorted by position. */
static void
test_errors(void **state)
{
	struct cfx *f;

	(void)state;
	f = load_fx("comp-errors.yaml");
	assert_int_equal(f->r, 1);
	EXPECT_DIAGS(
		&f->d, fx_path("comp-errors.yaml"),
		{3, 1, E, "unknown key 'titel' in a competition file; did you mean 'title'?"},
		{3, 1, E, "competition file has no 'title'"}, {4, 8, E, "'banks' is an empty list"},
		{5, 7, E, "'seed' must be a whole number from 0 to 18446744073709551615, not '-1'"},
		{6, 11, E, "unknown language 'fr': use zh or en"},
		{7, 9, E, "'prizes' must be a whole number from 1 to 10000, not '0'"},
		{8, 8, E, "'start' must be a whole number from -1000000 to 1000000, not '1.5'"},
		{11, 12, E, "duplicate team name '一队' (first at line 10, column 12)"},
		{12, 21, E, "duplicate team key '1' (first at line 10, column 21)"},
		{13, 21, E,
		 "team key 'y' is one the host uses on stage (Space, Enter, y, n, :, Esc, q): "
		 "choose another"},
		{14, 21, E,
		 "a team key is one ASCII letter, digit or sign, such as 1 or a, not '12'"},
		{15, 21, E,
		 "a team key is one ASCII character: the full-width '１' does not count (type 1)"},
		{16, 5, E, "team has no 'key' (the key its buzzer types)"},
		{17, 5, E,
		 "each team must be a mapping such as {name: 一队, key: \"1\"}, not text"},
		{18, 26, E, "unknown key 'colour' in a team"},
		{21, 11, E, "unknown kind 'requird'; did you mean 'required'?"},
		{24, 16, E, "'questions' must be a whole number from 1 to 10000, not '0'"},
		{25, 5, E, "'stakes' applies to risk rounds only"},
		{26, 5, E, "'order' does not apply to buzz rounds"},
		{29, 5, E, "'points' does not apply to risk rounds"},
		{30, 21, E, "duplicate stake 10 (first at line 30, column 14)"},
		{30, 33, E, "'difficulty' must be 1, 2 or 3, not '4'"},
		{31, 14, E,
		 "in a risk round the stakes choose the difficulty: leave 'difficulty' out of "
		 "'select'"},
		{32, 5, E, "a speed round needs 'time': seconds for the whole set"},
		{34, 5, E, "'rebound' applies to buzz rounds only"},
		{34, 14, E, "'rebound' must be true or false (also yes or no), not 'maybe'"},
		{35, 29, E, "unknown type 'essay': use single, multiple, judge, fill or open"},
		{35, 53, E, "'difficulty' must be 1, 2 or 3, not '5'"},
		{35, 57, E, "unknown key 'tag' in 'select'; did you mean 'tags'?"},
		{36, 5, E, "round has no 'name'"},
		{39, 5, E, "duplicate key 'time' (first at line 38, column 5)"},
		{40, 18, E, "the tiebreak is a buzz round: 'kind' can only be buzz, not 'risk'"},
		{40, 24, E, "unknown key 'penalty' in the tiebreak"});
	cfx_free(f);
}

/* Which keys apply to which kind of round: each misplaced one at its key. */
static void
test_kind_keys(void **state)
{
	static const struct {
		const char *round, *msg;
	} cases[] = {
		{"{name: r, kind: required, questions: 3}",
		 "'questions' applies to buzz rounds only"},
		{"{name: r, kind: speed, time: 9, buzz-time: 3}",
		 "'buzz-time' applies to buzz rounds only"},
		{"{name: r, kind: required, foul-penalty: 3}",
		 "'foul-penalty' applies to buzz rounds only"},
		{"{name: r, kind: required, rebound: true}",
		 "'rebound' applies to buzz rounds only"},
		{"{name: r, kind: buzz, questions: 2, stakes: {10: 1}}",
		 "'stakes' applies to risk rounds only"},
		{"{name: r, kind: required, decline: false}",
		 "'decline' applies to risk rounds only"},
		{"{name: r, kind: buzz, questions: 2, questions-per-team: 2}",
		 "'questions-per-team' does not apply to buzz rounds"},
		{"{name: r, kind: buzz, questions: 2, order: file}",
		 "'order' does not apply to buzz rounds"},
		{"{name: r, kind: risk, stakes: {10: 1}, points: 5}",
		 "'points' does not apply to risk rounds"},
		{"{name: r, kind: risk, stakes: {10: 1}, penalty: 5}",
		 "'penalty' does not apply to risk rounds"},
	};
	char text[512];
	const char *at;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), HEAD TEAMS2 "rounds:\n  - %s\n", cases[i].round);
		/* The key is the third of the flow mapping: after "name: r, kind: x, ". */
		at = strchr(strchr(strchr(cases[i].round, ',') + 1, ',') + 1, ' ') + 1;
		if (strstr(cases[i].round, "stakes: {10: 1},") != NULL ||
		    strstr(cases[i].round, "questions: 2,") != NULL ||
		    strstr(cases[i].round, "time: 9,") != NULL)
			at = strchr(at, ',') + 2;
		expect_one(text, 7, (unsigned)(at - cases[i].round) + 5, cases[i].msg);
	}
}

/* What a round, a team, the file must have. */
static void
test_missing(void **state)
{
	(void)state;
	expect_one(HEAD TEAMS2 "rounds:\n  - {kind: required}\n", 7, 5, "round has no 'name'");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r}\n", 7, 5,
		   "round has no 'kind' (required, buzz, risk or speed)");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: buzz}\n", 7, 5,
		   "a buzz round needs 'questions': how many to ask");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: risk}\n", 7, 5,
		   "a risk round needs 'stakes', such as {10: 1, 20: 2, 30: 3}");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: risk, stakes: {}}\n", 7, 35,
		   "'stakes' is empty: a risk round needs at least one stake");
	expect_one(HEAD TEAMS2 "rounds: []\n", 6, 9,
		   "'rounds' is empty: a competition needs at least one round");
	expect_one(HEAD TEAMS2 "rounds: 3\n", 6, 9, "'rounds' must be a list of rounds, not text");
	expect_one(HEAD TEAMS2 "rounds:\n  - 必答题\n", 7, 5,
		   "each round must be a mapping (name: ..., kind: ...), not text");
	expect_one(HEAD "teams:\n  - {name: 一队, key: \"1\"}\n" ROUND1, 3, 1,
		   "a competition needs at least 2 teams, not 1");
	expect_one(HEAD "teams:\n  - {key: \"1\"}\n  - {name: 二队, key: \"2\"}\n" ROUND1, 4, 5,
		   "team has no 'name'");
	expect_one(HEAD "teams: {a: 1}\n" ROUND1, 3, 8,
		   "'teams' must be a list of teams, not a mapping");
	expect_one(HEAD ROUND1, 1, 1, "competition file has no 'teams'");
	expect_one(HEAD TEAMS2, 1, 1, "competition file has no 'rounds'");
	expect_one("banks: comp-bank.yaml\n" TEAMS2 ROUND1, 1, 1,
		   "competition file has no 'title'");
	expect_one("title: \"\"\n" TEAMS2 ROUND1, 1, 8, "'title' is empty");
	expect_one(HEAD "prizes: 3\n" TEAMS2 ROUND1, 3, 9, "'prizes' is 3, more than the 2 teams");
	expect_one(HEAD TEAMS2 ROUND1 "tiebreak: {questions: 0}\n", 8, 23,
		   "'questions' must be a whole number from 1 to 10000, not '0'");
}

/* Values: numbers, booleans, words, lists. */
static void
test_values(void **state)
{
	(void)state;
	expect_one(HEAD "start: x\n" TEAMS2 ROUND1, 3, 8,
		   "'start' must be a whole number from -1000000 to 1000000, not 'x'");
	expect_one(HEAD "start: +5\n" TEAMS2 ROUND1, 3, 8,
		   "'start' must be a whole number from -1000000 to 1000000, not '+5'");
	expect_one(HEAD "start: 1000001\n" TEAMS2 ROUND1, 3, 8,
		   "'start' must be a whole number from -1000000 to 1000000, not '1000001'");
	expect_one(HEAD "seed: 18446744073709551616\n" TEAMS2 ROUND1, 3, 7,
		   "'seed' must be a whole number from 0 to 18446744073709551615, not "
		   "'18446744073709551616'");
	expect_one(HEAD "seed: [1]\n" TEAMS2 ROUND1, 3, 7, "'seed' must be a number, not a list");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, time: 0}\n", 7, 37,
		   "'time' must be a whole number from 1 to 86400, not '0'");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: buzz, questions: 1, rebound: 1}\n", 7,
		   50, "'rebound' must be true or false (also yes or no), not '1'");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, order: lowest}\n", 7, 38,
		   "unknown order 'lowest': use file, lowest-first or highest-first");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, order: lowest-frist}\n", 7,
		   38, "unknown order 'lowest-frist'; did you mean 'lowest-first'?");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, select: {type: []}}\n", 7,
		   46, "'type' is an empty list");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, select: {type: singel}}\n",
		   7, 46, "unknown type 'singel'; did you mean 'single'?");
	expect_one(
		HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, select: single}\n", 7, 39,
		"'select' must be a mapping such as {type: [single, judge], difficulty: [1, 2]}, "
		"not text");
	expect_one(HEAD TEAMS2
		   "rounds:\n  - {name: r, kind: required, select: {category: {a: b}}}\n",
		   7, 50, "'category' must be text or a list of text, not a mapping");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: risk, stakes: [10, 20]}\n", 7, 35,
		   "'stakes' must be a mapping of stake to difficulty, such as {10: 1, 20: 2, 30: "
		   "3}, not a list");
	expect_one(HEAD TEAMS2 "rounds:\n  - {name: r, kind: risk, stakes: {0: 1}}\n", 7, 36,
		   "'stake' must be a whole number from 1 to 1000000, not '0'");
	expect_one(HEAD TEAMS2 ROUND1 "tiebreak: buzz\n", 8, 11,
		   "'tiebreak' must be a mapping such as {kind: buzz, time: 20}, not text");
	expect_one(HEAD "questions: []\n" TEAMS2 ROUND1, 3, 1,
		   "'questions' belongs in a bank: a competition file names its banks in 'banks'");
	expect_one(HEAD
		   "teams:\n  - {name: 一队, key: \" \"}\n  - {name: 二队, key: \"2\"}\n" ROUND1,
		   4, 21,
		   "team key ' ' is one the host uses on stage (Space, Enter, y, n, :, Esc, q): "
		   "choose another");
	expect_one(HEAD "teams:\n  - {name: 一队, key: Q}\n  - {name: 二队, key: \"2\"}\n" ROUND1,
		   4, 21,
		   "team key 'Q' is one the host uses on stage (Space, Enter, y, n, :, Esc, q): "
		   "choose another");
	expect_one(HEAD
		   "teams:\n  - {name: 一队, key: \":\"}\n  - {name: 二队, key: \"2\"}\n" ROUND1,
		   4, 21,
		   "team key ':' is one the host uses on stage (Space, Enter, y, n, :, Esc, q): "
		   "choose another");
	expect_one(HEAD "teams:\n  - {name: 一队, key: 中}\n  - {name: 二队, key: \"2\"}\n" ROUND1,
		   4, 21,
		   "a team key is one ASCII letter, digit or sign, such as 1 or a, not '中'");
}

/* What libyaml finds, and the limits: the bank loader's wording and places. */
static void
test_syntax_and_limits(void **state)
{
	struct cfx *f;
	char *big;
	size_t n;
	clock_t t0;

	(void)state;
	/* A syntax error ends the file: errors before it stay, checks of what is
	 * missing are not made. */
	f = load_text("title: x\nteams:\n  - {name: 一队, key: yy}\nrounds: [}\n");
	assert_int_equal(f->r, 1);
	EXPECT_DIAGS(
		&f->d, fx_path("t.yaml"),
		{3, 21, E,
		 "a team key is one ASCII letter, digit or sign, such as 1 or a, not 'yy'"},
		{4, 10, E,
		 "syntax error: did not find expected node content (while parsing a flow node)"});
	cfx_free(f);

	expect_one("title: x\nteams:\n\t- {name: a, key: a}\n", 3, 1,
		   "tab character: indent with spaces, not tabs");
	expect_one("title: x\nkind：buzz\nteams: []\n", 2, 1,
		   "syntax error: no ':' after this key (the full-width '：' does not count: type "
		   "':')");
	expect_one("title: x\nprizes: &p 2\n" TEAMS2 ROUND1, 2, 9,
		   "anchor '&p': anchors and aliases are not allowed in a competition file");
	f = load_text(HEAD "teams:\n  - &t {name: 一队, key: \"1\"}\n  - *t\n" ROUND1);
	EXPECT_DIAGS(
		&f->d, fx_path("t.yaml"),
		{4, 5, E, "anchor '&t': anchors and aliases are not allowed in a competition file"},
		{5, 5, E, "alias '*t': anchors and aliases are not allowed in a competition file"});
	cfx_free(f);
	/* The first key of a mapping: libyaml reads "title：x" as text. */
	expect_one("title：x\nteams: []\n", 1, 6,
		   "the full-width '：' is not a colon: type ':' followed by a space");
	expect_one(HEAD "teams:\n  - name：一队\n    key: \"1\"\n" ROUND1, 4, 9,
		   "the full-width '：' is not a colon: type ':' followed by a space");
	expect_one("title: x\nkind:buzz\nteams: []\n", 2, 5, "put a space after ':'");
	expect_one(HEAD "title: y\n" TEAMS2 ROUND1, 3, 1,
		   "duplicate key 'title' (first at line 1, column 1)");
	expect_one("title: a\xff\n" TEAMS2 ROUND1, 1, 9,
		   "invalid leading UTF-8 octet (byte 0xff): the file must be UTF-8");
	expect_one("title: a\x01\n" TEAMS2 ROUND1, 1, 9, "control character U+0001 is not allowed");
	expect_one("", 0, 0,
		   "file is empty: a competition file needs 'title', 'teams' and 'rounds'");
	expect_one("# nothing\n~\n", 0, 0,
		   "file is empty: a competition file needs 'title', 'teams' and 'rounds'");
	expect_one(
		"- title: x\n", 1, 1,
		"a competition file is a mapping with 'title', 'teams' and 'rounds', not a list");
	expect_one(HEAD TEAMS2 ROUND1 "---\ntitle: y\n", 8, 1,
		   "a competition file holds one YAML document; found a second one");
	expect_one(
		HEAD TEAMS2 ROUND1 "# \xe2\x80\xa8\n", 8, 3,
		"invisible line break U+2028: delete it (until then, the lines of messages after "
		"it are off by one)");
	f = cfx_new();
	f->r = comp_load_buffer(&f->c, fx_path("t.yaml"), "\xff\xfet\0i\0t\0l\0e\0", 12, &f->d);
	assert_int_equal(f->r, 1);
	EXPECT_DIAGS(&f->d, fx_path("t.yaml"), {1, 1, E, "the file is UTF-16: save it as UTF-8"});
	cfx_free(f);

	/* Nesting: stopped at the limit, in milliseconds. */
	n = 200000;
	big = malloc(n + 1);
	assert_non_null(big);
	memcpy(big, "title: ", 7);
	memset(big + 7, '[', n - 7);
	big[n] = '\0';
	t0 = clock();
	f = cfx_new();
	f->r = comp_load_buffer(&f->c, "deep.yaml", big, n, &f->d);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	/* The root mapping is the first level. */
	EXPECT_DIAGS(&f->d, "deep.yaml", {1, 8, E, "'title' must be text, not a list"},
		     {1, 39, E, "nesting deeper than 32 levels"});
	cfx_free(f);
	free(big);

	/* A billion laughs: refused where the anchors and aliases stand, the
	 * first ten one by one, and never expanded. */
	f = load_text(HEAD TEAMS2 ROUND1
		      "tiebreak:\n  select:\n    tags: &a [\"lol\", \"lol\"]\n"
		      "    category: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
	assert_int_equal(f->r, 1);
	assert_int_equal(f->d.count, 11);
	expect_diag_at(&f->d, 0, 10, 11,
		       "anchor '&a': anchors and aliases are not allowed in a competition file");
	expect_diag_at(&f->d, 1, 11, 16,
		       "alias '*a': anchors and aliases are not allowed in a competition file");
	expect_diag_at(&f->d, 9, 11, 48,
		       "alias '*a': anchors and aliases are not allowed in a competition file");
	expect_diag_at(&f->d, 10, 11, 52, "more anchors and aliases: not reported one by one");
	cfx_free(f);

	/* Over 1 MiB: refused before parsing. */
	n = 1024 * 1024 + 1;
	big = malloc(n);
	assert_non_null(big);
	memset(big, '#', n);
	f = cfx_new();
	f->r = comp_load_buffer(&f->c, "big.yaml", big, n, &f->d);
	assert_int_equal(f->r, 1);
	EXPECT_DIAGS(&f->d, "big.yaml",
		     {0, 0, E, "file is 1.0 MiB, over the 1 MiB limit for a competition file"});
	assert_null(f->c.text);
	cfx_free(f);
	free(big);
}

/* A file that cannot be read is -1 and a diagnostic. */
static void
test_unreadable(void **state)
{
	struct cfx *f;

	(void)state;
	f = cfx_new();
	f->r = comp_load_file(&f->c, fx_path("comp-no-such-file.yaml"), &f->d);
	assert_int_equal(f->r, -1);
	EXPECT_DIAGS(&f->d, fx_path("comp-no-such-file.yaml"),
		     {0, 0, E, "cannot open: No such file or directory"});
	cfx_free(f);
	f = cfx_new();
	f->r = comp_load_file(&f->c, data_dir(), &f->d);
	assert_int_equal(f->r, -1);
	EXPECT_DIAGS(&f->d, data_dir(), {0, 0, E, "cannot read: Is a directory"});
	cfx_free(f);
}

static void
test_looks_like(void **state)
{
	static const struct {
		const char *text;
		bool comp;
	} cases[] = {
		{"title: x\nteams: []\n", true},
		{"rounds: []\n", true},
		{"title: x\nrounds: [{teams: 1}]\nteams: {}\n", true},
		{"title: x\nteams: []\nquestions: []\n", false},
		{"title: x\nquestions: [{id: teams}]\n", false},
		{"title: x\nx: {teams: 1, rounds: 2}\n", false}, /* not at the top */
		{"- teams\n- rounds\n", false},
		{"teams\n", false},
		{"", false},
		{"teams: [}\n", true}, /* decided by what came before the error */
		{"{? [a]: b, teams: 1}\n", true},
		{"[a]: teams\nquestions: 1\n", false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (comp_looks_like(cases[i].text, strlen(cases[i].text)) != cases[i].comp)
			fail_msg("comp_looks_like(\"%s\") is not %d", cases[i].text, cases[i].comp);
}

/* ---- banks -------------------------------------------------------------------- */

static void
test_banks(void **state)
{
	static const char bank_a[] = "title: a\nquestions:\n  - {id: a-1, type: judge, question: "
				     "p, answer: true, explanation: e, source: s}\n";
	static const char bank_b[] = "title: b\nquestions:\n  - {id: b-1, type: judge, question: "
				     "q, answer: true, explanation: e, source: s}\n";
	struct cfx *f;
	char *dir, *bytes;
	const char *sub;
	size_t len = 0;
	char text[4096], abs[2048];

	(void)state;
	/* One bank, next to the file: its path from here and its digest. */
	f = load_fx("comp-ok.yaml");
	assert_int_equal(comp_load_banks(&f->c, &f->d), 0);
	EXPECT_NO_DIAGS(&f->d);
	assert_true(f->c.banks_loaded);
	assert_int_equal(f->c.set.nquestions, 38);
	assert_int_equal(f->c.nbank_files, 1);
	/* Named from the competition file's directory, as the journal keeps it. */
	assert_string_equal(f->c.bank_files[0].path, "comp-bank.yaml");
	bytes = fs_read(fx_path("comp-bank.yaml"), &len);
	assert_non_null(bytes);
	assert_true(f->c.bank_files[0].digest == comp_digest(bytes, len));
	free(bytes);
	cfx_free(f);

	/* Relative paths, ./, .., a directory, an absolute path; the
	 * competition file in the directory is not a bank. */
	open_tmp = dir = fs_tmpdir();
	assert_non_null(dir);
	sub = fs_path(dir, "sub");
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(mkdir(fs_path(dir, "more"), 0755), 0);
	bytes = fs_read(fx_path("comp-bank.yaml"), &len);
	assert_non_null(bytes);
	assert_int_equal(fs_write(fs_path(dir, "bank.yaml"), bytes, len), 0);
	free(bytes);
	assert_int_equal(fs_write(fs_path(dir, "more/b.yaml"), bank_b, strlen(bank_b)), 0);
	assert_int_equal(fs_write(fs_path(dir, "abs.yaml"), bank_a, strlen(bank_a)), 0);
	snprintf(abs, sizeof(abs), "%s", fs_path(dir, "abs.yaml"));
	snprintf(text, sizeof(text),
		 "title: x\nbanks: [../bank.yaml, ./../more, \"%s\", .]\n" TEAMS2 ROUND1, abs);
	assert_int_equal(fs_write(fs_path(dir, "sub/comp.yaml"), text, strlen(text)), 0);
	f = cfx_new();
	assert_int_equal(comp_load_file(&f->c, fs_path(dir, "sub/comp.yaml"), &f->d), 0);
	/* sub holds only the competition file: no banks there. */
	assert_int_equal(comp_load_banks(&f->c, &f->d), 1);
	EXPECT_DIAGS(&f->d, fs_path(dir, "sub"),
		     {0, 0, E, "no question banks (*.yaml, *.yml) in this directory"});
	assert_int_equal(f->c.nbank_files, 3);
	assert_string_equal(f->c.bank_files[0].path, "../bank.yaml");
	assert_string_equal(f->c.bank_files[1].path, "../more/b.yaml");
	assert_string_equal(f->c.bank_files[2].path, abs);
	assert_true(f->c.bank_files[2].digest == comp_digest(bank_a, strlen(bank_a)));
	assert_int_equal(f->c.set.nquestions, 40);
	assert_int_equal(f->c.set.ncompetitions, 1);
	cfx_free(f);
}

/* ---- the plan ------------------------------------------------------------------- */

static bool
planned_ok(const struct comp_select *s, const struct question *q)
{
	size_t i, j;
	bool tag = s->ntags == 0, cat = s->ncategories == 0;

	if (s->types ? !(s->types & (1u << q->type)) : q->type == QTYPE_OPEN)
		return false;
	if (s->difficulties && !(s->difficulties & (1u << q->difficulty)))
		return false;
	for (i = 0; i < s->ncategories; i++)
		cat = cat || (q->category != NULL && strcmp(q->category, s->categories[i]) == 0);
	for (i = 0; i < s->ntags; i++)
		for (j = 0; j < q->ntags; j++)
			tag = tag || strcmp(q->tags[j], s->tags[i]) == 0;
	return cat && tag;
}

/* Every planned question once, and each one allowed where it is planned. */
static void
check_plan(const struct comp *c)
{
	const struct question *seen[256];
	const struct comp_round *r;
	size_t n = 0, i, j, k;
	int d;

	for (i = 0; i <= c->nrounds; i++) {
		if (i == c->nrounds && !c->has_tiebreak)
			break;
		r = i < c->nrounds ? &c->rounds[i] : &c->tiebreak;
		for (j = 0; j < r->nplan; j++) {
			assert_true(planned_ok(&r->select, r->plan[j]));
			assert_true(n < 256);
			seen[n++] = r->plan[j];
		}
		for (d = 0; d < 3; d++)
			for (j = 0; j < r->nrisk_plan[d]; j++) {
				assert_true(planned_ok(&r->select, r->risk_plan[d][j]));
				assert_int_equal(r->risk_plan[d][j]->difficulty, d + 1);
				seen[n++] = r->risk_plan[d][j];
			}
	}
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (seen[i] == seen[k])
				fail_msg("question '%s' is planned twice", seen[i]->id);
}

/* The ids of a plan, in order, as one string. */
static void
plan_ids(const struct comp *c, char *buf, size_t n)
{
	const struct comp_round *r;
	size_t len = 0, i, j;
	int d;

	buf[0] = '\0';
	for (i = 0; i <= c->nrounds && i <= c->nrounds - 1 + c->has_tiebreak; i++) {
		r = i < c->nrounds ? &c->rounds[i] : &c->tiebreak;
		for (j = 0; j < r->nplan; j++)
			len += (size_t)snprintf(buf + len, n - len, "%s ", r->plan[j]->id);
		for (d = 0; d < 3; d++)
			for (j = 0; j < r->nrisk_plan[d]; j++)
				len += (size_t)snprintf(buf + len, n - len, "%s ",
							r->risk_plan[d][j]->id);
		len += (size_t)snprintf(buf + len, n - len, "| ");
		assert_true(len < n);
	}
}

static void
test_plan(void **state)
{
	struct cfx *f, *g;
	const struct comp *c;
	char a[4096], b[4096];

	(void)state;
	f = load_fx("comp-ok.yaml");
	assert_int_equal(comp_load_banks(&f->c, &f->d), 0);
	assert_int_equal(comp_plan(&f->c, f->c.seed, &f->d), 0);
	EXPECT_NO_DIAGS(&f->d);
	c = &f->c;
	assert_int_equal(c->rounds[0].nplan, 6); /* 3 teams x 2 */
	assert_int_equal(c->rounds[1].nplan, 4);
	assert_int_equal(c->rounds[2].nplan, 0);
	assert_int_equal(c->rounds[2].nrisk_plan[0], 3);
	assert_int_equal(c->rounds[2].nrisk_plan[1], 3);
	assert_int_equal(c->rounds[2].nrisk_plan[2], 3);
	assert_int_equal(c->rounds[3].nplan, 3); /* open allowed: named */
	assert_true(c->tiebreak.nplan >= 2 && c->tiebreak.nplan <= 4);
	check_plan(c);
	plan_ids(c, a, sizeof(a));

	/* The same seed and banks: the same plan, in another comp and again. */
	g = load_fx("comp-ok.yaml");
	assert_int_equal(comp_load_banks(&g->c, &g->d), 0);
	assert_int_equal(comp_plan(&g->c, 20220501, &g->d), 0);
	plan_ids(&g->c, b, sizeof(b));
	assert_string_equal(a, b);
	assert_int_equal(comp_plan(&g->c, 20220501, &g->d), 0);
	plan_ids(&g->c, b, sizeof(b));
	assert_string_equal(a, b);
	/* Another seed, another plan, as valid. */
	assert_int_equal(comp_plan(&g->c, 7, &g->d), 0);
	check_plan(&g->c);
	plan_ids(&g->c, b, sizeof(b));
	assert_string_not_equal(a, b);
	EXPECT_NO_DIAGS(&g->d);
	cfx_free(g);
	cfx_free(f);
}

/* Without a select naming them, no open question; every one left goes to
 * the tiebreak, in a shuffled order. */
static void
test_plan_open_and_tiebreak(void **state)
{
	struct cfx *f;
	size_t i, in_order = 0;

	(void)state;
	f = load_all(HEAD TEAMS2 "rounds:\n  - {name: r, kind: required, questions-per-team: 5}\n"
				 "tiebreak: {kind: buzz}\n");
	EXPECT_NO_DIAGS(&f->d);
	assert_int_equal(f->r, 0);
	assert_int_equal(f->c.rounds[0].nplan, 10);
	assert_int_equal(f->c.tiebreak.nplan, 38 - 2 - 10); /* all but open and planned */
	check_plan(&f->c);
	for (i = 0; i + 1 < f->c.tiebreak.nplan; i++)
		in_order += strcmp(f->c.tiebreak.plan[i]->id, f->c.tiebreak.plan[i + 1]->id) < 0;
	assert_true(in_order < f->c.tiebreak.nplan - 1);
	cfx_free(f);

	f = load_all(HEAD TEAMS2
		     "rounds:\n  - {name: r, kind: buzz, questions: 2, select: {type: open}}\n");
	EXPECT_NO_DIAGS(&f->d);
	assert_int_equal(f->c.rounds[0].nplan, 2);
	assert_int_equal(f->c.rounds[0].plan[0]->type, QTYPE_OPEN);
	assert_int_equal(f->c.rounds[0].plan[1]->type, QTYPE_OPEN);
	cfx_free(f);
}

/* Too few questions: an error at the round naming it and its filter, with
 * what is left after the earlier rounds. */
static void
test_plan_short(void **state)
{
	struct cfx *f;

	(void)state;
	f = load_all(
		HEAD TEAMS2
		"rounds:\n"
		"  - name: 必答题\n    kind: required\n    questions-per-team: 12\n"
		"    select: {type: [single, judge], difficulty: [1, 2]}\n"
		"  - {name: 抢答题, kind: buzz, questions: 5, select: {type: judge, difficulty: "
		"[1, 2]}}\n"
		"  - {name: 风险题, kind: risk, stakes: {10: 1, 30: 3}, questions-per-team: 2}\n"
		"  - {name: 简答, kind: speed, time: 60, select: {type: open, category: "
		"[法律法规, 民族知识], tags: 宪法}}\n"
		"  - {name: 多选, kind: required, select: {type: multiple}}\n"
		"tiebreak: {kind: buzz, select: {type: fill}}\n");
	assert_int_equal(f->r, 1);
	/* The first round takes all 24 single and judge questions of difficulty
	 * 1 and 2; the risk round's difficulty 1 the 3 fill questions. */
	EXPECT_DIAGS(
		&f->d, fx_path("t.yaml"),
		{11, 5, E,
		 "round '抢答题' needs 5 questions but its select (type: judge; difficulty: 1, "
		 "2) matches only 0 not used by earlier rounds"},
		{12, 5, E,
		 "round '风险题' needs 4 questions of difficulty 1 but the banks have only 3 "
		 "(open questions aside) not used by earlier rounds"},
		{13, 5, E,
		 "round '简答' needs 2 questions but its select (type: open; category: "
		 "法律法规, 民族知识; tags: 宪法) matches only 0 not used by earlier rounds"},
		{15, 11, E,
		 "the tiebreak needs at least 1 question (one fewer than the teams) but its "
		 "select (type: fill) matches only 0 not used by the rounds"});
	assert_int_equal(f->c.rounds[0].nplan, 24);
	assert_int_equal(f->c.rounds[2].nrisk_plan[0], 3);
	assert_int_equal(f->c.rounds[2].nrisk_plan[2], 4);
	assert_int_equal(f->c.rounds[4].nplan, 2);
	check_plan(&f->c);
	cfx_free(f);

	f = load_all(HEAD TEAMS2 "rounds:\n  - {name: 风险题, kind: risk, stakes: {30: 3}, "
				 "questions-per-team: 4}\n");
	EXPECT_DIAGS(&f->d, fx_path("t.yaml"),
		     {7, 5, E,
		      "round '风险题' needs 8 questions of difficulty 3 but the banks have only 6 "
		      "(open questions aside) not used by earlier rounds"});
	cfx_free(f);

	f = load_all(HEAD TEAMS2 "rounds:\n  - {name: 抢答题, kind: buzz, questions: 40}\n");
	EXPECT_DIAGS(
		&f->d, fx_path("t.yaml"),
		{7, 5, E,
		 "round '抢答题' needs 40 questions but the banks have only 36 (open questions "
		 "aside) not used by earlier rounds"});
	cfx_free(f);

	/* One question: the singular. */
	f = load_all(HEAD TEAMS2 "rounds:\n  - {name: 抢答题, kind: buzz, questions: 1, select: "
				 "{category: 无此分类}}\n");
	EXPECT_DIAGS(&f->d, fx_path("t.yaml"),
		     {7, 5, E,
		      "round '抢答题' needs 1 question but its select (category: 无此分类) matches "
		      "only 0 not used by earlier rounds"});
	cfx_free(f);

	/* The tiebreak's own cap below teams - 1 is a load error. */
	f = load_text(HEAD "teams:\n  - {name: a, key: a}\n  - {name: b, key: b}\n"
			   "  - {name: c, key: c}\n" ROUND1
			   "tiebreak: {kind: buzz, questions: 1}\n");
	EXPECT_DIAGS(&f->d, fx_path("t.yaml"),
		     {9, 11, E,
		      "the tiebreak may need 2 questions (one fewer than the teams), but its "
		      "'questions' is 1"});
	cfx_free(f);
}

/* Questions of one group are alternatives: a competition plans at most one
 * of them, across all its rounds and the tiebreak, and counts them once. */
static void
test_plan_groups(void **state)
{
	static const char *const groups = "title: 测试\nbanks: comp-groups-bank.yaml\n" TEAMS2;
	char text[512];
	struct cfx *f;
	uint64_t seed;
	size_t i, j, drawn[6];

	(void)state;
	snprintf(text, sizeof(text), "%srounds:\n  - {name: r, kind: buzz, questions: 3}\n",
		 groups);
	for (seed = 0; seed < 40; seed++) {
		f = load_text(text);
		assert_int_equal(comp_load_banks(&f->c, &f->d), 0);
		assert_int_equal(comp_plan(&f->c, seed, &f->d), 0);
		EXPECT_NO_DIAGS(&f->d);
		assert_int_equal(f->c.rounds[0].nplan, 3);
		memset(drawn, 0, sizeof(drawn));
		for (i = 0; i < 3; i++)
			drawn[f->c.rounds[0].plan[i]->id[1] - 'a']++;
		assert_int_equal(drawn[0], 1); /* one of group a */
		assert_int_equal(drawn[1], 1); /* one of group b */
		assert_int_equal(drawn[2], 1); /* the one alone */
		cfx_free(f);
	}

	/* Three questions that do not give each other away, not six. */
	snprintf(text, sizeof(text), "%srounds:\n  - {name: r, kind: buzz, questions: 4}\n",
		 groups);
	expect_one(text, 7, 5,
		   "round 'r' needs 4 questions but the banks have only 3 (open questions "
		   "aside) not used by earlier rounds");

	/* Across rounds and into the tiebreak: what is left is of other groups. */
	snprintf(text, sizeof(text),
		 "%srounds:\n  - {name: r, kind: required}\ntiebreak: {kind: buzz}\n", groups);
	for (seed = 0; seed < 40; seed++) {
		f = load_text(text);
		assert_int_equal(comp_load_banks(&f->c, &f->d), 0);
		assert_int_equal(comp_plan(&f->c, seed, &f->d), 0);
		assert_int_equal(f->c.rounds[0].nplan, 2);
		assert_int_equal(f->c.tiebreak.nplan, 1);
		for (i = 0; i < 3; i++)
			for (j = 0; j < i; j++) {
				const struct question *a =
					i < 2 ? f->c.rounds[0].plan[i] : f->c.tiebreak.plan[0];
				const struct question *b = f->c.rounds[0].plan[j];

				assert_true(a->group_id == 0 || a->group_id != b->group_id);
			}
		cfx_free(f);
	}
}

/* ---- lookups ------------------------------------------------------------------- */

static void
test_lookups(void **state)
{
	struct cfx *f;

	(void)state;
	f = load_fx("comp-ok.yaml");
	assert_int_equal(comp_team_by_key(&f->c, '1'), 0);
	assert_int_equal(comp_team_by_key(&f->c, 'a'), 1);
	assert_int_equal(comp_team_by_key(&f->c, 'A'), -1);
	assert_int_equal(comp_team_by_key(&f->c, '#'), 2);
	assert_int_equal(comp_team_by_key(&f->c, 0), -1);
	assert_int_equal(comp_team_find(&f->c, "二队"), 1);
	assert_int_equal(comp_team_find(&f->c, "#"), 2);
	assert_int_equal(comp_team_find(&f->c, "1"), 0);
	assert_int_equal(comp_team_find(&f->c, "二"), -1);
	assert_int_equal(comp_team_find(&f->c, ""), -1);
	assert_int_equal(comp_team_find(&f->c, "b"), -1);
	cfx_free(f);
	assert_string_equal(comp_round_kind_name(ROUND_REQUIRED), "required");
	assert_string_equal(comp_round_kind_name(ROUND_BUZZ), "buzz");
	assert_string_equal(comp_round_kind_name(ROUND_RISK), "risk");
	assert_string_equal(comp_round_kind_name(ROUND_SPEED), "speed");
	/* FNV-1a 64 test vectors. */
	assert_true(comp_digest("", 0) == 0xcbf29ce484222325ULL);
	assert_true(comp_digest("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(comp_digest("foobar", 6) == 0x85944171f73967e8ULL);
}

/* ---- out of memory --------------------------------------------------------------- */

/* Load comp-ok's text from memory, its banks and its plan; -1 when a step
 * said memory ran out. */
static int
oom_all(struct cfx *f, const char *text, size_t len)
{
	int r = comp_load_buffer(&f->c, fx_path("comp-ok.yaml"), text, len, &f->d);

	if (r == 0)
		r = comp_load_banks(&f->c, &f->d);
	if (r == 0)
		r = comp_plan(&f->c, 1, &f->d);
	return r < 0 || f->d.oom ? -1 : r;
}

/* Fail the n-th allocation (and, when sticky, every later one), for every n
 * until the run no longer reaches n: nothing leaks, every failure is
 * reported, and a run without one gives the reference result. */
static void
oom_run(int sticky)
{
	struct cfx *ref, *f;
	char *text, a[4096], b[4096];
	size_t len = 0;
	long n, live0, c0, used;
	int r, hit;

	text = fs_read(fx_path("comp-ok.yaml"), &len);
	assert_non_null(text);
	ref = cfx_new();
	assert_int_equal(oom_all(ref, text, len), 0);
	plan_ids(&ref->c, a, sizeof(a));
	for (n = 0;; n++) {
		live0 = mem_live();
		f = cfx_new();
		c0 = mem_count();
		mem_fail_after(n, sticky);
		r = oom_all(f, text, len);
		used = mem_count() - c0;
		mem_fail_after(-1, 0);
		hit = used > n;
		if (hit && r != -1)
			fail_msg("sticky=%d n=%ld: an allocation failed but the run returned %d",
				 sticky, n, r);
		if (!hit) {
			assert_int_equal(r, 0);
			plan_ids(&f->c, b, sizeof(b));
			assert_string_equal(a, b);
		}
		cfx_free(f);
		if (mem_live() != live0)
			fail_msg("sticky=%d n=%ld: %ld block(s) leaked", sticky, n,
				 mem_live() - live0);
		if (!hit)
			break;
		if (n > 100000)
			fail_msg("no end after %ld allocations", n);
	}
	print_message("out of memory (%s): %ld allocation points, no leaks\n",
		      sticky ? "sticky" : "one failure", n);
	cfx_free(ref);
	free(text);
}

static void
test_oom_single(void **state)
{
	(void)state;
	oom_run(0);
}

static void
test_oom_sticky(void **state)
{
	(void)state;
	oom_run(1);
}

/* A file full of errors under memory failures: no leak, no crash. */
static void
test_oom_errors(void **state)
{
	struct cfx *f;
	char *text;
	size_t len = 0;
	long n, live0, c0, used;
	int r;

	(void)state;
	text = fs_read(fx_path("comp-errors.yaml"), &len);
	assert_non_null(text);
	for (n = 0;; n++) {
		live0 = mem_live();
		f = cfx_new();
		c0 = mem_count();
		mem_fail_after(n, 0);
		r = comp_load_buffer(&f->c, "e.yaml", text, len, &f->d);
		used = mem_count() - c0;
		mem_fail_after(-1, 0);
		if (used > n)
			assert_true(r == -1 || f->d.oom);
		else
			assert_int_equal(r, 1);
		cfx_free(f);
		assert_int_equal(mem_live(), live0);
		if (used <= n)
			break;
	}
	free(text);
}

/* A file big enough for many arena chunks (2000 rounds): every chunk that
 * cannot be had mid-parse ends the load cleanly. */
static void
test_oom_big(void **state)
{
	struct cfx *f;
	char *text;
	size_t len = 0, cap = 200 * 1024, i;
	long n, live0, c0, used, points = 0;
	int r;

	(void)state;
	text = malloc(cap);
	assert_non_null(text);
	len = (size_t)snprintf(text, cap, "%s", "title: 大\n" TEAMS2 "rounds:\n");
	for (i = 0; i < 2000; i++)
		len += (size_t)snprintf(text + len, cap - len,
					"  - {name: 第%zu轮, kind: required, select: {category: "
					"[分类%zu, 其他]}}\n",
					i, i);
	assert_true(len < cap - 1);
	for (n = 0;; n++) {
		live0 = mem_live();
		f = cfx_new();
		c0 = mem_count();
		mem_fail_after(n, 1);
		r = comp_load_buffer(&f->c, "big.yaml", text, len, &f->d);
		used = mem_count() - c0;
		mem_fail_after(-1, 0);
		if (used > n) {
			assert_int_equal(r, -1);
			points++;
		} else {
			EXPECT_NO_DIAGS(&f->d);
			assert_int_equal(r, 0);
			assert_int_equal(f->c.nrounds, 2000);
			assert_string_equal(f->c.rounds[1999].select.categories[0], "分类1999");
		}
		cfx_free(f);
		assert_int_equal(mem_live(), live0);
		if (used <= n)
			break;
	}
	assert_true(points >= 5);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_ok_model, teardown),
		cmocka_unit_test_teardown(test_defaults, teardown),
		cmocka_unit_test_teardown(test_errors, teardown),
		cmocka_unit_test_teardown(test_kind_keys, teardown),
		cmocka_unit_test_teardown(test_missing, teardown),
		cmocka_unit_test_teardown(test_values, teardown),
		cmocka_unit_test_teardown(test_syntax_and_limits, teardown),
		cmocka_unit_test_teardown(test_unreadable, teardown),
		cmocka_unit_test_teardown(test_looks_like, teardown),
		cmocka_unit_test_teardown(test_banks, teardown),
		cmocka_unit_test_teardown(test_plan, teardown),
		cmocka_unit_test_teardown(test_plan_open_and_tiebreak, teardown),
		cmocka_unit_test_teardown(test_plan_short, teardown),
		cmocka_unit_test_teardown(test_plan_groups, teardown),
		cmocka_unit_test_teardown(test_lookups, teardown),
		cmocka_unit_test_teardown(test_oom_single, teardown),
		cmocka_unit_test_teardown(test_oom_sticky, teardown),
		cmocka_unit_test_teardown(test_oom_errors, teardown),
		cmocka_unit_test_teardown(test_oom_big, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
