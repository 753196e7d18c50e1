/* unit_report.c — unit tests for the RAG report: the counting rules and the Markdown, CSV and HTML writers of
 * core/report.h, and the snapshots and report queries of store/report.h on an in-memory store loaded from inline CSV. */
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
#include "core/rag.h"
#include "core/report.h"
#include "store/report.h"
#include "store/store.h"

/* ---- the fixture: plan HIP-T with a section tree, and one action in another plan; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-T,Test Improvement Plan,improvement,2025-04-01,2026-03-31\n"
	"OTHER,Another plan,strategy,2026-04-01,2031-03-31\n";

/* NC has no actions; SQ-1a sits two levels down. */
static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-T,SQ,,Safety & Quality\n"
	"HIP-T,SQ-1,SQ,Health and safety\n"
	"HIP-T,SQ-1a,SQ-1,Fire safety\n"
	"HIP-T,TIA,,\"Transparency, Influence & Accountability\"\n"
	"HIP-T,TIA-1,TIA,Fairness\n"
	"HIP-T,NC,,Neighbourhood & Community\n"
	"OTHER,P1,,Prevention\n";

/* Set RAG / computed RAG on 2026-06-09 at the end of each row. */
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-T,SQ1,SQ-1,Fire risk plan,,,,,Simon Parry,Sep-25,complete,G,,2025-09-20\n"	       /* G (Complete) / C */
	"HIP-T,SQ2,SQ-1a,Fire door surveys,,,,,Simon Parry,Mar-26,in_progress,G,,\n"	       /* G / R, overdue */
	"HIP-T,SQ3,SQ,Asset strategy,,,,,Simon Parry,31/12/2026,in_progress,A,Waiting,\n"      /* A / G */
	"HIP-T,SQ4,SQ-1,Damp policy,,,,,Jane Willis,30/06/2026,in_progress,,,\n"	       /* none / A */
	"HIP-T,SQ5,SQ-1,Lift renewals,,,,,Jane Willis,Dec-26,in_progress,C,Done early,\n"     /* C / G */
	"HIP-T,TIA1,TIA-1,Staff training,,,,,Jane Willis,Sep-25 (Revised Mar-26),in_progress,R,,\n" /* R / R, overdue */
	"HIP-T,TIA2,TIA,Tenant panel,,,,,Jane Willis,Ongoing,in_progress,G,,\n"		       /* G / G */
	"HIP-T,X1,,Loose action,,,,,Jane Willis,Jan-27,in_progress,A,Resourcing,\n"	       /* A / G */
	"OTHER,O1,P1,Outreach,,,,,Jane Willis,Jan-27,in_progress,G,,\n";

static const char UPDATES_CSV[] =
	"plan,ref,period,noted_on,author,text\n"
	"HIP-T,SQ2,2025/26 Q4,2026-03-01,Simon Parry,Surveys started\n"
	"HIP-T,SQ2,2026/27 Q1,2026-05-01,Simon Parry,\"Half the blocks | done\n- the rest in July\"\n"
	"HIP-T,TIA1,2025/26 Q4,2026-03-20,Jane Willis,Training plan drafted\n";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

static const struct fixture_file fixture[] = {
	{ CSVIO_PLANS, "plans.csv", PLANS_CSV },
	{ CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV },
	{ CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV },
	{ CSVIO_UPDATES, "updates.csv", UPDATES_CSV },
};

