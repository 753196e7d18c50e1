/* view_review_item.c — one action of a one-to-one review, on one scrollable screen: what this review has recorded, the
 * current target and its history, the RAG set and computed, the progress updates since the last review (marked new),
 * and what was agreed last time. Enter records, n goes on to the next action, without leaving the review. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/review.h"
#include "tui/work.h"

#define MODE_OPEN (1u << 20) /* the review is in progress: keys that record work */
#define LABEL_COLS 11

enum para_kind { P_TITLE, P_FIELD, P_HEADING, P_TEXT, P_BLANK };

/* A paragraph of the screen, wrapped into lines for the width it has. */
struct para {
	enum para_kind kind;
	char label[32];
	char *text; /* owned */
	int style;
	int indent;
	int hang;   /* more indent for the lines after the first */
	bool fresh; /* a progress update since the last review: marked */
};

struct line {
	int para;
	const char *start;
	size_t len;
	bool first;
};

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
	struct ui *ui;
	struct review_place *place;
	struct review_info info;
	struct shown s;
	struct para *p;
	int np, pcap;
	struct line *l;
	int nl, lcap, width, top;
	bool oom;
	long open_id;	      /* view_detail's arg */
	struct work_arg work; /* what u, r and h open work on */
};

/* ---- the document ---- */

