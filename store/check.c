/* check.c — integrity and consistency checks: SQLite's own, foreign keys, owners, target dates against their history,
 * a complete audit, the counts kept by triggers. */
#include <stdio.h>

#include "store/internal.h"

struct check_query {
	const char *sql;    /* each row is one problem, described by column 0 */
};

/* A row named t for each row that is in table but not in the query, or in the query but not in table. */
#define DIFFERENT(t, table, query) \
	"SELECT '" t "' AS t FROM (SELECT * FROM " table " EXCEPT SELECT * FROM (" query "))" \
	" UNION ALL SELECT '" t "' FROM (SELECT * FROM (" query ") EXCEPT SELECT * FROM " table ")"

static const struct check_query checks[] = {
	{"SELECT 'database: the file is damaged (SQLite reports: ' || replace(integrity_check, char(10), ' ') || '); restore a backup'"
	 " FROM pragma_integrity_check WHERE integrity_check <> 'ok'"},
	{"SELECT 'foreign key: a row of ' || \"table\" || ' (rowid ' || rowid || ') points at a missing ' || parent"
	 " FROM pragma_foreign_key_check"},
	{"SELECT p.code || ' ' || a.ref || ': current target ' || ifnull(a.due_on, 'none')"
	 " || ' differs from its last revision (' || ifnull(d.to_on, 'none') || ')'"
	 " FROM action a JOIN plan p ON p.id = a.plan_id"
	 " JOIN due_change d ON d.action_id = a.id AND d.seq = (SELECT max(seq) FROM due_change WHERE action_id = a.id)"
	 " WHERE a.due_on IS NOT d.to_on"},
	{"SELECT p.code || ' ' || a.ref || ': revision ' || d.seq || ' does not start where the one before ended'"
	 " FROM due_change d JOIN due_change prev ON prev.action_id = d.action_id AND prev.seq = d.seq - 1"
	 " JOIN action a ON a.id = d.action_id JOIN plan p ON p.id = a.plan_id WHERE d.from_on IS NOT prev.to_on"},
	{"SELECT p.code || ' ' || a.ref || ': lead ' || ao.written_as || ' is not a known officer'"
	 " FROM action_owner ao JOIN action a ON a.id = ao.action_id JOIN plan p ON p.id = a.plan_id"
	 " WHERE NOT EXISTS (SELECT 1 FROM officer o WHERE o.id = ao.officer_id)"},
	{"SELECT p.code || ' ' || a.ref || ': no audit record of its creation'"
	 " FROM action a JOIN plan p ON p.id = a.plan_id"
	 " WHERE NOT EXISTS (SELECT 1 FROM audit WHERE entity = 'action' AND entity_id = a.id AND field IS NULL)"},
	/* Counted, not matched one by one: an import may later correct a revision's reason in place. */
	{"SELECT p.code || ' ' || a.ref || ': ' || u.n || ' progress updates but the audit trail records ' || u.m"
	 " FROM (SELECT action_id, count(*) AS n, (SELECT count(*) FROM audit WHERE entity = 'action' AND entity_id = pu.action_id"
	 "   AND field = 'progress_update' AND new IS NOT NULL) AS m FROM progress_update pu GROUP BY action_id) u"
	 " JOIN action a ON a.id = u.action_id JOIN plan p ON p.id = a.plan_id WHERE u.n > u.m"},
	{"SELECT p.code || ' ' || a.ref || ': ' || r.n || ' target-date revisions but the audit trail records ' || r.m"
	 " FROM (SELECT action_id, count(*) AS n, (SELECT count(*) FROM audit WHERE entity = 'action' AND entity_id = d.action_id"
	 "   AND field = 'revision') AS m FROM due_change d GROUP BY action_id) r"
	 " JOIN action a ON a.id = r.action_id JOIN plan p ON p.id = a.plan_id WHERE r.n > r.m"},
	{"SELECT 'engagement ' || g.ref || ': no audit record of its creation'"
	 " FROM engagement g WHERE NOT EXISTS (SELECT 1 FROM audit WHERE entity = 'engagement' AND entity_id = g.id AND field IS NULL)"},
	{"SELECT 'audit: the trigger that keeps the audit trail append-only (' || t.name || ') is missing'"
	 " FROM (SELECT 'audit_no_update' AS name UNION ALL SELECT 'audit_no_delete') t"
	 " WHERE NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = t.name)"},
	/* The counts triggers keep (schema 6) against the actions they count: one line per table that disagrees. */
	{"SELECT 'counts: the navigator''s counts kept in the file (' || t || ') disagree with the actions in ' || count(*)"
	 " || ' places; restore a backup (planbench restore FILE) and report this' FROM ("
	 DIFFERENT("per plan and section", "action_count", STORE_SECTION_COUNTS) " UNION ALL "
	 DIFFERENT("per target date", "open_due_count", STORE_DUE_COUNTS) ") GROUP BY t"},
	{"SELECT p.code || ' ' || a.ref || ': status is complete but the RAG is ' || a.rag || ' with no reason'"
	 " FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.status = 'complete' AND a.rag IN ('R','A') AND a.rag_reason IS NULL"},
};

int store_check(struct store *s, store_problem_fn fn, void *ctx, long *problems, struct pb_error *e)
{
	*problems = 0;
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_stmt *st = store_stmt(s, checks[i].sql, e);
		if (!st)
			return e->status;
		int rc, status = PB_OK;
		while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			(*problems)++;
			status = fn(ctx, store_col(st, 0));
		}
		sqlite3_reset(st);
		if (status != PB_OK)
			return status;
		if (rc != SQLITE_DONE)
			return store_sql_fail(s, e, "checking");
	}
	return PB_OK;
}
