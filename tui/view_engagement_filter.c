/* view_engagement_filter.c — the filter of the engagement records: team, method, formal or informal, when they were
 * held (a day, a month or a range, read as it is typed), whether a "we did" is recorded, and words to search for. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/dayrange.h"
#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/view_editor.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define BOX_WIDTH 76
#define BOX_HEIGHT 14
#define MAX_CHOICES 64

static const char *const labels[EF_NFIELDS] = {"Team", "Method", "Formality", "Held", "We did", "Search"};
static const char *const tips[EF_NFIELDS] = {
	"Team: Left/Right or Space choose (a letter jumps to it)",
	"Method: Left/Right or Space choose (a letter jumps to it)",
	"Formality: the policy's formal or informal methods, or the others",
	"Held: a day, a month or a range (01/04/2025 - 31/03/2026); records overlapping it",
	"We did: the \"You said, we did\" gap is the records with none yet",
	"Search: words in the title, team, place, summary, \"you said\" and \"we did\"",
};

/* A field with a fixed set of values: value 0 is "any". */
struct choice {
	char value[MAX_CHOICES][200];
	char shown[MAX_CHOICES][220];
	int n, at;
};

struct filter_form {
	struct ui *ui;
	struct engagement_filter_state *state;
	struct choice choice[EF_NFIELDS]; /* for team, method, formality and we did */
	struct editor held, search;
	int here;
	char preview[400];
	bool held_ok;
	struct dayrange range;
	char error[600];
};

static bool is_text(int field)
{
	return field == EF_HELD || field == EF_SEARCH;
}

/* ---- choices ---- */

static void add_choice(struct choice *c, const char *value, const char *shown)
{
	if (c->n == MAX_CHOICES)
		return;
	snprintf(c->value[c->n], sizeof c->value[0], "%s", value);
	snprintf(c->shown[c->n++], sizeof c->shown[0], "%s", shown);
}

/* Selects the choice whose value is value (any case); "any" when none is. */
static void select_value(struct choice *c, const char *value)
{
	c->at = 0;
	for (int i = 1; i < c->n; i++)
		if (text_ieq(c->value[i], value))
			c->at = i;
}

static int keep_team(void *ctx, const char *name)
{
	add_choice(ctx, name, name);
	return PB_OK;
}

static int keep_method(void *ctx, const struct method_row *m)
{
	char shown[220];
	snprintf(shown, sizeof shown, "%s (%s)", m->name, m->formality);
	add_choice(ctx, m->name, shown);
	return PB_OK;
}

/* Fills the choices from the store and the filter as it is. */
static int load_choices(struct filter_form *f, struct pb_error *e)
{
	struct engagement_filter_state *s = f->state;
	struct choice *c = f->choice;
	add_choice(&c[EF_TEAM], "", "any team");
	add_choice(&c[EF_METHOD], "", "any method");
	add_choice(&c[EF_FORMALITY], "", "any");
	add_choice(&c[EF_FORMALITY], "formal", "formal methods");
	add_choice(&c[EF_FORMALITY], "informal", "informal methods");
	add_choice(&c[EF_FORMALITY], "other", "other methods (surveys, meetings, drop-ins …)");
	add_choice(&c[EF_WE_DID], "any", "any");
	add_choice(&c[EF_WE_DID], "no", "none recorded yet (the \"You said, we did\" gap)");
	add_choice(&c[EF_WE_DID], "yes", "recorded");
	int status = store_each_engagement_team(f->ui->store, keep_team, &c[EF_TEAM], e);
	if (status == PB_OK)
		status = store_each_method(f->ui->store, keep_method, &c[EF_METHOD], e);
	select_value(&c[EF_TEAM], s->team);
	select_value(&c[EF_METHOD], s->method);
	select_value(&c[EF_FORMALITY], s->formality);
	c[EF_WE_DID].at = s->we_did + 1;
	return status;
}

/* What the dates typed are read as. */
static void understand_held(struct filter_form *f)
{
	char err[400], human[120];
	f->held_ok = dayrange_parse(editor_text(&f->held), &f->range, err, sizeof err) == 0;
	if (!f->held_ok) {
		snprintf(f->preview, sizeof f->preview, "%s", err);
		return;
	}
	dayrange_format(&f->range, f->ui->utf8, human, sizeof human);
	if (f->range.dated)
		snprintf(f->preview, sizeof f->preview, "%s %s", f->ui->utf8 ? "\xE2\x86\x92" : "->", human);
	else
		snprintf(f->preview, sizeof f->preview, "any date (records with none too)");
}

