/* unit_browse.c — unit tests for what the workbench browses by, through store.h: sections as a tree, the section,
 * set-or-computed RAG, due-range and second-owner filters, counts per section, officer completion, search ranked by
 * bm25 and the snippet that shows where a search matched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

/* ---- the fixture: two plans, a three-level section tree; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-2526,Housing Improvement Plan 2025/26,improvement,2025-04-01,2026-03-31\n"
	"HRS-2026,Homelessness Strategy 2026-2031,strategy,2026-04-01,2031-03-31\n";

static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-2526,SQ,,Safety and Quality\n"
	"HIP-2526,SQ-1.1,SQ,Stock quality\n"
	"HIP-2526,SQ-1.1.a,SQ-1.1,Damp and mould\n"
	"HIP-2526,SQ-1.2,SQ,Decency\n"
	"HIP-2526,TIA,,Transparency\n"
	"HRS-2026,P1,,Universal prevention\n";

static const char OFFICERS_CSV[] =
	"name,role,team,email,aliases\n"
	"Simon Parry,Assistant Director,Property,,AD Property\n"
	"Judith Willis,Assistant Director,Housing,,N&T Manager\n"
	"Simone Baker,Officer,Housing,,\n"
	"Alex Simmonds,Officer,Housing,,\n";

static const char METHODS_CSV[] =
	"name,formality,description\n"
	"Drop-in,informal,\n";

/* Computed RAG on 2026-06-09 at the end of each row. */
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2526,SQ1,SQ,Fire door inspections,,,,,Simon Parry,Sep-25,in_progress,G,,\n" /* R */
	"HIP-2526,SQ2,SQ-1.1,Stock condition survey,,,,,Simon Parry; Judith Willis,Dec-26,in_progress,G,,\n" /* G */
	"HIP-2526,SQ3,SQ-1.1.a,Damp and mould policy,Total Mobile scheduling for damp visits,,,,Judith Willis,Jun-26,in_progress,A,,\n" /* A */
	"HIP-2526,SQ4,SQ-1.2,Decent homes standard,,,,,Simon Parry,Complete,complete,C,,2026-01-10\n" /* C */
	"HIP-2526,TIA1,TIA,Tenant portal on Total Mobile,Total Mobile for tenants,,,,Judith Willis,Jul-26,in_progress,R,Supplier,\n" /* G */
	"HRS-2026,1.1,P1,Landlord forum,,,,,Alex Simmonds,Year 1,to_be_started,,,\n"; /* G */

static const char UPDATES_CSV[] =
	"plan,ref,period,noted_on,author,text\n"
	"HIP-2526,SQ1,2025/26 Q4,2026-03-31,Simon Parry,Waiting for the Total Mobile rollout before booking\n";

static const char ENGAGEMENTS_CSV[] =
	"ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,"
	"tenants_text,standard,summary,you_said,we_did,actions\n"
	"ENG-001,Estate walkabout,Neighbourhoods,Drop-in,Cambridge Road,2026-05-02,,May 2026,one_off,,unknown,,"
	"Unknown,SQ 1.1,Walk round the blocks,Stairwells are cold,Surveyed the blocks,HIP-2526:SQ2\n";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

static const struct fixture_file fixture[] = {
	{CSVIO_PLANS, "plans.csv", PLANS_CSV},
	{CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV},
	{CSVIO_OFFICERS, "officers.csv", OFFICERS_CSV},
	{CSVIO_METHODS, "methods.csv", METHODS_CSV},
	{CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV},
	{CSVIO_UPDATES, "updates.csv", UPDATES_CSV},
	{CSVIO_ENGAGEMENTS, "engagements.csv", ENGAGEMENTS_CSV},
};

static int setup(void **state)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++) {
		struct store_import_result r;
		if (store_import(s, fixture[i].kind, fixture[i].name, fixture[i].text, strlen(fixture[i].text), NULL, &r, &e) != PB_OK)
			fail_msg("importing %s: %s", fixture[i].name, e.msg);
	}
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* ---- helpers ---- */

/* The refs a list gives, space-separated, after checking store_count_actions agrees. */
struct refs {
	char text[512];
};

static int collect_ref(void *ctx, const struct action_row *row)
{
	struct refs *r = ctx;
	size_t l = strlen(r->text);
	snprintf(r->text + l, sizeof r->text - l, "%s%s", l ? " " : "", row->ref);
	return PB_OK;
}

static struct refs refs_of(struct store *s, const struct action_filter *f, enum action_sort sort, long offset, long limit)
{
	struct refs r = {""};
	struct pb_error e = {0};
	if (store_list_actions(s, f, sort, offset, limit, collect_ref, &r, &e) != PB_OK)
		fail_msg("store_list_actions: %s", e.msg);
	return r;
}

