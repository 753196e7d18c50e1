/* engagements.c — tenant engagement records: reading them with the filters the Tenant Experience team uses, the
 * summary's facts, and the writes (records, their links to actions, the list of methods), each one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/engagements.h"
#include "store/internal.h"

/* ?1 team, ?2 method, ?3 formality, ?4 from, ?5 to, ?6 we_did (-1/0/1), ?7 FTS query, ?8 linked action (0: any). */
#define ENGAGEMENT_WHERE \
	" WHERE (?1 IS NULL OR g.team = ?1) AND (?2 IS NULL OR m.name = ?2 COLLATE NOCASE)" \
	" AND (?3 IS NULL OR m.formality = ?3)" \
	" AND (?4 IS NULL OR ifnull(g.held_until, g.held_on) >= ?4) AND (?5 IS NULL OR g.held_on <= ?5)" \
	" AND (?6 < 0 OR (?6 = 1) = (ifnull(trim(g.we_did), '') <> ''))" \
	" AND (?7 IS NULL OR g.id IN (SELECT entity_id FROM search WHERE search MATCH ?7 AND entity = 'engagement'))" \
	" AND (?8 = 0 OR g.id IN (SELECT engagement_id FROM engagement_action WHERE action_id = ?8))"

#define ENGAGEMENT_FROM " FROM engagement g LEFT JOIN engagement_method m ON m.id = g.method_id"

#define ENGAGEMENT_COLUMNS \
	"SELECT g.id, g.ref, g.title, g.team, m.name, m.formality, g.location, g.held_on, g.held_until, g.when_text," \
	" g.frequency, g.tenants_basis, g.tenants_scope, g.tenants_text, g.standard, g.summary, g.you_said, g.we_did," \
	" ifnull(g.tenants, -1), (SELECT count(*) FROM engagement_action ea WHERE ea.engagement_id = g.id)," \
	" g.created_at, g.updated_at"

static const char list_sql[] =
	ENGAGEMENT_COLUMNS ENGAGEMENT_FROM ENGAGEMENT_WHERE
	" ORDER BY g.held_on IS NULL, g.held_on, g.position LIMIT ?9 OFFSET ?10";

static const char count_sql[] = "SELECT count(*)" ENGAGEMENT_FROM ENGAGEMENT_WHERE;

/* Binds the filter's ?1 … ?8. */
static void bind_filter(sqlite3_stmt *st, const struct engagement_filter *f)
{
	store_bind_text(st, 1, f->team);
	store_bind_text(st, 2, f->method);
	store_bind_text(st, 3, f->formality);
	store_bind_text(st, 4, f->from);
	store_bind_text(st, 5, f->to);
	sqlite3_bind_int(st, 6, f->we_did);
	sqlite3_bind_int64(st, 8, f->action_id > 0 ? f->action_id : 0);
	if (f->search && *f->search) {
		size_t len = 3 * strlen(f->search) + 8;
		char *fts = malloc(len);
		if (!fts)
			abort();
		text_fts_query(f->search, fts, len);
		store_bind_text(st, 7, fts);
		free(fts);
	}
}

/* A row of ENGAGEMENT_COLUMNS; its strings live until st moves on. */
static void read_row(sqlite3_stmt *st, struct engagement_row *g)
{
	const char **text[] = {&g->ref, &g->title, &g->team, &g->method, &g->formality, &g->location, &g->held_on,
			       &g->held_until, &g->when_text, &g->frequency, &g->tenants_basis, &g->tenants_scope,
			       &g->tenants_text, &g->standard, &g->summary, &g->you_said, &g->we_did};
	g->id = sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		*text[i] = store_col(st, 1 + (int)i);
	g->tenants = sqlite3_column_int64(st, 18);
	g->actions = sqlite3_column_int(st, 19);
	g->created_at = store_col(st, 20);
	g->updated_at = store_col(st, 21);
}

