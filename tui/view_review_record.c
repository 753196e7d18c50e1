/* view_review_record.c — recording one action at a one-to-one, over its screen: the discussion notes, the agreed next
 * step and an optional new target date (read as officers write it, shown as understood before saving, and saved as a
 * revision "agreed at 1:1 on <today>" with the notes, in one transaction). F3 saves and goes on to the next action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/when.h"
#include "tui/browse.h"
#include "tui/review.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define BOX_WIDTH 78
#define BOX_HEIGHT 18
#define NOTES_ROWS 5

enum field { F_NOTES, F_STEP, F_DATE, NFIELDS };

struct record {
	struct ui *ui;
	struct review_place *place;
	long action_id;
	char ref[64], label[200], now[400], agreed_before[DATE_ISO_LEN];
	struct date start, due;
	bool has_start, has_due;
	struct editor field[NFIELDS];
	int here;
	char preview[700];
	bool readable; /* the date field is empty or one day */
	bool revises;  /* it is a day other than the current target: saving revises the target */
	bool warned;   /* Esc has said that a second Esc throws the typing away */
	char error[1200];
};

/* Says what the date reader makes of the new date, and what saving it will do. */
static void understand(struct record *d)
{
	const char *text = editor_text(&d->field[F_DATE]);
	struct when w;
	char err[600], human[32], reason[64], later[80] = "";
	review_agreed_reason(d->ui->today, reason, sizeof reason);
	d->readable = true;
	d->revises = false;
	if (editor_blank(&d->field[F_DATE])) {
		snprintf(d->preview, sizeof d->preview, "Optional: a new target date agreed (31/07/2026, Jul-26 …), saved as a revision \"%s\"",
			 reason);
		return;
	}
	d->readable = false;
	if (when_parse(text, d->has_start ? &d->start : NULL, &w, err, sizeof err) != 0) {
		snprintf(d->preview, sizeof d->preview, "%s", err);
		return;
	}
	if (w.ndates != 1) {
		snprintf(d->preview, sizeof d->preview, "\"%s\" is not one date; write it like 31/07/2026 or Jul-26", text);
		return;
	}
	d->readable = true;
	struct date to = w.dates[0].date;
	char iso[DATE_ISO_LEN];
	date_format_iso(to, iso);
	date_format_human(to, human, sizeof human);
	if (d->has_due && date_compare(to, d->due) == 0) {
		snprintf(d->preview, sizeof d->preview, "→ %s: %s", human,
			 strcmp(iso, d->agreed_before) == 0 ? "agreed already at this review" : "the target now; no revision");
		return;
	}
	if (d->has_due)
		snprintf(later, sizeof later, " · %ld days %s than now", labs(date_diff_days(d->due, to)),
			 date_compare(to, d->due) > 0 ? "later" : "earlier");
	snprintf(d->preview, sizeof d->preview, "→ %s%s%s", human,
		 w.dates[0].precision == WHEN_PRECISION_MONTH ? " (end of month)" : "", later);
	d->revises = true;
}

/* Gives the keys to field f. */
static void focus(struct view *v, int f)
{
	struct record *d = v->priv;
	d->here = (f + NFIELDS) % NFIELDS;
	d->ui->editor = &d->field[d->here];
	v->mode = UI_MODE_TEXT | (d->here == F_NOTES ? UI_MODE_LINES : 0);
}

static int record_key(struct view *v, struct ui *ui, int key)
{
	struct record *d = v->priv;
	int r = editor_key(v, ui, key);
	if (r && d->field[d->here].changed) {
		d->error[0] = '\0';
		d->warned = false;
		if (d->here == F_DATE)
			understand(d);
	}
	return r;
}

