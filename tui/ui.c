/* ui.c — helpers every view shares: styles, safe text drawing, wrapping, key names, key-table dispatch and hints. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/keymap.h"
#include "tui/ui.h"

#define CTRL(c) ((c) & 0x1f)

/* The colour pairs: one per element of the settings (core/settings.h), then the styles with colours of their own. */
enum { PAIR_MATCH = SETTINGS_NELEMENTS + 1, PAIR_BADGE };

/* Curses attributes of a settings colour's attribute bits. */
static attr_t element_attrs(unsigned bits)
{
	return (bits & SETTINGS_BOLD ? A_BOLD : 0) | (bits & SETTINGS_UNDERLINE ? A_UNDERLINE : 0) |
	       (bits & SETTINGS_REVERSE ? A_REVERSE : 0) | (bits & SETTINGS_DIM ? A_DIM : 0);
}

/* Makes pair n of colours fg on bg (as the terminal has them) and returns its attribute. */
static attr_t make_pair(struct ui_palette *p, int n, short fg, short bg, int ncolors, bool default_bg)
{
	fg = settings_colour_fit(fg, ncolors);
	bg = settings_colour_fit(bg, ncolors);
	if (!default_bg && fg == SETTINGS_COLOUR_TERMINAL)
		fg = COLOR_WHITE;
	if (!default_bg && bg == SETTINGS_COLOUR_TERMINAL)
		bg = COLOR_BLACK;
	p->fg[n] = fg;
	p->bg[n] = bg;
	if (n >= p->npairs)
		p->npairs = n + 1;
	return COLOR_PAIR(n);
}

/* An element's attributes: with colour its pair (when it names a colour) and attributes; without, its attributes only,
 * the mono theme's when the settings give it none (Red stays bold, the header and the selection reversed). */
static attr_t element_attr(struct ui_palette *p, const struct settings *s, enum settings_element el, int ncolors, bool default_bg)
{
	struct settings_colour c = settings_colour_of(s, el);
	if (!p->color) {
		if (!s->colour_line[el] || !c.attrs)
			c = settings_theme_colour(SETTINGS_THEME_MONO, el);
		return element_attrs(c.attrs);
	}
	attr_t a = element_attrs(c.attrs);
	if (c.fg != SETTINGS_COLOUR_TERMINAL || c.bg != SETTINGS_COLOUR_TERMINAL)
		a |= make_pair(p, el + 1, c.fg, c.bg, ncolors, default_bg);
	return a;
}

void ui_palette_make(const struct settings *s, int ncolors, bool default_bg, struct ui_palette *p)
{
	static const int element_style[SETTINGS_NELEMENTS] = {
		[SETTINGS_RED] = UI_RED, [SETTINGS_AMBER] = UI_AMBER, [SETTINGS_GREEN] = UI_GREEN,
		[SETTINGS_COMPLETE] = UI_BLUE, [SETTINGS_HEADER] = UI_HEADER, [SETTINGS_SELECTION] = UI_SELECTION};
	struct settings defaults;
	if (!s) {
		settings_init(&defaults);
		s = &defaults;
	}
	bool hc = s->theme == SETTINGS_THEME_HIGH_CONTRAST;
	memset(p, 0, sizeof *p);
	p->color = ncolors >= 8 && s->theme != SETTINGS_THEME_MONO;
	p->npairs = 1;
	for (int el = 0; el < SETTINGS_NELEMENTS; el++)
		p->attr[element_style[el]] = element_attr(p, s, el, ncolors, default_bg);
	p->attr[UI_TITLES] = A_BOLD;
	p->attr[UI_KEY] = A_BOLD;
	p->attr[UI_DIM] = hc ? A_NORMAL : A_DIM; /* dim text is low contrast by design */
	if (p->color) {
		/* an error reads as Red: its colour, bold, but never reversed or a colour behind text only */
		p->attr[UI_ERROR] = A_BOLD | (p->attr[UI_RED] & (A_COLOR | A_UNDERLINE));
		p->attr[UI_MATCH] = make_pair(p, PAIR_MATCH, COLOR_BLACK, hc ? 11 : COLOR_YELLOW, ncolors, default_bg);
		p->attr[UI_BADGE] = A_BOLD | make_pair(p, PAIR_BADGE, hc ? 15 : COLOR_WHITE, COLOR_RED, ncolors, default_bg);
	} else {
		p->attr[UI_ERROR] = A_BOLD;
		p->attr[UI_MATCH] = A_UNDERLINE | A_BOLD;
		p->attr[UI_BADGE] = A_BOLD | A_REVERSE;
	}
}

