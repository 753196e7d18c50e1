/* ui.h — what every screen of the workbench shares: views, key tables, handler results, styles, drawing helpers. */
#ifndef PB_UI_H
#define PB_UI_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/settings.h"
#include "store/store.h"

struct view;
struct ui;
struct browse;
struct editor;

/* What a key handler asks the main loop to do; handlers change state and never paint. */
enum ui_result {
	UI_HANDLED = 1 << 0, /* the key was used */
	UI_REDRAW = 1 << 1,  /* state changed: draw again */
	UI_RESIZE = 1 << 2,  /* the layout changed: recompute areas, then draw */
	UI_BACK = 1 << 3,    /* close this view and return to the one below */
	UI_QUIT = 1 << 4,    /* leave the workbench */
	UI_HELP = 1 << 5,    /* open the help screen for this view */
	UI_REPAINT = 1 << 6, /* throw away what the terminal shows and paint it all (Ctrl-L) */
	UI_RELOAD = 1 << 7,  /* what the list shows (view, filter, sort, search) or the data changed: views refresh */
	UI_OPEN = 1 << 8,    /* open ui->open on top, after any UI_BACK (see ui_open) */
	UI_TO_NAV = 1 << 9,  /* move the focus to the navigator, showing it if hidden */
	UI_TO_LIST = 1 << 10, /* move the focus to the action list */
	UI_NAV_TOGGLE = 1 << 11, /* show or hide the navigator */
};

/* A key handler: returns ui_result flags. */
typedef int (*ui_handler_fn)(struct view *v, struct ui *ui);

#define UI_MAX_ALT 4

/* One line of a key table: keys are data, and the same table drives dispatch, the hint bar and help. */
struct key_binding {
	const char *action;	/* its name in key.VIEW.ACTION settings: lower case, "page-down"; unique in its table
				 * but for lines of one handler (the first of them takes a rebinding) */
	int key;		/* the key shown first: a character or a KEY_* code (keymap_key gives the one in use) */
	int alt[UI_MAX_ALT];	/* other keys that do the same; 0 ends the list */
	const char *hint;	/* word on the hint bar, or NULL to show it in help only */
	const char *help;	/* one line for the help screen */
	ui_handler_fn handler;
	unsigned modes;		/* view modes (struct view.mode bits) it works in; 0 for all */
};

/* View modes a key binding can be limited to. */
enum ui_mode {
	UI_MODE_LIST = 1 << 0,	   /* the plain list has the keys */
	UI_MODE_SEARCH = 1 << 1,   /* the list shows search results */
	UI_MODE_FILTERED = 1 << 2, /* a filter is active */
	UI_MODE_COMPLETE = 1 << 3, /* the text being typed can be completed with Tab */
	UI_MODE_TEXT = 1 << 4,	   /* a text field has the keys */
	UI_MODE_CHOICE = 1 << 5,   /* a field with a fixed set of values has the keys */
	UI_MODE_LINES = 1 << 6,	   /* a multi-line text has the keys: Enter starts a new line, Up/Down move by line */
	UI_MODE_CONFIRM = 1 << 7,  /* a yes/no question has the keys */
};

/* A rectangle of the screen, in character cells. */
struct ui_rect {
	int y, x, h, w;
};

/* The texts a view puts around itself: the header line and the status line. */
struct ui_frame {
	char where[64];	  /* after "planbench ·" on the header, e.g. the plan code */
	char title[256];  /* right side of the header, cut first when the line is short */
	char count[48];	  /* after the title in brackets, e.g. "30"; kept whole */
	char filter[256]; /* the active filter, after the count; cut after the title */
	char info[1024];  /* left of the status line, when there is no message; may hold \x01…\x02 marks */
	char position[64]; /* right of the status line, e.g. "12/30" */
};

/* A mouse event, in screen coordinates. */
enum ui_mouse_kind { UI_CLICK, UI_WHEEL_UP, UI_WHEEL_DOWN };
struct ui_mouse {
	enum ui_mouse_kind kind;
	int y, x;
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
	/* Fills the header and status texts (may be NULL); an overlay changes what the view below filled. */
	void (*frame)(struct view *v, const struct ui *ui, struct ui_frame *f);
	/* A click or the wheel inside v->area (may be NULL); returns ui_result flags. */
	int (*mouse)(struct view *v, struct ui *ui, const struct ui_mouse *m);
	/* What the list shows or the data changed (after UI_RELOAD); may be NULL. */
	void (*reload)(struct view *v, struct ui *ui);
	const struct key_binding *extra_keys; /* a shared table it also uses (e.g. ui_edit_keys), or NULL */
	bool overlay; /* drawn over the view below (a prompt, a form), which stays on screen */
	bool cursor;  /* shows the terminal cursor where its draw leaves it */
};

/* An open screen: its operations, its own state, and where it is drawn. */
struct view {
	const struct view_ops *ops;
	void *priv;
	struct ui_rect area;
	unsigned mode; /* enum ui_mode bits the view is in; selects the active key bindings */
	bool focused;  /* it has the keys (the navigator and the list share the screen) */
};

