/*
 * gift.c — Moodle GIFT in and out (see gift.h).
 *
 * Reading works on one question at a time: the lines between blank lines,
 * comments taken out, escapes decoded into a text whose every byte remembers
 * whether it was escaped (an escaped '{' is never syntax) and where it stood
 * in the file (for the line and column of an error).
 */
#include "gift.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* ---- reading -------------------------------------------------------------- */

/* The fields a "// @key value" comment gives a question. */
struct meta {
	const char *explanation, *source, *category, *group;
	int has_category, fixed_order;
	int difficulty, points, time;
	const char **tags;
	size_t ntags, tags_cap;
};

struct gift {
	const char *data;
	size_t len;
	const char *file;
	struct qdoc *doc;
	struct diag_list *diags;
	struct linemap lines;
	/* the current question, decoded */
	char *t;
	unsigned char *lit; /* 1 where t[i] came from an escape */
	size_t *pos;        /* offset of t[i] in data */
	size_t n, cap;
	struct meta meta;
	const char *category; /* from the last $CATEGORY: */
	int oom;
};

static void gift_report(struct gift *g, size_t off, enum diag_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
gift_report(struct gift *g, size_t off, enum diag_severity sev, const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;

	linemap_pos(&g->lines, off, &line, &col);
	va_start(ap, fmt);
	diag_addv(g->diags, g->file, line, col, sev, fmt, ap);
	va_end(ap);
}

static void
push(struct gift *g, char c, int lit, size_t pos)
{
	size_t cap = g->cap;

	if (g->oom)
		return;
	if (mem_grow((void **)&g->t, &cap, g->n + 1, 1) != 0 ||
	    (cap = g->cap, mem_grow((void **)&g->lit, &cap, g->n + 1, 1)) != 0 ||
	    (cap = g->cap, mem_grow((void **)&g->pos, &cap, g->n + 1, sizeof(size_t))) != 0) {
		g->oom = 1;
		return;
	}
	g->cap = cap;
	g->t[g->n] = c;
	g->lit[g->n] = (unsigned char)lit;
	g->pos[g->n] = pos;
	g->n++;
}

/* Where t[i] stood in the file; the end of the question for i past it. */
static size_t
at(const struct gift *g, size_t i)
{
	return g->n == 0 ? 0 : g->pos[i < g->n ? i : g->n - 1];
}

/* Decode the escapes of data[from..to) into the question text. */
static void
decode(struct gift *g, size_t from, size_t to)
{
	size_t i;
	char c;

	for (i = from; i < to; i++) {
		c = g->data[i];
		if (c == '\\' && i + 1 < to) {
			c = g->data[i + 1];
			if (strchr("\\:#={}~", c) != NULL) {
				push(g, c, 1, i);
				i++;
				continue;
			}
			if (c == 'n') {
				push(g, '\n', 1, i);
				i++;
				continue;
			}
			c = '\\';
		}
		push(g, c, 0, i);
	}
}

/* Decode escapes of data[from..to) into a trimmed string in the arena. */
static char *
decode_copy(struct gift *g, size_t from, size_t to)
{
	size_t save = g->n;
	char *s;

	decode(g, from, to);
	if (g->oom)
		return NULL;
	s = qdoc_trimdup(g->doc, g->t + save, g->n - save);
	g->n = save;
	if (s == NULL)
		g->oom = 1;
	return s;
}

static int
is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* A "// @key value" line: record it in the question's fields. */
static void
meta_line(struct gift *g, size_t from, size_t to)
{
	struct meta *m = &g->meta;
	size_t k, kend, v;
	char key[16];
	const char *s;
	long num;

	for (k = from; k < to && g->data[k] != '@'; k++)
		;
	k++;
	for (kend = k; kend < to && !is_blank_char(g->data[kend]); kend++)
		;
	for (v = kend; v < to && is_blank_char(g->data[v]); v++)
		;
	if (kend - k >= sizeof(key)) {
		gift_report(g, k - 1, DIAG_WARNING,
			    "unknown field in a comment: jingsai reads @source, "
			    "@difficulty, @points, @time, @tag, @category, "
			    "@explanation, @shuffle, @group");
		return;
	}
	memcpy(key, g->data + k, kend - k);
	key[kend - k] = '\0';
	if ((s = decode_copy(g, v, to)) == NULL)
		return;
	if (strcmp(key, "source") == 0) {
		m->source = *s ? s : NULL;
	} else if (strcmp(key, "explanation") == 0) {
		m->explanation = *s ? s : NULL;
	} else if (strcmp(key, "category") == 0) {
		m->category = *s ? s : NULL;
		m->has_category = 1;
	} else if (strcmp(key, "tag") == 0) {
		if (*s == '\0')
			return;
		if (mem_grow((void **)&m->tags, &m->tags_cap, m->ntags + 1, sizeof(char *)) != 0) {
			g->oom = 1;
			return;
		}
		m->tags[m->ntags++] = s;
	} else if (strcmp(key, "difficulty") == 0) {
		if ((m->difficulty = qdoc_difficulty_parse(s)) == 0)
			gift_report(g, v, DIAG_ERROR, "difficulty '%s' is not 1, 2 or 3", s);
	} else if (strcmp(key, "points") == 0) {
		if ((num = qdoc_number_parse(s, 1, 1000000)) < 0)
			gift_report(g, v, DIAG_ERROR,
				    "points '%s' is not a whole number from 1 to 1000000", s);
		m->points = num > 0 ? (int)num : 0;
	} else if (strcmp(key, "time") == 0) {
		if ((num = qdoc_number_parse(s, 1, 86400)) < 0)
			gift_report(g, v, DIAG_ERROR,
				    "time '%s' is not a whole number of seconds from 1 to 86400",
				    s);
		m->time = num > 0 ? (int)num : 0;
	} else if (strcmp(key, "shuffle") == 0) {
		if (strcmp(s, "false") == 0)
			m->fixed_order = 1;
		else if (strcmp(s, "true") == 0)
			m->fixed_order = 0;
		else
			gift_report(g, v, DIAG_ERROR, "shuffle '%s' is not true or false", s);
	} else if (strcmp(key, "group") == 0) {
		m->group = *s ? s : NULL;
	} else {
		gift_report(g, k - 1, DIAG_WARNING,
			    "unknown field '@%s' in a comment: jingsai reads @source, @difficulty, "
			    "@points, @time, @tag, @category, @explanation, @shuffle, @group",
			    key);
	}
}

/* Index of the first unescaped c in t[from..to), or to. */
static size_t
find(const struct gift *g, size_t from, size_t to, char c)
{
	for (; from < to; from++)
		if (g->t[from] == c && !g->lit[from])
			break;
	return from;
}

static size_t
skip_space(const struct gift *g, size_t i, size_t to)
{
	while (i < to && is_blank_char(g->t[i]) && !g->lit[i])
		i++;
	return i;
}

static size_t
trim_end(const struct gift *g, size_t from, size_t to)
{
	while (to > from && is_blank_char(g->t[to - 1]) && !g->lit[to - 1])
		to--;
	return to;
}

static char *
copy(struct gift *g, size_t from, size_t to)
{
	char *s = qdoc_trimdup(g->doc, g->t + from, to > from ? to - from : 0);

	if (s == NULL)
		g->oom = 1;
	return s;
}

/* One answer of a choice or short-answer block: marker, weight, text, feedback. */
struct item {
	char mark;     /* '=' or '~' */
	double weight; /* percent; '=' without a weight is 100 */
	size_t at;     /* index of the marker in t */
	char *text, *feedback;
};

/* Split t[from..to) at unescaped '~' and '=' (or only '=' when only_eq) into
 * items; 0, or -1 after reporting an error. */
static int
split_items(struct gift *g, size_t from, size_t to, int only_eq, struct item *items, size_t *nitems,
	    size_t max)
{
	size_t i = skip_space(g, from, to), end, hash, w;
	struct item *it;
	char num[32];

	*nitems = 0;
	if (i < to && !((g->t[i] == '=' || (!only_eq && g->t[i] == '~')) && !g->lit[i])) {
		if (only_eq)
			gift_report(g, at(g, i), DIAG_ERROR, "each answer starts with '='");
		else
			gift_report(g, at(g, i), DIAG_ERROR,
				    "each answer starts with '=' (right) or '~' (wrong)");
		return -1;
	}
	while (i < to) {
		for (end = i + 1; end < to; end++)
			if (!g->lit[end] && (g->t[end] == '=' || (!only_eq && g->t[end] == '~')))
				break;
		if (*nitems == max) {
			gift_report(g, at(g, i), DIAG_ERROR,
				    "more than %zu answers: a question has at most 8 options",
				    max - 1);
			return -1;
		}
		it = &items[(*nitems)++];
		it->mark = g->t[i];
		it->at = i;
		it->weight = it->mark == '=' ? 100 : 0;
		w = i + 1;
		if (w < end && g->t[w] == '%' && !g->lit[w]) {
			size_t close = find(g, w + 1, end, '%'), k;
			char *stop;

			if (close == end || close - w - 1 >= sizeof(num)) {
				gift_report(g, at(g, w), DIAG_ERROR,
					    "a weight is written %%50%%, with a closing '%%'");
				return -1;
			}
			for (k = 0; k < close - w - 1; k++)
				num[k] = g->t[w + 1 + k];
			num[k] = '\0';
			it->weight = strtod(num, &stop);
			if (*stop != '\0' || stop == num) {
				gift_report(g, at(g, w), DIAG_ERROR,
					    "weight '%%%s%%' is not a number", num);
				return -1;
			}
			w = close + 1;
		}
		hash = find(g, w, end, '#');
		it->text = copy(g, w, hash);
		it->feedback = hash < end ? copy(g, hash + 1, end) : NULL;
		if (g->oom)
			return -1;
		i = end;
	}
	return 0;
}

/* The explanation from the feedback of the right answers, when they agree. */
static const char *
right_feedback(const struct item *items, size_t n)
{
	const char *fb = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (items[i].weight <= 0 || items[i].feedback == NULL || *items[i].feedback == '\0')
			continue;
		if (fb != NULL && strcmp(fb, items[i].feedback) != 0)
			return NULL;
		fb = items[i].feedback;
	}
	return fb;
}

