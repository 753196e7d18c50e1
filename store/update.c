/* update.c — the changes an officer makes to an action: notes, status, RAG, target revisions, completion, its
 * fields and owners, and new actions with the ref they are suggested. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/buf.h"
#include "core/status.h"
#include "core/text.h"
#include "core/when.h"
#include "store/internal.h"
#include "store/update.h"

#define MAX_OWNERS 32

static void today_iso(struct store *s, char out[DATE_ISO_LEN])
{
	date_format_iso(s->today, out);
}

/* Today's quarter label in the scheme the database's setting quarter.scheme names. */
int store_quarter_label(struct store *s, char *out, size_t outlen, struct pb_error *e)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = 'quarter.scheme'";
	char name[64] = "financial";
	enum date_quarter_scheme scheme;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", store_col(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_fail(s, e, "reading the setting quarter.scheme");
	if (!date_quarter_scheme_parse(name, &scheme))
		return pb_fail(e, PB_FAIL, "%s: the setting quarter.scheme is \"%s\", which is not a way of counting quarters;"
			       " set it with `planbench settings set quarter.scheme financial` (April to March) or calendar",
			       s->path, name);
	date_quarter_label_scheme(s->today, scheme, out, outlen);
	return PB_OK;
}

int store_add_update(struct store *s, long action_id, const char *period, const char *text, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO progress_update(id, action_id, period, noted_on, author, text, created_at)"
		" VALUES (pb_new_id('progress_update'), ?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
	char today[DATE_ISO_LEN], label[32];
	if (!text || !*text)
		return pb_fail(e, PB_USAGE, "the progress update is empty; write what happened");
	if (!period || !*period) {
		if (store_quarter_label(s, label, sizeof label, e) != PB_OK)
			return e->status;
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
		status = store_step_write(s, st, "saving the update", e);
	}
	return store_finish(s, status, e);
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
	return store_step_write(s, st, "saving the change", e);
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
	return store_finish(s, touch(s, sql, action_id, status, NULL, e), e);
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
	return store_finish(s, status, e);
}

/* "Sep-25" revised to "Dec-25" is written "Sep-25 (Revised Dec-25)", as councils write it. */
static void extend_due_text(const char *old, const char *text, struct buf *out)
{
	if (!old || !*old)
		buf_add(out, text);
	else
		buf_printf(out, "%s (Revised %s)", old, text);
}

