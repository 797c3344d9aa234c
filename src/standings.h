/*
 * standings.h — the result of a competition at one moment, as the
 * scoreboard writers and the screen see it: computed by the rules from the
 * events (rules_standings), never stored on its own.
 *
 * A standings value and everything it points to are owned by whoever filled
 * it (the rules): the writers only read it.
 */
#ifndef JINGSAI_STANDINGS_H
#define JINGSAI_STANDINGS_H

#include <stdbool.h>
#include <stddef.h>

/* A jury correction that stands (undone ones are not listed). */
struct standings_adjustment {
	int delta;
	const char *reason;
};

struct standings_team {
	const char *name;
	char key;                /* the team's buzzer key */
	int score;               /* start + every round + every adjustment */
	int rank;                /* standard competition ranking, 1-based (1, 2, 2, 4) */
	const int *round_points; /* points won in each round, nrounds of them */
	const struct standings_adjustment *adjustments;
	size_t nadjustments;
	int tiebreak; /* the place the tiebreak gave it, 0 = none */
};

struct standings {
	const char *title;
	bool final;                     /* every round (and the tiebreak) is over */
	const char *const *round_names; /* nrounds names, in file order */
	size_t nrounds;
	int start;                          /* every team's starting score */
	const struct standings_team *teams; /* nteams, by rank, ties in file order */
	size_t nteams;
	size_t events; /* events in the journal that built it */
};

#endif
