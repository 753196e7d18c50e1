/* unit_store.c — unit tests for store/ through store.h: opening, importing a small set of plans from
 * inline CSV, filters, sorts and paging, lookups, one action in full, changes (revise, RAG, status,
 * complete, notes), transactional imports, export→import round trips, and the consistency checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/csvio.h"
#include "core/date.h"
#include "core/error.h"
#include "core/rag.h"
#include "store/store.h"


/* ---- the fixture: three plans as the CSV files would hold them; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-2526,Housing Improvement Plan 2025/26,improvement,2025-04-01,2026-03-31\n"
	"HIP-2627,Housing Improvement Plan 2026/27,improvement,2026-04-01,2027-03-31\n"
	"HRS-2026,Homelessness and Rough Sleeping Strategy 2026-2031,strategy,2026-04-01,2031-03-31\n";

static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-2526,SQ,,Safety & Quality\n"
	"HIP-2627,SQ,,Safety & Quality\n"
	"HIP-2627,TIA,,\"Transparency, Influence & Accountability\"\n"
	"HIP-2627,TIA.1,TIA,Tenants are listened to\n"
	"HRS-2026,P2,,Targeted prevention\n";

static const char OFFICERS_CSV[] =
	"name,role,team,email,aliases\n"
	"Simon Parry,Assistant Director,Property Services,simon.parry@example.gov.uk,SP; Simon Parry (AD)\n"
	"Jane Willis,Neighbourhood & Tenancy Manager,Neighbourhoods,,J. Willis; N&T Manager\n";

static const char METHODS_CSV[] =
	"name,formality,description\n"
	"Survey,formal,Questionnaire to tenants\n"
	"Drop-in,informal,\n";

/* Computed RAG on 2026-06-09 in the comment at the end of each row. In HRS-2026, 2.10 comes before 2.9. */
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2526,SQ9,SQ,Independent review of fire safety 2025/26,,,,,SP,Mar-26,complete,G,,2026-03-31\n" /* C */
	"HIP-2627,SQ5,SQ,Implement Total Mobile for Repairs,\"Roll out, to every operative\",,,,Simon Parry,31/05/2026,In Progress,GREEN,,\n" /* R */
	"HIP-2627,SQ9,SQ,Independent review of fire safety,,,,,SP,Sep-25 (Revised Jan-26) REVISED MAY 2026,in_progress,R,,\n" /* R */
	"HIP-2627,SQ10,SQ,Damp and mould policy,\"Line one\n- a bullet\",,,,Jane Willis,Jun-26,in_progress,A,,\n" /* A */
	"HIP-2627,TIA1,TIA.1,Tenant scrutiny panel,,,,,N&T Manager,Sep-26,Not started,G,,\n" /* G */
	"HIP-2627,TIA13,TIA,Complaints handling review,,,,,J. Willis; Simon Parry,Complete,complete,C,,2026-03-15\n" /* C */
	"HRS-2026,2.10,P2,Youth homelessness protocol,,,,,Jane Willis,31/03/2027,in_progress,A,Waiting for partners,\n" /* G */
	"HRS-2026,2.9,P2,Early help pathway,,,,,Homeless Prevention Lead,Year 1,to_be_started,G,,\n" /* G */
	"HRS-2026,2.14,P2,Rough sleeper outreach,,,,,Homeless Prevention Lead,Ongoing,in_progress,,,\n"; /* G */

static const char UPDATES_CSV[] =
	"plan,ref,period,noted_on,author,text\n"
	"HIP-2627,SQ9,2025/26 Q3,2025-12-15,Simon Parry,Fire engineer appointed\n"
	"HIP-2627,SQ9,2025/26 Q4,2026-03-20,Simon Parry,\"Meeting held at Tolworth Towers and scope document issued to the external provider.\n- next: fieldwork\"\n"
	"HIP-2627,SQ10,2025/26 Q4,2026-03-01,Jane Willis,Policy drafted\n";

static const char ENGAGEMENTS_CSV[] =
	"ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,"
	"tenants_text,standard,summary,you_said,we_did,actions\n"
	"ENG-001,Repairs satisfaction survey,Tenant Experience,Survey,,2026-01-10,2026-02-10,Jan-Feb 2026,one_off,950,circa,"
	"total,Circa 950,TIA 1.3,Survey of recent repairs,Repairs take too long to book,We are buying a scheduling system,HIP-2627:SQ5\n"
	"ENG-002,Estate walkabout,Neighbourhoods,Drop-in,Cambridge Road,2026-05-02,,May 2026,quarterly,,unknown,,"
	"Unknown currently,NC 1.1,Walk round the estate,\"Mould in the flats, \"\"urgent\"\"\",Referred to the damp team,"
	"HIP-2627:SQ10; HIP-2627:TIA1\n";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

/* In the order they must be imported. */
static const struct fixture_file fixture[] = {
	{ CSVIO_PLANS, "plans.csv", PLANS_CSV },
	{ CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV },
	{ CSVIO_OFFICERS, "officers.csv", OFFICERS_CSV },
	{ CSVIO_METHODS, "methods.csv", METHODS_CSV },
	{ CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV },
	{ CSVIO_UPDATES, "updates.csv", UPDATES_CSV },
	{ CSVIO_ENGAGEMENTS, "engagements.csv", ENGAGEMENTS_CSV },
};
#define NFIXTURE ((int)(sizeof fixture / sizeof fixture[0]))

/* Every kind, in import order (revisions after actions). */
static const enum csvio_kind all_kinds[] = { CSVIO_PLANS, CSVIO_SECTIONS, CSVIO_OFFICERS, CSVIO_METHODS,
					     CSVIO_ACTIONS, CSVIO_REVISIONS, CSVIO_UPDATES, CSVIO_ENGAGEMENTS };
#define NKINDS ((int)(sizeof all_kinds / sizeof all_kinds[0]))

static struct date ymd(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

/* Asserts that e's message contains needle. */
static void assert_msg_has(const struct pb_error *e, const char *needle)
{
	if (!strstr(e->msg, needle))
		fail_msg("message \"%s\" does not contain \"%s\"", e->msg, needle);
}

/* An empty in-memory store with today 2026-06-09 and actor "Test Officer". */
static struct store *open_empty(void)
{
	struct store *s = NULL;
	struct pb_error e = { 0 };

	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open(:memory:): %s", e.msg);
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, "Test Officer");
	return s;
}

/* Imports text as kind; fails the test on error. */
static struct store_import_result import_ok(struct store *s, enum csvio_kind kind, const char *name, const char *text)
{
	struct store_import_result r;
	struct pb_error e = { 0 };

	if (store_import(s, kind, name, text, strlen(text), NULL, &r, &e) != PB_OK)
		fail_msg("importing %s: %s", name, e.msg);
	return r;
}

/* Imports text as kind expecting failure; returns the status, e holds the message. */
static int import_bad(struct store *s, enum csvio_kind kind, const char *name, const char *text, struct pb_error *e)
{
	struct store_import_result r;

	pb_error_clear(e);
	return store_import(s, kind, name, text, strlen(text), NULL, &r, e);
}

static void load_fixture(struct store *s)
{
	for (int i = 0; i < NFIXTURE; i++)
		import_ok(s, fixture[i].kind, fixture[i].name, fixture[i].text);
}

