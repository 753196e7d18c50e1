/* backup.c — copies of the database: online backups, the daily automatic ones (the last seven kept), restore after checking. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/backup.h"
#include "store/internal.h"
#include "store/sync.h"
#include "store/progress.h"

#define PATH_LEN 1400
#define COPY_STEP_PAGES 256 /* pages copied between two looks at the progress hook */

/* Formats a path into out (PATH_LEN bytes); false, with out cut short, when it does not fit. */
static bool path_fmt(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool path_fmt(char *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, PATH_LEN, fmt, ap);
	va_end(ap);
	return n >= 0 && n < PATH_LEN;
}

void store_backups_dir(const char *db_path, char *out, size_t len)
{
	snprintf(out, len, "%s.backups", db_path);
}

/* Makes the backups folder, readable by its owner only, when it is missing. */
static int make_private_dir(const char *dir, struct pb_error *e)
{
	struct stat st;
	if (mkdir(dir, 0700) == 0)
		return PB_OK;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return PB_OK;
	return pb_fail(e, PB_FAIL, "cannot create the backups folder %s (%s)", dir, strerror(errno));
}

/* The local date ("2026-06-09"), or date and time ("2026-06-09T101500"). */
static void stamp(char *out, size_t len, bool with_time)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, len, with_time ? "%Y-%m-%dT%H%M%S" : "%Y-%m-%d", &tm);
}

/* Runs SQLite's integrity check (quick_check unless full) on db; returns the SQLite result code of the
 * step (SQLITE_ROW when it ran) and puts its first line, or the error, in out ("ok" when healthy). */
static int health(sqlite3 *db, bool full, char *out, size_t len)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	const unsigned char *line = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	snprintf(out, len, "%s", line ? (const char *)line : sqlite3_errmsg(db));
	for (char *nl = strchr(out, '\n'); nl; nl = strchr(nl, '\n'))
		*nl = ' ';
	if (rc != SQLITE_ROW)
		rc = sqlite3_extended_errcode(db);
	sqlite3_finalize(st);
	return rc;
}

/* Removes a copy and anything SQLite may have left beside it. */
static void remove_copy(const char *path)
{
	static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
	char p[PATH_LEN];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		path_fmt(p, "%s%s", path, sides[i]);
		unlink(p);
	}
}

