/* settings.h — the settings file: plain `key = value` lines read into choices, every problem kept with its line number. */
#ifndef PB_SETTINGS_H
#define PB_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SETTINGS_LINE_MAX 1000	 /* a longer line is a problem */
#define SETTINGS_PLAN_MAX 64	 /* bytes of a plan code, its NUL included */
#define SETTINGS_NAME_MAX 32	 /* bytes of a view or action name in key.VIEW.ACTION, its NUL included */
#define SETTINGS_MAX_BINDINGS 64
#define SETTINGS_MAX_PROBLEMS 32 /* kept; the rest are only counted (problems_dropped) */
#define SETTINGS_PROBLEM_LEN 512
#define SETTINGS_NDATA 2	 /* the settings kept in the database (settings_data) */

enum settings_theme { SETTINGS_THEME_DEFAULT, SETTINGS_THEME_HIGH_CONTRAST, SETTINGS_THEME_MONO, SETTINGS_NTHEMES };

/* The parts of the screen whose colours can be chosen. */
enum settings_element {
	SETTINGS_RED,	   /* a Red RAG */
	SETTINGS_AMBER,
	SETTINGS_GREEN,
	SETTINGS_COMPLETE, /* a Complete RAG */
	SETTINGS_HEADER,   /* the header line */
	SETTINGS_SELECTION, /* the selected row */
	SETTINGS_NELEMENTS
};

/* A colour number: the terminal's own colour, 0-7 in the curses order (black, red, green, yellow, blue, magenta,
 * cyan, white), 8-15 their bright forms (bright-white), 16-255 on terminals with 256 colours. */
#define SETTINGS_COLOUR_TERMINAL (-1)
enum settings_attr { SETTINGS_BOLD = 1, SETTINGS_UNDERLINE = 2, SETTINGS_REVERSE = 4, SETTINGS_DIM = 8 };
struct settings_colour {
	short fg, bg;	/* colour numbers */
	unsigned attrs; /* enum settings_attr bits */
};

/* Keys: a printable ASCII character (33-126) is itself; Ctrl-A to Ctrl-Z are 1-26; the named keys follow.
 * The workbench maps the named keys to its own key codes (Enter is both '\n' and KEY_ENTER there). */
enum settings_key {
	SETTINGS_KEY_ENTER = 0x10000,
	SETTINGS_KEY_ESC,
	SETTINGS_KEY_TAB,
	SETTINGS_KEY_SPACE,
	SETTINGS_KEY_BACKSPACE,
	SETTINGS_KEY_DELETE,
	SETTINGS_KEY_INSERT,
	SETTINGS_KEY_HOME,
	SETTINGS_KEY_END,
	SETTINGS_KEY_PGUP,
	SETTINGS_KEY_PGDN,
	SETTINGS_KEY_UP,
	SETTINGS_KEY_DOWN,
	SETTINGS_KEY_LEFT,
	SETTINGS_KEY_RIGHT,
	SETTINGS_KEY_F1 = 0x10100, /* F1-F12 are SETTINGS_KEY_F1 + 0 … + 11 */
};

/* key.VIEW.ACTION = KEY: VIEW and ACTION are lower case, as written. */
struct settings_binding {
	char view[SETTINGS_NAME_MAX], action[SETTINGS_NAME_MAX];
	int key; /* enum settings_key, a character or a control code */
	int line;
	bool ignored; /* the workbench found a problem with it (tui/keymap.c), so it does not apply */
};

struct settings_problem {
	int line; /* 0 for the file as a whole */
	char text[SETTINGS_PROBLEM_LEN];
};

/* What a settings file chose. A *_line of 0 means the default applies; otherwise the line that set it. */
struct settings {
	char plan[SETTINGS_PLAN_MAX]; /* the plan the workbench opens on; "" for the overdue queue of every plan */
	int plan_line;
	enum settings_theme theme;
	int theme_line;
	struct settings_colour colour[SETTINGS_NELEMENTS]; /* overrides; read through settings_colour_of */
	int colour_line[SETTINGS_NELEMENTS];
	struct settings_binding bindings[SETTINGS_MAX_BINDINGS];
	int nbindings;
	int data_line[SETTINGS_NDATA]; /* a line that tried to set a data setting (ignored), by settings_data index; 0: none */
	char data_value[SETTINGS_NDATA][64]; /* the value that line gave */
	struct settings_problem problems[SETTINGS_MAX_PROBLEMS];
	int nproblems, problems_dropped;
	int lines; /* lines read */
};

/* The defaults: no plan, the default theme, no overrides, no bindings, no problems. */
void settings_init(struct settings *s);
/* Reads a settings file's text into *s (settings_init first). A line that cannot be read is a problem naming its
 * number and what to do, and is ignored; the other lines still apply. Never fails. */
void settings_parse(const char *text, size_t len, struct settings *s);
/* Adds a problem (line 0: about the whole file). */
void settings_add_problem(struct settings *s, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* An element's colour: the file's override, else the theme's. */
struct settings_colour settings_colour_of(const struct settings *s, enum settings_element el);
struct settings_colour settings_theme_colour(enum settings_theme t, enum settings_element el);
const char *settings_theme_name(enum settings_theme t);	       /* "high-contrast" */
const char *settings_element_name(enum settings_element el);   /* "selection" */
/* Colour n on a terminal with ncolors colours: n itself when it has it, else the nearest of its first 8 or 16 (as
 * xterm shows them); the terminal's own colour stays. */
short settings_colour_fit(short n, int ncolors);
/* "[bold] [underline] [reverse] [dim] [COLOUR] [on COLOUR]"; false with why (what to write instead) filled. */
bool settings_parse_colour(const char *text, struct settings_colour *out, char *why, size_t whylen);
/* The colour as settings_parse_colour reads it: "bold white on blue", "reverse", "default". */
void settings_format_colour(struct settings_colour c, char *out, size_t len);
/* "s", "Ctrl-X", "F5", "PgDn" (any case); false when it names no key. */
bool settings_parse_key(const char *text, int *key);
/* The key as settings_parse_key reads it. */
void settings_format_key(int key, char *out, size_t len);

/* A complete settings file: the format, then every setting with its default, commented out. */
void settings_template(struct buf *out);

/* ---- settings that belong to the data: kept in the database's setting table, never in the file ---- */

struct settings_data_def {
	const char *key;      /* "rag.amber_days" */
	const char *fallback; /* the value when the database holds none: "30" */
	const char *about;    /* one line: what it decides and the values it takes */
	const char *brief;    /* a few words of the same, for a table */
};
/* The data settings (SETTINGS_NDATA of them), ended by a NULL key. */
extern const struct settings_data_def settings_data[];
const struct settings_data_def *settings_data_find(const char *key);
/* Checks value for data setting key and writes its usual form ("21", "calendar") to out; false with why filled. */
bool settings_data_check(const char *key, const char *value, char *out, size_t outlen, char *why, size_t whylen);

#endif