static int setup(void **state)
{
	struct store *s = open_empty();

	load_fixture(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* One kind exported to a string (malloc'd). */
static char *export_kind(struct store *s, enum csvio_kind kind)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = { 0 };
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	int rc = store_export(s, kind, NULL, f, &e);
	fclose(f);
	if (rc != PB_OK)
		fail_msg("exporting %s: %s", csvio_kind(kind)->name, e.msg);
	return text;
}

/* Every kind exported, one after another, each preceded by "== kind ==" (malloc'd). */
static char *export_all(struct store *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	for (int k = 0; k < NKINDS; k++) {
		char *one = export_kind(s, all_kinds[k]);
		fprintf(f, "== %s ==\n%s", csvio_kind(all_kinds[k])->name, one);
		free(one);
	}
	fclose(f);
	return text;
}

/* Asserts that the database exports exactly as before (a string from export_all). */
static void assert_unchanged_since(struct store *s, const char *before)
{
	char *after = export_all(s);

	assert_string_equal(after, before);
	free(after);
}

/* ---- collecting list rows ---- */

struct rows {
	int n;
	char plan[32][16], ref[32][16], leads[32][96], due_on[32][16], status[32][24];
	long id[32], days_over[32];
	enum rag rag[32], computed[32];
	int revisions[32];
	int stop_after; /* > 0: return PB_FAIL after this many rows */
};

static int collect_row(void *ctx, const struct action_row *row)
{
	struct rows *r = ctx;

	assert_true(r->n < 32);
	int i = r->n++;
	snprintf(r->plan[i], sizeof r->plan[i], "%s", row->plan);
	snprintf(r->ref[i], sizeof r->ref[i], "%s", row->ref);
	snprintf(r->leads[i], sizeof r->leads[i], "%s", row->leads);
	snprintf(r->due_on[i], sizeof r->due_on[i], "%s", row->due_on);
	snprintf(r->status[i], sizeof r->status[i], "%s", row->status);
	r->id[i] = row->id;
	r->days_over[i] = row->days_over;
	r->rag[i] = row->rag;
	r->computed[i] = row->rag_computed;
	r->revisions[i] = row->revisions;
	return r->stop_after > 0 && r->n >= r->stop_after ? PB_FAIL : PB_OK;
}

/* Lists with f and sort, all rows, checking store_count_actions agrees. */
static struct rows list(struct store *s, const struct action_filter *f, enum action_sort sort)
{
	struct rows r = { 0 };
	struct pb_error e = { 0 };
	long count = -1;

	if (store_list_actions(s, f, sort, 0, -1, collect_row, &r, &e) != PB_OK)
		fail_msg("store_list_actions: %s", e.msg);
	if (store_count_actions(s, f, &count, &e) != PB_OK)
		fail_msg("store_count_actions: %s", e.msg);
	assert_int_equal(count, r.n);
	return r;
}

/* Asserts the "PLAN:REF" of each listed row, in order. */
static void assert_refs(const struct rows *r, int n, const char *const *want)
{
	char got[1024] = "", exp[1024] = "";

	for (int i = 0; i < r->n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%s", i ? " " : "", r->plan[i], r->ref[i]);
	for (int i = 0; i < n; i++)
		snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s%s", i ? " " : "", want[i]);
	assert_string_equal(got, exp);
}

static long count(struct store *s, const struct action_filter *f)
{
	struct pb_error e = { 0 };
	long n = -1;

	if (store_count_actions(s, f, &n, &e) != PB_OK)
		fail_msg("store_count_actions: %s", e.msg);
	return n;
}

static long find_action(struct store *s, const char *plan, const char *ref)
{
	struct pb_error e = { 0 };
	long id = 0;

	if (store_find_action(s, plan, ref, &id, &e) != PB_OK)
		fail_msg("store_find_action(%s, %s): %s", plan ? plan : "NULL", ref, e.msg);
	return id;
}

static long find_officer(struct store *s, const char *name, char *canonical, size_t len)
{
	struct pb_error e = { 0 };
	long id = 0;

	if (store_find_officer(s, name, &id, canonical, len, &e) != PB_OK)
		fail_msg("store_find_officer(%s): %s", name, e.msg);
	return id;
}

/* Problems store_check finds, joined by " | ". */
struct problems {
	char text[2048];
};

static int collect_problem(void *ctx, const char *problem)
{
	struct problems *p = ctx;

	snprintf(p->text + strlen(p->text), sizeof p->text - strlen(p->text), "%s%s", *p->text ? " | " : "", problem);
	return PB_OK;
}

static void assert_check_clean(struct store *s)
{
	struct problems p = { "" };
	struct pb_error e = { 0 };
	long n = -1;

	assert_int_equal(store_check(s, collect_problem, &p, &n, &e), PB_OK);
	assert_string_equal(p.text, "");
	assert_int_equal(n, 0);
}

/* ---- opening ---- */

/* A new file is created 0600 at the current schema version; without STORE_CREATE a missing file is an error. */
static void test_open_creates_file_at_schema_version(void **state)
{
	char dir[] = "/tmp/pb_unit_store_XXXXXX", path[256], bak[300];
	struct store *s = NULL;
	struct pb_error e = { 0 };
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/planbench.db", dir);
	assert_int_equal(store_open(path, 0, &s, &e), PB_FAIL);
	assert_null(s);
	assert_msg_has(&e, path);
	assert_int_equal(access(path, F_OK), -1);

	assert_int_equal(store_open(path, STORE_CREATE, &s, &e), PB_OK);
	assert_non_null(s);
	store_close(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_true(store_schema_version() >= 1);
	assert_int_equal(sqlite3_column_int(q, 0), store_schema_version());
	sqlite3_finalize(q);
	/* a file from a newer planbench is refused, untouched */
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &s, &e), PB_FAIL);
	assert_null(s);
	assert_msg_has(&e, "newer");

	remove(path);
	snprintf(bak, sizeof bak, "%s-wal", path);
	remove(bak);
	snprintf(bak, sizeof bak, "%s-shm", path);
	remove(bak);
	assert_int_equal(rmdir(dir), 0);
}

/* A RAG threshold written by hand that is not a number of days keeps the default rule instead of becoming 0. */
static void test_bad_amber_days_keeps_default(void **state)
{
	char dir[] = "/tmp/pb_unit_amber_XXXXXX", path[300], cmd[400];
	struct store *s = NULL;
	struct pb_error e = { 0 };
	sqlite3 *db = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/planbench.db", dir);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &e), PB_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE setting SET value = 'soon' WHERE key = 'rag.amber_days'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(db), 1);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &s, &e), PB_OK);
	assert_int_equal(store_rag_rules(s).amber_days, rag_default_rules().amber_days);
	store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ":memory:" opens an empty database: every export is just its header; actor and today are kept. */
static void test_open_memory_is_empty(void **state)
{
	struct store *s = open_empty();
	long n = -1;
	struct action_filter all = { 0 };

	(void)state;
	assert_string_equal(store_actor(s), "Test Officer");
	assert_int_equal(store_today(s).year, 2026);
	assert_int_equal(store_today(s).month, 6);
	assert_int_equal(store_today(s).day, 9);
	assert_int_equal(store_rag_rules(s).amber_days, 30);
	n = count(s, &all);
	assert_int_equal(n, 0);
	char *plans = export_kind(s, CSVIO_PLANS);
	assert_string_equal(plans, "code,title,kind,starts_on,ends_on\n");
	free(plans);
	char *actions = export_kind(s, CSVIO_ACTIONS);
	assert_string_equal(actions, "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n");
	free(actions);
	assert_check_clean(s);
	store_close(s);
}

/* ---- importing the fixture ---- */

/* Each file reports its rows as added; a lead nobody listed becomes a new officer. */
static void test_import_counts(void **state)
{
	struct store *s = open_empty();
	struct store_import_result r;
	const long rows[] = { 3, 5, 2, 2, 9, 3, 2 };

	(void)state;
	for (int i = 0; i < NFIXTURE; i++) {
		r = import_ok(s, fixture[i].kind, fixture[i].name, fixture[i].text);
		assert_int_equal(r.rows, rows[i]);
		assert_int_equal(r.added, rows[i]);
		assert_int_equal(r.changed, 0);
		assert_int_equal(r.unchanged, 0);
		assert_int_equal(r.officers_created, fixture[i].kind == CSVIO_ACTIONS ? 1 : 0);
	}
	store_close(s);
}

struct plan_list {
	int n;
	char text[512];
};

static int collect_plan(void *ctx, const struct plan_row *p)
{
	struct plan_list *l = ctx;

	l->n++;
	snprintf(l->text + strlen(l->text), sizeof l->text - strlen(l->text), "%s/%s/%s ", p->code, p->kind, p->starts_on);
	return PB_OK;
}

/* The plans, in file order, with their kinds and starts; plan starts by code. */
static void test_plans(void **state)
{
	struct store *s = *state;
	struct plan_list l = { 0, "" };
	struct pb_error e = { 0 };
	struct date start;

	assert_int_equal(store_each_plan(s, collect_plan, &l, &e), PB_OK);
	assert_string_equal(l.text, "HIP-2526/improvement/2025-04-01 HIP-2627/improvement/2026-04-01 HRS-2026/strategy/2026-04-01 ");
	assert_true(store_has_plan(s, "HRS-2026"));
	assert_false(store_has_plan(s, "HRS-2099"));
	assert_int_equal(store_plan_start(s, "HIP-2526", &start, &e), PB_OK);
	assert_int_equal(start.year, 2025);
	assert_int_equal(store_plan_start(s, "NOPE", &start, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "NOPE");
}

/* Importing a fresh database leaves nothing for store_check to report (audit of every creation included). */
static void test_check_clean_after_import(void **state)
{
	assert_check_clean(*state);
}

/* ---- filters ---- */

/* No filter: all nine actions; by plan: that plan's. */
static void test_filter_plan(void **state)
{
	struct store *s = *state;
	struct action_filter f = { 0 };

	assert_int_equal(count(s, &f), 9);
	f.plan = "HIP-2627";
	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 5, (const char *[]){ "HIP-2627:SQ5", "HIP-2627:SQ9", "HIP-2627:SQ10", "HIP-2627:TIA1", "HIP-2627:TIA13" });
	f.plan = "HRS-2026";
	assert_int_equal(count(s, &f), 3);
	f.plan = "NOPE";
	assert_int_equal(count(s, &f), 0);
}

/* An officer found under another spelling of their name, or by an alias, owns the actions written
 * under any of their names (Simon: "Simon Parry" and "SP"; Jane: "Jane Willis", "J. Willis", "N&T Manager"). */
static void test_filter_owner_any_spelling_or_alias(void **state)
{
	struct store *s = *state;
	char canonical[64];
	struct action_filter f = { 0 };

	long simon = find_officer(s, "  simon   PARRY.", canonical, sizeof canonical);
	assert_string_equal(canonical, "Simon Parry");
	assert_int_equal(find_officer(s, "S\xD1\x96mon Parry", NULL, 0), simon); /* Cyrillic і */
	assert_int_equal(find_officer(s, "Simon Parry (AD)", canonical, sizeof canonical), simon);
	assert_string_equal(canonical, "Simon Parry");
	assert_int_equal(find_officer(s, "sp", NULL, 0), simon);

	f.owner_id = simon;
	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 4, (const char *[]){ "HIP-2526:SQ9", "HIP-2627:SQ5", "HIP-2627:SQ9", "HIP-2627:TIA13" });

	long jane = find_officer(s, "N & T Manager", canonical, sizeof canonical);
	assert_string_equal(canonical, "Jane Willis");
	assert_int_equal(find_officer(s, "j. willis", NULL, 0), jane);
	assert_true(jane != simon);
	f.owner_id = jane;
	r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 4, (const char *[]){ "HIP-2627:SQ10", "HIP-2627:TIA1", "HIP-2627:TIA13", "HRS-2026:2.10" });

	long lead = find_officer(s, "homeless prevention lead", canonical, sizeof canonical);
	assert_string_equal(canonical, "Homeless Prevention Lead");
	f.owner_id = lead;
	assert_int_equal(count(s, &f), 2);
}

/* A name nobody has is PB_BAD_INPUT naming it. */
static void test_find_officer_unknown(void **state)
{
	struct pb_error e = { 0 };
	long id = 0;

	assert_int_equal(store_find_officer(*state, "Simon Perry", &id, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"Simon Perry\"");
}

/* One word of a name or an alias, whole, finds the one officer it belongs to; a word two officers share names both
 * and finds neither; part of a word finds none. */
static void test_find_officer_by_one_word(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	char canonical[64];
	long simon = 0, jane = 0, id = 0;

	assert_int_equal(store_find_officer(s, "Simon Parry", &simon, NULL, 0, &e), PB_OK);
	assert_int_equal(store_find_officer(s, "Jane Willis", &jane, NULL, 0, &e), PB_OK);
	assert_int_equal(store_find_officer(s, "simon", &id, canonical, sizeof canonical, &e), PB_OK);
	assert_int_equal(id, simon);
	assert_string_equal(canonical, "Simon Parry");
	assert_int_equal(store_find_officer(s, "WILLIS", &id, NULL, 0, &e), PB_OK);
	assert_int_equal(id, jane);
	assert_int_equal(store_find_officer(s, "manager", &id, NULL, 0, &e), PB_OK); /* the alias "N&T Manager" */
	assert_int_equal(id, jane);
	assert_int_equal(store_find_officer(s, "Sim", &id, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "no officer called \"Sim\"");
	assert_int_equal(import_bad(s, CSVIO_OFFICERS, "off.csv", "name,role,team,email,aliases\nSimon Jones,,,,\n", &e), PB_OK);
	assert_int_equal(store_find_officer(s, "simon", &id, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"simon\" could be Simon Jones or Simon Parry; give more of the name");
	assert_int_equal(store_find_officer(s, "Parry", &id, NULL, 0, &e), PB_OK);
	assert_int_equal(id, simon);
}

/* Leads are listed under the officers' names, in the order written. */
static void test_list_leads_are_officer_names(void **state)
{
	struct action_filter f = { .plan = "HIP-2627" };
	struct rows r = list(*state, &f, SORT_PLAN);

	assert_string_equal(r.leads[1], "Simon Parry");		 /* written "SP" */
	assert_string_equal(r.leads[3], "Jane Willis");		 /* written "N&T Manager" */
	assert_string_equal(r.leads[4], "Jane Willis; Simon Parry"); /* "J. Willis; Simon Parry" */
}

/* Overdue: past the current target and not complete, with days over; complete ones never are. */
static void test_filter_overdue(void **state)
{
	struct action_filter f = { .overdue = true };
	struct rows r = list(*state, &f, SORT_OVERDUE);

	assert_refs(&r, 2, (const char *[]){ "HIP-2627:SQ5", "HIP-2627:SQ9" });
	assert_int_equal(r.days_over[0], 9);
	assert_int_equal(r.days_over[1], 9);
	assert_string_equal(r.due_on[1], "2026-05-31");
	assert_int_equal(r.computed[0], RAG_RED);
}

/* Due within N days: from today to today+N, not overdue, not complete. */
static void test_filter_due_within(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .due_within = 30 };

	struct rows r = list(s, &f, SORT_DUE);
	assert_refs(&r, 1, (const char *[]){ "HIP-2627:SQ10" });
	assert_int_equal(r.days_over[0], DAYS_NONE);
	f.due_within = 113; /* 2026-09-30 is 113 days on */
	r = list(s, &f, SORT_DUE);
	assert_refs(&r, 2, (const char *[]){ "HIP-2627:SQ10", "HIP-2627:TIA1" });
	f.due_within = 112;
	assert_int_equal(count(s, &f), 1);
}

/* By the RAG an officer set. */
static void test_filter_rag(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .rag = 'G' };

	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 4, (const char *[]){ "HIP-2526:SQ9", "HIP-2627:SQ5", "HIP-2627:TIA1", "HRS-2026:2.9" });
	f.rag = 'A';
	r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 2, (const char *[]){ "HIP-2627:SQ10", "HRS-2026:2.10" });
	f.rag = 'R';
	assert_int_equal(count(s, &f), 1);
	f.rag = 'C';
	assert_int_equal(count(s, &f), 1);
}

