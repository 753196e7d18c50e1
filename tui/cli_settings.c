/* cli_settings.c — `planbench settings`: the effective settings and where each came from, every key's name, the
 * template file, and `settings set` for the settings that belong to the data. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/settings.h"
#include "core/text.h"
#include "store/settings.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/config.h"
#include "tui/keymap.h"

/* Fits s into a column of width, padded; text wider than that (a high-contrast colour, "bold black on bright-yellow",
 * or key.engagement-detail.edit) pushes the rest of its row along, up to 60 columns, rather than lose its end. */
static void column(const char *s, int width, char *out, size_t len)
{
	int w = text_width(s);
	text_fit(s, w < width ? width : w > 60 ? 60 : w, true, out, len);
}

/* One row of the table: the setting, its value, where it came from and a note. */
static void row(const char *key, const char *value, const char *from, const char *note)
{
	char k[256], v[256];
	column(key, 18, k, sizeof k);
	column(*value ? value : "(none)", 22, v, sizeof v);
	printf("  %s  %s  %-8s  %s\n", k, v, from, note);
}

/* What opening the database told about the data settings: its value of each, or why there is none. */
struct data_view {
	bool open;
	char value[SETTINGS_NDATA][256];
	bool stored[SETTINGS_NDATA];
	int amber_days; /* what the program computes RAG with */
	char plans[512]; /* the plan codes, for messages */
	bool plan_found;
};

/* What note_plan is given: where to note, and the plan the file names. */
struct plan_look {
	struct data_view *d;
	const char *want;
};

/* store_each_plan's callback: collects the codes and notes whether the file's plan is one (any case, as the workbench). */
static int note_plan(void *ctx, const struct plan_row *p)
{
	struct plan_look *c = ctx;
	size_t n = strlen(c->d->plans);
	snprintf(c->d->plans + n, sizeof c->d->plans - n, "%s%s", n ? ", " : "", p->code);
	c->d->plan_found |= *c->want && text_ieq(p->code, c->want);
	return PB_OK;
}

/* Reads the data settings and the plans from the database, when there is one; its own problems go to e. */
static int read_database(const struct app *a, const struct settings *fs, struct data_view *d, struct pb_error *e)
{
	struct store *s;
	memset(d, 0, sizeof *d);
	if (access(a->db_path, F_OK) != 0)
		return PB_OK;
	if (app_open(a, STORE_READ_ONLY, &s, e) != PB_OK)
		return e->status;
	d->open = true;
	d->amber_days = store_rag_rules(s).amber_days;
	int status = PB_OK;
	for (int i = 0; status == PB_OK && i < SETTINGS_NDATA; i++)
		status = store_setting_get(s, settings_data[i].key, d->value[i], sizeof d->value[i], &d->stored[i], e);
	struct plan_look c = {d, fs->plan};
	if (status == PB_OK)
		status = store_each_plan(s, note_plan, &c, e);
	store_close(s);
	return status;
}

/* One data setting: the database's value, else the default; a value the database holds that is not usable is said. */
static void show_data(int i, const struct data_view *d, const struct settings *fs, struct buf *problems)
{
	const struct settings_data_def *def = &settings_data[i];
	char norm[64], why[256], note[512], value[256];
	bool from_db = d->open && d->stored[i] && strcmp(d->value[i], def->fallback) != 0;
	snprintf(value, sizeof value, "%s", d->open && d->stored[i] ? d->value[i] : def->fallback);
	if (d->open && d->stored[i] && !settings_data_check(def->key, d->value[i], norm, sizeof norm, why, sizeof why)) {
		if (i == 0)
			snprintf(value, sizeof value, "%d", d->amber_days);
		buf_printf(problems, "  the database holds %s = \"%s\", which cannot be used (%s); set it with "
				     "`planbench settings set %s %s`\n", def->key, d->value[i], why, def->key, def->fallback);
	}
	if (fs->data_line[i])
		snprintf(note, sizeof note, "the file's line %d is ignored (see below)", fs->data_line[i]);
	else
		snprintf(note, sizeof note, "%s", def->brief);
	row(def->key, value, from_db ? "database" : "default", note);
}

/* The plan the workbench opens on; one the database does not hold is a problem of its line. */
static void show_plan(struct settings *fs, const struct data_view *d)
{
	char note[256];
	if (fs->plan_line && *fs->plan && d->open && !d->plan_found)
		settings_add_problem(fs, fs->plan_line, "there is no plan \"%s\" in this database, so the workbench opens on the overdue "
				     "queue; the plans are %s", fs->plan, *d->plans ? d->plans : "(none yet)");
	if (fs->plan_line)
		snprintf(note, sizeof note, "line %d: the workbench opens on it", fs->plan_line);
	else
		snprintf(note, sizeof note, "the workbench opens on Overdue");
	row("plan", fs->plan, fs->plan_line ? "file" : "default", note);
}

