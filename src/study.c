/*
 * study.c — the self-study session behind `practice` and `exam`.
 *
 * One loop serves both: show a question, read the answer on the timed
 * prompt, judge it, record it (session, wrong-answer book), and for practice
 * give the feedback at once.  On a terminal each question gets a clean
 * screen wrapped to its width; without one the same text is printed plainly,
 * one line is read per answer and nothing waits for Enter.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "book.h"
#include "cmd.h"
#include "i18n.h"
#include "mem.h"
#include "prompt.h"
#include "qdoc.h"
#include "select.h"
#include "session.h"
#include "shuffle.h"
#include "study.h"
#include "text.h"
#include "wrap.h"

#define NSEC        1000000000LL
#define EXAM_COUNT  20
#define EXAM_PASS   60
#define MAX_SECONDS (24L * 3600)

struct study {
	const struct cmd_entry *e;
	bool exam;
	/* options */
	struct select_opts sel;
	bool seed_given, no_time, review, color, no_shuffle;
	long time; /* practice: seconds per question (0 = the bank's); exam: overall */
	const char *report;
	/* state */
	struct bank_set set;
	const struct question **qs;
	size_t nq, index;
	struct prompt *p;
	bool tty;
	struct book book;
	bool have_book, book_warned;
	size_t book_added, book_removed;
	struct session session;
	int term_sig;
	int64_t exam_deadline;
	/* Practice: nanoseconds spent in the quit dialog.  The countdown gives
	 * them back, so the questions' and the session's seconds leave them out
	 * too; an exam's clock runs on, and so do its seconds. */
	int64_t paused;
	/* the question being asked as shown: its options in the session's
	 * order (shuffle.h), answer_keys in the letters shown */
	struct question view;
	const char *view_options[BANK_MAX_OPTIONS];
	unsigned char order[BANK_MAX_OPTIONS];
	bool shuffled_any; /* some question's options were shown in another order */
};

/* ---- small helpers -------------------------------------------------- */

static const char *
paint(const struct study *st, const char *code)
{
	return st->color ? code : "";
}
#define BOLD   "\033[1m"
#define GREEN  "\033[1;32m"
#define RED    "\033[1;31m"
#define YELLOW "\033[1;33m"
#define DIM    "\033[2m"
#define RESET  "\033[0m"

static const char *
type_label(enum question_type t)
{
	switch (t) {
	case QTYPE_SINGLE:
		return _("single choice");
	case QTYPE_MULTIPLE:
		return _("multiple choice");
	case QTYPE_JUDGE:
		return _("true or false");
	case QTYPE_FILL:
		return _("fill in the blank");
	default:
		return _("short answer");
	}
}

static const char *
difficulty_label(int d)
{
	switch (d) {
	case 1:
		return _("easy");
	case 2:
		return _("medium");
	case 3:
		return _("hard");
	default:
		return NULL;
	}
}

/* Print text wrapped to the terminal's width with every line indented; on
 * a pipe, as it is. */
static void
print_wrapped(const struct study *st, const char *text, size_t indent)
{
	size_t len = strlen(text), off = 0, n, next, width;
	int cols = prompt_columns(st->p);

	if (!st->tty) {
		printf("%*s%s\n", (int)indent, "", text);
		return;
	}
	width = cols > (int)indent + 10 ? (size_t)cols - indent - 1 : 10;
	do {
		n = wrap_line(text + off, len - off, width, &next);
		printf("%*s%.*s\n", (int)indent, "", (int)n, text + off);
		off += next;
	} while (off < len);
}

/* "label: text", the text wrapped under the label's width. */
static void
print_labelled(const struct study *st, const char *color, const char *label, const char *text)
{
	printf("%s%s%s", paint(st, color), label, paint(st, RESET));
	if (!st->tty) {
		printf("%s\n", text);
		return;
	}
	{
		size_t indent = text_width(label), len = strlen(text), off = 0, n, next, width;
		int cols = prompt_columns(st->p);

		width = cols > (int)indent + 10 ? (size_t)cols - indent - 1 : 10;
		do {
			n = wrap_line(text + off, len - off, width, &next);
			printf("%*s%.*s\n", off ? (int)indent : 0, "", (int)n, text + off);
			off += next;
		} while (off < len);
	}
}

/* ---- the question screen -------------------------------------------- */

