/* view_editor.c — the text editor: a multi-line UTF-8 field every form uses (cursor keys, Home/End, words, word
 * wrap by display width, paste), and the editor view for a note: F2 or Ctrl-S saves, Esc asks before throwing typed
 * text away, and the text stays on screen through a resize or a save that fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/view_editor.h"

#define CTRL(c) ((c) & 0x1f)
#define DEFAULT_WIDTH 60 /* lines for keys that arrive before the field is first drawn */

/* ---- the field ---- */

bool editor_init(struct editor *ed, const char *text, bool multiline, size_t max)
{
	memset(ed, 0, sizeof *ed);
	if (!textedit_init(&ed->t, text, max))
		return false;
	ed->multiline = multiline;
	ed->stale = true;
	return true;
}

void editor_free(struct editor *ed)
{
	textedit_free(&ed->t);
	free(ed->lines);
	memset(ed, 0, sizeof *ed);
}

bool editor_fields_init(const struct editor_fields *fs, bool (*multi)(int), size_t (*max)(int))
{
	bool ok = true;
	for (int i = 0; ok && i < fs->n; i++)
		ok = editor_init(&fs->field[i], NULL, multi(i), max(i));
	return ok;
}

void editor_fields_filled(const struct editor_fields *fs)
{
	for (int i = 0; i < fs->n; i++) {
		free(fs->was[i]);
		fs->was[i] = strdup(editor_text(&fs->field[i]));
		fs->field[i].changed = false;
	}
}

bool editor_field_differs(const struct editor_fields *fs, int i)
{
	return strcmp(editor_text(&fs->field[i]), fs->was[i] ? fs->was[i] : "") != 0;
}

void editor_fields_free(const struct editor_fields *fs, struct ui *ui)
{
	editor_release(fs->field, fs->n, ui);
	for (int i = 0; i < fs->n; i++) {
		free(fs->was[i]);
		fs->was[i] = NULL;
	}
}

bool editor_esc_warns(const struct editor *field, int n, bool *warned)
{
	bool typed = false;
	for (int i = 0; i < n; i++)
		typed = typed || field[i].changed;
	if (!typed || *warned)
		return false;
	*warned = true;
	return true;
}

void editor_release(struct editor *field, int n, struct ui *ui)
{
	for (int i = 0; i < n; i++) {
		if (ui && ui->editor == &field[i])
			ui->editor = NULL;
		editor_free(&field[i]);
	}
}

void editor_draw_fields(struct editor *field, int n, int here, const struct ui *ui, WINDOW *w, const struct ui_rect *at,
			const char *const *placeholder)
{
	for (int i = 0; i < n; i++)
		if (i != here)
			editor_draw(&field[i], ui, w, at[i], A_UNDERLINE, false, placeholder ? placeholder[i] : NULL);
	editor_draw(&field[here], ui, w, at[here], ui_attr(ui, UI_SELECTION), true, NULL);
}

const char *editor_text(const struct editor *ed)
{
	return ed->t.text ? ed->t.text : "";
}

void editor_set(struct editor *ed, const char *text)
{
	textedit_set(&ed->t, text);
	ed->stale = true;
	ed->changed = false;
	ed->top = 0;
}

bool editor_blank(const struct editor *ed)
{
	return textedit_blank(&ed->t);
}

void editor_position(const struct editor *ed, int *line, int *col)
{
	size_t start = 0;
	*line = 1;
	for (size_t i = 0; i < ed->t.cur; i++)
		if (ed->t.text[i] == '\n')
			(*line)++, start = i + 1;
	char *before = strndup(ed->t.text + start, ed->t.cur - start);
	*col = 1 + (before ? text_width(before) : 0);
	free(before);
}

/* Wraps the text at width unless it already is; false when out of memory (the old lines stay). */
static bool layout(struct editor *ed, int width)
{
	if (width < 1)
		width = 1;
	if (!ed->stale && ed->width == width && ed->lines)
		return true;
	size_t n = textedit_wrap(ed->t.text, ed->t.len, width, NULL, 0);
	if (n > ed->cap) {
		struct textedit_line *l = realloc(ed->lines, n * sizeof *l);
		if (!l)
			return false;
		ed->lines = l;
		ed->cap = n;
	}
	ed->nlines = textedit_wrap(ed->t.text, ed->t.len, width, ed->lines, ed->cap);
	ed->width = width;
	ed->stale = false;
	return true;
}

/* After the text changed. */
static int edited(struct editor *ed)
{
	ed->changed = true;
	ed->stale = true;
	return UI_REDRAW;
}

