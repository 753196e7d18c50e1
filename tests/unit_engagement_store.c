/* unit_engagement_store.c — unit tests for the writes to tenant engagement records (store/engagements.h): adding,
 * editing and deleting records, linking them to actions, the list of methods, the audit trail they leave, and undoing
 * each of them — exactly, step by step, and refused when someone else changed the record since. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/date.h"
#include "store/engagements.h"
#include "store/store.h"
#include "store/update.h"

/* ---- the fixture: a plan, four methods, three records; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-2526,Housing Improvement Plan 2025/26,improvement,2025-04-01,2026-03-31\n";
static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-2526,TIA,,\"Transparency, Influence & Accountability\"\n";
static const char OFFICERS_CSV[] =
	"name,role,team,email,aliases\n"
	"Judith Willis,Neighbourhood & Tenancy Manager,Neighbourhoods,,\n";
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2526,TIA3,TIA,Implement a Tenants Portal,,,,,Judith Willis,Jul-26,in_progress,A,,\n"
	"HIP-2526,TIA4,TIA,Review the tenant engagement strategy,,,,,Judith Willis,Sep-26,in_progress,G,,\n";
static const char METHODS_CSV[] =
	"name,formality,description\n"
	"Tenant panels,formal,Thematic panels\n"
	"Estate walkabouts,informal,Joint inspections\n"
	"Survey,other,\n"
	"Drop-in,other,\n";
static const char ENGAGEMENTS_CSV[] =
	"ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,"
	"tenants_text,standard,summary,you_said,we_did,actions\n"
	"ENG-001,Annual Tenant Survey,Neighbourhood & Tenancy,Survey,,,,,annual,950,circa,total,Circa 950 tenants,TIA 1.3,"
	"The survey,,,\n"
	"ENG-002,Monthly drop-in,Neighbourhood & Tenancy,Drop-in,Malvern House,2025-04-01,2026-03-31,,monthly,20,circa,event,"
	"Circa 20 tenants per event,TIA 1.3,Drop-ins,Lights out,Lights fixed,HIP-2526:TIA3\n"
	"ENG-002b,Walkabout,Tenant Liaison Team,Estate walkabouts,High Trees Close,2025-07-10,,,one_off,,unknown,,"
	"Unknown currently,SQ 1.4,,,,\n";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

static const struct fixture_file fixture[] = {
	{CSVIO_PLANS, "plans.csv", PLANS_CSV},	     {CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV},
	{CSVIO_OFFICERS, "officers.csv", OFFICERS_CSV}, {CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV},
	{CSVIO_METHODS, "methods.csv", METHODS_CSV},   {CSVIO_ENGAGEMENTS, "engagements.csv", ENGAGEMENTS_CSV},
};

static void assert_msg_has(const struct pb_error *e, const char *needle)
{
	if (!strstr(e->msg, needle))
		fail_msg("message \"%s\" does not contain \"%s\"", e->msg, needle);
}

/* Loads the fixture into s as "Amélie Dubois", today 2026-06-09. */
static void load(struct store *s)
{
	struct store_import_result r;
	struct pb_error e = {0};
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Amélie Dubois");
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++)
		if (store_import(s, fixture[i].kind, fixture[i].name, fixture[i].text, strlen(fixture[i].text), NULL, &r, &e) != PB_OK)
			fail_msg("importing %s: %s", fixture[i].name, e.msg);
}

