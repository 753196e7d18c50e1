/* sync_apply.c — applying a change-set file from another replica in one transaction, and the rules that resolve
 * what was changed on both sides:
 *   - a field changed here and there: the newer edit wins, per field, by the times in the audit trail of each side
 *     (a tie goes to the audit row with the larger id, the same choice on every replica); fields without an audit
 *     trail (updated_at, positions) keep the larger value; an action's leads are recounted from its owners;
 *   - a row deleted on one side and changed on the other: the deletion wins;
 *   - a new row whose unique name is taken here (two laptops adding the same engagement ref): both are kept, the one
 *     with the larger id renamed "REF~N"; a revision number taken twice: both kept, renumbered (see renumber); a
 *     duplicate alias or review item: the one with the smaller id kept;
 *   - a row referring to something deleted here: dropped.
 * Every one is told to the caller and recorded in the audit trail (field "conflict: FIELD"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backup.h"
#include "store/sync_file.h"

#define MAX_COLUMNS 40
#define RENUMBER_OFFSET 1000000000LL
#define SYNC_APPLY_CACHE_KB "65536"

struct deferred {
	const struct sync_table *t;
	int ncol;
	sqlite3_value *v[MAX_COLUMNS];
};

struct applying {
	struct store *s;
	const struct sync_import_opts *o;
	struct sync_import_result *r;
	const char *from_name; /* the replica the file came from */
	struct deferred *def;
	int ndef, capdef;
	sqlite3_int64 leads[64]; /* actions whose leads are recounted after the entry */
	int nleads;
	bool fk;
	int status; /* the first failure inside the conflict handler */
	struct pb_error *e;
};

/* ---- small helpers ---- */

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
	if (!a || !b)
		return a == b;
	int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
	if (ta != tb)
		return (ta == SQLITE_INTEGER || ta == SQLITE_FLOAT) && (tb == SQLITE_INTEGER || tb == SQLITE_FLOAT) &&
		       sqlite3_value_double(a) == sqlite3_value_double(b);
	switch (ta) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		return n == sqlite3_value_bytes(b) && memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)n) == 0;
	}
	}
}

/* Orders values the same way on every replica: NULL first, numbers, then text by bytes. */
static int compare_values(sqlite3_value *a, sqlite3_value *b)
{
	int ta = a ? sqlite3_value_type(a) : SQLITE_NULL, tb = b ? sqlite3_value_type(b) : SQLITE_NULL;
	bool na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT, nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;
	if (ta == SQLITE_NULL || tb == SQLITE_NULL)
		return (ta != SQLITE_NULL) - (tb != SQLITE_NULL);
	if (na || nb) {
		if (!(na && nb))
			return na ? -1 : 1;
		double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
		return (x > y) - (x < y);
	}
	int la = sqlite3_value_bytes(a), lb = sqlite3_value_bytes(b);
	int c = memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)(la < lb ? la : lb));
	return c ? c : (la > lb) - (la < lb);
}

static const char *text_of(sqlite3_value *v)
{
	const unsigned char *t = v ? sqlite3_value_text(v) : NULL;
	return t ? (const char *)t : "";
}

/* The columns of a table of ours, in order; their count, or -1. */
static int column_names(struct store *s, const char *table, char names[MAX_COLUMNS][40])
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	int n = 0;
	snprintf(sql, sizeof sql, "PRAGMA main.table_info(%s)", table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (n < MAX_COLUMNS && sqlite3_step(st) == SQLITE_ROW)
		snprintf(names[n++], 40, "%s", store_col(st, 1));
	sqlite3_finalize(st);
	return n;
}

/* How people know a row: "HIP-2627:SQ5" for an action, the ref of an engagement, else "TABLE ID". */
static void describe_row(struct store *s, const struct sync_table *t, sqlite3_int64 id, char *out, size_t len)
{
	static const char action[] = "SELECT p.code || ':' || a.ref FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1";
	static const char engagement[] = "SELECT ref FROM engagement WHERE id = ?1";
	const char *sql = strcmp(t->name, "action") == 0 ? action : strcmp(t->name, "engagement") == 0 ? engagement : NULL;
	sqlite3_stmt *st = sql ? store_stmt(s, sql, NULL) : NULL;
	snprintf(out, len, "%s %lld", t->name, (long long)id);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, len, "%s", store_col(st, 0));
	sqlite3_reset(st);
}

static int fail_inside(struct applying *a, int status)
{
	if (a->status == PB_OK)
		a->status = status;
	return SQLITE_CHANGESET_ABORT;
}

