/*
 * test_answer.c — answer checking (src/answer.h), table-driven.
 *
 * The questions are C literals below.  The main table holds what a person
 * types and the verdict each input must get; more cases are generated (every
 * judge word in every spelling, every subset of five options in every
 * separator style), then properties over random inputs (surrounding filler and
 * full-width forms never change a verdict), inputs of a megabyte, the heap path
 * of the fill search under a failing allocator, and the tables of
 * answer_keys, answer_judge_word, answer_split and answer_format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "mem.h"
#include "text.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define R      ANSWER_RIGHT
#define W      ANSWER_WRONG
#define SELF   ANSWER_SELF
#define KEY(c) (1u << ((c) - 'A'))

/* ---- the questions ---------------------------------------------------------------- */

static const char *s4_opts[] = {"1982年", "1984年", "1990年", "2001年"};
static const struct question S4 = {.id = "S4",
				   .type = QTYPE_SINGLE,
				   .options = s4_opts,
				   .noptions = 4,
				   .answer_keys = KEY('B')};

/* Option texts that look like letters: letters decide only when they name options. */
static const char *alike_opts[] = {"GDP", "CPI", "B", "A"};
static const struct question SALIKE = {.id = "SALIKE",
				       .type = QTYPE_SINGLE,
				       .options = alike_opts,
				       .noptions = 4,
				       .answer_keys = KEY('A')};

static const char *punct_opts[] = {"各民族一律平等。", "民族团结", "Hello, World"};
static const struct question SPUNCT = {.id = "SPUNCT",
				       .type = QTYPE_SINGLE,
				       .options = punct_opts,
				       .noptions = 3,
				       .answer_keys = KEY('C')};

static const char *m5_opts[] = {"甲", "乙", "丙", "丁", "戊"};
static const struct question M5 = {.id = "M5",
				   .type = QTYPE_MULTIPLE,
				   .options = m5_opts,
				   .noptions = 5,
				   .answer_keys = KEY('A') | KEY('C') | KEY('D')};

static const char *m8_opts[] = {"1", "2", "3", "4", "5", "6", "7", "8"};
static const struct question M8 = {
	.id = "M8", .type = QTYPE_MULTIPLE, .options = m8_opts, .noptions = 8, .answer_keys = 0xff};

static const struct question M2 = {.id = "M2",
				   .type = QTYPE_MULTIPLE,
				   .options = m5_opts,
				   .noptions = 2,
				   .answer_keys = KEY('A') | KEY('B')};

static const struct question JT = {.id = "JT", .type = QTYPE_JUDGE, .answer_true = true};
static const struct question JF = {.id = "JF", .type = QTYPE_JUDGE, .answer_true = false};

static const char *f1_a[] = {"普通话", "汉语普通话"};
static struct blank f1_b[] = {{f1_a, 2}};
static const struct question F1 = {.id = "F1", .type = QTYPE_FILL, .blanks = f1_b, .nblanks = 1};

/* One blank whose answer is itself a list. */
static const char *f1l_a[] = {"平等、团结、互助、和谐"};
static struct blank f1l_b[] = {{f1l_a, 1}};
static const struct question F1L = {.id = "F1L", .type = QTYPE_FILL, .blanks = f1l_b, .nblanks = 1};

static const char *f1a_a[] = {"Hello World", "3.14", "1984年"};
static struct blank f1a_b[] = {{f1a_a, 3}};
static const struct question F1A = {.id = "F1A", .type = QTYPE_FILL, .blanks = f1a_b, .nblanks = 1};

/* Alternatives with inner punctuation that is not a separator. */
static const char *f1p_a[] = {"《民族区域自治法》", "第4条", "“两个共同”"};
static struct blank f1p_b[] = {{f1p_a, 3}};
static const struct question F1P = {.id = "F1P", .type = QTYPE_FILL, .blanks = f1p_b, .nblanks = 1};

/* An alternative that folds to nothing (lint warns): nobody can type it. */
static const char *f1e_a[] = {"。"};
static struct blank f1e_b[] = {{f1e_a, 1}};
static const struct question F1E = {.id = "F1E", .type = QTYPE_FILL, .blanks = f1e_b, .nblanks = 1};

static const char *f2_a0[] = {"普通话"}, *f2_a1[] = {"规范汉字", "汉字"};
static struct blank f2_b[] = {{f2_a0, 1}, {f2_a1, 2}};
static const struct question F2 = {.id = "F2", .type = QTYPE_FILL, .blanks = f2_b, .nblanks = 2};

/* Two blanks, the first of which may be a list. */
static const char *f2l_a0[] = {"平等、团结、互助、和谐", "平等团结互助和谐"},
		  *f2l_a1[] = {"共同繁荣"};
static struct blank f2l_b[] = {{f2l_a0, 2}, {f2l_a1, 1}};
static const struct question F2L = {.id = "F2L", .type = QTYPE_FILL, .blanks = f2l_b, .nblanks = 2};

/* Alternatives of different lengths on both blanks: "a,b,c" splits two ways. */
static const char *f2m_a0[] = {"a", "a,b"}, *f2m_a1[] = {"b,c", "c"};
static struct blank f2m_b[] = {{f2m_a0, 2}, {f2m_a1, 2}};
static const struct question F2M = {.id = "F2M", .type = QTYPE_FILL, .blanks = f2m_b, .nblanks = 2};

static const char *f3_a0[] = {"宪法"}, *f3_a1[] = {"民族区域自治法"}, *f3_a2[] = {"国务院"};
static struct blank f3_b[] = {{f3_a0, 1}, {f3_a1, 1}, {f3_a2, 1}};
static const struct question F3 = {.id = "F3", .type = QTYPE_FILL, .blanks = f3_b, .nblanks = 3};

