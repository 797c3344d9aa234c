/*
 * test_load.c — the bank loader against the fixtures in tests/data.
 *
 * One test per rule of the bank format: each loads its fixture and compares
 * the whole diagnostic list (file, line, column, severity, message) with what
 * an author should see, or, for valid banks, the loaded model.  Then the
 * limits against hostile input, paths and directories, and an out-of-memory
 * run that fails every allocation of a load in turn.
 *
 * Run from tests/ with JINGSAI_TESTDATA=data (what 'make unit' does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bank.h"
#include "fuzz/check_load.h"
#include "diag.h"
#include "mem.h"

#define E DIAG_ERROR
#define W DIAG_WARNING

/* ---- helpers ------------------------------------------------------------ */

static const char *
data_dir(void)
{
	const char *d = getenv("JINGSAI_TESTDATA");

	return d != NULL && *d != '\0' ? d : "data";
}

/* A loaded fixture: the set, its diagnostics, the path it was loaded as.
 * Fixtures live on the heap and are tracked, so that the teardown frees what a
 * failed assertion (a longjmp out of the test) left behind. */
struct fx {
	struct bank_set set;
	struct diag_list diags;
	char path[512];
	int r;
};

#define MAX_TRACKED 8
static void *open_fx[MAX_TRACKED]; /* struct fx * */
static void *open_mem[MAX_TRACKED];

static void
track(void **slots, void *p)
{
	size_t i;

	for (i = 0; i < MAX_TRACKED; i++)
		if (slots[i] == NULL) {
			slots[i] = p;
			return;
		}
	fail_msg("too many tracked objects");
}

static void
untrack(void **slots, void *p)
{
	size_t i;

	for (i = 0; i < MAX_TRACKED; i++)
		if (slots[i] == p)
			slots[i] = NULL;
}

/* malloc that the teardown frees if the test does not. */
static void *
tmp_alloc(size_t n)
{
	void *p = malloc(n);

	assert_non_null(p);
	track(open_mem, p);
	return p;
}

static void
tmp_free(void *p)
{
	untrack(open_mem, p);
	free(p);
}

static struct fx *
fx_new(void)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	bank_set_init(&f->set);
	track(open_fx, f);
	return f;
}

static void
fx_free(struct fx *f)
{
	untrack(open_fx, f);
	bank_set_free(&f->set);
	diag_list_free(&f->diags);
	free(f);
}

static int
teardown(void **state)
{
	size_t i;

	(void)state;
	mem_fail_after(-1, 0);
	for (i = 0; i < MAX_TRACKED; i++) {
		if (open_fx[i] != NULL)
			fx_free(open_fx[i]);
		if (open_mem[i] != NULL)
			tmp_free(open_mem[i]);
	}
	return 0;
}

static void
fx_path(char *buf, size_t n, const char *name)
{
	int w = snprintf(buf, n, "%s/%s", data_dir(), name);

	assert_true(w > 0 && (size_t)w < n);
}

/* Load data/NAME into f->set (which may already hold other banks). */
static void
fx_load(struct fx *f, const char *name)
{
	fx_path(f->path, sizeof(f->path), name);
	f->r = bank_set_load_path(&f->set, f->path, &f->diags);
}

/* Load a fixture into a fresh set. */
static struct fx *
fx_open(const char *name)
{
	struct fx *f = fx_new();

	fx_load(f, name);
	return f;
}

struct ediag {
	unsigned line, col;
	enum diag_severity sev;
	const char *msg;
};

static const char *
sev_name(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : "warning";
}

static void
print_actual(const struct diag_list *l)
{
	size_t i;

	print_error("  actual (%zu diagnostic%s, %zu error%s, %zu warning%s):\n", l->count,
		    l->count == 1 ? "" : "s", l->errors, l->errors == 1 ? "" : "s", l->warnings,
		    l->warnings == 1 ? "" : "s");
	for (i = 0; i < l->count; i++)
		print_error("    [%zu] %s:%u:%u: %s: %s\n", i,
			    l->items[i].file ? l->items[i].file : "(null)", l->items[i].line,
			    l->items[i].col, sev_name(l->items[i].severity), l->items[i].message);
}

static int
diag_matches(const struct diag *d, const char *file, const struct ediag *e)
{
	return d->file != NULL && strcmp(d->file, file) == 0 && d->line == e->line &&
	       d->col == e->col && d->severity == e->sev && strcmp(d->message, e->msg) == 0;
}

/* The list holds exactly the n expected diagnostics, in order, all about file. */
static void
check_diags(const char *srcfile, int srcline, const struct diag_list *l, const char *file,
	    const struct ediag *e, size_t n)
{
	size_t i, errors = 0;
	int ok = l->count == n && !l->oom;

	for (i = 0; ok && i < n; i++)
		ok = diag_matches(&l->items[i], file, &e[i]);
	for (i = 0; i < n; i++)
		errors += e[i].sev == DIAG_ERROR;
	if (ok && l->errors == errors && l->warnings == n - errors)
		return;
	print_error("diagnostics differ%s\n  expected (%zu):\n", l->oom ? " (oom set)" : "", n);
	for (i = 0; i < n; i++)
		print_error("    [%zu] %s:%u:%u: %s: %s%s\n", i, file, e[i].line, e[i].col,
			    sev_name(e[i].sev), e[i].msg,
			    i < l->count && diag_matches(&l->items[i], file, &e[i]) ? ""
										    : "   <--");
	print_actual(l);
	_fail(srcfile, srcline);
}

#define EXPECT_DIAGS(list, file, ...)                                                              \
	check_diags(__FILE__, __LINE__, (list), (file), (const struct ediag[]){__VA_ARGS__},       \
		    sizeof((const struct ediag[]){__VA_ARGS__}) / sizeof(struct ediag))
#define EXPECT_NO_DIAGS(list) check_diags(__FILE__, __LINE__, (list), "", NULL, 0)

/* Diagnostic idx of the list is exactly this (the others are not looked at). */
static void
expect_diag_(const char *srcfile, int srcline, const struct diag_list *l, size_t idx,
	     const char *file, unsigned line, unsigned col, enum diag_severity sev, const char *msg)
{
	struct ediag e = {line, col, sev, msg};

	if (idx < l->count && diag_matches(&l->items[idx], file, &e))
		return;
	print_error("diagnostic [%zu] differs\n  expected: %s:%u:%u: %s: %s\n", idx, file, line,
		    col, sev_name(sev), msg);
	print_actual(l);
	_fail(srcfile, srcline);
}
#define expect_diag(list, idx, file, line, col, sev, msg)                                          \
	expect_diag_(__FILE__, __LINE__, (list), (idx), (file), (line), (col), (sev), (msg))

/* Fail, showing the list, unless cond holds. */
#define expect_true_diags(cond, list)                                                              \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			print_error("%s is false\n", #cond);                                       \
			print_actual(list);                                                        \
			_fail(__FILE__, __LINE__);                                                 \
		}                                                                                  \
	} while (0)

static const struct question *
find(const struct bank_set *set, const char *id)
{
	const struct question *q = bank_set_find(set, id);

	if (q == NULL)
		fail_msg("question '%s' not loaded", id);
	return q;
}

static void
expect_tags(const struct question *q, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(q->ntags, n);
	if (n > 0)
		assert_non_null(q->tags);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(q->tags[i], va_arg(ap, const char *));
	va_end(ap);
}