/* Tells the caller of a conflict and records it in the audit trail. */
static void report(struct applying *a, const struct sync_table *t, sqlite3_int64 id, const struct sync_conflict_row *c)
{
	static const char audit[] =
		"INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)"
		" VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), 'sync', ?1, ?2, ?3, ?4, ?5)";
	char field[96], old[1200], new[1400];
	a->r->conflicts++;
	snprintf(field, sizeof field, "conflict: %s", c->field[0] ? c->field : "row");
	snprintf(old, sizeof old, "%s (here%s%s%s%s)", c->local_value, c->local_who[0] ? ": " : "", c->local_who,
		 c->local_at[0] ? " " : "", c->local_at);
	snprintf(new, sizeof new, "%s (from %s%s%s%s%s); %s — %s", c->incoming_value, a->from_name, c->incoming_who[0] ? ": " : "",
		 c->incoming_who, c->incoming_at[0] ? " " : "", c->incoming_at,
		 c->both_kept ? "both kept" : c->incoming_won ? "theirs kept" : "ours kept", c->rule);
	sqlite3_stmt *st = store_stmt(a->s, audit, a->e);
	if (!st) {
		fail_inside(a, a->e->status);
		return;
	}
	sqlite3_bind_text(st, 1, t->audit ? t->audit : t->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, new, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_inside(a, store_sql_fail(a->s, a->e, "recording a conflict"));
	sqlite3_reset(st);
	if (a->o->conflict && a->status == PB_OK) {
		int status = a->o->conflict(a->o->ctx, c);
		if (status != PB_OK)
			fail_inside(a, pb_fail(a->e, status, "stopped"));
	}
}

/* A conflict about a whole row. */
static void report_row(struct applying *a, const struct sync_table *t, sqlite3_int64 id, const char *ref, bool incoming_won,
		       const char *rule)
{
	char name[128];
	if (!ref)
		describe_row(a->s, t, id, name, sizeof name), ref = name;
	struct sync_conflict_row c = {t->audit ? t->audit : t->kind, ref, "", "", "", "", "", "", "", incoming_won, rule, false};
	report(a, t, id, &c);
}

static sqlite3_int64 row_id(sqlite3_changeset_iter *it, int op)
{
	sqlite3_value *v = NULL;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, 0, &v);
	else
		sqlite3changeset_old(it, 0, &v);
	return v ? sqlite3_value_int64(v) : 0;
}

/* ---- a field changed on both sides ---- */

/* The audit trail's name for a column whose changes it records, or NULL. */
static const char *audited_field(const struct sync_table *t, const char *col)
{
	static const char *const housekeeping[] = {"id", "updated_at", "created_at", "position", "leads", "plan_id"};
	if (!t->audit)
		return NULL;
	for (size_t i = 0; i < sizeof housekeeping / sizeof housekeeping[0]; i++)
		if (strcmp(col, housekeeping[i]) == 0)
			return NULL;
	if (strcmp(col, "section_id") == 0)
		return "section";
	if (strcmp(col, "method_id") == 0)
		return "method";
	if (strcmp(col, "ref_key") == 0)
		return "ref";
	if (strcmp(col, "due_precision") == 0)
		return "due_on";
	return col;
}

struct edit {
	char at[SYNC_AT_LEN], who[128];
	sqlite3_int64 id;
};

/* The latest audit entry for the field: of the incoming change set (temp.sync_incoming) or of this database. */
static void latest_edit(struct store *s, bool incoming, const char *entity, sqlite3_int64 id, const char *field, struct edit *out)
{
	static const char theirs[] =
		"SELECT at, ifnull(who, ''), id FROM temp.sync_incoming WHERE entity = ?1 AND entity_id = ?2 AND field = ?3"
		" ORDER BY at DESC, id DESC LIMIT 1";
	static const char ours[] =
		"SELECT at, ifnull(who, ''), id FROM main.audit WHERE entity = ?1 AND entity_id = ?2 AND field = ?3"
		" AND id NOT IN (SELECT id FROM temp.sync_incoming) ORDER BY at DESC, id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, incoming ? theirs : ours, NULL);
	memset(out, 0, sizeof *out);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out->at, sizeof out->at, "%s", store_col(st, 0));
		snprintf(out->who, sizeof out->who, "%s", store_col(st, 1));
		out->id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
}