/* By canonical status ("In Progress" and "Not started" were read into canonical names on import). */
static void test_filter_status(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .status = "in_progress" };

	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 5, (const char *[]){ "HIP-2627:SQ5", "HIP-2627:SQ9", "HIP-2627:SQ10", "HRS-2026:2.10", "HRS-2026:2.14" });
	assert_string_equal(r.status[0], "in_progress");
	f.status = "to_be_started";
	r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 2, (const char *[]){ "HIP-2627:TIA1", "HRS-2026:2.9" });
	f.status = "complete";
	assert_int_equal(count(s, &f), 2);
	f.status = "deferred";
	assert_int_equal(count(s, &f), 0);
}

/* Full-text search finds an action by words only its progress update holds, by prefix, any case. */
static void test_filter_search_update_text(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .search = "tolworth" };

	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 1, (const char *[]){ "HIP-2627:SQ9" });
	f.search = "Tolworth Tow";
	assert_int_equal(count(s, &f), 1);
	f.search = "fieldwork";
	assert_int_equal(count(s, &f), 1);
	f.search = "tolworthx";
	assert_int_equal(count(s, &f), 0);
}

/* Search also matches action text and the text of engagements linked to an action. */
static void test_filter_search_action_and_engagement_text(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .search = "fire safety" };

	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 2, (const char *[]){ "HIP-2526:SQ9", "HIP-2627:SQ9" });
	f.search = "operative"; /* in a description */
	r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 1, (const char *[]){ "HIP-2627:SQ5" });
	f.search = "walkabout"; /* an engagement linked to SQ10 and TIA1 */
	r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 2, (const char *[]){ "HIP-2627:SQ10", "HIP-2627:TIA1" });
	f.search = "SQ10"; /* the ref is searchable */
	assert_int_equal(count(s, &f), 1);
}

/* Quotes, operators and FTS syntax typed into a search are words, never a syntax error. */
static void test_filter_search_syntax_is_safe(void **state)
{
	static const char *typed[] = { "fire \"safety", "\"", "fire OR", "NOT damp", "NEAR(fire safety)", "title:fire",
				       "fire*", "-damp", "^fire", "(", "AND", "a\"b\"c", "'; DROP TABLE action; --" };
	struct store *s = *state;
	struct action_filter f = { 0 };
	struct pb_error e = { 0 };
	long n;

	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		f.search = typed[i];
		if (store_count_actions(s, &f, &n, &e) != PB_OK)
			fail_msg("search [%s]: %s", typed[i], e.msg);
	}
	f.search = "fire \"safety";
	assert_int_equal(count(s, &f), 2);
	f.search = "title:fire"; /* "title" is a word here, not a column filter: no action has it */
	assert_int_equal(count(s, &f), 0);
	f.search = "fire OR damp"; /* OR is a word, so no action has all three */
	assert_int_equal(count(s, &f), 0);
	f.search = NULL;
	assert_int_equal(count(s, &f), 9); /* and nothing was dropped */
}

/* Regression (was a bug): a long search (here "fire " 120 times, 600 characters, as when a paragraph is pasted) is cut by
 * text_fts_query (512-byte buffer in store/actions.c) inside a quoted word, so the FTS5 query has an
 * unterminated string: store_count_actions/store_list_actions return PB_FAIL
 * ":memory:: counting actions: unterminated string" instead of searching. */