/* Saves what the fields hold; advance: then on to the next action. */
static int save(struct view *v, struct ui *ui, bool advance)
{
	struct record *d = v->priv;
	struct pb_error e = {0};
	if (!d->readable) {
		snprintf(d->error, sizeof d->error, "The new date cannot be read: %s", d->preview);
		focus(v, F_DATE);
		return UI_REDRAW;
	}
	struct review_record r = {editor_text(&d->field[F_NOTES]), editor_text(&d->field[F_STEP]), editor_text(&d->field[F_DATE])};
	if (store_review_record(ui->store, d->place->review_id, d->action_id, &r, &e) != PB_OK) {
		snprintf(d->error, sizeof d->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	char what[300] = "";
	if (!editor_blank(&d->field[F_NOTES]))
		snprintf(what + strlen(what), sizeof what - strlen(what), "notes");
	if (!editor_blank(&d->field[F_STEP]))
		snprintf(what + strlen(what), sizeof what - strlen(what), "%snext step", *what ? ", " : "");
	if (!editor_blank(&d->field[F_DATE]))
		snprintf(what + strlen(what), sizeof what - strlen(what), "%snew target date", *what ? ", " : "");
	ui_message(ui, false, "Saved %s: %s%s", d->ref, *what ? what : "discussed", advance ? "" : "; n: the next action");
	ui->browse->filter_gen++; /* a new date moves the navigator's counts */
	d->place->advance = advance;
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static int record_save(struct view *v, struct ui *ui)
{
	return save(v, ui, false);
}

static int record_save_next(struct view *v, struct ui *ui)
{
	return save(v, ui, true);
}

/* Enter in a one-line field: on to the next field; on the date, save. */
static int record_enter(struct view *v, struct ui *ui)
{
	struct record *d = v->priv;
	if (d->here == F_DATE)
		return save(v, ui, false);
	focus(v, d->here + 1);
	return UI_REDRAW;
}

static int record_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct record *)v->priv)->here + 1);
	return UI_REDRAW;
}

static int record_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct record *)v->priv)->here - 1);
	return UI_REDRAW;
}

