/* import.c — canonical CSV files into the database, one transaction per file, every row checked. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/names.h"
#include "core/status.h"
#include "core/text.h"
#include "core/tracker.h"
#include "core/when.h"
#include "store/import.h"
#include "store/internal.h"

#define MAX_LIST 32
#define NACT (ACT_COMPLETED_ON + 1) /* the canonical actions columns */

struct tracker_state;
/* Rows an import adds are indexed for search in one pass at its end, not one by one: SQLite's full-text index writes
 * out what it holds at every statement of a transaction it has joined, which made each row of an import cost a
 * write of the index. on: this import put indexing off (an import inside another leaves it to the outer one). */
struct deferred {
	bool on;
	long action, update, engagement; /* the highest ids before the import */
};
static int defer(struct store *s, struct deferred *d, struct pb_error *e);
static int finish_deferred(struct store *s, const struct deferred *d, struct pb_error *e);

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
	struct tracker_state *t; /* store_import_tracker's state; NULL for store_import */
	bool abbreviations;	 /* an officers file of Abbreviation, Role/Name columns */
	int abbr_col, name_col;
	struct lookups *seen;	 /* plans and officers already looked up (NULL: look every one up) */
};

/* What an import has looked up, so that each plan and officer is asked for once, not once a row. Forgotten when a
 * row is undone (it may have made them). Officers by matching key, in open addressing. */
#define SEEN_OFFICERS 1024 /* a power of two; at most three quarters are used */
struct lookups {
	char plan[128];
	long plan_id;
	struct date start;
	bool has_start;
	char *key[SEEN_OFFICERS];
	long officer[SEEN_OFFICERS];
	int nofficers;
};

/* A file row as read: its cells are the reader's, valid while it is looked at (the first rows are kept). */
struct raw_row {
	struct csvio_pos pos;
	int n;
	char **cells;
};

/* The action being gathered from a row and the rows that continue it. */
struct pending {
	bool active;
	struct csvio_pos pos;
	char ref[64];
	char top[256], sub[256]; /* the grouping it sits under */
	int action_tail;	 /* where more Action text goes: ACT_TITLE or ACT_DESCRIPTION */
	struct buf v[TRACKER_NFIELDS];
};

/* A section found (or made) for the grouping top / sub of a plan. */
struct known_section {
	long plan_id;
	char top[256], sub[256], code[128];
};
#define KNOWN_SECTIONS 64 /* remembered per import; a tracker's groupings are far fewer */

/* The header is looked for in the first rows: a few title lines may be above it. */
#define HEAD_ROWS 10

/* store_import_tracker: the file, how its header was read, and the action in hand. */
struct tracker_state {
	const struct store_tracker_opts *o;
	struct store_tracker_result *r;
	struct store_import_opts co;
	struct store_import_result counts;
	struct tracker_file file;
	struct raw_row head[HEAD_ROWS]; /* the first rows, where the header is looked for */
	int nhead;
	long nrows, header; /* rows in the file; the header's index */
	bool tracker; /* a council's layout; false for the canonical header */
	bool hold;    /* changes to actions already here are reported, not made */
	struct tracker_mapping tm;
	int cmap[CSVIO_MAX_FIELDS]; /* canonical header: file column of each actions column */
	bool mapped[TRACKER_NFIELDS];
	bool numbered, generated;   /* refs from the Action text; refs given in file order */
	long next_ref;
	bool grouped; /* sections come from the file (a column or heading rows) */
	char top[256], sub[256];
	struct known_section *sections; /* the groupings met so far and their sections (KNOWN_SECTIONS of them) */
	int nsections;
	char titles[4][TRACKER_HEADER_LEN];
	int ntitles;
	struct pending p;
	/* the action being imported */
	char *vals[NACT];
	char *stored[NACT + 1]; /* the action as stored (canonical columns, then its officers' ids) */
	char leads[TRACKER_MAX_LEADS][TRACKER_LEAD_LEN];
	int nleads;
	const char *comments;
	char due_on[DATE_ISO_LEN];
	long previewed;
	char first_problem[sizeof ((struct pb_error *)0)->msg];
};

/* The trimmed cell for canonical column c, "" when the file has no such column. */
static const char *cell(struct import *im, int c)
{
	int i = im->map[c];
	if (i < 0 || i >= im->nfields)
		return "";
	return text_trim(im->fields[i]);
}

/* How a message names column c: the canonical name, or the header of a council's tracker and the field it fills. */
static void column_label(const struct import *im, int c, char *out, size_t outlen)
{
	const char *name = csvio_kind(im->kind)->columns[c];
	int col = im->t && im->t->tracker ? im->t->tm.column_of[c] : -1;
	if (col >= 0 && !text_ieq(im->t->tm.header[col], name))
		snprintf(out, outlen, "\"%s\" (%s)", im->t->tm.header[col], name);
	else if (col >= 0)
		snprintf(out, outlen, "\"%s\"", im->t->tm.header[col]);
	else
		snprintf(out, outlen, "\"%s\"", name);
}

