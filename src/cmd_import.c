/*
 * cmd_import.c — `jingsai import`: questions an author already has, in a
 * spreadsheet (CSV), Moodle's GIFT or the Aiken format, become a bank file.
 *
 * The input is read whole, brought to UTF-8 (GBK is converted), parsed by the
 * format's module, written with libyaml's emitter and then loaded by the bank
 * loader, so that nothing is written that `jingsai lint` would refuse; a
 * loader error is reported at the input's line, where the author can fix it.
 * Errors write nothing and exit 1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aiken.h"
#include "atomic.h"
#include "bankyaml.h"
#include "cmd.h"
#include "csv.h"
#include "encoding.h"
#include "gift.h"
#include "i18n.h"
#include "mem.h"
#include "qdoc.h"
#include "strbuf.h"

enum format { FROM_CSV, FROM_GIFT, FROM_AIKEN };

#define IMPORT_MAX_SIZE BANK_DEFAULT_MAX_SIZE
#define BANK_NAME       "<bank>" /* the bank made, in the loader's messages */

static void
help(void)
{
	fputs(_("usage: jingsai import --from csv|gift|aiken FILE [-o BANK.yaml] [options]\n"
		"\n"
		"Turn questions from a spreadsheet (CSV, UTF-8 or GBK), Moodle's GIFT or\n"
		"the Aiken format into a question bank.  Errors are reported as\n"
		"FILE:LINE:COL and nothing is written.\n"
		"\n"
		"  --from FORMAT     csv, gift or aiken (required)\n"
		"  -o, --output BANK write the bank there (default: standard output)\n"
		"  --force           replace BANK if it exists\n"
		"  --prefix PREFIX   ids PREFIX-001, PREFIX-002, ... (default: from FILE's name)\n"
		"  --title TITLE     the bank's title (default: FILE's name)\n"
		"  -h, --help        show this help\n"
		"\n"
		"CSV columns (first row): 编号 题型 题目 选项A…选项H 答案 解析 出处 难度 分类\n"
		"标签 分值 限时; 题型, 题目 and 答案 are required.\n"
		"\n"
		"Exit status: 0 written, 1 errors in FILE (nothing written), 2 usage error.\n"),
	      stdout);
}

