# tests/cli/host.sh — live-competition scenarios (`jingsai host`, `jingsai
# board`), sourced by run.sh (its helpers and counters).
#
# The competition is data/host/comp.yaml (three teams, every round kind, a
# tiebreak) over data/host/bank.yaml, whose every answer is A, so a script
# knows what is right whatever the plan gives it.  The host runs with
# data/host as its working directory (the journal names the files as given)
# and writes its journal and scoreboards under $T.  The expected files in
# data/host (NAME.stdout, NAME.scoreboard.*) were reviewed by eye: they are
# the spec of what a competition played from NAME.script shows and leaves.
#
# A host fed through a FIFO (fifo_start, fifo_send) is kept in step with a
# marker line after each batch: an unknown command, whose error on stderr
# names its line number.  The host applies (and journals) every event of a
# line before it reads the next, so once the marker's error is there, the
# batch is done and the host waits for input: the place to kill -9 it.

# shellcheck disable=SC2153 # DATA is run.sh's
HDATA=$DATA/host
BOARDS="scoreboard.json scoreboard.csv scoreboard.md scoreboard.html"

# ---- helpers --------------------------------------------------------------------

# host_in INPUT [-C DIR] ARG...: run `jingsai ARG...` in $HDATA (or DIR) with
# the file INPUT as stdin; stdout and stderr to $T, the status in STATUS.
host_in() {
	hi_in=$1
	shift
	hi_dir=$HDATA
	if [ "$1" = -C ]; then
		hi_dir=$2
		shift 2
	fi
	RUN_CMD="jingsai $* <$(basename "$hi_in")"
	(cd "$hi_dir" && with_timeout "$DEFAULT_SECS" "$JINGSAI" "$@") <"$hi_in" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
}

# same_file EXPECTED ACTUAL: byte for byte; the diff otherwise.
same_file() {
	if [ ! -f "$2" ]; then
		fail "$2 is missing"
		return 1
	fi
	cmp -s "$1" "$2" && return 0
	fail "$2 differs from $1 (--- expected, +++ actual):"
	diff -u "$1" "$2" 2>&1 | head -n 40 | sed 's/^/    /' >>"$T/failures"
	return 1
}

# same_boards DIR1 DIR2: the four scoreboards of DIR2 are DIR1's, byte for byte.
same_boards() {
	sb_bad=0
	for sb_f in $BOARDS; do
		same_file "$1/$sb_f" "$2/$sb_f" || sb_bad=1
	done
	return $sb_bad
}

# expected_boards NAME DIR: DIR's scoreboards are data/host/NAME.scoreboard.*.
expected_boards() {
	eb_bad=0
	for eb_x in json csv md html; do
		same_file "$HDATA/$1.scoreboard.$eb_x" "$2/scoreboard.$eb_x" || eb_bad=1
	done
	return $eb_bad
}

# dir_sum DIR: one line that changes when anything in DIR does (names,
# sizes, times, contents); "none" when DIR does not exist.
dir_sum() {
	if [ ! -e "$1" ]; then
		echo none
		return
	fi
	(
		cd "$1" || exit 1
		find . -printf '%p %y %s %T@\n' | LC_ALL=C sort
		find . -type f -exec cksum {} + | LC_ALL=C sort
	) | cksum
}

# no_script_comments FILE: the command lines of a script, comments left out.
no_script_comments() {
	grep -v '^#' "$1"
}

# check_board_json FILE: the documented shape of scoreboard.json, scores
# that add up and standard competition ranks (1, 2, 2, 4) in order.
check_board_json() {
	if [ "$HAVE_PYTHON" != 1 ]; then
		fail "python3 is needed to check scoreboard.json"
		return 1
	fi
	python3 - "$1" >"$T/python" 2>&1 <<'EOF' && return 0
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
rounds = ["必答题", "抢答题", "风险题", "限时速答"]
assert list(b) == ["title", "final", "teams", "events"], list(b)
assert b["title"] == "测试竞赛", b["title"]
assert isinstance(b["final"], bool) and type(b["events"]) is int and b["events"] > 0, b
assert len(b["teams"]) == 3 and sorted(t["name"] for t in b["teams"]) == ["丙队", "乙队", "甲队"]
for t in b["teams"]:
    for k in ("name", "score", "rank", "rounds", "adjustments", "tiebreak"):
        assert k in t, (k, t)
    assert list(t["rounds"]) == rounds, t["rounds"]
    assert all(type(v) is int for v in t["rounds"].values()), t
    for a in t["adjustments"]:
        assert list(a) == ["delta", "reason"], a
        assert type(a["delta"]) is int and a["delta"] != 0 and isinstance(a["reason"], str) and a["reason"], a
    assert t["score"] == 100 + sum(t["rounds"].values()) + sum(a["delta"] for a in t["adjustments"]), t
    assert t["tiebreak"] is None or type(t["tiebreak"]) is int, t
def better(a, b):
    if a["score"] != b["score"]:
        return a["score"] > b["score"]
    return a["tiebreak"] is not None and b["tiebreak"] is not None and a["tiebreak"] < b["tiebreak"]
for t in b["teams"]:
    want = 1 + sum(1 for o in b["teams"] if o is not t and better(o, t))
    assert t["rank"] == want, (t["name"], t["rank"], want)
ranks = [t["rank"] for t in b["teams"]]
assert ranks == sorted(ranks), ranks
EOF
	fail "$1 is not the scoreboard JSON documented:"
	sed 's/^/    /' "$T/python" >>"$T/failures"
	return 1
}

# check_journal FILE [COMPETITION]: the journal's first line identifies the
# competition (its file, kept whole, data/host/comp.yaml by default), then
# every line is a whole JSON object, the records numbered 1, 2, ...
check_journal() {
	python3 - "$1" "${2:-$HDATA/comp.yaml}" >"$T/python" 2>&1 <<'EOF' && return 0
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "the journal does not end with a newline"
lines = data.decode("utf-8").split("\n")[:-1]
h = json.loads(lines[0])
assert list(h)[:5] == ["jingsai-journal", "title", "seed", "competition", "banks"] and set(list(h)[5:]) <= {"tiebreak-questions"}, list(h)
assert h["jingsai-journal"] == 1 and h["title"] and h["seed"].isdigit(), h
c = h["competition"]
assert c["path"].endswith(".yaml") and len(c["digest"]) == 16, c["path"]
assert c["text"] == open(sys.argv[2], encoding="utf-8").read(), "the journal does not keep the competition file"
assert h["banks"] and all(len(b["digest"]) == 16 for b in h["banks"]), h["banks"]
for i, l in enumerate(lines[1:], 1):
    r = json.loads(l)
    assert r["n"] == i, (i, l)
EOF
	fail "$1 is not a whole journal:"
	sed 's/^/    /' "$T/python" >>"$T/failures"
	return 1
}

