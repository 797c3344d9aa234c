/*
 * host.c — the stage loop of a live competition; see host.h.
 *
 * Two front ends share everything below the line parser: the scripted
 * reader (stdin not a terminal: one command per line, one report line per
 * event on stdout) and the stage (a terminal on the projector: raw keys, a
 * full-screen frame per change, a ':' command line).  Both turn input into
 * rules events and hand them to submit(), the only place that journals,
 * applies and publishes an event.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "board.h"
#include "errmsg.h"
#include "host.h"
#include "i18n.h"
#include "mem.h"
#include "prompt.h"
#include "screen.h"
#include "shuffle.h"
#include "strbuf.h"
#include "text.h"

#define NSEC     1000000000LL
#define MSEC     1000000LL
#define MAX_LINE 256

enum view {
	VIEW_LIVE,      /* what the rules' phase shows */
	VIEW_OPENING,   /* title and teams */
	VIEW_INTRO,     /* the introduction of round h->intro_round */
	VIEW_STANDINGS, /* the table, until a key */
	VIEW_PODIUM,    /* the final */
};

struct host {
	const struct comp *comp;
	const char *dir;
	struct journal *journal;
	struct rules rules;      /* what happened: applied after the journal has it */
	struct rules shadow;     /* where an event is tried first */
	struct rules_event *evs; /* every event applied, strings owned */
	size_t nevs, evs_cap;
	int64_t deadline;   /* CLOCK_MONOTONIC ns when the running timer expires; 0 none */
	int64_t next_clock; /* when the next clock checkpoint is due */
	int64_t retry_at;   /* a timeout the journal refused is tried again then */
	/* stage */
	struct prompt *p;
	bool tty, color;
	enum view view;
	size_t intro_round;
	bool podium_next;
	char status[512]; /* one line above the teams */
	bool status_warn;
	char judged[MAX_LINE]; /* an open question's answer, shown while it is marked */
	FILE *out;
	unsigned long lineno;
	/* The question on stage as shown: options in the order of the seed
	 * (shuffle.h), answer_keys in the letters shown. */
	uint64_t seed;
	const struct question *shown_of; /* what h->shown was made from */
	struct question shown;
	const char *shown_options[BANK_MAX_OPTIONS];
};

static void draw(struct host *h);

/* ---- small text helpers -------------------------------------------------- */

static const char *
team_name(const struct host *h, int t)
{
	return t >= 0 && (size_t)t < h->comp->nteams ? h->comp->teams[t].name : "?";
}

static int
team_score(const struct host *h, int t)
{
	return t >= 0 && (size_t)t < h->comp->nteams ? h->rules.teams[t].score : 0;
}

static const char *
kind_label(const struct comp_round *rd, bool tiebreak)
{
	if (tiebreak)
		return _("Tiebreak");
	switch (rd->kind) {
	case ROUND_REQUIRED:
		return _("Required questions");
	case ROUND_BUZZ:
		return _("Buzzer questions");
	case ROUND_RISK:
		return _("Risk questions");
	case ROUND_SPEED:
		return _("Speed round");
	}
	return "";
}

/* A round and its rules in one line: "抢答题 · 答对加10分 · 答错扣10分". */
static void
rules_line(const struct comp_round *rd, bool tb, char *buf, size_t n)
{
	struct strbuf b = {0};
	size_t i;

	strbuf_puts(&b, tb ? _("Tiebreak") : rd->name);
	if (tb) {
		strbuf_printf(&b, " · %s", _("first right answer takes the best place"));
	} else if (rd->kind == ROUND_RISK) {
		strbuf_printf(&b, " · %s", _("stakes"));
		for (i = 0; i < rd->nstakes; i++)
			strbuf_printf(&b, "%s%d", i ? "/" : " ", rd->stakes[i].stake);
		strbuf_printf(&b, " · %s", _("right wins the stake, wrong loses it"));
	} else {
		strbuf_printf(&b, " · ");
		strbuf_printf(&b, _("right +%d"), rd->points);
		if (rd->penalty > 0) {
			strbuf_printf(&b, " · ");
			strbuf_printf(&b, _("wrong -%d"), rd->penalty);
		}
		if (rd->kind == ROUND_BUZZ && rd->rebound)
			strbuf_printf(&b, " · %s", _("rebound"));
	}
	snprintf(buf, n, "%s", b.data ? b.data : "");
	strbuf_free(&b);
}

/* The line of the round being played. */
static void
round_line(const struct host *h, char *buf, size_t n)
{
	rules_line(rules_round(&h->rules), rules_in_tiebreak(&h->rules), buf, n);
}

/* The rules' question as shown on stage and judged, or NULL. */
static const struct question *
shown(struct host *h)
{
	const struct question *q = h->rules.question;
	unsigned char order[BANK_MAX_OPTIONS];

	if (q == NULL)
		return NULL;
	if (q != h->shown_of) {
		shuffle_for(q, h->seed, true, order);
		shuffle_view(q, order, &h->shown, h->shown_options);
		h->shown_of = q;
	}
	return &h->shown;
}

static const char *
answer_text(const struct question *q, char *buf, size_t n)
{
	if (q == NULL)
		return "";
	answer_format(q, buf, n);
	if (q->type == QTYPE_JUDGE)
		return q->answer_true ? _("true") : _("false");
	return buf;
}

/* ---- reports: one line per happening ------------------------------------- */

