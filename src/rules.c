/*
 * rules.c — the competition's rules as a pure state machine; see rules.h.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mem.h"
#include "rules.h"

static const char *const ev_names[RULES_EV_COUNT] = {
	[RULES_NEXT] = "next",       [RULES_START] = "start",   [RULES_BUZZ] = "buzz",
	[RULES_STAKE] = "stake",     [RULES_ANSWER] = "answer", [RULES_MARK] = "mark",
	[RULES_TIMEOUT] = "timeout", [RULES_ADJUST] = "adjust", [RULES_UNDO] = "undo",
	[RULES_SKIP] = "skip",       [RULES_PAUSE] = "pause",   [RULES_RESUME] = "resume",
	[RULES_CLOCK] = "clock",
};

const char *
rules_ev_name(enum rules_ev k)
{
	return (unsigned)k < RULES_EV_COUNT ? ev_names[k] : "?";
}

int
rules_ev_parse(const char *s)
{
	int i;

	for (i = 0; i < RULES_EV_COUNT; i++)
		if (strcmp(s, ev_names[i]) == 0)
			return i;
	return -1;
}

struct rules_event
rules_event_make(enum rules_ev kind)
{
	struct rules_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.team = -1;
	ev.verdict = -1;
	ev.left_ms = -1;
	return ev;
}

/* ---- private state ---------------------------------------------------- */

/* A scoring event: a verdict, a foul, an overrule or an adjustment.  Undo
 * voids the newest one that is not void yet. */
struct rules_record {
	int team;
	int delta;
	long round;   /* index into comp->rounds; -1 for an adjustment */
	char *reason; /* adjustments: owned */
	bool voided;
};

struct rules_private {
	struct rules_record *recs;
	size_t nrecs, cap;
	size_t risk_drawn[3];    /* risk: questions of each difficulty drawn so far */
	size_t tb_asked;         /* tiebreak questions drawn */
	int tb_best, tb_worst;   /* the places still open in the group being decided */
	struct rules_timer held; /* speed: the set's clock while an answer is judged */
	size_t q_first_rec;      /* the first record of the question on screen */
	/* rules_standings' buffers */
	struct standings_team *st;
	int *points;
	struct standings_adjustment *adj;
	const char **round_names;
	size_t *idx;
};

static void
happen(struct rules *r, enum rules_what what, int team, int delta, int value, int verdict)
{
	struct rules_happening *h;

	if (r->outcome.n >= RULES_MAX_HAPPENINGS)
		return;
	h = &r->outcome.h[r->outcome.n++];
	h->what = what;
	h->team = team;
	h->delta = delta;
	h->value = value;
	h->verdict = verdict;
}

static size_t
nteams(const struct rules *r)
{
	return r->comp->nteams;
}

const struct comp_round *
rules_round(const struct rules *r)
{
	if (r->round >= r->comp->nrounds)
		return &r->comp->tiebreak;
	return &r->comp->rounds[r->round];
}

bool
rules_in_tiebreak(const struct rules *r)
{
	return r->round >= r->comp->nrounds;
}

/* How many turns (buzz: questions) the current round has. */
static size_t
turns_total(const struct rules *r)
{
	const struct comp_round *rd = rules_round(r);
	size_t per = rd->per_team > 0 ? (size_t)rd->per_team : 1;

	if (rules_in_tiebreak(r))
		return (size_t)-1;
	switch (rd->kind) {
	case ROUND_BUZZ:
		return (size_t)rd->questions;
	case ROUND_SPEED:
		return nteams(r);
	default:
		return nteams(r) * per;
	}
}

bool
rules_round_over(const struct rules *r)
{
	return !rules_in_tiebreak(r) && r->turn >= turns_total(r) &&
	       (r->phase == PHASE_IDLE || r->phase == PHASE_REVEAL);
}

static size_t
questions_total(const struct rules *r)
{
	const struct comp_round *rd = rules_round(r);
	size_t per = rd->per_team > 0 ? (size_t)rd->per_team : 1;

	if (rules_in_tiebreak(r))
		return 0;
	if (rd->kind == ROUND_BUZZ)
		return (size_t)rd->questions;
	return nteams(r) * per;
}

static int
add_record(struct rules *r, int team, int delta, long round, const char *reason)
{
	struct rules_private *p = r->priv;
	struct rules_record *rec;

	if (mem_grow((void **)&p->recs, &p->cap, p->nrecs + 1, sizeof(*p->recs)) != 0)
		return -1;
	rec = &p->recs[p->nrecs];
	memset(rec, 0, sizeof(*rec));
	if (reason != NULL && (rec->reason = mem_strdup(reason)) == NULL)
		return -1;
	rec->team = team;
	rec->delta = delta;
	rec->round = round;
	p->nrecs++;
	r->teams[team].score += delta;
	return 0;
}

