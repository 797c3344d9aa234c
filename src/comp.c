/*
 * comp.c — the competition file (see comp.h): libyaml events to struct comp,
 * the banks it names, and the plan of which question each round asks.
 *
 * The loader takes the bank loader's approach and shares its event reader
 * (yamlev.c): next() is the only place that fetches and frees events and
 * that enforces the limits (nesting depth, anchors and aliases); the
 * functions above it mirror the schema (file, teams, rounds, select, stakes,
 * tiebreak), so the C call depth is bounded by the schema, and anything
 * unexpected is skipped by skip_node(), a loop over events.
 *
 * Schema errors are reported and parsing goes on, so one run shows every
 * problem of the file; a libyaml syntax error, the depth limit or running
 * out of memory end it, and then the checks that need a whole mapping (what
 * is missing, a key that does not apply to the round's kind) are not made:
 * they would only guess.  The whole file is read into memory first (it is
 * kept for the journal), so positions that libyaml gives only as byte
 * offsets are worked out on that copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "comp.h"
#include "i18n.h"
#include "mem.h"
#include "select.h"
#include "text.h"
#include "yamlev.h"

/* A competition file is a page of settings: anything near this size is not one. */
#define COMP_MAX_SIZE  ((size_t)1024 * 1024)
#define COMP_MAX_DEPTH BANK_DEFAULT_MAX_DEPTH
#define MAX_ERRORS     1000
#define MAX_BREAKS     8
#define MAX_POINTS     1000000
#define MAX_TIME       86400
#define MAX_BUZZ_TIME  3600
#define MAX_QUESTIONS  10000
#define MAX_PER_TEAM   1000
#define DEFAULT_PRIZES 3
#define DEFAULT_BUZZ   10
#define DEFAULT_POINTS 10

/* ---- the loader state ------------------------------------------------------ */

struct cl {
	struct comp *c;
	struct diag_list *diags;
	const char *file; /* c->path */
	const char *text; /* c->text */
	size_t len;
	struct yamlev y; /* the events; y.fatal: stop reading this file */
	unsigned errors; /* errors about this file so far */
};

#define LINE(m) YAMLEV_LINE(m)
#define COL(m)  YAMLEV_COL(m)

/* Add a diagnostic about the file; running out of memory ends the file, and
 * so do too many errors. */
