# tests/cli/shuffle.sh — options shown in the session's order, sourced by
# run.sh (its helpers and counters; run_in and json_check are study.sh's).
#
# The bank is data/shuffle/bank.yaml: a right option's text starts with 对,
# a wrong one's with 错, and the file's keys are spread over the letters.
# shown.py works the shown order out from the algorithm shuffle.h documents,
# apart from the C, and checks what practice, exam and the host printed
# against it; it also gives the shown letters to type for a seed.

XBANK=$DATA/shuffle/bank.yaml
XDIR=$DATA/shuffle

# shown ARG...: run shown.py; its stdout in $T/shown, failures recorded.
shown() {
	if ! python3 "$HERE/shown.py" "$@" >"$T/shown" 2>"$T/shown.err"; then
		fail "shown.py $*: $(cat "$T/shown.err")"
		return 1
	fi
}

# right_input SEED [lower]: the input (a string for run_in) that answers every
# question of the bank right in file order (--order sequential), in the shown
# letters; with lower, the multiple-choice ones in lower case, reversed, with
# separators ("d、c、a").
right_input() {
	shown right "$XBANK" "$1" || return 1
	awk -v lower="${2:-}" '{
		l = $2
		if (l == "-") l = "对"
		else if (lower != "" && length(l) > 1) {
			s = ""
			for (i = length(l); i >= 1; i--)
				s = s (s == "" ? "" : "、") tolower(substr(l, i, 1))
			l = s
		}
		printf "%s\\n", l
	}' "$T/shown"
}

# The order shown is the documented one for the seed; the same seed shows it
# again, another seed another; a question keeps its order whatever else the
# session asks; shuffle: false and judge questions keep the file's order.
sc_shuffle_seed() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	blank='\n\n\n\n\n\n\n\n'
	run_in "$blank" "$JINGSAI" practice "$XBANK" --order sequential --seed 7
	expect_status 0 || return
	shown check "$XBANK" 7 "$T/stdout" || return
	[ "$(tr '\n' ' ' <"$T/shown")" = "mix-1 mix-2 mix-3 mix-4 mix-5 mix-6 mix-fixed mix-judge " ] ||
		fail "not every question was read off the screen: $(cat "$T/shown")"
	sed '/^Wrong-answer book:/d' "$T/stdout" >"$T/seven"
	run_in "$blank" "$JINGSAI" practice "$XBANK" --order sequential --seed 7
	sed '/^Wrong-answer book:/d' "$T/stdout" >"$T/again"
	cmp -s "$T/seven" "$T/again" || fail "--seed 7 twice showed two different screens"
	run_in "$blank" "$JINGSAI" practice "$XBANK" --order sequential --seed 8
	shown check "$XBANK" 8 "$T/stdout" || return
	grep '^  [A-E]\. ' "$T/seven" >"$T/a"
	grep '^  [A-E]\. ' "$T/stdout" >"$T/b"
	cmp -s "$T/a" "$T/b" && fail "seeds 7 and 8 showed the options in the same order"
	# Shuffled questions and a selection of one: each keeps its order.
	run_in "$blank" "$JINGSAI" practice "$XBANK" --seed 7
	shown check "$XBANK" 7 "$T/stdout" || return
	run_in '\n' "$JINGSAI" practice "$XBANK" --type multiple --count 1 --seed 7
	shown check "$XBANK" 7 "$T/stdout"
}

# Typed in the letters shown, upper or lower case, with separators: right, and
# the report keeps both the letters typed and the file's.
sc_shuffle_typed_letters() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	in=$(right_input 7 lower) || return
	run_in "$in" "$JINGSAI" practice "$XBANK" --order sequential --seed 7 --report "$T/r.json"
	expect_status 0 || return
	expect_stdout_contains "8 questions: 8 right, 0 wrong, 0 unanswered"
	expect_stdout_contains "Seed 7 (--seed 7 repeats this order)"
	json_check "$T/r.json" '
sys.path.insert(0, "'"$HERE"'")
import shown
q = {x["id"]: x for x in r["questions"]}
assert r["seed"] == 7 and r["shuffle"] is True, r
assert all(x["correct"] for x in r["questions"]), r
key = {"mix-1": ("B", 4), "mix-2": ("C", 4), "mix-3": ("D", 4), "mix-4": ("A", 5),
       "mix-5": ("ACD", 4), "mix-6": ("BD", 5)}
for i, (k, n) in key.items():
    want = shown.letters(shown.order(7, i, n))
    assert q[i]["shown_order"] == want, (i, q[i]["shown_order"], want)
    assert q[i]["given_key"] == k, (i, q[i])
assert "shown_order" not in q["mix-fixed"] and q["mix-fixed"]["given"] == "D", q["mix-fixed"]
assert "shown_order" not in q["mix-judge"], q["mix-judge"]'
}

