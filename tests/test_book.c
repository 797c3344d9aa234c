/*
 * test_book.c — the wrong-answer book (src/book.h): the two-in-a-row rule,
 * saving and reopening, damaged files set aside with their content intact,
 * two sessions (and several processes) saving into the same book, the
 * location, and running out of memory at each allocation.  Each test works
 * in its own temporary directory; each checks that the module's allocations
 * are all freed (mem_live).
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fnmatch.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "book.h"
#include "fsutil.h"
#include "mem.h"

#define HEADER "# jingsai wrong-answer book 1\n"
#define DAMAGED_PAT                                                                                \
	"book.tsv.damaged-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]" \
	"*"

/* fsync is wrapped (LDFLAGS_test_book): it can be made to fail once for a
 * regular file or for a directory. */
int __real_fsync(int fd);
int __wrap_fsync(int fd);
static int fail_fsync_file, fail_fsync_dir; /* errno to fail with, once */

int
__wrap_fsync(int fd)
{
	struct stat st;
	int *which;

	if (fstat(fd, &st) == 0) {
		which = S_ISDIR(st.st_mode) ? &fail_fsync_dir : &fail_fsync_file;
		if (*which != 0) {
			errno = *which;
			*which = 0;
			return -1;
		}
	}
	return __real_fsync(fd);
}

struct fixture {
	char *tmp; /* the test's temporary directory */
	char *dir; /* the book's directory inside it (not created) */
	long live; /* mem_live() before the test */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || (f->tmp = fs_tmpdir()) == NULL)
		return -1;
	f->dir = strdup(fs_path(f->tmp, "share/jingsai"));
	f->live = mem_live();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	int r = 0;

	if (mem_live() != f->live) {
		print_error("%ld blocks of the book module were not freed\n", mem_live() - f->live);
		r = -1;
	}
	mem_fail_after(-1, 0);
	fs_rmtree(f->tmp);
	free(f->tmp);
	free(f->dir);
	free(f);
	return r;
}

/* Open the book in dir, expecting no trouble. */
static void
open_ok(struct book *b, const char *dir)
{
	char *err = NULL;
	int r = book_open(b, dir, &err);

	if (r != 0)
		fail_msg("book_open: %d: %s", r, err != NULL ? err : "(no message)");
	assert_null(err);
}

static void
save_ok(struct book *b)
{
	char *err = NULL;
	int r = book_save(b, &err);

	if (r != 0)
		fail_msg("book_save: %d: %s", r, err != NULL ? err : "(no message)");
	assert_null(err);
}

/* id is in the book with these counts (added and last unless negative). */
static void
assert_entry(const struct book *b, const char *id, unsigned wrong, unsigned streak, long long added,
	     long long last)
{
	const struct book_entry *e = book_find(b, id);

	if (e == NULL)
		fail_msg("'%s' is not in the book", id);
	assert_string_equal(e->id, id);
	assert_int_equal(e->wrong, wrong);
	assert_int_equal(e->streak, streak);
	if (added >= 0)
		assert_int_equal(e->added, added);
	if (last >= 0)
		assert_int_equal(e->last, last);
}

static int
write_text(const char *path, const char *text)
{
	return fs_write(path, text, strlen(text));
}

static void
assert_file(const char *path, const char *want)
{
	size_t len = 0;
	char *got = fs_read(path, &len);

	if (got == NULL)
		fail_msg("cannot read %s", path);
	if (len != strlen(want) || memcmp(got, want, len) != 0)
		fail_msg("%s holds\n%s\nwant\n%s", path, got, want);
	free(got);
}

/* ---- the rule --------------------------------------------------------- */

static void
test_two_in_a_row(void **state)
{
	struct fixture *f = *state;
	struct book b;

	open_ok(&b, f->dir);
	assert_int_equal(b.n, 0);
	book_record(&b, "q-1", 0, 100); /* wrong: enters */
	assert_entry(&b, "q-1", 1, 0, 100, 100);
	book_record(&b, "q-1", 0, 110); /* wrong again */
	assert_entry(&b, "q-1", 2, 0, 100, 110);
	book_record(&b, "q-1", 1, 120); /* right once: stays */
	assert_entry(&b, "q-1", 2, 1, 100, 120);
	book_record(&b, "q-1", 0, 130); /* wrong: the run starts over */
	assert_entry(&b, "q-1", 3, 0, 100, 130);
	book_record(&b, "q-1", 1, 140);
	assert_entry(&b, "q-1", 3, 1, 100, 140);
	book_record(&b, "q-1", 1, 150); /* right twice in a row: leaves */
	assert_null(book_find(&b, "q-1"));
	assert_int_equal(b.n, 0);
	/* Right answers to questions not in the book change nothing. */
	book_record(&b, "q-2", 1, 160);
	book_record(&b, "q-2", 1, 170);
	assert_int_equal(b.n, 0);
	/* Back in after leaving: a new entry, with a new date. */
	book_record(&b, "q-1", 0, 200);
	assert_entry(&b, "q-1", 1, 0, 200, 200);
	/* Times before 1970 are not kept. */
	book_record(&b, "q-3", 0, -5);
	assert_entry(&b, "q-3", 1, 0, 0, 0);
	book_free(&b);
	book_free(&b); /* twice is fine, and NULL too */
	book_free(NULL);
}

