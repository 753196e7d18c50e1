/* unit_counts.c — unit tests for the navigator's counts kept by triggers (schema 6, store/schema.c): after every kind
 * of write (edits, completion, target dates, leads, new actions, imports, undo, change sets applied) and on another
 * day, every view's count is the number of actions its list shows and store_check finds the kept counts right; a
 * count reads the kept rows, not the actions; and store_check says so when the kept counts are wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "store/internal.h"
#include "store/sync.h"
#include "tests/tracker_text.h"
#include "store/update.h"
#include "tests/two_plans.h"

#define NACTIONS 2000


static char dir[64], path_a[128], path_b[128], file[128];

/* n actions from R<first> over both plans: every kind of target (past, soon, later, none), some complete. */
static void actions_csv(struct buf *b, int first, int n)
{
	static const char *const due[] = {"Sep-25", "30/06/2026", "Jun-26 (Revised Aug-27)", "Ongoing", "Dec-26", "Year 1",
					  "15/07/2026", "Mar-26", "01/06/2026", "10/06/2026"};
	static const char *const leads[] = {"Simon Parry", "Judith Willis; Simon Parry", "alex simmonds", "", "SP; Judith Willis"};
	buf_add(b, "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n");
	for (int i = first; i < first + n; i++) {
		bool done = i % 9 == 4;
		buf_printf(b, "%s,R%d,%s,Action %d,Body %d,,,,%s,%s,%s,%c,,%s\n", i % 3 ? "P1" : "P2", i,
			   i % 3 ? (i % 2 ? "S1" : "S2") : "T1", i, i, leads[i % 5], due[i % 10],
			   done ? "complete" : "in_progress", "GAR"[i % 3], done ? "2026-01-31" : "");
	}
}

