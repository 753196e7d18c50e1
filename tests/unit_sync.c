/* unit_sync.c — unit tests for working apart, through store/sync.h: identities and clones, row ids that never collide,
 * changes recorded at commit (and not at rollback), pending summaries, export and import, the newest-edit-wins rule per
 * field, previews that change nothing, files imported twice, damaged, cut-short, foreign and out-of-order files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/error.h"
#include "core/sha256.h"
#include "store/import.h"
#include "tests/tracker_text.h"
#include "store/store.h"
#include "store/sync.h"

static const char PLANS_CSV[] = "code,title,kind,starts_on,ends_on\n"
				"HIP-2627,Housing Improvement Plan 2026/27,improvement,2026-04-01,2027-03-31\n";
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2627,SQ5,,Implement Total Mobile for Repairs,,,,,Simon Parry,31/12/2026,in_progress,G,,\n"
	"HIP-2627,SQ9,,Independent review of fire safety,,,,,Jane Willis,Sep-26,in_progress,G,,\n";

static char dir[64], path_a[128], path_b[128], path_c[128], file[128];

static struct store *open_db(const char *path, int flags, const char *who)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	if (store_open(path, flags, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, who);
	return s;
}

static void import_ok(struct store *s, enum csvio_kind kind, const char *text)
{
	struct store_import_result r;
	struct pb_error e = {0};
	if (store_import(s, kind, "fixture.csv", text, strlen(text), NULL, &r, &e) != PB_OK)
		fail_msg("import: %s", e.msg);
}

/* A: a database with two actions; B and C cloned from it. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pb-unit-sync-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path_a, sizeof path_a, "%s/a.db", dir);
	snprintf(path_b, sizeof path_b, "%s/b.db", dir);
	snprintf(path_c, sizeof path_c, "%s/c.db", dir);
	snprintf(file, sizeof file, "%s/changes.pbsync", dir);
	struct store *a = open_db(path_a, STORE_CREATE, "Setup");
	import_ok(a, CSVIO_PLANS, PLANS_CSV);
	import_ok(a, CSVIO_ACTIONS, ACTIONS_CSV);
	struct sync_identity b, c;
	struct pb_error e = {0};
	if (store_sync_clone(a, path_b, NULL, &b, &e) != PB_OK || store_sync_clone(a, path_c, NULL, &c, &e) != PB_OK)
		fail_msg("clone: %s", e.msg);
	store_close(a);
	return 0;
}

static int teardown(void **state)
{
	char cmd[200];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static long action_id(struct store *s, const char *ref)
{
	long id = 0;
	struct pb_error e = {0};
	if (store_find_action(s, "HIP-2627", ref, &id, &e) != PB_OK)
		fail_msg("%s: %s", ref, e.msg);
	return id;
}

static enum rag rag_of(struct store *s, const char *ref)
{
	struct action_detail d;
	struct pb_error e = {0};
	assert_int_equal(store_get_action(s, action_id(s, ref), &d, &e), PB_OK);
	enum rag r = d.rag;
	store_action_free(&d);
	return r;
}

static int count_update(void *ctx, const struct update_row *u)
{
	(void)u;
	(*(long *)ctx)++;
	return PB_OK;
}

static long updates_of(struct store *s, const char *ref)
{
	long n = 0;
	struct pb_error e = {0};
	assert_int_equal(store_each_update(s, action_id(s, ref), count_update, &n, &e), PB_OK);
	return n;
}

static long pending_for(struct store *s, const char *to)
{
	struct sync_export_opts o = {.to = to};
	struct sync_summary sum;
	struct pb_error e = {0};
	if (store_sync_pending(s, &o, &sum, &e) != PB_OK)
		fail_msg("pending: %s", e.msg);
	return sum.entries;
}

static void export_ok(struct store *s, const char *to, const char *out)
{
	struct sync_export_opts o = {.to = to};
	struct sync_summary sum;
	struct pb_error e = {0};
	if (store_sync_export(s, out, &o, &sum, &e) != PB_OK)
		fail_msg("export: %s", e.msg);
}

struct seen {
	long conflicts;
	char last[512];
	bool incoming_won;
};

static int note_conflict(void *ctx, const struct sync_conflict_row *c)
{
	struct seen *n = ctx;
	n->conflicts++;
	snprintf(n->last, sizeof n->last, "%s %s %s here=%s there=%s", c->entity, c->ref, c->field, c->local_value, c->incoming_value);
	n->incoming_won = c->incoming_won;
	return PB_OK;
}

static int import_file(struct store *s, const char *in, bool dry, struct seen *n, struct sync_import_result *r, struct pb_error *e)
{
	struct sync_import_opts o = {.dry_run = dry, .conflict = note_conflict, .ctx = n};
	struct sync_summary hdr;
	return store_sync_import(s, in, &o, &hdr, r, e);
}

/* A clone has its own identity and slot; the two know each other as peers with nothing to send. */
static void test_clone_identity(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct sync_identity ia, ib;
	struct pb_error e = {0};
	assert_int_equal(store_sync_identity(a, &ia, &e), PB_OK);
	assert_int_equal(store_sync_identity(b, &ib, &e), PB_OK);
	assert_string_not_equal(ia.id, ib.id);
	assert_int_not_equal(ia.slot, ib.slot);
	assert_string_equal(ib.name, "b");
	assert_int_equal(strlen(ia.id), 32);
	char id[SYNC_ID_LEN];
	assert_int_equal(store_sync_find_peer(a, "b", id, &e), PB_OK);
	assert_string_equal(id, ib.id);
	assert_int_equal(store_sync_find_peer(b, "zz", id, &e), PB_USAGE);
	assert_non_null(strstr(e.msg, "known peers: a"));
	assert_int_equal(pending_for(a, "b"), 0);
	assert_int_equal(pending_for(b, "a"), 0);
	struct sync_identity again;
	assert_int_equal(store_sync_clone(a, path_b, NULL, &again, &e), PB_USAGE);
	store_close(a);
	store_close(b);
}

