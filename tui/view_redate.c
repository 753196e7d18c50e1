/* view_redate.c — revising an action's target date: any text the date reader accepts ("Jul-26", "31/07/2026",
 * "Year 2"), shown as it was understood before anything is saved, and a reason, without which nothing is saved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/when.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define BOX_WIDTH 78
#define BOX_HEIGHT 12

enum field { F_DATE, F_REASON, NFIELDS };

struct redate {
	struct ui *ui;
	long id;
	char ref[64], label[200], now[400];
	struct date start;
	bool has_start;
	struct date due; /* the current target, when there is one */
	bool has_due;
	struct editor field[NFIELDS];
	int here;
	char preview[700]; /* what the date reader made of the new date */
	bool understood;   /* it is a target date that can be saved */
	char error[1200];
	bool warned; /* Esc has said that a second Esc throws the typing away */
};

/* Says what the date reader understands by the text typed; see the file comment. */
static void understand(struct redate *d)
{
	const char *text = editor_text(&d->field[F_DATE]);
	struct when w;
	char err[600], human[32], extra[160] = "";
	d->understood = false;
	if (textedit_blank(&d->field[F_DATE].t)) {
		snprintf(d->preview, sizeof d->preview, "Type the new date: 31/07/2026, Jul-26, July 2026, Year 2, Ongoing …");
		return;
	}
	if (when_parse(text, d->has_start ? &d->start : NULL, &w, err, sizeof err) != 0) {
		snprintf(d->preview, sizeof d->preview, "%s", err);
		return;
	}
	if (w.ndates > 1) {
		snprintf(d->preview, sizeof d->preview, "\"%s\" holds %d dates; give just the new target date", text, w.ndates);
		return;
	}
	d->understood = true;
	if (w.ndates == 0) {
		snprintf(d->preview, sizeof d->preview, "→ no date: %s", when_state_name(w.state));
		return;
	}
	struct date to = w.dates[0].date;
	long in = date_diff_days(d->ui->today, to);
	date_format_human(to, human, sizeof human);
	if (d->has_due && date_compare(to, d->due) != 0)
		snprintf(extra, sizeof extra, " · %ld days %s", labs(date_diff_days(d->due, to)),
			 date_compare(to, d->due) > 0 ? "later" : "earlier");
	snprintf(d->preview, sizeof d->preview, "→ %s%s%s · %s%ld day%s%s%s%s", human,
		 w.dates[0].precision == WHEN_PRECISION_MONTH ? " (end of month)"
		 : w.dates[0].precision == WHEN_PRECISION_PLAN_YEAR ? " (end of plan year)" : "",
		 w.state == WHEN_STATE_ON_HOLD ? ", on hold" : "",
		 in >= 0 ? "in " : "", labs(in), labs(in) == 1 ? "" : "s", in < 0 ? " ago: still overdue" : "",
		 in == 0 ? " (today)" : "", extra);
}

/* Gives the keys to field f. */
static void focus(struct view *v, int f)
{
	struct redate *d = v->priv;
	d->here = (f + NFIELDS) % NFIELDS;
	d->ui->editor = &d->field[d->here];
	v->mode = UI_MODE_TEXT;
}

static int redate_key(struct view *v, struct ui *ui, int key)
{
	struct redate *d = v->priv;
	int r = editor_key(v, ui, key);
	if (r && d->field[d->here].changed) {
		d->error[0] = '\0';
		d->warned = false;
		if (d->here == F_DATE)
			understand(d);
	}
	return r;
}

/* The change work_save makes. */
struct revision {
	const char *text, *reason;
};

static int revise(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct revision *r = ctx;
	return store_revise_due(s, *id, r->text, r->reason, e);
}

static int redate_save(struct view *v, struct ui *ui)
{
	struct redate *d = v->priv;
	struct pb_error e = {0};
	char what[400], date[300], reason[300];
	if (textedit_blank(&d->field[F_DATE].t)) {
		snprintf(d->error, sizeof d->error, "Type the new target date first.");
		focus(v, F_DATE);
		return UI_REDRAW;
	}
	if (!d->understood) {
		snprintf(d->error, sizeof d->error, "The new date cannot be read: %s", d->preview);
		focus(v, F_DATE);
		return UI_REDRAW;
	}
	if (textedit_blank(&d->field[F_REASON].t)) {
		snprintf(d->error, sizeof d->error, "A reason is required: say why the target date moves.");
		focus(v, F_REASON);
		return UI_REDRAW;
	}
	snprintf(date, sizeof date, "%s", editor_text(&d->field[F_DATE]));
	snprintf(reason, sizeof reason, "%s", editor_text(&d->field[F_REASON]));
	struct revision rev = {text_trim(date), text_trim(reason)};
	char cut[80];
	text_fit(rev.text, 40, false, cut, sizeof cut);
	snprintf(what, sizeof what, "%s: target date revised to %s", d->ref, cut);
	if (work_save(ui, d->id, what, revise, &rev, &e) != PB_OK) {
		snprintf(d->error, sizeof d->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* Enter: from the date to the reason; on the reason, save. */
static int redate_enter(struct view *v, struct ui *ui)
{
	struct redate *d = v->priv;
	if (d->here == F_DATE) {
		focus(v, F_REASON);
		return UI_REDRAW;
	}
	return redate_save(v, ui);
}

static int redate_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct redate *)v->priv)->here + 1);
	return UI_REDRAW;
}

