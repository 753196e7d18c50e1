/* view_report.c — the quarterly RAG report in the workbench: a plan's top-level sections as bars of Red, Amber, Green
 * and Complete drawn in block characters (a letter and a count in every segment, so they read without colour), the
 * compared snapshot's bars beside them, and the report's lists — overdue, revised since, RAG mismatches, completed
 * since — each line opening its action. S takes a snapshot, c chooses the one compared, p the plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/report.h"
#include "store/update.h"
#include "tui/browse.h"
#include "tui/listview.h"
#include "tui/ui.h"
#include "tui/view_ask.h"

#define MAX_PLANS 64
#define MAX_SNAPS 128	  /* the newest are kept: a snapshot a quarter is 32 years */
#define MIN_LIST_LINES 5  /* the list keeps its titles and four rows, however many sections there are */
#define COUNT_COLS 4	  /* the actions count before a bar */

enum { L_OVERDUE, L_REVISED, L_MISMATCH, L_COMPLETED, NLISTS };

static const char *const list_names[NLISTS] = {"Overdue", "Revised since", "Mismatches", "Completed since"};

/* The columns of each list: the lists show different facts, so each has its own layout. */
enum { C_RAG, C_REF, C_TITLE, C_LEAD, C_A, C_B, NCOLS };
static const struct listview_column columns[NLISTS][NCOLS] = {
	[L_OVERDUE] = {{"RAG", 3, 3, 0, false, LISTVIEW_LEFT}, {"Ref", 9, 4, 0, true, LISTVIEW_LEFT},
		       {"Title", 0, 16, 0, false, LISTVIEW_LEFT}, {"Lead", 18, 10, 0, true, LISTVIEW_LEFT},
		       {"Due", 11, 11, 0, false, LISTVIEW_LEFT}, {"Over", 5, 4, 0, false, LISTVIEW_RIGHT}},
	[L_REVISED] = {{"RAG", 3, 3, 0, false, LISTVIEW_LEFT}, {"Ref", 9, 4, 0, true, LISTVIEW_LEFT},
		       {"Title", 0, 12, 0, false, LISTVIEW_LEFT}, {"Reason", 30, 10, 0, true, LISTVIEW_LEFT},
		       {"From", 11, 11, 0, false, LISTVIEW_LEFT}, {"To", 11, 11, 0, false, LISTVIEW_LEFT}},
	[L_MISMATCH] = {{"RAG", 3, 3, 0, false, LISTVIEW_LEFT}, {"Ref", 9, 4, 0, true, LISTVIEW_LEFT},
			{"Title", 28, 12, 0, true, LISTVIEW_LEFT}, {"Why", 0, 20, 0, false, LISTVIEW_LEFT},
			{"", 1, 1, 1000, false, LISTVIEW_LEFT}, {"", 1, 1, 1000, false, LISTVIEW_LEFT}},
	[L_COMPLETED] = {{"RAG", 3, 3, 0, false, LISTVIEW_LEFT}, {"Ref", 9, 4, 0, true, LISTVIEW_LEFT},
			 {"Title", 0, 16, 0, false, LISTVIEW_LEFT}, {"Lead", 18, 10, 0, true, LISTVIEW_LEFT},
			 {"Due", 11, 11, 0, false, LISTVIEW_LEFT}, {"Completed", 11, 11, 0, false, LISTVIEW_LEFT}},
};

struct rv;

/* A list as a row provider: the view and which list. */
struct source {
	struct rv *r;
	int list;
};

struct rv {
	struct ui *ui;
	struct store *store;
	char plans[MAX_PLANS][32];
	int nplans, plan;
	struct snapshot_info snaps[MAX_SNAPS]; /* oldest first */
	int nsnaps, cmp;		       /* cmp: the snapshot compared, -1 for none */
	char cmp_label[256];		       /* kept across reloads; "" with cmp_none for none */
	bool cmp_none;
	struct report_plan p;
	bool have; /* p holds counts */
	struct report_counts all_now, all_then;
	long count[NLISTS];
	int list;
	struct listview *lv[NLISTS];
	struct source src[NLISTS];
	long open_id;
	char label[128]; /* the snapshot label offered */
	struct ask_request ask;
};

/* ---- reading ---- */

static const struct snapshot_info *compared(const struct rv *r)
{
	return r->cmp >= 0 ? &r->snaps[r->cmp] : NULL;
}

