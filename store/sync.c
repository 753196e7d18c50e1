/* sync.c — this database as a replica: its identity and slot, row ids that never collide with another replica's,
 * the session that records each transaction's changes into the change log, peers, and making a new replica. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/backup.h"
#include "store/sync_internal.h"

const struct sync_table sync_tables[] = {
	{"plan", "plans", NULL, -1, 0, true},
	{"section", "plans", NULL, -1, 1, true},
	{"officer", "officers", NULL, -1, -1, true},
	{"officer_alias", "officers", NULL, -1, -1, true},
	{"engagement_method", "methods", "method", -1, -1, true},
	{"action", "actions", "action", 0, 1, true},
	{"action_owner", "leads", NULL, 0, -1, false},
	{"due_change", "revisions", NULL, 1, -1, true},
	{"progress_update", "updates", NULL, 1, -1, true},
	{"engagement", "engagements", "engagement", -1, -1, true},
	{"engagement_action", "engagements", NULL, 1, -1, false},
	{"review", "reviews", NULL, -1, -1, true},
	{"review_item", "reviews", NULL, 2, -1, true},
	{"audit", "audit", NULL, -1, -1, true},
};
const int sync_ntables = (int)(sizeof sync_tables / sizeof sync_tables[0]);

/* Tables whose new rows take their id from pb_new_id but do not travel. */
static const char *const local_id_tables[] = {"snapshot"};
#define NLOCAL_ID_TABLES ((int)(sizeof local_id_tables / sizeof local_id_tables[0]))

const struct sync_table *sync_table_named(const char *name)
{
	for (int i = 0; i < sync_ntables; i++)
		if (strcmp(sync_tables[i].name, name) == 0)
			return &sync_tables[i];
	return NULL;
}

void sync_now(char out[SYNC_AT_LEN])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, SYNC_AT_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int sync_fail(struct store *s, struct pb_error *e, int rc, const char *doing)
{
	if (rc == SQLITE_NOMEM)
		return pb_fail(e, PB_FAIL, "out of memory while %s; nothing was changed — close other programs and try again", doing);
	if (sqlite3_errcode(s->db) != SQLITE_OK)
		return store_sql_fail(s, e, doing);
	return pb_fail(e, PB_FAIL, "%s: %s: %s", s->path, doing, sqlite3_errstr(rc));
}

/* ---- row ids ---- */

/* Index of table among the tables with pb_new_id ids, or -1. */
static int id_table_index(const char *table, const char **name)
{
	int k = 0;
	for (int i = 0; i < sync_ntables; i++) {
		if (!sync_tables[i].new_ids)
			continue;
		if (strcmp(sync_tables[i].name, table) == 0) {
			*name = sync_tables[i].name;
			return k;
		}
		k++;
	}
	for (int i = 0; i < NLOCAL_ID_TABLES; i++)
		if (strcmp(local_id_tables[i], table) == 0) {
			*name = local_id_tables[i];
			return k + i;
		}
	return -1;
}

/* pb_new_id(table): an id above every id of the table that ends in this replica's slot (modulo SYNC_SLOTS), so that
 * rows made here and rows made on another laptop never share one, and ids still grow with time. */
static void sql_new_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	struct store_sync *y = s->sync;
	const char *table = (const char *)sqlite3_value_text(argv[0]), *name = NULL;
	(void)argc;
	int i = table ? id_table_index(table, &name) : -1;
	if (i < 0 || i >= (int)(sizeof y->max_id / sizeof y->max_id[0])) {
		sqlite3_result_error(ctx, "pb_new_id: not a table of planbench's", -1);
		return;
	}
	if (!y->max_id[i]) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT max(id) FROM main.%s", name);
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &y->max_id[i], NULL) != SQLITE_OK) {
			sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
			return;
		}
	}
	sqlite3_int64 max = sqlite3_step(y->max_id[i]) == SQLITE_ROW ? sqlite3_column_int64(y->max_id[i], 0) : 0;
	sqlite3_reset(y->max_id[i]);
	if (max < 0)
		max = 0;
	sqlite3_result_int64(ctx, (max / SYNC_SLOTS + 1) * SYNC_SLOTS + y->me.slot);
}

/* pb_auditing(): whether the audit triggers record a change (not while a change set from elsewhere is applied). */
static void sql_auditing(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc, (void)argv;
	sqlite3_result_int(ctx, !s->sync->applying);
}

/* ---- identity ---- */

