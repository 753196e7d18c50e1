/* unit_tui_document.c — unit tests for the scrollable document the detail screens share (tui/document.c): what the
 * building calls add, the wrap at several widths (fields after their label, hanging indents, raw lines never
 * wrapped), the scroll clamped to a full last page, the heading jumps, resizing keeping the paragraph at the top, the
 * key handlers and the mouse, the position text, and the lines drawn into a curses window. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/document.h"
#include "tui/terminfo.h"

/* Line i of the layout as a string (at most 200 bytes). */
static const char *line_text(const struct document *d, int i)
{
	static char buf[201];
	assert_true(i >= 0 && i < d->nl);
	snprintf(buf, sizeof buf, "%.*s", (int)d->l[i].len, d->l[i].start);
	return buf;
}

/* A document of n numbered one-line paragraphs, laid out at 80 columns. */
static void numbered(struct document *d, int n)
{
	doc_init(d, 11);
	for (int i = 0; i < n; i++)
		doc_text(d, UI_NORMAL, 0, "line %d", i);
	doc_layout(d, 80);
}

/* ---- building ---- */

static void test_building(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 11);
	doc_text(&d, UI_BOLD, 0, "%s  %s", "SQ4", "Fire doors");
	doc_field(&d, "Leads", "Simon Parry", UI_NORMAL);
	doc_field(&d, "Outcome", "", UI_NORMAL);
	doc_field(&d, "Measure", NULL, UI_NORMAL);
	int h = doc_heading(&d, "Progress updates");
	doc_text(&d, UI_NORMAL, 2, "%d. %s", 1, "first");
	doc_hang(&d, 3);
	doc_flag(&d, 1);
	assert_int_equal(d.np, 5); /* the empty fields are left out; a heading brings a blank line before it */
	assert_string_equal(d.p[0].text, "SQ4  Fire doors");
	assert_int_equal(d.p[0].style, UI_BOLD);
	assert_int_equal(d.p[1].kind, DOC_FIELD);
	assert_string_equal(d.p[1].label, "Leads");
	assert_int_equal(d.p[2].kind, DOC_BLANK);
	assert_int_equal(h, 3);
	assert_int_equal(d.p[h].kind, DOC_HEADING);
	assert_int_equal(d.p[h].style, UI_TITLES);
	assert_int_equal(d.p[4].indent, 2);
	assert_int_equal(d.p[4].hang, 3);
	assert_int_equal(d.p[4].flags, 1);
	assert_int_equal(d.p[3].flags, 0);
	assert_true(doc_retext(&d, h, "%s (%d%s)", d.p[h].text, 2, ", newest first"));
	assert_string_equal(d.p[h].text, "Progress updates (2, newest first)");
	assert_true(doc_retext(&d, 99, "%s", "not there")); /* no such paragraph: nothing changes */
	assert_false(d.oom);
	doc_clear(&d);
	assert_int_equal(d.np, 0);
	doc_free(&d);
}

/* ---- layout ---- */

static void test_text_wraps_at_the_width(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 11);
	doc_text(&d, UI_NORMAL, 0, "%s", "aaa bbb ccc ddd eee");
	doc_layout(&d, 10); /* one column of margin each side: 8 for the text */
	assert_int_equal(d.nl, 3);
	assert_string_equal(line_text(&d, 0), "aaa bbb");
	assert_string_equal(line_text(&d, 1), "ccc ddd");
	assert_string_equal(line_text(&d, 2), "eee");
	assert_true(d.l[0].first);
	assert_false(d.l[1].first);
	doc_layout(&d, 14); /* 12 columns */
	assert_int_equal(d.nl, 2);
	assert_string_equal(line_text(&d, 0), "aaa bbb ccc");
	assert_string_equal(line_text(&d, 1), "ddd eee");
	doc_layout(&d, 13); /* 11 columns: a line the words fill exactly keeps its last word */
	assert_int_equal(d.nl, 2);
	assert_string_equal(line_text(&d, 0), "aaa bbb ccc");
	assert_string_equal(line_text(&d, 1), "ddd eee");
	doc_layout(&d, 80);
	assert_int_equal(d.nl, 1);
	assert_int_equal(d.width, 80);
	doc_layout(&d, 5); /* fewer than four columns: one line, cut when drawn */
	assert_int_equal(d.nl, 1);
	assert_string_equal(line_text(&d, 0), "aaa bbb ccc ddd eee");
	doc_free(&d);
}

