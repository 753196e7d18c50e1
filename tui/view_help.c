/* view_help.c — the help screen, written from the key tables of the view below and of the workbench. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/browse.h"
#include "tui/keymap.h"
#include "tui/listview.h"
#include "tui/ui.h"

#define HELP_LINES 160

enum { COL_KEYS, COL_NAME, COL_TEXT, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_KEYS] = {.title = "Key", .width = 22, .min = 8, .fit = true},
	[COL_NAME] = {.title = "Name", .width = 20, .min = 6, .fit = true, .hide_below = 100},
	[COL_TEXT] = {.title = "What it does", .width = 0, .min = 10},
};

/* A line of the help: a key, the action's name (for key.VIEW.ACTION in the settings file, shown when the screen is
 * wide enough; the status line gives the whole setting of the line selected) and what it does; or a heading, with the
 * setting its actions are given keys by. */
struct help_line {
	char keys[64];
	char name[40];
	char setting[80]; /* key.VIEW.ACTION, or "" */
	char text[200];
	int style;
};

struct help {
	struct listview *lv; /* first: the listview_key_* handlers find it at v->priv */
	struct listview_column cols[NCOLS]; /* the key column as wide as the widest key or heading, on every page */
	char about[64]; /* name of the view the keys are for */
	int n;
	struct help_line line[HELP_LINES];
};
_Static_assert(offsetof(struct help, lv) == 0, "the list starts the view's state");

/* Adds a line: style UI_KEY for a heading, UI_NORMAL for a key; view (or NULL) is the key table's, for the setting. */
static void add_line(struct help *h, const char *keys, const char *view, const char *name, const char *text, int style)
{
	if (h->n == HELP_LINES)
		return;
	struct help_line *l = &h->line[h->n++];
	snprintf(l->keys, sizeof l->keys, "%s", keys);
	snprintf(l->name, sizeof l->name, "%s", name);
	l->setting[0] = '\0';
	if (view && *name)
		snprintf(l->setting, sizeof l->setting, "key.%s.%s", view, name);
	snprintf(l->text, sizeof l->text, "%s", text);
	l->style = style;
}

/* Whether one of the NULL-ended tables binds key, in any of its modes. */
static bool taken(const struct key_binding *const *tables, int key)
{
	for (; tables && *tables; tables++)
		for (const struct key_binding *b = *tables; b->key; b++)
			if (ui_binding_matches(b, key, ~0u))
				return true;
	return false;
}

/* Adds a heading (unless NULL) and one line per binding of table: "j, Down", its name and its help text. Keys the
 * screen's own tables `before` take are left out (q goes back from an action's screen, it does not quit there), and
 * a binding left with none is not listed. */
static void add_table(struct help *h, const char *heading, const struct key_binding *table,
		      const struct key_binding *const *before, bool utf8)
{
	const char *view = keymap_view_name(keymap_workbench(), table);
	if (heading) {
		char setting[120] = "";
		if (view)
			snprintf(setting, sizeof setting, "key.%s.NAME = KEY in the settings file (planbench settings --keys)", view);
		if (h->n > 0)
			add_line(h, "", NULL, "", "", UI_NORMAL);
		add_line(h, heading, NULL, "", setting, UI_KEY);
	}
	for (const struct key_binding *b = table; b && b->key; b++) {
		char keys[64] = "", name[32];
		for (int i = -1; i < UI_MAX_ALT && (i < 0 || b->alt[i]); i++) {
			int key = i < 0 ? keymap_key(b) : b->alt[i];
			if ((i >= 0 && !keymap_alt_kept(b, i)) || taken(before, key))
				continue;
			ui_key_name(key, utf8, name, sizeof name);
			bool seen = false; /* Enter arrives as several codes with one name */
			for (const char *p = keys; !seen && (p = strstr(p, name)); p++)
				seen = (p == keys || p[-1] == ' ') && (p[strlen(name)] == ',' || !p[strlen(name)]);
			if (seen)
				continue;
			size_t l = strlen(keys);
			snprintf(keys + l, sizeof keys - l, "%s%s", l ? ", " : "", name);
		}
		if (*keys)
			add_line(h, keys, view, b->action, b->help, UI_NORMAL);
	}
}

/* Adds the `:` commands, each with what may follow it. */
static void add_commands(struct help *h)
{
	add_line(h, "", NULL, "", "", UI_NORMAL);
	add_line(h, "Commands", NULL, "", "Type : first, then the command and Enter", UI_KEY);
	for (const struct browse_command *c = browse_commands; c->name; c++) {
		char keys[64];
		snprintf(keys, sizeof keys, ":%s%s%s", c->name, *c->args ? " " : "", c->args);
		add_line(h, keys, NULL, "", c->help, UI_NORMAL);
	}
}

