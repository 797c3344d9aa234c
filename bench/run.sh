#!/bin/sh
# Loader benchmark, run by `make bench`:
#
#     sh bench/run.sh JINGSAI YAMLSCAN MEASURE
#
# Generates a 100,000-question bank (build/bench/bank-100k.yaml, about 50 MB)
# with scripts/gen-bank when it is missing or older than the generator, then
# measures with MEASURE (best wall time of 5 runs, peak RSS):
#   - YAMLSCAN FILE       libyaml's event scan alone: the floor
#   - JINGSAI lint FILE   the real loader and checks; must exit 0
# and fails (exit 1) when lint takes more than 1.30x the bare scan's time or
# peaks at more than 2.00x the file size in memory. bench/timer.sh, when it
# exists, runs next with JINGSAI as its argument, and bench/host.sh (the
# live competition: buzz latency, a scoring event, replaying a journal)
# last, with JINGSAI and the directory of MEASURE, where its programs are.
set -eu

TIME_TARGET=1.30   # lint wall time / bare scan wall time
MEM_TARGET=2.00    # lint peak RSS / bank file size
COUNT=100000
RUNS=15

if [ $# -ne 3 ]; then
	echo "usage: sh bench/run.sh JINGSAI YAMLSCAN MEASURE" >&2
	exit 2
fi

# The arguments are relative to the caller's directory; the rest of the
# script runs from the top of the tree. A bare name is left to PATH.
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*/*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	*) printf '%s\n' "$1" ;;
	esac
}
JINGSAI=$(abspath "$1")
YAMLSCAN=$(abspath "$2")
MEASURE=$(abspath "$3")
cd "$(dirname "$0")/.."

for prog in "$JINGSAI" "$YAMLSCAN" "$MEASURE"; do
	if ! command -v "$prog" >/dev/null 2>&1; then
		echo "bench: $prog: not found or not executable (run 'make bench')" >&2
		exit 1
	fi
done

bank=build/bench/bank-100k.yaml
mkdir -p build/bench
if [ ! -f "$bank" ] || [ -n "$(find scripts/gen-bank -newer "$bank")" ]; then
	echo "bench: generating $bank ($COUNT questions)"
	python3 scripts/gen-bank -n "$COUNT" -o "$bank"
fi
bytes=$(wc -c <"$bank" | tr -d ' ')
awk -v f="$bank" -v b="$bytes" 'BEGIN { printf "bench: %s: %d bytes (%.1f MB)\n", f, b, b / 1e6 }'

# measure CMD...: one run; prints "WALL RSS STATUS" from MEASURE's line.
measure() {
	"$MEASURE" -n 1 -- "$@" | awk '
		$1 == "wall_min_s" && $3 == "max_rss_kib" && $5 == "exit" && $7 == "cpu_min_s" {
			print $2, $4, $6, $8; ok = 1
		}
		END { exit !ok }'
}

# The two commands take turns, RUNS rounds, and each keeps its fastest time and
# its largest memory: a busy moment of the machine then cannot fall on all the
# runs of one side only.
scan_wall=0 scan_rss=0 lint_wall=0 lint_rss=0 scan_cpu=0 lint_cpu=0
round=0
while [ "$round" -lt "$RUNS" ]; do
	round=$((round + 1))
	if ! one=$(measure "$YAMLSCAN" "$bank"); then
		echo "bench: $MEASURE failed on $YAMLSCAN" >&2
		exit 1
	fi
	set -- $one
	if [ "$3" -ne 0 ]; then
		echo "bench: $YAMLSCAN exited $3 on $bank:" >&2
		"$YAMLSCAN" "$bank" 2>&1 | head -n 20 >&2
		exit 1
	fi
	scan_wall=$(awk -v a="$scan_wall" -v b="$1" 'BEGIN { print (a == 0 || b < a) ? b : a }')
	scan_cpu=$(awk -v a="$scan_cpu" -v b="$4" 'BEGIN { print (a == 0 || b < a) ? b : a }')
	scan_rss=$(awk -v a="$scan_rss" -v b="$2" 'BEGIN { print (b > a) ? b : a }')

	if ! one=$(measure "$JINGSAI" lint "$bank"); then
		echo "bench: $MEASURE failed on $JINGSAI lint" >&2
		exit 1
	fi
	set -- $one
	if [ "$3" -ne 0 ]; then
		echo "bench: '$JINGSAI lint $bank' exited $3 (must be 0); its first 20 lines of output:" >&2
		"$JINGSAI" lint "$bank" 2>&1 | head -n 20 >&2
		exit 1
	fi
	lint_wall=$(awk -v a="$lint_wall" -v b="$1" 'BEGIN { print (a == 0 || b < a) ? b : a }')
	lint_cpu=$(awk -v a="$lint_cpu" -v b="$4" 'BEGIN { print (a == 0 || b < a) ? b : a }')
	lint_rss=$(awk -v a="$lint_rss" -v b="$2" 'BEGIN { print (b > a) ? b : a }')
done

status=0
awk -v f="$bank" -v n="$COUNT" -v b="$bytes" \
    -v sw="$scan_wall" -v sc="$scan_cpu" -v sr="$scan_rss" \
    -v lw="$lint_wall" -v lc="$lint_cpu" -v lr="$lint_rss" \
    -v tt="$TIME_TARGET" -v mt="$MEM_TARGET" 'BEGIN {
	printf "loader bench: %s, %d questions, %.1f MB\n", f, n, b / 1e6
	printf "%-20s%.3f s wall   %.3f s CPU   %.1f MiB\n", "bare libyaml scan", sw, sc, sr / 1024
	printf "%-20s%.3f s wall   %.3f s CPU   %.1f MiB\n", "jingsai lint", lw, lc, lr / 1024
	tr = (sc > 0) ? lc / sc : 1e9
	wr = (sw > 0) ? lw / sw : 1e9
	mr = lr * 1024 / b
	printf "%-20s%.2fx CPU, %.2fx wall   (target <= %.2fx)\n", "lint / scan time", tr, wr, tt
	printf "%-20s%.2fx file size   (target <= %.2fx)\n", "lint peak memory", mr, mt
	fail = 0
	if (tr > tt + 0) {
		printf "bench: FAIL: lint takes %.2fx the CPU time of the bare scan, target <= %.2fx\n", tr, tt
		fail = 1
	}
	if (mr > mt + 0) {
		printf "bench: FAIL: lint peak memory is %.2fx the file size, target <= %.2fx\n", mr, mt
		fail = 1
	}
	exit fail
}' || status=1

# Wall time on a shared machine wanders; instruction counts do not.  With
# valgrind, also count both programs' instructions on a 10,000-question bank.
if command -v valgrind >/dev/null 2>&1; then
	small=build/bench/bank-10k.yaml
	[ -f "$small" ] && [ "$small" -nt scripts/gen-bank ] ||
		python3 scripts/gen-bank -n 10000 -o "$small"
	irefs() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
	}
	scan_ir=$(irefs "$YAMLSCAN" "$small")
	lint_ir=$(irefs "$JINGSAI" lint "$small")
	awk -v s="$scan_ir" -v l="$lint_ir" 'BEGIN {
		if (s > 0)
			printf "%-20s%.2fx   (%d vs %d instructions, 10,000 questions, callgrind)\n",
			       "lint / scan instr.", l / s, l, s
	}'
fi

if [ -f bench/timer.sh ]; then
	sh bench/timer.sh "$JINGSAI" || status=1
fi
if [ -f bench/host.sh ]; then
	sh bench/host.sh "$JINGSAI" "$(dirname "$MEASURE")" || status=1
fi
exit "$status"