static void
draw_question(void *ctx)
{
	struct study *st = ctx;
	const struct question *q = &st->view;
	const char *d = difficulty_label(q->difficulty);
	unsigned i;

	if (st->tty)
		fputs("\033[H\033[2J", stdout);
	{
		/* The header wraps like everything else: a narrow window must
		 * not scroll the question off its top. */
		char head[512];
		int n;

		/* TRANSLATORS: "Question 3 of 20". */
		n = snprintf(head, sizeof(head), _("Question %zu of %zu"), st->index + 1, st->nq);
		n += snprintf(head + n, sizeof(head) - (size_t)n, " · %s", type_label(q->type));
		if (q->category && n < (int)sizeof(head))
			n += snprintf(head + n, sizeof(head) - (size_t)n, " · %s", q->category);
		if (d && n < (int)sizeof(head))
			n += snprintf(head + n, sizeof(head) - (size_t)n, " · %s", d);
		if (n < (int)sizeof(head)) {
			n += snprintf(head + n, sizeof(head) - (size_t)n, " · ");
			if (n < (int)sizeof(head))
				snprintf(
					head + n, sizeof(head) - (size_t)n,
					ngettext("%d point", "%d points", (unsigned long)q->points),
					q->points);
		}
		fputs(paint(st, BOLD), stdout);
		print_wrapped(st, head, 0);
		fputs(paint(st, RESET), stdout);
	}
	if (st->tty)
		putchar('\n');
	print_wrapped(st, q->text, 0);
	if (q->noptions) {
		putchar('\n');
		for (i = 0; i < q->noptions; i++) {
			char label[8];

			snprintf(label, sizeof(label), "  %c. ", 'A' + i);
			print_labelled(st, "", label, q->options[i]);
		}
	}
	putchar('\n');
	switch (q->type) {
	case QTYPE_SINGLE:
		print_wrapped(st, _("Type the letter of the right option."), 0);
		break;
	case QTYPE_MULTIPLE:
		print_wrapped(st, _("Type every right letter, for example ACD."), 0);
		break;
	case QTYPE_JUDGE:
		print_wrapped(st, _("Type T (true, 对) or F (false, 错)."), 0);
		break;
	case QTYPE_FILL:
		if (q->nblanks > 1) {
			char buf[128];

			snprintf(buf, sizeof(buf),
				 _("Fill in the %zu blanks in order, separated by ； or ;."),
				 q->nblanks);
			print_wrapped(st, buf, 0);
		} else {
			print_wrapped(st, _("Type the missing words."), 0);
		}
		break;
	default:
		print_wrapped(
			st, _("Answer in a few words, then judge yourself against the reference."),
			0);
		break;
	}
	if (st->tty && st->exam)
		print_wrapped(st, _("An empty line skips the question."), 0);
	fflush(stdout);
}

/* ---- the wrong-answer book ------------------------------------------ */

static void
book_note(struct study *st, const struct question *q, bool right)
{
	char *err = NULL;
	bool was, is;
	int r;

	if (!st->have_book)
		return;
	was = book_find(&st->book, q->id) != NULL;
	book_record(&st->book, q->id, right, (long long)time(NULL));
	is = book_find(&st->book, q->id) != NULL;
	st->book_added += !was && is;
	st->book_removed += was && !is;
	/* Saved after every answer: a crash loses at most the one being typed. */
	/* 1: the file had been damaged since it was opened; it was set aside
	 * and this session's book saved in its place (err says so). */
	r = book_save(&st->book, &err);
	if (r > 0)
		cmd_warnx("%s", err);
	else if (r < 0) {
		if (!st->book_warned)
			cmd_warnx(_("could not save the wrong-answer book: %s"), err);
		st->book_warned = true;
	}
	free(err); /* malloc'd by book.c, atomic.c, session.c */
}

/* ---- reading ------------------------------------------------------- */

enum outcome {
	OUT_ANSWER,  /* *line holds an answer */
	OUT_TIMEOUT, /* time ran out */
	OUT_STOP,    /* the person wants to stop (Ctrl-C confirmed, Ctrl-D, end of input) */
	OUT_FAIL,    /* reading failed, or SIGTERM/SIGHUP (st->term_sig) */
};

/* Ask whether to quit after Ctrl-C; true to quit.  A second Ctrl-C or the
 * end of input also quits. */
static bool
confirm_quit(struct study *st)
{
	struct prompt_read_opts o = {0};
	static const char *const yn[] = {"y", "n", NULL};
	char *line = NULL;
	enum prompt_status s;
	int v;

	for (;;) {
		o.label = _("Quit? Your answers so far are kept. (y/n) ");
		o.words = yn;
		s = prompt_read(st->p, &o, &line);
		if (s == PROMPT_TERMINATE) {
			st->term_sig = prompt_signal(st->p);
			mem_free(line);
			return true;
		}
		if (s != PROMPT_LINE) {
			mem_free(line);
			return true;
		}
		v = answer_judge_word(line);
		mem_free(line);
		if (v >= 0)
			return v == 1;
	}
}

