/*
 * cmd_host.c — `jingsai host`: run a live competition; `jingsai board`:
 * rebuild its scoreboards from the journal.
 *
 * host: load the competition file and its banks, open or resume the
 * journal in DIR, plan the questions from the seed, and hand over to the
 * stage loop (host.c).  Nothing in DIR is written before every check has
 * passed, so a refused resume leaves DIR as it was.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "cmd.h"
#include "comp.h"
#include "host.h"
#include "i18n.h"
#include "journal.h"
#include "mem.h"
#include "rules.h"
#include "select.h"

static int host_exec(int argc, char **argv);
static int board_exec(int argc, char **argv);

const struct cmd_entry cmd_host_entry = {
	"host",
	"COMPETITION.yaml [--out DIR] [--resume] [--seed N] [--lang zh|en] [--no-color]",
	N_("run a live competition: teams, buzzers, rounds, journal and scoreboards"),
	host_exec,
};

const struct cmd_entry cmd_board_entry = {
	"board",
	"DIR [--lang zh|en]",
	N_("rebuild the scoreboards of a competition from its journal"),
	board_exec,
};

enum { OPT_OUT = 256, OPT_RESUME, OPT_SEED, OPT_LANG, OPT_NO_COLOR };

static void
host_help(void)
{
	printf(_("usage: jingsai host %s\n"), cmd_host_entry.usage);
	fputs(_("\n"
		"Run a live competition on the projector (a terminal), or from a script\n"
		"(stdin not a terminal: one command per line).  Every event is journaled\n"
		"in DIR/journal.jsonl before it is shown, and the scoreboards in DIR are\n"
		"rewritten after each one.\n"
		"\n"
		"  --out DIR          journal and scoreboards (default:\n"
		"                     scoreboards/DATE-TITLE/)\n"
		"  --resume           go on from DIR's journal after a crash or a quit\n"
		"  --seed N           the question plan's seed (default: the file's, or new)\n"
		"  --lang zh|en       UI language (default: the file's, then the locale)\n"
		"  --no-color         no colours (also NO_COLOR)\n"
		"  -h, --help         show this help\n"
		"\n"
		"Commands (script lines, or after ':' on stage): next, start, buzz KEY,\n"
		"stake N, answer TEXT, correct, wrong, adjust TEAM ±N REASON, undo, skip,\n"
		"pause, resume, standings, quit.\n"),
	      stdout);
}

static void
board_help(void)
{
	printf(_("usage: jingsai board %s\n"), cmd_board_entry.usage);
	fputs(_("\n"
		"Rebuild scoreboard.json, .csv, .md and .html in DIR from DIR/journal.jsonl\n"
		"and print the standings.  A torn last line is dropped (and said so).\n"
		"\n"
		"  --lang zh|en       UI language (default: the competition's, then the\n"
		"                     locale)\n"
		"  -h, --help         show this help\n"),
	      stdout);
}

/* mkdir -p: every missing directory of path. */
static int
make_dirs(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		buf[i] = path[i];
	}
	return 0;
}

/* The title as a file name: '/' and control characters made '_'. */
static void
title_part(const struct comp *c, char *buf, size_t n)
{
	size_t i;

	snprintf(buf, n, "%s", c->title);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '/' || (unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '_';
}

/* scoreboards/DATE-TITLE for the day back days ago. */
static void
dated_dir(const struct comp *c, int back, char *buf, size_t n)
{
	time_t t = time(NULL) - (time_t)back * 86400;
	struct tm tm;
	char date[32], title[1024];

	localtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	title_part(c, title, sizeof(title));
	snprintf(buf, n, "scoreboards/%s-%s", date, title);
}

/* The newest scoreboards/DATE-TITLE directory of the last year with a
 * journal, for --resume without --out; 0 when found. */
static int
find_resume_dir(const struct comp *c, char *buf, size_t n)
{
	char jpath[1200];
	int back;

	for (back = 0; back < 366; back++) {
		dated_dir(c, back, buf, n);
		snprintf(jpath, sizeof(jpath), "%s/%s", buf, JOURNAL_NAME);
		if (access(jpath, F_OK) == 0)
			return 0;
	}
	return -1;
}

/* One host per DIR: a second one (another terminal, a forgotten window)
 * would interleave its events with the first's.  The lock is on the
 * directory and lasts as long as the process. */
static int
lock_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		cmd_warnx(_("cannot open %s: %s"), dir, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			cmd_warnx(_("%s is in use by another jingsai host"), dir);
		else
			cmd_warnx(_("cannot lock %s: %s"), dir, strerror(errno));
		close(fd);
		return -1;
	}
	return fd; /* kept open, and locked, until exit */
}

