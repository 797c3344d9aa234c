/*
 * errmsg.h — error messages modules hand back to their callers: a module
 * never prints, it fills a char **err the caller reports and frees (with
 * free(), not mem_free: these are plain malloc'd).
 */
#ifndef JINGSAI_ERRMSG_H
#define JINGSAI_ERRMSG_H

/* Store a malloc'd formatted message in *err (when err is not NULL); *err
 * is NULL when there was no memory for it. */
void errmsg_set(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