static void test_filter_search_long_text(void **state)
{
	struct action_filter f = { 0 };
	struct pb_error e = { 0 };
	char typed[1024] = "";
	long n = -1;


	for (int i = 0; i < 120; i++)
		strcat(typed, "fire ");
	f.search = typed;
	int rc = store_count_actions(*state, &f, &n, &e);
	if (rc != PB_OK)
		fail_msg("long search: %s", e.msg);
	assert_int_equal(n, 2);
}

/* Set and computed RAG disagree: SQ5 set GREEN but overdue, 2.10 set AMBER but computed GREEN; a GREEN
 * left on a complete action is no disagreement. */
static void test_filter_rag_mismatch(void **state)
{
	struct action_filter f = { .rag_mismatch = true };
	struct rows r = list(*state, &f, SORT_PLAN);

	assert_refs(&r, 2, (const char *[]){ "HIP-2627:SQ5", "HRS-2026:2.10" });
	assert_int_equal(r.rag[0], RAG_GREEN);
	assert_int_equal(r.computed[0], RAG_RED);
	assert_int_equal(r.rag[1], RAG_AMBER);
	assert_int_equal(r.computed[1], RAG_GREEN);
}

/* The computed RAG of every action on 2026-06-09. */
static void test_computed_rag_of_each_action(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_PLAN);
	const char want[] = "CRRAGCGGG";

	assert_int_equal(r.n, 9);
	for (int i = 0; i < 9; i++)
		if ((char)r.computed[i] != want[i])
			fail_msg("%s:%s computed %c, expected %c", r.plan[i], r.ref[i], (char)r.computed[i], want[i]);
}

/* Filters combine: Simon's overdue actions in HIP-2627 that are set GREEN. */
static void test_filters_combine(void **state)
{
	struct store *s = *state;
	struct action_filter f = { .plan = "HIP-2627", .overdue = true, .rag = 'G' };

	f.owner_id = find_officer(s, "Simon Parry", NULL, 0);
	struct rows r = list(s, &f, SORT_PLAN);
	assert_refs(&r, 1, (const char *[]){ "HIP-2627:SQ5" });
	f.status = "complete";
	assert_int_equal(count(s, &f), 0);
}

/* ---- sorts and paging ---- */

/* SORT_REF orders refs naturally: 2.9 before 2.10 before 2.14, SQ9 before SQ10, TIA1 before TIA13. */
static void test_sort_ref(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_REF);

	assert_refs(&r, 9, (const char *[]){ "HRS-2026:2.9", "HRS-2026:2.10", "HRS-2026:2.14", "HIP-2627:SQ5",
					    "HIP-2526:SQ9", "HIP-2627:SQ9", "HIP-2627:SQ10", "HIP-2627:TIA1",
					    "HIP-2627:TIA13" });
}

/* SORT_PLAN keeps plan order then file order (2.10 was listed before 2.9). */
static void test_sort_plan(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_PLAN);

	assert_refs(&r, 9, (const char *[]){ "HIP-2526:SQ9", "HIP-2627:SQ5", "HIP-2627:SQ9", "HIP-2627:SQ10", "HIP-2627:TIA1",
					    "HIP-2627:TIA13", "HRS-2026:2.10", "HRS-2026:2.9", "HRS-2026:2.14" });
}

/* SORT_DUE: by current target date, undated last; ties in plan order. */
static void test_sort_due(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_DUE);

	/* 2026-03-31, 2026-05-31 x2, 2026-06-30, 2026-09-30, 2027-03-31 x2, then no date (TIA13 "Complete", 2.14 "Ongoing") */
	assert_refs(&r, 9, (const char *[]){ "HIP-2526:SQ9", "HIP-2627:SQ5", "HIP-2627:SQ9", "HIP-2627:SQ10", "HIP-2627:TIA1",
					    "HRS-2026:2.10", "HRS-2026:2.9", "HIP-2627:TIA13", "HRS-2026:2.14" });
}

/* SORT_OVERDUE: overdue first, then by date. */
static void test_sort_overdue(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_OVERDUE);

	assert_string_equal(r.ref[0], "SQ5");
	assert_string_equal(r.ref[1], "SQ9");
	assert_string_equal(r.plan[1], "HIP-2627");
	assert_true(r.days_over[0] > 0 && r.days_over[1] > 0);
	for (int i = 2; i < r.n; i++)
		assert_int_equal(r.days_over[i], DAYS_NONE);
	/* the rest as SORT_DUE orders them */
	struct rows due = list(*state, &f, SORT_DUE);
	for (int i = 0, j = 2; i < due.n; i++)
		if (due.days_over[i] == DAYS_NONE)
			assert_int_equal(due.id[i], r.id[j++]);
}

/* Every sort read a page at a time (the sorts listed in parts too) gives the whole list, in its order. */
static void test_pages_make_the_whole(void **state)
{
	static const enum action_sort sorts[] = { SORT_PLAN, SORT_DUE, SORT_OVERDUE, SORT_REF, SORT_OWNER, SORT_RAG };
	struct action_filter f = { 0 };
	struct pb_error e = { 0 };

	for (size_t k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
		struct rows whole = list(*state, &f, sorts[k]);
		for (long limit = 1; limit <= 4; limit++) {
			for (long offset = 0; offset < whole.n; offset += limit) {
				struct rows pg = { 0 };
				assert_int_equal(store_list_actions(*state, &f, sorts[k], offset, limit, collect_row, &pg, &e), PB_OK);
				assert_int_equal(pg.n, whole.n - offset < limit ? whole.n - offset : limit);
				for (int i = 0; i < pg.n; i++)
					assert_int_equal(pg.id[i], whole.id[offset + i]);
			}
		}
	}
}

/* SORT_OWNER: by the leads' names, no case. */
static void test_sort_owner(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_OWNER);

	assert_int_equal(r.n, 9);
	for (int i = 1; i < r.n; i++)
		assert_true(strcasecmp(r.leads[i - 1], r.leads[i]) <= 0);
	assert_string_equal(r.leads[0], "Homeless Prevention Lead");
	assert_string_equal(r.leads[8], "Simon Parry");
}

/* SORT_RAG: Red, then Amber, then Green, then Complete (computed). */
static void test_sort_rag(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = list(*state, &f, SORT_RAG);
	char got[16] = "";

	for (int i = 0; i < r.n; i++)
		got[i] = (char)r.computed[i];
	assert_string_equal(got, "RRAGGGGCC");
	assert_string_equal(r.ref[2], "SQ10");
}

/* offset and limit return the right window of the sorted list; past the end is empty. */
static void test_paging(void **state)
{
	struct store *s = *state;
	struct action_filter f = { 0 };
	struct rows r = { 0 };
	struct pb_error e = { 0 };

	assert_int_equal(store_list_actions(s, &f, SORT_REF, 2, 3, collect_row, &r, &e), PB_OK);
	assert_refs(&r, 3, (const char *[]){ "HRS-2026:2.14", "HIP-2627:SQ5", "HIP-2526:SQ9" });
	memset(&r, 0, sizeof r);
	assert_int_equal(store_list_actions(s, &f, SORT_REF, 7, 5, collect_row, &r, &e), PB_OK);
	assert_refs(&r, 2, (const char *[]){ "HIP-2627:TIA1", "HIP-2627:TIA13" });
	memset(&r, 0, sizeof r);
	assert_int_equal(store_list_actions(s, &f, SORT_REF, 9, 5, collect_row, &r, &e), PB_OK);
	assert_int_equal(r.n, 0);
	memset(&r, 0, sizeof r);
	assert_int_equal(store_list_actions(s, &f, SORT_REF, 0, 0, collect_row, &r, &e), PB_OK);
	assert_int_equal(r.n, 0);
}

/* A callback that returns an error stops the listing, and that status comes back. */
static void test_list_callback_stops(void **state)
{
	struct action_filter f = { 0 };
	struct rows r = { .stop_after = 2 };
	struct pb_error e = { 0 };

	assert_int_equal(store_list_actions(*state, &f, SORT_PLAN, 0, -1, collect_row, &r, &e), PB_FAIL);
	assert_int_equal(r.n, 2);
	/* and the next listing starts afresh */
	memset(&r, 0, sizeof r);
	assert_int_equal(store_list_actions(*state, &f, SORT_PLAN, 0, -1, collect_row, &r, &e), PB_OK);
	assert_int_equal(r.n, 9);
}

/* ---- finding one action ---- */

