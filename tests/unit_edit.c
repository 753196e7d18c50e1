/* unit_edit.c — unit tests for working through actions: the editor's text rules (core/textedit.h: UTF-8 insert and
 * delete, moves, word wrap by display width), quarter labels by scheme, editing fields and owners, new actions and
 * their refs (store/update.h), and undo of every kind of change — exact, step by step, audited, and refused when
 * someone else changed the action since. */
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

#include <sqlite3.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/textedit.h"
#include "store/store.h"
#include "store/update.h"

/* ---- the fixture: two plans; today is 9 June 2026 ---- */

static const char PLANS_CSV[] =
	"code,title,kind,starts_on,ends_on\n"
	"HIP-2627,Housing Improvement Plan 2026/27,improvement,2026-04-01,2027-03-31\n"
	"HRS-2026,Homelessness and Rough Sleeping Strategy 2026-2031,strategy,2026-04-01,2031-03-31\n";

static const char SECTIONS_CSV[] =
	"plan,code,parent,title\n"
	"HIP-2627,SQ,,Safety & Quality\n"
	"HIP-2627,TIA,,\"Transparency, Influence & Accountability\"\n"
	"HIP-2627,TIA.1,TIA,Tenants are listened to\n"
	"HIP-2627,NC,,Neighbourhood & Community\n"
	"HRS-2026,P2,,Targeted prevention\n"
	"HRS-2026,P2-RS,P2,Rough sleepers\n"
	"HRS-2026,P2-CYP,P2,Children and young people\n";

static const char OFFICERS_CSV[] =
	"name,role,team,email,aliases\n"
	"Simon Parry,Assistant Director,Property Services,,SP\n"
	"Jane Willis,Neighbourhood & Tenancy Manager,Neighbourhoods,,J. Willis; N&T Manager\n"
	"Amélie Dubois,Tenant Experience Officer,Tenant Experience,,\n";

static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2627,SQ5,SQ,Implement Total Mobile for Repairs,Roll out to every operative,,,,Simon Parry,31/05/2026,In Progress,GREEN,,\n"
	"HIP-2627,SQ9,SQ,Independent review of fire safety,,,,,SP,Sep-25 (Revised Jan-26) REVISED MAY 2026,in_progress,R,,\n"
	"HIP-2627,TIA1,TIA.1,Tenant scrutiny panel,,,,,N&T Manager,Sep-26,Not started,G,,\n"
	"HIP-2627,TIA2,TIA,Complaints review,,,,,Jane Willis; Simon Parry,Dec-26,in_progress,G,,\n"
	"HRS-2026,2.1,P2,Early help pathway,,,,,Jane Willis,Year 1,to_be_started,G,,\n"
	"HRS-2026,2.2,P2-RS,Rough sleeper outreach,,,,,Jane Willis,Ongoing,in_progress,,,\n"
	"HRS-2026,2.3,P2-RS,Night shelter,,,,,Jane Willis,Ongoing,in_progress,,,\n"
	"HRS-2026,2.4,P2-CYP,Youth protocol,,,,,Jane Willis,31/03/2027,in_progress,,,\n"
	"HRS-2026,2.5,P2-CYP,Care leavers,,,,,Jane Willis,31/03/2027,in_progress,,,\n";

static const char UPDATES_CSV[] =
	"plan,ref,period,noted_on,author,text\n"
	"HIP-2627,SQ9,2025/26 Q4,2026-03-20,Simon Parry,Scope document issued to the external provider\n";

struct fixture_file {
	enum csvio_kind kind;
	const char *name, *text;
};

static const struct fixture_file fixture[] = {
	{CSVIO_PLANS, "plans.csv", PLANS_CSV},
	{CSVIO_SECTIONS, "sections.csv", SECTIONS_CSV},
	{CSVIO_OFFICERS, "officers.csv", OFFICERS_CSV},
	{CSVIO_ACTIONS, "actions.csv", ACTIONS_CSV},
	{CSVIO_UPDATES, "updates.csv", UPDATES_CSV},
};

static struct date ymd(int y, int m, int d)
{
	struct date x = {y, m, d};
	return x;
}

static void assert_msg_has(const struct pb_error *e, const char *needle)
{
	if (!strstr(e->msg, needle))
		fail_msg("message \"%s\" does not contain \"%s\"", e->msg, needle);
}

/* Loads the fixture into s, with today 2026-06-09 and actor "Simon Parry". */
static void load(struct store *s)
{
	struct store_import_result r;
	struct pb_error e = {0};
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, "Simon Parry");
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++)
		if (store_import(s, fixture[i].kind, fixture[i].name, fixture[i].text, strlen(fixture[i].text), NULL, &r, &e) != PB_OK)
			fail_msg("importing %s: %s", fixture[i].name, e.msg);
}

/* A file database at path with the fixture loaded; the loading handle is closed, so that the handles opened
 * afterwards start clean. */