/* Read one answer against deadline (0 = none).  Ctrl-C asks before
 * quitting; in practice the time spent asking is added to st->paused and,
 * when the person stays, given back to the deadline; what they had typed is
 * put back on the line. */
static enum outcome
read_answer(struct study *st, const char *label, int64_t deadline, const char *const *words,
	    bool question, char **line)
{
	struct prompt_read_opts o = {0};
	enum prompt_status s;
	char *partial = NULL;
	int64_t asked, spent;
	bool quit;

	o.label = label;
	o.deadline = deadline;
	o.long_countdown = st->exam;
	o.words = words;
	/* Only the question screen can be repainted; feedback scrolls. */
	o.redraw = question ? draw_question : NULL;
	o.ctx = st;
	for (;;) {
		o.initial = partial;
		s = prompt_read(st->p, &o, line);
		mem_free(partial);
		partial = NULL;
		switch (s) {
		case PROMPT_LINE:
			if (!st->tty) /* a transcript reads better with the answer in it */
				printf("%s%s\n", label, *line);
			return OUT_ANSWER;
		case PROMPT_TIMEOUT:
			return OUT_TIMEOUT;
		case PROMPT_EOF:
			return OUT_STOP;
		case PROMPT_TERMINATE:
			st->term_sig = prompt_signal(st->p);
			return OUT_FAIL;
		case PROMPT_ERROR:
			cmd_warnx(_("cannot read the answer: %s"), strerror(errno));
			return OUT_FAIL;
		case PROMPT_INTERRUPT:
			partial = *line;
			*line = NULL;
			if (!st->tty) {
				mem_free(partial);
				return OUT_STOP;
			}
			asked = prompt_now();
			quit = confirm_quit(st);
			if (!st->exam) {
				spent = prompt_now() - asked;
				st->paused += spent;
				if (deadline) {
					deadline += spent;
					o.deadline = deadline;
				}
			}
			if (quit) {
				mem_free(partial);
				return st->term_sig ? OUT_FAIL : OUT_STOP;
			}
			if (question)
				draw_question(st);
			break;
		}
	}
}

/* Words Tab completes for a question: its option letters, or the judge words. */
static void
completion_words(const struct question *q, const char **words, char letters[][2])
{
	unsigned i, n = 0;

	if (q->type == QTYPE_JUDGE) {
		words[n++] = "T";
		words[n++] = "F";
		words[n++] = "对";
		words[n++] = "错";
	} else {
		for (i = 0; i < q->noptions; i++) {
			letters[i][0] = (char)('A' + i);
			letters[i][1] = '\0';
			words[n++] = letters[i];
		}
	}
	words[n] = NULL;
}

/* ---- feedback ------------------------------------------------------ */

/* The right answer, with the options' text for choice questions. */
static void
print_right_answer(const struct study *st, const struct question *q)
{
	char buf[1024];
	unsigned i;

	if (q->type == QTYPE_JUDGE) {
		print_labelled(st, BOLD, _("Answer: "),
			       q->answer_true ? _("true (对)") : _("false (错)"));
		return;
	}
	if (q->type == QTYPE_OPEN) {
		print_labelled(st, BOLD, _("Reference answer: "), q->reference ? q->reference : "");
		return;
	}
	answer_format(q, buf, sizeof(buf));
	print_labelled(st, BOLD, _("Answer: "), buf);
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE)
		for (i = 0; i < q->noptions; i++)
			if (q->answer_keys & (1u << i)) {
				char label[8];

				snprintf(label, sizeof(label), "  %c. ", 'A' + i);
				print_labelled(st, "", label, q->options[i]);
			}
}

static void
print_explanation(const struct study *st, const struct question *q)
{
	if (q->explanation)
		print_labelled(st, BOLD, _("Explanation: "), q->explanation);
	if (q->source)
		print_labelled(st, BOLD, _("Source: "), q->source);
}

static void
print_verdict(const struct study *st, enum session_result r, const struct question *q)
{
	if (r == RESULT_RIGHT) {
		printf("%s", paint(st, GREEN));
		printf(ngettext("Right! +%d point", "Right! +%d points", (unsigned long)q->points),
		       q->points);
		printf("%s\n", paint(st, RESET));
	} else if (r == RESULT_WRONG) {
		printf("%s%s%s\n", paint(st, RED), _("Wrong."), paint(st, RESET));
	} else {
		printf("%s%s%s\n", paint(st, YELLOW), _("Not answered."), paint(st, RESET));
	}
}

