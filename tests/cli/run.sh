#!/bin/sh
# tests/cli/run.sh — the command-line scenarios: one per user story, each
# running the real binary and checking its exit status, stdout and stderr.
#
#   JINGSAI=/abs/path/to/jingsai sh tests/cli/run.sh [WORD]
#
# Run from anywhere (it is `make cli`); with WORD, only the scenarios whose
# name contains WORD run.  Each scenario prints `ok N - name` or `not ok N -
# name` followed by what differed; the last line is `N passed, M failed`, and
# the exit status is 1 when any scenario failed.  Fixtures are in data/; the
# commands run with the fixtures as working directory (so paths in the
# expected output are short) or in a fresh temporary directory.
#
# The YAML project's own test cases (yaml-test-suite) come from the fuzz seed
# corpus, where they are kept as yts-valid-*.yaml and yts-error-*.yaml.

set -u

if [ -z "${JINGSAI:-}" ]; then
	echo "run.sh: set JINGSAI to the path of the jingsai binary" >&2
	exit 2
fi
case $JINGSAI in
/*) ;;
*) JINGSAI=$(pwd)/$JINGSAI ;;
esac
if [ ! -x "$JINGSAI" ]; then
	echo "run.sh: $JINGSAI is not an executable" >&2
	exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data
ROOT=$(cd "$HERE/../.." && pwd)
SUITE=$ROOT/tests/fuzz/corpus
ONLY=${1:-}

# English messages and a UTF-8 locale, whatever the caller's environment.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE NO_COLOR 2>/dev/null || true

WORK=$(mktemp -d "${TMPDIR:-/tmp}/jingsai-cli.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP PIPE

HAVE_TIMEOUT=0
command -v timeout >/dev/null 2>&1 && HAVE_TIMEOUT=1
HAVE_PYTHON=0
command -v python3 >/dev/null 2>&1 && HAVE_PYTHON=1

DEFAULT_SECS=30
N=0
PASSED=0
FAILED=0
SKIPPED=0

# ---- helpers (used inside a scenario; T is its bookkeeping directory) -------

# Record a failure of the current scenario.
fail() {
	printf '%s\n' "$*" >>"$T/failures"
}

# Mark the current scenario as skipped, with a reason.
skip() {
	printf '%s\n' "$*" >"$T/skip"
}

# Run a command with a time limit (when timeout(1) exists).
with_timeout() {
	wt_secs=$1
	shift
	if [ "$HAVE_TIMEOUT" = 1 ]; then
		timeout -k 5 "$wt_secs" "$@"
	else
		"$@"
	fi
}

# run [-t SECS] [-o FILE | -c] COMMAND [ARG...]
# Run COMMAND with stdin from /dev/null, stdout to $T/stdout (or FILE with -o,
# or closed with -c) and stderr to $T/stderr; the status is left in STATUS.
run() {
	run_secs=$DEFAULT_SECS
	run_out=$T/stdout
	run_closed=0
	while [ $# -gt 0 ]; do
		case $1 in
		-t) run_secs=$2; shift 2 ;;
		-o) run_out=$2; shift 2 ;;
		-c) run_closed=1; shift ;;
		*) break ;;
		esac
	done
	RUN_CMD=$(printf '%s ' "$@" | sed "s|$JINGSAI|jingsai|g; s/ \$//")
	: >"$T/stdout"
	: >"$T/stderr"
	if [ "$run_closed" = 1 ]; then
		with_timeout "$run_secs" "$@" </dev/null 2>"$T/stderr" >&-
	else
		with_timeout "$run_secs" "$@" </dev/null >"$run_out" 2>"$T/stderr"
	fi
	STATUS=$?
}

# A word on a status that is not a plain exit.
status_note() {
	if [ "$STATUS" -eq 124 ] && [ "$HAVE_TIMEOUT" = 1 ]; then
		echo " (timed out)"
	elif [ "$STATUS" -ge 128 ]; then
		echo " (killed by signal $((STATUS - 128)))"
	fi
}

# Append the head of stdout and stderr to the failure report.
show_output() {
	for so_f in stdout stderr; do
		if [ -s "$T/$so_f" ]; then
			fail "  $so_f:"
			head -n 15 "$T/$so_f" | sed 's/^/    | /' >>"$T/failures"
			so_n=$(wc -l <"$T/$so_f")
			[ "$so_n" -gt 15 ] && fail "    | ... ($so_n lines)"
		else
			fail "  $so_f: (empty)"
		fi
	done
}

expect_status() {
	[ "$STATUS" -eq "$1" ] && return 0
	fail "$RUN_CMD: exit status $STATUS$(status_note), expected $1"
	show_output
	return 1
}

expect_stdout_contains() {
	grep -F -e "$1" "$T/stdout" >/dev/null 2>&1 && return 0
	fail "$RUN_CMD: stdout lacks: $1"
	show_output
	return 1
}

expect_stdout_lacks() {
	grep -F -e "$1" "$T/stdout" >/dev/null 2>&1 || return 0
	fail "$RUN_CMD: stdout should not contain: $1"
	show_output
	return 1
}

expect_stdout_matches() {
	grep -E -e "$1" "$T/stdout" >/dev/null 2>&1 && return 0
	fail "$RUN_CMD: no line of stdout matches /$1/"
	show_output
	return 1
}

expect_stderr_contains() {
	grep -F -e "$1" "$T/stderr" >/dev/null 2>&1 && return 0
	fail "$RUN_CMD: stderr lacks: $1"
	show_output
	return 1
}

expect_stderr_matches() {
	grep -E -e "$1" "$T/stderr" >/dev/null 2>&1 && return 0
	fail "$RUN_CMD: no line of stderr matches /$1/"
	show_output
	return 1
}

expect_stdout_empty() {
	[ ! -s "$T/stdout" ] && return 0
	fail "$RUN_CMD: stdout should be empty"
	show_output
	return 1
}

expect_stderr_empty() {
	[ ! -s "$T/stderr" ] && return 0
	fail "$RUN_CMD: stderr should be empty"
	show_output
	return 1
}

# expect_stdout_equals FILE: stdout is exactly FILE; the diff otherwise.
expect_stdout_equals() {
	diff -u "$1" "$T/stdout" >"$T/diff" 2>&1 && return 0
	fail "$RUN_CMD: stdout differs from $(basename "$1") (--- expected, +++ actual):"
	sed 's/^/    /' "$T/diff" >>"$T/failures"
	return 1
}

# expect_stdout_is TEXT: stdout is exactly TEXT and a newline.
expect_stdout_is() {
	printf '%s\n' "$1" >"$T/expected"
	expect_stdout_equals "$T/expected"
}

# Check that each diagnostic in stdout is followed by its source line (read
# from the file, relative to the working directory) and a caret under its
# column, columns counted in characters and the caret placed by display width
# (two columns for CJK).
check_carets() {
	if [ "$HAVE_PYTHON" != 1 ]; then
		fail "python3 is needed to check the carets"
		return 1
	fi
	if python3 - "$T/stdout" >"$T/carets" 2>&1 <<'EOF'
import re, sys, unicodedata

def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

out = open(sys.argv[1], encoding="utf-8").read().split("\n")
diag = re.compile(r"^(.+?):(\d+):(\d+): (error|warning): ")
bad = checked = 0
for i, text in enumerate(out):
    m = diag.match(text)
    if not m:
        continue
    path, line, col = m.group(1), int(m.group(2)), int(m.group(3))
    src = open(path, encoding="utf-8-sig", errors="replace").read().split("\n")[line - 1]
    src = src.rstrip("\r")
    want_src = " " + src.replace("\t", " ")
    want_caret = " " + " " * width(src[:col - 1]) + "^"
    got_src = out[i + 1] if i + 1 < len(out) else "(nothing)"
    got_caret = out[i + 2] if i + 2 < len(out) else "(nothing)"
    checked += 1
    if got_src != want_src:
        bad += 1
        print("%s: source line\n  expected %r\n  actual   %r" % (text, want_src, got_src))
    if got_caret != want_caret:
        bad += 1
        print("%s: caret\n  expected %r\n  actual   %r" % (text, want_caret, got_caret))
if checked == 0:
    print("no diagnostics to check")
    bad = 1
sys.exit(1 if bad else 0)
EOF
	then
		return 0
	fi
	fail "$RUN_CMD: source lines or carets are wrong:"
	sed 's/^/    /' "$T/carets" >>"$T/failures"
	return 1
}

# Check that stdout is valid JSON with python3 -m json.tool.
expect_stdout_json() {
	if [ "$HAVE_PYTHON" != 1 ]; then
		fail "python3 is needed to check JSON"
		return 1
	fi
	python3 -m json.tool "$T/stdout" >/dev/null 2>"$T/json-error" && return 0
	fail "$RUN_CMD: stdout is not valid JSON: $(cat "$T/json-error")"
	show_output
	return 1
}

# python_check SCRIPT [ARG...]: run a python3 check over stdout (sys.argv[1]);
# what it prints is the failure.
python_check() {
	pc_script=$1
	shift
	if [ "$HAVE_PYTHON" != 1 ]; then
		fail "python3 is needed for this check"
		return 1
	fi
	python3 -c "$pc_script" "$T/stdout" "$@" >"$T/python" 2>&1 && return 0
	fail "$RUN_CMD: check failed:"
	sed 's/^/    /' "$T/python" >>"$T/failures"
	return 1
}

# ---- the runner -------------------------------------------------------------

# scenario NAME FUNCTION: run FUNCTION in a subshell whose working directory
# is an empty temporary directory, and report it.
scenario() {
	case $1 in
	*"$ONLY"*) ;;
	*) return 0 ;;
	esac
	N=$((N + 1))
	T=$WORK/$N
	mkdir -p "$T/cwd"
	: >"$T/failures"
	(cd "$T/cwd" && "$2")
	sc_rc=$?
	if [ "$sc_rc" -ne 0 ] && [ ! -s "$T/failures" ]; then
		fail "the scenario itself stopped with status $sc_rc"
	fi
	if [ -s "$T/failures" ]; then
		echo "not ok $N - $1"
		sed 's/^/#   /' "$T/failures"
		FAILED=$((FAILED + 1))
	elif [ -s "$T/skip" ]; then
		echo "ok $N - $1 # SKIP $(cat "$T/skip")"
		PASSED=$((PASSED + 1))
		SKIPPED=$((SKIPPED + 1))
	else
		echo "ok $N - $1"
		PASSED=$((PASSED + 1))
	fi
}

# ---- scenarios: the command line ---------------------------------------------

sc_help_version() {
	run "$JINGSAI" --help
	expect_status 0
	expect_stdout_contains "usage: jingsai COMMAND"
	expect_stdout_matches '^ +jingsai lint '
	expect_stdout_matches '^ +jingsai stats '
	expect_stderr_empty

	run "$JINGSAI" --version
	expect_status 0
	expect_stdout_matches '^jingsai [0-9]+\.[0-9]+\.[0-9]+$'
	expect_stderr_empty
}

sc_command_help() {
	for ch_cmd in lint stats; do
		run "$JINGSAI" "$ch_cmd" --help
		expect_status 0
		expect_stdout_contains "usage: jingsai $ch_cmd [BANK...]"
		expect_stdout_contains "--format"
		expect_stderr_empty
	done
	run "$JINGSAI" lint --help
	expect_stdout_contains "--strict"
	expect_stdout_contains "--no-context"
}

sc_no_argument() {
	run "$JINGSAI"
	expect_status 2
	expect_stderr_contains "usage: jingsai COMMAND"
	expect_stdout_empty
}

sc_unknown_command() {
	run "$JINGSAI" frobnicate
	expect_status 2
	expect_stderr_contains "jingsai: unknown command 'frobnicate'"
	expect_stderr_contains "usage: jingsai COMMAND"
	expect_stdout_empty
}

# DESIGN.md: "Messages go to stderr as `jingsai: ...`".
sc_unknown_option() {
	cd "$DATA" || return 1
	for uo_cmd in lint stats; do
		run "$JINGSAI" "$uo_cmd" --bogus clean
		expect_status 2
		expect_stderr_matches "^jingsai: .*'--bogus'"
		expect_stderr_contains "usage: jingsai $uo_cmd [BANK...]"
		expect_stdout_empty
	done
	run "$JINGSAI" lint --format
	expect_status 2
	expect_stderr_matches "^jingsai: .*'--format'"
	expect_stderr_contains "usage: jingsai lint [BANK...]"
}

sc_bad_format() {
	cd "$DATA" || return 1
	for bf_cmd in lint stats; do
		run "$JINGSAI" "$bf_cmd" --format bogus clean
		expect_status 2
		expect_stderr_contains "jingsai: unknown format 'bogus': use text or json"
		expect_stderr_contains "usage: jingsai $bf_cmd [BANK...]"
		expect_stdout_empty
	done
}

# An option that takes no value, given one, is a usage error naming it.
sc_option_with_value() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint --strict=1 x
	expect_status 2
	expect_stderr_matches "^jingsai: lint: unknown option, or one that takes no value: '--strict'\$"
	expect_stdout_empty
}

# ---- scenarios: lint -----------------------------------------------------------

sc_lint_clean() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint clean/clean.yaml
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 1 file, 3 questions"
	expect_stderr_empty
	run "$JINGSAI" lint --strict clean
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 1 file, 3 questions"
}

sc_lint_errors() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint errors.yaml
	expect_status 1
	expect_stdout_equals "$DATA/errors.expected"
	# Line 9 has ten CJK characters before column 59: the caret goes under
	# display column 69 (plus the one-space indent of the context).
	expect_stdout_contains "errors.yaml:9:59: error: a judge answer is true or false"
	check_carets
	expect_stderr_empty
}

sc_lint_no_context() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint --no-context errors.yaml
	expect_status 1
	grep -E '^[^ ].*: (error|warning): |^[0-9]+ error' "$DATA/errors.expected" >"$T/expected"
	expect_stdout_equals "$T/expected"
}

sc_lint_warnings_strict() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint warnings.yaml
	expect_status 0
	expect_stdout_contains "warnings.yaml:3:5: warning: question 'warn-1' has no 'explanation'"
	expect_stdout_contains "warnings.yaml:8:5: warning: question 'warn-2' has no 'source'"
	expect_stdout_contains "0 errors, 2 warnings in 1 file, 2 questions"
	check_carets

	run "$JINGSAI" lint --strict warnings.yaml
	expect_status 1
	expect_stdout_contains "0 errors, 2 warnings in 1 file, 2 questions"

	run "$JINGSAI" lint --strict --format json warnings.yaml
	expect_status 1
	expect_stdout_json
}

sc_lint_json() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint --format json small.yaml
	expect_status 1
	expect_stdout_json
	python_check '
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
if got != want:
    print("records differ\n  expected %s\n  actual   %s" % (
        json.dumps(want, ensure_ascii=False), json.dumps(got, ensure_ascii=False)))
    sys.exit(1)
for r in got:
    if list(r) != ["file", "line", "column", "severity", "message"]:
        print("keys out of order: %s" % list(r))
        sys.exit(1)
' "$DATA/small.expected.json"
	expect_stderr_empty

	# JSON is for scripts: no context lines, no count line.
	expect_stdout_lacks "^"
	expect_stdout_lacks "1 error"
}

sc_lint_json_clean() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint --format json clean
	expect_status 0
	expect_stdout_json
	expect_stdout_is "[]"
	expect_stderr_empty
}

sc_lint_default_dir() {
	mkdir -p questions/more
	cp "$DATA/warnings.yaml" questions/
	cp "$DATA/clean/clean.yaml" questions/more/
	run "$JINGSAI" lint
	expect_status 0
	expect_stdout_contains "questions/warnings.yaml:3:5: warning: question 'warn-1' has no 'explanation'"
	expect_stdout_contains "0 errors, 2 warnings in 2 files, 5 questions"

	run "$JINGSAI" stats --format json
	expect_status 0
	expect_stdout_contains '"questions/more/clean.yaml"'
}

sc_lint_directory_order() {
	cd "$DATA" || return 1
	# tree/ holds a/one.yaml, b.yaml, c/d/deep.yml, competition.yaml (a
	# competition file: not a bank), notes.txt and c/README.md (not banks)
	# and z.yaml: diagnostics come in that sorted order, whatever readdir
	# says.  The competition file is checked after the banks: its round
	# needs more questions than the broken banks leave.
	run "$JINGSAI" lint --no-context tree
	expect_status 1
	expect_stdout_equals "$DATA/tree.expected"
	expect_stdout_lacks "notes.txt"
	expect_stderr_empty
	# Named alone, it checks the same banks: the same report.
	run "$JINGSAI" lint --no-context tree/competition.yaml
	expect_status 1
	expect_stdout_equals "$DATA/tree.expected"
}

# A competition file named directly is checked whole: its settings, the banks
# it names (counted with it) and its question plan.
sc_lint_competition_named() {
	cd "$ROOT" || return 1
	run "$JINGSAI" lint tests/data/competition.yaml
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 2 files, 11 questions"
	expect_stderr_empty
	run "$JINGSAI" lint --no-context tests/data/comp-errors.yaml
	expect_status 1
	expect_stdout_contains "tests/data/comp-errors.yaml:3:1: error: unknown key 'titel' in a competition file; did you mean 'title'?"
	expect_stdout_contains "tests/data/comp-errors.yaml:25:5: error: 'stakes' applies to risk rounds only"
	expect_stdout_contains "33 errors, 0 warnings in 1 file, 0 questions"
	run "$JINGSAI" lint --no-context tests/data/dir/competition.yaml
	expect_status 1
	expect_stdout_is "tests/data/dir/competition.yaml:7:5: error: round '抢答题' needs 5 questions but the banks have only 3 (open questions aside) not used by earlier rounds
1 error, 0 warnings in 3 files, 3 questions"
	run "$JINGSAI" lint tests/data/err-competition-syntax.yaml
	expect_status 1
	expect_stdout_contains "tests/data/err-competition-syntax.yaml:4:10: error: syntax error: did not find expected node content (while parsing a flow node)"
	expect_stdout_contains "1 error, 0 warnings in 1 file, 0 questions"
	check_carets
	run "$JINGSAI" lint --no-context tests/data/err-competition-syntax.yaml
	expect_status 1
	expect_stdout_is "tests/data/err-competition-syntax.yaml:4:10: error: syntax error: did not find expected node content (while parsing a flow node)
1 error, 0 warnings in 1 file, 0 questions"
}

sc_lint_duplicate_ids() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint dup
	expect_status 1
	expect_stdout_contains "dup/second.yaml:9:9: error: duplicate id 'same-id' (first at dup/first.yaml:3:9)"
	expect_stdout_contains "1 error, 0 warnings in 2 files, 3 questions"
	check_carets

	run "$JINGSAI" lint dup/second.yaml dup/first.yaml
	expect_status 1
	expect_stdout_contains "dup/first.yaml:3:9: error: duplicate id 'same-id' (first at dup/second.yaml:9:9)"
}

sc_lint_missing_path() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint no-such-bank.yaml
	expect_status 1
	expect_stdout_matches "^no-such-bank\.yaml: error: .*No such file or directory"
	expect_stdout_contains "1 error, 0 warnings"

	# The other banks are still checked.
	run "$JINGSAI" lint clean no-such-dir
	expect_status 1
	expect_stdout_matches "^no-such-dir: error: "
	expect_stdout_contains "3 questions"

	run "$JINGSAI" stats no-such-bank.yaml
	expect_status 1
	expect_stderr_contains "no-such-bank.yaml"
	expect_stdout_empty
}

sc_lint_empty_file() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint empty.yaml
	expect_status 1
	expect_stdout_is "empty.yaml: error: file is empty: a bank needs 'title' and 'questions'
1 error, 0 warnings in 1 file, 0 questions"
}

sc_lint_dir_without_banks() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint nobanks
	expect_status 1
	expect_stdout_contains "nobanks: error: no question banks (*.yaml, *.yml) in this directory"
	mkdir -p "$T/cwd/empty-dir"
	run "$JINGSAI" lint "$T/cwd/empty-dir"
	expect_status 1
	expect_stdout_contains "empty-dir: error: no question banks"
}

sc_lint_size_cap() {
	if ! truncate -s 65M huge.yaml 2>/dev/null; then
		skip "truncate -s 65M failed"
		return 0
	fi
	run -t 3 "$JINGSAI" lint huge.yaml
	expect_status 1
	expect_stdout_matches "^huge\.yaml: error: .*64 MiB limit"
	run -t 3 "$JINGSAI" stats huge.yaml
	expect_status 1
	expect_stderr_contains "limit"
}

sc_lint_syntax_tab() {
	printf 'title: 制表符\nquestions:\n\t- id: tab-1\n' >tab.yaml
	run "$JINGSAI" lint tab.yaml
	expect_status 1
	expect_stdout_is "tab.yaml:3:1: error: tab character: indent with spaces, not tabs
  - id: tab-1
 ^
1 error, 0 warnings in 1 file, 0 questions"
}

sc_lint_hostile() {
	cd "$DATA" || return 1
	run -t 2 "$JINGSAI" lint --no-context laughs.yaml
	expect_status 1
	expect_stdout_contains "laughs.yaml:2:8: error: anchor '&a': anchors and aliases are not allowed in a bank"
	expect_stdout_contains "laughs.yaml:3:13: error: alias '*a': anchors and aliases are not allowed in a bank"
	expect_stdout_contains "laughs.yaml:4:36: error: more anchors and aliases: not reported one by one"
	awk 'BEGIN { printf "title: deep\nquestions: "; for (i = 0; i < 200000; i++) printf "["; print "" }' \
		>"$T/cwd/deep.yaml"
	run -t 2 "$JINGSAI" lint --no-context "$T/cwd/deep.yaml"
	expect_status 1
	expect_stdout_contains "error: nesting deeper than"
}

# DESIGN.md: judge answers are true/false, also 对/错, 正确/错误, √/×, yes/no.
sc_lint_judge_words() {
	cd "$DATA" || return 1
	run "$JINGSAI" lint judge-words.yaml
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 1 file, 8 questions"
}

# A bank read through a named pipe (a generated bank): the report comes out,
# the run does not hang re-reading the pipe for the source lines.
sc_lint_fifo() {
	if ! mkfifo pipe.yaml 2>/dev/null; then
		skip "mkfifo failed"
		return 0
	fi
	cat "$DATA/errors.yaml" >pipe.yaml &
	ff_writer=$!
	run -t 5 "$JINGSAI" lint pipe.yaml
	kill "$ff_writer" 2>/dev/null
	expect_status 1
	expect_stdout_contains "pipe.yaml:6:13: error: a judge answer is true or false"
	expect_stdout_contains "6 errors, 0 warnings in 1 file, 4 questions"
}

sc_lint_shipped_banks() {
	if [ ! -d "$ROOT/questions" ]; then
		skip "no $ROOT/questions"
		return 0
	fi
	cd "$ROOT" || return 1
	run "$JINGSAI" lint --strict questions
	expect_status 0
	expect_stdout_matches '^0 errors, 0 warnings in [0-9]+ files?, [0-9]+ questions$'
	expect_stderr_empty
}

# ---- scenarios: stats ------------------------------------------------------------

sc_stats_text() {
	cd "$DATA" || return 1
	run "$JINGSAI" stats stats
	expect_status 0
	expect_stdout_equals "$DATA/stats.expected"
	expect_stderr_empty
}

sc_stats_json() {
	cd "$DATA" || return 1
	run "$JINGSAI" stats --format json stats
	expect_status 0
	expect_stdout_json
	python_check '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
check(list(d) == ["files", "questions", "banks", "categories", "types", "difficulties", "tags"],
      "top-level keys: %s" % list(d))
total = d["questions"]
check(d["files"] == 2, "files = %r, expected 2" % d["files"])
check(total == 7, "questions = %r, expected 7" % total)
check(d["banks"] == [
    {"path": "stats/policy.yaml", "title": "Ethnic unity policy 民族团结政策", "questions": 3},
    {"path": "stats/宪法.yaml", "title": "中华人民共和国宪法", "questions": 4}],
    "banks = %r" % d["banks"])
for key in ("banks", "categories", "types", "difficulties"):
    s = sum(r["questions"] for r in d[key])
    check(s == total, "%s add up to %d, not %d" % (key, s, total))
check({r["type"]: r["questions"] for r in d["types"]} ==
      {"single": 2, "multiple": 1, "judge": 2, "fill": 1, "open": 1}, "types = %r" % d["types"])
check({r["difficulty"]: r["questions"] for r in d["difficulties"] if r["questions"]} ==
      {None: 1, 1: 2, 2: 1, 3: 3}, "difficulties = %r" % d["difficulties"])
check({r["name"]: r["questions"] for r in d["categories"]} ==
      {"法律法规": 4, "宣传教育": 2, None: 1}, "categories = %r" % d["categories"])
# A question has any number of tags: the tag rows add up to the 8 (question,
# tag) pairs of the fixture, and none exceeds the total.
tags = {r["name"]: r["questions"] for r in d["tags"]}
check(tags == {"宪法": 3, "宣传月": 2, "共同体意识": 1, "国家统一": 1, "民族平等": 1},
      "tags = %r" % d["tags"])
check(sum(tags.values()) == 8, "tags add up to %d, not 8" % sum(tags.values()))
check(all(0 < n <= total for n in tags.values()), "a tag count is out of range")
for key in ("categories", "tags"):
    counts = [r["questions"] for r in d[key]]
    check(counts == sorted(counts, reverse=True), "%s are not by count" % key)
if bad:
    print("\n".join(bad))
    sys.exit(1)
'
}

sc_stats_errors() {
	cd "$DATA" || return 1
	run "$JINGSAI" stats errors.yaml
	expect_status 1
	expect_stdout_empty
	expect_stderr_contains "errors.yaml:6:13: error: a judge answer is true or false"
	expect_stderr_contains "errors.yaml:15:13: error: answer names option 'C', but the options are A to B"
	expect_stderr_contains "jingsai: the banks have errors; 'jingsai lint' shows them all"

	run "$JINGSAI" stats --format json errors.yaml
	expect_status 1
	expect_stdout_empty

	# Warnings alone do not stop stats.
	run "$JINGSAI" stats warnings.yaml
	expect_status 0
	expect_stdout_contains "只有警告的题库"
}

# ---- scenarios: output errors ------------------------------------------------------

sc_full_stdout() {
	if [ ! -w /dev/full ]; then
		skip "no /dev/full"
		return 0
	fi
	cd "$ROOT" || return 1
	run -o /dev/full "$JINGSAI" stats questions
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output: No space left on device"
	run -o /dev/full "$JINGSAI" lint questions
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
	run -o /dev/full "$JINGSAI" lint --format json questions
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
	run -o /dev/full "$JINGSAI" --help
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
}

sc_closed_stdout() {
	cd "$DATA" || return 1
	run -c "$JINGSAI" stats stats
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
	run -c "$JINGSAI" lint errors.yaml
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
	run -c "$JINGSAI" --version
	expect_status 1
	expect_stderr_contains "jingsai: cannot write the output"
}

# ---- scenarios: the YAML project's test suite ----------------------------------------

sc_yaml_suite_error() {
	cd "$SUITE" || return 1
	ys_n=0
	for ys_f in yts-error-*; do
		[ -f "$ys_f" ] || continue
		ys_n=$((ys_n + 1))
		run -t 5 "$JINGSAI" lint --no-context "$ys_f"
		if [ "$STATUS" -ne 1 ]; then
			fail "error/$ys_f: exit status $STATUS$(status_note), expected 1"
		elif ! grep -E "^$ys_f(:[0-9]+:[0-9]+)?: error: " "$T/stdout" >/dev/null; then
			fail "error/$ys_f: no '$ys_f:LINE:COL: error:' or '$ys_f: error:' line"
		fi
	done
	[ "$ys_n" -gt 0 ] || fail "no yts-error-* files in $SUITE"
}

sc_yaml_suite_valid() {
	cd "$SUITE" || return 1
	ys_n=0
	for ys_f in yts-valid-*; do
		[ -f "$ys_f" ] || continue
		ys_n=$((ys_n + 1))
		run -t 5 "$JINGSAI" lint "$ys_f"
		if [ "$STATUS" -ne 0 ] && [ "$STATUS" -ne 1 ]; then
			fail "valid/$ys_f: exit status $STATUS$(status_note), expected 0 or 1"
		fi
	done
	[ "$ys_n" -gt 0 ] || fail "no yts-valid-* files in $SUITE"
}

# ---- scenarios: installing ----------------------------------------------------------

# make install / uninstall into a temporary PREFIX, then into a DESTDIR: the
# binary of the current build (build/san/jingsai under SANITIZE=1), the banks,
# the catalog, the man pages, the completions.  PREFIX is compiled in, so the
# build is one of its own (in $WORK, by make -j2); the installed binary, run
# from another directory, finds the installed banks and catalog.
sc_install() {
	if ! command -v make >/dev/null 2>&1; then
		skip "no make"
		return 0
	fi
	# A make of its own (no jobserver of the caller's), of the same kind, and
	# none of the caller's install directories (a package build's, say).
	unset MAKEFLAGS MFLAGS MAKELEVEL PREFIX DESTDIR BINDIR DATADIR MANDIR LOCALEDIR \
		BASHCOMPDIR ZSHCOMPDIR
	in_san=
	case $JINGSAI in */build/san/jingsai) in_san=SANITIZE=1 ;; esac
	[ "${SANITIZE:-}" = 1 ] && in_san=SANITIZE=1
	in_prefix=$WORK/prefix
	in_build=$WORK/install-build
	run -t 300 make -s -j2 -C "$ROOT" install PREFIX="$in_prefix" BUILDDIR="$in_build" $in_san
	expect_status 0 || return 0
	for in_f in bin/jingsai "share/jingsai/questions/民族区域自治法.yaml" \
		share/jingsai/questions/schema.json "share/jingsai/questions/竞赛-宣传月决赛.yaml" \
		share/locale/zh_CN/LC_MESSAGES/jingsai.mo share/man/man1/jingsai.1 \
		share/man/man5/jingsai-bank.5 share/man/man5/jingsai-competition.5 \
		share/bash-completion/completions/jingsai share/zsh/site-functions/_jingsai; do
		[ -f "$in_prefix/$in_f" ] || fail "not installed: PREFIX/$in_f"
	done
	for in_f in "$ROOT"/man/*/*.[1-8]; do
		[ -f "$in_f" ] || continue
		in_l=${in_f#"$ROOT"/man/}
		in_f=share/man/${in_l%%/*}/man${in_f##*.}/${in_f##*/}
		[ -f "$in_prefix/$in_f" ] || fail "not installed: PREFIX/$in_f"
	done
	[ -x "$in_prefix/bin/jingsai" ] || fail "the installed binary is not executable"
	grep -q -F "$in_prefix/share/jingsai/questions" "$in_prefix/share/man/man1/jingsai.1" ||
		fail "the installed jingsai(1) does not name the installed banks' directory"
	# Only the installed catalog is left to find.
	rm -rf "$in_build/locale"
	# From an empty directory: no BANK means the installed banks.
	run "$in_prefix/bin/jingsai" lint --strict
	expect_status 0
	expect_stdout_matches '^0 errors, 0 warnings in [0-9]+ files, [0-9]+ questions$'
	printf 'A\n' >"$T/answers"
	RUN_CMD="jingsai practice --count 1 --order sequential (installed)"
	XDG_DATA_HOME=$T/xdg with_timeout 30 "$in_prefix/bin/jingsai" practice --count 1 \
		--order sequential <"$T/answers" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
	expect_status 0
	expect_stdout_contains "Question 1 of 1"
	run "$in_prefix/bin/jingsai" practice --lang zh --help
	expect_stdout_contains "用法"
	run env LANGUAGE=zh_CN "$in_prefix/bin/jingsai" --help
	expect_stdout_contains "用法"
	run bash -c ". '$in_prefix/share/bash-completion/completions/jingsai' && complete -p jingsai"
	expect_stdout_contains "complete -F _jingsai jingsai"
	run -t 300 make -s -C "$ROOT" uninstall PREFIX="$in_prefix" BUILDDIR="$in_build" $in_san
	expect_status 0
	in_left=$(find "$in_prefix" -type f | head -5)
	[ -z "$in_left" ] || fail "left after make uninstall: $in_left"

	# DESTDIR: the same build (nothing to rebuild), staged elsewhere.
	in_dest=$WORK/dest
	run -t 300 make -s -C "$ROOT" install PREFIX="$in_prefix" BUILDDIR="$in_build" $in_san \
		DESTDIR="$in_dest"
	expect_status 0
	[ -x "$in_dest$in_prefix/bin/jingsai" ] || fail "not installed: DESTDIR/PREFIX/bin/jingsai"
	[ -f "$in_dest$in_prefix/share/man/man1/jingsai.1" ] ||
		fail "not installed: DESTDIR/PREFIX/share/man/man1/jingsai.1"
	[ -e "$in_prefix/bin/jingsai" ] && fail "DESTDIR ignored: PREFIX/bin/jingsai installed"
	run "$in_dest$in_prefix/bin/jingsai" lint --strict "$in_dest$in_prefix/share/jingsai/questions"
	expect_status 0
	# The catalog through JINGSAI_LOCALEDIR, since DESTDIR moved it.
	run env LANGUAGE=zh_CN JINGSAI_LOCALEDIR="$in_dest$in_prefix/share/locale" \
		"$in_dest$in_prefix/bin/jingsai" --help
	expect_stdout_contains "用法"
	run -t 300 make -s -C "$ROOT" uninstall PREFIX="$in_prefix" BUILDDIR="$in_build" $in_san \
		DESTDIR="$in_dest"
	expect_status 0
	in_left=$(find "$in_dest" -type f | head -5)
	[ -z "$in_left" ] || fail "left after make uninstall DESTDIR=...: $in_left"
}