static void add(struct item *it, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void add(struct item *it, enum para_kind kind, const char *label, int style, int indent, const char *fmt, ...)
{
	va_list ap;
	if (it->np == it->pcap) {
		int cap = it->pcap ? 2 * it->pcap : 32;
		struct para *p = realloc(it->p, (size_t)cap * sizeof *p);
		if (!p) {
			it->oom = true;
			return;
		}
		it->p = p;
		it->pcap = cap;
	}
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *text = malloc((size_t)n + 1);
	if (!text) {
		it->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	it->p[it->np++] = (struct para){kind, "", text, style, indent, 0, false};
	snprintf(it->p[it->np - 1].label, sizeof it->p[0].label, "%s", label ? label : "");
}

static void field(struct item *it, const char *label, const char *text, int style)
{
	if (text && *text)
		add(it, P_FIELD, label, style, 0, "%s", text);
}

static void heading(struct item *it, const char *title)
{
	add(it, P_BLANK, NULL, UI_NORMAL, 0, "%s", "");
	add(it, P_HEADING, NULL, UI_TITLES, 0, "%s", title);
}

static void forget(struct item *it)
{
	for (int i = 0; i < it->np; i++)
		free(it->p[i].text);
	it->np = it->nl = 0;
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
	heading(it, "This review");
	if (it->s.state == REVIEW_ITEM_PENDING) {
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", "Not taken yet: Enter records the notes, the agreed next step and a new target"
							   " date; x marks it not discussed.");
		return;
	}
	if (it->s.state == REVIEW_ITEM_NOT_DISCUSSED) {
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", it->info.finished ? "Not discussed." : "Marked not discussed (x takes it back).");
		return;
	}
	field(it, "Notes", it->s.notes, UI_NORMAL);
	field(it, "Next step", it->s.next_step, UI_BOLD);
	if (*it->s.new_due_on) {
		struct date held;
		review_human(it->s.new_due_on, day, sizeof day);
		if (!date_parse_iso(it->info.held_on, &held))
			held = it->ui->today;
		review_agreed_reason(it->info.finished ? held : it->ui->today, reason, sizeof reason);
		snprintf(buf, sizeof buf, "%s, a revision \"%s\"", day, reason);
		field(it, "New date", buf, UI_NORMAL);
	}
	if (!*it->s.notes && !*it->s.next_step && !*it->s.new_due_on)
		add(it, P_TEXT, NULL, UI_NORMAL, 1, "%s", "Discussed; nothing recorded.");
}

static int add_revision(void *ctx, const struct revision_row *r)
{
	struct item *it = ctx;
	char from[32], to[32];
	review_human(r->from_on, from, sizeof from);
	review_human(r->to_on, to, sizeof to);
	add(it, P_TEXT, NULL, UI_NORMAL, 3, "%d. %s %s %s  %s%s%s%s%s%s", r->seq, *from ? from : "none",
	    it->ui->utf8 ? "\xE2\x86\x92" : "->", *to ? to : "none", r->reason, *r->changed_on || *r->changed_by ? " (" : "",
	    r->changed_on, *r->changed_on && *r->changed_by ? ", " : "", r->changed_by, *r->changed_on || *r->changed_by ? ")" : "");
	if (it->np > 0)
		it->p[it->np - 1].hang = 3;
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
	heading(it, "Target and RAG");
	review_human(d.due_on, day, sizeof day);
	snprintf(buf, sizeof buf, "%s", *day ? day : strcmp(d.due_state, "none") ? d.due_state : "none");
	if (d.days_over != DAYS_NONE && d.days_over > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%ld day%s over", dot, d.days_over, d.days_over == 1 ? "" : "s");
	if (*d.status)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", dot, status_label(d.status));
	field(it, "Target", buf, d.days_over != DAYS_NONE && d.days_over > 0 ? UI_RED : UI_NORMAL);
	field(it, "As written", d.due_text, UI_NORMAL);
	struct action_row row = {.due_on = d.due_on, .rag = d.rag, .rag_computed = d.rag_computed, .revisions = d.revisions};
	if (rag_mismatch(d.rag, d.rag_computed)) {
		store_mismatch_reason(&row, it->ui->today, buf, sizeof buf);
		field(it, "RAG", buf, ui_rag_style(d.rag_computed) | UI_BOLD);
	} else {
		field(it, "RAG", rag_name(d.rag != RAG_NONE ? d.rag : d.rag_computed), ui_rag_style(d.rag != RAG_NONE ? d.rag : d.rag_computed));
	}
	field(it, "RAG reason", d.rag_reason, UI_NORMAL);
	field(it, "Leads", d.leads, UI_NORMAL);
	int revisions = d.revisions;
	store_action_free(&d);
	if (revisions == 0) {
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", "The target date has not been revised.");
		return PB_OK;
	}
	add(it, P_TEXT, NULL, UI_NORMAL, 1, "Revised %d time%s:", revisions, revisions == 1 ? "" : "s");
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
		add(w->it, P_TEXT, NULL, UI_DIM, 1, "%s", w->fresh ? "Before that:" : "Nothing new; the latest before it:");
	w->fresh += fresh;
	review_human(u->noted_on, day, sizeof day);
	add(w->it, P_TEXT, NULL, fresh ? UI_BOLD : UI_NORMAL, 1, "%s%s%s%s%s%s", fresh ? "NEW " : "",
	    *u->period ? u->period : "(no period)", dot, day, *u->author ? dot : "", u->author);
	w->it->p[w->it->np - 1].fresh = fresh;
	add(w->it, P_TEXT, NULL, fresh ? UI_NORMAL : UI_DIM, 3, "%s", u->text);
	w->it->p[w->it->np - 1].fresh = fresh;
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
	heading(it, title);
	int status = store_review_each_update(it->ui->store, it->s.action_id, &it->info.since, add_update, &w, e);
	if (status == PB_OK && !w.fresh && !w.older)
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", "No progress updates yet.");
	return status;
}

/* Store callback: what the review before recorded. */
static int add_earlier(void *ctx, const struct review_earlier_row *r)
{
	struct item *it = ctx;
	char day[32], title[200], due[32];
	review_human(r->held_on, day, sizeof day);
	snprintf(title, sizeof title, "Agreed last time (%s%s%s)", day, *r->reviewer ? ", " : "", r->reviewer);
	free(it->p[it->np - 1].text); /* the heading, now with the day and the reviewer */
	it->p[it->np - 1].text = strdup(title);
	if (!it->p[it->np - 1].text) {
		it->oom = true;
		return PB_OK;
	}
	if (r->state == REVIEW_ITEM_NOT_DISCUSSED) {
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", "Not discussed then.");
		return PB_OK;
	}
	field(it, "Next step", r->next_step, UI_BOLD);
	review_human(r->new_due_on, due, sizeof due);
	field(it, "New date", due, UI_NORMAL);
	field(it, "Notes", r->notes, UI_NORMAL);
	if (!*r->next_step && !*r->new_due_on && !*r->notes)
		add(it, P_TEXT, NULL, UI_NORMAL, 1, "%s", "Discussed; nothing recorded.");
	return PB_OK;
}

static int add_last_time(struct item *it, struct pb_error *e)
{
	heading(it, "Agreed last time");
	int before = it->np;
	int status = store_review_earlier(it->ui->store, it->s.action_id, it->info.id, it->info.held_on, add_earlier, it, e);
	if (status == PB_OK && it->np == before)
		add(it, P_TEXT, NULL, UI_DIM, 1, "%s", "No earlier review recorded this action.");
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
	add(it, P_TITLE, NULL, UI_BOLD, 0, "%s  %s", it->s.ref, it->s.title);
	char group[96], since[32];
	review_human(it->info.since.on, since, sizeof since);
	if (it->s.group == REVIEW_CHANGED && it->info.since.any)
		snprintf(group, sizeof group, "Changed since %s", since);
	else
		snprintf(group, sizeof group, "%s", review_group_name(it->s.group));
	add(it, P_TEXT, NULL, UI_DIM, 0, "%s%s%s%s%ld of %ld on the agenda", it->s.plan, dot, group, dot, it->place->position,
	    it->info.items);
	add_record(it);
	int status = add_target(it, e);
	if (status == PB_OK)
		status = add_updates(it, e);
	if (status == PB_OK)
		status = add_last_time(it, e);
	if (status == PB_OK && it->oom)
		status = pb_fail(e, PB_FAIL, "out of memory showing %s", it->s.ref);
	return status;
}

/* ---- layout ---- */

static bool add_line(struct item *it, int para, const char *start, size_t len, bool first)
{
	if (it->nl == it->lcap) {
		int cap = it->lcap ? 2 * it->lcap : 64;
		struct line *l = realloc(it->l, (size_t)cap * sizeof *l);
		if (!l)
			return false;
		it->l = l;
		it->lcap = cap;
	}
	it->l[it->nl++] = (struct line){para, start, len, first};
	return true;
}

static int text_x(const struct para *p, bool first)
{
	return p->kind == P_FIELD ? LABEL_COLS + 2 : 1 + p->indent + (first ? 0 : p->hang);
}

static void layout(struct item *it, int width)
{
	it->nl = 0;
	it->width = width;
	for (int i = 0; i < it->np; i++) {
		const struct para *p = &it->p[i];
		if (p->kind == P_BLANK || p->kind == P_HEADING || width - text_x(p, false) - 1 < 4) {
			if (!add_line(it, i, p->text, strlen(p->text), true))
				return;
			continue;
		}
		const char *s = p->text, *next;
		bool first = true;
		do {
			size_t n = ui_wrap(s, width - text_x(p, first) - 1, &next);
			if (!add_line(it, i, s, n, first))
				return;
			first = false;
			s = next;
		} while (*s);
	}
}

/* ---- keys ---- */

static int page(const struct view *v)
{
	return v->area.h > 1 ? v->area.h : 1;
}

static int scroll_to(struct view *v, int top)
{
	struct item *it = v->priv;
	int max = it->nl - page(v);
	it->top = top > max ? max : top;
	if (it->top < 0)
		it->top = 0;
	return UI_REDRAW;
}

static int it_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct item *)v->priv)->top + 1);
}

