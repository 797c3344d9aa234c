/*
 * bankyaml.c — questions to a bank file through libyaml's emitter (see
 * bankyaml.h).  Only the emitter writes YAML syntax; this file chooses the
 * styles and adds the schema comment and the blank lines between questions,
 * neither of which the emitter can write.
 */
#include "bankyaml.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

struct emit {
	yaml_emitter_t em;
	yaml_event_t ev;
	struct strbuf *out;
	int failed;
};

static int
write_handler(void *data, unsigned char *buffer, size_t size)
{
	struct strbuf *b = data;

	strbuf_add(b, (const char *)buffer, size);
	return !b->oom;
}

static void
emit(struct emit *e)
{
	if (e->failed) {
		yaml_event_delete(&e->ev);
		return;
	}
	/* yaml_emitter_emit takes the event, also when it fails. */
	if (!yaml_emitter_emit(&e->em, &e->ev))
		e->failed = 1;
}

/* Whether a YAML 1.1 or 1.2 reader would take plain s for something other
 * than a string: null, a boolean, a number.  Cautious by design: quoting a
 * string that did not need it costs two characters. */
static int
needs_quotes(const char *s)
{
	static const char *const words[] = {
		"",      "~",     "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
		"FALSE", "yes",   "Yes",  "YES",  "no",   "No",   "NO",   "on",   "On",    "ON",
		"off",   "Off",   "OFF",  "y",    "Y",    "n",    "N",    ".inf", ".Inf",  ".INF",
		"-.inf", "+.inf", ".nan", ".NaN", ".NAN", "=",    "<<",   NULL,
	};
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	/* Anything that starts like a number and holds only what numbers,
	 * dates and times are made of. */
	if (!(*s == '-' || *s == '+' || *s == '.' || (*s >= '0' && *s <= '9')))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!strchr("0123456789abcdefABCDEFxXoO_.+-:", s[i]))
			return 0;
	return 1;
}

static void
scalar(struct emit *e, const char *s, int text)
{
	yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;

	if (text) {
		if (strchr(s, '\n') != NULL)
			style = YAML_LITERAL_SCALAR_STYLE;
		else if (needs_quotes(s))
			style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	}
	/* The emitter falls back to a quoted style by itself where the one asked
	 * for cannot hold the text (leading spaces, a ': ' inside, ...). */
	if (!yaml_scalar_event_initialize(&e->ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1,
					  1, style))
		e->failed = 1;
	else
		emit(e);
}

static void
text_field(struct emit *e, const char *key, const char *value)
{
	if (value == NULL)
		return;
	scalar(e, key, 0);
	scalar(e, value, 1);
}

static void
int_field(struct emit *e, const char *key, int value)
{
	char buf[32];

	if (value <= 0)
		return;
	snprintf(buf, sizeof(buf), "%d", value);
	scalar(e, key, 0);
	scalar(e, buf, 0);
}

static void
seq_start(struct emit *e, int flow)
{
	if (!yaml_sequence_start_event_initialize(&e->ev, NULL, NULL, 1,
						  flow ? YAML_FLOW_SEQUENCE_STYLE
						       : YAML_BLOCK_SEQUENCE_STYLE))
		e->failed = 1;
	else
		emit(e);
}

static void
seq_end(struct emit *e)
{
	if (!yaml_sequence_end_event_initialize(&e->ev))
		e->failed = 1;
	else
		emit(e);
}

static void
map_start(struct emit *e)
{
	if (!yaml_mapping_start_event_initialize(&e->ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE))
		e->failed = 1;
	else
		emit(e);
}

static void
map_end(struct emit *e)
{
	if (!yaml_mapping_end_event_initialize(&e->ev))
		e->failed = 1;
	else
		emit(e);
}

/* A list of texts; flow style when every item fits on one line. */
static void
text_list(struct emit *e, const char *const *v, size_t n)
{
	size_t i;
	int flow = 1;

	for (i = 0; i < n; i++)
		if (strchr(v[i], '\n') != NULL)
			flow = 0;
	seq_start(e, flow);
	for (i = 0; i < n; i++)
		scalar(e, v[i], 1);
	seq_end(e);
}

static void
answer(struct emit *e, const struct question *q)
{
	char keys[2] = {0, 0};
	size_t i;

	scalar(e, "answer", 0);
	switch (q->type) {
	case QTYPE_SINGLE:
		for (i = 0; i < BANK_MAX_OPTIONS; i++)
			if (q->answer_keys & (1u << i))
				keys[0] = (char)('A' + i);
		scalar(e, keys, 0);
		break;
	case QTYPE_MULTIPLE:
		seq_start(e, 1);
		for (i = 0; i < BANK_MAX_OPTIONS; i++)
			if (q->answer_keys & (1u << i)) {
				keys[0] = (char)('A' + i);
				scalar(e, keys, 0);
			}
		seq_end(e);
		break;
	case QTYPE_JUDGE:
		scalar(e, q->answer_true ? "true" : "false", 0);
		break;
	case QTYPE_FILL:
		if (q->nblanks == 1 && q->blanks[0].nalts == 1) {
			scalar(e, q->blanks[0].alts[0], 1);
		} else if (q->nblanks == 1) {
			text_list(e, q->blanks[0].alts, q->blanks[0].nalts);
		} else {
			seq_start(e, 1);
			for (i = 0; i < q->nblanks; i++) {
				if (q->blanks[i].nalts == 1)
					scalar(e, q->blanks[i].alts[0], 1);
				else
					text_list(e, q->blanks[i].alts, q->blanks[i].nalts);
			}
			seq_end(e);
		}
		break;
	default:
		scalar(e, q->reference != NULL ? q->reference : "", 1);
		break;
	}
}