static void make_file(const char *path)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(path, STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	load(s);
	store_close(s);
}

/* Opens the file database at path as actor, today 2026-06-09. */
static struct store *open_file(const char *path, int flags, const char *actor)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(path, flags, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, actor);
	return s;
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

static long find(struct store *s, const char *plan, const char *ref)
{
	struct pb_error e = {0};
	long id = 0;
	if (store_find_action(s, plan, ref, &id, &e) != PB_OK)
		fail_msg("store_find_action(%s): %s", ref, e.msg);
	return id;
}

/* ---- the whole state of an action, as text, to compare before and after ---- */

static int snap_revision(void *ctx, const struct revision_row *r)
{
	buf_printf(ctx, "rev %d %s>%s [%s] (%s) %s %s\n", r->seq, r->from_on, r->to_on, r->to_text, r->reason, r->changed_on, r->changed_by);
	return PB_OK;
}

static int snap_update(void *ctx, const struct update_row *u)
{
	buf_printf(ctx, "upd %ld %s %s %s: %s\n", u->id, u->period, u->noted_on, u->author, u->text);
	return PB_OK;
}

/* Everything stored about action id (fields, timestamps, owners, revisions, updates); "gone" when there is none.
 * The caller frees the result. */
static char *snapshot(struct store *s, long id)
{
	struct action_detail d;
	struct pb_error e = {0};
	struct buf b = {0};
	if (store_get_action(s, id, &d, &e) != PB_OK) {
		buf_add(&b, "gone");
		return b.data;
	}
	buf_printf(&b, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%c|%s|%s|%s|%s|%s|%s|%s|%s\n", d.plan, d.ref, d.section, d.title,
		   d.description, d.measure, d.target, d.outcome, d.leads, d.status, d.completed_on, d.rag ? (char)d.rag : '-',
		   d.rag_reason, d.due_text, d.due_on, d.due_state, d.due_precision, d.created_at, d.updated_at, d.original_due);
	store_action_free(&d);
	assert_int_equal(store_each_revision(s, id, snap_revision, &b, &e), PB_OK);
	assert_int_equal(store_each_update(s, id, snap_update, &b, &e), PB_OK);
	return b.data;
}

/* The refs of a plan in plan order, joined by spaces. */
static int add_ref(void *ctx, const struct action_row *r)
{
	struct buf *b = ctx;
	buf_printf(b, "%s%s", b->len ? " " : "", r->ref);
	return PB_OK;
}

static char *plan_order(struct store *s, const char *plan)
{
	struct action_filter f = {.plan = plan};
	struct pb_error e = {0};
	struct buf b = {0};
	buf_add(&b, "");
	assert_int_equal(store_list_actions(s, &f, SORT_PLAN, 0, -1, add_ref, &b, &e), PB_OK);
	return b.data;
}

/* The audit entries of an action as "field:old>new" lines, from entry `from` on. */
struct audit_text {
	struct buf b;
	int n, from;
};

static int add_audit(void *ctx, const struct audit_row *a)
{
	struct audit_text *t = ctx;
	if (t->n++ >= t->from)
		buf_printf(&t->b, "%s:%s>%s\n", a->field, a->old_value, a->new_value);
	return PB_OK;
}

static int audit_count(struct store *s, long id)
{
	struct audit_text t = {{0}, 0, 1 << 30};
	struct pb_error e = {0};
	assert_int_equal(store_each_audit(s, id, add_audit, &t, &e), PB_OK);
	buf_free(&t.b);
	return t.n;
}

/* The audit entries of action id after the first `from`; the caller frees it. */
static char *audit_since(struct store *s, long id, int from)
{
	struct audit_text t = {{0}, 0, from};
	struct pb_error e = {0};
	buf_add(&t.b, "");
	assert_int_equal(store_each_audit(s, id, add_audit, &t, &e), PB_OK);
	return t.b.data;
}

/* ---- core/textedit.h ---- */

/* Feeds every byte of text as if typed. */
static void type(struct textedit *t, const char *text)
{
	for (const char *p = text; *p; p++)
		assert_true(textedit_feed(t, (unsigned char)*p));
}

/* Accented letters, £, curly quotes and wide characters go in whole, one byte at a time. */
static void test_textedit_feeds_utf8(void **state)
{
	struct textedit t;
	(void)state;
	assert_true(textedit_init(&t, NULL, 0));
	type(&t, "Café £5 \xE2\x80\x9Cok\xE2\x80\x9D 住宅");
	assert_string_equal(t.text, "Café £5 “ok” 住宅");
	assert_int_equal(t.cur, t.len);
	assert_false(textedit_feed(&t, 0x1b));	 /* Esc is no text */
	assert_false(textedit_feed(&t, 0x07));
	assert_false(textedit_feed(&t, 0x109)); /* a key code */
	assert_true(textedit_feed(&t, '\n'));
	assert_string_equal(t.text, "Café £5 “ok” 住宅\n");
	textedit_free(&t);
}