/* Sets one column of the row the change is about (its primary key from the change's old values). */
static int set_column(struct applying *a, const struct sync_table *t, sqlite3_changeset_iter *it, char names[][40], int ncol,
		      int col, sqlite3_value *v)
{
	char sql[512];
	unsigned char *pk;
	int npk, len, bind = 2;
	sqlite3changeset_pk(it, &pk, &npk);
	len = snprintf(sql, sizeof sql, "UPDATE main.%s SET %s = ?1 WHERE 1", t->name, names[col]);
	for (int i = 0; i < ncol && i < npk; i++)
		if (pk[i])
			len += snprintf(sql + len, sizeof sql - (size_t)len, " AND %s = ?%d", names[i], bind++);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(a->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_sql_fail(a->s, a->e, "applying a change");
	sqlite3_bind_value(st, 1, v);
	bind = 2;
	for (int i = 0; i < ncol && i < npk; i++) {
		sqlite3_value *k = NULL;
		if (pk[i] && sqlite3changeset_old(it, i, &k) == SQLITE_OK)
			sqlite3_bind_value(st, bind++, k);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(a->s, a->e, "applying a change");
}

/* A field both sides changed: which value stays, by the rule at the top of this file. */
static bool incoming_wins(struct applying *a, const struct sync_table *t, sqlite3_int64 id, const char *field, sqlite3_value *mine,
			  sqlite3_value *theirs, struct edit *here, struct edit *there)
{
	if (!field) {
		memset(here, 0, sizeof *here), memset(there, 0, sizeof *there);
		return compare_values(theirs, mine) > 0;
	}
	latest_edit(a->s, true, t->audit, id, field, there);
	latest_edit(a->s, false, t->audit, id, field, here);
	int c = strcmp(there->at, here->at);
	return c > 0 || (c == 0 && there->id > here->id);
}

static void note_leads(struct applying *a, sqlite3_int64 action)
{
	for (int i = 0; i < a->nleads; i++)
		if (a->leads[i] == action)
			return;
	if (a->nleads < (int)(sizeof a->leads / sizeof a->leads[0]))
		a->leads[a->nleads++] = action;
}

static int resolve_update(struct applying *a, const struct sync_table *t, sqlite3_changeset_iter *it, int ncol)
{
	char names[MAX_COLUMNS][40], ref[128];
	if (column_names(a->s, t->name, names) < ncol || ncol > MAX_COLUMNS)
		return fail_inside(a, pb_fail(a->e, PB_FAIL, "%s: a change to table %s does not match this database's columns;"
					      " nothing was changed", a->s->path, t->name));
	sqlite3_int64 id = row_id(it, SQLITE_UPDATE);
	describe_row(a->s, t, id, ref, sizeof ref);
	for (int i = 0; i < ncol && a->status == PB_OK; i++) {
		sqlite3_value *theirs = NULL, *before = NULL, *mine = NULL;
		sqlite3changeset_new(it, i, &theirs);
		if (!theirs)
			continue;
		sqlite3changeset_old(it, i, &before);
		sqlite3changeset_conflict(it, i, &mine);
		if (same_value(mine, theirs))
			continue;
		bool take = same_value(mine, before);
		if (!take && t->action_col == 0 && strcmp(names[i], "leads") == 0) {
			note_leads(a, id);
			continue;
		}
		const char *field = audited_field(t, names[i]);
		bool listed = !take && (field || !t->audit);
		struct edit here, there;
		if (!take)
			take = incoming_wins(a, t, id, field, mine, theirs, &here, &there);
		if (take && set_column(a, t, it, names, ncol, i, theirs) != PB_OK)
			return fail_inside(a, a->e->status);
		if (listed) {
			struct sync_conflict_row c = {t->audit ? t->audit : t->kind, ref, field ? field : names[i], text_of(mine),
						      here.who, here.at, text_of(theirs), there.who, there.at, take,
						      field ? "the newer edit wins" : "no edit times kept for it: the larger value wins", false};
			report(a, t, id, &c);
		}
	}
	return SQLITE_CHANGESET_OMIT;
}

/* ---- new rows whose unique name or number is taken here ---- */

struct unique_rule {
	const char *table;
	const char *find; /* the id of the row here holding the same unique values (?1, ?2 from cols) */
	int cols[2], ncols;
	char how;	  /* 'r' rename the row with the larger id, 'n' renumber, 'k' keep the smaller id */
	int rename[2];	  /* columns renamed ('r'); -1 for none */
};

static const struct unique_rule unique_rules[] = {
	{"plan", "SELECT id FROM plan WHERE code = ?1", {1, 0}, 1, 'r', {1, -1}},
	{"section", "SELECT id FROM section WHERE plan_id = ?1 AND code = ?2", {1, 3}, 2, 'r', {3, -1}},
	{"officer", "SELECT id FROM officer WHERE name_key = ?1", {2, 0}, 1, 'r', {2, -1}},
	{"officer_alias", "SELECT id FROM officer_alias WHERE alias_key = ?1", {3, 0}, 1, 'k', {-1, -1}},
	{"engagement_method", "SELECT id FROM engagement_method WHERE name = ?1", {1, 0}, 1, 'r', {1, -1}},
	{"action", "SELECT id FROM action WHERE plan_id = ?1 AND ref = ?2", {1, 3}, 2, 'r', {3, 4}},
	{"due_change", "SELECT id FROM due_change WHERE action_id = ?1 AND seq = ?2", {1, 2}, 2, 'n', {-1, -1}},
	{"engagement", "SELECT id FROM engagement WHERE ref = ?1", {1, 0}, 1, 'r', {1, -1}},
	{"review_item", "SELECT id FROM review_item WHERE review_id = ?1 AND action_id = ?2", {1, 2}, 2, 'k', {-1, -1}},
};

static int defer_insert(struct applying *a, const struct sync_table *t, sqlite3_changeset_iter *it, int ncol)
{
	if (ncol > MAX_COLUMNS)
		return fail_inside(a, pb_fail(a->e, PB_FAIL, "%s: a row of table %s has more columns than this planbench knows", a->s->path, t->name));
	if (a->ndef == a->capdef) {
		int cap = a->capdef ? a->capdef * 2 : 8;
		struct deferred *d = realloc(a->def, (size_t)cap * sizeof *d);
		if (!d)
			return fail_inside(a, pb_fail(a->e, PB_FAIL, "out of memory"));
		a->def = d, a->capdef = cap;
	}
	struct deferred *d = &a->def[a->ndef++];
	d->t = t, d->ncol = ncol;
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *v = NULL;
		sqlite3changeset_new(it, i, &v);
		d->v[i] = v ? sqlite3_value_dup(v) : NULL;
	}
	return SQLITE_CHANGESET_OMIT;
}

/* Inserts a deferred row; column rename_col gets rename (when not NULL), column 2 of a revision gets seq (when > 0). */
static int insert_row(struct applying *a, const struct deferred *d, const int rename_cols[2], const char *suffix, sqlite3_int64 seq)
{
	char names[MAX_COLUMNS][40], sql[1024];
	if (column_names(a->s, d->t->name, names) < d->ncol)
		return pb_fail(a->e, PB_FAIL, "%s: a row of table %s does not match this database's columns", a->s->path, d->t->name);
	int len = snprintf(sql, sizeof sql, "INSERT INTO main.%s(", d->t->name);
	for (int i = 0; i < d->ncol; i++)
		len += snprintf(sql + len, sizeof sql - (size_t)len, "%s%s", i ? ", " : "", names[i]);
	len += snprintf(sql + len, sizeof sql - (size_t)len, ") VALUES (");
	for (int i = 0; i < d->ncol; i++)
		len += snprintf(sql + len, sizeof sql - (size_t)len, "%s?%d", i ? ", " : "", i + 1);
	snprintf(sql + len, sizeof sql - (size_t)len, ")");
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(a->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_sql_fail(a->s, a->e, "applying a change");
	for (int i = 0; i < d->ncol; i++) {
		if (suffix && (i == rename_cols[0] || i == rename_cols[1])) {
			char *t = sqlite3_mprintf("%s%s", text_of(d->v[i]), suffix);
			sqlite3_bind_text(st, i + 1, t, -1, sqlite3_free);
		} else if (seq > 0 && i == 2) {
			sqlite3_bind_int64(st, i + 1, seq);
		} else if (d->v[i]) {
			sqlite3_bind_value(st, i + 1, d->v[i]);
		}
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(a->s, a->e, "applying a change");
}

static int exec_one(struct applying *a, const char *sql, sqlite3_int64 x)
{
	sqlite3_stmt *st = store_stmt(a->s, sql, a->e);
	if (!st)
		return a->e->status;
	sqlite3_bind_int64(st, 1, x);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(a->s, a->e, "resolving a conflict");
}

/* The id of the action's revision numbered seq here, or 0. */
static sqlite3_int64 revision_numbered(struct applying *a, sqlite3_int64 action, sqlite3_int64 seq)
{
	static const char sql[] = "SELECT id FROM due_change WHERE action_id = ?1 AND seq = ?2";
	sqlite3_stmt *st = store_stmt(a->s, sql, a->e);
	sqlite3_int64 id = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, action);
	sqlite3_bind_int64(st, 2, seq);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* A revision as a conflict shows it, once renumbered: "4: to 2026-12-31, Supplier slow", who made it and on what day. */
struct revision_text {
	char value[600], who[128], at[32];
};
static void describe_revision(struct applying *a, sqlite3_int64 id, struct revision_text *r)
{
	static const char sql[] = "SELECT seq || ': to ' || ifnull(to_on, 'no date') || ', ' || reason, ifnull(changed_by, ''),"
				  " ifnull(changed_on, '') FROM due_change WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(a->s, sql, a->e);
	r->value[0] = r->who[0] = r->at[0] = '\0';
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(r->value, sizeof r->value, "%s", store_col(st, 0));
		snprintf(r->who, sizeof r->who, "%s", store_col(st, 1));
		snprintf(r->at, sizeof r->at, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
}

/* Two revisions with one number: both kept, the action's revisions numbered again by number, then the one that set the
 * action's current target last (the newer edit of the target won on every replica alike), then id; each then starts
 * where the one before it ended. Lifted revisions keep their old number modulo RENUMBER_OFFSET while moved aside. */
static int renumber(struct applying *a, const struct deferred *d)
{
	static const char lift[] = "UPDATE due_change SET seq = seq + 1000000000 WHERE action_id = ?1";
	static const char again[] =
		"UPDATE due_change SET seq = r.n FROM (SELECT d.id, row_number() OVER (ORDER BY d.seq % 1000000000,"
		" d.to_on IS (SELECT due_on FROM action WHERE id = ?1), d.id) AS n FROM due_change d WHERE d.action_id = ?1) AS r"
		" WHERE due_change.id = r.id";
	static const char chain[] =
		"UPDATE due_change SET from_on = (SELECT p.to_on FROM due_change p WHERE p.action_id = ?1 AND p.seq = due_change.seq - 1)"
		" WHERE action_id = ?1 AND seq > 1"
		" AND from_on IS NOT (SELECT p.to_on FROM due_change p WHERE p.action_id = ?1 AND p.seq = due_change.seq - 1)";
	sqlite3_int64 action = sqlite3_value_int64(d->v[1]), mine = revision_numbered(a, action, sqlite3_value_int64(d->v[2]));
	if (exec_one(a, lift, action) != PB_OK ||
	    insert_row(a, d, (const int[2]){-1, -1}, NULL, sqlite3_value_int64(d->v[2]) + 2 * RENUMBER_OFFSET) != PB_OK ||
	    exec_one(a, again, action) != PB_OK || exec_one(a, chain, action) != PB_OK)
		return a->e->status;
	char ref[128];
	struct revision_text here, there;
	describe_row(a->s, sync_table_named("action"), action, ref, sizeof ref);
	describe_revision(a, mine, &here);
	describe_revision(a, sqlite3_value_int64(d->v[0]), &there);
	struct sync_conflict_row c = {"revision", ref, "seq", here.value, here.who, here.at, there.value, there.who, there.at, true,
				      "the same revision number was used here and there: both kept, renumbered (the one that set the current"
				      " target last), each starting where the one before ended", true};
	report(a, sync_table_named("action"), action, &c);
	return PB_OK;
}

/* Runs a statement made here from the names of our own tables and columns (never from a file's text) on row id ?1. */
static int run_on_row(struct applying *a, const char *sql, sqlite3_int64 id)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(a->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_sql_fail(a->s, a->e, "resolving a conflict");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(a->s, a->e, "resolving a conflict");
}

static int rename_here(struct applying *a, const struct unique_rule *u, sqlite3_int64 id)
{
	char names[MAX_COLUMNS][40], sql[512];
	if (column_names(a->s, u->table, names) <= u->rename[0])
		return pb_fail(a->e, PB_FAIL, "%s: table %s does not match this planbench", a->s->path, u->table);
	int len = snprintf(sql, sizeof sql, "UPDATE main.%s SET %s = %s || '~' || (id %% %d)", u->table, names[u->rename[0]],
			   names[u->rename[0]], SYNC_SLOTS);
	if (u->rename[1] >= 0)
		len += snprintf(sql + len, sizeof sql - (size_t)len, ", %s = %s || '~' || (id %% %d)", names[u->rename[1]],
				names[u->rename[1]], SYNC_SLOTS);
	snprintf(sql + len, sizeof sql - (size_t)len, " WHERE id = ?1");
	return run_on_row(a, sql, id);
}

static int delete_here(struct applying *a, const char *table, sqlite3_int64 id)
{
	char sql[128];
	snprintf(sql, sizeof sql, "DELETE FROM main.%s WHERE id = ?1", table);
	return run_on_row(a, sql, id);
}

static sqlite3_int64 clashing_row(struct applying *a, const struct unique_rule *u, const struct deferred *d)
{
	sqlite3_stmt *st = store_stmt(a->s, u->find, NULL);
	if (!st)
		return 0;
	for (int i = 0; i < u->ncols; i++)
		sqlite3_bind_value(st, i + 1, d->v[u->cols[i]]);
	return store_one_int(st);
}

static int apply_deferred(struct applying *a, const struct deferred *d)
{
	const struct unique_rule *u = NULL;
	for (size_t i = 0; i < sizeof unique_rules / sizeof unique_rules[0]; i++)
		if (strcmp(unique_rules[i].table, d->t->name) == 0)
			u = &unique_rules[i];
	sqlite3_int64 theirs = d->v[0] ? sqlite3_value_int64(d->v[0]) : 0;
	sqlite3_int64 mine = u ? clashing_row(a, u, d) : 0;
	char ref[128], suffix[16];
	if (!u || !mine) {
		struct pb_error scratch = {0};
		struct pb_error *keep = a->e;
		a->e = &scratch;
		int status = insert_row(a, d, (const int[2]){-1, -1}, NULL, 0);
		a->e = keep;
		if (status != PB_OK) {
			snprintf(ref, sizeof ref, "%s %lld", d->t->name, (long long)theirs);
			report_row(a, d->t, theirs, ref, false, "breaks a rule of this database (such as a missing plan); not applied");
		}
		return a->status;
	}
	if (u->how == 'n')
		return renumber(a, d);
	bool theirs_first = theirs < mine;
	if (u->how == 'k') {
		if (theirs_first && (delete_here(a, u->table, mine) != PB_OK || insert_row(a, d, (const int[2]){-1, -1}, NULL, 0) != PB_OK))
			return a->e->status;
		snprintf(ref, sizeof ref, "%s %lld", d->t->name, (long long)(theirs_first ? mine : theirs));
		report_row(a, d->t, theirs_first ? mine : theirs, ref, theirs_first,
			   "the same entry was made here and there: the one made first (smaller id) is kept");
		return a->status;
	}
	snprintf(suffix, sizeof suffix, "~%lld", (long long)((theirs_first ? mine : theirs) % SYNC_SLOTS));
	if (theirs_first ? rename_here(a, u, mine) != PB_OK || insert_row(a, d, (const int[2]){-1, -1}, NULL, 0) != PB_OK
			 : insert_row(a, d, u->rename, suffix, 0) != PB_OK)
		return a->e->status;
	const char *name = text_of(d->v[u->rename[0]]);
	char rule[400];
	snprintf(rule, sizeof rule, "two new records were given the same name here and there: both kept, the later one (%s)"
		 " renamed %s%s", theirs_first ? "made here" : "made there", name, suffix);
	report_row(a, d->t, theirs_first ? mine : theirs, name, true, rule);
	return a->status;
}

/* ---- rows left referring to what was deleted here ---- */

static int drop_orphans(struct applying *a)
{
	static const struct {
		const char *table, *sql;
	} orphans[] = {
		{"progress_update", "DELETE FROM progress_update WHERE action_id NOT IN (SELECT id FROM action)"},
		{"due_change", "DELETE FROM due_change WHERE action_id NOT IN (SELECT id FROM action)"},
		{"action_owner", "DELETE FROM action_owner WHERE action_id NOT IN (SELECT id FROM action)"
				 " OR officer_id NOT IN (SELECT id FROM officer)"},
		{"engagement_action", "DELETE FROM engagement_action WHERE engagement_id NOT IN (SELECT id FROM engagement)"
				      " OR action_id NOT IN (SELECT id FROM action)"},
		{"review_item", "DELETE FROM review_item WHERE review_id NOT IN (SELECT id FROM review) OR action_id NOT IN (SELECT id FROM action)"},
	};
	for (size_t i = 0; i < sizeof orphans / sizeof orphans[0]; i++) {
		sqlite3_stmt *st = store_stmt(a->s, orphans[i].sql, a->e);
		if (!st)
			return a->e->status;
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_sql_fail(a->s, a->e, "resolving a conflict");
		int n = sqlite3_changes(a->s->db);
		if (n > 0) {
			char what[64];
			snprintf(what, sizeof what, "%d %s", n, sync_table_named(orphans[i].table)->kind);
			report_row(a, sync_table_named(orphans[i].table), 0, what, false,
				   "they refer to a record deleted here (a deletion wins): dropped");
		}
	}
	return a->status;
}

/* ---- the handler ---- */

static int on_conflict(void *ctx, int type, sqlite3_changeset_iter *it)
{
	struct applying *a = ctx;
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	const struct sync_table *t = sync_table_named(table);
	if (a->status != PB_OK)
		return SQLITE_CHANGESET_ABORT;
	if (!t)
		return SQLITE_CHANGESET_OMIT;
	sqlite3_int64 id = row_id(it, op);
	switch (type) {
	case SQLITE_CHANGESET_DATA:
		if (op == SQLITE_UPDATE)
			return resolve_update(a, t, it, ncol);
		report_row(a, t, id, NULL, true, "deleted there and changed here: a deletion wins");
		return a->status == PB_OK ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_ABORT;
	case SQLITE_CHANGESET_NOTFOUND:
		if (op == SQLITE_UPDATE)
			report_row(a, t, id, NULL, false, "changed there but deleted here: a deletion wins");
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_CONFLICT: {
		bool same = true, theirs_larger = false;
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *n = NULL, *m = NULL;
			sqlite3changeset_new(it, i, &n);
			sqlite3changeset_conflict(it, i, &m);
			if (same && !same_value(n, m)) {
				same = false;
				theirs_larger = compare_values(n, m) > 0;
			}
		}
		if (same)
			return SQLITE_CHANGESET_OMIT;
		report_row(a, t, id, NULL, theirs_larger, "added here and there with different values: the larger values are kept");
		return theirs_larger ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
	}
	case SQLITE_CHANGESET_CONSTRAINT:
		if (op == SQLITE_INSERT)
			return defer_insert(a, t, it, ncol);
		report_row(a, t, id, NULL, false, "the change breaks a rule of this database here; not applied");
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_FOREIGN_KEY:
		a->fk = true;
		return SQLITE_CHANGESET_OMIT;
	default:
		return SQLITE_CHANGESET_OMIT;
	}
}

/* ---- one entry ---- */

/* The incoming change set's own audit rows, so that a conflict can tell when each side last changed a field. */
static int note_incoming_audit(struct applying *a, const struct sync_entry *x)
{
	static const char clear[] = "DELETE FROM temp.sync_incoming";
	static const char add[] = "INSERT OR IGNORE INTO temp.sync_incoming(id, at, who, entity, entity_id, field) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_stmt(a->s, clear, a->e);
	if (!st)
		return a->e->status;
	sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, x->len, (void *)x->data);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (op != SQLITE_INSERT || strcmp(table, "audit") != 0 || ncol < 6)
			continue;
		if (!(st = store_stmt(a->s, add, a->e))) {
			sqlite3changeset_finalize(it);
			return a->e->status;
		}
		for (int i = 0; i < 6; i++) {
			sqlite3_value *v = NULL;
			sqlite3changeset_new(it, i, &v);
			if (v)
				sqlite3_bind_value(st, i + 1, v);
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3changeset_finalize(it);
			return store_sql_fail(a->s, a->e, "reading the change set's audit trail");
		}
		sqlite3_reset(st);
	}
	int fin = sqlite3changeset_finalize(it);
	return rc == SQLITE_OK && fin == SQLITE_OK ? PB_OK : sync_fail(a->s, a->e, rc ? rc : fin, "reading a change set");
}

static void free_deferred(struct applying *a)
{
	for (int i = 0; i < a->ndef; i++)
		for (int k = 0; k < a->def[i].ncol; k++)
			sqlite3_value_free(a->def[i].v[k]);
	a->ndef = 0;
}

static int recount_leads(struct applying *a)
{
	static const char sql[] = "UPDATE action SET leads = " STORE_LEADS_OF("?1") " WHERE id = ?1";
	for (int i = 0; i < a->nleads; i++)
		if (exec_one(a, sql, a->leads[i]) != PB_OK)
			return a->e->status;
	a->nleads = 0;
	return PB_OK;
}

static int log_received(struct store *s, const struct sync_entry *x, const char *origin_name, struct pb_error *e)
{
	static const char add[] = "INSERT INTO sync_log(origin, seq, at, changes, data) VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char held[] =
		"INSERT INTO sync_origin(origin, name, held) VALUES (?1, ?2, ?3) ON CONFLICT(origin) DO UPDATE SET held = excluded.held,"
		" name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END";
	char at[SYNC_AT_LEN];
	sqlite3_stmt *st = store_stmt(s, add, e);
	if (!st)
		return e->status;
	sync_now(at);
	sqlite3_bind_text(st, 1, x->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, x->seq);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, x->changes);
	sqlite3_bind_blob(st, 5, x->data, x->len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(s, e, "logging a received change");
	sqlite3_reset(st);
	if (!(st = store_stmt(s, held, e)))
		return e->status;
	sqlite3_bind_text(st, 1, x->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, origin_name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, x->seq);
	return sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "logging a received change");
}

