/* view_engagement_detail.c — one engagement record in full, scrollable: every field, the tenants as written and as
 * counted, the summary, "you said" and "we did" (or that none is recorded yet), the actions it informed and its
 * history; from here it is edited, linked to actions and deleted. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engagement.h"
#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/work.h"

#define LABEL_COLS 11

enum para_kind { P_TITLE, P_FIELD, P_HEADING, P_TEXT, P_BLANK };

/* A paragraph of the document, wrapped for the width the view has. */
struct para {
	enum para_kind kind;
	char label[32];
	char *text; /* owned */
	int style, indent;
};

/* One line on screen: part of a paragraph. */
struct line {
	int para;
	const char *start;
	size_t len;
	bool first;
};

struct detail {
	struct ui *ui;
	long id;
	char ref[32], title[300];
	bool gone; /* the record has been deleted since it was opened */
	struct para *p;
	int np, pcap;
	struct line *l;
	int nl, lcap, top, width;
	bool oom;
	struct engagement_form_arg form;
	long link_id;
	struct work_arg work;
	struct confirm_request confirm;
	char delete_what[300];
};

/* ---- the document ---- */

static void add(struct detail *d, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void add(struct detail *d, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
{
	va_list ap;
	if (d->np == d->pcap) {
		int cap = d->pcap ? 2 * d->pcap : 32;
		struct para *p = realloc(d->p, (size_t)cap * sizeof *p);
		if (!p) {
			d->oom = true;
			return;
		}
		d->p = p;
		d->pcap = cap;
	}
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *text = malloc((size_t)n + 1);
	if (!text) {
		d->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	struct para *p = &d->p[d->np++];
	*p = (struct para){kind, "", text, style, indent};
	snprintf(p->label, sizeof p->label, "%s", label ? label : "");
}

/* A field: its label and text, left out when the text is empty. */
static void field(struct detail *d, const char *label, const char *text, int style)
{
	if (text && *text)
		add(d, P_FIELD, label, style, 0, "%s", text);
}

static void heading(struct detail *d, const char *title)
{
	add(d, P_BLANK, NULL, UI_NORMAL, 0, "%s", "");
	add(d, P_HEADING, NULL, UI_TITLES, 0, "%s", title);
}

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
	add(d, P_TITLE, NULL, UI_BOLD, 0, "%s  %s", g->ref, g->title);
	add(d, P_BLANK, NULL, UI_NORMAL, 0, "%s", "");
	field(d, "Team", *g->team ? g->team : "not said", UI_NORMAL);
	snprintf(buf, sizeof buf, "%s%s%s%s", *g->method ? g->method : "not said", *g->formality ? " (" : "", g->formality,
		 *g->formality ? ")" : "");
	field(d, "Method", buf, UI_NORMAL);
	field(d, "Place", g->location, UI_NORMAL);
	engagement_when(g, utf8, false, when, sizeof when);
	snprintf(buf, sizeof buf, "%s%s%s", *g->held_on ? when : "no date recorded",
		 *g->when_text && *g->held_on ? (utf8 ? " \xC2\xB7 written \xE2\x80\x9C" : " - written \"") : "",
		 *g->held_on ? g->when_text : "");
	if (*g->when_text && *g->held_on)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", utf8 ? "\xE2\x80\x9D" : "\"");
	field(d, "Held", buf, *g->held_on ? UI_NORMAL : UI_DIM);
	if (!*g->held_on)
		field(d, "As written", g->when_text, UI_NORMAL);
	field(d, "Frequency", *g->frequency ? engagement_frequency_label(g->frequency) : "not said", UI_NORMAL);
	tenants_line(g, utf8, buf, sizeof buf);
	field(d, "Tenants", buf, g->tenants < 0 ? UI_DIM : UI_NORMAL);
	field(d, "Standard", *g->standard ? g->standard : "not said", UI_NORMAL);
	snprintf(buf, sizeof buf, "created %s%supdated %s", g->created_at, utf8 ? " \xC2\xB7 " : " - ", g->updated_at);
	field(d, "Recorded", buf, UI_DIM);
	heading(d, "Summary");
	add(d, P_TEXT, NULL, *g->summary ? UI_NORMAL : UI_DIM, 2, "%s", *g->summary ? g->summary : "No summary.");
	heading(d, "You said");
	add(d, P_TEXT, NULL, *g->you_said ? UI_NORMAL : UI_DIM, 2, "%s", *g->you_said ? g->you_said : "Nothing recorded.");
	heading(d, "We did");
	if (*g->we_did)
		add(d, P_TEXT, NULL, UI_NORMAL, 2, "%s", g->we_did);
	else
		add(d, P_TEXT, NULL, UI_AMBER | UI_BOLD, 2, "%s",
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
	add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s %s  %s%s%s", a->plan, a->ref, a->title, *due ? "  due " : "", due);
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
		add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s  %s  %s", a->at, a->who, *a->new_value ? "created" : "deleted");
	} else {
		text_fit(*a->old_value ? a->old_value : "(none)", 40, false, old, sizeof old);
		text_fit(*a->new_value ? a->new_value : "(none)", 60, false, new, sizeof new);
		add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s  %s  %s: %s%s%s", a->at, a->who, a->field, old, arrow, new);
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
	heading(d, "Actions it informed");
	int h = d->np - 1;
	status = store_each_action_of_engagement(s, d->id, add_action, &w, e);
	if (status == PB_OK && w.n == 0)
		add(d, P_TEXT, NULL, UI_DIM, 2, "%s", "None linked yet: l links the actions this engagement informed.");
	if (status == PB_OK && w.n > 0 && h < d->np) {
		free(d->p[h].text);
		d->p[h].text = NULL;
		char title[64];
		snprintf(title, sizeof title, "Actions it informed (%d)", w.n);
		d->p[h].text = strdup(title);
		d->oom = d->oom || !d->p[h].text;
	}
	w.n = 0;
	heading(d, "History");
	if (status == PB_OK)
		status = store_each_engagement_audit(s, d->id, add_audit, &w, e);
	if (d->oom)
		return pb_fail(e, PB_FAIL, "out of memory showing engagement record %s", d->ref);
	return status;
}

/* Forgets the document (the view stays). */
static void forget(struct detail *d)
{
	for (int i = 0; i < d->np; i++)
		free(d->p[i].text);
	d->np = d->nl = 0;
}

/* ---- layout ---- */

static bool add_line(struct detail *d, int para, const char *start, size_t len, bool first)
{
	if (d->nl == d->lcap) {
		int cap = d->lcap ? 2 * d->lcap : 64;
		struct line *l = realloc(d->l, (size_t)cap * sizeof *l);
		if (!l)
			return false;
		d->l = l;
		d->lcap = cap;
	}
	d->l[d->nl++] = (struct line){para, start, len, first};
	return true;
}

/* Where a paragraph's text starts. */
static int text_x(const struct para *p)
{
	return p->kind == P_FIELD ? LABEL_COLS + 2 : 1 + p->indent;
}

/* Wraps every paragraph at width columns. */
static void layout(struct detail *d, int width)
{
	d->nl = 0;
	d->width = width;
	for (int i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		const char *s = p->text ? p->text : "", *next;
		if (p->kind == P_BLANK || p->kind == P_HEADING || width - text_x(p) - 1 < 4) {
			if (!add_line(d, i, s, strlen(s), true))
				return;
			continue;
		}
		bool first = true;
		do {
			size_t n = ui_wrap(s, width - text_x(p) - 1, &next);
			if (!add_line(d, i, s, n, first))
				return;
			first = false;
			s = next;
		} while (*s);
	}
}

/* Reads the record again, keeping the place; a record deleted since is said so. */
static void reload(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	struct pb_error e = {0};
	int top = d->top;
	forget(d);
	int status = load(d, &e);
	d->gone = status == PB_BAD_INPUT;
	if (d->gone) {
		forget(d);
		add(d, P_TITLE, NULL, UI_BOLD, 0, "%s  %s", d->ref, d->title);
		add(d, P_BLANK, NULL, UI_NORMAL, 0, "%s", "");
		add(d, P_TEXT, NULL, UI_AMBER | UI_BOLD, 0, "%s", "This record has been deleted. z undoes the deletion; Esc goes back to the list.");
	} else if (status != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
	}
	layout(d, v->area.w);
	d->top = top < d->nl ? top : 0;
}

/* ---- keys ---- */

static int page(const struct view *v)
{
	return v->area.h > 1 ? v->area.h : 1;
}

static int scroll_to(struct view *v, int top)
{
	struct detail *d = v->priv;
	int max = d->nl - page(v);
	if (top > max)
		top = max;
	d->top = top < 0 ? 0 : top;
	return UI_REDRAW;
}

static int ed_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top + 1);
}

