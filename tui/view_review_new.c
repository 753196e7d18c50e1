/* view_review_new.c — whose one-to-one review to start: a name or an alias typed with Tab completion of the officers
 * (any spelling), then Enter opens the agenda (going on with a review in progress when there is one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/review.h"
#include "tui/view_editor.h"
#include "tui/work.h"

#define BOX_WIDTH 64
#define BOX_HEIGHT 8
#define MAX_NAMES 24

struct picker {
	struct ui *ui;
	struct editor name;
	char cand[MAX_NAMES][128]; /* what Tab offered */
	int n, pick;		   /* how many; the one put in, -1 for none yet */
	char error[1100];
};

static int keep_name(void *ctx, const char *name)
{
	struct picker *p = ctx;
	if (p->n < MAX_NAMES)
		snprintf(p->cand[p->n++], sizeof p->cand[0], "%s", name);
	return PB_OK;
}

static int picker_key(struct view *v, struct ui *ui, int key)
{
	struct picker *p = v->priv;
	int r = editor_key(v, ui, key);
	if (r && p->name.changed) {
		p->n = 0;
		p->pick = -1;
		p->error[0] = '\0';
	}
	return r;
}

/* Tab: the officers whose name, a word of it or an alias begins with what is typed; the only one is put in, and
 * Tab again puts in each in turn. */
static int picker_complete(struct view *v, struct ui *ui)
{
	struct picker *p = v->priv;
	struct pb_error e = {0};
	if (p->n > 1) {
		p->pick = (p->pick + 1) % p->n;
		editor_set(&p->name, p->cand[p->pick]);
		return UI_REDRAW;
	}
	char typed[256];
	snprintf(typed, sizeof typed, "%s", editor_text(&p->name));
	p->n = 0;
	if (store_each_officer_match(ui->store, text_trim(typed), MAX_NAMES, keep_name, p, &e) != PB_OK) {
		snprintf(p->error, sizeof p->error, "%s", e.msg);
		return UI_REDRAW;
	}
	if (p->n == 0)
		snprintf(p->error, sizeof p->error, "No officer's name or alias begins with that");
	else if (p->n == 1)
		editor_set(&p->name, p->cand[0]), p->n = 0;
	p->pick = -1;
	return UI_REDRAW;
}

static int picker_start(struct view *v, struct ui *ui)
{
	struct picker *p = v->priv;
	char name[256];
	snprintf(name, sizeof name, "%s", editor_text(&p->name));
	char *typed = text_trim(name);
	if (!*typed) {
		snprintf(p->error, sizeof p->error, "Type whose review it is: a name or an alias; Tab completes");
		return UI_REDRAW;
	}
	int r = review_open_officer(ui, typed);
	if (!(r & UI_OPEN)) { /* not started: the reason stays in the form */
		snprintf(p->error, sizeof p->error, "%s", ui->message);
		ui->message[0] = '\0';
		return UI_REDRAW;
	}
	return r | UI_BACK;
}

static int picker_cancel(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"start", '\r', {'\n', KEY_ENTER}, "start", "Start (or go on with) the review of this officer", picker_start, 0},
	{"complete", '\t', {0}, "complete", "Complete the name; again: the next officer that matches", picker_complete, 0},
	{"cancel", 27, {0}, "cancel", "Close, starting nothing", picker_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

static int picker_init(struct view *v, struct ui *ui, const void *arg)
{
	struct picker *p = calloc(1, sizeof *p);
	(void)arg;
	if (!p || !editor_init(&p->name, NULL, false, 200)) {
		free(p);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	p->ui = ui;
	p->pick = -1;
	v->priv = p;
	v->mode = UI_MODE_TEXT;
	ui->editor = &p->name;
	return PB_OK;
}

static void picker_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct picker *p = v->priv;
	struct ui_rect r = work_box(v, BOX_WIDTH, BOX_HEIGHT);
	int x = r.x + 2, width = r.w - 4;
	work_frame(ui, w, r, " A one-to-one review ");
	ui_put(w, r.y + 1, x, width, "Whose review? Type a name or an alias; Tab completes it.", A_NORMAL, false);
	work_field_label(ui, w, r.y + 3, x, "Officer", true);
	if (p->n > 1) { /* the names Tab offered, the one put in highlighted */
		int at = 0;
		for (int i = 0; i < p->n && at < width; i++) {
			int cw = text_width(p->cand[i]);
			if (at + cw > width)
				break;
			ui_put(w, r.y + 4, x + at, cw, p->cand[i], i == p->pick ? ui_attr(ui, UI_MATCH) : ui_attr(ui, UI_DIM), false);
			at += cw + 2;
		}
	}
	if (*p->error)
		work_note(ui, w, r.y + 5, x, width, 2, p->error, UI_ERROR);
	else
		work_note(ui, w, r.y + 5, x, width, 2, "Enter starts it, or goes on with the one in progress.", UI_DIM);
	editor_draw(&p->name, ui, w, (struct ui_rect){r.y + 3, r.x + 13, 1, r.w - 15}, ui_attr(ui, UI_SELECTION), true, NULL);
}

static void picker_free(struct view *v)
{
	struct picker *p = v->priv;
	if (!p)
		return;
	if (p->ui->editor == &p->name)
		p->ui->editor = NULL;
	editor_free(&p->name);
	free(p);
	v->priv = NULL;
}

static void picker_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	(void)v, (void)ui;
	snprintf(f->info, sizeof f->info, "Whose one-to-one review: type a name or an alias, Tab completes, Enter starts");
	f->position[0] = '\0';
}

const struct view_ops view_review_new = {
	.name = "A new one-to-one review",
	.keys = keys,
	.init = picker_init,
	.draw = picker_draw,
	.key = picker_key,
	.free = picker_free,
	.frame = picker_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
