/* undo.c — undoing this session's changes step by step. The journal lives in the connection's temp schema (so it
 * is this session's and goes with it): for each change, JSON images of every row of the thing it touched before and
 * after — an action (the action itself, its owners, target-date revisions and progress updates), an engagement record
 * (the record and its links to actions) or a method of engagement — and the audit ids it wrote. An undo puts the
 * "before" images back, in one audited transaction, only when every touched row is still exactly as the change left
 * it. */
#include <stdio.h>
#include <string.h>

#include "store/engagements.h"
#include "store/internal.h"
#include "store/update.h"

/* The journal, and undo_now: the image of every row that belongs to an action, as the journal keeps them. The
 * action's position is left out: a new action elsewhere in the plan moves it, which is no change to undo. A step's
 * action_id is the id of what it changed, of the kind its entity names; undo_engagement_now and undo_method_now are
 * the images of engagement records with their links, and of methods. */
static const char journal_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS undo_step(id INTEGER PRIMARY KEY, entity TEXT NOT NULL DEFAULT 'action',"
	" action_id INTEGER NOT NULL, what TEXT NOT NULL DEFAULT '', new_action INTEGER NOT NULL, audit_from INTEGER NOT NULL,"
	" audit_to INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 1);\n"
	"CREATE TEMP TABLE IF NOT EXISTS undo_image(step_id INTEGER NOT NULL, part TEXT NOT NULL, key INTEGER NOT NULL,"
	" before TEXT, after TEXT, PRIMARY KEY (step_id, part, key));\n"
	"CREATE TEMP TABLE IF NOT EXISTS undo_capture(part TEXT NOT NULL, key INTEGER NOT NULL, image TEXT NOT NULL,"
	" PRIMARY KEY (part, key));\n"
	"CREATE TEMP TABLE IF NOT EXISTS undo_audit(from_id INTEGER NOT NULL, to_id INTEGER NOT NULL);\n"
	"CREATE TEMP VIEW IF NOT EXISTS undo_now(action_id, part, key, image) AS\n"
	" SELECT id, 'action', 0, json_object('plan_id', plan_id, 'section_id', section_id, 'ref', ref, 'ref_key', ref_key,"
	"  'title', title, 'description', description, 'measure', measure, 'target', target, 'outcome', outcome,"
	"  'status', status, 'rag', rag, 'rag_reason', rag_reason, 'due_text', due_text, 'due_on', due_on,"
	"  'due_state', due_state, 'due_precision', due_precision, 'completed_on', completed_on,"
	"  'created_at', created_at, 'updated_at', updated_at) FROM main.action\n"
	" UNION ALL SELECT action_id, 'owner', officer_id, json_object('position', position, 'written_as', written_as)"
	"  FROM main.action_owner\n"
	" UNION ALL SELECT action_id, 'revision', id, json_object('seq', seq, 'from_on', from_on, 'to_on', to_on,"
	"  'to_text', to_text, 'reason', reason, 'changed_on', changed_on, 'changed_by', changed_by) FROM main.due_change\n"
	" UNION ALL SELECT action_id, 'update', id, json_object('period', period, 'noted_on', noted_on, 'author', author,"
	"  'text', text, 'created_at', created_at) FROM main.progress_update;\n"
	"CREATE TEMP VIEW IF NOT EXISTS undo_engagement_now(engagement_id, part, key, image) AS\n"
	" SELECT id, 'engagement', 0, json_object('ref', ref, 'title', title, 'team', team, 'method_id', method_id,"
	"  'location', location, 'held_on', held_on, 'held_until', held_until, 'when_text', when_text, 'frequency', frequency,"
	"  'tenants', tenants, 'tenants_basis', tenants_basis, 'tenants_scope', tenants_scope, 'tenants_text', tenants_text,"
	"  'standard', standard, 'summary', summary, 'you_said', you_said, 'we_did', we_did, 'position', position,"
	"  'created_at', created_at, 'updated_at', updated_at) FROM main.engagement\n"
	" UNION ALL SELECT engagement_id, 'link', action_id, json_object('position', position) FROM main.engagement_action;\n"
	"CREATE TEMP VIEW IF NOT EXISTS undo_method_now(method_id, part, key, image) AS\n"
	" SELECT id, 'method', 0, json_object('name', name, 'formality', formality, 'description', description,"
	"  'position', position) FROM main.engagement_method;\n";

#define AUDIT_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor)"

/* Runs one statement the caller has bound. */
static int step(struct store *s, sqlite3_stmt *st, const char *doing, struct pb_error *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, doing);
}