/* A number with a thousands comma in a two-blank question. */
static const char *fn_a0[] = {"1,000", "1000"}, *fn_a1[] = {"人"};
static struct blank fn_b[] = {{fn_a0, 2}, {fn_a1, 1}};
static const struct question FN = {.id = "FN", .type = QTYPE_FILL, .blanks = fn_b, .nblanks = 2};

static const struct question OPEN = {
	.id = "OPEN", .type = QTYPE_OPEN, .reference = "坚持中国共产党的领导。"};

/* Broken models: whatever is missing, the answer is judged, never a crash. */
static const struct question FILL0 = {.id = "FILL0", .type = QTYPE_FILL};
static struct blank nalt_b[] = {{NULL, 0}};
static const struct question FNOALT = {
	.id = "FNOALT", .type = QTYPE_FILL, .blanks = nalt_b, .nblanks = 1};
static const char *nullalt_a[] = {"甲", NULL};
static struct blank nullalt_b[] = {{nullalt_a, 2}};
static const struct question FNULLALT = {
	.id = "FNULLALT", .type = QTYPE_FILL, .blanks = nullalt_b, .nblanks = 1};
static const struct question SNOOPT = {
	.id = "SNOOPT", .type = QTYPE_SINGLE, .noptions = 0, .answer_keys = KEY('B')};
static const struct question ONOREF = {.id = "ONOREF", .type = QTYPE_OPEN};
static const struct question BADTYPE = {.id = "BADTYPE", .type = QTYPE_COUNT};

/* Every well-formed question above, for the properties. */
static const struct question *const all_q[] = {
	&S4,  &SALIKE, &SPUNCT, &M5, &M8,  &M2,  &JT, &JF, &F1,   &F1L,
	&F1A, &F1P,    &F1E,    &F2, &F2L, &F2M, &F3, &FN, &OPEN,
};

/* ---- the main table ----------------------------------------------------------------- */

