/* view_nav.c — the navigator left of the list: the views with live counts, every plan as a tree of its
 * sections, and the screens later releases bring (shown, but saying so rather than pretending). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/browse.h"
#include "tui/listview.h"
#include "tui/ui.h"

#define NAV_MAX 512
#define NAV_PLANS_MAX 64

enum nav_kind { NAV_VIEW, NAV_PLANS, NAV_PLAN, NAV_SECTION, NAV_LATER };

/* One line of the navigator. */
#define MAX_NAV_VIEWS 8 /* the views the navigator counts */

struct nav_entry {
	enum nav_kind kind;
	enum browse_kind view; /* NAV_VIEW */
	char plan[32];	       /* NAV_PLAN, NAV_SECTION */
	long section_id, parent_id;
	int up;		       /* NAV_PLAN, NAV_SECTION: the entry it is under in the tree (a section or the plan), or -1 */
	char label[232];
	int depth;	   /* in a plan's tree: the plan 0, its sections 1 and deeper */
	long count;	   /* actions, -1 when not counted */
	bool parent, open; /* has entries under it; they are shown */
	const char *later; /* NAV_LATER: which release brings it (or, with a screen, what the screen is) */
	const struct view_ops *screen; /* NAV_LATER: the screen Enter opens, once a release has brought it */
};

struct nav {
	struct browse *b;
	struct store *store;
	bool utf8;
	struct nav_entry e[NAV_MAX];
	int n;
	int vis[NAV_MAX]; /* entries shown, in order */
	int nvis;
	struct listview *lv;
	unsigned gen, filter_gen; /* the browse state the marks and the counts were made for */
	struct section_at {
		long id;
		int at;
	} sections[NAV_MAX]; /* the section entries by id, to find one without reading them all (a count each) */
	int nsections;
};

enum { COL_NAME, COL_COUNT, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_NAME] = {.title = "Views", .width = 0, .min = 8},
	[COL_COUNT] = {.title = "", .width = 4, .min = 3, .align = LISTVIEW_RIGHT},
};

/* The screens of later releases, in the order the design lists them. */
static const struct {
	const char *label, *later;
	const struct view_ops *screen; /* NULL until it is built */
} later[] = {
	{"Engagement", "tenant engagement records, the actions they informed, and the summary", &view_engagement},
	{"Reviews", "one-to-one reviews, and a new one", &view_reviews},
	{"Reports", "RAG bars and lists of a plan", &view_report},
	{"Sync", "change sets to and from other laptops: peers, what to send, a file to preview and apply", &view_sync},
};

/* ---- building the entries ---- */

static struct nav_entry *add(struct nav *n, enum nav_kind kind, const char *label)
{
	if (n->n == NAV_MAX)
		return NULL;
	struct nav_entry *e = &n->e[n->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->count = -1;
	e->up = -1;
	snprintf(e->label, sizeof e->label, "%s", label);
	return e;
}

struct plan_list {
	char code[NAV_PLANS_MAX][32];
	int n;
};

static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct plan_list *l = ctx;
	if (l->n < NAV_PLANS_MAX)
		snprintf(l->code[l->n++], sizeof l->code[0], "%s", p->code);
	return PB_OK;
}

struct section_ctx {
	struct nav *n;
	const char *plan;
	int plan_at; /* the plan's entry */
};

/* Store callback: one section under its plan. */
static int keep_section(void *ctx, const struct section_row *r)
{
	struct section_ctx *c = ctx;
	char label[232];
	snprintf(label, sizeof label, "%s %s", r->code, r->title);
	struct nav_entry *e = add(c->n, NAV_SECTION, label);
	if (!e)
		return PB_OK;
	snprintf(e->plan, sizeof e->plan, "%s", c->plan);
	e->section_id = r->id;
	e->parent_id = r->parent_id;
	e->up = c->plan_at; /* until index_sections finds the parent section */
	e->depth = r->depth + 1;
	return PB_OK;
}

static int by_section_id(const void *x, const void *y)
{
	long a = ((const struct section_at *)x)->id, b = ((const struct section_at *)y)->id;
	return (a > b) - (a < b);
}

/* The entry of section id, or -1. */
static int section_entry(const struct nav *n, long id)
{
	struct section_at key = {id, -1};
	const struct section_at *found = bsearch(&key, n->sections, (size_t)n->nsections, sizeof key, by_section_id);
	return found ? found->at : -1;
}