static void reportv(struct cl *l, enum diag_severity sev, unsigned line, unsigned col,
		    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void report(struct cl *l, enum diag_severity sev, unsigned line, unsigned col,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
reportv(struct cl *l, enum diag_severity sev, unsigned line, unsigned col, const char *fmt,
	va_list ap)
{
	if (sev == DIAG_ERROR && l->errors >= MAX_ERRORS) {
		if (l->errors++ == MAX_ERRORS &&
		    diag_add(l->diags, l->file, line, col, sev,
			     N_("more than %u errors in this file; stopping here"),
			     MAX_ERRORS) != 0)
			l->y.oom = 1;
		l->y.fatal = 1;
		return;
	}
	if (sev == DIAG_ERROR)
		l->errors++;
	if (diag_addv(l->diags, l->file, line, col, sev, fmt, ap) != 0)
		l->y.oom = l->y.fatal = 1;
}

static void
report(struct cl *l, enum diag_severity sev, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	reportv(l, sev, line, col, fmt, ap);
	va_end(ap);
}

#define err_at(l, line, col, ...) report((l), DIAG_ERROR, (line), (col), __VA_ARGS__)
#define ERR_EV(l, ...)                                                                             \
	err_at((l), LINE((l)->y.ev.start_mark), COL((l)->y.ev.start_mark), __VA_ARGS__)

#define BRIEF(s) YAMLEV_BRIEF(s)

static void
out_of_memory(struct cl *l)
{
	l->y.oom = l->y.fatal = 1;
}

/* Room for item n (0-based) of an array kept in the arena, doubling: the old
 * copy stays in the arena, which is freed whole.  0, or -1 out of memory. */
static int
arena_grow(struct cl *l, void **arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 4;
	if ((p = arena_alloc(&l->c->arena, ncap * size)) == NULL) {
		out_of_memory(l);
		return -1;
	}
	if (*cap)
		memcpy(p, *arr, *cap * size);
	*arr = p;
	*cap = ncap;
	return 0;
}

/* ---- positions in the text ---------------------------------------------------- */

/* The line breaks libyaml counts and editors do not show (U+0085, U+2028,
 * U+2029): every line number after one would be off by one. */
static void
report_breaks(struct cl *l)
{
	const unsigned char *t = (const unsigned char *)l->text;
	unsigned line, col, cp, n = 0;
	size_t i;

	for (i = 0; i + 1 < l->len && n < MAX_BREAKS; i++) {
		if (t[i] == 0xc2 && t[i + 1] == 0x85)
			cp = 0x85;
		else if (t[i] == 0xe2 && i + 2 < l->len && t[i + 1] == 0x80 &&
			 (t[i + 2] == 0xa8 || t[i + 2] == 0xa9))
			cp = t[i + 2] == 0xa8 ? 0x2028 : 0x2029;
		else
			continue;
		yamlev_position(&l->y, i, &line, &col);
		err_at(l, line, col,
		       "invisible line break U+%04X: delete it (until then, the lines of "
		       "messages after it are off by one)",
		       cp);
		n++;
	}
}

static void
too_big(struct cl *l, size_t size)
{
	char a[32], b[32];

	if (size > 0)
		err_at(l, 0, 0, "file is %s, over the %s limit for a competition file",
		       text_size(a, sizeof(a), size), text_size(b, sizeof(b), COMP_MAX_SIZE));
	else
		err_at(l, 0, 0, "file is larger than the %s limit for a competition file",
		       text_size(b, sizeof(b), COMP_MAX_SIZE));
}

/* ---- events --------------------------------------------------------------------- */

/* The event reader's errors count with the loader's own (MAX_ERRORS). */
static void error_cb(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
error_cb(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	reportv(ctx, DIAG_ERROR, line, col, fmt, ap);
}

/* The one message of the event reader that names the kind of file. */
static void
anchor_cb(void *ctx, const char *what, const char *name)
{
	struct cl *l = ctx;

	ERR_EV(l, "%s%.*s%s': anchors and aliases are not allowed in a competition file", what,
	       BRIEF(name));
}

static const struct yamlev_ops comp_yamlev_ops = {error_cb, anchor_cb, NULL};

/* next(), skip_node() and the take_*() below are the event reader's, by the
 * names the schema functions read best with. */
static int
next(struct cl *l)
{
	return yamlev_next(&l->y);
}

static int
skip_node(struct cl *l)
{
	return yamlev_skip(&l->y);
}

/* The current event as text copied to the arena; 'what' names the key in
 * messages.  NULL after reporting why there is none (an empty value is
 * reported only when 'required'). */
static const char *
take_text(struct cl *l, const char *what, int required)
{
	return yamlev_take_text(&l->y, &l->c->arena, what, required, NULL);
}

/* ---- values --------------------------------------------------------------------- */

static int
take_int(struct cl *l, const char *what, int min, int max, int *out)
{
	return yamlev_take_int(&l->y, what, min, max, out);
}

/* The current event as a non-negative 64-bit integer (the seed). */
static int
take_u64(struct cl *l, const char *what, uint64_t *out)
{
	const yaml_event_t *ev = &l->y.ev;
	const char *v;
	uint64_t n = 0;
	size_t i;
	int over = 0;

	if (ev->type != YAML_SCALAR_EVENT) {
		if (ev->type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'%s' must be a number, not %s", what, yamlev_node_kind(ev));
		skip_node(l);
		return -1;
	}
	v = (const char *)ev->data.scalar.value;
	for (i = 0; v[i] >= '0' && v[i] <= '9'; i++) {
		if (n > (UINT64_MAX - (uint64_t)(v[i] - '0')) / 10)
			over = 1;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	if (i == 0 || i != ev->data.scalar.length || over) {
		ERR_EV(l, "'%s' must be a whole number from 0 to %llu, not '%.*s%s'", what,
		       (unsigned long long)UINT64_MAX, BRIEF(v));
		return -1;
	}
	*out = n;
	return 0;
}

/* The current event as a boolean: true/false, yes/no (also capitalised). */
static int
take_bool(struct cl *l, const char *what, bool *out)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", NULL};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", NULL};
	const char *v;
	size_t i;

	if (l->y.ev.type != YAML_SCALAR_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'%s' must be true or false, not %s", what,
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return -1;
	}
	v = (const char *)l->y.ev.data.scalar.value;
	for (i = 0; yes[i] != NULL; i++) {
		if (strcmp(v, yes[i]) == 0 && !yamlev_has_nul(&l->y.ev)) {
			*out = true;
			return 0;
		}
		if (strcmp(v, no[i]) == 0 && !yamlev_has_nul(&l->y.ev)) {
			*out = false;
			return 0;
		}
	}
	ERR_EV(l, "'%s' must be true or false (also yes or no), not '%.*s%s'", what, BRIEF(v));
	return -1;
}

/* A value from a list of words (kind, order): its index, or -1 after a
 * message with the closest word or the list.  'use' ends the message: an
 * N_() string, translated here (the words stay, "or" does not). */
static int
take_word(struct cl *l, const char *what, const char *const *names, const char *use)
{
	const char *s, *hint;
	int i;

	if ((s = take_text(l, what, 1)) == NULL)
		return -1;
	if ((i = yamlev_index(s, names)) >= 0)
		return i;
	if ((hint = yamlev_closest(s, names)) != NULL)
		ERR_EV(l, "unknown %s '%s'; did you mean '%s'?", what, s, hint);
	else
		ERR_EV(l, "unknown %s '%.*s%s': use %s", what, BRIEF(s), _(use));
	return -1;
}

/* Text or a list of text (banks, category, tags): a scalar is a list of one.
 * Returns 0 and the list in the arena, or -1 (reported). */
static int
take_text_list(struct cl *l, const char *what, const char ***out, size_t *nout)
{
	const char **v = NULL, *s;
	size_t n = 0, cap = 0;
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	int bad = 0;

	if (l->y.ev.type == YAML_SCALAR_EVENT) {
		if ((s = take_text(l, what, 1)) == NULL ||
		    arena_grow(l, (void **)&v, &cap, 0, sizeof(*v)) != 0)
			return -1;
		v[0] = s;
		*out = v;
		*nout = 1;
		return 0;
	}
	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'%s' must be text or a list of text, not %s", what,
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return -1;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if ((s = take_text(l, what, 1)) == NULL) {
			bad = 1;
			continue;
		}
		if (arena_grow(l, (void **)&v, &cap, n, sizeof(*v)) != 0)
			break;
		v[n++] = s;
	}
	if (l->y.fatal || bad)
		return -1;
	if (n == 0) {
		err_at(l, line, col, "'%s' is an empty list", what);
		return -1;
	}
	*out = v;
	*nout = n;
	return 0;
}

/* ---- keys ------------------------------------------------------------------------- */

/* See yamlev_read_key(). */
static int
read_key(struct cl *l, const char *where, const char *const *known, struct yamlev_seen *seen)
{
	return yamlev_read_key(&l->y, where, known, seen);
}

/* ---- select ------------------------------------------------------------------------ */

enum skey { SK_TYPE, SK_DIFFICULTY, SK_CATEGORY, SK_TAGS, SK_COUNT };

static const char *const select_keys[] = {"type", "difficulty", "category", "tags", NULL};

static const char *const type_names[] = {"single", "multiple", "judge", "fill", "open", NULL};

/* One entry of select's 'type' (the current scalar) into s->types. */
static void
select_type(struct cl *l, struct comp_select *s)
{
	const char *v, *hint;
	int t;

	if ((v = take_text(l, "type", 1)) == NULL)
		return;
	if ((t = question_type_parse(v)) >= 0) {
		s->types |= 1u << t;
		return;
	}
	if ((hint = yamlev_closest(v, type_names)) != NULL)
		ERR_EV(l, "unknown type '%s'; did you mean '%s'?", v, hint);
	else
		ERR_EV(l, "unknown type '%.*s%s': use single, multiple, judge, fill or open",
		       BRIEF(v));
}

static void
select_difficulty(struct cl *l, struct comp_select *s)
{
	int d;

	if (take_int(l, "difficulty", 1, BANK_MAX_DIFFICULTY, &d) == 0)
		s->difficulties |= 1u << d;
}

/* 'type' or 'difficulty': one value or a list of them. */
static void
select_list(struct cl *l, struct comp_select *s, void (*one)(struct cl *, struct comp_select *),
	    const char *what)
{
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	size_t n = 0;

	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		one(l, s);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		one(l, s);
		n++;
	}
	if (!l->y.fatal && n == 0)
		err_at(l, line, col, "'%s' is an empty list", what);
}

/* A round's 'select' (its MAPPING_START may be current, or anything else:
 * reported).  *diff gets where its 'difficulty' key stands. */
static void
read_select(struct cl *l, struct comp_select *s, struct yamlev_seen *diff)
{
	struct yamlev_seen seen[SK_COUNT];
	int k;

	memset(seen, 0, sizeof(seen));
	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
			ERR_EV(l,
			       "'select' must be a mapping such as {type: [single, judge], "
			       "difficulty: [1, 2]}, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		k = read_key(l, N_("'select'"), select_keys, seen);
		if (k == -2)
			return;
		switch (k) {
		case SK_TYPE:
			select_list(l, s, select_type, "type");
			break;
		case SK_DIFFICULTY:
			select_list(l, s, select_difficulty, "difficulty");
			break;
		case SK_CATEGORY:
			take_text_list(l, "category", &s->categories, &s->ncategories);
			break;
		case SK_TAGS:
			take_text_list(l, "tags", &s->tags, &s->ntags);
			break;
		default:
			break;
		}
	}
	*diff = seen[SK_DIFFICULTY];
}

/* ---- stakes -------------------------------------------------------------------------- */

/* A risk round's 'stakes': a mapping of stake to difficulty, in file order. */
static void
read_stakes(struct comp_round *r, struct cl *l)
{
	struct yamlev_seen *at = NULL;
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark), kl, kc;
	size_t n = 0, cap = 0, acap = 0, i;
	unsigned errors = l->errors;
	int stake, d, ok;

	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
			ERR_EV(l,
			       "'stakes' must be a mapping of stake to difficulty, such as "
			       "{10: 1, 20: 2, 30: 3}, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		kl = LINE(l->y.ev.start_mark);
		kc = COL(l->y.ev.start_mark);
		ok = take_int(l, "stake", 1, MAX_POINTS, &stake) == 0;
		for (i = 0; ok && i < n; i++)
			if (r->stakes[i].stake == stake) {
				err_at(l, kl, kc,
				       "duplicate stake %d (first at line %u, column %u)", stake,
				       at[i].line, at[i].col);
				ok = 0;
			}
		if (next(l) != 0)
			return;
		if (take_int(l, "difficulty", 1, BANK_MAX_DIFFICULTY, &d) != 0 || !ok)
			continue;
		if (arena_grow(l, (void **)&r->stakes, &cap, n, sizeof(*r->stakes)) != 0 ||
		    arena_grow(l, (void **)&at, &acap, n, sizeof(*at)) != 0)
			return;
		r->stakes[n].stake = stake;
		r->stakes[n].difficulty = d;
		at[n].line = kl;
		at[n].col = kc;
		r->nstakes = ++n;
	}
	if (!l->y.fatal && n == 0 && l->errors == errors)
		err_at(l, line, col, "'stakes' is empty: a risk round needs at least one stake");
}