/* ---- keys ---- */

static void focus(struct view *v, int field)
{
	struct filter_form *f = v->priv;
	f->here = (field + EF_NFIELDS) % EF_NFIELDS;
	f->ui->editor = f->here == EF_HELD ? &f->held : f->here == EF_SEARCH ? &f->search : NULL;
	v->mode = UI_MODE_TEXT | (is_text(f->here) ? 0 : UI_MODE_CHOICE); /* letters choose too: no quit key here */
}

static int ff_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct filter_form *)v->priv)->here + 1);
	return UI_REDRAW;
}

static int ff_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct filter_form *)v->priv)->here - 1);
	return UI_REDRAW;
}

static int step_choice(struct view *v, int dir)
{
	struct filter_form *f = v->priv;
	struct choice *c = &f->choice[f->here];
	c->at = (c->at + dir + c->n) % c->n;
	f->error[0] = '\0';
	return UI_REDRAW;
}

static int ff_right(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_choice(v, 1);
}

static int ff_left(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_choice(v, -1);
}

/* A letter in a choice: the next value that begins with it. */
static int jump(struct filter_form *f, int key)
{
	struct choice *c = &f->choice[f->here];
	for (int k = 1; k <= c->n; k++) {
		int i = (c->at + k) % c->n;
		if (tolower((unsigned char)c->shown[i][0]) == tolower(key)) {
			c->at = i;
			return UI_HANDLED | UI_REDRAW;
		}
	}
	snprintf(f->error, sizeof f->error, "No %s begins with \"%c\".", labels[f->here], key);
	return UI_HANDLED | UI_REDRAW;
}

/* Text into the field with the keys; a letter in a choice jumps. */
static int ff_key(struct view *v, struct ui *ui, int key)
{
	struct filter_form *f = v->priv;
	if (!is_text(f->here)) {
		if (key == ' ')
			return step_choice(v, 1) | UI_HANDLED;
		if (key < 0x7f && isalnum(key))
			return jump(f, key);
		return 0;
	}
	int r = editor_key(v, ui, key);
	if (r && f->here == EF_HELD && f->held.changed) {
		f->error[0] = '\0';
		understand_held(f);
	}
	return r;
}

