/* review.c — one-to-one reviews: the officer's agenda in the order a team leader takes it, reviews started, recorded,
 * finished and listed, and the review sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/when.h"
#include "store/internal.h"
#include "store/review.h"

#define NOT_COMPLETE " NOT (ifnull(a.status,'') = 'complete' OR a.completed_on IS NOT NULL OR a.due_state = 'complete')"
#define AUDIT_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor)"

/* Every action officer ?1 leads with its agenda group (grp 0-4, the first that applies): ?2 today, ?3 1 when changes
 * count, ?4 the day after which updates and revisions count, ?5 the audit mark after which entries count. One-to-one
 * notes are not changes to the action. */
#define AGENDA_ROWS \
	"SELECT x.*, CASE WHEN late THEN 0 WHEN pb_rag_mismatch(rag, rag_c) THEN 1 WHEN soon THEN 2 WHEN changed THEN 3" \
	" ELSE 4 END AS grp FROM (SELECT " STORE_ACTION_ROW_COLUMNS ", p.position AS ppos, a.position AS apos," \
	" (a.due_on < ?2 AND" NOT_COMPLETE ") AS late," \
	" (a.due_on >= ?2 AND a.due_on <= date(?2, '+1 month') AND" NOT_COMPLETE ") AS soon," \
	" NOT" NOT_COMPLETE " AS done," \
	" (?3 AND (EXISTS (SELECT 1 FROM audit au WHERE au.entity = 'action' AND au.entity_id = a.id AND au.id > ?5" \
	"   AND (au.field IS NULL OR au.field NOT LIKE '1:1 %'))" \
	"  OR EXISTS (SELECT 1 FROM progress_update u WHERE u.action_id = a.id AND u.noted_on > ?4)" \
	"  OR EXISTS (SELECT 1 FROM due_change d WHERE d.action_id = a.id AND d.changed_on > ?4))) AS changed" \
	STORE_ACTION_ROW_FROM \
	" WHERE EXISTS (SELECT 1 FROM action_owner ao WHERE ao.action_id = a.id AND ao.officer_id = ?1)) AS x"

/* Overdue and due soon by date (most overdue first), the rest in plan order, complete ones last. */
#define AGENDA_ORDER "grp, CASE WHEN grp IN (0, 2) THEN due_on END, done, ppos, apos"

#define GROUP_KEY(col) \
	"CASE " col " WHEN 0 THEN 'overdue' WHEN 1 THEN 'mismatch' WHEN 2 THEN 'due_soon' WHEN 3 THEN 'changed' ELSE 'other' END"

/* ---- small helpers ---- */

/* A copy of text without white space around it; NULL when nothing is left. The caller frees it. */
static char *trimmed(const char *text)
{
	if (!text)
		return NULL;
	char *copy = strdup(text);
	if (!copy)
		abort();
	char *t = text_trim(copy);
	if (!*t) {
		free(copy);
		return NULL;
	}
	memmove(copy, t, strlen(t) + 1);
	return copy;
}

/* Writes an entry into the audit trail. */
static int audit(struct store *s, const char *entity, long id, const char *field, const char *old, const char *new,
		 struct pb_error *e)
{
	static const char sql[] = "INSERT INTO audit(id, at, who, entity, entity_id, field, old, new) VALUES (pb_new_id('audit'), " AUDIT_NOW ", ?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	store_bind_text(st, 3, field);
	store_bind_text(st, 4, old);
	store_bind_text(st, 5, new);
	return store_step_write(s, st, "recording the review in the audit trail", e);
}

/* Binds the since parameters ?3, ?4 and ?5 of AGENDA_ROWS. */
static void bind_since(sqlite3_stmt *st, const struct review_since *since)
{
	bool any = since && since->any;
	sqlite3_bind_int(st, 3, any);
	sqlite3_bind_text(st, 4, any ? since->after : "9999-12-31", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, any ? since->audit_mark : 0);
}

static void today_iso(struct store *s, char out[DATE_ISO_LEN])
{
	date_format_iso(s->today, out);
}

/* ---- since ---- */

int store_review_since_last(struct store *s, long officer_id, struct review_since *out, struct pb_error *e)
{
	static const char sql[] =
		"SELECT held_on, ifnull(audit_mark, 0) FROM review WHERE officer_id = ?1 AND finished_at IS NOT NULL"
		" ORDER BY held_on DESC, id DESC LIMIT 1";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, officer_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->any = true;
		snprintf(out->on, sizeof out->on, "%s", store_col(st, 0));
		snprintf(out->after, sizeof out->after, "%s", store_col(st, 0));
		out->audit_mark = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "finding the last review");
}

