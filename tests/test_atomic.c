/*
 * test_atomic.c — atomic_write (src/atomic.h): the file it leaves, and what
 * happens when each step fails.
 *
 * The system calls of a replacement are wrapped at link time (-Wl,--wrap, see
 * LDFLAGS_test_atomic in the Makefile): a test can make the n-th write, the
 * first or second fsync, the close, the fchmod or the rename fail with a
 * chosen errno, split writes into short pieces and interrupt them.  A real
 * full disk is tried too, on a small tmpfs, when this process may mount one;
 * a directory the user may not write, as an unprivileged user.  Each test
 * works in its own temporary directory.
 */
#define _GNU_SOURCE /* nftw, unshare */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic.h"
#include "fsutil.h"

/* ---- failure injection ------------------------------------------------ */

enum { F_WRITE, F_FSYNC, F_CLOSE, F_FCHMOD, F_RENAME, F_N };

static struct {
	int armed;
	int calls[F_N];   /* calls since arming */
	int fail_at[F_N]; /* call number (0-based) that fails, or -1 */
	int fail_errno[F_N];
	size_t chunk;     /* write at most this many bytes per call (0: all) */
	int eintr;        /* every other write is interrupted before writing */
	long write_bytes; /* bytes the real write took */
} inj;

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_fchmod(int fd, mode_t mode);
int __real_rename(const char *from, const char *to);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_close(int fd);
int __wrap_fchmod(int fd, mode_t mode);
int __wrap_rename(const char *from, const char *to);

static void
inject_reset(void)
{
	int i;

	memset(&inj, 0, sizeof inj);
	for (i = 0; i < F_N; i++)
		inj.fail_at[i] = -1;
}

static void
inject(int f, int at, int e)
{
	inj.fail_at[f] = at;
	inj.fail_errno[f] = e;
	inj.armed = 1;
}

/* Whether this call of f is the one to fail (errno set then). */
static int
fails(int f)
{
	if (!inj.armed)
		return 0;
	if (inj.calls[f]++ == inj.fail_at[f]) {
		errno = inj.fail_errno[f];
		return 1;
	}
	return 0;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	ssize_t r;

	if (fails(F_WRITE))
		return -1;
	if (inj.armed && inj.eintr && inj.calls[F_WRITE] % 2 == 1) {
		errno = EINTR;
		return -1;
	}
	if (inj.armed && inj.chunk > 0 && n > inj.chunk)
		n = inj.chunk;
	r = __real_write(fd, buf, n);
	if (inj.armed && r > 0)
		inj.write_bytes += r;
	return r;
}

int
__wrap_fsync(int fd)
{
	return fails(F_FSYNC) ? -1 : __real_fsync(fd);
}

int
__wrap_close(int fd)
{
	int e;

	if (fails(F_CLOSE)) { /* Linux: the descriptor is released even so */
		e = errno;
		__real_close(fd);
		errno = e;
		return -1;
	}
	return __real_close(fd);
}

int
__wrap_fchmod(int fd, mode_t mode)
{
	return fails(F_FCHMOD) ? -1 : __real_fchmod(fd, mode);
}

int
__wrap_rename(const char *from, const char *to)
{
	return fails(F_RENAME) ? -1 : __real_rename(from, to);
}

/* ---- fixtures --------------------------------------------------------- */

static const char OLD[] = "old content\n";
static const char NEW[] = "新的内容 new content\n";

static int
setup(void **state)
{
	char *dir = fs_tmpdir();

	if (dir == NULL)
		return -1;
	inject_reset();
	*state = dir;
	return 0;
}

static int
teardown(void **state)
{
	char *dir = *state;

	inject_reset();
	chmod(dir, 0700);
	umount2(fs_path(dir, "small"), MNT_DETACH); /* left mounted by a failed test */
	fs_rmtree(dir);
	free(dir);
	return 0;
}

