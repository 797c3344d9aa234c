/*
 * qdoc.c — imported questions and the helpers the importers share (see qdoc.h).
 */
#include "answer.h"
#include "qdoc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "text.h"

void
qdoc_init(struct qdoc *d)
{
	memset(d, 0, sizeof(*d));
}

void
qdoc_free(struct qdoc *d)
{
	arena_free(&d->arena);
	mem_free(d->q);
	memset(d, 0, sizeof(*d));
}

struct question *
qdoc_add(struct qdoc *d, unsigned line, unsigned col)
{
	struct question *q;

	if (mem_grow((void **)&d->q, &d->cap, d->n + 1, sizeof(*d->q)) != 0)
		return NULL;
	if ((q = arena_alloc(&d->arena, sizeof(*q))) == NULL)
		return NULL;
	memset(q, 0, sizeof(*q));
	q->line = line;
	q->col = col;
	d->q[d->n++] = q;
	return q;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *
qdoc_trimdup(struct qdoc *d, const char *s, size_t n)
{
	while (n > 0 && is_space(*s))
		s++, n--;
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return arena_strndup(&d->arena, s, n);
}

/* The length of a tag separator at s, or 0. */
static size_t
tag_separator(const char *s)
{
	static const char *const seps[] = {"、", "；", "，", ";", ",", NULL};
	size_t i, n;

	for (i = 0; seps[i] != NULL; i++) {
		n = strlen(seps[i]);
		if (strncmp(s, seps[i], n) == 0)
			return n;
	}
	return 0;
}

int
qdoc_set_tags(struct qdoc *d, struct question *q, const char *s)
{
	const char *p, *start;
	size_t n = 0, sep, k = 0;
	char *t;

	/* Count the parts first, so that the array is allocated once. */
	for (p = s; *p != '\0'; p++)
		if (tag_separator(p) > 0)
			n++;
	n++;
	if ((q->tags = arena_alloc(&d->arena, n * sizeof(*q->tags))) == NULL)
		return -1;
	for (p = start = s;; p++) {
		sep = *p == '\0' ? 1 : tag_separator(p);
		if (sep == 0)
			continue;
		if ((t = qdoc_trimdup(d, start, (size_t)(p - start))) == NULL)
			return -1;
		if (*t != '\0')
			q->tags[k++] = t;
		if (*p == '\0')
			break;
		p += sep - 1;
		start = p + 1;
	}
	q->ntags = k;
	return 0;
}

int
qdoc_valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

void
qdoc_prefix(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/'), *end;
	size_t n = 0;
	char c;

	base = base != NULL ? base + 1 : path;
	end = strrchr(base, '.');
	if (end == NULL || end == base)
		end = base + strlen(base);
	for (; base < end && n + 1 < size; base++) {
		c = *base;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == ' ')
			c = '-';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			continue;
		if (n == 0 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		out[n++] = c;
	}
	if (n == 0 && size >= 2)
		out[n++] = 'q';
	if (size > 0)
		out[n] = '\0';
}

struct idref {
	const char *id;
	size_t index;
};

static int
idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
taken(const struct idref *v, size_t n, const char *id)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(v[mid].id, id);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
qdoc_assign_ids(struct qdoc *d, const char *prefix, const char *file, struct diag_list *diags)
{
	struct idref *v;
	size_t i, n = 0, next = 1, first;
	const struct question *q, *f;
	char id[128];

	if ((v = mem_alloc((d->n ? d->n : 1) * sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < d->n; i++)
		if (d->q[i]->id != NULL) {
			v[n].id = d->q[i]->id;
			v[n].index = i;
			n++;
		}
	qsort(v, n, sizeof(*v), idref_cmp);
	for (i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i].id, v[first].id) != 0) {
			first = i;
			continue;
		}
		q = d->q[v[i].index];
		f = d->q[v[first].index];
		diag_add(diags, file, q->line, q->col, DIAG_ERROR,
			 "duplicate id '%s': line %u has it too", q->id, f->line);
	}
	for (i = 0; i < d->n; i++) {
		if (d->q[i]->id != NULL)
			continue;
		do
			snprintf(id, sizeof(id), "%s-%03zu", prefix, next++);
		while (taken(v, n, id));
		if ((d->q[i]->id = arena_strndup(&d->arena, id, strlen(id))) == NULL) {
			mem_free(v);
			return -1;
		}
	}
	mem_free(v);
	return 0;
}

