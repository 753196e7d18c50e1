/* view_engagement_detail.c — one engagement record in full, scrollable: every field, the tenants as written and as
 * counted, the summary, "you said" and "we did" (or that none is recorded yet), the actions it informed and its
 * history; from here it is edited, linked to actions and deleted. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engagement.h"
#include "core/text.h"
#include "tui/document.h"
#include "tui/engagement_work.h"
#include "tui/work.h"

#define LABEL_COLS 11

struct detail {
	struct document doc; /* first: the doc_* key handlers find it at v->priv */
	struct ui *ui;
	long id;
	char ref[32], title[300];
	bool gone; /* the record has been deleted since it was opened */
	struct engagement_form_arg form;
	long link_id;
	struct work_arg work;
	struct confirm_request confirm;
	char delete_what[300];
};
_Static_assert(offsetof(struct detail, doc) == 0, "the document starts the view's state");

/* ---- the document ---- */

/* The tenants as written and as the summary counts them: "Circa 20 tenants per event → c. 20 per event, held 12
 * times: c. 240 in all". */
static void tenants_line(const struct engagement_row *g, bool utf8, char *out, size_t len)
{
	char counted[64];
	struct engagement_fact f;
	struct date first;
	engagement_tenants(g, false, counted, sizeof counted);
	store_engagement_fact(g, &f);
	bool per_event = g->tenants >= 0 && f.tenants.scope == TENANTS_PER_EVENT;
	int n = f.ranged ? engagement_occurrences(f.held_on, f.held_until, f.frequency, &first, 1) : 0;
	snprintf(out, len, "%s%s%s", g->tenants_text, *g->tenants_text ? (utf8 ? " \xE2\x86\x92 " : " -> ") : "", counted);
	size_t l = strlen(out);
	if (l >= len)
		return;
	if (per_event && n > 1)
		snprintf(out + l, len - l, ", held %d times: %s%ld in all", n, f.tenants.basis == TENANTS_CIRCA ? "c. " : "",
			 g->tenants * n);
	else if (n > 1)
		snprintf(out + l, len - l, ", held %d times", n);
	else if (per_event)
		snprintf(out + l, len - l, " (how often it was held is not recorded, so the summary counts it once)");
}

/* Store callback: the record's fields, summary, "you said" and "we did". */
static int add_record(void *ctx, const struct engagement_row *g)
{
	struct detail *d = ctx;
	bool utf8 = d->ui->utf8;
	char buf[1200], when[120];
	snprintf(d->ref, sizeof d->ref, "%s", g->ref);
	snprintf(d->title, sizeof d->title, "%s", g->title);
	doc_text(&d->doc, UI_BOLD, 0, "%s  %s", g->ref, g->title);
	doc_blank(&d->doc);
	doc_field(&d->doc, "Team", *g->team ? g->team : "not said", UI_NORMAL);
	snprintf(buf, sizeof buf, "%s%s%s%s", *g->method ? g->method : "not said", *g->formality ? " (" : "", g->formality,
		 *g->formality ? ")" : "");
	doc_field(&d->doc, "Method", buf, UI_NORMAL);
	doc_field(&d->doc, "Place", g->location, UI_NORMAL);
	engagement_when(g, utf8, false, when, sizeof when);
	snprintf(buf, sizeof buf, "%s%s%s", *g->held_on ? when : "no date recorded",
		 *g->when_text && *g->held_on ? (utf8 ? " \xC2\xB7 written \xE2\x80\x9C" : " - written \"") : "",
		 *g->held_on ? g->when_text : "");
	if (*g->when_text && *g->held_on)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", utf8 ? "\xE2\x80\x9D" : "\"");
	doc_field(&d->doc, "Held", buf, *g->held_on ? UI_NORMAL : UI_DIM);
	if (!*g->held_on)
		doc_field(&d->doc, "As written", g->when_text, UI_NORMAL);
	doc_field(&d->doc, "Frequency", *g->frequency ? engagement_frequency_label(g->frequency) : "not said", UI_NORMAL);
	tenants_line(g, utf8, buf, sizeof buf);
	doc_field(&d->doc, "Tenants", buf, g->tenants < 0 ? UI_DIM : UI_NORMAL);
	doc_field(&d->doc, "Standard", *g->standard ? g->standard : "not said", UI_NORMAL);
	snprintf(buf, sizeof buf, "created %s%supdated %s", g->created_at, utf8 ? " \xC2\xB7 " : " - ", g->updated_at);
	doc_field(&d->doc, "Recorded", buf, UI_DIM);
	doc_heading(&d->doc, "Summary");
	doc_text(&d->doc, *g->summary ? UI_NORMAL : UI_DIM, 2, "%s", *g->summary ? g->summary : "No summary.");
	doc_heading(&d->doc, "You said");
	doc_text(&d->doc, *g->you_said ? UI_NORMAL : UI_DIM, 2, "%s", *g->you_said ? g->you_said : "Nothing recorded.");
	doc_heading(&d->doc, "We did");
	if (*g->we_did)
		doc_text(&d->doc, UI_NORMAL, 2, "%s", g->we_did);
	else
		doc_text(&d->doc, UI_AMBER | UI_BOLD, 2, "%s",
		    "Not recorded yet: what changed because of it? e adds it (the \"You said, we did\" the regulator asks for).");
	return PB_OK;
}

