/*
 * test_gift.c — Moodle GIFT in: every kind of question GIFT has, its
 * escapes, comments, titles, categories and feedback, the "// @" fields that
 * jingsai's own export writes, and the errors (with the line and column an
 * author can jump to) for what jingsai cannot take.
 */
#include "import_check.h"

#include "gift.h"
#include "mem.h"

static struct qdoc doc;
static struct diag_list diags;

static int
teardown(void **state)
{
	(void)state;
	qdoc_free(&doc);
	diag_list_free(&diags);
	return 0;
}

static void
import_ok(const char *text, size_t n)
{
	run_import(gift_import, text, &doc, &diags);
	if (diags.count != 0) {
		print_diags(&diags);
		fail_msg("unexpected diagnostics");
	}
	assert_int_equal(doc.n, n);
}

static void
test_choice(void **state)
{
	(void)state;
	import_ok("// a comment\n"
		  "::Q1:: 谁？ {\n"
		  "  ~甲#不对\n"
		  "  =乙#对，因为乙。\n"
		  "  ~丙\n"
		  "}\n"
		  "\n"
		  "::q2::哪些？{~%50%甲 ~%50%乙#都对 ~%-100%丙 ####总的解析}\n"
		  "\n"
		  "[html]民族区域自治是{=基本政治制度 ~一般制度}之一。\n",
		  3);
	assert_string_equal(doc.q[0]->id, "q1");
	assert_int_equal(doc.q[0]->type, QTYPE_SINGLE);
	assert_string_equal(doc.q[0]->text, "谁？");
	assert_int_equal(doc.q[0]->noptions, 3);
	assert_string_equal(doc.q[0]->options[1], "乙");
	assert_int_equal(doc.q[0]->answer_keys, 2);
	assert_string_equal(doc.q[0]->explanation, "对，因为乙。");
	assert_int_equal(doc.q[0]->line, 2);
	assert_int_equal(doc.q[0]->col, 1);
	assert_int_equal(doc.q[1]->type, QTYPE_MULTIPLE);
	assert_int_equal(doc.q[1]->answer_keys, 3);
	assert_string_equal(doc.q[1]->explanation, "总的解析");
	assert_int_equal(doc.q[1]->line, 8);
	/* The answer block mid-sentence leaves a blank; the [html] mark goes. */
	assert_string_equal(doc.q[2]->text, "民族区域自治是_____之一。");
	assert_null(doc.q[2]->id);
	assert_int_equal(doc.q[2]->answer_keys, 1);
}

static void
test_true_false(void **state)
{
	(void)state;
	import_ok("一。{T}\n\n二。{TRUE}\n\n三。{F#错了#对，不是}\n\n四。{FALSE#这样答错了}\n\n"
		  "五。{TRUE####解析}\n",
		  5);
	assert_int_equal(doc.q[0]->type, QTYPE_JUDGE);
	assert_true(doc.q[0]->answer_true);
	assert_true(doc.q[1]->answer_true);
	assert_false(doc.q[2]->answer_true);
	/* {F#shown to a wrong answer#shown to a right one}: the right one explains. */
	assert_string_equal(doc.q[2]->explanation, "对，不是");
	assert_string_equal(doc.q[3]->explanation, "这样答错了");
	assert_string_equal(doc.q[4]->explanation, "解析");
	assert_null(doc.q[0]->explanation);
}

static void
test_short_answer(void **state)
{
	(void)state;
	run_import(gift_import,
		   "国家通用语言是什么？{=普通话 =汉语普通话#对 =%50%汉语}\n"
		   "\n"
		   "我国现行宪法通过于{=1982}年。\n"
		   "\n"
		   "主线是______。{=铸牢中华民族共同体意识####解析}\n",
		   &doc, &diags);
	expect_diags(
		"short", &diags,
		(const struct ediag[]){{1, 26, W,
					"'汉语' is worth 50%: jingsai has no partial credit, so "
					"it is left out"},
				       {0, 0, E, NULL}});
	assert_int_equal(doc.n, 3);
	assert_int_equal(doc.q[0]->type, QTYPE_FILL);
	/* The answer box after the text becomes a blank at the end. */
	assert_string_equal(doc.q[0]->text, "国家通用语言是什么？_____");
	assert_int_equal(doc.q[0]->blanks[0].nalts, 2);
	assert_string_equal(doc.q[0]->blanks[0].alts[1], "汉语普通话");
	assert_string_equal(doc.q[0]->explanation, "对");
	assert_string_equal(doc.q[1]->text, "我国现行宪法通过于_____年。");
	/* A blank already in the text is kept as it is. */
	assert_string_equal(doc.q[2]->text, "主线是______。");
	assert_string_equal(doc.q[2]->explanation, "解析");
}

static void
test_essay_and_fields(void **state)
{
	(void)state;
	import_ok("$CATEGORY: $course$/top/法律法规\n"
		  "\n"
		  "// @explanation 第一行\\n第二行\n"
		  "// @source 《宪法》第四条\n"
		  "// @difficulty 3\n"
		  "// @points 20\n"
		  "// @time 90\n"
		  "// @tag 宪法\n"
		  "// @tag 平等\n"
		  "::open-1::简述。{\n"
		  "####参考答案\n"
		  "}\n"
		  "\n"
		  "// @category\n"
		  "::j::对吗？{T}\n"
		  "\n"
		  "::k::还对吗？{T}\n",
		  3);
	assert_int_equal(doc.q[0]->type, QTYPE_OPEN);
	assert_string_equal(doc.q[0]->reference, "参考答案");
	assert_string_equal(doc.q[0]->explanation, "第一行\n第二行");
	assert_string_equal(doc.q[0]->source, "《宪法》第四条");
	assert_int_equal(doc.q[0]->difficulty, 3);
	assert_int_equal(doc.q[0]->points, 20);
	assert_int_equal(doc.q[0]->time, 90);
	assert_int_equal(doc.q[0]->ntags, 2);
	assert_string_equal(doc.q[0]->tags[1], "平等");
	assert_string_equal(doc.q[0]->category, "法律法规");
	assert_null(doc.q[1]->category);
	assert_string_equal(doc.q[2]->category, "法律法规");
	assert_null(doc.q[2]->source);
}