# Without root and without sudo, install-deps.sh prints the apt-get line and stops.
sc_install_deps_unprivileged() {
	id_bin=$WORK/fakebin
	mkdir -p "$id_bin"
	# Every package looks missing; sudo is there but refuses.
	printf '#!/bin/sh\nexit 1\n' >"$id_bin/dpkg-query"
	printf '#!/bin/sh\nexit 1\n' >"$id_bin/sudo"
	chmod 755 "$id_bin" "$id_bin/dpkg-query" "$id_bin/sudo"
	cp "$ROOT/scripts/install-deps.sh" "$WORK/install-deps.sh"
	chmod 755 "$WORK" "$WORK/install-deps.sh"
	if [ "$(id -u)" -eq 0 ]; then
		if ! command -v setpriv >/dev/null 2>&1; then
			skip "running as root without setpriv"
			return 0
		fi
		run env PATH="$id_bin:$PATH" setpriv --reuid=65534 --regid=65534 --clear-groups \
			sh "$WORK/install-deps.sh"
	else
		run env PATH="$id_bin:$PATH" sh "$WORK/install-deps.sh"
	fi
	expect_status 1
	expect_stderr_contains "apt-get update && apt-get install -y --no-install-recommends"
	expect_stderr_contains "libyaml-dev"
	expect_stderr_contains "libcmocka-dev"
}