# records FILE: the journal's event records, the clock checkpoints left out.
records() {
	tail -n +2 "$1" | grep -v -c '"ev": "clock"'
}

# wait_for FILE TEXT: until FILE has TEXT (10 s at most).
wait_for() {
	wf_i=0
	while ! grep -F -q -e "$2" "$1" 2>/dev/null; do
		wf_i=$((wf_i + 1))
		[ "$wf_i" -gt 500 ] && return 1
		sleep 0.02
	done
	return 0
}

# fifo_start DIR ARG...: start `jingsai ARG...` in DIR reading a FIFO held
# open on fd 3; its stdout and stderr in $T/fifo.out, $T/fifo.err.
fifo_start() {
	fs_dir=$1
	shift
	rm -f "$T/fifo"
	mkfifo "$T/fifo" || return 1
	: >"$T/fifo.out"
	: >"$T/fifo.err"
	# Appending: a scenario may empty fifo.err to look at what comes next.
	(cd "$fs_dir" && exec "$JINGSAI" "$@") <"$T/fifo" >>"$T/fifo.out" 2>>"$T/fifo.err" &
	FIFO_PID=$!
	exec 3>"$T/fifo"
	FIFO_LINES=0
}

# fifo_send FILE: write FILE's lines and a marker, and wait until the host
# has read the marker (so every line before it is done).
fifo_send() {
	FIFO_LINES=$((FIFO_LINES + $(wc -l <"$1") + 1))
	cat "$1" >&3
	echo "marker" >&3
	wait_for "$T/fifo.err" "jingsai: line $FIFO_LINES: unknown command" && return 0
	fail "the host did not get to line $FIFO_LINES within 10 s"
	sed 's/^/    | /' "$T/fifo.err" | tail -n 5 >>"$T/failures"
	return 1
}

# fifo_line TEXT: fifo_send with one line.
fifo_line() {
	printf '%s\n' "$1" >"$T/fifo.line"
	fifo_send "$T/fifo.line"
}

# fifo_stop: end of input; the host's exit status in STATUS (killed after
# 20 s if it does not exit: a watchdog that ends as soon as the host does).
fifo_stop() {
	exec 3>&-
	(
		fst_i=0
		while kill -0 "$FIFO_PID" 2>/dev/null && [ "$fst_i" -lt 1000 ]; do
			fst_i=$((fst_i + 1))
			sleep 0.02
		done
		kill -9 "$FIFO_PID" 2>/dev/null
	) </dev/null >/dev/null 2>&1 &
	fst_dog=$!
	wait "$FIFO_PID"
	STATUS=$?
	wait "$fst_dog"
}

# fifo_kill: kill -9 the host where it stands.
fifo_kill() {
	kill -9 "$FIFO_PID" 2>/dev/null
	wait "$FIFO_PID" 2>/dev/null # (no "Killed" from the shell)
	STATUS=$?
	exec 3>&-
}

# without_markers FILE: stderr without the markers' errors.
without_markers() {
	grep -v ': unknown command (next, start' "$1"
}

# ---- 1. whole competitions ---------------------------------------------------

