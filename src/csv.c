/*
 * csv.c — spreadsheets to questions and back (see csv.h).
 */
#include "csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "mem.h"

/* ---- reading records ------------------------------------------------------ */

void
csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
}

void
csv_reader_free(struct csv_reader *r)
{
	strbuf_free(&r->text);
	mem_free(r->cells);
	memset(r, 0, sizeof(*r));
}

static void
problem(struct csv_reader *r, size_t off, const char *what)
{
	if (r->err == NULL) {
		r->err = what;
		r->err_off = off;
	}
}

/* A line break at pos: its length (1 or 2), or 0. */
static size_t
line_break(const struct csv_reader *r, size_t pos)
{
	if (pos >= r->len)
		return 0;
	if (r->data[pos] == '\n')
		return 1;
	if (r->data[pos] == '\r')
		return pos + 1 < r->len && r->data[pos + 1] == '\n' ? 2 : 1;
	return 0;
}

int
csv_next(struct csv_reader *r)
{
	const char *d = r->data;
	size_t start, i, nl, text_start;
	int quoted, more = 1;

	if (r->pos >= r->len)
		return 0;
	r->text.len = 0;
	r->ncells = 0;
	r->err = NULL;
	r->unclosed = 0;
	r->record_off = r->pos;
	while (more) {
		start = r->pos;
		text_start = r->text.len;
		quoted = r->pos < r->len && d[r->pos] == '"';
		if (quoted) {
			r->pos++;
			for (;;) {
				if (r->pos >= r->len) {
					problem(r, start,
						N_("a quoted cell is not closed: a '\"' is "
						   "missing"));
					r->unclosed = 1;
					break;
				}
				if (d[r->pos] == '"') {
					if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
						strbuf_putc(&r->text, '"');
						r->pos += 2;
						continue;
					}
					r->pos++;
					break;
				}
				if ((nl = line_break(r, r->pos)) > 0) {
					strbuf_putc(&r->text, '\n');
					r->pos += nl;
					continue;
				}
				for (i = r->pos;
				     i < r->len && d[i] != '"' && d[i] != '\r' && d[i] != '\n'; i++)
					;
				strbuf_add(&r->text, d + r->pos, i - r->pos);
				r->pos = i;
			}
			/* After the closing quote only a comma or the end of the line. */
			if (r->pos < r->len && d[r->pos] != ',' && line_break(r, r->pos) == 0)
				problem(r, r->pos,
					N_("text after the closing quote of a cell: a '\"' inside "
					   "a "
					   "quoted cell is written '\"\"'"));
		}
		for (i = r->pos; i < r->len && d[i] != ',' && d[i] != '\r' && d[i] != '\n'; i++)
			;
		strbuf_add(&r->text, d + r->pos, i - r->pos);
		r->pos = i;
		strbuf_putc(&r->text, '\0');
		if (mem_grow((void **)&r->cells, &r->cap, r->ncells + 1, sizeof(*r->cells)) != 0 ||
		    r->text.oom)
			return -1;
		r->cells[r->ncells].off = start;
		r->cells[r->ncells].len = r->text.len - 1 - text_start;
		r->cells[r->ncells].at = text_start;
		r->ncells++;
		if (r->pos < r->len && d[r->pos] == ',') {
			r->pos++;
			continue;
		}
		r->pos += line_break(r, r->pos);
		more = 0;
	}
	for (i = 0; i < r->ncells; i++)
		r->cells[i].s = r->text.data + r->cells[i].at;
	return 1;
}

/* ---- writing cells ---------------------------------------------------------- */

static int
guard_char(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Whether s needs the formula guard: it starts with a formula character, or
 * with apostrophes and then one.  Writing adds one apostrophe to such a cell
 * and reading takes one away, so text that itself starts with "'=" comes
 * back as it was. */
static int
needs_guard(const char *s)
{
	while (*s == '\'')
		s++;
	return guard_char(*s);
}

void
csv_put_cell(struct strbuf *b, const char *s, int guard)
{
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
		    (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));

	if (quote)
		strbuf_putc(b, '"');
	if (guard && needs_guard(s))
		strbuf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_putc(b, '"');
		strbuf_putc(b, *s);
	}
	if (quote)
		strbuf_putc(b, '"');
}

/* ---- the header ------------------------------------------------------------ */