static int load_identity(struct store *s, struct sync_identity *me, struct pb_error *e)
{
	static const char sql[] = "SELECT identity, name, slot, seq FROM sync_replica WHERE one = 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return pb_fail(e, PB_FAIL, "%s: the database has no replica identity; run `planbench check`", s->path);
	}
	snprintf(me->id, sizeof me->id, "%s", store_col(st, 0));
	snprintf(me->name, sizeof me->name, "%s", store_col(st, 1));
	me->slot = sqlite3_column_int(st, 2);
	me->seq = (long)sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return PB_OK;
}

/* A replica's name from its file: "/home/jo/laptop-jo.db" → "laptop-jo". */
static void name_from_path(const char *path, char *out, size_t len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".db") == 0)
		n -= 3;
	if (n >= len)
		n = len - 1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)base[i] >= 0x20 && base[i] != 0x7f)
			out[k++] = base[i];
	out[k] = '\0';
	if (k == 0)
		snprintf(out, len, "planbench");
}

static int check_name(const char *name, struct pb_error *e)
{
	size_t n = strlen(name);
	if (n == 0 || n >= SYNC_NAME_LEN)
		return pb_fail(e, PB_USAGE, "a replica's name must be 1 to %d characters (got %zu)", SYNC_NAME_LEN - 1, n);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return pb_fail(e, PB_USAGE, "a replica's name cannot hold control characters or tabs; choose another");
	return PB_OK;
}

static int write_name(struct store *s, const char *name, struct pb_error *e)
{
	static const char sql[] = "UPDATE sync_replica SET name = ?1";
	static const char origin[] = "UPDATE sync_origin SET name = ?1 WHERE origin = (SELECT identity FROM sync_replica)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "naming the replica");
	if (!(st = store_stmt(s, origin, e)))
		return e->status;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "naming the replica");
	return PB_OK;
}

int store_sync_identity(struct store *s, struct sync_identity *out, struct pb_error *e)
{
	return load_identity(s, out, e);
}

/* Names the replica in a transaction of its own, and remembers the name. */
static int rename_replica(struct store *s, const char *name, struct pb_error *e)
{
	if (store_begin(s, e) != PB_OK)
		return e->status;
	if (write_name(s, name, e) != PB_OK) {
		store_rollback(s);
		return e->status;
	}
	if (store_commit(s, e) != PB_OK)
		return e->status;
	snprintf(s->sync->me.name, sizeof s->sync->me.name, "%s", name);
	return PB_OK;
}

int store_sync_set_name(struct store *s, const char *name, struct pb_error *e)
{
	if (check_name(name, e) != PB_OK)
		return e->status;
	return rename_replica(s, name, e);
}

/* ---- recording changes ---- */

static int session_start(struct store *s, struct pb_error *e)
{
	sqlite3_session *ss = NULL;
	int rc = sqlite3session_create(s->db, "main", &ss), sized = 1;
	if (rc == SQLITE_OK) /* so a long transaction can be logged in pieces of a size (store_sync_capture_piece) */
		rc = sqlite3session_object_config(ss, SQLITE_SESSION_OBJCONFIG_SIZE, &sized);
	for (int i = 0; rc == SQLITE_OK && i < sync_ntables; i++)
		rc = sqlite3session_attach(ss, sync_tables[i].name);
	if (rc != SQLITE_OK) {
		if (ss)
			sqlite3session_delete(ss);
		return sync_fail(s, e, rc, "starting to record changes");
	}
	s->sync->session = ss;
	return PB_OK;
}

static void session_end(struct store *s)
{
	if (s->sync && s->sync->session) {
		sqlite3session_delete(s->sync->session);
		s->sync->session = NULL;
	}
}

