/* settings.c — reading the settings file (`key = value`, # comments) into choices; each bad line a problem, ignored. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/settings.h"
#include "core/text.h"

static const char *const theme_names[SETTINGS_NTHEMES] = {"default", "high-contrast", "mono"};
static const char *const element_names[SETTINGS_NELEMENTS] = {"red", "amber", "green", "complete", "header", "selection"};
static const char *const colour_names[16] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
					     "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
					     "bright-magenta", "bright-cyan", "bright-white"};
static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {{"bold", SETTINGS_BOLD}, {"underline", SETTINGS_UNDERLINE}, {"reverse", SETTINGS_REVERSE}, {"dim", SETTINGS_DIM}};

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE, BRIGHT_GREEN = 10, BRIGHT_YELLOW = 11, BRIGHT_WHITE = 15,
       TERM = SETTINGS_COLOUR_TERMINAL };

/* Each theme's colour of each element. mono matches the screen without colour: Red in bold, the header reversed.
 * high-contrast puts each RAG on a solid background with the most distant text colour, all in bold; in the xterm
 * palette the WCAG contrast ratios are 5.8:1 (Red), 19.6:1 (Amber), 15.3:1 (Green), 9.4:1 (Complete), 21:1 (header). */
static const struct settings_colour themes[SETTINGS_NTHEMES][SETTINGS_NELEMENTS] = {
	[SETTINGS_THEME_DEFAULT] = {{RED, TERM, 0}, {YELLOW, TERM, 0}, {GREEN, TERM, 0}, {BLUE, TERM, 0},
				    {WHITE, BLUE, SETTINGS_BOLD}, {TERM, TERM, SETTINGS_REVERSE}},
	[SETTINGS_THEME_HIGH_CONTRAST] = {{BRIGHT_WHITE, RED, SETTINGS_BOLD}, {BLACK, BRIGHT_YELLOW, SETTINGS_BOLD},
					  {BLACK, BRIGHT_GREEN, SETTINGS_BOLD}, {BRIGHT_WHITE, BLUE, SETTINGS_BOLD},
					  {BLACK, BRIGHT_WHITE, SETTINGS_BOLD}, {TERM, TERM, SETTINGS_BOLD | SETTINGS_REVERSE}},
	[SETTINGS_THEME_MONO] = {{TERM, TERM, SETTINGS_BOLD}, {TERM, TERM, 0}, {TERM, TERM, 0}, {TERM, TERM, 0},
				 {TERM, TERM, SETTINGS_REVERSE}, {TERM, TERM, SETTINGS_REVERSE}},
};

/* Named keys, the first spelling of each being the one written back. */
static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", SETTINGS_KEY_ENTER},	       {"Return", SETTINGS_KEY_ENTER},	 {"Esc", SETTINGS_KEY_ESC},
	{"Escape", SETTINGS_KEY_ESC},	       {"Tab", SETTINGS_KEY_TAB},	 {"Space", SETTINGS_KEY_SPACE},
	{"Backspace", SETTINGS_KEY_BACKSPACE}, {"Delete", SETTINGS_KEY_DELETE},	 {"Del", SETTINGS_KEY_DELETE},
	{"Insert", SETTINGS_KEY_INSERT},       {"Ins", SETTINGS_KEY_INSERT},	 {"Home", SETTINGS_KEY_HOME},
	{"End", SETTINGS_KEY_END},	       {"PgUp", SETTINGS_KEY_PGUP},	 {"PageUp", SETTINGS_KEY_PGUP},
	{"PgDn", SETTINGS_KEY_PGDN},	       {"PageDown", SETTINGS_KEY_PGDN}, {"Up", SETTINGS_KEY_UP},
	{"Down", SETTINGS_KEY_DOWN},	       {"Left", SETTINGS_KEY_LEFT},	 {"Right", SETTINGS_KEY_RIGHT},
};

#define KEY_WORDS "one character (s, /, ?), Ctrl-X, F1 to F12, or Enter, Esc, Tab, Space, Backspace, Delete, Insert, " \
		  "Home, End, PgUp, PgDn, Up, Down, Left or Right"
#define COLOUR_WORDS "colours are default, black, red, green, yellow, blue, magenta, cyan, white, the same with bright- " \
		     "before them (bright-white) or a number 0-255; " \
		     "attributes are bold, underline, reverse and dim"

