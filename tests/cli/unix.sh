# tests/cli/unix.sh — jingsai as a Unix tool: the man pages (clean under groff
# and mandoc, the same options as each --help, examples that lint), the bash
# and zsh completions, make install / uninstall into a temporary prefix, make
# run.  Sourced by run.sh (its helpers and counters); `make man` and
# `make completion` run the scenarios whose names start with man: and
# completion: alone.

MANDIR_SRC=$ROOT/man

# The make variables that build what $JINGSAI is: the plain ./jingsai, the
# sanitizer build (build/san/jingsai), or a BUILDDIR of its own.
# JINGSAI may be given as ./jingsai or with a /./ inside: compared as a
# physical path, so that the plain binary is not taken for a BUILDDIR of ".".
unix_build_vars() {
	ub_dir=$(cd "$(dirname "$JINGSAI")" && pwd -P)
	ub_bin=$ub_dir/$(basename "$JINGSAI")
	if [ "$ub_bin" = "$(cd "$ROOT" && pwd -P)/jingsai" ]; then
		ub_vars=""
	else
		ub_vars="BUILDDIR=$ub_dir"
	fi
	case $ub_bin in
	"$(cd "$ROOT" && pwd -P)/build/san/jingsai") ub_vars="$ub_vars SANITIZE=1" ;;
	esac
	[ "${SANITIZE:-}" = 1 ] && ub_vars="$ub_vars SANITIZE=1"
	echo "$ub_vars"
}

# The sanitizer flag alone (for a build of the same kind in another tree).
unix_san_var() {
	case " $(unix_build_vars) " in
	*" SANITIZE=1 "*) echo "SANITIZE=1" ;;
	esac
}

# The man pages: man/*.N and the translations in man/LANG/*.N.
unix_pages() {
	for up_p in "$MANDIR_SRC"/*.[1-8] "$MANDIR_SRC"/*/*.[1-8]; do
		[ -f "$up_p" ] && echo "$up_p"
	done
}

# ---- man pages -------------------------------------------------------------

# groff -ww and mandoc -T lint say nothing about any page.  mandoc runs in
# the page's directory, where it finds the pages an .Xr names.
sc_man_lint() {
	if ! command -v mandoc >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
		fail "groff and mandoc are needed: run scripts/install-deps.sh"
		return 0
	fi
	ml_n=0
	for ml_p in $(unix_pages); do
		ml_n=$((ml_n + 1))
		RUN_CMD="groff -k -Tutf8 -ww -z -mandoc ${ml_p#"$ROOT"/}"
		(cd "$(dirname "$ml_p")" && groff -k -Tutf8 -ww -z -mandoc "$(basename "$ml_p")") \
			>"$T/stdout" 2>"$T/stderr"
		STATUS=$?
		expect_status 0
		expect_stdout_empty
		expect_stderr_empty
		RUN_CMD="mandoc -T lint ${ml_p#"$ROOT"/}"
		(cd "$(dirname "$ml_p")" && mandoc -T lint "$(basename "$ml_p")") \
			>"$T/stdout" 2>"$T/stderr"
		STATUS=$?
		expect_status 0
		expect_stdout_empty
		expect_stderr_empty
	done
	for ml_want in jingsai.1 jingsai-bank.5 jingsai-competition.5; do
		[ -f "$MANDIR_SRC/$ml_want" ] || fail "man/$ml_want is missing"
	done
	[ "$ml_n" -ge 3 ] || fail "only $ml_n man pages found in man/"
}

# The options a command's --help lists: the leading -x / --xxx words of its
# option lines.
help_options() {
	"$JINGSAI" "$1" --help 2>&1 | awk '
		/^ +-/ {
			for (i = 1; i <= NF; i++) {
				w = $i
				sub(/,$/, "", w)
				if (w !~ /^--?[A-Za-z][A-Za-z-]*$/)
					break
				print w
			}
		}' | LC_ALL=C sort -u
}