/* A bad-input error naming the file, row and column; returns PB_BAD_INPUT. */
static int bad(struct import *im, int c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(struct import *im, int c, const char *fmt, ...)
{
	char what[700], column[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	column_label(im, c, column, sizeof column);
	return pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld, column %s: %s", im->pos->file, im->pos->row, column, what);
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
	struct lookups *seen = im->seen;
	if (seen && *seen->plan && strcmp(seen->plan, code) == 0) {
		*plan_id = seen->plan_id;
		if (start)
			*start = seen->start;
		if (has_start)
			*has_start = seen->has_start;
		return PB_OK;
	}
	struct date first = {0};
	bool dated = false;
	if (store_plan_lookup(im->s, code, plan_id, &first, &dated) != PB_OK)
		return bad(im, c, "unknown plan \"%s\"; import the plan first (plans file) or check the code", code);
	if (start)
		*start = first;
	if (has_start)
		*has_start = dated;
	if (seen && strlen(code) < sizeof seen->plan) {
		snprintf(seen->plan, sizeof seen->plan, "%s", code);
		seen->plan_id = *plan_id, seen->start = first, seen->has_start = dated;
	}
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

/* The slot of key in the lookups' officers: where it is, or the empty one where it would go. */
static int seen_slot(const struct lookups *seen, const char *key)
{
	unsigned long h = 5381;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = h * 33 + *p;
	int i = (int)(h & (SEEN_OFFICERS - 1));
	while (seen->key[i] && strcmp(seen->key[i], key) != 0)
		i = (i + 1) & (SEEN_OFFICERS - 1);
	return i;
}

/* Remembers that key names officer id (when there is room). */
static void seen_officer(struct import *im, const char *key, long id)
{
	struct lookups *seen = im->seen;
	if (!seen || !id || seen->nofficers >= SEEN_OFFICERS / 4 * 3)
		return;
	int i = seen_slot(seen, key);
	if (seen->key[i])
		return;
	if (!(seen->key[i] = strdup(key)))
		abort();
	seen->officer[i] = id;
	seen->nofficers++;
}

/* The officer a matching key names, or 0: asked of the database once per import. */
static long officer_of(struct import *im, const char *key)
{
	struct lookups *seen = im->seen;
	if (seen) {
		int i = seen_slot(seen, key);
		if (seen->key[i])
			return seen->officer[i];
	}
	long id = officer_by_key(im->s, key);
	seen_officer(im, key, id);
	return id;
}

/* Forgets everything looked up: after a row is undone, and at the end. */
static void forget_lookups(struct lookups *seen)
{
	if (!seen)
		return;
	for (int i = 0; i < SEEN_OFFICERS; i++)
		free(seen->key[i]);
	memset(seen, 0, sizeof *seen);
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
		"INSERT INTO plan(id, code, title, kind, starts_on, ends_on, position)"
		" VALUES (pb_new_id('plan'), ?1, ?2, ifnull(?3,'improvement'), ?4, ?5, (SELECT ifnull(max(position),0)+1 FROM plan))"
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
		"INSERT INTO section(id, plan_id, parent_id, code, title, position)"
		" VALUES (pb_new_id('section'), ?1, ?2, ?3, ?4, (SELECT ifnull(max(position),0)+1 FROM section WHERE plan_id = ?1))"
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
		"INSERT INTO engagement_method(id, name, formality, description, position)"
		" VALUES (pb_new_id('engagement_method'), ?1, ifnull(?2,'other'), ?3, (SELECT ifnull(max(position),0)+1 FROM engagement_method))"
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
	static const char sql[] = "INSERT INTO officer_alias(id, officer_id, alias, alias_key) VALUES (pb_new_id('officer_alias'), ?1, ?2, ?3)";
	char key[256];
	names_key(alias, key, sizeof key);
	long owner = officer_of(im, key);
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
	static const char sql[] = "INSERT INTO officer(id, name, name_key) VALUES (pb_new_id('officer'), ?1, ?2)";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	if (run(im, st, "saving an officer") != PB_OK)
		return 0;
	long id = sqlite3_last_insert_rowid(im->s->db);
	seen_officer(im, key, id);
	return id;
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
	long id = officer_of(im, key);
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
		"INSERT INTO due_change(id, action_id, seq, from_on, to_on, to_text, reason, changed_on, changed_by)"
		" VALUES (pb_new_id('due_change'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
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

/* A cell's list ("a; b; c") split into its items. */
struct cell_list {
	char text[2048];
	char *items[MAX_LIST];
	int n;
};

/* Splits the list in column col into l and, when it differs from what current (a query of the stored list for id,
 * joined by "; ") gives, runs clear for id (what names that for a message) and sets *replace: the caller then adds
 * the items anew. */
static int list_differs(struct import *im, int col, const char *current, const char *clear, const char *what, long id,
			struct cell_list *l, bool *replace)
{
	char joined[2048] = "";
	snprintf(l->text, sizeof l->text, "%s", cell(im, col));
	l->n = names_split_list(l->text, l->items, MAX_LIST);
	for (int i = 0; i < l->n; i++)
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", i ? "; " : "", l->items[i]);
	sqlite3_stmt *st = store_stmt(im->s, current, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	*replace = !(sqlite3_step(st) == SQLITE_ROW && strcmp(store_col(st, 0), joined) == 0);
	sqlite3_reset(st);
	if (!*replace)
		return PB_OK;
	if (!(st = store_stmt(im->s, clear, im->e)))
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	return run(im, st, what);
}

static void note(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Replaces the owners of an action when the leads differ from what is stored; a lead nobody here is called becomes a
 * new officer, named in a note (a misspelt name shows there before it is imported). */
static int set_owners(struct import *im, long action, bool *changed)
{
	static const char current[] =
		"SELECT ifnull(group_concat(written_as, '; '), '') FROM"
		" (SELECT written_as FROM action_owner WHERE action_id = ?1 ORDER BY position)";
	static const char clear[] = "DELETE FROM action_owner WHERE action_id = ?1";
	static const char add[] =
		"INSERT INTO action_owner(action_id, officer_id, position, written_as) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT DO NOTHING";
	struct cell_list leads;
	bool replace;
	if (list_differs(im, ACT_LEADS, current, clear, "replacing owners", action, &leads, &replace) != PB_OK)
		return im->e->status;
	if (!replace)
		return PB_OK;
	*changed = true;
	for (int i = 0; i < leads.n; i++) {
		char key[256];
		names_key(leads.items[i], key, sizeof key);
		long officer = officer_of(im, key);
		if (!officer) {
			if (!(officer = create_officer(im, leads.items[i], key)))
				return im->e->status;
			im->r->officers_created++;
			if (im->t)
				note(im, "%s: row %ld: new officer \"%s\" (a lead of %s)", im->pos->file, im->pos->row, leads.items[i],
				     cell(im, ACT_REF));
		}
		sqlite3_stmt *st = store_stmt(im->s, add, im->e);
		if (!st)
			return im->e->status;
		sqlite3_bind_int64(st, 1, action);
		sqlite3_bind_int64(st, 2, officer);
		sqlite3_bind_int(st, 3, i + 1);
		sqlite3_bind_text(st, 4, leads.items[i], -1, SQLITE_TRANSIENT);
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

/* The id the next new action takes, in *id. */
static int new_action_id(struct import *im, long *id)
{
	static const char sql[] = "SELECT pb_new_id('action')";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	return (*id = store_one_int(st)) ? PB_OK : sql_fail(im, "numbering the action");
}

/* Saves a new action under id, whose owners are saved already: its leads are theirs from the start, where owners
 * added one by one would rewrite the action once each (the leads trigger of schema 3). */
static int insert_action(struct import *im, const struct action_fields *a, long id)
{
	static const char sql[] =
		"INSERT INTO action(id, plan_id, section_id, ref, ref_key, title, description, measure, target, outcome,"
		" status, rag, rag_reason, completed_on, due_text, due_on, due_state, due_precision, position, created_at, updated_at,"
		" leads) VALUES (?19, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" (SELECT ifnull(max(position),0)+1 FROM action WHERE plan_id = ?1), ?18, ?18, " STORE_LEADS_OF("?19") ")";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	char today[DATE_ISO_LEN];
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, a->plan_id);
	bind_action_text(im, st, a);
	date_format_iso(store_today(im->s), today);
	sqlite3_bind_text(st, 18, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 19, id);
	if (run(im, st, "saving the action") != PB_OK)
		return im->e->status;
	return add_written_revisions(im, id, &a->due);
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
	int status = existed ? update_action(im, &a, id, &changed) : new_action_id(im, &id);
	if (status == PB_OK)
		status = set_owners(im, id, &changed);
	if (status == PB_OK && !existed)
		status = insert_action(im, &a, id);
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
		"INSERT INTO progress_update(id, action_id, period, noted_on, author, text, created_at) VALUES (pb_new_id('progress_update'), ?1, ?3, ?2, ?5, ?4, ?6)";
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

/* The action "PLAN:REF" names; a message naming what is wrong (the form, the plan or the ref) when none. */
static int linked_action(struct import *im, char *link, long *action)
{
	char *colon = strchr(link, ':');
	long plan_id;
	if (!colon)
		return bad(im, ENG_ACTIONS, "\"%s\" is not written PLAN:REF; write the plan's code, a colon and the ref (such as HIP-2526:TIA4)", link);
	int status = PB_OK;
	*colon = '\0';
	const char *plan = text_trim(link), *ref = text_trim(colon + 1);
	if (store_plan_lookup(im->s, plan, &plan_id, NULL, NULL) != PB_OK)
		status = bad(im, ENG_ACTIONS, "\"%s:%s\": there is no plan \"%s\"; `planbench export --kind plans` lists the plans", plan, ref, plan);
	else if (!(*action = action_id(im->s, plan_id, ref)))
		status = bad(im, ENG_ACTIONS, "\"%s:%s\": %s has no action \"%s\"; `planbench list --plan %s` shows its refs", plan, ref, plan, ref, plan);
	*colon = ':';
	return status;
}

/* "HIP-2526:TIA4; HIP-2526:SQ2" → links, replaced only when they differ; every one must name an existing action. */
static int link_actions(struct import *im, long engagement, bool *changed)
{
	static const char current[] =
		"SELECT ifnull(group_concat(pa, '; '), '') FROM (SELECT p.code || ':' || a.ref AS pa FROM engagement_action ea"
		" JOIN action a ON a.id = ea.action_id JOIN plan p ON p.id = a.plan_id WHERE ea.engagement_id = ?1 ORDER BY ea.position)";
	static const char clear[] = "DELETE FROM engagement_action WHERE engagement_id = ?1";
	static const char add[] = "INSERT OR IGNORE INTO engagement_action(engagement_id, action_id, position) VALUES (?1, ?2, ?3)";
	struct cell_list links;
	bool replace;
	if (list_differs(im, ENG_ACTIONS, current, clear, "linking actions", engagement, &links, &replace) != PB_OK)
		return im->e->status;
	if (!replace)
		return PB_OK;
	*changed = true;
	for (int i = 0; i < links.n; i++) {
		long action;
		if (linked_action(im, links.items[i], &action) != PB_OK)
			return im->e->status;
		sqlite3_stmt *st = store_stmt(im->s, add, im->e);
		if (!st)
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
		"INSERT INTO engagement(id, ref, title, team, method_id, location, held_on, held_until, when_text, frequency,"
		" tenants, tenants_basis, tenants_scope, tenants_text, standard, summary, you_said, we_did, position, created_at, updated_at)"
		" VALUES (pb_new_id('engagement'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ifnull(?11,'unknown'), ?12, ?13, ?14, ?15, ?16, ?17,"
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

/* ---- abbreviations: an officers file of Abbreviation, Role/Name ---- */

/* One abbreviation: an alias of the officer it stands for, who is created when nobody has that name yet. */
static int import_abbreviation(struct import *im)
{
	const char *abbr = im->abbr_col < im->nfields ? text_trim(im->fields[im->abbr_col]) : "";
	const char *name = im->name_col < im->nfields ? text_trim(im->fields[im->name_col]) : "";
	char key[256], akey[256];
	if (!*abbr || !*name)
		return pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld, column \"%s\": empty; every row needs an abbreviation and the role or name it stands for",
			       im->pos->file, im->pos->row, *abbr ? "Role/Name" : "Abbreviation");
	names_key(name, key, sizeof key);
	names_key(abbr, akey, sizeof akey);
	long id = officer_of(im, key), owner = officer_of(im, akey);
	bool created = !id;
	if (owner && owner != id)
		return pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld, column \"Abbreviation\": \"%s\" already stands for another officer; an abbreviation can name one officer only",
			       im->pos->file, im->pos->row, abbr);
	if (created && !(id = create_officer(im, name, key)))
		return im->e->status;
	im->r->officers_created += created;
	if (!owner && add_alias(im, id, abbr) != PB_OK)
		return im->e->status;
	tally(im, !created, !owner && !created);
	return PB_OK;
}

/* ---- trackers: reporting ---- */

/* Passes a report to the caller's callback, when there is one. */
static void report(struct import *im, const struct store_tracker_report *rep)
{
	if (im->t->o->report)
		im->t->o->report(im->t->o->ctx, rep);
}

static void note(struct import *im, const char *fmt, ...)
{
	char text[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	report(im, &(struct store_tracker_report){.kind = STORE_TRACKER_NOTE, .text = text});
}

/* Records the problem in im->e and clears it, so the next row is read; the first is kept for the final error. */
static void problem(struct import *im)
{
	struct tracker_state *t = im->t;
	if (!t->r->problems++)
		snprintf(t->first_problem, sizeof t->first_problem, "%s", im->e->msg);
	report(im, &(struct store_tracker_report){.kind = STORE_TRACKER_PROBLEM, .text = im->e->msg});
	pb_error_clear(im->e);
}

/* Reports one field of the action in hand that the file changes. */
static void change(struct import *im, const char *field, const char *old_value, const char *new_value)
{
	im->t->r->changes++;
	report(im, &(struct store_tracker_report){.kind = STORE_TRACKER_CHANGE, .ref = cell(im, ACT_REF), .field = field,
						     .old_value = old_value, .new_value = new_value});
}

/* ---- trackers: the rows of the file ---- */

/* A copy of s ("" for NULL); the caller frees it. */
static char *copy_of(const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		abort();
	return c;
}

/* A private status: the first rows are kept, the rest of the file need not be read yet. */
#define ENOUGH_ROWS (-1)

/* Keeps a copy of the first rows, where the header is looked for. */
static int keep_head(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct tracker_state *t = ctx;
	(void)e;
	struct raw_row *r = &t->head[t->nhead++];
	r->pos = *pos;
	r->n = nfields;
	r->cells = malloc((size_t)(nfields ? nfields : 1) * sizeof *r->cells);
	if (!r->cells)
		abort();
	for (int i = 0; i < nfields; i++)
		r->cells[i] = copy_of(fields[i]);
	return t->nhead == HEAD_ROWS ? ENOUGH_ROWS : PB_OK;
}

/* Reads the file from its start, a row at a time, to fn. */
static int read_rows(struct tracker_state *t, csvio_row_fn fn, void *ctx, struct pb_error *e)
{
	struct csvio_lines lines = tracker_file_lines(&t->file);
	if (tracker_file_rewind(&t->file, e) != PB_OK)
		return e->status;
	return csvio_read_lines(t->file.name, &lines, fn, ctx, e);
}

/* Reads the first rows of the file into t->head. */
static int read_head(struct tracker_state *t, struct pb_error *e)
{
	int status = read_rows(t, keep_head, t, e);
	return status == ENOUGH_ROWS ? PB_OK : status;
}

/* Frees what the import kept: the rows, the action in hand, the decoded text. */
static void free_state(struct tracker_state *t)
{
	for (int i = 0; i < t->nhead; i++) {
		for (int c = 0; c < t->head[i].n; c++)
			free(t->head[i].cells[c]);
		free(t->head[i].cells);
	}
	for (int f = 0; f < TRACKER_NFIELDS; f++)
		buf_free(&t->p.v[f]);
	for (int c = 0; c <= NACT; c++)
		free(t->stored[c]), t->stored[c] = NULL;
	free(t->sections);
	tracker_file_free(&t->file);
}

/* ---- trackers: the plan ---- */

/* Creates the plan of --plan from --plan-title and --plan-start; without --plan-title it is an error naming the code. */
static int create_plan(struct import *im)
{
	static const char sql[] =
		"INSERT INTO plan(id, code, title, kind, starts_on, position)"
		" VALUES (pb_new_id('plan'), ?1, ?2, 'improvement', ?3, (SELECT ifnull(max(position),0)+1 FROM plan))";
	const struct store_tracker_opts *o = im->t->o;
	if (!o->plan_title)
		return pb_fail(im->e, PB_BAD_INPUT, "no plan \"%s\"; add --plan-title \"Title\" (and --plan-start YYYY-MM-DD) to create it, or check the code", o->plan);
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	store_bind_text(st, 1, o->plan);
	store_bind_text(st, 2, o->plan_title);
	store_bind_text(st, 3, o->plan_start);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sql_fail(im->s, im->e, "creating the plan");
	im->t->r->plan_created = true;
	note(im, "plan %s \"%s\" created%s%s", o->plan, o->plan_title, o->plan_start ? ", starting " : "", o->plan_start ? o->plan_start : "");
	return PB_OK;
}

/* The plan of --plan: checked against --plan-title and --plan-start, created from them when it is new. */
static int tracker_plan(struct import *im)
{
	static const char sql[] = "SELECT title, ifnull(starts_on,'') FROM plan WHERE code = ?1";
	const struct store_tracker_opts *o = im->t->o;
	struct date start;
	if ((o->plan_title || o->plan_start) && !o->plan)
		return pb_fail(im->e, PB_USAGE, "import: --plan-title and --plan-start create the plan named by --plan CODE; add --plan");
	if (o->plan_title && !*o->plan_title)
		return pb_fail(im->e, PB_USAGE, "import: --plan-title is empty; give the plan's title");
	if (o->plan_start && !date_parse_iso(o->plan_start, &start))
		return pb_fail(im->e, PB_USAGE, "import: --plan-start \"%s\" is not a date written YYYY-MM-DD (such as 2026-04-01)", o->plan_start);
	if (!o->plan)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_text(st, 1, o->plan, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return create_plan(im);
	if (o->plan_title && strcmp(store_col(st, 0), o->plan_title) != 0)
		return pb_fail(im->e, PB_BAD_INPUT, "plan %s already exists, titled \"%s\"; leave out --plan-title or give that title",
			       o->plan, store_col(st, 0));
	if (o->plan_start && strcmp(store_col(st, 1), o->plan_start) != 0)
		return pb_fail(im->e, PB_BAD_INPUT, "plan %s already exists, starting %s; leave out --plan-start or give that date",
			       o->plan, *store_col(st, 1) ? store_col(st, 1) : "on no date");
	sqlite3_reset(st);
	return PB_OK;
}

/* ---- trackers: the header ---- */

/* How many cells of a row hold text; *first is the first of them ("" when none). */
static int nonempty_cells(const struct raw_row *row, const char **first)
{
	int n = 0;
	*first = "";
	for (int i = 0; i < row->n; i++) {
		const char *p = row->cells[i];
		while (isspace((unsigned char)*p))
			p++;
		if (*p && !n++)
			*first = row->cells[i];
	}
	return n;
}

/* Reports each column of the header and the field it fills. */
static void report_mapping(struct import *im, const struct raw_row *row)
{
	struct tracker_state *t = im->t;
	for (int i = 0; i < row->n && i < CSVIO_MAX_FIELDS; i++) {
		struct store_tracker_report rep = {.kind = STORE_TRACKER_MAPPING, .column = i + 1};
		if (t->tracker) {
			rep.header = t->tm.header[i];
			rep.field = t->tm.field[i] >= 0 ? tracker_field_name(t->tm.field[i]) : NULL;
			rep.by_map = t->tm.by_map[i];
			rep.known = t->tm.known[i];
		} else {
			rep.header = row->cells[i];
			for (int c = 0; c < NACT; c++)
				if (t->cmap[c] == i)
					rep.field = csvio_kind(CSVIO_ACTIONS)->columns[c], rep.known = true;
		}
		report(im, &rep);
	}
}

/* The canonical header, or a council's header below at most a few title lines; *at is its index. */
static int find_header(struct import *im, long *at)
{
	struct tracker_state *t = im->t;
	const struct store_tracker_opts *o = t->o;
	struct buf b = {0};
	for (int i = 0; i < t->nhead; i++) {
		struct raw_row *row = &t->head[i];
		struct pb_error ignore = {0};
		const char *first;
		*at = i;
		if (i == 0 && o->nmaps == 0 &&
		    csvio_map_header(CSVIO_ACTIONS, row->cells, row->n, o->plan ? "plan" : NULL, &row->pos, t->cmap, &ignore) == PB_OK)
			return PB_OK; /* nothing in b yet */
		int score = tracker_header_score(row->cells, row->n, o->maps, o->nmaps), cells = nonempty_cells(row, &first);
		if (score >= 2 || (score == 1 && cells > 2)) {
			t->tracker = true;
			buf_free(&b);
			return tracker_map_header(row->cells, row->n, o->maps, o->nmaps, &row->pos, &t->tm, im->e);
		}
		if (cells > 2)
			break;
		tracker_clean_line(first, &b);
		if (t->ntitles < 4)
			snprintf(t->titles[t->ntitles++], sizeof t->titles[0], "%s", buf_str(&b));
		t->r->skipped++;
		note(im, "%s: row %ld: \"%s\" is above the header; skipped", row->pos.file, row->pos.row, buf_str(&b));
	}
	buf_free(&b);
	int abbr, name;
	if (t->nhead && tracker_abbreviation_header(t->head[0].cells, t->head[0].n, &abbr, &name))
		return pb_fail(im->e, PB_USAGE, "import: %s is an abbreviations file (Abbreviation, Role/Name); import it with --kind officers",
			       t->head[0].pos.file);
	return pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld: no header row: the first rows name none of the columns a tracker has "
		       "(such as Ref, Action, Lead Officer, Target Date, RAG Rating); add the header row, or name the columns with --map \"Header=field\"",
		       t->nhead ? t->head[0].pos.file : "file", t->nhead ? t->head[0].pos.row : 1L);
}

/* What survey reads the rows with: the state, and the Action text of a row split (kept from row to row). */
struct survey {
	struct tracker_state *t;
	struct buf title, rest;
};

/* survey's look at one row of the file: counted, and below the header, whether its Action text starts with a number
 * and has more than a title. */
static int survey_row(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct survey *sv = ctx;
	struct tracker_state *t = sv->t;
	int tc = t->tracker ? t->tm.column_of[ACT_TITLE] : -1;
	char ref[64];
	(void)e;
	t->nrows = pos->row;
	if (pos->row - 1 <= t->header || tc < 0 || tc >= nfields)
		return PB_OK;
	tracker_split_action(fields[tc], true, ref, sizeof ref, &sv->title, &sv->rest);
	t->numbered |= *ref != '\0';
	t->mapped[ACT_DESCRIPTION] |= sv->rest.len > 0;
	return PB_OK;
}

/* Which fields the file fills (the others keep what is stored), and how refs are found when there is no Ref column;
 * the whole file is read, so a quote out of place anywhere stops the import before any row of it is. */
static int survey(struct import *im)
{
	struct tracker_state *t = im->t;
	struct survey sv = {.t = t};
	for (int f = 0; f < TRACKER_NFIELDS; f++)
		t->mapped[f] = t->tracker ? t->tm.column_of[f] >= 0 : f < NACT && t->cmap[f] >= 0;
	t->grouped = t->mapped[ACT_SECTION] || t->mapped[TRACKER_SUBSECTION];
	int status = read_rows(t, survey_row, &sv, im->e);
	buf_free(&sv.title);
	buf_free(&sv.rest);
	if (status != PB_OK)
		return status;
	t->generated = t->tracker && t->tm.column_of[ACT_REF] < 0 && !t->numbered;
	if (t->generated)
		note(im, "no Ref column and no numbers before the actions: they are numbered 1, 2, 3… in file order, and importing again matches them by that order");
	return PB_OK;
}

/* ---- trackers: sections ---- */

/* The section of plan_id under parent_id that text names (by code, by title, or by the code it gives); created when none. */
static int section_named(struct import *im, long plan_id, long parent_id, const char *parent_code, const char *text,
			 long *id, char *code, size_t codelen)
{
	static const char by_code[] = "SELECT id, code FROM section WHERE plan_id = ?1 AND code = ?2 COLLATE NOCASE";
	static const char siblings[] = "SELECT id, code, title FROM section WHERE plan_id = ?1 AND parent_id IS ?2 ORDER BY position";
	static const char add[] = "INSERT INTO section(id, plan_id, parent_id, code, title, position)"
				  " VALUES (pb_new_id('section'), ?1, ?2, ?3, ?4, (SELECT ifnull(max(position),0)+1 FROM section WHERE plan_id = ?1))";
	char derived[128], title[256], key[256], tkey[256], skey[256];
	tracker_section(text, parent_code, derived, sizeof derived, title, sizeof title);
	names_key(text, key, sizeof key);
	names_key(title, tkey, sizeof tkey);
	for (int pass = 0; pass < 3; pass++) {
		sqlite3_stmt *st = store_stmt(im->s, pass == 1 ? siblings : by_code, im->e);
		if (!st)
			return im->e->status;
		sqlite3_bind_int64(st, 1, plan_id);
		if (pass == 1 && parent_id)
			sqlite3_bind_int64(st, 2, parent_id);
		else if (pass != 1)
			sqlite3_bind_text(st, 2, pass == 0 ? text : derived, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (pass == 1) {
				names_key(store_col(st, 2), skey, sizeof skey);
				if (strcmp(skey, key) != 0 && strcmp(skey, tkey) != 0)
					continue;
			}
			*id = sqlite3_column_int64(st, 0);
			snprintf(code, codelen, "%s", store_col(st, 1));
			sqlite3_reset(st);
			return PB_OK;
		}
	}
	sqlite3_stmt *st = store_stmt(im->s, add, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	if (parent_id)
		sqlite3_bind_int64(st, 2, parent_id);
	store_bind_text(st, 3, derived);
	store_bind_text(st, 4, title);
	if (run(im, st, "creating a section") != PB_OK)
		return im->e->status;
	*id = sqlite3_last_insert_rowid(im->s->db);
	snprintf(code, codelen, "%s", derived);
	im->t->r->sections_created++;
	note(im, "%s: row %ld: section %s \"%s\" created%s%s", im->pos->file, im->pos->row, derived, title,
	     *parent_code ? " under " : "", parent_code);
	return PB_OK;
}

/* The section code for an action under the grouping top / sub ("" when neither is given). */
static int section_for(struct import *im, long plan_id, const char *top, const char *sub, char *code, size_t codelen)
{
	struct tracker_state *t = im->t;
	long parent = 0, id;
	char pcode[128] = "";
	int status = PB_OK;
	for (int i = 0; i < t->nsections; i++) {
		const struct known_section *k = &t->sections[i];
		if (k->plan_id == plan_id && strcmp(k->top, top) == 0 && strcmp(k->sub, sub) == 0) {
			snprintf(code, codelen, "%s", k->code);
			return PB_OK;
		}
	}
	*code = '\0';
	if (*top && section_named(im, plan_id, 0, "", top, &parent, pcode, sizeof pcode) != PB_OK)
		return im->e->status;
	if (*sub)
		status = section_named(im, plan_id, parent, pcode, sub, &id, code, codelen);
	else
		snprintf(code, codelen, "%s", pcode);
	if (status == PB_OK && t->nsections < KNOWN_SECTIONS) {
		if (!t->sections && !(t->sections = malloc(KNOWN_SECTIONS * sizeof *t->sections)))
			return pb_fail(im->e, PB_FAIL, "out of memory importing %s", im->pos->file);
		struct known_section *k = &t->sections[t->nsections++];
		k->plan_id = plan_id;
		snprintf(k->top, sizeof k->top, "%s", top);
		snprintf(k->sub, sizeof k->sub, "%s", sub);
		snprintf(k->code, sizeof k->code, "%s", code);
	}
	return status;
}

/* ---- trackers: officers and notes ---- */

/* The officer a name or alias names (any spelling), or 0: how lead splitting asks the store (ctx is the store). */
static long known_officer(void *ctx, const char *name)
{
	char key[256];
	names_key(name, key, sizeof key);
	return officer_of(ctx, key);
}

/* The officers the leads resolve to, "id,id,…" in order, each once; created ones when create (else 0 for a new one). */
static int lead_ids(struct import *im, bool create, struct buf *ids)
{
	struct tracker_state *t = im->t;
	long seen[TRACKER_MAX_LEADS];
	int nseen = 0;
	buf_reset(ids);
	buf_addn(ids, "", 0);
	for (int i = 0; i < t->nleads; i++) {
		char key[256];
		names_key(t->leads[i], key, sizeof key);
		long id = officer_of(im, key);
		if (!id && create) {
			if (!(id = create_officer(im, t->leads[i], key)))
				return im->e->status;
			im->r->officers_created++;
			note(im, "%s: row %ld: new officer \"%s\" (a lead of %s)", im->pos->file, im->pos->row, t->leads[i], cell(im, ACT_REF));
		}
		bool dup = false;
		for (int k = 0; k < nseen && id; k++)
			dup |= seen[k] == id;
		if (dup)
			continue;
		seen[nseen++] = id;
		buf_printf(ids, "%s%ld", ids->len ? "," : "", id);
	}
	return PB_OK;
}

/* The leads joined with "; " as written. */
static void leads_written(struct import *im, struct buf *out)
{
	buf_reset(out);
	buf_addn(out, "", 0);
	for (int i = 0; i < im->t->nleads; i++)
		buf_printf(out, "%s%s", i ? "; " : "", im->t->leads[i]);
}

/* Replaces the owners of an action when the officers differ from those stored (a spelling alone is no change); a new
 * action (fresh) has none to compare or clear. */
static int set_tracker_owners(struct import *im, long action, bool fresh, bool *changed)
{
	static const char current[] =
		"SELECT ifnull(group_concat(officer_id, ','), '') FROM (SELECT officer_id FROM action_owner WHERE action_id = ?1 ORDER BY position)";
	static const char clear[] = "DELETE FROM action_owner WHERE action_id = ?1";
	static const char add[] = "INSERT INTO action_owner(action_id, officer_id, position, written_as) VALUES (?1, ?2, ?3, ?4)"
				  " ON CONFLICT DO NOTHING";
	struct buf ids = {0};
	int status = lead_ids(im, true, &ids);
	sqlite3_stmt *st = status == PB_OK && !fresh ? store_stmt(im->s, current, im->e) : NULL;
	if (status == PB_OK && fresh) {
		buf_free(&ids);
	} else if (st) {
		sqlite3_bind_int64(st, 1, action);
		bool same = sqlite3_step(st) == SQLITE_ROW && strcmp(store_col(st, 0), buf_str(&ids)) == 0;
		sqlite3_reset(st);
		buf_free(&ids);
		if (same)
			return PB_OK;
	} else {
		buf_free(&ids);
		return im->e->status;
	}
	*changed = true;
	if (!fresh) {
		if (!(st = store_stmt(im->s, clear, im->e)))
			return im->e->status;
		sqlite3_bind_int64(st, 1, action);
		if (run(im, st, "replacing owners") != PB_OK)
			return im->e->status;
	}
	for (int i = 0; i < im->t->nleads; i++) {
		char key[256];
		names_key(im->t->leads[i], key, sizeof key);
		if (!(st = store_stmt(im->s, add, im->e)))
			return im->e->status;
		sqlite3_bind_int64(st, 1, action);
		sqlite3_bind_int64(st, 2, officer_of(im, key));
		sqlite3_bind_int(st, 3, i + 1);
		sqlite3_bind_text(st, 4, im->t->leads[i], -1, SQLITE_TRANSIENT);
		if (run(im, st, "saving an owner") != PB_OK)
			return im->e->status;
	}
	return PB_OK;
}

struct note_walk {
	struct import *im;
	long action; /* 0: only count and compare */
	int count, fresh;
	bool write;
};

/* Whether the action already has a progress note with this text (never, for action 0). */
static bool note_exists(struct import *im, long action, const char *text)
{
	static const char sql[] = "SELECT 1 FROM progress_update WHERE action_id = ?1 AND text = ?2";
	sqlite3_stmt *st = action ? store_stmt(im->s, sql, NULL) : NULL;
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, action);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* One note of a comments cell: counted, shown as a change, or saved when the action does not have it yet. */
static int on_note(void *ctx, const char *period, struct date noted_on, const char *text)
{
	static const char sql[] =
		"INSERT INTO progress_update(id, action_id, period, noted_on, author, text, created_at) VALUES (pb_new_id('progress_update'), ?1, ?2, ?3, NULL, ?4, ?5)";
	struct note_walk *w = ctx;
	char on[DATE_ISO_LEN], today[DATE_ISO_LEN];
	w->count++;
	if (note_exists(w->im, w->action, text))
		return 0;
	w->fresh++;
	if (!w->write) {
		char what[64];
		snprintf(what, sizeof what, "note (%s)", period);
		if (w->action)
			change(w->im, what, "", text);
		return 0;
	}
	sqlite3_stmt *st = store_stmt(w->im->s, sql, w->im->e);
	if (!st)
		return -1;
	date_format_iso(noted_on, on);
	date_format_iso(store_today(w->im->s), today);
	sqlite3_bind_int64(st, 1, w->action);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
	if (run(w->im, st, "saving a progress note") != PB_OK)
		return -1;
	w->im->t->r->notes_added++;
	return 0;
}

/* Walks the notes of the action's comments: action 0 only counts; write saves the new ones. */
static int walk_notes(struct import *im, long action, bool write, struct note_walk *w)
{
	*w = (struct note_walk){.im = im, .action = action, .write = write};
	if (!im->t->comments || !*im->t->comments)
		return PB_OK;
	if (tracker_split_comments(im->t->comments, store_today(im->s), on_note, w) != 0)
		return im->e->status != PB_OK ? (int)im->e->status : pb_fail(im->e, PB_FAIL, "out of memory reading comments");
	return PB_OK;
}

/* ---- trackers: one action ---- */

/* Reads what is stored of an action into t->stored (canonical columns, then its officers' ids). */
static int load_stored(struct import *im, long id)
{
	static const char sql[] =
		"SELECT p.code, a.ref, ifnull(s.code,''), a.title, ifnull(a.description,''), ifnull(a.measure,''),"
		" ifnull(a.target,''), ifnull(a.outcome,''),"
		" ifnull((SELECT group_concat(written_as, '; ') FROM (SELECT written_as FROM action_owner WHERE action_id = a.id ORDER BY position)),''),"
		" ifnull(a.due_text,''), ifnull(a.status,''), ifnull(a.rag,''), ifnull(a.rag_reason,''), ifnull(a.completed_on,''),"
		" ifnull((SELECT group_concat(officer_id, ',') FROM (SELECT officer_id FROM action_owner WHERE action_id = a.id ORDER BY position)),'')"
		" FROM action a JOIN plan p ON p.id = a.plan_id LEFT JOIN section s ON s.id = a.section_id WHERE a.id = ?1";
	sqlite3_stmt *st = store_stmt(im->s, sql, im->e);
	if (!st)
		return im->e->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sql_fail(im, "reading the action");
	for (int c = 0; c <= NACT; c++) {
		free(im->t->stored[c]);
		im->t->stored[c] = copy_of(store_col(st, c));
	}
	sqlite3_reset(st);
	return PB_OK;
}

/* Reports every field the row changes in an action already here; returns how many, or -1 on error. */
static int report_changes(struct import *im, const struct action_fields *a, long id)
{
	struct tracker_state *t = im->t;
	char *const *old = t->stored;
	int before = (int)t->r->changes;
	for (int c = ACT_SECTION; c < NACT; c++) {
		const char *now = c == ACT_STATUS ? (a->status ? a->status : "") : c == ACT_RAG ? a->rag : cell(im, c);
		if (c != ACT_LEADS && strcmp(now, old[c]) != 0)
			change(im, csvio_kind(CSVIO_ACTIONS)->columns[c], old[c], now);
	}
	struct buf ids = {0}, written = {0};
	if (t->tracker && t->nleads) {
		if (lead_ids(im, false, &ids) != PB_OK)
			return -1;
		leads_written(im, &written);
		if (strcmp(buf_str(&ids), old[NACT]) != 0)
			change(im, "leads", old[ACT_LEADS], buf_str(&written));
	} else if (!t->tracker) {
		char list[2048], *items[MAX_LIST];
		snprintf(list, sizeof list, "%s", cell(im, ACT_LEADS));
		int n = names_split_list(list, items, MAX_LIST);
		for (int i = 0; i < n; i++)
			buf_printf(&written, "%s%s", i ? "; " : "", items[i]);
		if (strcmp(buf_str(&written), old[ACT_LEADS]) != 0)
			change(im, "leads", old[ACT_LEADS], buf_str(&written));
	}
	buf_free(&ids);
	buf_free(&written);
	struct note_walk w;
	if (walk_notes(im, id, false, &w) != PB_OK)
		return -1;
	return (int)t->r->changes - before;
}

/* Reports the action as it would be stored, for the first rows of a dry run. */
static void preview(struct import *im, const struct action_fields *a, bool exists)
{
	struct tracker_state *t = im->t;
	if (t->previewed >= t->o->preview)
		return;
	t->previewed++;
	struct buf leads = {0};
	buf_addn(&leads, "", 0);
	if (t->tracker && (t->nleads || !exists)) {
		for (int i = 0; i < t->nleads; i++) {
			long id = known_officer(im, t->leads[i]);
			static const char sql[] = "SELECT name FROM officer WHERE id = ?1";
			sqlite3_stmt *st = id ? store_stmt(im->s, sql, NULL) : NULL;
			if (st)
				sqlite3_bind_int64(st, 1, id);
			bool found = st && sqlite3_step(st) == SQLITE_ROW;
			buf_printf(&leads, "%s%s%s", i ? "; " : "", found ? store_col(st, 0) : t->leads[i], found ? "" : " (new)");
			if (st)
				sqlite3_reset(st);
		}
	} else {
		buf_add(&leads, t->tracker ? t->stored[ACT_LEADS] : cell(im, ACT_LEADS));
	}
	struct note_walk w;
	walk_notes(im, 0, false, &w);
	char due[DATE_ISO_LEN] = "";
	if (a->due.ndates)
		date_format_iso(a->due.dates[a->due.ndates - 1].date, due);
	struct store_tracker_row row = {
		.row = im->pos->row, .exists = exists, .plan = cell(im, ACT_PLAN)[0] ? cell(im, ACT_PLAN) : t->o->plan,
		.ref = cell(im, ACT_REF), .section = cell(im, ACT_SECTION), .title = cell(im, ACT_TITLE),
		.description = cell(im, ACT_DESCRIPTION), .measure = cell(im, ACT_MEASURE), .target = cell(im, ACT_TARGET),
		.outcome = cell(im, ACT_OUTCOME), .leads = buf_str(&leads), .due_text = cell(im, ACT_DUE), .due_on = due,
		.status = a->status ? a->status : "", .rag = a->rag, .completed_on = cell(im, ACT_COMPLETED_ON), .notes = w.count};
	report(im, &(struct store_tracker_report){.kind = STORE_TRACKER_ROW, .row = &row});
	buf_free(&leads);
}

/* Writes the action in im->fields: added when new; when here, its changes reported and made only with --update. */
static int write_action(struct import *im, long id)
{
	struct tracker_state *t = im->t;
	struct action_fields a = {0};
	struct note_walk w;
	if (read_action_fields(im, &a) != PB_OK)
		return im->e->status;
	bool existed = id != 0, changed = false;
	int n = 0;
	if (existed && (n = report_changes(im, &a, id)) < 0)
		return im->e->status;
	preview(im, &a, existed);
	if (existed && (n == 0 || t->hold)) {
		tally(im, true, n > 0);
		return PB_OK;
	}
	int status = existed ? update_action(im, &a, id, &changed) : new_action_id(im, &id);
	if (status == PB_OK && t->tracker && t->nleads)
		status = set_tracker_owners(im, id, !existed, &changed);
	else if (status == PB_OK && !t->tracker)
		status = set_owners(im, id, &changed);
	if (status == PB_OK && !existed)
		status = insert_action(im, &a, id);
	if (status == PB_OK)
		status = walk_notes(im, id, true, &w);
	if (status == PB_OK)
		tally(im, existed, true);
	return status;
}

/* The action in im->fields: its plan found, the fields the file does not fill taken from what is stored. */
static int action_row(struct import *im)
{
	struct tracker_state *t = im->t;
	long plan_id;
	if (plan_of_row(im, ACT_PLAN, &plan_id, NULL, NULL) != PB_OK)
		return PB_BAD_INPUT;
	if (!*cell(im, ACT_REF))
		return bad(im, ACT_REF, "every action needs a ref (such as SQ5 or 2.14)");
	long id = action_id(im->s, plan_id, cell(im, ACT_REF));
	if (id) {
		if (load_stored(im, id) != PB_OK)
			return im->e->status;
		for (int c = ACT_SECTION; c < NACT; c++)
			if (c != ACT_LEADS && (!t->mapped[c] || (t->tracker && !*t->vals[c])))
				t->vals[c] = t->stored[c]; /* a tracker's empty cell says nothing: it clears nothing */
	}
	return write_action(im, id);
}

/* Status, RAG and completion date as trackers write them, made canonical in place. */
static int tracker_words(struct import *im, struct buf *v)
{
	const char *status = buf_str(&v[ACT_STATUS]);
	const char *canonical = *status ? status_canonical(status) : "";
	if (!canonical)
		return bad(im, ACT_STATUS, "\"%s\" is not a status; write To be started, In progress, On hold, Complete or Deferred", status);
	int rag = tracker_rag(buf_str(&v[ACT_RAG]));
	if (rag < 0)
		return bad(im, ACT_RAG, "\"%s\" is not a RAG rating; write Red, Amber, Green or Complete", buf_str(&v[ACT_RAG]));
	char err[300];
	struct when w;
	const char *done = buf_str(&v[ACT_COMPLETED_ON]);
	if (*done && (when_parse(done, NULL, &w, err, sizeof err) != 0 || w.ndates != 1 || w.dates[0].precision != WHEN_PRECISION_DAY))
		return bad(im, ACT_COMPLETED_ON, "\"%s\" is not one day (such as 30/07/2025)", done);
	char iso[DATE_ISO_LEN] = "", letter[2] = {(char)rag, 0};
	if (*done)
		date_format_iso(w.dates[0].date, iso);
	buf_reset(&v[ACT_STATUS]), buf_add(&v[ACT_STATUS], canonical);
	buf_reset(&v[ACT_RAG]), buf_add(&v[ACT_RAG], letter);
	buf_reset(&v[ACT_COMPLETED_ON]), buf_add(&v[ACT_COMPLETED_ON], iso);
	return PB_OK;
}

/* The gathered action of a council's tracker: words made canonical, section found or made, leads split. */
static int tracker_action(struct import *im)
{
	struct tracker_state *t = im->t;
	struct pending *p = &t->p;
	char section[128] = "";
	long plan_id;
	for (int c = 0; c < NACT; c++)
		t->vals[c] = (char *)buf_str(&p->v[c]);
	t->vals[ACT_REF] = p->ref;
	t->vals[ACT_SECTION] = section;
	im->fields = t->vals;
	im->nfields = NACT;
	if (tracker_words(im, p->v) != PB_OK)
		return PB_BAD_INPUT;
	for (int c = ACT_STATUS; c <= ACT_COMPLETED_ON; c++)
		t->vals[c] = (char *)buf_str(&p->v[c]);
	if (plan_of_row(im, ACT_PLAN, &plan_id, NULL, NULL) != PB_OK)
		return PB_BAD_INPUT;
	if ((*p->top || *p->sub) && section_for(im, plan_id, p->top, p->sub, section, sizeof section) != PB_OK)
		return im->e->status;
	t->mapped[ACT_SECTION] = *p->top || *p->sub || t->mapped[TRACKER_SUBSECTION] || t->tm.column_of[ACT_SECTION] >= 0;
	t->nleads = t->mapped[ACT_LEADS] ? tracker_split_leads(buf_str(&p->v[ACT_LEADS]), known_officer, im, t->leads, TRACKER_MAX_LEADS) : 0;
	t->comments = buf_str(&p->v[TRACKER_COMMENTS]);
	return action_row(im);
}

/* Runs one action in a savepoint: a bad row is a problem (reported, the import goes on), anything worse stops it. */
static int in_savepoint(struct import *im, int (*fn)(struct import *))
{
	struct tracker_state *t = im->t;
	struct store_tracker_result before = *t->r;
	struct store_import_result counts = t->counts;
	if (store_begin(im->s, im->e) != PB_OK)
		return im->e->status;
	int status = fn(im);
	if (status == PB_OK)
		return store_commit(im->s, im->e);
	store_rollback(im->s);
	t->nsections = 0; /* a section, or an officer or plan looked up, may have been made by the row undone */
	forget_lookups(im->seen);
	if (status != PB_BAD_INPUT)
		return status;
	long problems = t->r->problems;
	*t->r = before;
	t->r->problems = problems;
	t->counts = counts;
	problem(im);
	return PB_OK;
}

/* ---- trackers: gathering rows into actions ---- */

/* Imports the action gathered so far, if any. */
static int flush(struct import *im)
{
	struct tracker_state *t = im->t;
	if (!t->p.active)
		return PB_OK;
	t->p.active = false;
	t->counts.rows++;
	im->pos = &t->p.pos;
	return in_savepoint(im, tracker_action);
}

/* Fields whose text is one line (codes, dates, words), where a line break is only a wrapped cell. */
static bool one_line_field(int f)
{
	return f == ACT_PLAN || f == ACT_SECTION || f == TRACKER_SUBSECTION || f == ACT_DUE || f == ACT_STATUS ||
	       f == ACT_RAG || f == ACT_COMPLETED_ON;
}

/* Adds a continued cell's text: on the same line when it carries on a sentence, else on a new one. */
static void append_text(struct buf *to, const char *more, int field)
{
	if (!*more)
		return;
	if (to->len) {
		char last = to->data[to->len - 1];
		bool sentence_goes_on = !strchr(".:;!?", last) && strncmp(more, "- ", 2) != 0 && !isupper((unsigned char)*more);
		buf_addc(to, field == ACT_LEADS ? '\n' : one_line_field(field) || sentence_goes_on ? ' ' : '\n');
	}
	buf_add(to, more);
}

/* The cleaned cells of a row by field; the Action cell also split into title and the rest. */
struct row_cells {
	struct buf v[TRACKER_NFIELDS];
	struct buf title, rest; /* of the Action cell */
	char ref[64];
	int nonempty, content, single; /* cells with text; of them not grouping or ref; the field when only one */
};

/* Cleans each mapped cell of a row, counts those with text, and finds the ref (its column, or the Action text). */
static void read_cells(struct import *im, const struct raw_row *row, struct row_cells *rc)
{
	struct tracker_state *t = im->t;
	rc->nonempty = rc->content = 0;
	rc->single = -1;
	*rc->ref = '\0';
	for (int f = 0; f < TRACKER_NFIELDS; f++) {
		int col = t->tm.column_of[f];
		const char *raw = col >= 0 && col < row->n ? row->cells[col] : "";
		buf_reset(&rc->v[f]);
		if (f == ACT_REF)
			tracker_clean_line(raw, &rc->v[f]);
		else if (one_line_field(f))
			tracker_clean_line(raw, &rc->v[f]);
		else
			tracker_clean_cell(raw, &rc->v[f]);
		if (f == ACT_TITLE)
			tracker_split_action(raw, t->numbered && t->tm.column_of[ACT_REF] < 0, rc->ref, sizeof rc->ref, &rc->title, &rc->rest);
		if (!rc->v[f].len)
			continue;
		rc->nonempty++;
		rc->single = f;
		rc->content += f != ACT_SECTION && f != TRACKER_SUBSECTION && f != ACT_PLAN && f != ACT_REF;
	}
	if (t->tm.column_of[ACT_REF] >= 0)
		tracker_clean_ref(buf_str(&rc->v[ACT_REF]), rc->ref, sizeof rc->ref);
	if (rc->nonempty != 1)
		rc->single = -1;
}

/* Frees the buffers of a row's cells. */
static void free_cells(struct row_cells *rc)
{
	for (int f = 0; f < TRACKER_NFIELDS; f++)
		buf_free(&rc->v[f]);
	buf_free(&rc->title);
	buf_free(&rc->rest);
}

/* A grouping cell moves the rows below into that section (a new section starts afresh, without its part). */
static void regroup(struct tracker_state *t, const char *top, const char *sub)
{
	if (*top && strcmp(top, t->top) != 0)
		snprintf(t->top, sizeof t->top, "%s", top), *t->sub = '\0';
	if (*sub)
		snprintf(t->sub, sizeof t->sub, "%s", sub);
}

/* Begins gathering a new action from its first row, under the grouping in force. */
static void start_action(struct tracker_state *t, const struct raw_row *row, struct row_cells *rc)
{
	struct pending *p = &t->p;
	p->active = true;
	p->pos = row->pos;
	if (t->generated)
		snprintf(p->ref, sizeof p->ref, "%ld", ++t->next_ref);
	else
		snprintf(p->ref, sizeof p->ref, "%s", rc->ref);
	snprintf(p->top, sizeof p->top, "%s", t->top);
	snprintf(p->sub, sizeof p->sub, "%s", t->sub);
	for (int f = 0; f < TRACKER_NFIELDS; f++) {
		buf_reset(&p->v[f]);
		buf_addn(&p->v[f], "", 0);
		buf_add(&p->v[f], buf_str(&rc->v[f]));
	}
	buf_reset(&p->v[ACT_TITLE]);
	buf_add(&p->v[ACT_TITLE], buf_str(&rc->title));
	p->action_tail = ACT_TITLE;
	if (rc->rest.len && !p->v[ACT_DESCRIPTION].len) {
		buf_add(&p->v[ACT_DESCRIPTION], buf_str(&rc->rest));
		p->action_tail = ACT_DESCRIPTION;
	} else if (rc->rest.len) {
		append_text(&p->v[ACT_TITLE], buf_str(&rc->rest), ACT_TITLE);
	}
}

/* Adds a continuation row's text to the action in hand, field by field (more Action text where the last went). */
static void continue_action(struct tracker_state *t, struct row_cells *rc)
{
	for (int f = 0; f < TRACKER_NFIELDS; f++) {
		if (f == ACT_SECTION || f == TRACKER_SUBSECTION || f == ACT_PLAN || f == ACT_REF)
			continue;
		int to = f == ACT_TITLE ? t->p.action_tail : f;
		append_text(&t->p.v[to], buf_str(&rc->v[f]), f);
	}
	t->r->continued++;
}

/* Whether text is one of the title lines seen above the header (repeated at page breaks). */
static bool is_title_line(const struct tracker_state *t, const char *text)
{
	for (int i = 0; i < t->ntitles; i++)
		if (strcmp(t->titles[i], text) == 0)
			return true;
	return false;
}

/* One row of a council's tracker: a new action, more of the one above, a heading, or a line to skip. */
static int tracker_line(struct import *im, const struct raw_row *row, struct row_cells *rc)
{
	struct tracker_state *t = im->t;
	if (tracker_is_repeated_header(&t->tm, row->cells, row->n)) {
		t->r->skipped++;
		note(im, "%s: row %ld repeats the header (a page break); skipped", row->pos.file, row->pos.row);
		return PB_OK;
	}
	read_cells(im, row, rc);
	const char *only = rc->single >= 0 ? buf_str(&rc->v[rc->single]) : "";
	int level = rc->single >= 0 && rc->single != ACT_SECTION && rc->single != TRACKER_SUBSECTION && !*rc->ref
		  ? tracker_heading_level(only) : 0;
	if (rc->single >= 0 && !*rc->ref && is_title_line(t, only)) {
		t->r->skipped++;
		note(im, "%s: row %ld repeats the title above the header; skipped", row->pos.file, row->pos.row);
		return PB_OK;
	}
	if (level) {
		int status = flush(im);
		t->grouped = true;
		regroup(t, level == 1 ? only : "", level == 2 ? only : "");
		note(im, "%s: row %ld: heading \"%s\": the actions below are in it", row->pos.file, row->pos.row, only);
		return status;
	}
	if (*rc->ref || (t->generated && rc->title.len)) {
		int status = flush(im);
		regroup(t, buf_str(&rc->v[ACT_SECTION]), buf_str(&rc->v[TRACKER_SUBSECTION]));
		start_action(t, row, rc);
		return status;
	}
	if (!rc->content) {
		regroup(t, buf_str(&rc->v[ACT_SECTION]), buf_str(&rc->v[TRACKER_SUBSECTION]));
		return PB_OK;
	}
	if (t->p.active) {
		continue_action(t, rc);
		return PB_OK;
	}
	im->pos = &row->pos;
	pb_fail(im->e, PB_BAD_INPUT, "%s: row %ld: no ref, and no action above it to continue; %s", row->pos.file, row->pos.row,
		t->tm.column_of[ACT_REF] >= 0 ? "give the action its ref in the Ref column"
					      : "start the action's text with its number (such as 1.1) or add a Ref column");
	problem(im);
	return PB_OK;
}

/* Reading the rows below the header, one at a time. */
struct body {
	struct import *im;
	struct row_cells rc;
};

/* One row below a canonical header: one action, the columns the file lacks kept from what is stored. */
static int canonical_line(struct import *im, const struct raw_row *row)
{
	struct tracker_state *t = im->t;
	static char none[1];
	for (int c = 0; c < NACT; c++)
		t->vals[c] = t->cmap[c] >= 0 && t->cmap[c] < row->n ? row->cells[t->cmap[c]] : (none[0] = '\0', none);
	im->fields = t->vals;
	im->nfields = NACT;
	im->pos = &row->pos;
	t->comments = NULL;
	t->counts.rows++;
	return in_savepoint(im, action_row);
}

/* A row of the file as it is read: imported when below the header. */
static int body_row(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct body *b = ctx;
	struct tracker_state *t = b->im->t;
	long i = pos->row - 1;
	(void)e;
	if (i <= t->header)
		return PB_OK;
	struct raw_row row = {*pos, nfields, fields};
	int status = t->tracker ? tracker_line(b->im, &row, &b->rc) : canonical_line(b->im, &row);
	if (status == PB_OK)
		status = store_sync_capture_piece(b->im->s, b->im->e);
	return status == PB_OK ? progress_step(t->o->progress, i - t->header, t->nrows - t->header - 1) : status;
}

/* Every row below the header, read as a council's tracker (then the last action gathered) or as the canonical format. */
static int run_body(struct import *im)
{
	struct tracker_state *t = im->t;
	struct body b = {.im = im};
	int status = PB_OK;
	if (t->tracker && !t->o->plan && t->tm.column_of[ACT_PLAN] < 0)
		status = pb_fail(im->e, PB_USAGE, "import: %s has no plan column; name the plan with --plan CODE (and --plan-title to create it)",
				 t->head[t->header].pos.file);
	if (status == PB_OK)
		status = read_rows(t, body_row, &b, im->e);
	if (status == PB_OK && t->tracker)
		status = flush(im);
	free_cells(&b.rc);
	return status;
}

/* The plan, the header, then the rows, read as a council's tracker or as the canonical format. */
static int tracker_rows(struct import *im)
{
	struct tracker_state *t = im->t;
	int status = tracker_plan(im);
	if (status == PB_OK && !t->nhead)
		status = pb_fail(im->e, PB_BAD_INPUT, "%s: the file is empty; it needs a header row and a row per action", t->co.plan ? t->co.plan : "file");
	if (status == PB_OK) {
		status = find_header(im, &t->header);
		if (t->nhead && (status == PB_OK || t->tracker))
			report_mapping(im, &t->head[t->header]);
	}
	if (status != PB_OK)
		return status;
	t->r->canonical = !t->tracker;
	status = survey(im);
	if (status == PB_OK)
		status = run_body(im);
	if (status == PB_OK) /* a last look for Ctrl-C before anything is kept */
		status = progress_step(t->o->progress, t->nrows - t->header - 1, t->nrows - t->header - 1);
	return status;
}

int store_import_tracker(struct store *s, const char *name, FILE *f, const struct store_tracker_opts *o,
			 struct store_tracker_result *r, struct pb_error *e)
{
	struct tracker_state t = {.o = o, .r = r, .co = {.plan = o->plan, .dry_run = o->dry_run}, .hold = !o->update};
	struct lookups seen = {0};
	struct import im = {.s = s, .kind = CSVIO_ACTIONS, .o = &t.co, .r = &t.counts, .e = e, .t = &t, .seen = &seen};
	memset(r, 0, sizeof *r);
	for (int c = 0; c < NACT; c++)
		im.map[c] = c;
	int status = tracker_file_open(&t.file, name, f, e);
	r->encoding = t.file.enc;
	if (status == PB_OK)
		status = read_head(&t, e);
	if (status == PB_OK && r->encoding == TRACKER_CP1252)
		note(&im, "%s: read as Windows-1252 and converted to UTF-8", name);
	if (status == PB_OK && !t.nhead)
		status = pb_fail(e, PB_BAD_INPUT, "%s: the file is empty; it needs a header row and a row per action", name);
	if (status == PB_OK)
		status = store_begin(s, e);
	if (status != PB_OK) {
		free_state(&t);
		return status;
	}
	struct deferred later;
	status = defer(s, &later, e);
	if (status == PB_OK)
		status = tracker_rows(&im);
	r->rows = t.counts.rows;
	r->added = t.counts.added, r->changed = t.counts.changed, r->unchanged = t.counts.unchanged;
	r->officers_created = t.counts.officers_created;
	if (status == PB_OK && r->problems > 1)
		status = pb_fail(e, PB_BAD_INPUT, "%s\n(%ld problems in all: %s)", t.first_problem, r->problems,
				 o->dry_run ? "every one is listed above" : "--dry-run lists every one");
	else if (status == PB_OK && r->problems)
		status = pb_fail(e, PB_BAD_INPUT, "%s", t.first_problem);
	free_state(&t);
	forget_lookups(&seen);
	if (status == PB_OK && !o->dry_run)
		status = finish_deferred(s, &later, e);
	if (status != PB_OK || o->dry_run) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

/* ---- the search index and the audit trail, written at the end of an import ---- */

/* Runs one of the statements of defer and finish_deferred, with the highest ids before the import. */
static int run_deferred(struct store *s, const char *sql, const struct deferred *d, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	const long after[] = {d->action, d->update, d->engagement};
	for (int i = 0; i < sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i + 1, after[i]);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "writing the imported rows' search documents, audit and counts");
}

/* Puts off indexing, auditing and counting the rows the import adds (unless an import around this one already has):
 * row by row, each is a few triggers' statements; at the end, one statement each for them all. */
static int defer(struct store *s, struct deferred *d, struct pb_error *e)
{
	static const char state[] =
		"SELECT action_upto = 9223372036854775807, (SELECT ifnull(max(id), 0) FROM main.action),"
		" (SELECT ifnull(max(id), 0) FROM main.progress_update), (SELECT ifnull(max(id), 0) FROM main.engagement)"
		" FROM temp.deferred";
	static const char set[] = "UPDATE temp.deferred SET action_upto = ?1, update_upto = ?2, engagement_upto = ?3";
	static const char set_counts[] = "UPDATE count_deferred SET action_upto = ?1";
	/* A new action's owners are saved before it (insert_action): foreign keys are checked when the import commits. */
	static const char owners_first[] = "PRAGMA defer_foreign_keys = ON";
	sqlite3_stmt *st = store_stmt(s, owners_first, e);
	if (!st)
		return e->status;
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_sql_fail(s, e, "starting the import");
	}
	sqlite3_reset(st);
	if (!(st = store_stmt(s, state, e)))
		return e->status;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sql_fail(s, e, "starting the import");
	}
	*d = (struct deferred){sqlite3_column_int(st, 0) != 0, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			       sqlite3_column_int64(st, 3)};
	sqlite3_reset(st);
	if (!d->on)
		return PB_OK;
	if (run_deferred(s, set, d, e) != PB_OK)
		return e->status;
	return run_deferred(s, set_counts, d, e);
}

/* The audit rows of what the import added, as it stands at the end, in the order the triggers would have written them:
 * each action made, its revisions, owners and notes; notes added to actions already here; each engagement record made
 * and its links. ?1–?3 the highest ids before the import, ?4 the first audit id; only for actions with ids in
 * (?5, ?6], and engagement records when ?7. */
static const char audit_added[] =
	"INSERT INTO main.audit(id, at, who, entity, entity_id, field, old, new)"
	" SELECT ?4 + (row_number() OVER (ORDER BY g, k, r, n) - 1) * " STORE_ID_STEP ", strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
	" (SELECT who FROM temp.actor), entity, k, field, old, new FROM ("
	"  SELECT 0 g, a.id k, 0 r, 0 n, 'action' entity, NULL field, NULL old, a.ref new FROM main.action a"
	"   WHERE a.id > max(?1, ?5) AND a.id <= ?6"
	"  UNION ALL SELECT 0, d.action_id, 1, d.id, 'action', 'revision', d.from_on,"
	"   trim(ifnull(d.to_on,'') || ' ' || ifnull('(' || d.reason || ')','')) FROM main.due_change d"
	"   WHERE d.action_id > max(?1, ?5) AND d.action_id <= ?6"
	"  UNION ALL SELECT 0, o.action_id, 2, o.position, 'action', 'owner', NULL,"
	"   (SELECT name FROM main.officer WHERE id = o.officer_id) FROM main.action_owner o"
	"   WHERE o.action_id > max(?1, ?5) AND o.action_id <= ?6"
	"  UNION ALL SELECT 0, u.action_id, 3, u.id, 'action', 'progress_update', NULL, u.text FROM main.progress_update u"
	"   WHERE u.id > ?2 AND u.action_id > ?5 AND u.action_id <= ?6"
	"  UNION ALL SELECT 1, g.id, 0, 0, 'engagement', NULL, NULL, g.ref FROM main.engagement g WHERE ?7 AND g.id > ?3"
	"  UNION ALL SELECT 1, l.engagement_id, 1, l.action_id, 'engagement', 'action', NULL,"
	"   (SELECT p.code || ':' || a.ref FROM main.action a JOIN main.plan p ON p.id = a.plan_id WHERE a.id = l.action_id)"
	"   FROM main.engagement_action l WHERE ?7 AND l.engagement_id > ?3)";

/* Actions audited a statement at a time: what one statement records for working apart is kept in memory until the
 * statement ends, so a large import is recorded in pieces between them (store_sync_capture_piece). */
#define AUDIT_BATCH "4999" /* the offset of the last action of a batch */

/* The last action id of the batch after action id from: 5,000 actions on, or the last. */
static long batch_end(struct store *s, long from, struct pb_error *e)
{
	static const char sql[] =
		"SELECT ifnull((SELECT id FROM main.action WHERE id > ?1 ORDER BY id LIMIT 1 OFFSET " AUDIT_BATCH "), 9223372036854775807)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	return store_one_int(st);
}

/* Audits the actions with ids in (from, to] (and, last, the engagement records) the import added, then records the
 * change for working apart if it has grown large. */
static int audit_batch(struct store *s, const struct deferred *d, long from, long to, struct pb_error *e)
{
	static const char first_id[] = "SELECT pb_new_id('audit')";
	sqlite3_stmt *st = store_stmt(s, first_id, e);
	long audit_id = st ? store_one_int(st) : 0;
	if (!st || !(st = store_stmt(s, audit_added, e)))
		return e->status;
	sqlite3_bind_int64(st, 1, d->action);
	sqlite3_bind_int64(st, 2, d->update);
	sqlite3_bind_int64(st, 3, d->engagement);
	sqlite3_bind_int64(st, 4, audit_id);
	sqlite3_bind_int64(st, 5, from);
	sqlite3_bind_int64(st, 6, to);
	sqlite3_bind_int(st, 7, to == 9223372036854775807L);
	int rc = audit_id ? sqlite3_step(st) : SQLITE_ERROR;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, e, "auditing the imported rows");
	return store_sync_capture_piece(s, e);
}

/* Audits what the import added: notes added to the actions already here, then the new actions a batch at a time. */
static int audit_deferred(struct store *s, const struct deferred *d, struct pb_error *e)
{
	long from = 0, to = d->action;
	while (from != 9223372036854775807L) {
		if (audit_batch(s, d, from, to, e) != PB_OK)
			return e->status;
		from = to;
		if (from != 9223372036854775807L && (to = batch_end(s, from, e)) < 0)
			return e->status;
	}
	return PB_OK;
}

/* Indexes, counts and audits every row added since defer, then goes back to doing it row by row. The index gathers up to
 * 8 MB of terms before it writes them (FTS5's hashsize; 1 MB by default): fewer, larger segments to merge. */
static int finish_deferred(struct store *s, const struct deferred *d, struct pb_error *e)
{
	static const char batch[] = "INSERT INTO search(search, rank) VALUES ('hashsize', 8388608)";
	static const char actions[] =
		"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_ACTION("a") " FROM main.action a WHERE a.id > ?1";
	static const char updates[] =
		"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_UPDATE("u") " FROM main.progress_update u WHERE u.id > ?2";
	static const char engagements[] =
		"INSERT INTO search(" STORE_SEARCH_COLUMNS ") SELECT " STORE_SEARCH_ENGAGEMENT("g") " FROM main.engagement g WHERE g.id > ?3";
	static const char counts[] =
		"INSERT INTO action_count(officer_id, plan_id, section_id, n) SELECT * FROM (" STORE_SECTION_COUNTS_OF("a.id > ?1")
		") WHERE true ON CONFLICT(officer_id, plan_id, section_id) DO UPDATE SET n = n + excluded.n";
	static const char due_counts[] =
		"INSERT INTO open_due_count(officer_id, plan_id, due_on, n) SELECT * FROM (" STORE_DUE_COUNTS_OF("a.id > ?1")
		") WHERE true ON CONFLICT(officer_id, plan_id, due_on) DO UPDATE SET n = n + excluded.n";
	static const char reset[] =
		"UPDATE temp.deferred SET action_upto = 9223372036854775807, update_upto = 9223372036854775807,"
		" engagement_upto = 9223372036854775807";
	static const char reset_counts[] = "UPDATE count_deferred SET action_upto = 9223372036854775807";
	if (!d->on)
		return PB_OK;
	const char *const sql[] = {batch, actions, updates, engagements, counts, due_counts, reset_counts};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (run_deferred(s, sql[i], d, e) != PB_OK)
			return e->status;
	if (audit_deferred(s, d, e) != PB_OK)
		return e->status;
	return run_deferred(s, reset, d, e);
}

/* ---- the file ---- */

static int (*const importers[CSVIO_NKINDS])(struct import *) = {
	[CSVIO_PLANS] = import_plan,		[CSVIO_SECTIONS] = import_section,
	[CSVIO_OFFICERS] = import_officer,	[CSVIO_METHODS] = import_method,
	[CSVIO_ACTIONS] = import_action,	[CSVIO_REVISIONS] = import_revision,
	[CSVIO_UPDATES] = import_update,	[CSVIO_ENGAGEMENTS] = import_engagement,
};

/* Each row of a canonical file: the header first, then one record of the kind. */
static int on_row(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct import *im = ctx;
	im->pos = pos;
	im->fields = fields;
	im->nfields = nfields;
	if (!im->have_header) {
		im->have_header = true;
		im->abbreviations = im->kind == CSVIO_OFFICERS && tracker_abbreviation_header(fields, nfields, &im->abbr_col, &im->name_col);
		if (im->abbreviations)
			return PB_OK;
		return csvio_map_header(im->kind, fields, nfields, im->o && im->o->plan ? "plan" : NULL, pos, im->map, e);
	}
	im->r->rows++;
	int status = im->abbreviations ? import_abbreviation(im) : importers[im->kind](im);
	if (status == PB_OK)
		status = store_sync_capture_piece(im->s, e);
	return status == PB_OK ? progress_step(im->o->progress, im->r->rows, 0) : status;
}

int store_import(struct store *s, enum csvio_kind kind, const char *name, const char *data, size_t len,
		 const struct store_import_opts *o, struct store_import_result *r, struct pb_error *e)
{
	static const struct store_import_opts none = {0};
	struct import im = {.s = s, .kind = kind, .o = o ? o : &none, .r = r, .e = e, .seen = calloc(1, sizeof *im.seen)};
	struct deferred later;
	memset(r, 0, sizeof *r);
	if (!im.seen)
		return pb_fail(e, PB_FAIL, "out of memory importing %s", name);
	if (store_begin(s, e) != PB_OK) {
		free(im.seen);
		return e->status;
	}
	int status = defer(s, &later, e);
	if (status == PB_OK)
		status = csvio_read_mem(name, data, len, on_row, &im, e);
	if (status == PB_OK && !im.have_header)
		status = pb_fail(e, PB_BAD_INPUT, "%s: the file is empty; it needs a header row (see sample-data/FORMAT.md)", name);
	if (status == PB_OK && !im.o->dry_run)
		status = finish_deferred(s, &later, e);
	if (status == PB_OK) /* a last look for Ctrl-C before anything is kept */
		status = progress_step(im.o->progress, r->rows, r->rows);
	forget_lookups(im.seen);
	free(im.seen);
	if (status != PB_OK || im.o->dry_run) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}
