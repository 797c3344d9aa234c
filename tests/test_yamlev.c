/*
 * test_yamlev.c — the loaders' event reader (src/yamlev.h) on its own: the
 * depth limit, the anchor refusal and its message count, libyaml's errors at
 * the position the author must look at (a tab, a key without ':', a
 * full-width colon however long the key, bytes that are not UTF-8, after a
 * byte-order mark), the positions from a file read again and none from a
 * pipe, the caller's reader errors, skipping, the scalar helpers and the key
 * reader.  Messages are checked in English, as the loaders pass them on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "yamlev.h"

#define MAX_MSGS 32

/* What the callbacks saw. */
struct rec {
	struct yamlev y;
	char msg[MAX_MSGS][160];
	unsigned line[MAX_MSGS], col[MAX_MSGS];
	size_t n;
	unsigned anchors; /* ops.anchor calls */
	int input_error;  /* what ops.input_error answers */
	int input_asked;  /* how often it was asked */
};

static void rec_error(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
rec_error(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct rec *r = ctx;

	assert_true(r->n < MAX_MSGS);
	vsnprintf(r->msg[r->n], sizeof(r->msg[r->n]), fmt, ap);
	r->line[r->n] = line;
	r->col[r->n] = col;
	r->n++;
}

static void
rec_anchor(void *ctx, const char *what, const char *name)
{
	struct rec *r = ctx;

	assert_true(r->n < MAX_MSGS);
	snprintf(r->msg[r->n], sizeof(r->msg[r->n]), "%s%s'", what, name);
	r->line[r->n] = YAMLEV_LINE(r->y.ev.start_mark);
	r->col[r->n] = YAMLEV_COL(r->y.ev.start_mark);
	r->n++;
	r->anchors++;
}

static int
rec_input_error(void *ctx)
{
	struct rec *r = ctx;

	r->input_asked++;
	if (r->input_error) {
		assert_true(r->n < MAX_MSGS);
		snprintf(r->msg[r->n], sizeof(r->msg[r->n]), "the caller's reason");
		r->line[r->n] = r->col[r->n] = 0;
		r->n++;
	}
	return r->input_error;
}

static const struct yamlev_ops ops = {rec_error, rec_anchor, rec_input_error};

static struct rec *
rec_new(const char *text, unsigned max_depth)
{
	struct rec *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	yamlev_init(&r->y, &ops, r, max_depth);
	if (text != NULL)
		assert_int_equal(yamlev_start_string(&r->y, text, strlen(text)), 0);
	return r;
}

static void
rec_free(struct rec *r)
{
	yamlev_end(&r->y);
	free(r);
}

/* Pull events until the file cannot go on or the stream ends: how many. */
static size_t
drain(struct rec *r)
{
	size_t n = 0;

	while (yamlev_next(&r->y) == 0) {
		n++;
		if (r->y.ev.type == YAML_STREAM_END_EVENT)
			break;
	}
	return n;
}

static void
assert_msg(const struct rec *r, size_t i, unsigned line, unsigned col, const char *msg)
{
	assert_true(i < r->n);
	assert_string_equal(r->msg[i], msg);
	assert_int_equal(r->line[i], line);
	assert_int_equal(r->col[i], col);
}

/* The first error of text[0..], read to its end or its error. */
static struct rec *
first_error(const char *text)
{
	struct rec *r = rec_new(text, 32);

	drain(r);
	assert_true(r->n >= 1);
	assert_int_equal(r->y.fatal, 1);
	return r;
}

/* ---- events ------------------------------------------------------------------ */

static void
test_depth_limit(void **state)
{
	struct rec *r;

	(void)state;
	/* Three levels are allowed with max_depth 3, the fourth ends the file. */
	r = rec_new("a: [b, [c]]\n", 3);
	assert_int_equal(drain(r), 13);
	assert_int_equal(r->n, 0);
	assert_int_equal(r->y.fatal, 0);
	rec_free(r);

	r = rec_new("a: [b, [c, {d: e}]]\n", 3);
	drain(r);
	assert_int_equal(r->n, 1);
	assert_msg(r, 0, 1, 12, "nesting deeper than 3 levels");
	assert_int_equal(r->y.fatal, 1);
	assert_int_equal(r->y.oom, 0);
	/* Nothing more is read once the file is fatal. */
	assert_int_equal(yamlev_next(&r->y), -1);
	assert_int_equal(r->n, 1);
	rec_free(r);
}

static void
test_anchor_messages(void **state)
{
	char text[512];
	size_t k = 0;
	struct rec *r;
	int i;

	(void)state;
	k += (size_t)snprintf(text + k, sizeof(text) - k, "&top [");
	for (i = 0; i < 14; i++)
		k += (size_t)snprintf(text + k, sizeof(text) - k, "&a%d x, ", i);
	snprintf(text + k, sizeof(text) - k, "*a1, *a2]\n");
	r = rec_new(text, 32);
	drain(r);
	/* Ten by the caller's message, then one that says the rest are not
	 * reported; the file goes on to its end. */
	assert_int_equal(r->anchors, YAMLEV_MAX_ANCHOR_MESSAGES);
	assert_int_equal(r->n, YAMLEV_MAX_ANCHOR_MESSAGES + 1);
	assert_msg(r, 0, 1, 1, "anchor '&top'");
	assert_msg(r, 1, 1, 7, "anchor '&a0'");
	assert_msg(r, 9, 1, 63, "anchor '&a8'");
	assert_msg(r, 10, 1, 70, "more anchors and aliases: not reported one by one");
	assert_int_equal(r->y.fatal, 0);
	assert_int_equal(r->y.ev.type, YAML_STREAM_END_EVENT);
	rec_free(r);

	/* An alias is refused where it stands, by its name. */
	r = rec_new("a: *b\n", 32);
	drain(r);
	assert_int_equal(r->n, 1);
	assert_msg(r, 0, 1, 4, "alias '*b'");
	rec_free(r);
}

static void
test_skip(void **state)
{
	struct rec *r = rec_new("- {a: [1, 2], b: {c: d}}\n- after\n", 32);

	(void)state;
	while (yamlev_next(&r->y) == 0 && r->y.ev.type != YAML_MAPPING_START_EVENT)
		;
	assert_int_equal(r->y.depth, 2);
	assert_int_equal(yamlev_skip(&r->y), 0);
	assert_int_equal(r->y.ev.type, YAML_MAPPING_END_EVENT);
	assert_int_equal(r->y.depth, 1);
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(r->y.ev.type, YAML_SCALAR_EVENT);
	assert_string_equal((const char *)r->y.ev.data.scalar.value, "after");
	/* A scalar is its own node: nothing to skip. */
	assert_int_equal(yamlev_skip(&r->y), 0);
	assert_string_equal((const char *)r->y.ev.data.scalar.value, "after");
	rec_free(r);
}

static void
test_end_twice(void **state)
{
	struct rec *r = rec_new(NULL, 32);

	(void)state;
	/* Without a parser there is nothing to read, and ending is harmless. */
	assert_int_equal(yamlev_next(&r->y), -1);
	yamlev_end(&r->y);
	assert_int_equal(yamlev_start_string(&r->y, "a", 1), 0);
	assert_int_equal(yamlev_next(&r->y), 0);
	yamlev_end(&r->y);
	yamlev_end(&r->y);
	rec_free(r);
}

/* ---- libyaml's errors ------------------------------------------------------------ */

static void
test_parser_errors(void **state)
{
	struct rec *r;
	char *text;

	(void)state;
	r = first_error("a:\n\t- b\n");
	assert_msg(r, 0, 2, 1, "tab character: indent with spaces, not tabs");
	rec_free(r);

	/* libyaml finds the missing ':' on the next line; the key is reported. */
	r = first_error("q:\n  - id: a\n    type judge\n    text: x\n");
	assert_msg(r, 0, 3, 5, "syntax error: no ':' after this key");
	rec_free(r);

	r = first_error("q:\n  - id: a\n    type\xef\xbc\x9ajudge\n    text: x\n");
	assert_msg(r, 0, 3, 5,
		   "syntax error: no ':' after this key (the full-width '：' does not count: "
		   "type ':')");
	rec_free(r);

	/* However long the key (libyaml gives up on a key past 1024 bytes). */
	text = malloc(6000);
	assert_non_null(text);
	strcpy(text, "q:\n  - id: a\n    ");
	memset(text + 17, 'k', 5000);
	strcpy(text + 17 + 5000, " \xef\xbc\x9ajudge\n    text: x\n");
	r = first_error(text);
	assert_msg(r, 0, 3, 5,
		   "syntax error: no ':' after this key (the full-width '：' does not count: "
		   "type ':')");
	rec_free(r);
	free(text);

	/* The position counts characters, not bytes. */
	r = first_error("\xe9\xa2\x98: [a, b\n");
	assert_string_equal(r->msg[0], "syntax error: did not find expected ',' or ']' "
				       "(while parsing a flow sequence at line 1, column 4)");
	assert_int_equal(r->line[0], 2);
	rec_free(r);
}

static void
test_reader_errors(void **state)
{
	struct rec *r;

	(void)state;
	/* A byte-order mark is not a column; a CJK character is one. */
	r = first_error("\xef\xbb\xbf"
			"a: \xe9\xa2\x98\xff\n");
	assert_msg(r, 0, 1, 5, "invalid leading UTF-8 octet (byte 0xff): the file must be UTF-8");
	rec_free(r);

	r = first_error("a: b\nc: \x01\n");
	assert_msg(r, 0, 2, 4, "control character U+0001 is not allowed");
	rec_free(r);
}

/* A read handler that fails at once, as load.c's does past its size limit. */
static int
failing_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	(void)data;
	(void)buffer;
	(void)size;
	(void)size_read;
	return 0;
}

