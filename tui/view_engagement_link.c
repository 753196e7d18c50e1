/* view_engagement_link.c — linking an engagement record to the actions it informed: the actions are found as the
 * ref or words are typed ("TIA4", "HIP-2526 TIA4", "tenant portal"), paged from the database; Enter links the
 * selected one, or unlinks it when it is linked, each one undoable step. With nothing typed, the links it has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/listview.h"
#include "tui/view_editor.h"
#include "tui/work.h"

#define MAX_LINKED 256

enum { COL_MARK, COL_PLAN, COL_REF, COL_TITLE, COL_DUE, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_MARK] = {.title = "", .width = 6, .min = 6},
	[COL_PLAN] = {.title = "Plan", .width = 9, .min = 8, .fit = true},
	[COL_REF] = {.title = "Ref", .width = 8, .min = 4, .fit = true},
	[COL_TITLE] = {.title = "Title", .width = 0, .min = 20},
	[COL_DUE] = {.title = "Due", .width = 11, .min = 9, .fit = true},
};

/* One linked action, copied out of the store. */
struct linked {
	long id;
	char plan[32], ref[64], title[300], due[DATE_ISO_LEN];
};

struct linker {
	struct ui *ui;
	long id; /* the record */
	char ref[32], title[300];
	struct editor find;
	char plan[32];	    /* a plan code the text begins with */
	char words[512];    /* the rest: what is searched */
	struct action_filter filter;
	struct linked linked[MAX_LINKED];
	int nlinked;
	struct listview *lv;
	char empty[300];
	char what[400];
	long target; /* the action Enter links or unlinks */
	struct work_arg work;
};

/* ---- what is linked ---- */

static int keep_linked(void *ctx, const struct action_row *a)
{
	struct linker *k = ctx;
	if (k->nlinked == MAX_LINKED)
		return PB_OK;
	struct linked *l = &k->linked[k->nlinked++];
	l->id = a->id;
	snprintf(l->plan, sizeof l->plan, "%s", a->plan);
	snprintf(l->ref, sizeof l->ref, "%s", a->ref);
	snprintf(l->title, sizeof l->title, "%s", a->title);
	snprintf(l->due, sizeof l->due, "%s", a->due_on);
	return PB_OK;
}

static bool is_linked(const struct linker *k, long action_id)
{
	for (int i = 0; i < k->nlinked; i++)
		if (k->linked[i].id == action_id)
			return true;
	return false;
}

static int keep_record(void *ctx, const struct engagement_row *g)
{
	struct linker *k = ctx;
	snprintf(k->ref, sizeof k->ref, "%s", g->ref);
	snprintf(k->title, sizeof k->title, "%s", g->title);
	return PB_OK;
}

/* Reads the record's name and links again. */
static int read_links(struct linker *k, struct pb_error *e)
{
	k->nlinked = 0;
	int status = store_get_engagement(k->ui->store, k->id, keep_record, k, e);
	return status == PB_OK ? store_each_action_of_engagement(k->ui->store, k->id, keep_linked, k, e) : status;
}

/* ---- rows ---- */

/* One row: the mark, plan, ref, title and due date. */
static void put(struct linker *k, struct listview *lv, long id, const char *plan, const char *ref, const char *title,
		const char *due_on)
{
	struct listview_row *row = listview_add_row(lv, id);
	struct date d;
	char due[32] = "";
	bool on = is_linked(k, id);
	if (!row)
		return;
	if (date_parse_iso(due_on, &d))
		date_format_human(d, due, sizeof due);
	listview_set_cell(row, COL_MARK, on ? (k->ui->utf8 ? "\xE2\x9C\x93 link" : "* link") : "", on ? UI_GREEN | UI_BOLD : UI_NORMAL);
	listview_set_cell(row, COL_PLAN, plan, UI_NORMAL);
	listview_set_cell(row, COL_REF, ref, UI_BOLD);
	listview_set_cell(row, COL_TITLE, title, UI_NORMAL);
	listview_set_cell(row, COL_DUE, due, UI_NORMAL);
	snprintf(row->note, sizeof row->note, "%s %s %.200s: Enter %s", plan, ref, title, on ? "unlinks it" : "links it");
}

struct fetch_ctx {
	struct linker *k;
	struct listview *lv;
};

static int put_action(void *ctx, const struct action_row *a)
{
	struct fetch_ctx *f = ctx;
	put(f->k, f->lv, a->id, a->plan, a->ref, a->title, a->due_on);
	return PB_OK;
}

/* Whether anything was typed to look for. */
static bool searching(const struct linker *k)
{
	return *k->plan || *k->words;
}