/* Open questions: the person compares with the reference and says. */
static enum outcome
self_judge(struct study *st, const struct question *q, enum session_result *r)
{
	static const char *const yn[] = {"y", "n", NULL};
	char *line = NULL;
	enum outcome out;
	int v;

	print_right_answer(st, q);
	for (;;) {
		out = read_answer(st, _("Did you get it right? (y/n) "), 0, yn, false, &line);
		if (out != OUT_ANSWER)
			return out;
		v = answer_judge_word(line);
		mem_free(line);
		line = NULL;
		if (v >= 0) {
			*r = v ? RESULT_RIGHT : RESULT_WRONG;
			return OUT_ANSWER;
		}
		if (!st->tty) {
			*r = RESULT_WRONG;
			return OUT_ANSWER;
		}
	}
}

/* ---- the loop ------------------------------------------------------- */

static int
record(struct study *st, const struct question *q, const unsigned char *order,
       enum session_result r, const char *given, double secs)
{
	if (session_add_shown(&st->session, q, order, r, given, secs) != 0) {
		cmd_warnx(_("out of memory"));
		return -1;
	}
	return 0;
}

/* Ask the question at st->index.  Returns OUT_ANSWER to go on.  It is shown,
 * judged and answered in st->view: the letters typed and shown are those of
 * the session's order; the session keeps the order with the answer. */
static enum outcome
ask(struct study *st)
{
	const struct question *file_q = st->qs[st->index], *q = &st->view;
	const char *words[BANK_MAX_OPTIONS + 5];
	char letters[BANK_MAX_OPTIONS][2];
	enum session_result r = RESULT_UNANSWERED;
	enum answer_verdict v;
	enum outcome out;
	char *line = NULL;
	int64_t start = prompt_now(), deadline = 0, paused = st->paused;
	double secs;
	unsigned n;

	n = shuffle_for(file_q, st->sel.seed, !st->no_shuffle, st->order);
	shuffle_view(file_q, st->order, &st->view, st->view_options);
	st->shuffled_any = st->shuffled_any || !shuffle_is_identity(st->order, n);
	draw_question(st);
	completion_words(q, words, letters);
	if (st->exam)
		deadline = st->exam_deadline;
	else if (!st->no_time)
		deadline = start + (int64_t)(st->time ? st->time : q->time) * NSEC;
	out = read_answer(st, _("Answer> "), deadline, words, true, &line);
	secs = (double)(prompt_now() - start - (st->paused - paused)) / 1e9;
	if (out == OUT_STOP || out == OUT_FAIL) {
		mem_free(line);
		return out;
	}
	if (out == OUT_ANSWER && !answer_blank(line)) {
		v = answer_check(q, line);
		if (v == ANSWER_RIGHT)
			r = RESULT_RIGHT;
		else if (v == ANSWER_WRONG)
			r = RESULT_WRONG;
		else if (st->exam)
			r = RESULT_WRONG; /* exams do not ask open questions; be safe */
		else {
			enum outcome o2;

			o2 = self_judge(st, q, &r);
			if (o2 != OUT_ANSWER) {
				/* Answered, never judged (quit, end of input): kept
				 * as a judgement that is not y or n is, wrong, and
				 * so in the book; the quit prompt promised it. */
				if (record(st, file_q, st->order, RESULT_WRONG, line, secs) == 0)
					book_note(st, file_q, false);
				else
					o2 = OUT_FAIL;
				mem_free(line);
				return o2;
			}
		}
	}
	if (record(st, file_q, st->order, r, r == RESULT_UNANSWERED ? NULL : line, secs) != 0) {
		mem_free(line);
		return OUT_FAIL;
	}
	mem_free(line);
	if (st->exam) {
		if (r != RESULT_RIGHT)
			book_note(st, file_q, false);
		else
			book_note(st, file_q, true);
		return out == OUT_TIMEOUT ? OUT_TIMEOUT : OUT_ANSWER;
	}
	book_note(st, file_q, r == RESULT_RIGHT);
	if (st->tty)
		putchar('\n');
	if (out == OUT_TIMEOUT)
		printf("%s%s%s\n", paint(st, YELLOW), _("Time's up."), paint(st, RESET));
	print_verdict(st, r, q);
	if (q->type != QTYPE_OPEN || r == RESULT_UNANSWERED)
		print_right_answer(st, q);
	print_explanation(st, q);
	if (st->tty && st->index + 1 < st->nq) {
		putchar('\n');
		out = read_answer(st, _("Enter: next question, Ctrl-D: stop "), 0, NULL, false,
				  &line);
		mem_free(line);
		if (out != OUT_ANSWER)
			return out;
	} else {
		putchar('\n');
	}
	return OUT_ANSWER;
}