# ---- scenarios: import and export (issue 4) -------------------------------------

IMPORT=$DATA/import

# Debian's python3 with python3-jsonschema and python3-yaml (install-deps.sh);
# a python3 earlier on PATH (pyenv, a venv) may lack them.
schema_python() {
	for sp_py in /usr/bin/python3 python3; do
		if "$sp_py" -c 'import jsonschema, yaml' >/dev/null 2>&1; then
			echo "$sp_py"
			return 0
		fi
	done
	return 1
}

# An author's spreadsheet (UTF-8 with BOM, CRLF, a cell with a line break, a
# guarded '=' cell) becomes a bank that lints clean, with the schema line.
sc_import_csv() {
	run "$JINGSAI" import --from csv "$IMPORT/民族区域自治法.csv"
	expect_status 0
	expect_stderr_empty
	[ "$(head -n 1 "$T/stdout")" = '# yaml-language-server: $schema=schema.json' ] ||
		fail "the first line is not the schema line: $(head -n 1 "$T/stdout")"
	expect_stdout_contains "title: 民族区域自治法"
	expect_stdout_contains "- id: q-001"
	expect_stdout_contains "- id: zzf-900"
	expect_stdout_contains "- id: q-003"
	expect_stdout_contains "  answer: =自治区、自治州、自治县。"
	expect_stdout_contains "    实行民主集中制的原则。"
	cp "$T/stdout" bank.yaml
	run "$JINGSAI" lint --strict bank.yaml
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 1 file, 5 questions"
}

