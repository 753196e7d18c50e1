/* listview.c — the shared list widget: keeps one page of rows in fixed buffers, the selection, and the column layout. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/listview.h"

struct listview {
	const struct listview_column *cols;
	int ncols;
	struct listview_source src;
	const char *empty; /* shown when there are no rows */

	int height, width; /* rows of data shown; columns */
	int colw[LISTVIEW_MAX_COLS]; /* laid out widths, 0 when hidden */

	long count; /* rows in all */
	long top;   /* index of the first row shown */
	long sel;   /* index of the selected row, -1 when empty */

	struct listview_row *rows; /* LISTVIEW_MAX_ROWS of them */
	int nrows;		   /* rows of the page held */
	long page_top;		   /* the index rows[0] was fetched for, -1 when none */
	int page_len;		   /* the limit it was fetched with */
	bool filling;		   /* a fetch is adding rows */
};

static long clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A new list; see listview.h. */
struct listview *listview_new(const struct listview_column *cols, int ncols, struct listview_source src, const char *empty)
{
	struct listview *lv = calloc(1, sizeof *lv);
	if (!lv)
		return NULL;
	lv->rows = calloc(LISTVIEW_MAX_ROWS, sizeof *lv->rows);
	if (!lv->rows) {
		free(lv);
		return NULL;
	}
	lv->cols = cols;
	lv->ncols = ncols > LISTVIEW_MAX_COLS ? LISTVIEW_MAX_COLS : ncols;
	lv->src = src;
	lv->empty = empty ? empty : "Nothing to show";
	lv->sel = -1;
	lv->page_top = -1;
	return lv;
}

void listview_free(struct listview *lv)
{
	if (!lv)
		return;
	free(lv->rows);
	free(lv);
}

void listview_set_empty(struct listview *lv, const char *empty)
{
	lv->empty = empty ? empty : "Nothing to show";
}

/* The next row of the page being fetched; see listview.h. */
struct listview_row *listview_add_row(struct listview *lv, long id)
{
	if (!lv->filling || lv->nrows >= lv->page_len || lv->nrows >= LISTVIEW_MAX_ROWS)
		return NULL;
	struct listview_row *r = &lv->rows[lv->nrows++];
	memset(r, 0, sizeof *r);
	r->id = id;
	return r;
}

