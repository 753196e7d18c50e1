/* store.c — opening the database: file mode, pragmas, migrations with a backup first, the statement cache. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/settings.h"
#include "store/backup.h"
#include "store/internal.h"

#define STORE_BUSY_TIMEOUT_MS 5000

static int exec_sql(struct store *s, const char *sql, struct pb_error *e, const char *doing)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return PB_OK;
	sqlite3_free(msg);
	return store_sql_fail(s, e, doing);
}

void store_mark_damaged(struct store *s)
{
	s->damaged = true;
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
}

/* Says in plain words why a write reached no further than the disk allowed. */
static int write_failed(struct store *s, struct pb_error *e, const char *doing, int err)
{
	if (err == EFBIG)
		return pb_fail(e, PB_FAIL, "%s: could not write while %s: the file reached the largest size this account may write"
			       " (ulimit -f); nothing was changed — ask for the limit to be raised, then try again", s->path, doing);
	return pb_fail(e, PB_FAIL, "%s: the disk is full while %s; nothing was changed — free some space and try again", s->path, doing);
}

/* Whether the database or its WAL has grown to the largest file this process may write (ulimit -f): SQLite reports
 * the errno of its last system call, which is not always the write that failed with EFBIG. */
static bool at_size_limit(const char *path)
{
	struct rlimit rl;
	char wal[1100];
	struct stat st;
	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return false;
	snprintf(wal, sizeof wal, "%s-wal", path);
	for (int i = 0; i < 2; i++)
		if (stat(i ? wal : path, &st) == 0 && (unsigned long long)st.st_size + 65536 >= (unsigned long long)rl.rlim_cur)
			return true;
	return false;
}

int store_sql_fail(struct store *s, struct pb_error *e, const char *doing)
{
	int code = sqlite3_errcode(s->db);
	int base = code & 0xff;
	int err = sqlite3_system_errno(s->db);
	if (base == SQLITE_IOERR && err != EFBIG && at_size_limit(s->path))
		err = EFBIG;
	const char *msg = sqlite3_errmsg(s->db);
	if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		return pb_fail(e, PB_BUSY, "%s: the database is busy (another planbench is writing to it); try again in a moment", s->path);
	if (base == SQLITE_READONLY || (base == SQLITE_IOERR && err == EROFS))
		return pb_fail(e, PB_BUSY, "%s: the database is read-only; nothing was changed", s->path);
	if (base == SQLITE_FULL || (base == SQLITE_IOERR && (err == ENOSPC || err == EFBIG || err == EDQUOT)))
		return write_failed(s, e, doing, err);
	if (base == SQLITE_CORRUPT || base == SQLITE_NOTADB) {
		char advice[1500];
		store_mark_damaged(s);
		store_restore_advice(s->path, advice, sizeof advice);
		return pb_fail(e, PB_FAIL, "%s: the file is damaged or is not a planbench database (%s); nothing more was written to it"
			       " — %s", s->path, msg, advice);
	}
	if (base == SQLITE_IOERR)
		return pb_fail(e, PB_FAIL, "%s: the disk reported an error while %s (%s); nothing was changed — check the disk,"
			       " then run `planbench check`", s->path, doing, err ? strerror(err) : msg);
	if (base == SQLITE_CANTOPEN)
		return pb_fail(e, PB_FAIL, "%s: cannot open the database (%s); check that the folder exists and that you may write to it",
			       s->path, err ? strerror(err) : msg);
	if (base == SQLITE_TOOBIG)
		return pb_fail(e, PB_BAD_INPUT, "%s: a value is too large to store while %s; nothing was changed", s->path, doing);
	if (base == SQLITE_NOMEM)
		return pb_fail(e, PB_FAIL, "out of memory while %s; nothing was changed — close other programs and try again", doing);
	return pb_fail(e, PB_FAIL, "%s: %s: %s", s->path, doing, msg);
}

void store_notice_add(struct store *s, const char *fmt, ...)
{
	size_t n = strlen(s->notice);
	va_list ap;
	if (n && n + 1 < sizeof s->notice)
		s->notice[n++] = '\n', s->notice[n] = '\0';
	va_start(ap, fmt);
	vsnprintf(s->notice + n, sizeof s->notice - n, fmt, ap);
	va_end(ap);
}

