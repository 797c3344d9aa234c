/*
 * test_journal.c — the competition's event log (src/journal.h): what it
 * writes, what it reads back, what it refuses, and what a failed append
 * leaves on disk.
 *
 * write, fdatasync and fsync are wrapped at link time (-Wl,--wrap, see
 * LDFLAGS_test_journal in the Makefile), as in test_atomic.c: a test can
 * make the n-th call fail with a chosen errno, or a write come up short.
 * Fixtures tests/data/journal-*.jsonl are journals as they would be found
 * after a crash; the rest is written in a fresh temporary directory per
 * test.  The competition is a struct comp filled in by hand (only the
 * fields the journal reads).
 *
 * Run from tests/ with JINGSAI_TESTDATA=data (what 'make unit' does).
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "comp.h"
#include "fsutil.h"
#include "journal.h"
#include "mem.h"
#include "rules.h"
#include "strbuf.h"

/* ---- failure injection ------------------------------------------------ */

enum { F_WRITE, F_FDATASYNC, F_FSYNC, F_N };

static struct {
	int armed;
	int calls[F_N];   /* calls since arming */
	int fail_at[F_N]; /* call number (0-based) that fails, or -1 */
	int fail_errno[F_N];
	int short_at; /* write call that writes only half its bytes, or -1 */
} inj;

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fdatasync(int fd);
int __real_fsync(int fd);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fdatasync(int fd);
int __wrap_fsync(int fd);

static void
inject_reset(void)
{
	int i;

	memset(&inj, 0, sizeof inj);
	for (i = 0; i < F_N; i++)
		inj.fail_at[i] = -1;
	inj.short_at = -1;
}

static void
inject(int f, int at, int e)
{
	inj.fail_at[f] = at;
	inj.fail_errno[f] = e;
	inj.armed = 1;
}

/* Count calls from now on, failing nothing. */
static void
inject_count(void)
{
	inject_reset();
	inj.armed = 1;
}

static int
fails(int f)
{
	if (!inj.armed)
		return 0;
	if (inj.calls[f]++ == inj.fail_at[f]) {
		errno = inj.fail_errno[f];
		return 1;
	}
	return 0;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	int call = inj.calls[F_WRITE];

	if (fails(F_WRITE))
		return -1;
	if (inj.armed && call == inj.short_at && n > 1)
		n /= 2;
	return __real_write(fd, buf, n);
}

int
__wrap_fdatasync(int fd)
{
	return fails(F_FDATASYNC) ? -1 : __real_fdatasync(fd);
}

int
__wrap_fsync(int fd)
{
	return fails(F_FSYNC) ? -1 : __real_fsync(fd);
}

/* ---- fixtures --------------------------------------------------------- */

static const char COMP_TEXT[] = "title: \"全国民族团结 \\\"知识\\\" 竞赛 😀\"\n"
				"banks: [questions]\n"
				"teams:\n"
				"  - {name: \"一队\", key: \"1\"}\n"
				"\trounds: [] # a tab, quotes \" and a backslash \\\n";
static const char TITLE[] = "全国民族团结 \"知识\" 竞赛 😀";

/* A competition as comp_load_file and comp_load_banks would leave it, for
 * the fields the journal reads. */
struct tcomp {
	struct comp c;
	struct comp_bank_file banks[3];
};

static void
tcomp_init(struct tcomp *t)
{
	memset(t, 0, sizeof *t);
	t->c.path = "contest/comp.yaml";
	t->c.text = COMP_TEXT;
	t->c.text_len = strlen(COMP_TEXT);
	t->c.digest = comp_digest(COMP_TEXT, strlen(COMP_TEXT));
	t->c.title = TITLE;
	t->banks[0].path = "contest/questions/民族.yaml";
	t->banks[0].digest = comp_digest("bank one", 8);
	t->banks[1].path = "contest/questions/law.yaml";
	t->banks[1].digest = 0xfedcba9876543210ULL; /* every hex digit, the top bit set */
	t->c.bank_files = t->banks;
	t->c.nbank_files = 2;
}

static const char *
data_dir(void)
{
	const char *d = getenv("JINGSAI_TESTDATA");

	return d != NULL && *d != '\0' ? d : "data";
}

/* data/NAME in a static buffer. */
static const char *
fixture(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", data_dir(), name);
	return buf;
}

/* Per test: a temporary directory, and a log and journal freed at the end
 * even when an assertion jumps out. */
