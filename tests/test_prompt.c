/*
 * test_prompt.c — the timed prompt's line mode (no terminal): lines,
 * deadlines, end of input, signals, over-long lines; and on a
 * pseudo-terminal its key mode (raw keystrokes for the competition host),
 * the switch between keys and readline lines, the command history and
 * completion, and the terminal restored.  The countdown on a terminal is
 * tested under tmux (tests/tmux/run.sh, tests/tmux/keys.sh) and measured by
 * bench/timer.c and bench/keylat.c.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <locale.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
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

/* ---- key mode without a terminal ------------------------------------ */

/* The keys of a script: the same buffered input as its lines. */
static void
test_keys_line_mode(void **state)
{
	static const int want[] = {'1', '\n', '\n', '2', PROMPT_KEY_OTHER, 'b', PROMPT_KEY_OTHER,
				   'y', 27};
	struct pipe_prompt pp;
	char *line;
	int key;
	size_t i;

	(void)state;
	open_pipe(&pp, "1\r\n2\033[Ab\xe4\xb8\xadyes\nanswer\n\033");
	for (i = 0; i < sizeof(want) / sizeof(want[0]) - 1; i++) {
		assert_int_equal(prompt_key(pp.p, 0, &key), PROMPT_KEY);
		assert_int_equal(key, want[i]);
	}
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE); /* the rest of "yes" */
	assert_string_equal(line, "es");
	mem_free(line);
	assert_int_equal(read1(&pp, 0, &line), PROMPT_LINE);
	assert_string_equal(line, "answer");
	mem_free(line);
	prompt_flush_keys(pp.p); /* no terminal: a script loses nothing */
	close(pp.wfd);
	pp.wfd = -1;
	assert_int_equal(prompt_key(pp.p, 0, &key), PROMPT_KEY);
	assert_int_equal(key, 27); /* at the end of input Esc waits for nothing */
	assert_int_equal(prompt_key(pp.p, 0, &key), PROMPT_EOF);
	assert_int_equal(key, -1);
	close_pipe(&pp);
}

/* ---- key mode on a pseudo-terminal ---------------------------------- */

struct pty_prompt {
	int master, slave;
	FILE *in, *out;
	struct prompt *p;
	struct termios orig;
	char seen[1 << 16]; /* what the prompt wrote to the terminal */
	size_t nseen;
};

static struct pty_prompt tp_storage;

static struct pty_prompt *
open_pty(void)
{
	struct pty_prompt *tp = &tp_storage;
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	char *err = NULL;

	memset(tp, 0, sizeof(*tp));
	assert_int_equal(openpty(&tp->master, &tp->slave, NULL, NULL, &ws), 0);
	assert_int_equal(tcgetattr(tp->slave, &tp->orig), 0);
	assert_int_equal(fcntl(tp->master, F_SETFL, O_NONBLOCK), 0);
	tp->in = fdopen(tp->slave, "r");
	tp->out = fdopen(dup(tp->slave), "w");
	assert_non_null(tp->in);
	assert_non_null(tp->out);
	tp->p = prompt_open(tp->in, tp->out, false, &err);
	assert_non_null(tp->p);
	assert_true(prompt_is_tty(tp->p));
	return tp;
}

/* Collect what the prompt wrote (the terminal would block when full). */
static void
drain(struct pty_prompt *tp)
{
	ssize_t r;

	for (;;) {
		if (tp->nseen > sizeof(tp->seen) / 2) {
			memmove(tp->seen, tp->seen + tp->nseen / 2, tp->nseen - tp->nseen / 2);
			tp->nseen -= tp->nseen / 2;
		}
		r = read(tp->master, tp->seen + tp->nseen, sizeof(tp->seen) - tp->nseen);
		if (r <= 0)
			break;
		tp->nseen += (size_t)r;
	}
}

