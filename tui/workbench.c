/* workbench.c — the full-screen workbench: curses set-up, the navigator beside the stack of open views, the main
 * loop, and the one place that draws. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/text.h"
#include "store/backup.h"
#include "tui/browse.h"
#include "tui/config.h"
#include "tui/script.h"
#include "tui/ui.h"
#include "tui/view_editor.h"
#include "tui/workbench.h"

#define MAX_VIEWS 8
#define MIN_COLS 80 /* smaller than this and the screen says so instead of drawing */
#define MIN_LINES 24
#define MAX_HINTS 32
#undef CTRL /* <termios.h> has one too */
#define CTRL(c) ((c) & 0x1f)

struct workbench {
	struct ui ui;
	struct browse browse;
	struct view nav;		/* the navigator, left of the list when shown */
	bool nav_ready, nav_shown, nav_focus;
	struct view stack[MAX_VIEWS]; /* stack[0] is the action list; the top one has the keys */
	int depth;
	int lines, cols;
	bool too_small;
	bool cursor; /* the terminal cursor is shown */
	long swallowed; /* keys of a paste that arrived where there is no text to take them */
	struct script *script; /* keys from --script on an off-screen terminal instead of the user's, or NULL */
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

/* Ctrl-L: paints the whole screen again and reads everything again (another planbench may have changed it). */
static int wb_repaint(struct view *v, struct ui *ui)
{
	(void)v;
	ui->browse->filter_gen++; /* the navigator counts again */
	return UI_REPAINT | UI_REDRAW | UI_RELOAD;
}

/* Shown first on the hint bar. */
static const struct key_binding lead_keys[] = {
	{"help", '?', {KEY_F(1)}, "help", "Show the keys of this screen", wb_help, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* Shown last on the hint bar. */
static const struct key_binding tail_keys[] = {
	{"quit", 'q', {0}, "quit", "Quit planbench", wb_quit, 0},
	{"redraw", CTRL('L'), {0}, NULL, "Redraw the screen and read the database again", wb_repaint, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

static const struct key_binding *const global_keys[] = {lead_keys, tail_keys, NULL};

/* The workbench's keys while text is typed (printable keys are text then), first on the hint bar. */
static const struct key_binding typing_keys[] = {
	{"help", KEY_F(1), {0}, "help", "Show the keys of this screen", wb_help, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

const struct key_binding *const workbench_keys[] = {lead_keys, tail_keys, typing_keys, NULL};

/* ---- views ---- */

static struct view *top_view(struct workbench *wb)
{
	return &wb->stack[wb->depth - 1];
}

/* The view that fills the body: the top one that is not drawn over another. */
static int base_index(const struct workbench *wb)
{
	int i = wb->depth - 1;
	while (i > 0 && wb->stack[i].ops->overlay)
		i--;
	return i;
}

/* Whether the navigator is on screen: beside the action list when nothing covers it. */
static bool nav_visible(const struct workbench *wb)
{
	return wb->nav_ready && wb->nav_shown && base_index(wb) == 0;
}

/* The view that has the keys. */
static struct view *focused(struct workbench *wb)
{
	if (wb->depth == 1 && nav_visible(wb) && wb->nav_focus)
		return &wb->nav;
	return top_view(wb);
}

/* Whether v is the browsing screen: the navigator or the action list, whose shared keys then work. */
static bool browsing(const struct workbench *wb, const struct view *v)
{
	return v == &wb->nav || v == &wb->stack[0];
}

/* Columns of the navigator, its separator included. */
static int nav_width(const struct workbench *wb)
{
	return !wb->nav_shown ? 0 : wb->cols >= 140 ? 30 : wb->cols >= 110 ? 26 : 21;
}

/* The area a view at stack index i is drawn in: the list beside the navigator, any other the whole body. */
static struct ui_rect area_of(const struct workbench *wb, int i)
{
	int nw = i == 0 ? nav_width(wb) : 0;
	return (struct ui_rect){1, nw, wb->lines - 3, wb->cols - nw};
}

/* Reads the terminal size and gives the navigator and every open view its area. */
static void layout(struct workbench *wb)
{
	wb->lines = wb->ui.lines = LINES;
	wb->cols = wb->ui.cols = COLS;
	wb->too_small = wb->cols < MIN_COLS || wb->lines < MIN_LINES;
	if (wb->too_small)
		return; /* the views keep their old size until there is room again */
	if (wb->nav_ready) {
		wb->nav.area = (struct ui_rect){1, 0, wb->lines - 3, nav_width(wb) - 1};
		if (wb->nav_shown)
			wb->nav.ops->resize(&wb->nav, &wb->ui);
	}
	for (int i = 0; i < wb->depth; i++) {
		wb->stack[i].area = area_of(wb, i);
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
	v->area = area_of(wb, wb->depth);
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

/* Tells each view whether it has the keys. */
static void mark_focus(struct workbench *wb)
{
	struct view *f = focused(wb);
	wb->nav.focused = f == &wb->nav;
	for (int i = 0; i < wb->depth; i++)
		wb->stack[i].focused = f == &wb->stack[i];
}

/* ---- drawing: the only place that paints ---- */

/* The header: " planbench · WHERE · 9 Jun 2026", the title (cut first), its count, the filter (cut next),
 * and at the right end a READ-ONLY badge that is never cut. */
static void draw_header(struct workbench *wb, const struct ui_frame *f)
{
	const char *dot = wb->ui.utf8 ? " \xC2\xB7 " : " - ";
	const char *badge = wb->ui.read_only ? " READ-ONLY " : "";
	char left[256], title[512], filter[300], today[32];
	attr_t a = ui_attr(&wb->ui, UI_HEADER);
	date_format_human(wb->ui.today, today, sizeof today);
	snprintf(left, sizeof left, " planbench%s%s%s%s", dot, f->where, *f->where ? dot : "", today);
	ui_put(stdscr, 0, 0, wb->cols, left, a, false);
	int bw = text_width(badge), lw = text_width(left);
	if (bw)
		ui_put(stdscr, 0, wb->cols - bw, bw, badge, ui_attr(&wb->ui, UI_BADGE), false);
	int room = wb->cols - lw - 2 - bw - 1;
	snprintf(filter, sizeof filter, "%s%s", *f->filter ? "filter: " : "", f->filter);
	int cw = *f->count ? text_width(f->count) + 3 : 0; /* " (N)" */
	int fw = text_width(filter), tw = text_width(f->title);
	int gap = fw ? 2 : 0;
	if (tw + cw + gap + fw > room) { /* the title gives way first, down to 12 columns, then the filter */
		tw = room - cw - gap - fw;
		if (tw < 12 && text_width(f->title) > tw) {
			tw = text_width(f->title) < 12 ? text_width(f->title) : 12;
			fw = room - cw - gap - tw;
		}
	}
	if (fw < 10 && *filter) /* no room to say what the filter is: at least say there is one */
		fw = 0, tw = room - cw - 9, snprintf(filter, sizeof filter, "filtered");
	if (tw < 0)
		tw = 0;
	text_fit(f->title, tw, false, title, sizeof title);
	size_t l = strlen(title);
	if (*f->count && text_width(title) + cw <= room)
		snprintf(title + l, sizeof title - l, "%s(%s)", *title ? " " : "", f->count);
	int x = lw + 2;
	ui_put(stdscr, 0, x, text_width(title), title, a, false);
	x += text_width(title) + 2;
	int fr = wb->cols - bw - 1 - x;
	if (*filter && fr > 0)
		ui_put(stdscr, 0, x, text_width(filter) < fr ? text_width(filter) : fr, filter, a | A_BOLD, false);
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
	ui_put_marked(stdscr, y, 0, wb->cols - pw - 1, f->info, ui_attr(&wb->ui, UI_NORMAL), ui_attr(&wb->ui, UI_MATCH));
	if (pw)
		ui_put(stdscr, y, wb->cols - pw, pw, f->position, ui_attr(&wb->ui, UI_DIM), true);
}

/* The hint bar, from the same key tables as dispatch and help: whole items only. */
static void draw_hints(struct workbench *wb)
{
	struct view *v = focused(wb);
	const struct key_binding *tables[6];
	int nt = 0;
	bool typing = v->mode & UI_MODE_TEXT;
	tables[nt++] = typing ? typing_keys : lead_keys;
	tables[nt++] = v->ops->keys;
	if (v->ops->extra_keys)
		tables[nt++] = v->ops->extra_keys;
	if (browsing(wb, v))
		tables[nt++] = browse_keys;
	if (!typing)
		tables[nt++] = tail_keys;
	tables[nt] = NULL;
	const struct key_binding *first[3];
	int nf = 0;
	if (typing && wb->ui.editor)
		first[nf++] = editor_keys; /* the field's editing keys come before the screen's: Enter in the notes */
	first[nf++] = v->ops->keys;
	first[nf] = NULL;
	struct ui_hint h[MAX_HINTS];
	int n = ui_hints(tables, first, v->mode, wb->ui.utf8, h, MAX_HINTS);
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

/* Below 80x24: what is wrong and what to do, instead of a broken screen; each line wrapped, so a narrow terminal
 * still shows its size. */
static void draw_too_small(struct workbench *wb)
{
	char have[96], piece[96];
	snprintf(have, sizeof have, "planbench needs at least %dx%d; this terminal is %dx%d.", MIN_COLS, MIN_LINES, wb->cols, wb->lines);
	const char *lines[] = {"Terminal too small", have, "Make the window bigger (or the font smaller)."};
	int rows = 0;
	const char *p, *next;
	for (int i = 0; i < 3; i++)
		for (p = lines[i]; *p; p = next, rows++)
			ui_wrap(p, wb->cols, &next);
	int y = (wb->lines - rows) / 2 > 0 ? (wb->lines - rows) / 2 : 0;
	for (int i = 0; i < 3; i++)
		for (p = lines[i]; *p && y < wb->lines; p = next, y++) {
			size_t n = ui_wrap(p, wb->cols, &next);
			snprintf(piece, sizeof piece, "%.*s", (int)n, p);
			int w = text_width(piece) < wb->cols ? text_width(piece) : wb->cols;
			ui_put(stdscr, y, (wb->cols - w) / 2, w, piece, i == 0 ? A_BOLD : A_NORMAL, false);
		}
}

/* Paints the whole screen into stdscr and sends the difference to the terminal once. */
static void draw(struct workbench *wb)
{
	bool cursor = false;
	werase(stdscr);
	if (wb->too_small) {
		draw_too_small(wb);
	} else {
		int b = base_index(wb);
		struct view *bv = &wb->stack[b];
		struct ui_frame f;
		memset(&f, 0, sizeof f);
		if (bv->ops->frame)
			bv->ops->frame(bv, &wb->ui, &f);
		if (focused(wb) == &wb->nav)
			wb->nav.ops->frame(&wb->nav, &wb->ui, &f);
		for (int i = b + 1; i < wb->depth; i++)
			if (wb->stack[i].ops->frame)
				wb->stack[i].ops->frame(&wb->stack[i], &wb->ui, &f);
		draw_header(wb, &f);
		if (nav_visible(wb)) {
			wb->nav.ops->draw(&wb->nav, &wb->ui, stdscr);
			ui_vline(&wb->ui, stdscr, wb->nav.area.y, wb->nav.area.w, wb->nav.area.h);
		}
		bv->ops->draw(bv, &wb->ui, stdscr);
		draw_status(wb, &f);
		draw_hints(wb);
		for (int i = b + 1; i < wb->depth; i++) /* overlays last: a prompt leaves the cursor in its text */
			wb->stack[i].ops->draw(&wb->stack[i], &wb->ui, stdscr);
		cursor = top_view(wb)->ops->cursor && (wb->ui.edit || wb->ui.editor);
	}
	if (cursor != wb->cursor) {
		curs_set(cursor ? 1 : 0);
		wb->cursor = cursor;
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
	if ((r & UI_BACK) && wb->depth > 1)
		pop_view(wb);
	if (r & UI_OPEN)
		push_view(wb, wb->ui.open.ops, wb->ui.open.arg);
	if ((r & UI_HELP) && top_view(wb)->ops != &view_help)
		push_view(wb, &view_help, focused(wb));
	if (r & UI_NAV_TOGGLE) {
		wb->nav_shown = !wb->nav_shown;
		wb->nav_focus = wb->nav_focus && wb->nav_shown;
		r |= UI_RESIZE;
	}
	if ((r & UI_TO_NAV) && wb->depth == 1) {
		if (!wb->nav_shown)
			wb->nav_shown = true, r |= UI_RESIZE;
		wb->nav_focus = true;
	}
	if (r & UI_TO_LIST)
		wb->nav_focus = false;
	if (r & UI_RESIZE)
		layout(wb);
	if (r & UI_RELOAD) {
		if (wb->nav_ready)
			wb->nav.ops->reload(&wb->nav, &wb->ui);
		for (int i = 0; i < wb->depth; i++)
			if (wb->stack[i].ops->reload)
				wb->stack[i].ops->reload(&wb->stack[i], &wb->ui);
	}
	if (r & UI_REPAINT)
		clearok(curscr, TRUE);
	mark_focus(wb);
	return true;
}

/* A click or the wheel goes to the navigator or the view under it; a click there also gives it the keys. */
static int mouse(struct workbench *wb)
{
	MEVENT ev;
	struct ui_mouse m;
	if (getmouse(&ev) != OK || wb->too_small || base_index(wb) != wb->depth - 1)
		return UI_HANDLED;
	m.y = ev.y;
	m.x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		m.kind = UI_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		m.kind = UI_WHEEL_DOWN;
#endif
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		m.kind = UI_CLICK;
	else
		return UI_HANDLED;
	struct view *v = top_view(wb);
	const struct ui_rect *n = &wb->nav.area;
	if (nav_visible(wb) && m.x < n->x + n->w && m.y >= n->y && m.y < n->y + n->h)
		v = &wb->nav;
	else if (m.y < v->area.y || m.y >= v->area.y + v->area.h || m.x < v->area.x)
		return UI_HANDLED;
	if (m.kind == UI_CLICK && wb->depth == 1)
		wb->nav_focus = v == &wb->nav;
	mark_focus(wb);
	return (v->ops->mouse ? v->ops->mouse(v, &wb->ui, &m) : 0) | UI_HANDLED | UI_REDRAW;
}

/* Runs key ch: the focused view's own handling, its tables, the browsing keys, then the workbench's. */
static int dispatch(struct workbench *wb, int ch)
{
	struct view *v = focused(wb);
	int r = v->ops->key ? v->ops->key(v, &wb->ui, ch) : 0;
	if (!r)
		r = ui_dispatch(v->ops->keys, v, &wb->ui, ch);
	if (!r && v->ops->extra_keys && wb->ui.edit)
		r = ui_dispatch(v->ops->extra_keys, v, &wb->ui, ch);
	if (!r && browsing(wb, v))
		r = ui_dispatch(browse_keys, v, &wb->ui, ch);
	if (!r && (v->mode & UI_MODE_TEXT))
		r = ui_dispatch(typing_keys, v, &wb->ui, ch);
	for (int i = 0; !r && global_keys[i]; i++)
		r = ui_dispatch(global_keys[i], v, &wb->ui, ch);
	if (!r) {
		char name[32];
		ui_key_name(ch, wb->ui.utf8, name, sizeof name);
		ui_message(&wb->ui, false, "%s does nothing here; ? shows the keys", name);
	}
	return r;
}

/* The terminal's bracketed-paste marks: a paste goes to a text field whole, newlines and all; anywhere else its
 * keys are dropped rather than run as commands. Returns true when the key was taken here. */
static bool paste_key(struct workbench *wb, int ch)
{
	if (ch == UI_KEY_PASTE_BEGIN || ch == UI_KEY_PASTE_END) {
		wb->ui.pasting = ch == UI_KEY_PASTE_BEGIN;
		if (!wb->ui.pasting && wb->swallowed)
			ui_message(&wb->ui, true, "Pasted text is only taken where text is typed (u writes an update)");
		wb->swallowed = 0;
		return true;
	}
	if (wb->ui.pasting && !(focused(wb)->mode & UI_MODE_TEXT)) {
		wb->swallowed++;
		return true;
	}
	return false;
}

/* What today's backup, taken in the background, came to once it has: a notice or (the file damaged) an error on the
 * status line; true when there is one to show. */
static bool backup_news(struct workbench *wb)
{
	struct pb_error e = {0};
	size_t before = strlen(store_notice(wb->ui.store));
	if (store_backup_daily_poll(wb->ui.store, false, &e) != PB_OK) {
		ui_message(&wb->ui, true, "%s", e.msg);
		return true;
	}
	const char *notice = store_notice(wb->ui.store) + before;
	if (!*notice)
		return false;
	ui_message(&wb->ui, true, "%s", notice + (*notice == '\n'));
	return true;
}

/* The next key: from the terminal, or from the script (SCRIPT_END after its last). */
static int next_key(struct workbench *wb)
{
	return wb->script ? script_next_key(wb->script) : wgetch(stdscr);
}

/* Reads keys until quit (or the script's end): resize in the loop, then the mouse or the keys; while today's backup
 * is being taken, a look at it every quarter second. */
static void run(struct workbench *wb)
{
	int errors = 0;
	bool dirty = true;
	for (;;) {
		if (dirty)
			draw(wb);
		dirty = false;
		bool backup = store_backup_daily_running(wb->ui.store);
		if (!wb->script)
			wtimeout(stdscr, backup ? 250 : -1);
		int ch = next_key(wb);
		if (ch == SCRIPT_END)
			return;
		if (ch == ERR && backup) {
			dirty = backup_news(wb);
			continue;
		}
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
		if (paste_key(wb, ch)) {
			dirty = *wb->ui.message != '\0';
			continue;
		}
		bool had_message = *wb->ui.message;
		wb->ui.message[0] = '\0';
		int r = ch == KEY_MOUSE ? mouse(wb) : wb->too_small ? UI_HANDLED : dispatch(wb, ch);
		if (wb->too_small && (ch == 'q' || ch == CTRL('C')))
			return; /* even a tiny terminal can be left */
		if (!apply(wb, r))
			return;
		dirty = had_message || *wb->ui.message || (r & ~UI_HANDLED);
	}
}

/* Flow control off, so that Ctrl-S reaches the editor (it saves) instead of freezing the terminal; curses keeps
 * the setting as the program's mode and endwin puts the terminal back as it was. */
static void flow_control_off(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) != 0)
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
		def_prog_mode();
}

/* Gives key codes to sequences curses has no name for: the bracketed-paste marks, and Ctrl- or Alt-arrows for
 * moving by word as terminals send them (any meaning the terminal description gave them is replaced). */
static void define_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} keys[] = {
		{"\033[200~", UI_KEY_PASTE_BEGIN}, {"\033[201~", UI_KEY_PASTE_END},
		{"\033[1;5D", UI_KEY_WORD_LEFT}, {"\033[1;5C", UI_KEY_WORD_RIGHT},
		{"\033[1;3D", UI_KEY_WORD_LEFT}, {"\033[1;3C", UI_KEY_WORD_RIGHT},
		{"\033Od", UI_KEY_WORD_LEFT}, {"\033Oc", UI_KEY_WORD_RIGHT},
		{"\033b", UI_KEY_WORD_LEFT}, {"\033f", UI_KEY_WORD_RIGHT},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		define_key(keys[i].seq, 0);
		define_key(keys[i].seq, keys[i].code);
	}
}

/* Asks the terminal to mark pasted text (bracketed paste), or to stop; a script's terminal is not there to ask. */
static void bracketed_paste(const struct workbench *wb, bool on)
{
	if (wb->script)
		return;
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

/* Starts curses on the terminal; NULL with e filled when it cannot. */
static SCREEN *start_curses(struct workbench *wb, struct pb_error *e)
{
	const char *term = getenv("TERM");
	SCREEN *scr = wb->script ? script_screen(wb->script, e) : newterm(NULL, stdout, stdin);
	if (!scr && wb->script)
		return NULL;
	if (!scr) {
		pb_fail(e, PB_FAIL, "cannot open the full-screen workbench on terminal type \"%s\"; set TERM to your terminal (e.g. xterm-256color), or use the commands (planbench list, show, update)",
			term ? term : "");
		return NULL;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	flow_control_off();
	keypad(stdscr, TRUE);
	define_keys();
	bracketed_paste(wb, true);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	ui_colors_init(&wb->ui, wb->ui.settings);
	return scr;
}

int workbench_run(struct store *s, const struct workbench_opts *o, struct pb_error *e)
{
	struct workbench *wb = calloc(1, sizeof *wb);
	if (!wb)
		return pb_fail(e, PB_FAIL, "out of memory starting the workbench");
	setlocale(LC_ALL, "");
	wb->ui.store = s;
	wb->ui.who = o ? o->who : NULL;
	wb->ui.read_only = o && o->read_only;
	wb->ui.settings = o ? o->settings : NULL;
	wb->ui.today = store_today(s);
	wb->ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_set_ascii(!wb->ui.utf8);
	wb->ui.global_keys = global_keys;
	wb->ui.browse = &wb->browse;
	wb->script = o ? o->script : NULL;
	browse_init(&wb->browse, &wb->ui, wb->ui.who, BROWSE_OVERDUE, o ? o->plan : NULL);

	SCREEN *scr = start_curses(wb, e);
	if (!scr) {
		free(wb);
		return e->status;
	}
	wb->lines = wb->ui.lines = LINES;
	wb->cols = wb->ui.cols = COLS;
	wb->too_small = wb->cols < MIN_COLS || wb->lines < MIN_LINES;
	wb->nav_shown = true;
	wb->nav.ops = &view_nav;
	wb->nav.area = (struct ui_rect){1, 0, wb->lines - 3, nav_width(wb) - 1};
	wb->nav_ready = view_nav.init(&wb->nav, &wb->ui, NULL) == PB_OK;
	if (!wb->nav_ready)
		wb->nav_shown = false;
	int status = push_view(wb, &view_actions, NULL);
	if (status == PB_OK && o && o->settings && (o->settings->nproblems || o->settings->problems_dropped)) {
		config_problems_line(o->settings, o->settings_path, wb->cols, wb->ui.message, sizeof wb->ui.message);
		wb->ui.message_error = true;
	}
	if (status == PB_OK) {
		layout(wb);
		mark_focus(wb);
		run(wb);
		if (wb->script)
			script_capture(wb->script, curscr);
	} else {
		pb_fail(e, status, "%s", *wb->ui.message ? wb->ui.message : "cannot open the action list");
	}
	while (wb->depth > 0)
		pop_view(wb);
	if (wb->nav_ready)
		view_nav.free(&wb->nav);
	bracketed_paste(wb, false);
	endwin();
	delscreen(scr);
	free(wb);
	return status;
}
