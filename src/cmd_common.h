/*
 * cmd_common.h — option handling more than one command shares, in
 * cmd_common.c with the rest of what the commands share (declared in cmd.h).
 */
#ifndef JINGSAI_CMD_COMMON_H
#define JINGSAI_CMD_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"

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
