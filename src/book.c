/*
 * book.c — the wrong-answer book (see book.h, docs/wrong-answer-book.md).
 *
 * The book in memory is a sorted array of entries.  Each answer recorded is
 * applied to it at once (so the session sees its own changes) and also kept
 * in a log.  Saving does not write the array as it stands: another session
 * may have saved since this one opened the book, so under the lock the file
 * is read again and this session's log is replayed onto it.  Two sessions
 * practising at once thus both keep their answers, and each save is one
 * atomic_write, so a crash leaves the old book or the new one.
 *
 * A file that does not parse is never overwritten: it is renamed aside under
 * the lock, and the user is told where it went.
 */
#define _GNU_SOURCE /* O_DIRECTORY, flock */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "book.h"
#include "errmsg.h"
#include "i18n.h"
#include "mem.h"

#define BOOK_FILE    "book.tsv"
#define LOCK_FILE    "book.lock"
#define HEADER_START "# jingsai wrong-answer book "
#define VERSION      "1"
#define LEAVE_STREAK 2                   /* right answers in a row that clear an entry */
#define MAX_SIZE     (64L * 1024 * 1024) /* a book is far smaller; larger is not one */

struct book_rec {
	char *id;
	int right;
	long long now;
};

/* What is wrong with a damaged file: the line (0 = the whole file) and why. */
struct damage {
	char loc[32]; /* ":LINE:" after the path, or ":" for the whole file */
	char what[200];
};

/* ---- messages -------------------------------------------------------- */

static void __attribute__((format(printf, 3, 4)))
damaged(struct damage *d, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (line > 0)
		snprintf(d->loc, sizeof d->loc, ":%zu:", line);
	else
		strcpy(d->loc, ":");
	va_start(ap, fmt);
	vsnprintf(d->what, sizeof d->what, fmt, ap);
	va_end(ap);
}

/* Copy at most 32 bytes of s[0..n) into out (40 bytes) for a message, with
 * anything but printable ASCII shown as '?': the file may hold any bytes. */
static const char *
quote(char *out, const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && i < 32; i++)
		out[k++] = s[i] > 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (n > 32) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

/* ---- entries --------------------------------------------------------- */

static int
id_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

/* Index of id in the sorted entries, or where it would go; *found says which. */
static size_t
search(const struct book_entry *v, size_t n, const char *id, int *found)
{
	size_t lo = 0, hi = n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, v[mid].id);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Insert e at index i; e.id is taken over on success. */
static int
insert_at(struct book_entry **v, size_t *n, size_t *cap, size_t i, const struct book_entry *e)
{
	if (mem_grow((void **)v, cap, *n + 1, sizeof **v) != 0)
		return -1;
	memmove(*v + i + 1, *v + i, (*n - i) * sizeof **v);
	(*v)[i] = *e;
	(*n)++;
	return 0;
}

static void
free_entries(struct book_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		mem_free(v[i].id);
		mem_free(v[i].extra);
	}
	mem_free(v);
}

/* Apply one answer to a sorted entry array (the rule of book_record). */
static int
apply(struct book_entry **v, size_t *n, size_t *cap, const char *id, int right, long long now)
{
	struct book_entry e, *p;
	size_t i;
	int found;

	i = search(*v, *n, id, &found);
	if (!found) {
		if (right)
			return 0;
		e.id = mem_strdup(id);
		if (e.id == NULL)
			return -1;
		e.wrong = 1;
		e.streak = 0;
		e.added = e.last = now;
		e.extra = NULL;
		if (insert_at(v, n, cap, i, &e) != 0) {
			mem_free(e.id);
			return -1;
		}
		return 0;
	}
	p = *v + i;
	p->last = now;
	if (!right) {
		if (p->wrong < UINT_MAX)
			p->wrong++;
		p->streak = 0;
		return 0;
	}
	if (p->streak < UINT_MAX)
		p->streak++;
	if (p->streak >= LEAVE_STREAK) {
		mem_free(p->id);
		mem_free(p->extra);
		memmove(p, p + 1, (*n - i - 1) * sizeof *p);
		(*n)--;
	}
	return 0;
}

/* ---- the file -------------------------------------------------------- */

