/* ui.c — helpers every view shares: styles, safe text drawing, wrapping, key names, key-table dispatch and hints. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "tui/ui.h"

enum { PAIR_RED = 1, PAIR_AMBER, PAIR_GREEN, PAIR_BLUE, PAIR_HEADER };

/* Starts the colour pairs; default_bg when the terminal's own background may be used (-1). */
void ui_colors_init(bool default_bg)
{
	short bg = default_bg ? -1 : COLOR_BLACK;
	init_pair(PAIR_RED, COLOR_RED, bg);
	init_pair(PAIR_AMBER, COLOR_YELLOW, bg);
	init_pair(PAIR_GREEN, COLOR_GREEN, bg);
	init_pair(PAIR_BLUE, COLOR_BLUE, bg);
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
}

/* Curses attributes for a style; without colour every style still differs by weight or reverse video. */
attr_t ui_attr(const struct ui *ui, int style)
{
	attr_t a = (style & UI_BOLD) ? A_BOLD : A_NORMAL;
	bool c = ui && ui->color;
	switch (style & 0xff) {
	case UI_RED: return a | (c ? COLOR_PAIR(PAIR_RED) : 0);
	case UI_AMBER: return a | (c ? COLOR_PAIR(PAIR_AMBER) : 0);
	case UI_GREEN: return a | (c ? COLOR_PAIR(PAIR_GREEN) : 0);
	case UI_BLUE: return a | (c ? COLOR_PAIR(PAIR_BLUE) : 0);
	case UI_HEADER: return a | (c ? COLOR_PAIR(PAIR_HEADER) | A_BOLD : A_REVERSE);
	case UI_TITLES: return a | A_BOLD;
	case UI_ERROR: return a | A_BOLD | (c ? COLOR_PAIR(PAIR_RED) : 0);
	case UI_KEY: return a | A_BOLD;
	case UI_DIM: return a | A_DIM;
	default: return a;
	}
}

/* Style of a RAG letter. */
int ui_rag_style(enum rag r)
{
	switch (r) {
	case RAG_RED: return UI_RED;
	case RAG_AMBER: return UI_AMBER;
	case RAG_GREEN: return UI_GREEN;
	case RAG_COMPLETE: return UI_BLUE;
	default: return UI_NORMAL;
	}
}

/* Sets the status line message shown until the next key. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_error = error;
}

/* Bytes in the UTF-8 character at s (1 for a stray or cut-off byte). */
static int char_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	for (int i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Columns of the one character at s, measured the way core/text.c measures. */
static int char_cols(const char *s, int n)
{
	char one[5];
	memcpy(one, s, (size_t)n);
	one[n] = '\0';
	return text_width(one);
}

/* Draws text cut or padded to exactly width columns (control characters shown as spaces). */
void ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, bool right)
{
	char clean[2048], fit[4096];
	size_t i = 0;
	if (width <= 0)
		return;
	if (width > 1000)
		width = 1000;
	for (; text && text[i] && i + 1 < sizeof clean; i++)
		clean[i] = (unsigned char)text[i] < 0x20 || text[i] == 0x7f ? ' ' : text[i];
	clean[i] = '\0';
	text_fit(clean, width, !right, fit, sizeof fit);
	int used = text_width(fit);
	wattrset(w, attr);
	if (right && used < width) {
		mvwprintw(w, y, x, "%*s", width - used, "");
		waddstr(w, fit);
	} else {
		mvwaddstr(w, y, x, fit);
	}
	wattrset(w, A_NORMAL);
}

/* Next line of text wrapped at width columns; see ui.h. */
size_t ui_wrap(const char *text, int width, const char **next)
{
	const char *p = text, *space = NULL;
	int used = 0;
	while (*p && *p != '\n') {
		int n = char_len(p), cw = char_cols(p, n);
		if (used + cw > width)
			break;
		if (*p == ' ' || *p == '\t')
			space = p;
		used += cw;
		p += n;
	}
	size_t len;
	if (!*p || *p == '\n') {
		len = (size_t)(p - text);
		*next = *p ? p + 1 : p;
		return len;
	}
	if (space && space > text) {
		len = (size_t)(space - text);
		p = space;
	} else {
		len = (size_t)(p - text);
		if (len == 0) /* a character wider than the line: skip it rather than loop */
			p += char_len(p);
	}
	while (*p == ' ' || *p == '\t')
		p++;
	*next = p;
	return len;
}

