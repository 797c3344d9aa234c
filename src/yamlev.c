/*
 * yamlev.c — the libyaml event reader of the loaders (see yamlev.h): events
 * with the depth limit and the anchor refusal, libyaml's errors as
 * diagnostics, and the scalar and key helpers both schemas read with.
 */
#include "yamlev.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "i18n.h"
#include "text.h"
#include "yamlmsg.h"

static void err_at(struct yamlev *y, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Errors go to the caller, who counts them and owns the list. */
static void
err_at(struct yamlev *y, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	y->ops->error(y->ctx, line, col, fmt, ap);
	va_end(ap);
}

#define ERR_EV(y, ...)                                                                             \
	err_at((y), YAMLEV_LINE((y)->ev.start_mark), YAMLEV_COL((y)->ev.start_mark), __VA_ARGS__)
#define BRIEF(s) YAMLEV_BRIEF(s)

static void
out_of_memory(struct yamlev *y)
{
	y->oom = y->fatal = 1;
}

/* ---- setting up ------------------------------------------------------------ */

void
yamlev_init(struct yamlev *y, const struct yamlev_ops *ops, void *ctx, unsigned max_depth)
{
	memset(y, 0, sizeof(*y));
	y->ops = ops;
	y->ctx = ctx;
	y->max_depth = max_depth;
	y->fd = -1;
}

int
yamlev_start_string(struct yamlev *y, const char *text, size_t len)
{
	if (!yaml_parser_initialize(&y->parser))
		return -1;
	y->have_parser = 1;
	yaml_parser_set_input_string(&y->parser, (const unsigned char *)text, len);
	yamlev_set_source(y, text, len, NULL, -1);
	return 0;
}

int
yamlev_start_handler(struct yamlev *y, yaml_read_handler_t *handler, void *data)
{
	if (!yaml_parser_initialize(&y->parser))
		return -1;
	y->have_parser = 1;
	yaml_parser_set_input(&y->parser, handler, data);
	return 0;
}

void
yamlev_set_source(struct yamlev *y, const char *text, size_t len, const char *path, int fd)
{
	y->text = text;
	y->len = len;
	y->path = path;
	y->fd = fd;
}

void
yamlev_end(struct yamlev *y)
{
	if (y->have_ev)
		yaml_event_delete(&y->ev);
	y->have_ev = 0;
	if (y->have_parser)
		yaml_parser_delete(&y->parser);
	y->have_parser = 0;
}

/* ---- the source, read again ------------------------------------------------- */

/* Bytes of the source from the start, one at a time. */
struct source {
	const struct yamlev *y;
	FILE *fp;
	size_t pos;
};

static int
source_open(struct source *s, const struct yamlev *y)
{
	struct stat st;

	s->y = y;
	s->pos = 0;
	s->fp = NULL;
	if (y->text != NULL)
		return 0;
	/* Read a regular file again; a pipe or a device cannot be. */
	if (y->fd < 0 || y->path == NULL || fstat(y->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (s->fp = fopen(y->path, "rb")) == NULL)
		return -1;
	return 0;
}

static int
source_getc(struct source *s)
{
	if (s->fp != NULL)
		return getc(s->fp);
	if (s->pos >= s->y->len)
		return EOF;
	return (unsigned char)s->y->text[s->pos++];
}

static void
source_close(struct source *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
}

void
yamlev_position(const struct yamlev *y, size_t off, unsigned *line, unsigned *col)
{
	unsigned char head[3] = {0};
	struct source s;
	size_t i;
	int c;

	*line = 1;
	*col = 1;
	if (source_open(&s, y) != 0)
		return;
	for (i = 0; i < off && (c = source_getc(&s)) != EOF; i++) {
		if (i < 3)
			head[i] = (unsigned char)c;
		if (c == '\n') {
			++*line;
			*col = 1;
		} else if ((c & 0xc0) != 0x80) {
			++*col;
		}
	}
	source_close(&s);
	/* A byte-order mark is not a character of line 1 for libyaml. */
	if (*line == 1 && *col > 1 && off >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		--*col;
}

/* Move s to the character (its first byte) at 1-based line and character
 * column and return that byte, or EOF when the line has no such column. */
static int
source_seek(struct source *s, unsigned line, unsigned col)
{
	unsigned ln = 1, cl = 1;
	int c;

	while ((c = source_getc(s)) != EOF) {
		if (ln == line && cl == col && (c & 0xc0) != 0x80)
			return c;
		if (c == '\n') {
			if (ln == line)
				return EOF;
			ln++;
			cl = 1;
		} else if ((c & 0xc0) != 0x80 && ln == line) {
			cl++;
		}
	}
	return EOF;
}

/* The character (first byte) at 1-based line and character column, or EOF. */
static int
char_at(const struct yamlev *y, unsigned line, unsigned col)
{
	struct source s;
	int c;

	if (source_open(&s, y) != 0)
		return EOF;
	c = source_seek(&s, line, col);
	source_close(&s);
	return c;
}

static int
is_key_byte(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_' || c == '-';
}

/* Whether the key at 1-based line and character column is a word followed by
 * a full-width colon, as a Chinese input method types it: "type：judge". */
static int
fullwidth_colon_key(const struct yamlev *y, unsigned line, unsigned col)
{
	static const unsigned char colon[3] = {0xef, 0xbc, 0x9a};
	struct source s;
	size_t n = 0, i;
	int c, ok = 0;

	if (source_open(&s, y) != 0)
		return 0;
	for (c = source_seek(&s, line, col); is_key_byte(c); c = source_getc(&s))
		n++;
	while (c == ' ')
		c = source_getc(&s);
	for (i = 0; n > 0 && i < 3 && c == colon[i]; i++)
		if (i < 2)
			c = source_getc(&s);
	ok = n > 0 && i == 3;
	source_close(&s);
	return ok;
}

/* Whether the key at 1-based line and character column is a word followed by
 * ':' and no space, as in "answer:B": the column of the ':' in *colon. */
static int
unspaced_colon_key(const struct yamlev *y, unsigned line, unsigned col, unsigned *colon)
{
	struct source s;
	unsigned n = 0;
	int c;

	if (source_open(&s, y) != 0)
		return 0;
	for (c = source_seek(&s, line, col); is_key_byte(c); c = source_getc(&s))
		n++;
	if (n > 0 && c == ':')
		c = source_getc(&s);
	else
		c = EOF;
	source_close(&s);
	*colon = col + n;
	return c != EOF && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/';
}

/* The position of the first full-width colon of the current event (a scalar)
 * in the source: 0 when there is none, or no source to read. */
static int
fullwidth_colon_in_scalar(const struct yamlev *y, unsigned *line, unsigned *col)
{
	unsigned ln = YAMLEV_LINE(y->ev.start_mark), cl = YAMLEV_COL(y->ev.start_mark);
	unsigned end_ln = YAMLEV_LINE(y->ev.end_mark), end_cl = YAMLEV_COL(y->ev.end_mark);
	struct source s;
	int c, i = 0, found = 0;

	if (source_open(&s, y) != 0)
		return 0;
	for (c = source_seek(&s, ln, cl);
	     c != EOF && (ln < end_ln || (ln == end_ln && cl <= end_cl)); c = source_getc(&s)) {
		/* U+FF1A is ef bc 9a; 0xef only ever starts a character. */
		if (c == 0xef) {
			*line = ln;
			*col = cl;
			i = 1;
		} else if ((i == 1 && c == 0xbc) || (i == 2 && c == 0x9a)) {
			if (++i == 3) {
				found = 1;
				break;
			}
		} else {
			i = 0;
		}
		if (c == '\n') {
			ln++;
			cl = 1;
		} else if ((c & 0xc0) != 0x80) {
			cl++;
		}
	}
	source_close(&s);
	return found;
}

int
yamlev_colon_hint(struct yamlev *y)
{
	const char *v = (const char *)y->ev.data.scalar.value;
	unsigned line, col, colon;

	if (y->ev.type != YAML_SCALAR_EVENT || y->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	if (strstr(v, "\xef\xbc\x9a") != NULL) {
		line = YAMLEV_LINE(y->ev.start_mark);
		col = YAMLEV_COL(y->ev.start_mark);
		if (!fullwidth_colon_in_scalar(y, &line, &col)) {
			line = YAMLEV_LINE(y->ev.start_mark);
			col = YAMLEV_COL(y->ev.start_mark);
		}
		err_at(y, line, col,
		       "the full-width '：' is not a colon: type ':' followed by a space");
	} else if (unspaced_colon_key(y, YAMLEV_LINE(y->ev.start_mark),
				      YAMLEV_COL(y->ev.start_mark), &colon)) {
		err_at(y, YAMLEV_LINE(y->ev.start_mark), colon, "put a space after ':'");
	} else {
		return 0;
	}
	/* libyaml's next error, if it comes at once, is most likely this one's
	 * consequence: "mapping values are not allowed" on the line after. */
	y->colon_hinted = 1;
	return 1;
}

/* ---- libyaml's errors ---------------------------------------------------------- */

static void
report_parser_error(struct yamlev *y, int after_hint)
{
	yaml_parser_t *p = &y->parser;
	unsigned line, col, colon;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		out_of_memory(y);
		break;
	case YAML_READER_ERROR:
		if (y->ops->input_error != NULL && y->ops->input_error(y->ctx))
			break;
		yamlev_position(y, p->problem_offset, &line, &col);
		if (strstr(p->problem, "control character") != NULL)
			err_at(y, line, col, "control character U+%04X is not allowed",
			       (unsigned)p->problem_value);
		else if (p->problem_value != -1)
			err_at(y, line, col, "%s (byte 0x%02x): the file must be UTF-8",
			       yamlmsg(p->problem), (unsigned)p->problem_value & 0xff);
		else
			err_at(y, line, col, "%s: the file must be UTF-8", yamlmsg(p->problem));
		break;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		if (after_hint && strstr(p->problem, "mapping values are not allowed") != NULL)
			break;
		line = YAMLEV_LINE(p->problem_mark);
		col = YAMLEV_COL(p->problem_mark);
		if (p->error == YAML_SCANNER_ERROR &&
		    (strstr(p->problem, "tab character") != NULL ||
		     (strstr(p->problem, "cannot start any token") != NULL &&
		      char_at(y, line, col) == '\t'))) {
			err_at(y, line, col, "tab character: indent with spaces, not tabs");
		} else if (p->context != NULL && strstr(p->problem, "expected ':'") != NULL) {
			/* libyaml notices a key without ':' only on a later line;
			 * the key is where the author must look. */
			line = YAMLEV_LINE(p->context_mark);
			col = YAMLEV_COL(p->context_mark);
			if (fullwidth_colon_key(y, line, col))
				err_at(y, line, col,
				       "syntax error: no ':' after this key (the full-width '：' "
				       "does not count: type ':')");
			else if (unspaced_colon_key(y, line, col, &colon))
				err_at(y, line, colon, "put a space after ':'");
			else
				err_at(y, line, col, "syntax error: no ':' after this key");
		} else if (p->context != NULL &&
			   (p->context_mark.line != p->problem_mark.line ||
			    p->context_mark.column != p->problem_mark.column)) {
			err_at(y, line, col, "syntax error: %s (%s at line %u, column %u)",
			       yamlmsg(p->problem), yamlmsg(p->context),
			       YAMLEV_LINE(p->context_mark), YAMLEV_COL(p->context_mark));
		} else if (p->context != NULL) {
			err_at(y, line, col, "syntax error: %s (%s)", yamlmsg(p->problem),
			       yamlmsg(p->context));
		} else {
			err_at(y, line, col, "syntax error: %s", yamlmsg(p->problem));
		}
		break;
	default:
		err_at(y, 0, 0, "syntax error");
		break;
	}
}

/* ---- events ---------------------------------------------------------------------- */

/* Anchors and aliases are refused where they stand, the first few by the
 * caller's message (it names the kind of file). */
static void
refuse_anchor(struct yamlev *y, const char *what, const char *name)
{
	if (++y->anchors <= YAMLEV_MAX_ANCHOR_MESSAGES)
		y->ops->anchor(y->ctx, what, name);
	else if (y->anchors == YAMLEV_MAX_ANCHOR_MESSAGES + 1)
		ERR_EV(y, "more anchors and aliases: not reported one by one");
}

int
yamlev_next(struct yamlev *y)
{
	const yaml_char_t *anchor = NULL;
	int after_hint = y->colon_hinted;

	y->colon_hinted = 0;
	if (y->have_ev) {
		yaml_event_delete(&y->ev);
		y->have_ev = 0;
	}
	if (y->fatal || !y->have_parser)
		return -1;
	if (!yaml_parser_parse(&y->parser, &y->ev)) {
		report_parser_error(y, after_hint);
		y->fatal = 1;
		return -1;
	}
	y->have_ev = 1;
	switch (y->ev.type) {
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++y->depth > y->max_depth) {
			ERR_EV(y, "nesting deeper than %u levels", y->max_depth);
			y->fatal = 1;
			return -1;
		}
		anchor = y->ev.type == YAML_MAPPING_START_EVENT ? y->ev.data.mapping_start.anchor
								: y->ev.data.sequence_start.anchor;
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		y->depth--;
		break;
	case YAML_SCALAR_EVENT:
		anchor = y->ev.data.scalar.anchor;
		break;
	case YAML_ALIAS_EVENT:
		refuse_anchor(y, "alias '*", (const char *)y->ev.data.alias.anchor);
		break;
	default:
		break;
	}
	if (anchor != NULL)
		refuse_anchor(y, "anchor '&", (const char *)anchor);
	return 0;
}

int
yamlev_skip(struct yamlev *y)
{
	unsigned depth;

	if (y->ev.type != YAML_MAPPING_START_EVENT && y->ev.type != YAML_SEQUENCE_START_EVENT)
		return 0;
	depth = y->depth - 1;
	while (y->depth > depth)
		if (yamlev_next(y) != 0)
			return -1;
	return 0;
}

int
yamlev_begin(struct yamlev *y)
{
	if (yamlev_next(y) != 0) /* STREAM-START */
		return -1;
	if (y->ev.data.stream_start.encoding != YAML_UTF8_ENCODING) {
		/* libyaml reads UTF-16 (Notepad's "Unicode") by its byte-order mark,
		 * but positions and source lines of messages are worked out on
		 * UTF-8 bytes, and the formats say UTF-8. */
		err_at(y, 1, 1, "the file is UTF-16: save it as UTF-8");
		return -1;
	}
	if (yamlev_next(y) != 0)
		return -1;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return 1;
	if (yamlev_next(y) != 0) /* the root node */
		return -1;
	return 0;
}

int
yamlev_finish(struct yamlev *y)
{
	if (yamlev_next(y) != 0) /* DOCUMENT-END */
		return -1;
	if (yamlev_next(y) != 0)
		return -1;
	return y->ev.type == YAML_DOCUMENT_START_EVENT;
}

const char *
yamlev_node_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	/* TRANSLATORS: what a YAML node is, in "'x' must be text, not %s". */
	case YAML_MAPPING_START_EVENT:
		return _("a mapping");
	case YAML_SEQUENCE_START_EVENT:
		return _("a list");
	case YAML_ALIAS_EVENT:
		return _("an alias");
	default:
		return _("text");
	}
}