# -o writes the file (never over an existing one without --force).
sc_import_output_file() {
	run "$JINGSAI" import --from csv --prefix zizhifa --title 自治法 -o out.yaml \
		"$IMPORT/民族区域自治法.csv"
	expect_status 0
	expect_stdout_empty
	expect_stderr_contains "jingsai: 5 questions from $IMPORT/民族区域自治法.csv (UTF-8 with BOM) written to out.yaml"
	grep -q '^title: 自治法$' out.yaml || fail "out.yaml lacks the title given"
	grep -q '^- id: zizhifa-001$' out.yaml || fail "out.yaml lacks the id zizhifa-001"
	cp out.yaml before.yaml
	run "$JINGSAI" import --from gift -o out.yaml "$IMPORT/sample.gift"
	expect_status 1
	expect_stderr_contains "jingsai: out.yaml exists: use --force to replace it"
	cmp -s out.yaml before.yaml || fail "out.yaml was changed without --force"
	run "$JINGSAI" import --from gift --force -o out.yaml "$IMPORT/sample.gift"
	expect_status 0
	grep -q '^- id: q1$' out.yaml || fail "--force did not replace out.yaml"
	ls -a | grep -q '^\.jingsai\.' && fail "a temporary file was left behind"
	run "$JINGSAI" import --from gift -o no/such/dir/out.yaml "$IMPORT/sample.gift"
	expect_status 1
	expect_stderr_contains "jingsai: cannot create a temporary file beside no/such/dir/out.yaml: No such file or directory"
}