static const struct check_case {
	const struct question *q;
	const char *in;
	enum answer_verdict want;
} cases[] = {
	/* single: letters in any width and case, with filler around */
	{&S4, "B", R},
	{&S4, "b", R},
	{&S4, "Ｂ", R},
	{&S4, "ｂ", R},
	{&S4, " B ", R},
	{&S4, "\u3000B\u3000", R},
	{&S4, "\tB\n", R},
	{&S4, "B。", R},
	{&S4, "B.", R},
	{&S4, "b!", R},
	{&S4, "B！", R},
	{&S4, "Ｂ．", R},
	{&S4, "B、", R},
	{&S4, "、B", R},
	{&S4, "B;", R},
	{&S4, ",,,B,,,", R},
	{&S4, "BB", R}, /* a letter twice counts once */
	{&S4, "B,B", R},
	{&S4, "b b", R},
	/* single: the text of the right option */
	{&S4, "1984年", R},
	{&S4, "１９８４年", R},
	{&S4, " 1984年。", R},
	{&S4, "1984 年", R},
	{&S4, "1984\u3000年", R},
	{&S4, "1984年 ", R},
	/* single: wrong */
	{&S4, "A", W},
	{&S4, "C", W},
	{&S4, "D", W},
	{&S4, "AB", W},
	{&S4, "A B", W},
	{&S4, "BC", W},
	{&S4, "E", W}, /* beyond the options: wrong, not an error */
	{&S4, "Z", W},
	{&S4, "1982年", W},
	{&S4, "1984", W},
	{&S4, "1984年年", W},
	{&S4, "B 1984年", W}, /* a letter and a text: neither alone */
	{&S4, "B?", W},
	{&S4, "？", W},
	{&S4, "不知道", W},
	{&S4, "2", W},
	/* single: empty, blank, only punctuation */
	{&S4, "", W},
	{&S4, " ", W},
	{&S4, "\u3000", W},
	{&S4, "\t\n", W},
	{&S4, "。", W},
	{&S4, "...", W},
	{&S4, "！！", W},
	{&S4, "，", W},
	{&S4, "、", W},
	{&S4, " ； ，。 ", W},
	/* single: invalid UTF-8 */
	{&S4, "\xff", W},
	{&S4, "B\xff", W},
	{&S4, "\xef\xbc", W},     /* a full-width form cut short */
	{&S4, "\xc1\x82", W},     /* an overlong 'B' is not B */
	{&S4, "\xef\xbc\xa2", R}, /* Ｂ written out: valid */
	{&S4, "1984\xe5\xb9", W},
	/* single: letters decide only when they all name options */
	{&SALIKE, "A", R},
	{&SALIKE, "a", R},
	{&SALIKE, "GDP", R}, /* G and P are not options: the text decides */
	{&SALIKE, "gdp", R},
	{&SALIKE, "ＧＤＰ", R},
	{&SALIKE, "gdp。", R},
	{&SALIKE, "B", W}, /* the letter B, not option C's text "B" */
	{&SALIKE, "C", W},
	{&SALIKE, "D", W},
	{&SALIKE, "AD", W},
	{&SALIKE, "cpi", W},
	{&SALIKE, "G D P", W},
	/* single: option texts with punctuation inside */
	{&SPUNCT, "C", R},
	{&SPUNCT, "Hello, World", R},
	{&SPUNCT, "hello,world", R},
	{&SPUNCT, "HELLO ， WORLD", R},
	{&SPUNCT, "hello；world", R}, /* separators are interchangeable */
	{&SPUNCT, "Hello, World!", R},
	{&SPUNCT, "Hello World", W},
	{&SPUNCT, "helloworld", W},
	{&SPUNCT, "A", W},
	{&SPUNCT, "各民族一律平等", W},
	/* multiple: order, separators, widths, repetition */
	{&M5, "ACD", R},
	{&M5, "acd", R},
	{&M5, "CDA", R},
	{&M5, "DCA", R},
	{&M5, "A,C,D", R},
	{&M5, "a,c,d", R},
	{&M5, "A、C、D", R},
	{&M5, "c d a", R},
	{&M5, "Ａ，Ｃ，Ｄ", R},
	{&M5, "A C D", R},
	{&M5, "ＡＣＤ", R},
	{&M5, "A；C；D", R},
	{&M5, "A;C;D", R},
	{&M5, "AACD", R},
	{&M5, "ACDA", R},
	{&M5, "A,,C,,D", R},
	{&M5, " A C D 。", R},
	{&M5, "A\tC\tD", R},
	{&M5, "A\u3000C\u3000D", R},
	{&M5, "acd!", R},
	{&M5, "A、 C、 D", R},
	{&M5, "a  c   d", R},
	{&M5, "，A，C，D，", R},
	/* multiple: wrong */
	{&M5, "AC", W},
	{&M5, "A", W},
	{&M5, "ACDE", W},
	{&M5, "ABCD", W},
	{&M5, "ABCDE", W},
	{&M5, "ACDF", W}, /* F is not an option */
	{&M5, "ACDZ", W},
	{&M5, "A C D E", W},
	{&M5, "A.C.D", W}, /* a full stop is not a separator */
	{&M5, "A-C-D", W},
	{&M5, "A/C/D", W},
	{&M5, "A和C和D", W},
	{&M5, "1,3,4", W},
	{&M5, "ACD?", W},
	{&M5, "全选", W},
	{&M5, "ACD\xff", W},
	{&M5, "", W},
	{&M5, "、、", W},
	{&M8, "ABCDEFGH", R},
	{&M8, "hgfedcba", R},
	{&M8, "A B C D E F G H", R},
	{&M8, "ＡＢＣＤＥＦＧＨ", R},
	{&M8, "ABCDEFG", W},
	{&M8, "ABCDEFGHI", W},
	{&M2, "AB", R},
	{&M2, "BA", R},
	{&M2, "A", W},
	{&M2, "B", W},
	{&M2, "ABC", W},
	/* judge (every word in every spelling is generated below) */
	{&JT, "对", R},
	{&JT, "正 确", R}, /* a space between Chinese characters does not count */
	{&JT, "对错", W},
	{&JT, "不对", W},
	{&JT, "对的", W},
	{&JT, "tr ue", W},
	{&JT, "yes yes", W},
	{&JT, "truee", W},
	{&JT, "x", W},
	{&JT, "v", W},
	{&JT, "1", W},
	{&JT, "", W},
	{&JT, "?", W},
	{&JT, "\xe5\xaf", W}, /* 对 cut short */
	{&JF, "错", R},
	{&JF, "对", W},
	{&JF, "错误的", W},
	{&JF, "0", W},
	{&JF, "", W},
	/* fill, one blank */
	{&F1, "普通话", R},
	{&F1, " 普通话 ", R},
	{&F1, "普通话。", R},
	{&F1, "普通话！", R},
	{&F1, "普通话.", R},
	{&F1, "普 通 话", R},
	{&F1, "普通话，", R},
	{&F1, "普通话;", R},
	{&F1, "；普通话", R},
	{&F1, "汉语普通话", R},
	{&F1, "汉语 普通话", R},
	{&F1, "\u3000普通话\u3000", R},
	{&F1, "普通", W},
	{&F1, "普通话话", W},
	{&F1, "普通话，汉语普通话", W}, /* two guesses */
	{&F1, "普通话；普通话", W},
	{&F1, "普通话、汉字", W},
	{&F1, "汉语", W},
	{&F1, "普通话?", W},
	{&F1, "《普通话》", W},
	{&F1, "普通\xff话", W},
	{&F1, "普通话\xff", W},
	{&F1, "", W},
	{&F1, "。", W},
	{&F1, "，", W},
	{&F1L, "平等、团结、互助、和谐", R},
	{&F1L, "平等，团结，互助，和谐", R},
	{&F1L, "平等,团结,互助,和谐", R},
	{&F1L, "平等；团结；互助；和谐", R},
	{&F1L, "平等 、团结 、互助 、和谐", R},
	{&F1L, "平等、团结、互助、和谐。", R},
	{&F1L, "平等、、团结、互助、和谐", R}, /* doubled separators count once */
	{&F1L, "平等 ， 团结，互助，和谐", R},
	{&F1L, "平等、团结、互助", W},
	{&F1L, "平等团结互助和谐", W},
	{&F1L, "平等 团结 互助 和谐", W},
	{&F1L, "团结、平等、互助、和谐", W},
	{&F1L, "平等、团结、互助、和谐、进步", W},
	{&F1A, "Hello World", R},
	{&F1A, "hello world", R},
	{&F1A, "HELLO WORLD", R},
	{&F1A, "Hello  World", R}, /* a run of spaces is one space */
	{&F1A, "hello\tworld", R},
	{&F1A, "ｈｅｌｌｏ\u3000ｗｏｒｌｄ", R},
	{&F1A, "3.14", R},
	{&F1A, "３．１４", R},
	{&F1A, "3 .14", R}, /* spaces beside punctuation do not count */
	{&F1A, "3.14。", R},
	{&F1A, "1984年", R},
	{&F1A, "1984 年", R},
	{&F1A, " 1984年 ", R},
	{&F1A, "helloworld", W}, /* between two letters a space counts */
	{&F1A, "hello, world", W},
	{&F1A, "3 14", W},
	{&F1A, "314", W},
	{&F1A, "3,14", W},
	{&F1A, "1984", W},
	{&F1P, "《民族区域自治法》", R},
	{&F1P, "《民族区域自治法》。", R},
	{&F1P, "第4条", R},
	{&F1P, "第４条", R},
	{&F1P, "第 4 条", R},
	{&F1P, "“两个共同”", R},
	{&F1P, "民族区域自治法", W}, /* the author lists the bare form if it is accepted */
	{&F1P, "第四条", W},
	{&F1P, "第4条款", W},
	{&F1P, "\"两个共同\"", W},
	{&F1E, "。", W},
	{&F1E, "答案", W},
	/* fill, several blanks */
	{&F2, "普通话；规范汉字", R},
	{&F2, "普通话;规范汉字", R},
	{&F2, "普通话、规范汉字", R},
	{&F2, "普通话,规范汉字", R},
	{&F2, "普通话，规范汉字", R},
	{&F2, "普通话 ； 规范汉字", R},
	{&F2, "普通话；汉字", R},
	{&F2, "普通话；规范汉字。", R},
	{&F2, "普通话；规范汉字；", R},
	{&F2, "普通话；；规范汉字", R},
	{&F2, " 普通话 ，汉字 ", R},
	{&F2, "普通话。；汉字", R},
	{&F2, "Ｐ普通话；汉字", W},
	{&F2, "普通话", W}, /* one part for two blanks */
	{&F2, "规范汉字；普通话", W},
	{&F2, "普通话；规范汉字；汉字", W}, /* three parts for two blanks */
	{&F2, "普通话 规范汉字", W},
	{&F2, "普通话规范汉字", W},
	{&F2, "普通话；", W},
	{&F2, "；规范汉字", W},
	{&F2, "普通话；规范", W},
	{&F2, "汉字；普通话", W},
	{&F2, "普通话；规范汉字?", W},
	{&F2, "", W},
	{&F2, "；", W},
	{&F2, "；；", W},
	{&F2L, "平等、团结、互助、和谐；共同繁荣", R},
	{&F2L, "平等，团结，互助，和谐，共同繁荣", R},
	{&F2L, "平等、团结、互助、和谐、共同繁荣", R},
	{&F2L, "平等；团结；互助；和谐；共同繁荣", R},
	{&F2L, "平等团结互助和谐；共同繁荣", R},
	{&F2L, "平等 团结 互助 和谐；共同繁荣", R},
	{&F2L, "平等、团结、互助、和谐；共同繁荣；", R},
	{&F2L, "平等、团结、互助；共同繁荣", W},
	{&F2L, "平等、团结、互助、和谐", W},
	{&F2L, "共同繁荣；平等、团结、互助、和谐", W},
	{&F2L, "平等、团结、互助、和谐；共同", W},
	{&F2M, "a,b,c", R}, /* a | b,c and a,b | c */
	{&F2M, "a;c", R},
	{&F2M, "A、B、C", R},
	{&F2M, "a、c", R},
	{&F2M, "a,b", W},
	{&F2M, "a", W},
	{&F2M, "b,c", W},
	{&F2M, "a,b,c,d", W},
	{&F2M, "a,c,b", W},
	{&F2M, "a b c", W},
	{&F3, "宪法；民族区域自治法；国务院", R},
	{&F3, "宪法、民族区域自治法、国务院", R},
	{&F3, "宪法,民族区域自治法,国务院", R},
	{&F3, "宪法；民族区域自治法", W},
	{&F3, "宪法；国务院；民族区域自治法", W},
	{&F3, "宪法；民族区域自治法；国务院；宪法", W},
	{&F3, "宪法民族区域自治法国务院", W},
	{&FN, "1,000；人", R},
	{&FN, "1000，人", R},
	{&FN, "1，000，人", R},
	{&FN, "1,000,人", R},
	{&FN, "1,000", W},
	{&FN, "1；000", W},
	{&FN, "1.000；人", W},
	{&FN, "人；1000", W},
	/* open */
	{&OPEN, "坚持中国共产党的领导", R},
	{&OPEN, "坚持中国共产党的领导。", R},
	{&OPEN, " 坚持中国共产党的领导 ", R},
	{&OPEN, "坚持 中国共产党 的领导", R},
	{&OPEN, "党的领导", SELF},
	{&OPEN, "坚持党的领导", SELF},
	{&OPEN, "x", SELF},
	{&OPEN, "对", SELF},
	{&OPEN, "\xff", SELF},
	{&OPEN, "", W},
	{&OPEN, " ", W},
	{&OPEN, "。", W},
	{&OPEN, "，", W},
	/* broken models */
	{&FILL0, "a", W},
	{&FNOALT, "a", W},
	{&FNULLALT, "甲", W},
	{&SNOOPT, "B", W},
	{&ONOREF, "x", SELF},
	{&BADTYPE, "x", W},
};

