/*
 * screen.c — the projector frame (see screen.h).
 *
 * A frame is drawn into a canvas of cells, one per terminal column (a wide
 * character takes two), then written out row by row: every row is rewritten
 * from its first column and erased to its end, so no clear is needed and
 * nothing flickers.  The canvas refuses anything that would cross its edges,
 * so whatever the text, the frame is never wider or taller than the terminal
 * and a wide character is never cut in half.
 *
 * Layout: a header at the top (the title bar, the round and the question
 * number), a footer at the bottom (a status line, the teams and their scores,
 * the host's keys), and between them a column of items (text, banners, block
 * digits, tables) centred vertically.  When the items do not fit, the layout
 * is made more compact step by step (no blank rows between items, smaller
 * digits, one-row banners, plain digits), and only then is the least
 * important text cut, marked with "..".
 *
 * Every word on the screen comes from the view: this file has none of its
 * own, so nothing here needs translating.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "text.h"
#include "wrap.h"

/* A terminal larger than this is drawn in its top-left part only. */
#define SCREEN_MAX 1000

/* Below this the simple layout: no banners, no block digits. */
#define TINY_COLS 40
#define TINY_ROWS 12

/* The layout levels, from roomy to compact: 0 blank rows between items,
 * the largest digits, banners of 3 rows; 1 no blank rows; 2 digits at
 * scale 1; 3 banners of one row, the podium without digits; 4 (LEVEL_MAX,
 * and the simple layout) the countdown as one row of text. */
#define LEVEL_MAX 4

#define BLOCK "\xe2\x96\x88" /* U+2588 FULL BLOCK */

/* ---- styles ---------------------------------------------------------------- */

enum style {
	ST_PLAIN,
	ST_BOLD,
	ST_BAR,      /* the title bar */
	ST_ROUND,    /* the round and its rules */
	ST_NUMBER,   /* the question number, team keys */
	ST_QUESTION, /* the question text */
	ST_DIGITS,   /* the countdown */
	ST_WARN,     /* the countdown in its last ten seconds */
	ST_BANNER,   /* large type */
	ST_ANSWER,   /* the answer revealed */
	ST_VERDICT,
	ST_SOURCE,
	ST_STATUS, /* a warning above the teams */
	ST_NOTE,   /* what just happened, above the teams */
	ST_HIGHLIGHT,
	ST_OUT,
	ST_SCORE,
	ST_HINT,
	ST_GOLD, /* podium banners, places 1 to 3 */
	ST_SILVER,
	ST_BRONZE,
	ST_PLACE1, /* podium digits and table ranks, places 1 to 3 */
	ST_PLACE2,
	ST_PLACE3,
	NSTYLE
};

/* SGR for each style: [0] without colour (bold, dim and reverse only), [1]
 * with colour.  Each starts from a reset so a style never inherits. */
static const char *const sgr[NSTYLE][2] = {
	[ST_PLAIN] = {"\033[0m", "\033[0m"},
	[ST_BOLD] = {"\033[0;1m", "\033[0;1m"},
	[ST_BAR] = {"\033[0;1;7m", "\033[0;1;97;44m"},
	[ST_ROUND] = {"\033[0;1m", "\033[0;1;96m"},
	[ST_NUMBER] = {"\033[0;1m", "\033[0;1;93m"},
	[ST_QUESTION] = {"\033[0;1m", "\033[0;1m"},
	[ST_DIGITS] = {"\033[0;1m", "\033[0;1;92m"},
	[ST_WARN] = {"\033[0;1;7m", "\033[0;1;91m"},
	[ST_BANNER] = {"\033[0;1;7m", "\033[0;1;97;41m"},
	[ST_ANSWER] = {"\033[0;1;7m", "\033[0;30;102m"},
	[ST_VERDICT] = {"\033[0;1m", "\033[0;1;93m"},
	[ST_SOURCE] = {"\033[0m", "\033[0;36m"},
	[ST_STATUS] = {"\033[0;1;7m", "\033[0;1;97;41m"},
	[ST_NOTE] = {"\033[0;1m", "\033[0;1;97m"},
	[ST_HIGHLIGHT] = {"\033[0;1;7m", "\033[0;30;103m"},
	[ST_OUT] = {"\033[0;2m", "\033[0;2m"},
	[ST_SCORE] = {"\033[0;1m", "\033[0;1m"},
	[ST_HINT] = {"\033[0;2m", "\033[0;2m"},
	[ST_GOLD] = {"\033[0;1;7m", "\033[0;30;103m"},
	[ST_SILVER] = {"\033[0;1;7m", "\033[0;30;47m"},
	[ST_BRONZE] = {"\033[0;1;7m", "\033[0;30;43m"},
	[ST_PLACE1] = {"\033[0;1m", "\033[0;1;93m"},
	[ST_PLACE2] = {"\033[0;1m", "\033[0;1;97m"},
	[ST_PLACE3] = {"\033[0;1m", "\033[0;1;33m"},
};

/* ---- characters ------------------------------------------------------------ */

/* One character of s[0..n) as the screen draws it: returns the bytes it
 * takes and sets what to draw (*g, *glen) and its width *w.  A tab becomes a
 * space, other control characters (ESC among them) and zero-width characters
 * nothing, an invalid byte '?'.  Text is measured with the same function it is
 * drawn with, so centring and truncation agree with the drawing. */
static size_t
glyph(const char *s, size_t n, const char **g, size_t *glen, int *w)
{
	unsigned cp;
	size_t len = text_decode(s, n, &cp);

	if (len == 0) {
		*g = "?";
		*glen = 1;
		*w = 1;
		return 1;
	}
	if (cp == '\t') {
		*g = " ";
		*glen = 1;
		*w = 1;
		return len;
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		*glen = 0;
		*w = 0;
		return len;
	}
	*w = (int)text_width_n(s, len);
	if (*w > 2)
		*w = 2;
	*g = s;
	*glen = *w > 0 ? len : 0;
	return len;
}

/* Display width of s[0..n) as drawn. */
static int
width_n(const char *s, size_t n)
{
	const char *g;
	size_t i = 0, gl;
	int w, sum = 0;

	while (i < n) {
		i += glyph(s + i, n - i, &g, &gl, &w);
		sum += w;
	}
	return sum;
}

static int
width(const char *s)
{
	return s ? width_n(s, strlen(s)) : 0;
}

/* How many bytes of s[0..n) fit in maxw columns without cutting a
 * character; their width goes to *w. */
