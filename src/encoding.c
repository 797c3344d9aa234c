/*
 * encoding.c — UTF-8 detection and GBK/GB18030 conversion (see encoding.h).
 */
#include "encoding.h"
#include "i18n.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "mem.h"
#include "text.h"

size_t
enc_utf8_invalid(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

static char *
copy_bytes(const char *s, size_t n)
{
	char *p = mem_alloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Convert from GB18030 with iconv; 0, -1 out of memory, -2 not GB18030, -3
 * no converter. */
static int
from_gb18030(const char *in, size_t n, char **out, size_t *outlen)
{
	iconv_t cd;
	char *buf, *ip = (char *)in, *op;
	size_t cap = n * 2 + 16, left = n, room, r;
	int status = 0;

	/* Each GB18030 character of 1, 2 or 4 bytes becomes at most 4 bytes of
	 * UTF-8 (and 2 bytes at most 3), so twice the input is nearly always
	 * enough; the buffer grows if it is not. */
	if (cap < n)
		return -1;
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return -3;
	if ((buf = mem_alloc(cap)) == NULL) {
		iconv_close(cd);
		return -1;
	}
	op = buf;
	room = cap - 1;
	while (left > 0) {
		r = iconv(cd, &ip, &left, &op, &room);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - buf);
			char *nb;

			if (cap > ((size_t)-1) / 2 || (nb = mem_realloc(buf, cap * 2)) == NULL) {
				status = -1;
				break;
			}
			buf = nb;
			cap *= 2;
			op = buf + used;
			room = cap - 1 - used;
			continue;
		}
		status = -2; /* EILSEQ, or EINVAL: a sequence cut short at the end */
		break;
	}
	iconv_close(cd);
	if (status != 0) {
		mem_free(buf);
		return status;
	}
	*op = '\0';
	*outlen = (size_t)(op - buf);
	*out = buf;
	return 0;
}

enum enc_status
enc_to_utf8(const char *in, size_t n, char **out, size_t *outlen, enum encoding *enc, size_t *bad)
{
	const char *nul;
	size_t at;
	int r;

	*out = NULL;
	*outlen = 0;
	*bad = 0;
	if (n >= 2 &&
	    ((in[0] == '\xff' && in[1] == '\xfe') || (in[0] == '\xfe' && in[1] == '\xff')))
		return ENC_UTF16;
	if ((nul = memchr(in, '\0', n)) != NULL) {
		*bad = (size_t)(nul - in);
		return ENC_NUL;
	}
	if (n >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {
		at = enc_utf8_invalid(in + 3, n - 3);
		if (at == n - 3) {
			*enc = ENC_UTF8_BOM;
			*outlen = n - 3;
			return (*out = copy_bytes(in + 3, n - 3)) != NULL ? ENC_OK : ENC_NOMEM;
		}
		*bad = at + 3; /* a BOM says UTF-8: do not guess further */
		return ENC_UNKNOWN;
	}
	at = enc_utf8_invalid(in, n);
	if (at == n) {
		*enc = ENC_UTF8;
		*outlen = n;
		return (*out = copy_bytes(in, n)) != NULL ? ENC_OK : ENC_NOMEM;
	}
	r = from_gb18030(in, n, out, outlen);
	if (r == -1)
		return ENC_NOMEM;
	if (r == -3)
		return ENC_NOICONV;
	if (r == -2) {
		*bad = at;
		return ENC_UNKNOWN;
	}
	*enc = ENC_GB18030;
	return ENC_OK;
}

const char *
enc_name(enum encoding enc)
{
	switch (enc) {
	case ENC_UTF8:
		return "UTF-8";
	case ENC_UTF8_BOM:
		return _("UTF-8 with BOM");
	default:
		return "GBK/GB18030";
	}
}