enum column {
	COL_ID,
	COL_TYPE,
	COL_QUESTION,
	COL_OPTION, /* COL_OPTION + 0 .. 7: 选项A .. 选项H */
	COL_ANSWER = COL_OPTION + BANK_MAX_OPTIONS,
	COL_EXPLANATION,
	COL_SOURCE,
	COL_DIFFICULTY,
	COL_CATEGORY,
	COL_TAGS,
	COL_POINTS,
	COL_TIME,
	COL_SHUFFLE,
	COL_GROUP,
	COL_COUNT,
	COL_NONE = -1,   /* a column without a name: ignored */
	COL_UNKNOWN = -2 /* a name we do not know */
};

static const char *const column_names[COL_COUNT] = {
	"编号",  "题型",  "题目",  "选项A", "选项B", "选项C", "选项D",
	"选项E", "选项F", "选项G", "选项H", "答案",  "解析",  "出处",
	"难度",  "分类",  "标签",  "分值",  "限时",  "乱序",  "分组",
};

static const char *const column_english[COL_COUNT] = {
	"id",         "type",     "question", "A",      "B",      "C",           "D",
	"E",          "F",        "G",        "H",      "answer", "explanation", "source",
	"difficulty", "category", "tags",     "points", "time",   "shuffle",     "group",
};

static int
ascii_ieq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

static int
column_of(const char *name)
{
	int i;

	if (*name == '\0')
		return COL_NONE;
	for (i = 0; i < COL_COUNT; i++)
		if (strcmp(name, column_names[i]) == 0 || ascii_ieq(name, column_english[i]))
			return i;
	/* "选项 A", "选项a" and "option A" are common enough to take too. */
	if (strncmp(name, "选项", strlen("选项")) == 0)
		name += strlen("选项");
	else if (strncmp(name, "option", 6) == 0 || strncmp(name, "Option", 6) == 0)
		name += 6;
	else
		return COL_UNKNOWN;
	while (*name == ' ')
		name++;
	if (name[0] >= 'A' && name[0] <= 'H' && name[1] == '\0')
		return COL_OPTION + (name[0] - 'A');
	if (name[0] >= 'a' && name[0] <= 'h' && name[1] == '\0')
		return COL_OPTION + (name[0] - 'a');
	return COL_UNKNOWN;
}

/* ---- rows to questions ---------------------------------------------------- */

struct sheet {
	struct csv_reader rd;
	struct linemap lines;
	const char *file;
	struct qdoc *doc;
	struct diag_list *diags;
	int col_of[256]; /* the header's columns, by position; the rest COL_NONE */
	size_t ncols;
	int where[COL_COUNT]; /* the position of each column, or -1 */
	int bad;              /* the current row had an error */
};

static void cell_report(struct sheet *sh, size_t off, enum diag_severity sev, const char *fmt,
			va_list ap) __attribute__((format(printf, 4, 0)));