/* Room for the records an event may add, taken before anything changes, so
 * that running out of memory refuses the event whole. */
static int
reserve_records(struct rules *r, size_t n)
{
	struct rules_private *p = r->priv;

	return mem_grow((void **)&p->recs, &p->cap, p->nrecs + n, sizeof(*p->recs));
}

/* Seconds a team has to answer the question on screen. */
static int64_t
answer_ms(const struct rules *r)
{
	const struct comp_round *rd = rules_round(r);
	int s = rd->time;

	if (s <= 0)
		s = r->question != NULL && r->question->time > 0 ? r->question->time
								 : BANK_DEFAULT_TIME;
	return (int64_t)s * 1000;
}

static void
timer_set(struct rules *r, enum rules_timer_kind kind, int64_t ms)
{
	r->timer.kind = kind;
	r->timer.limit_ms = ms;
	r->timer.left_ms = ms;
	if (kind != TIMER_NONE)
		happen(r, WHAT_TIMER, r->team, 0, (int)kind, -1);
}

static void
timer_stop(struct rules *r)
{
	r->timer.kind = TIMER_NONE;
	r->timer.limit_ms = r->timer.left_ms = 0;
}

static void
clear_question_flags(struct rules *r)
{
	size_t i;

	for (i = 0; i < nteams(r); i++) {
		r->teams[i].out = false;
		r->teams[i].fouled = false;
		r->teams[i].buzzed = false;
	}
}

/* Whether team t may buzz on this question at all. */
static bool
eligible(const struct rules *r, int t)
{
	if (rules_in_tiebreak(r))
		return r->teams[t].tied && r->teams[t].tiebreak == 0;
	return true;
}

static bool
anyone_left(const struct rules *r)
{
	size_t i;

	for (i = 0; i < nteams(r); i++)
		if (eligible(r, (int)i) && !r->teams[i].out)
			return true;
	return false;
}

/* ---- ranking ------------------------------------------------------------ */

/* Whether team a ranks strictly above team b: more points, or the same
 * points and a better place from the tiebreak. */
static bool
better(const struct rules *r, size_t a, size_t b)
{
	const struct rules_team *ta = &r->teams[a], *tb = &r->teams[b];

	if (ta->score != tb->score)
		return ta->score > tb->score;
	if (ta->tiebreak > 0 && tb->tiebreak > 0)
		return ta->tiebreak < tb->tiebreak;
	/* A group being decided: the teams without a place yet hold the places
	 * still open, tb_best..tb_worst, so one placed above them ranks better
	 * and one placed below them worse. */
	if (ta->tiebreak > 0)
		return ta->tiebreak < r->priv->tb_best;
	if (tb->tiebreak > 0)
		return tb->tiebreak > r->priv->tb_worst;
	return false;
}

static int
rank_of(const struct rules *r, size_t t)
{
	size_t i;
	int rank = 1;

	for (i = 0; i < nteams(r); i++)
		if (i != t && better(r, i, t))
			rank++;
	return rank;
}

/* The best rank inside the prizes that two or more teams share; 0 when none. */
static int
tied_rank(const struct rules *r)
{
	size_t i, j;
	int best = 0, rk;

	for (i = 0; i < nteams(r); i++) {
		rk = rank_of(r, i);
		if (rk > r->comp->prizes || (best && rk >= best))
			continue;
		for (j = 0; j < nteams(r); j++)
			if (j != i && rank_of(r, j) == rk) {
				best = rk;
				break;
			}
	}
	return best;
}

/* After the last round, or a tiebreak group decided: the next group to
 * decide, or the end. */
static void
settle(struct rules *r)
{
	struct rules_private *p = r->priv;
	int rk = r->comp->has_tiebreak ? tied_rank(r) : 0;
	size_t i, n = 0;

	for (i = 0; i < nteams(r); i++)
		r->teams[i].tied = false;
	if (rk == 0 || (rules_in_tiebreak(r) && p->tb_asked >= r->comp->tiebreak.nplan &&
			r->comp->tiebreak.plan != NULL)) {
		r->phase = PHASE_FINAL;
		r->team = -1;
		happen(r, WHAT_FINAL, -1, 0, 0, -1);
		return;
	}
	for (i = 0; i < nteams(r); i++)
		if (rank_of(r, i) == rk) {
			r->teams[i].tied = true;
			n++;
		}
	p->tb_best = rk;
	p->tb_worst = rk + (int)n - 1;
	r->round = r->comp->nrounds;
	r->turn = 0;
	r->round_total = 0;
	r->phase = PHASE_IDLE;
	r->team = -1;
	happen(r, WHAT_TIEBREAK, -1, 0, rk, -1);
}

