/* document.c — a scrollable, wrapped document of paragraphs: the action, engagement record and review screens show
 * one (see document.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/document.h"

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void vadd(struct document *d, enum doc_kind kind, const char *label, int style, int indent, const char *fmt,
		 va_list ap) __attribute__((format(printf, 6, 0)));
static void add(struct document *d, enum doc_kind kind, const char *label, int style, int indent, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

void doc_init(struct document *d, int label_cols)
{
	*d = (struct document){.label_cols = label_cols};
}

void doc_clear(struct document *d)
{
	for (int i = 0; i < d->np; i++)
		free(d->p[i].text);
	d->np = 0;
	d->nl = 0;
}

void doc_free(struct document *d)
{
	doc_clear(d);
	free(d->p);
	free(d->l);
	d->p = NULL;
	d->l = NULL;
	d->pcap = d->lcap = 0;
}

/* ---- building ---- */

/* The formatted text in memory the caller frees, or NULL. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *text = n < 0 ? NULL : malloc((size_t)n + 1);
	if (text)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	return text;
}

/* Adds a paragraph of text formatted from ap; on failure sets d->oom. */
static void vadd(struct document *d, enum doc_kind kind, const char *label, int style, int indent, const char *fmt,
		 va_list ap)
{
	if (d->np == d->pcap) {
		int cap = d->pcap ? 2 * d->pcap : 64;
		struct doc_para *p = realloc(d->p, (size_t)cap * sizeof *p);
		if (!p) {
			d->oom = true;
			return;
		}
		d->p = p;
		d->pcap = cap;
	}
	char *text = vformat(fmt, ap);
	if (!text) {
		d->oom = true;
		return;
	}
	struct doc_para *p = &d->p[d->np++];
	*p = (struct doc_para){.kind = kind, .text = text, .style = style, .indent = indent};
	snprintf(p->label, sizeof p->label, "%s", label ? label : "");
}

/* Adds a paragraph of formatted text. */
static void add(struct document *d, enum doc_kind kind, const char *label, int style, int indent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, kind, label, style, indent, fmt, ap);
	va_end(ap);
}

void doc_text(struct document *d, int style, int indent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, DOC_TEXT, NULL, style, indent, fmt, ap);
	va_end(ap);
}

void doc_field(struct document *d, const char *label, const char *text, int style)
{
	if (text && *text)
		add(d, DOC_FIELD, label, style, 0, "%s", text);
}

void doc_blank(struct document *d)
{
	add(d, DOC_BLANK, NULL, UI_NORMAL, 0, "%s", "");
}

int doc_heading(struct document *d, const char *title)
{
	doc_blank(d);
	add(d, DOC_HEADING, NULL, UI_TITLES, 0, "%s", title);
	return d->np - 1;
}

void doc_raw(struct document *d, int style, const char *text)
{
	add(d, DOC_RAW, NULL, style, 0, "%s", text);
}

void doc_hang(struct document *d, int cols)
{
	if (d->np > 0)
		d->p[d->np - 1].hang = cols;
}

void doc_flag(struct document *d, int flags)
{
	if (d->np > 0)
		d->p[d->np - 1].flags = flags;
}

bool doc_retext(struct document *d, int para, const char *fmt, ...)
{
	va_list ap;
	if (para < 0 || para >= d->np)
		return true;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	if (!text) {
		d->oom = true;
		return false;
	}
	free(d->p[para].text);
	d->p[para].text = text;
	return true;
}

/* ---- layout ---- */

/* Where a paragraph's text starts on its first line (first) or the lines after it. */
static int text_x(const struct document *d, const struct doc_para *p, bool first)
{
	if (p->kind == DOC_RAW)
		return 0;
	return p->kind == DOC_FIELD ? d->label_cols + 2 : 1 + p->indent + (first ? 0 : p->hang);
}

/* Columns a paragraph's line has in a width: all of it for a raw line, one kept free at the right otherwise. */
static int text_cols(const struct document *d, const struct doc_para *p, bool first, int width)
{
	return width - text_x(d, p, first) - (p->kind == DOC_RAW ? 0 : 1);
}

static bool add_line(struct document *d, int para, const char *start, size_t len, bool first)
{
	if (d->nl == d->lcap) {
		int cap = d->lcap ? 2 * d->lcap : 128;
		struct doc_line *l = realloc(d->l, (size_t)cap * sizeof *l);
		if (!l)
			return false;
		d->l = l;
		d->lcap = cap;
	}
	d->l[d->nl++] = (struct doc_line){para, start, len, first};
	return true;
}

/* Whether a paragraph takes one line whatever its length. */
static bool one_line(const struct document *d, const struct doc_para *p, int width)
{
	return p->kind == DOC_BLANK || p->kind == DOC_HEADING || p->kind == DOC_RAW || text_cols(d, p, false, width) < 4;
}