static const char *
verdict_name(enum answer_verdict v)
{
	return v == R ? "RIGHT" : v == W ? "WRONG" : v == SELF ? "SELF" : "?";
}

/* Check one case; returns 1 when it failed (after printing it). */
static int
check_one(const struct question *q, const char *in, enum answer_verdict want)
{
	enum answer_verdict got = answer_check(q, in);

	if (got == want)
		return 0;
	print_error("%s: answer_check(\"%s\") = %s, want %s\n", q->id, in, verdict_name(got),
		    verdict_name(want));
	return 1;
}

static void
test_check_table(void **state)
{
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < LEN(cases); i++)
		failed += (size_t)check_one(cases[i].q, cases[i].in, cases[i].want);
	if (failed)
		fail_msg("%zu of %zu cases failed", failed, LEN(cases));
}

static void
test_check_null(void **state)
{
	(void)state;
	assert_int_equal(answer_check(&S4, NULL), W);
	assert_int_equal(answer_check(&OPEN, NULL), W);
	assert_int_equal(answer_check(NULL, "B"), W);
}

/* ---- generated: judge words in every spelling ---------------------------------------------- */

/* ASCII in full-width forms: ! .. ~ to U+FF01 .. U+FF5E, space to U+3000. */
static void
to_fullwidth(const char *s, char *out, size_t n)
{
	size_t o = 0;
	unsigned c, cp;

	for (; *s != '\0' && o + 4 < n; s++) {
		c = (unsigned char)*s;
		if (c > 0x20 && c < 0x7f) {
			cp = c + 0xfee0;
		} else if (c == ' ') {
			cp = 0x3000;
		} else {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = (char)(0xe0 | (cp >> 12));
		out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[o++] = (char)(0x80 | (cp & 0x3f));
	}
	out[o] = '\0';
}

static void
to_upper(const char *s, char *out, size_t n)
{
	size_t o;

	for (o = 0; s[o] != '\0' && o + 1 < n; o++)
		out[o] = (char)(s[o] >= 'a' && s[o] <= 'z' ? s[o] - 'a' + 'A' : s[o]);
	out[o] = '\0';
}

static const char *const true_words[] = {
	"对", "正确", "√", "✓", "✔", "true", "yes", "t", "y", "是", "True", "Yes", "T", "Y",
};
static const char *const false_words[] = {
	"错", "错误", "×", "✗", "✘", "false", "no", "f", "n", "否", "False", "No", "F", "N",
};

/* Every spelling of w: as is, upper case, full-width, full-width upper case,
 * and each of those with filler around it.  Returns how many checks failed. */
static int
judge_spellings(const char *w, int truth, size_t *count)
{
	static const char *const wraps[][2] = {
		{"", ""},      {" ", " "},   {"\u3000", "\u3000"},
		{"", "。"},    {"", "！"},   {"", "!"},
		{"", "."},     {"\t", "\n"}, {"", "，"},
		{" ", " 。 "}, {"", "．"},   {"\u3000", "\u3000。"},
	};
	char forms[4][64], in[256];
	int failed = 0;
	size_t f, k;

	snprintf(forms[0], sizeof(forms[0]), "%s", w);
	to_upper(w, forms[1], sizeof(forms[1]));
	to_fullwidth(w, forms[2], sizeof(forms[2]));
	to_fullwidth(forms[1], forms[3], sizeof(forms[3]));
	for (f = 0; f < 4; f++)
		for (k = 0; k < LEN(wraps); k++) {
			snprintf(in, sizeof(in), "%s%s%s", wraps[k][0], forms[f], wraps[k][1]);
			if (answer_judge_word(in) != truth) {
				print_error("answer_judge_word(\"%s\") = %d, want %d\n", in,
					    answer_judge_word(in), truth);
				failed++;
			}
			failed += check_one(&JT, in, truth ? R : W);
			failed += check_one(&JF, in, truth ? W : R);
			failed += check_one(&M5, in, W);
			*count += 4;
		}
	return failed;
}

static void
test_judge_spellings(void **state)
{
	size_t i, count = 0;
	int failed = 0;

	(void)state;
	for (i = 0; i < LEN(true_words); i++)
		failed += judge_spellings(true_words[i], 1, &count);
	for (i = 0; i < LEN(false_words); i++)
		failed += judge_spellings(false_words[i], 0, &count);
	print_message("%zu judge checks\n", count);
	if (failed)
		fail_msg("%d judge checks failed", failed);
}

/* ---- generated: every subset of five options in every style ---------------------------- */

static void
test_multiple_subsets(void **state)
{
	static const char *const seps[] = {"", ",", "、", "，", " ", "；", " , ", "\u3000"};
	char in[128], letter[8], wide[16], order[5];
	unsigned mask, i, n, s, rot, fw;
	size_t o, count = 0;
	int failed = 0;

	(void)state;
	for (mask = 1; mask < 32; mask++)
		for (s = 0; s < LEN(seps); s++)
			for (rot = 0; rot < 5; rot++)
				for (fw = 0; fw < 2; fw++) {
					/* the letters of mask, rotated, lower case when rot is odd
					 */
					for (i = 0, n = 0; i < 5; i++)
						if (mask & (1u << i))
							order[n++] =
								(char)((rot & 1 ? 'a' : 'A') + i);
					in[0] = '\0';
					o = 0;
					for (i = 0; i < n; i++) {
						letter[0] = order[(i + rot) % n];
						letter[1] = '\0';
						to_fullwidth(letter, wide, sizeof(wide));
						o += (size_t)snprintf(in + o, sizeof(in) - o,
								      "%s%s", i ? seps[s] : "",
								      fw ? wide : letter);
					}
					failed +=
						check_one(&M5, in, mask == M5.answer_keys ? R : W);
					if (answer_keys(&M5, in) != mask) {
						print_error("answer_keys(\"%s\") = %#x, want %#x\n",
							    in, answer_keys(&M5, in), mask);
						failed++;
					}
					count += 2;
				}
	print_message("%zu multiple-choice checks\n", count);
	if (failed)
		fail_msg("%d multiple-choice checks failed", failed);
}

/* ---- properties over random inputs ---------------------------------------------------------- */

static const char *const atoms[] = {
	"a",      "b",      "c",        "d",        "A",     "C",    "1",     "9",     " ",    "\t",
	"\u3000", ".",      "!",        "。",       "！",    "．",   ",",     ";",     "、",   "，",
	"；",     "普通话", "规范汉字", "汉字",     "平等",  "团结", "对",    "错",    "true", "no",
	"?",      "\xff",   "\xe3\x80", "\xc0\xae", "1,000", "人",   "hello", "world",
};

/* A small deterministic generator, so a failure can be replayed. */
static unsigned long rng_state = 20220501;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rng_state >> 33);
}