/* ---- words ---------------------------------------------------------------- */

static int
ascii_ieq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int
word_in(const char *s, const char *const *words)
{
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (ascii_ieq(s, words[i]))
			return 1;
	return 0;
}

int
qdoc_type_parse(const char *s)
{
	static const char *const single[] = {"single",   "单选",       "单选题",
					     "单项选择", "单项选择题", NULL};
	static const char *const multiple[] = {"multiple", "多选",       "多选题",
					       "多项选择", "多项选择题", NULL};
	static const char *const judge[] = {"judge", "判断", "判断题", NULL};
	static const char *const fill[] = {"fill", "填空", "填空题", NULL};
	static const char *const open[] = {"open", "简答", "简答题", "问答", "问答题", NULL};

	if (word_in(s, single))
		return QTYPE_SINGLE;
	if (word_in(s, multiple))
		return QTYPE_MULTIPLE;
	if (word_in(s, judge))
		return QTYPE_JUDGE;
	if (word_in(s, fill))
		return QTYPE_FILL;
	if (word_in(s, open))
		return QTYPE_OPEN;
	return -1;
}

const char *
qdoc_type_label(enum question_type t)
{
	static const char *const labels[QTYPE_COUNT] = {"单选", "多选", "判断", "填空", "简答"};

	return t < QTYPE_COUNT ? labels[t] : "?";
}

int
qdoc_judge_parse(const char *s)
{
	/* The words a learner may type are the words an author may write. */
	return answer_judge_word(s);
}

long
qdoc_keys_parse(const char *s)
{
	size_t n = strlen(s), i = 0, len;
	long keys = 0;
	unsigned cp, k;

	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (len == 0)
			return -1;
		i += len;
		if (cp >= 0xff21 && cp <= 0xff3a)
			cp = cp - 0xff21 + 'A';
		else if (cp >= 0xff41 && cp <= 0xff5a)
			cp = cp - 0xff41 + 'A';
		else if (cp >= 'a' && cp <= 'z')
			cp = cp - 'a' + 'A';
		if (cp >= 'A' && cp <= 'Z') {
			k = cp - 'A';
			if (keys & (1L << k))
				return -2;
			keys |= 1L << k;
		} else if (!(cp == ' ' || cp == '\t' || cp == ',' || cp == ';' || cp == 0x3001 ||
			     cp == 0xff0c || cp == 0xff1b || cp == 0x3000)) {
			return -1;
		}
	}
	return keys;
}

int
qdoc_difficulty_parse(const char *s)
{
	static const char *const easy[] = {"1", "易", "简单", "容易", "easy", NULL};
	static const char *const medium[] = {"2", "中", "中等", "一般", "medium", NULL};
	static const char *const hard[] = {"3", "难", "困难", "较难", "hard", NULL};

	if (word_in(s, easy))
		return 1;
	if (word_in(s, medium))
		return 2;
	if (word_in(s, hard))
		return 3;
	return 0;
}

long
qdoc_number_parse(const char *s, long min, long max)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > max)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= min && v <= max ? v : -1;
}

/* ---- positions -------------------------------------------------------------- */

int
linemap_init(struct linemap *m, const char *data, size_t len)
{
	size_t i, cap = 0;

	memset(m, 0, sizeof(*m));
	m->data = data;
	m->len = len;
	if (mem_grow((void **)&m->starts, &cap, 1, sizeof(*m->starts)) != 0)
		return -1;
	m->starts[m->n++] = 0;
	for (i = 0; i < len; i++) {
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		if (data[i] != '\n' && data[i] != '\r')
			continue;
		if (mem_grow((void **)&m->starts, &cap, m->n + 1, sizeof(*m->starts)) != 0) {
			linemap_free(m);
			return -1;
		}
		m->starts[m->n++] = i + 1;
	}
	return 0;
}

void
linemap_pos(const struct linemap *m, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = m->n, mid, i, len;
	unsigned c = 1, cp;

	if (off > m->len)
		off = m->len;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (m->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = m->starts[lo]; i < off; c++) {
		len = text_decode(m->data + i, m->len - i, &cp);
		i += len ? len : 1;
	}
	*line = (unsigned)(lo + 1);
	*col = c;
}

void
linemap_free(struct linemap *m)
{
	mem_free(m->starts);
	memset(m, 0, sizeof(*m));
}
