/* view_engagement.c — the Engagement view: tenant engagement records by date, paged from the database, filtered by
 * team, method, formal or informal, dates and whether a "we did" is recorded; Enter opens one, and from here records
 * are added, edited, deleted (after asking; z undoes it) and linked to the actions they informed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/listview.h"
#include "tui/work.h"

enum { COL_REF, COL_WHEN, COL_METHOD, COL_TITLE, COL_TENANTS, COL_WE_DID, COL_TEAM, NCOLS };

/* At 80 columns the title keeps 20 columns; the team shows from 110. */
static const struct listview_column columns[NCOLS] = {
	[COL_REF] = {.title = "Ref", .width = 8, .min = 7, .fit = true},
	[COL_WHEN] = {.title = "Held", .width = 13, .min = 9, .fit = true},
	[COL_METHOD] = {.title = "Method", .width = 18, .min = 8, .fit = true},
	[COL_TITLE] = {.title = "Title", .width = 0, .min = 20},
	[COL_TENANTS] = {.title = "Tenants", .width = 12, .min = 7, .fit = true},
	[COL_WE_DID] = {.title = "We did", .width = 6, .min = 6},
	[COL_TEAM] = {.title = "Team", .width = 30, .min = 12, .fit = true, .hide_below = 110},
};

struct elist {
	struct ui *ui;
	struct engagement_filter_state filter; /* the filter form changes it in place */
	unsigned gen;			       /* the filter the rows were read for */
	struct engagement_filter sf;	       /* the store's filter, pointing into filter */
	struct listview *lv;
	char empty[400];
	struct engagement_filter_arg filter_arg;
	long open_id;			/* the record Enter, e or l opened */
	long saved;			/* the record the form saved: the list goes to it */
	struct engagement_form_arg form;
	struct work_arg work;		/* z: the undo question */
	struct confirm_request confirm; /* D: the delete question */
	long delete_id;
	char delete_what[300];
};

/* ---- rows from the store ---- */

struct fetch_ctx {
	struct listview *lv;
	const struct elist *l;
};

/* Store callback: one record into the next row of the page. */
static int put_row(void *ctx, const struct engagement_row *g)
{
	const struct fetch_ctx *f = ctx;
	const struct elist *l = f->l;
	struct listview_row *row = listview_add_row(f->lv, g->id);
	char when[64], tenants[48], team[160], note[1024];
	if (!row)
		return PB_OK;
	engagement_when(g, l->ui->utf8, true, when, sizeof when);
	engagement_tenants(g, true, tenants, sizeof tenants);
	listview_set_cell(row, COL_REF, g->ref, UI_NORMAL);
	listview_set_cell(row, COL_WHEN, *when ? when : "-", *g->held_on ? UI_NORMAL : UI_DIM);
	listview_set_cell(row, COL_METHOD, *g->method ? g->method : "-", UI_NORMAL);
	listview_set_cell(row, COL_TITLE, g->title, UI_NORMAL);
	listview_set_cell(row, COL_TENANTS, tenants, g->tenants < 0 ? UI_DIM : UI_NORMAL);
	listview_set_cell(row, COL_WE_DID, *g->we_did ? "yes" : "-", *g->we_did ? UI_GREEN : UI_DIM);
	listview_set_cell(row, COL_TEAM, g->team, UI_NORMAL);
	text_fit(g->team, 40, false, team, sizeof team);
	snprintf(note, sizeof note, "%s %.150s%s%s · %d action%s linked%s", g->ref, g->title, *team ? " · " : "", team,
		 g->actions, g->actions == 1 ? "" : "s", *g->we_did ? "" : " · no \"we did\" yet");
	text_fit(note, 300, false, row->note, sizeof row->note);
	return PB_OK;
}

static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct elist *l = ctx;
	return store_count_engagements(l->ui->store, &l->sf, n, e);
}

static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct elist *l = ctx;
	struct fetch_ctx f = {lv, l};
	return store_list_engagements(l->ui->store, &l->sf, offset, limit, put_row, &f, e);
}