static bool
seen(struct pty_prompt *tp, const char *s)
{
	drain(tp);
	return memmem(tp->seen, tp->nseen, s, strlen(s)) != NULL;
}

/* a, then b soon after (readline may switch bracketed paste in between). */
static bool
seen_before(struct pty_prompt *tp, const char *a, const char *b)
{
	const char *at, *end;

	drain(tp);
	at = memmem(tp->seen, tp->nseen, a, strlen(a));
	if (at == NULL)
		return false;
	at += strlen(a);
	end = tp->seen + tp->nseen;
	return memmem(at, (size_t)(end - at) < 32 ? (size_t)(end - at) : 32, b, strlen(b)) != NULL;
}

static void
close_pty(struct pty_prompt *tp)
{
	prompt_close(tp->p);
	tp->p = NULL;
	drain(tp);
	fclose(tp->in);
	fclose(tp->out);
	close(tp->master);
	tp->in = tp->out = NULL;
}

/* After a failed test too: the next one needs the prompt closed. */
static int
teardown_pty(void **state)
{
	struct pty_prompt *tp = &tp_storage;

	(void)state;
	if (tp->in != NULL)
		close_pty(tp);
	return 0;
}

/* Type on the keyboard: all of s in one write, as keys pressed together. */
static void
type(struct pty_prompt *tp, const char *s)
{
	assert_int_equal(write(tp->master, s, strlen(s)), (ssize_t)strlen(s));
}

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Type s after ms milliseconds, from another process, while the prompt waits. */
static pid_t
type_later(struct pty_prompt *tp, int ms, const char *s)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		sleep_ms(ms);
		(void)!write(tp->master, s, strlen(s));
		_exit(0);
	}
	return pid;
}

static void
reap(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static bool
same_termios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag && a->c_cflag == b->c_cflag &&
	       a->c_lflag == b->c_lflag && memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc)) == 0;
}

static int
key1(struct pty_prompt *tp, int64_t wait_ns)
{
	int key, st = prompt_key(tp->p, prompt_now() + wait_ns, &key);

	drain(tp);
	return st == PROMPT_KEY ? key : -100 - st;
}

#define MS     1000000LL
#define NO_KEY (-100 - PROMPT_TIMEOUT)

/* The first call enters raw mode: no echo, no line editing, Enter as
 * typed, flow control off, Ctrl-C still a signal. */
static void
enter_key_mode(struct pty_prompt *tp)
{
	struct termios t;

	assert_int_equal(key1(tp, 0), NO_KEY);
	assert_int_equal(tcgetattr(tp->slave, &t), 0);
	assert_int_equal(t.c_lflag & (ICANON | ECHO | IEXTEN), 0);
	assert_int_equal(t.c_iflag & (IXON | ICRNL), 0);
	assert_true(t.c_lflag & ISIG);
	assert_int_equal(t.c_cc[VMIN], 1);
	assert_int_equal(t.c_cc[VTIME], 0);
}

static void
test_keys_together(void **state)
{
	struct pty_prompt *tp = open_pty();

	(void)state;
	enter_key_mode(tp);
	type(tp, "12");
	assert_int_equal(key1(tp, 1000 * MS), '1'); /* byte order: the first wins */
	assert_int_equal(key1(tp, 1000 * MS), '2');
	type(tp, "3y n");
	assert_int_equal(key1(tp, 1000 * MS), '3');
	assert_int_equal(key1(tp, 1000 * MS), 'y');
	assert_int_equal(key1(tp, 1000 * MS), ' ');
	assert_int_equal(key1(tp, 1000 * MS), 'n');
	assert_int_equal(key1(tp, 20 * MS), NO_KEY);
	/* Nothing was echoed. */
	assert_false(seen(tp, "3y n"));
	close_pty(tp);
}

