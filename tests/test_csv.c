/*
 * test_csv.c — the spreadsheet reader and writer, the header and rows as
 * questions, and the encodings a sheet comes in.
 *
 * Tables of inputs and what an author should see: cells, questions, or the
 * exact diagnostics with their line and column (a quoted cell with line
 * breaks moves every row after it down, and the positions must follow).
 */
#include "import_check.h"

#include <iconv.h>
#include <stdlib.h>

#include "csv.h"
#include "encoding.h"
#include "mem.h"
#include "strbuf.h"

/* ---- the record reader ------------------------------------------------------- */

/* Records as "cell|cell|cell" lines; problems as "!offset:message" lines. */
static char *
read_all_records(const char *in, size_t len)
{
	struct csv_reader r;
	struct strbuf out = {0};
	size_t i;
	int k;

	csv_reader_init(&r, in, len);
	while ((k = csv_next(&r)) == 1) {
		for (i = 0; i < r.ncells; i++) {
			if (i > 0)
				strbuf_putc(&out, '|');
			strbuf_add(&out, r.cells[i].s, r.cells[i].len);
		}
		strbuf_putc(&out, '\n');
		if (r.err != NULL)
			strbuf_printf(&out, "!%zu:%s\n", r.err_off, r.err);
	}
	assert_int_equal(k, 0);
	csv_reader_free(&r);
	assert_false(out.oom);
	return out.data != NULL ? out.data : calloc(1, 1);
}

static void
test_reader(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n"},
		{"a,b,c\r\n1,2,3\r\n", "a|b|c\n1|2|3\n"},
		{"a,b", "a|b\n"},
		{"a\rb\r", "a\nb\n"},
		{",,\n", "||\n"},
		{"\n", "\n"},
		{"\"a,b\",\"say \"\"hi\"\"\"\r\n", "a,b|say \"hi\"\n"},
		{"x,\"line1\r\nline2\nline3\",z\r\nnext\r\n", "x|line1\nline2\nline3|z\nnext\n"},
		{"\"\",\"\"\"\"\n", "|\"\n"},
		{"他说\"好\",b\n", "他说\"好\"|b\n"},
		{"a,\"bc\nd", "a|bc\nd\n!2:a quoted cell is not closed: a '\"' is missing\n"},
		{"\"ab\"c,d\n",
		 "abc|d\n!4:text after the closing quote of a cell: a '\"' inside a quoted cell is "
		 "written '\"\"'\n"},
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = read_all_records(cases[i].in, strlen(cases[i].in));
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: %s\n  want: %s\n  got:  %s", i, cases[i].in,
				 cases[i].want, got);
		free(got);
	}
}

static void
test_writer(void **state)
{
	static const struct {
		const char *in;
		int guard;
		const char *want;
	} cases[] = {
		{"plain", 1, "plain"},
		{"中文，全角逗号", 1, "中文，全角逗号"},
		{"a,b", 1, "\"a,b\""},
		{"say \"hi\"", 1, "\"say \"\"hi\"\"\""},
		{"line\nbreak", 1, "\"line\nbreak\""},
		{" lead", 1, "\" lead\""},
		{"=1+1", 1, "'=1+1"},
		{"+8613900000000", 1, "'+8613900000000"},
		{"-x", 1, "'-x"},
		{"@SUM(A1)", 1, "'@SUM(A1)"},
		{"\tx", 1, "\"'\tx\""},
		{"\rx", 1, "\"'\rx\""},
		{"=1+1", 0, "=1+1"},
		{"'=x", 1, "''=x"},
		{"''-x", 1, "'''-x"},
		{"'kept", 1, "'kept"},
		{"", 1, ""},
	};
	struct strbuf b = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b.len = 0;
		strbuf_putc(&b, '\0');
		b.len = 0;
		csv_put_cell(&b, cases[i].in, cases[i].guard);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: want [%s] got [%s]", i, cases[i].want, b.data);
	}
	strbuf_free(&b);
}

