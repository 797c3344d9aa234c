/*
 * test_rules.c — the competition rules (src/rules.h), table-driven.
 *
 * A case is a competition built by hand (a compact spec of teams, rounds
 * and tiebreak, no file and no banks) and a script of events in a small
 * language, each with the result expected (APPLIED / IGNORED / REFUSED) and
 * optional checks of the state after it:
 *
 *   events  next | start | buzz B | stake 20 | answer right|wrong|self|none |
 *           mark right|wrong|self | timeout | adjust B -5 some reason |
 *           undo | skip | pause | resume | clock ; "@N" anywhere: left_ms N
 *   checks  phase=answer team=B scores=10,0,-5 left=N limit=N
 *           timer=none|answer|window|set round=N tb=0|1 events=N paused=0|1
 *           qid=ID|- qno=N total=N stake=N order=BAC why=TEXT nh=N
 *           over=0|1 (rules_round_over)
 *           h=what[,team[,delta[,value[,verdict]]]] (a happening, * = any)
 *           no=what (no such happening)
 *           standings: ranks=1,2,2 tbp=0,1,2 (both in file order)
 *           st=BAC (by rank) final=0|1 sev=N rp=A:10,-5 adj=A:5/reason_words
 *
 * Every case is also checked without being asked: a refused or ignored
 * event changes nothing; an applied event counts in r->events, a CLOCK
 * event does not; after every event each team's score is the start plus
 * its round points plus its adjustments, and the standings are ordered by
 * rank.  The applied events are then replayed into a fresh rules: the same
 * state and standings (determinism, the journal's replay).  Last, the
 * whole case (rules_init included) runs again with each allocation failing
 * in turn: an event refused "out of memory" has changed nothing and,
 * applied again, gives the expected result; nothing leaks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rules.h"

#define MAX_TEAMS  6
#define MAX_ROUNDS 6
#define MAX_STEPS  72
#define MAX_OWNED  512

#define APPLIED RULES_APPLIED
#define IGNORED RULES_IGNORED
#define REFUSED RULES_REFUSED

struct fx {
	int nteams;           /* teams A, B, ... (keys '1', '2', ...); 0: 3 */
	int prizes;           /* 0: 3 */
	int start;            /* starting score */
	const char *rounds;   /* "kind opt=value ...; kind ..." (see parse_round) */
	const char *tiebreak; /* NULL: none; else a buzz round's options */
};

struct step {
	const char *ev;
	enum rules_result res;
	const char *check; /* NULL, or "key=value ..." */
};

struct rcase {
	const char *name;
	struct fx fx;
	struct step steps[MAX_STEPS];
};

/* ---- the competition, built by hand -------------------------------------- */

static const char *const team_names[MAX_TEAMS] = {"A", "B", "C", "D", "E", "F"};
static const char *const round_names[MAX_ROUNDS] = {"R0", "R1", "R2", "R3", "R4", "R5"};

struct built {
	struct comp c;
	void *owned[MAX_OWNED];
	size_t nowned;
};

static void *
own(struct built *b, void *p)
{
	assert_non_null(p);
	assert_true(b->nowned < MAX_OWNED);
	b->owned[b->nowned++] = p;
	return p;
}

/* "5,20,0" -> questions with those times (0: the default), ids prefix0.. */
static const struct question **
make_plan(struct built *b, const char *val, const char *prefix, size_t *n)
{
	const struct question **plan;
	const char *s;
	size_t i, count = 1;
	char id[32];

	for (s = val; *s; s++)
		count += *s == ',';
	plan = own(b, calloc(count, sizeof(*plan)));
	for (i = 0, s = val; i < count; i++) {
		struct question *q = own(b, calloc(1, sizeof(*q)));
		char *end;

		snprintf(id, sizeof(id), "%sq%zu", prefix, i);
		q->id = own(b, strdup(id));
		q->time = (int)strtol(s, &end, 10);
		q->difficulty = 1;
		plan[i] = q;
		s = *end == ',' ? end + 1 : end;
	}
	*n = count;
	return plan;
}

/* A round: its kind (required, buzz, risk, speed), then options:
 * per= q= time= buzz= points= penalty= foul= rebound nodecline
 * order=low|high|file stakes=10:1,20:2 plan=T,... plan1= plan2= plan3=
 * (plans: question times).  Defaults: per 1, q 1, time 30, buzz 10,
 * points 10, penalty 0, foul = penalty, stakes 10:1,20:2,30:3. */
static void
parse_round(struct built *b, struct comp_round *rd, const char *spec, const char *prefix)
{
	char buf[256], *save, *tok, *val, pfx[32];
	int foul = INT_MIN;

	memset(rd, 0, sizeof(*rd));
	rd->per_team = 1;
	rd->questions = 1;
	rd->time = 30;
	rd->buzz_time = 10;
	rd->points = 10;
	rd->decline = true;
	rd->order = ORDER_FILE;
	assert_true(strlen(spec) < sizeof(buf));
	strcpy(buf, spec);
	tok = strtok_r(buf, " ", &save);
	assert_non_null(tok);
	if (strcmp(tok, "required") == 0)
		rd->kind = ROUND_REQUIRED;
	else if (strcmp(tok, "buzz") == 0)
		rd->kind = ROUND_BUZZ;
	else if (strcmp(tok, "risk") == 0)
		rd->kind = ROUND_RISK;
	else if (strcmp(tok, "speed") == 0)
		rd->kind = ROUND_SPEED;
	else
		fail_msg("unknown round kind '%s'", tok);
	while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
		val = strchr(tok, '=');
		if (val != NULL)
			*val++ = '\0';
		if (strcmp(tok, "per") == 0)
			rd->per_team = atoi(val);
		else if (strcmp(tok, "q") == 0)
			rd->questions = atoi(val);
		else if (strcmp(tok, "time") == 0)
			rd->time = atoi(val);
		else if (strcmp(tok, "buzz") == 0)
			rd->buzz_time = atoi(val);
		else if (strcmp(tok, "points") == 0)
			rd->points = atoi(val);
		else if (strcmp(tok, "penalty") == 0)
			rd->penalty = atoi(val);
		else if (strcmp(tok, "foul") == 0)
			foul = atoi(val);
		else if (strcmp(tok, "rebound") == 0)
			rd->rebound = true;
		else if (strcmp(tok, "nodecline") == 0)
			rd->decline = false;
		else if (strcmp(tok, "order") == 0)
			rd->order = strcmp(val, "low") == 0    ? ORDER_LOWEST_FIRST
				    : strcmp(val, "high") == 0 ? ORDER_HIGHEST_FIRST
							       : ORDER_FILE;
		else if (strcmp(tok, "stakes") == 0) {
			const char *s = val;
			size_t n = 1;
			char *end;

			for (; *s; s++)
				n += *s == ',';
			rd->stakes = own(b, calloc(n, sizeof(*rd->stakes)));
			for (rd->nstakes = 0, s = val; rd->nstakes < n; rd->nstakes++) {
				rd->stakes[rd->nstakes].stake = (int)strtol(s, &end, 10);
				rd->stakes[rd->nstakes].difficulty = (int)strtol(end + 1, &end, 10);
				s = *end == ',' ? end + 1 : end;
			}
		} else if (strcmp(tok, "plan") == 0) {
			rd->plan = make_plan(b, val, prefix, &rd->nplan);
		} else if (strncmp(tok, "plan", 4) == 0 && tok[4] >= '1' && tok[4] <= '3') {
			int d = tok[4] - '1';

			snprintf(pfx, sizeof(pfx), "%sd%d", prefix, d + 1);
			rd->risk_plan[d] = make_plan(b, val, pfx, &rd->nrisk_plan[d]);
		} else {
			fail_msg("unknown round option '%s'", tok);
		}
	}
	rd->foul_penalty = foul == INT_MIN ? rd->penalty : foul;
	if (rd->kind == ROUND_RISK && rd->nstakes == 0) {
		rd->stakes = own(b, calloc(3, sizeof(*rd->stakes)));
		for (rd->nstakes = 0; rd->nstakes < 3; rd->nstakes++) {
			rd->stakes[rd->nstakes].stake = 10 * (int)(rd->nstakes + 1);
			rd->stakes[rd->nstakes].difficulty = (int)rd->nstakes + 1;
		}
	}
}