static int
load_competition(struct comp *c, const char *path, uint64_t seed, bool plan)
{
	struct diag_list diags = {0};
	int r = comp_load_file(c, path, &diags);

	if (r == 0)
		r = comp_load_banks(c, &diags);
	if (r == 0 && plan)
		r = comp_plan(c, seed, &diags);
	cmd_print_diags(stderr, &diags, 1, 0);
	diag_list_free(&diags);
	if (r < 0)
		cmd_warnx(_("%s: could not be loaded"), path);
	return r == 0 ? 0 : -1;
}

static int
host_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		{"resume", no_argument, NULL, OPT_RESUME},
		{"seed", required_argument, NULL, OPT_SEED},
		{"lang", required_argument, NULL, OPT_LANG},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *e = &cmd_host_entry;
	struct comp comp;
	struct journal_log log;
	struct journal_header hdr;
	struct journal *j = NULL;
	struct host *h = NULL;
	const char *out = NULL;
	char dirbuf[1100], jpath[1200], *err = NULL;
	bool resume = false, color = true, seed_given = false, lang_given;
	uint64_t seed = 0;
	int c, lang, status = EXIT_FAIL;

	if ((lang = cmd_early_lang(e, argc, argv)) < 0)
		return EXIT_USAGE;
	lang_given = lang > 0;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT:
			out = optarg;
			break;
		case OPT_RESUME:
			resume = true;
			break;
		case OPT_SEED:
			if (cmd_parse_u64(optarg, &seed) != 0) {
				cmd_warnx(_("%s: invalid value '%s' for --%s"), e->name, optarg,
					  "seed");
				return cmd_usage(e);
			}
			seed_given = true;
			break;
		case OPT_LANG:
			break;
		case OPT_NO_COLOR:
			color = false;
			break;
		case 'h':
			host_help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(e, c, argv);
		}
	}
	if (optind + 1 != argc) {
		cmd_warnx(_("host: name one competition file"));
		return cmd_usage(e);
	}
	if (resume && seed_given) {
		cmd_warnx(_(
			"host: --seed and --resume do not go together (the journal has the seed)"));
		return cmd_usage(e);
	}
	if (cmd_no_color_env())
		color = false;

	comp_init(&comp);
	memset(&log, 0, sizeof(log));
	if (load_competition(&comp, argv[optind], 0, false) != 0)
		goto done;
	if (!lang_given && comp.language >= 0)
		i18n_setup((enum i18n_lang)comp.language);
	if (out == NULL) {
		if (resume) {
			if (find_resume_dir(&comp, dirbuf, sizeof(dirbuf)) != 0) {
				cmd_warnx(
					_("host: no journal of '%s' under scoreboards/ to resume; "
					  "name it with --out DIR"),
					comp.title);
				goto done;
			}
		} else {
			dated_dir(&comp, 0, dirbuf, sizeof(dirbuf));
		}
		out = dirbuf;
	}
	snprintf(jpath, sizeof(jpath), "%s/%s", out, JOURNAL_NAME);

	if (resume) {
		if (access(jpath, F_OK) == 0 && lock_dir(out) < 0)
			goto done;
		if (journal_read(jpath, &log, &err) != 0) {
			cmd_warnx("%s", err ? err : _("out of memory"));
			goto done;
		}
		if (journal_check(&log.header, &comp, &err) != 0) {
			cmd_warnx(_("%s: refusing to resume: %s"), jpath, err ? err : "");
			goto done;
		}
		seed = log.header.seed;
	} else {
		if (access(jpath, F_OK) == 0) {
			cmd_warnx(_("%s already exists: resume it with --resume, or choose another "
				    "--out DIR"),
				  jpath);
			goto done;
		}
		if (!seed_given)
			seed = comp.has_seed ? comp.seed : select_fresh_seed();
	}
	{
		struct diag_list diags = {0};
		int r = comp_plan(&comp, seed, &diags);

		cmd_print_diags(stderr, &diags, 1, 0);
		diag_list_free(&diags);
		if (r != 0)
			goto done;
	}
	h = host_new(&comp, out, NULL, &err);
	if (h == NULL) {
		cmd_warnx("%s", err ? err : _("out of memory"));
		goto done;
	}
	host_set_seed(h, seed); /* the journal's on resume: the same letters */
	if (resume) {
		if (host_replay(h, log.events, log.nevents, &err) != 0) {
			cmd_warnx(_("%s: refusing to resume: %s"), jpath, err ? err : "");
			goto done;
		}
		if (log.torn)
			cmd_warnx(_("%s: dropped a torn last line (line %u, %zu bytes): the "
				    "event it held was never shown"),
				  jpath, log.torn_line, log.torn_bytes);
		j = journal_reopen(jpath, log.valid_len, &err);
	} else {
		if (make_dirs(out) != 0) {
			cmd_warnx(_("cannot create %s: %s"), out, strerror(errno));
			goto done;
		}
		if (lock_dir(out) < 0)
			goto done;
		journal_header_from(&hdr, &comp, seed);
		j = journal_create(jpath, &hdr, &err);
	}
	if (j == NULL) {
		cmd_warnx("%s", err ? err : _("out of memory"));
		goto done;
	}
	host_set_journal(h, j);
	fprintf(stderr, _("jingsai: journal %s (seed %llu)\n"), jpath, (unsigned long long)seed);
	status = host_run(h, stdin, stdout, color);
	status = cmd_finish_output(status);