static void
test_sorted_and_invalid_ids(void **state)
{
	static const char *const bad[] = {"",   "Q-1", "q 1", "q\t1", "q\n1", "-q",
					  ".q", "_q",  "q/1", "题目", "q:1"};
	struct fixture *f = *state;
	struct book b;
	size_t i;

	open_ok(&b, f->dir);
	book_record(&b, "m.2", 0, 1);
	book_record(&b, "z_9", 0, 1);
	book_record(&b, "0a", 0, 1);
	book_record(&b, "a-1", 0, 1);
	assert_int_equal(b.n, 4);
	assert_string_equal(b.entries[0].id, "0a");
	assert_string_equal(b.entries[1].id, "a-1");
	assert_string_equal(b.entries[2].id, "m.2");
	assert_string_equal(b.entries[3].id, "z_9");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		book_record(&b, bad[i], 0, 1);
	book_record(&b, NULL, 0, 1);
	book_record(NULL, "x", 0, 1);
	assert_int_equal(b.n, 4);
	assert_null(book_find(&b, NULL));
	assert_null(book_find(NULL, "0a"));
	save_ok(&b);
	assert_file(fs_path(f->dir, "book.tsv"), HEADER "0a\t1\t0\t1\t1\n"
							"a-1\t1\t0\t1\t1\n"
							"m.2\t1\t0\t1\t1\n"
							"z_9\t1\t0\t1\t1\n");
	book_free(&b);
}

/* ---- saving ----------------------------------------------------------- */

static void
test_save_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct book b, c;

	open_ok(&b, f->dir);
	/* The directory and its missing parents are created, private. */
	assert_int_equal(fs_mode(f->dir), 0700);
	assert_int_equal(fs_mode(fs_path(f->tmp, "share")), 0700);
	assert_string_equal(b.path, fs_path(f->dir, "book.tsv"));
	book_record(&b, "beta", 0, 200);
	book_record(&b, "alpha", 0, 100);
	book_record(&b, "alpha", 0, 250);
	book_record(&b, "alpha", 1, 300);
	book_record(&b, "gamma", 0, 400);
	book_record(&b, "gamma", 1, 410);
	book_record(&b, "gamma", 1, 420);
	save_ok(&b);
	assert_file(b.path, HEADER "alpha\t2\t1\t100\t300\n"
				   "beta\t1\t0\t200\t200\n");
	assert_int_equal(fs_mode(b.path), 0600);
	assert_int_equal(fs_mode(fs_path(f->dir, "book.lock")), 0600);
	assert_int_equal(fs_count(f->dir, ".", NULL, 0), 0); /* no temporary file */

	open_ok(&c, f->dir);
	assert_int_equal(c.n, 2);
	assert_entry(&c, "alpha", 2, 1, 100, 300);
	assert_entry(&c, "beta", 1, 0, 200, 200);
	/* Saving again after more answers. */
	book_record(&c, "alpha", 1, 500);
	save_ok(&c);
	assert_file(c.path, HEADER "beta\t1\t0\t200\t200\n");
	book_free(&b);
	book_free(&c);
}

/* A relative directory is taken from the working directory. */
static void
test_relative_dir(void **state)
{
	struct fixture *f = *state;
	char cwd[4096];
	struct book b;

	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(f->tmp), 0);
	open_ok(&b, "rel/jingsai");
	book_record(&b, "q", 0, 3);
	save_ok(&b);
	book_free(&b);
	assert_int_equal(chdir(cwd), 0);
	assert_file(fs_path(f->tmp, "rel/jingsai/book.tsv"), HEADER "q\t1\t0\t3\t3\n");
}

/* No book yet is an empty book; saving without answers writes nothing, and
 * an existing file is left exactly as it is. */
