/*
 * prompt.c — the timed prompt.  See prompt.h for the contract and
 * TECH-NOTES-style reasons; the order of readline calls on each way out is
 * what keeps the screen and the terminal sane.
 */
#define _GNU_SOURCE /* ppoll */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "i18n.h"
#include "mem.h"
#include "prompt.h"

#define NSEC           1000000000LL
#define LINE_MAX_BYTES (64 * 1024) /* longer lines keep their first 64 KiB */
#define INPUT_CHUNK    4096
#define KEY_WAIT       (30 * 1000000LL) /* Esc alone: nothing more within this */
#define SEQ_MAX        32               /* longer escape sequences are cut here */

struct prompt {
	FILE *in, *out;
	int in_fd, out_fd;
	bool tty, color;
	struct termios saved; /* the terminal as we found it */
	sigset_t old_mask, wait_mask;
	struct sigaction old_act[8];
	/* line mode: bytes read but not yet returned */
	char *buf;
	size_t len, cap;
	bool eof;
	/* terminal mode: the line being read */
	const struct prompt_read_opts *opts;
	char *result;
	bool done, got_eof;
	char prompt_text[256];
	int64_t shown; /* the countdown value on screen */
	HISTORY_STATE *saved_history;
	HISTORY_STATE *cmd_history; /* command lines' own (opts.history) */
	/* key mode: the key bytes are in buf too, read but not yet returned */
	bool raw;              /* the terminal has key mode's settings */
	bool alt;              /* the caller is on the alternate screen */
	bool resized;          /* a resize reported by prompt_key: readline's size is old */
	int64_t partial_since; /* when an incomplete key (Esc, a sequence) began to wait */
	int sig;               /* the signal behind PROMPT_TERMINATE */
	struct prompt_stats stats;
};

/* Signal flags, set by the handlers, read by the loop. */
static volatile sig_atomic_t got_int, got_term, got_winch, got_tstp;
/* One terminal, one prompt: what the crash and exit hooks restore. */
static struct prompt *active;
static struct termios crash_termios;
static volatile sig_atomic_t crash_restore, crash_alt;
static int crash_in = STDIN_FILENO, crash_out = STDOUT_FILENO;
static bool atexit_done;

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP};
#define NCAUGHT (sizeof(caught) / sizeof(caught[0]))
static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

int64_t
prompt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NSEC + ts.tv_nsec;
}

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGINT:
		got_int = 1;
		break;
	case SIGWINCH:
		got_winch = 1;
		break;
	case SIGTSTP:
		got_tstp = 1;
		break;
	default:
		got_term = sig;
		break;
	}
}

/* Put the terminal back the way the user had it, raw key mode and the
 * alternate screen included: async-signal-safe. */
static void
restore_terminal_raw(void)
{
	static const char leave_alt[] = "\033[?1049l";
	static const char reset[] = "\033[?2004l\033[?25h\033[0m";

	if (!crash_restore)
		return;
	(void)tcsetattr(crash_in, TCSANOW, &crash_termios);
	if (crash_alt)
		(void)!write(crash_out, leave_alt, sizeof(leave_alt) - 1);
	(void)!write(crash_out, reset, sizeof(reset) - 1);
}

static void
on_crash(int sig)
{
	restore_terminal_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
at_exit_restore(void)
{
	if (active != NULL && active->tty) {
		rl_callback_handler_remove();
		restore_terminal_raw();
	}
}

/* Tab completion over the words of the current prompt. */
static char *
complete_word(const char *text, int state)
{
	static size_t i, len;
	const char *const *w = active && active->opts ? active->opts->words : NULL;

	if (w == NULL)
		return NULL;
	if (state == 0) {
		i = 0;
		len = strlen(text);
	}
	while (w[i] != NULL) {
		const char *c = w[i++];

		if (strncasecmp(c, text, len) == 0)
			return strdup(c); /* readline frees it with free() */
	}
	return NULL;
}

static char **
complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	/* A command line goes on after a word; an answer ends with it. */
	rl_completion_append_character =
		active && active->opts && active->opts->history ? ' ' : '\0';
	return rl_completion_matches(text, complete_word);
}

