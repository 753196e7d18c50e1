/* unit_backup.c — unit tests for keeping data safe, through store/backup.h and store/privacy.h: file modes and the
 * permission warning, damaged and wrong files refused without being written to, daily backups (seven kept), online
 * backups, restore after checking, the busy timeout, exports without notes, search-person and the consistency checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/csvio.h"
#include "core/error.h"
#include "store/backup.h"
#include "store/privacy.h"
#include "store/store.h"

static const char PLANS_CSV[] = "code,title,kind,starts_on,ends_on\n"
				"HIP-2627,Housing Improvement Plan 2026/27,improvement,2026-04-01,2027-03-31\n";
static const char METHODS_CSV[] = "name,formality,description\nDrop-in,informal,\n";
static const char ACTIONS_CSV[] =
	"plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on\n"
	"HIP-2627,SQ5,,Implement Total Mobile for Repairs,,,,,Simon Parry,31/05/2026,in_progress,G,,\n"
	"HIP-2627,SQ9,,Independent review of fire safety,Review with Mr Okafor's landlord group,,,,Jane Willis,Sep-26,in_progress,G,,\n";
static const char UPDATES_CSV[] = "plan,ref,period,noted_on,author,text\n"
				  "HIP-2627,SQ5,2025/26 Q4,2026-03-20,Simon Parry,Devices issued to all operatives\n";
static const char ENGAGEMENTS_CSV[] =
	"ref,title,team,method,location,held_on,held_until,when_text,frequency,tenants,tenants_basis,tenants_scope,"
	"tenants_text,standard,summary,you_said,we_did,actions\n"
	"ENG-001,Estate walkabout,Neighbourhoods,Drop-in,Cambridge Road,2026-05-02,,May 2026,one_off,12,exact,event,12,NC 1.1,"
	"Walk round the estate,Mould in the flats,Referred to the damp team,HIP-2627:SQ9\n";

static char dir[64];
static char db[128];

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

static void import_ok(struct store *s, enum csvio_kind kind, const char *text)
{
	struct store_import_result r;
	struct pb_error e = { 0 };

	if (store_import(s, kind, "fixture.csv", text, strlen(text), NULL, &r, &e) != PB_OK)
		fail_msg("import: %s", e.msg);
}

/* Opens db (flags as given) with today 2026-06-09; fails the test on error. */
static struct store *open_ok(int flags)
{
	struct store *s = NULL;
	struct pb_error e = { 0 };

	if (store_open(db, flags, &s, &e) != PB_OK)
		fail_msg("store_open(%s): %s", db, e.msg);
	store_set_today(s, ymd(2026, 6, 9));
	store_set_actor(s, "Test Officer");
	return s;
}

/* A fresh folder holding a database with the fixture; no backups yet. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pb-unit-backup-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/pb.db", dir);
	struct store *s = open_ok(STORE_CREATE);
	import_ok(s, CSVIO_PLANS, PLANS_CSV);
	import_ok(s, CSVIO_METHODS, METHODS_CSV);
	import_ok(s, CSVIO_ACTIONS, ACTIONS_CSV);
	import_ok(s, CSVIO_UPDATES, UPDATES_CSV);
	import_ok(s, CSVIO_ENGAGEMENTS, ENGAGEMENTS_CSV);
	store_close(s);
	return 0;
}

static int teardown(void **state)
{
	char cmd[200];

	(void)state;
	unsetenv("PLANBENCH_BUSY_TIMEOUT_MS");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The whole file (malloc'd), for comparing before and after. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc(*len + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	return data;
}

static void assert_file_unchanged(const char *path, const char *before, size_t before_len)
{
	size_t len;
	char *after = slurp(path, &len);

	assert_int_equal(len, before_len);
	assert_memory_equal(after, before, len);
	free(after);
}

/* The path of today's automatic backup. */
static void today_backup(char *out, size_t len)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(out, len, "%s.backups/auto-%s.db", db, day);
}

