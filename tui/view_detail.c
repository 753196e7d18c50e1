/* view_detail.c — one action in full, scrollable: every field, the target-date history, every progress update
 * newest first, the owners, the linked engagement records and the audit trail. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/browse.h"
#include "tui/document.h"
#include "tui/engagement_work.h"
#include "tui/ui.h"
#include "tui/work.h"

#define LABEL_COLS 13 /* width of a field's label, its text starts after it */

struct detail {
	struct document doc; /* first: the doc_* key handlers find it at v->priv */
	long id;
	char plan[32], ref[64], title[512];
	char search[256]; /* words to mark: the search the list shows, if any */
	struct work_arg work; /* what u d r t c e n z h opened from here work on */
	struct engagement_list_arg engagements; /* E: the engagement records linked to it */
};
_Static_assert(offsetof(struct detail, doc) == 0, "the document starts the view's state");

/* ---- the document ---- */

/* "31 Mar 2026" from an ISO date, or the text itself. */
static void human(const char *iso, char *out, size_t len)
{
	struct date day;
	if (date_parse_iso(iso, &day))
		date_format_human(day, out, len);
	else
		snprintf(out, len, "%s", *iso ? iso : "none");
}

struct walk {
	struct detail *d;
	bool utf8;
	int n;
};

static int add_revision(void *ctx, const struct revision_row *r)
{
	struct walk *w = ctx;
	char from[32], to[32], when[160] = "";
	human(r->from_on, from, sizeof from);
	human(r->to_on, to, sizeof to);
	if (*r->changed_on || *r->changed_by)
		snprintf(when, sizeof when, " (%s%s%s)", r->changed_on, *r->changed_on && *r->changed_by ? ", " : "", r->changed_by);
	doc_text(&w->d->doc, UI_NORMAL, 2, "%d. %s %s %s%s%s  %s%s", r->seq, from, w->utf8 ? "\xE2\x86\x92" : "->", to,
	    *r->to_text ? " as " : "", r->to_text, r->reason, when);
	doc_hang(&w->d->doc, 3);
	w->n++;
	return PB_OK;
}

static int add_update(void *ctx, const struct update_row *u)
{
	struct walk *w = ctx;
	char when[32];
	const char *dot = w->utf8 ? " \xC2\xB7 " : " - ";
	human(u->noted_on, when, sizeof when);
	if (w->n++ > 0)
		doc_blank(&w->d->doc);
	doc_text(&w->d->doc, UI_BOLD, 2, "%s%s%s%s%s", *u->period ? u->period : "(no period)", dot, when,
	    *u->author ? dot : "", u->author);
	doc_text(&w->d->doc, UI_NORMAL, 4, "%s", u->text);
	return PB_OK;
}

static int add_engagement(void *ctx, const struct engagement_link_row *g)
{
	struct walk *w = ctx;
	char when[32] = "";
	if (*g->held_on)
		human(g->held_on, when, sizeof when);
	doc_text(&w->d->doc, UI_NORMAL, 2, "%s  %s%s%s", g->ref, g->title, *when ? (w->utf8 ? " \xC2\xB7 " : " - ") : "", when);
	w->n++;
	return PB_OK;
}

static int add_audit(void *ctx, const struct audit_row *a)
{
	struct walk *w = ctx;
	const char *arrow = w->utf8 ? " \xE2\x86\x92 " : " -> ";
	char old[64], new[96];
	if (!*a->field)
		doc_text(&w->d->doc, UI_NORMAL, 2, "%s  %s  %s", a->at, a->who, *a->new_value ? "created" : "deleted");
	else {
		text_fit(*a->old_value ? a->old_value : "(none)", 40, false, old, sizeof old);
		text_fit(*a->new_value ? a->new_value : "(none)", 60, false, new, sizeof new);
		doc_text(&w->d->doc, UI_NORMAL, 2, "%s  %s  %s: %s%s%s", a->at, a->who, a->field, old, arrow, new);
	}
	doc_hang(&w->d->doc, 4);
	w->n++;
	return PB_OK;
}

/* Puts the number of entries below heading h in its title: "Progress updates (2, newest first)". */
static void retitle(struct document *doc, int h, int n, const char *order)
{
	if (h >= 0 && h < doc->np)
		doc_retext(doc, h, "%s (%d%s)", doc->p[h].text, n, n > 1 ? order : "");
}