static long count_of(struct store *s, const struct action_filter *f)
{
	struct pb_error e = {0};
	long n = -1;
	if (store_count_actions(s, f, &n, &e) != PB_OK)
		fail_msg("store_count_actions: %s", e.msg);
	return n;
}

/* Asserts the refs of a filter in plan order, and that the count agrees. */
static void assert_list(struct store *s, const struct action_filter *f, const char *want)
{
	struct refs r = refs_of(s, f, SORT_PLAN, 0, -1);
	assert_string_equal(r.text, want);
	long words = *want ? 1 : 0;
	for (const char *p = want; *p; p++)
		words += *p == ' ';
	assert_int_equal(count_of(s, f), words);
}

/* The id of the section of plan with code, through the tree walk. */
struct find {
	const char *code;
	long id;
};

static int find_cb(void *ctx, const struct section_row *r)
{
	struct find *f = ctx;
	if (strcmp(r->code, f->code) == 0)
		f->id = r->id;
	return PB_OK;
}

static long section_id(struct store *s, const char *plan, const char *code)
{
	struct find f = {code, 0};
	struct pb_error e = {0};
	assert_int_equal(store_each_section(s, plan, find_cb, &f, &e), PB_OK);
	if (!f.id)
		fail_msg("no section %s in %s", code, plan);
	return f.id;
}

static long officer(struct store *s, const char *name)
{
	struct pb_error e = {0};
	long id = 0;
	if (store_find_officer(s, name, &id, NULL, 0, &e) != PB_OK)
		fail_msg("store_find_officer(%s): %s", name, e.msg);
	return id;
}

/* ---- sections as a tree ---- */

struct tree {
	char text[512];
	long ids[16], parents[16];
	int n;
};

static int tree_cb(void *ctx, const struct section_row *r)
{
	struct tree *t = ctx;
	size_t l = strlen(t->text);
	snprintf(t->text + l, sizeof t->text - l, "%s%d:%s:%s", l ? " " : "", r->depth, r->code, r->title);
	t->ids[t->n] = r->id;
	t->parents[t->n++] = r->parent_id;
	return PB_OK;
}

/* Parents come before their children, each level in plan order, with depths and parent ids. */
static void test_sections_tree_order(void **state)
{
	struct tree t = {"", {0}, {0}, 0};
	struct pb_error e = {0};
	assert_int_equal(store_each_section(*state, "HIP-2526", tree_cb, &t, &e), PB_OK);
	assert_string_equal(t.text, "0:SQ:Safety and Quality 1:SQ-1.1:Stock quality 2:SQ-1.1.a:Damp and mould "
				    "1:SQ-1.2:Decency 0:TIA:Transparency");
	assert_int_equal(t.parents[0], 0);
	assert_int_equal(t.parents[1], t.ids[0]);
	assert_int_equal(t.parents[2], t.ids[1]);
	assert_int_equal(t.parents[3], t.ids[0]);
	assert_int_equal(t.parents[4], 0);
}

/* A plan that does not exist has no sections (and is not an error). */
static void test_sections_of_unknown_plan(void **state)
{
	struct tree t = {"", {0}, {0}, 0};
	struct pb_error e = {0};
	assert_int_equal(store_each_section(*state, "NOPE", tree_cb, &t, &e), PB_OK);
	assert_int_equal(t.n, 0);
}

/* ---- the new filters ---- */

/* A section takes in the sections under it, at any depth. */
static void test_filter_section_with_children(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.section_id = section_id(s, "HIP-2526", "SQ")};
	assert_list(s, &f, "SQ1 SQ2 SQ3 SQ4");
	f.section_id = section_id(s, "HIP-2526", "SQ-1.1");
	assert_list(s, &f, "SQ2 SQ3");
	f.section_id = section_id(s, "HIP-2526", "SQ-1.1.a");
	assert_list(s, &f, "SQ3");
}

/* Red means red by either RAG: set GREEN but late (SQ1), or set RED though the dates are fine (TIA1). */
static void test_filter_rag_set_or_computed(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.rag_any = 'R'};
	assert_list(s, &f, "SQ1 TIA1");
	f.rag_any = 'A';
	assert_list(s, &f, "SQ3");
	f.rag_any = 'C';
	assert_list(s, &f, "SQ4");
	f.rag_any = 'G';
	assert_list(s, &f, "SQ1 SQ2 TIA1 1.1");
}

/* Due between two days, either end open. */
static void test_filter_due_range(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.due_from = "2026-06-01", .due_to = "2026-07-31"};
	assert_list(s, &f, "SQ3 TIA1");
	f.due_from = NULL; /* SQ4 has no date ("Complete"), so no range takes it */
	assert_list(s, &f, "SQ1 SQ3 TIA1");
	f.due_from = "2026-07-31";
	f.due_to = NULL;
	assert_list(s, &f, "SQ2 TIA1 1.1");
}

