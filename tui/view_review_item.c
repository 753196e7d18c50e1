/* view_review_item.c — one action of a one-to-one review, on one scrollable screen: what this review has recorded, the
 * current target and its history, the RAG set and computed, the progress updates since the last review (marked new),
 * and what was agreed last time. Enter records, n goes on to the next action, without leaving the review. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/document.h"
#include "tui/review.h"
#include "tui/work.h"

#define MODE_OPEN (1u << 20) /* the review is in progress: keys that record work */
#define LABEL_COLS 11

/* The action as the screen needs it, copied out of the store. */
struct shown {
	long action_id;
	char ref[64], plan[32], title[512];
	enum review_group group;
	enum review_state state;
	char *notes, *next_step; /* owned */
	char new_due_on[DATE_ISO_LEN];
};

struct item {
	struct document doc; /* first: the doc_* key handlers find it at v->priv; doc_flag marks what is new */
	struct ui *ui;
	struct review_place *place;
	struct review_info info;
	struct shown s;
	long open_id;	      /* view_detail's arg */
	struct work_arg work; /* what u, r and h open work on */
};
_Static_assert(offsetof(struct item, doc) == 0, "the document starts the view's state");

/* ---- the document ---- */

static void forget(struct item *it)
{
	doc_clear(&it->doc);
	free(it->s.notes);
	free(it->s.next_step);
	memset(&it->s, 0, sizeof it->s);
}

/* Store callback: copies the action at the place. */
static int keep_item(void *ctx, const struct review_item_row *r)
{
	struct shown *s = ctx;
	s->action_id = r->action.id;
	snprintf(s->ref, sizeof s->ref, "%s", r->action.ref);
	snprintf(s->plan, sizeof s->plan, "%s", r->action.plan);
	snprintf(s->title, sizeof s->title, "%s", r->action.title);
	s->group = r->group;
	s->state = r->state;
	s->notes = strdup(r->notes);
	s->next_step = strdup(r->next_step);
	snprintf(s->new_due_on, sizeof s->new_due_on, "%s", r->new_due_on);
	return s->notes && s->next_step ? PB_OK : PB_FAIL;
}

/* What this review has recorded for the action. */
static void add_record(struct item *it)
{
	char day[32], reason[64], buf[200];
	doc_heading(&it->doc, "This review");
	if (it->s.state == REVIEW_ITEM_PENDING) {
		doc_text(&it->doc, UI_DIM, 1, "%s", "Not taken yet: Enter records the notes, the agreed next step and a new target"
							   " date; x marks it not discussed.");
		return;
	}
	if (it->s.state == REVIEW_ITEM_NOT_DISCUSSED) {
		doc_text(&it->doc, UI_DIM, 1, "%s", it->info.finished ? "Not discussed." : "Marked not discussed (x takes it back).");
		return;
	}
	doc_field(&it->doc, "Notes", it->s.notes, UI_NORMAL);
	doc_field(&it->doc, "Next step", it->s.next_step, UI_BOLD);
	if (*it->s.new_due_on) {
		struct date held;
		review_human(it->s.new_due_on, day, sizeof day);
		if (!date_parse_iso(it->info.held_on, &held))
			held = it->ui->today;
		review_agreed_reason(it->info.finished ? held : it->ui->today, reason, sizeof reason);
		snprintf(buf, sizeof buf, "%s, a revision \"%s\"", day, reason);
		doc_field(&it->doc, "New date", buf, UI_NORMAL);
	}
	if (!*it->s.notes && !*it->s.next_step && !*it->s.new_due_on)
		doc_text(&it->doc, UI_NORMAL, 1, "%s", "Discussed; nothing recorded.");
}

static int add_revision(void *ctx, const struct revision_row *r)
{
	struct item *it = ctx;
	char from[32], to[32];
	review_human(r->from_on, from, sizeof from);
	review_human(r->to_on, to, sizeof to);
	doc_text(&it->doc, UI_NORMAL, 3, "%d. %s %s %s  %s%s%s%s%s%s", r->seq, *from ? from : "none",
	    it->ui->utf8 ? "\xE2\x86\x92" : "->", *to ? to : "none", r->reason, *r->changed_on || *r->changed_by ? " (" : "",
	    r->changed_on, *r->changed_on && *r->changed_by ? ", " : "", r->changed_by, *r->changed_on || *r->changed_by ? ")" : "");
	doc_hang(&it->doc, 3);
	return PB_OK;
}