struct fx {
	char *dir;
	const char *path; /* dir/journal.jsonl */
	char pathbuf[4200];
	struct journal_log log;
	struct journal *j;
	struct tcomp tc;
	struct journal_header h;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL || (f->dir = fs_tmpdir()) == NULL)
		return -1;
	snprintf(f->pathbuf, sizeof f->pathbuf, "%s/%s", f->dir, JOURNAL_NAME);
	f->path = f->pathbuf;
	tcomp_init(&f->tc);
	journal_header_from(&f->h, &f->tc.c, 20220501);
	inject_reset();
	mem_fail_after(-1, 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	inject_reset();
	mem_fail_after(-1, 0);
	journal_close(f->j);
	journal_log_free(&f->log);
	fs_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* path holds exactly len bytes of s. */
static void
assert_bytes(const char *path, const char *s, size_t len)
{
	size_t got_len = 0;
	char *got = fs_read(path, &got_len);

	assert_non_null(got);
	if (got_len != len || memcmp(got, s, len) != 0)
		fail_msg("%s holds %zu bytes:\n%s\nexpected %zu:\n%.*s", path, got_len, got, len,
			 (int)len, s);
	free(got);
}

/* A malloc'd copy of path's content (its length in *len). */
static char *
snapshot(const char *path, size_t *len)
{
	char *s;

	*len = 0;
	s = fs_read(path, len);
	assert_non_null(s);
	return s;
}

/* *err holds every one of the NULL-terminated substrings; it is freed. */
static void
assert_err_has(char **err, ...)
{
	va_list ap;
	const char *s;

	assert_non_null(*err);
	va_start(ap, err);
	while ((s = va_arg(ap, const char *)) != NULL)
		if (strstr(*err, s) == NULL) {
			va_end(ap);
			fail_msg("message '%s' should contain '%s'", *err, s);
		}
	va_end(ap);
	free(*err);
	*err = NULL;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

static ino_t
inode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

/* The n-th sample event (all kinds in turn, every field set). */
static const char *const TEXTS[] = {
	"B",
	"quote \" backslash \\ slash /",
	"line\nbreak\ttab\rcr",
	"中文答案：民族区域自治",
	"emoji 😀 and \x01 \x7f controls",
	"C1 \xc2\x85 NEL, \xe2\x80\xa8 LS, \xe2\x80\xa9 PS, \xef\xbf\xbe",
	"bad \xff UTF-8 \xe4\xb8",
	"",
};
/* What each of TEXTS reads back as. */
static const char *const TEXTS_BACK[] = {
	"B",
	"quote \" backslash \\ slash /",
	"line\nbreak\ttab\rcr",
	"中文答案：民族区域自治",
	"emoji 😀 and \x01 \x7f controls",
	"C1 \xc2\x85 NEL, \xe2\x80\xa8 LS, \xe2\x80\xa9 PS, \xef\xbf\xbe",
	"bad \xef\xbf\xbd UTF-8 \xef\xbf\xbd\xef\xbf\xbd",
	"",
};
#define NTEXTS (sizeof TEXTS / sizeof TEXTS[0])

static struct rules_event
sample(size_t n)
{
	struct rules_event ev = rules_event_make((enum rules_ev)(n % RULES_EV_COUNT));
	static char qid[8][16];

	ev.team = (int)(n % 5);
	ev.value = (int)(n * 7 % 40) - 20;
	ev.verdict = (int)(n % 3);
	ev.text = TEXTS[n % NTEXTS];
	ev.left_ms = (int64_t)(n * 1237 % 60000);
	ev.wall_ms = 1714550000123LL + (int64_t)n * 1000;
	snprintf(qid[n % 8], sizeof qid[0], "q-%03zu", n);
	ev.qid = qid[n % 8];
	return ev;
}

static void
assert_event(const struct rules_event *got, const struct rules_event *want, const char *text)
{
	assert_int_equal(got->kind, want->kind);
	assert_int_equal(got->team, want->team < 0 ? -1 : want->team);
	assert_int_equal(got->value, want->value);
	assert_int_equal(got->verdict, want->verdict < 0 ? -1 : want->verdict);
	if (text == NULL)
		assert_null(got->text);
	else
		assert_string_equal(got->text, text);
	assert_int_equal(got->left_ms, want->left_ms < 0 ? -1 : want->left_ms);
	assert_int_equal(got->wall_ms, want->wall_ms);
	if (want->qid == NULL)
		assert_null(got->qid);
	else
		assert_string_equal(got->qid, want->qid);
}

static void
assert_header(const struct journal_header *h, const struct journal_header *want)
{
	size_t i;

	assert_int_equal(h->version, JOURNAL_VERSION);
	assert_string_equal(h->title, want->title);
	assert_true(h->seed == want->seed);
	assert_string_equal(h->comp_path, want->comp_path);
	assert_int_equal(h->comp_len, want->comp_len);
	assert_memory_equal(h->comp_text, want->comp_text, want->comp_len);
	assert_true(h->comp_digest == want->comp_digest);
	assert_int_equal(h->nbanks, want->nbanks);
	for (i = 0; i < h->nbanks; i++) {
		assert_string_equal(h->banks[i].path, want->banks[i].path);
		assert_true(h->banks[i].digest == want->banks[i].digest);
	}
}

/* Create f->path with n sample events. */
static void
make_journal(struct fx *f, size_t n)
{
	struct rules_event ev;
	char *err = NULL;
	size_t i;

	f->j = journal_create(f->path, &f->h, &err);
	if (f->j == NULL)
		fail_msg("journal_create: %s", err);
	for (i = 0; i < n; i++) {
		ev = sample(i);
		if (journal_append(f->j, &ev, &err) != 0)
			fail_msg("journal_append: %s", err);
	}
	assert_int_equal(journal_count(f->j), n);
}

/* Read f->path into f->log, which must work. */
static void
read_ok(struct fx *f)
{
	char *err = NULL;

	journal_log_free(&f->log);
	if (journal_read(f->path, &f->log, &err) != 0)
		fail_msg("journal_read: %s", err);
	assert_null(err);
}

/* The events 0..n-1 of sample() are what f->log holds. */
static void
assert_samples(struct fx *f, size_t n)
{
	struct rules_event want;
	size_t i;

	assert_int_equal(f->log.nevents, n);
	for (i = 0; i < n; i++) {
		want = sample(i);
		assert_event(&f->log.events[i], &want, TEXTS_BACK[i % NTEXTS]);
	}
}

/* ---- round trip ------------------------------------------------------- */

/* Every event kind with every field, the header with quotes, CJK, an emoji,
 * a seed past 2^53 and a digest with the top bit set. */
static void
test_round_trip(void **state)
{
	struct fx *f = *state;
	size_t n = 3 * RULES_EV_COUNT;

	f->h.seed = UINT64_MAX;
	make_journal(f, n);
	journal_close(f->j);
	f->j = NULL;
	read_ok(f);
	assert_false(f->log.torn);
	assert_header(&f->log.header, &f->h);
	assert_samples(f, n);
	assert_int_equal(f->log.valid_len, (size_t)file_size(f->path));
	/* The journal is of the competition it was made from. */
	assert_int_equal(journal_check(&f->log.header, &f->tc.c, NULL), 0);
}

/* Fields at their neutral value are left out and come back neutral; a
 * stake or an adjustment keeps its value even when it is 0. */
static void
test_neutral_fields(void **state)
{
	struct fx *f = *state;
	struct rules_event ev[4];
	char *err = NULL;
	size_t i;

	ev[0] = rules_event_make(RULES_CLOCK);
	ev[1] = rules_event_make(RULES_STAKE);
	ev[1].team = 0;
	ev[2] = rules_event_make(RULES_ADJUST);
	ev[2].team = 3;
	ev[2].value = -5;
	ev[2].text = "罚分：违规抢答";
	ev[3] = rules_event_make(RULES_NEXT);
	ev[3].left_ms = 0; /* a timer with nothing left is not "none" */
	ev[3].team = -7;   /* any negative team is none */
	ev[3].verdict = -3;
	f->h.nbanks = 0;
	f->h.title = NULL;
	f->h.seed = 0;
	f->j = journal_create(f->path, &f->h, &err);
	assert_non_null(f->j);
	for (i = 0; i < 4; i++)
		assert_int_equal(journal_append(f->j, &ev[i], &err), 0);
	read_ok(f);
	assert_string_equal(f->log.header.title, "");
	assert_int_equal(f->log.header.nbanks, 0);
	assert_true(f->log.header.seed == 0);
	assert_int_equal(f->log.nevents, 4);
	for (i = 0; i < 4; i++)
		assert_event(&f->log.events[i], &ev[i], ev[i].text);
}

/* The bytes on disk: one object per line, ", " and ": ", fields in order,
 * the seed a string of digits, digests 16 lower-case hex digits. */
static void
test_exact_format(void **state)
{
	static const char want[] =
		"{\"jingsai-journal\": 1, \"title\": \"T \\\"1\\\"\", \"seed\": "
		"\"18446744073709551615\", \"competition\": {\"path\": \"c.yaml\", \"digest\": "
		"\"00000000000000ff\", \"text\": \"a: 1\\n\"}, \"banks\": [{\"path\": \"b.yaml\", "
		"\"digest\": \"ab00000000000001\"}, {\"path\": \"d/e.yaml\", \"digest\": "
		"\"0000000000000000\"}]}\n"
		"{\"n\": 1, \"ev\": \"answer\", \"team\": 2, \"verdict\": \"right\", \"text\": "
		"\"B\", "
		"\"left\": 12480, \"wall\": 1714550000123}\n"
		"{\"n\": 2, \"ev\": \"stake\", \"team\": 0, \"value\": 0, \"q\": \"risk-07\"}\n"
		"{\"n\": 3, \"ev\": \"clock\", \"left\": 0}\n"
		"{\"n\": 4, \"ev\": \"mark\", \"team\": 1, \"value\": 20, \"verdict\": \"self\", "
		"\"text\": \"\\u0085\\u2028\\ufffd\", \"wall\": -1}\n";
	static const struct comp_bank_file banks[] = {{"b.yaml", 0xab00000000000001ULL},
						      {"d/e.yaml", 0}};
	struct fx *f = *state;
	struct journal_header h = {
		JOURNAL_VERSION, "T \"1\"", UINT64_MAX, "c.yaml", "a: 1\n", 5, 0xff, banks, 2, -1};
	struct rules_event ev;
	char *err = NULL;

	f->j = journal_create(f->path, &h, &err);
	assert_non_null(f->j);
	ev = rules_event_make(RULES_ANSWER);
	ev.team = 2;
	ev.verdict = RULES_RIGHT;
	ev.text = "B";
	ev.left_ms = 12480;
	ev.wall_ms = 1714550000123LL;
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	ev = rules_event_make(RULES_STAKE);
	ev.team = 0;
	ev.qid = "risk-07";
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	ev = rules_event_make(RULES_CLOCK);
	ev.left_ms = 0;
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	ev = rules_event_make(RULES_MARK);
	ev.team = 1;
	ev.value = 20;
	ev.verdict = RULES_SELF;
	ev.text = "\xc2\x85\xe2\x80\xa8\xc0";
	ev.wall_ms = -1;
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	assert_int_equal(journal_count(f->j), 4);
	assert_bytes(f->path, want, strlen(want));
	assert_int_equal(fs_mode(f->path) & 0600, 0600);
}

/* A long competition file and a long answer go through whole. */
static void
test_long_strings(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = rules_event_make(RULES_ANSWER);
	size_t n = 200000, i;
	char *text = malloc(n + 1), *err = NULL;

	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
	text[n] = '\0';
	f->tc.c.text = text;
	f->tc.c.text_len = n;
	f->tc.c.digest = comp_digest(text, n);
	journal_header_from(&f->h, &f->tc.c, 1);
	ev.text = text;
	f->j = journal_create(f->path, &f->h, &err);
	assert_non_null(f->j);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_int_equal(f->log.header.comp_len, n);
	assert_memory_equal(f->log.header.comp_text, text, n);
	assert_string_equal(f->log.events[0].text, text);
	free(text);
}

/* libyaml does the unescaping: \uXXXX, \", \\, \/, and UTF-8 as it is. */
static void
test_libyaml_unescapes(void **state)
{
	struct fx *f = *state;
	char *err = NULL;

	assert_int_equal(journal_read(fixture("journal-ok.jsonl"), &f->log, &err), 0);
	assert_string_equal(f->log.header.title, "测试赛 \"决赛\"");
	assert_int_equal(f->log.nevents, 3);
	assert_string_equal(f->log.events[2].text, "中文 \"B\" \\ / 😀");
	assert_int_equal(f->log.events[2].kind, RULES_ANSWER);
	assert_int_equal(f->log.events[2].verdict, RULES_RIGHT);
	assert_int_equal(f->log.events[2].team, 1);
	assert_string_equal(f->log.events[0].qid, "q-001");
	assert_true(f->log.header.seed == 20220501);
	assert_int_equal(f->log.header.nbanks, 2);
	assert_true(f->log.header.banks[1].digest == 0xbb);
}

/* libyaml 0.2.5 refuses UTF-16 surrogate pairs ("\ud83d\ude00", as some
 * JSON writers put an emoji); jingsai never writes them (see journal.c),
 * and a journal that has one is refused at that line, not misread. */
static void
test_surrogate_pair_refused(void **state)
{
	struct fx *f = *state;
	char *err = NULL;

	assert_int_equal(journal_read(fixture("journal-surrogate.jsonl"), &f->log, &err), -1);
	assert_err_has(&err, "journal-surrogate.jsonl:3: ", "Unicode", NULL);
	assert_int_equal(f->log.nevents, 0);
}

/* ---- torn tails ------------------------------------------------------- */

struct torn_case {
	const char *file;
	size_t whole_lines; /* lines before the torn one (header included) */
};

/* A torn last line (no newline; half an object; garbage) is dropped and
 * reported, and reading changes nothing on disk. */
static void
test_torn_tail(void **state)
{
	static const struct torn_case cases[] = {
		{"journal-torn-nonl.jsonl", 3},
		{"journal-torn-half.jsonl", 3},
		{"journal-torn-garbage.jsonl", 3},
	};
	struct fx *f = *state;
	struct stat before, after;
	char *err = NULL, *orig;
	size_t i, k, len, off;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p = fixture(cases[i].file);

		orig = snapshot(p, &len);
		for (k = off = 0; k < cases[i].whole_lines; k++)
			off = (size_t)((char *)memchr(orig + off, '\n', len - off) - orig) + 1;
		assert_int_equal(stat(p, &before), 0);
		if (journal_read(p, &f->log, &err) != 0)
			fail_msg("%s: %s", cases[i].file, err);
		assert_true(f->log.torn);
		assert_int_equal(f->log.torn_line, cases[i].whole_lines + 1);
		assert_int_equal(f->log.valid_len, off);
		assert_int_equal(f->log.torn_bytes, len - off);
		assert_int_equal(f->log.nevents, cases[i].whole_lines - 1);
		assert_int_equal(f->log.events[1].kind, RULES_START);
		assert_int_equal(f->log.events[1].left_ms, 30000);
		journal_log_free(&f->log);
		assert_bytes(p, orig, len);
		assert_int_equal(stat(p, &after), 0);
		assert_true(after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
			    after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
		free(orig);
	}
}

/* The torn tail is cut off by journal_reopen, and the journal goes on. */
static void
test_reopen_after_torn(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(5);
	static const char half[] = "{\"n\": 6, \"ev\": \"answ";
	char *err = NULL, *before;
	size_t len, blen;
	int fd;

	make_journal(f, 5);
	journal_close(f->j);
	f->j = NULL;
	before = snapshot(f->path, &blen);
	fd = open(f->path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(__real_write(fd, half, strlen(half)), (ssize_t)strlen(half));
	close(fd);

	read_ok(f);
	assert_true(f->log.torn);
	assert_int_equal(f->log.torn_line, 7);
	assert_int_equal(f->log.torn_bytes, strlen(half));
	assert_int_equal(f->log.valid_len, blen);
	f->j = journal_reopen(f->path, f->log.valid_len, &err);
	if (f->j == NULL)
		fail_msg("journal_reopen: %s", err);
	assert_int_equal(journal_count(f->j), 5);
	assert_int_equal(file_size(f->path), (off_t)blen);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	ev = sample(6);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_false(f->log.torn);
	assert_samples(f, 7);
	free(before);
	(void)len;
}

/* journal_reopen refuses a file that is not what journal_read saw. */
static void
test_reopen_refuses(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	off_t size;

	make_journal(f, 2);
	journal_close(f->j);
	f->j = NULL;
	size = file_size(f->path);
	assert_null(journal_reopen(f->path, (size_t)size + 1, &err));
	assert_err_has(&err, f->path, "changed", NULL);
	assert_null(journal_reopen(f->path, (size_t)size - 1, &err)); /* not after a newline */
	assert_err_has(&err, f->path, "changed", NULL);
	assert_null(journal_reopen(f->path, 0, &err));
	assert_err_has(&err, f->path, NULL);
	assert_int_equal(file_size(f->path), size);
	assert_null(journal_reopen(fs_path(f->dir, "none.jsonl"), 10, &err));
	assert_err_has(&err, "none.jsonl", strerror(ENOENT), NULL);
}

/* ---- refused journals ------------------------------------------------- */

/* A bad line that is not the last is an error naming it. */
static void
test_bad_middle_line(void **state)
{
	struct fx *f = *state;
	char *err = NULL;

	assert_int_equal(journal_read(fixture("journal-bad-middle.jsonl"), &f->log, &err), -1);
	assert_err_has(&err, "journal-bad-middle.jsonl:3: ", "unknown key \"colour\"", NULL);
	assert_int_equal(f->log.nevents, 0);
	assert_null(f->log.events);
}

/* An empty file, a file that is no journal, another version, a header
 * that does not hold together: errors naming the file. */
static void
test_bad_header(void **state)
{
	static const struct {
		const char *file;
		const char *msg;
	} cases[] = {
		{"journal-empty.jsonl", "is empty"},
		{"journal-version2.jsonl", "version 2"},
		{"journal-bad-digest.jsonl", "does not match its digest"},
		{"competition.yaml", ":1: not a jingsai journal: the line is not a JSON object"},
		{"journal-ok.jsonl/", "Not a directory"},
		{"no-such-journal.jsonl", "No such file"},
		{"dir", "not a regular file"},
	};
	struct fx *f = *state;
	char *err = NULL;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (journal_read(fixture(cases[i].file), &f->log, &err) != -1)
			fail_msg("%s was read", cases[i].file);
		assert_null(f->log.events);
		assert_err_has(&err, cases[i].file, cases[i].msg, NULL);
	}
}

/* Write a journal of a valid header, then lines[] (each with its newline
 * unless it is the last and nonl is set). */
static void
write_lines(struct fx *f, const char *const *lines, size_t n, int nonl)
{
	struct strbuf b = {0};
	size_t i, len;
	char *head;

	unlink(f->path);
	make_journal(f, 0);
	journal_close(f->j);
	f->j = NULL;
	head = snapshot(f->path, &len);
	strbuf_add(&b, head, len);
	free(head);
	for (i = 0; i < n; i++) {
		strbuf_puts(&b, lines[i]);
		if (!(nonl && i + 1 == n))
			strbuf_putc(&b, '\n');
	}
	assert_false(b.oom);
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(fs_write(f->path, b.data, b.len), 0);
	strbuf_free(&b);
}

/* Each bad record, as a middle line: refused with its line number and the
 * reason; as the last line: dropped as torn. */
static void
test_bad_records(void **state)
{
	static const struct {
		const char *line;
		const char *msg;
	} cases[] = {
		{"{\"n\": 1, \"ev\": \"next\", \"foo\": 1}", "unknown key \"foo\""},
		{"{\"n\": 1, \"n\": 1, \"ev\": \"next\"}", "\"n\" is given twice"},
		{"{\"n\": 1, \"ev\": \"jump\"}", "unknown event \"jump\""},
		{"{\"n\": 5, \"ev\": \"next\"}", "record number 5 where 1"},
		{"{\"n\": 0, \"ev\": \"next\"}", "\"n\""},
		{"{\"ev\": \"next\"}", "no \"n\""},
		{"{\"n\": 1}", "no \"ev\""},
		{"{\"n\": 1, \"ev\": \"buzz\", \"team\": -1}", "\"team\""},
		{"{\"n\": 1, \"ev\": \"buzz\", \"team\": 2147483648}", "\"team\""},
		{"{\"n\": 1, \"ev\": \"stake\", \"value\": 1.5}", "whole number"},
		{"{\"n\": 1, \"ev\": \"stake\", \"value\": \"3\"}", "\"value\" should be a number"},
		{"{\"n\": 1, \"ev\": \"clock\", \"left\": 99999999999999999999}", "\"left\""},
		{"{\"n\": 1, \"ev\": \"clock\", \"left\": -1}", "\"left\""},
		{"{\"n\": 1, \"ev\": \"clock\", \"wall\": true}", "\"wall\""},
		{"{\"n\": 1, \"ev\": \"answer\", \"text\": 5}", "\"text\" should be a string"},
		{"{\"n\": 1, \"ev\": \"answer\", \"text\": {\"a\": \"b\"}}",
		 "\"text\" should be a string"},
		{"{\"n\": 1, \"ev\": \"answer\", \"q\": ['x']}", "\"q\" should be a string"},
		{"{\"n\": 1, \"ev\": \"answer\", \"text\": 'single'}", "should be a string"},
		{"{\"n\": 1, \"ev\": \"answer\", \"verdict\": \"maybe\"}", "unknown verdict"},
		{"{\"n\": 1, \"ev\": \"answer\", \"text\": \"a\\u0000b\"}", "NUL"},
		{"{\"n\": &a 1, \"ev\": \"next\"}", "anchors and aliases"},
		{"{\"n\": 1, \"ev\": \"next\", \"text\": *a}", "anchors and aliases"},
		{"{\"n\": !!int 1, \"ev\": \"next\"}", "tags"},
		{"!!map {\"n\": 1, \"ev\": \"next\"}", "tags"},
		{"{\"n\": 1, \"ev\": \"next\", \"text\": [[[[\"x\"]]]]}", "deeper than 4"},
		{"{'n': 1, \"ev\": \"next\"}", "a key is not a string: n"},
		{"{[1]: 1, \"ev\": \"next\"}", "a key is not a string"},
		{"{n: 1, \"ev\": \"next\"}", "a key is not a string: n"},
		{"[1, 2]", "not a JSON object"},
		{"\"n\"", "not a JSON object"},
		{"n: 1", "not a JSON object"},
		{"--- {\"n\": 1, \"ev\": \"next\"}", "not a JSON object"},
		{"", "not a JSON object"},
		{"   ", "not a JSON object"},
		{"{\"n\": 1, \"ev\": \"next\"", "at the end of the line"},
		{"{\"n\": 1, \"ev\": \"next\"} {\"n\": 2}", "column"},
		{"{\"n\": 1, \"ev\": \"next\"}}", "column"},
		{"{\"n\": 1, \"ev\": \"\\ud83d\\ude00\"}", "Unicode"},
		{"{\"n\": 1, \"ev\": \"next\", \"text\": \"\x01\"}", "not allowed (byte 33)"},
		{"{\"n\": 1, \"ev\": \"next\", \"text\": \"\xff\"}", "UTF-8"},
		{"{\"n\": 1, \"ev\": \"next\"} {", "column 24"},
	};
	static const char good[] = "{\"n\": 2, \"ev\": \"start\"}";
	static const char first[] = "{\"n\": 1, \"ev\": \"next\"}";
	struct fx *f = *state;
	const char *lines[3];
	char *err = NULL;
	size_t i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* In the middle. */
		lines[0] = cases[i].line;
		lines[1] = good;
		write_lines(f, lines, 2, 0);
		if (journal_read(f->path, &f->log, &err) != -1)
			fail_msg("case %zu (%s) was read", i, cases[i].line);
		if (strstr(err, ":2: ") == NULL || strstr(err, cases[i].msg) == NULL)
			fail_msg("case %zu (%s): message '%s' should name line 2 and say '%s'", i,
				 cases[i].line, err, cases[i].msg);
		free(err);
		err = NULL;
		/* Last: torn, dropped. */
		lines[0] = first;
		lines[1] = cases[i].line;
		write_lines(f, lines, 2, 0);
		len = (size_t)file_size(f->path);
		if (journal_read(f->path, &f->log, &err) != 0)
			fail_msg("case %zu (%s) as the last line: %s", i, cases[i].line, err);
		assert_true(f->log.torn);
		assert_int_equal(f->log.torn_line, 3);
		assert_int_equal(f->log.torn_bytes, strlen(cases[i].line) + 1);
		assert_int_equal(f->log.valid_len, len - f->log.torn_bytes);
		assert_int_equal(f->log.nevents, 1);
		journal_log_free(&f->log);
	}
}

/* A whole record without its newline is torn too: its write was cut short
 * before the end, so it was never confirmed. */
static void
test_complete_record_without_newline(void **state)
{
	struct fx *f = *state;
	const char *lines[] = {"{\"n\": 1, \"ev\": \"next\"}", "{\"n\": 2, \"ev\": \"start\"}"};

	write_lines(f, lines, 2, 1);
	read_ok(f);
	assert_true(f->log.torn);
	assert_int_equal(f->log.torn_line, 3);
	assert_int_equal(f->log.nevents, 1);
	/* And a header cut short is no journal at all. */
	assert_int_equal(truncate(f->path, 40), 0);
	journal_log_free(&f->log);
	{
		char *err = NULL;

		assert_int_equal(journal_read(f->path, &f->log, &err), -1);
		assert_err_has(&err, f->path, "no complete journal header", NULL);
	}
}

/* ---- journal_check ---------------------------------------------------- */

static void
test_check(void **state)
{
	struct fx *f = *state;
	struct tcomp now;
	char *err = NULL;

	make_journal(f, 1);
	read_ok(f);

	tcomp_init(&now);
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), 0);
	assert_null(err);
	/* The banks in another order are the same banks. */
	now.banks[2] = now.banks[0];
	now.c.bank_files = now.banks + 1;
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), 0);

	tcomp_init(&now);
	now.c.title = "另一场竞赛";
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "another competition", "另一场竞赛", TITLE, NULL);

	tcomp_init(&now);
	now.c.digest ^= 1;
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "the competition file has changed since the journal was started",
		       NULL);

	tcomp_init(&now);
	now.banks[1].digest ^= 0x100;
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err,
		       "bank contest/questions/law.yaml has changed since the journal was "
		       "started",
		       NULL);

	tcomp_init(&now);
	now.c.nbank_files = 1; /* law.yaml gone */
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "contest/questions/law.yaml", "was loaded", NULL);

	tcomp_init(&now);
	now.banks[2].path = "contest/questions/new.yaml";
	now.c.nbank_files = 3;
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "contest/questions/new.yaml", "was not loaded", NULL);

	/* A bank renamed is one missing and one added: the missing one is
	 * named first. */
	tcomp_init(&now);
	now.banks[0].path = "contest/questions/renamed.yaml";
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "contest/questions/民族.yaml", NULL);

	/* A fixture of another competition altogether. */
	journal_log_free(&f->log);
	assert_int_equal(journal_read(fixture("journal-ok.jsonl"), &f->log, &err), 0);
	tcomp_init(&now);
	assert_int_equal(journal_check(&f->log.header, &now.c, &err), -1);
	assert_err_has(&err, "another competition", NULL);
}

