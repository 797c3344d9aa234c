# tests/cli/study.sh — practice and exam scenarios, sourced by run.sh (its
# helpers and counters).  Everything runs through a pipe, the non-terminal
# input path: one line per answer, no pauses, and time limits still hold.

SBANK=$DATA/study/bank.yaml

# run_in INPUT COMMAND...: like run, with INPUT (a string, lines separated
# by \n) as stdin and the wrong-answer book in $T/xdg.
run_in() {
	printf "$1" >"$T/stdin"
	shift
	RUN_CMD=$(printf '%s ' "$@" | sed "s|$JINGSAI|jingsai|g; s/ \$//")
	XDG_DATA_HOME=$T/xdg with_timeout "$DEFAULT_SECS" "$@" <"$T/stdin" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
}

# json_check FILE PYTHON: run PYTHON with the report loaded as r.
json_check() {
	if ! python3 -c "import json,sys; r=json.load(open(sys.argv[1])); $2" "$1" >"$T/python" 2>&1; then
		fail "$RUN_CMD: report check failed: $2"
		sed 's/^/    /' "$T/python" >>"$T/failures"
		[ -f "$1" ] && sed 's/^/    | /' "$1" | head -30 >>"$T/failures"
		return 1
	fi
}

sc_practice_pipe() {
	run_in 'B\nacd\n对\n整体利益\n我不知道\nn\n' "$JINGSAI" practice "$SBANK" --order sequential
	expect_status 0 || return
	expect_stdout_contains "Question 1 of 5 · single choice · 法律 · easy · 10 points"
	expect_stdout_contains "Answer> B"
	expect_stdout_contains "Right! +10 points"
	expect_stdout_contains "Explanation: 第七十四条。"
	expect_stdout_contains "Source: 《中华人民共和国民族区域自治法》第七十四条"
	expect_stdout_contains "Reference answer: 在国家统一领导下"
	expect_stdout_contains "5 questions: 4 right, 1 wrong, 0 unanswered"
	expect_stdout_contains "Accuracy 80%, points 40 of 50"
	expect_stdout_contains "Wrong-answer book: 1 added, 0 removed, 1 in it"
	expect_stdout_lacks "Seed" # sequential: no order to repeat
	expect_stdout_lacks "$(printf '\033')"
	grep -q "^s-open	1	0	" "$T/xdg/jingsai/book.tsv" ||
		fail "s-open is not in the book: $(cat "$T/xdg/jingsai/book.tsv")"
}

sc_practice_report_json() {
	run_in 'B\nAB\n' "$JINGSAI" practice "$SBANK" --order sequential --count 3 --report "$T/r.json"
	expect_status 0 || return
	expect_stdout_contains "Report written to $T/r.json"
	json_check "$T/r.json" '
assert r["total"] == 2 and r["correct"] == 1 and r["wrong"] == 1 and r["unanswered"] == 0, r
assert [q["id"] for q in r["questions"]] == ["s-single", "s-multiple"], r
assert r["questions"][0] == {"id": "s-single", "correct": True, "given": "B", "seconds": r["questions"][0]["seconds"]}
assert r["questions"][1]["correct"] is False and r["questions"][1]["given"] == "AB"
assert isinstance(r["seconds"], (int, float)) and r["seconds"] >= 0'
}

sc_practice_report_md() {
	run_in 'B\n' "$JINGSAI" practice "$SBANK" --order sequential --count 1 --report "$T/r.md"
	expect_status 0 || return
	grep -q '^# jingsai practice report' "$T/r.md" || fail "no title in the Markdown report"
	grep -q '^| 1 | s-single | 民族区域自治法自何时起施行？ | B | B | right |' "$T/r.md" ||
		fail "no row for s-single: $(cat "$T/r.md")"
}

sc_practice_report_bad() {
	run_in '' "$JINGSAI" practice "$SBANK" --report "$T/r.txt"
	expect_status 2 || return
	expect_stderr_contains "must end in .json or .md"
	run_in 'B\n' "$JINGSAI" practice "$SBANK" --report "$T/no/such/dir/r.json"
	expect_status 1 || return
	expect_stderr_contains "cannot write the report $T/no/such/dir/r.json"
	expect_stdout_empty # refused before the first question
}