static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct rv *r = ctx;
	if (r->nplans < MAX_PLANS)
		snprintf(r->plans[r->nplans++], sizeof r->plans[0], "%s", p->code);
	return PB_OK;
}

/* Store callback: the snapshots, oldest first; past MAX_SNAPS the oldest make way. */
static int keep_snapshot(void *ctx, const struct snapshot_row *s)
{
	struct rv *r = ctx;
	if (r->nsnaps == MAX_SNAPS) {
		memmove(r->snaps, r->snaps + 1, sizeof r->snaps[0] * (MAX_SNAPS - 1));
		r->nsnaps--;
	}
	struct snapshot_info *i = &r->snaps[r->nsnaps++];
	memset(i, 0, sizeof *i);
	i->id = s->id;
	snprintf(i->label, sizeof i->label, "%s", s->label);
	snprintf(i->taken_on, sizeof i->taken_on, "%s", s->taken_on);
	snprintf(i->taken_at, sizeof i->taken_at, "%s", s->taken_at);
	i->actions = s->actions;
	return PB_OK;
}

/* Reads the snapshots and finds the one to compare: the one chosen before, else the newest (none when none). */
static int read_snapshots(struct rv *r, struct pb_error *e)
{
	r->nsnaps = 0;
	r->cmp = -1;
	int status = store_each_snapshot(r->store, keep_snapshot, r, e);
	if (status != PB_OK || r->cmp_none)
		return status;
	for (int i = 0; i < r->nsnaps; i++)
		if (text_ieq(r->snaps[i].label, r->cmp_label))
			r->cmp = i;
	if (r->cmp < 0)
		r->cmp = r->nsnaps - 1;
	return PB_OK;
}

/* A walk over one of the report's lists: counting it, or adding the rows of one page to lv. */
struct walk {
	struct rv *r;
	int list;
	struct listview *lv; /* NULL: only count */
	long offset, limit, index;
	struct pb_error *e;
};

/* "31 May 2026" from an ISO date, or the text as it is. */
static void human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso);
}

/* The RAG cell: "[R]", or "G≠R" (set, computed) when they differ, styled by the computed one. */
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

/* Fills a row of list w->list from it; the note is the whole line for the status line. */
static void fill_row(struct walk *w, struct listview_row *row, const struct report_item *it)
{
	char rag[16], a[64] = "", b[64] = "", due[32];
	int style;
	rag_cell(it->rag, it->rag_computed, w->r->ui->utf8, rag, &style);
	listview_set_cell(row, C_RAG, rag, style);
	listview_set_cell(row, C_REF, it->ref, UI_NORMAL);
	listview_set_cell(row, C_TITLE, it->title, UI_NORMAL);
	human(it->due_on, due, sizeof due);
	switch (w->list) {
	case L_OVERDUE:
		snprintf(b, sizeof b, "%ldd", it->days_over);
		listview_set_cell(row, C_LEAD, it->leads, UI_NORMAL);
		listview_set_cell(row, C_A, due, UI_NORMAL);
		listview_set_cell(row, C_B, b, UI_RED);
		snprintf(row->note, sizeof row->note, "%s %.120s: due %s, %ld day%s over; %s", it->ref, it->title, due, it->days_over,
			 it->days_over == 1 ? "" : "s", *it->leads ? it->leads : "no lead named");
		break;
	case L_REVISED:
		human(it->from_on, a, sizeof a);
		human(it->to_on, b, sizeof b);
		listview_set_cell(row, C_LEAD, it->note, UI_NORMAL);
		listview_set_cell(row, C_A, a, UI_NORMAL);
		listview_set_cell(row, C_B, b, UI_NORMAL);
		snprintf(row->note, sizeof row->note, "%s: %s %s %s on %s%s%s: %s", it->ref, a, w->r->ui->utf8 ? "\xE2\x86\x92" : "->",
			 b, it->changed_on, *it->changed_by ? " by " : "", it->changed_by, *it->note ? it->note : "no reason given");
		break;
	case L_MISMATCH:
		listview_set_cell(row, C_LEAD, it->note, UI_NORMAL);
		snprintf(row->note, sizeof row->note, "%s: %s", it->ref, it->note);
		break;
	default:
		human(it->completed_on, b, sizeof b);
		listview_set_cell(row, C_LEAD, it->leads, UI_NORMAL);
		listview_set_cell(row, C_A, due, UI_NORMAL);
		listview_set_cell(row, C_B, b, UI_NORMAL);
		snprintf(row->note, sizeof row->note, "%s %.160s: completed %s", it->ref, it->title, *b ? b : "(no date recorded)");
		break;
	}
}