# Every bad row is reported at its real line (a quoted cell with a line break
# makes row 3 start on line 4), and nothing is written.
sc_import_csv_errors() {
	cd "$IMPORT" || return 1
	run "$JINGSAI" import --from csv -o "$T/cwd/out.yaml" bad.csv
	expect_status 1
	expect_stdout_empty
	expect_stderr_contains "bad.csv:4:14: error: answer names option 'E', but the options are A to C"
	expect_stderr_contains "bad.csv:5:1: error: unknown type '多项': use 单选, 多选, 判断, 填空 or 简答"
	expect_stderr_contains "bad.csv:7:11: error: a 判断 answer is 对 or 错 (also 正确/错误, √/×, true/false), not '也许'"
	expect_stderr_contains "bad.csv:8:4: error: a 填空 question marks each blank with three or more '_'"
	expect_stderr_contains "jingsai: bad.csv: 4 errors; nothing written"
	[ -e "$T/cwd/out.yaml" ] && fail "out.yaml was written despite the errors"
	return 0
}

# The same sheet saved as GBK (Excel's "CSV" on a Chinese Windows) gives the
# same bank; its errors are at the same lines and columns.
sc_import_csv_gbk() {
	if ! command -v iconv >/dev/null 2>&1; then
		skip "no iconv(1)"
		return 0
	fi
	mkdir gbk
	tail -c +4 "$IMPORT/民族区域自治法.csv" | iconv -f UTF-8 -t GBK >gbk/民族区域自治法.csv ||
		fail "iconv failed"
	iconv -f UTF-8 -t GBK "$IMPORT/bad.csv" >gbk/bad.csv || fail "iconv failed"
	run "$JINGSAI" import --from csv "$IMPORT/民族区域自治法.csv"
	cp "$T/stdout" utf8.yaml
	run "$JINGSAI" import --from csv -o gbk.yaml gbk/民族区域自治法.csv
	expect_status 0
	expect_stderr_contains "(GBK/GB18030) written to gbk.yaml"
	cmp -s utf8.yaml gbk.yaml || fail "the GBK sheet gives another bank: $(diff utf8.yaml gbk.yaml | head -5)"
	run "$JINGSAI" import --from csv gbk/bad.csv
	expect_status 1
	expect_stderr_contains "gbk/bad.csv:4:14: error: answer names option 'E', but the options are A to C"
	expect_stderr_contains "gbk/bad.csv:8:4: error: a 填空 question marks each blank"
}

