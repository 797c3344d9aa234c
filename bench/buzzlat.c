/*
 * buzzlat.c — how long a buzz takes on the projector: from the team's key
 * written to the terminal to the frame naming the winner fully read back.
 *
 *   buzzlat JINGSAI COMPETITION OUTDIR [BUZZES]
 *
 * Runs the real `jingsai host COMPETITION --out OUTDIR` on a pseudo-terminal
 * of 80x24 (OUTDIR must not hold a journal: it is removed first), steps to
 * the first question of its buzz round with Space, and then for each buzz
 * (default 100): Space opens the buzzers, a team key is written once the
 * host has drawn "Buzz now!" and gone back to waiting, and the time runs
 * until the first complete frame with the team's name in its banner has
 * been read; then 'y' or 'n' marks it and Space shows the next question.
 * Everything the host does for a buzz is inside: the journal record and its
 * fdatasync, the four scoreboards, the frame.
 *
 * A frame (src/screen.c) starts with ESC[H ESC[0m, writes every row from
 * ESC[row;1H, and ends by parking the cursor with a second ESC[24;1H: the
 * frame is complete once that is read.  The competition is
 * bench/data/buzz.yaml: teams 甲队 乙队 丙队 on keys 1 2 3, one buzz round of
 * 110 questions without rebound (a mark ends the question).  The banner
 * spaces a name out ("甲 队") when it fits, which it does at 80 columns; the
 * team bar and the status line do not, so the spaced name is the banner.
 *
 * Prints the time to the first byte of the answer and to the complete
 * frame, p50/p99/max; exits 1 when the frame's p99 is 10 ms or more, 2 on
 * a usage error or when the host does not behave as expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROWS      24
#define COLS      80
#define MAXBUZZ   100
#define TARGET_NS 10000000LL /* p99 of the complete frame */
#define WAIT_MS   10000      /* for any expected frame */

static const struct {
	char key;
	const char *spaced; /* the name as the banner writes it */
} teams[] = {{'1', "甲 队"}, {'2', "乙 队"}, {'3', "丙 队"}};

static int master = -1;
static pid_t child = -1;
static char *out; /* everything read from the terminal */
static size_t len, cap;
static int64_t last_read; /* when the last bytes came */
static char park[16];     /* ESC[24;1H */

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
die(const char *what)
{
	size_t from = len > 3000 ? len - 3000 : 0, i;

	fprintf(stderr, "buzzlat: %s; the last output was:\n", what);
	for (i = from; i < len; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == 27)
			fputs("\\e", stderr);
		else
			fputc(c, stderr);
	}
	fputc('\n', stderr);
	if (child > 0)
		kill(child, SIGKILL);
	exit(2);
}

