/*
 * host.h — the stage loop of a live competition.
 *
 * Keys (on a terminal) and lines (without one) become rules events; each
 * event is tried on a shadow copy of the rules, appended to the journal and
 * synced, and only then applied and shown, and the scoreboards rewritten.
 * If the journal cannot be written the event is not applied and the host
 * may try the step again.  The terminal is the timed prompt's (prompt.h):
 * raw keys, the ':' command line, the deadline, resize and signals.
 */
#ifndef JINGSAI_HOST_H
#define JINGSAI_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "comp.h"
#include "journal.h"
#include "rules.h"

struct host;

/* A host for competition c (planned), writing to journal j (owned by the
 * host from now on) and the scoreboards in dir.  NULL with *err. */
struct host *host_new(const struct comp *c, const char *dir, struct journal *j, char **err);

/* The seed the options of choice questions are shown in (shuffle.h): the
 * competition's effective seed, the journal header's, so that a resume shows
 * the same letters.  Letters typed (A-H, `answer TEXT`) are read, and the
 * answer is given, in the letters shown.  Without a call: seed 0. */
void host_set_seed(struct host *h, uint64_t seed);

/* Give the host its journal (owned from now on): after a replay, so that
 * nothing is written before the journal has been checked. */
void host_set_journal(struct host *h, struct journal *j);

/* Replay events read back from the journal (resume).  0, or -1 with a
 * malloc'd *err naming the record that does not fit the rules. */
int host_replay(struct host *h, const struct rules_event *evs, size_t n, char **err);

/* Run the competition on in/out until quit or end of input; returns the
 * exit status.  color: colours on the stage screen. */
int host_run(struct host *h, FILE *in, FILE *out, bool color);

/* Print the standings now as a table to fp. */
void host_print_standings(FILE *fp, const struct standings *s);

/* Rewrite the four scoreboards from the rules now; a failure is reported on
 * stderr (the competition goes on).  0 or -1. */
int host_write_boards(struct host *h);

void host_free(struct host *h);

#endif
