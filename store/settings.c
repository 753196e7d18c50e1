/* settings.c — reading and changing the data's settings (rag.amber_days, quarter.scheme): one audited transaction each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "store/internal.h"
#include "store/settings.h"

int store_setting_get(struct store *s, const char *key, char *value, size_t len, bool *stored, struct pb_error *e)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	*stored = rc == SQLITE_ROW;
	snprintf(value, len, "%s", *stored ? store_col(st, 0) : "");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_fail(s, e, "reading the settings");
	return PB_OK;
}

/* The new value and its audit record, inside the caller's transaction. */
static int write_setting(struct store *s, const char *key, const char *old, const char *value, struct pb_error *e)
{
	static const char upsert[] = "INSERT INTO setting(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	static const char audit[] = "INSERT INTO audit(id, at, who, entity, entity_id, field, old, new)"
				    " VALUES (pb_new_id('audit'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, 'setting', NULL, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, upsert, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	if (store_step_write(s, st, "saving the setting", e) != PB_OK)
		return e->status;
	if (!(st = store_stmt(s, audit, e)))
		return e->status;
	store_bind_text(st, 1, s->actor);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, old);
	store_bind_text(st, 4, value);
	return store_step_write(s, st, "saving the setting", e);
}

int store_setting_set(struct store *s, const char *key, const char *value, char *old, size_t oldlen, bool *changed,
		      struct pb_error *e)
{
	char norm[64], why[256], was[256];
	bool stored;
	const struct settings_data_def *d = settings_data_find(key);
	*changed = false;
	if (!settings_data_check(key, value, norm, sizeof norm, why, sizeof why))
		return pb_fail(e, PB_USAGE, "settings set: %s", why);
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = store_setting_get(s, d->key, was, sizeof was, &stored, e);
	snprintf(old, oldlen, "%s", stored ? was : d->fallback);
	if (status == PB_OK && (!stored || strcmp(was, norm) != 0)) {
		status = write_setting(s, d->key, stored ? was : NULL, norm, e);
		*changed = status == PB_OK;
	}
	if (status != PB_OK) {
		store_rollback(s);
		*changed = false;
		return status;
	}
	if (store_commit(s, e) != PB_OK) {
		*changed = false;
		return e->status;
	}
	if (*changed && strcmp(d->key, "rag.amber_days") == 0)
		s->rules.amber_days = atoi(norm);
	return PB_OK;
}
