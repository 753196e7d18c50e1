/* actions.c — reading actions: filtered, sorted, paged lists; lookups by ref; one action in full with its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/text.h"
#include "store/internal.h"

#define NOT_COMPLETE " NOT (ifnull(a.status,'') = 'complete' OR a.completed_on IS NOT NULL OR a.due_state = 'complete')"

/* Parameters: ?1 plan, ?2 owner id, ?3 overdue, ?4 due within days, ?5 set rag, ?6 status,
 * ?7 FTS query, ?8 mismatch only, ?9 today; ?10 and ?11 are the page's limit and offset; ?12 section (with the
 * sections under it), ?13 set or computed RAG, ?14 due on or after, ?15 due on or before, ?16 a second owner. */
#define WHERE_FILTER \
	" WHERE (?1 IS NULL OR p.code = ?1)" \
	" AND (?2 = 0 OR EXISTS (SELECT 1 FROM action_owner ao WHERE ao.action_id = a.id AND ao.officer_id = ?2))" \
	" AND (?3 = 0 OR (a.due_on < ?9 AND" NOT_COMPLETE "))" \
	" AND (?4 <= 0 OR (a.due_on >= ?9 AND a.due_on <= date(?9, '+' || ?4 || ' days') AND" NOT_COMPLETE "))" \
	" AND (?5 IS NULL OR a.rag = ?5)" \
	" AND (?6 IS NULL OR a.status = ?6)" \
	" AND (?7 IS NULL OR a.id IN (SELECT entity_id FROM search WHERE search MATCH ?7 AND entity = 'action'" \
	"   UNION SELECT u.action_id FROM progress_update u WHERE u.id IN" \
	"     (SELECT entity_id FROM search WHERE search MATCH ?7 AND entity = 'update')" \
	"   UNION SELECT ea.action_id FROM engagement_action ea WHERE ea.engagement_id IN" \
	"     (SELECT entity_id FROM search WHERE search MATCH ?7 AND entity = 'engagement')))" \
	" AND (?8 = 0 OR pb_rag_mismatch(a.rag, rag_c))" \
	" AND (?12 = 0 OR a.section_id IN (WITH RECURSIVE sub(id) AS (SELECT ?12" \
	"   UNION ALL SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub))" \
	" AND (?13 IS NULL OR a.rag = ?13 OR rag_c = ?13)" \
	" AND (?14 IS NULL OR a.due_on >= ?14)" \
	" AND (?15 IS NULL OR a.due_on <= ?15)" \
	" AND (?16 = 0 OR EXISTS (SELECT 1 FROM action_owner ao WHERE ao.action_id = a.id AND ao.officer_id = ?16))"

/* The filter needs the computed RAG, so it wraps a subquery whose columns it names. */
#define FILTERED_SQL(order) \
	"SELECT id, plan, ref, section, title, leads, due_on, due_text, status, completed_on, rag, rag_c, revisions FROM (" \
	"SELECT " STORE_ACTION_ROW_COLUMNS ", a.ref_key, a.position AS apos, p.position AS ppos, a.due_on AS due," \
	" (a.due_on < ?9 AND" NOT_COMPLETE ") AS late" \
	STORE_ACTION_ROW_FROM WHERE_FILTER ") AS x" \
	" ORDER BY " order " LIMIT ?10 OFFSET ?11"

/* Full-text hits of ?7 per action with their bm25 score (lower is better): its own text, its progress updates,
 * and the engagement records linked to it; the best score of each action is its rank. */
#define SEARCH_HITS(weights) \
	"WITH hit(action_id, score) AS (" \
	" SELECT entity_id, bm25(search, " weights ") FROM search WHERE search MATCH ?7 AND entity = 'action'" \
	" UNION ALL SELECT u.action_id, h.score FROM (SELECT entity_id, bm25(search, " weights ") AS score FROM search" \
	"   WHERE search MATCH ?7 AND entity = 'update') h JOIN progress_update u ON u.id = h.entity_id" \
	" UNION ALL SELECT ea.action_id, h.score FROM (SELECT entity_id, bm25(search, " weights ") AS score FROM search" \
	"   WHERE search MATCH ?7 AND entity = 'engagement') h JOIN engagement_action ea ON ea.engagement_id = h.entity_id)," \
	" best AS (SELECT action_id, min(score) AS score FROM hit GROUP BY action_id) "