/* A guarded cell read back is the text that was written. */
static void
test_guard_round_trip(void **state)
{
	static const char *const texts[] = {"=1+1",  "-1",   "+86", "@x",  "\tx",
					    "'kept", "''=x", "'=x", "'@x", NULL};
	struct strbuf b = {0};
	struct qdoc doc;
	struct diag_list l;
	size_t i;

	(void)state;
	strbuf_puts(&b, "题型,题目,答案\n");
	for (i = 0; texts[i] != NULL; i++) {
		strbuf_puts(&b, "简答,");
		csv_put_cell(&b, texts[i], 1);
		strbuf_puts(&b, ",");
		csv_put_cell(&b, texts[i], 1);
		strbuf_puts(&b, "\n");
	}
	run_import(csv_import, b.data, &doc, &l);
	expect_diags("guard", &l, (const struct ediag[]){{0, 0, E, NULL}});
	assert_int_equal(doc.n, 9);
	assert_string_equal(doc.q[0]->text, "=1+1");
	assert_string_equal(doc.q[1]->reference, "-1");
	assert_string_equal(doc.q[2]->text, "+86");
	assert_string_equal(doc.q[3]->text, "@x");
	/* Text is trimmed of white space at both ends, a leading tab too. */
	assert_string_equal(doc.q[4]->text, "x");
	/* Only an apostrophe before = + - @ tab CR is a guard. */
	assert_string_equal(doc.q[5]->text, "'kept");
	assert_string_equal(doc.q[6]->text, "''=x");
	/* Text that starts with apostrophes before one of them got one more
	 * on the way out, taken away here. */
	assert_string_equal(doc.q[7]->text, "'=x");
	assert_string_equal(doc.q[8]->reference, "'@x");
	qdoc_free(&doc);
	diag_list_free(&l);
	strbuf_free(&b);
}

/* ---- rows as questions --------------------------------------------------------- */

static void
test_all_types(void **state)
{
	static const char sheet[] =
		"\xe7\xbc\x96\xe5\x8f\xb7,题型,题目,选项A,选项B,选项C,选项D,答案,解析,出处,难度,"
		"分类,标签,"
		"分值,限时\r\n"
		"x-1,单选,哪一年？,1982年,1984年,,,b,因为。,法,2,法律法规,自治法、附则,5,20\r\n"
		"x-2,多选题,哪些？,甲,乙,丙,丁,\"A、C,D\",,,,,\"a;b,c\",,\r\n"
		",判断,对吗？,,,,,√,,,难,,,,\r\n"
		",填空,\"第一空______，\n第二空___。\",,,,,\"普通话|汉语普通话；规范汉字\",,,,,,,"
		"\r\n"
		",简答,简述。,,,,,参考答案。,,,,,,,\r\n"
		",判断,错吗？,正确,错误,,,B,,,,,,,\r\n"
		",单选,全角？,甲,乙,,,Ａ,,,,,,,\r\n";
	struct qdoc doc;
	struct diag_list l;
	const struct question *q;

	(void)state;
	run_import(csv_import, sheet, &doc, &l);
	expect_diags("all types", &l, (const struct ediag[]){{0, 0, E, NULL}});
	assert_int_equal(doc.n, 7);
	q = doc.q[0];
	assert_string_equal(q->id, "x-1");
	assert_int_equal(q->type, QTYPE_SINGLE);
	assert_int_equal(q->noptions, 2);
	assert_string_equal(q->options[1], "1984年");
	assert_int_equal(q->answer_keys, 2);
	assert_string_equal(q->explanation, "因为。");
	assert_string_equal(q->source, "法");
	assert_string_equal(q->category, "法律法规");
	assert_int_equal(q->difficulty, 2);
	assert_int_equal(q->points, 5);
	assert_int_equal(q->time, 20);
	assert_int_equal(q->ntags, 2);
	assert_string_equal(q->tags[0], "自治法");
	assert_string_equal(q->tags[1], "附则");
	assert_int_equal(q->line, 2);
	q = doc.q[1];
	assert_int_equal(q->type, QTYPE_MULTIPLE);
	assert_int_equal(q->answer_keys, 1 | 4 | 8);
	assert_int_equal(q->ntags, 3);
	assert_string_equal(q->tags[2], "c");
	assert_int_equal(q->points, 0);
	q = doc.q[2];
	assert_null(q->id);
	assert_int_equal(q->type, QTYPE_JUDGE);
	assert_true(q->answer_true);
	assert_int_equal(q->difficulty, 3);
	q = doc.q[3];
	assert_int_equal(q->type, QTYPE_FILL);
	assert_string_equal(q->text, "第一空______，\n第二空___。");
	assert_int_equal(q->nblanks, 2);
	assert_int_equal(q->blanks[0].nalts, 2);
	assert_string_equal(q->blanks[0].alts[1], "汉语普通话");
	assert_string_equal(q->blanks[1].alts[0], "规范汉字");
	q = doc.q[4];
	assert_int_equal(q->type, QTYPE_OPEN);
	assert_string_equal(q->reference, "参考答案。");
	q = doc.q[5];
	assert_int_equal(q->type, QTYPE_JUDGE);
	assert_false(q->answer_true);
	assert_int_equal(q->noptions, 0);
	q = doc.q[6];
	assert_int_equal(q->answer_keys, 1);
	/* The row after a cell with a line break starts two lines down. */
	assert_int_equal(doc.q[4]->line, 7);

	qdoc_free(&doc);
	diag_list_free(&l);
}