# play NAME: play data/host/NAME.script into $T/NAME and check stdout, stderr
# and the four scoreboards against the expected files.
play() {
	host_in "$HDATA/$1.script" host comp.yaml --out "$T/$1"
	expect_status 0 || return 1
	expect_stdout_equals "$HDATA/$1.stdout"
	printf 'jingsai: journal %s/journal.jsonl (seed 7)\n' "$T/$1" >"$T/expected"
	same_file "$T/expected" "$T/stderr"
	expected_boards "$1" "$T/$1"
	check_board_json "$T/$1/scoreboard.json"
	check_journal "$T/$1/journal.jsonl"
	grep -q 'http-equiv="refresh"' "$T/$1/scoreboard.html" &&
		fail "the final scoreboard.html still reloads itself"
	[ "$(head -c 3 "$T/$1/scoreboard.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
		fail "scoreboard.csv does not start with a UTF-8 BOM"
	[ "$(grep -c "$(printf '\r$')" "$T/$1/scoreboard.csv")" = "$(wc -l <"$T/$1/scoreboard.csv")" ] ||
		fail "scoreboard.csv: not every line ends in CRLF"
	return 0
}

# board DIR rebuilds the same four files from the journal alone (from
# another working directory, where the banks are not), prints the final
# standings and changes nothing else.
board_rebuilds() {
	mkdir -p "$T/before"
	for br_f in $BOARDS; do
		mv "$T/$1/$br_f" "$T/before/$br_f"
	done
	cp "$T/$1/journal.jsonl" "$T/journal.copy"
	run "$JINGSAI" board "$T/$1"
	expect_status 0
	expect_stderr_empty
	tail -n 4 "$HDATA/$1.stdout" >"$T/expected"
	expect_stdout_equals "$T/expected"
	same_boards "$T/before" "$T/$1"
	same_file "$T/journal.copy" "$T/$1/journal.jsonl"
	find "$T/$1" -mindepth 1 ! -name journal.jsonl ! -name 'scoreboard.*' >"$T/left"
	[ -s "$T/left" ] && fail "board left other files in $1: $(cat "$T/left")"
	return 0
}

# Every round kind; overrules both ways, undo twice (an adjustment, then the
# overrule before it), a foul, a late and a repeated buzz (no line), a
# rebound, pause and resume, a skipped question, a declined stake, a pass in
# the speed round, adjustments by name and by key, standings; after the
# final the jury's adjustment (making a tie for second: shared, no new
# tiebreak) and an adjustment undone.
sc_host_play_winner() {
	play winner || return 0
	json_check "$T/winner/scoreboard.json" '
t = {x["name"]: x for x in r["teams"]}
assert r["final"] is True and r["events"] == 51, (r["final"], r["events"])
assert [x["name"] for x in r["teams"]] == ["甲队", "乙队", "丙队"], r["teams"]
assert [x["rank"] for x in r["teams"]] == [1, 2, 2]
assert t["甲队"]["adjustments"] == [{"delta": 5, "reason": "着装整齐"}]
assert t["乙队"]["adjustments"] == [{"delta": -10, "reason": "提示违规"}]
assert t["丙队"]["adjustments"] == [{"delta": 10, "reason": "复核改判"}]
assert all(x["tiebreak"] is None for x in r["teams"])'
	board_rebuilds winner
}

# Every round kind ending in a three-way tie for first place: the tiebreak
# (a foul, a wrong answer taking the worst place, a right one the best, the
# last team placed by itself), then an adjustment after the final undone.
sc_host_play_tiebreak() {
	play tiebreak || return 0
	json_check "$T/tiebreak/scoreboard.json" '
assert r["final"] is True, r
assert [(x["name"], x["score"], x["rank"], x["tiebreak"]) for x in r["teams"]] == [
    ("丙队", 130, 1, 1), ("甲队", 130, 2, 2), ("乙队", 130, 3, 3)], r["teams"]
assert all(x["adjustments"] == [] for x in r["teams"])'
	board_rebuilds tiebreak
	grep -q '^| 1 | 丙队 |.* 130 | 1 |$' "$T/tiebreak/scoreboard.md" ||
		fail "scoreboard.md does not show 丙队's tiebreak place"
}

# --seed N plans other questions and is what the journal keeps.
sc_host_seed() {
	printf 'next\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/s8" --seed 8
	expect_status 0 || return 0
	expect_stderr_contains "(seed 8)"
	expect_stdout_matches '^Question 1/3 for 甲队 \[host-[0-9]+\]'
	expect_stdout_lacks "[host-040]" # seed 7's first question
	grep -q '"seed": "8"' "$T/s8/journal.jsonl" || fail "the journal does not keep seed 8"
	# The resume plans from the journal's seed, not the file's.
	printf 'next\nanswer A\nnext\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/whole8" --seed 8
	expect_status 0 || return 0
	sed -n 's/^Question 2\/3 for 乙队 \[\(.*\)\].*/\1/p' "$T/stdout" >"$T/q2"
	printf 'answer A\nnext\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/s8" --resume
	expect_status 0 || return 0
	expect_stderr_contains "(seed 8)"
	expect_stdout_contains "Question 2/3 for 乙队 [$(cat "$T/q2")]"
}

# ---- 2. errors that never end the competition -------------------------------------

sc_host_errors() {
	host_in "$HDATA/errors.script" host comp.yaml --out "$T/e"
	expect_status 0 || return 0
	head -n 1 "$T/stderr" | grep -q "^jingsai: journal $T/e/journal.jsonl (seed 7)\$" ||
		fail "the first line of stderr is not the journal's: $(head -n 1 "$T/stderr")"
	tail -n +2 "$T/stderr" >"$T/stderr.rest"
	same_file "$HDATA/errors.stderr" "$T/stderr.rest"
	# The competition went on around every error.
	expect_stdout_contains "甲队: right, +10 (score 110)"
	expect_stdout_contains "乙队: wrong, +0 (score 100)"
	expect_stdout_contains "Foul: 甲队 keyed before the signal, -10, out for this question (score 100)"
	expect_stdout_contains "乙队: right, +10 (score 110)"
	expect_stdout_lacks "没有这个队"
	grep -q 'http-equiv="refresh"' "$T/e/scoreboard.html" ||
		fail "scoreboard.html of a competition in progress does not reload itself"
	json_check "$T/e/scoreboard.json" '
assert [(x["name"], x["score"]) for x in r["teams"]] == [("乙队", 110), ("丙队", 110), ("甲队", 100)], r
assert r["events"] == 16 and r["final"] is False, r'

	# quit ends it: what follows is not read.
	printf 'next\nquit\nnext\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/q"
	expect_status 0
	expect_stdout_contains "Question 1/3 for 甲队"
	expect_stdout_lacks "Question 2/3"
	[ "$(records "$T/q/journal.jsonl")" = 2 ] || fail "quit: the journal has $(records "$T/q/journal.jsonl") events, expected 2"
}

# Time limits hold in real time in a script: a buzz window that nobody
# uses runs out and the question is closed; an answer time that runs out is a
# wrong answer with the penalty.
sc_host_time_limits() {
	sed 's/buzz-time: 10, time: 20/buzz-time: 1, time: 1/' "$HDATA/comp.yaml" >"$T/cwd/comp.yaml"
	cp "$HDATA/bank.yaml" "$T/cwd/"
	printf 'next\nanswer A\nnext\nanswer A\nnext\nanswer A\nnext\nstart\n' >"$T/script"
	fifo_start "$T/cwd" host comp.yaml --out "$T/t"
	fifo_send "$T/script" || { fifo_kill; return 0; }
	wait_for "$T/fifo.out" "Nobody buzzed in time: the question is closed" || fail "the buzz window did not run out"
	# A key after the window has closed is ignored like any late key.
	printf 'buzz 1\nnext\nstart\nbuzz 2\n' >"$T/script"
	fifo_send "$T/script" || { fifo_kill; return 0; }
	wait_for "$T/fifo.out" "乙队: out of time" || fail "the answer time did not run out"
	wait_for "$T/t/scoreboard.json" '"score": 100' || fail "the scoreboard does not show the penalty"
	fifo_stop
	expect_status 0
	for tl_line in "乙队: out of time, -10 (score 100)" \
		"Rebound: the buzz window is open again for the others"; do
		grep -q -x -F -e "$tl_line" "$T/fifo.out" || fail "stdout lacks the line: $tl_line"
	done
	grep -q "甲队 buzzed first" "$T/fifo.out" && fail "a key after the window had closed was taken"
	[ "$(without_markers "$T/fifo.err" | wc -l)" = 1 ] || fail "stderr: $(without_markers "$T/fifo.err")"
	grep -q '"ev": "timeout"' "$T/t/journal.jsonl" || fail "no timeout in the journal"
}

# Without --out: scoreboards/DATE-TITLE/ in the working directory, where
# --resume without --out finds it again.
sc_host_default_dir() {
	cp "$HDATA/comp.yaml" "$HDATA/bank.yaml" "$T/cwd/"
	dd_before=$(date +%Y-%m-%d)
	printf 'next\n' >"$T/in"
	host_in "$T/in" -C "$T/cwd" host comp.yaml
	dd_after=$(date +%Y-%m-%d)
	expect_status 0 || return 0
	dd_dir=$(ls "$T/cwd/scoreboards")
	case $dd_dir in
	"$dd_before-测试竞赛" | "$dd_after-测试竞赛") ;;
	*) fail "host without --out wrote scoreboards/$dd_dir, expected scoreboards/$dd_after-测试竞赛" ;;
	esac
	expect_stderr_contains "jingsai: journal scoreboards/$dd_dir/journal.jsonl (seed 7)"
	for dd_f in journal.jsonl $BOARDS; do
		[ -f "$T/cwd/scoreboards/$dd_dir/$dd_f" ] || fail "scoreboards/$dd_dir/$dd_f is missing"
	done
	printf 'answer A\n' >"$T/in"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --resume
	expect_status 0
	expect_stdout_contains "Resumed after 2 events"
	expect_stdout_contains "甲队: right, +10 (score 110)"
	host_in "$T/in" -C "$T/cwd" host comp.yaml
	expect_status 1
	expect_stderr_contains "already exists"
}