static void
test_input_error(void **state)
{
	struct rec *r = rec_new(NULL, 32);

	(void)state;
	r->input_error = 1;
	assert_int_equal(yamlev_start_handler(&r->y, failing_handler, NULL), 0);
	drain(r);
	assert_int_equal(r->input_asked, 1);
	assert_int_equal(r->n, 1);
	assert_msg(r, 0, 0, 0, "the caller's reason");
	rec_free(r);

	/* When the caller has no reason, libyaml's is reported (no source to
	 * work out the position from: the start). */
	r = rec_new(NULL, 32);
	assert_int_equal(yamlev_start_handler(&r->y, failing_handler, NULL), 0);
	drain(r);
	assert_int_equal(r->input_asked, 1);
	assert_int_equal(r->n, 1);
	assert_msg(r, 0, 1, 1, "input error: the file must be UTF-8");
	rec_free(r);
}

/* Read the string through a handler, the way the bank loader reads a file. */
struct chunks {
	const char *s;
	size_t len, pos;
};

static int
string_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct chunks *c = data;
	size_t n = c->len - c->pos < size ? c->len - c->pos : size;

	memcpy(buffer, c->s + c->pos, n);
	c->pos += n;
	*size_read = n;
	return 1;
}

static void
test_source_file(void **state)
{
	static const char text[] = "a: b\nc:\n  d: \xe9\xa2\x98\x01\n";
	char path[] = "/tmp/test_yamlev.XXXXXX";
	struct chunks ch = {text, sizeof(text) - 1, 0};
	unsigned line, col;
	struct rec *r;
	int fd, pfd[2];

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));

	/* A regular file is read again by its path for the position. */
	r = rec_new(NULL, 32);
	yamlev_set_source(&r->y, NULL, 0, path, fd);
	assert_int_equal(yamlev_start_handler(&r->y, string_handler, &ch), 0);
	drain(r);
	assert_msg(r, 0, 3, 7, "control character U+0001 is not allowed");
	/* Positions still work after the parser is gone. */
	yamlev_end(&r->y);
	yamlev_position(&r->y, 5, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	rec_free(r);

	/* A pipe cannot be read again: the message stands at the start. */
	assert_int_equal(pipe(pfd), 0);
	ch.pos = 0;
	r = rec_new(NULL, 32);
	yamlev_set_source(&r->y, NULL, 0, "/dev/stdin", pfd[0]);
	assert_int_equal(yamlev_start_handler(&r->y, string_handler, &ch), 0);
	drain(r);
	assert_msg(r, 0, 1, 1, "control character U+0001 is not allowed");
	rec_free(r);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
	unlink(path);
}