/* ---- rounds -------------------------------------------------------------------------- */

enum rkey {
	RK_NAME,
	RK_KIND,
	RK_QUESTIONS,
	RK_PER_TEAM,
	RK_TIME,
	RK_BUZZ_TIME,
	RK_POINTS,
	RK_PENALTY,
	RK_FOUL,
	RK_REBOUND,
	RK_STAKES,
	RK_DECLINE,
	RK_ORDER,
	RK_SELECT,
	RK_COUNT
};

static const char *const round_keys[] = {
	"name",         "kind",      "questions", "questions-per-team",
	"time",         "buzz-time", "points",    "penalty",
	"foul-penalty", "rebound",   "stakes",    "decline",
	"order",        "select",    NULL};

#define KB(k)     (1u << (k))
#define ALL_KINDS (KB(ROUND_REQUIRED) | KB(ROUND_BUZZ) | KB(ROUND_RISK) | KB(ROUND_SPEED))
#define TURNS     (KB(ROUND_REQUIRED) | KB(ROUND_RISK) | KB(ROUND_SPEED))

/* The kinds of round each key applies to. */
static const unsigned round_key_kinds[RK_COUNT] = {
	ALL_KINDS,
	ALL_KINDS,
	KB(ROUND_BUZZ),
	TURNS,
	ALL_KINDS,
	KB(ROUND_BUZZ),
	ALL_KINDS & ~KB(ROUND_RISK),
	ALL_KINDS & ~KB(ROUND_RISK),
	KB(ROUND_BUZZ),
	KB(ROUND_BUZZ),
	KB(ROUND_RISK),
	KB(ROUND_RISK),
	TURNS,
	ALL_KINDS,
};

/* The tiebreak's keys, and the round key each one is. */
static const char *const tiebreak_keys[] = {"kind",   "time",      "buzz-time", "points",
					    "select", "questions", NULL};
static const enum rkey tiebreak_rkeys[] = {RK_KIND,   RK_TIME,   RK_BUZZ_TIME,
					   RK_POINTS, RK_SELECT, RK_QUESTIONS};

static const char *const kind_names[] = {"required", "buzz", "risk", "speed", NULL};
static const char *const order_names[] = {"file", "lowest-first", "highest-first", NULL};

/* Read a round's mapping (its MAPPING_START is current) into r; the tiebreak
 * when 'tiebreak'.  The checks that need the whole mapping run at its end. */
