/* unit_export.c — unit tests for the export of actions (store/export.c), which gathers each action's leads from one
 * ordered pass over actions and their owners: every field, the leads as written and in their order, actions without
 * leads, revised targets, quoting, one plan or all, positions out of id order or tied (updates and revisions too), and
 * stopping part way. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/progress.h"
#include "store/internal.h"
#include "store/privacy.h"
#include "store/progress.h"
#include "store/update.h"

static const char HEADER[] = "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n";

static const char PLANS_CSV[] = "code,title,kind,starts_on,ends_on\n"
				"P1,First plan,improvement,2025-04-01,2028-03-31\n"
				"P2,Second plan,strategy,2025-04-01,2028-03-31\n";
static const char SECTIONS_CSV[] = "plan,code,parent,title\nP1,S1,,One\nP1,S2,S1,Two\nP2,T1,,Three\n";
/* Simon is officer 1, so leads written "Judith Willis; SP" are out of officer order: the export keeps them as written. */
static const char OFFICERS_CSV[] = "name,role,team,email,aliases\n"
				   "Simon Parry,Head,Property,,SP\nJudith Willis,Head,Housing,,\nalex simmonds,Officer,Housing,,\n";
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"P2,B1,T1,Other plan's first,,,,,alex simmonds,Dec-26,in_progress,G,,\n"
	"P1,A1,S1,Fire doors,\"Survey, then replace \"\"all\"\" doors\nin two phases\",Doors done,100%,Safer blocks,"
	"Judith Willis; SP; alex simmonds,30/06/2026,in_progress,A,Supplier late,\n"
	"P1,A2,S2,Damp surveys,Every block,,,,,Sep-25,to_be_started,R,,\n"
	"P1,A3,,Lifts,,,,,SP,Mar-26,complete,C,,2026-03-20\n"
	"P1,A4,S1,Windows,,,,,Simon Parry; Judith Willis,Ongoing,in_progress,G,,\n";

static const char UPDATES_CSV[] = "plan,ref,period,noted_on,author,text\n"
				  "P1,A1,2025/26 Q3,2025-12-01,SP,A1 first\nP1,A2,2025/26 Q3,2025-12-15,SP,A2 first\n"
				  "P1,A1,2025/26 Q4,2026-03-01,SP,A1 second\nP1,A2,2025/26 Q4,2026-03-10,SP,A2 second\n";

/* What each action exports as once A4's target is revised to Oct-27 (its due then tells of the revision). */
static const char ROW_A1[] = "P1,A1,S1,Fire doors,\"Survey, then replace \"\"all\"\" doors\nin two phases\",Doors done,100%,"
			     "Safer blocks,Judith Willis; SP; alex simmonds,30/06/2026,in_progress,A,Supplier late,\n";
static const char ROW_A2[] = "P1,A2,S2,Damp surveys,Every block,,,,,Sep-25,to_be_started,R,,\n";
static const char ROW_A3[] = "P1,A3,,Lifts,,,,,SP,Mar-26,complete,C,,2026-03-20\n";
static const char ROW_A4[] = "P1,A4,S1,Windows,,,,,Simon Parry; Judith Willis,Ongoing (Revised Oct-27),in_progress,G,,\n";
static const char ROW_B1[] = "P2,B1,T1,Other plan's first,,,,,alex simmonds,Dec-26,in_progress,G,,\n";

static void import(struct store *s, enum csvio_kind kind, const char *csv)
{
	struct store_import_result r;
	struct pb_error e = {0};
	if (store_import(s, kind, csvio_kind(kind)->name, csv, strlen(csv), NULL, &r, &e) != PB_OK)
		fail_msg("import %s: %s", csvio_kind(kind)->name, e.msg);
}

