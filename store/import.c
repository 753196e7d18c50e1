/* import.c — canonical CSV files into the database, one transaction per file, every row checked. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/status.h"
#include "core/text.h"
#include "core/when.h"
#include "store/internal.h"

#define MAX_LIST 32

struct import {
	struct store *s;
	enum csvio_kind kind;
	const struct store_import_opts *o;
	struct store_import_result *r;
	struct pb_error *e;
	const struct csvio_pos *pos;
	int map[CSVIO_MAX_FIELDS];
	bool have_header;
	char **fields;
	int nfields;
};

/* The trimmed cell for canonical column c, "" when the file has no such column. */
static const char *cell(struct import *im, int c)
{
	int i = im->map[c];
	if (i < 0 || i >= im->nfields)
		return "";
	return text_trim(im->fields[i]);
}

/* A bad-input error naming the file, row and column; returns PB_BAD_INPUT. */
static int bad(struct import *im, int c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(struct import *im, int c, const char *fmt, ...)
{
	char what[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld, column \"%s\": %s", im->pos->file, im->pos->row,
		       csvio_kind(im->kind)->columns[c], what);
}

static int sql_fail(struct import *im, const char *doing)
{
	char msg[sizeof im->e->msg];
	store_sql_fail(im->s, im->e, doing);
	if (im->e->status != PB_FAIL)
		return im->e->status;
	snprintf(msg, sizeof msg, "%s", im->e->msg);
	return pb_fail(im->e, PB_FAIL, "%s: row %ld: %s", im->pos->file, im->pos->row, msg);
}

/* Steps a write statement to completion. */
static int run(struct import *im, sqlite3_stmt *st, const char *doing)
{
	if (!st)
		return im->e->status;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_fail(im, doing);
	return PB_OK;
}

static int optional_date(struct import *im, int c)
{
	struct date d;
	const char *v = cell(im, c);
	if (*v && !date_parse_iso(v, &d))
		return bad(im, c, "\"%s\" is not a date written YYYY-MM-DD (for example 2026-03-31)", v);
	return PB_OK;
}

static int one_of(struct import *im, int c, const char *const *allowed)
{
	const char *v = cell(im, c);
	if (!*v)
		return PB_OK;
	for (int i = 0; allowed[i]; i++)
		if (strcmp(v, allowed[i]) == 0)
			return PB_OK;
	char list[300] = "";
	for (int i = 0; allowed[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", allowed[i]);
	return bad(im, c, "\"%s\" is not one of: %s", v, list);
}

/* ---- lookups ---- */

static int plan_of_row(struct import *im, int c, long *plan_id, struct date *start, bool *has_start)
{
	const char *code = cell(im, c);
	if (!*code && im->o && im->o->plan)
		code = im->o->plan;
	else if (im->o && im->o->plan && strcmp(code, im->o->plan) != 0)
		return bad(im, c, "plan \"%s\" differs from --plan %s; fix the cell or leave out --plan", code, im->o->plan);
	if (!*code)
		return bad(im, c, "no plan given; fill in the plan code or pass --plan CODE");
	if (store_plan_lookup(im->s, code, plan_id, start, has_start) != PB_OK)
		return bad(im, c, "unknown plan \"%s\"; import the plan first (plans file) or check the code", code);
	return PB_OK;
}

static long section_id(struct store *s, long plan_id, const char *code)
{
	static const char sql[] = "SELECT id FROM section WHERE plan_id = ?1 AND code = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	return store_one_int(st);
}

static long officer_by_key(struct store *s, const char *key)
{
	static const char sql[] = "SELECT id FROM officer WHERE name_key = ?1"
				  " UNION ALL SELECT officer_id FROM officer_alias WHERE alias_key = ?1 LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	return store_one_int(st);
}

static long action_id(struct store *s, long plan_id, const char *ref)
{
	static const char sql[] = "SELECT id FROM action WHERE plan_id = ?1 AND ref = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
	return store_one_int(st);
}

/* Counts a written row as added, changed or unchanged. */
static void tally(struct import *im, bool existed, bool changed)
{
	if (!existed)
		im->r->added++;
	else if (changed)
		im->r->changed++;
	else
		im->r->unchanged++;
}

/* ---- plans, sections, methods ---- */

static int import_plan(struct import *im)
{
	static const char *const kinds[] = {"strategy", "improvement", "other", NULL};
	static const char sql[] =
		"INSERT INTO plan(code, title, kind, starts_on, ends_on, position)"
		" VALUES (?1, ?2, ifnull(?3,'improvement'), ?4, ?5, (SELECT ifnull(max(position),0)+1 FROM plan))"
		" ON CONFLICT(code) DO UPDATE SET title = excluded.title, kind = excluded.kind,"
		"  starts_on = excluded.starts_on, ends_on = excluded.ends_on"
		" WHERE (title, kind, starts_on, ends_on) IS NOT (excluded.title, excluded.kind, excluded.starts_on, excluded.ends_on)";
	long id;
	bool existed = store_plan_lookup(im->s, cell(im, PLAN_CODE), &id, NULL, NULL) == PB_OK;
	if (one_of(im, PLAN_KIND, kinds) || optional_date(im, PLAN_STARTS_ON) || optional_date(im, PLAN_ENDS_ON))
		return PB_BAD_INPUT;
	if (!*cell(im, PLAN_CODE) || !*cell(im, PLAN_TITLE))
		return bad(im, *cell(im, PLAN_CODE) ? PLAN_TITLE : PLAN_CODE, "must not be empty");
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	for (int c = PLAN_CODE; c <= PLAN_ENDS_ON; c++)
		store_bind_text(st, c + 1, cell(im, c));
	if (run(im, st, "saving the plan") != PB_OK)
		return im->e->status;
	tally(im, existed, sqlite3_changes(im->s->db) > 0);
	return PB_OK;
}

static int import_section(struct import *im)
{
	static const char sql[] =
		"INSERT INTO section(plan_id, parent_id, code, title, position)"
		" VALUES (?1, ?2, ?3, ?4, (SELECT ifnull(max(position),0)+1 FROM section WHERE plan_id = ?1))"
		" ON CONFLICT(plan_id, code) DO UPDATE SET parent_id = excluded.parent_id, title = excluded.title"
		" WHERE (parent_id, title) IS NOT (excluded.parent_id, excluded.title)";
	long plan_id, parent = 0;
	if (plan_of_row(im, SEC_PLAN, &plan_id, NULL, NULL) != PB_OK)
		return PB_BAD_INPUT;
	const char *code = cell(im, SEC_CODE), *parent_code = cell(im, SEC_PARENT);
	if (!*code || !*cell(im, SEC_TITLE))
		return bad(im, *code ? SEC_TITLE : SEC_CODE, "must not be empty");
	if (*parent_code && !(parent = section_id(im->s, plan_id, parent_code)))
		return bad(im, SEC_PARENT, "no section \"%s\" earlier in plan %s; list a parent before its children", parent_code, cell(im, SEC_PLAN));
	bool existed = section_id(im->s, plan_id, code) != 0;
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	if (parent)
		sqlite3_bind_int64(st, 2, parent);
	store_bind_text(st, 3, code);
	store_bind_text(st, 4, cell(im, SEC_TITLE));
	if (run(im, st, "saving the section") != PB_OK)
		return im->e->status;
	tally(im, existed, sqlite3_changes(im->s->db) > 0);
	return PB_OK;
}

static int import_method(struct import *im)
{
	static const char *const formalities[] = {"formal", "informal", "other", NULL};
	static const char exists[] = "SELECT 1 FROM engagement_method WHERE name = ?1";
	static const char sql[] =
		"INSERT INTO engagement_method(name, formality, description, position)"
		" VALUES (?1, ifnull(?2,'other'), ?3, (SELECT ifnull(max(position),0)+1 FROM engagement_method))"
		" ON CONFLICT(name) DO UPDATE SET formality = excluded.formality, description = excluded.description"
		" WHERE (formality, description) IS NOT (excluded.formality, excluded.description)";
	if (!*cell(im, MET_NAME))
		return bad(im, MET_NAME, "must not be empty");
	if (one_of(im, MET_FORMALITY, formalities))
		return PB_BAD_INPUT;
	sqlite3_stmt *st = store_stmt(im->s, exists, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_text(st, 1, cell(im, MET_NAME), -1, SQLITE_TRANSIENT);
	bool existed = sqlite3_step(st) == SQLITE_ROW;
	if (!(st = store_stmt(im->s, sql, im->e)))
		return im->e->status;
	for (int c = MET_NAME; c <= MET_DESCRIPTION; c++)
		store_bind_text(st, c + 1, cell(im, c));
	if (run(im, st, "saving the method") != PB_OK)
		return im->e->status;
	tally(im, existed, sqlite3_changes(im->s->db) > 0);
	return PB_OK;
}

/* ---- officers ---- */

static int add_alias(struct import *im, long officer, const char *alias)
{
	static const char sql[] = "INSERT INTO officer_alias(officer_id, alias, alias_key) VALUES (?1, ?2, ?3)";
	char key[256];
	names_key(alias, key, sizeof key);
	long owner = officer_by_key(im->s, key);
	if (owner == officer)
		return PB_OK;
	if (owner)
		return bad(im, OFF_ALIASES, "\"%s\" already names another officer; an alias can belong to one officer only", alias);
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, officer);
	sqlite3_bind_text(st, 2, alias, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
	return run(im, st, "saving an alias");
}

/* Creates an officer known only by name (a lead nobody listed); returns its id or 0. */
static long create_officer(struct import *im, const char *name, const char *key)
{
	static const char sql[] = "INSERT INTO officer(name, name_key) VALUES (?1, ?2)";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving an officer") != PB_OK)
		return 0;
	return sqlite3_last_insert_rowid(im->s->db);
}

static int import_officer(struct import *im)
{
	/* A row naming the officer by another spelling of their name (same key ?6) may respell it;
	 * a row naming them by an alias updates their details but never renames them. */
	static const char upd[] =
		"UPDATE officer SET name = CASE WHEN name_key = ?6 THEN ?2 ELSE name END, role = ?3, team = ?4, email = ?5"
		" WHERE id = ?1 AND (CASE WHEN name_key = ?6 THEN ?2 ELSE name END, ?3, ?4, ?5) IS NOT (name, role, team, email)";
	const char *name = cell(im, OFF_NAME);
	char key[256], list[2048], *aliases[MAX_LIST];
	if (!*name)
		return bad(im, OFF_NAME, "must not be empty");
	names_key(name, key, sizeof key);
	long id = officer_by_key(im->s, key);
	bool existed = id != 0;
	if (!id && !(id = create_officer(im, name, key)))
		return im->e->status;
	sqlite3_stmt *st = store_stmt(im->s, upd, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	for (int c = OFF_NAME; c <= OFF_EMAIL; c++)
		store_bind_text(st, c + 2, cell(im, c));
	sqlite3_bind_text(st, 6, key, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving the officer") != PB_OK)
		return im->e->status;
	bool changed = sqlite3_changes(im->s->db) > 0;
	snprintf(list, sizeof list, "%s", cell(im, OFF_ALIASES));
	int n = names_split_list(list, aliases, MAX_LIST);
	for (int i = 0; i < n; i++)
		if (add_alias(im, id, aliases[i]) != PB_OK)
			return im->e->status;
	tally(im, existed, changed);
	return PB_OK;
}

/* ---- actions ---- */

struct action_fields {
	long plan_id, section_id;
	struct date start;
	bool has_start;
	struct when due;
	const char *status;
	char rag[2];
};

static int read_action_fields(struct import *im, struct action_fields *a)
{
	static const char *const rags[] = {"R", "A", "G", "C", NULL};
	char err[600];
	if (plan_of_row(im, ACT_PLAN, &a->plan_id, &a->start, &a->has_start) != PB_OK)
		return PB_BAD_INPUT;
	if (!*cell(im, ACT_REF))
		return bad(im, ACT_REF, "every action needs a ref (such as SQ5 or 2.14)");
	if (!*cell(im, ACT_TITLE))
		return bad(im, ACT_TITLE, "action %s has no title", cell(im, ACT_REF));
	const char *sec = cell(im, ACT_SECTION);
	a->section_id = 0;
	if (*sec && !(a->section_id = section_id(im->s, a->plan_id, sec)))
		return bad(im, ACT_SECTION, "plan has no section \"%s\"; import its sections first or fix the code", sec);
	if (when_parse(cell(im, ACT_DUE), a->has_start ? &a->start : NULL, &a->due, err, sizeof err) != 0)
		return bad(im, ACT_DUE, "%s", err);
	const char *status = cell(im, ACT_STATUS);
	a->status = *status ? status_canonical(status) : NULL;
	if (*status && !a->status)
		return bad(im, ACT_STATUS, "\"%s\" is not a status; use to_be_started, in_progress, on_hold, complete or deferred", status);
	snprintf(a->rag, sizeof a->rag, "%c", *cell(im, ACT_RAG) ? (char)rag_from_text(cell(im, ACT_RAG)) : 0);
	if (*cell(im, ACT_RAG) && one_of(im, ACT_RAG, rags) && rag_from_text(cell(im, ACT_RAG)) == RAG_NONE)
		return PB_BAD_INPUT;
	return optional_date(im, ACT_COMPLETED_ON);
}

static void bind_due(sqlite3_stmt *st, int at, const struct when *w)
{
	char iso[DATE_ISO_LEN];
	if (w->ndates > 0) {
		date_format_iso(w->dates[w->ndates - 1].date, iso);
		sqlite3_bind_text(st, at, iso, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(st, at);
	}
	sqlite3_bind_text(st, at + 1, when_state_name(w->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 2, w->ndates ? when_precision_name(w->dates[w->ndates - 1].precision) : "none", -1, SQLITE_STATIC);
}

static int add_revision(struct import *im, long action, int seq, const struct date *from, const struct date *to,
			const char *to_text, const char *reason, const char *changed_on, const char *changed_by)
{
	static const char sql[] =
		"INSERT INTO due_change(action_id, seq, from_on, to_on, to_text, reason, changed_on, changed_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, action);
	sqlite3_bind_int(st, 2, seq);
	if (from)
		date_format_iso(*from, f), sqlite3_bind_text(st, 3, f, -1, SQLITE_TRANSIENT);
	if (to)
		date_format_iso(*to, t), sqlite3_bind_text(st, 4, t, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 5, to_text);
	store_bind_text(st, 6, reason);
	store_bind_text(st, 7, changed_on);
	store_bind_text(st, 8, changed_by);
	return run(im, st, "saving a target-date revision");
}

/* The revisions written into the target text ("Sep-25 (Revised Jan-26)") become history rows. */
static int add_written_revisions(struct import *im, long action, const struct when *w)
{
	for (int i = 1; i < w->ndates; i++)
		if (add_revision(im, action, i, &w->dates[i - 1].date, &w->dates[i].date, NULL,
				 "As written in the tracker", NULL, NULL) != PB_OK)
			return im->e->status;
	return PB_OK;
}

/* Replaces the owners of an action when the leads differ from what is stored. */
static int set_owners(struct import *im, long action, bool *changed)
{
	static const char current[] =
		"SELECT ifnull(group_concat(written_as, '; '), '') FROM"
		" (SELECT written_as FROM action_owner WHERE action_id = ?1 ORDER BY position)";
	static const char clear[] = "DELETE FROM action_owner WHERE action_id = ?1";
	static const char add[] =
		"INSERT INTO action_owner(action_id, officer_id, position, written_as) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT DO NOTHING";
	char list[2048], joined[2048] = "", *leads[MAX_LIST];
	snprintf(list, sizeof list, "%s", cell(im, ACT_LEADS));
	int n = names_split_list(list, leads, MAX_LIST);
	for (int i = 0; i < n; i++)
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? "; " : "", leads[i]);
	sqlite3_stmt *st = store_stmt(im->s, current, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, action);
	if (sqlite3_step(st) == SQLITE_ROW && strcmp(store_col(st, 0), joined) == 0)
		return PB_OK;
	*changed = true;
	if (!(st = store_stmt(im->s, clear, im->e)))
		return im->e->status;
	sqlite3_bind_int64(st, 1, action);
	if (run(im, st, "replacing owners") != PB_OK)
		return im->e->status;
	for (int i = 0; i < n; i++) {
		char key[256];
		names_key(leads[i], key, sizeof key);
		long officer = officer_by_key(im->s, key);
		if (!officer) {
			if (!(officer = create_officer(im, leads[i], key)))
				return im->e->status;
			im->r->officers_created++;
		}
		if (!(st = store_stmt(im->s, add, im->e)))
			return im->e->status;
		sqlite3_bind_int64(st, 1, action);
		sqlite3_bind_int64(st, 2, officer);
		sqlite3_bind_int(st, 3, i + 1);
		sqlite3_bind_text(st, 4, leads[i], -1, SQLITE_TRANSIENT);
		if (run(im, st, "saving an owner") != PB_OK)
			return im->e->status;
	}
	return PB_OK;
}

static void bind_action_text(struct import *im, sqlite3_stmt *st, const struct action_fields *a)
{
	char key[128];
	text_natural_key(cell(im, ACT_REF), key, sizeof key);
	if (a->section_id)
		sqlite3_bind_int64(st, 2, a->section_id);
	store_bind_text(st, 3, cell(im, ACT_REF));
	sqlite3_bind_text(st, 4, key, -1, SQLITE_TRANSIENT);
	for (int c = ACT_TITLE; c <= ACT_OUTCOME; c++)
		store_bind_text(st, 5 + (c - ACT_TITLE), cell(im, c)); /* 5..9 */
	store_bind_text(st, 10, a->status);
	store_bind_text(st, 11, a->rag);
	store_bind_text(st, 12, cell(im, ACT_RAG_REASON));
	store_bind_text(st, 13, cell(im, ACT_COMPLETED_ON));
	store_bind_text(st, 14, cell(im, ACT_DUE));
	bind_due(st, 15, &a->due);
}

static int insert_action(struct import *im, const struct action_fields *a, long *id)
{
	static const char sql[] =
		"INSERT INTO action(plan_id, section_id, ref, ref_key, title, description, measure, target, outcome,"
		" status, rag, rag_reason, completed_on, due_text, due_on, due_state, due_precision, position, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" (SELECT ifnull(max(position),0)+1 FROM action WHERE plan_id = ?1), ?18, ?18)";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	char today[DATE_ISO_LEN];
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, a->plan_id);
	bind_action_text(im, st, a);
	date_format_iso(store_today(im->s), today);
	sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving the action") != PB_OK)
		return im->e->status;
	*id = sqlite3_last_insert_rowid(im->s->db);
	return add_written_revisions(im, *id, &a->due);
}

/* An action already here: fields are brought up to date; a different target text is a new revision. */
static int update_action(struct import *im, const struct action_fields *a, long id, bool *changed)
{
	static const char old_due[] = "SELECT due_text, due_on, (SELECT ifnull(max(seq),0) FROM due_change WHERE action_id = ?1) FROM action WHERE id = ?1";
	static const char sql[] =
		"UPDATE action SET section_id = ?2, ref = ?3, ref_key = ?4, title = ?5, description = ?6, measure = ?7,"
		" target = ?8, outcome = ?9, status = ?10, rag = ?11, rag_reason = ?12, completed_on = ?13,"
		" due_text = ?14, due_on = ?15, due_state = ?16, due_precision = ?17, updated_at = ?18"
		" WHERE id = ?1 AND (section_id, title, description, measure, target, outcome, status, rag, rag_reason,"
		"  completed_on, due_text) IS NOT (?2, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
	sqlite3_stmt *st = store_stmt(im->s, old_due, im->e);
	char today[DATE_ISO_LEN], reason[300];
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sql_fail(im, "reading the action");
	bool new_text = strcmp(store_col(st, 0), cell(im, ACT_DUE)) != 0;
	struct date from;
	bool has_from = date_parse_iso(store_col(st, 1), &from);
	int seq = sqlite3_column_int(st, 2);
	date_format_iso(store_today(im->s), today);
	if (new_text && a->due.ndates > 0) {
		snprintf(reason, sizeof reason, "Imported from %s row %ld", im->pos->file, im->pos->row);
		if (add_revision(im, id, seq + 1, has_from ? &from : NULL, &a->due.dates[a->due.ndates - 1].date,
				 cell(im, ACT_DUE), reason, today, store_actor(im->s)) != PB_OK)
			return im->e->status;
	}
	if (!(st = store_stmt(im->s, sql, im->e)))
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	bind_action_text(im, st, a);
	sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
	if (run(im, st, "updating the action") != PB_OK)
		return im->e->status;
	*changed = sqlite3_changes(im->s->db) > 0;
	return PB_OK;
}

static int import_action(struct import *im)
{
	struct action_fields a = {0};
	if (read_action_fields(im, &a) != PB_OK)
		return im->e->status;
	long id = action_id(im->s, a.plan_id, cell(im, ACT_REF));
	bool existed = id != 0, changed = false;
	int status = existed ? update_action(im, &a, id, &changed) : insert_action(im, &a, &id);
	if (status == PB_OK)
		status = set_owners(im, id, &changed);
	if (status == PB_OK)
		tally(im, existed, changed);
	return status;
}

/* ---- revisions, updates ---- */

static int row_action(struct import *im, int plan_col, int ref_col, long *id)
{
	long plan_id;
	if (plan_of_row(im, plan_col, &plan_id, NULL, NULL) != PB_OK)
		return PB_BAD_INPUT;
	if (!(*id = action_id(im->s, plan_id, cell(im, ref_col))))
		return bad(im, ref_col, "no action \"%s\" in plan %s; import the actions first or fix the ref",
			   cell(im, ref_col), *cell(im, plan_col) ? cell(im, plan_col) : im->o->plan);
	return PB_OK;
}

static int import_revision(struct import *im)
{
	static const char find[] = "SELECT from_on, to_on, to_text, reason, changed_on, changed_by FROM due_change WHERE action_id = ?1 AND seq = ?2";
	static const char upd[] =
		"UPDATE due_change SET from_on = ?3, to_on = ?4, to_text = ?5, reason = ?6, changed_on = ?7, changed_by = ?8"
		" WHERE action_id = ?1 AND seq = ?2";
	static const char due[] =
		"UPDATE action SET due_on = ?2 WHERE id = ?1 AND ?3 = (SELECT max(seq) FROM due_change WHERE action_id = ?1)"
		" AND due_on IS NOT ?2";
	long id;
	if (row_action(im, REV_PLAN, REV_REF, &id) != PB_OK)
		return im->e->status;
	char *end;
	long seq = strtol(cell(im, REV_SEQ), &end, 10);
	if (*end || seq < 1)
		return bad(im, REV_SEQ, "\"%s\" is not a revision number (1, 2, …)", cell(im, REV_SEQ));
	if (!*cell(im, REV_REASON))
		return bad(im, REV_REASON, "every revision needs its reason");
	if (optional_date(im, REV_FROM) || optional_date(im, REV_TO) || optional_date(im, REV_CHANGED_ON))
		return PB_BAD_INPUT;
	sqlite3_stmt *st = store_stmt(im->s, find, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)seq);
	bool existed = sqlite3_step(st) == SQLITE_ROW, changed = false;
	if (existed) {
		for (int c = 0; c < 6 && !changed; c++)
			changed = strcmp(store_col(st, c), cell(im, REV_FROM + c)) != 0;
		if (!changed) {
			tally(im, true, false);
			return PB_OK;
		}
		if (!(st = store_stmt(im->s, upd, im->e)))
			return im->e->status;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)seq);
		for (int c = 0; c < 6; c++)
			store_bind_text(st, 3 + c, cell(im, REV_FROM + c));
		if (run(im, st, "updating a revision") != PB_OK)
			return im->e->status;
	} else {
		struct date f, t;
		bool hf = date_parse_iso(cell(im, REV_FROM), &f), ht = date_parse_iso(cell(im, REV_TO), &t);
		if (add_revision(im, id, (int)seq, hf ? &f : NULL, ht ? &t : NULL, cell(im, REV_TO_TEXT),
				 cell(im, REV_REASON), cell(im, REV_CHANGED_ON), cell(im, REV_CHANGED_BY)) != PB_OK)
			return im->e->status;
	}
	if (!(st = store_stmt(im->s, due, im->e)))
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, cell(im, REV_TO));
	sqlite3_bind_int(st, 3, (int)seq);
	if (run(im, st, "updating the target date") != PB_OK)
		return im->e->status;
	tally(im, existed, changed);
	return PB_OK;
}

static int import_update(struct import *im)
{
	static const char dup[] =
		"SELECT 1 FROM progress_update WHERE action_id = ?1 AND noted_on = ?2 AND period IS ?3 AND text = ?4";
	static const char sql[] =
		"INSERT INTO progress_update(action_id, period, noted_on, author, text, created_at) VALUES (?1, ?3, ?2, ?5, ?4, ?6)";
	long id;
	if (row_action(im, UPD_PLAN, UPD_REF, &id) != PB_OK)
		return im->e->status;
	struct date d;
	if (!date_parse_iso(cell(im, UPD_NOTED_ON), &d))
		return bad(im, UPD_NOTED_ON, "\"%s\" is not a date written YYYY-MM-DD", cell(im, UPD_NOTED_ON));
	if (!*cell(im, UPD_TEXT))
		return bad(im, UPD_TEXT, "the update has no text");
	sqlite3_stmt *st = store_stmt(im->s, dup, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, cell(im, UPD_NOTED_ON));
	store_bind_text(st, 3, cell(im, UPD_PERIOD));
	store_bind_text(st, 4, cell(im, UPD_TEXT));
	if (sqlite3_step(st) == SQLITE_ROW) {
		tally(im, true, false);
		return PB_OK;
	}
	if (!(st = store_stmt(im->s, sql, im->e)))
		return im->e->status;
	char today[DATE_ISO_LEN];
	date_format_iso(store_today(im->s), today);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, cell(im, UPD_NOTED_ON));
	store_bind_text(st, 3, cell(im, UPD_PERIOD));
	store_bind_text(st, 4, cell(im, UPD_TEXT));
	store_bind_text(st, 5, cell(im, UPD_AUTHOR));
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving the update") != PB_OK)
		return im->e->status;
	tally(im, false, false);
	return PB_OK;
}

