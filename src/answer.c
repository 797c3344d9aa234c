/*
 * answer.c — answer checking (see answer.h for the rules).
 *
 * Everything is built on one reader, struct form, that produces the answer
 * form of a text a byte at a time straight from the source.  It never copies
 * the source, so its cost does not depend on a buffer size and a line of any
 * length is judged the same way as a short one.
 */
#include "answer.h"

#include <string.h>

#include "mem.h"
#include "text.h"

enum fclass {
	F_OTHER, /* anything that is not filler */
	F_SPACE,
	F_FINAL, /* . ! 。 */
	F_SEP    /* , ; 、 */
};

/* One folded character. */
struct fchar {
	char b[4];
	size_t len;  /* folded bytes */
	size_t used; /* source bytes */
	enum fclass cls;
};

static void
fold_at(const char *s, size_t n, size_t i, struct fchar *f)
{
	f->used = text_fold_char(s + i, n - i, f->b, &f->len);
	f->cls = F_OTHER;
	if (f->len == 1) {
		switch (f->b[0]) {
		case ' ':
		case '\t':
		case '\n':
		case '\r':
		case '\v':
		case '\f':
			f->cls = F_SPACE;
			break;
		case '.':
		case '!':
			f->cls = F_FINAL;
			break;
		case ',':
		case ';':
			f->cls = F_SEP;
			break;
		}
	} else if (f->len == 3 && f->b[0] == '\xe3' && f->b[1] == '\x80') {
		if (f->b[2] == '\x82')
			f->cls = F_FINAL; /* 。 */
		else if (f->b[2] == '\x81')
			f->cls = F_SEP; /* 、 */
	}
}

