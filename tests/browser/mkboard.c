/*
 * mkboard.c — writes the scoreboards of a fixed competition for the browser
 * check (tests/browser/run.sh): DIR/live/ while it runs, DIR/final/ once it
 * is over, through board_write_all as the host does.
 *
 *   mkboard DIR [en|zh]
 *
 * The teams have Chinese names, one name is an HTML tag with a script in
 * it, one team has a negative score, two share a place, one place came from
 * the tiebreak.  Exit 0 when all files were written, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "board.h"
#include "i18n.h"

static const char *const rounds[] = {"必答题", "抢答题", "风险题"};
static const int p1[] = {60, 50, 30}, p2[] = {50, 40, 20}, p3[] = {40, 50, 20}, p4[] = {40, 30, 10},
		 p5[] = {30, 20, -20}, p6[] = {20, -10, -30};
static const struct standings_adjustment a2[] = {{10, "评委复核：第 7 题答案正确"}};
static const struct standings_adjustment a6[] = {{-10, "抢答犯规 (buzzed early)"}};

static const struct standings_team teams[] = {
	{"西固城街道代表队", '1', 140, 1, p1, NULL, 0, 0},
	{"兰州石化代表队", '2', 120, 2, p2, a2, 1, 2},
	{"<img src=x onerror=alert(1)>", '3', 110, 3, p3, NULL, 0, 0},
	{"陈坪街道代表队", '4', 80, 4, p4, NULL, 0, 0},
	{"四季青街道 \"团结\" & 进步队", '5', 30, 5, p5, NULL, 0, 0},
	{"新城镇代表队", '6', -30, 6, p6, a6, 1, 0},
};

static int
write_one(const char *dir, const char *sub, int final)
{
	struct standings s = {
		.title = "西固区第十九个民族团结进步宣传月知识竞赛",
		.final = final,
		.round_names = rounds,
		.nrounds = sizeof rounds / sizeof rounds[0],
		.teams = teams,
		.nteams = sizeof teams / sizeof teams[0],
		.events = 120,
	};
	char path[4096], *err = NULL;
	int failed;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if (mkdir(path, 0755) != 0) {
		perror(path);
		return 1;
	}
	failed = board_write_all(path, &s, &err);
	if (failed != 0) {
		fprintf(stderr, "mkboard: %d failed: %s\n", failed, err != NULL ? err : "?");
		free(err);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mkboard DIR [en|zh]\n");
		return 2;
	}
	i18n_setup(argc == 3 && strcmp(argv[2], "zh") == 0 ? I18N_ZH : I18N_EN);
	return write_one(argv[1], "live", 0) | write_one(argv[1], "final", 1);
}