/* Blank b of q accepts exactly these spellings, in order. */
static void
expect_blank(const struct question *q, size_t b, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_true(b < q->nblanks);
	assert_int_equal(q->blanks[b].nalts, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(q->blanks[b].alts[i], va_arg(ap, const char *));
	va_end(ap);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A fixture that should load with exactly these diagnostics. */
#define FIXTURE_DIAGS(name, ...)                                                                   \
	do {                                                                                       \
		struct fx *f_ = fx_open(name);                                                     \
		assert_int_equal(f_->r, 0);                                                        \
		EXPECT_DIAGS(&f_->diags, f_->path, __VA_ARGS__);                                   \
		fx_free(f_);                                                                       \
	} while (0)

/* ---- valid banks ------------------------------------------------------------ */

static void
test_ok_all_types(void **state)
{
	const struct question *q;
	const struct bank *b;
	struct fx *f;
	size_t i;

	(void)state;
	f = fx_open("ok-all-types.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);

	assert_int_equal(f->set.nfiles, 1);
	assert_int_equal(f->set.nbanks, 1);
	assert_int_equal(f->set.nquestions, 11);
	assert_int_equal(f->set.questions_seen, 11);
	b = &f->set.banks[0];
	assert_string_equal(b->title, "民族团结进步知识题库（测试）");
	assert_string_equal(b->path, f->path);
	assert_int_equal(b->first, 0);
	assert_int_equal(b->count, 11);
	for (i = 0; i < f->set.nquestions; i++)
		assert_ptr_equal(f->set.questions[i]->bank, b);
	/* File order is kept. */
	assert_string_equal(f->set.questions[0]->id, "all-single");
	assert_string_equal(f->set.questions[10]->id, "all-single-reordered");

	q = find(&f->set, "all-single");
	assert_ptr_equal(q, f->set.questions[0]);
	assert_int_equal(q->type, QTYPE_SINGLE);
	assert_string_equal(q->text, "我国现行宪法是哪一年通过的？");
	assert_int_equal(q->noptions, 4);
	assert_string_equal(q->options[0], "1954年");
	assert_string_equal(q->options[3], "1982年");
	assert_int_equal(q->noptions, 4);
	assert_int_equal(q->answer_keys, 1u << 3);
	assert_int_equal(q->line, 11);
	assert_int_equal(q->col, 5);
	/* Defaults fill what the question leaves out. */
	assert_string_equal(q->category, "法律法规");
	assert_string_equal(q->source, "《中华人民共和国宪法》");
	assert_string_equal(q->explanation,
			    "现行宪法于1982年12月4日由第五届全国人民代表大会第五次会议通过。");
	assert_int_equal(q->difficulty, 2);
	assert_int_equal(q->points, 5);
	assert_int_equal(q->time, 20);
	expect_tags(q, 1, "默认标签");

	q = find(&f->set, "all-multiple-list");
	assert_int_equal(q->type, QTYPE_MULTIPLE);
	assert_int_equal(q->noptions, 4);
	assert_string_equal(q->options[2], "中国共产党领导的多党合作和政治协商制度");
	assert_int_equal(q->answer_keys, 0x7u); /* A B C */
	/* The question's own values win over the defaults. */
	assert_string_equal(q->category, "政治制度");
	assert_string_equal(q->source, "党的十八大报告");
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->points, 20);
	assert_int_equal(q->time, 60);
	expect_tags(q, 2, "宪法", "政治制度");

	q = find(&f->set, "all-multiple-string");
	assert_int_equal(q->type, QTYPE_MULTIPLE);
	assert_int_equal(q->answer_keys, 0xbu); /* "A、B、D" */
	expect_tags(q, 0);                      /* an explicit [] is not replaced */

	q = find(&f->set, "all-judge-true");
	assert_int_equal(q->type, QTYPE_JUDGE);
	assert_true(q->answer_true);
	assert_int_equal(q->noptions, 0);
	q = find(&f->set, "all-judge-false");
	assert_int_equal(q->type, QTYPE_JUDGE);
	assert_false(q->answer_true);

	q = find(&f->set, "all-fill-scalar");
	assert_int_equal(q->type, QTYPE_FILL);
	assert_int_equal(q->nblanks, 1);
	expect_blank(q, 0, 1, "自治权");
	q = find(&f->set, "all-fill-alts");
	assert_int_equal(q->nblanks, 1);
	expect_blank(q, 0, 2, "1984", "一九八四");
	q = find(&f->set, "all-fill-nested");
	assert_int_equal(q->nblanks, 1);
	expect_blank(q, 0, 2, "聚居", "聚集居住");
	q = find(&f->set, "all-fill-two");
	assert_int_equal(q->nblanks, 2);
	expect_blank(q, 0, 1, "统一");
	expect_blank(q, 1, 2, "多民族", "多个民族");

	q = find(&f->set, "all-open");
	assert_int_equal(q->type, QTYPE_OPEN);
	assert_string_equal(
		q->reference,
		"在国家统一领导下，各少数民族聚居的地方实行区域自治，设立自治机关，行使自治权。");
	assert_int_equal(q->nblanks, 0);

	/* Keys in any order. */
	q = find(&f->set, "all-single-reordered");
	assert_int_equal(q->type, QTYPE_SINGLE);
	assert_int_equal(q->noptions, 3);
	assert_int_equal(q->answer_keys, 1u << 2);
	assert_int_equal(q->line, 90);
	assert_int_equal(q->col, 5);

	assert_null(bank_set_find(&f->set, "no-such-id"));
	assert_null(bank_set_find(&f->set, "all"));
	/* Freed, the set is empty and can be freed again. */
	bank_set_free(&f->set);
	assert_int_equal(f->set.nbanks, 0);
	assert_int_equal(f->set.nquestions, 0);
	assert_null(bank_set_find(&f->set, "all-single"));
	fx_free(f);
}

static void
test_ok_judge_words(void **state)
{
	static const struct {
		const char *id;
		bool answer;
	} want[] = {
		{"judge-true", true},  {"judge-false", false},   {"judge-dui", true},
		{"judge-cuo", false},  {"judge-zhengque", true}, {"judge-cuowu", false},
		{"judge-check", true}, {"judge-cross", false},   {"judge-yes", true},
		{"judge-no", false},   {"judge-upper", true},
	};
	struct fx *f;
	size_t i;

	(void)state;
	f = fx_open("ok-judge-words.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nquestions, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct question *q = find(&f->set, want[i].id);

		assert_int_equal(q->type, QTYPE_JUDGE);
		if (q->answer_true != want[i].answer)
			fail_msg("%s: answer_true is %d", want[i].id, q->answer_true);
	}
	fx_free(f);
}

static void
test_ok_bom(void **state)
{
	const struct question *q;
	struct fx *f;

	(void)state;
	f = fx_open("ok-bom.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nbanks, 1);
	assert_string_equal(f->set.banks[0].title, "带字节顺序标记的题库");
	q = find(&f->set, "bom-001");
	assert_int_equal(q->line, 3);
	assert_int_equal(q->col, 5);
	/* Neither the question nor the bank says: built-in values. */
	assert_int_equal(q->difficulty, 0);
	assert_int_equal(q->points, BANK_DEFAULT_POINTS);
	assert_int_equal(q->time, BANK_DEFAULT_TIME);
	assert_null(q->category);
	expect_tags(q, 0);
	fx_free(f);
}

static void
test_ok_defaults_after_questions(void **state)
{
	const struct question *q;
	struct fx *f;

	(void)state;
	f = fx_open("ok-defaults-after-questions.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	q = find(&f->set, "late-001");
	assert_string_equal(q->category, "默认分类");
	assert_string_equal(q->source, "默认出处");
	assert_int_equal(q->difficulty, 3);
	assert_int_equal(q->points, 15);
	assert_int_equal(q->time, BANK_DEFAULT_TIME); /* not in the defaults */
	expect_tags(q, 2, "默认甲", "默认乙");
	q = find(&f->set, "late-002");
	assert_string_equal(q->category, "自带分类");
	assert_string_equal(q->source, "自带出处");
	assert_int_equal(q->difficulty, 1);
	assert_int_equal(q->points, 40);
	assert_int_equal(q->time, 90);
	expect_tags(q, 1, "自带");
	assert_int_equal(q->answer_keys, 1u);
	fx_free(f);
}

/* A block scalar ('>' folded over two lines, '|', '|+' with a blank line
 * after it) loses the line breaks it ends with. */
static void
test_ok_block_scalars(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("ok-block-scalars.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nbanks, 1);
	assert_string_equal(f->set.banks[0].title, "民族团结 进步题库");
	assert_string_equal(find(&f->set, "block-001")->category, "法律法规");
	assert_string_equal(find(&f->set, "block-002")->category, "默认分类"); /* defaults: |+ */
	fx_free(f);
}

/* ---- syntax and encoding --------------------------------------------------- */

static void
test_err_syntax(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-syntax.yaml",
		{7, 11, E,
		 "syntax error: did not find expected ',' or '}' (while parsing a flow mapping "
		 "at line 6, column 14)"});
}

static void
test_err_tab_indent(void **state)
{
	(void)state;
	/* A list item indented with a tab. */
	FIXTURE_DIAGS("err-tab-indent.yaml",
		      {3, 1, E, "tab character: indent with spaces, not tabs"});
}

static void
test_err_tab_indent_key(void **state)
{
	(void)state;
	/* A key indented with a tab after a plain value: the commonest slip. */
	FIXTURE_DIAGS("err-tab-indent-key.yaml",
		      {5, 1, E, "tab character: indent with spaces, not tabs"});
}

static void
test_err_tab_indent_block(void **state)
{
	(void)state;
	/* A line of a block scalar (|) indented with a tab. */
	FIXTURE_DIAGS("err-tab-indent-block.yaml",
		      {6, 1, E, "tab character: indent with spaces, not tabs"});
}

static void
test_err_bad_utf8(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-bad-utf8.yaml",
		{5, 21, E, "invalid leading UTF-8 octet (byte 0xff): the file must be UTF-8"});
}

static void
test_err_control_char(void **state)
{
	struct fx *f;
	const char *m;

	(void)state;
	f = fx_open("err-control-char.yaml");
	assert_int_equal(f->r, 0);
	expect_true_diags(f->diags.count == 1 && f->diags.errors == 1, &f->diags);
	/* Where: the U+0001 after 7 characters of text. */
	expect_true_diags(f->diags.items[0].line == 5 && f->diags.items[0].col == 22, &f->diags);
	/* What: a control character, not an encoding problem (the file is UTF-8). */
	m = f->diags.items[0].message;
	expect_true_diags(strcmp(m, "control character U+0001 is not allowed") == 0, &f->diags);
	expect_true_diags(strstr(m, "must be UTF-8") == NULL, &f->diags);
	fx_free(f);
}

static void
test_err_utf16(void **state)
{
	struct fx *f;

	(void)state;
	/* A bank saved as UTF-16 (with its BOM) is not UTF-8: refused, saying so. */
	f = fx_open("err-utf16.yaml");
	assert_int_equal(f->r, 0);
	expect_true_diags(f->diags.errors == 1 && f->diags.count == 1, &f->diags);
	expect_true_diags(strstr(f->diags.items[0].message, "UTF-8") != NULL, &f->diags);
	assert_int_equal(f->set.nquestions, 0);
	fx_free(f);
}

static void
test_err_empty(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-empty.yaml",
		      {0, 0, E, "file is empty: a bank needs 'title' and 'questions'"});
}

static void
test_err_comments_only(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-comments-only.yaml",
		      {0, 0, E, "file is empty: a bank needs 'title' and 'questions'"});
}

static void
test_err_two_documents(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-two-documents.yaml",
		      {9, 1, E, "a bank file holds one YAML document; found a second one"});
}