/* The theme and each element's colour. */
static void show_colours(const struct settings *fs)
{
	char c[64], key[32], note[128];
	snprintf(note, sizeof note, "line %d", fs->theme_line);
	row("theme", settings_theme_name(fs->theme), fs->theme_line ? "file" : "default",
	    fs->theme_line ? note : "or high-contrast, mono");
	for (int el = 0; el < SETTINGS_NELEMENTS; el++) {
		settings_format_colour(settings_colour_of(fs, el), c, sizeof c);
		snprintf(key, sizeof key, "colour.%s", settings_element_name(el));
		if (fs->colour_line[el])
			snprintf(note, sizeof note, "line %d", fs->colour_line[el]);
		else
			snprintf(note, sizeof note, "the %s theme's", settings_theme_name(fs->theme));
		row(key, c, fs->colour_line[el] || fs->theme_line ? "file" : "default", note);
	}
}

/* The keys the file rebinds. */
static void show_keys(const struct settings *fs)
{
	char key[80], k[32], note[64];
	for (int i = 0; i < fs->nbindings; i++) {
		const struct settings_binding *b = &fs->bindings[i];
		snprintf(key, sizeof key, "key.%s.%s", b->view, b->action);
		settings_format_key(b->key, k, sizeof k);
		snprintf(note, sizeof note, "line %d%s", b->line, b->ignored ? ": ignored (see below)" : "");
		row(key, k, "file", note);
	}
	if (!fs->nbindings)
		row("key.VIEW.ACTION", "", "default", "no key is rebound (settings --keys lists them)");
}

/* A binding's keys as the settings file writes them: "j, Down". */
static void binding_keys(const struct key_binding *b, char *out, size_t len)
{
	char name[32];
	keymap_key_name(keymap_key(b), out, len);
	for (int i = 0; i < UI_MAX_ALT && b->alt[i]; i++) {
		keymap_key_name(b->alt[i], name, sizeof name);
		size_t n = strlen(out);
		if (keymap_alt_kept(b, i) && !strstr(out, name)) /* Enter arrives as several codes with one name */
			snprintf(out + n, len - n, ", %s", name);
	}
}

/* `planbench settings --keys`: every key.VIEW.ACTION with the keys it has, the settings file's marked. */
static int show_key_names(void)
{
	static struct settings fs;
	char path[1024], keys[96], name[80];
	bool found;
	config_path(path, sizeof path);
	config_load(path, &fs, &found);
	const struct keymap_catalogue *c = keymap_workbench();
	printf("Every action of the workbench by its name: write key.VIEW.ACTION = KEY in %s to give it another key\n"
	       "(it replaces the first key shown; * marks a key your settings file gave). The ? screen shows the same names.\n", path);
	for (int v = 0; v < c->nviews; v++) {
		printf("\n%s: %s\n", c->views[v].name, c->views[v].about);
		struct buf seen = {0}; /* the actions listed: another table of the view may have them too */
		for (const struct key_binding *const *t = c->views[v].tables; *t; t++)
			for (const struct key_binding *b = *t; b->key; b++) {
				snprintf(name, sizeof name, " %s ", b->action);
				if (seen.len && strstr(buf_str(&seen), name))
					continue;
				buf_add(&seen, name);
				binding_keys(b, keys, sizeof keys);
				snprintf(name, sizeof name, "key.%s.%s", c->views[v].name, b->action);
				printf("  %-34s %s%-16s %s\n", name, keymap_key(b) != b->key ? "*" : " ", keys, b->help);
			}
		buf_free(&seen);
	}
	if (fs.nproblems || fs.problems_dropped)
		printf("\n%d problem%s in the settings file: `planbench settings` lists them.\n", fs.nproblems + fs.problems_dropped,
		       fs.nproblems + fs.problems_dropped == 1 ? "" : "s");
	return PB_OK;
}

/* The file's problems, by line (config_load sorted them). */
static void print_problems(const char *path, struct settings *fs)
{
	printf("\n%d problem%s in the settings file (%s ignored; the other lines apply):\n", fs->nproblems + fs->problems_dropped,
	       fs->nproblems + fs->problems_dropped == 1 ? "" : "s", fs->nproblems + fs->problems_dropped == 1 ? "that line is" : "those lines are");
	for (int i = 0; i < fs->nproblems; i++)
		config_print_problem(stdout, "  ", path, &fs->problems[i]);
	if (fs->problems_dropped)
		printf("  … and %d more\n", fs->problems_dropped);
}

