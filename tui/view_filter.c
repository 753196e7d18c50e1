/* view_filter.c — the filter form over the list: owner, RAG, status, plan and section, due dates; combined, and
 * applied together with Enter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/browse.h"
#include "tui/ui.h"

#define CTRL(c) ((c) & 0x1f)
#define FORM_PLANS 64
#define FORM_SECTIONS 256
#define FORM_CANDIDATES 16

enum field { F_OWNER, F_RAG, F_STATUS, F_PLAN, F_SECTION, F_FROM, F_TO, NFIELDS };

static const char *const labels[NFIELDS] = {"Owner", "RAG", "Status", "Plan", "Section", "Due from", "Due by"};

/* The line under the fields says how to fill the one with the cursor. */
static const char *const tips[NFIELDS] = {
	"Any spelling or alias; Tab completes the name. Empty: anyone.",
	"r a g c, or Space and Left/Right: the set or the computed RAG is this. - : any.",
	"Space or Left/Right chooses.",
	"Space or Left/Right chooses a plan; its sections follow.",
	"Space or Left/Right: a section and the sections under it.",
	"A day: 30/09/2026, 2026-09-30 or Sep-26 (its last day). Empty: no limit.",
	"A day: 30/09/2026, 2026-09-30 or Sep-26 (its last day). Empty: no limit.",
};

static const char rag_letters[] = "RAGC";
static const char *const rag_words[] = {"any", "R  red", "A  amber", "G  green", "C  complete"};

struct form_section {
	long id;
	char code[64], title[200];
	int depth;
};

struct form {
	struct ui *ui;
	int field;
	struct ui_edit owner, from, to;
	int rag, status, plan, section; /* 0: any; else the index + 1 of the value */
	char plans[FORM_PLANS][32], plan_titles[FORM_PLANS][200];
	int nplans;
	struct form_section sec[FORM_SECTIONS];
	int nsec;
	char cand[FORM_CANDIDATES][128]; /* officers Tab offered */
	int ncand, pick;
	char error[1600];
};

/* ---- values ---- */

static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct form *f = ctx;
	if (f->nplans < FORM_PLANS) {
		snprintf(f->plans[f->nplans], sizeof f->plans[0], "%s", p->code);
		snprintf(f->plan_titles[f->nplans++], sizeof f->plan_titles[0], "%s", p->title);
	}
	return PB_OK;
}

static int keep_section(void *ctx, const struct section_row *r)
{
	struct form *f = ctx;
	if (f->nsec < FORM_SECTIONS) {
		struct form_section *s = &f->sec[f->nsec++];
		s->id = r->id;
		s->depth = r->depth;
		snprintf(s->code, sizeof s->code, "%s", r->code);
		snprintf(s->title, sizeof s->title, "%s", r->title);
	}
	return PB_OK;
}

/* Reads the sections of the chosen plan; the section goes back to any. */
static void load_sections(struct form *f)
{
	struct pb_error e = {0};
	f->nsec = 0;
	f->section = 0;
	if (f->plan && store_each_section(f->ui->store, f->plans[f->plan - 1], keep_section, f, &e) != PB_OK)
		snprintf(f->error, sizeof f->error, "%s", e.msg);
}

/* The text field of a field, or NULL for a choice. */
static struct ui_edit *edit_of(struct form *f, int field)
{
	return field == F_OWNER ? &f->owner : field == F_FROM ? &f->from : field == F_TO ? &f->to : NULL;
}

/* Moves the keys to field: text fields take typing, choices take Space and the arrows. */
static void focus(struct view *v, int field)
{
	struct form *f = v->priv;
	f->field = (field + NFIELDS) % NFIELDS;
	f->ncand = 0;
	f->ui->edit = edit_of(f, f->field);
	v->mode = f->ui->edit ? UI_MODE_TEXT : UI_MODE_CHOICE;
	if (f->field == F_OWNER)
		v->mode |= UI_MODE_COMPLETE;
}

