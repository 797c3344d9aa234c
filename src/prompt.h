/*
 * prompt.h — the timed prompt: one answer or command line read against a
 * deadline, with a live countdown on a terminal.
 *
 * On a terminal GNU readline runs in its callback mode inside one ppoll()
 * loop that owns the deadline, the countdown redraw (in the prompt itself,
 * so what the user is typing is never disturbed), window resizes and
 * signals.  Without a terminal there is no readline and no drawing: one line
 * is read per call, and the deadline still holds.
 *
 * There is one terminal, so there is at most one open prompt at a time.
 * While it is open SIGINT, SIGTERM, SIGHUP, SIGWINCH (and SIGTSTP on a
 * terminal) are blocked outside prompt_read(), which reports them; the
 * terminal is restored on every way out: prompt_close(), exit() (atexit),
 * and a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT).
 */
#ifndef JINGSAI_PROMPT_H
#define JINGSAI_PROMPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum prompt_status {
	PROMPT_LINE,      /* *line holds what was typed (malloc'd) */
	PROMPT_TIMEOUT,   /* the deadline passed first */
	PROMPT_EOF,       /* end of input (Ctrl-D on an empty line, or the pipe closed) */
	PROMPT_INTERRUPT, /* Ctrl-C; *line holds the text typed so far (malloc'd) */
	PROMPT_TERMINATE, /* SIGTERM or SIGHUP: save what matters, close, prompt_reraise() */
	PROMPT_ERROR,     /* reading failed (errno set) */
};

struct prompt_read_opts {
	const char *label;         /* the prompt text after the countdown, e.g. "答案> " */
	int64_t deadline;          /* CLOCK_MONOTONIC nanoseconds (prompt_now); 0 = none */
	bool long_countdown;       /* show the countdown as m:ss (an exam's overall limit) */
	const char *initial;       /* text to start the line with (after an interruption) */
	const char *const *words;  /* NULL-terminated words Tab completes (option letters) */
	void (*redraw)(void *ctx); /* terminal resized: repaint the screen above the prompt */
	void *ctx;
};

/* What the bench reads: how late the prompt noticed its deadline and how late
 * the countdown changed after each whole second, in nanoseconds. */
struct prompt_stats {
	int64_t last_timeout_late;
	int64_t max_tick_late;
	unsigned long ticks;
};

struct prompt;

/* Open the prompt on in/out.  The terminal path is used when both are
 * terminals and force_lines is false.  Returns NULL with a malloc'd *err. */
struct prompt *prompt_open(FILE *in, FILE *out, bool force_lines, char **err);

/* Read one line; see enum prompt_status.  *line is NULL unless said above. */
enum prompt_status prompt_read(struct prompt *p, const struct prompt_read_opts *o, char **line);

/* Whether the terminal path is in use, and the terminal's width in columns
 * (80 when unknown). */
bool prompt_is_tty(const struct prompt *p);
int prompt_columns(const struct prompt *p);
/* Colour in the countdown (its last ten seconds). */
void prompt_set_color(struct prompt *p, bool on);
const struct prompt_stats *prompt_get_stats(const struct prompt *p);

/* Restore the terminal, the signal mask and the handlers; NULL-safe. */
void prompt_close(struct prompt *p);

/* After PROMPT_TERMINATE and prompt_close(): die of that signal, as the
 * caller's parent expects. */
void prompt_reraise(int sig);
/* The signal behind the last PROMPT_TERMINATE. */
int prompt_signal(const struct prompt *p);

/* CLOCK_MONOTONIC now, in nanoseconds. */
int64_t prompt_now(void);

#endif