static int apply_entry(struct applying *a, const struct sync_file *f, const struct sync_entry *x)
{
	if (note_incoming_audit(a, x) != PB_OK)
		return a->e->status;
	a->fk = false;
	int rc = sqlite3changeset_apply_v2(a->s->db, x->len, (void *)x->data, NULL, on_conflict, a, NULL, NULL, 0);
	if (a->status != PB_OK)
		return a->status;
	if (rc != SQLITE_OK)
		return sync_fail(a->s, a->e, rc, "applying a change set");
	for (int i = 0; i < a->ndef && a->status == PB_OK; i++)
		if (apply_deferred(a, &a->def[i]) != PB_OK && a->status == PB_OK)
			a->status = a->e->status;
	free_deferred(a);
	if (a->status != PB_OK)
		return a->status;
	if ((a->fk && drop_orphans(a) != PB_OK) || recount_leads(a) != PB_OK)
		return a->e->status;
	a->r->changes += x->changes;
	a->r->entries_applied++;
	return log_received(a->s, x, f->sum.ranges[x->range].origin_name, a->e);
}

/* ---- the whole file ---- */

static long held_here(struct store *s, const char *origin)
{
	static const char sql[] = "SELECT held FROM sync_origin WHERE origin = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, origin, -1, SQLITE_TRANSIENT);
	return store_one_int(st);
}