static void
test_missing_and_nothing_to_save(void **state)
{
	struct fixture *f = *state;
	struct stat st1, st2;
	struct book b;
	const char *p = fs_path(f->dir, "book.tsv");

	open_ok(&b, f->dir);
	assert_int_equal(b.n, 0);
	save_ok(&b);
	assert_int_equal(access(p, F_OK), -1);
	book_free(&b);

	assert_int_equal(write_text(p, HEADER "x\t1\t0\t5\t5\n"), 0);
	assert_int_equal(stat(p, &st1), 0);
	open_ok(&b, f->dir);
	book_record(&b, "y", 1, 9); /* not in the book: nothing changes ... */
	book_free(&b);
	open_ok(&b, f->dir);
	save_ok(&b);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino); /* ... and nothing was written */
	book_free(&b);
}

/* What a newer jingsai may add is kept: extra columns.  What editors do is
 * accepted: CRLF line ends, a BOM, blank lines, lines out of order. */
static void
test_forward_compatible(void **state)
{
	static const char text[] = "\xef\xbb\xbf" HEADER "zeta\t1\t0\t1\t2\tnote\tmore\r\n"
				   "\n"
				   "alpha\t4294967295\t1\t0\t9223372036854775807\n"
				   "mid\t3\t0\t7\t8\t\n";
	struct fixture *f = *state;
	struct book b;
	const char *p = fs_path(f->dir, "book.tsv");

	assert_int_equal(mkdir(fs_path(f->tmp, "share"), 0700), 0);
	assert_int_equal(mkdir(f->dir, 0755), 0);
	assert_int_equal(fs_write(p, text, sizeof text - 1), 0);
	open_ok(&b, f->dir);
	assert_int_equal(fs_mode(f->dir), 0755); /* an existing directory keeps its mode */
	assert_int_equal(b.n, 3);
	assert_string_equal(b.entries[0].id, "alpha");
	assert_string_equal(b.entries[1].id, "mid");
	assert_string_equal(b.entries[2].id, "zeta");
	assert_entry(&b, "alpha", 4294967295u, 1, 0, 9223372036854775807LL);
	assert_entry(&b, "zeta", 1, 0, 1, 2);
	assert_string_equal(book_find(&b, "zeta")->extra, "note\tmore");
	assert_string_equal(book_find(&b, "mid")->extra, "");
	assert_null(book_find(&b, "alpha")->extra);
	book_record(&b, "alpha", 0, 10); /* the count stays at its maximum */
	book_record(&b, "zeta", 0, 10);
	save_ok(&b);
	assert_file(p, HEADER "alpha\t4294967295\t0\t0\t10\n"
			      "mid\t3\t0\t7\t8\t\n"
			      "zeta\t2\t0\t1\t10\tnote\tmore\n");
	book_free(&b);
}

/* A large file in reverse order (edited by hand, or by a script) loads in
 * linear-logarithmic time and comes out sorted; a duplicate far apart is
 * still found. */
static void
test_large_unsorted(void **state)
{
	enum { N = 100000 };
	struct fixture *f = *state;
	struct timespec t0, t1;
	size_t cap = N * 40 + 64, len, i;
	char *text = malloc(cap), *err = NULL;
	struct book b;
	double secs;

	assert_non_null(text);
	assert_int_equal(mkdir(fs_path(f->tmp, "share"), 0700), 0);
	assert_int_equal(mkdir(f->dir, 0700), 0);
	len = (size_t)sprintf(text, "%s", HEADER);
	for (i = N; i-- > 0;)
		len += (size_t)sprintf(text + len, "q%06zu\t1\t0\t%zu\t%zu\n", i, i, i);
	assert_int_equal(fs_write(fs_path(f->dir, "book.tsv"), text, len), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	open_ok(&b, f->dir);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs > 5)
		fail_msg("%d entries in reverse order took %.1f s to load", N, secs);
	assert_int_equal(b.n, N);
	for (i = 0; i < N; i++)
		assert_int_equal(b.entries[i].added, (long long)i);
	book_free(&b);
	/* The same id on the second and the last line. */
	len += (size_t)sprintf(text + len, "q%06d\t1\t0\t1\t1\n", N - 1);
	assert_int_equal(fs_write(fs_path(f->dir, "book.tsv"), text, len), 0);
	assert_int_equal(book_open(&b, f->dir, &err), 1);
	assert_non_null(strstr(err, "book.tsv:100002: 'q099999' appears twice"));
	free(err);
	book_free(&b);
	free(text);
}

/* ---- damaged files ---------------------------------------------------- */

