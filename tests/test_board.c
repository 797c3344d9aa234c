/*
 * test_board.c — the scoreboard writers (src/board.h).
 *
 * One hand-built standings with everything a hostile or unlucky name can
 * hold (CJK, a spreadsheet formula, HTML, a pipe, tabs and carriage returns,
 * invalid UTF-8, negative scores, a tie, a tiebreak place) is written in each
 * format and compared byte for byte with tests/data/board-*.expected: those
 * files are the spec, reviewed by hand.  On a mismatch the output is left
 * in $TMPDIR/board-*.actual for a diff.  Then the properties are checked on
 * their own (BOM and CRLF, formulas neutralised, no tag from a name, the
 * refresh only while the competition runs, the JSON and CSV parsed by
 * Python), and board_write_all against a missing directory, out of memory,
 * and failing writes: write and fsync are wrapped at link time (see
 * LDFLAGS_test_board in the Makefile) to fail for one target file.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "board.h"
#include "fsutil.h"
#include "i18n.h"
#include "mem.h"
#include "text.h"

/* ---- failure injection ------------------------------------------------ */

/* Writes and fsyncs of the temporary file for target (".TARGET.XXXXXX";
 * with 'any', ".TARGET.*.XXXXXX" too) fail with fail_errno while target is
 * set. */
static struct {
	const char *target;
	int any;
	int write_fails, fsync_fails;
	int fail_errno;
	int hits;
} inj;

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);

/* Whether fd is the temporary file of inj.target. */
static int
is_target(int fd)
{
	char link[64], path[PATH_MAX], prefix[256];
	const char *base;
	ssize_t n;

	if (inj.target == NULL)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	snprintf(prefix, sizeof prefix, ".%s.", inj.target);
	if (strncmp(base, prefix, strlen(prefix)) != 0)
		return 0;
	/* The temporary name ends in ".XXXXXX": one more dot means another
	 * file whose name starts with target. */
	return inj.any || strchr(base + strlen(prefix), '.') == NULL;
}

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	if (inj.write_fails && is_target(fd)) {
		inj.hits++;
		errno = inj.fail_errno;
		return -1;
	}
	return __real_write(fd, buf, n);
}

int
__wrap_fsync(int fd)
{
	if (inj.fsync_fails && is_target(fd)) {
		inj.hits++;
		errno = inj.fail_errno;
		return -1;
	}
	return __real_fsync(fd);
}

/* ---- the standings ---------------------------------------------------- */

static const char *const round_names[] = {"必答题", "抢答题", "=风险|题<3>"};
static const int pts1[] = {60, 40, 20};
static const int pts2[] = {40, 30, 20};
static const int pts3[] = {50, 30, 20};
static const int pts4[] = {0, -10, 10};
static const struct standings_adjustment adj1[] = {{5, "评委复核：第 3 题答案正确"}};
static const struct standings_adjustment adj3[] = {{-10, "@x\tfoul: buzzed \"early\", twice"}};
static const struct standings_adjustment adj4[] = {
	{-20, "=HYPERLINK(\"http://x\")"},
	{10, "<img src=x onerror=alert(1)> a|b"},
};

#define BAD_NAME "-x\t@x\r兰州\xff\xfe石化"

static const struct standings_team teams[] = {
	{"西固城街道代表队", '1', 125, 1, pts1, adj1, 1, 0},
	{"=cmd|' /C calc'!A0", '2', 90, 2, pts2, NULL, 0, 2},
	{"<script>alert(1)</script> \"a|b\", +1", '3', 90, 2, pts3, adj3, 1, 0},
	{BAD_NAME, '4', -10, 4, pts4, adj4, 2, 0},
};

static struct standings
fixture(bool final)
{
	struct standings s = {
		.title = "第十九个民族团结进步宣传月知识竞赛 <决赛> & \"A|B\"",
		.final = final,
		.round_names = round_names,
		.nrounds = 3,
		.start = 0,
		.teams = teams,
		.nteams = 4,
		.events = 42,
	};

	return s;
}

typedef void (*writer)(struct strbuf *, const struct standings *);