static void
test_err_root_not_mapping(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-root-not-mapping.yaml",
		      {2, 1, E, "a bank is a mapping with 'title' and 'questions', not a list"});
}

#define FULLWIDTH_COLON "the full-width '：' is not a colon: type ':' followed by a space"

static void
test_err_fullwidth_colon(void **state)
{
	static const char last_no_newline[] = "title: 全角冒号\n"
					      "questions:\n"
					      "  - id: fullwidth-003\n"
					      "    type: judge\n"
					      "    question: 各民族一律平等。\n"
					      "    answer：true";
	struct fx *f;

	(void)state;
	FIXTURE_DIAGS("err-fullwidth-colon.yaml",
		      {4, 5, E,
		       "syntax error: no ':' after this key (the full-width '：' does not count: "
		       "type ':')"});
	/* On the last line, the error is on that line, not past the end. */
	FIXTURE_DIAGS("err-fullwidth-colon-last.yaml",
		      {8, 5, E,
		       "syntax error: no ':' after this key (the full-width '：' does not count: "
		       "type ':')"});
	/* On the first key of a mapping libyaml reads "id：x" as text: the
	 * '：' is named, and the "mapping values are not allowed" that follows
	 * from it is not reported. */
	FIXTURE_DIAGS("err-fullwidth-colon-first.yaml", {9, 7, E, FULLWIDTH_COLON});
	FIXTURE_DIAGS("err-fullwidth-colon-title.yaml", {1, 6, E, FULLWIDTH_COLON});
	FIXTURE_DIAGS("err-fullwidth-colon-option.yaml", {7, 8, E, FULLWIDTH_COLON});
	/* In a flow mapping it is a key; option B keeps its place, so C is not
	 * out of place. */
	FIXTURE_DIAGS("err-fullwidth-colon-flow.yaml", {2, 20, E, FULLWIDTH_COLON},
		      {7, 26, E, FULLWIDTH_COLON});
	f = fx_new();
	assert_int_equal(bank_set_load_buffer(&f->set, "last.yaml", last_no_newline,
					      sizeof(last_no_newline) - 1, &f->diags),
			 0);
	EXPECT_DIAGS(&f->diags, "last.yaml",
		     {6, 5, E,
		      "syntax error: no ':' after this key (the full-width '：' does not count: "
		      "type ':')"});
	fx_free(f);
}

/* "answer:B": the ':' is there, the space after it is not. */
static void
test_err_colon_no_space(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-colon-no-space.yaml", {9, 11, E, "put a space after ':'"});
	/* On the first key, and as a key of a flow mapping. */
	FIXTURE_DIAGS("err-colon-no-space-first.yaml", {2, 20, E, "put a space after ':'"},
		      {4, 7, E, "put a space after ':'"});
}

/* Write to buf a bank whose explanation, on line 7, holds the bytes seq at
 * offset off (ASCII padding before it); its length, and seq's column in *col. */
static size_t
break_bank(char *buf, size_t cap, size_t off, const char *seq, unsigned *col)
{
	static const char head[] = "title: 跨读换行\n"
				   "questions:\n"
				   "  - id: straddle-001\n"
				   "    type: judge\n"
				   "    question: 各民族一律平等。\n"
				   "    answer: true\n"
				   "    explanation: \"";
	static const char tail[] = "\"\n    source: 测试\n";
	size_t n = sizeof(head) - 1, line_start = (size_t)(strrchr(head, '\n') + 1 - head);

	if (off <= n || off + strlen(seq) + sizeof(tail) > cap)
		fail_msg("offset %zu is not inside the explanation", off);
	memcpy(buf, head, n);
	memset(buf + n, 'x', off - n);
	memcpy(buf + off, seq, strlen(seq));
	n = off + strlen(seq);
	memcpy(buf + n, tail, sizeof(tail) - 1);
	*col = (unsigned)(off - line_start + 1);
	return n + sizeof(tail) - 1;
}

#define LS_MSG                                                                                     \
	"invisible line break U+2028: delete it (until then, the lines of messages after it are "  \
	"off by one)"
#define NEL_MSG                                                                                    \
	"invisible line break U+0085: delete it (until then, the lines of messages after it are "  \
	"off by one)"

/* U+2028 and U+0085 are reported where an editor shows them, also when
 * libyaml's reads (16 KiB at a time) cut them in two. */
static void
test_err_invisible_breaks(void **state)
{
	static const struct {
		size_t off;
		const char *seq, *msg;
	} cut[] = {
		{16383, "\xe2\x80\xa8", LS_MSG}, /* E2 | 80 A8 */
		{16382, "\xe2\x80\xa8", LS_MSG}, /* E2 80 | A8 */
		{16383, "\xc2\x85", NEL_MSG},    /* C2 | 85 */
	};
	enum { CAP = 17000 };
	struct fx *f;
	unsigned col;
	size_t i, n;
	char *buf;

	(void)state;
	FIXTURE_DIAGS("err-line-separator.yaml", {5, 19, E, LS_MSG});
	FIXTURE_DIAGS("err-nel.yaml", {7, 28, E, NEL_MSG});

	buf = tmp_alloc(CAP);
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		n = break_bank(buf, CAP, cut[i].off, cut[i].seq, &col);
		f = fx_new();
		assert_int_equal(bank_set_load_buffer(&f->set, "cut.yaml", buf, n, &f->diags), 0);
		EXPECT_DIAGS(&f->diags, "cut.yaml", {7, col, E, cut[i].msg});
		fx_free(f);
	}
	tmp_free(buf);
}

/* U+0085 as the last two bytes of a read is one break, not one per read. */
static void
test_invisible_break_end_of_read(void **state)
{
	enum { CAP = 17000 };
	struct fx *f;
	unsigned col;
	size_t n;
	char *buf;

	(void)state;
	buf = tmp_alloc(CAP);
	n = break_bank(buf, CAP, 16382, "\xc2\x85", &col); /* C2 85 | */
	f = fx_new();
	assert_int_equal(bank_set_load_buffer(&f->set, "end.yaml", buf, n, &f->diags), 0);
	EXPECT_DIAGS(&f->diags, "end.yaml", {7, col, E, NEL_MSG});
	fx_free(f);
	tmp_free(buf);
}

/* ---- hostile input ------------------------------------------------------------ */

static void
test_err_anchor(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-anchor.yaml",
		{2, 11, E, "anchor '&common': anchors and aliases are not allowed in a bank"});
}

static void
test_err_alias(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-alias.yaml",
		      {8, 13, E, "anchor '&src': anchors and aliases are not allowed in a bank"},
		      {14, 13, E, "alias '*src': anchors and aliases are not allowed in a bank"});
}

static void
test_err_billion_laughs(void **state)
{
	struct fx *f;
	double t0, t;
	size_t i, aliases = 0, anchors = 0;

	(void)state;
	t0 = now();
	f = fx_open("err-billion-laughs.yaml");
	t = now() - t0;
	assert_int_equal(f->r, 0);
	if (t >= 1.0)
		fail_msg("billion laughs took %.3f s", t);
	assert_int_equal(f->set.nquestions, 0);
	expect_diag(&f->diags, 0, f->path, 2, 1, E, "unknown key 'lol0' in a bank");
	expect_diag(&f->diags, 1, f->path, 2, 7, E,
		    "anchor '&a0': anchors and aliases are not allowed in a bank");
	/* The first ten anchors and aliases refused at their place, then one
	 * line for the rest, not ninety more; none expanded. */
	for (i = 0; i < f->diags.count; i++) {
		aliases += strncmp(f->diags.items[i].message, "alias '*", 8) == 0;
		anchors += strncmp(f->diags.items[i].message, "anchor '&", 9) == 0;
	}
	expect_true_diags(anchors + aliases == 10, &f->diags);
	expect_diag(&f->diags, 12, f->path, 3, 52, E,
		    "more anchors and aliases: not reported one by one");
	fx_free(f);
}

static void
test_err_deep_nesting(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-deep-nesting.yaml",
		      {1, 1, E, "a bank is a mapping with 'title' and 'questions', not a list"},
		      {1, 33, E, "nesting deeper than 32 levels"});
}

static void
test_depth_limit_fast(void **state)
{
	enum { N = 100000 };
	struct fx *f;
	char *buf;
	double t0, t;

	(void)state;
	buf = tmp_alloc(N);
	memset(buf, '[', N);
	f = fx_new();
	t0 = now();
	assert_int_equal(bank_set_load_buffer(&f->set, "deep.yaml", buf, N, &f->diags), 0);
	t = now() - t0;
	if (t >= 1.0)
		fail_msg("100,000 '[' took %.3f s", t);
	EXPECT_DIAGS(&f->diags, "deep.yaml",
		     {1, 1, E, "a bank is a mapping with 'title' and 'questions', not a list"},
		     {1, 33, E, "nesting deeper than 32 levels"});
	fx_free(f);

	/* The limit is the set's. */
	f = fx_new();
	f->set.limits.max_depth = 4;
	assert_int_equal(bank_set_load_buffer(&f->set, "deep.yaml", buf, N, &f->diags), 0);
	EXPECT_DIAGS(&f->diags, "deep.yaml",
		     {1, 1, E, "a bank is a mapping with 'title' and 'questions', not a list"},
		     {1, 5, E, "nesting deeper than 4 levels"});
	fx_free(f);
	tmp_free(buf);
}

/* A small cap: the file is refused before it is parsed, with a message that
 * states the sizes (a limit under 1 MiB must not read "0 MiB"). */