struct walk {
	struct detail *d;
	int n;
};

/* Store callback: one linked action. */
static int add_action(void *ctx, const struct action_row *a)
{
	struct walk *w = ctx;
	char due[32] = "";
	struct date day;
	if (date_parse_iso(a->due_on, &day))
		date_format_human(day, due, sizeof due);
	doc_text(&w->d->doc, UI_NORMAL, 2, "%s %s  %s%s%s", a->plan, a->ref, a->title, *due ? "  due " : "", due);
	w->n++;
	return PB_OK;
}

/* Store callback: one entry of the history. */
static int add_audit(void *ctx, const struct audit_row *a)
{
	struct walk *w = ctx;
	const char *arrow = w->d->ui->utf8 ? " \xE2\x86\x92 " : " -> ";
	char old[80], new[120];
	if (!*a->field) {
		doc_text(&w->d->doc, UI_NORMAL, 2, "%s  %s  %s", a->at, a->who, *a->new_value ? "created" : "deleted");
	} else {
		text_fit(*a->old_value ? a->old_value : "(none)", 40, false, old, sizeof old);
		text_fit(*a->new_value ? a->new_value : "(none)", 60, false, new, sizeof new);
		doc_text(&w->d->doc, UI_NORMAL, 2, "%s  %s  %s: %s%s%s", a->at, a->who, a->field, old, arrow, new);
	}
	w->n++;
	return PB_OK;
}

/* Reads the record and everything about it into paragraphs. */
static int load(struct detail *d, struct pb_error *e)
{
	struct store *s = d->ui->store;
	int status = store_get_engagement(s, d->id, add_record, d, e);
	if (status != PB_OK)
		return status;
	struct walk w = {d, 0};
	int h = doc_heading(&d->doc, "Actions it informed");
	status = store_each_action_of_engagement(s, d->id, add_action, &w, e);
	if (status == PB_OK && w.n == 0)
		doc_text(&d->doc, UI_DIM, 2, "%s", "None linked yet: l links the actions this engagement informed.");
	if (status == PB_OK && w.n > 0)
		doc_retext(&d->doc, h, "Actions it informed (%d)", w.n);
	w.n = 0;
	doc_heading(&d->doc, "History");
	if (status == PB_OK)
		status = store_each_engagement_audit(s, d->id, add_audit, &w, e);
	if (d->doc.oom)
		return pb_fail(e, PB_FAIL, "out of memory showing engagement record %s", d->ref);
	return status;
}

/* Reads the record again, keeping the place; a record deleted since is said so. */
static void reload(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	struct pb_error e = {0};
	int top = d->doc.top;
	doc_clear(&d->doc);
	int status = load(d, &e);
	d->gone = status == PB_BAD_INPUT;
	if (d->gone) {
		doc_clear(&d->doc);
		doc_text(&d->doc, UI_BOLD, 0, "%s  %s", d->ref, d->title);
		doc_blank(&d->doc);
		doc_text(&d->doc, UI_AMBER | UI_BOLD, 0, "%s", "This record has been deleted. z undoes the deletion; Esc goes back to the list.");
	} else if (status != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
	}
	doc_layout(&d->doc, v->area.w);
	d->doc.top = top < d->doc.nl ? top : 0;
}

/* ---- keys ---- */

/* True, with a message, when the record is gone or the database read-only. */
static bool refused(struct detail *d, struct ui *ui, const char *doing)
{
	if (d->gone) {
		ui_message(ui, false, "%s has been deleted; z undoes the deletion", d->ref);
		return true;
	}
	return engagement_read_only(ui, doing);
}

