/*
 * atomic.h — replace or create a file so that a crash or a full disk never
 * leaves it half written: a temporary file in the same directory, fsync,
 * then rename (or link, when an existing file must not be replaced).
 */
#ifndef JINGSAI_ATOMIC_H
#define JINGSAI_ATOMIC_H

#include <stddef.h>

/* Write len bytes of data as path.  Unless 'replace', an existing path is
 * left alone and the call fails with errno EEXIST.  On failure returns -1
 * with errno set and *step naming what failed ("create", "write", "fsync",
 * "rename", ...); the temporary file is removed and path is untouched. */
int atomic_write(const char *path, const void *data, size_t len, int replace, const char **step);

#endif