int editor_key(struct view *v, struct ui *ui, int key)
{
	struct editor *ed = ui->editor;
	if (!ed)
		return 0;
	if (ui->pasting && (key == '\r' || key == '\n' || key == KEY_ENTER || key == '\t')) {
		textedit_feed(&ed->t, key == '\t' ? '\t' : ed->multiline ? '\n' : ' ');
		return edited(ed) | UI_HANDLED;
	}
	if (key >= 0x20 && key <= 0xff && key != 0x7f && textedit_feed(&ed->t, key))
		return edited(ed) | UI_HANDLED;
	return ui_dispatch(editor_keys, v, ui, key);
}

/* Draws one wrapped line's text (its '\n' left out) at (y, x), width columns. */
static void draw_line(const struct editor *ed, WINDOW *w, int y, int x, int width, size_t i, attr_t attr)
{
	const struct textedit_line *l = &ed->lines[i];
	size_t n = l->end - l->start;
	char buf[4096];
	if (n > 0 && ed->t.text[l->start + n - 1] == '\n')
		n--;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, ed->t.text + l->start, n);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == ' ' && text_width(buf) > width)
		buf[--n] = '\0'; /* the spaces where a line wraps may pass the edge */
	ui_put(w, y, x, width, buf, attr, false);
}

void editor_draw(struct editor *ed, const struct ui *ui, WINDOW *w, struct ui_rect r, attr_t attr, bool focus,
		 const char *placeholder)
{
	size_t row = 0;
	int col = 0;
	if (r.w < 2 || r.h < 1 || !layout(ed, r.w - 1))
		return;
	textedit_locate(ed->t.text, ed->lines, ed->nlines, ed->t.cur, &row, &col);
	size_t rows = (size_t)r.h;
	if (ed->top + rows > ed->nlines)
		ed->top = ed->nlines > rows ? ed->nlines - rows : 0;
	if (row < ed->top)
		ed->top = row;
	if (row >= ed->top + rows)
		ed->top = row - rows + 1;
	ed->rows = r.h;
	for (size_t i = 0; i < rows; i++) {
		if (ed->top + i < ed->nlines)
			draw_line(ed, w, r.y + (int)i, r.x, r.w, ed->top + i, attr);
		else
			ui_put(w, r.y + (int)i, r.x, r.w, "", attr, false);
	}
	if (!focus && placeholder && textedit_blank(&ed->t))
		ui_put(w, r.y, r.x, r.w, placeholder, attr | ui_attr(ui, UI_DIM), false);
	if (focus)
		wmove(w, r.y + (int)(row - ed->top), r.x + (col < r.w - 1 ? col : r.w - 1));
}

/* ---- the editing keys, on ui->editor ---- */

static int ek_left(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_left(&ui->editor->t);
	return UI_REDRAW;
}

static int ek_right(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_right(&ui->editor->t);
	return UI_REDRAW;
}

static int ek_word_left(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_word_left(&ui->editor->t);
	return UI_REDRAW;
}

static int ek_word_right(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_word_right(&ui->editor->t);
	return UI_REDRAW;
}

static int ek_home(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_home(&ui->editor->t);
	return UI_REDRAW;
}

static int ek_end(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_end(&ui->editor->t);
	return UI_REDRAW;
}

/* Moves the cursor by rows wrapped lines. */
static int vertical(struct ui *ui, long rows)
{
	struct editor *ed = ui->editor;
	if (layout(ed, ed->width ? ed->width : DEFAULT_WIDTH))
		textedit_vertical(&ed->t, ed->lines, ed->nlines, rows);
	return UI_REDRAW;
}

static int ek_up(struct view *v, struct ui *ui)
{
	(void)v;
	return vertical(ui, -1);
}

static int ek_down(struct view *v, struct ui *ui)
{
	(void)v;
	return vertical(ui, 1);
}

static int ek_page_up(struct view *v, struct ui *ui)
{
	(void)v;
	return vertical(ui, -(ui->editor->rows > 2 ? ui->editor->rows - 1 : 1));
}

static int ek_page_down(struct view *v, struct ui *ui)
{
	(void)v;
	return vertical(ui, ui->editor->rows > 2 ? ui->editor->rows - 1 : 1);
}

static int ek_newline(struct view *v, struct ui *ui)
{
	(void)v;
	textedit_feed(&ui->editor->t, '\n');
	return edited(ui->editor);
}

static int ek_backspace(struct view *v, struct ui *ui)
{
	(void)v;
	return textedit_backspace(&ui->editor->t) ? edited(ui->editor) : UI_REDRAW;
}

static int ek_delete(struct view *v, struct ui *ui)
{
	(void)v;
	return textedit_delete(&ui->editor->t) ? edited(ui->editor) : UI_REDRAW;
}

static int ek_delete_word(struct view *v, struct ui *ui)
{
	(void)v;
	return textedit_delete_word(&ui->editor->t) ? edited(ui->editor) : UI_REDRAW;
}