/* The fields at the top: where it belongs, who leads it, its state and its dates. */
static void add_fields(struct detail *d, const struct action_detail *a, const struct ui *ui)
{
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char buf[1024], due[32], orig[32], done[32] = "";
	doc_text(&d->doc, UI_BOLD, 0, "%s  %s", a->ref, a->title);
	doc_blank(&d->doc);
	snprintf(buf, sizeof buf, "%s%s%s", a->plan, dot, a->plan_title);
	doc_field(&d->doc, "Plan", buf, UI_NORMAL);
	snprintf(buf, sizeof buf, "%s %s", a->section, a->section_title);
	doc_field(&d->doc, "Section", *a->section ? buf : "", UI_NORMAL);
	doc_field(&d->doc, "Leads", *a->leads ? a->leads : "none named", UI_NORMAL);
	doc_field(&d->doc, "Status", *a->status ? status_label(a->status) : "not set", UI_NORMAL);
	struct action_row row = {.due_on = a->due_on, .rag = a->rag, .rag_computed = a->rag_computed, .revisions = a->revisions};
	if (rag_mismatch(a->rag, a->rag_computed)) {
		store_mismatch_reason(&row, ui->today, buf, sizeof buf);
		doc_field(&d->doc, "RAG", buf, ui_rag_style(a->rag_computed) | UI_BOLD);
	} else {
		snprintf(buf, sizeof buf, "%s", rag_name(a->rag != RAG_NONE ? a->rag : a->rag_computed));
		doc_field(&d->doc, "RAG", buf, ui_rag_style(a->rag != RAG_NONE ? a->rag : a->rag_computed));
	}
	store_rag_reason_text(a, buf, sizeof buf);
	doc_field(&d->doc, "RAG reason", buf, UI_NORMAL);
	human(a->due_on, due, sizeof due);
	if (*a->due_on)
		snprintf(buf, sizeof buf, "%s%s%s", due, strcmp(a->due_state, "dated") ? dot : "",
			 strcmp(a->due_state, "dated") ? a->due_state : "");
	else
		snprintf(buf, sizeof buf, "%s", strcmp(a->due_state, "none") ? a->due_state : "none");
	doc_field(&d->doc, "Target date", buf, UI_NORMAL);
	if (a->days_over != DAYS_NONE) {
		snprintf(buf, sizeof buf, "%ld day%s", a->days_over, a->days_over == 1 ? "" : "s");
		doc_field(&d->doc, "Overdue", buf, UI_RED);
	}
	doc_field(&d->doc, "As written", a->due_text, UI_NORMAL);
	human(a->original_due, orig, sizeof orig);
	if (a->revisions > 0) {
		snprintf(buf, sizeof buf, "%s%srevised %d time%s", orig, dot, a->revisions, a->revisions == 1 ? "" : "s");
		doc_field(&d->doc, "Original", buf, UI_NORMAL);
	}
	if (*a->completed_on)
		human(a->completed_on, done, sizeof done);
	doc_field(&d->doc, "Completed", done, UI_NORMAL);
	doc_field(&d->doc, "Description", a->description, UI_NORMAL);
	doc_field(&d->doc, "Measure", a->measure, UI_NORMAL);
	doc_field(&d->doc, "Target", a->target, UI_NORMAL);
	doc_field(&d->doc, "Outcome", a->outcome, UI_NORMAL);
	snprintf(buf, sizeof buf, "created %s%supdated %s", a->created_at, dot, a->updated_at);
	doc_field(&d->doc, "Recorded", buf, UI_DIM);
}

/* Reads the action and everything about it into paragraphs. */
static int load(struct detail *d, struct ui *ui, struct pb_error *e)
{
	struct action_detail a;
	struct store *s = ui->store;
	if (store_get_action(s, d->id, &a, e) != PB_OK)
		return e->status;
	snprintf(d->plan, sizeof d->plan, "%s", a.plan);
	snprintf(d->ref, sizeof d->ref, "%s", a.ref);
	snprintf(d->title, sizeof d->title, "%s", a.title);
	add_fields(d, &a, ui);
	store_action_free(&a);

	struct walk w = {d, ui->utf8, 0};
	int h = doc_heading(&d->doc, "Target-date history");
	int status = store_each_revision(s, d->id, add_revision, &w, e);
	retitle(&d->doc, h, w.n, ", oldest first");
	if (status == PB_OK && w.n == 0)
		doc_text(&d->doc, UI_DIM, 2, "%s", "The target date has not been revised.");
	w.n = 0;
	h = doc_heading(&d->doc, "Progress updates");
	if (status == PB_OK)
		status = store_each_update(s, d->id, add_update, &w, e);
	retitle(&d->doc, h, w.n, ", newest first");
	if (status == PB_OK && w.n == 0)
		doc_text(&d->doc, UI_DIM, 2, "%s", "No progress updates yet.");
	w.n = 0;
	h = doc_heading(&d->doc, "Engagement records");
	if (status == PB_OK)
		status = store_each_engagement_of(s, d->id, add_engagement, &w, e);
	retitle(&d->doc, h, w.n, "");
	if (status == PB_OK && w.n == 0)
		doc_text(&d->doc, UI_DIM, 2, "%s", "No engagement records are linked to this action.");
	else if (status == PB_OK)
		doc_text(&d->doc, UI_DIM, 2, "%s", "E lists them; Enter on one opens it in full.");
	w.n = 0;
	h = doc_heading(&d->doc, "Audit trail");
	if (status == PB_OK)
		status = store_each_audit(s, d->id, add_audit, &w, e);
	retitle(&d->doc, h, w.n, ", oldest first");
	if (d->doc.oom)
		return pb_fail(e, PB_FAIL, "out of memory showing action %s", d->ref);
	return status;
}