static void cell_error(struct sheet *sh, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cell_warning(struct sheet *sh, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
cell_report(struct sheet *sh, size_t off, enum diag_severity sev, const char *fmt, va_list ap)
{
	unsigned line, col;

	linemap_pos(&sh->lines, off, &line, &col);
	diag_addv(sh->diags, sh->file, line, col, sev, fmt, ap);
}

static void
cell_error(struct sheet *sh, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cell_report(sh, off, DIAG_ERROR, fmt, ap);
	va_end(ap);
	sh->bad = 1;
}

static void
cell_warning(struct sheet *sh, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cell_report(sh, off, DIAG_WARNING, fmt, ap);
	va_end(ap);
}

/* Read the header row; 0 when it can be used. */
static int
read_header(struct sheet *sh)
{
	static const int required[] = {COL_TYPE, COL_QUESTION, COL_ANSWER};
	const struct csv_cell *c;
	const char *p;
	char name[64];
	size_t i, n;
	int k, known = 0;

	size_t first = sh->diags->count;

	for (i = 0; i < COL_COUNT; i++)
		sh->where[i] = -1;
	sh->ncols = sh->rd.ncells;
	if (sh->ncols > sizeof(sh->col_of) / sizeof(sh->col_of[0])) {
		cell_error(sh, sh->rd.record_off, "the header row has more than 256 columns");
		return -1;
	}
	for (i = 0; i < sh->ncols; i++) {
		c = &sh->rd.cells[i];
		p = c->s;
		n = c->len;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		for (; n > 0 && (*p == ' ' || *p == '\t'); n--)
			p++;
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, p, n);
		name[n] = '\0';
		k = column_of(name);
		sh->col_of[i] = k < 0 ? COL_NONE : k;
		if (k == COL_UNKNOWN) {
			cell_error(
				sh, c->off,
				"unknown column '%s' in the header row; the columns are 编号 题型 "
				"题目 选项A…选项H 答案 解析 出处 难度 分类 标签 分值 限时 乱序 "
				"分组",
				name);
			continue;
		}
		if (k == COL_NONE)
			continue;
		known++;
		if (sh->where[k] >= 0) {
			cell_error(sh, c->off, "column '%s' appears twice in the header row",
				   column_names[k]);
			continue;
		}
		sh->where[k] = (int)i;
	}
	if (known == 0) {
		/* Not a header at all: one message says so, not one per cell. */
		diag_truncate(sh->diags, first);
		cell_error(
			sh, sh->rd.record_off,
			"the first row must be the header row: 题型,题目,选项A,选项B,…,答案,解析,"
			"出处,难度,标签");
		return -1;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (sh->where[required[i]] < 0)
			cell_error(sh, sh->rd.record_off, "the header row has no column '%s'",
				   column_names[required[i]]);
	return sh->bad ? -1 : 0;
}

/* The cell of column k in the current row, trimmed and without a formula
 * guard; NULL when the row has no such cell (or the column is absent) or the
 * cell is empty. */
static const char *
get(struct sheet *sh, int k, size_t *off)
{
	struct csv_cell *c;
	char *s;
	size_t n;

	if (sh->where[k] < 0 || (size_t)sh->where[k] >= sh->rd.ncells)
		return NULL;
	c = &sh->rd.cells[sh->where[k]];
	*off = c->off;
	s = (char *)c->s;
	n = c->len;
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++, n--;
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	s[n] = '\0'; /* the reader's buffer, ours until the next record */
	if (s[0] == '\'' && needs_guard(s + 1))
		s++;
	return *s != '\0' ? s : NULL;
}

static char *
keep(struct sheet *sh, const char *s)
{
	return s != NULL ? qdoc_trimdup(sh->doc, s, strlen(s)) : NULL;
}

static int
one_key(long keys)
{
	return keys > 0 && (keys & (keys - 1)) == 0;
}

static char
key_letter(long keys)
{
	int i;

	for (i = 0; i < 26; i++)
		if (keys & (1L << i))
			return (char)('A' + i);
	return '?';
}

/* The options of a row: texts in o[], their count (the last non-empty one);
 * an error for a gap or a repeat. */
static unsigned
read_options(struct sheet *sh, const char **o, size_t *offs)
{
	unsigned n = 0, i, j;
	char a[8], b[8];

	for (i = 0; i < BANK_MAX_OPTIONS; i++) {
		offs[i] = sh->rd.record_off;
		o[i] = get(sh, COL_OPTION + (int)i, &offs[i]);
		if (o[i] != NULL)
			n = i + 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(a, sizeof(a), "%c", 'A' + i);
		if (o[i] == NULL) {
			snprintf(b, sizeof(b), "%c", 'A' + n - 1);
			cell_error(sh, offs[i],
				   "option %s is empty but option %s is not: options go A, B, C, … "
				   "without gaps",
				   a, b);
			continue;
		}
		for (j = 0; j < i; j++)
			if (o[j] != NULL && strcmp(o[i], o[j]) == 0) {
				snprintf(b, sizeof(b), "%c", 'A' + j);
				cell_error(sh, offs[i], "option %s is the same as option %s", a, b);
				break;
			}
	}
	return n;
}

static int
fill_answer(struct sheet *sh, struct question *q, const char *ans, size_t off)
{
	size_t nb = 1, i, k, na, len;
	const char *p, *start, *bstart;
	char *alt;
	char num[32];

	/* Blanks split at ； or ;, accepted answers at | or ｜. */
	for (p = ans; *p != '\0'; p++)
		if (*p == ';' || strncmp(p, "；", strlen("；")) == 0)
			nb++;
	if ((q->blanks = arena_alloc(&sh->doc->arena, nb * sizeof(*q->blanks))) == NULL)
		return -1;
	q->nblanks = nb;
	for (k = 0, bstart = ans; k < nb; k++) {
		const char *bend = bstart;

		while (*bend != '\0' && *bend != ';' && strncmp(bend, "；", strlen("；")) != 0)
			bend++;
		for (na = 1, p = bstart; p < bend; p++)
			if (*p == '|' || strncmp(p, "｜", strlen("｜")) == 0)
				na++;
		q->blanks[k].alts = arena_alloc(&sh->doc->arena, na * sizeof(char *));
		if (q->blanks[k].alts == NULL)
			return -1;
		q->blanks[k].nalts = 0;
		for (start = p = bstart;; p++) {
			len = p == bend                             ? 1
			      : *p == '|'                           ? 1
			      : strncmp(p, "｜", strlen("｜")) == 0 ? strlen("｜")
								    : 0;
			if (len == 0)
				continue;
			if ((alt = qdoc_trimdup(sh->doc, start, (size_t)(p - start))) == NULL)
				return -1;
			if (*alt == '\0') {
				snprintf(num, sizeof(num), "%zu", k + 1);
				cell_error(sh, off,
					   "blank %s has an empty accepted answer (blanks are "
					   "separated "
					   "by ；, accepted answers by |)",
					   num);
			} else {
				q->blanks[k].alts[q->blanks[k].nalts++] = alt;
			}
			if (p == bend)
				break;
			p += len - 1;
			start = p + 1;
		}
		bstart = *bend == '\0' ? bend : bend + (*bend == ';' ? 1 : strlen("；"));
	}
	i = q->text != NULL ? bank_count_blanks(q->text) : 0;
	if (q->text != NULL && i == 0) {
		size_t qoff = sh->rd.record_off;

		get(sh, COL_QUESTION, &qoff);
		cell_error(sh, qoff, "a 填空 question marks each blank with three or more '_'");
	} else if (q->text != NULL && i == 1 && i != nb) {
		cell_error(
			sh, off,
			"the question has 1 blank but the answer has %zu (separate blanks with ；)",
			nb);
	} else if (q->text != NULL && i != nb) {
		cell_error(
			sh, off,
			"the question has %zu blanks but the answer has %zu (separate blanks with "
			"；)",
			i, nb);
	}
	return 0;
}

static int
read_answer(struct sheet *sh, struct question *q, const char **o, unsigned nopt)
{
	size_t off = sh->rd.record_off;
	const char *ans = get(sh, COL_ANSWER, &off);
	char last[8];
	long keys;
	int j;

	if (ans == NULL) {
		cell_error(sh, off, "the answer is empty");
		return 0;
	}
	snprintf(last, sizeof(last), "%c", 'A' + (nopt ? nopt : 1) - 1);
	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTIPLE:
		keys = qdoc_keys_parse(ans);
		if (keys < 0) {
			if (keys == -2)
				cell_error(sh, off, "answer '%s' names an option twice", ans);
			else
				cell_error(sh, off,
					   "answer '%s' is not option letters (such as B, or ACD "
					   "for a "
					   "多选)",
					   ans);
		} else if (keys >> nopt) {
			char k[2] = {key_letter(keys >> nopt << nopt), 0};

			cell_error(sh, off, "answer names option '%s', but the options are A to %s",
				   k, last);
		} else if (q->type == QTYPE_SINGLE && !one_key(keys)) {
			cell_error(sh, off,
				   "a 单选 question has one answer, not '%s' (is it a 多选?)", ans);
		} else if (q->type == QTYPE_MULTIPLE && (keys == 0 || one_key(keys))) {
			cell_error(sh, off,
				   "a 多选 question has two or more answers, not '%s' (is it a "
				   "单选?)",
				   ans);
		}
		q->answer_keys = keys > 0 ? (unsigned)keys : 0;
		break;
	case QTYPE_JUDGE:
		j = qdoc_judge_parse(ans);
		if (j < 0 && nopt > 0 && (keys = qdoc_keys_parse(ans)) > 0 && one_key(keys) &&
		    !(keys >> nopt)) {
			/* 选项A 正确, 选项B 错误, 答案 A: a common sheet layout. */
			const char *text = o[key_letter(keys) - 'A'];

			j = text != NULL ? qdoc_judge_parse(text) : -1;
		}
		if (j < 0)
			cell_error(
				sh, off,
				"a 判断 answer is 对 or 错 (also 正确/错误, √/×, true/false), not "
				"'%s'",
				ans);
		q->answer_true = j == 1;
		break;
	case QTYPE_FILL:
		return fill_answer(sh, q, ans, off);
	default:
		if ((q->reference = keep(sh, ans)) == NULL)
			return -1;
		break;
	}
	return 0;
}

static int
read_row(struct sheet *sh)
{
	const char *o[BANK_MAX_OPTIONS], *s;
	size_t offs[BANK_MAX_OPTIONS], off, i;
	struct question *q;
	unsigned line, col, nopt;
	int t;
	long v;

	linemap_pos(&sh->lines, sh->rd.record_off, &line, &col);
	if ((q = qdoc_add(sh->doc, line, col)) == NULL)
		return -1;
	sh->bad = 0;
	/* A cell past the header's columns, or under a column without a name,
	 * would be lost without a word. */
	for (i = 0; i < sh->rd.ncells; i++) {
		const char *c = sh->rd.cells[i].s;

		while (*c == ' ' || *c == '\t')
			c++;
		if (*c == '\0')
			continue;
		if (i >= sh->ncols)
			cell_error(sh, sh->rd.cells[i].off,
				   "this row has more cells than the header row has columns");
		else if (sh->col_of[i] == COL_NONE)
			cell_warning(sh, sh->rd.cells[i].off,
				     "a cell under a column without a name is ignored");
		if (i >= sh->ncols)
			break;
	}

	off = sh->rd.record_off;
	s = get(sh, COL_TYPE, &off);
	t = s != NULL ? qdoc_type_parse(s) : -1;
	if (t < 0) {
		if (s == NULL)
			cell_error(sh, off, "the type (题型) is empty");
		else
			cell_error(sh, off, "unknown type '%s': use 单选, 多选, 判断, 填空 or 简答",
				   s);
	}
	q->type = t < 0 ? QTYPE_OPEN : (enum question_type)t;

	off = sh->rd.record_off;
	if ((s = get(sh, COL_ID, &off)) != NULL) {
		if (!qdoc_valid_id(s))
			cell_error(
				sh, off,
				"id '%s' is not valid: use lower-case letters, digits and . _ -, "
				"starting with a letter or digit, such as xianfa-012",
				s);
		else if ((q->id = keep(sh, s)) == NULL)
			return -1;
	}

	off = sh->rd.record_off;
	if ((s = get(sh, COL_QUESTION, &off)) == NULL)
		cell_error(sh, off, "the question (题目) is empty");
	else if ((q->text = keep(sh, s)) == NULL)
		return -1;

	nopt = t < 0 ? 0 : read_options(sh, o, offs);
	if (t < 0) {
		/* Options and answer depend on the type: nothing to check them by. */
	} else if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE) {
		if (nopt < 2) {
			cell_error(sh, nopt ? offs[0] : sh->rd.record_off,
				   "a %s question needs 2 to 8 options (选项A, 选项B, …)",
				   qdoc_type_label(q->type));
		} else {
			q->options = arena_alloc(&sh->doc->arena, nopt * sizeof(char *));
			if (q->options == NULL)
				return -1;
			for (i = 0; i < nopt; i++)
				if ((q->options[i] = keep(sh, o[i] ? o[i] : "")) == NULL)
					return -1;
			q->noptions = nopt;
		}
	} else if (nopt > 0 && q->type != QTYPE_JUDGE) {
		cell_error(sh, offs[0], "a %s question has no options", qdoc_type_label(q->type));
	}
	/* Without a type or options there is nothing to check the answer against. */
	if (t >= 0 && !((t == QTYPE_SINGLE || t == QTYPE_MULTIPLE) && nopt < 2) &&
	    read_answer(sh, q, o, q->type == QTYPE_JUDGE ? nopt : q->noptions) != 0)
		return -1;

	off = sh->rd.record_off;
	if ((s = get(sh, COL_EXPLANATION, &off)) != NULL && (q->explanation = keep(sh, s)) == NULL)
		return -1;
	if ((s = get(sh, COL_SOURCE, &off)) != NULL && (q->source = keep(sh, s)) == NULL)
		return -1;
	if ((s = get(sh, COL_CATEGORY, &off)) != NULL && (q->category = keep(sh, s)) == NULL)
		return -1;
	if ((s = get(sh, COL_TAGS, &off)) != NULL && qdoc_set_tags(sh->doc, q, s) != 0)
		return -1;
	if ((s = get(sh, COL_DIFFICULTY, &off)) != NULL &&
	    (q->difficulty = qdoc_difficulty_parse(s)) == 0)
		cell_error(sh, off, "difficulty '%s' is not 1, 2 or 3 (易, 中, 难)", s);
	if ((s = get(sh, COL_POINTS, &off)) != NULL) {
		if ((v = qdoc_number_parse(s, 1, 1000000)) < 0)
			cell_error(sh, off, "points '%s' is not a whole number from 1 to 1000000",
				   s);
		q->points = v > 0 ? (int)v : 0;
	}
	if ((s = get(sh, COL_TIME, &off)) != NULL) {
		if ((v = qdoc_number_parse(s, 1, 86400)) < 0)
			cell_error(sh, off,
				   "time '%s' is not a whole number of seconds from 1 to 86400", s);
		q->time = v > 0 ? (int)v : 0;
	}
	if ((s = get(sh, COL_SHUFFLE, &off)) != NULL) {
		if (strcmp(s, "是") == 0 || strcmp(s, "否") == 0)
			q->fixed_order = strcmp(s, "否") == 0;
		else if ((v = qdoc_judge_parse(s)) >= 0)
			q->fixed_order = v == 0;
		else
			cell_error(sh, off, "shuffle (乱序) '%s' is not 是 or 否", s);
	}
	if ((s = get(sh, COL_GROUP, &off)) != NULL && (q->group = keep(sh, s)) == NULL)
		return -1;
	return 0;
}

