/*
 * journal.c — the competition's event log (see journal.h).
 *
 * Writing.  A record is formatted in memory and goes to the file in one
 * write() on a descriptor opened O_APPEND, then fdatasync().  The journal
 * keeps every byte it has confirmed in j->mem, so the file it wants on disk
 * is always known: when a write comes up short the file is cut back to that
 * length; when an fdatasync fails (the kernel may have dropped the pages,
 * and a second fsync would report success for data that is gone) the file is
 * cut back too and marked broken, and the next append writes the whole of
 * j->mem plus its record through atomic_write.  The same happens when the
 * path no longer leads to the file we hold open (the directory was removed
 * or the file replaced): appending to an unlinked inode would "succeed" into
 * nothing.  So a failed append always leaves the file as it was, and a later
 * one repairs it once the disk has room again.
 *
 * Reading.  Each line is handed to its own libyaml parser (a JSON object is a
 * YAML flow mapping) and turned into a small tree of nodes in a scratch
 * buffer reused from line to line; the header or event record is then taken
 * from that tree, strings copied into the log's arena.  Only what JSON can
 * say is accepted: keys and strings double-quoted, numbers plain, no anchors,
 * aliases or tags, at most MAX_DEPTH levels.  libyaml does the unescaping of
 * \uXXXX, but it refuses UTF-16 surrogate pairs ("\ud83d\ude00"): the writer
 * never produces them (it writes UTF-8 as it is), so a journal written by
 * jingsai always reads back.
 *
 * The seed is written as a string of decimal digits ("seed": "20220501"):
 * exact for every 64-bit value, where a JSON number loses precision past
 * 2^53 in many readers; a plain number is accepted too.  Digests are 16
 * lower-case hex digits in a string for the same reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "atomic.h"
#include "errmsg.h"
#include "i18n.h"
#include "journal.h"
#include "json.h"
#include "mem.h"
#include "strbuf.h"
#include "text.h"
#include "yamlmsg.h"

#define MAX_DEPTH 4                /* header: root, banks, a bank; one spare */
#define MAX_SIZE  ((off_t)1 << 30) /* a day of competition is a few MB */
#define FILE_MODE 0666             /* before the umask, like any data file */

static const char *const verdict_names[] = {"wrong", "right", "self"};
#define NVERDICTS (sizeof verdict_names / sizeof verdict_names[0])

/* ---- writing JSON ------------------------------------------------------ */

/* Whether s[0..n) is valid UTF-8 without a NUL: what the header must be to
 * come back byte for byte (a path with a replaced byte would never match). */
