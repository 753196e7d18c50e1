/* work.c — the officer's keys on an action, shared by the list and the action in full: they open the editor, the
 * forms, the undo question or the history; every save is one undoable, audited step; and the forms' frames. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "store/update.h"
#include "tui/browse.h"
#include "tui/work.h"

/* ---- saving ---- */

int work_save(struct ui *ui, long id, const char *what, work_change_fn change, const void *ctx, struct pb_error *e)
{
	bool recorded = false;
	if (ui->read_only)
		return pb_fail(e, PB_BUSY, "Read-only: planbench was started with --read-only, so nothing is saved");
	int status = store_undo_begin(ui->store, id, e);
	if (status != PB_OK)
		return status;
	status = change(ui->store, &id, ctx, e);
	status = store_undo_end(ui->store, id, what, status, &recorded, e);
	if (status != PB_OK)
		return status;
	if (recorded)
		ui_message(ui, false, "Saved %s. z undoes it", what);
	else
		ui_message(ui, false, "Nothing changed: %s was already so", what);
	ui->saved_id = id;
	ui->browse->filter_gen++; /* the navigator counts again */
	return PB_OK;
}

/* ---- the progress update, in the editor ---- */

static int add_note(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	return store_add_update(s, *id, NULL, ctx, e);
}

/* Saves the editor's text as a progress update (ctx: the work_arg). */
static int save_note(struct ui *ui, const void *ctx, const char *text, struct pb_error *e)
{
	const struct work_arg *arg = ctx;
	char first[200], cut[120], what[400];
	text_first_line(text, first, sizeof first);
	text_fit(first, 24, false, cut, sizeof cut);
	snprintf(what, sizeof what, "%s: progress update \"%s\" added", arg->title, cut);
	return work_save(ui, arg->id, what, add_note, text, e);
}

/* Opens the editor for a progress update on action id: it names the quarter and the author it will be saved with. */
static int open_note(struct ui *ui, long id, struct work_arg *arg)
{
	struct action_detail d;
	struct pb_error e = {0};
	char quarter[32] = "", label[200];
	if (store_get_action(ui->store, id, &d, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	if (store_quarter_label(ui->store, quarter, sizeof quarter, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg); /* saving will say so again; the text can still be written */
	work_label(&d, 60, label, sizeof label);
	snprintf(arg->title, sizeof arg->title, "%s", d.ref);
	snprintf(arg->about, sizeof arg->about, "%s %s", d.plan, label);
	char today[32];
	date_format_human(ui->today, today, sizeof today);
	snprintf(arg->footer, sizeof arg->footer, "Saved as a %s update by %s, dated %s", *quarter ? quarter : "this quarter's",
		 store_actor(ui->store), today);
	store_action_free(&d);
	arg->note = (struct editor_request){.title = "Progress update", .about = arg->about, .footer = arg->footer,
					    .initial = NULL, .save = save_note, .ctx = arg};
	return ui_open(ui, &view_editor, &arg->note) | UI_REDRAW;
}

/* ---- undo ---- */

/* Undoes the newest change of this session (the question said which). */
static int run_undo(struct ui *ui, const void *ctx)
{
	struct pb_error e = {0};
	char what[512];
	(void)ctx;
	if (store_undo(ui->store, NULL, what, sizeof what, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return UI_REDRAW;
	}
	ui_message(ui, false, "Undone: %s", what);
	ui->browse->filter_gen++; /* the navigator counts again */
	return UI_RELOAD | UI_REDRAW;
}

/* Asks before undoing, naming the change. */
static int open_undo(struct ui *ui, struct work_arg *arg)
{
	char what[512];
	if (!store_undo_peek(ui->store, NULL, what, sizeof what)) {
		ui_message(ui, false, "Nothing to undo: no change has been made in this session");
		return UI_REDRAW;
	}
	struct confirm_request *c = &arg->confirm;
	snprintf(c->title, sizeof c->title, "Undo");
	snprintf(c->question, sizeof c->question, "Undo the last change? %s", what);
	snprintf(c->yes, sizeof c->yes, "undo it");
	c->run = run_undo;
	c->ctx = arg;
	return ui_open(ui, &view_confirm, c) | UI_REDRAW;
}

/* ---- the keys ---- */

int work_open(struct ui *ui, enum work_kind kind, long id, struct work_arg *arg)
{
	static const char *const doing[] = {['u'] = "adding an update", ['d'] = "revising a date", ['r'] = "setting the RAG",
					    ['t'] = "setting the status", ['c'] = "completing an action",
					    ['e'] = "editing an action", ['n'] = "a new action", ['z'] = "undoing"};
	if (kind != WORK_HISTORY && ui->read_only) {
		ui_message(ui, true, "Read-only: %s is refused; restart without --read-only to change", doing[kind]);
		return UI_REDRAW;
	}
	if (kind == WORK_UNDO)
		return open_undo(ui, arg);
	if (!id && kind != WORK_NEW) {
		ui_message(ui, false, "No action is selected");
		return UI_REDRAW;
	}
	arg->id = id;
	arg->kind = kind;
	switch (kind) {
	case WORK_NOTE: return open_note(ui, id, arg);
	case WORK_REDATE: return ui_open(ui, &view_redate, arg) | UI_REDRAW;
	case WORK_RAG: return ui_open(ui, &view_rag, arg) | UI_REDRAW;
	case WORK_STATUS: return ui_open(ui, &view_status, arg) | UI_REDRAW;
	case WORK_COMPLETE: return ui_open(ui, &view_complete, arg) | UI_REDRAW;
	case WORK_EDIT: case WORK_NEW: return ui_open(ui, &view_edit, arg) | UI_REDRAW;
	case WORK_HISTORY: return ui_open(ui, &view_history, arg) | UI_REDRAW;
	default: return UI_REDRAW;
	}
}

/* ---- what the forms share ---- */

void work_label(const struct action_detail *d, int width, char *out, size_t len)
{
	char both[700];
	snprintf(both, sizeof both, "%s %s", d->ref, d->title);
	text_fit(both, width, false, out, len);
}

void work_human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (iso && date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso && *iso ? iso : "none");
}

struct ui_rect work_box(const struct view *v, int w, int h)
{
	if (w > v->area.w - 2)
		w = v->area.w - 2;
	if (h > v->area.h)
		h = v->area.h;
	return (struct ui_rect){v->area.y + (v->area.h - h) / 2, v->area.x + (v->area.w - w) / 2, h, w};
}

void work_frame(const struct ui *ui, WINDOW *w, struct ui_rect r, const char *title)
{
	char cut[300];
	for (int y = r.y; y < r.y + r.h; y++)
		ui_put(w, y, r.x, r.w, "", A_NORMAL, false);
	ui_box(ui, w, r);
	text_fit(title, r.w - 4, false, cut, sizeof cut);
	ui_put(w, r.y, r.x + 2, text_width(cut), cut, A_BOLD, false);
}

void work_note(const struct ui *ui, WINDOW *w, int y, int x, int width, int lines, const char *text, int style)
{
	const char *p = text, *next;
	for (int i = 0; i < lines; i++, p = next) {
		char line[1200];
		size_t n = ui_wrap(p, width, &next);
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		ui_put(w, y + i, x, width, i + 1 < lines ? line : p, ui_attr(ui, style), false);
		if (!*next)
			break;
	}
}

void work_field_label(const struct ui *ui, WINDOW *w, int y, int x, const char *label, bool here)
{
	ui_put(w, y, x, 11, label, ui_attr(ui, UI_TITLES) | (here ? A_UNDERLINE : 0), false);
}