# synopsis_options PAGE COMMAND: the options of COMMAND's block in the
# SYNOPSIS of PAGE (an empty COMMAND: the blocks without one).
synopsis_options() {
	awk -v want="$2" '
		/^\.Sh / { syn = ($2 == "SYNOPSIS"); next }
		!syn { next }
		/^\.Nm/ { cmd = ""; first = 1; next }
		first && /^\.Cm / { cmd = $2 }
		{ first = 0 }
		cmd == want {
			for (i = 1; i < NF; i++)
				if (($i == "Fl" || $i == ".Fl") && $(i + 1) ~ /^-?[A-Za-z]/)
					print "-" $(i + 1)
		}' "$1" | LC_ALL=C sort -u
}

# The commands with a block in the SYNOPSIS of PAGE.
synopsis_commands() {
	awk '
		/^\.Sh / { syn = ($2 == "SYNOPSIS"); next }
		!syn { next }
		/^\.Nm/ { first = 1; next }
		first && /^\.Cm / { print $2 }
		{ first = 0 }' "$1" | LC_ALL=C sort -u
}

# The options PAGE describes: those an .It line names with Fl.
described_options() {
	awk '
		/^\.Sh / { desc = ($2 != "SYNOPSIS" && $2 != "NAME"); next }
		desc && /^\.It / {
			for (i = 1; i < NF; i++)
				if (($i == "Fl" || $i == ".Fl") && $(i + 1) ~ /^-?[A-Za-z]/)
					print "-" $(i + 1)
		}' "$1" | LC_ALL=C sort -u
}

# set_diff A B WHAT: fail with the words of file A missing from file B.
set_diff() {
	sd_missing=$(LC_ALL=C comm -23 "$1" "$2" | tr '\n' ' ')
	[ -z "$sd_missing" ] || fail "$3: $sd_missing"
}