/* A match in a title counts four times one in the body. */
#define RANKED_SQL \
	SEARCH_HITS("0.0, 0.0, 4.0, 1.0") \
	"SELECT id, plan, ref, section, title, leads, due_on, due_text, status, completed_on, rag, rag_c, revisions FROM (" \
	"SELECT " STORE_ACTION_ROW_COLUMNS ", a.position AS apos, p.position AS ppos, best.score AS score" \
	STORE_ACTION_ROW_FROM " JOIN best ON best.action_id = a.id" WHERE_FILTER ") AS x" \
	" ORDER BY score, ppos, apos LIMIT ?10 OFFSET ?11"

static const char *const list_sql[] = {
	[SORT_PLAN] = FILTERED_SQL("ppos, apos"),
	[SORT_DUE] = FILTERED_SQL("due IS NULL, due, ppos, apos"),
	[SORT_OVERDUE] = FILTERED_SQL("late DESC, due IS NULL, due, ppos, apos"),
	[SORT_REF] = FILTERED_SQL("ref_key, ppos"),
	[SORT_OWNER] = FILTERED_SQL("leads IS NULL, leads COLLATE NOCASE, ppos, apos"),
	[SORT_RAG] = FILTERED_SQL("instr('RAGC', rag_c), due IS NULL, due, ppos, apos"),
	[SORT_RANK] = RANKED_SQL,
};

static const char count_sql[] =
	"SELECT count(*) FROM (SELECT a.id, pb_rag(a.status, a.completed_on, a.due_state, a.due_on,"
	" EXISTS (SELECT 1 FROM due_change d WHERE d.action_id = a.id AND d.changed_on >= pb_quarter_start()"
	" AND d.to_on > d.from_on)) AS rag_c" STORE_ACTION_ROW_FROM WHERE_FILTER ")";

static void bind_filter(struct store *s, sqlite3_stmt *st, const struct action_filter *f)
{
	char today[DATE_ISO_LEN], rag[2] = {f->rag, 0};
	date_format_iso(s->today, today);
	store_bind_text(st, 1, f->plan);
	sqlite3_bind_int64(st, 2, f->owner_id);
	sqlite3_bind_int(st, 3, f->overdue);
	sqlite3_bind_int(st, 4, f->due_within);
	store_bind_text(st, 5, rag);
	store_bind_text(st, 6, f->status);
	if (f->search && *f->search) {
		size_t len = 3 * strlen(f->search) + 8; /* each character at most once, plus quotes */
		char *fts = malloc(len);
		if (!fts)
			abort();
		text_fts_query(f->search, fts, len);
		store_bind_text(st, 7, fts);
		free(fts);
	}
	sqlite3_bind_int(st, 8, f->rag_mismatch);
	sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
	char any[2] = {f->rag_any, 0};
	sqlite3_bind_int64(st, 12, f->section_id);
	store_bind_text(st, 13, any);
	store_bind_text(st, 14, f->due_from);
	store_bind_text(st, 15, f->due_to);
	sqlite3_bind_int64(st, 16, f->also_owner_id);
}

void store_read_action_row(struct store *s, sqlite3_stmt *st, struct action_row *row)
{
	struct date due;
	row->id = sqlite3_column_int64(st, 0);
	row->plan = store_col(st, 1);
	row->ref = store_col(st, 2);
	row->section = store_col(st, 3);
	row->title = store_col(st, 4);
	row->leads = store_col(st, 5);
	row->due_on = store_col(st, 6);
	row->due_text = store_col(st, 7);
	row->status = store_col(st, 8);
	row->completed_on = store_col(st, 9);
	row->rag = rag_from_text(store_col(st, 10));
	row->rag_computed = rag_from_text(store_col(st, 11));
	row->revisions = sqlite3_column_int(st, 12);
	row->days_over = DAYS_NONE;
	if (row->rag_computed != RAG_COMPLETE && date_parse_iso(row->due_on, &due) && date_compare(due, s->today) < 0)
		row->days_over = date_diff_days(due, s->today);
}

