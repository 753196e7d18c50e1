/* view_reviews.c — the navigator's Reviews: every one-to-one review, those in progress first, then the newest, paged
 * from the database; Enter opens one (a finished one read-only), n starts a new one, w writes a review's sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/listview.h"
#include "tui/review.h"

enum { COL_HELD, COL_OFFICER, COL_REVIEWER, COL_TAKEN, COL_STATE, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_HELD] = {.title = "Held on", .width = 11, .min = 11},
	[COL_OFFICER] = {.title = "Officer", .width = 0, .min = 16},
	[COL_REVIEWER] = {.title = "Reviewer", .width = 20, .min = 10, .fit = true, .hide_below = 60},
	[COL_TAKEN] = {.title = "Discussed", .width = 9, .min = 7, .align = LISTVIEW_RIGHT},
	[COL_STATE] = {.title = "State", .width = 11, .min = 11},
};

#define NEW_ROW (-1L) /* the id of the first row, which starts a new review */

struct reviews {
	struct ui *ui;
	struct listview *lv;
	long open_id; /* view_review's arg */
};

static int count_rows(void *ctx, long *n, struct pb_error *e)
{
	struct reviews *r = ctx;
	if (store_review_count(r->ui->store, n, e) != PB_OK)
		return e->status;
	(*n)++; /* the row that starts a new review */
	return PB_OK;
}

struct fetch_ctx {
	struct reviews *r;
	struct listview *lv;
};

/* Store callback: one review as a row. */
static int put_row(void *ctx, const struct review_info *info)
{
	struct fetch_ctx *f = ctx;
	struct listview_row *row = listview_add_row(f->lv, info->id);
	char day[32], taken[48];
	if (!row)
		return PB_OK;
	review_human(info->held_on, day, sizeof day);
	snprintf(taken, sizeof taken, "%ld/%ld", info->discussed, info->items);
	listview_set_cell(row, COL_HELD, day, UI_NORMAL);
	listview_set_cell(row, COL_OFFICER, info->officer, info->finished ? UI_NORMAL : UI_BOLD);
	listview_set_cell(row, COL_REVIEWER, info->reviewer, UI_NORMAL);
	listview_set_cell(row, COL_TAKEN, taken, UI_NORMAL);
	listview_set_cell(row, COL_STATE, info->finished ? "finished" : "in progress", info->finished ? UI_DIM : UI_AMBER | UI_BOLD);
	if (info->finished)
		snprintf(row->note, sizeof row->note, "The review of %.100s held on %s by %.100s: Enter opens it read-only, w writes its sheet",
			 info->officer, day, *info->reviewer ? info->reviewer : "someone not recorded");
	else
		snprintf(row->note, sizeof row->note, "The review of %.100s begun on %s, %ld of %ld actions taken: Enter goes on with it",
			 info->officer, day, info->taken, info->items);
	return PB_OK;
}

static int fetch_rows(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct reviews *r = ctx;
	struct fetch_ctx f = {r, lv};
	if (offset == 0 && limit > 0) {
		struct listview_row *row = listview_add_row(lv, NEW_ROW);
		listview_set_cell(row, COL_OFFICER, r->ui->utf8 ? "New review\xE2\x80\xA6" : "New review...", UI_BOLD);
		if (row)
			snprintf(row->note, sizeof row->note, "Start a one-to-one review: Enter, then the officer's name or alias");
		limit--;
	} else {
		offset--;
	}
	return limit > 0 ? store_review_list(r->ui->store, offset, limit, put_row, &f, e) : PB_OK;
}

/* ---- keys ---- */

static int rv_move(struct view *v, struct ui *ui, int status, struct pb_error *e)
{
	(void)v;
	if (status != PB_OK)
		ui_message(ui, true, "%s", e->msg);
	return UI_REDRAW;
}

static int rv_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_move(((struct reviews *)v->priv)->lv, 1, &e), &e);
}

static int rv_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_move(((struct reviews *)v->priv)->lv, -1, &e), &e);
}

static int rv_page_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_page(((struct reviews *)v->priv)->lv, 1, &e), &e);
}

static int rv_page_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_page(((struct reviews *)v->priv)->lv, -1, &e), &e);
}

static int rv_first(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_goto(((struct reviews *)v->priv)->lv, 0, &e), &e);
}

static int rv_last(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return rv_move(v, ui, listview_goto(((struct reviews *)v->priv)->lv, -1, &e), &e);
}

