/*
 * json.c — JSON string output (see json.h).
 */
#include "json.h"

#include <string.h>

#include "strbuf.h"
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

/* Whether code point cp must be escaped for a YAML reader to give it back:
 * YAML 1.1 takes neither C1 controls nor U+FFFE/U+FFFF raw, and folds NEL,
 * LS and PS like line breaks inside a quoted scalar. */
static int
yaml_needs_escape(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfffe ||
	       cp == 0xffff;
}

void
json_strbuf(struct strbuf *b, const char *s)
{
	size_t i = 0, n, len;
	unsigned cp;

	if (s == NULL) {
		strbuf_puts(b, "null");
		return;
	}
	n = strlen(s);
	strbuf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			len = text_decode(s + i, n - i, &cp);
			if (len == 0) {
				strbuf_puts(b, "\\ufffd");
				i++;
			} else {
				if (yaml_needs_escape(cp))
					strbuf_printf(b, "\\u%04x", cp);
				else
					strbuf_add(b, s + i, len);
				i += len;
			}
			continue;
		}
		switch (c) {
		case '"':
			strbuf_puts(b, "\\\"");
			break;
		case '\\':
			strbuf_puts(b, "\\\\");
			break;
		case '\n':
			strbuf_puts(b, "\\n");
			break;
		case '\r':
			strbuf_puts(b, "\\r");
			break;
		case '\t':
			strbuf_puts(b, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				strbuf_printf(b, "\\u%04x", c);
			else
				strbuf_putc(b, (char)c);
		}
		i++;
	}
	strbuf_putc(b, '"');
}