/* ---- scalars and keys --------------------------------------------------------------- */

/* The first scalar event of text, in r->y.ev. */
static struct rec *
first_scalar(const char *text)
{
	struct rec *r = rec_new(text, 32);

	while (yamlev_next(&r->y) == 0 && r->y.ev.type != YAML_SCALAR_EVENT)
		;
	assert_int_equal(r->y.ev.type, YAML_SCALAR_EVENT);
	return r;
}

static void
test_scalars(void **state)
{
	static const struct {
		const char *text;
		int null, nul;
		size_t len;
	} cases[] = {
		{"~", 1, 0, 1},
		{"null", 1, 0, 4},
		{"NULL", 1, 0, 4},
		{"Null", 1, 0, 4},
		{"nULL", 0, 0, 4},
		{"''", 0, 0, 0},
		{"\"~\"", 0, 0, 1},
		{"\"a\\0b\"", 0, 1, 3},
		{"'a\\0b'", 0, 0, 4},
		{"|\n  a\n\n", 0, 0, 1},
		{"x: ", 1, 0, 1 /* the key */},
	};
	struct rec *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = first_scalar(cases[i].text);
		if (strcmp(cases[i].text, "x: ") != 0) {
			assert_int_equal(yamlev_is_null(&r->y.ev), cases[i].null);
			assert_int_equal(yamlev_has_nul(&r->y.ev), cases[i].nul);
			assert_int_equal(yamlev_text_len(&r->y.ev), cases[i].len);
		} else {
			assert_int_equal(yamlev_next(&r->y), 0); /* the empty value */
			assert_int_equal(yamlev_is_null(&r->y.ev), 1);
		}
		rec_free(r);
	}
	assert_int_equal(yamlev_is_blank(" \t\r\n\xe3\x80\x80", 7), 1);
	assert_int_equal(yamlev_is_blank(" \xe3\x80", 3), 0);
	assert_int_equal(yamlev_is_blank("", 0), 1);
}

