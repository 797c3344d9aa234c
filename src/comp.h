/*
 * comp.h — a competition file (title, teams, rounds, tiebreak), its banks
 * and the question plan.
 *
 * Loading never prints: every problem goes to a diag_list as a FILE:LINE:COL
 * diagnostic, all of a file's errors at once, with "did you mean" for
 * unknown keys, like the bank loader.  All strings and arrays live in the
 * comp's arena and are freed by comp_free(); nothing handed out is freed
 * separately.
 *
 * Three steps, each usable alone:
 *   comp_load_file / comp_load_buffer   the file itself (lint, board)
 *   comp_load_banks                     the banks it names (host)
 *   comp_plan                           which questions each round asks
 */
#ifndef JINGSAI_COMP_H
#define JINGSAI_COMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "bank.h"
#include "diag.h"

enum round_kind {
	ROUND_REQUIRED, /* 必答: each team in turn, questions of its own */
	ROUND_BUZZ,     /* 抢答: first key after the start signal */
	ROUND_RISK,     /* 风险: the team's stake picks the difficulty */
	ROUND_SPEED,    /* 限时速答: a set of questions against one clock */
};

enum round_order {
	ORDER_FILE,         /* teams in file order */
	ORDER_LOWEST_FIRST, /* by score at the round's start, ties in file order */
	ORDER_HIGHEST_FIRST,
};

/* A round's `select`: every part given must match (none = any). */
struct comp_select {
	unsigned types;        /* bit per enum question_type; 0 = any */
	unsigned difficulties; /* bit per difficulty 1..3; 0 = any */
	const char **categories;
	size_t ncategories;
	const char **tags;
	size_t ntags;
};

struct comp_stake {
	int stake;      /* points won or lost, > 0 */
	int difficulty; /* 1..3 */
};

struct comp_round {
	const char *name;
	enum round_kind kind;
	int questions; /* buzz (and tiebreak): how many */
	int per_team;  /* required/risk/speed: questions-per-team (default 1) */
	int time;      /* seconds to answer (speed: for the whole set); 0 = each question's own */
	int buzz_time; /* buzz: seconds the window stays open (default 10) */
	int points;    /* right answer (default 10; risk: the stake) */
	int penalty;   /* wrong or out of time (default 0; risk: the stake) */
	int foul_penalty;          /* buzz: key before the signal (default: penalty) */
	bool rebound;              /* buzz: 补答 after a wrong answer */
	bool decline;              /* risk: stake 0 allowed (default true) */
	struct comp_stake *stakes; /* risk: in file order */
	size_t nstakes;
	enum round_order order;
	struct comp_select select;
	unsigned line, col; /* where the round's mapping starts */

	/* The plan (comp_plan): questions in the order they are asked.
	 * required/speed: nteams * per_team, the k-th turn's questions at
	 *   [k * per_team, (k + 1) * per_team) for speed, [k] for required;
	 * buzz: `questions` of them;
	 * risk: per difficulty d (1..3) a list of nteams * per_team, so any
	 *   choice of stakes is served: risk_plan[d - 1];
	 * tiebreak: every question left that matches its select. */
	const struct question **plan;
	size_t nplan;
	const struct question **risk_plan[3];
	size_t nrisk_plan[3];
};

struct comp_team {
	const char *name;
	char key; /* one printable ASCII character, not a host key */
	unsigned line, col;
};

/* The keys the host uses on stage; no team may have one of them. */
#define COMP_HOST_KEYS " yYnNqQ:"

struct comp_bank_file {
	const char *path; /* relative to the competition file's directory (absolute as written) */
	uint64_t digest;  /* comp_digest of its bytes */
};

struct comp {
	struct arena arena;
	const char *path; /* the competition file as given */
	const char *text; /* its whole content (NUL-terminated), for the journal */
	size_t text_len;
	uint64_t digest; /* comp_digest of text */
	const char *title;
	const char **banks; /* as written in the file (relative to it) */
	size_t nbanks;
	bool has_seed;
	uint64_t seed;
	int language; /* enum i18n_lang, or -1 when not set */
	int prizes;   /* default 3, at most nteams */
	int start;    /* starting score, default 0 */
	struct comp_team *teams;
	size_t nteams;
	struct comp_round *rounds;
	size_t nrounds;
	bool has_tiebreak;          /* when false a tie inside the prizes stays shared */
	struct comp_round tiebreak; /* kind ROUND_BUZZ */

	/* After comp_load_banks. */
	struct bank_set set;
	bool banks_loaded;
	struct comp_bank_file *bank_files;
	size_t nbank_files;
};

/* Set up an empty competition (comp_free is then valid). */
void comp_init(struct comp *c);

/* Read and validate a competition file.  Returns 0 when it loaded without
 * errors, 1 when there were errors (diags->errors > 0), -1 when memory ran
 * out or the file could not be read (also a diagnostic). */
int comp_load_file(struct comp *c, const char *path, struct diag_list *diags);
/* The same from memory (a journal's copy of the file); name for diagnostics. */
int comp_load_buffer(struct comp *c, const char *name, const char *data, size_t len,
		     struct diag_list *diags);

/* Whether a parsed YAML file is a competition file rather than a bank: its
 * root mapping has `teams` or `rounds` and no `questions`. */
bool comp_looks_like(const char *data, size_t len);

/* Load the banks the file names, relative to its directory, and record each
 * file's digest.  Same return values as comp_load_file. */
int comp_load_banks(struct comp *c, struct diag_list *diags);

/* Assign questions to every round (see struct comp_round) from the banks,
 * deterministically from seed: the same banks and seed give the same plan on
 * any machine.  No question is planned twice, nor two questions of one
 * `group` (alternatives that give each other away).  A round whose select matches
 * too few questions is an error at the round's position naming the round and
 * its filter; so is a tiebreak with fewer questions left than teams - 1.
 * Returns 0 or 1 (errors), -1 out of memory. */
int comp_plan(struct comp *c, uint64_t seed, struct diag_list *diags);

/* Free everything; the comp is empty afterwards. */
void comp_free(struct comp *c);

/* 64-bit FNV-1a of bytes: detects a changed file, not an attacker. */
uint64_t comp_digest(const void *data, size_t len);

/* The team whose buzzer key is k, or -1. */
int comp_team_by_key(const struct comp *c, int k);
/* The team named s (exactly), or whose key is the one character s; -1. */
int comp_team_find(const struct comp *c, const char *s);

const char *comp_round_kind_name(enum round_kind k); /* "required", ... */

#endif