static int
utf8_exact(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned cp;

	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		if (len == 0 || cp == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* Empty the buffer for a new record (a sticky out-of-memory is reset). */
static void
buf_reset(struct strbuf *b)
{
	if (b->oom)
		strbuf_free(b);
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* The header line, newline included. */
static void
format_header(struct strbuf *b, const struct journal_header *h)
{
	size_t i;

	strbuf_printf(b, "{\"jingsai-journal\": %d, \"title\": ", JOURNAL_VERSION);
	json_strbuf(b, h->title != NULL ? h->title : "");
	strbuf_printf(b, ", \"seed\": \"%" PRIu64 "\", \"competition\": {\"path\": ", h->seed);
	json_strbuf(b, h->comp_path != NULL ? h->comp_path : "");
	strbuf_printf(b, ", \"digest\": \"%016" PRIx64 "\", \"text\": ", h->comp_digest);
	json_strbuf(b, h->comp_text != NULL ? h->comp_text : "");
	strbuf_puts(b, "}, \"banks\": [");
	for (i = 0; i < h->nbanks; i++) {
		strbuf_puts(b, i > 0 ? ", {\"path\": " : "{\"path\": ");
		json_strbuf(b, h->banks[i].path);
		strbuf_printf(b, ", \"digest\": \"%016" PRIx64 "\"}", h->banks[i].digest);
	}
	strbuf_puts(b, "]");
	if (h->tiebreak_questions >= 0)
		strbuf_printf(b, ", \"tiebreak-questions\": %ld", h->tiebreak_questions);
	strbuf_puts(b, "}\n");
}

/* The record of event ev numbered n, newline included. */
static void
format_event(struct strbuf *b, size_t n, const struct rules_event *ev)
{
	strbuf_printf(b, "{\"n\": %zu, \"ev\": ", n);
	json_strbuf(b, rules_ev_name(ev->kind));
	if (ev->team >= 0)
		strbuf_printf(b, ", \"team\": %d", ev->team);
	if (ev->value != 0 || ev->kind == RULES_STAKE || ev->kind == RULES_ADJUST)
		strbuf_printf(b, ", \"value\": %d", ev->value);
	if (ev->verdict >= 0) {
		strbuf_puts(b, ", \"verdict\": ");
		json_strbuf(b, verdict_names[ev->verdict]);
	}
	if (ev->text != NULL) {
		strbuf_puts(b, ", \"text\": ");
		json_strbuf(b, ev->text);
	}
	if (ev->left_ms >= 0)
		strbuf_printf(b, ", \"left\": %" PRId64, ev->left_ms);
	if (ev->wall_ms != 0)
		strbuf_printf(b, ", \"wall\": %" PRId64, ev->wall_ms);
	if (ev->qid != NULL) {
		strbuf_puts(b, ", \"q\": ");
		json_strbuf(b, ev->qid);
	}
	strbuf_puts(b, "}\n");
}

/* ---- reading: one line to a tree of nodes ------------------------------ */

enum jkind {
	J_MAP,
	J_SEQ,
	J_STR,   /* a double-quoted scalar: a JSON string */
	J_PLAIN, /* a plain scalar: a JSON number (or true, null...) */
	J_OTHER, /* single-quoted, literal or folded: not JSON */
};

/* A node of a line's tree, in document order: a mapping's children are its
 * keys and values in turn, and every node's subtree ends before 'end'. */
struct jnode {
	enum jkind kind;
	size_t off, len; /* scalar: its text in the scratch buffer (NUL after it) */
	size_t end;      /* index one past the last node of its subtree */
};

/* Scratch space for one line, reused for the next. */
struct jline {
	struct jnode *nodes;
	size_t n, cap;
	struct strbuf text;
	char why[320]; /* what is wrong with the line */
};

static void __attribute__((format(printf, 2, 3))) why_set(struct jline *L, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(L->why, sizeof L->why, fmt, ap);
	va_end(ap);
}

/* Say what is wrong: 1, the value of a bad line. */
#define BAD(L, ...) (why_set((L), __VA_ARGS__), 1)

/* s for a message: at most 40 bytes, cut at a character, control
 * characters shown as '?' (a key may hold anything). */
static const char *
shown(char out[48], const char *s)
{
	size_t i = 0, k = 0, len, n = strlen(s);
	unsigned cp;

	while (i < n && k < 40) {
		len = text_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f) {
			out[k++] = '?';
			i += len == 0 ? 1 : len;
		} else if (k + len > 40) {
			break;
		} else {
			memcpy(out + k, s + i, len);
			k += len;
			i += len;
		}
	}
	if (i < n) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

static int
push_node(struct jline *L, enum jkind kind)
{
	if (mem_grow((void **)&L->nodes, &L->cap, L->n + 1, sizeof *L->nodes) != 0)
		return -1;
	L->nodes[L->n].kind = kind;
	L->nodes[L->n].off = L->nodes[L->n].len = 0;
	L->nodes[L->n].end = L->n + 1;
	L->n++;
	return 0;
}

/* Whether an event carries what JSON has no word for: 1 (and why) if so. */
static int
not_json(struct jline *L, const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor != NULL)
		return BAD(L, _("anchors and aliases are not allowed in a journal"));
	if (tag != NULL)
		return BAD(L, _("tags are not allowed in a journal"));
	return 0;
}

/* Handle one parser event: 0 to go on, 1 bad (why), -1 out of memory. */
static int
take_event(struct jline *L, const yaml_event_t *ev, size_t *stack, int *depth, int *root)
{
	enum jkind kind;
	size_t n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (!ev->data.document_start.implicit)
			return BAD(L, _("the line is not a JSON object"));
		return 0;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (ev->type == YAML_MAPPING_START_EVENT) {
			if (not_json(L, ev->data.mapping_start.anchor, ev->data.mapping_start.tag))
				return 1;
			kind = J_MAP;
		} else {
			if (not_json(L, ev->data.sequence_start.anchor,
				     ev->data.sequence_start.tag))
				return 1;
			kind = J_SEQ;
		}
		if (*depth == 0 && (kind != J_MAP || *root ||
				    ev->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE))
			return BAD(L, _("the line is not a JSON object"));
		if (*depth == MAX_DEPTH)
			return BAD(L, _("nesting deeper than %d levels"), MAX_DEPTH);
		*root = 1;
		if (push_node(L, kind) != 0)
			return -1;
		stack[(*depth)++] = L->n - 1;
		return 0;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		L->nodes[stack[--*depth]].end = L->n;
		return 0;
	case YAML_SCALAR_EVENT:
		if (*depth == 0)
			return BAD(L, _("the line is not a JSON object"));
		if (not_json(L, ev->data.scalar.anchor, ev->data.scalar.tag))
			return 1;
		n = ev->data.scalar.length;
		if (memchr(ev->data.scalar.value, '\0', n) != NULL)
			return BAD(L, _("a string holds a NUL character"));
		kind = ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? J_STR
		       : ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE       ? J_PLAIN
										: J_OTHER;
		if (push_node(L, kind) != 0)
			return -1;
		L->nodes[L->n - 1].off = L->text.len;
		L->nodes[L->n - 1].len = n;
		strbuf_add(&L->text, (const char *)ev->data.scalar.value, n);
		strbuf_add(&L->text, "", 1); /* its NUL */
		return L->text.oom ? -1 : 0;
	case YAML_ALIAS_EVENT:
		return BAD(L, _("anchors and aliases are not allowed in a journal"));
	default: /* stream and document end */
		return 0;
	}
}

/* What libyaml found wrong with a line of len bytes: 1 (why), or -1 when
 * it ran out of memory. */
static int
syntax_error(struct jline *L, const yaml_parser_t *p, size_t len)
{
	const char *what = p->problem != NULL ? yamlmsg(p->problem) : _("syntax error");

	if (p->error == YAML_MEMORY_ERROR)
		return -1;
	if (p->error == YAML_READER_ERROR) /* bad bytes: only an offset is known */
		return BAD(L, _("%s (byte %zu)"), what, p->problem_offset + 1);
	if (p->problem_mark.index >= len)
		return BAD(L, _("%s (at the end of the line)"), what);
	return BAD(L, _("%s (column %zu)"), what, p->problem_mark.column + 1);
}

/* Parse s[0..len) into L's tree: 0, 1 (not a JSON object: L->why), -1 out
 * of memory. */
static int
parse_line(struct jline *L, const char *s, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t stack[MAX_DEPTH];
	int depth = 0, root = 0, r = 0, end;

	L->n = 0;
	buf_reset(&L->text);
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			r = syntax_error(L, &p, len);
			break;
		}
		r = take_event(L, &ev, stack, &depth, &root);
		end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (r != 0 || end)
			break;
	}
	yaml_parser_delete(&p);
	if (r == 0 && !root)
		r = BAD(L, _("the line is not a JSON object"));
	return r;
}

