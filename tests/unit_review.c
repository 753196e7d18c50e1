/* unit_review.c — unit tests for one-to-one reviews (store/review.h, core/review.h): the agenda's groups and their
 * order (each action in exactly one, the first that applies; boundaries of "due within a month"), only the officer's
 * actions across plans, found by alias; "changed since" the last finished review (dated changes after its day, audited
 * changes after it finished, one-to-one notes not counted); a review keeping its agenda as it began; an agreed date
 * becoming one revision with its reason, in the same transaction as the notes; not discussed, finish, resume,
 * discard, what was agreed last time, fresh updates; and the sheet in Markdown and CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/review.h"
#include "store/review.h"
#include "store/store.h"

/* ---- the fixture: Simon Parry (alias SP) leads actions in two plans; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-2627,Housing Improvement Plan 2026/27,improvement,2026-04-01,2027-03-31\n"
	"HRS-2026,Homelessness and Rough Sleeping Strategy 2026-2031,strategy,2026-04-01,2031-03-31\n";

static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-2627,SQ,,Safety & Quality\n"
	"HRS-2026,P2,,Targeted prevention\n";

static const char OFFICERS_CSV[] =
	"name,role,team,email,aliases\n"
	"Simon Parry,Assistant Director,Property Services,,SP; Assistant Director (HPS)\n"
	"Jane Willis,Neighbourhood & Tenancy Manager,Neighbourhoods,,N&T Manager\n";

/* Plan order differs from the agenda's on purpose. */
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2627,OT1,SQ,Other one,,,,,Simon Parry,31/01/2027,in_progress,G,,\n"
	"HIP-2627,OD1,SQ,Overdue by nine days,,,,,SP,31/05/2026,in_progress,G,,\n"
	"HIP-2627,DS1,SQ,Due at the end of June,,,,,Simon Parry,30/06/2026,in_progress,,,\n"
	"HIP-2627,MM1,SQ,Red set but on time,,,,,Simon Parry,31/12/2026,in_progress,R,,\n"
	"HIP-2627,CP1,SQ,Done already,,,,,Simon Parry,30/04/2026,complete,C,,2026-04-30\n"
	"HIP-2627,DS3,SQ,Due a month from today,,,,,Simon Parry,09/07/2026,in_progress,,,\n"
	"HIP-2627,OT2,SQ,Due a month and a day from today,,,,,Simon Parry,10/07/2026,in_progress,,,\n"
	"HIP-2627,JW1,SQ,Jane's alone,,,,,Jane Willis,31/03/2026,in_progress,A,,\n"
	"HIP-2627,CO1,SQ,Led with Jane,,,,,Jane Willis; Simon Parry,31/03/2026,in_progress,A,,\n"
	"HRS-2026,2.1,P2,Early help pathway,,,,,SP,20/06/2026,in_progress,,,\n"
	"HRS-2026,2.2,P2,Outreach,,,,,Simon Parry,Ongoing,in_progress,,,\n";

static const char UPDATES_CSV[] =
	"plan,ref,period,noted_on,author,text\n"
	"HIP-2627,OT1,2026/27 Q1,2026-05-01,Simon Parry,Scoping started\n"
	"HIP-2627,OD1,2025/26 Q4,2026-03-31,Simon Parry,Supplier chosen\n";

static const char AGENDA_NOW[] = "CO1 OD1 | MM1 | 2.1 DS1 DS3 | | OT1 OT2 2.2 CP1";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

static const struct fixture_file fixture[] = {
	{CSVIO_PLANS, "plans.csv", PLANS_CSV},	     {CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV},
	{CSVIO_OFFICERS, "officers.csv", OFFICERS_CSV}, {CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV},
	{CSVIO_UPDATES, "updates.csv", UPDATES_CSV},
};

static struct date ymd(int y, int m, int d)
{
	struct date x = {y, m, d};
	return x;
}

static void assert_has(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("\"%s\" is not in:\n%s", needle, text);
}

