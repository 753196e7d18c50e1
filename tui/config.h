/* config.h — the settings file on disk: where it is, and reading it (core/settings.h parses it). */
#ifndef PB_CONFIG_H
#define PB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/settings.h"

#define CONFIG_MAX_BYTES (256 * 1024) /* a larger file is a problem, and is not read */

/* $XDG_CONFIG_HOME/planbench/config when XDG_CONFIG_HOME is an absolute path, else ~/.config/planbench/config. */
void config_path(char *out, size_t len);
/* Reads the file at path into *s, its problems in line order; its key.VIEW.ACTION lines are checked against the
 * workbench's screens and the usable ones take effect (tui/keymap.h). No file is no problem (*found false, the defaults apply); a file that cannot be
 * read, is not a plain file or is too large is a problem of the whole file (line 0), and the defaults apply. */
void config_load(const char *path, struct settings *s, bool *found);
/* Prints one problem as "PATH line N: text" (or "PATH: text" for the whole file), after prefix. */
void config_print_problem(FILE *out, const char *prefix, const char *path, const struct settings_problem *p);
/* The settings file read for the workbench, its path written to path: each problem printed on standard error as a
 * warning first (the screen is not up yet). The settings live until the program ends. */
const struct settings *config_startup(char *path, size_t len);
/* One line for the status line, about width columns, on s's problems (there must be one): "settings: 2 problems in
 * PATH, line 3: … — run planbench settings to see them", the first problem cut to fit. */
void config_problems_line(const struct settings *s, const char *path, int width, char *out, size_t len);

#endif
