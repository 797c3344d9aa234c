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
# exists, runs last with JINGSAI as its argument.
set -eu

TIME_TARGET=1.30   # lint wall time / bare scan wall time
MEM_TARGET=2.00    # lint peak RSS / bank file size
COUNT=100000
RUNS=5

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

# measure CMD...: prints "WALL RSS STATUS" from MEASURE's one line.
measure() {
	"$MEASURE" -n "$RUNS" -- "$@" | awk '
		$1 == "wall_min_s" && $3 == "max_rss_kib" && $5 == "exit" { print $2, $4, $6; ok = 1 }
		END { exit !ok }'
}

if ! scan=$(measure "$YAMLSCAN" "$bank"); then
	echo "bench: $MEASURE failed on $YAMLSCAN" >&2
	exit 1
fi
read -r scan_wall scan_rss scan_status <<EOF
$scan
EOF
if [ "$scan_status" -ne 0 ]; then
	echo "bench: $YAMLSCAN exited $scan_status on $bank:" >&2
	"$YAMLSCAN" "$bank" 2>&1 | head -n 20 >&2
	exit 1
fi

if ! lint=$(measure "$JINGSAI" lint "$bank"); then
	echo "bench: $MEASURE failed on $JINGSAI lint" >&2
	exit 1
fi
read -r lint_wall lint_rss lint_status <<EOF
$lint
EOF
if [ "$lint_status" -ne 0 ]; then
	echo "bench: '$JINGSAI lint $bank' exited $lint_status (must be 0); its first 20 lines of output:" >&2
	"$JINGSAI" lint "$bank" 2>&1 | head -n 20 >&2
	exit 1
fi

status=0
awk -v f="$bank" -v n="$COUNT" -v b="$bytes" \
    -v sw="$scan_wall" -v sr="$scan_rss" -v lw="$lint_wall" -v lr="$lint_rss" \
    -v tt="$TIME_TARGET" -v mt="$MEM_TARGET" 'BEGIN {
	printf "loader bench: %s, %d questions, %.1f MB\n", f, n, b / 1e6
	printf "%-20s%.3f s   %.1f MiB\n", "bare libyaml scan", sw, sr / 1024
	printf "%-20s%.3f s   %.1f MiB\n", "jingsai lint", lw, lr / 1024
	tr = (sw > 0) ? lw / sw : 1e9
	mr = lr * 1024 / b
	printf "%-20s%.2fx   (target <= %.2fx)\n", "lint / scan time", tr, tt
	printf "%-20s%.2fx file size   (target <= %.2fx)\n", "lint peak memory", mr, mt
	fail = 0
	if (tr > tt + 0) {
		printf "bench: FAIL: lint time is %.2fx the bare scan, target <= %.2fx\n", tr, tt
		fail = 1
	}
	if (mr > mt + 0) {
		printf "bench: FAIL: lint peak memory is %.2fx the file size, target <= %.2fx\n", mr, mt
		fail = 1
	}
	exit fail
}' || status=1

if [ -f bench/timer.sh ]; then
	sh bench/timer.sh "$JINGSAI" || status=1
fi
exit "$status"