static int ek_kill_start(struct view *v, struct ui *ui)
{
	(void)v;
	return textedit_kill_start(&ui->editor->t) ? edited(ui->editor) : UI_REDRAW;
}

static int ek_kill_end(struct view *v, struct ui *ui)
{
	(void)v;
	return textedit_kill_end(&ui->editor->t) ? edited(ui->editor) : UI_REDRAW;
}

const struct key_binding editor_keys[] = {
	{"left", KEY_LEFT, {CTRL('B')}, NULL, "Move the cursor left a character", ek_left, UI_MODE_TEXT},
	{"right", KEY_RIGHT, {CTRL('F')}, NULL, "Move the cursor right a character", ek_right, UI_MODE_TEXT},
	{"word-left", UI_KEY_WORD_LEFT, {0}, NULL, "Move to the start of the word (Alt-b too)", ek_word_left, UI_MODE_TEXT},
	{"word-right", UI_KEY_WORD_RIGHT, {0}, NULL, "Move past the end of the word (Alt-f too)", ek_word_right, UI_MODE_TEXT},
	{"up", KEY_UP, {CTRL('P')}, NULL, "Move up a line (as the text is shown)", ek_up, UI_MODE_LINES},
	{"down", KEY_DOWN, {CTRL('N')}, NULL, "Move down a line", ek_down, UI_MODE_LINES},
	{"page-up", KEY_PPAGE, {0}, NULL, "Move up a page", ek_page_up, UI_MODE_LINES},
	{"page-down", KEY_NPAGE, {0}, NULL, "Move down a page", ek_page_down, UI_MODE_LINES},
	{"home", KEY_HOME, {CTRL('A')}, NULL, "Go to the start of the line", ek_home, UI_MODE_TEXT},
	{"end", KEY_END, {CTRL('E')}, NULL, "Go to the end of the line", ek_end, UI_MODE_TEXT},
	{"newline", '\r', {'\n', KEY_ENTER}, NULL, "Start a new line", ek_newline, UI_MODE_LINES},
	{"backspace", KEY_BACKSPACE, {127, CTRL('H')}, NULL, "Delete the character before the cursor", ek_backspace, UI_MODE_TEXT},
	{"delete", KEY_DC, {CTRL('D')}, NULL, "Delete the character under the cursor", ek_delete, UI_MODE_TEXT},
	{"delete-word", CTRL('W'), {0}, NULL, "Delete the word before the cursor", ek_delete_word, UI_MODE_TEXT},
	{"kill-start", CTRL('U'), {0}, NULL, "Delete from the start of the line to the cursor", ek_kill_start, UI_MODE_TEXT},
	{"kill-end", CTRL('K'), {0}, NULL, "Delete to the end of the line (at its end: join the next)", ek_kill_end, UI_MODE_TEXT},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- the editor view: a note ---- */

struct note {
	struct ui *ui;
	struct editor ed;
	char title[200], about[800], footer[400];
	int (*save)(struct ui *ui, const void *ctx, const char *text, struct pb_error *e);
	const void *ctx;
	char error[1200]; /* why the last save failed, shown until the text changes */
	bool asking;	  /* Esc asked whether to throw the typed text away */
};

/* The keys go to the text, or to the question. */
static void set_mode(struct view *v)
{
	struct note *n = v->priv;
	v->mode = n->asking ? UI_MODE_CONFIRM : UI_MODE_TEXT | UI_MODE_LINES;
	n->ui->editor = n->asking ? NULL : &n->ed;
}

static int note_key(struct view *v, struct ui *ui, int key)
{
	struct note *n = v->priv;
	if (n->asking) {
		if (key == 'y' || key == 'Y' || key == 'n' || key == 'N' || key == 'q' || key == 27)
			return 0; /* the key table answers */
		ui_message(ui, false, "Answer y to throw the text away, or n to go back to it");
		return UI_HANDLED | UI_REDRAW;
	}
	int r = editor_key(v, ui, key);
	if (r && n->ed.changed)
		n->error[0] = '\0';
	return r;
}

static int note_save(struct view *v, struct ui *ui)
{
	struct note *n = v->priv;
	struct pb_error e = {0};
	if (editor_blank(&n->ed)) {
		snprintf(n->error, sizeof n->error, "Nothing to save yet: write what happened, or Esc to close.");
		return UI_REDRAW;
	}
	if (n->save(ui, n->ctx, editor_text(&n->ed), &e) != PB_OK) {
		snprintf(n->error, sizeof n->error, "Not saved; your text is kept and F2 tries again. %s", e.msg);
		ui_message(ui, true, "Not saved: %s", e.msg);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static int note_cancel(struct view *v, struct ui *ui)
{
	struct note *n = v->priv;
	(void)ui;
	if (editor_blank(&n->ed) || !n->ed.changed)
		return UI_BACK | UI_REDRAW;
	n->asking = true;
	set_mode(v);
	return UI_REDRAW;
}

static int note_discard(struct view *v, struct ui *ui)
{
	(void)v;
	ui_message(ui, false, "The text was thrown away; nothing was saved");
	return UI_BACK | UI_REDRAW;
}

static int note_keep(struct view *v, struct ui *ui)
{
	struct note *n = v->priv;
	(void)ui;
	n->asking = false;
	set_mode(v);
	return UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {0}, "save", "Save the text", note_save, UI_MODE_TEXT},
	{"save", CTRL('S'), {0}, "save", "Save the text (flow control is off, so Ctrl-S reaches planbench)", note_save, UI_MODE_TEXT},
	{"cancel", 27, {0}, "cancel", "Close; when text has been typed, asks first", note_cancel, UI_MODE_TEXT},
	{"discard", 'y', {'Y'}, "discard", "Throw the typed text away and close", note_discard, UI_MODE_CONFIRM},
	{"keep", 'n', {'N', 27, 'q'}, "keep", "Go back to the text", note_keep, UI_MODE_CONFIRM},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is a const struct editor_request *. */
static int note_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct editor_request *req = arg;
	struct note *n = calloc(1, sizeof *n);
	if (!n || !editor_init(&n->ed, req->initial, true, 0)) {
		free(n);
		ui_message(ui, true, "Out of memory opening the editor");
		return PB_FAIL;
	}
	n->ui = ui;
	snprintf(n->title, sizeof n->title, "%s", req->title ? req->title : "Text");
	snprintf(n->about, sizeof n->about, "%s", req->about ? req->about : "");
	snprintf(n->footer, sizeof n->footer, "%s", req->footer ? req->footer : "");
	n->save = req->save;
	n->ctx = req->ctx;
	v->priv = n;
	set_mode(v);
	return PB_OK;
}

static void note_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct note *n = v->priv;
	struct ui_rect r = v->area;
	char title[300];
	if (r.w < 20 || r.h < 8)
		return;
	snprintf(title, sizeof title, " %s ", n->title);
	for (int y = r.y; y < r.y + r.h; y++)
		ui_put(w, y, r.x, r.w, "", A_NORMAL, false);
	ui_box(ui, w, r);
	ui_put(w, r.y, r.x + 2, text_width(title) < r.w - 4 ? text_width(title) : r.w - 4, title, A_BOLD, false);
	ui_put(w, r.y + 1, r.x + 2, r.w - 4, n->about, A_BOLD, false);
	ui_hline(ui, w, r.y + 2, r.x + 1, r.w - 2);
	int bottom = r.y + r.h - 3; /* two lines for how it is saved, or why it was not */
	ui_hline(ui, w, bottom - 1, r.x + 1, r.w - 2);
	if (n->asking) {
		ui_put(w, bottom, r.x + 2, r.w - 4, "Throw away the text you typed? y throws it away, n goes back to it",
		       ui_attr(ui, UI_ERROR), false);
	} else if (*n->error) {
		const char *next;
		size_t len = ui_wrap(n->error, r.w - 4, &next);
		char first[1200];
		snprintf(first, sizeof first, "%.*s", (int)len, n->error);
		ui_put(w, bottom, r.x + 2, r.w - 4, first, ui_attr(ui, UI_ERROR), false);
		ui_put(w, bottom + 1, r.x + 2, r.w - 4, next, ui_attr(ui, UI_ERROR), false);
	} else {
		ui_put(w, bottom, r.x + 2, r.w - 4, n->footer, ui_attr(ui, UI_DIM), false);
	}
	struct ui_rect text = {r.y + 3, r.x + 2, bottom - 1 - (r.y + 3), r.w - 3};
	editor_draw(&n->ed, ui, w, text, A_NORMAL, !n->asking, "Write what happened and what happens next.");
}

static void note_free(struct view *v)
{
	struct note *n = v->priv;
	if (!n)
		return;
	if (n->ui->editor == &n->ed)
		n->ui->editor = NULL;
	editor_free(&n->ed);
	free(n);
	v->priv = NULL;
}

static void note_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct note *n = v->priv;
	int line, col;
	(void)ui;
	editor_position(&n->ed, &line, &col);
	snprintf(f->title, sizeof f->title, "%s", n->title);
	f->count[0] = '\0';
	snprintf(f->info, sizeof f->info, "%s", n->asking ? "Throw the text away? y or n" : "F2 or Ctrl-S saves · Esc closes");
	snprintf(f->position, sizeof f->position, "line %d, column %d", line, col);
}

const struct view_ops view_editor = {
	.name = "Editor",
	.keys = keys,
	.init = note_init,
	.draw = note_draw,
	.key = note_key,
	.resize = NULL,
	.free = note_free,
	.frame = note_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
