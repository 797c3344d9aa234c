/*
 * load.c — the bank loader: libyaml events to the question model.
 *
 * libyaml's parser is pulled one event at a time through next() (the event
 * reader in yamlev.c, shared with the competition file), the only place that
 * fetches and frees events and that enforces the limits (nesting depth,
 * anchors and aliases).  The functions above it mirror the bank
 * schema (stream, bank mapping, questions list, question mapping, answer), so
 * the C call depth is bounded by the schema, never by the input: anything the
 * schema does not expect is skipped by skip_node(), a loop over events.
 *
 * Schema errors are reported and parsing goes on, so one run shows every
 * problem of a file; a libyaml syntax error, the depth limit or running out
 * of memory end the file.  Diagnostics of a file are sorted by position.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "bank.h"
#include "i18n.h"
#include "mem.h"
#include "text.h"
#include "yamlev.h"

/* ---- the id and text index ------------------------------------------- */

/* Where something was first seen, for "first at FILE:LINE:COL". */
struct place {
	const char *key;
	size_t keylen;
	const char *file;
	unsigned line, col;
	const struct question *q; /* NULL when the question did not load */
	unsigned num;             /* groups: the group's number */
};

struct slot {
	uint64_t hash;
	struct place *place; /* NULL = empty */
};

struct table {
	struct slot *slots;
	size_t cap, count;
};

struct file_id {
	dev_t dev;
	ino_t ino;
	int competition; /* it was a competition file, not a bank */
};

struct bank_index {
	struct table ids;
	struct table texts;
	struct table groups;
	struct file_id *files; /* files loaded, so that none is read twice */
	size_t nfiles, files_cap;
};

/* The set's index, made on first use; NULL when memory ran out. */
static struct bank_index *
index_get(struct bank_set *set)
{
	if (set->index == NULL)
		set->index = mem_calloc(1, sizeof(*set->index));
	return set->index;
}

/* A 64-bit hash read eight bytes at a time: question texts average a hundred
 * bytes, and a byte-at-a-time hash was a visible part of a lint run. */
static uint64_t
hash_bytes(const char *s, size_t n)
{
	const uint64_t m = 0x9e3779b97f4a7c15ULL;
	uint64_t h = n * m, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * m;
		h ^= h >> 29;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * m;
	}
	h ^= h >> 32;
	h *= m;
	return h ^ (h >> 29);
}

/* The slot holding key, or the empty slot where it would go.  The stored hash
 * is compared first so that a probe rarely touches the place itself. */
static struct slot *
table_slot(const struct table *t, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (t->cap - 1);
	struct slot *sl;

	while ((sl = &t->slots[i])->place != NULL) {
		if (sl->hash == h && sl->place->keylen == n && memcmp(sl->place->key, key, n) == 0)
			break;
		i = (i + 1) & (t->cap - 1);
	}
	return sl;
}

static const struct place *
table_find(const struct table *t, const char *key, size_t n)
{
	if (t->cap == 0)
		return NULL;
	return table_slot(t, key, n, hash_bytes(key, n))->place;
}

/* Start loading the slot where a key of hash h will be looked for.  The loader
 * hashes a question's id and text as it reads them and probes the tables when
 * the question ends: by then the slots are in the cache, and a lint run does
 * not wait on one cache miss per question and table. */
static void
table_prefetch(const struct table *t, uint64_t h)
{
	if (t->cap > 0)
		__builtin_prefetch(&t->slots[(size_t)h & (t->cap - 1)], 1);
}

/* Find key (of hash h), making room for it first: the slot returned holds the
 * key's place, or is empty and ready for table_fill().  NULL when memory ran out. */
static struct slot *
table_probe(struct table *t, const char *key, size_t n, uint64_t h)
{
	struct table nt;
	struct slot *sl;
	size_t i;

	if ((t->count + 1) * 2 > t->cap) {
		nt.cap = t->cap ? t->cap * 2 : 1024;
		nt.count = t->count;
		nt.slots = mem_calloc(nt.cap, sizeof(*nt.slots));
		if (nt.slots == NULL)
			return NULL;
		for (i = 0; i < t->cap; i++) {
			sl = &t->slots[i];
			if (sl->place != NULL)
				*table_slot(&nt, sl->place->key, sl->place->keylen, sl->hash) = *sl;
		}
		mem_free(t->slots);
		*t = nt;
	}
	sl = table_slot(t, key, n, h);
	sl->hash = h; /* harmless on a found slot: the same hash */
	return sl;
}

/* Put p in the empty slot that table_probe() returned for p's key. */
static void
table_fill(struct table *t, struct slot *sl, struct place *p)
{
	sl->place = p;
	t->count++;
}

/* ---- the loader state ------------------------------------------------- */

/* One scalar of an answer, copied out of its event. */
struct ascalar {
	const char *s;
	size_t len;
	unsigned line, col;
	int empty; /* no text: "", ~, null, only white space */
};

/* One entry of a list answer: a scalar, or a list of scalars [first, first+n). */
struct aitem {
	struct ascalar v;
	int is_list;
	size_t first, n;
};

enum akind { ANS_NONE, ANS_SCALAR, ANS_LIST, ANS_BAD };

#define MAX_BREAKS 8

struct loader {
	struct bank_set *set;
	struct diag_list *diags;
	const char *file;          /* owned by the set's arena */
	struct yamlev y;           /* the events; y.fatal: stop reading this file */
	unsigned errors, warnings; /* diagnostics about this file so far */

	/* input */
	int fd;
	const char *buf;
	size_t buflen, pos;
	size_t nread;
	int too_big, read_errno;
	unsigned char tail[2]; /* the input's last bytes so far, for scan_breaks() */
	size_t ntail;
	struct {
		size_t off;  /* where in the input */
		unsigned cp; /* U+0085, U+2028 or U+2029 */
	} breaks[MAX_BREAKS];
	size_t nbreaks;

	/* the bank being read */
	size_t bank;
	int competition_keys; /* the root mapping has 'teams' or 'rounds' */
	int has_questions;    /* ... or 'questions' */

	/* defaults of the bank */
	const char *d_category, *d_source;
	const char **d_tags;
	size_t d_ntags;
	int d_difficulty, d_points, d_time;
	int d_shuffle; /* -1 not given, else the value */

	/* per question of the bank (index - bank): its own 'shuffle', -1 when it
	 * has none and the defaults decide */
	signed char *shuffle;
	size_t shuffle_cap;

	/* answer of the question being read, in scratch arrays */
	enum akind akind;
	struct ascalar ascalar;
	unsigned aline, acol;
	struct aitem *items;
	size_t nitems, items_cap;
	struct ascalar *alts;
	size_t nalts, alts_cap;

	/* scratch for lists of text and for folded option texts */
	const char **strs;
	size_t strs_cap;
	char *fold;
	size_t fold_cap;
};

#define LINE(m) YAMLEV_LINE(m)
#define COL(m)  YAMLEV_COL(m)

#define MAX_ERRORS   1000
#define MAX_WARNINGS 10000

/* Add a diagnostic about this file; running out of memory ends the file, and so
 * do too many errors.  Too many warnings are only not shown: a big bank
 * without sources is still a bank. */
