/*
 * gift.h — Moodle's GIFT format, in and out.
 *
 * In: multiple choice ({=right ~wrong}; several right answers weighted
 * ~%50% make a 多选), true/false ({T} {F} {TRUE} {FALSE}), short answer
 * ({=a =b}: a 填空 with accepted alternatives), essay ({}: a 简答 whose
 * reference answer is the general feedback {####…}), ::titles:: (taken as
 * ids when they are valid ids), // comments, $CATEGORY:, the escapes \~ \= \#
 * \{ \} \: \\ \n, and feedback: the general feedback {####…}, else the right
 * answer's, becomes the explanation.  Numerical and matching questions are
 * errors at their line.
 *
 * What GIFT has no place for travels in comments that Moodle ignores, one per
 * line before the question: "// @source …", "// @difficulty 2",
 * "// @points 10", "// @time 30", "// @tag …" (one per tag), "// @category …"
 * (empty: none), "// @explanation …" (for essays), "// @shuffle false" (the
 * options keep their order), "// @group …".  The options are written in the
 * bank's order: Moodle shuffles them by its own quiz setting.
 */
#ifndef JINGSAI_GIFT_H
#define JINGSAI_GIFT_H

#include <stddef.h>

#include "bank.h"
#include "diag.h"
#include "qdoc.h"
#include "strbuf.h"

/* Read the questions of len bytes of GIFT (UTF-8, no BOM) into doc; problems
 * go to diags against file.  Returns 0, or -1 when memory ran out. */
int gift_import(const char *data, size_t len, const char *file, struct qdoc *doc,
		struct diag_list *diags);

/* Append q[0..n) in GIFT.  A question GIFT cannot hold (a 填空 with several
 * blanks) is left out with a warning at its place in its bank.  Returns the
 * number of questions written, or -1 when memory ran out. */
long gift_export(struct strbuf *out, struct question *const *q, size_t n, struct diag_list *diags);

#endif