int store_sync_open(struct store *s, int flags, struct pb_error *e)
{
	s->sync = calloc(1, sizeof *s->sync);
	if (!s->sync)
		return pb_fail(e, PB_FAIL, "out of memory");
	s->sync->piece_limit = SYNC_PIECE_BYTES;
	sqlite3_create_function(s->db, "pb_new_id", 1, SQLITE_UTF8, s, sql_new_id, NULL, NULL);
	sqlite3_create_function(s->db, "pb_auditing", 0, SQLITE_UTF8, s, sql_auditing, NULL, NULL);
	if (load_identity(s, &s->sync->me, e) != PB_OK)
		return e->status;
	/* The audit rows of a change set being applied, for its conflicts (store/sync_apply.c). */
	if (sqlite3_exec(s->db, "CREATE TEMP TABLE sync_incoming(id INTEGER PRIMARY KEY, at TEXT, who TEXT, entity TEXT,"
			 " entity_id INTEGER, field TEXT); CREATE INDEX temp.sync_incoming_field ON sync_incoming(entity, entity_id, field)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, e, "opening");
	if (s->read_only || (flags & STORE_OPEN_SCRATCH))
		return PB_OK;
	if (!s->sync->me.name[0]) {
		char name[SYNC_NAME_LEN];
		name_from_path(strcmp(s->path, ":memory:") == 0 ? "memory" : s->path, name, sizeof name);
		if (rename_replica(s, name, e) != PB_OK)
			return e->status;
	}
	return session_start(s, e);
}

void store_sync_close(struct store *s)
{
	if (!s->sync)
		return;
	session_end(s);
	for (size_t i = 0; i < sizeof s->sync->max_id / sizeof s->sync->max_id[0]; i++)
		sqlite3_finalize(s->sync->max_id[i]);
	free(s->sync);
	s->sync = NULL;
}

/* The number of row changes in a change set. */
static long count_changes(const void *data, int len)
{
	sqlite3_changeset_iter *it = NULL;
	long n = 0;
	if (sqlite3changeset_start(&it, len, (void *)data) != SQLITE_OK)
		return 0;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		n++;
	sqlite3changeset_finalize(it);
	return n;
}

/* Appends this transaction's change set to the log as this replica's next one. */
static int log_own(struct store *s, const void *data, int len, struct pb_error *e)
{
	static const char next[] = "UPDATE sync_replica SET seq = seq + 1";
	static const char add[] = "INSERT INTO sync_log(origin, seq, at, changes, data) SELECT identity, seq, ?1, ?2, ?3 FROM sync_replica";
	static const char held[] = "UPDATE sync_origin SET held = (SELECT seq FROM sync_replica) WHERE origin = (SELECT identity FROM sync_replica)";
	char at[SYNC_AT_LEN];
	sqlite3_stmt *st = store_stmt(s, next, e);
	if (!st)
		return e->status;
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "logging the change");
	if (!(st = store_stmt(s, add, e)))
		return e->status;
	sync_now(at);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, count_changes(data, len));
	sqlite3_bind_blob(st, 3, data, len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "logging the change");
	sqlite3_reset(st);
	if (!(st = store_stmt(s, held, e)))
		return e->status;
	return sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "logging the change");
}

int store_sync_capture(struct store *s, struct pb_error *e)
{
	struct store_sync *y = s->sync;
	if (!y || !y->session)
		return PB_OK;
	int status = PB_OK;
	if (!sqlite3session_isempty(y->session)) {
		int len = 0;
		void *data = NULL;
		int rc = sqlite3session_changeset(y->session, &len, &data);
		if (rc != SQLITE_OK)
			status = sync_fail(s, e, rc, "recording the change");
		else if (len > 0)
			status = log_own(s, data, len, e);
		sqlite3_free(data);
	}
	session_end(s);
	if (session_start(s, status == PB_OK ? e : NULL) != PB_OK && status == PB_OK)
		status = e->status;
	return status;
}

int store_sync_capture_piece(struct store *s, struct pb_error *e)
{
	struct store_sync *y = s->sync;
	if (!y || !y->session || s->depth != 1)
		return PB_OK;
	sqlite3_int64 used = sqlite3session_memory_used(y->session), size = sqlite3session_changeset_size(y->session);
	if ((used > size ? used : size) < y->piece_limit)
		return PB_OK;
	return store_sync_capture(s, e);
}

void store_sync_set_piece_limit(struct store *s, long long bytes)
{
	if (s->sync)
		s->sync->piece_limit = bytes;
}

void store_sync_discard(struct store *s)
{
	if (!s->sync || !s->sync->session)
		return;
	session_end(s);
	session_start(s, NULL);
}

/* ---- peers ---- */

int sync_remember_peer(struct store *s, const char *peer, const char *name, int slot, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO sync_peer(peer, name, slot) VALUES (?1, ifnull(?2, ''), ?3) ON CONFLICT(peer) DO UPDATE SET"
		" name = ifnull(?2, name), slot = ifnull(?3, slot)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, peer, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 2, name);
	if (slot > 0)
		sqlite3_bind_int(st, 3, slot);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "recording a peer");
	return PB_OK;
}