static void reportv(struct loader *l, enum diag_severity sev, unsigned line, unsigned col,
		    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void report(struct loader *l, enum diag_severity sev, unsigned line, unsigned col,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
reportv(struct loader *l, enum diag_severity sev, unsigned line, unsigned col, const char *fmt,
	va_list ap)
{
	unsigned *n = sev == DIAG_ERROR ? &l->errors : &l->warnings;
	unsigned max = sev == DIAG_ERROR ? MAX_ERRORS : MAX_WARNINGS;

	if (*n >= max) {
		/* A generated or mangled file can hold a problem every few bytes;
		 * past this many, more of them help nobody and cost memory. */
		if ((*n)++ == max &&
		    diag_add(l->diags, l->file, line, col, sev,
			     sev == DIAG_ERROR
				     ? N_("more than %u errors in this file; stopping here")
				     : N_("more than %u warnings in this file; the rest are not "
					  "shown"),
			     max) != 0)
			l->y.oom = l->y.fatal = 1;
		if (sev == DIAG_ERROR)
			l->y.fatal = 1;
		return;
	}
	(*n)++;
	if (diag_addv(l->diags, l->file, line, col, sev, fmt, ap) != 0)
		l->y.oom = l->y.fatal = 1;
}

static void
report(struct loader *l, enum diag_severity sev, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	reportv(l, sev, line, col, fmt, ap);
	va_end(ap);
}

#define err_at(l, line, col, ...)  report((l), DIAG_ERROR, (line), (col), __VA_ARGS__)
#define warn_at(l, line, col, ...) report((l), DIAG_WARNING, (line), (col), __VA_ARGS__)

#define BRIEF(s) YAMLEV_BRIEF(s)

#define ERR_EV(l, ...)                                                                             \
	err_at((l), LINE((l)->y.ev.start_mark), COL((l)->y.ev.start_mark), __VA_ARGS__)

static void
out_of_memory(struct loader *l)
{
	l->y.oom = l->y.fatal = 1;
}

/* ---- input ------------------------------------------------------------ */

/* The Unicode line break other than CR and LF at p (U+0085 NEL, U+2028,
 * U+2029), or 0: there is none, or the n bytes there are too few to tell. */
static unsigned
odd_break(const unsigned char *p, size_t n)
{
	if (p[0] == 0xc2 && n >= 2 && p[1] == 0x85)
		return 0x85;
	if (p[0] == 0xe2 && n >= 3 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return p[2] == 0xa8 ? 0x2028 : 0x2029;
	return 0;
}

static void
note_break(struct loader *l, size_t off, unsigned cp)
{
	if (l->nbreaks < MAX_BREAKS) {
		l->breaks[l->nbreaks].off = off;
		l->breaks[l->nbreaks].cp = cp;
		l->nbreaks++;
	}
}

/* Find the line breaks libyaml counts and editors do not show in b[0..n), the
 * bytes at offset 'base' of the input: pasted from a web page or a PDF, they
 * are invisible, and every line number after one would be off by one. */
static void
scan_breaks(struct loader *l, const unsigned char *b, size_t n, size_t base)
{
	unsigned char w[4];
	const unsigned char *p;
	size_t i, k = 0;
	unsigned cp;
	int lead;

	/* A sequence that starts in the bytes kept from the last read. */
	for (i = 0; i < l->ntail; i++)
		w[k++] = l->tail[i];
	for (i = 0; i < n && i < 2; i++)
		w[k++] = b[i];
	for (i = 0; i < l->ntail; i++)
		if ((cp = odd_break(w + i, k - i)) != 0 && i + (cp == 0x85 ? 2 : 3) > l->ntail)
			note_break(l, base - l->ntail + i, cp); /* not seen whole last time */
	/* Sequences inside this read; one cut off at its end waits for the next. */
	for (lead = 0; lead < 2; lead++) {
		for (p = b; (p = memchr(p, lead ? 0xc2 : 0xe2, n - (size_t)(p - b))) != NULL; p++)
			if ((cp = odd_break(p, n - (size_t)(p - b))) != 0)
				note_break(l, base + (size_t)(p - b), cp);
	}
	/* Keep the last two bytes of all input so far. */
	if (n >= 2) {
		l->tail[0] = b[n - 2];
		l->tail[1] = b[n - 1];
		l->ntail = 2;
	} else if (n == 1 && l->ntail > 0) {
		l->tail[0] = l->tail[l->ntail - 1];
		l->tail[1] = b[0];
		l->ntail = 2;
	} else if (n == 1) {
		l->tail[0] = b[0];
		l->ntail = 1;
	}
}

static int
read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct loader *l = data;
	size_t limit = l->set->limits.max_size;
	ssize_t n;

	if (l->buf != NULL) {
		n = (ssize_t)(l->buflen - l->pos < size ? l->buflen - l->pos : size);
		memcpy(buffer, l->buf + l->pos, (size_t)n);
		l->pos += (size_t)n;
	} else {
		do
			n = read(l->fd, buffer, size);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			l->read_errno = errno;
			return 0;
		}
	}
	scan_breaks(l, buffer, (size_t)n, l->nread);
	l->nread += (size_t)n;
	if (l->nread > limit) {
		/* Reached only by input that grew or was not a regular file. */
		l->too_big = 1;
		return 0;
	}
	*size_read = (size_t)n;
	return 1;
}

static void
too_big(struct loader *l, size_t size)
{
	char a[32], b[32];

	if (size > 0)
		err_at(l, 0, 0, "file is %s, over the %s limit for a bank",
		       text_size(a, sizeof(a), size),
		       text_size(b, sizeof(b), l->set->limits.max_size));
	else
		err_at(l, 0, 0, "file is larger than the %s limit for a bank",
		       text_size(b, sizeof(b), l->set->limits.max_size));
}

/* ---- events ------------------------------------------------------------ */

/* The event reader's errors count with the loader's own (MAX_ERRORS). */
static void error_cb(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
error_cb(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	reportv(ctx, DIAG_ERROR, line, col, fmt, ap);
}

/* The one message of the event reader that names the kind of file. */
static void
anchor_cb(void *ctx, const char *what, const char *name)
{
	struct loader *l = ctx;

	ERR_EV(l, "%s%.*s%s': anchors and aliases are not allowed in a bank", what, BRIEF(name));
}

/* The reader errors that read_handler() caused. */
static int
input_error_cb(void *ctx)
{
	struct loader *l = ctx;

	if (l->too_big)
		too_big(l, 0);
	else if (l->read_errno)
		err_at(l, 0, 0, "cannot read: %s", strerror(l->read_errno));
	else
		return 0;
	return 1;
}

static const struct yamlev_ops bank_yamlev_ops = {error_cb, anchor_cb, input_error_cb};

/* next(), skip_node() and the take_*() below are the event reader's, by the
 * names the schema functions read best with. */
static int
next(struct loader *l)
{
	return yamlev_next(&l->y);
}

static int
skip_node(struct loader *l)
{
	return yamlev_skip(&l->y);
}

/* The current event as text copied to the arena.  'what' names the key in
 * messages.  Returns the text, or NULL after reporting why there is none (an
 * empty value is reported only when 'required'). */
static const char *
take_text(struct loader *l, const char *what, int required, size_t *lenp)
{
	return yamlev_take_text(&l->y, &l->set->arena, what, required, lenp);
}

static int
take_int(struct loader *l, const char *what, int min, int max, int *out)
{
	return yamlev_take_int(&l->y, what, min, max, out);
}

/* The current event as a YAML 1.2 boolean: true, True, TRUE, false, False,
 * FALSE (what the schema and editors take for one; 'yes' is text there);
 * 0 on success. */
static int
take_bool(struct loader *l, const char *what, int *out)
{
	static const char *const words[] = {"false", "False", "FALSE", "true", "True", "TRUE"};
	const yaml_event_t *ev = &l->y.ev;
	const char *v;
	size_t i, n;

	if (ev->type != YAML_SCALAR_EVENT) {
		if (ev->type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'%s' must be true or false, not %s", what, yamlev_node_kind(ev));
		skip_node(l);
		return -1;
	}
	v = (const char *)ev->data.scalar.value;
	n = yamlev_has_nul(ev) ? 0 : sizeof(words) / sizeof(words[0]);
	for (i = 0; i < n; i++) {
		if (strcmp(v, words[i]) != 0)
			continue;
		if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			break; /* "false" in quotes is text */
		*out = i >= 3;
		return 0;
	}
	if (i < n)
		ERR_EV(l, "'%s' must be true or false without quotes", what);
	else
		ERR_EV(l, "'%s' must be true or false, not '%.*s%s'", what, BRIEF(v));
	return -1;
}

/* A list of text, as for 'tags'.  Returns 0 and the list in the arena. */
static int
take_text_list(struct loader *l, const char *what, const char ***out, size_t *nout)
{
	const char **nv, *s;
	size_t n = 0;
	int bad = 0;

	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type == YAML_SCALAR_EVENT)
			ERR_EV(l, "'%s' must be a list, such as [%.*s%s]", what,
			       BRIEF((const char *)l->y.ev.data.scalar.value));
		else if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'%s' must be a list of text, not %s", what,
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return -1;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if ((s = take_text(l, what, 1, NULL)) == NULL) {
			bad = 1;
			continue;
		}
		if (mem_grow((void **)&l->strs, &l->strs_cap, n + 1, sizeof(*l->strs)) != 0) {
			out_of_memory(l);
			break;
		}
		l->strs[n++] = s;
	}
	if (l->y.fatal || bad)
		return -1;
	nv = arena_alloc(&l->set->arena, (n ? n : 1) * sizeof(*nv));
	if (nv == NULL) {
		out_of_memory(l);
		return -1;
	}
	if (n)
		memcpy(nv, l->strs, n * sizeof(*nv));
	*out = nv;
	*nout = n;
	return 0;
}

/* ---- keys ----------------------------------------------------------------- */

/* See yamlev_read_key(). */
static int
read_key(struct loader *l, const char *where, const char *const *known, struct yamlev_seen *seen)
{
	return yamlev_read_key(&l->y, where, known, seen);
}

/* ---- answers --------------------------------------------------------------- */

static int
copy_scalar(struct loader *l, struct ascalar *a)
{
	const yaml_event_t *ev = &l->y.ev;

	a->line = LINE(ev->start_mark);
	a->col = COL(ev->start_mark);
	a->len = yamlev_text_len(ev);
	a->empty = a->len == 0 || yamlev_is_null(ev) ||
		   yamlev_is_blank((const char *)ev->data.scalar.value, a->len);
	if (yamlev_has_nul(ev)) {
		ERR_EV(l, "'answer' contains a NUL character");
		return -1;
	}
	a->s = arena_strndup(&l->set->arena, (const char *)ev->data.scalar.value, a->len);
	if (a->s == NULL) {
		out_of_memory(l);
		return -1;
	}
	return 0;
}

/* Read the answer node into the scratch arrays: a scalar, or a list whose
 * entries are scalars or lists of scalars.  Its meaning is checked later,
 * when the question's type and options are known. */
static void
capture_answer(struct loader *l)
{
	struct aitem *it;
	struct ascalar *al;

	l->akind = ANS_BAD;
	l->nitems = l->nalts = 0;
	l->aline = LINE(l->y.ev.start_mark);
	l->acol = COL(l->y.ev.start_mark);
	if (l->y.ev.type == YAML_SCALAR_EVENT) {
		if (copy_scalar(l, &l->ascalar) == 0)
			l->akind = ANS_SCALAR;
		return;
	}
	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'answer' must be text or a list, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	l->akind = ANS_LIST;
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if (mem_grow((void **)&l->items, &l->items_cap, l->nitems + 1, sizeof(*l->items))) {
			out_of_memory(l);
			return;
		}
		it = &l->items[l->nitems];
		memset(it, 0, sizeof(*it));
		if (l->y.ev.type == YAML_SCALAR_EVENT) {
			if (copy_scalar(l, &it->v) != 0)
				l->akind = ANS_BAD;
			l->nitems++;
			continue;
		}
		if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
			if (l->y.ev.type != YAML_ALIAS_EVENT)
				ERR_EV(l, "an entry of 'answer' must be text or a list, not %s",
				       yamlev_node_kind(&l->y.ev));
			l->akind = ANS_BAD;
			skip_node(l);
			continue;
		}
		it->is_list = 1;
		it->v.line = LINE(l->y.ev.start_mark);
		it->v.col = COL(l->y.ev.start_mark);
		it->first = l->nalts;
		while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
			if (l->y.ev.type != YAML_SCALAR_EVENT) {
				if (l->y.ev.type != YAML_ALIAS_EVENT)
					ERR_EV(l, "an alternative in 'answer' must be text, not %s",
					       yamlev_node_kind(&l->y.ev));
				l->akind = ANS_BAD;
				skip_node(l);
				continue;
			}
			if (mem_grow((void **)&l->alts, &l->alts_cap, l->nalts + 1,
				     sizeof(*l->alts))) {
				out_of_memory(l);
				return;
			}
			al = &l->alts[l->nalts];
			if (copy_scalar(l, al) != 0)
				l->akind = ANS_BAD;
			else
				l->nalts++;
		}
		it = &l->items[l->nitems]; /* l->items did not move, but be plain */
		it->n = l->nalts - it->first;
		l->nitems++;
	}
	if (l->y.fatal)
		l->akind = ANS_BAD;
}