/* Creates the journal's tables unless this session already has them. */
static int journal(struct store *s, struct pb_error *e)
{
	if (sqlite3_exec(s->db, journal_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, e, "starting the undo journal");
	return PB_OK;
}

/* Runs sql with ?1 bound to a. */
static int run1(struct store *s, const char *sql, long a, const char *doing, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, a);
	return step(s, st, doing, e);
}

/* Runs sql with ?1 bound to a and ?2 to b. */
static int run2(struct store *s, const char *sql, long a, long b, const char *doing, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return step(s, st, doing, e);
}

/* ---- what each kind of step keeps and how it is put back ---- */

/* The action's rows as they are (?1 the action) into undo_capture. */
static const char action_capture[] =
	"INSERT INTO temp.undo_capture(part, key, image) SELECT part, key, image FROM temp.undo_now WHERE action_id = ?1";

/* Keeps the images of the rows the open step changed: ?1 the step, ?2 the action. */
static const char action_keep[] =
	"INSERT INTO temp.undo_image(step_id, part, key, before, after)"
	" SELECT ?1, part, key, b, a FROM ("
	"  SELECT c.part AS part, c.key AS key, c.image AS b,"
	"   (SELECT n.image FROM temp.undo_now n WHERE n.action_id = ?2 AND n.part = c.part AND n.key = c.key) AS a"
	"  FROM temp.undo_capture c"
	"  UNION ALL SELECT n.part, n.key, NULL, n.image FROM temp.undo_now n WHERE n.action_id = ?2"
	"   AND NOT EXISTS (SELECT 1 FROM temp.undo_capture c WHERE c.part = n.part AND c.key = n.key))"
	" WHERE b IS NOT a";

/* How many rows step ?1 touched are not as it left them (?2 the action). */
static const char action_check[] =
	"SELECT count(*) FROM temp.undo_image i WHERE i.step_id = ?1 AND i.after IS NOT"
	" (SELECT n.image FROM temp.undo_now n WHERE n.action_id = ?2 AND n.part = i.part AND n.key = i.key)";

/* The statements that put the "before" images back, in order: ?1 the step, ?2 the action. Owners, revisions and
 * updates the step added are deleted (a deleted revision is audited here: no trigger does it), those it deleted
 * are put back with their ids, those it changed are changed back; then the action itself. */