/* ---- creating --------------------------------------------------------- */

/* An existing file is never overwritten. */
static void
test_create_existing(void **state)
{
	struct fx *f = *state;
	static const char precious[] = "{\"jingsai-journal\": 1}\nprecious scores\n";
	char *err = NULL;

	assert_int_equal(fs_write(f->path, precious, strlen(precious)), 0);
	assert_null(journal_create(f->path, &f->h, &err));
	assert_err_has(&err, f->path, "already exists", NULL);
	assert_bytes(f->path, precious, strlen(precious));
	/* Nor is what a symbolic link points to. */
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(fs_write(fs_path(f->dir, "target"), precious, strlen(precious)), 0);
	assert_int_equal(symlink("target", f->path), 0);
	assert_null(journal_create(f->path, &f->h, &err));
	assert_err_has(&err, "already exists", NULL);
	assert_bytes(fs_path(f->dir, "target"), precious, strlen(precious));
}

/* The header, file and directory synced; a failure leaves no file behind,
 * so that the host can try again. */
static void
test_create_syncs_and_fails_clean(void **state)
{
	static const struct {
		int f, at, e;
		const char *msg;
	} cases[] = {
		{F_WRITE, 0, ENOSPC, "cannot write"},
		{F_FSYNC, 0, EIO, "to disk"},
		{F_FSYNC, 1, EIO, "directory"},
	};
	struct fx *f = *state;
	char *err = NULL;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		inject_reset();
		inject(cases[i].f, cases[i].at, cases[i].e);
		assert_null(journal_create(f->path, &f->h, &err));
		inj.armed = 0;
		assert_err_has(&err, f->path, cases[i].msg, strerror(cases[i].e), NULL);
		assert_int_equal(fs_count(f->dir, "", NULL, 0), 0);
	}
	/* A short write of the header. */
	inject_reset();
	inj.short_at = 0;
	inj.armed = 1;
	assert_null(journal_create(f->path, &f->h, &err));
	inj.armed = 0;
	assert_err_has(&err, f->path, "only", NULL);
	assert_int_equal(fs_count(f->dir, "", NULL, 0), 0);
	/* And then it works: one write, the file and its directory synced. */
	inject_count();
	f->j = journal_create(f->path, &f->h, &err);
	assert_non_null(f->j);
	assert_int_equal(inj.calls[F_WRITE], 1);
	assert_int_equal(inj.calls[F_FSYNC], 2);
	inj.armed = 0;
	assert_int_equal(journal_count(f->j), 0);
	/* No directory: an error naming the path. */
	assert_null(journal_create(fs_path(f->dir, "no/such/journal.jsonl"), &f->h, &err));
	assert_err_has(&err, "no/such/journal.jsonl", strerror(ENOENT), NULL);
}

