/* view_actions.c — the actions of one plan as a paged list, with a detail pane for the selected action. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/listview.h"
#include "tui/ui.h"

#define MAX_PLANS 64

enum { COL_RAG, COL_REF, COL_TITLE, COL_LEAD, COL_DUE, COL_OVER, COL_STATUS, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_RAG] = {.title = "RAG", .width = 3, .min = 3},
	[COL_REF] = {.title = "Ref", .width = 9, .min = 4, .fit = true},
	[COL_TITLE] = {.title = "Title", .width = 0, .min = 12},
	[COL_LEAD] = {.title = "Lead", .width = 14, .min = 8},
	[COL_DUE] = {.title = "Due", .width = 9, .min = 9},
	[COL_OVER] = {.title = "Over", .width = 5, .min = 4, .align = LISTVIEW_RIGHT},
	[COL_STATUS] = {.title = "Status", .width = 13, .min = 11, .hide_below = 90},
};

struct plan_item {
	char code[32];
	char title[200];
};

/* The selected action in full, copied out of the store for the detail pane. */
struct detail {
	long id; /* 0 when nothing is loaded */
	char ref[64], section[64], title[512], leads[512], due_text[256], due_on[DATE_ISO_LEN], status[32];
	enum rag rag, rag_computed;
	long days_over;
	int revisions;
	bool has_update;
	char period[32], noted_on[DATE_ISO_LEN], author[128], text[2048];
};

struct actions {
	struct store *store;
	struct date today;
	struct plan_item plans[MAX_PLANS];
	int nplans, cur;
	struct action_filter filter;
	struct listview *lv;
	bool pane;
	struct detail d;
};

/* ---- rows from the store ---- */

/* "31 May 26": the human date, short enough for a column. */
static void short_date(struct date d, char *out, size_t outlen)
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	snprintf(out, outlen, "%d %s %02d", d.day, months[(d.month + 11) % 12], d.year % 100);
}

/* The RAG cell: "[R]" when set and computed agree (or one is missing), "G!R" (set, computed) when not. */
static void rag_cell(enum rag set, enum rag computed, char out[8], int *style)
{
	if (rag_mismatch(set, computed)) {
		snprintf(out, 8, "%c!%c", rag_letter(set), rag_letter(computed));
		*style = ui_rag_style(computed) | UI_BOLD;
		return;
	}
	enum rag shown = computed == RAG_COMPLETE || set == RAG_NONE ? computed : set;
	snprintf(out, 8, "[%c]", rag_letter(shown));
	*style = ui_rag_style(shown);
}

struct fetch_ctx {
	struct actions *a;
	struct listview *lv;
};

/* Store callback: copies one action into the next row of the page (its strings die when this returns). */
static int put_row(void *ctx, const struct action_row *r)
{
	struct fetch_ctx *f = ctx;
	struct listview_row *row = listview_add_row(f->lv, r->id);
	char rag[8], due[64] = "", over[24] = "-";
	int rag_style;
	struct date d;
	if (!row)
		return PB_OK;
	rag_cell(r->rag, r->rag_computed, rag, &rag_style);
	if (date_parse_iso(r->due_on, &d))
		short_date(d, due, sizeof due);
	else
		snprintf(due, sizeof due, "%s", r->due_text);
	if (r->days_over != DAYS_NONE && r->days_over > 0)
		snprintf(over, sizeof over, "%ldd", r->days_over);
	listview_set_cell(row, COL_RAG, rag, rag_style);
	listview_set_cell(row, COL_REF, r->ref, UI_NORMAL);
	listview_set_cell(row, COL_TITLE, r->title, UI_NORMAL);
	listview_set_cell(row, COL_LEAD, r->leads, UI_NORMAL);
	listview_set_cell(row, COL_DUE, due, UI_NORMAL);
	listview_set_cell(row, COL_OVER, over, r->days_over != DAYS_NONE && r->days_over > 0 ? UI_RED : UI_NORMAL);
	listview_set_cell(row, COL_STATUS, status_label(r->status), UI_NORMAL);
	if (rag_mismatch(r->rag, r->rag_computed))
		store_mismatch_reason(r, f->a->today, row->note, sizeof row->note);
	return PB_OK;
}

/* Row provider: how many actions the plan has. */
static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct actions *a = ctx;
	return store_count_actions(a->store, &a->filter, n, e);
}