static int ed_edit(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	if (refused(d, ui, "editing a record"))
		return UI_REDRAW;
	d->form = (struct engagement_form_arg){d->id, NULL, 0, NULL};
	return ui_open(ui, &view_engagement_edit, &d->form) | UI_REDRAW;
}

static int ed_link(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	if (refused(d, ui, "linking actions"))
		return UI_REDRAW;
	d->link_id = d->id;
	return ui_open(ui, &view_engagement_link, &d->link_id) | UI_REDRAW;
}

static int remove_record(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	(void)ctx;
	return store_delete_engagement(s, *id, e);
}

static int run_delete(struct ui *ui, const void *ctx)
{
	const struct detail *d = ctx;
	struct pb_error e = {0};
	if (engagement_save(ui, ENGAGEMENT_DELETION, d->id, d->delete_what, remove_record, NULL, NULL, &e) != PB_OK)
		ui_message(ui, true, "Not deleted — %s", e.msg);
	return UI_RELOAD | UI_REDRAW;
}

static int ed_delete(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	char title[120];
	if (refused(d, ui, "deleting a record"))
		return UI_REDRAW;
	text_fit(d->title, 60, false, title, sizeof title);
	snprintf(d->delete_what, sizeof d->delete_what, "%s deleted (%s)", d->ref, title);
	snprintf(d->confirm.title, sizeof d->confirm.title, "Delete");
	snprintf(d->confirm.question, sizeof d->confirm.question,
		 "Delete %s %s? Its links to actions go with it. The audit trail keeps what it said, and z undoes it.", d->ref,
		 title);
	snprintf(d->confirm.yes, sizeof d->confirm.yes, "delete it");
	d->confirm.run = run_delete;
	d->confirm.ctx = d;
	return ui_open(ui, &view_confirm, &d->confirm) | UI_REDRAW;
}

static int ed_undo(struct view *v, struct ui *ui)
{
	return work_open(ui, WORK_UNDO, 0, &((struct detail *)v->priv)->work);
}

static int ed_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", doc_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", doc_up, 0},
	{"edit", 'e', {0}, "edit", "Edit the record's fields", ed_edit, 0},
	{"link", 'l', {0}, "link", "Link the record to the actions it informed, or unlink one", ed_link, 0},
	{"delete", 'D', {KEY_DC}, "delete", "Delete the record (asks first; z undoes it)", ed_delete, 0},
	{"undo", 'z', {0}, "undo", "Undo the last change made in this session (asks first)", ed_undo, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", doc_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", doc_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", doc_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", doc_bottom, 0},
	{"next-part", '\t', {'}'}, "next", "Next part: summary, you said, we did, actions, history", doc_next_heading, 0},
	{"prev-part", KEY_BTAB, {'{'}, NULL, "Previous part", doc_prev_heading, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the list", ed_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* arg is a const long *: the record's id. */
static int ed_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct detail *d = calloc(1, sizeof *d);
	if (!d) {
		ui_message(ui, true, "Out of memory opening the record");
		return PB_FAIL;
	}
	v->priv = d;
	doc_init(&d->doc, LABEL_COLS);
	d->ui = ui;
	d->id = *(const long *)arg;
	if (load(d, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	return PB_OK;
}

static void ed_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	doc_draw(&((struct detail *)v->priv)->doc, ui, w, v->area, NULL, NULL);
}

static void ed_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct detail *d = v->priv;
	char title[160];
	text_fit(d->title, 100, false, title, sizeof title);
	snprintf(f->where, sizeof f->where, "Engagement");
	snprintf(f->title, sizeof f->title, "%s%s%s", d->ref, ui->utf8 ? " \xC2\xB7 " : " - ", title);
	f->count[0] = f->filter[0] = '\0';
	snprintf(f->info, sizeof f->info, "%s", doc_more_below(&d->doc, doc_page(v))
							     ? "More below: Space pages down, Tab jumps to the next part"
							     : "End of the record");
	doc_position(&d->doc, doc_page(v), f->position, sizeof f->position);
}

const struct view_ops view_engagement_detail = {
	.name = "Engagement record in full",
	.keys = keys,
	.init = ed_init,
	.draw = ed_draw,
	.key = NULL,
	.resize = doc_view_resize,
	.free = doc_view_free,
	.frame = ed_frame,
	.mouse = doc_mouse,
	.reload = reload,
};