/* ---- reading: the tree to a record ------------------------------------- */

static const char *
node_text(const struct jline *L, const struct jnode *v)
{
	return L->text.data + v->off;
}

/* The string value v of key (a J_STR node): 0 and *out, or 1. */
static int
get_str(struct jline *L, const struct jnode *v, const char *key, const char **out)
{
	if (v->kind != J_STR)
		return BAD(L, _("\"%s\" should be a string"), key);
	*out = node_text(L, v);
	return 0;
}

/* The whole number v of key, in [min, max]: 0 and *out, or 1. */
static int
get_int(struct jline *L, const struct jnode *v, const char *key, long long min, long long max,
	long long *out)
{
	const char *s;
	char *end, q[48];
	long long x;

	if (v->kind != J_PLAIN)
		return BAD(L, _("\"%s\" should be a number"), key);
	s = node_text(L, v);
	errno = 0;
	x = strtoll(s, &end, 10);
	if (v->len == 0 || end != s + v->len || errno != 0 || x < min || x > max)
		return BAD(L, _("\"%s\" should be a whole number from %lld to %lld, not %s"), key,
			   min, max, shown(q, s));
	*out = x;
	return 0;
}

/* A digest: a string of 16 hex digits. */
static int
get_digest(struct jline *L, const struct jnode *v, const char *key, uint64_t *out)
{
	const char *s;
	uint64_t x = 0;
	size_t i;
	char q[48];

	if (get_str(L, v, key, &s) != 0)
		return 1;
	for (i = 0; i < 16; i++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
						    : 16;

		if (d == 16)
			break;
		x = x << 4 | d;
	}
	if (i != 16 || v->len != 16)
		return BAD(L, _("\"%s\" should be 16 hexadecimal digits, not \"%s\""), key,
			   shown(q, s));
	*out = x;
	return 0;
}

/* The seed: a string of decimal digits, or a plain number. */
static int
get_seed(struct jline *L, const struct jnode *v, uint64_t *out)
{
	const char *s;
	uint64_t x = 0;
	size_t i;
	char q[48];

	if (v->kind != J_STR && v->kind != J_PLAIN)
		return BAD(L, _("\"%s\" should be a string"), "seed");
	s = node_text(L, v);
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (x > (UINT64_MAX - (unsigned)(s[i] - '0')) / 10)
			break;
		x = x * 10 + (unsigned)(s[i] - '0');
	}
	if (i == 0 || i != v->len)
		return BAD(L, _("\"%s\" should be a whole number below 2^64, not %s"), "seed",
			   shown(q, s));
	*out = x;
	return 0;
}

/* Index of key k (a node of L) in names, or -1 (and why) when it is not one
 * of them or not a string; *seen gets its bit, a second time is an error. */
static int
which_key(struct jline *L, const struct jnode *k, const char *const *names, int nnames,
	  unsigned *seen, const char *where)
{
	char q[48];
	int i;

	if (k->kind != J_STR) {
		if (k->kind == J_MAP || k->kind == J_SEQ)
			why_set(L, _("a key is not a string"));
		else
			why_set(L, _("a key is not a string: %s"), shown(q, node_text(L, k)));
		return -1;
	}
	for (i = 0; i < nnames; i++)
		if (strcmp(node_text(L, k), names[i]) == 0)
			break;
	if (i == nnames) {
		why_set(L, _("unknown key \"%s\" in %s"), shown(q, node_text(L, k)), where);
		return -1;
	}
	if (*seen & 1u << i) {
		why_set(L, _("\"%s\" is given twice"), names[i]);
		return -1;
	}
	*seen |= 1u << i;
	return i;
}

/* Whether every key of names whose bit is in need is in seen: 0, or 1. */
static int
need_keys(struct jline *L, const char *const *names, int nnames, unsigned need, unsigned seen,
	  const char *where)
{
	int i;

	for (i = 0; i < nnames; i++)
		if ((need & 1u << i) && !(seen & 1u << i))
			return BAD(L, _("%s has no \"%s\""), where, names[i]);
	return 0;
}

