/*
 * cmd_practice.c — `jingsai practice`: self-study with immediate feedback.
 * The session itself is study.c, shared with `jingsai exam`.
 */
#include "cmd.h"
#include "i18n.h"
#include "study.h"

static int practice_exec(int argc, char **argv);

const struct cmd_entry cmd_practice_entry = {
	"practice",
	"[BANK...] [--count N] [--category C] [--tag T] [--type T] [--difficulty D]\n"
	"        [--order shuffled|sequential] [--seed N] [--time SECS] [--no-time]\n"
	"        [--review] [--report FILE] [--lang zh|en] [--no-color]",
	N_("self-study: immediate feedback, explanation and source, wrong-answer book"),
	practice_exec,
};

static int
practice_exec(int argc, char **argv)
{
	return study_main(&cmd_practice_entry, false, argc, argv);
}