static const char *const action_restore[] = {
	"DELETE FROM main.action_owner WHERE action_id = ?2 AND officer_id IN"
	" (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'owner' AND before IS NULL)",
	"UPDATE main.action_owner SET position = (SELECT json_extract(i.before, '$.position') FROM temp.undo_image i"
	"  WHERE i.step_id = ?1 AND i.part = 'owner' AND i.key = officer_id),"
	" written_as = (SELECT json_extract(i.before, '$.written_as') FROM temp.undo_image i"
	"  WHERE i.step_id = ?1 AND i.part = 'owner' AND i.key = officer_id)"
	" WHERE action_id = ?2 AND officer_id IN (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'owner'"
	"  AND before IS NOT NULL AND after IS NOT NULL)",
	"INSERT INTO main.action_owner(action_id, officer_id, position, written_as)"
	" SELECT ?2, key, json_extract(before, '$.position'), json_extract(before, '$.written_as') FROM temp.undo_image"
	" WHERE step_id = ?1 AND part = 'owner' AND after IS NULL ORDER BY key",
	"INSERT INTO main.audit(id, at, who, entity, entity_id, field, old, new)"
	" SELECT pb_new_id('audit') + (row_number() OVER (ORDER BY d.id) - 1) * " STORE_ID_STEP ", " AUDIT_NOW ", 'action', ?2, 'revision', trim(ifnull(d.to_on, '') || ' ' || ifnull('(' || d.reason || ')', '')), NULL"
	" FROM main.due_change d WHERE d.id IN (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'revision'"
	"  AND before IS NULL) ORDER BY d.id",
	"DELETE FROM main.due_change WHERE id IN"
	" (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'revision' AND before IS NULL)",
	"INSERT INTO main.due_change(id, action_id, seq, from_on, to_on, to_text, reason, changed_on, changed_by)"
	" SELECT key, ?2, json_extract(before, '$.seq'), json_extract(before, '$.from_on'), json_extract(before, '$.to_on'),"
	" json_extract(before, '$.to_text'), json_extract(before, '$.reason'), json_extract(before, '$.changed_on'),"
	" json_extract(before, '$.changed_by') FROM temp.undo_image WHERE step_id = ?1 AND part = 'revision' AND after IS NULL"
	" ORDER BY key",
	"DELETE FROM main.progress_update WHERE id IN"
	" (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'update' AND before IS NULL)",
	"INSERT INTO main.progress_update(id, action_id, period, noted_on, author, text, created_at)"
	" SELECT key, ?2, json_extract(before, '$.period'), json_extract(before, '$.noted_on'), json_extract(before, '$.author'),"
	" json_extract(before, '$.text'), json_extract(before, '$.created_at') FROM temp.undo_image"
	" WHERE step_id = ?1 AND part = 'update' AND after IS NULL ORDER BY key",
	"UPDATE main.action SET (plan_id, section_id, ref, ref_key, title, description, measure, target, outcome, status, rag,"
	" rag_reason, due_text, due_on, due_state, due_precision, completed_on, created_at, updated_at) = (SELECT"
	" json_extract(b, '$.plan_id'), json_extract(b, '$.section_id'), json_extract(b, '$.ref'), json_extract(b, '$.ref_key'),"
	" json_extract(b, '$.title'), json_extract(b, '$.description'), json_extract(b, '$.measure'), json_extract(b, '$.target'),"
	" json_extract(b, '$.outcome'), json_extract(b, '$.status'), json_extract(b, '$.rag'), json_extract(b, '$.rag_reason'),"
	" json_extract(b, '$.due_text'), json_extract(b, '$.due_on'), json_extract(b, '$.due_state'),"
	" json_extract(b, '$.due_precision'), json_extract(b, '$.completed_on'), json_extract(b, '$.created_at'),"
	" json_extract(b, '$.updated_at') FROM (SELECT before AS b FROM temp.undo_image WHERE step_id = ?1 AND part = 'action'))"
	" WHERE id = ?2 AND EXISTS (SELECT 1 FROM temp.undo_image WHERE step_id = ?1 AND part = 'action'"
	"  AND before IS NOT NULL AND after IS NOT NULL)",
};

static const char engagement_capture[] =
	"INSERT INTO temp.undo_capture(part, key, image) SELECT part, key, image FROM temp.undo_engagement_now"
	" WHERE engagement_id = ?1";

static const char engagement_keep[] =
	"INSERT INTO temp.undo_image(step_id, part, key, before, after)"
	" SELECT ?1, part, key, b, a FROM ("
	"  SELECT c.part AS part, c.key AS key, c.image AS b,"
	"   (SELECT n.image FROM temp.undo_engagement_now n WHERE n.engagement_id = ?2 AND n.part = c.part AND n.key = c.key) AS a"
	"  FROM temp.undo_capture c"
	"  UNION ALL SELECT n.part, n.key, NULL, n.image FROM temp.undo_engagement_now n WHERE n.engagement_id = ?2"
	"   AND NOT EXISTS (SELECT 1 FROM temp.undo_capture c WHERE c.part = n.part AND c.key = n.key))"
	" WHERE b IS NOT a";

static const char engagement_check[] =
	"SELECT count(*) FROM temp.undo_image i WHERE i.step_id = ?1 AND i.after IS NOT"
	" (SELECT n.image FROM temp.undo_engagement_now n WHERE n.engagement_id = ?2 AND n.part = i.part AND n.key = i.key)";

/* ?1 the step, ?2 the record: links the step made go, those it changed change back; a record it deleted comes back
 * with its id, one it changed changes back; the links it removed come back; a record it made goes. */