static size_t
fit_n(const char *s, size_t n, int maxw, int *w)
{
	const char *g;
	size_t i = 0, len, gl;
	int cw, sum = 0;

	while (i < n) {
		len = glyph(s + i, n - i, &g, &gl, &cw);
		if (sum + cw > maxw)
			break;
		sum += cw;
		i += len;
	}
	*w = sum;
	return i;
}

/* Width of s[0..n) drawn "spaced": a blank column between two characters
 * when either is wide, so CJK names read as large type. */
static int
spaced_width(const char *s, size_t n)
{
	const char *g;
	size_t i = 0, gl;
	int w, sum = 0;
	bool prev_wide = false, prev = false;

	while (i < n) {
		i += glyph(s + i, n - i, &g, &gl, &w);
		if (w == 0)
			continue;
		if (prev && (prev_wide || w == 2) && *g != ' ')
			sum++;
		sum += w;
		prev = *g != ' ';
		prev_wide = w == 2;
	}
	return sum;
}

/* ---- the canvas ------------------------------------------------------------ */

struct cell {
	char ch[4];
	unsigned char len;  /* bytes in ch; 0 for a blank */
	unsigned char part; /* 0 narrow, 1 and 2 the halves of a wide character */
	unsigned char style;
};

struct canvas {
	struct cell *cell;
	int cols, rows;
	int clip; /* rows from here on are not drawn (the footer while the body is) */
};

static struct cell *
at(struct canvas *cv, int x, int y)
{
	return &cv->cell[(size_t)y * (size_t)cv->cols + (size_t)x];
}

/* Blank the character covering (x, y), both halves of a wide one. */
static void
unput(struct canvas *cv, int x, int y)
{
	struct cell *c = at(cv, x, y);

	if (c->part == 1 && x + 1 < cv->cols) {
		at(cv, x + 1, y)->part = 0;
		at(cv, x + 1, y)->len = 0;
	} else if (c->part == 2 && x > 0) {
		at(cv, x - 1, y)->part = 0;
		at(cv, x - 1, y)->len = 0;
	}
	c->part = 0;
	c->len = 0;
}

/* Put one character of width w at (x, y); false when it would not fit
 * entirely on the canvas. */
static bool
put(struct canvas *cv, int x, int y, const char *g, size_t glen, int w, int style)
{
	struct cell *c;
	int i;

	if (y < 0 || y >= cv->clip || x < 0 || w < 1 || x + w > cv->cols || glen > 4)
		return false;
	for (i = 0; i < w; i++)
		unput(cv, x + i, y);
	c = at(cv, x, y);
	memcpy(c->ch, g, glen);
	c->len = (unsigned char)glen;
	c->part = w == 2 ? 1 : 0;
	c->style = (unsigned char)style;
	if (w == 2) {
		at(cv, x + 1, y)->part = 2;
		at(cv, x + 1, y)->style = (unsigned char)style;
	}
	return true;
}

/* Blank w columns from (x, y) in a style (a bar, a banner's background). */
static void
fill(struct canvas *cv, int x, int y, int w, int style)
{
	int i;

	if (y < 0 || y >= cv->clip)
		return;
	for (i = x < 0 ? 0 : x; i < x + w && i < cv->cols; i++) {
		unput(cv, i, y);
		at(cv, i, y)->style = (unsigned char)style;
	}
}

/* Draw s[0..n) from (x, y) in at most maxw columns (and never past the
 * edge); returns the columns advanced. */
static int
draw_n(struct canvas *cv, int x, int y, const char *s, size_t n, int maxw, int style)
{
	const char *g;
	size_t i = 0, gl;
	int w, used = 0;

	while (i < n) {
		i += glyph(s + i, n - i, &g, &gl, &w);
		if (w == 0)
			continue;
		if (used + w > maxw)
			break;
		if (!put(cv, x + used, y, g, gl, w, style) && x + used >= 0)
			break;
		used += w;
	}
	return used;
}

static int
draw(struct canvas *cv, int x, int y, const char *s, int style)
{
	return draw_n(cv, x, y, s, strlen(s), cv->cols, style);
}

/* Draw s[0..n) spaced (see spaced_width) in at most maxw columns. */
static int
draw_spaced(struct canvas *cv, int x, int y, const char *s, size_t n, int maxw, int style)
{
	const char *g;
	size_t i = 0, gl;
	int w, used = 0, gap;
	bool prev_wide = false, prev = false;

	while (i < n) {
		i += glyph(s + i, n - i, &g, &gl, &w);
		if (w == 0)
			continue;
		gap = prev && (prev_wide || w == 2) && *g != ' ';
		if (used + gap + w > maxw)
			break;
		used += gap;
		put(cv, x + used, y, g, gl, w, style);
		used += w;
		prev = *g != ' ';
		prev_wide = w == 2;
	}
	return used;
}

/* Draw s[0..n) centred on row y, cut to maxw columns (and the terminal's). */
static void
centre_n(struct canvas *cv, int y, const char *s, size_t n, int maxw, int style)
{
	int w;

	if (maxw > cv->cols)
		maxw = cv->cols;
	n = fit_n(s, n, maxw, &w);
	draw_n(cv, (cv->cols - w) / 2, y, s, n, w, style);
}

static void
centre(struct canvas *cv, int y, const char *s, int style)
{
	centre_n(cv, y, s, strlen(s), cv->cols, style);
}

/* Write the canvas to b: each row from its first column, the rest of the row
 * erased, the cursor parked bottom-left. */
static void
emit(struct strbuf *b, struct canvas *cv, bool color)
{
	const struct cell *c;
	int x, y, last, cur;

	strbuf_puts(b, "\033[0m");
	for (y = 0; y < cv->rows; y++) {
		strbuf_printf(b, "\033[%d;1H", y + 1);
		last = 0;
		for (x = 0; x < cv->cols; x++) {
			c = at(cv, x, y);
			if (c->len > 0 || c->part != 0 || c->style != ST_PLAIN)
				last = x + 1;
		}
		cur = ST_PLAIN;
		for (x = 0; x < last; x++) {
			c = at(cv, x, y);
			if (c->part == 2)
				continue;
			if (c->style != cur) {
				cur = c->style;
				strbuf_puts(b, sgr[cur][color]);
			}
			if (c->len > 0)
				strbuf_add(b, c->ch, c->len);
			else
				strbuf_putc(b, ' ');
		}
		if (cur != ST_PLAIN)
			strbuf_puts(b, "\033[0m");
		/* Not on a full row: the cursor sits on the last column there and
		 * an erase would take that column too. */
		if (last < cv->cols)
			strbuf_puts(b, "\033[K");
	}
	strbuf_printf(b, "\033[%d;1H", cv->rows);
}

/* ---- block digits ---------------------------------------------------------- */

