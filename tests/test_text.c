/*
 * test_text.c — the text helpers of src/text.h, table-driven: answer folding,
 * display width, UTF-8 decoding and edit distance.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- text_fold ------------------------------------------------------------ */

static const struct fold_case {
	const char *in, *out;
} fold_cases[] = {
	/* full-width letters, digits and punctuation to half-width */
	{"ＡＢＣ", "abc"},
	{"ａｂｃ", "abc"},
	{"１９８４", "1984"},
	{"Ａ，Ｂ", "a,b"},
	{"（答案）", "(答案)"},
	{"１＋１＝２", "1+1=2"},
	{"ｚ～", "z~"},      /* U+FF5A, U+FF5E: the ends of the range */
	{"？", "?"},         /* folded, but not final punctuation */
	{"答案，", "答案,"}, /* a final comma stays */
	{"｟", "｟"},        /* U+FF5F is outside the range */
	{"Ä", "Ä"},          /* only ASCII letters change case */
	/* the ideographic space */
	{"中\u3000国", "中 国"},
	{"\u3000答案\u3000", "答案"},
	/* case */
	{"ACD", "acd"},
	{"GdP", "gdp"},
	/* surrounding white space; interior spaces kept */
	{"  abc  ", "abc"},
	{"\tabc\n", "abc"},
	{"Hello  World", "hello  world"},
	{" 民族 团结 ", "民族 团结"},
	/* final punctuation 。 . ！ ! (and runs of it, with spaces) */
	{"答案。", "答案"},
	{"答案！", "答案"},
	{"yes!", "yes"},
	{"end.", "end"},
	{"答案．", "答案"}, /* full-width full stop folds to '.' */
	{"答案。。", "答案"},
	{"答案 。 ", "答案"},
	{"对！！！", "对"},
	{"3.14", "3.14"}, /* not final: kept */
	{"a.b.", "a.b"},
	{"。答案", "。答案"}, /* leading punctuation is not stripped */
	/* nothing left */
	{"。", ""},
	{"！！", ""},
	{" . ", ""},
	{"\u3000", ""},
	{"", ""},
	/* invalid bytes pass through */
	{"\xff", "\xff"},
	{"a\xc3(", "a\xc3("},
	{"\xc0\xae", "\xc0\xae"},     /* an overlong '.' is not a full stop */
	{"答\xef\xbc", "答\xef\xbc"}, /* a full-width form cut short */
	{"答\xe3\x80", "答\xe3\x80"}, /* U+3000 or 。 cut short */
	/* other CJK punctuation is left alone; 。 inside stays */
	{"甲、乙", "甲、乙"},
	{"甲；乙：丙", "甲;乙:丙"},
	{"中。文", "中。文"},
	{"ａ！。 ．", "a"},
	{"\u3000。\u3000", ""},
	{"\xf0\x9f\x98\x80！", "\xf0\x9f\x98\x80"},
};

static void
test_fold_table(void **state)
{
	size_t i, n, got;
	char *out;

	(void)state;
	for (i = 0; i < LEN(fold_cases); i++) {
		n = strlen(fold_cases[i].in);
		out = malloc(n + 1); /* exactly what the contract asks for */
		assert_non_null(out);
		got = text_fold(fold_cases[i].in, n, out);
		if (strcmp(out, fold_cases[i].out) != 0 || got != strlen(fold_cases[i].out)) {
			print_error("text_fold(\"%s\") = \"%s\" (%zu), want \"%s\" (%zu)\n",
				    fold_cases[i].in, out, got, fold_cases[i].out,
				    strlen(fold_cases[i].out));
			free(out);
			fail();
		}
		free(out);
	}
}