/* What the list says when no record shows. */
static void set_empty(struct elist *l)
{
	if (engagement_filtered(&l->filter))
		snprintf(l->empty, sizeof l->empty, "No record matches the filter; F clears it.");
	else if (l->filter.action_id)
		snprintf(l->empty, sizeof l->empty, "No engagement record is linked to this action; l on a record links it.");
	else
		snprintf(l->empty, sizeof l->empty, "No engagement records yet: n adds one.");
	listview_set_empty(l->lv, l->empty);
}

/* Reads the rows again: from the top when the filter changed, else where the selection was; on the record a form has
 * just saved, when it shows. */
static void el_refresh(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	struct pb_error e = {0};
	bool changed = l->gen != l->filter.gen;
	engagement_filter_for_store(&l->filter, &l->sf);
	l->gen = l->filter.gen;
	v->mode = UI_MODE_LIST | (engagement_filtered(&l->filter) ? UI_MODE_FILTERED : 0);
	set_empty(l);
	int status = changed ? listview_reset(l->lv, &e) : listview_reload(l->lv, &e);
	if (status == PB_OK && l->saved) {
		long at = -1;
		status = store_engagement_index(ui->store, &l->sf, l->saved, &at, &e);
		if (status == PB_OK && at >= 0)
			status = listview_goto(l->lv, at, &e);
		l->saved = 0;
	}
	if (status != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

/* ---- keys ---- */

static int moved(struct ui *ui, int status, struct pb_error *e)
{
	if (status != PB_OK)
		ui_message(ui, true, "%s", e->msg);
	return UI_REDRAW;
}

static int el_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_move(((struct elist *)v->priv)->lv, 1, &e), &e);
}

static int el_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_move(((struct elist *)v->priv)->lv, -1, &e), &e);
}

static int el_page_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_page(((struct elist *)v->priv)->lv, 1, &e), &e);
}

static int el_page_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_page(((struct elist *)v->priv)->lv, -1, &e), &e);
}

static int el_first(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_goto(((struct elist *)v->priv)->lv, 0, &e), &e);
}

static int el_last(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(ui, listview_goto(((struct elist *)v->priv)->lv, -1, &e), &e);
}

/* The selected record's id, or 0 with a message saying none is. */
static long selected(struct elist *l, struct ui *ui)
{
	const struct listview_row *row = listview_selected(l->lv);
	if (!row)
		ui_message(ui, false, "No record is selected");
	return row ? row->id : 0;
}

static int el_open(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	if (!(l->open_id = selected(l, ui)))
		return UI_REDRAW;
	return ui_open(ui, &view_engagement_detail, &l->open_id) | UI_REDRAW;
}

/* Opens the form on record id (0: a new one, linked to the action the list is for, if any). */
static int open_form(struct elist *l, struct ui *ui, long id)
{
	l->form = (struct engagement_form_arg){id, &l->saved, id ? 0 : l->filter.action_id, l->filter.action};
	return ui_open(ui, &view_engagement_edit, &l->form) | UI_REDRAW;
}

static int el_new(struct view *v, struct ui *ui)
{
	if (engagement_read_only(ui, "adding a record"))
		return UI_REDRAW;
	return open_form(v->priv, ui, 0);
}

static int el_edit(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	long id;
	if (engagement_read_only(ui, "editing a record") || !(id = selected(l, ui)))
		return UI_REDRAW;
	return open_form(l, ui, id);
}

static int el_link(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	if (engagement_read_only(ui, "linking actions") || !(l->open_id = selected(l, ui)))
		return UI_REDRAW;
	return ui_open(ui, &view_engagement_link, &l->open_id) | UI_REDRAW;
}

static int remove_record(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	(void)ctx;
	return store_delete_engagement(s, *id, e);
}

