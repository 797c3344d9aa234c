/*
 * test_fuzz_regress.c — every input the fuzzer ever broke the loader with
 * (tests/fuzz/crashes/) loads cleanly now, and so does the whole seed corpus.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fuzz/check_load.h"

/* Load every file of dir and check the invariants; returns the file count. */
static int
check_dir(const char *dir)
{
	char path[4096], *buf;
	struct dirent *de;
	DIR *dp;
	FILE *fp;
	long len;
	int n = 0, r;

	dp = opendir(dir);
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		fp = fopen(path, "rb");
		assert_non_null(fp);
		fseek(fp, 0, SEEK_END);
		len = ftell(fp);
		rewind(fp);
		buf = malloc((size_t)len + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
		fclose(fp);
		r = check_load(buf, (size_t)len);
		if (r != 0)
			print_error("%s: invariant %d broken\n", path, r);
		assert_int_equal(r, 0);
		free(buf);
		n++;
	}
	closedir(dp);
	return n;
}

static void
test_crashes(void **state)
{
	(void)state;
	assert_true(check_dir("fuzz/crashes") > 0);
}

static void
test_seed_corpus(void **state)
{
	(void)state;
	assert_true(check_dir("fuzz/corpus") > 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crashes),
		cmocka_unit_test(test_seed_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
