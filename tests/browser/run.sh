#!/bin/sh
# tests/browser/run.sh — the scoreboard page in a real browser.
#
# mkboard (tests/browser/mkboard.c, built by 'make browser') writes the
# scoreboards of a fixed competition, running and final; headless Chromium
# loads each page from disk and dumps the DOM it built, which is checked
# with grep: every team name is text (a name that is an <img> tag did not
# become an element), the page reloads itself while the competition runs
# and not once it is final, lang follows the UI language.  Screenshots at
# hall-screen and phone size are kept in $OUT for a person to look at.
#
#   MKBOARD=build/rel/browser/mkboard OUT=build/rel/browser sh tests/browser/run.sh
#
# Prints "ok N - ..." / "not ok N - ..." lines; exits 1 when a check failed,
# 0 with "skip: no chromium" when no Chromium is installed.
# shellcheck disable=SC2317 # the helpers are called through check
set -u

: "${MKBOARD:?MKBOARD must name the mkboard program (make browser builds it)}"
: "${OUT:?OUT must name a directory for the screenshots}"

chrome=""
for c in chromium-headless-shell chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$(command -v "$c")
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "skip: no chromium (install chromium-headless-shell: scripts/install-deps.sh)"
	exit 0
fi

mkdir -p "$OUT"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jingsai-browser.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=1
	echo "not ok $n - $1"
}
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# Run headless Chromium on a page with a fresh profile; extra options first.
chrome_run() {
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout 20 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$profile" "$@" 2>"$tmp/chrome.log"
}

has() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

# The PNG at $1 is $2 pixels wide and $3 high (the IHDR chunk).
png_size() {
	[ -s "$1" ] || return 1
	size=$(od -An -tu1 -j16 -N8 "$1" | tr -s ' \n' '  ')
	# shellcheck disable=SC2086 # split into the eight bytes
	set -- $size "$2" "$3"
	[ $(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4)) -eq "$9" ] &&
		[ $(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8)) -eq "${10}" ]
}

mkdir -p "$tmp/en" "$tmp/zh"
check "mkboard writes the running and the final scoreboards" "$MKBOARD" "$tmp/en" en
check "mkboard in Chinese" "$MKBOARD" "$tmp/zh" zh

live="file://$tmp/en/live/scoreboard.html"
final="file://$tmp/en/final/scoreboard.html"

chrome_run --dump-dom "$live" >"$tmp/live.dom"
check "the running page loads" test -s "$tmp/live.dom"
chrome_run --dump-dom "$final" >"$tmp/final.dom"
check "the final page loads" test -s "$tmp/final.dom"

for page in live final; do
	dom="$tmp/$page.dom"
	# Text as the DOM serialises it: & < > escaped, quotes not.
	for name in 西固城街道代表队 兰州石化代表队 陈坪街道代表队 新城镇代表队 \
		'&lt;img src=x onerror=alert(1)&gt;' '四季青街道 "团结" &amp; 进步队'; do
		check "$page: team name is text: $name" has "$dom" "$name"
	done
	check "$page: no <img> element from a name" lacks "$dom" "<img"
	check "$page: no <script> element" lacks "$dom" "<script"
	# shellcheck disable=SC2016 # $1 is the inner shell's
	check "$page: no external resource (link, src, url())" \
		sh -c '! grep -qE "<link|<iframe|<object| src=\"|url\(" "$1"' sh "$dom"
	check "$page: six team rows and a heading row" \
		test "$(grep -o '<tr' "$dom" | wc -l)" -eq 7
	check "$page: the title" has "$dom" "<title>西固区第十九个民族团结进步宣传月知识竞赛 — Scoreboard</title>"
	check "$page: lang=\"en\"" has "$dom" '<html lang="en">'
	check "$page: the adjustments with their reasons" has "$dom" "评委复核：第 7 题答案正确"
done
check "live: reloads itself every 5 seconds" has "$tmp/live.dom" '<meta http-equiv="refresh" content="5">'
check "live: says it is in progress" has "$tmp/live.dom" "In progress"
check "final: does not reload" lacks "$tmp/final.dom" 'http-equiv="refresh"'
check "final: says it is the final result" has "$tmp/final.dom" "Final result"

chrome_run --dump-dom "file://$tmp/zh/live/scoreboard.html" >"$tmp/zh.dom"
check "Chinese UI: lang=\"zh-CN\"" has "$tmp/zh.dom" '<html lang="zh-CN">'

# Screenshots for a person to look at: the hall screen, a phone.
rm -f "$OUT"/board-*.png
chrome_run --screenshot="$OUT/board-hall.png" --window-size=1280,800 "$live" >/dev/null
check "screenshot 1280x800: $OUT/board-hall.png" png_size "$OUT/board-hall.png" 1280 800
chrome_run --screenshot="$OUT/board-hall-final.png" --window-size=1280,800 "$final" >/dev/null
check "screenshot 1280x800, final: $OUT/board-hall-final.png" \
	png_size "$OUT/board-hall-final.png" 1280 800
chrome_run --screenshot="$OUT/board-phone.png" --window-size=390,844 "$live" >/dev/null
check "screenshot 390x844: $OUT/board-phone.png" png_size "$OUT/board-phone.png" 390 844

if [ "$failed" -ne 0 ]; then
	echo "browser: some checks failed (Chromium said:)" >&2
	tail -n 5 "$tmp/chrome.log" >&2
	exit 1
fi
echo "browser: $n checks passed"
exit 0