/* The writer's output for s, malloc'd by the strbuf (free with strbuf_free). */
static struct strbuf
run(writer w, const struct standings *s)
{
	struct strbuf b = {0};

	w(&b, s);
	assert_false(b.oom);
	assert_non_null(b.data);
	return b;
}

/* ---- helpers ---------------------------------------------------------- */

static const char *
datadir(void)
{
	const char *d = getenv("JINGSAI_TESTDATA");

	return d != NULL && *d != '\0' ? d : "data";
}

/* got equals tests/data/board-NAME.expected byte for byte; else the output
 * is saved for a diff and the first difference reported. */
static void
assert_expected(const struct strbuf *got, const char *name)
{
	char path[4096], actual[4096];
	const char *tmp = getenv("TMPDIR");
	size_t len = 0, i;
	char *want;

	snprintf(path, sizeof path, "%s/board-%s.expected", datadir(), name);
	want = fs_read(path, &len);
	if (want != NULL && len == got->len && memcmp(want, got->data, len) == 0) {
		free(want);
		return;
	}
	snprintf(actual, sizeof actual, "%s/board-%s.actual",
		 tmp != NULL && *tmp == '/' ? tmp : "/tmp", name);
	fs_write(actual, got->data, got->len);
	if (want == NULL)
		fail_msg("cannot read %s (the output is in %s)", path, actual);
	for (i = 0; i < len && i < got->len && want[i] == got->data[i]; i++)
		;
	free(want);
	fail_msg("%s differs at byte %zu (expected %zu bytes, got %zu); the output is in %s", path,
		 i, len, got->len, actual);
}