int store_review_since_day(struct store *s, struct date day, struct review_since *out, struct pb_error *e)
{
	static const char sql[] = "SELECT ifnull(max(id), 0) FROM audit WHERE at < ?1";
	memset(out, 0, sizeof *out);
	out->any = true;
	date_format_iso(day, out->on);
	date_format_iso(date_from_days(date_to_days(day) - 1), out->after);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, out->on, -1, SQLITE_TRANSIENT);
	out->audit_mark = store_one_int(st);
	return PB_OK;
}

/* ---- the agenda as it is now ---- */

int store_review_agenda_counts(struct store *s, long officer_id, const struct review_since *since, struct review_counts *c,
			       struct pb_error *e)
{
	static const char sql[] = "SELECT grp, count(*) FROM (" AGENDA_ROWS ") GROUP BY grp";
	char today[DATE_ISO_LEN];
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, officer_id);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	bind_since(st, since);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int g = sqlite3_column_int(st, 0);
		if (g >= 0 && g < REVIEW_NGROUPS) {
			c->n[g] = sqlite3_column_int64(st, 1);
			c->total += c->n[g];
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "counting the agenda");
}

int store_review_agenda(struct store *s, long officer_id, const struct review_since *since, long offset, long limit,
			store_review_item_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT id, plan, ref, section, title, leads, due_on, due_text, status, completed_on, rag, rag_c, revisions, grp"
		" FROM (" AGENDA_ROWS ") ORDER BY " AGENDA_ORDER " LIMIT ?6 OFFSET ?7";
	char today[DATE_ISO_LEN];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, officer_id);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	bind_since(st, since);
	sqlite3_bind_int64(st, 6, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 7, offset);
	int rc, status = PB_OK;
	long position = offset;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct review_item_row r;
		memset(&r, 0, sizeof r);
		store_read_action_row(s, st, &r.action);
		r.group = (enum review_group)sqlite3_column_int(st, 13);
		r.position = ++position;
		r.notes = r.next_step = r.new_due_on = r.due_then = "";
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the agenda");
	sqlite3_reset(st);
	return status;
}

/* ---- reviews ---- */

/* Adds to review_id every action the officer leads that it does not hold yet, after those it holds, in agenda order,
 * with its group, target and RAGs as they are now. */
static int add_items(struct store *s, long review_id, long officer_id, const struct review_since *since, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO review_item(id, review_id, action_id, discussed, agenda_group, position, due_on_then, rag_then, rag_computed_then)"
		" SELECT pb_new_id('review_item') + (row_number() OVER (ORDER BY " AGENDA_ORDER ") - 1) * " STORE_ID_STEP ", ?8, ag.id, 1, " GROUP_KEY("ag.grp") ","
		" (SELECT ifnull(max(position), 0) FROM review_item WHERE review_id = ?8) + row_number() OVER (ORDER BY " AGENDA_ORDER "),"
		" ag.due_on, ag.rag, ag.rag_c FROM (" AGENDA_ROWS ") AS ag"
		" WHERE NOT EXISTS (SELECT 1 FROM review_item ri WHERE ri.review_id = ?8 AND ri.action_id = ag.id)";
	char today[DATE_ISO_LEN];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, officer_id);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	bind_since(st, since);
	sqlite3_bind_int64(st, 8, review_id);
	return store_step_write(s, st, "making the agenda", e);
}

/* The review of officer_id in progress; 0 when none. */
static long open_review(struct store *s, long officer_id)
{
	static const char sql[] = "SELECT id FROM review WHERE officer_id = ?1 AND finished_at IS NULL ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, officer_id);
	return store_one_int(st);
}

/* The officer's name, for the audit trail; "" when there is none. */
static void officer_name(struct store *s, long officer_id, char *out, size_t len)
{
	static const char sql[] = "SELECT name FROM officer WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	out[0] = '\0';
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, officer_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, len, "%s", store_col(st, 0));
	sqlite3_reset(st);
}

/* Inserts a new review of officer_id, today, by the actor, counting changes since the last one; *id gets it. */
static int new_review(struct store *s, long officer_id, const char *name, long *id, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO review(id, officer_id, reviewer, held_on, since_on, since_mark) VALUES (pb_new_id('review'), ?1, ?2, ?3, ?4, ?5)";
	struct review_since since;
	char today[DATE_ISO_LEN];
	if (store_review_since_last(s, officer_id, &since, e) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, officer_id);
	store_bind_text(st, 2, s->actor);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 4, since.any ? since.on : NULL);
	if (since.any)
		sqlite3_bind_int64(st, 5, since.audit_mark);
	if (store_step_write(s, st, "starting the review", e) != PB_OK)
		return e->status;
	*id = sqlite3_last_insert_rowid(s->db);
	if (audit(s, "review", *id, NULL, NULL, name, e) != PB_OK)
		return e->status;
	return add_items(s, *id, officer_id, &since, e);
}

