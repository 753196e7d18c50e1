/* plans.c — the plans in the database. */
#include "store/internal.h"

int store_plan_lookup(struct store *s, const char *code, long *id, struct date *start, bool *has_start)
{
	static const char sql[] = "SELECT id, starts_on FROM plan WHERE code = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	if (!st || !code)
		return PB_FAIL;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return PB_FAIL;
	}
	*id = sqlite3_column_int64(st, 0);
	struct date d;
	bool ok = date_parse_iso(store_col(st, 1), &d);
	sqlite3_reset(st);
	if (has_start)
		*has_start = ok;
	if (start && ok)
		*start = d;
	return PB_OK;
}

int store_each_plan(struct store *s, store_plan_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT p.id, p.code, p.title, p.kind, p.starts_on, p.ends_on FROM plan p ORDER BY p.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_row p = {
			.id = sqlite3_column_int64(st, 0), .code = store_col(st, 1), .title = store_col(st, 2),
			.kind = store_col(st, 3), .starts_on = store_col(st, 4), .ends_on = store_col(st, 5),
		};
		int status = fn(ctx, &p);
		if (status != PB_OK) {
			sqlite3_reset(st);
			return status;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "listing plans");
}

bool store_has_plan(struct store *s, const char *code)
{
	long id;
	return store_plan_lookup(s, code, &id, NULL, NULL) == PB_OK;
}

int store_plan_start(struct store *s, const char *code, struct date *start, struct pb_error *e)
{
	long id;
	bool has_start = false;
	if (store_plan_lookup(s, code, &id, start, &has_start) != PB_OK)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; `planbench export --kind plans` lists the plans", code);
	if (!has_start)
		return pb_fail(e, PB_BAD_INPUT, "plan %s has no start date, so \"Year N\" cannot be read; give --start DATE", code);
	return PB_OK;
}
