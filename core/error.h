/* error.h — a status the command line turns into an exit code, and a message the user can act on. */
#ifndef PB_ERROR_H
#define PB_ERROR_H

#include <stddef.h>

enum pb_status {
	PB_OK = 0,
	PB_FAIL = 1,	  /* something went wrong */
	PB_USAGE = 2,	  /* the command line is wrong */
	PB_BAD_INPUT = 3, /* input rejected; nothing was written */
	PB_BUSY = 4,	  /* database busy or read-only */
	PB_INTERRUPTED = 130, /* Ctrl-C stopped the work; nothing was written (128 + SIGINT, as shells report it) */
};

struct pb_error {
	enum pb_status status;
	char msg[1024];
};

/* Sets e (when not NULL) and returns status, so callers can `return pb_fail(e, …)`. */
int pb_fail(struct pb_error *e, enum pb_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pb_error_clear(struct pb_error *e);

#endif