/* ---- scalars ---------------------------------------------------------------------- */

int
yamlev_is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	switch (ev->data.scalar.length) {
	case 0:
		return 1;
	case 1:
		return v[0] == '~';
	case 4:
		return memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
		       memcmp(v, "NULL", 4) == 0;
	default:
		return 0;
	}
}

size_t
yamlev_text_len(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;

	while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == '\r'))
		n--;
	return n;
}

int
yamlev_is_blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			i++;
		else if (n - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0)
			i += 3;
		else
			return 0;
	}
	return 1;
}

int
yamlev_has_nul(const yaml_event_t *ev)
{
	return ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	       memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) != NULL;
}

const char *
yamlev_take_text(struct yamlev *y, struct arena *a, const char *what, int required, size_t *lenp)
{
	const yaml_event_t *ev = &y->ev;
	const char *s;
	size_t len;

	if (ev->type != YAML_SCALAR_EVENT) {
		if (ev->type != YAML_ALIAS_EVENT)
			ERR_EV(y, "'%s' must be text, not %s", what, yamlev_node_kind(ev));
		yamlev_skip(y);
		return NULL;
	}
	len = yamlev_text_len(ev);
	if (len == 0 || yamlev_is_null(ev) ||
	    yamlev_is_blank((const char *)ev->data.scalar.value, len)) {
		if (required)
			ERR_EV(y, "'%s' is empty", what);
		return NULL;
	}
	if (yamlev_has_nul(ev)) {
		ERR_EV(y, "'%s' contains a NUL character", what);
		return NULL;
	}
	s = arena_strndup(a, (const char *)ev->data.scalar.value, len);
	if (s == NULL) {
		out_of_memory(y);
		return NULL;
	}
	if (lenp != NULL)
		*lenp = len;
	return s;
}

