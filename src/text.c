/*
 * text.c — UTF-8, display width, folding and sizes for messages (see text.h).
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif

#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

size_t
text_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = s[0];
		return 0;
	}
	if (len > n) {
		*cp = s[0];
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = s[0];
		return 0;
	}
	*cp = c;
	return len;
}

size_t
text_width_n(const char *s, size_t n)
{
	size_t i = 0, w = 0, len;
	unsigned cp;
	int cw;

	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (len == 0) {
			w++;
			i++;
			continue;
		}
		i += len;
		cw = wcwidth((wchar_t)cp);
		if (cw < 0)
			cw = cp < 0x20 || cp == 0x7f ? 1 : (cp >= 0x1100 ? 2 : 1);
		w += (size_t)cw;
	}
	return w;
}

size_t
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

void
text_setup_ctype(void)
{
	const char *cs;

	if (setlocale(LC_CTYPE, "") != NULL) {
		cs = nl_langinfo(CODESET);
		if (cs != NULL && strcmp(cs, "UTF-8") == 0)
			return;
	}
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
}

static int
is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
}

size_t
text_fold_char(const char *s, size_t n, char *out, size_t *outlen)
{
	unsigned cp;
	size_t len;

	if (n == 0) {
		*outlen = 0;
		return 0;
	}
	if ((unsigned char)s[0] < 0x80) { /* the common case, without decoding */
		out[0] = (char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] + ('a' - 'A') : s[0]);
		*outlen = 1;
		return 1;
	}
	len = text_decode(s, n, &cp);
	if (len == 0) {
		out[0] = s[0]; /* an invalid byte is a character of its own */
		*outlen = 1;
		return 1;
	}
	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xfee0; /* full-width forms */
	else if (cp == 0x3000)
		cp = ' ';
	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
		*outlen = 1;
	} else {
		memcpy(out, s, len);
		*outlen = len;
	}
	return len;
}

/* ASCII final punctuation that a typed answer may carry (！ is folded to !;
 * 。 is handled where it is met). */
static int
is_final_punct(unsigned cp)
{
	return cp == '.' || cp == '!';
}

/* Byte-wise rather than built on text_fold_char: the loader folds every
 * question and option, and decoding each character cost lint 4% of its
 * instructions on the bench bank.  The two agree (tests/test_text.c). */
size_t
text_fold(const char *str, size_t n, char *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, o = 0, keep = 0;
	unsigned c;

	/* Byte by byte: only ASCII, the full-width forms (EF BC 81 .. EF BD 9E),
	 * the ideographic space (E3 80 80) and 。 (E3 80 82) change or matter;
	 * every other byte, valid UTF-8 or not, is copied as it is. */
	while (i < n) {
		c = s[i];
		if (c == 0xef && i + 2 < n &&
		    ((s[i + 1] == 0xbc && s[i + 2] >= 0x81 && s[i + 2] <= 0xbf) ||
		     (s[i + 1] == 0xbd && s[i + 2] >= 0x80 && s[i + 2] <= 0x9e))) {
			c = (s[i + 1] == 0xbc ? 0x20u : 0x60u) + (s[i + 2] & 0x3fu);
			i += 3;
		} else if (c == 0xe3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
			c = ' ';
			i += 3;
		} else if (c == 0xe3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x82) {
			memcpy(out + o, s + i, 3); /* 。: final punctuation, keep not moved */
			o += 3;
			i += 3;
			continue;
		} else if (c >= 0x80) {
			out[o++] = (char)c;
			keep = o;
			i++;
			continue;
		} else {
			i++;
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (o == 0 && is_space(c))
			continue; /* leading white space */
		out[o++] = (char)c;
		if (!is_space(c) && !is_final_punct(c))
			keep = o;
	}
	/* Drop the trailing run of white space and final punctuation. */
	out[keep] = '\0';
	return keep;
}

unsigned
text_distance(const char *a, const char *b, unsigned cap)
{
	unsigned row[64], i, j, prev, cur, best;
	size_t la = strlen(a), lb = strlen(b);

	if (la >= 64 || lb >= 64)
		return cap;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best >= cap)
			return cap;
	}
	return row[lb] < cap ? row[lb] : cap;
}

const char *
text_size(char *buf, size_t n, size_t bytes)
{
	if (bytes < 1024 * 1024)
		snprintf(buf, n, _("%zu bytes"), bytes);
	else if (bytes % (1024 * 1024) == 0)
		snprintf(buf, n, "%zu MiB", bytes >> 20);
	else
		snprintf(buf, n, "%.1f MiB", (double)bytes / (1024 * 1024));
	return buf;
}