void doc_layout(struct document *d, int width)
{
	d->nl = 0;
	d->width = width;
	for (int i = 0; i < d->np; i++) {
		const struct doc_para *p = &d->p[i];
		if (one_line(d, p, width)) {
			if (!add_line(d, i, p->text, strlen(p->text), true))
				return;
			continue;
		}
		const char *s = p->text, *next;
		bool first = true;
		do {
			size_t n = ui_wrap(s, text_cols(d, p, first, width), &next);
			if (!add_line(d, i, s, n, first))
				return;
			first = false;
			s = next;
		} while (*s);
	}
}

void doc_resize(struct document *d, int width, int page)
{
	if (d->width != width) {
		int para = d->top < d->nl ? d->l[d->top].para : 0;
		doc_layout(d, width);
		d->top = 0;
		while (d->top < d->nl && d->l[d->top].para < para)
			d->top++;
	}
	doc_scroll_to(d, d->top, page);
}

/* ---- scrolling ---- */

int doc_scroll_to(struct document *d, int top, int page)
{
	int max = d->nl - page;
	if (top > max)
		top = max;
	d->top = top < 0 ? 0 : top;
	return UI_REDRAW;
}

int doc_to_heading(struct document *d, int dir, int page)
{
	for (int i = d->top + dir; i >= 0 && i < d->nl; i += dir)
		if (d->l[i].first && d->p[d->l[i].para].kind == DOC_HEADING)
			return doc_scroll_to(d, i, page);
	return doc_scroll_to(d, dir > 0 ? d->nl : 0, page);
}

bool doc_more_below(const struct document *d, int page)
{
	return d->top + page < d->nl;
}

void doc_position(const struct document *d, int page, char *out, size_t len)
{
	int last = doc_more_below(d, page) ? d->top + page : d->nl;
	snprintf(out, len, "lines %d-%d of %d", d->nl ? d->top + 1 : 0, last, d->nl);
}

/* ---- drawing ---- */

/* A heading and the rule after it. */
static void draw_heading(const struct ui *ui, WINDOW *w, int y, int x, int width, const char *text, attr_t a)
{
	int tw = text_width(text);
	ui_put(w, y, x, tw + 1 < width ? tw + 1 : width, text, a, false);
	if (tw + 2 < width)
		ui_hline(ui, w, y, x + tw + 1, width - tw - 1);
}

void doc_draw(const struct document *d, const struct ui *ui, WINDOW *w, struct ui_rect r, const char *search,
	      doc_style_fn style)
{
	char text[4096], marked[8192];
	for (int y = 0; y < r.h && d->top + y < d->nl; y++) {
		const struct doc_line *l = &d->l[d->top + y];
		const struct doc_para *p = &d->p[l->para];
		int sy = r.y + y, x = r.x + text_x(d, p, l->first), width = text_cols(d, p, l->first, r.w);
		size_t n = l->len < sizeof text ? l->len : sizeof text - 1;
		memcpy(text, l->start, n);
		text[n] = '\0';
		if (p->kind == DOC_FIELD && l->first)
			ui_put(w, sy, r.x + 1, d->label_cols, p->label, ui_attr(ui, UI_TITLES), false);
		attr_t a = ui_attr(ui, style ? style(p, ui, w, sy, r.x) : p->style);
		if (p->kind == DOC_HEADING) {
			draw_heading(ui, w, sy, x, width, text, a);
		} else if (search && *search) {
			ui_mark_terms(text, search, marked, sizeof marked);
			ui_put_marked(w, sy, x, width, marked, a, ui_attr(ui, UI_MATCH));
		} else {
			ui_put(w, sy, x, width, text, a, false);
		}
	}
}

/* ---- for a view whose priv starts with its struct document ---- */

static struct document *doc_of(struct view *v)
{
	return v->priv;
}

int doc_page(const struct view *v)
{
	return v->area.h > 1 ? v->area.h : 1;
}

int doc_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), doc_of(v)->top + 1, doc_page(v));
}

int doc_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), doc_of(v)->top - 1, doc_page(v));
}

int doc_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), doc_of(v)->top + doc_page(v) - 1, doc_page(v));
}

int doc_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), doc_of(v)->top - doc_page(v) + 1, doc_page(v));
}

int doc_top(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), 0, doc_page(v));
}

int doc_bottom(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_scroll_to(doc_of(v), doc_of(v)->nl, doc_page(v));
}

int doc_next_heading(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_to_heading(doc_of(v), 1, doc_page(v));
}

int doc_prev_heading(struct view *v, struct ui *ui)
{
	(void)ui;
	return doc_to_heading(doc_of(v), -1, doc_page(v));
}

int doc_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	(void)ui;
	if (m->kind == UI_CLICK)
		return 0;
	return doc_scroll_to(doc_of(v), doc_of(v)->top + (m->kind == UI_WHEEL_UP ? -3 : 3), doc_page(v));
}

void doc_view_resize(struct view *v, struct ui *ui)
{
	(void)ui;
	doc_resize(doc_of(v), v->area.w, doc_page(v));
}

void doc_view_free(struct view *v)
{
	if (!v->priv)
		return;
	doc_free(doc_of(v));
	free(v->priv);
	v->priv = NULL;
}
