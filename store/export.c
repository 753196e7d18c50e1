/* export.c — every kind of record back out as canonical CSV, in a stable order so exports compare byte for byte. */
#include <string.h>

#include "store/privacy.h"
#include "store/internal.h"
#include "store/progress.h"

/* Each query yields the kind's columns in canonical order; ?1 is a plan code or NULL for all. */
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
	[CSVIO_ACTIONS] =
		"SELECT p.code, a.ref, s.code, a.title, a.description, a.measure, a.target, a.outcome,"
		" (SELECT group_concat(written_as, '; ') FROM (SELECT written_as FROM action_owner WHERE action_id = a.id ORDER BY position)),"
		" a.due_text, a.status, a.rag, a.rag_reason, a.completed_on"
		" FROM action a JOIN plan p ON p.id = a.plan_id LEFT JOIN section s ON s.id = a.section_id"
		" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.position, a.position",
	[CSVIO_REVISIONS] =
		"SELECT p.code, a.ref, d.seq, d.from_on, d.to_on, d.to_text, d.reason, d.changed_on, d.changed_by"
		" FROM due_change d JOIN action a ON a.id = d.action_id JOIN plan p ON p.id = a.plan_id"
		" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.position, a.position, d.seq",
	[CSVIO_UPDATES] =
		"SELECT p.code, a.ref, u.period, u.noted_on, u.author, u.text"
		" FROM progress_update u JOIN action a ON a.id = u.action_id JOIN plan p ON p.id = a.plan_id"
		" WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.position, a.position, u.noted_on, u.id",
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

int store_export_progress(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags,
			  const struct progress_hook *h, FILE *out, struct pb_error *e)
{
	long id, total = 0, done = 0;
	if (plan && store_plan_lookup(s, plan, &id, NULL, NULL) != PB_OK)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench list` shows the plans", plan);
	if (h && export_total(s, kind, plan, &total, e) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(s, queries[kind], e);
	if (!st)
		return e->status;
	if (sqlite3_bind_parameter_count(st) >= 1)
		store_bind_text(st, 1, plan);
	int n = csvio_ncolumns(kind);
	csvio_write_row(out, csvio_kind(kind)->columns, n);
	const char *fields[CSVIO_MAX_FIELDS];
	int rc = SQLITE_DONE, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < n; c++)
			fields[c] = !(flags & STORE_EXPORT_NOTES) && is_note(kind, c) ? "" : store_col(st, c);
		csvio_write_row(out, fields, n);
		status = progress_step(h, ++done, total);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "exporting");
	sqlite3_reset(st);
	if (status != PB_OK)
		return status;
	if (fflush(out) != 0 || ferror(out))
		return pb_fail(e, PB_FAIL, "could not write the export (disk full?)");
	return progress_step(h, done, total); /* a last look for Ctrl-C before the file is put in place */
}
