/*
 * timer.c — how far the timed prompt's "time's up" strays from its deadline.
 *
 * 100 timed prompts with no answer on each input path: a pipe (line mode)
 * and a pseudo-terminal (readline's callback mode, countdown and all).  The
 * lateness is taken outside the prompt: from the deadline to the moment
 * prompt_read() has returned PROMPT_TIMEOUT, cleanup included.  Then a few
 * longer prompts on the terminal, to see how late each countdown step is
 * drawn after its whole second (drift would show as growing lateness).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prompt.h"

#define NSEC 1000000000LL

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
drain(int fd)
{
	char buf[4096];

	while (fd >= 0 && read(fd, buf, sizeof(buf)) > 0)
		;
}

/* Run n prompts of 'ms' milliseconds on in/out; lateness into late[]. */
static int
run(FILE *in, FILE *out, int master, int n, int ms, int64_t *late, int64_t *max_tick)
{
	struct prompt_read_opts o = {0};
	struct prompt *p;
	char *err = NULL, *line = NULL;
	int i;

	p = prompt_open(in, out, false, &err);
	if (p == NULL) {
		fprintf(stderr, "timer: %s\n", err);
		return -1;
	}
	o.label = "> ";
	for (i = 0; i < n; i++) {
		/* Deadlines at no particular phase of the clock. */
		o.deadline = prompt_now() + (int64_t)ms * 1000000 + (i * 7919 % 1000) * 1000;
		if (prompt_read(p, &o, &line) != PROMPT_TIMEOUT) {
			fprintf(stderr, "timer: prompt %d did not time out\n", i);
			free(line);
			prompt_close(p);
			return -1;
		}
		late[i] = prompt_now() - o.deadline;
		drain(master);
	}
	*max_tick = prompt_get_stats(p)->max_tick_late;
	prompt_close(p);
	return 0;
}

static void
report(const char *what, int64_t *late, int n)
{
	qsort(late, (size_t)n, sizeof(*late), cmp64);
	printf("%-28s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d prompts)\n", what,
	       (double)late[n / 2] / 1e6, (double)late[(n * 99 + 99) / 100 - 1] / 1e6,
	       (double)late[n - 1] / 1e6, n);
}

int
main(int argc, char **argv)
{
	enum { N = 100 };
	int64_t late[N], tick = 0, p99;
	int fds[2], master, slave, n = argc > 1 ? atoi(argv[1]) : N, status = 0;
	FILE *in, *out, *tin, *tout;

	if (n < 1 || n > N)
		n = N;
	/* Line mode: a pipe nobody writes to. */
	if (pipe(fds) != 0 || (in = fdopen(fds[0], "r")) == NULL)
		return 1;
	out = fopen("/dev/null", "w");
	if (out == NULL || run(in, out, -1, n, 200, late, &tick) != 0)
		return 1;
	report("time's up, pipe", late, n);
	p99 = late[(n * 99 + 99) / 100 - 1];
	status |= p99 > 20000000;

	/* Terminal mode: a pseudo-terminal nobody types on. */
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master))
		return 1;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0 || (tin = fdopen(slave, "r")) == NULL ||
	    (tout = fdopen(dup(slave), "w")) == NULL)
		return 1;
	fcntl(master, F_SETFL, O_NONBLOCK);
	if (run(tin, tout, master, n, 200, late, &tick) != 0)
		return 1;
	report("time's up, terminal", late, n);
	p99 = late[(n * 99 + 99) / 100 - 1];
	status |= p99 > 20000000;
	if (run(tin, tout, master, 3, 4000, late, &tick) != 0)
		return 1;
	printf("%-28s max %6.2f ms after its second (3 prompts of 4 s)\n",
	       "countdown step, terminal", (double)tick / 1e6);
	status |= tick > 20000000;
	if (status)
		printf("bench: FAIL: target is under 20 ms at the 99th percentile\n");
	return status;
}