struct prompt *
prompt_open(FILE *in, FILE *out, bool force_lines, char **err)
{
	struct prompt *p;
	struct sigaction sa;
	sigset_t block;
	size_t i;

	*err = NULL;
	if (active != NULL) {
		*err = mem_strdup(_("a prompt is already open"));
		return NULL;
	}
	p = mem_calloc(1, sizeof(*p));
	if (p == NULL) {
		*err = mem_strdup(_("out of memory"));
		return NULL;
	}
	p->in = in;
	p->out = out;
	p->in_fd = fileno(in);
	p->out_fd = fileno(out);
	p->tty = !force_lines && isatty(p->in_fd) && isatty(p->out_fd);
	if (p->tty && tcgetattr(p->in_fd, &p->saved) != 0)
		p->tty = false;

	sigemptyset(&block);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: ppoll must return */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NCAUGHT; i++) {
		if (caught[i] == SIGTSTP && !p->tty)
			continue;
		sigaddset(&block, caught[i]);
		sigaction(caught[i], &sa, &p->old_act[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &p->old_mask);
	p->wait_mask = p->old_mask;
	for (i = 0; i < NCAUGHT; i++)
		sigdelset(&p->wait_mask, caught[i]);
	got_int = got_term = got_winch = got_tstp = 0;

	if (p->tty) {
		crash_termios = p->saved;
		crash_in = p->in_fd;
		crash_out = p->out_fd;
		crash_alt = 0;
		crash_restore = 1;
		sa.sa_handler = on_crash;
		sa.sa_flags = SA_RESETHAND;
		for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
			sigaction(fatal[i], &sa, NULL);
		if (!atexit_done && atexit(at_exit_restore) == 0)
			atexit_done = true;
		rl_catch_signals = 0;
		rl_catch_sigwinch = 0;
		rl_change_environment = 0;
		rl_readline_name = "jingsai";
		rl_instream = in;
		rl_outstream = out;
		rl_attempted_completion_function = complete;
		/* Words are whole between blanks: a team name may hold any other
		 * character. */
		rl_basic_word_break_characters = " \t\n";
		using_history();
	}
	active = p;
	return p;
}

bool
prompt_is_tty(const struct prompt *p)
{
	return p->tty;
}

int
prompt_columns(const struct prompt *p)
{
	struct winsize ws;

	if (ioctl(p->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int
prompt_rows(const struct prompt *p)
{
	struct winsize ws;

	if (ioctl(p->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	return 24;
}

void
prompt_set_alt_screen(struct prompt *p, bool on)
{
	p->alt = on;
	if (p->tty)
		crash_alt = on;
}

int
prompt_write(struct prompt *p, const void *buf, size_t len)
{
	const char *s = buf;
	ssize_t w;

	if (fflush(p->out) != 0)
		return -1;
	while (len > 0) {
		w = write(p->out_fd, s, len);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				struct pollfd pfd = {.fd = p->out_fd, .events = POLLOUT};

				(void)poll(&pfd, 1, -1);
				continue;
			}
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

void
prompt_set_color(struct prompt *p, bool on)
{
	p->color = on;
}

const struct prompt_stats *
prompt_get_stats(const struct prompt *p)
{
	return &p->stats;
}

int
prompt_signal(const struct prompt *p)
{
	return p->sig;
}

/* Wait for input on fd until 'until' (0 = forever) or a signal.  Returns 1
 * readable, 0 timed out, -1 interrupted by a signal or failed. */
static int
wait_input(struct prompt *p, int64_t until)
{
	struct pollfd pfd = {.fd = p->in_fd, .events = POLLIN};
	struct timespec ts, *tsp = NULL;
	int64_t left;
	int r;

	if (until) {
		left = until - prompt_now();
		if (left < 0)
			left = 0;
		ts.tv_sec = (time_t)(left / NSEC);
		ts.tv_nsec = (long)(left % NSEC);
		tsp = &ts;
	}
	r = ppoll(&pfd, 1, tsp, &p->wait_mask);
	if (r > 0)
		return 1;
	return r == 0 ? 0 : -1;
}

/* ---- line mode ------------------------------------------------------ */

/* A complete line in the buffer: move it to *line and return 1; 0 when
 * there is none yet, -1 when memory ran out. */
static int
take_line(struct prompt *p, char **line, bool at_eof)
{
	char *nl = p->len ? memchr(p->buf, '\n', p->len) : NULL;
	size_t n, used;

	if (nl == NULL && !(at_eof && p->len > 0))
		return 0;
	n = nl ? (size_t)(nl - p->buf) : p->len;
	used = nl ? n + 1 : n;
	if (n > 0 && p->buf[n - 1] == '\r')
		n--;
	*line = mem_alloc(n + 1);
	if (*line == NULL)
		return -1;
	memcpy(*line, p->buf, n);
	(*line)[n] = '\0';
	memmove(p->buf, p->buf + used, p->len - used);
	p->len -= used;
	return 1;
}

static enum prompt_status
read_line_mode(struct prompt *p, const struct prompt_read_opts *o, char **line)
{
	ssize_t r;
	int w;

	for (;;) {
		if (got_term) {
			p->sig = got_term;
			return PROMPT_TERMINATE;
		}
		if (got_int) {
			got_int = 0;
			*line = mem_strdup("");
			return PROMPT_INTERRUPT;
		}
		got_winch = 0;
		if (o->deadline && prompt_now() >= o->deadline) {
			p->stats.last_timeout_late = prompt_now() - o->deadline;
			return PROMPT_TIMEOUT;
		}
		switch (take_line(p, line, p->eof)) {
		case 1:
			return PROMPT_LINE;
		case -1:
			errno = ENOMEM;
			return PROMPT_ERROR;
		}
		if (p->eof)
			return PROMPT_EOF;
		w = wait_input(p, o->deadline);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return PROMPT_ERROR;
		}
		if (w == 0)
			continue; /* the deadline check above decides */
		if (p->cap - p->len < INPUT_CHUNK) {
			size_t ncap = p->cap ? p->cap * 2 : 2 * INPUT_CHUNK;
			char *nb;

			if (p->len >= LINE_MAX_BYTES && memchr(p->buf, '\n', p->len) == NULL) {
				/* An endless line: keep its start, drop the rest until
				 * its newline by reusing the tail of the buffer. */
				p->len = LINE_MAX_BYTES - INPUT_CHUNK;
			} else {
				nb = mem_realloc(p->buf, ncap);
				if (nb == NULL)
					return PROMPT_ERROR;
				p->buf = nb;
				p->cap = ncap;
			}
		}
		r = read(p->in_fd, p->buf + p->len, INPUT_CHUNK);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return PROMPT_ERROR;
		}
		if (r == 0)
			p->eof = true;
		p->len += (size_t)r;
	}
}

/* ---- terminal mode -------------------------------------------------- */

static void
on_line(char *text)
{
	struct prompt *p = active;

	rl_callback_handler_remove();
	p->done = true;
	if (text == NULL) {
		p->got_eof = true;
		return;
	}
	p->result = mem_strdup(text);
	free(text);
}

/* The prompt text for the time left: "[ 25s] 答案> " or "[29:45] 答案> ". */
static void
build_prompt(struct prompt *p, int64_t secs)
{
	const struct prompt_read_opts *o = p->opts;
	const char *on = "", *off = "";
	char clock[32];

	if (!o->deadline) {
		snprintf(p->prompt_text, sizeof(p->prompt_text), "%s", o->label);
		return;
	}
	if (o->long_countdown || secs >= 100)
		snprintf(clock, sizeof(clock), "%2lld:%02lld", (long long)(secs / 60),
			 (long long)(secs % 60));
	else
		snprintf(clock, sizeof(clock), "%3llds", (long long)secs);
	if (p->color && secs <= 10) {
		/* \001 \002 tell readline the codes take no room. */
		on = "\001\033[1;33m\002";
		off = "\001\033[0m\002";
	}
	snprintf(p->prompt_text, sizeof(p->prompt_text), "%s[%s]%s %s", on, clock, off, o->label);
}

static int64_t
seconds_left(int64_t deadline, int64_t now)
{
	return (deadline - now + NSEC - 1) / NSEC;
}

static void
preload_text(void)
{
	struct prompt *p = active;

	/* Readline draws the prompt and this text itself after the hook. */
	if (p && p->opts && p->opts->initial && *p->opts->initial)
		rl_insert_text(p->opts->initial);
	rl_startup_hook = NULL;
}

static int
startup_hook(void)
{
	preload_text();
	return 0;
}

/* Leave the line being edited: readline's state cleaned, the cursor below
 * the line, the handler removed.  Returns what had been typed. */
static char *
abandon_line(int sig)
{
	char *partial = mem_strdup(rl_line_buffer ? rl_line_buffer : "");

	rl_callback_sigcleanup();
	rl_point = rl_end;
	rl_redisplay();
	if (sig)
		rl_echo_signal_char(sig);
	rl_free_line_state();
	rl_crlf();
	rl_callback_handler_remove();
	return partial;
}

/* Stop with SIGTSTP's default action; back here on SIGCONT.  The shell
 * gets the normal screen meanwhile. */
static void
stop_self(struct prompt *p)
{
	static const char leave[] = "\033[?1049l\033[?25h", enter[] = "\033[?1049h\033[?25l";
	sigset_t one;
	struct sigaction dfl, mine;

	if (p->alt)
		(void)prompt_write(p, leave, sizeof(leave) - 1);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &mine);
	sigemptyset(&one);
	sigaddset(&one, SIGTSTP);
	raise(SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &one, NULL); /* stops here until SIGCONT */
	sigprocmask(SIG_BLOCK, &one, NULL);
	sigaction(SIGTSTP, &mine, NULL);
	if (p->alt)
		(void)prompt_write(p, enter, sizeof(enter) - 1);
}

/* Ctrl-Z: give the terminal back, stop, and take it again on SIGCONT. */
static void
suspend(struct prompt *p)
{
	rl_deprep_terminal();
	stop_self(p);
	if (p->alt)
		fputs("\033[?25h", p->out);
	rl_prep_terminal(1);
	rl_forced_update_display();
	if (p->alt)
		got_winch = 1; /* the screen above the line is the caller's to repaint */
}

/* Drop the first n bytes of the input buffer: a key returned. */
static void
consume(struct prompt *p, size_t n)
{
	memmove(p->buf, p->buf + n, p->len - n);
	p->len -= n;
	p->partial_since = 0;
}

/* Readline's input while a line is read: first what key mode read ahead
 * (keys typed after ':' in the same read), then the terminal. */
static int
buffered_available(void)
{
	return active != NULL && active->len > 0;
}

static int
buffered_getc(FILE *f)
{
	struct prompt *p = active;
	int c;

	if (p == NULL || p->len == 0)
		return rl_getc(f);
	c = (unsigned char)p->buf[0];
	consume(p, 1);
	if (p->len == 0)
		rl_input_available_hook = NULL; /* readline's own select() again */
	return c;
}

/* Put the line to read on a row of its own, cleared. */
static void
go_to_row(struct prompt *p, int row)
{
	int r = row > 0 ? row : prompt_rows(p) + 1 + row;

	fprintf(p->out, "\033[%d;1H\033[2K", r < 1 ? 1 : r);
	fflush(p->out);
}

/* Key mode's terminal settings, from those found at prompt_open(): no line
 * editing, no echo, no flow control, Enter as typed; signals stay. */
static int
enter_raw(struct prompt *p)
{
	struct termios t = p->saved;

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | IGNCR | ISTRIP);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(p->in_fd, TCSANOW, &t) != 0)
		return -1;
	p->raw = true;
	return 0;
}

/* Back to the settings found, keeping what was typed ahead. */
static void
leave_raw(struct prompt *p)
{
	if (!p->raw)
		return;
	(void)tcsetattr(p->in_fd, TCSANOW, &p->saved);
	p->raw = false;
}

static enum prompt_status
read_tty_mode(struct prompt *p, const struct prompt_read_opts *o, char **line)
{
	const struct prompt_read_opts *prev = p->opts;
	HISTORY_STATE *empty;
	enum prompt_status st = PROMPT_LINE;
	int64_t now, wake, next;
	int w;

	p->opts = o;
	p->done = p->got_eof = false;
	p->result = NULL;
	if (got_winch || p->resized)
		rl_reset_screen_size(); /* resized while keys were read */
	p->resized = false;
	got_int = got_winch = got_tstp = 0;
	now = prompt_now();
	if (o->deadline && now >= o->deadline) {
		p->opts = prev;
		p->stats.last_timeout_late = now - o->deadline;
		return PROMPT_TIMEOUT;
	}
	/* Readline takes the terminal as found, not key mode's settings, and
	 * restores that when the line is done. */
	leave_raw(p);
	p->shown = o->deadline ? seconds_left(o->deadline, now) : 0;
	build_prompt(p, p->shown);
	/* Answers keep no history: up-arrow must not offer the last answer.
	 * Command lines have their own. */
	p->saved_history = history_get_history_state();
	if (o->history && p->cmd_history != NULL) {
		history_set_history_state(p->cmd_history);
	} else {
		empty = mem_calloc(1, sizeof(*empty));
		if (empty != NULL) {
			history_set_history_state(empty);
			mem_free(empty);
		}
	}
	if (o->initial && *o->initial)
		rl_startup_hook = startup_hook;
	rl_getc_function = buffered_getc;
	rl_input_available_hook = p->len > 0 ? buffered_available : NULL;
	if (p->alt)
		fputs("\033[?25h", p->out); /* the full screen hides the cursor */
	if (o->row)
		go_to_row(p, o->row);
	rl_callback_handler_install(p->prompt_text, on_line);

	while (!p->done) {
		if (got_term) {
			p->sig = got_term;
			*line = abandon_line(0);
			mem_free(*line);
			*line = NULL;
			st = PROMPT_TERMINATE;
			break;
		}
		if (got_int) {
			got_int = 0;
			*line = abandon_line(SIGINT);
			st = PROMPT_INTERRUPT;
			break;
		}
		if (got_tstp) {
			got_tstp = 0;
			suspend(p);
		}
		if (got_winch) {
			got_winch = 0;
			rl_resize_terminal();
			if (o->redraw != NULL || o->row) {
				if (o->redraw != NULL)
					o->redraw(o->ctx);
				if (o->row)
					go_to_row(p, o->row);
				fflush(p->out);
				rl_on_new_line();
				rl_forced_update_display();
			}
		}
		now = prompt_now();
		if (o->deadline) {
			if (now >= o->deadline) {
				p->stats.last_timeout_late = now - o->deadline;
				build_prompt(p, 0);
				rl_set_prompt(p->prompt_text);
				mem_free(abandon_line(0));
				st = PROMPT_TIMEOUT;
				break;
			}
			next = seconds_left(o->deadline, now);
			if (next != p->shown) {
				/* How late this redraw is after its whole second. */
				int64_t late = now - (o->deadline - next * NSEC);

				if (late > p->stats.max_tick_late)
					p->stats.max_tick_late = late;
				p->stats.ticks++;
				p->shown = next;
				if (!RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH |
						RL_STATE_COMPLETING | RL_STATE_MOREINPUT)) {
					build_prompt(p, next);
					rl_set_prompt(p->prompt_text);
					if (o->tick != NULL) {
						o->tick(o->ctx);
						if (o->row)
							go_to_row(p, o->row);
						fflush(p->out);
						rl_on_new_line();
						rl_forced_update_display();
					} else {
						rl_redisplay();
					}
				}
			}
			/* Wake when the shown second changes, or at the deadline. */
			wake = o->deadline - (p->shown - 1) * NSEC;
		} else {
			wake = 0;
		}
		/* Bytes read ahead in key mode go to readline without a wait. */
		w = p->len > 0 ? 1 : wait_input(p, wake);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			mem_free(abandon_line(0));
			st = PROMPT_ERROR;
			break;
		}
		if (w > 0)
			rl_callback_read_char();
	}
	if (p->done) {
		if (p->got_eof) {
			st = PROMPT_EOF;
			fputc('\n', p->out);
		} else if (p->result == NULL) {
			st = PROMPT_ERROR;
		} else {
			*line = p->result;
		}
	}
	rl_startup_hook = NULL;
	rl_getc_function = rl_getc;
	rl_input_available_hook = NULL;
	if (p->alt)
		fputs("\033[?25l", p->out);
	if (o->history) {
		HISTORY_STATE *h;

		if (st == PROMPT_LINE && **line != '\0')
			add_history(*line);
		h = history_get_history_state();
		free(p->cmd_history); /* the structure only: h has its entries */
		p->cmd_history = h;
	}
	if (p->saved_history != NULL) {
		history_set_history_state(p->saved_history);
		free(p->saved_history);
		p->saved_history = NULL;
	}
	fflush(p->out);
	p->opts = prev;
	return st;
}

