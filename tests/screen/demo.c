/*
 * demo.c — one frame of the projector screen at the terminal's size, to look
 * at by eye (in tmux: capture-pane -p -e).  Not part of the build:
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -Ibuild/screen \
 *     tests/screen/demo.c build/screen/libjingsai.a $(pkg-config --libs yaml-0.1 readline) \
 *     -o build/screen/demo
 *   build/screen/demo KIND [-n] [-c SECS] [-p] [-t TEAMS] [-s COLSxROWS] [-w SECS]
 *
 * KIND: opening round question buzz winner stake reveal standings tiebreak
 * podium.  -n no colour, -c the countdown, -p paused, -t how many teams (1-8),
 * -s a size other than the terminal's, -w seconds to wait after the frame (so
 * that a shell prompt does not overwrite it before the capture), -L long
 * options.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "screen.h"
#include "text.h"

static const char *const kinds[] = {
	"opening", "round",  "question",  "buzz",     "winner",
	"stake",   "reveal", "standings", "tiebreak", "podium",
};

int
main(int argc, char **argv)
{
	static const char *const options[] = {"A. 1949年", "B. 1954年", "C. 1982年", "D. 1984年"};
	static const char *const long_options[] = {
		"A. 各民族一律平等，国家保障各少数民族的合法的权利和利益",
		"B. 维护和发展各民族的平等、团结、互助、和谐关系",
		"C. 禁止对任何民族的歧视和压迫，禁止破坏民族团结和制造民族分裂的行为",
		"D. 以上都是",
	};
	bool long_opts = false;
	struct screen_team teams[8] = {
		{"西固城街道代表队", 'a', 120, 1, false, false},
		{"东关街道代表队", 'b', 110, 2, false, false},
		{"城关镇代表队", 'c', 90, 3, false, false},
		{"红旗乡代表队", 'd', 90, 3, false, false},
		{"新华路社区代表队", 'e', 60, 5, false, false},
		{"民族中学代表队", 'f', -10, 6, false, false},
		{"Team Seven", 'g', 0, 7, false, false},
		{"八队", 'h', 5, 8, false, false},
	};
	struct screen_view v;
	struct winsize ws;
	struct strbuf b = {0};
	int c, wait = 0;
	size_t k;

	text_setup_ctype();
	memset(&v, 0, sizeof(v));
	v.kind = SCREEN_QUESTION;
	v.color = true;
	v.countdown = -1;
	v.nteams = 6;
	v.cols = 80;
	v.rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		v.cols = ws.ws_col;
		v.rows = ws.ws_row;
	}
	if (argc > 1 && argv[1][0] != '-') {
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (strcmp(argv[1], kinds[k]) == 0)
				v.kind = (enum screen_kind)k;
		optind = 2;
	}
	while ((c = getopt(argc, argv, "nc:pt:s:w:L")) != -1) {
		switch (c) {
		case 'n':
			v.color = false;
			break;
		case 'c':
			v.countdown = atoi(optarg);
			break;
		case 'p':
			v.paused = true;
			break;
		case 't':
			v.nteams = (size_t)atoi(optarg);
			if (v.nteams > 8)
				v.nteams = 8;
			break;
		case 's':
			if (sscanf(optarg, "%dx%d", &v.cols, &v.rows) != 2)
				return 2;
			break;
		case 'L':
			long_opts = true;
			break;
		case 'w':
			wait = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	v.title = "2024年全区民族团结进步知识竞赛";
	v.round_line = "抢答题 · 答对加10分 · 答错扣10分";
	v.number = "第 3 题 / 共 10 题";
	v.question = "《中华人民共和国民族区域自治法》是哪一年由第六届全国人民代表大会第二次会议通"
		     "过的？";
	v.options = long_opts ? long_options : options;
	v.noptions = 4;
	v.hint = "空格 下一步   : 命令   p 暂停";
	v.teams = teams;
	switch (v.kind) {
	case SCREEN_OPENING:
		v.big = "决赛";
		v.lines = "主办：区民族宗教事务局\n2024年9月";
		break;
	case SCREEN_ROUND:
		v.big = "第二轮  抢答题";
		v.lines = "主持人读完题目并宣布“开始”后方可抢答\n抢答过早视为犯规，扣10分并取消本题"
			  "答题资格\n抢答成功后20秒内作答";
		break;
	case SCREEN_BUZZ:
		v.big = v.paused ? "暂停" : "抢答开始!";
		teams[3].out = true;
		break;
	case SCREEN_WINNER:
		v.big = teams[1].name;
		teams[1].highlight = true;
		break;
	case SCREEN_STAKE:
		v.big = teams[2].name;
		v.lines = "请选择分值\n10分 → 简单    20分 → 中等    30分 → 难";
		teams[2].highlight = true;
		v.question = NULL;
		v.options = NULL;
		break;
	case SCREEN_REVEAL:
		v.answer = "答案：C";
		v.verdict = "东关街道代表队 答对 +10";
		v.explanation = "1984年5月31日第六届全国人民代表大会第二次会议通过《中华人民共和国"
				"民族区域自治法》，"
				"自1984年10月1日起施行；2001年2月28日第九届全国人民代表大会常务委员"
				"会第二十次会议修正。";
		v.source = "来源：《中华人民共和国民族区域自治法》";
		teams[1].highlight = true;
		break;
	case SCREEN_STANDINGS:
		v.big = "第一轮结束";
		teams[0].highlight = true;
		break;
	case SCREEN_TIEBREAK:
		v.big = "加赛";
		v.lines = "城关镇代表队 与 红旗乡代表队 并列第三名\n抢答一题决出名次";
		v.question = NULL;
		v.options = NULL;
		teams[2].highlight = teams[3].highlight = true;
		break;
	case SCREEN_PODIUM:
		v.big = "最终排名";
		v.prizes = 3;
		break;
	default:
		break;
	}
	if (v.paused && v.kind != SCREEN_BUZZ)
		v.big = "暂停";
	screen_render(&b, &v);
	if (b.oom)
		return 1;
	fwrite(b.data, 1, b.len, stdout);
	fflush(stdout);
	if (wait > 0)
		sleep((unsigned)wait);
	strbuf_free(&b);
	return 0;
}