/* Indexes the section entries by id and links each to the section above it. */
static void index_sections(struct nav *n)
{
	n->nsections = 0;
	for (int i = 0; i < n->n; i++)
		if (n->e[i].kind == NAV_SECTION)
			n->sections[n->nsections++] = (struct section_at){n->e[i].section_id, i};
	qsort(n->sections, (size_t)n->nsections, sizeof n->sections[0], by_section_id);
	for (int i = 0; i < n->n; i++) {
		int parent = n->e[i].kind == NAV_SECTION && n->e[i].parent_id ? section_entry(n, n->e[i].parent_id) : -1;
		if (parent >= 0)
			n->e[i].up = parent;
	}
}

/* Reads the views, the plans with their sections, and the screens to come. */
static int build(struct nav *n, struct pb_error *e)
{
	static const enum browse_kind views[] = {BROWSE_OVERDUE, BROWSE_DUE_SOON, BROWSE_MINE, BROWSE_ALL};
	struct plan_list plans = {.n = 0};
	n->n = 0;
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		add(n, NAV_VIEW, i == 3 ? "All" : browse_kind_name(views[i]))->view = views[i];
	add(n, NAV_PLANS, "Plans");
	int status = store_each_plan(n->store, keep_plan, &plans, e);
	for (int p = 0; status == PB_OK && p < plans.n; p++) {
		struct nav_entry *pe = add(n, NAV_PLAN, plans.code[p]);
		if (!pe)
			break;
		snprintf(pe->plan, sizeof pe->plan, "%s", plans.code[p]);
		int first = n->n;
		struct section_ctx sc = {n, plans.code[p], (int)(pe - n->e)};
		status = store_each_section(n->store, plans.code[p], keep_section, &sc, e);
		pe->parent = n->n > first;
	}
	for (int i = 0; i < n->n - 1; i++)
		if (n->e[i].kind == NAV_SECTION && n->e[i + 1].kind == NAV_SECTION && n->e[i + 1].parent_id == n->e[i].section_id)
			n->e[i].parent = true;
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
		struct nav_entry *le = add(n, NAV_LATER, later[i].label);
		if (le)
			le->later = later[i].later, le->screen = later[i].screen;
	}
	index_sections(n);
	return status;
}

/* Works out which entries show: those not under a closed plan or section. */
static void find_visible(struct nav *n)
{
	int hide_below = INT_MAX;
	n->nvis = 0;
	for (int i = 0; i < n->n; i++) {
		struct nav_entry *e = &n->e[i];
		bool tree = e->kind == NAV_PLAN || e->kind == NAV_SECTION;
		if (tree && e->depth > hide_below)
			continue;
		n->vis[n->nvis++] = i;
		hide_below = tree && e->parent && !e->open ? e->depth : INT_MAX;
	}
}

/* The entry of section id, or of plan when id is 0; -1 when none. */
static int find_entry(const struct nav *n, const char *plan, long id)
{
	if (id)
		return section_entry(n, id);
	for (int i = 0; i < n->n; i++)
		if (n->e[i].kind == NAV_PLAN && strcmp(n->e[i].plan, plan) == 0)
			return i;
	return -1;
}

/* Opens the plan and sections above entry i so it shows. */
static void reveal(struct nav *n, int i)
{
	while (i >= 0 && n->e[i].kind == NAV_SECTION) {
		const struct nav_entry *e = &n->e[i];
		i = find_entry(n, e->plan, e->parent_id);
		if (i >= 0)
			n->e[i].open = true;
	}
}

/* ---- counts ---- */

/* Store callback: adds one plan/section count to the section, the sections above it and the plan, and to Plans. */
static int add_count(void *ctx, const char *plan, long section_id, long count)
{
	struct nav *n = ctx;
	int i = section_id ? section_entry(n, section_id) : -1;
	for (i = i >= 0 ? i : find_entry(n, plan, 0); i >= 0; i = n->e[i].up)
		n->e[i].count += count;
	for (int p = 0; p < n->n; p++)
		if (n->e[p].kind == NAV_PLANS) {
			n->e[p].count += count;
			break;
		}
	return PB_OK;
}