static int ed_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top - 1);
}

static int ed_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top + page(v) - 1);
}

static int ed_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top - page(v) + 1);
}

static int ed_top(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, 0);
}

static int ed_bottom(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->nl);
}

/* Scrolls to the next (dir 1) or previous (dir -1) heading. */
static int to_heading(struct view *v, int dir)
{
	struct detail *d = v->priv;
	for (int i = d->top + dir; i >= 0 && i < d->nl; i += dir)
		if (d->l[i].first && d->p[d->l[i].para].kind == P_HEADING)
			return scroll_to(v, i);
	return scroll_to(v, dir > 0 ? d->nl : 0);
}

static int ed_next(struct view *v, struct ui *ui)
{
	(void)ui;
	return to_heading(v, 1);
}

static int ed_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	return to_heading(v, -1);
}

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
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", ed_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", ed_up, 0},
	{"edit", 'e', {0}, "edit", "Edit the record's fields", ed_edit, 0},
	{"link", 'l', {0}, "link", "Link the record to the actions it informed, or unlink one", ed_link, 0},
	{"delete", 'D', {KEY_DC}, "delete", "Delete the record (asks first; z undoes it)", ed_delete, 0},
	{"undo", 'z', {0}, "undo", "Undo the last change made in this session (asks first)", ed_undo, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", ed_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", ed_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", ed_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", ed_bottom, 0},
	{"next-part", '\t', {'}'}, "next", "Next part: summary, you said, we did, actions, history", ed_next, 0},
	{"prev-part", KEY_BTAB, {'{'}, NULL, "Previous part", ed_prev, 0},
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
	struct detail *d = v->priv;
	char text[4096];
	for (int y = 0; y < v->area.h && d->top + y < d->nl; y++) {
		const struct line *l = &d->l[d->top + y];
		const struct para *p = &d->p[l->para];
		int sy = v->area.y + y, x = v->area.x + text_x(p), width = v->area.w - text_x(p) - 1;
		snprintf(text, sizeof text, "%.*s", (int)(l->len < sizeof text ? l->len : sizeof text - 1), l->start);
		if (p->kind == P_FIELD && l->first)
			ui_put(w, sy, v->area.x + 1, LABEL_COLS, p->label, ui_attr(ui, UI_TITLES), false);
		if (p->kind == P_HEADING) {
			int tw = text_width(text);
			ui_put(w, sy, x, tw + 1 < width ? tw + 1 : width, text, ui_attr(ui, p->style), false);
			if (tw + 2 < width)
				ui_hline(ui, w, sy, x + tw + 1, width - tw - 1);
			continue;
		}
		ui_put(w, sy, x, width, text, ui_attr(ui, p->style), false);
	}
}