static struct date ymd(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

static void assert_msg_has(const struct pb_error *e, const char *needle)
{
	if (!strstr(e->msg, needle))
		fail_msg("message \"%s\" does not contain \"%s\"", e->msg, needle);
}

static void assert_has(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("expected to find \"%s\" in:\n%s", needle, text);
}

static void assert_lacks(const char *text, const char *needle)
{
	if (strstr(text, needle))
		fail_msg("did not expect \"%s\" in:\n%s", needle, text);
}

static int occurrences(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static int setup(void **state)
{
	struct store *s = NULL;
	struct pb_error e = { 0 };

	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, "Test Officer");
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++) {
		struct store_import_result r;
		const char *t = fixture[i].text;

		if (store_import(s, fixture[i].kind, fixture[i].name, t, strlen(t), NULL, &r, &e) != PB_OK)
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

static long action_id(struct store *s, const char *ref)
{
	long id = 0;
	struct pb_error e = { 0 };

	if (store_find_action(s, "HIP-T", ref, &id, &e) != PB_OK)
		fail_msg("%s: %s", ref, e.msg);
	return id;
}

static struct snapshot_info take(struct store *s, const char *label)
{
	struct snapshot_info info;
	struct pb_error e = { 0 };

	if (store_snapshot_take(s, label, &info, &e) != PB_OK)
		fail_msg("snapshot %s: %s", label, e.msg);
	return info;
}

static void ok(int status, const struct pb_error *e)
{
	if (status != PB_OK)
		fail_msg("%s", e->msg);
}

/* The counts of one section, asserted in the order R, A, G, C for set and computed. */
static void assert_counts(const struct report_counts *c, long actions, const long set[4], const long computed[4])
{
	assert_int_equal(c->actions, actions);
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		if (c->set[b] != set[b] || c->computed[b] != computed[b])
			fail_msg("%s: set %ld computed %ld, expected %ld and %ld", report_bucket_name(b), c->set[b],
				 c->computed[b], set[b], computed[b]);
	}
}

static struct report_plan counts(struct store *s, const struct snapshot_info *snap)
{
	struct report_plan p;
	struct pb_error e = { 0 };

	ok(store_report_counts(s, "hip-t", snap, &p, &e), &e);
	return p;
}

/* ---- list collectors ---- */

struct items {
	int n;
	char refs[256];	  /* "SQ2 TIA1 " */
	char notes[2048]; /* every note, "; " after each */
	char rows[4096];  /* ref|depth|top|section|period|update per item, one a line */
};

static int collect(void *ctx, const struct report_item *it)
{
	struct items *c = ctx;
	size_t r = strlen(c->refs), n = strlen(c->notes), w = strlen(c->rows);

	c->n++;
	snprintf(c->refs + r, sizeof c->refs - r, "%s ", it->ref);
	snprintf(c->notes + n, sizeof c->notes - n, "%s; ", it->note);
	snprintf(c->rows + w, sizeof c->rows - w, "%s|%d|%s|%s|%s|%s\n", it->ref, it->depth, it->top, it->section,
		 it->update_period, it->update_text);
	return PB_OK;
}

/* The whole report as a string (malloc'd); the status in *status. */
static char *write_report(struct store *s, const char *plan, const char *compare, enum report_format f, int *status,
			  struct pb_error *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct store_report_opts o = { plan, compare, f };

	assert_non_null(out);
	*status = store_report_write(s, &o, out, e);
	fclose(out);
	return text;
}

/* ---- core: the counting rules ---- */

/* Complete wins (set C, or complete by the dates); then the set RAG; then the computed one. */
static void test_bucket_rules(void **state)
{
	(void)state;
	assert_int_equal(report_bucket_set(RAG_GREEN, RAG_COMPLETE), REPORT_COMPLETE);
	assert_int_equal(report_bucket_set(RAG_COMPLETE, RAG_RED), REPORT_COMPLETE);
	assert_int_equal(report_bucket_set(RAG_AMBER, RAG_RED), REPORT_AMBER);
	assert_int_equal(report_bucket_set(RAG_GREEN, RAG_RED), REPORT_GREEN);
	assert_int_equal(report_bucket_set(RAG_NONE, RAG_RED), REPORT_RED);
	assert_int_equal(report_bucket_set(RAG_NONE, RAG_AMBER), REPORT_AMBER);
	assert_int_equal(report_bucket_computed(RAG_COMPLETE), REPORT_COMPLETE);
	assert_int_equal(report_bucket_computed(RAG_RED), REPORT_RED);
	assert_string_equal(report_bucket_name(REPORT_COMPLETE), "Complete");
	assert_int_equal(report_bucket_letter(REPORT_AMBER), 'A');
	assert_int_equal(report_format_from_name("html"), REPORT_HTML);
	assert_int_equal(report_format_from_name("csv"), REPORT_CSV);
	assert_int_equal(report_format_from_name("md"), REPORT_MD);
	assert_int_equal(report_format_from_name("pdf"), -1);
}

/* Groups fold into set and computed columns; unset ones are counted and still land in a column. */
static void test_counts_add_and_merge(void **state)
{
	struct report_counts c = { 0 }, total = { 0 };
	struct report_group green_red = { RAG_GREEN, RAG_RED, 3, 3, 1 };
	struct report_group none_amber = { RAG_NONE, RAG_AMBER, 2, 0, 2 };
	struct report_group green_done = { RAG_GREEN, RAG_COMPLETE, 4, 0, 0 };

	(void)state;
	report_counts_add(&c, &green_red);
	report_counts_add(&c, &none_amber);
	report_counts_add(&c, &green_done);
	assert_counts(&c, 9, (long[]){ 0, 2, 3, 4 }, (long[]){ 3, 2, 0, 4 });
	assert_int_equal(c.unset, 2);
	assert_int_equal(c.overdue, 3);
	assert_int_equal(c.revised, 3);
	report_counts_merge(&total, &c);
	report_counts_merge(&total, &c);
	assert_counts(&total, 18, (long[]){ 0, 4, 6, 8 }, (long[]){ 6, 4, 0, 8 });
	assert_int_equal(total.unset, 4);
}

/* Sections are found by code or appended in order; totals add every section now and then. */
static void test_plan_sections_and_totals(void **state)
{
	struct report_plan p;
	struct report_counts now, then;
	struct report_group g = { RAG_RED, RAG_RED, 2, 2, 0 };

	(void)state;
	report_plan_init(&p, "P", "Plan");
	report_plan_section(&p, "B", "Bee");
	report_plan_section(&p, "A", "Ay");
	report_counts_add(&report_plan_section(&p, "A", "ignored")->now, &g);
	report_counts_add(&report_plan_section(&p, "B", "ignored")->then, &g);
	report_counts_add(&report_plan_section(&p, "", "")->now, &g);
	assert_int_equal(p.nsections, 3);
	assert_string_equal(p.sections[0].code, "B");
	assert_string_equal(p.sections[1].title, "Ay");
	report_plan_totals(&p, &now, &then);
	assert_int_equal(now.actions, 4);
	assert_int_equal(now.set[REPORT_RED], 4);
	assert_int_equal(then.actions, 2);
	report_plan_free(&p);
}

/* ---- core: the writers ---- */

/* A plan of two sections, with a snapshot: SQ went from A1 G2 to R1 G1 C1; TIA <script> stayed at G1. */
static void sample_plan(struct report_plan *p)
{
	struct report_group now_sq[] = { { RAG_RED, RAG_RED, 1, 1, 1 }, { RAG_GREEN, RAG_AMBER, 1, 0, 0 },
					  { RAG_GREEN, RAG_COMPLETE, 1, 0, 0 } };
	struct report_group then_sq[] = { { RAG_AMBER, RAG_AMBER, 1, 0, 0 }, { RAG_GREEN, RAG_GREEN, 2, 0, 0 } };
	struct report_group tia = { RAG_GREEN, RAG_GREEN, 1, 0, 0 };

	report_plan_init(p, "HIP-T", "Test & <Plan>");
	struct report_section *sq = report_plan_section(p, "SQ", "Safety | Quality");
	for (int i = 0; i < 3; i++)
		report_counts_add(&sq->now, &now_sq[i]);
	for (int i = 0; i < 2; i++)
		report_counts_add(&sq->then, &then_sq[i]);
	struct report_section *t = report_plan_section(p, "TIA", "<script>alert(1)</script>");
	report_counts_add(&t->now, &tia);
	report_counts_add(&t->then, &tia);
}

static char *render_sample(enum report_format f, bool compare)
{
	struct report_plan p;
	struct report_writer w;
	struct report_meta m = { .today = ymd(2026, 6, 9), .amber_days = 30 };
	struct report_item it = { .ref = "SQ2", .title = "Doors | frames *now* <b>\nnext line", .leads = "Simon Parry",
				  .top = "SQ", .top_title = "Safety | Quality", .section = "SQ-1", .section_title = "Health",
				  .depth = 1, .due_text = "Mar-26", .due_on = "2026-03-31", .rag = RAG_GREEN,
				  .rag_computed = RAG_RED, .overdue = true, .days_over = 70, .update_period = "2026/27 Q1",
				  .update_text = "Half done" };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (compare) {
		m.snapshot = "2025/26 Q4";
		m.snapshot_taken = ymd(2026, 3, 31);
	}
	sample_plan(&p);
	report_begin(&w, out, f, &m);
	report_plan_begin(&w, &p);
	report_list_begin(&w, REPORT_LIST_OVERDUE);
	report_list_item(&w, &it);
	report_list_end(&w);
	report_list_begin(&w, REPORT_LIST_MISMATCH);
	report_list_end(&w);
	report_table_begin(&w);
	report_table_item(&w, &it);
	report_table_end(&w);
	report_plan_end(&w);
	assert_int_equal(report_end(&w), 0);
	fclose(out);
	report_plan_free(&p);
	return text;
}

/* Markdown: counts with computed beside where they differ, the change against the snapshot, cells escaped. */
static void test_md(void **state)
{
	char *md = render_sample(REPORT_MD, true);

	(void)state;
	assert_has(md, "# RAG report: Test & \\<Plan\\> (HIP-T)\n");
	assert_has(md, "| Section | Actions | Red | Amber | Green | Complete | Overdue | Revised date |\n"
		       "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	assert_has(md, "| SQ — Safety \\| Quality | 3 | 1 | 0 (computed 1) | 1 (computed 0) | 1 | 1 | 1 |\n");
	assert_has(md, "| All sections | 4 | 1 | 0 (computed 1) | 2 (computed 1) | 1 | 1 | 1 |\n");
	assert_has(md, "| SQ — Safety \\| Quality | 3 → 3 (0) | 0 → 1 (+1) | 1 → 0 (-1) | 2 → 1 (-1) | 0 → 1 (+1) | 0 → 1 (+1)"
		       " | 0 → 1 (+1) |\n");
	assert_has(md, "| SQ2 | SQ-1 | Doors \\| frames \\*now\\* \\<b\\> next line | Simon Parry | 31 Mar 2026 | 70 |"
		       " GREEN (computed RED) |\n");
	assert_has(md, "## RAG mismatches\n\nNone.\n");
	assert_has(md, "### SQ — Safety \\| Quality\n\n#### SQ-1 — Health\n\n| Ref | Action | Lead | Target date | RAG | Comments |\n");
	assert_has(md, "| Mar-26 | GREEN (computed RED) | 2026/27 Q1: Half done |\n");
	assert_has(md, "every action in this plan has one set");
	assert_lacks(md, "<b>");
	assert_lacks(md, "<br");
	free(md);
}

/* CSV: one row per section per RAG, with the snapshot's count and the change. */
static void test_csv(void **state)
{
	char *csv = render_sample(REPORT_CSV, true);

	(void)state;
	assert_string_equal(csv, "plan,section,section_title,rag,count,computed_count,snapshot_count,change\n"
				 "HIP-T,SQ,Safety | Quality,Red,1,1,0,1\n"
				 "HIP-T,SQ,Safety | Quality,Amber,0,1,1,-1\n"
				 "HIP-T,SQ,Safety | Quality,Green,1,0,2,-1\n"
				 "HIP-T,SQ,Safety | Quality,Complete,1,1,0,1\n"
				 "HIP-T,TIA,<script>alert(1)</script>,Red,0,0,0,0\n"
				 "HIP-T,TIA,<script>alert(1)</script>,Amber,0,0,0,0\n"
				 "HIP-T,TIA,<script>alert(1)</script>,Green,1,1,1,0\n"
				 "HIP-T,TIA,<script>alert(1)</script>,Complete,0,0,0,0\n");
	free(csv);
	csv = render_sample(REPORT_CSV, false);
	assert_has(csv, "HIP-T,SQ,Safety | Quality,Red,1,1,,\n");
	free(csv);
}

/* Checks that every tag of an XML-style document is closed in order (the HTML is written as well-formed XML). */
static void assert_balanced(const char *html)
{
	const char *stack[64];
	size_t lens[64];
	int depth = 0;

	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		assert_non_null(end);
		if (p[1] == '!')
			continue;
		if (p[1] == '/') {
			size_t n = strcspn(p + 2, " >");
			if (depth == 0 || lens[depth - 1] != n || strncmp(stack[depth - 1], p + 2, n) != 0)
				fail_msg("</%.*s> closes %.*s", (int)n, p + 2, depth ? (int)lens[depth - 1] : 4,
					 depth ? stack[depth - 1] : "none");
			depth--;
		} else if (end[-1] != '/') {
			assert_true(depth < 64);
			stack[depth] = p + 1;
			lens[depth++] = strcspn(p + 1, " >");
		}
	}
	assert_int_equal(depth, 0);
}

/* HTML: one file with its own style and A4 print rules, every text escaped, one chart per section and one for all,
 * each segment drawn with a pattern and labelled with its letter and count; nothing fetched from elsewhere. */
static void test_html(void **state)
{
	char *html = render_sample(REPORT_HTML, true);

	(void)state;
	assert_true(strncmp(html, "<!DOCTYPE html>\n<html", 21) == 0);
	assert_has(html, "@page{size:A4");
	assert_has(html, "Test &amp; &lt;Plan&gt;");
	assert_has(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_lacks(html, "<script");
	assert_lacks(html, "http");
	assert_lacks(html, "src=");
	assert_lacks(html, "<link");
	assert_lacks(html, "@import");
	assert_int_equal(occurrences(html, "<svg "), 3);
	assert_has(html, "data-section=\"SQ\"");
	assert_has(html, "data-section=\"TIA\"");
	/* SQ now: R1 G1 C1, each segment patterned and labelled; at the snapshot A1 G2. */
	assert_has(html, "fill=\"url(#pR1)\"");
	assert_has(html, ">R 1</text>");
	assert_has(html, ">C 1</text>");
	assert_has(html, ">A 1</text>");
	assert_has(html, ">G 2</text>");
	assert_has(html, "aria-label=\"SQ — Safety | Quality · 3 actions. 2025/26 Q4: Red 0, Amber 1, Green 2, Complete 0."
			 " Now, set RAG: Red 1, Amber 0, Green 1, Complete 1.");
	assert_has(html, "<td>Doors | frames *now* &lt;b&gt;<br/>next line</td>");
	assert_has(html, "<td class=\"rag\"><span class=\"badge b-G\">G</span>GREEN (computed RED)</td>");
	assert_has(html, "<td class=\"n\">0 <span class=\"comp\">(computed 1)</span></td>");
	assert_has(html, "<p class=\"none\">None.</p>");
	assert_balanced(html);
	free(html);
	html = render_sample(REPORT_HTML, false);
	assert_int_equal(occurrences(html, "<svg "), 3);
	assert_lacks(html, "2025/26 Q4");
	assert_balanced(html);
	free(html);
}

/* ---- store: snapshots ---- */

static int count_snapshot(void *ctx, const struct snapshot_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return PB_OK;
}

static int snapshot_rows(void *ctx, const struct snapshot_action_row *r)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 1024 - n, "%s:%s:%s:%c%c:%s ", r->plan, r->ref, r->status, rag_letter(r->rag),
		 rag_letter(r->rag_computed), r->due_on);
	return PB_OK;
}