/* ---- the summary ---------------------------------------------------- */

struct cat_row {
	const char *name;
	size_t n, right;
};

static void
print_summary(struct study *st)
{
	struct session_totals t;
	struct cat_row *rows;
	size_t i, j, nrows = 0, w, wmax = 0;
	long secs = (long)(st->session.seconds + 0.5);

	session_totals(&st->session, &t);
	putchar('\n');
	printf("%s%s%s\n", paint(st, BOLD),
	       st->exam ? _("== Exam finished ==") : _("== Practice finished =="),
	       paint(st, RESET));
	/* TRANSLATORS: totals of a session. */
	printf(ngettext("%zu question: %zu right, %zu wrong, %zu unanswered\n",
			"%zu questions: %zu right, %zu wrong, %zu unanswered\n", t.total),
	       t.total, t.right, t.wrong, t.unanswered);
	if (t.total)
		printf(_("Accuracy %.0f%%, points %ld of %ld\n"),
		       100.0 * (double)t.right / (double)t.total, t.points, t.max_points);
	printf(_("Time %ld min %02ld s"), secs / 60, secs % 60);
	if (t.total)
		printf(_(", %.1f s per question"), st->session.seconds / (double)t.total);
	putchar('\n');
	if (st->exam) {
		bool ok = session_passed(&st->session);

		printf(_("Score %.1f%% (pass mark %d%%): "), t.score, st->session.pass);
		printf("%s%s%s\n", paint(st, ok ? GREEN : RED), ok ? _("PASSED") : _("NOT PASSED"),
		       paint(st, RESET));
	}
	/* Results by category, in order of first appearance. */
	rows = mem_calloc(st->session.n ? st->session.n : 1, sizeof(*rows));
	if (rows != NULL && st->session.n) {
		for (i = 0; i < st->session.n; i++) {
			const struct session_item *it = &st->session.items[i];
			const char *c = it->q->category ? it->q->category : _("(no category)");

			for (j = 0; j < nrows && strcmp(rows[j].name, c) != 0; j++)
				;
			if (j == nrows)
				rows[nrows++].name = c;
			rows[j].n++;
			rows[j].right += it->result == RESULT_RIGHT;
		}
		for (j = 0; j < nrows; j++)
			if ((w = text_width(rows[j].name)) > wmax)
				wmax = w;
		printf("%s\n", _("By category:"));
		for (j = 0; j < nrows; j++) {
			printf("  %s%*s  ", rows[j].name, (int)(wmax - text_width(rows[j].name)),
			       "");
			printf(_("%3zu right of %3zu  %3.0f%%\n"), rows[j].right, rows[j].n,
			       100.0 * (double)rows[j].right / (double)rows[j].n);
		}
	}
	mem_free(rows);
	if (st->have_book)
		printf(_("Wrong-answer book: %zu added, %zu removed, %zu in it\n"), st->book_added,
		       st->book_removed, st->book.n);
	if ((!st->review && st->sel.order == SELECT_SHUFFLED) || st->shuffled_any)
		printf(_("Seed %llu (--seed %llu repeats this order)\n"),
		       (unsigned long long)st->sel.seed, (unsigned long long)st->sel.seed);
}

/* ---- options -------------------------------------------------------- */

long
study_parse_duration(const char *s)
{
	long total = 0, v;
	const char *p = s;
	char *end;

	if (*p == '\0')
		return -1;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || v > MAX_SECONDS)
			return -1;
		switch (*end) {
		case '\0':
			if (p != s && total == 0)
				return -1;
			total += v;
			p = end;
			break;
		case 's':
			total += v, p = end + 1;
			break;
		case 'm':
			total += v * 60, p = end + 1;
			break;
		case 'h':
			total += v * 3600, p = end + 1;
			break;
		default:
			return -1;
		}
		if (total > MAX_SECONDS)
			return -1;
	}
	return total > 0 ? total : -1;
}

static int
parse_count(const char *s, size_t *out)
{
	uint64_t v;

	if (cmd_parse_u64(s, &v) != 0 || v == 0 || v > 1000000)
		return -1;
	*out = (size_t)v;
	return 0;
}