/* A change is logged at commit, nothing at rollback. */
static void test_capture_at_commit(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo");
	struct sync_identity me;
	struct pb_error e = {0};
	assert_int_equal(store_sync_identity(a, &me, &e), PB_OK);
	long seq = me.seq;
	assert_int_equal(store_begin(a, &e), PB_OK);
	assert_int_equal(store_add_update(a, action_id(a, "SQ5"), NULL, "rolled back", &e), PB_OK);
	store_rollback(a);
	assert_int_equal(pending_for(a, "b"), 0);
	assert_int_equal(store_add_update(a, action_id(a, "SQ5"), NULL, "kept", &e), PB_OK);
	assert_int_equal(store_sync_identity(a, &me, &e), PB_OK);
	assert_int_equal(me.seq, seq + 1);
	assert_int_equal(pending_for(a, "b"), 1);
	assert_int_equal(pending_for(a, "c"), 1);
	store_close(a);
}

static int last_update_id(void *ctx, const struct update_row *u)
{
	long *id = ctx;
	if (!*id)
		*id = u->id; /* newest first */
	return PB_OK;
}

/* Rows made on two laptops never share an id: each is its replica's slot modulo 1021. */
static void test_ids_in_slot(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	struct sync_identity ia, ib;
	assert_int_equal(store_sync_identity(a, &ia, &e), PB_OK);
	assert_int_equal(store_sync_identity(b, &ib, &e), PB_OK);
	assert_int_equal(store_add_update(a, action_id(a, "SQ5"), NULL, "from a", &e), PB_OK);
	assert_int_equal(store_add_update(b, action_id(b, "SQ5"), NULL, "from b", &e), PB_OK);
	long ida = 0, idb = 0;
	assert_int_equal(store_each_update(a, action_id(a, "SQ5"), last_update_id, &ida, &e), PB_OK);
	assert_int_equal(store_each_update(b, action_id(b, "SQ5"), last_update_id, &idb, &e), PB_OK);
	assert_int_equal(ida % 1021, ia.slot);
	assert_int_equal(idb % 1021, ib.slot);
	assert_int_not_equal(ida, idb);
	store_close(a);
	store_close(b);
}