/* What would not come back byte for byte is refused before anything is
 * played: a bank path or competition text that is not UTF-8. */
static void
test_create_refuses_non_utf8(void **state)
{
	struct fx *f = *state;
	char *err = NULL;

	f->tc.banks[1].path = "contest/\xc3\xef.yaml"; /* a GBK file name */
	journal_header_from(&f->h, &f->tc.c, 1);
	assert_null(journal_create(f->path, &f->h, &err));
	assert_err_has(&err, "bank 2", "UTF-8", NULL);
	tcomp_init(&f->tc);
	f->tc.c.text = "title: \xff\n";
	f->tc.c.text_len = 9;
	journal_header_from(&f->h, &f->tc.c, 1);
	assert_null(journal_create(f->path, &f->h, &err));
	assert_err_has(&err, "UTF-8", NULL);
	f->tc.c.text = "a\0b";
	f->tc.c.text_len = 3;
	journal_header_from(&f->h, &f->tc.c, 1);
	assert_null(journal_create(f->path, &f->h, &err));
	assert_err_has(&err, "UTF-8", NULL);
	assert_int_equal(fs_count(f->dir, "", NULL, 0), 0);
}

/* ---- appending when the disk fails ------------------------------------ */

/* One write() and one fdatasync() per record, nothing else. */
static void
test_append_calls(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(0);
	ino_t ino;

	make_journal(f, 1);
	ino = inode_of(f->path);
	inject_count();
	assert_int_equal(journal_append(f->j, &ev, NULL), 0);
	assert_int_equal(inj.calls[F_WRITE], 1);
	assert_int_equal(inj.calls[F_FDATASYNC], 1);
	assert_int_equal(inj.calls[F_FSYNC], 0);
	inj.armed = 0;
	assert_true(inode_of(f->path) == ino);
	/* An invalid event is refused, and nothing is written. */
	ev.verdict = 3;
	assert_int_equal(journal_append(f->j, &ev, NULL), -1);
	ev = sample(0);
	ev.kind = RULES_EV_COUNT;
	assert_int_equal(journal_append(f->j, &ev, NULL), -1);
	assert_int_equal(journal_count(f->j), 2);
	read_ok(f);
	assert_int_equal(f->log.nevents, 2);
}

