/*
 * board.c — the four scoreboards (see board.h).
 *
 * Every writer appends to a strbuf and never fails on its own; board_write_all
 * turns each buffer into a file through atomic_write.  The names come from a
 * competition file or a journal, so each format defends itself against them:
 * invalid UTF-8 becomes U+FFFD everywhere (the output is always valid UTF-8),
 * JSON escapes, CSV quotes and neutralises formulas, Markdown escapes what is
 * active in a table cell, HTML escapes all five special characters.  The page
 * loads nothing from outside and a Content-Security-Policy forbids it to, so
 * even a mistake in the escaping could not run a script.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "board.h"
#include "csv.h"
#include "errmsg.h"
#include "i18n.h"
#include "json.h"
#include "text.h"

#define REFRESH_SECONDS 5              /* how often the page reloads while the competition runs */
#define FILE_MODE       0644           /* scoreboards are for everyone to read */
#define REPLACEMENT     "\xef\xbf\xbd" /* U+FFFD */

/* ---- text ------------------------------------------------------------- */

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/* Append s with each invalid UTF-8 byte replaced by U+FFFD; with 'flatten',
 * control characters (line breaks, tabs, ...) become spaces too, for
 * formats where they would break a line or a table row. */
static void
put_valid(struct strbuf *b, const char *s, int flatten)
{
	size_t i = 0, n = strlen(s), len;
	unsigned cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			len = text_decode(s + i, n - i, &cp);
			if (len == 0) {
				strbuf_puts(b, REPLACEMENT);
				i++;
			} else {
				strbuf_add(b, s + i, len);
				i += len;
			}
			continue;
		}
		strbuf_putc(b, flatten && (c < 0x20 || c == 0x7f) ? ' ' : (char)c);
		i++;
	}
}

/* Append s as one CSV cell (quoted as needed, formulas neutralised). */
static void
put_csv(struct strbuf *b, const char *s)
{
	struct strbuf v = {0};

	put_valid(&v, str(s), 0);
	csv_put_cell(b, v.data != NULL ? v.data : "", 1);
	if (v.oom)
		b->oom = 1;
	strbuf_free(&v);
}

/* Append s as Markdown inline text that cannot leave its table cell or
 * start a construct: every character that is active inline is
 * backslash-escaped, line breaks become spaces.  At the start of a list
 * item ('line_start') what would open a block is neutralised too: leading
 * spaces (indented code) are dropped, a leading - + = is escaped (a nested
 * list, a setext line) and so is the dot or parenthesis of "1." or "1)". */
static void
put_md(struct strbuf *b, const char *s, int line_start)
{
	struct strbuf v = {0};
	size_t i = 0, first, digits = 0, mark = (size_t)-1;

	put_valid(&v, str(s), 1);
	if (line_start) {
		while (i < v.len && v.data[i] == ' ')
			i++;
		while (i + digits < v.len && v.data[i + digits] >= '0' && v.data[i + digits] <= '9')
			digits++;
		if (digits > 0 && i + digits < v.len &&
		    (v.data[i + digits] == '.' || v.data[i + digits] == ')'))
			mark = i + digits;
	}
	for (first = i; i < v.len; i++) {
		char c = v.data[i];

		if (strchr("\\`*_[]<>|#!~&", c) != NULL || i == mark ||
		    (line_start && i == first && strchr("-+=", c) != NULL))
			strbuf_putc(b, '\\');
		strbuf_putc(b, c);
	}
	if (v.oom)
		b->oom = 1;
	strbuf_free(&v);
}

/* Append s as HTML text, also safe inside a quoted attribute. */
static void
put_html(struct strbuf *b, const char *s)
{
	struct strbuf v = {0};
	size_t i;

	put_valid(&v, str(s), 1);
	for (i = 0; i < v.len; i++) {
		switch (v.data[i]) {
		case '&':
			strbuf_puts(b, "&amp;");
			break;
		case '<':
			strbuf_puts(b, "&lt;");
			break;
		case '>':
			strbuf_puts(b, "&gt;");
			break;
		case '"':
			strbuf_puts(b, "&quot;");
			break;
		case '\'':
			strbuf_puts(b, "&#39;");
			break;
		default:
			strbuf_putc(b, v.data[i]);
		}
	}
	if (v.oom)
		b->oom = 1;
	strbuf_free(&v);
}

