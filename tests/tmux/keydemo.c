/*
 * keydemo.c — a small driver of the timed prompt's key mode for the tmux
 * smoke check (tests/tmux/keys.sh builds it against the core library); not
 * part of jingsai.
 *
 * Prints "before" on the normal screen, enters the alternate screen as the
 * host does, then prints one line per event: "key 49 '1'", "key other",
 * "resize 24x80", "interrupt".  ':' reads a command line on the last row
 * (history, Tab completion of a few commands and team names) and prints
 * "line [TEXT]"; 't' waits for a key for half a second and prints
 * "timeout" when none comes; 'q' quits.  SIGTERM closes the prompt and dies
 * of the signal, as the host will.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "prompt.h"

static void
say(struct prompt *p, const char *s)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "%s\n", s);

	(void)prompt_write(p, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

int
main(void)
{
	static const char *const words[] = {"adjust",           "undo",           "pause", "quit",
					    "西固城街道代表队", "兰州石化代表队", NULL};
	static const char enter[] = "\033[?1049h\033[?25l\033[H\033[2J";
	struct prompt_read_opts cmd = {.label = ":", .words = words, .history = true, .row = -1};
	struct prompt *p;
	char *err = NULL, *line, msg[256];
	int st, key, sig;

	setlocale(LC_ALL, "");
	p = prompt_open(stdin, stdout, false, &err);
	if (p == NULL) {
		fprintf(stderr, "keydemo: %s\n", err);
		return 1;
	}
	say(p, "before");
	if (prompt_is_tty(p)) {
		(void)prompt_write(p, enter, sizeof(enter) - 1);
		prompt_set_alt_screen(p, true);
	}
	snprintf(msg, sizeof(msg), "keydemo ready %dx%d", prompt_rows(p), prompt_columns(p));
	say(p, msg);
	for (;;) {
		st = prompt_key(p, 0, &key);
		if (st == PROMPT_KEY && key == 'q')
			break;
		if (st == PROMPT_KEY && key == ':') {
			st = prompt_read(p, &cmd, &line);
			if (st == PROMPT_LINE) {
				snprintf(msg, sizeof(msg), "line [%s]", line);
				say(p, msg);
			}
			mem_free(line);
			if (st == PROMPT_LINE || st == PROMPT_INTERRUPT)
				continue;
		} else if (st == PROMPT_KEY && key == 't') {
			st = prompt_key(p, prompt_now() + 500000000, &key);
			if (st == PROMPT_TIMEOUT) {
				say(p, "timeout");
				continue;
			}
		}
		if (st == PROMPT_KEY) {
			if (key == PROMPT_KEY_OTHER)
				snprintf(msg, sizeof(msg), "key other");
			else if (key > 32 && key < 127)
				snprintf(msg, sizeof(msg), "key %d '%c'", key, key);
			else
				snprintf(msg, sizeof(msg), "key %d", key);
		} else if (st == PROMPT_RESIZE) {
			snprintf(msg, sizeof(msg), "resize %dx%d", prompt_rows(p),
				 prompt_columns(p));
		} else if (st == PROMPT_INTERRUPT) {
			snprintf(msg, sizeof(msg), "interrupt");
		} else if (st == PROMPT_TERMINATE) {
			sig = prompt_signal(p);
			prompt_close(p);
			prompt_reraise(sig);
			return 1;
		} else {
			break; /* end of input, an error */
		}
		say(p, msg);
	}
	prompt_close(p);
	printf("bye\n");
	return 0;
}
