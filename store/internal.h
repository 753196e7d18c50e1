/* internal.h — what the files of store/ share: the handle, the statement cache, small helpers. */
#ifndef PB_STORE_INTERNAL_H
#define PB_STORE_INTERNAL_H

#include <sqlite3.h>

#include "core/date.h"
#include "core/error.h"
#include "core/rag.h"
#include "store/store.h"

#define STORE_MAX_STMTS 1024 /* the literals, and the list queries store/actions.c composes for each filter */
#define STORE_COUNTS_KEPT 8   /* the navigator's counts kept for the list (store/actions.c) */

/* A count store_count_nav made, kept while the database is unchanged: the list showing that view asks for it next. */
struct store_kept_count {
	const char *sql; /* the count's composed query (its address is its key, as in the statement cache) */
	char values[600]; /* the filter's values, as filter_values writes them */
	long count;
};
/* store_open flag for a private scratch copy (a backup being checked): no automatic backups of it. */
#define STORE_OPEN_SCRATCH 0x100

struct store {
	sqlite3 *db;
	char path[1024];
	char actor[128];
	struct date today;
	struct rag_rules rules;
	bool read_only;
	int depth; /* nesting of store_begin: the outer one is a transaction, inner ones savepoints */
	bool damaged;	  /* SQLite reported corruption: nothing more is written to the file */
	char notice[1024]; /* warnings from opening, one per line (store_notice) */
	struct store_daily_job *daily; /* today's backup being taken in the background (store/backup.c), or NULL */
	struct store_kept_count kept[STORE_COUNTS_KEPT];
	int nkept;
	long long kept_changes; /* sqlite3_total_changes64 and PRAGMA data_version when they were kept */
	long kept_version;
	struct {
		const char *sql; /* the literal's address is the key */
		sqlite3_stmt *stmt;
	} cache[STORE_MAX_STMTS];
	int ncache;
	struct store_sync *sync; /* change capture and row ids of this replica (store/sync.c); NULL until opened */
};

/* The cached statement for a SQL literal, reset and with bindings cleared; NULL with e filled on error. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct pb_error *e);
/* Turns the connection's last error into a message; busy and read-only become PB_BUSY. */
int store_sql_fail(struct store *s, struct pb_error *e, const char *doing);
/* Runs one write statement the caller has bound (a row it returns is taken as done); doing names it in a message. */
int store_step_write(struct store *s, sqlite3_stmt *st, const char *doing, struct pb_error *e);
/* Commits when status is PB_OK, otherwise rolls back; returns status. */
int store_finish(struct store *s, int status, struct pb_error *e);


/* Steps st once and returns column 0 as an integer (0 when no row), then resets st. */
long store_one_int(sqlite3_stmt *st);

/* Binds text, or NULL for NULL or "". */
void store_bind_text(sqlite3_stmt *st, int i, const char *text);
/* Column text, "" for NULL. */
const char *store_col(sqlite3_stmt *st, int i);
/* Column text or NULL. */
const char *store_col_or_null(sqlite3_stmt *st, int i);

/* Every INSERT of a new row into a table with an id takes it from pb_new_id('TABLE') (store/sync.c): above every id
 * of the table, and equal modulo STORE_ID_STEP to this replica's slot, so rows made on two laptops never share an
 * id. An INSERT … SELECT of several rows adds (row_number() - 1) * STORE_ID_STEP to keep them apart. */
#define STORE_ID_STEP "1021"

/* sync.c: what store.c calls. After migrating: this replica's identity, pb_new_id() and pb_auditing(), and (on a
 * read-write open) the session that records changes. At the outermost commit, before it: the changes of the
 * transaction appended to the change log. At the outermost rollback: the session's record dropped. */
int store_sync_open(struct store *s, int flags, struct pb_error *e);
int store_sync_capture(struct store *s, struct pb_error *e);
/* Between statements of the outermost transaction (no savepoint open inside it): when the session holds more
 * than its limit (store_sync_set_piece_limit), the changes so far are logged as one piece, so that a long
 * transaction — an import of a large tracker — is recorded in bounded memory and stays all or nothing. */
int store_sync_capture_piece(struct store *s, struct pb_error *e);
void store_sync_discard(struct store *s);
void store_sync_close(struct store *s);

/* schema.c */
int store_schema_latest(void);
const char *store_schema_migration(int from_version);
const char *store_schema_audit_triggers(void);

/* The search index (schema 3): each document's rowid says whose it is, so a hit needs no lookup to find its action.
 * An action's own text is action id << 32, a progress update (action id << 32) | update id, an engagement record
 * minus its id. Each macro gives the values of INSERT INTO search(STORE_SEARCH_COLUMNS) for the row called r. */
#define STORE_SEARCH_COLUMNS "rowid, entity, entity_id, title, body"
#define STORE_SEARCH_ACTION(r) \
	"(" r ".id << 32), 'action', " r ".id, " r ".ref || ' ' || " r ".title, trim(ifnull(" r ".description,'') || ' ' ||" \
	" ifnull(" r ".measure,'') || ' ' || ifnull(" r ".target,'') || ' ' || ifnull(" r ".outcome,'') || ' ' ||" \
	" ifnull(" r ".rag_reason,''))"
