/*
 * main.c — the front end: global options, then one of the commands.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "i18n.h"
#include "text.h"

static const struct cmd_entry *const commands[] = {
	&cmd_practice_entry, &cmd_exam_entry,   &cmd_lint_entry, &cmd_stats_entry,
	&cmd_import_entry,   &cmd_export_entry, &cmd_host_entry, &cmd_board_entry,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	size_t i;

	fputs(_("usage: jingsai COMMAND [ARGS...]\n"
		"       jingsai --help | --version | COMMAND --help\n"
		"\n"
		"Commands:\n"),
	      fp);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  jingsai %s %s\n      %s\n", commands[i]->name, commands[i]->usage,
			_(commands[i]->summary));
	fputs(_("\nExit status: 0 success, 1 the work failed, 2 usage error.\n"), fp);
}

int
main(int argc, char **argv)
{
	size_t i;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	text_setup_ctype();
	i18n_setup(i18n_env_lang());

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return cmd_finish_output(EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("jingsai %s\n", JINGSAI_VERSION);
		return cmd_finish_output(EXIT_OK);
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->exec(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		cmd_warnx(_("unknown option '%s'"), argv[1]);
	else
		cmd_warnx(_("unknown command '%s'"), argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