#define ENGAGEMENT_FROM_IMAGE(b) \
	"json_extract(" b ", '$.ref'), json_extract(" b ", '$.title'), json_extract(" b ", '$.team')," \
	" json_extract(" b ", '$.method_id'), json_extract(" b ", '$.location'), json_extract(" b ", '$.held_on')," \
	" json_extract(" b ", '$.held_until'), json_extract(" b ", '$.when_text'), json_extract(" b ", '$.frequency')," \
	" json_extract(" b ", '$.tenants'), json_extract(" b ", '$.tenants_basis'), json_extract(" b ", '$.tenants_scope')," \
	" json_extract(" b ", '$.tenants_text'), json_extract(" b ", '$.standard'), json_extract(" b ", '$.summary')," \
	" json_extract(" b ", '$.you_said'), json_extract(" b ", '$.we_did'), json_extract(" b ", '$.position')," \
	" json_extract(" b ", '$.created_at'), json_extract(" b ", '$.updated_at')"
#define ENGAGEMENT_IMAGE_COLUMNS \
	"ref, title, team, method_id, location, held_on, held_until, when_text, frequency, tenants, tenants_basis," \
	" tenants_scope, tenants_text, standard, summary, you_said, we_did, position, created_at, updated_at"

static const char *const engagement_restore[] = {
	"DELETE FROM main.engagement_action WHERE engagement_id = ?2 AND action_id IN"
	" (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'link' AND before IS NULL)",
	"UPDATE main.engagement_action SET position = (SELECT json_extract(i.before, '$.position') FROM temp.undo_image i"
	"  WHERE i.step_id = ?1 AND i.part = 'link' AND i.key = action_id)"
	" WHERE engagement_id = ?2 AND action_id IN (SELECT key FROM temp.undo_image WHERE step_id = ?1 AND part = 'link'"
	"  AND before IS NOT NULL AND after IS NOT NULL)",
	"INSERT INTO main.engagement(id, " ENGAGEMENT_IMAGE_COLUMNS ") SELECT ?2, " ENGAGEMENT_FROM_IMAGE("before")
	" FROM temp.undo_image WHERE step_id = ?1 AND part = 'engagement' AND after IS NULL",
	"UPDATE main.engagement SET (" ENGAGEMENT_IMAGE_COLUMNS ") = (SELECT " ENGAGEMENT_FROM_IMAGE("b")
	" FROM (SELECT before AS b FROM temp.undo_image WHERE step_id = ?1 AND part = 'engagement'))"
	" WHERE id = ?2 AND EXISTS (SELECT 1 FROM temp.undo_image WHERE step_id = ?1 AND part = 'engagement'"
	"  AND before IS NOT NULL AND after IS NOT NULL)",
	"INSERT INTO main.engagement_action(engagement_id, action_id, position)"
	" SELECT ?2, key, json_extract(before, '$.position') FROM temp.undo_image"
	" WHERE step_id = ?1 AND part = 'link' AND after IS NULL ORDER BY key",
	"DELETE FROM main.engagement WHERE id = ?2 AND EXISTS (SELECT 1 FROM temp.undo_image WHERE step_id = ?1"
	" AND part = 'engagement' AND before IS NULL)",
};

static const char method_capture[] =
	"INSERT INTO temp.undo_capture(part, key, image) SELECT part, key, image FROM temp.undo_method_now WHERE method_id = ?1";

static const char method_keep[] =
	"INSERT INTO temp.undo_image(step_id, part, key, before, after)"
	" SELECT ?1, part, key, b, a FROM ("
	"  SELECT c.part AS part, c.key AS key, c.image AS b,"
	"   (SELECT n.image FROM temp.undo_method_now n WHERE n.method_id = ?2 AND n.part = c.part AND n.key = c.key) AS a"
	"  FROM temp.undo_capture c"
	"  UNION ALL SELECT n.part, n.key, NULL, n.image FROM temp.undo_method_now n WHERE n.method_id = ?2"
	"   AND NOT EXISTS (SELECT 1 FROM temp.undo_capture c WHERE c.part = n.part AND c.key = n.key))"
	" WHERE b IS NOT a";

static const char method_check[] =
	"SELECT count(*) FROM temp.undo_image i WHERE i.step_id = ?1 AND i.after IS NOT"
	" (SELECT n.image FROM temp.undo_method_now n WHERE n.method_id = ?2 AND n.part = i.part AND n.key = i.key)";