static int
blank_record(const struct csv_reader *r)
{
	size_t i;
	const char *s;

	for (i = 0; i < r->ncells; i++)
		for (s = r->cells[i].s; *s != '\0'; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n')
				return 0;
	return 1;
}

int
csv_import(const char *data, size_t len, const char *file, struct qdoc *doc,
	   struct diag_list *diags)
{
	struct sheet sh;
	int r, header = 0, status = 0;

	memset(&sh, 0, sizeof(sh));
	sh.file = file;
	sh.doc = doc;
	sh.diags = diags;
	csv_reader_init(&sh.rd, data, len);
	if (linemap_init(&sh.lines, data, len) != 0)
		return -1;
	while ((r = csv_next(&sh.rd)) == 1) {
		if (sh.rd.err != NULL)
			cell_error(&sh, sh.rd.err_off, "%s", _(sh.rd.err));
		if (blank_record(&sh.rd))
			continue;
		if (!header) {
			header = 1;
			if (read_header(&sh) != 0)
				break;
			continue;
		}
		if (sh.rd.unclosed)
			break; /* the row is the rest of the file: nothing to check in it */
		if (read_row(&sh) != 0) {
			status = -1;
			break;
		}
	}
	if (r < 0)
		status = -1;
	if (!header && status == 0)
		diag_add(diags, file, 0, 0, DIAG_ERROR,
			 "no header row: the first row names the columns 题型,题目,选项A,…,答案");
	csv_reader_free(&sh.rd);
	linemap_free(&sh.lines);
	return status;
}

/* ---- questions to rows ------------------------------------------------------ */

/* Whether s holds a character that the sheet uses to separate parts of a cell. */
static int
has_separator(const char *s, const char *const *seps)
{
	size_t i;

	for (i = 0; seps[i] != NULL; i++)
		if (strstr(s, seps[i]) != NULL)
			return 1;
	return 0;
}

static const char *
cannot_write(const struct question *q)
{
	static const char *const fill_seps[] = {";", "；", "|", "｜", NULL};
	static const char *const tag_seps[] = {"、", "；", "，", ";", ",", NULL};
	size_t i, j;

	if (q->type == QTYPE_FILL)
		for (i = 0; i < q->nblanks; i++)
			for (j = 0; j < q->blanks[i].nalts; j++)
				if (has_separator(q->blanks[i].alts[j], fill_seps))
					return N_("an accepted answer holds ; ； | or ｜, which "
						  "separate blanks and answers in a sheet");
	for (i = 0; i < q->ntags; i++)
		if (has_separator(q->tags[i], tag_seps))
			return N_("a tag holds 、 ; , ； or ，, which separate tags in a sheet");
	return NULL;
}

/* Whether q's options keep the file's order (`shuffle: false`). */
static int
fixed_order(const struct question *q)
{
	return q->fixed_order && (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE);
}

static void
answer_cell(struct strbuf *b, const struct question *q)
{
	struct strbuf a = {0};
	size_t i, j;

	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTIPLE:
		for (i = 0; i < BANK_MAX_OPTIONS; i++)
			if (q->answer_keys & (1u << i))
				strbuf_putc(&a, (char)('A' + i));
		break;
	case QTYPE_JUDGE:
		strbuf_puts(&a, q->answer_true ? "正确" : "错误");
		break;
	case QTYPE_FILL:
		for (i = 0; i < q->nblanks; i++) {
			if (i > 0)
				strbuf_puts(&a, "；");
			for (j = 0; j < q->blanks[i].nalts; j++) {
				if (j > 0)
					strbuf_putc(&a, '|');
				strbuf_puts(&a, q->blanks[i].alts[j]);
			}
		}
		break;
	default:
		strbuf_puts(&a, q->reference != NULL ? q->reference : "");
		break;
	}
	csv_put_cell(b, a.data != NULL ? a.data : "", 1);
	if (a.oom)
		b->oom = 1;
	strbuf_free(&a);
}