/* Parse an unsigned decimal of at most max; -1 when it is not one. */
static int
parse_num(const char *s, size_t n, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (max - (unsigned)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Check the first line: 0 when it is the header of this version, 1 (and d)
 * when it is not. */
static int
parse_header(const char *s, size_t n, struct damage *d)
{
	size_t hl = strlen(HEADER_START), i;

	if (n == hl + strlen(VERSION) && memcmp(s, HEADER_START VERSION, n) == 0)
		return 0;
	if (n > hl && n - hl <= 20 && memcmp(s, HEADER_START, hl) == 0) {
		for (i = hl; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == n) {
			damaged(d, 1,
				_("the file is in version %.*s of the format; this jingsai knows "
				  "version %s"),
				(int)(n - hl), s + hl, VERSION);
			return 1;
		}
	}
	damaged(d, 1, _("not a wrong-answer book: the first line should be '%s'"),
		HEADER_START VERSION);
	return 1;
}

/* Parse one entry line into e (id allocated); 0, 1 (damaged: d), -1 (memory). */
static int
parse_line(const char *s, size_t n, size_t lineno, struct book_entry *e, struct damage *d)
{
	static const char *const names[] = {"wrong", "streak", "added", "last"};
	const char *f[5], *end = s + n, *tab = NULL, *extra;
	size_t fl[5], k = 0;
	unsigned long long v[4];
	char q[40];
	int i;

	/* The first five tab-separated fields; any after them are ignored. */
	while (k < 5) {
		tab = memchr(s, '\t', (size_t)(end - s));
		f[k] = s;
		fl[k] = (size_t)((tab != NULL ? tab : end) - s);
		k++;
		if (tab == NULL)
			break;
		s = tab + 1;
	}
	if (k < 5) {
		damaged(d, lineno, _("expected 5 fields separated by tabs, found %zu"), k);
		return 1;
	}
	extra = tab != NULL ? s : NULL;
	if (extra != NULL && memchr(extra, '\0', (size_t)(end - extra)) != NULL) {
		damaged(d, lineno, _("the line holds a NUL byte"));
		return 1;
	}
	if (!id_valid(f[0], fl[0])) {
		damaged(d, lineno, _("'%s' is not a question id"), quote(q, f[0], fl[0]));
		return 1;
	}
	for (i = 0; i < 4; i++) {
		if (parse_num(f[i + 1], fl[i + 1], i < 2 ? UINT_MAX : LLONG_MAX, &v[i]) != 0) {
			damaged(d, lineno, _("the '%s' field is not a number: '%s'"), names[i],
				quote(q, f[i + 1], fl[i + 1]));
			return 1;
		}
	}
	e->id = mem_alloc(fl[0] + 1);
	e->extra = extra != NULL ? mem_alloc((size_t)(end - extra) + 1) : NULL;
	if (e->id == NULL || (extra != NULL && e->extra == NULL)) {
		mem_free(e->id);
		mem_free(e->extra);
		return -1;
	}
	memcpy(e->id, f[0], fl[0]);
	e->id[fl[0]] = '\0';
	if (extra != NULL) {
		memcpy(e->extra, extra, (size_t)(end - extra));
		e->extra[end - extra] = '\0';
	}
	e->wrong = (unsigned)v[0];
	e->streak = (unsigned)v[1];
	e->added = (long long)v[2];
	e->last = (long long)v[3];
	return 0;
}

/* An entry as parsed, with its line for messages about duplicates. */
struct parsed {
	struct book_entry e;
	size_t line;
};

static int
cmp_parsed(const void *a, const void *b)
{
	const struct parsed *x = a, *y = b;
	int c = strcmp(x->e.id, y->e.id);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Parse the lines of a file after its header into pl (in file order); 0, 1
 * (damaged: d), -1 (memory).  *sorted says whether the ids came in order. */
static int
parse_lines(const char *p, const char *end, struct parsed **pl, size_t *n, size_t *cap, int *sorted,
	    struct damage *d)
{
	const char *nl;
	size_t lineno = 0, ll;
	struct book_entry e;
	int r;

	*sorted = 1;
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		ll = (size_t)((nl != NULL ? nl : end) - p);
		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		if (lineno == 1 && parse_header(p, ll, d) != 0)
			return 1;
		if (nl == NULL) {
			damaged(d, lineno,
				_("the line is cut short (the file does not end with a newline)"));
			return 1;
		}
		if (lineno > 1 && ll > 0) { /* blank lines are skipped */
			if ((r = parse_line(p, ll, lineno, &e, d)) != 0)
				return r;
			if (mem_grow((void **)pl, cap, *n + 1, sizeof **pl) != 0) {
				mem_free(e.id);
				mem_free(e.extra);
				return -1;
			}
			if (*n > 0 && strcmp(e.id, (*pl)[*n - 1].e.id) <= 0)
				*sorted = 0;
			(*pl)[*n].e = e;
			(*pl)[*n].line = lineno;
			(*n)++;
		}
		p = nl + 1;
	}
	return 0;
}

/* Parse a whole file into a sorted entry array: 0, 1 (damaged: d), -1
 * (memory).  Files are written sorted; one edited by hand may not be, and is
 * sorted here (not by insertion, which is quadratic on a reversed file). */
static int
parse(const char *buf, size_t len, struct book_entry **v, size_t *n, size_t *cap, struct damage *d)
{
	const char *p = buf, *end = buf + len;
	struct parsed *pl = NULL;
	size_t np = 0, pcap = 0, i;
	int r, sorted;
	char q[40];

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) /* an editor's BOM */
		p += 3;
	if (p == end) {
		damaged(d, 0, _("the file is empty"));
		return 1;
	}
	r = parse_lines(p, end, &pl, &np, &pcap, &sorted, d);
	if (r == 0 && !sorted)
		qsort(pl, np, sizeof *pl, cmp_parsed);
	for (i = 1; r == 0 && i < np; i++) {
		if (strcmp(pl[i].e.id, pl[i - 1].e.id) == 0) {
			damaged(d, pl[i].line, _("'%s' appears twice"),
				quote(q, pl[i].e.id, strlen(pl[i].e.id)));
			r = 1;
		}
	}
	if (r == 0 && np > 0) {
		if (mem_grow((void **)v, cap, np, sizeof **v) != 0)
			r = -1;
	}
	if (r != 0) {
		for (i = 0; i < np; i++) {
			mem_free(pl[i].e.id);
			mem_free(pl[i].e.extra);
		}
		mem_free(pl);
		return r;
	}
	for (i = 0; i < np; i++)
		(*v)[i] = pl[i].e;
	*n = np;
	mem_free(pl);
	return 0;
}

/* Read and parse path: 0 (a missing file is an empty book), 1 (damaged: d),
 * -1 with errno (I/O error or out of memory).  On 0 the entries are the
 * caller's; otherwise none are returned. */
static int
read_book(const char *path, struct book_entry **v, size_t *n, size_t *cap, struct damage *d)
{
	struct stat st;
	char *buf = NULL, *nb;
	size_t len = 0, bcap;
	ssize_t got;
	int fd, r, e;

	*v = NULL;
	*n = *cap = 0;
	/* O_NONBLOCK: a FIFO put there must not hang the program. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		damaged(d, 0,
			S_ISDIR(st.st_mode) ? _("it is a directory, not a file")
					    : _("it is not a regular file"));
		close(fd);
		return 1;
	}
	if (st.st_size > MAX_SIZE) {
		damaged(d, 0, _("it is larger than %ld MiB, too large for a wrong-answer book"),
			MAX_SIZE / 1024 / 1024);
		close(fd);
		return 1;
	}
	bcap = (size_t)st.st_size + 1;
	errno = ENOMEM; /* mem_alloc need not set it */
	if ((buf = mem_alloc(bcap)) == NULL)
		goto fail;
	for (;;) {
		if (len == bcap) { /* the file grew while being read */
			if (bcap > (size_t)MAX_SIZE) {
				damaged(d, 0,
					_("it is larger than %ld MiB, too large for a "
					  "wrong-answer book"),
					MAX_SIZE / 1024 / 1024);
				mem_free(buf);
				close(fd);
				return 1;
			}
			if ((nb = mem_realloc(buf, bcap * 2)) == NULL) {
				errno = ENOMEM;
				goto fail;
			}
			buf = nb;
			bcap *= 2;
		}
		got = read(fd, buf + len, bcap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	fd = -1;
	r = parse(buf, len, v, n, cap, d);
	mem_free(buf);
	if (r != 0) {
		free_entries(*v, *n);
		*v = NULL;
		*n = *cap = 0;
		if (r < 0)
			errno = ENOMEM;
	}
	return r;
fail:
	e = errno;
	mem_free(buf);
	if (fd >= 0)
		close(fd);
	errno = e;
	return -1;
}

/* Rename a damaged path aside to PATH.damaged-YYYYMMDD-HHMMSS (with -2, -3,
 * ... when that is taken); the new name (mem_alloc'd) in *to, or -1 + errno.
 * Runs under the lock, so no other jingsai picks the same name meanwhile. */
static int
set_aside(const char *path, char **to)
{
	struct stat st;
	struct tm tm;
	time_t t = time(NULL);
	char stamp[32];
	size_t sz = strlen(path) + 64;
	int k;

	*to = NULL;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
		strcpy(stamp, "00000000-000000");
	if ((*to = mem_alloc(sz)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(*to, sz, "%s.damaged-%s", path, stamp);
		else
			snprintf(*to, sz, "%s.damaged-%s-%d", path, stamp, k);
		if (lstat(*to, &st) != 0 && errno == ENOENT)
			break;
	}
	if (k == 1000) {
		errno = EEXIST;
	} else if (rename(path, *to) == 0) {
		return 0;
	}
	k = errno;
	mem_free(*to);
	*to = NULL;
	errno = k;
	return -1;
}

/* Create dir and its missing parents, each 0700. */
static int
make_dirs(const char *dir)
{
	struct stat st;
	char *p, *s;
	int e;

	if (*dir == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	if ((p = mem_strdup(dir)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				e = errno;
				mem_free(p);
				errno = e;
				return -1;
			}
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	mem_free(p);
	if (stat(dir, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

static char *
join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *s = mem_alloc(dl + 1 + nl + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, dir, dl);
	s[dl] = '/';
	memcpy(s + dl + 1, name, nl + 1);
	return s;
}

/* Open DIR/book.lock and take an exclusive lock on it: the descriptor (whose
 * close unlocks), or -1 with *err. */
static int
lock_book(const char *dir, char **err)
{
	char *path = join(dir, LOCK_FILE);
	int fd, e;

	if (path == NULL) {
		errmsg_set(err, _("out of memory"));
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		errmsg_set(err, _("cannot open %s: %s"), path, strerror(errno));
		mem_free(path);
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		e = errno;
		errmsg_set(err, _("cannot lock %s: %s"), path, strerror(e));
		close(fd);
		mem_free(path);
		return -1;
	}
	mem_free(path);
	return fd;
}

/* Remove temporary files a crashed save left behind (.book.tsv.XXXXXX).
 * Called under the lock, when no save can be writing one. */
static void
clean_temps(const char *dir)
{
	static const char prefix[] = "." BOOK_FILE ".";
	struct dirent *de;
	struct stat st;
	DIR *dp;
	char *p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, sizeof prefix - 1) != 0 ||
		    strlen(de->d_name) != sizeof prefix - 1 + 6)
			continue;
		if ((p = join(dir, de->d_name)) == NULL)
			break;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			unlink(p);
		mem_free(p);
	}
	closedir(dp);
}

/* The book as text: the header, then one line per entry in id order. */
static char *
serialize(const struct book_entry *v, size_t n, size_t *len)
{
	size_t cap = 0, i, need;
	char *buf = NULL;
	int k;

	*len = 0;
	if (mem_grow((void **)&buf, &cap, 64, 1) != 0)
		return NULL;
	*len = (size_t)sprintf(buf, "%s%s\n", HEADER_START, VERSION);
	for (i = 0; i < n; i++) {
		/* id, four numbers of at most 20 digits, tabs, extra, newline */
		need = *len + strlen(v[i].id) + 4 * 21 + 2 +
		       (v[i].extra != NULL ? strlen(v[i].extra) + 1 : 0);
		if (mem_grow((void **)&buf, &cap, need, 1) != 0) {
			mem_free(buf);
			return NULL;
		}
		k = snprintf(buf + *len, cap - *len, "%s\t%u\t%u\t%lld\t%lld%s%s\n", v[i].id,
			     v[i].wrong, v[i].streak, v[i].added, v[i].last,
			     v[i].extra != NULL ? "\t" : "", v[i].extra != NULL ? v[i].extra : "");
		*len += (size_t)k;
	}
	return buf;
}

/* Whether path holds exactly data[0..len). */
static int
holds(const char *path, const char *data, size_t len)
{
	char buf[4096];
	size_t off = 0;
	ssize_t got;
	int fd, same = 1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return 0;
	while (same) {
		got = read(fd, buf, sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			same = got == 0 && off == len;
			break;
		}
		if ((size_t)got > len - off || memcmp(buf, data + off, (size_t)got) != 0)
			same = 0;
		off += (size_t)got;
	}
	close(fd);
	return same;
}

static void
clear_log(struct book *b)
{
	size_t i;

	for (i = 0; i < b->nlog; i++)
		mem_free(b->log[i].id);
	b->nlog = 0;
}

/* ---- the interface --------------------------------------------------- */

char *
book_default_dir(char **err)
{
	const char *base, *sub;
	struct passwd *pw;
	char *s;

	if (err != NULL)
		*err = NULL;
	base = getenv("XDG_DATA_HOME");
	sub = "/jingsai";
	if (base == NULL || base[0] != '/') {
		base = getenv("HOME");
		if (base == NULL || base[0] != '/') {
			pw = getpwuid(getuid());
			base = pw != NULL ? pw->pw_dir : NULL;
		}
		sub = "/.local/share/jingsai";
	}
	if (base == NULL || base[0] != '/') {
		errmsg_set(err, _("cannot find where to keep the wrong-answer book: neither "
				  "XDG_DATA_HOME nor HOME is an absolute path"));
		return NULL;
	}
	/* "/" as HOME must not give "//.local/...". */
	if (strcmp(base, "/") == 0)
		base = "";
	if ((s = malloc(strlen(base) + strlen(sub) + 1)) == NULL) {
		errmsg_set(err, _("out of memory"));
		return NULL;
	}
	strcpy(s, base);
	strcat(s, sub);
	return s;
}

int
book_open(struct book *b, const char *dir, char **err)
{
	struct book_entry *v;
	struct damage d;
	size_t n, cap;
	char *to;
	int fd, r;

	memset(b, 0, sizeof *b);
	if (err != NULL)
		*err = NULL;
	b->dir = mem_strdup(dir);
	b->path = join(dir, BOOK_FILE);
	if (b->dir == NULL || b->path == NULL) {
		mem_free(b->dir);
		mem_free(b->path);
		b->dir = b->path = NULL; /* book_save then says the book is not open */
		errmsg_set(err, _("out of memory"));
		return -1;
	}
	if (make_dirs(dir) != 0) {
		errmsg_set(err, _("cannot create the directory %s: %s"), dir, strerror(errno));
		return -1;
	}
	if ((fd = lock_book(dir, err)) < 0)
		return -1;
	clean_temps(dir);
	r = read_book(b->path, &v, &n, &cap, &d);
	if (r < 0) {
		errmsg_set(err, _("cannot read %s: %s"), b->path, strerror(errno));
	} else if (r > 0) {
		if (set_aside(b->path, &to) != 0) {
			errmsg_set(err, _("%s%s %s; it could not be moved aside: %s"), b->path,
				   d.loc, d.what, strerror(errno));
			r = -1;
		} else {
			errmsg_set(err,
				   _("%s%s %s; the file was moved to %s and the wrong-answer book "
				     "starts empty"),
				   b->path, d.loc, d.what, to);
			mem_free(to);
		}
	} else {
		b->entries = v;
		b->n = n;
		b->cap = cap;
	}
	close(fd); /* unlocks */
	return r;
}

void
book_record(struct book *b, const char *id, int right, long long now)
{
	struct book_rec *r;

	if (b == NULL || id == NULL || !id_valid(id, strlen(id)))
		return;
	if (now < 0)
		now = 0; /* the file holds no negative times */
	if (mem_grow((void **)&b->log, &b->caplog, b->nlog + 1, sizeof *b->log) != 0) {
		b->lost = 1;
	} else {
		r = &b->log[b->nlog];
		r->right = right != 0;
		r->now = now;
		if ((r->id = mem_strdup(id)) == NULL)
			b->lost = 1;
		else
			b->nlog++;
	}
	if (apply(&b->entries, &b->n, &b->cap, id, right, now) != 0)
		b->lost = 1;
}

const struct book_entry *
book_find(const struct book *b, const char *id)
{
	size_t i;
	int found;

	if (b == NULL || id == NULL)
		return NULL;
	i = search(b->entries, b->n, id, &found);
	return found ? &b->entries[i] : NULL;
}

int
book_save(struct book *b, char **err)
{
	struct book_entry *v = NULL;
	const struct book_entry *out;
	struct damage d;
	struct stat st;
	size_t n = 0, cap = 0, len, i, nout;
	char *text = NULL, *to = NULL, *target = NULL, *werr = NULL;
	int fd, r, status = -1, failed = 0;

	if (err != NULL)
		*err = NULL;
	if (b == NULL || b->path == NULL || b->dir == NULL) {
		errmsg_set(err, _("the wrong-answer book is not open"));
		return -1;
	}
	if (b->nlog == 0 && !b->lost)
		return 0; /* nothing to add: leave the file alone */
	if (make_dirs(b->dir) != 0) {
		errmsg_set(err, _("cannot create the directory %s: %s"), b->dir, strerror(errno));
		return -1;
	}
	if ((fd = lock_book(b->dir, err)) < 0)
		return -1;

	r = read_book(b->path, &v, &n, &cap, &d);
	if (r < 0) {
		errmsg_set(err, _("cannot read %s: %s"), b->path, strerror(errno));
		goto out;
	}
	if (r > 0) {
		/* Damaged since book_open: keep it aside and save this session's copy
		 * (what book_open read, with this session's answers). */
		if (set_aside(b->path, &to) != 0) {
			errmsg_set(err,
				   _("%s%s %s; it could not be moved aside (%s), so the "
				     "wrong-answer book was not saved"),
				   b->path, d.loc, d.what, strerror(errno));
			goto out;
		}
		out = b->entries;
		nout = b->n;
	} else {
		for (i = 0; i < b->nlog; i++) {
			if (apply(&v, &n, &cap, b->log[i].id, b->log[i].right, b->log[i].now) !=
			    0) {
				errmsg_set(err, _("cannot save %s: %s"), b->path, strerror(ENOMEM));
				goto out;
			}
		}
		out = v;
		nout = n;
	}
	if ((text = serialize(out, nout, &len)) == NULL) {
		errmsg_set(err, _("cannot save %s: %s"), b->path, strerror(ENOMEM));
		goto out;
	}
	/* A book.tsv that is a symbolic link (say, into a synced folder) is
	 * written where it points, and stays a link. */
	if (lstat(b->path, &st) == 0 && S_ISLNK(st.st_mode))
		target = realpath(b->path, NULL);
	if (atomic_write(target != NULL ? target : b->path, text, len, 0600, &werr) != 0) {
		if (r > 0) {
			errmsg_set(err, _("%s%s %s; the file was moved to %s, and then: %s"),
				   b->path, d.loc, d.what, to,
				   werr != NULL ? werr : strerror(ENOMEM));
		} else if (err != NULL) {
			*err = werr;
			werr = NULL;
		}
		free(werr);
		/* Only the directory's fsync failed when the new book is in place:
		 * then this session's answers are in it and must not be replayed
		 * by another save. */
		if (!holds(target != NULL ? target : b->path, text, len))
			goto out;
		failed = 1;
	}

	if (r == 0) {
		free_entries(b->entries, b->n);
		b->entries = v;
		b->n = n;
		b->cap = cap;
		v = NULL;
		n = 0;
	}
	clear_log(b);
	status = 0;
	if (failed) {
		status = -1; /* the message is set */
	} else if (r > 0) {
		errmsg_set(err,
			   _("%s%s %s; the file was moved to %s and the wrong-answer book was "
			     "saved from this session's copy"),
			   b->path, d.loc, d.what, to);
		status = 1;
	} else if (b->lost) {
		errmsg_set(err, _("out of memory: some answers of this session could not be kept "
				  "in the wrong-answer book"));
		status = -1;
	}
	b->lost = 0;
out:
	close(fd); /* unlocks */
	free_entries(v, n);
	mem_free(text);
	mem_free(to);
	free(target);
	return status;
}

void
book_free(struct book *b)
{
	if (b == NULL)
		return;
	free_entries(b->entries, b->n);
	clear_log(b);
	mem_free(b->log);
	mem_free(b->path);
	mem_free(b->dir);
	memset(b, 0, sizeof *b);
}