/* Refuses a file from this database's own identity or slot, and one that does not follow what is held here. */
static int check_order(struct store *s, const char *path, const struct sync_file *f, struct pb_error *e)
{
	const struct sync_identity *me = &s->sync->me;
	if (strcmp(f->sum.source, me->id) == 0)
		return pb_fail(e, PB_BAD_INPUT, "%s was written by a database with this one's identity (%.8s) — this database itself,"
			       " or a copy of it made with cp; nothing was changed. Give the copy its own identity with"
			       " `planbench --db COPY sync identity --new`, then export from it again", path, me->id);
	if (f->source_slot == me->slot)
		return pb_fail(e, PB_BAD_INPUT, "%s comes from %s, which uses this database's row-id slot %d (new rows of the two could"
			       " share ids); nothing was changed. Run `planbench --db THAT-FILE sync identity --new` on %s, then export"
			       " from it again", path, f->sum.source_name, me->slot, f->sum.source_name);
	for (int i = 0; i < f->sum.nranges; i++) {
		const struct sync_range *r = &f->sum.ranges[i];
		long held = held_here(s, r->origin);
		if (strcmp(r->origin, me->id) == 0 && r->to_seq > held)
			return pb_fail(e, PB_BAD_INPUT, "%s carries changes #%ld-#%ld of this database, which has made only %ld; it was"
				       " written from a copy sharing this database's identity — nothing was changed. Give the copy its own"
				       " identity with `planbench --db COPY sync identity --new`", path, r->from_seq, r->to_seq, held);
		if (r->from_seq > held + 1)
			return pb_fail(e, PB_BAD_INPUT, "%s is out of order: it carries %s's changes #%ld-#%ld, but this database holds"
				       " them only up to #%ld; nothing was changed. Import first the change set from %s with #%ld-#%ld"
				       " (or ask %s for one written with `planbench sync export --to %s --all`)", path,
				       r->origin_name[0] ? r->origin_name : r->origin, r->from_seq, r->to_seq, held,
				       f->sum.source_name, held + 1, r->from_seq - 1, f->sum.source_name, me->name);
	}
	return PB_OK;
}