/* Counts every view under the filter, and every plan and section under the filter without its plan. */
static int recount(struct nav *n, struct pb_error *e)
{
	struct action_filter base, views[MAX_NAV_VIEWS];
	long counts[MAX_NAV_VIEWS];
	int at[MAX_NAV_VIEWS], nviews = 0;
	for (int i = 0; i < n->n; i++) {
		struct nav_entry *en = &n->e[i];
		en->count = en->kind == NAV_LATER ? -1 : 0;
		if (en->kind != NAV_VIEW)
			continue;
		if ((en->view == BROWSE_MINE && n->b->me_id == 0) || nviews == MAX_NAV_VIEWS) {
			en->count = -1;
			continue;
		}
		browse_store_filter(n->b, en->view, true, &views[nviews]);
		at[nviews++] = i;
	}
	/* The views and the tree in one call: one pass over an owner's actions under an owner filter. */
	browse_store_filter(n->b, BROWSE_ALL, false, &base);
	int status = store_count_nav(n->store, &base, views, nviews, counts, add_count, n, e);
	for (int k = 0; k < nviews && status == PB_OK; k++)
		n->e[at[k]].count = counts[k];
	n->filter_gen = n->b->filter_gen;
	return status;
}

/* ---- the list of entries ---- */

/* Whether the entry is what the action list shows now. */
static bool current(const struct nav *n, const struct nav_entry *e)
{
	const struct browse_state *s = &n->b->cur;
	switch (e->kind) {
	case NAV_VIEW: return s->kind == e->view;
	case NAV_PLANS: return !*s->filter.plan;
	case NAV_PLAN: return strcmp(s->filter.plan, e->plan) == 0 && !s->filter.section_id;
	case NAV_SECTION: return s->filter.section_id == e->section_id;
	default: return false;
	}
}

static int nav_count_rows(void *ctx, long *count, struct pb_error *e)
{
	struct nav *n = ctx;
	(void)e;
	*count = n->nvis;
	return PB_OK;
}

/* Row provider: the visible entries, indented, with their counts; the current ones bold. */
static int nav_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct nav *n = ctx;
	(void)e;
	for (long r = offset; r < offset + limit && r < n->nvis; r++) {
		const struct nav_entry *en = &n->e[n->vis[r]];
		struct listview_row *row = listview_add_row(lv, n->vis[r]);
		char label[300], count[24] = "";
		const char *mark = !en->parent ? "  " : en->open ? (n->utf8 ? "\xE2\x96\xBE " : "- ") : (n->utf8 ? "\xE2\x96\xB8 " : "+ ");
		bool tree = en->kind == NAV_PLAN || en->kind == NAV_SECTION;
		snprintf(label, sizeof label, "%*s%s%s", tree ? 2 * en->depth : 0, "", tree ? mark : "", en->label);
		if (en->count >= 0)
			snprintf(count, sizeof count, "%ld", en->count);
		else
			snprintf(count, sizeof count, "%s", n->utf8 ? "\xE2\x80\x93" : "-");
		int style = !en->screen && (en->kind == NAV_LATER || en->count < 0) ? UI_DIM : en->kind == NAV_PLANS ? UI_TITLES : UI_NORMAL;
		if (current(n, en))
			style = UI_NORMAL | UI_BOLD;
		listview_set_cell(row, COL_NAME, label, style);
		listview_set_cell(row, COL_COUNT, count, style);
	}
	return PB_OK;
}

static struct nav_entry *selected(struct nav *n)
{
	const struct listview_row *row = listview_selected(n->lv);
	return row ? &n->e[row->id] : NULL;
}

/* Shows the entries again after a plan or section opened or closed, keeping entry i selected. */
static void relist(struct nav *n, int i)
{
	find_visible(n);
	listview_reload(n->lv, NULL);
	for (int r = 0; r < n->nvis; r++)
		if (n->vis[r] == i)
			listview_goto(n->lv, r, NULL);
}

/* ---- key handlers ---- */

static int nav_move(struct view *v, long delta)
{
	listview_move(((struct nav *)v->priv)->lv, delta, NULL);
	return UI_REDRAW;
}

static int nav_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return nav_move(v, 1);
}

static int nav_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return nav_move(v, -1);
}

static int nav_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(((struct nav *)v->priv)->lv, 1, NULL);
	return UI_REDRAW;
}

