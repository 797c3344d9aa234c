/*
 * journal.h — the competition's event log, DIR/journal.jsonl: one JSON
 * object per line, appended and synced to disk before the screen shows what
 * it records.
 *
 * The first line identifies the competition:
 *   {"jingsai-journal": 1, "title": T, "seed": "N" (decimal digits: exact),
 *    "competition": {"path": P, "digest": "16 hex", "text": THE FILE},
 *    "banks": [{"path": P, "digest": "16 hex"}, ...], "tiebreak-questions": N}
 * then one line per event (rules.h), e.g.
 *   {"n": 7, "ev": "answer", "team": 2, "verdict": "right", "text": "B",
 *    "left": 12480, "wall": 1714550000123}
 * (fields at their neutral value are left out).  The competition's text is
 * kept so that `jingsai board DIR` can replay the journal alone.
 *
 * Reading goes through libyaml (a JSON line is a YAML flow mapping), never a
 * parser of our own.  A last line without its newline, or one that does not
 * parse, is a torn write: it is dropped and reported; a bad line anywhere
 * else is an error.
 *
 * Writing: one write() per record, then fdatasync().  A short write is cut
 * back (ftruncate) to the last whole record.  A failed fsync is never
 * retried on the same file (Linux may have dropped the pages): the journal
 * keeps every record it confirmed in memory and the next append rewrites
 * the whole file from there through atomic_write.  A failed append leaves
 * the file as it was before it, so the caller may apply nothing and let the
 * host try again.
 */
#ifndef JINGSAI_JOURNAL_H
#define JINGSAI_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "comp.h"
#include "rules.h"

#define JOURNAL_VERSION 1
#define JOURNAL_NAME    "journal.jsonl"

struct journal_header {
	int version;
	const char *title;
	uint64_t seed;
	const char *comp_path;
	const char *comp_text; /* the competition file, whole */
	size_t comp_len;
	uint64_t comp_digest;
	const struct comp_bank_file *banks;
	size_t nbanks;
	long tiebreak_questions; /* the plan's tiebreak questions, -1 when not recorded:
				    `board` replays without the banks and must know when
				    the tiebreak ran out of questions */
};

/* A journal read back.  Everything lives in the arena. */
struct journal_log {
	struct arena arena;
	struct journal_header header;
	struct comp_bank_file *bank_store;
	struct rules_event *events;
	size_t nevents;
	bool torn;          /* a torn last line was dropped */
	unsigned torn_line; /* its line number (1-based) */
	size_t torn_bytes;  /* how many bytes it had */
	size_t valid_len;   /* bytes of whole records, where an append goes on */
};

/* The header of a competition about to start (pointers into c). */
void journal_header_from(struct journal_header *h, const struct comp *c, uint64_t seed);

/* Read path.  0 on success (torn says whether a torn tail was dropped), -1
 * with a malloc'd *err naming the file and, for a bad record, its line. */
int journal_read(const char *path, struct journal_log *log, char **err);
void journal_log_free(struct journal_log *log);

/* Whether a journal belongs to competition c as loaded now: the same
 * title, the same file digest and the same banks with the same digests.
 * 0, or -1 with a malloc'd *err saying what differs. */
int journal_check(const struct journal_header *h, const struct comp *c, char **err);

struct journal;

/* Create path (which must not exist: O_EXCL) and write the header, synced,
 * with the directory synced too.  NULL with a malloc'd *err. */
struct journal *journal_create(const char *path, const struct journal_header *h, char **err);
/* Open an existing journal to go on after valid_len bytes (a torn tail is
 * cut off here).  NULL with a malloc'd *err. */
struct journal *journal_reopen(const char *path, size_t valid_len, char **err);

/* Append one event record, synced.  0, or -1 with a malloc'd *err; then the
 * file holds exactly what it held before. */
int journal_append(struct journal *j, const struct rules_event *ev, char **err);

/* Records appended so far (header excluded), for numbering. */
size_t journal_count(const struct journal *j);

/* Close; NULL-safe. */
void journal_close(struct journal *j);

#endif
