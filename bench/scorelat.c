/*
 * scorelat.c — how long one scoring event takes, journal fdatasync and the
 * four scoreboards included.
 *
 *   scorelat JINGSAI COMPETITION OUTDIR [EVENTS]
 *
 * Runs `jingsai host COMPETITION --out OUTDIR` in its scripted mode (stdin
 * and stdout pipes; OUTDIR is removed first) and writes EVENTS (default
 * 200) lines `adjust 1 +1 bench` one at a time: the time of one event runs
 * from the write of its line to the read of its report line, which the host
 * prints after it has journaled the event (fdatasync), applied it and
 * rewritten the four scoreboards (each a temporary file, fsync, rename and
 * a directory fsync).  Team key 1 is the first team of the competition, the
 * one of bench/data/buzz.yaml included.
 *
 * Prints the median, p99 and max; exits 1 when the median is 20 ms or
 * more, 2 on a usage error or when the host does not answer as expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXEV     10000
#define TARGET_NS 20000000LL /* the median */
#define WAIT_MS   10000

static pid_t child = -1;

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
die(const char *what, const char *line)
{
	fprintf(stderr, "scorelat: %s%s%s\n", what, line ? ": " : "", line ? line : "");
	if (child > 0)
		kill(child, SIGKILL);
	exit(2);
}

/* Read one line from fd into buf (without its newline); the time it was
 * complete.  Lines are short, so a byte at a time costs nothing here. */
static int64_t
read_line(int fd, char *buf, size_t size)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	size_t n = 0;
	char c;

	for (;;) {
		if (poll(&pfd, 1, WAIT_MS) <= 0)
			die("no report line from the host", NULL);
		if (read(fd, &c, 1) != 1)
			die("the host closed its output", NULL);
		if (c == '\n')
			break;
		if (n + 1 < size)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return now_ns();
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	static const char line[] = "adjust 1 +1 bench\n";
	static int64_t lat[MAXEV];
	int to[2], from[2], n = 200, i, status, devnull;
	int64_t t0, med, p99;
	char buf[512], cmd[4096];

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: scorelat JINGSAI COMPETITION OUTDIR [EVENTS]\n");
		return 2;
	}
	if (argc == 5 && ((n = atoi(argv[4])) < 1 || n > MAXEV)) {
		fprintf(stderr, "scorelat: EVENTS is 1 to %d\n", MAXEV);
		return 2;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", argv[3]);
	if (strchr(argv[3], '\'') != NULL || system(cmd) != 0) {
		fprintf(stderr, "scorelat: cannot clear %s\n", argv[3]);
		return 2;
	}
	if (pipe(to) != 0 || pipe(from) != 0) {
		perror("scorelat: pipe");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	child = fork();
	if (child < 0) {
		perror("scorelat: fork");
		return 2;
	}
	if (child == 0) {
		devnull = open("/dev/null", O_WRONLY);
		dup2(to[0], STDIN_FILENO);
		dup2(from[1], STDOUT_FILENO);
		if (devnull >= 0)
			dup2(devnull, STDERR_FILENO); /* "journal DIR (seed N)" */
		close(to[1]);
		close(from[0]);
		setenv("LC_ALL", "C.UTF-8", 1);
		execl(argv[1], argv[1], "host", argv[2], "--out", argv[3], (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);

	for (i = 0; i < n; i++) {
		t0 = now_ns();
		if (write(to[1], line, sizeof(line) - 1) != (ssize_t)sizeof(line) - 1)
			die("cannot write to the host", NULL);
		lat[i] = read_line(from[0], buf, sizeof(buf)) - t0;
		if (strncmp(buf, "Adjustment: ", 12) != 0 || strstr(buf, "+1, bench") == NULL)
			die("not the report of an adjustment", buf);
	}
	close(to[1]);
	while (read(from[0], buf, sizeof(buf)) > 0)
		;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "scorelat: the host did not exit 0 (status %#x)\n", status);
		return 2;
	}

	qsort(lat, (size_t)n, sizeof(*lat), cmp64);
	med = lat[n / 2];
	p99 = lat[(n * 99 + 99) / 100 - 1];
	printf("scoring event: %s, journal and boards in %s\n", argv[2], argv[3]);
	printf("%-28s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d events)\n", "line to report",
	       (double)med / 1e6, (double)p99 / 1e6, (double)lat[n - 1] / 1e6, n);
	if (med >= TARGET_NS) {
		printf("bench: FAIL: a scoring event takes %.2f ms (median), target < %.0f ms\n",
		       (double)med / 1e6, (double)TARGET_NS / 1e6);
		return 1;
	}
	return 0;
}