static void ed_resize(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	(void)ui;
	if (d->width != v->area.w) {
		int para = d->nl > 0 ? d->l[d->top].para : 0;
		layout(d, v->area.w);
		d->top = 0;
		while (d->top < d->nl && d->l[d->top].para < para)
			d->top++;
	}
	scroll_to(v, d->top);
}

static int ed_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	(void)ui;
	if (m->kind == UI_CLICK)
		return 0;
	return scroll_to(v, ((struct detail *)v->priv)->top + (m->kind == UI_WHEEL_UP ? -3 : 3));
}

static void ed_free(struct view *v)
{
	struct detail *d = v->priv;
	if (!d)
		return;
	forget(d);
	free(d->p);
	free(d->l);
	free(d);
	v->priv = NULL;
}

static void ed_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct detail *d = v->priv;
	char title[160];
	int last = d->top + page(v) < d->nl ? d->top + page(v) : d->nl;
	text_fit(d->title, 100, false, title, sizeof title);
	snprintf(f->where, sizeof f->where, "Engagement");
	snprintf(f->title, sizeof f->title, "%s%s%s", d->ref, ui->utf8 ? " \xC2\xB7 " : " - ", title);
	f->count[0] = f->filter[0] = '\0';
	snprintf(f->info, sizeof f->info, "%s", last < d->nl ? "More below: Space pages down, Tab jumps to the next part"
							     : "End of the record");
	snprintf(f->position, sizeof f->position, "lines %d-%d of %d", d->nl ? d->top + 1 : 0, last, d->nl);
}

const struct view_ops view_engagement_detail = {
	.name = "Engagement record in full",
	.keys = keys,
	.init = ed_init,
	.draw = ed_draw,
	.key = NULL,
	.resize = ed_resize,
	.free = ed_free,
	.frame = ed_frame,
	.mouse = ed_mouse,
	.reload = reload,
};
