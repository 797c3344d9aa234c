#!/bin/sh
# The live competition's figures, run by bench/run.sh (`make bench`):
#
#     sh bench/host.sh JINGSAI [DIR]
#
# DIR (default build/bench) holds the bench programs buzzlat, scorelat and
# measure, and gets the competitions' out directories, so that the journal
# and the scoreboards are on the disk of the build tree (its filesystem is
# printed), not a tmpfs:
#   - buzz latency: a team key on a pseudo-terminal to the frame naming the
#     winner, 100 buzzes (bench/buzzlat.c): target p99 < 10 ms;
#   - one scoring event in the scripted mode, journal fdatasync and the four
#     scoreboards included, 200 events (bench/scorelat.c): target median
#     < 20 ms;
#   - replaying a 10,000-event journal: `jingsai board DIR` and `jingsai host
#     FILE --out DIR --resume </dev/null`, median of RUNS runs: target
#     < 100 ms each.
# The journal is made once (a short competition, bench/data/replay.yaml,
# played to its final, then adjust/undo pairs) and kept in DIR/replay-10k;
# it is made again when the competition, its bank or this script is newer,
# or when the binary no longer reads it.  It is written on /dev/shm when
# there is one (10,000 fsynced events take a minute on a disk), then copied.
# Exit 1 when a target is missed, 2 when something could not be measured.
set -u

RUNS=9
EVENTS=10000

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: sh bench/host.sh JINGSAI [DIR]" >&2
	exit 2
fi
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}
JINGSAI=$(abspath "$1")
DIR=$(abspath "${2:-build/bench}")
cd "$(dirname "$0")/.." || exit 2
for prog in "$JINGSAI" "$DIR/buzzlat" "$DIR/scorelat" "$DIR/measure"; do
	if [ ! -x "$prog" ]; then
		echo "bench: $prog: not found or not executable (run 'make bench')" >&2
		exit 2
	fi
done
export LC_ALL=C.UTF-8
BUZZ=bench/data/buzz.yaml
REPLAY=$(pwd)/bench/data/replay.yaml
fs=$(df -T "$DIR" 2>/dev/null | awk 'NR == 2 { print $2 " (" $1 ")" }')
status=0

echo "== stage: buzz key to the winner's frame (target p99 < 10 ms), on $fs"
"$DIR/buzzlat" "$JINGSAI" "$BUZZ" "$DIR/buzzlat.out"
case $? in
0) ;;
1) status=1 ;;
*) exit 2 ;;
esac

echo "== stage: one scoring event, journal and boards (target median < 20 ms), on $fs"
"$DIR/scorelat" "$JINGSAI" "$BUZZ" "$DIR/scorelat.out"
case $? in
0) ;;
1) status=1 ;;
*) exit 2 ;;
esac

# ---- replay ------------------------------------------------------------

out=$DIR/replay-10k
master=$out/journal.master

# The short competition: three required questions right, three buzz
# questions (one wrong with a rebound): 甲队 130, 丙队 120, 乙队 100, final.
play='next
correct
next
correct
next
correct
next
start
buzz 1
correct
next
start
buzz 2
wrong
buzz 3
correct
next
start
buzz 1
correct'

