# tests/tmux/lib.sh — the helpers the tmux suites share (run.sh with the
# host.sh it sources, and keys.sh): a command in a fresh tmux session, its
# screen read and keys typed, the terminal checked when it ends, and the
# `ok N - name` / `not ok N - name` tally.
#
# Sourced by a suite once it has set WORK (its private directory), SOCK (the
# name its tmux sockets start with) and ONLY (the word that picks scenarios),
# and defined start_env NAME, which prints the environment assignments,
# besides LC_ALL=C.UTF-8, that scenario NAME's command is run with.  Sets N,
# PASSED, FAILED, WHY; each scenario sets TM, the tmux command of its server.

N=0
PASSED=0
FAILED=0
WHY=

fail() {
	WHY="$WHY
    $*"
}

# start NAME COMMAND...: a fresh 80x24 session running COMMAND under sh,
# which records its pid, `stty -a` before and after (less the first line,
# the size, which a resize changes) and the exit status.
start() {
	name=$1
	shift
	cat >"$WORK/$name.sh" <<EOS
echo \$\$ >"$WORK/$name.pid"
trap : INT  # a Ctrl-C typed for the command reaches this shell too
stty -a | sed 1d >"$WORK/$name.before"
LC_ALL=C.UTF-8 $(start_env "$name") "\$@"
echo \$? >"$WORK/$name.rc"
stty -a | sed 1d >"$WORK/$name.after"
echo SCENARIO-DONE
sleep 600
EOS
	$TM new-session -d -s "$name" -x 80 -y 24 sh "$WORK/$name.sh" "$@"
}

screen() {
	$TM capture-pane -p -t "$1"
}

# wait_for NAME TEXT [SECONDS]: until TEXT is on the screen.
wait_for() {
	i=0
	limit=$((${3:-5} * 10))
	while [ $i -lt "$limit" ]; do
		if screen "$1" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "'$2' never appeared on the screen; it shows:"
	fail "$(screen "$1" | grep -v '^$' | sed 's/^/      | /')"
	return 1
}

keys() {
	name=$1
	shift
	$TM send-keys -t "$name" "$@"
}

# ended_clean NAME [STATUS]: the scenario ended, with STATUS (0), and the
# terminal is as it was before.  Returns 1 only when it did not end.
ended_clean() {
	wait_for "$1" SCENARIO-DONE 10 || return 1
	if ! cmp -s "$WORK/$1.before" "$WORK/$1.after"; then
		fail "the terminal was not restored:"
		fail "$(diff "$WORK/$1.before" "$WORK/$1.after" | sed 's/^/      /')"
	fi
	rc=$(cat "$WORK/$1.rc" 2>/dev/null)
	if [ "$rc" != "${2:-0}" ]; then
		fail "exit status $rc, expected ${2:-0}"
	fi
}

# scenario TITLE FUNCTION: FUNCTION, when TITLE holds ONLY, on a tmux server
# of its own (one still shutting down cannot take the next scenario's
# session with it); then ok or not ok, with what failed.
scenario() {
	N=$((N + 1))
	case $1 in
	*"$ONLY"*) ;;
	*) return ;;
	esac
	WHY=
	TM="tmux -L $SOCK-$N -f /dev/null"
	"$2"
	if [ -z "$WHY" ]; then
		PASSED=$((PASSED + 1))
		echo "ok $N - $1"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N - $1$WHY"
	fi
	$TM kill-server 2>/dev/null
}
