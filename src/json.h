/*
 * json.h — writing JSON text: strings escaped, UTF-8 kept, invalid bytes
 * replaced by U+FFFD so the output is always valid JSON.
 */
#ifndef JINGSAI_JSON_H
#define JINGSAI_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal (with quotes); NULL writes null. */
void json_string(FILE *fp, const char *s);

struct strbuf;
/* Append s to b as a JSON string literal, escaped as json_string does
 * (invalid UTF-8 as U+FFFD), and C1 controls, U+2028, U+2029, U+FFFE and
 * U+FFFF as \uXXXX too, so that a YAML reader (the journal's, libyaml)
 * gives exactly s back.  NULL appends null. */
void json_strbuf(struct strbuf *b, const char *s);

#endif