/* A line of text being typed: UTF-8 bytes, the cursor as a byte offset, and the first column shown. */
struct ui_edit {
	char text[512];
	size_t len, cur;
	int scroll;
};

/* The state every view may use: the store, today, and the status line message. */
struct ui {
	struct store *store;
	const char *who;
	struct date today;
	bool color;	/* colours were started (has_colors, no NO_COLOR, a theme other than mono) */
	const struct settings *settings; /* the settings file's choices (core/settings.h), or NULL for the defaults */
	bool utf8;	/* the locale's character set is UTF-8 */
	bool read_only; /* the database was opened read-only */
	int lines, cols; /* the terminal's size */
	char message[512];
	bool message_error;
	const struct key_binding *const *global_keys; /* the workbench's own key tables (NULL-ended), for help */
	struct browse *browse; /* what the action list shows: view, filter, sort, search (tui/browse.h) */
	struct ui_edit *edit;  /* the text field that has the keys, for ui_edit_keys; NULL when none */
	struct editor *editor; /* the multi-line text that has the keys, for editor_keys (tui/view_editor.h); or NULL */
	bool pasting;	       /* between the terminal's bracketed-paste marks: newlines are text, not Enter */
	long saved_id;	       /* the action a form has just saved: the list moves on past it */
	struct {
		const struct view_ops *ops;
		const void *arg;
	} open; /* the view UI_OPEN opens */
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
	UI_MATCH,   /* a word the search matched */
	UI_BADGE,   /* a marker that must not be missed: READ-ONLY */
	UI_SELECTION, /* the selected row, the field that has the keys */
	UI_NSTYLES,
	UI_BOLD = 1 << 8,
	UI_MARKS = 1 << 9, /* the text holds \x01…\x02 around words to show as UI_MATCH */
};

#define UI_MARK_ON '\x01'
#define UI_MARK_OFF '\x02'

/* ---- ui.c ---- */

/* What each style looks like on one terminal: its curses attributes, colour pair included, and the pairs' colours. */
#define UI_NPAIRS 16
struct ui_palette {
	bool color;		 /* colour pairs are used (the terminal has colour and the theme is not mono) */
	attr_t attr[UI_NSTYLES]; /* each style's attributes */
	short fg[UI_NPAIRS], bg[UI_NPAIRS]; /* colours of pair 1 .. npairs-1, as the terminal numbers them */
	int npairs;
};
/* The palette the settings (NULL: the defaults) choose for a terminal with ncolors colours (0: none, so attributes
 * only) whose own background may be used (-1) when default_bg: the theme, each element's override, colours the
 * terminal lacks given as the nearest it has. Calls no curses function. */
void ui_palette_make(const struct settings *s, int ncolors, bool default_bg, struct ui_palette *p);
/* Draws every later style as the palettes say: colour when ui->color, plain otherwise (ui_colors_init calls it). */
void ui_palette_use(const struct ui_palette *colour, const struct ui_palette *plain);
/* Starts the terminal's colours as s chooses (NULL: the defaults) and sets ui->color; attributes only, with no colour,
 * when the terminal has none, NO_COLOR is set or the theme is mono. Call once, after the screen is started. */
void ui_colors_init(struct ui *ui, const struct settings *s);
/* Curses attributes of a style (a colour pair only when ui->color). */
attr_t ui_attr(const struct ui *ui, int style);
/* base (a selection, a focused field) with a style's attributes added; the style's colour only when base has none. */
attr_t ui_attr_over(const struct ui *ui, attr_t base, int style);
/* Style of a RAG letter: red, amber, green, blue, or normal for none. */
int ui_rag_style(enum rag r);
/* Puts a message on the status line until the next key. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Draws text at (y, x) cut or padded to exactly width columns; right-aligned when right. */
void ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, bool right);
/* Draws every later text in ASCII look-alikes (for a terminal whose locale is not UTF-8). */
void ui_set_ascii(bool ascii);
/* Like ui_put, for text with \x01…\x02 marks: the marked runs are drawn with mark instead of attr. */
void ui_put_marked(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, attr_t mark);
/* Columns text takes on screen, its marks left out. */
int ui_marked_width(const char *text);
/* Copies text into out with marks around the words a search for query matches (each word of query
 * at the start of a word of text, the last one as a prefix), ignoring case; out holds at least
 * outlen bytes and is never cut mid-character. */
void ui_mark_terms(const char *text, const char *query, char *out, size_t outlen);
/* Bytes of the next line when text is wrapped at width columns, breaking at a space when it can;
 * *next is where the line after starts. Never splits a character. */
size_t ui_wrap(const char *text, int width, const char **next);
/* Lines and boxes: Unicode box-drawing characters in a UTF-8 locale (they need no alternate character set,
 * which some terminal descriptions get wrong), the terminal's line drawing otherwise. */
