/* workbench.c — the full-screen workbench: curses set-up, the stack of open views, the main loop, and the one place that draws. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/ui.h"
#include "tui/workbench.h"

#define MAX_VIEWS 4
#define MIN_COLS 40 /* smaller than this and the screen says so instead of drawing */
#define MIN_LINES 8
#define MAX_HINTS 24
#define CTRL(c) ((c) & 0x1f)

struct workbench {
	struct ui ui;
	struct view stack[MAX_VIEWS]; /* stack[depth - 1] has the keys and the screen */
	int depth;
	int lines, cols;
	bool too_small;
};

/* ---- the workbench's own keys ---- */

static int wb_help(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_HELP;
}

static int wb_quit(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_QUIT;
}

static int wb_repaint(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_REPAINT | UI_REDRAW;
}

/* Shown first on the hint bar. */
static const struct key_binding lead_keys[] = {
	{'?', {KEY_F(1)}, "help", "Show the keys of this screen", wb_help, 0},
	{0, {0}, NULL, NULL, NULL, 0},
};

/* Shown last on the hint bar. */
static const struct key_binding tail_keys[] = {
	{'q', {0}, "quit", "Quit planbench", wb_quit, 0},
	{CTRL('L'), {0}, NULL, "Redraw the screen", wb_repaint, 0},
	{0, {0}, NULL, NULL, NULL, 0},
};

static const struct key_binding *const global_keys[] = {lead_keys, tail_keys, NULL};

/* ---- views ---- */

static struct view *top_view(struct workbench *wb)
{
	return &wb->stack[wb->depth - 1];
}

/* The area between the header line and the status and hint lines. */
static struct ui_rect body_area(const struct workbench *wb)
{
	return (struct ui_rect){1, 0, wb->lines - 3, wb->cols};
}

/* Reads the terminal size and gives every open view its area. */
static void layout(struct workbench *wb)
{
	wb->lines = LINES;
	wb->cols = COLS;
	wb->too_small = wb->cols < MIN_COLS || wb->lines < MIN_LINES;
	if (wb->too_small)
		return; /* the views keep their old size until there is room again */
	for (int i = 0; i < wb->depth; i++) {
		wb->stack[i].area = body_area(wb);
		if (wb->stack[i].ops->resize)
			wb->stack[i].ops->resize(&wb->stack[i], &wb->ui);
	}
}

/* Opens a view on top; a failure is left on the status line. */
static int push_view(struct workbench *wb, const struct view_ops *ops, const void *arg)
{
	if (wb->depth == MAX_VIEWS) {
		ui_message(&wb->ui, true, "Too many screens open; Esc closes one");
		return PB_FAIL;
	}
	struct view *v = &wb->stack[wb->depth];
	memset(v, 0, sizeof *v);
	v->ops = ops;
	v->area = body_area(wb);
	int status = ops->init(v, &wb->ui, arg);
	if (status != PB_OK) {
		if (ops->free)
			ops->free(v);
		return status;
	}
	wb->depth++;
	if (!wb->too_small && ops->resize)
		ops->resize(v, &wb->ui);
	return PB_OK;
}

/* Closes the top view. */
static void pop_view(struct workbench *wb)
{
	struct view *v = top_view(wb);
	if (v->ops->free)
		v->ops->free(v);
	wb->depth--;
}

/* ---- drawing: the only place that paints ---- */

/* The header: " planbench · WHERE · 9 Jun 2026" and, on the right, the title cut to fit and the count. */
static void draw_header(struct workbench *wb, const struct ui_frame *f)
{
	const char *dot = wb->ui.utf8 ? " \xC2\xB7 " : " - ";
	char left[256], right[640], title[512], today[32];
	attr_t a = ui_attr(&wb->ui, UI_HEADER);
	date_format_human(wb->ui.today, today, sizeof today);
	snprintf(left, sizeof left, " planbench%s%s%s%s", dot, *f->where ? f->where : "", *f->where ? dot : "", today);
	int lw = text_width(left);
	ui_put(stdscr, 0, 0, wb->cols, left, a, false);
	int room = wb->cols - lw - 3; /* two spaces after the left part, one at the end */
	int cw = text_width(f->count), dw = text_width(dot);
	if (*f->title && room - cw - dw >= 8) {
		text_fit(f->title, room - (*f->count ? cw + dw : 0), false, title, sizeof title);
		snprintf(right, sizeof right, "%s%s%s", title, *f->count ? dot : "", f->count);
	} else if (cw <= room) {
		snprintf(right, sizeof right, "%s", f->count);
	} else {
		return; /* no room: the count is left out rather than cut */
	}
	ui_put(stdscr, 0, lw + 2, room, right, a, true);
}

/* The status line: the message when there is one, else the view's info and position. */
static void draw_status(struct workbench *wb, const struct ui_frame *f)
{
	int y = wb->lines - 2;
	if (*wb->ui.message) {
		ui_put(stdscr, y, 0, wb->cols, wb->ui.message, ui_attr(&wb->ui, wb->ui.message_error ? UI_ERROR : UI_NORMAL), false);
		return;
	}
	int pw = text_width(f->position);
	if (pw + 1 >= wb->cols)
		pw = 0;
	ui_put(stdscr, y, 0, wb->cols - pw - 1, f->info, ui_attr(&wb->ui, UI_NORMAL), false);
	if (pw)
		ui_put(stdscr, y, wb->cols - pw, pw, f->position, ui_attr(&wb->ui, UI_DIM), true);
}