/* One page of the records f selects, by date; see engagements.h. */
int store_list_engagements(struct store *s, const struct engagement_filter *f, long offset, long limit,
			   store_engagement_fn fn, void *ctx, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, list_sql, e);
	if (!st)
		return e->status;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 9, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 10, offset);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct engagement_row g;
		read_row(st, &g);
		status = fn(ctx, &g);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing engagement records");
	sqlite3_reset(st);
	return status;
}

/* How many records f selects. */
int store_count_engagements(struct store *s, const struct engagement_filter *f, long *count, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, count_sql, e);
	if (!st)
		return e->status;
	bind_filter(st, f);
	int rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "counting engagement records");
}

/* Where record id comes in the list; see engagements.h. */
int store_engagement_index(struct store *s, const struct engagement_filter *f, long id, long *index, struct pb_error *e)
{
	static const char sql[] =
		"SELECT (SELECT count(*)" ENGAGEMENT_FROM ENGAGEMENT_WHERE
		"  AND (g.held_on IS NULL, ifnull(g.held_on, ''), g.position) < (x.held_on IS NULL, ifnull(x.held_on, ''), x.position)),"
		" EXISTS (SELECT 1" ENGAGEMENT_FROM ENGAGEMENT_WHERE " AND g.id = x.id)"
		" FROM engagement x WHERE x.id = ?9";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 9, id);
	int rc = sqlite3_step(st);
	*index = rc == SQLITE_ROW && sqlite3_column_int(st, 1) ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "finding an engagement record in the list");
}

/* The actions a record informed, in the order they were linked. */
int store_each_action_of_engagement(struct store *s, long engagement_id, store_action_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT " STORE_ACTION_ROW_COLUMNS STORE_ACTION_ROW_FROM
		" JOIN engagement_action ea ON ea.action_id = a.id WHERE ea.engagement_id = ?1 ORDER BY ea.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, engagement_id);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct action_row row;
		store_read_action_row(s, st, &row);
		status = fn(ctx, &row);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing linked actions");
	sqlite3_reset(st);
	return status;
}

/* Record id through fn; see engagements.h. */
int store_get_engagement(struct store *s, long id, store_engagement_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] = ENGAGEMENT_COLUMNS ENGAGEMENT_FROM " WHERE g.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), status;
	if (rc == SQLITE_ROW) {
		struct engagement_row g;
		read_row(st, &g);
		status = fn(ctx, &g);
	} else if (rc == SQLITE_DONE) {
		status = pb_fail(e, PB_BAD_INPUT, "there is no engagement record %ld (deleted since?); open the list again to see"
				 " the records as they are", id);
	} else {
		status = store_sql_fail(s, e, "reading an engagement record");
	}
	sqlite3_reset(st);
	return status;
}

/* Every audit entry of record id; see engagements.h. */
int store_each_engagement_audit(struct store *s, long id, store_audit_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT at, ifnull(who,''), ifnull(field,''), old, new FROM audit WHERE entity = 'engagement' AND entity_id = ?1"
		" ORDER BY id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row a = {store_col(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4)};
		status = fn(ctx, &a);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading an engagement record's history");
	sqlite3_reset(st);
	return status;
}

/* The teams the records name; see engagements.h. */
int store_each_engagement_team(struct store *s, store_name_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT DISTINCT team FROM engagement WHERE ifnull(trim(team), '') <> '' ORDER BY team COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = fn(ctx, store_col(st, 0));
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing the teams");
	sqlite3_reset(st);
	return status;
}

/* ---- the summary ---- */

void store_engagement_fact(const struct engagement_row *g, struct engagement_fact *f)
{
	*f = (struct engagement_fact){.method = g->method, .formality = g->formality, .team = g->team,
				      .frequency = g->frequency, .we_did = *g->we_did != '\0'};
	f->dated = date_parse_iso(g->held_on, &f->held_on);
	f->ranged = f->dated && date_parse_iso(g->held_until, &f->held_until);
	if (!f->ranged)
		f->held_until = f->held_on;
	f->tenants.count = g->tenants;
	f->tenants.basis = strcmp(g->tenants_basis, "exact") == 0   ? TENANTS_EXACT
			 : strcmp(g->tenants_basis, "circa") == 0 ? TENANTS_CIRCA
								  : TENANTS_UNKNOWN;
	f->tenants.scope = strcmp(g->tenants_scope, "event") == 0 ? TENANTS_PER_EVENT : TENANTS_TOTAL;
	if (f->tenants.count < 0)
		f->tenants.basis = TENANTS_UNKNOWN;
}