static void sql(struct store *s, const char *statement)
{
	if (sqlite3_exec(s->db, statement, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", statement, sqlite3_errmsg(s->db));
}

static int setup(void **state)
{
	struct store *s;
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("%s", e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Tester");
	import(s, CSVIO_PLANS, PLANS_CSV);
	import(s, CSVIO_SECTIONS, SECTIONS_CSV);
	import(s, CSVIO_OFFICERS, OFFICERS_CSV);
	import(s, CSVIO_ACTIONS, ACTIONS_CSV);
	import(s, CSVIO_UPDATES, UPDATES_CSV);
	long id;
	if (store_find_action(s, "P1", "A4", &id, &e) != PB_OK || store_revise_due(s, id, "Oct-27", "Supplier", &e) != PB_OK)
		fail_msg("%s", e.msg);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* Stops when told at the row stop_at; counts what it was told. */
struct recorder {
	long calls, done, total, stop_at;
};

static int record(void *ctx, long done, long total)
{
	struct recorder *r = ctx;
	r->calls++;
	r->done = done;
	r->total = total;
	return r->stop_at && done >= r->stop_at ? PB_INTERRUPTED : PB_OK;
}

/* The export of kind (of plan when not NULL), notes and all, expecting status. */
static char *export_kind(struct store *s, enum csvio_kind kind, const char *plan, const struct progress_hook *h, int expect)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = {0};
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	int status = store_export_progress(s, kind, plan, STORE_EXPORT_NOTES, h, f, &e);
	fclose(f);
	if (status != expect)
		fail_msg("export of %s: %d (%s), expected %d", csvio_kind(kind)->name, status, e.msg, expect);
	return text;
}

static char *export_actions(struct store *s, const char *plan, const struct progress_hook *h, int expect)
{
	return export_kind(s, CSVIO_ACTIONS, plan, h, expect);
}

static void assert_export(struct store *s, const char *plan, const char *const *rows, size_t n)
{
	struct buf want = {0};
	buf_add(&want, HEADER);
	for (size_t i = 0; i < n; i++)
		buf_add(&want, rows[i]);
	char *text = export_actions(s, plan, NULL, PB_OK);
	assert_string_equal(text, buf_str(&want));
	free(text);
	buf_free(&want);
}

/* Every field of every action, the leads as they were written and in their order, plans in order. */
static void test_every_field_and_lead(void **state)
{
	const char *const rows[] = {ROW_A1, ROW_A2, ROW_A3, ROW_A4, ROW_B1};
	assert_export(*state, NULL, rows, 5);
}

/* One plan's actions only. */
static void test_one_plan(void **state)
{
	const char *const p1[] = {ROW_A1, ROW_A2, ROW_A3, ROW_A4}, *const p2[] = {ROW_B1};
	assert_export(*state, "P1", p1, 4);
	assert_export(*state, "P2", p2, 1);
}

/* Actions follow their positions, not the order they were made in; so do plans. */
static void test_positions_not_ids(void **state)
{
	struct store *s = *state;
	sql(s, "UPDATE action SET position = 10 - position WHERE plan_id = (SELECT id FROM plan WHERE code = 'P1');"
	       "UPDATE plan SET position = 3 - position");
	const char *const rows[] = {ROW_B1, ROW_A4, ROW_A3, ROW_A2, ROW_A1};
	assert_export(s, NULL, rows, 5);
}

/* Actions sharing a position (as a sync can leave them) each come out once, whole, with every lead; by target date. */
static void test_tied_positions(void **state)
{
	struct store *s = *state;
	sql(s, "UPDATE action SET position = 1 WHERE plan_id = (SELECT id FROM plan WHERE code = 'P1')");
	/* due dates: A2 Sep-25 (2025-09-30), A3 2026-03-31, A1 2026-06-30, A4 2027-10-31 */
	const char *const rows[] = {ROW_A2, ROW_A3, ROW_A1, ROW_A4, ROW_B1};
	assert_export(s, NULL, rows, 5);
}

/* Updates and revisions of actions sharing a position come action by action, in the actions' order. */
static void test_tied_positions_updates_and_revisions(void **state)
{
	struct store *s = *state;
	sql(s, "UPDATE action SET position = 1 WHERE plan_id = (SELECT id FROM plan WHERE code = 'P1')");
	char *text = export_kind(s, CSVIO_UPDATES, NULL, NULL, PB_OK);
	assert_string_equal(text, "plan,ref,period,noted_on,author,text\n"
				  "P1,A2,2025/26 Q3,2025-12-15,SP,A2 first\nP1,A2,2025/26 Q4,2026-03-10,SP,A2 second\n"
				  "P1,A1,2025/26 Q3,2025-12-01,SP,A1 first\nP1,A1,2025/26 Q4,2026-03-01,SP,A1 second\n");
	free(text);
	long id;
	struct pb_error e = {0};
	if (store_find_action(s, "P1", "A2", &id, &e) != PB_OK || store_revise_due(s, id, "Dec-26", "Access", &e) != PB_OK)
		fail_msg("%s", e.msg);
	text = export_kind(s, CSVIO_REVISIONS, "P1", NULL, PB_OK);
	const char *a2 = strstr(text, "\nP1,A2,1,"), *a4 = strstr(text, "\nP1,A4,1,");
	assert_true(a2 && a4 && a2 < a4); /* A2, now due Dec-26, before A4, due Oct-27 */
	free(text);
}

/* A lead's position, not its officer, orders the leads; one lead removed leaves the others in place. */
static void test_leads_after_a_change(void **state)
{
	struct store *s = *state;
	sql(s, "DELETE FROM action_owner WHERE written_as = 'SP' AND action_id = (SELECT id FROM action WHERE ref = 'A1')");
	char *text = export_actions(s, "P1", NULL, PB_OK);
	assert_non_null(strstr(text, ",Safer blocks,Judith Willis; alex simmonds,30/06/2026,"));
	assert_non_null(strstr(text, ROW_A3));
	free(text);
}

/* Told of each action against the total; stopped, it writes no more actions and says PB_INTERRUPTED. */
static void test_stops_part_way(void **state)
{
	struct recorder all = {0}, some = {.stop_at = 2};
	struct progress_hook h = {record, &all};
	char *text = export_actions(*state, NULL, &h, PB_OK);
	assert_int_equal(all.total, 5);
	assert_int_equal(all.done, 5);
	free(text);
	h.ctx = &some;
	text = export_actions(*state, NULL, &h, PB_INTERRUPTED);
	struct buf want = {0};
	buf_add(&want, HEADER);
	buf_add(&want, ROW_A1);
	buf_add(&want, ROW_A2);
	assert_string_equal(text, buf_str(&want));
	free(text);
	buf_free(&want);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_field_and_lead),
		T(test_one_plan),
		T(test_positions_not_ids),
		T(test_tied_positions),
		T(test_tied_positions_updates_and_revisions),
		T(test_leads_after_a_change),
		T(test_stops_part_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