/* The hint bar, from the same key tables as dispatch and help: whole items only. */
static void draw_hints(struct workbench *wb)
{
	struct view *v = top_view(wb);
	const struct key_binding *const tables[] = {lead_keys, v->ops->keys, tail_keys, NULL};
	struct ui_hint h[MAX_HINTS];
	int n = ui_hints(tables, v->ops->keys, v->mode, wb->ui.utf8, h, MAX_HINTS);
	int x = 1, y = wb->lines - 1;
	for (int i = 0; i < n; i++) {
		int kw = text_width(h[i].keys), gap = h[i].glue ? 0 : 1, ww = text_width(h[i].word);
		if (x + kw + gap + ww > wb->cols)
			break;
		ui_put(stdscr, y, x, kw, h[i].keys, ui_attr(&wb->ui, UI_KEY), false);
		ui_put(stdscr, y, x + kw + gap, ww, h[i].word, A_NORMAL, false);
		x += kw + gap + ww + 2;
	}
}

/* Paints the whole screen into stdscr and sends the difference to the terminal once. */
static void draw(struct workbench *wb)
{
	werase(stdscr);
	if (wb->too_small) {
		char need[64];
		snprintf(need, sizeof need, "need %dx%d, have %dx%d", MIN_COLS, MIN_LINES, wb->cols, wb->lines);
		int y = wb->lines / 2 - 1 > 0 ? wb->lines / 2 - 1 : 0;
		ui_put(stdscr, y, 0, wb->cols, "Terminal too small", A_BOLD, false);
		if (y + 1 < wb->lines)
			ui_put(stdscr, y + 1, 0, wb->cols, need, A_NORMAL, false);
	} else {
		struct view *v = top_view(wb);
		struct ui_frame f;
		memset(&f, 0, sizeof f);
		if (v->ops->frame)
			v->ops->frame(v, &wb->ui, &f);
		draw_header(wb, &f);
		v->ops->draw(v, &wb->ui, stdscr);
		draw_status(wb, &f);
		draw_hints(wb);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- the loop ---- */

/* Acts on what a handler returned; false when the workbench should end. */
static bool apply(struct workbench *wb, int r)
{
	if (r & UI_QUIT)
		return false;
	if (r & UI_BACK) {
		if (wb->depth > 1)
			pop_view(wb);
	}
	if ((r & UI_HELP) && top_view(wb)->ops != &view_help)
		push_view(wb, &view_help, top_view(wb));
	if (r & UI_RESIZE)
		layout(wb);
	if (r & UI_REPAINT)
		clearok(curscr, TRUE);
	return true;
}

/* Reads keys until quit: resize in the loop, the top view's keys, then the workbench's. */
static void run(struct workbench *wb)
{
	int errors = 0;
	bool dirty = true;
	for (;;) {
		if (dirty)
			draw(wb);
		dirty = false;
		int ch = wgetch(stdscr);
		if (ch == ERR) {
			if (++errors > 100) /* the terminal has gone away */
				return;
			continue;
		}
		errors = 0;
		if (ch == KEY_RESIZE) {
			layout(wb);
			dirty = true;
			continue;
		}
		bool had_message = *wb->ui.message;
		wb->ui.message[0] = '\0';
		struct view *v = top_view(wb);
		int r = v->ops->key ? v->ops->key(v, &wb->ui, ch) : 0;
		if (!r)
			r = ui_dispatch(v->ops->keys, v, &wb->ui, ch);
		for (int i = 0; !r && global_keys[i]; i++)
			r = ui_dispatch(global_keys[i], v, &wb->ui, ch);
		if (!r) {
			char name[32];
			ui_key_name(ch, wb->ui.utf8, name, sizeof name);
			ui_message(&wb->ui, false, "%s does nothing here; ? shows the keys", name);
		}
		if (!apply(wb, r))
			return;
		dirty = had_message || *wb->ui.message || (r & ~UI_HANDLED);
	}
}

/* Starts curses on the terminal; NULL with e filled when it cannot. */
static SCREEN *start_curses(struct workbench *wb, struct pb_error *e)
{
	const char *term = getenv("TERM");
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		pb_fail(e, PB_FAIL, "cannot open the full-screen workbench on terminal type \"%s\"; set TERM to your terminal (e.g. xterm-256color), or use the commands (planbench list, show, update)",
			term ? term : "");
		return NULL;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	const char *no_color = getenv("NO_COLOR");
	if (has_colors() && !(no_color && *no_color)) {
		start_color();
		ui_colors_init(use_default_colors() == OK);
		wb->ui.color = true;
	}
	return scr;
}

int workbench_run(struct store *s, const struct workbench_opts *o, struct pb_error *e)
{
	struct workbench wb;
	memset(&wb, 0, sizeof wb);
	setlocale(LC_ALL, "");
	wb.ui.store = s;
	wb.ui.who = o ? o->who : NULL;
	wb.ui.today = store_today(s);
	wb.ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	wb.ui.global_keys = global_keys;

	SCREEN *scr = start_curses(&wb, e);
	if (!scr)
		return e->status;
	wb.lines = LINES;
	wb.cols = COLS;
	wb.too_small = wb.cols < MIN_COLS || wb.lines < MIN_LINES;
	int status = push_view(&wb, &view_actions, o ? o->plan : NULL);
	if (status == PB_OK)
		run(&wb);
	else
		pb_fail(e, status, "%s", *wb.ui.message ? wb.ui.message : "cannot open the plan actions");
	while (wb.depth > 0)
		pop_view(&wb);
	endwin();
	delscreen(scr);
	return status;
}
