/*
 * rules.h — the competition's rules: a pure state machine.
 *
 *   state + event -> new state, or a refusal with a reason
 *
 * No I/O, no clock, no terminal.  The host turns keys and lines into
 * events, the journal stores them, and standings, resume, undo and the
 * scoreboards all come from replaying them through rules_apply(): there is
 * one way to compute a score.
 *
 * Time enters only through the events: the host sends RULES_TIMEOUT when a
 * timer it runs expires, and every event carries left_ms, the time the
 * running timer had left when it happened (-1 when none runs), so that a
 * replay knows what a resumed timer has left.  RULES_CLOCK events carry
 * nothing else: the host journals one every second while a timer runs.
 *
 * The flow (see docs/competition.md):
 *   IDLE  --next-->  required: SHOWN --start--> ANSWER --answer/mark/timeout--> REVEAL
 *                    buzz:     SHOWN --start--> OPEN --buzz--> ANSWER --> REVEAL
 *                              (key in SHOWN: a foul; wrong + rebound: OPEN again)
 *                    risk:     STAKE --stake N--> ANSWER --> REVEAL  (stake 0: REVEAL)
 *                    speed:    ANSWER (set timer) --answer...--> REVEAL at the set's end
 *   REVEAL --next--> the next question, round, the tiebreak, or FINAL.
 * FINAL comes by itself when the last question is over and no tie inside
 * the prizes is left; adjust and undo are accepted after it.
 */
#ifndef JINGSAI_RULES_H
#define JINGSAI_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "comp.h"
#include "standings.h"

enum rules_ev {
	RULES_NEXT,    /* the host's step: next question / turn / round */
	RULES_START,   /* required: start the timer; buzz: open the window */
	RULES_BUZZ,    /* team pressed its key */
	RULES_STAKE,   /* value: the stake chosen (0 = decline) */
	RULES_ANSWER,  /* text typed, verdict as judged by answer_check */
	RULES_MARK,    /* verdict by hand: correct / wrong (also overrules at REVEAL) */
	RULES_TIMEOUT, /* the running timer ran out */
	RULES_ADJUST,  /* team, value = delta, text = reason */
	RULES_UNDO,    /* void the last scoring event not yet voided */
	RULES_SKIP,    /* the current question is void (speed: pass this one) */
	RULES_PAUSE,
	RULES_RESUME,
	RULES_CLOCK, /* only left_ms: a running timer's checkpoint */
	RULES_EV_COUNT
};

enum rules_verdict {
	RULES_WRONG,
	RULES_RIGHT,
	RULES_SELF, /* an open question's answer: the host marks it */
};

struct rules_event {
	enum rules_ev kind;
	int team;         /* BUZZ, ADJUST: team index; -1 otherwise */
	int value;        /* STAKE: the stake; ADJUST: delta */
	int verdict;      /* ANSWER, MARK: enum rules_verdict */
	const char *text; /* ANSWER: what was typed; ADJUST: reason (not owned) */
	int64_t left_ms;  /* the running timer's time left, -1 when none runs */
	int64_t wall_ms;  /* CLOCK_REALTIME at the event, for the record only */
	const char *qid;  /* NEXT, STAKE: the question shown, for the record only */
};

enum rules_result {
	RULES_APPLIED, /* the state changed: journal it */
	RULES_IGNORED, /* harmless no-op (a late or repeated buzz): do not journal */
	RULES_REFUSED, /* out of turn or invalid: *why says so, nothing changed */
};

enum rules_phase {
	PHASE_IDLE,   /* before a question: `next` goes on */
	PHASE_STAKE,  /* risk: the team in turn chooses a stake */
	PHASE_SHOWN,  /* question on screen, no timer yet (buzz: window closed) */
	PHASE_OPEN,   /* buzz: the window is open */
	PHASE_ANSWER, /* a team answers against its timer */
	PHASE_JUDGE,  /* an open question's answer waits for correct/wrong */
	PHASE_REVEAL, /* the question is over; the answer is shown */
	PHASE_FINAL,  /* nothing left to ask */
};

enum rules_timer_kind {
	TIMER_NONE,
	TIMER_ANSWER, /* a team's answer time */
	TIMER_WINDOW, /* the buzz window */
	TIMER_SET,    /* a speed round's whole set */
};