/* Store callback: counts the item, and adds it when it falls on the page being fetched. */
static int walk_item(void *ctx, const struct report_item *it)
{
	struct walk *w = ctx;
	long i = w->index++;
	if (!w->lv || i < w->offset || i >= w->offset + w->limit)
		return PB_OK;
	long id = 0;
	if (store_find_action(w->r->store, w->r->plans[w->r->plan], it->ref, &id, w->e) != PB_OK)
		return w->e->status;
	struct listview_row *row = listview_add_row(w->lv, id);
	if (row)
		fill_row(w, row, it);
	return PB_OK;
}

/* Streams list w->list of the plan through walk_item; the lists since a snapshot are empty without one. */
static int walk_list(struct walk *w)
{
	struct rv *r = w->r;
	const char *plan = r->plans[r->plan];
	const struct snapshot_info *snap = compared(r);
	switch (w->list) {
	case L_OVERDUE: return store_report_each_overdue(r->store, plan, walk_item, w, w->e);
	case L_MISMATCH: return store_report_each_mismatch(r->store, plan, walk_item, w, w->e);
	case L_REVISED: return snap ? store_report_each_revised(r->store, plan, snap, walk_item, w, w->e) : PB_OK;
	default: return snap ? store_report_each_completed(r->store, plan, snap, walk_item, w, w->e) : PB_OK;
	}
}

static int list_count(void *ctx, long *n, struct pb_error *e)
{
	struct source *s = ctx;
	*n = s->r->count[s->list];
	(void)e;
	return PB_OK;
}

static int list_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct source *s = ctx;
	struct walk w = {s->r, s->list, lv, offset, limit, 0, e};
	return walk_list(&w);
}

/* Reads everything the view shows: plans, snapshots, counts and the lists' lengths. */
static int load(struct rv *r, struct pb_error *e)
{
	char plan[32];
	snprintf(plan, sizeof plan, "%s", r->nplans ? r->plans[r->plan] : "");
	r->nplans = 0;
	int status = store_each_plan(r->store, keep_plan, r, e);
	if (status != PB_OK)
		return status;
	if (r->nplans == 0)
		return pb_fail(e, PB_BAD_INPUT, "There are no plans to report on yet: :import FILE brings a tracker in");
	r->plan = 0;
	for (int i = 0; i < r->nplans; i++)
		if (text_ieq(r->plans[i], plan))
			r->plan = i;
	if ((status = read_snapshots(r, e)) != PB_OK)
		return status;
	if (r->have)
		report_plan_free(&r->p);
	r->have = false;
	if ((status = store_report_counts(r->store, r->plans[r->plan], compared(r), &r->p, e)) != PB_OK)
		return status;
	r->have = true;
	report_plan_totals(&r->p, &r->all_now, &r->all_then);
	for (int l = 0; l < NLISTS && status == PB_OK; l++) {
		struct walk w = {r, l, NULL, 0, 0, 0, e};
		status = walk_list(&w);
		r->count[l] = w.index;
	}
	return status;
}

/* ---- layout ---- */

/* Section lines shown: as many as leave the list its lines. */
static int sections_shown(const struct rv *r, int h)
{
	int n = r->have ? (int)r->p.nsections : 0, room = h - 4 - MIN_LIST_LINES;
	if (room < 1)
		room = 1;
	return n < room ? n : room;
}

/* Lines above the list: column heads, the sections, All, the summary and the list tabs. */
static int bars_height(const struct rv *r, int h)
{
	return sections_shown(r, h) + 4;
}

/* Sizes the current list to what the bars leave. */
static void size_list(struct view *v)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	int h = v->area.h - bars_height(r, v->area.h);
	if (listview_set_size(r->lv[r->list], h, v->area.w, &e) != PB_OK)
		ui_message(r->ui, true, "%s", e.msg);
}

/* Reads again and shows the lists from their tops; a failure goes to the status line. */
static void reread(struct view *v)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	if (load(r, &e) != PB_OK) {
		ui_message(r->ui, true, "%s", e.msg);
		memset(r->count, 0, sizeof r->count);
	}
	for (int l = 0; l < NLISTS; l++)
		listview_set_empty(r->lv[l], l == L_REVISED || l == L_COMPLETED
					     ? (compared(r) ? "Nothing since the snapshot." : "No snapshot to compare with: S takes one, c chooses one.")
					     : l == L_OVERDUE ? "Nothing in this plan is overdue." : "Every set RAG agrees with the dates.");
	size_list(v);
	if (listview_reload(r->lv[r->list], &e) != PB_OK)
		ui_message(r->ui, true, "%s", e.msg);
}