/* ---- numbers ---------------------------------------------------------- */

static int
adjustment_total(const struct standings_team *t)
{
	int sum = 0;
	size_t i;

	for (i = 0; i < t->nadjustments; i++)
		sum += t->adjustments[i].delta;
	return sum;
}

static size_t
adjustment_count(const struct standings *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nteams; i++)
		n += s->teams[i].nadjustments;
	return n;
}

/* ---- JSON ------------------------------------------------------------- */

void
board_json(struct strbuf *b, const struct standings *s)
{
	const struct standings_team *t;
	char key[2];
	size_t i, j;

	strbuf_puts(b, "{\n  \"title\": ");
	json_strbuf(b, s->title);
	strbuf_printf(b, ",\n  \"final\": %s,\n  \"teams\": [", s->final ? "true" : "false");
	for (i = 0; i < s->nteams; i++) {
		t = &s->teams[i];
		strbuf_puts(b, i > 0 ? ",\n    {\n      \"name\": " : "\n    {\n      \"name\": ");
		json_strbuf(b, str(t->name));
		strbuf_puts(b, ",\n      \"key\": ");
		key[0] = t->key;
		key[1] = '\0';
		json_strbuf(b, t->key != '\0' ? key : NULL);
		strbuf_printf(b,
			      ",\n      \"score\": %d,\n      \"rank\": %d,\n      \"rounds\": {",
			      t->score, t->rank);
		for (j = 0; j < s->nrounds; j++) {
			strbuf_puts(b, j > 0 ? ", " : "");
			json_strbuf(b, str(s->round_names[j]));
			strbuf_printf(b, ": %d", t->round_points[j]);
		}
		strbuf_puts(b, "},\n      \"adjustments\": [");
		for (j = 0; j < t->nadjustments; j++) {
			strbuf_printf(b,
				      "%s\n        {\"delta\": %d, \"reason\": ", j > 0 ? "," : "",
				      t->adjustments[j].delta);
			json_strbuf(b, str(t->adjustments[j].reason));
			strbuf_putc(b, '}');
		}
		strbuf_puts(b, t->nadjustments > 0 ? "\n      ],\n      \"tiebreak\": "
						   : "],\n      \"tiebreak\": ");
		if (t->tiebreak > 0)
			strbuf_printf(b, "%d\n    }", t->tiebreak);
		else
			strbuf_puts(b, "null\n    }");
	}
	strbuf_printf(b, "%s],\n  \"events\": %zu\n}\n", s->nteams > 0 ? "\n  " : "", s->events);
}

/* ---- CSV -------------------------------------------------------------- */

void
board_csv(struct strbuf *b, const struct standings *s)
{
	const struct standings_team *t;
	size_t i, j;

	strbuf_puts(b, "\xef\xbb\xbf");
	put_csv(b, _("Rank"));
	strbuf_putc(b, ',');
	put_csv(b, _("Team"));
	for (j = 0; j < s->nrounds; j++) {
		strbuf_putc(b, ',');
		put_csv(b, s->round_names[j]);
	}
	strbuf_putc(b, ',');
	put_csv(b, _("Adjustments"));
	strbuf_putc(b, ',');
	put_csv(b, C_("scoreboard", "Score"));
	strbuf_putc(b, ',');
	put_csv(b, _("Tiebreak"));
	strbuf_puts(b, "\r\n");
	for (i = 0; i < s->nteams; i++) {
		t = &s->teams[i];
		strbuf_printf(b, "%d,", t->rank);
		put_csv(b, t->name);
		for (j = 0; j < s->nrounds; j++)
			strbuf_printf(b, ",%d", t->round_points[j]);
		strbuf_printf(b, ",%d,%d,", adjustment_total(t), t->score);
		if (t->tiebreak > 0)
			strbuf_printf(b, "%d", t->tiebreak);
		strbuf_puts(b, "\r\n");
	}
}