/* Letters of a multiple-choice answer written as one string: "ACD", "A, C, D",
 * "A、C、D".  Returns the bit set, or -1 with *bad set to the first offender. */
static long
parse_key_string(const char *s, size_t n, char *bad)
{
	long keys = 0;
	size_t i = 0, len;
	unsigned cp;

	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		if (cp >= 'A' && cp <= 'Z') {
			if (keys & (1L << (cp - 'A'))) {
				*bad = (char)cp;
				return -2;
			}
			keys |= 1L << (cp - 'A');
		} else if (!(cp == ' ' || cp == ',' || cp == 0x3001 || cp == 0xff0c)) {
			*bad = (char)(cp < 0x80 ? cp : '?');
			return -1;
		}
		i += len;
	}
	return keys;
}

static const char *const judge_true[] = {"true", "对", "正确", "√", "yes", NULL};
static const char *const judge_false[] = {"false", "错", "错误", "×", "no", NULL};

static int
word_in(const char *s, const char *const *words)
{
	size_t i, j, n = strlen(s);

	for (i = 0; words[i] != NULL; i++) {
		if (strlen(words[i]) != n)
			continue;
		for (j = 0; j < n && tolower((unsigned char)s[j]) == (unsigned char)words[i][j];
		     j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

size_t
bank_count_blanks(const char *s)
{
	size_t n = 0, run = 0;

	for (;; s++) {
		if (*s == '_') {
			run++;
			continue;
		}
		if (run >= 3)
			n++;
		run = 0;
		if (*s == '\0')
			return n;
	}
}

/* ---- questions ---------------------------------------------------------------- */

enum qkey {
	QK_ID,
	QK_TYPE,
	QK_QUESTION,
	QK_OPTIONS,
	QK_ANSWER,
	QK_EXPLANATION,
	QK_SOURCE,
	QK_DIFFICULTY,
	QK_POINTS,
	QK_TIME,
	QK_CATEGORY,
	QK_TAGS,
	QK_SHUFFLE,
	QK_GROUP,
	QK_COUNT
};

static const char *const question_keys[] = {
	"id",     "type", "question", "options", "answer",  "explanation", "source", "difficulty",
	"points", "time", "category", "tags",    "shuffle", "group",       NULL,
};

static const char *const type_names[] = {"single", "multiple", "judge", "fill", "open", NULL};

const char *
question_type_name(enum question_type t)
{
	return (unsigned)t < QTYPE_COUNT ? type_names[t] : "?";
}

int
question_type_parse(const char *s)
{
	return yamlev_index(s, type_names);
}

static int
valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* A question as read, before it is checked as a whole. */
struct draft {
	struct yamlev_seen seen[QK_COUNT];
	struct question q;
	int type; /* -1 until known */
	int bad;  /* an error was reported */
	size_t textlen;
	unsigned id_line, id_col;     /* the id's value */
	unsigned text_line, text_col; /* the question text */
	size_t idlen;
	uint64_t id_hash, text_hash;
	unsigned options_line, options_col;
	unsigned opt_line[BANK_MAX_OPTIONS], opt_col[BANK_MAX_OPTIONS];
	int have_difficulty, have_points, have_time, have_tags;
	int shuffle;     /* -1 not given, else the value */
	int options_bad; /* the options had errors: do not judge the answer by them */
	const char *options[BANK_MAX_OPTIONS]; /* copied to the arena if the question loads */
};

/* Compare option n (text, len bytes) with the ones before it: the same text
 * is an error, the same after folding a warning.  Folded texts are kept one
 * after another in l->fold, at offsets off[0..n]. */
static void
compare_option(struct loader *l, struct draft *d, unsigned n, const char *text, size_t len,
	       size_t *off)
{
	const char *fn;
	size_t fl;
	unsigned i;

	if (mem_grow((void **)&l->fold, &l->fold_cap, off[n] + len + 1, 1) != 0) {
		out_of_memory(l);
		return;
	}
	fn = l->fold + off[n];
	fl = text_fold(text, len, l->fold + off[n]);
	off[n + 1] = off[n] + fl + 1;
	for (i = 0; i < n; i++) {
		if (d->options[i] == NULL)
			continue;
		/* Texts that are the same are the same folded: test the folded first. */
		if (off[i + 1] - off[i] != fl + 1 || memcmp(l->fold + off[i], fn, fl) != 0)
			continue;
		if (strcmp(d->options[i], text) == 0) {
			ERR_EV(l, "option %c is the same as option %c", 'A' + n, 'A' + i);
			d->bad = 1;
		} else {
			warn_at(l, LINE(l->y.ev.start_mark), COL(l->y.ev.start_mark),
				"option %c differs from option %c only in case, width or spacing",
				'A' + n, 'A' + i);
		}
		return;
	}
}

/* Options: a mapping A: text, B: text, ... in order. */
static void
read_options(struct loader *l, struct draft *d)
{
	size_t off[BANK_MAX_OPTIONS + 1] = {0}, len, klen;
	const char *key, *text;
	unsigned n = 0;

	d->options_line = LINE(l->y.ev.start_mark);
	d->options_col = COL(l->y.ev.start_mark);
	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
			ERR_EV(l, "'options' must be a mapping such as {A: ..., B: ...}, not %s",
			       yamlev_node_kind(&l->y.ev));
		d->bad = 1;
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		if (l->y.ev.type != YAML_SCALAR_EVENT) {
			if (l->y.ev.type != YAML_ALIAS_EVENT)
				ERR_EV(l, "option keys are the letters A, B, C, ...");
			d->bad = 1;
			if (skip_node(l) || next(l) || skip_node(l))
				return;
			continue;
		}
		key = (const char *)l->y.ev.data.scalar.value;
		klen = l->y.ev.data.scalar.length;
		if (yamlev_has_nul(&l->y.ev)) {
			ERR_EV(l, "an option key contains a NUL character");
			d->bad = 1;
		} else if (n >= BANK_MAX_OPTIONS) {
			ERR_EV(l, "too many options: at most %d (A to %c)", BANK_MAX_OPTIONS,
			       'A' + BANK_MAX_OPTIONS - 1);
			d->bad = 1;
		} else if (key[0] >= 'A' && key[0] < 'A' + (int)n && klen == 1) {
			ERR_EV(l, "duplicate option key '%s' (first at line %u, column %u)", key,
			       d->opt_line[key[0] - 'A'], d->opt_col[key[0] - 'A']);
			d->bad = 1;
		} else if (yamlev_colon_hint(&l->y)) {
			/* "B：1984年" was meant as option B: its place is taken, so
			 * that the next key is not out of place too. */
			d->bad = 1;
			if (key[0] == 'A' + (int)n) {
				d->opt_line[n] = LINE(l->y.ev.start_mark);
				d->opt_col[n] = COL(l->y.ev.start_mark);
				off[n + 1] = off[n];
				d->options[n++] = NULL;
			}
		} else if (key[0] != 'A' + (int)n || klen != 1) {
			ERR_EV(l,
			       "option key '%.*s%s' out of place: expected '%c' (keys are A, B, C, "
			       "... in order)",
			       BRIEF(key), 'A' + n);
			d->bad = 1;
		} else {
			d->opt_line[n] = LINE(l->y.ev.start_mark);
			d->opt_col[n] = COL(l->y.ev.start_mark);
			if (next(l) != 0)
				return;
			text = take_text(l, "option", 1, &len);
			if (text == NULL) {
				d->bad = 1;
				off[n + 1] = off[n];
			} else {
				compare_option(l, d, n, text, len, off);
			}
			d->options[n++] = text;
			continue;
		}
		if (next(l) != 0 || skip_node(l) != 0)
			return;
	}
	if (l->y.fatal)
		return;
	d->q.noptions = n;
	if (n < 2 && !d->bad) {
		err_at(l, d->options_line, d->options_col,
		       "a question needs at least 2 options, found %u", n);
		d->bad = 1;
	}
}

/* Check the captured answer against the question's type; fill in d->q. */
static void
check_answer(struct loader *l, struct draft *d)
{
	struct question *q = &d->q;
	struct arena *ar = &l->set->arena;
	char bad = 0, fold[256];
	long keys;
	size_t i, j, n;
	const struct ascalar *a;

	if (l->akind == ANS_BAD) {
		d->bad = 1;
		return;
	}
	if (l->akind == ANS_SCALAR && l->ascalar.empty) {
		err_at(l, l->aline, l->acol, "'answer' is empty");
		d->bad = 1;
		return;
	}
	if (l->akind == ANS_LIST && l->nitems == 0) {
		err_at(l, l->aline, l->acol, "'answer' is an empty list");
		d->bad = 1;
		return;
	}
	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTIPLE:
		if (l->akind == ANS_SCALAR) {
			keys = parse_key_string(l->ascalar.s, l->ascalar.len, &bad);
			if (keys == -2) {
				err_at(l, l->aline, l->acol,
				       "option '%c' is named twice in the answer", bad);
				d->bad = 1;
				return;
			}
			if (keys < 0) {
				if (bad >= 'a' && bad <= 'z' && l->ascalar.len == 1)
					err_at(l, l->aline, l->acol,
					       "answer '%s' is not an option key; did you mean "
					       "'%c'?",
					       l->ascalar.s, bad - 'a' + 'A');
				else
					err_at(l, l->aline, l->acol,
					       "answer '%.*s%s' is not made of option keys (A, B, "
					       "C, ...)",
					       BRIEF(l->ascalar.s));
				d->bad = 1;
				return;
			}
		} else {
			keys = 0;
			for (i = 0; i < l->nitems; i++) {
				a = &l->items[i].v;
				if (l->items[i].is_list || a->len != 1 || a->s[0] < 'A' ||
				    a->s[0] > 'Z') {
					err_at(l, a->line, a->col,
					       "each entry of a list answer is one option key (A, "
					       "B, C, ...)");
					d->bad = 1;
					return;
				}
				if (keys & (1L << (a->s[0] - 'A'))) {
					err_at(l, a->line, a->col,
					       "option '%c' is named twice in the answer", a->s[0]);
					d->bad = 1;
					return;
				}
				keys |= 1L << (a->s[0] - 'A');
			}
		}
		if (!d->options_bad && q->noptions >= 2 && (keys >> q->noptions) != 0) {
			for (i = q->noptions; !(keys & (1L << i)); i++)
				;
			err_at(l, l->aline, l->acol,
			       "answer names option '%c', but the options are A to %c",
			       (int)('A' + i), 'A' + q->noptions - 1);
			d->bad = 1;
			return;
		}
		n = (size_t)__builtin_popcountl((unsigned long)keys);
		if (q->type == QTYPE_SINGLE && n == 1 && l->akind != ANS_SCALAR) {
			err_at(l, l->aline, l->acol,
			       "a single question's answer is one key without brackets, such as "
			       "'answer: %c'",
			       'A' + __builtin_ctzl((unsigned long)keys));
			d->bad = 1;
		} else if (q->type == QTYPE_SINGLE && n != 1) {
			err_at(l, l->aline, l->acol,
			       "a single question has one answer key; use type 'multiple' for "
			       "several");
			d->bad = 1;
		} else if (q->type == QTYPE_MULTIPLE && n < 2) {
			err_at(l, l->aline, l->acol,
			       "a multiple question has two or more answer keys; use type 'single' "
			       "for one");
			d->bad = 1;
		}
		q->answer_keys = (unsigned)keys;
		return;
	case QTYPE_JUDGE:
		if (l->akind == ANS_SCALAR && word_in(l->ascalar.s, judge_true))
			q->answer_true = true;
		else if (l->akind == ANS_SCALAR && word_in(l->ascalar.s, judge_false))
			q->answer_true = false;
		else if (l->akind == ANS_SCALAR) {
			err_at(l, l->aline, l->acol,
			       "a judge answer is true or false (also 对/错, 正确/错误, √/×, "
			       "yes/no), not '%.*s%s'",
			       BRIEF(l->ascalar.s));
			d->bad = 1;
		} else {
			err_at(l, l->aline, l->acol,
			       "a judge answer is one word, true or false (also 对/错, 正确/错误, "
			       "√/×, yes/no), not a list");
			d->bad = 1;
		}
		return;
	case QTYPE_OPEN:
		if (l->akind != ANS_SCALAR || l->ascalar.len == 0) {
			err_at(l, l->aline, l->acol,
			       "an open question's answer is the reference text");
			d->bad = 1;
			return;
		}
		q->reference = l->ascalar.s;
		return;
	case QTYPE_FILL:
		break;
	default:
		return;
	}

	/* fill */
	n = q->text != NULL ? bank_count_blanks(q->text) : 0;
	if (q->text != NULL && n == 0) {
		err_at(l, d->text_line, d->text_col,
		       "a fill question marks each blank with three or more '_'");
		d->bad = 1;
		return;
	}
	if (n == 0)
		return;
	if (l->akind == ANS_SCALAR) {
		/* One blank, one accepted text: store it as a one-entry list. */
		if (mem_grow((void **)&l->items, &l->items_cap, 1, sizeof(*l->items))) {
			out_of_memory(l);
			return;
		}
		memset(&l->items[0], 0, sizeof(l->items[0]));
		l->items[0].v = l->ascalar;
		l->nitems = 1;
	} else if (n == 1 && l->nitems >= 1) {
		/* One blank and a list: the list holds alternatives, unless it is
		 * the n-entries form with one entry that is itself a list. */
		int nested = l->nitems == 1 && l->items[0].is_list;

		if (!nested) {
			for (i = 0; i < l->nitems; i++)
				if (l->items[i].is_list) {
					err_at(l, l->items[i].v.line, l->items[i].v.col,
					       "the question has one blank: list its accepted "
					       "answers as text");
					d->bad = 1;
					return;
				}
			if (mem_grow((void **)&l->alts, &l->alts_cap, l->nalts + l->nitems,
				     sizeof(*l->alts))) {
				out_of_memory(l);
				return;
			}
			for (i = 0; i < l->nitems; i++)
				l->alts[l->nalts + i] = l->items[i].v;
			l->items[0].is_list = 1;
			l->items[0].first = l->nalts;
			l->items[0].n = l->nitems;
			l->nalts += l->nitems;
			l->nitems = 1;
		}
	}
	if (l->nitems != n) {
		err_at(l, l->aline, l->acol,
		       "the question has %zu blank%s but the answer has %zu entr%s", n,
		       n == 1 ? "" : "s", l->nitems, l->nitems == 1 ? "y" : "ies");
		d->bad = 1;
		return;
	}
	q->blanks = arena_alloc(ar, n * sizeof(*q->blanks));
	if (q->blanks == NULL) {
		out_of_memory(l);
		return;
	}
	q->nblanks = n;
	for (i = 0; i < n; i++) {
		struct aitem *it = &l->items[i];
		const struct ascalar *src = it->is_list ? &l->alts[it->first] : &it->v;
		size_t nalts = it->is_list ? it->n : 1;

		if (nalts == 0) {
			err_at(l, it->v.line, it->v.col, "blank %zu has no accepted answer", i + 1);
			d->bad = 1;
			continue;
		}
		q->blanks[i].alts = arena_alloc(ar, nalts * sizeof(char *));
		if (q->blanks[i].alts == NULL) {
			out_of_memory(l);
			return;
		}
		q->blanks[i].nalts = nalts;
		for (j = 0; j < nalts; j++) {
			a = &src[j];
			if (a->empty) {
				err_at(l, a->line, a->col,
				       "an accepted answer of blank %zu is empty", i + 1);
				d->bad = 1;
			} else if (a->len < sizeof(fold) && text_fold(a->s, a->len, fold) == 0) {
				warn_at(l, a->line, a->col,
					"accepted answer '%s' of blank %zu folds to nothing (only "
					"spaces or final punctuation)",
					a->s, i + 1);
			}
			q->blanks[i].alts[j] = a->s;
		}
	}
}

/* A place in the arena for the index; NULL (and out of memory) on failure. */
static struct place *
new_place(struct loader *l, const char *key, size_t len, unsigned line, unsigned col)
{
	struct place *p = arena_alloc(&l->set->arena, sizeof(*p));

	if (p == NULL) {
		out_of_memory(l);
		return NULL;
	}
	p->key = key;
	p->keylen = len;
	p->file = l->file;
	p->line = line;
	p->col = col;
	p->q = NULL;
	p->num = 0;
	return p;
}

/* Give nq the number of its group, numbering a group not met before. */
static void
intern_group(struct loader *l, struct question *nq)
{
	struct table *t = &l->set->index->groups;
	size_t n = strlen(nq->group);
	uint64_t h = hash_bytes(nq->group, n);
	struct slot *sl = table_probe(t, nq->group, n, h);
	struct place *p;

	if (sl == NULL) {
		out_of_memory(l);
		return;
	}
	if (sl->place == NULL) {
		if ((p = new_place(l, nq->group, n, nq->line, nq->col)) == NULL)
			return;
		p->num = ++l->set->ngroups;
		table_fill(t, sl, p);
	}
	nq->group = sl->place->key; /* one copy of each name */
	nq->group_id = sl->place->num;
}

static void
finish_question(struct loader *l, struct draft *d)
{
	struct question *q = &d->q, *nq;
	const struct place *first;
	struct place *idp = NULL, *p;
	struct slot *sl;
	unsigned qline = q->line, qcol = q->col;

	/* Required keys. */
	if (d->seen[QK_ID].line == 0) {
		err_at(l, qline, qcol, "question has no 'id'");
		d->bad = 1;
	}
	if (d->seen[QK_TYPE].line == 0) {
		err_at(l, qline, qcol,
		       "question%s%s%s has no 'type' (single, multiple, judge, fill or open)",
		       q->id ? " '" : "", q->id ? q->id : "", q->id ? "'" : "");
		d->bad = 1;
	}
	if (d->seen[QK_QUESTION].line == 0) {
		err_at(l, qline, qcol, "question%s%s%s has no 'question' text", q->id ? " '" : "",
		       q->id ? q->id : "", q->id ? "'" : "");
		d->bad = 1;
	}
	if (d->seen[QK_ANSWER].line == 0) {
		err_at(l, qline, qcol, "question%s%s%s has no 'answer'", q->id ? " '" : "",
		       q->id ? q->id : "", q->id ? "'" : "");
		d->bad = 1;
	}
	if (d->type == QTYPE_SINGLE || d->type == QTYPE_MULTIPLE) {
		if (d->seen[QK_OPTIONS].line == 0) {
			err_at(l, qline, qcol, "a %s question needs 'options'",
			       type_names[d->type]);
			d->bad = 1;
		}
	} else if (d->type >= 0 && d->seen[QK_OPTIONS].line != 0) {
		err_at(l, d->seen[QK_OPTIONS].line, d->seen[QK_OPTIONS].col,
		       "'options' are only for single and multiple questions, not %s",
		       type_names[d->type]);
		d->bad = 1;
	}
	q->type = d->type >= 0 ? (enum question_type)d->type : QTYPE_SINGLE;
	if (d->type >= 0 && d->seen[QK_ANSWER].line != 0 && !l->y.fatal)
		check_answer(l, d);
	if (d->shuffle >= 0 && d->type >= 0 && d->type != QTYPE_SINGLE && d->type != QTYPE_MULTIPLE)
		warn_at(l, d->seen[QK_SHUFFLE].line, d->seen[QK_SHUFFLE].col,
			"'shuffle' orders options, and a %s question has none",
			type_names[d->type]);

	/* Ids are unique across everything loaded together. */
	if (q->id != NULL) {
		sl = table_probe(&l->set->index->ids, q->id, d->idlen, d->id_hash);
		if (sl == NULL) {
			out_of_memory(l);
			return;
		}
		if ((first = sl->place) != NULL) {
			err_at(l, d->id_line, d->id_col, "duplicate id '%s' (first at %s:%u:%u)",
			       q->id, first->file, first->line, first->col);
			d->bad = 1;
		} else if ((idp = new_place(l, q->id, d->idlen, d->id_line, d->id_col)) == NULL) {
			return;
		} else {
			table_fill(&l->set->index->ids, sl, idp);
		}
	}
	l->set->questions_seen++;
	if (d->bad || l->y.fatal)
		return;

	/* The same question text twice is allowed but most likely a mistake. */
	sl = table_probe(&l->set->index->texts, q->text, d->textlen, d->text_hash);
	if (sl == NULL) {
		out_of_memory(l);
		return;
	}
	if ((first = sl->place) != NULL)
		warn_at(l, d->text_line, d->text_col,
			"question '%s' has the same text as '%s' (%s:%u:%u)", q->id, first->q->id,
			first->file, first->line, first->col);

	if (q->noptions > 0) {
		q->options = arena_alloc(&l->set->arena, q->noptions * sizeof(*q->options));
		if (q->options == NULL) {
			out_of_memory(l);
			return;
		}
		memcpy(q->options, d->options, q->noptions * sizeof(*q->options));
	}
	nq = arena_alloc(&l->set->arena, sizeof(*nq));
	if (nq == NULL || mem_grow((void **)&l->set->questions, &l->set->questions_cap,
				   l->set->nquestions + 1, sizeof(*l->set->questions)) != 0) {
		out_of_memory(l);
		return;
	}
	*nq = *q;
	/* Mark fields the bank's defaults may fill (applied at the end of the bank,
	 * since 'defaults' may come after 'questions'). */
	if (!d->have_difficulty)
		nq->difficulty = -1;
	if (!d->have_points)
		nq->points = -1;
	if (!d->have_time)
		nq->time = -1;
	if (!d->have_tags)
		nq->ntags = (size_t)-1;
	nq->fixed_order = d->shuffle == 0;
	nq->group_id = 0;
	if (nq->group != NULL) {
		intern_group(l, nq);
		if (l->y.fatal)
			return;
	}
	/* Whether the bank's defaults decide 'shuffle', known at its end. */
	if (mem_grow((void **)&l->shuffle, &l->shuffle_cap, l->set->nquestions - l->bank + 1,
		     sizeof(*l->shuffle)) != 0) {
		out_of_memory(l);
		return;
	}
	l->shuffle[l->set->nquestions - l->bank] = (signed char)d->shuffle;
	l->set->questions[l->set->nquestions++] = nq;
	if (idp != NULL)
		idp->q = nq;
	if (first == NULL) {
		p = new_place(l, nq->text, d->textlen, d->text_line, d->text_col);
		if (p == NULL)
			return;
		p->q = nq;
		table_fill(&l->set->index->texts, sl, p);
	}
}

/* Read one question mapping (its MAPPING_START is current). */
static void
read_question(struct loader *l)
{
	struct draft d;
	const char *s;
	size_t e0;
	int k;

	memset(&d, 0, sizeof(d));
	d.type = -1;
	d.shuffle = -1;
	d.q.line = LINE(l->y.ev.start_mark);
	d.q.col = COL(l->y.ev.start_mark);
	l->akind = ANS_NONE;
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		e0 = l->diags->errors;
		k = read_key(l, N_("a question"), question_keys, d.seen);
		if (k == -2)
			return;
		if (k == -1) {
			d.bad = 1;
			continue;
		}
		switch (k) {
		case QK_ID:
			if ((s = take_text(l, "id", 1, NULL)) == NULL) {
				d.bad = 1;
			} else if (!valid_id(s)) {
				ERR_EV(l,
				       "id '%.*s%s' must be lower-case letters, digits, '.', '_' "
				       "or '-', starting with a letter or digit",
				       BRIEF(s));
				d.bad = 1;
			} else {
				d.q.id = s;
				d.id_line = LINE(l->y.ev.start_mark);
				d.id_col = COL(l->y.ev.start_mark);
				d.idlen = strlen(s);
				d.id_hash = hash_bytes(s, d.idlen);
				table_prefetch(&l->set->index->ids, d.id_hash);
			}
			break;
		case QK_TYPE:
			if ((s = take_text(l, "type", 1, NULL)) == NULL) {
				d.bad = 1;
			} else if ((d.type = question_type_parse(s)) < 0) {
				unsigned best = 3, dist;
				const char *hint = NULL;
				int i;

				for (i = 0; type_names[i] != NULL; i++)
					if ((dist = strcasecmp(s, type_names[i]) == 0
							    ? 0
							    : text_distance(s, type_names[i], 3)) <
					    best)
						best = dist, hint = type_names[i];
				if (hint != NULL)
					ERR_EV(l, "unknown type '%s'; did you mean '%s'?", s, hint);
				else
					ERR_EV(l,
					       "unknown type '%.*s%s': use single, multiple, "
					       "judge, fill or open",
					       BRIEF(s));
				d.bad = 1;
			}
			break;
		case QK_QUESTION:
			d.text_line = LINE(l->y.ev.start_mark);
			d.text_col = COL(l->y.ev.start_mark);
			d.q.text = take_text(l, "question", 1, &d.textlen);
			if (d.q.text == NULL) {
				d.bad = 1;
			} else {
				d.text_hash = hash_bytes(d.q.text, d.textlen);
				table_prefetch(&l->set->index->texts, d.text_hash);
			}
			break;
		case QK_OPTIONS:
			e0 = l->diags->errors;
			read_options(l, &d);
			d.options_bad = l->diags->errors > e0;
			break;
		case QK_ANSWER:
			capture_answer(l);
			break;
		case QK_EXPLANATION:
			d.q.explanation = take_text(l, "explanation", 0, NULL);
			break;
		case QK_SOURCE:
			d.q.source = take_text(l, "source", 0, NULL);
			break;
		case QK_DIFFICULTY:
			if (take_int(l, "difficulty", 1, BANK_MAX_DIFFICULTY, &d.q.difficulty) == 0)
				d.have_difficulty = 1;
			else
				d.bad = 1;
			break;
		case QK_POINTS:
			if (take_int(l, "points", 1, 1000000, &d.q.points) == 0)
				d.have_points = 1;
			else
				d.bad = 1;
			break;
		case QK_TIME:
			if (take_int(l, "time", 1, 86400, &d.q.time) == 0)
				d.have_time = 1;
			else
				d.bad = 1;
			break;
		case QK_CATEGORY:
			d.q.category = take_text(l, "category", 0, NULL);
			break;
		case QK_TAGS:
			if (take_text_list(l, "tags", &d.q.tags, &d.q.ntags) == 0)
				d.have_tags = 1;
			else
				d.bad = 1;
			break;
		case QK_SHUFFLE:
			if (take_bool(l, "shuffle", &d.shuffle) != 0) {
				d.shuffle = -1;
				d.bad = 1;
			}
			break;
		case QK_GROUP:
			if ((d.q.group = take_text(l, "group", 1, NULL)) == NULL)
				d.bad = 1;
			break;
		default:
			break;
		}
		if (l->diags->errors > e0)
			d.bad = 1; /* such as an alias refused where a value should be */
	}
	if (l->y.fatal)
		return;
	finish_question(l, &d);
}