enum prompt_status
prompt_read(struct prompt *p, const struct prompt_read_opts *o, char **line)
{
	*line = NULL;
	fflush(p->out);
	return p->tty ? read_tty_mode(p, o, line) : read_line_mode(p, o, line);
}

/* ---- key mode ------------------------------------------------------- */

/* The key at the start of b (n > 0 bytes): returns its length with *key
 * set, or 0 when it may not be complete yet.  With 'whole' nothing more is
 * coming (end of input, the wait over): an incomplete key is taken as it
 * is.  A byte that cannot continue a sequence ends it and stays, so a buzz
 * typed right after Esc is never swallowed. */
static size_t
key_at(const unsigned char *b, size_t n, bool whole, int *key)
{
	size_t i, need;

	*key = PROMPT_KEY_OTHER;
	if (b[0] == '\r' || b[0] == '\n') {
		*key = '\n';
		return 1;
	}
	if (b[0] == 0x1b) {
		if (n == 1) {
			*key = 27;
			return whole ? 1 : 0;
		}
		if (b[1] == '[') { /* CSI: parameters, intermediates, a final byte */
			for (i = 2; i < n && i < SEQ_MAX; i++) {
				if (b[i] >= 0x40 && b[i] <= 0x7e)
					return i + 1;
				if (b[i] < 0x20 || b[i] > 0x3f)
					return i;
			}
			return i >= SEQ_MAX || whole ? i : 0;
		}
		if (b[1] == 'O') { /* SS3: one more byte (F1-F4, keypad) */
			if (n == 2)
				return whole ? 2 : 0;
			return b[2] >= 0x20 && b[2] <= 0x7e ? 3 : 2;
		}
		*key = 27; /* Esc, then a key of its own */
		return 1;
	}
	if (b[0] < 0x80) {
		*key = b[0];
		return 1;
	}
	if (b[0] >= 0xc2 && b[0] <= 0xdf)
		need = 2;
	else if (b[0] >= 0xe0 && b[0] <= 0xef)
		need = 3;
	else if (b[0] >= 0xf0 && b[0] <= 0xf4)
		need = 4;
	else
		return 1; /* a byte that starts no UTF-8 character */
	for (i = 1; i < need && i < n; i++)
		if ((b[i] & 0xc0) != 0x80)
			return i;
	return i == need || whole ? i : 0;
}