static void
test_escapes(void **state)
{
	(void)state;
	import_ok("::e::a \\= b \\{c\\} \\~ \\# \\: \\\\ x\\ny \\q{\n"
		  "=\\=1 \\#2\n"
		  "~3\\~\n"
		  "}\n"
		  "\r\n"
		  "::f::CRLF?{T}\r\n",
		  2);
	assert_string_equal(doc.q[0]->text, "a = b {c} ~ # : \\ x\ny \\q");
	assert_string_equal(doc.q[0]->options[0], "=1 #2");
	assert_string_equal(doc.q[0]->options[1], "3~");
	assert_string_equal(doc.q[1]->text, "CRLF?");
	assert_int_equal(doc.q[1]->line, 6);
}

static void
test_errors(void **state)
{
	(void)state;
	run_import(gift_import,
		   "::n::数字？{#1822:5}\n"             /* 1 */
		   "\n"                                 /* 2 */
		   "::m::配对。{=甲 -> 乙 =丙 -> 丁}\n" /* 3 */
		   "\n"                                 /* 4 */
		   "  没有闭合 {=甲\n"                  /* 5 */
		   "~乙\n"                              /* 6 */
		   "\n"                                 /* 7 */
		   "一题{T}\n"                          /* 8 */
		   "二题{F}\n"                          /* 9 */
		   "\n"                                 /* 10 */
		   "只是一段说明。\n"                   /* 11 */
		   "\n"                                 /* 12 */
		   "谁？{~甲 ~乙}\n"                    /* 13 */
		   "\n"                                 /* 14 */
		   "简答？{}\n"                         /* 15 */
		   "\n"                                 /* 16 */
		   "哪个？{=甲 =乙 ~丙}\n"              /* 17 */
		   "\n"                                 /* 18 */
		   "::未闭合标题 文本{T}\n"             /* 19 */
		   "\n"                                 /* 20 */
		   "// @difficulty 5\n"                 /* 21 */
		   "// @sorce 法\n"                     /* 22 */
		   "好{T}\n",                           /* 23 */
		   &doc, &diags);
	expect_diags(
		"errors", &diags,
		(const struct ediag[]){
			{1, 9, E, "numerical questions {#…} are not supported"},
			{3, 9, E, "matching questions {=a -> b} are not supported"},
			{5, 8, E,
			 "the answer block is not closed with '}' (write \\{ for a brace in "
			 "the text)"},
			{9, 3, E, "a second answer block: separate questions with a blank line"},
			{11, 1, E,
			 "no answer block {…}: text without a question is not imported (or is "
			 "a blank line missing before this question?)"},
			{13, 3, E, "no right answer: mark it with '=', or several with ~%50%"},
			{15, 4, E,
			 "an essay question needs its reference answer as general feedback: "
			 "{####…}"},
			{17, 4, E,
			 "several answers marked '=': mark the right answers of a 多选 ~%50% (or "
			 "~%33.33333% for three, …)"},
			{19, 1, E, "the title is not closed: write ::title:: (or \\: for a colon)"},
			{21, 16, E, "difficulty '5' is not 1, 2 or 3"},
			{22, 4, W,
			 "unknown field '@sorce' in a comment: jingsai reads @source, @difficulty, "
			 "@points, @time, @tag, @category, @explanation, @shuffle, @group"},
			{0, 0, E, NULL}});
}

/* Found by fuzzing: a title and nothing after it read past the text. */
static void
test_title_only(void **state)
{
	(void)state;
	run_import(gift_import, "::ok::\n\n::a::  \n", &doc, &diags);
	expect_diags("title only", &diags,
		     (const struct ediag[]){
			     {1, 6, E,
			      "no answer block {…}: text without a question is not imported (or is "
			      "a blank line missing before this question?)"},
			     {3, 6, E,
			      "no answer block {…}: text without a question is not imported (or is "
			      "a blank line missing before this question?)"},
			     {0, 0, E, NULL}});
}

static void
test_oom(void **state)
{
	static const char text[] = "$CATEGORY: 类\n\n// @tag a\n// @tag b\n// @source s\n"
				   "::x::谁？{=甲#对 ~乙 ####解析}\n\n多？{~%50%a ~%50%b ~c}\n\n"
				   "填{=a =b}\n\n对{T#x#y}\n\n答{####参考}\n";

	(void)state;
	check_import_oom(gift_import, text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_choice, teardown),
		cmocka_unit_test_teardown(test_true_false, teardown),
		cmocka_unit_test_teardown(test_short_answer, teardown),
		cmocka_unit_test_teardown(test_essay_and_fields, teardown),
		cmocka_unit_test_teardown(test_escapes, teardown),
		cmocka_unit_test_teardown(test_errors, teardown),
		cmocka_unit_test_teardown(test_title_only, teardown),
		cmocka_unit_test_teardown(test_oom, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