/* A lead byte cut short by another character leaves U+FFFD; so does a stray continuation byte. */
static void test_textedit_malformed_bytes(void **state)
{
	struct textedit t;
	(void)state;
	assert_true(textedit_init(&t, "", 0));
	assert_true(textedit_feed(&t, 0xC3));
	assert_true(textedit_feed(&t, 'a'));
	assert_string_equal(t.text, "\xEF\xBF\xBD" "a");
	assert_true(textedit_insert(&t, "x\xA9y", 3));
	assert_string_equal(t.text, "\xEF\xBF\xBD" "ax\xEF\xBF\xBDy");
	textedit_free(&t);
}

/* Left, Right, Backspace and Delete work by character, never splitting one. */
static void test_textedit_moves_by_character(void **state)
{
	struct textedit t;
	(void)state;
	assert_true(textedit_init(&t, "a£é住", 0));
	assert_true(textedit_left(&t));
	assert_int_equal(t.cur, strlen("a£é"));
	assert_true(textedit_left(&t));
	assert_true(textedit_left(&t));
	assert_int_equal(t.cur, 1);
	assert_true(textedit_delete(&t)); /* the £ */
	assert_string_equal(t.text, "aé住");
	assert_true(textedit_right(&t));
	assert_true(textedit_backspace(&t)); /* the é */
	assert_string_equal(t.text, "a住");
	assert_int_equal(t.cur, 1);
	textedit_home(&t);
	assert_false(textedit_left(&t));
	assert_false(textedit_backspace(&t));
	textedit_end(&t);
	assert_false(textedit_right(&t));
	assert_false(textedit_delete(&t));
	textedit_free(&t);
}

/* Words, lines and kills. */
static void test_textedit_words_and_lines(void **state)
{
	struct textedit t;
	(void)state;
	assert_true(textedit_init(&t, "first line\nsecond  line here", 0));
	textedit_word_left(&t);
	assert_string_equal(t.text + t.cur, "here");
	textedit_word_left(&t);
	textedit_word_left(&t);
	assert_string_equal(t.text + t.cur, "second  line here");
	textedit_word_left(&t);
	assert_string_equal(t.text + t.cur, "line\nsecond  line here");
	textedit_word_right(&t);
	assert_string_equal(t.text + t.cur, "\nsecond  line here");
	textedit_home(&t);
	assert_int_equal(t.cur, 0);
	textedit_end(&t);
	assert_int_equal(t.cur, strlen("first line"));
	assert_true(textedit_kill_end(&t)); /* at the end of a line: joins the next */
	assert_string_equal(t.text, "first linesecond  line here");
	textedit_word_right(&t);
	assert_true(textedit_delete_word(&t));
	assert_string_equal(t.text, "first   line here");
	assert_true(textedit_kill_start(&t));
	assert_string_equal(t.text, "  line here");
	textedit_free(&t);
}

/* A text never grows past its maximum; nothing of a refused insert goes in. */
static void test_textedit_maximum(void **state)
{
	struct textedit t;
	(void)state;
	assert_true(textedit_init(&t, "abcd", 6));
	assert_false(textedit_insert(&t, "é£", strlen("é£")));
	assert_string_equal(t.text, "abcd");
	assert_true(textedit_insert(&t, "é", strlen("é")));
	assert_false(textedit_feed(&t, 'x') && t.len > 6);
	assert_true(t.len <= 6);
	assert_false(textedit_set(&t, "far too long"));
	assert_string_equal(t.text, "abcdé");
	assert_true(textedit_blank(&(struct textedit){.text = " \n\t", .len = 3}));
	assert_false(textedit_blank(&t));
	textedit_free(&t);
}

/* The wrapped lines of text at width, as "[line]" pieces. */
static void wrapped(const char *text, int width, char *out, size_t len)
{
	struct textedit_line lines[64];
	size_t n = textedit_wrap(text, strlen(text), width, lines, 64);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), len - strlen(out), "[%.*s]", (int)(lines[i].end - lines[i].start), text + lines[i].start);
}

/* Wrap breaks after spaces, keeps them on the line they end, covers every byte, and measures display width. */
static void test_textedit_wrap(void **state)
{
	char out[512];
	(void)state;
	wrapped("", 10, out, sizeof out);
	assert_string_equal(out, "[]");
	wrapped("the quick brown fox", 10, out, sizeof out);
	assert_string_equal(out, "[the quick ][brown fox]");
	wrapped("abcdefghijklmnop", 6, out, sizeof out);
	assert_string_equal(out, "[abcdef][ghijkl][mnop]");
	wrapped("one\n\ntwo\n", 10, out, sizeof out);
	assert_string_equal(out, "[one\n][\n][two\n][]");
	wrapped("café café café", 9, out, sizeof out); /* é is one column */
	assert_string_equal(out, "[café café ][café]");
	wrapped("住宅改善計画", 5, out, sizeof out); /* two columns each: two fit in 5 */
	assert_string_equal(out, "[住宅][改善][計画]");
	wrapped("word    \nnext", 4, out, sizeof out); /* spaces and the newline after them stay on the line */
	assert_string_equal(out, "[word    \n][next]");
	wrapped("住", 1, out, sizeof out); /* wider than the line: still one per line, never lost */
	assert_string_equal(out, "[住]");
	assert_int_equal(textedit_wrap("a b c d", 7, 1, NULL, 0), 4);
}

