#!/bin/sh
# Build the Debian package (debian/) from a copy of the source tree in
# build/deb/, with dpkg-buildpackage -us -uc -b (which runs make test as
# dh_auto_test: a few minutes), then check it with lintian.
#
#   sh scripts/build-deb.sh          (make deb)
#
# The copy holds what the work tree builds: the files git tracks as they are
# (uncommitted changes included) and the new files it does not ignore; outside
# a git checkout, the tree without build/.  DEB_SOURCE=HEAD builds the last
# commit instead (git archive).  The package, the .changes and lintian's report (lintian.txt) are
# left in build/deb/.  Exit status: 0 built and lintian found no error, 1
# otherwise.  DEB_BUILD_OPTIONS=nocheck skips the test suite.
set -eu
cd "$(dirname "$0")/.."

for tool in dpkg-buildpackage dh lintian fakeroot; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "build-deb: $tool is missing: run scripts/install-deps.sh" >&2
		exit 1
	fi
done

version=$(dpkg-parsechangelog -S Version)
out=build/deb
src=$out/jingsai-$version
rm -rf "$out"
mkdir -p "$src"

if [ "${DEB_SOURCE:-}" = HEAD ]; then
	git archive --format=tar HEAD | tar -xf - -C "$src"
elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# A file deleted in the work tree is left out.
	git ls-files -z --cached --others --exclude-standard | xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh |
		tar -cf - -T - | tar -xf - -C "$src"
else
	tar -cf - --exclude=./build --exclude=./jingsai . | tar -xf - -C "$src"
fi

jobs=$(nproc 2>/dev/null || echo 1)
echo "build-deb: dpkg-buildpackage -us -uc -b in $src (log: $out/build.log)"
(
	cd "$src"
	DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b
) >"$out/build.log" 2>&1 || {
	echo "build-deb: dpkg-buildpackage failed; the end of $out/build.log:" >&2
	tail -n 40 "$out/build.log" >&2
	exit 1
}
rm -rf "$src"

changes=$(ls "$out"/jingsai_*.changes)
status=0
lintian --info --display-info --pedantic --show-overrides "$changes" >"$out/lintian.txt" 2>&1 ||
	status=$?
for deb in "$out"/*.deb; do
	echo "build-deb: $deb"
done
if grep -q -E '^[EWIPX]: ' "$out/lintian.txt"; then
	echo "build-deb: lintian --pedantic says (README.md explains each tag):"
else
	echo "build-deb: lintian --pedantic: clean, but for the overrides (O:) of debian/*.lintian-overrides"
fi
grep -E '^[EWIPXO]: ' "$out/lintian.txt" | sed 's/^/  /' || true
if grep -q '^E: ' "$out/lintian.txt"; then
	echo "build-deb: lintian found errors" >&2
	exit 1
fi
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || {
	echo "build-deb: lintian failed ($status): see $out/lintian.txt" >&2
	exit 1
}
exit 0
