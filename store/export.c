/* export.c — every kind of record back out as canonical CSV, in a stable order so exports compare byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#include "store/privacy.h"
#include "store/internal.h"
#include "store/progress.h"

/* Actions in their plans, and the order everything about actions is written in: plans by position (then id, as the
 * workbench), actions by position. The terms after a.position are those of the index action_plan_order, so rows are
 * read in index order with no sort of the whole table, and a.id ends it, so that positions tied after a sync still
 * give one order, and an action's rows (its leads, updates, revisions) always come together. CROSS JOIN keeps SQLite
 * to that nesting: plans, then their actions, then each action's rows. */
#define PLAN_ACTIONS "plan p CROSS JOIN action a ON a.plan_id = p.id"
#define ACTION_ORDER "p.position, p.id, a.position, a.due_on, a.status, a.completed_on, a.due_state, a.rag, a.section_id, a.id"

/* Each query yields the kind's columns in canonical order; ?1 is a plan code or NULL for all. Actions have their own
 * (actions_with_leads below). */
static const char *const queries[CSVIO_NKINDS] = {
	[CSVIO_PLANS] = "SELECT code, title, kind, starts_on, ends_on FROM plan WHERE ?1 IS NULL OR code = ?1 ORDER BY position",
	[CSVIO_SECTIONS] =
		"SELECT p.code, s.code, par.code, s.title FROM section s JOIN plan p ON p.id = s.plan_id"
		" LEFT JOIN section par ON par.id = s.parent_id WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.position, s.position",
	[CSVIO_OFFICERS] =
		"SELECT o.name, o.role, o.team, o.email,"
		" (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM officer_alias WHERE officer_id = o.id ORDER BY id))"
		" FROM officer o ORDER BY o.id",
	[CSVIO_METHODS] = "SELECT name, formality, description FROM engagement_method ORDER BY position",
	[CSVIO_REVISIONS] =
		"SELECT p.code, a.ref, d.seq, d.from_on, d.to_on, d.to_text, d.reason, d.changed_on, d.changed_by"
		" FROM " PLAN_ACTIONS " CROSS JOIN due_change d ON d.action_id = a.id"
		" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY " ACTION_ORDER ", d.seq",
	[CSVIO_UPDATES] =
		"SELECT p.code, a.ref, u.period, u.noted_on, u.author, u.text"
		" FROM " PLAN_ACTIONS " CROSS JOIN progress_update u ON u.action_id = a.id"
		" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY " ACTION_ORDER ", u.noted_on, u.id",
	[CSVIO_ENGAGEMENTS] =
		"SELECT g.ref, g.title, g.team, m.name, g.location, g.held_on, g.held_until, g.when_text, g.frequency,"
		" g.tenants, g.tenants_basis, g.tenants_scope, g.tenants_text, g.standard, g.summary, g.you_said, g.we_did,"
		" (SELECT group_concat(pa, '; ') FROM (SELECT p.code || ':' || a.ref AS pa FROM engagement_action ea"
		"   JOIN action a ON a.id = ea.action_id JOIN plan p ON p.id = a.plan_id WHERE ea.engagement_id = g.id ORDER BY ea.position))"
		" FROM engagement g LEFT JOIN engagement_method m ON m.id = g.method_id"
		" WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM engagement_action ea JOIN action a ON a.id = ea.action_id"
		"   JOIN plan p ON p.id = a.plan_id WHERE ea.engagement_id = g.id AND p.code = ?1)"
		" ORDER BY g.position",
};

/* Actions, one row per lead (one with the lead columns NULL for an action without any), the leads gathered here
 * rather than by a subquery per action, which took half the time. Column c + 1 is canonical column c (NULL for
 * leads); then the lead's position, officer and name as written. */
static const char actions_with_leads[] =
	"SELECT a.id, p.code, a.ref, s.code, a.title, a.description, a.measure, a.target, a.outcome, NULL,"
	" a.due_text, a.status, a.rag, a.rag_reason, a.completed_on, o.position, o.officer_id, o.written_as"
	" FROM " PLAN_ACTIONS " LEFT JOIN section s ON s.id = a.section_id LEFT JOIN action_owner o ON o.action_id = a.id"
	" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY " ACTION_ORDER;
