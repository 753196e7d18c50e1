/* unit_settings.c — unit tests for the settings file (core/settings.c): every setting read, each bad line reported
 * with its number and ignored while the rest apply, colours and keys both ways, the template; and the settings
 * kept in the database (store/settings.c): read, changed in one audited transaction, checked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/rag.h"
#include "core/settings.h"
#include "store/settings.h"
#include "store/store.h"
#include "tests/settings_problems.h"

/* ---- helpers ---- */

static struct settings parsed;

/* Parses text into the shared settings and returns them. */
static const struct settings *parse(const char *text)
{
	settings_parse(text, strlen(text), &parsed);
	return &parsed;
}

/* A colour written back, in a static buffer. */
static const char *colour_text(struct settings_colour c)
{
	static char out[64];
	settings_format_colour(c, out, sizeof out);
	return out;
}

static bool same_colour(struct settings_colour a, struct settings_colour b)
{
	return a.fg == b.fg && a.bg == b.bg && a.attrs == b.attrs;
}

/* ---- the file ---- */

/* With no file, every setting has its default and there is no problem. */
static void test_defaults(void **state)
{
	struct settings s;
	(void)state;
	settings_init(&s);
	assert_string_equal(s.plan, "");
	assert_int_equal(s.theme, SETTINGS_THEME_DEFAULT);
	assert_int_equal(s.nproblems, 0);
	assert_int_equal(s.nbindings, 0);
	assert_string_equal(colour_text(settings_colour_of(&s, SETTINGS_RED)), "red");
	assert_string_equal(colour_text(settings_colour_of(&s, SETTINGS_HEADER)), "bold white on blue");
	assert_string_equal(colour_text(settings_colour_of(&s, SETTINGS_SELECTION)), "reverse");
	assert_int_equal(parse("")->nproblems, 0);
	assert_int_equal(parse("\n\n   \n# only comments\n\t# indented comment\n")->nproblems, 0);
}

/* Every kind of setting is read, with the line it came from; comments, blank lines, CRLF and quotes are allowed. */
static void test_reads_every_setting(void **state)
{
	(void)state;
	const struct settings *s = parse("# planbench\r\n"
					 "plan = HIP-2526\r\n"
					 "\n"
					 "  Theme=high-contrast  \n"
					 "colour.red = bold white on red\n"
					 "color.header = \"underline 208 on default\"\n"
					 "key.list.search = s\n"
					 "key.detail.back = Esc\n"
					 "key.list.filter = Ctrl-F");
	assert_int_equal(s->nproblems, 0);
	assert_int_equal(s->lines, 9);
	assert_string_equal(s->plan, "HIP-2526");
	assert_int_equal(s->plan_line, 2);
	assert_int_equal(s->theme, SETTINGS_THEME_HIGH_CONTRAST);
	assert_int_equal(s->theme_line, 4);
	assert_int_equal(s->colour_line[SETTINGS_RED], 5);
	assert_string_equal(colour_text(settings_colour_of(s, SETTINGS_RED)), "bold white on red");
	assert_int_equal(s->colour_line[SETTINGS_HEADER], 6);
	assert_string_equal(colour_text(settings_colour_of(s, SETTINGS_HEADER)), "underline 208");
	/* elements not set follow the theme */
	assert_int_equal(s->colour_line[SETTINGS_AMBER], 0);
	assert_true(same_colour(settings_colour_of(s, SETTINGS_AMBER), settings_theme_colour(SETTINGS_THEME_HIGH_CONTRAST, SETTINGS_AMBER)));
	assert_int_equal(s->nbindings, 3);
	assert_string_equal(s->bindings[0].view, "list");
	assert_string_equal(s->bindings[0].action, "search");
	assert_int_equal(s->bindings[0].key, 's');
	assert_int_equal(s->bindings[0].line, 7);
	assert_int_equal(s->bindings[1].key, SETTINGS_KEY_ESC);
	assert_int_equal(s->bindings[2].key, 6);
}