/* ---- keys ---- */

static struct listview *lv_of(struct view *v)
{
	struct rv *r = v->priv;
	return r->lv[r->list];
}

/* After a move: a store error goes to the status line. */
static int moved(struct view *v, int status, struct pb_error *e)
{
	if (status != PB_OK)
		ui_message(((struct rv *)v->priv)->ui, true, "%s", e->msg);
	return UI_REDRAW;
}

static int rep_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_move(lv_of(v), 1, &e), &e);
}

static int rep_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_move(lv_of(v), -1, &e), &e);
}

static int rep_page_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_page(lv_of(v), 1, &e), &e);
}

static int rep_page_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_page(lv_of(v), -1, &e), &e);
}

static int rep_first(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_goto(lv_of(v), 0, &e), &e);
}

static int rep_last(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	(void)ui;
	return moved(v, listview_goto(lv_of(v), -1, &e), &e);
}

static int rep_open(struct view *v, struct ui *ui)
{
	struct rv *r = v->priv;
	const struct listview_row *row = listview_selected(lv_of(v));
	if (!row) {
		ui_message(ui, false, "Nothing is selected: this list is empty");
		return UI_REDRAW;
	}
	r->open_id = row->id;
	return ui_open(ui, &view_detail, &r->open_id);
}

/* Shows list (l + step) of the four. */
static int step_list(struct view *v, int step)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	r->list = (r->list + step + NLISTS) % NLISTS;
	size_list(v);
	return moved(v, listview_reset(r->lv[r->list], &e), &e);
}

static int rep_next_list(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_list(v, 1);
}

static int rep_prev_list(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_list(v, -1);
}

/* c: the next older snapshot; after the oldest none, then the newest again. */
static int rep_compare(struct view *v, struct ui *ui)
{
	struct rv *r = v->priv;
	if (r->nsnaps == 0) {
		ui_message(ui, false, "There are no snapshots to compare with yet: S takes one");
		return UI_REDRAW;
	}
	int next = r->cmp < 0 ? r->nsnaps - 1 : r->cmp - 1;
	r->cmp_none = next < 0;
	snprintf(r->cmp_label, sizeof r->cmp_label, "%s", next < 0 ? "" : r->snaps[next].label);
	reread(v);
	if (r->cmp_none)
		ui_message(ui, false, "Compared with no snapshot; c again compares with the newest");
	else
		ui_message(ui, false, "Compared with snapshot \"%s\" (%d of %d, newest first)", r->cmp_label, r->nsnaps - next, r->nsnaps);
	return UI_REDRAW;
}

/* The ask's Enter: takes the snapshot, or keeps the box open saying why not (a label already taken). */
static int take_snapshot(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct rv *r = ctx;
	struct snapshot_info info;
	struct pb_error e = {0};
	if (!*text) {
		snprintf(err, errlen, "Give the snapshot a label, such as %s", r->label);
		return 0;
	}
	if (store_snapshot_take(ui->store, text, &info, &e) != PB_OK) {
		snprintf(err, errlen, "%s", e.msg);
		return 0;
	}
	snprintf(r->cmp_label, sizeof r->cmp_label, "%s", info.label);
	r->cmp_none = false;
	ui_message(ui, false, "Snapshot \"%s\" taken: %ld actions of every plan recorded; the report compares with it", info.label,
		   info.actions);
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* S: asks for the label, offering this quarter's. */
static int rep_snapshot(struct view *v, struct ui *ui)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: taking a snapshot is refused; restart without --read-only to take one");
		return UI_REDRAW;
	}
	if (store_quarter_label(ui->store, r->label, sizeof r->label, &e) != PB_OK)
		snprintf(r->label, sizeof r->label, "%s", "");
	r->ask = (struct ask_request){
		.title = "Take a snapshot",
		.question = "Label for the snapshot of every action's status, set and computed RAG and target date, as they are now "
			    "(snapshots are never changed afterwards):",
		.initial = r->label,
		.hint = "A label already taken is refused. Ctrl-U clears the field.",
		.submit = take_snapshot,
		.ctx = r,
	};
	return ui_open(ui, &view_ask, &r->ask) | UI_REDRAW;
}