/* path holds exactly the text s. */
static void
assert_content(const char *path, const char *s)
{
	size_t len;
	char *got = fs_read(path, &len);

	assert_non_null(got);
	assert_int_equal(len, strlen(s));
	assert_memory_equal(got, s, len);
	free(got);
}

/* No temporary file (.NAME.XXXXXX) is left in dir. */
static void
assert_no_temp(const char *dir)
{
	char name[256] = "";

	if (fs_count(dir, ".", name, sizeof name) != 0)
		fail_msg("temporary file left behind: %s/%s", dir, name);
}

/* *err names path and the reason, and is freed. */
static void
assert_err(char **err, const char *path, const char *reason)
{
	assert_non_null(*err);
	if (strstr(*err, path) == NULL || strstr(*err, reason) == NULL)
		fail_msg("message '%s' should name '%s' and '%s'", *err, path, reason);
	free(*err);
	*err = NULL;
}

/* ---- success ---------------------------------------------------------- */

static void
test_new_file(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "f.txt");
	char *err = (char *)"untouched";

	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, &err), 0);
	assert_null(err);
	assert_content(p, NEW);
	assert_int_equal(fs_mode(p), 0600);
	assert_int_equal(fs_count(dir, "", NULL, 0), 1);
}

/* The old file is replaced, its mode too, and the umask does not apply. */
static void
test_replace_and_modes(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "f.txt");
	char *err = NULL;
	mode_t old = umask(077);

	assert_int_equal(fs_write(p, OLD, strlen(OLD)), 0);
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0644, &err), 0);
	assert_content(p, NEW);
	assert_int_equal(fs_mode(p), 0644);
	assert_int_equal(atomic_write(p, OLD, strlen(OLD), 0640, &err), 0);
	assert_content(p, OLD);
	assert_int_equal(fs_mode(p), 0640);
	umask(old);
	assert_null(err);
	assert_no_temp(dir);
}

static void
test_empty_data(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "f.txt");

	assert_int_equal(fs_write(p, OLD, strlen(OLD)), 0);
	assert_int_equal(atomic_write(p, "", 0, 0600, NULL), 0);
	assert_content(p, "");
	assert_no_temp(dir);
}

/* Short writes and interrupted writes are carried on to the end. */
static void
test_short_and_interrupted_writes(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "big");
	size_t i, n = 100000;
	char *data = malloc(n + 1);

	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	data[n] = '\0';
	inj.chunk = 7;
	inj.eintr = 1;
	inj.armed = 1;
	assert_int_equal(atomic_write(p, data, n, 0600, NULL), 0);
	assert_true(inj.calls[F_WRITE] >= (int)(2 * (n / 7)));
	assert_int_equal(inj.write_bytes, (long)n);
	inj.armed = 0;
	assert_content(p, data);
	free(data);
	assert_no_temp(dir);
}

/* A relative path: the temporary file goes to the working directory. */
static void
test_relative_path(void **state)
{
	const char *dir = *state;
	char cwd[4096];

	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(atomic_write("rel.txt", NEW, strlen(NEW), 0600, NULL), 0);
	assert_int_equal(chdir(cwd), 0);
	assert_content(fs_path(dir, "rel.txt"), NEW);
	assert_no_temp(dir);
}