struct damage_case {
	const char *name;
	const char *text;  /* NULL: binary garbage */
	size_t len;        /* 0: strlen(text) */
	const char *where; /* "book.tsv:LINE:" or "book.tsv:" */
	const char *what;  /* part of the message */
};

static const struct damage_case damage_cases[] = {
	{"truncated line", HEADER "aa\t1\t0\t5\t5\nbb\t2\t0\t17", 0, "book.tsv:3:", "cut short"},
	{"truncated in the last number", HEADER "bb\t2\t0\t1700000000\t17", 0,
	 "book.tsv:2:", "cut short"},
	{"truncated header", "# jingsai wrong-an", 0, "book.tsv:1:", "not a wrong-answer book"},
	{"header without newline", "# jingsai wrong-answer book 1", 0, "book.tsv:1:", "cut short"},
	{"bad number", HEADER "aa\t1\t0\t5\t5\nbb\tx\t0\t5\t5\n", 0,
	 "book.tsv:3:", "the 'wrong' field is not a number: 'x'"},
	{"negative number", HEADER "bb\t1\t0\t-5\t5\n", 0,
	 "book.tsv:2:", "the 'added' field is not a number: '-5'"},
	{"number too large", HEADER "bb\t1\t4294967296\t5\t5\n", 0,
	 "book.tsv:2:", "the 'streak' field is not a number"},
	{"time too large", HEADER "bb\t1\t0\t5\t9223372036854775808\n", 0,
	 "book.tsv:2:", "the 'last' field is not a number"},
	{"space in a number", HEADER "bb\t 1\t0\t5\t5\n", 0,
	 "book.tsv:2:", "the 'wrong' field is not a number: '?1'"},
	{"empty number", HEADER "bb\t\t0\t5\t5\n", 0, "book.tsv:2:", "the 'wrong' field"},
	{"too few fields", HEADER "bb\t1\t0\t5\n", 0,
	 "book.tsv:2:", "expected 5 fields separated by tabs, found 4"},
	{"spaces for tabs", HEADER "bb 1 0 5 5\n", 0, "book.tsv:2:", "found 1"},
	{"bad id", HEADER "BB\t1\t0\t5\t5\n", 0, "book.tsv:2:", "'BB' is not a question id"},
	{"empty id", HEADER "\t1\t0\t5\t5\n", 0, "book.tsv:2:", "'' is not a question id"},
	{"NUL in an id", HEADER "a\0b\t1\t0\t5\t5\n", sizeof HEADER + 11,
	 "book.tsv:2:", "'a?b' is not a question id"},
	{"NUL in an extra column", HEADER "ab\t1\t0\t5\t5\tx\0y\n", sizeof HEADER + 15,
	 "book.tsv:2:", "NUL byte"},
	{"duplicate id", HEADER "aa\t1\t0\t5\t5\nbb\t1\t0\t5\t5\naa\t2\t0\t5\t5\n", 0,
	 "book.tsv:4:", "'aa' appears twice"},
	{"wrong header", "id\twrong\tstreak\tadded\tlast\n", 0,
	 "book.tsv:1:", "not a wrong-answer book"},
	{"unknown version", "# jingsai wrong-answer book 2\naa\t1\t0\t5\t5\n", 0,
	 "book.tsv:1:", "version 2 of the format"},
	{"binary garbage", NULL, 4096, "book.tsv:1:", "not a wrong-answer book"},
	{"empty file", "", 0, "book.tsv: ", "the file is empty"},
	{"only a BOM", "\xef\xbb\xbf", 0, "book.tsv: ", "the file is empty"},
};

/* Bytes of no format, NULs and invalid UTF-8 included (a fixed sequence). */
static void
garbage(char *buf, size_t n)
{
	uint32_t x = 2463534242u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)(x >> 24);
	}
	buf[0] = '\xff';
	buf[7] = '\0';
	buf[100] = '\n';
}

/* dir holds exactly one damaged-aside file, with the content want[0..len):
 * its name is returned in name. */
static void
assert_set_aside(const char *dir, const char *want, size_t len, char *name, size_t namesz)
{
	size_t got_len;
	char *got;

	assert_int_equal(fs_count(dir, "book.tsv.damaged-", name, namesz), 1);
	if (fnmatch(DAMAGED_PAT, name, 0) != 0)
		fail_msg("set aside as '%s'", name);
	got = fs_read(fs_path(dir, name), &got_len);
	assert_non_null(got);
	assert_int_equal(got_len, len);
	assert_memory_equal(got, want, len);
	free(got);
}