/* Store callback: one record into the three summaries. */
static int add_fact(void *ctx, const struct engagement_row *g)
{
	struct engagement_summary *by = ctx;
	struct engagement_fact f;
	store_engagement_fact(g, &f);
	for (int i = 0; i < 3; i++)
		engagement_summary_add(&by[i], &f);
	return PB_OK;
}

/* The three summaries over the records f selects; see engagements.h. */
int store_summarize_engagements(struct store *s, const struct engagement_filter *f, struct engagement_summary by[3],
				struct pb_error *e)
{
	for (int i = 0; i < 3; i++)
		engagement_summary_init(&by[i], (enum summary_by)i);
	int status = store_list_engagements(s, f, 0, -1, add_fact, by, e);
	for (int i = 0; status == PB_OK && i < 3; i++)
		engagement_summary_finish(&by[i]);
	return status;
}

/* ---- writes: shared helpers ---- */

/* A copy of text without the white space around it ("" for NULL); the caller frees it. */
static char *trimmed(const char *text)
{
	char *copy = strdup(text ? text : "");
	if (!copy)
		abort();
	char *t = text_trim(copy);
	memmove(copy, t, strlen(t) + 1);
	return copy;
}

/* Whether word is one of the NULL-ended words. */
static bool one_of(const char *word, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(word, words[i]) == 0)
			return true;
	return false;
}

static const char *const formalities[] = {"formal", "informal", "other", NULL};
static const char *const frequencies[] = {"one_off", "monthly", "every_other_month", "quarterly", "annual", "ad_hoc",
					  "ongoing", NULL};

/* ---- methods ---- */

int store_each_method(struct store *s, store_method_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT m.id, m.name, m.formality, m.description,"
		" (SELECT count(*) FROM engagement g WHERE g.method_id = m.id) FROM engagement_method m ORDER BY m.position, m.id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct method_row m = {sqlite3_column_int64(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
				       sqlite3_column_int64(st, 4)};
		status = fn(ctx, &m);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing the methods");
	sqlite3_reset(st);
	return status;
}

/* Checks a method's name and formality; not_id is the method being renamed (0 for a new one). */
static int check_method(struct store *s, const char *name, const char *formality, long not_id, struct pb_error *e)
{
	static const char taken[] = "SELECT id FROM engagement_method WHERE name = ?1 COLLATE NOCASE AND id <> ?2";
	if (!*name)
		return pb_fail(e, PB_BAD_INPUT, "name: a method needs a name, such as \"Estate walkabouts\"");
	if (!one_of(formality, formalities))
		return pb_fail(e, PB_BAD_INPUT, "formality: \"%s\" is not one; a method is formal, informal or other", formality);
	sqlite3_stmt *st = store_stmt(s, taken, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, not_id);
	if (store_one_int(st) != 0)
		return pb_fail(e, PB_BAD_INPUT, "name: there is already a method called \"%s\"; choose another name", name);
	return PB_OK;
}

/* Adds a method at the end of the list; see engagements.h. */
int store_add_method(struct store *s, const char *name, const char *formality, long *id, struct pb_error *e)
{
	static const char sql[] = "INSERT INTO engagement_method(id, name, formality, position)"
				  " VALUES (pb_new_id('engagement_method'), ?1, ?2, (SELECT ifnull(max(position), 0) + 1 FROM engagement_method))";
	char *n = trimmed(name), *f = trimmed(formality);
	if (store_begin(s, e) != PB_OK) {
		free(n), free(f);
		return e->status;
	}
	int status = check_method(s, n, f, 0, e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_text(st, 1, n, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, f, -1, SQLITE_TRANSIENT);
		status = store_step_write(s, st, "adding the method", e);
	}
	if (status == PB_OK && id)
		*id = (long)sqlite3_last_insert_rowid(s->db);
	free(n), free(f);
	return store_finish(s, status, e);
}