/* p and P: the next or previous plan. */
static int step_plan(struct view *v, int step)
{
	struct rv *r = v->priv;
	if (r->nplans < 2) {
		ui_message(r->ui, false, "There is no other plan");
		return UI_REDRAW;
	}
	struct pb_error e = {0};
	r->plan = (r->plan + step + r->nplans) % r->nplans;
	reread(v);
	return moved(v, listview_reset(r->lv[r->list], &e), &e); /* from the top of the list: another plan's lines */
}

static int rep_next_plan(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_plan(v, 1);
}

static int rep_prev_plan(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_plan(v, -1);
}

static int rep_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down the list", rep_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up the list", rep_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", rep_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", rep_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First line", rep_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last line", rep_last, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Open the action in full", rep_open, 0},
	{"next-list", '\t', {KEY_RIGHT}, "list", "Next list: overdue, revised since, RAG mismatches, completed since", rep_next_list, 0},
	{"prev-list", KEY_BTAB, {KEY_LEFT}, NULL, "Previous list", rep_prev_list, 0},
	{"compare", 'c', {0}, "compare", "Compare with the next older snapshot (after the oldest none, then the newest)", rep_compare, 0},
	{"snapshot", 'S', {0}, "snapshot", "Take a snapshot now under a label (this quarter's is offered)", rep_snapshot, 0},
	{"next-plan", 'p', {0}, NULL, "Next plan", rep_next_plan, 0},
	{"prev-plan", 'P', {0}, NULL, "Previous plan", rep_prev_plan, 0},
	{"back", 27, {0}, "back", "Back to the screen before", rep_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- drawing ---- */

/* The style of a bucket's colour. */
static int bucket_style(int b)
{
	static const enum rag rags[REPORT_NBUCKETS] = {RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE};
	return ui_rag_style(rags[b]);
}

/* How a bucket's cells are filled: one block in colour; without colour a shade of its own (a character of its own in
 * ASCII), so that the segments differ in monochrome too. */
static const char *fill_of(const struct ui *ui, int b)
{
	static const char *const shades[REPORT_NBUCKETS] = {"\xE2\x96\x88", "\xE2\x96\x93", "\xE2\x96\x92", "\xE2\x96\x91"};
	static const char *const ascii[REPORT_NBUCKETS] = {"#", "=", "+", "."};
	if (ui->color)
		return ui->utf8 ? shades[0] : "#";
	return ui->utf8 ? shades[b] : ascii[b];
}

/* Cells of each bucket in a bar for these counts: scaled by max to width cells, each bucket with actions getting at
 * least one; *half says a half block ends the bar (UTF-8 only). */
static void segments(const long c[REPORT_NBUCKETS], long actions, long max, int width, bool halves, int cells[REPORT_NBUCKETS],
		     bool *half)
{
	int nz = 0;
	memset(cells, 0, sizeof(int) * REPORT_NBUCKETS);
	*half = false;
	for (int b = 0; b < REPORT_NBUCKETS; b++)
		nz += c[b] > 0;
	if (actions <= 0 || max <= 0 || width <= 0)
		return;
	long len2 = (2L * width * actions + max / 2) / max; /* in half cells */
	if (!halves)
		len2 = (len2 + 1) / 2 * 2;
	if (len2 > 2L * width)
		len2 = 2L * width;
	if (len2 / 2 < nz)
		len2 = 2L * (nz < width ? nz : width);
	int n = (int)(len2 / 2), given = 0;
	*half = len2 % 2;
	long rem[REPORT_NBUCKETS];
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		cells[b] = (int)(c[b] * n / actions);
		rem[b] = c[b] * n % actions;
		given += cells[b];
	}
	for (; given < n; given++) { /* the cells left go to the largest remainders */
		int best = 0;
		for (int b = 1; b < REPORT_NBUCKETS; b++)
			if (rem[b] > rem[best])
				best = b;
		cells[best]++;
		rem[best] = -1;
	}
	for (int b = 0; b < REPORT_NBUCKETS; b++) { /* a bucket with actions shows, taking a cell from the widest */
		if (c[b] == 0 || cells[b] > 0)
			continue;
		int widest = 0;
		for (int k = 1; k < REPORT_NBUCKETS; k++)
			if (cells[k] > cells[widest])
				widest = k;
		if (cells[widest] > 1)
			cells[widest]--, cells[b]++;
	}
}