static void
help(bool exam)
{
	if (exam)
		fputs(_("usage: jingsai exam [BANK...] [options]\n"
			"\n"
			"A mock exam: N questions under one overall time limit, no feedback\n"
			"until the end, then the graded report.\n"
			"\n"
			"  --count N          questions (default 20)\n"
			"  --time DURATION    overall limit: 1800, 90s, 30m, 1h30m\n"
			"                     (default: the sum of the questions' times)\n"
			"  --pass PERCENT     pass mark (default 60)\n"),
		      stdout);
	else
		fputs(_("usage: jingsai practice [BANK...] [options]\n"
			"\n"
			"Self-study: one question at a time, right or wrong at once, with the\n"
			"explanation and the source.  Wrong answers go to the wrong-answer book.\n"
			"\n"
			"  --count N          at most N questions (default: all that match)\n"
			"  --time SECS        seconds per question (default: each question's)\n"
			"  --review           drill the wrong-answer book\n"),
		      stdout);
	fputs(_("  --category C       only this category (repeatable)\n"
		"  --tag T            only questions with this tag (repeatable)\n"
		"  --type T           single, multiple, judge, fill, open (repeatable)\n"
		"  --difficulty D     1, 2 or 3 (repeatable)\n"
		"  --order ORDER      shuffled (default) or sequential\n"
		"  --seed N           repeat a shuffled order (of questions and options)\n"
		"  --no-shuffle       show the options in the bank's order\n"
		"  --no-time          no time limit\n"
		"  --report FILE      write the result as FILE.json or FILE.md\n"
		"  --lang zh|en       UI language (default from the locale)\n"
		"  --no-color         no colours (also NO_COLOR)\n"
		"  -h, --help         show this help\n"
		"\n"
		"With no BANK, questions/ is used, or the installed banks when there is\n"
		"none.  Without a terminal one line is read per answer and time limits\n"
		"still hold.  Ctrl-C asks before quitting.\n"),
	      stdout);
}

enum {
	OPT_COUNT = 256,
	OPT_CATEGORY,
	OPT_TAG,
	OPT_TYPE,
	OPT_DIFFICULTY,
	OPT_ORDER,
	OPT_SEED,
	OPT_TIME,
	OPT_NO_TIME,
	OPT_REVIEW,
	OPT_REPORT,
	OPT_LANG,
	OPT_NO_COLOR,
	OPT_PASS,
	OPT_NO_SHUFFLE,
};

/* Refuse a report that could not be written before the session, not after
 * the learner has answered everything. */
static int
check_report_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (access(dir, W_OK | X_OK) != 0) {
		cmd_warnx(_("cannot write the report %s: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
parse_options(struct study *st, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"count", required_argument, NULL, OPT_COUNT},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"tag", required_argument, NULL, OPT_TAG},
		{"type", required_argument, NULL, OPT_TYPE},
		{"difficulty", required_argument, NULL, OPT_DIFFICULTY},
		{"order", required_argument, NULL, OPT_ORDER},
		{"seed", required_argument, NULL, OPT_SEED},
		{"time", required_argument, NULL, OPT_TIME},
		{"no-time", no_argument, NULL, OPT_NO_TIME},
		{"review", no_argument, NULL, OPT_REVIEW},
		{"report", required_argument, NULL, OPT_REPORT},
		{"lang", required_argument, NULL, OPT_LANG},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"pass", required_argument, NULL, OPT_PASS},
		{"no-shuffle", no_argument, NULL, OPT_NO_SHUFFLE},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *e = st->e;
	char *end;
	int c, v, li = 0;

	if (cmd_early_lang(e, argc, argv) < 0)
		return EXIT_USAGE;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, &li)) != -1) {
		switch (c) {
		case OPT_COUNT:
			if (parse_count(optarg, &st->sel.count) != 0)
				goto bad_value;
			break;
		case OPT_CATEGORY:
			if (select_list_add(&st->sel.categories, optarg) != 0)
				goto oom;
			break;
		case OPT_TAG:
			if (select_list_add(&st->sel.tags, optarg) != 0)
				goto oom;
			break;
		case OPT_TYPE:
			if ((v = qdoc_type_parse(optarg)) < 0)
				goto bad_value;
			st->sel.types |= 1u << v;
			break;
		case OPT_DIFFICULTY:
			if ((v = qdoc_difficulty_parse(optarg)) <= 0)
				goto bad_value;
			st->sel.difficulties |= 1u << v;
			break;
		case OPT_ORDER:
			if (strcmp(optarg, "shuffled") == 0)
				st->sel.order = SELECT_SHUFFLED;
			else if (strcmp(optarg, "sequential") == 0)
				st->sel.order = SELECT_SEQUENTIAL;
			else
				goto bad_value;
			break;
		case OPT_SEED:
			if (cmd_parse_u64(optarg, &st->sel.seed) != 0)
				goto bad_value;
			st->seed_given = true;
			break;
		case OPT_TIME:
			if ((st->time = study_parse_duration(optarg)) < 0)
				goto bad_value;
			break;
		case OPT_NO_TIME:
			st->no_time = true;
			break;
		case OPT_REVIEW:
			if (st->exam)
				return cmd_bad_option(e, '?', argv);
			st->review = true;
			break;
		case OPT_REPORT:
			if (session_report_kind(optarg) < 0) {
				cmd_warnx(_("%s: --report '%s': the name must end in .json or .md"),
					  e->name, optarg);
				return cmd_usage(e);
			}
			st->report = optarg;
			break;
		case OPT_LANG:
			break; /* done by cmd_early_lang */
		case OPT_NO_COLOR:
			st->color = false;
			break;
		case OPT_NO_SHUFFLE:
			st->no_shuffle = true;
			break;
		case OPT_PASS:
			if (!st->exam)
				return cmd_bad_option(e, '?', argv);
			errno = 0;
			v = (int)strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > 100)
				goto bad_value;
			st->session.pass = v;
			break;
		case 'h':
			help(st->exam);
			return cmd_finish_output(EXIT_OK) == EXIT_OK ? -1 : EXIT_FAIL;
		default:
			return cmd_bad_option(e, c, argv);
		}
	}
	if (cmd_no_color_env())
		st->color = false;
	if (st->report != NULL && check_report_dir(st->report) != 0)
		return EXIT_FAIL;
	if (st->exam && (st->sel.types & (1u << QTYPE_OPEN))) {
		cmd_warnx(
			_("exam: open questions cannot be graded in an exam; choose other types"));
		return EXIT_USAGE;
	}
	return 0;