static void
test_key_decoding(void **state)
{
	struct pty_prompt *tp = open_pty();
	int64_t start, took;

	(void)state;
	enter_key_mode(tp);
	type(tp, "\033[A"); /* Up */
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 50 * MS), NO_KEY);
	type(tp, "\033[1;5C\033OPa\033[15~"); /* Ctrl-Right, F1, a, F5 */
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 1000 * MS), 'a');
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 50 * MS), NO_KEY);
	type(tp, "\r\n");
	assert_int_equal(key1(tp, 1000 * MS), '\n');
	assert_int_equal(key1(tp, 1000 * MS), '\n');
	type(tp, "中1"); /* an IME in Chinese mode: one key, then the buzz */
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 1000 * MS), '1');
	type(tp, "\xff\x80\x04\x7f");
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 1000 * MS), 4); /* Ctrl-D is a key */
	assert_int_equal(key1(tp, 1000 * MS), 0x7f);
	/* Esc alone: after the short wait for more. */
	type(tp, "\033");
	start = prompt_now();
	assert_int_equal(key1(tp, 1000 * MS), 27);
	took = prompt_now() - start;
	assert_true(took >= 25 * MS);
	assert_true(took < 300 * MS);
	/* Esc then a buzz in the same read: the buzz is not swallowed. */
	type(tp, "\0332");
	assert_int_equal(key1(tp, 1000 * MS), 27);
	assert_int_equal(key1(tp, 1000 * MS), '2');
	/* A sequence split across reads is still one key. */
	type(tp, "\033[");
	reap(type_later(tp, 5, "B"));
	assert_int_equal(key1(tp, 1000 * MS), PROMPT_KEY_OTHER);
	assert_int_equal(key1(tp, 50 * MS), NO_KEY);
	close_pty(tp);
}

static void
test_key_deadline(void **state)
{
	struct pty_prompt *tp = open_pty();
	int64_t start, took;
	int key;

	(void)state;
	enter_key_mode(tp);
	start = prompt_now();
	assert_int_equal(prompt_key(tp->p, start + 20 * MS, &key), PROMPT_TIMEOUT);
	took = prompt_now() - start;
	assert_true(took >= 20 * MS);
	assert_true(took < 20 * MS + 15 * MS);
	assert_int_equal(key, -1);
	/* A key read before a deadline passed is still returned after it. */
	type(tp, "56");
	assert_int_equal(key1(tp, 1000 * MS), '5');
	assert_int_equal(prompt_key(tp->p, prompt_now() - 1, &key), PROMPT_KEY);
	assert_int_equal(key, '6');
	assert_int_equal(prompt_key(tp->p, prompt_now() - 1, &key), PROMPT_TIMEOUT);
	/* A key typed while waiting ends the wait at once. */
	start = prompt_now();
	reap(type_later(tp, 10, "7"));
	assert_int_equal(key1(tp, 1000 * MS), '7');
	assert_true(prompt_now() - start < 200 * MS);
	close_pty(tp);
}

static void
test_key_signals(void **state)
{
	struct pty_prompt *tp = open_pty();
	struct winsize ws = {.ws_row = 30, .ws_col = 100};
	int key;

	(void)state;
	enter_key_mode(tp);
	assert_int_equal(prompt_rows(tp->p), 24);
	assert_int_equal(prompt_columns(tp->p), 80);
	assert_int_equal(ioctl(tp->master, TIOCSWINSZ, &ws), 0);
	raise(SIGWINCH); /* no controlling terminal here: the kernel sends none */
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_RESIZE);
	assert_int_equal(prompt_rows(tp->p), 30);
	assert_int_equal(prompt_columns(tp->p), 100);
	/* Signals before keys. */
	type(tp, "a");
	sleep_ms(10);
	raise(SIGINT);
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_INTERRUPT);
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_KEY);
	assert_int_equal(key, 'a');
	raise(SIGTERM);
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_TERMINATE);
	assert_int_equal(prompt_signal(tp->p), SIGTERM);
	close_pty(tp);
}

