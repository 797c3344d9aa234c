/*
 * json.h — writing JSON text: strings escaped, UTF-8 kept, invalid bytes
 * replaced by U+FFFD so the output is always valid JSON.
 */
#ifndef JINGSAI_JSON_H
#define JINGSAI_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal (with quotes); NULL writes null. */
void json_string(FILE *fp, const char *s);

#endif
