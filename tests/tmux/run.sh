#!/bin/sh
# tests/tmux/run.sh — what only a terminal shows: the live countdown, time's
# up moving on, Ctrl-C asking before quitting, a resize mid-question, and the
# terminal restored on every way out (compared with `stty -a` from a plain
# sh, which unlike an interactive bash does not repair a broken terminal).
#
#   JINGSAI=/abs/path/to/jingsai sh tests/tmux/run.sh [WORD]
#
# Each scenario runs jingsai in a detached tmux session on a private socket,
# types with send-keys and reads the screen with capture-pane.  Output: `ok N
# - name` / `not ok N - name`, then `N passed, M failed`; exit 1 on failure.
set -u

if [ -z "${JINGSAI:-}" ] || [ ! -x "$JINGSAI" ]; then
	echo "tmux/run.sh: set JINGSAI to the jingsai binary" >&2
	exit 2
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux/run.sh: tmux is not installed (scripts/install-deps.sh)" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ONLY=${1:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jingsai-tmux.XXXXXX") || exit 2
# A server per scenario (its own socket): a server still shutting down
# cannot take the next scenario's session with it.
SOCK=jingsai-test-$$
TM="tmux -L $SOCK -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP

# start_env NAME (lib.sh's start): a data directory of the scenario's own,
# for its wrong-answer book, and NO_COLOR emptied: the caller's is not
# passed on.
start_env() {
	echo "XDG_DATA_HOME=\"$WORK/$1.xdg\" NO_COLOR="
}

. "$HERE/lib.sh"

BANK=$HERE/bank.yaml
PRACTICE="$JINGSAI practice $BANK --order sequential --lang en"

# ---- scenarios --------------------------------------------------------

countdown() {
	start countdown $PRACTICE --count 1 --time 6
	wait_for countdown "Answer>" || return
	wait_for countdown "[  5s] Answer>" 3 || return
	wait_for countdown "[  3s] Answer>" 3 || return
	# Typing does not stop the clock, and the clock does not eat the typing.
	keys countdown "xy"
	wait_for countdown "[  2s] Answer> xy" 3 || return
	wait_for countdown "Time's up." 4 || return
	wait_for countdown "Not answered." || return
	wait_for countdown "Answer: B" || return
	ended_clean countdown
}

timeout_moves_on() {
	start timeout $PRACTICE --count 2 --time 2
	wait_for timeout "Question 1 of 2" || return
	wait_for timeout "Time's up." 5 || return
	keys timeout Enter
	wait_for timeout "Question 2 of 2" || return
	keys timeout "T" Enter
	wait_for timeout "Right! +10 points" || return
	wait_for timeout "2 questions: 1 right, 0 wrong, 1 unanswered" || return
	ended_clean timeout
}

answer_right() {
	start right $PRACTICE --count 3 --no-time
	wait_for right "Question 1 of 3" || return
	if screen right | grep -q '\[ *[0-9]*s\]'; then
		fail "--no-time still shows a countdown"
	fi
	keys right "b" Enter
	wait_for right "Right! +10 points" || return
	wait_for right "Explanation: 第七十四条" || return
	wait_for right "Source: 《中华人民共和国民族区域自治法》第七十四条" || return
	keys right Enter
	wait_for right "Question 2 of 3" || return
	keys right "错" Enter
	wait_for right "Wrong." || return
	keys right Enter
	wait_for right "Question 3 of 3" || return
	keys right "自治州" Enter
	wait_for right "3 questions: 2 right, 1 wrong, 0 unanswered" || return
	wait_for right "Wrong-answer book: 1 added" || return
	ended_clean right
}

ctrl_c_asks() {
	start ctrlc $PRACTICE --count 3 --time 30
	wait_for ctrlc "Answer>" || return
	keys ctrlc "ab"
	# (a Ctrl-C flushes the terminal's input: let readline read "ab" first)
	wait_for ctrlc "] Answer> ab" || return
	keys ctrlc C-c
	wait_for ctrlc "Quit? Your answers so far are kept. (y/n)" || return
	keys ctrlc "n" Enter
	# Back on the same question with what was typed.
	wait_for ctrlc "] Answer> ab" || return
	keys ctrlc BSpace BSpace "B" Enter
	wait_for ctrlc "Right!" || return
	keys ctrlc Enter
	wait_for ctrlc "Question 2 of 3" || return
	keys ctrlc C-c
	wait_for ctrlc "Quit?" || return
	keys ctrlc "y" Enter
	wait_for ctrlc "1 question: 1 right" || return
	ended_clean ctrlc
}

quit_at_self_judgement() {
	start judge $PRACTICE --type open --count 2 --time 60 --report "$WORK/judge.json"
	wait_for judge "Answer>" || return
	keys judge "不知道"
	wait_for judge "] Answer> 不知道" || return
	keys judge Enter
	wait_for judge "Did you get it right? (y/n)" || return
	keys judge C-c
	wait_for judge "Quit?" || return
	keys judge "y" Enter
	# Answered and never judged: kept, as wrong, and in the book.
	wait_for judge "1 question: 0 right, 1 wrong, 0 unanswered" || return
	wait_for judge "Wrong-answer book: 1 added" || return
	wait_for judge "Report written to" || return
	grep -qF '{"id": "t-004", "correct": false, "given": "不知道",' "$WORK/judge.json" ||
		fail "the report lacks the answer: $(cat "$WORK/judge.json")"
	ended_clean judge
}