static struct store *open_db(const char *path, int flags)
{
	struct store *s;
	struct pb_error e = {0};
	if (store_open(path, flags, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Tester");
	return s;
}

static int setup(void **state)
{
	struct buf b = {0};
	snprintf(dir, sizeof dir, "/tmp/pb-unit-counts-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path_a, sizeof path_a, "%s/a.db", dir);
	snprintf(path_b, sizeof path_b, "%s/b.db", dir);
	snprintf(file, sizeof file, "%s/changes.pbsync", dir);
	struct store *s = open_db(path_a, STORE_CREATE);
	import_two_plans(s);
	actions_csv(&b, 0, NACTIONS);
	import_or_fail(s, CSVIO_ACTIONS, buf_str(&b));
	buf_free(&b);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	char cmd[200];
	store_close(*state);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- what the user would see ---- */

static int count_row(void *ctx, const struct action_row *row)
{
	(void)row;
	(*(long *)ctx)++;
	return PB_OK;
}

/* How many actions the list of f shows (read from the actions, not from the kept counts). */
static long listed(struct store *s, const struct action_filter *f)
{
	long n = 0;
	struct pb_error e = {0};
	if (store_list_actions(s, f, SORT_PLAN, 0, -1, count_row, &n, &e) != PB_OK)
		fail_msg("list: %s", e.msg);
	return n;
}

static long counted(struct store *s, const struct action_filter *f)
{
	long n = -1;
	struct pb_error e = {0};
	if (store_count_actions(s, f, &n, &e) != PB_OK)
		fail_msg("count: %s", e.msg);
	return n;
}

static int add_section(void *ctx, const char *plan, long section_id, long n)
{
	(void)plan, (void)section_id;
	*(long *)ctx += n;
	return PB_OK;
}

/* Problems store_check finds with the kept counts. */
static int note_counts_problem(void *ctx, const char *problem)
{
	if (strncmp(problem, "counts:", 7) == 0)
		snprintf(ctx, 512, "%s", problem);
	return PB_OK;
}

static char counts_problem[512];

static const char *check_counts(struct store *s)
{
	long problems;
	struct pb_error e = {0};
	counts_problem[0] = '\0';
	if (store_check(s, note_counts_problem, counts_problem, &problems, &e) != PB_OK)
		fail_msg("check: %s", e.msg);
	return counts_problem;
}

static long officer(struct store *s, const char *name)
{
	long id;
	struct pb_error e = {0};
	if (store_find_officer(s, name, &id, NULL, 0, &e) != PB_OK)
		fail_msg("%s", e.msg);
	return id;
}

/* Every view the navigator counts — overdue, due soon, all — under every owner filter (none too) and every plan (none
 * too), mine under another's filter, and the tree: each count is what the list shows; store_check agrees. */
static void expect_counts_right(struct store *s, const char *after)
{
	long owners[] = {0, officer(s, "Simon Parry"), officer(s, "Judith Willis"), officer(s, "alex simmonds"), -1};
	const char *plans[] = {NULL, "P1", "P2"};
	struct pb_error e = {0};
	for (size_t o = 0; o < sizeof owners / sizeof owners[0]; o++) {
		for (size_t p = 0; p < sizeof plans / sizeof plans[0]; p++) {
			struct action_filter views[] = {
				{.owner_id = owners[o], .plan = plans[p], .overdue = true},
				{.owner_id = owners[o], .plan = plans[p], .due_within = 30},
				{.owner_id = owners[o], .plan = plans[p]},
			};
			for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
				if (counted(s, &views[v]) != listed(s, &views[v]))
					fail_msg("after %s: owner %ld, plan %s, view %zu: counted %ld, listed %ld", after, owners[o],
						 plans[p] ? plans[p] : "any", v, counted(s, &views[v]), listed(s, &views[v]));
		}
		long tree = 0;
		struct action_filter base = {.owner_id = owners[o]};
		assert_int_equal(store_count_by_section(s, &base, add_section, &tree, &e), PB_OK);
		assert_int_equal(tree, listed(s, &base));
	}
	struct action_filter both = {.owner_id = owners[2], .also_owner_id = owners[1]};
	assert_int_equal(counted(s, &both), listed(s, &both));
	if (*check_counts(s))
		fail_msg("after %s: %s", after, counts_problem);
}

static long action(struct store *s, const char *plan, const char *ref)
{
	long id;
	struct pb_error e = {0};
	if (store_find_action(s, plan, ref, &id, &e) != PB_OK)
		fail_msg("%s", e.msg);
	return id;
}

/* Runs one change between store_undo_begin and store_undo_end, as the workbench does. */
#define RECORDED(s, id, what, call)                                                                     \
	do {                                                                                            \
		struct pb_error e_ = {0};                                                               \
		assert_int_equal(store_undo_begin((s), (id), &e_), PB_OK);                              \
		int st_ = (call);                                                                       \
		if (st_ != PB_OK)                                                                       \
			fail_msg("%s: %s", (what), e.msg);                                              \
		assert_int_equal(store_undo_end((s), (id), (what), st_, NULL, &e_), PB_OK);             \
		expect_counts_right((s), (what));                                                       \
	} while (0)

/* The officer's changes, each undoable: a target moved on, a completion, a status, leads and section, a new action;
 * then each undone. */
static long officer_changes(struct store *s)
{
	struct pb_error e = {0};
	long r0 = action(s, "P2", "R0"), r7 = action(s, "P1", "R7"), r1 = action(s, "P1", "R1"), r2 = action(s, "P1", "R2");
	long id = 0;
	expect_counts_right(s, "the import");
	RECORDED(s, r0, "R0 moved on", store_revise_due(s, r0, "Dec-27", "Moved on", &e));
	RECORDED(s, r7, "R7 completed", store_complete(s, r7, (struct date){2026, 6, 9}, &e));
	RECORDED(s, r1, "R1 on hold", store_set_status(s, r1, "on_hold", &e));
	RECORDED(s, r1, "R1 complete", store_set_status(s, r1, "complete", &e));
	struct action_edit edit = {.title = "Moved", .owners = "alex simmonds; Judith Willis", .section = "S1"};
	RECORDED(s, r2, "R2 leads and section", store_edit_action(s, r2, &edit, &e));
	struct action_edit fresh = {.title = "New", .owners = "Simon Parry; alex simmonds", .section = "T1"};
	assert_int_equal(store_undo_begin(s, 0, &e), PB_OK);
	int status = store_new_action(s, "P2", "N1", &fresh, "Mar-26", &id, &e);
	assert_int_equal(store_undo_end(s, id, "new N1", status, NULL, &e), PB_OK);
	expect_counts_right(s, "a new action");
	return id;
}

static void test_counts_follow_edits_and_undo(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	officer_changes(s);
	while (store_undo_count(s) > 0) {
		char what[200];
		assert_int_equal(store_undo(s, NULL, what, sizeof what, &e), PB_OK);
		expect_counts_right(s, what);
	}
}

/* An import changes leads, sections, targets and statuses of actions it has and adds others; a failed one keeps
 * nothing. */
static void test_counts_follow_imports(void **state)
{
	struct store *s = *state;
	struct store_import_result r;
	struct pb_error e = {0};
	struct buf b = {0};
	actions_csv(&b, NACTIONS - 100, 200);
	buf_add(&b, "P1,R1,S2,Action 1,Body 1,,,,alex simmonds,Sep-25,in_progress,R,,\n"
		    "P2,R3,T1,Action 3,Body 3,,,,Simon Parry; Judith Willis,01/06/2026,complete,G,,2026-05-01\n"
		    "P1,R4,,Action 4,Body 4,,,,,30/06/2026,in_progress,A,,\n"
		    "P1,R9000,S1,New twice,,,,,alex simmonds,30/06/2026,in_progress,A,,\n"
		    "P2,R9000,T1,New twice,,,,,Simon Parry; Judith Willis,Sep-25,in_progress,R,,\n"
		    "P1,R9000,S2,New twice,,,,,Judith Willis,Mar-26,complete,C,,2026-03-31\n");
	import_or_fail(s, CSVIO_ACTIONS, buf_str(&b));
	expect_counts_right(s, "an import (a new action given twice)");
	buf_free(&b);
	static const char tracker[] = "Ref,Action,Lead Officer,Target Date,RAG Rating,Status\n"
				      "T1,Tracker action one,Simon Parry and Judith Willis,30/06/2026,Amber,In progress\n"
				      "T2,Tracker action two,alex simmonds,Sep-25,Red,In progress\n"
				      "R1,Action 1 from the tracker,Judith Willis,Dec-26,Green,In progress\n";
	struct store_tracker_opts to = {.plan = "P1", .update = true};
	struct store_tracker_result tr;
	assert_int_equal(import_tracker_text(s, "tracker.csv", tracker, strlen(tracker), &to, &tr, &e), PB_OK);
	expect_counts_right(s, "a tracker's import");
	long t1 = action(s, "P1", "T1");
	RECORDED(s, t1, "T1, imported, completed", store_complete(s, t1, (struct date){2026, 6, 9}, &e));
	RECORDED(s, t1, "T1, imported, given back its target", store_set_status(s, t1, "in_progress", &e));
	actions_csv(&b, NACTIONS + 500, 20);
	buf_add(&b, "P9,R1,,No such plan,,,,,Simon Parry,Sep-25,in_progress,R,,\n");
	assert_int_not_equal(store_import(s, CSVIO_ACTIONS, "bad.csv", buf_str(&b), b.len, NULL, &r, &e), PB_OK);
	buf_free(&b);
	expect_counts_right(s, "a failed import");
}

/* Overdue and due soon follow today: the counts of another day are that day's lists. */
static void test_counts_follow_today(void **state)
{
	struct store *s = *state;
	struct action_filter overdue = {.overdue = true};
	const struct date days[] = {{2026, 6, 9}, {2026, 6, 30}, {2027, 1, 1}, {2025, 1, 1}, {2026, 6, 10}};
	long before = counted(s, &overdue);
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		store_set_today(s, days[i]);
		expect_counts_right(s, "another day");
	}
	store_set_today(s, (struct date){2026, 7, 1});
	assert_true(counted(s, &overdue) > before);
}

static void export_to(struct store *s, const char *to)
{
	struct sync_export_opts o = {.to = to};
	struct sync_summary sum;
	struct pb_error e = {0};
	if (store_sync_export(s, file, &o, &sum, &e) != PB_OK)
		fail_msg("export: %s", e.msg);
}

static void import_changes(struct store *s)
{
	struct sync_import_opts o = {0};
	struct sync_summary hdr;
	struct sync_import_result r;
	struct pb_error e = {0};
	if (store_sync_import(s, file, &o, &hdr, &r, &e) != PB_OK)
		fail_msg("import: %s", e.msg);
	assert_true(r.entries_applied > 0);
}

/* A change set applied on another laptop brings the counts with its rows: edits, new actions, and an action deleted
 * (a new one undone). */
static void test_counts_follow_change_sets(void **state)
{
	struct store *a = *state;
	struct sync_identity ib;
	struct pb_error e = {0};
	assert_int_equal(store_sync_clone(a, path_b, "b", &ib, &e), PB_OK);
	officer_changes(a);
	export_to(a, "b");
	struct store *b = open_db(path_b, 0);
	expect_counts_right(b, "cloning");
	import_changes(b);
	expect_counts_right(b, "a change set applied");
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_OK); /* the new action deleted */
	export_to(a, "b");
	import_changes(b);
	expect_counts_right(b, "a deletion applied");
	store_close(b);
}

/* A database of schema 5 gains the kept counts of the actions it has. */
static void test_migration_counts_what_there_is(void **state)
{
	struct store *s = *state;
	static const char back_to_5[] =
		"DROP TRIGGER count_action_ins; DROP TRIGGER count_action_del; DROP TRIGGER count_action_upd;"
		" DROP TRIGGER count_lead_ins; DROP TRIGGER count_lead_del; DROP TRIGGER count_lead_upd;"
		" DROP TABLE action_count; DROP TABLE open_due_count; DROP INDEX section_parent; DROP TABLE count_deferred;"
		" DROP INDEX snapshot_action_action;"
		" PRAGMA user_version = 5";
	assert_int_equal(store_schema_version(), 7);
	assert_int_equal(sqlite3_exec(s->db, back_to_5, NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
	*state = s = open_db(path_a, 0);
	expect_counts_right(s, "the migration");
	officer_changes(s);
}

/* Counting reads the kept rows: far fewer steps than there are actions, for the views and the tree alike. */
static int step(void *ctx)
{
	(*(long *)ctx)++;
	return 0;
}

static void test_counts_read_kept_rows(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long simon = officer(s, "Simon Parry"), owners[] = {0, simon};
	for (size_t o = 0; o < sizeof owners / sizeof owners[0]; o++) {
		struct action_filter views[] = {
			{.owner_id = owners[o], .overdue = true},
			{.owner_id = owners[o], .due_within = 30},
			{.owner_id = owners[o] ? owners[o] : simon},
			{.owner_id = owners[o]},
		};
		long counts[4], tree = 0, steps = 0;
		sqlite3_progress_handler(s->db, 1, step, &steps);
		assert_int_equal(store_count_nav(s, &views[3], views, 4, counts, add_section, &tree, &e), PB_OK);
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
		assert_int_equal(tree, counts[3]);
		assert_true(counts[3] > NACTIONS / 3);
		if (steps >= NACTIONS)
			fail_msg("owner %ld: %ld steps of SQLite to count %d actions", owners[o], steps, NACTIONS);
	}
}

/* Kept counts that disagree with the actions are a problem store_check names, per table. */
static void test_check_finds_wrong_counts(void **state)
{
	struct store *s = *state;
	assert_string_equal(check_counts(s), "");
	assert_int_equal(sqlite3_exec(s->db, "UPDATE action_count SET n = n + 1 WHERE officer_id = 0",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(check_counts(s), "(per plan and section) disagree with the actions"));
	assert_int_equal(sqlite3_exec(s->db, "UPDATE action_count SET n = n - 1 WHERE officer_id = 0;"
				      " DELETE FROM open_due_count WHERE officer_id = 0", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(check_counts(s), "(per target date) disagree with the actions"));
	assert_null(strstr(counts_problem, "per plan and section"));
	assert_non_null(strstr(counts_problem, "restore a backup"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_follow_edits_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_follow_imports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_follow_today, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_follow_change_sets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_counts_what_there_is, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_read_kept_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_finds_wrong_counts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