/* Give team t a place from the tiebreak; when one team of the group is
 * left, it takes the last place open. */
static void
place(struct rules *r, int t, bool right)
{
	struct rules_private *p = r->priv;
	int last = -1;
	size_t i, left = 0;

	r->teams[t].tiebreak = right ? p->tb_best++ : p->tb_worst--;
	happen(r, WHAT_PLACE, t, 0, r->teams[t].tiebreak, right ? RULES_RIGHT : RULES_WRONG);
	for (i = 0; i < nteams(r); i++)
		if (r->teams[i].tied && r->teams[i].tiebreak == 0) {
			left++;
			last = (int)i;
		}
	if (left == 1) {
		r->teams[last].tiebreak = p->tb_best++;
		happen(r, WHAT_PLACE, last, 0, r->teams[last].tiebreak, -1);
	}
}

/* The question is over: REVEAL, and at the end of the last round (or of a
 * tiebreak group) the tiebreak or the final. */
static void
finish(struct rules *r)
{
	size_t i;
	bool open = false;

	r->phase = PHASE_REVEAL;
	timer_stop(r);
	if (rules_in_tiebreak(r)) {
		for (i = 0; i < nteams(r); i++)
			if (r->teams[i].tied && r->teams[i].tiebreak == 0)
				open = true;
		if (!open)
			settle(r);
		return;
	}
	if (r->turn >= turns_total(r) && r->round + 1 == r->comp->nrounds)
		settle(r);
}

static void
void_question(struct rules *r)
{
	r->last_team = -1;
	r->last_verdict = -1;
	r->last_delta = 0;
	happen(r, WHAT_VOID, -1, 0, 0, -1);
	finish(r);
}

/* ---- the flow ------------------------------------------------------------ */

static void
make_order(struct rules *r)
{
	enum round_order o = rules_in_tiebreak(r) ? ORDER_FILE : rules_round(r)->order;
	size_t i, j, n = nteams(r), t;

	for (i = 0; i < n; i++)
		r->order[i] = i;
	if (o == ORDER_FILE)
		return;
	/* Insertion sort: stable, so ties keep file order. */
	for (i = 1; i < n; i++) {
		t = r->order[i];
		for (j = i; j > 0; j--) {
			int a = r->teams[r->order[j - 1]].score, b = r->teams[t].score;

			if (o == ORDER_LOWEST_FIRST ? a <= b : a >= b)
				break;
			r->order[j] = r->order[j - 1];
		}
		r->order[j] = t;
	}
}

static void
start_round(struct rules *r, size_t idx)
{
	r->round = idx;
	r->turn = 0;
	r->set_index = 0;
	r->phase = PHASE_IDLE;
	r->round_total = questions_total(r);
	memset(r->priv->risk_drawn, 0, sizeof(r->priv->risk_drawn));
	make_order(r);
	happen(r, WHAT_ROUND, -1, 0, (int)idx, -1);
}

static const struct question *
planned(const struct comp_round *rd, size_t i)
{
	return rd->plan != NULL && i < rd->nplan ? rd->plan[i] : NULL;
}