/* Steps the choice of the current field by dir, wrapping through any. */
static void step_choice(struct form *f, int dir)
{
	int *value = f->field == F_RAG ? &f->rag : f->field == F_STATUS ? &f->status : f->field == F_PLAN ? &f->plan : &f->section;
	int count = f->field == F_RAG ? 4 : f->field == F_STATUS ? 5 : f->field == F_PLAN ? f->nplans : f->nsec;
	if (f->field == F_SECTION && !f->plan) {
		snprintf(f->error, sizeof f->error, "Choose a plan first: sections belong to a plan.");
		return;
	}
	*value = (*value + dir + count + 1) % (count + 1);
	if (f->field == F_PLAN)
		load_sections(f);
}

/* ---- keys ---- */

/* Typing: text into text fields; in choices r/a/g/c pick a RAG, - means any, Space steps. */
static int form_key(struct view *v, struct ui *ui, int key)
{
	struct form *f = v->priv;
	f->error[0] = '\0';
	if (ui->edit) {
		int r = ui_edit_insert(ui->edit, key) ? UI_REDRAW | UI_HANDLED : ui_dispatch(ui_edit_keys, v, ui, key);
		if (r)
			f->ncand = 0;
		return r;
	}
	if (key < 0x20 || key >= 0x7f || key == '?' || ui_binds(v->ops->keys, key, v->mode))
		return 0; /* ? shows the help, q closes, as the hint bar says */
	const char *letter = key != ' ' ? strchr(rag_letters, key & ~0x20) : NULL;
	if (key == ' ')
		step_choice(f, 1);
	else if (key == '-')
		*(f->field == F_RAG ? &f->rag : f->field == F_STATUS ? &f->status : f->field == F_PLAN ? &f->plan : &f->section) = 0;
	else if (f->field == F_RAG && letter)
		f->rag = (int)(letter - rag_letters) + 1;
	else
		snprintf(f->error, sizeof f->error, "Choose with Space or Left/Right here; - means any.");
	if (key == '-' && f->field == F_PLAN)
		load_sections(f);
	return UI_REDRAW | UI_HANDLED;
}

static int form_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->field + 1);
	return UI_REDRAW;
}

static int form_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->field - 1);
	return UI_REDRAW;
}

static int form_value_next(struct view *v, struct ui *ui)
{
	(void)ui;
	step_choice(v->priv, 1);
	return UI_REDRAW;
}

static int form_value_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	step_choice(v->priv, -1);
	return UI_REDRAW;
}

static int keep_candidate(void *ctx, const char *name)
{
	struct form *f = ctx;
	if (f->ncand < FORM_CANDIDATES)
		snprintf(f->cand[f->ncand++], sizeof f->cand[0], "%s", name);
	return PB_OK;
}

/* Tab in the owner field: the only officer it can be, else each in turn; with nothing typed, the next field. */
static int form_complete(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct pb_error e = {0};
	if (f->ncand > 1) {
		f->pick = (f->pick + 1) % f->ncand;
		ui_edit_set(&f->owner, f->cand[f->pick]);
		return UI_REDRAW;
	}
	if (!*f->owner.text)
		return form_next(v, ui);
	f->ncand = 0;
	f->pick = -1;
	if (store_each_officer_match(ui->store, f->owner.text, FORM_CANDIDATES, keep_candidate, f, &e) != PB_OK)
		snprintf(f->error, sizeof f->error, "%s", e.msg);
	else if (f->ncand == 0)
		snprintf(f->error, sizeof f->error, "No officer's name or alias begins \"%s\".", f->owner.text);
	else if (f->ncand == 1)
		ui_edit_set(&f->owner, f->cand[0]), f->ncand = 0;
	return UI_REDRAW;
}