static int rv_new(struct view *v, struct ui *ui)
{
	(void)v;
	return review_open_officer(ui, "");
}

static int rv_open(struct view *v, struct ui *ui)
{
	struct reviews *r = v->priv;
	const struct listview_row *row = listview_selected(r->lv);
	if (!row)
		return UI_REDRAW;
	if (row->id == NEW_ROW)
		return rv_new(v, ui);
	r->open_id = row->id;
	return ui_open(ui, &view_review, &r->open_id) | UI_REDRAW;
}

static int write_sheet(struct view *v, struct ui *ui, enum review_format f)
{
	struct reviews *r = v->priv;
	const struct listview_row *row = listview_selected(r->lv);
	struct pb_error e = {0};
	char path[300];
	if (!row || row->id == NEW_ROW) {
		ui_message(ui, false, "Choose a review first; w writes the sheet of the review selected");
		return UI_REDRAW;
	}
	if (review_export(ui, row->id, f, path, sizeof path, &e) != PB_OK)
		ui_message(ui, true, "Not written: %s", e.msg);
	else
		ui_message(ui, false, "Wrote the review sheet to %s", path);
	return UI_REDRAW;
}

static int rv_write_md(struct view *v, struct ui *ui)
{
	return write_sheet(v, ui, REVIEW_MD);
}

static int rv_write_csv(struct view *v, struct ui *ui)
{
	return write_sheet(v, ui, REVIEW_CSV);
}

static int rv_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_RELOAD;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", rv_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up", rv_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", rv_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", rv_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First", rv_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last", rv_last, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Open the review (a finished one read-only), or start a new one", rv_open, 0},
	{"new", 'n', {0}, "new", "Start a review: whose (a name or an alias, Tab completes)", rv_new, 0},
	{"write-md", 'w', {0}, "write", "Write the review's sheet as Markdown into the current folder", rv_write_md, 0},
	{"write-csv", 'W', {0}, NULL, "Write the review's sheet as CSV into the current folder", rv_write_csv, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the list", rv_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static int reviews_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct reviews *r = calloc(1, sizeof *r);
	struct listview_source src = {count_rows, fetch_rows, r};
	(void)arg;
	if (r)
		r->lv = listview_new(columns, NCOLS, src, NULL);
	if (!r || !r->lv) {
		free(r);
		ui_message(ui, true, "Out of memory opening the reviews");
		return PB_FAIL;
	}
	r->ui = ui;
	v->priv = r;
	v->mode = UI_MODE_LIST;
	if (listview_reset(r->lv, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	if (listview_count(r->lv) > 1)
		listview_goto(r->lv, 1, NULL);
	return PB_OK;
}

static void reviews_reload(struct view *v, struct ui *ui)
{
	struct reviews *r = v->priv;
	struct pb_error e = {0};
	if (listview_reload(r->lv, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

static void reviews_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	listview_draw(((struct reviews *)v->priv)->lv, w, v->area.y, v->area.x, ui, v->focused);
}

static void reviews_resize(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	if (listview_set_size(((struct reviews *)v->priv)->lv, v->area.h, v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

static int reviews_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct reviews *r = v->priv;
	if (m->kind != UI_CLICK)
		return m->kind == UI_WHEEL_UP ? rv_up(v, ui) : rv_down(v, ui);
	long i = listview_row_at(r->lv, m->y - v->area.y);
	if (i < 0)
		return UI_REDRAW;
	if (i == listview_index(r->lv))
		return rv_open(v, ui);
	listview_goto(r->lv, i, NULL);
	return UI_REDRAW;
}

static void reviews_free(struct view *v)
{
	struct reviews *r = v->priv;
	if (!r)
		return;
	listview_free(r->lv);
	free(r);
	v->priv = NULL;
}

static void reviews_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct reviews *r = v->priv;
	const struct listview_row *row = listview_selected(r->lv);
	(void)ui;
	snprintf(f->where, sizeof f->where, "reviews");
	snprintf(f->title, sizeof f->title, "One-to-one reviews");
	snprintf(f->count, sizeof f->count, "%ld", listview_count(r->lv) - 1);
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(r->lv) + 1, listview_count(r->lv));
}

const struct view_ops view_reviews = {
	.name = "One-to-one reviews",
	.keys = keys,
	.init = reviews_init,
	.draw = reviews_draw,
	.key = NULL,
	.resize = reviews_resize,
	.free = reviews_free,
	.frame = reviews_frame,
	.mouse = reviews_mouse,
	.reload = reviews_reload,
};
