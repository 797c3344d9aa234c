/*
 * aiken.c — the Aiken format in (see aiken.h).  A line is a question line,
 * an option line or an answer line; a question ends at its answer line.
 */
#include "aiken.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "strbuf.h"

struct aiken {
	const char *data;
	size_t len;
	const char *file;
	struct qdoc *doc;
	struct diag_list *diags;
	struct linemap lines;
	/* the question being read */
	int open;     /* a question line was seen and no answer yet */
	size_t start; /* its first line's offset */
	struct strbuf text;
	const char *opt[BANK_MAX_OPTIONS];
	size_t nopt;
	int bad;
};

static void aiken_report(struct aiken *a, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
aiken_report(struct aiken *a, size_t off, const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;

	linemap_pos(&a->lines, off, &line, &col);
	va_start(ap, fmt);
	diag_addv(a->diags, a->file, line, col, DIAG_ERROR, fmt, ap);
	va_end(ap);
	a->bad = 1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* After an option letter: '.', ')', '、', '．', '）' and the length, or 0. */
static size_t
option_mark(const char *s, size_t n)
{
	static const char *const marks[] = {".", ")", "、", "．", "）", NULL};
	size_t i, m;

	for (i = 0; marks[i] != NULL; i++) {
		m = strlen(marks[i]);
		if (m <= n && memcmp(s, marks[i], m) == 0)
			return m;
	}
	return 0;
}

/* "ANSWER:" (any case) or "答案：": the length up to the value, or 0. */
static size_t
answer_mark(const char *s, size_t n)
{
	static const char *const words[] = {"ANSWER", "答案", NULL};
	size_t i, m, k;

	for (i = 0; words[i] != NULL; i++) {
		m = strlen(words[i]);
		if (m > n)
			continue;
		for (k = 0; k < m; k++) {
			char c = s[k] >= 'a' && s[k] <= 'z' ? (char)(s[k] - 'a' + 'A') : s[k];

			if (c != words[i][k])
				break;
		}
		if (k < m)
			continue;
		while (m < n && s[m] == ' ')
			m++;
		if (m < n && s[m] == ':')
			return m + 1;
		if (m + 3 <= n && memcmp(s + m, "：", 3) == 0)
			return m + 3;
	}
	return 0;
}

static void
reset(struct aiken *a)
{
	a->open = 0;
	a->text.len = 0;
	a->nopt = 0;
	a->bad = 0;
}

static int
finish(struct aiken *a, size_t off, const char *ans, size_t anslen)
{
	struct question *q;
	unsigned line, col;
	char value[64];
	long keys;
	size_t i;

	if (a->nopt < 2)
		aiken_report(a, a->start,
			     "a question needs 2 to 8 options (A. …, B. …) before its ANSWER");
	if (anslen >= sizeof(value))
		anslen = sizeof(value) - 1;
	memcpy(value, ans, anslen);
	value[anslen] = '\0';
	keys = qdoc_keys_parse(value);
	if (keys <= 0) {
		aiken_report(a, off, "ANSWER '%s' is not an option letter", value);
	} else if (keys >> a->nopt) {
		aiken_report(a, off,
			     "ANSWER '%s' names an option the question does not have (A to %c)",
			     value, (char)('A' + (a->nopt ? a->nopt : 1) - 1));
	}
	linemap_pos(&a->lines, a->start, &line, &col);
	if ((q = qdoc_add(a->doc, line, col)) == NULL)
		return -1;
	q->text = qdoc_trimdup(a->doc, a->text.data != NULL ? a->text.data : "", a->text.len);
	q->options = arena_alloc(&a->doc->arena, (a->nopt ? a->nopt : 1) * sizeof(char *));
	if (q->text == NULL || q->options == NULL || a->text.oom)
		return -1;
	for (i = 0; i < a->nopt; i++)
		q->options[i] = a->opt[i];
	q->noptions = (unsigned)a->nopt;
	q->answer_keys = keys > 0 ? (unsigned)keys : 0;
	q->type = keys > 0 && (keys & (keys - 1)) != 0 ? QTYPE_MULTIPLE : QTYPE_SINGLE;
	reset(a);
	return 0;
}

int
aiken_import(const char *data, size_t len, const char *file, struct qdoc *doc,
	     struct diag_list *diags)
{
	struct aiken a;
	size_t i = 0, b, e, next, m, k;
	int status = 0;
	char letter;

	memset(&a, 0, sizeof(a));
	a.data = data;
	a.len = len;
	a.file = file;
	a.doc = doc;
	a.diags = diags;
	if (linemap_init(&a.lines, data, len) != 0)
		return -1;
	for (i = 0; i < len; i = next) {
		for (e = i; e < len && data[e] != '\n' && data[e] != '\r'; e++)
			;
		next = e;
		if (next < len && data[next] == '\r')
			next++;
		if (next < len && data[next] == '\n' && (next == e || data[next - 1] == '\r'))
			next++;
		for (b = i; b < e && is_space(data[b]); b++)
			;
		while (e > b && is_space(data[e - 1]))
			e--;
		if (b == e)
			continue;
		if ((m = answer_mark(data + b, e - b)) > 0) {
			if (!a.open) {
				aiken_report(&a, b, "an ANSWER line without a question before it");
				continue;
			}
			for (k = b + m; k < e && is_space(data[k]); k++)
				;
			if (finish(&a, k, data + k, e - k) != 0) {
				status = -1;
				break;
			}
			continue;
		}
		letter = data[b];
		if (a.open && letter >= 'A' && letter <= 'H' &&
		    (m = option_mark(data + b + 1, e - b - 1)) > 0) {
			if ((size_t)(letter - 'A') != a.nopt) {
				aiken_report(
					&a, b,
					"option %c comes where option %c should: options go A, B, "
					"C, … in order",
					letter, (char)('A' + a.nopt));
				continue;
			}
			for (k = b + 1 + m; k < e && is_space(data[k]); k++)
				;
			if (k == e) {
				aiken_report(&a, b, "option %c is empty", letter);
				continue;
			}
			a.opt[a.nopt] = qdoc_trimdup(doc, data + k, e - k);
			if (a.opt[a.nopt] == NULL) {
				status = -1;
				break;
			}
			a.nopt++;
			continue;
		}
		if (a.open && a.nopt > 0) {
			aiken_report(&a, a.start,
				     "this question has no ANSWER line (such as ANSWER: B)");
			reset(&a);
		}
		if (letter >= 'A' && letter <= 'H' && option_mark(data + b + 1, e - b - 1) > 0) {
			aiken_report(&a, b, "an option without a question before it");
			continue;
		}
		if (!a.open) {
			a.open = 1;
			a.start = b;
		} else {
			strbuf_putc(&a.text, '\n');
		}
		strbuf_add(&a.text, data + b, e - b);
	}
	if (status == 0 && a.open)
		aiken_report(&a, a.start, "this question has no ANSWER line (such as ANSWER: B)");
	if (a.text.oom)
		status = -1;
	strbuf_free(&a.text);
	linemap_free(&a.lines);
	return status;
}