/* The case: bad lines are reported with their numbers and ignored one by one; the good lines still apply. */
static void test_bad_lines_reported_rest_applied(void **state)
{
	(void)state;
	const struct settings *s = parse("plan = HRS-2026\n"		  /* 1 */
					 "theme = purple\n"		  /* 2 */
					 "colour.green = lime\n"	  /* 3 */
					 "colour.amber = yellow on\n"	  /* 4 */
					 "colour.sky = blue\n"		  /* 5 */
					 "no equals sign here\n"	  /* 6 */
					 "= mono\n"			  /* 7 */
					 "fonts = large\n"		  /* 8 */
					 "key.list.search = F13\n"	  /* 9 */
					 "key.List Search = s\n"	  /* 10 */
					 "theme = mono # quiet\n"	  /* 11 */
					 "colour.red = white on red\n"	  /* 12 */
					 "key.list.search = /\n");	  /* 13 */
	assert_int_equal(s->nproblems, 10);
	assert_problem_has(s, 2, "theme \"purple\" is not a theme; write default, high-contrast or mono");
	assert_problem_has(s, 3, "\"lime\" is not a colour");
	assert_problem_has(s, 4, "\"on\" needs a colour after it");
	assert_problem_has(s, 5, "there is no colour.sky");
	assert_problem_has(s, 6, "\"no equals sign here\" is not a setting; write key = value");
	assert_problem_has(s, 7, "no setting name");
	assert_problem_has(s, 8, "there is no setting \"fonts\"");
	assert_problem_has(s, 9, "\"F13\" is not a key");
	assert_problem_has(s, 10, "write key.VIEW.ACTION = KEY");
	assert_problem_has(s, 11, "a comment goes on a line of its own");
	/* and what was good applies */
	assert_string_equal(s->plan, "HRS-2026");
	assert_int_equal(s->theme, SETTINGS_THEME_DEFAULT);
	assert_int_equal(s->theme_line, 0);
	assert_string_equal(colour_text(settings_colour_of(s, SETTINGS_RED)), "white on red");
	assert_int_equal(s->colour_line[SETTINGS_GREEN], 0);
	assert_int_equal(s->nbindings, 1);
	assert_int_equal(s->bindings[0].key, '/');
	assert_int_equal(s->bindings[0].line, 13);
}

/* Thresholds and the quarter scheme belong to the data: a line for one is ignored and says how to change it. */
static void test_data_settings_in_file_ignored(void **state)
{
	(void)state;
	const struct settings *s = parse("rag.amber_days = 14\nQuarter.Scheme = calendar\nplan = X\n");
	assert_int_equal(s->nproblems, 2);
	assert_problem_has(s, 1, "rag.amber_days belongs to the data");
	assert_problem_has(s, 1, "this line is ignored");
	assert_problem_has(s, 1, "`planbench settings set rag.amber_days 14`");
	assert_problem_has(s, 2, "`planbench settings set quarter.scheme calendar`");
	assert_int_equal(s->data_line[0], 1);
	assert_string_equal(s->data_value[0], "14");
	assert_int_equal(s->data_line[1], 2);
	assert_string_equal(s->plan, "X");
}

/* A setting given twice: the first applies, the second is reported; so is one key given to two actions of a view. */
static void test_repeats(void **state)
{
	(void)state;
	const struct settings *s = parse("plan = A\nplan = B\ntheme = mono\ntheme = default\ncolour.red = red\ncolour.red = blue\n"
					 "key.list.search = s\nkey.list.search = x\nkey.list.sort = s\nkey.detail.back = s\n");
	assert_int_equal(s->nproblems, 5);
	assert_string_equal(s->plan, "A");
	assert_problem_has(s, 2, "plan is already set on line 1");
	assert_int_equal(s->theme, SETTINGS_THEME_MONO);
	assert_problem_has(s, 4, "theme is already set on line 3");
	assert_string_equal(colour_text(settings_colour_of(s, SETTINGS_RED)), "red");
	assert_problem_has(s, 6, "colour.red is already set on line 5");
	assert_problem_has(s, 8, "key.list.search is already set on line 7");
	assert_problem_has(s, 9, "s is already given to key.list.search on line 7");
	/* the same key in another view is no clash */
	assert_int_equal(s->nbindings, 2);
	assert_string_equal(s->bindings[1].view, "detail");
}