/* `planbench settings`: every setting, its value and where it came from, then the problems. */
static int show_settings(const struct app *a, struct pb_error *e)
{
	static struct settings fs;
	struct data_view d;
	struct buf db_problems = {0};
	char path[1024];
	bool found;
	config_path(path, sizeof path);
	config_load(path, &fs, &found);
	int status = read_database(a, &fs, &d, e);
	printf("Settings file: %s%s\n", path, found ? "" : " (none, so the defaults apply; `planbench settings --template` prints one)");
	printf("Database:      %s%s\n\n", a->db_path, d.open ? "" : status == PB_OK ? " (none yet, so its settings are the defaults)" : " (cannot be read; see below)");
	for (int i = 0; i < SETTINGS_NDATA; i++)
		show_data(i, &d, &fs, &db_problems);
	show_plan(&fs, &d);
	show_colours(&fs);
	show_keys(&fs);
	printf("\nThe workbench applies plan, theme, colour.* and key.*; `planbench settings --keys` lists every key.VIEW.ACTION\n"
	       "with its key. rag.amber_days and quarter.scheme belong to the data: `planbench settings set KEY VALUE` changes them.\n");
	if (db_problems.len)
		printf("\nProblems in the database:\n%s", buf_str(&db_problems));
	if (fs.nproblems || fs.problems_dropped)
		print_problems(path, &fs);
	buf_free(&db_problems);
	return status;
}

/* Whether key is one of the settings kept in the file (shown by `settings`), rather than an unknown word. */
static bool file_setting(const char *key)
{
	return text_ieq(key, "plan") || text_ieq(key, "theme") || strncasecmp(key, "colour.", 7) == 0 ||
	       strncasecmp(key, "color.", 6) == 0 || strncasecmp(key, "key.", 4) == 0;
}

/* `planbench settings set KEY VALUE`: a data setting, in one audited transaction. */
static int set_setting(const struct app *a, const char *key, const char *value, struct pb_error *e)
{
	char path[1024], old[256], norm[64], why[256];
	bool changed;
	struct store *s;
	if (args_check_value("settings set", "KEY", key, e) != PB_OK || args_check_value("settings set", "VALUE", value, e) != PB_OK)
		return e->status;
	const struct settings_data_def *d = settings_data_find(key);
	if (!d && file_setting(key)) {
		config_path(path, sizeof path);
		return pb_fail(e, PB_USAGE, "settings set: %.60s is a display setting, kept in your settings file %s, not in the database;"
			       " write `%.60s = %.60s` there (`planbench settings --template` shows the format)", key, path, key, value);
	}
	if (!d)
		return pb_fail(e, PB_USAGE, "settings set: there is no setting \"%.60s\" kept in the database; they are rag.amber_days"
			       " and quarter.scheme (`planbench settings` shows every setting)", key);
	if (!settings_data_check(d->key, value, norm, sizeof norm, why, sizeof why))
		return pb_fail(e, PB_USAGE, "settings set: %s", why);
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	int status = store_setting_set(s, d->key, norm, old, sizeof old, &changed, e);
	store_close(s);
	if (status == PB_OK && changed)
		printf("%s: %s -> %s in %s (recorded in the audit trail as %s).\n", d->key, old, norm, a->db_path, a->who ? a->who : "unknown");
	else if (status == PB_OK)
		printf("%s is already %s in %s; nothing was changed.\n", d->key, old, a->db_path);
	return status;
}

/* planbench settings [--keys | --template] | settings set KEY VALUE */
int cli_settings(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	bool template = false, keys = false;
	const struct arg_opt opts[] = {{"--template", NULL, &template}, {"--keys", NULL, &keys}, {NULL, NULL, NULL}};
	const char *pos[3];
	int npos;
	if (args_parse(argc, argv, opts, pos, 3, &npos, "settings", e) != PB_OK)
		return e->status;
	if (keys && !template && npos == 0)
		return show_key_names();
	if (template && npos == 0) {
		struct buf b = {0};
		settings_template(&b);
		fputs(buf_str(&b), stdout);
		buf_free(&b);
		return PB_OK;
	}
	if (!template && !keys && npos == 0)
		return show_settings(a, e);
	if (!template && !keys && npos == 3 && strcmp(pos[0], "set") == 0)
		return set_setting(a, pos[1], pos[2], e);
	return pb_fail(e, PB_USAGE, "settings: write `planbench settings`, `planbench settings --keys`, `planbench settings --template` or "
		       "`planbench settings set KEY VALUE`");
}