static void
build(struct built *b, const struct fx *fx)
{
	char buf[1024], *save, *spec, pfx[16];
	size_t i;

	memset(b, 0, sizeof(*b));
	b->c.title = "Test";
	b->c.language = -1;
	b->c.nteams = fx->nteams > 0 ? (size_t)fx->nteams : 3;
	assert_true(b->c.nteams <= MAX_TEAMS);
	b->c.prizes = fx->prizes > 0 ? fx->prizes : 3;
	b->c.start = fx->start;
	b->c.teams = own(b, calloc(b->c.nteams, sizeof(*b->c.teams)));
	for (i = 0; i < b->c.nteams; i++) {
		b->c.teams[i].name = team_names[i];
		b->c.teams[i].key = (char)('1' + i);
	}
	b->c.rounds = own(b, calloc(MAX_ROUNDS, sizeof(*b->c.rounds)));
	if (fx->rounds != NULL) {
		assert_true(strlen(fx->rounds) < sizeof(buf));
		strcpy(buf, fx->rounds);
		for (spec = strtok_r(buf, ";", &save); spec != NULL;
		     spec = strtok_r(NULL, ";", &save)) {
			assert_true(b->c.nrounds < MAX_ROUNDS);
			snprintf(pfx, sizeof(pfx), "r%zu", b->c.nrounds);
			parse_round(b, &b->c.rounds[b->c.nrounds], spec, pfx);
			b->c.rounds[b->c.nrounds].name = round_names[b->c.nrounds];
			b->c.nrounds++;
		}
	}
	if (fx->tiebreak != NULL) {
		snprintf(buf, sizeof(buf), "buzz %s", fx->tiebreak);
		parse_round(b, &b->c.tiebreak, buf, "tb");
		b->c.tiebreak.name = "TB";
		b->c.has_tiebreak = true;
	}
}

static void
unbuild(struct built *b)
{
	while (b->nowned > 0)
		free(b->owned[--b->nowned]);
}

/* ---- the script ------------------------------------------------------------ */

struct pev {
	struct rules_event ev;
	char text[128];
};

/* Where a failure happened, for the message. */
static struct {
	const char *name;
	size_t step;
	const char *ev;
	long fail_at; /* the allocation made to fail, -1 none */
	const char *pass;
} ctx;

static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
failf(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("%s, %s, step %zu '%s'%s: %s", ctx.name, ctx.pass, ctx.step + 1,
		 ctx.ev != NULL ? ctx.ev : "", ctx.fail_at >= 0 ? " (allocation failing)" : "",
		 msg);
}

/* A team: a letter A.., "-" for none, or a number (out of range ones too). */
static int
team_tok(const char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '\0')
		return s[0] - 'A';
	if (strcmp(s, "-") == 0)
		return -1;
	return (int)strtol(s, NULL, 10);
}

static int
verdict_tok(const char *s)
{
	if (strcmp(s, "right") == 0)
		return RULES_RIGHT;
	if (strcmp(s, "wrong") == 0)
		return RULES_WRONG;
	if (strcmp(s, "self") == 0)
		return RULES_SELF;
	return -1;
}

static void
parse_event(const char *s, struct pev *out)
{
	char buf[256], *save, *tok, *args[16];
	size_t n = 0, i;
	int kind;

	assert_true(strlen(s) < sizeof(buf));
	strcpy(buf, s);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		if (tok[0] == '@') {
			continue;
		}
		assert_true(n < 16);
		args[n++] = tok;
	}
	assert_true(n > 0);
	kind = rules_ev_parse(args[0]);
	if (kind < 0)
		failf("unknown event '%s'", args[0]);
	out->ev = rules_event_make((enum rules_ev)kind);
	strcpy(buf, s);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		if (tok[0] == '@')
			out->ev.left_ms = strtoll(tok + 1, NULL, 10);
	strcpy(buf, s);
	n = 0;
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
		if (tok[0] != '@')
			args[n++] = tok;
	switch (out->ev.kind) {
	case RULES_BUZZ:
		assert_true(n == 2);
		out->ev.team = team_tok(args[1]);
		break;
	case RULES_STAKE:
		assert_true(n == 2);
		out->ev.value = atoi(args[1]);
		break;
	case RULES_ANSWER:
	case RULES_MARK:
		assert_true(n == 2);
		out->ev.verdict = verdict_tok(args[1]);
		out->ev.text = "typed";
		break;
	case RULES_ADJUST:
		assert_true(n >= 3);
		out->ev.team = team_tok(args[1]);
		out->ev.value = atoi(args[2]);
		if (n > 3) {
			out->text[0] = '\0';
			if (strcmp(args[3], "\"\"") != 0)
				for (i = 3; i < n; i++) {
					if (i > 3)
						strcat(out->text, " ");
					strcat(out->text, args[i]);
				}
			out->ev.text = out->text;
		}
		break;
	default:
		assert_true(n == 1);
		break;
	}
}

/* ---- what the state looks like --------------------------------------------- */

static const char *const phase_names[] = {"idle",   "stake", "shown",  "open",
					  "answer", "judge", "reveal", "final"};
static const char *const timer_names[] = {"none", "answer", "window", "set"};
static const char *const what_names[] = {
	"round", "question", "turn",     "timer", "window", "foul",   "buzz",
	"score", "judge",    "overrule", "stake", "void",   "adjust", "undo",
	"pause", "resume",   "tiebreak", "place", "final",
};

/* Everything an event may change, to check that a refusal changed nothing. */
struct snap {
	int phase;
	size_t round, turn, set_index, question_no, round_total, events;
	int team, stake, paused, last_team, last_verdict, last_delta;
	const struct question *question;
	int tkind;
	int64_t tlimit, tleft;
	int score[MAX_TEAMS], flags[MAX_TEAMS], tiebreak[MAX_TEAMS];
	size_t order[MAX_TEAMS];
};

static void
snap_take(const struct rules *r, struct snap *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->phase = (int)r->phase;
	s->round = r->round;
	s->turn = r->turn;
	s->set_index = r->set_index;
	s->question_no = r->question_no;
	s->round_total = r->round_total;
	s->events = r->events;
	s->team = r->team;
	s->stake = r->stake;
	s->paused = r->paused;
	s->last_team = r->last_team;
	s->last_verdict = r->last_verdict;
	s->last_delta = r->last_delta;
	s->question = r->question;
	s->tkind = (int)r->timer.kind;
	s->tlimit = r->timer.limit_ms;
	s->tleft = r->timer.left_ms;
	for (i = 0; i < r->comp->nteams; i++) {
		const struct rules_team *t = &r->teams[i];

		s->score[i] = t->score;
		s->flags[i] = t->out | t->fouled << 1 | t->buzzed << 2 | t->tied << 3;
		s->tiebreak[i] = t->tiebreak;
		s->order[i] = r->order[i];
	}
}

static void
snap_same(const struct snap *a, const struct snap *b, const char *what)
{
	if (memcmp(a, b, sizeof(*a)) == 0)
		return;
	failf("%s: phase %s/%s, team %d/%d, timer left %lld/%lld, scores %d,%d,%d/%d,%d,%d, "
	      "events %zu/%zu",
	      what, phase_names[a->phase], phase_names[b->phase], a->team, b->team,
	      (long long)a->tleft, (long long)b->tleft, a->score[0], a->score[1], a->score[2],
	      b->score[0], b->score[1], b->score[2], a->events, b->events);
}

/* Allocation failures seen (and survived) in one pass under oom. */
static long oom_hits;

/* The standings; under failing allocations, asked again until they come. */
static void
standings_of(struct rules *r, struct standings *st, bool oom)
{
	long live = mem_live();

	while (rules_standings(r, st) != 0) {
		if (!oom)
			failf("rules_standings ran out of memory");
		oom_hits++;
		if (mem_live() != live)
			failf("rules_standings leaked when it failed");
	}
}

static const struct standings_team *
standing_of(const struct standings *st, int t)
{
	size_t i;

	for (i = 0; i < st->nteams; i++)
		if (strcmp(st->teams[i].name, team_names[t]) == 0)
			return &st->teams[i];
	failf("team %s is not in the standings", team_names[t]);
	return NULL;
}

/* What must hold after every event. */
static void
invariants(struct rules *r, bool oom)
{
	struct standings st;
	size_t i, j;
	int sum;

	standings_of(r, &st, oom);
	if (st.nteams != r->comp->nteams || st.events != r->events ||
	    st.final != (r->phase == PHASE_FINAL) || st.nrounds != r->comp->nrounds)
		failf("standings: wrong counts or final flag");
	for (i = 0; i < st.nteams; i++) {
		const struct standings_team *t = &st.teams[i];

		sum = st.start;
		for (j = 0; j < st.nrounds; j++)
			sum += t->round_points[j];
		for (j = 0; j < t->nadjustments; j++)
			sum += t->adjustments[j].delta;
		if (sum != t->score)
			failf("team %s: score %d, but start + rounds + adjustments = %d", t->name,
			      t->score, sum);
		if (t->score != r->teams[team_tok(t->name)].score)
			failf("team %s: standings and rules disagree on the score", t->name);
		if (i == 0 ? t->rank != 1 : t->rank < st.teams[i - 1].rank)
			failf("standings not ordered by rank at %zu", i);
		if (i > 0 && t->rank == st.teams[i - 1].rank &&
		    team_tok(t->name) < team_tok(st.teams[i - 1].name))
			failf("a tie not in file order at %zu", i);
	}
}