static void
test_size_cap_small(void **state)
{
	struct fx *f;
	struct stat st;
	const char *m;

	(void)state;
	f = fx_new();
	f->set.limits.max_size = 256;
	fx_load(f, "err-missing-fields.yaml"); /* six schema errors if it were parsed */
	assert_int_equal(stat(f->path, &st), 0);
	assert_true(st.st_size > 256);
	assert_int_equal(f->r, 0);
	expect_true_diags(f->diags.count == 1 && f->diags.errors == 1, &f->diags);
	expect_true_diags(f->diags.items[0].line == 0 && f->diags.items[0].col == 0, &f->diags);
	assert_string_equal(f->diags.items[0].file, f->path);
	assert_int_equal(f->set.questions_seen, 0);
	assert_int_equal(f->set.nbanks, 0);
	assert_int_equal(f->set.nfiles, 1);
	m = f->diags.items[0].message;
	expect_true_diags(strstr(m, "limit") != NULL, &f->diags);
	expect_true_diags(strstr(m, " 0 MiB") == NULL && strstr(m, " 0.0 MiB") == NULL, &f->diags);
	fx_free(f);
}

/* The default cap on a (sparse) 65 MiB file: refused without reading it. */
static void
test_size_cap_default(void **state)
{
	char path[] = "/tmp/jingsai-test-big-XXXXXX";
	struct fx *f;
	double t0, t;
	int fd, r;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	r = ftruncate(fd, (off_t)65 * 1024 * 1024);
	close(fd);
	if (r != 0) {
		unlink(path);
		fail_msg("ftruncate failed");
	}
	f = fx_new();
	t0 = now();
	r = bank_set_load_path(&f->set, path, &f->diags);
	t = now() - t0;
	unlink(path);
	assert_int_equal(r, 0);
	assert_true(t < 1.0);
	EXPECT_DIAGS(&f->diags, path,
		     {0, 0, E, "file is 65 MiB, over the 64 MiB limit for a bank"});
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

static void
test_size_cap_buffer(void **state)
{
	size_t len = (size_t)3 * 1024 * 1024;
	struct fx *f;
	char *buf;

	(void)state;
	buf = tmp_alloc(len);
	memset(buf, '#', len);
	f = fx_new();
	f->set.limits.max_size = (size_t)2 * 1024 * 1024;
	assert_int_equal(bank_set_load_buffer(&f->set, "big.yaml", buf, len, &f->diags), 0);
	EXPECT_DIAGS(&f->diags, "big.yaml",
		     {0, 0, E, "file is 3 MiB, over the 2 MiB limit for a bank"});
	assert_int_equal(f->set.nfiles, 1);
	fx_free(f);
	tmp_free(buf);
}

/* A file of 5000 problems: the first 1000, then one line, then nothing. */
static void
test_too_many_problems(void **state)
{
	enum { KEYS = 5000 };
	const struct diag *d;
	struct fx *f;
	size_t len = (size_t)KEYS * 16 + 8, n = 0, i;
	unsigned col999;
	double t0, t;
	char *buf;

	(void)state;
	buf = tmp_alloc(len);
	buf[n++] = '{';
	for (i = 0; i < KEYS; i++) {
		int w = snprintf(buf + n, len - n, "%sk%zu: 1", i ? ", " : "", i);

		assert_true(w > 0 && (size_t)w < len - n);
		n += (size_t)w;
	}
	buf[n++] = '}';
	col999 = (unsigned)(strstr(buf, " k999:") - buf) + 2;
	f = fx_new();
	t0 = now();
	assert_int_equal(bank_set_load_buffer(&f->set, "many.yaml", buf, n, &f->diags), 0);
	t = now() - t0;
	if (t >= 1.0)
		fail_msg("5000 unknown keys took %.3f s", t);
	d = f->diags.count > 0 ? &f->diags.items[f->diags.count - 1] : NULL;
	if (f->diags.count != 1001 || f->diags.errors != 1001)
		fail_msg("%zu diagnostics (%zu errors), expected 1001; the last: %u:%u: %s",
			 f->diags.count, f->diags.errors, d ? d->line : 0, d ? d->col : 0,
			 d ? d->message : "(none)");
	expect_diag(&f->diags, 0, "many.yaml", 1, 2, E, "unknown key 'k0' in a bank");
	expect_diag(&f->diags, 999, "many.yaml", 1, col999, E, "unknown key 'k999' in a bank");
	assert_string_equal(d->file, "many.yaml");
	assert_int_equal(d->severity, DIAG_ERROR);
	assert_string_equal(d->message, "more than 1000 errors in this file; stopping here");
	assert_int_equal(d->line, 1);
	assert_true(d->col > col999);
	fx_free(f);
	tmp_free(buf);
}

/* Warnings do not stop a file: a big bank without sources still loads whole,
 * with the first 10,000 warnings shown and one line for the rest. */
static void
test_many_warnings(void **state)
{
	enum { N = 10500 };
	size_t len = 64 + (size_t)N * 80, n, i;
	struct fx *f;
	char *buf;
	const struct diag *d;

	(void)state;
	buf = tmp_alloc(len);
	n = (size_t)snprintf(buf, len, "title: t\nquestions:\n");
	for (i = 0; i < N; i++)
		n += (size_t)snprintf(buf + n, len - n,
				      "  - {id: w%zu, type: judge, question: q%zu, answer: true, "
				      "explanation: e}\n",
				      i, i);
	f = fx_new();
	assert_int_equal(bank_set_load_buffer(&f->set, "warn.yaml", buf, n, &f->diags), 0);
	assert_int_equal(f->set.nquestions, N);
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.warnings, 10001);
	d = &f->diags.items[f->diags.count - 1];
	assert_string_equal(d->message,
			    "more than 10000 warnings in this file; the rest are not shown");
	expect_diag(&f->diags, 0, "warn.yaml", 3, 5, W, "question 'w0' has no 'source'");
	fx_free(f);
	tmp_free(buf);
}

/* ---- keys --------------------------------------------------------------------- */

static void
test_err_unknown_key(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-unknown-key.yaml",
		{3, 3, E, "unknown key 'dificulty' in defaults; did you mean 'difficulty'?"},
		{9, 5, E, "unknown key 'explaination' in a question; did you mean 'explanation'?"},
		{17, 5, E, "unknown key 'remark' in a question"});
}

static void
test_err_dup_key(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-dup-key.yaml",
		      {10, 5, E, "duplicate key 'answer' (first at line 7, column 5)"},
		      {14, 27, E, "duplicate option key 'A' (first at line 14, column 15)"},
		      {18, 1, E, "duplicate key 'title' (first at line 1, column 1)"});
}

static void
test_err_missing_fields(void **state)
{
	struct fx *f;
	size_t i;

	(void)state;
	f = fx_open("err-missing-fields.yaml");
	assert_int_equal(f->r, 0);
	/* Every error of the file, sorted by position although the bank-level
	 * one is found last. */
	EXPECT_DIAGS(
		&f->diags, f->path, {1, 1, E, "bank has no 'title'"},
		{2, 5, E, "question has no 'id'"},
		{7, 5, E,
		 "question 'missing-002' has no 'type' (single, multiple, judge, fill or open)"},
		{7, 5, E, "question 'missing-002' has no 'question' text"},
		{7, 5, E, "question 'missing-002' has no 'answer'"},
		{10, 5, E, "a single question needs 'options'"},
		{18, 15, E, "'question' is empty"});
	for (i = 1; i < f->diags.count; i++)
		assert_true(f->diags.items[i - 1].line <= f->diags.items[i].line);
	assert_int_equal(f->set.questions_seen, 4);
	fx_free(f);
}

static void
test_err_id_format(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-id-format.yaml",
		      {3, 9, E,
		       "id 'Zizhifa_001' must be lower-case letters, digits, '.', '_' or '-', "
		       "starting with a letter or digit"},
		      {9, 9, E,
		       "id '-zizhifa-002' must be lower-case letters, digits, '.', '_' or '-', "
		       "starting with a letter or digit"},
		      {15, 9, E,
		       "id '自治法003' must be lower-case letters, digits, '.', '_' or '-', "
		       "starting with a letter or digit"});
}

static void
test_err_dup_id(void **state)
{
	char msg[600], a_path[512];
	const struct question *q;
	struct fx *f;

	(void)state;
	f = fx_new();
	fx_load(f, "err-dup-id-a.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	snprintf(a_path, sizeof(a_path), "%s", f->path);
	fx_load(f, "err-dup-id-b.yaml");
	assert_int_equal(f->r, 0);
	snprintf(msg, sizeof(msg), "duplicate id 'dup-001' (first at %s:3:9)", a_path);
	EXPECT_DIAGS(&f->diags, f->path, {9, 11, E, msg});
	assert_int_equal(f->set.nbanks, 2);
	assert_int_equal(f->set.nfiles, 2);
	/* The first one stays; the rest of the second bank loads. */
	q = find(&f->set, "dup-001");
	assert_ptr_equal(q->bank, &f->set.banks[0]);
	assert_string_equal(q->bank->title, "重复编号（甲）");
	q = find(&f->set, "dup-002");
	assert_ptr_equal(q->bank, &f->set.banks[1]);
	assert_string_equal(q->bank->path, f->path);
	fx_free(f);
}

static void
test_err_type_typo(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-type-typo.yaml", {4, 11, E, "unknown type 'singel'; did you mean 'single'?"},
		{11, 11, E, "unknown type '选择题': use single, multiple, judge, fill or open"});
}

/* A key or type that differs only in case gets the hint. */
static void
test_err_case_typo(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-case-typo.yaml",
		      {3, 5, E, "unknown key 'ID' in a question; did you mean 'id'?"},
		      {3, 5, E, "question has no 'id'"},
		      {10, 11, E, "unknown type 'Single'; did you mean 'single'?"});
}