/* Esc: closes; when something was typed, only the second Esc does, so typing is never lost to one key. */
static int record_cancel(struct view *v, struct ui *ui)
{
	struct record *d = v->priv;
	if (editor_esc_warns(d->field, NFIELDS, &d->warned)) {
		snprintf(d->error, sizeof d->error, "%s", EDITOR_ESC_WARNING);
		return UI_REDRAW;
	}
	ui_message(ui, false, d->warned ? "What was typed was thrown away; nothing was saved" : "Nothing was recorded");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Save the notes, the next step and the new date", record_save, 0},
	{"save-next", KEY_F(3), {0}, "save+next", "Save, then go on to the next action of the agenda", record_save_next, 0},
	{"enter", '\r', {'\n', KEY_ENTER}, "next", "In the next step: on to the date; on the date: save (in the notes: a new line)",
	 record_enter, UI_MODE_TEXT},
	{"next-field", '\t', {0}, "field", "Next field", record_next, 0},
	{"prev-field", KEY_BTAB, {0}, NULL, "Previous field", record_prev, 0},
	{"next-field", KEY_DOWN, {0}, NULL, "Next field (in the notes: the next line)", record_next, UI_MODE_TEXT},
	{"prev-field", KEY_UP, {0}, NULL, "Previous field (in the notes: the line above)", record_prev, UI_MODE_TEXT},
	{"cancel", 27, {0}, "cancel", "Close without saving (when something was typed, press Esc twice)", record_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* Store callback: the action at the place, with what this review recorded for it. */
struct loaded {
	struct record *d;
	char *notes, *step; /* owned */
	bool found;
};

static int keep(void *ctx, const struct review_item_row *r)
{
	struct loaded *l = ctx;
	struct record *d = l->d;
	l->found = true;
	d->action_id = r->action.id;
	snprintf(d->ref, sizeof d->ref, "%s", r->action.ref);
	snprintf(d->agreed_before, sizeof d->agreed_before, "%s", r->new_due_on);
	l->notes = strdup(r->notes);
	l->step = strdup(r->next_step);
	return l->notes && l->step ? PB_OK : PB_FAIL;
}

/* The line about the current target. */
static void describe_now(struct record *d, const struct action_detail *a)
{
	char human[32];
	review_human(a->due_on, human, sizeof human);
	snprintf(d->now, sizeof d->now, "%s", *a->due_on ? human : *a->due_state ? a->due_state : "none");
	if (a->days_over != DAYS_NONE && a->days_over > 0)
		snprintf(d->now + strlen(d->now), sizeof d->now - strlen(d->now), " · %ld day%s over", a->days_over,
			 a->days_over == 1 ? "" : "s");
	if (*a->due_text)
		snprintf(d->now + strlen(d->now), sizeof d->now - strlen(d->now), " · written \"%s\"", a->due_text);
}

/* Fills the fields from the action at the place and what was recorded for it. */
static int fill(struct record *d, struct ui *ui, struct pb_error *e)
{
	struct loaded l = {d, NULL, NULL, false};
	struct action_detail a;
	int status = store_review_items(ui->store, d->place->review_id, d->place->position - 1, 1, keep, &l, e);
	if (status == PB_OK && !l.found)
		status = pb_fail(e, PB_BAD_INPUT, "the review has no action %ld on its agenda", d->place->position);
	if (status == PB_OK)
		status = store_get_action(ui->store, d->action_id, &a, e);
	if (status == PB_OK) {
		work_label(&a, BOX_WIDTH - 4, d->label, sizeof d->label);
		d->has_start = date_parse_iso(a.plan_start, &d->start);
		d->has_due = date_parse_iso(a.due_on, &d->due);
		describe_now(d, &a);
		store_action_free(&a);
		char date[16] = "";
		struct date agreed;
		if (date_parse_iso(d->agreed_before, &agreed))
			snprintf(date, sizeof date, "%02d/%02d/%04d", agreed.day, agreed.month, agreed.year);
		editor_set(&d->field[F_NOTES], l.notes);
		editor_set(&d->field[F_STEP], l.step);
		editor_set(&d->field[F_DATE], date);
	}
	free(l.notes);
	free(l.step);
	return status;
}

/* arg is the struct review_place * of the action screen. */
static int record_init(struct view *v, struct ui *ui, const void *arg)
{
	struct pb_error e = {0};
	struct record *d = calloc(1, sizeof *d);
	if (!d || !editor_init(&d->field[F_NOTES], NULL, true, 0) || !editor_init(&d->field[F_STEP], NULL, false, 0) ||
	    !editor_init(&d->field[F_DATE], NULL, false, 200)) {
		if (d)
			editor_release(d->field, NFIELDS, NULL);
		free(d);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	v->priv = d;
	d->ui = ui;
	d->place = (struct review_place *)arg;
	if (fill(d, ui, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	understand(d);
	focus(v, F_NOTES);
	return PB_OK;
}

static void record_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct record *d = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, vx = r.x + 13, vw = r.w - 15;
	char title[120];
	snprintf(title, sizeof title, " Record %s at the 1:1 ", d->ref);
	work_frame(ui, w, r, title);
	ui_put(w, r.y + 1, x, r.w - 4, d->label, A_BOLD, false);
	work_field_label(ui, w, r.y + 2, x, "Target now", false);
	ui_put(w, r.y + 2, vx, vw, d->now, A_NORMAL, false);
	work_field_label(ui, w, r.y + 4, x, "Notes", d->here == F_NOTES);
	work_field_label(ui, w, r.y + 10, x, "Next step", d->here == F_STEP);
	work_field_label(ui, w, r.y + 13, x, "New date", d->here == F_DATE);
	int style = d->readable ? (editor_blank(&d->field[F_DATE]) ? UI_DIM : UI_NORMAL) : UI_ERROR;
	ui_put(w, r.y + 14, vx, vw, d->preview, ui_attr(ui, style), false);
	char tip[300], reason[64];
	review_agreed_reason(ui->today, reason, sizeof reason);
	if (d->revises)
		snprintf(tip, sizeof tip, "Saved as a revision \"%s\"; F2 saves, F3 saves and goes on to the next action.",
			 reason);
	else
		snprintf(tip, sizeof tip, "F2 saves, F3 saves and goes on to the next action; Tab moves between the fields; in the"
					  " notes Enter starts a new line.");
	work_note(ui, w, r.y + 15, x, r.w - 4, 2, *d->error ? d->error : tip, *d->error ? UI_ERROR : UI_DIM);
	struct ui_rect at[NFIELDS] = {{r.y + 4, vx, NOTES_ROWS, vw}, {r.y + 10, vx, 2, vw}, {r.y + 13, vx, 1, vw}};
	static const char *const hold[NFIELDS] = {"What was said", "What happens next, and who does it", ""};
	editor_draw_fields(d->field, NFIELDS, d->here, ui, w, at, hold);
}

static void record_free(struct view *v)
{
	struct record *d = v->priv;
	if (!d)
		return;
	editor_release(d->field, NFIELDS, d->ui);
	free(d);
	v->priv = NULL;
}

static void record_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	static const char *const about[NFIELDS] = {"Notes: what was said (Enter starts a new line)",
						   "Next step: what was agreed happens next",
						   "New date: optional, as officers write it; what it means shows under it"};
	struct record *d = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", about[d->here]);
	f->position[0] = '\0';
}

const struct view_ops view_review_record = {
	.name = "Record an action at a review",
	.keys = keys,
	.init = record_init,
	.draw = record_draw,
	.key = record_key,
	.free = record_free,
	.frame = record_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