static int nav_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(((struct nav *)v->priv)->lv, -1, NULL);
	return UI_REDRAW;
}

static int nav_first(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(((struct nav *)v->priv)->lv, 0, NULL);
	return UI_REDRAW;
}

static int nav_last(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(((struct nav *)v->priv)->lv, -1, NULL);
	return UI_REDRAW;
}

/* Shows the selected entry in the list; a screen of a later release says so instead. */
static int show(struct view *v, struct ui *ui, bool go)
{
	struct nav *n = v->priv;
	struct nav_entry *e = selected(n);
	int r = UI_REDRAW;
	if (!e)
		return r;
	switch (e->kind) {
	case NAV_VIEW: r = browse_set_kind(ui, e->view); break;
	case NAV_PLANS: r = browse_goto(ui, NULL, 0); break;
	case NAV_PLAN: r = browse_goto(ui, e->plan, 0); break;
	case NAV_SECTION: r = browse_goto(ui, e->plan, e->section_id); break;
	case NAV_LATER:
		if (e->screen)
			return ui_open(ui, e->screen, NULL) | UI_REDRAW;
		ui_message(ui, false, "%s", e->later);
		return r;
	}
	if (*ui->message && ui->message_error)
		return r;
	return r | UI_RELOAD | (go ? UI_TO_LIST : 0);
}

static int nav_enter(struct view *v, struct ui *ui)
{
	return show(v, ui, true);
}

static int nav_peek(struct view *v, struct ui *ui)
{
	return show(v, ui, false);
}

static int nav_expand(struct view *v, struct ui *ui)
{
	struct nav *n = v->priv;
	struct nav_entry *e = selected(n);
	if (!e || !e->parent || e->open)
		return show(v, ui, false);
	e->open = true;
	relist(n, (int)(e - n->e));
	return UI_REDRAW;
}

static int nav_collapse(struct view *v, struct ui *ui)
{
	struct nav *n = v->priv;
	struct nav_entry *e = selected(n);
	(void)ui;
	if (!e)
		return UI_REDRAW;
	if (e->parent && e->open) {
		e->open = false;
		relist(n, (int)(e - n->e));
	} else if (e->kind == NAV_SECTION) {
		int up = find_entry(n, e->plan, e->parent_id);
		relist(n, up);
	}
	return UI_REDRAW;
}

