/*
 * strbuf.h — a growable byte buffer for output built in memory (a bank, a
 * CSV or GIFT file) before the command layer decides where it goes.
 *
 * Out of memory is sticky: after a failed append every later one is a no-op
 * and 'oom' stays set, so a writer checks once at the end.  The data is kept
 * NUL-terminated (when anything was added) and owned by the buffer.
 */
#ifndef JINGSAI_STRBUF_H
#define JINGSAI_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *data;
	size_t len, cap;
	int oom;
};

/* Append n bytes of s. */
void strbuf_add(struct strbuf *b, const char *s, size_t n);
/* Append a NUL-terminated string. */
void strbuf_puts(struct strbuf *b, const char *s);
/* Append one byte. */
void strbuf_putc(struct strbuf *b, char c);
/* Append printf-formatted text. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Free the data; the buffer is empty (and no longer out of memory) afterwards. */
void strbuf_free(struct strbuf *b);

#endif