void sync_replica_name(struct store *s, const char *id, char *out, size_t len)
{
	static const char sql[] =
		"SELECT name FROM sync_replica WHERE identity = ?1 UNION ALL SELECT name FROM sync_peer WHERE peer = ?1 AND name <> ''"
		" UNION ALL SELECT name FROM sync_origin WHERE origin = ?1 AND name <> '' LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	out[0] = '\0';
	if (!st)
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, len, "%s", store_col(st, 0));
	sqlite3_reset(st);
}

int store_sync_each_peer(struct store *s, store_sync_peer_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT p.peer, p.name, ifnull(p.last_sent_at, ''), ifnull(p.last_received_at, ''),"
		" (SELECT count(*) FROM sync_log l LEFT JOIN sync_peer_origin po ON po.peer = p.peer AND po.origin = l.origin"
		"   WHERE l.seq > max(ifnull(po.held, 0), ifnull(po.sent, 0))),"
		" (SELECT count(*) FROM sync_log l JOIN sync_peer_origin po ON po.peer = p.peer AND po.origin = l.origin"
		"   WHERE l.seq > po.held AND l.seq <= po.sent)"
		" FROM sync_peer p ORDER BY p.name, p.peer";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sync_peer_row p = {store_col(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
					  (long)sqlite3_column_int64(st, 4), (long)sqlite3_column_int64(st, 5)};
		status = fn(ctx, &p);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the peers");
	sqlite3_reset(st);
	return status;
}

int store_sync_find_peer(struct store *s, const char *text, char id[SYNC_ID_LEN], struct pb_error *e)
{
	static const char sql[] =
		"SELECT peer, name FROM sync_peer WHERE name = ?1 OR (length(?1) >= 4 AND substr(peer, 1, length(?1)) = lower(?1))"
		" ORDER BY name = ?1 DESC";
	static const char all[] = "SELECT group_concat(name || ' (' || substr(peer, 1, 8) || ')', ', ') FROM sync_peer";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	int found = 0, exact = 0; /* rows matched; of them, by the whole name (those come first) */
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (found == 0)
			snprintf(id, SYNC_ID_LEN, "%s", store_col(st, 0));
		exact += strcmp(store_col(st, 1), text) == 0;
		found++;
	}
	sqlite3_reset(st);
	if (exact == 1 || (found == 1 && exact == 0))
		return PB_OK;
	if (!(st = store_stmt(s, all, e)))
		return e->status;
	const char *known = sqlite3_step(st) == SQLITE_ROW ? store_col(st, 0) : "";
	if (!*text)
		pb_fail(e, PB_USAGE, "say which peer with --to NAME (or --all for a file any database can take); known peers: %s", known);
	else if (exact > 1) /* e.g. a database put back with restore: a fresh identity under its old name */
		pb_fail(e, PB_USAGE, "%s: more than one peer has that name; say which with --to and the first 4 or more characters"
			" of its identity (`planbench sync status` shows when each was last heard from); known peers: %s", text, known);
	else
		pb_fail(e, PB_USAGE, "%s: %s peer; known peers: %s", text, found ? "more than one" : "no such",
			*known ? known : "none yet (import a change set from it, or make it with `planbench sync clone`)");
	sqlite3_reset(st);
	return e->status;
}

/* ---- new identities and new replicas ---- */

/* A slot (1..1020) that neither this replica nor any replica known here uses. */
static int free_slot(struct store *s, int *slot, struct pb_error *e)
{
	static const char sql[] =
		"SELECT NOT EXISTS (SELECT 1 FROM sync_replica WHERE slot = ?1 UNION ALL SELECT 1 FROM sync_origin WHERE slot = ?1"
		" UNION ALL SELECT 1 FROM sync_peer WHERE slot = ?1)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	unsigned char r[2];
	for (int tries = 0; tries < 4096; tries++) {
		sqlite3_randomness(sizeof r, r);
		int candidate = (r[0] << 8 | r[1]) % (SYNC_SLOTS - 1) + 1;
		sqlite3_bind_int(st, 1, candidate);
		long free = store_one_int(st);
		if (free) {
			*slot = candidate;
			return PB_OK;
		}
	}
	return pb_fail(e, PB_FAIL, "%s: every one of the %d replica slots is in use; no new replica can be made", s->path, SYNC_SLOTS - 1);
}

/* Makes the database at s a new replica named name: a fresh identity and slot, no changes of its own yet, and the
 * replica it was (old) a peer known to hold everything this one holds. In the caller's transaction. */