static void
test_damaged_files(void **state)
{
	struct fixture *f = *state;
	char dir[4200], name[256], buf[4096], *err, want[4400];
	const struct damage_case *c;
	const char *text;
	struct book b;
	size_t i, len;
	int r;

	for (i = 0; i < sizeof damage_cases / sizeof damage_cases[0]; i++) {
		c = &damage_cases[i];
		snprintf(dir, sizeof dir, "%s/case%zu", f->tmp, i);
		if (c->text == NULL) {
			garbage(buf, c->len);
			text = buf;
			len = c->len;
		} else {
			text = c->text;
			len = c->len ? c->len : strlen(c->text);
		}
		assert_int_equal(mkdir(dir, 0700), 0);
		assert_int_equal(fs_write(fs_path(dir, "book.tsv"), text, len), 0);

		err = NULL;
		r = book_open(&b, dir, &err);
		if (r != 1)
			fail_msg("%s: book_open returned %d (%s)", c->name, r, err ? err : "");
		assert_non_null(err);
		assert_int_equal(b.n, 0);
		assert_set_aside(dir, text, len, name, sizeof name);
		snprintf(want, sizeof want, "%s/%s", dir, c->where);
		if (strstr(err, want) == NULL || strstr(err, c->what) == NULL ||
		    strstr(err, name) == NULL || strstr(err, "moved to") == NULL)
			fail_msg("%s: message '%s' should have '%s', '%s' and '%s'", c->name, err,
				 want, c->what, name);
		free(err);
		assert_int_equal(access(fs_path(dir, "book.tsv"), F_OK), -1);

		/* The session goes on with an empty book and saves it; the damaged
		 * file stays as it was. */
		book_record(&b, "new-1", 0, 50);
		save_ok(&b);
		book_free(&b);
		assert_file(fs_path(dir, "book.tsv"), HEADER "new-1\t1\t0\t50\t50\n");
		assert_set_aside(dir, text, len, name, sizeof name);
		open_ok(&b, dir);
		assert_entry(&b, "new-1", 1, 0, 50, 50);
		book_free(&b);
	}
}

/* A directory (or a FIFO) where the file should be is set aside whole. */
static void
test_not_a_file(void **state)
{
	struct fixture *f = *state;
	char name[256], *err = NULL;
	const char *p = fs_path(f->dir, "book.tsv");
	struct book b;

	assert_int_equal(book_open(&b, f->dir, NULL), 0); /* creates the directory */
	book_free(&b);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(fs_write(fs_path(p, "inside.txt"), "keep me", 7), 0);
	assert_int_equal(book_open(&b, f->dir, &err), 1);
	assert_non_null(strstr(err, "book.tsv: it is a directory, not a file"));
	free(err);
	assert_int_equal(fs_count(f->dir, "book.tsv.damaged-", name, sizeof name), 1);
	assert_file(fs_path(fs_path(f->dir, name), "inside.txt"), "keep me");
	book_record(&b, "q", 0, 1);
	save_ok(&b);
	book_free(&b);
	assert_file(p, HEADER "q\t1\t0\t1\t1\n");

	/* A FIFO must not hang the program. */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkfifo(p, 0600), 0);
	err = NULL;
	assert_int_equal(book_open(&b, f->dir, &err), 1);
	assert_non_null(strstr(err, "it is not a regular file"));
	free(err);
	book_free(&b);
	assert_int_equal(fs_count(f->dir, "book.tsv.damaged-", NULL, 0), 2);
}

/* Damaged after book_open, before book_save: set aside, and the session's
 * copy is saved. */
static void
test_damaged_before_save(void **state)
{
	static const char junk[] = "this is no book\n";
	struct fixture *f = *state;
	char name[256], *err = NULL;
	struct book b;
	const char *p = fs_path(f->dir, "book.tsv");

	assert_int_equal(mkdir(fs_path(f->tmp, "share"), 0700), 0);
	assert_int_equal(mkdir(f->dir, 0700), 0);
	assert_int_equal(write_text(p, HEADER "old\t1\t0\t5\t5\n"), 0);
	open_ok(&b, f->dir);
	assert_int_equal(fs_write(p, junk, strlen(junk)), 0);
	book_record(&b, "new", 0, 9);
	assert_int_equal(book_save(&b, &err), 1);
	assert_non_null(err);
	assert_non_null(strstr(err, "book.tsv:1: not a wrong-answer book"));
	assert_non_null(strstr(err, "moved to"));
	free(err);
	assert_set_aside(f->dir, junk, strlen(junk), name, sizeof name);
	assert_file(p, HEADER "new\t1\t0\t9\t9\n"
			      "old\t1\t0\t5\t5\n");
	book_free(&b);
}

