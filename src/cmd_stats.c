/*
 * cmd_stats.c — `jingsai stats`: how many questions by bank, category, type,
 * difficulty and tag.  Text tables are aligned by display width, so Chinese
 * names line up; --format json gives the same figures to scripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "json.h"
#include "mem.h"
#include "text.h"

/* A row of a table: a name (NULL for "none") and a count. */
struct row {
	const char *name;
	size_t count;
};

struct table {
	const char *title;
	struct row *rows;
	size_t n;
};

static int
str_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	if (x == NULL || y == NULL)
		return (x == NULL) - (y == NULL);
	return strcmp(x, y);
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return str_cmp(&x->name, &y->name);
}

/* Count equal strings among v[0..n): sort, then count runs; rows by count. */
static int
count_names(const char **v, size_t n, struct table *t)
{
	size_t i, j;

	t->rows = mem_alloc((n ? n : 1) * sizeof(*t->rows));
	if (t->rows == NULL)
		return -1;
	qsort(v, n, sizeof(*v), str_cmp);
	t->n = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && str_cmp(&v[i], &v[j]) == 0; j++)
			;
		t->rows[t->n].name = v[i];
		t->rows[t->n].count = j - i;
		t->n++;
	}
	qsort(t->rows, t->n, sizeof(*t->rows), row_cmp);
	return 0;
}

static const char *const type_labels[QTYPE_COUNT] = {
	N_("single 单选"), N_("multiple 多选"), N_("judge 判断"), N_("fill 填空"), N_("open 简答"),
};
static const char *const difficulty_labels[] = {
	N_("unset"),
	N_("1 easy 易"),
	N_("2 medium 中"),
	N_("3 hard 难"),
};

enum { T_BANK, T_CATEGORY, T_TYPE, T_DIFFICULTY, T_TAG, T_COUNT };

struct stats {
	struct table t[T_COUNT];
	size_t total;
};

