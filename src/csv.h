/*
 * csv.h — spreadsheets: an RFC 4180 reader and writer, and the mapping
 * between the documented header row and questions.
 *
 * The header row names the columns, in any order (Chinese or English names):
 *   编号 id, 题型 type, 题目 question, 选项A … 选项H (or A … H), 答案 answer,
 *   解析 explanation, 出处 source, 难度 difficulty, 分类 category, 标签 tags,
 *   分值 points, 限时 time, 乱序 shuffle (否: the options keep their order),
 *   分组 group.  The writer adds 乱序 and 分组 only when a question uses them,
 *   and writes the options in the bank's order.
 * 题型, 题目 and 答案 are required.  A fill answer lists its blanks separated
 * by ；or ; and a blank's accepted answers separated by | or ｜.  A text cell
 * that starts with = + - @, a tab or a carriage return is written with a
 * leading apostrophe, so that Excel and WPS do not run it as a formula; the
 * reader takes that apostrophe away again.
 */
#ifndef JINGSAI_CSV_H
#define JINGSAI_CSV_H

#include <stddef.h>

#include "bank.h"
#include "diag.h"
#include "qdoc.h"
#include "strbuf.h"

struct csv_cell {
	const char *s; /* the cell's text, unquoted, NUL-terminated; owned by the reader */
	size_t len;
	size_t off; /* byte offset of the cell's first character in the input */
	size_t at;  /* private: where s starts in the reader's buffer */
};

struct csv_reader {
	const char *data;
	size_t len, pos;
	struct strbuf text; /* the cells of the current record, one after the other */
	struct csv_cell *cells;
	size_t ncells, cap;
	size_t record_off; /* where the current record starts */
	const char *err;   /* the first problem in the current record, or NULL */
	size_t err_off;
	int unclosed; /* a quote of the record was never closed: the rest is in it */
};

/* Start reading len bytes of UTF-8 at data (which must outlive the reader). */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
/* Read the next record into r->cells: 1 when there is one, 0 at the end, -1
 * when memory ran out.  A malformed record still comes back whole with r->err
 * set; a quote that is never closed takes the rest of the input.  Quoted line
 * breaks become "\n". */
int csv_next(struct csv_reader *r);
/* Free what the reader holds. */
void csv_reader_free(struct csv_reader *r);

/* Append one cell as RFC 4180 wants it (quoted when it holds a comma, a quote,
 * a line break or surrounding spaces); with 'guard', a text starting with
 * = + - @, a tab or a CR, or with apostrophes and then one of them, gets a
 * leading apostrophe (the CSV import takes one away again). */
void csv_put_cell(struct strbuf *b, const char *s, int guard);

/* Read questions from a sheet of len bytes of UTF-8 (without a BOM) into doc.
 * Problems go to diags as errors against file at the cell's line and column
 * (a quoted cell with line breaks makes the rows after it start further
 * down).  Returns 0, or -1 when memory ran out. */
int csv_import(const char *data, size_t len, const char *file, struct qdoc *doc,
	       struct diag_list *diags);

/* Append q[0..n) as a sheet: a UTF-8 BOM, the header row, one row per
 * question, CRLF line ends.  A question the sheet cannot hold is left out
 * with a warning at its place in its bank.  Returns the number of questions
 * written, or -1 when memory ran out. */
long csv_export(struct strbuf *out, struct question *const *q, size_t n, struct diag_list *diags);

#endif