/* ---- Markdown --------------------------------------------------------- */

void
board_md(struct strbuf *b, const struct standings *s)
{
	const struct standings_team *t;
	size_t i, j;

	strbuf_puts(b, "# ");
	put_md(b, s->title != NULL ? s->title : _("Scoreboard"), 0);
	strbuf_puts(b, "\n\n**");
	put_md(b, s->final ? _("Final result") : _("In progress"), 0);
	strbuf_puts(b, "**\n\n| ");
	put_md(b, _("Rank"), 0);
	strbuf_puts(b, " | ");
	put_md(b, _("Team"), 0);
	for (j = 0; j < s->nrounds; j++) {
		strbuf_puts(b, " | ");
		put_md(b, s->round_names[j], 0);
	}
	strbuf_puts(b, " | ");
	put_md(b, _("Adjustments"), 0);
	strbuf_puts(b, " | ");
	put_md(b, C_("scoreboard", "Score"), 0);
	strbuf_puts(b, " | ");
	put_md(b, _("Tiebreak"), 0);
	strbuf_puts(b, " |\n| ---: | :--- |");
	for (j = 0; j < s->nrounds; j++)
		strbuf_puts(b, " ---: |");
	strbuf_puts(b, " ---: | ---: | ---: |\n");
	for (i = 0; i < s->nteams; i++) {
		t = &s->teams[i];
		strbuf_printf(b, "| %d | ", t->rank);
		put_md(b, t->name, 0);
		for (j = 0; j < s->nrounds; j++)
			strbuf_printf(b, " | %d", t->round_points[j]);
		strbuf_printf(b, " | %d | %d |", adjustment_total(t), t->score);
		if (t->tiebreak > 0)
			strbuf_printf(b, " %d |\n", t->tiebreak);
		else
			strbuf_puts(b, "  |\n");
	}
	strbuf_puts(b, "\n## ");
	put_md(b, _("Adjustments"), 0);
	strbuf_puts(b, "\n\n");
	if (adjustment_count(s) == 0) {
		put_md(b, _("None."), 0);
		strbuf_putc(b, '\n');
		return;
	}
	for (i = 0; i < s->nteams; i++) {
		t = &s->teams[i];
		for (j = 0; j < t->nadjustments; j++) {
			strbuf_puts(b, "- ");
			put_md(b, t->name, 1);
			strbuf_printf(b, ": %+d", t->adjustments[j].delta);
			if (str(t->adjustments[j].reason)[0] != '\0') {
				strbuf_puts(b, " — ");
				put_md(b, t->adjustments[j].reason, 0);
			}
			strbuf_putc(b, '\n');
		}
	}
}

/* ---- HTML ------------------------------------------------------------- */

/* Large type that scales with the screen, dark and high-contrast for a
 * projector or a TV in a hall; gold, silver and bronze for the places.  On a
 * phone the round columns fold into a line under the team's name. */
