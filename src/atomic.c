/*
 * atomic.c — crash-safe file replacement (see atomic.h).
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* fsync the directory that holds path, so that the new name survives a crash. */
static int
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, r;

	if (slash == NULL)
		dir = mem_strdup(".");
	else if (slash == path)
		dir = mem_strdup("/");
	else if ((dir = mem_alloc((size_t)(slash - path) + 1)) != NULL) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	if (dir == NULL) {
		errno = ENOMEM;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	mem_free(dir);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	/* Some file systems cannot fsync a directory; the data is safe anyway. */
	return r != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
}

int
atomic_write(const char *path, const void *data, size_t len, int replace, const char **step)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	struct stat st;
	mode_t mask, mode = 0666;
	char *tmp;
	int fd, saved;

	*step = "create";
	if (!replace && lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777; /* a replaced file keeps its mode */
	else {
		mask = umask(0);
		umask(mask);
		mode &= ~mask;
	}
	if ((tmp = mem_alloc(dirlen + sizeof(".jingsai.XXXXXX"))) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(tmp, path, dirlen);
	memcpy(tmp + dirlen, ".jingsai.XXXXXX", sizeof(".jingsai.XXXXXX"));
	if ((fd = mkstemp(tmp)) < 0) {
		mem_free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0) {
		*step = "chmod";
		goto fail;
	}
	*step = "write";
	if (write_all(fd, data, len) != 0)
		goto fail;
	*step = "fsync";
	if (fsync(fd) != 0)
		goto fail;
	*step = "close";
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (replace) {
		*step = "rename";
		if (rename(tmp, path) != 0)
			goto fail;
	} else {
		/* link() refuses to replace: a file that appeared meanwhile stays. */
		*step = "link";
		if (link(tmp, path) != 0) {
			/* FAT on a USB stick has no hard links: check, then rename. */
			if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
				goto fail;
			if (lstat(path, &st) == 0) {
				errno = EEXIST;
				goto fail;
			}
			*step = "rename";
			if (rename(tmp, path) != 0)
				goto fail;
		} else {
			unlink(tmp);
		}
	}
	mem_free(tmp);
	*step = "fsync";
	return sync_dir(path);
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	mem_free(tmp);
	errno = saved;
	return -1;
}
