/*
 * test_session.c — session totals and the report writers (JSON and Markdown),
 * written to memory and compared with what they must contain.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bank.h"
#include "i18n.h"
#include "session.h"

static const char bank_yaml[] =
	"title: T\n"
	"questions:\n"
	"  - {id: a-1, type: single, question: \"选|项\", options: {A: x, B: y}, answer: B,\n"
	"     points: 5}\n"
	"  - {id: a-2, type: judge, question: \"引号\\\"和\\n换行\", answer: false, points: 15}\n"
	"  - {id: a-3, type: fill, question: 填____, answer: [甲, 乙]}\n";

struct fixture {
	struct bank_set set;
	struct diag_list diags;
	struct session s;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	bank_set_init(&f->set);
	if (bank_set_load_buffer(&f->set, "t.yaml", bank_yaml, sizeof(bank_yaml) - 1, &f->diags) !=
		    0 ||
	    f->diags.errors || f->set.nquestions != 3)
		return -1;
	f->s.seed = 99;
	f->s.pass = 60;
	f->s.seconds = 12.25;
	if (session_add(&f->s, f->set.questions[0], RESULT_RIGHT, "b", 3.5) ||
	    session_add(&f->s, f->set.questions[1], RESULT_WRONG, "对|\"x\"", 4.0) ||
	    session_add(&f->s, f->set.questions[2], RESULT_UNANSWERED, NULL, 30.0))
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	session_free(&f->s);
	bank_set_free(&f->set);
	diag_list_free(&f->diags);
	free(f);
	return 0;
}

static char *
capture(void (*w)(const struct session *, FILE *), const struct session *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	w(s, fp);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
test_totals(void **state)
{
	struct fixture *f = *state;
	struct session_totals t;

	session_totals(&f->s, &t);
	assert_int_equal(t.total, 3);
	assert_int_equal(t.right, 1);
	assert_int_equal(t.wrong, 1);
	assert_int_equal(t.unanswered, 1);
	assert_int_equal(t.points, 5);
	assert_int_equal(t.max_points, 30);
	assert_true(t.score > 16.66 && t.score < 16.67);
	assert_false(session_passed(&f->s));
	f->s.pass = 16;
	assert_true(session_passed(&f->s));
	f->s.pass = 17;
	assert_false(session_passed(&f->s));
}

static void
test_json(void **state)
{
	struct fixture *f = *state;
	char *out = capture(session_write_json, &f->s);

	assert_string_equal(
		out, "{\"mode\": \"practice\", \"seed\": 99, \"shuffle\": true, \"total\": 3, "
		     "\"correct\": 1, "
		     "\"wrong\": 1, \"unanswered\": 1, \"seconds\": 12.2, \"points\": 5, "
		     "\"max_points\": 30,\n"
		     " \"questions\": [\n"
		     "  {\"id\": \"a-1\", \"correct\": true, \"given\": \"b\", \"seconds\": 3.5},\n"
		     "  {\"id\": \"a-2\", \"correct\": false, \"given\": \"对|\\\"x\\\"\", "
		     "\"seconds\": 4.0},\n"
		     "  {\"id\": \"a-3\", \"correct\": false, \"given\": null, \"seconds\": 30.0}\n"
		     " ]}\n");
	free(out);
	f->s.exam = true;
	out = capture(session_write_json, &f->s);
	assert_non_null(strstr(out, "\"mode\": \"exam\""));
	assert_non_null(strstr(out, "\"score\": 16.7, \"pass\": 60, \"passed\": false"));
	free(out);
}

static void
test_json_empty(void **state)
{
	struct session s = {0};
	char *out;

	(void)state;
	out = capture(session_write_json, &s);
	assert_non_null(strstr(out, "\"total\": 0"));
	assert_non_null(strstr(out, "\"questions\": []}\n"));
	free(out);
}

static void
test_markdown(void **state)
{
	struct fixture *f = *state;
	char *out = capture(session_write_markdown, &f->s);

	assert_non_null(strstr(out, "# jingsai practice report\n"));
	assert_non_null(strstr(out, "- Points: 5 / 30\n"));
	/* Pipes escaped and line breaks flattened, so the table holds. */
	assert_non_null(strstr(out, "| 1 | a-1 | 选\\|项 | b | B | right | 3.5 |\n"));
	assert_non_null(
		strstr(out, "| 2 | a-2 | 引号\"和 换行 | 对\\|\"x\" | false | wrong | 4.0 |\n"));
	assert_non_null(strstr(out, "| 3 | a-3 | 填____ |  | 甲 | unanswered | 30.0 |\n"));
	assert_null(strstr(out, "Score"));
	free(out);
	f->s.exam = true;
	out = capture(session_write_markdown, &f->s);
	assert_non_null(strstr(out, "# jingsai mock exam report\n"));
	assert_non_null(strstr(out, "- Score: 16.7% (pass mark 60%): **not passed**\n"));
	free(out);
}

