/*
 * test_interchange.c — import and export together: a bank exported to CSV
 * (also converted to GBK, as Excel on a Chinese Windows saves it) or GIFT
 * and imported again is the same bank, compared field by field in the loaded
 * model, for every shipped bank in questions/ and the fixtures made to be
 * hard; and the bank writer keeps every text whatever YAML would make of it.
 *
 * Run from tests/ (what 'make unit' does); JINGSAI_BANKS names the shipped
 * banks' directory (default ../questions).
 */
#include "import_check.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>

#include "bank.h"
#include "comp.h"
#include "bankyaml.h"
#include "csv.h"
#include "encoding.h"
#include "gift.h"
#include "mem.h"
#include "strbuf.h"

enum fmt { CSV_UTF8, CSV_GBK, GIFT };
static const char *const fmt_names[] = {"csv", "csv (GBK)", "gift"};

static const char *
banks_dir(void)
{
	const char *d = getenv("JINGSAI_BANKS");

	return d != NULL && *d != '\0' ? d : "../questions";
}

/* ---- comparing the model ------------------------------------------------------ */

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

#define DIFFER(field)                                                                              \
	do {                                                                                       \
		fail_msg("%s, %s: question '%s' differs in %s", what, fmt, a->id, field);          \
	} while (0)

static void
compare(const char *what, const char *fmt, const struct question *a, const struct question *b)
{
	size_t i, j;

	if (!same_text(a->id, b->id))
		DIFFER("id");
	if (a->type != b->type)
		DIFFER("type");
	if (!same_text(a->text, b->text))
		DIFFER("question");
	if (a->noptions != b->noptions)
		DIFFER("the number of options");
	for (i = 0; i < a->noptions; i++)
		if (!same_text(a->options[i], b->options[i]))
			DIFFER("an option");
	if (a->answer_keys != b->answer_keys)
		DIFFER("answer (keys)");
	if (a->type == QTYPE_JUDGE && a->answer_true != b->answer_true)
		DIFFER("answer (judge)");
	if (a->nblanks != b->nblanks)
		DIFFER("the number of blanks");
	for (i = 0; i < a->nblanks; i++) {
		if (a->blanks[i].nalts != b->blanks[i].nalts)
			DIFFER("the accepted answers of a blank");
		for (j = 0; j < a->blanks[i].nalts; j++)
			if (!same_text(a->blanks[i].alts[j], b->blanks[i].alts[j]))
				DIFFER("an accepted answer");
	}
	if (!same_text(a->reference, b->reference))
		DIFFER("answer (reference)");
	if (!same_text(a->explanation, b->explanation))
		DIFFER("explanation");
	if (!same_text(a->source, b->source))
		DIFFER("source");
	if (!same_text(a->category, b->category))
		DIFFER("category");
	if (a->ntags != b->ntags)
		DIFFER("the number of tags");
	for (i = 0; i < a->ntags; i++)
		if (!same_text(a->tags[i], b->tags[i]))
			DIFFER("a tag");
	if (a->difficulty != b->difficulty)
		DIFFER("difficulty");
	if (a->points != b->points)
		DIFFER("points");
	if (a->time != b->time)
		DIFFER("time");
	if ((a->type == QTYPE_SINGLE || a->type == QTYPE_MULTIPLE) &&
	    a->fixed_order != b->fixed_order)
		DIFFER("shuffle");
	if (!same_text(a->group, b->group))
		DIFFER("group");
}

/* ---- one round trip --------------------------------------------------------- */

/* s[0..n) in GBK (or, for a character GBK lacks, GB18030); the caller frees it. */
static char *
to_gbk(const char *s, size_t n, size_t *outlen, const char *what)
{
	static const char *const targets[] = {"GBK", "GB18030"};
	size_t t, left, room;
	char *out, *ip, *op;
	iconv_t cd;

	for (t = 0; t < 2; t++) {
		cd = iconv_open(targets[t], "UTF-8");
		assert_true(cd != (iconv_t)-1);
		out = malloc(n * 2 + 16);
		assert_non_null(out);
		ip = (char *)s, op = out, left = n, room = n * 2 + 16;
		if (iconv(cd, &ip, &left, &op, &room) != (size_t)-1) {
			iconv_close(cd);
			*outlen = (size_t)(op - out);
			return out;
		}
		assert_int_equal(errno, EILSEQ);
		iconv_close(cd);
		free(out);
		print_message("%s: a character GBK does not have; GB18030 instead\n", what);
	}
	fail_msg("%s: cannot convert to GB18030", what);
	return NULL;
}