/* Temporary files of a save that crashed are removed by the next book_open;
 * files that only look a little like them are not. */
static void
test_stale_temp_files(void **state)
{
	struct fixture *f = *state;
	struct book b;

	assert_int_equal(book_open(&b, f->dir, NULL), 0);
	book_free(&b);
	assert_int_equal(fs_write(fs_path(f->dir, ".book.tsv.Ab12Cd"), "half", 4), 0);
	assert_int_equal(fs_write(fs_path(f->dir, ".book.tsv.longer-name"), "x", 1), 0);
	assert_int_equal(fs_write(fs_path(f->dir, "notes.txt"), "x", 1), 0);
	open_ok(&b, f->dir);
	book_free(&b);
	assert_int_equal(access(fs_path(f->dir, ".book.tsv.Ab12Cd"), F_OK), -1);
	assert_int_equal(access(fs_path(f->dir, ".book.tsv.longer-name"), F_OK), 0);
	assert_int_equal(access(fs_path(f->dir, "notes.txt"), F_OK), 0);
}

/* ---- two sessions at once --------------------------------------------- */

static void
test_two_sessions_interleaved(void **state)
{
	struct fixture *f = *state;
	struct book a, b, c;

	open_ok(&a, f->dir);
	open_ok(&b, f->dir);
	book_record(&a, "x", 0, 10);
	book_record(&b, "y", 0, 11);
	save_ok(&a);
	book_record(&b, "x", 0, 12); /* b has not seen a's x ... */
	book_record(&b, "z", 1, 13);
	save_ok(&b);
	assert_entry(&b, "x", 2, 0, 10, 12); /* ... but saving merged it */
	book_record(&a, "w", 0, 14);
	book_record(&a, "y", 1, 15); /* y came from b: one right answer counts */
	save_ok(&a);
	assert_entry(&a, "y", 1, 1, 11, 15);

	open_ok(&c, f->dir);
	assert_int_equal(c.n, 3);
	assert_entry(&c, "w", 1, 0, 14, 14);
	assert_entry(&c, "x", 2, 0, 10, 12);
	assert_entry(&c, "y", 1, 1, 11, 15);
	assert_file(c.path, HEADER "w\t1\t0\t14\t14\n"
				   "x\t2\t0\t10\t12\n"
				   "y\t1\t1\t11\t15\n");
	/* One session clears x while the other gets it wrong again. */
	book_record(&b, "x", 1, 20);
	book_record(&b, "x", 1, 21);
	save_ok(&b);
	book_record(&c, "x", 0, 22);
	save_ok(&c);
	assert_entry(&c, "x", 1, 0, 22, 22);
	/* Saving twice does not replay the same answers twice. */
	save_ok(&a);
	save_ok(&c);
	book_free(&a);
	open_ok(&a, f->dir);
	assert_entry(&a, "x", 1, 0, 22, 22);
	book_free(&a);
	book_free(&b);
	book_free(&c);
}

/* Several processes answering and saving at the same time: the lock keeps
 * every answer (the shared id counts them all). */
static void
test_processes_at_once(void **state)
{
	enum { NPROC = 4, ROUNDS = 25 };
	struct fixture *f = *state;
	struct book b;
	char id[32];
	pid_t pid[NPROC];
	int k, r, status;

	assert_int_equal(book_open(&b, f->dir, NULL), 0);
	book_free(&b);
	fflush(NULL);
	for (k = 0; k < NPROC; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] != 0)
			continue;
		if (book_open(&b, f->dir, NULL) != 0)
			_exit(1);
		for (r = 0; r < ROUNDS; r++) {
			snprintf(id, sizeof id, "p%d-%02d", k, r);
			book_record(&b, id, 0, r);
			book_record(&b, "shared", 0, r);
			if (book_save(&b, NULL) != 0)
				_exit(2);
		}
		book_free(&b);
		_exit(0);
	}
	for (k = 0; k < NPROC; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	open_ok(&b, f->dir);
	assert_int_equal(b.n, NPROC * ROUNDS + 1);
	assert_entry(&b, "shared", NPROC * ROUNDS, 0, -1, -1);
	for (k = 0; k < NPROC; k++)
		for (r = 0; r < ROUNDS; r++) {
			snprintf(id, sizeof id, "p%d-%02d", k, r);
			assert_entry(&b, id, 1, 0, r, r);
		}
	book_free(&b);
}

