/*
 * test_screen.c — the projector frame of src/screen.h, read back through a
 * tiny virtual terminal: cursor moves (CSI row;col H), erase to the end of
 * the row, SGR attributes, text placed by display width.  The terminal
 * counts what a real one would show as garbage: a character past the last
 * column (it would wrap), a row past the last, a newline, a control
 * character or an escape sequence it does not know.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "screen.h"
#include "text.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the virtual terminal -------------------------------------------------- */

enum { A_BOLD = 1, A_DIM = 2, A_REV = 4 };

struct vcell {
	char ch[8]; /* UTF-8, "" for a blank */
	int part;   /* 0 narrow, 1 first half of a wide character, 2 second half */
	int attr, fg, bg;
};

struct vt {
	int cols, rows;
	struct vcell *cell;
	int x, y;
	bool wrap_pending; /* the last column written: the cursor stays on it */
	int attr, fg, bg;
	/* what went wrong */
	int past_cols, past_rows, bad_bytes, unknown_seq;
	/* what was seen */
	int colour_sgr;     /* an SGR code other than 0, 1, 2, 7 */
	int row_moves[256]; /* CSI r;1H per row */
	int last_row;       /* the row of the last cursor move */
	int clears;         /* CSI 2J */
};

static struct vcell *
vcell(struct vt *t, int x, int y)
{
	return &t->cell[y * t->cols + x];
}

static void
vt_sgr(struct vt *t, const char *p, size_t n)
{
	int code = 0;
	size_t i;
	bool any = false;

	for (i = 0; i <= n; i++) {
		if (i < n && p[i] >= '0' && p[i] <= '9') {
			code = code * 10 + (p[i] - '0');
			any = true;
			continue;
		}
		if (!any)
			code = 0;
		if (code == 0)
			t->attr = 0, t->fg = t->bg = -1;
		else if (code == 1)
			t->attr |= A_BOLD;
		else if (code == 2)
			t->attr |= A_DIM;
		else if (code == 7)
			t->attr |= A_REV;
		else {
			t->colour_sgr++;
			if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97))
				t->fg = code;
			else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107))
				t->bg = code;
		}
		code = 0;
		any = false;
	}
}

static void
blank(struct vcell *c)
{
	memset(c, 0, sizeof(*c));
	c->fg = c->bg = -1;
}

static void
blank_all(struct vt *t)
{
	int i;

	for (i = 0; i < t->cols * t->rows; i++)
		blank(&t->cell[i]);
}

/* Run a frame through a cols x rows terminal. */
static void
vt_run(struct vt *t, int cols, int rows, const char *s, size_t n)
{
	size_t i = 0, j, len;
	unsigned cp;
	int w, r, c, k;
	struct vcell *vc;

	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->rows = rows;
	t->fg = t->bg = -1;
	t->last_row = -1;
	t->cell = calloc((size_t)cols * (size_t)rows, sizeof(*t->cell));
	assert_non_null(t->cell);
	blank_all(t);
	while (i < n) {
		if (s[i] == '\033') {
			if (i + 1 >= n || s[i + 1] != '[') {
				t->unknown_seq++;
				i++;
				continue;
			}
			for (j = i + 2;
			     j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';' || s[j] == '?');
			     j++)
				;
			if (j >= n) {
				t->unknown_seq++;
				break;
			}
			switch (s[j]) {
			case 'H':
				r = c = 1;
				if (j > i + 2)
					sscanf(s + i + 2, "%d;%d", &r, &c);
				if (r < 1 || r > rows || c < 1 || c > cols) {
					t->past_rows++;
					r = 1, c = 1;
				}
				t->y = r - 1;
				t->x = c - 1;
				t->wrap_pending = false;
				if (c == 1 && r - 1 < (int)LEN(t->row_moves))
					t->row_moves[r - 1]++;
				t->last_row = r - 1;
				break;
			case 'K':
				/* As xterm: after the last column was written the
				 * cursor is still on it, and an erase takes it. */
				for (k = t->wrap_pending ? cols - 1 : t->x; k < cols; k++)
					blank(vcell(t, k, t->y));
				break;
			case 'J':
				t->clears++;
				blank_all(t);
				break;
			case 'm':
				vt_sgr(t, s + i + 2, j - i - 2);
				break;
			case 'h':
			case 'l':
				if (s[i + 2] != '?')
					t->unknown_seq++;
				break;
			default:
				t->unknown_seq++;
			}
			i = j + 1;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			t->bad_bytes++;
			i += len ? len : 1;
			continue;
		}
		w = (int)text_width_n(s + i, len);
		if (w < 1 || t->x + w > cols) {
			t->past_cols++;
			i += len;
			continue;
		}
		vc = vcell(t, t->x, t->y);
		memcpy(vc->ch, s + i, len);
		vc->ch[len] = '\0';
		vc->part = w == 2;
		vc->attr = t->attr;
		vc->fg = t->fg;
		vc->bg = t->bg;
		if (w == 2) {
			vc = vcell(t, t->x + 1, t->y);
			blank(vc);
			vc->part = 2;
			vc->attr = t->attr;
			vc->fg = t->fg;
			vc->bg = t->bg;
		}
		t->x += w;
		t->wrap_pending = t->x == cols;
		i += len;
	}
}

static void
vt_free(struct vt *t)
{
	free(t->cell);
	t->cell = NULL;
}

/* Row y as text (blanks as spaces, each wide character once); col[k] is the
 * column of byte k. */