static void
round_trip(const char *path, enum fmt f)
{
	struct bank_set orig, back;
	struct diag_list d1 = {0}, warn = {0}, d2 = {0}, d3 = {0};
	struct strbuf out = {0}, yaml = {0};
	struct qdoc doc;
	const struct question *q, *b;
	const char *err, *fmt = fmt_names[f];
	char *text, *raw;
	size_t len, rawlen, bad, i, left_out = 0;
	enum encoding enc;
	long written;

	bank_set_init(&orig);
	bank_set_init(&back);
	qdoc_init(&doc);
	assert_int_equal(bank_set_load_path(&orig, path, &d1), 0);
	if (d1.errors > 0) {
		print_diags(&d1);
		fail_msg("%s does not load", path);
	}
	written = f == GIFT ? gift_export(&out, orig.questions, orig.nquestions, &warn)
			    : csv_export(&out, orig.questions, orig.nquestions, &warn);
	assert_true(written >= 0);
	assert_int_equal((size_t)written + warn.warnings, orig.nquestions);

	raw = out.data;
	rawlen = out.len;
	if (f == CSV_GBK) {
		/* What Excel saves as "CSV" on a Chinese Windows: GBK, no BOM. */
		assert_true(rawlen >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0);
		raw = to_gbk(out.data + 3, out.len - 3, &rawlen, path);
	}
	assert_int_equal(enc_to_utf8(raw, rawlen, &text, &len, &enc, &bad), ENC_OK);
	assert_int_equal(enc, f == CSV_GBK ? ENC_GB18030 : f == GIFT ? ENC_UTF8 : ENC_UTF8_BOM);
	if (f == CSV_GBK)
		free(raw);
	assert_int_equal(f == GIFT ? gift_import(text, len, "out", &doc, &d2)
				   : csv_import(text, len, "out", &doc, &d2),
			 0);
	assert_int_equal(qdoc_assign_ids(&doc, "x", "out", &d2), 0);
	if (d2.count > 0) {
		print_diags(&d2);
		fail_msg("%s, %s: the export does not import cleanly", path, fmt);
	}
	assert_int_equal(bankyaml_write(&yaml, "back", doc.q, doc.n, &err), 0);
	assert_int_equal(bank_set_load_buffer(&back, "back.yaml", yaml.data, yaml.len, &d3), 0);
	for (i = 0; i < d3.count; i++)
		if (d3.items[i].severity == DIAG_ERROR ||
		    (strstr(d3.items[i].message, "has no 'explanation'") == NULL &&
		     strstr(d3.items[i].message, "has no 'source'") == NULL)) {
			print_diags(&d3);
			fail_msg("%s, %s: the bank written back does not load cleanly", path, fmt);
		}

	for (i = 0; i < orig.nquestions; i++) {
		q = orig.questions[i];
		b = bank_set_find(&back, q->id);
		if (b == NULL) {
			left_out++;
			continue;
		}
		compare(path, fmt, q, b);
	}
	assert_int_equal(left_out, warn.warnings);
	assert_int_equal(back.nquestions, orig.nquestions - left_out);
	/* Only a 填空 with several blanks has no place in GIFT. */
	for (i = 0; i < orig.nquestions; i++)
		if (bank_set_find(&back, orig.questions[i]->id) == NULL)
			assert_true(f == GIFT && orig.questions[i]->type == QTYPE_FILL &&
				    orig.questions[i]->nblanks > 1);

	mem_free(text);
	strbuf_free(&out);
	strbuf_free(&yaml);
	qdoc_free(&doc);
	diag_list_free(&d1);
	diag_list_free(&warn);
	diag_list_free(&d2);
	diag_list_free(&d3);
	bank_set_free(&orig);
	bank_set_free(&back);
}

static void
round_trips(const char *path)
{
	round_trip(path, CSV_UTF8);
	round_trip(path, CSV_GBK);
	round_trip(path, GIFT);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether path is a competition file rather than a bank (comp.h). */
static bool
is_competition_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;
	bool yes;

	assert_non_null(fp);
	buf = malloc(1 << 20);
	assert_non_null(buf);
	n = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	yes = comp_looks_like(buf, n);
	free(buf);
	return yes;
}