/* Checks and sets every field at once; a field in error keeps the form open, with the cursor on it. */
static int form_apply(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct browse_filter out;
	struct pb_error e = {0};
	char err[300];
	memset(&out, 0, sizeof out);
	char *owner = text_trim(f->owner.text);
	f->owner.len = f->owner.cur = strlen(owner);
	if (*owner && store_find_officer(ui->store, owner, &out.owner_id, out.owner, sizeof out.owner, &e) != PB_OK) {
		snprintf(f->error, sizeof f->error, "No officer is called \"%s\"; Tab completes the names.", owner);
		focus(v, F_OWNER);
		return UI_REDRAW;
	}
	out.rag = f->rag ? rag_letters[f->rag - 1] : 0;
	if (f->status)
		snprintf(out.status, sizeof out.status, "%s", status_names[f->status - 1]);
	if (f->plan) {
		snprintf(out.plan, sizeof out.plan, "%s", f->plans[f->plan - 1]);
		snprintf(out.plan_title, sizeof out.plan_title, "%s", f->plan_titles[f->plan - 1]);
	}
	if (f->section) {
		const struct form_section *s = &f->sec[f->section - 1];
		out.section_id = s->id;
		snprintf(out.section, sizeof out.section, "%s", s->code);
		snprintf(out.section_title, sizeof out.section_title, "%s", s->title);
	}
	struct ui_edit *days[2] = {&f->from, &f->to};
	char *iso[2] = {out.due_from, out.due_to};
	for (int i = 0; i < 2; i++) {
		char *text = text_trim(days[i]->text);
		days[i]->len = days[i]->cur = strlen(text);
		if (*text && !browse_parse_day(text, i == 0, i ? "due-by date" : "due-from date", iso[i], err, sizeof err)) {
			snprintf(f->error, sizeof f->error, "%s", err);
			focus(v, i ? F_TO : F_FROM);
			return UI_REDRAW;
		}
	}
	if (*out.due_from && *out.due_to && strcmp(out.due_from, out.due_to) > 0) {
		snprintf(f->error, sizeof f->error, "Due from is after due by: nothing could match.");
		focus(v, F_FROM);
		return UI_REDRAW;
	}
	return browse_set_filter(ui, &out) | UI_BACK;
}