/* A save that fails keeps the session's answers for the next try. */
static void
test_failed_save_keeps_answers(void **state)
{
	struct fixture *f = *state;
	char moved[4200], *err = NULL;
	struct book b;

	snprintf(moved, sizeof moved, "%s.away", f->dir);
	open_ok(&b, f->dir);
	book_record(&b, "q", 0, 7);
	/* The book's directory becomes a file. */
	assert_int_equal(rename(f->dir, moved), 0);
	assert_int_equal(fs_write(f->dir, "x", 1), 0);
	assert_int_equal(book_save(&b, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, f->dir));
	assert_non_null(strstr(err, strerror(ENOTDIR)));
	free(err);
	assert_int_equal(unlink(f->dir), 0);
	assert_int_equal(rename(moved, f->dir), 0);
	save_ok(&b);
	assert_file(b.path, HEADER "q\t1\t0\t7\t7\n");
	book_free(&b);
	/* Opening where nothing can be created: -1, and an empty book. */
	assert_int_equal(fs_write(fs_path(f->tmp, "file"), "x", 1), 0);
	assert_int_equal(book_open(&b, fs_path(f->tmp, "file/sub"), &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, strerror(ENOTDIR)));
	free(err);
	assert_int_equal(b.n, 0);
	book_free(&b);
	assert_int_equal(book_open(&b, "", &err), -1);
	assert_non_null(strstr(err, strerror(ENOENT)));
	free(err);
	book_free(&b);
	/* A file that cannot be read is an error, not an empty book, and it is
	 * left where it is. */
	assert_int_equal(unlink(fs_path(f->dir, "book.tsv")), 0);
	assert_int_equal(symlink("book.tsv", fs_path(f->dir, "book.tsv")), 0);
	assert_int_equal(book_open(&b, f->dir, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot read"));
	assert_non_null(strstr(err, strerror(ELOOP)));
	free(err);
	book_record(&b, "q", 0, 8);
	assert_int_equal(book_save(&b, &err), -1);
	assert_non_null(strstr(err, strerror(ELOOP)));
	free(err);
	book_free(&b);
	assert_int_equal(fs_count(f->dir, "book.tsv", NULL, 0), 1);
}

/* A save whose write fails leaves the old book and keeps the answers for
 * the next try; one where only the directory's fsync fails has written the
 * book, and the next save must not count the same answers again. */
static void
test_save_fails_on_disk(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	struct book b, c;

	open_ok(&b, f->dir);
	book_record(&b, "old", 0, 1);
	save_ok(&b);
	book_record(&b, "x", 0, 5);
	fail_fsync_file = EIO;
	assert_int_equal(book_save(&b, &err), -1);
	assert_int_equal(fail_fsync_file, 0); /* the injected failure was met */
	assert_non_null(strstr(err, strerror(EIO)));
	free(err);
	assert_file(b.path, HEADER "old\t1\t0\t1\t1\n");
	assert_int_equal(fs_count(f->dir, ".", NULL, 0), 0);
	save_ok(&b);
	assert_file(b.path, HEADER "old\t1\t0\t1\t1\n"
				   "x\t1\t0\t5\t5\n");

	book_record(&b, "x", 0, 6);
	fail_fsync_dir = EIO;
	assert_int_equal(book_save(&b, &err), -1);
	assert_int_equal(fail_fsync_dir, 0);
	assert_non_null(strstr(err, "directory"));
	free(err);
	assert_file(b.path, HEADER "old\t1\t0\t1\t1\n"
				   "x\t2\t0\t5\t6\n");
	save_ok(&b);
	book_record(&b, "old", 1, 7);
	save_ok(&b);
	book_free(&b);
	open_ok(&c, f->dir);
	assert_entry(&c, "x", 2, 0, 5, 6);
	assert_entry(&c, "old", 1, 1, 1, 7);
	book_free(&c);
}

/* A book.tsv that is a symbolic link is written where it points. */
static void
test_symlink_followed(void **state)
{
	struct fixture *f = *state;
	const char *p = fs_path(f->dir, "book.tsv"), *real = fs_path(f->tmp, "synced.tsv");
	struct stat st;
	struct book b;

	assert_int_equal(book_open(&b, f->dir, NULL), 0);
	book_free(&b);
	assert_int_equal(write_text(real, HEADER "a\t1\t0\t1\t1\n"), 0);
	assert_int_equal(symlink(real, p), 0);
	open_ok(&b, f->dir);
	assert_entry(&b, "a", 1, 0, 1, 1);
	book_record(&b, "b", 0, 2);
	save_ok(&b);
	book_free(&b);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_file(real, HEADER "a\t1\t0\t1\t1\n"
				 "b\t1\t0\t2\t2\n");
}

/* ---- where the book lives --------------------------------------------- */

static void
test_default_dir(void **state)
{
	static const struct {
		const char *xdg, *home, *want; /* NULL: unset; want NULL: from passwd */
	} cases[] = {
		{"/data", "/home/u", "/data/jingsai"},
		{"/data/", "/home/u", "/data//jingsai"},
		{"relative", "/home/u", "/home/u/.local/share/jingsai"},
		{"", "/home/u", "/home/u/.local/share/jingsai"},
		{NULL, "/home/u", "/home/u/.local/share/jingsai"},
		{NULL, "/", "/.local/share/jingsai"},
		{NULL, NULL, NULL},
		{NULL, "relative", NULL},
	};
	char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME"), *got, *err, want[4200];
	struct passwd *pw = getpwuid(getuid());
	size_t i;

	(void)state;
	xdg = xdg != NULL ? strdup(xdg) : NULL;
	home = home != NULL ? strdup(home) : NULL;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].xdg != NULL)
			setenv("XDG_DATA_HOME", cases[i].xdg, 1);
		else
			unsetenv("XDG_DATA_HOME");
		if (cases[i].home != NULL)
			setenv("HOME", cases[i].home, 1);
		else
			unsetenv("HOME");
		if (cases[i].want != NULL)
			snprintf(want, sizeof want, "%s", cases[i].want);
		else if (pw != NULL && pw->pw_dir[0] == '/')
			snprintf(want, sizeof want, "%s/.local/share/jingsai", pw->pw_dir);
		else
			continue;
		err = NULL;
		got = book_default_dir(&err);
		if (got == NULL || strcmp(got, want) != 0)
			fail_msg("XDG_DATA_HOME=%s HOME=%s: got %s, want %s", cases[i].xdg,
				 cases[i].home, got != NULL ? got : err, want);
		assert_null(err);
		free(got);
	}
	if (xdg != NULL)
		setenv("XDG_DATA_HOME", xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	if (home != NULL)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	free(xdg);
	free(home);
}

