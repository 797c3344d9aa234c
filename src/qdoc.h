/*
 * qdoc.h — questions brought in from another format (CSV, GIFT, Aiken) on
 * their way to becoming a bank, and what the importers share.
 *
 * A qdoc holds struct question records (the model of bank.h) whose strings
 * and arrays live in the qdoc's arena and are freed with it by qdoc_free().
 * In an imported record, 0 means "not given" for difficulty, points and time,
 * NULL for the texts, and line/col are where the question starts in the
 * input (1-based, columns in characters), so that later checks can point
 * there.
 */
#ifndef JINGSAI_QDOC_H
#define JINGSAI_QDOC_H

#include <stddef.h>

#include "arena.h"
#include "bank.h"
#include "diag.h"

struct qdoc {
	struct arena arena;
	struct question **q;
	size_t n, cap;
};

/* Set up an empty document. */
void qdoc_init(struct qdoc *d);
/* Free every question and string of the document; it is empty afterwards. */
void qdoc_free(struct qdoc *d);
/* Append a zeroed question that starts at line/col; NULL when memory ran out. */
struct question *qdoc_add(struct qdoc *d, unsigned line, unsigned col);
/* Copy n bytes of s into the document's arena, trimmed of ASCII white space at
 * both ends; NULL when memory ran out (an empty result is ""). */
char *qdoc_trimdup(struct qdoc *d, const char *s, size_t n);
/* Split s at 、 ; , ； ， into q->tags (trimmed, empty parts dropped).  Returns
 * 0, or -1 when memory ran out. */
int qdoc_set_tags(struct qdoc *d, struct question *q, const char *s);

/* Give each question without an id PREFIX-001, PREFIX-002, ... (skipping ids
 * that questions already have) and report ids given twice as errors against
 * file.  Returns 0, or -1 when memory ran out. */
int qdoc_assign_ids(struct qdoc *d, const char *prefix, const char *file, struct diag_list *diags);

/* An id prefix made from a file name: its base name without the extension,
 * folded to lower-case [a-z0-9._-] (spaces become '-'), or "q" when nothing
 * is left.  Writes at most size bytes including the NUL. */
void qdoc_prefix(const char *path, char *out, size_t size);
/* Whether s is a valid question id: [a-z0-9][a-z0-9._-]*. */
int qdoc_valid_id(const char *s);

/* A question type from a spreadsheet label: 单选, 单选题, 单项选择题, single
 * (any case) and the like; -1 when unknown. */
int qdoc_type_parse(const char *s);
/* The Chinese label of a type: 单选, 多选, 判断, 填空, 简答. */
const char *qdoc_type_label(enum question_type t);
/* A judge answer: 1 for 对 正确 √ true yes T Y, 0 for 错 错误 × false no F N
 * (ASCII in any case), -1 otherwise. */
int qdoc_judge_parse(const char *s);
/* Option keys such as "ACD", "a,c,d", "Ａ、Ｃ" (full-width and lower case
 * folded; separators space , 、 ， ; ；): a bit set with bit i for 'A' + i.
 * -1 when a character is neither a letter nor a separator, -2 when a
 * letter repeats. */
long qdoc_keys_parse(const char *s);
/* A difficulty: 1 2 3, 易 中 难, 简单 中等 困难, easy medium hard; 0 otherwise. */
int qdoc_difficulty_parse(const char *s);
/* A whole number from min to max written in ASCII digits; -1 otherwise. */
long qdoc_number_parse(const char *s, long min, long max);

/* Line starts of a text, for turning byte offsets into line and column.  Line
 * breaks are LF, CR LF and a lone CR. */
struct linemap {
	const char *data;
	size_t len;
	size_t *starts;
	size_t n;
};

/* Index the lines of data; 0, or -1 when memory ran out.  data must outlive m. */
int linemap_init(struct linemap *m, const char *data, size_t len);
/* The 1-based line and column (in characters) of byte offset off. */
void linemap_pos(const struct linemap *m, size_t off, unsigned *line, unsigned *col);
/* Free the index. */
void linemap_free(struct linemap *m);

#endif
