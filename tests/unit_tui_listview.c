/* unit_tui_listview.c — unit tests for the list keys that Help and History share (tui/listview.c listview_key_*):
 * the selection moved a row, a page, to the first and last row, by the wheel and to the row clicked, on a view whose
 * state starts with its list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "tui/listview.h"

#define ROWS 100

static const struct listview_column columns[1] = {{.title = "Row", .width = 0, .min = 4}};

static int count_rows(void *ctx, long *n, struct pb_error *e)
{
	(void)ctx, (void)e;
	*n = ROWS;
	return PB_OK;
}

static int fetch_rows(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	(void)ctx, (void)e;
	for (long i = offset; i < offset + limit && i < ROWS; i++) {
		char text[32];
		struct listview_row *row = listview_add_row(lv, i);
		if (!row)
			break;
		snprintf(text, sizeof text, "row %ld", i);
		listview_set_cell(row, 0, text, UI_NORMAL);
	}
	return PB_OK;
}

/* A screen's state as the handlers need it: its list first. */
struct screen {
	struct listview *lv;
	int other;
};

static void test_keys_move_the_selection(void **state)
{
	(void)state;
	struct screen s = {.other = 7};
	struct listview_source src = {count_rows, fetch_rows, NULL};
	s.lv = listview_new(columns, 1, src, "none");
	assert_non_null(s.lv);
	struct view v = {.priv = &s, .area = {.y = 2, .x = 0, .h = 11, .w = 40}};
	listview_set_size(s.lv, v.area.h, v.area.w, NULL); /* the titles and ten rows */
	listview_reset(s.lv, NULL);
	assert_int_equal(listview_index(s.lv), 0);
	assert_int_equal(listview_key_down(&v, NULL), UI_REDRAW);
	assert_int_equal(listview_index(s.lv), 1);
	listview_key_up(&v, NULL);
	listview_key_up(&v, NULL);
	assert_int_equal(listview_index(s.lv), 0);
	listview_key_page_down(&v, NULL); /* a page less the row kept in sight */
	assert_int_equal(listview_visible_rows(s.lv), 10);
	assert_int_equal(listview_index(s.lv), 9);
	assert_int_equal(listview_top(s.lv), 9);
	listview_key_page_up(&v, NULL);
	assert_int_equal(listview_index(s.lv), 0);
	listview_key_last(&v, NULL);
	assert_int_equal(listview_index(s.lv), ROWS - 1);
	assert_string_equal(listview_selected(s.lv)->cell[0].text, "row 99");
	listview_key_first(&v, NULL);
	assert_int_equal(listview_index(s.lv), 0);
	assert_int_equal(s.other, 7);
	listview_free(s.lv);
}

static void test_mouse(void **state)
{
	(void)state;
	struct screen s = {0};
	struct listview_source src = {count_rows, fetch_rows, NULL};
	s.lv = listview_new(columns, 1, src, "none");
	assert_non_null(s.lv);
	struct view v = {.priv = &s, .area = {.y = 2, .x = 0, .h = 11, .w = 40}};
	listview_set_size(s.lv, v.area.h, v.area.w, NULL);
	listview_reset(s.lv, NULL);
	struct ui_mouse m = {UI_WHEEL_DOWN, 5, 5};
	assert_int_equal(listview_key_mouse(&v, NULL, &m), UI_REDRAW);
	assert_int_equal(listview_index(s.lv), 3);
	m.kind = UI_WHEEL_UP;
	listview_key_mouse(&v, NULL, &m);
	listview_key_mouse(&v, NULL, &m);
	assert_int_equal(listview_index(s.lv), 0);
	m = (struct ui_mouse){UI_CLICK, v.area.y + 5, 3}; /* line 0 is the titles: the fifth row */
	listview_key_mouse(&v, NULL, &m);
	assert_int_equal(listview_index(s.lv), 4);
	m.y = v.area.y; /* the titles: no row there, the selection stays */
	assert_int_equal(listview_key_mouse(&v, NULL, &m), UI_REDRAW);
	assert_int_equal(listview_index(s.lv), 4);
	listview_free(s.lv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_move_the_selection),
		cmocka_unit_test(test_mouse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