# A tiebreak that runs out of questions: the tied teams keep a shared place
# (a bank two questions larger than the rounds need, both questions voided).
sc_host_tiebreak_runs_out() {
	cp "$HDATA/comp.yaml" "$T/cwd/"
	head -n 28 "$HDATA/bank.yaml" >"$T/cwd/bank.yaml" # 23 questions
	# The rounds of tiebreak.script, then two tiebreak questions skipped.
	no_script_comments "$HDATA/tiebreak.script" | head -n 36 >"$T/in"
	printf 'next\nskip\nnext\nskip\nnext\nstandings\nnext\n' >>"$T/in"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out "$T/o"
	expect_status 0 || return 0
	expect_stdout_contains "Tiebreak for place 1 among: 甲队, 乙队, 丙队"
	expect_stdout_contains "Tiebreak question 2 ["
	expect_stdout_lacks "Tiebreak question 3"
	expect_stdout_contains "Final: 1. 甲队 130, 1. 乙队 130, 1. 丙队 130"
	expect_stderr_contains "line 43: the competition is over"
	json_check "$T/o/scoreboard.json" '
assert r["final"] is True, r
assert [(x["rank"], x["tiebreak"]) for x in r["teams"]] == [(1, None)] * 3, r["teams"]'
	check_journal "$T/o/journal.jsonl"
}

# `jingsai board DIR` needs the journal alone: run where the banks are not
# (another working directory), it rebuilds the same scoreboards, a tiebreak
# that ran out of questions included.
sc_board_runs_out_elsewhere() {
	cp "$HDATA/comp.yaml" "$T/cwd/"
	head -n 28 "$HDATA/bank.yaml" >"$T/cwd/bank.yaml" # 23 questions
	no_script_comments "$HDATA/tiebreak.script" | head -n 36 >"$T/in"
	printf 'next\nskip\nnext\nskip\nnext\n' >>"$T/in"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out "$T/o"
	expect_status 0 || return 0
	mkdir "$T/host"
	for ro_f in $BOARDS; do
		mv "$T/o/$ro_f" "$T/host/"
	done
	cd "$T" || return 1
	run "$JINGSAI" board "$T/o"
	expect_status 0
	expect_stdout_contains "测试竞赛 — final"
	same_boards "$T/host" "$T/o"
}

# ---- 3. kill -9 and --resume ------------------------------------------------------

# kill_at K: play the first K lines of $T/script into $T/kK, kill -9 the
# host, resume with the rest, and compare with the run in $T/whole.
kill_at() {
	ka_d=$T/k$1
	head -n "$1" "$T/script" >"$T/first"
	tail -n "+$(($1 + 1))" "$T/script" >"$T/rest"
	fifo_start "$HDATA" host comp.yaml --out "$ka_d"
	if ! fifo_send "$T/first"; then
		fifo_kill
		return 1
	fi
	ka_n=$(records "$ka_d/journal.jsonl")
	fifo_kill
	if [ "$STATUS" -ne 137 ]; then
		fail "kill at line $1: the host was not killed (status $STATUS)"
		return 1
	fi
	cp "$T/fifo.out" "$T/first.out"
	host_in "$T/rest" host comp.yaml --out "$ka_d" --resume
	expect_status 0 || return 1
	if ! head -n 1 "$T/stdout" | grep -q -x "Resumed after $ka_n events"; then
		fail "kill at line $1: the resumed run begins with '$(head -n 1 "$T/stdout")', expected 'Resumed after $ka_n events'"
		return 1
	fi
	grep -q torn "$T/stderr" && fail "kill at line $1: a torn line after a kill between events: $(cat "$T/stderr")"
	# What was shown before the kill and after the resume is what the
	# uninterrupted run showed, final standings included.
	{
		cat "$T/first.out"
		tail -n +2 "$T/stdout"
	} >"$T/joined"
	same_file "$T/whole.out" "$T/joined" || {
		fail "  (kill at line $1: $(sed -n "$1p" "$T/script"))"
		return 1
	}
	same_boards "$T/whole" "$ka_d" || {
		fail "  (kill at line $1: $(sed -n "$1p" "$T/script"))"
		return 1
	}
	check_journal "$ka_d/journal.jsonl"
}

sc_host_kill_resume() {
	no_script_comments "$HDATA/winner.script" >"$T/script"
	kr_lines=$(wc -l <"$T/script")
	host_in "$T/script" host comp.yaml --out "$T/whole"
	expect_status 0 || return 0
	cp "$T/stdout" "$T/whole.out"
	# Every other line: 26 kill points, in every round (lines 1-12
	# required, 13-31 buzz with the pause at 25, 32-39 risk, 40-48 speed)
	# and after the final.
	kr_k=1
	kr_points=0
	while [ "$kr_k" -lt "$kr_lines" ]; do
		kill_at "$kr_k" || return 0
		kr_points=$((kr_points + 1))
		kr_k=$((kr_k + 2))
	done
	[ "$kr_points" -ge 20 ] || fail "only $kr_points kill points"
}

# A timer running at the kill restarts with the time of its last
# checkpoint: the answer after the resume has less than the full 30 s.
sc_host_kill_timer() {
	printf 'next\n' >"$T/first"
	fifo_start "$HDATA" host comp.yaml --out "$T/k"
	fifo_send "$T/first" || { fifo_kill; return 0; }
	wait_for "$T/k/journal.jsonl" '"ev": "clock", "left": 28' || fail "no checkpoint after 1 s"
	fifo_kill
	printf 'answer A\n' >"$T/rest"
	host_in "$T/rest" host comp.yaml --out "$T/k" --resume
	expect_status 0 || return 0
	expect_stdout_contains "甲队: right, +10 (score 110)"
	kt_left=$(tail -n 1 "$T/k/journal.jsonl" | sed -n 's/.*"ev": "answer".*"left": \([0-9]*\).*/\1/p')
	if [ -z "$kt_left" ] || [ "$kt_left" -gt 29000 ] || [ "$kt_left" -lt 25000 ]; then
		fail "the answer after the resume had '$kt_left' ms left, expected 25000-29000: $(tail -n 1 "$T/k/journal.jsonl")"
	fi
}