/* The terminal as found after prompt_close(), from raw mode too, with the
 * alternate screen left and the cursor shown. */
static void
test_key_restore(void **state)
{
	struct pty_prompt *tp = open_pty();
	struct termios t;
	int slave = dup(tp->slave);

	(void)state;
	enter_key_mode(tp);
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_false(same_termios(&t, &tp->orig));
	assert_int_equal(prompt_write(tp->p, "\033[?1049h", 8), 0);
	prompt_set_alt_screen(tp->p, true);
	type(tp, "late buzz");
	sleep_ms(10);
	prompt_close(tp->p);
	tp->p = NULL;
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_true(same_termios(&t, &tp->orig));
	assert_true(seen(tp, "\033[?1049l\033[?25h"));
	/* Late keys do not leak to whatever reads the terminal next. */
	assert_int_equal(fcntl(slave, F_SETFL, O_NONBLOCK), 0);
	{
		char c;

		assert_int_equal(read(slave, &c, 1), -1);
	}
	close(slave);
	close_pty(tp);
}

static void
test_key_eof(void **state)
{
	struct pty_prompt *tp = open_pty();
	int key;

	(void)state;
	enter_key_mode(tp);
	type(tp, "9");
	assert_int_equal(key1(tp, 1000 * MS), '9');
	close(tp->master); /* the terminal hangs up (its queue goes) */
	tp->master = open("/dev/null", O_RDONLY);
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_EOF);
	assert_int_equal(prompt_key(tp->p, 0, &key), PROMPT_EOF);
	close_pty(tp);
}

/* Keys, a readline line, keys again: each with its own terminal settings. */
static void
test_key_line_switch(void **state)
{
	struct pty_prompt *tp = open_pty();
	struct prompt_read_opts o = {.label = "cmd> "};
	struct termios t;
	char *line;

	(void)state;
	enter_key_mode(tp);
	type(tp, "a");
	assert_int_equal(key1(tp, 1000 * MS), 'a');
	/* A line typed while readline reads it. */
	reap(type_later(tp, 50, "hello\r"));
	assert_int_equal(prompt_read(tp->p, &o, &line), PROMPT_LINE);
	assert_string_equal(line, "hello");
	mem_free(line);
	assert_true(seen(tp, "cmd> hello")); /* readline echoed it */
	assert_int_equal(tcgetattr(tp->slave, &t), 0);
	assert_true(same_termios(&t, &tp->orig));
	type(tp, "b");
	assert_int_equal(key1(tp, 1000 * MS), 'b');
	assert_int_equal(tcgetattr(tp->slave, &t), 0);
	assert_int_equal(t.c_lflag & ICANON, 0);
	/* ':' and the command in one read: the rest goes to readline. */
	type(tp, ":undo\r7");
	assert_int_equal(key1(tp, 1000 * MS), ':');
	assert_int_equal(prompt_read(tp->p, &o, &line), PROMPT_LINE);
	assert_string_equal(line, "undo");
	mem_free(line);
	assert_int_equal(key1(tp, 1000 * MS), '7');
	/* The deadline of a line from key mode. */
	o.deadline = prompt_now() + 100 * MS;
	assert_int_equal(prompt_read(tp->p, &o, &line), PROMPT_TIMEOUT);
	assert_null(line);
	type(tp, "8");
	assert_int_equal(key1(tp, 1000 * MS), '8');
	close_pty(tp);
}

static enum prompt_status
read_cmd(struct pty_prompt *tp, const struct prompt_read_opts *o, const char *typed, char **line)
{
	pid_t pid = type_later(tp, 50, typed);
	enum prompt_status st = prompt_read(tp->p, o, line);

	reap(pid);
	drain(tp);
	return st;
}