/* ?1 the step, ?2 the method: a method it changed changes back, one it made goes. */
static const char *const method_restore[] = {
	"UPDATE main.engagement_method SET (name, formality, description, position) = (SELECT json_extract(b, '$.name'),"
	" json_extract(b, '$.formality'), json_extract(b, '$.description'), json_extract(b, '$.position')"
	" FROM (SELECT before AS b FROM temp.undo_image WHERE step_id = ?1 AND part = 'method'))"
	" WHERE id = ?2 AND EXISTS (SELECT 1 FROM temp.undo_image WHERE step_id = ?1 AND part = 'method'"
	"  AND before IS NOT NULL AND after IS NOT NULL)",
	"DELETE FROM main.engagement_method WHERE id = ?2 AND EXISTS (SELECT 1 FROM temp.undo_image WHERE step_id = ?1"
	" AND part = 'method' AND before IS NULL)",
};

/* The newest closed step: its id, what it changed (entity, action_id), audit_to, whether it made it, and what it
 * was. */
struct step_row {
	long id, action_id, audit_to;
	char entity[16];
	bool new_action;
	char what[512];
};

/* One kind of thing a step changes. */
struct kind {
	const char *entity; /* as undo_step and the audit trail name it */
	const char *noun;   /* in messages: "the action" */
	const char *see;    /* where its history is seen */
	const char *capture, *keep, *check;
	const char *const *restore;
	size_t nrestore;
	/* Refuses (PB_BAD_INPUT, nothing done) what restoring would break beyond the rows the step touched; may be NULL. */
	int (*guard)(struct store *s, const struct step_row *r, struct pb_error *e);
	/* Runs after the restore statements (may be NULL). */
	int (*after)(struct store *s, const struct step_row *r, struct pb_error *e);
};

static int action_guard(struct store *s, const struct step_row *r, struct pb_error *e);
static int action_after(struct store *s, const struct step_row *r, struct pb_error *e);
static int engagement_guard(struct store *s, const struct step_row *r, struct pb_error *e);
static int method_guard(struct store *s, const struct step_row *r, struct pb_error *e);

#define N(a) (sizeof a / sizeof a[0])
static const struct kind kinds[] = {
	{"action", "the action", "h shows the action's history", action_capture, action_keep, action_check, action_restore, N(action_restore),
	 action_guard, action_after},
	{"engagement", "the engagement record", "the record in full shows its history", engagement_capture, engagement_keep, engagement_check, engagement_restore,
	 N(engagement_restore), engagement_guard, NULL},
	{"method", "the method", "the audit trail has the change", method_capture, method_keep, method_check, method_restore, N(method_restore),
	 method_guard, NULL},
};
enum { K_ACTION, K_ENGAGEMENT, K_METHOD };

static const struct kind *kind_of(const char *entity)
{
	for (size_t i = 0; i < N(kinds); i++)
		if (strcmp(kinds[i].entity, entity) == 0)
			return &kinds[i];
	return &kinds[K_ACTION];
}

/* ---- recording a change ---- */

/* Opens a step of kind k for thing id (0 for a new one), remembering its rows as they are. */
static int begin_step(struct store *s, const struct kind *k, long id, struct pb_error *e)
{
	static const char clear[] = "DELETE FROM temp.undo_capture";
	static const char open_step[] =
		"INSERT INTO temp.undo_step(entity, action_id, new_action, audit_from)"
		" VALUES (?2, ?1, ?1 = 0, (SELECT ifnull(max(id), 0) FROM main.audit))";
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = journal(s, e);
	if (status == PB_OK)
		status = run1(s, clear, 0, "starting the undo journal", e);
	if (status == PB_OK)
		status = run1(s, k->capture, id, "remembering how it was", e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, open_step, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, k->entity, -1, SQLITE_STATIC);
		status = step(s, st, "remembering how it was", e);
	}
	if (status != PB_OK)
		store_rollback(s);
	return status;
}

/* The id and audit_from of the step begin_step opened; 0 when none is open. */
static long open_step(struct store *s, long *audit_from)
{
	static const char sql[] = "SELECT id, audit_from FROM temp.undo_step WHERE open = 1 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	long id = 0;
	if (!st)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*audit_from = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return id;
}