static int form_cancel(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

static int form_reset(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	(void)ui;
	ui_edit_set(&f->owner, "");
	ui_edit_set(&f->from, "");
	ui_edit_set(&f->to, "");
	f->rag = f->status = f->plan = f->section = 0;
	f->nsec = 0;
	return UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"apply", '\n', {'\r', KEY_ENTER}, "apply", "Apply the filter", form_apply, 0},
	{"cancel", 27, {'q'}, "cancel", "Close, leaving the filter as it was", form_cancel, 0},
	{"complete", '\t', {0}, "complete", "Complete the officer's name; again: the next one", form_complete, UI_MODE_COMPLETE},
	{"next-field", KEY_DOWN, {'\t', CTRL('N')}, "field", "Next field", form_next, 0},
	{"prev-field", KEY_UP, {KEY_BTAB, CTRL('P')}, NULL, "Previous field", form_prev, 0},
	{"next-value", KEY_RIGHT, {0}, "choose", "Next value (Space too)", form_value_next, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "Previous value", form_value_prev, UI_MODE_CHOICE},
	{"reset", CTRL('R'), {0}, NULL, "Empty every field", form_reset, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Starts from the filter the list has. */
static int form_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct browse_filter *bf = &ui->browse->cur.filter;
	struct pb_error e = {0};
	struct form *f = calloc(1, sizeof *f);
	(void)arg;
	if (!f) {
		ui_message(ui, true, "Out of memory opening the filter");
		return PB_FAIL;
	}
	v->priv = f;
	f->ui = ui;
	ui_edit_set(&f->owner, bf->owner);
	ui_edit_set(&f->from, bf->due_from);
	ui_edit_set(&f->to, bf->due_to);
	const char *r = bf->rag ? strchr(rag_letters, bf->rag) : NULL;
	f->rag = r ? (int)(r - rag_letters) + 1 : 0;
	for (int i = 0; status_names[i]; i++)
		if (strcmp(status_names[i], bf->status) == 0)
			f->status = i + 1;
	if (store_each_plan(ui->store, keep_plan, f, &e) != PB_OK)
		snprintf(f->error, sizeof f->error, "%s", e.msg);
	for (int i = 0; i < f->nplans; i++)
		if (strcmp(f->plans[i], bf->plan) == 0)
			f->plan = i + 1;
	load_sections(f);
	for (int i = 0; i < f->nsec; i++)
		if (f->sec[i].id == bf->section_id)
			f->section = i + 1;
	focus(v, F_OWNER);
	return PB_OK;
}

/* What a choice field shows. */
static void choice_text(const struct form *f, int field, bool utf8, char *out, size_t outlen)
{
	const char *dot = utf8 ? " \xC2\xB7 " : " - ";
	int i = field == F_RAG ? f->rag : field == F_STATUS ? f->status : field == F_PLAN ? f->plan : f->section;
	if (i == 0)
		snprintf(out, outlen, "any");
	else if (field == F_RAG)
		snprintf(out, outlen, "%s", rag_words[i]);
	else if (field == F_STATUS)
		snprintf(out, outlen, "%s", status_label(status_names[i - 1]));
	else if (field == F_PLAN)
		snprintf(out, outlen, "%s%s%s", f->plans[i - 1], dot, f->plan_titles[i - 1]);
	else
		snprintf(out, outlen, "%*s%s %s", 2 * f->sec[i - 1].depth, "", f->sec[i - 1].code, f->sec[i - 1].title);
}

/* The box in the middle of the area. */
static struct ui_rect box_of(const struct view *v)
{
	int w = v->area.w - 4 < 76 ? v->area.w - 4 : 76, h = NFIELDS + 5;
	return (struct ui_rect){v->area.y + (v->area.h - h) / 2, v->area.x + (v->area.w - w) / 2, h, w};
}

/* Draws a frame around r, blank inside, with a title in its top edge. */
static void draw_box(const struct ui *ui, WINDOW *w, struct ui_rect r, const char *title)
{
	for (int y = r.y; y < r.y + r.h; y++)
		ui_put(w, y, r.x, r.w, "", A_NORMAL, false);
	ui_box(ui, w, r);
	ui_put(w, r.y, r.x + 2, text_width(title), title, A_BOLD, false);
}

/* The officers Tab offered, the one put in highlighted. */
static void draw_candidates(const struct form *f, const struct ui *ui, WINDOW *w, int y, int x, int width)
{
	int at = 0;
	for (int i = 0; i < f->ncand; i++) {
		int cw = text_width(f->cand[i]);
		if (at + cw > width)
			break;
		ui_put(w, y, x + at, cw, f->cand[i], i == f->pick ? ui_attr(ui, UI_MATCH) : A_NORMAL, false);
		at += cw + 2;
	}
}

static void form_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct form *f = v->priv;
	struct ui_rect r = box_of(v);
	int vx = r.x + 12, vw = r.w - 14, cy = -1;
	char text[400];
	draw_box(ui, w, r, " Filter the list ");
	for (int i = 0; i < NFIELDS; i++) {
		int y = r.y + 1 + i;
		bool here = i == f->field;
		ui_put(w, y, r.x + 2, 10, labels[i], ui_attr(ui, UI_TITLES), false);
		struct ui_edit *ed = edit_of(f, i);
		if (ed && here) {
			cy = y;
			continue; /* drawn last, so the cursor stays in it */
		}
		if (ed)
			ui_put(w, y, vx, vw, *ed->text ? ed->text : "any", *ed->text ? A_UNDERLINE : A_UNDERLINE | A_DIM, false);
		else {
			choice_text(f, i, ui->utf8, text, sizeof text);
			ui_put(w, y, vx, vw, text, here ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
		}
	}
	int tip = r.y + NFIELDS + 2;
	if (*f->error)
		ui_put(w, tip, r.x + 2, r.w - 4, f->error, ui_attr(ui, UI_ERROR), false);
	else if (f->ncand > 1)
		draw_candidates(f, ui, w, tip, r.x + 2, r.w - 4);
	else
		ui_put(w, tip, r.x + 2, r.w - 4, tips[f->field], ui_attr(ui, UI_DIM), false);
	if (cy >= 0)
		ui_edit_draw(w, cy, vx, vw, edit_of(f, f->field), ui_attr(ui, UI_SELECTION));
}

static void form_free(struct view *v)
{
	struct form *f = v->priv;
	if (!f)
		return;
	if (f->ui->edit == &f->owner || f->ui->edit == &f->from || f->ui->edit == &f->to)
		f->ui->edit = NULL;
	free(f);
	v->priv = NULL;
}

static void form_frame(struct view *v, const struct ui *ui, struct ui_frame *fr)
{
	struct form *f = v->priv;
	(void)ui;
	snprintf(fr->info, sizeof fr->info, "Filter: %s", labels[f->field]);
	fr->position[0] = '\0';
}

const struct view_ops view_filter = {
	.name = "Filter",
	.keys = keys,
	.init = form_init,
	.draw = form_draw,
	.key = form_key,
	.resize = NULL,
	.free = form_free,
	.frame = form_frame,
	.extra_keys = ui_edit_keys,
	.overlay = true,
	.cursor = true,
};