/* Command lines keep a history of their own; answers keep none. */
static void
test_command_history(void **state)
{
	struct pty_prompt *tp = open_pty();
	struct prompt_read_opts cmd = {.label = ":", .history = true};
	struct prompt_read_opts answer = {.label = "Answer> "};
	char *line;

	(void)state;
	assert_int_equal(read_cmd(tp, &cmd, "undo\r", &line), PROMPT_LINE);
	assert_string_equal(line, "undo");
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "\r", &line), PROMPT_LINE); /* empty: not kept */
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "pause\r", &line), PROMPT_LINE);
	mem_free(line);
	assert_int_equal(read_cmd(tp, &answer, "\033[A\r", &line), PROMPT_LINE);
	assert_string_equal(line, "");
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "\033[A\033[A\r", &line), PROMPT_LINE);
	assert_string_equal(line, "undo");
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "\033[A\r", &line), PROMPT_LINE);
	assert_string_equal(line, "undo");
	mem_free(line);
	close_pty(tp);
}

/* Tab completes commands and team names, Chinese ones whole. */
static void
test_command_completion(void **state)
{
	static const char *const words[] = {"adjust",         "undo",    "西固城街道代表队",
					    "兰州石化代表队", "Team(A)", NULL};
	struct pty_prompt *tp = open_pty();
	struct prompt_read_opts cmd = {.label = ":", .history = true, .words = words};
	char *line;

	(void)state;
	assert_int_equal(read_cmd(tp, &cmd, "adj\t西\t+5 typo\r", &line), PROMPT_LINE);
	assert_string_equal(line, "adjust 西固城街道代表队 +5 typo");
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "adjust 兰\t-5 x\r", &line), PROMPT_LINE);
	assert_string_equal(line, "adjust 兰州石化代表队 -5 x");
	mem_free(line);
	/* Words break at blanks only: readline's default would complete
	 * after the '(' against every word. */
	assert_int_equal(read_cmd(tp, &cmd, "adjust Team(\t\r", &line), PROMPT_LINE);
	assert_string_equal(line, "adjust Team(A) ");
	mem_free(line);
	assert_int_equal(read_cmd(tp, &cmd, "adjust te\t\r", &line), PROMPT_LINE);
	assert_string_equal(line, "adjust Team(A) ");
	mem_free(line);
	/* Two candidates: nothing is inserted. */
	assert_int_equal(read_cmd(tp, &cmd, "u\tadjust \t\r", &line), PROMPT_LINE);
	assert_string_equal(line, "undo adjust ");
	mem_free(line);
	close_pty(tp);
}

/* The command line on a row of its own: there, and cleared first. */
static void
test_command_row(void **state)
{
	struct pty_prompt *tp = open_pty();
	struct prompt_read_opts cmd = {.label = "CMD:", .row = -1};
	char *line;

	(void)state;
	assert_int_equal(read_cmd(tp, &cmd, "skip\r", &line), PROMPT_LINE);
	mem_free(line);
	assert_true(seen_before(tp, "\033[24;1H\033[2K", "CMD:"));
	/* On the full screen (cursor hidden) the cursor shows for the line. */
	prompt_set_alt_screen(tp->p, true);
	drain(tp);
	tp->nseen = 0;
	cmd.row = 3;
	assert_int_equal(read_cmd(tp, &cmd, "skip\r", &line), PROMPT_LINE);
	mem_free(line);
	assert_true(seen_before(tp, "\033[?25h\033[3;1H\033[2K", "CMD:"));
	assert_true(seen_before(tp, "skip", "\033[?25l"));
	close_pty(tp);
}

static void
test_flush_keys(void **state)
{
	struct pty_prompt *tp = open_pty();

	(void)state;
	enter_key_mode(tp);
	type(tp, "abc");
	assert_int_equal(key1(tp, 1000 * MS), 'a');
	type(tp, "xyz");
	sleep_ms(10);
	prompt_flush_keys(tp->p); /* "bc" read ahead, "xyz" in the terminal */
	assert_int_equal(key1(tp, 30 * MS), NO_KEY);
	type(tp, "d");
	assert_int_equal(key1(tp, 1000 * MS), 'd');
	close_pty(tp);
}