/* Lines that are too long, not UTF-8 or hold control characters are reported, and the next line still read. */
static void test_unreadable_lines(void **state)
{
	struct buf b = {0};
	(void)state;
	buf_add(&b, "plan = ");
	for (int i = 0; i < SETTINGS_LINE_MAX; i++)
		buf_addc(&b, 'x');
	buf_add(&b, "\ntheme = caf\xe9\nplan = a\x1b[2Jb\nplan = P-1\nplan = ");
	for (int i = 0; i < SETTINGS_PLAN_MAX; i++)
		buf_addc(&b, 'y');
	settings_parse(buf_str(&b), b.len, &parsed);
	buf_free(&b);
	assert_problem_has(&parsed, 1, "longer than 1000 bytes");
	assert_problem_has(&parsed, 2, "not UTF-8");
	assert_problem_has(&parsed, 3, "control character (byte 27)");
	assert_problem_has(&parsed, 5, "plan is already set on line 4");
	assert_string_equal(parsed.plan, "P-1");
	assert_int_equal(parse("plan = \xef\xbb\xbfP\n")->nproblems, 0); /* UTF-8 is fine */
	assert_int_equal(parse(" plan = ")->plan_line, 1);	    /* an empty plan: the overdue queue */
	assert_string_equal(parsed.plan, "");
}

/* A file full of mistakes keeps the first problems and counts the rest. */
static void test_problems_are_bounded(void **state)
{
	struct buf b = {0};
	(void)state;
	for (int i = 0; i < SETTINGS_MAX_PROBLEMS + 8; i++)
		buf_add(&b, "wrong\n");
	buf_add(&b, "theme = mono\n");
	settings_parse(buf_str(&b), b.len, &parsed);
	buf_free(&b);
	assert_int_equal(parsed.nproblems, SETTINGS_MAX_PROBLEMS);
	assert_int_equal(parsed.problems_dropped, 8);
	assert_int_equal(parsed.theme, SETTINGS_THEME_MONO);
}

/* ---- colours, keys, themes ---- */

/* Colours read as written and write back in one form that reads the same. */
static void test_colours_both_ways(void **state)
{
	static const char *const cases[][2] = {
		{"red", "red"}, {"Bold White ON Red", "bold white on red"}, {"reverse", "reverse"}, {"on blue", "on blue"},
		{"default", "default"}, {"default on default", "default"}, {"208 on 17", "208 on 17"}, {"7", "white"},
		{"dim underline cyan", "underline dim cyan"}, {"bold bold", "bold"}, {"on magenta bold", "bold on magenta"},
		{"bold Bright-White on red", "bold bright-white on red"}, {"15 on 8", "bright-white on bright-black"},
	};
	char why[256];
	struct settings_colour c, again;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!settings_parse_colour(cases[i][0], &c, why, sizeof why))
			fail_msg("\"%s\": %s", cases[i][0], why);
		assert_string_equal(colour_text(c), cases[i][1]);
		assert_true(settings_parse_colour(colour_text(c), &again, why, sizeof why));
		assert_true(same_colour(c, again));
	}
}

