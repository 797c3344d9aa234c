/*
 * session.h — the results of a practice or exam session and the reports
 * written from them (JSON for scripts, Markdown for people).
 *
 * A session refers to questions of a bank_set it does not own; it owns the
 * answers as typed.  Writers take a FILE so tests can read what they wrote.
 */
#ifndef JINGSAI_SESSION_H
#define JINGSAI_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "bank.h"

enum session_result {
	RESULT_RIGHT,
	RESULT_WRONG,
	RESULT_UNANSWERED, /* time ran out, skipped, or never reached */
};

struct session_item {
	const struct question *q;
	enum session_result result;
	char *given; /* as typed, in the letters shown; NULL when unanswered */
	double seconds;
	/* The order q's options were shown in (shuffle.h): shown 'A' + i was the
	 * file's option order[i]; the identity for q->noptions (0 when none). */
	unsigned char order[BANK_MAX_OPTIONS];
};

struct session {
	bool exam;
	int pass;        /* exam: the pass mark in percent */
	uint64_t seed;   /* the order's seed (questions and options), to repeat the session */
	bool file_order; /* --no-shuffle: options shown in the banks' order */
	time_t started;
	double seconds; /* the whole session */
	struct session_item *items;
	size_t n, cap;
};

struct session_totals {
	size_t total, right, wrong, unanswered;
	long points, max_points;
	double score; /* points in percent of max_points */
};

/* Append a result; given is copied (NULL = unanswered).  -1 on no memory.
 * The options count as shown in the file's order. */
int session_add(struct session *s, const struct question *q, enum session_result r,
		const char *given, double seconds);
/* The same for q shown in order (q->noptions entries, shuffle.h; NULL: the
 * file's order). */
int session_add_shown(struct session *s, const struct question *q, const unsigned char *order,
		      enum session_result r, const char *given, double seconds);
void session_totals(const struct session *s, struct session_totals *t);
/* Whether an exam passed: score >= pass. */
bool session_passed(const struct session *s);
/* Free what the session owns; it is empty afterwards. */
void session_free(struct session *s);

/* {"total","correct","wrong","unanswered","seconds","questions":[{"id",
 * "correct","given","seconds"}]}, plus for an exam "score", "pass", "passed";
 * also "mode", "seed" and "shuffle" (false with --no-shuffle).  "given" is
 * what was typed, in the letters shown; a choice question shown in another
 * order than the file's also has "shown_order" (the file's letters in the
 * order shown, "CADB": shown A was the file's C) and "given_key" (what was
 * typed as the file's letters, "B"; null when it was not letters of the
 * options, such as an option's text). */
void session_write_json(const struct session *s, FILE *fp);
/* The same as a Markdown document in the UI language; for a question shown
 * in another order, Given and Answer (in the letters shown) add the file's
 * letters: "D (bank: B)". */
void session_write_markdown(const struct session *s, FILE *fp);
/* Write the report to path, JSON for *.json and Markdown for *.md, replacing
 * the file atomically.  -1 with a malloc'd *err naming the problem. */
int session_write_report(const struct session *s, const char *path, char **err);
/* 1 for a .json path, 0 for .md, -1 for anything else. */
int session_report_kind(const char *path);

#endif
