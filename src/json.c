/*
 * json.c — JSON string output (see json.h).
 */
#include "json.h"

#include <string.h>

#include "text.h"

void
json_string(FILE *fp, const char *s)
{
	size_t i = 0, n, len;
	unsigned cp;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	n = strlen(s);
	putc('"', fp);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			len = text_decode(s + i, n - i, &cp);
			if (len == 0) {
				fputs("\\ufffd", fp);
				i++;
			} else {
				fwrite(s + i, 1, len, fp);
				i += len;
			}
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(fp, "\\u%04x", c);
			else
				putc(c, fp);
		}
		i++;
	}
	putc('"', fp);
}
