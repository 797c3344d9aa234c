/*
 * study.h — what `jingsai practice` and `jingsai exam` share: their options,
 * the question screen, the session loop, the summary, the report and the
 * wrong-answer book.  cmd_practice.c and cmd_exam.c are thin entries over it.
 */
#ifndef JINGSAI_STUDY_H
#define JINGSAI_STUDY_H

#include <stdbool.h>

#include "cmd.h"

/* Run practice (exam false) or exam with the command's arguments; returns
 * the exit status. */
int study_main(const struct cmd_entry *e, bool exam, int argc, char **argv);

/* Parse a duration: "1800", "90s", "30m", "1h", "1h30m".  Returns seconds,
 * or -1 when s is not one or is 0 or over a day. */
long study_parse_duration(const char *s);

#endif