int store_list_actions(struct store *s, const struct action_filter *f, enum action_sort sort,
		       long offset, long limit, store_action_fn fn, void *ctx, struct pb_error *e)
{
	if (sort == SORT_RANK && !(f->search && *f->search))
		sort = SORT_PLAN; /* nothing to rank by */
	sqlite3_stmt *st = store_stmt(s, list_sql[sort], e);
	if (!st)
		return e->status;
	bind_filter(s, st, f);
	sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 11, offset);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct action_row row;
		store_read_action_row(s, st, &row);
		status = fn(ctx, &row);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing actions");
	sqlite3_reset(st);
	return status;
}

int store_count_actions(struct store *s, const struct action_filter *f, long *count, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, count_sql, e);
	if (!st)
		return e->status;
	bind_filter(s, st, f);
	int rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "counting actions");
}

/* Actions matching f per plan and section, in one pass: what the navigator's tree shows beside each entry. */
int store_count_by_section(struct store *s, const struct action_filter *f, store_section_count_fn fn, void *ctx,
			   struct pb_error *e)
{
	static const char sql[] =
		"SELECT plan, section_id, count(*) FROM (SELECT p.code AS plan, ifnull(a.section_id, 0) AS section_id,"
		" pb_rag(a.status, a.completed_on, a.due_state, a.due_on, EXISTS (SELECT 1 FROM due_change d WHERE d.action_id = a.id"
		" AND d.changed_on >= pb_quarter_start() AND d.to_on > d.from_on)) AS rag_c" STORE_ACTION_ROW_FROM WHERE_FILTER ")"
		" GROUP BY plan, section_id ORDER BY plan, section_id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	bind_filter(s, st, f);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = fn(ctx, store_col(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "counting actions by section");
	sqlite3_reset(st);
	return status;
}

/* Where the typed search matches an action best, as a snippet with the matched words between \x01 and \x02. */
int store_search_snippet(struct store *s, long action_id, const char *typed, struct search_snippet *out, struct pb_error *e)
{
	static const char sql[] =
		"SELECT kind, label, snip FROM ("
		" SELECT 'action' AS kind, '' AS label, snippet(search, -1, char(1), char(2), '\xE2\x80\xA6', 16) AS snip,"
		"  bm25(search, 0.0, 0.0, 4.0, 1.0) AS score FROM search WHERE search MATCH ?1 AND entity = 'action' AND entity_id = ?2"
		" UNION ALL SELECT 'update', title, snippet(search, 3, char(1), char(2), '\xE2\x80\xA6', 16),"
		"  bm25(search, 0.0, 0.0, 4.0, 1.0) FROM search WHERE search MATCH ?1 AND entity = 'update'"
		"  AND entity_id IN (SELECT id FROM progress_update WHERE action_id = ?2)"
		" UNION ALL SELECT 'engagement', title, snippet(search, -1, char(1), char(2), '\xE2\x80\xA6', 16),"
		"  bm25(search, 0.0, 0.0, 4.0, 1.0) FROM search WHERE search MATCH ?1 AND entity = 'engagement'"
		"  AND entity_id IN (SELECT engagement_id FROM engagement_action WHERE action_id = ?2)"
		") ORDER BY score LIMIT 1";
	memset(out, 0, sizeof *out);
	if (!typed || !*typed)
		return PB_OK;
	size_t len = 3 * strlen(typed) + 8;
	char *fts = malloc(len);
	if (!fts)
		return pb_fail(e, PB_FAIL, "out of memory while searching");
	text_fts_query(typed, fts, len);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st) {
		free(fts);
		return e->status;
	}
	store_bind_text(st, 1, fts);
	sqlite3_bind_int64(st, 2, action_id);
	int rc = *fts ? sqlite3_step(st) : SQLITE_DONE;
	if (rc == SQLITE_ROW) {
		snprintf(out->kind, sizeof out->kind, "%s", store_col(st, 0));
		snprintf(out->label, sizeof out->label, "%s", store_col(st, 1));
		snprintf(out->text, sizeof out->text, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	free(fts);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "finding where the search matched");
}