make_journal() {
	tmp=
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		tmp=$(mktemp -d /dev/shm/jingsai-bench.XXXXXX) || tmp=
	fi
	[ -n "$tmp" ] || tmp=$(mktemp -d "$DIR/replay-gen.XXXXXX") || return 1
	gen=$tmp/out
	if ! printf '%s\n' "$play" | "$JINGSAI" host "$REPLAY" --out "$gen" >"$tmp/log" 2>&1 ||
		! grep -q '^Final: ' "$tmp/log"; then
		echo "bench: the replay competition did not reach its final:" >&2
		sed 's/^/  /' "$tmp/log" >&2
		rm -rf "$tmp"
		return 1
	fi
	have=$(($(wc -l <"$gen/journal.jsonl") - 1))
	awk -v n=$((EVENTS - have)) 'BEGIN {
		for (i = 0; i + 1 < n; i += 2) print "adjust 1 +1 bench\nundo"
		if (n % 2) print "adjust 1 +1 bench"
	}' | "$JINGSAI" host "$REPLAY" --out "$gen" --resume >"$tmp/log" 2>&1
	got=$(($(wc -l <"$gen/journal.jsonl") - 1))
	if [ "$got" -ne "$EVENTS" ]; then
		echo "bench: the replay journal has $got events, not $EVENTS:" >&2
		grep -v '^Adjustment\|^Undone' "$tmp/log" | head -n 20 | sed 's/^/  /' >&2
		rm -rf "$tmp"
		return 1
	fi
	rm -rf "$out"
	mkdir -p "$out" && cp "$gen/journal.jsonl" "$master"
	rc=$?
	rm -rf "$tmp"
	return $rc
}

# median_ms CMD...: RUNS runs of CMD with a fresh copy of the journal,
# each timed by measure; prints the median, the fastest and the slowest
# wall time in ms.  Fails when a run does not exit 0.
median_ms() {
	i=0
	: >"$out.times"
	while [ $i -lt $RUNS ]; do
		cp "$master" "$out/journal.jsonl" || return 1
		line=$("$DIR/measure" -n 1 -- "$@") || return 1
		# measure's line: wall_min_s W max_rss_kib R exit S cpu_min_s C
		echo "$line" | awk '$5 == "exit" && $6 != 0 { exit 1 } { print $2 * 1000 }' \
			>>"$out.times" || return 1
		i=$((i + 1))
	done
	sort -n "$out.times" | awk '{ t[NR] = $1 } END {
		printf "%.1f %.1f %.1f\n", t[int((NR + 1) / 2)], t[1], t[NR] }'
}

stale=
if [ ! -f "$master" ]; then
	stale=1
else
	[ -z "$(find bench/data/replay.yaml bench/data/buzz-bank.yaml bench/host.sh \
		-newer "$master")" ] || stale=1
fi
cp "$master" "$out/journal.jsonl" 2>/dev/null
if [ -n "$stale" ] || ! "$JINGSAI" board "$out" >/dev/null 2>&1; then
	echo "bench: making a $EVENTS-event journal in $out"
	make_journal || exit 2
fi
cp "$master" "$out/journal.jsonl"
resumed=$("$JINGSAI" host "$REPLAY" --out "$out" --resume </dev/null 2>&1)
case $resumed in
*"Resumed after $EVENTS events"*) ;;
*)
	echo "bench: host --resume did not replay the $EVENTS events:" >&2
	echo "$resumed" | head -n 20 | sed 's/^/  /' >&2
	exit 2
	;;
esac

echo "== stage: replaying a $EVENTS-event journal (target median < 100 ms), on $fs"
board=$(median_ms "$JINGSAI" board "$out") || {
	echo "bench: 'jingsai board $out' failed" >&2
	exit 2
}
resume=$(median_ms "$JINGSAI" host "$REPLAY" --out "$out" --resume) || {
	echo "bench: 'jingsai host --resume' failed" >&2
	exit 2
}
rm -f "$out.times"
awk -v b="$board" -v r="$resume" -v n="$RUNS" 'BEGIN {
	split(b, B, " "); split(r, R, " ")
	printf "%-28s median %6.1f ms   min %6.1f ms   max %6.1f ms   (%d runs)\n",
	       "jingsai board DIR", B[1], B[2], B[3], n
	printf "%-28s median %6.1f ms   min %6.1f ms   max %6.1f ms   (%d runs)\n",
	       "jingsai host --resume", R[1], R[2], R[3], n
	fail = 0
	if (B[1] >= 100) {
		printf "bench: FAIL: board takes %.1f ms (median), target < 100 ms\n", B[1]
		fail = 1
	}
	if (R[1] >= 100) {
		printf "bench: FAIL: host --resume takes %.1f ms (median), target < 100 ms\n", R[1]
		fail = 1
	}
	exit fail
}' || status=1
exit $status
