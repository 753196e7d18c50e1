/* unit_tui_fields.c — unit tests for a form's fields (tui/view_editor.c editor_fields_*), which the action and
 * engagement record forms share: set up with their limits, filled, what differs from how they were, let go. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/view_editor.h"

#define NFIELDS 3

static bool multi(int field)
{
	return field == 2;
}

static size_t limit(int field)
{
	return field == 0 ? 8 : 0;
}

/* Filled fields differ from nothing until one is changed, and then only that one, until filled again. */
static void test_fields_differ_from_how_they_were(void **state)
{
	struct editor field[NFIELDS];
	char *was[NFIELDS] = {0};
	struct editor_fields fs = {field, was, NFIELDS};
	(void)state;
	memset(field, 0, sizeof field);
	assert_true(editor_fields_init(&fs, multi, limit));
	assert_false(field[0].multiline);
	assert_true(field[2].multiline);
	editor_set(&field[0], "SQ5");
	editor_set(&field[2], "Line one\nLine two");
	field[2].changed = true;
	editor_fields_filled(&fs);
	assert_string_equal(was[0], "SQ5");
	assert_string_equal(was[1], "");
	assert_false(field[2].changed);
	for (int i = 0; i < NFIELDS; i++)
		assert_false(editor_field_differs(&fs, i));
	editor_set(&field[1], "A new title");
	assert_true(editor_field_differs(&fs, 1));
	assert_false(editor_field_differs(&fs, 0));
	editor_set(&field[1], "");
	assert_false(editor_field_differs(&fs, 1)); /* back to how it was */
	editor_set(&field[0], "SQ5-and-much-more");
	assert_true(strlen(editor_text(&field[0])) <= 8); /* its limit */
	editor_fields_filled(&fs);
	assert_false(editor_field_differs(&fs, 0));
	editor_fields_free(&fs, NULL);
	assert_null(was[0]);
}

/* The field being typed into is let go with the form. */
static void test_fields_free_lets_the_ui_go(void **state)
{
	struct editor field[NFIELDS];
	char *was[NFIELDS] = {0};
	struct editor_fields fs = {field, was, NFIELDS};
	struct ui ui;
	(void)state;
	memset(field, 0, sizeof field);
	memset(&ui, 0, sizeof ui);
	assert_true(editor_fields_init(&fs, multi, limit));
	editor_fields_filled(&fs);
	ui.editor = &field[1];
	editor_fields_free(&fs, &ui);
	assert_null(ui.editor);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_differ_from_how_they_were),
		cmocka_unit_test(test_fields_free_lets_the_ui_go),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
