/* unit_progress.c — unit tests for long work: the progress line (core/progress.c) — numbers, bar, fitting, how often
 * it is drawn, the Ctrl-C flag — and the store's loops that report to it and stop when told, writing nothing:
 * imports (canonical and trackers), exports of every kind and the report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/progress.h"
#include "core/text.h"
#include "store/import.h"
#include "tests/tracker_text.h"
#include "store/privacy.h"
#include "store/progress.h"
#include "store/store.h"

/* ---- the progress line ---- */

static void test_numbers(void **state)
{
	static const struct {
		long n;
		const char *text;
	} cases[] = {{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {12345, "12,345"}, {100000, "100,000"},
		     {1234567, "1,234,567"}, {-1234, "-1,234"}};
	char out[32];
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		progress_number(cases[i].n, out, sizeof out);
		assert_string_equal(out, cases[i].text);
	}
}

/* The line of the issue, with a bar whose marks are the share done, fitting the terminal less its last column. */
static void test_line_with_bar(void **state)
{
	struct progress p;
	char out[512];
	(void)state;
	progress_init(&p, "Importing actions.csv", "rows");
	progress_format(&p, 12345, 100000, 80, out, sizeof out);
	assert_non_null(strstr(out, "12,345 / 100,000 rows   12%"));
	assert_true(strncmp(out, "Importing actions.csv  [", 24) == 0);
	assert_true(text_width(out) <= 79);
	const char *open = strchr(out, '['), *close = strchr(out, ']');
	int width = (int)(close - open - 1), marks = 0;
	for (const char *c = open + 1; c < close; c++)
		marks += *c == '#';
	assert_true(width >= 10 && width <= 30);
	assert_int_equal(marks, 12345 * width / 100000);
	/* the line keeps its length as the count grows */
	char first[512], last[512];
	progress_format(&p, 1, 100000, 80, first, sizeof first);
	progress_format(&p, 100000, 100000, 80, last, sizeof last);
	assert_int_equal(strlen(first), strlen(out));
	assert_int_equal(strlen(last), strlen(out));
	assert_non_null(strstr(last, "100,000 / 100,000 rows  100%"));
	assert_null(strchr(last, '-'));
}

/* A narrow terminal loses the bar, then the end of the label; never the count. */
static void test_line_narrow(void **state)
{
	struct progress p;
	char out[512];
	(void)state;
	progress_init(&p, "Importing a-file-with-a-very-long-name.csv", "rows");
	progress_format(&p, 500, 4000, 50, out, sizeof out);
	assert_null(strchr(out, '['));
	assert_non_null(strstr(out, "  500 / 4,000 rows   12%"));
	assert_non_null(strstr(out, "…"));
	assert_true(text_width(out) <= 49);
	progress_format(&p, 500, 4000, 10, out, sizeof out);
	assert_non_null(strstr(out, "500 / 4,000 rows"));
}

/* Without a total, a count; with more done than the total said, the count is the total. */
static void test_line_without_total(void **state)
{
	struct progress p;
	char out[512];
	(void)state;
	progress_init(&p, "Exporting updates", "rows");
	progress_format(&p, 12345, 0, 80, out, sizeof out);
	assert_string_equal(out, "Exporting updates  12,345 rows");
	progress_format(&p, 3000, 2500, 80, out, sizeof out);
	assert_non_null(strstr(out, "3,000 / 3,000 rows  100%"));
}

/* Small work is never shown; big work at most every interval, always when it finishes, never twice for one count. */
static void test_rate_limit(void **state)
{
	struct progress p;
	(void)state;
	progress_init(&p, "Importing", "rows");
	assert_false(progress_due(&p, 10, PROGRESS_MIN_ROWS - 1, 0));
	assert_false(progress_due(&p, PROGRESS_MIN_ROWS - 1, PROGRESS_MIN_ROWS - 1, 1000));
	assert_false(p.shown);
	assert_false(progress_due(&p, 10, 0, 0)); /* no total: shown once the count is big */
	assert_true(progress_due(&p, PROGRESS_MIN_ROWS, 0, 0));
	progress_init(&p, "Importing", "rows");
	assert_true(progress_due(&p, 1, 10000, 5000));
	assert_true(p.shown);
	assert_false(progress_due(&p, 2, 10000, 5000 + PROGRESS_INTERVAL_MS - 1));
	assert_true(progress_due(&p, 3, 10000, 5000 + PROGRESS_INTERVAL_MS));
	assert_false(progress_due(&p, 3, 10000, 9000)); /* nothing new to say */
	assert_false(progress_due(&p, 9999, 10000, 5000 + PROGRESS_INTERVAL_MS + 1));
	assert_true(progress_due(&p, 10000, 10000, 5000 + PROGRESS_INTERVAL_MS + 2)); /* the end is always said */
	assert_false(progress_due(&p, 10000, 10000, 9999));
}

