/*
 * cmd_common.c — what the commands share: messages, default banks, printing
 * diagnostics with their source line, the options that more than one command
 * takes (--lang, a number, NO_COLOR).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "cmd.h"
#include "config.h"
#include "i18n.h"
#include "text.h"

void
cmd_warnx(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("jingsai: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
}

int
cmd_bad_option(const struct cmd_entry *e, int c, char **argv)
{
	const char *arg = argv[optind - 1], *eq;

	/* getopt_long is run with opterr = 0 and ":..." so that the message can
	 * have the program's own form; optopt is not to be trusted for long
	 * options, so the word on the command line is named instead. */
	if (c == ':')
		cmd_warnx(_("%s: option '%s' needs a value"), e->name, arg);
	else if (strncmp(arg, "--", 2) == 0 && (eq = strchr(arg, '=')) != NULL)
		cmd_warnx(_("%s: unknown option, or one that takes no value: '%.*s'"), e->name,
			  (int)(eq - arg), arg);
	else if (strncmp(arg, "--", 2) == 0)
		cmd_warnx(_("%s: unknown option '%s'"), e->name, arg);
	else
		cmd_warnx(_("%s: unknown option '-%c'"), e->name, optopt);
	return cmd_usage(e);
}

int
cmd_json_format(const char *arg)
{
	if (strcmp(arg, "json") == 0)
		return 1;
	if (strcmp(arg, "text") == 0)
		return 0;
	cmd_warnx(_("unknown format '%s': use text or json"), arg);
	return -1;
}

int
cmd_early_lang(const struct cmd_entry *e, int argc, char **argv)
{
	const char *v = NULL;
	int i, l;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			v = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			v = argv[i] + 7;
	}
	if (v == NULL)
		return 0;
	if ((l = i18n_parse_lang(v)) < 0) {
		cmd_warnx(_("%s: unknown language '%s': use zh or en"), e->name, v);
		return -1;
	}
	i18n_setup((enum i18n_lang)l);
	return 1;
}

int
cmd_parse_u64(const char *arg, uint64_t *value)
{
	char *end;
	unsigned long long v;

	if (*arg < '0' || *arg > '9')
		return -1;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || *end)
		return -1;
	*value = (uint64_t)v;
	return 0;
}

bool
cmd_no_color_env(void)
{
	const char *nc = getenv("NO_COLOR");

	return nc != NULL && *nc != '\0';
}

int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, _("usage: jingsai %s %s\n"), e->name, e->usage);
	fprintf(stderr, _("Try 'jingsai %s --help' for more information.\n"), e->name);
	return EXIT_USAGE;
}

int
cmd_load_banks(int n, char **paths, struct bank_set *set, struct diag_list *diags)
{
	static const char installed[] = JINGSAI_DATADIR "/questions";
	struct stat st;
	const char *dir;
	int i;

	if (n == 0) {
		/* questions/ beside the working directory, then the installed banks. */
		dir = "questions";
		if (stat(dir, &st) != 0 && stat(installed, &st) == 0)
			dir = installed;
		if (bank_set_load_path(set, dir, diags) != 0)
			goto oom;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (bank_set_load_path(set, paths[i], diags) != 0)
			goto oom;
	return 0;
oom:
	cmd_warnx("%s", _("out of memory"));
	return -1;
}

/* Source lines are read from the file again, one pass per run of diagnostics
 * about the same file (they come sorted by position within a file).  Only
 * regular files are reopened: a pipe or a device would block or never end. */
#define CONTEXT_MAX 400 /* longer lines are not shown: they would bury the message */

struct line_reader {
	const char *file;
	FILE *fp;
	unsigned lineno; /* number of the line in buf, 0 = none yet */
	char buf[CONTEXT_MAX + 2];
	int too_long;
};

/* Read one line into r->buf, keeping at most CONTEXT_MAX bytes; -1 at the end. */
static int
read_line(struct line_reader *r)
{
	size_t n = 0;
	int c;

	r->too_long = 0;
	while ((c = getc(r->fp)) != EOF && c != '\n') {
		if (n < CONTEXT_MAX)
			r->buf[n++] = (char)c;
		else
			r->too_long = 1;
	}
	if (c == EOF && n == 0 && !r->too_long)
		return -1;
	while (n > 0 && r->buf[n - 1] == '\r')
		n--;
	r->buf[n] = '\0';
	return 0;
}

static const char *
line_get(struct line_reader *r, const char *file, unsigned line)
{
	struct stat st;

	if (r->file == NULL || strcmp(r->file, file) != 0 || line < r->lineno) {
		if (r->fp != NULL)
			fclose(r->fp);
		r->fp = NULL;
		r->file = file;
		r->lineno = 0;
		if (stat(file, &st) == 0 && S_ISREG(st.st_mode))
			r->fp = fopen(file, "rb");
	}
	if (r->fp == NULL)
		return NULL;
	while (r->lineno < line) {
		if (read_line(r) != 0) {
			fclose(r->fp);
			r->fp = NULL;
			return NULL;
		}
		r->lineno++;
	}
	return r->too_long ? NULL : r->buf;
}

/* Print the source line and a caret under column col (in characters). */
static void
print_context(FILE *fp, const char *text, unsigned col)
{
	size_t i, n = strlen(text), at = 0, len;
	unsigned c = 1, cp;

	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, n -= 3;
	for (i = 0; i < n && c < col; c++) {
		len = text_decode(text + i, n - i, &cp);
		i += len ? len : 1;
	}
	at = i;
	putc(' ', fp);
	for (i = 0; i < n; i++)
		putc(text[i] == '\t' ? ' ' : text[i], fp);
	fputs("\n ", fp);
	for (i = text_width_n(text, at); i > 0; i--)
		putc(' ', fp);
	fputs("^\n", fp);
}

void
cmd_print_diags(FILE *fp, const struct diag_list *diags, int context, int errors_only)
{
	struct line_reader r;
	const struct diag *d;
	const char *sev, *text;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < diags->count; i++) {
		d = &diags->items[i];
		if (errors_only && d->severity != DIAG_ERROR)
			continue;
		sev = d->severity == DIAG_ERROR ? _("error") : _("warning");
		if (d->line > 0)
			fprintf(fp, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col, sev,
				d->message);
		else
			fprintf(fp, "%s: %s: %s\n", d->file, sev, d->message);
		if (context && d->line > 0 && (text = line_get(&r, d->file, d->line)) != NULL)
			print_context(fp, text, d->col);
	}
	if (r.fp != NULL)
		fclose(r.fp);
}

int
cmd_finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			cmd_warnx(_("cannot write the output: %s"), strerror(errno));
		return EXIT_FAIL;
	}
	return status;
}

int
cmd_write_file(const char *path, const void *data, size_t len, int force)
{
	struct stat st;
	char *err = NULL;

	if (!force && lstat(path, &st) == 0) {
		cmd_warnx(_("%s exists: use --force to replace it"), path);
		return -1;
	}
	if (atomic_write(path, data, len, 0644, &err) != 0) {
		cmd_warnx("%s", err != NULL ? err : strerror(errno));
		free(err);
		return -1;
	}
	return 0;
}
