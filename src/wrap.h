/*
 * wrap.h — breaking text into lines of a given display width.  Chinese has
 * no spaces, so a line may end between any two wide characters, but not
 * before closing punctuation (，。、）》…) nor after opening punctuation
 * (（《“…); Latin text breaks at spaces.  Pure, no allocation.
 */
#ifndef JINGSAI_WRAP_H
#define JINGSAI_WRAP_H

#include <stddef.h>

/* The next line of s[0..len): returns how many bytes it takes (at least one
 * character, even when that is wider than width) and sets *next to where the
 * following line starts (spaces at the break are dropped).  A '\n' ends a line. */
size_t wrap_line(const char *s, size_t len, size_t width, size_t *next);

#endif