/* Copy the string node v into the arena: 0, or -1 out of memory. */
static int
keep(struct arena *a, const struct jline *L, const struct jnode *v, const char **out)
{
	char *s = arena_strndup(a, node_text(L, v), v->len);

	if (s == NULL)
		return -1;
	*out = s;
	return 0;
}

enum { EK_N, EK_EV, EK_TEAM, EK_VALUE, EK_VERDICT, EK_TEXT, EK_LEFT, EK_WALL, EK_Q, EK_COUNT };

/* The event record in L, which should be number expect: 0, 1 bad (why), -1
 * out of memory. */
static int
decode_event(struct jline *L, struct arena *a, size_t expect, struct rules_event *ev)
{
	static const char *const names[EK_COUNT] = {"n",    "ev",   "team", "value", "verdict",
						    "text", "left", "wall", "q"};
	const char *where = _("an event record"), *s;
	const struct jnode *k, *v;
	unsigned seen = 0;
	long long x, n = 0;
	size_t i;
	int key, kind;

	*ev = rules_event_make(RULES_NEXT);
	kind = -1;
	for (i = 1; i < L->n; i = v->end) {
		k = &L->nodes[i];
		v = &L->nodes[i + 1];
		if ((key = which_key(L, k, names, EK_COUNT, &seen, where)) < 0)
			return 1;
		switch (key) {
		case EK_N:
			if (get_int(L, v, "n", 1, LLONG_MAX, &n) != 0)
				return 1;
			break;
		case EK_EV:
			if (get_str(L, v, "ev", &s) != 0)
				return 1;
			if ((kind = rules_ev_parse(s)) < 0) {
				char q[48];

				return BAD(L, _("unknown event \"%s\""), shown(q, s));
			}
			ev->kind = (enum rules_ev)kind;
			break;
		case EK_TEAM:
			if (get_int(L, v, "team", 0, INT_MAX, &x) != 0)
				return 1;
			ev->team = (int)x;
			break;
		case EK_VALUE:
			if (get_int(L, v, "value", INT_MIN, INT_MAX, &x) != 0)
				return 1;
			ev->value = (int)x;
			break;
		case EK_VERDICT:
			if (get_str(L, v, "verdict", &s) != 0)
				return 1;
			for (ev->verdict = 0; (size_t)ev->verdict < NVERDICTS; ev->verdict++)
				if (strcmp(s, verdict_names[ev->verdict]) == 0)
					break;
			if ((size_t)ev->verdict == NVERDICTS) {
				char q[48];

				return BAD(L, _("unknown verdict \"%s\""), shown(q, s));
			}
			break;
		case EK_TEXT:
		case EK_Q:
			if (get_str(L, v, names[key], &s) != 0)
				return 1;
			if (keep(a, L, v, key == EK_TEXT ? &ev->text : &ev->qid) != 0)
				return -1;
			break;
		case EK_LEFT:
			if (get_int(L, v, "left", 0, LLONG_MAX, &x) != 0)
				return 1;
			ev->left_ms = x;
			break;
		case EK_WALL:
			if (get_int(L, v, "wall", LLONG_MIN, LLONG_MAX, &x) != 0)
				return 1;
			ev->wall_ms = x;
			break;
		}
	}
	if (need_keys(L, names, EK_COUNT, 1u << EK_N | 1u << EK_EV, seen, where) != 0)
		return 1;
	if ((unsigned long long)n != expect)
		return BAD(L, _("record number %lld where %zu was expected"), n, expect);
	return 0;
}

enum { HK_VERSION, HK_TITLE, HK_SEED, HK_COMP, HK_BANKS, HK_TIEBREAK, HK_COUNT };
enum { CK_PATH, CK_DIGEST, CK_TEXT, CK_COUNT };

/* The "banks" list of the header (node index at): 0, 1, -1. */
static int
decode_banks(struct jline *L, struct journal_log *log, size_t at)
{
	static const char *const names[] = {"path", "digest"};
	const char *where = _("a bank of the header");
	const struct jnode *seq = &L->nodes[at], *k, *v;
	struct comp_bank_file *b;
	size_t i, j, n = 0;
	unsigned seen;
	int key;

	if (seq->kind != J_SEQ)
		return BAD(L, _("\"%s\" should be a list"), "banks");
	for (i = at + 1; i < seq->end; i = L->nodes[i].end)
		n++;
	log->bank_store = arena_alloc(&log->arena, (n > 0 ? n : 1) * sizeof *log->bank_store);
	if (log->bank_store == NULL)
		return -1;
	for (i = at + 1, b = log->bank_store; i < seq->end; i = L->nodes[i].end, b++) {
		if (L->nodes[i].kind != J_MAP)
			return BAD(L, _("a bank of the header is not a JSON object"));
		seen = 0;
		b->path = NULL;
		b->digest = 0;
		for (j = i + 1; j < L->nodes[i].end; j = v->end) {
			k = &L->nodes[j];
			v = &L->nodes[j + 1];
			if ((key = which_key(L, k, names, 2, &seen, where)) < 0)
				return 1;
			if (key == 0) {
				if (get_str(L, v, "path", &b->path) != 0)
					return 1;
				if (keep(&log->arena, L, v, &b->path) != 0)
					return -1;
			} else if (get_digest(L, v, "digest", &b->digest) != 0) {
				return 1;
			}
		}
		if (need_keys(L, names, 2, 3, seen, where) != 0)
			return 1;
	}
	log->header.banks = log->bank_store;
	log->header.nbanks = n;
	return 0;
}