static int setup(void **state)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	load(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* ---- helpers ---- */

struct found {
	long id;
	const char *want;
};

static int find_cb(void *ctx, const struct engagement_row *g)
{
	struct found *f = ctx;
	if (strcmp(g->ref, f->want) == 0)
		f->id = g->id;
	return PB_OK;
}

/* The id of the record called ref; 0 when there is none. */
static long record(struct store *s, const char *ref)
{
	struct engagement_filter all = {.we_did = -1};
	struct found f = {0, ref};
	struct pb_error e = {0};
	if (store_list_engagements(s, &all, 0, -1, find_cb, &f, &e) != PB_OK)
		fail_msg("listing: %s", e.msg);
	return f.id;
}

static long action(struct store *s, const char *ref)
{
	struct pb_error e = {0};
	long id = 0;
	if (store_find_action(s, "HIP-2526", ref, &id, &e) != PB_OK)
		fail_msg("store_find_action(%s): %s", ref, e.msg);
	return id;
}

static long count(struct store *s)
{
	struct engagement_filter all = {.we_did = -1};
	struct pb_error e = {0};
	long n = -1;
	if (store_count_engagements(s, &all, &n, &e) != PB_OK)
		fail_msg("counting: %s", e.msg);
	return n;
}

static int put_row(void *ctx, const struct engagement_row *g)
{
	struct buf *b = ctx;
	buf_printf(b, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%ld|%s|%s|%s|%s|%s|%s|%s|%d|%s|%s", g->ref, g->title, g->team, g->method,
		   g->formality, g->location, g->held_on, g->held_until, g->when_text, g->frequency, g->tenants,
		   g->tenants_basis, g->tenants_scope, g->tenants_text, g->standard, g->summary, g->you_said, g->we_did,
		   g->actions, g->created_at, g->updated_at);
	return PB_OK;
}

static int put_link(void *ctx, const struct action_row *a)
{
	buf_printf(ctx, " %s:%s", a->plan, a->ref);
	return PB_OK;
}

/* Every field of record id and its links, as one string ("gone" when there is no such record); the caller frees it. */
static char *snapshot(struct store *s, long id)
{
	struct buf b = {0};
	struct pb_error e = {0};
	if (store_get_engagement(s, id, put_row, &b, &e) != PB_OK) {
		buf_free(&b);
		return strdup("gone");
	}
	buf_add(&b, " links:");
	if (store_each_action_of_engagement(s, id, put_link, &b, &e) != PB_OK)
		fail_msg("links: %s", e.msg);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

static int put_audit(void *ctx, const struct audit_row *a)
{
	buf_printf(ctx, "%s|%s:%s>%s\n", a->who, a->field, a->old_value, a->new_value);
	return PB_OK;
}

/* The record's audit trail, one "who|field:old>new" line per entry. */
static char *audit(struct store *s, long id)
{
	struct buf b = {0};
	struct pb_error e = {0};
	if (store_each_engagement_audit(s, id, put_audit, &b, &e) != PB_OK)
		fail_msg("audit: %s", e.msg);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

static const struct engagement_edit new_record = {
	.title = "  Tenant panel on repairs  ", .team = "Tenant Liaison Team", .method = "tenant PANELS",
	.location = "Town Hall", .held_on = "2026-05-12", .held_until = "2026-07-14", .frequency = "monthly",
	.tenants_text = "Circa 25 tenants per event", .standard = "TIA 1.3", .summary = "Repairs panel",
	.you_said = "Repairs take too long", .we_did = NULL,
};

/* Runs one change to record id between store_engagement_undo_begin and _end, which must record it; a new record's
 * id is set through idp. */
#define RECORDED(s, idp, what, call)                                                                      \
	do {                                                                                              \
		bool rec_ = false;                                                                        \
		struct pb_error e_ = {0};                                                                 \
		assert_int_equal(store_engagement_undo_begin((s), *(idp), &e_), PB_OK);                   \
		int st_ = (call);                                                                         \
		if (st_ != PB_OK)                                                                         \
			fail_msg("%s: %s", (what), e.msg);                                                \
		assert_int_equal(store_engagement_undo_end((s), *(idp), (what), st_, &rec_, &e_), PB_OK); \
		assert_true(rec_);                                                                        \
	} while (0)

/* ---- adding, editing, deleting ---- */

/* A new record gets the next ref, trimmed fields, the method in any case and the tenants read from the text. */
static void test_add_reads_every_field(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	char ref[32];
	assert_int_equal(store_add_engagement(s, &new_record, &id, ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "ENG-003");
	char *snap = snapshot(s, id);
	assert_string_equal(snap, "ENG-003|Tenant panel on repairs|Tenant Liaison Team|Tenant panels|formal|Town Hall|2026-05-12|"
				  "2026-07-14||monthly|25|circa|event|Circa 25 tenants per event|TIA 1.3|Repairs panel|"
				  "Repairs take too long||0|2026-06-09|2026-06-09 links:");
	free(snap);
	char *trail = audit(s, id);
	assert_string_equal(trail, "Amélie Dubois|:>ENG-003\n");
	free(trail);
	assert_int_equal(count(s), 4);
	char next[32];
	assert_int_equal(store_next_engagement_ref(s, next, sizeof next, &e), PB_OK);
	assert_string_equal(next, "ENG-004");
}

/* Unknown tenants, and no method or date at all, are allowed; an exact count is exact. */
static void test_add_with_little_known(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	struct engagement_edit f = {.title = "Phone round", .tenants_text = "Unknown currently"};
	assert_int_equal(store_add_engagement(s, &f, &id, NULL, 0, &e), PB_OK);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, "ENG-003|Phone round|||||||||-1|unknown||Unknown currently|"));
	free(snap);
	struct engagement_edit g = {.title = "Panel", .tenants_text = "12 tenants"};
	assert_int_equal(store_add_engagement(s, &g, &id, NULL, 0, &e), PB_OK);
	snap = snapshot(s, id);
	assert_non_null(strstr(snap, "|12|exact|total|12 tenants|"));
	free(snap);
}

/* Each field that is wrong is refused, naming it, and nothing is written. */
static void test_add_refuses_bad_fields(void **state)
{
	struct store *s = *state;
	struct {
		struct engagement_edit f;
		const char *msg;
	} bad[] = {
		{{.title = "   "}, "title: "},
		{{.title = "T", .method = "Carrier pigeon"}, "method: there is no method \"Carrier pigeon\""},
		{{.title = "T", .held_on = "12/05/2026"}, "held_on: \"12/05/2026\" is not a day written YYYY-MM-DD"},
		{{.title = "T", .held_until = "2026-05-12"}, "held_until: a last day needs a first day"},
		{{.title = "T", .held_on = "2026-05-12", .held_until = "2026-05-11"}, "held_until: 2026-05-11 is before"},
		{{.title = "T", .held_on = "2026-02-30"}, "held_on:"},
		{{.title = "T", .frequency = "fortnightly"}, "frequency: \"fortnightly\" is not one"},
		{{.title = "T", .tenants_text = "lots of them"}, "tenants: cannot read tenants \"lots of them\""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct pb_error e = {0};
		long id = 0;
		assert_int_equal(store_add_engagement(s, &bad[i].f, &id, NULL, 0, &e), PB_BAD_INPUT);
		assert_msg_has(&e, bad[i].msg);
	}
	assert_int_equal(count(s), 3);
}

/* An edit writes only what differs, and the audit trail records each field; an edit that changes nothing writes
 * nothing. */
static void test_edit_audits_each_field(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = record(s, "ENG-002");
	char *before = audit(s, id);
	struct engagement_edit f = {.title = "Monthly drop-in", .team = "Neighbourhood & Tenancy", .method = "Drop-in",
				    .location = "Malvern House", .held_on = "2025-04-01", .held_until = "2026-03-31",
				    .frequency = "monthly", .tenants_text = "Circa 30 tenants per event", .standard = "TIA 1.3",
				    .summary = "Drop-ins", .you_said = "Lights out", .we_did = "Lights fixed; new bulbs"};
	assert_int_equal(store_edit_engagement(s, id, &f, &e), PB_OK);
	char *after = audit(s, id);
	const char *added = after + strlen(before);
	assert_string_equal(added, "Amélie Dubois|tenants:20>30\n"
				   "Amélie Dubois|tenants_text:Circa 20 tenants per event>Circa 30 tenants per event\n"
				   "Amélie Dubois|we_did:Lights fixed>Lights fixed; new bulbs\n");
	free(before);
	before = after;
	assert_int_equal(store_edit_engagement(s, id, &f, &e), PB_OK);
	after = audit(s, id);
	assert_string_equal(after, before);
	free(before);
	free(after);
	f.method = "Estate walkabouts";
	assert_int_equal(store_edit_engagement(s, id, &f, &e), PB_OK);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, "|Estate walkabouts|informal|"));
	free(snap);
	assert_int_equal(store_edit_engagement(s, 9999, &f, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "there is no engagement record 9999");
}

/* A deletion takes the links with it, and the audit trail keeps what the record said. */
static void test_delete_keeps_the_record_in_the_audit(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = record(s, "ENG-002");
	assert_int_equal(store_delete_engagement(s, id, &e), PB_OK);
	assert_int_equal(record(s, "ENG-002"), 0);
	assert_int_equal(count(s), 2);
	struct engagement_filter linked = {.we_did = -1, .action_id = action(s, "TIA3")};
	long n = -1;
	assert_int_equal(store_count_engagements(s, &linked, &n, &e), PB_OK);
	assert_int_equal(n, 0);
	char *trail = audit(s, id);
	assert_non_null(strstr(trail, "Amélie Dubois|action:HIP-2526:TIA3>\n"));
	assert_non_null(strstr(trail, "Amélie Dubois|you_said:Lights out>\n"));
	assert_non_null(strstr(trail, "Amélie Dubois|method:Drop-in>\n"));
	const char *last = trail + strlen(trail) - strlen("Amélie Dubois|:ENG-002>\n");
	assert_string_equal(last, "Amélie Dubois|:ENG-002>\n");
	free(trail);
	assert_int_equal(store_delete_engagement(s, id, &e), PB_BAD_INPUT);
}

/* Links: added after the others, audited, listed by action; a second link or an unlink of nothing is refused. */
static void test_link_and_unlink(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = record(s, "ENG-002"), tia3 = action(s, "TIA3"), tia4 = action(s, "TIA4");
	assert_int_equal(store_link_engagement(s, id, tia4, &e), PB_OK);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, " links: HIP-2526:TIA3 HIP-2526:TIA4"));
	free(snap);
	assert_int_equal(store_link_engagement(s, id, tia4, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "already linked to HIP-2526 TIA4");
	struct engagement_filter of = {.we_did = -1, .action_id = tia4};
	long n = 0;
	assert_int_equal(store_count_engagements(s, &of, &n, &e), PB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_unlink_engagement(s, id, tia3, &e), PB_OK);
	assert_int_equal(store_unlink_engagement(s, id, tia3, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "not linked to HIP-2526 TIA3");
	assert_int_equal(store_link_engagement(s, id, 424242, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "there is no action 424242");
	char *trail = audit(s, id);
	assert_non_null(strstr(trail, "|action:>HIP-2526:TIA4\n"));
	assert_non_null(strstr(trail, "|action:HIP-2526:TIA3>\n"));
	free(trail);
}

/* ---- undo ---- */

/* Add, edit, link, unlink and delete, undone newest first, each back to exactly what was there. */
static void test_undo_every_kind_step_by_step(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0, tia4 = action(s, "TIA4");
	char *snap[6];
	snap[0] = snapshot(s, 0);
	RECORDED(s, &id, "add", store_add_engagement(s, &new_record, &id, NULL, 0, &e));
	snap[1] = snapshot(s, id);
	struct engagement_edit f = new_record;
	f.we_did = "Repairs now booked within 5 days";
	f.tenants_text = "Circa 30 tenants per event";
	RECORDED(s, &id, "edit", store_edit_engagement(s, id, &f, &e));
	snap[2] = snapshot(s, id);
	RECORDED(s, &id, "link", store_link_engagement(s, id, tia4, &e));
	snap[3] = snapshot(s, id);
	RECORDED(s, &id, "link2", store_link_engagement(s, id, action(s, "TIA3"), &e));
	snap[4] = snapshot(s, id);
	RECORDED(s, &id, "delete", store_delete_engagement(s, id, &e));
	snap[5] = snapshot(s, id);
	assert_string_equal(snap[5], "gone");
	assert_int_equal(store_undo_count(s), 5);
	char what[64];
	long peek = -1;
	assert_true(store_undo_peek(s, &peek, what, sizeof what));
	assert_int_equal(peek, 0); /* not an action */
	assert_string_equal(what, "delete");
	const char *names[] = {"add", "edit", "link", "link2", "delete"};
	for (int i = 4; i >= 0; i--) {
		long undone = -1;
		if (store_undo(s, &undone, what, sizeof what, &e) != PB_OK)
			fail_msg("undo of %s: %s", names[i], e.msg);
		assert_int_equal(undone, 0);
		assert_string_equal(what, names[i]);
		char *now = snapshot(s, id);
		assert_string_equal(now, snap[i]);
		free(now);
	}
	assert_int_equal(count(s), 3);
	assert_int_equal(store_undo_count(s), 0);
	for (int i = 0; i < 6; i++)
		free(snap[i]);
}

/* Undoing a deletion puts back the record under its own id and ref, with its links, in the audit trail too. */
static void test_undo_delete_is_audited(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = record(s, "ENG-002");
	char *before = snapshot(s, id);
	RECORDED(s, &id, "ENG-002: deleted", store_delete_engagement(s, id, &e));
	store_set_actor(s, "Judith Willis");
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	assert_int_equal(record(s, "ENG-002"), id);
	char *after = snapshot(s, id);
	assert_string_equal(after, before);
	char *trail = audit(s, id);
	assert_non_null(strstr(trail, "Judith Willis|:>ENG-002\nJudith Willis|action:>HIP-2526:TIA3\n"));
	assert_non_null(strstr(trail, "Judith Willis|undo:>undid: ENG-002: deleted\n"));
	free(trail);
	free(before);
	free(after);
}

/* Action and record changes share one undo order. */
static void test_undo_mixes_actions_and_records(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = record(s, "ENG-001"), tia4 = action(s, "TIA4");
	char *record_before = snapshot(s, id);
	RECORDED(s, &id, "ENG-001 linked", store_link_engagement(s, id, tia4, &e));
	assert_int_equal(store_undo_begin(s, tia4, &e), PB_OK);
	assert_int_equal(store_undo_end(s, tia4, "TIA4 status", store_set_status(s, tia4, "on hold", &e), NULL, &e), PB_OK);
	long undone = -1;
	char what[64];
	assert_int_equal(store_undo(s, &undone, what, sizeof what, &e), PB_OK);
	assert_int_equal(undone, tia4);
	assert_string_equal(what, "TIA4 status");
	assert_int_equal(store_undo(s, &undone, what, sizeof what, &e), PB_OK);
	assert_int_equal(undone, 0);
	assert_string_equal(what, "ENG-001 linked");
	char *after = snapshot(s, id);
	assert_string_equal(after, record_before);
	free(after);
	free(record_before);
}

/* A change that fails, or changes nothing, leaves nothing to undo and nothing written. */
static void test_undo_skips_failed_and_empty_changes(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	bool rec = true;
	long id = record(s, "ENG-001"), none = 0;
	char *before = snapshot(s, id);
	struct engagement_edit bad = {.title = "T", .tenants_text = "a few"};
	assert_int_equal(store_engagement_undo_begin(s, none, &e), PB_OK);
	int status = store_add_engagement(s, &bad, &none, NULL, 0, &e);
	assert_int_equal(status, PB_BAD_INPUT);
	assert_int_equal(store_engagement_undo_end(s, none, "refused", status, &rec, &e), PB_BAD_INPUT);
	assert_false(rec);
	struct engagement_edit same = {.title = "Annual Tenant Survey", .team = "Neighbourhood & Tenancy", .method = "Survey",
				       .frequency = "annual", .tenants_text = "Circa 950 tenants", .standard = "TIA 1.3",
				       .summary = "The survey"};
	assert_int_equal(store_engagement_undo_begin(s, id, &e), PB_OK);
	status = store_edit_engagement(s, id, &same, &e);
	assert_int_equal(store_engagement_undo_end(s, id, "same", status, &rec, &e), PB_OK);
	assert_false(rec);
	assert_int_equal(store_undo_count(s), 0);
	assert_int_equal(count(s), 3);
	char *after = snapshot(s, id);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* Opens a file database at path as actor, today 2026-06-09. */
static struct store *open_file(const char *path, const char *actor)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(path, STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, actor);
	return s;
}

/* A second program on the same file: undos over its changes are refused, naming who, and change nothing. */
static void test_undo_refused_after_someone_else(void **state)
{
	char dir[] = "/tmp/pb_unit_engagement_XXXXXX", path[300], cmd[400];
	struct pb_error e = {0};
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/two.db", dir);
	struct store *a = open_file(path, "Amélie Dubois");
	load(a);
	store_close(a);
	a = open_file(path, "Amélie Dubois");
	struct store *b = open_file(path, "Judith Willis");
	long id = record(a, "ENG-001");

	/* an edit changed again by the other program */
	struct engagement_edit f = {.title = "Annual Tenant Survey 2026", .method = "Survey", .tenants_text = "Circa 950 tenants"};
	RECORDED(a, &id, "ENG-001 edited", store_edit_engagement(a, id, &f, &e));
	f.we_did = "Published the results";
	assert_int_equal(store_edit_engagement(b, id, &f, &e), PB_OK);
	char *before = snapshot(a, id);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "cannot undo: Judith Willis has changed the engagement record since (we_did at ");
	assert_msg_has(&e, "nothing was undone (\"ENG-001 edited\")");
	char *after = snapshot(a, id);
	assert_string_equal(after, before);
	free(before);
	free(after);

	/* a new record the other program has linked an action to is not deleted */
	long nid = 0;
	RECORDED(a, &nid, "ENG-003 added", store_add_engagement(a, &new_record, &nid, NULL, 0, &e));
	assert_int_equal(store_link_engagement(b, nid, action(b, "TIA4"), &e), PB_OK);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "actions have been linked to the new record since");
	assert_int_equal(record(a, "ENG-003"), nid);

	/* a deleted record whose ref another record has taken since is not put back */
	long did = record(a, "ENG-002b");
	RECORDED(a, &did, "ENG-002b deleted", store_delete_engagement(a, did, &e));
	/* the other program imports a record under that ref */
	char csv[] = "ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,"
		     "tenants_scope,tenants_text,standard,summary,you_said,we_did,actions\nENG-002b,Another walk,,,,,,,,,,,,,,,,\n";
	struct store_import_result r;
	assert_int_equal(store_import(b, CSVIO_ENGAGEMENTS, "more.csv", csv, strlen(csv), NULL, &r, &e), PB_OK);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "another record has been given the ref ENG-002b since");

	store_close(b);
	store_close(a);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- methods ---- */

static int put_method(void *ctx, const struct method_row *m)
{
	buf_printf(ctx, "%s(%s,%ld) ", m->name, m->formality, m->records);
	return PB_OK;
}

static char *methods(struct store *s)
{
	struct buf b = {0};
	struct pb_error e = {0};
	if (store_each_method(s, put_method, &b, &e) != PB_OK)
		fail_msg("methods: %s", e.msg);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

struct method_find {
	const char *name;
	long id;
};

static int find_method(void *ctx, const struct method_row *m)
{
	struct method_find *f = ctx;
	if (strcmp(m->name, f->name) == 0)
		f->id = m->id;
	return PB_OK;
}

/* The id of the method called name (ids are not 1, 2, 3…: each database numbers its rows in its own slot). */
static long method_id(struct store *s, const char *name)
{
	struct method_find f = {name, 0};
	struct pb_error e = {0};
	assert_int_equal(store_each_method(s, find_method, &f, &e), PB_OK);
	assert_true(f.id > 0);
	return f.id;
}

/* Methods are added at the end of the list and renamed in place; the records follow; names are unique in any case. */
static void test_methods_add_and_rename(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	assert_int_equal(store_add_method(s, " Youth forum ", "informal", &id, &e), PB_OK);
	assert_int_equal(store_add_method(s, "SURVEY", "other", NULL, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "name: there is already a method called \"SURVEY\"");
	assert_int_equal(store_add_method(s, "Chat", "casual", NULL, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "formality: \"casual\" is not one");
	assert_int_equal(store_add_method(s, "", "formal", NULL, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "name: a method needs a name");
	char *list = methods(s);
	assert_string_equal(list, "Tenant panels(formal,0) Estate walkabouts(informal,1) Survey(other,1) Drop-in(other,1)"
				  " Youth forum(informal,0) ");
	free(list);
	long survey = 0;
	struct engagement_filter by = {.we_did = -1, .method = "survey"};
	assert_int_equal(store_count_engagements(s, &by, &survey, &e), PB_OK);
	assert_int_equal(survey, 1);
	long survey_id = method_id(s, "Survey");
	assert_int_equal(store_edit_method(s, survey_id, "Tenant survey", "formal", &e), PB_OK);
	char *snap = snapshot(s, record(s, "ENG-001"));
	assert_non_null(strstr(snap, "|Tenant survey|formal|"));
	free(snap);
	assert_int_equal(store_edit_method(s, survey_id, "drop-in", "other", &e), PB_BAD_INPUT);
	assert_msg_has(&e, "already a method called \"drop-in\"");
	assert_int_equal(store_edit_method(s, survey_id, "Tenant survey", "formal", &e), PB_OK); /* unchanged: fine */
}

/* Adding and renaming methods are undone exactly; a new method in use by a record since is not deleted. */
static void test_methods_undo(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	char *before = methods(s);
	long id = 0;
	assert_int_equal(store_method_undo_begin(s, 0, &e), PB_OK);
	int status = store_add_method(s, "Youth forum", "informal", &id, &e);
	assert_int_equal(store_method_undo_end(s, id, "method Youth forum added", status, NULL, &e), PB_OK);
	long survey_id = method_id(s, "Survey");
	assert_int_equal(store_method_undo_begin(s, survey_id, &e), PB_OK);
	status = store_edit_method(s, survey_id, "Tenant survey", "formal", &e);
	assert_int_equal(store_method_undo_end(s, survey_id, "Survey renamed", status, NULL, &e), PB_OK);
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	char *after = methods(s);
	assert_string_equal(after, before);
	free(after);

	assert_int_equal(store_method_undo_begin(s, 0, &e), PB_OK);
	status = store_add_method(s, "Youth forum", "informal", &id, &e);
	assert_int_equal(store_method_undo_end(s, id, "method Youth forum added", status, NULL, &e), PB_OK);
	struct engagement_edit f = {.title = "Youth night", .method = "Youth forum"};
	long rid = 0;
	assert_int_equal(store_add_engagement(s, &f, &rid, NULL, 0, &e), PB_OK);
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "1 engagement record uses the new method since");
	free(before);
}

/* ---- reading ---- */

/* The summary is the core's arithmetic over the records the filter selects. */
static void test_summary_over_the_records(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	struct engagement_summary by[3];
	struct engagement_filter all = {.we_did = -1};
	assert_int_equal(store_summarize_engagements(s, &all, by, &e), PB_OK);
	const struct summary_row *t = &by[SUMMARY_METHOD].total;
	assert_int_equal(t->engagements, 3);
	assert_int_equal(t->occurrences, 14); /* 1 + 12 monthly + 1 */
	assert_int_equal(t->tenants_circa, 950 + 12 * 20);
	assert_int_equal(t->unknown_tenants, 1);
	assert_int_equal(t->with_we_did, 1);
	assert_int_equal(by[SUMMARY_TEAM].nrows, 2);
	assert_string_equal(by[SUMMARY_QUARTER].rows[0].key, "2025/26 Q1");
	for (int i = 0; i < 3; i++)
		engagement_summary_free(&by[i]);
	struct engagement_filter team = {.we_did = -1, .team = "Tenant Liaison Team"};
	assert_int_equal(store_summarize_engagements(s, &team, by, &e), PB_OK);
	assert_int_equal(by[SUMMARY_TEAM].total.engagements, 1);
	for (int i = 0; i < 3; i++)
		engagement_summary_free(&by[i]);
}

static int put_name(void *ctx, const char *name)
{
	buf_printf(ctx, "%s; ", name);
	return PB_OK;
}

/* The teams are listed once each, by name; a missing record is an error naming it. */
static void test_teams_and_missing_record(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	struct buf b = {0};
	assert_int_equal(store_each_engagement_team(s, put_name, &b, &e), PB_OK);
	assert_string_equal(buf_str(&b), "Neighbourhood & Tenancy; Tenant Liaison Team; ");
	buf_free(&b);
	assert_int_equal(store_get_engagement(s, 777, put_row, &b, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "there is no engagement record 777");
	buf_free(&b);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		T(test_add_reads_every_field),
		T(test_add_with_little_known),
		T(test_add_refuses_bad_fields),
		T(test_edit_audits_each_field),
		T(test_delete_keeps_the_record_in_the_audit),
		T(test_link_and_unlink),
		T(test_undo_every_kind_step_by_step),
		T(test_undo_delete_is_audited),
		T(test_undo_mixes_actions_and_records),
		T(test_undo_skips_failed_and_empty_changes),
		cmocka_unit_test(test_undo_refused_after_someone_else),
		T(test_methods_add_and_rename),
		T(test_methods_undo),
		T(test_summary_over_the_records),
		T(test_teams_and_missing_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