static bool
happened(const struct rules *r, const char *spec)
{
	char buf[128], *f[5], *save, *tok;
	size_t n = 0, i;

	strcpy(buf, spec);
	for (tok = strtok_r(buf, ",", &save); tok != NULL && n < 5;
	     tok = strtok_r(NULL, ",", &save))
		f[n++] = tok;
	for (i = 0; i < r->outcome.n; i++) {
		const struct rules_happening *h = &r->outcome.h[i];

		if (strcmp(what_names[h->what], f[0]) != 0)
			continue;
		if (n > 1 && strcmp(f[1], "*") != 0 && team_tok(f[1]) != h->team)
			continue;
		if (n > 2 && strcmp(f[2], "*") != 0 && atoi(f[2]) != h->delta)
			continue;
		if (n > 3 && strcmp(f[3], "*") != 0 && atoi(f[3]) != h->value)
			continue;
		if (n > 4 && strcmp(f[4], "*") != 0 && verdict_tok(f[4]) != h->verdict)
			continue;
		return true;
	}
	return false;
}

static void
outcome_text(const struct rules *r, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < r->outcome.n && off < len; i++) {
		const struct rules_happening *h = &r->outcome.h[i];

		off += (size_t)snprintf(buf + off, len - off, " %s,%d,%d,%d,%d",
					what_names[h->what], h->team, h->delta, h->value,
					h->verdict);
	}
}

/* "10,-5,0" against n values. */
static void
check_ints(const char *key, const char *val, const int *got, size_t n)
{
	char buf[128], *save, *tok;
	size_t i = 0;

	strcpy(buf, val);
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save), i++)
		if (i >= n || atoi(tok) != got[i])
			failf("%s: expected %s, item %zu is %d", key, val, i + 1,
			      i < n ? got[i] : 0);
	if (i != n)
		failf("%s: expected %s, got %zu items", key, val, n);
}

static void
check_num(const char *key, long long want, long long got)
{
	if (want != got)
		failf("%s: expected %lld, got %lld", key, want, got);
}

static void
check_step(struct rules *r, const char *check, const char *why, bool oom)
{
	char buf[512], *save, *tok, *val, out[512];
	int got[MAX_TEAMS];
	size_t i, n = r->comp->nteams;
	struct standings st;

	if (check == NULL)
		return;
	assert_true(strlen(check) < sizeof(buf));
	strcpy(buf, check);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		val = strchr(tok, '=');
		if (val == NULL)
			failf("check '%s' without '='", tok);
		*val++ = '\0';
		if (strcmp(tok, "phase") == 0) {
			if (strcmp(phase_names[r->phase], val) != 0)
				failf("phase: expected %s, got %s", val, phase_names[r->phase]);
		} else if (strcmp(tok, "team") == 0) {
			check_num("team", team_tok(val), r->team);
		} else if (strcmp(tok, "scores") == 0) {
			for (i = 0; i < n; i++)
				got[i] = r->teams[i].score;
			check_ints("scores", val, got, n);
		} else if (strcmp(tok, "left") == 0) {
			check_num("timer left", atoll(val), r->timer.left_ms);
		} else if (strcmp(tok, "limit") == 0) {
			check_num("timer limit", atoll(val), r->timer.limit_ms);
		} else if (strcmp(tok, "timer") == 0) {
			if (strcmp(timer_names[r->timer.kind], val) != 0)
				failf("timer: expected %s, got %s", val,
				      timer_names[r->timer.kind]);
		} else if (strcmp(tok, "round") == 0) {
			check_num("round", atoll(val), (long long)r->round);
		} else if (strcmp(tok, "tb") == 0) {
			check_num("in tiebreak", atoll(val), rules_in_tiebreak(r));
		} else if (strcmp(tok, "events") == 0) {
			check_num("events", atoll(val), (long long)r->events);
		} else if (strcmp(tok, "paused") == 0) {
			check_num("paused", atoll(val), r->paused);
		} else if (strcmp(tok, "qid") == 0) {
			const char *id = r->question != NULL ? r->question->id : "-";

			if (strcmp(id, val) != 0)
				failf("question: expected %s, got %s", val, id);
		} else if (strcmp(tok, "qno") == 0) {
			check_num("question_no", atoll(val), (long long)r->question_no);
		} else if (strcmp(tok, "total") == 0) {
			check_num("round_total", atoll(val), (long long)r->round_total);
		} else if (strcmp(tok, "over") == 0) {
			check_num("round over", atoll(val), rules_round_over(r));
		} else if (strcmp(tok, "stake") == 0) {
			check_num("stake", atoll(val), r->stake);
		} else if (strcmp(tok, "order") == 0) {
			for (i = 0; i < n; i++)
				if (val[i] == '\0' ||
				    team_tok((char[]){val[i], '\0'}) != (int)r->order[i])
					failf("order: expected %s, position %zu is %s", val, i + 1,
					      team_names[r->order[i]]);
		} else if (strcmp(tok, "why") == 0) {
			for (i = 0; val[i] != '\0'; i++)
				if (val[i] == '_')
					val[i] = ' ';
			if (why == NULL || strstr(why, val) == NULL)
				failf("why: expected '%s' in '%s'", val, why ? why : "(null)");
		} else if (strcmp(tok, "nh") == 0) {
			check_num("happenings", atoll(val), (long long)r->outcome.n);
		} else if (strcmp(tok, "h") == 0 || strcmp(tok, "no") == 0) {
			if (happened(r, val) != (tok[0] == 'h')) {
				outcome_text(r, out, sizeof(out));
				failf("%s %s; the outcome was:%s",
				      tok[0] == 'h' ? "expected the happening" : "did not expect",
				      val, out);
			}
		} else if (strcmp(tok, "ranks") == 0 || strcmp(tok, "tbp") == 0) {
			standings_of(r, &st, oom);
			for (i = 0; i < n; i++)
				got[i] = tok[0] == 'r' ? standing_of(&st, (int)i)->rank
						       : standing_of(&st, (int)i)->tiebreak;
			check_ints(tok, val, got, n);
		} else if (strcmp(tok, "st") == 0) {
			standings_of(r, &st, oom);
			for (i = 0; i < n; i++)
				if (val[i] == '\0' || st.teams[i].name[0] != val[i])
					failf("standings order: expected %s, position %zu is %s",
					      val, i + 1, st.teams[i].name);
		} else if (strcmp(tok, "final") == 0) {
			standings_of(r, &st, oom);
			check_num("standings final", atoll(val), st.final);
		} else if (strcmp(tok, "sev") == 0) {
			standings_of(r, &st, oom);
			check_num("standings events", atoll(val), (long long)st.events);
		} else if (strcmp(tok, "rp") == 0) {
			const struct standings_team *t;

			standings_of(r, &st, oom);
			t = standing_of(&st, team_tok((char[]){val[0], '\0'}));
			check_ints("round points", val + 2, t->round_points, st.nrounds);
		} else if (strcmp(tok, "adj") == 0) {
			/* adj=A:5/late_arrival,-3/x  or adj=A: for none */
			const struct standings_team *t;
			char want[128], *s2, *it;
			size_t k = 0;

			standings_of(r, &st, oom);
			t = standing_of(&st, team_tok((char[]){val[0], '\0'}));
			strcpy(want, val + 2);
			for (it = strtok_r(want, ",", &s2); it != NULL;
			     it = strtok_r(NULL, ",", &s2), k++) {
				char *slash = strchr(it, '/'), *p;

				assert_non_null(slash);
				*slash++ = '\0';
				for (p = slash; *p; p++)
					if (*p == '_')
						*p = ' ';
				if (k >= t->nadjustments || t->adjustments[k].delta != atoi(it) ||
				    strcmp(t->adjustments[k].reason, slash) != 0)
					failf("adjustment %zu of %s: expected %s %s", k + 1,
					      t->name, it, slash);
			}
			check_num("adjustments", (long long)k, (long long)t->nadjustments);
		} else {
			failf("unknown check '%s'", tok);
		}
	}
}

/* ---- running a case ------------------------------------------------------- */

static const char *const result_names[] = {"APPLIED", "IGNORED", "REFUSED"};

/* Play the script into r (initialised here; the caller frees it).  With
 * oom, an allocation is set to fail somewhere: a refusal for it must have
 * changed nothing, and the event is applied again.  applied[] gets the
 * indices of the events applied, for the replay. */
static void
play(const struct rcase *c, const struct comp *comp, const struct pev *evs, size_t nevs, bool oom,
     struct rules *r, size_t *applied, size_t *napplied)
{
	struct snap before, after;
	enum rules_result res;
	const char *why;
	long live = mem_live();
	size_t i;

