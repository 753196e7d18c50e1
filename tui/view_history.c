/* view_history.c — the audit trail of one action, oldest first: when, who, what changed, from what to what (undos
 * included); the entry the cursor is on is shown in full below the list. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/listview.h"
#include "tui/work.h"

#define KEEP_BYTES 8192 /* of an old or new value, for the pane; longer text ends in "…" */
#define MAX_SECTIONS 256

enum { COL_AT, COL_WHO, COL_WHAT, COL_CHANGE, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_AT] = {.title = "When", .width = 16, .min = 16},
	[COL_WHO] = {.title = "Who", .width = 18, .min = 8, .fit = true},
	[COL_WHAT] = {.title = "What", .width = 18, .min = 8, .fit = true},
	[COL_CHANGE] = {.title = "Change", .width = 0, .min = 10},
};

struct entry {
	char at[24], who[128], what[64];
	char *old, *new; /* owned, as shown: labels for statuses and RAGs, codes for sections */
};

struct section_code {
	long id;
	char code[64];
};

struct history {
	struct listview *lv; /* first: the listview_key_* handlers find it at v->priv */
	struct ui *ui;
	long id;
	char plan[32], heading[300];
	struct entry *e;
	int n, cap;
	struct section_code sec[MAX_SECTIONS];
	int nsec;
	bool oom;
};
_Static_assert(offsetof(struct history, lv) == 0, "the list starts the view's state");

/* ---- reading ---- */

/* What a field of the audit trail is called on screen. */
static const char *field_name(const char *field, const char *old, const char *new)
{
	static const struct {
		const char *field, *name;
	} names[] = {
		{"progress_update", "progress update"}, {"revision", "target revised"}, {"due_text", "target as written"},
		{"due_on", "target date"}, {"due_state", "target state"}, {"rag", "RAG"}, {"rag_reason", "RAG reason"},
		{"completed_on", "completed on"}, {"owner_order", "owners' order"}, {"undo", "undo"},
	};
	if (!*field)
		return *new ? "created" : *old ? "deleted" : "action";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].field, field) == 0)
			return names[i].name;
	return field;
}

/* A value as shown: a status's label, a RAG's name, a section's code; "" stays "". The caller frees it. */
static char *shown_value(const struct history *h, const char *field, const char *value)
{
	char buf[128];
	const char *out = value;
	if (*value && strcmp(field, "status") == 0)
		out = status_label(value);
	else if (*value && strcmp(field, "rag") == 0)
		out = rag_name(rag_from_text(value));
	else if (*value && strcmp(field, "section") == 0) {
		long id = strtol(value, NULL, 10);
		for (int i = 0; i < h->nsec; i++)
			if (h->sec[i].id == id)
				out = h->sec[i].code;
		if (out == value) {
			snprintf(buf, sizeof buf, "section %s", value);
			out = buf;
		}
	}
	size_t n = strlen(out);
	char *copy = malloc((n < KEEP_BYTES ? n : KEEP_BYTES) + 4);
	if (!copy)
		return NULL;
	if (n < KEEP_BYTES) {
		memcpy(copy, out, n + 1);
	} else {
		size_t k = KEEP_BYTES;
		while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
			k--;
		memcpy(copy, out, k);
		memcpy(copy + k, "\xE2\x80\xA6", 4);
	}
	return copy;
}

static int keep_entry(void *ctx, const struct audit_row *a)
{
	struct history *h = ctx;
	if (h->n == h->cap) {
		int cap = h->cap ? 2 * h->cap : 64;
		struct entry *e = realloc(h->e, (size_t)cap * sizeof *e);
		if (!e) {
			h->oom = true;
			return PB_FAIL;
		}
		h->e = e;
		h->cap = cap;
	}
	struct entry *e = &h->e[h->n];
	snprintf(e->at, sizeof e->at, "%.10s %.5s", a->at, strlen(a->at) > 11 ? a->at + 11 : "");
	snprintf(e->who, sizeof e->who, "%s", *a->who ? a->who : "unknown");
	snprintf(e->what, sizeof e->what, "%s", field_name(a->field, a->old_value, a->new_value));
	e->old = shown_value(h, a->field, a->old_value);
	e->new = shown_value(h, a->field, a->new_value);
	if (!e->old || !e->new) {
		free(e->old);
		free(e->new);
		h->oom = true;
		return PB_FAIL;
	}
	h->n++;
	return PB_OK;
}