/* ---- out of memory ---------------------------------------------------- */

/* Each allocation of an open, a few answers and a save fails in turn: no
 * crash, no leak, the file on disk is always a valid book, and when both
 * calls said they succeeded it holds every answer. */
static void
test_out_of_memory(void **state)
{
	static const char base[] = HEADER "aa\t1\t0\t10\t10\n"
					  "cc\t2\t1\t10\t10\n";
	static const char want[] = HEADER "aa\t2\t0\t10\t30\n"
					  "bb\t1\t0\t20\t20\n";
	struct fixture *f = *state;
	char dir[4200], *e1, *e2;
	struct book b, c;
	long k, before;
	int r, s, injected;

	for (k = 0;; k++) {
		snprintf(dir, sizeof dir, "%s/oom%ld", f->tmp, k);
		assert_int_equal(mkdir(dir, 0700), 0);
		assert_int_equal(write_text(fs_path(dir, "book.tsv"), base), 0);
		e1 = e2 = NULL;
		before = mem_count();
		mem_fail_after(k, 0);
		r = book_open(&b, dir, &e1);
		book_record(&b, "bb", 0, 20);
		book_record(&b, "cc", 1, 25);
		book_record(&b, "aa", 0, 30);
		s = book_save(&b, &e2);
		mem_fail_after(-1, 0);
		injected = mem_count() > before + k;
		book_free(&b);
		if (r != 0)
			assert_true(r == -1 && e1 != NULL);
		if (s != 0)
			assert_true(s == -1 && e2 != NULL);
		free(e1);
		free(e2);
		assert_int_equal(mem_live(), f->live);
		/* Whatever happened, the file is a valid book, nothing set aside. */
		open_ok(&c, dir);
		book_free(&c);
		assert_int_equal(fs_count(dir, "book.tsv.damaged-", NULL, 0), 0);
		if (r == 0 && s == 0)
			assert_file(fs_path(dir, "book.tsv"), want);
		if (!injected) {
			assert_true(r == 0 && s == 0);
			break;
		}
	}
	assert_true(k > 10);
	print_message("    each of %ld allocations failed in turn\n", k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_in_a_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sorted_and_invalid_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relative_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_nothing_to_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forward_compatible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_unsorted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_before_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temp_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_sessions_interleaved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_processes_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_keeps_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_fails_on_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