static void
test_take_text(void **state)
{
	struct arena a = {0};
	struct rec *r;
	size_t len = 0;
	const char *s;

	(void)state;
	r = first_scalar("|\n  two\n  lines\n");
	s = yamlev_take_text(&r->y, &a, "text", 1, &len);
	assert_string_equal(s, "two\nlines");
	assert_int_equal(len, 9);
	rec_free(r);

	r = first_scalar("[\"\xe3\x80\x80\", \"a\\0\", [x], ~]");
	assert_null(yamlev_take_text(&r->y, &a, "text", 1, NULL));
	assert_msg(r, 0, 1, 2, "'text' is empty");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_null(yamlev_take_text(&r->y, &a, "text", 1, NULL));
	assert_msg(r, 1, 1, 7, "'text' contains a NUL character");
	assert_int_equal(yamlev_next(&r->y), 0);
	/* A list is skipped whole. */
	assert_null(yamlev_take_text(&r->y, &a, "text", 1, NULL));
	assert_msg(r, 2, 1, 14, "'text' must be text, not a list");
	assert_int_equal(r->y.ev.type, YAML_SEQUENCE_END_EVENT);
	assert_int_equal(yamlev_next(&r->y), 0);
	/* Not required: no message. */
	assert_null(yamlev_take_text(&r->y, &a, "text", 0, NULL));
	assert_int_equal(r->n, 3);
	rec_free(r);
	arena_free(&a);
}

static void
test_read_key(void **state)
{
	static const char *const known[] = {"type", "time", "tags", NULL};
	struct yamlev_seen seen[3] = {{0, 0}, {0, 0}, {0, 0}};
	struct rec *r;

	(void)state;
	r = rec_new("{type: a, tpye: b, Time: c, type: d, [x]: e, \"t\\0\": f, "
		    "zzzzzzzz: g, tags: [h]}\n",
		    32);
	while (yamlev_next(&r->y) == 0 && r->y.ev.type != YAML_MAPPING_START_EVENT)
		;
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), 0);
	assert_string_equal((const char *)r->y.ev.data.scalar.value, "a");
	assert_int_equal(seen[0].line, 1);
	assert_int_equal(seen[0].col, 2);
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 0, 1, 11, "unknown key 'tpye' in a thing; did you mean 'type'?");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 1, 1, 20, "unknown key 'Time' in a thing; did you mean 'time'?");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 2, 1, 29, "duplicate key 'type' (first at line 1, column 2)");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 3, 1, 38, "a key in a thing must be text, not a list");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 4, 1, 46, "a key in a thing contains a NUL character");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), -1);
	assert_msg(r, 5, 1, 56, "unknown key 'zzzzzzzz' in a thing");
	assert_int_equal(yamlev_next(&r->y), 0);
	/* The value of a known key is current, a list here. */
	assert_int_equal(yamlev_read_key(&r->y, "a thing", known, seen), 2);
	assert_int_equal(r->y.ev.type, YAML_SEQUENCE_START_EVENT);
	assert_int_equal(r->n, 6);
	rec_free(r);

	assert_int_equal(yamlev_index("time", known), 1);
	assert_int_equal(yamlev_index("", known), -1);
	assert_int_equal(yamlev_index("tag", known), -1);
	assert_string_equal(yamlev_closest("TAGS", known), "tags");
	assert_null(yamlev_closest("x", known));
}