/* Filler around an answer and full-width forms never change a verdict; the
 * answer form of a text is the answer form of its text_fold. */
static void
test_properties(void **state)
{
	char in[256], wrapped[320], wide[1024], folded[256];
	struct question open = {.id = "FOLDED", .type = QTYPE_OPEN, .reference = folded};
	const char *parts[1];
	size_t it, j, k, o, qi;
	int failed = 0;
	enum answer_verdict v;

	(void)state;
	for (it = 0; it < 20000 && failed < 10; it++) {
		k = 1 + rng() % 6;
		for (j = 0, o = 0; j < k; j++)
			o += (size_t)snprintf(in + o, sizeof(in) - o, "%s",
					      atoms[rng() % LEN(atoms)]);
		snprintf(wrapped, sizeof(wrapped), " \u3000，%s 。！；\t", in);
		to_fullwidth(in, wide, sizeof(wide));
		for (qi = 0; qi < LEN(all_q); qi++) {
			v = answer_check(all_q[qi], in);
			failed += check_one(all_q[qi], wrapped, v);
			failed += check_one(all_q[qi], wide, v);
		}
		text_fold(in, strlen(in), folded);
		failed += check_one(&open, in, answer_split(in, NULL, 0, parts, 0) ? R : W);
	}
	if (failed)
		fail_msg("%d property checks failed", failed);
}