int
yamlev_take_int(struct yamlev *y, const char *what, int min, int max, int *out)
{
	const yaml_event_t *ev = &y->ev;
	const char *v;
	long long n = 0, lim = max > -(long long)min ? max : -(long long)min;
	size_t i = 0, start;
	int neg = 0;

	if (ev->type != YAML_SCALAR_EVENT) {
		if (ev->type != YAML_ALIAS_EVENT)
			ERR_EV(y, "'%s' must be a number, not %s", what, yamlev_node_kind(ev));
		yamlev_skip(y);
		return -1;
	}
	v = (const char *)ev->data.scalar.value;
	if (yamlev_has_nul(ev)) {
		ERR_EV(y, "'%s' contains a NUL character", what);
		return -1;
	}
	if (min < 0 && v[0] == '-') {
		neg = 1;
		i = 1;
	}
	for (start = i; v[i] >= '0' && v[i] <= '9' && n <= lim; i++)
		n = n * 10 + (v[i] - '0');
	if (neg)
		n = -n;
	if (i == start || i != ev->data.scalar.length || n < min || n > max) {
		if (min == 1 && max == 3) /* a difficulty */
			ERR_EV(y, "'%s' must be 1, 2 or 3, not '%.*s%s'", what, BRIEF(v));
		else
			ERR_EV(y, "'%s' must be a whole number from %d to %d, not '%.*s%s'", what,
			       min, max, BRIEF(v));
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* ---- keys ------------------------------------------------------------------------- */

int
yamlev_brief_len(const char *s)
{
	size_t n = strlen(s), cut = 40;

	if (n <= cut + 3)
		return (int)n;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return (int)cut;
}

int
yamlev_index(const char *s, const char *const *names)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (s[0] == names[i][0] && s[0] != '\0' && s[1] == names[i][1] &&
		    strcmp(s, names[i]) == 0) /* "type", "time", "tags" differ at [1] */
			return i;
	return -1;
}

const char *
yamlev_closest(const char *s, const char *const *names)
{
	unsigned best = 3, d;
	const char *hint = NULL;
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		d = strcasecmp(s, names[i]) == 0 ? 0 : text_distance(s, names[i], 3);
		if (d < best && d < strlen(names[i])) {
			best = d;
			hint = names[i];
		}
	}
	return hint;
}