sc_import_gift_aiken() {
	cd "$IMPORT" || return 1
	run "$JINGSAI" import --from gift sample.gift
	expect_status 0
	expect_stdout_contains "- id: q1"
	expect_stdout_contains "  answer: [A, B, C]"
	expect_stdout_contains "  category: 法律法规"
	expect_stdout_contains "  question: 民族区域自治是国家的一项_____。"
	expect_stdout_contains "  answer: 自治区、自治州、自治县。"
	expect_stderr_contains "jingsai: 2 of 5 questions have no explanation (解析)"
	cp "$T/stdout" "$T/cwd/gift.yaml"
	run "$JINGSAI" lint "$T/cwd/gift.yaml"
	expect_status 0
	run "$JINGSAI" import --from gift bad.gift
	expect_status 1
	expect_stdout_empty
	expect_stderr_contains "bad.gift:3:23: error: numerical questions {#…} are not supported"
	expect_stderr_contains "bad.gift:5:9: error: matching questions {=a -> b} are not supported"
	run "$JINGSAI" import --from aiken sample.aiken.txt
	expect_status 0
	expect_stdout_contains "- id: sample.aiken-002"
	expect_stdout_contains "  answer: B"
	cp "$T/stdout" "$T/cwd/aiken.yaml"
	run "$JINGSAI" lint "$T/cwd/aiken.yaml"
	expect_status 0
}