/* Flushes the folder holding path, so a rename or link into it survives a power cut. */
static void sync_dir_of(const char *path)
{
	char dir[PATH_LEN];
	path_fmt(dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		slash[slash == dir] = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* The message for a copy to path that failed with SQLite result rc (system errno err, SQLite message msg). */
static int copy_failed(const char *path, const char *src_label, int rc, int err, const char *msg, struct pb_error *e)
{
	int base = rc & 0xff;
	if (base == SQLITE_FULL || err == ENOSPC || err == EFBIG || err == EDQUOT)
		return pb_fail(e, PB_FAIL, "%s: no room to write the backup (%s); nothing was changed — free some space and try again",
			       path, err == EFBIG ? "the file-size limit was reached" : "the disk is full");
	if (base == SQLITE_CORRUPT || base == SQLITE_NOTADB)
		return pb_fail(e, PB_FAIL, "%s is damaged (%s), so it could not be copied", src_label, msg);
	if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		return pb_fail(e, PB_BUSY, "%s is busy; try again in a moment", src_label);
	return pb_fail(e, PB_FAIL, "%s: the backup could not be written (%s)", path, msg);
}

/* Copies every page into the backup: in one step, or when h watches, in steps of COPY_STEP_PAGES inside one read
 * transaction of src (so still one consistent snapshot), telling h of the pages copied; *stopped when h says stop. */
static int copy_pages(sqlite3 *src, sqlite3_backup *b, const struct progress_hook *h, int *pages, bool *stopped)
{
	*stopped = false;
	if (!h)
		return sqlite3_backup_step(b, -1);
	bool reading = sqlite3_get_autocommit(src) && sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (reading)
		sqlite3_exec(src, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL); /* the snapshot starts here */
	int rc;
	do {
		rc = sqlite3_backup_step(b, COPY_STEP_PAGES);
		*pages = sqlite3_backup_pagecount(b);
		*stopped = progress_step(h, *pages - sqlite3_backup_remaining(b), *pages) != PB_OK;
	} while (rc == SQLITE_OK && !*stopped);
	if (reading)
		sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* store_backup_copy, telling h of the pages copied; stopped by h, no file is left and PB_INTERRUPTED returned. */
static int backup_copy_with(sqlite3 *src, const char *src_label, const char *path, const char *shown, bool full,
			    const struct progress_hook *h, struct pb_error *e)
{
	bool stopped = false;
	int pages = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) { /* path may be a temporary name beside the backup: the user named shown, in that folder */
		int err = errno;
		char dir[PATH_LEN];
		const char *slash = strrchr(shown, '/');
		path_fmt(dir, "%.*s", slash ? (int)(slash == shown ? 1 : slash - shown) : 1, slash ? shown : ".");
		return pb_fail(e, PB_FAIL, "%s: cannot create the backup in the folder %s (%s); nothing was written — give a path in"
			       " a folder that exists and you can write to", shown, dir, strerror(err));
	}
	close(fd);
	sqlite3 *to = NULL;
	char msg[300] = "";
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE, NULL), err = 0;
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", src, "main") : NULL;
	if (b) {
		/* Every page inside one read transaction: a consistent snapshot even while others write. */
		rc = copy_pages(src, b, h, &pages, &stopped);
		sqlite3_backup_finish(b);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(to);
	}
	if (stopped) {
		sqlite3_close(to);
		remove_copy(path);
		return pb_fail(e, PB_INTERRUPTED, "%s: the backup was stopped; nothing was written", path);
	}
	if (rc != SQLITE_OK) {
		err = sqlite3_system_errno(to);
		snprintf(msg, sizeof msg, "%s", sqlite3_errstr(rc));
	}
	/* A self-contained file: the rollback journal, so no -wal file is needed beside it. */
	if (rc == SQLITE_OK && (rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK) {
		err = sqlite3_system_errno(to);
		snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(to));
	}
	if (rc == SQLITE_OK && (health(to, full, msg, sizeof msg) != SQLITE_ROW || strcmp(msg, "ok") != 0))
		rc = SQLITE_CORRUPT;
	sqlite3_close(to);
	if (rc == SQLITE_OK && progress_step(h, pages, pages) != PB_OK) { /* a last look after the check, before it is kept */
		remove_copy(path);
		return pb_fail(e, PB_INTERRUPTED, "%s: the backup was stopped; nothing was written", path);
	}
	if (rc != SQLITE_OK) {
		remove_copy(path);
		return copy_failed(path, src_label, rc, err, msg, e);
	}
	return PB_OK;
}

int store_backup_copy(sqlite3 *src, const char *src_label, const char *path, bool full, struct pb_error *e)
{
	return backup_copy_with(src, src_label, path, path, full, NULL, e);
}

/* Copies under a temporary name beside path, then links it into place: a copy that fails or is cut
 * short never appears under path, and an existing file is never replaced. */
static int write_backup(sqlite3 *src, const char *src_label, const char *path, bool full, const struct progress_hook *h,
			struct pb_error *e)
{
	char tmp[PATH_LEN];
	if (!path_fmt(tmp, "%s.tmp-%ld", path, (long)getpid()))
		return pb_fail(e, PB_USAGE, "%s: the path is too long", path);
	remove_copy(tmp);
	if (backup_copy_with(src, src_label, tmp, path, full, h, e) != PB_OK)
		return e->status;
	int rc = link(tmp, path), err = errno;
	if (rc != 0 && err != EEXIST && access(path, F_OK) != 0) /* a file system without hard links */
		rc = rename(tmp, path), err = errno;
	remove_copy(tmp);
	if (rc != 0)
		return pb_fail(e, PB_FAIL, "%s: %s", path, err == EEXIST ? "already exists; a backup never replaces a file" : strerror(err));
	sync_dir_of(path);
	return PB_OK;
}

/* An automatic daily backup: auto-YYYY-MM-DD.db. */
static int is_auto_backup(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n == strlen("auto-YYYY-MM-DD.db") && strncmp(d->d_name, "auto-", 5) == 0 && strcmp(d->d_name + n - 3, ".db") == 0;
}

/* A temporary copy ("….tmp-PID") whose process has gone: left by a planbench that was killed. */
static int is_stale_temp(const struct dirent *d)
{
	const char *t = strstr(d->d_name, ".tmp-");
	char *end;
	long pid = t ? strtol(t + 5, &end, 10) : 0;
	return pid > 0 && *end == '\0' && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the names in dir that filter picks, all but the last `keep` in name order. */
static void remove_matching(const char *dir, int (*filter)(const struct dirent *), int keep)
{
	struct dirent **names;
	char path[PATH_LEN];
	int n = scandir(dir, &names, filter, alphasort);
	for (int i = 0; i < n; i++) {
		if (i < n - keep) {
			path_fmt(path, "%s/%s", dir, names[i]->d_name);
			remove_copy(path);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* The newest automatic backup in dir, or "" when there is none; out holds PATH_LEN bytes. */
static void newest_auto_backup(const char *dir, char out[PATH_LEN])
{
	struct dirent **names;
	int n = scandir(dir, &names, is_auto_backup, alphasort);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i == n - 1)
			path_fmt(out, "%s/%s", dir, names[i]->d_name);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* What a daily backup came to: made (or there already was one today), not made (notice says why), or not made because
 * SQLite's quick check found the database damaged (why says what it found). */
enum daily_outcome { DAILY_DONE, DAILY_NOTICE, DAILY_DAMAGED };

struct daily {
	enum daily_outcome outcome;
	char text[600]; /* the notice, or what the check found */
};

/* Today's automatic backup of the database behind db (at db_path), after a quick check, unless there is one; the
 * newest STORE_BACKUPS_KEPT kept. */
static void daily_backup(sqlite3 *db, const char *db_path, struct daily *r)
{
	char dir[PATH_LEN], path[PATH_LEN], day[32];
	struct pb_error be = {0};
	store_backups_dir(db_path, dir, sizeof dir);
	stamp(day, sizeof day, false);
	path_fmt(path, "%s/auto-%s.db", dir, day);
	r->outcome = DAILY_DONE;
	if (access(path, F_OK) == 0)
		return;
	if (make_private_dir(dir, &be) != PB_OK) {
		r->outcome = DAILY_NOTICE;
		snprintf(r->text, sizeof r->text, "no daily backup was made: %.500s", be.msg);
		return;
	}
	int rc = health(db, false, r->text, sizeof r->text);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		r->outcome = DAILY_NOTICE;
		snprintf(r->text, sizeof r->text, "no daily backup was made: the database is busy");
		return;
	}
	if (rc != SQLITE_ROW || strcmp(r->text, "ok") != 0) {
		r->outcome = DAILY_DAMAGED;
		return;
	}
	if (write_backup(db, db_path, path, false, NULL, &be) != PB_OK) {
		r->outcome = access(path, F_OK) != 0 ? DAILY_NOTICE : DAILY_DONE; /* or made meanwhile by another planbench */
		snprintf(r->text, sizeof r->text, "no daily backup was made: %.500s", be.msg);
		return;
	}
	remove_matching(dir, is_auto_backup, STORE_BACKUPS_KEPT);
	remove_matching(dir, is_stale_temp, 0);
}

void store_restore_advice(const char *db_path, char *out, size_t len)
{
	char dir[PATH_LEN], newest[PATH_LEN];
	store_backups_dir(db_path, dir, sizeof dir);
	newest_auto_backup(dir, newest);
	if (*newest)
		snprintf(out, len, "restore the newest backup with `planbench restore %s`", newest);
	else
		snprintf(out, len, "restore a backup with `planbench restore FILE`");
}

/* Refuses a database SQLite's quick check finds damaged. */
static int refuse_damaged(struct store *s, const char *why, struct pb_error *e)
{
	char advice[PATH_LEN + 64];
	store_mark_damaged(s);
	store_restore_advice(s->path, advice, sizeof advice);
	return pb_fail(e, PB_FAIL, "%s: the database is damaged (SQLite's check says: %.200s); nothing was changed — %s", s->path, why,
		       advice);
}

/* Tells s what a daily backup came to: a notice, or (damaged) the error that refuses every write from now on. */
static int daily_apply(struct store *s, const struct daily *r, struct pb_error *e)
{
	if (r->outcome == DAILY_NOTICE)
		store_notice_add(s, "%s", r->text);
	return r->outcome == DAILY_DAMAGED ? refuse_damaged(s, r->text, e) : PB_OK;
}

int store_backup_daily(struct store *s, struct pb_error *e)
{
	struct daily r = {0};
	daily_backup(s->db, s->path, &r);
	return daily_apply(s, &r, e);
}

/* ---- the daily backup in the background (STORE_BACKUP_LATER) ---- */

/* A daily backup taken by a thread on a connection of its own: the file is read in one consistent snapshot while the
 * program goes on reading and writing through its own connection (WAL lets both). */
struct store_daily_job {
	pthread_t thread;
	pthread_mutex_t lock;
	char path[PATH_LEN];
	bool finished; /* the thread is done and r is final (under lock) */
	bool taken;    /* the result was handed to the store (the store's thread only) */
	struct daily r;
};

static void *daily_thread(void *arg)
{
	struct store_daily_job *j = arg;
	sqlite3 *db = NULL;
	struct daily r = {.outcome = DAILY_NOTICE};
	snprintf(r.text, sizeof r.text, "no daily backup was made: %.400s could not be opened a second time", j->path);
	if (sqlite3_open_v2(j->path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		daily_backup(db, j->path, &r);
	}
	sqlite3_close(db);
	pthread_mutex_lock(&j->lock);
	j->finished = true;
	j->r = r;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

int store_backup_daily_start(struct store *s, struct pb_error *e)
{
	char dir[PATH_LEN], path[PATH_LEN], day[32];
	store_backups_dir(s->path, dir, sizeof dir);
	stamp(day, sizeof day, false);
	path_fmt(path, "%s/auto-%s.db", dir, day);
	if (access(path, F_OK) == 0 || s->daily)
		return PB_OK;
	struct store_daily_job *j = calloc(1, sizeof *j);
	if (!j || !sqlite3_threadsafe() || pthread_mutex_init(&j->lock, NULL) != 0) {
		free(j);
		return store_backup_daily(s, e); /* no thread to be had: now, as the command line does */
	}
	path_fmt(j->path, "%s", s->path);
	if (pthread_create(&j->thread, NULL, daily_thread, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j);
		return store_backup_daily(s, e);
	}
	s->daily = j;
	return PB_OK;
}

bool store_backup_daily_running(const struct store *s)
{
	return s->daily && !s->daily->taken;
}

/* Waits for the job and hands its result to the store, once. */
static int daily_take(struct store *s, struct pb_error *e)
{
	struct store_daily_job *j = s->daily;
	pthread_join(j->thread, NULL);
	j->taken = true;
	return daily_apply(s, &j->r, e);
}

int store_backup_daily_poll(struct store *s, bool wait, struct pb_error *e)
{
	struct store_daily_job *j = s->daily;
	if (!j)
		return PB_OK;
	if (j->taken) /* a damaged file stays so */
		return j->r.outcome == DAILY_DAMAGED ? refuse_damaged(s, j->r.text, e) : PB_OK;
	pthread_mutex_lock(&j->lock);
	bool finished = j->finished;
	pthread_mutex_unlock(&j->lock);
	return finished || wait ? daily_take(s, e) : PB_OK;
}

void store_backup_daily_end(struct store *s)
{
	struct store_daily_job *j = s->daily;
	if (!j)
		return;
	if (!j->taken)
		pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	free(j);
	s->daily = NULL;
}

int store_backup(struct store *s, const char *out_path, char *written, size_t len, struct pb_error *e)
{
	return store_backup_progress(s, out_path, NULL, written, len, e);
}

int store_backup_progress(struct store *s, const char *out_path, const struct progress_hook *h, char *written, size_t len,
			  struct pb_error *e)
{
	char dir[PATH_LEN], path[PATH_LEN], when[32];
	if (out_path) {
		if (!path_fmt(path, "%s", out_path))
			return pb_fail(e, PB_USAGE, "the backup path is too long (%zu characters)", strlen(out_path));
	} else {
		store_backups_dir(s->path, dir, sizeof dir);
		if (make_private_dir(dir, e) != PB_OK)
			return e->status;
		stamp(when, sizeof when, true);
		path_fmt(path, "%s/manual-%s.db", dir, when);
		for (int i = 2; access(path, F_OK) == 0 && i < 100; i++)
			path_fmt(path, "%s/manual-%s-%d.db", dir, when, i);
	}
	if (access(path, F_OK) == 0)
		return pb_fail(e, PB_BAD_INPUT, "%s already exists; a backup never replaces a file — choose another name", path);
	if (write_backup(s->db, s->path, path, true, h, e) != PB_OK)
		return e->status;
	snprintf(written, len, "%s", path);
	return PB_OK;
}

/* ---- restore ---- */

/* What store_check found in a backup: its first problem is enough to refuse it. */
struct problems {
	char first[400];
};

static int keep_first_problem(void *ctx, const char *problem)
{
	struct problems *p = ctx;
	if (!p->first[0])
		snprintf(p->first, sizeof p->first, "%s", problem);
	return PB_OK;
}

/* Re-labels a failure to check the backup: bad input, and nothing was changed. */
static int bad_backup(const char *file, struct pb_error *e)
{
	char msg[sizeof e->msg];
	snprintf(msg, sizeof msg, "%s", e->msg);
	return pb_fail(e, e->status == PB_BUSY ? PB_BUSY : PB_BAD_INPUT, "cannot restore %s: %s%s", file, msg,
		       strstr(msg, "nothing was changed") ? "" : "; nothing was changed");
}

/* Records the restore in the copy's audit trail, so the restored database says who restored it and from what. */
static int audit_restore(struct store *t, const char *file, const char *who, struct pb_error *e)
{
	static const char sql[] = "INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)"
				  " VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, 'database', NULL, 'restore', NULL, ?2)";
	if (store_begin(t, e) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(t, sql, e);
	int status = st ? PB_OK : e->status;
	if (st) {
		store_bind_text(st, 1, who && *who ? who : "unknown");
		store_bind_text(st, 2, file);
		if (sqlite3_step(st) != SQLITE_DONE)
			status = store_sql_fail(t, e, "recording the restore");
		sqlite3_reset(st);
	}
	if (status != PB_OK) {
		store_rollback(t);
		return status;
	}
	return store_commit(t, e);
}

/* Checks the scratch copy as a planbench database: it opens (migrating an older schema), store_check finds
 * no problem; then fills info and records the restore. Leaves it a self-contained file. */
static int check_copy(const char *tmp, const char *file, const char *who, struct store_restore_info *info, struct pb_error *e)
{
	struct store *t;
	struct problems p = {""};
	long problems = 0;
	if (store_open(tmp, STORE_OPEN_SCRATCH, &t, e) != PB_OK)
		return e->status;
	int status = store_check(t, keep_first_problem, &p, &problems, e);
	if (status == PB_OK && problems > 0)
		status = pb_fail(e, PB_FAIL, "it fails the consistency checks (%ld problem%s; the first: %s)", problems,
				 problems == 1 ? "" : "s", p.first);
	if (status == PB_OK) {
		info->schema = (int)store_query_int(t->db, "PRAGMA user_version");
		info->plans = store_query_int(t->db, "SELECT count(*) FROM plan");
		info->actions = store_query_int(t->db, "SELECT count(*) FROM action");
		info->updates = store_query_int(t->db, "SELECT count(*) FROM progress_update");
		info->engagements = store_query_int(t->db, "SELECT count(*) FROM engagement");
		status = audit_restore(t, file, who, e);
	}
	/* Its change numbers went back in time: a fresh identity keeps them from repeating ones already sent. */
	struct sync_identity fresh;
	if (status == PB_OK)
		status = store_sync_new_identity(t, &fresh, e);
	if (status == PB_OK && sqlite3_exec(t->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		status = store_sql_fail(t, e, "preparing the copy");
	store_close(t);
	return status;
}

/* Makes tmp a checked copy of the backup in file. */
static int copy_checked(const char *file, const char *tmp, const char *who, struct store_restore_info *info, struct pb_error *e)
{
	sqlite3 *src = NULL;
	int version = 0;
	if (store_file_check(file, STORE_NOT_OURS_BACKUP, e) != PB_OK)
		return bad_backup(file, e);
	int status = PB_OK;
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		status = pb_fail(e, PB_FAIL, "cannot open it (%s)", sqlite3_errmsg(src));
	if (status == PB_OK)
		status = store_check_planbench(src, file, STORE_NOT_OURS_BACKUP, &version, e);
	if (status == PB_OK && version == 0)
		status = pb_fail(e, PB_FAIL, "it holds no planbench data");
	if (status == PB_OK)
		status = store_backup_copy(src, file, tmp, false, e);
	sqlite3_close(src);
	if (status == PB_OK)
		status = check_copy(tmp, file, who, info, e);
	return status == PB_OK ? PB_OK : bad_backup(file, e);
}

/* Gives the copy the page size of the database it will go into (SQLite copies only between equal sizes in WAL mode). */
static int match_page_size(sqlite3 *from, sqlite3 *to)
{
	long want = store_query_int(to, "PRAGMA page_size");
	if (want <= 0 || store_query_int(from, "PRAGMA page_size") == want)
		return SQLITE_OK;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA page_size = %ld; VACUUM", want);
	return sqlite3_exec(from, sql, NULL, NULL, NULL);
}

/* Replaces the contents of the open, healthy database with the checked copy in one transaction. */
static int copy_into(struct store *cur, const char *tmp, struct pb_error *e)
{
	sqlite3 *from = NULL;
	int rc = sqlite3_open_v2(tmp, &from, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = match_page_size(from, cur->db);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(cur->db, "main", from, "main") : NULL;
	int status = PB_OK;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		if (rc != SQLITE_DONE)
			status = store_sql_fail(cur, e, "restoring");
	} else {
		status = pb_fail(e, PB_FAIL, "%s: could not restore (%s); nothing was changed", cur->path,
				 rc == SQLITE_OK ? sqlite3_errmsg(cur->db) : sqlite3_errmsg(from));
	}
	sqlite3_close(from);
	return status;
}

/* Moves a database that cannot be opened (and its WAL) into the backups folder untouched, and the copy into its place. */
static int replace_unopenable(const char *db_path, const char *dir, const char *tmp, struct store_restore_info *info,
			      struct pb_error *e)
{
	char when[32], aside[PATH_LEN], wal[PATH_LEN], aside_wal[PATH_LEN];
	stamp(when, sizeof when, true);
	path_fmt(aside, "%s/replaced-%s.db", dir, when);
	if (rename(db_path, aside) != 0)
		return pb_fail(e, PB_FAIL, "%s: could not move it aside (%s); nothing was changed", db_path, strerror(errno));
	path_fmt(wal, "%s-wal", db_path);
	path_fmt(aside_wal, "%s-wal", aside);
	if (access(wal, F_OK) == 0 && rename(wal, aside_wal) != 0) {
		rename(aside, db_path);
		return pb_fail(e, PB_FAIL, "%s: could not move its WAL file aside (%s); nothing was changed", db_path, strerror(errno));
	}
	path_fmt(wal, "%s-shm", db_path);
	unlink(wal);
	if (rename(tmp, db_path) != 0) {
		int err = errno;
		rename(aside, db_path);
		rename(aside_wal, wal);
		return pb_fail(e, PB_FAIL, "%s: could not put the backup in place (%s); nothing was changed", db_path, strerror(err));
	}
	sync_dir_of(db_path);
	sync_dir_of(aside);
	path_fmt(info->kept, "%s", aside);
	info->moved = true;
	return PB_OK;
}

/* Puts the checked copy in place of the database: a missing one is simply replaced, a healthy one is
 * backed up and then overwritten in one transaction, one that cannot be opened or is damaged is moved aside. */
static int put_in_place(const char *db_path, const char *dir, const char *tmp, struct store_restore_info *info, struct pb_error *e)
{
	struct store *cur = NULL;
	struct pb_error oe = {0};
	char when[32], why[300], safety[PATH_LEN];
	if (access(db_path, F_OK) != 0) {
		if (rename(tmp, db_path) != 0)
			return pb_fail(e, PB_FAIL, "%s: could not put the backup in place (%s)", db_path, strerror(errno));
		sync_dir_of(db_path);
		return PB_OK;
	}
	int status = store_open(db_path, 0, &cur, &oe);
	if (status == PB_BUSY) {
		*e = oe;
		return PB_BUSY;
	}
	if (status == PB_OK && health(cur->db, false, why, sizeof why) != SQLITE_ROW) {
		status = store_sql_fail(cur, e, "checking the database");
		store_close(cur);
		if (status == PB_BUSY)
			return status;
	} else if (status == PB_OK && strcmp(why, "ok") != 0) {
		store_mark_damaged(cur);
		store_close(cur);
		status = PB_FAIL;
	}
	if (status != PB_OK)
		return replace_unopenable(db_path, dir, tmp, info, e);
	stamp(when, sizeof when, true);
	path_fmt(safety, "%s/before-restore-%s.db", dir, when);
	status = write_backup(cur->db, db_path, safety, false, NULL, e);
	if (status == PB_OK)
		status = copy_into(cur, tmp, e);
	if (status == PB_OK)
		path_fmt(info->kept, "%s", safety);
	store_close(cur);
	return status;
}

/* Whether a and b name the same file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int store_restore(const char *db_path, const char *file, const char *who, struct store_restore_info *info, struct pb_error *e)
{
	char dir[PATH_LEN], tmp[PATH_LEN];
	memset(info, 0, sizeof *info);
	if (same_file(db_path, file))
		return pb_fail(e, PB_USAGE, "%s is the database itself; name a backup to restore from", file);
	if (access(file, R_OK) != 0)
		return pb_fail(e, PB_BAD_INPUT, "cannot restore %s: %s; nothing was changed", file, strerror(errno));
	store_backups_dir(db_path, dir, sizeof dir);
	if (make_private_dir(dir, e) != PB_OK)
		return e->status;
	path_fmt(tmp, "%s/restoring.tmp-%ld", dir, (long)getpid());
	remove_copy(tmp);
	int status = copy_checked(file, tmp, who, info, e);
	if (status == PB_OK)
		status = put_in_place(db_path, dir, tmp, info, e);
	remove_copy(tmp);
	return status;
}