static int setup(void **state)
{
	struct store *s = NULL;
	struct store_import_result r;
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, "Team Leader");
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++)
		if (store_import(s, fixture[i].kind, fixture[i].name, fixture[i].text, strlen(fixture[i].text), NULL, &r, &e) != PB_OK)
			fail_msg("importing %s: %s", fixture[i].name, e.msg);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

static long officer(struct store *s, const char *name)
{
	struct pb_error e = {0};
	long id = 0;
	if (store_find_officer(s, name, &id, NULL, 0, &e) != PB_OK)
		fail_msg("store_find_officer(%s): %s", name, e.msg);
	return id;
}

static long action(struct store *s, const char *ref)
{
	struct pb_error e = {0};
	long id = 0;
	if (store_find_action(s, NULL, ref, &id, &e) != PB_OK)
		fail_msg("store_find_action(%s): %s", ref, e.msg);
	return id;
}

/* The agenda as "refs of group 0 | refs of group 1 | …", each group in its order. */
struct layout {
	struct buf b;
	int group;
	long last;
};

static int add_to_layout(void *ctx, const struct review_item_row *r)
{
	struct layout *l = ctx;
	assert_int_equal(r->position, l->last + 1);
	l->last = r->position;
	for (; l->group < (int)r->group; l->group++)
		buf_add(&l->b, l->group < 0 ? "" : " |");
	buf_printf(&l->b, "%s%s", l->b.len ? " " : "", r->action.ref);
	return PB_OK;
}

static void finish_layout(struct layout *l)
{
	for (; l->group < REVIEW_NGROUPS - 1; l->group++)
		buf_add(&l->b, " |");
}

static char *agenda_now(struct store *s, const struct review_since *since)
{
	struct layout l = {{0}, 0, 0};
	struct pb_error e = {0};
	buf_add(&l.b, "");
	assert_int_equal(store_review_agenda(s, officer(s, "Simon Parry"), since, 0, -1, add_to_layout, &l, &e), PB_OK);
	finish_layout(&l);
	return l.b.data;
}

static char *agenda_of(struct store *s, long review_id)
{
	struct layout l = {{0}, 0, 0};
	struct pb_error e = {0};
	buf_add(&l.b, "");
	assert_int_equal(store_review_items(s, review_id, 0, -1, add_to_layout, &l, &e), PB_OK);
	finish_layout(&l);
	return l.b.data;
}

static void assert_agenda(char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("agenda\n  got:  %s\n  want: %s", got, want);
	free(got);
}

static long start(struct store *s, bool want_resumed)
{
	struct pb_error e = {0};
	long id = 0;
	bool resumed = !want_resumed;
	if (store_review_start(s, officer(s, "Simon Parry"), &id, &resumed, &e) != PB_OK)
		fail_msg("store_review_start: %s", e.msg);
	assert_int_equal(resumed, want_resumed);
	return id;
}

static void record(struct store *s, long review, const char *ref, const char *notes, const char *step, const char *date)
{
	struct pb_error e = {0};
	struct review_record r = {notes, step, date};
	if (store_review_record(s, review, action(s, ref), &r, &e) != PB_OK)
		fail_msg("store_review_record(%s): %s", ref, e.msg);
}

static void finish(struct store *s, long review)
{
	struct pb_error e = {0};
	if (store_review_finish(s, review, &e) != PB_OK)
		fail_msg("store_review_finish: %s", e.msg);
}

/* One item of a review, found by ref. */
struct find_item {
	const char *ref;
	struct review_item_row row;
	char notes[256], step[256], new_due[DATE_ISO_LEN], due_then[DATE_ISO_LEN];
	bool found;
};