static void
read_round(struct cl *l, struct comp_round *r, int tiebreak)
{
	const char *const *known = tiebreak ? tiebreak_keys : round_keys;
	struct yamlev_seen seen[RK_COUNT], pos[RK_COUNT], diff = {0, 0};
	unsigned i, line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	int k, kind = tiebreak ? ROUND_BUZZ : -1, v;
	bool b;

	memset(r, 0, sizeof(*r));
	memset(seen, 0, sizeof(seen));
	memset(pos, 0, sizeof(pos));
	r->line = line;
	r->col = col;
	r->name = tiebreak ? "tiebreak" : NULL;
	r->per_team = 1;
	r->buzz_time = DEFAULT_BUZZ;
	r->points = DEFAULT_POINTS;
	r->foul_penalty = -1;
	r->decline = true;
	r->order = ORDER_FILE;
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		k = read_key(l, tiebreak ? N_("the tiebreak") : N_("a round"), known, seen);
		if (k == -2)
			return;
		if (k < 0)
			continue;
		pos[tiebreak ? tiebreak_rkeys[k] : (enum rkey)k] = seen[k];
		switch (tiebreak ? tiebreak_rkeys[k] : (enum rkey)k) {
		case RK_NAME:
			r->name = take_text(l, "name", 1);
			break;
		case RK_KIND:
			v = take_word(l, "kind", kind_names,
				      /* TRANSLATORS: the words are the file's: keep them. */
				      N_("required, buzz, risk or speed"));
			if (tiebreak && v >= 0 && v != ROUND_BUZZ)
				ERR_EV(l,
				       "the tiebreak is a buzz round: 'kind' can only be buzz, "
				       "not '%s'",
				       kind_names[v]);
			else if (!tiebreak)
				kind = v;
			break;
		case RK_QUESTIONS:
			take_int(l, "questions", 1, MAX_QUESTIONS, &r->questions);
			break;
		case RK_PER_TEAM:
			take_int(l, "questions-per-team", 1, MAX_PER_TEAM, &r->per_team);
			break;
		case RK_TIME:
			take_int(l, "time", 1, MAX_TIME, &r->time);
			break;
		case RK_BUZZ_TIME:
			take_int(l, "buzz-time", 1, MAX_BUZZ_TIME, &r->buzz_time);
			break;
		case RK_POINTS:
			take_int(l, "points", 1, MAX_POINTS, &r->points);
			break;
		case RK_PENALTY:
			take_int(l, "penalty", 0, MAX_POINTS, &r->penalty);
			break;
		case RK_FOUL:
			take_int(l, "foul-penalty", 0, MAX_POINTS, &r->foul_penalty);
			break;
		case RK_REBOUND:
			if (take_bool(l, "rebound", &b) == 0)
				r->rebound = b;
			break;
		case RK_DECLINE:
			if (take_bool(l, "decline", &b) == 0)
				r->decline = b;
			break;
		case RK_STAKES:
			read_stakes(r, l);
			break;
		case RK_ORDER:
			if ((v = take_word(l, "order", order_names,
					   /* TRANSLATORS: the words are the file's: keep them. */
					   N_("file, lowest-first or highest-first"))) >= 0)
				r->order = (enum round_order)v;
			break;
		case RK_SELECT:
			read_select(l, &r->select, &diff);
			break;
		default:
			break;
		}
	}
	if (r->foul_penalty < 0)
		r->foul_penalty = r->penalty;
	/* Without a valid kind the file has an error; required is a placeholder. */
	r->kind = kind >= 0 ? (enum round_kind)kind : ROUND_REQUIRED;
	if (l->y.fatal || tiebreak)
		return;
	if (pos[RK_NAME].line == 0)
		err_at(l, line, col, "round has no 'name'");
	if (pos[RK_KIND].line == 0)
		err_at(l, line, col, "round has no 'kind' (required, buzz, risk or speed)");
	if (kind < 0)
		return;
	for (i = 0; i < RK_COUNT; i++) {
		if (pos[i].line == 0 || (round_key_kinds[i] & KB(kind)))
			continue;
		if ((round_key_kinds[i] & (round_key_kinds[i] - 1)) == 0)
			err_at(l, pos[i].line, pos[i].col, "'%s' applies to %s rounds only",
			       round_keys[i], kind_names[__builtin_ctz(round_key_kinds[i])]);
		else
			err_at(l, pos[i].line, pos[i].col, "'%s' does not apply to %s rounds",
			       round_keys[i], kind_names[kind]);
	}
	if (kind == ROUND_BUZZ && pos[RK_QUESTIONS].line == 0)
		err_at(l, line, col, "a buzz round needs 'questions': how many to ask");
	if (kind == ROUND_RISK && pos[RK_STAKES].line == 0)
		err_at(l, line, col, "a risk round needs 'stakes', such as {10: 1, 20: 2, 30: 3}");
	if (kind == ROUND_SPEED && pos[RK_TIME].line == 0)
		err_at(l, line, col, "a speed round needs 'time': seconds for the whole set");
	if (kind == ROUND_RISK && diff.line != 0)
		err_at(l, diff.line, diff.col,
		       "in a risk round the stakes choose the difficulty: leave 'difficulty' "
		       "out of 'select'");
}

static void
read_rounds(struct cl *l)
{
	struct comp *c = l->c;
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	unsigned errors = l->errors;
	size_t cap = 0;

	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'rounds' must be a list of rounds, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
			if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
				ERR_EV(l,
				       "each round must be a mapping (name: ..., kind: ...), not "
				       "%s",
				       yamlev_node_kind(&l->y.ev));
			skip_node(l);
			continue;
		}
		if (arena_grow(l, (void **)&c->rounds, &cap, c->nrounds, sizeof(*c->rounds)) != 0)
			return;
		read_round(l, &c->rounds[c->nrounds], 0);
		if (l->y.fatal)
			return;
		c->nrounds++;
	}
	if (!l->y.fatal && c->nrounds == 0 && l->errors == errors)
		err_at(l, line, col, "'rounds' is empty: a competition needs at least one round");
}

/* ---- teams --------------------------------------------------------------------------- */

enum tkey { TK_NAME, TK_KEY, TK_COUNT };

static const char *const team_keys[] = {"name", "key", NULL};

/* Check a team's key (the current scalar, text s); 0 when it can be one. */
static int
check_team_key(struct cl *l, const char *s)
{
	size_t n = strlen(s);
	unsigned cp;

	if (n == 3 && text_decode(s, n, &cp) == 3 && cp >= 0xff01 && cp <= 0xff5e) {
		/* A Chinese input method types the full-width forms. */
		ERR_EV(l,
		       "a team key is one ASCII character: the full-width '%s' does not count "
		       "(type %c)",
		       s, (char)(cp - 0xfee0));
		return -1;
	}
	if (n == 1 && strchr(COMP_HOST_KEYS, s[0]) != NULL) {
		ERR_EV(l,
		       "team key '%s' is one the host uses on stage (Space, Enter, y, n, :, "
		       "Esc, q): choose another",
		       s);
		return -1;
	}
	if (n != 1 || (unsigned char)s[0] < 0x21 || (unsigned char)s[0] > 0x7e) {
		ERR_EV(l,
		       "a team key is one ASCII letter, digit or sign, such as 1 or a, not "
		       "'%.*s%s'",
		       BRIEF(s));
		return -1;
	}
	return 0;
}

/* One team's mapping (current) into t; *key_at gets where its key stands. */
static void
read_team(struct cl *l, struct comp_team *t, struct yamlev_seen *key_at,
	  struct yamlev_seen *name_at)
{
	struct yamlev_seen seen[TK_COUNT];
	const char *s;
	int k;

	memset(seen, 0, sizeof(seen));
	t->line = LINE(l->y.ev.start_mark);
	t->col = COL(l->y.ev.start_mark);
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		k = read_key(l, N_("a team"), team_keys, seen);
		if (k == -2)
			return;
		if (k == TK_NAME) {
			name_at->line = LINE(l->y.ev.start_mark);
			name_at->col = COL(l->y.ev.start_mark);
			t->name = take_text(l, "name", 1);
		} else if (k == TK_KEY) {
			key_at->line = LINE(l->y.ev.start_mark);
			key_at->col = COL(l->y.ev.start_mark);
			/* Taken as it is: " " is the Space key, not empty text. */
			if (l->y.ev.type == YAML_SCALAR_EVENT && l->y.ev.data.scalar.length > 0 &&
			    !yamlev_has_nul(&l->y.ev) && !yamlev_is_null(&l->y.ev))
				s = (const char *)l->y.ev.data.scalar.value;
			else
				s = take_text(l, "key", 1);
			if (s != NULL && check_team_key(l, s) == 0)
				t->key = s[0];
		}
	}
	if (l->y.fatal)
		return;
	if (seen[TK_NAME].line == 0)
		err_at(l, t->line, t->col, "team has no 'name'");
	if (seen[TK_KEY].line == 0)
		err_at(l, t->line, t->col, "team has no 'key' (the key its buzzer types)");
}