const struct settings_data_def settings_data[] = {
	{"rag.amber_days", "30", "an action due within this many days (0-365) is computed Amber", "due within N days: Amber"},
	{"quarter.scheme", "financial", "how quarters are counted for progress updates: financial (April to March) or calendar",
	 "financial or calendar"},
	{NULL, NULL, NULL, NULL},
};
_Static_assert(sizeof settings_data / sizeof settings_data[0] == SETTINGS_NDATA + 1, "SETTINGS_NDATA counts settings_data");

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->theme = SETTINGS_THEME_DEFAULT;
}

void settings_add_problem(struct settings *s, int line, const char *fmt, ...)
{
	if (s->nproblems == SETTINGS_MAX_PROBLEMS) {
		s->problems_dropped++;
		return;
	}
	struct settings_problem *p = &s->problems[s->nproblems++];
	va_list ap;
	p->line = line;
	va_start(ap, fmt);
	vsnprintf(p->text, sizeof p->text, fmt, ap);
	va_end(ap);
}

/* ---- names ---- */

const char *settings_theme_name(enum settings_theme t)
{
	return t >= 0 && t < SETTINGS_NTHEMES ? theme_names[t] : "";
}

const char *settings_element_name(enum settings_element el)
{
	return el >= 0 && el < SETTINGS_NELEMENTS ? element_names[el] : "";
}

struct settings_colour settings_theme_colour(enum settings_theme t, enum settings_element el)
{
	if (t < 0 || t >= SETTINGS_NTHEMES)
		t = SETTINGS_THEME_DEFAULT;
	if (el < 0 || el >= SETTINGS_NELEMENTS)
		return (struct settings_colour){TERM, TERM, 0};
	return themes[t][el];
}

struct settings_colour settings_colour_of(const struct settings *s, enum settings_element el)
{
	if (el >= 0 && el < SETTINGS_NELEMENTS && s->colour_line[el])
		return s->colour[el];
	return settings_theme_colour(s->theme, el);
}

/* The index of name in a list of n names (any case), or -1. */
static int name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (text_ieq(names[i], name))
			return i;
	return -1;
}

/* ---- colours ---- */

/* A colour word: a name or 0-255 into *out; false when it is neither. */
static bool colour_word(const char *w, short *out)
{
	if (text_ieq(w, "default")) {
		*out = TERM;
		return true;
	}
	int i = name_index(colour_names, 16, w);
	if (i >= 0) {
		*out = (short)i;
		return true;
	}
	if (!*w || strlen(w) > 3 || strspn(w, "0123456789") != strlen(w) || atoi(w) > 255)
		return false;
	*out = (short)atoi(w);
	return true;
}

/* An attribute word's bit, or 0. */
static unsigned attr_word(const char *w)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (text_ieq(attr_names[i].name, w))
			return attr_names[i].bit;
	return 0;
}

/* Reads one word of a colour: an attribute, "on", or a colour for the side expected. */
static bool colour_step(const char *w, struct settings_colour *c, int *side, char *why, size_t whylen)
{
	short n;
	unsigned a = attr_word(w);
	if (a) {
		c->attrs |= a;
		return true;
	}
	if (text_ieq(w, "on")) {
		if (*side >= 2)
			return snprintf(why, whylen, "\"on\" is written twice; write FOREGROUND on BACKGROUND, e.g. white on red"), false;
		*side = 2;
		return true;
	}
	if (!colour_word(w, &n))
		return snprintf(why, whylen, "\"%.40s\" is not a colour or an attribute; %s", w, COLOUR_WORDS), false;
	if (*side == 1 || *side == 3)
		return snprintf(why, whylen, "%s colours are given; write FOREGROUND on BACKGROUND, e.g. white on red",
				*side == 1 ? "two foreground" : "two background"), false;
	if (*side == 0)
		c->fg = n, *side = 1;
	else
		c->bg = n, *side = 3;
	return true;
}

bool settings_parse_colour(const char *text, struct settings_colour *out, char *why, size_t whylen)
{
	char copy[SETTINGS_LINE_MAX + 1];
	struct settings_colour c = {TERM, TERM, 0};
	int side = 0; /* 0 nothing yet, 1 foreground read, 2 after "on", 3 background read */
	snprintf(copy, sizeof copy, "%s", text);
	char *save = NULL, *w = strtok_r(copy, " \t", &save);
	if (!w)
		return snprintf(why, whylen, "no colour is given; write one such as bold white on red, or delete the line to keep the theme's"), false;
	for (; w; w = strtok_r(NULL, " \t", &save))
		if (!colour_step(w, &c, &side, why, whylen))
			return false;
	if (side == 2)
		return snprintf(why, whylen, "\"on\" needs a colour after it, e.g. on blue"), false;
	*out = c;
	return true;
}