/* A symbolic link at path is replaced, not followed: its target is intact. */
static void
test_symlink_replaced(void **state)
{
	const char *dir = *state, *target = fs_path(dir, "target"), *link = fs_path(dir, "link");
	struct stat st;

	assert_int_equal(fs_write(target, OLD, strlen(OLD)), 0);
	assert_int_equal(symlink("target", link), 0);
	assert_int_equal(atomic_write(link, NEW, strlen(NEW), 0600, NULL), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_content(link, NEW);
	assert_content(target, OLD);
}

/* ---- failures --------------------------------------------------------- */

struct inj_case {
	const char *name;
	int f, at, e;
	const char *reason; /* in the message besides strerror */
};

/* Each step failing: -1, a message naming the path and the error, the old
 * file untouched, no temporary file left. */
static void
test_each_step_fails(void **state)
{
	static const struct inj_case cases[] = {
		{"first write, full disk", F_WRITE, 0, ENOSPC, "cannot write"},
		{"a later write, full disk", F_WRITE, 3, ENOSPC, "cannot write"},
		{"a write, I/O error", F_WRITE, 1, EIO, "cannot write"},
		{"a write, quota", F_WRITE, 2, EDQUOT, "cannot write"},
		{"fsync of the file, full disk", F_FSYNC, 0, ENOSPC, "to disk"},
		{"fsync of the file, I/O error", F_FSYNC, 0, EIO, "to disk"},
		{"close, full disk (NFS)", F_CLOSE, 0, ENOSPC, "cannot write"},
		{"close, I/O error", F_CLOSE, 0, EIO, "cannot write"},
		{"fchmod", F_FCHMOD, 0, EPERM, "permissions"},
		{"rename, cross-device", F_RENAME, 0, EXDEV, "cannot replace"},
		{"rename, full disk", F_RENAME, 0, ENOSPC, "cannot replace"},
	};
	const char *dir = *state, *p = fs_path(dir, "f.txt");
	size_t i, n = 20000;
	char *data = malloc(n), *err = NULL;

	assert_non_null(data);
	memset(data, 'x', n);
	assert_int_equal(fs_write(p, OLD, strlen(OLD)), 0);
	assert_int_equal(chmod(p, 0644), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		inject_reset();
		inject(cases[i].f, cases[i].at, cases[i].e);
		inj.chunk = 4096; /* several writes */
		if (atomic_write(p, data, n, 0600, &err) != -1)
			fail_msg("%s: atomic_write succeeded", cases[i].name);
		inj.armed = 0;
		if (inj.calls[cases[i].f] <= cases[i].at)
			fail_msg("%s: the failing call was never made", cases[i].name);
		assert_err(&err, p, strerror(cases[i].e));
		assert_content(p, OLD);
		assert_int_equal(fs_mode(p), 0644);
		assert_no_temp(dir);
		/* A failed fsync is never retried. */
		if (cases[i].f == F_FSYNC)
			assert_int_equal(inj.calls[F_FSYNC], 1);
	}
	/* The same failures without an old file leave no file at all. */
	assert_int_equal(unlink(p), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		inject_reset();
		inject(cases[i].f, cases[i].at, cases[i].e);
		inj.chunk = 4096;
		assert_int_equal(atomic_write(p, data, n, 0600, NULL), -1); /* err may be NULL */
		inj.armed = 0;
		assert_int_equal(fs_count(dir, "", NULL, 0), 0);
	}
	free(data);
}

/* The directory's fsync failing: the new file is in place (the rename was
 * done), but the caller hears that it may not survive a crash. */
static void
test_dir_fsync_fails(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "f.txt");
	char *err = NULL;

	assert_int_equal(fs_write(p, OLD, strlen(OLD)), 0);
	inject(F_FSYNC, 1, EIO);
	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, &err), -1);
	inj.armed = 0;
	assert_int_equal(inj.calls[F_FSYNC], 2);
	assert_non_null(err);
	assert_non_null(strstr(err, "directory"));
	assert_err(&err, p, strerror(EIO));
	assert_content(p, NEW);
	assert_no_temp(dir);
}

/* A file system that cannot sync directories (EINVAL) is not an error. */
static void
test_dir_fsync_unsupported(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "f.txt");

	inject(F_FSYNC, 1, EINVAL);
	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, NULL), 0);
	inj.armed = 0;
	assert_content(p, NEW);
}

/* Replacing a directory fails at the rename; the directory is untouched. */
static void
test_target_is_directory(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "d");
	char *err = NULL;

	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(fs_write(fs_path(p, "inside"), OLD, strlen(OLD)), 0);
	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, &err), -1);
	assert_err(&err, p, "cannot replace");
	assert_content(fs_path(p, "inside"), OLD);
	assert_no_temp(dir);
	/* A path that names no file at all. */
	assert_int_equal(atomic_write(fs_path(dir, "d/"), NEW, 3, 0600, &err), -1);
	assert_err(&err, "d/", strerror(EISDIR));
}

