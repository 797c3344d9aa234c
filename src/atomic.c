/*
 * atomic.c — crash-safe file replacement (see atomic.h).
 *
 * The order of steps is what makes it safe: the data reaches the disk
 * (fsync) before the rename makes it visible, and the directory is synced
 * after, so a crash at any point leaves either the old file or the complete
 * new one.  A failed fsync is never retried: Linux may have dropped the dirty
 * pages and a second fsync would report success for data that is gone.
 */
#define _GNU_SOURCE /* mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "errmsg.h"
#include "i18n.h"

/* Write all of data to fd, going on after short writes and interruptions. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len > SSIZE_MAX ? SSIZE_MAX : len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) { /* nothing written and no error: treat as a full disk */
			errno = ENOSPC;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Sync the directory dir (its entries, that is: the rename).  A file system
 * that cannot sync directories says EINVAL; there is nothing more to do then. */
static int
sync_dir(const char *dir)
{
	int fd, e;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd); /* read-only: nothing to lose */
	return 0;
}

int
atomic_write(const char *path, const void *data, size_t len, mode_t mode, char **err)
{
	const char *slash, *base;
	char *tmp = NULL, *dir = NULL;
	size_t dirlen, baselen;
	int fd = -1, e;

	if (err != NULL)
		*err = NULL;
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	baselen = strlen(base);
	if (baselen == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		errmsg_set(err, _("cannot write %s: %s"), path, strerror(EISDIR));
		return -1;
	}
	/* dir is what precedes the last '/': "" means the working directory,
	 * a path like "/x" has the root as its directory. */
	dirlen = slash == NULL ? 0 : slash == path ? 1 : (size_t)(slash - path);
	dir = malloc(dirlen + 2);
	tmp = malloc(dirlen + 1 + 1 + baselen + 8);
	if (dir == NULL || tmp == NULL) {
		e = errno;
		goto fail_msg_nomem;
	}
	if (dirlen == 0) {
		strcpy(dir, ".");
		sprintf(tmp, ".%s.XXXXXX", base);
	} else {
		memcpy(dir, path, dirlen);
		dir[dirlen] = '\0';
		sprintf(tmp, "%s%s.%s.XXXXXX", dir, dirlen == 1 && *dir == '/' ? "" : "/", base);
	}

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		errmsg_set(err, _("cannot create a temporary file beside %s: %s"), path,
			   strerror(errno));
		goto out;
	}
	if (fchmod(fd, mode) != 0) {
		errmsg_set(err, _("cannot set the permissions of %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (write_all(fd, data, len) != 0) {
		errmsg_set(err, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (fsync(fd) != 0) {
		errmsg_set(err, _("cannot write %s to disk: %s"), path, strerror(errno));
		goto fail;
	}
	e = close(fd);
	fd = -1;
	if (e != 0) { /* on Linux the descriptor is gone whatever close says */
		errmsg_set(err, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		errmsg_set(err, _("cannot replace %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (sync_dir(dir) != 0) {
		errmsg_set(err, _("%s was written, but its directory could not be synced: %s"),
			   path, strerror(errno));
		free(tmp);
		free(dir);
		return -1;
	}
	free(tmp);
	free(dir);
	return 0;

fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
out:
	free(tmp);
	free(dir);
	return -1;
fail_msg_nomem:
	free(tmp);
	free(dir);
	errmsg_set(err, _("cannot write %s: %s"), path, strerror(e));
	return -1;
}