/* A colour number as a word. */
static void colour_name(short n, char *out, size_t len)
{
	if (n == TERM)
		snprintf(out, len, "default");
	else if (n >= 0 && n < 16)
		snprintf(out, len, "%s", colour_names[n]);
	else
		snprintf(out, len, "%d", n);
}

void settings_format_colour(struct settings_colour c, char *out, size_t len)
{
	struct buf b = {0};
	char name[16];
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (c.attrs & attr_names[i].bit)
			buf_printf(&b, "%s%s", b.len ? " " : "", attr_names[i].name);
	if (c.fg != TERM) {
		colour_name(c.fg, name, sizeof name);
		buf_printf(&b, "%s%s", b.len ? " " : "", name);
	}
	if (c.bg != TERM) {
		colour_name(c.bg, name, sizeof name);
		buf_printf(&b, "%son %s", b.len ? " " : "", name);
	}
	snprintf(out, len, "%s", b.len ? buf_str(&b) : "default");
	buf_free(&b);
}

/* The red, green and blue of colour n as xterm shows it: 0-15 its palette, 16-231 the 6x6x6 cube, 232-255 greys. */
static void colour_rgb(int n, int rgb[3])
{
	static const int base[16][3] = {{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205},
					{0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0}, {0, 255, 0},
					{255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255}};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	if (n < 16) {
		memcpy(rgb, base[n], sizeof base[n]);
	} else if (n < 232) {
		rgb[0] = level[(n - 16) / 36], rgb[1] = level[(n - 16) / 6 % 6], rgb[2] = level[(n - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (n - 232);
	}
}

short settings_colour_fit(short n, int ncolors)
{
	if (n < 0 || n < ncolors || n > 255)
		return n < 0 || n > 255 ? TERM : n;
	int have = ncolors >= 16 ? 16 : 8, best = 0;
	long best_d = -1;
	int want[3], rgb[3];
	colour_rgb(n, want);
	for (int c = 0; c < have; c++) {
		colour_rgb(c, rgb);
		long d = 0;
		for (int k = 0; k < 3; k++)
			d += (long)(want[k] - rgb[k]) * (want[k] - rgb[k]);
		if (best_d < 0 || d < best_d)
			best_d = d, best = c;
	}
	return (short)best;
}

/* ---- keys ---- */

bool settings_parse_key(const char *text, int *key)
{
	size_t n = strlen(text);
	if (n == 1 && text[0] > ' ' && text[0] < 0x7f) {
		*key = text[0];
		return true;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (text_ieq(key_names[i].name, text))
			return *key = key_names[i].key, true;
	const char *rest = NULL;
	if (n == 2 && text[0] == '^')
		rest = text + 1;
	else if (n == 3 && (text[0] == 'C' || text[0] == 'c') && text[1] == '-')
		rest = text + 2;
	else if (n == 6 && (strncasecmp(text, "Ctrl-", 5) == 0 || strncasecmp(text, "Ctrl+", 5) == 0))
		rest = text + 5;
	if (rest && isalpha((unsigned char)*rest))
		return *key = toupper((unsigned char)*rest) - 'A' + 1, true;
	if ((n == 2 || n == 3) && (text[0] == 'F' || text[0] == 'f') && strspn(text + 1, "0123456789") == n - 1) {
		int f = atoi(text + 1);
		if (f >= 1 && f <= 12)
			return *key = SETTINGS_KEY_F1 + f - 1, true;
	}
	return false;
}

void settings_format_key(int key, char *out, size_t len)
{
	if (key > ' ' && key < 0x7f) {
		snprintf(out, len, "%c", key);
		return;
	}
	if (key >= 1 && key <= 26) {
		snprintf(out, len, "Ctrl-%c", 'A' + key - 1);
		return;
	}
	if (key >= SETTINGS_KEY_F1 && key < SETTINGS_KEY_F1 + 12) {
		snprintf(out, len, "F%d", key - SETTINGS_KEY_F1 + 1);
		return;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(out, len, "%s", key_names[i].name);
			return;
		}
	snprintf(out, len, "?");
}

/* ---- data settings ---- */

const struct settings_data_def *settings_data_find(const char *key)
{
	for (const struct settings_data_def *d = settings_data; d->key; d++)
		if (text_ieq(d->key, key))
			return d;
	return NULL;
}

bool settings_data_check(const char *key, const char *value, char *out, size_t outlen, char *why, size_t whylen)
{
	const struct settings_data_def *d = settings_data_find(key);
	if (!d)
		return snprintf(why, whylen, "there is no setting \"%.60s\" kept in the database; they are rag.amber_days and quarter.scheme", key), false;
	if (strcmp(d->key, "rag.amber_days") == 0) {
		size_t n = strlen(value);
		if (n == 0 || n > 3 || strspn(value, "0123456789") != n || atoi(value) > 365)
			return snprintf(why, whylen, "rag.amber_days is a number of days from 0 to 365, not \"%.60s\"", value), false;
		snprintf(out, outlen, "%d", atoi(value));
		return true;
	}
	enum date_quarter_scheme q;
	if (!date_quarter_scheme_parse(value, &q))
		return snprintf(why, whylen, "quarter.scheme is financial (April to March) or calendar, not \"%.60s\"", value), false;
	snprintf(out, outlen, "%s", q == DATE_QUARTERS_CALENDAR ? "calendar" : "financial");
	return true;
}

/* ---- the file ---- */

/* Whether a view or action name is lower-case letters, digits and '-', and fits. */
static bool good_name(const char *s, size_t n)
{
	if (n == 0 || n >= SETTINGS_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-'))
			return false;
	return true;
}

/* value, cut to fit in a message. */
static const char *shown(const char *value, char *out, size_t len)
{
	text_fit(value, 60, false, out, len);
	return out;
}

static void set_plan(struct settings *s, int line, const char *value)
{
	char v[80];
	if (strlen(value) >= SETTINGS_PLAN_MAX) {
		settings_add_problem(s, line, "plan \"%s\" is longer than a plan code can be (%d bytes); write the plan's code, e.g. HIP-2627",
				     shown(value, v, sizeof v), SETTINGS_PLAN_MAX - 1);
		return;
	}
	snprintf(s->plan, sizeof s->plan, "%s", value);
	s->plan_line = line;
}

static void set_theme(struct settings *s, int line, const char *value)
{
	char v[80];
	int t = name_index(theme_names, SETTINGS_NTHEMES, value);
	if (t < 0) {
		settings_add_problem(s, line, "theme \"%s\" is not a theme; write default, high-contrast or mono%s",
				     shown(value, v, sizeof v), strchr(value, '#') ? " (a comment goes on a line of its own)" : "");
		return;
	}
	s->theme = (enum settings_theme)t;
	s->theme_line = line;
}

static void set_colour(struct settings *s, int line, const char *element, const char *value)
{
	char why[300], v[80];
	int el = name_index(element_names, SETTINGS_NELEMENTS, element);
	struct settings_colour c;
	if (el < 0) {
		settings_add_problem(s, line, "there is no colour.%s; the elements are colour.red, colour.amber, colour.green, "
				     "colour.complete, colour.header and colour.selection", shown(element, v, sizeof v));
		return;
	}
	if (s->colour_line[el]) {
		settings_add_problem(s, line, "colour.%s is already set on line %d; this line is ignored — delete one of them",
				     element_names[el], s->colour_line[el]);
		return;
	}
	if (!settings_parse_colour(value, &c, why, sizeof why)) {
		settings_add_problem(s, line, "colour.%s: %s", element_names[el], why);
		return;
	}
	s->colour[el] = c;
	s->colour_line[el] = line;
}

/* The binding of key in view, or NULL. */
static const struct settings_binding *bound(const struct settings *s, const char *view, int key)
{
	for (int i = 0; i < s->nbindings; i++)
		if (s->bindings[i].key == key && strcmp(s->bindings[i].view, view) == 0)
			return &s->bindings[i];
	return NULL;
}

/* The binding of view.action, or NULL. */
static const struct settings_binding *binding_of(const struct settings *s, const char *view, const char *action)
{
	for (int i = 0; i < s->nbindings; i++)
		if (strcmp(s->bindings[i].view, view) == 0 && strcmp(s->bindings[i].action, action) == 0)
			return &s->bindings[i];
	return NULL;
}

static void set_key(struct settings *s, int line, const char *name, const char *value)
{
	char v[80], view[SETTINGS_NAME_MAX], action[SETTINGS_NAME_MAX];
	const char *dot = strchr(name, '.');
	int key;
	if (!dot || !good_name(name, (size_t)(dot - name)) || !good_name(dot + 1, strlen(dot + 1))) {
		settings_add_problem(s, line, "key.%s is not a key setting; write key.VIEW.ACTION = KEY, with VIEW and ACTION in "
				     "lower-case letters, digits and -, e.g. key.list.search = s", shown(name, v, sizeof v));
		return;
	}
	snprintf(view, sizeof view, "%.*s", (int)(dot - name), name);
	snprintf(action, sizeof action, "%s", dot + 1);
	if (!settings_parse_key(value, &key)) {
		settings_add_problem(s, line, "key.%s: \"%s\" is not a key; write %s", name, shown(value, v, sizeof v), KEY_WORDS);
		return;
	}
	const struct settings_binding *b = binding_of(s, view, action);
	if (b) {
		settings_add_problem(s, line, "key.%s is already set on line %d; this line is ignored — delete one of them", name, b->line);
		return;
	}
	if ((b = bound(s, view, key))) {
		settings_format_key(key, v, sizeof v);
		settings_add_problem(s, line, "key.%s: %s is already given to key.%s.%s on line %d; this line is ignored — choose another key",
				     name, v, b->view, b->action, b->line);
		return;
	}
	if (s->nbindings == SETTINGS_MAX_BINDINGS) {
		settings_add_problem(s, line, "more than %d key settings; this line is ignored", SETTINGS_MAX_BINDINGS);
		return;
	}
	struct settings_binding *nb = &s->bindings[s->nbindings++];
	snprintf(nb->view, sizeof nb->view, "%s", view);
	snprintf(nb->action, sizeof nb->action, "%s", action);
	nb->key = key;
	nb->line = line;
}

/* A data setting written in the file: ignored, and the user told where it is changed. */
static void data_in_file(struct settings *s, int line, const struct settings_data_def *d, const char *value)
{
	char v[80];
	int i = (int)(d - settings_data);
	if (!s->data_line[i]) {
		s->data_line[i] = line;
		snprintf(s->data_value[i], sizeof s->data_value[i], "%s", value);
	}
	settings_add_problem(s, line, "%s belongs to the data, so it is kept in the database and this line is ignored: the database's "
			     "value applies to everyone using it; change it with `planbench settings set %s %s`",
			     d->key, d->key, *value && !strchr(value, ' ') ? shown(value, v, sizeof v) : "VALUE");
}

/* One `key = value` (key already lower case). */
static void set_one(struct settings *s, int line, const char *key, const char *value)
{
	const struct settings_data_def *d = settings_data_find(key);
	char k[80];
	if (d)
		data_in_file(s, line, d, value);
	else if (strcmp(key, "plan") == 0 && s->plan_line)
		settings_add_problem(s, line, "plan is already set on line %d; this line is ignored — delete one of them", s->plan_line);
	else if (strcmp(key, "plan") == 0)
		set_plan(s, line, value);
	else if (strcmp(key, "theme") == 0 && s->theme_line)
		settings_add_problem(s, line, "theme is already set on line %d; this line is ignored — delete one of them", s->theme_line);
	else if (strcmp(key, "theme") == 0)
		set_theme(s, line, value);
	else if (strncmp(key, "colour.", 7) == 0 || strncmp(key, "color.", 6) == 0)
		set_colour(s, line, strchr(key, '.') + 1, value);
	else if (strncmp(key, "key.", 4) == 0)
		set_key(s, line, key + 4, value);
	else
		settings_add_problem(s, line, "there is no setting \"%s\"; the settings are plan, theme, colour.ELEMENT and key.VIEW.ACTION "
				     "(`planbench settings --template` shows them all)", shown(key, k, sizeof k));
}

/* One line of the file, without its line break. */
static void parse_line(struct settings *s, int line, const char *text, size_t n)
{
	char buf[SETTINGS_LINE_MAX + 1], v[80];
	if (n > SETTINGS_LINE_MAX) {
		settings_add_problem(s, line, "the line is longer than %d bytes, so it is ignored; shorten it", SETTINGS_LINE_MAX);
		return;
	}
	if (!text_valid_utf8(text, n)) {
		settings_add_problem(s, line, "the line is not UTF-8 text, so it is ignored; save the file as UTF-8");
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)text[i] < 0x20 && text[i] != '\t') || text[i] == 0x7f) {
			settings_add_problem(s, line, "the line holds a control character (byte %u), so it is ignored; remove it",
					     (unsigned char)text[i]);
			return;
		}
	memcpy(buf, text, n);
	buf[n] = '\0';
	char *t = text_trim(buf);
	if (!*t || *t == '#')
		return;
	char *eq = strchr(t, '=');
	if (!eq) {
		settings_add_problem(s, line, "\"%s\" is not a setting; write key = value, e.g. theme = high-contrast", shown(t, v, sizeof v));
		return;
	}
	*eq = '\0';
	char *key = text_trim(t), *value = text_trim(eq + 1);
	size_t vn = strlen(value);
	if (vn >= 2 && value[0] == '"' && value[vn - 1] == '"')
		value[vn - 1] = '\0', value++;
	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!*key) {
		settings_add_problem(s, line, "the line has no setting name before \"=\"; write key = value, e.g. theme = high-contrast");
		return;
	}
	set_one(s, line, key, value);
}

void settings_parse(const char *text, size_t len, struct settings *s)
{
	settings_init(s);
	size_t at = 0;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		size_t used = n;
		if (used && text[at + used - 1] == '\r')
			used--;
		s->lines++;
		parse_line(s, s->lines, text + at, used);
		at += n + (nl != NULL);
	}
}