/* The "competition" object of the header (node index at). */
static int
decode_comp(struct jline *L, struct journal_log *log, size_t at)
{
	static const char *const names[CK_COUNT] = {"path", "digest", "text"};
	const char *where = _("\"competition\""), *s;
	const struct jnode *m = &L->nodes[at], *k, *v;
	struct journal_header *h = &log->header;
	unsigned seen = 0;
	size_t i;
	int key;

	if (m->kind != J_MAP)
		return BAD(L, _("\"%s\" should be a JSON object"), "competition");
	for (i = at + 1; i < m->end; i = v->end) {
		k = &L->nodes[i];
		v = &L->nodes[i + 1];
		if ((key = which_key(L, k, names, CK_COUNT, &seen, where)) < 0)
			return 1;
		if (key == CK_DIGEST) {
			if (get_digest(L, v, "digest", &h->comp_digest) != 0)
				return 1;
			continue;
		}
		if (get_str(L, v, names[key], &s) != 0)
			return 1;
		if (keep(&log->arena, L, v, key == CK_PATH ? &h->comp_path : &h->comp_text) != 0)
			return -1;
		if (key == CK_TEXT)
			h->comp_len = v->len;
	}
	return need_keys(L, names, CK_COUNT, 7, seen, where);
}

/* The header in L: 0, 1 bad (why), -1 out of memory. */
static int
decode_header(struct jline *L, struct journal_log *log)
{
	static const char *const names[HK_COUNT] = {
		"jingsai-journal", "title", "seed", "competition", "banks", "tiebreak-questions"};
	const char *where = _("the header");
	struct journal_header *h = &log->header;
	const struct jnode *k, *v;
	unsigned seen = 0;
	long long version = -1;
	size_t i;
	int key, r;

	/* The version first, whatever else the line holds: a later format
	 * may have other keys, and its reader should hear of the version. */
	for (i = 1; i < L->n; i = L->nodes[i + 1].end) {
		k = &L->nodes[i];
		v = &L->nodes[i + 1];
		if (k->kind == J_STR && strcmp(node_text(L, k), names[HK_VERSION]) == 0) {
			if (get_int(L, v, names[HK_VERSION], 0, INT_MAX, &version) != 0)
				return 1;
			break;
		}
	}
	if (version < 0)
		return BAD(L, _("not a jingsai journal: the first line has no \"%s\""),
			   names[HK_VERSION]);
	if (version != JOURNAL_VERSION)
		return BAD(L,
			   _("the journal is in version %lld of the format; this jingsai reads "
			     "version %d"),
			   version, JOURNAL_VERSION);
	h->version = (int)version;
	h->tiebreak_questions = -1;
	for (i = 1; i < L->n; i = v->end) {
		k = &L->nodes[i];
		v = &L->nodes[i + 1];
		if ((key = which_key(L, k, names, HK_COUNT, &seen, where)) < 0)
			return 1;
		switch (key) {
		case HK_TITLE:
			if (get_str(L, v, "title", &h->title) != 0)
				return 1;
			if (keep(&log->arena, L, v, &h->title) != 0)
				return -1;
			break;
		case HK_SEED:
			if (get_seed(L, v, &h->seed) != 0)
				return 1;
			break;
		case HK_COMP:
			if ((r = decode_comp(L, log, i + 1)) != 0)
				return r;
			break;
		case HK_BANKS:
			if ((r = decode_banks(L, log, i + 1)) != 0)
				return r;
			break;
		case HK_TIEBREAK: {
			long long n;

			if (get_int(L, v, names[HK_TIEBREAK], 0, LONG_MAX, &n) != 0)
				return 1;
			h->tiebreak_questions = (long)n;
			break;
		}
		}
	}
	/* "tiebreak-questions" is optional (journals made before it). */
	return need_keys(L, names, HK_COUNT, (1u << HK_COUNT) - 1 - (1u << HK_TIEBREAK), seen,
			 where);
}

/* ---- journal_read ------------------------------------------------------ */

/* The whole of path in a mem_alloc'd buffer: 0, or -1 with *err. */
static int
read_all(const char *path, char **out, size_t *outlen, char **err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errmsg_set(err, _("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		errmsg_set(err, _("cannot read %s: %s"), path, strerror(e));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errmsg_set(err, _("%s is not a regular file"), path);
		return -1;
	}
	if (st.st_size > MAX_SIZE) {
		close(fd);
		errmsg_set(err, _("%s is too large for a journal (%lld bytes)"), path,
			   (long long)st.st_size);
		return -1;
	}
	buf = mem_alloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		close(fd);
		errmsg_set(err, _("out of memory"));
		return -1;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			mem_free(buf);
			errmsg_set(err, _("cannot read %s: %s"), path, strerror(e));
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd); /* read-only: nothing to lose */
	buf[got] = '\0';
	*out = buf;
	*outlen = got;
	return 0;
}