/* Closes the open step of kind k on thing id: see store_undo_end. */
static int end_step(struct store *s, const struct kind *k, long id, const char *what, int status, bool *recorded,
		    struct pb_error *e)
{
	static const char close_step[] =
		"UPDATE temp.undo_step SET action_id = ?2, what = ?3, open = 0,"
		" audit_to = (SELECT ifnull(max(id), 0) FROM main.audit) WHERE id = ?1";
	static const char drop_step[] = "DELETE FROM temp.undo_step WHERE id = ?1";
	static const char ranges[] = "INSERT INTO temp.undo_audit(from_id, to_id) SELECT audit_from, audit_to FROM temp.undo_step WHERE id = ?1";
	static const char clear[] = "DELETE FROM temp.undo_capture";
	long from = 0, step_id = status == PB_OK ? open_step(s, &from) : 0;
	if (recorded)
		*recorded = false;
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	if (!step_id)
		status = pb_fail(e, PB_FAIL, "internal error: a change was ended that was not started");
	if (status == PB_OK)
		status = run2(s, k->keep, step_id, id, "remembering the change", e);
	bool changed = status == PB_OK && sqlite3_changes(s->db) > 0;
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, close_step, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, step_id);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_text(st, 3, what ? what : "", -1, SQLITE_TRANSIENT);
		status = step(s, st, "remembering the change", e);
	}
	if (status == PB_OK)
		status = run1(s, changed ? ranges : drop_step, step_id, "remembering the change", e);
	if (status == PB_OK)
		status = run1(s, clear, 0, "remembering the change", e);
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	status = store_commit(s, e);
	if (recorded)
		*recorded = status == PB_OK && changed;
	return status;
}

int store_undo_begin(struct store *s, long action_id, struct pb_error *e)
{
	return begin_step(s, &kinds[K_ACTION], action_id, e);
}

int store_undo_end(struct store *s, long action_id, const char *what, int status, bool *recorded, struct pb_error *e)
{
	return end_step(s, &kinds[K_ACTION], action_id, what, status, recorded, e);
}

int store_engagement_undo_begin(struct store *s, long id, struct pb_error *e)
{
	return begin_step(s, &kinds[K_ENGAGEMENT], id, e);
}

int store_engagement_undo_end(struct store *s, long id, const char *what, int status, bool *recorded, struct pb_error *e)
{
	return end_step(s, &kinds[K_ENGAGEMENT], id, what, status, recorded, e);
}

int store_method_undo_begin(struct store *s, long id, struct pb_error *e)
{
	return begin_step(s, &kinds[K_METHOD], id, e);
}

int store_method_undo_end(struct store *s, long id, const char *what, int status, bool *recorded, struct pb_error *e)
{
	return end_step(s, &kinds[K_METHOD], id, what, status, recorded, e);
}

/* ---- undoing ---- */