# The file's letters typed where the options were shown in another order are
# wrong: the feedback names the right option in the letters shown, the book
# takes the question, and a review answered in its own shown letters clears it.
sc_shuffle_wrong_letters() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	# mix-1's right option is shown as C under seed 7 (the file's B).
	shown right "$XBANK" 7 || return
	grep -qx 'mix-1 C' "$T/shown" || fail "seed 7 no longer shows mix-1's answer as C: $(cat "$T/shown")"
	run_in 'B\n' "$JINGSAI" practice "$XBANK" --order sequential --seed 7 --count 1 --report "$T/r.md"
	expect_status 0 || return
	expect_stdout_contains "Answer> B"
	expect_stdout_contains "Wrong."
	expect_stdout_contains "Answer: C"
	expect_stdout_contains "  C. 对一"
	grep -q '^| 1 | mix-1 | 第一题 | B (bank: C) | C (bank: B) | wrong |' "$T/r.md" ||
		fail "the Markdown report does not give both letters: $(grep mix-1 "$T/r.md")"
	grep -q "^mix-1	1	0	" "$T/xdg/jingsai/book.tsv" ||
		fail "mix-1 is not in the book: $(cat "$T/xdg/jingsai/book.tsv")"
	# Each review shows the question in its own seed's order (mix-1's answer
	# is A under seed 3, D under 4); two right answers in a row clear it.
	for seed in 3 4; do
		shown right "$XBANK" $seed || return
		in=$(awk '$1 == "mix-1" { printf "%s\\n", $2 }' "$T/shown")
		run_in "$in" "$JINGSAI" practice "$XBANK" --review --seed $seed
		expect_status 0 || return
		expect_stdout_contains "Right! +10 points"
		shown check "$XBANK" $seed "$T/stdout" || return
	done
	expect_stdout_contains "Wrong-answer book: 0 added, 1 removed, 0 in it"
}

# --no-shuffle: the file's order and letters; the report says so.
sc_shuffle_off() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	run_in 'B\nC\nD\nA\nACD\nBD\nD\n对\n' "$JINGSAI" practice "$XBANK" --order sequential \
		--seed 7 --no-shuffle --report "$T/r.json"
	expect_status 0 || return
	expect_stdout_contains "8 questions: 8 right, 0 wrong, 0 unanswered"
	shown check "$XBANK" 7 "$T/stdout" --no-shuffle || return
	json_check "$T/r.json" '
assert r["shuffle"] is False, r
assert not any("shown_order" in x or "given_key" in x for x in r["questions"]), r'
}

# A mock exam: answered and graded in the letters shown; the graded list and
# the report name the right options in them.
sc_shuffle_exam() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	shown right "$XBANK" 4 || return
	m1=$(awk '$1 == "mix-1" { print $2 }' "$T/shown")
	[ "$m1" != B ] || {
		fail "seed 4 shows mix-1's answer as B: pick a seed that moves it"
		return
	}
	# mix-1 answered with the file's letter, the rest right.
	in=$(right_input 4 | sed 's/^[A-E]\\n/B\\n/') || return
	run_in "$in" "$JINGSAI" exam "$XBANK" --order sequential --seed 4 --count 8 --report "$T/e.json"
	expect_status 0 || return
	shown check "$XBANK" 4 "$T/stdout" || return
	expect_stdout_contains "1. [mix-1] Wrong."
	expect_stdout_contains "Your answer: B"
	expect_stdout_contains "Answer: $m1"
	expect_stdout_contains "  $m1. 对一"
	expect_stdout_contains "2. [mix-2] Right! +10 points"
	expect_stdout_contains "8 questions: 7 right, 1 wrong, 0 unanswered"
	json_check "$T/e.json" '
q = {x["id"]: x for x in r["questions"]}
assert r["mode"] == "exam" and r["correct"] == 7, r
assert q["mix-1"]["given"] == "B" and q["mix-1"]["given_key"] != "B", q["mix-1"]
assert q["mix-6"]["given_key"] == "BD" and q["mix-6"]["correct"], q["mix-6"]'
}