static void
test_english_header(void **state)
{
	static const char sheet[] = " Type ,QUESTION,option a,Option B,answer,Tags,,\n"
				    "single,Q?,x,y,A,t1,,\n"
				    "open,R?,,,ref,,,note\n";
	struct qdoc doc;
	struct diag_list l;

	(void)state;
	run_import(csv_import, sheet, &doc, &l);
	expect_diags("english", &l,
		     (const struct ediag[]){
			     {3, 17, W, "a cell under a column without a name is ignored"},
			     {0, 0, E, NULL}});
	assert_int_equal(doc.n, 2);
	assert_int_equal(doc.q[0]->noptions, 2);
	assert_string_equal(doc.q[0]->tags[0], "t1");
	qdoc_free(&doc);
	diag_list_free(&l);
}

struct bad_case {
	const char *name, *sheet;
	struct ediag want[8];
};

static const struct bad_case bad_cases[] = {
	{"unknown column",
	 "题型,题目,答按,解析\n",
	 {{1, 7, E,
	   "unknown column '答按' in the header row; the columns are 编号 题型 题目 选项A…选项H "
	   "答案 解析 出处 难度 分类 标签 分值 限时 乱序 分组"},
	  {1, 1, E, "the header row has no column '答案'"}}},
	{"not a header",
	 "单选,哪一年？,1984年\n",
	 {{1, 1, E,
	   "the first row must be the header row: 题型,题目,选项A,选项B,…,答案,解析,出处,难度,"
	   "标签"}}},
	{"column twice",
	 "题型,题目,答案,答案\n",
	 {{1, 10, E, "column '答案' appears twice in the header row"}}},
	{"empty",
	 "",
	 {{0, 0, E, "no header row: the first row names the columns 题型,题目,选项A,…,答案"}}},
	/* Row 2 spans lines 2-4: the bad rows after it are on lines 5 and 6. */
	{"lines after a multi-line cell",
	 "题型,题目,选项A,选项B,答案\n"
	 "单选,\"第一行\n第二行\n第三行\",甲,乙,A\n"
	 "单选,哪个？,甲,乙,E\n"
	 "多项,哪些？,甲,乙,AB\n",
	 {{5, 12, E, "answer names option 'E', but the options are A to B"},
	  {6, 1, E, "unknown type '多项': use 单选, 多选, 判断, 填空 or 简答"}}},
	{"choice answers",
	 "题型,题目,选项A,选项B,选项C,答案\n"
	 "单选,一？,甲,乙,丙,AB\n"
	 "多选,二？,甲,乙,丙,C\n"
	 "单选,三？,甲,乙,丙,A1\n"
	 "多选,四？,甲,乙,丙,AA\n"
	 "单选,五？,甲,乙,丙,\n",
	 {{2, 13, E, "a 单选 question has one answer, not 'AB' (is it a 多选?)"},
	  {3, 13, E, "a 多选 question has two or more answers, not 'C' (is it a 单选?)"},
	  {4, 13, E, "answer 'A1' is not option letters (such as B, or ACD for a 多选)"},
	  {5, 13, E, "answer 'AA' names an option twice"},
	  {6, 13, E, "the answer is empty"}}},
	{"options",
	 "题型,题目,选项A,选项B,选项C,答案\n"
	 "单选,一？,甲,,丙,A\n"
	 "单选,二？,甲,乙,甲,A\n"
	 "单选,三？,甲,,,A\n"
	 "填空,四___？,甲,,,答\n",
	 {{2, 9, E, "option B is empty but option C is not: options go A, B, C, … without gaps"},
	  {3, 11, E, "option C is the same as option A"},
	  {4, 7, E, "a 单选 question needs 2 to 8 options (选项A, 选项B, …)"},
	  {5, 10, E, "a 填空 question has no options"}}},
	{"judge and fill",
	 "题型,题目,答案\n"
	 "判断,一。,也许\n"
	 "填空,二。,答\n"
	 "填空,三___四___。,答\n"
	 "填空,五___。,甲||乙\n",
	 {{2, 7, E, "a 判断 answer is 对 or 错 (also 正确/错误, √/×, true/false), not '也许'"},
	  {3, 4, E, "a 填空 question marks each blank with three or more '_'"},
	  {4, 14, E, "the question has 2 blanks but the answer has 1 (separate blanks with ；)"},
	  {5, 10, E,
	   "blank 1 has an empty accepted answer (blanks are separated by ；, accepted answers "
	   "by |)"}}},
	{"numbers and ids",
	 "编号,题型,题目,答案,难度,分值,限时\n"
	 "X-1,简答,一？,答,4,0,90000\n"
	 ",,二？,答,,,\n"
	 ",简答,,答,,,\n",
	 {{2, 1, E,
	   "id 'X-1' is not valid: use lower-case letters, digits and . _ -, starting with a "
	   "letter or digit, such as xianfa-012"},
	  {2, 13, E, "difficulty '4' is not 1, 2 or 3 (易, 中, 难)"},
	  {2, 15, E, "points '0' is not a whole number from 1 to 1000000"},
	  {2, 17, E, "time '90000' is not a whole number of seconds from 1 to 86400"},
	  {3, 2, E, "the type (题型) is empty"},
	  {4, 5, E, "the question (题目) is empty"}}},
	{"extra cells",
	 "题型,题目,答案\n简答,一？,答,多余\n",
	 {{2, 9, E, "this row has more cells than the header row has columns"}}},
	{"quote errors",
	 "题型,题目,答案\n简答,\"一\"？,答\n简答,\"二？,答\n",
	 {{2, 7, E,
	   "text after the closing quote of a cell: a '\"' inside a quoted cell is written "
	   "'\"\"'"},
	  {3, 4, E, "a quoted cell is not closed: a '\"' is missing"}}},
};

