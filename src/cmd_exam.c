/*
 * cmd_exam.c — `jingsai exam`: a mock exam, N questions under one time
 * limit, graded at the end.  The session itself is study.c.
 */
#include "cmd.h"
#include "i18n.h"
#include "study.h"

static int exam_exec(int argc, char **argv);

const struct cmd_entry cmd_exam_entry = {
	"exam",
	"[BANK...] [--count N] [--time DURATION] [--pass PERCENT] [--category C]\n"
	"        [--tag T] [--type T] [--difficulty D] [--order shuffled|sequential]\n"
	"        [--seed N] [--no-time] [--report FILE] [--lang zh|en] [--no-color]",
	N_("mock exam: N questions, one time limit, graded report at the end"),
	exam_exec,
};

static int
exam_exec(int argc, char **argv)
{
	return study_main(&cmd_exam_entry, true, argc, argv);
}
