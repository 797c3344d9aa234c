/*
 * shuffle.h — the order in which a choice question's options are shown,
 * and the letters mapped between that order and the bank file's.
 *
 * Pure: no I/O, no allocation, no global state.  An order is a permutation
 * perm[0..n) of the file's option indexes: the option shown as letter 'A' + i
 * is the file's option perm[i].  It is a function of the session's seed and
 * the question's id only, the same on every machine:
 *
 *   h    = FNV-1a 64 of the id's bytes (offset basis 0xcbf29ce484222325,
 *          prime 0x100000001b3)
 *   rng  = select_rng_seed(seed ^ h)          (splitmix64, select.h)
 *   perm = identity; for i = n-1 down to 1: swap perm[i], perm[select_rng_below(i + 1)]
 *
 * so one seed gives one order everywhere (practice, exam, the host and its
 * journal's replay), and a question keeps its order whatever else is asked.
 * Letters beyond n are left as they are by the mappings: typed, they stay
 * wrong.
 */
#ifndef JINGSAI_SHUFFLE_H
#define JINGSAI_SHUFFLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank.h"

/* The order of n options (n <= BANK_MAX_OPTIONS) for question id qid under
 * seed, as described above, into perm[0..n). */
void shuffle_order(uint64_t seed, const char *qid, unsigned n, unsigned char perm[]);

/* perm[i] = i for i < n. */
void shuffle_identity(unsigned n, unsigned char perm[]);

/* Whether perm[0..n) is the identity. */
bool shuffle_is_identity(const unsigned char perm[], unsigned n);

/* The order a session shows q in: shuffle_order(seed, q->id, ...) when on,
 * q is a single or multiple question and not `shuffle: false`; the identity
 * otherwise (and for questions without options, n = 0).  Returns the number
 * of entries written (q->noptions). */
unsigned shuffle_for(const struct question *q, uint64_t seed, bool on, unsigned char perm[]);

/* A bit set of shown letters (bit i = 'A' + i as shown) as the file's letters,
 * and back.  Bits at n and above are kept as they are. */
unsigned shuffle_keys_to_file(const unsigned char perm[], unsigned n, unsigned shown);
unsigned shuffle_keys_to_shown(const unsigned char perm[], unsigned n, unsigned file);

/* One letter: the file's letter of shown letter c ('A'..), and back; a letter
 * at n or beyond (or not a capital) is returned as it is. */
char shuffle_letter_to_file(const unsigned char perm[], unsigned n, char c);
char shuffle_letter_to_shown(const unsigned char perm[], unsigned n, char c);

/* What a person typed for a choice question ("acd", "A、C", "c d a" in the
 * shown letters; answer_keys() reads it) as the file's letters in order,
 * such as "ABD", into buf (size at least 27).  Returns buf, or NULL when the
 * input is not letters that all name one of the n options (an option's text,
 * a blank line, "AF" for four options): answer_check() does not read such an
 * input as letters either. */
const char *shuffle_given_to_file(const unsigned char perm[], unsigned n, const char *given,
				  char *buf, size_t size);

/* The order as the file's letters in shown order, such as "CADB" (shown A is
 * the file's C), into buf (size at least n + 1); returns buf. */
const char *shuffle_order_text(const unsigned char perm[], unsigned n, char *buf, size_t size);

/* A copy of q as shown in order perm: view = *q with options[i] =
 * q->options[perm[i]] (the caller's array of BANK_MAX_OPTIONS, which the view
 * points to) and answer_keys in shown letters.  answer_check(view, typed) then
 * judges what was typed in the shown letters, and answer_format(view) gives
 * the right answer in them.  The view borrows every other pointer of q. */
void shuffle_view(const struct question *q, const unsigned char perm[], struct question *view,
		  const char *options[]);

/* Single-choice keys of one bank that give the answer away by position. */
struct shuffle_skew {
	size_t total; /* single-choice questions with 4 options */
	size_t count; /* of them keyed 'letter' */
	char letter;  /* the most frequent key */
	int percent;  /* count * 100 / total, rounded */
};

#define SHUFFLE_SKEW_MIN 12 /* fewer such questions: too few to judge */
#define SHUFFLE_SKEW_PC  40 /* a key above this share is skewed */

/* Count bank b's single-choice questions with four options by key into *s;
 * true when there are at least SHUFFLE_SKEW_MIN and the most frequent key
 * (the first letter on a tie) is the key of more than SHUFFLE_SKEW_PC percent
 * of them. */
bool shuffle_skewed(const struct bank_set *set, const struct bank *b, struct shuffle_skew *s);

#endif