done:
	free(err);
	host_free(h);
	journal_log_free(&log);
	comp_free(&comp);
	return status;
}

static int
board_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *e = &cmd_board_entry;
	struct journal_log log;
	struct comp comp;
	struct rules rules;
	struct standings s;
	struct diag_list diags = {0};
	char jpath[4200], *err = NULL;
	const char *why = NULL;
	const struct question **tb_plan = NULL;
	bool lang_given, have_rules = false;
	int c, lang, status = EXIT_FAIL, bad;
	size_t i;

	if ((lang = cmd_early_lang(e, argc, argv)) < 0)
		return EXIT_USAGE;
	lang_given = lang > 0;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_LANG:
			break;
		case 'h':
			board_help();
			return cmd_finish_output(EXIT_OK);
		default:
			return cmd_bad_option(e, c, argv);
		}
	}
	if (optind + 1 != argc) {
		cmd_warnx(_("board: name one competition directory"));
		return cmd_usage(e);
	}
	snprintf(jpath, sizeof(jpath), "%s/%s", argv[optind], JOURNAL_NAME);
	comp_init(&comp);
	memset(&log, 0, sizeof(log));
	if (journal_read(jpath, &log, &err) != 0) {
		cmd_warnx("%s", err ? err : _("out of memory"));
		goto done;
	}
	if (log.torn)
		cmd_warnx(_("%s: dropped a torn last line (line %u, %zu bytes)"), jpath,
			  log.torn_line, log.torn_bytes);
	/* The journal holds the competition file itself. */
	if (comp_load_buffer(&comp, log.header.comp_path, log.header.comp_text, log.header.comp_len,
			     &diags) != 0) {
		cmd_print_diags(stderr, &diags, 0, 0);
		cmd_warnx(_("%s: the competition file kept in the journal does not load"), jpath);
		goto done;
	}
	if (!lang_given && comp.language >= 0)
		i18n_setup((enum i18n_lang)comp.language);
	/* The rules need of the plan only how many questions the tiebreak
	 * had, which the journal records; a journal made before it did is
	 * given the plan when the banks are still where they were. */
	diag_list_free(&diags);
	if (log.header.tiebreak_questions >= 0 && comp.has_tiebreak) {
		size_t n = (size_t)log.header.tiebreak_questions;

		tb_plan = mem_calloc(n ? n : 1, sizeof(*tb_plan));
		if (tb_plan == NULL) {
			cmd_warnx("%s", _("out of memory"));
			goto done;
		}
		comp.tiebreak.plan = tb_plan;
		comp.tiebreak.nplan = n;
	} else if (comp_load_banks(&comp, &diags) == 0) {
		(void)comp_plan(&comp, log.header.seed, &diags);
	}
	diag_list_free(&diags);
	if (rules_init(&rules, &comp) != 0) {
		cmd_warnx("%s", _("out of memory"));
		goto done;
	}
	have_rules = true;
	for (i = 0; i < log.nevents; i++) {
		enum rules_result res = rules_apply(&rules, &log.events[i], &why);

		if (res == RULES_REFUSED ||
		    (res == RULES_IGNORED && log.events[i].kind != RULES_CLOCK)) {
			cmd_warnx(_("%s: record %zu (%s) does not fit the competition: %s"), jpath,
				  i + 1, rules_ev_name(log.events[i].kind),
				  why ? _(why) : _("it changes nothing"));
			goto done;
		}
	}
	if (rules_standings(&rules, &s) != 0) {
		cmd_warnx("%s", _("out of memory"));
		goto done;
	}
	bad = board_write_all(argv[optind], &s, &err);
	if (bad)
		cmd_warnx("%s", err ? err : _("out of memory"));
	host_print_standings(stdout, &s);
	status = cmd_finish_output(bad ? EXIT_FAIL : EXIT_OK);
done:
	free(err);
	diag_list_free(&diags);
	if (have_rules)
		rules_free(&rules);
	mem_free(tb_plan);
	journal_log_free(&log);
	comp_free(&comp);
	return status;
}
