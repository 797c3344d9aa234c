/*
 * cmd_export.c — `jingsai export`: banks to a spreadsheet (CSV, UTF-8 with a
 * BOM so that Excel and WPS show the Chinese) or to Moodle's GIFT.
 *
 * The banks are loaded as `lint` loads them; a bank with errors is not
 * exported.  A question the format cannot hold is left out with a warning
 * naming it; the rest are written.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "atomic.h"
#include "cmd.h"
#include "csv.h"
#include "gift.h"
#include "i18n.h"
#include "strbuf.h"

enum format { TO_CSV, TO_GIFT };

static void
help(void)
{
	fputs(_("usage: jingsai export --to gift|csv [BANK...] [-o FILE] [--force]\n"
		"\n"
		"Write the questions of the banks as a spreadsheet (CSV, UTF-8 with BOM, the\n"
		"columns 'jingsai import --from csv' reads) or as Moodle GIFT.  A BANK is a\n"
		".yaml/.yml file or a directory; with none, questions/ is used, or the\n"
		"installed banks when there is none.\n"
		"\n"
		"  --to FORMAT       csv or gift (required)\n"
		"  -o, --output FILE write there (default: standard output)\n"
		"  --force           replace FILE if it exists\n"
		"  -h, --help        show this help\n"
		"\n"
		"Exit status: 0 written, 1 errors in the banks (nothing written), 2 usage "
		"error.\n"),
	      stdout);
}

static int
export_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL;
	struct diag_list diags = {0}, warnings = {0};
	struct strbuf out = {0};
	struct bank_set set;
	int c, to = -1, force = 0, status = EXIT_FAIL;
	long written;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (strcmp(optarg, "csv") == 0)
				to = TO_CSV;
			else if (strcmp(optarg, "gift") == 0)
				to = TO_GIFT;
			else {
				cmd_warnx(_("unknown output format '%s': use csv or gift"), optarg);
				return cmd_usage(&cmd_export_entry);
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'h':
			help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(&cmd_export_entry, c, argv);
		}
	}
	if (to < 0) {
		cmd_warnx("%s", _("export: say which format to write: --to csv or gift"));
		return cmd_usage(&cmd_export_entry);
	}
	bank_set_init(&set);
	if (cmd_load_banks(argc - optind, argv + optind, &set, &diags) != 0)
		goto out;
	if (diags.errors > 0) {
		cmd_print_diags(stderr, &diags, 1, 1);
		cmd_warnx(ngettext("%zu error in the banks; nothing exported",
				   "%zu errors in the banks; nothing exported", diags.errors),
			  diags.errors);
		goto out;
	}
	written = to == TO_CSV ? csv_export(&out, set.questions, set.nquestions, &warnings)
			       : gift_export(&out, set.questions, set.nquestions, &warnings);
	if (written < 0 || warnings.oom || diags.oom) {
		cmd_warnx("%s", _("out of memory"));
		goto out;
	}
	cmd_print_diags(stderr, &warnings, 1, 0);
	if (output == NULL) {
		fwrite(out.data != NULL ? out.data : "", 1, out.len, stdout);
	} else if (cmd_write_file(output, out.data != NULL ? out.data : "", out.len, force) != 0) {
		goto out;
	} else {
		cmd_warnx(ngettext("%ld question written to %s", "%ld questions written to %s",
				   (unsigned long)written),
			  written, output);
	}
	if (warnings.warnings > 0)
		cmd_warnx(ngettext("%zu question left out", "%zu questions left out",
				   warnings.warnings),
			  warnings.warnings);
	status = EXIT_OK;
out:
	strbuf_free(&out);
	diag_list_free(&warnings);
	diag_list_free(&diags);
	bank_set_free(&set);
	return output == NULL ? cmd_finish_output(status) : status;
}

const struct cmd_entry cmd_export_entry = {
	"export",
	"--to gift|csv [BANK...] [-o FILE] [--force]",
	N_("write banks as a spreadsheet (CSV) or Moodle GIFT"),
	export_exec,
};