static void
read_teams(struct cl *l)
{
	struct comp *c = l->c;
	struct yamlev_seen *keys = NULL, *names = NULL, key_at, name_at;
	struct comp_team t;
	size_t cap = 0, kcap = 0, ncap = 0, i;

	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'teams' must be a list of teams, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
			if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
				ERR_EV(l,
				       "each team must be a mapping such as {name: 一队, key: "
				       "\"1\"}, not %s",
				       yamlev_node_kind(&l->y.ev));
			skip_node(l);
			continue;
		}
		memset(&t, 0, sizeof(t));
		memset(&key_at, 0, sizeof(key_at));
		memset(&name_at, 0, sizeof(name_at));
		read_team(l, &t, &key_at, &name_at);
		if (l->y.fatal)
			return;
		for (i = 0; i < c->nteams; i++) {
			if (t.name != NULL && strcmp(t.name, c->teams[i].name) == 0) {
				err_at(l, name_at.line, name_at.col,
				       "duplicate team name '%s' (first at line %u, column %u)",
				       t.name, names[i].line, names[i].col);
				t.name = NULL;
			}
			if (t.key != 0 && t.key == c->teams[i].key) {
				err_at(l, key_at.line, key_at.col,
				       "duplicate team key '%c' (first at line %u, column %u)",
				       t.key, keys[i].line, keys[i].col);
				t.key = 0;
			}
		}
		if (t.name == NULL || t.key == 0)
			continue; /* reported */
		if (arena_grow(l, (void **)&c->teams, &cap, c->nteams, sizeof(*c->teams)) != 0 ||
		    arena_grow(l, (void **)&keys, &kcap, c->nteams, sizeof(*keys)) != 0 ||
		    arena_grow(l, (void **)&names, &ncap, c->nteams, sizeof(*names)) != 0)
			return;
		keys[c->nteams] = key_at;
		names[c->nteams] = name_at;
		c->teams[c->nteams++] = t;
	}
}

/* ---- the file ------------------------------------------------------------------------ */

enum ckey {
	CK_TITLE,
	CK_BANKS,
	CK_SEED,
	CK_LANGUAGE,
	CK_PRIZES,
	CK_START,
	CK_TEAMS,
	CK_ROUNDS,
	CK_TIEBREAK,
	CK_COUNT
};

static const char *const comp_keys[] = {"title", "banks", "seed",   "language", "prizes",
					"start", "teams", "rounds", "tiebreak", NULL};

/* Read the root mapping (its MAPPING_START is current). */
static void
read_comp(struct cl *l)
{
	static const char *const langs[] = {"en", "zh", NULL}; /* enum i18n_lang */
	struct comp *c = l->c;
	struct yamlev_seen seen[CK_COUNT];
	struct yamlev_seen teams_at = {0, 0}, prizes_at = {0, 0};
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	const char *key;
	size_t errs;
	int k, v, teams_ok = 0;

	memset(seen, 0, sizeof(seen));
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		key = l->y.ev.type == YAML_SCALAR_EVENT ? (const char *)l->y.ev.data.scalar.value
							: NULL;
		if (key != NULL &&
		    (strcmp(key, "questions") == 0 || strcmp(key, "defaults") == 0)) {
			ERR_EV(l,
			       "'%s' belongs in a bank: a competition file names its banks in "
			       "'banks'",
			       key);
			if (next(l) != 0 || skip_node(l) != 0)
				return;
			continue;
		}
		k = read_key(l, N_("a competition file"), comp_keys, seen);
		if (k == -2)
			return;
		switch (k) {
		case CK_TITLE:
			c->title = take_text(l, "title", 1);
			break;
		case CK_BANKS:
			take_text_list(l, "banks", &c->banks, &c->nbanks);
			break;
		case CK_SEED:
			if (take_u64(l, "seed", &c->seed) == 0)
				c->has_seed = true;
			break;
		case CK_LANGUAGE:
			if ((v = take_word(l, "language", langs, N_("zh or en"))) >= 0)
				c->language = v;
			break;
		case CK_PRIZES:
			prizes_at.line = LINE(l->y.ev.start_mark);
			prizes_at.col = COL(l->y.ev.start_mark);
			if (take_int(l, "prizes", 1, MAX_QUESTIONS, &v) == 0)
				c->prizes = v;
			break;
		case CK_START:
			take_int(l, "start", -MAX_POINTS, MAX_POINTS, &c->start);
			break;
		case CK_TEAMS:
			teams_at = seen[CK_TEAMS];
			errs = l->errors;
			read_teams(l);
			teams_ok = l->errors == errs;
			break;
		case CK_ROUNDS:
			read_rounds(l);
			break;
		case CK_TIEBREAK:
			if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
				if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
					ERR_EV(l,
					       "'tiebreak' must be a mapping such as {kind: buzz, "
					       "time: 20}, not %s",
					       yamlev_node_kind(&l->y.ev));
				skip_node(l);
				break;
			}
			read_round(l, &c->tiebreak, 1);
			c->has_tiebreak = !l->y.fatal;
			break;
		default:
			break;
		}
	}
	if (c->nbanks == 0 && seen[CK_BANKS].line == 0) {
		/* The file's own directory. */
		if ((c->banks = arena_alloc(&c->arena, sizeof(*c->banks))) == NULL) {
			out_of_memory(l);
			return;
		}
		c->banks[0] = ".";
		c->nbanks = 1;
	}
	if (c->prizes == 0)
		c->prizes = DEFAULT_PRIZES < c->nteams ? DEFAULT_PRIZES : (int)c->nteams;
	if (l->y.fatal)
		return;
	if (seen[CK_TITLE].line == 0)
		err_at(l, line, col, "competition file has no 'title'");
	if (seen[CK_TEAMS].line == 0)
		err_at(l, line, col, "competition file has no 'teams'");
	else if (teams_ok && c->nteams < 2)
		err_at(l, teams_at.line, teams_at.col,
		       "a competition needs at least 2 teams, not %zu", c->nteams);
	if (seen[CK_ROUNDS].line == 0)
		err_at(l, line, col, "competition file has no 'rounds'");
	if (prizes_at.line != 0 && teams_ok && c->nteams >= 2 && (size_t)c->prizes > c->nteams)
		err_at(l, prizes_at.line, prizes_at.col, "'prizes' is %d, more than the %zu teams",
		       c->prizes, c->nteams);
	if (c->has_tiebreak && teams_ok && c->tiebreak.questions > 0 &&
	    (size_t)c->tiebreak.questions + 1 < c->nteams)
		err_at(l, c->tiebreak.line, c->tiebreak.col,
		       "the tiebreak may need %zu questions (one fewer than the teams), but its "
		       "'questions' is %d",
		       c->nteams - 1, c->tiebreak.questions);
}