/* The palettes in use: with colour, and without (for a screen whose ui->color is false). */
static struct ui_palette colour_palette, plain_palette;
static bool palettes_made;

void ui_palette_use(const struct ui_palette *colour, const struct ui_palette *plain)
{
	colour_palette = *colour;
	plain_palette = *plain;
	palettes_made = true;
}

void ui_colors_init(struct ui *ui, const struct settings *s)
{
	const char *no_color = getenv("NO_COLOR");
	bool want = has_colors() && !(no_color && *no_color) && !(s && s->theme == SETTINGS_THEME_MONO);
	struct ui_palette colour, plain;
	ui_palette_make(s, 0, false, &plain);
	ui->color = want && start_color() != ERR;
	if (ui->color) {
		ui_palette_make(s, COLORS, use_default_colors() == OK, &colour);
		for (int n = 1; n < colour.npairs && n < COLOR_PAIRS; n++)
			init_pair((short)n, colour.fg[n], colour.bg[n]);
	}
	ui_palette_use(ui->color ? &colour : &plain, &plain);
}

/* Curses attributes for a style; without colour every style still differs by weight, underline or reverse
 * video, and red (overdue, late) is bold so it stands out in monochrome too. */
attr_t ui_attr(const struct ui *ui, int style)
{
	if (!palettes_made) {
		ui_palette_make(NULL, 0, false, &plain_palette);
		palettes_made = true;
	}
	const struct ui_palette *p = ui && ui->color ? &colour_palette : &plain_palette;
	int i = style & 0xff;
	return ((style & UI_BOLD) ? A_BOLD : A_NORMAL) | (i > 0 && i < UI_NSTYLES ? p->attr[i] : 0);
}