int store_review_start(struct store *s, long officer_id, long *id, bool *resumed, struct pb_error *e)
{
	char name[128];
	struct review_info info;
	*resumed = false;
	officer_name(s, officer_id, name, sizeof name);
	if (!*name)
		return pb_fail(e, PB_BAD_INPUT, "no officer with id %ld; `planbench export --kind officers` lists them", officer_id);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = PB_OK;
	*id = open_review(s, officer_id);
	if (*id) {
		*resumed = true;
		status = store_review_get(s, *id, &info, e);
		if (status == PB_OK)
			status = add_items(s, *id, officer_id, &info.since, e);
	} else {
		status = new_review(s, officer_id, name, id, e);
	}
	return store_finish(s, status, e);
}

#define REVIEW_COLUMNS \
	"SELECT r.id, r.officer_id, o.name, ifnull(r.reviewer,''), r.held_on, ifnull(r.finished_at,''), ifnull(r.since_on,'')," \
	" ifnull(r.since_mark, 0), (SELECT count(*) FROM review_item WHERE review_id = r.id)," \
	" (SELECT count(*) FROM review_item WHERE review_id = r.id AND taken_at IS NOT NULL)," \
	" (SELECT count(*) FROM review_item WHERE review_id = r.id AND taken_at IS NOT NULL AND discussed = 1)" \
	" FROM review r JOIN officer o ON o.id = r.officer_id"

static void read_review(sqlite3_stmt *st, struct review_info *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->officer_id = sqlite3_column_int64(st, 1);
	snprintf(r->officer, sizeof r->officer, "%s", store_col(st, 2));
	snprintf(r->reviewer, sizeof r->reviewer, "%s", store_col(st, 3));
	snprintf(r->held_on, sizeof r->held_on, "%s", store_col(st, 4));
	snprintf(r->finished_at, sizeof r->finished_at, "%s", store_col(st, 5));
	r->finished = *r->finished_at != '\0';
	r->since.any = *store_col(st, 6) != '\0';
	snprintf(r->since.on, sizeof r->since.on, "%s", store_col(st, 6));
	snprintf(r->since.after, sizeof r->since.after, "%s", store_col(st, 6));
	r->since.audit_mark = sqlite3_column_int64(st, 7);
	r->items = sqlite3_column_int64(st, 8);
	r->taken = sqlite3_column_int64(st, 9);
	r->discussed = sqlite3_column_int64(st, 10);
}

int store_review_get(struct store *s, long id, struct review_info *out, struct pb_error *e)
{
	static const char sql[] = REVIEW_COLUMNS " WHERE r.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_review(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return pb_fail(e, PB_BAD_INPUT, "there is no review %ld (it may have been discarded); the Reviews screen lists them", id);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "reading the review");
}

int store_review_count(struct store *s, long *n, struct pb_error *e)
{
	static const char sql[] = "SELECT count(*) FROM review";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	*n = store_one_int(st);
	return PB_OK;
}

int store_review_list(struct store *s, long offset, long limit, store_review_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		REVIEW_COLUMNS " ORDER BY r.finished_at IS NOT NULL, r.held_on DESC, r.id DESC LIMIT ?1 OFFSET ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 2, offset);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct review_info r;
		read_review(st, &r);
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing the reviews");
	sqlite3_reset(st);
	return status;
}

int store_review_item_counts(struct store *s, long review_id, struct review_counts *c, struct pb_error *e)
{
	static const char sql[] = "SELECT agenda_group, count(*) FROM review_item WHERE review_id = ?1 GROUP BY agenda_group";
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, review_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int g = review_group_from_key(store_col(st, 0));
		long n = sqlite3_column_int64(st, 1);
		c->n[g < 0 ? REVIEW_OTHER : g] += n;
		c->total += n;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "counting the review's agenda");
}

/* Where an item stands: columns discussed, taken_at and whether the review is finished. */
static enum review_state item_state(bool discussed, bool taken, bool finished)
{
	if (!discussed)
		return REVIEW_ITEM_NOT_DISCUSSED;
	return taken ? REVIEW_ITEM_DISCUSSED : finished ? REVIEW_ITEM_NOT_DISCUSSED : REVIEW_ITEM_PENDING;
}