/* Renames a method and sets its formality; see engagements.h. */
int store_edit_method(struct store *s, long id, const char *name, const char *formality, struct pb_error *e)
{
	static const char exists[] = "SELECT count(*) FROM engagement_method WHERE id = ?1";
	static const char sql[] = "UPDATE engagement_method SET name = ?2, formality = ?3 WHERE id = ?1"
				  " AND (name, formality) IS NOT (?2, ?3)";
	char *n = trimmed(name), *f = trimmed(formality);
	if (store_begin(s, e) != PB_OK) {
		free(n), free(f);
		return e->status;
	}
	sqlite3_stmt *st = store_stmt(s, exists, e);
	int status = st ? PB_OK : e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		if (store_one_int(st) == 0)
			status = pb_fail(e, PB_BAD_INPUT, "there is no method %ld (deleted since?)", id);
	}
	if (status == PB_OK)
		status = check_method(s, n, f, id, e);
	st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, n, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, f, -1, SQLITE_TRANSIENT);
		status = store_step_write(s, st, "saving the method", e);
	}
	free(n), free(f);
	return store_finish(s, status, e);
}

/* ---- records ---- */

int store_next_engagement_ref(struct store *s, char *out, size_t outlen, struct pb_error *e)
{
	static const char sql[] =
		"SELECT ifnull(max(CAST(substr(ref, 5) AS INTEGER)), 0) FROM engagement WHERE ref GLOB 'ENG-[0-9]*'";
	static const char taken[] = "SELECT count(*) FROM engagement WHERE ref = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	long n = store_one_int(st);
	for (;;) { /* a ref such as "ENG-7" written by hand may hold the next number in another form */
		snprintf(out, outlen, "ENG-%03ld", ++n);
		if (!(st = store_stmt(s, taken, e)))
			return e->status;
		sqlite3_bind_text(st, 1, out, -1, SQLITE_TRANSIENT);
		if (store_one_int(st) == 0)
			return PB_OK;
	}
}

/* A record's fields checked and read: trimmed copies, the method's id and the tenants as numbers. */
struct record {
	char *text[13]; /* the fields of engagement_edit, in its order */
	long method_id;
	struct tenants tenants;
};

enum { R_TITLE, R_TEAM, R_METHOD, R_LOCATION, R_HELD_ON, R_HELD_UNTIL, R_WHEN, R_FREQUENCY, R_TENANTS, R_STANDARD,
       R_SUMMARY, R_YOU_SAID, R_WE_DID };

static void record_free(struct record *r)
{
	for (int i = 0; i < 13; i++)
		free(r->text[i]);
}

/* The method called name (any case) into *id; an error naming it when there is none. */
static int method_id_of(struct store *s, const char *name, long *id, struct pb_error *e)
{
	static const char sql[] = "SELECT id FROM engagement_method WHERE name = ?1 COLLATE NOCASE";
	*id = 0;
	if (!*name)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	*id = store_one_int(st);
	if (!*id)
		return pb_fail(e, PB_BAD_INPUT, "method: there is no method \"%s\"; choose one from the list of methods, or add"
			       " it to the list first", name);
	return PB_OK;
}

