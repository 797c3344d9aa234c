#!/bin/sh
# Install every Debian package that jingsai's build, tests and benchmarks need.
# This is the single place that knows the package names. Idempotent: packages
# already installed are left alone, and the script says what it installs.
set -eu

PACKAGES="
build-essential
pkg-config
libyaml-dev
libreadline-dev
libcmocka-dev
gettext
tmux
clang
libclang-rt-14-dev
clang-format
valgrind
python3
python3-jsonschema
python3-yaml
chromium-headless-shell
fonts-wqy-zenhei
groff-base
mandoc
zsh
dpkg-dev
debhelper
fakeroot
lintian
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run as root:  apt-get update && $cmd" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo $cmd