static int keep_section(void *ctx, const struct section_row *r)
{
	struct history *h = ctx;
	if (h->nsec < MAX_SECTIONS) {
		h->sec[h->nsec].id = r->id;
		snprintf(h->sec[h->nsec++].code, sizeof h->sec[0].code, "%s", r->code);
	}
	return PB_OK;
}

static void forget(struct history *h)
{
	for (int i = 0; i < h->n; i++) {
		free(h->e[i].old);
		free(h->e[i].new);
	}
	h->n = 0;
}

/* Reads the action's name and its audit trail. */
static int load(struct history *h, struct pb_error *e)
{
	struct action_detail a;
	forget(h);
	h->nsec = 0;
	if (store_get_action(h->ui->store, h->id, &a, e) != PB_OK)
		return e->status;
	snprintf(h->plan, sizeof h->plan, "%s", a.plan);
	work_label(&a, 120, h->heading, sizeof h->heading);
	store_action_free(&a);
	int status = store_each_section(h->ui->store, h->plan, keep_section, h, e);
	if (status == PB_OK)
		status = store_each_audit(h->ui->store, h->id, keep_entry, h, e);
	if (h->oom)
		return pb_fail(e, PB_FAIL, "out of memory reading the history of %s", h->heading);
	return status;
}

/* ---- the list ---- */

static int hist_count(void *ctx, long *n, struct pb_error *e)
{
	(void)e;
	*n = ((struct history *)ctx)->n;
	return PB_OK;
}

/* "old → new", "+ new" for something added, "− old" for something taken away. */
static void change_text(const struct entry *e, bool utf8, char *out, size_t len)
{
	char old[300], new[600];
	text_first_line(e->old, old, sizeof old);
	text_first_line(e->new, new, sizeof new);
	if (strcmp(e->what, "created") == 0)
		snprintf(out, len, "created as %s", new);
	else if (strcmp(e->what, "deleted") == 0)
		snprintf(out, len, "%s deleted", old);
	else if (strcmp(e->what, "undo") == 0)
		snprintf(out, len, "%s", new);
	else if (!*old)
		snprintf(out, len, "+ %s", new);
	else if (!*new)
		snprintf(out, len, "%s %s", utf8 ? "\xE2\x88\x92" : "-", old);
	else
		snprintf(out, len, "%s %s %s", old, utf8 ? "\xE2\x86\x92" : "->", new);
}

static int hist_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct history *h = ctx;
	char change[1000];
	(void)e;
	for (long i = offset; i < offset + limit && i < h->n; i++) {
		struct listview_row *row = listview_add_row(lv, i);
		if (!row)
			break;
		const struct entry *en = &h->e[i];
		change_text(en, h->ui->utf8, change, sizeof change);
		listview_set_cell(row, COL_AT, en->at, UI_DIM);
		listview_set_cell(row, COL_WHO, en->who, UI_NORMAL);
		listview_set_cell(row, COL_WHAT, en->what, strcmp(en->what, "undo") == 0 ? UI_BOLD : UI_NORMAL);
		listview_set_cell(row, COL_CHANGE, change, UI_NORMAL);
	}
	return PB_OK;
}

/* Lines the pane under the list takes. */
static int pane_lines(const struct view *v)
{
	return v->area.h >= 16 ? v->area.h / 3 : 0;
}

/* ---- keys ---- */

static struct listview *lv_of(struct view *v)
{
	return ((struct history *)v->priv)->lv;
}