/* A second owner narrows to the actions both lead. */
static void test_filter_two_owners(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.owner_id = officer(s, "Simon Parry"), .also_owner_id = officer(s, "n&t manager")};
	assert_list(s, &f, "SQ2");
	f.also_owner_id = 0;
	assert_list(s, &f, "SQ1 SQ2 SQ4");
}

/* The filters combine with each other and with the old ones. */
static void test_filters_combine(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.owner_id = officer(s, "Simon Parry"), .rag_any = 'R',
				  .section_id = section_id(s, "HIP-2526", "SQ")};
	assert_list(s, &f, "SQ1");
	f.overdue = true;
	assert_list(s, &f, "SQ1");
	f.rag_any = 'G';
	f.overdue = false;
	f.due_from = "2026-01-01";
	assert_list(s, &f, "SQ2");
}

/* ---- counts per section ---- */

struct counts {
	char text[512];
	long total;
};

static int count_cb(void *ctx, const char *plan, long section, long n)
{
	struct counts *c = ctx;
	size_t l = strlen(c->text);
	snprintf(c->text + l, sizeof c->text - l, "%s%s/%s=%ld", l ? " " : "", plan, section ? "s" : "none", n);
	c->total += n;
	return PB_OK;
}

/* One row per plan and section that has matching actions; they add up to store_count_actions. */
static void test_count_by_section(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	struct counts c = {"", 0};
	struct action_filter f = {0};
	assert_int_equal(store_count_by_section(s, &f, count_cb, &c, &e), PB_OK);
	assert_int_equal(c.total, count_of(s, &f));
	assert_int_equal(c.total, 6);
	memset(&c, 0, sizeof c);
	f.owner_id = officer(s, "Simon Parry");
	assert_int_equal(store_count_by_section(s, &f, count_cb, &c, &e), PB_OK);
	assert_string_equal(c.text, "HIP-2526/s=1 HIP-2526/s=1 HIP-2526/s=1");
	assert_int_equal(c.total, 3);
	memset(&c, 0, sizeof c);
	f.owner_id = 0;
	f.overdue = true;
	assert_int_equal(store_count_by_section(s, &f, count_cb, &c, &e), PB_OK);
	assert_string_equal(c.text, "HIP-2526/s=1");
}

/* The counts name the sections by the ids the tree walk gives; actions with no section count under 0. */
struct one_count {
	long section, n, calls;
};

static int one_count_cb(void *ctx, const char *plan, long section, long n)
{
	struct one_count *c = ctx;
	(void)plan;
	c->section = section;
	c->n = n;
	c->calls++;
	return PB_OK;
}

static void test_count_by_section_ids(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	struct one_count c = {0, 0, 0};
	struct action_filter f = {.rag_any = 'A'};
	assert_int_equal(store_count_by_section(s, &f, one_count_cb, &c, &e), PB_OK);
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.section, section_id(s, "HIP-2526", "SQ-1.1.a"));
	assert_int_equal(c.n, 1);
}

/* ---- officers for completion ---- */

struct names {
	char text[512];
};

static int name_cb(void *ctx, const char *name)
{
	struct names *n = ctx;
	size_t l = strlen(n->text);
	snprintf(n->text + l, sizeof n->text - l, "%s%s", l ? "|" : "", name);
	return PB_OK;
}

static const char *matches(struct store *s, const char *typed, int limit, struct names *n)
{
	struct pb_error e = {0};
	n->text[0] = '\0';
	if (store_each_officer_match(s, typed, limit, name_cb, n, &e) != PB_OK)
		fail_msg("store_each_officer_match(%s): %s", typed, e.msg);
	return n->text;
}

/* Names that begin with what was typed come first, then names with a word that does, then aliases. */
static void test_officer_match(void **state)
{
	struct store *s = *state;
	struct names n;
	assert_string_equal(matches(s, "sim", 10, &n), "Simon Parry|Simone Baker|Alex Simmonds");
	assert_string_equal(matches(s, "SIMON  p", 10, &n), "Simon Parry");
	assert_string_equal(matches(s, "parry", 10, &n), "Simon Parry");
	assert_string_equal(matches(s, "N&T", 10, &n), "Judith Willis");
	assert_string_equal(matches(s, "ad prop", 10, &n), "Simon Parry");
	assert_string_equal(matches(s, "sim", 1, &n), "Simon Parry");
	assert_string_equal(matches(s, "zebra", 10, &n), "");
	assert_string_equal(matches(s, "", 2, &n), "Alex Simmonds|Judith Willis");
}