/* ---- the bank --------------------------------------------------------------- */

enum bkey { BK_TITLE, BK_DEFAULTS, BK_QUESTIONS, BK_COUNT };

static const char *const bank_keys[] = {"title", "defaults", "questions", NULL};
/* Keys of a competition file: a directory of banks may hold one. */
static const char *const competition_keys[] = {"teams",    "rounds", "banks",    "prizes",
					       "tiebreak", "seed",   "language", NULL};
enum { CK_TEAMS, CK_ROUNDS };

enum dkey {
	DK_CATEGORY,
	DK_DIFFICULTY,
	DK_POINTS,
	DK_TIME,
	DK_TAGS,
	DK_SOURCE,
	DK_SHUFFLE,
	DK_COUNT
};

static const char *const default_keys[] = {"category", "difficulty", "points",  "time",
					   "tags",     "source",     "shuffle", NULL};

static void
read_defaults(struct loader *l)
{
	struct yamlev_seen seen[DK_COUNT];
	int k;

	memset(seen, 0, sizeof(seen));
	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
			ERR_EV(l, "'defaults' must be a mapping, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		if (l->y.ev.type == YAML_SCALAR_EVENT &&
		    strcmp((const char *)l->y.ev.data.scalar.value, "group") == 0) {
			/* Every question of the bank one group: at most one of them
			 * would ever be drawn.  Surely not what was meant. */
			ERR_EV(l, "'group' belongs in a question: in 'defaults' it would make "
				  "every question of the bank an alternative of the others");
			if (next(l) != 0 || skip_node(l) != 0)
				return;
			continue;
		}
		k = read_key(l, N_("defaults"), default_keys, seen);
		if (k == -2)
			return;
		switch (k) {
		case DK_CATEGORY:
			l->d_category = take_text(l, "category", 0, NULL);
			break;
		case DK_SOURCE:
			l->d_source = take_text(l, "source", 0, NULL);
			break;
		case DK_DIFFICULTY:
			take_int(l, "difficulty", 1, BANK_MAX_DIFFICULTY, &l->d_difficulty);
			break;
		case DK_POINTS:
			take_int(l, "points", 1, 1000000, &l->d_points);
			break;
		case DK_TIME:
			take_int(l, "time", 1, 86400, &l->d_time);
			break;
		case DK_TAGS:
			take_text_list(l, "tags", &l->d_tags, &l->d_ntags);
			break;
		case DK_SHUFFLE:
			take_bool(l, "shuffle", &l->d_shuffle);
			break;
		default:
			break;
		}
	}
}

