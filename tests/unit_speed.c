/* unit_speed.c — unit tests for what makes the store fast at 100,000 actions (schema 3, store/actions.c,
 * store/import.c): pages read from the end equal the same rows read from the start, in every order; the RAG order in
 * parts; the search index kept by rowid through imports, edits and undo; each action's leads kept with its owners;
 * and a database made by schema 2 migrated with its search index and leads rebuilt. */
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
#include "store/update.h"
#include "tests/two_plans.h"

#define NACTIONS 3000 /* enough that a page near the end is read backwards (store/actions.c FAR_OFFSET) */


/* n actions over both plans: every kind of target (past, soon, later, none), some complete, some revised. */
static void actions_csv(struct buf *b, int n)
{
	static const char *const due[] = {"Sep-25", "30/06/2026", "Jun-26 (Revised Aug-27)", "Ongoing", "Dec-26", "Year 1",
					  "15/07/2026", "Mar-26"};
	static const char *const leads[] = {"Simon Parry", "Judith Willis; Simon Parry", "alex simmonds", "", "SP; Judith Willis"};
	buf_add(b, "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n");
	for (int i = 0; i < n; i++) {
		bool done = i % 9 == 4;
		buf_printf(b, "%s,R%d,%s,Action %d on %s,Body text %d,,,,%s,%s,%s,%c,,%s\n", i % 3 ? "P1" : "P2", i,
			   i % 3 ? (i % 2 ? "S1" : "S2") : "T1", i, i % 5 ? "fire doors" : "damp surveys", i, leads[i % 5],
			   due[i % 8], done ? "complete" : "in_progress", "GARC"[i % 4], done ? "2026-01-31" : "");
	}
}