static const char *
strip_format(const char *s)
{
	static const char *const formats[] = {"[html]", "[moodle]", "[plain]", "[markdown]", NULL};
	size_t i, n;

	for (i = 0; formats[i] != NULL; i++) {
		n = strlen(formats[i]);
		if (strncmp(s, formats[i], n) == 0) {
			for (s += n; is_blank_char(*s); s++)
				;
			return s;
		}
	}
	return s;
}

static int
choice(struct gift *g, struct question *q, size_t a0, size_t a1, size_t brace, const char *gf)
{
	struct item items[BANK_MAX_OPTIONS + 1];
	size_t n, i;
	unsigned right = 0, nright = 0;
	int equals = 0;

	if (split_items(g, a0, a1, 0, items, &n, BANK_MAX_OPTIONS + 1) != 0)
		return 0;
	if (n < 2) {
		gift_report(g, at(g, brace), DIAG_ERROR, "a choice question needs 2 to 8 answers");
		return 0;
	}
	if ((q->options = arena_alloc(&g->doc->arena, n * sizeof(char *))) == NULL) {
		g->oom = 1;
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (*items[i].text == '\0') {
			gift_report(g, at(g, items[i].at), DIAG_ERROR, "answer %c is empty",
				    (int)('A' + i));
			return 0;
		}
		q->options[i] = items[i].text;
		if (items[i].weight > 0) {
			right |= 1u << i;
			nright++;
			equals += items[i].mark == '=';
		}
	}
	q->noptions = (unsigned)n;
	if (nright == 0) {
		gift_report(g, at(g, brace), DIAG_ERROR,
			    "no right answer: mark it with '=', or several with ~%%50%%");
		return 0;
	}
	if (equals > 1) {
		gift_report(g, at(g, brace), DIAG_ERROR,
			    "several answers marked '=': mark the right answers of a 多选 ~%%50%% "
			    "(or ~%%33.33333%% for three, …)");
		return 0;
	}
	q->type = nright == 1 ? QTYPE_SINGLE : QTYPE_MULTIPLE;
	q->answer_keys = right;
	q->explanation = gf != NULL ? gf : right_feedback(items, n);
	return 0;
}