static int ff_apply(struct view *v, struct ui *ui)
{
	struct filter_form *f = v->priv;
	struct engagement_filter_state *s = f->state;
	if (!f->held_ok) {
		snprintf(f->error, sizeof f->error, "Held: %s", f->preview);
		focus(v, EF_HELD);
		return UI_REDRAW;
	}
	snprintf(s->team, sizeof s->team, "%s", f->choice[EF_TEAM].value[f->choice[EF_TEAM].at]);
	snprintf(s->method, sizeof s->method, "%s", f->choice[EF_METHOD].value[f->choice[EF_METHOD].at]);
	snprintf(s->formality, sizeof s->formality, "%s", f->choice[EF_FORMALITY].value[f->choice[EF_FORMALITY].at]);
	s->we_did = f->choice[EF_WE_DID].at - 1;
	char held[sizeof s->held];
	snprintf(held, sizeof held, "%s", editor_text(&f->held));
	snprintf(s->held, sizeof s->held, "%s", text_trim(held));
	s->from[0] = s->to[0] = '\0';
	if (f->range.dated) {
		date_format_iso(f->range.from, s->from);
		date_format_iso(f->range.until, s->to);
	}
	char search[sizeof s->search];
	snprintf(search, sizeof search, "%s", editor_text(&f->search));
	snprintf(s->search, sizeof s->search, "%s", text_trim(search));
	s->gen++;
	ui_message(ui, false, engagement_filtered(s) ? "Filter set; F clears it" : "No filter: every record");
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static int ff_cancel(struct view *v, struct ui *ui)
{
	(void)v;
	ui_message(ui, false, "The filter was left as it was");
	return UI_BACK | UI_REDRAW;
}

/* Ctrl-R: every field back to any. */
static int ff_reset(struct view *v, struct ui *ui)
{
	struct filter_form *f = v->priv;
	(void)ui;
	for (int i = 0; i < EF_NFIELDS; i++)
		f->choice[i].at = 0;
	editor_set(&f->held, "");
	editor_set(&f->search, "");
	understand_held(f);
	return UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"apply", '\r', {'\n', KEY_ENTER, KEY_F(2), CTRL('S')}, "apply", "Apply the filter", ff_apply, 0},
	{"next-field", '\t', {KEY_DOWN}, "field", "Next field", ff_next, 0},
	{"prev-field", KEY_BTAB, {KEY_UP}, NULL, "Previous field", ff_prev, 0},
	{"next-value", KEY_RIGHT, {0}, "choose", "Next value (Space too; a letter jumps to it)", ff_right, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "Previous value", ff_left, UI_MODE_CHOICE},
	{"reset", CTRL('R'), {0}, "reset", "Every field back to any", ff_reset, 0},
	{"cancel", 27, {0}, "cancel", "Close, leaving the filter as it was", ff_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static void ff_release(struct filter_form *f)
{
	if (f->ui && (f->ui->editor == &f->held || f->ui->editor == &f->search))
		f->ui->editor = NULL;
	editor_free(&f->held);
	editor_free(&f->search);
	free(f);
}

/* arg is a const struct engagement_filter_arg *. */
static int ff_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct engagement_filter_arg *a = arg;
	struct pb_error e = {0};
	struct filter_form *f = calloc(1, sizeof *f);
	if (!f || !editor_init(&f->held, a->state->held, false, 120) || !editor_init(&f->search, a->state->search, false, 250)) {
		if (f)
			editor_free(&f->held);
		free(f);
		ui_message(ui, true, "Out of memory opening the filter");
		return PB_FAIL;
	}
	v->priv = f;
	f->ui = ui;
	f->state = a->state;
	if (load_choices(f, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		ff_release(f);
		v->priv = NULL;
		return e.status;
	}
	understand_held(f);
	focus(v, a->field);
	return PB_OK;
}

static void ff_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct filter_form *f = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, vx = r.x + 14, vw = r.w - 16, y = r.y + 2;
	work_frame(ui, w, r, " Filter the engagement records ");
	ui_put(w, r.y + 1, x, r.w - 4, "The records that match every field set here; Enter applies.", ui_attr(ui, UI_DIM), false);
	for (int i = 0; i < EF_NFIELDS; i++, y++) {
		work_field_label(ui, w, y, x, labels[i], i == f->here);
		if (i == EF_HELD) {
			editor_draw(&f->held, ui, w, (struct ui_rect){y, vx, 1, vw}, f->here == i ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE, false,
				    "any date");
			y++;
			ui_put(w, y, vx, vw, f->preview, ui_attr(ui, f->held_ok ? UI_DIM : UI_ERROR), false);
		} else if (i == EF_SEARCH) {
			editor_draw(&f->search, ui, w, (struct ui_rect){y, vx, 1, vw}, f->here == i ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE, false,
				    "any text");
		} else {
			const struct choice *c = &f->choice[i];
			char shown[300];
			snprintf(shown, sizeof shown, "%s %s %s", f->here == i ? "<" : " ", c->shown[c->at], f->here == i ? ">" : "");
			ui_put(w, y, vx - 2, vw + 2, shown, f->here == i ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
		}
	}
	int tip = r.y + r.h - 3;
	if (*f->error)
		work_note(ui, w, tip, x, r.w - 4, 2, f->error, UI_ERROR);
	else
		work_note(ui, w, tip, x, r.w - 4, 2, tips[f->here], UI_DIM);
	if (is_text(f->here)) /* last, so that the cursor stays in it */
		editor_draw(f->ui->editor, ui, w, (struct ui_rect){r.y + 2 + f->here + (f->here > EF_HELD), vx, 1, vw}, ui_attr(ui, UI_SELECTION),
			    true, NULL);
}

static void ff_free(struct view *v)
{
	if (v->priv)
		ff_release(v->priv);
	v->priv = NULL;
}

static void ff_frame(struct view *v, const struct ui *ui, struct ui_frame *fr)
{
	struct filter_form *f = v->priv;
	(void)ui;
	snprintf(fr->info, sizeof fr->info, "%s · Enter applies, Esc leaves it as it was", labels[f->here]);
	fr->position[0] = '\0';
}

const struct view_ops view_engagement_filter = {
	.name = "Filter the engagement records",
	.keys = keys,
	.init = ff_init,
	.draw = ff_draw,
	.key = ff_key,
	.free = ff_free,
	.frame = ff_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