/* A choice question shown in another order: what was typed stays as typed,
 * the file's letters come beside it. */
static void
test_shown_order(void **state)
{
	static const unsigned char swapped[] = {1, 0}; /* shown A is the file's B */
	struct fixture *f = *state;
	struct session s = {0};
	char *out;

	s.seed = 5;
	s.file_order = false;
	assert_int_equal(
		session_add_shown(&s, f->set.questions[0], swapped, RESULT_RIGHT, "a", 2.0), 0);
	assert_int_equal(
		session_add_shown(&s, f->set.questions[0], swapped, RESULT_WRONG, "y", 2.0), 0);
	assert_int_equal(
		session_add_shown(&s, f->set.questions[0], swapped, RESULT_UNANSWERED, NULL, 2.0),
		0);
	/* The file's order, said or not, adds nothing. */
	assert_int_equal(session_add_shown(&s, f->set.questions[0], (const unsigned char[]){0, 1},
					   RESULT_WRONG, "A", 1.0),
			 0);
	assert_int_equal(session_add_shown(&s, f->set.questions[1], NULL, RESULT_RIGHT, "错", 1.0),
			 0);
	out = capture(session_write_json, &s);
	assert_non_null(strstr(out, "\"seed\": 5, \"shuffle\": true, "));
	assert_non_null(strstr(out,
			       "{\"id\": \"a-1\", \"correct\": true, \"given\": \"a\", "
			       "\"shown_order\": \"BA\", \"given_key\": \"B\", \"seconds\": 2.0}"));
	assert_non_null(strstr(out,
			       "{\"id\": \"a-1\", \"correct\": false, \"given\": \"y\", "
			       "\"shown_order\": \"BA\", \"given_key\": null, \"seconds\": 2.0}"));
	assert_non_null(strstr(out,
			       "{\"id\": \"a-1\", \"correct\": false, \"given\": null, "
			       "\"shown_order\": \"BA\", \"given_key\": null, \"seconds\": 2.0}"));
	assert_non_null(strstr(out, "{\"id\": \"a-1\", \"correct\": false, \"given\": \"A\", "
				    "\"seconds\": 1.0}"));
	assert_non_null(strstr(out, "{\"id\": \"a-2\", \"correct\": true, \"given\": \"错\", "
				    "\"seconds\": 1.0}"));
	free(out);
	out = capture(session_write_markdown, &s);
	assert_non_null(
		strstr(out, "| 1 | a-1 | 选\\|项 | a (bank: B) | A (bank: B) | right | 2.0 |\n"));
	assert_non_null(strstr(out, "| 2 | a-1 | 选\\|项 | y | A (bank: B) | wrong | 2.0 |\n"));
	assert_non_null(strstr(out, "| 3 | a-1 | 选\\|项 |  | A (bank: B) | unanswered | 2.0 |\n"));
	assert_non_null(strstr(out, "| 4 | a-1 | 选\\|项 | A | B | wrong | 1.0 |\n"));
	free(out);
	s.file_order = true; /* --no-shuffle */
	out = capture(session_write_json, &s);
	assert_non_null(strstr(out, "\"seed\": 5, \"shuffle\": false, "));
	free(out);
	session_free(&s);
}

static void
test_report_kind(void **state)
{
	(void)state;
	assert_int_equal(session_report_kind("r.json"), 1);
	assert_int_equal(session_report_kind("dir/r.md"), 0);
	assert_int_equal(session_report_kind("r.txt"), -1);
	assert_int_equal(session_report_kind(".json"), -1);
	assert_int_equal(session_report_kind("json"), -1);
	assert_int_equal(session_report_kind("r.JSON"), -1);
}

static void
test_write_report(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/jingsai-session.XXXXXX", path[128], buf[64];
	char *err = NULL;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/r.json", dir);
	assert_int_equal(session_write_report(&f->s, path, &err), 0);
	assert_null(err);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	assert_int_equal(strncmp(buf, "{\"mode\": \"practice\"", 19), 0);
	fclose(fp);
	unlink(path);
	/* A directory that does not exist: an error naming it, nothing written. */
	snprintf(path, sizeof(path), "%s/no/r.md", dir);
	assert_int_equal(session_write_report(&f->s, path, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, dir));
	free(err);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test_setup_teardown(test_markdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shown_order, setup, teardown),
		cmocka_unit_test(test_report_kind),
		cmocka_unit_test_setup_teardown(test_write_report, setup, teardown),
	};

	/* The writers speak the UI language: pin English. */
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