static void
test_directory_missing(void **state)
{
	const char *dir = *state, *p = fs_path(dir, "no/such/f.txt");
	char *err = NULL;

	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, &err), -1);
	assert_err(&err, p, strerror(ENOENT));
	assert_int_equal(fs_count(dir, "", NULL, 0), 0);
}

/* Writes into ro/ as a user who may not write there: 0 when all was as
 * expected, else the number of the check that failed. */
static int
try_unwritable(const char *ro, const char *p)
{
	char *err = NULL;

	if (atomic_write(p, NEW, strlen(NEW), 0600, &err) != -1)
		return 1;
	if (err == NULL || strstr(err, p) == NULL || strstr(err, strerror(EACCES)) == NULL)
		return 2;
	free(err);
	if (fs_count(ro, ".", NULL, 0) != 0)
		return 3;
	return 0;
}

/* A directory the user may not write: as root, a child process becomes
 * nobody to try (root would be allowed). */
static void
test_directory_not_writable(void **state)
{
	const char *dir = *state;
	char ro[4096], p[4200];
	pid_t pid;
	int status, r;

	snprintf(ro, sizeof ro, "%s/ro", dir);
	snprintf(p, sizeof p, "%s/f.txt", ro);
	assert_int_equal(mkdir(ro, 0700), 0);
	assert_int_equal(fs_write(p, OLD, strlen(OLD)), 0);
	assert_int_equal(chmod(p, 0644), 0);
	assert_int_equal(chmod(ro, 0555), 0);
	assert_int_equal(chmod(dir, 0755), 0);
	if (geteuid() != 0) {
		r = try_unwritable(ro, p);
	} else {
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(77);
			_exit(try_unwritable(ro, p));
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		r = WEXITSTATUS(status);
		if (r == 77) {
			chmod(ro, 0700);
			skip();
		}
	}
	chmod(ro, 0700);
	if (r != 0)
		fail_msg("check %d failed in the unprivileged process", r);
	assert_content(p, OLD);
}

/* A real full disk: a 64 KiB tmpfs mounted in a private mount namespace
 * (skipped when this process may not do that). */
static void
test_enospc_tmpfs(void **state)
{
	const char *dir = *state;
	char mnt[4096], p[4200], *err = NULL, *big;
	size_t n = 1 << 20;
	struct statvfs before, after;

	snprintf(mnt, sizeof mnt, "%s/small", dir);
	snprintf(p, sizeof p, "%s/f.txt", mnt);
	assert_int_equal(mkdir(mnt, 0700), 0);
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", mnt, "tmpfs", 0, "size=64k,mode=0700") != 0) {
		print_message("[  SKIP    ] cannot mount a tmpfs here: %s\n", strerror(errno));
		skip();
	}
	big = malloc(n);
	assert_non_null(big);
	memset(big, 'y', n);
	assert_int_equal(atomic_write(p, OLD, strlen(OLD), 0600, &err), 0);
	assert_int_equal(statvfs(mnt, &before), 0);
	if (atomic_write(p, big, n, 0600, &err) != -1) {
		umount(mnt);
		fail_msg("1 MiB written to a 64 KiB file system");
	}
	assert_err(&err, p, strerror(ENOSPC));
	assert_content(p, OLD);
	assert_no_temp(mnt);
	/* The space the temporary file took is free again. */
	assert_int_equal(statvfs(mnt, &after), 0);
	assert_int_equal(after.f_bfree, before.f_bfree);
	/* And a write that fits still works. */
	assert_int_equal(atomic_write(p, NEW, strlen(NEW), 0600, NULL), 0);
	assert_content(p, NEW);
	free(big);
	assert_int_equal(umount(mnt), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_and_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_and_interrupted_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relative_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_step_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_fsync_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_fsync_unsupported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_is_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_not_writable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enospc_tmpfs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