static void
test_shipped_banks(void **state)
{
	const char *dir = banks_dir();
	struct dirent *e;
	char *names[256], path[1024];
	size_t n = 0, i, len;
	DIR *d;

	(void)state;
	d = opendir(dir);
	if (d == NULL)
		fail_msg("cannot open %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL && n < 256) {
		len = strlen(e->d_name);
		if (e->d_name[0] != '.' && len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (is_competition_file(path)) {
			/* The example competition beside the banks is not a bank. */
			print_message("not a bank: %s\n", path);
			free(names[i]);
			continue;
		}
		round_trips(path);
		print_message("round trips: %s\n", path);
		free(names[i]);
	}
}

static void
test_fixtures(void **state)
{
	(void)state;
	round_trips("data/ok-all-types.yaml");
	round_trips("data/ok-interchange.yaml");
	round_trips("data/ok-shuffle-group.yaml");
}

/* ---- the bank writer -------------------------------------------------------------- */

static void
test_writer_keeps_texts(void **state)
{
	static const char *const texts[] = {
		"null",       "~",         "true",     "False",        "yes",          "no",
		"on",         "1984",      "0x1F",     "1e3",          "-1",           ".5",
		"1984-10-01", "12:30",     "- 开头",   "a: b",         "#号",          "a #b",
		"  前导空格", "尾随空格 ", "'单引号'", "\"双引号\"",   "[方括号]",     "{花括号}",
		"*星",        "&和",       "!叹号",    "%百分",        "@at",          "`反引号`",
		"|竖线",      ">大于",     "a\tb",     "多行\n第二行", "多行\n  缩进", "?问",
		",逗号",      "=",         "<<",       "全角：冒号",   "x\\y",         NULL};
	struct qdoc doc;
	struct bank_set set;
	struct diag_list d = {0};
	struct strbuf y = {0};
	struct question *q;
	const char *err;
	char id[16];
	size_t i, n = 0;

	(void)state;
	qdoc_init(&doc);
	for (i = 0; texts[i] != NULL; i++, n++) {
		q = qdoc_add(&doc, 1, 1);
		assert_non_null(q);
		snprintf(id, sizeof(id), "t-%zu", i);
		q->id = arena_strndup(&doc.arena, id, strlen(id));
		q->type = QTYPE_OPEN;
		q->text = texts[i];
		q->reference = texts[i];
		q->explanation = texts[i];
		q->source = "s";
	}
	assert_int_equal(bankyaml_write(&y, "标题: 冒号", doc.q, n, &err), 0);
	assert_true(strncmp(y.data, BANKYAML_SCHEMA_LINE, strlen(BANKYAML_SCHEMA_LINE)) == 0);
	bank_set_init(&set);
	assert_int_equal(bank_set_load_buffer(&set, "w.yaml", y.data, y.len, &d), 0);
	if (d.count > 0) {
		print_diags(&d);
		print_error("%s", y.data);
		fail_msg("the written bank does not load cleanly");
	}
	assert_int_equal(set.nquestions, n);
	assert_string_equal(set.banks[0].title, "标题: 冒号");
	for (i = 0; i < n; i++) {
		if (strcmp(set.questions[i]->text, texts[i]) != 0 ||
		    strcmp(set.questions[i]->reference, texts[i]) != 0)
			fail_msg("text [%s] came back as [%s]", texts[i], set.questions[i]->text);
	}
	/* Every question starts a line "- id:", after a blank line. */
	assert_int_equal(bankyaml_question_at(y.data, y.len, 1), -1);
	assert_int_equal(bankyaml_question_at(y.data, y.len, set.questions[0]->line), 0);
	assert_int_equal(bankyaml_question_at(y.data, y.len, set.questions[5]->line), 5);
	assert_int_equal(bankyaml_question_at(y.data, y.len, set.questions[5]->line + 1), 5);
	assert_non_null(strstr(y.data, "\n\n- id: t-1\n"));

	bank_set_free(&set);
	diag_list_free(&d);
	strbuf_free(&y);
	qdoc_free(&doc);
}

static void
test_writer_oom(void **state)
{
	struct qdoc doc;
	struct strbuf y = {0};
	struct question *q;
	const char *err;
	long base = mem_live(), k;
	int r;

	(void)state;
	qdoc_init(&doc);
	q = qdoc_add(&doc, 1, 1);
	assert_non_null(q);
	q->id = "a";
	q->type = QTYPE_JUDGE;
	q->text = "对吗？";
	for (k = 0; k < 8; k++) {
		mem_fail_after(k, 0);
		r = bankyaml_write(&y, "t", doc.q, doc.n, &err);
		mem_fail_after(-1, 0);
		assert_true(r == 0 || strcmp(err, "out of memory") == 0);
		strbuf_free(&y);
	}
	qdoc_free(&doc);
	assert_int_equal(mem_live(), base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_keeps_texts),
		cmocka_unit_test(test_writer_oom),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_shipped_banks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
