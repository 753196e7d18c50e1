/* view_ask.c — a one-line question in a box over the screen: the asker says what is asked, and what Enter does with
 * the answer; an answer it refuses keeps the box open with the reason under the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/view_ask.h"
#include "tui/work.h"

#define BOX_WIDTH 72
#define MAX_QUESTION_LINES 4

struct ask {
	struct ui *ui;
	struct ask_request req;
	struct ui_edit ed;
	char err[1024];	 /* why the last answer was refused */
	char shown[512]; /* what Tab offered */
};

/* Printable bytes go into the field; the editing keys are the shared table's. */
static int ask_key(struct view *v, struct ui *ui, int key)
{
	struct ask *a = v->priv;
	(void)ui;
	if (!ui_edit_insert(&a->ed, key))
		return 0;
	a->err[0] = '\0';
	a->shown[0] = '\0';
	return UI_HANDLED | UI_REDRAW;
}

static int ask_submit(struct view *v, struct ui *ui)
{
	struct ask *a = v->priv;
	char text[sizeof a->ed.text];
	snprintf(text, sizeof text, "%s", a->ed.text);
	a->err[0] = '\0';
	int r = a->req.submit(ui, a->req.ctx, text_trim(text), a->err, sizeof a->err);
	return r | UI_REDRAW;
}

static int ask_complete(struct view *v, struct ui *ui)
{
	struct ask *a = v->priv;
	char out[sizeof a->ed.text];
	(void)ui;
	a->req.complete(a->req.ctx, a->ed.text, out, sizeof out, a->shown, sizeof a->shown);
	ui_edit_set(&a->ed, out);
	a->err[0] = '\0';
	return UI_REDRAW;
}

static int ask_cancel(struct view *v, struct ui *ui)
{
	(void)v;
	ui_message(ui, false, "Nothing was done");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"ok", '\r', {'\n', KEY_ENTER}, "ok", "Take the answer", ask_submit, 0},
	{"complete", '\t', {0}, "complete", "Complete what is typed; the candidates show under it", ask_complete, UI_MODE_COMPLETE},
	{"cancel", 27, {0}, "cancel", "Close, doing nothing", ask_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is a const struct ask_request *. */
static int ask_init(struct view *v, struct ui *ui, const void *arg)
{
	struct ask *a = calloc(1, sizeof *a);
	if (!a) {
		ui_message(ui, true, "Out of memory asking a question");
		return PB_FAIL;
	}
	a->ui = ui;
	a->req = *(const struct ask_request *)arg;
	ui_edit_set(&a->ed, a->req.initial);
	v->priv = a;
	v->mode = UI_MODE_TEXT | (a->req.complete ? UI_MODE_COMPLETE : 0);
	ui->edit = &a->ed;
	return PB_OK;
}

/* Lines the question takes wrapped at width (at most MAX_QUESTION_LINES). */
static int question_lines(const char *q, int width)
{
	int n = 0;
	for (const char *p = q ? q : "", *next; *p && n < MAX_QUESTION_LINES; p = next, n++)
		ui_wrap(p, width, &next);
	return n ? n : 1;
}

static void ask_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct ask *a = v->priv;
	char title[96];
	int inner = (BOX_WIDTH < v->area.w - 2 ? BOX_WIDTH : v->area.w - 2) - 4;
	int nq = question_lines(a->req.question, inner);
	struct ui_rect r = work_box(v, inner + 4, nq + 7);
	snprintf(title, sizeof title, " %s ", a->req.title ? a->req.title : "");
	work_frame(ui, w, r, title);
	work_note(ui, w, r.y + 1, r.x + 2, inner, nq, a->req.question ? a->req.question : "", UI_NORMAL);
	const char *below = *a->err ? a->err : *a->shown ? a->shown : a->req.hint ? a->req.hint : "";
	work_note(ui, w, r.y + nq + 3, r.x + 2, inner, 3, below, *a->err ? UI_ERROR : UI_DIM);
	ui_edit_draw(w, r.y + nq + 1, r.x + 2, inner, &a->ed, ui_attr(ui, UI_SELECTION)); /* last: the cursor stays in the field */
}

static void ask_free(struct view *v)
{
	struct ask *a = v->priv;
	if (!a)
		return;
	if (a->ui->edit == &a->ed)
		a->ui->edit = NULL;
	free(a);
	v->priv = NULL;
}

static void ask_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct ask *a = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", a->req.question ? a->req.question : "");
	f->position[0] = '\0';
}

const struct view_ops view_ask = {
	.name = "Question",
	.keys = keys,
	.init = ask_init,
	.draw = ask_draw,
	.key = ask_key,
	.free = ask_free,
	.frame = ask_frame,
	.extra_keys = ui_edit_keys,
	.overlay = true,
	.cursor = true,
};