/* Name of a key; see ui.h. */
void ui_key_name(int key, bool utf8, char *out, size_t outlen)
{
	const char *name = NULL;
	switch (key) {
	case KEY_DOWN: name = "Down"; break;
	case KEY_UP: name = "Up"; break;
	case KEY_LEFT: name = "Left"; break;
	case KEY_RIGHT: name = "Right"; break;
	case KEY_NPAGE: name = "PgDn"; break;
	case KEY_PPAGE: name = "PgUp"; break;
	case KEY_HOME: name = "Home"; break;
	case KEY_END: name = "End"; break;
	case KEY_BTAB: name = "S-Tab"; break;
	case KEY_ENTER: case '\n': case '\r': name = utf8 ? "\xE2\x8F\x8E" : "Enter"; break;
	case '\t': name = "Tab"; break;
	case 27: name = "Esc"; break;
	case ' ': name = "Space"; break;
	case 127: case KEY_BACKSPACE: name = "Bksp"; break;
	default: break;
	}
	if (name)
		snprintf(out, outlen, "%s", name);
	else if (key > 0 && key < 32)
		snprintf(out, outlen, "^%c", key + '@');
	else if (key >= KEY_F(1) && key <= KEY_F(24))
		snprintf(out, outlen, "F%d", key - KEY_F(0));
	else if (key > 32 && key < 127)
		snprintf(out, outlen, "%c", key);
	else
		snprintf(out, outlen, "%s", keyname(key) ? keyname(key) : "?");
}

/* Whether b is bound to key and works in mode. */
bool ui_binding_matches(const struct key_binding *b, int key, unsigned mode)
{
	if (b->modes && !(b->modes & mode))
		return false;
	if (b->key == key)
		return true;
	for (int i = 0; i < UI_MAX_ALT && b->alt[i]; i++)
		if (b->alt[i] == key)
			return true;
	return false;
}

/* Runs the handler of the first binding in table for key; 0 when none matches. */
int ui_dispatch(const struct key_binding *table, struct view *v, struct ui *ui, int key)
{
	for (const struct key_binding *b = table; b && b->key; b++)
		if (ui_binding_matches(b, key, v->mode))
			return b->handler(v, ui) | UI_HANDLED;
	return 0;
}

/* Whether table takes key in mode before anything else sees it. */
static bool shadowed(const struct key_binding *table, int key, unsigned mode)
{
	for (const struct key_binding *b = table; b && b->key; b++)
		if (ui_binding_matches(b, key, mode))
			return true;
	return false;
}

/* Hint bar items; see ui.h. */
int ui_hints(const struct key_binding *const *tables, const struct key_binding *wins, unsigned mode, bool utf8,
	     struct ui_hint *out, int max)
{
	int n = 0;
	for (; *tables; tables++) {
		for (const struct key_binding *b = *tables; b->key; b++) {
			char name[32];
			if (!b->hint || (b->modes && !(b->modes & mode)))
				continue;
			if (*tables != wins && shadowed(wins, b->key, mode))
				continue;
			ui_key_name(b->key, utf8, name, sizeof name);
			if (n > 0 && strcmp(out[n - 1].word, b->hint) == 0) {
				size_t l = strlen(out[n - 1].keys);
				snprintf(out[n - 1].keys + l, sizeof out[n - 1].keys - l, "/%s", name);
				out[n - 1].glue = false;
				continue;
			}
			if (n == max)
				return n;
			snprintf(out[n].keys, sizeof out[n].keys, "%s", name);
			snprintf(out[n].word, sizeof out[n].word, "%s", b->hint);
			out[n].glue = strlen(name) == 1 && ispunct((unsigned char)name[0]);
			n++;
		}
	}
	return n;
}