static void
read_questions(struct loader *l)
{
	if (l->y.ev.type == YAML_SCALAR_EVENT && yamlev_is_null(&l->y.ev))
		return; /* "questions:" with nothing: warned about as an empty bank */
	if (l->y.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (l->y.ev.type != YAML_ALIAS_EVENT)
			ERR_EV(l, "'questions' must be a list of questions, not %s",
			       yamlev_node_kind(&l->y.ev));
		skip_node(l);
		return;
	}
	while (next(l) == 0 && l->y.ev.type != YAML_SEQUENCE_END_EVENT) {
		if (l->y.ev.type == YAML_MAPPING_START_EVENT) {
			read_question(l);
		} else {
			if (l->y.ev.type != YAML_ALIAS_EVENT && !yamlev_colon_hint(&l->y))
				ERR_EV(l,
				       "each question must be a mapping (id: ..., type: ...), not "
				       "%s",
				       yamlev_node_kind(&l->y.ev));
			l->set->questions_seen++;
			skip_node(l);
		}
	}
}

/* Apply the bank's defaults and built-in values, then the checks that need
 * them (a missing explanation or source). */
static void
finish_bank(struct loader *l, size_t first)
{
	struct bank_set *set = l->set;
	struct question *q;
	size_t i;

	for (i = first; i < set->nquestions; i++) {
		q = set->questions[i];
		q->bank = NULL; /* set by the caller once the banks array stops moving */
		if (q->difficulty < 0)
			q->difficulty = l->d_difficulty;
		if (q->points < 0)
			q->points = l->d_points ? l->d_points : BANK_DEFAULT_POINTS;
		if (q->time < 0)
			q->time = l->d_time ? l->d_time : BANK_DEFAULT_TIME;
		if (q->ntags == (size_t)-1) {
			q->tags = l->d_tags;
			q->ntags = l->d_tags ? l->d_ntags : 0;
		}
		if (l->shuffle[i - first] < 0)
			q->fixed_order = l->d_shuffle == 0;
		if (q->category == NULL)
			q->category = l->d_category;
		if (q->source == NULL)
			q->source = l->d_source;
		if (q->explanation == NULL)
			warn_at(l, q->line, q->col, "question '%s' has no 'explanation'", q->id);
		if (q->source == NULL)
			warn_at(l, q->line, q->col, "question '%s' has no 'source'", q->id);
	}
}