static bool newest_step(struct store *s, struct step_row *r)
{
	static const char sql[] =
		"SELECT id, action_id, audit_to, new_action, what, entity FROM temp.undo_step WHERE open = 0 ORDER BY id DESC LIMIT 1";
	if (journal(s, NULL) != PB_OK)
		return false;
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	bool found = st && sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		r->id = sqlite3_column_int64(st, 0);
		r->action_id = sqlite3_column_int64(st, 1);
		r->audit_to = sqlite3_column_int64(st, 2);
		r->new_action = sqlite3_column_int(st, 3) != 0;
		snprintf(r->what, sizeof r->what, "%s", store_col(st, 4));
		snprintf(r->entity, sizeof r->entity, "%s", store_col(st, 5));
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

/* The action a step changed; 0 for a step on something else. */
static long action_of(const struct step_row *r)
{
	return strcmp(r->entity, "action") == 0 ? r->action_id : 0;
}

bool store_undo_peek(struct store *s, long *action_id, char *what, size_t len)
{
	struct step_row r;
	if (!newest_step(s, &r))
		return false;
	if (action_id)
		*action_id = action_of(&r);
	if (what && len)
		snprintf(what, len, "%s", r.what);
	return true;
}

int store_undo_count(struct store *s)
{
	static const char sql[] = "SELECT count(*) FROM temp.undo_step WHERE open = 0";
	if (journal(s, NULL) != PB_OK)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	return st ? (int)store_one_int(st) : 0;
}

/* The refusal when a row the step touched is no longer as the step left it: who changed it, from the audit
 * entries of the thing that are not this session's. */
static int changed_since(struct store *s, const struct kind *k, const struct step_row *r, struct pb_error *e)
{
	static const char sql[] =
		"SELECT ifnull(a.who, 'someone'), a.at, ifnull(a.field, '') FROM main.audit a"
		" WHERE a.entity = ?3 AND a.entity_id = ?1 AND a.id > ?2"
		" AND NOT EXISTS (SELECT 1 FROM temp.undo_audit u WHERE a.id > u.from_id AND a.id <= u.to_id)"
		" ORDER BY a.id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, r->action_id);
	sqlite3_bind_int64(st, 2, r->audit_to);
	sqlite3_bind_text(st, 3, k->entity, -1, SQLITE_STATIC);
	char who[160] = "", at[40] = "", field[64] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(who, sizeof who, "%s", store_col(st, 0));
		snprintf(at, sizeof at, "%s", store_col(st, 1));
		snprintf(field, sizeof field, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	if (*who)
		return pb_fail(e, PB_BAD_INPUT, "cannot undo: %s has changed %s since (%s%s at %s), and undoing would"
			       " overwrite that; nothing was undone (\"%s\") — %s", who, k->noun,
			       *field ? field : k->noun, *field ? "" : " itself", at, r->what, k->see);
	return pb_fail(e, PB_BAD_INPUT, "cannot undo: %s has been changed since outside planbench; nothing was"
		       " undone (\"%s\") — open %s to see it as it is now", k->noun, r->what, k->noun);
}

/* Whether every row the step touched is as the step left it, and nothing else stands in the way. */
static int check_unchanged(struct store *s, const struct kind *k, const struct step_row *r, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, k->check, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->action_id);
	if (store_one_int(st) > 0)
		return changed_since(s, k, r, e);
	return k->guard ? k->guard(s, r, e) : PB_OK;
}

/* A new action is deleted by its undo: nothing may hang from it that the step did not make. */
static int action_guard(struct store *s, const struct step_row *r, struct pb_error *e)
{
	static const char extra[] =
		"SELECT (SELECT count(*) FROM main.due_change WHERE action_id = ?1) + (SELECT count(*) FROM main.progress_update"
		" WHERE action_id = ?1) + (SELECT count(*) FROM main.engagement_action WHERE action_id = ?1)"
		" + (SELECT count(*) FROM main.review_item WHERE action_id = ?1) + (SELECT count(*) FROM main.snapshot_action"
		" WHERE action_id = ?1) + (SELECT count(*) FROM main.action_owner o WHERE o.action_id = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM temp.undo_image i WHERE i.step_id = ?2 AND i.part = 'owner' AND i.key = o.officer_id))";
	if (!r->new_action)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, extra, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, r->action_id);
	sqlite3_bind_int64(st, 2, r->id);
	if (store_one_int(st) > 0)
		return pb_fail(e, PB_BAD_INPUT, "cannot undo \"%s\": the new action has updates, revisions, owners or links"
			       " added since, which deleting it would lose; nothing was undone", r->what);
	return PB_OK;
}

/* A new record is deleted by its undo: no link may hang from it that the step did not make. A deleted record comes
 * back under its ref, which must still be free. */
static int engagement_guard(struct store *s, const struct step_row *r, struct pb_error *e)
{
	static const char extra[] =
		"SELECT count(*) FROM main.engagement_action l WHERE l.engagement_id = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM temp.undo_image i WHERE i.step_id = ?2 AND i.part = 'link' AND i.key = l.action_id)";
	static const char ref_taken[] =
		"SELECT g.ref FROM temp.undo_image i JOIN main.engagement g ON g.ref = json_extract(i.before, '$.ref')"
		" WHERE i.step_id = ?1 AND i.part = 'engagement' AND i.after IS NULL";
	sqlite3_stmt *st = store_stmt(s, r->new_action ? extra : ref_taken, e);
	if (!st)
		return e->status;
	if (r->new_action) {
		sqlite3_bind_int64(st, 1, r->action_id);
		sqlite3_bind_int64(st, 2, r->id);
		if (store_one_int(st) > 0)
			return pb_fail(e, PB_BAD_INPUT, "cannot undo \"%s\": actions have been linked to the new record since, which"
				       " deleting it would lose; nothing was undone", r->what);
		return PB_OK;
	}
	sqlite3_bind_int64(st, 1, r->id);
	char ref[64] = "";
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(ref, sizeof ref, "%s", store_col(st, 0));
	sqlite3_reset(st);
	if (*ref)
		return pb_fail(e, PB_BAD_INPUT, "cannot undo \"%s\": another record has been given the ref %s since, so the"
			       " deleted record cannot have it back; nothing was undone", r->what, ref);
	return PB_OK;
}