struct peer_update {
	struct store *s;
	const char *peer;
	struct pb_error *e;
};

static int peer_holds(struct peer_update *p, const char *peer, const char *origin, long held)
{
	static const char sql[] =
		"INSERT INTO sync_peer_origin(peer, origin, held) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(peer, origin) DO UPDATE SET held = max(held, excluded.held)";
	sqlite3_stmt *st = store_stmt(p->s, sql, p->e);
	if (!st)
		return p->e->status;
	sqlite3_bind_text(st, 1, peer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, origin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, held);
	return sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(p->s, p->e, "recording what a peer holds");
}

/* "held ORIGIN SEQ": what the source holds. */
static int note_held(void *ctx, char **v, int n)
{
	struct peer_update *p = ctx;
	return n < 2 ? PB_OK : peer_holds(p, p->peer, v[0], atol(v[1]));
}

/* "peer ID SLOT NAME": a replica the source knows becomes one this database can write change sets for. */
static int note_peer(void *ctx, char **v, int n)
{
	struct peer_update *p = ctx;
	if (n < 3 || strcmp(v[0], p->s->sync->me.id) == 0)
		return PB_OK;
	return sync_remember_peer(p->s, v[0], v[2], atoi(v[1]), p->e);
}

/* "peerheld ID ORIGIN SEQ": what the source knows that replica to hold. */
static int note_peer_held(void *ctx, char **v, int n)
{
	struct peer_update *p = ctx;
	if (n < 3 || strcmp(v[0], p->s->sync->me.id) == 0 || sync_remember_peer(p->s, v[0], NULL, 0, p->e) != PB_OK)
		return n < 3 || strcmp(v[0], p->s->sync->me.id) == 0 ? PB_OK : p->e->status;
	return peer_holds(p, v[0], v[1], atol(v[2]));
}