/* One frame, all of it, after what stdio still held. */
static void
test_write_frame(void **state)
{
	struct pty_prompt *tp = open_pty();
	char frame[3000];

	(void)state;
	memset(frame, '#', sizeof(frame));
	frame[sizeof(frame) - 1] = '$';
	fputs("before|", tp->out);
	assert_int_equal(prompt_write(tp->p, frame, sizeof(frame)), 0);
	drain(tp);
	assert_int_equal(tp->nseen, sizeof(frame) + 7);
	assert_memory_equal(tp->seen, "before|#", 8);
	assert_int_equal(tp->seen[tp->nseen - 1], '$');
	close_pty(tp);
}

/* Ctrl-Z: the terminal as found (and the main screen) while stopped, raw
 * mode and the alternate screen again after, and PROMPT_RESIZE to repaint.
 * In a child of its own process group, which its parent can stop and wake. */
static void
test_key_suspend(void **state)
{
	struct pty_prompt *tp = &tp_storage;
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	struct termios t;
	int status;
	pid_t pid;

	(void)state;
	memset(tp, 0, sizeof(*tp));
	assert_int_equal(openpty(&tp->master, &tp->slave, NULL, NULL, &ws), 0);
	assert_int_equal(tcgetattr(tp->slave, &tp->orig), 0);
	assert_int_equal(fcntl(tp->master, F_SETFL, O_NONBLOCK), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *err = NULL;
		struct prompt *p;
		struct termios r;
		int key;

		setpgid(0, 0);
		p = prompt_open(fdopen(tp->slave, "r"), fdopen(dup(tp->slave), "w"), false, &err);
		if (p == NULL || prompt_key(p, prompt_now(), &key) != PROMPT_TIMEOUT)
			_exit(1);
		prompt_set_alt_screen(p, true);
		raise(SIGTSTP);
		if (prompt_key(p, 0, &key) != PROMPT_RESIZE)
			_exit(2);
		if (tcgetattr(tp->slave, &r) != 0 || (r.c_lflag & ICANON))
			_exit(3);
		prompt_close(p);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, WUNTRACED), pid);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(tcgetattr(tp->slave, &t), 0);
	assert_true(same_termios(&t, &tp->orig));
	assert_true(seen(tp, "\033[?1049l\033[?25h"));
	assert_false(seen(tp, "\033[?1049h"));
	assert_int_equal(kill(pid, SIGCONT), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(seen(tp, "\033[?1049h\033[?25l"));
	close(tp->slave);
	close(tp->master);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_signals),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_one_at_a_time),
		cmocka_unit_test(test_keys_line_mode),
		cmocka_unit_test_teardown(test_keys_together, teardown_pty),
		cmocka_unit_test_teardown(test_key_decoding, teardown_pty),
		cmocka_unit_test_teardown(test_key_deadline, teardown_pty),
		cmocka_unit_test_teardown(test_key_signals, teardown_pty),
		cmocka_unit_test_teardown(test_key_restore, teardown_pty),
		cmocka_unit_test_teardown(test_key_eof, teardown_pty),
		cmocka_unit_test_teardown(test_key_line_switch, teardown_pty),
		cmocka_unit_test_teardown(test_command_history, teardown_pty),
		cmocka_unit_test_teardown(test_command_completion, teardown_pty),
		cmocka_unit_test_teardown(test_command_row, teardown_pty),
		cmocka_unit_test_teardown(test_flush_keys, teardown_pty),
		cmocka_unit_test_teardown(test_write_frame, teardown_pty),
		cmocka_unit_test_teardown(test_key_suspend, teardown_pty),
	};

	/* As the program runs: a UTF-8 locale, a terminal type readline knows. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	setenv("TERM", "xterm", 0);

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