# ---- 4. a torn journal line -------------------------------------------------------

sc_board_torn_line() {
	host_in "$HDATA/winner.script" host comp.yaml --out "$T/w"
	expect_status 0 || return 0
	tw_lines=$(wc -l <"$T/w/journal.jsonl")
	tw_torn='{"n": 54, "ev": "adjust", "team": 0, "value": 5, "te'
	printf '%s' "$tw_torn" >>"$T/w/journal.jsonl"
	cp "$T/w/journal.jsonl" "$T/journal.torn"
	run "$JINGSAI" board "$T/w"
	expect_status 0
	expect_stderr_contains "$T/w/journal.jsonl: dropped a torn last line (line $((tw_lines + 1)), $(printf '%s' "$tw_torn" | wc -c) bytes)"
	tail -n 4 "$HDATA/winner.stdout" >"$T/expected"
	expect_stdout_equals "$T/expected"
	expected_boards winner "$T/w"
	same_file "$T/journal.torn" "$T/w/journal.jsonl" # board changes nothing else
}

# Resuming a journal whose last line is torn drops the line (saying so) and
# goes on: the competition ends as if it had never been written.
sc_host_resume_torn_line() {
	no_script_comments "$HDATA/winner.script" >"$T/script"
	head -n 20 "$T/script" >"$T/first"
	tail -n +21 "$T/script" >"$T/rest"
	host_in "$T/first" host comp.yaml --out "$T/w"
	expect_status 0 || return 0
	tt_lines=$(wc -l <"$T/w/journal.jsonl")
	tt_events=$(records "$T/w/journal.jsonl")
	printf '{"n": %d, "ev": "buzz", "team": 2, "wall": 17962' "$tt_lines" >>"$T/w/journal.jsonl"
	host_in "$T/rest" host comp.yaml --out "$T/w" --resume
	expect_status 0 || return 0
	expect_stderr_contains "$T/w/journal.jsonl: dropped a torn last line (line $((tt_lines + 1)), "
	expect_stderr_contains "the event it held was never shown"
	head -n 1 "$T/stdout" | grep -q -x "Resumed after $tt_events events" ||
		fail "the resumed run begins with '$(head -n 1 "$T/stdout")'"
	expected_boards winner "$T/w"
	check_journal "$T/w/journal.jsonl"
}

# ---- 5. refusals that change nothing --------------------------------------------

# refused DIR: the command in RUN_CMD exited 1 and DIR is as dir_sum said
# in $T/sum.
refused() {
	expect_status 1
	expect_stdout_empty
	[ "$(dir_sum "$1")" = "$(cat "$T/sum")" ] || fail "$RUN_CMD: $1 changed"
}

sc_host_refusals() {
	cp "$HDATA/comp.yaml" "$HDATA/bank.yaml" "$HDATA/other.yaml" "$T/cwd/"
	printf 'next\nanswer A\nnext\n' >"$T/in"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D
	expect_status 0 || return 0
	dir_sum "$T/cwd/D" >"$T/sum"

	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D
	refused "$T/cwd/D"
	expect_stderr_contains "jingsai: D/journal.jsonl already exists: resume it with --resume, or choose another --out DIR"

	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D --seed 9
	refused "$T/cwd/D"
	expect_stderr_contains "already exists"

	host_in "$T/in" -C "$T/cwd" host other.yaml --out D --resume
	refused "$T/cwd/D"
	expect_stderr_contains "jingsai: D/journal.jsonl: refusing to resume: the journal is of another competition: \"测试竞赛\", not \"另一场竞赛\""

	sed 's/第1题/第一题/' "$HDATA/bank.yaml" >"$T/cwd/bank.yaml"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D --resume
	refused "$T/cwd/D"
	expect_stderr_contains "jingsai: D/journal.jsonl: refusing to resume: bank bank.yaml has changed since the journal was started"
	cp "$HDATA/bank.yaml" "$T/cwd/bank.yaml"

	printf '# one more line\n' >>"$T/cwd/comp.yaml"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D --resume
	refused "$T/cwd/D"
	expect_stderr_contains "jingsai: D/journal.jsonl: refusing to resume: the competition file has changed since the journal was started"
	cp "$HDATA/comp.yaml" "$T/cwd/comp.yaml"

	# Back as it was, the resume is taken.
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out D --resume
	expect_status 0
	expect_stdout_contains "Resumed after 5 events"

	# No journal: nothing to resume, nothing created.
	dir_sum "$T/cwd/E" >"$T/sum"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out E --resume
	refused "$T/cwd/E"
	expect_stderr_contains "jingsai: cannot open E/journal.jsonl: No such file or directory"
	mkdir "$T/cwd/E"
	dir_sum "$T/cwd/E" >"$T/sum"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --out E --resume
	refused "$T/cwd/E"
	expect_stderr_contains "E/journal.jsonl"
	dir_sum "$T/cwd" >"$T/sum"
	host_in "$T/in" -C "$T/cwd" host comp.yaml --resume
	refused "$T/cwd"
	expect_stderr_contains "jingsai: host: no journal of '测试竞赛' under scoreboards/ to resume; name it with --out DIR"
	run "$JINGSAI" board "$T/cwd/E"
	expect_status 1
	expect_stderr_contains "E/journal.jsonl"
	[ -z "$(ls "$T/cwd/E")" ] ||
		fail "board on a directory without a journal wrote in it: $(ls "$T/cwd/E")"
}

# One host per directory: a second --resume while the first runs is refused
# and changes nothing; once the first has ended, it goes on.
sc_host_dir_in_use() {
	# No timer left running: no checkpoint changes the directory meanwhile.
	printf 'next\nanswer A\n' >"$T/first"
	fifo_start "$HDATA" host comp.yaml --out "$T/d"
	fifo_send "$T/first" || { fifo_kill; return 0; }
	dir_sum "$T/d" >"$T/sum"
	printf 'next\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/d" --resume
	refused "$T/d"
	expect_stderr_contains "jingsai: $T/d is in use by another jingsai host"
	fifo_stop
	expect_status 0
	host_in "$T/in" host comp.yaml --out "$T/d" --resume
	expect_status 0
	expect_stdout_contains "Question 2/3 for 乙队"
}

