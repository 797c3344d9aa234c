/*
 * test_prompt.c — the timed prompt's line mode (no terminal): lines,
 * deadlines, end of input, signals, over-long lines.  The terminal mode is
 * tested under tmux (tests/tmux/run.sh) and measured by bench/timer.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "prompt.h"

struct pipe_prompt {
	int wfd;
	FILE *in;
	struct prompt *p;
};

static void
open_pipe(struct pipe_prompt *pp, const char *data)
{
	int fds[2];
	char *err = NULL;

	assert_int_equal(pipe(fds), 0);
	pp->wfd = fds[1];
	pp->in = fdopen(fds[0], "r");
	assert_non_null(pp->in);
	if (data != NULL)
		assert_int_equal(write(pp->wfd, data, strlen(data)), (ssize_t)strlen(data));
	pp->p = prompt_open(pp->in, stdout, false, &err);
	assert_non_null(pp->p);
	assert_false(prompt_is_tty(pp->p));
}

static void
close_pipe(struct pipe_prompt *pp)
{
	prompt_close(pp->p);
	if (pp->wfd >= 0)
		close(pp->wfd);
	fclose(pp->in);
}

static enum prompt_status
read1(struct pipe_prompt *pp, int64_t deadline, char **line)
{
	struct prompt_read_opts o = {.label = "> ", .deadline = deadline};

	return prompt_read(pp->p, &o, line);
}

static void
test_lines(void **state)
{
	struct pipe_prompt pp;
	char *line;

	(void)state;
	open_pipe(&pp, "B\r\n\nlast without newline");
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	assert_string_equal(line, "B"); /* CRLF: the CR goes */
	mem_free(line);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	assert_string_equal(line, "");
	mem_free(line);
	close(pp.wfd);
	pp.wfd = -1;
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	assert_string_equal(line, "last without newline");
	mem_free(line);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_EOF);
	assert_null(line);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_EOF);
	close_pipe(&pp);
}

static void
test_deadline(void **state)
{
	struct pipe_prompt pp;
	char *line;
	int64_t start, took;

	(void)state;
	open_pipe(&pp, NULL);
	start = prompt_now();
	assert_int_equal(read1(&pp, start + 150000000, &line), PROMPT_TIMEOUT);
	took = prompt_now() - start;
	assert_true(took >= 150000000);
	assert_null(line);
	/* A deadline already past: time's up at once, even with a line waiting. */
	assert_int_equal(write(pp.wfd, "A\n", 2), 2);
	assert_int_equal(read1(&pp, prompt_now() - 1, &line), PROMPT_TIMEOUT);
	/* The waiting line is the next prompt's. */
	assert_int_equal(read1(&pp, prompt_now() + 1000000000, &line), PROMPT_LINE);
	assert_string_equal(line, "A");
	mem_free(line);
	close_pipe(&pp);
}

static void
test_signals(void **state)
{
	struct pipe_prompt pp;
	char *line;

	(void)state;
	open_pipe(&pp, NULL);
	/* Blocked while the prompt is open: pending until the prompt waits. */
	raise(SIGINT);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_INTERRUPT);
	mem_free(line);
	raise(SIGTERM);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_TERMINATE);
	assert_int_equal(prompt_signal(pp.p), SIGTERM);
	close_pipe(&pp);
}

static void
test_long_line(void **state)
{
	struct pipe_prompt pp;
	char *line, *big;
	size_t n = 300 * 1024, done = 0;
	ssize_t w;
	pid_t pid;

	(void)state;
	open_pipe(&pp, NULL);
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'x', n);
	big[n - 1] = '\n';
	/* A writer process: the pipe holds less than the line. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		while (done < n && (w = write(pp.wfd, big + done, n - done)) > 0)
			done += (size_t)w;
		(void)!write(pp.wfd, "after\n", 6);
		_exit(0);
	}
	close(pp.wfd);
	pp.wfd = -1;
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	/* Kept: its first part, not the whole 300 KiB. */
	assert_true(strlen(line) >= 32 * 1024 && strlen(line) <= 64 * 1024);
	assert_true(strspn(line, "x") == strlen(line));
	mem_free(line);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	assert_string_equal(line, "after");
	mem_free(line);
	free(big);
	close_pipe(&pp);
}

static void
test_one_at_a_time(void **state)
{
	struct pipe_prompt pp;
	struct prompt *second;
	char *err = NULL;

	(void)state;
	open_pipe(&pp, NULL);
	second = prompt_open(pp.in, stdout, false, &err);
	assert_null(second);
	assert_non_null(err);
	mem_free(err);
	close_pipe(&pp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),         cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_signals),       cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_one_at_a_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