/* Row provider: one page of the plan's actions, in plan order. */
static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct fetch_ctx f = {ctx, lv};
	struct actions *a = ctx;
	return store_list_actions(a->store, &a->filter, SORT_PLAN, offset, limit, put_row, &f, e);
}

/* ---- the detail pane ---- */

/* Store callback: keeps the first (newest) progress update. */
static int keep_newest(void *ctx, const struct update_row *u)
{
	struct detail *d = ctx;
	if (d->has_update)
		return PB_OK;
	d->has_update = true;
	snprintf(d->period, sizeof d->period, "%s", u->period);
	snprintf(d->noted_on, sizeof d->noted_on, "%s", u->noted_on);
	snprintf(d->author, sizeof d->author, "%s", u->author);
	snprintf(d->text, sizeof d->text, "%s", u->text);
	return PB_OK;
}

/* Reads the selected action into a->d (nothing when no row is selected). */
static int load_detail(struct actions *a, struct pb_error *e)
{
	const struct listview_row *row = listview_selected(a->lv);
	struct action_detail full;
	struct detail *d = &a->d;
	memset(d, 0, sizeof *d);
	if (!row)
		return PB_OK;
	int status = store_get_action(a->store, row->id, &full, e);
	if (status != PB_OK)
		return status;
	d->id = full.id;
	snprintf(d->ref, sizeof d->ref, "%s", full.ref);
	snprintf(d->section, sizeof d->section, "%s", full.section);
	snprintf(d->title, sizeof d->title, "%s", full.title);
	snprintf(d->leads, sizeof d->leads, "%s", full.leads);
	snprintf(d->due_text, sizeof d->due_text, "%s", full.due_text);
	snprintf(d->due_on, sizeof d->due_on, "%s", full.due_on);
	snprintf(d->status, sizeof d->status, "%s", full.status);
	d->rag = full.rag;
	d->rag_computed = full.rag_computed;
	d->days_over = full.days_over;
	d->revisions = full.revisions;
	store_action_free(&full);
	return store_each_update(a->store, d->id, keep_newest, d, e);
}

/* Lines the detail pane takes out of an area h lines high (0 when closed or there is no room). */
static int pane_height(const struct actions *a, int h)
{
	if (!a->pane)
		return 0;
	int p = (h + 2) / 3;
	if (p < 4)
		p = 4;
	if (h - p < 3) /* keep the column titles and two rows of the list */
		p = h - 3;
	return p < 2 ? 0 : p;
}

/* Gives the list what the pane leaves of the area. */
static void resize_list(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(a->lv, v->area.h - pane_height(a, v->area.h), v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

/* After the selection moved: report a store error, and keep an open pane on the selected action. */
static int moved(struct view *v, struct ui *ui, int status, struct pb_error *e)
{
	struct actions *a = v->priv;
	if (status != PB_OK) {
		ui_message(ui, true, "%s", e->msg);
		return UI_REDRAW;
	}
	const struct listview_row *row = listview_selected(a->lv);
	if (a->pane && (!row || row->id != a->d.id) && load_detail(a, e) != PB_OK)
		ui_message(ui, true, "%s", e->msg);
	return UI_REDRAW;
}

/* ---- plans ---- */

/* Store callback: remembers one plan. */
static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct actions *a = ctx;
	if (a->nplans == MAX_PLANS)
		return PB_OK;
	struct plan_item *it = &a->plans[a->nplans++];
	snprintf(it->code, sizeof it->code, "%s", p->code);
	snprintf(it->title, sizeof it->title, "%s", p->title);
	return PB_OK;
}

/* Shows plan i from its first action. */
static int show_plan(struct view *v, struct ui *ui, int i)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	a->cur = i;
	a->filter.plan = a->nplans > 0 ? a->plans[i].code : NULL;
	return moved(v, ui, listview_reset(a->lv, &e), &e);
}

/* ---- key handlers: each changes state (reading the store if it must) and returns ui_result flags ---- */

static int act_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_move(((struct actions *)v->priv)->lv, 1, &e), &e);
}

static int act_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_move(((struct actions *)v->priv)->lv, -1, &e), &e);
}

static int act_page_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_page(((struct actions *)v->priv)->lv, 1, &e), &e);
}

static int act_page_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_page(((struct actions *)v->priv)->lv, -1, &e), &e);
}

static int act_first(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_goto(((struct actions *)v->priv)->lv, 0, &e), &e);
}

static int act_last(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_goto(((struct actions *)v->priv)->lv, -1, &e), &e);
}