/* The target now, as written, its history; the RAG set and computed. */
static int add_target(struct item *it, struct pb_error *e)
{
	struct action_detail d;
	char buf[1024], day[32];
	const char *dot = it->ui->utf8 ? " \xC2\xB7 " : " - ";
	if (store_get_action(it->ui->store, it->s.action_id, &d, e) != PB_OK)
		return e->status;
	doc_heading(&it->doc, "Target and RAG");
	review_human(d.due_on, day, sizeof day);
	snprintf(buf, sizeof buf, "%s", *day ? day : strcmp(d.due_state, "none") ? d.due_state : "none");
	if (d.days_over != DAYS_NONE && d.days_over > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%ld day%s over", dot, d.days_over, d.days_over == 1 ? "" : "s");
	if (*d.status)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", dot, status_label(d.status));
	doc_field(&it->doc, "Target", buf, d.days_over != DAYS_NONE && d.days_over > 0 ? UI_RED : UI_NORMAL);
	doc_field(&it->doc, "As written", d.due_text, UI_NORMAL);
	struct action_row row = {.due_on = d.due_on, .rag = d.rag, .rag_computed = d.rag_computed, .revisions = d.revisions};
	if (rag_mismatch(d.rag, d.rag_computed)) {
		store_mismatch_reason(&row, it->ui->today, buf, sizeof buf);
		doc_field(&it->doc, "RAG", buf, ui_rag_style(d.rag_computed) | UI_BOLD);
	} else {
		doc_field(&it->doc, "RAG", rag_name(d.rag != RAG_NONE ? d.rag : d.rag_computed), ui_rag_style(d.rag != RAG_NONE ? d.rag : d.rag_computed));
	}
	store_rag_reason_text(&d, buf, sizeof buf);
	doc_field(&it->doc, "RAG reason", buf, UI_NORMAL);
	doc_field(&it->doc, "Leads", d.leads, UI_NORMAL);
	int revisions = d.revisions;
	store_action_free(&d);
	if (revisions == 0) {
		doc_text(&it->doc, UI_DIM, 1, "%s", "The target date has not been revised.");
		return PB_OK;
	}
	doc_text(&it->doc, UI_NORMAL, 1, "Revised %d time%s:", revisions, revisions == 1 ? "" : "s");
	return store_each_revision(it->ui->store, it->s.action_id, add_revision, it, e);
}

/* Store callback: the updates since the last review, marked; of the older ones only the latest. */
struct updates {
	struct item *it;
	int fresh, older;
};

static int add_update(void *ctx, const struct update_row *u, bool fresh)
{
	struct updates *w = ctx;
	char day[32];
	const char *dot = w->it->ui->utf8 ? " \xC2\xB7 " : " - ";
	if (!fresh && w->older++ > 0)
		return PB_OK;
	if (!fresh && w->it->info.since.any)
		doc_text(&w->it->doc, UI_DIM, 1, "%s", w->fresh ? "Before that:" : "Nothing new; the latest before it:");
	w->fresh += fresh;
	review_human(u->noted_on, day, sizeof day);
	doc_text(&w->it->doc, fresh ? UI_BOLD : UI_NORMAL, 1, "%s%s%s%s%s%s", fresh ? "NEW " : "",
	    *u->period ? u->period : "(no period)", dot, day, *u->author ? dot : "", u->author);
	doc_flag(&w->it->doc, fresh);
	doc_text(&w->it->doc, fresh ? UI_NORMAL : UI_DIM, 3, "%s", u->text);
	doc_flag(&w->it->doc, fresh);
	return PB_OK;
}

static int add_updates(struct item *it, struct pb_error *e)
{
	char day[32], title[96];
	struct updates w = {it, 0, 0};
	review_human(it->info.since.on, day, sizeof day);
	if (it->info.since.any)
		snprintf(title, sizeof title, "Progress updates since the last review (%s)", day);
	else
		snprintf(title, sizeof title, "Latest progress update (no earlier review)");
	doc_heading(&it->doc, title);
	int status = store_review_each_update(it->ui->store, it->s.action_id, &it->info.since, add_update, &w, e);
	if (status == PB_OK && !w.fresh && !w.older)
		doc_text(&it->doc, UI_DIM, 1, "%s", "No progress updates yet.");
	return status;
}

/* Store callback: what the review before recorded. */
static int add_earlier(void *ctx, const struct review_earlier_row *r)
{
	struct item *it = ctx;
	char day[32], title[400], due[32], whose[200] = "";
	review_human(r->held_on, day, sizeof day);
	if (r->officer_id != it->info.officer_id) /* a jointly led action, last taken in the other lead's 1:1 */
		snprintf(whose, sizeof whose, ", in %s's 1:1", r->officer);
	snprintf(title, sizeof title, "Agreed last time (%s%s%s%s)", day, whose, *r->reviewer ? ", " : "", r->reviewer);
	if (!doc_retext(&it->doc, it->doc.np - 1, "%s", title)) /* the heading, now with the day and the reviewer */
		return PB_OK;
	if (r->state == REVIEW_ITEM_NOT_DISCUSSED) {
		doc_text(&it->doc, UI_DIM, 1, "%s", "Not discussed then.");
		return PB_OK;
	}
	doc_field(&it->doc, "Next step", r->next_step, UI_BOLD);
	review_human(r->new_due_on, due, sizeof due);
	doc_field(&it->doc, "New date", due, UI_NORMAL);
	doc_field(&it->doc, "Notes", r->notes, UI_NORMAL);
	if (!*r->next_step && !*r->new_due_on && !*r->notes)
		doc_text(&it->doc, UI_NORMAL, 1, "%s", "Discussed; nothing recorded.");
	return PB_OK;
}

static int add_last_time(struct item *it, struct pb_error *e)
{
	doc_heading(&it->doc, "Agreed last time");
	int before = it->doc.np;
	int status = store_review_earlier(it->ui->store, it->s.action_id, it->info.id, it->info.held_on, add_earlier, it, e);
	if (status == PB_OK && it->doc.np == before)
		doc_text(&it->doc, UI_DIM, 1, "%s", "No earlier review recorded this action.");
	return status;
}

/* Reads the action at the place and everything the screen shows about it. */
static int load(struct item *it, struct pb_error *e)
{
	struct store *s = it->ui->store;
	const char *dot = it->ui->utf8 ? " \xC2\xB7 " : " - ";
	forget(it);
	if (store_review_get(s, it->place->review_id, &it->info, e) != PB_OK)
		return e->status;
	it->place->items = it->info.items;
	it->place->finished = it->info.finished;
	if (it->place->position < 1 || it->place->position > it->info.items)
		it->place->position = it->place->position < 1 ? 1 : it->info.items;
	if (store_review_items(s, it->place->review_id, it->place->position - 1, 1, keep_item, &it->s, e) != PB_OK)
		return e->status;
	if (!it->s.action_id)
		return pb_fail(e, PB_BAD_INPUT, "the review of %s has no actions on its agenda", it->info.officer);
	doc_text(&it->doc, UI_BOLD, 0, "%s  %s", it->s.ref, it->s.title);
	char group[96], since[32];
	review_human(it->info.since.on, since, sizeof since);
	if (it->s.group == REVIEW_CHANGED && it->info.since.any)
		snprintf(group, sizeof group, "Changed since %s", since);
	else
		snprintf(group, sizeof group, "%s", review_group_name(it->s.group));
	doc_text(&it->doc, UI_DIM, 0, "%s%s%s%s%ld of %ld on the agenda", it->s.plan, dot, group, dot, it->place->position,
	    it->info.items);
	add_record(it);
	int status = add_target(it, e);
	if (status == PB_OK)
		status = add_updates(it, e);
	if (status == PB_OK)
		status = add_last_time(it, e);
	if (status == PB_OK && it->doc.oom)
		status = pb_fail(e, PB_FAIL, "out of memory showing %s", it->s.ref);
	return status;
}

/* ---- keys ---- */

/* Shows the action at position (from 1), from its top. */
static int go(struct view *v, struct ui *ui, long position)
{
	struct item *it = v->priv;
	struct pb_error e = {0};
	if (position < 1 || position > it->info.items) {
		ui_message(ui, false, position < 1 ? "This is the first action of the agenda" : "This is the last action of the agenda;"
											 " Esc goes back to it, f there finishes");
		return UI_REDRAW;
	}
	it->place->position = position;
	if (load(it, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	doc_layout(&it->doc, v->area.w);
	it->doc.top = 0;
	return UI_REDRAW;
}

static int it_next(struct view *v, struct ui *ui)
{
	return go(v, ui, ((struct item *)v->priv)->place->position + 1);
}

static int it_prev(struct view *v, struct ui *ui)
{
	return go(v, ui, ((struct item *)v->priv)->place->position - 1);
}

static int it_record(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: recording is refused; restart without --read-only to record");
		return UI_REDRAW;
	}
	it->place->advance = false;
	return ui_open(ui, &view_review_record, it->place) | UI_REDRAW;
}

static int it_skip(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	struct pb_error e = {0};
	bool skip = it->s.state != REVIEW_ITEM_NOT_DISCUSSED;
	if (store_review_mark(ui->store, it->info.id, it->s.action_id, skip, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	ui_message(ui, false, skip ? "%s marked not discussed; n goes on to the next action" : "%s is to be taken again", it->s.ref);
	return UI_RELOAD | UI_REDRAW;
}

static int it_full(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	it->open_id = it->s.action_id;
	return ui_open(ui, &view_detail, &it->open_id) | UI_REDRAW;
}

static int it_note(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	return work_open(ui, WORK_NOTE, it->s.action_id, &it->work);
}

static int it_rag(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	return work_open(ui, WORK_RAG, it->s.action_id, &it->work);
}

static int it_history(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	return work_open(ui, WORK_HISTORY, it->s.action_id, &it->work);
}

static int it_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"record", '\n', {'\r', KEY_ENTER, 'e'}, "record", "Record the notes, the agreed next step and a new target date", it_record, MODE_OPEN},
	{"next", 'n', {']'}, "next", "The next action of the agenda", it_next, 0},
	{"prev", 'p', {'['}, "prev", "The action before", it_prev, 0},
	{"skip", 'x', {0}, "skip", "Mark it not discussed; again: back to be taken", it_skip, MODE_OPEN},
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", doc_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", doc_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", doc_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", doc_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", doc_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", doc_bottom, 0},
	{"full", 'o', {0}, "full", "The action in full: every field, every update, the audit trail", it_full, 0},
	{"update", 'u', {0}, NULL, "Add a progress update (F2 or Ctrl-S saves it)", it_note, 0},
	{"rag", 'r', {0}, NULL, "Set the RAG (with a reason when it differs from the computed one)", it_rag, 0},
	{"history", 'h', {0}, NULL, "History: every change to the action, who made it and when", it_history, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the agenda", it_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static void set_mode(struct view *v)
{
	struct item *it = v->priv;
	v->mode = it->info.finished || it->ui->read_only ? 0 : MODE_OPEN;
}

/* After a save (here or in a form opened from here): read it again; "save and next" moves on. */
static void item_reload(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	struct pb_error e = {0};
	int top = it->doc.top;
	if (it->place->advance && it->place->position < it->place->items) {
		it->place->advance = false;
		it->place->position++;
		top = 0;
	}
	it->place->advance = false;
	if (load(it, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	set_mode(v);
	doc_layout(&it->doc, v->area.w);
	doc_scroll_to(&it->doc, top, doc_page(v));
}

/* arg is a struct review_place * the agenda keeps: the screen moves it. */
static int item_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct item *it = calloc(1, sizeof *it);
	if (!it) {
		ui_message(ui, true, "Out of memory opening the action");
		return PB_FAIL;
	}
	v->priv = it;
	doc_init(&it->doc, LABEL_COLS);
	it->ui = ui;
	it->place = (struct review_place *)arg;
	if (load(it, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	set_mode(v);
	return PB_OK;
}

/* What is new since the last review: a bar beside it, and its bold lines in amber. */
static int fresh_style(const struct doc_para *p, const struct ui *ui, WINDOW *w, int y, int x)
{
	if (!p->flags)
		return p->style;
	ui_put(w, y, x, 1, ui->utf8 ? "\xE2\x94\x83" : "|", ui_attr(ui, UI_AMBER | UI_BOLD), false);
	return p->style == UI_BOLD ? p->style | UI_AMBER : p->style;
}

static void item_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	doc_draw(&((struct item *)v->priv)->doc, ui, w, v->area, NULL, fresh_style);
}

static void item_free(struct view *v)
{
	struct item *it = v->priv;
	if (!it)
		return;
	forget(it);
	doc_free(&it->doc);
	free(it);
	v->priv = NULL;
}

static void item_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct item *it = v->priv;
	(void)ui;
	snprintf(f->where, sizeof f->where, "review");
	snprintf(f->title, sizeof f->title, "1:1 %.100s: %s %.60s", it->info.officer, it->s.plan, it->s.ref);
	f->count[0] = '\0';
	if (doc_more_below(&it->doc, doc_page(v)))
		snprintf(f->info, sizeof f->info, "More below: Space pages down");
	else if (it->info.finished)
		snprintf(f->info, sizeof f->info, "A finished review: n and p go through its actions");
	else
		snprintf(f->info, sizeof f->info, "%s", it->s.state == REVIEW_ITEM_PENDING ? "Enter records; n goes on to the next action"
											    : "n goes on to the next action");
	snprintf(f->position, sizeof f->position, "%ld/%ld", it->place->position, it->info.items);
}

const struct view_ops view_review_item = {
	.name = "An action in a review",
	.keys = keys,
	.init = item_init,
	.draw = item_draw,
	.key = NULL,
	.resize = doc_view_resize,
	.free = item_free,
	.frame = item_frame,
	.mouse = doc_mouse,
	.reload = item_reload,
};