/* The answer shown as right is accepted as right. */
static void
test_format_is_accepted(void **state)
{
	char buf[256];
	size_t i;

	(void)state;
	for (i = 0; i < LEN(all_q); i++) {
		if (all_q[i] == &F1E) /* its only alternative folds to nothing */
			continue;
		answer_format(all_q[i], buf, sizeof(buf));
		if (answer_check(all_q[i], buf) != R)
			fail_msg("%s: its own answer \"%s\" is not accepted", all_q[i]->id, buf);
	}
}

/* ---- inputs of any length ------------------------------------------------------------- */

static char *
repeat(const char *head, const char *unit, size_t bytes, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), n = bytes / ul, i;
	char *s = malloc(hl + n * ul + tl + 1), *p;

	assert_non_null(s);
	memcpy(s, head, hl);
	for (i = 0, p = s + hl; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const struct long_case {
	const struct question *q;
	const char *head, *unit, *tail;
	enum answer_verdict want;
} long_cases[] = {
	{&F1, "普通话", " ", "", R},
	{&F1, "", " ", "普通话", R},
	{&F1, "普", " ", "通话", R},
	{&F1, "普通话", "\u3000", "。", R},
	{&F1, "", "普通话", "", W},
	{&F1, "普通话", "，", "", R},
	{&F1, "普通话", "，", "x", W},
	{&F2, "普通话", "；", "规范汉字", R},
	{&F2, "普通话", " ；", "规范汉字", R},
	{&F2, "", "a,", "", W},
	{&F2, "", "、", "", W},
	{&F2L, "平等", "、", "团结、互助、和谐；共同繁荣", R}, /* a run counts once */
	{&F2M, "a", ",", "c", R},
	{&M5, "A", "C", "D", R},
	{&M5, "", " ", "ACD", R},
	{&M5, "", "A,C,", "D", R},
	{&M5, "", "ACD", "E", W},
	{&S4, "1984年", " ", "", R},
	{&S4, "", "B", "", R},
	{&JT, "对", "。", "", R},
	{&JT, "", "对", "", W},
	{&OPEN, "", "坚持", "", SELF},
	{&OPEN, "坚持中国共产党的领导", "！", "", R},
	{&F1A, "hello", " ", "world", R},
	{&F1A, "3", ".", "14", W},
	{&F1, "", "\xff", "", W},
	{&OPEN, "", "\xe3\x80", "", SELF},
};

static void
test_long_inputs(void **state)
{
	const size_t mib = 1u << 20;
	double t0, t, worst = 0;
	const char *worst_id = "";
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < LEN(long_cases); i++) {
		s = repeat(long_cases[i].head, long_cases[i].unit, mib, long_cases[i].tail);
		t0 = now();
		if (check_one(long_cases[i].q, s, long_cases[i].want)) {
			free(s);
			fail_msg("long case %zu (%s, unit \"%s\") failed", i, long_cases[i].q->id,
				 long_cases[i].unit);
		}
		t = now() - t0;
		if (t > worst)
			worst = t, worst_id = long_cases[i].q->id;
		free(s);
	}
	print_message("%zu inputs of 1 MiB, slowest %.1f ms (%s)\n", LEN(long_cases), worst * 1e3,
		      worst_id);
	/* Linear work: far under a second even under the sanitizers. */
	assert_true(worst < 2.0);
}

/* A 1 MiB line through answer_split and the helpers: counted, cut, never overrun. */
static void
test_long_helpers(void **state)
{
	char *s = repeat("", "甲、", 1u << 20, "乙"), buf[32 + 8];
	const char *parts[4];
	size_t n;

	(void)state;
	memset(buf, '#', sizeof(buf));
	n = answer_split(s, buf, 32, parts, 4);
	assert_int_equal(n, (1u << 20) / strlen("甲、") + 1);
	assert_string_equal(parts[0], "甲");
	assert_string_equal(parts[3], "甲");
	assert_memory_equal(buf + 32, "########", 8);
	assert_int_equal(answer_keys(&M5, s), 0);
	assert_int_equal(answer_judge_word(s), -1);
	free(s);
}

/* ---- the fill search on the heap ----------------------------------------------------------- */

/* An alternative of 100 pieces needs more parts than the stack arrays hold. */
static void
test_fill_heap(void **state)
{
	char *alt = repeat("", "甲、", 99 * strlen("甲、"), "乙"), *typed;
	const char *alts[] = {alt};
	struct blank b[] = {{alts, 1}};
	struct question q = {.id = "HEAP", .type = QTYPE_FILL, .blanks = b, .nblanks = 1};
	long live = mem_live();

	(void)state;
	typed = repeat("", "甲，", 99 * strlen("甲，"), "乙。");
	assert_int_equal(answer_check(&q, alt), R);
	assert_int_equal(answer_check(&q, typed), R);
	typed[0] = 'x';
	assert_int_equal(answer_check(&q, typed), W);
	assert_int_equal(mem_live(), live);
	/* The allocation fails: WRONG, as the header says, and nothing leaks. */
	mem_fail_after(0, 1);
	assert_int_equal(answer_check(&q, alt), W);
	mem_fail_after(-1, 0);
	assert_int_equal(mem_live(), live);
	/* Short answers never allocate. */
	mem_fail_after(0, 1);
	assert_int_equal(answer_check(&F2L, "平等、团结、互助、和谐；共同繁荣"), R);
	assert_int_equal(answer_check(&F3, "宪法；民族区域自治法；国务院"), R);
	mem_fail_after(-1, 0);
	free(alt);
	free(typed);
}

