/* view_status.c — the status picker: the five statuses, the action's own marked; Enter (or its number) sets one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "core/text.h"
#include "tui/work.h"

#define NSTATUS 5
#define BOX_WIDTH 60

struct picker {
	long id;
	char ref[64], label[200];
	int was;  /* the action's status, -1 for none */
	int here; /* the status the cursor is on */
	char error[1200];
};

static int pick_move(struct view *v, int dir)
{
	struct picker *p = v->priv;
	p->here = (p->here + dir + NSTATUS) % NSTATUS;
	return UI_REDRAW;
}

static int pick_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return pick_move(v, 1);
}

static int pick_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return pick_move(v, -1);
}

static int set_status(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	return store_set_status(s, *id, ctx, e);
}

static int pick_save(struct view *v, struct ui *ui)
{
	struct picker *p = v->priv;
	struct pb_error e = {0};
	char what[200];
	snprintf(what, sizeof what, "%s: status set to %s", p->ref, status_label(status_names[p->here]));
	if (work_save(ui, p->id, what, set_status, status_names[p->here], &e) != PB_OK) {
		snprintf(p->error, sizeof p->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* 1 to 5 choose a status and set it. */
static int pick_key(struct view *v, struct ui *ui, int key)
{
	struct picker *p = v->priv;
	if (key >= '1' && key < '1' + NSTATUS) {
		p->here = key - '1';
		return pick_save(v, ui) | UI_HANDLED;
	}
	return 0;
}

static int pick_cancel(struct view *v, struct ui *ui)
{
	(void)v;
	ui_message(ui, false, "The status was left as it was");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN, '\t'}, "move", "Next status", pick_down, 0},
	{"up", 'k', {KEY_UP, KEY_BTAB}, "move", "Previous status", pick_up, 0},
	{"set", '\r', {'\n', KEY_ENTER, KEY_F(2)}, "set", "Set this status (1 to 5 set one at once)", pick_save, 0},
	{"cancel", 27, {'q'}, "cancel", "Close, leaving the status as it was", pick_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is a const struct work_arg *. */
static int pick_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct work_arg *w = arg;
	struct action_detail a;
	struct pb_error e = {0};
	struct picker *p = calloc(1, sizeof *p);
	if (!p) {
		ui_message(ui, true, "Out of memory opening the status picker");
		return PB_FAIL;
	}
	v->priv = p;
	p->id = w->id;
	if (store_get_action(ui->store, p->id, &a, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status;
	}
	snprintf(p->ref, sizeof p->ref, "%s", a.ref);
	work_label(&a, BOX_WIDTH - 4, p->label, sizeof p->label);
	p->was = -1;
	for (int i = 0; i < NSTATUS; i++)
		if (strcmp(status_names[i], a.status) == 0)
			p->was = i;
	p->here = p->was >= 0 ? p->was : 0;
	store_action_free(&a);
	return PB_OK;
}

static void pick_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct picker *p = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, NSTATUS + 7);
	work_frame(ui, w, r, " Set the status ");
	ui_put(w, r.y + 1, r.x + 2, r.w - 4, p->label, A_BOLD, false);
	for (int i = 0; i < NSTATUS; i++) {
		char line[96];
		snprintf(line, sizeof line, "%d  %-14s%s", i + 1, status_label(status_names[i]), i == p->was ? "(now)" : "");
		ui_put(w, r.y + 3 + i, r.x + 4, r.w - 8, line, i == p->here ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
	}
	if (*p->error)
		work_note(ui, w, r.y + r.h - 3, r.x + 2, r.w - 4, 2, p->error, UI_ERROR);
	else if (p->here == 3)
		work_note(ui, w, r.y + r.h - 3, r.x + 2, r.w - 4, 2, "Complete: completed today (c chooses the day)", UI_DIM);
}

static void pick_free(struct view *v)
{
	free(v->priv);
	v->priv = NULL;
}

static void pick_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	(void)v, (void)ui;
	snprintf(f->info, sizeof f->info, "Status: j/k choose, Enter sets it");
	f->position[0] = '\0';
}

const struct view_ops view_status = {
	.name = "Set the status",
	.keys = keys,
	.init = pick_init,
	.draw = pick_draw,
	.key = pick_key,
	.free = pick_free,
	.frame = pick_frame,
	.overlay = true,
};