/* y to the delete question: deletes the record as one undoable step. */
static int run_delete(struct ui *ui, const void *ctx)
{
	const struct elist *l = ctx;
	struct pb_error e = {0};
	if (engagement_save(ui, ENGAGEMENT_DELETION, l->delete_id, l->delete_what, remove_record, NULL, NULL, &e) != PB_OK)
		ui_message(ui, true, "Not deleted — %s", e.msg);
	return UI_RELOAD | UI_REDRAW;
}

/* Store callback: the question about the record to delete. */
static int ask_delete(void *ctx, const struct engagement_row *g)
{
	struct elist *l = ctx;
	char when[80], title[120], links[64];
	engagement_when(g, l->ui->utf8, false, when, sizeof when);
	text_fit(g->title, 60, false, title, sizeof title);
	snprintf(l->delete_what, sizeof l->delete_what, "%s deleted (%s)", g->ref, title);
	snprintf(links, sizeof links, g->actions == 0 ? "It is linked to no action." : g->actions == 1
		 ? "Its link to an action goes with it." : "Its links to %d actions go with it.", g->actions);
	snprintf(l->confirm.question, sizeof l->confirm.question,
		 "Delete %s %s%s%s%s? %s The audit trail keeps what it said, and z undoes it.", g->ref, title,
		 *when ? " (" : "", when, *when ? ")" : "", links);
	return PB_OK;
}

static int el_delete(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	struct pb_error e = {0};
	if (engagement_read_only(ui, "deleting a record") || !(l->delete_id = selected(l, ui)))
		return UI_REDRAW;
	if (store_get_engagement(ui->store, l->delete_id, ask_delete, l, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_RELOAD | UI_REDRAW;
	}
	snprintf(l->confirm.title, sizeof l->confirm.title, "Delete");
	snprintf(l->confirm.yes, sizeof l->confirm.yes, "delete it");
	l->confirm.run = run_delete;
	l->confirm.ctx = l;
	return ui_open(ui, &view_confirm, &l->confirm) | UI_REDRAW;
}

static int el_undo(struct view *v, struct ui *ui)
{
	return work_open(ui, WORK_UNDO, 0, &((struct elist *)v->priv)->work);
}

/* Opens the filter form on field f. */
static int open_filter(struct elist *l, struct ui *ui, enum engagement_filter_field f)
{
	l->filter_arg = (struct engagement_filter_arg){&l->filter, f};
	return ui_open(ui, &view_engagement_filter, &l->filter_arg) | UI_REDRAW;
}

static int el_filter(struct view *v, struct ui *ui)
{
	return open_filter(v->priv, ui, EF_TEAM);
}

static int el_search(struct view *v, struct ui *ui)
{
	return open_filter(v->priv, ui, EF_SEARCH);
}

static int el_unfilter(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	engagement_filter_reset(&l->filter);
	ui_message(ui, false, "Filter cleared");
	return UI_RELOAD | UI_REDRAW;
}

/* w: every record, then those with no "we did" yet (the gap), then those with one. */
static int el_we_did(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	l->filter.we_did = l->filter.we_did < 0 ? 0 : l->filter.we_did == 0 ? 1 : -1;
	l->filter.gen++;
	ui_message(ui, false, "%s", l->filter.we_did < 0 ? "Every record" : l->filter.we_did == 0
		   ? "Records with no \"we did\" yet: what tenants said that has no recorded answer"
		   : "Records with a \"we did\"");
	return UI_RELOAD | UI_REDRAW;
}

static int el_summary(struct view *v, struct ui *ui)
{
	return ui_open(ui, &view_engagement_summary, &((struct elist *)v->priv)->filter) | UI_REDRAW;
}

static int el_methods(struct view *v, struct ui *ui)
{
	(void)v;
	return ui_open(ui, &view_methods, NULL) | UI_REDRAW;
}

static int el_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down one record", el_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up one record", el_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", el_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", el_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First record", el_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last record", el_last, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Open the record in full: fields, actions, history", el_open, 0},
	{"new", 'n', {0}, "new", "A new engagement record (F2 saves it)", el_new, 0},
	{"edit", 'e', {0}, "edit", "Edit the record's fields", el_edit, 0},
	{"link", 'l', {0}, NULL, "Link it to the actions it informed (find by ref or words)", el_link, 0},
	{"delete", 'D', {KEY_DC}, "delete", "Delete the record (asks first; z undoes it)", el_delete, 0},
	{"filter", 'f', {0}, "filter", "Filter: team, method, formality, dates, \"we did\", words", el_filter, 0},
	{"unfilter", 'F', {0}, NULL, "Clear the filter", el_unfilter, UI_MODE_FILTERED},
	{"search", '/', {0}, NULL, "Search the records' text (the filter form, on its search)", el_search, 0},
	{"we-did", 'w', {0}, NULL, "All records; no \"we did\" yet; with one (in turn)", el_we_did, 0},
	{"summary", 's', {0}, "summary", "Summary by method, team and quarter; the \"we did\" gap", el_summary, 0},
	{"methods", 'M', {0}, NULL, "The list of methods: add one, rename one", el_methods, 0},
	{"undo", 'z', {0}, NULL, "Undo the last change of this session (asks first)", el_undo, 0},
	{"back", 27, {KEY_LEFT}, "back", "Back to the actions", el_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* arg: NULL for every record, or a const struct engagement_list_arg * for the records of one action. */
static int el_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct engagement_list_arg *a = arg;
	struct elist *l = calloc(1, sizeof *l);
	struct listview_source src = {source_count, source_fetch, l};
	if (l)
		l->lv = listview_new(columns, NCOLS, src, NULL);
	if (!l || !l->lv) {
		free(l);
		ui_message(ui, true, "Out of memory opening the engagement records");
		return PB_FAIL;
	}
	v->priv = l;
	l->ui = ui;
	engagement_filter_reset(&l->filter);
	if (a) {
		l->filter.action_id = a->action_id;
		snprintf(l->filter.action, sizeof l->filter.action, "%s", a->action);
	}
	el_refresh(v, ui);
	return PB_OK;
}

static void el_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct elist *l = v->priv;
	listview_draw(l->lv, w, v->area.y, v->area.x, ui, v->focused);
}

