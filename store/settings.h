/* settings.h — the settings that belong to the data (core/settings.h lists them), kept in the database's setting table. */
#ifndef PB_STORE_SETTINGS_H
#define PB_STORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* The database's text for data setting key into value; *stored is false (value "") when it holds none. */
int store_setting_get(struct store *s, const char *key, char *value, size_t len, bool *stored, struct pb_error *e);

/* Sets a data setting after checking it (settings_data_check: PB_USAGE saying what it takes), in one transaction
 * with an audit record (entity "setting", field the key, the old and new values, who). old gets the value it had
 * (the default when the database held none); *changed is false, and nothing is written, when it already had value. */
int store_setting_set(struct store *s, const char *key, const char *value, char *old, size_t oldlen, bool *changed,
		      struct pb_error *e);

#endif
