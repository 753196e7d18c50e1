/* error.c — filling a pb_error. */
#include <stdarg.h>
#include <stdio.h>

#include "core/error.h"

int pb_fail(struct pb_error *e, enum pb_status status, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->status = status;
	}
	return status;
}

void pb_error_clear(struct pb_error *e)
{
	e->status = PB_OK;
	e->msg[0] = '\0';
}