static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct linker *k = ctx;
	if (!searching(k)) {
		*n = k->nlinked;
		return PB_OK;
	}
	return store_count_actions(k->ui->store, &k->filter, n, e);
}

static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct linker *k = ctx;
	struct fetch_ctx f = {k, lv};
	if (searching(k))
		return store_list_actions(k->ui->store, &k->filter, SORT_PLAN, offset, limit, put_action, &f, e);
	for (long i = offset; i < offset + limit && i < k->nlinked; i++)
		put(k, lv, k->linked[i].id, k->linked[i].plan, k->linked[i].ref, k->linked[i].title, k->linked[i].due);
	return PB_OK;
}

/* Reads what was typed: a plan code first narrows to that plan; the rest is searched. */
static void read_find(struct linker *k)
{
	char text[512];
	snprintf(text, sizeof text, "%s", editor_text(&k->find));
	char *t = text_trim(text), *rest = t + strcspn(t, " \t");
	k->plan[0] = '\0';
	if (rest > t && (size_t)(rest - t) < sizeof k->plan) {
		char first[32];
		snprintf(first, sizeof first, "%.*s", (int)(rest - t), t);
		if (store_has_plan(k->ui->store, first)) {
			snprintf(k->plan, sizeof k->plan, "%s", first);
			t = text_trim(rest);
		}
	}
	snprintf(k->words, sizeof k->words, "%s", t);
	memset(&k->filter, 0, sizeof k->filter);
	k->filter.plan = *k->plan ? k->plan : NULL;
	k->filter.search = *k->words ? k->words : NULL;
	if (!searching(k))
		snprintf(k->empty, sizeof k->empty, "No action is linked yet. Type a ref (TIA4), a plan and ref (HIP-2526 TIA4) or words.");
	else
		snprintf(k->empty, sizeof k->empty, "No action matches \"%s\".", editor_text(&k->find));
	listview_set_empty(k->lv, k->empty);
}