/* Ctrl-C only sets the flag; catching again starts clear. */
static void test_interrupt_flag(void **state)
{
	(void)state;
	progress_catch_interrupt();
	assert_false(progress_interrupted());
	assert_int_equal(raise(SIGINT), 0);
	assert_true(progress_interrupted());
	progress_release_interrupt();
	progress_catch_interrupt();
	assert_false(progress_interrupted());
	progress_release_interrupt();
	struct sigaction now;
	assert_int_equal(sigaction(SIGINT, NULL, &now), 0);
	assert_true(now.sa_handler == SIG_DFL);
}

/* ---- the store's loops ---- */

/* A hook that records what it was told and says stop at stop_at (0: never). */
struct recorder {
	long calls, done, total, max_total, stop_at;
};

static int record(void *ctx, long done, long total)
{
	struct recorder *r = ctx;
	r->calls++;
	if (done < r->done)
		fail_msg("done went back from %ld to %ld", r->done, done);
	r->done = done;
	r->total = total;
	if (total > r->max_total)
		r->max_total = total;
	return r->stop_at && done >= r->stop_at ? PB_INTERRUPTED : PB_OK;
}

static struct store *open_empty(void)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Test Officer");
	return s;
}

/* n plans, as a plans file. */
static void plans_csv(struct buf *b, int n)
{
	buf_add(b, "code,title\n");
	for (int i = 1; i <= n; i++)
		buf_printf(b, "P-%d,Plan %d\n", i, i);
}

/* n actions of plan BIG-1, as a tracker would hold them. */
static void actions_csv(struct buf *b, int n)
{
	buf_add(b, "Ref,Action,Lead Officer,Target Date,Status\n");
	for (int i = 1; i <= n; i++)
		buf_printf(b, "B%d,Big action %d,Simon Parry,31/12/2026,In progress\n", i, i);
}

/* What an export of kind writes, notes and all. */
static char *export_text(struct store *s, enum csvio_kind kind, const struct progress_hook *h, int expect)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = {0};
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	int status = store_export_progress(s, kind, NULL, STORE_EXPORT_NOTES, h, f, &e);
	fclose(f);
	if (status != expect)
		fail_msg("export of %s: %d (%s), expected %d", csvio_kind(kind)->name, status, e.msg, expect);
	return text;
}