static void snapshot_of(struct store *s, long id, const char *plan, char out[1024])
{
	struct pb_error e = { 0 };

	out[0] = '\0';
	ok(store_each_snapshot_action(s, id, plan, snapshot_rows, out, &e), &e);
}

/* A snapshot records every action of every plan: status, set and computed RAG, target date. */
static void test_snapshot_take_and_read(void **state)
{
	struct store *s = *state;
	struct snapshot_info info = take(s, "  2025/26 Q4 ");
	char rows[1024];
	int n = 0;
	struct pb_error e = { 0 };

	assert_string_equal(info.label, "2025/26 Q4");
	assert_string_equal(info.taken_on, "2026-06-09");
	assert_int_equal(info.actions, 9);
	snapshot_of(s, info.id, "HIP-T", rows);
	assert_string_equal(rows, "HIP-T:SQ1:complete:GC:2025-09-30 HIP-T:SQ2:in_progress:GR:2026-03-31 "
				  "HIP-T:SQ3:in_progress:AG:2026-12-31 HIP-T:SQ4:in_progress:-A:2026-06-30 "
				  "HIP-T:SQ5:in_progress:CG:2026-12-31 HIP-T:TIA1:in_progress:RR:2026-03-31 "
				  "HIP-T:TIA2:in_progress:GG: HIP-T:X1:in_progress:AG:2027-01-31 ");
	ok(store_each_snapshot(s, count_snapshot, &n, &e), &e);
	assert_int_equal(n, 1);
	struct snapshot_info found;
	ok(store_find_snapshot(s, "2025/26 q4", &found, &e), &e);
	assert_int_equal(found.id, info.id);
	assert_int_equal(found.actions, 9);
}

