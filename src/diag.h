/*
 * diag.h — diagnostics about files: FILE:LINE:COL: error|warning: MESSAGE.
 *
 * Modules collect diagnostics in a list that the command layer prints; they
 * never print themselves.  Lines and columns are 1-based, columns count
 * characters (not bytes); 0 means "no position" (the whole file).
 */
#ifndef JINGSAI_DIAG_H
#define JINGSAI_DIAG_H

#include <stdarg.h>
#include <stddef.h>

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
};

struct diag {
	const char *file; /* not owned: a path owned by whoever made the list */
	unsigned line, col;
	enum diag_severity severity;
	char *message; /* owned by the list */
	size_t seq;    /* order of arrival, keeps sorting stable */
};

struct diag_list {
	struct diag *items;
	size_t count, cap;
	size_t errors, warnings;
	int oom; /* a diagnostic was dropped for lack of memory */
};

/* Add a diagnostic; the message is formatted with printf rules.  Returns 0, or
 * -1 (and sets oom) when memory ran out. */
int diag_add(struct diag_list *l, const char *file, unsigned line, unsigned col,
	     enum diag_severity sev, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int diag_addv(struct diag_list *l, const char *file, unsigned line, unsigned col,
	      enum diag_severity sev, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* Sort items [from, count) by line, then column, keeping arrival order on ties. */
void diag_sort(struct diag_list *l, size_t from);
/* Drop the diagnostics from index n on (the caller's own, not yet printed). */
void diag_truncate(struct diag_list *l, size_t n);
/* Free the messages and the array; the list is empty afterwards. */
void diag_list_free(struct diag_list *l);

#endif
