/*
 * yamlev.h — the libyaml event reader shared by the bank loader (load.c) and
 * the competition-file loader (comp.c).
 *
 * Contract.  A loader embeds a struct yamlev and pulls the input one event at
 * a time through yamlev_next(), the only place that fetches and frees events
 * and that enforces the limits every file of ours has: a nesting depth, and
 * no anchors or aliases (refused where they stand; after
 * YAMLEV_MAX_ANCHOR_MESSAGES of them one last message says that the rest go
 * unreported).  A libyaml error is turned into a FILE:LINE:COL diagnostic
 * here, with the position and wording the author can act on (a tab, a key
 * without ':', a full-width colon, bytes that are not UTF-8).  Errors are
 * reported through the caller's ops->error, so that the caller's own
 * counting and limits apply; the one message that names the kind of file
 * (the anchor refusal) is the caller's ops->anchor.  The module never prints.
 *
 * Ownership.  The current event y->ev belongs to the yamlev: it is freed by
 * the next yamlev_next() or by yamlev_end(), and every pointer into it (a
 * scalar's value, an anchor) is valid until then.  The parser is made by
 * yamlev_start_*() and freed by yamlev_end().  The input text (or file) given
 * for positions is the caller's, and must outlive every call that reports.
 *
 * 'fatal' and 'oom' are shared with the caller: the module sets them (a
 * syntax error or the depth limit end the file; libyaml out of memory sets
 * both), the caller sets them too (its own limits, its allocations), and
 * yamlev_next() fetches nothing once 'fatal' is set.
 */
#ifndef JINGSAI_YAMLEV_H
#define JINGSAI_YAMLEV_H

#include <stdarg.h>
#include <stddef.h>
#include <yaml.h>

#include "arena.h"

/* libyaml counts lines and columns from 0; diagnostics from 1. */
#define YAMLEV_LINE(m) ((unsigned)(m).line + 1)
#define YAMLEV_COL(m)  ((unsigned)(m).column + 1)

/* A file built of anchors (a "billion laughs") gets this many messages. */
#define YAMLEV_MAX_ANCHOR_MESSAGES 10

struct yamlev_ops {
	/* Add an error at 1-based line and column (0, 0: the whole file); fmt
	 * is an English msgid, translated where the diagnostic is made. */
	void (*error)(void *ctx, unsigned line, unsigned col, const char *fmt, va_list ap)
		__attribute__((format(printf, 4, 0)));
	/* Report the anchor or alias of the current event: 'what' is "anchor '&"
	 * or "alias '*", 'name' its name (valid until the next event). */
	void (*anchor)(void *ctx, const char *what, const char *name);
	/* On a libyaml reader error: report a reason the caller's read handler
	 * knows (the input too large, read(2) failed) and return 1, or return 0
	 * for libyaml's own problem to be reported.  May be NULL. */
	int (*input_error)(void *ctx);
};

struct yamlev {
	yaml_parser_t parser;
	yaml_event_t ev; /* the current event; see Ownership above */
	unsigned depth;  /* collections open at the current event */
	int fatal;       /* stop reading this file */
	int oom;         /* memory ran out */

	/* the module's own */
	int have_ev, have_parser;
	int colon_hinted; /* yamlev_colon_hint() reported on the current event */
	unsigned max_depth, anchors;
	const struct yamlev_ops *ops;
	void *ctx;
	const char *text; /* the input in memory, or NULL ... */
	size_t len;
	const char *path; /* ... the file open on fd, read again by path */
	int fd;
};

/* Set up y, allocating nothing: errors go to ops with ctx, collections may
 * nest max_depth deep.  yamlev_end() is harmless on y from here on. */
void yamlev_init(struct yamlev *y, const struct yamlev_ops *ops, void *ctx, unsigned max_depth);
/* Make the parser over text[0..len), which also serves for positions.
 * 0, or -1 when libyaml could not allocate its parser. */
int yamlev_start_string(struct yamlev *y, const char *text, size_t len);
/* Make the parser over a read handler (set the source for positions with
 * yamlev_set_source()).  0, or -1 when libyaml could not allocate. */
int yamlev_start_handler(struct yamlev *y, yaml_read_handler_t *handler, void *data);
/* Where the input's bytes can be read again from the start, for positions
 * that libyaml gives only as byte offsets and for the text around an error:
 * text[0..len) when text is not NULL, else the regular file open on fd,
 * opened again by path (a pipe cannot be read again: no positions then). */
