/*
 * encoding.h — bring a text file an author gives us to UTF-8.
 *
 * Spreadsheets saved by Excel or WPS on a Chinese Windows are GBK unless the
 * author picked "CSV UTF-8"; text files from Notepad may be either.  A file
 * that is valid UTF-8 is taken as UTF-8 (a BOM is dropped); anything else is
 * converted from GB18030, the superset of GBK, with glibc's iconv(3).
 */
#ifndef JINGSAI_ENCODING_H
#define JINGSAI_ENCODING_H

#include <stddef.h>

enum encoding {
	ENC_UTF8,     /* valid UTF-8 without a BOM */
	ENC_UTF8_BOM, /* valid UTF-8 after a BOM */
	ENC_GB18030,  /* converted from GBK / GB18030 */
};

enum enc_status {
	ENC_OK = 0,
	ENC_NOMEM = -1,
	ENC_UNKNOWN = -2, /* neither UTF-8 nor GB18030: *bad is the first byte that is not UTF-8 */
	ENC_UTF16 = -3,   /* a UTF-16 byte-order mark */
	ENC_NUL = -4,     /* a NUL byte at *bad: a binary file, or UTF-16 without a mark */
	ENC_NOICONV = -5, /* the C library cannot convert from GB18030 (errno says why) */
};

/* Convert n bytes of in to UTF-8 without a BOM.  On ENC_OK *out is a new
 * NUL-terminated buffer from mem_alloc (the caller frees it with mem_free) of
 * *outlen bytes, and *enc says what the input was.  Line breaks are kept, so
 * line numbers in the output are those of the input. */
enum enc_status enc_to_utf8(const char *in, size_t n, char **out, size_t *outlen,
			    enum encoding *enc, size_t *bad);

/* The name of an encoding for messages: "UTF-8", "GBK/GB18030". */
const char *enc_name(enum encoding enc);

/* The byte offset of the first invalid UTF-8 sequence in s, or n when s is
 * valid UTF-8. */
size_t enc_utf8_invalid(const char *s, size_t n);

#endif