static int
short_answer(struct gift *g, struct question *q, size_t a0, size_t a1, size_t brace, const char *gf)
{
	struct item items[64];
	size_t n, i, k = 0, blanks;

	if (split_items(g, a0, a1, 1, items, &n, 64) != 0)
		return 0;
	q->type = QTYPE_FILL;
	if ((q->blanks = arena_alloc(&g->doc->arena, sizeof(*q->blanks))) == NULL ||
	    (q->blanks[0].alts = arena_alloc(&g->doc->arena, (n ? n : 1) * sizeof(char *))) ==
		    NULL) {
		g->oom = 1;
		return -1;
	}
	q->nblanks = 1;
	for (i = 0; i < n; i++) {
		if (*items[i].text == '\0') {
			gift_report(g, at(g, items[i].at), DIAG_ERROR,
				    "an accepted answer is empty");
			return 0;
		}
		if (items[i].weight < 100) {
			gift_report(
				g, at(g, items[i].at), DIAG_WARNING,
				"'%s' is worth %g%%: jingsai has no partial credit, so it is left "
				"out",
				items[i].text, items[i].weight);
			continue;
		}
		q->blanks[0].alts[k++] = items[i].text;
	}
	q->blanks[0].nalts = k;
	if (k == 0) {
		gift_report(g, at(g, brace), DIAG_ERROR, "no answer with full credit");
		return 0;
	}
	q->explanation = gf != NULL ? gf : right_feedback(items, n);
	blanks = bank_count_blanks(q->text);
	if (blanks == 0) {
		/* The answer box after the text: jingsai marks it with a blank. */
		size_t len = strlen(q->text);
		char *t = arena_alloc(&g->doc->arena, len + 6);

		if (t == NULL) {
			g->oom = 1;
			return -1;
		}
		memcpy(t, q->text, len);
		memcpy(t + len, "_____", 6);
		q->text = t;
	} else if (blanks > 1) {
		gift_report(g, at(g, brace), DIAG_ERROR,
			    "a short answer fills one blank, but the text has %zu runs of '___'",
			    blanks);
	}
	return 0;
}

