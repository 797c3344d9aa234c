/*
 * atomic.h — replace a file so that a crash leaves the old or the new one,
 * never a mix.
 *
 * The new content goes to a temporary file beside the target, is synced to
 * disk, then renamed over the target, and the directory is synced so that
 * the rename itself survives a power cut.  Used for the wrong-answer book
 * and the scoreboards.
 */
#ifndef JINGSAI_ATOMIC_H
#define JINGSAI_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Write len bytes to path atomically: mkostemp "DIR/.NAME.XXXXXX" in the same
 * directory, fchmod mode (exactly: the umask does not apply), write all
 * (EINTR, short writes), fsync, close (checked), rename, fsync the directory.
 * On any error the temp file is removed, the old file is untouched, *err gets
 * a malloc'd message naming the path and strerror (caller frees; NULL if even
 * that allocation failed, or when err is NULL) and -1 is returned; 0 on
 * success.  One exception: when only the final directory fsync fails, the
 * new file is already in place (the rename may not survive a crash) and -1 is
 * still returned with a message saying so.  A symbolic link at path is
 * replaced by a regular file, not followed. */
int atomic_write(const char *path, const void *data, size_t len, mode_t mode, char **err);

#endif
