/* sections.c — a plan's sections (pillars, standards and their themes) as a tree. */
#include <stdio.h>

#include "store/internal.h"

/* Calls fn for each section of plan, depth first: a parent, then its children in plan order. */
int store_each_section(struct store *s, const char *plan, store_section_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"WITH RECURSIVE t(id, parent_id, code, title, depth, path) AS ("
		" SELECT s.id, 0, s.code, s.title, 0, printf('%08d', s.position) FROM section s JOIN plan p ON p.id = s.plan_id"
		"  WHERE p.code = ?1 AND s.parent_id IS NULL"
		" UNION ALL SELECT s.id, s.parent_id, s.code, s.title, t.depth + 1, t.path || '.' || printf('%08d', s.position)"
		"  FROM section s JOIN t ON s.parent_id = t.id)"
		" SELECT id, parent_id, code, title, depth FROM t ORDER BY path";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, plan);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct section_row r = {
			.id = sqlite3_column_int64(st, 0), .parent_id = sqlite3_column_int64(st, 1),
			.code = store_col(st, 2), .title = store_col(st, 3), .depth = sqlite3_column_int(st, 4),
		};
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing the sections of a plan");
	sqlite3_reset(st);
	return status;
}