static int
true_false(struct gift *g, struct question *q, size_t a0, size_t a1, const char *gf)
{
	size_t h1 = find(g, a0, a1, '#'), h2 = h1 < a1 ? find(g, h1 + 1, a1, '#') : a1;
	char *word = copy(g, a0, h1), *wrong = NULL, *right = NULL;

	if (h1 < a1)
		wrong = copy(g, h1 + 1, h2);
	if (h2 < a1)
		right = copy(g, h2 + 1, a1);
	if (g->oom)
		return -1;
	q->type = QTYPE_JUDGE;
	q->answer_true = word[0] == 'T';
	/* {T#shown to a wrong answer#shown to a right one} */
	q->explanation = gf != NULL                        ? gf
			 : right != NULL && *right != '\0' ? right
			 : wrong != NULL && *wrong != '\0' ? wrong
							   : NULL;
	return 0;
}

static int
is_truefalse(const char *s)
{
	return strcmp(s, "T") == 0 || strcmp(s, "TRUE") == 0 || strcmp(s, "F") == 0 ||
	       strcmp(s, "FALSE") == 0;
}

/* Whether t[from..to) has an unescaped "->" (a matching question). */
static int
arrow(const struct gift *g, size_t from, size_t to)
{
	for (; from + 1 < to; from++)
		if (g->t[from] == '-' && g->t[from + 1] == '>' && !g->lit[from] &&
		    !g->lit[from + 1])
			return 1;
	return 0;
}

static const char *
category_path(struct gift *g, size_t from, size_t to)
{
	char *s = copy(g, from, to);
	const char *p = s;

	if (s == NULL)
		return NULL;
	/* Moodle writes $course$/top/Name: keep the name. */
	if (*p == '$' && strchr(p + 1, '$') != NULL && strchr(p + 1, '$')[1] == '/')
		p = strchr(p + 1, '$') + 2;
	if (strncmp(p, "top/", 4) == 0)
		p += 4;
	else if (strcmp(p, "top") == 0)
		p += 3;
	return *p != '\0' ? p : NULL;
}