static void test_fields_and_hanging_indents(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 11);
	doc_field(&d, "Notes", "one two three four five six", UI_NORMAL);
	doc_text(&d, UI_NORMAL, 2, "%s", "1. aaa bbb ccc ddd");
	doc_hang(&d, 3);
	doc_layout(&d, 24);
	/* the field's text starts after its label (11 + 2): 24 - 13 - 1 = 10 columns */
	assert_string_equal(line_text(&d, 0), "one two");
	assert_string_equal(line_text(&d, 1), "three four"); /* exactly 10 */
	assert_string_equal(line_text(&d, 2), "five six");
	assert_int_equal(d.l[2].para, 0);
	/* the text starts at 1 + 2: 20 columns on its first line, 17 after it */
	assert_int_equal(d.l[3].para, 1);
	assert_string_equal(line_text(&d, 3), "1. aaa bbb ccc ddd");
	doc_layout(&d, 19); /* the field: 5 columns, a word a line; the text: 15 columns, then 12 */
	assert_int_equal(d.nl, 8);
	assert_string_equal(line_text(&d, 5), "six");
	assert_int_equal(d.l[6].para, 1);
	assert_true(d.l[6].first);
	assert_string_equal(line_text(&d, 6), "1. aaa bbb ccc");
	assert_string_equal(line_text(&d, 7), "ddd");
	doc_free(&d);
}

static void test_headings_and_raw_lines_are_never_wrapped(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 0);
	doc_heading(&d, "A heading longer than the width");
	doc_raw(&d, UI_TITLES, " Method   Records  Held  Tenants");
	doc_text(&d, UI_NORMAL, 0, "%s", "");
	doc_layout(&d, 12);
	assert_int_equal(d.nl, 4); /* the blank, the heading, the raw line, the empty text */
	assert_string_equal(line_text(&d, 1), "A heading longer than the width");
	assert_string_equal(line_text(&d, 2), " Method   Records  Held  Tenants");
	assert_string_equal(line_text(&d, 3), "");
	doc_free(&d);
}

/* ---- scrolling ---- */

static void test_scroll_keeps_the_last_page_full(void **state)
{
	(void)state;
	struct document d;
	numbered(&d, 30);
	assert_int_equal(doc_scroll_to(&d, 5, 10), UI_REDRAW);
	assert_int_equal(d.top, 5);
	doc_scroll_to(&d, 100, 10);
	assert_int_equal(d.top, 20);
	doc_scroll_to(&d, -4, 10);
	assert_int_equal(d.top, 0);
	doc_scroll_to(&d, 25, 40); /* all of it fits */
	assert_int_equal(d.top, 0);
	assert_false(doc_more_below(&d, 40));
	doc_scroll_to(&d, 3, 10);
	assert_true(doc_more_below(&d, 10));
	char pos[64];
	doc_position(&d, 10, pos, sizeof pos);
	assert_string_equal(pos, "lines 4-13 of 30");
	doc_scroll_to(&d, 30, 10);
	assert_false(doc_more_below(&d, 10));
	doc_position(&d, 10, pos, sizeof pos);
	assert_string_equal(pos, "lines 21-30 of 30");
	doc_free(&d);
	doc_init(&d, 11);
	doc_layout(&d, 80);
	doc_position(&d, 10, pos, sizeof pos);
	assert_string_equal(pos, "lines 0-0 of 0");
	doc_free(&d);
}