static void say(struct host *h, bool warn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A report line: stdout in the scripted mode, the status line on stage. */
static void
say(struct host *h, bool warn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (h->tty && warn && h->status[0] != '\0') {
		/* A refusal or a failure goes first: the line is cut at the
		 * screen's width, and this is what the host must see. */
		char old[sizeof(h->status)];
		size_t n;

		memcpy(old, h->status, sizeof(old));
		vsnprintf(h->status, sizeof(h->status), fmt, ap);
		n = strlen(h->status);
		snprintf(h->status + n, sizeof(h->status) - n, "   %s", old);
		h->status_warn = true;
	} else if (h->tty) {
		/* Everything one event made happen, in one line. */
		size_t n = strlen(h->status);

		if (n > 0 && n + 3 < sizeof(h->status)) {
			memcpy(h->status + n, "   ", 4);
			n += 3;
		}
		if (n + 1 < sizeof(h->status))
			vsnprintf(h->status + n, sizeof(h->status) - n, fmt, ap);
		h->status_warn = h->status_warn || warn;
	} else {
		vfprintf(stdout, fmt, ap);
		fputc('\n', stdout);
	}
	va_end(ap);
}

static void
print_question(struct host *h, int team)
{
	const struct rules *r = &h->rules;
	const struct question *q = shown(h);
	const char *id = q ? q->id : "-", *text = q ? q->text : "";
	struct strbuf b = {0};
	unsigned i;

	if (h->tty)
		return; /* the screen shows it */
	if (rules_in_tiebreak(r))
		strbuf_printf(&b, _("Tiebreak question %zu [%s]"), r->question_no, id);
	else if (team >= 0)
		strbuf_printf(&b, _("Question %zu/%zu for %s [%s]"), r->question_no, r->round_total,
			      team_name(h, team), id);
	else
		strbuf_printf(&b, _("Question %zu/%zu [%s]"), r->question_no, r->round_total, id);
	strbuf_printf(&b, ": %s", text);
	if (q != NULL)
		for (i = 0; i < q->noptions; i++)
			strbuf_printf(&b, "%s%c. %s", i ? " / " : "  ", 'A' + i, q->options[i]);
	if (!b.oom)
		printf("%s\n", b.data);
	strbuf_free(&b);
}

static void
print_standings_line(struct host *h, const char *label)
{
	struct standings s;
	struct strbuf b = {0};
	size_t i;

	if (rules_standings(&h->rules, &s) != 0)
		return;
	for (i = 0; i < s.nteams; i++)
		strbuf_printf(&b, "%s%d. %s %d", i ? ", " : "", s.teams[i].rank, s.teams[i].name,
			      s.teams[i].score);
	say(h, false, "%s: %s", label, b.data ? b.data : "");
	strbuf_free(&b);
}

/* Report what the last applied event made happen. */
static void
report(struct host *h, const struct rules_event *ev, enum rules_phase before, bool was_speed)
{
	const struct rules *r = &h->rules;
	const struct rules_outcome *o = &r->outcome;
	char buf[MAX_LINE], ans[MAX_LINE];
	size_t i;

	/* A question that just ended gets its answer, for the record, before
	 * what its end led to (a tiebreak place, the final). */
	bool ended = !h->tty && before != PHASE_REVEAL && before != PHASE_FINAL &&
		     before != PHASE_IDLE &&
		     (r->phase == PHASE_REVEAL || r->phase == PHASE_FINAL ||
		      (r->phase == PHASE_IDLE && rules_in_tiebreak(r))) &&
		     r->question != NULL && !was_speed;

	for (i = 0; i < o->n; i++) {
		const struct rules_happening *x = &o->h[i];
		const char *name = team_name(h, x->team);
		int score = team_score(h, x->team);

		if (ended &&
		    (x->what == WHAT_PLACE || x->what == WHAT_TIEBREAK || x->what == WHAT_FINAL)) {
			say(h, false, _("Answer: %s"), answer_text(shown(h), ans, sizeof(ans)));
			ended = false;
		}
		switch (x->what) {
		case WHAT_ROUND:
			round_line(h, buf, sizeof(buf));
			say(h, false, _("Round %d: %s"), x->value + 1, buf);
			break;
		case WHAT_QUESTION:
			print_question(h, x->team);
			break;
		case WHAT_TURN: {
			const struct comp_round *rd = rules_round(r);
			struct strbuf b = {0};
			size_t k;

			for (k = 0; k < rd->nstakes; k++)
				strbuf_printf(&b, "%s%d", k ? ", " : "", rd->stakes[k].stake);
			if (rd->decline)
				strbuf_printf(&b, ", 0 = %s", _("decline"));
			say(h, false, _("%s to choose a stake: %s"), name, b.data ? b.data : "");
			strbuf_free(&b);
			break;
		}
		case WHAT_TIMER:
			if (h->tty)
				break; /* the countdown says it */
			if (x->value == TIMER_ANSWER)
				say(h, false, _("%s has %lld s to answer"), name,
				    (long long)(r->timer.limit_ms / 1000));
			else if (x->value == TIMER_SET)
				say(h, false, _("%s has %lld s for the whole set"), name,
				    (long long)(r->timer.limit_ms / 1000));
			break;
		case WHAT_WINDOW:
			if (x->value)
				say(h, false,
				    _("Rebound: the buzz window is open again for the others"));
			else
				say(h, false, _("Buzz window open"));
			break;
		case WHAT_FOUL:
			if (x->delta)
				say(h, true,
				    _("Foul: %s keyed before the signal, %+d, out for this "
				      "question (score %d)"),
				    name, x->delta, score);
			else
				say(h, true,
				    _("Foul: %s keyed before the signal and is out for this "
				      "question"),
				    name);
			break;
		case WHAT_BUZZ:
			say(h, false, _("%s buzzed first"), name);
			break;
		case WHAT_SCORE:
			if (x->verdict < 0)
				say(h, false, _("%s: time is up for the set"), name);
			else if (x->verdict == RULES_RIGHT)
				say(h, false, _("%s: right, %+d (score %d)"), name, x->delta,
				    score);
			else if (x->value)
				say(h, false, _("%s: out of time, %+d (score %d)"), name, x->delta,
				    score);
			else
				say(h, false, _("%s: wrong, %+d (score %d)"), name, x->delta,
				    score);
			break;
		case WHAT_JUDGE:
			say(h, false, _("%s answered \"%s\": mark it correct or wrong"), name,
			    ev->text ? ev->text : "");
			break;
		case WHAT_OVERRULE:
			if (x->verdict == RULES_RIGHT)
				say(h, true, _("Overruled: %s is right after all, %+d (score %d)"),
				    name, x->delta, score);
			else
				say(h, true, _("Overruled: %s is wrong after all, %+d (score %d)"),
				    name, x->delta, score);
			break;
		case WHAT_STAKE:
			if (x->value)
				say(h, false, _("%s stakes %d"), name, x->value);
			else
				say(h, false, _("%s declines"), name);
			break;
		case WHAT_VOID:
			if (x->team >= 0)
				say(h, false, _("%s passes"), name);
			else if (ev->kind == RULES_TIMEOUT)
				/* The buzz window ran out: what earlier answers scored,
				 * a foul or a wrong one, stands. */
				say(h, false, _("Nobody buzzed in time: the question is closed"));
			else
				say(h, false, _("The question is void: no score"));
			break;
		case WHAT_ADJUST:
			say(h, true, _("Adjustment: %s %+d, %s (score %d)"), name, x->delta,
			    ev->text ? ev->text : "", score);
			break;
		case WHAT_UNDO:
			say(h, true, _("Undone: %s %+d (score %d)"), name, x->delta, score);
			break;
		case WHAT_PAUSE:
			if (!h->tty) /* the stage shows it in large type */
				say(h, false, _("Paused"));
			break;
		case WHAT_RESUME:
			if (!h->tty)
				say(h, false, _("Resumed"));
			break;
		case WHAT_TIEBREAK: {
			struct strbuf b = {0};
			size_t k, n = 0;

			for (k = 0; k < h->comp->nteams; k++)
				if (r->teams[k].tied)
					strbuf_printf(&b, "%s%s", n++ ? ", " : "",
						      h->comp->teams[k].name);
			say(h, false, _("Tiebreak for place %d among: %s"), x->value,
			    b.data ? b.data : "");
			strbuf_free(&b);
			break;
		}
		case WHAT_PLACE:
			say(h, false, _("%s takes place %d"), name, x->value);
			break;
		case WHAT_FINAL:
			print_standings_line(h, _("Final"));
			break;
		}
	}
	if (ended)
		say(h, false, _("Answer: %s"), answer_text(shown(h), ans, sizeof(ans)));
}

/* ---- submitting events ---------------------------------------------------- */

static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keep a copy of an applied event (strings owned) for a rebuild. */
static int
store_event(struct host *h, const struct rules_event *ev)
{
	struct rules_event *e;

	if (mem_grow((void **)&h->evs, &h->evs_cap, h->nevs + 1, sizeof(*h->evs)) != 0)
		return -1;
	e = &h->evs[h->nevs];
	*e = *ev;
	e->text = e->qid = NULL;
	if (ev->text != NULL && (e->text = mem_strdup(ev->text)) == NULL)
		return -1;
	if (ev->qid != NULL && (e->qid = mem_strdup(ev->qid)) == NULL) {
		mem_free((char *)e->text);
		return -1;
	}
	h->nevs++;
	return 0;
}

/* Replay every stored event into a fresh copy of the rules. */
static int
rebuild(struct host *h, struct rules *r)
{
	size_t i;

	rules_free(r);
	if (rules_init(r, h->comp) != 0)
		return -1;
	for (i = 0; i < h->nevs; i++)
		(void)rules_apply(r, &h->evs[i], NULL);
	return 0;
}

/* Set the deadline from the rules' timer after an event. */
static void
arm_timer(struct host *h)
{
	const struct rules *r = &h->rules;
	int64_t now = prompt_now();

	if (r->timer.kind == TIMER_NONE || r->paused) {
		h->deadline = 0;
		return;
	}
	h->deadline = now + r->timer.left_ms * MSEC;
	h->next_clock = now + NSEC;
	h->retry_at = 0;
}

/* The running timer's time left now, in ms; -1 when none runs. */
static int64_t
time_left(const struct host *h)
{
	const struct rules *r = &h->rules;
	int64_t left;

	if (r->timer.kind == TIMER_NONE)
		return -1;
	if (r->paused || h->deadline == 0)
		return r->timer.left_ms;
	left = (h->deadline - prompt_now()) / MSEC;
	return left < 0 ? 0 : left;
}

int
host_write_boards(struct host *h)
{
	struct standings s;
	char *err = NULL;
	int bad;

	if (rules_standings(&h->rules, &s) != 0) {
		say(h, true, _("scoreboards not written: out of memory"));
		return -1;
	}
	bad = board_write_all(h->dir, &s, &err);
	if (bad) {
		if (h->tty)
			say(h, true, _("scoreboard not written: %s"), err ? err : strerror(ENOMEM));
		else
			fprintf(stderr, "jingsai: %s: %s\n", _("scoreboard not written"),
				err ? err : strerror(ENOMEM));
	}
	free(err);
	return bad ? -1 : 0;
}

/* Journal, apply, publish.  Returns 1 applied, 0 ignored, -1 refused or not
 * written (reported). */
static int
submit(struct host *h, struct rules_event ev)
{
	enum rules_result res;
	enum rules_phase before = h->rules.phase;
	bool was_speed =
		!rules_in_tiebreak(&h->rules) && rules_round(&h->rules)->kind == ROUND_SPEED;
	const char *why = NULL;
	char *err = NULL;

	ev.left_ms = time_left(h);
	ev.wall_ms = wall_ms();
	res = rules_apply(&h->shadow, &ev, &why);
	if (res == RULES_IGNORED)
		return 0;
	if (res == RULES_REFUSED) {
		if (h->tty)
			say(h, true, "%s", _(why));
		else
			fprintf(stderr, _("jingsai: line %lu: %s\n"), h->lineno, _(why));
		return -1;
	}
	if ((ev.kind == RULES_NEXT || ev.kind == RULES_STAKE) && h->shadow.question != NULL)
		ev.qid = h->shadow.question->id;
	if (journal_append(h->journal, &ev, &err) != 0 || store_event(h, &ev) != 0) {
		if (ev.kind == RULES_CLOCK) {
			/* Only a checkpoint: nothing for the host to do again.  The
			 * next real event reports the journal's trouble. */
			if (h->tty)
				say(h, true, _("the journal cannot be written: %s"),
				    err ? err : strerror(ENOMEM));
		} else if (h->tty)
			say(h, true,
			    _("NOT DONE: the journal could not be written (%s); try again"),
			    err ? err : strerror(ENOMEM));
		else
			fprintf(stderr, "jingsai: %s (%s)\n",
				_("not done: the journal could not be written; try again"),
				err ? err : strerror(ENOMEM));
		free(err);
		if (rebuild(h, &h->shadow) != 0) {
			fprintf(stderr, "jingsai: out of memory\n");
			exit(EXIT_FAILURE);
		}
		return -1;
	}
	(void)rules_apply(&h->rules, &ev, NULL);
	arm_timer(h);
	if (ev.kind == RULES_CLOCK)
		return 1;
	if (h->tty) {
		h->status[0] = '\0';
		h->status_warn = false;
	}
	report(h, &ev, before, was_speed);
	/* The stage shows what happened before the boards are written: a buzz
	 * must not wait for four file replacements. */
	if (h->tty)
		draw(h);
	host_write_boards(h);
	return 1;
}

/* ---- commands (lines) ------------------------------------------------------- */

enum cmd_kind { CMD_NONE, CMD_EVENT, CMD_NEXT, CMD_STANDINGS, CMD_QUIT, CMD_BAD };

static const char *const command_words[] = {
	"next", "start", "buzz",  "stake",  "answer",    "correct", "wrong", "adjust",
	"undo", "skip",  "pause", "resume", "standings", "quit",    NULL,
};

static char *
skip_space(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Cut the first word off *s; returns it (NUL-terminated in place). */
static char *
cut_word(char **s)
{
	char *w = skip_space(*s), *e = w;

	while (*e && *e != ' ' && *e != '\t')
		e++;
	if (*e)
		*e++ = '\0';
	*s = skip_space(e);
	return w;
}

static int
parse_int(const char *s, int *out)
{
	char *end;
	long v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < -1000000 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

static enum rules_verdict
judge(const struct question *q, const char *text)
{
	if (q == NULL || answer_blank(text))
		return RULES_WRONG;
	switch (answer_check(q, text)) {
	case ANSWER_RIGHT:
		return RULES_RIGHT;
	case ANSWER_SELF:
		return RULES_SELF;
	default:
		return RULES_WRONG;
	}
}

/* Parse one command line into *ev.  On CMD_BAD *why says what is wrong. */
static enum cmd_kind
parse_command(struct host *h, char *line, struct rules_event *ev, const char **why)
{
	char *rest = line, *w, *arg;
	int v;

	*why = NULL;
	w = cut_word(&rest);
	/* strip the line's end */
	for (v = (int)strlen(rest); v > 0 && (rest[v - 1] == ' ' || rest[v - 1] == '\t');)
		rest[--v] = '\0';
	if (*w == '\0' || *w == '#')
		return CMD_NONE;
	if (strcmp(w, "next") == 0)
		return CMD_NEXT;
	if (strcmp(w, "standings") == 0)
		return CMD_STANDINGS;
	if (strcmp(w, "quit") == 0)
		return CMD_QUIT;
	if (strcmp(w, "start") == 0) {
		*ev = rules_event_make(RULES_START);
	} else if (strcmp(w, "buzz") == 0) {
		arg = cut_word(&rest);
		*ev = rules_event_make(RULES_BUZZ);
		if (strlen(arg) != 1 || (ev->team = comp_team_by_key(h->comp, arg[0])) < 0) {
			*why = N_("buzz KEY: no team has that key");
			return CMD_BAD;
		}
	} else if (strcmp(w, "stake") == 0) {
		*ev = rules_event_make(RULES_STAKE);
		if (parse_int(cut_word(&rest), &ev->value) != 0) {
			*why = N_("stake N: N is a number");
			return CMD_BAD;
		}
	} else if (strcmp(w, "answer") == 0) {
		*ev = rules_event_make(RULES_ANSWER);
		ev->text = rest; /* in the letters shown */
		ev->verdict = judge(shown(h), rest);
	} else if (strcmp(w, "correct") == 0 || strcmp(w, "wrong") == 0) {
		*ev = rules_event_make(RULES_MARK);
		ev->verdict = w[0] == 'c' ? RULES_RIGHT : RULES_WRONG;
	} else if (strcmp(w, "adjust") == 0) {
		*ev = rules_event_make(RULES_ADJUST);
		arg = cut_word(&rest);
		if ((ev->team = comp_team_find(h->comp, arg)) < 0) {
			*why = N_("adjust TEAM ±N REASON: no such team");
			return CMD_BAD;
		}
		arg = cut_word(&rest);
		if (parse_int(arg[0] == '+' ? arg + 1 : arg, &ev->value) != 0 || ev->value == 0) {
			*why = N_(
				"adjust TEAM ±N REASON: N is a number of points such as +5 or -10");
			return CMD_BAD;
		}
		if (*rest == '\0') {
			*why = N_("adjust TEAM ±N REASON: give the reason");
			return CMD_BAD;
		}
		ev->text = rest;
	} else if (strcmp(w, "undo") == 0) {
		*ev = rules_event_make(RULES_UNDO);
	} else if (strcmp(w, "skip") == 0) {
		*ev = rules_event_make(RULES_SKIP);
	} else if (strcmp(w, "pause") == 0) {
		*ev = rules_event_make(RULES_PAUSE);
	} else if (strcmp(w, "resume") == 0) {
		*ev = rules_event_make(RULES_RESUME);
	} else {
		*why = N_("unknown command (next, start, buzz KEY, stake N, answer TEXT, correct, "
			  "wrong, adjust TEAM ±N REASON, undo, skip, pause, resume, standings, "
			  "quit)");
		return CMD_BAD;
	}
	return CMD_EVENT;
}

void
host_print_standings(FILE *fp, const struct standings *s)
{
	size_t i, w = 0, tw;

	for (i = 0; i < s->nteams; i++)
		if ((tw = text_width(s->teams[i].name)) > w)
			w = tw;
	fprintf(fp, "%s%s\n", s->title, s->final ? _(" — final") : "");
	for (i = 0; i < s->nteams; i++) {
		const struct standings_team *t = &s->teams[i];

		fprintf(fp, "%3d  %s%*s  %5d", t->rank, t->name, (int)(w - text_width(t->name)), "",
			t->score);
		if (t->tiebreak)
			fprintf(fp, _("  (tiebreak: place %d)"), t->tiebreak);
		fputc('\n', fp);
	}
}

/* ---- the scripted reader ------------------------------------------------------ */

static void
print_standings_now(struct host *h)
{
	struct standings s;

	if (rules_standings(&h->rules, &s) == 0)
		host_print_standings(stdout, &s);
}

/* `next`: the step, and in a required round the timer too (the question
 * is read and answered at once when nobody is on stage to press Space). */
static void
step_next(struct host *h, bool start_too)
{
	if (submit(h, rules_event_make(RULES_NEXT)) > 0 && start_too &&
	    h->rules.phase == PHASE_SHOWN && !rules_in_tiebreak(&h->rules) &&
	    rules_round(&h->rules)->kind == ROUND_REQUIRED)
		submit(h, rules_event_make(RULES_START));
}

/* Deal with the clock: a checkpoint each second, the timeout at the end. */
static void
tick(struct host *h)
{
	int64_t now = prompt_now();

	if (h->deadline == 0)
		return;
	if (now >= h->deadline) {
		if (now < h->retry_at)
			return; /* the journal failed a moment ago: not in a busy loop */
		if (h->tty && h->retry_at == 0)
			prompt_write(h->p, "\a", 1);
		if (submit(h, rules_event_make(RULES_TIMEOUT)) < 0)
			h->retry_at = now + NSEC;
		return;
	}
	if (now >= h->next_clock) {
		h->next_clock = now + NSEC;
		submit(h, rules_event_make(RULES_CLOCK));
	}
}

static int64_t
wake_time(const struct host *h)
{
	int64_t w;

	if (h->deadline == 0)
		return 0;
	w = h->next_clock < h->deadline ? h->next_clock : h->deadline;
	return h->retry_at > w ? h->retry_at : w;
}

static int
run_lines(struct host *h)
{
	struct prompt_read_opts o = {0};
	enum prompt_status st;
	struct rules_event ev;
	const char *why;
	char *line;

	o.label = "";
	for (;;) {
		o.deadline = wake_time(h);
		st = prompt_read(h->p, &o, &line);
		switch (st) {
		case PROMPT_TIMEOUT:
			tick(h);
			continue;
		case PROMPT_EOF:
			return EXIT_SUCCESS;
		case PROMPT_TERMINATE:
			return -prompt_signal(h->p);
		case PROMPT_INTERRUPT:
			mem_free(line);
			return EXIT_SUCCESS;
		case PROMPT_LINE:
			break;
		default:
			fprintf(stderr, "jingsai: %s: %s\n", _("reading commands"),
				strerror(errno));
			return EXIT_FAILURE;
		}
		h->lineno++;
		tick(h); /* a line that comes after the deadline comes after the timeout */
		switch (parse_command(h, line, &ev, &why)) {
		case CMD_NONE:
			break;
		case CMD_NEXT:
			step_next(h, true);
			break;
		case CMD_STANDINGS:
			print_standings_now(h);
			break;
		case CMD_QUIT:
			mem_free(line);
			return EXIT_SUCCESS;
		case CMD_BAD:
			fprintf(stderr, _("jingsai: line %lu: %s\n"), h->lineno, _(why));
			break;
		case CMD_EVENT:
			submit(h, ev);
			break;
		}
		mem_free(line);
		fflush(stdout);
	}
}

/* ---- the stage ------------------------------------------------------------------- */

static int
countdown_secs(const struct host *h)
{
	int64_t left = time_left(h);

	if (left < 0)
		return -1;
	return (int)((left + 999) / 1000);
}

static void
fill_teams(const struct host *h, struct screen_team *st, const struct standings *s, bool ranked)
{
	const struct rules *r = &h->rules;
	size_t i;

	for (i = 0; i < h->comp->nteams; i++) {
		if (ranked && s != NULL) {
			st[i].name = s->teams[i].name;
			st[i].key = s->teams[i].key;
			st[i].score = s->teams[i].score;
			st[i].rank = s->teams[i].rank;
			st[i].highlight = false;
			st[i].out = false;
			continue;
		}
		st[i].name = h->comp->teams[i].name;
		st[i].key = h->comp->teams[i].key;
		st[i].score = r->teams[i].score;
		st[i].rank = 0;
		st[i].highlight = (int)i == r->team;
		st[i].out = r->teams[i].out ||
			    (rules_in_tiebreak(r) && r->phase != PHASE_FINAL && !r->teams[i].tied);
	}
}

static void
draw(struct host *h)
{
	const struct rules *r = &h->rules;
	const struct question *q = shown(h);
	struct screen_view v;
	struct screen_team teams[64];
	struct standings s;
	struct strbuf b = {0}, lines = {0};
	char rl[MAX_LINE], num[MAX_LINE], ans[MAX_LINE], ansline[MAX_LINE], verdict[MAX_LINE];
	char hint[MAX_LINE];
	char opt[BANK_MAX_OPTIONS][MAX_LINE];
	const char *optp[BANK_MAX_OPTIONS];
	bool have_s = rules_standings(&h->rules, &s) == 0;
	size_t i, n = h->comp->nteams < 64 ? h->comp->nteams : 64;

	memset(&v, 0, sizeof(v));
	v.cols = prompt_columns(h->p);
	v.rows = prompt_rows(h->p);
	v.color = h->color;
	v.title = h->comp->title;
	v.countdown = -1;
	v.prizes = h->comp->prizes;
	round_line(h, rl, sizeof(rl));
	v.round_line = rl;
	if (q != NULL) {
		v.question = q->text;
		for (i = 0; i < q->noptions && i < BANK_MAX_OPTIONS; i++) {
			snprintf(opt[i], sizeof(opt[i]), "%c. %s", 'A' + (int)i, q->options[i]);
			optp[i] = opt[i];
		}
		v.options = optp;
		v.noptions = q->noptions;
	}
	if (rules_in_tiebreak(r))
		snprintf(num, sizeof(num), _("Tiebreak question %zu"), r->question_no);
	else
		snprintf(num, sizeof(num), _("Question %zu of %zu"), r->question_no,
			 r->round_total);
	v.number = num;
	fill_teams(h, teams, have_s ? &s : NULL, false);
	v.teams = teams;
	v.nteams = n;
	v.status = h->status[0] ? h->status : NULL;
	v.status_warn = h->status_warn;

	switch (h->view) {
	case VIEW_OPENING:
		v.kind = SCREEN_OPENING;
		v.round_line = NULL;
		v.number = NULL;
		v.hint = _("Space: begin   : command   q: quit");
		break;
	case VIEW_INTRO: {
		const struct comp_round *rd = &h->comp->rounds[h->intro_round];

		v.kind = SCREEN_ROUND;
		v.big = rd->name;
		v.number = NULL;
		rules_line(rd, false, rl, sizeof(rl));
		strbuf_printf(&lines, "%s\n", kind_label(rd, false));
		if (rd->kind == ROUND_BUZZ) {
			strbuf_printf(&lines, _("%d questions; buzz after the signal, within %d s"),
				      rd->questions, rd->buzz_time);
			strbuf_putc(&lines, '\n');
			strbuf_printf(&lines, _("a key before the signal is a foul: -%d"),
				      rd->foul_penalty);
		} else {
			strbuf_printf(&lines,
				      ngettext("%d question per team", "%d questions per team",
					       (unsigned long)rd->per_team),
				      rd->per_team);
		}
		if (rd->time > 0) {
			strbuf_putc(&lines, '\n');
			strbuf_printf(&lines,
				      rd->kind == ROUND_SPEED ? _("%d s for the whole set")
							      : _("%d s to answer"),
				      rd->time);
		}
		v.lines = lines.data;
		v.hint = _("Space: first question");
		break;
	}
	case VIEW_STANDINGS:
	case VIEW_PODIUM:
		if (have_s) {
			fill_teams(h, teams, &s, true);
		}
		v.kind = h->view == VIEW_PODIUM ? SCREEN_PODIUM : SCREEN_STANDINGS;
		v.number = NULL;
		if (h->view == VIEW_PODIUM)
			v.round_line = NULL;
		v.big = h->view == VIEW_PODIUM ? _("Final result") : _("Standings");
		v.hint = h->view == VIEW_PODIUM ? _(": command   q: quit")
						: _("Space: go on   : command");
		break;
	case VIEW_LIVE:
		v.countdown = countdown_secs(h);
		v.paused = r->paused;
		if (r->paused)
			v.big = _("Paused");
		switch (r->phase) {
		case PHASE_IDLE:
			v.number = NULL;
			if (rules_in_tiebreak(r)) {
				v.kind = SCREEN_TIEBREAK;
				v.big = _("Tiebreak");
				for (i = 0; i < h->comp->nteams; i++)
					if (r->teams[i].tied)
						strbuf_printf(&lines, "%s\n",
							      h->comp->teams[i].name);
				v.lines = lines.data;
				v.hint = _("Space: tiebreak question");
			} else {
				v.kind = SCREEN_ROUND;
				v.big = rules_round(r)->name;
				v.hint = _("Space: next question");
			}
			break;
		case PHASE_STAKE: {
			const struct comp_round *rd = rules_round(r);

			v.kind = SCREEN_STAKE;
			v.number = NULL;
			v.big = team_name(h, r->team);
			for (i = 0; i < rd->nstakes; i++)
				strbuf_printf(&lines, _("%zu: %d points (difficulty %d)\n"), i + 1,
					      rd->stakes[i].stake, rd->stakes[i].difficulty);
			if (rd->decline)
				strbuf_printf(&lines, _("0: decline\n"));
			v.lines = lines.data;
			snprintf(hint, sizeof(hint),
				 rd->decline ? _("1-%zu: stake   0: decline   : command")
					     : _("1-%zu: stake   : command"),
				 rd->nstakes);
			v.hint = hint;
			break;
		}
		case PHASE_SHOWN:
			v.kind = SCREEN_QUESTION;
			v.hint = rules_round(r)->kind == ROUND_REQUIRED && !rules_in_tiebreak(r)
					 ? _("Space: start the timer   y/n: mark   : command")
					 : _("Space: open the buzzers (a key before it is a foul)");
			break;
		case PHASE_OPEN:
			v.kind = SCREEN_BUZZ;
			v.big = _("Buzz now!");
			v.hint = _("team keys: buzz   : command");
			break;
		case PHASE_ANSWER:
			if (rules_in_tiebreak(r) || rules_round(r)->kind == ROUND_BUZZ) {
				v.kind = SCREEN_WINNER;
				v.big = team_name(h, r->team);
			} else {
				v.kind = SCREEN_QUESTION;
			}
			v.hint = _("y: right   n: wrong   A-H: the team's option   : command");
			break;
		case PHASE_JUDGE:
			v.kind = SCREEN_QUESTION;
			snprintf(ansline, sizeof(ansline), _("%s answered: %s"),
				 team_name(h, r->team), h->judged);
			v.lines = ansline;
			v.hint = _("y: right   n: wrong");
			break;
		case PHASE_REVEAL:
		case PHASE_FINAL:
			v.kind = SCREEN_REVEAL;
			if (q != NULL) {
				snprintf(ansline, sizeof(ansline), _("Answer: %s"),
					 answer_text(q, ans, sizeof(ans)));
				v.answer = ansline;
				v.explanation = q->explanation;
				v.source = q->source;
			}
			if (r->last_team >= 0)
				snprintf(verdict, sizeof(verdict), "%s %s %+d",
					 team_name(h, r->last_team),
					 r->last_verdict == RULES_RIGHT ? C_("stage", "right")
									: C_("stage", "wrong"),
					 r->last_delta);
			else
				snprintf(verdict, sizeof(verdict), "%s", _("no score"));
			v.verdict = verdict;
			v.hint = r->phase == PHASE_FINAL ? _("Space: the final result")
							 : _("Space: next   : command");
			break;
		}
		break;
	}
	screen_render(&b, &v);
	if (!b.oom)
		prompt_write(h->p, b.data, b.len);
	strbuf_free(&b);
	strbuf_free(&lines);
}

/* Space or Enter: the host's step. */
static void
stage_step(struct host *h)
{
	struct rules *r = &h->rules;

	h->status[0] = '\0'; /* what it said belongs to the screen being left */
	switch (h->view) {
	case VIEW_OPENING:
		h->view = VIEW_LIVE;
		if (r->events == 0 && h->comp->nrounds > 0) {
			h->view = VIEW_INTRO;
			h->intro_round = 0;
		}
		return;
	case VIEW_INTRO:
		h->view = VIEW_LIVE;
		step_next(h, false);
		return;
	case VIEW_STANDINGS:
		if (rules_round_over(r) && r->round + 1 < h->comp->nrounds) {
			h->view = VIEW_INTRO;
			h->intro_round = r->round + 1;
		} else {
			h->view = r->phase == PHASE_FINAL ? VIEW_PODIUM : VIEW_LIVE;
		}
		return;
	case VIEW_PODIUM:
		return;
	case VIEW_LIVE:
		break;
	}
	switch (r->phase) {
	case PHASE_FINAL:
		h->view = VIEW_PODIUM;
		break;
	case PHASE_IDLE:
	case PHASE_REVEAL:
		if (rules_round_over(r) && r->round + 1 < h->comp->nrounds)
			h->view = VIEW_STANDINGS;
		else
			step_next(h, false);
		break;
	case PHASE_SHOWN:
		submit(h, rules_event_make(RULES_START));
		break;
	default:
		break;
	}
}

static bool
confirm_quit(struct host *h)
{
	int st, key;

	snprintf(h->status, sizeof(h->status), "%s",
		 _("Quit? The competition can be resumed with --resume.  y: quit   n: go on"));
	h->status_warn = true;
	for (;;) {
		draw(h);
		st = prompt_key(h->p, wake_time(h), &key);
		if (st == PROMPT_TIMEOUT) {
			tick(h);
			continue;
		}
		if (st == PROMPT_RESIZE)
			continue;
		if (st == PROMPT_TERMINATE || st == PROMPT_EOF || st == PROMPT_ERROR)
			return true;
		if (st == PROMPT_INTERRUPT || (st == PROMPT_KEY && (key == 'y' || key == 'Y'))) {
			h->status[0] = '\0';
			return true;
		}
		if (st == PROMPT_KEY) {
			h->status[0] = '\0';
			return false;
		}
	}
}

/* Each second while the command line is open: the clock checkpoint and the
 * countdown above it go on. */
static void
command_tick(void *ctx)
{
	struct host *h = ctx;

	if (h->deadline != 0 && prompt_now() >= h->next_clock && prompt_now() < h->deadline) {
		h->next_clock = prompt_now() + NSEC;
		submit(h, rules_event_make(RULES_CLOCK));
	}
	draw(h);
}

/* ':' — a command typed on the bottom row, with history and completion. */
static int
command_line(struct host *h)
{
	struct prompt_read_opts o = {0};
	const char *words[64];
	struct rules_event ev;
	enum prompt_status st;
	const char *why;
	char *line = NULL;
	size_t i, n = 0;
	int ret = 0;

	for (i = 0; command_words[i] != NULL; i++)
		words[n++] = command_words[i];
	for (i = 0; i < h->comp->nteams && n < 63; i++)
		words[n++] = h->comp->teams[i].name;
	words[n] = NULL;
	o.label = ":";
	o.words = words;
	o.history = true;
	o.tick = command_tick;
	o.ctx = h;
	o.row = prompt_rows(h->p);
	o.deadline = h->deadline;
	st = prompt_read(h->p, &o, &line);
	if (st == PROMPT_TIMEOUT) {
		tick(h);
		return 0;
	}
	if (st == PROMPT_TERMINATE)
		return -1;
	if (st != PROMPT_LINE) {
		mem_free(line);
		return 0;
	}
	switch (parse_command(h, line, &ev, &why)) {
	case CMD_NONE:
		break;
	case CMD_NEXT:
		h->view = VIEW_LIVE;
		step_next(h, false);
		break;
	case CMD_STANDINGS:
		h->view = VIEW_STANDINGS;
		break;
	case CMD_QUIT:
		ret = confirm_quit(h) ? 1 : 0;
		break;
	case CMD_BAD:
		say(h, true, "%s", _(why));
		break;
	case CMD_EVENT:
		if (ev.kind == RULES_ANSWER && ev.verdict == RULES_SELF)
			snprintf(h->judged, sizeof(h->judged), "%s", ev.text);
		submit(h, ev);
		break;
	}
	mem_free(line);
	return ret;
}

static void
stage_key(struct host *h, int key)
{
	struct rules *r = &h->rules;
	const struct comp_round *rd = rules_round(r);
	int t = comp_team_by_key(h->comp, key);
	bool buzz = rules_in_tiebreak(r) || rd->kind == ROUND_BUZZ;
	struct rules_event ev;
	char letter[2];

	if (key == ' ' || key == '\n') {
		stage_step(h);
		return;
	}
	if (key == 27) { /* Esc: back to the competition */
		if (h->view == VIEW_STANDINGS)
			h->view = r->phase == PHASE_FINAL ? VIEW_PODIUM : VIEW_LIVE;
		h->status[0] = '\0';
		return;
	}
	if (h->view != VIEW_LIVE)
		return;
	if (t >= 0 && buzz) {
		ev = rules_event_make(RULES_BUZZ);
		ev.team = t;
		submit(h, ev);
		return;
	}
	if (r->phase == PHASE_STAKE && key >= '0' && key <= '9') {
		ev = rules_event_make(RULES_STAKE);
		if (key == '0')
			ev.value = 0;
		else if ((size_t)(key - '1') < rd->nstakes)
			ev.value = rd->stakes[key - '1'].stake;
		else
			return;
		submit(h, ev);
		return;
	}
	if ((key == 'y' || key == 'Y' || key == 'n' || key == 'N') &&
	    (r->phase == PHASE_ANSWER || r->phase == PHASE_JUDGE ||
	     (r->phase == PHASE_SHOWN && !buzz))) {
		ev = rules_event_make(RULES_MARK);
		ev.verdict = (key == 'y' || key == 'Y') ? RULES_RIGHT : RULES_WRONG;
		submit(h, ev);
		return;
	}
	if (r->question != NULL &&
	    (r->question->type == QTYPE_SINGLE || r->question->type == QTYPE_JUDGE) &&
	    (r->phase == PHASE_ANSWER || (r->phase == PHASE_SHOWN && !buzz))) {
		int k = key >= 'a' && key <= 'z' ? key - 'a' + 'A' : key;

		if (r->question->type == QTYPE_SINGLE && k >= 'A' &&
		    k < 'A' + (int)r->question->noptions) {
			letter[0] = (char)k;
			letter[1] = '\0';
			ev = rules_event_make(RULES_ANSWER);
			ev.text = letter; /* the letter shown */
			ev.verdict = judge(shown(h), letter);
			submit(h, ev);
		}
	}
}

static int
run_stage(struct host *h)
{
	int st, key, ret = EXIT_SUCCESS, c;

	prompt_set_alt_screen(h->p, true);
	prompt_write(h->p, screen_enter(), strlen(screen_enter()));
	/* A resumed competition goes straight back to where it was: its timer
	 * is already running again. */
	h->view = h->rules.events > 0 ? VIEW_LIVE : VIEW_OPENING;
	for (;;) {
		draw(h);
		st = prompt_key(h->p, wake_time(h), &key);
		switch (st) {
		case PROMPT_TIMEOUT:
			tick(h);
			continue;
		case PROMPT_RESIZE:
			continue;
		case PROMPT_KEY:
			if (key == ':') {
				c = command_line(h);
				if (c < 0) {
					ret = -prompt_signal(h->p);
					goto out;
				}
				if (c > 0)
					goto out;
				continue;
			}
			if (key == 'q' || key == 'Q') {
				if (confirm_quit(h))
					goto out;
				continue;
			}
			stage_key(h, key);
			continue;
		case PROMPT_INTERRUPT:
			if (confirm_quit(h))
				goto out;
			continue;
		case PROMPT_TERMINATE:
			ret = -prompt_signal(h->p);
			goto out;
		case PROMPT_EOF:
			goto out;
		default:
			ret = EXIT_FAILURE;
			goto out;
		}
	}
out:
	prompt_write(h->p, screen_leave(), strlen(screen_leave()));
	prompt_set_alt_screen(h->p, false);
	return ret;
}

/* ---- set-up ---------------------------------------------------------------------- */

struct host *
host_new(const struct comp *c, const char *dir, struct journal *j, char **err)
{
	struct host *h = mem_calloc(1, sizeof(*h));

	if (h == NULL || rules_init(&h->rules, c) != 0) {
		mem_free(h);
		journal_close(j);
		errmsg_set(err, "%s", _("out of memory"));
		return NULL;
	}
	if (rules_init(&h->shadow, c) != 0) {
		rules_free(&h->rules);
		mem_free(h);
		journal_close(j);
		errmsg_set(err, "%s", _("out of memory"));
		return NULL;
	}
	h->comp = c;
	h->dir = dir;
	h->journal = j;
	return h;
}

void
host_set_seed(struct host *h, uint64_t seed)
{
	h->seed = seed;
	h->shown_of = NULL;
}

void
host_set_journal(struct host *h, struct journal *j)
{
	journal_close(h->journal);
	h->journal = j;
}

int
host_replay(struct host *h, const struct rules_event *evs, size_t n, char **err)
{
	const char *why = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		enum rules_result res = rules_apply(&h->rules, &evs[i], &why);

		if (res == RULES_IGNORED && evs[i].kind == RULES_CLOCK)
			continue;
		if (res == RULES_APPLIED) {
			(void)rules_apply(&h->shadow, &evs[i], NULL);
			if (store_event(h, &evs[i]) == 0)
				continue;
			why = N_("out of memory");
		}
		errmsg_set(err, _("journal record %zu (%s) does not fit the competition: %s"),
			   i + 1, rules_ev_name(evs[i].kind),
			   why ? _(why) : _("it changes nothing"));
		return -1;
	}
	arm_timer(h);
	return 0;
}

int
host_run(struct host *h, FILE *in, FILE *out, bool color)
{
	char *err = NULL;
	int ret;

	h->p = prompt_open(in, out, false, &err);
	if (h->p == NULL) {
		fprintf(stderr, "jingsai: %s\n", err ? err : _("out of memory"));
		mem_free(err);
		return EXIT_FAILURE;
	}
	h->out = out;
	h->tty = prompt_is_tty(h->p);
	h->color = color && h->tty;
	prompt_set_color(h->p, h->color);
	host_write_boards(h);
	arm_timer(h);
	if (!h->tty && h->rules.events > 0)
		printf(_("Resumed after %zu events\n"), h->rules.events);
	ret = h->tty ? run_stage(h) : run_lines(h);
	fflush(stdout);
	prompt_close(h->p);
	h->p = NULL;
	if (ret < 0)
		prompt_reraise(-ret);
	return ret;
}

void
host_free(struct host *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nevs; i++) {
		mem_free((char *)h->evs[i].text);
		mem_free((char *)h->evs[i].qid);
	}
	mem_free(h->evs);
	rules_free(&h->rules);
	rules_free(&h->shadow);
	journal_close(h->journal);
	mem_free(h);
}
