/* view_rag.c — setting the RAG an officer gives an action, beside the one its dates earn: a reason is required
 * whenever the two disagree, and the form says so before saving. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define BOX_WIDTH 78
#define BOX_HEIGHT 12

enum field { F_RAG, F_REASON, NFIELDS };

static const enum rag choices[] = {RAG_RED, RAG_AMBER, RAG_GREEN, RAG_COMPLETE};
#define NCHOICES ((int)(sizeof choices / sizeof choices[0]))

struct ragform {
	struct ui *ui;
	long id;
	char ref[64], label[200], computed_why[400];
	enum rag computed, was;
	int choice; /* index into choices */
	struct editor reason;
	int here;
	char error[1200];
	bool warned; /* Esc has said that a second Esc throws the typing away */
};

/* The keys go to the choice or to the reason. */
static void focus(struct view *v, int f)
{
	struct ragform *g = v->priv;
	g->here = (f + NFIELDS) % NFIELDS;
	g->ui->editor = g->here == F_REASON ? &g->reason : NULL;
	v->mode = g->here == F_REASON ? UI_MODE_TEXT : UI_MODE_CHOICE;
}

/* Whether the chosen RAG needs a reason: it differs from the computed one. */
static bool needs_reason(const struct ragform *g)
{
	return rag_mismatch(choices[g->choice], g->computed);
}

/* In the choice, r a g c pick a RAG; in the reason, typing. */
static int rag_key(struct view *v, struct ui *ui, int key)
{
	struct ragform *g = v->priv;
	if (g->here == F_REASON) {
		int r = editor_key(v, ui, key);
		if (r && g->reason.changed) {
			g->error[0] = '\0';
			g->warned = false;
		}
		return r;
	}
	for (int i = 0; i < NCHOICES; i++)
		if (key < 0x80 && (key & ~0x20) == (char)choices[i]) {
			g->choice = i;
			g->error[0] = '\0';
			return UI_HANDLED | UI_REDRAW;
		}
	if (key > ' ' && key < 0x7f && key != '?' && !ui_binds(v->ops->keys, key, v->mode)) {
		snprintf(g->error, sizeof g->error, "Choose the RAG with r, a, g or c (or Left/Right); Enter goes to the reason.");
		return UI_HANDLED | UI_REDRAW;
	}
	return 0;
}

static int rag_step(struct view *v, int dir)
{
	struct ragform *g = v->priv;
	g->choice = (g->choice + dir + NCHOICES) % NCHOICES;
	g->error[0] = '\0';
	return UI_REDRAW;
}

static int rag_right(struct view *v, struct ui *ui)
{
	(void)ui;
	return rag_step(v, 1);
}

static int rag_left(struct view *v, struct ui *ui)
{
	(void)ui;
	return rag_step(v, -1);
}

struct rag_change {
	enum rag rag;
	const char *reason;
};

static int set_rag(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct rag_change *c = ctx;
	return store_set_rag(s, *id, c->rag, c->reason, e);
}

static int rag_save(struct view *v, struct ui *ui)
{
	struct ragform *g = v->priv;
	struct pb_error e = {0};
	char what[200];
	enum rag chosen = choices[g->choice];
	if (needs_reason(g) && textedit_blank(&g->reason.t)) {
		snprintf(g->error, sizeof g->error, "A reason is required: %s differs from the computed %s; say why.",
			 rag_name(chosen), rag_name(g->computed));
		focus(v, F_REASON);
		return UI_REDRAW;
	}
	char *reason = strdup(editor_text(&g->reason));
	if (!reason) {
		snprintf(g->error, sizeof g->error, "Out of memory saving the RAG");
		return UI_REDRAW;
	}
	struct rag_change c = {chosen, text_trim(reason)};
	snprintf(what, sizeof what, "%s: RAG set to %s", g->ref, rag_name(chosen));
	int status = work_save(ui, g->id, what, set_rag, &c, &e);
	free(reason);
	if (status != PB_OK) {
		snprintf(g->error, sizeof g->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* Enter: from the choice to the reason; on the reason, save. */
static int rag_enter(struct view *v, struct ui *ui)
{
	struct ragform *g = v->priv;
	if (g->here == F_RAG) {
		focus(v, F_REASON);
		return UI_REDRAW;
	}
	return rag_save(v, ui);
}

static int rag_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct ragform *)v->priv)->here + 1);
	return UI_REDRAW;
}