static enum rules_result
do_next(struct rules *r, const char **why)
{
	const struct comp_round *rd;
	struct rules_private *p = r->priv;
	size_t per;

	if (r->phase == PHASE_FINAL) {
		*why = N_("the competition is over");
		return RULES_REFUSED;
	}
	if (r->phase != PHASE_IDLE && r->phase != PHASE_REVEAL) {
		*why = N_("the current question is not over yet");
		return RULES_REFUSED;
	}
	/* The first round begins with its first question: WHAT_ROUND, and its
	 * order from the scores then (adjustments may come before it). */
	if (!rules_in_tiebreak(r) && r->round == 0 && r->turn == 0)
		start_round(r, 0);
	if (!rules_in_tiebreak(r) && r->turn >= turns_total(r)) {
		if (r->round + 1 >= r->comp->nrounds) {
			/* Only when the rounds have no questions at all. */
			settle(r);
			return RULES_APPLIED;
		}
		start_round(r, r->round + 1);
	}
	rd = rules_round(r);
	per = rd->per_team > 0 ? (size_t)rd->per_team : 1;
	p->q_first_rec = p->nrecs;
	clear_question_flags(r);
	r->last_team = -1;
	r->last_verdict = -1;
	r->last_delta = 0;
	r->stake = 0;
	r->set_index = 0;
	if (rules_in_tiebreak(r)) {
		if (rd->plan != NULL && p->tb_asked >= rd->nplan) {
			/* Out of questions: the tie stays shared. */
			r->phase = PHASE_FINAL;
			r->team = -1;
			happen(r, WHAT_FINAL, -1, 0, 0, -1);
			return RULES_APPLIED;
		}
		r->question = planned(rd, p->tb_asked++);
		r->question_no = p->tb_asked;
		r->team = -1;
		r->phase = PHASE_SHOWN;
		r->turn++;
		happen(r, WHAT_QUESTION, -1, 0, 0, -1);
		return RULES_APPLIED;
	}
	switch (rd->kind) {
	case ROUND_REQUIRED:
		r->team = (int)r->order[r->turn % nteams(r)];
		r->question = planned(rd, r->turn);
		r->question_no = r->turn + 1;
		r->phase = PHASE_SHOWN;
		happen(r, WHAT_QUESTION, r->team, 0, 0, -1);
		break;
	case ROUND_BUZZ:
		r->team = -1;
		r->question = planned(rd, r->turn);
		r->question_no = r->turn + 1;
		r->phase = PHASE_SHOWN;
		happen(r, WHAT_QUESTION, -1, 0, 0, -1);
		break;
	case ROUND_RISK:
		r->team = (int)r->order[r->turn % nteams(r)];
		r->question = NULL;
		r->question_no = r->turn + 1;
		r->phase = PHASE_STAKE;
		happen(r, WHAT_TURN, r->team, 0, 0, -1);
		break;
	case ROUND_SPEED: {
		int64_t ms = (int64_t)rd->time * 1000;
		size_t i;

		r->team = (int)r->order[r->turn];
		r->question = planned(rd, r->turn * per);
		r->question_no = r->turn * per + 1;
		if (ms <= 0) {
			for (ms = 0, i = 0; i < per; i++) {
				const struct question *q = planned(rd, r->turn * per + i);

				ms += (int64_t)(q != NULL && q->time > 0 ? q->time
									 : BANK_DEFAULT_TIME) *
				      1000;
			}
		}
		r->phase = PHASE_ANSWER;
		happen(r, WHAT_QUESTION, r->team, 0, 0, -1);
		timer_set(r, TIMER_SET, ms);
		break;
	}
	}
	r->turn++;
	return RULES_APPLIED;
}

static enum rules_result
do_start(struct rules *r, const char **why)
{
	const struct comp_round *rd = rules_round(r);

	if (r->phase != PHASE_SHOWN) {
		*why = N_("there is nothing to start now");
		return RULES_REFUSED;
	}
	if (rd->kind == ROUND_REQUIRED && !rules_in_tiebreak(r)) {
		r->phase = PHASE_ANSWER;
		timer_set(r, TIMER_ANSWER, answer_ms(r));
		return RULES_APPLIED;
	}
	r->phase = PHASE_OPEN;
	happen(r, WHAT_WINDOW, -1, 0, 0, -1);
	timer_set(r, TIMER_WINDOW, (int64_t)(rd->buzz_time > 0 ? rd->buzz_time : 10) * 1000);
	return RULES_APPLIED;
}

static bool
buzz_round(const struct rules *r)
{
	return rules_in_tiebreak(r) || rules_round(r)->kind == ROUND_BUZZ;
}

static enum rules_result
do_buzz(struct rules *r, int t, const char **why)
{
	const struct comp_round *rd = rules_round(r);
	struct rules_team *tm;

	if (t < 0 || (size_t)t >= nteams(r)) {
		*why = N_("no team has that key");
		return RULES_REFUSED;
	}
	if (!buzz_round(r) || r->phase == PHASE_FINAL) {
		*why = N_("buzzers count only in a buzz round");
		return RULES_REFUSED;
	}
	tm = &r->teams[t];
	if (!eligible(r, t) || tm->buzzed || tm->out)
		return RULES_IGNORED;
	if (r->phase == PHASE_SHOWN) {
		int pen = rules_in_tiebreak(r) ? 0 : rd->foul_penalty;

		if (reserve_records(r, 1) != 0) {
			*why = N_("out of memory");
			return RULES_REFUSED;
		}
		tm->buzzed = tm->out = tm->fouled = true;
		if (pen != 0)
			add_record(r, t, -pen, (long)r->round, NULL);
		happen(r, WHAT_FOUL, t, -pen, 0, -1);
		if (!anyone_left(r))
			void_question(r);
		return RULES_APPLIED;
	}
	if (r->phase != PHASE_OPEN)
		return RULES_IGNORED; /* late keys, or someone is answering */
	tm->buzzed = true;
	r->team = t;
	r->phase = PHASE_ANSWER;
	happen(r, WHAT_BUZZ, t, 0, 0, -1);
	timer_set(r, TIMER_ANSWER, answer_ms(r));
	return RULES_APPLIED;
}