/* Read what the input holds into the buffer: the byte count, 0 at end of
 * input (a terminal hung up), -1 with errno. */
static ssize_t
read_keys(struct prompt *p)
{
	ssize_t r;

	if (p->cap - p->len < INPUT_CHUNK) {
		size_t ncap = p->cap ? p->cap * 2 : 2 * INPUT_CHUNK;
		char *nb = mem_realloc(p->buf, ncap);

		if (nb == NULL) {
			errno = ENOMEM;
			return -1;
		}
		p->buf = nb;
		p->cap = ncap;
	}
	r = read(p->in_fd, p->buf + p->len, INPUT_CHUNK);
	if (r < 0 && errno == EIO && p->tty)
		return 0;
	if (r > 0)
		p->len += (size_t)r;
	return r;
}

/* Let the signals pending now reach the flag handlers: ppoll() leaves them
 * pending when the input is ready, and keys read ahead need no wait, yet a
 * SIGTERM must not wait for the end of a burst of keys. */
static void
take_signals(struct prompt *p)
{
	static const struct timespec zero = {0, 0};
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) != 0)
		return;
	for (i = 0; i < NCAUGHT; i++) {
		if (sigismember(&pending, caught[i])) {
			(void)ppoll(NULL, 0, &zero, &p->wait_mask);
			return;
		}
	}
}

