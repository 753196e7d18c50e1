/* json.c — JSON string escaping. */
#include <stdio.h>

#include "core/json.h"

void json_string(struct buf *b, const char *s)
{
	if (!s) {
		buf_add(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_add(b, "\\\""); break;
		case '\\': buf_add(b, "\\\\"); break;
		case '\n': buf_add(b, "\\n"); break;
		case '\r': buf_add(b, "\\r"); break;
		case '\t': buf_add(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void json_key(struct buf *b, const char *key, int first)
{
	if (!first)
		buf_addc(b, ',');
	json_string(b, key);
	buf_addc(b, ':');
}