static void
question(struct emit *e, const struct question *q)
{
	char key[2] = {0, 0};
	unsigned i;

	map_start(e);
	text_field(e, "id", q->id);
	scalar(e, "type", 0);
	scalar(e, question_type_name(q->type), 0);
	text_field(e, "question", q->text);
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE) {
		scalar(e, "options", 0);
		map_start(e);
		for (i = 0; i < q->noptions; i++) {
			key[0] = (char)('A' + i);
			text_field(e, key, q->options[i]);
		}
		map_end(e);
	}
	answer(e, q);
	text_field(e, "explanation", q->explanation);
	text_field(e, "source", q->source);
	int_field(e, "difficulty", q->difficulty);
	int_field(e, "points", q->points);
	int_field(e, "time", q->time);
	text_field(e, "category", q->category);
	if (q->ntags > 0) {
		scalar(e, "tags", 0);
		text_list(e, q->tags, q->ntags);
	}
	if (q->fixed_order && (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTIPLE)) {
		scalar(e, "shuffle", 0);
		scalar(e, "false", 0);
	}
	text_field(e, "group", q->group);
	map_end(e);
}

/* Copy the emitter's output to out with a blank line before every question
 * but the first: they begin the lines that start with "- " (everything else
 * inside the list is indented). */
static void
space_questions(struct strbuf *out, const char *s, size_t n)
{
	size_t i, start, seen = 0;

	for (i = 0; i < n; i = start) {
		for (start = i; start < n && s[start] != '\n'; start++)
			;
		if (start < n)
			start++;
		if (n - i >= 2 && s[i] == '-' && s[i + 1] == ' ' && seen++ > 0)
			strbuf_putc(out, '\n');
		strbuf_add(out, s + i, start - i);
	}
}

int
bankyaml_write(struct strbuf *out, const char *title, struct question *const *q, size_t n,
	       const char **err)
{
	struct strbuf body = {0};
	struct emit e;
	size_t i;

	memset(&e, 0, sizeof(e));
	e.out = &body;
	*err = NULL;
	if (!yaml_emitter_initialize(&e.em)) {
		*err = "out of memory";
		return -1;
	}
	yaml_emitter_set_output(&e.em, write_handler, &body);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_width(&e.em, -1);
	yaml_emitter_set_indent(&e.em, 2);
	yaml_emitter_set_break(&e.em, YAML_LN_BREAK);

	if (!yaml_stream_start_event_initialize(&e.ev, YAML_UTF8_ENCODING))
		e.failed = 1;
	else
		emit(&e);
	if (!e.failed && !yaml_document_start_event_initialize(&e.ev, NULL, NULL, NULL, 1))
		e.failed = 1;
	else
		emit(&e);
	map_start(&e);
	text_field(&e, "title", title);
	scalar(&e, "questions", 0);
	seq_start(&e, 0);
	for (i = 0; i < n && !e.failed; i++)
		question(&e, q[i]);
	seq_end(&e);
	map_end(&e);
	if (!e.failed && !yaml_document_end_event_initialize(&e.ev, 1))
		e.failed = 1;
	else
		emit(&e);
	if (!e.failed && !yaml_stream_end_event_initialize(&e.ev))
		e.failed = 1;
	else
		emit(&e);
	if (!e.failed && !yaml_emitter_flush(&e.em))
		e.failed = 1;
	if (e.failed)
		*err = body.oom || e.em.error == YAML_MEMORY_ERROR ? "out of memory"
		       : e.em.problem != NULL                      ? e.em.problem
								   : "the YAML emitter failed";
	yaml_emitter_delete(&e.em);
	if (!e.failed) {
		strbuf_puts(out, BANKYAML_SCHEMA_LINE);
		space_questions(out, body.data != NULL ? body.data : "", body.len);
		if (out->oom) {
			*err = "out of memory";
			e.failed = 1;
		}
	}
	strbuf_free(&body);
	return e.failed ? -1 : 0;
}

long
bankyaml_question_at(const char *yaml, size_t len, unsigned line)
{
	size_t i = 0;
	unsigned l = 1;
	long index = -1;

	while (i < len && l <= line) {
		if (len - i >= 2 && yaml[i] == '-' && yaml[i + 1] == ' ')
			index++;
		while (i < len && yaml[i] != '\n')
			i++;
		i++;
		l++;
	}
	return index;
}
