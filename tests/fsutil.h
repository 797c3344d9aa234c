/*
 * fsutil.h — file helpers for the suites that write files: a fresh
 * temporary directory per test, removed afterwards, and small readers.
 * Needs _GNU_SOURCE (nftw) defined before the first include.
 */
#ifndef JINGSAI_TEST_FSUTIL_H
#define JINGSAI_TEST_FSUTIL_H

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new directory under $TMPDIR (or /tmp); malloc'd path, NULL on failure. */
static inline char *
fs_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *s;

	if (t == NULL || *t != '/')
		t = "/tmp";
	if ((s = malloc(strlen(t) + 32)) == NULL)
		return NULL;
	sprintf(s, "%s/jingsai-test.XXXXXX", t);
	if (mkdtemp(s) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

static inline int
fs_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Remove path and everything under it (symbolic links are not followed). */
static inline int
fs_rmtree(const char *path)
{
	return nftw(path, fs_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* "dir/name" in a static buffer of a few (rotating) slots. */
static inline const char *
fs_path(const char *dir, const char *name)
{
	static char slots[4][4096];
	static int k;
	char tmp[sizeof slots[0]], *s = slots[k++ % 4];

	/* Through tmp: dir may be an earlier slot. */
	if (snprintf(tmp, sizeof tmp, "%s/%s", dir, name) >= (int)sizeof tmp)
		abort(); /* no test makes paths that long */
	memcpy(s, tmp, sizeof tmp);
	return s;
}

/* The whole content of path, malloc'd and NUL-terminated, its length in *len
 * (when not NULL); NULL when it cannot be read. */
static inline char *
fs_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t n = 0, cap = 0, got;

	if (fp == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap * 2 + 4096;
			if ((nb = realloc(buf, cap + 1)) == NULL)
				goto fail;
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp))
		goto fail;
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
fail:
	free(buf);
	fclose(fp);
	return NULL;
}

/* Replace path with len bytes of data (not atomically: test set-up). */
static inline int
fs_write(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	int r;

	if (fp == NULL)
		return -1;
	r = fwrite(data, 1, len, fp) == len ? 0 : -1;
	if (fclose(fp) != 0)
		r = -1;
	return r;
}

/* How many entries of dir have a name starting with prefix ("" counts all
 * but . and ..); the last such name is copied to last (when not NULL). */
static inline int
fs_count(const char *dir, const char *prefix, char *last, size_t lastsz)
{
	struct dirent *de;
	DIR *dp = opendir(dir);
	int n = 0;

	if (dp == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		n++;
		if (last != NULL)
			snprintf(last, lastsz, "%s", de->d_name);
	}
	closedir(dp);
	return n;
}

/* The permission bits of path, or -1. */
static inline int
fs_mode(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

#endif
