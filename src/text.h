/*
 * text.h — small text helpers: UTF-8 decoding, display width, answer folding,
 * edit distance.  Pure functions, no allocation.
 */
#ifndef JINGSAI_TEXT_H
#define JINGSAI_TEXT_H

#include <stddef.h>

/* Decode one UTF-8 sequence at s (n bytes available) into *cp; return its
 * length, or 0 when it is not valid UTF-8 (then *cp is the byte). */
size_t text_decode(const char *s, size_t n, unsigned *cp);

/* Display width of a NUL-terminated UTF-8 string in terminal columns: CJK counts
 * two, combining marks none, control characters and invalid bytes one.  Needs a
 * UTF-8 LC_CTYPE (see text_setup_ctype). */
size_t text_width(const char *s);
/* The same for the first n bytes. */
size_t text_width_n(const char *s, size_t n);

/* Make LC_CTYPE a UTF-8 locale so wcwidth works: the user's if it is UTF-8,
 * else C.UTF-8.  Call once from main. */
void text_setup_ctype(void);

/* Fold typed or stored text for comparison: full-width ASCII forms to
 * half-width, the ideographic space to a space, ASCII letters to lower case,
 * surrounding white space and final punctuation (。.！!) removed.  Writes at
 * most n bytes plus a NUL to out (which may not overlap s) and returns the
 * folded length; out needs n + 1 bytes. */
size_t text_fold(const char *s, size_t n, char *out);

/* Fold the one character at s (n bytes available) the way text_fold does,
 * without trimming: writes its folded bytes (1 to 4, no NUL) to out, their
 * count to *outlen, and returns how many bytes of s it used (an invalid byte is
 * a character of its own; 0 only when n is 0).  It never writes more bytes
 * than it used, and never more than 4. */
size_t text_fold_char(const char *s, size_t n, char *out, size_t *outlen);

/* Levenshtein distance between two short ASCII strings, capped at 'cap'. */
unsigned text_distance(const char *a, const char *b, unsigned cap);

/* A file size for messages into buf (size n): "%zu bytes" (translated) below
 * 1 MiB, else MiB, with one decimal unless whole.  Returns buf. */
const char *text_size(char *buf, size_t n, size_t bytes);

#endif