/* Ctrl-Z in key mode: the terminal as found while stopped, raw again after. */
static int
suspend_keys(struct prompt *p)
{
	leave_raw(p);
	stop_self(p);
	return enter_raw(p);
}

int
prompt_key(struct prompt *p, int64_t deadline, int *key)
{
	int64_t now, wake, until;
	size_t n;
	ssize_t r;
	int w;

	*key = -1;
	fflush(p->out);
	if (p->tty && !p->raw && enter_raw(p) != 0)
		return PROMPT_ERROR;
	for (;;) {
		take_signals(p);
		if (got_term) {
			p->sig = got_term;
			return PROMPT_TERMINATE;
		}
		if (got_int) {
			got_int = 0;
			return PROMPT_INTERRUPT;
		}
		if (got_tstp) {
			got_tstp = 0;
			if (suspend_keys(p) != 0)
				return PROMPT_ERROR;
			got_winch = 0;
			p->resized = true;
			return PROMPT_RESIZE;
		}
		if (got_winch) {
			got_winch = 0;
			if (p->tty) {
				p->resized = true;
				return PROMPT_RESIZE;
			}
		}
		now = prompt_now();
		wake = deadline;
		if (p->len > 0) {
			/* A key read before the deadline is returned even when the
			 * deadline has passed since; an incomplete one is then
			 * taken as it is. */
			until = p->partial_since ? p->partial_since + KEY_WAIT : now + KEY_WAIT;
			n = key_at((const unsigned char *)p->buf, p->len,
				   p->eof || now >= until || (deadline && now >= deadline), key);
			if (n > 0) {
				consume(p, n);
				return PROMPT_KEY;
			}
			*key = -1;
			if (!p->partial_since)
				p->partial_since = now;
			if (!wake || until < wake)
				wake = until;
		} else if (p->eof) {
			return PROMPT_EOF;
		} else if (deadline && now >= deadline) {
			return PROMPT_TIMEOUT;
		}
		w = wait_input(p, wake);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return PROMPT_ERROR;
		}
		if (w == 0)
			continue; /* the checks above decide */
		r = read_keys(p);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return PROMPT_ERROR;
		}
		if (r == 0)
			p->eof = true;
	}
}

