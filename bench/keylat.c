/*
 * keylat.c — how long a key takes from the terminal to prompt_key().
 *
 * A child process types 1000 single keys on a pseudo-terminal, each after
 * the prompt has gone back to waiting, and sends the CLOCK_MONOTONIC time
 * of each write() down a pipe; the latency is from that write to the moment
 * prompt_key() has returned the key.  The same is measured for a bare
 * ppoll() + read() on the same terminal in the same raw mode, which is what
 * the pty and the scheduler cost by themselves.  Not run by `make bench`:
 *
 *   make build/rel/libjingsai.a
 *   cc -std=c11 -D_DEFAULT_SOURCE -O2 -Isrc -o build/keylat bench/keylat.c \
 *      build/rel/libjingsai.a $(pkg-config --libs readline yaml-0.1)
 *   build/keylat [KEYS]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "prompt.h"

#define MAXKEYS 100000

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, int64_t *lat, int n)
{
	qsort(lat, (size_t)n, sizeof(*lat), cmp64);
	printf("%-26s p50 %7.1f us   p99 %7.1f us   max %8.1f us   (%d keys)\n", what,
	       (double)lat[n / 2] / 1e3, (double)lat[(n * 99 + 99) / 100 - 1] / 1e3,
	       (double)lat[n - 1] / 1e3, n);
}

/* The typist: waits for "go", pauses so the reader is asleep again, types
 * one key and reports when. */
static void
typist(int master, int go, int stamps, int n)
{
	struct timespec pause = {0, 500000};
	int64_t t;
	char c;
	int i;

	for (i = 0; i < n; i++) {
		if (read(go, &c, 1) != 1)
			_exit(1);
		nanosleep(&pause, NULL);
		t = prompt_now();
		if (write(master, i % 2 ? "1" : "2", 1) != 1 ||
		    write(stamps, &t, sizeof(t)) != (ssize_t)sizeof(t))
			_exit(1);
	}
	_exit(0);
}

/* n keys through prompt_key() (bare = 0) or a bare ppoll + read. */
static int
measure(int master, int slave, struct prompt *p, bool bare, int n, int64_t *lat)
{
	int go[2], stamps[2], i, key, status;
	struct pollfd pfd = {.fd = slave, .events = POLLIN};
	int64_t t0, t1;
	pid_t pid;
	char c;

	if (pipe(go) != 0 || pipe(stamps) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		typist(master, go[0], stamps[1], n);
	for (i = 0; i < n; i++) {
		if (write(go[1], "g", 1) != 1)
			return -1;
		if (bare) {
			if (poll(&pfd, 1, -1) != 1 || read(slave, &c, 1) != 1)
				return -1;
		} else if (prompt_key(p, 0, &key) != PROMPT_KEY) {
			return -1;
		}
		t1 = prompt_now();
		if (read(stamps[0], &t0, sizeof(t0)) != (ssize_t)sizeof(t0))
			return -1;
		lat[i] = t1 - t0;
	}
	close(go[1]);
	close(stamps[0]);
	close(go[0]);
	close(stamps[1]);
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0
		       ? 0
		       : -1;
}

int
main(int argc, char **argv)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	int master, slave, n = argc > 1 ? atoi(argv[1]) : 1000, key;
	static int64_t lat[MAXKEYS];
	struct prompt *p;
	char *err = NULL;
	FILE *in, *out;

	if (n < 1 || n > MAXKEYS)
		n = 1000;
	if (openpty(&master, &slave, NULL, NULL, &ws) != 0)
		return 1;
	in = fdopen(slave, "r");
	out = fdopen(dup(slave), "w");
	if (in == NULL || out == NULL || (p = prompt_open(in, out, false, &err)) == NULL) {
		fprintf(stderr, "keylat: cannot open the prompt: %s\n", err ? err : "no terminal");
		return 1;
	}
	/* Into key mode; its settings serve the bare reader too. */
	if (prompt_key(p, prompt_now(), &key) != PROMPT_TIMEOUT)
		return 1;
	if (measure(master, slave, p, false, n, lat) != 0) {
		fprintf(stderr, "keylat: prompt_key failed\n");
		return 1;
	}
	report("prompt_key", lat, n);
	if (measure(master, slave, p, true, n, lat) != 0) {
		fprintf(stderr, "keylat: the bare read failed\n");
		return 1;
	}
	report("bare ppoll + read", lat, n);
	prompt_close(p);
	return 0;
}