int
journal_read(const char *path, struct journal_log *log, char **err)
{
	struct jline L;
	char *buf = NULL;
	size_t len, nlines = 0, i, start, end, line;
	int r = 0, last, nl, parsed;

	if (err != NULL)
		*err = NULL;
	memset(log, 0, sizeof *log);
	memset(&L, 0, sizeof L);
	if (read_all(path, &buf, &len, err) != 0)
		return -1;
	if (len == 0) {
		errmsg_set(err, _("%s is empty: it holds no journal header"), path);
		goto fail;
	}
	for (i = 0; i < len; i++)
		nlines += buf[i] == '\n';
	nlines += buf[len - 1] != '\n';
	log->events = arena_alloc(&log->arena, nlines * sizeof *log->events);
	if (log->events == NULL)
		goto oom;

	for (start = 0, line = 1; start < len; start = end + nl, line++) {
		const char *e = memchr(buf + start, '\n', len - start);

		end = e != NULL ? (size_t)(e - buf) : len;
		nl = e != NULL;
		last = end + nl == len;
		parsed = 0;
		if (!nl) { /* cut short in the middle of its write */
			r = 1;
		} else if ((r = parse_line(&L, buf + start, end - start)) == 0) {
			parsed = 1;
			if (line == 1)
				r = decode_header(&L, log);
			else
				r = decode_event(&L, &log->arena, log->nevents + 1,
						 &log->events[log->nevents]);
		}
		if (r < 0)
			goto oom;
		if (r > 0 && last && line > 1) {
			log->torn = true;
			log->torn_line = (unsigned)line;
			log->torn_bytes = len - start;
			break;
		}
		if (r > 0) {
			if (line == 1 && !nl)
				errmsg_set(err, _("%s holds no complete journal header"), path);
			else if (line == 1 && !parsed)
				errmsg_set(err, _("%s:1: not a jingsai journal: %s"), path, L.why);
			else
				errmsg_set(err, "%s:%zu: %s", path, line, L.why);
			goto fail;
		}
		if (line > 1)
			log->nevents++;
		log->valid_len = end + nl;
	}
	if (comp_digest(log->header.comp_text, log->header.comp_len) != log->header.comp_digest) {
		errmsg_set(err,
			   _("%s:1: the copy of the competition file does not match its digest"),
			   path);
		goto fail;
	}
	mem_free(buf);
	mem_free(L.nodes);
	strbuf_free(&L.text);
	return 0;

oom:
	errmsg_set(err, _("out of memory"));
fail:
	mem_free(buf);
	mem_free(L.nodes);
	strbuf_free(&L.text);
	journal_log_free(log);
	return -1;
}

void
journal_log_free(struct journal_log *log)
{
	if (log == NULL)
		return;
	arena_free(&log->arena);
	memset(log, 0, sizeof *log);
}

/* ---- journal_header_from, journal_check -------------------------------- */

void
journal_header_from(struct journal_header *h, const struct comp *c, uint64_t seed)
{
	memset(h, 0, sizeof *h);
	h->version = JOURNAL_VERSION;
	h->title = c->title;
	h->seed = seed;
	h->comp_path = c->path;
	h->comp_text = c->text;
	h->comp_len = c->text_len;
	h->comp_digest = c->digest;
	h->banks = c->bank_files;
	h->nbanks = c->nbank_files;
	h->tiebreak_questions =
		c->has_tiebreak && c->tiebreak.plan != NULL ? (long)c->tiebreak.nplan : -1;
}

/* The bank of v[0..n) at path, or NULL. */
static const struct comp_bank_file *
bank_find(const struct comp_bank_file *v, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].path != NULL && strcmp(v[i].path, path) == 0)
			return &v[i];
	return NULL;
}

int
journal_check(const struct journal_header *h, const struct comp *c, char **err)
{
	const char *t1 = h->title != NULL ? h->title : "", *t2 = c->title != NULL ? c->title : "";
	const struct comp_bank_file *b;
	size_t i;

	if (err != NULL)
		*err = NULL;
	if (strcmp(t1, t2) != 0) {
		errmsg_set(err, _("the journal is of another competition: \"%s\", not \"%s\""), t1,
			   t2);
		return -1;
	}
	if (h->comp_digest != c->digest) {
		errmsg_set(err,
			   _("the competition file has changed since the journal was started"));
		return -1;
	}
	for (i = 0; i < h->nbanks; i++) {
		b = bank_find(c->bank_files, c->nbank_files, h->banks[i].path);
		if (b == NULL) {
			errmsg_set(err,
				   _("bank %s was loaded when the journal was started, but is not "
				     "now"),
				   h->banks[i].path);
			return -1;
		}
		if (b->digest != h->banks[i].digest) {
			errmsg_set(err, _("bank %s has changed since the journal was started"),
				   h->banks[i].path);
			return -1;
		}
	}
	for (i = 0; i < c->nbank_files; i++)
		if (bank_find(h->banks, h->nbanks, c->bank_files[i].path) == NULL) {
			errmsg_set(err, _("bank %s was not loaded when the journal was started"),
				   c->bank_files[i].path);
			return -1;
		}
	return 0;
}

/* ---- the journal being written ----------------------------------------- */