/* Checks the fields of f into r; errors begin with the field at fault. */
static int read_record(struct store *s, const struct engagement_edit *f, struct record *r, struct pb_error *e)
{
	const char *in[13] = {f->title, f->team, f->method, f->location, f->held_on, f->held_until, f->when_text,
			      f->frequency, f->tenants_text, f->standard, f->summary, f->you_said, f->we_did};
	struct date on, until;
	char err[600];
	for (int i = 0; i < 13; i++)
		r->text[i] = trimmed(in[i]);
	if (!*r->text[R_TITLE])
		return pb_fail(e, PB_BAD_INPUT, "title: an engagement record needs a title; say what was done with tenants");
	if (*r->text[R_HELD_ON] && !date_parse_iso(r->text[R_HELD_ON], &on))
		return pb_fail(e, PB_BAD_INPUT, "held_on: \"%s\" is not a day written YYYY-MM-DD", r->text[R_HELD_ON]);
	if (*r->text[R_HELD_UNTIL] && !date_parse_iso(r->text[R_HELD_UNTIL], &until))
		return pb_fail(e, PB_BAD_INPUT, "held_until: \"%s\" is not a day written YYYY-MM-DD", r->text[R_HELD_UNTIL]);
	if (*r->text[R_HELD_UNTIL] && !*r->text[R_HELD_ON])
		return pb_fail(e, PB_BAD_INPUT, "held_until: a last day needs a first day (held_on)");
	if (*r->text[R_HELD_UNTIL] && date_compare(until, on) < 0)
		return pb_fail(e, PB_BAD_INPUT, "held_until: %s is before the first day %s", r->text[R_HELD_UNTIL], r->text[R_HELD_ON]);
	if (*r->text[R_FREQUENCY] && !one_of(r->text[R_FREQUENCY], frequencies))
		return pb_fail(e, PB_BAD_INPUT, "frequency: \"%s\" is not one; use one_off, monthly, every_other_month, quarterly,"
			       " annual, ad_hoc or ongoing", r->text[R_FREQUENCY]);
	if (engagement_tenants_parse(r->text[R_TENANTS], &r->tenants, err, sizeof err) != 0)
		return pb_fail(e, PB_BAD_INPUT, "tenants: %s", err);
	return method_id_of(s, r->text[R_METHOD], &r->method_id, e);
}

/* Binds the record's columns as ?1 … ?16 of the insert and the update. */
static void bind_record(sqlite3_stmt *st, const struct record *r)
{
	static const int text_at[13] = {1, 2, 0, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16};
	for (int i = 0; i < 13; i++)
		if (text_at[i])
			store_bind_text(st, text_at[i], r->text[i]);
	if (r->method_id)
		sqlite3_bind_int64(st, 3, r->method_id);
	if (r->tenants.count >= 0)
		sqlite3_bind_int64(st, 9, r->tenants.count);
	sqlite3_bind_text(st, 10, engagement_basis_name(r->tenants.basis), -1, SQLITE_STATIC);
	if (r->tenants.count >= 0)
		sqlite3_bind_text(st, 11, r->tenants.scope == TENANTS_PER_EVENT ? "event" : "total", -1, SQLITE_STATIC);
}

/* Adds a record under the next ref; see engagements.h. */
int store_add_engagement(struct store *s, const struct engagement_edit *f, long *id, char *ref, size_t reflen,
			 struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO engagement(id, title, team, method_id, location, held_on, held_until, when_text, frequency, tenants,"
		" tenants_basis, tenants_scope, tenants_text, standard, summary, you_said, we_did, ref, position, created_at,"
		" updated_at) VALUES (pb_new_id('engagement'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" (SELECT ifnull(max(position), 0) + 1 FROM engagement), ?18, ?18)";
	struct record r = {0};
	char next[32], today[DATE_ISO_LEN];
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = read_record(s, f, &r, e);
	if (status == PB_OK)
		status = store_next_engagement_ref(s, next, sizeof next, e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		bind_record(st, &r);
		sqlite3_bind_text(st, 17, next, -1, SQLITE_TRANSIENT);
		date_format_iso(store_today(s), today);
		sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
		status = store_step_write(s, st, "adding the engagement record", e);
	}
	if (status == PB_OK) {
		*id = (long)sqlite3_last_insert_rowid(s->db);
		if (ref && reflen)
			snprintf(ref, reflen, "%s", next);
	}
	record_free(&r);
	return store_finish(s, status, e);
}

/* PB_OK when record id exists; an error naming it otherwise. */
static int record_exists(struct store *s, long id, struct pb_error *e)
{
	static const char sql[] = "SELECT count(*) FROM engagement WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	if (store_one_int(st) == 0)
		return pb_fail(e, PB_BAD_INPUT, "there is no engagement record %ld (deleted since?); open the list again", id);
	return PB_OK;
}