/* The source becomes (or stays) a known peer, holding what its file says it holds. */
static int note_source(struct store *s, const struct sync_file *f, struct pb_error *e)
{
	static const char when[] = "UPDATE sync_peer SET last_received_at = ?2 WHERE peer = ?1";
	char at[SYNC_AT_LEN];
	if (sync_remember_peer(s, f->sum.source, f->sum.source_name, f->source_slot, e) != PB_OK)
		return e->status;
	struct peer_update p = {s, f->sum.source, e};
	if (sync_file_each_line(f, 'h', note_held, &p) != PB_OK || sync_file_each_line(f, 'p', note_peer, &p) != PB_OK ||
	    sync_file_each_line(f, 'q', note_peer_held, &p) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(s, when, e);
	if (!st)
		return e->status;
	sync_now(at);
	sqlite3_bind_text(st, 1, f->sum.source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	return sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "recording the peer");
}

/* An entry already held here is skipped, after checking it is the one held: two databases sharing one identity (a
 * copy made with cp) would number different changes alike, and one of them would be lost without a word. */
static int skip_held(struct store *s, const struct sync_file *f, const struct sync_entry *x, struct sync_import_result *r,
		     struct pb_error *e)
{
	static const char sql[] = "SELECT data FROM sync_log WHERE origin = ?1 AND seq = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, x->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, x->seq);
	bool differs = sqlite3_step(st) == SQLITE_ROW && (sqlite3_column_bytes(st, 0) != x->len ||
							   memcmp(sqlite3_column_blob(st, 0), x->data, (size_t)x->len) != 0);
	sqlite3_reset(st);
	r->entries_skipped++;
	if (!differs)
		return PB_OK;
	const char *name = f->sum.ranges[x->range].origin_name;
	return pb_fail(e, PB_BAD_INPUT, "%s: its change #%ld of %s differs from the change #%ld of %s held here: two databases are"
		       " using %s's identity (a copy made with cp?); nothing was changed. Give the copy its own identity with"
		       " `planbench --db COPY sync identity --new`; changes made in the copy before that stay in it only",
		       f->path, x->seq, name, x->seq, name, name);
}

static int apply_file(struct store *s, const struct sync_file *f, const struct sync_import_opts *o, struct sync_import_result *r,
		      struct pb_error *e)
{
	struct applying a = {s, o, r, f->sum.source_name, NULL, 0, 0, {0}, 0, false, PB_OK, e};
	int status = PB_OK;
	for (long k = 0; k < f->nentries && status == PB_OK; k++) {
		const struct sync_entry *x = &f->entries[k];
		if (x->seq <= held_here(s, x->origin))
			status = skip_held(s, f, x, r, e);
		else
			status = apply_entry(&a, f, x);
		if (status == PB_OK)
			status = progress_step(o->progress, k + 1, f->nentries);
		if (status == PB_INTERRUPTED)
			pb_fail(e, PB_INTERRUPTED, "stopped");
	}
	free_deferred(&a);
	free(a.def);
	return status == PB_OK ? note_source(s, f, e) : status;
}

int store_sync_import(struct store *s, const char *path, const struct sync_import_opts *o, struct sync_summary *hdr,
		      struct sync_import_result *r, struct pb_error *e)
{
	struct sync_file f;
	memset(r, 0, sizeof *r);
	if (sync_file_read(path, &f, e) != PB_OK)
		return e->status;
	*hdr = f.sum;
	int status = sync_file_counts(&f, o->count, o->ctx);
	if (status == PB_OK)
		status = check_order(s, path, &f, e);
	if (status == PB_OK)
		status = store_begin(s, e);
	if (status != PB_OK) {
		sync_file_free(&f);
		return status;
	}
	/* A large change set rewrites the same pages many times: keep them in memory rather than spill them to the WAL. */
	long cache = store_query_int(s->db, "PRAGMA cache_size");
	sqlite3_exec(s->db, "PRAGMA cache_size = -" SYNC_APPLY_CACHE_KB, NULL, NULL, NULL);
	struct store_sync *y = s->sync;
	y->applying = true;
	if (y->session)
		sqlite3session_enable(y->session, 0);
	status = apply_file(s, &f, o, r, e);
	y->applying = false;
	if (y->session)
		sqlite3session_enable(y->session, 1);
	sync_file_free(&f);
	if (status != PB_OK || o->dry_run)
		store_rollback(s);
	else
		status = store_commit(s, e);
	char restore[64];
	snprintf(restore, sizeof restore, "PRAGMA cache_size = %ld", cache);
	sqlite3_exec(s->db, restore, NULL, NULL, NULL);
	return status;
}

int store_sync_preview(struct store *s, const char *path, const struct sync_import_opts *o, struct sync_summary *hdr,
		       struct sync_import_result *r, struct pb_error *e)
{
	struct sync_import_opts dry = *o;
	dry.dry_run = true;
	return store_sync_import(s, path, &dry, hdr, r, e);
}