/* A short write is cut back: the file is as before, and the next append
 * (numbered as if nothing had happened) works. */
static void
test_short_write(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(2);
	char *err = NULL, *before;
	size_t len;

	make_journal(f, 2);
	before = snapshot(f->path, &len);
	inject_reset();
	inj.short_at = 0;
	inj.armed = 1;
	assert_int_equal(journal_append(f->j, &ev, &err), -1);
	assert_int_equal(inj.calls[F_FDATASYNC], 0);
	inj.armed = 0;
	assert_err_has(&err, f->path, "only", NULL);
	assert_bytes(f->path, before, len);
	assert_int_equal(journal_count(f->j), 2);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_false(f->log.torn);
	assert_samples(f, 3);
	free(before);
}

/* write() failing (a full disk, an I/O error): the file is as before, and
 * the next append works when the disk has room again. */
static void
test_write_fails(void **state)
{
	static const int errs[] = {ENOSPC, EIO, EDQUOT, EFBIG};
	struct fx *f = *state;
	struct rules_event ev;
	char *err = NULL, *before;
	size_t i, len;

	make_journal(f, 1);
	for (i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		before = snapshot(f->path, &len);
		ev = sample(i + 1);
		inject_reset();
		inject(F_WRITE, 0, errs[i]);
		assert_int_equal(journal_append(f->j, &ev, &err), -1);
		inj.armed = 0;
		assert_err_has(&err, f->path, strerror(errs[i]), NULL);
		assert_bytes(f->path, before, len);
		assert_int_equal(journal_append(f->j, &ev, &err), 0);
		free(before);
	}
	read_ok(f);
	assert_samples(f, 1 + sizeof errs / sizeof errs[0]);
}