static int
collect(const struct bank_set *set, struct stats *st)
{
	const struct question *q;
	const char **v;
	size_t i, j, n;
	int r;

	memset(st, 0, sizeof(*st));
	st->total = set->nquestions;
	st->t[T_BANK].rows = mem_alloc((set->nbanks ? set->nbanks : 1) * sizeof(struct row));
	st->t[T_TYPE].rows = mem_calloc(QTYPE_COUNT, sizeof(struct row));
	st->t[T_DIFFICULTY].rows = mem_calloc(BANK_MAX_DIFFICULTY + 1, sizeof(struct row));
	if (!st->t[T_BANK].rows || !st->t[T_TYPE].rows || !st->t[T_DIFFICULTY].rows)
		return -1;
	for (i = 0; i < set->nbanks; i++) {
		st->t[T_BANK].rows[i].name = set->banks[i].title;
		st->t[T_BANK].rows[i].count = set->banks[i].count;
	}
	st->t[T_BANK].n = set->nbanks;
	for (i = 0; i < QTYPE_COUNT; i++)
		st->t[T_TYPE].rows[i].name = type_labels[i];
	st->t[T_TYPE].n = QTYPE_COUNT;
	for (i = 0; i <= BANK_MAX_DIFFICULTY; i++)
		st->t[T_DIFFICULTY].rows[i].name = difficulty_labels[i];
	st->t[T_DIFFICULTY].n = BANK_MAX_DIFFICULTY + 1;

	v = mem_alloc((set->nquestions ? set->nquestions : 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	for (i = 0; i < set->nquestions; i++) {
		q = set->questions[i];
		st->t[T_TYPE].rows[q->type].count++;
		st->t[T_DIFFICULTY].rows[q->difficulty].count++;
		v[i] = q->category;
	}
	r = count_names(v, set->nquestions, &st->t[T_CATEGORY]);
	mem_free(v);
	if (r != 0)
		return -1;

	for (i = n = 0; i < set->nquestions; i++)
		n += set->questions[i]->ntags;
	v = mem_alloc((n ? n : 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	for (i = n = 0; i < set->nquestions; i++)
		for (j = 0; j < set->questions[i]->ntags; j++)
			v[n++] = set->questions[i]->tags[j];
	r = count_names(v, n, &st->t[T_TAG]);
	mem_free(v);
	return r;
}

static void
stats_free(struct stats *st)
{
	int i;

	for (i = 0; i < T_COUNT; i++)
		mem_free(st->t[i].rows);
}

static const char *const titles[T_COUNT] = {
	N_("bank"), N_("category"), N_("type"), N_("difficulty"), N_("tag"),
};

static void
pad(size_t n)
{
	while (n-- > 0)
		putchar(' ');
}

/* Translate the fixed labels; bank titles, categories and tags are data. */
static const char *
row_label(int t, const struct row *r)
{
	if (t == T_TYPE || t == T_DIFFICULTY)
		return _(r->name);
	return r->name != NULL ? r->name : _("(none)");
}

static void
print_text(const struct stats *st)
{
	const char *total = _("total"), *label;
	size_t w = text_width(total), lw, cw, i;
	char num[32];
	int t;

	for (t = 0; t < T_COUNT; t++) {
		if ((lw = text_width(_(titles[t]))) > w)
			w = lw;
		for (i = 0; i < st->t[t].n; i++)
			if ((lw = text_width(row_label(t, &st->t[t].rows[i]))) > w)
				w = lw;
	}
	/* The count column is as wide as its header or the largest count. */
	snprintf(num, sizeof(num), "%zu", st->total);
	cw = text_width(_("questions"));
	if (strlen(num) > cw)
		cw = strlen(num);
	for (t = 0; t < T_COUNT; t++) {
		label = _(titles[t]);
		fputs(label, stdout);
		pad(w - text_width(label) + 2 + cw - text_width(_("questions")));
		printf("%s\n", _("questions"));
		for (i = 0; i < st->t[t].n; i++) {
			if (t == T_DIFFICULTY && i == 0 && st->t[t].rows[i].count == 0)
				continue; /* "unset" only when some question has no difficulty */
			label = row_label(t, &st->t[t].rows[i]);
			fputs(label, stdout);
			pad(w - text_width(label) + 2);
			printf("%*zu\n", (int)cw, st->t[t].rows[i].count);
		}
		if (t == T_BANK) {
			fputs(total, stdout);
			pad(w - text_width(total) + 2);
			printf("%*s\n", (int)cw, num);
		}
		if (t + 1 < T_COUNT)
			putchar('\n');
	}
}

static void
print_json(const struct bank_set *set, const struct stats *st)
{
	static const char *const keys[T_COUNT] = {"banks", "categories", "types", "difficulties",
						  "tags"};
	const struct row *r;
	size_t i;
	int t;

	printf("{\"files\": %zu, \"questions\": %zu", set->nfiles, st->total);
	for (t = 0; t < T_COUNT; t++) {
		printf(",\n \"%s\": [", keys[t]);
		for (i = 0; i < st->t[t].n; i++) {
			r = &st->t[t].rows[i];
			fputs(i ? ", {" : "{", stdout);
			if (t == T_BANK) {
				fputs("\"path\": ", stdout);
				json_string(stdout, set->banks[i].path);
				fputs(", \"title\": ", stdout);
				json_string(stdout, r->name);
			} else if (t == T_TYPE) {
				printf("\"type\": \"%s\"",
				       question_type_name((enum question_type)i));
			} else if (t == T_DIFFICULTY) {
				if (i == 0)
					fputs("\"difficulty\": null", stdout);
				else
					printf("\"difficulty\": %zu", i);
			} else {
				fputs("\"name\": ", stdout);
				json_string(stdout, r->name);
			}
			printf(", \"questions\": %zu}", r->count);
		}
		putchar(']');
	}
	fputs("}\n", stdout);
}

static void
help(void)
{
	fputs(_("usage: jingsai stats [BANK...] [--format text|json]\n"
		"\n"
		"Count questions by bank, category, type, difficulty and tag.\n"
		"A BANK is a .yaml/.yml file or a directory searched recursively;\n"
		"with none, questions/ is counted, or the installed banks when there is\n"
		"none.\n"
		"\n"
		"  --format FORMAT   text (default) or json\n"
		"  -h, --help        show this help\n"),
	      stdout);
}

static int
stats_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct bank_set set;
	struct diag_list diags = {0};
	struct stats st;
	int c, json = 0, status = EXIT_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((json = cmd_json_format(optarg)) < 0)
				return cmd_usage(&cmd_stats_entry);
			break;
		case 'h':
			help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(&cmd_stats_entry, c, argv);
		}
	}
	bank_set_init(&set);
	memset(&st, 0, sizeof(st));
	if (cmd_load_banks(argc - optind, argv + optind, &set, &diags) != 0) {
		status = EXIT_FAIL;
	} else if (diags.errors > 0 || diags.oom) {
		cmd_print_diags(stderr, &diags, 0, 1);
		cmd_warnx(_("the banks have errors; 'jingsai lint' shows them all"));
		status = EXIT_FAIL;
	} else if (collect(&set, &st) != 0) {
		cmd_warnx("%s", _("out of memory"));
		status = EXIT_FAIL;
	} else if (json) {
		print_json(&set, &st);
	} else {
		print_text(&st);
	}
	stats_free(&st);
	diag_list_free(&diags);
	bank_set_free(&set);
	return cmd_finish_output(status);
}

const struct cmd_entry cmd_stats_entry = {
	"stats",
	"[BANK...] [--format text|json]",
	N_("counts by bank, category, type, difficulty"),
	stats_exec,
};