static int it_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct item *)v->priv)->top - 1);
}

static int it_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct item *)v->priv)->top + page(v) - 1);
}

static int it_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct item *)v->priv)->top - page(v) + 1);
}

static int it_top(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, 0);
}

static int it_bottom(struct view *v, struct ui *ui)
{
	(void)ui;
	return scroll_to(v, ((struct item *)v->priv)->nl);
}

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
	layout(it, v->area.w);
	it->top = 0;
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
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", it_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", it_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", it_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", it_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", it_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", it_bottom, 0},
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
	int top = it->top;
	if (it->place->advance && it->place->position < it->place->items) {
		it->place->advance = false;
		it->place->position++;
		top = 0;
	}
	it->place->advance = false;
	if (load(it, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	set_mode(v);
	layout(it, v->area.w);
	scroll_to(v, top);
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
	it->ui = ui;
	it->place = (struct review_place *)arg;
	if (load(it, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	set_mode(v);
	return PB_OK;
}

static void item_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct item *it = v->priv;
	char text[4096];
	for (int y = 0; y < v->area.h && it->top + y < it->nl; y++) {
		const struct line *l = &it->l[it->top + y];
		const struct para *p = &it->p[l->para];
		int sy = v->area.y + y, x = v->area.x + text_x(p, l->first), width = v->area.w - text_x(p, l->first) - 1;
		size_t n = l->len < sizeof text ? l->len : sizeof text - 1;
		memcpy(text, l->start, n);
		text[n] = '\0';
		if (p->kind == P_FIELD && l->first)
			ui_put(w, sy, v->area.x + 1, LABEL_COLS, p->label, ui_attr(ui, UI_TITLES), false);
		if (p->fresh) /* a bar beside what is new since the last review, and its colour */
			ui_put(w, sy, v->area.x, 1, ui->utf8 ? "\xE2\x94\x83" : "|", ui_attr(ui, UI_AMBER | UI_BOLD), false);
		if (p->kind == P_HEADING) {
			int tw = text_width(text);
			ui_put(w, sy, x, tw + 1 < width ? tw + 1 : width, text, ui_attr(ui, p->style), false);
			if (tw + 2 < width)
				ui_hline(ui, w, sy, x + tw + 1, width - tw - 1);
			continue;
		}
		ui_put(w, sy, x, width, text, ui_attr(ui, p->style | (p->fresh && p->style == UI_BOLD ? UI_AMBER : 0)), false);
	}
}

static void item_resize(struct view *v, struct ui *ui)
{
	struct item *it = v->priv;
	(void)ui;
	if (it->width != v->area.w) {
		int para = it->nl > 0 ? it->l[it->top].para : 0;
		layout(it, v->area.w);
		it->top = 0;
		while (it->top < it->nl && it->l[it->top].para < para)
			it->top++;
	}
	scroll_to(v, it->top);
}

static int item_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	if (m->kind == UI_WHEEL_UP)
		return scroll_to(v, ((struct item *)v->priv)->top - 3);
	if (m->kind == UI_WHEEL_DOWN)
		return scroll_to(v, ((struct item *)v->priv)->top + 3);
	(void)ui;
	return 0;
}

static void item_free(struct view *v)
{
	struct item *it = v->priv;
	if (!it)
		return;
	forget(it);
	free(it->p);
	free(it->l);
	free(it);
	v->priv = NULL;
}

static void item_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct item *it = v->priv;
	int last = it->top + page(v) < it->nl ? it->top + page(v) : it->nl;
	(void)ui;
	snprintf(f->where, sizeof f->where, "review");
	snprintf(f->title, sizeof f->title, "1:1 %.100s: %s %.60s", it->info.officer, it->s.plan, it->s.ref);
	f->count[0] = '\0';
	if (last < it->nl)
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
	.resize = item_resize,
	.free = item_free,
	.frame = item_frame,
	.mouse = item_mouse,
	.reload = item_reload,
};