static const char html_style[] =
	"<style>\n"
	":root{color-scheme:dark}\n"
	"*{box-sizing:border-box}\n"
	"html{background:#0b1626}\n"
	"body{margin:0 auto;max-width:1800px;padding:clamp(10px,2.5vw,48px);color:#fff;"
	"font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\","
	"\"PingFang SC\",\"Microsoft YaHei\",system-ui,sans-serif;"
	"font-size:clamp(17px,2.3vw,46px);line-height:1.25}\n"
	"header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;"
	"gap:.3em 1em;margin-bottom:.7em}\n"
	"h1{margin:0;font-size:1.5em;line-height:1.15;overflow-wrap:anywhere}\n"
	".status{font-size:.8em;font-weight:700;padding:.15em .7em;border-radius:1em;"
	"white-space:nowrap}\n"
	".live{background:#d32f2f}\n"
	".final{background:#2e7d32}\n"
	"table{width:100%;border-collapse:separate;border-spacing:0 .3em}\n"
	"th{font-size:.62em;font-weight:400;color:#b8c7d9;text-align:right;padding:0 .6em}\n"
	"th.team{text-align:left}\n"
	"td{background:#16263b;padding:.35em .6em;text-align:right;"
	"font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"td:first-child{border-radius:.35em 0 0 .35em}\n"
	"td:last-child{border-radius:0 .35em .35em 0}\n"
	"td.rank{text-align:center;font-weight:800;width:2.6em}\n"
	"td.team{text-align:left;font-weight:700;white-space:normal;overflow-wrap:anywhere;"
	"width:45%}\n"
	"td.round{color:#dbe6f3}\n"
	"td.score{font-size:1.45em;font-weight:800;color:#ffd54f}\n"
	"td.score.neg{color:#ff8a80}\n"
	"tr.p1 td{background:#3d3410}\n"
	"tr.p2 td{background:#27313b}\n"
	"tr.p3 td{background:#33271d}\n"
	"tr.p1 td.rank{background:#ffd54f;color:#000}\n"
	"tr.p2 td.rank{background:#e0e6ea;color:#000}\n"
	"tr.p3 td.rank{background:#e0955a;color:#000}\n"
	".neg{color:#ff8a80}\n"
	".pos{color:#9ff5b5}\n"
	".zero{color:#7d8fa5}\n"
	".tb{display:inline-block;font-size:.6em;font-weight:700;color:#000;background:#80d8ff;"
	"border-radius:.3em;padding:0 .4em;margin-left:.4em;vertical-align:middle}\n"
	".more{display:none;font-size:.62em;font-weight:400;color:#b8c7d9}\n"
	"section{margin-top:1em;font-size:.7em;color:#dbe6f3}\n"
	"h2{font-size:1.1em;margin:0 0 .3em}\n"
	"ul{margin:0;padding-left:1.2em}\n"
	"li{margin:.15em 0;overflow-wrap:anywhere}\n"
	"li b{color:#fff}\n"
	"@media (max-width:720px){body{font-size:clamp(16px,4.6vw,30px)}"
	".round,.adjcol{display:none}.more{display:block;font-size:.72em}td.team{width:auto}"
	"section{font-size:.8em}}\n"
	"</style>\n";

/* Append a signed number with its colour class (0 is muted). */
static void
put_signed(struct strbuf *b, int n)
{
	if (n == 0)
		strbuf_puts(b, "<span class=\"zero\">0</span>");
	else
		strbuf_printf(b, "<span class=\"%s\">%+d</span>", n < 0 ? "neg" : "pos", n);
}