/* The key column is as wide as its widest line, so that it does not change from page to page. */
static void size_key_column(struct help *h)
{
	memcpy(h->cols, columns, sizeof h->cols);
	int w = text_width(columns[COL_KEYS].title);
	for (int i = 0; i < h->n; i++)
		if (text_width(h->line[i].keys) > w)
			w = text_width(h->line[i].keys);
	h->cols[COL_KEYS].width = w;
	h->cols[COL_KEYS].fit = false;
}

/* Row provider: the lines are in memory. */
static int help_count(void *ctx, long *n, struct pb_error *e)
{
	struct help *h = ctx;
	(void)e;
	*n = h->n;
	return PB_OK;
}

/* Row provider: copies lines offset .. offset+limit-1. */
static int help_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct help *h = ctx;
	(void)e;
	for (long i = offset; i < offset + limit && i < h->n; i++) {
		struct listview_row *row = listview_add_row(lv, i);
		listview_set_cell(row, COL_KEYS, h->line[i].keys, h->line[i].style);
		listview_set_cell(row, COL_NAME, h->line[i].name, UI_NORMAL);
		listview_set_cell(row, COL_TEXT, h->line[i].text, h->line[i].style == UI_KEY ? UI_DIM : UI_NORMAL);
	}
	return PB_OK;
}

static struct listview *lv_of(struct view *v)
{
	return ((struct help *)v->priv)->lv;
}

static int help_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", listview_key_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up", listview_key_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Page down", listview_key_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", listview_key_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "Top", listview_key_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Bottom", listview_key_last, 0},
	{"close", 27, {'q', '?', KEY_F(1)}, "close", "Close the help", help_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* arg is the view whose keys to explain. */
static int help_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct view *under = arg;
	struct help *h = calloc(1, sizeof *h);
	if (!h) {
		ui_message(ui, true, "Out of memory opening the help");
		return PB_FAIL;
	}
	const struct key_binding *own[4] = {NULL};
	if (under) {
		snprintf(h->about, sizeof h->about, "%s", under->ops->name);
		add_table(h, under->ops->name, under->ops->keys, NULL, ui->utf8);
		own[0] = under->ops->keys;
		if (under->ops->extra_keys)
			add_table(h, "Editing the text", under->ops->extra_keys, NULL, ui->utf8);
		if (under->ops == &view_actions || under->ops == &view_nav) {
			add_table(h, "Navigator and list", browse_keys, NULL, ui->utf8);
			own[1] = browse_keys;
			add_commands(h);
		}
	}
	for (const struct key_binding *const *t = ui->global_keys; t && *t; t++)
		add_table(h, t == ui->global_keys ? "Everywhere" : NULL, *t, own, ui->utf8);

	add_table(h, "In this help", keys, NULL, ui->utf8);
	size_key_column(h);
	h->lv = listview_new(h->cols, NCOLS, (struct listview_source){help_count, help_fetch, h}, NULL);
	if (!h->lv) {
		free(h);
		ui_message(ui, true, "Out of memory opening the help");
		return PB_FAIL;
	}
	v->priv = h;
	listview_reset(h->lv, NULL);
	return PB_OK;
}

static void help_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	listview_draw(lv_of(v), w, v->area.y, v->area.x, ui, true);
}

static void help_resize(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_set_size(lv_of(v), v->area.h, v->area.w, NULL);
}

static void help_free(struct view *v)
{
	struct help *h = v->priv;
	if (!h)
		return;
	listview_free(h->lv);
	free(h);
	v->priv = NULL;
}

static void help_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct help *h = v->priv;
	(void)ui;
	snprintf(f->where, sizeof f->where, "help");
	snprintf(f->title, sizeof f->title, "Keys of %s", h->about);
	snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(h->lv) + 1, listview_count(h->lv));
	long i = listview_index(h->lv);
	if (i >= 0 && i < h->n && *h->line[i].setting) /* the Name column is left out on a narrow screen */
		snprintf(f->info, sizeof f->info, "%s: %s", h->line[i].setting, h->line[i].text);
}

const struct view_ops view_help = {
	.name = "Help",
	.keys = keys,
	.init = help_init,
	.draw = help_draw,
	.key = NULL,
	.resize = help_resize,
	.free = help_free,
	.frame = help_frame,
	.mouse = listview_key_mouse,
};