/* A file with 'teams' or 'rounds' and no 'questions' is a competition file.
 * Their rules belong to the competition module; the loader checks only that
 * such a file is YAML it can read. */
static int
is_competition(const struct loader *l)
{
	return l->competition_keys && !l->has_questions;
}

/* Read the document's root mapping (its MAPPING_START is current). */
static void
read_bank(struct loader *l, size_t first_question)
{
	struct yamlev_seen seen[BK_COUNT];
	unsigned line = LINE(l->y.ev.start_mark), col = COL(l->y.ev.start_mark);
	const char *title = NULL;
	struct bank *b;
	int k, c;

	memset(seen, 0, sizeof(seen));
	while (next(l) == 0 && l->y.ev.type != YAML_MAPPING_END_EVENT) {
		c = l->y.ev.type == YAML_SCALAR_EVENT && !yamlev_has_nul(&l->y.ev)
			    ? yamlev_index((const char *)l->y.ev.data.scalar.value,
					   competition_keys)
			    : -1;
		if (c >= 0) {
			/* Wrong in a bank; if the file turns out to be a competition
			 * file, its bank diagnostics are dropped anyway. */
			ERR_EV(l, "unknown key '%s' in a bank (it belongs in a competition file)",
			       competition_keys[c]);
			if (c == CK_TEAMS || c == CK_ROUNDS)
				l->competition_keys = 1;
			if (next(l) != 0 || skip_node(l) != 0)
				return;
			continue;
		}
		k = read_key(l, N_("a bank"), bank_keys, seen);
		if (k == -2)
			return;
		if (k == -1)
			continue;
		switch (k) {
		case BK_TITLE:
			title = take_text(l, "title", 1, NULL);
			break;
		case BK_DEFAULTS:
			read_defaults(l);
			break;
		case BK_QUESTIONS:
			l->has_questions = 1;
			read_questions(l);
			break;
		default:
			break;
		}
	}
	if (l->y.fatal || is_competition(l))
		return; /* load_one decides what is kept */
	if (seen[BK_TITLE].line == 0)
		err_at(l, line, col, "bank has no 'title'");
	if (seen[BK_QUESTIONS].line == 0)
		err_at(l, line, col, "bank has no 'questions'");
	else if (l->set->questions_seen == first_question)
		warn_at(l, seen[BK_QUESTIONS].line, seen[BK_QUESTIONS].col,
			"bank has no questions");
	if (mem_grow((void **)&l->set->banks, &l->set->banks_cap, l->set->nbanks + 1,
		     sizeof(*l->set->banks)) != 0) {
		out_of_memory(l);
		return;
	}
	b = &l->set->banks[l->set->nbanks++];
	b->path = l->file;
	b->title = title ? title : "";
	b->line = seen[BK_QUESTIONS].line;
	b->col = seen[BK_QUESTIONS].col;
	b->first = l->bank;
	b->count = l->set->nquestions - l->bank;
	finish_bank(l, l->bank);
}

