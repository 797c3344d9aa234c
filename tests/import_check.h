/*
 * import_check.h — what the importer suites share: running an importer on a
 * text and comparing its diagnostics with what an author should see.
 */
#ifndef JINGSAI_IMPORT_CHECK_H
#define JINGSAI_IMPORT_CHECK_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "mem.h"
#include "qdoc.h"

#define E DIAG_ERROR
#define W DIAG_WARNING

struct ediag {
	unsigned line, col;
	enum diag_severity sev;
	const char *msg;
};

typedef int (*import_fn)(const char *data, size_t len, const char *file, struct qdoc *doc,
			 struct diag_list *diags);

static inline void
print_diags(const struct diag_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		print_error("    %s:%u:%u: %s: %s\n", l->items[i].file, l->items[i].line,
			    l->items[i].col,
			    l->items[i].severity == DIAG_ERROR ? "error" : "warning",
			    l->items[i].message);
}

/* The list holds exactly the expected diagnostics, in order, about "in". */
static inline void
expect_diags(const char *name, const struct diag_list *l, const struct ediag *e)
{
	size_t n = 0, i;
	int ok;

	while (e[n].msg != NULL)
		n++;
	ok = l->count == n && !l->oom;
	for (i = 0; ok && i < n; i++)
		ok = strcmp(l->items[i].file, "in") == 0 && l->items[i].line == e[i].line &&
		     l->items[i].col == e[i].col && l->items[i].severity == e[i].sev &&
		     strcmp(l->items[i].message, e[i].msg) == 0;
	if (ok)
		return;
	print_error("%s: diagnostics differ\n  expected:\n", name);
	for (i = 0; i < n; i++)
		print_error("    in:%u:%u: %s: %s\n", e[i].line, e[i].col,
			    e[i].sev == DIAG_ERROR ? "error" : "warning", e[i].msg);
	print_error("  actual:\n");
	print_diags(l);
	fail();
}

/* Import text with fn into doc (which the caller frees); diagnostics to l. */
static inline void
run_import(import_fn fn, const char *text, struct qdoc *doc, struct diag_list *l)
{
	qdoc_init(doc);
	memset(l, 0, sizeof(*l));
	assert_int_equal(fn(text, strlen(text), "in", doc, l), 0);
}

/* Fail each allocation of importing text with fn in turn (text imports
 * cleanly): nothing may leak and nothing may crash. */
static inline void
check_import_oom(import_fn fn, const char *text)
{
	struct qdoc doc;
	struct diag_list l;
	long base = mem_live(), start, total, k;

	start = mem_count();
	run_import(fn, text, &doc, &l);
	assert_int_equal(l.count, 0);
	total = mem_count() - start;
	qdoc_free(&doc);
	diag_list_free(&l);
	for (k = 0; k < total; k++) {
		qdoc_init(&doc);
		memset(&l, 0, sizeof(l));
		mem_fail_after(k, 0);
		fn(text, strlen(text), "in", &doc, &l);
		mem_fail_after(-1, 0);
		qdoc_free(&doc);
		diag_list_free(&l);
		if (mem_live() != base)
			fail_msg("a leak after failing allocation %ld", k);
	}
}

#endif
