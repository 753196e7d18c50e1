/* json.h — writing JSON values into a buf. */
#ifndef PB_JSON_H
#define PB_JSON_H

#include "core/buf.h"

/* Appends s as a JSON string, or null when s is NULL. */
void json_string(struct buf *b, const char *s);
/* Appends "key": (with a leading comma unless first). */
void json_key(struct buf *b, const char *key, int first);

#endif