void yamlev_set_source(struct yamlev *y, const char *text, size_t len, const char *path, int fd);
/* Free the current event and the parser; the source stays for positions. */
void yamlev_end(struct yamlev *y);

/* Fetch the next event into y->ev, freeing the previous one.  0, or -1 when
 * the file cannot go on (the reason has been reported). */
int yamlev_next(struct yamlev *y);
/* Skip the node that starts with the current event (a scalar, an alias, or a
 * whole collection).  0, or -1 when the file cannot go on. */
int yamlev_skip(struct yamlev *y);
/* Read a stream's start up to its document's root node: 0 with the root's
 * first event current, 1 when the stream holds no document, -1 when the
 * file cannot go on (a UTF-16 file is reported here). */
int yamlev_begin(struct yamlev *y);
/* Read past the end of the document whose root was just read: 1 when a
 * second document starts (its event current), 0 at the stream's end, -1
 * when the file cannot go on. */
int yamlev_finish(struct yamlev *y);
/* What the node of ev is, translated, for "'x' must be text, not %s". */
const char *yamlev_node_kind(const yaml_event_t *ev);
/* Line and column (1-based, in characters) of byte offset off of the source;
 * 1:1 when there is no source to read. */
void yamlev_position(const struct yamlev *y, size_t off, unsigned *line, unsigned *col);

/* ---- scalars (ev is a scalar event) ---- */

/* Whether the scalar is YAML's null: empty, ~, null, Null or NULL, plain. */
int yamlev_is_null(const yaml_event_t *ev);
/* The scalar's length without the line breaks a block scalar ends with ('|'
 * keeps one): no text of ours means anything by them. */
size_t yamlev_text_len(const yaml_event_t *ev);
/* Whether s[0..n) holds only white space (ASCII or the ideographic space). */
int yamlev_is_blank(const char *s, size_t n);
/* Whether the scalar holds a NUL: only the escape "\0" of a double-quoted
 * scalar can make one (libyaml refuses the raw byte). */
int yamlev_has_nul(const yaml_event_t *ev);
/* The current event as text copied to arena a, its length in *lenp (when not
 * NULL).  'what' names the key in messages.  NULL after reporting why there
 * is none (an empty value is reported only when 'required'); a collection is
 * skipped. */
const char *yamlev_take_text(struct yamlev *y, struct arena *a, const char *what, int required,
			     size_t *lenp);

/* The current event as an integer in [min, max] (plain decimal, a '-' only
 * when min < 0; a range of 1 to 3 is spelled out in the message): 0, or -1
 * after reporting what is wrong (a collection is skipped). */
int yamlev_take_int(struct yamlev *y, const char *what, int min, int max, int *out);

/* When the current event is plain text that was meant as a key or as a
 * mapping — it holds a full-width '：' (U+FF1A), or is a word and ':' with
 * no space after it, as in "answer:B" — report how to write the colon, at
 * the colon, and return 1 (libyaml's "mapping values are not allowed" right
 * after it, a consequence, then goes unreported); else 0, reporting nothing.
 * The caller's own message for the text is then not needed. */
int yamlev_colon_hint(struct yamlev *y);

/* ---- keys of a mapping ---- */

/* Where a key of a mapping was first seen, for duplicate-key errors. */
struct yamlev_seen {
	unsigned line, col; /* 0 = not seen */
};

/* The index of s in the NULL-terminated names, or -1. */
int yamlev_index(const char *s, const char *const *names);
/* The closest of names to s (at most 2 edits, or the same but for case), or NULL. */
const char *yamlev_closest(const char *s, const char *const *names);
/* Read the key at the current event of a mapping ('where' names it, an N_()
 * text).  Returns its index in 'known' (seen[] has one entry per name), -1
 * for an unknown or duplicate key (reported, its value skipped), -2 when the
 * file cannot go on.  On success the value's first event is current. */
int yamlev_read_key(struct yamlev *y, const char *where, const char *const *known,
		    struct yamlev_seen *seen);

/* Quote at most about 40 bytes of a value in a message, cut at a character
 * boundary: use as "%.*s%s" with YAMLEV_BRIEF(s). */
int yamlev_brief_len(const char *s);
#define YAMLEV_BRIEF(s)                                                                            \
	yamlev_brief_len(s), (s), ((size_t)yamlev_brief_len(s) < strlen(s) ? "..." : "")

#endif