/* ---- engagements ---- */

static int check_engagement(struct import *im, long *method)
{
	static const char *const freqs[] = {"one_off", "monthly", "every_other_month", "quarterly", "annual", "ad_hoc", "ongoing", NULL};
	static const char *const bases[] = {"exact", "circa", "unknown", NULL};
	static const char *const scopes[] = {"event", "total", NULL};
	static const char find[] = "SELECT id FROM engagement_method WHERE name = ?1";
	if (!*cell(im, ENG_REF) || !*cell(im, ENG_TITLE))
		return bad(im, *cell(im, ENG_REF) ? ENG_TITLE : ENG_REF, "must not be empty");
	if (one_of(im, ENG_FREQUENCY, freqs) || one_of(im, ENG_TENANTS_BASIS, bases) || one_of(im, ENG_TENANTS_SCOPE, scopes) ||
	    optional_date(im, ENG_HELD_ON) || optional_date(im, ENG_HELD_UNTIL))
		return PB_BAD_INPUT;
	const char *t = cell(im, ENG_TENANTS);
	for (const char *p = t; *p; p++)
		if (!isdigit((unsigned char)*p))
			return bad(im, ENG_TENANTS, "\"%s\" is not a whole number of tenants; put words such as \"Circa 950\" in tenants_text", t);
	*method = 0;
	if (!*cell(im, ENG_METHOD))
		return PB_OK;
	sqlite3_stmt *st = store_stmt(im->s, find, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_text(st, 1, cell(im, ENG_METHOD), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return bad(im, ENG_METHOD, "unknown method \"%s\"; add it to the methods file first or use a listed one", cell(im, ENG_METHOD));
	*method = sqlite3_column_int64(st, 0);
	return PB_OK;
}

/* "HIP-2526:TIA4; HIP-2526:SQ2" → links, replaced only when they differ; every one must name an existing action. */
static int link_actions(struct import *im, long engagement, bool *changed)
{
	static const char current[] =
		"SELECT ifnull(group_concat(pa, '; '), '') FROM (SELECT p.code || ':' || a.ref AS pa FROM engagement_action ea"
		" JOIN action a ON a.id = ea.action_id JOIN plan p ON p.id = a.plan_id WHERE ea.engagement_id = ?1 ORDER BY ea.position)";
	static const char clear[] = "DELETE FROM engagement_action WHERE engagement_id = ?1";
	static const char add[] = "INSERT OR IGNORE INTO engagement_action(engagement_id, action_id, position) VALUES (?1, ?2, ?3)";
	char list[2048], *items[MAX_LIST];
	snprintf(list, sizeof list, "%s", cell(im, ENG_ACTIONS));
	int n = names_split_list(list, items, MAX_LIST);
	char joined[2048] = "";
	for (int i = 0; i < n; i++)
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? "; " : "", items[i]);
	sqlite3_stmt *st = store_stmt(im->s, current, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, engagement);
	bool same = sqlite3_step(st) == SQLITE_ROW && strcmp(store_col(st, 0), joined) == 0;
	sqlite3_reset(st);
	if (same)
		return PB_OK;
	*changed = true;
	if (!(st = store_stmt(im->s, clear, im->e)))
		return im->e->status;
	sqlite3_bind_int64(st, 1, engagement);
	if (run(im, st, "linking actions") != PB_OK)
		return im->e->status;
	for (int i = 0; i < n; i++) {
		char *colon = strchr(items[i], ':');
		long plan_id, action = 0;
		if (colon) {
			*colon = '\0';
			if (store_plan_lookup(im->s, text_trim(items[i]), &plan_id, NULL, NULL) == PB_OK)
				action = action_id(im->s, plan_id, text_trim(colon + 1));
			*colon = ':';
		}
		if (!action)
			return bad(im, ENG_ACTIONS, "\"%s\" is not an action written PLAN:REF (such as HIP-2526:TIA4)", items[i]);
		if (!(st = store_stmt(im->s, add, im->e)))
			return im->e->status;
		sqlite3_bind_int64(st, 1, engagement);
		sqlite3_bind_int64(st, 2, action);
		sqlite3_bind_int(st, 3, i + 1);
		if (run(im, st, "linking actions") != PB_OK)
			return im->e->status;
	}
	return PB_OK;
}

static int import_engagement(struct import *im)
{
	static const char find[] = "SELECT id FROM engagement WHERE ref = ?1";
	static const char sql[] =
		"INSERT INTO engagement(ref, title, team, method_id, location, held_on, held_until, when_text, frequency,"
		" tenants, tenants_basis, tenants_scope, tenants_text, standard, summary, you_said, we_did, position, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ifnull(?11,'unknown'), ?12, ?13, ?14, ?15, ?16, ?17,"
		"  (SELECT ifnull(max(position),0)+1 FROM engagement), ?18, ?18)"
		" ON CONFLICT(ref) DO UPDATE SET title = excluded.title, team = excluded.team, method_id = excluded.method_id,"
		"  location = excluded.location, held_on = excluded.held_on, held_until = excluded.held_until,"
		"  when_text = excluded.when_text, frequency = excluded.frequency, tenants = excluded.tenants,"
		"  tenants_basis = excluded.tenants_basis, tenants_scope = excluded.tenants_scope,"
		"  tenants_text = excluded.tenants_text, standard = excluded.standard, summary = excluded.summary,"
		"  you_said = excluded.you_said, we_did = excluded.we_did, updated_at = excluded.updated_at"
		" WHERE (title, team, method_id, location, held_on, held_until, when_text, frequency, tenants, tenants_basis,"
		"  tenants_scope, tenants_text, standard, summary, you_said, we_did) IS NOT (excluded.title, excluded.team,"
		"  excluded.method_id, excluded.location, excluded.held_on, excluded.held_until, excluded.when_text,"
		"  excluded.frequency, excluded.tenants, excluded.tenants_basis, excluded.tenants_scope, excluded.tenants_text,"
		"  excluded.standard, excluded.summary, excluded.you_said, excluded.we_did)";
	long method, id;
	if (check_engagement(im, &method) != PB_OK)
		return im->e->status;
	sqlite3_stmt *st = store_stmt(im->s, find, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_text(st, 1, cell(im, ENG_REF), -1, SQLITE_TRANSIENT);
	bool existed = sqlite3_step(st) == SQLITE_ROW;
	if (!(st = store_stmt(im->s, sql, im->e)))
		return im->e->status;
	for (int c = ENG_REF; c <= ENG_WE_DID; c++)
		if (c != ENG_METHOD && c != ENG_TENANTS)
			store_bind_text(st, c + 1, cell(im, c));
	if (method)
		sqlite3_bind_int64(st, 4, method);
	if (*cell(im, ENG_TENANTS))
		sqlite3_bind_int64(st, 10, strtol(cell(im, ENG_TENANTS), NULL, 10));
	char today[DATE_ISO_LEN];
	date_format_iso(store_today(im->s), today);
	sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving the engagement") != PB_OK)
		return im->e->status;
	bool changed = sqlite3_changes(im->s->db) > 0 && existed;
	if (!(st = store_stmt(im->s, find, im->e)))
		return im->e->status;
	sqlite3_bind_text(st, 1, cell(im, ENG_REF), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sql_fail(im, "reading the engagement back");
	id = sqlite3_column_int64(st, 0);
	if (link_actions(im, id, &changed) != PB_OK)
		return im->e->status;
	tally(im, existed, changed);
	return PB_OK;
}

/* ---- the file ---- */

static int (*const importers[CSVIO_NKINDS])(struct import *) = {
	[CSVIO_PLANS] = import_plan,		[CSVIO_SECTIONS] = import_section,
	[CSVIO_OFFICERS] = import_officer,	[CSVIO_METHODS] = import_method,
	[CSVIO_ACTIONS] = import_action,	[CSVIO_REVISIONS] = import_revision,
	[CSVIO_UPDATES] = import_update,	[CSVIO_ENGAGEMENTS] = import_engagement,
};

static int on_row(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct import *im = ctx;
	im->pos = pos;
	im->fields = fields;
	im->nfields = nfields;
	if (!im->have_header) {
		im->have_header = true;
		return csvio_map_header(im->kind, fields, nfields, im->o && im->o->plan ? "plan" : NULL, pos, im->map, e);
	}
	im->r->rows++;
	return importers[im->kind](im);
}

int store_import(struct store *s, enum csvio_kind kind, const char *name, const char *data, size_t len,
		 const struct store_import_opts *o, struct store_import_result *r, struct pb_error *e)
{
	static const struct store_import_opts none = {0};
	struct import im = {.s = s, .kind = kind, .o = o ? o : &none, .r = r, .e = e};
	memset(r, 0, sizeof *r);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = csvio_read_mem(name, data, len, on_row, &im, e);
	if (status == PB_OK && !im.have_header)
		status = pb_fail(e, PB_BAD_INPUT, "%s: the file is empty; it needs a header row (see sample-data/FORMAT.md)", name);
	if (status != PB_OK || im.o->dry_run) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}