/* What a colour cannot be, each with what to write instead. */
static void test_bad_colours(void **state)
{
	static const char *const cases[][2] = {
		{"", "no colour is given"}, {"   ", "no colour is given"}, {"pink", "\"pink\" is not a colour"},
		{"256", "\"256\" is not a colour"}, {"red blue", "two foreground colours"}, {"on", "\"on\" needs a colour"},
		{"red on blue green", "two background colours"}, {"on red on blue", "\"on\" is written twice"}, {"-1", "not a colour"},
		{"on magenta yellow", "two background colours"},
	};
	char why[256];
	struct settings_colour c;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		why[0] = '\0';
		if (settings_parse_colour(cases[i][0], &c, why, sizeof why))
			fail_msg("\"%s\" was read as a colour", cases[i][0]);
		if (!strstr(why, cases[i][1]))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"", cases[i][0], why, cases[i][1]);
	}
}

/* Keys in their spellings, written back as the first spelling; what is not a key is refused. */
static void test_keys_both_ways(void **state)
{
	static const char *const good[][2] = {
		{"s", "s"}, {"/", "/"}, {"?", "?"}, {"G", "G"}, {"Ctrl-X", "Ctrl-X"}, {"ctrl-x", "Ctrl-X"}, {"C-x", "Ctrl-X"},
		{"^X", "Ctrl-X"}, {"Ctrl+a", "Ctrl-A"}, {"F1", "F1"}, {"f12", "F12"}, {"pgdn", "PgDn"}, {"PageUp", "PgUp"},
		{"Return", "Enter"}, {"escape", "Esc"}, {"Del", "Delete"}, {"SPACE", "Space"}, {"Tab", "Tab"},
	};
	static const char *const bad[] = {"", " ", "ab", "F0", "F13", "F1x", "Ctrl-1", "Ctrl-", "é", "\x7f", "Ctrl-XX"};
	char out[32];
	int key, again;
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!settings_parse_key(good[i][0], &key))
			fail_msg("\"%s\" was not read as a key", good[i][0]);
		settings_format_key(key, out, sizeof out);
		assert_string_equal(out, good[i][1]);
		assert_true(settings_parse_key(out, &again));
		assert_int_equal(key, again);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (settings_parse_key(bad[i], &key))
			fail_msg("\"%s\" was read as a key", bad[i]);
}

/* mono uses no colour at all; high-contrast differs from the default for every element; a theme is by name. */
static void test_themes(void **state)
{
	(void)state;
	for (int el = 0; el < SETTINGS_NELEMENTS; el++) {
		struct settings_colour m = settings_theme_colour(SETTINGS_THEME_MONO, el);
		assert_int_equal(m.fg, SETTINGS_COLOUR_TERMINAL);
		assert_int_equal(m.bg, SETTINGS_COLOUR_TERMINAL);
		assert_false(same_colour(settings_theme_colour(SETTINGS_THEME_HIGH_CONTRAST, el),
					 settings_theme_colour(SETTINGS_THEME_DEFAULT, el)));
	}
	assert_true(settings_theme_colour(SETTINGS_THEME_MONO, SETTINGS_RED).attrs & SETTINGS_BOLD);
	assert_string_equal(settings_theme_name(SETTINGS_THEME_HIGH_CONTRAST), "high-contrast");
	assert_int_equal(parse("theme = High-Contrast")->theme, SETTINGS_THEME_HIGH_CONTRAST);
	assert_string_equal(settings_element_name(SETTINGS_SELECTION), "selection");
}

/* ---- the template ---- */