static int act_next_plan(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	if (a->nplans < 2) {
		ui_message(ui, false, "There is only %s plan", a->nplans ? "one" : "no");
		return UI_REDRAW;
	}
	return show_plan(v, ui, (a->cur + 1) % a->nplans);
}

static int act_prev_plan(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	if (a->nplans < 2) {
		ui_message(ui, false, "There is only %s plan", a->nplans ? "one" : "no");
		return UI_REDRAW;
	}
	return show_plan(v, ui, (a->cur + a->nplans - 1) % a->nplans);
}

static int act_open(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	if (!listview_selected(a->lv))
		return UI_REDRAW;
	a->pane = true;
	v->mode = UI_MODE_PANE;
	resize_list(v, ui);
	if (load_detail(a, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return UI_REDRAW;
}

static int act_close(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	a->pane = false;
	v->mode = UI_MODE_LIST;
	resize_list(v, ui);
	return UI_REDRAW;
}

static const struct key_binding keys[] = {
	{'j', {KEY_DOWN}, "move", "Move down one action", act_down, 0},
	{'k', {KEY_UP}, "move", "Move up one action", act_up, 0},
	{KEY_NPAGE, {' '}, NULL, "Page down", act_page_down, 0},
	{KEY_PPAGE, {'b'}, NULL, "Page up", act_page_up, 0},
	{'g', {KEY_HOME}, NULL, "First action", act_first, 0},
	{'G', {KEY_END}, NULL, "Last action", act_last, 0},
	{'p', {'\t'}, "plan", "Next plan (after the last, the first)", act_next_plan, 0},
	{'P', {KEY_BTAB}, NULL, "Previous plan", act_prev_plan, 0},
	{'\n', {'\r', KEY_ENTER}, "detail", "Show the selected action in a pane below the list", act_open, UI_MODE_LIST},
	{27, {0}, "close", "Close the detail pane", act_close, UI_MODE_PANE},
	{0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Opens on the plan whose code is arg, else the first plan. */
static int actions_init(struct view *v, struct ui *ui, const void *arg)
{
	const char *want = arg;
	struct pb_error e = {0};
	struct actions *a = calloc(1, sizeof *a);
	struct listview_source src = {source_count, source_fetch, a};
	if (a)
		a->lv = listview_new(columns, NCOLS, src, "This plan has no actions yet.");
	if (!a || !a->lv) {
		free(a);
		ui_message(ui, true, "Out of memory opening the plan actions");
		return PB_FAIL;
	}
	a->store = ui->store;
	a->today = ui->today;
	v->priv = a;
	v->mode = UI_MODE_LIST;
	if (store_each_plan(a->store, keep_plan, a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return PB_OK;
	}
	if (a->nplans == 0) {
		ui_message(ui, false, "No plans yet: `planbench init --demo` loads the sample plans, `planbench import` your own");
		return PB_OK;
	}
	int start = 0;
	if (want && *want) {
		start = -1;
		for (int i = 0; i < a->nplans && start < 0; i++)
			if (text_ieq(a->plans[i].code, want))
				start = i;
		if (start < 0) {
			ui_message(ui, true, "There is no plan %s; showing %s (Tab moves between plans)", want, a->plans[0].code);
			start = 0;
		}
	}
	a->cur = start;
	a->filter.plan = a->plans[start].code;
	if (listview_reset(a->lv, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return PB_OK;
}

/* Adds formatted text to the end of buf. */
static void append(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t l = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	if (l < size)
		vsnprintf(buf + l, size - l, fmt, ap);
	va_end(ap);
}

/* A label and its text on one line of the pane. */
static void pane_line(WINDOW *w, const struct ui_rect *r, int y, const char *label, const char *text, attr_t attr)
{
	ui_put(w, y, r->x + 1, 8, label, A_BOLD, false);
	ui_put(w, y, r->x + 9, r->w - 10, text, attr, false);
}

/* Draws the detail pane into r. */
static void draw_pane(const struct actions *a, const struct ui *ui, WINDOW *w, struct ui_rect r)
{
	const struct detail *d = &a->d;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char buf[1024], human[32] = "";
	struct date due;
	int y = r.y, end = r.y + r.h;

	mvwhline(w, y, r.x, ACS_HLINE, r.w);
	if (!d->id) {
		ui_put(w, y + 1, r.x + 1, r.w - 2, "Nothing selected.", ui_attr(ui, UI_DIM), false);
		return;
	}
	snprintf(buf, sizeof buf, " %s%s%s ", d->ref, *d->section ? dot : "", d->section);
	ui_put(w, y, r.x + 2, text_width(buf) < r.w - 4 ? text_width(buf) : r.w - 4, buf, A_BOLD, false);
	if (++y < end)
		ui_put(w, y, r.x + 1, r.w - 2, d->title, A_BOLD, false);
	if (++y < end)
		pane_line(w, &r, y, "Leads", *d->leads ? d->leads : "none named", A_NORMAL);
	if (++y < end) {
		if (date_parse_iso(d->due_on, &due))
			date_format_human(due, human, sizeof human);
		if (*d->due_text && *human && strcmp(d->due_text, human) != 0)
			snprintf(buf, sizeof buf, "%s%snow %s", d->due_text, dot, human);
		else
			snprintf(buf, sizeof buf, "%s", *d->due_text ? d->due_text : *human ? human : "none");
		pane_line(w, &r, y, "Target", buf, A_NORMAL);
	}
	if (++y < end) {
		bool differ = rag_mismatch(d->rag, d->rag_computed);
		snprintf(buf, sizeof buf, "set %s, computed %s", d->rag ? rag_name(d->rag) : "none", rag_name(d->rag_computed));
		if (d->days_over != DAYS_NONE && d->days_over > 0)
			append(buf, sizeof buf, "%s%ld day%s over", dot, d->days_over, d->days_over == 1 ? "" : "s");
		if (*d->status)
			append(buf, sizeof buf, "%s%s", dot, status_label(d->status));
		if (d->revisions == 1 || d->revisions == 2)
			append(buf, sizeof buf, "%srevised %s", dot, d->revisions == 1 ? "once" : "twice");
		else if (d->revisions > 2)
			append(buf, sizeof buf, "%srevised %d times", dot, d->revisions);
		pane_line(w, &r, y, "RAG", buf, differ ? ui_attr(ui, ui_rag_style(d->rag_computed) | UI_BOLD) : A_NORMAL);
	}
	if (++y >= end)
		return;
	if (!d->has_update) {
		pane_line(w, &r, y, "Update", "none yet", ui_attr(ui, UI_DIM));
		return;
	}
	char text[2400], noted[32];
	struct date on;
	if (date_parse_iso(d->noted_on, &on))
		date_format_human(on, noted, sizeof noted);
	else
		snprintf(noted, sizeof noted, "%s", d->noted_on);
	snprintf(text, sizeof text, "%s (%s%s%s): %s", d->period, noted, *d->author ? ", " : "", d->author, d->text);
	const char *p = text, *next;
	for (bool first = true; y < end && *p; y++, first = false, p = next) {
		size_t n = ui_wrap(p, r.w - 10, &next);
		char line[1024];
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		bool last = y + 1 == end && *next;
		if (last) { /* the text goes on: end this line with "…" */
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, " %s", next);
		}
		pane_line(w, &r, y, first ? "Update" : "", line, A_NORMAL);
	}
}

static void actions_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct actions *a = v->priv;
	int ph = pane_height(a, v->area.h);
	listview_draw(a->lv, w, v->area.y, v->area.x, ui, true);
	if (ph > 0)
		draw_pane(a, ui, w, (struct ui_rect){v->area.y + v->area.h - ph, v->area.x, ph, v->area.w});
}

static void actions_resize(struct view *v, struct ui *ui)
{
	resize_list(v, ui);
}

static void actions_free(struct view *v)
{
	struct actions *a = v->priv;
	if (!a)
		return;
	listview_free(a->lv);
	free(a);
	v->priv = NULL;
}

static void actions_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct actions *a = v->priv;
	const struct listview_row *row = listview_selected(a->lv);
	long n = listview_count(a->lv);
	(void)ui;
	if (a->nplans == 0)
		return;
	snprintf(f->where, sizeof f->where, "%s", a->plans[a->cur].code);
	snprintf(f->title, sizeof f->title, "%s", a->plans[a->cur].title);
	snprintf(f->count, sizeof f->count, "%ld action%s", n, n == 1 ? "" : "s");
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	if (n > 0)
		snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(a->lv) + 1, n);
}

const struct view_ops view_actions = {
	.name = "Plan actions",
	.keys = keys,
	.init = actions_init,
	.draw = actions_draw,
	.key = NULL,
	.resize = actions_resize,
	.free = actions_free,
	.frame = actions_frame,
};
