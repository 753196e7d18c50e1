/* workbench.h — the full-screen workbench, entered when planbench is run with no command. */
#ifndef PB_WORKBENCH_H
#define PB_WORKBENCH_H

#include <stdbool.h>

#include "core/error.h"
#include "core/settings.h"
#include "store/store.h"

struct key_binding;
struct script;

struct workbench_opts {
	const char *plan; /* plan code to open on, or NULL for the first plan */
	const char *who;  /* the officer using it (--as) */
	bool read_only;	  /* the database was opened read-only (--read-only): the header says so */
	/* The settings file's display choices (core/settings.h), read and checked by tui/config.c: the theme and each
	 * element's colour (ui_colors_init), and its problems, shown on the status line at the start. Its key.VIEW.ACTION
	 * lines are in force already (config_load gave them to tui/keymap.c). NULL: the defaults. */
	const struct settings *settings;
	const char *settings_path; /* where the settings were read from, for the status line */
	struct script *script; /* keys from a script (tui/script.h) on an off-screen terminal, or NULL for the user's */
};

/* The workbench's own key tables (help, quit, redraw), NULL-ended: key.global.ACTION names their actions. */
extern const struct key_binding *const workbench_keys[];

/* Runs until the user quits; the terminal is always restored before returning. */
int workbench_run(struct store *s, const struct workbench_opts *o, struct pb_error *e);

#endif
