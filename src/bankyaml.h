/*
 * bankyaml.h — write questions as a bank file, with libyaml's emitter.
 *
 * The output starts with the line that points editors at the JSON Schema,
 * then one YAML document: title, then the questions with their fields in the
 * order docs/bank-format.md lists them, a blank line between questions.
 * Text that YAML would read as something else (null, true, 1984) is quoted,
 * text with line breaks becomes a literal block.
 */
#ifndef JINGSAI_BANKYAML_H
#define JINGSAI_BANKYAML_H

#include <stddef.h>

#include "bank.h"
#include "strbuf.h"

#define BANKYAML_SCHEMA_LINE "# yaml-language-server: $schema=schema.json\n"

/* Append the bank to out.  Fields a question does not have (NULL texts,
 * difficulty/points/time 0, no tags, shuffled options) are left out.  Returns 0, or -1 with
 * *err set to a static description when memory ran out or the emitter
 * failed. */
int bankyaml_write(struct strbuf *out, const char *title, struct question *const *q, size_t n,
		   const char **err);

/* For output made by bankyaml_write: the index of the question that line
 * 'line' (1-based) belongs to, or -1 for the lines before the first. */
long bankyaml_question_at(const char *yaml, size_t len, unsigned line);

#endif
