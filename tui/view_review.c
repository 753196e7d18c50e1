/* view_review.c — a one-to-one review's agenda: the counts per group at the top, then every action the officer leads
 * under its group's heading, in the order the review began with, each marked taken or not; Enter takes one, f finishes
 * the review, w writes its sheet. Also starting a review by officer name, and writing a sheet to a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "tui/browse.h"
#include "tui/listview.h"
#include "tui/review.h"
#include "tui/work.h"

#define MODE_OPEN (1u << 20) /* the review is in progress: keys that record work */
#define MAX_RUNS 64
#define PAGE_MAX LISTVIEW_MAX_ROWS

enum { COL_MARK, COL_RAG, COL_PLAN, COL_REF, COL_TITLE, COL_DUE, COL_OVER, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_MARK] = {.title = "", .width = 1, .min = 1},
	[COL_RAG] = {.title = "RAG", .width = 3, .min = 3},
	[COL_PLAN] = {.title = "Plan", .width = 8, .min = 4, .fit = true, .hide_below = 72},
	[COL_REF] = {.title = "Ref", .width = 9, .min = 4, .fit = true},
	[COL_TITLE] = {.title = "Title", .width = 0, .min = 16},
	[COL_DUE] = {.title = "Due", .width = 9, .min = 9},
	[COL_OVER] = {.title = "Over", .width = 4, .min = 4, .align = LISTVIEW_RIGHT},
};

/* A run of actions of one group: its heading is a row of the list, then its actions. */
struct run {
	enum review_group group;
	long first, n; /* positions first .. first+n-1 */
	long row;      /* the list row of its heading */
};

struct agenda {
	struct ui *ui;
	struct review_info info;
	struct review_counts counts;
	struct run runs[MAX_RUNS];
	int nruns;
	long rows;
	struct listview *lv;
	bool gone; /* the review was discarded */
	struct review_place place; /* where the action screen is (its arg) */
	struct confirm_request confirm;
	char empty[200];
};

/* ---- shared with the other review screens ---- */

void review_human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (iso && date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso ? iso : "");
}

const char *review_state_mark(enum review_state s, bool utf8)
{
	switch (s) {
	case REVIEW_ITEM_DISCUSSED: return utf8 ? "\xE2\x9C\x93" : "v";
	case REVIEW_ITEM_NOT_DISCUSSED: return utf8 ? "\xE2\x80\x93" : "-";
	case REVIEW_ITEM_PENDING: return utf8 ? "\xC2\xB7" : ".";
	default: return "";
	}
}

/* ---- the rows: headings and actions ---- */

static int keep_run(void *ctx, enum review_group g, long first, long n)
{
	struct agenda *a = ctx;
	if (a->nruns < MAX_RUNS) {
		a->runs[a->nruns++] = (struct run){g, first, n, 0};
	} else { /* more runs than kept: the last one takes the rest under its heading */
		a->runs[MAX_RUNS - 1].n = first + n - a->runs[MAX_RUNS - 1].first;
	}
	return PB_OK;
}

/* Reads the review, its counts and its runs, and numbers the rows. */
static int load(struct agenda *a, struct pb_error *e)
{
	struct store *s = a->ui->store;
	a->nruns = 0;
	a->rows = 0;
	if (store_review_get(s, a->info.id, &a->info, e) != PB_OK || store_review_item_counts(s, a->info.id, &a->counts, e) != PB_OK ||
	    store_review_runs(s, a->info.id, keep_run, a, e) != PB_OK)
		return e->status;
	for (int i = 0; i < a->nruns; i++) {
		a->runs[i].row = a->rows;
		a->rows += 1 + a->runs[i].n;
	}
	a->place.review_id = a->info.id;
	a->place.items = a->info.items;
	a->place.finished = a->info.finished;
	return PB_OK;
}

/* The run row is in; with *position the action there (0 for the heading). */
static int run_of_row(const struct agenda *a, long row, long *position)
{
	for (int i = a->nruns - 1; i >= 0; i--) {
		if (row >= a->runs[i].row) {
			*position = row == a->runs[i].row ? 0 : a->runs[i].first + row - a->runs[i].row - 1;
			return i;
		}
	}
	*position = 0;
	return -1;
}

