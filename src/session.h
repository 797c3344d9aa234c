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
	char *given; /* as typed; NULL when unanswered */
	double seconds;
};

struct session {
	bool exam;
	int pass;      /* exam: the pass mark in percent */
	uint64_t seed; /* the order's seed, to repeat the session */
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

/* Append a result; given is copied (NULL = unanswered).  -1 on no memory. */
int session_add(struct session *s, const struct question *q, enum session_result r,
		const char *given, double seconds);
void session_totals(const struct session *s, struct session_totals *t);
/* Whether an exam passed: score >= pass. */
bool session_passed(const struct session *s);
/* Free what the session owns; it is empty afterwards. */
void session_free(struct session *s);

/* {"total","correct","wrong","unanswered","seconds","questions":[{"id",
 * "correct","given","seconds"}]}, plus for an exam "score", "pass", "passed";
 * also "mode" and "seed". */
void session_write_json(const struct session *s, FILE *fp);
/* The same as a Markdown document in the UI language. */
void session_write_markdown(const struct session *s, FILE *fp);
/* Write the report to path, JSON for *.json and Markdown for *.md, replacing
 * the file atomically.  -1 with a malloc'd *err naming the problem. */
int session_write_report(const struct session *s, const char *path, char **err);
/* 1 for a .json path, 0 for .md, -1 for anything else. */
int session_report_kind(const char *path);

#endif