static enum rules_result
do_stake(struct rules *r, int v, const char **why)
{
	const struct comp_round *rd = rules_round(r);
	struct rules_private *p = r->priv;
	size_t i, d;

	if (r->phase != PHASE_STAKE) {
		*why = N_("no team is choosing a stake now");
		return RULES_REFUSED;
	}
	if (v == 0) {
		if (!rd->decline) {
			*why = N_("this round does not allow declining");
			return RULES_REFUSED;
		}
		happen(r, WHAT_STAKE, r->team, 0, 0, -1);
		r->last_team = -1;
		r->last_verdict = -1;
		finish(r);
		return RULES_APPLIED;
	}
	for (i = 0; i < rd->nstakes; i++)
		if (rd->stakes[i].stake == v)
			break;
	if (i == rd->nstakes) {
		*why = N_("that is not one of the round's stakes");
		return RULES_REFUSED;
	}
	d = (size_t)rd->stakes[i].difficulty - 1;
	if (d < 3 && rd->risk_plan[d] != NULL) {
		if (p->risk_drawn[d] >= rd->nrisk_plan[d]) {
			*why = N_("no question of that difficulty is left");
			return RULES_REFUSED;
		}
		r->question = rd->risk_plan[d][p->risk_drawn[d]];
	} else {
		r->question = NULL;
	}
	if (d < 3)
		p->risk_drawn[d]++;
	r->stake = v;
	r->phase = PHASE_ANSWER;
	happen(r, WHAT_STAKE, r->team, 0, v, -1);
	happen(r, WHAT_QUESTION, r->team, 0, 0, -1);
	timer_set(r, TIMER_ANSWER, answer_ms(r));
	return RULES_APPLIED;
}

/* The points a verdict is worth in the round on screen. */
static int
verdict_delta(const struct rules *r, bool right)
{
	const struct comp_round *rd = rules_round(r);

	if (rules_in_tiebreak(r))
		return 0;
	if (rd->kind == ROUND_RISK)
		return right ? r->stake : -r->stake;
	return right ? rd->points : -rd->penalty;
}

/* speed: the next question of the set, or the set's end.  When the
 * answer was being judged, the set's clock (held) runs on from where it
 * stood. */
static void
speed_advance(struct rules *r)
{
	const struct comp_round *rd = rules_round(r);
	size_t per = rd->per_team > 0 ? (size_t)rd->per_team : 1;

	if (++r->set_index >= per) {
		finish(r);
		return;
	}
	r->question = planned(rd, (r->turn - 1) * per + r->set_index);
	r->question_no++;
	happen(r, WHAT_QUESTION, r->team, 0, 0, -1);
	if (r->phase == PHASE_JUDGE) {
		r->phase = PHASE_ANSWER;
		r->timer = r->priv->held;
		happen(r, WHAT_TIMER, r->team, 0, (int)r->timer.kind, -1);
	}
}

/* team r->team answered: score it and move on. */
static enum rules_result
score(struct rules *r, bool right, bool timeout, const char **why)
{
	const struct comp_round *rd = rules_round(r);
	int t = r->team, delta = verdict_delta(r, right);

	if (reserve_records(r, 1) != 0) {
		*why = N_("out of memory");
		return RULES_REFUSED;
	}
	if (delta != 0)
		add_record(r, t, delta, (long)r->round, NULL);
	happen(r, WHAT_SCORE, t, delta, timeout, right ? RULES_RIGHT : RULES_WRONG);
	r->last_team = t;
	r->last_verdict = right ? RULES_RIGHT : RULES_WRONG;
	r->last_delta = delta;
	if (rules_in_tiebreak(r)) {
		place(r, t, right);
		finish(r);
		return RULES_APPLIED;
	}
	switch (rd->kind) {
	case ROUND_SPEED:
		speed_advance(r);
		break;
	case ROUND_BUZZ:
		if (!right) {
			r->teams[t].out = true;
			if (rd->rebound && anyone_left(r)) {
				r->team = -1;
				r->phase = PHASE_OPEN;
				happen(r, WHAT_WINDOW, -1, 0, 1, -1);
				timer_set(r, TIMER_WINDOW,
					  (int64_t)(rd->buzz_time > 0 ? rd->buzz_time : 10) * 1000);
				break;
			}
		}
		finish(r);
		break;
	default:
		finish(r);
		break;
	}
	return RULES_APPLIED;
}