enum { AWL_ID, AWL_FIRST, AWL_LEAD_POSITION = AWL_FIRST + ACT_COMPLETED_ON + 1, AWL_LEAD_OFFICER, AWL_LEAD_NAME };
#define ACT_NCOLUMNS (ACT_COMPLETED_ON + 1)

struct lead {
	long long position, officer;
	size_t at; /* of its name in the action's text */
};

/* The action being gathered: its fields and its leads' names, copied as the row they came in is stepped past. */
struct gathered {
	long long id;
	bool any;
	struct buf text; /* the fields, then the leads' names, each NUL-terminated */
	size_t at[ACT_NCOLUMNS];
	struct lead *leads;
	size_t nleads, cap;
	struct buf joined;
};

/* Appends the text of st's column and a NUL. */
static void gather_add(struct gathered *g, sqlite3_stmt *st, int column)
{
	const char *text = store_col(st, column);
	buf_addn(&g->text, text, (size_t)sqlite3_column_bytes(st, column));
	buf_addc(&g->text, '\0');
}

/* Starts gathering the action of st's row. */
static void gather_action(struct gathered *g, sqlite3_stmt *st)
{
	g->id = sqlite3_column_int64(st, AWL_ID);
	g->any = true;
	g->nleads = 0;
	buf_reset(&g->text);
	for (int c = 0; c < ACT_NCOLUMNS; c++) {
		g->at[c] = g->text.len;
		gather_add(g, st, AWL_FIRST + c);
	}
}

static void gather_lead(struct gathered *g, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, AWL_LEAD_NAME) == SQLITE_NULL)
		return;
	if (g->nleads == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		if (!(g->leads = realloc(g->leads, g->cap * sizeof *g->leads)))
			abort();
	}
	g->leads[g->nleads++] = (struct lead){sqlite3_column_int64(st, AWL_LEAD_POSITION),
					      sqlite3_column_int64(st, AWL_LEAD_OFFICER), g->text.len};
	gather_add(g, st, AWL_LEAD_NAME);
}

static int lead_order(const void *a, const void *b)
{
	const struct lead *x = a, *y = b;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return (x->officer > y->officer) - (x->officer < y->officer);
}

/* Writes the gathered action, its leads in order joined by "; ". */
static void write_gathered(struct gathered *g, FILE *out)
{
	const char *fields[ACT_NCOLUMNS];
	if (g->nleads > 1)
		qsort(g->leads, g->nleads, sizeof *g->leads, lead_order);
	buf_reset(&g->joined);
	for (size_t i = 0; i < g->nleads; i++) {
		if (i)
			buf_add(&g->joined, "; ");
		buf_add(&g->joined, g->text.data + g->leads[i].at);
	}
	for (int c = 0; c < ACT_NCOLUMNS; c++)
		fields[c] = g->text.data + g->at[c];
	fields[ACT_LEADS] = buf_str(&g->joined);
	csvio_write_row(out, fields, ACT_NCOLUMNS);
	g->any = false;
}

/* The actions (of plan when not NULL) as canonical CSV rows, h told of each; *done counts them. */
static int export_actions(struct store *s, const char *plan, const struct progress_hook *h, long total, long *done,
			  FILE *out, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, actions_with_leads, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, plan);
	struct gathered g = {0};
	int rc = SQLITE_DONE, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (g.any && sqlite3_column_int64(st, AWL_ID) != g.id) {
			write_gathered(&g, out);
			status = progress_step(h, ++*done, total);
		}
		if (!g.any)
			gather_action(&g, st);
		gather_lead(&g, st);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "exporting the actions");
	if (status == PB_OK && g.any) {
		write_gathered(&g, out);
		status = progress_step(h, ++*done, total);
	}
	sqlite3_reset(st);
	buf_free(&g.text);
	buf_free(&g.joined);
	free(g.leads);
	return status;
}