static int record_revision(struct store *s, const struct action_detail *d, const struct when *w, const char *text,
			   const char *reason, struct pb_error *e)
{
	static const char rev[] =
		"INSERT INTO due_change(id, action_id, seq, from_on, to_on, to_text, reason, changed_on, changed_by)"
		" VALUES (pb_new_id('due_change'), ?1, (SELECT ifnull(max(seq),0)+1 FROM due_change WHERE action_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char act[] =
		"UPDATE action SET due_text = ?2, due_on = ?3, due_state = ?4, due_precision = ?5, updated_at = ?6 WHERE id = ?1";
	char today[DATE_ISO_LEN], to[DATE_ISO_LEN] = "";
	struct buf chain = {0};
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
	if (store_step_write(s, st, "saving the revision", e) != PB_OK)
		return e->status;
	if (!(st = store_stmt(s, act, e)))
		return e->status;
	extend_due_text(d->due_text, text, &chain);
	sqlite3_bind_int64(st, 1, d->id);
	store_bind_text(st, 2, buf_str(&chain));
	buf_free(&chain); /* bound with SQLITE_TRANSIENT: SQLite has its own copy */
	store_bind_text(st, 3, to);
	sqlite3_bind_text(st, 4, when_state_name(w->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, w->ndates ? when_precision_name(w->dates[w->ndates - 1].precision) : "none", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
	return store_step_write(s, st, "saving the target date", e);
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
		return store_finish(s, status, e);
	bool has_start = date_parse_iso(d.plan_start, &start);
	if (when_parse(text, has_start ? &start : NULL, &w, err, sizeof err) != 0)
		status = pb_fail(e, PB_BAD_INPUT, "%s", err);
	else if (w.ndates > 1)
		status = pb_fail(e, PB_BAD_INPUT, "\"%s\" holds %d dates; give just the new target date", text, w.ndates);
	else
		status = record_revision(s, &d, &w, text, reason, e);
	store_action_free(&d);
	return store_finish(s, status, e);
}

int store_complete(struct store *s, long action_id, struct date on, struct pb_error *e)
{
	static const char sql[] = "UPDATE action SET status = 'complete', completed_on = ?2, rag = 'C', updated_at = ?4 WHERE id = ?1";
	char iso[DATE_ISO_LEN];
	date_format_iso(on, iso);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	return store_finish(s, touch(s, sql, action_id, iso, NULL, e), e);
}

/* ---- an action's fields, owners and new actions ---- */

/* A copy of text without leading and trailing white space ("" for NULL); the caller frees it. */
static char *trimmed(const char *text)
{
	char *copy = strdup(text ? text : "");
	if (!copy)
		abort();
	char *t = text_trim(copy);
	memmove(copy, t, strlen(t) + 1);
	return copy;
}

/* The trimmed copies of an edit's fields; freed with edit_free. */
struct edit_copy {
	char *title, *description, *measure, *target, *outcome, *owners, *section;
};

static void edit_copy(const struct action_edit *f, struct edit_copy *c)
{
	c->title = trimmed(f->title);
	c->description = trimmed(f->description);
	c->measure = trimmed(f->measure);
	c->target = trimmed(f->target);
	c->outcome = trimmed(f->outcome);
	c->owners = trimmed(f->owners);
	c->section = trimmed(f->section);
}

static void edit_free(struct edit_copy *c)
{
	char *all[] = {c->title, c->description, c->measure, c->target, c->outcome, c->owners, c->section};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
}

/* Writes an entry into the audit trail that no trigger writes (the order of the owners). */
static int audit_note(struct store *s, long action_id, const char *field, const char *old, const char *new, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)"
		" VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), (SELECT who FROM temp.actor), 'action', ?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	store_bind_text(st, 2, field);
	store_bind_text(st, 3, old);
	store_bind_text(st, 4, new);
	return store_step_write(s, st, "recording the change", e);
}

/* The id of the section called code in plan_id (0 for code ""); an error naming it when there is none. */
static int section_id_of(struct store *s, long plan_id, const char *plan, const char *code, long *id, struct pb_error *e)
{
	static const char sql[] = "SELECT id FROM section WHERE plan_id = ?1 AND code = ?2 COLLATE NOCASE";
	*id = 0;
	if (!code || !*code)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	*id = store_one_int(st);
	if (!*id)
		return pb_fail(e, PB_BAD_INPUT, "section: plan %s has no section \"%s\"; choose one of its sections (or none)", plan, code);
	return PB_OK;
}

/* The owners an owners text names, resolved to officers in order, each once. */
struct owner_list {
	int n;
	long id[MAX_OWNERS];
	char name[MAX_OWNERS][128];   /* the officer's own name */
	char written[MAX_OWNERS][128]; /* as typed */
};

static int resolve_owners(struct store *s, const char *text, struct owner_list *o, struct pb_error *e)
{
	char *copy = strdup(text ? text : ""), *items[MAX_OWNERS + 1];
	if (!copy)
		return pb_fail(e, PB_FAIL, "out of memory reading the owners");
	int n = names_split_list(copy, items, MAX_OWNERS + 1), status = PB_OK;
	o->n = 0;
	if (n > MAX_OWNERS)
		status = pb_fail(e, PB_BAD_INPUT, "owners: more than %d officers are named; name the leads only", MAX_OWNERS);
	for (int i = 0; status == PB_OK && i < n; i++) {
		long id;
		char name[128];
		struct pb_error ignored = {0};
		if (store_find_officer(s, items[i], &id, name, sizeof name, &ignored) != PB_OK) {
			status = pb_fail(e, PB_BAD_INPUT, "owners: no officer is called \"%s\" (by name or alias); check the spelling,"
					 " separate names with \";\" — `planbench export --kind officers` lists them", items[i]);
			break;
		}
		bool seen = false;
		for (int k = 0; k < o->n; k++)
			seen = seen || o->id[k] == id;
		if (seen)
			continue;
		o->id[o->n] = id;
		snprintf(o->name[o->n], sizeof o->name[0], "%s", name);
		snprintf(o->written[o->n++], sizeof o->written[0], "%s", items[i]);
	}
	free(copy);
	return status;
}

/* The owners action_id has now, in order. */
static int current_owners(struct store *s, long action_id, struct owner_list *o, struct pb_error *e)
{
	static const char sql[] =
		"SELECT ao.officer_id, o.name, ao.written_as FROM action_owner ao JOIN officer o ON o.id = ao.officer_id"
		" WHERE ao.action_id = ?1 ORDER BY ao.position, ao.officer_id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	int rc;
	o->n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && o->n < MAX_OWNERS) {
		o->id[o->n] = sqlite3_column_int64(st, 0);
		snprintf(o->name[o->n], sizeof o->name[0], "%s", store_col(st, 1));
		snprintf(o->written[o->n++], sizeof o->written[0], "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "reading the owners");
}

static int index_of(const struct owner_list *o, long id)
{
	for (int i = 0; i < o->n; i++)
		if (o->id[i] == id)
			return i;
	return -1;
}

/* "Simon Parry; Judith Willis" from the officers of o that are also in other (all when other is NULL). */
static void join_names(const struct owner_list *o, const struct owner_list *other, char *out, size_t len)
{
	out[0] = '\0';
	for (int i = 0; i < o->n; i++)
		if (!other || index_of(other, o->id[i]) >= 0)
			snprintf(out + strlen(out), len - strlen(out), "%s%s", *out ? "; " : "", o->name[i]);
}

/* Makes the owners of action_id those of want, in its order: removals and additions are audited by the triggers,
 * a new order of the officers who stay by an "owner_order" entry. */
static int write_owners(struct store *s, long action_id, const struct owner_list *want, struct pb_error *e)
{
	static const char del[] = "DELETE FROM action_owner WHERE action_id = ?1 AND officer_id = ?2";
	static const char move[] = "UPDATE action_owner SET position = ?3 WHERE action_id = ?1 AND officer_id = ?2 AND position IS NOT ?3";
	static const char add[] = "INSERT INTO action_owner(action_id, officer_id, position, written_as) VALUES (?1, ?2, ?3, ?4)";
	static const char touch_sql[] = "UPDATE action SET updated_at = ?2 WHERE id = ?1";
	struct owner_list *have = malloc(sizeof *have);
	char before[2048], after[2048], today[DATE_ISO_LEN];
	if (!have)
		return pb_fail(e, PB_FAIL, "out of memory saving the owners");
	int status = current_owners(s, action_id, have, e);
	bool same = status == PB_OK && have->n == want->n;
	for (int i = 0; same && i < want->n; i++)
		same = have->id[i] == want->id[i];
	join_names(have, want, before, sizeof before);
	join_names(want, have, after, sizeof after);
	for (int i = 0; status == PB_OK && !same && i < have->n; i++) {
		sqlite3_stmt *st = index_of(want, have->id[i]) < 0 ? store_stmt(s, del, e) : NULL;
		if (!st)
			continue;
		sqlite3_bind_int64(st, 1, action_id);
		sqlite3_bind_int64(st, 2, have->id[i]);
		status = store_step_write(s, st, "removing an owner", e);
	}
	for (int i = 0; status == PB_OK && !same && i < want->n; i++) {
		bool kept = index_of(have, want->id[i]) >= 0;
		sqlite3_stmt *st = store_stmt(s, kept ? move : add, e);
		if (!st) {
			status = e->status;
			break;
		}
		sqlite3_bind_int64(st, 1, action_id);
		sqlite3_bind_int64(st, 2, want->id[i]);
		sqlite3_bind_int(st, 3, i + 1);
		if (!kept)
			store_bind_text(st, 4, want->written[i]);
		status = store_step_write(s, st, "saving an owner", e);
	}
	if (status == PB_OK && !same && strcmp(before, after) != 0)
		status = audit_note(s, action_id, "owner_order", before, after, e);
	sqlite3_stmt *st = status == PB_OK && !same ? store_stmt(s, touch_sql, e) : NULL;
	if (st) {
		today_iso(s, today);
		sqlite3_bind_int64(st, 1, action_id);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
		status = store_step_write(s, st, "saving the owners", e);
	} else if (status == PB_OK && !same) {
		status = e->status;
	}
	free(have);
	return status;
}

/* The plan an action belongs to: its id and code. */
static int plan_of_action(struct store *s, long action_id, long *plan_id, char *code, size_t len, struct pb_error *e)
{
	static const char sql[] = "SELECT p.id, p.code FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*plan_id = sqlite3_column_int64(st, 0);
		snprintf(code, len, "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return PB_OK;
	if (rc == SQLITE_DONE)
		return pb_fail(e, PB_BAD_INPUT, "no action with id %ld (it may have been deleted); refresh with Ctrl-L", action_id);
	return store_sql_fail(s, e, "reading the action");
}

/* Sets the text fields and the section of action_id when any differs. */
static int write_fields(struct store *s, long action_id, const struct edit_copy *c, long section_id, struct pb_error *e)
{
	static const char sql[] =
		"UPDATE action SET title = ?2, description = ?3, measure = ?4, target = ?5, outcome = ?6, section_id = ?7,"
		" updated_at = ?8 WHERE id = ?1 AND (title, description, measure, target, outcome, section_id)"
		" IS NOT (?2, ?3, ?4, ?5, ?6, ?7)";
	char today[DATE_ISO_LEN];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	today_iso(s, today);
	sqlite3_bind_int64(st, 1, action_id);
	store_bind_text(st, 2, c->title);
	store_bind_text(st, 3, c->description);
	store_bind_text(st, 4, c->measure);
	store_bind_text(st, 5, c->target);
	store_bind_text(st, 6, c->outcome);
	if (section_id)
		sqlite3_bind_int64(st, 7, section_id);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, today, -1, SQLITE_TRANSIENT);
	return store_step_write(s, st, "saving the action", e);
}

int store_edit_action(struct store *s, long id, const struct action_edit *f, struct pb_error *e)
{
	struct edit_copy c;
	struct owner_list *owners = malloc(sizeof *owners);
	char plan[64];
	long plan_id = 0, section_id = 0;
	if (!owners)
		return pb_fail(e, PB_FAIL, "out of memory saving the action");
	edit_copy(f, &c);
	int status = *c.title ? PB_OK : pb_fail(e, PB_BAD_INPUT, "title: an action needs a title; write what is to be done");
	if (status == PB_OK)
		status = store_begin(s, e);
	if (status == PB_OK) {
		status = plan_of_action(s, id, &plan_id, plan, sizeof plan, e);
		if (status == PB_OK)
			status = section_id_of(s, plan_id, plan, c.section, &section_id, e);
		if (status == PB_OK)
			status = resolve_owners(s, c.owners, owners, e);
		if (status == PB_OK)
			status = write_fields(s, id, &c, section_id, e);
		if (status == PB_OK)
			status = write_owners(s, id, owners, e);
		status = store_finish(s, status, e);
	}
	edit_free(&c);
	free(owners);
	return status;
}

/* Whether plan_id has an action whose ref is ref in any case; its title goes into title. */
static bool ref_taken(struct store *s, long plan_id, const char *ref, char *title, size_t len)
{
	static const char sql[] = "SELECT title FROM action WHERE plan_id = ?1 AND ref = ?2 COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	bool taken = sqlite3_step(st) == SQLITE_ROW;
	if (taken && title)
		snprintf(title, len, "%s", store_col(st, 0));
	sqlite3_reset(st);
	return taken;
}

#define SUBTREE(p) "(WITH RECURSIVE sub(id) AS (SELECT " p " UNION ALL SELECT x.id FROM section x JOIN sub ON x.parent_id = sub.id) SELECT id FROM sub)"

/* The highest ref ending in a number among the actions of section_id and the sections under it (0: the plan). */
static bool highest_ref(struct store *s, long plan_id, long section_id, char *out, size_t len)
{
	static const char sql[] =
		"SELECT ref FROM action WHERE plan_id = ?1 AND (?2 = 0 OR section_id IN " SUBTREE("?2") ") ORDER BY ref_key DESC";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	bool found = false;
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, section_id);
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		const char *ref = store_col(st, 0);
		size_t n = strlen(ref);
		if (n > 0 && n < len && isdigit((unsigned char)ref[n - 1])) {
			snprintf(out, len, "%s", ref);
			found = true;
		}
	}
	sqlite3_reset(st);
	return found;
}