struct journal {
	int fd; /* O_APPEND on the file; -1 when there is none */
	char *path;
	struct strbuf mem; /* every byte confirmed on disk: the file as it should be */
	struct strbuf rec; /* the record being appended */
	size_t count;      /* event records in mem */
	int broken;        /* the file is not to be trusted: rewrite it whole */
	mode_t mode;
	dev_t dev; /* the file fd refers to */
	ino_t ino;
};

static struct journal *
journal_new(const char *path)
{
	struct journal *j = mem_calloc(1, sizeof *j);

	if (j == NULL)
		return NULL;
	j->fd = -1;
	j->path = mem_strdup(path);
	if (j->path == NULL) {
		mem_free(j);
		return NULL;
	}
	return j;
}

/* Remember which file fd is, and its mode for a rewrite. */
static int
note_file(struct journal *j)
{
	struct stat st;

	if (fstat(j->fd, &st) != 0)
		return -1;
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->mode = st.st_mode & 07777;
	return 0;
}

/* Sync the directory path is in, so that its entry survives a power cut.
 * A file system that cannot sync directories says EINVAL: nothing to do. */
static int
sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash == NULL ? 0 : slash == path ? 1 : (size_t)(slash - path);
	char dir[PATH_MAX];
	int fd, e;

	if (n >= sizeof dir) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (n == 0) {
		strcpy(dir, ".");
	} else {
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd); /* read-only: nothing to lose */
	return 0;
}

/* One write() of b, going on only after an interruption that wrote
 * nothing: the number of bytes written, or -1 (errno). */
static ssize_t
write_once(int fd, const struct strbuf *b)
{
	ssize_t n;

	do
		n = write(fd, b->data, b->len);
	while (n < 0 && errno == EINTR);
	return n;
}