static void
vt_row(struct vt *t, int y, char *buf, size_t size, int *col)
{
	size_t n = 0, k;
	int x;
	const char *ch;

	for (x = 0; x < t->cols; x++) {
		if (vcell(t, x, y)->part == 2)
			continue;
		ch = vcell(t, x, y)->ch[0] ? vcell(t, x, y)->ch : " ";
		k = strlen(ch);
		if (n + k + 1 > size)
			break;
		memcpy(buf + n, ch, k);
		if (col)
			while (k-- > 0)
				col[n++] = x;
		else
			n += k;
	}
	buf[n] = '\0';
}

/* The whole screen as text without spaces, row after row. */
static char *
vt_joined(struct vt *t)
{
	char *out = malloc((size_t)t->rows * ((size_t)t->cols * 4 + 1) + 1), *row;
	size_t n = 0, i;
	int y;

	row = malloc((size_t)t->cols * 4 + 1);
	assert_non_null(out);
	assert_non_null(row);
	for (y = 0; y < t->rows; y++) {
		vt_row(t, y, row, (size_t)t->cols * 4 + 1, NULL);
		for (i = 0; row[i]; i++)
			if (row[i] != ' ')
				out[n++] = row[i];
	}
	out[n] = '\0';
	free(row);
	return out;
}

/* s without spaces, in a static buffer. */
static const char *
nospace(const char *s)
{
	static char buf[8192];
	size_t n = 0;

	for (; *s && n + 1 < sizeof(buf); s++)
		if (*s != ' ')
			buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}

/* Find text on the screen: its row and first column, or false. */
static bool
vt_find(struct vt *t, const char *text, int from_row, int *x, int *y)
{
	char row[4096];
	int col[4096], r;
	char *p;

	*x = *y = 0;
	for (r = from_row; r < t->rows; r++) {
		vt_row(t, r, row, sizeof(row), col);
		if ((p = strstr(row, text)) != NULL) {
			*x = col[p - row];
			*y = r;
			return true;
		}
	}
	return false;
}

/* Columns of the first and last non-blank characters on row y (-1 if none). */
static void
vt_span(struct vt *t, int y, int *first, int *last)
{
	int x;

	*first = *last = -1;
	for (x = 0; x < t->cols; x++)
		if (vcell(t, x, y)->ch[0] && strcmp(vcell(t, x, y)->ch, " ") != 0) {
			if (*first < 0)
				*first = x;
			*last = vcell(t, x, y)->part == 1 ? x + 1 : x;
		}
}

static bool
is_block(const struct vcell *c)
{
	return strcmp(c->ch, "\xe2\x96\x88") == 0;
}

/* Rows holding a full block, their first and last, and the columns spanned. */
static int
vt_block_rows(struct vt *t, int *top, int *bottom, int *left, int *right)
{
	int x, y, k = 0;
	bool any;

	*top = *bottom = *left = *right = -1;
	for (y = 0; y < t->rows; y++) {
		any = false;
		for (x = 0; x < t->cols; x++)
			if (is_block(vcell(t, x, y))) {
				any = true;
				if (*left < 0 || x < *left)
					*left = x;
				if (x > *right)
					*right = x;
			}
		if (any) {
			k++;
			if (*top < 0)
				*top = y;
			*bottom = y;
		}
	}
	return k;
}

/* ---- views ----------------------------------------------------------------- */

static const char *const options4[] = {"A. 1949年", "B. 1954年", "C. 1982年", "D. 1984年"};

static const char question[] =
	"《中华人民共和国民族区域自治法》是哪一年由第六届全国人民代表大会第二次会议通过的？";

static struct screen_team teams6[6];

static void
reset_teams(void)
{
	static const char *const names[6] = {
		"西固城街道代表队", "东关街道代表队",   "城关镇代表队",
		"红旗乡代表队",     "新华路社区代表队", "民族中学代表队",
	};
	static const int scores[6] = {120, 110, 90, 90, 60, -10};
	static const int ranks[6] = {1, 2, 3, 3, 5, 6};
	int i;

	for (i = 0; i < 6; i++) {
		teams6[i].name = names[i];
		teams6[i].key = (char)('a' + i);
		teams6[i].score = scores[i];
		teams6[i].rank = ranks[i];
		teams6[i].highlight = false;
		teams6[i].out = false;
	}
}

static struct screen_view
view(enum screen_kind kind, int cols, int rows, bool color)
{
	struct screen_view v;

	reset_teams();
	memset(&v, 0, sizeof(v));
	v.kind = kind;
	v.cols = cols;
	v.rows = rows;
	v.color = color;
	v.title = "2024年全区民族团结进步知识竞赛";
	v.round_line = "抢答题 · 答对加10分 · 答错扣10分";
	v.number = "第 3 题 / 共 10 题";
	v.question = question;
	v.options = options4;
	v.noptions = 4;
	v.hint = "空格 下一步   : 命令";
	v.countdown = -1;
	v.teams = teams6;
	v.nteams = 6;
	v.prizes = 3;
	switch (kind) {
	case SCREEN_OPENING:
		v.lines = "主办：区民族宗教事务局";
		break;
	case SCREEN_ROUND:
		v.big = "第二轮  抢答题";
		v.lines = "主持人宣布“开始”后方可抢答\n抢答成功后20秒内作答";
		break;
	case SCREEN_BUZZ:
		v.big = "抢答开始!";
		v.countdown = 10;
		break;
	case SCREEN_WINNER:
		v.big = teams6[1].name;
		teams6[1].highlight = true;
		v.countdown = 20;
		break;
	case SCREEN_STAKE:
		v.big = teams6[2].name;
		v.lines = "10分 简单  20分 中等  30分 难";
		teams6[2].highlight = true;
		break;
	case SCREEN_REVEAL:
		v.answer = "答案：D";
		v.verdict = "东关街道代表队 答对 +10";
		v.explanation = "1984年5月31日第六届全国人民代表大会第二次会议通过。";
		v.source = "来源：《中华人民共和国民族区域自治法》";
		break;
	case SCREEN_STANDINGS:
		v.big = "第一轮结束";
		break;
	case SCREEN_TIEBREAK:
		v.big = "加赛";
		v.lines = "城关镇代表队 与 红旗乡代表队 并列第三名";
		teams6[2].highlight = teams6[3].highlight = true;
		break;
	case SCREEN_PODIUM:
		v.big = "最终排名";
		break;
	default:
		v.countdown = 25;
		break;
	}
	return v;
}

