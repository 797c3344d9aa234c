/*
 * wrap.c — line breaking by display width (see wrap.h).
 */
#include <stdbool.h>
#include <wchar.h>

#include "text.h"
#include "wrap.h"

static bool
is_closing(unsigned c)
{
	switch (c) {
	case 0xFF0C: /* ， */
	case 0x3002: /* 。 */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0xFF1F: /* ？ */
	case 0xFF01: /* ！ */
	case 0xFF09: /* ） */
	case 0x300B: /* 》 */
	case 0x3009: /* 〉 */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0x3011: /* 】 */
	case 0x201D: /* ” */
	case 0x2019: /* ’ */
	case 0x2026: /* … */
	case 0x2014: /* — */
	case ',':
	case '.':
	case ';':
	case ':':
	case '?':
	case '!':
	case ')':
	case ']':
		return true;
	default:
		return false;
	}
}

static bool
is_opening(unsigned c)
{
	switch (c) {
	case 0xFF08: /* （ */
	case 0x300A: /* 《 */
	case 0x3008: /* 〈 */
	case 0x300C: /* 「 */
	case 0x300E: /* 『 */
	case 0x3010: /* 【 */
	case 0x201C: /* “ */
	case 0x2018: /* ‘ */
	case '(':
	case '[':
		return true;
	default:
		return false;
	}
}

static size_t
char_width(unsigned c)
{
	int w = c < 0x80 ? (c >= 0x20 && c != 0x7f) : wcwidth((wchar_t)c);

	return w < 0 ? 1 : (size_t)w;
}

size_t
wrap_line(const char *s, size_t len, size_t width, size_t *next)
{
	size_t i = 0, w = 0, brk = 0, brk_next = 0, n, cw;
	unsigned c, prev = 0;
	bool prev_wide = false, wide;

	while (i < len) {
		n = text_decode(s + i, len - i, &c);
		if (n == 0)
			n = 1;
		if (c == '\n') {
			*next = i + 1;
			return i;
		}
		cw = char_width(c);
		wide = cw == 2;
		/* Is there a break opportunity before this character? */
		if (i > 0) {
			if (prev == ' ' && c != ' ') {
				brk = i;
				brk_next = i;
				/* the line ends before the spaces */
				while (brk > 0 && s[brk - 1] == ' ')
					brk--;
			} else if ((wide || prev_wide) && c != ' ' && !is_closing(c) &&
				   !is_opening(prev)) {
				brk = i;
				brk_next = i;
			}
		}
		if (w + cw > width && i > 0 && c != ' ') {
			if (brk > 0) {
				*next = brk_next;
				return brk;
			}
			*next = i;
			return i;
		}
		w += cw;
		prev = c;
		prev_wide = wide;
		i += n;
	}
	*next = len;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i;
}