/* Esc: closes; when a reason was typed, only the second Esc does. */
static int rag_cancel(struct view *v, struct ui *ui)
{
	struct ragform *g = v->priv;
	if (editor_esc_warns(&g->reason, 1, &g->warned)) {
		snprintf(g->error, sizeof g->error, "%s", EDITOR_ESC_WARNING);
		return UI_REDRAW;
	}
	ui_message(ui, false, "The RAG was left as it was");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Save the RAG and the reason", rag_save, 0},
	{"enter", '\r', {'\n', KEY_ENTER}, "next", "From the RAG to the reason; on the reason, save", rag_enter, 0},
	{"next-value", KEY_RIGHT, {' '}, "choose", "Next RAG (r a g c choose one)", rag_right, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "Previous RAG", rag_left, UI_MODE_CHOICE},
	{"next-field", '\t', {KEY_DOWN, KEY_BTAB, KEY_UP}, "field", "The other field", rag_next, 0},
	{"cancel", 27, {'q'}, "cancel", "Close, leaving the RAG as it was (when a reason was typed, press Esc twice)", rag_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is a const struct work_arg *. */
static int rag_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct work_arg *w = arg;
	struct action_detail a;
	struct pb_error e = {0};
	struct ragform *g = calloc(1, sizeof *g);
	if (!g || !editor_init(&g->reason, NULL, false, 0)) {
		free(g);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	v->priv = g;
	g->ui = ui;
	g->id = w->id;
	if (store_get_action(ui->store, g->id, &a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status;
	}
	snprintf(g->ref, sizeof g->ref, "%s", a.ref);
	work_label(&a, BOX_WIDTH - 4, g->label, sizeof g->label);
	g->computed = a.rag_computed;
	g->was = a.rag;
	struct action_row row = {.due_on = a.due_on, .rag = a.rag, .rag_computed = a.rag_computed, .revisions = a.revisions};
	store_mismatch_reason(&row, ui->today, g->computed_why, sizeof g->computed_why);
	enum rag start = a.rag != RAG_NONE ? a.rag : a.rag_computed;
	for (int i = 0; i < NCHOICES; i++)
		if (choices[i] == start)
			g->choice = i;
	editor_set(&g->reason, a.rag_reason);
	store_action_free(&a);
	focus(v, F_RAG);
	return PB_OK;
}

static void rag_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct ragform *g = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, vx = r.x + 13, vw = r.w - 15;
	char need[200];
	work_frame(ui, w, r, " Set the RAG ");
	ui_put(w, r.y + 1, x, r.w - 4, g->label, A_BOLD, false);
	work_field_label(ui, w, r.y + 2, x, "Now", false);
	ui_put(w, r.y + 2, vx, vw, g->computed_why, A_NORMAL, false);
	work_field_label(ui, w, r.y + 4, x, "RAG", g->here == F_RAG);
	int at = vx;
	for (int i = 0; i < NCHOICES; i++) {
		char item[32];
		snprintf(item, sizeof item, "[%c] %s", rag_letter(choices[i]), rag_name(choices[i]));
		attr_t a = ui_attr(ui, ui_rag_style(choices[i]));
		if (i == g->choice)
			a = ui_attr_over(ui, g->here == F_RAG ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE, ui_rag_style(choices[i]));
		ui_put(w, r.y + 4, at, text_width(item), item, a, false);
		at += text_width(item) + 2;
	}
	if (needs_reason(g))
		snprintf(need, sizeof need, "Required: %s differs from the computed %s.", rag_name(choices[g->choice]), rag_name(g->computed));
	else
		snprintf(need, sizeof need, "Optional: %s agrees with the computed RAG.", rag_name(choices[g->choice]));
	work_field_label(ui, w, r.y + 5, x, "Reason", g->here == F_REASON);
	ui_put(w, r.y + 8, vx, vw, need, ui_attr(ui, needs_reason(g) ? UI_BOLD : UI_DIM), false);
	if (*g->error)
		work_note(ui, w, r.y + 9, x, r.w - 4, 2, g->error, UI_ERROR);
	editor_draw(&g->reason, ui, w, (struct ui_rect){r.y + 5, vx, 3, vw}, g->here == F_REASON ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE,
		    g->here == F_REASON, "why the RAG is what it is");
}

static void rag_free(struct view *v)
{
	struct ragform *g = v->priv;
	if (!g)
		return;
	if (g->ui && g->ui->editor == &g->reason)
		g->ui->editor = NULL;
	editor_free(&g->reason);
	free(g);
	v->priv = NULL;
}

static void rag_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct ragform *g = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", g->here == F_RAG ? "RAG: r a g c, or Left/Right; Enter goes to the reason"
							       : "Reason: why the RAG is what it is");
	f->position[0] = '\0';
}

const struct view_ops view_rag = {
	.name = "Set the RAG",
	.keys = keys,
	.init = rag_init,
	.draw = rag_draw,
	.key = rag_key,
	.free = rag_free,
	.frame = rag_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
