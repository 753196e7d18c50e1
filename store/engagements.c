/* engagements.c — reading tenant engagement records with the filters the Tenant Experience team uses. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/engagements.h"
#include "store/internal.h"

/* ?1 team, ?2 method, ?3 formality, ?4 from, ?5 to, ?6 we_did (-1/0/1), ?7 FTS query. */
#define ENGAGEMENT_WHERE \
	" WHERE (?1 IS NULL OR g.team = ?1) AND (?2 IS NULL OR m.name = ?2 COLLATE NOCASE)" \
	" AND (?3 IS NULL OR m.formality = ?3)" \
	" AND (?4 IS NULL OR ifnull(g.held_until, g.held_on) >= ?4) AND (?5 IS NULL OR g.held_on <= ?5)" \
	" AND (?6 < 0 OR (?6 = 1) = (ifnull(trim(g.we_did), '') <> ''))" \
	" AND (?7 IS NULL OR g.id IN (SELECT entity_id FROM search WHERE search MATCH ?7 AND entity = 'engagement'))"

#define ENGAGEMENT_FROM " FROM engagement g LEFT JOIN engagement_method m ON m.id = g.method_id"

static const char list_sql[] =
	"SELECT g.id, g.ref, g.title, g.team, m.name, m.formality, g.location, g.held_on, g.held_until, g.when_text,"
	" g.frequency, g.tenants_basis, g.tenants_scope, g.tenants_text, g.standard, g.summary, g.you_said, g.we_did,"
	" ifnull(g.tenants, -1), (SELECT count(*) FROM engagement_action ea WHERE ea.engagement_id = g.id)"
	ENGAGEMENT_FROM ENGAGEMENT_WHERE
	" ORDER BY g.held_on IS NULL, g.held_on, g.position LIMIT ?8 OFFSET ?9";

static const char count_sql[] = "SELECT count(*)" ENGAGEMENT_FROM ENGAGEMENT_WHERE;

static void bind_filter(sqlite3_stmt *st, const struct engagement_filter *f)
{
	store_bind_text(st, 1, f->team);
	store_bind_text(st, 2, f->method);
	store_bind_text(st, 3, f->formality);
	store_bind_text(st, 4, f->from);
	store_bind_text(st, 5, f->to);
	sqlite3_bind_int(st, 6, f->we_did);
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
}

int store_list_engagements(struct store *s, const struct engagement_filter *f, long offset, long limit,
			   store_engagement_fn fn, void *ctx, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, list_sql, e);
	if (!st)
		return e->status;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 8, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 9, offset);
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