void ui_hline(const struct ui *ui, WINDOW *w, int y, int x, int n);
void ui_vline(const struct ui *ui, WINDOW *w, int y, int x, int n);
void ui_box(const struct ui *ui, WINDOW *w, struct ui_rect r);
/* Returns UI_OPEN after noting that ops is to be opened with arg (which must outlive the call). */
int ui_open(struct ui *ui, const struct view_ops *ops, const void *arg);

/* ---- text fields (ui.c) ---- */

void ui_edit_set(struct ui_edit *ed, const char *text);
/* Inserts one byte a key gave (UTF-8 arrives a byte at a time); false when it is not text. */
bool ui_edit_insert(struct ui_edit *ed, int key);
/* Draws the field at (y, x), width columns wide, scrolled so the cursor shows; leaves the cursor there. */
void ui_edit_draw(WINDOW *w, int y, int x, int width, struct ui_edit *ed, attr_t attr);
/* The editing keys of every text field (cursor, delete, kill); they act on ui->edit. */
extern const struct key_binding ui_edit_keys[];

/* Name of a key for help and the hint bar: "j", "Down", "PgDn", "Tab", "Esc", "⏎". */
void ui_key_name(int key, bool utf8, char *out, size_t outlen);
/* Whether binding b is for key in a view in mode. */
bool ui_binding_matches(const struct key_binding *b, int key, unsigned mode);
/* Whether one of table's bindings is for key in mode (a form's own letters give way to them). */
bool ui_binds(const struct key_binding *table, int key, unsigned mode);
/* Runs the handler bound to key in table; 0 when none is. */
int ui_dispatch(const struct key_binding *table, struct view *v, struct ui *ui, int key);
/* One item of the hint bar: "j/k" and "move"; glued ("?help") when the key is one punctuation mark. */
struct ui_hint {
	char keys[48];
	char word[32];
	bool glue;
};
/* The hint bar items: bindings with a hint from each table of the NULL-ended list that work in mode,
 * those sharing a word merged ("j/k move"). `first` lists, NULL-ended and in order, the tables dispatched before
 * the rest (a text field's editing keys, then the screen's own): a binding whose key one of them takes first is shown
 * with its first alternative key that is not taken, or left out. Returns how many were written (at most max). */
int ui_hints(const struct key_binding *const *tables, const struct key_binding *const *first, unsigned mode, bool utf8,
	     struct ui_hint *out, int max);

/* ---- the views ---- */

extern const struct view_ops view_actions; /* view_actions.c: the action list the browse state selects; arg: NULL */
extern const struct view_ops view_nav;	   /* view_nav.c: views, the plans as trees, the screens to come; arg: NULL */
extern const struct view_ops view_detail;  /* view_detail.c: one action in full; arg: const long *action id */
extern const struct view_ops view_prompt;  /* view_prompt.c: the / search and : command line; arg: "/" or ":" */
extern const struct view_ops view_filter;  /* view_filter.c: the filter form; arg: NULL */
extern const struct view_ops view_help;	   /* view_help.c: keys of a view; arg: that struct view */
/* The officer's changes to an action (tui/work.h opens them); arg: const struct work_arg * unless said. */
extern const struct view_ops view_editor;   /* view_editor.c: multi-line text; arg: const struct editor_request * */
extern const struct view_ops view_redate;   /* view_redate.c: a new target date, with a reason */
extern const struct view_ops view_rag;	    /* view_rag.c: the RAG an officer sets, with a reason */
extern const struct view_ops view_status;   /* view_status.c: the status picker */
extern const struct view_ops view_complete; /* view_complete.c: complete on a day, with a closing note */
extern const struct view_ops view_edit;	    /* view_edit.c: an action's fields and owners, or a new action */
extern const struct view_ops view_confirm;  /* view_confirm.c: a yes/no question; arg: const struct confirm_request * */
extern const struct view_ops view_history;  /* view_history.c: the audit trail of an action */
extern const struct view_ops view_engagement; /* view_engagement.c: engagement records (tui/engagement_work.h); arg: NULL or const struct engagement_list_arg * */
extern const struct view_ops view_report;   /* view_report.c: the RAG report of a plan, against a snapshot; arg: NULL */
extern const struct view_ops view_reviews;  /* view_reviews.c: one-to-one reviews held and in progress (tui/review.h); arg: NULL */
extern const struct view_ops view_import;   /* view_import.c: a tracker file's mapping, preview and import; arg: const char * path */
extern const struct view_ops view_sync;     /* view_sync.c: identity, peers, change sets written and applied; arg: NULL or const char * path to preview */

/* Key codes the workbench gives to sequences curses has no name for (tui/workbench.c defines them). */
#define UI_KEY_PASTE_BEGIN 0x7100 /* the terminal's bracketed paste starts */
#define UI_KEY_PASTE_END 0x7101
#define UI_KEY_WORD_LEFT 0x7102	  /* Ctrl-Left (or Alt-b) */
#define UI_KEY_WORD_RIGHT 0x7103  /* Ctrl-Right (or Alt-f) */

#endif