void
prompt_flush_keys(struct prompt *p)
{
	if (!p->tty)
		return;
	(void)tcflush(p->in_fd, TCIFLUSH);
	p->len = 0;
	p->partial_since = 0;
}

/* Free the command lines' history, entries and all; readline keeps the
 * current state. */
static void
free_cmd_history(struct prompt *p)
{
	HISTORY_STATE *keep, *h;

	if (p->cmd_history == NULL)
		return;
	keep = history_get_history_state();
	history_set_history_state(p->cmd_history);
	clear_history();
	h = history_get_history_state();
	free(h->entries);
	free(h);
	history_set_history_state(keep);
	free(keep);
	free(p->cmd_history);
	p->cmd_history = NULL;
}

void
prompt_close(struct prompt *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->tty) {
		static const char leave[] = "\033[?1049l\033[?25h";

		if (p->alt)
			(void)prompt_write(p, leave, sizeof(leave) - 1);
		/* From key mode the queue goes: late buzzes must not reach the
		 * shell. */
		tcsetattr(p->in_fd, p->raw ? TCSAFLUSH : TCSADRAIN, &p->saved);
		crash_restore = 0;
		crash_alt = 0;
		free_cmd_history(p);
	}
	/* Let pending signals reach our flag handlers, not the defaults, then
	 * put the old handlers back. */
	sigprocmask(SIG_SETMASK, &p->old_mask, NULL);
	for (i = 0; i < NCAUGHT; i++) {
		if (caught[i] == SIGTSTP && !p->tty)
			continue;
		sigaction(caught[i], &p->old_act[i], NULL);
	}
	mem_free(p->buf);
	if (active == p)
		active = NULL;
	mem_free(p);
}

void
prompt_reraise(int sig)
{
	sigset_t one;

	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
}