bad_value:
	cmd_warnx(_("%s: invalid value '%s' for --%s"), e->name, optarg, longopts[li].name);
	return cmd_usage(e);
oom:
	cmd_warnx(_("out of memory"));
	return EXIT_FAIL;
}

/* ---- setup and the session ------------------------------------------ */

static int
open_book(struct study *st)
{
	char *err = NULL, *dir;
	int r;

	dir = book_default_dir(&err);
	if (dir == NULL) {
		cmd_warnx(_("the wrong-answer book cannot be kept: %s"), err ? err : "");
		free(err); /* malloc'd by book.c, atomic.c, session.c */
		return st->review ? -1 : 0;
	}
	r = book_open(&st->book, dir, &err);
	free(dir);
	if (r < 0) {
		cmd_warnx(_("the wrong-answer book cannot be opened: %s"), err ? err : "");
		free(err); /* malloc'd by book.c, atomic.c, session.c */
		return st->review ? -1 : 0;
	}
	if (r > 0)
		cmd_warnx("%s", err ? err : "");
	free(err); /* malloc'd by book.c, atomic.c, session.c */
	st->have_book = true;
	return 0;
}

static int
choose(struct study *st)
{
	size_t i;

	if (st->review) {
		for (i = 0; i < st->book.n; i++)
			if (select_list_add(&st->sel.ids, st->book.entries[i].id) != 0)
				return -1;
		if (st->sel.ids.n == 0) {
			printf("%s\n", _("The wrong-answer book is empty: nothing to review."));
			return 1;
		}
	}
	if (st->exam) {
		if (st->sel.types == 0)
			st->sel.types = ((1u << QTYPE_COUNT) - 1) & ~(1u << QTYPE_OPEN);
		if (st->sel.count == 0)
			st->sel.count = EXAM_COUNT;
	}
	st->qs = mem_alloc((st->set.nquestions ? st->set.nquestions : 1) * sizeof(*st->qs));
	if (st->qs == NULL)
		return -1;
	st->nq = select_questions(&st->set, &st->sel, st->qs);
	if (st->nq == 0) {
		cmd_warnx(st->review
				  ? _("no question of the wrong-answer book is in the loaded banks")
				  : _("no question matches the options given"));
		return 2;
	}
	return 0;
}

static int
save_report(struct study *st)
{
	char *err = NULL;
	int r = 0;

	if (st->report == NULL)
		return 0;
	if (session_write_report(&st->session, st->report, &err) != 0) {
		cmd_warnx(_("cannot write the report: %s"), err ? err : "");
		r = -1;
	} else {
		printf(_("Report written to %s\n"), st->report);
	}
	free(err); /* malloc'd by atomic.c and session.c */
	return r;
}