#define STORE_SEARCH_UPDATE(r) "((" r ".action_id << 32) | " r ".id), 'update', " r ".id, " r ".period, " r ".text"
#define STORE_SEARCH_ENGAGEMENT(r) \
	"(-" r ".id), 'engagement', " r ".id, " r ".title, trim(ifnull(" r ".team,'') || ' ' || ifnull(" r ".location,'') ||" \
	" ' ' || ifnull(" r ".summary,'') || ' ' || ifnull(" r ".you_said,'') || ' ' || ifnull(" r ".we_did,''))"
/* The leads of action id x, "; "-separated in order: what action.leads holds (kept so by triggers, schema 3). */
#define STORE_LEADS_OF(x) \
	"(SELECT group_concat(name, '; ') FROM (SELECT o.name FROM action_owner ao JOIN officer o ON o.id = ao.officer_id" \
	" WHERE ao.action_id = " x " ORDER BY ao.position))"

/* Whether action r is still open: not complete by its status, a completion date or its target ("complete"). The lists'
 * overdue and due-soon terms and the counts kept by triggers (schema 6) test the same. */
#define STORE_OPEN(r) \
	"NOT (ifnull(" r ".status,'') = 'complete' OR " r ".completed_on IS NOT NULL OR " r ".due_state = 'complete')"

/* The counts kept by triggers (schema 6), as they are computed from the actions: per officer (0: every action; no
 * officer has id 0), plan and section (0: none), how many actions; and per officer, plan (0: every plan) and target
 * date, how many open ones. An officer's are the actions they lead. The migration fills the tables with these, and
 * store_check compares them. */
#define STORE_SECTION_COUNTS STORE_SECTION_COUNTS_OF("1")
#define STORE_DUE_COUNTS STORE_DUE_COUNTS_OF("1")
/* The same for the actions a (action a) for which cond holds: those an import added (store/import.c). */
#define STORE_SECTION_COUNTS_OF(cond) \
	"SELECT 0 AS officer_id, a.plan_id, ifnull(a.section_id, 0) AS section_id, count(*) AS n FROM action a" \
	" WHERE " cond " GROUP BY 2, 3" \
	" UNION ALL SELECT ao.officer_id, a.plan_id, ifnull(a.section_id, 0), count(*)" \
	" FROM action_owner ao JOIN action a ON a.id = ao.action_id WHERE " cond " GROUP BY 1, 2, 3"
#define STORE_DUE_COUNTS_OF(cond) \
	"SELECT 0 AS officer_id, 0 AS plan_id, a.due_on, count(*) AS n FROM action a WHERE " DATED_OPEN " AND " cond " GROUP BY 3" \
	" UNION ALL SELECT 0, a.plan_id, a.due_on, count(*) FROM action a WHERE " DATED_OPEN " AND " cond " GROUP BY 2, 3" \
	" UNION ALL SELECT ao.officer_id, 0, a.due_on, count(*) FROM action_owner ao JOIN action a ON a.id = ao.action_id" \
	" WHERE " DATED_OPEN " AND " cond " GROUP BY 1, 3" \
	" UNION ALL SELECT ao.officer_id, a.plan_id, a.due_on, count(*)" \
	" FROM action_owner ao JOIN action a ON a.id = ao.action_id WHERE " DATED_OPEN " AND " cond " GROUP BY 1, 2, 3"
#define DATED_OPEN "a.due_on IS NOT NULL AND " STORE_OPEN("a")

/* SELECT columns that give an action_row; shared by the list queries and store_get_action. */
#define STORE_ACTION_ROW_COLUMNS \
	"a.id AS id, p.code AS plan, a.ref AS ref, ifnull(sec.code,'') AS section, a.title AS title," \
	" a.leads AS leads," \
	" a.due_on AS due_on, a.due_text AS due_text, a.status AS status, a.completed_on AS completed_on, a.rag AS rag," \
	" pb_rag(a.status, a.completed_on, a.due_state, a.due_on, EXISTS (SELECT 1 FROM due_change d WHERE d.action_id = a.id" \
	"   AND d.changed_on >= pb_quarter_start() AND d.to_on > d.from_on)) AS rag_c," \
	" (SELECT count(*) FROM due_change d WHERE d.action_id = a.id) AS revisions"
#define STORE_ACTION_ROW_JOINS " JOIN plan p ON p.id = a.plan_id LEFT JOIN section sec ON sec.id = a.section_id"
#define STORE_ACTION_ROW_FROM " FROM action a" STORE_ACTION_ROW_JOINS
void store_read_action_row(struct store *s, sqlite3_stmt *st, struct action_row *row);

/* Looks up the plan's id and start (YYYY-MM-DD or ""). */
int store_plan_lookup(struct store *s, const char *code, long *id, struct date *start, bool *has_start);

#endif
