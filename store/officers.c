/* officers.c — finding officers by the beginning of a name or alias, for completion as the user types. */
#include <stdio.h>

#include "core/names.h"
#include "store/internal.h"

/* Calls fn with the name of each officer whose name, a word of it, or an alias begins with typed;
 * names that begin with it come first. */
int store_each_officer_match(struct store *s, const char *typed, int limit, store_name_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT o.name FROM officer o WHERE substr(o.name_key, 1, length(?1)) = ?1 OR instr(o.name_key, ' ' || ?1) > 0"
		" OR EXISTS (SELECT 1 FROM officer_alias al WHERE al.officer_id = o.id"
		"  AND (substr(al.alias_key, 1, length(?1)) = ?1 OR instr(al.alias_key, ' ' || ?1) > 0))"
		" ORDER BY substr(o.name_key, 1, length(?1)) = ?1 DESC, o.name COLLATE NOCASE, o.id LIMIT ?2";
	char key[256];
	names_key(typed ? typed : "", key, sizeof key);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, limit);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = fn(ctx, store_col(st, 0));
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "finding officers");
	sqlite3_reset(st);
	return status;
}