/* The template reads with no problem; every setting is in it; uncommented, its values are exactly the defaults. */
static void test_template_is_complete_and_true(void **state)
{
	struct buf t = {0}, on = {0};
	struct settings defaults;
	char want[64];
	(void)state;
	settings_template(&t);
	const char *text = buf_str(&t);
	assert_int_equal(parse(text)->nproblems, 0);
	assert_non_null(strstr(text, "# plan =\n"));
	assert_non_null(strstr(text, "# theme = default\n"));
	for (int el = 0; el < SETTINGS_NELEMENTS; el++) {
		snprintf(want, sizeof want, "# colour.%s = ", settings_element_name(el));
		assert_non_null(strstr(text, want));
	}
	for (const struct settings_data_def *d = settings_data; d->key; d++) {
		snprintf(want, sizeof want, "%s (default %s)", d->key, d->fallback);
		assert_non_null(strstr(text, want));
	}
	assert_non_null(strstr(text, "key.list.open = o"));
	/* every "# key = value" line made live: the defaults, no problem */
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		if (n > 2 && line[0] == '#' && line[1] == ' ' && memchr(line, '=', n) && !memchr(line, '(', n) && strncmp(line + 2, "key.", 4))
			buf_addn(&on, line + 2, n - 2), buf_addc(&on, '\n');
		line += n + (line[n] == '\n');
	}
	settings_parse(buf_str(&on), on.len, &parsed);
	assert_int_equal(parsed.nproblems, 0);
	assert_int_equal(parsed.lines, 2 + SETTINGS_NELEMENTS);
	settings_init(&defaults);
	assert_string_equal(parsed.plan, defaults.plan);
	assert_int_equal(parsed.theme, defaults.theme);
	for (int el = 0; el < SETTINGS_NELEMENTS; el++)
		assert_true(same_colour(settings_colour_of(&parsed, el), settings_colour_of(&defaults, el)));
	buf_free(&t);
	buf_free(&on);
}

/* ---- data settings ---- */