/* The question in t[0..n): everything but its comments. */
static int
question(struct gift *g)
{
	size_t b = skip_space(g, 0, g->n), e = trim_end(g, 0, g->n);
	size_t name0 = 0, name1 = 0, lb, rb, a0, a1, gfs, i;
	const char *gf = NULL, *text;
	struct question *q;
	struct strbuf tb = {0};
	unsigned line, col;
	char *s;

	if (b >= e)
		return 0;
	if (e - b >= 10 && memcmp(g->t + b, "$CATEGORY:", 10) == 0) {
		g->category = category_path(g, b + 10, e);
		return g->oom ? -1 : 0;
	}
	if (e - b >= 2 && g->t[b] == ':' && g->t[b + 1] == ':' && !g->lit[b] && !g->lit[b + 1]) {
		name0 = b + 2;
		for (name1 = name0; name1 + 1 < e; name1++)
			if (g->t[name1] == ':' && g->t[name1 + 1] == ':' && !g->lit[name1] &&
			    !g->lit[name1 + 1])
				break;
		if (name1 + 1 >= e) {
			gift_report(
				g, at(g, b), DIAG_ERROR,
				"the title is not closed: write ::title:: (or \\: for a colon)");
			return 0;
		}
		b = skip_space(g, name1 + 2, e);
	}
	lb = find(g, b, e, '{');
	rb = find(g, lb, e, '}');
	if (lb == e) {
		i = find(g, b, e, '}');
		if (i < e)
			gift_report(g, at(g, i), DIAG_ERROR,
				    "a '}' without its '{' (write \\} for a brace in the text)");
		else
			gift_report(
				g, at(g, b), DIAG_ERROR,
				"no answer block {…}: text without a question is not imported (or "
				"is a blank line missing before this question?)");
		return 0;
	}
	if (rb == e) {
		gift_report(g, at(g, lb), DIAG_ERROR,
			    "the answer block is not closed with '}' (write \\{ for a brace in the "
			    "text)");
		return 0;
	}
	if ((i = find(g, rb + 1, e, '{')) < e) {
		gift_report(g, at(g, i), DIAG_ERROR,
			    "a second answer block: separate questions with a blank line");
		return 0;
	}

	linemap_pos(&g->lines, at(g, name0 ? name0 - 2 : b), &line, &col);
	if ((q = qdoc_add(g->doc, line, col)) == NULL) {
		g->oom = 1;
		return -1;
	}
	if (name0) {
		s = copy(g, name0, name1);
		if (s == NULL)
			return -1;
		for (i = 0; s[i] != '\0'; i++)
			if (s[i] >= 'A' && s[i] <= 'Z')
				s[i] = (char)(s[i] - 'A' + 'a');
		if (qdoc_valid_id(s))
			q->id = s;
	}

	/* The text, with a blank where the answer block stood mid-sentence. */
	strbuf_add(&tb, g->t + b, lb - b);
	if (skip_space(g, rb + 1, e) < e) {
		strbuf_puts(&tb, "_____");
		strbuf_add(&tb, g->t + rb + 1, e - rb - 1);
	}
	if (tb.oom) {
		strbuf_free(&tb);
		g->oom = 1;
		return -1;
	}
	text = strip_format(tb.data != NULL ? tb.data : "");
	q->text = qdoc_trimdup(g->doc, text, strlen(text));
	strbuf_free(&tb);
	if (q->text == NULL) {
		g->oom = 1;
		return -1;
	}
	if (*q->text == '\0')
		gift_report(g, at(g, lb), DIAG_ERROR, "the question text is empty");

	/* General feedback: after the last "####". */
	a0 = skip_space(g, lb + 1, rb);
	a1 = trim_end(g, a0, rb);
	for (gfs = a1; gfs >= a0 + 4; gfs--)
		if (memcmp(g->t + gfs - 4, "####", 4) == 0 && !g->lit[gfs - 4] &&
		    !g->lit[gfs - 3] && !g->lit[gfs - 2] && !g->lit[gfs - 1])
			break;
	if (gfs >= a0 + 4) {
		gf = copy(g, gfs, a1);
		if (gf == NULL)
			return -1;
		gf = *strip_format(gf) != '\0' ? strip_format(gf) : NULL;
		a1 = trim_end(g, a0, gfs - 4);
	}

	if (a0 == a1) {
		q->type = QTYPE_OPEN;
		q->reference = gf;
		if (gf == NULL)
			gift_report(
				g, at(g, lb), DIAG_ERROR,
				"an essay question needs its reference answer as general feedback: "
				"{####…}");
	} else if (g->t[a0] == '#' && !g->lit[a0]) {
		gift_report(g, at(g, lb), DIAG_ERROR, "numerical questions {#…} are not supported");
	} else if (find(g, a0, a1, '~') < a1) {
		if (choice(g, q, a0, a1, lb, gf) != 0)
			return -1;
	} else if (find(g, a0, a1, '=') < a1 && arrow(g, a0, a1)) {
		gift_report(g, at(g, lb), DIAG_ERROR,
			    "matching questions {=a -> b} are not supported");
	} else {
		size_t h = find(g, a0, a1, '#');
		char *word = copy(g, a0, h);

		if (word == NULL)
			return -1;
		if (is_truefalse(word)) {
			if (true_false(g, q, a0, a1, gf) != 0)
				return -1;
		} else if (short_answer(g, q, a0, a1, lb, gf) != 0) {
			return -1;
		}
	}

	/* The fields from "// @" comments. */
	if (q->type == QTYPE_OPEN || g->meta.explanation != NULL)
		q->explanation = g->meta.explanation != NULL ? g->meta.explanation : q->explanation;
	q->source = g->meta.source;
	q->difficulty = g->meta.difficulty;
	q->points = g->meta.points;
	q->time = g->meta.time;
	q->fixed_order = g->meta.fixed_order != 0;
	q->group = g->meta.group;
	q->category = g->meta.has_category ? g->meta.category : g->category;
	if (g->meta.ntags > 0) {
		q->tags = arena_alloc(&g->doc->arena, g->meta.ntags * sizeof(char *));
		if (q->tags == NULL) {
			g->oom = 1;
			return -1;
		}
		memcpy(q->tags, g->meta.tags, g->meta.ntags * sizeof(char *));
		q->ntags = g->meta.ntags;
	}
	return 0;
}

