/* view_detail.c — one action in full, scrollable: every field, the target-date history, every progress update
 * newest first, the owners, the linked engagement records and the audit trail. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/browse.h"
#include "tui/engagement_work.h"
#include "tui/ui.h"
#include "tui/work.h"

#define LABEL_COLS 13 /* width of a field's label, its text starts after it */

enum para_kind { P_TITLE, P_FIELD, P_HEADING, P_TEXT, P_BLANK };

/* A paragraph of the document: laid out into lines for the width the view has. */
struct para {
	enum para_kind kind;
	char label[32];
	char *text; /* owned */
	int style;
	int indent;
	int hang; /* more indent for the lines after the first */
};

/* One line on screen: part of a paragraph's text. */
struct line {
	int para;
	const char *start;
	size_t len;
	bool first; /* the paragraph's first line (where its label goes) */
};

struct detail {
	struct para *p;
	int np, pcap;
	struct line *l;
	int nl, lcap;
	int top;   /* first line shown */
	int width; /* the lines were made for this width */
	long id;
	char plan[32], ref[64], title[512];
	char search[256]; /* words to mark: the search the list shows, if any */
	bool oom;
	struct work_arg work; /* what u d r t c e n z h opened from here work on */
	struct engagement_list_arg engagements; /* E: the engagement records linked to it */
};

/* ---- the document ---- */

