/* view_actions.c — the action list the browse state selects (a view, a plan or section, search results), paged
 * from the database, with a preview pane of the selected action; Enter opens it in full. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/browse.h"
#include "tui/listview.h"
#include "tui/ui.h"
#include "tui/work.h"

#define MAX_PLANS 64
#define PANE_AUTO_LINES 30 /* the preview pane shows by itself when the list area is at least this tall */

enum { COL_RAG, COL_REF, COL_TITLE, COL_LEAD, COL_DUE, COL_OVER, COL_STATUS, NCOLS };

/* At 80 columns beside the navigator the title keeps 20 columns and the lead 11; status shows from 90. */
static const struct listview_column columns[NCOLS] = {
	[COL_RAG] = {.title = "RAG", .width = 3, .min = 3},
	[COL_REF] = {.title = "Ref", .width = 9, .min = 4, .fit = true},
	[COL_TITLE] = {.title = "Title", .width = 0, .min = 20},
	[COL_LEAD] = {.title = "Lead", .width = 18, .min = 10, .fit = true, .tail = " +"},
	[COL_DUE] = {.title = "Due", .width = 9, .min = 9},
	[COL_OVER] = {.title = "Over", .width = 4, .min = 4, .align = LISTVIEW_RIGHT},
	[COL_STATUS] = {.title = "Status", .width = 13, .min = 11, .fit = true, .hide_below = 90},
};

/* The selected action, copied out of the store for the preview pane and the status line. */
struct preview {
	long id; /* 0 when nothing is loaded */
	bool full; /* the fields below are loaded, not only the search snippet */
	char ref[64], section[64], section_title[200], title[512], leads[512], due_text[256], due_on[DATE_ISO_LEN], status[32];
	enum rag rag, rag_computed;
	long days_over;
	int revisions;
	bool has_update;
	char period[32], noted_on[DATE_ISO_LEN], author[128], text[2048];
	struct search_snippet snip; /* where the search matched it */
};

enum pane_mode { PANE_AUTO, PANE_SHOWN, PANE_HIDDEN };

/* The count of a search that matches more than the workbench lists (STORE_SEARCH_CAP). */
#define MORE_THAN_CAP "1,000+"
_Static_assert(STORE_SEARCH_CAP == 1000, "MORE_THAN_CAP names the cap");

struct actions {
	struct store *store;
	struct browse *b;
	struct date today;
	bool utf8;
	char plans[MAX_PLANS][32];
	int nplans;
	struct action_filter filter; /* built from the browse state; its strings point into it */
	enum action_sort sort;
	struct listview *lv;
	char empty[512]; /* what the list says when it has no rows */
	enum pane_mode pane;
	struct preview d;
	unsigned gen;		 /* the browse state the list shows */
	enum browse_kind shown;	 /* the view the list shows */
	long back_sel, back_top; /* where the list was when a search began */
	long open_id;		 /* the action Enter opened (view_detail's arg) */
	bool more;		 /* the search matches more than STORE_SEARCH_CAP actions: the first found are listed */
	struct work_arg work;	 /* what u d r t c e n z h opened from here work on; id 0 once the detail opened */
};

/* ---- rows from the store ---- */

/* "31 May 26": the human date, short enough for a column. */
static void short_date(struct date d, char *out, size_t outlen)
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	snprintf(out, outlen, "%d %s %02d", d.day, months[(d.month + 11) % 12], d.year % 100);
}

/* The RAG cell: "[R]" when set and computed agree (or one is missing); "G≠R" (set, computed) when they
 * do not, coloured and bold by the computed one. */
static void rag_cell(enum rag set, enum rag computed, bool utf8, char out[16], int *style)
{
	if (rag_mismatch(set, computed)) {
		snprintf(out, 16, "%c%s%c", rag_letter(set), utf8 ? "\xE2\x89\xA0" : "!", rag_letter(computed));
		*style = ui_rag_style(computed) | UI_BOLD;
		return;
	}
	enum rag shown = computed == RAG_COMPLETE || set == RAG_NONE ? computed : set;
	snprintf(out, 16, "[%c]", rag_letter(shown));
	*style = ui_rag_style(shown);
}

/* The first lead, and "+N" for the others: "Judith Willis +1". */
static void lead_cell(const char *leads, char *out, size_t outlen)
{
	const char *sep = strstr(leads, "; ");
	int more = 0;
	for (const char *p = sep; p; p = strstr(p + 2, "; "))
		more++;
	if (!sep)
		snprintf(out, outlen, "%s", leads);
	else
		snprintf(out, outlen, "%.*s +%d", (int)(sep - leads), leads, more);
}