static void
read_stream(struct cl *l)
{
	switch (yamlev_begin(&l->y)) {
	case -1:
		return;
	case 1:
		err_at(l, 0, 0,
		       "file is empty: a competition file needs 'title', 'teams' and 'rounds'");
		return;
	}
	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type == YAML_SCALAR_EVENT && yamlev_is_null(&l->y.ev))
			err_at(l, 0, 0,
			       "file is empty: a competition file needs 'title', 'teams' and "
			       "'rounds'");
		else if (!yamlev_colon_hint(&l->y))
			ERR_EV(l,
			       "a competition file is a mapping with 'title', 'teams' and "
			       "'rounds', not %s",
			       yamlev_node_kind(&l->y.ev));
		if (skip_node(l) != 0)
			return;
	} else {
		read_comp(l);
		if (l->y.fatal)
			return;
	}
	if (yamlev_finish(&l->y) == 1)
		ERR_EV(l, "a competition file holds one YAML document; found a second one");
}

/* ---- loading ---------------------------------------------------------------------------- */

void
comp_init(struct comp *c)
{
	memset(c, 0, sizeof(*c));
	c->language = -1;
	bank_set_init(&c->set);
}

void
comp_free(struct comp *c)
{
	bank_set_free(&c->set);
	arena_free(&c->arena);
	comp_init(c);
}

uint64_t
comp_digest(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Parse the file's text (already in l->text); l->c->path named. */
static int
load_text(struct cl *l)
{
	size_t first = l->diags->count;

	if (yamlev_start_string(&l->y, l->text, l->len) != 0)
		return -1;
	read_stream(l);
	yamlev_end(&l->y);
	if (!l->y.oom)
		report_breaks(l);
	diag_sort(l->diags, first);
	return l->y.oom ? -1 : l->errors > 0;
}

/* Set up the loader and keep name and the text in c. */
static int
start(struct cl *l, struct comp *c, const char *name, struct diag_list *diags)
{
	memset(l, 0, sizeof(*l));
	l->c = c;
	l->diags = diags;
	yamlev_init(&l->y, &comp_yamlev_ops, l, COMP_MAX_DEPTH);
	c->path = arena_strndup(&c->arena, name, strlen(name));
	l->file = c->path;
	return c->path != NULL ? 0 : -1;
}

static int
keep_text(struct cl *l, const char *data, size_t len)
{
	char *t = arena_alloc(&l->c->arena, len + 1);

	if (t == NULL)
		return -1;
	memcpy(t, data, len);
	t[len] = '\0';
	l->c->text = l->text = t;
	l->c->text_len = l->len = len;
	l->c->digest = comp_digest(t, len);
	return 0;
}

int
comp_load_buffer(struct comp *c, const char *name, const char *data, size_t len,
		 struct diag_list *diags)
{
	struct cl l;

	if (start(&l, c, name, diags) != 0)
		return -1;
	if (len > COMP_MAX_SIZE) {
		too_big(&l, len);
		return l.y.oom ? -1 : 1;
	}
	if (keep_text(&l, data, len) != 0)
		return -1;
	return load_text(&l);
}

int
comp_load_file(struct comp *c, const char *path, struct diag_list *diags)
{
	struct cl l;
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t got;
	int fd, r, e;

	if (start(&l, c, path, diags) != 0)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_at(&l, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		err_at(&l, 0, 0, "cannot read: %s", strerror(EISDIR));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > COMP_MAX_SIZE) {
		close(fd);
		too_big(&l, (size_t)st.st_size);
		return l.y.oom ? -1 : 1;
	}
	for (;;) {
		if (n == cap && mem_grow((void **)&buf, &cap, n + 4096, 1) != 0) {
			close(fd);
			mem_free(buf);
			return -1;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			e = errno;
			close(fd);
			mem_free(buf);
			err_at(&l, 0, 0, "cannot read: %s", strerror(e));
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > COMP_MAX_SIZE) {
			/* It grew, or it is not a regular file. */
			close(fd);
			mem_free(buf);
			too_big(&l, 0);
			return l.y.oom ? -1 : 1;
		}
	}
	close(fd);
	r = keep_text(&l, buf != NULL ? buf : "", n);
	mem_free(buf);
	if (r != 0)
		return -1;
	return load_text(&l);
}

bool
comp_looks_like(const char *data, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned depth = 0;
	int want_key = 1, comp = 0, bank = 0, done = 0;
	const char *v;

	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (!done && yaml_parser_parse(&p, &ev)) {
		if (depth == 1 &&
		    (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT ||
		     ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT)) {
			if (want_key && ev.type == YAML_SCALAR_EVENT) {
				v = (const char *)ev.data.scalar.value;
				if (strcmp(v, "teams") == 0 || strcmp(v, "rounds") == 0)
					comp = 1;
				else if (strcmp(v, "questions") == 0)
					bank = 1;
			}
			want_key = !want_key;
		}
		switch (ev.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == 0 && ev.type != YAML_MAPPING_START_EVENT)
				done = 1; /* the root is a list */
			if (++depth > COMP_MAX_DEPTH)
				done = 1;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (--depth == 0)
				done = 1;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (depth == 0)
				done = 1; /* the root is text */
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return comp && !bank;
}

/* ---- banks ------------------------------------------------------------------------------ */

/* An entry of 'banks' as a path from the working directory: relative to the
 * competition file's directory, absolute as it is. */
static char *
bank_path(struct comp *c, const char *entry)
{
	const char *slash = strrchr(c->path, '/');
	size_t dlen, elen;
	char *p;

	while (entry[0] == '.' && entry[1] == '/')
		entry += 2;
	if (entry[0] == '/' || slash == NULL)
		return arena_strndup(&c->arena, entry[0] ? entry : ".",
				     entry[0] ? strlen(entry) : 1);
	dlen = slash == c->path ? 1 : (size_t)(slash - c->path);
	if (strcmp(entry, ".") == 0 || entry[0] == '\0')
		return arena_strndup(&c->arena, c->path, dlen);
	elen = strlen(entry);
	if ((p = arena_alloc(&c->arena, dlen + elen + 2)) == NULL)
		return NULL;
	memcpy(p, c->path, dlen);
	if (p[dlen - 1] != '/')
		p[dlen++] = '/';
	memcpy(p + dlen, entry, elen + 1);
	return p;
}

/* A loaded bank's path as seen from the competition file's directory, so
 * that a journal names the same banks whichever directory the host was
 * started from (bank_path() put that directory in front). */
static const char *
from_comp_dir(const struct comp *c, const char *path)
{
	const char *slash = strrchr(c->path, '/');
	size_t dlen;

	if (slash == NULL)
		return path;
	dlen = slash == c->path ? 1 : (size_t)(slash - c->path);
	if (strncmp(path, c->path, dlen) == 0 && path[dlen] == '/')
		return path + dlen + 1;
	if (strncmp(path, c->path, dlen) == 0 && path[dlen] == '\0')
		return ".";
	return path;
}

/* The digest of a file's bytes, read again; -1 (errno set) when it cannot be read. */
static int
file_digest(const char *path, uint64_t *out)
{
	unsigned char buf[8192];
	uint64_t h = 0xcbf29ce484222325ULL;
	ssize_t n, i;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 0x100000001b3ULL;
		}
	}
	e = errno;
	close(fd);
	if (n < 0) {
		errno = e;
		return -1;
	}
	*out = h;
	return 0;
}