/* By ref with and without plan (any case); a ref in two plans asks for the plan; unknown is bad input. */
static void test_find_action(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	long id = 0, a, b;

	a = find_action(s, "HIP-2627", "SQ9");
	b = find_action(s, "HIP-2526", "SQ9");
	assert_true(a != b);
	assert_int_equal(find_action(s, "hip-2627", "sq9"), a);
	assert_int_equal(find_action(s, NULL, "SQ5"), find_action(s, "HIP-2627", "SQ5"));
	assert_int_equal(find_action(s, NULL, "2.9"), find_action(s, "HRS-2026", "2.9"));

	assert_int_equal(store_find_action(s, NULL, "SQ9", &id, &e), PB_USAGE);
	assert_msg_has(&e, "HIP-2526");
	assert_msg_has(&e, "HIP-2627");
	assert_int_equal(store_find_action(s, NULL, "SQ99", &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"SQ99\"");
	assert_int_equal(store_find_action(s, "HRS-2026", "SQ5", &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "HRS-2026");
}

/* ---- one action in full ---- */

/* Every field of SQ9 (HIP-2627), whose target was revised twice in the tracker's own words. */
static void test_get_action_fields(void **state)
{
	struct store *s = *state;
	struct action_detail d;
	struct pb_error e = { 0 };

	assert_int_equal(store_get_action(s, find_action(s, "HIP-2627", "SQ9"), &d, &e), PB_OK);
	assert_string_equal(d.plan, "HIP-2627");
	assert_string_equal(d.plan_title, "Housing Improvement Plan 2026/27");
	assert_string_equal(d.plan_start, "2026-04-01");
	assert_string_equal(d.ref, "SQ9");
	assert_string_equal(d.section, "SQ");
	assert_string_equal(d.section_title, "Safety & Quality");
	assert_string_equal(d.title, "Independent review of fire safety");
	assert_string_equal(d.leads, "Simon Parry");
	assert_string_equal(d.status, "in_progress");
	assert_string_equal(d.due_text, "Sep-25 (Revised Jan-26) REVISED MAY 2026");
	assert_string_equal(d.due_on, "2026-05-31");
	assert_string_equal(d.due_state, "dated");
	assert_string_equal(d.due_precision, "month");
	assert_string_equal(d.original_due, "2025-09-30");
	assert_int_equal(d.revisions, 2);
	assert_string_equal(d.completed_on, "");
	assert_int_equal(d.rag, RAG_RED);
	assert_int_equal(d.rag_computed, RAG_RED);
	assert_int_equal(d.days_over, 9);
	assert_string_equal(d.created_at, "2026-06-09");
	store_action_free(&d);

	assert_int_equal(store_get_action(s, find_action(s, "HIP-2627", "SQ10"), &d, &e), PB_OK);
	assert_string_equal(d.description, "Line one\n- a bullet");
	assert_string_equal(d.original_due, "2026-06-30"); /* never revised: the current date */
	assert_int_equal(d.revisions, 0);
	assert_int_equal(d.days_over, DAYS_NONE);
	store_action_free(&d);

	assert_int_equal(store_get_action(s, find_action(s, "HRS-2026", "2.9"), &d, &e), PB_OK);
	assert_string_equal(d.due_on, "2027-03-31"); /* "Year 1" of a plan starting April 2026 */
	assert_string_equal(d.due_precision, "plan_year");
	assert_string_equal(d.section_title, "Targeted prevention");
	store_action_free(&d);

	assert_int_equal(store_get_action(s, find_action(s, "HRS-2026", "2.14"), &d, &e), PB_OK);
	assert_string_equal(d.due_on, "");
	assert_string_equal(d.due_state, "ongoing");
	assert_string_equal(d.original_due, "");
	assert_int_equal(d.rag, RAG_NONE);
	store_action_free(&d);

	assert_int_equal(store_get_action(s, 99999, &d, &e), PB_BAD_INPUT);
}

struct revs {
	int n;
	char text[1024];
};

static int collect_revision(void *ctx, const struct revision_row *r)
{
	struct revs *v = ctx;

	v->n++;
	snprintf(v->text + strlen(v->text), sizeof v->text - strlen(v->text), "%d:%s>%s[%s](%s)%s/%s\n", r->seq, r->from_on,
		 r->to_on, r->to_text, r->reason, r->changed_on, r->changed_by);
	return PB_OK;
}

static struct revs revisions_of(struct store *s, long id)
{
	struct revs v = { 0, "" };
	struct pb_error e = { 0 };

	assert_int_equal(store_each_revision(s, id, collect_revision, &v, &e), PB_OK);
	return v;
}

/* The revisions written in the due text, oldest first, each from where the one before ended. */
static void test_each_revision_order(void **state)
{
	struct store *s = *state;
	struct revs v = revisions_of(s, find_action(s, "HIP-2627", "SQ9"));

	assert_int_equal(v.n, 2);
	assert_string_equal(v.text, "1:2025-09-30>2026-01-31[](As written in the tracker)/\n"
				    "2:2026-01-31>2026-05-31[](As written in the tracker)/\n");
	assert_int_equal(revisions_of(s, find_action(s, "HIP-2627", "SQ5")).n, 0);
}

struct upds {
	int n;
	char text[1024];
};

static int collect_update(void *ctx, const struct update_row *u)
{
	struct upds *p = ctx;

	p->n++;
	snprintf(p->text + strlen(p->text), sizeof p->text - strlen(p->text), "%s|%s|%s|%.20s\n", u->noted_on, u->period,
		 u->author, u->text);
	return PB_OK;
}

static struct upds updates_of(struct store *s, long id)
{
	struct upds p = { 0, "" };
	struct pb_error e = { 0 };

	assert_int_equal(store_each_update(s, id, collect_update, &p, &e), PB_OK);
	return p;
}

/* Progress updates come newest first. */
static void test_each_update_newest_first(void **state)
{
	struct store *s = *state;
	struct upds p = updates_of(s, find_action(s, "HIP-2627", "SQ9"));

	assert_int_equal(p.n, 2);
	assert_string_equal(p.text, "2026-03-20|2025/26 Q4|Simon Parry|Meeting held at Tolw\n"
				    "2025-12-15|2025/26 Q3|Simon Parry|Fire engineer appoin\n");
}

struct links {
	int n;
	char text[256];
};

static int collect_link(void *ctx, const struct engagement_link_row *g)
{
	struct links *l = ctx;

	l->n++;
	snprintf(l->text + strlen(l->text), sizeof l->text - strlen(l->text), "%s %s %s;", g->ref, g->held_on, g->title);
	return PB_OK;
}

/* The engagements linked to an action. */
static void test_each_engagement_of(void **state)
{
	struct store *s = *state;
	struct links l = { 0, "" };
	struct pb_error e = { 0 };

	assert_int_equal(store_each_engagement_of(s, find_action(s, "HIP-2627", "TIA1"), collect_link, &l, &e), PB_OK);
	assert_string_equal(l.text, "ENG-002 2026-05-02 Estate walkabout;");
	memset(&l, 0, sizeof l);
	assert_int_equal(store_each_engagement_of(s, find_action(s, "HIP-2627", "SQ9"), collect_link, &l, &e), PB_OK);
	assert_int_equal(l.n, 0);
}

/* The words shown beside a RAG disagreement. */
static void test_mismatch_reason(void **state)
{
	struct action_filter f = { .rag_mismatch = true };
	struct rows r = list(*state, &f, SORT_PLAN);
	struct action_row row = { .rag = r.rag[0], .rag_computed = r.computed[0], .due_on = r.due_on[0], .revisions = 0 };
	char out[256];

	store_mismatch_reason(&row, ymd(2026, 6, 9), out, sizeof out);
	assert_string_equal(out, "set GREEN, computed RED: 9 days overdue (31 May 2026)");
	row.revisions = 2;
	store_mismatch_reason(&row, ymd(2026, 6, 9), out, sizeof out);
	assert_string_equal(out, "set GREEN, computed RED: 9 days overdue, revised twice (31 May 2026)");
	struct action_row later = { .rag = RAG_AMBER, .rag_computed = RAG_GREEN, .due_on = "2027-03-31" };
	store_mismatch_reason(&later, ymd(2026, 6, 9), out, sizeof out);
	assert_string_equal(out, "set AMBER, computed GREEN: due in 295 days (31 Mar 2027)");
}

/* ---- changes ---- */

/* No reason, no revision: an error, and nothing is written. */
static void test_revise_due_without_reason(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	long id = find_action(s, "HIP-2627", "SQ5");
	char *before = export_all(s);

	/* a mistake of the user's (usage or bad input), not a database failure */
	int rc = store_revise_due(s, id, "Aug-26", NULL, &e);
	assert_true(rc == PB_USAGE || rc == PB_BAD_INPUT);
	assert_msg_has(&e, "reason");
	rc = store_revise_due(s, id, "Aug-26", "", &e);
	assert_true(rc == PB_USAGE || rc == PB_BAD_INPUT);
	assert_unchanged_since(s, before);
	free(before);
	assert_int_equal(revisions_of(s, id).n, 0);
}

/* With a reason: a revision from the old date to the new, by whom and when; the due text grows
 * "(Revised …)"; the action is no longer overdue and, pushed back this quarter, is Amber. */
static void test_revise_due_with_reason(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct action_detail d;
	long id = find_action(s, "HIP-2627", "SQ5");

	assert_int_equal(store_revise_due(s, id, "Aug-26", "Supplier delivery slipped", &e), PB_OK);
	struct revs v = revisions_of(s, id);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.text, "1:2026-05-31>2026-08-31[Aug-26](Supplier delivery slipped)2026-06-09/Test Officer\n");
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.due_text, "31/05/2026 (Revised Aug-26)");
	assert_string_equal(d.due_on, "2026-08-31");
	assert_string_equal(d.original_due, "2026-05-31");
	assert_int_equal(d.revisions, 1);
	assert_int_equal(d.days_over, DAYS_NONE);
	assert_int_equal(d.rag_computed, RAG_AMBER); /* 83 days away, but pushed back this quarter */
	store_action_free(&d);

	/* a second revision chains on */
	assert_int_equal(store_revise_due(s, id, "30/09/2026", "Second supplier", &e), PB_OK);
	v = revisions_of(s, id);
	assert_int_equal(v.n, 2);
	assert_non_null(strstr(v.text, "2:2026-08-31>2026-09-30[30/09/2026](Second supplier)2026-06-09/Test Officer\n"));
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.due_text, "31/05/2026 (Revised Aug-26) (Revised 30/09/2026)");
	assert_string_equal(d.original_due, "2026-05-31");
	store_action_free(&d);

	struct action_filter f = { .overdue = true };
	assert_int_equal(count(s, &f), 1); /* only SQ9 now */
	assert_check_clean(s);
}