/* The list row of the action at position; -1 when none. */
static long row_of_position(const struct agenda *a, long position)
{
	for (int i = 0; i < a->nruns; i++)
		if (position >= a->runs[i].first && position < a->runs[i].first + a->runs[i].n)
			return a->runs[i].row + 1 + position - a->runs[i].first;
	return -1;
}

static int count_rows(void *ctx, long *n, struct pb_error *e)
{
	struct agenda *a = ctx;
	(void)e;
	*n = a->gone ? 0 : a->rows;
	return PB_OK;
}

/* "Changed since 12 May 2026" for the changed group, else its name. */
static void group_title(const struct agenda *a, enum review_group g, char *out, size_t len)
{
	char day[32];
	review_human(a->info.since.on, day, sizeof day);
	if (g == REVIEW_CHANGED && a->info.since.any)
		snprintf(out, len, "Changed since %s", day);
	else
		snprintf(out, len, "%s", review_group_name(g));
}

/* One action of a page, copied out of the store before the rows are laid out. */
struct shown {
	long position;
	enum review_state state;
	char rag[16], plan[32], ref[64], title[400], due[32], over[16], note[LISTVIEW_NOTE_SIZE];
	int rag_style;
	bool late;
};

struct page {
	struct agenda *a;
	struct shown *rows;
	int n, cap;
};

/* The RAG cell as the action list writes it: "[R]", or "G≠R" (set, computed) when they disagree. */
static void rag_cell(enum rag set, enum rag computed, bool utf8, char out[16], int *style)
{
	if (rag_mismatch(set, computed)) {
		snprintf(out, 16, "%c%s%c", rag_letter(set), utf8 ? "\xE2\x89\xA0" : "!", rag_letter(computed));
		*style = ui_rag_style(computed) | UI_BOLD;
		return;
	}
	enum rag r = computed == RAG_COMPLETE || set == RAG_NONE ? computed : set;
	snprintf(out, 16, "[%c]", rag_letter(r));
	*style = ui_rag_style(r);
}

/* "31 May 26". */
static void short_date(const char *iso, char *out, size_t len)
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct date d;
	if (date_parse_iso(iso, &d))
		snprintf(out, len, "%d %s %02d", d.day, months[(d.month + 11) % 12], d.year % 100);
	else
		snprintf(out, len, "%s", iso);
}

/* Store callback: keeps one action of the page; a finished review shows it as it was when the review began. */
static int keep_row(void *ctx, const struct review_item_row *r)
{
	struct page *p = ctx;
	bool then = p->a->info.finished;
	if (p->n == p->cap)
		return PB_OK;
	struct shown *w = &p->rows[p->n++];
	memset(w, 0, sizeof *w);
	w->position = r->position;
	w->state = r->state;
	rag_cell(then ? r->rag_then : r->action.rag, then ? r->rag_computed_then : r->action.rag_computed, p->a->ui->utf8, w->rag,
		 &w->rag_style);
	snprintf(w->plan, sizeof w->plan, "%s", r->action.plan);
	snprintf(w->ref, sizeof w->ref, "%s", r->action.ref);
	snprintf(w->title, sizeof w->title, "%s", r->action.title);
	const char *due = then ? r->due_then : r->action.due_on;
	if (*due)
		short_date(due, w->due, sizeof w->due);
	else
		snprintf(w->due, sizeof w->due, "%.30s", r->action.due_text);
	long over = 0;
	struct date d, held;
	if (then && date_parse_iso(due, &d) && date_parse_iso(p->a->info.held_on, &held) && r->rag_computed_then != RAG_COMPLETE)
		over = date_diff_days(d, held);
	else if (!then && r->action.days_over != DAYS_NONE)
		over = r->action.days_over;
	w->late = over > 0;
	snprintf(w->over, sizeof w->over, over > 0 ? "%ldd" : "-", over);
	char day[32];
	review_human(r->new_due_on, day, sizeof day);
	if (*r->next_step)
		snprintf(w->note, sizeof w->note, "%s next step: %.200s%s%s", r->action.ref, r->next_step, *r->new_due_on ? " · new date " : "",
			 *r->new_due_on ? day : "");
	else if (*r->new_due_on)
		snprintf(w->note, sizeof w->note, "%s: new date %s agreed", r->action.ref, day);
	else
		snprintf(w->note, sizeof w->note, "%s %.250s", r->action.ref, r->action.title);
	return PB_OK;
}