attr_t ui_attr_over(const struct ui *ui, attr_t base, int style)
{
	attr_t a = ui_attr(ui, style);
	return base | ((base & A_COLOR) ? a & ~A_COLOR : a);
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

/* Set when the terminal's locale is not UTF-8: text is drawn in ASCII look-alikes. */
static bool ascii_only;

void ui_set_ascii(bool ascii)
{
	ascii_only = ascii;
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
	if (ascii_only) {
		char plain[sizeof clean];
		text_ascii(clean, plain, sizeof plain);
		memcpy(clean, plain, sizeof clean);
	}
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

/* Columns of text on screen without its marks. */
int ui_marked_width(const char *text)
{
	int w = 0;
	for (const char *p = text ? text : ""; *p;) {
		if (*p == UI_MARK_ON || *p == UI_MARK_OFF) {
			p++;
			continue;
		}
		int n = char_len(p);
		w += char_cols(p, n);
		p += n;
	}
	return w;
}

/* Draws marked text cut or padded to width columns; see ui.h. */
void ui_put_marked(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, attr_t mark)
{
	if (width <= 0)
		return;
	bool cut = ui_marked_width(text) > width, on = false;
	int room = cut ? width - 1 : width, used = 0;
	wmove(w, y, x);
	for (const char *p = text ? text : ""; *p;) {
		if (*p == UI_MARK_ON || *p == UI_MARK_OFF) {
			on = *p++ == UI_MARK_ON;
			continue;
		}
		int n = char_len(p), cw = char_cols(p, n);
		if (used + cw > room)
			break;
		wattrset(w, on ? mark : attr);
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			waddch(w, ' ');
		} else if (ascii_only) {
			char one[5], plain[4];
			memcpy(one, p, (size_t)n);
			one[n] = '\0';
			text_ascii(one, plain, sizeof plain);
			waddstr(w, plain);
		} else {
			waddnstr(w, p, n);
		}
		used += cw;
		p += n;
	}
	wattrset(w, attr);
	if (cut)
		waddstr(w, ascii_only ? "~" : "\xE2\x80\xA6"), used++;
	for (; used < width; used++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
}

/* Whether the byte at p belongs to a word, the way the full-text index splits words. */
static bool word_byte(const char *p)
{
	unsigned char c = (unsigned char)*p;
	return isalnum(c) || c >= 0x80;
}

/* Length of the word at p. */
static size_t word_len(const char *p)
{
	size_t n = 0;
	while (p[n] && word_byte(p + n))
		n++;
	return n;
}

/* Whether the text word w (n bytes) is matched by term (tn bytes): whole, or as a prefix for the last term. */
static bool term_matches(const char *w, size_t n, const char *term, size_t tn, bool prefix)
{
	if (tn == 0 || tn > n || (!prefix && tn != n))
		return false;
	for (size_t i = 0; i < tn; i++)
		if (tolower((unsigned char)w[i]) != tolower((unsigned char)term[i]))
			return false;
	return true;
}

/* Marks the words of text that query matches; see ui.h. */
void ui_mark_terms(const char *text, const char *query, char *out, size_t outlen)
{
	const char *terms[16];
	size_t tlen[16];
	int nt = 0;
	size_t o = 0;
	if (outlen == 0)
		return;
	for (const char *q = query ? query : ""; *q && nt < 16;) {
		size_t n = word_len(q);
		if (n) {
			terms[nt] = q;
			tlen[nt++] = n;
			q += n;
		} else {
			q++;
		}
	}
	for (const char *p = text ? text : ""; *p;) {
		size_t n = word_byte(p) ? word_len(p) : (size_t)char_len(p);
		bool hit = false;
		for (int t = 0; word_byte(p) && t < nt && !hit; t++)
			hit = term_matches(p, n, terms[t], tlen[t], t == nt - 1);
		if (o + n + 3 >= outlen)
			break;
		if (hit)
			out[o++] = UI_MARK_ON;
		memcpy(out + o, p, n);
		o += n;
		if (hit)
			out[o++] = UI_MARK_OFF;
		p += n;
	}
	out[o] = '\0';
}

/* A horizontal line of n cells; see ui.h. */
void ui_hline(const struct ui *ui, WINDOW *w, int y, int x, int n)
{
	if (!ui->utf8) {
		mvwhline(w, y, x, '-', n);
		return;
	}
	wmove(w, y, x);
	for (int i = 0; i < n; i++)
		waddstr(w, "\xE2\x94\x80");
}

/* A vertical line of n cells. */
void ui_vline(const struct ui *ui, WINDOW *w, int y, int x, int n)
{
	for (int i = 0; i < n; i++) {
		if (ui->utf8)
			mvwaddstr(w, y + i, x, "\xE2\x94\x82");
		else
			mvwaddch(w, y + i, x, '|');
	}
}

/* A frame around r. */
void ui_box(const struct ui *ui, WINDOW *w, struct ui_rect r)
{
	ui_hline(ui, w, r.y, r.x + 1, r.w - 2);
	ui_hline(ui, w, r.y + r.h - 1, r.x + 1, r.w - 2);
	ui_vline(ui, w, r.y + 1, r.x, r.h - 2);
	ui_vline(ui, w, r.y + 1, r.x + r.w - 1, r.h - 2);
	if (ui->utf8) {
		mvwaddstr(w, r.y, r.x, "\xE2\x94\x8C");
		mvwaddstr(w, r.y, r.x + r.w - 1, "\xE2\x94\x90");
		mvwaddstr(w, r.y + r.h - 1, r.x, "\xE2\x94\x94");
		mvwaddstr(w, r.y + r.h - 1, r.x + r.w - 1, "\xE2\x94\x98");
	} else {
		mvwaddch(w, r.y, r.x, '+');
		mvwaddch(w, r.y, r.x + r.w - 1, '+');
		mvwaddch(w, r.y + r.h - 1, r.x, '+');
		mvwaddch(w, r.y + r.h - 1, r.x + r.w - 1, '+');
	}
}

/* Notes the view to open; see ui.h. */
int ui_open(struct ui *ui, const struct view_ops *ops, const void *arg)
{
	ui->open.ops = ops;
	ui->open.arg = arg;
	return UI_OPEN;
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
	if (*p == ' ' || *p == '\t') { /* the line is full up to a word's end */
		len = (size_t)(p - text);
	} else if (space && space > text) {
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
	case KEY_DC: name = "Del"; break;
	case KEY_IC: name = "Ins"; break;
	case UI_KEY_WORD_LEFT: name = "C-Left"; break;
	case UI_KEY_WORD_RIGHT: name = "C-Right"; break;
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
	if (keymap_first_matches(b, key))
		return true;
	for (int i = 0; i < UI_MAX_ALT && b->alt[i]; i++)
		if (b->alt[i] == key && keymap_alt_kept(b, i))
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

bool ui_binds(const struct key_binding *table, int key, unsigned mode)
{
	for (const struct key_binding *b = table; b && b->key; b++)
		if (ui_binding_matches(b, key, mode))
			return true;
	return false;
}

/* Whether one of the tables dispatched first, before own (when own is among them), takes key in mode. */
static bool taken_first(const struct key_binding *const *first, const struct key_binding *own, int key, unsigned mode)
{
	for (; first && *first && *first != own; first++)
		if (ui_binds(*first, key, mode))
			return true;
	return false;
}

/* The key b of table own is shown with: its first key that reaches it, else its first alternative that does; 0 when
 * none does (a multi-line text takes Enter, so "Enter next" would be a lie there). */
static int shown_key(const struct key_binding *const *first, const struct key_binding *own, const struct key_binding *b,
		     unsigned mode)
{
	int key = keymap_key(b);
	if (!taken_first(first, own, key, mode))
		return key;
	for (int i = 0; i < UI_MAX_ALT && b->alt[i]; i++)
		if (keymap_alt_kept(b, i) && !taken_first(first, own, b->alt[i], mode))
			return b->alt[i];
	return 0;
}

/* Hint bar items; see ui.h. */
int ui_hints(const struct key_binding *const *tables, const struct key_binding *const *first, unsigned mode, bool utf8,
	     struct ui_hint *out, int max)
{
	int n = 0;
	for (; *tables; tables++) {
		for (const struct key_binding *b = *tables; b->key; b++) {
			char name[32];
			if (!b->hint || (b->modes && !(b->modes & mode)))
				continue;
			int key = shown_key(first, *tables, b, mode);
			if (!key)
				continue;
			ui_key_name(key, utf8, name, sizeof name);
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

/* ---- text fields ---- */

/* Puts text in the field with the cursor at its end. */
void ui_edit_set(struct ui_edit *ed, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n >= sizeof ed->text) {
		n = sizeof ed->text - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* never keep half a character */
	}
	memcpy(ed->text, text ? text : "", n);
	ed->text[n] = '\0';
	ed->len = ed->cur = n;
	ed->scroll = 0;
}

/* Inserts a byte of text at the cursor; see ui.h. */
bool ui_edit_insert(struct ui_edit *ed, int key)
{
	if (key < 0x20 || key == 0x7f || key > 0xff)
		return false;
	if (ed->len + 1 >= sizeof ed->text)
		return true; /* full: the byte is dropped, but it was text */
	memmove(ed->text + ed->cur + 1, ed->text + ed->cur, ed->len - ed->cur + 1);
	ed->text[ed->cur++] = (char)key;
	ed->len++;
	return true;
}

/* Offset of the character before offset i. */
static size_t edit_prev(const struct ui_edit *ed, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)ed->text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Offset of the character after offset i. */
static size_t edit_next(const struct ui_edit *ed, size_t i)
{
	if (i >= ed->len)
		return ed->len;
	i++;
	while (i < ed->len && ((unsigned char)ed->text[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Removes bytes from .. to-1. */
static void edit_cut(struct ui_edit *ed, size_t from, size_t to)
{
	memmove(ed->text + from, ed->text + to, ed->len - to + 1);
	ed->len -= to - from;
	ed->cur = from;
}

/* Draws the field; see ui.h. */
void ui_edit_draw(WINDOW *w, int y, int x, int width, struct ui_edit *ed, attr_t attr)
{
	if (width <= 0)
		return;
	char before[sizeof ed->text];
	memcpy(before, ed->text, ed->cur);
	before[ed->cur] = '\0';
	int at = text_width(before);
	if (at < ed->scroll)
		ed->scroll = at;
	if (at >= ed->scroll + width)
		ed->scroll = at - width + 1;
	int col = 0, used = 0;
	wattrset(w, attr);
	wmove(w, y, x);
	for (const char *p = ed->text; *p && used < width;) {
		int n = char_len(p), cw = char_cols(p, n);
		if (col >= ed->scroll && used + cw <= width) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				waddch(w, ' ');
			else
				waddnstr(w, p, n);
			used += cw;
		} else if (col < ed->scroll && col + cw > ed->scroll) {
			for (int k = ed->scroll; k < col + cw && used < width; k++, used++)
				waddch(w, ' '); /* the visible half of a wide character cut by the left edge */
		} else if (col >= ed->scroll) {
			break;
		}
		col += cw;
		p += n;
	}
	for (; used < width; used++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	wmove(w, y, x + at - ed->scroll);
}

static int edit_left(struct view *v, struct ui *ui)
{
	(void)v;
	ui->edit->cur = edit_prev(ui->edit, ui->edit->cur);
	return UI_REDRAW;
}

static int edit_right(struct view *v, struct ui *ui)
{
	(void)v;
	ui->edit->cur = edit_next(ui->edit, ui->edit->cur);
	return UI_REDRAW;
}

static int edit_home(struct view *v, struct ui *ui)
{
	(void)v;
	ui->edit->cur = 0;
	return UI_REDRAW;
}

static int edit_end(struct view *v, struct ui *ui)
{
	(void)v;
	ui->edit->cur = ui->edit->len;
	return UI_REDRAW;
}

static int edit_backspace(struct view *v, struct ui *ui)
{
	struct ui_edit *ed = ui->edit;
	(void)v;
	edit_cut(ed, edit_prev(ed, ed->cur), ed->cur);
	return UI_REDRAW;
}

static int edit_delete(struct view *v, struct ui *ui)
{
	struct ui_edit *ed = ui->edit;
	(void)v;
	size_t at = ed->cur;
	edit_cut(ed, at, edit_next(ed, at));
	return UI_REDRAW;
}

static int edit_kill_word(struct view *v, struct ui *ui)
{
	struct ui_edit *ed = ui->edit;
	size_t i = ed->cur;
	(void)v;
	while (i > 0 && ed->text[i - 1] == ' ')
		i--;
	while (i > 0 && ed->text[i - 1] != ' ')
		i--;
	edit_cut(ed, i, ed->cur);
	return UI_REDRAW;
}

static int edit_kill_start(struct view *v, struct ui *ui)
{
	(void)v;
	edit_cut(ui->edit, 0, ui->edit->cur);
	return UI_REDRAW;
}

static int edit_kill_end(struct view *v, struct ui *ui)
{
	struct ui_edit *ed = ui->edit;
	(void)v;
	ed->text[ed->cur] = '\0';
	ed->len = ed->cur;
	return UI_REDRAW;
}

/* The editing keys of every text field; they work only while a field has the keys (UI_MODE_TEXT). */
const struct key_binding ui_edit_keys[] = {
	{"left", KEY_LEFT, {CTRL('B')}, NULL, "Move the cursor left", edit_left, UI_MODE_TEXT},
	{"right", KEY_RIGHT, {CTRL('F')}, NULL, "Move the cursor right", edit_right, UI_MODE_TEXT},
	{"home", KEY_HOME, {CTRL('A')}, NULL, "Go to the start of the text", edit_home, UI_MODE_TEXT},
	{"end", KEY_END, {CTRL('E')}, NULL, "Go to the end of the text", edit_end, UI_MODE_TEXT},
	{"backspace", KEY_BACKSPACE, {127, CTRL('H')}, NULL, "Delete the character before the cursor", edit_backspace, UI_MODE_TEXT},
	{"delete", KEY_DC, {CTRL('D')}, NULL, "Delete the character under the cursor", edit_delete, UI_MODE_TEXT},
	{"delete-word", CTRL('W'), {0}, NULL, "Delete the word before the cursor", edit_kill_word, UI_MODE_TEXT},
	{"kill-start", CTRL('U'), {0}, NULL, "Delete everything before the cursor", edit_kill_start, UI_MODE_TEXT},
	{"kill-end", CTRL('K'), {0}, NULL, "Delete everything after the cursor", edit_kill_end, UI_MODE_TEXT},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