# seconds_below FILE|- WHAT LIMIT TEXT: TEXT's number below LIMIT.
seconds_below() {
	if [ -z "$3" ] || ! awk -v s="$3" -v l="$2" 'BEGIN { exit !(s + 0 < l + 0) }'; then
		fail "$1 is '$3' seconds, not below $2: the quit dialog was counted"
	fi
}

quit_dialog_not_counted() {
	start pause $PRACTICE --count 1 --time 60 --report "$WORK/pause.json"
	wait_for pause "Answer>" || return
	keys pause C-c
	wait_for pause "Quit?" || return
	sleep 4
	keys pause "n" Enter
	sleep 0.3
	wait_for pause "] Answer>" || return
	# The countdown was given the 4 s back...
	wait_for pause "[ 5" 1 || return
	keys pause "B" Enter
	wait_for pause "Right!" || return
	wait_for pause "Report written to" || return
	# ...and neither the question's seconds nor the summary count them.
	seconds_below "the question's time" 2 \
		"$(sed -n 's/.*"id": "t-001",.*"seconds": \([0-9.]*\)}.*/\1/p' "$WORK/pause.json")"
	seconds_below "the session's time" 2 \
		"$(sed -n 's/.*"unanswered": 0, "seconds": \([0-9.]*\),.*/\1/p' "$WORK/pause.json")"
	seconds_below "the time per question" 2 \
		"$(screen pause | sed -n 's/.*, \([0-9.]*\) s per question.*/\1/p')"
	ended_clean pause
}

resize() {
	start resize $PRACTICE --count 1 --time 60
	wait_for resize "Answer>" || return
	keys resize "b"
	$TM resize-window -t resize -x 40 -y 24
	sleep 0.5
	# Rewrapped to 40 columns, nothing wider, the answer still on the line.
	wide=$(screen resize | LC_ALL=C.UTF-8 wc -L)
	[ "$wide" -le 40 ] || fail "a line is $wide columns wide after the resize to 40"
	wait_for resize "] Answer> b" || return
	wait_for resize "  B. 1984年10月1日" || return
	keys resize Enter
	wait_for resize "Right!" || return
	ended_clean resize
}

sigterm_restores() {
	start sigterm $PRACTICE --count 3 --time 60
	wait_for sigterm "Answer>" || return
	keys sigterm "abc"
	wait_for sigterm "] Answer> abc" || return
	pkill -TERM -P "$(cat "$WORK/sigterm.pid")" jingsai
	ended_clean sigterm 143
}

crash_restores() {
	start crash $PRACTICE --count 3 --time 60
	wait_for crash "Answer>" || return
	pkill -SEGV -P "$(cat "$WORK/crash.pid")" jingsai
	wait_for crash SCENARIO-DONE 10 || return
	if ! cmp -s "$WORK/crash.before" "$WORK/crash.after"; then
		fail "the terminal was not restored after a crash"
		fail "$(diff "$WORK/crash.before" "$WORK/crash.after" | sed 's/^/      /')"
	fi
}

completion_history() {
	start complete $PRACTICE --count 2 --no-time
	wait_for complete "Answer>" || return
	# Tab completes an option letter (b -> B).
	keys complete "b" Tab
	wait_for complete "Answer> B" || return
	keys complete Enter
	wait_for complete "Right!" || return
	keys complete Enter
	wait_for complete "Question 2 of 2" || return
	# Up offers no earlier answer: answers keep no history.
	keys complete Up
	sleep 0.3
	if screen complete | grep -q "Answer> B"; then
		fail "Up recalled the previous question's answer"
	fi
	keys complete "T" Enter
	wait_for complete "2 questions: 2 right" || return
	ended_clean complete
}

exam_countdown() {
	start exam "$JINGSAI" exam "$BANK" --order sequential --lang en --count 2 --time 90s
	wait_for exam " 1:30] Answer>" 3 || wait_for exam " 1:29] Answer>" 2 || return
	keys exam "B" Enter
	wait_for exam "Question 2 of 2" || return
	if screen exam | grep -q "Right!"; then
		fail "the exam gave feedback before the end"
	fi
	keys exam Enter
	wait_for exam "Exam finished" || return
	wait_for exam "Score 50.0% (pass mark 60%): NOT PASSED" || return
	ended_clean exam
}

chinese_ui() {
	start zh "$JINGSAI" practice "$BANK" --order sequential --lang zh --count 1 --time 9
	wait_for zh "答案>" || return
	keys zh "B" Enter
	wait_for zh "回答正确" || return
	ended_clean zh
}

scenario "countdown ticks while typing, time's up at zero" countdown
scenario "time's up moves on to the next question" timeout_moves_on
scenario "answers judged, explanation and source shown, book updated" answer_right
scenario "Ctrl-C asks; no keeps the typed text; yes ends with a summary" ctrl_c_asks
scenario "Ctrl-C at a self-judgement: the answer is kept, as wrong" quit_at_self_judgement
scenario "the quit dialog's time is left out of the seconds, as of the countdown" quit_dialog_not_counted
scenario "resize mid-question rewraps the question" resize
scenario "SIGTERM mid-question restores the terminal" sigterm_restores
scenario "a crash mid-question restores the terminal" crash_restores
scenario "Tab completes option letters; answers keep no history" completion_history
scenario "exam: overall countdown, no feedback, graded at the end" exam_countdown
scenario "Chinese UI" chinese_ui

# The projector stage of `jingsai host`, with the same helpers.
. "$HERE/host.sh"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