static int setup(void **state)
{
	struct store *s;
	struct pb_error e = {0};
	struct buf b = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("%s", e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Tester");
	import_two_plans(s);
	actions_csv(&b, NACTIONS);
	import_or_fail(s, CSVIO_ACTIONS, buf_str(&b));
	buf_free(&b);
	long id;
	if (store_find_action(s, "P1", "R1", &id, &e) != PB_OK || store_revise_due(s, id, "Oct-27", "Supplier", &e) != PB_OK)
		fail_msg("%s", e.msg); /* pushed back this quarter: Amber although it is far off */
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* ---- pages ---- */

struct ids {
	long id[NACTIONS + 10];
	char rag[NACTIONS + 10];
	char leads[NACTIONS + 10][64];
	int n;
};

static int keep(void *ctx, const struct action_row *r)
{
	struct ids *l = ctx;
	if (l->n < NACTIONS + 10) {
		l->rag[l->n] = (char)r->rag_computed;
		snprintf(l->leads[l->n], sizeof l->leads[0], "%s", r->leads);
		l->id[l->n++] = r->id;
	}
	return PB_OK;
}

static void list(struct store *s, const struct action_filter *f, enum action_sort sort, long offset, long limit, struct ids *out)
{
	struct pb_error e = {0};
	out->n = 0;
	if (store_list_actions(s, f, sort, offset, limit, keep, out, &e) != PB_OK)
		fail_msg("list: %s", e.msg);
}

/* Every page, near the start, in the middle and near the end (read backwards), is the same slice of the whole list. */
static void test_pages_from_the_end_equal_from_the_start(void **state)
{
	struct store *s = *state;
	static struct ids all, page;
	struct action_filter filters[] = {{0}, {.overdue = true}, {.plan = "P1"}, {.owner_id = 0, .rag = 'G'}};
	for (size_t fi = 0; fi < sizeof filters / sizeof filters[0]; fi++) {
		for (int sort = SORT_PLAN; sort <= SORT_RAG; sort++) {
			list(s, &filters[fi], sort, 0, -1, &all);
			assert_true(all.n > 100);
			long offsets[] = {0, 40, all.n / 2, all.n - 80, all.n - 40, all.n - 7, all.n};
			for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
				list(s, &filters[fi], sort, offsets[k], 40, &page);
				long want = all.n - offsets[k] < 40 ? all.n - offsets[k] : 40;
				assert_int_equal(page.n, want);
				for (int i = 0; i < page.n; i++)
					if (page.id[i] != all.id[offsets[k] + i])
						fail_msg("filter %zu sort %d offset %ld row %d: %ld, the whole list has %ld", fi, sort,
							 offsets[k], i, page.id[i], all.id[offsets[k] + i]);
			}
		}
	}
}

/* SORT_RAG, read in parts: Red, Amber (a target pushed back this quarter included), Green, Complete, and each
 * action once. */
static void test_rag_order_in_parts(void **state)
{
	struct store *s = *state;
	static struct ids all;
	struct action_filter f = {0};
	long n;
	struct pb_error e = {0};
	list(s, &f, SORT_RAG, 0, -1, &all);
	assert_int_equal(store_count_actions(s, &f, &n, &e), PB_OK);
	assert_int_equal(all.n, n);
	const char *order = "RAGC";
	for (int i = 1; i < all.n; i++)
		assert_true(strchr(order, all.rag[i - 1]) <= strchr(order, all.rag[i]));
	long pushed;
	assert_int_equal(store_find_action(s, "P1", "R1", &pushed, &e), PB_OK);
	for (int i = 0; i < all.n; i++)
		if (all.id[i] == pushed)
			assert_int_equal(all.rag[i], 'A');
	for (int i = 0; i < all.n; i++)
		for (int j = i + 1; j < all.n && j < i + 50; j++)
			assert_true(all.id[i] != all.id[j]);
}

/* ---- search ---- */

static long search_count(struct store *s, const char *typed)
{
	struct action_filter f = {.search = typed};
	long n = -1;
	struct pb_error e = {0};
	if (store_count_actions(s, &f, &n, &e) != PB_OK)
		fail_msg("%s", e.msg);
	return n;
}

/* What an import adds is indexed at its end: actions, their updates and engagement records linked to them; an import
 * that fails indexes nothing, and a change after it is indexed at once. */
static void test_import_indexes_every_row(void **state)
{
	struct store *s = *state;
	struct store_import_result r;
	struct pb_error e = {0};
	assert_int_equal(search_count(s, "damp"), NACTIONS / 5);
	import_or_fail(s, CSVIO_UPDATES, "plan,ref,period,noted_on,author,text\n"
				 "P1,R1,2025/26 Q4,2026-03-31,Simon Parry,Scaffolding booked for the tower\n"
				 "P1,R2,2025/26 Q4,2026-03-31,Simon Parry,Scaffolding delayed\n");
	import_or_fail(s, CSVIO_METHODS, "name,formality,description\nWalkabout,informal,\n");
	import_or_fail(s, CSVIO_ENGAGEMENTS, "ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,"
				     "tenants_basis,tenants_scope,tenants_text,standard,summary,you_said,we_did,actions\n"
				     "ENG-1,Estate walkabout,Housing,Walkabout,Batchley,2026-05-01,,,one_off,,unknown,,,,"
				     "Tenants showed us the bin stores,,,P1:R4; P2:R3\n");
	assert_int_equal(search_count(s, "scaffolding"), 2);
	assert_int_equal(search_count(s, "scaf"), 2);
	assert_int_equal(search_count(s, "bin stores"), 2);
	static const char bad[] = "plan,ref,period,noted_on,author,text\n"
				  "P1,R5,2025/26 Q4,2026-03-31,Simon Parry,Quokka sighting\n"
				  "P1,R6,2025/26 Q4,not a date,Simon Parry,Quokka again\n";
	assert_int_equal(store_import(s, CSVIO_UPDATES, "bad.csv", bad, strlen(bad), NULL, &r, &e), PB_BAD_INPUT);
	assert_int_equal(search_count(s, "quokka"), 0);
	long id;
	assert_int_equal(store_find_action(s, "P1", "R5", &id, &e), PB_OK);
	assert_int_equal(store_add_update(s, id, NULL, "Quokka survey done", &e), PB_OK);
	assert_int_equal(search_count(s, "quokka"), 1);
}

/* Edits replace an action's document, undo puts the old one back, and where a search matched is found by rowid. */
static void test_search_follows_edits_and_undo(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id;
	assert_int_equal(store_find_action(s, "P1", "R7", &id, &e), PB_OK);
	assert_int_equal(store_undo_begin(s, id, &e), PB_OK);
	struct action_edit edit = {.title = "Replace the lifts", .owners = "Judith Willis"};
	assert_int_equal(store_undo_end(s, id, "edit", store_edit_action(s, id, &edit, &e), NULL, &e), PB_OK);
	assert_int_equal(search_count(s, "lifts"), 1);
	struct search_snippet snip;
	assert_int_equal(store_search_snippet(s, id, "lifts", &snip, &e), PB_OK);
	assert_string_equal(snip.kind, "action");
	assert_non_null(strstr(snip.text, "\x01lifts\x02"));
	assert_int_equal(store_undo_begin(s, id, &e), PB_OK);
	assert_int_equal(store_undo_end(s, id, "note", store_add_update(s, id, NULL, "Escalator parts ordered", &e), NULL, &e), PB_OK);
	assert_int_equal(store_search_snippet(s, id, "escalator", &snip, &e), PB_OK);
	assert_string_equal(snip.kind, "update");
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	assert_int_equal(search_count(s, "escalator"), 0);
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	assert_int_equal(search_count(s, "lifts"), 0);
	assert_int_equal(store_search_snippet(s, id, "doors", &snip, &e), PB_OK);
	assert_string_equal(snip.kind, "action");
}

/* ---- leads ---- */

static const char *leads_of(struct store *s, const char *ref)
{
	static struct ids one;
	struct action_filter f = {.plan = "P1"};
	struct pb_error e = {0};
	long id;
	if (store_find_action(s, "P1", ref, &id, &e) != PB_OK)
		fail_msg("%s", e.msg);
	list(s, &f, SORT_PLAN, 0, -1, &one);
	for (int i = 0; i < one.n; i++)
		if (one.id[i] == id)
			return one.leads[i];
	return NULL;
}

/* An action's leads, in order, follow its owners: added, reordered, removed, and an officer's name respelt. */
static void test_leads_follow_owners(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id;
	assert_string_equal(leads_of(s, "R1"), "Judith Willis; Simon Parry");
	assert_string_equal(leads_of(s, "R4"), "Simon Parry; Judith Willis"); /* "SP" is Simon Parry's alias */
	assert_int_equal(store_find_action(s, "P1", "R1", &id, &e), PB_OK);
	struct action_edit edit = {.title = "Action 1 on fire doors", .owners = "Simon Parry; alex simmonds; Judith Willis"};
	assert_int_equal(store_edit_action(s, id, &edit, &e), PB_OK);
	assert_string_equal(leads_of(s, "R1"), "Simon Parry; alex simmonds; Judith Willis");
	edit.owners = "alex simmonds";
	assert_int_equal(store_edit_action(s, id, &edit, &e), PB_OK);
	assert_string_equal(leads_of(s, "R1"), "alex simmonds");
	import_or_fail(s, CSVIO_OFFICERS, "name,role,team,email,aliases\nAlex Simmonds,Officer,Housing,,\n");
	assert_string_equal(leads_of(s, "R1"), "Alex Simmonds");
	assert_string_equal(leads_of(s, "R2"), "Alex Simmonds");
	assert_string_equal(leads_of(s, "R8"), "");
}

/* The leads kept by triggers change nothing in the audit trail; the owners changed are audited as before. */
static void test_leads_are_not_audited_owners_are(void **state)
{
	struct store *s = *state;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM audit WHERE field = 'leads'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM audit WHERE field = 'owner'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(sqlite3_column_int(st, 0) >= NACTIONS);
	sqlite3_finalize(st);
}

/* ---- migration ---- */

/* A database made by schema 2 (search documents numbered as they came, no leads column) is upgraded: its search index
 * is rebuilt with rowids by action and its leads filled in. */
static void test_migration_from_schema_2(void **state)
{
	char path[] = "/tmp/unit_speed_XXXXXX";
	int fd = mkstemp(path);
	sqlite3 *db;
	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int v = 0; v < 2; v++)
		assert_int_equal(sqlite3_exec(db, store_schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA user_version = 2;"
				      "INSERT INTO plan(code, title, position) VALUES ('P', 'Plan', 1);"
				      "INSERT INTO officer(name, name_key) VALUES ('Ann Lee', 'ann lee'), ('Bo Chen', 'bo chen');"
				      "INSERT INTO action(plan_id, ref, ref_key, title, position, created_at, updated_at)"
				      " VALUES (1, 'A1', 'a1', 'Boiler replacement', 1, 'x', 'x'), (1, 'A2', 'a2', 'Roof survey', 2, 'x', 'x');"
				      "INSERT INTO action_owner VALUES (2, 2, 1, 'Bo Chen'), (2, 1, 2, 'Ann Lee');"
				      "INSERT INTO progress_update(action_id, noted_on, text, created_at) VALUES (1, '2026-03-31', 'Gutters cleared', 'x');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct store *s;
	struct pb_error e = {0};
	assert_int_equal(store_open(path, 0, &s, &e), PB_OK);
	store_set_today(s, (struct date){2026, 6, 9});
	assert_int_equal(search_count(s, "gutters"), 1);
	assert_int_equal(search_count(s, "roof"), 1);
	struct action_filter f = {.search = "gutt"};
	static struct ids hit;
	list(s, &f, SORT_RANK, 0, -1, &hit);
	assert_int_equal(hit.n, 1);
	assert_int_equal(hit.id[0], 1);
	struct action_filter all = {0};
	list(s, &all, SORT_OWNER, 0, -1, &hit);
	assert_int_equal(hit.n, 2);
	assert_string_equal(hit.leads[0], "Bo Chen; Ann Lee");
	assert_string_equal(hit.leads[1], "");
	store_close(s);
	char side[64];
	unlink(path);
	snprintf(side, sizeof side, "%s.bak-v2", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "rm -rf %s.backups", path);
	assert_int_equal(system(side), 0);
}

/* ---- a search as typed: capped ---- */

static long count(struct store *s, const struct action_filter *f)
{
	struct pb_error e = {0};
	long n = -1;
	if (store_count_actions(s, f, &n, &e) != PB_OK)
		fail_msg("count: %s", e.msg);
	return n;
}

static int by_id(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* A search that matches more than its cap counts as the cap plus one ("1,000+") and lists the first actions found
 * (the lowest ids that match), in plan order when ranking was asked; pages are slices of that list. */
static void test_search_capped_when_common(void **state)
{
	struct store *s = *state;
	static struct ids all, capped, page, plan;
	struct action_filter every = {.search = "fir"}, f = {.search = "fir", .search_cap = STORE_SEARCH_CAP};
	assert_int_equal(count(s, &every), NACTIONS * 4 / 5);
	assert_int_equal(count(s, &f), STORE_SEARCH_CAP + 1);
	list(s, &every, SORT_PLAN, 0, -1, &all);
	list(s, &f, SORT_RANK, 0, -1, &capped);
	assert_int_equal(capped.n, STORE_SEARCH_CAP);
	qsort(all.id, (size_t)all.n, sizeof all.id[0], by_id);
	memcpy(&plan, &capped, sizeof plan);
	qsort(plan.id, (size_t)plan.n, sizeof plan.id[0], by_id);
	for (int i = 0; i < plan.n; i++)
		if (plan.id[i] != all.id[i])
			fail_msg("the %dth lowest id found is %ld, the %dth lowest that matches %ld", i, plan.id[i], i, all.id[i]);
	list(s, &f, SORT_PLAN, 0, -1, &plan);
	assert_memory_equal(plan.id, capped.id, sizeof capped.id[0] * (size_t)capped.n);
	long offsets[] = {0, 40, 500, STORE_SEARCH_CAP - 40, STORE_SEARCH_CAP - 7};
	for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
		list(s, &f, SORT_RANK, offsets[k], 40, &page);
		long want = STORE_SEARCH_CAP - offsets[k] < 40 ? STORE_SEARCH_CAP - offsets[k] : 40;
		assert_int_equal(page.n, want);
		assert_memory_equal(page.id, capped.id + offsets[k], sizeof page.id[0] * (size_t)page.n);
	}
	list(s, &f, SORT_RAG, 0, -1, &page);
	assert_int_equal(page.n, STORE_SEARCH_CAP);
	/* with another filter: the first found that pass it */
	struct action_filter mine = f;
	mine.plan = "P2";
	every.plan = "P2";
	long n = count(s, &every);
	assert_int_equal(count(s, &mine), n > STORE_SEARCH_CAP ? STORE_SEARCH_CAP + 1 : n);
}

/* A search that matches at most STORE_SEARCH_RANKED actions is counted exactly and ranked as an uncapped one; one that
 * matches more, but at most its cap, is counted exactly and listed whole in plan order. */
static void test_search_ranked_when_selective(void **state)
{
	struct store *s = *state;
	static struct ids all, capped;
	struct action_filter every = {.search = "r12"}, f = {.search = "r12", .search_cap = STORE_SEARCH_CAP};
	assert_int_equal(count(s, &f), 111); /* R12, R120-R129, R1200-R1299 */
	list(s, &every, SORT_RANK, 0, -1, &all);
	list(s, &f, SORT_RANK, 0, -1, &capped);
	assert_int_equal(capped.n, all.n);
	assert_memory_equal(capped.id, all.id, sizeof all.id[0] * (size_t)all.n);
	every.search = f.search = "damp surv";
	assert_int_equal(count(s, &f), NACTIONS / 5);
	list(s, &every, SORT_PLAN, 0, -1, &all);
	list(s, &f, SORT_RANK, 0, -1, &capped);
	assert_int_equal(capped.n, NACTIONS / 5);
	assert_memory_equal(capped.id, all.id, sizeof all.id[0] * (size_t)all.n);
}

/* An officer who leads many actions (here 1,800 of 3,000): the list is read in its order with the owner a filter, and
 * is the whole list's rows that name them, in the same order, page by page. */
static void test_many_owned_read_in_order(void **state)
{
	struct store *s = *state;
	static struct ids all, mine, page;
	struct pb_error e = {0};
	long simon;
	assert_int_equal(store_find_officer(s, "Simon Parry", &simon, NULL, 0, &e), PB_OK);
	for (int sort = SORT_PLAN; sort <= SORT_RAG; sort++) {
		struct action_filter every = {0}, f = {.owner_id = simon};
		list(s, &every, sort, 0, -1, &all);
		list(s, &f, sort, 0, -1, &mine);
		int n = 0;
		for (int i = 0; i < all.n; i++) {
			if (!strstr(all.leads[i], "Simon Parry"))
				continue;
			if (n >= mine.n || mine.id[n] != all.id[i])
				fail_msg("sort %d: row %d of Simon Parry's list is %ld, the whole list's next of his %ld", sort, n,
					 n < mine.n ? mine.id[n] : 0L, all.id[i]);
			n++;
		}
		assert_int_equal(n, mine.n);
		assert_true(n > 1000);
		long offsets[] = {0, 40, n / 2, n - 40, n - 7};
		for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
			list(s, &f, sort, offsets[k], 40, &page);
			assert_int_equal(page.n, n - offsets[k] < 40 ? n - offsets[k] : 40);
			assert_memory_equal(page.id, mine.id + offsets[k], sizeof page.id[0] * (size_t)page.n);
		}
		f.overdue = true;
		list(s, &f, sort, 0, 40, &page);
		for (int i = 0; i < page.n; i++)
			assert_true(page.rag[i] == RAG_RED);
	}
}

/* ---- the navigator's counts ---- */

struct tree {
	long total;
	long sections;
};

static int tally(void *ctx, const char *plan, long section_id, long n)
{
	struct tree *t = ctx;
	(void)plan;
	t->total += n;
	t->sections += section_id * n;
	return PB_OK;
}

/* Under an owner filter the views and the tree are counted in one pass: the same numbers as a count each. */
static void test_nav_counts_in_one_pass(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long simon, judith;
	assert_int_equal(store_find_officer(s, "Simon Parry", &simon, NULL, 0, &e), PB_OK);
	assert_int_equal(store_find_officer(s, "Judith Willis", &judith, NULL, 0, &e), PB_OK);
	long owners[] = {0, simon, judith};
	for (size_t k = 0; k < sizeof owners / sizeof owners[0]; k++) {
		long o = owners[k];
		struct action_filter views[] = {
			{.overdue = true, .owner_id = o, .plan = "P1"},
			{.due_within = 30, .owner_id = o},
			{.owner_id = o ? o : simon, .also_owner_id = o && o != simon ? simon : 0},
			{.owner_id = o, .rag_any = 'G'},
			{.owner_id = o},
		};
		enum { N = sizeof views / sizeof views[0] };
		struct action_filter base = {.owner_id = o};
		long counts[N];
		struct tree one = {0}, each = {0};
		assert_int_equal(store_count_nav(s, &base, views, N, counts, tally, &one, &e), PB_OK);
		for (int i = 0; i < N; i++)
			assert_int_equal(counts[i], count(s, &views[i]));
		assert_int_equal(store_count_by_section(s, &base, tally, &each, &e), PB_OK);
		assert_int_equal(one.total, each.total);
		assert_int_equal(one.sections, each.sections);
		assert_int_equal(one.total, count(s, &base));
	}
}

/* The navigator's counts are kept for the list only while nothing changes: a target moved on is counted again. */
static void test_kept_counts_forgotten_after_a_change(void **state)
{
	struct store *s = *state;
	static struct ids page;
	struct pb_error e = {0};
	long simon;
	assert_int_equal(store_find_officer(s, "Simon Parry", &simon, NULL, 0, &e), PB_OK);
	struct action_filter views[] = {{.overdue = true, .owner_id = simon}, {.owner_id = simon}};
	long counts[2];
	struct tree t = {0};
	assert_int_equal(store_count_nav(s, &views[1], views, 2, counts, tally, &t, &e), PB_OK);
	assert_int_equal(count(s, &views[0]), counts[0]);
	list(s, &views[0], SORT_PLAN, 0, 1, &page);
	assert_int_equal(page.n, 1);
	assert_int_equal(store_revise_due(s, page.id[0], "Dec-27", "Moved on", &e), PB_OK);
	assert_int_equal(count(s, &views[0]), counts[0] - 1);
	assert_int_equal(store_count_nav(s, &views[1], views, 2, counts, tally, &t, &e), PB_OK);
	assert_int_equal(count(s, &views[0]), counts[0]);
	store_set_today(s, (struct date){2030, 1, 1}); /* another day: another count */
	assert_int_not_equal(count(s, &views[0]), counts[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_from_the_end_equal_from_the_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rag_order_in_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_indexes_every_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_follows_edits_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leads_follow_owners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leads_are_not_audited_owners_are, setup, teardown),
		cmocka_unit_test(test_migration_from_schema_2),
		cmocka_unit_test_setup_teardown(test_search_capped_when_common, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_ranked_when_selective, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nav_counts_in_one_pass, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_owned_read_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_counts_forgotten_after_a_change, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