/* Adds a paragraph of formatted text. */
static void add(struct detail *d, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void add(struct detail *d, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
{
	va_list ap;
	if (d->np == d->pcap) {
		int cap = d->pcap ? 2 * d->pcap : 64;
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
	p->kind = kind;
	snprintf(p->label, sizeof p->label, "%s", label ? label : "");
	p->text = text;
	p->style = style;
	p->indent = indent;
	p->hang = 0;
}

/* Gives the paragraph just added a hanging indent. */
static void hang(struct detail *d, int cols)
{
	if (d->np > 0)
		d->p[d->np - 1].hang = cols;
}

/* A field: a label and its text, left out when the text is empty. */
static void field(struct detail *d, const char *label, const char *text, int style)
{
	if (text && *text)
		add(d, P_FIELD, label, style, 0, "%s", text);
}

static void blank(struct detail *d)
{
	add(d, P_BLANK, NULL, UI_NORMAL, 0, "%s", "");
}

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
	add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%d. %s %s %s%s%s  %s%s", r->seq, from, w->utf8 ? "\xE2\x86\x92" : "->", to,
	    *r->to_text ? " as " : "", r->to_text, r->reason, when);
	hang(w->d, 3);
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
		blank(w->d);
	add(w->d, P_TEXT, NULL, UI_BOLD, 2, "%s%s%s%s%s", *u->period ? u->period : "(no period)", dot, when,
	    *u->author ? dot : "", u->author);
	add(w->d, P_TEXT, NULL, UI_NORMAL, 4, "%s", u->text);
	return PB_OK;
}

static int add_engagement(void *ctx, const struct engagement_link_row *g)
{
	struct walk *w = ctx;
	char when[32] = "";
	if (*g->held_on)
		human(g->held_on, when, sizeof when);
	add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s  %s%s%s", g->ref, g->title, *when ? (w->utf8 ? " \xC2\xB7 " : " - ") : "", when);
	w->n++;
	return PB_OK;
}

static int add_audit(void *ctx, const struct audit_row *a)
{
	struct walk *w = ctx;
	const char *arrow = w->utf8 ? " \xE2\x86\x92 " : " -> ";
	char old[64], new[96];
	if (!*a->field)
		add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s  %s  %s", a->at, a->who, *a->new_value ? "created" : "deleted");
	else {
		text_fit(*a->old_value ? a->old_value : "(none)", 40, false, old, sizeof old);
		text_fit(*a->new_value ? a->new_value : "(none)", 60, false, new, sizeof new);
		add(w->d, P_TEXT, NULL, UI_NORMAL, 2, "%s  %s  %s: %s%s%s", a->at, a->who, a->field, old, arrow, new);
	}
	hang(w->d, 4);
	w->n++;
	return PB_OK;
}

/* Adds a heading; returns its paragraph, for retitle once its entries are counted. */
static int heading(struct detail *d, const char *title)
{
	blank(d);
	add(d, P_HEADING, NULL, UI_TITLES, 0, "%s", title);
	return d->np - 1;
}

/* Puts the number of entries below heading h in its title: "Progress updates (2, newest first)". */
static void retitle(struct detail *d, int h, int n, const char *order)
{
	char title[200];
	if (h < 0 || h >= d->np)
		return;
	snprintf(title, sizeof title, "%s (%d%s)", d->p[h].text, n, n > 1 ? order : "");
	char *t = strdup(title);
	if (!t) {
		d->oom = true;
		return;
	}
	free(d->p[h].text);
	d->p[h].text = t;
}

/* The fields at the top: where it belongs, who leads it, its state and its dates. */
static void add_fields(struct detail *d, const struct action_detail *a, const struct ui *ui)
{
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char buf[1024], due[32], orig[32];
	add(d, P_TITLE, NULL, UI_BOLD, 0, "%s  %s", a->ref, a->title);
	blank(d);
	snprintf(buf, sizeof buf, "%s%s%s", a->plan, dot, a->plan_title);
	field(d, "Plan", buf, UI_NORMAL);
	snprintf(buf, sizeof buf, "%s %s", a->section, a->section_title);
	field(d, "Section", *a->section ? buf : "", UI_NORMAL);
	field(d, "Leads", *a->leads ? a->leads : "none named", UI_NORMAL);
	field(d, "Status", *a->status ? status_label(a->status) : "not set", UI_NORMAL);
	struct action_row row = {.due_on = a->due_on, .rag = a->rag, .rag_computed = a->rag_computed, .revisions = a->revisions};
	if (rag_mismatch(a->rag, a->rag_computed)) {
		store_mismatch_reason(&row, ui->today, buf, sizeof buf);
		field(d, "RAG", buf, ui_rag_style(a->rag_computed) | UI_BOLD);
	} else {
		snprintf(buf, sizeof buf, "%s", rag_name(a->rag != RAG_NONE ? a->rag : a->rag_computed));
		field(d, "RAG", buf, ui_rag_style(a->rag != RAG_NONE ? a->rag : a->rag_computed));
	}
	field(d, "RAG reason", a->rag_reason, UI_NORMAL);
	human(a->due_on, due, sizeof due);
	if (*a->due_on)
		snprintf(buf, sizeof buf, "%s%s%s", due, strcmp(a->due_state, "dated") ? dot : "",
			 strcmp(a->due_state, "dated") ? a->due_state : "");
	else
		snprintf(buf, sizeof buf, "%s", strcmp(a->due_state, "none") ? a->due_state : "none");
	field(d, "Target date", buf, UI_NORMAL);
	if (a->days_over != DAYS_NONE) {
		snprintf(buf, sizeof buf, "%ld day%s", a->days_over, a->days_over == 1 ? "" : "s");
		field(d, "Overdue", buf, UI_RED);
	}
	field(d, "As written", a->due_text, UI_NORMAL);
	human(a->original_due, orig, sizeof orig);
	if (a->revisions > 0) {
		snprintf(buf, sizeof buf, "%s%srevised %d time%s", orig, dot, a->revisions, a->revisions == 1 ? "" : "s");
		field(d, "Original", buf, UI_NORMAL);
	}
	field(d, "Completed", a->completed_on, UI_NORMAL);
	field(d, "Description", a->description, UI_NORMAL);
	field(d, "Measure", a->measure, UI_NORMAL);
	field(d, "Target", a->target, UI_NORMAL);
	field(d, "Outcome", a->outcome, UI_NORMAL);
	snprintf(buf, sizeof buf, "created %s%supdated %s", a->created_at, dot, a->updated_at);
	field(d, "Recorded", buf, UI_DIM);
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
	int h = heading(d, "Target-date history");
	int status = store_each_revision(s, d->id, add_revision, &w, e);
	retitle(d, h, w.n, ", oldest first");
	if (status == PB_OK && w.n == 0)
		add(d, P_TEXT, NULL, UI_DIM, 2, "%s", "The target date has not been revised.");
	w.n = 0;
	h = heading(d, "Progress updates");
	if (status == PB_OK)
		status = store_each_update(s, d->id, add_update, &w, e);
	retitle(d, h, w.n, ", newest first");
	if (status == PB_OK && w.n == 0)
		add(d, P_TEXT, NULL, UI_DIM, 2, "%s", "No progress updates yet.");
	w.n = 0;
	h = heading(d, "Engagement records");
	if (status == PB_OK)
		status = store_each_engagement_of(s, d->id, add_engagement, &w, e);
	retitle(d, h, w.n, "");
	if (status == PB_OK && w.n == 0)
		add(d, P_TEXT, NULL, UI_DIM, 2, "%s", "No engagement records are linked to this action.");
	else if (status == PB_OK)
		add(d, P_TEXT, NULL, UI_DIM, 2, "%s", "E lists them; Enter on one opens it in full.");
	w.n = 0;
	h = heading(d, "Audit trail");
	if (status == PB_OK)
		status = store_each_audit(s, d->id, add_audit, &w, e);
	retitle(d, h, w.n, ", oldest first");
	if (d->oom)
		return pb_fail(e, PB_FAIL, "out of memory showing action %s", d->ref);
	return status;
}

/* ---- layout ---- */

static bool add_line(struct detail *d, int para, const char *start, size_t len, bool first)
{
	if (d->nl == d->lcap) {
		int cap = d->lcap ? 2 * d->lcap : 128;
		struct line *l = realloc(d->l, (size_t)cap * sizeof *l);
		if (!l)
			return false;
		d->l = l;
		d->lcap = cap;
	}
	d->l[d->nl++] = (struct line){para, start, len, first};
	return true;
}

/* Where a paragraph's text starts on its first line (first) or the lines after it. */
static int text_x(const struct para *p, bool first)
{
	return p->kind == P_FIELD ? LABEL_COLS + 2 : 1 + p->indent + (first ? 0 : p->hang);
}

/* Wraps every paragraph at width columns. */
static void layout(struct detail *d, int width)
{
	d->nl = 0;
	d->width = width;
	for (int i = 0; i < d->np; i++) {
		const struct para *p = &d->p[i];
		if (p->kind == P_BLANK || p->kind == P_HEADING || width - text_x(p, false) - 1 < 4) {
			if (!add_line(d, i, p->text, strlen(p->text), true))
				return;
			continue;
		}
		const char *s = p->text, *next;
		bool first = true;
		do {
			size_t n = ui_wrap(s, width - text_x(p, first) - 1, &next);
			if (!add_line(d, i, s, n, first))
				return;
			first = false;
			s = next;
		} while (*s);
	}
}

/* ---- keys ---- */

/* Lines shown at once. */
static int page(const struct view *v)
{
	return v->area.h > 1 ? v->area.h : 1;
}

/* Scrolls so that line top comes first, keeping the last page full. */
static int scroll_to(struct view *v, int top)
{
	struct detail *d = v->priv;
	int max = d->nl - page(v);
	if (top > max)
		top = max;
	d->top = top < 0 ? 0 : top;
	return UI_REDRAW;
}

static int det_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top + 1);
}