static void
test_bad_rows(void **state)
{
	struct qdoc doc;
	struct diag_list l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		run_import(csv_import, bad_cases[i].sheet, &doc, &l);
		expect_diags(bad_cases[i].name, &l, bad_cases[i].want);
		qdoc_free(&doc);
		diag_list_free(&l);
	}
}

static void
test_ids(void **state)
{
	static const char sheet[] = "编号,题型,题目,答案\n"
				    ",简答,一？,答\n"
				    "bank-002,简答,二？,答\n"
				    ",简答,三？,答\n"
				    "bank-002,简答,四？,答\n";
	struct qdoc doc;
	struct diag_list l;
	char prefix[16];

	(void)state;
	run_import(csv_import, sheet, &doc, &l);
	assert_int_equal(l.count, 0);
	assert_int_equal(qdoc_assign_ids(&doc, "bank", "in", &l), 0);
	expect_diags("ids", &l,
		     (const struct ediag[]){{5, 1, E, "duplicate id 'bank-002': line 3 has it too"},
					    {0, 0, E, NULL}});
	assert_string_equal(doc.q[0]->id, "bank-001");
	assert_string_equal(doc.q[2]->id, "bank-003");
	qdoc_free(&doc);
	diag_list_free(&l);

	qdoc_prefix("dir/Xianfa Questions.csv", prefix, sizeof(prefix));
	assert_string_equal(prefix, "xianfa-question");
	qdoc_prefix("宪法题库.csv", prefix, sizeof(prefix));
	assert_string_equal(prefix, "q");
	qdoc_prefix("/a/b/_2024宪法.v2.gift", prefix, sizeof(prefix));
	assert_string_equal(prefix, "2024.v2");
}

/* ---- encodings ----------------------------------------------------------------- */

/* s converted to GBK with iconv(3); the caller frees it. */
static char *
to_gbk(const char *s, size_t *n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t left = strlen(s), room = left * 2 + 1;
	char *out = calloc(1, room), *ip = (char *)s, *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &ip, &left, &op, &room) != (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(op - out);
	return out;
}