const char *store_notice(const struct store *s)
{
	return s->notice;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct pb_error *e)
{
	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	}
	/* Every statement is a literal of this program, so the cache is sized to hold them all. */
	if (s->ncache == STORE_MAX_STMTS) {
		pb_fail(e, PB_FAIL, "internal error: more than %d distinct queries; raise STORE_MAX_STMTS", STORE_MAX_STMTS);
		return NULL;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		store_sql_fail(s, e, "preparing a query");
		return NULL;
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].stmt = st;
	s->ncache++;
	return st;
}

long store_one_int(sqlite3_stmt *st)
{
	long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return v;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *store_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

const char *store_col_or_null(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int store_begin(struct store *s, struct pb_error *e)
{
	if (s->read_only)
		return pb_fail(e, PB_BUSY, "%s: opened read-only; nothing can be changed", s->path);
	if (s->daily && store_backup_daily_poll(s, false, e) != PB_OK) /* its check found the file damaged */
		return e->status;
	if (s->damaged) {
		char advice[1500];
		store_restore_advice(s->path, advice, sizeof advice);
		return pb_fail(e, PB_FAIL, "%s: the file is damaged, so nothing is written to it — %s", s->path, advice);
	}
	int status = exec_sql(s, s->depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE", e, "starting a change");
	if (status == PB_OK)
		s->depth++;
	return status;
}

/* Resets every cached statement: one left mid-result would keep its read snapshot open after the
 * transaction ends, hiding other writers' changes and holding back checkpoints. */
static void reset_cached(struct store *s)
{
	for (int i = 0; i < s->ncache; i++)
		sqlite3_reset(s->cache[i].stmt);
}

int store_commit(struct store *s, struct pb_error *e)
{
	if (s->depth > 1) {
		s->depth--;
		if (exec_sql(s, "RELEASE nested", e, "saving") != PB_OK)
			return e->status;
		return store_sync_capture_piece(s, e);
	}
	if (store_sync_capture(s, e) != PB_OK) {
		store_rollback(s);
		return e->status;
	}
	reset_cached(s);
	if (exec_sql(s, "COMMIT", e, "saving") != PB_OK) {
		store_rollback(s);
		return e ? e->status : PB_FAIL;
	}
	s->depth = 0;
	return PB_OK;
}

void store_rollback(struct store *s)
{
	if (s->depth > 1) {
		sqlite3_exec(s->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
		s->depth--;
		return;
	}
	store_sync_discard(s);
	reset_cached(s);
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->depth = 0;
}

int store_finish(struct store *s, int status, struct pb_error *e)
{
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

int store_step_write(struct store *s, sqlite3_stmt *st, const char *doing, struct pb_error *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, doing);
}

/* pb_rag(status, completed_on, due_state, due_on, pushed_back): the computed RAG letter. */
static void sql_rag(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc;
	const char *status = (const char *)sqlite3_value_text(argv[0]);
	const char *due_state = (const char *)sqlite3_value_text(argv[2]);
	const char *due_on = (const char *)sqlite3_value_text(argv[3]);
	struct rag_facts f = {0};
	f.complete = (status && strcmp(status, "complete") == 0) || sqlite3_value_type(argv[1]) != SQLITE_NULL ||
		     (due_state && strcmp(due_state, "complete") == 0);
	f.has_due = due_on && date_parse_iso(due_on, &f.due);
	f.pushed_back_this_quarter = sqlite3_value_int(argv[4]) != 0;
	char letter = (char)rag_compute(&f, s->today, &s->rules);
	sqlite3_result_text(ctx, &letter, 1, SQLITE_TRANSIENT);
}

/* pb_rag_mismatch(set, computed): 1 when the officer's RAG disagrees with the computed one. */
static void sql_rag_mismatch(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	enum rag set = rag_from_text((const char *)sqlite3_value_text(argv[0]));
	enum rag computed = rag_from_text((const char *)sqlite3_value_text(argv[1]));
	sqlite3_result_int(ctx, rag_mismatch(set, computed));
}

/* pb_quarter_start(): first day of today's financial quarter. */
static void sql_quarter_start(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	struct date first, last;
	char iso[DATE_ISO_LEN];
	(void)argc, (void)argv;
	date_quarter_bounds(s->today, &first, &last);
	date_format_iso(first, iso);
	sqlite3_result_text(ctx, iso, -1, SQLITE_TRANSIENT);
}

/* Creates the file with mode 0600 so notes about tenants are readable by their owner only. */
static int create_private_file(const char *path, struct pb_error *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno != EEXIST)
		return pb_fail(e, PB_FAIL, "%s: cannot create the database (%s)", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return PB_OK;
}

/* Size of a file beside path ("-wal", "-journal"); 0 when there is none. */
static off_t side_file_size(const char *path, const char *suffix)
{
	char side[1100];
	struct stat st;
	snprintf(side, sizeof side, "%s%s", path, suffix);
	return stat(side, &st) == 0 ? st.st_size : 0;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

int store_file_check(const char *path, const char *not_ours, struct pb_error *e)
{
	const char *label = path;
	unsigned char h[100];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pb_fail(e, PB_FAIL, "%s: cannot read the file (%s)", label, strerror(errno));
	ssize_t n = fstat(fd, &st) == 0 ? read(fd, h, sizeof h) : -1;
	close(fd);
	if (n < 0)
		return pb_fail(e, PB_FAIL, "%s: cannot read the file (%s)", label, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return pb_fail(e, PB_FAIL, "%s is not a file; give the path of a planbench database", label);
	if (n == 0)
		return PB_OK;
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return pb_fail(e, PB_FAIL, "%s is not a planbench database (it is not a database file at all); nothing was changed"
			       " — %s", label, not_ours);
	char advice[1500];
	store_restore_advice(path, advice, sizeof advice);
	unsigned long page = (unsigned long)h[16] << 8 | h[17];
	page = page == 1 ? 65536 : page;
	if (page < 512 || (page & (page - 1)) != 0)
		return pb_fail(e, PB_FAIL, "%s: the file is damaged (its header is not readable); nothing was changed — %s", label, advice);
	/* With a journal or WAL beside it the file may legitimately lag its header until SQLite recovers it. */
	if (side_file_size(path, "-wal") > 0 || side_file_size(path, "-journal") > 0)
		return PB_OK;
	unsigned long pages = be32(h + 28);
	bool pages_valid = pages > 0 && memcmp(h + 24, h + 92, 4) == 0;
	if ((pages_valid && (unsigned long long)st.st_size < (unsigned long long)pages * page) || st.st_size % (off_t)page != 0)
		return pb_fail(e, PB_FAIL, "%s: the file is damaged — it has been cut short (%lld bytes where %llu were written);"
			       " nothing was changed — %s",
			       label, (long long)st.st_size, pages_valid ? (unsigned long long)pages * page : 0ULL, advice);
	return PB_OK;
}

long store_query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_check_planbench(sqlite3 *db, const char *label, const char *not_ours, int *version, struct pb_error *e)
{
	long v = store_query_int(db, "PRAGMA user_version");
	long tables = store_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
	long ours = store_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('setting','plan','action','audit')");
	*version = (int)v;
	if (v < 0 || tables < 0 || ours < 0)
		return pb_fail(e, PB_FAIL, "%s: the file is damaged or is not a planbench database (%s); nothing was changed",
			       label, sqlite3_errmsg(db));
	if (v > store_schema_latest())
		return pb_fail(e, PB_FAIL, "%s: made by a newer planbench (schema %ld; this one knows up to %d); use the newer program — nothing was changed",
			       label, v, store_schema_latest());
	if ((v == 0 && tables > 0) || (v > 0 && ours < 4))
		return pb_fail(e, PB_FAIL, "%s is an SQLite database, but not a planbench one (its tables are not planbench's);"
			       " nothing was changed — %s", label, not_ours);
	return PB_OK;
}

static int user_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Copies the database to path.bak-vN before a migration changes it. */
static int backup_before_migrating(struct store *s, int version, struct pb_error *e)
{
	char bak[1100];
	snprintf(bak, sizeof bak, "%s.bak-v%d", s->path, version);
	if (create_private_file(bak, e) != PB_OK)
		return e->status;
	sqlite3 *to = NULL;
	int rc = sqlite3_open(bak, &to);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", s->db, "main") : NULL;
	if (b) {
		sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	rc = sqlite3_errcode(to);
	sqlite3_close(to);
	if (!b || rc != SQLITE_OK)
		return pb_fail(e, PB_FAIL, "%s: could not back up to %s before upgrading; nothing was changed", s->path, bak);
	return PB_OK;
}

static int migrate(struct store *s, int flags, struct pb_error *e)
{
	int v = user_version(s);
	int latest = store_schema_latest();
	if (v < 0)
		return store_sql_fail(s, e, "reading the schema version");
	if (v > latest)
		return pb_fail(e, PB_FAIL, "%s: made by a newer planbench (schema %d; this one knows up to %d); use the newer program — nothing was changed",
			       s->path, v, latest);
	if (v == latest)
		return PB_OK;
	if (s->read_only)
		return pb_fail(e, PB_BUSY, "%s: needs upgrading to schema %d, which a read-only open cannot do", s->path, latest);
	if (v > 0 && !(flags & STORE_OPEN_SCRATCH) && backup_before_migrating(s, v, e) != PB_OK)
		return e->status;
	if (store_begin(s, e) != PB_OK)
		return e->status;
	for (; v < latest; v++) {
		char pragma[64];
		if (exec_sql(s, store_schema_migration(v), e, "creating the tables") != PB_OK)
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec_sql(s, pragma, e, "recording the schema version") != PB_OK)
			goto fail;
	}
	return store_commit(s, e);
fail:
	store_rollback(s);
	return e->status;
}

/* The RAG rules from the database's settings; a value that is not a valid one (written by hand with sqlite3) keeps
 * the default, and `planbench settings` reports it. */
static void read_settings(struct store *s)
{
	sqlite3_stmt *st;
	s->rules = rag_default_rules();
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM setting WHERE key = 'rag.amber_days'", -1, &st, NULL) != SQLITE_OK)
		return;
	const char *value = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	char days[16], why[256];
	if (value && settings_data_check("rag.amber_days", value, days, sizeof days, why, sizeof why))
		s->rules.amber_days = atoi(days);
	sqlite3_finalize(st);
}

/* How long a write waits for another planbench to finish: PLANBENCH_BUSY_TIMEOUT_MS, else 5 seconds. */
static int busy_timeout_ms(void)
{
	const char *env = getenv("PLANBENCH_BUSY_TIMEOUT_MS");
	char *end;
	long ms = env && *env ? strtol(env, &end, 10) : -1;
	return env && *env && *end == '\0' && ms >= 0 && ms <= 3600000 ? (int)ms : STORE_BUSY_TIMEOUT_MS;
}

/* Settings, and the checks that must pass before anything is written: a database, planbench's, not newer.
 * *version gets the schema version found. WAL with synchronous FULL: a saved change survives a crash or power cut. */
static int configure(struct store *s, int flags, bool in_memory, int *version, struct pb_error *e)
{
	sqlite3_busy_timeout(s->db, busy_timeout_ms());
	sqlite3_extended_result_codes(s->db, 1);
	/* A 16 MB page cache (SQLite's default is 2 MB): the pages of an officer's 8,000 actions at 100,000 stay in it
	 * from one key to the next instead of being read from the file again. */
	if (exec_sql(s, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384", e, "configuring") != PB_OK)
		return e->status;
	/* Reading the schema tells a file that is not a database apart from an empty one. */
	if (exec_sql(s, "SELECT count(*) FROM sqlite_schema", e, "reading the database") != PB_OK)
		return e->status;
	if (store_check_planbench(s->db, s->path, STORE_NOT_OURS_DB, version, e) != PB_OK)
		return e->status;
	if (*version == 0 && !in_memory && !(flags & STORE_CREATE))
		return pb_fail(e, PB_FAIL, "%s is empty, not a planbench database; create one with `planbench init`", s->path);
	if (!s->read_only && exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", e, "configuring") != PB_OK)
		return e->status;
	sqlite3_create_function(s->db, "pb_rag", 5, SQLITE_UTF8, s, sql_rag, NULL, NULL);
	sqlite3_create_function(s->db, "pb_rag_mismatch", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_rag_mismatch, NULL, NULL);
	sqlite3_create_function(s->db, "pb_quarter_start", 0, SQLITE_UTF8, s, sql_quarter_start, NULL, NULL);
	return PB_OK;
}

/* A notice when other users may read or change the file: notes can hold personal data about tenants. */
static void warn_if_shared(struct store *s)
{
	struct stat st;
	if (stat(s->path, &st) != 0 || st.st_uid != getuid() || !(st.st_mode & (S_IRWXG | S_IRWXO)))
		return;
	store_notice_add(s, "%s can be %s by other users (mode %04o); it may hold personal data about tenants — run `chmod 600 %s`",
			 s->path, st.st_mode & (S_IWGRP | S_IWOTH) ? "read or changed" : "read", (unsigned)(st.st_mode & 07777), s->path);
}

int store_open(const char *path, int flags, struct store **out, struct pb_error *e)
{
	struct store *s = calloc(1, sizeof *s);
	if (!s)
		return pb_fail(e, PB_FAIL, "out of memory");
	snprintf(s->path, sizeof s->path, "%s", path);
	s->read_only = flags & STORE_READ_ONLY;
	store_set_actor(s, NULL);
	s->today = date_from_days(0);
	s->rules = rag_default_rules();
	*out = NULL;
	bool in_memory = strcmp(path, ":memory:") == 0; /* for tests */
	if (strlen(path) >= sizeof s->path - 80) {
		free(s);
		return pb_fail(e, PB_USAGE, "the database path is too long (%zu characters); use a shorter one", strlen(path));
	}
	if (!in_memory && access(path, F_OK) == 0 && store_file_check(path, STORE_NOT_OURS_DB, e) != PB_OK) {
		free(s);
		return e->status;
	}
	if (!in_memory && access(path, F_OK) != 0) {
		if (!(flags & STORE_CREATE)) {
			free(s);
			return pb_fail(e, PB_FAIL, "%s: no database there; create one with `planbench init` (or `planbench init --demo` for the demo data)", path);
		}
		if (create_private_file(path, e) != PB_OK) {
			free(s);
			return e->status;
		}
	}
	int oflags = s->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int status = PB_OK, version = 0;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK)
		status = store_sql_fail(s, e, "opening");
	if (status == PB_OK)
		status = configure(s, flags, in_memory, &version, e);
	if (status == PB_OK)
		status = migrate(s, flags, e);
	if (status == PB_OK)
		status = store_sync_open(s, flags, e);
	if (status == PB_OK)
		status = exec_sql(s, store_schema_audit_triggers(), e, "setting up the audit trail");
	if (status == PB_OK && !in_memory)
		warn_if_shared(s);
	if (status == PB_OK && !in_memory && !s->read_only && version > 0 && !(flags & STORE_OPEN_SCRATCH))
		status = flags & STORE_BACKUP_LATER ? store_backup_daily_start(s, e) : store_backup_daily(s, e);
	if (status != PB_OK) {
		store_close(s);
		return status;
	}
	read_settings(s);
	store_set_actor(s, s->actor);
	*out = s;
	return PB_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	store_backup_daily_end(s);
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	store_sync_close(s);
	sqlite3_close(s->db);
	free(s);
}

void store_set_actor(struct store *s, const char *who)
{
	if (who != s->actor)
		snprintf(s->actor, sizeof s->actor, "%s", who && *who ? who : "unknown");
	if (!s->db)
		return;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "UPDATE temp.actor SET who = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, s->actor, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
}

const char *store_actor(const struct store *s)
{
	return s->actor;
}

void store_set_today(struct store *s, struct date today)
{
	s->today = today;
}

struct date store_today(const struct store *s)
{
	return s->today;
}

struct rag_rules store_rag_rules(const struct store *s)
{
	return s->rules;
}

int store_schema_version(void)
{
	return store_schema_latest();
}

const char *store_sqlite_version(void)
{
	return sqlite3_libversion();
}