/* The whole of b is valid UTF-8. */
static void
assert_utf8(const struct strbuf *b)
{
	size_t i = 0, n;
	unsigned cp;

	while (i < b->len) {
		n = text_decode(b->data + i, b->len - i, &cp);
		if (n == 0)
			fail_msg("invalid UTF-8 at byte %zu", i);
		i += n;
	}
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay != NULL; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* Run python3 on script with file as its argument: 0 when it exited 0,
 * 77 when there is no python3, else its status. */
static int
python(const char *dir, const char *script, const char *file)
{
	char cmd[8192];
	const char *py = fs_path(dir, "check.py");
	int st;

	assert_int_equal(fs_write(py, script, strlen(script)), 0);
	if (system("command -v python3 >/dev/null 2>&1") != 0)
		return 77;
	snprintf(cmd, sizeof cmd, "python3 '%s' '%s'", py, file);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int
setup(void **state)
{
	char *dir = fs_tmpdir();

	if (dir == NULL)
		return -1;
	memset(&inj, 0, sizeof inj);
	*state = dir;
	return 0;
}

static int
teardown(void **state)
{
	char *dir = *state;

	memset(&inj, 0, sizeof inj);
	mem_fail_after(-1, 0);
	fs_rmtree(dir);
	free(dir);
	return 0;
}

/* ---- each format ------------------------------------------------------ */

static void
test_json_expected(void **state)
{
	struct standings s = fixture(false);
	struct strbuf b = run(board_json, &s);

	(void)state;
	assert_expected(&b, "json");
	assert_utf8(&b);
	strbuf_free(&b);
}

/* Python reads the file back: the key order, the teams in standings order,
 * the names as they were (invalid bytes as U+FFFD), null where no tiebreak. */
static void
test_json_parses(void **state)
{
	static const char script[] =
		"import json, sys\n"
		"d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
		"assert list(d) == ['title', 'final', 'teams', 'events'], list(d)\n"
		"assert d['final'] is False and d['events'] == 42\n"
		"t = d['teams']\n"
		"assert [list(x) for x in t] == [['name', 'key', 'score', 'rank', 'rounds',\n"
		"    'adjustments', 'tiebreak']] * 4\n"
		"assert [x['rank'] for x in t] == [1, 2, 2, 4]\n"
		"assert [x['key'] for x in t] == ['1', '2', '3', '4']\n"
		"assert [x['tiebreak'] for x in t] == [None, 2, None, None]\n"
		"assert t[1]['name'] == \"=cmd|' /C calc'!A0\"\n"
		"assert t[3]['name'] == '-x\\t@x\\r兰州\\ufffd\\ufffd石化', repr(t[3]['name'])\n"
		"assert t[3]['score'] == -10\n"
		"assert list(t[0]['rounds'].items()) == [('必答题', 60), ('抢答题', 40),\n"
		"    ('=风险|题<3>', 20)]\n"
		"assert t[3]['adjustments'][0] == {'delta': -20, 'reason': "
		"'=HYPERLINK(\"http://x\")'}\n"
		"assert t[1]['adjustments'] == []\n";
	const char *dir = *state, *p = fs_path(dir, "s.json");
	struct standings s = fixture(false);
	struct strbuf b = run(board_json, &s);
	int r;

	assert_int_equal(fs_write(p, b.data, b.len), 0);
	strbuf_free(&b);
	r = python(dir, script, p);
	if (r == 77)
		skip();
	assert_int_equal(r, 0);
}

static void
test_csv_expected(void **state)
{
	struct standings s = fixture(false);
	struct strbuf b = run(board_csv, &s);
	size_t i;

	(void)state;
	assert_expected(&b, "csv");
	assert_utf8(&b);
	assert_memory_equal(b.data, "\xef\xbb\xbf", 3);
	/* Every record ends in CRLF, and no bare LF appears. */
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			assert_true(i > 0 && b.data[i - 1] == '\r');
	assert_int_equal(count(b.data, "\r\n"), 5);
	assert_true(b.data[b.len - 2] == '\r' && b.data[b.len - 1] == '\n');
	/* Formulas neutralised, negative numbers left alone. */
	assert_non_null(strstr(b.data, "\r\n2,'=cmd|' /C calc'!A0,40,30,20,0,90,2\r\n"));
	assert_non_null(strstr(b.data, ",'=风险|题<3>,"));
	assert_non_null(strstr(b.data,
			       "\r\n4,\"'-x\t@x\r兰州\xef\xbf\xbd\xef\xbf\xbd石化\",0,-10,10,"
			       "-10,-10,\r\n"));
	strbuf_free(&b);
}

/* Python's csv module, as a spreadsheet would read it: the BOM, one row per
 * team, the cells as written. */
static void
test_csv_parses(void **state)
{
	static const char script[] =
		"import csv, sys\n"
		"raw = open(sys.argv[1], 'rb').read()\n"
		"assert raw.startswith(b'\\xef\\xbb\\xbf')\n"
		"rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
		"assert rows[0] == ['Rank', 'Team', '必答题', '抢答题', \"'=风险|题<3>\",\n"
		"    'Adjustments', 'Score', 'Tiebreak'], rows[0]\n"
		"assert len(rows) == 5 and all(len(r) == 8 for r in rows)\n"
		"assert [r[0] for r in rows[1:]] == ['1', '2', '2', '4']\n"
		"assert rows[3][1] == '<script>alert(1)</script> \"a|b\", +1'\n"
		"assert rows[4][1] == \"'-x\\t@x\\r兰州\\ufffd\\ufffd石化\", repr(rows[4][1])\n"
		"assert rows[4][5:] == ['-10', '-10', '']\n"
		"assert rows[2][7] == '2'\n";
	const char *dir = *state, *p = fs_path(dir, "s.csv");
	struct standings s = fixture(false);
	struct strbuf b = run(board_csv, &s);
	int r;

	assert_int_equal(fs_write(p, b.data, b.len), 0);
	strbuf_free(&b);
	r = python(dir, script, p);
	if (r == 77)
		skip();
	assert_int_equal(r, 0);
}

/* Each character that starts a formula gets its apostrophe, inside the
 * quotes when the cell needs them; other text and numbers are left alone. */
static void
test_csv_formula_guard(void **state)
{
	static const struct {
		const char *name, *row;
	} cases[] = {
		{"=1+1", "1,'=1+1,-10,0,-10,\r\n"},
		{"+1", "1,'+1,-10,0,-10,\r\n"},
		{"-x", "1,'-x,-10,0,-10,\r\n"},
		{"@x", "1,'@x,-10,0,-10,\r\n"},
		{"\tx", "1,\"'\tx\",-10,0,-10,\r\n"},
		{"\rx", "1,\"'\rx\",-10,0,-10,\r\n"},
		{"x=1", "1,x=1,-10,0,-10,\r\n"},
		{"a,b", "1,\"a,b\",-10,0,-10,\r\n"},
		{"say \"hi\"", "1,\"say \"\"hi\"\"\",-10,0,-10,\r\n"},
		{"中 -1", "1,中 -1,-10,0,-10,\r\n"},
		{"", "1,,-10,0,-10,\r\n"},
	};
	static const char *const rn[] = {"R"};
	static const int pts[] = {-10};
	struct standings_team t = {NULL, 'a', -10, 1, pts, NULL, 0, 0};
	struct standings s = {"T", false, rn, 1, 0, &t, 1, 1};
	struct strbuf b;
	const char *row;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t.name = cases[i].name;
		b = run(board_csv, &s);
		row = strstr(b.data, "\r\n");
		assert_non_null(row);
		if (strcmp(row + 2, cases[i].row) != 0)
			fail_msg("name '%s': row '%s', expected '%s'", cases[i].name, row + 2,
				 cases[i].row);
		strbuf_free(&b);
	}
}

static void
test_md_expected(void **state)
{
	struct standings s = fixture(false);
	struct strbuf b = run(board_md, &s);
	const char *p;
	size_t rows = 0;

	(void)state;
	assert_expected(&b, "md");
	assert_utf8(&b);
	/* Every table row has exactly the columns of the header: no name adds a
	 * cell (an unescaped | would), none breaks a row (a line break would). */
	for (p = b.data; (p = strstr(p, "\n| ")) != NULL; p++) {
		const char *end = strchr(p + 1, '\n');
		size_t bars = 0;

		for (const char *q = p + 1; q < end; q++)
			if (*q == '|' && q[-1] != '\\')
				bars++;
		assert_int_equal(bars, 3 + 3 + 3);
		rows++;
	}
	assert_int_equal(rows, 1 + 1 + 4);
	/* No raw HTML from a name: every '<' is escaped. */
	for (p = strchr(b.data, '<'); p != NULL; p = strchr(p + 1, '<'))
		assert_true(p > b.data && p[-1] == '\\');
	assert_non_null(strstr(b.data, "**In progress**"));
	strbuf_free(&b);
	s = fixture(true);
	b = run(board_md, &s);
	assert_non_null(strstr(b.data, "**Final result**"));
	strbuf_free(&b);
}

/* Tags the page itself uses; a '<' followed by anything else came from a
 * name that was not escaped. */
static int
our_tag(const char *p)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head",    "meta",  "title", "style", "body", "header",
		"h1",       "h2",   "div",     "table", "thead", "tbody", "tr",   "th",
		"td",       "span", "section", "ul",    "li",    "b",
	};
	size_t i, n;

	p += p[1] == '/' ? 2 : 1;
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		n = strlen(tags[i]);
		if (strncmp(p, tags[i], n) == 0 && (p[n] == ' ' || p[n] == '>'))
			return 1;
	}
	return 0;
}