/* After the text changed: the matches from the top. */
static int search_again(struct linker *k, struct ui *ui)
{
	struct pb_error e = {0};
	read_find(k);
	if (listview_reset(k->lv, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return UI_REDRAW;
}

/* ---- keys ---- */

static int lk_key(struct view *v, struct ui *ui, int key)
{
	struct linker *k = v->priv;
	ui->editor = &k->find;
	int r = editor_key(v, ui, key);
	if (r && k->find.changed) {
		k->find.changed = false;
		search_again(k, ui);
	}
	return r;
}

static int lk_move(struct view *v, struct ui *ui, long delta)
{
	struct pb_error e = {0};
	if (listview_move(((struct linker *)v->priv)->lv, delta, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return UI_REDRAW;
}

static int lk_down(struct view *v, struct ui *ui)
{
	return lk_move(v, ui, 1);
}

static int lk_up(struct view *v, struct ui *ui)
{
	return lk_move(v, ui, -1);
}

static int lk_page_down(struct view *v, struct ui *ui)
{
	return lk_move(v, ui, listview_visible_rows(((struct linker *)v->priv)->lv) - 1);
}

static int lk_page_up(struct view *v, struct ui *ui)
{
	return lk_move(v, ui, 1 - listview_visible_rows(((struct linker *)v->priv)->lv));
}

static int link_it(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct linker *k = ctx;
	return is_linked(k, k->target) ? store_unlink_engagement(s, *id, k->target, e) : store_link_engagement(s, *id, k->target, e);
}

/* Enter: links the selected action, or unlinks it. */
static int lk_toggle(struct view *v, struct ui *ui)
{
	struct linker *k = v->priv;
	struct pb_error e = {0};
	const struct listview_row *row = listview_selected(k->lv);
	if (!row) {
		ui_message(ui, false, "No action is selected: type a ref or words to find one");
		return UI_REDRAW;
	}
	k->target = row->id;
	bool on = is_linked(k, k->target);
	snprintf(k->what, sizeof k->what, "%s: %s %.40s %.60s", k->ref, on ? "unlinked from" : "linked to",
		 row->cell[COL_PLAN].text, row->cell[COL_REF].text);
	if (engagement_save(ui, ENGAGEMENT_RECORD, k->id, k->what, link_it, k, NULL, &e) != PB_OK)
		ui_message(ui, true, "Not %s — %s", on ? "unlinked" : "linked", e.msg);
	return UI_RELOAD | UI_REDRAW;
}

static int lk_undo(struct view *v, struct ui *ui)
{
	return work_open(ui, WORK_UNDO, 0, &((struct linker *)v->priv)->work);
}

static int lk_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"link", '\r', {'\n', KEY_ENTER}, "link/unlink", "Link the selected action, or unlink it when it is linked", lk_toggle, 0},
	{"down", KEY_DOWN, {0}, "move", "Next action", lk_down, 0},
	{"up", KEY_UP, {0}, "move", "Previous action", lk_up, 0},
	{"page-down", KEY_NPAGE, {0}, NULL, "Page down", lk_page_down, 0},
	{"page-up", KEY_PPAGE, {0}, NULL, "Page up", lk_page_up, 0},
	{"undo", KEY_F(4), {0}, NULL, "Undo the last change made in this session (asks first)", lk_undo, 0},
	{"back", 27, {0}, "done", "Back to the record", lk_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* The links changed (here, or by an undo): the marks follow. */
static void lk_reload(struct view *v, struct ui *ui)
{
	struct linker *k = v->priv;
	struct pb_error e = {0};
	int status = read_links(k, &e);
	if (status == PB_OK)
		status = listview_reload(k->lv, &e);
	if (status != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	ui->editor = &k->find;
}

/* arg is a const long *: the record. */
static int lk_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct linker *k = calloc(1, sizeof *k);
	struct listview_source src = {source_count, source_fetch, k};
	if (k)
		k->lv = listview_new(columns, NCOLS, src, NULL);
	if (!k || !k->lv || !editor_init(&k->find, NULL, false, 200)) {
		if (k)
			listview_free(k->lv);
		free(k);
		ui_message(ui, true, "Out of memory opening the links");
		return PB_FAIL;
	}
	v->priv = k;
	k->ui = ui;
	k->id = *(const long *)arg;
	v->mode = UI_MODE_TEXT;
	ui->editor = &k->find;
	int status = read_links(k, &e);
	if (status != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return status;
	}
	read_find(k);
	listview_reset(k->lv, NULL);
	return PB_OK;
}

static void lk_resize(struct view *v, struct ui *ui)
{
	struct linker *k = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(k->lv, v->area.h - 3, v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

static void lk_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct linker *k = v->priv;
	struct ui_rect r = v->area;
	char head[500], about[300];
	snprintf(head, sizeof head, " Link %s %s to the actions it informed", k->ref, k->title);
	ui_put(w, r.y, r.x, r.w, head, A_BOLD, false);
	if (!searching(k))
		snprintf(about, sizeof about, "%d action%s linked now; type to find others", k->nlinked, k->nlinked == 1 ? "" : "s");
	else
		snprintf(about, sizeof about, "%ld match%s%s%s; Enter links or unlinks the selected one", listview_count(k->lv),
			 listview_count(k->lv) == 1 ? "" : "es", *k->plan ? " in " : "", k->plan);
	ui_put(w, r.y + 2, r.x + 1, r.w - 2, about, ui_attr(ui, UI_DIM), false);
	listview_draw(k->lv, w, r.y + 3, r.x, ui, true);
	ui_put(w, r.y + 1, r.x + 1, 6, "Find", ui_attr(ui, UI_TITLES), false);
	editor_draw(&k->find, ui, w, (struct ui_rect){r.y + 1, r.x + 7, 1, r.w - 8}, ui_attr(ui, UI_SELECTION), true, NULL);
}

static void lk_free(struct view *v)
{
	struct linker *k = v->priv;
	if (!k)
		return;
	if (k->ui && k->ui->editor == &k->find)
		k->ui->editor = NULL;
	editor_free(&k->find);
	listview_free(k->lv);
	free(k);
	v->priv = NULL;
}

static void lk_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct linker *k = v->priv;
	const struct listview_row *row = listview_selected(k->lv);
	(void)ui;
	snprintf(f->where, sizeof f->where, "Engagement");
	snprintf(f->title, sizeof f->title, "Link %s to actions", k->ref);
	snprintf(f->count, sizeof f->count, "%d linked", k->nlinked);
	f->filter[0] = '\0';
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	else
		snprintf(f->info, sizeof f->info, "Type a ref or words; Esc goes back");
	f->position[0] = '\0';
	if (listview_count(k->lv) > 0)
		snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(k->lv) + 1, listview_count(k->lv));
}

const struct view_ops view_engagement_link = {
	.name = "Link actions",
	.keys = keys,
	.init = lk_init,
	.draw = lk_draw,
	.key = lk_key,
	.resize = lk_resize,
	.free = lk_free,
	.frame = lk_frame,
	.reload = lk_reload,
	.extra_keys = editor_keys,
	.cursor = true,
};