static int
run(struct study *st)
{
	enum outcome out = OUT_ANSWER;
	int64_t start = prompt_now();
	long total = 0;
	size_t i;

	if (st->exam && !st->no_time) {
		if (st->time)
			total = st->time;
		else
			for (i = 0; i < st->nq; i++)
				total += st->qs[i]->time;
		st->exam_deadline = start + (int64_t)total * NSEC;
		printf(ngettext("Exam: %zu question, %ld min %02ld s in all, pass mark %d%%.\n",
				"Exam: %zu questions, %ld min %02ld s in all, pass mark %d%%.\n",
				st->nq),
		       st->nq, total / 60, total % 60, st->session.pass);
	}
	for (st->index = 0; st->index < st->nq; st->index++) {
		out = ask(st);
		if (out != OUT_ANSWER)
			break;
	}
	if (out == OUT_TIMEOUT && !st->exam)
		out = OUT_ANSWER;
	if (st->exam && st->tty)
		fputs("\033[H\033[2J", stdout); /* the graded list on a clean screen */
	if (st->exam) {
		/* Everything not answered counts: the exam is graded over all N. */
		if (out == OUT_TIMEOUT) {
			printf("%s%s%s\n", paint(st, YELLOW), _("Time's up: the exam is over."),
			       paint(st, RESET));
			st->index++;
		}
		for (i = st->index; i < st->nq; i++) {
			unsigned char order[BANK_MAX_OPTIONS];

			shuffle_for(st->qs[i], st->sel.seed, !st->no_shuffle, order);
			if (record(st, st->qs[i], order, RESULT_UNANSWERED, NULL, 0) != 0)
				break;
		}
	}
	st->session.seconds = (double)(prompt_now() - start - st->paused) / 1e9;
	if (st->exam) {
		for (i = 0; i < st->session.n; i++) {
			const struct session_item *it = &st->session.items[i];
			const char *opts[BANK_MAX_OPTIONS];
			struct question v;

			/* In the letters the person saw. */
			shuffle_view(it->q, it->order, &v, opts);
			printf("%zu. [%s] ", i + 1, it->q->id);
			print_verdict(st, it->result, &v);
			if (it->result != RESULT_RIGHT) {
				print_wrapped(st, v.text, 3);
				if (it->given)
					print_labelled(st, BOLD, _("Your answer: "), it->given);
				print_right_answer(st, &v);
				print_explanation(st, &v);
				putchar('\n');
			}
		}
	}
	print_summary(st);
	if (save_report(st) != 0)
		return EXIT_FAIL;
	return out == OUT_FAIL && !st->term_sig ? EXIT_FAIL : EXIT_OK;
}

int
study_main(const struct cmd_entry *e, bool exam, int argc, char **argv)
{
	struct study st;
	struct diag_list diags = {0};
	char *err = NULL;
	int status, r;

	memset(&st, 0, sizeof(st));
	st.e = e;
	st.exam = exam;
	st.color = true;
	st.session.exam = exam;
	st.session.pass = EXAM_PASS;
	st.session.started = time(NULL);
	status = parse_options(&st, argc, argv);
	if (status != 0) {
		select_list_free(&st.sel.categories);
		select_list_free(&st.sel.tags);
		return status < 0 ? EXIT_OK : status;
	}
	if (!st.seed_given)
		st.sel.seed = select_fresh_seed();
	st.session.seed = st.sel.seed;
	st.session.file_order = st.no_shuffle;

	bank_set_init(&st.set);
	status = EXIT_FAIL;
	if (cmd_load_banks(argc - optind, argv + optind, &st.set, &diags) != 0)
		goto out;
	if (diags.errors) {
		cmd_print_diags(stderr, &diags, 1, 1);
		cmd_warnx(_("the banks have errors; fix them first (jingsai lint shows them all)"));
		goto out;
	}
	if (open_book(&st) != 0)
		goto out;
	r = choose(&st);
	if (r != 0) {
		status = r == 1 ? EXIT_OK : EXIT_FAIL;
		goto out;
	}
	st.p = prompt_open(stdin, stdout, false, &err);
	if (st.p == NULL) {
		cmd_warnx("%s", err);
		mem_free(err);
		goto out;
	}
	st.tty = prompt_is_tty(st.p);
	if (!st.tty || !isatty(STDOUT_FILENO))
		st.color = false;
	prompt_set_color(st.p, st.color);
	status = run(&st);
	if (st.term_sig) {
		int sig = st.term_sig;

		prompt_close(st.p);
		st.p = NULL;
		fflush(stdout);
		prompt_reraise(sig);
	}
out:
	prompt_close(st.p);
	if (st.have_book)
		book_free(&st.book);
	session_free(&st.session);
	mem_free(st.qs);
	select_list_free(&st.sel.categories);
	select_list_free(&st.sel.tags);
	select_list_free(&st.sel.ids);
	bank_set_free(&st.set);
	diag_list_free(&diags);
	if (status == EXIT_OK)
		return cmd_finish_output(status);
	fflush(stdout);
	return status;
}
