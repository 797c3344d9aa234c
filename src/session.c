/*
 * session.c — session results and the report writers.
 */
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "atomic.h"
#include "i18n.h"
#include "json.h"
#include "mem.h"
#include "session.h"
#include "shuffle.h"

int
session_add_shown(struct session *s, const struct question *q, const unsigned char *order,
		  enum session_result r, const char *given, double seconds)
{
	struct session_item *it;
	unsigned n = q->noptions <= BANK_MAX_OPTIONS ? q->noptions : BANK_MAX_OPTIONS;

	if (mem_grow((void **)&s->items, &s->cap, s->n + 1, sizeof(*s->items)) != 0)
		return -1;
	it = &s->items[s->n];
	it->q = q;
	it->result = r;
	it->seconds = seconds;
	it->given = NULL;
	memset(it->order, 0, sizeof(it->order));
	if (order != NULL)
		memcpy(it->order, order, n);
	else
		shuffle_identity(n, it->order);
	if (given != NULL && (it->given = mem_strdup(given)) == NULL)
		return -1;
	s->n++;
	return 0;
}

int
session_add(struct session *s, const struct question *q, enum session_result r, const char *given,
	    double seconds)
{
	return session_add_shown(s, q, NULL, r, given, seconds);
}

/* Whether item it was shown in another order than its file's. */
static bool
reordered(const struct session_item *it)
{
	return it->q->noptions > 0 && !shuffle_is_identity(it->order, it->q->noptions);
}

void
session_totals(const struct session *s, struct session_totals *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];

		t->total++;
		t->max_points += it->q->points;
		if (it->result == RESULT_RIGHT) {
			t->right++;
			t->points += it->q->points;
		} else if (it->result == RESULT_WRONG) {
			t->wrong++;
		} else {
			t->unanswered++;
		}
	}
	t->score = t->max_points ? 100.0 * (double)t->points / (double)t->max_points : 0.0;
}

bool
session_passed(const struct session *s)
{
	struct session_totals t;

	session_totals(s, &t);
	return t.score + 1e-9 >= (double)s->pass;
}

void
session_free(struct session *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		mem_free(s->items[i].given);
	mem_free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
}

void
session_write_json(const struct session *s, FILE *fp)
{
	struct session_totals t;
	size_t i;

	session_totals(s, &t);
	fprintf(fp, "{\"mode\": \"%s\", \"seed\": %llu, \"shuffle\": %s, ",
		s->exam ? "exam" : "practice", (unsigned long long)s->seed,
		s->file_order ? "false" : "true");
	fprintf(fp, "\"total\": %zu, \"correct\": %zu, \"wrong\": %zu, \"unanswered\": %zu, ",
		t.total, t.right, t.wrong, t.unanswered);
	fprintf(fp, "\"seconds\": %.1f, \"points\": %ld, \"max_points\": %ld", s->seconds, t.points,
		t.max_points);
	if (s->exam)
		fprintf(fp, ", \"score\": %.1f, \"pass\": %d, \"passed\": %s", t.score, s->pass,
			session_passed(s) ? "true" : "false");
	fputs(",\n \"questions\": [", fp);
	for (i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];

		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", fp);
		json_string(fp, it->q->id);
		fprintf(fp, ", \"correct\": %s, \"given\": ",
			it->result == RESULT_RIGHT ? "true" : "false");
		json_string(fp, it->given);
		if (reordered(it)) {
			char order[BANK_MAX_OPTIONS + 1], key[32];
			unsigned n = it->q->noptions;

			fputs(", \"shown_order\": ", fp);
			json_string(fp, shuffle_order_text(it->order, n, order, sizeof(order)));
			fputs(", \"given_key\": ", fp);
			json_string(fp, it->given ? shuffle_given_to_file(it->order, n, it->given,
									  key, sizeof(key))
						  : NULL);
		}
		fprintf(fp, ", \"seconds\": %.1f}", it->seconds);
	}
	fputs(s->n ? "\n ]}\n" : "]}\n", fp);
}