	ctx.step = 0;
	ctx.ev = "rules_init";
	while (rules_init(r, comp) != 0) {
		if (!oom)
			failf("rules_init ran out of memory");
		oom_hits++;
		if (mem_live() != live)
			failf("rules_init leaked when it failed");
	}
	if (r->phase != (comp->nrounds > 0 ? PHASE_IDLE : PHASE_FINAL) || r->events != 0 ||
	    r->team != -1)
		failf("rules_init: not at the opening");
	*napplied = 0;
	for (i = 0; i < nevs; i++) {
		ctx.step = i;
		ctx.ev = c->steps[i].ev;
		snap_take(r, &before);
		res = rules_apply(r, &evs[i].ev, &why);
		if (oom && res == RULES_REFUSED && why != NULL &&
		    strcmp(why, "out of memory") == 0) {
			snap_take(r, &after);
			snap_same(&before, &after, "refused for memory, yet changed");
			oom_hits++;
			res = rules_apply(r, &evs[i].ev, &why);
		}
		if (res != c->steps[i].res)
			failf("expected %s, got %s (%s)", result_names[c->steps[i].res],
			      result_names[res], why != NULL ? why : "no reason");
		if (res == RULES_REFUSED && (why == NULL || why[0] == '\0'))
			failf("refused without a reason");
		if (res != RULES_REFUSED && why != NULL)
			failf("a reason without a refusal: %s", why);
		snap_take(r, &after);
		if (res != RULES_APPLIED) {
			snap_same(&before, &after, "not applied, yet changed");
		} else {
			check_num("events counted",
				  (long long)before.events + (evs[i].ev.kind != RULES_CLOCK),
				  (long long)after.events);
			applied[(*napplied)++] = i;
		}
		invariants(r, oom);
		check_step(r, c->steps[i].check, why, oom);
	}
}

static void
standings_same(struct rules *a, struct rules *b)
{
	struct standings sa, sb;
	size_t i, j;

	standings_of(a, &sa, false);
	standings_of(b, &sb, false);
	if (sa.final != sb.final || sa.nteams != sb.nteams || sa.events != sb.events)
		failf("replay: different standings");
	for (i = 0; i < sa.nteams; i++) {
		const struct standings_team *x = &sa.teams[i], *y = &sb.teams[i];

		if (strcmp(x->name, y->name) != 0 || x->score != y->score || x->rank != y->rank ||
		    x->tiebreak != y->tiebreak || x->nadjustments != y->nadjustments)
			failf("replay: standings differ at %zu", i);
		for (j = 0; j < sa.nrounds; j++)
			if (x->round_points[j] != y->round_points[j])
				failf("replay: round points differ at %zu", i);
		for (j = 0; j < x->nadjustments; j++)
			if (x->adjustments[j].delta != y->adjustments[j].delta ||
			    strcmp(x->adjustments[j].reason, y->adjustments[j].reason) != 0)
				failf("replay: adjustments differ at %zu", i);
	}
}

static void
run_case(void **state)
{
	const struct rcase *c = *state;
	struct built b;
	struct pev evs[MAX_STEPS];
	size_t applied[MAX_STEPS], napplied, n2, nevs, i;
	struct rules r, r2;
	struct snap s1, s2;
	long live = mem_live(), fail_at, count0;

	ctx.name = c->name;
	ctx.fail_at = -1;
	ctx.pass = "script";
	build(&b, &c->fx);
	for (nevs = 0; nevs < MAX_STEPS && c->steps[nevs].ev != NULL; nevs++) {
		ctx.step = nevs;
		ctx.ev = c->steps[nevs].ev;
		parse_event(c->steps[nevs].ev, &evs[nevs]);
	}

	play(c, &b.c, evs, nevs, false, &r, applied, &napplied);

	/* The journal's replay: the applied events alone, into a fresh rules. */
	ctx.pass = "replay";
	assert_int_equal(rules_init(&r2, &b.c), 0);
	for (i = 0; i < napplied; i++) {
		ctx.step = applied[i];
		ctx.ev = c->steps[applied[i]].ev;
		if (rules_apply(&r2, &evs[applied[i]].ev, NULL) != RULES_APPLIED)
			failf("not applied on replay");
	}
	snap_take(&r, &s1);
	snap_take(&r2, &s2);
	snap_same(&s1, &s2, "the replay ends elsewhere");
	standings_same(&r, &r2);
	rules_free(&r2);
	rules_free(&r);
	if (mem_live() != live)
		failf("%ld blocks leaked", mem_live() - live);

	/* Each allocation failing in turn. */
	ctx.pass = "out of memory";
	for (fail_at = 0;; fail_at++) {
		ctx.fail_at = fail_at;
		count0 = mem_count();
		oom_hits = 0;
		mem_fail_after(fail_at, 0);
		play(c, &b.c, evs, nevs, true, &r, applied, &n2);
		mem_fail_after(-1, 0);
		if (n2 != napplied)
			failf("%zu events applied, not %zu", n2, napplied);
		rules_free(&r);
		if (mem_live() != live)
			failf("%ld blocks leaked", mem_live() - live);
		if (mem_count() - count0 <= fail_at)
			break;
		/* The one allocation that failed was seen: nothing swallowed it. */
		if (oom_hits != 1)
			failf("the failing allocation was seen %ld times, not once", oom_hits);
	}
	ctx.fail_at = -1;
	unbuild(&b);
}

/* ---- the cases ------------------------------------------------------------ */

