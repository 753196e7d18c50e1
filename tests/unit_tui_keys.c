/* unit_tui_keys.c — unit tests for the settings file reaching the workbench without a terminal: key.VIEW.ACTION
 * finding its action, refusing a clash or a name that is not there, and the key then answered and shown
 * (tui/keymap.c); every table of the real workbench named; the colours each theme and override give a terminal with
 * 256, 8 or no colours (tui/ui.c ui_palette_make, core/settings.c settings_colour_fit); the status-line summary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "core/text.h"
#include "tui/config.h"
#include "tui/keymap.h"
#include "tui/ui.h"
#include "tests/settings_problems.h"

#define CTRL(c) ((c) & 0x1f)

/* ---- a small workbench of two screens ---- */

static int handled;

static int h_down(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 1; return UI_REDRAW; }
static int h_up(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 2; return UI_REDRAW; }
static int h_open(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 3; return UI_REDRAW; }
static int h_save(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 4; return UI_REDRAW; }
static int h_kill(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 5; return UI_REDRAW; }
static int h_quit(struct view *v, struct ui *ui) { (void)v, (void)ui; handled = 6; return UI_QUIT; }

static const struct key_binding list_keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", h_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up", h_up, 0},
	{"open", '\n', {'\r', KEY_ENTER}, "open", "Open it", h_open, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
static const struct key_binding form_keys[] = {
	{"save", KEY_F(2), {0}, "save", "Save", h_save, 0},
	{"save", CTRL('S'), {0}, "save", "Save (Ctrl-S)", h_save, UI_MODE_TEXT},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
static const struct key_binding text_keys[] = {
	{"delete-word", CTRL('W'), {0}, NULL, "Delete a word", h_kill, UI_MODE_TEXT},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
static const struct key_binding every_keys[] = {
	{"quit", 'q', {0}, "quit", "Quit", h_quit, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

static const struct keymap_view views[] = {
	{"global", "every screen", {every_keys, NULL}},
	{"text", "typing text", {text_keys, NULL}},
	{"list", "the list", {list_keys, NULL}},
	{"form", "the form", {form_keys, NULL}},
};
static const struct keymap_screen screens[] = {
	{"list", {list_keys, every_keys, NULL}},
	{"form", {form_keys, text_keys, every_keys, NULL}},
};
static const struct keymap_catalogue small = {views, 4, screens, 2};

static struct settings set;

/* Reads text as a settings file and applies its keys to the small workbench. */
static struct settings *apply(const char *text)
{
	settings_parse(text, strlen(text), &set);
	keymap_apply(&small, &set);
	return &set;
}

/* What key does in table, in mode: the handler's number, 0 for nothing. */
static int press(const struct key_binding *table, int key, unsigned mode)
{
	struct view v = {.mode = mode};
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	handled = 0;
	ui_dispatch(table, &v, &ui, key);
	return handled;
}

static int teardown(void **state)
{
	(void)state;
	keymap_reset();
	return 0;
}

/* ---- rebinding ---- */

/* A rebound action answers to its new key and no longer to the old one; its other keys still work. */
static void test_rebound_key_replaces_the_first(void **state)
{
	(void)state;
	assert_int_equal(apply("key.list.down = n\n")->nproblems, 0);
	assert_false(set.bindings[0].ignored);
	assert_int_equal(keymap_key(&list_keys[0]), 'n');
	assert_int_equal(press(list_keys, 'n', 0), 1);
	assert_int_equal(press(list_keys, 'j', 0), 0);
	assert_int_equal(press(list_keys, KEY_DOWN, 0), 1);
	assert_int_equal(press(list_keys, 'k', 0), 2);
	keymap_reset();
	assert_int_equal(press(list_keys, 'j', 0), 1);
	assert_int_equal(press(list_keys, 'n', 0), 0);
}

/* The hint bar shows the new key, merged with the action's neighbour as before. */
static void test_hint_bar_shows_the_new_key(void **state)
{
	const struct key_binding *tables[] = {list_keys, NULL};
	struct ui_hint h[8];
	(void)state;
	apply("key.list.down = n\nkey.list.open = F5\n");
	const struct key_binding *first[] = {list_keys, NULL};
	int n = ui_hints(tables, first, 0, false, h, 8);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].keys, "n/k");
	assert_string_equal(h[0].word, "move");
	assert_string_equal(h[1].keys, "F5");
	assert_string_equal(h[1].word, "open");
}

/* A form whose Enter goes to the next field, over a notes field of several lines whose editing keys take Enter (a new
 * line) and Down (the next line) first: the hint bar never offers Enter there, and names the free key of an action. */
static const struct key_binding lines_keys[] = {
	{"newline", '\r', {'\n', KEY_ENTER}, NULL, "Start a new line", h_kill, UI_MODE_LINES},
	{"down", KEY_DOWN, {0}, NULL, "Down a line", h_kill, UI_MODE_LINES},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
static const struct key_binding record_keys[] = {
	{"enter", '\r', {'\n', KEY_ENTER}, "next", "On to the next field", h_open, UI_MODE_TEXT},
	{"next-field", KEY_DOWN, {'\t'}, "field", "Next field", h_down, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

static void test_hint_bar_leaves_out_keys_the_text_takes(void **state)
{
	const struct key_binding *tables[] = {record_keys, every_keys, NULL};
	const struct key_binding *first[] = {lines_keys, record_keys, NULL};
	struct ui_hint h[8];
	(void)state;
	int n = ui_hints(tables, first, UI_MODE_TEXT, false, h, 8);
	assert_int_equal(n, 3);
	assert_string_equal(h[0].keys, "Enter");
	assert_string_equal(h[0].word, "next");
	assert_string_equal(h[1].keys, "Down");
	assert_string_equal(h[1].word, "field");
	n = ui_hints(tables, first, UI_MODE_TEXT | UI_MODE_LINES, false, h, 8);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].keys, "Tab");
	assert_string_equal(h[0].word, "field");
	assert_string_equal(h[1].keys, "q");
	assert_string_equal(h[1].word, "quit");
}

/* A key another action of a screen uses is a problem of its line, naming the other action, and is ignored; the lines
 * after it still apply. */
static void test_clash_reported_and_ignored(void **state)
{
	(void)state;
	apply("key.list.down = k\nkey.list.up = q\nkey.global.quit = j\nkey.list.open = o\n");
	assert_int_equal(set.nproblems, 3);
	assert_problem_has(&set, 1, "key.list.down: k is already key.list.up (Move up) on the list screen; this line is ignored");
	assert_problem_has(&set, 2, "q is already key.global.quit (Quit) on the list screen");
	assert_problem_has(&set, 3, "key.global.quit: j is already key.list.down (Move down) on the list screen");
	assert_true(set.bindings[0].ignored && set.bindings[1].ignored && set.bindings[2].ignored);
	assert_false(set.bindings[3].ignored);
	assert_int_equal(press(list_keys, 'j', 0), 1);
	assert_int_equal(press(list_keys, 'k', 0), 2);
	assert_int_equal(press(list_keys, 'o', 0), 3);
	assert_int_equal(keymap_key(&every_keys[0]), 'q');
}

/* An alternative key of another action clashes too, Enter in any of the forms a terminal sends it. */
static void test_clash_with_other_keys_and_forms(void **state)
{
	(void)state;
	apply("key.list.down = Up\nkey.list.up = Enter\nkey.form.save = Ctrl-W\n");
	assert_problem_has(&set, 1, "Up is already key.list.up");
	assert_problem_has(&set, 2, "Enter is already key.list.open");
	/* the text table is used on the form screen, and works in the modes save does */
	assert_problem_has(&set, 3, "Ctrl-W is already key.text.delete-word (Delete a word) on the form screen");
}

/* Giving an action a key its own other line has, or the key freed by another rebinding, is no clash. */
static void test_freed_and_own_keys(void **state)
{
	(void)state;
	assert_int_equal(apply("key.list.up = x\nkey.list.down = k\nkey.form.save = Ctrl-S\n")->nproblems, 0);
	assert_int_equal(press(list_keys, 'k', 0), 1);
	assert_int_equal(press(list_keys, 'x', 0), 2);
	assert_int_equal(press(form_keys, KEY_F(2), 0), 0);
	assert_int_equal(press(form_keys, CTRL('S'), 0), 4);
}

/* Enter rebound matches every form of Enter; the second line of an action keeps its key. */
static void test_named_keys_and_second_lines(void **state)
{
	(void)state;
	assert_int_equal(apply("key.list.open = o\nkey.form.save = Enter\n")->nproblems, 0);
	/* Enter in every form left open: o alone opens */
	assert_int_equal(press(list_keys, 'o', 0), 3);
	assert_int_equal(press(list_keys, '\r', 0), 0);
	assert_int_equal(press(list_keys, KEY_ENTER, 0), 0);
	assert_false(keymap_alt_kept(&list_keys[2], 0));
	assert_int_equal(press(form_keys, '\r', 0), 4);
	assert_int_equal(press(form_keys, '\n', 0), 4);
	assert_int_equal(press(form_keys, KEY_ENTER, 0), 4);
	assert_int_equal(press(form_keys, CTRL('S'), UI_MODE_TEXT), 4);
	assert_int_equal(press(form_keys, KEY_F(2), 0), 0);
	assert_int_equal(keymap_curses_key(SETTINGS_KEY_PGDN), KEY_NPAGE);
	assert_int_equal(keymap_curses_key(SETTINGS_KEY_F1 + 4), KEY_F(5));
	assert_int_equal(keymap_curses_key('x'), 'x');
}

/* A printable key cannot be given to an action that only works while text is typed. */
static void test_text_keys_refused_where_text_is_typed(void **state)
{
	(void)state;
	apply("key.text.delete-word = w\nkey.text.delete-word = Ctrl-B\n");
	assert_problem_has(&set, 1, "w types text where this action works");
	assert_true(set.bindings[0].ignored);
	/* the second line is a repeat of the setting: core/settings.c reports it and it never reaches the keymap */
	assert_problem_has(&set, 2, "already set on line 1");
}

/* Unknown names are problems of their line, listing the names there are. */
static void test_unknown_names_list_the_known(void **state)
{
	(void)state;
	apply("key.lst.down = n\nkey.list.dwn = n\n");
	assert_int_equal(set.nproblems, 2);
	assert_problem_has(&set, 1, "key.lst.down: there is no screen \"lst\"; the screens are global, text, list, form");
	assert_problem_has(&set, 2, "key.list.dwn: the list has no action \"dwn\"; its actions are down, up, open");
	apply("key.form.sav = F9\n");
	assert_problem_has(&set, 1, "its actions are save");
	assert_null(strstr(problem_of(&set, 1), "save, save"));
}

/* ---- the real workbench ---- */

/* Whether name is lower-case letters, digits and '-'. */
static bool good_name(const char *name)
{
	if (!name || !*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
			return false;
	return true;
}

/* Every line of every table has a name a settings file can write, unique in its table but for lines of one handler;
 * every view name is unique; every screen looks keys up in its own table and the workbench's. */
static void test_every_workbench_action_is_named(void **state)
{
	const struct keymap_catalogue *c = keymap_workbench();
	(void)state;
	assert_true(c->nviews > 30);
	for (int v = 0; v < c->nviews; v++) {
		assert_true(good_name(c->views[v].name));
		for (int w = v + 1; w < c->nviews; w++)
			assert_string_not_equal(c->views[v].name, c->views[w].name);
		for (const struct key_binding *const *t = c->views[v].tables; *t; t++)
			for (const struct key_binding *b = *t; b->key; b++) {
				if (!good_name(b->action))
					fail_msg("%s: \"%s\" (%s) is not a name", c->views[v].name, b->action ? b->action : "", b->help);
				for (const struct key_binding *o = b + 1; o->key; o++)
					if (strcmp(o->action, b->action) == 0 && o->handler != b->handler)
						fail_msg("%s.%s names two different actions", c->views[v].name, b->action);
				assert_string_equal(keymap_view_name(c, *t), c->views[v].name);
			}
	}
	for (int s = 0; s < c->nscreens; s++) {
		bool own = false, global = false;
		for (const struct key_binding *const *t = c->screens[s].tables; *t; t++) {
			const char *name = keymap_view_name(c, *t);
			assert_non_null(name);
			own |= strcmp(name, c->screens[s].name) == 0;
			global |= strcmp(name, "global") == 0;
		}
		assert_true(own && global);
	}
}

/* The real names work: the list's open moves to o and the workbench's quit to Q with no problem; a browse key onto a
 * list key is a clash on the list screen. */
static void test_workbench_rebinding(void **state)
{
	const struct keymap_catalogue *c = keymap_workbench();
	(void)state;
	const char *file = "key.list.open = o\nkey.global.quit = Q\nkey.browse.search = j\n";
	settings_parse(file, strlen(file), &set);
	keymap_apply(c, &set);
	assert_int_equal(set.nproblems, 1);
	assert_problem_has(&set, 3, "key.browse.search: j is already key.list.down (Move down one action) on the list screen");
	assert_int_equal(keymap_key(&view_actions.keys[6]), 'o');
	assert_string_equal(view_actions.keys[6].action, "open");
}

/* ---- colours ---- */

/* Colours a terminal lacks become the nearest it has; the terminal's own colour stays. */
static void test_colour_fit(void **state)
{
	(void)state;
	assert_int_equal(settings_colour_fit(100, 256), 100);
	assert_int_equal(settings_colour_fit(196, 8), COLOR_RED);
	assert_int_equal(settings_colour_fit(124, 8), COLOR_RED);
	assert_int_equal(settings_colour_fit(208, 8), COLOR_YELLOW);
	assert_int_equal(settings_colour_fit(21, 8), COLOR_BLUE);
	assert_int_equal(settings_colour_fit(15, 8), COLOR_WHITE);
	assert_int_equal(settings_colour_fit(15, 16), 15);
	assert_int_equal(settings_colour_fit(231, 16), 15);
	assert_int_equal(settings_colour_fit(232, 8), COLOR_BLACK);
	assert_int_equal(settings_colour_fit(255, 8), COLOR_WHITE);
	assert_int_equal(settings_colour_fit(SETTINGS_COLOUR_TERMINAL, 8), SETTINGS_COLOUR_TERMINAL);
}

/* The pair a style uses in p: its colours, or fails when it has none. */
static void assert_pair(const struct ui_palette *p, int style, short fg, short bg)
{
	int n = (int)PAIR_NUMBER(p->attr[style]);
	if (n <= 0 || n >= p->npairs)
		fail_msg("style %d has no colour pair", style);
	assert_int_equal(p->fg[n], fg);
	assert_int_equal(p->bg[n], bg);
}

static struct ui_palette palette_of(const char *text, int ncolors, bool default_bg)
{
	struct ui_palette p;
	settings_parse(text, strlen(text), &set);
	ui_palette_make(&set, ncolors, default_bg, &p);
	return p;
}

/* The default theme: RAG as coloured text on the terminal's background, the header white on blue, the selection
 * reversed with no colour of its own. */
static void test_default_palette(void **state)
{
	(void)state;
	struct ui_palette p = palette_of("", 256, true);
	assert_true(p.color);
	assert_pair(&p, UI_RED, COLOR_RED, -1);
	assert_int_equal(p.attr[UI_RED] & A_BOLD, 0);
	assert_pair(&p, UI_AMBER, COLOR_YELLOW, -1);
	assert_pair(&p, UI_GREEN, COLOR_GREEN, -1);
	assert_pair(&p, UI_BLUE, COLOR_BLUE, -1);
	assert_pair(&p, UI_HEADER, COLOR_WHITE, COLOR_BLUE);
	assert_int_equal(p.attr[UI_SELECTION], A_REVERSE);
	assert_int_equal(p.attr[UI_DIM], A_DIM);
	p = palette_of("", 8, false); /* no default background: black stands in */
	assert_pair(&p, UI_RED, COLOR_RED, COLOR_BLACK);
}

/* high-contrast: each RAG bold on a solid background, bright text where the terminal has it; nothing dim. */
static void test_high_contrast_palette(void **state)
{
	(void)state;
	struct ui_palette p = palette_of("theme = high-contrast", 256, true);
	assert_pair(&p, UI_RED, 15, COLOR_RED);
	assert_pair(&p, UI_AMBER, COLOR_BLACK, 11);
	assert_pair(&p, UI_GREEN, COLOR_BLACK, 10);
	assert_pair(&p, UI_BLUE, 15, COLOR_BLUE);
	assert_pair(&p, UI_HEADER, COLOR_BLACK, 15);
	for (int st = UI_RED; st <= UI_BLUE; st++)
		assert_true(p.attr[st] & A_BOLD);
	assert_int_equal(p.attr[UI_SELECTION], A_BOLD | A_REVERSE);
	assert_int_equal(p.attr[UI_DIM], 0);
	assert_pair(&p, UI_ERROR, 15, COLOR_RED);
	p = palette_of("theme = high-contrast", 8, true);
	assert_pair(&p, UI_RED, COLOR_WHITE, COLOR_RED);
	assert_pair(&p, UI_AMBER, COLOR_BLACK, COLOR_YELLOW);
}

/* An override replaces the theme's colour for its element only, 256-colour numbers fitted to the terminal. */
static void test_overrides(void **state)
{
	(void)state;
	struct ui_palette p = palette_of("colour.red = bold white on red\ncolour.amber = 208\ncolour.selection = black on cyan\n", 256, true);
	assert_pair(&p, UI_RED, COLOR_WHITE, COLOR_RED);
	assert_true(p.attr[UI_RED] & A_BOLD);
	assert_pair(&p, UI_AMBER, 208, -1);
	assert_pair(&p, UI_GREEN, COLOR_GREEN, -1);
	assert_pair(&p, UI_SELECTION, COLOR_BLACK, COLOR_CYAN);
	p = palette_of("colour.amber = 208\n", 8, true);
	assert_pair(&p, UI_AMBER, COLOR_YELLOW, -1);
}

/* mono, or a terminal without colour: no pair anywhere; Red bold, the header and selection reversed, an override's
 * attributes kept and its colours dropped. */
static void test_attributes_only(void **state)
{
	(void)state;
	const char *files[] = {"theme = mono\ncolour.red = bold white on red\n", "colour.amber = underline yellow\n"};
	for (int f = 0; f < 2; f++) {
		struct ui_palette p = palette_of(files[f], f == 0 ? 256 : 0, true);
		assert_false(p.color);
		for (int st = 0; st < UI_NSTYLES; st++)
			if (p.attr[st] & A_COLOR)
				fail_msg("file %d: style %d has a colour", f, st);
		assert_int_equal(p.attr[UI_RED], A_BOLD);
		assert_int_equal(p.attr[UI_HEADER], A_REVERSE);
		assert_int_equal(p.attr[UI_SELECTION], A_REVERSE);
	}
	struct ui_palette p = palette_of("colour.amber = underline yellow\ncolour.green = green\n", 0, true);
	assert_int_equal(p.attr[UI_AMBER], A_UNDERLINE);
	assert_int_equal(p.attr[UI_GREEN], 0); /* a colour alone gives nothing without colour: the mono theme's */
}

/* A coloured selection takes the place of a cell's colour; a selection without colour keeps it. */
static void test_selection_over_a_cell(void **state)
{
	struct ui ui = {.color = true};
	struct ui_palette plain = palette_of("", 0, true), colour = palette_of("colour.selection = black on cyan\n", 256, true);
	(void)state;
	ui_palette_use(&colour, &plain);
	attr_t sel = ui_attr(&ui, UI_SELECTION);
	assert_int_equal(ui_attr_over(&ui, sel, UI_RED), sel);
	assert_int_equal(ui_attr_over(&ui, sel, UI_RED | UI_BOLD), sel | A_BOLD);
	assert_int_equal(ui_attr_over(&ui, A_REVERSE, UI_RED), A_REVERSE | ui_attr(&ui, UI_RED));
	assert_true(ui_attr(&ui, UI_RED) & A_COLOR);
	ui.color = false;
	assert_int_equal(ui_attr(&ui, UI_RED), A_BOLD);
}

/* ---- the status line ---- */

/* The first problem, how many there are and where, and what to run, in the width given. */
static void test_problems_line(void **state)
{
	char out[600];
	(void)state;
	const char *file = "theme = purple\nkey.list.dwn = n\n";
	settings_parse(file, strlen(file), &set);
	keymap_apply(keymap_workbench(), &set);
	setenv("HOME", "/home/jo", 1);
	config_problems_line(&set, "/home/jo/.config/planbench/config", 200, out, sizeof out);
	assert_string_equal(out, "settings: 2 problems in ~/.config/planbench/config, line 1: theme \"purple\" is not a theme; "
				 "write default, high-contrast or mono — run planbench settings to see them");
	config_problems_line(&set, "/c", 100, out, sizeof out);
	assert_non_null(strstr(out, "settings: 2 problems in /c, line 1: theme \"purple\""));
	assert_non_null(strstr(out, "is not a t")); /* cut, to leave room for what to run */
	assert_null(strstr(out, "mono"));
	assert_non_null(strstr(out, " — run planbench settings to see them"));
	assert_true(text_width(out) <= 100);
	config_problems_line(&set, "/home/jo2/c", 40, out, sizeof out);
	assert_string_equal(out, "settings: 2 problems in jo2/c, line 1: … — run planbench settings to see them");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_rebound_key_replaces_the_first, teardown),
		cmocka_unit_test_teardown(test_hint_bar_shows_the_new_key, teardown),
		cmocka_unit_test_teardown(test_hint_bar_leaves_out_keys_the_text_takes, teardown),
		cmocka_unit_test_teardown(test_clash_reported_and_ignored, teardown),
		cmocka_unit_test_teardown(test_clash_with_other_keys_and_forms, teardown),
		cmocka_unit_test_teardown(test_freed_and_own_keys, teardown),
		cmocka_unit_test_teardown(test_named_keys_and_second_lines, teardown),
		cmocka_unit_test_teardown(test_text_keys_refused_where_text_is_typed, teardown),
		cmocka_unit_test_teardown(test_unknown_names_list_the_known, teardown),
		cmocka_unit_test_teardown(test_every_workbench_action_is_named, teardown),
		cmocka_unit_test_teardown(test_workbench_rebinding, teardown),
		cmocka_unit_test(test_colour_fit),
		cmocka_unit_test(test_default_palette),
		cmocka_unit_test(test_high_contrast_palette),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_attributes_only),
		cmocka_unit_test(test_selection_over_a_cell),
		cmocka_unit_test_teardown(test_problems_line, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