/* 0-9, ':' and a blank, 5 pixels tall; a pixel is two columns wide at
 * scale 1 (terminal cells are about twice as tall as wide). */
static const char *const font[12][5] = {
	{"###", "#.#", "#.#", "#.#", "###"}, {"##.", ".#.", ".#.", ".#.", "###"},
	{"###", "..#", "###", "#..", "###"}, {"###", "..#", "###", "..#", "###"},
	{"#.#", "#.#", "###", "..#", "..#"}, {"###", "#..", "###", "..#", "###"},
	{"###", "#..", "###", "#.#", "###"}, {"###", "..#", "..#", "..#", "..#"},
	{"###", "#.#", "###", "#.#", "###"}, {"###", "#.#", "###", "..#", "###"},
	{".", "#", ".", "#", "."},           {"...", "...", "...", "...", "..."},
};

#define FONT_ROWS 5

static int
font_index(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c == ':' ? 10 : 11;
}

/* Columns taken by s in block digits at scale k. */
static int
digits_width(const char *s, int k)
{
	int sum = 0, n = 0;

	for (; *s; s++, n++)
		sum += (int)strlen(font[font_index(*s)][0]) * 2 * k;
	return n > 0 ? sum + (n - 1) * 2 * k : 0;
}

/* Draw s in block digits from (x, y) at scale k. */
static void
draw_digits(struct canvas *cv, int x, int y, const char *s, int k, int style)
{
	const char *row;
	int r, px, i, j;

	for (; *s; s++) {
		for (r = 0; r < FONT_ROWS * k; r++) {
			row = font[font_index(*s)][r / k];
			for (px = 0; row[px]; px++)
				for (i = 0; i < 2 * k; i++) {
					j = x + px * 2 * k + i;
					if (row[px] == '#')
						put(cv, j, y + r, BLOCK, 3, 1, style);
				}
		}
		x += (int)strlen(font[font_index(*s)][0]) * 2 * k + 2 * k;
	}
}

/* The largest digit scale for a terminal of this size. */
static int
digit_scale(int cols, int rows)
{
	if (rows >= 60 && cols >= 180)
		return 3;
	if (rows >= 40 && cols >= 120)
		return 2;
	return 1;
}

int
screen_digit_rows(int cols, int rows)
{
	return FONT_ROWS * digit_scale(cols, rows);
}

/* The countdown as shown: seconds, or m:ss from 100 s on. */
static void
countdown_text(char *buf, size_t n, int secs)
{
	if (secs < 100)
		snprintf(buf, n, "%d", secs);
	else
		snprintf(buf, n, "%d:%02d", secs / 60, secs % 60);
}

/* ---- the items of the body ------------------------------------------------- */

enum item_kind {
	IT_GAP,
	IT_TEXT,    /* wrapped text, each line centred or a left-aligned block */
	IT_OPTIONS, /* the options: a grid of two columns or a list */
	IT_BANNER,  /* large type: a box of 3 rows (1 when compact) */
	IT_DIGITS,  /* the countdown: block digits, or one row of text */
	IT_ROSTER,  /* the opening: each team's key and name */
	IT_TABLE,   /* the standings */
	IT_PODIUM,  /* places 1..prizes */
};

struct item {
	enum item_kind kind;
	int h;    /* rows given */
	int hmin; /* rows text may be cut to */
	int prio; /* the order in which text is cut: 1 first, 0 never */
	int style;
	const char *s;
	bool block;  /* text: a left-aligned block rather than centred lines */
	int wrapw;   /* text: the width it is wrapped at */
	int scale;   /* digits, podium: 0 for one row of text */
	bool twocol; /* options, roster */
	bool gaps;   /* table, podium: a blank row between entries */
};

#define MAXITEMS 32

struct layout {
	const struct screen_view *v;
	struct canvas *cv;
	int cols, rows;
	int wrapw; /* width of wrapped text */
	int level; /* 0 roomy .. LEVEL_MAX compact */
	bool tiny;
	struct item item[MAXITEMS];
	int n;
};