/* Every competition key in a bank is reported, not only the first. */
static void
test_err_competition_keys(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("err-competition-keys.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(
		&f->diags, f->path,
		{2, 1, E, "unknown key 'seed' in a bank (it belongs in a competition file)"},
		{10, 1, E, "unknown key 'language' in a bank (it belongs in a competition file)"},
		{11, 1, E, "unknown key 'prizes' in a bank (it belongs in a competition file)"});
	assert_int_equal(f->set.ncompetitions, 0); /* still a bank */
	assert_int_equal(f->set.nbanks, 1);
	fx_free(f);
}

/* A NUL (the escape "\0") in a key or a number: an error where it stands,
 * saying so, never read as the text before the NUL. */
static void
test_err_nul_key(void **state)
{
	static const char top[] = "title: 空字符键\n\"questions\\0x\": []\n";
	const struct diag *d;
	struct fx *f;
	size_t i;

	(void)state;
	f = fx_open("err-nul-key.yaml");
	assert_int_equal(f->r, 0);
	expect_true_diags(f->diags.count == 3 && f->diags.errors == 3, &f->diags);
	/* The option key "B\0z", the value "5\0x" of 'points', and a key
	 * "questions\0x" after the bank's 'questions' (no duplicate key). */
	expect_true_diags(f->diags.items[0].line == 8 && f->diags.items[0].col == 7, &f->diags);
	expect_true_diags(f->diags.items[1].line == 16 && f->diags.items[1].col == 13, &f->diags);
	expect_diag(&f->diags, 2, f->path, 19, 1, E, "a key in a bank contains a NUL character");
	/* Neither question loads: not with option B, not with 5 points. */
	assert_int_equal(f->set.questions_seen, 2);
	assert_int_equal(f->set.nquestions, 0);
	/* The messages name the NUL rather than quote the text before it
	 * ("option key 'B' out of place: expected 'B'", "... not '5'"). */
	for (i = 0; i < 2; i++) {
		d = &f->diags.items[i];
		expect_true_diags(strstr(d->message, "NUL") != NULL, &f->diags);
	}
	fx_free(f);

	/* "questions\0x" is not 'questions'. */
	f = fx_new();
	assert_int_equal(bank_set_load_buffer(&f->set, "top.yaml", top, sizeof(top) - 1, &f->diags),
			 0);
	EXPECT_DIAGS(&f->diags, "top.yaml", {1, 1, E, "bank has no 'questions'"},
		     {2, 1, E, "a key in a bank contains a NUL character"});
	fx_free(f);
}

/* ---- options and answers --------------------------------------------------------- */

static void
test_err_options_order(void **state)
{
	(void)state;
	/* One mistake, one message: the answer names C, which is there (out of
	 * place), so "the options are A to B" would only mislead. */
	FIXTURE_DIAGS(
		"err-options-order.yaml",
		{8, 7, E,
		 "option key 'C' out of place: expected 'B' (keys are A, B, C, ... in order)"});
}

static void
test_err_options_dup_value(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-options-dup-value.yaml", {6, 32, E, "option C is the same as option A"});
}

static void
test_warn_options_alike(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("warn-options-alike.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path,
		     {8, 10, W, "option B differs from option A only in case, width or spacing"});
	assert_int_equal(find(&f->set, "alike-001")->noptions, 3); /* a warning: still loaded */
	fx_free(f);
}

static void
test_err_too_few_options(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-too-few-options.yaml",
		      {6, 14, E, "a question needs at least 2 options, found 1"});
}

static void
test_err_too_many_options(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-too-many-options.yaml",
		      {15, 7, E, "too many options: at most 8 (A to H)"});
}

static void
test_err_single_two_keys(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-single-two-keys.yaml",
		      {7, 13, E,
		       "a single question has one answer key; use type 'multiple' for several"});
}

/* One key written as a list: whatever the rule, the message must not tell the
 * author to use 'multiple' "for several" when there is one key. */
static void
test_err_single_list(void **state)
{
	struct fx *f;
	const char *m;

	(void)state;
	f = fx_open("err-single-list.yaml");
	assert_int_equal(f->r, 0);
	if (f->diags.count == 0) {
		/* Accepted as the key A: fine too. */
		assert_int_equal(find(&f->set, "singlelist-001")->answer_keys, 1u);
		fx_free(f);
		return;
	}
	expect_true_diags(f->diags.count == 1 && f->diags.errors == 1, &f->diags);
	expect_true_diags(f->diags.items[0].line == 7 && f->diags.items[0].col == 13, &f->diags);
	m = f->diags.items[0].message;
	expect_true_diags(strstr(m, "several") == NULL && strstr(m, "multiple") == NULL, &f->diags);
	fx_free(f);
}

static void
test_err_multiple_one_key(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-multiple-one-key.yaml",
		{7, 13, E,
		 "a multiple question has two or more answer keys; use type 'single' for one"});
}

static void
test_err_answer_not_option(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-answer-not-option.yaml",
		      {7, 13, E, "answer names option 'E', but the options are A to D"},
		      {14, 13, E, "answer 'b' is not an option key; did you mean 'B'?"},
		      {21, 13, E, "answer 'A和B' is not made of option keys (A, B, C, ...)"});
}

static void
test_err_judge_answer(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-judge-answer.yaml", {6, 13, E,
						"a judge answer is true or false (also 对/错, "
						"正确/错误, √/×, yes/no), not '也许'"});
}

static void
test_err_options_on_judge(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-options-on-judge.yaml",
		      {6, 5, E, "'options' are only for single and multiple questions, not judge"});
}

static void
test_err_fill_no_blank(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-fill-no-blank.yaml",
		      {5, 15, E, "a fill question marks each blank with three or more '_'"});
}

static void
test_err_fill_count(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-fill-count.yaml",
		      {6, 13, E, "the question has 2 blanks but the answer has 1 entry"},
		      {12, 14, E, "the question has one blank: list its accepted answers as text"},
		      {18, 14, E, "blank 1 has no accepted answer"});
}

static void
test_warn_fill_folds_empty(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("warn-fill-folds-empty.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path,
		     {6, 19, W,
		      "accepted answer '。' of blank 1 folds to nothing (only spaces or final "
		      "punctuation)"});
	expect_blank(find(&f->set, "foldempty-001"), 0, 2, "生命线", "。");
	fx_free(f);
}

/* An answer of ~, null, Null, NULL, "" or spaces is empty, whatever the type;
 * so is a fill alternative NULL; [] is an empty list. */
static void
test_err_empty_answer(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("err-empty-answer.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path, {6, 13, E, "'answer' is empty"}, /* ~, open */
		     {12, 13, E, "'answer' is empty"},                    /* null, open */
		     {18, 13, E, "'answer' is empty"},                    /* Null, judge */
		     {24, 13, E, "'answer' is empty"},                    /* NULL, judge */
		     {33, 13, E, "'answer' is empty"},                    /* "", single */
		     {42, 13, E, "'answer' is empty"},                    /* "   ", single */
		     {48, 20, E, "an accepted answer of blank 1 is empty"},
		     {54, 13, E, "'answer' is an empty list"});
	assert_int_equal(f->set.questions_seen, 8);
	assert_int_equal(f->set.nquestions, 0);
	fx_free(f);
}

/* ---- other fields ------------------------------------------------------------------ */

static void
test_err_difficulty(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-difficulty.yaml", {3, 15, E, "'difficulty' must be 1, 2 or 3, not '0'"},
		      {9, 17, E, "'difficulty' must be 1, 2 or 3, not '4'"},
		      {16, 17, E, "'difficulty' must be 1, 2 or 3, not '难'"});
}

static void
test_err_points(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-points.yaml",
		      {7, 13, E, "'points' must be a whole number from 1 to 1000000, not '0'"},
		      {14, 13, E, "'points' must be a whole number from 1 to 1000000, not '-5'"},
		      {21, 11, E, "'time' must be a whole number from 1 to 86400, not '30秒'"},
		      {28, 13, E, "'points' must be a whole number from 1 to 1000000, not '2.5'"});
}

/* shuffle: the bank's default, a question's own value over it; group: one
 * number per name across every bank of the set. */
