/*
 * book.h — the wrong-answer book (错题本), keyed by question id.
 *
 * A question answered wrong enters the book; it leaves after two right
 * answers in a row.  The book is one text file, DIR/book.tsv (format in
 * docs/wrong-answer-book.md), replaced atomically on save; a damaged file is
 * set aside under a new name, never silently emptied.  Keyed by id, so
 * editing a question's text keeps its history; an id no longer in any loaded
 * bank stays in the book (the caller skips it: a bank may be absent today).
 */
#ifndef JINGSAI_BOOK_H
#define JINGSAI_BOOK_H

#include <stddef.h>

struct book_entry {
	char *id;
	unsigned wrong;        /* times answered wrong */
	unsigned streak;       /* right answers in a row since the last wrong one */
	long long added, last; /* unix seconds: entered the book, last answered */
	char *extra;           /* columns after the fifth (a newer jingsai's), written back as
				  they were; NULL when there are none */
};

struct book_rec; /* one answer recorded in this session (book.c) */

struct book {
	char *path;                 /* DIR/book.tsv */
	struct book_entry *entries; /* sorted by id */
	size_t n, cap;
	/* private to book.c */
	char *dir;
	struct book_rec *log; /* this session's answers not yet saved, in order */
	size_t nlog, caplog;
	int lost; /* an answer could not be recorded (out of memory) */
};

/* Directory of the book: $XDG_DATA_HOME/jingsai when XDG_DATA_HOME is set and
 * absolute, else $HOME/.local/share/jingsai (HOME from the password database
 * when unset or not absolute); malloc'd, NULL + *err when neither can be
 * determined. */
char *book_default_dir(char **err);

/* Open the book in dir (created 0700 with parents when missing).  A missing
 * file is an empty book.  A damaged file (bad header, bad line, unknown
 * version, not a regular file) is renamed aside to
 * book.tsv.damaged-YYYYMMDD-HHMMSS (never silently emptied), the book starts
 * empty, *err says what was wrong (file:line) and where it was moved, and 1 is
 * returned; -1 on I/O error (*err), 0 otherwise.  *err is malloc'd, the caller
 * frees it.  b is always initialised (empty on -1) and must be freed with
 * book_free. */
int book_open(struct book *b, const char *dir, char **err);

/* Record one answer: wrong → the id enters the book (or wrong++), streak = 0;
 * right → when the id is in the book streak++, and it leaves the book once
 * streak reaches 2.  Right answers to ids not in the book change nothing.
 * Ids that are not question ids ([a-z0-9][a-z0-9._-]*) are ignored; running
 * out of memory is reported by the next book_save. */
void book_record(struct book *b, const char *id, int right, long long now);

/* The entry for id, or NULL; valid until the next book_record or book_save. */
const struct book_entry *book_find(const struct book *b, const char *id);

/* Save: take an exclusive flock on DIR/book.lock, re-read the file (another
 * session may have saved since book_open), replay THIS session's records onto
 * it, write it atomically, unlock.  So two sessions practising at once both
 * keep their results.  Afterwards b holds what was written.  0 or -1 with
 * *err (malloc'd, caller frees; the session's records are kept for another
 * try unless the new file is in place, as when only the directory's fsync
 * failed).  Also 1 with *err when the file on disk had been damaged since
 * book_open: it is set aside as book_open does and the book is saved from
 * memory. */
int book_save(struct book *b, char **err);

/* Free everything b owns; b is empty afterwards.  NULL-safe. */
void book_free(struct book *b);

#endif