/* Values are checked and put in one form; the default threshold is the RAG rules'. */
static void test_data_check(void **state)
{
	char out[64], why[256];
	(void)state;
	assert_true(settings_data_check("rag.amber_days", "21", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "21");
	assert_true(settings_data_check("RAG.amber_days", "021", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "21");
	assert_true(settings_data_check("rag.amber_days", "0", out, sizeof out, why, sizeof why));
	assert_true(settings_data_check("rag.amber_days", "365", out, sizeof out, why, sizeof why));
	assert_false(settings_data_check("rag.amber_days", "366", out, sizeof out, why, sizeof why));
	assert_non_null(strstr(why, "from 0 to 365"));
	assert_false(settings_data_check("rag.amber_days", "-1", out, sizeof out, why, sizeof why));
	assert_false(settings_data_check("rag.amber_days", "two", out, sizeof out, why, sizeof why));
	assert_false(settings_data_check("rag.amber_days", "", out, sizeof out, why, sizeof why));
	assert_true(settings_data_check("quarter.scheme", "Calendar", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "calendar");
	assert_false(settings_data_check("quarter.scheme", "fiscal", out, sizeof out, why, sizeof why));
	assert_non_null(strstr(why, "financial (April to March) or calendar"));
	assert_false(settings_data_check("theme", "mono", out, sizeof out, why, sizeof why));
	char amber[16];
	snprintf(amber, sizeof amber, "%d", rag_default_rules().amber_days);
	assert_string_equal(settings_data_find("rag.amber_days")->fallback, amber);
	assert_string_equal(settings_data_find("quarter.scheme")->fallback, "financial");
	assert_null(settings_data_find("plan"));
}

/* ---- the database ---- */

/* A scratch database file; the directory is removed by remove_dir. */
static struct store *open_scratch(char *dir, char *path, size_t len)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	assert_non_null(mkdtemp(dir));
	snprintf(path, len, "%s/s.db", dir);
	if (store_open(path, STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_actor(s, "Test Officer");
	return s;
}

static void remove_dir(const char *dir)
{
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The audit rows of settings, as "who key old->new" lines. */
static void audit_of_settings(const char *path, char *out, size_t len)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t o = 0;
	out[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT who, field, ifnull(old,'-'), new FROM audit WHERE entity = 'setting' ORDER BY id",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && o < len)
		o += (size_t)snprintf(out + o, len - o, "%s %s %s->%s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
				      sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* A new database holds the defaults; a change is written with its audit record, and applies to the RAG rules at once. */
static void test_store_setting_set_is_audited(void **state)
{
	char dir[] = "/tmp/pb_unit_settings_XXXXXX", path[300], value[64], old[64], audit[512];
	bool stored, changed;
	struct pb_error e = {0};
	(void)state;
	struct store *s = open_scratch(dir, path, sizeof path);
	assert_int_equal(store_setting_get(s, "rag.amber_days", value, sizeof value, &stored, &e), PB_OK);
	assert_true(stored);
	assert_string_equal(value, "30");
	assert_int_equal(store_setting_set(s, "rag.amber_days", "21", old, sizeof old, &changed, &e), PB_OK);
	assert_true(changed);
	assert_string_equal(old, "30");
	assert_int_equal(store_rag_rules(s).amber_days, 21);
	assert_int_equal(store_setting_set(s, "rag.amber_days", "021", old, sizeof old, &changed, &e), PB_OK);
	assert_false(changed); /* the same value: nothing written */
	assert_string_equal(old, "21");
	assert_int_equal(store_setting_set(s, "quarter.scheme", "Calendar", old, sizeof old, &changed, &e), PB_OK);
	assert_true(changed);
	assert_int_equal(store_setting_get(s, "quarter.scheme", value, sizeof value, &stored, &e), PB_OK);
	assert_string_equal(value, "calendar");
	store_close(s);
	audit_of_settings(path, audit, sizeof audit);
	assert_string_equal(audit, "Test Officer rag.amber_days 30->21\nTest Officer quarter.scheme financial->calendar\n");
	/* a fresh open reads them back */
	assert_int_equal(store_open(path, 0, &s, &e), PB_OK);
	assert_int_equal(store_rag_rules(s).amber_days, 21);
	store_close(s);
	remove_dir(dir);
}

/* A bad value, an unknown key or a read-only database changes nothing. */
static void test_store_setting_refused(void **state)
{
	char dir[] = "/tmp/pb_unit_settings_XXXXXX", path[300], old[64], value[64], audit[512];
	bool changed, stored;
	struct pb_error e = {0};
	(void)state;
	struct store *s = open_scratch(dir, path, sizeof path);
	assert_int_equal(store_setting_set(s, "rag.amber_days", "soon", old, sizeof old, &changed, &e), PB_USAGE);
	assert_non_null(strstr(e.msg, "rag.amber_days is a number of days from 0 to 365, not \"soon\""));
	assert_false(changed);
	assert_int_equal(store_setting_set(s, "theme", "mono", old, sizeof old, &changed, &e), PB_USAGE);
	assert_non_null(strstr(e.msg, "rag.amber_days and quarter.scheme"));
	store_close(s);
	assert_int_equal(store_open(path, STORE_READ_ONLY, &s, &e), PB_OK);
	assert_int_equal(store_setting_set(s, "rag.amber_days", "7", old, sizeof old, &changed, &e), PB_BUSY);
	assert_false(changed);
	assert_int_equal(store_rag_rules(s).amber_days, 30);
	assert_int_equal(store_setting_get(s, "rag.amber_days", value, sizeof value, &stored, &e), PB_OK);
	assert_string_equal(value, "30");
	store_close(s);
	audit_of_settings(path, audit, sizeof audit);
	assert_string_equal(audit, "");
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_reads_every_setting),
		cmocka_unit_test(test_bad_lines_reported_rest_applied),
		cmocka_unit_test(test_data_settings_in_file_ignored),
		cmocka_unit_test(test_repeats),
		cmocka_unit_test(test_unreadable_lines),
		cmocka_unit_test(test_problems_are_bounded),
		cmocka_unit_test(test_colours_both_ways),
		cmocka_unit_test(test_bad_colours),
		cmocka_unit_test(test_keys_both_ways),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_template_is_complete_and_true),
		cmocka_unit_test(test_data_check),
		cmocka_unit_test(test_store_setting_set_is_audited),
		cmocka_unit_test(test_store_setting_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
