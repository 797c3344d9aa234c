/*
 * cmd.h — the command table and what the commands share.
 *
 * Each command lives in its own cmd_<name>.c and exports one struct
 * cmd_entry; main.c tables them.  Commands are the only layer that prints to
 * the user and chooses the exit status: 0 success, 1 the work failed, 2 usage.
 */
#ifndef JINGSAI_CMD_H
#define JINGSAI_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bank.h"
#include "diag.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

struct cmd_entry {
	const char *name;
	const char *usage;   /* arguments, for the usage line */
	const char *summary; /* one line, translated at print time */
	int (*exec)(int argc, char **argv);
};

extern const struct cmd_entry cmd_practice_entry;
extern const struct cmd_entry cmd_exam_entry;
extern const struct cmd_entry cmd_lint_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_host_entry;
extern const struct cmd_entry cmd_board_entry;

/* Print "jingsai: MESSAGE" to stderr. */
void cmd_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a bad option found by getopt_long (c is '?' or ':') and return
 * EXIT_USAGE.  Commands call getopt_long with opterr = 0 and a ':' first. */
int cmd_bad_option(const struct cmd_entry *e, int c, char **argv);
/* The value of --format: 1 for json, 0 for text, -1 (reported) otherwise. */
int cmd_json_format(const char *arg);
/* Print the command's usage line to stderr and return EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *e);

/* Load the banks named by paths (or the default bank directory when n is 0)
 * into set.  Returns 0, or -1 when memory ran out (reported). */
int cmd_load_banks(int n, char **paths, struct bank_set *set, struct diag_list *diags);

/* Print diagnostics as FILE:LINE:COL: error: MESSAGE; with 'context', each one
 * is followed by its source line and a caret.  Only errors when errors_only. */
void cmd_print_diags(FILE *fp, const struct diag_list *diags, int context, int errors_only);

/* Write an output file atomically (atomic.h); an existing file only when
 * force.  Reports problems itself; returns 0 or -1. */
int cmd_write_file(const char *path, const void *data, size_t len, int force);

/* Flush stdout and report a write error (a full disk, a closed pipe); returns
 * status, or EXIT_FAIL when stdout could not be written. */
int cmd_finish_output(int status);

/* Apply --lang LANG or --lang=LANG (the last one before any "--") ahead of
 * getopt_long, so that every message, even a usage error, speaks it; the
 * command's getopt_long then passes over the option.  Returns 1 when it set
 * the language, 0 when there is no --lang, -1 when the language is unknown
 * (reported). */
int cmd_early_lang(const struct cmd_entry *e, int argc, char **argv);

/* A number option's value (--seed, --count): decimal digits only, no sign,
 * that fit in 64 bits.  Returns 0, or -1 (not reported: the command words
 * the message and checks the range). */
int cmd_parse_u64(const char *arg, uint64_t *value);

/* Whether the environment turns colours off: NO_COLOR set and not empty. */
bool cmd_no_color_env(void);

#endif
