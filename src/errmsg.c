/*
 * errmsg.c — formatted error messages for callers (see errmsg.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "errmsg.h"

void
errmsg_set(char **err, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	if (err == NULL)
		return;
	*err = NULL;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*err = s;
}