static long count_rows(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long n = -1;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static void exec_raw(const char *path, const char *sql)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Overwrites count pages from page `first` (1-based) with bytes that are not a b-tree page. */
static void damage_pages(const char *path, int first, int count)
{
	char junk[4096];
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(0x5a ^ (i * 7));
	for (int p = 0; p < count; p++)
		assert_int_equal(pwrite(fd, junk, sizeof junk, (off_t)(first - 1 + p) * 4096), (ssize_t)sizeof junk);
	close(fd);
}

/* ---- file modes ---- */

static void test_created_private_and_warned_when_shared(void **state)
{
	struct stat st;
	struct store *s;

	(void)state;
	assert_int_equal(stat(db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	s = open_ok(0);
	assert_string_equal(store_notice(s), "");
	store_close(s);
	assert_int_equal(chmod(db, 0644), 0);
	s = open_ok(0);
	assert_non_null(strstr(store_notice(s), "can be read by other users (mode 0644)"));
	assert_non_null(strstr(store_notice(s), "chmod 600"));
	store_close(s);
}

/* ---- damaged and wrong files: refused, named, never written to ---- */

static void assert_refused_unchanged(int flags, const char *needle)
{
	size_t len;
	char *before = slurp(db, &len);
	struct store *s = NULL;
	struct pb_error e = { 0 };

	assert_int_not_equal(store_open(db, flags, &s, &e), PB_OK);
	assert_null(s);
	assert_msg_has(&e, db);
	assert_msg_has(&e, needle);
	assert_file_unchanged(db, before, len);
	free(before);
}

static void test_damaged_pages_refused(void **state)
{
	long pages = count_rows(db, "PRAGMA page_count");

	(void)state;
	assert_true(pages > 10);
	damage_pages(db, (int)pages / 2, 3);
	assert_refused_unchanged(0, "damaged");
}

static void test_truncated_file_refused(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(stat(db, &st), 0);
	assert_int_equal(truncate(db, st.st_size / 2), 0);
	assert_refused_unchanged(0, "cut short");
	assert_refused_unchanged(STORE_READ_ONLY, "cut short");
	assert_int_equal(truncate(db, st.st_size / 2 + 100), 0);
	assert_refused_unchanged(0, "cut short");
}

static void test_text_file_refused(void **state)
{
	(void)state;
	write_file(db, "plan,ref,title\nHIP-2627,SQ1,Not a database but a CSV file with enough text to fill a header......\n");
	assert_refused_unchanged(0, "not a planbench database");
	assert_refused_unchanged(STORE_CREATE, "not a planbench database");
}

static void test_other_sqlite_database_refused(void **state)
{
	(void)state;
	unlink(db);
	exec_raw(db, "PRAGMA journal_mode = DELETE; CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('soup');");
	assert_refused_unchanged(0, "not a planbench one");
	assert_refused_unchanged(STORE_CREATE, "not a planbench one");
}

static void test_newer_schema_refused(void **state)
{
	(void)state;
	exec_raw(db, "PRAGMA user_version = 99");
	assert_refused_unchanged(0, "newer planbench (schema 99");
}

static void test_empty_file_needs_init(void **state)
{
	struct store *s;

	(void)state;
	unlink(db);
	write_file(db, "");
	assert_refused_unchanged(0, "planbench init");
	s = open_ok(STORE_CREATE);
	store_close(s);
}

/* ---- automatic backups ---- */

static void test_daily_backup_on_open(void **state)
{
	char path[256], bdir[200];
	struct stat st;
	struct store *s;

	(void)state;
	today_backup(path, sizeof path);
	assert_int_not_equal(access(path, F_OK), 0); /* not of a file just created */
	s = open_ok(0);
	store_close(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	store_backups_dir(db, bdir, sizeof bdir);
	assert_int_equal(stat(bdir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM action"), 2);
	assert_int_equal(count_rows(path, "PRAGMA user_version"), store_schema_version());
	/* self-contained: a rollback journal, nothing needed beside it */
	assert_int_equal(count_rows(path, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);
}

/* The workbench's open (STORE_BACKUP_LATER): the backup is taken by a thread while the store is used, and is whole. */
static void test_daily_backup_in_background(void **state)
{
	char path[256];
	struct pb_error e = { 0 };
	struct store *s;

	(void)state;
	today_backup(path, sizeof path);
	s = open_ok(STORE_BACKUP_LATER);
	import_ok(s, CSVIO_UPDATES, "plan,ref,period,noted_on,author,text\nHIP-2627,SQ5,2025/26 Q1,2025-06-01,,While the backup runs.\n");
	assert_int_equal(store_backup_daily_poll(s, true, &e), PB_OK);
	assert_false(store_backup_daily_running(s));
	store_close(s);
	assert_int_equal(count_rows(path, "SELECT count(*) FROM action"), 2);
	assert_int_equal(count_rows(path, "SELECT quick_check = 'ok' FROM pragma_quick_check"), 1);
	assert_int_equal(count_rows(path, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);
}

/* A damaged file opened by the workbench: the background check finds it, every write is refused from then on, the file
 * is not written to and no backup of it is kept. */
static void test_background_check_refuses_damaged(void **state)
{
	char path[256];
	size_t len;
	long pages = count_rows(db, "PRAGMA page_count");
	struct pb_error e = { 0 };
	struct store *s = NULL;

	(void)state;
	damage_pages(db, (int)pages / 2, 3);
	char *before = slurp(db, &len);
	assert_int_equal(store_open(db, STORE_BACKUP_LATER, &s, &e), PB_OK);
	assert_int_not_equal(store_backup_daily_poll(s, true, &e), PB_OK);
	assert_msg_has(&e, "damaged");
	assert_msg_has(&e, "planbench restore");
	memset(&e, 0, sizeof e);
	assert_int_not_equal(store_begin(s, &e), PB_OK);
	assert_msg_has(&e, "damaged");
	store_close(s);
	assert_file_unchanged(db, before, len);
	free(before);
	today_backup(path, sizeof path);
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_daily_backup_at_most_once_and_seven_kept(void **state)
{
	char path[256], old[256], cmd[600];
	long id;
	size_t len;
	char *first;
	struct store *s;
	struct pb_error e = { 0 };

	(void)state;
	s = open_ok(0);
	store_close(s);
	today_backup(path, sizeof path);
	first = slurp(path, &len);
	s = open_ok(0);
	assert_int_equal(store_find_action(s, "HIP-2627", "SQ5", &id, &e), PB_OK);
	assert_int_equal(store_add_update(s, id, NULL, "a change after the backup", &e), PB_OK);
	store_close(s);
	s = open_ok(0);
	store_close(s);
	assert_file_unchanged(path, first, len);
	free(first);
	for (int d = 1; d <= 8; d++) {
		snprintf(old, sizeof old, "%s.backups/auto-2000-01-0%d.db", db, d);
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, old);
		assert_int_equal(system(cmd), 0);
	}
	unlink(path);
	s = open_ok(0);
	store_close(s);
	snprintf(cmd, sizeof cmd, "test $(ls '%s.backups' | grep -c '^auto-') -eq 7", db);
	assert_int_equal(system(cmd), 0);
	snprintf(old, sizeof old, "%s.backups/auto-2000-01-02.db", db);
	assert_int_not_equal(access(old, F_OK), 0);
	snprintf(old, sizeof old, "%s.backups/auto-2000-01-03.db", db);
	assert_int_equal(access(old, F_OK), 0);
	assert_int_equal(access(path, F_OK), 0);
}

static void test_no_backup_when_read_only(void **state)
{
	char path[256];
	struct store *s;

	(void)state;
	s = open_ok(STORE_READ_ONLY);
	store_close(s);
	today_backup(path, sizeof path);
	assert_int_not_equal(access(path, F_OK), 0);
}

/* A daily backup that cannot be written is a warning; the database still opens. */
static void test_daily_backup_failure_is_a_notice(void **state)
{
	char blocker[200];
	struct store *s;

	(void)state;
	snprintf(blocker, sizeof blocker, "%s.backups", db);
	write_file(blocker, "a file where the backups folder should be");
	s = open_ok(0);
	assert_non_null(strstr(store_notice(s), "no daily backup was made: cannot create the backups folder"));
	store_close(s);
}

/* ---- online backup and restore ---- */

struct problem_list {
	char text[1000];
};

static int note_problem(void *ctx, const char *problem)
{
	struct problem_list *p = ctx;
	size_t n = strlen(p->text);

	snprintf(p->text + n, sizeof p->text - n, "%s\n", problem);
	return PB_OK;
}


static void test_backup_to_file_never_replaces(void **state)
{
	char out[256], written[1400];
	struct stat st;
	struct store *s = open_ok(0);
	struct pb_error e = { 0 };

	(void)state;
	snprintf(out, sizeof out, "%s/copy.db", dir);
	assert_int_equal(store_backup(s, out, written, sizeof written, &e), PB_OK);
	assert_string_equal(written, out);
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(count_rows(out, "SELECT count(*) FROM progress_update"), 1);
	assert_int_equal(store_backup(s, out, written, sizeof written, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "already exists");
	assert_int_equal(store_backup(s, NULL, written, sizeof written, &e), PB_OK);
	assert_non_null(strstr(written, ".backups/manual-"));
	store_close(s);
}

/* A backup taken while another connection holds an unfinished write holds only what was committed. */
static void test_backup_is_a_consistent_snapshot(void **state)
{
	char out[256], written[1400];
	sqlite3 *other;
	struct store *s = open_ok(0);
	struct pb_error e = { 0 };

	(void)state;
	assert_int_equal(sqlite3_open(db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; DELETE FROM engagement_action; UPDATE action SET title = 'half done'",
				      NULL, NULL, NULL), SQLITE_OK);
	snprintf(out, sizeof out, "%s/during.db", dir);
	assert_int_equal(store_backup(s, out, written, sizeof written, &e), PB_OK);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	store_close(s);
	assert_int_equal(count_rows(out, "SELECT count(*) FROM action WHERE title = 'half done'"), 0);
	assert_int_equal(count_rows(out, "SELECT count(*) FROM engagement_action"), 1);
}

static void test_restore_puts_backup_in_place_and_keeps_the_old(void **state)
{
	char out[256], written[1400];
	long id;
	struct store *s = open_ok(0);
	struct store_restore_info info;
	struct pb_error e = { 0 };

	(void)state;
	snprintf(out, sizeof out, "%s/good.db", dir);
	assert_int_equal(store_backup(s, out, written, sizeof written, &e), PB_OK);
	assert_int_equal(store_find_action(s, "HIP-2627", "SQ9", &id, &e), PB_OK);
	assert_int_equal(store_add_update(s, id, NULL, "written after the backup", &e), PB_OK);
	store_close(s);
	assert_int_equal(store_restore(db, out, "Restorer", &info, &e), PB_OK);
	assert_int_equal(info.actions, 2);
	assert_int_equal(info.updates, 1);
	assert_int_equal(info.schema, store_schema_version());
	assert_false(info.moved);
	assert_non_null(strstr(info.kept, ".backups/before-restore-"));
	assert_int_equal(count_rows(db, "SELECT count(*) FROM progress_update"), 1);
	assert_int_equal(count_rows(info.kept, "SELECT count(*) FROM progress_update WHERE text = 'written after the backup'"), 1);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM audit WHERE field = 'restore' AND who = 'Restorer'"), 1);
	s = open_ok(0);
	struct problem_list p = { "" };
	long problems = 1;
	assert_int_equal(store_check(s, note_problem, &p, &problems, &e), PB_OK);
	assert_string_equal(p.text, "");
	assert_int_equal(problems, 0);
	store_close(s);
}

static void assert_restore_refused(const char *file, const char *needle)
{
	size_t len;
	char *before = slurp(db, &len);
	struct store_restore_info info;
	struct pb_error e = { 0 };

	assert_int_equal(store_restore(db, file, "x", &info, &e), PB_BAD_INPUT);
	assert_msg_has(&e, file);
	assert_msg_has(&e, needle);
	assert_msg_has(&e, "nothing was changed");
	assert_file_unchanged(db, before, len);
	free(before);
}

static void test_restore_refuses_bad_backups(void **state)
{
	char path[256], written[1400];
	struct store *s = open_ok(0);
	struct pb_error e = { 0 };

	(void)state;
	snprintf(path, sizeof path, "%s/b.db", dir);
	assert_int_equal(store_backup(s, path, written, sizeof written, &e), PB_OK);
	store_close(s);
	damage_pages(path, 5, 2);
	assert_restore_refused(path, "damaged");
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	write_file(path, "Just some notes, not a database at all, long enough to fill a database header...........\n");
	assert_restore_refused(path, "not a planbench database");
	snprintf(path, sizeof path, "%s/other.db", dir);
	exec_raw(path, "CREATE TABLE recipes(name TEXT)");
	assert_restore_refused(path, "not a planbench one");
	snprintf(path, sizeof path, "%s/none.db", dir);
	assert_restore_refused(path, "No such file");
}

static void test_restore_refuses_backup_that_fails_checks(void **state)
{
	char path[256], written[1400];
	struct store *s = open_ok(0);
	struct pb_error e = { 0 };

	(void)state;
	snprintf(path, sizeof path, "%s/inconsistent.db", dir);
	assert_int_equal(store_backup(s, path, written, sizeof written, &e), PB_OK);
	store_close(s);
	/* a change made without planbench's audit triggers */
	exec_raw(path, "INSERT INTO progress_update(action_id, noted_on, text, created_at)"
		       " VALUES ((SELECT min(id) FROM action), '2026-06-01', 'x', 'now')");
	assert_restore_refused(path, "fails the consistency checks");
	assert_restore_refused(path, "audit trail");
}

static void test_restore_moves_damaged_database_aside(void **state)
{
	char path[256], written[1400];
	size_t len;
	char *damaged;
	struct store *s = open_ok(0);
	struct store_restore_info info;
	struct pb_error e = { 0 };

	(void)state;
	snprintf(path, sizeof path, "%s/good.db", dir);
	assert_int_equal(store_backup(s, path, written, sizeof written, &e), PB_OK);
	store_close(s);
	damage_pages(db, 4, 3);
	damaged = slurp(db, &len);
	assert_int_equal(store_restore(db, path, "x", &info, &e), PB_OK);
	assert_true(info.moved);
	assert_file_unchanged(info.kept, damaged, len);
	free(damaged);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM action"), 2);
}

static void test_restore_other_page_size(void **state)
{
	char path[256], written[1400];
	struct store *s = open_ok(0);
	struct store_restore_info info;
	struct pb_error e = { 0 };

	(void)state;
	snprintf(path, sizeof path, "%s/small-pages.db", dir);
	assert_int_equal(store_backup(s, path, written, sizeof written, &e), PB_OK);
	store_close(s);
	exec_raw(path, "PRAGMA page_size = 1024; VACUUM");
	assert_int_equal(count_rows(path, "PRAGMA page_size"), 1024);
	assert_int_equal(store_restore(db, path, "x", &info, &e), PB_OK);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM action"), 2);
	assert_int_equal(count_rows(db, "PRAGMA page_size"), 4096);
}

static void test_restore_database_itself_is_usage(void **state)
{
	struct store_restore_info info;
	struct pb_error e = { 0 };

	(void)state;
	assert_int_equal(store_restore(db, db, "x", &info, &e), PB_USAGE);
}

/* ---- two writers ---- */

static void test_busy_timeout_from_environment(void **state)
{
	long id;
	struct store *a, *b;
	struct pb_error e = { 0 };
	time_t start;

	(void)state;
	setenv("PLANBENCH_BUSY_TIMEOUT_MS", "200", 1);
	a = open_ok(0);
	b = open_ok(0);
	assert_int_equal(store_find_action(b, "HIP-2627", "SQ5", &id, &e), PB_OK);
	assert_int_equal(store_begin(a, &e), PB_OK);
	start = time(NULL);
	assert_int_equal(store_add_update(b, id, NULL, "waits for the lock", &e), PB_BUSY);
	assert_true(time(NULL) - start < 3);
	assert_msg_has(&e, "busy");
	store_rollback(a);
	assert_int_equal(store_add_update(b, id, NULL, "gets the lock", &e), PB_OK);
	store_close(a);
	store_close(b);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM progress_update WHERE text = 'waits for the lock'"), 0);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM progress_update WHERE text = 'gets the lock'"), 1);
}

/* ---- privacy ---- */

static char *export_text(struct store *s, enum csvio_kind kind, unsigned flags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct pb_error e = { 0 };

	assert_non_null(f);
	assert_int_equal(store_export_with(s, kind, NULL, flags, f, &e), PB_OK);
	fclose(f);
	return text;
}

static void test_export_leaves_notes_out_unless_asked(void **state)
{
	struct store *s = open_ok(0);
	char *text;

	(void)state;
	text = export_text(s, CSVIO_UPDATES, 0);
	assert_non_null(strstr(text, "\nHIP-2627,SQ5,2025/26 Q4,2026-03-20,Simon Parry,\n"));
	assert_null(strstr(text, "Devices issued"));
	free(text);
	text = export_text(s, CSVIO_UPDATES, STORE_EXPORT_NOTES);
	assert_non_null(strstr(text, "Simon Parry,Devices issued to all operatives\n"));
	free(text);
	text = export_text(s, CSVIO_ENGAGEMENTS, 0);
	assert_null(strstr(text, "Mould in the flats"));
	assert_null(strstr(text, "Referred to the damp team"));
	assert_non_null(strstr(text, "Estate walkabout"));
	free(text);
	text = export_text(s, CSVIO_ENGAGEMENTS, STORE_EXPORT_NOTES);
	assert_non_null(strstr(text, "Walk round the estate,Mould in the flats,Referred to the damp team"));
	free(text);
	text = export_text(s, CSVIO_ACTIONS, 0);
	assert_non_null(strstr(text, "Mr Okafor"));
	free(text);
	assert_string_equal(store_export_notes(CSVIO_UPDATES), "text");
	assert_null(store_export_notes(CSVIO_ACTIONS));
	store_close(s);
}

struct hits {
	int n;
	char kinds[8][40], fields[8][40], refs[8][20], texts[8][200];
	long match[8];
};

static int collect(void *ctx, const struct person_hit *h)
{
	struct hits *x = ctx;

	if (x->n < 8) {
		snprintf(x->kinds[x->n], sizeof x->kinds[0], "%s", h->kind);
		snprintf(x->fields[x->n], sizeof x->fields[0], "%s", h->field);
		snprintf(x->refs[x->n], sizeof x->refs[0], "%s", h->ref);
		snprintf(x->texts[x->n], sizeof x->texts[0], "%s", h->text);
		x->match[x->n] = h->match;
	}
	x->n++;
	return PB_OK;
}

static struct hits search(struct store *s, const char *name)
{
	struct hits x = { 0 };
	long count = -1;
	struct pb_error e = { 0 };

	assert_int_equal(store_search_person(s, name, collect, &x, &count, &e), PB_OK);
	assert_int_equal(count, x.n);
	return x;
}

static void test_search_person(void **state)
{
	long id;
	struct store *s = open_ok(0);
	struct pb_error e = { 0 };
	struct hits x;

	(void)state;
	assert_int_equal(store_find_action(s, "HIP-2627", "SQ5", &id, &e), PB_OK);
	assert_int_equal(store_add_update(s, id, NULL, "Visited Zoë Gallagher at home about the repair", &e), PB_OK);
	assert_int_equal(store_set_rag(s, id, RAG_RED, "Complaint from Ms Gallagher", &e), PB_OK);
	assert_int_equal(store_set_rag(s, id, RAG_RED, "Supplier late", &e), PB_OK);

	x = search(s, "gallagher");
	assert_int_equal(x.n, 2);
	assert_string_equal(x.kinds[0], "progress update");
	assert_string_equal(x.refs[0], "SQ5");
	assert_int_equal(x.match[0], strlen("Visited Zoë "));
	assert_string_equal(x.kinds[1], "change log"); /* the RAG reason since changed */
	assert_string_equal(x.fields[1], "earlier rag_reason");

	x = search(s, "allag"); /* part of a name */
	assert_int_equal(x.n, 2);

	x = search(s, "Zoe Gallagher"); /* the index ignores accents */
	assert_int_equal(x.n, 1);
	assert_int_equal(x.match[0], -1);
	assert_non_null(strstr(x.texts[0], "Gallagher"));

	x = search(s, "okafor"); /* action text */
	assert_int_equal(x.n, 1);
	assert_string_equal(x.kinds[0], "action");
	assert_string_equal(x.fields[0], "description");

	x = search(s, "mould in"); /* engagement text */
	assert_int_equal(x.n, 1);
	assert_string_equal(x.refs[0], "ENG-001");
	assert_string_equal(x.fields[0], "you said");

	x = search(s, "Nobody Atall");
	assert_int_equal(x.n, 0);
	x = search(s, "100%_");
	assert_int_equal(x.n, 0);
	store_close(s);
}

/* ---- consistency checks ---- */

static void test_check_finds_unaudited_and_unowned(void **state)
{
	struct problem_list p = { "" };
	long problems = 0;
	struct store *s;
	struct pb_error e = { 0 };

	(void)state;
	exec_raw(db, "PRAGMA foreign_keys = OFF;"
		     "INSERT INTO progress_update(action_id, noted_on, text, created_at) VALUES ((SELECT min(id) FROM action), '2026-06-01', 'no audit', 'now');"
		     "INSERT INTO action_owner(action_id, officer_id, position, written_as) VALUES ((SELECT min(id) FROM action), 999, 9, 'Ghost Officer');"
		     "DROP TRIGGER audit_no_delete;");
	s = open_ok(0);
	assert_int_equal(store_check(s, note_problem, &p, &problems, &e), PB_OK);
	store_close(s);
	assert_non_null(strstr(p.text, "HIP-2627 SQ5: 2 progress updates but the audit trail records 1"));
	assert_non_null(strstr(p.text, "lead Ghost Officer is not a known officer"));
	assert_non_null(strstr(p.text, "(audit_no_delete) is missing"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_created_private_and_warned_when_shared),
		T(test_damaged_pages_refused),
		T(test_truncated_file_refused),
		T(test_text_file_refused),
		T(test_other_sqlite_database_refused),
		T(test_newer_schema_refused),
		T(test_empty_file_needs_init),
		T(test_daily_backup_on_open),
		T(test_daily_backup_in_background),
		T(test_background_check_refuses_damaged),
		T(test_daily_backup_at_most_once_and_seven_kept),
		T(test_no_backup_when_read_only),
		T(test_daily_backup_failure_is_a_notice),
		T(test_backup_to_file_never_replaces),
		T(test_backup_is_a_consistent_snapshot),
		T(test_restore_puts_backup_in_place_and_keeps_the_old),
		T(test_restore_refuses_bad_backups),
		T(test_restore_refuses_backup_that_fails_checks),
		T(test_restore_moves_damaged_database_aside),
		T(test_restore_other_page_size),
		T(test_restore_database_itself_is_usage),
		T(test_busy_timeout_from_environment),
		T(test_export_leaves_notes_out_unless_asked),
		T(test_search_person),
		T(test_check_finds_unaudited_and_unowned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