/* Sets every field of a record, writing only when one differs. */
int store_edit_engagement(struct store *s, long id, const struct engagement_edit *f, struct pb_error *e)
{
	static const char sql[] =
		"UPDATE engagement SET (title, team, method_id, location, held_on, held_until, when_text, frequency, tenants,"
		" tenants_basis, tenants_scope, tenants_text, standard, summary, you_said, we_did, updated_at) ="
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?18) WHERE id = ?17"
		" AND (title, team, method_id, location, held_on, held_until, when_text, frequency, tenants, tenants_basis,"
		" tenants_scope, tenants_text, standard, summary, you_said, we_did) IS NOT"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
	struct record r = {0};
	char today[DATE_ISO_LEN];
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = record_exists(s, id, e);
	if (status == PB_OK)
		status = read_record(s, f, &r, e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		bind_record(st, &r);
		sqlite3_bind_int64(st, 17, id);
		date_format_iso(store_today(s), today);
		sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
		status = store_step_write(s, st, "saving the engagement record", e);
	}
	record_free(&r);
	return store_finish(s, status, e);
}

/* Deletes a record and its links (the audit triggers keep what it said). */
int store_delete_engagement(struct store *s, long id, struct pb_error *e)
{
	static const char links[] = "DELETE FROM engagement_action WHERE engagement_id = ?1";
	static const char sql[] = "DELETE FROM engagement WHERE id = ?1";
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = record_exists(s, id, e);
	for (int i = 0; i < 2 && status == PB_OK; i++) {
		sqlite3_stmt *st = store_stmt(s, i == 0 ? links : sql, e);
		if (!st) {
			status = e->status;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		status = store_step_write(s, st, "deleting the engagement record", e);
	}
	return store_finish(s, status, e);
}

/* "HIP-2526 TIA4" of action id into out; an error when there is no such action. */
static int action_name(struct store *s, long id, char *out, size_t outlen, struct pb_error *e)
{
	static const char sql[] = "SELECT p.code || ' ' || a.ref FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		snprintf(out, outlen, "%s", store_col(st, 0));
	sqlite3_reset(st);
	return found ? PB_OK : pb_fail(e, PB_BAD_INPUT, "there is no action %ld (deleted since?); search for it again", id);
}

/* Whether record id is linked to action_id. */
static bool linked(struct store *s, long id, long action_id, struct pb_error *e)
{
	static const char sql[] = "SELECT count(*) FROM engagement_action WHERE engagement_id = ?1 AND action_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, action_id);
	return store_one_int(st) > 0;
}

/* Links a record to an action, after its other links. */
int store_link_engagement(struct store *s, long id, long action_id, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO engagement_action(engagement_id, action_id, position)"
		" VALUES (?1, ?2, (SELECT ifnull(max(position), 0) + 1 FROM engagement_action WHERE engagement_id = ?1))";
	char name[160];
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = record_exists(s, id, e);
	if (status == PB_OK)
		status = action_name(s, action_id, name, sizeof name, e);
	if (status == PB_OK && linked(s, id, action_id, e))
		status = pb_fail(e, PB_BAD_INPUT, "the record is already linked to %s", name);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, action_id);
		status = store_step_write(s, st, "linking the action", e);
	}
	return store_finish(s, status, e);
}

/* Removes a record's link to an action. */
int store_unlink_engagement(struct store *s, long id, long action_id, struct pb_error *e)
{
	static const char sql[] = "DELETE FROM engagement_action WHERE engagement_id = ?1 AND action_id = ?2";
	char name[160];
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = record_exists(s, id, e);
	if (status == PB_OK)
		status = action_name(s, action_id, name, sizeof name, e);
	if (status == PB_OK && !linked(s, id, action_id, e))
		status = pb_fail(e, PB_BAD_INPUT, "the record is not linked to %s", name);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (status == PB_OK && !st)
		status = e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, action_id);
		status = store_step_write(s, st, "removing the link", e);
	}
	return store_finish(s, status, e);
}