/* Only the first n bytes are read; input need not be NUL-terminated. */
static void
test_fold_length(void **state)
{
	char out[16];
	const char in[6] = {'A', 'B', 'C', 'D', 'E', 'F'}; /* no NUL */

	(void)state;
	assert_int_equal(text_fold(in, 3, out), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(text_fold("答案。多余", strlen("答案。"), out), strlen("答案"));
	assert_string_equal(out, "答案");
	/* A sequence cut by n is not decoded past n. */
	assert_int_equal(text_fold("中", 2, out), 2);
	assert_memory_equal(out, "\xe4\xb8", 3);
	assert_int_equal(text_fold("x", 0, out), 0);
	assert_string_equal(out, "");
}

/* Folding is idempotent: folded text folds to itself. */
static void
test_fold_idempotent(void **state)
{
	char a[64], b[64];
	size_t i, la;

	(void)state;
	for (i = 0; i < LEN(fold_cases); i++) {
		if (strlen(fold_cases[i].in) >= sizeof(a))
			continue;
		la = text_fold(fold_cases[i].in, strlen(fold_cases[i].in), a);
		assert_int_equal(text_fold(a, la, b), la);
		assert_string_equal(a, b);
	}
}

/* ---- text_fold_char ------------------------------------------------------- */

static const struct fold_char_case {
	const char *in;
	size_t n; /* bytes available */
	size_t used;
	const char *out; /* the folded bytes */
} fold_char_cases[] = {
	{"A", 1, 1, "a"},
	{"z!", 2, 1, "z"},
	{" ", 1, 1, " "},
	{"Ａ", 3, 3, "a"},
	{"９", 3, 3, "9"},
	{"，", 3, 3, ","},
	{"；", 3, 3, ";"},
	{"！", 3, 3, "!"},
	{"～", 3, 3, "~"}, /* U+FF5E, the last full-width form */
	{"\u3000", 3, 3, " "},
	{"。", 3, 3, "。"}, /* not a full-width form: kept */
	{"、", 3, 3, "、"},
	{"中文", 6, 3, "中"}, /* one character only */
	{"\xf0\x9f\x98\x80", 4, 4, "\xf0\x9f\x98\x80"},
	{"Ä", 2, 2, "Ä"},
	{"\xff", 1, 1, "\xff"},     /* invalid: one byte */
	{"\xc0\xae", 2, 1, "\xc0"}, /* overlong */
	{"Ａ", 2, 1, "\xef"},       /* cut short by n */
};

static void
test_fold_char_table(void **state)
{
	const struct fold_char_case *c;
	char out[8];
	size_t i, used, len;

	(void)state;
	for (i = 0; i < LEN(fold_char_cases); i++) {
		c = &fold_char_cases[i];
		memset(out, '#', sizeof(out));
		used = text_fold_char(c->in, c->n, out, &len);
		if (used != c->used || len != strlen(c->out) || memcmp(out, c->out, len) != 0 ||
		    out[len] != '#')
			fail_msg("text_fold_char(\"%s\", %zu): used %zu, %zu bytes; want %zu, "
				 "\"%s\"",
				 c->in, c->n, used, len, c->used, c->out);
		if (len > used)
			fail_msg("text_fold_char(\"%s\") wrote more than it used", c->in);
	}
	assert_int_equal(text_fold_char("A", 0, out, &len), 0);
	assert_int_equal(len, 0);
}

/* text_fold is text_fold_char over the string, trimmed: check it on the table. */
static void
test_fold_char_composes(void **state)
{
	char a[64], b[64], one[4];
	size_t i, k, n, used, len, o;

	(void)state;
	for (k = 0; k < LEN(fold_cases); k++) {
		n = strlen(fold_cases[k].in);
		if (n >= sizeof(a))
			continue;
		for (i = 0, o = 0; i < n; i += used) {
			used = text_fold_char(fold_cases[k].in + i, n - i, one, &len);
			assert_true(used >= 1);
			memcpy(a + o, one, len);
			o += len;
		}
		/* folding the char-by-char result again gives text_fold's answer */
		assert_int_equal(text_fold(a, o, b), strlen(fold_cases[k].out));
		assert_string_equal(b, fold_cases[k].out);
	}
}

/* ---- text_width ------------------------------------------------------------- */

static const struct width_case {
	const char *s;
	size_t width;
} width_cases[] = {
	{"", 0},         {"abc", 3},     {"Hello, world!", 13}, {"中", 2}, {"民族团结", 8},
	{"中a文b", 6},   {"第1题：", 7}, {"ＡＢ１", 6},  /* full-width forms are wide */
	{"，。", 4},     {"\u3000", 2},  {"e\u0301", 1}, /* a combining mark takes no column */
	{"\x01", 1},                                     /* a control character counts one */
	{"\xff\xfe", 2},                                 /* so does each invalid byte */
	{"\xe4\xb8", 2}, /* a truncated sequence: two invalid bytes */
	{"😀", 2},
};

static void
test_width_table(void **state)
{
	size_t i, w;

	(void)state;
	text_setup_ctype();
	for (i = 0; i < LEN(width_cases); i++) {
		w = text_width(width_cases[i].s);
		if (w != width_cases[i].width)
			fail_msg("text_width(\"%s\") = %zu, want %zu", width_cases[i].s, w,
				 width_cases[i].width);
	}
}

static void
test_width_n(void **state)
{
	(void)state;
	text_setup_ctype();
	assert_int_equal(text_width_n("中文abc", 3), 2);
	assert_int_equal(text_width_n("中文abc", 6), 4);
	assert_int_equal(text_width_n("中文abc", 7), 5);
	assert_int_equal(text_width_n("abc", 0), 0);
}

/* ---- text_decode -------------------------------------------------------------- */

static const struct decode_case {
	const char *name;
	const char *s;
	size_t n;    /* bytes available */
	size_t len;  /* expected return */
	unsigned cp; /* expected code point (the first byte when invalid) */
} decode_cases[] = {
	/* valid, 1 to 4 bytes, with the bounds of each length */
	{"NUL", "\0", 1, 1, 0x00},
	{"ASCII", "A", 1, 1, 0x41},
	{"DEL", "\x7f", 1, 1, 0x7f},
	{"2-byte min", "\xc2\x80", 2, 2, 0x80},
	{"copyright", "\xc2\xa9", 2, 2, 0xa9},
	{"2-byte max", "\xdf\xbf", 2, 2, 0x7ff},
	{"3-byte min", "\xe0\xa0\x80", 3, 3, 0x800},
	{"zhong", "中", 3, 3, 0x4e2d},
	{"ideographic space", "\u3000", 3, 3, 0x3000},
	{"before surrogates", "\xed\x9f\xbf", 3, 3, 0xd7ff},
	{"after surrogates", "\xee\x80\x80", 3, 3, 0xe000},
	{"BOM", "\xef\xbb\xbf", 3, 3, 0xfeff},
	{"3-byte max", "\xef\xbf\xbf", 3, 3, 0xffff},
	{"4-byte min", "\xf0\x90\x80\x80", 4, 4, 0x10000},
	{"emoji", "\xf0\x9f\x98\x80", 4, 4, 0x1f600},
	{"max code point", "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff},
	{"only the first", "ab", 2, 1, 0x61},
	{"first of two", "中文", 6, 3, 0x4e2d},
	/* overlong */
	{"overlong '/' 2", "\xc0\xaf", 2, 0, 0xc0},
	{"overlong 2 max", "\xc1\xbf", 2, 0, 0xc1},
	{"overlong NUL", "\xc0\x80", 2, 0, 0xc0},
	{"overlong 3", "\xe0\x80\xaf", 3, 0, 0xe0},
	{"overlong 3 max", "\xe0\x9f\xbf", 3, 0, 0xe0},
	{"overlong 4", "\xf0\x80\x80\xaf", 4, 0, 0xf0},
	{"overlong 4 max", "\xf0\x8f\xbf\xbf", 4, 0, 0xf0},
	/* surrogates */
	{"surrogate D800", "\xed\xa0\x80", 3, 0, 0xed},
	{"surrogate DBFF", "\xed\xaf\xbf", 3, 0, 0xed},
	{"surrogate DC00", "\xed\xb0\x80", 3, 0, 0xed},
	{"surrogate DFFF", "\xed\xbf\xbf", 3, 0, 0xed},
	/* beyond U+10FFFF, and lead bytes that never appear */
	{"U+110000", "\xf4\x90\x80\x80", 4, 0, 0xf4},
	{"F5 lead", "\xf5\x80\x80\x80", 4, 0, 0xf5},
	{"5-byte form", "\xf8\x88\x80\x80\x80", 5, 0, 0xf8},
	{"FE", "\xfe", 1, 0, 0xfe},
	{"FF", "\xff", 1, 0, 0xff},
	/* continuation bytes in the wrong place */
	{"lone continuation", "\x80", 1, 0, 0x80},
	{"lone BF", "\xbf", 1, 0, 0xbf},
	{"bad second byte", "\xe4\x41\xad", 3, 0, 0xe4},
	{"bad third byte", "\xe4\xb8\x41", 3, 0, 0xe4},
	{"bad fourth byte", "\xf0\x9f\x98\x41", 4, 0, 0xf0},
	{"lead then lead", "\xc3\xc3", 2, 0, 0xc3},
	/* truncated: by the string or by n */
	{"truncated 2", "\xc2", 1, 0, 0xc2},
	{"truncated 3 of 2", "\xe4\xb8", 2, 0, 0xe4},
	{"truncated 4 of 3", "\xf0\x9f\x98", 3, 0, 0xf0},
	{"cut by n", "中", 2, 0, 0xe4},
	{"cut by n to 1", "中", 1, 0, 0xe4},
	{"emoji cut by n", "\xf0\x9f\x98\x80", 3, 0, 0xf0},
};

static void
test_decode_table(void **state)
{
	const struct decode_case *c;
	unsigned cp;
	size_t i, len;

	(void)state;
	for (i = 0; i < LEN(decode_cases); i++) {
		c = &decode_cases[i];
		cp = 0xdeadbeef;
		len = text_decode(c->s, c->n, &cp);
		if (len != c->len || cp != c->cp)
			fail_msg("text_decode(%s) = %zu, U+%04X; want %zu, U+%04X", c->name, len,
				 cp, c->len, c->cp);
	}
}

static void
test_decode_empty(void **state)
{
	unsigned cp = 0;

	(void)state;
	assert_int_equal(text_decode("A", 0, &cp), 0);
}

/* Every code point encodes and decodes back, except the surrogates. */
static void
test_decode_all_code_points(void **state)
{
	unsigned char b[4];
	unsigned c, cp;
	size_t n;

	(void)state;
	for (c = 0; c <= 0x10ffff; c++) {
		if (c < 0x80) {
			b[0] = (unsigned char)c, n = 1;
		} else if (c < 0x800) {
			b[0] = (unsigned char)(0xc0 | (c >> 6));
			b[1] = (unsigned char)(0x80 | (c & 0x3f));
			n = 2;
		} else if (c < 0x10000) {
			b[0] = (unsigned char)(0xe0 | (c >> 12));
			b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			b[2] = (unsigned char)(0x80 | (c & 0x3f));
			n = 3;
		} else {
			b[0] = (unsigned char)(0xf0 | (c >> 18));
			b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
			b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			b[3] = (unsigned char)(0x80 | (c & 0x3f));
			n = 4;
		}
		cp = 0;
		if (c >= 0xd800 && c <= 0xdfff) {
			if (text_decode((const char *)b, n, &cp) != 0)
				fail_msg("surrogate U+%04X accepted", c);
		} else if (text_decode((const char *)b, n, &cp) != n || cp != c) {
			fail_msg("U+%04X does not decode back (got U+%04X)", c, cp);
		}
	}
}

/* ---- text_distance --------------------------------------------------------------- */

static const struct distance_case {
	const char *a, *b;
	unsigned cap, d;
} distance_cases[] = {
	{"", "", 3, 0},
	{"abc", "abc", 3, 0},
	{"abc", "abd", 3, 1},
	{"abc", "ab", 3, 1},
	{"ab", "abc", 3, 1},
	{"abc", "xabc", 3, 1},
	{"", "abc", 5, 3},
	{"abc", "", 5, 3},
	{"flaw", "lawn", 5, 2},
	{"kitten", "sitting", 5, 3},
	{"kitten", "sitting", 3, 3}, /* capped: at the cap */
	{"kitten", "sitting", 2, 2}, /* capped below the distance */
	{"single", "singel", 3, 2},  /* a transposition is two edits */
	{"explaination", "explanation", 3, 1},
	{"dificulty", "difficulty", 3, 1},
	{"titel", "title", 3, 2},
	{"questoins", "questions", 3, 2},
	{"foo", "id", 3, 3},
	{"remark", "explanation", 3, 3},
	{"multiple", "multiple", 1, 0},
	{"Single", "single", 3, 1}, /* case matters */
	{"a", "b", 0, 0},           /* cap 0: everything is 0 */
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "id", 3, 3},
};

static void
test_distance_table(void **state)
{
	const struct distance_case *c;
	unsigned d;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(distance_cases); i++) {
		c = &distance_cases[i];
		d = text_distance(c->a, c->b, c->cap);
		if (d != c->d)
			fail_msg("text_distance(\"%s\", \"%s\", %u) = %u, want %u", c->a, c->b,
				 c->cap, d, c->d);
		/* symmetric */
		d = text_distance(c->b, c->a, c->cap);
		if (d != c->d)
			fail_msg("text_distance(\"%s\", \"%s\", %u) = %u, want %u", c->b, c->a,
				 c->cap, d, c->d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_length),
		cmocka_unit_test(test_fold_idempotent),
		cmocka_unit_test(test_fold_char_table),
		cmocka_unit_test(test_fold_char_composes),
		cmocka_unit_test(test_width_table),
		cmocka_unit_test(test_width_n),
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_decode_all_code_points),
		cmocka_unit_test(test_distance_table),
	};
	int n = cmocka_run_group_tests(tests, NULL, NULL);

	return n ? 1 : 0;
}