static int keep_item(void *ctx, const struct review_item_row *r)
{
	struct find_item *f = ctx;
	if (strcmp(r->action.ref, f->ref) != 0)
		return PB_OK;
	f->found = true;
	f->row = *r;
	snprintf(f->notes, sizeof f->notes, "%s", r->notes);
	snprintf(f->step, sizeof f->step, "%s", r->next_step);
	snprintf(f->new_due, sizeof f->new_due, "%s", r->new_due_on);
	snprintf(f->due_then, sizeof f->due_then, "%s", r->due_then);
	f->row.notes = f->row.next_step = f->row.new_due_on = f->row.due_then = NULL; /* they die with the callback */
	memset(&f->row.action, 0, sizeof f->row.action);
	return PB_OK;
}

static struct find_item item(struct store *s, long review, const char *ref)
{
	struct find_item f = {.ref = ref};
	struct pb_error e = {0};
	assert_int_equal(store_review_items(s, review, 0, -1, keep_item, &f, &e), PB_OK);
	if (!f.found)
		fail_msg("%s is not on the agenda of review %ld", ref, review);
	return f;
}

/* The revisions of an action as "from>to (reason) on by" lines. */
static int add_revision(void *ctx, const struct revision_row *r)
{
	buf_printf(ctx, "%s>%s (%s) %s %s\n", r->from_on, r->to_on, r->reason, r->changed_on, r->changed_by);
	return PB_OK;
}

static char *revisions(struct store *s, const char *ref)
{
	struct buf b = {0};
	struct pb_error e = {0};
	buf_add(&b, "");
	assert_int_equal(store_each_revision(s, action(s, ref), add_revision, &b, &e), PB_OK);
	return b.data;
}

/* The sheet of the agenda now (review 0) or of a review, as text. */
static char *sheet(struct store *s, long review, enum review_format f)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = {0};
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	int status = review ? store_review_sheet_saved(s, review, f, out, &e)
			    : store_review_sheet(s, officer(s, "Simon Parry"), NULL, f, out, &e);
	fclose(out);
	if (status != PB_OK)
		fail_msg("sheet: %s", e.msg);
	return text;
}

/* ---- core ---- */

static void test_core_words(void **state)
{
	char reason[64];
	(void)state;
	review_agreed_reason(ymd(2026, 6, 9), reason, sizeof reason);
	assert_string_equal(reason, "agreed at 1:1 on 9 Jun 2026");
	for (int g = 0; g < REVIEW_NGROUPS; g++)
		assert_int_equal(review_group_from_key(review_group_key((enum review_group)g)), g);
	assert_int_equal(review_group_from_key("soon"), -1);
	assert_int_equal(review_format_from_name("md"), REVIEW_MD);
	assert_int_equal(review_format_from_name("csv"), REVIEW_CSV);
	assert_int_equal(review_format_from_name("html"), -1);
	assert_string_equal(review_state_name(REVIEW_ITEM_NOT_DISCUSSED), "not discussed");
}

/* ---- the agenda ---- */

static void test_agenda_groups_and_order(void **state)
{
	struct store *s = *state;
	struct review_counts c;
	struct pb_error e = {0};
	assert_agenda(agenda_now(s, NULL), AGENDA_NOW);
	assert_int_equal(store_review_agenda_counts(s, officer(s, "Simon Parry"), NULL, &c, &e), PB_OK);
	assert_int_equal(c.n[REVIEW_OVERDUE], 2);
	assert_int_equal(c.n[REVIEW_MISMATCH], 1);
	assert_int_equal(c.n[REVIEW_DUE_SOON], 3);
	assert_int_equal(c.n[REVIEW_CHANGED], 0);
	assert_int_equal(c.n[REVIEW_OTHER], 4);
	assert_int_equal(c.total, 10); /* every action Simon leads, Jane's own left out */
}