static bool
answering(const struct rules *r)
{
	if (r->phase == PHASE_ANSWER || r->phase == PHASE_JUDGE)
		return true;
	/* A required question may be answered before its timer is started. */
	return r->phase == PHASE_SHOWN && !buzz_round(r) && r->team >= 0;
}

static enum rules_result
do_answer(struct rules *r, const struct rules_event *ev, const char **why)
{
	if (!answering(r) || r->phase == PHASE_JUDGE) {
		*why = r->phase == PHASE_OPEN ? N_("no team has buzzed yet")
		       : r->phase == PHASE_JUDGE
			       ? N_("the answer waits to be marked correct or wrong")
			       : N_("no team is answering now");
		return RULES_REFUSED;
	}
	if (ev->verdict == RULES_SELF) {
		r->priv->held = r->timer;
		r->phase = PHASE_JUDGE;
		timer_stop(r);
		happen(r, WHAT_JUDGE, r->team, 0, 0, -1);
		return RULES_APPLIED;
	}
	if (ev->verdict != RULES_RIGHT && ev->verdict != RULES_WRONG) {
		*why = N_("an answer needs a verdict");
		return RULES_REFUSED;
	}
	return score(r, ev->verdict == RULES_RIGHT, false, why);
}

static enum rules_result
do_mark(struct rules *r, const struct rules_event *ev, const char **why)
{
	bool right = ev->verdict == RULES_RIGHT;
	int delta;

	if (ev->verdict != RULES_RIGHT && ev->verdict != RULES_WRONG) {
		*why = N_("a mark is correct or wrong");
		return RULES_REFUSED;
	}
	if (answering(r))
		return score(r, right, false, why);
	if (r->phase != PHASE_REVEAL && r->phase != PHASE_FINAL) {
		*why = N_("no team is answering now");
		return RULES_REFUSED;
	}
	/* Overruling the last verdict of the question just played. */
	if (r->last_team < 0 || r->last_verdict < 0 || rules_in_tiebreak(r)) {
		*why = N_("there is no verdict to overrule");
		return RULES_REFUSED;
	}
	if ((r->last_verdict == RULES_RIGHT) == right) {
		*why = right ? N_("the answer is already marked correct")
			     : N_("the answer is already marked wrong");
		return RULES_REFUSED;
	}
	delta = verdict_delta(r, right) - r->last_delta;
	if (reserve_records(r, 1) != 0) {
		*why = N_("out of memory");
		return RULES_REFUSED;
	}
	if (delta != 0)
		add_record(r, r->last_team, delta, (long)r->round, NULL);
	r->last_verdict = right ? RULES_RIGHT : RULES_WRONG;
	r->last_delta += delta;
	happen(r, WHAT_OVERRULE, r->last_team, delta, 0, r->last_verdict);
	return RULES_APPLIED;
}

static enum rules_result
do_timeout(struct rules *r, const char **why)
{
	if (r->timer.kind == TIMER_NONE) {
		*why = N_("no timer is running");
		return RULES_REFUSED;
	}
	r->timer.left_ms = 0;
	if (r->phase == PHASE_OPEN) {
		void_question(r);
		return RULES_APPLIED;
	}
	if (r->timer.kind == TIMER_SET) {
		happen(r, WHAT_SCORE, r->team, 0, 1, RULES_WRONG); /* as rules.h says */
		finish(r);
		return RULES_APPLIED;
	}
	return score(r, false, true, why);
}

static enum rules_result
do_skip(struct rules *r, const char **why)
{
	const struct comp_round *rd = rules_round(r);

	switch (r->phase) {
	case PHASE_SHOWN:
	case PHASE_OPEN:
	case PHASE_ANSWER:
	case PHASE_JUDGE:
	case PHASE_STAKE:
		break;
	default:
		*why = N_("there is no question to skip");
		return RULES_REFUSED;
	}
	if (!rules_in_tiebreak(r) && rd->kind == ROUND_SPEED &&
	    (r->phase == PHASE_ANSWER || r->phase == PHASE_JUDGE)) {
		/* The question passed has no verdict: the answer screen after
		 * it must not show the one before. */
		r->last_team = -1;
		r->last_verdict = -1;
		r->last_delta = 0;
		happen(r, WHAT_VOID, r->team, 0, 0, -1);
		speed_advance(r);
		return RULES_APPLIED;
	}
	void_question(r);
	return RULES_APPLIED;
}