long
csv_export(struct strbuf *out, struct question *const *q, size_t n, struct diag_list *diags)
{
	unsigned nopt = 0, k;
	size_t i, j;
	const char *why;
	long written = 0;
	int fixed = 0, groups = 0;

	/* As many option columns as needed; 乱序 and 分组 only when used. */
	for (i = 0; i < n; i++) {
		if (q[i]->noptions > nopt)
			nopt = q[i]->noptions;
		fixed |= fixed_order(q[i]);
		groups |= q[i]->group != NULL;
	}
	strbuf_puts(out, "\xef\xbb\xbf");
	strbuf_puts(out, "编号,题型,题目");
	for (k = 0; k < nopt; k++)
		strbuf_printf(out, ",选项%c", 'A' + k);
	strbuf_puts(out, ",答案,解析,出处,难度,分类,标签,分值,限时");
	if (fixed)
		strbuf_puts(out, ",乱序");
	if (groups)
		strbuf_puts(out, ",分组");
	strbuf_puts(out, "\r\n");
	for (i = 0; i < n; i++) {
		if ((why = cannot_write(q[i])) != NULL) {
			diag_add(diags, q[i]->bank != NULL ? q[i]->bank->path : "-", q[i]->line,
				 q[i]->col, DIAG_WARNING,
				 "question '%s' is left out of the sheet: %s", q[i]->id, _(why));
			continue;
		}
		csv_put_cell(out, q[i]->id, 1);
		strbuf_putc(out, ',');
		strbuf_puts(out, qdoc_type_label(q[i]->type));
		strbuf_putc(out, ',');
		csv_put_cell(out, q[i]->text, 1);
		for (k = 0; k < nopt; k++) {
			strbuf_putc(out, ',');
			csv_put_cell(out, k < q[i]->noptions ? q[i]->options[k] : "", 1);
		}
		strbuf_putc(out, ',');
		answer_cell(out, q[i]);
		strbuf_putc(out, ',');
		csv_put_cell(out, q[i]->explanation ? q[i]->explanation : "", 1);
		strbuf_putc(out, ',');
		csv_put_cell(out, q[i]->source ? q[i]->source : "", 1);
		strbuf_putc(out, ',');
		if (q[i]->difficulty > 0)
			strbuf_printf(out, "%d", q[i]->difficulty);
		strbuf_putc(out, ',');
		csv_put_cell(out, q[i]->category ? q[i]->category : "", 1);
		strbuf_putc(out, ',');
		for (j = 0; j < q[i]->ntags; j++) {
			struct strbuf t = {0};
			size_t m;

			for (m = 0; m < q[i]->ntags; m++) {
				if (m > 0)
					strbuf_puts(&t, "、");
				strbuf_puts(&t, q[i]->tags[m]);
			}
			csv_put_cell(out, t.data != NULL ? t.data : "", 1);
			if (t.oom)
				out->oom = 1;
			strbuf_free(&t);
			break;
		}
		strbuf_putc(out, ',');
		if (q[i]->points > 0)
			strbuf_printf(out, "%d", q[i]->points);
		strbuf_putc(out, ',');
		if (q[i]->time > 0)
			strbuf_printf(out, "%d", q[i]->time);
		if (fixed)
			strbuf_puts(out, fixed_order(q[i]) ? ",否" : ",");
		if (groups) {
			strbuf_putc(out, ',');
			csv_put_cell(out, q[i]->group ? q[i]->group : "", 1);
		}
		strbuf_puts(out, "\r\n");
		written++;
	}
	return out->oom ? -1 : written;
}
