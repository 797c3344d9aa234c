/*
 * cmd_lint.c — `jingsai lint`: check banks and report every problem.
 *
 * The report (diagnostics and the count line, or the JSON array) goes to
 * stdout: it is what the command is for.  Exit 0 without errors, 1 with
 * errors (or warnings under --strict), 2 for usage errors.
 *
 * Competition files named or found among the banks are checked whole after
 * the banks (comp.h): the file, the banks it names, and its question plan.
 * What the check of its banks finds that the banks' own check already said
 * is not said twice.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "comp.h"
#include "i18n.h"
#include "json.h"
#include "mem.h"
#include "shuffle.h"

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
print_counts(const struct diag_list *diags, size_t nfiles, size_t nquestions)
{
	/* TRANSLATORS: the parts of "2 errors, 1 warning in 3 files, 120 questions". */
	printf(ngettext("%zu error", "%zu errors", diags->errors), diags->errors);
	/* TRANSLATORS: joins "2 errors" and "1 warning". */
	fputs(_(", "), stdout);
	printf(ngettext("%zu warning", "%zu warnings", diags->warnings), diags->warnings);
	/* TRANSLATORS: joins "1 warning" and "in 3 files". */
	fputs(_(" "), stdout);
	printf(ngettext("in %zu file", "in %zu files", nfiles), nfiles);
	/* TRANSLATORS: joins "in 3 files" and "120 questions". */
	fputs(_(", "), stdout);
	printf(ngettext("%zu question", "%zu questions", nquestions), nquestions);
	putchar('\n');
}

/* --strict: a bank whose single-choice keys give the answer away by
 * position.  Practice, exams and the host shuffle the options, but exports
 * (GIFT, CSV) and print-outs keep the file's order. */
static void
warn_skewed(const struct bank_set *set, struct diag_list *diags)
{
	struct shuffle_skew sk;
	const struct bank *b;
	size_t i;

	for (i = 0; i < set->nbanks; i++) {
		b = &set->banks[i];
		if (!shuffle_skewed(set, b, &sk))
			continue;
		diag_add(diags, b->path, b->line ? b->line : 1, b->line ? b->col : 1, DIAG_WARNING,
			 N_("single-choice keys are skewed: %zu of %zu are %c (%d%%); "
			    "shuffled options do not fix exports and print-outs: balance the keys"),
			 sk.count, sk.total, sk.letter, sk.percent);
	}
}

/* Whether two diagnostics' files are the same file. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Whether d is among the first n diagnostics of list. */
static int
already_said(const struct diag_list *list, size_t n, const struct diag *d)
{
	const struct diag *e;
	size_t i;

	for (i = 0; i < n; i++) {
		e = &list->items[i];
		if (e->line == d->line && e->col == d->col && e->severity == d->severity &&
		    strcmp(e->message, d->message) == 0 && same_file(e->file, d->file))
			return 1;
	}
	return 0;
}

/* Move the diagnostics of from to the end of to, except those among the first
 * 'known' of to; from is emptied. */
static void
move_diags(struct diag_list *to, size_t known, struct diag_list *from)
{
	const struct diag *d;
	size_t i;

	for (i = 0; i < from->count; i++) {
		d = &from->items[i];
		if (known > 0 && already_said(to, known, d))
			continue;
		diag_add(to, d->file, d->line, d->col, d->severity, "%s", d->message);
	}
	if (from->oom)
		to->oom = 1;
	diag_list_free(from);
}

/* Drop the diagnostics about file (the bank loader's, by its own pointer). */
static void
drop_file_diags(struct diag_list *diags, const char *file)
{
	size_t i, j;

	for (i = j = 0; i < diags->count; i++) {
		if (diags->items[i].file == file) {
			if (diags->items[i].severity == DIAG_ERROR)
				diags->errors--;
			else
				diags->warnings--;
			mem_free(diags->items[i].message);
			continue;
		}
		diags->items[j++] = diags->items[i];
	}
	diags->count = j;
}

/* The files checked, by identity, for the count line: a competition's banks
 * count when the banks' own check did not read them. */
struct checked {
	struct {
		dev_t dev;
		ino_t ino;
	} * v;
	size_t n, cap;
	size_t files, questions; /* the counts to show */
};

/* Note the regular file at path; 1 when it was not noted before, 0 when it
 * was (or is no regular file), -1 out of memory. */
static int
checked_add(struct checked *ck, const char *path)
{
	struct stat st;
	size_t i;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	for (i = 0; i < ck->n; i++)
		if (ck->v[i].dev == st.st_dev && ck->v[i].ino == st.st_ino)
			return 0;
	if (mem_grow((void **)&ck->v, &ck->cap, ck->n + 1, sizeof(*ck->v)) != 0)
		return -1;
	ck->v[ck->n].dev = st.st_dev;
	ck->v[ck->n].ino = st.st_ino;
	ck->n++;
	return 1;
}

/* Count the files of c's banks (and their diagnostics' files) not checked
 * yet.  Their questions: all that were met when every file is new, else
 * those of the new banks that loaded. */