static void test_agenda_by_alias_and_paged(void **state)
{
	struct store *s = *state;
	struct layout l = {{0}, 0, 3};
	struct pb_error e = {0};
	assert_int_equal(officer(s, "SP"), officer(s, "Simon Parry"));
	assert_int_equal(officer(s, "assistant director (hps)"), officer(s, "Simon Parry"));
	buf_add(&l.b, "");
	l.group = REVIEW_DUE_SOON;
	assert_int_equal(store_review_agenda(s, officer(s, "SP"), NULL, 3, 3, add_to_layout, &l, &e), PB_OK);
	assert_string_equal(l.b.data, "2.1 DS1 DS3"); /* one page: rows 4 to 6 */
	buf_free(&l.b);
}

static void test_since_last_review(void **state)
{
	struct store *s = *state;
	struct review_since since;
	struct pb_error e = {0};
	long simon = officer(s, "Simon Parry");
	assert_int_equal(store_review_since_last(s, simon, &since, &e), PB_OK);
	assert_false(since.any);
	long first = start(s, false);
	record(s, first, "2.2", "Talked it through", NULL, NULL);
	finish(s, first);
	assert_int_equal(store_review_since_last(s, simon, &since, &e), PB_OK);
	assert_true(since.any);
	assert_string_equal(since.on, "2026-06-09");
	assert_agenda(agenda_now(s, &since), AGENDA_NOW); /* the review's own notes are no change */

	/* the same day, after it finished: an update counts by the audit trail; a later day by its date */
	assert_int_equal(store_add_update(s, action(s, "OT1"), NULL, "Design agreed", &e), PB_OK);
	store_set_today(s, ymd(2026, 6, 20));
	assert_int_equal(store_revise_due(s, action(s, "OT2"), "Aug-26", "Contractor delay", &e), PB_OK);
	assert_int_equal(store_add_update(s, action(s, "OD1"), NULL, "Still waiting", &e), PB_OK);
	assert_agenda(agenda_now(s, &since), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | OT1 OT2 | 2.2 CP1");

	/* a second review lists exactly those changes; its notes count for nothing in a third */
	long second = start(s, false);
	assert_agenda(agenda_of(s, second), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | OT1 OT2 | 2.2 CP1");
	record(s, second, "2.2", "Outreach extended", "Report in July", NULL);
	finish(s, second);
	assert_int_equal(store_review_since_last(s, simon, &since, &e), PB_OK);
	assert_string_equal(since.on, "2026-06-20");
	assert_agenda(agenda_now(s, &since), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | | OT1 OT2 2.2 CP1");

	/* --since a day: everything dated or recorded from it (the audit trail's clock is the wall clock) */
	assert_int_equal(store_review_since_day(s, ymd(2026, 6, 20), &since, &e), PB_OK);
	assert_string_equal(since.on, "2026-06-20");
	assert_string_equal(since.after, "2026-06-19");
	assert_int_equal(store_review_since_day(s, ymd(2099, 1, 1), &since, &e), PB_OK);
	assert_agenda(agenda_now(s, &since), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | | OT1 OT2 2.2 CP1");
	assert_int_equal(store_review_since_day(s, ymd(2000, 1, 1), &since, &e), PB_OK);
	assert_agenda(agenda_now(s, &since), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | OT1 OT2 2.2 CP1 |");
}

static void test_review_keeps_its_agenda(void **state)
{
	struct store *s = *state;
	struct review_info info;
	struct review_counts c;
	struct pb_error e = {0};
	long id = start(s, false);
	assert_agenda(agenda_of(s, id), AGENDA_NOW);
	record(s, id, "OD1", "Supplier late", "Chase the supplier", "Jul-26");
	/* OD1 is no longer overdue now, but the review keeps the agenda it began with */
	assert_agenda(agenda_of(s, id), AGENDA_NOW);
	char *now = agenda_now(s, NULL);
	assert_true(strncmp(now, "CO1 |", 5) == 0);
	free(now);
	assert_int_equal(store_review_item_counts(s, id, &c, &e), PB_OK);
	assert_int_equal(c.n[REVIEW_OVERDUE], 2);
	assert_int_equal(c.total, 10);
	struct find_item od1 = item(s, id, "OD1");
	assert_string_equal(od1.due_then, "2026-05-31");
	assert_int_equal(od1.row.rag_then, RAG_GREEN);
	assert_int_equal(od1.row.rag_computed_then, RAG_RED);
	assert_int_equal(od1.row.state, REVIEW_ITEM_DISCUSSED);
	/* resuming adds an action the officer has come to lead, at the end */
	struct store_import_result r;
	const char more[] = "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
			    "HIP-2627,NEW1,SQ,Taken on since,,,,,Simon Parry,31/05/2026,in_progress,,,\n";
	assert_int_equal(store_import(s, CSVIO_ACTIONS, "more.csv", more, strlen(more), NULL, &r, &e), PB_OK);
	assert_int_equal(start(s, true), id);
	assert_agenda(agenda_of(s, id), "CO1 OD1 | MM1 | 2.1 DS1 DS3 | | OT1 OT2 2.2 CP1 NEW1");
	assert_int_equal(item(s, id, "NEW1").row.group, REVIEW_OVERDUE);
	assert_int_equal(item(s, id, "NEW1").row.position, 11);
	assert_int_equal(store_review_get(s, id, &info, &e), PB_OK);
	assert_int_equal(info.items, 11);
	assert_int_equal(info.taken, 1);
}

static void test_agreed_date_is_a_revision(void **state)
{
	struct store *s = *state;
	struct review_record r;
	struct pb_error e = {0};
	struct action_detail d;
	long id = start(s, false);
	char *before = revisions(s, "OD1");
	assert_string_equal(before, "");
	free(before);
	record(s, id, "OD1", "Supplier late", "Chase the supplier", "Jul-26");
	char *after = revisions(s, "OD1");
	assert_string_equal(after, "2026-05-31>2026-07-31 (agreed at 1:1 on 9 Jun 2026) 2026-06-09 Team Leader\n");
	free(after);
	assert_int_equal(store_get_action(s, action(s, "OD1"), &d, &e), PB_OK);
	assert_string_equal(d.due_on, "2026-07-31");
	assert_string_equal(d.due_text, "31/05/2026 (Revised Jul-26)");
	store_action_free(&d);
	struct find_item od1 = item(s, id, "OD1");
	assert_string_equal(od1.notes, "Supplier late");
	assert_string_equal(od1.step, "Chase the supplier");
	assert_string_equal(od1.new_due, "2026-07-31");

	/* the same date again makes no second revision; taking it away is refused */
	record(s, id, "OD1", "Supplier late, again", "Chase the supplier", "31/07/2026");
	after = revisions(s, "OD1");
	assert_string_equal(after, "2026-05-31>2026-07-31 (agreed at 1:1 on 9 Jun 2026) 2026-06-09 Team Leader\n");
	free(after);
	r = (struct review_record){"Notes", NULL, ""};
	assert_int_equal(store_review_record(s, id, action(s, "OD1"), &r, &e), PB_BAD_INPUT);
	assert_has(e.msg, "already a revision");

	/* a date that cannot be read writes nothing: no notes, no revision */
	r = (struct review_record){"Lost if the date is wrong", "Step", "31/02/2027"};
	assert_int_equal(store_review_record(s, id, action(s, "DS1"), &r, &e), PB_BAD_INPUT);
	assert_has(e.msg, "new target date");
	struct find_item ds1 = item(s, id, "DS1");
	assert_string_equal(ds1.notes, "");
	assert_int_equal(ds1.row.state, REVIEW_ITEM_PENDING);
	char *none = revisions(s, "DS1");
	assert_string_equal(none, "");
	free(none);
	r = (struct review_record){NULL, NULL, "Ongoing"};
	assert_int_equal(store_review_record(s, id, action(s, "DS1"), &r, &e), PB_BAD_INPUT);
	/* an action not on the agenda */
	assert_int_equal(store_review_record(s, id, action(s, "JW1"), &r, &e), PB_BAD_INPUT);
}

/* Store callback: the audit trail of an action as "field=new" lines. */
static int add_audit(void *ctx, const struct audit_row *a)
{
	if (strncmp(a->field, "1:1 ", 4) == 0)
		buf_printf(ctx, "%s=%s by %s\n", a->field, a->new_value, a->who);
	return PB_OK;
}

static void test_mark_finish_and_list(void **state)
{
	struct store *s = *state;
	struct review_info info;
	struct pb_error e = {0};
	long id = start(s, false);
	assert_int_equal(store_review_mark(s, id, action(s, "CO1"), true, &e), PB_OK);
	assert_int_equal(item(s, id, "CO1").row.state, REVIEW_ITEM_NOT_DISCUSSED);
	assert_int_equal(store_review_mark(s, id, action(s, "CO1"), false, &e), PB_OK);
	assert_int_equal(item(s, id, "CO1").row.state, REVIEW_ITEM_PENDING);
	assert_int_equal(store_review_mark(s, id, action(s, "MM1"), true, &e), PB_OK);
	record(s, id, "OD1", "Supplier late", "Chase the supplier", NULL);
	assert_int_equal(store_review_mark(s, id, action(s, "OD1"), true, &e), PB_BAD_INPUT);
	assert_has(e.msg, "OD1 has notes");

	/* recorded on the action's audit trail, by the reviewer */
	struct buf b = {0};
	buf_add(&b, "");
	assert_int_equal(store_each_audit(s, action(s, "OD1"), add_audit, &b, &e), PB_OK);
	assert_string_equal(b.data, "1:1 notes=Supplier late by Team Leader\n1:1 next step=Chase the supplier by Team Leader\n"
				    "1:1 discussed=yes by Team Leader\n");
	buf_free(&b);

	store_set_today(s, ymd(2026, 6, 10));
	store_set_actor(s, "Head of Housing");
	finish(s, id);
	assert_int_equal(store_review_get(s, id, &info, &e), PB_OK);
	assert_true(info.finished);
	assert_string_equal(info.held_on, "2026-06-10");
	assert_string_equal(info.reviewer, "Head of Housing");
	assert_string_equal(info.officer, "Simon Parry");
	assert_int_equal(info.discussed, 1);
	assert_int_equal(item(s, id, "CO1").row.state, REVIEW_ITEM_NOT_DISCUSSED);
	assert_int_equal(item(s, id, "OD1").row.state, REVIEW_ITEM_DISCUSSED);
	/* a finished review stays as it was */
	assert_int_equal(store_review_mark(s, id, action(s, "CO1"), true, &e), PB_BAD_INPUT);
	struct review_record r = {"late", NULL, NULL};
	assert_int_equal(store_review_record(s, id, action(s, "CO1"), &r, &e), PB_BAD_INPUT);
	assert_has(e.msg, "is finished");
	assert_int_equal(store_review_finish(s, id, &e), PB_BAD_INPUT);
	assert_int_equal(store_review_discard(s, id, &e), PB_BAD_INPUT);

	/* listed: those in progress first, then the newest */
	long open = start(s, false);
	long n = 0;
	assert_int_equal(store_review_count(s, &n, &e), PB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_review_discard(s, open, &e), PB_OK);
	assert_int_equal(store_review_get(s, open, &info, &e), PB_BAD_INPUT);
	assert_int_equal(store_review_count(s, &n, &e), PB_OK);
	assert_int_equal(n, 1);
}

static void test_next_to_take(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long pos = -1, id = start(s, false);
	assert_int_equal(store_review_next_pending(s, id, 0, &pos, &e), PB_OK);
	assert_int_equal(pos, 1); /* CO1 */
	assert_int_equal(store_review_mark(s, id, action(s, "CO1"), true, &e), PB_OK);
	record(s, id, "OD1", NULL, "Chase", NULL);
	assert_int_equal(store_review_next_pending(s, id, 0, &pos, &e), PB_OK);
	assert_int_equal(pos, 3); /* MM1: the two before are taken */
	assert_int_equal(store_review_next_pending(s, id, 9, &pos, &e), PB_OK);
	assert_int_equal(pos, 10); /* CP1, the last */
	assert_int_equal(store_review_next_pending(s, id, 10, &pos, &e), PB_OK);
	assert_int_equal(pos, 3); /* none after the last: from the top */
	finish(s, id);
	assert_int_equal(store_review_next_pending(s, id, 0, &pos, &e), PB_OK);
	assert_int_equal(pos, 0); /* a finished review has nothing to take */
}

/* Store callback: review ids in listing order. */
static int add_review(void *ctx, const struct review_info *r)
{
	buf_printf(ctx, "%s%ld:%s", ((struct buf *)ctx)->len ? " " : "", r->id, r->finished ? "done" : "open");
	return PB_OK;
}

static void test_list_order(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long a = start(s, false);
	finish(s, a);
	store_set_today(s, ymd(2026, 7, 9));
	long b = start(s, false);
	finish(s, b);
	long c = start(s, false);
	struct buf list = {0};
	char want[64];
	buf_add(&list, "");
	assert_int_equal(store_review_list(s, 0, -1, add_review, &list, &e), PB_OK);
	snprintf(want, sizeof want, "%ld:open %ld:done %ld:done", c, b, a);
	assert_string_equal(list.data, want);
	buf_free(&list);
}

/* Store callbacks: what was agreed last time, and fresh updates. */
static int keep_earlier(void *ctx, const struct review_earlier_row *r)
{
	buf_printf(ctx, "%s %s's 1:1, %s: %s / %s / %s", r->held_on, r->officer, r->reviewer, r->next_step, r->new_due_on,
		   review_state_name(r->state));
	return PB_OK;
}

static int add_update(void *ctx, const struct update_row *u, bool fresh)
{
	buf_printf(ctx, "%s%s%s", ((struct buf *)ctx)->len ? ", " : "", u->text, fresh ? " (new)" : "");
	return PB_OK;
}

static void test_earlier_and_fresh_updates(void **state)
{
	struct store *s = *state;
	struct review_info info;
	struct pb_error e = {0};
	long first = start(s, false);
	record(s, first, "OD1", "Supplier late", "Chase the supplier", "Jul-26");
	finish(s, first);
	assert_int_equal(store_add_update(s, action(s, "OT1"), NULL, "Design agreed", &e), PB_OK);
	store_set_today(s, ymd(2026, 7, 9));
	long second = start(s, false);
	assert_int_equal(store_review_get(s, second, &info, &e), PB_OK);
	assert_string_equal(info.since.on, "2026-06-09");

	struct buf b = {0};
	buf_add(&b, "");
	assert_int_equal(store_review_earlier(s, action(s, "OD1"), second, info.held_on, keep_earlier, &b, &e), PB_OK);
	assert_string_equal(b.data, "2026-06-09 Simon Parry's 1:1, Team Leader: Chase the supplier / 2026-07-31 / discussed");
	buf_reset(&b);
	buf_add(&b, "");
	assert_int_equal(store_review_earlier(s, action(s, "CO1"), second, info.held_on, keep_earlier, &b, &e), PB_OK);
	assert_string_equal(b.data, "2026-06-09 Simon Parry's 1:1, Team Leader:  /  / not discussed");
	buf_reset(&b);
	buf_add(&b, "");
	assert_int_equal(store_review_earlier(s, action(s, "OD1"), first, "2026-06-09", keep_earlier, &b, &e), PB_OK);
	assert_string_equal(b.data, ""); /* nothing before the first */
	buf_reset(&b);
	buf_add(&b, "");
	assert_int_equal(store_review_each_update(s, action(s, "OT1"), &info.since, add_update, &b, &e), PB_OK);
	assert_string_equal(b.data, "Design agreed (new), Scoping started");
	buf_free(&b);
}

static void test_sheets(void **state)
{
	struct store *s = *state;
	long id = start(s, false);
	record(s, id, "OD1", "Supplier | late", "Chase the *supplier*", "Jul-26");
	assert_int_equal(store_review_mark(s, id, action(s, "CO1"), true, &(struct pb_error){0}), PB_OK);
	finish(s, id);

	char *md = sheet(s, 0, REVIEW_MD);
	assert_has(md, "# One-to-one agenda: Simon Parry, 9 Jun 2026");
	assert_has(md, "- Changes since: 9 Jun 2026, the last review");
	assert_has(md, "| Overdue | 1 |");
	assert_has(md, "## Overdue (1)\n\n| Ref | Action | Target | RAG | Latest update | Agreed next step |");
	assert_has(md, "| HIP-2627 CO1 | Led with Jane | 31 Mar 2026, 70 days over | AMBER set, RED computed | none | none yet |");
	assert_has(md, "| HIP-2627 OD1 | Overdue by nine days | 31 Jul 2026 | GREEN set, AMBER computed |"
		       " 2025/26 Q4 (31 Mar 2026, Simon Parry): Supplier chosen | Chase the \\*supplier\\* (agreed 9 Jun 2026) |");
	free(md);

	md = sheet(s, id, REVIEW_MD);
	assert_has(md, "# One-to-one review: Simon Parry, 9 Jun 2026");
	assert_has(md, "- Reviewer: Team Leader\n- State: finished");
	assert_has(md, "- Changes since: no earlier review");
	assert_has(md, "| HIP-2627 OD1 | Overdue by nine days | 31 May 2026, 9 days over | GREEN set, RED computed |"
		       " 2025/26 Q4 (31 Mar 2026, Simon Parry): Supplier chosen | Chase the \\*supplier\\*; New target date"
		       " 31 Jul 2026; Notes: Supplier \\| late |");
	assert_has(md, "| HIP-2627 CO1 | Led with Jane | 31 Mar 2026, 70 days over | AMBER set, RED computed | none | Not discussed |");
	assert_has(md, "| HIP-2627 OT1 | Other one | 31 Jan 2027 | GREEN | 2026/27 Q1 (1 May 2026, Simon Parry): Scoping started |"
		       " Not discussed |");
	free(md);

	char *csv = sheet(s, id, REVIEW_CSV);
	assert_has(csv, "group,plan,ref,title,target,target_as_written,days_over,rag_set,rag_computed,update_period,update_on,"
			"update_author,update,next_step,agreed_on,new_target,notes,discussed\n"
			"overdue,HIP-2627,CO1,Led with Jane,2026-03-31,");
	assert_has(csv, "overdue,HIP-2627,OD1,Overdue by nine days,2026-05-31,31/05/2026 (Revised Jul-26),9,G,R,2025/26 Q4,"
			"2026-03-31,Simon Parry,Supplier chosen,Chase the *supplier*,2026-06-09,2026-07-31,Supplier | late,discussed\n");
	free(csv);
}

static void test_no_actions_and_unknown(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	bool resumed;
	assert_int_equal(store_review_start(s, 9999, &id, &resumed, &e), PB_BAD_INPUT);
	assert_int_equal(store_review_get(s, 9999, &(struct review_info){0}, &e), PB_BAD_INPUT);
	struct review_counts c;
	assert_int_equal(store_review_agenda_counts(s, officer(s, "N&T Manager"), NULL, &c, &e), PB_OK);
	assert_int_equal(c.total, 2); /* Jane: JW1 and CO1 */
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_words),
		T(test_agenda_groups_and_order),
		T(test_agenda_by_alias_and_paged),
		T(test_since_last_review),
		T(test_review_keeps_its_agenda),
		T(test_agreed_date_is_a_revision),
		T(test_mark_finish_and_list),
		T(test_list_order),
		T(test_next_to_take),
		T(test_earlier_and_fresh_updates),
		T(test_sheets),
		T(test_no_actions_and_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
