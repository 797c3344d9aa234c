# tests/tmux/host.sh — the projector stage of `jingsai host` on a real
# terminal: the opening, a running block-digit countdown, buzz keys (a foul
# before the signal, the winner in large type), marks, the ':' command line
# with completion, pause and resume, a resize mid-question, quitting, and
# the terminal restored and the competition resumable after SIGTERM and a
# crash; without colour, emphasis in bold and reverse only.
#
# Sourced by tests/tmux/run.sh after its own scenarios, with the helpers of
# tests/tmux/lib.sh (start, screen, wait_for, keys, ended_clean, scenario,
# fail) and run.sh's variables (JINGSAI, HERE, WORK, TM).  The competition is the CLI host
# fixture, tests/cli/data/host/comp.yaml: teams 甲队 乙队 丙队 on keys 1 2
# 3, 100 points each to start; rounds 必答题 (30 s, +10), 抢答题 (buzz
# within 10 s, 20 s to answer, +10/-10, rebound), then risk and speed;
# every answer is A.  Each scenario gets its own --out directory.

HOST_COMP=$(cd "$HERE/../cli/data/host" && pwd)/comp.yaml

# stage NAME [ARGS...]: `jingsai host` on the fixture in a fresh session, its
# out directory $WORK/NAME.out or HOST_OUT.  The line STAGE-BEFORE goes to
# the normal screen first, so that once the stage is left it shows the
# normal screen is back.  HOST_ENV (e.g. NO_COLOR=1) is added to the
# environment.  No core file from the crash.
stage() {
	name=$1
	shift
	# shellcheck disable=SC2086
	start "$name" env ${HOST_ENV:-} sh -c 'ulimit -c 0; echo STAGE-BEFORE; exec "$@"' sh \
		"$JINGSAI" host "$HOST_COMP" --out "${HOST_OUT:-$WORK/$name.out}" "$@"
}