static int
count_banks(struct checked *ck, const struct comp *c, const struct diag_list *banks)
{
	size_t files = 0, questions = 0, old = 0, i;
	int r;

	for (i = 0; i < c->set.nbanks; i++) {
		if ((r = checked_add(ck, c->set.banks[i].path)) < 0)
			return -1;
		files += (size_t)r;
		old += (size_t)!r;
		questions += r ? c->set.banks[i].count : 0;
	}
	for (i = 0; i < banks->count; i++)
		if ((r = checked_add(ck, banks->items[i].file)) < 0)
			return -1;
		else
			files += (size_t)r;
	for (i = 0; i < c->set.ncompetitions; i++)
		if ((r = checked_add(ck, c->set.competitions[i])) < 0)
			return -1;
		else
			files += (size_t)r;
	ck->files += files;
	ck->questions += old == 0 ? c->set.questions_seen : questions;
	return 0;
}

/* Check the competition file at path whole into c: the file, then its banks
 * and its plan when it loaded; its banks' diagnostics that are among the
 * 'known' first ones of diags are left out. */
static void
lint_competition(struct comp *c, const char *path, struct diag_list *diags, size_t known,
		 struct checked *ck)
{
	struct diag_list file = {0}, banks = {0}, plan = {0};
	int r;

	r = comp_load_file(c, path, &file);
	if (r == 0 && (r = comp_load_banks(c, &banks)) >= 0)
		r = comp_plan(c, c->has_seed ? c->seed : 0, &plan);
	if (r < 0 || (c->banks_loaded && count_banks(ck, c, &banks) != 0))
		diags->oom = 1;
	move_diags(diags, 0, &file);
	move_diags(diags, known, &banks);
	move_diags(diags, 0, &plan);
}

/* Check every competition file the loader met; *comps (n of them) keeps them
 * until the diagnostics, which point into them, are printed.  ck gets the
 * counts for the count line. */
static int
lint_competitions(const struct bank_set *set, struct diag_list *diags, struct comp **comps,
		  struct checked *ck)
{
	size_t i, known;

	ck->files = set->nfiles;
	ck->questions = set->questions_seen;
	for (i = 0; i < set->nbanks; i++)
		if (checked_add(ck, set->banks[i].path) < 0)
			return -1;
	for (i = 0; i < set->ncompetitions; i++)
		if (checked_add(ck, set->competitions[i]) < 0)
			return -1;
	for (i = 0; i < diags->count; i++)
		if (checked_add(ck, diags->items[i].file) < 0)
			return -1;
	*comps = mem_calloc(set->ncompetitions ? set->ncompetitions : 1, sizeof(**comps));
	if (*comps == NULL)
		return -1;
	/* The bank loader kept at most a competition file's syntax error;
	 * comp_load_file reports it again, with everything else. */
	for (i = 0; i < set->ncompetitions; i++) {
		comp_init(&(*comps)[i]);
		drop_file_diags(diags, set->competitions[i]);
	}
	for (i = 0; i < set->ncompetitions; i++) {
		/* What is in the list now was said: by the banks' check, or about
		 * a bank two competitions share. */
		known = diags->count;
		lint_competition(&(*comps)[i], set->competitions[i], diags, known, ck);
	}
	return 0;
}

static void
help(void)
{
	fputs(_("usage: jingsai lint [BANK...] [--strict] [--format text|json]\n"
		"\n"
		"Check question banks and report every problem as FILE:LINE:COL.\n"
		"A BANK is a .yaml/.yml file or a directory searched recursively;\n"
		"with none, questions/ is checked (or the installed banks when there is\n"
		"none).  A competition file named or found is checked after the banks:\n"
		"its settings, the banks it names and its question plan.\n"
		"\n"
		"  --strict          warnings count as errors (exit 1); also warn about\n"
		"                    single-choice keys skewed to one letter\n"
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
	struct comp *comps = NULL;
	struct checked ck = {0};
	size_t i;
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
	if (strict)
		warn_skewed(&set, &diags);
	if (lint_competitions(&set, &diags, &comps, &ck) != 0)
		diags.oom = 1;
	if (json) {
		print_json(&diags);
	} else {
		cmd_print_diags(stdout, &diags, context, 0);
		print_counts(&diags, ck.files, ck.questions);
	}
	status = diags.errors > 0 || (strict && diags.warnings > 0) ? EXIT_FAIL : EXIT_OK;
	if (diags.oom) {
		cmd_warnx("%s", _("out of memory"));
		status = EXIT_FAIL;
	}
out:
	diag_list_free(&diags);
	for (i = 0; comps != NULL && i < set.ncompetitions; i++)
		comp_free(&comps[i]);
	mem_free(comps);
	mem_free(ck.v);
	bank_set_free(&set);
	return cmd_finish_output(status);
}

const struct cmd_entry cmd_lint_entry = {
	"lint",
	"[BANK...] [--strict] [--format text|json] [--no-context]",
	N_("check banks; exit 1 on errors"),
	lint_exec,
};