int store_find_officer(struct store *s, const char *name, long *id, char *canonical, size_t len, struct pb_error *e)
{
	static const char sql[] =
		"SELECT o.id, o.name FROM officer o WHERE o.name_key = ?1"
		" UNION ALL SELECT o.id, o.name FROM officer_alias al JOIN officer o ON o.id = al.officer_id WHERE al.alias_key = ?1 LIMIT 1";
	char key[256];
	names_key(name, key, sizeof key);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		if (canonical)
			snprintf(canonical, len, "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (!found)
		return pb_fail(e, PB_BAD_INPUT, "no officer called \"%s\"; check the spelling (names and aliases are in `planbench export --kind officers`)", name);
	return PB_OK;
}

int store_find_action(struct store *s, const char *plan, const char *ref, long *id, struct pb_error *e)
{
	static const char sql[] =
		"SELECT a.id, p.code FROM action a JOIN plan p ON p.id = a.plan_id"
		" WHERE a.ref = ?1 COLLATE NOCASE AND (?2 IS NULL OR p.code = ?2 COLLATE NOCASE) ORDER BY p.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 2, plan);
	char plans[256] = "";
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
		snprintf(plans + strlen(plans), sizeof plans - strlen(plans), "%s%s", n > 1 ? ", " : "", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (n == 0 && plan)
		return pb_fail(e, PB_BAD_INPUT, "no action \"%s\" in plan %s; `planbench list --plan %s` shows its refs", ref, plan, plan);
	if (n == 0)
		return pb_fail(e, PB_BAD_INPUT, "no action \"%s\"; `planbench list` shows the refs", ref);
	if (n > 1)
		return pb_fail(e, PB_USAGE, "\"%s\" is a ref in several plans (%s); say which with --plan", ref, plans);
	return PB_OK;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	char *p = strdup(store_col(st, i));
	if (!p)
		abort();
	return p;
}

int store_get_action(struct store *s, long id, struct action_detail *d, struct pb_error *e)
{
	static const char sql[] =
		"SELECT " STORE_ACTION_ROW_COLUMNS ", p.title, p.starts_on, ifnull(sec.title,''), a.description, a.measure,"
		" a.target, a.outcome, a.rag_reason, a.due_state, a.due_precision, a.created_at, a.updated_at,"
		" ifnull((SELECT from_on FROM due_change WHERE action_id = a.id ORDER BY seq LIMIT 1), a.due_on)"
		STORE_ACTION_ROW_FROM " WHERE a.id = ?1";
	memset(d, 0, sizeof *d);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return pb_fail(e, PB_BAD_INPUT, "no action with id %ld", id);
	}
	struct action_row row;
	store_read_action_row(s, st, &row);
	d->id = id;
	d->rag = row.rag;
	d->rag_computed = row.rag_computed;
	d->days_over = row.days_over;
	d->revisions = row.revisions;
	char **strings[] = {&d->plan, &d->ref, &d->section, &d->title, &d->leads, &d->due_on, &d->due_text,
			    &d->status, &d->completed_on};
	int cols[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		*strings[i] = dup_col(st, cols[i]);
	char **more[] = {&d->plan_title, &d->plan_start, &d->section_title, &d->description, &d->measure, &d->target,
			 &d->outcome, &d->rag_reason, &d->due_state, &d->due_precision, &d->created_at, &d->updated_at};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		*more[i] = dup_col(st, 13 + (int)i);
	snprintf(d->original_due, sizeof d->original_due, "%s", store_col(st, 25));
	sqlite3_reset(st);
	return PB_OK;
}

void store_action_free(struct action_detail *d)
{
	char *all[] = {d->plan, d->plan_title, d->plan_start, d->ref, d->section, d->section_title, d->title,
		       d->description, d->measure, d->target, d->outcome, d->leads, d->status, d->rag_reason,
		       d->due_text, d->due_on, d->due_state, d->due_precision, d->completed_on, d->created_at, d->updated_at};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
	memset(d, 0, sizeof *d);
}





/* The callback of one of the store_each_* walks, with its context. */
struct each {
	void *ctx;
	union {
		store_revision_fn revision;
		store_update_fn update;
		store_engagement_link_fn engagement;
		store_audit_fn audit;
	} fn;
};

/* Runs sql (?1 = action id) and hands every row to visit, stopping at the first status that is not PB_OK. */
static int each_row(struct store *s, const char *sql, long action_id, int (*visit)(sqlite3_stmt *, struct each *),
		    struct each *each, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = visit(st, each);
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading an action's history");
	sqlite3_reset(st);
	return status;
}

static int visit_revision(sqlite3_stmt *st, struct each *each)
{
	struct revision_row r = {sqlite3_column_int(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
				 store_col(st, 4), store_col(st, 5), store_col(st, 6)};
	return each->fn.revision(each->ctx, &r);
}

int store_each_revision(struct store *s, long action_id, store_revision_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT seq, from_on, to_on, to_text, reason, changed_on, changed_by FROM due_change WHERE action_id = ?1 ORDER BY seq";
	struct each each = {.ctx = ctx, .fn.revision = fn};
	return each_row(s, sql, action_id, visit_revision, &each, e);
}

static int visit_update(sqlite3_stmt *st, struct each *each)
{
	struct update_row u = {sqlite3_column_int64(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4)};
	return each->fn.update(each->ctx, &u);
}

int store_each_update(struct store *s, long action_id, store_update_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT id, period, noted_on, author, text FROM progress_update WHERE action_id = ?1 ORDER BY noted_on DESC, id DESC";
	struct each each = {.ctx = ctx, .fn.update = fn};
	return each_row(s, sql, action_id, visit_update, &each, e);
}

static int visit_engagement(sqlite3_stmt *st, struct each *each)
{
	struct engagement_link_row g = {store_col(st, 0), store_col(st, 1), store_col(st, 2)};
	return each->fn.engagement(each->ctx, &g);
}

int store_each_engagement_of(struct store *s, long action_id, store_engagement_link_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT g.ref, g.title, g.held_on FROM engagement_action ea JOIN engagement g ON g.id = ea.engagement_id"
		" WHERE ea.action_id = ?1 ORDER BY g.position";
	struct each each = {.ctx = ctx, .fn.engagement = fn};
	return each_row(s, sql, action_id, visit_engagement, &each, e);
}

static int visit_audit(sqlite3_stmt *st, struct each *each)
{
	struct audit_row a = {store_col(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4)};
	return each->fn.audit(each->ctx, &a);
}

int store_each_audit(struct store *s, long action_id, store_audit_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT at, ifnull(who,''), ifnull(field,''), old, new FROM audit WHERE entity = 'action' AND entity_id = ?1 ORDER BY id";
	struct each each = {.ctx = ctx, .fn.audit = fn};
	return each_row(s, sql, action_id, visit_audit, &each, e);
}

static const char *times(int n)
{
	static const char *const words[] = {"never", "once", "twice"};
	static char buf[32];
	if (n < 3)
		return words[n];
	snprintf(buf, sizeof buf, "%d times", n);
	return buf;
}

void store_mismatch_reason(const struct action_row *row, struct date today, char *out, size_t outlen)
{
	struct date due;
	char human[32] = "";
	bool dated = date_parse_iso(row->due_on, &due);
	if (dated)
		date_format_human(due, human, sizeof human);
	int n = snprintf(out, outlen, "set %s, computed %s", rag_name(row->rag), rag_name(row->rag_computed));
	if (n < 0 || (size_t)n >= outlen)
		return;
	size_t o = (size_t)n;
	long left = dated ? date_diff_days(today, due) : 0;
	if (row->rag_computed == RAG_COMPLETE)
		snprintf(out + o, outlen - o, ": the action is complete");
	else if (dated && left < 0)
		snprintf(out + o, outlen - o, ": target %s passed %ld day%s ago", human, -left, left == -1 ? "" : "s");
	else if (dated && left == 0)
		snprintf(out + o, outlen - o, ": target %s is today", human);
	else if (dated)
		snprintf(out + o, outlen - o, ": target %s is in %ld day%s", human, left, left == 1 ? "" : "s");
	else
		snprintf(out + o, outlen - o, ": no target date");
	o = strlen(out);
	if (row->revisions > 0)
		snprintf(out + o, outlen - o, ", revised %s", times(row->revisions));
}
