/* view_complete.c — completing an action: on today's date unless another day is typed (it may not be in the
 * future), with a closing note saved as a progress update in the same step. Enter on the day completes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/browse.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define BOX_WIDTH 78
#define BOX_HEIGHT 13

enum field { F_DAY, F_NOTE, NFIELDS };

struct complete {
	struct ui *ui;
	long id;
	char ref[64], label[200], now[300];
	struct editor field[NFIELDS];
	int here;
	char day[DATE_ISO_LEN]; /* the day understood, "" when none */
	char preview[700];
	char error[1200];
};

/* Reads the day typed: a day as officers write it, never after today. */
static void understand(struct complete *c)
{
	char err[300], human[32], text[200];
	struct date d;
	snprintf(text, sizeof text, "%s", editor_text(&c->field[F_DAY]));
	c->day[0] = '\0';
	if (!*text_trim(text)) {
		snprintf(c->preview, sizeof c->preview, "Type the day it was completed: 09/06/2026, 2026-06-09 …");
		return;
	}
	if (!browse_parse_day(text, false, "day completed", c->day, err, sizeof err)) {
		snprintf(c->preview, sizeof c->preview, "%s", err);
		c->day[0] = '\0';
		return;
	}
	date_parse_iso(c->day, &d);
	date_format_human(d, human, sizeof human);
	long ago = date_diff_days(d, c->ui->today);
	if (ago < 0) {
		snprintf(c->preview, sizeof c->preview, "%s is after today: an action is completed on a day that has come", human);
		c->day[0] = '\0';
		return;
	}
	if (ago == 0)
		snprintf(c->preview, sizeof c->preview, "→ completed on %s (today)", human);
	else
		snprintf(c->preview, sizeof c->preview, "→ completed on %s (%ld day%s ago)", human, ago, ago == 1 ? "" : "s");
}

/* Gives the keys to field f: the day is one line, the note several. */
static void focus(struct view *v, int f)
{
	struct complete *c = v->priv;
	c->here = (f + NFIELDS) % NFIELDS;
	c->ui->editor = &c->field[c->here];
	v->mode = UI_MODE_TEXT | (c->here == F_NOTE ? UI_MODE_LINES : 0);
}

static int complete_key(struct view *v, struct ui *ui, int key)
{
	struct complete *c = v->priv;
	int r = editor_key(v, ui, key);
	if (r && c->field[c->here].changed) {
		c->error[0] = '\0';
		if (c->here == F_DAY)
			understand(c);
	}
	return r;
}

struct completion {
	struct date on;
	const char *note;
};

static int complete_change(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct completion *k = ctx;
	int status = store_complete(s, *id, k->on, e);
	if (status == PB_OK && k->note)
		status = store_add_update(s, *id, NULL, k->note, e);
	return status;
}

static int complete_save(struct view *v, struct ui *ui)
{
	struct complete *c = v->priv;
	struct pb_error e = {0};
	char what[200], human[32];
	struct completion k = {{0, 0, 0}, NULL};
	if (!*c->day || !date_parse_iso(c->day, &k.on)) {
		snprintf(c->error, sizeof c->error, "%s", c->preview);
		focus(v, F_DAY);
		return UI_REDRAW;
	}
	if (!textedit_blank(&c->field[F_NOTE].t))
		k.note = editor_text(&c->field[F_NOTE]);
	date_format_human(k.on, human, sizeof human);
	snprintf(what, sizeof what, "%s: completed on %s%s", c->ref, human, k.note ? ", with a closing note" : "");
	if (work_save(ui, c->id, what, complete_change, &k, &e) != PB_OK) {
		snprintf(c->error, sizeof c->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static int complete_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct complete *)v->priv)->here + 1);
	return UI_REDRAW;
}

