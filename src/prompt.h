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
 * Key mode (prompt_key) reads single keystrokes for the live-competition
 * host in the same loop: raw mode on the terminal, entered once and kept
 * until the next prompt_read() or prompt_close(), so the terminal has one
 * owner whichever way the host is reading.
 *
 * There is one terminal, so there is at most one open prompt at a time.
 * While it is open SIGINT, SIGTERM, SIGHUP, SIGWINCH (and SIGTSTP on a
 * terminal) are blocked outside prompt_read(), which reports them; the
 * terminal is restored on every way out: prompt_close(), exit() (atexit),
 * and a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT): the settings found
 * at prompt_open(), also from raw key mode, and the alternate screen left
 * when prompt_set_alt_screen() said the caller entered it.
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

/* prompt_key()'s own outcomes, beside those of enum prompt_status (kept out
 * of it so that the switches over prompt_read()'s result stay exhaustive):
 * prompt_key() returns an int that is one of either. */
enum prompt_key_status {
	PROMPT_KEY = PROMPT_ERROR + 1, /* *key holds the key */
	PROMPT_RESIZE,                 /* the window changed size, or the program was resumed
					  after Ctrl-Z: repaint and call again */
};

/* prompt_key()'s *key: an ASCII byte 0..127, or this for an escape sequence (an
 * arrow, a function key), a UTF-8 character that is not ASCII (an IME left
 * in Chinese mode) or a stray byte that starts nothing. */
#define PROMPT_KEY_OTHER 256

struct prompt_read_opts {
	const char *label;         /* the prompt text after the countdown, e.g. "答案> " */
	int64_t deadline;          /* CLOCK_MONOTONIC nanoseconds (prompt_now); 0 = none */
	bool long_countdown;       /* show the countdown as m:ss (an exam's overall limit) */
	const char *initial;       /* text to start the line with (after an interruption) */
	const char *const *words;  /* NULL-terminated words Tab completes (option letters;
				      a command line: commands and team names) */
	bool history;              /* a command line: its own history across calls (Up
				      recalls, each non-empty line added) and a space after
				      a unique completion; false: no history at all */
	int row;                   /* terminal row (1-based) to draw the line on, cleared
				      first; -1 = the last row, -2 the one above, ... (again
				      after a resize); 0 = where the cursor is */
	void (*redraw)(void *ctx); /* terminal resized: repaint the screen above the prompt */
	void (*tick)(void *ctx);   /* each second of the countdown: the caller's own work (a
				      clock checkpoint, a repaint above the prompt); the line
				      is drawn again after it */
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

/* Wait for one key until deadline (CLOCK_MONOTONIC ns, 0 = none).
 * PROMPT_KEY with *key set: bytes come one per call in the order typed
 * (keys pressed together arrive in one read and are kept), Enter ('\r' or
 * '\n') as '\n', Esc as 27 once nothing follows it within 30 ms, an escape
 * sequence or a non-ASCII character as one PROMPT_KEY_OTHER, control keys
 * as their byte (Ctrl-D is 4: no end of input in raw mode); *key is -1
 * with any other outcome.  A key already
 * read is returned before a passed deadline is reported, so a late wake-up
 * never loses a key pressed in time.  Otherwise PROMPT_TIMEOUT,
 * PROMPT_RESIZE (window resized, or resumed after Ctrl-Z), PROMPT_INTERRUPT
 * (Ctrl-C, nothing in *line), PROMPT_TERMINATE, PROMPT_EOF (the terminal
 * hung up, the pipe closed), PROMPT_ERROR (errno).  Signals are reported
 * before keys.  On a terminal the first call enters raw mode (no echo, no
 * line editing, Ctrl-C and Ctrl-Z still signals) and it stays until
 * prompt_read() or prompt_close().  Without a terminal the keys are the
 * bytes of the same buffered input prompt_read() reads, decoded alike. */
int prompt_key(struct prompt *p, int64_t deadline, int *key);

/* Drop the keys typed so far, the terminal's queue and those read but not
 * yet returned (after a modal line, say).  Not at a buzz window's start
 * signal: a key before it is a foul the host must see.  No-op without a
 * terminal, where the input is a script that must not lose lines. */
void prompt_flush_keys(struct prompt *p);

/* Write all of buf to the output (pending stdio output first), with one
 * write() when the terminal takes it: a whole frame without flicker.
 * Returns 0, or -1 with errno. */
int prompt_write(struct prompt *p, const void *buf, size_t len);

/* The caller has entered (on) or left (off) the alternate screen
 * ("\033[?1049h"): every way out then leaves it ("\033[?1049l") and shows
 * the cursor, prompt_close() included, and Ctrl-Z leaves it while stopped.
 * It means the cursor is hidden (as screen_enter() does): prompt_read()
 * shows it while a line is read and hides it again.  Writes nothing itself. */
void prompt_set_alt_screen(struct prompt *p, bool on);

/* Whether the terminal path is in use, and the terminal's width in columns
 * (80 when unknown) and height in rows (24 when unknown). */
bool prompt_is_tty(const struct prompt *p);
int prompt_columns(const struct prompt *p);
int prompt_rows(const struct prompt *p);
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
