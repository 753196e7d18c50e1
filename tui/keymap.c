/* keymap.c — key.VIEW.ACTION: finding the action a settings line names, refusing keys that clash, and the keys in use. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "tui/keymap.h"

#define MAX_OVERRIDES (SETTINGS_MAX_BINDINGS * KEYMAP_TABLES)

/* The bindings the settings file gave another key. */
static struct {
	const struct key_binding *b;
	int key;
} overrides[MAX_OVERRIDES];
static int noverrides;

void keymap_reset(void)
{
	noverrides = 0;
}

/* The override of b, or NULL. */
static const int *override_of(const struct key_binding *b)
{
	for (int i = 0; i < noverrides; i++)
		if (overrides[i].b == b)
			return &overrides[i].key;
	return NULL;
}

int keymap_key(const struct key_binding *b)
{
	const int *k = override_of(b);
	return k ? *k : b->key;
}

/* One code for the forms a key arrives in: Enter as '\r', '\n' or KEY_ENTER; Backspace as KEY_BACKSPACE, 127 or ^H. */
static int same_key(int key)
{
	if (key == '\r' || key == KEY_ENTER)
		return '\n';
	if (key == 127 || key == 8)
		return KEY_BACKSPACE;
	return key;
}

bool keymap_first_matches(const struct key_binding *b, int key)
{
	const int *k = override_of(b);
	return k ? same_key(*k) == same_key(key) : b->key == key;
}

bool keymap_alt_kept(const struct key_binding *b, int i)
{
	return !override_of(b) || same_key(b->alt[i]) != same_key(b->key);
}

int keymap_curses_key(int k)
{
	static const int named[] = {
		[SETTINGS_KEY_ENTER - SETTINGS_KEY_ENTER] = '\n', [SETTINGS_KEY_ESC - SETTINGS_KEY_ENTER] = 27,
		[SETTINGS_KEY_TAB - SETTINGS_KEY_ENTER] = '\t', [SETTINGS_KEY_SPACE - SETTINGS_KEY_ENTER] = ' ',
		[SETTINGS_KEY_BACKSPACE - SETTINGS_KEY_ENTER] = KEY_BACKSPACE, [SETTINGS_KEY_DELETE - SETTINGS_KEY_ENTER] = KEY_DC,
		[SETTINGS_KEY_INSERT - SETTINGS_KEY_ENTER] = KEY_IC, [SETTINGS_KEY_HOME - SETTINGS_KEY_ENTER] = KEY_HOME,
		[SETTINGS_KEY_END - SETTINGS_KEY_ENTER] = KEY_END, [SETTINGS_KEY_PGUP - SETTINGS_KEY_ENTER] = KEY_PPAGE,
		[SETTINGS_KEY_PGDN - SETTINGS_KEY_ENTER] = KEY_NPAGE, [SETTINGS_KEY_UP - SETTINGS_KEY_ENTER] = KEY_UP,
		[SETTINGS_KEY_DOWN - SETTINGS_KEY_ENTER] = KEY_DOWN, [SETTINGS_KEY_LEFT - SETTINGS_KEY_ENTER] = KEY_LEFT,
		[SETTINGS_KEY_RIGHT - SETTINGS_KEY_ENTER] = KEY_RIGHT,
	};
	if (k >= SETTINGS_KEY_F1 && k < SETTINGS_KEY_F1 + 12)
		return KEY_F(k - SETTINGS_KEY_F1 + 1);
	if (k >= SETTINGS_KEY_ENTER && k - SETTINGS_KEY_ENTER < (int)(sizeof named / sizeof named[0]))
		return named[k - SETTINGS_KEY_ENTER];
	return k;
}