static int hist_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Next entry", listview_key_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Previous entry", listview_key_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", listview_key_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", listview_key_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "The first entry", listview_key_first, 0},
	{"last", 'G', {KEY_END}, NULL, "The last entry", listview_key_last, 0},
	{"back", 27, {'q', 'h', KEY_LEFT}, "back", "Back", hist_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* arg is a const struct work_arg *; the newest entry is selected. */
static int hist_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct history *h = calloc(1, sizeof *h);
	struct listview_source src = {hist_count, hist_fetch, h};
	if (h)
		h->lv = listview_new(columns, NCOLS, src, "No changes are recorded for this action.");
	if (!h || !h->lv) {
		free(h);
		ui_message(ui, true, "Out of memory opening the history");
		return PB_FAIL;
	}
	v->priv = h;
	h->ui = ui;
	h->id = ((const struct work_arg *)arg)->id;
	if (load(h, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status;
	}
	listview_reset(h->lv, &e);
	listview_goto(h->lv, -1, &e);
	return PB_OK;
}

/* Writes text wrapped from line y to before end under a label; returns the line after it. */
static int pane_text(WINDOW *w, const struct ui *ui, int y, int end, int x, int width, const char *label, const char *text)
{
	const char *p = *text ? text : "(none)", *next;
	ui_put(w, y, x, 8, label, ui_attr(ui, UI_TITLES), false);
	for (; y < end && *p; y++, p = next) {
		char line[1024];
		size_t n = ui_wrap(p, width - 9, &next);
		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
		if (y + 1 == end && *next)
			snprintf(line + strlen(line), sizeof line - strlen(line), " \xE2\x80\xA6");
		ui_put(w, y, x + 9, width - 9, line, A_NORMAL, false);
	}
	return y;
}

static void hist_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct history *h = v->priv;
	int ph = pane_lines(v);
	listview_draw(h->lv, w, v->area.y, v->area.x, ui, true);
	const struct listview_row *row = listview_selected(h->lv);
	if (ph == 0 || !row)
		return;
	const struct entry *en = &h->e[row->id];
	int y = v->area.y + v->area.h - ph, end = v->area.y + v->area.h;
	char head[300];
	ui_hline(ui, w, y, v->area.x, v->area.w);
	snprintf(head, sizeof head, " %s · %s · %s ", en->what, en->who, en->at);
	ui_put(w, y, v->area.x + 2, text_width(head) < v->area.w - 4 ? text_width(head) : v->area.w - 4, head, A_BOLD, false);
	y++;
	if (strcmp(en->what, "undo") == 0 || strcmp(en->what, "created") == 0) {
		pane_text(w, ui, y, end, v->area.x + 1, v->area.w - 2, "", en->new);
		return;
	}
	int half = y + (end - y) / 2;
	y = pane_text(w, ui, y, *en->new ? half : end, v->area.x + 1, v->area.w - 2, "Before", en->old);
	if (*en->new)
		pane_text(w, ui, y, end, v->area.x + 1, v->area.w - 2, "After", en->new);
}

static void hist_resize(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_set_size(lv_of(v), v->area.h - pane_lines(v), v->area.w, NULL);
}

/* Ctrl-L: reads the trail again (another planbench may have added to it). */
static void hist_reload(struct view *v, struct ui *ui)
{
	struct history *h = v->priv;
	struct pb_error e = {0};
	if (load(h, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	listview_reload(h->lv, &e);
}

static void hist_free(struct view *v)
{
	struct history *h = v->priv;
	if (!h)
		return;
	forget(h);
	free(h->e);
	listview_free(h->lv);
	free(h);
	v->priv = NULL;
}

static void hist_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct history *h = v->priv;
	(void)ui;
	snprintf(f->where, sizeof f->where, "%s", h->plan);
	snprintf(f->title, sizeof f->title, "History of %.200s", h->heading);
	snprintf(f->count, sizeof f->count, "%d", h->n);
	f->filter[0] = '\0';
	snprintf(f->info, sizeof f->info, "Every change to the action, oldest first, undos included");
	snprintf(f->position, sizeof f->position, "%ld/%d", listview_index(h->lv) + 1, h->n);
}

const struct view_ops view_history = {
	.name = "History",
	.keys = keys,
	.init = hist_init,
	.draw = hist_draw,
	.resize = hist_resize,
	.free = hist_free,
	.frame = hist_frame,
	.mouse = listview_key_mouse,
	.reload = hist_reload,
};