static void
test_take_int(void **state)
{
	struct rec *r;
	int v = 0;

	(void)state;
	r = first_scalar("[7, -3, 0, 99999999999999999999, 1x, 4, \"2\\0\", {a: b}, 2]");
	assert_int_equal(yamlev_take_int(&r->y, "n", -10, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", -10, 10, &v), 0);
	assert_int_equal(v, -3);
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 10, &v), -1);
	assert_msg(r, 0, 1, 9, "'n' must be a whole number from 1 to 10, not '0'");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 10, &v), -1);
	assert_msg(r, 1, 1, 12,
		   "'n' must be a whole number from 1 to 10, not '99999999999999999999'");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 10, &v), -1);
	assert_msg(r, 2, 1, 34, "'n' must be a whole number from 1 to 10, not '1x'");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "difficulty", 1, 3, &v), -1);
	assert_msg(r, 3, 1, 38, "'difficulty' must be 1, 2 or 3, not '4'");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 3, &v), -1);
	assert_msg(r, 4, 1, 41, "'n' contains a NUL character");
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 3, &v), -1);
	assert_msg(r, 5, 1, 48, "'n' must be a number, not a mapping");
	assert_int_equal(r->y.ev.type, YAML_MAPPING_END_EVENT);
	assert_int_equal(yamlev_next(&r->y), 0);
	assert_int_equal(yamlev_take_int(&r->y, "n", 1, 3, &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(r->n, 6);
	rec_free(r);
}

static void
test_begin_finish(void **state)
{
	struct rec *r;

	(void)state;
	r = rec_new("a: b\n", 32);
	assert_int_equal(yamlev_begin(&r->y), 0);
	assert_int_equal(r->y.ev.type, YAML_MAPPING_START_EVENT);
	assert_int_equal(yamlev_skip(&r->y), 0);
	assert_int_equal(yamlev_finish(&r->y), 0);
	assert_int_equal(r->y.ev.type, YAML_STREAM_END_EVENT);
	rec_free(r);

	r = rec_new("", 32);
	assert_int_equal(yamlev_begin(&r->y), 1);
	rec_free(r);

	r = rec_new("a\n---\nb\n", 32);
	assert_int_equal(yamlev_begin(&r->y), 0);
	assert_int_equal(yamlev_finish(&r->y), 1);
	assert_int_equal(r->y.ev.type, YAML_DOCUMENT_START_EVENT);
	assert_int_equal(r->n, 0);
	rec_free(r);

	/* UTF-16 (by its byte-order mark) is refused at the start. */
	r = rec_new(NULL, 32);
	assert_int_equal(yamlev_start_string(&r->y,
					     "\xff\xfe"
					     "a\0:\0 \0b\0",
					     10),
			 0);
	assert_int_equal(yamlev_begin(&r->y), -1);
	assert_msg(r, 0, 1, 1, "the file is UTF-16: save it as UTF-8");
	rec_free(r);
}

static void
test_brief(void **state)
{
	char s[64];

	(void)state;
	assert_int_equal(yamlev_brief_len("short"), 5);
	memset(s, 'a', 43);
	s[43] = '\0';
	assert_int_equal(yamlev_brief_len(s), 43); /* not worth cutting */
	s[43] = 'a';
	s[44] = '\0';
	assert_int_equal(yamlev_brief_len(s), 40);
	/* Cut before a character, not inside it. */
	memcpy(s + 39, "\xe9\xa2\x98\xe9\xa2\x98", 6);
	s[45] = '\0';
	assert_int_equal(yamlev_brief_len(s), 39);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_limit),   cmocka_unit_test(test_anchor_messages),
		cmocka_unit_test(test_skip),          cmocka_unit_test(test_end_twice),
		cmocka_unit_test(test_parser_errors), cmocka_unit_test(test_reader_errors),
		cmocka_unit_test(test_input_error),   cmocka_unit_test(test_source_file),
		cmocka_unit_test(test_scalars),       cmocka_unit_test(test_take_text),
		cmocka_unit_test(test_read_key),      cmocka_unit_test(test_take_int),
		cmocka_unit_test(test_begin_finish),  cmocka_unit_test(test_brief),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
