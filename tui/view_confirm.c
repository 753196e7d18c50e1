/* view_confirm.c — a yes/no question over the screen (before an undo: what exactly will be undone). y or Enter
 * runs what the request says; n or Esc closes, doing nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/work.h"

#define BOX_WIDTH 72

struct confirm {
	struct confirm_request req;
};

static int confirm_yes(struct view *v, struct ui *ui)
{
	struct confirm *c = v->priv;
	return c->req.run(ui, c->req.ctx) | UI_BACK | UI_REDRAW;
}

static int confirm_no(struct view *v, struct ui *ui)
{
	(void)v;
	ui_message(ui, false, "Nothing was done");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"yes", 'y', {'Y', '\r', '\n', KEY_ENTER}, "yes", "Yes: do it", confirm_yes, 0},
	{"no", 'n', {'N', 27, 'q'}, "no", "No: close, doing nothing", confirm_no, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* Any other key is answered with how to answer. */
static int confirm_key(struct view *v, struct ui *ui, int key)
{
	(void)v;
	for (const struct key_binding *b = keys; b->key; b++)
		if (ui_binding_matches(b, key, 0))
			return 0;
	if (key == KEY_F(1) || key == '?')
		return 0;
	ui_message(ui, false, "Answer y (or Enter) for yes, n (or Esc) for no");
	return UI_HANDLED | UI_REDRAW;
}

/* arg is a const struct confirm_request *. */
static int confirm_init(struct view *v, struct ui *ui, const void *arg)
{
	struct confirm *c = calloc(1, sizeof *c);
	if (!c) {
		ui_message(ui, true, "Out of memory asking a question");
		return PB_FAIL;
	}
	c->req = *(const struct confirm_request *)arg;
	v->priv = c;
	v->mode = UI_MODE_CONFIRM;
	return PB_OK;
}

/* Lines the question takes wrapped at width. */
static int question_lines(const char *q, int width)
{
	int n = 0;
	for (const char *p = q, *next; *p && n < 8; p = next, n++)
		ui_wrap(p, width, &next);
	return n ? n : 1;
}

static void confirm_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct confirm *c = v->priv;
	char title[96], line[1024], answer[128];
	int inner = (BOX_WIDTH < v->area.w - 2 ? BOX_WIDTH : v->area.w - 2) - 4;
	int nq = question_lines(c->req.question, inner);
	struct ui_rect r = work_box(v, inner + 4, nq + 4);
	snprintf(title, sizeof title, " %s ", c->req.title);
	work_frame(ui, w, r, title);
	const char *p = c->req.question, *next;
	for (int i = 0; i < nq && *p; i++, p = next) {
		size_t n = ui_wrap(p, inner, &next);
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		ui_put(w, r.y + 1 + i, r.x + 2, inner, line, A_NORMAL, false);
	}
	snprintf(answer, sizeof answer, "y %s  ·  n leave it", c->req.yes);
	ui_put(w, r.y + r.h - 2, r.x + 2, inner, answer, A_BOLD, false);
}

static void confirm_free(struct view *v)
{
	free(v->priv);
	v->priv = NULL;
}

static void confirm_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct confirm *c = v->priv;
	(void)ui;
	snprintf(f->info, sizeof f->info, "%s", c->req.question);
	f->position[0] = '\0';
}

const struct view_ops view_confirm = {
	.name = "Question",
	.keys = keys,
	.init = confirm_init,
	.draw = confirm_draw,
	.key = confirm_key,
	.free = confirm_free,
	.frame = confirm_frame,
	.overlay = true,
};