static int count_row(void *ctx, const struct sync_count_row *c)
{
	char *out = ctx;
	char line[160];
	snprintf(line, sizeof line, "%s/%s+%ld~%ld-%ld ", c->plan, c->kind, c->added, c->changed, c->deleted);
	strncat(out, line, 1023 - strlen(out));
	return PB_OK;
}

/* The pending summary counts per plan and kind; export writes it; importing applies it once, the second time nothing. */
static void test_export_import_once(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	assert_int_equal(store_add_update(a, action_id(a, "SQ5"), NULL, "Devices issued", &e), PB_OK);
	assert_int_equal(store_revise_due(a, action_id(a, "SQ9"), "Dec-26", "Contractor delay", &e), PB_OK);
	char counts[1024] = "";
	struct sync_export_opts o = {.to = "b", .count = count_row, .ctx = counts};
	struct sync_summary sum;
	assert_int_equal(store_sync_pending(a, &o, &sum, &e), PB_OK);
	assert_int_equal(sum.entries, 2);
	assert_int_equal(sum.nranges, 1);
	assert_int_equal(sum.ranges[0].to_seq - sum.ranges[0].from_seq, 1);
	assert_string_equal(sum.destination_name, "b");
	assert_non_null(strstr(counts, "HIP-2627/updates+1~0-0"));
	assert_non_null(strstr(counts, "HIP-2627/revisions+1~0-0"));
	assert_non_null(strstr(counts, "HIP-2627/actions+0~1-0"));
	export_ok(a, "b", file);
	assert_int_equal(pending_for(a, "b"), 0); /* sent */
	struct sync_summary hdr;
	assert_int_equal(store_sync_read_header(file, &hdr, &e), PB_OK);
	assert_int_equal(hdr.entries, 2);
	assert_string_equal(hdr.source_name, "a");
	struct seen n = {0};
	struct sync_import_result r;
	long before = updates_of(b, "SQ5");
	assert_int_equal(import_file(b, file, true, &n, &r, &e), PB_OK);
	assert_int_equal(r.entries_applied, 2);
	assert_int_equal(updates_of(b, "SQ5"), before); /* a preview changes nothing */
	assert_int_equal(import_file(b, file, false, &n, &r, &e), PB_OK);
	assert_int_equal(r.entries_applied, 2);
	assert_int_equal(r.conflicts, 0);
	assert_int_equal(updates_of(b, "SQ5"), before + 1);
	assert_int_equal(import_file(b, file, false, &n, &r, &e), PB_OK);
	assert_int_equal(r.entries_applied, 0);
	assert_int_equal(r.entries_skipped, 2);
	assert_int_equal(updates_of(b, "SQ5"), before + 1);
	/* what b received travels on to c (forwarding), and a holds its own already */
	assert_int_equal(pending_for(b, "c"), 2);
	store_close(a);
	store_close(b);
}

/* A long transaction is logged in pieces once the recorded changes pass the limit: still all or nothing (a failed
 * import logs no piece), and the pieces carried to a peer give it the same data. */