int store_review_items(struct store *s, long review_id, long offset, long limit, store_review_item_fn fn, void *ctx,
		       struct pb_error *e)
{
	static const char sql[] =
		"SELECT " STORE_ACTION_ROW_COLUMNS ", i.id, i.agenda_group, i.position, i.discussed, i.taken_at IS NOT NULL,"
		" r.finished_at IS NOT NULL, i.notes, i.next_step, i.new_due_on, i.due_on_then, i.rag_then, i.rag_computed_then"
		" FROM review_item i JOIN review r ON r.id = i.review_id JOIN action a ON a.id = i.action_id"
		" JOIN plan p ON p.id = a.plan_id LEFT JOIN section sec ON sec.id = a.section_id"
		" WHERE i.review_id = ?1 ORDER BY i.position, i.id LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 3, offset);
	int rc, status = PB_OK;
	long position = offset;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct review_item_row r;
		memset(&r, 0, sizeof r);
		store_read_action_row(s, st, &r.action);
		r.item_id = sqlite3_column_int64(st, 13);
		int g = review_group_from_key(store_col(st, 14));
		r.group = g < 0 ? REVIEW_OTHER : (enum review_group)g;
		r.position = ++position;
		r.state = item_state(sqlite3_column_int(st, 16), sqlite3_column_int(st, 17), sqlite3_column_int(st, 18));
		r.notes = store_col(st, 19);
		r.next_step = store_col(st, 20);
		r.new_due_on = store_col(st, 21);
		r.due_then = store_col(st, 22);
		r.rag_then = rag_from_text(store_col(st, 23));
		r.rag_computed_then = rag_from_text(store_col(st, 24));
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the review's agenda");
	sqlite3_reset(st);
	return status;
}