/* The product owner's rules, one case each (or a few). */
static const struct rcase cases[] = {
	/* -- required --------------------------------------------------------------- */
	{"required_each_team_in_turn",
	 {.rounds = "required points=10 penalty=5"},
	 {
		 {"start", REFUSED, "phase=idle why=nothing_to_start"},
		 {"next", APPLIED,
		  "phase=shown team=A qno=1 total=3 qid=- timer=none nh=2 h=round,-,0,0 "
		  "h=question,A"},
		 {"start", APPLIED,
		  "phase=answer timer=answer limit=30000 left=30000 h=timer,A,0,1"},
		 {"answer right @20000", APPLIED,
		  "phase=reveal timer=none scores=10,0,0 h=score,A,10,0,right"},
		 {"next", APPLIED, "phase=shown team=B qno=2 nh=1 h=question,B"},
		 {"start", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=10,-5,0 h=score,B,-5,0,wrong"},
		 {"next", APPLIED, "team=C qno=3"},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "scores=10,-5,-5 h=score,C,-5,1,wrong h=final phase=final"},
		 {"next", REFUSED, "why=over ranks=1,2,2 st=ABC final=1 events=9 sev=9"},
	 }},
	{"required_questions_per_team",
	 {.nteams = 2, .rounds = "required per=2 penalty=3"},
	 {
		 {"next", APPLIED, "team=A qno=1 total=4"},
		 {"answer right", APPLIED, "scores=10,0"},
		 {"next", APPLIED, "team=B qno=2"},
		 {"answer wrong", APPLIED, "scores=10,-3"},
		 {"next", APPLIED, "team=A qno=3"},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "scores=7,-3 phase=reveal"},
		 {"next", APPLIED, "team=B qno=4"},
		 {"mark right", APPLIED, "scores=7,7 phase=final ranks=1,1"},
	 }},
	{"required_answer_before_start",
	 {.nteams = 2, .rounds = "required penalty=4"},
	 {
		 {"next", APPLIED, NULL},
		 {"timeout", REFUSED, "why=timer phase=shown"},
		 {"pause", REFUSED, "why=timer"},
		 {"answer right", APPLIED, "phase=reveal scores=10,0"},
		 {"next", APPLIED, "team=B"},
		 {"mark wrong", APPLIED, "phase=final scores=10,-4"},
	 }},
	{"required_out_of_turn",
	 {.nteams = 2, .rounds = "required"},
	 {
		 {"answer right", REFUSED, "why=no_team_is_answering phase=idle"},
		 {"mark right", REFUSED, "why=no_team_is_answering"},
		 {"buzz A", REFUSED, "why=buzz_round"},
		 {"stake 10", REFUSED, "why=stake"},
		 {"timeout", REFUSED, "why=timer"},
		 {"skip", REFUSED, "why=skip"},
		 {"undo", REFUSED, "why=nothing_to_undo"},
		 {"pause", REFUSED, "why=timer"},
		 {"resume", REFUSED, "why=not_paused"},
		 {"next", APPLIED, "phase=shown"},
		 {"next", REFUSED, "why=not_over"},
		 {"stake 10", REFUSED, NULL},
		 {"buzz B", REFUSED, "why=buzz_round"},
		 {"start", APPLIED, "phase=answer"},
		 {"start", REFUSED, "why=nothing_to_start"},
		 {"next", REFUSED, "why=not_over"},
		 {"buzz A", REFUSED, NULL},
		 {"answer none", REFUSED, "why=verdict"},
		 {"mark self", REFUSED, "why=correct_or_wrong"},
		 {"answer right", APPLIED, "phase=reveal"},
		 {"answer right", REFUSED, "why=no_team_is_answering"},
		 {"start", REFUSED, NULL},
		 {"timeout", REFUSED, NULL},
		 {"skip", REFUSED, NULL},
		 {"stake 0", REFUSED, NULL},
	 }},
	{"required_open_answer_judged",
	 {.nteams = 2, .rounds = "required penalty=2"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"answer self @12000", APPLIED, "phase=judge timer=none team=A h=judge,A nh=1"},
		 {"answer right", REFUSED, "why=marked"},
		 {"timeout", REFUSED, "why=timer"},
		 {"pause", REFUSED, NULL},
		 {"next", REFUSED, "why=not_over"},
		 {"mark right", APPLIED, "phase=reveal scores=10,0 h=score,A,10,0,right"},
		 {"next", APPLIED, NULL},
		 {"answer self", APPLIED, "phase=judge"},
		 {"mark wrong", APPLIED, "phase=final scores=10,-2"},
	 }},
	{"required_skip_voids",
	 {.rounds = "required penalty=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"skip", APPLIED, "phase=reveal scores=0,0,0 h=void nh=1"},
		 {"mark right", REFUSED, "why=no_verdict"},
		 {"next", APPLIED, "team=B"},
		 {"start", APPLIED, NULL},
		 {"skip", APPLIED, "phase=reveal timer=none h=void"},
		 {"next", APPLIED, "team=C"},
		 {"start", APPLIED, NULL},
		 {"answer self", APPLIED, NULL},
		 {"skip", APPLIED, "phase=final scores=0,0,0"},
	 }},
	{"required_question_time_from_plan",
	 {.rounds = "required time=0 plan=12,0,7"},
	 {
		 {"next", APPLIED, "qid=r0q0"},
		 {"start", APPLIED, "limit=12000 left=12000"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "qid=r0q1 team=B"},
		 {"start", APPLIED, "limit=30000"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "qid=r0q2 team=C"},
		 {"start", APPLIED, "limit=7000"},
		 {"timeout", APPLIED, "phase=final"},
	 }},
	/* -- buzz ------------------------------------------------------------------- */
	{"buzz_first_key_wins",
	 {.rounds = "buzz q=2 points=10 penalty=10"},
	 {
		 {"next", APPLIED, "phase=shown team=- total=2 h=question,-"},
		 {"start", APPLIED,
		  "phase=open timer=window limit=10000 h=window,-,0,0 h=timer,-,0,2"},
		 {"buzz B @8000", APPLIED, "phase=answer team=B timer=answer limit=30000 h=buzz,B"},
		 {"buzz A @7000", IGNORED, "team=B"},
		 {"buzz B", IGNORED, NULL},
		 {"buzz C", IGNORED, NULL},
		 {"start", REFUSED, NULL},
		 {"answer right", APPLIED, "phase=reveal scores=0,10,0"},
		 {"buzz A", IGNORED, NULL},
		 {"next", APPLIED, "qno=2"},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, "team=B"},
		 {"answer right", APPLIED, "phase=final scores=0,20,0"},
		 {"buzz A", REFUSED, NULL},
	 }},
	{"buzz_foul_before_start",
	 {.rounds = "buzz points=10 penalty=10 foul=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"buzz A", APPLIED, "phase=shown scores=-5,0,0 h=foul,A,-5 nh=1"},
		 {"buzz A", IGNORED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, "phase=open"},
		 {"buzz B", APPLIED, "team=B"},
		 {"answer wrong", APPLIED, "scores=-5,-10,0 phase=final h=final no=window"},
	 }},
	{"buzz_foul_without_penalty",
	 {.nteams = 2, .rounds = "buzz q=2 penalty=10 foul=0"},
	 {
		 {"next", APPLIED, NULL},
		 {"buzz B", APPLIED, "h=foul,B,0 scores=0,0"},
		 {"undo", REFUSED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz B", IGNORED, NULL},
		 {"timeout", APPLIED, "phase=reveal h=void"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, "team=B"},
	 }},
	{"buzz_everyone_fouls_void",
	 {.rounds = "buzz q=2 foul=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"buzz C", APPLIED, "phase=shown"},
		 {"buzz B", APPLIED, "phase=reveal scores=-5,-5,-5 h=foul,B,-5 h=void"},
		 {"start", REFUSED, NULL},
		 {"buzz B", IGNORED, NULL},
		 {"next", APPLIED, "phase=shown qno=2"},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, "team=A"},
	 }},
	{"buzz_rebound_reopens",
	 {.rounds = "buzz points=10 penalty=10 rebound"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "phase=open team=- timer=window scores=-10,0,0 h=score,A,-10,0,wrong "
		  "h=window,-,0,1"},
		 {"buzz A", IGNORED, NULL},
		 {"buzz C", APPLIED, "team=C phase=answer"},
		 {"buzz B", IGNORED, NULL},
		 {"answer right", APPLIED, "scores=-10,0,10 phase=final"},
	 }},
	{"buzz_rebound_until_nobody_left",
	 {.nteams = 2, .rounds = "buzz penalty=10 rebound"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=open h=window,-,0,1"},
		 {"buzz A", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=final scores=-10,-10 no=window"},
	 }},
	{"buzz_rebound_after_answer_timeout",
	 {.rounds = "buzz penalty=10 rebound"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"timeout", APPLIED,
		  "phase=open scores=-10,0,0 h=score,A,-10,1,wrong h=window,-,0,1"},
		 {"timeout", APPLIED, "phase=final scores=-10,0,0 h=void"},
	 }},
	{"buzz_no_rebound_ends_question",
	 {.rounds = "buzz q=2 penalty=10"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=reveal scores=-10,0,0 no=window"},
		 {"buzz B", IGNORED, NULL},
		 {"answer right", REFUSED, NULL},
	 }},
	{"buzz_nobody_in_time_void",
	 {.rounds = "buzz q=2 buzz=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, "limit=5000"},
		 {"clock @4000", APPLIED, "left=4000"},
		 {"timeout", APPLIED, "phase=reveal h=void scores=0,0,0 timer=none"},
		 {"buzz A", IGNORED, NULL},
		 {"next", APPLIED, "qno=2"},
	 }},
	{"buzz_out_of_turn",
	 {.rounds = "buzz q=2"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", REFUSED, "why=no_team_is_answering"},
		 {"mark right", REFUSED, NULL},
		 {"timeout", REFUSED, "why=timer"},
		 {"buzz 3", REFUSED, "why=key"},
		 {"buzz -1", REFUSED, "why=key"},
		 {"start", APPLIED, NULL},
		 {"answer right", REFUSED, "why=buzzed_yet"},
		 {"start", REFUSED, NULL},
		 {"next", REFUSED, "why=not_over"},
		 {"stake 10", REFUSED, NULL},
		 {"skip", APPLIED, "phase=reveal h=void"},
	 }},
	{"buzz_answer_time_from_plan",
	 {.rounds = "buzz q=2 time=0 plan=15,25"},
	 {
		 {"next", APPLIED, "qid=r0q0"},
		 {"start", APPLIED, "timer=window limit=10000"},
		 {"buzz C", APPLIED, "limit=15000"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "qid=r0q1"},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, "limit=25000"},
	 }},
	{"buzz_ignored_key_keeps_timer",
	 {.rounds = "buzz"},
	 {
		 {"next", APPLIED, NULL},
		 {"start @10000", APPLIED, NULL},
		 {"buzz B @8000", APPLIED, "left=30000"},
		 {"clock @25000", APPLIED, "left=25000"},
		 {"buzz A @3000", IGNORED, "left=25000"},
		 {"next @2000", REFUSED, "left=25000"},
		 {"answer right @20000", APPLIED, NULL},
	 }},
	/* -- risk ------------------------------------------------------------------- */
	{"risk_stakes",
	 {.rounds = "risk"},
	 {
		 {"next", APPLIED, "phase=stake team=A timer=none h=turn,A"},
		 {"stake 20", APPLIED,
		  "phase=answer stake=20 timer=answer h=stake,A,0,20 h=question,A h=timer"},
		 {"answer right", APPLIED, "scores=20,0,0 phase=reveal"},
		 {"next", APPLIED, "team=B phase=stake"},
		 {"stake 30", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=20,-30,0 h=score,B,-30,0,wrong"},
		 {"next", APPLIED, "team=C"},
		 {"stake 10", APPLIED, NULL},
		 {"timeout", APPLIED,
		  "scores=20,-30,-10 h=score,C,-10,1,wrong phase=final ranks=1,3,2 st=ACB"},
	 }},
	{"risk_decline",
	 {.nteams = 2, .rounds = "risk"},
	 {
		 {"next", APPLIED, NULL},
		 {"stake 0", APPLIED, "phase=reveal scores=0,0 h=stake,A,0,0"},
		 {"mark right", REFUSED, "why=no_verdict"},
		 {"undo", REFUSED, NULL},
		 {"next", APPLIED, "team=B"},
		 {"stake 10", APPLIED, NULL},
		 {"answer right", APPLIED, "phase=final scores=0,10"},
	 }},
	{"risk_decline_forbidden_and_unknown_stakes",
	 {.nteams = 2, .rounds = "risk nodecline stakes=10:1,25:2"},
	 {
		 {"next", APPLIED, NULL},
		 {"stake 0", REFUSED, "why=declining phase=stake"},
		 {"stake 20", REFUSED, "why=stakes"},
		 {"stake -10", REFUSED, "why=stakes"},
		 {"answer right", REFUSED, "why=no_team_is_answering"},
		 {"start", REFUSED, NULL},
		 {"timeout", REFUSED, NULL},
		 {"next", REFUSED, "why=not_over"},
		 {"buzz A", REFUSED, NULL},
		 {"stake 25", APPLIED, "phase=answer"},
		 {"stake 10", REFUSED, "why=stake"},
		 {"answer wrong", APPLIED, "scores=-25,0"},
	 }},
	{"risk_stake_picks_question",
	 {.rounds = "risk time=0 plan1=11,12 plan2=21 plan3=31"},
	 {
		 {"next", APPLIED, "qid=-"},
		 {"stake 10", APPLIED, "qid=r0d1q0 limit=11000"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"stake 20", APPLIED, "qid=r0d2q0 limit=21000"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=C"},
		 {"stake 20", REFUSED, "why=difficulty"},
		 {"stake 10", APPLIED, "qid=r0d1q1 limit=12000"},
	 }},
	{"risk_overrule_by_the_stake",
	 {.nteams = 2, .rounds = "risk"},
	 {
		 {"next", APPLIED, NULL},
		 {"stake 20", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=-20,0"},
		 {"mark right", APPLIED, "scores=20,0 h=overrule,A,40,*,right"},
		 {"mark right", REFUSED, "why=already_marked_correct"},
		 {"mark wrong", APPLIED, "scores=-20,0 h=overrule,A,-40,*,wrong"},
		 {"mark wrong", REFUSED, "why=already_marked_wrong"},
	 }},
	/* -- speed ------------------------------------------------------------------ */
	{"speed_set_against_one_timer",
	 {.nteams = 2, .rounds = "speed per=3 time=60 penalty=0"},
	 {
		 {"next", APPLIED,
		  "phase=answer team=A timer=set limit=60000 qno=1 total=6 h=question,A "
		  "h=timer,A,0,3"},
		 {"start", REFUSED, NULL},
		 {"answer right @50000", APPLIED,
		  "phase=answer qno=2 left=50000 scores=10,0 h=question,A"},
		 {"answer wrong @40000", APPLIED,
		  "phase=answer qno=3 left=40000 scores=10,0 timer=set"},
		 {"answer right @30000", APPLIED, "phase=reveal timer=none scores=20,0"},
		 {"next", APPLIED, "team=B limit=60000 left=60000 qno=4"},
		 {"answer right", APPLIED, "scores=20,10"},
		 {"timeout", APPLIED, "phase=final scores=20,10 h=score,B,0,1,wrong"},
	 }},
	{"speed_skip_passes_one",
	 {.nteams = 2, .rounds = "speed per=3"},
	 {
		 {"next", APPLIED, NULL},
		 {"skip", APPLIED, "phase=answer qno=2 h=void,A h=question,A scores=0,0"},
		 {"answer right", APPLIED, "qno=3"},
		 {"skip", APPLIED, "phase=reveal scores=10,0"},
		 {"skip", REFUSED, NULL},
	 }},
	{"speed_open_answer_judged",
	 {.nteams = 2, .rounds = "speed per=3 time=60"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer self @45000", APPLIED, "phase=judge"},
		 {"answer right", REFUSED, NULL},
		 {"mark right", APPLIED,
		  "phase=answer timer=set left=45000 limit=60000 qno=2 scores=10,0 h=timer"},
		 {"answer self @40000", APPLIED, "phase=judge"},
		 {"skip", APPLIED, "phase=answer timer=set left=40000 qno=3 scores=10,0"},
		 {"timeout", APPLIED, "phase=reveal scores=10,0"},
	 }},
	{"speed_set_time_from_plan",
	 {.nteams = 2, .rounds = "speed per=3 time=0 plan=5,20,0,7,8,9"},
	 {
		 {"next", APPLIED, "qid=r0q0 limit=55000"},
		 {"answer right", APPLIED, "qid=r0q1"},
		 {"skip", APPLIED, "qid=r0q2"},
		 {"answer wrong", APPLIED, "phase=reveal"},
		 {"next", APPLIED, "team=B qid=r0q3 limit=24000"},
	 }},
	/* -- team order ---------------------------------------------------------------- */
	{"order_lowest_and_highest_first",
	 {.rounds = "required penalty=5; required order=low; required order=high"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, "scores=10,-5,10 phase=reveal over=1"},
		 {"next", APPLIED, "round=1 h=round,-,0,1 order=BAC team=B total=3 qno=1 over=0"},
		 {"answer right", APPLIED, "scores=10,5,10"},
		 {"next", APPLIED, "team=A"},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, "team=C"},
		 {"answer wrong", APPLIED, "scores=10,5,10"},
		 {"adjust B 1 bonus", APPLIED, NULL},
		 {"next", APPLIED, "round=2 order=ACB team=A"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=C"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=B"},
		 {"answer wrong", APPLIED, "phase=final scores=20,6,20 ranks=1,3,1 st=ACB"},
	 }},
	{"order_highest_first_ties_in_file_order",
	 {.nteams = 4, .rounds = "required; required order=high"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, "scores=0,10,0,10"},
		 {"next", APPLIED, "order=BDAC team=B"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=D"},
	 }},
	{"order_first_round_by_scores_at_its_start",
	 {.rounds = "required order=low"},
	 {
		 {"adjust A 5 early", APPLIED, NULL},
		 {"adjust C -5 late", APPLIED, NULL},
		 {"next", APPLIED, "order=CBA team=C h=round,-,0,0"},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=B"},
	 }},
	/* -- undo ------------------------------------------------------------------ */
	{"undo_voids_scoring_events_in_turn",
	 {.rounds = "required points=10 penalty=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=10,-5,0"},
		 {"undo", APPLIED, "scores=10,0,0 h=undo,B,5,0 phase=reveal"},
		 {"undo", APPLIED, "scores=0,0,0 h=undo,A,-10,0"},
		 {"undo", REFUSED, "why=nothing_to_undo"},
		 {"adjust C 7 late arrival", APPLIED,
		  "scores=0,0,7 h=adjust,C,7 adj=C:7/late_arrival"},
		 {"undo", APPLIED, "scores=0,0,0 h=undo,C,-7,1 adj=C:"},
		 {"undo", REFUSED, "events=8 rp=A:0"},
	 }},
	{"undo_a_foul",
	 {.rounds = "buzz q=2 foul=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"buzz A", APPLIED, "scores=-5,0,0"},
		 {"undo", APPLIED, "scores=0,0,0 h=undo,A,5,0 phase=shown"},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, NULL},
	 }},
	{"undo_then_overrule_refused",
	 {.nteams = 2, .rounds = "required penalty=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=-5,0"},
		 {"mark right", APPLIED, "scores=10,0"},
		 {"undo", APPLIED, "scores=-5,0"},
		 {"mark wrong", REFUSED, "scores=-5,0"},
		 {"mark right", REFUSED, NULL},
		 {"undo", APPLIED, "scores=0,0"},
		 {"mark right", REFUSED, "why=no_verdict"},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, "scores=0,10"},
		 {"mark wrong", APPLIED, "scores=0,-5"},
	 }},
	/* -- overrule --------------------------------------------------------------- */
	{"overrule_at_reveal",
	 {.nteams = 2, .rounds = "required points=10 penalty=5"},
	 {
		 {"mark right", REFUSED, NULL},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=-5,0"},
		 {"mark right", APPLIED, "scores=10,0 h=overrule,A,15,*,right nh=1"},
		 {"mark right", REFUSED, "why=already_marked_correct scores=10,0"},
		 {"mark wrong", APPLIED, "scores=-5,0 h=overrule,A,-15,*,wrong"},
		 {"mark wrong", REFUSED, "why=already_marked_wrong"},
		 {"mark self", REFUSED, NULL},
		 {"mark right", APPLIED, "scores=10,0"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "phase=final scores=10,-5"},
		 {"mark right", APPLIED,
		  "phase=final scores=10,10 h=overrule,B,15 ranks=1,1 final=1"},
		 {"undo", APPLIED, "scores=10,-5"},
		 {"undo", APPLIED, "scores=10,0"},
		 {"undo", APPLIED, "scores=-5,0"},
	 }},
	{"overrule_after_rebound_is_the_last_answer",
	 {.rounds = "buzz penalty=10 rebound"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"buzz B", APPLIED, NULL},
		 {"answer right", APPLIED, "scores=-10,10,0"},
		 {"mark wrong", APPLIED, "scores=-10,-10,0 h=overrule,B,-20"},
	 }},
	{"overrule_nothing_to_overrule",
	 {.rounds = "buzz q=2"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "phase=reveal"},
		 {"mark right", REFUSED, "why=no_verdict"},
		 {"next", APPLIED, NULL},
		 {"mark right", REFUSED, "why=no_team_is_answering"},
	 }},
	/* -- adjustments ----------------------------------------------------------- */
	{"adjust_refusals",
	 {.nteams = 2, .rounds = "required"},
	 {
		 {"adjust A 5", REFUSED, "why=reason"},
		 {"adjust A 5 \"\"", REFUSED, "why=reason"},
		 {"adjust A 0 nothing", REFUSED, "why=other_than_0"},
		 {"adjust 2 5 nobody", REFUSED, "why=team"},
		 {"adjust -1 5 nobody", REFUSED, "why=team"},
		 {"adjust B -3 miscount in the first round", APPLIED,
		  "scores=0,-3 h=adjust,B,-3 events=1 adj=B:-3/miscount_in_the_first_round"},
		 {"adjust B 1 second", APPLIED,
		  "scores=0,-2 adj=B:-3/miscount_in_the_first_round,1/second"},
	 }},
	{"adjust_and_undo_after_final",
	 {.nteams = 2, .rounds = "required"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=final ranks=1,2 st=AB"},
		 {"adjust B 20 appeal upheld", APPLIED,
		  "phase=final scores=10,20 ranks=2,1 st=BA final=1 rp=B:0 adj=B:20/appeal_upheld"},
		 {"adjust A 10 appeal", APPLIED, "ranks=1,1 st=AB"},
		 {"undo", APPLIED, "scores=10,20 ranks=2,1"},
		 {"undo", APPLIED, "scores=10,0 ranks=1,2 adj=B: phase=final"},
		 {"undo", APPLIED, "scores=0,0 rp=A:0"},
		 {"undo", REFUSED, NULL},
	 }},
	/* -- ranking ----------------------------------------------------------------- */
	{"ranks_standard_competition",
	 {.nteams = 4, .rounds = "required"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, "phase=final ranks=4,1,1,1"},
		 {"adjust D 10 bonus", APPLIED,
		  "scores=0,10,10,20 ranks=4,2,2,1 st=DBCA tbp=0,0,0,0"},
	 }},
	{"ranks_round_points_and_adjustments",
	 {.nteams = 2, .start = 100, .rounds = "required penalty=5; buzz penalty=3"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"adjust A -2 noise", APPLIED, NULL},
		 {"next", APPLIED, "round=1"},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, NULL},
		 {"answer right", APPLIED,
		  "phase=final scores=108,105 rp=A:10,0 rp=B:-5,10 adj=A:-2/noise adj=B: ranks=1,2 "
		  "st=AB"},
		 {"mark wrong", APPLIED, "scores=108,92 rp=B:-5,-3"},
	 }},
	/* -- the tiebreak ------------------------------------------------------------ */
	{"tiebreak_two_way",
	 {.rounds = "required", .tiebreak = "time=20 buzz=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "phase=idle tb=1 round=1 h=tiebreak,-,0,1 no=final ranks=1,1,3 final=0"},
		 {"buzz C", IGNORED, NULL},
		 {"next", APPLIED, "phase=shown qno=1 total=0 h=question,-"},
		 {"buzz C", IGNORED, "scores=10,10,0"},
		 {"start", APPLIED, "phase=open timer=window limit=5000"},
		 {"buzz C", IGNORED, NULL},
		 {"buzz B", APPLIED, "team=B timer=answer limit=20000"},
		 {"answer right", APPLIED,
		  "h=place,B,0,1,right h=place,A,0,2 h=final phase=final scores=10,10,0 tbp=2,1,0 "
		  "ranks=2,1,3 st=BAC final=1"},
		 {"mark wrong", REFUSED, NULL},
		 {"next", REFUSED, NULL},
	 }},
	{"tiebreak_wrong_answer_takes_worst_place",
	 {.rounds = "required", .tiebreak = ""},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=idle tb=1 h=tiebreak,-,0,1"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "h=place,A,0,3,wrong phase=reveal tbp=3,0,0 ranks=3,1,1 st=BCA"},
		 {"buzz A", IGNORED, NULL},
		 {"next", APPLIED, "qno=2"},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, NULL},
		 {"buzz C", APPLIED, NULL},
		 {"timeout", APPLIED,
		  "h=place,C,0,2,wrong h=place,B,0,1 phase=final tbp=3,1,2 ranks=3,1,2 st=BCA "
		  "scores=0,0,0"},
	 }},
	{"tiebreak_right_answer_partial_standings",
	 {.rounds = "required", .tiebreak = "plan=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "tb=1"},
		 {"next", APPLIED, "qid=tbq0"},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, "limit=30000"},
		 {"answer right", APPLIED, "phase=reveal tbp=0,1,0 ranks=2,1,2 st=BAC"},
		 {"next", APPLIED, "phase=final h=final ranks=2,1,2 final=1"},
	 }},
	{"tiebreak_foul_costs_nothing_and_void",
	 {.nteams = 2, .rounds = "buzz foul=5", .tiebreak = "time=20"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "tb=1 phase=idle h=void h=tiebreak,-,0,1"},
		 {"next", APPLIED, NULL},
		 {"buzz A", APPLIED, "h=foul,A,0 scores=0,0 phase=shown"},
		 {"undo", REFUSED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "phase=reveal h=void tbp=0,0"},
		 {"skip", REFUSED, NULL},
		 {"next", APPLIED, "qno=2"},
		 {"skip", APPLIED, "phase=reveal"},
		 {"next", APPLIED, "qno=3"},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer right", APPLIED, "phase=final tbp=1,2 ranks=1,2 scores=0,0"},
	 }},
	{"tiebreak_two_groups_in_turn",
	 {.nteams = 4, .rounds = "required", .tiebreak = ""},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "tb=1 h=tiebreak,-,0,1 ranks=1,1,3,3"},
		 {"next", APPLIED, NULL},
		 {"buzz C", IGNORED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer right", APPLIED,
		  "h=place,A,0,1 h=place,B,0,2 h=tiebreak,-,0,3 phase=idle no=final tbp=1,2,0,0 "
		  "ranks=1,2,3,3"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, NULL},
		 {"buzz D", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "h=place,D,0,4 h=place,C,0,3 phase=final tbp=1,2,3,4 ranks=1,2,3,4 st=ABCD"},
	 }},
	{"tiebreak_three_way_in_place_two",
	 {.nteams = 4, .prizes = 3, .rounds = "required; required", .tiebreak = ""},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "scores=20,10,10,10 ranks=1,2,2,2 tb=1 h=tiebreak,-,0,2"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, NULL},
		 {"buzz D", APPLIED, NULL},
		 {"answer right", APPLIED, "h=place,D,0,2 phase=reveal ranks=1,3,3,2"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz D", IGNORED, NULL},
		 {"buzz B", APPLIED, NULL},
		 {"answer wrong", APPLIED,
		  "h=place,B,0,4 h=place,C,0,3 phase=final tbp=0,4,3,2 ranks=1,4,3,2 st=ADCB"},
	 }},
	{"tiebreak_not_for_ties_outside_prizes",
	 {.prizes = 1, .rounds = "required", .tiebreak = ""},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=final h=final no=tiebreak ranks=1,2,2 tb=0"},
	 }},
	{"tiebreak_at_the_last_prize",
	 {.prizes = 2, .rounds = "required", .tiebreak = ""},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=idle h=tiebreak,-,0,2"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz A", IGNORED, NULL},
		 {"buzz C", APPLIED, NULL},
		 {"answer right", APPLIED, "phase=final tbp=0,3,2 ranks=1,3,2"},
	 }},
	{"tiebreak_off_ties_stay_shared",
	 {.rounds = "required"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, "phase=final no=tiebreak ranks=1,1,3 st=ABC"},
	 }},
	{"tiebreak_off_three_way_tie",
	 {.rounds = "required"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer right", APPLIED, "phase=final ranks=1,1,1 st=ABC"},
	 }},
	{"tiebreak_out_of_questions",
	 {.rounds = "required", .tiebreak = "plan=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, "qid=tbq0"},
		 {"start", APPLIED, "limit=10000"},
		 {"timeout", APPLIED, "phase=reveal"},
		 {"next", APPLIED, "phase=final h=final ranks=1,1,1 tbp=0,0,0"},
		 {"next", REFUSED, NULL},
	 }},
	/* -- pause, clock and timeouts ---------------------------------------------- */
	{"pause_and_resume",
	 {.nteams = 2, .rounds = "required"},
	 {
		 {"pause", REFUSED, "why=timer"},
		 {"next", APPLIED, NULL},
		 {"pause", REFUSED, "why=timer"},
		 {"start", APPLIED, "events=2"},
		 {"clock @25000", APPLIED, "left=25000 events=2"},
		 {"clock @99999", APPLIED, "left=30000"},
		 {"clock", IGNORED, "left=30000"},
		 {"pause @20000", APPLIED, "paused=1 left=20000 h=pause events=3"},
		 {"pause @19000", REFUSED, "why=already left=20000"},
		 {"clock @15000", IGNORED, "left=20000"},
		 {"next", REFUSED, "why=paused"},
		 {"answer right", REFUSED, "why=paused"},
		 {"mark right", REFUSED, "why=paused"},
		 {"timeout", REFUSED, "why=paused"},
		 {"skip", REFUSED, "why=paused"},
		 {"start", REFUSED, "why=paused"},
		 {"buzz A", REFUSED, "why=paused"},
		 {"stake 10", REFUSED, "why=paused"},
		 {"adjust B 3 bonus @10000", APPLIED, "scores=0,3 left=20000"},
		 {"undo", APPLIED, "scores=0,0"},
		 {"resume @1000", APPLIED, "paused=0 left=20000 h=resume"},
		 {"resume", REFUSED, "why=not_paused"},
		 {"clock @18000", APPLIED, "left=18000"},
		 {"answer right @17000", APPLIED, "scores=10,0 timer=none events=7"},
		 {"clock @5000", IGNORED, NULL},
	 }},
	{"timeout_in_every_phase",
	 {.nteams = 2, .rounds = "buzz penalty=5; risk"},
	 {
		 {"timeout", REFUSED, "phase=idle why=timer"},
		 {"next", APPLIED, NULL},
		 {"timeout", REFUSED, "phase=shown why=timer"},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "phase=reveal h=void"},
		 {"timeout", REFUSED, "why=timer"},
		 {"next", APPLIED, "phase=stake round=1 h=round,-,0,1 h=turn,A"},
		 {"timeout", REFUSED, "why=timer"},
		 {"stake 10", APPLIED, NULL},
		 {"answer self", APPLIED, "phase=judge"},
		 {"timeout", REFUSED, "why=timer"},
		 {"mark right", APPLIED, "scores=10,0"},
		 {"next", APPLIED, NULL},
		 {"stake 20", APPLIED, NULL},
		 {"pause", APPLIED, NULL},
		 {"timeout", REFUSED, "why=paused"},
		 {"resume", APPLIED, NULL},
		 {"timeout", APPLIED, "phase=final scores=10,-20 h=score,B,-20,1,wrong"},
		 {"timeout", REFUSED, "why=timer"},
	 }},
	{"final_refuses_play",
	 {.nteams = 2, .rounds = "buzz"},
	 {
		 {"next", APPLIED, NULL},
		 {"skip", APPLIED, "phase=final ranks=1,1"},
		 {"next", REFUSED, "why=over"},
		 {"start", REFUSED, NULL},
		 {"buzz A", REFUSED, NULL},
		 {"stake 10", REFUSED, NULL},
		 {"answer right", REFUSED, NULL},
		 {"timeout", REFUSED, NULL},
		 {"skip", REFUSED, NULL},
		 {"pause", REFUSED, NULL},
		 {"resume", REFUSED, NULL},
		 {"mark right", REFUSED, NULL},
		 {"clock @1000", IGNORED, NULL},
		 {"adjust A 1 fair play", APPLIED, "ranks=1,2 final=1"},
	 }},
	/* -- a whole competition --------------------------------------------------- */
	{"whole_competition",
	 {.start = 100,
	  .rounds = "required penalty=5; buzz q=3 penalty=10 foul=5 rebound; risk order=low; speed "
		    "per=2 order=high",
	  .tiebreak = "time=15 buzz=5"},
	 {
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, "scores=110,95,95"},
		 {"next", APPLIED, "round=1"},
		 {"buzz C", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz B", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"buzz A", APPLIED, NULL},
		 {"answer right", APPLIED, "scores=120,85,90"},
		 {"adjust C 5 jury", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"timeout", APPLIED, NULL},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz C", APPLIED, NULL},
		 {"answer self", APPLIED, NULL},
		 {"mark right", APPLIED, "scores=120,85,105"},
		 {"next", APPLIED, "round=2 order=BCA team=B"},
		 {"stake 30", APPLIED, NULL},
		 {"answer right", APPLIED, NULL},
		 {"next", APPLIED, "team=C"},
		 {"stake 0", APPLIED, NULL},
		 {"next", APPLIED, "team=A"},
		 {"stake 20", APPLIED, NULL},
		 {"answer wrong", APPLIED, "scores=100,115,105"},
		 {"next", APPLIED, "round=3 order=BCA team=B"},
		 {"answer right", APPLIED, NULL},
		 {"answer wrong", APPLIED, NULL},
		 {"next", APPLIED, "team=C"},
		 {"answer right", APPLIED, NULL},
		 {"timeout", APPLIED, NULL},
		 {"adjust A 5 appeal", APPLIED, "scores=105,125,115"},
		 {"next", APPLIED, "team=A"},
		 {"skip", APPLIED, NULL},
		 {"answer right", APPLIED,
		  "scores=115,125,115 tb=1 phase=idle h=tiebreak,-,0,2 ranks=2,1,2"},
		 {"next", APPLIED, NULL},
		 {"start", APPLIED, NULL},
		 {"buzz B", IGNORED, NULL},
		 {"buzz A", APPLIED, "limit=15000"},
		 {"answer right", APPLIED, "phase=final tbp=2,0,3 ranks=2,1,3 st=BAC"},
		 {"undo", APPLIED,
		  "scores=105,125,115 ranks=3,1,2 st=BCA final=1 rp=A:10,10,-20,0"},
	 }},
};