static void
test_encodings(void **state)
{
	static const char text[] = "题型,题目,答案\n简答,民族团结？,答\n";
	enum encoding enc;
	size_t n, bad, gbklen;
	char *out, *gbk;

	(void)state;
	assert_int_equal(enc_to_utf8(text, strlen(text), &out, &n, &enc, &bad), ENC_OK);
	assert_int_equal(enc, ENC_UTF8);
	assert_string_equal(out, text);
	mem_free(out);

	assert_int_equal(enc_to_utf8("\xef\xbb\xbfx,y", 6, &out, &n, &enc, &bad), ENC_OK);
	assert_int_equal(enc, ENC_UTF8_BOM);
	assert_string_equal(out, "x,y");
	mem_free(out);

	gbk = to_gbk(text, &gbklen);
	assert_true(gbklen < strlen(text)); /* two bytes a character instead of three */
	assert_int_equal(enc_to_utf8(gbk, gbklen, &out, &n, &enc, &bad), ENC_OK);
	assert_int_equal(enc, ENC_GB18030);
	assert_string_equal(out, text);
	mem_free(out);
	free(gbk);

	assert_int_equal(enc_to_utf8("\xff\xfex\0", 4, &out, &n, &enc, &bad), ENC_UTF16);
	assert_int_equal(enc_to_utf8("ab\ncd\0e", 7, &out, &n, &enc, &bad), ENC_NUL);
	assert_int_equal(bad, 5);
	/* 0x80 and 0xff are neither UTF-8 nor GB18030. */
	assert_int_equal(enc_to_utf8("ok\n\x80\xff", 5, &out, &n, &enc, &bad), ENC_UNKNOWN);
	assert_int_equal(bad, 3);
	/* A BOM says UTF-8: invalid bytes after it are not taken for GBK. */
	assert_int_equal(enc_to_utf8("\xef\xbb\xbf\xc4\xe3", 5, &out, &n, &enc, &bad), ENC_UNKNOWN);
	assert_int_equal(bad, 3);
}

/* An error in a GBK sheet is at the same line and column as in UTF-8. */
static void
test_gbk_positions(void **state)
{
	static const char sheet[] = "题型,题目,答案\n简答,\"民族\n团结\",答\n单项,进步？,答\n";
	struct qdoc doc;
	struct diag_list l;
	enum encoding enc;
	size_t n, bad, gbklen;
	char *out, *gbk;

	(void)state;
	gbk = to_gbk(sheet, &gbklen);
	assert_int_equal(enc_to_utf8(gbk, gbklen, &out, &n, &enc, &bad), ENC_OK);
	run_import(csv_import, out, &doc, &l);
	expect_diags("gbk", &l,
		     (const struct ediag[]){
			     {4, 1, E, "unknown type '单项': use 单选, 多选, 判断, 填空 or 简答"},
			     {0, 0, E, NULL}});
	qdoc_free(&doc);
	diag_list_free(&l);
	mem_free(out);
	free(gbk);
}

/* ---- running out of memory ------------------------------------------------------ */

static void
test_oom(void **state)
{
	static const char sheet[] = "编号,题型,题目,选项A,选项B,答案,标签\n"
				    "a-1,单选,一？,甲,乙,A,x、y\n"
				    ",填空,二___三___,,,甲|乙；丙,\n"
				    ",判断,四。,,,对,\n";
	struct qdoc doc;
	struct diag_list l;
	long base = mem_live(), start, total, k;
	int r;

	(void)state;
	start = mem_count();
	run_import(csv_import, sheet, &doc, &l);
	assert_int_equal(qdoc_assign_ids(&doc, "p", "in", &l), 0);
	total = mem_count() - start;
	qdoc_free(&doc);
	diag_list_free(&l);
	assert_int_equal(mem_live(), base);
	for (k = 0; k < total; k++) {
		qdoc_init(&doc);
		memset(&l, 0, sizeof(l));
		mem_fail_after(k, 0);
		r = csv_import(sheet, strlen(sheet), "in", &doc, &l);
		if (r == 0)
			r = qdoc_assign_ids(&doc, "p", "in", &l);
		mem_fail_after(-1, 0);
		qdoc_free(&doc);
		diag_list_free(&l);
		if (mem_live() != base)
			fail_msg("a leak after failing allocation %ld", k);
		(void)r;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_guard_round_trip),
		cmocka_unit_test(test_all_types),
		cmocka_unit_test(test_english_header),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_gbk_positions),
		cmocka_unit_test(test_oom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