/* End of the line that starts at i, and the start of the next. */
static size_t
line_end(const struct gift *g, size_t i, size_t *next)
{
	while (i < g->len && g->data[i] != '\n' && g->data[i] != '\r')
		i++;
	*next = i;
	if (*next < g->len && g->data[*next] == '\r')
		(*next)++;
	if (*next < g->len && g->data[*next] == '\n')
		(*next)++;
	return i;
}

int
gift_import(const char *data, size_t len, const char *file, struct qdoc *doc,
	    struct diag_list *diags)
{
	struct gift g;
	size_t i = 0, end, next, k;
	int blank, in_question = 0, status = 0;

	memset(&g, 0, sizeof(g));
	g.data = data;
	g.len = len;
	g.file = file;
	g.doc = doc;
	g.diags = diags;
	if (linemap_init(&g.lines, data, len) != 0)
		return -1;
	while (!g.oom) {
		next = i;
		end = i < len ? line_end(&g, i, &next) : i;
		for (k = i; k < end && is_blank_char(data[k]); k++)
			;
		blank = k == end;
		if (blank || i >= len) {
			if (in_question && question(&g) != 0)
				break;
			g.n = 0;
			mem_free(g.meta.tags);
			memset(&g.meta, 0, sizeof(g.meta));
			in_question = 0;
			if (i >= len)
				break;
		} else if (end - k >= 2 && data[k] == '/' && data[k + 1] == '/') {
			for (k += 2; k < end && is_blank_char(data[k]); k++)
				;
			if (k < end && data[k] == '@')
				meta_line(&g, k, end);
			in_question = 1;
		} else {
			if (g.n > 0)
				push(&g, '\n', 0, i > 0 ? i - 1 : 0);
			decode(&g, i, end);
			in_question = 1;
		}
		i = next;
	}
	if (g.oom)
		status = -1;
	mem_free(g.meta.tags);
	mem_free(g.t);
	mem_free(g.lit);
	mem_free(g.pos);
	linemap_free(&g.lines);
	return status;
}

/* ---- writing ----------------------------------------------------------------- */

static void
escape(struct strbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			strbuf_puts(b, "\\n");
			continue;
		}
		if (*s == '\r')
			continue;
		if (strchr("\\~=#{}:", *s) != NULL)
			strbuf_putc(b, '\\');
		strbuf_putc(b, *s);
	}
}

static void
meta_out(struct strbuf *b, const char *key, const char *value)
{
	strbuf_printf(b, "// @%s", key);
	if (value != NULL && *value != '\0') {
		strbuf_putc(b, ' ');
		escape(b, value);
	}
	strbuf_putc(b, '\n');
}

/* 100/n as Moodle's weights want it: 50, 33.33333, 12.5. */
static void
weight(struct strbuf *b, unsigned n)
{
	char w[32];
	size_t len;

	snprintf(w, sizeof(w), "%.5f", 100.0 / n);
	len = strlen(w);
	while (len > 0 && w[len - 1] == '0')
		len--;
	if (len > 0 && w[len - 1] == '.')
		len--;
	w[len] = '\0';
	strbuf_puts(b, w);
}