/* ---- a few things outside the table ----------------------------------------- */

static void
test_ev_names(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < RULES_EV_COUNT; k++) {
		const char *s = rules_ev_name((enum rules_ev)k);

		assert_non_null(s);
		assert_int_equal(rules_ev_parse(s), k);
	}
	assert_string_equal(rules_ev_name(RULES_BUZZ), "buzz");
	assert_string_equal(rules_ev_name(RULES_EV_COUNT), "?");
	assert_int_equal(rules_ev_parse("Next"), -1);
	assert_int_equal(rules_ev_parse(""), -1);
	assert_int_equal(rules_ev_parse("correct"), -1);
}

static void
test_event_make(void **state)
{
	struct rules_event ev = rules_event_make(RULES_STAKE);

	(void)state;
	assert_int_equal(ev.kind, RULES_STAKE);
	assert_int_equal(ev.team, -1);
	assert_int_equal(ev.value, 0);
	assert_int_equal(ev.left_ms, -1);
	assert_null(ev.text);
	assert_null(ev.qid);
}

static void
test_no_rounds(void **state)
{
	struct built b;
	struct rules r;
	struct rules_event ev = rules_event_make(RULES_NEXT);
	struct standings st;
	const char *why;
	long live = mem_live();

	(void)state;
	ctx.name = "no_rounds";
	build(&b, &(struct fx){.nteams = 2});
	assert_int_equal(rules_init(&r, &b.c), 0);
	assert_int_equal(r.phase, PHASE_FINAL);
	assert_int_equal(rules_apply(&r, &ev, &why), RULES_REFUSED);
	assert_non_null(why);
	assert_int_equal(rules_standings(&r, &st), 0);
	assert_true(st.final);
	assert_int_equal(st.teams[0].rank, 1);
	assert_int_equal(st.teams[1].rank, 1);
	rules_free(&r);
	assert_int_equal(mem_live(), live);
	unbuild(&b);
}

static void
test_unknown_event(void **state)
{
	struct built b;
	struct rules r;
	struct rules_event ev = rules_event_make(RULES_EV_COUNT);
	const char *why;

	(void)state;
	ctx.name = "unknown_event";
	build(&b, &(struct fx){.rounds = "required"});
	assert_int_equal(rules_init(&r, &b.c), 0);
	assert_int_equal(rules_apply(&r, &ev, &why), RULES_REFUSED);
	assert_non_null(why);
	ev.kind = (enum rules_ev) - 1;
	assert_int_equal(rules_apply(&r, &ev, NULL), RULES_REFUSED);
	assert_int_equal(r.events, 0);
	assert_string_equal(rules_round(&r)->name, "R0");
	assert_false(rules_in_tiebreak(&r));
	rules_free(&r);
	unbuild(&b);
}

int
main(void)
{
	static struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 4];
	size_t i, n = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tests[n].name = cases[i].name;
		tests[n].test_func = run_case;
		tests[n].initial_state = (void *)&cases[i];
		n++;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_ev_names);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_event_make);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_no_rounds);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_unknown_event);
	return _cmocka_run_group_tests("rules", tests, n, NULL, NULL) ? 1 : 0;
}