/* Read whatever comes within ms milliseconds; 0 on a timeout, -1 at the end. */
static int
pump(int ms)
{
	struct pollfd pfd = {.fd = master, .events = POLLIN};
	ssize_t n;
	int r;

	r = poll(&pfd, 1, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	if (cap - len < 65536) {
		cap = cap ? cap * 2 : 1 << 20;
		if ((out = realloc(out, cap)) == NULL) {
			fprintf(stderr, "buzzlat: out of memory\n");
			exit(2);
		}
	}
	n = read(master, out + len, cap - len);
	if (n <= 0)
		return -1; /* EIO: the host has closed the terminal */
	last_read = now_ns();
	len += (size_t)n;
	return 1;
}

/* The end of the frame that starts at s (just after its cursor park), or
 * 0 while it is incomplete. */
static size_t
frame_end(size_t s)
{
	size_t plen = strlen(park);
	char *a, *b;

	a = memmem(out + s, len - s, park, plen);
	if (a == NULL)
		return 0;
	b = memmem(a + plen, len - (size_t)(a + plen - out), park, plen);
	return b == NULL ? 0 : (size_t)(b + plen - out);
}

/* Wait for the first complete frame that starts at or after *from and holds
 * text; returns when its last byte was read, and moves *from past it. */
static int64_t
wait_frame(size_t *from, const char *text)
{
	static const char start[] = "\033[0m\033[1;1H"; /* how screen_render begins a frame */
	int64_t limit = now_ns() + (int64_t)WAIT_MS * 1000000;
	size_t pos = *from, e;
	char *s;
	char what[256];

	for (;;) {
		while ((s = memmem(out + pos, len - pos, start, sizeof(start) - 1)) != NULL &&
		       (e = frame_end((size_t)(s - out))) != 0) {
			pos = e;
			if (memmem(s, e - (size_t)(s - out), text, strlen(text)) != NULL) {
				*from = e;
				return last_read;
			}
		}
		if (s != NULL)
			pos = (size_t)(s - out); /* an incomplete frame: wait for the rest */
		if (now_ns() > limit || pump(200) < 0) {
			snprintf(what, sizeof(what), "no frame with \"%s\"", text);
			die(what);
		}
	}
}

static void
type(const char *s)
{
	if (write(master, s, strlen(s)) != (ssize_t)strlen(s))
		die("cannot write to the terminal");
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int64_t
report(const char *what, int64_t *lat, int n)
{
	int64_t p99;

	qsort(lat, (size_t)n, sizeof(*lat), cmp64);
	p99 = lat[(n * 99 + 99) / 100 - 1];
	printf("%-28s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d buzzes)\n", what,
	       (double)lat[n / 2] / 1e6, (double)p99 / 1e6, (double)lat[n - 1] / 1e6, n);
	return p99;
}

int
main(int argc, char **argv)
{
	struct winsize ws = {.ws_row = ROWS, .ws_col = COLS};
	struct timespec pause = {0, 1000000};
	int64_t frame[MAXBUZZ], first[MAXBUZZ], t0, p99;
	int n = MAXBUZZ, i, status;
	size_t at = 0, k;
	char cmd[4096], key[2] = {0, 0};

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: buzzlat JINGSAI COMPETITION OUTDIR [BUZZES]\n");
		return 2;
	}
	if (argc == 5 && ((n = atoi(argv[4])) < 1 || n > MAXBUZZ)) {
		fprintf(stderr, "buzzlat: BUZZES is 1 to %d\n", MAXBUZZ);
		return 2;
	}
	snprintf(park, sizeof(park), "\033[%d;1H", ROWS);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", argv[3]);
	if (strchr(argv[3], '\'') != NULL || system(cmd) != 0) {
		fprintf(stderr, "buzzlat: cannot clear %s\n", argv[3]);
		return 2;
	}
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("buzzlat: forkpty");
		return 2;
	}
	if (child == 0) {
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TERM", "xterm-256color", 1);
		unsetenv("NO_COLOR");
		execl(argv[1], argv[1], "host", argv[2], "--out", argv[3], (char *)NULL);
		perror("buzzlat: exec");
		_exit(127);
	}

	wait_frame(&at, "Space: begin");
	type(" ");
	wait_frame(&at, "Space: first question");
	type(" ");
	for (i = 0; i < n; i++) {
		k = (size_t)i % (sizeof(teams) / sizeof(teams[0]));
		wait_frame(&at, "Space: open the buzzers");
		type(" ");
		wait_frame(&at, "Buzz now!");
		/* Let the host go back to waiting, as it is when a team keys. */
		nanosleep(&pause, NULL);
		while (pump(0) > 0)
			;
		at = len;
		key[0] = teams[k].key;
		t0 = now_ns();
		type(key);
		while (len == at)
			if (pump(WAIT_MS) <= 0)
				die("no answer to the buzz key");
		first[i] = last_read - t0;
		frame[i] = wait_frame(&at, teams[k].spaced) - t0;
		type(i % 2 ? "n" : "y");
		wait_frame(&at, "Space: next");
		type(" ");
	}
	wait_frame(&at, "Space: open the buzzers");
	type("q");
	wait_frame(&at, "Quit?");
	type("y");
	while (pump(WAIT_MS) > 0)
		;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "buzzlat: the host did not exit 0 (status %#x)\n", status);
		return 2;
	}

	printf("buzz latency: %s on a %dx%d pty, journal and boards in %s\n", argv[2], COLS, ROWS,
	       argv[3]);
	report("key to first byte", first, n);
	p99 = report("key to winner frame", frame, n);
	if (p99 >= TARGET_NS) {
		printf("bench: FAIL: the winner's frame takes %.2f ms at the 99th percentile, "
		       "target < %.0f ms\n",
		       (double)p99 / 1e6, (double)TARGET_NS / 1e6);
		return 1;
	}
	return 0;
}