int
comp_load_banks(struct comp *c, struct diag_list *diags)
{
	size_t errors = diags->errors, i;
	const char *path;
	uint64_t h;

	for (i = 0; i < c->nbanks; i++) {
		if ((path = bank_path(c, c->banks[i])) == NULL)
			return -1;
		if (bank_set_load_path(&c->set, path, diags) != 0)
			return -1;
	}
	c->banks_loaded = true;
	c->nbank_files = 0;
	c->bank_files = arena_alloc(&c->arena,
				    (c->set.nbanks ? c->set.nbanks : 1) * sizeof(*c->bank_files));
	if (c->bank_files == NULL)
		return -1;
	for (i = 0; i < c->set.nbanks; i++) {
		path = c->set.banks[i].path;
		if (file_digest(path, &h) != 0) {
			if (diag_add(diags, path, 0, 0, DIAG_ERROR, "cannot read: %s",
				     strerror(errno)) != 0)
				return -1;
			continue;
		}
		c->bank_files[c->nbank_files].path = from_comp_dir(c, path);
		c->bank_files[c->nbank_files].digest = h;
		c->nbank_files++;
	}
	return diags->oom ? -1 : diags->errors > errors;
}

/* ---- the plan ----------------------------------------------------------------------------- */

struct planner {
	struct comp *c;
	struct diag_list *diags;
	struct select_rng rng;
	bool *used;       /* by question index in c->set */
	size_t *cand;     /* candidates of the round being planned */
	bool *group_used; /* by group_id: a question of the group is planned */
	bool *group_seen; /* by group_id: scratch for counting candidates */
};