/* Render v and run it through a terminal of its size. */
static void
render(struct vt *t, const struct screen_view *v, struct strbuf *b)
{
	memset(b, 0, sizeof(*b));
	screen_render(b, v);
	assert_false(b->oom);
	assert_non_null(b->data);
	vt_run(t, v->cols, v->rows, b->data, b->len);
}

/* What every frame must be: nothing past the edges, nothing a terminal
 * would misread, every row rewritten, the cursor parked bottom-left, and
 * without colour no colour codes at all. */
static void
check_frame(struct vt *t, const struct screen_view *v, const struct strbuf *b)
{
	char want[32];
	int y;

	assert_int_equal(t->past_cols, 0);
	assert_int_equal(t->past_rows, 0);
	assert_int_equal(t->bad_bytes, 0);
	assert_int_equal(t->unknown_seq, 0);
	assert_int_equal(t->clears, 0);
	if (!v->color)
		assert_int_equal(t->colour_sgr, 0);
	for (y = 0; y < v->rows && y < (int)LEN(t->row_moves); y++)
		assert_int_equal(t->row_moves[y], 1 + (y == v->rows - 1));
	snprintf(want, sizeof(want), "\033[%d;1H", v->rows);
	assert_true(b->len >= strlen(want));
	assert_string_equal(b->data + b->len - strlen(want), want);
}

static const int sizes[][2] = {
	{80, 24},  {160, 48}, {30, 10}, {40, 12}, {39, 11}, {41, 13}, {57, 17},
	{120, 40}, {200, 60}, {1, 1},   {2, 3},   {12, 4},  {300, 8}, {20, 100},
};

/* ---- tests ----------------------------------------------------------------- */

/* Every kind, size, colour, number of teams and countdown gives a clean frame. */
static void
test_every_frame_clean(void **state)
{
	static const int countdowns[] = {-1, 0, 7, 10, 11, 59, 99, 100, 125, 3600};
	static const size_t nteams[] = {0, 1, 6};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t s, c, n;
	int kind, color, frames = 0;

	(void)state;
	for (kind = SCREEN_OPENING; kind <= SCREEN_PODIUM; kind++)
		for (s = 0; s < LEN(sizes); s++)
			for (color = 0; color <= 1; color++)
				for (c = 0; c < LEN(countdowns); c++)
					for (n = 0; n < LEN(nteams); n++) {
						v = view((enum screen_kind)kind, sizes[s][0],
							 sizes[s][1], color);
						v.countdown = countdowns[c];
						v.nteams = nteams[n];
						v.paused = c % 2;
						render(&t, &v, &b);
						check_frame(&t, &v, &b);
						vt_free(&t);
						strbuf_free(&b);
						frames++;
					}
	print_message("    %d frames\n", frames);
}

/* The question is all there, in order, wrapped without splitting a
 * character, and so are the options. */
