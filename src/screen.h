/*
 * screen.h — the projector frame: a whole screen built in a buffer, to be
 * written with one write().  Layout by display width (CJK counts two),
 * text centred and wrapped, a countdown in large block digits.  It knows
 * nothing of the rules: the host fills a screen_view.
 *
 * Without colour (NO_COLOR, --no-color) emphasis is bold and reverse video
 * only, so the screen stays readable.
 */
#ifndef JINGSAI_SCREEN_H
#define JINGSAI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum screen_kind {
	SCREEN_OPENING,   /* title and the teams */
	SCREEN_ROUND,     /* a round's introduction: its name and rules */
	SCREEN_QUESTION,  /* the question, options, countdown when one runs */
	SCREEN_BUZZ,      /* the question with the buzz window open: its countdown */
	SCREEN_WINNER,    /* the buzz winner named in large type, answer countdown */
	SCREEN_STAKE,     /* risk: the team in turn and the stakes to choose from */
	SCREEN_REVEAL,    /* the answer, the explanation, the source, the verdict */
	SCREEN_STANDINGS, /* the table between rounds */
	SCREEN_TIEBREAK,  /* the tiebreak: who is tied for which places */
	SCREEN_PODIUM,    /* the final: places 1..prizes in large type */
};

struct screen_team {
	const char *name;
	char key;
	int score;
	int rank;       /* for STANDINGS and PODIUM */
	bool highlight; /* in turn, or the buzz winner */
	bool out;       /* out for this question (a foul, a wrong answer): dimmed */
};

struct screen_view {
	enum screen_kind kind;
	int cols, rows; /* the terminal's size */
	bool color;
	const char *title;
	const char *round_line; /* e.g. "抢答题 · 答对加10分 · 答错扣10分" */
	const char *number;     /* e.g. "第 3 题 / 共 10 题" */
	const char *question;
	const char *const *options; /* "A. 1982年", ... */
	size_t noptions;
	const char *big;    /* large type: the winner, a verdict, "暂停" */
	const char *answer; /* REVEAL: "答案：B" */
	const char *explanation;
	const char *source;
	const char *verdict; /* REVEAL: "西固城街道代表队 答对 +10" */
	const char *lines;   /* free text of several lines ('\n'): stakes, tiebreak, intro rules */
	const char *status;  /* one line above the teams: what just happened */
	bool status_warn;    /* ... drawn as a warning ("journal write failed: ...") */
	const char *hint;    /* the last line: the keys the host may press */
	int countdown;       /* seconds left, -1 for none */
	bool paused;         /* countdown stopped */
	const struct screen_team *teams;
	size_t nteams; /* PODIUM and STANDINGS: in rank order */
	int prizes;    /* PODIUM: places shown in large type */
};

/* Append the whole frame to b: every row rewritten from its first column
 * (so no clear is needed and nothing flickers), the cursor parked
 * bottom-left.  Never wider than cols, never taller than rows; a terminal
 * too small for the layout gets a simpler one rather than garbage.  Out of
 * memory sets b->oom. */
void screen_render(struct strbuf *b, const struct screen_view *v);

/* Rows of the large digits of a countdown on a terminal of this size (at
 * least 5, more on a larger screen) when the layout has room for them. */
int screen_digit_rows(int cols, int rows);

/* Escape sequences to enter and leave the alternate screen (cursor hidden,
 * then shown again). */
const char *screen_enter(void);
const char *screen_leave(void);

#endif
