/* keymap.h — key.VIEW.ACTION settings: the workbench's screens and actions by name, and the keys the file gives them. */
#ifndef PB_KEYMAP_H
#define PB_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/settings.h"
#include "tui/ui.h"

#define KEYMAP_TABLES 4	       /* most tables one VIEW name covers */
#define KEYMAP_SCREEN_TABLES 8 /* most tables one screen looks keys up in */

/* VIEW of key.VIEW.ACTION: a screen's own key table, or tables several screens share (browse, text, global).
 * A rebinding gives its key to the first line of that action in each of the tables. */
struct keymap_view {
	const char *name;  /* "list" */
	const char *about; /* what it is, for lists of names: "the action list" */
	const struct key_binding *tables[KEYMAP_TABLES + 1]; /* NULL-ended */
};

/* A screen as it looks keys up: every table it dispatches from. One key does one thing on a screen. */
struct keymap_screen {
	const char *name; /* its VIEW name, for messages */
	const struct key_binding *tables[KEYMAP_SCREEN_TABLES + 1]; /* NULL-ended */
};

/* Every VIEW name, and every screen the tables are used on. */
struct keymap_catalogue {
	const struct keymap_view *views;
	int nviews;
	const struct keymap_screen *screens;
	int nscreens;
};

/* The workbench's names (tui/screens.c): built on the first call, kept until the program ends. */
const struct keymap_catalogue *keymap_workbench(void);

/* Checks each key.VIEW.ACTION line of s against c: an unknown view or action, a key that types text given to an action
 * of a text field, or a key another action already answers to on a screen the action works on, is a problem of its line
 * (added to s) and is ignored; the other lines take effect for keymap_key. Replaces what an earlier call gave. */
void keymap_apply(const struct keymap_catalogue *c, struct settings *s);
/* Every binding back to its own key. */
void keymap_reset(void);
/* The key binding b answers to and shows first: the settings file's, else its own. */
int keymap_key(const struct key_binding *b);
/* Whether b's other key alt[i] still applies: not when it is the first key the settings replaced, in another of the
 * forms terminals send it (Enter as '\r' beside '\n'). */
bool keymap_alt_kept(const struct key_binding *b, int i);
/* Whether key is b's first key (keymap_key); a rebound Enter or Backspace also matches the other codes terminals
 * send for it. */
bool keymap_first_matches(const struct key_binding *b, int key);
/* A key as core/settings.h writes it (SETTINGS_KEY_*, a character, a control code) to the curses code read for it. */
int keymap_curses_key(int settings_key);
/* A curses key code as the settings file writes it ("PgDn", "Ctrl-R", "F5", "s"), else as help names it. */
void keymap_key_name(int key, char *out, size_t len);
/* The VIEW name of table in c, or NULL when it has none. */
const char *keymap_view_name(const struct keymap_catalogue *c, const struct key_binding *table);

#endif
