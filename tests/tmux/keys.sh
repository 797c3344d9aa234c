#!/bin/sh
# tests/tmux/keys.sh — the timed prompt's key mode on a real terminal:
# keys pressed together come one by one in order, Esc, arrows, Enter and a
# Chinese character decoded, a command line on the last row with completion
# and history, a resize, and the terminal restored (settings compared with
# `stty -a` from a plain sh, the normal screen back) after 'q', SIGTERM and
# SIGSEGV.  Drives tests/tmux/keydemo.c, built here against the core library.
#
#   JINGSAI=/abs/path/to/jingsai sh tests/tmux/keys.sh [WORD]
#
# The library is the one next to JINGSAI (a BUILDDIR tree) or build/rel's;
# LIBJINGSAI=/path/to/libjingsai.a overrides.  Output as tests/tmux/run.sh:
# `ok N - name` / `not ok N - name`, then `N passed, M failed`.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
ONLY=${1:-}
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux/keys.sh: tmux is not installed (scripts/install-deps.sh)" >&2
	exit 2
fi
LIB=${LIBJINGSAI:-}
if [ -z "$LIB" ] && [ -n "${JINGSAI:-}" ] && [ -f "$(dirname "$JINGSAI")/libjingsai.a" ]; then
	LIB=$(dirname "$JINGSAI")/libjingsai.a
fi
[ -n "$LIB" ] || LIB=$TOP/build/rel/libjingsai.a
if [ ! -f "$LIB" ]; then
	echo "tmux/keys.sh: no $LIB (make first, or set LIBJINGSAI)" >&2
	exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jingsai-keys.XXXXXX") || exit 2
SOCK=jingsai-keys-$$
TM="tmux -L $SOCK -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP

# A sanitizer build of the library needs the sanitizers at link time.
SAN=
if nm "$LIB" 2>/dev/null | grep -q __asan_; then
	SAN="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -g $SAN \
	-I"$TOP/src" -o "$WORK/keydemo" "$HERE/keydemo.c" "$LIB" \
	$(pkg-config --libs readline yaml-0.1); then
	echo "tmux/keys.sh: cannot build keydemo" >&2
	exit 2
fi
DEMO=$WORK/keydemo

# start_env NAME (lib.sh's start): the demo runs without LeakSanitizer.
start_env() {
	echo "ASAN_OPTIONS=detect_leaks=0"
}

. "$HERE/lib.sh"

# ended_clean NAME [STATUS], and the normal screen is back: "before" is
# there, the demo's own lines are not.
demo_ended() {
	ended_clean "$@" || return 1
	if ! screen "$1" | grep -q '^before$'; then
		fail "the normal screen did not come back"
	fi
	if screen "$1" | grep -q 'keydemo ready'; then
		fail "the alternate screen's text is still on the screen"
	fi
}

# ---- scenarios --------------------------------------------------------

# The n-th line of the screen that holds TEXT (first match), for order.
line_of() {
	screen "$1" | grep -nF -- "$2" | head -1 | cut -d: -f1
}

keys_in_order() {
	start keys "$DEMO"
	wait_for keys "keydemo ready 24x80" || return
	keys keys "123"
	wait_for keys "key 51 '3'" || return
	a=$(line_of keys "key 49 '1'")
	b=$(line_of keys "key 50 '2'")
	c=$(line_of keys "key 51 '3'")
	if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -ge "$b" ] || [ "$b" -ge "$c" ]; then
		fail "the keys did not come in the order typed (lines $a $b $c)"
	fi
	keys keys Up
	wait_for keys "key other" || return
	keys keys Escape
	wait_for keys "key 27" || return
	keys keys Enter
	wait_for keys "key 10" || return
	keys keys "中"
	keys keys t
	wait_for keys "timeout" 3 || return
	# Up and 中: one key each, not a key per byte.
	n=$(screen keys | grep -c "^key other$")
	[ "$n" -eq 2 ] || fail "$n 'key other' lines for Up and 中, expected 2"
	if [ "$(screen keys | grep -c '^key [0-9o]')" -ne 7 ]; then
		fail "not 7 keys for 1 2 3 Up Esc Enter 中:"
		fail "$(screen keys | grep '^key [0-9o]' | sed 's/^/      | /')"
	fi
	keys keys q
	demo_ended keys
}

command_line() {
	start cmd "$DEMO"
	wait_for cmd "keydemo ready" || return
	keys cmd ":"
	wait_for cmd ":" || return
	keys cmd "adj" Tab "西" Tab "+5 typo" Enter
	wait_for cmd "line [adjust 西固城街道代表队 +5 typo]" || return
	# The keys after the line are keys again.
	keys cmd "5"
	wait_for cmd "key 53 '5'" || return
	keys cmd ":" "undo" Enter
	wait_for cmd "line [undo]" || return
	keys cmd ":"
	sleep 0.2
	keys cmd Up Up Enter
	wait_for cmd "line [adjust 西固城街道代表队 +5 typo]" || return
	keys cmd q
	demo_ended cmd
}

resize() {
	start resize "$DEMO"
	wait_for resize "keydemo ready 24x80" || return
	$TM resize-window -t resize -x 60 -y 20
	wait_for resize "resize 20x60" || return
	keys resize "x"
	wait_for resize "key 120 'x'" || return
	keys resize q
	demo_ended resize
}

sigterm_restores() {
	start term "$DEMO"
	wait_for term "keydemo ready" || return
	pkill -TERM -P "$(cat "$WORK/term.pid")" keydemo
	demo_ended term 143
}

crash_restores() {
	start segv "$DEMO"
	wait_for segv "keydemo ready" || return
	pkill -SEGV -P "$(cat "$WORK/segv.pid")" keydemo
	demo_ended segv 139
}

scenario "key mode: keys in order, sequences, Esc, Enter, 中, a deadline" keys_in_order
scenario "key mode: a command line with completion and history, keys again" command_line
scenario "key mode: a resize is reported" resize
scenario "key mode: SIGTERM restores the terminal and the normal screen" sigterm_restores
scenario "key mode: a crash restores the terminal and the normal screen" crash_restores

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
