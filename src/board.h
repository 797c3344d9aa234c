/*
 * board.h — the four scoreboards of a competition, from a standings value:
 *   scoreboard.json  for programs
 *   scoreboard.csv   for Excel/WPS (UTF-8 with BOM, CRLF, formula injection neutralised)
 *   scoreboard.md    for the record and for printing
 *   scoreboard.html  one self-contained page for a second screen or a phone
 * Each file is replaced through atomic_write, so a crash or a full disk
 * leaves the previous version whole.  Text in the UI language.
 */
#ifndef JINGSAI_BOARD_H
#define JINGSAI_BOARD_H

#include "standings.h"
#include "strbuf.h"

/* The contents of each file, appended to b (check b->oom). */
void board_json(struct strbuf *b, const struct standings *s);
void board_csv(struct strbuf *b, const struct standings *s);
void board_md(struct strbuf *b, const struct standings *s);
void board_html(struct strbuf *b, const struct standings *s);

/* Write all four into dir.  A failure of one does not stop the others.
 * Returns how many failed; *err (when err is not NULL and something failed)
 * is a malloc'd message about the first failure. */
int board_write_all(const char *dir, const struct standings *s, char **err);

#endif
