/* backup.h — copies of the database (online backups, the daily automatic ones, restore after checking),
 * and what opening a file noticed. */
#ifndef PB_BACKUP_H
#define PB_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "store/store.h"

/* How many automatic daily backups are kept in <db>.backups/. */
#define STORE_BACKUPS_KEPT 7

/* Warnings from opening the database, one per line ("" when none): a file other users can read,
 * a daily backup that could not be made. Owned by s. */
const char *store_notice(const struct store *s);

/* The folder beside the database that holds its backups: "<db>.backups". */
void store_backups_dir(const char *db_path, char *out, size_t len);

/* What to do about a damaged database at db_path: "restore the newest backup with `planbench restore
 * <db>.backups/auto-….db`", or, when there is none, "restore a backup with `planbench restore FILE`". */
void store_restore_advice(const char *db_path, char *out, size_t len);

/* Takes a consistent online copy of the open database into out_path, or into
 * <db>.backups/manual-<date>T<time>.db when out_path is NULL; the copy is created 0600, checked with
 * SQLite's integrity check, and never replaces an existing file. The path written goes to written. */
int store_backup(struct store *s, const char *out_path, char *written, size_t len, struct pb_error *e);

/* What a restore found in the backup and where the database as it was now lives. */
struct store_restore_info {
	int schema;
	long plans, actions, updates, engagements;
	char kept[1400]; /* where the previous database is kept; "" when there was none */
	bool moved;	 /* kept is the previous file itself, moved aside untouched (it could not be opened) */
};

/* Puts the backup in file in place of the database at db_path, after checking it (SQLite's integrity check,
 * its schema version, store_check): a backup that fails is PB_BAD_INPUT and nothing changes. A healthy
 * database is backed up first and replaced in one transaction (other planbench processes see the old or
 * the new data, never a mixture); a damaged one is moved into the backups folder untouched. */
int store_restore(const char *db_path, const char *file, const char *who, struct store_restore_info *info,
		  struct pb_error *e);

/* ---- for store/ only ---- */

struct sqlite3;

/* Column 0 of the first row of a fixed query (no parameters) as an integer; -1 when it cannot be read. */
long store_query_int(struct sqlite3 *db, const char *sql);
/* Stops every further write to a file found damaged, including the checkpoint when it is closed. */
void store_mark_damaged(struct store *s);
/* Adds one line to what store_notice returns. */
void store_notice_add(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What a refusal of a file that is not planbench's says to do: the database being opened, or a backup to restore. */
#define STORE_NOT_OURS_DB "check the --db path or PLANBENCH_DB"
#define STORE_NOT_OURS_BACKUP "name a backup planbench made (in the database's .backups folder, or one `planbench backup` wrote)"
/* Refuses, naming path and saying not_ours when it is not a database at all, a file that is not an SQLite database or
 * that is shorter than its header says (cut off); reads the file only. An empty file passes. */
int store_file_check(const char *path, const char *not_ours, struct pb_error *e);
/* Refuses a database (named label) that is not planbench's, saying not_ours, or is from a newer planbench; *version
 * gets its schema version (0 for an empty file). */
int store_check_planbench(struct sqlite3 *db, const char *label, const char *not_ours, int *version, struct pb_error *e);

/* Takes today's automatic backup when there is none yet (after a quick check of the database),
 * and keeps the newest STORE_BACKUPS_KEPT. A damaged database is an error; a backup that cannot
 * be written is a notice. Called by store_open. */
int store_backup_daily(struct store *s, struct pb_error *e);
/* store_backup_daily in a thread of its own, on a connection of its own (store_open with STORE_BACKUP_LATER): the
 * workbench shows its first screen at once instead of after the check and the copy (ten seconds at 100,000 actions).
 * Taken now, as store_backup_daily, when no thread can be had. */
int store_backup_daily_start(struct store *s, struct pb_error *e);
/* Whether a daily backup started by store_backup_daily_start has yet to hand over its result. */
bool store_backup_daily_running(const struct store *s);
/* When it has finished (or, with wait, once it has): its notice added to store_notice (once), or, when the quick check
 * found the database damaged, the error of store_backup_daily (every time), and every later write refused. PB_OK
 * while it runs. */
int store_backup_daily_poll(struct store *s, bool wait, struct pb_error *e);
/* Waits for it to finish (a backup once begun is completed) and frees it. Called by store_close. */
void store_backup_daily_end(struct store *s);
/* Copies the database behind src (a connection) into a new 0600 file at path, self-contained and
 * checked (full integrity check when full, else quick_check); on failure no file is left. */
int store_backup_copy(struct sqlite3 *src, const char *src_label, const char *path, bool full, struct pb_error *e);

#endif
