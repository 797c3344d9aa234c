/*
 * rules.c — the competition's rules as a pure state machine; see rules.h.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mem.h"
#include "rules.h"

static const char *const ev_names[RULES_EV_COUNT] = {
	[RULES_NEXT] = "next",       [RULES_START] = "start", [RULES_BUZZ] = "buzz",
	[RULES_STAKE] = "stake",     [RULES_ANSWER] = "answer", [RULES_MARK] = "mark",
	[RULES_TIMEOUT] = "timeout", [RULES_ADJUST] = "adjust", [RULES_UNDO] = "undo",
	[RULES_SKIP] = "skip",       [RULES_PAUSE] = "pause", [RULES_RESUME] = "resume",
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