/* fdatasync() failing: the record is taken back, the file left whole as it
 * was, the sync never retried on that file; the next append rewrites the
 * whole file from memory (a new file: another inode), and the one after it
 * appends again. */
static void
test_fdatasync_fails(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(3);
	char *err = NULL, *before;
	size_t len;
	ino_t ino;

	make_journal(f, 3);
	before = snapshot(f->path, &len);
	ino = inode_of(f->path);
	inject(F_FDATASYNC, 0, EIO);
	assert_int_equal(journal_append(f->j, &ev, &err), -1);
	assert_int_equal(inj.calls[F_FDATASYNC], 1);
	inj.armed = 0;
	assert_err_has(&err, f->path, "to disk", strerror(EIO), NULL);
	assert_bytes(f->path, before, len);
	assert_int_equal(journal_count(f->j), 3);

	inject_count();
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	assert_int_equal(inj.calls[F_FDATASYNC], 0); /* not on the old file */
	assert_int_equal(inj.calls[F_FSYNC], 2);     /* atomic_write: file and directory */
	inj.armed = 0;
	assert_true(inode_of(f->path) != ino);
	read_ok(f);
	assert_samples(f, 4);
	assert_int_equal(fs_count(f->dir, "", NULL, 0), 1); /* no temporary file left */

	ino = inode_of(f->path);
	ev = sample(4);
	inject_count();
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	assert_int_equal(inj.calls[F_FDATASYNC], 1);
	inj.armed = 0;
	assert_true(inode_of(f->path) == ino);
	read_ok(f);
	assert_samples(f, 5);
	free(before);
}