/* How many rows each query yields, for the progress line; ?1 as above. */
static const char *const counts[CSVIO_NKINDS] = {
	[CSVIO_PLANS] = "SELECT count(*) FROM plan WHERE ?1 IS NULL OR code = ?1",
	[CSVIO_SECTIONS] = "SELECT count(*) FROM section s JOIN plan p ON p.id = s.plan_id WHERE ?1 IS NULL OR p.code = ?1",
	[CSVIO_OFFICERS] = "SELECT count(*) FROM officer",
	[CSVIO_METHODS] = "SELECT count(*) FROM engagement_method",
	[CSVIO_ACTIONS] = "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE ?1 IS NULL OR p.code = ?1",
	[CSVIO_REVISIONS] = "SELECT count(*) FROM due_change d JOIN action a ON a.id = d.action_id JOIN plan p ON p.id = a.plan_id"
			    " WHERE ?1 IS NULL OR p.code = ?1",
	[CSVIO_UPDATES] = "SELECT count(*) FROM progress_update u JOIN action a ON a.id = u.action_id JOIN plan p ON p.id = a.plan_id"
			  " WHERE ?1 IS NULL OR p.code = ?1",
	[CSVIO_ENGAGEMENTS] = "SELECT count(*) FROM engagement g WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM engagement_action ea"
			      " JOIN action a ON a.id = ea.action_id JOIN plan p ON p.id = a.plan_id WHERE ea.engagement_id = g.id AND p.code = ?1)",
};

/* Free-text notes: what officers write about what happened, which can name tenants (data protection).
 * Plan text (titles, descriptions, measures), RAG and revision reasons are not notes. */
static bool is_note(enum csvio_kind kind, int column)
{
	return (kind == CSVIO_UPDATES && column == UPD_TEXT) ||
	       (kind == CSVIO_ENGAGEMENTS && (column == ENG_SUMMARY || column == ENG_YOU_SAID || column == ENG_WE_DID));
}

const char *store_export_notes(enum csvio_kind kind)
{
	return kind == CSVIO_UPDATES ? "text" : kind == CSVIO_ENGAGEMENTS ? "summary, you_said, we_did" : NULL;
}

int store_export(struct store *s, enum csvio_kind kind, const char *plan, FILE *out, struct pb_error *e)
{
	return store_export_with(s, kind, plan, STORE_EXPORT_NOTES, out, e);
}

int store_export_with(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags, FILE *out, struct pb_error *e)
{
	return store_export_progress(s, kind, plan, flags, NULL, out, e);
}

/* The rows an export of kind will write (of plan when not NULL). */
static int export_total(struct store *s, enum csvio_kind kind, const char *plan, long *total, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, counts[kind], e);
	if (!st)
		return e->status;
	if (sqlite3_bind_parameter_count(st) >= 1)
		store_bind_text(st, 1, plan);
	int rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "counting the rows to export");
}

/* The rows of any kind but actions (of plan when not NULL), notes left out unless flags say, h told of each; *done
 * counts them. */
static int export_rows(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags,
		       const struct progress_hook *h, long total, long *done, FILE *out, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, queries[kind], e);
	if (!st)
		return e->status;
	if (sqlite3_bind_parameter_count(st) >= 1)
		store_bind_text(st, 1, plan);
	int n = csvio_ncolumns(kind);
	const char *fields[CSVIO_MAX_FIELDS];
	int rc = SQLITE_DONE, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < n; c++)
			fields[c] = !(flags & STORE_EXPORT_NOTES) && is_note(kind, c) ? "" : store_col(st, c);
		csvio_write_row(out, fields, n);
		status = progress_step(h, ++*done, total);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "exporting");
	sqlite3_reset(st);
	return status;
}

int store_export_progress(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags,
			  const struct progress_hook *h, FILE *out, struct pb_error *e)
{
	long id, total = 0, done = 0;
	if (plan && store_plan_lookup(s, plan, &id, NULL, NULL) != PB_OK)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench list` shows the plans", plan);
	if (h && export_total(s, kind, plan, &total, e) != PB_OK)
		return e->status;
	csvio_write_row(out, csvio_kind(kind)->columns, csvio_ncolumns(kind));
	int status = kind == CSVIO_ACTIONS ? export_actions(s, plan, h, total, &done, out, e)
					   : export_rows(s, kind, plan, flags, h, total, &done, out, e);
	if (status != PB_OK)
		return status;
	if (fflush(out) != 0 || ferror(out))
		return pb_fail(e, PB_FAIL, "could not write the export (disk full?)");
	return progress_step(h, done, total); /* a last look for Ctrl-C before the file is put in place */
}