static bool
has_text(const char *const *v, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Whether q may be asked by a round with select s (difficulty: a risk
 * stake's, or 0).  Open questions only when s names them. */
static bool
matches(const struct comp_select *s, const struct question *q, int difficulty)
{
	size_t i;

	if (q->type == QTYPE_OPEN && !(s->types & (1u << QTYPE_OPEN)))
		return false;
	if (s->types != 0 && !(s->types & (1u << q->type)))
		return false;
	if (difficulty != 0 ? q->difficulty != difficulty
			    : s->difficulties != 0 && !(s->difficulties & (1u << q->difficulty)))
		return false;
	if (s->ncategories > 0 && !has_text(s->categories, s->ncategories, q->category))
		return false;
	if (s->ntags > 0) {
		for (i = 0; i < q->ntags; i++)
			if (has_text(s->tags, s->ntags, q->tags[i]))
				break;
		if (i == q->ntags)
			return false;
	}
	return true;
}

/* Append s to buf (of size n, holding *len bytes), cut at a character boundary. */
static void
describe_add(char *buf, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s);

	if (*len + k + 1 > n) {
		k = n - 1 - *len;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	memcpy(buf + *len, s, k);
	*len += k;
	buf[*len] = '\0';
}

static void
describe_texts(char *buf, size_t n, size_t *len, const char *label, const char *const *v,
	       size_t count)
{
	size_t i;

	if (count == 0)
		return;
	describe_add(buf, n, len, *len ? "; " : "");
	describe_add(buf, n, len, label);
	for (i = 0; i < count; i++) {
		describe_add(buf, n, len, i ? ", " : ": ");
		describe_add(buf, n, len, v[i]);
	}
}

/* A round's select in words, "type: single, judge; difficulty: 1, 2"; empty
 * when it has none.  The difficulty is left out for risk rounds. */
static void
describe(const struct comp_select *s, char *buf, size_t n)
{
	static const char *const digits[] = {"0", "1", "2", "3"};
	const char *v[QTYPE_COUNT];
	size_t len = 0, k = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < QTYPE_COUNT; i++)
		if (s->types & (1u << i))
			v[k++] = question_type_name((enum question_type)i);
	describe_texts(buf, n, &len, "type", v, k);
	for (k = 0, i = 1; i <= BANK_MAX_DIFFICULTY; i++)
		if (s->difficulties & (1u << i))
			v[k++] = digits[i];
	describe_texts(buf, n, &len, "difficulty", v, k);
	describe_texts(buf, n, &len, "category", s->categories, s->ncategories);
	describe_texts(buf, n, &len, "tags", s->tags, s->ntags);
}

/* Choose up to need questions for r from those not planned yet (difficulty 0:
 * any the select allows), in an order drawn from the rng, never two of one
 * group nor one of a group planned before; *avail says how many there were
 * (the questions of a group count once).  Returns 0, or -1 out of memory. */
static int
take(struct planner *p, const struct comp_round *r, int difficulty, size_t need,
     const struct question ***out, size_t *nout, size_t *avail)
{
	const struct bank_set *set = &p->c->set;
	const struct question **v;
	size_t n = 0, i, j, k, t;
	unsigned g;

	*avail = 0;
	for (i = 0; i < set->nquestions; i++) {
		g = set->questions[i]->group_id;
		if (p->used[i] || p->group_used[g] ||
		    !matches(&r->select, set->questions[i], difficulty))
			continue;
		p->cand[n++] = i;
		*avail += g == 0 || !p->group_seen[g];
		p->group_seen[g] = g != 0;
	}
	for (i = 0; i < n; i++)
		p->group_seen[set->questions[p->cand[i]]->group_id] = false;
	/* A partial Fisher-Yates shuffle: the first k are a uniform draw.  A
	 * question drawn after another of its group leaves the candidates. */
	for (i = 0; i < need && i < n;) {
		j = i + (size_t)select_rng_below(&p->rng, n - i);
		t = p->cand[i];
		p->cand[i] = p->cand[j];
		p->cand[j] = t;
		g = set->questions[p->cand[i]]->group_id;
		if (g != 0 && p->group_used[g]) {
			p->cand[i] = p->cand[--n];
			continue;
		}
		p->group_used[g] = g != 0;
		i++;
	}
	k = i;
	v = arena_alloc(&p->c->arena, (k ? k : 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	for (i = 0; i < k; i++) {
		v[i] = set->questions[p->cand[i]];
		p->used[p->cand[i]] = true;
	}
	*out = v;
	*nout = k;
	return 0;
}

/* Report that round r (the tiebreak when tb) needs 'need' questions and its
 * select ('what', "" for none) finds only avail; difficulty: a risk stake's.
 * 0, or -1 out of memory. */
static int
too_few(struct planner *p, const struct comp_round *r, int tb, int difficulty, size_t need,
	size_t avail, const char *what)
{
	const char *path = p->c->path;
	unsigned line = r->line, col = r->col;

	if (tb && what[0] != '\0')
		return diag_add(
			p->diags, path, line, col, DIAG_ERROR,
			ngettext("the tiebreak needs at least %zu question (one fewer than "
				 "the teams) but its select (%s) matches only %zu not used "
				 "by the rounds",
				 "the tiebreak needs at least %zu questions (one fewer than "
				 "the teams) but its select (%s) matches only %zu not used "
				 "by the rounds",
				 need),
			need, what, avail);
	if (tb)
		return diag_add(
			p->diags, path, line, col, DIAG_ERROR,
			ngettext("the tiebreak needs at least %zu question (one fewer than "
				 "the teams) but the banks have only %zu (open questions "
				 "aside) not used by the rounds",
				 "the tiebreak needs at least %zu questions (one fewer than "
				 "the teams) but the banks have only %zu (open questions "
				 "aside) not used by the rounds",
				 need),
			need, avail);
	if (difficulty != 0 && what[0] != '\0')
		return diag_add(p->diags, path, line, col, DIAG_ERROR,
				ngettext("round '%s' needs %zu question of difficulty %d but its "
					 "select (%s) matches only %zu not used by earlier rounds",
					 "round '%s' needs %zu questions of difficulty %d but its "
					 "select (%s) matches only %zu not used by earlier rounds",
					 need),
				r->name, need, difficulty, what, avail);
	if (difficulty != 0)
		return diag_add(p->diags, path, line, col, DIAG_ERROR,
				ngettext("round '%s' needs %zu question of difficulty %d but the "
					 "banks have only %zu (open questions aside) not used by "
					 "earlier rounds",
					 "round '%s' needs %zu questions of difficulty %d but the "
					 "banks have only %zu (open questions aside) not used by "
					 "earlier rounds",
					 need),
				r->name, need, difficulty, avail);
	if (what[0] != '\0')
		return diag_add(p->diags, path, line, col, DIAG_ERROR,
				ngettext("round '%s' needs %zu question but its select (%s) "
					 "matches only %zu not used by earlier rounds",
					 "round '%s' needs %zu questions but its select (%s) "
					 "matches only %zu not used by earlier rounds",
					 need),
				r->name, need, what, avail);
	return diag_add(p->diags, path, line, col, DIAG_ERROR,
			ngettext("round '%s' needs %zu question but the banks have only %zu "
				 "(open questions aside) not used by earlier rounds",
				 "round '%s' needs %zu questions but the banks have only %zu "
				 "(open questions aside) not used by earlier rounds",
				 need),
			r->name, need, avail);
}

/* Plan one round of the file; 0, or -1 out of memory. */
static int
plan_round(struct planner *p, struct comp_round *r)
{
	char what[400];
	size_t need, avail, i;
	unsigned diffs = 0;
	int d;

	describe(&r->select, what, sizeof(what));
	if (r->kind == ROUND_RISK) {
		need = p->c->nteams * (size_t)r->per_team;
		for (i = 0; i < r->nstakes; i++)
			diffs |= 1u << r->stakes[i].difficulty;
		for (d = 1; d <= BANK_MAX_DIFFICULTY; d++) {
			if (!(diffs & (1u << d)))
				continue;
			if (take(p, r, d, need, &r->risk_plan[d - 1], &r->nrisk_plan[d - 1],
				 &avail) != 0)
				return -1;
			if (avail < need && too_few(p, r, 0, d, need, avail, what) != 0)
				return -1;
		}
		return 0;
	}
	need = r->kind == ROUND_BUZZ ? (size_t)r->questions : p->c->nteams * (size_t)r->per_team;
	if (take(p, r, 0, need, &r->plan, &r->nplan, &avail) != 0)
		return -1;
	if (avail < need && too_few(p, r, 0, 0, need, avail, what) != 0)
		return -1;
	return 0;
}

/* The tiebreak: every question left that its select allows (up to its cap);
 * it may have to break a tie of all the teams, one question at a time. */
static int
plan_tiebreak(struct planner *p)
{
	struct comp_round *r = &p->c->tiebreak;
	size_t need = p->c->nteams > 0 ? p->c->nteams - 1 : 0, avail;
	char what[400];

	if (take(p, r, 0, r->questions > 0 ? (size_t)r->questions : SIZE_MAX, &r->plan, &r->nplan,
		 &avail) != 0)
		return -1;
	if (p->c->prizes < 1 || avail >= need)
		return 0;
	describe(&r->select, what, sizeof(what));
	return too_few(p, r, 1, 0, need, avail, what) != 0 ? -1 : 0;
}

int
comp_plan(struct comp *c, uint64_t seed, struct diag_list *diags)
{
	struct planner p;
	size_t errors = diags->errors, i, nq = c->set.nquestions;
	int r = 0, d;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.diags = diags;
	select_rng_seed(&p.rng, seed);
	p.used = mem_calloc(nq ? nq : 1, sizeof(*p.used));
	p.cand = mem_alloc((nq ? nq : 1) * sizeof(*p.cand));
	p.group_used = mem_calloc((size_t)c->set.ngroups + 1, sizeof(*p.group_used));
	p.group_seen = mem_calloc((size_t)c->set.ngroups + 1, sizeof(*p.group_seen));
	if (p.used == NULL || p.cand == NULL || p.group_used == NULL || p.group_seen == NULL) {
		mem_free(p.used);
		mem_free(p.cand);
		mem_free(p.group_used);
		mem_free(p.group_seen);
		return -1;
	}
	for (i = 0; i < c->nrounds; i++) {
		c->rounds[i].plan = NULL;
		c->rounds[i].nplan = 0;
		for (d = 0; d < BANK_MAX_DIFFICULTY; d++) {
			c->rounds[i].risk_plan[d] = NULL;
			c->rounds[i].nrisk_plan[d] = 0;
		}
	}
	c->tiebreak.plan = NULL;
	c->tiebreak.nplan = 0;
	for (i = 0; i < c->nrounds && r == 0; i++)
		r = plan_round(&p, &c->rounds[i]);
	if (r == 0 && c->has_tiebreak)
		r = plan_tiebreak(&p);
	mem_free(p.used);
	mem_free(p.cand);
	mem_free(p.group_used);
	mem_free(p.group_seen);
	if (r != 0)
		return -1;
	return diags->errors > errors;
}

/* ---- lookups ------------------------------------------------------------------------------ */

int
comp_team_by_key(const struct comp *c, int k)
{
	size_t i;

	for (i = 0; i < c->nteams; i++)
		if ((unsigned char)c->teams[i].key == k)
			return (int)i;
	return -1;
}

int
comp_team_find(const struct comp *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->nteams; i++)
		if (strcmp(c->teams[i].name, s) == 0)
			return (int)i;
	if (s[0] != '\0' && s[1] == '\0')
		return comp_team_by_key(c, (unsigned char)s[0]);
	return -1;
}

const char *
comp_round_kind_name(enum round_kind k)
{
	return (unsigned)k < 4 ? kind_names[k] : "?";
}