/* One bar at (y, x): segments with their letter and count inside where they fit (the letter always), the rest filled. */
static void draw_bar(WINDOW *w, const struct ui *ui, int y, int x, int width, const long c[REPORT_NBUCKETS], long actions,
		     long max)
{
	int cells[REPORT_NBUCKETS], last = -1;
	bool half;
	segments(c, actions, max, width, ui->utf8, cells, &half);
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		char label[24];
		attr_t a = ui_attr(ui, bucket_style(b));
		snprintf(label, sizeof label, "%c%ld", report_bucket_letter((enum report_bucket)b), c[b]);
		int lw = (int)strlen(label) <= cells[b] ? (int)strlen(label) : cells[b] > 0 ? 1 : 0;
		label[lw] = '\0'; /* a narrow segment keeps its letter */
		if (lw)
			ui_put(w, y, x, lw, label, a | A_REVERSE | A_BOLD, false);
		wattrset(w, a);
		wmove(w, y, x + lw);
		for (int i = lw; i < cells[b]; i++)
			waddstr(w, fill_of(ui, b));
		wattrset(w, A_NORMAL);
		x += cells[b];
		if (cells[b])
			last = b;
	}
	if (half && last >= 0) {
		wattrset(w, ui_attr(ui, bucket_style(last)));
		mvwaddstr(w, y, x, "\xE2\x96\x8C");
		wattrset(w, A_NORMAL);
	}
}

/* "R0 A1 G3 C10": the counts with their letters, each in its colour, zeros quiet; returns the columns used. */
static int draw_counts(WINDOW *w, const struct ui *ui, int y, int x, int width, const long c[REPORT_NBUCKETS])
{
	int used = 0;
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		char t[24];
		int n = snprintf(t, sizeof t, "%s%c%ld", b ? " " : "", report_bucket_letter((enum report_bucket)b), c[b]);
		if (used + n > width)
			break;
		ui_put(w, y, x + used, n, t, ui_attr(ui, c[b] ? bucket_style(b) | UI_BOLD : UI_DIM), false);
		used += n;
	}
	return used;
}

/* Columns "R0 A1 G3 C10" takes. */
static int counts_width(const long c[REPORT_NBUCKETS])
{
	char t[96];
	return snprintf(t, sizeof t, "R%ld A%ld G%ld C%ld", c[0], c[1], c[2], c[3]);
}

/* Where the parts of a bar line go. */
struct geometry {
	int code_x, code_w;
	int half_x[2], half_w, bar_w, counts_w;
	bool two;
};

static struct geometry geometry_of(const struct rv *r, const struct view *v, int shown)
{
	struct geometry g;
	int cw = 3, cnt = counts_width(r->all_now.set);
	g.two = compared(r) != NULL;
	if (g.two && counts_width(r->all_then.set) > cnt)
		cnt = counts_width(r->all_then.set);
	for (int i = 0; i < shown; i++) {
		int t = text_width(*r->p.sections[i].code ? r->p.sections[i].code : "(none)");
		cw = t > cw ? t : cw;
	}
	g.code_w = cw > 10 ? 10 : cw;
	g.code_x = v->area.x + 1;
	g.counts_w = cnt;
	int rest = v->area.w - 1 - g.code_w - 1;
	g.half_w = g.two ? (rest - 3) / 2 : rest;
	g.half_x[0] = g.code_x + g.code_w + 1;
	g.half_x[1] = g.half_x[0] + g.half_w + 3;
	g.bar_w = g.half_w - COUNT_COLS - 1 - 1 - g.counts_w;
	if (g.bar_w < 1)
		g.bar_w = 1;
	return g;
}

/* One half of a bar line: the number of actions, the bar, the counts. */
static void draw_half(WINDOW *w, const struct ui *ui, const struct geometry *g, int y, int x, const struct report_counts *c,
		      long max, attr_t num_attr)
{
	char n[24];
	snprintf(n, sizeof n, "%ld", c->actions);
	ui_put(w, y, x, COUNT_COLS, n, num_attr, true);
	draw_bar(w, ui, y, x + COUNT_COLS + 1, g->bar_w, c->set, c->actions, max);
	draw_counts(w, ui, y, x + COUNT_COLS + 1 + g->bar_w + 1, g->counts_w, c->set);
}