/* ---- keys ---- */

static int det_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

/* Opens what a key of the officer's work asks for on this action (tui/work.h). */
static int det_work(struct view *v, struct ui *ui, enum work_kind kind)
{
	struct detail *d = v->priv;
	return work_open(ui, kind, d->id, &d->work);
}

static int det_note(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_NOTE);
}

static int det_redate(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_REDATE);
}

static int det_rag(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_RAG);
}

static int det_status(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_STATUS);
}

static int det_complete(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_COMPLETE);
}

static int det_edit(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_EDIT);
}

static int det_new(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_NEW);
}

static int det_undo(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_UNDO);
}

static int det_history(struct view *v, struct ui *ui)
{
	return det_work(v, ui, WORK_HISTORY);
}

/* The engagement records linked to the action, in the Engagement view: each opens from there. */
static int det_engagements(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	d->engagements.action_id = d->id;
	snprintf(d->engagements.action, sizeof d->engagements.action, "%s %s", d->plan, d->ref);
	return ui_open(ui, &view_engagement, &d->engagements) | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", doc_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", doc_up, 0},
	{"update", 'u', {0}, "update", "Add a progress update (F2 or Ctrl-S saves it)", det_note, 0},
	{"redate", 'd', {0}, "due", "Revise the target date, with a reason", det_redate, 0},
	{"rag", 'r', {0}, "RAG", "Set the RAG (with a reason when it differs from the computed one)", det_rag, 0},
	{"complete", 'c', {0}, "complete", "Complete the action: today, or the day you type", det_complete, 0},
	{"undo", 'z', {0}, "undo", "Undo the last change made in this session (asks first)", det_undo, 0},
	{"history", 'h', {0}, "history", "History: every change to the action, who made it and when", det_history, 0},
	{"status", 't', {0}, NULL, "Set the status", det_status, 0},
	{"edit", 'e', {0}, NULL, "Edit the action: title, owners, section, description, measure, target, outcome", det_edit, 0},
	{"new", 'n', {0}, NULL, "A new action in this plan and section, its ref suggested", det_new, 0},
	{"engagements", 'E', {0}, NULL, "The engagement records linked to this action: Enter on one opens it", det_engagements, 0},
	{"page-down", KEY_NPAGE, {' '}, "page", "Page down", doc_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", doc_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", doc_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", doc_bottom, 0},
	{"next-part", '\t', {'}'}, "next", "Next part: history, updates, engagement, audit trail", doc_next_heading, 0},
	{"prev-part", KEY_BTAB, {'{'}, NULL, "Previous part", doc_prev_heading, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the list", det_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Ctrl-L: reads the action again (another planbench may have changed it), keeping the place. */
static void detail_reload(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	struct pb_error e = {0};
	int top = d->doc.top;
	doc_clear(&d->doc);
	if (load(d, ui, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	doc_layout(&d->doc, v->area.w);
	doc_scroll_to(&d->doc, top, doc_page(v));
}

/* arg is a const long *: the action's id. */
static int detail_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct detail *d = calloc(1, sizeof *d);
	if (!d) {
		ui_message(ui, true, "Out of memory opening the action");
		return PB_FAIL;
	}
	v->priv = d;
	doc_init(&d->doc, LABEL_COLS);
	d->id = *(const long *)arg;
	if (ui->browse->cur.kind == BROWSE_SEARCH)
		snprintf(d->search, sizeof d->search, "%s", ui->browse->cur.search);
	if (load(d, ui, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	return PB_OK;
}

static void detail_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct detail *d = v->priv;
	doc_draw(&d->doc, ui, w, v->area, d->search, NULL);
}

static void detail_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct detail *d = v->priv;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	snprintf(f->where, sizeof f->where, "%s", d->plan);
	char title[160];
	text_fit(d->title, 100, false, title, sizeof title);
	snprintf(f->title, sizeof f->title, "%.60s%s%s", d->ref, dot, title);
	snprintf(f->info, sizeof f->info, "%s",
		 doc_more_below(&d->doc, doc_page(v)) ? "More below: Space pages down, Tab jumps to the next part" : "End of the action");
	doc_position(&d->doc, doc_page(v), f->position, sizeof f->position);
}

const struct view_ops view_detail = {
	.name = "Action in full",
	.keys = keys,
	.init = detail_init,
	.draw = detail_draw,
	.key = NULL,
	.resize = doc_view_resize,
	.free = doc_view_free,
	.frame = detail_frame,
	.mouse = doc_mouse,
	.reload = detail_reload,
};