/* Copies text into a cell; see listview.h. */
void listview_set_cell(struct listview_row *row, int col, const char *text, int style)
{
	if (!row || col < 0 || col >= LISTVIEW_MAX_COLS)
		return;
	row->cell[col].style = style;
	if (!(style & UI_MARKS)) {
		text_fit(text ? text : "", LISTVIEW_CELL_COLS, false, row->cell[col].text, sizeof row->cell[col].text);
		return;
	}
	size_t n = text ? strlen(text) : 0;
	if (n >= sizeof row->cell[col].text) { /* cut on a character boundary; the draw cuts to the column */
		n = sizeof row->cell[col].text - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(row->cell[col].text, text ? text : "", n);
	row->cell[col].text[n] = '\0';
}

/* Widths of the columns at the current width: fixed columns first, the flexible one gets the rest;
 * when the line is too narrow, columns are squeezed from the right towards their minimum. */
static void layout(struct listview *lv)
{
	int want[LISTVIEW_MAX_COLS], total = 0, shown = 0, flex = -1;
	for (int c = 0; c < lv->ncols; c++) {
		const struct listview_column *col = &lv->cols[c];
		want[c] = 0;
		if (col->hide_below && lv->width < col->hide_below)
			continue;
		if (col->width == 0 && flex < 0) {
			flex = c;
			want[c] = col->min;
		} else if (col->fit) {
			int w = text_width(col->title);
			for (int r = 0; r < lv->nrows; r++) {
				int cw = ui_marked_width(lv->rows[r].cell[c].text);
				if (cw > w)
					w = cw;
			}
			want[c] = (int)clamp(w, col->min, col->width ? col->width : w);
		} else {
			want[c] = col->width;
		}
		if (want[c] < 1)
			want[c] = 1;
		total += want[c];
		shown++;
	}
	total += shown > 0 ? shown - 1 : 0; /* one space between columns */
	int over = total - lv->width;
	for (int c = lv->ncols - 1; c >= 0 && over > 0; c--) {
		int give = c == flex || !want[c] ? 0 : want[c] - lv->cols[c].min;
		if (give > over)
			give = over;
		if (give > 0)
			want[c] -= give, over -= give;
	}
	if (flex >= 0 && over < 0)
		want[flex] += -over;
	memcpy(lv->colw, want, sizeof want);
}

/* Keeps sel and top inside the rows, with the selection on screen and no empty space below when avoidable. */
static void settle(struct listview *lv)
{
	if (lv->count <= 0) {
		lv->sel = -1;
		lv->top = 0;
		return;
	}
	lv->sel = clamp(lv->sel, 0, lv->count - 1);
	if (lv->height <= 0) {
		lv->top = lv->sel;
		return;
	}
	if (lv->sel < lv->top)
		lv->top = lv->sel;
	if (lv->sel >= lv->top + lv->height)
		lv->top = lv->sel - lv->height + 1;
	lv->top = clamp(lv->top, 0, lv->count > lv->height ? lv->count - lv->height : 0);
}

/* Fetches the rows on screen unless they are already held (or force). */
static int fetch(struct listview *lv, bool force, struct pb_error *e)
{
	int limit = lv->height < LISTVIEW_MAX_ROWS ? lv->height : LISTVIEW_MAX_ROWS;
	if (!force && lv->page_top == lv->top && lv->page_len == limit)
		return PB_OK;
	lv->nrows = 0;
	lv->page_top = -1;
	lv->page_len = limit;
	int status = PB_OK;
	if (limit > 0 && lv->count > 0) {
		lv->filling = true;
		status = lv->src.fetch(lv->src.ctx, lv, lv->top, limit, e);
		lv->filling = false;
	}
	if (status == PB_OK)
		lv->page_top = lv->top;
	layout(lv);
	return status;
}

/* Sets the size; see listview.h. */
int listview_set_size(struct listview *lv, int height, int width, struct pb_error *e)
{
	lv->height = height > 1 ? height - 1 : 0; /* the first line holds the column titles */
	lv->width = width > 0 ? width : 0;
	settle(lv);
	layout(lv);
	return fetch(lv, false, e);
}

/* Counts again and refetches; see listview.h. */
int listview_reload(struct listview *lv, struct pb_error *e)
{
	long n = 0;
	int status = lv->src.count(lv->src.ctx, &n, e);
	if (status != PB_OK) {
		lv->count = 0;
		lv->nrows = 0;
		lv->page_top = -1;
		settle(lv);
		return status;
	}
	lv->count = n;
	if (lv->sel < 0)
		lv->sel = 0;
	settle(lv);
	return fetch(lv, true, e);
}

/* Back to the top and reload; see listview.h. */
int listview_reset(struct listview *lv, struct pb_error *e)
{
	lv->sel = 0;
	lv->top = 0;
	return listview_reload(lv, e);
}

/* Moves the selection; see listview.h. */
int listview_move(struct listview *lv, long delta, struct pb_error *e)
{
	if (lv->count <= 0)
		return PB_OK;
	lv->sel += delta;
	settle(lv);
	return fetch(lv, false, e);
}

/* Moves by pages; see listview.h. */
int listview_page(struct listview *lv, int dir, struct pb_error *e)
{
	long step = lv->height > 1 ? lv->height - 1 : 1; /* keep one row of context */
	if (lv->count <= 0)
		return PB_OK;
	lv->top += dir * step;
	lv->sel += dir * step;
	lv->top = clamp(lv->top, 0, lv->count > lv->height ? lv->count - lv->height : 0);
	lv->sel = clamp(lv->sel, lv->top, lv->top + (lv->height > 0 ? lv->height - 1 : 0));
	settle(lv);
	return fetch(lv, false, e);
}

/* Selects a row by index; see listview.h. */
int listview_goto(struct listview *lv, long index, struct pb_error *e)
{
	if (lv->count <= 0)
		return PB_OK;
	lv->sel = index < 0 ? lv->count - 1 : index;
	settle(lv);
	return fetch(lv, false, e);
}

/* Reloads at a remembered place; see listview.h. */
int listview_restore(struct listview *lv, long sel, long top, struct pb_error *e)
{
	long n = 0;
	int status = lv->src.count(lv->src.ctx, &n, e);
	if (status != PB_OK)
		return listview_reset(lv, e);
	lv->count = n;
	lv->sel = sel < 0 ? 0 : sel;
	lv->top = top < 0 ? 0 : top;
	settle(lv);
	return fetch(lv, true, e);
}

/* The row at a line of the list; see listview.h. */
long listview_row_at(const struct listview *lv, int dy)
{
	if (dy < 1 || dy > lv->height)
		return -1;
	long index = lv->top + dy - 1;
	return index < lv->count ? index : -1;
}

long listview_top(const struct listview *lv)
{
	return lv->top;
}

long listview_count(const struct listview *lv)
{
	return lv->count;
}

long listview_index(const struct listview *lv)
{
	return lv->sel;
}

int listview_visible_rows(const struct listview *lv)
{
	return lv->height;
}

/* The selected row if its page is held. */
const struct listview_row *listview_selected(const struct listview *lv)
{
	if (lv->sel < 0 || lv->page_top < 0)
		return NULL;
	long i = lv->sel - lv->page_top;
	return i >= 0 && i < lv->nrows ? &lv->rows[i] : NULL;
}

/* The last place tail stands in text, or NULL. */
static const char *last_of(const char *text, const char *tail)
{
	const char *last = NULL;
	for (const char *p = text; tail && (p = strstr(p, tail)); p++)
		last = p;
	return last;
}

/* Draws a cell's text in cw columns; when it is cut, the column's tail part of it stays whole at its end. */
static void put_cell(const struct listview *lv, int c, WINDOW *w, int y, int x, int cw, const char *text, attr_t a)
{
	const char *tail = last_of(text, lv->cols[c].tail);
	int tw = tail ? text_width(tail) : 0;
	if (!tail || text_width(text) <= cw || tw >= cw - 1) {
		ui_put(w, y, x, cw, text, a, lv->cols[c].align == LISTVIEW_RIGHT);
		return;
	}
	char head[LISTVIEW_CELL_SIZE];
	snprintf(head, sizeof head, "%.*s", (int)(tail - text), text);
	ui_put(w, y, x, cw - tw, head, a, false);
	ui_put(w, y, x + cw - tw, tw, tail, a, false);
}

/* Draws one line of cells (titles when row is NULL) with base attributes added to each cell's style. */
static void draw_line(const struct listview *lv, WINDOW *w, int y, int x, const struct listview_row *row,
		      const struct ui *ui, attr_t base)
{
	int at = 0;
	bool first = true;
	for (int c = 0; c < lv->ncols && at < lv->width; c++) {
		int cw = lv->colw[c];
		if (cw <= 0)
			continue;
		if (!first) {
			ui_put(w, y, x + at, 1, " ", base, false);
			at++;
		}
		first = false;
		if (cw > lv->width - at)
			cw = lv->width - at;
		if (cw <= 0)
			break;
		const char *text = row ? row->cell[c].text : lv->cols[c].title;
		attr_t a = row ? ui_attr_over(ui, base, row->cell[c].style) : base;
		if (row && (row->cell[c].style & UI_MARKS))
			ui_put_marked(w, y, x + at, cw, text, a, ui_attr_over(ui, base, UI_MATCH));
		else if (row)
			put_cell(lv, c, w, y, x + at, cw, text, a);
		else
			ui_put(w, y, x + at, cw, text, a, lv->cols[c].align == LISTVIEW_RIGHT);
		at += cw;
	}
	if (at < lv->width)
		ui_put(w, y, x + at, lv->width - at, "", base, false);
}

/* Draws the list; see listview.h. */
void listview_draw(const struct listview *lv, WINDOW *w, int y, int x, const struct ui *ui, bool focused)
{
	if (lv->width <= 0)
		return;
	draw_line(lv, w, y, x, NULL, ui, ui_attr(ui, UI_TITLES));
	if (lv->count == 0) {
		if (lv->height > 0)
			ui_put(w, y + 1, x, lv->width, lv->empty, ui_attr(ui, UI_DIM), false);
		return;
	}
	for (int r = 0; r < lv->nrows && r < lv->height; r++) {
		long index = lv->page_top + r;
		attr_t base = index != lv->sel ? A_NORMAL : focused ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE;
		draw_line(lv, w, y + 1 + r, x, &lv->rows[r], ui, base);
	}
}

/* ---- for a view that shows one list, whose priv starts with its struct listview * ---- */

static struct listview *list_of(struct view *v)
{
	return *(struct listview **)v->priv;
}

int listview_key_down(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_move(list_of(v), 1, NULL);
	return UI_REDRAW;
}

int listview_key_up(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_move(list_of(v), -1, NULL);
	return UI_REDRAW;
}

int listview_key_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(list_of(v), 1, NULL);
	return UI_REDRAW;
}

int listview_key_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(list_of(v), -1, NULL);
	return UI_REDRAW;
}

int listview_key_first(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(list_of(v), 0, NULL);
	return UI_REDRAW;
}

int listview_key_last(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(list_of(v), -1, NULL);
	return UI_REDRAW;
}

int listview_key_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct listview *lv = list_of(v);
	(void)ui;
	if (m->kind != UI_CLICK)
		listview_move(lv, m->kind == UI_WHEEL_UP ? -3 : 3, NULL);
	else if (listview_row_at(lv, m->y - v->area.y) >= 0)
		listview_goto(lv, listview_row_at(lv, m->y - v->area.y), NULL);
	return UI_REDRAW;
}