/* Report an unknown key, with the closest known one when it is close. */
static void
unknown_key(struct yamlev *y, const char *key, const char *where, const char *const *known)
{
	const char *hint = yamlev_closest(key, known);

	if (hint != NULL)
		ERR_EV(y, "unknown key '%s' in %s; did you mean '%s'?", key, _(where), hint);
	else
		ERR_EV(y, "unknown key '%.*s%s' in %s", BRIEF(key), _(where));
}

int
yamlev_read_key(struct yamlev *y, const char *where, const char *const *known,
		struct yamlev_seen *seen)
{
	const char *key;
	unsigned line, col;
	int i;

	if (y->ev.type != YAML_SCALAR_EVENT) {
		if (y->ev.type != YAML_ALIAS_EVENT)
			ERR_EV(y, "a key in %s must be text, not %s", _(where),
			       yamlev_node_kind(&y->ev));
		if (yamlev_skip(y) != 0 || yamlev_next(y) != 0 || yamlev_skip(y) != 0)
			return -2;
		return -1;
	}
	key = (const char *)y->ev.data.scalar.value; /* valid until the next event */
	line = YAMLEV_LINE(y->ev.start_mark);
	col = YAMLEV_COL(y->ev.start_mark);
	i = yamlev_has_nul(&y->ev) ? -1 : yamlev_index(key, known);
	if (yamlev_has_nul(&y->ev))
		ERR_EV(y, "a key in %s contains a NUL character", _(where));
	else if (i < 0) {
		if (!yamlev_colon_hint(y))
			unknown_key(y, key, where, known);
	} else if (seen[i].line != 0)
		err_at(y, line, col, "duplicate key '%s' (first at line %u, column %u)", key,
		       seen[i].line, seen[i].col);
	else {
		seen[i].line = line;
		seen[i].col = col;
	}
	if (yamlev_next(y) != 0)
		return -2;
	if (i < 0 || seen[i].line != line || seen[i].col != col) {
		if (yamlev_skip(y) != 0)
			return -2;
		return -1;
	}
	return i;
}