static enum rules_result
do_adjust(struct rules *r, const struct rules_event *ev, const char **why)
{
	if (ev->team < 0 || (size_t)ev->team >= nteams(r)) {
		*why = N_("no such team");
		return RULES_REFUSED;
	}
	if (ev->value == 0) {
		*why = N_("an adjustment needs a number of points other than 0");
		return RULES_REFUSED;
	}
	if (ev->text == NULL || ev->text[0] == '\0') {
		*why = N_("an adjustment needs a reason");
		return RULES_REFUSED;
	}
	if (reserve_records(r, 1) != 0 || add_record(r, ev->team, ev->value, -1, ev->text) != 0) {
		*why = N_("out of memory");
		return RULES_REFUSED;
	}
	happen(r, WHAT_ADJUST, ev->team, ev->value, 0, -1);
	return RULES_APPLIED;
}

static enum rules_result
do_undo(struct rules *r, const char **why)
{
	struct rules_private *p = r->priv;
	size_t i = p->nrecs;

	while (i > 0 && (p->recs[i - 1].voided || p->recs[i - 1].delta == 0))
		i--;
	if (i == 0) {
		*why = N_("there is nothing to undo");
		return RULES_REFUSED;
	}
	p->recs[i - 1].voided = true;
	r->teams[p->recs[i - 1].team].score -= p->recs[i - 1].delta;
	if (i - 1 >= p->q_first_rec && p->recs[i - 1].round >= 0) {
		/* A verdict (or overrule) of this question is void: last_delta no
		 * longer says what the team holds, so no overrule on it. */
		r->last_team = -1;
		r->last_verdict = -1;
		r->last_delta = 0;
	}
	happen(r, WHAT_UNDO, p->recs[i - 1].team, -p->recs[i - 1].delta, p->recs[i - 1].round < 0,
	       -1);
	return RULES_APPLIED;
}

enum rules_result
rules_apply(struct rules *r, const struct rules_event *ev, const char **why)
{
	enum rules_result res;
	const char *dummy;
	int64_t left = r->timer.left_ms;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	r->outcome.n = 0;
	if ((unsigned)ev->kind >= RULES_EV_COUNT) {
		*why = N_("unknown event");
		return RULES_REFUSED;
	}
	if (ev->kind == RULES_CLOCK) {
		if (r->timer.kind == TIMER_NONE || r->paused || ev->left_ms < 0)
			return RULES_IGNORED;
		r->timer.left_ms =
			ev->left_ms < r->timer.limit_ms ? ev->left_ms : r->timer.limit_ms;
		return RULES_APPLIED;
	}
	if (r->paused && ev->kind != RULES_RESUME && ev->kind != RULES_ADJUST &&
	    ev->kind != RULES_UNDO && ev->kind != RULES_PAUSE) {
		*why = N_("the competition is paused (resume first)");
		return RULES_REFUSED;
	}
	/* The running timer's time left as the host saw it at the event. */
	if (r->timer.kind != TIMER_NONE && !r->paused && ev->left_ms >= 0)
		r->timer.left_ms =
			ev->left_ms < r->timer.limit_ms ? ev->left_ms : r->timer.limit_ms;

	switch (ev->kind) {
	case RULES_NEXT:
		res = do_next(r, why);
		break;
	case RULES_START:
		res = do_start(r, why);
		break;
	case RULES_BUZZ:
		res = do_buzz(r, ev->team, why);
		break;
	case RULES_STAKE:
		res = do_stake(r, ev->value, why);
		break;
	case RULES_ANSWER:
		res = do_answer(r, ev, why);
		break;
	case RULES_MARK:
		res = do_mark(r, ev, why);
		break;
	case RULES_TIMEOUT:
		res = do_timeout(r, why);
		break;
	case RULES_ADJUST:
		res = do_adjust(r, ev, why);
		break;
	case RULES_UNDO:
		res = do_undo(r, why);
		break;
	case RULES_SKIP:
		res = do_skip(r, why);
		break;
	case RULES_PAUSE:
		if (r->paused) {
			*why = N_("the competition is already paused");
			res = RULES_REFUSED;
			break;
		}
		if (r->timer.kind == TIMER_NONE) {
			*why = N_("no timer is running");
			res = RULES_REFUSED;
			break;
		}
		r->paused = true;
		happen(r, WHAT_PAUSE, -1, 0, 0, -1);
		res = RULES_APPLIED;
		break;
	case RULES_RESUME:
		if (!r->paused) {
			*why = N_("the competition is not paused");
			res = RULES_REFUSED;
			break;
		}
		r->paused = false;
		happen(r, WHAT_RESUME, -1, 0, 0, -1);
		res = RULES_APPLIED;
		break;
	default:
		*why = N_("unknown event");
		return RULES_REFUSED;
	}
	if (res == RULES_APPLIED)
		r->events++;
	else
		r->timer.left_ms = left; /* not journaled: a replay would not see it */
	return res;
}