static void
test_ok_shuffle_group(void **state)
{
	static const char other[] =
		"title: 另一个题库\n"
		"questions:\n"
		"  - {id: o-1, type: judge, question: 甲。, answer: true,\n"
		"     explanation: e, source: s, group: other}\n"
		"  - {id: o-2, type: judge, question: 乙。, answer: true,\n"
		"     explanation: e, source: s, group: new}\n"
		"  - {id: o-3, type: single, question: 丙？, options: {A: x, B: y},\n"
		"     answer: A, explanation: e, source: s, shuffle: true}\n"
		"defaults: {shuffle: false}\n";
	const struct question *years, *shuffled, *all, *judge, *q;
	struct fx *f;

	(void)state;
	f = fx_open("ok-shuffle-group.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nquestions, 4);
	assert_int_equal(f->set.banks[0].line, 7);
	assert_int_equal(f->set.banks[0].col, 1);
	years = find(&f->set, "sg-years");
	shuffled = find(&f->set, "sg-shuffled");
	all = find(&f->set, "sg-all");
	judge = find(&f->set, "sg-judge");
	assert_true(years->fixed_order);     /* the bank's default */
	assert_false(shuffled->fixed_order); /* its own 'shuffle: true' */
	assert_true(all->fixed_order);       /* its own 'shuffle: False' */
	assert_string_equal(years->group, "自治法通过");
	assert_ptr_equal(years->group, shuffled->group); /* one copy of the name */
	assert_int_equal(years->group_id, 1);
	assert_int_equal(shuffled->group_id, 1);
	assert_string_equal(all->group, "other");
	assert_int_equal(all->group_id, 2);
	assert_null(judge->group);
	assert_int_equal(judge->group_id, 0);
	assert_int_equal(f->set.ngroups, 2);

	/* Another bank of the set: a name met before keeps its number; the
	 * defaults come after the questions and still apply. */
	assert_int_equal(
		bank_set_load_buffer(&f->set, "other.yaml", other, sizeof(other) - 1, &f->diags),
		0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.ngroups, 3);
	q = find(&f->set, "o-1");
	assert_int_equal(q->group_id, 2);
	assert_ptr_equal(q->group, all->group);
	assert_true(q->fixed_order);
	q = find(&f->set, "o-2");
	assert_int_equal(q->group_id, 3);
	assert_string_equal(q->group, "new");
	q = find(&f->set, "o-3");
	assert_false(q->fixed_order);
	assert_int_equal(q->group_id, 0);
	assert_int_equal(f->set.banks[1].line, 2);
	fx_free(f);

	/* Without 'shuffle' anywhere, every question shuffles. */
	f = fx_open("ok-all-types.yaml");
	for (size_t i = 0; i < f->set.nquestions; i++) {
		assert_false(f->set.questions[i]->fixed_order);
		assert_int_equal(f->set.questions[i]->group_id, 0);
	}
	assert_int_equal(f->set.ngroups, 0);
	fx_free(f);
}

static void
test_err_shuffle_group(void **state)
{
	(void)state;
	FIXTURE_DIAGS(
		"err-shuffle-group.yaml", {2, 21, E, "'shuffle' must be true or false, not '否'"},
		{2, 24, E,
		 "'group' belongs in a question: in 'defaults' it would make every "
		 "question of the bank an alternative of the others"},
		{11, 14, E, "'shuffle' must be true or false, not 'no'"},
		{19, 14, E, "'shuffle' must be true or false without quotes"},
		{27, 14, E, "'shuffle' must be true or false, not a list"},
		{35, 12, E, "'group' is empty"}, {43, 12, E, "'group' must be text, not a list"},
		{50, 5, W, "'shuffle' orders options, and a judge question has none"},
		{51, 5, E, "unknown key 'shufle' in a question; did you mean 'shuffle'?"});
}

static void
test_err_tags_not_list(void **state)
{
	(void)state;
	FIXTURE_DIAGS("err-tags-not-list.yaml", {7, 11, E, "'tags' must be a list, such as [宪法]"},
		      {14, 11, E, "'tags' must be a list of text, not a mapping"});
}

static void
test_warn_missing_explanation_source(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("warn-missing-explanation-source.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path, {3, 5, W, "question 'noexpl-001' has no 'explanation'"},
		     {8, 5, W, "question 'nosrc-002' has no 'source'"},
		     {13, 5, W, "question 'noboth-003' has no 'explanation'"},
		     {13, 5, W, "question 'noboth-003' has no 'source'"});
	assert_int_equal(f->set.nquestions, 3); /* warnings: all loaded */
	assert_null(find(&f->set, "noboth-003")->explanation);
	fx_free(f);
}

static void
test_warn_same_text(void **state)
{
	char msg[600];
	struct fx *f;

	(void)state;
	f = fx_open("warn-same-text.yaml");
	assert_int_equal(f->r, 0);
	snprintf(msg, sizeof(msg), "question 'same-002' has the same text as 'same-001' (%s:5:15)",
		 f->path);
	EXPECT_DIAGS(&f->diags, f->path, {11, 15, W, msg});
	assert_int_equal(f->set.nquestions, 2);
	fx_free(f);
}

/* Text of only white space (ASCII, or the ideographic space U+3000) is empty. */
static void
test_err_blank_text(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("err-blank-text.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path, {1, 8, E, "'title' is empty"}, /* " " */
		     {5, 15, E, "'question' is empty"},                 /* "　" */
		     {13, 10, E, "'option' is empty"},                  /* A: " " */
		     {20, 15, E, "'question' is empty"},                /* " \t　\n　 " */
		     {26, 15, E, "'question' is empty"});               /* 　　, plain */
	assert_int_equal(f->set.questions_seen, 4);
	assert_int_equal(f->set.nquestions, 0);
	fx_free(f);
}

/* ---- files, directories, buffers ------------------------------------------------------- */

static void
test_competition_file(void **state)
{
	struct fx *f;

	(void)state;
	/* Named, a competition file is read for its syntax only: it is no bank,
	 * and the bank rules say nothing about it. */
	f = fx_open("competition.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nbanks, 0);
	assert_int_equal(f->set.ncompetitions, 1);
	fx_free(f);
}

static void
test_competition_syntax_error(void **state)
{
	(void)state;
	/* Its bank messages go, its syntax error stays. */
	FIXTURE_DIAGS(
		"err-competition-syntax.yaml",
		{4, 10, E,
		 "syntax error: did not find expected node content (while parsing a flow node)"});
}

static void
test_bank_with_rounds_and_syntax_error(void **state)
{
	(void)state;
	/* A bank (it has questions) with a competition key and a syntax error
	 * after it: both reported, nothing dropped silently. */
	FIXTURE_DIAGS(
		"err-bank-rounds-syntax.yaml",
		{7, 1, E, "unknown key 'rounds' in a bank (it belongs in a competition file)"},
		{9, 15, E, "syntax error: mapping values are not allowed in this context"});
}

static void
check_dir_set(const struct fx *f, const char *dir)
{
	char p0[600], p1[600];
	size_t i;

	snprintf(p0, sizeof(p0), "%s/a-xianfa/bank.yaml", dir);
	snprintf(p1, sizeof(p1), "%s/b-zizhifa/bank.yml", dir);
	assert_int_equal(f->set.nbanks, 2);
	assert_int_equal(f->set.nfiles, 3); /* read: two banks, one competition file */
	assert_int_equal(f->set.ncompetitions, 1);
	assert_string_equal(f->set.banks[0].path, p0);
	assert_string_equal(f->set.banks[0].title, "宪法（目录测试）");
	assert_string_equal(f->set.banks[1].path, p1);
	assert_string_equal(f->set.banks[1].title, "民族区域自治法（目录测试）");
	assert_int_equal(f->set.nquestions, 3);
	assert_string_equal(f->set.questions[0]->id, "dir-xianfa-001");
	assert_string_equal(f->set.questions[1]->id, "dir-xianfa-002");
	assert_string_equal(f->set.questions[2]->id, "dir-zizhifa-001");
	for (i = 0; i < 2; i++)
		assert_ptr_equal(f->set.questions[i]->bank, &f->set.banks[0]);
	assert_ptr_equal(f->set.questions[2]->bank, &f->set.banks[1]);
	assert_ptr_equal(bank_set_find(&f->set, "dir-zizhifa-001"), f->set.questions[2]);
}

static void
test_dir_sorted_recursive(void **state)
{
	char dir[512];
	struct fx *f;

	(void)state;
	f = fx_open("dir");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	check_dir_set(f, f->path);
	fx_free(f);

	/* A trailing slash makes no double slash. */
	f = fx_open("dir/");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	fx_path(dir, sizeof(dir), "dir");
	check_dir_set(f, dir);
	fx_free(f);
}

static void
test_dir_no_banks(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("nobanks");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path,
		     {0, 0, E, "no question banks (*.yaml, *.yml) in this directory"});
	assert_int_equal(f->set.nfiles, 0);
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

/* A directory whose only YAML file is a competition file holds no banks either. */
static void
test_dir_only_competition(void **state)
{
	char dir[] = "/tmp/jingsai-test-dir-XXXXXX", src[512], dst[600];
	struct fx *f;
	FILE *in, *out;
	int c, r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fx_path(src, sizeof(src), "competition.yaml");
	snprintf(dst, sizeof(dst), "%s/competition.yaml", dir);
	in = fopen(src, "rb");
	assert_non_null(in);
	out = fopen(dst, "wb");
	if (out == NULL) {
		fclose(in);
		rmdir(dir);
		fail_msg("cannot create %s", dst);
	}
	while ((c = getc(in)) != EOF)
		putc(c, out);
	fclose(in);
	r = fclose(out);
	f = fx_new();
	if (r == 0)
		r = bank_set_load_path(&f->set, dir, &f->diags);
	unlink(dst);
	rmdir(dir);
	assert_int_equal(r, 0);
	EXPECT_DIAGS(&f->diags, dir,
		     {0, 0, E, "no question banks (*.yaml, *.yml) in this directory"});
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

/* The same file named twice, or named and inside a directory also named, is
 * read once: no duplicate ids, one file counted. */
static void
test_same_file_twice(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_new();
	fx_load(f, "ok-all-types.yaml");
	assert_int_equal(f->r, 0);
	fx_load(f, "ok-all-types.yaml");
	assert_int_equal(f->r, 0);
	fx_load(f, "./ok-all-types.yaml"); /* another spelling of the same file */
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nfiles, 1);
	assert_int_equal(f->set.nbanks, 1);
	assert_int_equal(f->set.nquestions, 11);
	assert_true(model_consistent(&f->set));
	fx_free(f);

	/* A directory, then a bank and the competition file inside it. */
	f = fx_new();
	fx_load(f, "dir");
	assert_int_equal(f->r, 0);
	fx_load(f, "dir/a-xianfa/bank.yaml");
	assert_int_equal(f->r, 0);
	fx_load(f, "dir/competition.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nfiles, 3);
	assert_int_equal(f->set.nbanks, 2);
	assert_int_equal(f->set.ncompetitions, 1);
	assert_int_equal(f->set.nquestions, 3);
	assert_true(model_consistent(&f->set));
	fx_free(f);

	/* A bank, then the directory it is in. */
	f = fx_new();
	fx_load(f, "dir/b-zizhifa/bank.yml");
	assert_int_equal(f->r, 0);
	fx_load(f, "dir");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nfiles, 3);
	assert_int_equal(f->set.nbanks, 2);
	assert_int_equal(f->set.nquestions, 3);
	assert_string_equal(f->set.questions[0]->id, "dir-zizhifa-001");
	assert_true(model_consistent(&f->set));
	fx_free(f);

	/* A bank, then a directory holding only it: that directory has a bank. */
	f = fx_new();
	fx_load(f, "dir/b-zizhifa/bank.yml");
	assert_int_equal(f->r, 0);
	fx_load(f, "dir/b-zizhifa");
	assert_int_equal(f->r, 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nbanks, 1);
	fx_free(f);
}

/* Write text to path; 0 or -1. */
static int
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	int r;

	if (fp == NULL)
		return -1;
	r = fputs(text, fp) < 0;
	return fclose(fp) != 0 || r ? -1 : 0;
}

/* A directory whose only YAML file is a competition file already named holds
 * no banks all the same. */
static void
test_dir_only_competition_named_first(void **state)
{
	char dir[] = "/tmp/jingsai-test-dir-XXXXXX", path[600];
	struct fx *f;
	int r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/competition.yaml", dir);
	r = write_file(path, "title: 竞赛\nrounds: []\n");
	f = fx_new();
	if (r == 0)
		r = bank_set_load_path(&f->set, path, &f->diags);
	if (r == 0)
		r = bank_set_load_path(&f->set, dir, &f->diags);
	unlink(path);
	rmdir(dir);
	assert_int_equal(r, 0);
	EXPECT_DIAGS(&f->diags, dir,
		     {0, 0, E, "no question banks (*.yaml, *.yml) in this directory"});
	assert_int_equal(f->set.nfiles, 1);
	assert_int_equal(f->set.ncompetitions, 1);
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

/* A bank 18 directories down: the 17th level is not searched, and says so. */
static void
test_dir_too_deep(void **state)
{
	enum { LEVELS = 18 };
	char root[] = "/tmp/jingsai-test-deep-XXXXXX", path[LEVELS + 1][256], bank[300], dir17[256];
	struct fx *f;
	int i, made = 0, r = -1;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path[0], sizeof(path[0]), "%s", root);
	for (i = 1; i <= LEVELS; i++) {
		/* Copied, then extended: GCC's -Wrestrict cannot tell two rows apart. */
		memcpy(path[i], path[i - 1], sizeof(path[i]));
		snprintf(path[i] + strlen(path[i]), sizeof(path[i]) - strlen(path[i]), "/d%d", i);
		if (mkdir(path[i], 0700) != 0)
			break;
		made = i;
	}
	snprintf(bank, sizeof(bank), "%s/bank.yaml", path[LEVELS]);
	snprintf(dir17, sizeof(dir17), "%s", path[17]);
	f = fx_new();
	if (made == LEVELS && write_file(bank, "title: 很深\nquestions:\n"
					       "  - {id: deep-001, type: judge, question: 很深。, "
					       "answer: true, explanation: e, source: s}\n") == 0)
		r = bank_set_load_path(&f->set, root, &f->diags);
	unlink(bank);
	for (i = made; i >= 0; i--)
		rmdir(path[i]);
	assert_int_equal(made, LEVELS);
	assert_int_equal(r, 0);
	/* Only the depth: "no banks" in the top directory would mislead. */
	expect_true_diags(f->diags.count == 1 && f->diags.errors == 1, &f->diags);
	expect_diag(&f->diags, 0, dir17, 0, 0, E,
		    "directory nested more than 16 levels deep: not searched");
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

static void
test_nonexistent_path(void **state)
{
	struct fx *f;

	(void)state;
	f = fx_open("no-such-bank.yaml");
	assert_int_equal(f->r, 0);
	EXPECT_DIAGS(&f->diags, f->path, {0, 0, E, "No such file or directory"});
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

static void
test_unreadable_file(void **state)
{
	char path[] = "/tmp/jingsai-test-unreadable-XXXXXX";
	static const char bank[] = "title: 读不了\nquestions: []\n";
	struct fx *f;
	ssize_t w;
	int fd, r;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	w = write(fd, bank, sizeof(bank) - 1);
	close(fd);
	r = chmod(path, 0);
	f = fx_new();
	if (w == (ssize_t)(sizeof(bank) - 1) && r == 0)
		f->r = bank_set_load_path(&f->set, path, &f->diags);
	unlink(path);
	assert_int_equal(w, (ssize_t)(sizeof(bank) - 1));
	assert_int_equal(r, 0);
	assert_int_equal(f->r, 0);
	if (geteuid() == 0) {
		/* root reads it anyway: nothing to check but that it did not crash. */
		fx_free(f);
		skip();
		return;
	}
	EXPECT_DIAGS(&f->diags, path, {0, 0, E, "cannot open: Permission denied"});
	assert_int_equal(f->set.nfiles, 1);
	assert_int_equal(f->set.nbanks, 0);
	fx_free(f);
}

static void
test_load_buffer(void **state)
{
	static const char good[] =
		"title: 内存里的题库\n"
		"questions:\n"
		"  - id: buf-001\n"
		"    type: fill\n"
		"    question: 我国的民族自治地方分为自治区、自治州、______三级。\n"
		"    answer: 自治县\n"
		"    explanation: 宪法第三十条。\n"
		"    source: 《中华人民共和国宪法》\n";
	const struct question *q;
	struct fx *f;

	(void)state;
	f = fx_new();
	assert_int_equal(
		bank_set_load_buffer(&f->set, "内存.yaml", good, sizeof(good) - 1, &f->diags), 0);
	EXPECT_NO_DIAGS(&f->diags);
	assert_int_equal(f->set.nbanks, 1);
	assert_int_equal(f->set.nfiles, 1);
	assert_string_equal(f->set.banks[0].path, "内存.yaml");
	assert_string_equal(f->set.banks[0].title, "内存里的题库");
	q = find(&f->set, "buf-001");
	assert_ptr_equal(q->bank, &f->set.banks[0]);
	assert_int_equal(q->type, QTYPE_FILL);
	expect_blank(q, 0, 1, "自治县");
	/* The same bank again in the same set: its id is taken. */
	assert_int_equal(
		bank_set_load_buffer(&f->set, "again.yaml", good, sizeof(good) - 1, &f->diags), 0);
	EXPECT_DIAGS(&f->diags, "again.yaml",
		     {3, 9, E, "duplicate id 'buf-001' (first at 内存.yaml:3:9)"});
	assert_int_equal(f->set.nbanks, 2);
	assert_ptr_equal(find(&f->set, "buf-001")->bank, &f->set.banks[0]);
	fx_free(f);
}

/* Positions that the loader works out from the bytes (reader errors, tabs)
 * come from the buffer, not from a file of that name. */
static void
test_load_buffer_positions(void **state)
{
	static const char tab[] = "title: t\nquestions:\n\t- id: x\n";
	static const char bom[] = "\xef\xbb\xbftitel: 题库\nquestions: []\n";
	static const char nul[] =
		"title: 空字符\nquestions:\n  - {id: nul-1, type: open, question: \"甲\\0乙\", "
		"answer: 参考, explanation: e, source: s}\n";
	struct fx *f;
	char *big;
	size_t i, n, len;

	(void)state;
	f = fx_new();
	assert_int_equal(bank_set_load_buffer(&f->set, "tab.yaml", tab, sizeof(tab) - 1, &f->diags),
			 0);
	EXPECT_DIAGS(&f->diags, "tab.yaml",
		     {3, 1, E, "tab character: indent with spaces, not tabs"});
	diag_list_free(&f->diags);

	/* A BOM takes no column. */
	assert_int_equal(bank_set_load_buffer(&f->set, "bom.yaml", bom, sizeof(bom) - 1, &f->diags),
			 0);
	EXPECT_DIAGS(&f->diags, "bom.yaml",
		     {1, 1, E, "unknown key 'titel' in a bank; did you mean 'title'?"},
		     {1, 1, E, "bank has no 'title'"}, {2, 1, W, "bank has no questions"});
	diag_list_free(&f->diags);

	assert_int_equal(bank_set_load_buffer(&f->set, "nul.yaml", nul, sizeof(nul) - 1, &f->diags),
			 0);
	EXPECT_DIAGS(&f->diags, "nul.yaml", {3, 39, E, "'question' contains a NUL character"});
	diag_list_free(&f->diags);

	/* A bad byte far beyond libyaml's first read: 3000 comment lines first. */
	len = 3000 * 64 + 64;
	big = tmp_alloc(len);
	for (i = 0, n = 0; i < 3000; i++) {
		int w = snprintf(big + n, len - n, "# 第%04zu行注释注释注释注释\n", i);

		assert_true(w > 0 && (size_t)w < len - n);
		n += (size_t)w;
	}
	n += (size_t)snprintf(big + n, len - n, "title: 坏\xc3(\n");
	assert_true(n > 64 * 1024);
	assert_int_equal(bank_set_load_buffer(&f->set, "far.yaml", big, n, &f->diags), 0);
	EXPECT_DIAGS(
		&f->diags, "far.yaml",
		{3001, 10, E, "invalid trailing UTF-8 octet (byte 0x28): the file must be UTF-8"});
	tmp_free(big);
	fx_free(f);
}

static void
test_question_type_names(void **state)
{
	static const char *const names[] = {"single", "multiple", "judge", "fill", "open"};
	int i;

	(void)state;
	for (i = 0; i < QTYPE_COUNT; i++) {
		assert_string_equal(question_type_name((enum question_type)i), names[i]);
		assert_int_equal(question_type_parse(names[i]), i);
	}
	assert_int_equal(question_type_parse("Single"), -1);
	assert_int_equal(question_type_parse(""), -1);
}

/* ---- out of memory --------------------------------------------------------------------- */

/* Load the OOM test's files into set; 1 when any load returned -1. */
static int
oom_load(struct bank_set *set, struct diag_list *diags)
{
	/* Valid banks with a duplicate id between them, a file full of
	 * diagnostics, one cut short by a syntax error and one whose warnings
	 * come after its bank is recorded, so that failures land in all those
	 * paths. */
	static const char *const names[] = {
		"ok-all-types.yaml", "err-dup-id-a.yaml",
		"err-dup-id-b.yaml", "err-missing-fields.yaml",
		"err-syntax.yaml",   "warn-missing-explanation-source.yaml"};
	char path[512];
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		fx_path(path, sizeof(path), names[i]);
		if (bank_set_load_path(set, path, diags) != 0)
			failed = 1;
	}
	return failed;
}

/* Fail the n-th allocation (and, when sticky, every later one) of loading
 * ok-all-types plus the duplicate-id pair (and two more), for every n until a
 * load no longer reaches n.  Nothing may leak, every failure must be reported,
 * and a load that met no failure gives the same result as one without
 * injection. */
static void
oom_run(int sticky)
{
	struct fx *ref, *f;
	long n, live0, c0, used;

	ref = fx_new();
	assert_int_equal(oom_load(&ref->set, &ref->diags), 0);
	assert_false(ref->diags.oom);
	assert_true(ref->set.nquestions >= 13);

	for (n = 0;; n++) {
		int failed, hit;

		live0 = mem_live();
		f = fx_new();
		c0 = mem_count();
		mem_fail_after(n, sticky);
		failed = oom_load(&f->set, &f->diags);
		/* The set stays usable and consistent, however partial. */
		(void)bank_set_find(&f->set, "all-single");
		(void)bank_set_find(&f->set, "dup-001");
		assert_true(model_consistent(&f->set));
		used = mem_count() - c0;
		mem_fail_after(-1, 0);
		hit = used > n;
		if (hit && !failed && !f->diags.oom)
			fail_msg("sticky=%d n=%ld: an allocation failed but the load reported "
				 "success "
				 "(%zu questions, %zu errors)",
				 sticky, n, f->set.nquestions, f->diags.errors);
		if (!hit) {
			assert_false(failed);
			assert_false(f->diags.oom);
			assert_int_equal(f->set.nquestions, ref->set.nquestions);
			assert_int_equal(f->set.nbanks, ref->set.nbanks);
			assert_int_equal(f->diags.errors, ref->diags.errors);
			assert_int_equal(f->diags.warnings, ref->diags.warnings);
		}
		fx_free(f);
		if (mem_live() != live0)
			fail_msg("sticky=%d n=%ld: %ld block(s) leaked", sticky, n,
				 mem_live() - live0);
		if (!hit)
			break;
		if (n > 100000)
			fail_msg("sticky=%d: no end after %ld allocations", sticky, n);
	}
	print_message("out of memory (%s): %ld allocation points, no leaks\n",
		      sticky ? "sticky" : "one failure", n);
	fx_free(ref);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_ok_all_types, teardown),
		cmocka_unit_test_teardown(test_ok_judge_words, teardown),
		cmocka_unit_test_teardown(test_ok_bom, teardown),
		cmocka_unit_test_teardown(test_ok_defaults_after_questions, teardown),
		cmocka_unit_test_teardown(test_ok_block_scalars, teardown),
		cmocka_unit_test_teardown(test_err_syntax, teardown),
		cmocka_unit_test_teardown(test_err_tab_indent, teardown),
		cmocka_unit_test_teardown(test_err_tab_indent_key, teardown),
		cmocka_unit_test_teardown(test_err_tab_indent_block, teardown),
		cmocka_unit_test_teardown(test_err_bad_utf8, teardown),
		cmocka_unit_test_teardown(test_err_control_char, teardown),
		cmocka_unit_test_teardown(test_err_utf16, teardown),
		cmocka_unit_test_teardown(test_err_empty, teardown),
		cmocka_unit_test_teardown(test_err_comments_only, teardown),
		cmocka_unit_test_teardown(test_err_two_documents, teardown),
		cmocka_unit_test_teardown(test_err_root_not_mapping, teardown),
		cmocka_unit_test_teardown(test_err_fullwidth_colon, teardown),
		cmocka_unit_test_teardown(test_err_colon_no_space, teardown),
		cmocka_unit_test_teardown(test_err_invisible_breaks, teardown),
		cmocka_unit_test_teardown(test_invisible_break_end_of_read, teardown),
		cmocka_unit_test_teardown(test_err_anchor, teardown),
		cmocka_unit_test_teardown(test_err_alias, teardown),
		cmocka_unit_test_teardown(test_err_billion_laughs, teardown),
		cmocka_unit_test_teardown(test_err_deep_nesting, teardown),
		cmocka_unit_test_teardown(test_depth_limit_fast, teardown),
		cmocka_unit_test_teardown(test_size_cap_small, teardown),
		cmocka_unit_test_teardown(test_size_cap_default, teardown),
		cmocka_unit_test_teardown(test_size_cap_buffer, teardown),
		cmocka_unit_test_teardown(test_too_many_problems, teardown),
		cmocka_unit_test_teardown(test_err_unknown_key, teardown),
		cmocka_unit_test_teardown(test_err_dup_key, teardown),
		cmocka_unit_test_teardown(test_err_missing_fields, teardown),
		cmocka_unit_test_teardown(test_err_id_format, teardown),
		cmocka_unit_test_teardown(test_err_dup_id, teardown),
		cmocka_unit_test_teardown(test_err_type_typo, teardown),
		cmocka_unit_test_teardown(test_err_case_typo, teardown),
		cmocka_unit_test_teardown(test_err_competition_keys, teardown),
		cmocka_unit_test_teardown(test_err_nul_key, teardown),
		cmocka_unit_test_teardown(test_err_options_order, teardown),
		cmocka_unit_test_teardown(test_err_options_dup_value, teardown),
		cmocka_unit_test_teardown(test_warn_options_alike, teardown),
		cmocka_unit_test_teardown(test_err_too_few_options, teardown),
		cmocka_unit_test_teardown(test_err_too_many_options, teardown),
		cmocka_unit_test_teardown(test_err_single_two_keys, teardown),
		cmocka_unit_test_teardown(test_err_single_list, teardown),
		cmocka_unit_test_teardown(test_err_multiple_one_key, teardown),
		cmocka_unit_test_teardown(test_err_answer_not_option, teardown),
		cmocka_unit_test_teardown(test_err_judge_answer, teardown),
		cmocka_unit_test_teardown(test_err_options_on_judge, teardown),
		cmocka_unit_test_teardown(test_err_fill_no_blank, teardown),
		cmocka_unit_test_teardown(test_err_fill_count, teardown),
		cmocka_unit_test_teardown(test_warn_fill_folds_empty, teardown),
		cmocka_unit_test_teardown(test_err_empty_answer, teardown),
		cmocka_unit_test_teardown(test_err_difficulty, teardown),
		cmocka_unit_test_teardown(test_err_points, teardown),
		cmocka_unit_test_teardown(test_ok_shuffle_group, teardown),
		cmocka_unit_test_teardown(test_err_shuffle_group, teardown),
		cmocka_unit_test_teardown(test_err_tags_not_list, teardown),
		cmocka_unit_test_teardown(test_warn_missing_explanation_source, teardown),
		cmocka_unit_test_teardown(test_warn_same_text, teardown),
		cmocka_unit_test_teardown(test_err_blank_text, teardown),
		cmocka_unit_test_teardown(test_many_warnings, teardown),
		cmocka_unit_test_teardown(test_competition_file, teardown),
		cmocka_unit_test_teardown(test_competition_syntax_error, teardown),
		cmocka_unit_test_teardown(test_bank_with_rounds_and_syntax_error, teardown),
		cmocka_unit_test_teardown(test_dir_sorted_recursive, teardown),
		cmocka_unit_test_teardown(test_dir_no_banks, teardown),
		cmocka_unit_test_teardown(test_dir_only_competition, teardown),
		cmocka_unit_test_teardown(test_same_file_twice, teardown),
		cmocka_unit_test_teardown(test_dir_only_competition_named_first, teardown),
		cmocka_unit_test_teardown(test_dir_too_deep, teardown),
		cmocka_unit_test_teardown(test_nonexistent_path, teardown),
		cmocka_unit_test_teardown(test_unreadable_file, teardown),
		cmocka_unit_test_teardown(test_load_buffer, teardown),
		cmocka_unit_test_teardown(test_load_buffer_positions, teardown),
		cmocka_unit_test_teardown(test_question_type_names, teardown),
		cmocka_unit_test_teardown(test_oom_single, teardown),
		cmocka_unit_test_teardown(test_oom_sticky, teardown),
	};
	int n = cmocka_run_group_tests(tests, NULL, NULL);

	return n ? 1 : 0;
}