/* While the file is broken, the rewrite failing (the disk still full, the
 * directory's sync failing after the rename) leaves the file as it was
 * too; once the disk recovers the journal is whole again. */
static void
test_rewrite_fails(void **state)
{
	static const struct {
		int f, at, e;
	} cases[] = {
		{F_WRITE, 0, ENOSPC}, /* the temporary file's write */
		{F_FSYNC, 0, EIO},    /* its fsync */
		{F_FSYNC, 1, EIO},    /* the directory's, after the rename */
	};
	struct fx *f = *state;
	struct rules_event ev = sample(2);
	char *err = NULL, *before;
	size_t i, len;

	make_journal(f, 2);
	before = snapshot(f->path, &len);
	inject(F_FDATASYNC, 0, EIO);
	assert_int_equal(journal_append(f->j, &ev, &err), -1);
	free(err);
	err = NULL;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		inject_reset();
		inject(cases[i].f, cases[i].at, cases[i].e);
		assert_int_equal(journal_append(f->j, &ev, &err), -1);
		inj.armed = 0;
		assert_err_has(&err, f->path, strerror(cases[i].e), NULL);
		assert_bytes(f->path, before, len);
		assert_int_equal(fs_count(f->dir, "", NULL, 0), 1);
		assert_int_equal(journal_count(f->j), 2);
	}
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_samples(f, 3);
	free(before);
}

/* The file removed under the host: the next append writes it anew, every
 * record in it (appending to the removed file would keep nothing). */
static void
test_file_removed(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(3);
	char *err = NULL;

	make_journal(f, 3);
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_samples(f, 4);
	/* Replaced by another file: written over with the journal. */
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(fs_write(f->path, "junk\n", 5), 0);
	ev = sample(4);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_samples(f, 5);
}

/* The directory removed: appends fail (the host applies nothing) until it
 * is back, then the journal is written whole. */