/* One line of bars: the section's code, now, and beside it the snapshot. */
static void draw_line(WINDOW *w, const struct ui *ui, const struct rv *r, const struct geometry *g, int y, const char *code,
		      const struct report_counts *now, const struct report_counts *then, long max, attr_t attr)
{
	ui_put(w, y, g->code_x, g->code_w, code, attr, false);
	draw_half(w, ui, g, y, g->half_x[0], now, max, attr);
	if (!g->two)
		return;
	ui_vline(ui, w, y, g->half_x[1] - 2, 1);
	if (then->actions == 0 && compared(r))
		ui_put(w, y, g->half_x[1], g->half_w, "no actions then", ui_attr(ui, UI_DIM), false);
	else
		draw_half(w, ui, g, y, g->half_x[1], then, max, attr);
}

/* "Overdue 3, was 5 · target revised 9, was 8 · computed R3 A2 G5 C20 · 0 added since": whole parts while they fit
 * width, so that nothing is cut mid-way. */
static void summary(const struct rv *r, const struct ui *ui, int width, char *out, size_t len)
{
	const struct report_counts *n = &r->all_now, *t = &r->all_then;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char part[4][160];
	int np = 0;
	if (compared(r)) {
		snprintf(part[np++], sizeof part[0], "Overdue %ld, was %ld", n->overdue, t->overdue);
		snprintf(part[np++], sizeof part[0], "target revised %ld, was %ld", n->revised, t->revised);
	} else {
		snprintf(part[np++], sizeof part[0], "Overdue %ld", n->overdue);
		snprintf(part[np++], sizeof part[0], "target revised %ld", n->revised);
	}
	if (compared(r) && r->p.added_since)
		snprintf(part[np++], sizeof part[0], "%ld added since", r->p.added_since);
	if (memcmp(n->set, n->computed, sizeof n->set) != 0)
		snprintf(part[np++], sizeof part[0], "computed R%ld A%ld G%ld C%ld", n->computed[0], n->computed[1], n->computed[2],
			 n->computed[3]);
	out[0] = '\0';
	for (int i = 0; i < np; i++) {
		size_t l = strlen(out);
		if (text_width(out) + (i ? text_width(dot) : 0) + text_width(part[i]) > width)
			break;
		snprintf(out + l, len - l, "%s%s", i ? dot : "", part[i]);
	}
}

/* The list names, the one shown in brackets and reverse video, with how long each list is. */
static void draw_tabs(WINDOW *w, const struct ui *ui, const struct rv *r, int y, int x, int width)
{
	int at = 0;
	ui_put(w, y, x, width, "", A_NORMAL, false);
	for (int l = 0; l < NLISTS && at < width; l++) {
		char t[64], n[24];
		bool since = l == L_REVISED || l == L_COMPLETED;
		if (since && !compared(r))
			snprintf(n, sizeof n, "%s", ui->utf8 ? "\xE2\x80\x93" : "-");
		else
			snprintf(n, sizeof n, "%ld", r->count[l]);
		snprintf(t, sizeof t, l == r->list ? "[%s %s]" : " %s %s ", list_names[l], n);
		int tw = text_width(t) < width - at ? text_width(t) : width - at;
		ui_put(w, y, x + at, tw, t, l == r->list ? ui_attr(ui, UI_SELECTION | UI_BOLD) : ui_attr(ui, since && !compared(r) ? UI_DIM : UI_NORMAL), false);
		at += tw + 1;
	}
}

static void report_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct rv *r = v->priv;
	int y = v->area.y, shown = sections_shown(r, v->area.h);
	char head[320], day[32], taken[32], line[1024];
	if (!r->have)
		return;
	struct geometry g = geometry_of(r, v, shown);
	const struct snapshot_info *snap = compared(r);
	long max = 0;
	for (size_t i = 0; i < r->p.nsections; i++) {
		max = r->p.sections[i].now.actions > max ? r->p.sections[i].now.actions : max;
		max = snap && r->p.sections[i].then.actions > max ? r->p.sections[i].then.actions : max;
	}
	date_format_human(ui->today, day, sizeof day);
	ui_put(w, y, v->area.x, v->area.w, "", ui_attr(ui, UI_TITLES), false);
	snprintf(head, sizeof head, "Now, %s (RAG as set)", day);
	ui_put(w, y, g.half_x[0], g.half_w, head, ui_attr(ui, UI_TITLES), false);
	if (snap) {
		human(snap->taken_on, taken, sizeof taken);
		snprintf(head, sizeof head, "At %s, taken %s", snap->label, taken);
		ui_put(w, y, g.half_x[1], g.half_w, head, ui_attr(ui, UI_TITLES), false);
	}
	for (int i = 0; i < shown; i++) {
		const struct report_section *s = &r->p.sections[i];
		draw_line(w, ui, r, &g, y + 1 + i, *s->code ? s->code : "(none)", &s->now, &s->then, max, A_NORMAL);
	}
	draw_line(w, ui, r, &g, y + 1 + shown, "All", &r->all_now, &r->all_then, r->all_now.actions > r->all_then.actions ?
		  r->all_now.actions : r->all_then.actions, A_BOLD);
	summary(r, ui, v->area.w - 2, line, sizeof line);
	if (shown < (int)r->p.nsections)
		snprintf(line, sizeof line, "%d more sections than fit: a taller terminal shows them (All counts them)",
			 (int)r->p.nsections - shown);
	ui_put(w, y + 2 + shown, g.code_x, v->area.w - 2, line, A_NORMAL, false);
	draw_tabs(w, ui, r, y + 3 + shown, v->area.x + 1, v->area.w - 2);
	listview_draw(r->lv[r->list], w, y + bars_height(r, v->area.h), v->area.x, ui, v->focused);
}