static int redate_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct redate *)v->priv)->here - 1);
	return UI_REDRAW;
}

/* Esc: closes; when something was typed, only the second Esc does, so typing is never lost to one key. */
static int redate_cancel(struct view *v, struct ui *ui)
{
	struct redate *d = v->priv;
	if (editor_esc_warns(d->field, NFIELDS, &d->warned)) {
		snprintf(d->error, sizeof d->error, "%s", EDITOR_ESC_WARNING);
		return UI_REDRAW;
	}
	ui_message(ui, false, "The target date was left as it was");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Save the new date and the reason", redate_save, 0},
	{"enter", '\r', {'\n', KEY_ENTER}, "next", "From the date to the reason; on the reason, save", redate_enter, 0},
	{"next-field", '\t', {KEY_DOWN}, "field", "Next field", redate_next, 0},
	{"prev-field", KEY_BTAB, {KEY_UP}, NULL, "Previous field", redate_prev, 0},
	{"cancel", 27, {0}, "cancel", "Close, leaving the target date as it was (when something was typed, press Esc twice)", redate_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* The line about the current target: the date, days over and how it was written. */
static void describe_now(struct redate *d, const struct action_detail *a)
{
	char human[32];
	work_human(a->due_on, human, sizeof human);
	snprintf(d->now, sizeof d->now, "%s", *a->due_on ? human : *a->due_state ? a->due_state : "none");
	size_t l = strlen(d->now);
	if (a->days_over != DAYS_NONE && a->days_over > 0)
		snprintf(d->now + l, sizeof d->now - l, " · %ld day%s over", a->days_over, a->days_over == 1 ? "" : "s");
	l = strlen(d->now);
	if (*a->due_text)
		snprintf(d->now + l, sizeof d->now - l, " · written \"%s\"", a->due_text);
}

/* arg is a const struct work_arg *. */
static int redate_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct work_arg *w = arg;
	struct action_detail a;
	struct pb_error e = {0};
	struct redate *d = calloc(1, sizeof *d);
	if (!d || !editor_init(&d->field[F_DATE], NULL, false, 200) || !editor_init(&d->field[F_REASON], NULL, false, 0)) {
		if (d)
			editor_release(d->field, NFIELDS, NULL);
		free(d);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	v->priv = d;
	d->ui = ui;
	d->id = w->id;
	if (store_get_action(ui->store, d->id, &a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status;
	}
	snprintf(d->ref, sizeof d->ref, "%s", a.ref);
	work_label(&a, BOX_WIDTH - 4, d->label, sizeof d->label);
	d->has_start = date_parse_iso(a.plan_start, &d->start);
	d->has_due = date_parse_iso(a.due_on, &d->due);
	describe_now(d, &a);
	store_action_free(&a);
	understand(d);
	focus(v, F_DATE);
	return PB_OK;
}

static void redate_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct redate *d = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, vx = r.x + 13, vw = r.w - 15;
	work_frame(ui, w, r, " Revise the target date ");
	ui_put(w, r.y + 1, x, r.w - 4, d->label, A_BOLD, false);
	work_field_label(ui, w, r.y + 2, x, "Now", false);
	ui_put(w, r.y + 2, vx, vw, d->now, A_NORMAL, false);
	work_field_label(ui, w, r.y + 4, x, "New date", d->here == F_DATE);
	int style = d->understood ? UI_NORMAL : textedit_blank(&d->field[F_DATE].t) ? UI_DIM : UI_ERROR;
	ui_put(w, r.y + 5, vx, vw, d->preview, ui_attr(ui, style), false);
	work_field_label(ui, w, r.y + 6, x, "Reason", d->here == F_REASON);
	if (*d->error)
		work_note(ui, w, r.y + 9, x, r.w - 4, 2, d->error, UI_ERROR);
	else
		work_note(ui, w, r.y + 9, x, r.w - 4, 2, "The reason is required; the old date and the reason stay in the history.", UI_DIM);
	struct ui_rect at[NFIELDS] = {{r.y + 4, vx, 1, vw}, {r.y + 6, vx, 2, vw}};
	editor_draw_fields(d->field, NFIELDS, d->here, ui, w, at, NULL);
}

static void redate_free(struct view *v)
{
	struct redate *d = v->priv;
	if (!d)
		return;
	editor_release(d->field, NFIELDS, d->ui);
	free(d);
	v->priv = NULL;
}

static void redate_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct redate *d = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", d->here == F_DATE ? "New date: as officers write it; what it means shows under it"
								 : "Reason: why the target date moves");
	f->position[0] = '\0';
}

const struct view_ops view_redate = {
	.name = "Revise the target date",
	.keys = keys,
	.init = redate_init,
	.draw = redate_draw,
	.key = redate_key,
	.free = redate_free,
	.frame = redate_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