static int det_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top - 1);
}

static int det_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top + page(v) - 1);
}

static int det_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->top - page(v) + 1);
}

static int det_top(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, 0);
}

static int det_bottom(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct detail *)v->priv)->nl);
}

/* Scrolls to the next (dir 1) or previous (dir -1) heading. */
static int det_heading(struct view *v, int dir)
{
	struct detail *d = v->priv;
	for (int i = d->top + dir; i >= 0 && i < d->nl; i += dir)
		if (d->l[i].first && d->p[d->l[i].para].kind == P_HEADING)
			return scroll_to(v, i);
	return dir > 0 ? scroll_to(v, d->nl) : scroll_to(v, 0);
}

static int det_next_heading(struct view *v, struct ui *ui)
{
	(void)ui;
	return det_heading(v, 1);
}

static int det_prev_heading(struct view *v, struct ui *ui)
{
	(void)ui;
	return det_heading(v, -1);
}

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
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", det_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", det_up, 0},
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
	{"page-down", KEY_NPAGE, {' '}, "page", "Page down", det_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", det_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", det_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", det_bottom, 0},
	{"next-part", '\t', {'}'}, "next", "Next part: history, updates, engagement, audit trail", det_next_heading, 0},
	{"prev-part", KEY_BTAB, {'{'}, NULL, "Previous part", det_prev_heading, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the list", det_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Forgets the document (the view stays). */
static void forget(struct detail *d)
{
	for (int i = 0; i < d->np; i++)
		free(d->p[i].text);
	d->np = 0;
	d->nl = 0;
}

static void detail_free(struct view *v)
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

/* Ctrl-L: reads the action again (another planbench may have changed it), keeping the place. */
static void detail_reload(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	struct pb_error e = {0};
	int top = d->top;
	forget(d);
	if (load(d, ui, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	layout(d, v->area.w);
	scroll_to(v, top);
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
	char text[4096], marked[8192];
	for (int y = 0; y < v->area.h && d->top + y < d->nl; y++) {
		const struct line *l = &d->l[d->top + y];
		const struct para *p = &d->p[l->para];
		int sy = v->area.y + y, x = v->area.x + text_x(p, l->first), width = v->area.w - text_x(p, l->first) - 1;
		size_t n = l->len < sizeof text ? l->len : sizeof text - 1;
		memcpy(text, l->start, n);
		text[n] = '\0';
		attr_t a = ui_attr(ui, p->style);
		if (p->kind == P_FIELD && l->first)
			ui_put(w, sy, v->area.x + 1, LABEL_COLS, p->label, ui_attr(ui, UI_TITLES), false);
		if (p->kind == P_HEADING) {
			ui_put(w, sy, x, text_width(text) + 1 < width ? text_width(text) + 1 : width, text, a, false);
			if (text_width(text) + 2 < width)
				ui_hline(ui, w, sy, x + text_width(text) + 1, width - text_width(text) - 1);
			continue;
		}
		if (*d->search) {
			ui_mark_terms(text, d->search, marked, sizeof marked);
			ui_put_marked(w, sy, x, width, marked, a, ui_attr(ui, UI_MATCH));
		} else {
			ui_put(w, sy, x, width, text, a, false);
		}
	}
}

static void detail_resize(struct view *v, struct ui *ui)
{
	struct detail *d = v->priv;
	(void)ui;
	if (d->width != v->area.w) {
		/* keep the same paragraph at the top after rewrapping */
		int para = d->nl > 0 ? d->l[d->top].para : 0;
		layout(d, v->area.w);
		d->top = 0;
		while (d->top < d->nl && d->l[d->top].para < para)
			d->top++;
	}
	scroll_to(v, d->top);
}

static int detail_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	(void)ui;
	if (m->kind == UI_WHEEL_UP)
		return scroll_to(v, ((struct detail *)v->priv)->top - 3);
	if (m->kind == UI_WHEEL_DOWN)
		return scroll_to(v, ((struct detail *)v->priv)->top + 3);
	return 0;
}

static void detail_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct detail *d = v->priv;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	int last = d->top + page(v) < d->nl ? d->top + page(v) : d->nl;
	snprintf(f->where, sizeof f->where, "%s", d->plan);
	char title[160];
	text_fit(d->title, 100, false, title, sizeof title);
	snprintf(f->title, sizeof f->title, "%.60s%s%s", d->ref, dot, title);
	snprintf(f->info, sizeof f->info, "%s", last < d->nl ? "More below: Space pages down, Tab jumps to the next part" : "End of the action");
	snprintf(f->position, sizeof f->position, "lines %d-%d of %d", d->nl ? d->top + 1 : 0, last, d->nl);
}

const struct view_ops view_detail = {
	.name = "Action in full",
	.keys = keys,
	.init = detail_init,
	.draw = detail_draw,
	.key = NULL,
	.resize = detail_resize,
	.free = detail_free,
	.frame = detail_frame,
	.mouse = detail_mouse,
	.reload = detail_reload,
};