/* Read all of path ("-" is standard input), at most max bytes; 0 or -1 (reported). */
static int
read_all(const char *path, size_t max, char **data, size_t *len)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct strbuf b = {0};
	char chunk[65536];
	size_t n;
	int err = 0;

	if (fp == NULL) {
		cmd_warnx(_("%s: %s"), path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > max) {
			cmd_warnx(_("%s: the file is larger than %zu MiB"), path, max >> 20);
			err = 1;
			break;
		}
		strbuf_add(&b, chunk, n);
	}
	if (!err && ferror(fp)) {
		cmd_warnx(_("%s: %s"), path, strerror(errno));
		err = 1;
	}
	if (!err && b.oom) {
		cmd_warnx("%s", _("out of memory"));
		err = 1;
	}
	if (fp != stdin)
		fclose(fp);
	if (err) {
		strbuf_free(&b);
		return -1;
	}
	*data = b.data;
	*len = b.len;
	if (*data == NULL && (*data = mem_strdup("")) == NULL) {
		cmd_warnx("%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/* The bank's default title: FILE's base name without its extension. */
static char *
title_from(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n;
	char *t;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n == 0 || strcmp(path, "-") == 0)
		return mem_strdup("导入的题库");
	if ((t = mem_alloc(n + 1)) != NULL) {
		memcpy(t, base, n);
		t[n] = '\0';
	}
	return t;
}

/* A loader message may name another place in the bank we made, as
 * "(NAME:LINE:COL)": name the input's place of that question instead. */
static void
rewrite_place(struct strbuf *m, const char *msg, const char *name, const struct strbuf *yaml,
	      const struct qdoc *doc, const char *file)
{
	const char *p = msg, *at;
	size_t n = strlen(name);
	unsigned long line;
	char *end;
	long k;

	while ((at = strchr(p, '(')) != NULL) {
		strbuf_add(m, p, (size_t)(at - p));
		p = at;
		if (strncmp(at + 1, name, n) == 0 && at[1 + n] == ':') {
			line = strtoul(at + 2 + n, &end, 10);
			k = bankyaml_question_at(yaml->data, yaml->len, (unsigned)line);
			if (*end == ':' && k >= 0 && (size_t)k < doc->n) {
				strbuf_printf(m, "(%s:%u:%u", file, doc->q[k]->line,
					      doc->q[k]->col);
				for (p = end + 1; *p >= '0' && *p <= '9'; p++)
					;
				continue;
			}
		}
		strbuf_putc(m, *p++);
	}
	strbuf_puts(m, p);
}

/* Report the loader's findings about the bank we made at the input's lines:
 * a question's problems at the place the question came from.  The warnings
 * for a missing explanation or source are counted, not shown: the input
 * format may have had no place for them. */
static void
map_back(const struct diag_list *check, const char *name, const struct strbuf *yaml,
	 const struct qdoc *doc, const char *file, struct diag_list *out, size_t *no_expl,
	 size_t *no_src)
{
	const struct diag *d;
	struct strbuf m = {0};
	size_t i;
	long k;

	for (i = 0; i < check->count; i++) {
		d = &check->items[i];
		k = d->line > 0 ? bankyaml_question_at(yaml->data, yaml->len, d->line) : -1;
		if (d->severity == DIAG_WARNING && k >= 0 && (size_t)k < doc->n) {
			/* The loader's own words, in the language it speaks. */
			char want[512];

			snprintf(want, sizeof(want), _("question '%s' has no 'explanation'"),
				 doc->q[k]->id);
			if (strcmp(d->message, want) == 0) {
				(*no_expl)++;
				continue;
			}
			snprintf(want, sizeof(want), _("question '%s' has no 'source'"),
				 doc->q[k]->id);
			if (strcmp(d->message, want) == 0) {
				(*no_src)++;
				continue;
			}
		}
		m.len = 0;
		rewrite_place(&m, d->message, name, yaml, doc, file);
		if (m.oom) {
			out->oom = 1;
			break;
		}
		if (k >= 0 && (size_t)k < doc->n)
			diag_add(out, file, doc->q[k]->line, doc->q[k]->col, d->severity, "%s",
				 m.data);
		else
			diag_add(out, file, 0, 0, d->severity, "%s", m.data);
	}
	strbuf_free(&m);
}

static int
parse(enum format f, const char *data, size_t len, const char *file, struct qdoc *doc,
      struct diag_list *diags)
{
	switch (f) {
	case FROM_CSV:
		return csv_import(data, len, file, doc, diags);
	case FROM_GIFT:
		return gift_import(data, len, file, doc, diags);
	default:
		return aiken_import(data, len, file, doc, diags);
	}
}

/* Say why the input is not text we can read; always returns EXIT_FAIL. */
static int
encoding_error(enum enc_status st, const char *file, const char *raw, size_t rawlen, size_t bad)
{
	struct linemap m;
	unsigned line = 0, col = 0;

	if (linemap_init(&m, raw, rawlen) == 0) {
		linemap_pos(&m, bad, &line, &col);
		linemap_free(&m);
	}
	switch (st) {
	case ENC_UTF16:
		fprintf(stderr,
			_("%s: error: the file is UTF-16: save it as \"CSV UTF-8\" (or UTF-8 "
			  "text)\n"),
			file);
		break;
	case ENC_NUL:
		fprintf(stderr, _("%s:%u:%u: error: a NUL byte: this is not a text file\n"), file,
			line, col);
		break;
	case ENC_NOICONV:
		fprintf(stderr, _("%s: error: cannot convert from GB18030: %s\n"), file,
			strerror(errno));
		break;
	case ENC_NOMEM:
		cmd_warnx("%s", _("out of memory"));
		break;
	default:
		fprintf(stderr,
			_("%s:%u:%u: error: the file is neither UTF-8 nor GBK/GB18030 text\n"),
			file, line, col);
		break;
	}
	return EXIT_FAIL;
}

static int
import_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"from", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'F'},
		{"prefix", required_argument, NULL, 'p'},
		{"title", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *prefix_opt = NULL, *title_opt = NULL, *file, *err;
	char prefix[64], *raw = NULL, *text = NULL, *title = NULL;
	size_t rawlen, len, bad, no_expl = 0, no_src = 0;
	struct diag_list diags = {0}, check = {0};
	struct strbuf yaml = {0};
	struct qdoc doc;
	struct bank_set set;
	enum encoding enc = ENC_UTF8;
	enum enc_status st;
	int c, force = 0, from = -1, status = EXIT_FAIL, context;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				from = FROM_CSV;
			else if (strcmp(optarg, "gift") == 0)
				from = FROM_GIFT;
			else if (strcmp(optarg, "aiken") == 0)
				from = FROM_AIKEN;
			else {
				cmd_warnx(_("unknown input format '%s': use csv, gift or aiken"),
					  optarg);
				return cmd_usage(&cmd_import_entry);
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'p':
			prefix_opt = optarg;
			break;
		case 't':
			title_opt = optarg;
			break;
		case 'h':
			help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(&cmd_import_entry, c, argv);
		}
	}
	if (from < 0) {
		cmd_warnx("%s",
			  _("import: say which format FILE is in: --from csv, gift or aiken"));
		return cmd_usage(&cmd_import_entry);
	}
	if (argc - optind != 1) {
		cmd_warnx("%s", argc - optind == 0 ? _("import: no FILE to import")
						   : _("import: one FILE at a time"));
		return cmd_usage(&cmd_import_entry);
	}
	file = argv[optind];
	if (prefix_opt != NULL) {
		if (!qdoc_valid_id(prefix_opt) || strlen(prefix_opt) >= sizeof(prefix) - 8) {
			cmd_warnx(_("import: prefix '%s' is not valid: use lower-case letters, "
				    "digits "
				    "and . _ -, such as xianfa"),
				  prefix_opt);
			return cmd_usage(&cmd_import_entry);
		}
		snprintf(prefix, sizeof(prefix), "%s", prefix_opt);
	} else {
		qdoc_prefix(file, prefix, sizeof(prefix) - 8);
	}
	if (title_opt != NULL && strspn(title_opt, " \t") == strlen(title_opt)) {
		cmd_warnx("%s", _("import: the title is empty"));
		return cmd_usage(&cmd_import_entry);
	}

	qdoc_init(&doc);
	bank_set_init(&set);
	if (read_all(file, IMPORT_MAX_SIZE, &raw, &rawlen) != 0)
		goto out;
	st = enc_to_utf8(raw, rawlen, &text, &len, &enc, &bad);
	if (st != ENC_OK) {
		status = encoding_error(st, file, raw, rawlen, bad);
		goto out;
	}
	mem_free(raw); /* a large sheet need not be held three times */
	raw = NULL;
	/* The source line under a message is read from the file again: only
	 * worth it when the file is UTF-8 like the terminal. */
	context = enc != ENC_GB18030;
	if (parse((enum format)from, text, len, file, &doc, &diags) != 0)
		goto oom;
	mem_free(text); /* the questions hold copies */
	text = NULL;
	if (diags.errors == 0 && doc.n == 0)
		diag_add(&diags, file, 0, 0, DIAG_ERROR, "no questions found");
	if (diags.errors == 0 && qdoc_assign_ids(&doc, prefix, file, &diags) != 0)
		goto oom;
	if (diags.errors == 0) {
		title = title_opt != NULL ? mem_strdup(title_opt) : title_from(file);
		if (title == NULL)
			goto oom;
		if (bankyaml_write(&yaml, title, doc.q, doc.n, &err) != 0) {
			cmd_warnx(_("cannot write the bank: %s"), err);
			goto out;
		}
		if (bank_set_load_buffer(&set, BANK_NAME, yaml.data, yaml.len, &check) != 0)
			goto oom;
		map_back(&check, BANK_NAME, &yaml, &doc, file, &diags, &no_expl, &no_src);
		diag_sort(&diags, 0);
	}
	if (diags.oom)
		goto oom;
	cmd_print_diags(stderr, &diags, context, 0);
	if (diags.errors > 0) {
		cmd_warnx(ngettext("%s: %zu error; nothing written",
				   "%s: %zu errors; nothing written", diags.errors),
			  file, diags.errors);
		goto out;
	}
	if (output == NULL) {
		fwrite(yaml.data, 1, yaml.len, stdout);
	} else if (cmd_write_file(output, yaml.data, yaml.len, force) != 0) {
		goto out;
	} else {
		cmd_warnx(ngettext("%zu question from %s (%s) written to %s",
				   "%zu questions from %s (%s) written to %s", doc.n),
			  doc.n, file, enc_name(enc), output);
	}
	if (no_expl > 0)
		cmd_warnx(
			ngettext("%zu of %zu questions has no explanation (解析): 'jingsai lint' "
				 "warns about it",
				 "%zu of %zu questions have no explanation (解析): 'jingsai lint' "
				 "warns about them",
				 no_expl),
			no_expl, doc.n);
	if (no_src > 0)
		cmd_warnx(
			ngettext("%zu of %zu questions has no source (出处): 'jingsai lint' warns "
				 "about it",
				 "%zu of %zu questions have no source (出处): 'jingsai lint' warns "
				 "about them",
				 no_src),
			no_src, doc.n);
	status = EXIT_OK;
	goto out;
oom:
	cmd_warnx("%s", _("out of memory"));
	status = EXIT_FAIL;
out:
	bank_set_free(&set);
	diag_list_free(&check);
	diag_list_free(&diags);
	strbuf_free(&yaml);
	qdoc_free(&doc);
	mem_free(title);
	mem_free(text);
	mem_free(raw);
	return output == NULL ? cmd_finish_output(status) : status;
}

const struct cmd_entry cmd_import_entry = {
	"import",
	"--from csv|gift|aiken FILE [-o BANK.yaml] [--force] [--prefix P] [--title T]",
	N_("bring in questions from a spreadsheet, Moodle GIFT or Aiken"),
	import_exec,
};