static void
feedback(struct strbuf *b, const char *explanation, const char *indent)
{
	if (explanation == NULL)
		return;
	strbuf_puts(b, indent);
	strbuf_puts(b, "####");
	escape(b, explanation);
	if (*indent != '\0')
		strbuf_putc(b, '\n');
}

long
gift_export(struct strbuf *out, struct question *const *q, size_t n, struct diag_list *diags)
{
	const struct bank *bank = NULL;
	const char *category = NULL;
	unsigned nright, i;
	size_t k, j;
	long written = 0;

	for (k = 0; k < n; k++) {
		const struct question *x = q[k];

		if (x->type == QTYPE_FILL && x->nblanks != 1) {
			diag_add(diags, x->bank != NULL ? x->bank->path : "-", x->line, x->col,
				 DIAG_WARNING,
				 "question '%s' is left out: GIFT has no 填空 with %zu blanks",
				 x->id, x->nblanks);
			continue;
		}
		if (x->bank != bank || k == 0) {
			bank = x->bank;
			strbuf_puts(out, written ? "\n// " : "// ");
			escape(out, bank != NULL ? bank->title : "");
			strbuf_puts(out, "\n\n");
		}
		if (x->category != NULL &&
		    (category == NULL || strcmp(category, x->category) != 0)) {
			category = x->category;
			strbuf_puts(out, "$CATEGORY: ");
			escape(out, category);
			strbuf_puts(out, "\n\n");
		}
		if (x->category == NULL && category != NULL)
			meta_out(out, "category", NULL);
		if (x->type == QTYPE_OPEN && x->explanation != NULL)
			meta_out(out, "explanation", x->explanation);
		if (x->source != NULL)
			meta_out(out, "source", x->source);
		if (x->difficulty > 0)
			strbuf_printf(out, "// @difficulty %d\n", x->difficulty);
		if (x->points > 0)
			strbuf_printf(out, "// @points %d\n", x->points);
		if (x->time > 0)
			strbuf_printf(out, "// @time %d\n", x->time);
		for (j = 0; j < x->ntags; j++)
			meta_out(out, "tag", x->tags[j]);
		/* Moodle shuffles by its own setting; this keeps the bank's. */
		if (x->fixed_order && (x->type == QTYPE_SINGLE || x->type == QTYPE_MULTIPLE))
			strbuf_puts(out, "// @shuffle false\n");
		if (x->group != NULL)
			meta_out(out, "group", x->group);
		strbuf_puts(out, "::");
		escape(out, x->id);
		strbuf_puts(out, "::");
		escape(out, x->text);
		switch (x->type) {
		case QTYPE_SINGLE:
		case QTYPE_MULTIPLE:
			for (nright = 0, i = 0; i < x->noptions; i++)
				nright += (x->answer_keys >> i) & 1;
			strbuf_puts(out, "{\n");
			for (i = 0; i < x->noptions; i++) {
				int right = (x->answer_keys >> i) & 1;

				if (x->type == QTYPE_SINGLE) {
					strbuf_puts(out, right ? "\t=" : "\t~");
				} else if (right) {
					strbuf_puts(out, "\t~%");
					weight(out, nright);
					strbuf_putc(out, '%');
				} else {
					strbuf_puts(out, "\t~%-100%");
				}
				escape(out, x->options[i]);
				strbuf_putc(out, '\n');
			}
			feedback(out, x->explanation, "\t");
			strbuf_puts(out, "}\n\n");
			break;
		case QTYPE_JUDGE:
			strbuf_puts(out, x->answer_true ? "{TRUE" : "{FALSE");
			feedback(out, x->explanation, "");
			strbuf_puts(out, "}\n\n");
			break;
		case QTYPE_FILL:
			strbuf_puts(out, "{\n");
			for (j = 0; j < x->blanks[0].nalts; j++) {
				strbuf_puts(out, "\t=");
				escape(out, x->blanks[0].alts[j]);
				strbuf_putc(out, '\n');
			}
			feedback(out, x->explanation, "\t");
			strbuf_puts(out, "}\n\n");
			break;
		default:
			strbuf_puts(out, "{");
			feedback(out, x->reference != NULL ? x->reference : "", "");
			strbuf_puts(out, "}\n\n");
			break;
		}
		written++;
	}
	return out->oom ? -1 : written;
}
