/*
 * diag.c — the diagnostic list (see diag.h).
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "mem.h"

int
diag_addv(struct diag_list *l, const char *file, unsigned line, unsigned col,
	  enum diag_severity sev, const char *fmt, va_list ap)
{
	struct diag *d;
	va_list ap2;
	char *msg;
	int n;

	/* Messages are written in English in the source and shown in the UI
	 * language: the format is the catalog's key (xgettext finds them through
	 * the keywords in the Makefile). */
	fmt = gettext(fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	if (mem_grow((void **)&l->items, &l->cap, l->count + 1, sizeof(*l->items)) != 0 ||
	    (msg = mem_alloc((size_t)n + 1)) == NULL) {
		l->oom = 1;
		return -1;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	d = &l->items[l->count];
	d->file = file;
	d->line = line;
	d->col = col;
	d->severity = sev;
	d->message = msg;
	d->seq = l->count;
	l->count++;
	if (sev == DIAG_ERROR)
		l->errors++;
	else
		l->warnings++;
	return 0;
}

int
diag_add(struct diag_list *l, const char *file, unsigned line, unsigned col, enum diag_severity sev,
	 const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = diag_addv(l, file, line, col, sev, fmt, ap);
	va_end(ap);
	return r;
}

static int
diag_cmp(const void *va, const void *vb)
{
	const struct diag *a = va, *b = vb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_sort(struct diag_list *l, size_t from)
{
	if (from < l->count)
		qsort(l->items + from, l->count - from, sizeof(*l->items), diag_cmp);
}

void
diag_list_free(struct diag_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		mem_free(l->items[i].message);
	mem_free(l->items);
	l->items = NULL;
	l->count = l->cap = l->errors = l->warnings = 0;
	l->oom = 0;
}

void
diag_truncate(struct diag_list *l, size_t n)
{
	while (l->count > n) {
		struct diag *d = &l->items[--l->count];

		if (d->severity == DIAG_ERROR)
			l->errors--;
		else
			l->warnings--;
		mem_free(d->message);
	}
}
