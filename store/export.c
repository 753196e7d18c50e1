/* export.c — every kind of record back out as canonical CSV, in a stable order so exports compare byte for byte. */
#include <string.h>

#include "store/internal.h"

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

int store_export(struct store *s, enum csvio_kind kind, const char *plan, FILE *out, struct pb_error *e)
{
	long id;
	if (plan && store_plan_lookup(s, plan, &id, NULL, NULL) != PB_OK)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench list` shows the plans", plan);
	sqlite3_stmt *st = store_stmt(s, queries[kind], e);
	if (!st)
		return e->status;
	if (sqlite3_bind_parameter_count(st) >= 1)
		store_bind_text(st, 1, plan);
	int n = csvio_ncolumns(kind);
	csvio_write_row(out, csvio_kind(kind)->columns, n);
	const char *fields[CSVIO_MAX_FIELDS];
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < n; c++)
			fields[c] = store_col(st, c);
		csvio_write_row(out, fields, n);
	}
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, e, "exporting");
	sqlite3_reset(st);
	if (fflush(out) != 0 || ferror(out))
		return pb_fail(e, PB_FAIL, "could not write the export (disk full?)");
	return PB_OK;
}