/* Locating the cursor on wrapped lines, and Up/Down keeping to a column by display width. */
static void test_textedit_locate_and_vertical(void **state)
{
	struct textedit t;
	struct textedit_line lines[16];
	size_t row;
	int col;
	(void)state;
	assert_true(textedit_init(&t, "the quick brown fox\n住宅 ab", 0));
	size_t n = textedit_wrap(t.text, t.len, 10, lines, 16);
	assert_int_equal(n, 3);
	textedit_locate(t.text, lines, n, strlen("the quick brown f"), &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 7);
	textedit_locate(t.text, lines, n, t.len, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 7); /* 住宅 is four columns, then " ab" */
	t.cur = strlen("the quick brown f");
	textedit_vertical(&t, lines, n, 1); /* column 7 on "住宅 ab" (住宅 is four columns): its end */
	assert_int_equal(t.cur, t.len);
	textedit_vertical(&t, lines, n, -2); /* back up two rows, still column 7 */
	assert_string_equal(t.text + t.cur, "ck brown fox\n住宅 ab");
	textedit_vertical(&t, lines, n, -1); /* above the first row: the start */
	assert_int_equal(t.cur, 0);
	t.cur = strlen("the quick "); /* the start of row 1 */
	textedit_locate(t.text, lines, n, t.cur, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	assert_int_equal(textedit_offset_at(t.text, lines, n, 0, 99), strlen("the quick")); /* on the wrapping space */
	textedit_free(&t);
}

/* ---- quarter labels ---- */

static void test_quarter_label_schemes(void **state)
{
	char out[32];
	enum date_quarter_scheme q;
	(void)state;
	date_quarter_label_scheme(ymd(2026, 6, 9), DATE_QUARTERS_FINANCIAL, out, sizeof out);
	assert_string_equal(out, "2026/27 Q1");
	date_quarter_label_scheme(ymd(2026, 6, 9), DATE_QUARTERS_CALENDAR, out, sizeof out);
	assert_string_equal(out, "2026 Q2");
	date_quarter_label_scheme(ymd(2027, 1, 31), DATE_QUARTERS_FINANCIAL, out, sizeof out);
	assert_string_equal(out, "2026/27 Q4");
	date_quarter_label_scheme(ymd(2027, 1, 31), DATE_QUARTERS_CALENDAR, out, sizeof out);
	assert_string_equal(out, "2027 Q1");
	date_quarter_label_scheme(ymd(2026, 12, 31), DATE_QUARTERS_CALENDAR, out, sizeof out);
	assert_string_equal(out, "2026 Q4");
	assert_true(date_quarter_scheme_parse("Calendar", &q) && q == DATE_QUARTERS_CALENDAR);
	assert_true(date_quarter_scheme_parse("financial", &q) && q == DATE_QUARTERS_FINANCIAL);
	assert_false(date_quarter_scheme_parse("fiscal", &q));
}

/* The setting quarter.scheme decides the label updates are tagged with; a wrong one is named. */
static void test_quarter_label_follows_setting(void **state)
{
	char dir[] = "/tmp/pb_unit_edit_XXXXXX", path[300], label[32];
	struct store *s = NULL;
	struct pb_error e = {0};
	sqlite3 *db;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/q.db", dir);
	make_file(path);
	s = open_file(path, 0, "Simon Parry");
	assert_int_equal(store_quarter_label(s, label, sizeof label, &e), PB_OK);
	assert_string_equal(label, "2026/27 Q1");
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE setting SET value = 'calendar' WHERE key = 'quarter.scheme'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_quarter_label(s, label, sizeof label, &e), PB_OK);
	assert_string_equal(label, "2026 Q2");
	long id = find(s, "HIP-2627", "SQ5");
	assert_int_equal(store_add_update(s, id, NULL, "Tagged by the calendar", &e), PB_OK);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, " 2026 Q2 2026-06-09 Simon Parry: Tagged by the calendar"));
	free(snap);
	assert_int_equal(sqlite3_exec(db, "UPDATE setting SET value = 'fiscal' WHERE key = 'quarter.scheme'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_add_update(s, id, NULL, "Not saved", &e), PB_FAIL);
	assert_msg_has(&e, "quarter.scheme is \"fiscal\"");
	assert_msg_has(&e, "financial");
	sqlite3_close(db);
	store_close(s);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- editing fields and owners ---- */

static void test_edit_fields_owners_section(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = find(s, "HIP-2627", "TIA2");
	int before = audit_count(s, id);
	struct action_edit f = {"Complaints handling review", "  Review with “tenants” – £0 cost  ", "Days to respond", NULL, NULL,
				"Amélie Dubois; J. Willis", "NC"};
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_OK);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, "HIP-2627|TIA2|NC|Complaints handling review|Review with “tenants” – £0 cost|Days to respond|||"
				     "Amélie Dubois; Jane Willis|"));
	free(snap);
	char *audit = audit_since(s, id, before);
	assert_non_null(strstr(audit, "title:Complaints review>Complaints handling review\n"));
	assert_non_null(strstr(audit, "description:>Review with “tenants” – £0 cost\n"));
	assert_non_null(strstr(audit, "measure:>Days to respond\n"));
	assert_non_null(strstr(audit, "section:"));
	assert_non_null(strstr(audit, "owner:Simon Parry>\n"));
	assert_non_null(strstr(audit, "owner:>Amélie Dubois\n"));
	free(audit);
	/* saving the same again changes nothing and records nothing */
	int n = audit_count(s, id);
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_OK);
	assert_int_equal(audit_count(s, id), n);
	/* the order of the owners alone is a change, and audited */
	f.owners = "Jane Willis; Amélie Dubois";
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_OK);
	audit = audit_since(s, id, n);
	assert_string_equal(audit, "owner_order:Amélie Dubois; Jane Willis>Jane Willis; Amélie Dubois\n");
	free(audit);
}