struct journal *
journal_create(const char *path, const struct journal_header *h, char **err)
{
	struct journal *j;
	ssize_t n;
	size_t i;
	int e;

	if (err != NULL)
		*err = NULL;
	/* Whatever goes in must come back byte for byte, or a resume would
	 * find another competition: refuse now, before anything is played. */
	if (h->comp_text == NULL || strlen(h->comp_text) != h->comp_len ||
	    !utf8_exact(h->comp_text, h->comp_len)) {
		errmsg_set(err, _("cannot journal the competition file: it is not UTF-8 text"));
		return NULL;
	}
	for (i = 0; i < h->nbanks; i++)
		if (h->banks[i].path == NULL ||
		    !utf8_exact(h->banks[i].path, strlen(h->banks[i].path))) {
			errmsg_set(err, _("cannot journal the path of bank %zu: it is not UTF-8"),
				   i + 1);
			return NULL;
		}
	if ((h->title != NULL && !utf8_exact(h->title, strlen(h->title))) ||
	    (h->comp_path != NULL && !utf8_exact(h->comp_path, strlen(h->comp_path)))) {
		errmsg_set(err, _("cannot journal the competition's title or path: it is not "
				  "UTF-8"));
		return NULL;
	}
	if ((j = journal_new(path)) == NULL)
		goto oom;
	format_header(&j->mem, h);
	if (j->mem.oom)
		goto oom;

	j->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, FILE_MODE);
	if (j->fd < 0) {
		if (errno == EEXIST)
			errmsg_set(err, _("%s already exists: a competition was started there"),
				   path);
		else
			errmsg_set(err, _("cannot create %s: %s"), path, strerror(errno));
		journal_close(j);
		return NULL;
	}
	n = write_once(j->fd, &j->mem);
	if (n < 0) {
		errmsg_set(err, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	if ((size_t)n != j->mem.len) {
		errmsg_set(err,
			   _("cannot write %s: only %zd of %zu bytes were written (is the "
			     "disk full?)"),
			   path, n, j->mem.len);
		goto fail;
	}
	if (fsync(j->fd) != 0) {
		errmsg_set(err, _("cannot write %s to disk: %s"), path, strerror(errno));
		goto fail;
	}
	if (sync_parent(path) != 0) {
		errmsg_set(err, _("cannot sync the directory of %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (note_file(j) != 0) {
		errmsg_set(err, _("cannot read %s: %s"), path, strerror(errno));
		goto fail;
	}
	return j;

oom:
	errmsg_set(err, _("out of memory"));
	journal_close(j);
	return NULL;
fail:
	/* We made the file: take it away again, so that a retry can. */
	e = errno;
	unlink(path);
	sync_parent(path);
	journal_close(j);
	errno = e;
	return NULL;
}

struct journal *
journal_reopen(const char *path, size_t valid_len, char **err)
{
	struct journal *j;
	struct stat st;
	size_t got = 0, i;
	ssize_t n;

	if (err != NULL)
		*err = NULL;
	if ((j = journal_new(path)) == NULL) {
		errmsg_set(err, _("out of memory"));
		return NULL;
	}
	j->fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (j->fd < 0) {
		errmsg_set(err, _("cannot open %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (fstat(j->fd, &st) != 0 || note_file(j) != 0) {
		errmsg_set(err, _("cannot read %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size < valid_len) {
		errmsg_set(err, _("%s has changed since it was read"), path);
		goto fail;
	}
	if (mem_grow((void **)&j->mem.data, &j->mem.cap, valid_len + 1, 1) != 0) {
		errmsg_set(err, _("out of memory"));
		goto fail;
	}
	while (got < valid_len) {
		n = pread(j->fd, j->mem.data + got, valid_len - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errmsg_set(err, _("cannot read %s: %s"), path,
				   strerror(n < 0 ? errno : EIO));
			goto fail;
		}
		got += (size_t)n;
	}
	j->mem.len = valid_len;
	j->mem.data[valid_len] = '\0';
	if (valid_len == 0 || j->mem.data[valid_len - 1] != '\n') {
		errmsg_set(err, _("%s has changed since it was read"), path);
		goto fail;
	}
	for (i = 0; i < valid_len; i++)
		j->count += j->mem.data[i] == '\n';
	j->count--; /* the header */
	if ((uintmax_t)st.st_size > valid_len) {
		/* Drop the torn tail, for good. */
		if (ftruncate(j->fd, (off_t)valid_len) != 0 || fdatasync(j->fd) != 0) {
			errmsg_set(err, _("cannot cut the torn end off %s: %s"), path,
				   strerror(errno));
			goto fail;
		}
	}
	return j;

fail:
	journal_close(j);
	return NULL;
}

/* Whether path still leads to the file j writes (it may have been removed,
 * with its directory, or replaced). */
static int
still_there(const struct journal *j)
{
	struct stat st;

	return j->fd >= 0 && stat(j->path, &st) == 0 && st.st_dev == j->dev && st.st_ino == j->ino;
}

/* Cut the file back to the confirmed records after a failed append; when
 * that fails too, the next append rewrites it. */
static void
cut_back(struct journal *j)
{
	if (ftruncate(j->fd, (off_t)j->mem.len) != 0)
		j->broken = 1;
}

/* The broken path: write j->mem plus the record anew through atomic_write,
 * then append to the new file.  0, or -1 with *err and the file as before. */
static int
rewrite(struct journal *j, char **err)
{
	struct stat before, after;
	size_t old = j->mem.len;
	int had = stat(j->path, &before) == 0, fd;

	strbuf_add(&j->mem, j->rec.data, j->rec.len); /* room reserved: cannot fail */
	if (atomic_write(j->path, j->mem.data, j->mem.len, j->mode, err) != 0) {
		j->mem.len = old;
		j->mem.data[old] = '\0';
		/* Only the directory's sync failed, after the rename: the record
		 * is in the file though the caller hears it is not.  Put back
		 * what was (best effort; the next append rewrites anyway). */
		if (stat(j->path, &after) == 0 &&
		    (!had || after.st_ino != before.st_ino || after.st_dev != before.st_dev))
			atomic_write(j->path, j->mem.data, j->mem.len, j->mode, NULL);
		return -1;
	}
	if (j->fd >= 0)
		close(j->fd); /* the old file: nothing of it is wanted */
	j->fd = -1;
	fd = open(j->path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd >= 0) {
		j->fd = fd;
		if (note_file(j) == 0)
			j->broken = 0;
	}
	/* Without a descriptor the record is still safely written; the next
	 * append rewrites again. */
	return 0;
}

int
journal_append(struct journal *j, const struct rules_event *ev, char **err)
{
	ssize_t n;

	if (err != NULL)
		*err = NULL;
	if ((unsigned)ev->kind >= RULES_EV_COUNT || ev->verdict >= (int)NVERDICTS) {
		errmsg_set(err, _("cannot journal an invalid event"));
		return -1;
	}
	buf_reset(&j->rec);
	format_event(&j->rec, j->count + 1, ev);
	/* Room in mem first: a record on disk must be in memory too. */
	if (j->rec.oom ||
	    mem_grow((void **)&j->mem.data, &j->mem.cap, j->mem.len + j->rec.len + 1, 1) != 0) {
		errmsg_set(err, _("out of memory"));
		return -1;
	}
	if (!j->broken && !still_there(j))
		j->broken = 1;
	if (j->broken) {
		if (rewrite(j, err) != 0)
			return -1;
		j->count++;
		return 0;
	}
	n = write_once(j->fd, &j->rec);
	if (n < 0 || (size_t)n != j->rec.len) {
		if (n < 0)
			errmsg_set(err, _("cannot write %s: %s"), j->path, strerror(errno));
		else
			errmsg_set(err,
				   _("cannot write %s: only %zd of %zu bytes were written "
				     "(is the disk full?)"),
				   j->path, n, j->rec.len);
		cut_back(j);
		return -1;
	}
	if (fdatasync(j->fd) != 0) {
		/* Never again on this file: what the kernel kept is unknown. */
		errmsg_set(err, _("cannot write %s to disk: %s"), j->path, strerror(errno));
		cut_back(j);
		j->broken = 1;
		return -1;
	}
	strbuf_add(&j->mem, j->rec.data, j->rec.len); /* room reserved: cannot fail */
	j->count++;
	return 0;
}

size_t
journal_count(const struct journal *j)
{
	return j->count;
}

void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	if (j->fd >= 0)
		close(j->fd); /* every record was synced already */
	mem_free(j->path);
	strbuf_free(&j->mem);
	strbuf_free(&j->rec);
	mem_free(j);
}
