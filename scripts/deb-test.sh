#!/bin/sh
# Build the Debian package (scripts/build-deb.sh, unless DEB=FILE names one),
# install it on this machine with dpkg -i and try the installed jingsai from
# an empty directory: lint of the installed banks (named, and found with no
# BANK), the Chinese catalog, practice, the man pages, the completions.  Then
# the package is removed again, unless it was installed before or KEEP=1.
#
#   sh scripts/deb-test.sh           (make deb-test; as root or with sudo)
#
# Prints one line per check and ends with "N passed, M failed"; the exit
# status is 1 when a check failed.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "deb-test: dpkg -i needs root (or password-less sudo)" >&2
	exit 1
fi

deb=${DEB:-}
if [ -z "$deb" ]; then
	sh scripts/build-deb.sh || exit 1
	deb=$(ls build/deb/jingsai_*.deb)
fi

before=$(dpkg-query -W -f='${Status}' jingsai 2>/dev/null || true)
echo "deb-test: dpkg -i $deb"
$sudo dpkg -i "$deb" || exit 1

passed=0
failed=0
# check NAME COMMAND...: run COMMAND (a shell command line) in an empty
# directory with stdin from /dev/null; it passes when it exits 0.
work=$(mktemp -d "${TMPDIR:-/tmp}/jingsai-deb.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
check() {
	c_name=$1
	shift
	if (cd "$work" && LC_ALL=C.UTF-8 XDG_DATA_HOME=$work/xdg sh -c "$*") </dev/null \
		>"$work/out" 2>&1; then
		echo "ok - $c_name"
		passed=$((passed + 1))
	else
		echo "not ok - $c_name"
		sed 's/^/#   /' "$work/out" | head -20
		failed=$((failed + 1))
	fi
}

J=/usr/bin/jingsai
check "dpkg says jingsai is installed" \
	"dpkg-query -W -f='\${Status}' jingsai | grep -q 'install ok installed'"
check "jingsai --version" "$J --version | grep -E '^jingsai [0-9]+\.[0-9]+\.[0-9]+\$'"
check "jingsai lint --strict /usr/share/jingsai/questions" \
	"$J lint --strict /usr/share/jingsai/questions | tail -n 1 | grep -E '^0 errors, 0 warnings in [0-9]+ files'"
check "jingsai lint with no BANK and no questions/ finds the installed banks" \
	"$J lint --strict | tail -n 1 | grep -E '^0 errors, 0 warnings in [0-9]+ files, [0-9]+ questions\$'"
check "the installed example competition plans against the installed banks" \
	"$J lint --strict /usr/share/jingsai/questions/竞赛-宣传月决赛.yaml"
check "jingsai stats counts the installed banks" \
	"$J stats --format json | grep -q '\"questions\": [1-9]'"
check "the Chinese catalog is installed and found" "LANGUAGE=zh_CN $J --help | grep -q 用法"
check "practice on the installed banks reads stdin to its end" \
	"printf 'A\\n' | $J practice --count 1 --order sequential | grep -q 'Question 1 of 1'"
check "the man pages are installed and name the installed banks" \
	"for p in man1/jingsai.1 man5/jingsai-bank.5 man5/jingsai-competition.5; do test -f /usr/share/man/\$p.gz || exit 1; done; zgrep -q /usr/share/jingsai/questions /usr/share/man/man1/jingsai.1.gz"
if command -v man >/dev/null 2>&1; then
	check "man finds jingsai(1) and jingsai-bank(5)" "man -w jingsai && man -w 5 jingsai-bank"
fi
check "the bash completion is installed where bash-completion loads it" \
	"bash -c '. /usr/share/bash-completion/completions/jingsai && COMP_WORDS=(jingsai pr) COMP_CWORD=1 && _jingsai && test \"\${COMPREPLY[*]}\" = practice'"
check "the zsh completion is installed in vendor-completions" \
	"grep -q '^#compdef jingsai' /usr/share/zsh/vendor-completions/_jingsai"

case $before in
*"install ok installed"*) echo "deb-test: jingsai was installed before: left installed" ;;
*)
	if [ "${KEEP:-}" = 1 ]; then
		echo "deb-test: KEEP=1: jingsai left installed"
	else
		echo "deb-test: dpkg -r jingsai"
		$sudo dpkg -r jingsai >/dev/null || failed=$((failed + 1))
		check "dpkg -r removed /usr/bin/jingsai and the banks" \
			"test ! -e /usr/bin/jingsai && test ! -e /usr/share/jingsai"
	fi
	;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
