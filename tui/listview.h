/* listview.h — a list widget for every list screen: rows fetched a page at a time, columns, selection, scrolling. */
#ifndef PB_LISTVIEW_H
#define PB_LISTVIEW_H

#include "core/error.h"
#include "tui/ui.h"

#define LISTVIEW_MAX_COLS 8
#define LISTVIEW_MAX_ROWS 256	  /* most rows held (and shown) at once; taller screens leave the rest empty */
#define LISTVIEW_CELL_SIZE 400	  /* bytes of one cell's text, longer text is cut on a character boundary */
#define LISTVIEW_CELL_COLS 160	  /* columns of one cell's text kept, longer text ends in "…" */
#define LISTVIEW_NOTE_SIZE 320

enum listview_align { LISTVIEW_LEFT, LISTVIEW_RIGHT };

/* How one column is laid out. */
struct listview_column {
	const char *title;
	int width;	/* wanted width; 0 for the one flexible column that takes what is left */
	int min;	/* narrowest it may be squeezed to */
	int hide_below; /* not shown when the list is narrower than this; 0 to always show */
	bool fit;	/* as wide as the widest cell on the page (or the title), between min and width */
	enum listview_align align;
	const char *tail; /* when a cell is cut, its text from the last of these on stays in view ("Judith Wi… +1") */
};

/* One row of the page: an id for the caller, the cells, and a note for the status line. */
struct listview_row {
	long id;
	struct {
		char text[LISTVIEW_CELL_SIZE];
		int style; /* enum ui_style */
	} cell[LISTVIEW_MAX_COLS];
	char note[LISTVIEW_NOTE_SIZE];
};

struct listview;

/* Where the rows come from. Both return a pb_status and fill e on failure. */
struct listview_source {
	/* How many rows there are in all. */
	int (*count)(void *ctx, long *n, struct pb_error *e);
	/* Adds rows offset .. offset+limit-1 with listview_add_row (strings are copied, so they may be
	 * short-lived). */
	int (*fetch)(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e);
	void *ctx;
};

/* A new list over cols (which must outlive it); NULL when out of memory. Free with listview_free. */
struct listview *listview_new(const struct listview_column *cols, int ncols, struct listview_source src, const char *empty);
void listview_free(struct listview *lv);

/* What an empty list says instead of rows (the text must outlive the list or the next call). */
void listview_set_empty(struct listview *lv, const char *empty);
/* For fetch: the next row of the page being filled (id set, cells empty), or NULL when the page is full. */
struct listview_row *listview_add_row(struct listview *lv, long id);
/* Copies text (cut to LISTVIEW_CELL_COLS columns) into cell col of row; with UI_MARKS in style the text's
 * \x01…\x02 marks are kept and drawn as search matches. */
void listview_set_cell(struct listview_row *row, int col, const char *text, int style);

/* Sets the size the list is drawn at (column titles included) and refetches the page if it changed. */
int listview_set_size(struct listview *lv, int height, int width, struct pb_error *e);
/* Counts again and refetches, keeping the selection where it can. */
int listview_reload(struct listview *lv, struct pb_error *e);
/* Back to the first row, then reload (a new filter or plan). */
int listview_reset(struct listview *lv, struct pb_error *e);
/* Moves the selection by delta rows, scrolling as needed. */
int listview_move(struct listview *lv, long delta, struct pb_error *e);
/* Moves the selection and the view by whole pages (dir -1 or 1). */
int listview_page(struct listview *lv, int dir, struct pb_error *e);
/* Selects row index (negative: the last row). */
int listview_goto(struct listview *lv, long index, struct pb_error *e);
/* Counts again and refetches with row sel selected and row top first on screen, as far as the rows allow
 * (to come back to where a list was). */
int listview_restore(struct listview *lv, long sel, long top, struct pb_error *e);
/* Index of the row drawn dy lines below the list's top (its column titles are line 0); -1 when none. */
long listview_row_at(const struct listview *lv, int dy);
/* Index of the first row on screen. */
long listview_top(const struct listview *lv);

long listview_count(const struct listview *lv);
/* Index of the selected row, -1 when the list is empty. */
long listview_index(const struct listview *lv);
/* The selected row, or NULL (empty list, or its page could not be read). */
const struct listview_row *listview_selected(const struct listview *lv);
/* Rows shown at once at the current size. */
int listview_visible_rows(const struct listview *lv);

/* Draws titles and the page into w at (y, x); the selected row in reverse video when focused, underlined when not. */
void listview_draw(const struct listview *lv, WINDOW *w, int y, int x, const struct ui *ui, bool focused);

/* ---- for a view that shows one list, whose priv starts with its struct listview * ---- */

/* Key handlers: the next and previous row, a page down and up, the first and last row. */
int listview_key_down(struct view *v, struct ui *ui);
int listview_key_up(struct view *v, struct ui *ui);
int listview_key_page_down(struct view *v, struct ui *ui);
int listview_key_page_up(struct view *v, struct ui *ui);
int listview_key_first(struct view *v, struct ui *ui);
int listview_key_last(struct view *v, struct ui *ui);
/* view_ops.mouse: the wheel moves three rows, a click selects the row under it (the list drawn at the area's top). */
int listview_key_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m);

#endif