/* A new method is deleted by its undo: no record may use it. */
static int method_guard(struct store *s, const struct step_row *r, struct pb_error *e)
{
	static const char used[] = "SELECT count(*) FROM main.engagement WHERE method_id = ?1";
	if (!r->new_action)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, used, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, r->action_id);
	long n = store_one_int(st);
	if (n > 0)
		return pb_fail(e, PB_BAD_INPUT, "cannot undo \"%s\": %ld engagement record%s use%s the new method since;"
			       " nothing was undone", r->what, n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	return PB_OK;
}

/* Deletes the action a step made, and closes the gap it left in its plan's order. */
static int action_after(struct store *s, const struct step_row *r, struct pb_error *e)
{
	static const char where[] = "SELECT plan_id, position FROM main.action WHERE id = ?1";
	static const char del[] = "DELETE FROM main.action WHERE id = ?1";
	static const char close_gap[] = "UPDATE main.action SET position = position - 1 WHERE plan_id = ?1 AND position > ?2";
	if (!r->new_action)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, where, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, r->action_id);
	long plan_id = 0, position = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		plan_id = sqlite3_column_int64(st, 0);
		position = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (run1(s, del, r->action_id, "deleting the new action", e) != PB_OK)
		return e->status;
	return run2(s, close_gap, plan_id, position, "deleting the new action", e);
}

/* Puts the step's "before" images back and records the undo in the audit trail and the session's ranges. */
static int restore(struct store *s, const struct kind *k, const struct step_row *r, struct pb_error *e)
{
	static const char audit_from[] = "SELECT ifnull(max(id), 0) FROM main.audit";
	static const char note[] =
		"INSERT INTO main.audit(id, at, who, entity, entity_id, field, old, new) VALUES (pb_new_id('audit'), " AUDIT_NOW ", ?3, ?1, 'undo', NULL, ?2)";
	static const char ranges[] = "INSERT INTO temp.undo_audit(from_id, to_id) SELECT ?1, ifnull(max(id), 0) FROM main.audit";
	static const char forget[] = "DELETE FROM temp.undo_image WHERE step_id = ?1";
	static const char forget_step[] = "DELETE FROM temp.undo_step WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, audit_from, e);
	if (!st)
		return e->status;
	long from = store_one_int(st);
	int status = PB_OK;
	for (size_t i = 0; status == PB_OK && i < k->nrestore; i++)
		status = run2(s, k->restore[i], r->id, r->action_id, "undoing the change", e);
	if (status == PB_OK && k->after)
		status = k->after(s, r, e);
	if (status == PB_OK && (st = store_stmt(s, note, e)) != NULL) {
		char text[600];
		snprintf(text, sizeof text, "undid: %s", r->what);
		sqlite3_bind_int64(st, 1, r->action_id);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, k->entity, -1, SQLITE_STATIC);
		status = step(s, st, "recording the undo", e);
	} else if (status == PB_OK) {
		status = e->status;
	}
	if (status == PB_OK)
		status = run1(s, ranges, from, "recording the undo", e);
	if (status == PB_OK)
		status = run1(s, forget, r->id, "recording the undo", e);
	if (status == PB_OK)
		status = run1(s, forget_step, r->id, "recording the undo", e);
	return status;
}

int store_undo(struct store *s, long *action_id, char *what, size_t len, struct pb_error *e)
{
	struct step_row r;
	const struct kind *k = NULL;
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = journal(s, e);
	if (status == PB_OK && !newest_step(s, &r))
		status = pb_fail(e, PB_BAD_INPUT, "nothing to undo: no change made in this session is left to undo");
	if (status == PB_OK) {
		k = kind_of(r.entity);
		if (action_id)
			*action_id = action_of(&r);
		if (what && len)
			snprintf(what, len, "%s", r.what);
		status = check_unchanged(s, k, &r, e);
	}
	if (status == PB_OK)
		status = restore(s, k, &r, e);
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}