int store_review_runs(struct store *s, long review_id, store_review_run_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT agenda_group, min(position), count(*) FROM (SELECT agenda_group, position,"
		" position - row_number() OVER (PARTITION BY agenda_group ORDER BY position) AS run"
		" FROM review_item WHERE review_id = ?1) GROUP BY agenda_group, run ORDER BY min(position)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, review_id);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int g = review_group_from_key(store_col(st, 0));
		status = fn(ctx, g < 0 ? REVIEW_OTHER : (enum review_group)g, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the review's agenda");
	sqlite3_reset(st);
	return status;
}

int store_review_next_pending(struct store *s, long review_id, long after, long *position, struct pb_error *e)
{
	static const char sql[] =
		"SELECT position FROM review_item WHERE review_id = ?1 AND taken_at IS NULL AND discussed = 1"
		" AND (SELECT finished_at FROM review WHERE id = ?1) IS NULL ORDER BY position <= ?2, position LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, after);
	int rc = sqlite3_step(st);
	*position = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "finding the next action to take");
}

/* ---- recording ---- */

/* One action's record in a review, copied out. */
struct item {
	long id;
	char *notes, *next_step;
	char new_due_on[DATE_ISO_LEN];
	bool discussed, taken, finished;
	char plan[64], ref[64], due_on[DATE_ISO_LEN];
};

static void item_free(struct item *it)
{
	free(it->notes);
	free(it->next_step);
}

/* Reads the record of action_id in review_id; PB_BAD_INPUT when the review is finished or does not hold it. */
static int read_item(struct store *s, long review_id, long action_id, struct item *it, struct pb_error *e)
{
	static const char sql[] =
		"SELECT i.id, i.notes, i.next_step, ifnull(i.new_due_on,''), i.discussed, i.taken_at IS NOT NULL,"
		" r.finished_at IS NOT NULL, p.code, a.ref, ifnull(a.due_on,'')"
		" FROM review_item i JOIN review r ON r.id = i.review_id JOIN action a ON a.id = i.action_id"
		" JOIN plan p ON p.id = a.plan_id WHERE i.review_id = ?1 AND i.action_id = ?2";
	memset(it, 0, sizeof *it);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, action_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		it->notes = store_col_or_null(st, 1) ? strdup(store_col(st, 1)) : NULL;
		it->next_step = store_col_or_null(st, 2) ? strdup(store_col(st, 2)) : NULL;
		snprintf(it->new_due_on, sizeof it->new_due_on, "%s", store_col(st, 3));
		it->discussed = sqlite3_column_int(st, 4);
		it->taken = sqlite3_column_int(st, 5);
		it->finished = sqlite3_column_int(st, 6);
		snprintf(it->plan, sizeof it->plan, "%s", store_col(st, 7));
		snprintf(it->ref, sizeof it->ref, "%s", store_col(st, 8));
		snprintf(it->due_on, sizeof it->due_on, "%s", store_col(st, 9));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return pb_fail(e, PB_BAD_INPUT, "review %ld has no action with id %ld on its agenda; refresh with Ctrl-L", review_id, action_id);
	if (rc != SQLITE_ROW)
		return store_sql_fail(s, e, "reading the review");
	if (it->finished) {
		int status = pb_fail(e, PB_BAD_INPUT, "%s %s: review %ld is finished, so what it recorded stays as it was;"
				     " start a new review to record more", it->plan, it->ref, review_id);
		item_free(it);
		return status;
	}
	return PB_OK;
}

/* Reads a new target date as officers write it into one day; PB_BAD_INPUT naming it when it is not one. */
static int agreed_day(struct store *s, long action_id, const char *text, char iso[DATE_ISO_LEN], struct pb_error *e)
{
	struct action_detail d;
	struct when w;
	struct date start;
	char err[600];
	if (store_get_action(s, action_id, &d, e) != PB_OK)
		return e->status;
	bool has_start = date_parse_iso(d.plan_start, &start);
	int status = PB_OK;
	if (when_parse(text, has_start ? &start : NULL, &w, err, sizeof err) != 0)
		status = pb_fail(e, PB_BAD_INPUT, "new target date: %s", err);
	else if (w.ndates != 1)
		status = pb_fail(e, PB_BAD_INPUT, "new target date: \"%s\" is not one date; write it like 31/07/2026 or Jul-26", text);
	else
		date_format_iso(w.dates[0].date, iso);
	store_action_free(&d);
	return status;
}

/* Audits one field of the record on the action when it changes: "1:1 notes" and the like. */
static int audit_field(struct store *s, long action_id, const char *field, const char *old, const char *new, struct pb_error *e)
{
	if ((!old || !*old) && (!new || !*new))
		return PB_OK;
	if (old && new && strcmp(old, new) == 0)
		return PB_OK;
	return audit(s, "action", action_id, field, old, new, e);
}

/* Saves the item's fields, taken now and discussed. */
static int write_item(struct store *s, long item_id, const char *notes, const char *next_step, const char *new_due_on,
		      struct pb_error *e)
{
	static const char sql[] =
		"UPDATE review_item SET notes = ?2, next_step = ?3, new_due_on = ?4, discussed = 1,"
		" taken_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, notes);
	store_bind_text(st, 3, next_step);
	store_bind_text(st, 4, new_due_on);
	return store_step_write(s, st, "saving the review", e);
}

/* The revision a new agreed date makes (none when it is the current target already); new_due gets the day. */
static int agree_date(struct store *s, long action_id, const struct item *it, const char *text, char new_due[DATE_ISO_LEN],
		      struct pb_error *e)
{
	char reason[64];
	snprintf(new_due, DATE_ISO_LEN, "%s", it->new_due_on);
	if (!text) {
		if (*it->new_due_on)
			return pb_fail(e, PB_BAD_INPUT, "%s %s: the new target date %s agreed at this review is already a revision;"
				       " type another date to move it again", it->plan, it->ref, it->new_due_on);
		return PB_OK;
	}
	if (agreed_day(s, action_id, text, new_due, e) != PB_OK)
		return e->status;
	if (strcmp(new_due, it->due_on) == 0)
		return PB_OK;
	review_agreed_reason(s->today, reason, sizeof reason);
	return store_revise_due(s, action_id, text, reason, e);
}

int store_review_record(struct store *s, long review_id, long action_id, const struct review_record *r, struct pb_error *e)
{
	struct item it;
	char new_due[DATE_ISO_LEN] = "";
	char *notes = trimmed(r->notes), *next_step = trimmed(r->next_step), *date = trimmed(r->new_due);
	int status = store_begin(s, e);
	if (status == PB_OK) {
		status = read_item(s, review_id, action_id, &it, e);
		if (status == PB_OK) {
			status = agree_date(s, action_id, &it, date, new_due, e);
			if (status == PB_OK)
				status = audit_field(s, action_id, "1:1 notes", it.notes, notes, e);
			if (status == PB_OK)
				status = audit_field(s, action_id, "1:1 next step", it.next_step, next_step, e);
			if (status == PB_OK)
				status = audit_field(s, action_id, "1:1 new target", it.new_due_on, new_due, e);
			if (status == PB_OK && (!it.discussed || !it.taken))
				status = audit_field(s, action_id, "1:1 discussed", it.taken ? "no" : "", "yes", e);
			if (status == PB_OK)
				status = write_item(s, it.id, notes, next_step, new_due, e);
			item_free(&it);
		}
		status = store_finish(s, status, e);
	}
	free(notes);
	free(next_step);
	free(date);
	return status;
}

int store_review_mark(struct store *s, long review_id, long action_id, bool not_discussed, struct pb_error *e)
{
	static const char sql[] =
		"UPDATE review_item SET discussed = ?2, taken_at = CASE WHEN ?2 THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ','now') END"
		" WHERE id = ?1";
	struct item it;
	int status = store_begin(s, e);
	if (status != PB_OK)
		return status;
	status = read_item(s, review_id, action_id, &it, e);
	if (status != PB_OK)
		return store_finish(s, status, e);
	if (it.notes || it.next_step || *it.new_due_on)
		status = pb_fail(e, PB_BAD_INPUT, "%s %s has notes, a next step or a new date recorded at this review, so it was"
				 " discussed; change what is recorded instead", it.plan, it.ref);
	bool was = it.taken && !it.discussed;
	if (status == PB_OK && was != not_discussed)
		status = audit_field(s, action_id, "1:1 discussed", was ? "no" : "", not_discussed ? "no" : "to take", e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, sql, e) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, it.id);
		sqlite3_bind_int(st, 2, !not_discussed);
		status = store_step_write(s, st, "saving the review", e);
	} else if (status == PB_OK) {
		status = e->status;
	}
	item_free(&it);
	return store_finish(s, status, e);
}

