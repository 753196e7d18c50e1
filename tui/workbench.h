/* workbench.h — the full-screen workbench, entered when planbench is run with no command. */
#ifndef PB_WORKBENCH_H
#define PB_WORKBENCH_H

#include "core/error.h"
#include "store/store.h"

struct workbench_opts {
	const char *plan; /* plan code to open on, or NULL for the first plan */
	const char *who;  /* the officer using it (--as) */
};

/* Runs until the user quits; the terminal is always restored before returning. */
int workbench_run(struct store *s, const struct workbench_opts *o, struct pb_error *e);

#endif