static void el_resize(struct view *v, struct ui *ui)
{
	struct elist *l = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(l->lv, v->area.h, v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

/* A click selects the row under it (on the selected row: opens it); the wheel moves three rows. */
static int el_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct elist *l = v->priv;
	struct pb_error e = {0};
	if (m->kind != UI_CLICK)
		return moved(ui, listview_move(l->lv, m->kind == UI_WHEEL_UP ? -3 : 3, &e), &e);
	long i = listview_row_at(l->lv, m->y - v->area.y);
	if (i < 0)
		return UI_REDRAW;
	if (i == listview_index(l->lv))
		return el_open(v, ui);
	return moved(ui, listview_goto(l->lv, i, &e), &e);
}

static void el_free(struct view *v)
{
	struct elist *l = v->priv;
	if (!l)
		return;
	listview_free(l->lv);
	free(l);
	v->priv = NULL;
}

static void el_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct elist *l = v->priv;
	const struct listview_row *row = listview_selected(l->lv);
	long n = listview_count(l->lv);
	(void)ui;
	snprintf(f->where, sizeof f->where, "Engagement");
	if (l->filter.action_id)
		snprintf(f->title, sizeof f->title, "Engagement records of %s", l->filter.action);
	else
		snprintf(f->title, sizeof f->title, "Engagement records");
	snprintf(f->count, sizeof f->count, "%ld", n);
	engagement_filter_describe(&l->filter, f->filter, sizeof f->filter);
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	if (n > 0)
		snprintf(f->position, sizeof f->position, "by date  %ld/%ld", listview_index(l->lv) + 1, n);
}

const struct view_ops view_engagement = {
	.name = "Engagement records",
	.keys = keys,
	.init = el_init,
	.draw = el_draw,
	.key = NULL,
	.resize = el_resize,
	.free = el_free,
	.frame = el_frame,
	.mouse = el_mouse,
	.reload = el_refresh,
};