/* Adds the heading row of run i. */
static void add_heading(struct agenda *a, struct listview *lv, int i)
{
	char title[96], text[128];
	struct listview_row *row = listview_add_row(lv, -1 - i);
	if (!row)
		return;
	group_title(a, a->runs[i].group, title, sizeof title);
	snprintf(text, sizeof text, "%s (%ld)", title, a->counts.n[a->runs[i].group]);
	listview_set_cell(row, COL_TITLE, text, UI_TITLES);
	listview_set_cell(row, COL_REF, "", UI_TITLES);
	snprintf(row->note, sizeof row->note, "%s: Enter takes its first action", text);
}

/* Adds the row of a kept action. */
static void add_action(struct agenda *a, struct listview *lv, const struct shown *w)
{
	struct listview_row *row = listview_add_row(lv, w->position);
	if (!row)
		return;
	int mark_style = w->state == REVIEW_ITEM_DISCUSSED ? UI_GREEN | UI_BOLD : UI_DIM;
	listview_set_cell(row, COL_MARK, review_state_mark(w->state, a->ui->utf8), mark_style);
	listview_set_cell(row, COL_RAG, w->rag, w->rag_style);
	listview_set_cell(row, COL_PLAN, w->plan, UI_DIM);
	listview_set_cell(row, COL_REF, w->ref, UI_NORMAL);
	listview_set_cell(row, COL_TITLE, w->title, w->state == REVIEW_ITEM_NOT_DISCUSSED ? UI_DIM : UI_NORMAL);
	listview_set_cell(row, COL_DUE, w->due, UI_NORMAL);
	listview_set_cell(row, COL_OVER, w->over, w->late ? UI_RED : UI_NORMAL);
	snprintf(row->note, sizeof row->note, "%s", w->note);
}

/* Row provider: the headings in the page, and its actions read with one query. */
static int fetch_rows(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct agenda *a = ctx;
	long first = 0, last = 0, pos;
	for (long r = offset; r < offset + limit && r < a->rows; r++) {
		run_of_row(a, r, &pos);
		if (pos && !first)
			first = pos;
		if (pos)
			last = pos;
	}
	struct page p = {a, NULL, 0, 0};
	if (first) {
		p.cap = (int)(last - first + 1);
		p.rows = calloc((size_t)p.cap, sizeof *p.rows);
		if (!p.rows)
			return pb_fail(e, PB_FAIL, "out of memory showing the agenda");
		if (store_review_items(a->ui->store, a->info.id, first - 1, p.cap, keep_row, &p, e) != PB_OK) {
			free(p.rows);
			return e->status;
		}
	}
	for (long r = offset; r < offset + limit && r < a->rows; r++) {
		int run = run_of_row(a, r, &pos);
		if (!pos)
			add_heading(a, lv, run);
		else if (pos - first < p.n)
			add_action(a, lv, &p.rows[pos - first]);
	}
	free(p.rows);
	return PB_OK;
}

/* ---- keys ---- */

/* The position of the selected row's action (a heading: its first action); 0 when none. */
static long selected_position(const struct agenda *a)
{
	long pos;
	int run = run_of_row(a, listview_index(a->lv), &pos);
	if (run < 0)
		return 0;
	return pos ? pos : a->runs[run].first;
}