void
board_html(struct strbuf *b, const struct standings *s)
{
	const struct standings_team *t;
	size_t i, j;

	strbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		      i18n_lang() == I18N_ZH ? "zh-CN" : "en");
	strbuf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		       "style-src 'unsafe-inline'\">\n");
	if (!s->final)
		strbuf_printf(b, "<meta http-equiv=\"refresh\" content=\"%d\">\n", REFRESH_SECONDS);
	strbuf_puts(b, "<title>");
	if (s->title != NULL) {
		put_html(b, s->title);
		strbuf_puts(b, " — ");
	}
	put_html(b, _("Scoreboard"));
	strbuf_puts(b, "</title>\n");
	strbuf_puts(b, html_style);
	strbuf_puts(b, "</head>\n<body>\n<header>\n<h1>");
	put_html(b, s->title != NULL ? s->title : _("Scoreboard"));
	strbuf_printf(b, "</h1>\n<div class=\"status %s\">", s->final ? "final" : "live");
	put_html(b, s->final ? _("Final result") : _("In progress"));
	strbuf_puts(b, "</div>\n</header>\n<table>\n<thead><tr><th>");
	put_html(b, _("Rank"));
	strbuf_puts(b, "</th><th class=\"team\">");
	put_html(b, _("Team"));
	strbuf_puts(b, "</th>");
	for (j = 0; j < s->nrounds; j++) {
		strbuf_puts(b, "<th class=\"round\">");
		put_html(b, s->round_names[j]);
		strbuf_puts(b, "</th>");
	}
	strbuf_puts(b, "<th class=\"adjcol\">");
	put_html(b, _("Adjustments"));
	strbuf_puts(b, "</th><th>");
	put_html(b, C_("scoreboard", "Score"));
	strbuf_puts(b, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < s->nteams; i++) {
		t = &s->teams[i];
		if (t->rank >= 1 && t->rank <= 3)
			strbuf_printf(b, "<tr class=\"p%d\">", t->rank);
		else
			strbuf_puts(b, "<tr>");
		strbuf_printf(b, "<td class=\"rank\">%d</td><td class=\"team\">", t->rank);
		put_html(b, t->name);
		if (t->tiebreak > 0) {
			strbuf_puts(b, " <span class=\"tb\">");
			put_html(b, _("Tiebreak"));
			strbuf_printf(b, " %d</span>", t->tiebreak);
		}
		strbuf_puts(b, "<div class=\"more\">");
		for (j = 0; j < s->nrounds; j++) {
			strbuf_puts(b, j > 0 ? " · " : "");
			put_html(b, s->round_names[j]);
			strbuf_printf(b, " %d", t->round_points[j]);
		}
		if (t->nadjustments > 0) {
			strbuf_puts(b, s->nrounds > 0 ? " · " : "");
			put_html(b, _("Adjustments"));
			strbuf_putc(b, ' ');
			put_signed(b, adjustment_total(t));
		}
		strbuf_puts(b, "</div></td>");
		for (j = 0; j < s->nrounds; j++)
			strbuf_printf(b, "<td class=\"round\">%d</td>", t->round_points[j]);
		strbuf_puts(b, "<td class=\"adjcol\">");
		put_signed(b, adjustment_total(t));
		strbuf_printf(b, "</td><td class=\"score%s\">%d</td></tr>\n",
			      t->score < 0 ? " neg" : "", t->score);
	}
	strbuf_puts(b, "</tbody>\n</table>\n");
	if (adjustment_count(s) > 0) {
		strbuf_puts(b, "<section>\n<h2>");
		put_html(b, _("Adjustments"));
		strbuf_puts(b, "</h2>\n<ul>\n");
		for (i = 0; i < s->nteams; i++) {
			t = &s->teams[i];
			for (j = 0; j < t->nadjustments; j++) {
				strbuf_puts(b, "<li><b>");
				put_html(b, t->name);
				strbuf_puts(b, "</b> ");
				put_signed(b, t->adjustments[j].delta);
				if (str(t->adjustments[j].reason)[0] != '\0') {
					strbuf_puts(b, " ");
					put_html(b, t->adjustments[j].reason);
				}
				strbuf_puts(b, "</li>\n");
			}
		}
		strbuf_puts(b, "</ul>\n</section>\n");
	}
	strbuf_puts(b, "</body>\n</html>\n");
}

/* ---- files ------------------------------------------------------------ */

static const struct {
	const char *name;
	void (*write)(struct strbuf *, const struct standings *);
} board_files[] = {
	{"scoreboard.json", board_json},
	{"scoreboard.csv", board_csv},
	{"scoreboard.md", board_md},
	{"scoreboard.html", board_html},
};

int
board_write_all(const char *dir, const struct standings *s, char **err)
{
	struct strbuf path, data;
	size_t i, n = strlen(dir);
	char *msg;
	int failed = 0, ok;

	if (err != NULL)
		*err = NULL;
	for (i = 0; i < sizeof(board_files) / sizeof(board_files[0]); i++) {
		memset(&path, 0, sizeof(path));
		memset(&data, 0, sizeof(data));
		msg = NULL;
		strbuf_puts(&path, dir);
		if (n > 0 && dir[n - 1] != '/')
			strbuf_putc(&path, '/');
		strbuf_puts(&path, board_files[i].name);
		board_files[i].write(&data, s);
		if (path.oom || data.oom) {
			errmsg_set(&msg, _("cannot write %s: %s"),
				   path.oom ? board_files[i].name : path.data, strerror(ENOMEM));
			ok = 0;
		} else {
			ok = atomic_write(path.data, data.data, data.len, FILE_MODE, &msg) == 0;
		}
		if (!ok) {
			failed++;
			if (err != NULL && *err == NULL)
				*err = msg;
			else
				free(msg);
		}
		strbuf_free(&path);
		strbuf_free(&data);
	}
	return failed;
}