/* A Markdown table cell: pipes escaped, line breaks as spaces. */
static void
md_cell(FILE *fp, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static const char *
result_label(enum session_result r)
{
	switch (r) {
	case RESULT_RIGHT:
		return _("right");
	case RESULT_WRONG:
		return _("wrong");
	default:
		return _("unanswered");
	}
}

void
session_write_markdown(const struct session *s, FILE *fp)
{
	struct session_totals t;
	char when[64], right[512];
	struct tm tm;
	size_t i;

	session_totals(s, &t);
	if (localtime_r(&s->started, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm) == 0)
		when[0] = '\0';
	fprintf(fp, "# %s\n\n",
		s->exam ? _("jingsai mock exam report") : _("jingsai practice report"));
	fprintf(fp, "- %s: %s\n", _("Started"), when);
	fprintf(fp, "- %s: %zu\n- %s: %zu\n- %s: %zu\n- %s: %zu\n", _("Questions"), t.total,
		_("Right"), t.right, _("Wrong"), t.wrong, _("Unanswered"), t.unanswered);
	fprintf(fp, "- %s: %ld / %ld\n", _("Points"), t.points, t.max_points);
	if (s->exam)
		fprintf(fp, "- %s: %.1f%% (%s %d%%): **%s**\n", _("Score"), t.score, _("pass mark"),
			s->pass, session_passed(s) ? _("passed") : _("not passed"));
	fprintf(fp, "- %s: ", _("Time"));
	fprintf(fp, _("%.1f s"), s->seconds);
	fputc('\n', fp);
	fprintf(fp, "- %s: %llu\n\n", _("Seed"), (unsigned long long)s->seed);
	fprintf(fp, "| # | %s | %s | %s | %s | %s | %s |\n", _("Id"), _("Question"), _("Given"),
		_("Answer"), _("Result"), _("Seconds"));
	fputs("|---|---|---|---|---|---|---|\n", fp);
	for (i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];

		struct question view;
		const char *opts[BANK_MAX_OPTIONS];
		char key[32], file[512];
		bool moved = reordered(it);

		shuffle_view(it->q, it->order, &view, opts);
		fprintf(fp, "| %zu | ", i + 1);
		md_cell(fp, it->q->id);
		fputs(" | ", fp);
		md_cell(fp, it->q->text);
		fputs(" | ", fp);
		md_cell(fp, it->given);
		if (moved && it->given != NULL &&
		    shuffle_given_to_file(it->order, it->q->noptions, it->given, key,
					  sizeof(key))) {
			fputc(' ', fp);
			/* TRANSLATORS: after letters of the shuffled options, the bank's. */
			fprintf(fp, _("(bank: %s)"), key);
		}
		fputs(" | ", fp);
		answer_format(&view, right, sizeof(right));
		if (it->q->type == QTYPE_JUDGE)
			md_cell(fp, it->q->answer_true ? _("true") : _("false"));
		else
			md_cell(fp, right);
		if (moved) {
			fputc(' ', fp);
			fprintf(fp, _("(bank: %s)"), answer_format(it->q, file, sizeof(file)));
		}
		fprintf(fp, " | %s | %.1f |\n", result_label(it->result), it->seconds);
	}
}

int
session_report_kind(const char *path)
{
	size_t n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".json") == 0)
		return 1;
	if (n > 3 && strcmp(path + n - 3, ".md") == 0)
		return 0;
	return -1;
}

int
session_write_report(const struct session *s, const char *path, char **err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *fp;
	int kind = session_report_kind(path), r;

	*err = NULL;
	fp = open_memstream(&data, &len);
	if (fp == NULL) {
		*err = strdup("out of memory");
		return -1;
	}
	if (kind == 1)
		session_write_json(s, fp);
	else
		session_write_markdown(s, fp);
	if (fclose(fp) != 0) {
		free(data);
		*err = strdup("out of memory");
		return -1;
	}
	r = atomic_write(path, data, len, 0644, err);
	free(data);
	return r;
}