# What only the bank loader checks (the same text twice, options alike) is
# still reported at the spreadsheet's lines, not the generated bank's.
sc_import_loader_findings() {
	printf '题型,题目,选项A,选项B,答案,解析,出处\n判断,同一道题。,,,对,x,y\n单选,二？,甲,乙,A,x,y\n判断,同一道题。,,,错,x,y\n单选,三？,Ａ,a,A,x,y\n' >dup.csv
	run "$JINGSAI" import --from csv dup.csv
	expect_status 0
	expect_stderr_contains "dup.csv:4:1: warning: question 'dup-003' has the same text as 'dup-001' (dup.csv:2:1)"
	expect_stderr_contains "dup.csv:5:1: warning: option B differs from option A only in case, width or spacing"
}

sc_import_export_usage() {
	cd "$IMPORT" || return 1
	run "$JINGSAI" import sample.gift
	expect_status 2
	expect_stderr_contains "jingsai: import: say which format FILE is in: --from csv, gift or aiken"
	expect_stderr_contains "usage: jingsai import --from csv|gift|aiken FILE"
	run "$JINGSAI" import --from xml sample.gift
	expect_status 2
	expect_stderr_contains "jingsai: unknown input format 'xml': use csv, gift or aiken"
	run "$JINGSAI" import --from gift
	expect_status 2
	expect_stderr_contains "jingsai: import: no FILE to import"
	run "$JINGSAI" import --from gift sample.gift bad.gift
	expect_status 2
	expect_stderr_contains "jingsai: import: one FILE at a time"
	run "$JINGSAI" import --from gift --prefix 'Bad Prefix' sample.gift
	expect_status 2
	expect_stderr_contains "jingsai: import: prefix 'Bad Prefix' is not valid"
	run "$JINGSAI" import --from csv no-such.csv
	expect_status 1
	expect_stderr_contains "jingsai: no-such.csv: No such file or directory"
	run "$JINGSAI" export "$ROOT/questions"
	expect_status 2
	expect_stderr_contains "jingsai: export: say which format to write: --to csv or gift"
	run "$JINGSAI" export --to xlsx
	expect_status 2
	expect_stderr_contains "jingsai: unknown output format 'xlsx': use csv or gift"
	for iu_cmd in import export; do
		run "$JINGSAI" "$iu_cmd" --help
		expect_status 0
		expect_stdout_contains "usage: jingsai $iu_cmd --"
	done
	run "$JINGSAI" --help
	expect_stdout_matches '^ +jingsai import --from csv\|gift\|aiken FILE'
	expect_stdout_matches '^ +jingsai export --to gift\|csv '
}