/* After the selection moved: past a heading in the direction of travel, when there is a row beyond it. */
static int moved(struct view *v, struct ui *ui, long dir, int status, struct pb_error *e)
{
	struct agenda *a = v->priv;
	long pos, i = listview_index(a->lv);
	if (status == PB_OK && dir && run_of_row(a, i, &pos) >= 0 && !pos && i + (dir > 0 ? 1 : -1) >= 0 &&
	    i + (dir > 0 ? 1 : -1) < a->rows && !(dir < 0 && i == 0))
		status = listview_move(a->lv, dir > 0 ? 1 : -1, e);
	if (status != PB_OK)
		ui_message(ui, true, "%s", e->msg);
	return UI_REDRAW;
}

static int ag_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, 1, listview_move(((struct agenda *)v->priv)->lv, 1, &e), &e);
}

static int ag_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	struct agenda *a = v->priv;
	if (listview_index(a->lv) == 1)
		return UI_REDRAW; /* the first action: only the heading is above */
	return moved(v, ui, -1, listview_move(a->lv, -1, &e), &e);
}

static int ag_page_down(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, 1, listview_page(((struct agenda *)v->priv)->lv, 1, &e), &e);
}

static int ag_page_up(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, 1, listview_page(((struct agenda *)v->priv)->lv, -1, &e), &e);
}

static int ag_first(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, 1, listview_goto(((struct agenda *)v->priv)->lv, 0, &e), &e);
}

static int ag_last(struct view *v, struct ui *ui)
{
	struct pb_error e = {0};
	return moved(v, ui, 0, listview_goto(((struct agenda *)v->priv)->lv, -1, &e), &e);
}

/* Opens the action screen on position. */
static int take(struct agenda *a, struct ui *ui, long position)
{
	if (!position)
		return UI_REDRAW;
	a->place.position = position;
	a->place.advance = false;
	return ui_open(ui, &view_review_item, &a->place) | UI_REDRAW;
}

static int ag_open(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	return take(a, ui, selected_position(a));
}

