/*
 * cmd_lint.c — `jingsai lint`: check banks and report every problem.
 *
 * The report (diagnostics and the count line, or the JSON array) goes to
 * stdout: it is what the command is for.  Exit 0 without errors, 1 with
 * errors (or warnings under --strict), 2 for usage errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "json.h"

static void
print_json(const struct diag_list *diags)
{
	const struct diag *d;
	size_t i;

	putchar('[');
	for (i = 0; i < diags->count; i++) {
		d = &diags->items[i];
		fputs(i ? ",\n {" : "\n {", stdout);
		fputs("\"file\": ", stdout);
		json_string(stdout, d->file);
		printf(", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"message\": ",
		       d->line, d->col, d->severity == DIAG_ERROR ? "error" : "warning");
		json_string(stdout, d->message);
		putchar('}');
	}
	fputs(diags->count ? "\n]\n" : "]\n", stdout);
}

static void
print_counts(const struct diag_list *diags, const struct bank_set *set)
{
	/* TRANSLATORS: the parts of "2 errors, 1 warning in 3 files, 120 questions". */
	printf(ngettext("%zu error", "%zu errors", diags->errors), diags->errors);
	/* TRANSLATORS: joins "2 errors" and "1 warning". */
	fputs(_(", "), stdout);
	printf(ngettext("%zu warning", "%zu warnings", diags->warnings), diags->warnings);
	/* TRANSLATORS: joins "1 warning" and "in 3 files". */
	fputs(_(" "), stdout);
	printf(ngettext("in %zu file", "in %zu files", set->nfiles), set->nfiles);
	/* TRANSLATORS: joins "in 3 files" and "120 questions". */
	fputs(_(", "), stdout);
	printf(ngettext("%zu question", "%zu questions", set->questions_seen), set->questions_seen);
	putchar('\n');
}

static void
help(void)
{
	fputs(_("usage: jingsai lint [BANK...] [--strict] [--format text|json]\n"
		"\n"
		"Check question banks and report every problem as FILE:LINE:COL.\n"
		"A BANK is a .yaml/.yml file or a directory searched recursively;\n"
		"with none, questions/ is checked.\n"
		"\n"
		"  --strict          warnings count as errors (exit 1)\n"
		"  --format FORMAT   text (default) or json\n"
		"  --no-context      do not show the source line under each message\n"
		"  -h, --help        show this help\n"
		"\n"
		"Exit status: 0 no errors, 1 errors found, 2 usage error.\n"),
	      stdout);
}

static int
lint_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"no-context", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct bank_set set;
	struct diag_list diags = {0};
	int c, strict = 0, json = 0, context = 1, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			strict = 1;
			break;
		case 'f':
			if ((json = cmd_json_format(optarg)) < 0)
				return cmd_usage(&cmd_lint_entry);
			break;
		case 'n':
			context = 0;
			break;
		case 'h':
			help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(&cmd_lint_entry, c, argv);
		}
	}
	bank_set_init(&set);
	if (cmd_load_banks(argc - optind, argv + optind, &set, &diags) != 0) {
		status = EXIT_FAIL;
		goto out;
	}
	if (json) {
		print_json(&diags);
	} else {
		cmd_print_diags(stdout, &diags, context, 0);
		print_counts(&diags, &set);
	}
	status = diags.errors > 0 || (strict && diags.warnings > 0) ? EXIT_FAIL : EXIT_OK;
	if (diags.oom) {
		cmd_warnx("%s", _("out of memory"));
		status = EXIT_FAIL;
	}
out:
	diag_list_free(&diags);
	bank_set_free(&set);
	return cmd_finish_output(status);
}

const struct cmd_entry cmd_lint_entry = {
	"lint",
	"[BANK...] [--strict] [--format text|json] [--no-context]",
	N_("check banks; exit 1 on errors"),
	lint_exec,
};
