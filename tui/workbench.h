/* workbench.h — the full-screen workbench, entered when planbench is run with no command. */
#ifndef PB_WORKBENCH_H
#define PB_WORKBENCH_H

#include <stdbool.h>

#include "core/error.h"
#include "core/settings.h"
#include "store/store.h"

struct script;

struct workbench_opts {
	const char *plan; /* plan code to open on, or NULL for the first plan */
	const char *who;  /* the officer using it (--as) */
	bool read_only;	  /* the database was opened read-only (--read-only): the header says so */
	/* The settings file's display choices (core/settings.h): theme, colour of each element (settings_colour_of),
	 * key.VIEW.ACTION bindings. Read and checked by tui/config.c; not yet applied by the screen. NULL: the defaults. */
	const struct settings *settings;
	struct script *script; /* keys from a script (tui/script.h) on an off-screen terminal, or NULL for the user's */
};

/* Runs until the user quits; the terminal is always restored before returning. */
int workbench_run(struct store *s, const struct workbench_opts *o, struct pb_error *e);

#endif
