/*
 * aiken.h — the Aiken format: a question on a line, options "A." or "A)"
 * on the lines after it, then "ANSWER: B".
 *
 *   民族自治地方分为哪几级？
 *   A. 两级
 *   B. 三级
 *   ANSWER: B
 *
 * Also taken, since Chinese input methods type them: "A、" "A．" "A）" and
 * "答案：B"; a question text on several lines; "ANSWER: AC" for a 多选.
 */
#ifndef JINGSAI_AIKEN_H
#define JINGSAI_AIKEN_H

#include <stddef.h>

#include "diag.h"
#include "qdoc.h"

/* Read the questions of len bytes of Aiken text (UTF-8, no BOM) into doc;
 * problems go to diags against file.  Returns 0, or -1 when memory ran out. */
int aiken_import(const char *data, size_t len, const char *file, struct qdoc *doc,
		 struct diag_list *diags);

#endif