static void test_heading_jumps(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 11);
	for (int h = 0; h < 3; h++) {
		char title[32];
		snprintf(title, sizeof title, "Part %d", h);
		doc_heading(&d, title); /* lines 0-1, 10-11, 20-21 */
		for (int i = 0; i < 8; i++)
			doc_text(&d, UI_NORMAL, 2, "entry %d", i);
	}
	doc_layout(&d, 80);
	assert_int_equal(d.nl, 30);
	doc_to_heading(&d, 1, 5);
	assert_int_equal(d.top, 1);
	doc_to_heading(&d, 1, 5);
	assert_int_equal(d.top, 11);
	doc_to_heading(&d, 1, 5);
	assert_int_equal(d.top, 21);
	doc_to_heading(&d, 1, 5); /* past the last heading: the end, its last page full */
	assert_int_equal(d.top, 25);
	doc_to_heading(&d, -1, 5);
	assert_int_equal(d.top, 21);
	doc_to_heading(&d, -1, 5);
	assert_int_equal(d.top, 11);
	doc_to_heading(&d, 1, 20); /* the last heading is on the last page: as far as the page allows */
	assert_int_equal(d.top, 10);
	doc_scroll_to(&d, 1, 5);
	doc_to_heading(&d, -1, 5); /* before the first: the top */
	assert_int_equal(d.top, 0);
	doc_free(&d);
}

static void test_resize_keeps_the_paragraph_at_the_top(void **state)
{
	(void)state;
	struct document d;
	doc_init(&d, 11);
	for (int i = 0; i < 10; i++)
		doc_text(&d, UI_NORMAL, 0, "paragraph %d aaaa bbbb cccc dddd eeee ffff", i);
	doc_layout(&d, 80); /* a line each */
	doc_scroll_to(&d, 4, 3);
	doc_resize(&d, 24, 3); /* 22 columns: two lines each */
	assert_int_equal(d.width, 24);
	assert_int_equal(d.nl, 20);
	assert_int_equal(d.top, 8);
	assert_int_equal(d.l[d.top].para, 4);
	assert_true(d.l[d.top].first);
	doc_resize(&d, 24, 3); /* the same width: the place stays */
	assert_int_equal(d.top, 8);
	doc_resize(&d, 80, 8); /* back: paragraph 4 at the top, but the last page kept full */
	assert_int_equal(d.nl, 10);
	assert_int_equal(d.top, 2);
	doc_free(&d);
}

/* ---- a view's keys ---- */

struct screen {
	struct document doc; /* first, as the key handlers need */
	int other;
};

static void test_key_handlers_and_mouse(void **state)
{
	(void)state;
	struct screen s = {.other = 7};
	struct view v = {.priv = &s, .area = {.y = 1, .x = 0, .h = 10, .w = 80}};
	numbered(&s.doc, 50);
	assert_int_equal(doc_page(&v), 10);
	assert_int_equal(doc_down(&v, NULL), UI_REDRAW);
	assert_int_equal(s.doc.top, 1);
	doc_up(&v, NULL);
	doc_up(&v, NULL);
	assert_int_equal(s.doc.top, 0);
	doc_page_down(&v, NULL); /* a page less one line: the last line stays in sight */
	assert_int_equal(s.doc.top, 9);
	doc_page_up(&v, NULL);
	assert_int_equal(s.doc.top, 0);
	doc_bottom(&v, NULL);
	assert_int_equal(s.doc.top, 40);
	doc_top(&v, NULL);
	assert_int_equal(s.doc.top, 0);
	struct ui_mouse wheel = {UI_WHEEL_DOWN, 3, 3}, click = {UI_CLICK, 3, 3};
	assert_int_equal(doc_mouse(&v, NULL, &wheel), UI_REDRAW);
	assert_int_equal(s.doc.top, 3);
	assert_int_equal(doc_mouse(&v, NULL, &click), 0);
	assert_int_equal(s.doc.top, 3);
	wheel.kind = UI_WHEEL_UP;
	doc_mouse(&v, NULL, &wheel);
	doc_mouse(&v, NULL, &wheel);
	assert_int_equal(s.doc.top, 0);
	v.area.h = 1; /* a page is at least a line */
	assert_int_equal(doc_page(&v), 1);
	v.area = (struct ui_rect){0, 0, 10, 40};
	doc_next_heading(&v, NULL); /* no headings: the end */
	assert_int_equal(s.doc.top, 40);
	doc_prev_heading(&v, NULL);
	assert_int_equal(s.doc.top, 0);
	doc_view_resize(&v, NULL);
	assert_int_equal(s.doc.width, 40);
	assert_int_equal(s.other, 7);
	doc_free(&s.doc);
}