# A competition file with errors: every one at FILE:LINE:COL with its
# source line and caret, exit 1, no directory made.
sc_host_bad_competition() {
	host_in /dev/null host bad.yaml --out "$T/bad"
	expect_status 1
	expect_stdout_empty
	[ -e "$T/bad" ] && fail "host made $T/bad for a competition file with errors"
	cp "$T/stderr" "$T/stdout"
	expect_stdout_contains "bad.yaml:4:1: error: unknown key 'prize' in a competition file; did you mean 'prizes'?"
	expect_stdout_contains "bad.yaml:7:21: error: team key 'y' is one the host uses on stage"
	expect_stdout_contains "bad.yaml:8:12: error: duplicate team name '甲队' (first at line 6, column 12)"
	expect_stdout_contains "bad.yaml:10:23: error: unknown kind 'requird'; did you mean 'required'?"
	expect_stdout_contains "bad.yaml:11:40: error: 'questions' must be a whole number from 1 to 10000, not '-1'"
	(cd "$HDATA" && check_carets)
	host_in /dev/null host bad.yaml --out "$T/bad" --resume
	expect_status 1
	expect_stderr_contains "bad.yaml:4:1: error: "
	host_in /dev/null host no-such-competition.yaml --out "$T/bad"
	expect_status 1
	expect_stderr_contains "no-such-competition.yaml"
	[ -e "$T/bad" ] && fail "host made $T/bad for a competition file that does not exist"
	return 0
}

# The same competition file named another way (./comp.yaml, its absolute
# path, from another directory) is the same competition: resume takes it.
sc_host_resume_other_path() {
	printf 'next\nanswer A\n' >"$T/in"
	host_in "$T/in" host comp.yaml --out "$T/p"
	expect_status 0 || return 0
	for op_name in ./comp.yaml "$HDATA/comp.yaml"; do
		host_in /dev/null host "$op_name" --out "$T/p" --resume
		expect_status 0 && expect_stdout_is "Resumed after 3 events"
	done
	host_in /dev/null -C "$DATA" host host/comp.yaml --out "$T/p" --resume
	expect_status 0 && expect_stdout_is "Resumed after 3 events"
}

# ---- 6. a full disk, a scoreboard that cannot be written -----------------------

# With DIR on a small tmpfs filled up, an event whose record does not fit
# is not applied: no line on stdout, the journal as it was, a message on
# stderr; with room again the same command goes through and the competition
# ends as a normal run of the same lines does.
sc_host_full_disk() {
	fd_m=$T/full
	mkdir -p "$fd_m"
	if ! mount -t tmpfs -o size=256k tmpfs "$fd_m" 2>"$T/mount.err"; then
		skip "cannot mount a tmpfs ($(head -n 1 "$T/mount.err")): needs root with CAP_SYS_ADMIN"
		return 0
	fi
	full_disk_body "$fd_m"
	[ -n "${FIFO_PID:-}" ] && kill -9 "$FIFO_PID" 2>/dev/null
	umount "$fd_m" || umount -l "$fd_m"
}

full_disk_body() {
	# Split where no timer runs: no checkpoint is due while the disk is full.
	no_script_comments "$HDATA/winner.script" >"$T/script"
	head -n 21 "$T/script" >"$T/first"
	tail -n +22 "$T/script" >"$T/rest"
	# A record bigger than a page: on a full tmpfs it cannot be written.
	fb_reason=$(printf '%01500d' 0 | sed 's/0/填错/g')
	fb_adjust="adjust 甲队 +1 $fb_reason"
	printf '%s\n' "$fb_adjust" >"$T/big"
	printf 'adjust 乙队 +2 满盘\n' >"$T/small"
	printf 'undo\nundo\n' >"$T/undo"

	fifo_start "$HDATA" host comp.yaml --out "$1/c"
	fifo_send "$T/first" || { fifo_kill; return 0; }
	cp "$T/first" "$T/sent"
	# A record of the small adjustment (under 150 bytes) fits in the room
	# the journal's last page has left when that is 300 bytes or more:
	# adjustments undone until it is so.
	printf 'adjust 甲队 +1 补位\nundo\n' >"$T/pad"
	fb_i=0
	while [ $((4096 - $(wc -c <"$1/c/journal.jsonl") % 4096)) -lt 300 ]; do
		fifo_send "$T/pad" || { fifo_kill; return 0; }
		cat "$T/pad" >>"$T/sent"
		fb_i=$((fb_i + 1))
		[ "$fb_i" -gt 10 ] && { fail "no room made in the journal's last page"; fifo_kill; return 0; }
	done
	dd if=/dev/zero of="$1/fill" bs=4096 >/dev/null 2>&1
	for fb_f in $BOARDS; do
		cp "$1/c/$fb_f" "$T/$fb_f.before"
	done

	# (b) The journal has room, the scoreboards have none: the event is
	# applied and shown, each failed board is reported, the old boards
	# stay whole, no temporary file is left.
	: >"$T/fifo.err"
	fifo_send "$T/small" || { fifo_kill; return 0; }
	cat "$T/small" >>"$T/sent"
	grep -q "^Adjustment: 乙队 +2, 满盘" "$T/fifo.out" || fail "the small adjustment was not taken on a full disk"
	grep -q '^jingsai: scoreboard not written: ' "$T/fifo.err" ||
		fail "no message that the scoreboards could not be written: $(without_markers "$T/fifo.err" | tail -n 3)"
	grep -q 'not done' "$T/fifo.err" && fail "the small adjustment was not journaled: $(without_markers "$T/fifo.err")"
	for fb_f in $BOARDS; do
		same_file "$T/$fb_f.before" "$1/c/$fb_f"
	done
	find "$1/c" -mindepth 1 ! -name journal.jsonl ! -name 'scoreboard.*' >"$T/left"
	[ -s "$T/left" ] && fail "temporary files left on the full disk: $(cat "$T/left")"

	# (a) No room for the journal record: not applied, not shown, the
	# journal as it was, a message; with room again the same command works.
	cp "$T/fifo.out" "$T/before.out"
	cp "$1/c/journal.jsonl" "$T/journal.before"
	: >"$T/fifo.err"
	fifo_send "$T/big" || { fifo_kill; return 0; }
	grep -q '^jingsai: not done: the journal could not be written; try again (.*disk' "$T/fifo.err" ||
		fail "no message that the journal could not be written: $(without_markers "$T/fifo.err" | tail -n 3)"
	same_file "$T/before.out" "$T/fifo.out" # the event is not shown
	same_file "$T/journal.before" "$1/c/journal.jsonl"
	rm -f "$1/fill"
	fifo_send "$T/big" || { fifo_kill; return 0; }
	grep -q "^Adjustment: 甲队 +1, 填错填错" "$T/fifo.out" || fail "the adjustment was not taken once the disk had room"
	fifo_send "$T/undo" || { fifo_kill; return 0; }
	fifo_send "$T/rest" || { fifo_kill; return 0; }
	fifo_stop
	FIFO_PID=
	expect_status 0
	check_journal "$1/c/journal.jsonl"

	# The same lines in a normal run: the same output and scoreboards.
	cat "$T/big" "$T/undo" "$T/rest" >>"$T/sent"
	host_in "$T/sent" host comp.yaml --out "$T/normal"
	expect_status 0 || return 0
	same_file "$T/stdout" "$T/fifo.out"
	same_boards "$T/normal" "$1/c"
	json_check "$1/c/scoreboard.json" 'assert r["final"] is True and [x["score"] for x in r["teams"]] == [145, 110, 110], r'
}

