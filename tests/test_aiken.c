/*
 * test_aiken.c — the Aiken format in: the plain form, the marks Chinese
 * input methods type, questions on several lines, and the errors with the
 * line and column of the line at fault.
 */
#include "import_check.h"

#include "aiken.h"
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
test_plain(void **state)
{
	(void)state;
	run_import(aiken_import,
		   "民族自治地方分为哪几级？\n"
		   "A. 一级\n"
		   "B) 三级\n"
		   "C. 四级\n"
		   "ANSWER: B\n"
		   "下列哪些是自治机关？\r\n"
		   "  （可多选）\r\n"
		   "A、人民代表大会\r\n"
		   "B．人民政府\r\n"
		   "C）人民法院\r\n"
		   "答案：AB\r\n"
		   "\n"
		   "第三题\n"
		   "A. 甲\n"
		   "B. 乙\n"
		   "answer:a\n",
		   &doc, &diags);
	expect_diags("plain", &diags, (const struct ediag[]){{0, 0, E, NULL}});
	assert_int_equal(doc.n, 3);
	assert_int_equal(doc.q[0]->type, QTYPE_SINGLE);
	assert_string_equal(doc.q[0]->text, "民族自治地方分为哪几级？");
	assert_int_equal(doc.q[0]->noptions, 3);
	assert_string_equal(doc.q[0]->options[1], "三级");
	assert_int_equal(doc.q[0]->answer_keys, 2);
	assert_int_equal(doc.q[1]->type, QTYPE_MULTIPLE);
	assert_string_equal(doc.q[1]->text, "下列哪些是自治机关？\n（可多选）");
	assert_string_equal(doc.q[1]->options[2], "人民法院");
	assert_int_equal(doc.q[1]->answer_keys, 3);
	assert_int_equal(doc.q[1]->line, 6);
	assert_int_equal(doc.q[2]->line, 13);
	assert_int_equal(doc.q[2]->answer_keys, 1);
}

static void
test_errors(void **state)
{
	(void)state;
	run_import(aiken_import,
		   "A. 没有题目\n" /* 1 */
		   "第一题\n"      /* 2 */
		   "A. 甲\n"       /* 3 */
		   "C. 丙\n"       /* 4 */
		   "B. 乙\n"       /* 5 */
		   "ANSWER: E\n"   /* 6 */
		   "第二题\n"      /* 7 */
		   "A. 甲\n"       /* 8 */
		   "ANSWER: A\n"   /* 9 */
		   "ANSWER: A\n"   /* 10 */
		   "第三题\n"      /* 11 */
		   "A. 甲\n"       /* 12 */
		   "B. 乙\n"       /* 13 */
		   "第四题\n"      /* 14 */
		   "A. 甲\n"       /* 15 */
		   "B.\n"          /* 16 */
		   "B. 乙\n"       /* 17 */
		   "ANSWER: 甲\n"  /* 18 */
		   "第五题\n",     /* 19 */
		   &doc, &diags);
	expect_diags(
		"errors", &diags,
		(const struct ediag[]){
			{1, 1, E, "an option without a question before it"},
			{4, 1, E,
			 "option C comes where option B should: options go A, B, C, … in order"},
			{6, 9, E, "ANSWER 'E' names an option the question does not have (A to B)"},
			{7, 1, E, "a question needs 2 to 8 options (A. …, B. …) before its ANSWER"},
			{10, 1, E, "an ANSWER line without a question before it"},
			{11, 1, E, "this question has no ANSWER line (such as ANSWER: B)"},
			{16, 1, E, "option B is empty"},
			{18, 9, E, "ANSWER '甲' is not an option letter"},
			{19, 1, E, "this question has no ANSWER line (such as ANSWER: B)"},
			{0, 0, E, NULL}});
}

static void
test_oom(void **state)
{
	static const char text[] =
		"一？\nA. 甲\nB. 乙\nANSWER: A\n二？\n续\nA. 甲\nB. 乙\nANSWER: AB\n";

	(void)state;
	check_import_oom(aiken_import, text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_plain, teardown),
		cmocka_unit_test_teardown(test_errors, teardown),
		cmocka_unit_test_teardown(test_oom, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