/* ---- answer_keys ----------------------------------------------------------------------- */

static const struct keys_case {
	const char *in;
	unsigned want;
} keys_cases[] = {
	{"A", KEY('A')},
	{"a", KEY('A')},
	{"Ａ", KEY('A')},
	{"ACD", KEY('A') | KEY('C') | KEY('D')},
	{"a,c,d", KEY('A') | KEY('C') | KEY('D')},
	{"A、C、D", KEY('A') | KEY('C') | KEY('D')},
	{"c d a", KEY('A') | KEY('C') | KEY('D')},
	{"Ａ，Ｃ，Ｄ", KEY('A') | KEY('C') | KEY('D')},
	{"A C D", KEY('A') | KEY('C') | KEY('D')},
	{"ACD。", KEY('A') | KEY('C') | KEY('D')},
	{"AA", KEY('A')},
	{"E", KEY('E')}, /* beyond four options: the bit anyway */
	{"Z", KEY('Z')},
	{"z", KEY('Z')},
	{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0x3ffffff},
	{"", 0},
	{" ", 0},
	{"。", 0},
	{"、", 0},
	{"A1", 0},
	{"A.B", 0},
	{"A-B", 0},
	{"A?", 0},
	{"甲", 0},
	{"Ä", 0},
	{"A\xff", 0},
	{"\xc1\x81", 0}, /* overlong 'A' */
};

static void
test_keys_table(void **state)
{
	size_t i;
	unsigned got;

	(void)state;
	for (i = 0; i < LEN(keys_cases); i++) {
		got = answer_keys(&S4, keys_cases[i].in);
		if (got != keys_cases[i].want)
			fail_msg("answer_keys(\"%s\") = %#x, want %#x", keys_cases[i].in, got,
				 keys_cases[i].want);
		assert_int_equal(answer_keys(NULL, keys_cases[i].in), got);
	}
	assert_int_equal(answer_keys(&S4, NULL), 0);
}

/* ---- answer_judge_word ----------------------------------------------------------------- */

static const struct word_case {
	const char *in;
	int want;
} word_cases[] = {
	{"对", 1},      {"错", 0},        {"ＴＲＵＥ", 1},
	{" 错误！", 0}, {"√", 1},         {"✓", 1},
	{"×", 0},       {"✗", 0},         {"是", 1},
	{"否", 0},      {"yEs", 1},       {"nO", 0},
	{"t", 1},       {"F", 0},         {"Ｙ", 1},
	{"ｎ", 0},      {"", -1},         {" ", -1},
	{"。", -1},     {"maybe", -1},    {"对错", -1},
	{"不对", -1},   {"x", -1},        {"X", -1},
	{"1", -1},      {"0", -1},        {"ye", -1},
	{"tru", -1},    {"yes no", -1},   {"\xff", -1},
	{"对\xff", -1}, {"\xe5\xaf", -1}, {"truetruetruetruetrue", -1}, /* longer than every word */
};

static void
test_word_table(void **state)
{
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < LEN(word_cases); i++) {
		got = answer_judge_word(word_cases[i].in);
		if (got != word_cases[i].want)
			fail_msg("answer_judge_word(\"%s\") = %d, want %d", word_cases[i].in, got,
				 word_cases[i].want);
	}
	assert_int_equal(answer_judge_word(NULL), -1);
}

/* ---- answer_blank --------------------------------------------------------------------- */

static const struct blank_case {
	const char *in;
	bool want;
} blank_cases[] = {
	{"", true},
	{" ", true},
	{"\t\r\n", true},
	{"\u3000", true},
	{"\u3000\u3000", true},
	{"。", true},
	{"。。。", true},
	{"！", true},
	{"...", true},
	{"，", true},
	{"、", true},
	{"；;,", true},
	{" 。 ，\u3000", true},
	{"a", false},
	{"？", false},
	{"?", false},
	{"…", false},
	{"——", false},
	{"0", false},
	{"\xff", false},
	{"\xe3\x80", false},
	{"。a", false},
	{"《》", false},
};

static void
test_blank_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < LEN(blank_cases); i++) {
		if (answer_blank(blank_cases[i].in) != blank_cases[i].want)
			fail_msg("answer_blank(\"%s\") = %d, want %d", blank_cases[i].in,
				 !blank_cases[i].want, blank_cases[i].want);
		/* blank is exactly "no parts" and "WRONG for every type" */
		assert_int_equal(answer_split(blank_cases[i].in, NULL, 0, NULL, 0) == 0,
				 blank_cases[i].want);
		if (blank_cases[i].want)
			assert_int_equal(answer_check(&OPEN, blank_cases[i].in), W);
		else
			assert_int_not_equal(answer_check(&OPEN, blank_cases[i].in), W);
	}
	assert_true(answer_blank(NULL));
}

/* ---- answer_split ------------------------------------------------------------------------ */