/* The review, checked to be in progress. */
static int open_one(struct store *s, long review_id, struct review_info *r, const char *doing, struct pb_error *e)
{
	if (store_review_get(s, review_id, r, e) != PB_OK)
		return e->status;
	if (r->finished)
		return pb_fail(e, PB_BAD_INPUT, "the review of %s held on %s is finished already; %s is for a review in progress",
			       r->officer, r->held_on, doing);
	return PB_OK;
}

int store_review_finish(struct store *s, long review_id, struct pb_error *e)
{
	static const char untaken[] = "UPDATE review_item SET discussed = 0 WHERE review_id = ?1 AND taken_at IS NULL";
	static const char done[] =
		"UPDATE review SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), held_on = ?2, reviewer = ?3,"
		" audit_mark = (SELECT max(id) FROM audit) WHERE id = ?1";
	struct review_info r;
	char today[DATE_ISO_LEN], what[400];
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = open_one(s, review_id, &r, "finishing", e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, untaken, e) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, review_id);
		status = store_step_write(s, st, "finishing the review", e);
	} else if (status == PB_OK) {
		status = e->status;
	}
	today_iso(s, today);
	snprintf(what, sizeof what, "%s with %s by %s: %ld of %ld actions discussed", today, r.officer, s->actor, r.discussed, r.items);
	if (status == PB_OK)
		status = audit(s, "review", review_id, "finished", NULL, what, e);
	st = status == PB_OK ? store_stmt(s, done, e) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, review_id);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
		store_bind_text(st, 3, s->actor);
		status = store_step_write(s, st, "finishing the review", e);
	} else if (status == PB_OK) {
		status = e->status;
	}
	return store_finish(s, status, e);
}

int store_review_discard(struct store *s, long review_id, struct pb_error *e)
{
	static const char items[] = "DELETE FROM review_item WHERE review_id = ?1";
	static const char review[] = "DELETE FROM review WHERE id = ?1";
	struct review_info r;
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = open_one(s, review_id, &r, "discarding", e);
	if (status == PB_OK)
		status = audit(s, "review", review_id, NULL, r.officer, NULL, e);
	for (int i = 0; i < 2 && status == PB_OK; i++) {
		sqlite3_stmt *st = store_stmt(s, i ? review : items, e);
		if (!st) {
			status = e->status;
			break;
		}
		sqlite3_bind_int64(st, 1, review_id);
		status = store_step_write(s, st, "discarding the review", e);
	}
	return store_finish(s, status, e);
}

/* ---- one action in a review ---- */