static void
test_question_whole(void **state)
{
	static const int big[][2] = {{80, 24}, {160, 48}, {41, 20}, {57, 30}};
	enum screen_kind kinds[] = {SCREEN_QUESTION, SCREEN_BUZZ, SCREEN_WINNER, SCREEN_REVEAL};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *all;
	size_t s, k, i;

	(void)state;
	for (k = 0; k < LEN(kinds); k++)
		for (s = 0; s < LEN(big); s++) {
			v = view(kinds[k], big[s][0], big[s][1], true);
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			all = vt_joined(&t);
			assert_non_null(strstr(all, nospace(question)));
			for (i = 0; i < v.noptions; i++)
				assert_non_null(strstr(all, nospace(v.options[i])));
			free(all);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* Title and question lines are centred by display width (within one column). */
static void
test_centred(void **state)
{
	static const int big[][2] = {{80, 24}, {160, 48}, {81, 25}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char row[4096], all[8192];
	size_t s, rows_of_question;
	int y, first, last, x, ty;

	(void)state;
	for (s = 0; s < LEN(big); s++) {
		v = view(SCREEN_QUESTION, big[s][0], big[s][1], false);
		render(&t, &v, &b);
		/* the title bar, row 0 */
		assert_true(vt_find(&t, v.title, 0, &x, &ty));
		assert_int_equal(ty, 0);
		vt_span(&t, 0, &first, &last);
		assert_true(abs(first - (v.cols - 1 - last)) <= 1);
		/* each row holding part of the question */
		rows_of_question = 0;
		for (y = 1; y < v.rows; y++) {
			vt_row(&t, y, row, sizeof(row), NULL);
			snprintf(all, sizeof(all), "%s", nospace(row));
			if (*all == '\0' || strstr(nospace(question), all) == NULL)
				continue;
			rows_of_question++;
			vt_span(&t, y, &first, &last);
			assert_true(abs(first - (v.cols - 1 - last)) <= 1);
		}
		assert_int_equal(rows_of_question, v.cols < 120 ? 2 : 1);
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* Centred lines on a narrow screen are balanced: two lines of nearly the
 * same length rather than a full one and a stub. */
static void
test_balanced_lines(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, false);
	struct strbuf b;
	struct vt t;
	int x, y1, y2, f1, l1, f2, l2;

	(void)state;
	render(&t, &v, &b);
	assert_true(vt_find(&t, "《", 0, &x, &y1));
	assert_true(vt_find(&t, "？", 0, &x, &y2));
	assert_int_equal(y2, y1 + 1);
	vt_span(&t, y1, &f1, &l1);
	vt_span(&t, y2, &f2, &l2);
	assert_true(abs((l1 - f1) - (l2 - f2)) <= 4);
	vt_free(&t);
	strbuf_free(&b);
}

/* CJK text with punctuation wraps by the line-break rules: no row of the
 * question begins with closing punctuation, and the text survives whole. */
static void
test_cjk_wrap(void **state)
{
	static const char q[] =
		"根据《中华人民共和国宪法》，各民族一律平等。国家保障各少数民族的合法的"
		"权利和利益，维护和发展各民族的平等、团结、互助、和谐关系。禁止对任何"
		"民族的歧视和压迫，禁止破坏民族团结和制造民族分裂的行为（第四条）。"
		"Which article is this, in English words too?";
	static const char *const closing[] = {"，", "。", "、", "）", "》", "？"};
	int widths[] = {40, 41, 52, 63, 80, 99, 120};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char row[4096], *all, *p;
	size_t w, c;
	int y;

	(void)state;
	for (w = 0; w < LEN(widths); w++) {
		v = view(SCREEN_QUESTION, widths[w], 40, true);
		v.question = q;
		render(&t, &v, &b);
		check_frame(&t, &v, &b);
		all = vt_joined(&t);
		assert_non_null(strstr(all, nospace(q)));
		free(all);
		for (y = 0; y < v.rows; y++) {
			vt_row(&t, y, row, sizeof(row), NULL);
			for (p = row; *p == ' '; p++)
				;
			for (c = 0; c < LEN(closing); c++)
				assert_false(strncmp(p, closing[c], strlen(closing[c])) == 0);
		}
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* The countdown in block digits: 5 rows on 80x24, 10 on 160x48, 15 on
 * 200x60, as screen_digit_rows says; m:ss from 100 s on. */
static void
test_block_digits(void **state)
{
	static const struct {
		int cols, rows, secs, want_rows, want_cols;
	} cases[] = {
		/* "25": two glyphs of 3 pixels, one pixel between, 2 columns a pixel */
		{80, 24, 25, 5, 14},
		{160, 48, 25, 10, 28},
		{200, 60, 25, 15, 42},
		/* "2:05": 3 + 1 + 1 + 1 + 3 + 1 + 3 pixels */
		{80, 24, 125, 5, 26},
		{160, 48, 125, 10, 52},
		/* "5": one glyph */
		{80, 24, 5, 5, 6},
	};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t i;
	int k, top, bottom, left, right;

	(void)state;
	for (i = 0; i < LEN(cases); i++) {
		v = view(SCREEN_QUESTION, cases[i].cols, cases[i].rows, true);
		v.countdown = cases[i].secs;
		render(&t, &v, &b);
		k = vt_block_rows(&t, &top, &bottom, &left, &right);
		assert_int_equal(k, cases[i].want_rows);
		assert_int_equal(bottom - top + 1, cases[i].want_rows);
		assert_int_equal(right - left + 1, cases[i].want_cols);
		assert_int_equal(screen_digit_rows(cases[i].cols, cases[i].rows),
				 cases[i].want_rows);
		/* centred */
		assert_true(abs(left - (v.cols - 1 - right)) <= 1);
		vt_free(&t);
		strbuf_free(&b);
	}
	assert_true(screen_digit_rows(30, 10) >= 5);
	assert_true(screen_digit_rows(160, 48) > screen_digit_rows(80, 24));
}

/* The digits are the digits: the pixels of "25" where the font puts them. */
static void
test_digit_shapes(void **state)
{
	static const char *const want[5] = {
		"###.###", "..#.#..", "###.###", "#.....#", "###.###",
	};
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, false);
	struct strbuf b;
	struct vt t;
	int top, bottom, left, right, r, px, i;

	(void)state;
	render(&t, &v, &b);
	vt_block_rows(&t, &top, &bottom, &left, &right);
	for (r = 0; r < 5; r++)
		for (px = 0; px < 7; px++)
			for (i = 0; i < 2; i++)
				assert_int_equal(is_block(vcell(&t, left + 2 * px + i, top + r)),
						 want[r][px] == '#');
	vt_free(&t);
	strbuf_free(&b);
}

/* In the last ten seconds the digits turn to the warning: bright red with
 * colour, reverse video without; not before. */
static void
test_warning(void **state)
{
	static const int secs[] = {0, 5, 10, 11, 30};
	static const int size[][2] = {{80, 24}, {160, 48}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t i, s;
	int color, x, y, blocks, top, bottom, left, right;
	bool warn;
	const struct vcell *c;

	(void)state;
	for (s = 0; s < LEN(size); s++)
		for (i = 0; i < LEN(secs); i++)
			for (color = 0; color <= 1; color++) {
				v = view(SCREEN_QUESTION, size[s][0], size[s][1], color);
				v.countdown = secs[i];
				warn = secs[i] <= 10;
				render(&t, &v, &b);
				blocks = 0;
				for (y = 0; y < v.rows; y++)
					for (x = 0; x < v.cols; x++) {
						c = vcell(&t, x, y);
						if (!is_block(c))
							continue;
						blocks++;
						assert_true(c->attr & A_BOLD);
						if (color) {
							assert_int_equal(c->fg == 91, warn);
							assert_false(c->attr & A_REV);
						} else {
							assert_int_equal(!!(c->attr & A_REV), warn);
						}
					}
				assert_true(blocks > 20);
				/* Without colour a full block in reverse video is
				 * the background: the digits show only as dark on a
				 * light box, which reaches past them on every side. */
				vt_block_rows(&t, &top, &bottom, &left, &right);
				if (!color && warn)
					for (y = top - 1; y <= bottom + 1; y++)
						for (x = left - 1; x <= right + 1; x++)
							assert_true(vcell(&t, x, y)->attr & A_REV);
				if (color || !warn)
					assert_false(vcell(&t, left - 1, top)->attr & A_REV);
				vt_free(&t);
				strbuf_free(&b);
			}
}

/* On a small terminal the countdown is plain digits, still in the warning. */
static void
test_small_terminal(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *all;
	int color, x, y, top, bottom, left, right;

	(void)state;
	for (color = 0; color <= 1; color++) {
		v = view(SCREEN_QUESTION, 30, 10, color);
		v.countdown = 7;
		render(&t, &v, &b);
		check_frame(&t, &v, &b);
		assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right), 0);
		assert_true(vt_find(&t, " 7 ", 1, &x, &y));
		if (color)
			assert_int_equal(vcell(&t, x + 1, y)->fg, 91);
		else
			assert_true(vcell(&t, x + 1, y)->attr & A_REV);
		/* the title and the start of the question are there */
		assert_true(vt_find(&t, "2024年", 0, &x, &y));
		all = vt_joined(&t);
		assert_non_null(strstr(all, "《中华人民共和国"));
		free(all);
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* Each team's name (or a prefix of it) and its full score on the bottom
 * rows, the name before the score in one cell. */
static void
check_teams(struct vt *t, const struct screen_team *tm, size_t n, int from_row)
{
	char row[4096], name[256], score[16], *p, *q;
	size_t i, len;
	int y;
	bool ok;

	for (i = 0; i < n; i++) {
		snprintf(score, sizeof(score), "%d", tm[i].score);
		ok = false;
		strcpy(name, tm[i].name);
		/* the longest prefix of the name that is on those rows */
		for (len = strlen(name); len >= 1 && !ok;) {
			name[len] = '\0';
			for (y = from_row; y < t->rows && !ok; y++) {
				vt_row(t, y, row, sizeof(row), NULL);
				/* any cell on the row: names may share a prefix */
				for (q = strstr(row, name); q != NULL && !ok;
				     q = strstr(q + 1, name)) {
					p = q + len;
					if (strncmp(p, "..", 2) == 0)
						p += 2;
					while (*p == ' ')
						p++;
					ok = strncmp(p, score, strlen(score)) == 0 &&
					     (p[strlen(score)] == ' ' || p[strlen(score)] == '\0');
				}
			}
			/* one character shorter */
			do
				len--;
			while (len > 0 && ((unsigned char)name[len] & 0xc0) == 0x80);
		}
		if (!ok) {
			for (y = from_row; y < t->rows; y++) {
				vt_row(t, y, row, sizeof(row), NULL);
				print_message("%2d|%s|\n", y, row);
			}
			fail_msg("team %s %s not on the bottom rows", tm[i].name, score);
		}
	}
}

static void
test_teams_bottom(void **state)
{
	static const int size[][2] = {{80, 24}, {160, 48}, {30, 10}, {40, 12}, {100, 30}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t s;
	int x, y;

	(void)state;
	for (s = 0; s < LEN(size); s++) {
		v = view(SCREEN_QUESTION, size[s][0], size[s][1], true);
		render(&t, &v, &b);
		check_teams(&t, v.teams, v.nteams, v.rows - 5);
		vt_free(&t);
		strbuf_free(&b);
	}
	/* On 80 columns six long names are whole, on two rows above the hint. */
	v = view(SCREEN_BUZZ, 80, 24, false);
	render(&t, &v, &b);
	for (s = 0; s < 6; s++) {
		assert_true(vt_find(&t, v.teams[s].name, 0, &x, &y));
		assert_true(y == 21 || y == 22);
	}
	assert_true(vt_find(&t, "空格", 0, &x, &y));
	assert_int_equal(y, 23);
	vt_free(&t);
	strbuf_free(&b);
}

/* Many teams: more rows along the bottom, every score whole. */
static void
test_many_teams(void **state)
{
	static const int size[][2] = {{80, 24}, {160, 48}, {30, 10}, {40, 12}};
	static struct screen_team many[64];
	static char names[64][64];
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t s, i, n;

	(void)state;
	for (i = 0; i < 64; i++) {
		snprintf(names[i], sizeof(names[i]), "%s第%zu队", i % 2 ? "城关" : "", i + 1);
		many[i].name = names[i];
		many[i].key = (char)('!' + i);
		many[i].score = (int)i * 10 - 100;
		many[i].rank = (int)i + 1;
		many[i].highlight = i == 5;
		many[i].out = i == 6;
	}
	for (s = 0; s < LEN(size); s++)
		for (n = 7; n <= 64; n += 19) {
			v = view(SCREEN_QUESTION, size[s][0], size[s][1], false);
			v.teams = many;
			v.nteams = n;
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			/* 26 teams on 80 columns, 7 on 30 */
			if (n == 7 || (n <= 26 && v.cols >= 80))
				check_teams(&t, many, n, v.rows / 2);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* The team in turn is highlighted (a background with colour, reverse
 * without); a team out is dimmed; the others are plain. */
static void
test_highlight_and_out(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t i;
	int color, x, y;
	const struct vcell *c;

	(void)state;
	for (color = 0; color <= 1; color++) {
		v = view(SCREEN_WINNER, 80, 24, color);
		teams6[4].out = true;
		render(&t, &v, &b);
		for (i = 0; i < 6; i++) {
			assert_true(vt_find(&t, teams6[i].name, 20, &x, &y));
			c = vcell(&t, x, y);
			if (i == 1 && color)
				assert_int_equal(c->bg, 103);
			else if (i == 1)
				assert_true(c->attr & A_REV);
			else
				assert_false((c->attr & A_REV) || c->bg >= 0);
			assert_int_equal(!!(c->attr & A_DIM), i == 4);
		}
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* The buzz winner in large type: spaced out in a box three rows tall (the
 * rows above and below it in the same reverse video or background). */
static void
test_winner_banner(void **state)
{
	static const int size[][2] = {{80, 24}, {160, 48}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t s;
	int color, x, y, k;
	const struct vcell *c;

	(void)state;
	for (s = 0; s < LEN(size); s++)
		for (color = 0; color <= 1; color++) {
			v = view(SCREEN_WINNER, size[s][0], size[s][1], color);
			render(&t, &v, &b);
			assert_true(vt_find(&t, "东 关 街 道 代 表 队", 0, &x, &y));
			assert_true(y > 0 && y < v.rows - 4);
			for (k = -1; k <= 1; k++) {
				c = vcell(&t, x - 2, y + k);
				if (color)
					assert_int_equal(c->bg, 41);
				else
					assert_true(c->attr & A_REV);
			}
			c = vcell(&t, x - 2, y - 2);
			assert_false((c->attr & A_REV) || c->bg >= 0);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* The buzz window: its big line, the question and its own countdown. */
static void
test_buzz(void **state)
{
	struct screen_view v = view(SCREEN_BUZZ, 80, 24, true);
	struct strbuf b;
	struct vt t;
	char *all;
	int x, yb, top, bottom, left, right;

	(void)state;
	render(&t, &v, &b);
	assert_true(vt_find(&t, "抢 答 开 始 !", 0, &x, &yb));
	assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right), 5);
	assert_true(top > yb);
	all = vt_joined(&t);
	assert_non_null(strstr(all, nospace(question)));
	free(all);
	vt_free(&t);
	strbuf_free(&b);
}

/* Paused: the digits stay and the caller's word goes with them. */
static void
test_paused(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, false);
	struct strbuf b;
	struct vt t;
	int x, y, top, bottom, left, right;

	(void)state;
	v.paused = true;
	v.big = "暂停";
	v.countdown = 18;
	render(&t, &v, &b);
	assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right), 5);
	assert_true(vt_find(&t, "暂 停", 0, &x, &y));
	assert_true(y > bottom);
	vt_free(&t);
	strbuf_free(&b);
}

/* Reveal: the answer, the verdict, the explanation and the source. */
static void
test_reveal(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *all;
	int x, ya, yv, ye, ys, color;

	(void)state;
	for (color = 0; color <= 1; color++) {
		v = view(SCREEN_REVEAL, 80, 24, color);
		render(&t, &v, &b);
		all = vt_joined(&t);
		assert_non_null(strstr(all, nospace(v.answer)));
		assert_non_null(strstr(all, nospace(v.explanation)));
		free(all);
		assert_true(vt_find(&t, "答 案 ： D", 0, &x, &ya));
		assert_true(vt_find(&t, v.verdict, 0, &x, &yv));
		assert_true(vt_find(&t, "1984年5月31日", 0, &x, &ye));
		assert_true(vt_find(&t, v.source, 0, &x, &ys));
		assert_true(ya < yv && yv < ye && ye < ys);
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* The standings: every team in rank order with its rank and score. */
static void
test_standings(void **state)
{
	static const int size[][2] = {{80, 24}, {160, 48}, {30, 10}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char row[4096], want[64];
	size_t s, i;
	int x, y, prev;

	(void)state;
	for (s = 0; s < LEN(size); s++) {
		v = view(SCREEN_STANDINGS, size[s][0], size[s][1], true);
		teams6[0].highlight = true;
		render(&t, &v, &b);
		prev = -1;
		for (i = 0; i < 6; i++) {
			assert_true(vt_find(&t, teams6[i].name, 0, &x, &y));
			assert_true(y > prev);
			prev = y;
			vt_row(&t, y, row, sizeof(row), NULL);
			snprintf(want, sizeof(want), " %d", teams6[i].score);
			assert_non_null(strstr(row, want));
			snprintf(want, sizeof(want), "%d ", teams6[i].rank);
			assert_non_null(strstr(row, want));
			assert_int_equal(vcell(&t, x, y)->bg == 103, i == 0);
		}
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* The podium: places 1..prizes in large type, in order, the place in
 * block digits when there is room; the others along the bottom. */
static void
test_podium(void **state)
{
	static const int size[][2] = {{80, 24}, {160, 48}, {30, 10}};
	static const char *const spaced[4] = {
		"西 固 城 街 道 代 表 队",
		"东 关 街 道 代 表 队",
		"城 关 镇 代 表 队",
		"红 旗 乡 代 表 队",
	};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t s, i;
	int x, y, prev, color, top, bottom, left, right;
	const struct vcell *c;

	(void)state;
	for (s = 0; s < LEN(size); s++)
		for (color = 0; color <= 1; color++) {
			v = view(SCREEN_PODIUM, size[s][0], size[s][1], color);
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			prev = -1;
			/* places 1, 2, 3 and 3 (a tie) */
			for (i = 0; i < 4; i++) {
				if (!vt_find(&t, spaced[i], 0, &x, &y))
					assert_true(vt_find(&t, teams6[i].name, 0, &x, &y));
				assert_true(y > prev);
				prev = y;
				c = vcell(&t, x, y);
				if (color)
					assert_true(c->bg >= 0);
				else
					assert_true(c->attr & A_REV);
			}
			check_teams(&t, teams6 + 4, 2, prev + 1);
			if (s == 1)
				/* four places of 5 rows: 10 would not fit */
				assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right),
						 20);
			vt_free(&t);
			strbuf_free(&b);
		}
	/* Without the tie three places fit in digits of 10 rows, one blank row
	 * between places. */
	v = view(SCREEN_PODIUM, 160, 48, true);
	teams6[3].rank = 4;
	render(&t, &v, &b);
	assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right), 30);
	assert_int_equal(bottom - top + 1, 32);
	vt_free(&t);
	strbuf_free(&b);
}

/* The opening: the title large, every team with its key. */
static void
test_opening(void **state)
{
	struct screen_view v = view(SCREEN_OPENING, 80, 24, true);
	struct strbuf b;
	struct vt t;
	char row[4096], want[64];
	size_t i;
	int x, y;

	(void)state;
	render(&t, &v, &b);
	assert_true(vt_find(&t, "2024 年 全 区", 0, &x, &y));
	assert_int_equal(vcell(&t, x, y)->bg, 41);
	for (i = 0; i < 6; i++) {
		assert_true(vt_find(&t, teams6[i].name, 0, &x, &y));
		vt_row(&t, y, row, sizeof(row), NULL);
		snprintf(want, sizeof(want), "%c   %s", teams6[i].key, teams6[i].name);
		assert_non_null(strstr(row, want));
	}
	vt_free(&t);
	strbuf_free(&b);
}

/* The round, its rules and the question number are on the top rows. */
static void
test_header(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, true);
	struct strbuf b;
	struct vt t;
	int x, y;

	(void)state;
	render(&t, &v, &b);
	assert_true(vt_find(&t, v.round_line, 0, &x, &y));
	assert_int_equal(y, 1);
	assert_true(vt_find(&t, v.number, 0, &x, &y));
	assert_true(y <= 2);
	/* the bar spans the row, its last column too */
	assert_int_equal(vcell(&t, 0, 0)->bg, 44);
	assert_int_equal(vcell(&t, v.cols - 1, 0)->bg, 44);
	vt_free(&t);
	strbuf_free(&b);
}

/* The screen has no words of its own: a view without text shows none. */
static void
test_no_words_of_its_own(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *all;
	int kind;
	size_t s;

	(void)state;
	for (kind = SCREEN_OPENING; kind <= SCREEN_PODIUM; kind++)
		for (s = 0; s < LEN(sizes); s++) {
			memset(&v, 0, sizeof(v));
			v.kind = (enum screen_kind)kind;
			v.cols = sizes[s][0];
			v.rows = sizes[s][1];
			v.color = true;
			v.countdown = -1;
			v.prizes = 3;
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			all = vt_joined(&t);
			assert_string_equal(all, "");
			free(all);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* Counts without their arrays, and arrays with NULL entries, are safe. */
static void
test_null_parts(void **state)
{
	static const char *const opts[] = {NULL, "B. 对", NULL};
	struct screen_team named[2] = {{NULL, 'a', 5, 1, true, false},
				       {"乙队", 0, 7, 2, false, true}};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	int kind;
	size_t s;

	(void)state;
	for (kind = SCREEN_OPENING; kind <= SCREEN_PODIUM; kind++)
		for (s = 0; s < LEN(sizes); s++) {
			v = view((enum screen_kind)kind, sizes[s][0], sizes[s][1], true);
			v.teams = NULL;
			v.nteams = 6;
			v.options = NULL;
			v.noptions = 4;
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			vt_free(&t);
			strbuf_free(&b);
			v.teams = named;
			v.nteams = 2;
			v.options = opts;
			v.noptions = 3;
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* A long question is cut with "..", and the countdown and the teams keep
 * their places. */
static void
test_long_text_cut(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *q = malloc(20000), row[4096];
	size_t i;
	int y, x, top, bottom, left, right, cut = 0;

	(void)state;
	assert_non_null(q);
	for (i = 0; i + 3 < 20000 - 1; i += 3)
		memcpy(q + i, i % 30 == 0 ? "，" : "民", 3);
	q[i] = '\0';
	v = view(SCREEN_QUESTION, 80, 24, true);
	v.question = q;
	render(&t, &v, &b);
	check_frame(&t, &v, &b);
	for (y = 0; y < v.rows; y++) {
		vt_row(&t, y, row, sizeof(row), NULL);
		if (strstr(row, "民..") != NULL || strstr(row, "，..") != NULL)
			cut++;
	}
	assert_int_equal(cut, 1);
	assert_int_equal(vt_block_rows(&t, &top, &bottom, &left, &right), 5);
	check_teams(&t, v.teams, v.nteams, v.rows - 4);
	assert_true(vt_find(&t, "A. 1949年", 0, &x, &y));
	vt_free(&t);
	strbuf_free(&b);
	free(q);
}

/* Control characters and escape sequences in the text are not passed to
 * the terminal; invalid UTF-8 is shown as '?'. */
static void
test_hostile_text(void **state)
{
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	char *all;
	int color;

	(void)state;
	for (color = 0; color <= 1; color++) {
		v = view(SCREEN_QUESTION, 80, 24, color);
		v.question = "ab\033[31mcd\033]0;title\007ef\r\ngh\tij\xff\xfekl\xe4\xb8";
		v.title = "\033[2J\033[H";
		teams6[0].name = "\033c\033[?1049l";
		render(&t, &v, &b);
		check_frame(&t, &v, &b);
		all = vt_joined(&t);
		assert_non_null(strstr(all, "ab[31mcd]0;titleef"));
		assert_non_null(strstr(all, "??kl?"));
		free(all);
		vt_free(&t);
		strbuf_free(&b);
	}
}

/* A wide character that would straddle the right edge is not drawn. */
static void
test_wide_at_edge(void **state)
{
	static const int odd[] = {41, 43, 45, 47, 79, 81};
	struct screen_view v;
	struct strbuf b;
	struct vt t;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < LEN(odd); i++)
		for (k = SCREEN_OPENING; k <= SCREEN_PODIUM; k++) {
			v = view((enum screen_kind)k, odd[i], 20, true);
			v.title = "中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中"
				  "中中中中中"
				  "中中中中中中中中中中中中中中中中中中中中中中";
			v.big = v.title;
			v.status = v.title;
			v.hint = v.title;
			render(&t, &v, &b);
			check_frame(&t, &v, &b);
			vt_free(&t);
			strbuf_free(&b);
		}
}

/* The status line sits above the teams. */
static void
test_status(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, false);
	struct strbuf b;
	struct vt t;
	int x, y, xt, yt;

	(void)state;
	v.status = "journal write failed: No space left on device";
	v.status_warn = true;
	render(&t, &v, &b);
	assert_true(vt_find(&t, v.status, 0, &x, &y));
	assert_true(vt_find(&t, teams6[0].name, 0, &xt, &yt));
	assert_true(y < yt && y >= v.rows - 5);
	assert_true(vcell(&t, x, y)->attr & A_REV);
	vt_free(&t);
	strbuf_free(&b);

	/* What just happened is no warning: not in the warning's reverse video. */
	v.status = "甲队 buzzed first";
	v.status_warn = false;
	render(&t, &v, &b);
	assert_true(vt_find(&t, v.status, 0, &x, &y));
	assert_true(y >= v.rows - 5);
	assert_false(vcell(&t, x, y)->attr & A_REV);
	vt_free(&t);
	strbuf_free(&b);
}

/* Out of memory: the buffer says so, nothing leaks. */
static void
test_out_of_memory(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, true);
	struct strbuf b = {0};
	long live = mem_live();

	(void)state;
	mem_fail_after(0, 0);
	screen_render(&b, &v);
	mem_fail_after(-1, 0);
	assert_true(b.oom);
	strbuf_free(&b);
	assert_int_equal(mem_live(), live);
	/* and a buffer that fails half-way through */
	mem_fail_after(1, 1);
	screen_render(&b, &v);
	mem_fail_after(-1, 0);
	assert_true(b.oom);
	strbuf_free(&b);
	assert_int_equal(mem_live(), live);
}

/* The whole frame is appended: what was in the buffer stays before it. */
static void
test_appends(void **state)
{
	struct screen_view v = view(SCREEN_QUESTION, 80, 24, true);
	struct strbuf b = {0};

	(void)state;
	strbuf_puts(&b, screen_enter());
	screen_render(&b, &v);
	assert_memory_equal(b.data, screen_enter(), strlen(screen_enter()));
	assert_non_null(strstr(b.data + strlen(screen_enter()), "\033[24;1H"));
	strbuf_free(&b);
}

static void
test_enter_leave(void **state)
{
	(void)state;
	assert_non_null(strstr(screen_enter(), "\033[?1049h"));
	assert_non_null(strstr(screen_enter(), "\033[?25l"));
	assert_non_null(strstr(screen_leave(), "\033[?25h"));
	assert_non_null(strstr(screen_leave(), "\033[?1049l"));
	assert_true(strstr(screen_leave(), "\033[?25h") < strstr(screen_leave(), "\033[?1049l"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_frame_clean),
		cmocka_unit_test(test_question_whole),
		cmocka_unit_test(test_centred),
		cmocka_unit_test(test_balanced_lines),
		cmocka_unit_test(test_cjk_wrap),
		cmocka_unit_test(test_block_digits),
		cmocka_unit_test(test_digit_shapes),
		cmocka_unit_test(test_warning),
		cmocka_unit_test(test_small_terminal),
		cmocka_unit_test(test_teams_bottom),
		cmocka_unit_test(test_many_teams),
		cmocka_unit_test(test_highlight_and_out),
		cmocka_unit_test(test_winner_banner),
		cmocka_unit_test(test_buzz),
		cmocka_unit_test(test_paused),
		cmocka_unit_test(test_reveal),
		cmocka_unit_test(test_standings),
		cmocka_unit_test(test_podium),
		cmocka_unit_test(test_opening),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_no_words_of_its_own),
		cmocka_unit_test(test_null_parts),
		cmocka_unit_test(test_long_text_cut),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_wide_at_edge),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_enter_leave),
	};

	text_setup_ctype();
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