static void
test_directory_removed(void **state)
{
	struct fx *f = *state;
	struct rules_event ev = sample(2);
	char sub[4000], *err = NULL;

	snprintf(sub, sizeof sub, "%s/run", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(f->pathbuf, sizeof f->pathbuf, "%s/%s", sub, JOURNAL_NAME);
	make_journal(f, 2);
	assert_int_equal(fs_rmtree(sub), 0);
	assert_int_equal(journal_append(f->j, &ev, &err), -1);
	assert_err_has(&err, f->path, NULL);
	assert_int_equal(journal_append(f->j, &ev, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(journal_count(f->j), 2);
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	ev = sample(3);
	assert_int_equal(journal_append(f->j, &ev, &err), 0);
	read_ok(f);
	assert_header(&f->log.header, &f->h);
	assert_samples(f, 4);
}

/* ---- out of memory ---------------------------------------------------- */

/* Every allocation of journal_read of a 20-event journal failing in turn
 * (once, then from there on): -1 with a message, the log empty, no leak. */
static void
oom_read(int sticky)
{
	struct fx fx0, *f = &fx0;
	char *err = NULL;
	long n, live0, c0;
	int r, hit;

	memset(f, 0, sizeof *f);
	f->dir = fs_tmpdir();
	assert_non_null(f->dir);
	snprintf(f->pathbuf, sizeof f->pathbuf, "%s/%s", f->dir, JOURNAL_NAME);
	f->path = f->pathbuf;
	tcomp_init(&f->tc);
	journal_header_from(&f->h, &f->tc.c, 7);
	make_journal(f, 20);
	journal_close(f->j);
	f->j = NULL;
	for (n = 0;; n++) {
		live0 = mem_live();
		c0 = mem_count();
		mem_fail_after(n, sticky);
		r = journal_read(f->path, &f->log, &err);
		hit = mem_count() - c0 > n;
		mem_fail_after(-1, 0);
		if (hit) {
			if (r != -1)
				fail_msg(
					"sticky=%d n=%ld: an allocation failed but the read worked",
					sticky, n);
			assert_err_has(&err, "out of memory", NULL);
			assert_null(f->log.events);
			assert_int_equal(f->log.nevents, 0);
		} else {
			assert_int_equal(r, 0);
			assert_samples(f, 20);
		}
		journal_log_free(&f->log);
		if (mem_live() != live0)
			fail_msg("sticky=%d n=%ld: %ld block(s) leaked", sticky, n,
				 mem_live() - live0);
		if (!hit)
			break;
	}
	print_message("out of memory in journal_read (%s): %ld allocation points, no leaks\n",
		      sticky ? "sticky" : "one failure", n);
	fs_rmtree(f->dir);
	free(f->dir);
}

static void
test_oom_read(void **state)
{
	(void)state;
	oom_read(0);
	oom_read(1);
}

/* The same over journal_create and three appends: a failed create leaves no
 * file, a failed append leaves the file as before and the next one works. */
static void
oom_write(struct fx *f, int sticky)
{
	struct rules_event ev, want;
	char *err = NULL, *before;
	long n, live0, c0;
	size_t i, len, done, kept[4];
	int hit, r;

	for (n = 0;; n++) {
		live0 = mem_live();
		c0 = mem_count();
		mem_fail_after(n, sticky);
		f->j = journal_create(f->path, &f->h, &err);
		if (f->j == NULL) {
			mem_fail_after(-1, 0);
			assert_err_has(&err, "out of memory", NULL);
			assert_int_equal(fs_count(f->dir, "", NULL, 0), 0);
			assert_int_equal(mem_live(), live0);
			continue;
		}
		for (i = done = 0; i < 3; i++) {
			before = snapshot(f->path, &len);
			ev = sample(i);
			r = journal_append(f->j, &ev, &err);
			if (r != 0) {
				assert_err_has(&err, "out of memory", NULL);
				assert_bytes(f->path, before, len);
			} else {
				kept[done++] = i;
			}
			free(before);
		}
		hit = mem_count() - c0 > n;
		mem_fail_after(-1, 0);
		/* The journal holds what it confirmed, and goes on. */
		assert_int_equal(journal_count(f->j), done);
		ev = sample(3);
		assert_int_equal(journal_append(f->j, &ev, &err), 0);
		kept[done++] = 3;
		journal_close(f->j);
		f->j = NULL;
		read_ok(f);
		assert_int_equal(f->log.nevents, done);
		for (i = 0; i < done; i++) {
			want = sample(kept[i]);
			assert_event(&f->log.events[i], &want, TEXTS_BACK[kept[i] % NTEXTS]);
		}
		journal_log_free(&f->log);
		assert_int_equal(unlink(f->path), 0);
		if (mem_live() != live0)
			fail_msg("sticky=%d n=%ld: %ld block(s) leaked", sticky, n,
				 mem_live() - live0);
		if (!hit)
			break;
	}
	print_message("out of memory in journal_create/append (%s): %ld allocation points\n",
		      sticky ? "sticky" : "one failure", n);
}

static void
test_oom_write(void **state)
{
	oom_write(*state, 0);
	oom_write(*state, 1);
}

/* ---- size ------------------------------------------------------------- */

/* A journal of 10,000 events (a long final with a clock event a second):
 * read back whole, in linear time (reported; the target is 100 ms with the
 * replay). */
static void
test_ten_thousand(void **state)
{
	struct fx *f = *state;
	struct strbuf b = {0};
	struct timespec t0, t1;
	size_t i, n = 10000, len;
	char *head;
	double ms;

	make_journal(f, 0);
	journal_close(f->j);
	f->j = NULL;
	head = snapshot(f->path, &len);
	strbuf_add(&b, head, len);
	free(head);
	for (i = 1; i <= n; i++)
		if (i % 4 == 0)
			strbuf_printf(
				&b,
				"{\"n\": %zu, \"ev\": \"answer\", \"team\": %zu, \"verdict\": "
				"\"right\", \"text\": \"答案 %zu\", \"left\": %zu, \"wall\": "
				"%zu}\n",
				i, i % 6, i, 60000 - i, 1714550000123 + i);
		else
			strbuf_printf(&b, "{\"n\": %zu, \"ev\": \"clock\", \"left\": %zu}\n", i,
				      60000 - i);
	assert_false(b.oom);
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(fs_write(f->path, b.data, b.len), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	read_ok(f);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("journal_read of %zu events (%zu bytes): %.1f ms\n", n, b.len, ms);
	assert_int_equal(f->log.nevents, n);
	assert_int_equal(f->log.valid_len, b.len);
	assert_int_equal(f->log.events[n - 1].kind, RULES_ANSWER);
	assert_string_equal(f->log.events[n - 1].text, "答案 10000");
	assert_int_equal(f->log.events[n - 2].left_ms, 60000 - (int64_t)(n - 1));
	assert_true(ms < 5000); /* quadratic would be far slower; sanitizers are slow too */
	strbuf_free(&b);
	/* Reopened, it goes on at 10,001. */
	f->j = journal_reopen(f->path, f->log.valid_len, NULL);
	assert_non_null(f->j);
	assert_int_equal(journal_count(f->j), n);
}

/* NULL-safety of the free functions. */
static void
test_free_null(void **state)
{
	struct journal_log log;

	(void)state;
	memset(&log, 0, sizeof log);
	journal_log_free(&log);
	journal_log_free(NULL);
	journal_close(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_neutral_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_libyaml_unescapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_surrogate_pair_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_after_torn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_middle_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_record_without_newline, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_syncs_and_fails_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_non_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fdatasync_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rewrite_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oom_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oom_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ten_thousand, setup, teardown),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