/* ---- drawing ---- */

static int hooked;

/* A style hook that marks flagged paragraphs in the margin. */
static int bar(const struct doc_para *p, const struct ui *ui, WINDOW *w, int y, int x)
{
	(void)ui;
	hooked++;
	if (p->flags)
		ui_put(w, y, x, 1, "|", A_NORMAL, false);
	return p->style;
}

/* Row y of w, its trailing spaces cut. */
static const char *row(WINDOW *w, int y)
{
	static char buf[256];
	mvwinnstr(w, y, 0, buf, 80);
	for (size_t n = strlen(buf); n > 0 && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf;
}

static void test_draw(void **state)
{
	(void)state;
	char dir[512];
	struct pb_error e = {0};
	setenv("TERM", "vt100", 1);
	assert_int_equal(terminfo_ensure(dir, sizeof dir, &e), PB_OK); /* the built-in description when there is none */
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	SCREEN *sc = newterm(NULL, out, in);
	assert_non_null(sc);
	struct ui_palette plain;
	ui_palette_make(NULL, 0, false, &plain); /* attributes only: a match is underlined and bold */
	ui_palette_use(&plain, &plain);
	ui_set_ascii(true);
	struct ui ui = {.utf8 = false};
	WINDOW *w = newwin(8, 40, 0, 0);
	struct document d;
	doc_init(&d, 6);
	doc_field(&d, "Leads", "Simon Parry", UI_NORMAL);
	doc_heading(&d, "Updates");
	doc_text(&d, UI_NORMAL, 2, "%s", "repairs to the fire doors of every block");
	doc_flag(&d, 1);
	doc_raw(&d, UI_NORMAL, "raw");
	doc_layout(&d, 30);
	doc_draw(&d, &ui, w, (struct ui_rect){1, 0, 6, 30}, "repair", bar);
	assert_string_equal(row(w, 1), " Leads  Simon Parry");
	assert_string_equal(row(w, 2), "");
	assert_string_equal(row(w, 3), " Updates --------------------");
	assert_string_equal(row(w, 4), "|  repairs to the fire doors");
	assert_string_equal(row(w, 5), "|  of every block");
	assert_string_equal(row(w, 6), "raw");
	assert_int_equal(hooked, 6);
	assert_true((mvwinch(w, 4, 3) & A_ATTRIBUTES) != (mvwinch(w, 4, 12) & A_ATTRIBUTES)); /* "repair" is marked */
	werase(w);
	d.top = 3;
	doc_draw(&d, &ui, w, (struct ui_rect){0, 0, 2, 30}, NULL, NULL); /* from the top line, as many as the rect has */
	assert_string_equal(row(w, 0), "   repairs to the fire doors");
	assert_string_equal(row(w, 1), "   of every block");
	assert_string_equal(row(w, 2), "");
	doc_free(&d);
	delwin(w);
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
	terminfo_cleanup(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_building),
		cmocka_unit_test(test_text_wraps_at_the_width),
		cmocka_unit_test(test_fields_and_hanging_indents),
		cmocka_unit_test(test_headings_and_raw_lines_are_never_wrapped),
		cmocka_unit_test(test_scroll_keeps_the_last_page_full),
		cmocka_unit_test(test_heading_jumps),
		cmocka_unit_test(test_resize_keeps_the_paragraph_at_the_top),
		cmocka_unit_test(test_key_handlers_and_mouse),
		cmocka_unit_test(test_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