static int
is_alnum_char(const struct fchar *f)
{
	unsigned char c = (unsigned char)f->b[0];

	return f->len == 1 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

/* The answer form of s[0..n), read a byte at a time. */
struct form {
	const char *s;
	size_t n, i;
	size_t punct_end; /* while i < punct_end: emitting an inside run's punctuation */
	char pend[5];     /* bytes ready to hand out */
	size_t npend, ipend;
	int started;    /* something was handed out */
	int prev_alnum; /* the last character handed out is an ASCII letter or digit */
};

static void
form_init(struct form *f, const char *s, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->s = s;
	f->n = n;
}

/* The next byte of the answer form, or -1 at its end.  Right after a "," is
 * handed out, f->i is where the text after that separator run starts. */
static int
form_next(struct form *f)
{
	struct fchar c;
	size_t j;
	int sep, punct;

	for (;;) {
		if (f->ipend < f->npend)
			return (unsigned char)f->pend[f->ipend++];
		f->ipend = f->npend = 0;
		if (f->i >= f->n)
			return -1;
		fold_at(f->s, f->n, f->i, &c);
		if (f->i < f->punct_end) {
			f->i += c.used;
			if (c.cls == F_FINAL) {
				memcpy(f->pend, c.b, c.len);
				f->npend = c.len;
				f->prev_alnum = 0;
			}
			continue;
		}
		if (c.cls == F_OTHER) {
			f->i += c.used;
			memcpy(f->pend, c.b, c.len);
			f->npend = c.len;
			f->started = 1;
			f->prev_alnum = is_alnum_char(&c);
			continue;
		}
		/* A filler run: find where it ends and what it holds. */
		sep = punct = 0;
		for (j = f->i; j < f->n; j += c.used) {
			fold_at(f->s, f->n, j, &c);
			if (c.cls == F_OTHER)
				break;
			sep |= c.cls == F_SEP;
			punct |= c.cls == F_FINAL;
		}
		if (j >= f->n) { /* at the end: dropped */
			f->i = f->n;
			return -1;
		}
		if (!f->started) { /* at the start: dropped */
			f->i = j;
			continue;
		}
		if (sep) {
			f->pend[0] = ',';
			f->npend = 1;
			f->prev_alnum = 0;
			f->i = j;
		} else if (punct) {
			f->punct_end = j;
		} else {
			/* only white space; c is the character after it */
			if (f->prev_alnum && is_alnum_char(&c)) {
				f->pend[0] = ' ';
				f->npend = 1;
			}
			f->i = j;
		}
	}
}

/* Whether the answer forms of two texts are equal. */
static int
form_equal(const char *a, size_t na, const char *b, size_t nb)
{
	struct form x, y;
	int cx, cy;

	form_init(&x, a, na);
	form_init(&y, b, nb);
	do {
		cx = form_next(&x);
		cy = form_next(&y);
		if (cx != cy)
			return 0;
	} while (cx != -1);
	return 1;
}

static int
form_empty(const char *s, size_t n)
{
	struct form f;

	form_init(&f, s, n);
	return form_next(&f) == -1;
}

/* The number of separators (",") in the answer form of s. */
static size_t
form_seps(const char *s, size_t n)
{
	struct form f;
	size_t k = 0;
	int b;

	form_init(&f, s, n);
	while ((b = form_next(&f)) != -1)
		k += b == ',';
	return k;
}

bool
answer_blank(const char *given)
{
	return given == NULL || form_empty(given, strlen(given));
}

/* ---- judge words and option letters ------------------------------------------------- */

static const char *const words_true[] = {
	"对", "正确", "√", "✓", "✔", "true", "yes", "t", "y", "是", NULL,
};
static const char *const words_false[] = {
	"错", "错误", "×", "✗", "✘", "false", "no", "f", "n", "否", NULL,
};

static int
word_in(const char *w, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

int
answer_judge_word(const char *given)
{
	char w[16]; /* longer than every word */
	struct form f;
	size_t o = 0;
	int b;

	if (given == NULL)
		return -1;
	form_init(&f, given, strlen(given));
	while ((b = form_next(&f)) != -1) {
		if (o + 1 >= sizeof(w))
			return -1;
		w[o++] = (char)b;
	}
	w[o] = '\0';
	if (word_in(w, words_true))
		return 1;
	if (word_in(w, words_false))
		return 0;
	return -1;
}

unsigned
answer_keys(const struct question *q, const char *given)
{
	struct form f;
	unsigned keys = 0;
	int b;

	(void)q;
	if (given == NULL)
		return 0;
	form_init(&f, given, strlen(given));
	while ((b = form_next(&f)) != -1) {
		if (b >= 'a' && b <= 'z')
			keys |= 1u << (b - 'a');
		else if (b != ' ' && b != ',')
			return 0;
	}
	return keys;
}

/* ---- checking ------------------------------------------------------------------------ */

static enum answer_verdict
check_single(const struct question *q, const char *given, size_t len)
{
	unsigned keys = answer_keys(q, given);
	unsigned all = q->noptions >= 32 ? ~0u : (1u << q->noptions) - 1;
	unsigned right;

	if (keys != 0 && (keys & ~all) == 0)
		return keys == q->answer_keys ? ANSWER_RIGHT : ANSWER_WRONG;
	/* Not option letters: perhaps the text of the right option. */
	if (q->options == NULL || q->answer_keys == 0 ||
	    (q->answer_keys & (q->answer_keys - 1)) != 0)
		return ANSWER_WRONG;
	right = (unsigned)__builtin_ctz(q->answer_keys);
	if (right >= q->noptions || q->options[right] == NULL)
		return ANSWER_WRONG;
	return form_equal(given, len, q->options[right], strlen(q->options[right])) ? ANSWER_RIGHT
										    : ANSWER_WRONG;
}

#define STACK_PARTS 64

/*
 * Fill: a search over the parts of the input.  cur[a] says that the blanks
 * done so far can take exactly the parts before a; blank i then marks next[b],
 * b = a + 1 + s, for each alternative (with s separators) that equals parts
 * a .. b-1.  The number of parts that can be taken at all lies between
 * the sums of the smallest and the largest 1 + s over the blanks, so an input
 * cut into more parts is wrong before anything is stored: the arrays are sized
 * by the bank, never by the input.
 */
static enum answer_verdict
check_fill(const struct question *q, const char *given, size_t len)
{
	size_t st_start[STACK_PARTS + 1];
	unsigned char st_reach[2 * (STACK_PARTS + 1)];
	size_t *start, lo = 0, hi = 0, k, i, j, a, b, s, smin, smax;
	unsigned char *cur, *next, *t, *block = NULL;
	const struct blank *bl;
	enum answer_verdict v = ANSWER_WRONG;
	struct form f;
	int c, any;

	if (q->blanks == NULL || q->nblanks == 0)
		return ANSWER_WRONG;
	for (i = 0; i < q->nblanks; i++) {
		bl = &q->blanks[i];
		if (bl->alts == NULL || bl->nalts == 0)
			return ANSWER_WRONG;
		smin = (size_t)-1, smax = 0;
		for (j = 0; j < bl->nalts; j++) {
			if (bl->alts[j] == NULL)
				return ANSWER_WRONG; /* not a model the loader makes */
			s = form_seps(bl->alts[j], strlen(bl->alts[j]));
			smin = s < smin ? s : smin;
			smax = s > smax ? s : smax;
		}
		lo += 1 + smin;
		hi += 1 + smax;
	}
	/* Count the parts and note where each starts (while they fit on the
	 * stack): the run of parts a .. b-1 is the text from start[a] to
	 * start[b], whose trailing separators the form drops. */
	start = st_start;
	start[0] = 0;
	form_init(&f, given, len);
	for (k = 1; (c = form_next(&f)) != -1;)
		if (c == ',' && k++ < STACK_PARTS)
			start[k - 1] = f.i;
	if (k < lo || k > hi)
		return ANSWER_WRONG;
	cur = st_reach;
	if (k > STACK_PARTS) {
		block = mem_alloc((k + 1) * (sizeof(*start) + 2));
		if (block == NULL)
			return ANSWER_WRONG;
		start = (size_t *)(void *)block;
		cur = block + (k + 1) * sizeof(*start);
		start[0] = 0;
		form_init(&f, given, len);
		for (i = 1; (c = form_next(&f)) != -1;)
			if (c == ',')
				start[i++] = f.i;
	}
	next = cur + k + 1;
	start[k] = len;

	memset(cur, 0, k + 1);
	cur[0] = 1;
	for (i = 0; i < q->nblanks; i++) {
		bl = &q->blanks[i];
		memset(next, 0, k + 1);
		any = 0;
		for (a = 0; a < k; a++) {
			if (!cur[a])
				continue;
			for (j = 0; j < bl->nalts; j++) {
				s = form_seps(bl->alts[j], strlen(bl->alts[j]));
				b = a + 1 + s;
				if (b > k || next[b])
					continue;
				if (form_equal(given + start[a], start[b] - start[a], bl->alts[j],
					       strlen(bl->alts[j]))) {
					next[b] = 1;
					any = 1;
				}
			}
		}
		if (!any)
			goto out;
		t = cur, cur = next, next = t;
	}
	v = cur[k] ? ANSWER_RIGHT : ANSWER_WRONG;
out:
	mem_free(block);
	return v;
}

enum answer_verdict
answer_check(const struct question *q, const char *given)
{
	size_t len;

	if (q == NULL || answer_blank(given))
		return ANSWER_WRONG;
	len = strlen(given);
	switch (q->type) {
	case QTYPE_SINGLE:
		return check_single(q, given, len);
	case QTYPE_MULTIPLE:
		return answer_keys(q, given) == q->answer_keys ? ANSWER_RIGHT : ANSWER_WRONG;
	case QTYPE_JUDGE:
		switch (answer_judge_word(given)) {
		case 1:
			return q->answer_true ? ANSWER_RIGHT : ANSWER_WRONG;
		case 0:
			return q->answer_true ? ANSWER_WRONG : ANSWER_RIGHT;
		default:
			return ANSWER_WRONG;
		}
	case QTYPE_FILL:
		return check_fill(q, given, len);
	case QTYPE_OPEN:
		if (q->reference != NULL &&
		    form_equal(given, len, q->reference, strlen(q->reference)))
			return ANSWER_RIGHT;
		return ANSWER_SELF;
	default:
		return ANSWER_WRONG;
	}
}

/* ---- splitting and display ---------------------------------------------------------- */

/* The longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t n)
{
	size_t p = n, want;
	unsigned char c;

	while (p > 0 && n - p < 3 && ((unsigned char)s[p - 1] & 0xc0) == 0x80)
		p--;
	if (p == 0)
		return n;
	c = (unsigned char)s[p - 1];
	if (c >= 0xf0 && c <= 0xf4)
		want = 4;
	else if (c >= 0xe0)
		want = 3;
	else if (c >= 0xc2)
		want = 2;
	else
		return n; /* ASCII or a stray byte: no sequence is open */
	return n - (p - 1) < want ? p - 1 : n;
}

/* A bounded string builder over a caller's buffer. */
struct out {
	char *buf;
	size_t n, o; /* capacity, bytes written (buf[o] is kept a NUL) */
	int full;
};

/* Append len bytes; on overflow cut at a character boundary and stay full. */
static void
out_add(struct out *w, const char *s, size_t len)
{
	size_t room;

	if (w->full)
		return;
	room = w->n - 1 - w->o;
	if (len > room) {
		len = utf8_cut(s, room);
		w->full = 1;
	}
	memcpy(w->buf + w->o, s, len);
	w->o += len;
	w->buf[w->o] = '\0';
}

size_t
answer_split(const char *given, char *buf, size_t n, const char **parts, size_t max)
{
	static const char empty[] = "";
	struct form f;
	size_t np, o = 0, begin = 0; /* buf[o] is the NUL of the part being written */
	int full = n == 0, c;

	if (given == NULL)
		return 0;
	form_init(&f, given, strlen(given));
	c = form_next(&f);
	if (c == -1)
		return 0;
	if (n > 0)
		buf[0] = '\0';
	if (max > 0)
		parts[0] = n > 0 ? buf : empty;
	for (np = 1; c != -1; c = form_next(&f)) {
		if (c == ',') {
			if (++np > max)
				continue;
			if (!full && o + 1 < n) {
				begin = ++o;
				buf[o] = '\0';
			} else {
				full = 1;
			}
			parts[np - 1] = n > 0 ? buf + o : empty;
		} else if (np <= max && !full) {
			if (o + 1 < n) {
				buf[o++] = (char)c;
				buf[o] = '\0';
			} else {
				full = 1;
				o = begin + utf8_cut(buf + begin, o - begin);
				buf[o] = '\0';
			}
		}
	}
	return np;
}

const char *
answer_format(const struct question *q, char *buf, size_t n)
{
	struct out w = {buf, n, 0, 0};
	const char *t;
	char letter;
	size_t i;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (q == NULL)
		return buf;
	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTIPLE:
		for (i = 0; i < 26; i++)
			if (q->answer_keys & (1u << i)) {
				letter = (char)('A' + i);
				out_add(&w, &letter, 1);
			}
		break;
	case QTYPE_JUDGE:
		t = q->answer_true ? "true" : "false";
		out_add(&w, t, strlen(t));
		break;
	case QTYPE_FILL:
		for (i = 0; q->blanks != NULL && i < q->nblanks; i++) {
			if (i > 0)
				out_add(&w, "；", strlen("；"));
			if (q->blanks[i].alts != NULL && q->blanks[i].nalts > 0 &&
			    q->blanks[i].alts[0] != NULL)
				out_add(&w, q->blanks[i].alts[0], strlen(q->blanks[i].alts[0]));
		}
		break;
	case QTYPE_OPEN:
		if (q->reference != NULL)
			out_add(&w, q->reference, strlen(q->reference));
		break;
	default:
		break;
	}
	return buf;
}
