/*
 * test_oom_libc.c — out of memory anywhere, libyaml's and the C library's
 * allocations included.
 *
 * test_load.c fails the loader's own allocations (mem.h) one by one.  Here
 * malloc itself is replaced (glibc allows it: libyaml and libc's internal
 * callers then use these too), so the n-th allocation of a whole load fails,
 * whoever makes it: an event's buffer inside libyaml, a strdup of an anchor,
 * opendir's buffer.  Each load must end without a crash, a leak or an
 * inconsistent model, and say so when it could not do its work.
 *
 * AddressSanitizer owns malloc in a SANITIZE=1 build, so there the test skips;
 * test_load.c's out-of-memory test runs under the sanitizers instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bank.h"
#include "fuzz/check_load.h"

#if defined(__SANITIZE_ADDRESS__)
#define REPLACE_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLACE_MALLOC 0
#endif
#endif
#ifndef REPLACE_MALLOC
#define REPLACE_MALLOC 1
#endif

#if REPLACE_MALLOC
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t nmemb, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

static int armed;      /* count and fail only while a load runs */
static long countdown; /* allocations before the one that fails; <0 none */
static long calls;     /* allocations since arming */
static long live;      /* blocks allocated minus blocks freed since arming */

/* Whether this allocation is the one to fail. */
static int
fail_now(void)
{
	if (!armed)
		return 0;
	calls++;
	return countdown-- == 0;
}

void *
malloc(size_t n)
{
	void *p;

	if (fail_now())
		return NULL;
	p = __libc_malloc(n);
	if (armed && p != NULL)
		live++;
	return p;
}

void *
calloc(size_t nmemb, size_t size)
{
	void *p;

	if (fail_now())
		return NULL;
	p = __libc_calloc(nmemb, size);
	if (armed && p != NULL)
		live++;
	return p;
}

void *
realloc(void *p, size_t n)
{
	void *q;

	if (fail_now())
		return NULL;
	q = __libc_realloc(p, n);
	if (armed && q != NULL && p == NULL)
		live++;
	return q;
}

void
free(void *p)
{
	if (armed && p != NULL)
		live--;
	__libc_free(p);
}

static const char *
data_dir(void)
{
	const char *d = getenv("JINGSAI_TESTDATA");

	return d != NULL ? d : "data";
}

struct result {
	int failed; /* the load said it could not finish */
	size_t nquestions, nbanks, errors, warnings, count;
};

/* Load the fixtures (a valid bank, a duplicate id, a file of diagnostics with
 * anchors, a syntax error, a directory), with allocation n failing (n < 0:
 * none); report what the load said and whether the failure was reached. */
static int
load_all(long n, struct result *res)
{
	static const char *const names[] = {
		"ok-all-types.yaml",
		"err-dup-id-a.yaml",
		"err-dup-id-b.yaml",
		"err-missing-fields.yaml",
		"err-alias.yaml",
		"err-syntax.yaml",
		"dir",
	};
	struct bank_set set;
	struct diag_list diags;
	char path[512];
	size_t i;
	int hit;

	memset(res, 0, sizeof(*res));
	memset(&diags, 0, sizeof(diags));
	bank_set_init(&set);
	calls = live = 0;
	countdown = n;
	armed = 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", data_dir(), names[i]);
		if (bank_set_load_path(&set, path, &diags) != 0)
			res->failed = 1;
	}
	hit = n >= 0 && calls > n;
	armed = 0; /* cmocka's own allocations below are not counted */
	assert_true(model_consistent(&set));
	res->failed |= diags.oom;
	res->nquestions = set.nquestions;
	res->nbanks = set.nbanks;
	res->errors = diags.errors;
	res->warnings = diags.warnings;
	res->count = diags.count;
	armed = 1;
	diag_list_free(&diags);
	bank_set_free(&set);
	armed = 0;
	if (live != 0)
		fail_msg("allocation %ld failing: %ld block(s) leaked", n, live);
	return hit;
}

static void
test_every_allocation(void **state)
{
	struct result ref, res;
	long n;

	(void)state;
	assert_false(load_all(-1, &ref));
	assert_false(ref.failed);
	assert_true(ref.nquestions > 10);
	for (n = 0; load_all(n, &res); n++) {
		/* An allocation failed: the load says so (it fails, or an error
		 * such as "cannot read directory: Cannot allocate memory" is
		 * reported), or its result is whole (when the C library failed
		 * quietly, as fopen does for a source line); never a partial load
		 * that looks like success. */
		if (!res.failed && res.errors <= ref.errors &&
		    (res.nquestions != ref.nquestions || res.nbanks != ref.nbanks ||
		     res.errors < ref.errors))
			fail_msg(
				"allocation %ld failing: the load reported success with %zu of %zu "
				"questions, %zu of %zu errors",
				n, res.nquestions, ref.nquestions, res.errors, ref.errors);
		if (n > 1000000)
			fail_msg("no end after %ld allocations", n);
	}
	/* The last n reached no allocation: the load was whole again. */
	assert_false(res.failed);
	assert_int_equal(res.nquestions, ref.nquestions);
	assert_int_equal(res.count, ref.count);
	print_message("every allocation of a load failed in turn: %ld, none leaked\n", n);
}
#else
static void
test_every_allocation(void **state)
{
	(void)state;
	skip(); /* AddressSanitizer replaces malloc itself */
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_allocation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