static void
test_html_expected(void **state)
{
	struct standings s = fixture(false);
	struct strbuf b = run(board_html, &s);
	const char *p;

	(void)state;
	assert_expected(&b, "html");
	assert_utf8(&b);
	for (p = strchr(b.data, '<'); p != NULL; p = strchr(p + 1, '<'))
		if (!our_tag(p))
			fail_msg("a '<' the page did not write: '%.30s'", p);
	assert_non_null(
		strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;a|b&quot;, +1"));
	assert_non_null(strstr(b.data, "=cmd|&#39; /C calc&#39;!A0"));
	assert_non_null(strstr(b.data, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(b.data, "兰州\xef\xbf\xbd\xef\xbf\xbd石化"));
	assert_non_null(strstr(b.data, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(b.data, "<html lang=\"en\">"));
	/* Self-contained: nothing that could load from elsewhere. */
	assert_null(strstr(b.data, "<link"));
	assert_null(strstr(b.data, "<script"));
	assert_null(strstr(b.data, "<img"));
	assert_null(strstr(b.data, "url("));
	assert_null(strstr(b.data, "@import"));
	strbuf_free(&b);
}

/* The page reloads itself while the competition runs, never once final. */
static void
test_html_refresh(void **state)
{
	struct standings s = fixture(false);
	struct strbuf b = run(board_html, &s);

	(void)state;
	assert_int_equal(count(b.data, "<meta http-equiv=\"refresh\" content=\"5\">"), 1);
	assert_non_null(strstr(b.data, "In progress"));
	strbuf_free(&b);
	s = fixture(true);
	b = run(board_html, &s);
	assert_null(strstr(b.data, "refresh"));
	assert_non_null(strstr(b.data, "Final result"));
	assert_null(strstr(b.data, "In progress"));
	strbuf_free(&b);
}

/* lang follows the UI language. */
static void
test_html_lang(void **state)
{
	struct standings s = fixture(true);
	struct strbuf b;

	(void)state;
	i18n_setup(I18N_ZH);
	b = run(board_html, &s);
	i18n_setup(I18N_EN);
	assert_non_null(strstr(b.data, "<html lang=\"zh-CN\">"));
	strbuf_free(&b);
}

/* No title, no rounds, no teams, no adjustments: still whole files. */
static void
test_empty(void **state)
{
	static const char script[] = "import json, sys\n"
				     "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
				     "assert d == {'title': None, 'final': True, 'teams': [],\n"
				     "    'events': 0}, d\n";
	const char *dir = *state, *p = fs_path(dir, "e.json");
	struct standings s = {NULL, true, NULL, 0, 0, NULL, 0, 0};
	struct strbuf b;
	int r;

	b = run(board_csv, &s);
	assert_string_equal(b.data, "\xef\xbb\xbfRank,Team,Adjustments,Score,Tiebreak\r\n");
	strbuf_free(&b);
	b = run(board_md, &s);
	assert_string_equal(b.data, "# Scoreboard\n\n**Final result**\n\n"
				    "| Rank | Team | Adjustments | Score | Tiebreak |\n"
				    "| ---: | :--- | ---: | ---: | ---: |\n\n"
				    "## Adjustments\n\nNone.\n");
	strbuf_free(&b);
	b = run(board_html, &s);
	assert_non_null(strstr(b.data, "<title>Scoreboard</title>"));
	assert_non_null(strstr(b.data, "<tbody>\n</tbody>"));
	assert_null(strstr(b.data, "<section"));
	strbuf_free(&b);
	b = run(board_json, &s);
	assert_string_equal(b.data, "{\n  \"title\": null,\n  \"final\": true,\n  \"teams\": [],\n"
				    "  \"events\": 0\n}\n");
	assert_int_equal(fs_write(p, b.data, b.len), 0);
	strbuf_free(&b);
	r = python(dir, script, p);
	if (r == 77)
		skip();
	assert_int_equal(r, 0);
}

/* Out of memory at each allocation in turn: the buffer says so, nothing
 * leaks, and once there is memory the output is whole. */
static void
test_oom(void **state)
{
	static const writer writers[] = {board_json, board_csv, board_md, board_html};
	struct standings s = fixture(false);
	struct strbuf b, full;
	long live, n;
	size_t w;

	(void)state;
	for (w = 0; w < sizeof writers / sizeof writers[0]; w++) {
		full = run(writers[w], &s);
		live = mem_live();
		for (n = 0;; n++) {
			memset(&b, 0, sizeof b);
			mem_fail_after(n, 1);
			writers[w](&b, &s);
			mem_fail_after(-1, 0);
			if (!b.oom)
				break;
			strbuf_free(&b);
			assert_int_equal(mem_live(), live);
			assert_true(n < 10000);
		}
		assert_true(n > 0);
		assert_int_equal(b.len, full.len);
		assert_memory_equal(b.data, full.data, b.len);
		strbuf_free(&b);
		strbuf_free(&full);
	}
}

/* ---- board_write_all -------------------------------------------------- */

static const char *const names[] = {"scoreboard.json", "scoreboard.csv", "scoreboard.md",
				    "scoreboard.html"};
static const writer writers_of[] = {board_json, board_csv, board_md, board_html};

/* dir/NAME holds what the writer makes of s. */
static void
assert_file(const char *dir, size_t i, const struct standings *s)
{
	struct strbuf b = run(writers_of[i], s);
	size_t len;
	char *got = fs_read(fs_path(dir, names[i]), &len);

	if (got == NULL)
		fail_msg("%s was not written", names[i]);
	assert_int_equal(len, b.len);
	assert_memory_equal(got, b.data, len);
	free(got);
	strbuf_free(&b);
}

static void
test_write_all(void **state)
{
	const char *dir = *state;
	struct standings s = fixture(false);
	char *err = (char *)"untouched";
	size_t i;

	assert_int_equal(board_write_all(dir, &s, &err), 0);
	assert_null(err);
	assert_int_equal(fs_count(dir, "", NULL, 0), 4);
	for (i = 0; i < 4; i++) {
		assert_file(dir, i, &s);
		assert_int_equal(fs_mode(fs_path(dir, names[i])), 0644);
	}
	/* Again, final now, the directory given with a trailing slash. */
	s = fixture(true);
	assert_int_equal(board_write_all(fs_path(dir, ""), &s, NULL), 0);
	assert_int_equal(fs_count(dir, "", NULL, 0), 4);
	for (i = 0; i < 4; i++)
		assert_file(dir, i, &s);
}

static void
test_write_all_no_dir(void **state)
{
	const char *dir = *state, *missing = fs_path(dir, "no/such");
	struct standings s = fixture(false);
	char *err = NULL;

	assert_int_equal(board_write_all(missing, &s, &err), 4);
	assert_non_null(err);
	if (strstr(err, "no/such/scoreboard.json") == NULL || strstr(err, strerror(ENOENT)) == NULL)
		fail_msg("message '%s' should name the file and the reason", err);
	free(err);
	assert_int_equal(board_write_all(missing, &s, NULL), 4);
	assert_int_equal(fs_count(dir, "", NULL, 0), 0);
}

/* One file failing (at write, at fsync) keeps its old version whole and
 * does not stop the other three. */
static void
test_write_fails_old_intact(void **state)
{
	static const char OLD[] = "{\"old\": true}\n";
	const char *dir = *state, *json = fs_path(dir, "scoreboard.json");
	struct standings s = fixture(false), fin = fixture(true);
	struct strbuf before;
	char *err = NULL, *got, last[256];
	size_t len = 0, i;

	assert_int_equal(fs_write(json, OLD, strlen(OLD)), 0);
	inj.target = "scoreboard.json";
	inj.write_fails = 1;
	inj.fail_errno = ENOSPC;
	assert_int_equal(board_write_all(dir, &s, &err), 1);
	assert_true(inj.hits > 0);
	memset(&inj, 0, sizeof inj);
	assert_non_null(err);
	if (strstr(err, json) == NULL || strstr(err, strerror(ENOSPC)) == NULL)
		fail_msg("message '%s' should name %s and the reason", err, json);
	free(err);
	got = fs_read(json, &len);
	assert_non_null(got);
	assert_int_equal(len, strlen(OLD));
	assert_memory_equal(got, OLD, len);
	free(got);
	for (i = 1; i < 4; i++)
		assert_file(dir, i, &s);
	assert_int_equal(fs_count(dir, ".", last, sizeof last), 0);

	/* The page's fsync fails while the competition becomes final: the old
	 * page stays (still refreshing), the rest is the final result. */
	before = run(board_html, &s);
	inj.target = "scoreboard.html";
	inj.fsync_fails = 1;
	inj.fail_errno = EIO;
	assert_int_equal(board_write_all(dir, &fin, &err), 1);
	assert_int_equal(inj.hits, 1);
	memset(&inj, 0, sizeof inj);
	assert_non_null(err);
	assert_non_null(strstr(err, "scoreboard.html"));
	assert_non_null(strstr(err, strerror(EIO)));
	free(err);
	got = fs_read(fs_path(dir, "scoreboard.html"), &len);
	assert_non_null(got);
	assert_int_equal(len, before.len);
	assert_memory_equal(got, before.data, len);
	free(got);
	strbuf_free(&before);
	for (i = 0; i < 3; i++)
		assert_file(dir, i, &fin);
	if (fs_count(dir, ".", last, sizeof last) != 0)
		fail_msg("temporary file left behind: %s", last);

	/* Every file failing: four failures, the first one reported, all the
	 * old files whole. */
	for (i = 0; i < 4; i++)
		assert_int_equal(fs_write(fs_path(dir, names[i]), OLD, strlen(OLD)), 0);
	inj.target = "scoreboard";
	inj.any = 1;
	inj.write_fails = 1;
	inj.fail_errno = EIO;
	assert_int_equal(board_write_all(dir, &s, &err), 4);
	assert_int_equal(inj.hits, 4);
	memset(&inj, 0, sizeof inj);
	assert_non_null(err);
	assert_non_null(strstr(err, json));
	free(err);
	for (i = 0; i < 4; i++) {
		got = fs_read(fs_path(dir, names[i]), &len);
		assert_non_null(got);
		assert_int_equal(len, strlen(OLD));
		assert_memory_equal(got, OLD, len);
		free(got);
	}
	assert_int_equal(fs_count(dir, ".", NULL, 0), 0);
}

/* Out of memory in board_write_all: failures counted, nothing leaked, and
 * every file there is whole (the old one or the new one). */
static void
test_write_all_oom(void **state)
{
	const char *dir = *state;
	struct standings s = fixture(false), fin = fixture(true);
	struct strbuf old[4], cur[4];
	long live, n;
	int failed;
	char *err, *got;
	size_t i, len = 0;

	assert_int_equal(board_write_all(dir, &s, NULL), 0);
	for (i = 0; i < 4; i++) {
		old[i] = run(writers_of[i], &s);
		cur[i] = run(writers_of[i], &fin);
	}
	live = mem_live();
	for (n = 0;; n++) {
		err = NULL;
		mem_fail_after(n, 0);
		failed = board_write_all(dir, &fin, &err);
		mem_fail_after(-1, 0);
		assert_int_equal(mem_live(), live);
		if (failed == 0) {
			assert_null(err);
			break;
		}
		assert_int_equal(failed, 1); /* only one allocation failed */
		if (err != NULL && strstr(err, strerror(ENOMEM)) == NULL)
			fail_msg("message '%s' should say out of memory", err);
		free(err);
		for (i = 0; i < 4; i++) {
			got = fs_read(fs_path(dir, names[i]), &len);
			assert_non_null(got);
			if (!(len == old[i].len && memcmp(got, old[i].data, len) == 0) &&
			    !(len == cur[i].len && memcmp(got, cur[i].data, len) == 0))
				fail_msg("%s is neither the old nor the new version", names[i]);
			free(got);
		}
		assert_true(n < 100000);
	}
	assert_true(n >= 8); /* a path and a buffer per file at least */
	for (i = 0; i < 4; i++) {
		assert_file(dir, i, &fin);
		strbuf_free(&old[i]);
		strbuf_free(&cur[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_expected),
		cmocka_unit_test_setup_teardown(test_json_parses, setup, teardown),
		cmocka_unit_test(test_csv_expected),
		cmocka_unit_test_setup_teardown(test_csv_parses, setup, teardown),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_md_expected),
		cmocka_unit_test(test_html_expected),
		cmocka_unit_test(test_html_refresh),
		cmocka_unit_test(test_html_lang),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test(test_oom),
		cmocka_unit_test_setup_teardown(test_write_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_all_no_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_fails_old_intact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_all_oom, setup, teardown),
	};

	i18n_setup(I18N_EN);
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