static void test_long_transaction_in_pieces(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	char csv[8192] = "plan,ref,period,noted_on,author,text\n";
	for (int i = 0; i < 60; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "HIP-2627,SQ%d,2026/27 Q1,2026-06-0%d,Jo,Note %d\n", i % 2 ? 5 : 9,
			 i % 9 + 1, i);
	store_sync_set_piece_limit(a, 1);
	struct store_import_result r;
	char bad[8300];
	snprintf(bad, sizeof bad, "%sHIP-2627,NOPE,2026/27 Q1,2026-06-01,Jo,No such action\n", csv);
	assert_int_not_equal(store_import(a, CSVIO_UPDATES, "bad.csv", bad, strlen(bad), NULL, &r, &e), PB_OK);
	assert_int_equal(pending_for(a, "b"), 0); /* the failed import left no piece behind */
	import_ok(a, CSVIO_UPDATES, csv);
	long pieces = pending_for(a, "b");
	assert_true(pieces > 1); /* one import, logged in several pieces */
	export_ok(a, "b", file);
	struct seen n = {0};
	struct sync_import_result ir;
	long before = updates_of(b, "SQ5") + updates_of(b, "SQ9");
	assert_int_equal(import_file(b, file, false, &n, &ir, &e), PB_OK);
	assert_int_equal(ir.entries_applied, pieces);
	assert_int_equal(updates_of(b, "SQ5") + updates_of(b, "SQ9"), before + 60);
	assert_int_equal(updates_of(b, "SQ5"), updates_of(a, "SQ5"));
	store_close(a);
	store_close(b);
}

/* A council's tracker imported in one transaction is logged in pieces between its actions (and its audit rows, written
 * at the end, a batch at a time), so what is held in memory stays bounded; the pieces give the peer every action. */
static void test_tracker_import_in_pieces(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	char csv[8192] = "Ref,Action,Lead Officer,Target Date,RAG Rating,Comments\n";
	for (int i = 1; i <= 40; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "T%d,Action number %d,Jo Bloggs,Dec-26,GREEN,<p>Q3 Update note %d</p>\n", i, i, i);
	store_sync_set_piece_limit(a, 1);
	struct store_tracker_opts o = {.plan = "HIP-2627"};
	struct store_tracker_result r;
	assert_int_equal(import_tracker_text(a, "tracker.csv", csv, strlen(csv), &o, &r, &e), PB_OK);
	assert_int_equal(r.added, 40);
	long pieces = pending_for(a, "b");
	assert_true(pieces > 40); /* a piece an action, then the audit */
	export_ok(a, "b", file);
	struct seen n = {0};
	struct sync_import_result ir;
	assert_int_equal(import_file(b, file, false, &n, &ir, &e), PB_OK);
	assert_int_equal(ir.entries_applied, pieces);
	assert_int_equal(ir.conflicts, 0);
	assert_true(action_id(b, "T1") > 0);
	assert_true(action_id(b, "T40") > 0);
	assert_int_equal(updates_of(b, "T40"), 1);
	store_close(a);
	store_close(b);
}

/* The same field changed on two laptops: the newer edit wins on both, and the conflict is told each time. */
static void test_newest_edit_wins(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	char file_b[160];
	snprintf(file_b, sizeof file_b, "%s/from-b.pbsync", dir);
	assert_int_equal(store_set_rag(a, action_id(a, "SQ5"), RAG_RED, "Jo: late", &e), PB_OK);
	sleep(1); /* the audit trail keeps times to the second */
	assert_int_equal(store_set_rag(b, action_id(b, "SQ5"), RAG_AMBER, "Sam: recovering", &e), PB_OK);
	export_ok(a, "b", file);
	export_ok(b, "a", file_b);
	struct seen n = {0};
	struct sync_import_result r;
	assert_int_equal(import_file(b, file, false, &n, &r, &e), PB_OK);
	assert_true(r.conflicts >= 1);
	assert_false(n.incoming_won); /* b's edit is newer: b keeps it */
	assert_int_equal(rag_of(b, "SQ5"), RAG_AMBER);
	memset(&n, 0, sizeof n);
	assert_int_equal(import_file(a, file_b, false, &n, &r, &e), PB_OK);
	assert_true(r.conflicts >= 1);
	assert_true(n.incoming_won);
	assert_non_null(strstr(n.last, "action HIP-2627:SQ5"));
	assert_int_equal(rag_of(a, "SQ5"), RAG_AMBER);
	store_close(a);
	store_close(b);
}