static void
read_stream(struct loader *l)
{
	switch (yamlev_begin(&l->y)) {
	case -1:
		return;
	case 1:
		err_at(l, 0, 0, "file is empty: a bank needs 'title' and 'questions'");
		return;
	}
	if (l->y.ev.type != YAML_MAPPING_START_EVENT) {
		if (l->y.ev.type == YAML_SCALAR_EVENT && yamlev_is_null(&l->y.ev))
			err_at(l, 0, 0, "file is empty: a bank needs 'title' and 'questions'");
		else if (!yamlev_colon_hint(&l->y))
			ERR_EV(l, "a bank is a mapping with 'title' and 'questions', not %s",
			       yamlev_node_kind(&l->y.ev));
		if (skip_node(l) != 0)
			return;
	} else {
		read_bank(l, l->set->questions_seen);
		if (l->y.fatal)
			return;
	}
	if (yamlev_finish(&l->y) == 1)
		ERR_EV(l, "a bank file holds one YAML document; found a second one");
}

/* ---- files and directories ---------------------------------------------------- */

/* Forget the questions from index 'from' on, read from a file that could not
 * be read to its end: a bank is loaded whole or not at all.  Their memory stays
 * in the arena; the id index stops pointing at them. */
static void
drop_questions(struct bank_set *set, size_t from)
{
	const struct place *p;
	size_t i;

	if (set->index == NULL)
		return;
	for (i = from; i < set->nquestions; i++) {
		p = table_find(&set->index->ids, set->questions[i]->id,
			       strlen(set->questions[i]->id));
		if (p != NULL)
			((struct place *)p)->q = NULL;
	}
	set->nquestions = from;
}

/* Report the invisible line breaks scan_breaks() found, where they stand. */
static void
report_breaks(struct loader *l)
{
	unsigned line, col;
	size_t i;

	for (i = 0; i < l->nbreaks; i++) {
		yamlev_position(&l->y, l->breaks[i].off, &line, &col);
		err_at(l, line, col,
		       "invisible line break U+%04X: delete it (until then, the lines of "
		       "messages after it are off by one)",
		       l->breaks[i].cp);
	}
}

/* Drop the diagnostics from 'first' on, except the last one when keep_last
 * (the syntax error that ended the file). */
static void
keep_last_fatal(struct diag_list *diags, size_t first, int keep_last)
{
	struct diag last;

	if (!keep_last || diags->count <= first) {
		diag_truncate(diags, first);
		return;
	}
	last = diags->items[diags->count - 1];
	diags->items[diags->count - 1].message = NULL; /* now owned by 'last' */
	diags->count--;
	if (last.severity == DIAG_ERROR)
		diags->errors--;
	else
		diags->warnings--;
	diag_truncate(diags, first);
	diags->items[diags->count++] = last;
	if (last.severity == DIAG_ERROR)
		diags->errors++;
	else
		diags->warnings++;
}

/* Load one source (file or buffer) set up in l. */
static int
load_one(struct loader *l)
{
	struct diag_list *diags = l->diags;
	size_t first_diag = diags->count;
	size_t nq = l->set->nquestions, nbanks = l->set->nbanks;

	if (index_get(l->set) == NULL)
		return -1;
	l->bank = nq;
	yamlev_set_source(&l->y, l->buf, l->buflen, l->file, l->fd);
	if (yamlev_start_handler(&l->y, read_handler, l) != 0)
		return -1;
	read_stream(l);
	yamlev_end(&l->y);
	mem_free(l->items);
	mem_free(l->alts);
	mem_free(l->strs);
	mem_free(l->fold);
	mem_free(l->shuffle);
	l->shuffle = NULL;
	l->items = NULL;
	l->alts = NULL;
	l->strs = NULL;
	l->fold = NULL;
	report_breaks(l);
	l->set->nfiles++;
	if (l->y.fatal) {
		/* A file not read to its end (a syntax error, no memory) is not a
		 * bank: none of it stays, even if it ran out of memory after the
		 * bank was recorded. */
		drop_questions(l->set, nq);
		l->set->nbanks = nbanks;
	}
	if (is_competition(l)) {
		/* A competition file among banks (in a directory, or named): not a
		 * bank, so the bank rules' messages go; a syntax error stays. */
		keep_last_fatal(diags, first_diag, l->y.fatal && !l->y.oom);
		if (mem_grow((void **)&l->set->competitions, &l->set->competitions_cap,
			     l->set->ncompetitions + 1, sizeof(*l->set->competitions)) != 0)
			l->y.oom = 1;
		else
			l->set->competitions[l->set->ncompetitions++] = l->file;
	}
	diag_sort(diags, first_diag);
	return l->y.oom ? -1 : 0;
}