# The directory gone (removed under the host): the event is not applied;
# once the directory is back the same command goes through, the journal is
# written whole again, and the competition ends as if nothing had happened.
sc_host_dir_gone() {
	no_script_comments "$HDATA/winner.script" >"$T/script"
	head -n 12 "$T/script" >"$T/first"
	sed -n 13p "$T/script" >"$T/again" # next: the buzz round's first question
	tail -n +13 "$T/script" >"$T/rest"
	fifo_start "$HDATA" host comp.yaml --out "$T/d"
	fifo_send "$T/first" || { fifo_kill; return 0; }
	rm -rf "$T/d"
	cp "$T/fifo.out" "$T/before.out"
	fifo_send "$T/again" || { fifo_kill; return 0; }
	grep -q "^jingsai: not done: the journal could not be written; try again (.*$T/d/journal.jsonl" "$T/fifo.err" ||
		fail "no message that the journal could not be written: $(without_markers "$T/fifo.err" | tail -n 2)"
	same_file "$T/before.out" "$T/fifo.out"
	mkdir "$T/d"
	fifo_send "$T/rest" || { fifo_kill; return 0; }
	fifo_stop
	expect_status 0
	same_file "$HDATA/winner.stdout" "$T/fifo.out"
	expected_boards winner "$T/d"
	check_journal "$T/d/journal.jsonl"
	[ "$(without_markers "$T/fifo.err" | grep -c 'not done')" = 1 ] ||
		fail "stderr: $(without_markers "$T/fifo.err")"
}

# A timer that runs out while the journal cannot be written: the timeout is
# not applied and is tried again, at a calm pace (not thousands of times a
# second, each with a line on stderr); once the directory is back, it goes
# through.
sc_host_timeout_unwritable() {
	sed 's/buzz-time: 10/buzz-time: 1/' "$HDATA/comp.yaml" >"$T/cwd/comp.yaml"
	cp "$HDATA/bank.yaml" "$T/cwd/"
	printf 'next\nanswer A\nnext\nanswer A\nnext\nanswer A\nnext\nstart\n' >"$T/script"
	fifo_start "$T/cwd" host comp.yaml --out "$T/g"
	fifo_send "$T/script" || { fifo_kill; return 0; }
	rm -rf "$T/g" # before the 1 s window runs out
	tu_i=0
	tu_n=0
	while [ "$tu_i" -lt 100 ] && [ "$tu_n" -le 20 ]; do
		sleep 0.03
		tu_i=$((tu_i + 1))
		tu_n=$(grep -c 'not done' "$T/fifo.err")
	done
	mkdir "$T/g"
	[ "$tu_n" -le 20 ] ||
		fail "the timeout was tried again and again: over 20 'not done' lines on stderr within $((tu_i * 30)) ms"
	wait_for "$T/fifo.out" "Nobody buzzed in time: the question is closed" || fail "the timeout did not go through once the directory was back"
	fifo_stop
	expect_status 0
	check_journal "$T/g/journal.jsonl" "$T/cwd/comp.yaml"
	grep -q '"ev": "timeout"' "$T/g/journal.jsonl" || fail "no timeout in the journal"
	return 0
}

# scoreboard.json cannot be replaced (a directory is in its place): each
# event says so on stderr, the competition goes on, the journal and the
# other three scoreboards are what a normal run writes.
sc_host_board_unwritable() {
	mkdir -p "$T/u/scoreboard.json"
	host_in "$HDATA/winner.script" host comp.yaml --out "$T/u"
	expect_status 0 || return 0
	expect_stdout_equals "$HDATA/winner.stdout"
	expect_stderr_matches '^jingsai: scoreboard not written: .*scoreboard\.json'
	for bu_x in csv md html; do
		same_file "$HDATA/winner.scoreboard.$bu_x" "$T/u/scoreboard.$bu_x"
	done
	[ -d "$T/u/scoreboard.json" ] || fail "scoreboard.json is no longer the directory"
	find "$T/u" -mindepth 1 -maxdepth 1 ! -name journal.jsonl ! -name 'scoreboard.*' >"$T/left"
	[ -s "$T/left" ] && fail "temporary files left in the directory: $(cat "$T/left")"
	# The journal is whole: board rebuilds the right scoreboards from it.
	mkdir "$T/v"
	cp "$T/u/journal.jsonl" "$T/v/"
	run "$JINGSAI" board "$T/v"
	expect_status 0
	expected_boards winner "$T/v"
	# board itself reports the board it cannot write, and exits 1.
	run "$JINGSAI" board "$T/u"
	expect_status 1
	expect_stderr_contains "scoreboard.json"
	expect_stdout_contains "测试竞赛 — final"
}

# ---- 7. the example competition -------------------------------------------------