struct fetch_ctx {
	struct actions *a;
	struct listview *lv;
};

/* Store callback: copies one action into the next row of the page (its strings die when this returns). */
static int put_row(void *ctx, const struct action_row *r)
{
	struct fetch_ctx *f = ctx;
	struct actions *a = f->a;
	struct listview_row *row = listview_add_row(f->lv, r->id);
	char rag[16], due[64] = "", over[24] = "-", lead[160], title[1200];
	int rag_style;
	struct date d;
	if (!row)
		return PB_OK;
	rag_cell(r->rag, r->rag_computed, a->utf8, rag, &rag_style);
	if (date_parse_iso(r->due_on, &d))
		short_date(d, due, sizeof due);
	else
		snprintf(due, sizeof due, "%s", r->due_text);
	bool late = r->days_over != DAYS_NONE && r->days_over > 0;
	if (late)
		snprintf(over, sizeof over, "%ldd", r->days_over);
	lead_cell(r->leads, lead, sizeof lead);
	listview_set_cell(row, COL_RAG, rag, rag_style);
	listview_set_cell(row, COL_REF, r->ref, UI_NORMAL);
	if (a->filter.search) {
		ui_mark_terms(r->title, a->filter.search, title, sizeof title);
		listview_set_cell(row, COL_TITLE, title, UI_MARKS);
	} else {
		listview_set_cell(row, COL_TITLE, r->title, UI_NORMAL);
	}
	listview_set_cell(row, COL_LEAD, lead, UI_NORMAL);
	listview_set_cell(row, COL_DUE, due, UI_NORMAL);
	listview_set_cell(row, COL_OVER, over, late ? UI_RED : UI_NORMAL);
	listview_set_cell(row, COL_STATUS, status_label(r->status), UI_NORMAL);
	if (rag_mismatch(r->rag, r->rag_computed)) /* the status line says why, or else gives the title whole */
		store_mismatch_reason(r, a->today, row->note, sizeof row->note);
	else
		snprintf(row->note, sizeof row->note, "%s %s", r->ref, r->title);
	return PB_OK;
}

/* Row provider: how many actions match (none for a search with nothing typed yet). */
static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct actions *a = ctx;
	if (a->b->cur.kind == BROWSE_SEARCH && !*a->b->cur.search) {
		*n = 0;
		a->more = false;
		return PB_OK;
	}
	int status = store_count_actions(a->store, &a->filter, n, e);
	a->more = status == PB_OK && a->filter.search_cap > 0 && *n > a->filter.search_cap;
	if (a->more)
		*n = a->filter.search_cap; /* what the list holds; the count says "1,000+" */
	return status;
}

/* Row provider: one page of the actions, in the chosen order. */
static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct fetch_ctx f = {ctx, lv};
	struct actions *a = ctx;
	return store_list_actions(a->store, &a->filter, a->sort, offset, limit, put_row, &f, e);
}

/* What the list says when nothing matches. */
static void set_empty(struct actions *a)
{
	const struct browse_state *s = &a->b->cur;
	char filter[256];
	browse_describe(a->b, filter, sizeof filter);
	if (s->kind == BROWSE_SEARCH && !*s->search)
		snprintf(a->empty, sizeof a->empty, "Type what to look for: action text, progress updates and engagement records are searched.");
	else if (s->kind == BROWSE_SEARCH)
		snprintf(a->empty, sizeof a->empty, "Nothing matches \"%s\".", s->search);
	else if (s->kind == BROWSE_OVERDUE)
		snprintf(a->empty, sizeof a->empty, "Nothing is overdue.");
	else if (s->kind == BROWSE_DUE_SOON)
		snprintf(a->empty, sizeof a->empty, "Nothing falls due in the next %d days.", a->b->amber_days);
	else
		snprintf(a->empty, sizeof a->empty, "No actions here.");
	if (*filter || s->filter.plan[0]) {
		size_t l = strlen(a->empty);
		snprintf(a->empty + l, sizeof a->empty - l, " F clears the filter%s%s.", *filter ? ": " : "", filter);
	}
	listview_set_empty(a->lv, a->empty);
}

/* ---- the preview of the selected action ---- */

