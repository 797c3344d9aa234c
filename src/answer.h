/*
 * answer.h — judging what a person typed against a question.
 *
 * Pure functions: no I/O, no global state, safe from any thread.  Nothing is
 * allocated for the caller; inputs of any length are read as they are folded,
 * never copied into a fixed buffer, so a pasted megabyte is judged, not cut.
 *
 * The answer form.  Both what was typed and what the bank says go through it,
 * and two texts are the same answer when their answer forms are equal:
 *  1. each character is folded as text_fold does (full-width forms to
 *     half-width, U+3000 to a space, ASCII letters to lower case);
 *  2. white space, final punctuation (. ! 。) and separators (, ; 、 and the
 *     full-width ， ；) are "filler"; a run of filler at the start or at the
 *     end is dropped, so "答案。", " 答案 ", "答案，" are all "答案";
 *  3. a run of filler inside that holds a separator becomes one ",": the
 *     separators are interchangeable and doubled ones count once ("平等、团结",
 *     "平等，团结", "平等 ; ; 团结" are the same);
 *  4. a run of filler inside without a separator keeps its punctuation and
 *     drops its white space ("3 .14" is "3.14"), except that a run of white
 *     space alone between two ASCII letters or digits becomes one space
 *     ("hello  world" is "hello world"; "民族 团结" is "民族团结", "1984 年"
 *     is "1984年").
 * Texts whose text_fold results are equal have equal answer forms; rules 2 to
 * 4 only add to it.  Invalid UTF-8 bytes are characters of their own and match
 * only themselves.
 *
 * Per type (an input whose answer form is empty is WRONG for every type):
 *  - single: the option letters typed (answer_keys) decide when they are one or
 *    more letters that all name options; otherwise the input is compared with
 *    the text of the right option ("1984年" for B: 1984年).
 *  - multiple: answer_keys equals the answer's keys; order, separators and
 *    repetition do not matter.
 *  - judge: answer_judge_word.
 *  - fill with one blank: the whole input is compared with each alternative;
 *    it is never split, so an alternative may hold separators ("平等、团结、
 *    互助、和谐" also matches "平等，团结，互助，和谐"), and several guesses
 *    typed together ("普通话，汉语") are wrong.
 *  - fill with n blanks: the input is cut at its inside separator runs into
 *    parts; blank i takes the next 1 + s parts, where s is the number of
 *    separators in the answer form of the alternative it matches (0 for most
 *    alternatives).  RIGHT when the blanks, in order, can take every part this
 *    way.  When no alternative holds a separator this is exactly "n parts, part
 *    i is one of blank i's alternatives"; a count mismatch is WRONG.
 *  - open: RIGHT when the answer forms are equal, else ANSWER_SELF.
 */
#ifndef JINGSAI_ANSWER_H
#define JINGSAI_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "bank.h"

enum answer_verdict {
	ANSWER_WRONG,
	ANSWER_RIGHT,
	ANSWER_SELF /* open: the person judges */
};

/* Judge what a person typed (NUL-terminated UTF-8, any width) against q.  Pure, thread-safe, no
 * allocation visible to the caller.  Empty or blank input is WRONG (callers treat it as unanswered
 * before calling).  open: RIGHT when the folded input equals the folded reference, else
 * ANSWER_SELF. given NULL counts as empty.  XXX a fill question whose alternatives hold more than
 * about sixty separators in all needs a heap block for the search; if that allocation fails, WRONG.
 */
enum answer_verdict answer_check(const struct question *q, const char *given);

/* Whether given holds no answer at all: its answer form is empty (only white space, U+3000, final
 * punctuation and separators), which is exactly when answer_check says WRONG for want of input.
 * Callers use it to tell "unanswered" from "wrong".  NULL is blank. */
bool answer_blank(const char *given);

/* A judge word: 1 for true (对 正确 √ ✓ ✔ true yes t y 是 and full-width forms), 0 for false (错
 * 错误 × ✗ ✘ false no f n 否), -1 otherwise; compared in the answer form, so case, surrounding
 * spaces and final punctuation do not matter ("True", " 对。", "ＹＥＳ").  NULL is -1. */
int answer_judge_word(const char *given);

/* Option letters typed for a single/multiple question as a bit mask (bit i = 'A'+i); separators and
 * order do not matter (ACD, a,c,d, A、C、D, c d a, Ａ，Ｃ，Ｄ, "A C D"); returns 0 when the input
 * holds anything else, a letter twice counts once; a letter beyond q->noptions sets that bit anyway
 * (so the answer is wrong, not an error).  Letters run to Z (bit 25); white space and the
 * separators of the answer form separate them.  q is not read and may be NULL; given NULL gives 0.
 */
unsigned answer_keys(const struct question *q, const char *given);

/* Split a typed fill answer into at most max blanks at ；; 、 , ， (full/half width), folding each;
 * writes pointers into buf (size n) and returns the number of parts.  The parts are answer forms
 * (see above: a run of separators is one cut, none at the ends); the return value counts every part
 * of the input, so it exceeds max when only the first max were written.  When buf runs out a part
 * is cut at a character boundary and the ones after it are ""; with n == 0 (buf may then be NULL)
 * the parts point to a static "".  Blank input (answer_blank) gives 0 parts. */
size_t answer_split(const char *given, char *buf, size_t n, const char **parts, size_t max);

/* The right answer as text for display: single/multiple "B" / "ACD"; judge "true"/"false" (the
 * caller translates); fill the first alternative of each blank joined by "；"; open the reference.
 * Writes at most n-1 bytes + NUL into buf (truncating at a character boundary); returns buf.
 * With n == 0 nothing is written. */
const char *answer_format(const struct question *q, char *buf, size_t n);

#endif