/* ---- view operations ---- */

static void report_free(struct view *v)
{
	struct rv *r = v->priv;
	if (!r)
		return;
	for (int l = 0; l < NLISTS; l++)
		listview_free(r->lv[l]);
	if (r->have)
		report_plan_free(&r->p);
	free(r);
	v->priv = NULL;
}

/* The plan the list shows (or the first plan), compared with the newest snapshot. */
static int report_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct rv *r = calloc(1, sizeof *r);
	(void)arg;
	if (!r) {
		ui_message(ui, true, "Out of memory opening the report");
		return PB_FAIL;
	}
	v->priv = r;
	r->ui = ui;
	r->store = ui->store;
	for (int l = 0; l < NLISTS; l++) {
		r->src[l] = (struct source){r, l};
		r->lv[l] = listview_new(columns[l], NCOLS, (struct listview_source){list_count, list_fetch, &r->src[l]}, NULL);
		if (!r->lv[l]) {
			ui_message(ui, true, "Out of memory opening the report");
			return PB_FAIL;
		}
	}
	if (*ui->browse->cur.filter.plan) {
		snprintf(r->plans[0], sizeof r->plans[0], "%s", ui->browse->cur.filter.plan);
		r->nplans = 1;
	}
	if (load(r, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	v->mode = UI_MODE_LIST;
	reread(v);
	return PB_OK;
}

static void report_resize(struct view *v, struct ui *ui)
{
	(void)ui;
	size_list(v);
}

/* The data may have changed (Ctrl-L, a snapshot, a change made in the action opened from here): read it all again,
 * keeping the place in the list. */
static void report_reload(struct view *v, struct ui *ui)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	long sel = listview_index(r->lv[r->list]), top = listview_top(r->lv[r->list]);
	(void)ui;
	reread(v);
	if (sel > 0 && listview_restore(r->lv[r->list], sel, top, &e) != PB_OK)
		ui_message(r->ui, true, "%s", e.msg);
}

static int report_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct rv *r = v->priv;
	struct pb_error e = {0};
	if (m->kind != UI_CLICK)
		return moved(v, listview_move(lv_of(v), m->kind == UI_WHEEL_UP ? -3 : 3, &e), &e);
	long i = listview_row_at(lv_of(v), m->y - v->area.y - bars_height(r, v->area.h));
	if (i < 0)
		return UI_REDRAW;
	if (i == listview_index(lv_of(v)))
		return rep_open(v, ui);
	return moved(v, listview_goto(lv_of(v), i, &e), &e);
}

static void report_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct rv *r = v->priv;
	const struct listview_row *row = listview_selected(lv_of(v));
	long n = listview_count(lv_of(v));
	(void)ui;
	snprintf(f->where, sizeof f->where, "%s", r->nplans ? r->plans[r->plan] : "");
	snprintf(f->title, sizeof f->title, "RAG report: %s", r->have ? r->p.title : "");
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	else
		snprintf(f->info, sizeof f->info, "p shows another plan; S takes a snapshot, c compares with another");
	if (n > 0)
		snprintf(f->position, sizeof f->position, "%s %ld/%ld", list_names[r->list], listview_index(lv_of(v)) + 1, n);
}

const struct view_ops view_report = {
	.name = "RAG report",
	.keys = keys,
	.init = report_init,
	.draw = report_draw,
	.key = NULL,
	.resize = report_resize,
	.free = report_free,
	.frame = report_frame,
	.mouse = report_mouse,
	.reload = report_reload,
};
