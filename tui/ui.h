/* ui.h — what every screen of the workbench shares: views, key tables, handler results, styles, drawing helpers. */
#ifndef PB_UI_H
#define PB_UI_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "store/store.h"

struct view;
struct ui;

/* What a key handler asks the main loop to do; handlers change state and never paint. */
enum ui_result {
	UI_HANDLED = 1 << 0, /* the key was used */
	UI_REDRAW = 1 << 1,  /* state changed: draw again */
	UI_RESIZE = 1 << 2,  /* the layout changed: recompute areas, then draw */
	UI_BACK = 1 << 3,    /* close this view and return to the one below */
	UI_QUIT = 1 << 4,    /* leave the workbench */
	UI_HELP = 1 << 5,    /* open the help screen for this view */
	UI_REPAINT = 1 << 6, /* throw away what the terminal shows and paint it all (Ctrl-L) */
};

/* A key handler: returns ui_result flags. */
typedef int (*ui_handler_fn)(struct view *v, struct ui *ui);

#define UI_MAX_ALT 4

/* One line of a key table: keys are data, and the same table drives dispatch, the hint bar and help. */
struct key_binding {
	int key;		/* the key shown first: a character or a KEY_* code */
	int alt[UI_MAX_ALT];	/* other keys that do the same; 0 ends the list */
	const char *hint;	/* word on the hint bar, or NULL to show it in help only */
	const char *help;	/* one line for the help screen */
	ui_handler_fn handler;
	unsigned modes;		/* view modes (struct view.mode bits) it works in; 0 for all */
};

/* View modes a key binding can be limited to. */
enum ui_mode {
	UI_MODE_LIST = 1 << 0, /* the plain list has the keys */
	UI_MODE_PANE = 1 << 1, /* a detail pane is open */
};

/* A rectangle of the screen, in character cells. */
struct ui_rect {
	int y, x, h, w;
};

/* The texts a view puts around itself: the header line and the status line. */
struct ui_frame {
	char where[64];	  /* after "planbench ·" on the header, e.g. the plan code */
	char title[256];  /* right side of the header, cut first when the line is short */
	char count[48];	  /* after the title, e.g. "30 actions"; kept whole */
	char info[512];	  /* left of the status line, when there is no message */
	char position[48]; /* right of the status line, e.g. "12/30" */
};

/* A screen. Each tui/view_*.c defines one `const struct view_ops`. */
struct view_ops {
	const char *name;		/* heading of its section in help */
	const struct key_binding *keys; /* its key table, ended by a zero key */
	/* Sets up v->priv; arg is view specific. Soft failures go to the status line; returns a pb_status. */
	int (*init)(struct view *v, struct ui *ui, const void *arg);
	/* Draws into v->area of w; reads state only. */
	void (*draw)(struct view *v, const struct ui *ui, WINDOW *w);
	/* Keys not in the table (may be NULL); returns ui_result flags, 0 when unused. */
	int (*key)(struct view *v, struct ui *ui, int key);
	/* v->area has changed. */
	void (*resize)(struct view *v, struct ui *ui);
	void (*free)(struct view *v);
	/* Fills the header and status texts (may be NULL). */
	void (*frame)(struct view *v, const struct ui *ui, struct ui_frame *f);
};

/* An open screen: its operations, its own state, and where it is drawn. */
struct view {
	const struct view_ops *ops;
	void *priv;
	struct ui_rect area;
	unsigned mode; /* enum ui_mode bits the view is in; selects the active key bindings */
};

/* The state every view may use: the store, today, and the status line message. */
struct ui {
	struct store *store;
	const char *who;
	struct date today;
	bool color; /* colours were started (has_colors and no NO_COLOR) */
	bool utf8;  /* the locale's character set is UTF-8 */
	char message[512];
	bool message_error;
	const struct key_binding *const *global_keys; /* the workbench's own key tables (NULL-ended), for help */
};

/* Styles for text; ui_attr turns them into curses attributes. UI_BOLD may be or-ed in. */
enum ui_style {
	UI_NORMAL = 0,
	UI_RED,
	UI_AMBER,
	UI_GREEN,
	UI_BLUE,
	UI_HEADER,  /* the header line */
	UI_TITLES,  /* column titles */
	UI_ERROR,   /* an error on the status line */
	UI_KEY,	    /* a key name on the hint bar */
	UI_DIM,	    /* quiet text */
	UI_NSTYLES,
	UI_BOLD = 1 << 8,
};

/* ---- ui.c ---- */

/* Starts the colour pairs of the styles; call once after start_color. */
void ui_colors_init(bool default_bg);
/* Curses attributes of a style (a colour pair only when ui->color). */
attr_t ui_attr(const struct ui *ui, int style);
/* Style of a RAG letter: red, amber, green, blue, or normal for none. */
int ui_rag_style(enum rag r);
/* Puts a message on the status line until the next key. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Draws text at (y, x) cut or padded to exactly width columns; right-aligned when right. */
void ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, bool right);
/* Bytes of the next line when text is wrapped at width columns, breaking at a space when it can;
 * *next is where the line after starts. Never splits a character. */
size_t ui_wrap(const char *text, int width, const char **next);

/* Name of a key for help and the hint bar: "j", "Down", "PgDn", "Tab", "Esc", "⏎". */
void ui_key_name(int key, bool utf8, char *out, size_t outlen);
/* Whether binding b is for key in a view in mode. */
bool ui_binding_matches(const struct key_binding *b, int key, unsigned mode);
/* Runs the handler bound to key in table; 0 when none is. */
int ui_dispatch(const struct key_binding *table, struct view *v, struct ui *ui, int key);
/* One item of the hint bar: "j/k" and "move"; glued ("?help") when the key is one punctuation mark. */
struct ui_hint {
	char keys[48];
	char word[32];
	bool glue;
};
/* The hint bar items: bindings with a hint from each table of the NULL-ended list that work in mode,
 * those sharing a word merged ("j/k move"). Bindings of the other tables whose key `wins` (the table
 * dispatched first) takes in mode are left out. Returns how many were written (at most max). */
int ui_hints(const struct key_binding *const *tables, const struct key_binding *wins, unsigned mode, bool utf8,
	     struct ui_hint *out, int max);

/* ---- the views ---- */

extern const struct view_ops view_actions; /* view_actions.c: the actions of one plan; arg: plan code or NULL */
extern const struct view_ops view_help;	   /* view_help.c: keys of the view below; arg: that struct view */

#endif