/* A wrong owner, section or an empty title is named, and nothing is written. */
static void test_edit_refuses_bad_input(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = find(s, "HIP-2627", "SQ5");
	char *before = snapshot(s, id);
	struct action_edit f = {"New title", NULL, NULL, NULL, NULL, "Simon Parry; Nobody Known", "SQ"};
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "owners: no officer is called \"Nobody Known\"");
	f.owners = "Simon Parry";
	f.section = "XX";
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "section: plan HIP-2627 has no section \"XX\"");
	f.section = "SQ";
	f.title = "   ";
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "title: an action needs a title");
	char *after = snapshot(s, id);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* ---- new actions ---- */

static void test_next_ref(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	char ref[64];
	assert_int_equal(store_next_ref(s, "HIP-2627", "SQ", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "SQ10");
	assert_int_equal(store_next_ref(s, "HIP-2627", "TIA", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "TIA3"); /* TIA and TIA.1 under it */
	assert_int_equal(store_next_ref(s, "HIP-2627", "NC", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "TIA3"); /* nothing in NC: the plan's highest */
	assert_int_equal(store_next_ref(s, "HRS-2026", "P2-RS", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "2.6"); /* after 2.3, but 2.4 and 2.5 are taken */
	assert_int_equal(store_next_ref(s, "HRS-2026", "p2-cyp", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "2.6");
	assert_int_equal(store_next_ref(s, "HIP-2627", "ZZ", ref, sizeof ref, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "no section \"ZZ\"");
	assert_int_equal(store_next_ref(s, "NOPE", NULL, ref, sizeof ref, &e), PB_BAD_INPUT);
}

/* An empty plan numbers from the letters of the section code. */
static void test_next_ref_empty_plan(void **state)
{
	struct store *s = *state;
	struct store_import_result r;
	struct pb_error e = {0};
	char ref[64];
	const char plans[] = "code,title,kind,starts_on,ends_on\nNEW-1,New plan,other,2026-04-01,\n";
	const char sections[] = "plan,code,parent,title\nNEW-1,SQ-1.4,,Safety\n";
	assert_int_equal(store_import(s, CSVIO_PLANS, "p.csv", plans, strlen(plans), NULL, &r, &e), PB_OK);
	assert_int_equal(store_import(s, CSVIO_SECTIONS, "s.csv", sections, strlen(sections), NULL, &r, &e), PB_OK);
	assert_int_equal(store_next_ref(s, "NEW-1", "SQ-1.4", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "SQ1");
	assert_int_equal(store_next_ref(s, "NEW-1", "", ref, sizeof ref, &e), PB_OK);
	assert_string_equal(ref, "1");
}

/* A new action goes after its section's last action, with its fields, owners and target; its ref is unique. */
static void test_new_action(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	struct action_edit f = {"Night shelter winter cover", "Beds from November", NULL, NULL, NULL, "SP; Jane Willis", "P2-RS"};
	assert_int_equal(store_new_action(s, "HRS-2026", "2.6", &f, "Nov-26", &id, &e), PB_OK);
	char *order = plan_order(s, "HRS-2026");
	assert_string_equal(order, "2.1 2.2 2.3 2.6 2.4 2.5");
	free(order);
	char *snap = snapshot(s, id);
	assert_non_null(strstr(snap, "HRS-2026|2.6|P2-RS|Night shelter winter cover|Beds from November||||Simon Parry; Jane Willis|"
				     "to_be_started||-||Nov-26|2026-11-30|dated|month|2026-06-09|2026-06-09|"));
	free(snap);
	char *audit = audit_since(s, id, 0);
	assert_non_null(strstr(audit, ":>2.6\n")); /* created */
	assert_non_null(strstr(audit, "owner:>Simon Parry\n"));
	free(audit);
	/* taken refs, in any case, are refused naming a free one */
	assert_int_equal(store_new_action(s, "HRS-2026", "2.3", &f, NULL, &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "ref: HRS-2026 already has an action 2.3 (\"Night shelter\")");
	assert_msg_has(&e, "2.7 is free");
	f.section = "SQ";
	assert_int_equal(store_new_action(s, "HIP-2627", "sq5", &f, NULL, &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "already has an action sq5");
	assert_int_equal(store_new_action(s, "HIP-2627", "", &f, NULL, &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "ref: a new action needs a ref");
	f.section = "SQ";
	assert_int_equal(store_new_action(s, "HIP-2627", "SQ10", &f, "Sep-25 (Revised Jan-26)", &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "holds 2 dates");
	assert_int_equal(store_new_action(s, "HIP-2627", "SQ10", &f, "31/02/2027", &id, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "target date:");
	order = plan_order(s, "HIP-2627");
	assert_string_equal(order, "SQ5 SQ9 TIA1 TIA2");
	free(order);
}

/* ---- undo ---- */

/* Runs one change between store_undo_begin and store_undo_end. */
#define RECORDED(s, id, what, call)                                                                   \
	do {                                                                                          \
		bool rec_ = false;                                                                    \
		struct pb_error e_ = {0};                                                             \
		assert_int_equal(store_undo_begin((s), (id), &e_), PB_OK);                            \
		int st_ = (call);                                                                     \
		if (st_ != PB_OK)                                                                     \
			fail_msg("%s: %s", (what), e.msg);                                            \
		assert_int_equal(store_undo_end((s), (id), (what), st_, &rec_, &e_), PB_OK);          \
		assert_true(rec_);                                                                    \
	} while (0)

/* Undoes the newest change, which must be what, and checks the action is as snapshot before. */
static void undo_restores(struct store *s, long id, const char *what, const char *before)
{
	struct pb_error e = {0};
	char said[512];
	long undone = 0;
	if (store_undo(s, &undone, said, sizeof said, &e) != PB_OK)
		fail_msg("undo of %s: %s", what, e.msg);
	assert_int_equal(undone, id);
	assert_string_equal(said, what);
	char *now = snapshot(s, id);
	assert_string_equal(now, before);
	free(now);
}

/* Every kind of change comes undone exactly, newest first, one step at a time. */
static void test_undo_every_kind_step_by_step(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = find(s, "HIP-2627", "SQ5");
	char *snap[8];
	int n = 0;
	snap[n++] = snapshot(s, id);
	RECORDED(s, id, "note", store_add_update(s, id, NULL, "Café £5 “quoted”\nsecond line", &e));
	snap[n++] = snapshot(s, id);
	RECORDED(s, id, "status", store_set_status(s, id, "on hold", &e));
	snap[n++] = snapshot(s, id);
	RECORDED(s, id, "rag", store_set_rag(s, id, RAG_AMBER, "Supplier delayed", &e));
	snap[n++] = snapshot(s, id);
	RECORDED(s, id, "due", store_revise_due(s, id, "Jul-26", "Contractor delayed", &e));
	snap[n++] = snapshot(s, id);
	struct action_edit f = {"Implement Total Mobile", "Roll out", "Jobs booked", "All", "Faster repairs", "Jane Willis; SP", "TIA.1"};
	RECORDED(s, id, "edit", store_edit_action(s, id, &f, &e));
	snap[n++] = snapshot(s, id);
	RECORDED(s, id, "complete", store_complete(s, id, ymd(2026, 6, 8), &e));
	assert_int_equal(store_undo_count(s), 6);
	char what[512];
	long peek = 0;
	assert_true(store_undo_peek(s, &peek, what, sizeof what));
	assert_int_equal(peek, id);
	assert_string_equal(what, "complete");
	const char *names[] = {"note", "status", "rag", "due", "edit", "complete"};
	for (int i = n - 1; i >= 0; i--)
		undo_restores(s, id, names[i], snap[i]);
	assert_int_equal(store_undo_count(s), 0);
	assert_false(store_undo_peek(s, NULL, NULL, 0));
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "nothing to undo");
	for (int i = 0; i < n; i++)
		free(snap[i]);
}

/* Undoing a new action deletes it and puts the plan's order back as it was. */
static void test_undo_new_action(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = 0;
	char *order = plan_order(s, "HRS-2026");
	struct action_edit f = {"Winter cover", NULL, NULL, NULL, NULL, "Jane Willis", "P2-RS"};
	assert_int_equal(store_undo_begin(s, 0, &e), PB_OK);
	int status = store_new_action(s, "HRS-2026", "2.6", &f, NULL, &id, &e);
	assert_int_equal(status, PB_OK);
	assert_int_equal(store_undo_end(s, id, "new 2.6", status, NULL, &e), PB_OK);
	char *mid = plan_order(s, "HRS-2026");
	assert_string_equal(mid, "2.1 2.2 2.3 2.6 2.4 2.5");
	free(mid);
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	char *after = plan_order(s, "HRS-2026");
	assert_string_equal(after, order);
	free(after);
	free(order);
	char *gone = snapshot(s, id);
	assert_string_equal(gone, "gone");
	free(gone);
	/* the same ref can be used again: nothing of it is left */
	assert_int_equal(store_new_action(s, "HRS-2026", "2.6", &f, NULL, &id, &e), PB_OK);
}

/* An undo is audited: what was undone, the fields put back, and a revision taken away. */
static void test_undo_is_audited(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	long id = find(s, "HIP-2627", "SQ5");
	RECORDED(s, id, "SQ5: target date revised to Jul-26", store_revise_due(s, id, "Jul-26", "Contractor delayed", &e));
	int n = audit_count(s, id);
	store_set_actor(s, "Another Name");
	assert_int_equal(store_undo(s, NULL, NULL, 0, &e), PB_OK);
	char *audit = audit_since(s, id, n);
	assert_non_null(strstr(audit, "revision:2026-07-31 (Contractor delayed)>\n"));
	assert_non_null(strstr(audit, "due_on:2026-07-31>2026-05-31\n"));
	assert_non_null(strstr(audit, "undo:>undid: SQ5: target date revised to Jul-26\n"));
	free(audit);
}

/* A change that fails, or changes nothing, leaves nothing to undo. */
static void test_undo_skips_failed_and_empty_changes(void **state)
{
	struct store *s = *state;
	struct pb_error e = {0};
	bool rec = true;
	long id = find(s, "HIP-2627", "SQ5");
	char *before = snapshot(s, id);
	assert_int_equal(store_undo_begin(s, id, &e), PB_OK);
	int status = store_revise_due(s, id, "Jul-26", NULL, &e);
	assert_int_equal(status, PB_USAGE);
	assert_int_equal(store_undo_end(s, id, "refused", status, &rec, &e), PB_USAGE);
	assert_false(rec);
	assert_int_equal(store_undo_begin(s, id, &e), PB_OK);
	status = store_set_status(s, id, "in progress", &e); /* it is already */
	assert_int_equal(store_undo_end(s, id, "same", status, &rec, &e), PB_OK);
	assert_false(rec);
	assert_int_equal(store_undo_count(s), 0);
	char *after = snapshot(s, id);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* A second program on the same file: an undo over its change is refused, naming who, and changes nothing; a change
 * by the other program to another part of the action does not stand in the way. */
static void test_undo_refused_after_someone_else(void **state)
{
	char dir[] = "/tmp/pb_unit_edit_XXXXXX", path[300], cmd[400];
	struct store *a, *b;
	struct pb_error e = {0};
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/two.db", dir);
	make_file(path);
	a = open_file(path, 0, "Simon Parry");
	b = open_file(path, 0, "Jane Willis");
	long id = find(a, "HIP-2627", "SQ5");

	RECORDED(a, id, "SQ5: RAG set to AMBER", store_set_rag(a, id, RAG_AMBER, "Supplier delayed", &e));
	assert_int_equal(store_add_update(b, id, NULL, "Jane's note", &e), PB_OK); /* another part: no obstacle */
	char *with_note = snapshot(a, id);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_OK);
	char *now = snapshot(a, id);
	assert_non_null(strstr(now, "Jane's note"));
	assert_null(strstr(now, "Supplier delayed"));
	free(now);
	free(with_note);

	RECORDED(a, id, "SQ5: status set to On hold", store_set_status(a, id, "on hold", &e));
	assert_int_equal(store_set_status(b, id, "deferred", &e), PB_OK);
	char *before = snapshot(a, id);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "cannot undo: Jane Willis has changed the action since (status at ");
	assert_msg_has(&e, "(\"SQ5: status set to On hold\")");
	assert_msg_has(&e, "nothing was undone");
	char *after = snapshot(a, id);
	assert_string_equal(after, before);
	free(before);
	free(after);
	assert_int_equal(store_undo_count(a), 1);

	/* a new action someone else has written a note on is not deleted */
	long nid = 0;
	struct action_edit f = {"Fresh action", NULL, NULL, NULL, NULL, "", "SQ"};
	assert_int_equal(store_undo_begin(a, 0, &e), PB_OK);
	int status = store_new_action(a, "HIP-2627", "SQ10", &f, NULL, &nid, &e);
	assert_int_equal(store_undo_end(a, nid, "new SQ10", status, NULL, &e), PB_OK);
	assert_int_equal(store_add_update(b, nid, NULL, "A note on it", &e), PB_OK);
	assert_int_equal(store_undo(a, NULL, NULL, 0, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "which deleting it would lose");
	char *kept = snapshot(a, nid);
	assert_non_null(strstr(kept, "A note on it"));
	free(kept);

	store_close(b);
	store_close(a);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Undo needs a writable database; a read-only one refuses to change anything. */
static void test_changes_refused_read_only(void **state)
{
	char dir[] = "/tmp/pb_unit_edit_XXXXXX", path[300], cmd[400];
	struct store *s = NULL;
	struct pb_error e = {0};
	long id = 0;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/ro.db", dir);
	make_file(path);
	s = open_file(path, STORE_READ_ONLY, "Simon Parry");
	id = find(s, "HIP-2627", "SQ5");
	struct action_edit f = {"T", NULL, NULL, NULL, NULL, NULL, NULL};
	assert_int_equal(store_edit_action(s, id, &f, &e), PB_BUSY);
	assert_msg_has(&e, "read-only");
	assert_int_equal(store_undo_begin(s, id, &e), PB_BUSY);
	assert_int_equal(store_undo_count(s), 0);
	assert_false(store_undo_peek(s, NULL, NULL, 0));
	store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int no_problem(void *ctx, const char *problem)
{
	(void)ctx;
	fail_msg("store_check: %s", problem);
	return PB_OK;
}

/* An import audits the rows it adds as they stand at its end, in one pass: each action made, its revisions, owners
 * and notes in that order; an action the same file changes again has only its creation (its first state was never
 * seen); an action already here is audited field by field. */
static void test_import_audits_added_rows_at_its_end(void **state)
{
	struct store *s = *state;
	static const char twice[] =
		"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
		"HIP-2627,SQ20,SQ,Gas safety checks,,,,,Simon Parry,Sep-25 (Revised Jan-26),in_progress,G,,\n"
		"HIP-2627,SQ20,SQ,Gas and electrical safety checks,,,,,Jane Willis; Simon Parry,Sep-25 (Revised Jan-26),in_progress,A,,\n"
		"HIP-2627,SQ5,SQ,Implement Total Mobile,Roll out to every operative,,,,Simon Parry,31/05/2026,In Progress,GREEN,,\n";
	static const char notes[] = "plan,ref,period,noted_on,author,text\n"
				    "HIP-2627,SQ20,2026/27 Q1,2026-06-01,Jane Willis,Contractor appointed\n"
				    "HIP-2627,SQ5,2026/27 Q1,2026-06-02,Simon Parry,Pilot started\n";
	struct store_import_result r;
	struct pb_error e = {0};
	long sq5 = find(s, "HIP-2627", "SQ5");
	int before = audit_count(s, sq5);
	assert_int_equal(store_import(s, CSVIO_ACTIONS, "twice.csv", twice, strlen(twice), NULL, &r, &e), PB_OK);
	assert_int_equal(store_import(s, CSVIO_UPDATES, "notes.csv", notes, strlen(notes), NULL, &r, &e), PB_OK);
	char *made = audit_since(s, find(s, "HIP-2627", "SQ20"), 0);
	assert_string_equal(made, ":>SQ20\n"
				  "revision:2025-09-30>2026-01-31 (As written in the tracker)\n"
				  "owner:>Jane Willis\n"
				  "owner:>Simon Parry\n"
				  "progress_update:>Contractor appointed\n");
	free(made);
	char *changed = audit_since(s, sq5, before);
	assert_string_equal(changed, "title:Implement Total Mobile for Repairs>Implement Total Mobile\n"
				     "progress_update:>Pilot started\n");
	free(changed);
	long problems = -1;
	assert_int_equal(store_check(s, no_problem, NULL, &problems, &e), PB_OK);
	assert_int_equal(problems, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textedit_feeds_utf8),
		cmocka_unit_test(test_textedit_malformed_bytes),
		cmocka_unit_test(test_textedit_moves_by_character),
		cmocka_unit_test(test_textedit_words_and_lines),
		cmocka_unit_test(test_textedit_maximum),
		cmocka_unit_test(test_textedit_wrap),
		cmocka_unit_test(test_textedit_locate_and_vertical),
		cmocka_unit_test(test_quarter_label_schemes),
		cmocka_unit_test(test_quarter_label_follows_setting),
		T(test_edit_fields_owners_section),
		T(test_edit_refuses_bad_input),
		T(test_next_ref),
		T(test_next_ref_empty_plan),
		T(test_new_action),
		T(test_undo_every_kind_step_by_step),
		T(test_import_audits_added_rows_at_its_end),
		T(test_undo_new_action),
		T(test_undo_is_audited),
		T(test_undo_skips_failed_and_empty_changes),
		cmocka_unit_test(test_undo_refused_after_someone_else),
		cmocka_unit_test(test_changes_refused_read_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