static int become_new_replica(struct store *s, const char *name, struct pb_error *e)
{
	static const char old_peer[] =
		"INSERT OR REPLACE INTO sync_peer(peer, name, slot) SELECT identity, name, slot FROM sync_replica";
	static const char old_held[] =
		"INSERT OR REPLACE INTO sync_peer_origin(peer, origin, sent, held)"
		" SELECT r.identity, o.origin, o.held, o.held FROM sync_origin o, sync_replica r";
	static const char renew[] =
		"UPDATE sync_replica SET identity = lower(hex(randomblob(16))), name = ?1, slot = ?2, seq = 0,"
		" created_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')";
	static const char origin[] = "INSERT INTO sync_origin(origin, name, slot, held) SELECT identity, name, slot, 0 FROM sync_replica";
	int slot = 0;
	if (free_slot(s, &slot, e) != PB_OK)
		return e->status;
	const char *steps[] = {old_peer, old_held, renew, origin};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		sqlite3_stmt *st = store_stmt(s, steps[i], e);
		if (!st)
			return e->status;
		if (steps[i] == renew) {
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 2, slot);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_sql_fail(s, e, "giving the database a new identity");
	}
	return PB_OK;
}

int store_sync_new_identity(struct store *s, struct sync_identity *out, struct pb_error *e)
{
	if (store_begin(s, e) != PB_OK)
		return e->status;
	if (become_new_replica(s, s->sync->me.name, e) != PB_OK) {
		store_rollback(s);
		return e->status;
	}
	if (store_commit(s, e) != PB_OK)
		return e->status;
	if (load_identity(s, &s->sync->me, e) != PB_OK)
		return e->status;
	*out = s->sync->me;
	return PB_OK;
}

/* Copies the open database to path (which is created, mode 0600) with SQLite's online backup. */
static int copy_database(struct store *s, const char *path, struct pb_error *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return pb_fail(e, errno == EEXIST ? PB_USAGE : PB_FAIL, "%s: %s; choose a new file for the new replica", path,
			       errno == EEXIST ? "already exists" : strerror(errno));
	close(fd);
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", s->db, "main") : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	int err = to ? sqlite3_errcode(to) : rc;
	sqlite3_close(to);
	if (!b || (rc != SQLITE_DONE && rc != SQLITE_OK) || err != SQLITE_OK) {
		unlink(path);
		return pb_fail(e, PB_FAIL, "%s: could not copy the database there (%s); nothing was made", path, sqlite3_errstr(err ? err : rc));
	}
	return PB_OK;
}

/* In the source: the new replica is a peer holding everything this one holds. */
static int record_clone(struct store *s, const struct sync_identity *clone, struct pb_error *e)
{
	static const char held[] =
		"INSERT OR REPLACE INTO sync_peer_origin(peer, origin, sent, held) SELECT ?1, origin, held, held FROM sync_origin";
	static const char origin[] = "INSERT OR IGNORE INTO sync_origin(origin, name, slot, held) VALUES (?1, ?2, ?3, 0)";
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = sync_remember_peer(s, clone->id, clone->name, clone->slot, e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, held, e) : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, clone->id, -1, SQLITE_TRANSIENT);
		status = sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "recording the new replica");
	} else if (status == PB_OK)
		status = e->status;
	if (status == PB_OK && (st = store_stmt(s, origin, e))) {
		sqlite3_bind_text(st, 1, clone->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, clone->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, clone->slot);
		status = sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "recording the new replica");
	} else if (status == PB_OK)
		status = e->status;
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

int store_sync_clone(struct store *s, const char *path, const char *name, struct sync_identity *out, struct pb_error *e)
{
	char own[SYNC_NAME_LEN];
	if (!name || !*name)
		name_from_path(path, own, sizeof own), name = own;
	if (check_name(name, e) != PB_OK)
		return e->status;
	if (copy_database(s, path, e) != PB_OK)
		return e->status;
	struct store *c = NULL;
	int status = store_open(path, STORE_OPEN_SCRATCH, &c, e);
	if (status == PB_OK && (status = store_begin(c, e)) == PB_OK) {
		status = become_new_replica(c, name, e);
		if (status == PB_OK)
			status = store_commit(c, e);
		else
			store_rollback(c);
	}
	if (status == PB_OK)
		status = load_identity(c, out, e);
	store_close(c);
	if (status == PB_OK)
		status = record_clone(s, out, e);
	if (status != PB_OK) {
		char side[1100];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path), unlink(side);
		snprintf(side, sizeof side, "%s-shm", path), unlink(side);
	}
	return status;
}