static int ag_next(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct pb_error e = {0};
	long pos = 0;
	if (store_review_next_pending(ui->store, a->info.id, selected_position(a), &pos, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	if (!pos) {
		ui_message(ui, false, "Every action has been taken; f finishes the review");
		return UI_REDRAW;
	}
	return take(a, ui, pos);
}

/* The action at position, as its id and ref. */
struct at_ctx {
	long id;
	char ref[64];
	enum review_state state;
};

static int keep_at(void *ctx, const struct review_item_row *r)
{
	struct at_ctx *at = ctx;
	at->id = r->action.id;
	at->state = r->state;
	snprintf(at->ref, sizeof at->ref, "%s", r->action.ref);
	return PB_OK;
}

static int ag_skip(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct pb_error e = {0};
	struct at_ctx at = {0};
	long pos = selected_position(a);
	if (!pos || store_review_items(ui->store, a->info.id, pos - 1, 1, keep_at, &at, &e) != PB_OK || !at.id) {
		ui_message(ui, true, "%s", *e.msg ? e.msg : "No action is selected");
		return UI_REDRAW;
	}
	bool skip = at.state != REVIEW_ITEM_NOT_DISCUSSED;
	if (store_review_mark(ui->store, a->info.id, at.id, skip, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	ui_message(ui, false, skip ? "%s marked not discussed; x again takes it back" : "%s is to be taken again", at.ref);
	return UI_RELOAD | UI_REDRAW;
}

/* Finishes the review (the question said what that records). */
static int run_finish(struct ui *ui, const void *ctx)
{
	const struct agenda *a = ctx;
	struct pb_error e = {0};
	char day[32];
	if (store_review_finish(ui->store, a->info.id, &e) != PB_OK) {
		ui_message(ui, true, "Not finished: %s", e.msg);
		return UI_REDRAW;
	}
	date_format_human(ui->today, day, sizeof day);
	ui_message(ui, false, "Finished the review of %s, %s, by %s; w writes its sheet", a->info.officer, day, store_actor(ui->store));
	return UI_RELOAD | UI_REDRAW;
}

static int ag_finish(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct confirm_request *c = &a->confirm;
	char day[32];
	date_format_human(ui->today, day, sizeof day);
	snprintf(c->title, sizeof c->title, "Finish the review");
	snprintf(c->question, sizeof c->question,
		 "Finish the review of %s? It is saved as held on %s by %s: %ld of %ld actions discussed, %ld not discussed%s."
		 " Nothing can be recorded in it afterwards.", a->info.officer, day, store_actor(ui->store), a->info.discussed,
		 a->info.items, a->info.items - a->info.discussed,
		 a->info.items > a->info.taken ? " (those not taken count as not discussed)" : "");
	snprintf(c->yes, sizeof c->yes, "finish it");
	c->run = run_finish;
	c->ctx = a;
	return ui_open(ui, &view_confirm, c) | UI_REDRAW;
}

/* Deletes the review in progress (the question said what is lost). */
static int run_discard(struct ui *ui, const void *ctx)
{
	struct agenda *a = (struct agenda *)ctx;
	struct pb_error e = {0};
	if (store_review_discard(ui->store, a->info.id, &e) != PB_OK) {
		ui_message(ui, true, "Not discarded: %s", e.msg);
		return UI_REDRAW;
	}
	a->gone = true;
	ui_message(ui, false, "The review of %s was discarded; Esc goes back", a->info.officer);
	return UI_RELOAD | UI_REDRAW;
}

static int ag_discard(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct confirm_request *c = &a->confirm;
	char day[32], taken[64] = "with nothing recorded in it yet";
	review_human(a->info.held_on, day, sizeof day);
	if (a->info.taken)
		snprintf(taken, sizeof taken, "and the notes of the %ld action%s taken", a->info.taken, a->info.taken == 1 ? "" : "s");
	snprintf(c->title, sizeof c->title, "Discard the review");
	snprintf(c->question, sizeof c->question,
		 "Discard the review of %s begun on %s, %s? Target dates agreed in it stay revised. The audit trail keeps"
		 " what was written.", a->info.officer, day, taken);
	snprintf(c->yes, sizeof c->yes, "discard it");
	c->run = run_discard;
	c->ctx = a;
	return ui_open(ui, &view_confirm, c) | UI_REDRAW;
}

static int write_sheet(struct view *v, struct ui *ui, enum review_format f)
{
	struct agenda *a = v->priv;
	struct pb_error e = {0};
	char path[300];
	if (review_export(ui, a->info.id, f, path, sizeof path, &e) != PB_OK)
		ui_message(ui, true, "Not written: %s", e.msg);
	else
		ui_message(ui, false, "Wrote the review sheet to %s", path);
	return UI_REDRAW;
}

static int ag_write_md(struct view *v, struct ui *ui)
{
	return write_sheet(v, ui, REVIEW_MD);
}

static int ag_write_csv(struct view *v, struct ui *ui)
{
	return write_sheet(v, ui, REVIEW_CSV);
}

static int ag_back(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	if (!a->gone && !a->info.finished)
		ui_message(ui, false, "The review of %s is kept; :review or Reviews goes on with it", a->info.officer);
	return UI_BACK | UI_RELOAD;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down one action", ag_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up one action", ag_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", ag_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", ag_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First action", ag_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last action", ag_last, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Take the action: target, history, RAG, updates since the last review, what was agreed",
	 ag_open, 0},
	{"next", 'n', {0}, "next", "The next action still to take", ag_next, MODE_OPEN},
	{"skip", 'x', {0}, "skip", "Mark the action not discussed; again: back to be taken", ag_skip, MODE_OPEN},
	{"finish", 'f', {0}, "finish", "Finish the review: saved with today's date, you as reviewer, and the officer (asks first)",
	 ag_finish, MODE_OPEN},
	{"write-md", 'w', {0}, "write", "Write the review sheet as Markdown (prints, pastes into Word) into the current folder", ag_write_md, 0},
	{"write-csv", 'W', {0}, NULL, "Write the review sheet as CSV into the current folder", ag_write_csv, 0},
	{"discard", 'D', {0}, NULL, "Discard this review in progress and its notes (asks first)", ag_discard, MODE_OPEN},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back; a review in progress is kept, :review NAME goes on with it", ag_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static void set_mode(struct view *v)
{
	struct agenda *a = v->priv;
	v->mode = UI_MODE_LIST | (!a->gone && !a->info.finished && !a->ui->read_only ? MODE_OPEN : 0);
}

/* Reads the review again, keeping the selection on the action the action screen shows. */
static void agenda_reload(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct pb_error e = {0};
	long pos = a->place.position;
	if (!a->gone && load(a, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	set_mode(v);
	if (a->gone)
		snprintf(a->empty, sizeof a->empty, "This review was discarded. Esc goes back.");
	if (listview_reload(a->lv, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	long row = pos ? row_of_position(a, pos) : -1;
	if (row >= 0)
		listview_goto(a->lv, row, NULL);
}

/* arg is a const long *: the review's id. */
static int agenda_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct agenda *a = calloc(1, sizeof *a);
	struct listview_source src = {count_rows, fetch_rows, a};
	if (a)
		a->lv = listview_new(columns, NCOLS, src, NULL);
	if (!a || !a->lv) {
		free(a);
		ui_message(ui, true, "Out of memory opening the review");
		return PB_FAIL;
	}
	v->priv = a;
	a->ui = ui;
	a->info.id = *(const long *)arg;
	snprintf(a->empty, sizeof a->empty, "The officer leads no actions, so the agenda is empty.");
	listview_set_empty(a->lv, a->empty);
	if (load(a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	set_mode(v);
	listview_set_size(a->lv, v->area.h - 1, v->area.w, NULL);
	listview_reset(a->lv, NULL);
	if (a->rows > 1)
		listview_goto(a->lv, 1, NULL);
	return PB_OK;
}

/* The counts per group, on the line above the list. */
static void draw_counts(const struct agenda *a, const struct ui *ui, WINDOW *w, const struct ui_rect *r)
{
	static const char *const shortname[REVIEW_NGROUPS] = {"overdue", "RAG mismatch", "due within a month", "changed", "other"};
	int x = r->x + 1;
	for (int g = 0; g < REVIEW_NGROUPS && x < r->x + r->w; g++) {
		char part[64];
		snprintf(part, sizeof part, "%s%ld %s", g ? " \xC2\xB7 " : "", a->counts.n[g], shortname[g]);
		if (!ui->utf8 && g)
			part[1] = '-', memmove(part + 2, part + 3, strlen(part + 3) + 1);
		int pw = text_width(part), room = r->x + r->w - x;
		int style = g == REVIEW_OVERDUE && a->counts.n[g] ? UI_RED | UI_BOLD : a->counts.n[g] ? UI_BOLD : UI_DIM;
		ui_put(w, r->y, x, pw < room ? pw : room, part, ui_attr(ui, style), false);
		x += pw;
	}
}

static void agenda_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct agenda *a = v->priv;
	draw_counts(a, ui, w, &v->area);
	listview_draw(a->lv, w, v->area.y + 1, v->area.x, ui, v->focused);
}

static void agenda_resize(struct view *v, struct ui *ui)
{
	struct agenda *a = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(a->lv, v->area.h - 1, v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

static int agenda_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct agenda *a = v->priv;
	if (m->kind != UI_CLICK)
		return m->kind == UI_WHEEL_UP ? ag_up(v, ui) : ag_down(v, ui);
	long i = listview_row_at(a->lv, m->y - v->area.y - 1);
	if (i < 0)
		return UI_REDRAW;
	if (i == listview_index(a->lv))
		return ag_open(v, ui);
	listview_goto(a->lv, i, NULL);
	return UI_REDRAW;
}

static void agenda_free(struct view *v)
{
	struct agenda *a = v->priv;
	if (!a)
		return;
	listview_free(a->lv);
	free(a);
	v->priv = NULL;
}

static void agenda_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct agenda *a = v->priv;
	const struct listview_row *row = listview_selected(a->lv);
	char day[32];
	(void)ui;
	review_human(a->info.held_on, day, sizeof day);
	snprintf(f->where, sizeof f->where, "review");
	snprintf(f->title, sizeof f->title, "1:1 %s, %s%s", a->info.officer, day, a->info.finished ? ", finished" : "");
	snprintf(f->count, sizeof f->count, "%ld", a->info.items);
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	snprintf(f->position, sizeof f->position, "%ld/%ld taken", a->info.finished ? a->info.items : a->info.taken, a->info.items);
}

const struct view_ops view_review = {
	.name = "Review agenda",
	.keys = keys,
	.init = agenda_init,
	.draw = agenda_draw,
	.key = NULL,
	.resize = agenda_resize,
	.free = agenda_free,
	.frame = agenda_frame,
	.mouse = agenda_mouse,
	.reload = agenda_reload,
};

/* ---- starting a review, and writing its sheet ---- */

int review_open_officer(struct ui *ui, const char *name)
{
	static long opened; /* view_review's arg: it outlives this call until the agenda has read it */
	struct pb_error e = {0};
	char canonical[128];
	long officer_id;
	bool resumed = false;
	if (!name || !*name)
		return ui_open(ui, &view_review_new, NULL) | UI_REDRAW;
	if (store_find_officer(ui->store, name, &officer_id, canonical, sizeof canonical, &e) != PB_OK) {
		ui_message(ui, true, "No officer is called \"%s\" (by name or alias); Tab after :review lists the names", name);
		return UI_REDRAW;
	}
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: starting a review is refused; Reviews shows those held, `planbench review \"%s\"` prints"
			   " the agenda", canonical);
		return UI_REDRAW;
	}
	if (store_review_start(ui->store, officer_id, &opened, &resumed, &e) != PB_OK) {
		ui_message(ui, true, "The review was not started: %s", e.msg);
		return UI_REDRAW;
	}
	ui->browse->filter_gen++; /* the Reviews screen and the navigator count again */
	ui_message(ui, false, resumed ? "Going on with the review of %s in progress; Enter takes an action, n the next to take"
				      : "A review of %s: Enter takes an action, n the next to take, f finishes", canonical);
	return ui_open(ui, &view_review, &opened) | UI_REDRAW;
}

/* "simon-parry": the name in lower case letters and digits, words joined by "-". */
static void slug(const char *name, char *out, size_t len)
{
	size_t o = 0;
	bool dash = false;
	for (const unsigned char *p = (const unsigned char *)name; *p && o + 2 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
			if (dash && o)
				out[o++] = '-';
			out[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			dash = false;
		} else {
			dash = true;
		}
	}
	out[o] = '\0';
	if (!o)
		snprintf(out, len, "officer");
}

/* Opens a new file called base.ext, else base-2.ext, base-3.ext …, never replacing one; -1 when none can be made. */
static int create_new(const char *base, const char *ext, char *path, size_t len)
{
	for (int i = 1; i < 1000; i++) {
		if (i == 1)
			snprintf(path, len, "%s.%s", base, ext);
		else
			snprintf(path, len, "%s-%d.%s", base, i, ext);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

int review_export(struct ui *ui, long review_id, enum review_format format, char *path, size_t len, struct pb_error *e)
{
	struct review_info r;
	char name[200], base[300];
	if (store_review_get(ui->store, review_id, &r, e) != PB_OK)
		return e->status;
	slug(r.officer, name, sizeof name);
	snprintf(base, sizeof base, "review-%s-%s", name, r.held_on);
	int fd = create_new(base, format == REVIEW_CSV ? "csv" : "md", path, len);
	if (fd < 0)
		return pb_fail(e, PB_FAIL, "%s.%s: cannot write here (%s); start planbench in a folder you may write to",
			       base, format == REVIEW_CSV ? "csv" : "md", strerror(errno));
	FILE *out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		unlink(path);
		return pb_fail(e, PB_FAIL, "%s: cannot write (%s)", path, strerror(errno));
	}
	int status = store_review_sheet_saved(ui->store, review_id, format, out, e);
	if (fclose(out) != 0 && status == PB_OK)
		status = pb_fail(e, PB_FAIL, "%s: could not finish writing (is the disk full?)", path);
	if (status != PB_OK)
		unlink(path);
	return status;
}