sc_practice_filters() {
	for f in "--category 财政:s-judge s-open" "--tag 自治地方:s-multiple" \
		"--type fill:s-fill" "--type judge --type single:s-single s-judge" \
		"--type 判断:s-judge" "--difficulty 2:s-multiple" "--difficulty 1 --category 法律:s-single s-fill" \
		"--difficulty 难:s-judge" "--count 2:s-single s-multiple" \
		"--category 法律 --tag 自治法 --count 2:s-single s-multiple"; do
		opts=${f%%:*}
		want=${f#*:}
		# shellcheck disable=SC2086
		run_in '\n\n\n\n\n\n' "$JINGSAI" practice "$SBANK" --order sequential $opts --report "$T/f.json"
		expect_status 0 || return
		got=$(python3 -c 'import json,sys; print(" ".join(q["id"] for q in json.load(open(sys.argv[1]))["questions"]))' "$T/f.json")
		[ "$got" = "$want" ] || fail "$opts: asked '$got', expected '$want'"
	done
}

sc_practice_seed() {
	run_in '\n\n\n\n\n\n' "$JINGSAI" practice "$SBANK" --seed 7 --report "$T/a.json"
	expect_status 0 || return
	expect_stdout_contains "Seed 7 (--seed 7 repeats this order)"
	run_in '\n\n\n\n\n\n' "$JINGSAI" practice "$SBANK" --seed 7 --report "$T/b.json"
	run_in '\n\n\n\n\n\n' "$JINGSAI" practice "$SBANK" --seed 8 --report "$T/c.json"
	order() { python3 -c 'import json,sys; print(" ".join(q["id"] for q in json.load(open(sys.argv[1]))["questions"]))' "$1"; }
	[ "$(order "$T/a.json")" = "$(order "$T/b.json")" ] || fail "the same seed gave two orders"
	[ "$(order "$T/a.json")" != "$(order "$T/c.json")" ] || fail "seeds 7 and 8 gave the same order"
	[ "$(order "$T/a.json" | tr ' ' '\n' | sort | tr '\n' ' ')" = "s-fill s-judge s-multiple s-open s-single " ] ||
		fail "a shuffled session did not ask every question once: $(order "$T/a.json")"
}

# A line that arrives after the deadline does not count for that question:
# it is unanswered and the late line is the next question's answer.
sc_practice_time_limit_pipe() {
	printf '' >"$T/stdin"
	RUN_CMD="(sleep 1.5; echo B; echo x) | jingsai practice --time 1 --count 2"
	(sleep 1.5; echo AC; echo x) | XDG_DATA_HOME=$T/xdg with_timeout 20 "$JINGSAI" practice "$SBANK" \
		--order sequential --time 1 --count 2 --report "$T/t.json" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
	expect_status 0 || return
	expect_stdout_contains "Time's up."
	json_check "$T/t.json" '
q = r["questions"]
assert q[0]["id"] == "s-single" and q[0]["given"] is None and q[0]["correct"] is False, q
assert q[1]["id"] == "s-multiple" and q[1]["given"] == "AC", q
assert r["unanswered"] == 1 and r["wrong"] == 1, r
assert 0.9 <= q[0]["seconds"] < 1.5, q'
}

sc_practice_no_time() {
	(sleep 1.3; echo B) | XDG_DATA_HOME=$T/xdg with_timeout 20 "$JINGSAI" practice "$SBANK" \
		--order sequential --time 1 --no-time --count 1 --report "$T/t.json" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
	RUN_CMD="jingsai practice --time 1 --no-time"
	expect_status 0 || return
	json_check "$T/t.json" 'assert r["correct"] == 1, r'
}

sc_practice_eof() {
	run_in 'B\n' "$JINGSAI" practice "$SBANK" --order sequential
	expect_status 0 || return
	expect_stdout_contains "1 question: 1 right, 0 wrong, 0 unanswered"
}

sc_practice_eof_self_judge() {
	# An open question answered, the input ended at its self-judgement: it
	# was answered and never judged, so it counts, as wrong (as a line that
	# is not y or n does), with what was typed, and enters the book.
	run_in '我不知道\n' "$JINGSAI" practice "$SBANK" --type open --report "$T/r.json"
	expect_status 0 || return
	expect_stdout_contains "1 question: 0 right, 1 wrong, 0 unanswered"
	json_check "$T/r.json" '
assert r["total"] == 1 and r["wrong"] == 1 and r["unanswered"] == 0, r
assert r["questions"][0]["id"] == "s-open" and r["questions"][0]["given"] == "我不知道", r
assert r["questions"][0]["correct"] is False, r'
	grep -q "^s-open	1	0	" "$T/xdg/jingsai/book.tsv" 2>/dev/null ||
		fail "s-open is not in the book: $(cat "$T/xdg/jingsai/book.tsv" 2>&1)"
}

sc_practice_review() {
	# Two wrong answers enter the book...
	run_in 'A\nB\n对\n整体利益\n' "$JINGSAI" practice "$SBANK" --order sequential --count 4
	expect_stdout_contains "Wrong-answer book: 2 added, 0 removed, 2 in it" || return
	# ...review asks only those; right twice in a row and a question leaves.
	run_in 'B\nACD\n' "$JINGSAI" practice "$SBANK" --review --order sequential --report "$T/r1.json"
	expect_status 0 || return
	json_check "$T/r1.json" 'assert [q["id"] for q in r["questions"]] == ["s-single", "s-multiple"], r'
	expect_stdout_contains "Wrong-answer book: 0 added, 0 removed, 2 in it"
	run_in 'B\nAD\n' "$JINGSAI" practice "$SBANK" --review --order sequential
	expect_stdout_contains "Wrong-answer book: 0 added, 1 removed, 1 in it"
	run_in 'ACD\nACD\n' "$JINGSAI" practice "$SBANK" --review --order sequential
	run_in 'ACD\n' "$JINGSAI" practice "$SBANK" --review --order sequential
	expect_stdout_contains "Wrong-answer book: 0 added, 1 removed, 0 in it"
	run_in '' "$JINGSAI" practice "$SBANK" --review
	expect_status 0 || return
	expect_stdout_contains "The wrong-answer book is empty"
}

sc_practice_damaged_book() {
	mkdir -p "$T/xdg/jingsai"
	printf 'not a book\n' >"$T/xdg/jingsai/book.tsv"
	run_in 'A\n' "$JINGSAI" practice "$SBANK" --order sequential --count 1
	expect_status 0 || return
	expect_stderr_contains "book.tsv"
	set -- "$T"/xdg/jingsai/book.tsv.damaged-*
	[ -f "$1" ] || { fail "the damaged book was not set aside"; return; }
	[ "$(cat "$1")" = "not a book" ] || fail "the damaged book's content changed"
	grep -q "^s-single	1	0	" "$T/xdg/jingsai/book.tsv" || fail "the new book lacks s-single"
}

sc_practice_bad_options() {
	for o in "--count 0" "--count x" "--type bogus" "--difficulty 4" "--order random" \
		"--time 0" "--time 5x" "--seed -1" "--lang fr" "--pass 50" "--bogus"; do
		# shellcheck disable=SC2086
		run_in '' "$JINGSAI" practice "$SBANK" $o
		expect_status 2 || return
		expect_stdout_empty || return
	done
	run_in '' "$JINGSAI" practice "$SBANK" --count
	expect_status 2
	expect_stderr_contains "needs a value"
}

sc_practice_broken_bank() {
	run_in 'A\n' "$JINGSAI" practice "$DATA/study/broken.yaml"
	expect_status 1 || return
	expect_stderr_contains "broken.yaml:"
	expect_stderr_contains "fix them first"
	run_in '' "$JINGSAI" practice "$SBANK" --category 没有这个分类
	expect_status 1 || return
	expect_stderr_contains "no question matches"
}

sc_practice_help() {
	run "$JINGSAI" practice --help
	expect_status 0 || return
	expect_stdout_contains "--review"
	expect_stdout_contains "--no-time"
	run "$JINGSAI" exam --help
	expect_status 0 || return
	expect_stdout_contains "--pass PERCENT"
}

sc_exam_pipe() {
	run_in 'B\nACD\n错\n\n' "$JINGSAI" exam "$SBANK" --order sequential --count 4 --report "$T/e.json"
	expect_status 0 || return
	# No feedback between questions: every verdict comes after the last answer.
	python_check '
import sys
out = open(sys.argv[1], encoding="utf-8").read()
last = out.rindex("Answer> ")
for w in ("Right!", "Wrong.", "Explanation:"):
    assert out.find(w) > last, "%s before the last answer" % w'
	expect_stdout_contains "Exam finished"
	expect_stdout_contains "Score 50.0% (pass mark 60%): NOT PASSED"
	json_check "$T/e.json" '
assert r["mode"] == "exam" and r["total"] == 4 and r["correct"] == 2, r
assert r["wrong"] == 1 and r["unanswered"] == 1 and r["passed"] is False and r["pass"] == 60, r
assert "s-open" not in [q["id"] for q in r["questions"]], r'
	run_in 'B\nACD\n错\n\n' "$JINGSAI" exam "$SBANK" --order sequential --count 4 --pass 50
	expect_stdout_contains "Score 50.0% (pass mark 50%): PASSED"
}

sc_exam_timeout() {
	(echo B; sleep 3; echo ACD) | XDG_DATA_HOME=$T/xdg with_timeout 20 "$JINGSAI" exam "$SBANK" \
		--order sequential --count 3 --time 1s --report "$T/e.json" >"$T/stdout" 2>"$T/stderr"
	STATUS=$?
	RUN_CMD="jingsai exam --time 1s"
	expect_status 0 || return
	expect_stdout_contains "Time's up: the exam is over."
	json_check "$T/e.json" '
assert r["total"] == 3 and r["correct"] == 1 and r["unanswered"] == 2, r
assert r["seconds"] < 2.5, r'
}

sc_exam_options() {
	run_in '' "$JINGSAI" exam "$SBANK" --type open
	expect_status 2 || return
	expect_stderr_contains "open questions cannot be graded"
	run_in '' "$JINGSAI" exam "$SBANK" --review
	expect_status 2 || return
	for o in "--time 0" "--time 25h" "--pass 101" "--pass x"; do
		# shellcheck disable=SC2086
		run_in '' "$JINGSAI" exam "$SBANK" $o
		expect_status 2 || return
	done
	run_in 'B\n' "$JINGSAI" exam "$SBANK" --count 1 --order sequential --time 30m
	expect_stdout_contains "Exam: 1 question, 30 min 00 s in all, pass mark 60%."
	run_in 'B\n' "$JINGSAI" exam "$SBANK" --count 1 --order sequential --time 1h30m
	expect_stdout_contains "90 min 00 s in all"
}

sc_practice_chinese() {
	run_in 'B\n' "$JINGSAI" practice "$SBANK" --order sequential --count 1 --lang zh
	expect_status 0 || return
	expect_stdout_contains "答案> B"
	expect_stdout_contains "回答正确"
	expect_stdout_contains "解析："
	LANGUAGE=zh_CN run_in 'B\n' "$JINGSAI" practice "$SBANK" --order sequential --count 1
	expect_stdout_contains "回答正确"
	LANGUAGE=zh_CN run_in 'B\n' "$JINGSAI" practice "$SBANK" --order sequential --count 1 --lang en
	expect_stdout_contains "Right! +10 points"
	run_in '' "$JINGSAI" practice "$SBANK" --lang fr
	expect_status 2
}

sc_lint_chinese() {
	printf 'title: x\nquestions: [a, b\n' >bad.yaml
	LANGUAGE=zh_CN run "$JINGSAI" lint bad.yaml
	expect_status 1 || return
	expect_stdout_contains "bad.yaml:2:13: 错误: 每道题目都必须是映射（id: ..., type: ...），而不是文本"
	expect_stdout_contains "bad.yaml:3:1: 错误: 语法错误：没有找到应有的 ',' 或 ']'（解析流式序列时，始于第 2 行第 12 列）"
	expect_stdout_contains "3 个错误，0 个警告，共 1 个文件，2 道题"
	# A competition file's word lists are translated around the file's words.
	printf 'title: t\nlanguage: fr\nteams: [{name: a, key: "1"}, {name: b, key: "2"}]\nrounds: [{name: r, kind: bogus}]\n' >comp.yaml
	LANGUAGE=zh_CN run "$JINGSAI" lint comp.yaml
	expect_status 1 || return
	expect_stdout_contains "comp.yaml:2:11: 错误: 未知的 language 'fr'：请用 zh 或 en"
	expect_stdout_contains "comp.yaml:4:26: 错误: 未知的 kind 'bogus'：请用 required、buzz、risk 或 speed"
}

scenario "lint in Chinese: the loader's and libyaml's messages, the count line" sc_lint_chinese
scenario "practice through a pipe: every type judged, feedback, summary, book" sc_practice_pipe
scenario "practice --report FILE.json has the documented shape" sc_practice_report_json
scenario "practice --report FILE.md is a readable table" sc_practice_report_md
scenario "a report that cannot be written is refused before the first question" sc_practice_report_bad
scenario "--category, --tag, --type, --difficulty, --count select the right questions" sc_practice_filters
scenario "--seed repeats a shuffled order; another seed gives another" sc_practice_seed
scenario "piped input: a line after the deadline does not count for that question" sc_practice_time_limit_pipe
scenario "--no-time lifts the limit" sc_practice_no_time
scenario "end of input ends the session with a summary of what was answered" sc_practice_eof
scenario "end of input at a self-judgement keeps the answer, as wrong" sc_practice_eof_self_judge
scenario "--review drills the book; two right answers in a row take a question out" sc_practice_review
scenario "a damaged wrong-answer book is set aside, never emptied" sc_practice_damaged_book
scenario "bad practice options are usage errors" sc_practice_bad_options
scenario "practice refuses banks with errors and an empty selection" sc_practice_broken_bank
scenario "practice --help and exam --help list the options" sc_practice_help
scenario "exam: no feedback until the end, graded against --pass" sc_exam_pipe
scenario "exam: the overall limit ends it; the rest count as unanswered" sc_exam_timeout
scenario "exam options: durations, --pass, no open questions" sc_exam_options
scenario "--lang zh and LANGUAGE=zh_CN speak Chinese; --lang en overrides" sc_practice_chinese