# CSV export: UTF-8 with BOM, the header import reads, formula cells guarded.
sc_export_csv() {
	run "$JINGSAI" export --to csv "$ROOT/tests/data/ok-interchange.yaml"
	expect_status 0
	expect_stderr_empty
	[ "$(head -c 3 "$T/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
		fail "the sheet does not start with a UTF-8 BOM"
	head -n 1 "$T/stdout" | grep -q '编号,题型,题目,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,答案,解析,出处,难度,分类,标签,分值,限时' ||
		fail "unexpected header: $(head -n 1 "$T/stdout")"
	expect_stdout_contains ",'=1+1,'-负号开头,'@at 开头,'+86,null,true,1984,'单引号',H,"
	expect_stdout_contains '"含逗号, ""双引号"" 与 GIFT 的 ~ = # { } : \ 字符？"'
	grep -q "$(printf '\r$')" "$T/stdout" || fail "the lines do not end in CRLF"
	run "$JINGSAI" export --to csv "$ROOT/tests/data/err-points.yaml"
	expect_status 1
	expect_stdout_empty
	expect_stderr_matches "err-points.yaml:[0-9]+:[0-9]+: error: "
	expect_stderr_contains "errors in the banks; nothing exported"
}

# GIFT leaves out what it cannot hold, naming it.
sc_export_gift() {
	run "$JINGSAI" export --to gift -o out.gift "$ROOT/tests/data/ok-all-types.yaml"
	expect_status 0
	expect_stderr_contains "ok-all-types.yaml:78:5: warning: question 'all-fill-two' is left out: GIFT has no 填空 with 2 blanks"
	expect_stderr_contains "jingsai: 10 questions written to out.gift"
	expect_stderr_contains "jingsai: 1 question left out"
	grep -q '^::all-judge-true::各民族自治地方都是中华人民共和国不可分离的部分。{TRUE####宪法第四条。}$' out.gift ||
		fail "out.gift lacks the judge question as GIFT writes it"
	grep -q '^\$CATEGORY: 政治制度$' out.gift || fail "out.gift lacks the category"
}

# Every shipped bank through CSV (UTF-8 and GBK) and GIFT and back: the bank
# imported lints --strict clean, and exporting it again gives the same file.
sc_round_trip_shipped() {
	set -- "$ROOT"/questions/*.yaml
	[ -e "$1" ] || { fail "no banks in $ROOT/questions"; return 0; }
	rt_n=0
	for rt_bank in "$@"; do
		# A competition file (no top-level questions:) is not a bank.
		grep -q '^questions:' "$rt_bank" || continue
		rt_n=$((rt_n + 1))
		for rt_fmt in csv gbk gift; do
			rt_to=$rt_fmt rt_from=$rt_fmt
			[ "$rt_fmt" = gbk ] && rt_to=csv rt_from=csv
			run "$JINGSAI" export --to "$rt_to" -o "$rt_n.$rt_fmt" "$rt_bank"
			expect_status 0 || continue
			if [ "$rt_fmt" = gbk ]; then
				# GBK as Excel writes it; GB18030 for a character GBK lacks.
				tail -c +4 "$rt_n.$rt_fmt" | iconv -f UTF-8 -t GBK >"$rt_n.gbk.csv" 2>/dev/null ||
					tail -c +4 "$rt_n.$rt_fmt" | iconv -f UTF-8 -t GB18030 >"$rt_n.gbk.csv" ||
					fail "iconv failed on $rt_bank"
			else
				cp "$rt_n.$rt_fmt" "$rt_n.$rt_fmt.csv"
			fi
			run "$JINGSAI" import --from "$rt_from" -o "$rt_n.$rt_fmt.yaml" "$rt_n.$rt_fmt.csv"
			expect_status 0 || continue
			run "$JINGSAI" lint --strict "$rt_n.$rt_fmt.yaml"
			expect_status 0
			run "$JINGSAI" export --to "$rt_to" -o "$rt_n.$rt_fmt.again" "$rt_n.$rt_fmt.yaml"
			expect_status 0
			# The GIFT file names its bank's title, which import takes from
			# the file name: compare from the line after it.
			if [ "$rt_to" = gift ]; then
				tail -n +2 "$rt_n.$rt_fmt" >a
				tail -n +2 "$rt_n.$rt_fmt.again" >b
			else
				cp "$rt_n.$rt_fmt" a
				cp "$rt_n.$rt_fmt.again" b
			fi
			cmp -s a b || fail "$rt_bank through $rt_fmt and back differs: $(diff a b | head -6)"
		done
	done
}

sc_schema() {
	if ! sc_py=$(schema_python); then
		fail "python3 with jsonschema and yaml is missing: run scripts/install-deps.sh"
		return 0
	fi
	run "$sc_py" "$ROOT/tests/schema/check_schema.py" "$ROOT"
	expect_status 0
	expect_stdout_matches '^[0-9]+ passed, 0 failed$'
	expect_stdout_contains "ok - accepts questions/"
	expect_stdout_contains "ok - rejects tests/data/err-id-format.yaml at id"
}

# ---- the list -------------------------------------------------------------------------

scenario "--help and --version exit 0" sc_help_version
scenario "COMMAND --help shows the command's usage" sc_command_help
scenario "no argument is a usage error" sc_no_argument
scenario "an unknown command is a usage error" sc_unknown_command
scenario "an unknown option is a usage error with a jingsai: message" sc_unknown_option
scenario "--format bogus is a usage error" sc_bad_format
scenario "an option that takes no value, given one (--strict=1), is a usage error" sc_option_with_value
scenario "lint on a clean bank reports 0 errors, 0 warnings" sc_lint_clean
scenario "lint shows FILE:LINE:COL, the source line and a caret (CJK is two columns)" sc_lint_errors
scenario "lint --no-context prints only the diagnostic lines" sc_lint_no_context
scenario "warnings alone exit 0, with --strict 1" sc_lint_warnings_strict
scenario "lint --format json gives the exact records" sc_lint_json
scenario "lint --format json on a clean bank is []" sc_lint_json_clean
scenario "lint with no BANK uses questions/ in the working directory" sc_lint_default_dir
scenario "a directory is searched recursively in sorted order, competition files checked after the banks" sc_lint_directory_order
scenario "a competition file named directly is checked whole: settings, banks, plan" sc_lint_competition_named
scenario "a duplicate id across two files names both places" sc_lint_duplicate_ids
scenario "a nonexistent path fails with a message naming it" sc_lint_missing_path
scenario "an empty file fails with a clear message" sc_lint_empty_file
scenario "a directory without banks fails with a clear message" sc_lint_dir_without_banks
scenario "a file over the size cap is refused quickly" sc_lint_size_cap
scenario "a tab used as indentation is reported at its line and column" sc_lint_syntax_tab
scenario "anchors, aliases and deep nesting are refused quickly" sc_lint_hostile
scenario "judge answers 对/错, 正确/错误, √/× are accepted" sc_lint_judge_words
scenario "a bank read from a named pipe is reported without hanging" sc_lint_fifo
scenario "the shipped banks pass lint --strict" sc_lint_shipped_banks
scenario "stats prints tables aligned by display width" sc_stats_text
scenario "stats --format json counts add up" sc_stats_json
scenario "stats on a bank with errors fails and shows them on stderr" sc_stats_errors
scenario "output to a full disk (/dev/full) exits 1 with a message" sc_full_stdout
scenario "output to a closed stdout exits 1 with a message" sc_closed_stdout
scenario "lint refuses every yaml-test-suite error/ case with a diagnostic" sc_yaml_suite_error
scenario "lint never crashes on a yaml-test-suite valid/ case" sc_yaml_suite_valid
scenario "make install / uninstall: a temporary PREFIX, then DESTDIR; the installed binary finds its banks and catalog" sc_install
scenario "install-deps.sh without root or sudo prints the apt-get line and fails" sc_install_deps_unprivileged

scenario "import --from csv: a spreadsheet becomes a bank that lints clean" sc_import_csv
scenario "import -o writes a file, never over one without --force" sc_import_output_file
scenario "import reports every bad row at its real line and writes nothing" sc_import_csv_errors
scenario "import reads a GBK spreadsheet like its UTF-8 copy" sc_import_csv_gbk
scenario "import --from gift and --from aiken; unsupported GIFT kinds are errors at their line" sc_import_gift_aiken
scenario "what the loader finds in an imported bank is reported at the input's lines" sc_import_loader_findings
scenario "import and export usage errors exit 2" sc_import_export_usage
scenario "export --to csv: BOM, the import header, formula cells guarded" sc_export_csv
scenario "export --to gift leaves out a fill with two blanks, naming it" sc_export_gift
scenario "every shipped bank through csv, GBK csv and gift and back is the same" sc_round_trip_shipped
scenario "questions/schema.json accepts the banks and rejects the invalid fixtures" sc_schema

. "$HERE/study.sh"
. "$HERE/host.sh"
. "$HERE/unix.sh"
. "$HERE/shuffle.sh"

[ "$SKIPPED" -gt 0 ] && echo "# $SKIPPED skipped"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
