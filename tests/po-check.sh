#!/bin/sh
# Every UI string in src/ must have a finished translation in po/LANG.po:
# extract the strings afresh, merge them into a copy of each catalog and let
# msgfmt count what is translated, fuzzy or missing.
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=ngettext:1,2 \
	--keyword=diag_add:6 --keyword=err_at:4 --keyword=warn_at:4 --keyword=ERR_EV:2 --keyword=report:5 \
	--keyword=cell_error:3 --keyword=cell_warning:3 --keyword=gift_report:4 --keyword=aiken_report:3 \
	--add-comments=TRANSLATORS: -o "$tmp/jingsai.pot" src/*.c || exit 1
fail=0
for l in "$@"; do
	msgmerge --quiet --no-fuzzy-matching -o "$tmp/$l.po" "po/$l.po" "$tmp/jingsai.pot" || exit 1
	stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$l.po" 2>&1) || { echo "$stats"; fail=1; }
	case $stats in
	*fuzzy* | *untranslated*)
		echo "po-check: $l: $stats"
		msgattrib --untranslated --no-obsolete "$tmp/$l.po" | grep '^msgid' | head -20
		fail=1
		;;
	*) echo "po-check: $l: $stats" ;;
	esac
done
exit $fail
