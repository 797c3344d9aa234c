/*
 * bank.h — the question model and its loader.
 *
 * A bank_set holds every bank loaded together (ids are unique across it).
 * All its strings and records live in one arena owned by the set and are
 * freed by bank_set_free(); nothing handed out by the set is freed separately.
 *
 * Loading never prints: problems go to a diag_list as FILE:LINE:COL
 * diagnostics, and every error of a file is reported, not only the first.
 */
#ifndef JINGSAI_BANK_H
#define JINGSAI_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum question_type {
	QTYPE_SINGLE,   /* 单选 */
	QTYPE_MULTIPLE, /* 多选 */
	QTYPE_JUDGE,    /* 判断 */
	QTYPE_FILL,     /* 填空 */
	QTYPE_OPEN,     /* 简答 */
	QTYPE_COUNT
};

#define BANK_MAX_OPTIONS    8
#define BANK_MAX_DIFFICULTY 3

/* One blank of a fill question: the accepted spellings. */
struct blank {
	const char **alts;
	size_t nalts;
};

struct bank;

struct question {
	const char *id;
	enum question_type type;
	const char *text;
	const char **options; /* single/multiple: option A, B, ...; noptions of them */
	unsigned noptions;
	unsigned answer_keys; /* single/multiple: bit i set = option 'A' + i is right */
	bool answer_true;     /* judge */
	struct blank *blanks; /* fill: one per blank in the text */
	size_t nblanks;
	const char *reference;                       /* open: the reference answer */
	const char *explanation, *source, *category; /* NULL when absent */
	const char **tags;
	size_t ntags;
	int difficulty; /* 1..3, or 0 when neither the question nor the bank says */
	int points, time;
	/* single/multiple: `shuffle: false`, the options are always shown in the
	 * file's order (a zeroed question shuffles, as the format's default). */
	bool fixed_order;
	/* `group`: questions of a set with the same group are alternatives that
	 * give each other away; an exam, a practice --count and a competition's
	 * plan draw at most one of them.  NULL and 0 when none; group_id is 1 ..
	 * set->ngroups, the same for the same name across the set (imported
	 * records carry the name only). */
	const char *group;
	unsigned group_id;
	const struct bank *bank;
	unsigned line, col; /* where the question's mapping starts */
};

struct bank {
	const char *path; /* as given or found */
	const char *title;
	size_t first; /* its questions are set->questions[first .. first+count) */
	size_t count;
	unsigned line, col; /* its 'questions' key (0 when it has none) */
};

/* Limits against hostile input. */
struct bank_limits {
	size_t max_size;    /* bytes; larger files are refused before parsing */
	unsigned max_depth; /* nesting of collections */
};

#define BANK_DEFAULT_MAX_SIZE  ((size_t)64 * 1024 * 1024)
#define BANK_DEFAULT_MAX_DEPTH 32
#define BANK_DEFAULT_POINTS    10
#define BANK_DEFAULT_TIME      30

struct bank_index; /* id and text lookup, private to the loader */

struct bank_set {
	struct arena arena;
	struct bank *banks;
	size_t nbanks, banks_cap;
	struct question **questions;
	size_t nquestions, questions_cap;
	size_t nfiles;             /* files read, banks or not */
	size_t ncompetitions;      /* competition files among them (not banks) */
	const char **competitions; /* their paths (in the arena), in the order met */
	size_t competitions_cap;
	size_t questions_seen; /* question entries met, valid or not */
	unsigned ngroups;      /* distinct `group` names of the loaded questions */
	struct bank_limits limits;
	struct bank_index *index;
};

/* Set up an empty set with the default limits. */
void bank_set_init(struct bank_set *set);

/* Load a bank file, or every *.yaml / *.yml below a directory (sorted).  A
 * competition file, named or found, is read for its YAML syntax only and is
 * not a bank (its path goes to set->competitions, for lint to check it with
 * comp.h).  Diagnostics go to diags.  Returns 0 when it
 * could read what it was given (errors in the banks are diagnostics, counted in
 * diags->errors), -1 when memory ran out (the set stays valid but partial). */
int bank_set_load_path(struct bank_set *set, const char *path, struct diag_list *diags);

/* Load one bank from memory; name is used in diagnostics.  Same return values. */
int bank_set_load_buffer(struct bank_set *set, const char *name, const char *data, size_t len,
			 struct diag_list *diags);

/* Free everything the set owns; the set is empty afterwards.  NULL-safe fields. */
void bank_set_free(struct bank_set *set);

/* Find a question by id; NULL when there is none. */
const struct question *bank_set_find(const struct bank_set *set, const char *id);

/* The blanks of a fill question's text: runs of three or more '_'. */
size_t bank_count_blanks(const char *text);

/* "single", "multiple", ... for a type, and back; -1 when unknown. */
const char *question_type_name(enum question_type t);
int question_type_parse(const char *s);

#endif
