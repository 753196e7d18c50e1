/* update.c — the changes an officer makes to an action: notes, status, RAG, target revisions, completion. */
#include <stdio.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "core/when.h"
#include "store/internal.h"

/* Runs one write statement; the caller has bound it. */
static int step_write(struct store *s, sqlite3_stmt *st, const char *doing, struct pb_error *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, doing);
}

/* Commits when status is PB_OK, otherwise rolls back; returns status. */
static int finish(struct store *s, int status, struct pb_error *e)
{
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

static void today_iso(struct store *s, char out[DATE_ISO_LEN])
{
	date_format_iso(s->today, out);
}

int store_add_update(struct store *s, long action_id, const char *period, const char *text, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO progress_update(action_id, period, noted_on, author, text, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
	char today[DATE_ISO_LEN], label[32];
	if (!text || !*text)
		return pb_fail(e, PB_USAGE, "the progress update is empty; write what happened");
	if (!period || !*period) {
		date_quarter_label(s->today, label, sizeof label);
		period = label;
	}
	if (store_begin(s, e) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int status = st ? PB_OK : e->status;
	if (st) {
		today_iso(s, today);
		sqlite3_bind_int64(st, 1, action_id);
		store_bind_text(st, 2, period);
		sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
		store_bind_text(st, 4, s->actor);
		store_bind_text(st, 5, text);
		status = step_write(s, st, "saving the update", e);
	}
	return finish(s, status, e);
}

static int touch(struct store *s, const char *sql, long action_id, const char *a, const char *b, struct pb_error *e)
{
	char today[DATE_ISO_LEN];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, action_id);
	store_bind_text(st, 2, a);
	store_bind_text(st, 3, b);
	sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
	return step_write(s, st, "saving the change", e);
}

int store_set_status(struct store *s, long action_id, const char *status_text, struct pb_error *e)
{
	static const char sql[] =
		"UPDATE action SET status = ?2, completed_on = CASE WHEN ?2 = 'complete' THEN ifnull(completed_on, ?4) ELSE NULL END,"
		" rag = CASE WHEN ?2 = 'complete' THEN 'C' WHEN rag = 'C' THEN NULL ELSE rag END, updated_at = ?4 WHERE id = ?1";
	const char *status = status_canonical(status_text);
	if (!status)
		return pb_fail(e, PB_USAGE, "\"%s\" is not a status; use to_be_started, in_progress, on_hold, complete or deferred", status_text);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	return finish(s, touch(s, sql, action_id, status, NULL, e), e);
}

int store_set_rag(struct store *s, long action_id, enum rag rag, const char *reason, struct pb_error *e)
{
	static const char sql[] = "UPDATE action SET rag = ?2, rag_reason = ?3, updated_at = ?4 WHERE id = ?1";
	struct action_detail d;
	if (rag == RAG_NONE)
		return pb_fail(e, PB_USAGE, "RAG must be R, A, G or C");
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = store_get_action(s, action_id, &d, e);
	if (status == PB_OK && rag_mismatch(rag, d.rag_computed) && (!reason || !*reason))
		status = pb_fail(e, PB_BAD_INPUT, "%s %s: setting %s disagrees with the computed %s; give the reason with --reason TEXT",
				 d.plan, d.ref, rag_name(rag), rag_name(d.rag_computed));
	char letter[2] = {(char)rag, 0};
	if (status == PB_OK)
		status = touch(s, sql, action_id, letter, reason, e);
	if (d.plan)
		store_action_free(&d);
	return finish(s, status, e);
}

/* "Sep-25" revised to "Dec-25" is written "Sep-25 (Revised Dec-25)", as councils write it. */
static void extend_due_text(const char *old, const char *text, char *out, size_t outlen)
{
	if (!old || !*old)
		snprintf(out, outlen, "%s", text);
	else
		snprintf(out, outlen, "%s (Revised %s)", old, text);
}

static int record_revision(struct store *s, const struct action_detail *d, const struct when *w, const char *text,
			   const char *reason, struct pb_error *e)
{
	static const char rev[] =
		"INSERT INTO due_change(action_id, seq, from_on, to_on, to_text, reason, changed_on, changed_by)"
		" VALUES (?1, (SELECT ifnull(max(seq),0)+1 FROM due_change WHERE action_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char act[] =
		"UPDATE action SET due_text = ?2, due_on = ?3, due_state = ?4, due_precision = ?5, updated_at = ?6 WHERE id = ?1";
	char today[DATE_ISO_LEN], to[DATE_ISO_LEN] = "", chain[1024];
	today_iso(s, today);
	if (w->ndates > 0)
		date_format_iso(w->dates[w->ndates - 1].date, to);
	sqlite3_stmt *st = store_stmt(s, rev, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, d->id);
	store_bind_text(st, 2, d->due_on);
	store_bind_text(st, 3, to);
	store_bind_text(st, 4, text);
	store_bind_text(st, 5, reason);
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 7, s->actor);
	if (step_write(s, st, "saving the revision", e) != PB_OK)
		return e->status;
	if (!(st = store_stmt(s, act, e)))
		return e->status;
	extend_due_text(d->due_text, text, chain, sizeof chain);
	sqlite3_bind_int64(st, 1, d->id);
	store_bind_text(st, 2, chain);
	store_bind_text(st, 3, to);
	sqlite3_bind_text(st, 4, when_state_name(w->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, w->ndates ? when_precision_name(w->dates[w->ndates - 1].precision) : "none", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
	return step_write(s, st, "saving the target date", e);
}

int store_revise_due(struct store *s, long action_id, const char *text, const char *reason, struct pb_error *e)
{
	struct action_detail d;
	struct when w;
	struct date start;
	char err[600];
	if (!reason || !*reason)
		return pb_fail(e, PB_USAGE, "a target date is never changed without a reason; add --reason TEXT");
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = store_get_action(s, action_id, &d, e);
	if (status != PB_OK)
		return finish(s, status, e);
	bool has_start = date_parse_iso(d.plan_start, &start);
	if (when_parse(text, has_start ? &start : NULL, &w, err, sizeof err) != 0)
		status = pb_fail(e, PB_BAD_INPUT, "%s", err);
	else if (w.ndates > 1)
		status = pb_fail(e, PB_BAD_INPUT, "\"%s\" holds %d dates; give just the new target date", text, w.ndates);
	else
		status = record_revision(s, &d, &w, text, reason, e);
	store_action_free(&d);
	return finish(s, status, e);
}

int store_complete(struct store *s, long action_id, struct date on, struct pb_error *e)
{
	static const char sql[] = "UPDATE action SET status = 'complete', completed_on = ?2, rag = 'C', updated_at = ?4 WHERE id = ?1";
	char iso[DATE_ISO_LEN];
	date_format_iso(on, iso);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	return finish(s, touch(s, sql, action_id, iso, NULL, e), e);
}