/* An impossible date is PB_BAD_INPUT naming the text, and nothing is written. */
static void test_revise_due_impossible_date(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	long id = find_action(s, "HIP-2627", "SQ5");
	char *before = export_all(s);

	assert_int_equal(store_revise_due(s, id, "31/02/2027", "Typo test", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "31/02/2027");
	assert_int_equal(store_revise_due(s, id, "whenever", "Typo test", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "whenever");
	assert_unchanged_since(s, before);
	free(before);
}

/* A RAG that disagrees with the computed one needs a reason: without, an error and nothing written. */
static void test_set_rag_disagreeing_needs_reason(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct action_detail d;
	long id = find_action(s, "HIP-2627", "SQ10"); /* computed AMBER, set AMBER */
	char *before = export_all(s);

	assert_int_equal(store_set_rag(s, id, RAG_GREEN, NULL, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "SQ10");
	assert_msg_has(&e, "reason");
	assert_int_equal(store_set_rag(s, id, RAG_GREEN, "", &e), PB_BAD_INPUT);
	assert_unchanged_since(s, before);
	free(before);

	assert_int_equal(store_set_rag(s, id, RAG_GREEN, "Policy signed off early", &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_int_equal(d.rag, RAG_GREEN);
	assert_string_equal(d.rag_reason, "Policy signed off early");
	assert_int_equal(d.rag_computed, RAG_AMBER);
	store_action_free(&d);
	struct action_filter f = { .rag_mismatch = true };
	assert_int_equal(count(s, &f), 3);
}

/* A RAG that agrees needs no reason; RAG_NONE is refused. */
static void test_set_rag_agreeing_no_reason(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct action_detail d;
	long id = find_action(s, "HIP-2627", "SQ5"); /* computed RED, set GREEN */

	assert_int_equal(store_set_rag(s, id, RAG_RED, NULL, &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_int_equal(d.rag, RAG_RED);
	store_action_free(&d);
	assert_int_not_equal(store_set_rag(s, id, RAG_NONE, "x", &e), PB_OK);
	struct action_filter f = { .rag_mismatch = true };
	assert_int_equal(count(s, &f), 1); /* only 2.10 left */
}

/* Completing an action: status complete, completed_on the given day, computed Complete, not overdue. */
static void test_complete(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct action_detail d;
	long id = find_action(s, "HIP-2627", "SQ5");

	assert_int_equal(store_complete(s, id, ymd(2026, 6, 8), &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.status, "complete");
	assert_string_equal(d.completed_on, "2026-06-08");
	assert_int_equal(d.rag_computed, RAG_COMPLETE);
	assert_int_equal(d.days_over, DAYS_NONE);
	store_action_free(&d);
	struct action_filter f = { .overdue = true };
	assert_int_equal(count(s, &f), 1);
	struct action_filter mm = { .rag_mismatch = true }; /* GREEN on a complete action is fine */
	assert_int_equal(count(s, &mm), 1);
	assert_check_clean(s);
}

/* Regression (was a bug): completing an action whose set RAG is RED (the usual case for an overdue action) leaves the database
 * in a state store_check reports: "HIP-2627 SQ9: status is complete but the RAG is R with no reason".
 * store_complete (and store_set_status "complete") neither update the RAG nor ask for a reason. */
static void test_complete_red_action_check_clean(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };


	assert_int_equal(store_complete(s, find_action(s, "HIP-2627", "SQ9"), ymd(2026, 6, 9), &e), PB_OK);
	assert_check_clean(s);
}

/* Setting a status in any spelling stores the canonical one, audited: store_check stays clean;
 * leaving "complete" clears completed_on; nonsense is refused. */
static void test_set_status(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct action_detail d;
	long id = find_action(s, "HRS-2026", "2.9");

	assert_int_equal(store_set_status(s, id, "In Progress", &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.status, "in_progress");
	store_action_free(&d);
	assert_check_clean(s);

	assert_int_equal(store_set_status(s, id, "COMPLETE", &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.completed_on, "2026-06-09");
	assert_int_equal(d.rag_computed, RAG_COMPLETE);
	store_action_free(&d);
	assert_check_clean(s);

	assert_int_equal(store_set_status(s, id, "on hold", &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.status, "on_hold");
	assert_string_equal(d.completed_on, "");
	store_action_free(&d);
	assert_check_clean(s);

	char *before = export_all(s);
	assert_int_not_equal(store_set_status(s, id, "nonsense", &e), PB_OK);
	assert_msg_has(&e, "nonsense");
	assert_unchanged_since(s, before);
	free(before);
}

/* A note with no period gets this quarter's label ("2026/27 Q1" on 9 June 2026), today and the actor;
 * it is then the newest and is searchable. */
static void test_add_update_default_period(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	long id = find_action(s, "HIP-2627", "SQ9");

	assert_int_equal(store_add_update(s, id, NULL, "Fieldwork booked with Zanzibar Surveys", &e), PB_OK);
	struct upds p = updates_of(s, id);
	assert_int_equal(p.n, 3);
	assert_true(strncmp(p.text, "2026-06-09|2026/27 Q1|Test Officer|Fieldwork booked wit\n", 56) == 0);
	assert_int_equal(store_add_update(s, id, "2025/26 Q4", "Late note", &e), PB_OK);
	p = updates_of(s, id);
	assert_int_equal(p.n, 4);
	assert_non_null(strstr(p.text, "2026-06-09|2025/26 Q4|Test Officer|Late note\n"));

	struct action_filter f = { .search = "zanzibar" };
	assert_int_equal(count(s, &f), 1);
	assert_check_clean(s);
}

/* An empty note is refused, nothing written. */
static void test_add_update_empty(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	char *before = export_all(s);

	assert_int_not_equal(store_add_update(s, find_action(s, "HIP-2627", "SQ9"), NULL, "", &e), PB_OK);
	assert_unchanged_since(s, before);
	free(before);
}

/* ---- imports that fail change nothing ---- */

/* The second data row (row 3) names an unknown plan: PB_BAD_INPUT naming the file, row and column;
 * the first row is not kept. */
static void test_failed_import_unknown_plan(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);
	const char bad[] =
		"plan,ref,section,title,leads,due\n"
		"HIP-2627,SQ20,SQ,A new action that is fine,Simon Parry,Dec-26\n"
		"HIP-2799,SQ21,SQ,An action for a plan nobody made,New Person,Dec-26\n";

	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "my-actions.csv", bad, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "my-actions.csv");
	assert_msg_has(&e, "row 3");
	assert_msg_has(&e, "column \"plan\"");
	assert_msg_has(&e, "HIP-2799");
	assert_unchanged_since(s, before);
	free(before);
	struct pb_error e2 = { 0 };
	long id;
	assert_int_equal(store_find_action(s, "HIP-2627", "SQ20", &id, &e2), PB_BAD_INPUT);
	assert_int_equal(store_find_officer(s, "New Person", &id, NULL, 0, &e2), PB_BAD_INPUT);
}

/* A bad due date in row 3 (an existing action being changed in row 2): nothing changes. */
static void test_failed_import_bad_due_date(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);
	const char bad[] =
		"plan,ref,title,due,status\n"
		"HIP-2627,SQ10,Damp and mould policy,Dec-26,complete\n"
		"HIP-2627,TIA1,Tenant scrutiny panel,31/02/2027,in_progress\n";

	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "due.csv", bad, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "due.csv");
	assert_msg_has(&e, "row 3");
	assert_msg_has(&e, "column \"due\"");
	assert_msg_has(&e, "31/02/2027");
	assert_unchanged_since(s, before);
	free(before);
	assert_check_clean(s);
}

/* Other bad cells: a status, a RAG, a date, an updates row for an unknown ref. */
static void test_failed_import_bad_cells(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);

	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "a.csv", "plan,ref,title,status\nHIP-2627,SQ10,Damp,finished-ish\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "a.csv: row 2, column \"status\"");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "a.csv", "plan,ref,title,rag\nHIP-2627,SQ10,Damp,Purple\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"rag\"");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "a.csv", "plan,ref,title,completed_on\nHIP-2627,SQ10,Damp,31/03/2026\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"completed_on\"");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "a.csv", "plan,ref,section,title\nHIP-2627,SQ10,ZZ,Damp\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"section\"");
	assert_int_equal(import_bad(s, CSVIO_UPDATES, "u.csv", "plan,ref,noted_on,text\nHIP-2627,SQ10,2026-06-01,ok\nHIP-2627,SQ99,2026-06-01,x\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "u.csv: row 3, column \"ref\"");
	assert_msg_has(&e, "SQ99");
	assert_int_equal(import_bad(s, CSVIO_UPDATES, "u.csv", "plan,ref,noted_on,text\nHIP-2627,SQ10,1/6/2026,x\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"noted_on\"");
	assert_int_equal(import_bad(s, CSVIO_PLANS, "p.csv", "code,title,kind\nNEW-1,New,strategic\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"kind\"");
	assert_int_equal(import_bad(s, CSVIO_SECTIONS, "s.csv", "plan,code,parent,title\nHIP-2627,X.1,X,Child before parent\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"parent\"");
	assert_unchanged_since(s, before);
	free(before);
}

/* An unbalanced quote or a bad header in a file: PB_BAD_INPUT, nothing written. */
static void test_failed_import_bad_csv(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);

	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "q.csv", "plan,ref,title\nHIP-2627,SQ30,ok\nHIP-2627,SQ31,\"open\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "q.csv");
	assert_msg_has(&e, "row 3");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "h.csv", "plan,ref,title,owner\nHIP-2627,SQ30,ok,x\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"owner\"");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "empty.csv", "", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "empty.csv");
	assert_int_equal(import_bad(s, CSVIO_ACTIONS, "w.csv", "plan,ref,title\nHIP-2627,SQ30,\xA3" "5\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "UTF-8");
	assert_unchanged_since(s, before);
	free(before);
}

/* dry_run checks everything and writes nothing, but counts what it would do. */
static void test_import_dry_run(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct store_import_result r;
	struct store_import_opts o = { .dry_run = true };
	const char text[] = "plan,ref,title\nHIP-2627,SQ40,New one\nHIP-2627,SQ5,Implement Total Mobile for Repairs\n";
	char *before = export_all(s);

	assert_int_equal(store_import(s, CSVIO_ACTIONS, "d.csv", text, strlen(text), &o, &r, &e), PB_OK);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.added, 1);
	assert_unchanged_since(s, before);
	free(before);
}

/* With opts.plan a file may leave out the plan column; a plan cell that differs from it is an error. */
static void test_import_with_plan_option(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct store_import_result r;
	struct store_import_opts o = { .plan = "HRS-2026" };
	const char text[] = "ref,section,title,due\n3.1,P2,Prevention duty training,Year 2\n";
	const char clash[] = "plan,ref,title\nHIP-2627,3.2,Wrong plan\n";
	struct action_detail d;

	assert_int_equal(store_import(s, CSVIO_ACTIONS, "hrs.csv", text, strlen(text), &o, &r, &e), PB_OK);
	assert_int_equal(r.added, 1);
	assert_int_equal(store_get_action(s, find_action(s, "HRS-2026", "3.1"), &d, &e), PB_OK);
	assert_string_equal(d.due_on, "2028-03-31");
	store_action_free(&d);
	assert_int_equal(store_import(s, CSVIO_ACTIONS, "hrs.csv", clash, strlen(clash), &o, &r, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"plan\"");
}

/* ---- re-importing ---- */

/* The same files again: every row unchanged, nothing added, and the database exports the same. */
static void test_reimport_same_files_unchanged(void **state)
{
	struct store *s = *state;
	char *before = export_all(s);

	for (int i = 0; i < NFIXTURE; i++) {
		if (fixture[i].kind == CSVIO_ENGAGEMENTS)
			continue; /* see test_reimport_engagements_unchanged */
		struct store_import_result r = import_ok(s, fixture[i].kind, fixture[i].name, fixture[i].text);
		if (r.unchanged != r.rows || r.added || r.changed || r.officers_created)
			fail_msg("%s again: rows %ld added %ld changed %ld unchanged %ld", fixture[i].name, r.rows, r.added,
				 r.changed, r.unchanged);
	}
	assert_unchanged_since(s, before);
	free(before);
	assert_check_clean(s);
}

/* Regression (was a bug): importing the same engagements file twice reports every row "changed" (import_engagement counts
 * an existing engagement as changed whether or not anything differs): second import of ENGAGEMENTS_CSV
 * gives rows 2, added 0, changed 2, unchanged 0. */
static void test_reimport_engagements_unchanged(void **state)
{
	struct store *s = *state;


	struct store_import_result r = import_ok(s, CSVIO_ENGAGEMENTS, "engagements.csv", ENGAGEMENTS_CSV);
	assert_int_equal(r.changed, 0);
	assert_int_equal(r.unchanged, 2);
}

/* A changed cell is counted changed, and a changed due text becomes a revision naming the file and row. */
static void test_reimport_changed_due_is_revision(void **state)
{
	struct store *s = *state;
	const char text[] =
		"plan,ref,section,title,leads,due,status,rag\n"
		"HIP-2627,TIA1,TIA.1,Tenant scrutiny panel,N&T Manager,Nov-26,to_be_started,G\n";
	struct store_import_result r = import_ok(s, CSVIO_ACTIONS, "tia.csv", text);
	struct action_detail d;
	struct pb_error e = { 0 };
	long id = find_action(s, "HIP-2627", "TIA1");

	assert_int_equal(r.changed, 1);
	struct revs v = revisions_of(s, id);
	assert_string_equal(v.text, "1:2026-09-30>2026-11-30[Nov-26](Imported from tia.csv row 2)2026-06-09/Test Officer\n");
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.due_on, "2026-11-30");
	assert_string_equal(d.original_due, "2026-09-30");
	store_action_free(&d);
	assert_check_clean(s);
}

/* ---- export and import round trip ---- */

/* Export every kind, import it all into a fresh store, export again: byte for byte the same. Done after
 * changes (a revised date, notes, a RAG with reason, a completion) so revisions and updates take part. */
static void test_export_import_round_trip(void **state)
{
	struct store *a = *state;
	struct pb_error e = { 0 };

	assert_int_equal(store_revise_due(a, find_action(a, "HIP-2627", "SQ5"), "Aug-26", "Supplier, \"delayed\"", &e), PB_OK);
	assert_int_equal(store_add_update(a, find_action(a, "HIP-2627", "SQ5"), NULL, "Line one\nLine two, with \"quotes\"", &e), PB_OK);
	assert_int_equal(store_set_rag(a, find_action(a, "HRS-2026", "2.14"), RAG_AMBER, "Funding ends March", &e), PB_OK);
	assert_int_equal(store_complete(a, find_action(a, "HIP-2627", "TIA1"), ymd(2026, 6, 1), &e), PB_OK);

	char *exported[NKINDS];
	for (int k = 0; k < NKINDS; k++)
		exported[k] = export_kind(a, all_kinds[k]);

	struct store *b = open_empty();
	for (int k = 0; k < NKINDS; k++)
		import_ok(b, all_kinds[k], csvio_kind(all_kinds[k])->name, exported[k]);
	for (int k = 0; k < NKINDS; k++) {
		char *again = export_kind(b, all_kinds[k]);
		if (strcmp(again, exported[k]) != 0)
			fail_msg("%s differs after the round trip:\n--- first\n%s--- second\n%s", csvio_kind(all_kinds[k])->name,
				 exported[k], again);
		free(again);
	}
	/* and the second store reads the same */
	struct action_detail d;
	assert_int_equal(store_get_action(b, find_action(b, "HIP-2627", "SQ5"), &d, &e), PB_OK);
	assert_string_equal(d.due_on, "2026-08-31");
	assert_string_equal(d.original_due, "2026-05-31");
	assert_int_equal(d.revisions, 1);
	store_action_free(&d);
	assert_check_clean(b);
	store_close(b);
	for (int k = 0; k < NKINDS; k++)
		free(exported[k]);
}

/* Export of one plan holds only that plan's rows; an unknown plan is an error naming it. */
static void test_export_one_plan(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_int_equal(store_export(s, CSVIO_ACTIONS, "HRS-2026", f, &e), PB_OK);
	fclose(f);
	assert_non_null(strstr(text, "\nHRS-2026,2.10,P2,Youth homelessness protocol,"));
	assert_null(strstr(text, "HIP-"));
	free(text);
	f = open_memstream(&text, &len);
	assert_int_equal(store_export(s, CSVIO_ACTIONS, "NOPE", f, &e), PB_BAD_INPUT);
	fclose(f);
	free(text);
	assert_msg_has(&e, "NOPE");
}

/* The exported actions are canonical CSV: statuses and RAG letters as stored, cells quoted as needed. */
static void test_export_actions_canonical(void **state)
{
	char *text = export_kind(*state, CSVIO_ACTIONS);

	assert_non_null(strstr(text, "\nHIP-2627,SQ5,SQ,Implement Total Mobile for Repairs,\"Roll out, to every operative\",,,,"
				     "Simon Parry,31/05/2026,in_progress,G,,\n"));
	assert_non_null(strstr(text, "\nHIP-2627,TIA13,TIA,Complaints handling review,,,,,J. Willis; Simon Parry,Complete,complete,C,,2026-03-15\n"));
	assert_non_null(strstr(text, "\nHIP-2627,SQ10,SQ,Damp and mould policy,\"Line one\n- a bullet\","));
	free(text);
}

/* The exported revisions are in plan, action and seq order, with every field. */
static void test_export_revisions_canonical(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };

	assert_int_equal(store_revise_due(s, find_action(s, "HRS-2026", "2.10"), "Jun-27", "Partners asked for longer", &e), PB_OK);
	char *text = export_kind(s, CSVIO_REVISIONS);
	assert_string_equal(text,
			    "plan,ref,seq,from,to,to_text,reason,changed_on,changed_by\n"
			    "HIP-2627,SQ9,1,2025-09-30,2026-01-31,,As written in the tracker,,\n"
			    "HIP-2627,SQ9,2,2026-01-31,2026-05-31,,As written in the tracker,,\n"
			    "HRS-2026,2.10,1,2027-03-31,2027-06-30,Jun-27,Partners asked for longer,2026-06-09,Test Officer\n");
	free(text);
}

/* ---- officers and engagements ---- */

/* An alias claimed by two officers is PB_BAD_INPUT naming it; nothing is written. */
static void test_officer_alias_claimed_twice(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);
	const char text[] =
		"name,role,team,email,aliases\n"
		"Sam Jones,Repairs Manager,,,Repairs Lead\n"
		"Jo Bloggs,Voids Manager,,,Voids Lead; SP\n"; /* SP is Simon Parry's */

	assert_int_equal(import_bad(s, CSVIO_OFFICERS, "off.csv", text, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "off.csv");
	assert_msg_has(&e, "row 3");
	assert_msg_has(&e, "\"SP\"");
	assert_unchanged_since(s, before);
	free(before);

	const char same_file[] =
		"name,role,team,email,aliases\n"
		"Sam Jones,,,,Repairs Lead\n"
		"Jo Bloggs,,,,repairs  lead\n";
	assert_int_equal(import_bad(s, CSVIO_OFFICERS, "off2.csv", same_file, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "row 3");
}

/* A second row naming an existing officer under another spelling updates that officer, not a new one. */
static void test_officer_other_spelling_is_same_officer(void **state)
{
	struct store *s = *state;
	const char text[] = "name,role,team,email,aliases\nSIMON  PARRY,Director of Housing,,,\n";
	long simon = find_officer(s, "Simon Parry", NULL, 0);
	struct store_import_result r = import_ok(s, CSVIO_OFFICERS, "o.csv", text);

	assert_int_equal(r.added, 0);
	assert_int_equal(r.changed, 1);
	assert_int_equal(find_officer(s, "SP", NULL, 0), simon);
	assert_int_equal(find_officer(s, "simon parry", NULL, 0), simon);
	char *officers = export_kind(s, CSVIO_OFFICERS);
	assert_non_null(strstr(officers, "Director of Housing"));
	assert_null(strstr(officers, "Assistant Director"));
	int lines = 0;
	for (const char *p = officers; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4); /* header + Simon, Jane, Homeless Prevention Lead: no new officer */
	free(officers);
	struct action_filter f = { .owner_id = simon };
	assert_int_equal(count(s, &f), 4);
}

/* Regression (was a bug): an officers row whose name is another officer's alias silently renames that officer: after
 * importing "name,...\nSP,Assistant Director,,,\n" (SP being an alias of Simon Parry), Simon Parry's
 * name becomes "SP" and store_find_officer("Simon Parry") returns canonical "SP" — the full name is lost
 * from every list and export. Expected an error (the alias belongs to another officer) or no rename. */
static void test_officer_row_named_as_alias_keeps_name(void **state)
{
	struct store *s = *state;
	char canonical[64];
	struct pb_error e = { 0 };
	struct store_import_result r;
	const char text[] = "name,role,team,email,aliases\nSP,Assistant Director,Property Services,,\n";


	int rc = store_import(s, CSVIO_OFFICERS, "o.csv", text, strlen(text), NULL, &r, &e);
	(void)rc;
	find_officer(s, "Simon Parry", canonical, sizeof canonical);
	assert_string_equal(canonical, "Simon Parry");
}

/* An engagement with a method nobody listed is an error naming it; nothing is written. */
static void test_engagement_unknown_method(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);
	const char text[] =
		"ref,title,method\n"
		"ENG-003,Coffee morning,Drop-in\n"
		"ENG-004,Tenant panel,Carrier pigeon\n";

	assert_int_equal(import_bad(s, CSVIO_ENGAGEMENTS, "eng.csv", text, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "eng.csv");
	assert_msg_has(&e, "row 3");
	assert_msg_has(&e, "column \"method\"");
	assert_msg_has(&e, "Carrier pigeon");
	assert_unchanged_since(s, before);
	free(before);
}

/* A link to a PLAN:REF that does not exist is an error naming it; nothing is written. */
static void test_engagement_link_to_missing_action(void **state)
{
	struct store *s = *state;
	struct pb_error e;
	char *before = export_all(s);
	const char text[] =
		"ref,title,actions\n"
		"ENG-005,Scrutiny session,HIP-2627:TIA1; HIP-2627:TIA99\n";

	assert_int_equal(import_bad(s, CSVIO_ENGAGEMENTS, "eng.csv", text, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"actions\"");
	assert_msg_has(&e, "HIP-2627:TIA99");
	assert_int_equal(import_bad(s, CSVIO_ENGAGEMENTS, "eng.csv", "ref,title,actions\nENG-005,x,NOPE-1:SQ5\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "NOPE-1:SQ5");
	assert_int_equal(import_bad(s, CSVIO_ENGAGEMENTS, "eng.csv", "ref,title,actions\nENG-005,x,SQ5\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"SQ5\"");
	assert_int_equal(import_bad(s, CSVIO_ENGAGEMENTS, "eng.csv", "ref,title,tenants\nENG-005,x,Circa 20\n", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "column \"tenants\"");
	assert_unchanged_since(s, before);
	free(before);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_creates_file_at_schema_version),
		cmocka_unit_test(test_open_memory_is_empty),
		cmocka_unit_test(test_bad_amber_days_keeps_default),
		cmocka_unit_test(test_import_counts),
		T(test_plans),
		T(test_check_clean_after_import),
		T(test_filter_plan),
		T(test_filter_owner_any_spelling_or_alias),
		T(test_find_officer_unknown),
		T(test_find_officer_by_one_word),
		T(test_list_leads_are_officer_names),
		T(test_filter_overdue),
		T(test_filter_due_within),
		T(test_filter_rag),
		T(test_filter_status),
		T(test_filter_search_update_text),
		T(test_filter_search_action_and_engagement_text),
		T(test_filter_search_syntax_is_safe),
		T(test_filter_search_long_text),
		T(test_filter_rag_mismatch),
		T(test_computed_rag_of_each_action),
		T(test_filters_combine),
		T(test_sort_ref),
		T(test_sort_plan),
		T(test_sort_due),
		T(test_sort_overdue),
		T(test_sort_owner),
		T(test_sort_rag),
		T(test_paging),
		T(test_pages_make_the_whole),
		T(test_list_callback_stops),
		T(test_find_action),
		T(test_get_action_fields),
		T(test_each_revision_order),
		T(test_each_update_newest_first),
		T(test_each_engagement_of),
		T(test_mismatch_reason),
		T(test_revise_due_without_reason),
		T(test_revise_due_with_reason),
		T(test_revise_due_impossible_date),
		T(test_set_rag_disagreeing_needs_reason),
		T(test_set_rag_agreeing_no_reason),
		T(test_complete),
		T(test_complete_red_action_check_clean),
		T(test_set_status),
		T(test_add_update_default_period),
		T(test_add_update_empty),
		T(test_failed_import_unknown_plan),
		T(test_failed_import_bad_due_date),
		T(test_failed_import_bad_cells),
		T(test_failed_import_bad_csv),
		T(test_import_dry_run),
		T(test_import_with_plan_option),
		T(test_reimport_same_files_unchanged),
		T(test_reimport_engagements_unchanged),
		T(test_reimport_changed_due_is_revision),
		T(test_export_import_round_trip),
		T(test_export_one_plan),
		T(test_export_actions_canonical),
		T(test_export_revisions_canonical),
		T(test_officer_alias_claimed_twice),
		T(test_officer_other_spelling_is_same_officer),
		T(test_officer_row_named_as_alias_keeps_name),
		T(test_engagement_unknown_method),
		T(test_engagement_link_to_missing_action),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