/* The section above section_id, 0 at the top. */
static long parent_of(struct store *s, long section_id)
{
	static const char sql[] = "SELECT ifnull(parent_id, 0) FROM section WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, section_id);
	return store_one_int(st);
}

/* The next free ref after base in plan_id: its trailing number raised (keeping its zero padding) until free. */
static int next_free(struct store *s, long plan_id, const char *base, char *out, size_t len, struct pb_error *e)
{
	size_t n = strlen(base), k = n;
	while (k > 0 && isdigit((unsigned char)base[k - 1]))
		k--;
	long number = k < n ? strtol(base + k, NULL, 10) : 0;
	int width = k < n && base[k] == '0' ? (int)(n - k) : 1;
	for (long i = 1; i <= 100000; i++) {
		snprintf(out, len, "%.*s%0*ld", (int)k, base, width, number + i);
		if (!ref_taken(s, plan_id, out, NULL, 0))
			return PB_OK;
	}
	return pb_fail(e, PB_FAIL, "no free ref follows %s; type one", base);
}

int store_next_ref(struct store *s, const char *plan, const char *section, char *out, size_t outlen, struct pb_error *e)
{
	long plan_id, section_id = 0;
	char base[128] = "";
	if (store_plan_lookup(s, plan, &plan_id, NULL, NULL) != PB_OK)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench export --kind plans` lists the plans", plan ? plan : "");
	if (section_id_of(s, plan_id, plan, section, &section_id, e) != PB_OK)
		return e->status;
	for (long sec = section_id;; sec = parent_of(s, sec)) {
		if (highest_ref(s, plan_id, sec, base, sizeof base) || sec == 0)
			break;
	}
	if (!*base) { /* nothing to follow: the letters of the section code, numbered from 1 */
		size_t k = 0;
		while (section && isalpha((unsigned char)section[k]) && k + 2 < sizeof base)
			k++;
		snprintf(base, sizeof base, "%.*s0", (int)k, section ? section : "");
	}
	return next_free(s, plan_id, base, out, outlen, e);
}

/* Where a new action in section_id goes in its plan's order: after the last action of the section and those under
 * it, else at the end; the actions after it move down one. */
static int make_room(struct store *s, long plan_id, long section_id, long *position, struct pb_error *e)
{
	static const char last_in[] = "SELECT ifnull(max(position), 0) FROM action WHERE plan_id = ?1 AND section_id IN " SUBTREE("?2");
	static const char last[] = "SELECT ifnull(max(position), 0) FROM action WHERE plan_id = ?1";
	static const char shift[] = "UPDATE action SET position = position + 1 WHERE plan_id = ?1 AND position >= ?2";
	sqlite3_stmt *st = section_id ? store_stmt(s, last_in, e) : NULL;
	long after = 0;
	if (section_id && !st)
		return e->status;
	if (st) {
		sqlite3_bind_int64(st, 1, plan_id);
		sqlite3_bind_int64(st, 2, section_id);
		after = store_one_int(st);
	}
	if (!after) {
		if (!(st = store_stmt(s, last, e)))
			return e->status;
		sqlite3_bind_int64(st, 1, plan_id);
		after = store_one_int(st);
	}
	*position = after + 1;
	if (!(st = store_stmt(s, shift, e)))
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, *position);
	return store_step_write(s, st, "making room for the action", e);
}

/* Reads the target text of a new action; a text with revisions in it is refused. */
static int read_due(const char *plan, const char *due, const struct date *start, struct when *w, struct pb_error *e)
{
	char err[600];
	memset(w, 0, sizeof *w);
	if (!due || !*due)
		return PB_OK;
	if (when_parse(due, start, w, err, sizeof err) != 0)
		return pb_fail(e, PB_BAD_INPUT, "target date: %s", err);
	if (w->ndates > 1)
		return pb_fail(e, PB_BAD_INPUT, "target date: \"%s\" holds %d dates; a new action in %s has one target date",
			       due, w->ndates, plan);
	return PB_OK;
}

/* Inserts the action row; *id gets its id. */
static int insert_action(struct store *s, long plan_id, long section_id, const char *ref, const struct edit_copy *c,
			 const char *due, const struct when *w, long position, long *id, struct pb_error *e)
{
	static const char sql[] =
		"INSERT INTO action(id, plan_id, section_id, ref, ref_key, title, description, measure, target, outcome, status,"
		" due_text, due_on, due_state, due_precision, position, created_at, updated_at)"
		" VALUES (pb_new_id('action'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'to_be_started', ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
	char key[256], today[DATE_ISO_LEN], on[DATE_ISO_LEN] = "";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	text_natural_key(ref, key, sizeof key);
	today_iso(s, today);
	if (w->ndates > 0)
		date_format_iso(w->dates[w->ndates - 1].date, on);
	sqlite3_bind_int64(st, 1, plan_id);
	if (section_id)
		sqlite3_bind_int64(st, 2, section_id);
	store_bind_text(st, 3, ref);
	sqlite3_bind_text(st, 4, key, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 5, c->title);
	store_bind_text(st, 6, c->description);
	store_bind_text(st, 7, c->measure);
	store_bind_text(st, 8, c->target);
	store_bind_text(st, 9, c->outcome);
	store_bind_text(st, 10, due);
	store_bind_text(st, 11, on);
	sqlite3_bind_text(st, 12, when_state_name(w->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, w->ndates ? when_precision_name(w->dates[w->ndates - 1].precision) : "none", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, position);
	sqlite3_bind_text(st, 15, today, -1, SQLITE_TRANSIENT);
	if (store_step_write(s, st, "saving the new action", e) != PB_OK)
		return e->status;
	*id = sqlite3_last_insert_rowid(s->db);
	return PB_OK;
}

/* Checks a new ref: present, short, printable, and not taken in the plan (suggesting one that is free). */
static int check_ref(struct store *s, long plan_id, const char *plan, const char *ref, const char *section, struct pb_error *e)
{
	char title[200], free_ref[128];
	if (!*ref)
		return pb_fail(e, PB_BAD_INPUT, "ref: a new action needs a ref, e.g. SQ15");
	if (strlen(ref) > 32)
		return pb_fail(e, PB_BAD_INPUT, "ref: \"%.40s…\" is too long; a ref has at most 32 characters", ref);
	for (const char *p = ref; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ';')
			return pb_fail(e, PB_BAD_INPUT, "ref: \"%s\" holds a character a ref cannot have; use letters, digits and dots", ref);
	if (!ref_taken(s, plan_id, ref, title, sizeof title))
		return PB_OK;
	struct pb_error ignored = {0};
	if (store_next_ref(s, plan, section, free_ref, sizeof free_ref, &ignored) != PB_OK)
		snprintf(free_ref, sizeof free_ref, "another");
	return pb_fail(e, PB_BAD_INPUT, "ref: %s already has an action %s (\"%s\"); refs are unique in a plan — %s is free",
		       plan, ref, title, free_ref);
}

int store_new_action(struct store *s, const char *plan, const char *ref_text, const struct action_edit *f, const char *due,
		     long *id, struct pb_error *e)
{
	struct edit_copy c;
	struct owner_list *owners = malloc(sizeof *owners);
	struct when w;
	struct date start;
	bool has_start = false;
	long plan_id = 0, section_id = 0, position = 0;
	if (!owners)
		return pb_fail(e, PB_FAIL, "out of memory saving the action");
	edit_copy(f, &c);
	char *ref = trimmed(ref_text), *due_text = trimmed(due);
	int status = *c.title ? PB_OK : pb_fail(e, PB_BAD_INPUT, "title: an action needs a title; write what is to be done");
	if (status == PB_OK)
		status = store_begin(s, e);
	if (status == PB_OK) {
		if (store_plan_lookup(s, plan, &plan_id, &start, &has_start) != PB_OK)
			status = pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench export --kind plans` lists the plans", plan ? plan : "");
		if (status == PB_OK)
			status = section_id_of(s, plan_id, plan, c.section, &section_id, e);
		if (status == PB_OK)
			status = check_ref(s, plan_id, plan, ref, c.section, e);
		if (status == PB_OK)
			status = read_due(plan, due_text, has_start ? &start : NULL, &w, e);
		if (status == PB_OK)
			status = resolve_owners(s, c.owners, owners, e);
		if (status == PB_OK)
			status = make_room(s, plan_id, section_id, &position, e);
		if (status == PB_OK)
			status = insert_action(s, plan_id, section_id, ref, &c, due_text, &w, position, id, e);
		if (status == PB_OK)
			status = write_owners(s, *id, owners, e);
		status = store_finish(s, status, e);
	}
	edit_free(&c);
	free(ref);
	free(due_text);
	free(owners);
	return status;
}