# Each command's --help and its synopsis in jingsai(1) (and each
# translation of it) list the same options; every option of a synopsis is
# described in the page and every option described is in a synopsis.
sc_man_help_consistent() {
	"$JINGSAI" --help | sed -n 's/^  jingsai \([a-z]*\) .*/\1/p' | LC_ALL=C sort -u >"$T/commands"
	[ -s "$T/commands" ] || fail "jingsai --help lists no commands"
	for mc_page in "$MANDIR_SRC/jingsai.1" "$MANDIR_SRC"/*/jingsai.1; do
		[ -f "$mc_page" ] || continue
		mc_name=${mc_page#"$ROOT"/}
		synopsis_commands "$mc_page" >"$T/syncmds"
		set_diff "$T/commands" "$T/syncmds" "commands of jingsai --help without a synopsis in $mc_name"
		set_diff "$T/syncmds" "$T/commands" "commands in the synopsis of $mc_name that jingsai --help lacks"
		: >"$T/all-synopsis"
		while read -r mc_cmd; do
			help_options "$mc_cmd" | grep -v -x -e -h -e --help >"$T/help"
			[ -s "$T/help" ] || fail "jingsai $mc_cmd --help lists no options"
			help_options "$mc_cmd" | grep -q -x -e --help ||
				fail "jingsai $mc_cmd --help does not list --help"
			synopsis_options "$mc_page" "$mc_cmd" >"$T/synopsis"
			cat "$T/synopsis" >>"$T/all-synopsis"
			set_diff "$T/help" "$T/synopsis" \
				"options of jingsai $mc_cmd --help missing from its synopsis in $mc_name"
			set_diff "$T/synopsis" "$T/help" \
				"options in the synopsis of $mc_cmd in $mc_name that its --help lacks"
		done <"$T/commands"
		synopsis_options "$mc_page" "" >"$T/global"
		for mc_o in -h --help --version; do
			grep -q -x -e "$mc_o" "$T/global" || fail "$mc_name: $mc_o is not in the synopsis"
		done
		cat "$T/global" >>"$T/all-synopsis"
		LC_ALL=C sort -u -o "$T/all-synopsis" "$T/all-synopsis"
		described_options "$mc_page" >"$T/described"
		set_diff "$T/all-synopsis" "$T/described" "options of the synopsis that $mc_name never describes (.It Fl)"
		set_diff "$T/described" "$T/all-synopsis" "options $mc_name describes that no synopsis has"
	done
}

# The examples of the section 5 pages are a bank and a competition file that
# lint clean (the competition against the shipped banks).
sc_man_examples_lint() {
	mkdir -p comp
	cp "$ROOT"/questions/*.yaml comp/
	rm -f comp/竞赛-*.yaml
	# The first literal display after .Sh SYNOPSIS (or EXAMPLES).
	awk '/^\.Sh SYNOPSIS/ { f = 1; next } f && /^\.Bd -literal/ { g = 1; next } g && /^\.Ed/ { exit } g' \
		"$MANDIR_SRC/jingsai-competition.5" >comp/example.yaml
	awk '/^\.Sh SYNOPSIS/ { f = 1; next } f && /^\.Bd -literal/ { g = 1; next } g && /^\.Ed/ { exit } g' \
		"$MANDIR_SRC/jingsai-bank.5" >bank.yaml
	{
		printf 'title: t\nquestions:\n'
		awk '/^\.Sh EXAMPLES/ { f = 1; next } f && /^\.Bd -literal/ { g = 1; next } g && /^\.Ed/ { exit } g' \
			"$MANDIR_SRC/jingsai-bank.5" | sed 's/^/  /'
	} >fill.yaml
	for me_f in comp/example.yaml bank.yaml fill.yaml; do
		[ -s "$me_f" ] || fail "no example extracted into $me_f"
	done
	run "$JINGSAI" lint --strict bank.yaml fill.yaml
	expect_status 0
	expect_stdout_is "0 errors, 0 warnings in 2 files, 2 questions"
	run "$JINGSAI" lint --strict comp/example.yaml
	expect_status 0
	expect_stdout_contains "0 errors, 0 warnings"
}

# ---- completion --------------------------------------------------------------

# A bank whose names need escaping, and paths to complete.
unix_completion_fixture() {
	mkdir -p banks sub
	cat >banks/names.yaml <<'EOF'
title: 名字
questions:
  - {id: n-1, type: judge, question: 甲。, answer: true, explanation: e, source: s,
     category: 法律法规, tags: [自治法, x y]}
  - {id: n-2, type: judge, question: 乙。, answer: true, explanation: e, source: s,
     category: 'a b"c', tags: [自治区]}
EOF
	: >x.yaml
	: >y.yml
	: >z.txt
}

# The completion cases, one a line: the words of the command line (the last
# one is being completed, "" for an empty word) as arguments to c; each
# prints its candidates sorted, one a line, after a "== WORDS" line.
unix_completion_cases() {
	cat <<'EOF'
c jingsai ""
c jingsai pr
c jingsai -
c jingsai practice --lang ""
c jingsai practice --lang = ""
c jingsai practice --lang=z
c jingsai exam --order s
c jingsai lint --format ""
c jingsai stats --format j
c jingsai practice --type ""
c jingsai exam --difficulty ""
c jingsai import --from ""
c jingsai export --to ""
c jingsai practice banks --category ""
c jingsai exam banks/names.yaml --count 3 --tag ""
c jingsai practice banks --tag 自治
c jingsai lint ""
c jingsai host ""
c jingsai board ""
EOF
}

# What each case must offer (bash and zsh alike; in zsh a directory is
# offered with its slash).
unix_completion_expected() {
	cat <<'EOF'
== jingsai ""
board
exam
export
host
import
lint
practice
stats
== jingsai pr
practice
== jingsai -
--help
--version
-h
== jingsai practice --lang ""
en
zh
== jingsai practice --lang = ""
en
zh
== jingsai practice --lang=z
zh
== jingsai exam --order s
sequential
shuffled
== jingsai lint --format ""
json
text
== jingsai stats --format j
json
== jingsai practice --type ""
fill
judge
multiple
open
single
判断
单选
填空
多选
简答
== jingsai exam --difficulty ""
1
2
3
== jingsai import --from ""
aiken
csv
gift
== jingsai export --to ""
csv
gift
== jingsai practice banks --category ""
a\ b\"c
法律法规
== jingsai exam banks/names.yaml --count 3 --tag ""
x\ y
自治区
自治法
== jingsai practice banks --tag 自治
自治区
自治法
== jingsai lint ""
banks
sub
x.yaml
y.yml
== jingsai host ""
banks
sub
x.yaml
y.yml
== jingsai board ""
banks
sub
EOF
}

# Bash: source the completion, set COMP_WORDS and COMP_CWORD, call the
# function, read COMPREPLY.  Then each command's options against its --help.
sc_completion_bash() {
	if ! command -v bash >/dev/null 2>&1; then
		skip "no bash"
		return 0
	fi
	unix_completion_fixture
	{
		printf '. %s/completion/jingsai.bash\n' "$ROOT"
		cat <<'EOF'
c() {
	local w
	COMP_WORDS=()
	for w in "$@"; do
		[ "$w" = '""' ] && w=
		[ "$w" = jingsai ] && w=$JINGSAI
		COMP_WORDS+=("$w")
	done
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_jingsai
	printf '=='
	for w in "$@"; do
		if [ -n "$w" ]; then printf ' %s' "$w"; else printf ' ""'; fi
	done
	echo
	[ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort -u
	return 0
}
EOF
		unix_completion_cases
		for cb_cmd in practice exam lint stats import export host board; do
			echo "echo '== options of $cb_cmd'"
			echo "c jingsai $cb_cmd -"
		done
	} >"$T/complete.bash"
	{
		unix_completion_expected
		for cb_cmd in practice exam lint stats import export host board; do
			echo "== options of $cb_cmd"
			echo "== jingsai $cb_cmd -"
			help_options "$cb_cmd"
		done
	} >"$T/expected"
	RUN_CMD="bash complete.bash (completion/jingsai.bash)"
	JINGSAI=$JINGSAI with_timeout 60 bash "$T/complete.bash" >"$T/stdout" 2>"$T/stderr" </dev/null
	STATUS=$?
	expect_status 0
	expect_stderr_empty
	expect_stdout_equals "$T/expected"
}

# zsh: a real interactive zsh on a pseudo-terminal (zsh/zpty) with compinit
# and the completion on $fpath; Tab pressed at the end of each case's line,
# compadd wrapped to print the matches it is given.
sc_completion_zsh() {
	if ! command -v zsh >/dev/null 2>&1; then
		skip "no zsh (scripts/install-deps.sh installs it)"
		return 0
	fi
	unix_completion_fixture
	cat >"$T/capture.zsh" <<'EOF'
# capture.zsh FPATHDIR LINE: the matches zsh's completion offers at the end
# of LINE, one a line.
zmodload zsh/zpty || exit 2
fdir=$1
setup=${0:h}/capture.setup
cat >$setup <<'SETUP'
PROMPT=
autoload -Uz compinit
compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
_cap_end() { print -r -- "<cap""-end>"; exit }
comppostfuncs=( _cap_end )
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "$@"
  local i; for i in {1..$#__hits}; do print -r -- "<ca""p>$__hits[$i]"; done
  builtin compadd "$@" # so that the fallbacks (all files) see these matches
}
bindkey '^I' complete-word
print -r -- "<cap""-ready>"
SETUP
zpty z zsh -f -i
zpty -w z "fpath=($fdir \$fpath); source $setup"
zpty -r z out '*<cap-ready>*'
zpty -w -n z "$2"$'\t'
zpty -r z out '*<cap-end>*'
zpty -d z
print -r -- "$out" | tr -d '\r' | sed -n 's/^.*<cap>//p'
EOF
	: >"$T/stdout"
	unix_completion_cases | while read -r cz_c cz_words; do
		cz_line=$(printf '%s ' $cz_words | sed 's/"" $//; s/ $//')
		case $cz_words in *'""') cz_line="$cz_line " ;; esac
		case $cz_line in *' = ') continue ;; esac # bash's split at '=' only
		echo "== $cz_words" >>"$T/stdout"
		PATH=$(dirname "$JINGSAI"):$PATH with_timeout 20 zsh -f "$T/capture.zsh" \
			"$ROOT/completion" "$cz_line" 2>>"$T/stderr" |
			sed 's|/$||; /^$/d' | LC_ALL=C sort -u >>"$T/stdout"
	done
	for cz_cmd in practice exam lint stats import export host board; do
		echo "== options of $cz_cmd" >>"$T/stdout"
		PATH=$(dirname "$JINGSAI"):$PATH with_timeout 20 zsh -f "$T/capture.zsh" \
			"$ROOT/completion" "jingsai $cz_cmd -" 2>>"$T/stderr" |
			sed '/^$/d' | LC_ALL=C sort -u >>"$T/stdout"
	done
	# (no "--lang =" case: only bash splits a word at '=')
	{
		unix_completion_expected | awk '/^== / { skip = ($0 ~ / = ""$/) } !skip'
		for cz_cmd in practice exam lint stats import export host board; do
			echo "== options of $cz_cmd"
			help_options "$cz_cmd"
		done
	} >"$T/expected"
	RUN_CMD="zsh capture.zsh (completion/_jingsai)"
	STATUS=0
	expect_stdout_equals "$T/expected"
	if [ -s "$T/stderr" ]; then
		fail "zsh said:"
		sed 's/^/    /' "$T/stderr" | head -20 >>"$T/failures"
	fi
}

# ---- make run ----------------------------------------------------------------

# make run is practice on the bundled banks: without a terminal it reads the
# answers from stdin and ends at the end of it, never waiting.
sc_make_run() {
	if ! command -v make >/dev/null 2>&1; then
		skip "no make"
		return 0
	fi
	unset MAKEFLAGS MFLAGS MAKELEVEL
	# The order is shuffled: the first question may be an open one, whose
	# self-judgement is a line of its own ('n'); otherwise 'n' answers a
	# second question.  Either way stdin ends the session.
	RUN_CMD="printf 'B\\nn\\n' | make run $(unix_build_vars)"
	# shellcheck disable=SC2046
	printf 'B\nn\n' | XDG_DATA_HOME=$T/xdg with_timeout 300 make -s -C "$ROOT" run \
		$(unix_build_vars) >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
	expect_status 0
	expect_stdout_contains "Question 1 of 399"
	expect_stdout_contains "Answer> B"
	expect_stdout_contains "== Practice finished =="
	expect_stdout_matches "^[12] questions?: [012] right, [012] wrong, 0 unanswered"
}

# ---- the judge answer --------------------------------------------------------

sc_lint_judge_quoted() {
	cat >judge.yaml <<'EOF'
title: 判断
questions:
  - {id: j-1, type: judge, question: 甲。, answer: 也许吧, explanation: e, source: s}
  - {id: j-2, type: judge, question: 乙。, answer: [对], explanation: e, source: s}
EOF
	run "$JINGSAI" lint --no-context judge.yaml
	expect_status 1
	expect_stdout_contains "judge.yaml:3:50: error: a judge answer is true or false (also 对/错, 正确/错误, √/×, yes/no), not '也许吧'"
	expect_stdout_contains "judge.yaml:4:50: error: a judge answer is one word, true or false (also 对/错, 正确/错误, √/×, yes/no), not a list"
}

scenario "man: every page is clean under groff -ww and mandoc -T lint" sc_man_lint
scenario "man: each COMMAND --help and its synopsis in jingsai(1) have the same options, each described" sc_man_help_consistent
scenario "man: the examples of jingsai-bank(5) and jingsai-competition(5) lint clean" sc_man_examples_lint
scenario "completion: bash offers commands, options, values, categories, tags and bank paths" sc_completion_bash
scenario "completion: zsh offers the same, in a real zsh on a pty" sc_completion_zsh
scenario "make run practises on the bundled banks and ends at the end of stdin" sc_make_run
scenario "lint quotes an unrecognised judge answer and names a list as one" sc_lint_judge_quoted
