/* document.h — a scrollable, wrapped document of paragraphs (headings, labelled fields, text, blank lines, lines
 * drawn as they are), laid out at a view's width, scrolled with the last page kept full, drawn into a rectangle. */
#ifndef PB_DOCUMENT_H
#define PB_DOCUMENT_H

#include "tui/ui.h"

enum doc_kind {
	DOC_TEXT,    /* wrapped at the width, from column 1 + indent (+ hang after its first line) */
	DOC_FIELD,   /* a label, then its text wrapped after the label's columns */
	DOC_HEADING, /* one line, a rule after it; Tab and BTab jump between headings */
	DOC_BLANK,
	DOC_RAW, /* one line drawn as it is from the left edge, cut at the width (a row of a table) */
};

/* A paragraph: laid out into lines for the width the view has. */
struct doc_para {
	enum doc_kind kind;
	char label[32];
	char *text; /* owned */
	int style;
	int indent;
	int hang;  /* more indent for the lines after the first */
	int flags; /* the view's own marks, for its style hook (e.g. new since the last review) */
};

/* One line on screen: part of a paragraph's text. */
struct doc_line {
	int para;
	const char *start; /* into the paragraph's text: valid until the document is cleared */
	size_t len;
	bool first; /* the paragraph's first line (where its label goes) */
};

struct document {
	struct doc_para *p;
	int np, pcap;
	struct doc_line *l;
	int nl, lcap;
	int top;	/* first line shown */
	int width;	/* the lines were made for this width; 0 before the first layout */
	int label_cols; /* width of a field's label; its text starts two columns after it */
	bool oom;	/* a paragraph or its text could not be added: the document is short of it */
};

/* An empty document whose fields' labels take label_cols columns. */
void doc_init(struct document *d, int label_cols);
/* Forgets the paragraphs and lines, keeping the place (top) and the memory for the next ones. */
void doc_clear(struct document *d);
/* Frees everything the document holds; doc_init makes it usable again. */
void doc_free(struct document *d);

/* ---- building ---- */

/* Text wrapped at indent. Every call that adds a paragraph sets d->oom when it cannot. */
void doc_text(struct document *d, int style, int indent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A field: a label and its text, left out when the text is NULL or empty. */
void doc_field(struct document *d, const char *label, const char *text, int style);
/* A blank line, then a heading in UI_TITLES; returns the heading's paragraph (for doc_retext). */
int doc_heading(struct document *d, const char *title);
void doc_blank(struct document *d);
/* A line drawn as it is (not wrapped), from the left edge of the rectangle. */
void doc_raw(struct document *d, int style, const char *text);
/* Gives the paragraph added last a hanging indent of cols. */
void doc_hang(struct document *d, int cols);
/* Sets the view's flags of the paragraph added last. */
void doc_flag(struct document *d, int flags);
/* Replaces paragraph para's text (fmt may use the old text: it is freed after formatting); false (and d->oom) when
 * out of memory. */
bool doc_retext(struct document *d, int para, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- layout and scrolling ---- */

/* Wraps every paragraph at width columns; the place (top) is left as it is. */
void doc_layout(struct document *d, int width);
/* At a new width, wraps again keeping the same paragraph at the top; then keeps the place in range for page lines. */
void doc_resize(struct document *d, int width, int page);
/* Scrolls so that line top comes first, keeping the last page (page lines) full; returns UI_REDRAW. */
int doc_scroll_to(struct document *d, int top, int page);
/* Scrolls to the next (dir 1) or previous (dir -1) heading; past the last one to the end, before the first to the
 * top. Returns UI_REDRAW. */
int doc_to_heading(struct document *d, int dir, int page);
/* Whether lines follow the page shown. */
bool doc_more_below(const struct document *d, int page);
/* "lines 1-20 of 48". */
void doc_position(const struct document *d, int page, char *out, size_t len);

/* ---- drawing ---- */

/* A view's say in how a paragraph is drawn: returns the style of the line at row y (p->style for no change) and may
 * draw in the margin column x, left of the text. */
typedef int (*doc_style_fn)(const struct doc_para *p, const struct ui *ui, WINDOW *w, int y, int x);
/* Draws the lines from d->top into r; the words of search (NULL or "" for none) shown as UI_MATCH; style may be
 * NULL. */
void doc_draw(const struct document *d, const struct ui *ui, WINDOW *w, struct ui_rect r, const char *search,
	      doc_style_fn style);

/* ---- for a view whose priv starts with its struct document ---- */

/* Lines the view shows at once. */
int doc_page(const struct view *v);
/* Key handlers: j/k, page down/up, top, bottom, next/previous heading. */
int doc_down(struct view *v, struct ui *ui);
int doc_up(struct view *v, struct ui *ui);
int doc_page_down(struct view *v, struct ui *ui);
int doc_page_up(struct view *v, struct ui *ui);
int doc_top(struct view *v, struct ui *ui);
int doc_bottom(struct view *v, struct ui *ui);
int doc_next_heading(struct view *v, struct ui *ui);
int doc_prev_heading(struct view *v, struct ui *ui);
/* view_ops.mouse: the wheel scrolls three lines; a click is not used. */
int doc_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m);
/* view_ops.resize: doc_resize to the view's area. */
void doc_view_resize(struct view *v, struct ui *ui);
/* view_ops.free for a view whose state (allocated whole) owns nothing but its document. */
void doc_view_free(struct view *v);

#endif