static int complete_cancel(struct view *v, struct ui *ui)
{
	struct complete *c = v->priv;
	if (!textedit_blank(&c->field[F_NOTE].t) && c->field[F_NOTE].changed && c->here == F_NOTE) {
		snprintf(c->error, sizeof c->error, "Esc again closes, and the closing note you typed is not kept.");
		c->field[F_NOTE].changed = false;
		return UI_REDRAW;
	}
	ui_message(ui, false, "The action was not completed");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Complete it on that day (with the note, if any)", complete_save, 0},
	{"save", '\r', {'\n', KEY_ENTER}, "complete", "On the day: complete it", complete_save, UI_MODE_TEXT},
	{"next-field", '\t', {KEY_BTAB}, "field", "The other field: the day or a closing note", complete_next, 0},
	{"next-field", KEY_DOWN, {KEY_UP}, NULL, "The other field", complete_next, UI_MODE_TEXT},
	{"cancel", 27, {0}, "cancel", "Close; the action stays as it was", complete_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is a const struct work_arg *. */
static int complete_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct work_arg *w = arg;
	struct action_detail a;
	struct pb_error e = {0};
	char today[16];
	struct complete *c = calloc(1, sizeof *c);
	if (!c || !editor_init(&c->field[F_DAY], NULL, false, 100) || !editor_init(&c->field[F_NOTE], NULL, true, 0)) {
		if (c)
			editor_release(c->field, NFIELDS, NULL);
		free(c);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	v->priv = c;
	c->ui = ui;
	c->id = w->id;
	if (store_get_action(ui->store, c->id, &a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status;
	}
	snprintf(c->ref, sizeof c->ref, "%s", a.ref);
	work_label(&a, BOX_WIDTH - 4, c->label, sizeof c->label);
	snprintf(c->now, sizeof c->now, "%s%s%s", *a.status ? status_label(a.status) : "no status set",
		 *a.completed_on ? " · completed " : "", a.completed_on);
	store_action_free(&a);
	snprintf(today, sizeof today, "%02d/%02d/%04d", ui->today.day, ui->today.month, ui->today.year);
	editor_set(&c->field[F_DAY], today);
	understand(c);
	focus(v, F_DAY);
	return PB_OK;
}

static void complete_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct complete *c = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, vx = r.x + 13, vw = r.w - 15;
	work_frame(ui, w, r, " Complete the action ");
	ui_put(w, r.y + 1, x, r.w - 4, c->label, A_BOLD, false);
	work_field_label(ui, w, r.y + 2, x, "Now", false);
	ui_put(w, r.y + 2, vx, vw, c->now, A_NORMAL, false);
	work_field_label(ui, w, r.y + 4, x, "Completed", c->here == F_DAY);
	ui_put(w, r.y + 5, vx, vw, c->preview, ui_attr(ui, *c->day ? UI_NORMAL : UI_ERROR), false);
	work_field_label(ui, w, r.y + 6, x, "Note", c->here == F_NOTE);
	if (*c->error)
		work_note(ui, w, r.y + 10, x, r.w - 4, 2, c->error, UI_ERROR);
	else
		work_note(ui, w, r.y + 10, x, r.w - 4, 2, "The note is optional: it is saved as a progress update.", UI_DIM);
	struct ui_rect at[NFIELDS] = {{r.y + 4, vx, 1, 14}, {r.y + 6, vx, 3, vw}};
	static const char *const hint[NFIELDS] = {NULL, "a closing note (optional): Tab to write one"};
	editor_draw_fields(c->field, NFIELDS, c->here, ui, w, at, hint);
}

static void complete_free(struct view *v)
{
	struct complete *c = v->priv;
	if (!c)
		return;
	editor_release(c->field, NFIELDS, c->ui);
	free(c);
	v->priv = NULL;
}

static void complete_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct complete *c = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", c->here == F_DAY ? "Completed: today unless you type another day; Enter completes it"
								 : "Closing note: Enter starts a new line, F2 completes");
	f->position[0] = '\0';
}

const struct view_ops view_complete = {
	.name = "Complete the action",
	.keys = keys,
	.init = complete_init,
	.draw = complete_draw,
	.key = complete_key,
	.free = complete_free,
	.frame = complete_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