# wait_until NAME SECONDS WHAT CMD...: until CMD succeeds; else fails with
# WHAT and the screen.
wait_until() {
	wu_name=$1 wu_secs=$2 wu_what=$3
	shift 3
	i=0
	while [ $i -lt $((wu_secs * 10)) ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$wu_what; the screen shows:"
	fail "$(screen "$wu_name" | grep -v '^$' | sed 's/^/      | /')"
	return 1
}

# row NAME N: the N-th row of the screen.
row() {
	screen "$1" | sed -n "$2p"
}

# The rows of the block-digit countdown.
digits() {
	screen "$1" | grep '█'
}

# row_has NAME N TEXT: row N holds TEXT.
row_has() {
	row "$1" "$2" | grep -qF -- "$3"
}

# The command line on the last row reads exactly TEXT (less trailing blanks
# and the "[ 27s] " of a running timer before it).
cmdline_is() {
	[ "$(screen "$1" | sed -n '$p' | sed 's/ *$//; s/^\[ *[0-9:]*s\] //')" = "$2" ]
}

# command NAME LINE: ':' then LINE and Enter, once the command line is there.
command() {
	keys "$1" ":"
	wait_until "$1" 3 "no command line after ':'" cmdline_is "$1" ":" || return 1
	keys "$1" "$2" Enter
}

# The journal of scenario NAME has a line matching the extended regexp RE.
journal_has() {
	grep -qE -- "$2" "$WORK/$1.out/journal.jsonl" 2>/dev/null
}

# From the opening to the first question of the required round, shown
# (the timer not yet started): 甲队 in turn.
to_question() {
	wait_for "$1" "Space: begin" || return 1
	keys "$1" Space
	wait_for "$1" "Required questions" || return 1
	keys "$1" Space
	wait_for "$1" "Space: start the timer" || return 1
	wait_for "$1" "Question 1 of 3"
}

# ... and its 30 s timer started: the countdown runs.
to_countdown() {
	to_question "$1" || return 1
	keys "$1" Space
	wait_for "$1" "y: right   n: wrong" || return 1
	wait_until "$1" 3 "no block digits on the screen" digits "$1" >/dev/null
}

# From the opening to the first buzz question, shown with the buzzers
# closed, every team right once in the required round (110 each).
to_buzz() {
	to_question "$1" || return 1
	for q in 1 2 3; do
		wait_for "$1" "Question $q of 3" || return 1
		keys "$1" y
		wait_for "$1" "Answer: A" || return 1
		keys "$1" Space
	done
	wait_for "$1" "Standings" || return 1
	keys "$1" Space
	wait_for "$1" "Buzzer questions" || return 1
	keys "$1" Space
	wait_for "$1" "Space: open the buzzers" || return 1
}

# The stage was left: the normal screen is back (the line written before
# the stage is there, the stage's own text is not).
normal_screen() {
	if ! screen "$1" | grep -q '^STAGE-BEFORE$'; then
		fail "the normal screen did not come back"
	fi
	if screen "$1" | grep -qE 'Question 1 of 3|甲队  1[0-9]0|测 试 竞 赛'; then
		fail "the stage's text is still on the screen:"
		fail "$(screen "$1" | grep -v '^$' | sed 's/^/      | /')"
	fi
}

# ---- scenarios --------------------------------------------------------

host_opening() {
	stage open
	wait_for open "测 试 竞 赛" || return
	wait_for open "1   甲队" || return
	wait_for open "2   乙队" || return
	wait_for open "3   丙队" || return
	wait_for open "Space: begin" || return
	keys open q
	wait_for open "Quit?" || return
	keys open y
	ended_clean open
	normal_screen open
}

host_countdown() {
	stage count
	to_countdown count || return
	a=$(digits count)
	sleep 1.2
	b=$(digits count)
	[ -n "$b" ] || fail "the block digits went away"
	[ "$a" != "$b" ] || fail "the block digits did not change in 1.2 s"
	# In colour: the digits green (the NO_COLOR scenario checks the reverse).
	if ! $TM capture-pane -p -e -t count | grep '█' | grep -q '\[9[0-9]m'; then
		fail "the countdown digits have no colour"
	fi
	keys count q y
	ended_clean count
}

host_buzz() {
	stage buzz
	to_buzz buzz || return
	# A key before the signal: a foul, journaled.
	keys buzz 2
	wait_for buzz "Foul: 乙队 keyed before the signal, -10" || return
	wait_for buzz "乙队  100" || return
	journal_has buzz '"ev": "buzz", "team": 1[,}]' ||
		fail "the journal has no buzz record for the foul"
	# The signal, then the first key wins: its name in the banner.
	keys buzz Space
	wait_for buzz "Buzz now!" || return
	keys buzz 1 3
	wait_for buzz "甲 队" || return
	wait_for buzz "y: right   n: wrong" || return
	if screen buzz | grep -q "丙 队"; then
		fail "the second key took the banner too"
	fi
	keys buzz y
	wait_for buzz "甲队: right, +10 (score 120)" || return
	wait_for buzz "甲队  120" || return
	wait_for buzz "丙队  110" || return
	wait_for buzz "Answer: A" || return
	keys buzz q y
	ended_clean buzz
}

host_wrong() {
	stage wrong
	to_countdown wrong || return
	keys wrong n
	wait_for wrong "甲队: wrong, +0 (score 100)" || return
	wait_for wrong "甲队 wrong +0" || return
	wait_for wrong "Answer: A" || return
	journal_has wrong '"ev": "mark", "verdict": "wrong"' ||
		fail "the journal has no wrong mark"
	if digits wrong >/dev/null; then
		fail "the countdown is still on the answer screen"
	fi
	keys wrong q y
	ended_clean wrong
}

host_command_line() {
	stage cmd
	to_question cmd || return
	keys cmd ":"
	wait_until cmd 3 "no command line after ':'" cmdline_is cmd ":" || return
	keys cmd "adjust 甲" Tab
	wait_until cmd 3 "Tab did not complete the team name to ':adjust 甲队'" \
		cmdline_is cmd ":adjust 甲队" || return
	keys cmd "+5 测试" Enter
	wait_for cmd "Adjustment: 甲队 +5, 测试 (score 105)" || return
	wait_for cmd "甲队  105" || return
	if ! /usr/bin/python3 - "$WORK/cmd.out/scoreboard.json" <<'EOF'; then
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
t = [t for t in b["teams"] if t["name"] == "甲队"][0]
sys.exit(0 if t["score"] == 105 and t["adjustments"] == [{"delta": 5, "reason": "测试"}] else 1)
EOF
		fail "scoreboard.json has not 甲队 at 105 with the adjustment +5 测试:"
		fail "$(sed 's/^/      /' "$WORK/cmd.out/scoreboard.json")"
	fi
	# A bad command is reported and changes nothing.
	command cmd "adjust 丁队 +5 x" || return
	wait_for cmd "no such team" || return
	# ... first on the status line, before what the last event said: the
	# line is cut at the screen's width, and the refusal must not be.
	screen cmd | grep -q "^ *adjust TEAM ±N REASON: no such team   Adjustment: 甲队 +5" ||
		fail "the refusal is not first on the status line: $(screen cmd | grep 'no such team')"
	keys cmd q y
	ended_clean cmd
}

host_pause() {
	stage pause
	to_countdown pause || return
	command pause pause || return
	wait_for pause "Paused" || return
	a=$(digits pause)
	sleep 2
	b=$(digits pause)
	[ -n "$a" ] || fail "no countdown while paused"
	[ "$a" = "$b" ] || fail "the countdown moved while paused"
	journal_has pause '"ev": "pause"' || fail "the pause is not in the journal"
	command pause resume || return
	sleep 0.5
	journal_has pause '"ev": "resume"' || fail "the resume is not in the journal"
	c=$(digits pause)
	sleep 1.2
	d=$(digits pause)
	[ "$c" != "$d" ] || fail "the countdown did not run again after resume"
	keys pause q y
	ended_clean pause
}

host_resize() {
	stage size
	to_countdown size || return
	row_has size 23 "甲队  100" || fail "the team bar is not on row 23 of 24"
	$TM resize-window -t size -x 120 -y 40
	wait_until size 3 "the team bar did not move to row 39 of 40" \
		row_has size 39 "甲队  100" || return
	row_has size 40 "y: right" || fail "the keys are not on the last row"
	screen size | grep -q "第[0-9]*题：哪一项是对的" || fail "the question is gone"
	row_has size 23 "甲队" && fail "the old team bar is left on row 23"
	wide=$(screen size | LC_ALL=C.UTF-8 wc -L)
	[ "$wide" -gt 80 ] || fail "the frame is still 80 columns wide"
	# And back: nothing beyond 60 columns.
	$TM resize-window -t size -x 60 -y 20
	wait_until size 3 "the team bar did not move to row 19 of 20" \
		row_has size 19 "甲队" || return
	wide=$(screen size | LC_ALL=C.UTF-8 wc -L)
	[ "$wide" -le 60 ] || fail "a line is $wide columns wide after the resize to 60"
	keys size q y
	ended_clean size
}

host_quit() {
	stage quit
	to_question quit || return
	# q asks, n goes on.
	keys quit q
	wait_for quit "Quit? The competition can be resumed" || return
	keys quit n
	wait_until quit 3 "n did not go back to the question" \
		row_has quit 24 "Space: start the timer" || return
	screen quit | grep -q "Quit?" && fail "the question to quit stayed after n"
	# So does Ctrl-C.
	keys quit C-c
	wait_for quit "Quit? The competition can be resumed" || return
	keys quit n
	wait_until quit 3 "n did not go back to the question after Ctrl-C" \
		row_has quit 24 "Space: start the timer" || return
	command quit quit || return
	wait_for quit "Quit? The competition can be resumed" || return
	keys quit y
	ended_clean quit
	normal_screen quit
}

# kill_resume NAME SIGNAL STATUS: a signal while the countdown runs; the
# terminal restored, and --resume on the same directory opens on the same
# question again with its countdown running.
kill_resume() {
	stage "$1"
	to_countdown "$1" || return
	question=$(screen "$1" | grep -o "第[0-9]*题：哪一项是对的？")
	[ -n "$question" ] || {
		fail "no question on the screen"
		return
	}
	sleep 1.1 # a clock checkpoint or two in the journal
	pkill "-$2" -P "$(cat "$WORK/$1.pid")" jingsai
	ended_clean "$1" "$3"
	normal_screen "$1"
	HOST_OUT=$WORK/$1.out
	stage "$1-again" --resume
	HOST_OUT=
	# Straight back on the question, not on the title screen.
	wait_for "$1-again" "$question" || return
	wait_for "$1-again" "Question 1 of 3" || return
	wait_until "$1-again" 3 "no countdown after --resume" digits "$1-again" >/dev/null ||
		return
	a=$(digits "$1-again")
	sleep 1.2
	[ "$a" != "$(digits "$1-again")" ] || fail "the countdown does not run after --resume"
	keys "$1-again" q y
	ended_clean "$1-again"
}

host_sigterm() {
	kill_resume term TERM 143
}

host_crash() {
	kill_resume segv SEGV 139
}

# The SGR parameters of colour: 30-37, 40-47, 90-97, 100-107, 38;… and 48;….
colour_sgr() {
	grep -o "$(printf '\033')\[[0-9;]*m" | tr -d '\033[m' | tr ';' '\n' |
		grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

host_no_color() {
	HOST_ENV=NO_COLOR=1
	stage nocolor
	HOST_ENV=
	to_countdown nocolor || return
	$TM capture-pane -p -e -t nocolor >"$WORK/nocolor.sgr"
	if bad=$(colour_sgr <"$WORK/nocolor.sgr"); then
		fail "colour SGR parameters with NO_COLOR: $(echo "$bad" | sort -u | tr '\n' ' ')"
	fi
	# The digits bold, 甲队 in turn in reverse video.
	esc=$(printf '\033')
	grep '█' "$WORK/nocolor.sgr" | grep -q "$esc\[1m" ||
		fail "the countdown is not bold"
	grep '甲队' "$WORK/nocolor.sgr" | tail -1 | grep -q "$esc\[[0-9;]*7m[^$esc]*甲队" ||
		fail "the team in turn is not in reverse video"
	keys nocolor q y
	ended_clean nocolor
}

scenario "host: the opening shows the title and every team" host_opening
scenario "host: Space steps to a running block-digit countdown" host_countdown
scenario "host: a foul before the signal, then the first key wins and y scores" host_buzz
scenario "host: n marks wrong and shows the answer" host_wrong
scenario "host: ':adjust' with Tab completion changes the score and the scoreboard" host_command_line
scenario "host: ':pause' stops the countdown, ':resume' restarts it" host_pause
scenario "host: a resize mid-question redraws at the new size" host_resize
scenario "host: q, Ctrl-C and ':quit' ask first; y quits and restores the terminal" host_quit
scenario "host: SIGTERM restores the terminal; --resume shows the question again" host_sigterm
scenario "host: a crash restores the terminal; --resume shows the question again" host_crash
scenario "host: NO_COLOR: bold and reverse only" host_no_color