static const struct split_case {
	const char *in;
	size_t bufsize, max;
	size_t want;          /* the return value */
	const char *parts[4]; /* the first min(want, max) parts */
} split_cases[] = {
	{"普通话；规范汉字", 64, 4, 2, {"普通话", "规范汉字"}},
	{" Ａ，ｂ；；c 。", 64, 4, 3, {"a", "b", "c"}},
	{"a;b,c、d", 64, 4, 4, {"a", "b", "c", "d"}},
	{"普通话，", 64, 4, 1, {"普通话"}},
	{"，普通话", 64, 4, 1, {"普通话"}},
	{"a", 64, 4, 1, {"a"}},
	{"hello  world, x", 64, 4, 2, {"hello world", "x"}},
	{"第 4 条。；Ｘ！", 64, 4, 2, {"第4条", "x"}},
	{"a\xff,b", 64, 4, 2, {"a\xff", "b"}},
	{"", 64, 4, 0, {NULL}},
	{"；；", 64, 4, 0, {NULL}},
	{"。 ", 64, 4, 0, {NULL}},
	/* more parts than max: counted, the first max written */
	{"a,b,c", 64, 2, 3, {"a", "b"}},
	{"a,b,c,d,e,f", 64, 4, 6, {"a", "b", "c", "d"}},
	{"a,b,c", 64, 0, 3, {NULL}},
	/* a small buffer: cut at a character boundary, the rest empty */
	{"普通话；规范汉字", 8, 4, 2, {"普通", ""}},
	{"普通话；规范汉字", 10, 4, 2, {"普通话", ""}},
	{"普通话；规范汉字", 11, 4, 2, {"普通话", ""}},
	{"普通话；规范汉字", 14, 4, 2, {"普通话", "规"}},
	{"ab,cd", 4, 4, 2, {"ab", ""}},
	{"ab,cd", 5, 4, 2, {"ab", "c"}},
	{"ab,cd", 1, 4, 2, {"", ""}},
	{"ab,cd", 0, 4, 2, {"", ""}},
};

static void
test_split_table(void **state)
{
	const struct split_case *c;
	const char *parts[5];
	char buf[64 + 8];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < LEN(split_cases); i++) {
		c = &split_cases[i];
		memset(buf, '#', sizeof(buf));
		for (j = 0; j < LEN(parts); j++)
			parts[j] = "untouched";
		n = answer_split(c->in, buf, c->bufsize, parts, c->max);
		if (n != c->want)
			fail_msg("answer_split(\"%s\", %zu, %zu) = %zu, want %zu", c->in,
				 c->bufsize, c->max, n, c->want);
		for (j = 0; j < n && j < c->max; j++)
			if (strcmp(parts[j], c->parts[j]) != 0)
				fail_msg("answer_split(\"%s\", %zu): part %zu is \"%s\", want "
					 "\"%s\"",
					 c->in, c->bufsize, j, parts[j], c->parts[j]);
		for (; j < LEN(parts); j++)
			if (strcmp(parts[j], "untouched") != 0)
				fail_msg("answer_split(\"%s\"): part %zu written", c->in, j);
		for (j = c->bufsize; j < sizeof(buf); j++)
			if (buf[j] != '#')
				fail_msg("answer_split(\"%s\", %zu) wrote past the buffer", c->in,
					 c->bufsize);
	}
	assert_int_equal(answer_split(NULL, buf, sizeof(buf), parts, 4), 0);
}

/* ---- answer_format ---------------------------------------------------------------------- */

static const struct format_case {
	const struct question *q;
	size_t n;
	const char *want;
} format_cases[] = {
	{&S4, 64, "B"},
	{&SALIKE, 64, "A"},
	{&M5, 64, "ACD"},
	{&M8, 64, "ABCDEFGH"},
	{&M8, 4, "ABC"},
	{&JT, 64, "true"},
	{&JF, 64, "false"},
	{&JF, 3, "fa"},
	{&F1, 64, "普通话"},
	{&F1L, 64, "平等、团结、互助、和谐"},
	{&F2, 64, "普通话；规范汉字"},
	{&F2, 25, "普通话；规范汉字"}, /* exactly enough */
	{&F2, 24, "普通话；规范汉"},
	{&F2, 22, "普通话；规范汉"},
	{&F2, 21, "普通话；规范"},
	{&F2, 16, "普通话；规"},
	{&F2, 13, "普通话；"},
	{&F2, 12, "普通话"},
	{&F2, 10, "普通话"},
	{&F2, 9, "普通"},
	{&F2, 2, ""},
	{&F2, 1, ""},
	{&F2M, 64, "a；b,c"},
	{&F3, 64, "宪法；民族区域自治法；国务院"},
	{&OPEN, 64, "坚持中国共产党的领导。"},
	{&OPEN, 8, "坚持"},
	{&FILL0, 64, ""},
	{&FNOALT, 64, ""},
	{&ONOREF, 64, ""},
	{&BADTYPE, 64, ""},
};

static void
test_format_table(void **state)
{
	const struct format_case *c;
	char buf[64 + 8];
	const char *got;
	size_t i, j;

	(void)state;
	for (i = 0; i < LEN(format_cases); i++) {
		c = &format_cases[i];
		memset(buf, '#', sizeof(buf));
		got = answer_format(c->q, buf, c->n);
		assert_ptr_equal(got, buf);
		if (strcmp(got, c->want) != 0)
			fail_msg("answer_format(%s, %zu) = \"%s\", want \"%s\"", c->q->id, c->n,
				 got, c->want);
		for (j = c->n; j < sizeof(buf); j++)
			if (buf[j] != '#')
				fail_msg("answer_format(%s, %zu) wrote past the buffer", c->q->id,
					 c->n);
	}
	buf[0] = '#';
	assert_ptr_equal(answer_format(&S4, buf, 0), buf);
	assert_int_equal(buf[0], '#');
	assert_string_equal(answer_format(NULL, buf, 8), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_table),     cmocka_unit_test(test_check_null),
		cmocka_unit_test(test_judge_spellings), cmocka_unit_test(test_multiple_subsets),
		cmocka_unit_test(test_properties),      cmocka_unit_test(test_format_is_accepted),
		cmocka_unit_test(test_long_inputs),     cmocka_unit_test(test_long_helpers),
		cmocka_unit_test(test_fill_heap),       cmocka_unit_test(test_keys_table),
		cmocka_unit_test(test_word_table),      cmocka_unit_test(test_blank_table),
		cmocka_unit_test(test_split_table),     cmocka_unit_test(test_format_table),
	};
	int n = cmocka_run_group_tests(tests, NULL, NULL);

	return n ? 1 : 0;
}