/* Store callback: keeps the first (newest) progress update. */
static int keep_newest(void *ctx, const struct update_row *u)
{
	struct preview *d = ctx;
	if (d->has_update)
		return PB_OK;
	d->has_update = true;
	snprintf(d->period, sizeof d->period, "%s", u->period);
	snprintf(d->noted_on, sizeof d->noted_on, "%s", u->noted_on);
	snprintf(d->author, sizeof d->author, "%s", u->author);
	snprintf(d->text, sizeof d->text, "%s", u->text);
	return PB_OK;
}

/* Lines the preview pane takes out of an area h lines high (0 when hidden or there is no room). */
static int pane_height(const struct actions *a, int h)
{
	if (a->pane == PANE_HIDDEN || (a->pane == PANE_AUTO && h < PANE_AUTO_LINES))
		return 0;
	int p = (h + 2) / 3;
	if (p < 6)
		p = 6;
	if (h - p < 4) /* keep the column titles and three rows of the list */
		p = h - 4;
	return p < 3 ? 0 : p;
}

/* Reads the selected action into a->d: the full preview when the pane shows, the search snippet when searching. */
static int load_preview(struct actions *a, bool pane, struct pb_error *e)
{
	const struct listview_row *row = listview_selected(a->lv);
	struct preview *d = &a->d;
	memset(d, 0, sizeof *d);
	if (!row)
		return PB_OK;
	d->id = row->id;
	if (a->filter.search && store_search_snippet(a->store, row->id, a->filter.search, &d->snip, e) != PB_OK)
		return e->status;
	if (!pane)
		return PB_OK;
	struct action_detail full;
	int status = store_get_action(a->store, row->id, &full, e);
	if (status != PB_OK)
		return status;
	d->full = true;
	snprintf(d->ref, sizeof d->ref, "%s", full.ref);
	snprintf(d->section, sizeof d->section, "%s", full.section);
	snprintf(d->section_title, sizeof d->section_title, "%s", full.section_title);
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

/* Gives the list what the pane leaves of the area. */
static void resize_list(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(a->lv, v->area.h - pane_height(a, v->area.h), v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

/* After the selection moved or the rows changed: report a store error, and read the selected action again. */
static int moved(struct view *v, struct ui *ui, int status, struct pb_error *e)
{
	struct actions *a = v->priv;
	if (status != PB_OK) {
		ui_message(ui, true, "%s", e->msg);
		return UI_REDRAW;
	}
	const struct listview_row *row = listview_selected(a->lv);
	if ((!row || row->id != a->d.id || !a->d.full) &&
	    load_preview(a, pane_height(a, v->area.h) > 0, e) != PB_OK)
		ui_message(ui, true, "%s", e->msg);
	return UI_REDRAW;
}

/* ---- key handlers: each changes state (reading the store if it must) and returns ui_result flags ---- */

static int act_move(struct view *v, struct ui *ui, long delta)
{
	struct pb_error e = {0};
	return moved(v, ui, listview_move(((struct actions *)v->priv)->lv, delta, &e), &e);
}

static int act_down(struct view *v, struct ui *ui)
{
	return act_move(v, ui, 1);
}

static int act_up(struct view *v, struct ui *ui)
{
	return act_move(v, ui, -1);
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

static int act_open(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	const struct listview_row *row = listview_selected(a->lv);
	if (!row)
		return UI_REDRAW;
	a->open_id = row->id;
	a->work.id = 0; /* what the detail saves does not move the list on */
	return ui_open(ui, &view_detail, &a->open_id);
}

/* Opens what a key of the officer's work asks for on the selected action (tui/work.h). */
static int act_work(struct view *v, struct ui *ui, enum work_kind kind)
{
	struct actions *a = v->priv;
	const struct listview_row *row = listview_selected(a->lv);
	return work_open(ui, kind, row ? row->id : 0, &a->work);
}

static int act_note(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_NOTE);
}

static int act_redate(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_REDATE);
}

static int act_rag(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_RAG);
}

static int act_status(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_STATUS);
}

static int act_complete(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_COMPLETE);
}

static int act_edit(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_EDIT);
}

static int act_new(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_NEW);
}

static int act_undo(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_UNDO);
}

static int act_history(struct view *v, struct ui *ui)
{
	return act_work(v, ui, WORK_HISTORY);
}