int store_review_each_update(struct store *s, long action_id, const struct review_since *since, store_review_update_fn fn,
			     void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT u.id, u.period, u.noted_on, u.author, u.text, (?2 AND (u.noted_on > ?3 OR EXISTS (SELECT 1 FROM audit au"
		"  WHERE au.entity = 'action' AND au.entity_id = u.action_id AND au.field = 'progress_update' AND au.old IS NULL"
		"  AND au.new = u.text AND au.id > ?4)))"
		" FROM progress_update u WHERE u.action_id = ?1 ORDER BY u.noted_on DESC, u.id DESC";
	bool any = since && since->any;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	sqlite3_bind_int(st, 2, any);
	sqlite3_bind_text(st, 3, any ? since->after : "9999-12-31", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, any ? since->audit_mark : 0);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct update_row u = {sqlite3_column_int64(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
				       store_col(st, 4)};
		status = fn(ctx, &u, sqlite3_column_int(st, 5) != 0);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the progress updates");
	sqlite3_reset(st);
	return status;
}

int store_review_earlier(struct store *s, long action_id, long review_id, const char *held_on, store_review_earlier_fn fn,
			 void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT r.id, r.held_on, ifnull(r.reviewer,''), i.notes, i.next_step, i.new_due_on, i.discussed, i.taken_at IS NOT NULL,"
		" r.officer_id, o.name FROM review_item i JOIN review r ON r.id = i.review_id JOIN officer o ON o.id = r.officer_id"
		" WHERE i.action_id = ?1 AND r.finished_at IS NOT NULL AND r.id <> ?2 AND (r.held_on < ?3 OR (r.held_on = ?3 AND r.id < ?2))"
		" ORDER BY r.held_on DESC, r.id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	sqlite3_bind_int64(st, 2, review_id);
	sqlite3_bind_text(st, 3, held_on ? held_on : "9999-12-31", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st), status = PB_OK;
	if (rc == SQLITE_ROW) {
		struct review_earlier_row r = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 8), store_col(st, 9),
					       store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4), store_col(st, 5),
					       item_state(sqlite3_column_int(st, 6), sqlite3_column_int(st, 7), true)};
		status = fn(ctx, &r);
	} else if (rc != SQLITE_DONE) {
		status = store_sql_fail(s, e, "reading the last review");
	}
	sqlite3_reset(st);
	return status;
}

/* ---- the sheet ---- */

/* The latest progress update of an action noted on or before day (NULL: any), copied. */
struct latest {
	char period[64], on[DATE_ISO_LEN], author[128];
	char *text; /* owned; NULL when there is none */
};

static int latest_update(struct store *s, long action_id, const char *day, struct latest *l, struct pb_error *e)
{
	static const char sql[] =
		"SELECT period, noted_on, author, text FROM progress_update WHERE action_id = ?1 AND (?2 IS NULL OR noted_on <= ?2)"
		" ORDER BY noted_on DESC, id DESC LIMIT 1";
	memset(l, 0, sizeof *l);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	store_bind_text(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(l->period, sizeof l->period, "%s", store_col(st, 0));
		snprintf(l->on, sizeof l->on, "%s", store_col(st, 1));
		snprintf(l->author, sizeof l->author, "%s", store_col(st, 2));
		l->text = strdup(store_col(st, 3));
		if (!l->text)
			abort();
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "reading the latest update");
}

/* The next step last agreed for an action at any review, and its day; copied (NULL when none). */
static int last_step(struct store *s, long action_id, char **step, char on[DATE_ISO_LEN], struct pb_error *e)
{
	static const char sql[] =
		"SELECT i.next_step, r.held_on FROM review_item i JOIN review r ON r.id = i.review_id"
		" WHERE i.action_id = ?1 AND i.next_step IS NOT NULL ORDER BY r.held_on DESC, r.id DESC LIMIT 1";
	*step = NULL;
	on[0] = '\0';
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*step = strdup(store_col(st, 0));
		if (!*step)
			abort();
		snprintf(on, DATE_ISO_LEN, "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "reading the agreed next steps");
}

/* The officer's name, role and team. */
struct officer_words {
	char name[128], role[256], team[256];
};

static int officer_words(struct store *s, long officer_id, struct officer_words *o, struct pb_error *e)
{
	static const char sql[] = "SELECT name, ifnull(role,''), ifnull(team,'') FROM officer WHERE id = ?1";
	memset(o, 0, sizeof *o);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, officer_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(o->name, sizeof o->name, "%s", store_col(st, 0));
		snprintf(o->role, sizeof o->role, "%s", store_col(st, 1));
		snprintf(o->team, sizeof o->team, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return pb_fail(e, PB_BAD_INPUT, "no officer with id %ld; `planbench export --kind officers` lists them", officer_id);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "reading the officer");
}

struct sheet_ctx {
	struct store *s;
	struct review_sheet *w;
	const char *held_on; /* a saved review's day: updates up to it, days over on it; NULL for now */
	struct pb_error *e;
};

/* Days action was past due on day (0 when it was not, or it is complete). */
static long days_over_on(const char *due_on, enum rag computed, const char *day)
{
	struct date due, on;
	if (computed == RAG_COMPLETE || !date_parse_iso(due_on, &due) || !date_parse_iso(day, &on))
		return 0;
	long d = date_diff_days(due, on);
	return d > 0 ? d : 0;
}

/* Store callback: one action of the sheet, with its latest update and what was agreed. */
static int sheet_row(void *ctx, const struct review_item_row *r)
{
	struct sheet_ctx *c = ctx;
	struct latest l;
	char *step = NULL, agreed_on[DATE_ISO_LEN] = "";
	bool saved = c->held_on != NULL;
	if (latest_update(c->s, r->action.id, c->held_on, &l, c->e) != PB_OK)
		return c->e->status;
	int status = saved ? PB_OK : last_step(c->s, r->action.id, &step, agreed_on, c->e);
	if (status == PB_OK) {
		struct review_sheet_row row = {
			.group = r->group, .plan = r->action.plan, .ref = r->action.ref, .title = r->action.title,
			.due_on = saved ? r->due_then : r->action.due_on, .due_text = r->action.due_text,
			.days_over = saved ? days_over_on(r->due_then, r->rag_computed_then, c->held_on)
				   : r->action.days_over == DAYS_NONE ? 0 : r->action.days_over,
			.rag = saved ? r->rag_then : r->action.rag, .rag_computed = saved ? r->rag_computed_then : r->action.rag_computed,
			.update_period = l.period, .update_on = l.on, .update_author = l.author, .update_text = l.text ? l.text : "",
			.next_step = saved ? r->next_step : step ? step : "", .agreed_on = saved ? (*r->next_step ? c->held_on : "") : agreed_on,
			.new_due_on = r->new_due_on, .notes = r->notes, .state = r->state,
		};
		review_sheet_row(c->w, &row);
	}
	free(l.text);
	free(step);
	return status;
}

/* Ends the sheet, saying so when writing failed. */
static int sheet_end(struct review_sheet *w, int status, struct pb_error *e)
{
	if (review_sheet_end(w) != 0 && status == PB_OK)
		return pb_fail(e, PB_FAIL, "could not write the review sheet (is the disk full?)");
	return status;
}

int store_review_sheet(struct store *s, long officer_id, const struct review_since *since, enum review_format format,
		       FILE *out, struct pb_error *e)
{
	struct officer_words o;
	struct review_since last;
	struct review_counts c;
	struct review_sheet w;
	char today[DATE_ISO_LEN];
	if (officer_words(s, officer_id, &o, e) != PB_OK)
		return e->status;
	if (!since) {
		if (store_review_since_last(s, officer_id, &last, e) != PB_OK)
			return e->status;
		since = &last;
	}
	if (store_review_agenda_counts(s, officer_id, since, &c, e) != PB_OK)
		return e->status;
	today_iso(s, today);
	struct review_sheet_meta m = {.officer = o.name, .role = o.role, .team = o.team, .held_on = s->today, .reviewer = "",
				      .since_on = since->any ? since->on : "", .since_given = since != &last};
	memcpy(m.counts, c.n, sizeof m.counts);
	review_sheet_begin(&w, out, format, &m);
	struct sheet_ctx ctx = {s, &w, NULL, e};
	int status = store_review_agenda(s, officer_id, since, 0, -1, sheet_row, &ctx, e);
	return sheet_end(&w, status, e);
}

int store_review_sheet_saved(struct store *s, long review_id, enum review_format format, FILE *out, struct pb_error *e)
{
	struct review_info r;
	struct officer_words o;
	struct review_counts c;
	struct review_sheet w;
	struct date held;
	if (store_review_get(s, review_id, &r, e) != PB_OK || officer_words(s, r.officer_id, &o, e) != PB_OK ||
	    store_review_item_counts(s, review_id, &c, e) != PB_OK)
		return e->status;
	if (!date_parse_iso(r.held_on, &held))
		held = s->today;
	struct review_sheet_meta m = {.officer = o.name, .role = o.role, .team = o.team, .held_on = held, .reviewer = r.reviewer,
				      .saved = true, .finished = r.finished, .since_on = r.since.any ? r.since.on : ""};
	memcpy(m.counts, c.n, sizeof m.counts);
	review_sheet_begin(&w, out, format, &m);
	struct sheet_ctx ctx = {s, &w, r.held_on, e};
	int status = store_review_items(s, review_id, 0, -1, sheet_row, &ctx, e);
	return sheet_end(&w, status, e);
}