static void flip_byte(const char *path, long from_end)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, -from_end, SEEK_END);
	int c = fgetc(f);
	fseek(f, -from_end, SEEK_END);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static void copy_file(const char *from, const char *to, long cut)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	assert_non_null(in);
	assert_non_null(out);
	fseek(in, 0, SEEK_END);
	long n = ftell(in) - cut;
	fseek(in, 0, SEEK_SET);
	for (long i = 0; i < n; i++)
		fputc(fgetc(in), out);
	fclose(in);
	fclose(out);
}

/* Damaged, cut-short, foreign and out-of-order files are refused (PB_BAD_INPUT) naming the file; nothing changes. */
static void test_bad_files_refused(void **state)
{
	(void)state;
	struct store *a = open_db(path_a, 0, "Jo"), *b = open_db(path_b, 0, "Sam");
	struct pb_error e = {0};
	char first[160], second[160], bad[160];
	snprintf(first, sizeof first, "%s/1.pbsync", dir);
	snprintf(second, sizeof second, "%s/2.pbsync", dir);
	snprintf(bad, sizeof bad, "%s/bad.pbsync", dir);
	assert_int_equal(store_add_update(a, action_id(a, "SQ9"), NULL, "first", &e), PB_OK);
	export_ok(a, "b", first);
	assert_int_equal(store_add_update(a, action_id(a, "SQ9"), NULL, "second", &e), PB_OK);
	export_ok(a, "b", second);
	long before = updates_of(b, "SQ9");
	struct seen n = {0};
	struct sync_import_result r;

	copy_file(first, bad, 0);
	flip_byte(bad, 100);
	assert_int_equal(import_file(b, bad, false, &n, &r, &e), PB_BAD_INPUT);
	assert_non_null(strstr(e.msg, bad));
	assert_non_null(strstr(e.msg, "checksum does not match"));

	copy_file(first, bad, 150);
	assert_int_equal(import_file(b, bad, false, &n, &r, &e), PB_BAD_INPUT);
	assert_non_null(strstr(e.msg, "cut short"));

	FILE *f = fopen(bad, "w");
	fputs("plan,ref\nHIP-2627,SQ9\n", f);
	fclose(f);
	assert_int_equal(import_file(b, bad, false, &n, &r, &e), PB_BAD_INPUT);
	assert_non_null(strstr(e.msg, "is not a planbench change set"));

	assert_int_equal(import_file(b, second, false, &n, &r, &e), PB_BAD_INPUT);
	assert_non_null(strstr(e.msg, "out of order"));
	assert_int_equal(updates_of(b, "SQ9"), before);

	assert_int_equal(import_file(b, first, false, &n, &r, &e), PB_OK);
	assert_int_equal(import_file(b, second, false, &n, &r, &e), PB_OK);
	assert_int_equal(updates_of(b, "SQ9"), before + 2);

	/* a file from this database's own identity */
	char own[160];
	snprintf(own, sizeof own, "%s/own.pbsync", dir);
	struct sync_export_opts o = {.all = true};
	struct sync_summary sum;
	assert_int_equal(store_sync_export(a, own, &o, &sum, &e), PB_OK);
	assert_int_equal(import_file(a, own, false, &n, &r, &e), PB_BAD_INPUT);
	assert_non_null(strstr(e.msg, "sync identity --new"));
	store_close(a);
	store_close(b);
}

/* Known SHA-256 digests (FIPS 180-2 examples). */
static void test_sha256(void **state)
{
	(void)state;
	struct sha256 c;
	char hex[65];
	sha256_init(&c);
	sha256_update(&c, "abc", 3);
	sha256_hex(&c, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_init(&c);
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_update(&c, two, 20);
	sha256_update(&c, two + 20, strlen(two) - 20);
	sha256_hex(&c, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_clone_identity), T(test_capture_at_commit), T(test_ids_in_slot), T(test_export_import_once),
		T(test_newest_edit_wins), T(test_long_transaction_in_pieces), T(test_tracker_import_in_pieces), T(test_bad_files_refused), cmocka_unit_test(test_sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