static struct item *
push(struct layout *L, enum item_kind kind, int h)
{
	struct item *it;

	if (L->n == MAXITEMS || h <= 0)
		return NULL;
	it = &L->item[L->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->h = it->hmin = h;
	return it;
}

static bool
has(const char *s)
{
	return s != NULL && *s != '\0';
}

/* The lines of s wrapped at width, one at a time. */
struct lines {
	const char *s;
	size_t len, pos;
	int width;
};

static void
lines_init(struct lines *it, const char *s, int w)
{
	it->s = s;
	it->len = strlen(s);
	it->pos = 0;
	it->width = w < 1 ? 1 : w;
}

static bool
lines_next(struct lines *it, const char **p, size_t *n)
{
	size_t next;

	if (it->pos >= it->len)
		return false;
	*n = wrap_line(it->s + it->pos, it->len - it->pos, (size_t)it->width, &next);
	*p = it->s + it->pos;
	it->pos += next;
	return true;
}

static int
count_lines(const char *s, int w)
{
	struct lines it;
	const char *p;
	size_t n;
	int k = 0;

	lines_init(&it, s, w);
	while (lines_next(&it, &p, &n))
		k++;
	return k;
}

/* A blank row between items, when the level allows and not twice. */
static void
add_gap(struct layout *L)
{
	if (L->level < 1 && L->n > 0 && L->item[L->n - 1].kind != IT_GAP)
		push(L, IT_GAP, 1);
}

/* The narrowest width at which s still takes as few lines as at w: centred
 * lines of about the same length rather than a full one and a stub. */
static int
balanced_width(const char *s, int w)
{
	int lo = 1, hi = w, mid, k = count_lines(s, w);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (count_lines(s, mid) <= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return hi;
}

/* A blank row kept at every level but the last: between a banner and the
 * digits, which without colour are both reverse video and would merge. */
static void
add_sep(struct layout *L)
{
	if (L->level < LEVEL_MAX && L->n > 0 && L->item[L->n - 1].kind != IT_GAP)
		push(L, IT_GAP, 1);
}

static void
add_text(struct layout *L, const char *s, int style, bool block, int prio)
{
	struct item *it;
	int w;

	if (!has(s))
		return;
	w = block ? L->wrapw : balanced_width(s, L->wrapw);
	if ((it = push(L, IT_TEXT, count_lines(s, w))) == NULL)
		return;
	it->wrapw = w;
	it->s = s;
	it->style = style;
	it->block = block;
	it->prio = prio;
	/* prio 1: extras that may go; 2 and 3 keep a line */
	it->hmin = prio == 1 ? 0 : prio > 1 ? 1 : it->h;
}

static int
banner_rows(const struct layout *L)
{
	return L->level >= 3 ? 1 : 3;
}

static void
add_banner(struct layout *L, const char *s, int style)
{
	struct item *it;

	if (has(s) && (it = push(L, IT_BANNER, banner_rows(L))) != NULL) {
		it->s = s;
		it->style = style;
	}
}

/* Columns taken by the label of an option ("A. "), for a hanging indent. */
static int
option_indent(const char *s, int wrapw)
{
	int i, w;

	for (i = 0; i < 8 && s[i] != '\0'; i++)
		if (s[i] == ' ') {
			w = width_n(s, (size_t)i + 1);
			return w * 2 <= wrapw ? w : 0;
		}
	return 0;
}

/* Measure (draw false) or draw the options as a list from row y, in at most h
 * rows: returns the rows taken and sets *maxw to the widest line. */
static int
options_list(struct layout *L, bool drawing, int x0, int y, int h, int *maxw)
{
	const struct screen_view *v = L->v;
	struct lines it;
	const char *p;
	size_t i, n;
	int rows = 0, ind, w;

	*maxw = 0;
	for (i = 0; i < v->noptions; i++) {
		if (!has(v->options[i]))
			continue;
		ind = option_indent(v->options[i], L->wrapw);
		/* The first line at full width, the rest under the text. */
		n = wrap_line(v->options[i], strlen(v->options[i]), (size_t)L->wrapw, &it.pos);
		w = width_n(v->options[i], n);
		if (drawing && rows < h)
			draw_n(L->cv, x0, y + rows, v->options[i], n, L->wrapw, ST_PLAIN);
		rows++;
		*maxw = w > *maxw ? w : *maxw;
		it.s = v->options[i];
		it.len = strlen(it.s);
		it.width = L->wrapw - ind;
		while (lines_next(&it, &p, &n)) {
			w = ind + width_n(p, n);
			if (drawing && rows < h)
				draw_n(L->cv, x0 + ind, y + rows, p, n, L->wrapw - ind, ST_PLAIN);
			rows++;
			*maxw = w > *maxw ? w : *maxw;
		}
	}
	return rows;
}

static void
add_options(struct layout *L)
{
	const struct screen_view *v = L->v;
	struct item *it;
	size_t i, k = 0;
	int maxw = 0, w, rows;

	if (v->options == NULL)
		return;
	for (i = 0; i < v->noptions; i++)
		if (has(v->options[i])) {
			k++;
			w = width(v->options[i]);
			maxw = w > maxw ? w : maxw;
		}
	if (k == 0)
		return;
	if (k >= 2 && 2 * maxw + 4 <= L->wrapw) {
		if ((it = push(L, IT_OPTIONS, (int)(k + 1) / 2)) != NULL)
			it->twocol = true;
		return;
	}
	rows = options_list(L, false, 0, 0, 0, &maxw);
	push(L, IT_OPTIONS, rows);
}

/* The countdown: block digits at the level's scale if they fit across,
 * else one row of text. */
static void
add_digits(struct layout *L)
{
	const struct screen_view *v = L->v;
	struct item *it;
	char buf[32];
	int k;

	if (v->countdown < 0)
		return;
	countdown_text(buf, sizeof(buf), v->countdown);
	k = L->level <= 1 ? digit_scale(L->cols, L->rows) : L->level < LEVEL_MAX ? 1 : 0;
	while (k > 0 && digits_width(buf, k) + 8 * k > L->cols)
		k--;
	/* A row above and below: the margin of the warning box. */
	if ((it = push(L, IT_DIGITS, k > 0 ? FONT_ROWS * k + 2 : 1)) != NULL)
		it->scale = k;
}

static void
add_roster(struct layout *L)
{
	struct item *it;
	int n = (int)L->v->nteams;
	bool two = L->level >= 3 && n > 1;

	if (n > 0 && (it = push(L, IT_ROSTER, two ? (n + 1) / 2 : n)) != NULL)
		it->twocol = two;
}

static void
add_table(struct layout *L)
{
	struct item *it;
	int n = (int)L->v->nteams;
	bool gaps = L->level < 1;

	if (n > 0 && (it = push(L, IT_TABLE, gaps ? 2 * n - 1 : n)) != NULL)
		it->gaps = gaps;
}

static int
team_rank(const struct screen_view *v, size_t i)
{
	return v->teams[i].rank > 0 ? v->teams[i].rank : (int)i + 1;
}

/* Teams placed in large type on the podium: those ranked 1..prizes. */
static int
podium_count(const struct screen_view *v)
{
	size_t i;
	int k = 0;

	for (i = 0; i < v->nteams; i++)
		if (team_rank(v, i) <= v->prizes)
			k++;
	return k;
}

/* Rows of one podium entry at scale k (0: a banner only). */
static int
podium_entry_rows(const struct layout *L, int k)
{
	if (k > 0)
		return FONT_ROWS * k;
	return L->level >= LEVEL_MAX ? 1 : 3;
}

static void
add_podium(struct layout *L)
{
	struct item *it;
	int m = podium_count(L->v), k, eh;
	bool gaps;

	if (m == 0)
		return;
	k = L->level <= 1 ? digit_scale(L->cols, L->rows) : L->level <= 2 ? 1 : 0;
	eh = podium_entry_rows(L, k);
	/* A blank row between entries, or the digits and the banners of one
	 * would run into the next (in reverse video without colour). */
	gaps = L->level < LEVEL_MAX;
	if ((it = push(L, IT_PODIUM, m * eh + (gaps ? m - 1 : 0))) != NULL) {
		it->scale = k;
		it->gaps = gaps;
	}
}

/* The body of each kind of screen, top to bottom, at L->level. */
static void
build_body(struct layout *L)
{
	const struct screen_view *v = L->v;

	L->n = 0;
	if (L->tiny) {
		/* The header is the title alone: the rest goes here, cut first. */
		if (v->kind != SCREEN_OPENING && v->kind != SCREEN_ROUND)
			add_text(L, v->round_line, ST_ROUND, false, 1);
		if (v->kind != SCREEN_OPENING)
			add_text(L, v->number, ST_NUMBER, false, 1);
	}
	switch (v->kind) {
	case SCREEN_OPENING:
		add_banner(L, v->title, ST_BANNER);
		add_gap(L);
		add_text(L, v->big, ST_BOLD, false, 2);
		add_text(L, v->lines, ST_PLAIN, false, 1);
		add_gap(L);
		add_roster(L);
		add_gap(L);
		add_digits(L);
		break;
	case SCREEN_ROUND:
		if (has(v->big)) {
			add_banner(L, v->big, ST_BANNER);
			add_gap(L);
			add_text(L, v->round_line, ST_ROUND, false, 2);
		} else {
			add_banner(L, v->round_line, ST_BANNER);
		}
		add_gap(L);
		add_text(L, v->lines, ST_PLAIN, false, 2);
		add_gap(L);
		add_digits(L);
		break;
	case SCREEN_QUESTION:
		add_text(L, v->question, ST_QUESTION, false, 3);
		add_gap(L);
		add_options(L);
		add_gap(L);
		add_digits(L);
		add_sep(L);
		add_banner(L, v->big, ST_BANNER);
		add_text(L, v->lines, ST_VERDICT, false, 2);
		break;
	case SCREEN_BUZZ:
	case SCREEN_WINNER:
		add_text(L, v->question, ST_QUESTION, false, 3);
		add_gap(L);
		add_options(L);
		add_gap(L);
		add_banner(L, v->big, ST_BANNER);
		add_sep(L);
		add_digits(L);
		add_text(L, v->lines, ST_VERDICT, false, 2);
		break;
	case SCREEN_STAKE:
	case SCREEN_TIEBREAK:
		/* No question here: it is not chosen yet (the stake picks it,
		 * the tiebreak's come on the question screens). */
		add_banner(L, v->big, ST_BANNER);
		add_gap(L);
		add_text(L, v->lines, ST_PLAIN, false, 2);
		add_gap(L);
		add_digits(L);
		break;
	case SCREEN_REVEAL:
		add_text(L, v->question, ST_QUESTION, false, 3);
		add_gap(L);
		add_options(L);
		add_gap(L);
		add_banner(L, v->answer, ST_ANSWER);
		add_gap(L);
		add_text(L, v->verdict, ST_VERDICT, false, 3);
		add_banner(L, v->big, ST_BANNER);
		add_gap(L);
		add_text(L, v->explanation, ST_PLAIN, true, 2);
		add_text(L, v->source, ST_SOURCE, false, 1);
		add_gap(L);
		add_digits(L);
		break;
	case SCREEN_STANDINGS:
		add_banner(L, v->big, ST_BANNER);
		add_sep(L);
		add_text(L, v->lines, ST_PLAIN, false, 1);
		add_gap(L);
		add_table(L);
		add_gap(L);
		add_digits(L);
		break;
	case SCREEN_PODIUM:
		add_banner(L, v->big, ST_BANNER);
		add_sep(L);
		add_text(L, v->lines, ST_PLAIN, false, 1);
		add_gap(L);
		add_podium(L);
		break;
	}
	if (L->n > 0 && L->item[L->n - 1].kind == IT_GAP)
		L->n--;
}

static int
body_rows(const struct layout *L)
{
	int i, sum = 0;

	for (i = 0; i < L->n; i++)
		sum += L->item[i].h;
	return sum;
}

/* Cut text items, least important first, until the body fits in avail
 * rows or there is nothing left to cut; returns the rows it takes. */
static int
cut_text(struct layout *L, int avail)
{
	int total = body_rows(L), prio, i, cut;

	for (prio = 1; prio <= 3 && total > avail; prio++)
		for (i = L->n - 1; i >= 0 && total > avail; i--) {
			if (L->item[i].prio != prio)
				continue;
			cut = L->item[i].h - L->item[i].hmin;
			if (cut > total - avail)
				cut = total - avail;
			L->item[i].h -= cut;
			total -= cut;
		}
	return total;
}

/* Build the body at the roomiest level where it fits in avail rows whole.
 * When there is none, text must be cut anyway: then the roomiest level from
 * 2 on (no blank rows, which would better go to the text) where it fits
 * once cut, so that a long question does not also shrink the countdown. */
static void
fit_body(struct layout *L, int avail)
{
	int first = L->tiny ? LEVEL_MAX : 0;

	for (L->level = first; L->level < LEVEL_MAX; L->level++) {
		build_body(L);
		if (body_rows(L) <= avail)
			return;
	}
	for (L->level = first > 2 ? first : 2;; L->level++) {
		build_body(L);
		if (cut_text(L, avail) <= avail || L->level == LEVEL_MAX)
			return;
	}
}

/* ---- drawing the items ----------------------------------------------------- */

static void
draw_text_item(struct layout *L, const struct item *it, int y, int h)
{
	struct lines li;
	const char *p;
	size_t n;
	int row, maxw = 0, w, x;
	bool more;

	if (it->block) {
		lines_init(&li, it->s, it->wrapw);
		for (row = 0; row < h && lines_next(&li, &p, &n); row++) {
			w = width_n(p, n);
			maxw = w > maxw ? w : maxw;
		}
	}
	lines_init(&li, it->s, it->wrapw);
	for (row = 0; row < h && lines_next(&li, &p, &n); row++) {
		/* Cut after this line: say so with "..". */
		more = row == h - 1 && li.pos < li.len;
		w = width_n(p, n);
		if (more && w + 2 > it->wrapw)
			n = fit_n(p, n, it->wrapw - 2, &w);
		if (more)
			w += 2;
		x = (L->cols - (it->block ? maxw : w)) / 2;
		x = x < 0 ? 0 : x;
		x += draw_n(L->cv, x, y + row, p, n, L->cols, it->style);
		if (more)
			draw(L->cv, x, y + row, "..", it->style);
	}
}

static void
draw_options(struct layout *L, const struct item *it, int y, int h)
{
	const struct screen_view *v = L->v;
	size_t i, k = 0;
	int maxw = 0, w, gap, x0;

	if (!it->twocol) {
		options_list(L, false, 0, 0, 0, &maxw);
		x0 = (L->cols - (maxw < L->cols ? maxw : L->cols)) / 2;
		options_list(L, true, x0, y, h, &maxw);
		return;
	}
	for (i = 0; i < v->noptions; i++) {
		w = width(v->options[i]);
		maxw = w > maxw ? w : maxw;
	}
	gap = 2 * maxw + 8 <= L->wrapw ? 8 : 4;
	x0 = (L->cols - (2 * maxw + gap)) / 2;
	for (i = 0; i < v->noptions; i++) {
		if (!has(v->options[i]))
			continue;
		if ((int)(k / 2) < h)
			draw(L->cv, x0 + (k % 2 ? maxw + gap : 0), y + (int)(k / 2), v->options[i],
			     ST_PLAIN);
		k++;
	}
}

/* A banner: a box in style, h rows, the text in its middle row, spaced out
 * when that fits; pre and post (may be NULL) are drawn plainly before and
 * after the text, in the same box.  The text is centred in the box, or when
 * blockw is wide enough for it, starts where a block of that width centred
 * would (so that banners stacked line up). */
static void
draw_banner(struct canvas *cv, int x0, int bw, int y, int h, const char *pre, const char *s,
	    const char *post, int blockw, bool may_space, int style)
{
	size_t n = strlen(s);
	int gpre = 3, gpost = 4, pad = 4, wpre, wpost, tw, room, content, x, r, mid = y + h / 2;
	bool spaced;

	/* Tight: less room around and between the parts. */
	content = blockw > 0 ? blockw
			     : (pre ? width(pre) + gpre : 0) + width_n(s, n) +
				       (post ? width(post) + gpost : 0);
	if (content + 2 * pad > bw) {
		gpre = gpost = 2;
		pad = 1;
	}
	wpre = pre ? width(pre) + gpre : 0;
	wpost = post ? width(post) + gpost : 0;
	room = bw - 2 * pad - wpre - wpost;
	spaced = may_space && spaced_width(s, n) <= room;
	tw = spaced ? spaced_width(s, n) : width_n(s, n);
	if (tw > room)
		n = fit_n(s, n, room < 0 ? 0 : room, &tw);
	for (r = 0; r < h; r++)
		fill(cv, x0, y + r, bw, style);
	content = wpre + tw + wpost;
	x = x0 + (bw - (blockw >= content && blockw <= bw ? blockw : content)) / 2;
	if (pre) {
		draw(cv, x, mid, pre, style);
		x += wpre;
	}
	if (spaced)
		x += draw_spaced(cv, x, mid, s, n, tw, style);
	else
		x += draw_n(cv, x, mid, s, n, tw, style);
	if (post)
		draw(cv, x + gpost, mid, post, style);
}

/* The width of a banner for text of width tw: roomy, a card rather than a
 * strip, never wider than the terminal. */
static int
banner_width(int cols, int tw)
{
	int bw = tw + 12;

	if (bw < cols * 2 / 5)
		bw = cols * 2 / 5;
	return bw > cols ? cols : bw;
}

static void
draw_banner_item(struct layout *L, const struct item *it, int y, int h)
{
	size_t n = strlen(it->s);
	int bw = banner_width(L->cols, spaced_width(it->s, n));

	draw_banner(L->cv, (L->cols - bw) / 2, bw, y, h < it->h ? h : it->h, NULL, it->s, NULL, 0,
		    true, it->style);
}

static void
draw_digits_item(struct layout *L, const struct item *it, int y)
{
	const struct screen_view *v = L->v;
	char buf[40];
	bool warn = v->countdown <= 10;
	int style = warn ? ST_WARN : ST_DIGITS, k = it->scale, w, r;

	countdown_text(buf + 1, sizeof(buf) - 2, v->countdown);
	if (k == 0) {
		/* One row: the number with a space either side, so that in
		 * reverse video it stands out as a block. */
		buf[0] = ' ';
		strcat(buf, " ");
		centre(L->cv, y, buf, style);
		return;
	}
	w = digits_width(buf + 1, k);
	/* Without colour the warning is the digits dark in a reverse-video
	 * box (a full block in reverse video is the background colour). */
	if (warn && !L->v->color)
		for (r = 0; r < FONT_ROWS * k + 2; r++)
			fill(L->cv, (L->cols - w) / 2 - 2 * k, y + r, w + 4 * k, style);
	draw_digits(L->cv, (L->cols - w) / 2, y + 1, buf + 1, k, style);
}

static int
team_style(const struct screen_team *t, int plain)
{
	return t->highlight ? ST_HIGHLIGHT : t->out ? ST_OUT : plain;
}

static void
draw_roster(struct layout *L, const struct item *it, int y, int h)
{
	const struct screen_view *v = L->v;
	const struct screen_team *t;
	char key[2] = {0, 0};
	size_t i;
	int maxw = 0, w, ew, x0, x, row, per = it->twocol ? 2 : 1, gap = 6;

	/* Each entry "K   name"; the entries a block, centred. */
	for (i = 0; i < v->nteams; i++) {
		w = width(v->teams[i].name);
		maxw = w > maxw ? w : maxw;
	}
	ew = maxw + 4;
	if (per * ew + (per - 1) * gap > L->cols)
		ew = (L->cols - (per - 1) * gap) / per;
	x0 = (L->cols - (per * ew + (per - 1) * gap)) / 2;
	x0 = x0 < 0 ? 0 : x0;
	for (i = 0; i < v->nteams; i++) {
		t = &v->teams[i];
		row = (int)i / per;
		if (row >= h)
			break;
		x = x0 + (int)(i % (size_t)per) * (ew + gap);
		key[0] = t->key >= 0x21 && t->key < 0x7f ? t->key : ' ';
		draw(L->cv, x, y + row, key, team_style(t, ST_NUMBER));
		if (t->name)
			draw_n(L->cv, x + 4, y + row, t->name, strlen(t->name), ew - 4,
			       team_style(t, ST_PLAIN));
	}
}

static void
draw_table(struct layout *L, const struct item *it, int y, int h)
{
	const struct screen_view *v = L->v;
	const struct screen_team *t;
	char rank[16], score[16];
	size_t i;
	int rankw = 1, namew = 0, scorew = 1, maxscore = 1, barw, roww, x0, row, w, len, style;
	int avail = L->cols - 4, rk, j;

	for (i = 0; i < v->nteams; i++) {
		t = &v->teams[i];
		w = snprintf(rank, sizeof(rank), "%d", team_rank(v, i));
		rankw = w > rankw ? w : rankw;
		w = snprintf(score, sizeof(score), "%d", t->score);
		scorew = w > scorew ? w : scorew;
		w = width(t->name);
		namew = w > namew ? w : namew;
		maxscore = t->score > maxscore ? t->score : maxscore;
	}
	/* rank, 3, name, 3, [bar, 2,] score */
	if (namew > avail - rankw - scorew - 6)
		namew = avail - rankw - scorew - 6;
	if (namew < 0)
		namew = 0;
	barw = avail - rankw - namew - scorew - 8;
	if (barw > L->cols / 3)
		barw = L->cols / 3;
	if (barw < 8)
		barw = 0;
	roww = rankw + 3 + namew + 3 + (barw > 0 ? barw + 2 : 0) + scorew;
	x0 = (L->cols - roww) / 2;
	x0 = x0 < 0 ? 0 : x0;
	for (i = 0; i < v->nteams; i++) {
		t = &v->teams[i];
		row = it->gaps ? 2 * (int)i : (int)i;
		if (row >= h)
			break;
		rk = team_rank(v, i);
		style = team_style(t, ST_PLAIN);
		/* Highlighted: the rank and name, and the score, in boxes; the
		 * bar between them keeps its colour. */
		if (t->highlight) {
			fill(L->cv, x0 - 1, y + row, rankw + 3 + namew + 2, style);
			fill(L->cv, x0 + roww - scorew - 1, y + row, scorew + 2, style);
		}
		snprintf(rank, sizeof(rank), "%d", rk);
		if (!t->highlight && !t->out)
			style = rk <= 3 ? ST_PLACE1 + rk - 1 : ST_BOLD;
		draw(L->cv, x0 + rankw - (int)strlen(rank), y + row, rank, style);
		style = team_style(t, ST_PLAIN);
		if (t->name)
			draw_n(L->cv, x0 + rankw + 3, y + row, t->name, strlen(t->name), namew,
			       style);
		if (barw > 0 && t->score > 0) {
			len = (int)((long)t->score * barw / maxscore);
			for (j = 0; j < (len > 0 ? len : 1); j++)
				put(L->cv, x0 + rankw + 3 + namew + 3 + j, y + row, BLOCK, 3, 1,
				    t->out ? style : ST_DIGITS);
		}
		snprintf(score, sizeof(score), "%d", t->score);
		draw(L->cv, x0 + roww - (int)strlen(score), y + row, score,
		     t->highlight || t->out ? style : ST_SCORE);
	}
}

static void
draw_podium(struct layout *L, const struct item *it, int y, int h)
{
	const struct screen_view *v = L->v;
	const struct screen_team *t;
	char place[16], score[16];
	size_t i;
	int k = it->scale, eh = podium_entry_rows(L, k), maxs = 0, maxp = 0, w, extra, bw;
	int gw = 0, x0, rk, row = 0, blockw, pstyle, bstyle;
	bool space;

	/* Every entry alike: the digits in a column, the banners of one width,
	 * the names spaced in all or in none, starting in one column. */
	for (i = 0; i < v->nteams; i++) {
		t = &v->teams[i];
		if (team_rank(v, i) > v->prizes)
			continue;
		snprintf(place, sizeof(place), "%d", team_rank(v, i));
		snprintf(score, sizeof(score), "%d", t->score);
		w = k > 0 ? digits_width(place, k) + 2 * k : 0;
		gw = w > gw ? w : gw;
		extra = width(score) + 4 + (k > 0 ? 0 : width(place) + 3);
		w = (t->name ? spaced_width(t->name, strlen(t->name)) : 0) + extra;
		maxs = w > maxs ? w : maxs;
		w = width(t->name) + extra;
		maxp = w > maxp ? w : maxp;
	}
	bw = banner_width(L->cols - gw, maxs);
	space = maxs + 8 <= bw;
	blockw = space ? maxs : maxp;
	x0 = (L->cols - gw - bw) / 2;
	for (i = 0; i < v->nteams && row < h; i++) {
		t = &v->teams[i];
		rk = team_rank(v, i);
		if (rk > v->prizes)
			continue;
		pstyle = rk <= 3 ? ST_PLACE1 + rk - 1 : ST_DIGITS;
		bstyle = rk <= 3 ? ST_GOLD + rk - 1 : ST_BANNER;
		snprintf(place, sizeof(place), "%d", rk);
		snprintf(score, sizeof(score), "%d", t->score);
		if (k > 0) {
			draw_digits(L->cv, x0 + (gw - 2 * k - digits_width(place, k)), y + row,
				    place, k, pstyle);
			w = eh >= 10 ? 5 : 3;
			draw_banner(L->cv, x0 + gw, bw, y + row + (eh - w) / 2, w, NULL,
				    t->name ? t->name : "", score, blockw, space, bstyle);
		} else {
			draw_banner(L->cv, x0, bw, y + row, eh, place, t->name ? t->name : "",
				    score, blockw, space, bstyle);
		}
		row += eh + (it->gaps ? 1 : 0);
	}
}

static void
draw_body(struct layout *L, int top, int bot)
{
	const struct item *it;
	int i, y, h, total = body_rows(L);

	L->cv->clip = bot;
	y = top + (total < bot - top ? (bot - top - total) / 2 : 0);
	for (i = 0; i < L->n && y < bot; i++) {
		it = &L->item[i];
		h = it->h < bot - y ? it->h : bot - y;
		switch (it->kind) {
		case IT_GAP:
			break;
		case IT_TEXT:
			draw_text_item(L, it, y, h);
			break;
		case IT_OPTIONS:
			draw_options(L, it, y, h);
			break;
		case IT_BANNER:
			draw_banner_item(L, it, y, h);
			break;
		case IT_DIGITS:
			draw_digits_item(L, it, y);
			break;
		case IT_ROSTER:
			draw_roster(L, it, y, h);
			break;
		case IT_TABLE:
			draw_table(L, it, y, h);
			break;
		case IT_PODIUM:
			draw_podium(L, it, y, h);
			break;
		}
		y += it->h;
	}
	L->cv->clip = L->rows;
}

/* ---- header and footer ----------------------------------------------------- */

/* Rows 0.. : the title bar, then the round and the number (one row when
 * both fit).  Returns the first row left for the body. */
static int
draw_header(struct layout *L)
{
	const struct screen_view *v = L->v;
	struct canvas *cv = L->cv;
	int y = 0, wr, wn;
	bool round, number;

	if (has(v->title) && v->kind != SCREEN_OPENING) {
		fill(cv, 0, y, L->cols, ST_BAR);
		centre_n(cv, y, v->title, strlen(v->title), L->cols - 2, ST_BAR);
		y++;
	}
	if (L->tiny || v->kind == SCREEN_OPENING)
		return y;
	round = has(v->round_line) && v->kind != SCREEN_ROUND;
	number = has(v->number);
	wr = round ? width(v->round_line) : 0;
	wn = number ? width(v->number) : 0;
	if (round && number && wr + 6 + wn <= L->cols - 4) {
		/* One row: "round      number", centred as a whole. */
		int x = (L->cols - (wr + 6 + wn)) / 2;

		draw(cv, x, y, v->round_line, ST_ROUND);
		draw(cv, x + wr + 6, y, v->number, ST_NUMBER);
		return y + 1;
	}
	if (round)
		centre_n(cv, y++, v->round_line, strlen(v->round_line), L->cols - 2, ST_ROUND);
	if (number)
		centre_n(cv, y++, v->number, strlen(v->number), L->cols - 2, ST_NUMBER);
	return y;
}

/* Plan the teams along the bottom: how many rows, teams per row, and the
 * width of each team's cell.  A cell is " name  score " and a blank column;
 * names are shortened only when even the most rows allowed do not hold
 * them whole. */
static int
bar_plan(const struct screen_team *t, size_t n, int cols, int maxrows, int *per, int *cellw)
{
	char score[16];
	size_t i;
	int r, need, room, shortest;
	bool whole;

	for (r = 1; r <= maxrows; r++) {
		*per = (int)((n + (size_t)r - 1) / (size_t)r);
		*cellw = cols / *per;
		whole = true;
		shortest = 1 << 30;
		for (i = 0; i < n; i++) {
			need = width(t[i].name) + 2 +
			       snprintf(score, sizeof(score), "%d", t[i].score);
			room = *cellw - 3 - 2 - (int)strlen(score);
			if (need > *cellw - 3)
				whole = false;
			shortest = room < shortest ? room : shortest;
		}
		/* Whole names, or the last try, or (before it) room for two CJK
		 * characters of each name. */
		if (whole || r == maxrows || (r >= 2 && shortest >= 4))
			return r;
	}
	return maxrows;
}

static void
draw_bar_cell(struct canvas *cv, const struct screen_team *t, int x, int y, int cellw)
{
	char score[16];
	const char *name = t->name ? t->name : "";
	size_t n = strlen(name), k;
	int sw = snprintf(score, sizeof(score), "%d", t->score), room = cellw - 3 - 2 - sw;
	int nw, style = team_style(t, ST_PLAIN), w, cx, gap = 2;
	bool cut;

	/* Narrow: no padding, one blank before the score. */
	if (room < 4) {
		room = cellw - 1 - 1 - sw;
		gap = 1;
	}

	nw = width_n(name, n);
	cut = nw > room;
	if (cut) {
		/* Shortened: a prefix, with ".." when that still leaves most
		 * of the name (".." and not "…", which is of ambiguous width). */
		k = fit_n(name, n, room >= 10 ? room - 2 : room, &nw);
		if (room >= 10)
			nw += 2;
	} else {
		k = n;
	}
	if (t->highlight)
		fill(cv, x, y, cellw - 1, style);
	w = nw + gap + sw;
	cx = x + (cellw - 1 - w) / 2;
	cx += draw_n(cv, cx, y, name, k, room, style);
	if (cut && room >= 10)
		cx += draw(cv, cx, y, "..", style);
	draw(cv, cx + gap, y, score, t->highlight || t->out ? style : ST_SCORE);
}

/* Draw the teams in the rows ending just above row bot; returns the first
 * row they take (bot when there are none or no room). */
static int
draw_bar(struct layout *L, const struct screen_team *t, size_t n, int bot, int top)
{
	int nr, per, cellw, row, k, x, j, maxr = L->tiny ? 3 : 2;
	size_t i = 0;

	if (n == 0)
		return bot;
	/* Many teams: more rows, while a cell is too narrow for a score and a
	 * character or two, up to a third of the screen. */
	while (maxr < (bot - top) / 3 && (size_t)maxr < n &&
	       L->cols / (int)((n + (size_t)maxr - 1) / (size_t)maxr) < 12)
		maxr++;
	nr = bar_plan(t, n, L->cols, maxr, &per, &cellw);
	if (bot - nr < top)
		return bot;
	for (row = 0; row < nr; row++) {
		k = (int)(n - i) < per ? (int)(n - i) : per;
		x = (L->cols - (k * cellw - 1)) / 2;
		for (j = 0; j < k; j++, i++)
			draw_bar_cell(L->cv, &t[i], x + j * cellw, bot - nr + row, cellw);
	}
	return bot - nr;
}

/* The footer from the last row up: the hint, the teams, the status line.
 * Returns the row where it starts. */
static int
draw_footer(struct layout *L, int top)
{
	const struct screen_view *v = L->v;
	size_t i;
	int y = L->rows, before;

	if (has(v->hint) && y - top >= (L->tiny ? 9 : 4)) {
		y--;
		centre_n(L->cv, y, v->hint, strlen(v->hint), L->cols - 2, ST_HINT);
	}
	switch (v->kind) {
	case SCREEN_OPENING:
	case SCREEN_STANDINGS:
		break;
	case SCREEN_PODIUM:
		/* The teams not on the podium. */
		for (i = 0; i < v->nteams && team_rank(v, i) <= v->prizes; i++)
			;
		y = draw_bar(L, v->teams + i, v->nteams - i, y, top + 1);
		break;
	default:
		before = y;
		y = draw_bar(L, v->teams, v->nteams, y, top + 1);
		/* A blank row between the body and the scores, when roomy. */
		if (y < before && !L->tiny && y - top >= 16)
			y--;
		break;
	}
	if (has(v->status) && y - top >= 2) {
		y--;
		fill(L->cv, 0, y, L->cols, v->status_warn ? ST_STATUS : ST_NOTE);
		centre_n(L->cv, y, v->status, strlen(v->status), L->cols - 2,
			 v->status_warn ? ST_STATUS : ST_NOTE);
	}
	return y;
}

/* ---- the frame ------------------------------------------------------------- */

void
screen_render(struct strbuf *b, const struct screen_view *v)
{
	struct screen_view view;
	struct canvas cv;
	struct layout L;
	int top, bot;

	/* A count without its array is no count. */
	view = *v;
	if (view.teams == NULL)
		view.nteams = 0;
	if (view.options == NULL)
		view.noptions = 0;
	memset(&L, 0, sizeof(L));
	L.v = &view;
	L.cols = v->cols > SCREEN_MAX ? SCREEN_MAX : v->cols;
	L.rows = v->rows > SCREEN_MAX ? SCREEN_MAX : v->rows;
	if (L.cols < 1 || L.rows < 1)
		return;
	cv.cols = L.cols;
	cv.rows = cv.clip = L.rows;
	cv.cell = mem_calloc((size_t)L.cols * (size_t)L.rows, sizeof(*cv.cell));
	if (cv.cell == NULL) {
		b->oom = 1;
		return;
	}
	L.cv = &cv;
	L.tiny = L.cols < TINY_COLS || L.rows < TINY_ROWS;
	if (L.tiny)
		L.wrapw = L.cols;
	else
		L.wrapw = L.cols <= 100 ? L.cols - 8 : L.cols * 3 / 4;

	top = draw_header(&L);
	bot = draw_footer(&L, top);
	fit_body(&L, bot - top);
	draw_body(&L, top, bot);
	emit(b, &cv, v->color);
	mem_free(cv.cell);
}

const char *
screen_enter(void)
{
	return "\033[?1049h\033[?25l\033[H\033[2J";
}

const char *
screen_leave(void)
{
	return "\033[0m\033[?25h\033[?1049l";
}