/* ---- set-up and standings ------------------------------------------------ */

int
rules_init(struct rules *r, const struct comp *c)
{
	struct rules_private *p;
	size_t n = c->nteams, i;

	memset(r, 0, sizeof(*r));
	r->comp = c;
	r->team = r->last_team = r->last_verdict = -1;
	r->teams = mem_calloc(n ? n : 1, sizeof(*r->teams));
	r->order = mem_calloc(n ? n : 1, sizeof(*r->order));
	r->priv = p = mem_calloc(1, sizeof(*p));
	if (r->teams == NULL || r->order == NULL || p == NULL)
		goto oom;
	p->st = mem_calloc(n ? n : 1, sizeof(*p->st));
	p->points = mem_calloc(n * (c->nrounds ? c->nrounds : 1) + 1, sizeof(*p->points));
	p->round_names = mem_calloc(c->nrounds + 1, sizeof(*p->round_names));
	p->idx = mem_calloc(n ? n : 1, sizeof(*p->idx));
	if (p->st == NULL || p->points == NULL || p->round_names == NULL || p->idx == NULL)
		goto oom;
	for (i = 0; i < n; i++)
		r->teams[i].score = c->start;
	for (i = 0; i < n; i++)
		r->order[i] = i;
	r->phase = PHASE_IDLE;
	r->round = 0;
	r->round_total = c->nrounds ? questions_total(r) : 0;
	if (c->nrounds == 0)
		r->phase = PHASE_FINAL;
	return 0;
oom:
	rules_free(r);
	return -1;
}

void
rules_free(struct rules *r)
{
	struct rules_private *p = r->priv;
	size_t i;

	if (p != NULL) {
		for (i = 0; i < p->nrecs; i++)
			mem_free(p->recs[i].reason);
		mem_free(p->recs);
		mem_free(p->st);
		mem_free(p->points);
		mem_free(p->adj);
		mem_free(p->round_names);
		mem_free(p->idx);
		mem_free(p);
	}
	mem_free(r->teams);
	mem_free(r->order);
	memset(r, 0, sizeof(*r));
}

int
rules_standings(struct rules *r, struct standings *out)
{
	const struct comp *c = r->comp;
	struct rules_private *p = r->priv;
	size_t n = c->nteams, nr = c->nrounds, i, j, nadj = 0, t;
	struct standings_adjustment *adj;

	for (i = 0; i < p->nrecs; i++)
		if (!p->recs[i].voided && p->recs[i].round < 0)
			nadj++;
	adj = mem_calloc(nadj ? nadj : 1, sizeof(*adj));
	if (adj == NULL)
		return -1;
	mem_free(p->adj);
	p->adj = adj;
	memset(p->points, 0, (n * (nr ? nr : 1) + 1) * sizeof(*p->points));
	for (i = 0; i < nr; i++)
		p->round_names[i] = c->rounds[i].name;

	/* Teams by rank, ties in file order: a stable insertion sort. */
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && better(r, i, p->idx[j - 1]); j--)
			p->idx[j] = p->idx[j - 1];
		p->idx[j] = i;
	}
	nadj = 0;
	for (j = 0; j < n; j++) {
		struct standings_team *st = &p->st[j];

		t = p->idx[j];
		st->name = c->teams[t].name;
		st->key = c->teams[t].key;
		st->score = r->teams[t].score;
		st->rank = rank_of(r, t);
		st->tiebreak = r->teams[t].tiebreak;
		st->round_points = p->points + j * (nr ? nr : 1);
		st->adjustments = adj + nadj;
		st->nadjustments = 0;
		for (i = 0; i < p->nrecs; i++) {
			const struct rules_record *rec = &p->recs[i];

			if (rec->voided || rec->team != (int)t)
				continue;
			if (rec->round < 0) {
				adj[nadj].delta = rec->delta;
				adj[nadj].reason = rec->reason;
				nadj++;
				st->nadjustments++;
			} else if ((size_t)rec->round < nr) {
				p->points[j * (nr ? nr : 1) + (size_t)rec->round] += rec->delta;
			}
		}
	}
	out->title = c->title;
	out->final = r->phase == PHASE_FINAL;
	out->round_names = p->round_names;
	out->nrounds = nr;
	out->start = c->start;
	out->teams = p->st;
	out->nteams = n;
	out->events = r->events;
	return 0;
}