/* A label already taken, in any case, is refused naming it; nothing is written. */
static void test_snapshot_duplicate_refused(void **state)
{
	struct store *s = *state;
	struct snapshot_info info = take(s, "2025/26 Q4"), again;
	struct pb_error e = { 0 };
	int n = 0;

	assert_int_equal(store_snapshot_take(s, "2025/26 q4", &again, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"2025/26 Q4\" was already taken on 9 Jun 2026");
	assert_msg_has(&e, "`planbench snapshot --list`");
	ok(store_each_snapshot(s, count_snapshot, &n, &e), &e);
	assert_int_equal(n, 1);
	ok(store_find_snapshot(s, "2025/26 Q4", &again, &e), &e);
	assert_int_equal(again.actions, info.actions);
	take(s, "2026/27 Q1");
	n = 0;
	ok(store_each_snapshot(s, count_snapshot, &n, &e), &e);
	assert_int_equal(n, 2);
}

/* An empty label is a usage error; a label on two lines is bad input; an unknown one names it and how to list. */
static void test_snapshot_labels(void **state)
{
	struct store *s = *state;
	struct snapshot_info info;
	struct pb_error e = { 0 };

	assert_int_equal(store_snapshot_take(s, "   ", &info, &e), PB_USAGE);
	assert_int_equal(store_snapshot_take(s, "Q4\nQ1", &info, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "one line");
	assert_int_equal(store_find_snapshot(s, "2024/25 Q2", &info, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "no snapshot \"2024/25 Q2\"");
	assert_msg_has(&e, "`planbench snapshot --list`");
}

/* Changes after a snapshot leave it as it was. */
static void test_snapshot_never_changes(void **state)
{
	struct store *s = *state;
	struct snapshot_info info = take(s, "Q4");
	char before[1024], after[1024];
	struct pb_error e = { 0 };

	snapshot_of(s, info.id, NULL, before);
	ok(store_complete(s, action_id(s, "SQ2"), ymd(2026, 6, 9), &e), &e);
	ok(store_set_rag(s, action_id(s, "TIA2"), RAG_AMBER, "Panel delayed", &e), &e);
	ok(store_revise_due(s, action_id(s, "SQ3"), "Mar-27", "Waiting for surveys", &e), &e);
	snapshot_of(s, info.id, NULL, after);
	assert_string_equal(after, before);
	assert_has(after, "OTHER:O1:in_progress:GG:2027-01-31");
}

/* ---- store: counts ---- */

/* Sub-sections (two levels down too) count under their top-level section; an empty section shows with zeros; actions
 * in no section get a section of their own; set and computed side by side; unset counted by computed. */
static void test_counts_roll_up(void **state)
{
	struct report_plan p = counts(*state, NULL);
	struct report_counts now, then;

	assert_string_equal(p.code, "HIP-T");
	assert_string_equal(p.title, "Test Improvement Plan");
	assert_int_equal(p.nsections, 4);
	assert_string_equal(p.sections[0].code, "SQ");
	assert_string_equal(p.sections[0].title, "Safety & Quality");
	assert_string_equal(p.sections[1].code, "TIA");
	assert_string_equal(p.sections[2].code, "NC");
	assert_string_equal(p.sections[3].code, "");
	assert_counts(&p.sections[0].now, 5, (long[]){ 0, 2, 1, 2 }, (long[]){ 1, 1, 2, 1 });
	assert_int_equal(p.sections[0].now.unset, 1);
	assert_int_equal(p.sections[0].now.overdue, 1);
	assert_int_equal(p.sections[0].now.revised, 0);
	assert_counts(&p.sections[1].now, 2, (long[]){ 1, 0, 1, 0 }, (long[]){ 1, 0, 1, 0 });
	assert_int_equal(p.sections[1].now.overdue, 1);
	assert_int_equal(p.sections[1].now.revised, 1);
	assert_counts(&p.sections[2].now, 0, (long[]){ 0, 0, 0, 0 }, (long[]){ 0, 0, 0, 0 });
	assert_counts(&p.sections[3].now, 1, (long[]){ 0, 1, 0, 0 }, (long[]){ 0, 0, 1, 0 });
	report_plan_totals(&p, &now, &then);
	assert_counts(&now, 8, (long[]){ 1, 3, 2, 2 }, (long[]){ 2, 1, 4, 1 });
	assert_int_equal(then.actions, 0);
	report_plan_free(&p);
}

static void test_counts_unknown_plan(void **state)
{
	struct report_plan p;
	struct pb_error e = { 0 };

	assert_int_equal(store_report_counts(*state, "HIP-9999", NULL, &p, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "no plan \"HIP-9999\"; the plans are HIP-T, OTHER");
}

/* After a snapshot: a completion, a RAG change and a revision move the counts now; the snapshot's stay. */
static void test_counts_against_snapshot(void **state)
{
	struct store *s = *state;
	struct snapshot_info snap = take(s, "Q4");
	struct pb_error e = { 0 };

	ok(store_complete(s, action_id(s, "SQ2"), ymd(2026, 6, 9), &e), &e);
	ok(store_set_rag(s, action_id(s, "TIA2"), RAG_AMBER, "Panel delayed", &e), &e);
	ok(store_revise_due(s, action_id(s, "SQ3"), "Mar-27", "Waiting for surveys", &e), &e);
	struct report_plan p = counts(s, &snap);
	/* SQ now: SQ2 complete; SQ3 pushed back this quarter so computed Amber. */
	assert_counts(&p.sections[0].now, 5, (long[]){ 0, 2, 0, 3 }, (long[]){ 0, 2, 1, 2 });
	assert_int_equal(p.sections[0].now.overdue, 0);
	assert_int_equal(p.sections[0].now.revised, 1);
	assert_counts(&p.sections[0].then, 5, (long[]){ 0, 2, 1, 2 }, (long[]){ 1, 1, 2, 1 });
	assert_int_equal(p.sections[0].then.overdue, 1);
	assert_int_equal(p.sections[0].then.revised, 0);
	assert_counts(&p.sections[1].now, 2, (long[]){ 1, 1, 0, 0 }, (long[]){ 1, 0, 1, 0 });
	assert_counts(&p.sections[1].then, 2, (long[]){ 1, 0, 1, 0 }, (long[]){ 1, 0, 1, 0 });
	assert_int_equal(p.sections[1].then.revised, 1); /* TIA1's revision came with the import, before */
	assert_int_equal(p.added_since, 0);
	report_plan_free(&p);
}

/* ---- store: lists ---- */

/* Revisions since the snapshot, with their reasons: on a later day; on the same day only those made after it
 * (told apart by the date the snapshot holds); never the ones imported without a date. */
static void test_revised_since(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct items got = { 0 };

	ok(store_revise_due(s, action_id(s, "SQ4"), "Jul-26", "Before the snapshot", &e), &e);
	struct snapshot_info snap = take(s, "Q4");
	ok(store_revise_due(s, action_id(s, "SQ4"), "Aug-26", "Same day, after", &e), &e);
	store_set_today(s, ymd(2026, 6, 10));
	ok(store_revise_due(s, action_id(s, "SQ3"), "Mar-27", "A day later", &e), &e);
	ok(store_report_each_revised(s, "HIP-T", &snap, collect, &got, &e), &e);
	assert_string_equal(got.refs, "SQ4 SQ3 ");
	assert_string_equal(got.notes, "Same day, after; A day later; ");
	struct report_plan p = counts(s, &snap);
	assert_int_equal(p.sections[0].then.revised, 1); /* SQ4, revised before the snapshot */
	assert_int_equal(p.sections[0].now.revised, 2);
	report_plan_free(&p);
}

/* Completed since: complete now (status or set C), not at the snapshot; actions added after it are not listed. */
static void test_completed_since(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct items got = { 0 };
	struct store_import_result r;
	static const char added[] = "plan,ref,section,title,due,status,rag\nHIP-T,SQ9,SQ,Added later,Jan-26,complete,C\n";

	struct snapshot_info snap = take(s, "Q4");
	ok(store_complete(s, action_id(s, "SQ2"), ymd(2026, 6, 1), &e), &e);
	ok(store_set_rag(s, action_id(s, "X1"), RAG_COMPLETE, "Signed off", &e), &e);
	ok(store_import(s, CSVIO_ACTIONS, "added.csv", added, strlen(added), NULL, &r, &e), &e);
	ok(store_report_each_completed(s, "HIP-T", &snap, collect, &got, &e), &e);
	assert_string_equal(got.refs, "SQ2 X1 ");
	struct report_plan p = counts(s, &snap);
	assert_int_equal(p.added_since, 1);
	report_plan_free(&p);
}

/* Overdue most days first; mismatches with why in words. */
static void test_overdue_and_mismatches(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	struct items over = { 0 }, mism = { 0 };

	ok(store_report_each_overdue(s, "hip-t", collect, &over, &e), &e);
	assert_string_equal(over.refs, "SQ2 TIA1 ");
	ok(store_report_each_mismatch(s, "HIP-T", collect, &mism, &e), &e);
	assert_string_equal(mism.refs, "SQ2 SQ3 SQ5 X1 ");
	assert_has(mism.notes, "set GREEN, computed RED: 70 days overdue (31 Mar 2026); ");
	assert_has(mism.notes, "set COMPLETE, computed GREEN: due in 205 days (31 Dec 2026); ");
	assert_int_equal(store_report_each_overdue(s, "NOPE", collect, &over, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"NOPE\"");
}

/* The per-section table: section-tree order, each action's newest update (or none). */
static void test_latest_updates(void **state)
{
	struct pb_error e = { 0 };
	struct items got = { 0 };

	ok(store_report_each_latest(*state, "HIP-T", collect, &got, &e), &e);
	assert_string_equal(got.rows, "SQ3|0|SQ|SQ||\n"
				      "SQ1|1|SQ|SQ-1||\n"
				      "SQ4|1|SQ|SQ-1||\n"
				      "SQ5|1|SQ|SQ-1||\n"
				      "SQ2|2|SQ|SQ-1a|2026/27 Q1|Half the blocks | done\n- the rest in July\n"
				      "TIA2|0|TIA|TIA||\n"
				      "TIA1|1|TIA|TIA-1|2025/26 Q4|Training plan drafted\n"
				      "X1|0||||\n");
}

/* ---- store: the whole report ---- */

static void test_report_md(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	int status;

	take(s, "2025/26 Q4");
	ok(store_complete(s, action_id(s, "SQ2"), ymd(2026, 6, 9), &e), &e);
	char *md = write_report(s, "HIP-T", "2025/26 q4", REPORT_MD, &status, &e);
	ok(status, &e);
	assert_has(md, "# RAG report: Test Improvement Plan (HIP-T)\n\nReport date 9 Jun 2026 · 8 actions · compared with"
		       " snapshot \"2025/26 Q4\", taken 9 Jun 2026\n");
	assert_has(md, "| SQ — Safety & Quality | 5 | 0 | 2 (computed 1) | 0 (computed 2) | 3 (computed 2) | 0 | 0 |\n");
	assert_has(md, "| NC — Neighbourhood & Community | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
	assert_has(md, "| No section | 1 | 0 | 1 (computed 0) | 0 (computed 1) | 0 | 0 | 0 |\n");
	assert_has(md, "| SQ — Safety & Quality | 5 → 5 (0) | 0 → 0 (0) | 2 → 2 (0) | 1 → 0 (-1) | 2 → 3 (+1) | 1 → 0 (-1) |");
	assert_has(md, "counted by its computed RAG: 1 action in this plan.");
	assert_has(md, "## Completed since \"2025/26 Q4\"\n\n| Ref | Action | Lead | Target date | Completed on |\n");
	assert_has(md, "| SQ2 | Fire door surveys | Simon Parry | 31 Mar 2026 | 9 Jun 2026 |\n");
	assert_has(md, "## Target dates revised since \"2025/26 Q4\"\n\nNone.\n");
	assert_has(md, "#### SQ-1a — Fire safety\n");
	assert_has(md, "| SQ2 | Fire door surveys | Simon Parry | Mar-26 | COMPLETE | 2026/27 Q1: Half the blocks \\| done - the"
		       " rest in July |\n");
	assert_has(md, "| SQ3 | Asset strategy | Simon Parry | 31/12/2026 | AMBER (computed GREEN) | No progress update recorded. |");
	assert_lacks(md, "Outreach"); /* the other plan */
	free(md);
}

/* Without --plan every plan is reported; an unknown snapshot or plan writes nothing. */
static void test_report_all_plans_and_errors(void **state)
{
	struct store *s = *state;
	struct pb_error e = { 0 };
	int status;

	char *md = write_report(s, NULL, NULL, REPORT_MD, &status, &e);
	ok(status, &e);
	assert_int_equal(occurrences(md, "\n# RAG report: ") + (strncmp(md, "# RAG report: ", 14) == 0), 2);
	assert_has(md, "| P1 — Prevention | 1 | 0 | 0 | 1 | 0 | 0 | 0 |");
	free(md);
	char *none = write_report(s, "HIP-T", "Q9", REPORT_HTML, &status, &e);
	assert_int_equal(status, PB_BAD_INPUT);
	assert_msg_has(&e, "no snapshot \"Q9\"");
	assert_string_equal(none, "");
	free(none);
	none = write_report(s, "HIP-X", NULL, REPORT_CSV, &status, &e);
	assert_int_equal(status, PB_BAD_INPUT);
	assert_msg_has(&e, "no plan \"HIP-X\"");
	assert_string_equal(none, "");
	free(none);
	char *csv = write_report(s, "HIP-T", NULL, REPORT_CSV, &status, &e);
	ok(status, &e);
	assert_has(csv, "HIP-T,SQ,Safety & Quality,Amber,2,1,,\n");
	assert_has(csv, "HIP-T,,No section,Amber,1,0,,\n");
	assert_int_equal(occurrences(csv, "\n"), 1 + 4 * 4);
	free(csv);
	char *html = write_report(s, "HIP-T", NULL, REPORT_HTML, &status, &e);
	ok(status, &e);
	assert_int_equal(occurrences(html, "<svg "), 5); /* SQ, TIA, NC, no section, all */
	assert_balanced(html);
	free(html);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bucket_rules),
		cmocka_unit_test(test_counts_add_and_merge),
		cmocka_unit_test(test_plan_sections_and_totals),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_html),
		T(test_snapshot_take_and_read),
		T(test_snapshot_duplicate_refused),
		T(test_snapshot_labels),
		T(test_snapshot_never_changes),
		T(test_counts_roll_up),
		T(test_counts_unknown_plan),
		T(test_counts_against_snapshot),
		T(test_revised_since),
		T(test_completed_since),
		T(test_overdue_and_mismatches),
		T(test_latest_updates),
		T(test_report_md),
		T(test_report_all_plans_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