static void
fix_bank_pointers(struct bank_set *set)
{
	size_t i, j;

	for (i = 0; i < set->nbanks; i++)
		for (j = set->banks[i].first; j < set->banks[i].first + set->banks[i].count; j++)
			set->questions[j]->bank = &set->banks[i];
}

static void
loader_init(struct loader *l, struct bank_set *set, struct diag_list *diags, const char *file)
{
	memset(l, 0, sizeof(*l));
	l->set = set;
	l->diags = diags;
	yamlev_init(&l->y, &bank_yamlev_ops, l, set->limits.max_depth);
	l->file = file;
	l->fd = -1;
	l->d_shuffle = -1;
}

/* The file open on fd as loaded before, or NULL; a file not seen yet is
 * remembered (*fresh set).  *fresh is -1 when memory ran out. */
static struct file_id *
seen_before(struct bank_set *set, int fd, int *fresh)
{
	struct bank_index *ix = set->index;
	struct stat st;
	size_t i;

	*fresh = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	for (i = 0; i < ix->nfiles; i++)
		if (ix->files[i].dev == st.st_dev && ix->files[i].ino == st.st_ino)
			return &ix->files[i];
	if (mem_grow((void **)&ix->files, &ix->files_cap, ix->nfiles + 1, sizeof(*ix->files))) {
		*fresh = -1;
		return NULL;
	}
	ix->files[ix->nfiles].dev = st.st_dev;
	ix->files[ix->nfiles].ino = st.st_ino;
	ix->files[ix->nfiles].competition = 0;
	*fresh = 1;
	return &ix->files[ix->nfiles++];
}

/* Load one file.  *is_bank says whether it is (or was, when read before) a bank
 * file, readable or not, as opposed to a competition file or a directory. */
static int
load_file(struct bank_set *set, const char *path, struct diag_list *diags, int *is_bank)
{
	struct file_id *seen;
	struct loader l;
	struct stat st;
	const char *file;
	size_t ncomp = set->ncompetitions;
	int r, fresh;

	*is_bank = 0;
	if (index_get(set) == NULL)
		return -1;
	file = arena_strndup(&set->arena, path, strlen(path));
	if (file == NULL)
		return -1;
	loader_init(&l, set, diags, file);
	l.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (l.fd < 0) {
		set->nfiles++;
		*is_bank = 1;
		err_at(&l, 0, 0, "cannot open: %s", strerror(errno));
		return l.y.oom ? -1 : 0;
	}
	if (fstat(l.fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		close(l.fd);
		return 0;
	}
	/* The same file named twice (or inside a directory also named) is read
	 * once, not reported as duplicating itself. */
	seen = seen_before(set, l.fd, &fresh);
	if (fresh < 0 || (seen != NULL && !fresh)) {
		close(l.fd);
		*is_bank = seen != NULL && !seen->competition;
		return fresh < 0 ? -1 : 0;
	}
	*is_bank = 1;
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > set->limits.max_size) {
		set->nfiles++;
		too_big(&l, (size_t)st.st_size);
		close(l.fd);
		return l.y.oom ? -1 : 0;
	}
	r = load_one(&l);
	close(l.fd);
	if (set->ncompetitions > ncomp) {
		*is_bank = 0;
		if (seen != NULL)
			seen->competition = 1;
	}
	return r;
}

static int
has_bank_suffix(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define MAX_DIR_DEPTH 16

/* Load every bank below dir, in sorted order; count the banks found. */
static int
load_dir(struct bank_set *set, const char *dir, struct diag_list *diags, unsigned depth,
	 size_t *found)
{
	DIR *dp;
	struct dirent *de;
	struct stat st;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i, len;
	int r = 0, is_bank;

	if (depth > MAX_DIR_DEPTH) {
		++*found; /* not searched, but reported: "no banks" would mislead */
		return diag_add(
			diags, arena_strndup(&set->arena, dir, strlen(dir)), 0, 0, DIAG_ERROR,
			"directory nested more than %d levels deep: not searched", MAX_DIR_DEPTH);
	}
	dp = opendir(dir);
	if (dp == NULL)
		return diag_add(diags, arena_strndup(&set->arena, dir, strlen(dir)), 0, 0,
				DIAG_ERROR, "cannot read directory: %s", strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ., .., and hidden files such as editor backups */
		if (mem_grow((void **)&names, &cap, n + 1, sizeof(*names)) != 0 ||
		    (names[n] = mem_strdup(de->d_name)) == NULL) {
			r = -1;
			break;
		}
		n++;
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n && r == 0; i++) {
		len = strlen(dir) + strlen(names[i]) + 2;
		path = mem_alloc(len);
		if (path == NULL) {
			r = -1;
			break;
		}
		snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			 names[i]);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			r = load_dir(set, path, diags, depth + 1, found);
		} else if (has_bank_suffix(names[i]) && stat(path, &st) == 0 &&
			   S_ISREG(st.st_mode)) {
			r = load_file(set, path, diags, &is_bank);
			*found += (size_t)is_bank;
		}
		mem_free(path);
	}
	for (i = 0; i < n; i++)
		mem_free(names[i]);
	mem_free(names);
	return r;
}

void
bank_set_init(struct bank_set *set)
{
	memset(set, 0, sizeof(*set));
	set->limits.max_size = BANK_DEFAULT_MAX_SIZE;
	set->limits.max_depth = BANK_DEFAULT_MAX_DEPTH;
}

int
bank_set_load_path(struct bank_set *set, const char *path, struct diag_list *diags)
{
	struct stat st;
	const char *file;
	size_t found = 0;
	int r, is_bank;

	if (stat(path, &st) != 0) {
		file = arena_strndup(&set->arena, path, strlen(path));
		if (file == NULL)
			return -1;
		return diag_add(diags, file, 0, 0, DIAG_ERROR, "%s", strerror(errno));
	}
	if (!S_ISDIR(st.st_mode)) {
		r = load_file(set, path, diags, &is_bank);
	} else {
		r = load_dir(set, path, diags, 0, &found);
		if (r == 0 && found == 0) {
			file = arena_strndup(&set->arena, path, strlen(path));
			if (file == NULL)
				return -1;
			r = diag_add(diags, file, 0, 0, DIAG_ERROR,
				     "no question banks (*.yaml, *.yml) in this directory");
		}
	}
	fix_bank_pointers(set);
	return r;
}

int
bank_set_load_buffer(struct bank_set *set, const char *name, const char *data, size_t len,
		     struct diag_list *diags)
{
	struct loader l;
	const char *file;
	int r;

	file = arena_strndup(&set->arena, name, strlen(name));
	if (file == NULL)
		return -1;
	loader_init(&l, set, diags, file);
	if (len > set->limits.max_size) {
		set->nfiles++;
		too_big(&l, len);
		return l.y.oom ? -1 : 0;
	}
	l.buf = data;
	l.buflen = len;
	r = load_one(&l);
	fix_bank_pointers(set);
	return r;
}

void
bank_set_free(struct bank_set *set)
{
	if (set->index != NULL) {
		mem_free(set->index->ids.slots);
		mem_free(set->index->texts.slots);
		mem_free(set->index->groups.slots);
		mem_free(set->index->files);
		mem_free(set->index);
	}
	mem_free(set->banks);
	mem_free(set->questions);
	mem_free(set->competitions);
	arena_free(&set->arena);
	bank_set_init(set);
}

const struct question *
bank_set_find(const struct bank_set *set, const char *id)
{
	const struct place *p;

	if (set->index == NULL)
		return NULL;
	p = table_find(&set->index->ids, id, strlen(id));
	return p != NULL ? p->q : NULL;
}