static int act_pane(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	a->pane = pane_height(a, v->area.h) > 0 ? PANE_HIDDEN : PANE_SHOWN;
	resize_list(v, ui);
	if (a->pane == PANE_SHOWN && pane_height(a, v->area.h) == 0)
		ui_message(ui, false, "No room for the preview here; Enter opens the action in full");
	a->d.full = false;
	struct pb_error e = {0};
	return moved(v, ui, PB_OK, &e);
}

static int keep_plan(void *ctx, const struct plan_row *p);

/* Shows the plan step plans after (or before) the one shown; the first when none is. The plans are read again
 * each time, so a plan an import has just created is reached without a restart. */
static int step_plan(struct ui *ui, struct actions *a, int step)
{
	struct pb_error e = {0};
	a->nplans = 0;
	if (store_each_plan(a->store, keep_plan, a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	if (a->nplans == 0) {
		ui_message(ui, false, "There are no plans yet");
		return UI_REDRAW;
	}
	int cur = -1;
	for (int i = 0; i < a->nplans; i++)
		if (strcmp(a->plans[i], a->b->cur.filter.plan) == 0)
			cur = i;
	int next = cur < 0 ? (step > 0 ? 0 : a->nplans - 1) : (cur + step + a->nplans) % a->nplans;
	return browse_goto(ui, a->plans[next], 0);
}

static int act_next_plan(struct view *v, struct ui *ui)
{
	return step_plan(ui, v->priv, 1);
}

static int act_prev_plan(struct view *v, struct ui *ui)
{
	return step_plan(ui, v->priv, -1);
}

static int act_leave_search(struct view *v, struct ui *ui)
{
	(void)v;
	return browse_search_cancel(ui);
}

static int act_to_nav(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_TO_NAV;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down one action", act_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up one action", act_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", act_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", act_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First action", act_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last action", act_last, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Open the action in full: fields, history, updates, links", act_open, 0},
	{"leave-search", 27, {0}, "back", "Leave the search: back to the list as it was", act_leave_search, UI_MODE_SEARCH},
	{"preview", 'i', {0}, NULL, "Show or hide the preview pane under the list", act_pane, 0},
	{"next-plan", 'p', {0}, NULL, "Next plan (after the last, the first)", act_next_plan, 0},
	{"prev-plan", 'P', {0}, NULL, "Previous plan", act_prev_plan, 0},
	{"to-navigator", KEY_LEFT, {0}, NULL, "Go to the navigator", act_to_nav, 0},
	/* The officer's work on the selected action; after a save the list moves on to the next action. The hint bar
	 * at 80 columns is full with the keys above, so these are listed by ? (and shown in the action in full). */
	{"update", 'u', {0}, NULL, "Add a progress update (F2 or Ctrl-S saves it), then on to the next action", act_note, 0},
	{"redate", 'd', {0}, NULL, "Revise the target date, with a reason", act_redate, 0},
	{"rag", 'r', {0}, NULL, "Set the RAG (with a reason when it differs from the computed one)", act_rag, 0},
	{"status", 't', {0}, NULL, "Set the status", act_status, 0},
	{"complete", 'c', {0}, NULL, "Complete the action: today, or the day you type", act_complete, 0},
	{"edit", 'e', {0}, NULL, "Edit the action: title, owners, section, description, measure, target, outcome", act_edit, 0},
	{"new", 'n', {0}, NULL, "A new action in this plan and section, its ref suggested", act_new, 0},
	{"undo", 'z', {0}, NULL, "Undo the last change made in this session, one at a time (asks first)", act_undo, 0},
	{"history", 'h', {0}, NULL, "History: every change to the action, who made it and when", act_history, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct actions *a = ctx;
	if (a->nplans < MAX_PLANS)
		snprintf(a->plans[a->nplans++], sizeof a->plans[0], "%s", p->code);
	return PB_OK;
}

/* Reads the list the browse state asks for: a search remembers where the list was, and leaving it goes back there. */
static void actions_refresh(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	const struct browse_state *s = &a->b->cur;
	bool query = a->gen != a->b->gen;
	enum browse_kind was = a->shown;
	browse_store_filter(a->b, s->kind, true, &a->filter);
	a->sort = s->sort;
	a->gen = a->b->gen;
	a->shown = s->kind;
	v->mode = UI_MODE_LIST | (browse_filtered(a->b) ? UI_MODE_FILTERED : 0) | (s->kind == BROWSE_SEARCH ? UI_MODE_SEARCH : 0);
	set_empty(a);
	int status;
	if (!query) {
		status = listview_reload(a->lv, &e);
	} else if (s->kind == BROWSE_SEARCH && was != BROWSE_SEARCH) {
		a->back_sel = listview_index(a->lv);
		a->back_top = listview_top(a->lv);
		status = listview_reset(a->lv, &e);
	} else if (was == BROWSE_SEARCH && s->kind == a->b->before_kind) {
		status = listview_restore(a->lv, a->back_sel, a->back_top, &e);
	} else {
		status = listview_reset(a->lv, &e);
	}
	a->d.id = 0;
	if (ui->saved_id) { /* a form opened here has saved: on to the next action of the queue */
		const struct listview_row *row = listview_selected(a->lv);
		if (status == PB_OK && a->work.id == ui->saved_id && row && row->id == ui->saved_id)
			status = listview_move(a->lv, 1, &e);
		ui->saved_id = 0;
	}
	moved(v, ui, status, &e);
}

static int actions_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct actions *a = calloc(1, sizeof *a);
	struct listview_source src = {source_count, source_fetch, a};
	(void)arg;
	if (a)
		a->lv = listview_new(columns, NCOLS, src, NULL);
	if (!a || !a->lv) {
		free(a);
		ui_message(ui, true, "Out of memory opening the action list");
		return PB_FAIL;
	}
	a->store = ui->store;
	a->b = ui->browse;
	a->today = ui->today;
	a->utf8 = ui->utf8;
	a->gen = a->b->gen;
	a->shown = a->b->cur.kind;
	v->priv = a;
	if (store_each_plan(a->store, keep_plan, a, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	else if (a->nplans == 0)
		ui_message(ui, false, "No plans yet: `planbench init --demo` loads the sample plans, `planbench import` your own");
	actions_refresh(v, ui);
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

/* Writes text wrapped from line y to before end under a label; the last line ends in "…" when it goes on. */
static int pane_text(WINDOW *w, const struct ui_rect *r, int y, int end, const char *label, const char *text)
{
	const char *p = text, *next;
	for (bool first = true; y < end && *p; y++, first = false, p = next) {
		char line[1024];
		size_t n = ui_wrap(p, r->w - 10, &next);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (y + 1 == end && *next) { /* the text goes on: let ui_put end the line with "…" */
			size_t l = strlen(line);
			snprintf(line + l, sizeof line - l, " %s", next);
		}
		pane_line(w, r, y, first ? label : "", line, A_NORMAL);
	}
	return y;
}

/* The target line: as written, and the date it means now when that differs. */
static void target_text(const struct preview *d, const char *dot, char *buf, size_t len)
{
	char human[32] = "";
	struct date due;
	if (date_parse_iso(d->due_on, &due))
		date_format_human(due, human, sizeof human);
	if (*d->due_text && *human && strcmp(d->due_text, human) != 0)
		snprintf(buf, len, "%s%snow %s", d->due_text, dot, human);
	else
		snprintf(buf, len, "%s", *d->due_text ? d->due_text : *human ? human : "none");
}

/* Draws the preview pane into r. */
static void draw_pane(const struct actions *a, const struct ui *ui, WINDOW *w, struct ui_rect r)
{
	const struct preview *d = &a->d;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char buf[1024];
	int y = r.y, end = r.y + r.h;

	ui_hline(ui, w, y, r.x, r.w);
	if (!d->full) {
		ui_put(w, y + 1, r.x + 1, r.w - 2, "Nothing selected.", ui_attr(ui, UI_DIM), false);
		return;
	}
	snprintf(buf, sizeof buf, " %s%s%s %s ", d->ref, *d->section ? dot : "", d->section, d->section_title);
	ui_put(w, y, r.x + 2, text_width(buf) < r.w - 4 ? text_width(buf) : r.w - 4, buf, A_BOLD, false);
	if (++y < end)
		ui_put(w, y, r.x + 1, r.w - 2, d->title, A_BOLD, false);
	if (++y < end) {
		snprintf(buf, sizeof buf, "%s", *d->leads ? d->leads : "none named");
		if (*d->status)
			append(buf, sizeof buf, "%s%s", dot, status_label(d->status));
		pane_line(w, &r, y, "Leads", buf, A_NORMAL);
	}
	if (++y < end) {
		target_text(d, dot, buf, sizeof buf);
		if (d->days_over != DAYS_NONE && d->days_over > 0)
			append(buf, sizeof buf, "%s%ld day%s over", dot, d->days_over, d->days_over == 1 ? "" : "s");
		pane_line(w, &r, y, "Target", buf, A_NORMAL);
	}
	if (++y < end) {
		bool differ = rag_mismatch(d->rag, d->rag_computed);
		snprintf(buf, sizeof buf, "set %s, computed %s", d->rag ? rag_name(d->rag) : "none", rag_name(d->rag_computed));
		if (d->revisions > 0)
			append(buf, sizeof buf, "%starget revised %d time%s", dot, d->revisions, d->revisions == 1 ? "" : "s");
		pane_line(w, &r, y, "RAG", buf, differ ? ui_attr(ui, ui_rag_style(d->rag_computed) | UI_BOLD) : A_NORMAL);
	}
	if (++y >= end)
		return;
	if (*d->snip.kind) {
		snprintf(buf, sizeof buf, "%s%s%s", d->snip.kind, *d->snip.label ? " " : "", d->snip.label);
		ui_put(w, y, r.x + 1, 8, "Found", A_BOLD, false);
		ui_put_marked(w, y, r.x + 9, r.w - 10, buf, A_NORMAL, A_NORMAL);
		if (++y < end)
			ui_put_marked(w, y, r.x + 9, r.w - 10, d->snip.text, A_NORMAL, ui_attr(ui, UI_MATCH));
		return;
	}
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
	pane_text(w, &r, y, end, "Update", text);
}

static void actions_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct actions *a = v->priv;
	int ph = pane_height(a, v->area.h);
	listview_draw(a->lv, w, v->area.y, v->area.x, ui, v->focused);
	if (ph > 0)
		draw_pane(a, ui, w, (struct ui_rect){v->area.y + v->area.h - ph, v->area.x, ph, v->area.w});
}

static void actions_resize(struct view *v, struct ui *ui)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	resize_list(v, ui);
	if (pane_height(a, v->area.h) > 0 && !a->d.full)
		moved(v, ui, PB_OK, &e);
}

/* A click selects the row under it (a click on the selected row opens it); the wheel moves three rows. */
static int actions_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct actions *a = v->priv;
	struct pb_error e = {0};
	if (m->kind != UI_CLICK)
		return act_move(v, ui, m->kind == UI_WHEEL_UP ? -3 : 3);
	long i = listview_row_at(a->lv, m->y - v->area.y);
	if (i < 0)
		return UI_REDRAW;
	if (i == listview_index(a->lv))
		return act_open(v, ui);
	return moved(v, ui, listview_goto(a->lv, i, &e), &e);
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
	const struct browse_state *s = &a->b->cur;
	snprintf(f->where, sizeof f->where, "%s", s->filter.plan);
	browse_title(a->b, ui->utf8, f->title, sizeof f->title);
	if (a->more)
		snprintf(f->count, sizeof f->count, "%s", MORE_THAN_CAP);
	else if (s->kind != BROWSE_SEARCH || *s->search)
		snprintf(f->count, sizeof f->count, "%ld", n);
	browse_describe(a->b, f->filter, sizeof f->filter);
	if (row && a->d.id == row->id && *a->d.snip.kind)
		snprintf(f->info, sizeof f->info, "in %s%s%.200s: %.600s", a->d.snip.kind, *a->d.snip.label ? " " : "",
			 a->d.snip.label, a->d.snip.text);
	else if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	/* not ranked past STORE_SEARCH_RANKED: the first found, in plan order unless another order was chosen */
	enum action_sort shown = a->sort == SORT_RANK && a->filter.search_cap && n > STORE_SEARCH_RANKED ? SORT_PLAN : a->sort;
	if (n > 0 && a->more)
		snprintf(f->position, sizeof f->position, "by %s  %ld/%s", browse_sort_name(shown), listview_index(a->lv) + 1,
			 MORE_THAN_CAP);
	else if (n > 0)
		snprintf(f->position, sizeof f->position, "by %s  %ld/%ld", browse_sort_name(shown), listview_index(a->lv) + 1, n);
}

const struct view_ops view_actions = {
	.name = "Action list",
	.keys = keys,
	.init = actions_init,
	.draw = actions_draw,
	.key = NULL,
	.resize = actions_resize,
	.free = actions_free,
	.frame = actions_frame,
	.mouse = actions_mouse,
	.reload = actions_refresh,
};