# The host shows a question in the competition seed's order (the documented
# one, so the same as practice with that seed), judges a typed answer in the
# letters shown, and shows the same order again after a resume.
sc_shuffle_host() {
	[ "$HAVE_PYTHON" = 1 ] || {
		skip "python3 is needed"
		return
	}
	printf 'next\n' >"$T/s1"
	host_in "$T/s1" -C "$XDIR" host comp.yaml --out "$T/out"
	expect_status 0 || return
	shown check "$XBANK" 11 "$T/stdout" --host || return
	q1=$(cat "$T/shown")
	shown right "$XBANK" 11 || return
	a1=$(awk -v q="$q1" '$1 == q { print $2 }' "$T/shown")
	printf 'answer %s\nnext\n' "$a1" >"$T/s2"
	host_in "$T/s2" -C "$XDIR" host comp.yaml --out "$T/out" --resume
	expect_status 0 || return
	expect_stdout_contains "甲队: right, +10 (score 10)"
	expect_stdout_contains "Answer: $a1"
	shown check "$XBANK" 11 "$T/stdout" --host || return
	q2=$(cat "$T/shown")
	shown right "$XBANK" 11 || return
	a2=$(awk -v q="$q2" '$1 == q { print $2 }' "$T/shown")
	# The file's letter of the right option, when the seed moved it, is wrong.
	f2=$(grep -A3 "id: $q2\$" "$XBANK" | sed -n 's/^ *answer: \([A-E]\)$/\1/p')
	if [ -n "$f2" ] && [ "$f2" != "$a2" ]; then
		printf 'answer %s\n' "$f2" >"$T/s3"
		host_in "$T/s3" -C "$XDIR" host comp.yaml --out "$T/out" --resume
		expect_stdout_contains "乙队: wrong, +0 (score 0)"
		expect_stdout_contains "Answer: $a2"
	else
		printf 'answer %s\n' "$a2" >"$T/s3"
		host_in "$T/s3" -C "$XDIR" host comp.yaml --out "$T/out" --resume
		expect_stdout_contains "乙队: right, +10 (score 10)"
	fi
	expect_status 0
}

# Exports keep the file's order and keys: a spreadsheet or Moodle has no seed.
sc_shuffle_export() {
	run "$JINGSAI" export --to gift "$XBANK"
	expect_status 0 || return
	awk '/^::mix-2::/ { on = 1; next } on && /^}/ { exit } on' "$T/stdout" >"$T/gift"
	printf '\t~错二甲\n\t~错二乙\n\t=对二\n\t~错二丁\n\t####解析二。\n' >"$T/want"
	same_file "$T/want" "$T/gift" || return
	run "$JINGSAI" export --to csv "$XBANK"
	expect_status 0 || return
	grep -q '^mix-2,单选,第二题,错二甲,错二乙,对二,错二丁,,C,' "$T/stdout" ||
		fail "the CSV export does not keep the file's order: $(grep mix-2 "$T/stdout")"
	grep -q '^mix-fixed,.*,否.\?$' "$T/stdout" ||
		fail "the CSV export does not keep shuffle: false: $(grep mix-fixed "$T/stdout")"
}

# lint --strict warns about keys skewed to one letter (6 of 12 keyed A), at
# the bank's questions; plain lint does not, and 5 of 12 (42%) is still skewed
# where 4 of 12 is not.
sc_shuffle_lint_skew() {
	for n in 6 5 4; do
		{
			echo "title: 偏"
			echo "questions:"
			i=1
			while [ $i -le 12 ]; do
				k=A
				[ $i -gt "$n" ] && k=$(echo B C D | cut -d' ' -f$(((i - n - 1) % 3 + 1)))
				echo "  - {id: q-$i, type: single, question: 第${i}题, options: {A: 甲$i, B: 乙$i, C: 丙$i, D: 丁$i}, answer: $k, explanation: 解析, source: 来源}"
				i=$((i + 1))
			done
		} >"$T/skew$n.yaml"
	done
	run "$JINGSAI" lint "$T/skew6.yaml"
	expect_status 0 || return
	expect_stdout_lacks "skewed"
	run "$JINGSAI" lint --strict "$T/skew6.yaml"
	expect_status 1 || return
	expect_stdout_contains "skew6.yaml:2:1: warning: single-choice keys are skewed: 6 of 12 are A (50%); shuffled options do not fix exports and print-outs: balance the keys"
	run "$JINGSAI" lint --strict "$T/skew5.yaml"
	expect_stdout_contains "5 of 12 are A (42%)"
	run "$JINGSAI" lint --strict "$T/skew4.yaml"
	expect_status 0 || return
	expect_stdout_lacks "skewed"
	# The shipped banks are balanced.
	run "$JINGSAI" lint --strict "$ROOT/questions"
	expect_status 0
}

scenario "shuffle: a seed pins the shown order, the documented one" sc_shuffle_seed
scenario "shuffle: typed letters are the shown ones; the report has both" sc_shuffle_typed_letters
scenario "shuffle: the file's letter is wrong when moved; the book and a review" sc_shuffle_wrong_letters
scenario "shuffle: --no-shuffle shows and reports the file's order" sc_shuffle_off
scenario "shuffle: a mock exam is answered and graded in the shown letters" sc_shuffle_exam
scenario "shuffle: the host shows the seed's order, judges shown letters, resumes it" sc_shuffle_host
scenario "shuffle: lint --strict warns about keys skewed to one letter" sc_shuffle_lint_skew
scenario "shuffle: exports keep the file's order and keys" sc_shuffle_export