void keymap_key_name(int key, char *out, size_t len)
{
	static const int named[] = {SETTINGS_KEY_ENTER, SETTINGS_KEY_ESC,    SETTINGS_KEY_TAB,	SETTINGS_KEY_SPACE,
				    SETTINGS_KEY_BACKSPACE, SETTINGS_KEY_DELETE, SETTINGS_KEY_INSERT, SETTINGS_KEY_HOME,
				    SETTINGS_KEY_END,	    SETTINGS_KEY_PGUP,	 SETTINGS_KEY_PGDN,   SETTINGS_KEY_UP,
				    SETTINGS_KEY_DOWN,	    SETTINGS_KEY_LEFT,	 SETTINGS_KEY_RIGHT};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (same_key(keymap_curses_key(named[i])) == same_key(key)) {
			settings_format_key(named[i], out, len);
			return;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		settings_format_key(SETTINGS_KEY_F1 + key - KEY_F(1), out, len);
	else if ((key > ' ' && key < 0x7f) || (key >= 1 && key <= 26))
		settings_format_key(key, out, len);
	else
		ui_key_name(key, false, out, len);
}

const char *keymap_view_name(const struct keymap_catalogue *c, const struct key_binding *table)
{
	for (int i = 0; i < c->nviews; i++)
		for (const struct key_binding *const *t = c->views[i].tables; *t; t++)
			if (*t == table)
				return c->views[i].name;
	return NULL;
}

/* ---- checking one line ---- */

/* The lines of key.VIEW.ACTION: the first line of the action in each table of the view. */
struct target {
	const struct keymap_view *view;
	const struct key_binding *line[KEYMAP_TABLES];
	const struct key_binding *table[KEYMAP_TABLES];
	int n;
};

static const struct keymap_view *find_view(const struct keymap_catalogue *c, const char *name)
{
	for (int i = 0; i < c->nviews; i++)
		if (strcmp(c->views[i].name, name) == 0)
			return &c->views[i];
	return NULL;
}

/* The names of the views, or of the view's actions (each once), as "a, b, c". */
static void list_names(const struct keymap_catalogue *c, const struct keymap_view *v, struct buf *out)
{
	if (!v) {
		for (int i = 0; i < c->nviews; i++)
			buf_printf(out, "%s%s", i ? ", " : "", c->views[i].name);
		return;
	}
	for (const struct key_binding *const *t = v->tables; *t; t++)
		for (const struct key_binding *b = *t; b->key; b++) {
			const char *at = buf_str(out), *hit = at;
			size_t n = strlen(b->action);
			while ((hit = strstr(hit, b->action)) && !((hit == at || hit[-1] == ' ') && (hit[n] == ',' || !hit[n])))
				hit++;
			if (!hit)
				buf_printf(out, "%s%s", out->len ? ", " : "", b->action);
		}
}

/* Finds the lines key.VIEW.ACTION names; false with a problem added when there are none. */
static bool find_target(const struct keymap_catalogue *c, struct settings *s, const struct settings_binding *sb, struct target *t)
{
	struct buf names = {0};
	memset(t, 0, sizeof *t);
	t->view = find_view(c, sb->view);
	for (int i = 0; t->view && t->view->tables[i]; i++)
		for (const struct key_binding *b = t->view->tables[i]; b->key; b++)
			if (strcmp(b->action, sb->action) == 0) {
				t->table[t->n] = t->view->tables[i];
				t->line[t->n++] = b;
				break;
			}
	if (t->n)
		return true;
	list_names(c, t->view, &names);
	if (!t->view)
		settings_add_problem(s, sb->line, "key.%s.%s: there is no screen \"%s\"; the screens are %s (`planbench settings --keys` "
				     "lists every action with its key)", sb->view, sb->action, sb->view, buf_str(&names));
	else
		settings_add_problem(s, sb->line, "key.%s.%s: %s has no action \"%s\"; its actions are %s", sb->view, sb->action,
				     t->view->about, sb->action, buf_str(&names));
	buf_free(&names);
	return false;
}

/* Whether b is one of the target's lines, or another line of the same action in one of its tables. */
static bool part_of(const struct target *t, const struct key_binding *table, const struct key_binding *b)
{
	for (int i = 0; i < t->n; i++)
		if (t->table[i] == table && strcmp(b->action, t->line[i]->action) == 0)
			return true;
	return false;
}

/* Whether b answers to key in a mode where line works too. */
static bool answers(const struct key_binding *b, const struct key_binding *line, int key)
{
	if (b->modes && line->modes && !(b->modes & line->modes))
		return false;
	if (keymap_first_matches(b, key))
		return true;
	for (int i = 0; i < UI_MAX_ALT && b->alt[i]; i++)
		if (keymap_alt_kept(b, i) && same_key(b->alt[i]) == same_key(key))
			return true;
	return false;
}

/* Whether screen looks keys up in table. */
static bool uses(const struct keymap_screen *sc, const struct key_binding *table)
{
	for (const struct key_binding *const *t = sc->tables; *t; t++)
		if (*t == table)
			return true;
	return false;
}

/* Another action that answers to key on a screen one of the target's lines works on; NULL when none does. */
static const struct key_binding *clash(const struct keymap_catalogue *c, const struct target *t, int key,
				       const struct key_binding **table, const struct keymap_screen **screen)
{
	for (int s = 0; s < c->nscreens; s++)
		for (int i = 0; i < t->n; i++) {
			if (!uses(&c->screens[s], t->table[i]))
				continue;
			for (const struct key_binding *const *tb = c->screens[s].tables; *tb; tb++)
				for (const struct key_binding *b = *tb; b->key; b++)
					if (!part_of(t, *tb, b) && answers(b, t->line[i], key)) {
						*table = *tb;
						*screen = &c->screens[s];
						return b;
					}
		}
	return NULL;
}

/* Whether line only works while text is typed, where a printable key is text rather than a command. */
static bool typing_only(const struct key_binding *line)
{
	unsigned typing = UI_MODE_TEXT | UI_MODE_LINES | UI_MODE_COMPLETE;
	return line->modes && !(line->modes & ~typing);
}

/* Checks one line; gives its key when nothing is wrong. */
static void apply_one(const struct keymap_catalogue *c, struct settings *s, struct settings_binding *sb)
{
	struct target t;
	const struct key_binding *table, *other;
	const struct keymap_screen *screen;
	char name[32];
	sb->ignored = true;
	if (!find_target(c, s, sb, &t))
		return;
	int key = keymap_curses_key(sb->key);
	settings_format_key(sb->key, name, sizeof name);
	for (int i = 0; i < t.n; i++)
		if (key >= ' ' && key < 0x7f && typing_only(t.line[i])) {
			settings_add_problem(s, sb->line, "key.%s.%s: %s types text where this action works, so it cannot be its key; "
					     "this line is ignored — choose Ctrl-X, F1 to F12 or a named key such as Insert",
					     sb->view, sb->action, name);
			return;
		}
	if ((other = clash(c, &t, key, &table, &screen))) {
		const char *view = keymap_view_name(c, table);
		settings_add_problem(s, sb->line, "key.%s.%s: %s is already key.%s.%s (%s) on the %s screen; this line is ignored — "
				     "choose another key", sb->view, sb->action, name, view ? view : "?", other->action, other->help,
				     screen->name);
		return;
	}
	sb->ignored = false;
	for (int i = 0; i < t.n && noverrides < MAX_OVERRIDES; i++) {
		overrides[noverrides].b = t.line[i];
		overrides[noverrides++].key = key;
	}
}

void keymap_apply(const struct keymap_catalogue *c, struct settings *s)
{
	keymap_reset();
	for (int i = 0; i < s->nbindings; i++)
		apply_one(c, s, &s->bindings[i]);
}