/* Characters that mean something to LIKE or SQL are just text. */
static void test_officer_match_odd_text(void **state)
{
	struct names n;
	assert_string_equal(matches(*state, "%", 10, &n), "");
	assert_string_equal(matches(*state, "_", 10, &n), "");
	assert_string_equal(matches(*state, "'; DROP TABLE officer; --", 10, &n), "");
	assert_string_equal(matches(*state, "simon", 10, &n), "Simon Parry|Simone Baker");
}

/* ---- ranked search ---- */

/* A match in the title ranks above one in a description or an update; paging keeps that order. */
static void test_search_ranked(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.search = "total mobile"};
	struct refs all = refs_of(s, &f, SORT_RANK, 0, -1);
	assert_int_equal(count_of(s, &f), 3);
	assert_int_equal(strncmp(all.text, "TIA1 ", 5), 0);
	assert_non_null(strstr(all.text, "SQ3"));
	assert_non_null(strstr(all.text, "SQ1"));
	struct refs second = refs_of(s, &f, SORT_RANK, 1, 1), third = refs_of(s, &f, SORT_RANK, 2, 1);
	char joined[1100];
	snprintf(joined, sizeof joined, "TIA1 %s %s", second.text, third.text);
	assert_string_equal(joined, all.text);
}

/* Ranking respects the other filters. */
static void test_search_ranked_filtered(void **state)
{
	struct store *s = *state;
	struct action_filter f = {.search = "total mobile", .owner_id = officer(s, "Simon Parry")};
	assert_string_equal(refs_of(s, &f, SORT_RANK, 0, -1).text, "SQ1");
	f.owner_id = 0;
	f.section_id = section_id(s, "HIP-2526", "SQ-1.1");
	assert_string_equal(refs_of(s, &f, SORT_RANK, 0, -1).text, "SQ3");
}

/* Without a search, the rank order is plan order. */
static void test_rank_without_search(void **state)
{
	struct store *s = *state;
	struct action_filter f = {0};
	assert_string_equal(refs_of(s, &f, SORT_RANK, 0, -1).text, refs_of(s, &f, SORT_PLAN, 0, -1).text);
}

/* ---- where a search matched ---- */

static struct search_snippet snippet(struct store *s, const char *ref, const char *typed)
{
	struct search_snippet sn;
	struct pb_error e = {0};
	long id = 0;
	if (store_find_action(s, "HIP-2526", ref, &id, &e) != PB_OK)
		fail_msg("store_find_action(%s): %s", ref, e.msg);
	if (store_search_snippet(s, id, typed, &sn, &e) != PB_OK)
		fail_msg("store_search_snippet(%s, %s): %s", ref, typed, e.msg);
	return sn;
}

/* The action's own text, an update (with its period) or a linked engagement (with its title), words marked. */
static void test_snippet_kinds(void **state)
{
	struct store *s = *state;
	struct search_snippet sn = snippet(s, "SQ1", "inspections");
	assert_string_equal(sn.kind, "action");
	assert_non_null(strstr(sn.text, "\x01inspections\x02"));
	sn = snippet(s, "SQ1", "rollout");
	assert_string_equal(sn.kind, "update");
	assert_string_equal(sn.label, "2025/26 Q4");
	assert_non_null(strstr(sn.text, "\x01rollout\x02"));
	sn = snippet(s, "SQ2", "walkab");
	assert_string_equal(sn.kind, "engagement");
	assert_string_equal(sn.label, "Estate walkabout");
	assert_non_null(strstr(sn.text, "\x01walkabout\x02"));
	sn = snippet(s, "SQ3", "total mob");
	assert_string_equal(sn.kind, "action");
	assert_non_null(strstr(sn.text, "\x01Total\x02 \x01Mobile\x02"));
}

/* No match, nothing typed, or text that is FTS syntax: an empty snippet and no error. */
static void test_snippet_none(void **state)
{
	struct store *s = *state;
	assert_string_equal(snippet(s, "SQ4", "inspections").kind, "");
	assert_string_equal(snippet(s, "SQ1", "").kind, "");
	assert_string_equal(snippet(s, "SQ1", "\"").kind, "");
	assert_string_equal(snippet(s, "SQ1", "NEAR( * \" OR").kind, "");
	assert_string_equal(snippet(s, "SQ1", "fire NOT door").kind, ""); /* NOT is a word to find, not an operator */
	assert_string_equal(snippet(s, "SQ1", "fire door").kind, "action");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sections_tree_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sections_of_unknown_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_section_with_children, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_rag_set_or_computed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_due_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_two_owners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_combine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_by_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_by_section_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_match_odd_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_ranked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_ranked_filtered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_without_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snippet_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snippet_none, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