/* What one event made happen, for the host's one-line report and screen. */
enum rules_what {
	WHAT_ROUND,    /* a new round begins (round) */
	WHAT_QUESTION, /* a question is shown (team: in turn, or -1 for all) */
	WHAT_TURN,     /* risk: team is to choose a stake */
	WHAT_TIMER,    /* a timer starts (timer kind in value) */
	WHAT_WINDOW,   /* the buzz window opens (again, for 补答, when value is 1) */
	WHAT_FOUL,     /* team keyed before the signal: delta, out for the question */
	WHAT_BUZZ,     /* team won the buzz */
	WHAT_SCORE,    /* team answered: verdict, delta (timeout: verdict WRONG, value 1) */
	WHAT_JUDGE,    /* an open answer waits for marking */
	WHAT_OVERRULE, /* the verdict on team was changed: delta is the change */
	WHAT_STAKE,    /* team staked value (0: declined) */
	WHAT_VOID,     /* the question is void: nobody scored */
	WHAT_ADJUST,   /* team: delta */
	WHAT_UNDO,     /* team: the voided event's delta is taken back (delta = -it) */
	WHAT_PAUSE,
	WHAT_RESUME,
	WHAT_TIEBREAK, /* the tiebreak begins among the tied teams */
	WHAT_PLACE,    /* tiebreak: team takes place value */
	WHAT_FINAL,
};

struct rules_happening {
	enum rules_what what;
	int team;
	int delta;
	int value;
	int verdict;
};

#define RULES_MAX_HAPPENINGS 12

struct rules_outcome {
	size_t n;
	struct rules_happening h[RULES_MAX_HAPPENINGS];
};

struct rules_timer {
	enum rules_timer_kind kind;
	int64_t limit_ms; /* its full length */
	int64_t left_ms;  /* what it has left (as of the last event) */
};

struct rules_team {
	int score;
	bool out;     /* out for the current question (a foul or a wrong answer) */
	bool fouled;  /* keyed before the signal on the current question */
	bool buzzed;  /* its one key on the current question was counted */
	bool tied;    /* in the tiebreak group being decided */
	int tiebreak; /* place given by the tiebreak, 0 = none */
};

struct rules_record; /* a scoring event, private */
struct rules_private;

struct rules {
	const struct comp *comp;
	enum rules_phase phase;
	size_t round;                    /* index into comp->rounds; comp->nrounds = the tiebreak */
	size_t turn;                     /* turns (or buzz questions) begun in this round */
	size_t set_index;                /* speed: the question of the set on screen */
	int team;                        /* team in turn or answering; -1 none */
	int stake;                       /* risk: the stake on the question */
	const struct question *question; /* on screen; NULL without a plan or none */
	size_t question_no;              /* 1-based number of that question in its round */
	size_t round_total;              /* how many questions the round asks (tiebreak: 0) */
	bool paused;
	struct rules_timer timer;
	struct rules_team *teams; /* comp->nteams */
	size_t *order;            /* this round's team order (nteams) */
	int last_team;            /* REVEAL: who answered last, -1 none */
	int last_verdict;         /* REVEAL: its verdict; -1 when void */
	int last_delta;
	size_t events;                /* events applied (CLOCK events not counted) */
	struct rules_outcome outcome; /* what the last rules_apply made happen */
	struct rules_private *priv;
};

/* Start a competition at its opening (PHASE_IDLE before the first round).
 * c (and its plan, when there is one) must outlive r.  0, or -1 out of
 * memory. */
int rules_init(struct rules *r, const struct comp *c);
void rules_free(struct rules *r);

/* Apply one event.  On RULES_REFUSED *why (when why is not NULL) is a
 * static English message, translatable with _(): the reason, e.g. "no
 * question is being answered".  r->outcome says what happened. */
enum rules_result rules_apply(struct rules *r, const struct rules_event *ev, const char **why);

/* The round now being played (the tiebreak's when r->round == nrounds). */
const struct comp_round *rules_round(const struct rules *r);
/* Whether the tiebreak is what is being played. */
bool rules_in_tiebreak(const struct rules *r);
/* Whether the round being played has asked all its questions, so that the
 * next `next` begins another round (or the end). */
bool rules_round_over(const struct rules *r);

/* The standings now, ranked.  What out points to is owned by r and valid
 * until the next rules_apply() or rules_free().  0, or -1 out of memory. */
int rules_standings(struct rules *r, struct standings *out);

/* An event with every field at its neutral value (team -1, left_ms -1). */
struct rules_event rules_event_make(enum rules_ev kind);

/* "next", "start", "buzz", ... and back (-1 when unknown): the journal's
 * names for the event kinds. */
const char *rules_ev_name(enum rules_ev k);
int rules_ev_parse(const char *s);

#endif