static int nav_leave(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_TO_LIST;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", nav_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up", nav_up, 0},
	{"page-down", KEY_NPAGE, {0}, NULL, "Page down", nav_page_down, 0},
	{"page-up", KEY_PPAGE, {0}, NULL, "Page up", nav_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First entry", nav_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last entry", nav_last, 0},
	{"show", '\n', {'\r', KEY_ENTER}, "show", "Show it in the list and go to the list", nav_enter, 0},
	{"peek", ' ', {0}, NULL, "Show it in the list, staying in the navigator", nav_peek, 0},
	{"open", KEY_RIGHT, {'l', '+'}, "open", "Open a plan or section to see the sections under it", nav_expand, 0},
	{"close", KEY_LEFT, {'h', '-'}, "close", "Close it, or go up to the plan or section it is in", nav_collapse, 0},
	{"back", 27, {0}, NULL, "Back to the list", nav_leave, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Puts the selection on the entry the list shows now. */
static void select_current(struct nav *n)
{
	for (int r = 0; r < n->nvis; r++) {
		const struct nav_entry *e = &n->e[n->vis[r]];
		if (current(n, e) && (e->kind != NAV_PLANS || n->b->cur.kind == BROWSE_ALL)) {
			listview_goto(n->lv, r, NULL);
			return;
		}
	}
}

/* Opens the plan and sections down to the one the list shows, so it can be seen. */
static void open_current(struct nav *n)
{
	const struct browse_filter *f = &n->b->cur.filter;
	int cur = *f->plan ? find_entry(n, f->plan, f->section_id) : -1;
	if (cur < 0)
		return;
	reveal(n, cur);
	int p = find_entry(n, f->plan, 0);
	if (p >= 0)
		n->e[p].open = true;
}

static int nav_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct nav *n = calloc(1, sizeof *n);
	struct listview_source src = {nav_count_rows, nav_fetch, n};
	(void)arg;
	if (n)
		n->lv = listview_new(columns, NCOLS, src, NULL);
	if (!n || !n->lv) {
		free(n);
		ui_message(ui, true, "Out of memory opening the navigator");
		return PB_FAIL;
	}
	v->priv = n;
	n->b = ui->browse;
	n->store = ui->store;
	n->utf8 = ui->utf8;
	if (build(n, &e) != PB_OK || recount(n, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	open_current(n);
	n->gen = n->b->gen;
	v->mode = UI_MODE_LIST | (browse_filtered(n->b) ? UI_MODE_FILTERED : 0);
	find_visible(n);
	listview_reset(n->lv, NULL);
	select_current(n);
	return PB_OK;
}

static void nav_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct nav *n = v->priv;
	(void)ui;
	listview_draw(n->lv, w, v->area.y, v->area.x, ui, v->focused);
}

static void nav_resize(struct view *v, struct ui *ui)
{
	struct nav *n = v->priv;
	(void)ui;
	listview_set_size(n->lv, v->area.h, v->area.w, NULL);
}

/* Whether the plans here are not the number the navigator lists (the import screen has made one). */
static bool plans_changed(struct nav *n)
{
	struct plan_list plans = {.n = 0};
	struct pb_error e = {0};
	int listed = 0;
	if (store_each_plan(n->store, keep_plan, &plans, &e) != PB_OK)
		return false;
	for (int i = 0; i < n->n; i++)
		listed += n->e[i].kind == NAV_PLAN;
	return plans.n != listed;
}

/* Recounts when the filter changed (Ctrl-L also counts as a change: the data may have), and marks what the list
 * shows; when the list changed from elsewhere (a command, a key in the list) the selection follows it. */
static void nav_refresh(struct view *v, struct ui *ui)
{
	struct nav *n = v->priv;
	struct pb_error e = {0};
	bool moved = n->gen != n->b->gen;
	if (n->filter_gen != n->b->filter_gen && plans_changed(n)) { /* an import made a plan: list it */
		if (build(n, &e) != PB_OK)
			ui_message(ui, true, "%s", e.msg);
		find_visible(n);
	}
	if (n->filter_gen != n->b->filter_gen && recount(n, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	n->gen = n->b->gen;
	v->mode = UI_MODE_LIST | (browse_filtered(n->b) ? UI_MODE_FILTERED : 0);
	if (moved && !v->focused) {
		open_current(n);
		find_visible(n);
		listview_reload(n->lv, NULL);
		select_current(n);
		return;
	}
	listview_reload(n->lv, NULL);
}

static int nav_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct nav *n = v->priv;
	if (m->kind != UI_CLICK)
		return nav_move(v, m->kind == UI_WHEEL_UP ? -3 : 3);
	long i = listview_row_at(n->lv, m->y - v->area.y);
	if (i < 0)
		return UI_REDRAW;
	bool again = i == listview_index(n->lv);
	listview_goto(n->lv, i, NULL);
	struct nav_entry *e = selected(n);
	if (again && e && e->parent) { /* a second click opens or closes it */
		e->open = !e->open;
		relist(n, (int)(e - n->e));
		return UI_REDRAW;
	}
	return show(v, ui, false);
}

static void nav_free(struct view *v)
{
	struct nav *n = v->priv;
	if (!n)
		return;
	listview_free(n->lv);
	free(n);
	v->priv = NULL;
}

/* On the status line: the selected entry in full, with its count. */
static void nav_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct nav *n = v->priv;
	const struct nav_entry *e = selected(n);
	(void)ui;
	if (!e)
		return;
	if (e->kind == NAV_LATER)
		snprintf(f->info, sizeof f->info, e->screen ? "%s: %s; Enter opens it" : "%s: not in this release", e->label, e->later);
	else if (e->count >= 0)
		snprintf(f->info, sizeof f->info, "%s: %ld action%s", e->kind == NAV_PLANS ? "Every plan" : e->label, e->count,
			 e->count == 1 ? "" : "s");
	else
		snprintf(f->info, sizeof f->info, "%s", e->label);
}

const struct view_ops view_nav = {
	.name = "Navigator",
	.keys = keys,
	.init = nav_init,
	.draw = nav_draw,
	.key = NULL,
	.resize = nav_resize,
	.free = nav_free,
	.frame = nav_frame,
	.mouse = nav_mouse,
	.reload = nav_refresh,
};