/* ---- the template ---- */

void settings_template(struct buf *out)
{
	char c[64];
	buf_add(out, "# planbench settings: $XDG_CONFIG_HOME/planbench/config, else ~/.config/planbench/config\n"
		     "#\n"
		     "# One setting a line, written key = value. A line whose first character (after spaces) is # is a\n"
		     "# comment; a # anywhere else is part of the value. A line planbench cannot use is reported, with its\n"
		     "# number, by `planbench settings` and when the workbench starts, and is ignored; the other lines apply.\n"
		     "# Every setting is shown below with its default, commented out: remove the # and change the value.\n"
		     "#\n"
		     "# These belong to the data, so they are kept in the database, where everyone using it shares them; a\n"
		     "# line here for one of them is ignored. `planbench settings set KEY VALUE` changes them (audited).\n");
	for (const struct settings_data_def *d = settings_data; d->key; d++)
		buf_printf(out, "#   %s (default %s): %s\n", d->key, d->fallback, d->about);
	buf_add(out, "\n# The plan the workbench opens on, by its code (e.g. HIP-2627); empty: the overdue queue of every plan.\n"
		     "# plan =\n"
		     "\n# Colours: default, high-contrast (each RAG bold on a solid colour, nothing dim) or mono (no colour:\n"
		     "# bold and reverse only, as on a terminal without colour or with NO_COLOR set). RAG is always shown as a\n"
		     "# letter too.\n");
	buf_printf(out, "# theme = %s\n", theme_names[SETTINGS_THEME_DEFAULT]);
	buf_add(out, "\n# One element's colour, in place of the theme's: [bold] [underline] [reverse] [dim] [COLOUR] [on COLOUR].\n"
		     "# COLOUR is default (the terminal's own), black, red, green, yellow, blue, magenta, cyan, white, the same\n"
		     "# with bright- before them (bright-white), or a number 0-255; a terminal without that many colours shows\n"
		     "# the nearest it has. Without colour only the attributes apply. The defaults are the default theme's:\n");
	for (int el = 0; el < SETTINGS_NELEMENTS; el++) {
		settings_format_colour(themes[SETTINGS_THEME_DEFAULT][el], c, sizeof c);
		buf_printf(out, "# colour.%s = %s\n", element_names[el], c);
	}
	buf_add(out, "\n# Keys (key.VIEW.ACTION = KEY) give an action another key, in place of the first key it shows; the hint bar\n"
		     "# and help show the new one. `planbench settings --keys` lists every VIEW.ACTION with its keys, and ? in the\n"
		     "# workbench names the actions of the screen you are on. KEY is " KEY_WORDS ".\n"
		     "# A key another action of the same screen uses is reported and the line ignored.\n"
		     "# No key is rebound by default; for example:\n"
		     "# key.list.open = o\n"
		     "# key.browse.search = F3\n");
}