static long lines_of(const char *text)
{
	long n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* A canonical import tells of every row; stopped, it writes nothing and says PB_INTERRUPTED. */
static void test_import_stops_writing_nothing(void **state)
{
	struct buf csv = {0};
	struct store_import_result r;
	struct pb_error e = {0};
	struct recorder rec = {.stop_at = 1000};
	struct progress_hook h = {record, &rec};
	struct store_import_opts o = {.progress = &h};
	(void)state;
	struct store *s = open_empty();
	plans_csv(&csv, 3000);
	assert_int_equal(store_import(s, CSVIO_PLANS, "plans.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_INTERRUPTED);
	assert_int_equal(rec.done, 1000);
	char *text = export_text(s, CSVIO_PLANS, NULL, PB_OK);
	assert_int_equal(lines_of(text), 1); /* the header only: nothing was written */
	free(text);
	rec = (struct recorder){0};
	assert_int_equal(store_import(s, CSVIO_PLANS, "plans.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_OK);
	assert_int_equal(rec.calls, 3001); /* each row, then a last look before committing */
	assert_int_equal(rec.done, 3000);
	assert_int_equal(rec.total, 3000);
	assert_int_equal(r.added, 3000);
	buf_free(&csv);
	store_close(s);
}

/* A tracker import tells of its rows against their total; stopped, not even the plan it would create is kept. */
static void test_tracker_import_stops_writing_nothing(void **state)
{
	struct buf csv = {0};
	struct store_tracker_result r;
	struct pb_error e = {0};
	struct recorder rec = {.stop_at = 700};
	struct progress_hook h = {record, &rec};
	struct store_tracker_opts o = {.plan = "BIG-1", .plan_title = "Big plan", .progress = &h};
	(void)state;
	struct store *s = open_empty();
	actions_csv(&csv, 2500);
	assert_int_equal(import_tracker_text(s, "big.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_INTERRUPTED);
	assert_int_equal(rec.done, 700);
	assert_int_equal(rec.total, 2500);
	assert_false(store_has_plan(s, "BIG-1"));
	rec = (struct recorder){0};
	assert_int_equal(import_tracker_text(s, "big.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_OK);
	assert_int_equal(rec.done, 2500);
	assert_int_equal(rec.max_total, 2500);
	assert_int_equal(r.added, 2500);
	buf_free(&csv);
	store_close(s);
}

/* Every kind's export says its true total (the rows it writes), of every plan and of one. */
static void test_export_totals_are_true(void **state)
{
	static const char *const files[][2] = {
		{"plans", "code,title,kind,starts_on,ends_on\nP-1,One,improvement,2026-04-01,\nP-2,Two,strategy,2026-04-01,\n"},
		{"sections", "plan,code,parent,title\nP-1,SQ,,Safety\nP-1,SQ.1,SQ,Part\nP-2,A,,Other\n"},
		{"officers", "name,role,team,email,aliases\nSimon Parry,AD,Property,,SP\nJane Willis,Manager,,,\n"},
		{"methods", "name,formality,description\nSurvey,formal,\nDrop-in,informal,\n"},
		{"actions", "plan,ref,section,title,leads,due\nP-1,A1,SQ,First,SP,31/05/2026\n"
			    "P-1,A2,SQ.1,Second,Jane Willis,Sep-25 (Revised Jan-26) REVISED MAY 2026\nP-2,B1,A,Third,SP,Jun-26 (Revised Sep-26)\n"},
		{"updates", "plan,ref,period,noted_on,author,text\nP-1,A1,2025/26 Q4,2026-03-01,SP,Started\nP-2,B1,2025/26 Q4,2026-03-02,SP,Late\n"},
		{"engagements", "ref,title,method,held_on,actions\nENG-1,Survey,Survey,2026-01-10,P-1:A1\nENG-2,Walk,Drop-in,2026-02-01,P-2:B1\n"},
	};
	struct pb_error e = {0};
	struct store_import_result r;
	(void)state;
	struct store *s = open_empty();
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		if (store_import(s, csvio_kind_from_name(files[i][0]), files[i][0], files[i][1], strlen(files[i][1]), NULL, &r, &e) != PB_OK)
			fail_msg("importing %s: %s", files[i][0], e.msg);
	for (int k = 0; k < CSVIO_NKINDS; k++) {
		for (int one = 0; one < 2; one++) {
			struct recorder rec = {0};
			struct progress_hook h = {record, &rec};
			char *text = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&text, &len);
			assert_int_equal(store_export_progress(s, k, one ? "P-1" : NULL, STORE_EXPORT_NOTES, &h, f, &e), PB_OK);
			fclose(f);
			if (rec.total != lines_of(text) - 1 || rec.done != rec.total || rec.total == 0)
				fail_msg("%s%s: told %ld of %ld, wrote %ld rows", csvio_kind(k)->name, one ? " of P-1" : "", rec.done,
					 rec.total, lines_of(text) - 1);
			free(text);
		}
	}
	store_close(s);
}

/* Stopped, an export writes no more rows and says PB_INTERRUPTED (the command removes its file). */
static void test_export_stops(void **state)
{
	struct buf csv = {0};
	struct store_import_result r;
	struct pb_error e = {0};
	struct recorder rec = {.stop_at = 250};
	struct progress_hook h = {record, &rec};
	(void)state;
	struct store *s = open_empty();
	plans_csv(&csv, 3000);
	assert_int_equal(store_import(s, CSVIO_PLANS, "plans.csv", buf_str(&csv), csv.len, NULL, &r, &e), PB_OK);
	char *text = export_text(s, CSVIO_PLANS, &h, PB_INTERRUPTED);
	assert_int_equal(lines_of(text), 1 + 250);
	assert_int_equal(rec.total, 3000);
	free(text);
	buf_free(&csv);
	store_close(s);
}

/* The report tells of each action of its per-section table, and stops when told; CSV, which has no table, tells none. */
static void test_report_stops(void **state)
{
	struct buf csv = {0}, out = {0};
	struct store_tracker_result r;
	struct pb_error e = {0};
	struct store_tracker_opts o = {.plan = "BIG-1", .plan_title = "Big plan"};
	(void)state;
	struct store *s = open_empty();
	actions_csv(&csv, 60);
	assert_int_equal(import_tracker_text(s, "big.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_OK);
	for (int f = REPORT_MD; f <= REPORT_HTML; f++) {
		struct store_report_opts ro = {.plan = "BIG-1", .format = f};
		struct recorder all = {0}, some = {.stop_at = 10};
		struct progress_hook h = {record, &all}, hs = {record, &some};
		FILE *sink = fopen("/dev/null", "w");
		assert_int_equal(store_report_write_progress(s, &ro, &h, sink, &e), PB_OK);
		assert_int_equal(all.done, f == REPORT_CSV ? 0 : 60);
		assert_int_equal(all.total, f == REPORT_CSV ? 0 : 60);
		if (f != REPORT_CSV) {
			assert_int_equal(store_report_write_progress(s, &ro, &hs, sink, &e), PB_INTERRUPTED);
			assert_int_equal(some.done, 10);
		}
		fclose(sink);
	}
	buf_free(&csv);
	buf_free(&out);
	store_close(s);
}

/* A backup tells of its pages; stopped, it leaves no file, neither the backup nor its temporary copy. */
static void test_backup_stops_leaving_nothing(void **state)
{
	char dir[] = "/tmp/pb_unit_progress_XXXXXX", db[300], out[300], written[1400], cmd[400];
	struct buf csv = {0};
	struct store_tracker_result r;
	struct pb_error e = {0};
	struct store *s = NULL;
	struct store_tracker_opts o = {.plan = "BIG-1", .plan_title = "Big plan"};
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/p.db", dir);
	snprintf(out, sizeof out, "%s/copy.db", dir);
	assert_int_equal(store_open(db, STORE_CREATE, &s, &e), PB_OK);
	actions_csv(&csv, 2000);
	assert_int_equal(import_tracker_text(s, "big.csv", buf_str(&csv), csv.len, &o, &r, &e), PB_OK);
	struct recorder some = {.stop_at = 1}, all = {0};
	struct progress_hook hs = {record, &some}, h = {record, &all};
	assert_int_equal(store_backup_progress(s, out, &hs, written, sizeof written, &e), PB_INTERRUPTED);
	assert_int_equal(some.calls, 1);
	snprintf(cmd, sizeof cmd, "test $(ls '%s' | grep -c copy) -eq 0", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(store_backup_progress(s, out, &h, written, sizeof written, &e), PB_OK);
	assert_string_equal(written, out);
	assert_true(all.total > 256); /* more than one step of pages, each told */
	assert_int_equal(all.done, all.total);
	assert_true(all.calls > 1);
	assert_int_equal(access(out, F_OK), 0);
	store_close(s);
	buf_free(&csv);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* widths and "…" as on a UTF-8 terminal */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_line_with_bar),
		cmocka_unit_test(test_line_narrow),
		cmocka_unit_test(test_line_without_total),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_interrupt_flag),
		cmocka_unit_test(test_import_stops_writing_nothing),
		cmocka_unit_test(test_tracker_import_stops_writing_nothing),
		cmocka_unit_test(test_export_totals_are_true),
		cmocka_unit_test(test_export_stops),
		cmocka_unit_test(test_report_stops),
		cmocka_unit_test(test_backup_stops_leaving_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