sc_host_example_competition() {
	ex_file=questions/竞赛-宣传月决赛.yaml
	if [ ! -f "$ROOT/$ex_file" ]; then
		skip "$ex_file is not there yet"
		return 0
	fi
	cd "$ROOT" || return 1
	run "$JINGSAI" lint "$ex_file"
	expect_status 0
	expect_stdout_matches '^0 errors, 0 warnings in [0-9]+ files?, [0-9]+ questions?$'
	expect_stderr_empty
	run "$JINGSAI" lint --strict "$ex_file"
	expect_status 0
	# The first round, marked right and wrong in turn, until round 2 begins.
	fifo_start "$ROOT" host "$ex_file" --out "$T/ex" --lang en
	printf 'next\ncorrect\n' >"$T/right"
	printf 'next\nwrong\n' >"$T/wrong"
	ex_i=0
	while ! grep -q '^Round 2: ' "$T/fifo.out"; do
		ex_i=$((ex_i + 1))
		if [ "$ex_i" -gt 100 ]; then
			fail "round 1 did not end after 100 questions"
			break
		fi
		if [ $((ex_i % 2)) = 1 ]; then
			fifo_send "$T/right" || break
		else
			fifo_send "$T/wrong" || break
		fi
	done
	fifo_stop
	expect_status 0
	cp "$T/fifo.out" "$T/stdout"
	python_check '
import re, sys
out = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert out[0] == "Round 1: 必答题 · right +10", out[0]
qs = [re.match(r"Question (\d+)/(\d+) for (\S+) \[([a-z0-9._-]+)\]: ", l) for l in out]
qs = [m for m in qs if m]
total = int(qs[0].group(2))
assert [int(m.group(1)) for m in qs] == list(range(1, total + 1)), [m.group(1) for m in qs]
assert all(int(m.group(2)) == total for m in qs)
teams = [m.group(3) for m in qs]
assert len(set(teams)) == 6 and all(teams.count(t) == total // 6 for t in set(teams)), teams
assert len(set(m.group(4) for m in qs)) == total, "a question asked twice"
right = [l for l in out if re.match(r"\S+: right, \+10 \(score \d+\)$", l)]
wrong = [l for l in out if re.match(r"\S+: wrong, \+0 \(score \d+\)$", l)]
assert len(right) + len(wrong) == total, (len(right), len(wrong))
assert sum(1 for l in out if l.startswith("Answer: ")) == total
'
	json_check "$T/ex/scoreboard.json" '
assert r["title"] == "西固区民族团结进步宣传月知识竞赛决赛" and len(r["teams"]) == 6, r
assert r["final"] is False
first = list(r["teams"][0]["rounds"])[0]
assert first == "必答题", first
assert sum(t["rounds"][first] for t in r["teams"]) > 0
assert all(t["score"] == 100 + t["rounds"][first] for t in r["teams"]), r["teams"]'
	without_markers "$T/fifo.err" >"$T/err"
	grep -v -e '^jingsai: journal ' -e 'no team is answering now' "$T/err" >"$T/err.other" &&
		fail "stderr: $(cat "$T/err.other")"
	return 0
}

# ---- 8. help and usage ------------------------------------------------------------

sc_host_usage() {
	cd "$HDATA" || return 1
	run "$JINGSAI" host --help
	expect_status 0
	expect_stdout_matches '^[Uu]sage: jingsai host COMPETITION\.yaml \[--out DIR\] \[--resume\] \[--seed N\]'
	expect_stdout_contains "--resume"
	expect_stderr_empty
	run "$JINGSAI" board --help
	expect_status 0
	expect_stdout_matches '^[Uu]sage: jingsai board DIR'
	expect_stderr_empty

	for hu_args in "host" "host comp.yaml other.yaml" "host comp.yaml --seed 3 --resume" \
		"host comp.yaml --bogus" "host comp.yaml --seed abc" "host comp.yaml --seed -1" \
		"host comp.yaml --out" "host comp.yaml --lang fr" "board" "board a b" "board --bogus x"; do
		# shellcheck disable=SC2086
		run "$JINGSAI" $hu_args
		expect_status 2
		expect_stdout_empty
		expect_stderr_matches "^jingsai: "
		case $hu_args in
		*--lang*) ;; # the language is checked before anything else
		*) expect_stderr_contains "usage: jingsai ${hu_args%% *} " ;;
		esac
	done
	run "$JINGSAI" host comp.yaml --seed 3 --resume
	expect_stderr_contains "--seed and --resume do not go together"
	[ -e "$HDATA/scoreboards" ] && fail "a usage error made $HDATA/scoreboards"
	return 0
}

scenario "host: a whole competition with a clear winner (stdout and four scoreboards)" sc_host_play_winner
scenario "host: a whole competition with a tie for first place decided by the tiebreak" sc_host_play_tiebreak
scenario "host --seed N plans other questions and the journal keeps N" sc_host_seed
scenario "host without --out: scoreboards/DATE-TITLE/, found again by --resume" sc_host_default_dir
scenario "host: a tiebreak that runs out of questions leaves the tie shared" sc_host_tiebreak_runs_out
scenario "board DIR of a host journal, run where the banks are not: the same scoreboards (a tiebreak that ran out)" sc_board_runs_out_elsewhere
scenario "host: unknown, out-of-turn and malformed commands are one-line errors; the competition goes on" sc_host_errors
scenario "host: time limits hold in a script (buzz window, answer time)" sc_host_time_limits
scenario "host: kill -9 at 26 points in every round, --resume: the same output and scoreboards" sc_host_kill_resume
scenario "host: kill -9 with a timer running, --resume: the timer goes on from its checkpoint" sc_host_kill_timer
scenario "board DIR of a host journal: a torn last line is dropped with a message, the same scoreboards" sc_board_torn_line
scenario "host --resume: a torn last journal line is dropped with a message, the competition goes on" sc_host_resume_torn_line
scenario "host: refusals (journal exists, another competition, changed bank or file, no journal) change nothing" sc_host_refusals
scenario "host --resume on a directory another host is using is refused" sc_host_dir_in_use
scenario "host: a competition file with errors gives FILE:LINE:COL diagnostics and exit 1" sc_host_bad_competition
scenario "host --resume: the same competition file named another way is the same competition" sc_host_resume_other_path
scenario "host: a full disk: the event is not applied, the same command works once there is room" sc_host_full_disk
scenario "host: the directory removed under it: not done, then the journal is written whole again" sc_host_dir_gone
scenario "host: a timeout that cannot be journaled is tried again calmly, then goes through" sc_host_timeout_unwritable
scenario "host: a scoreboard that cannot be written is reported, the competition goes on" sc_host_board_unwritable
scenario "host: the example competition in questions/ lints clean and plays its first round" sc_host_example_competition
scenario "host and board: --help exits 0, usage errors exit 2" sc_host_usage
