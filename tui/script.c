/* script.c — `planbench --script FILE`: the script's lines read and checked into keys, an off-screen terminal for the
 * workbench, the keys handed to its main loop one at a time (each timed), and the final screen read back as text. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>

#include "core/buf.h"
#include "core/text.h"
#include "tui/script.h"
#include "tui/ui.h"

#define SCRIPT_MAX_BYTES (4 * 1024 * 1024)
#define SIZE_MIN 2
#define SIZE_MAX_CELLS 1000
#define CTRL(c) ((c) & 0x1f)

/* One key for the main loop, or a resize of the off-screen terminal. */
struct event {
	int key;	/* a character byte, a KEY_* code, or KEY_RESIZE */
	int cols, lines; /* the new size, for KEY_RESIZE */
	int line;	/* the script line it came from */
	char name[16];	/* how the timings name it: "Down", "n", "Resize" */
	double ms;	/* the time its handling and drawing took; < 0 until known */
};

struct script {
	char *path;
	int cols, lines;
	struct event *ev;
	size_t n, cap, next;
	double clock_start, handed, open_ms;
	FILE *out, *in; /* the off-screen terminal's ends: both /dev/null */
	struct buf screen;
};

/* The named keys a line may hold, matched ignoring case. */
static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{"Down", KEY_DOWN}, {"Up", KEY_UP}, {"Left", KEY_LEFT}, {"Right", KEY_RIGHT},
	{"PgDn", KEY_NPAGE}, {"PageDown", KEY_NPAGE}, {"PgUp", KEY_PPAGE}, {"PageUp", KEY_PPAGE},
	{"Home", KEY_HOME}, {"End", KEY_END},
	{"Enter", '\r'}, {"Return", '\r'}, {"Esc", 27}, {"Escape", 27},
	{"Tab", '\t'}, {"BTab", KEY_BTAB}, {"S-Tab", KEY_BTAB}, {"Shift-Tab", KEY_BTAB},
	{"Space", ' '}, {"Backspace", KEY_BACKSPACE}, {"Bksp", KEY_BACKSPACE},
	{"Delete", KEY_DC}, {"Del", KEY_DC}, {"Insert", KEY_IC}, {"Ins", KEY_IC},
	{"Ctrl-Left", UI_KEY_WORD_LEFT}, {"C-Left", UI_KEY_WORD_LEFT},
	{"Ctrl-Right", UI_KEY_WORD_RIGHT}, {"C-Right", UI_KEY_WORD_RIGHT},
};

static const char what_to_write[] =
	"write one key a line (Down, Up, PgDn, PgUp, Home, End, Enter, Esc, Tab, BTab, Space, Backspace, F1-F12, "
	"Ctrl-X, or a single character), \"type TEXT\" to type text, or \"Resize COLS LINES\" (see `man planbench`)";

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- reading the script ---- */

/* Appends one event; the name is cut to fit. */
static void add_event(struct script *s, int key, int line, const char *name, size_t name_len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->ev = realloc(s->ev, s->cap * sizeof *s->ev);
		if (!s->ev)
			abort();
	}
	struct event *ev = &s->ev[s->n++];
	memset(ev, 0, sizeof *ev);
	ev->key = key;
	ev->line = line;
	ev->ms = -1;
	snprintf(ev->name, sizeof ev->name, "%.*s", (int)name_len, name);
}

/* Adds text as the bytes a terminal would send for it, each named by the character it belongs to. */
static void add_text(struct script *s, const char *text, size_t len, int line)
{
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		while (i + n < len && ((unsigned char)text[i + n] & 0xC0) == 0x80)
			n++;
		for (size_t k = 0; k < n; k++)
			add_event(s, (unsigned char)text[i + k], line, text + i, n);
		i += n;
	}
}

/* The whole number that is all of word (at most four digits); -1 otherwise. */
static int number(const char *word, size_t len)
{
	int v = 0;
	if (len == 0 || len > 4)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)word[i]))
			return -1;
		v = v * 10 + (word[i] - '0');
	}
	return v;
}

/* A number of columns or lines from SIZE_MIN to SIZE_MAX_CELLS; -1 otherwise. */
static int cells(const char *word, size_t len)
{
	int v = number(word, len);
	return v >= SIZE_MIN && v <= SIZE_MAX_CELLS ? v : -1;
}

int script_parse_size(const char *text, int *cols, int *lines, struct pb_error *e)
{
	const char *x = strchr(text, 'x');
	if (!x || (*cols = cells(text, (size_t)(x - text))) < 0 || (*lines = cells(x + 1, strlen(x + 1))) < 0)
		return pb_fail(e, PB_USAGE, "--size \"%.40s\" is not a terminal size; write COLSxLINES, e.g. --size 120x40 "
			       "(each from %d to %d)", text, SIZE_MIN, SIZE_MAX_CELLS);
	return PB_OK;
}

/* The code of a named key ("Down", "F2", "Ctrl-S"), or 0. */
static int named_key(const char *w, size_t len)
{
	char word[24];
	if (len >= sizeof word)
		return 0;
	memcpy(word, w, len);
	word[len] = '\0';
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcasecmp(word, named_keys[i].name) == 0)
			return named_keys[i].key;
	int f = (word[0] == 'F' || word[0] == 'f') && word[1] != '0' ? number(word + 1, len - 1) : -1;
	if (f >= 1 && f <= 12)
		return KEY_F(f);
	if (len == 6 && strncasecmp(word, "Ctrl-", 5) == 0 && isalpha((unsigned char)word[5]))
		return CTRL(toupper((unsigned char)word[5]));
	return 0;
}

/* "Resize COLS LINES": adds the resize, or fails naming the line. */
static int resize_line(struct script *s, const char *args, size_t len, int line, struct pb_error *e)
{
	const char *sp = memchr(args, ' ', len);
	int c = sp ? cells(args, (size_t)(sp - args)) : -1;
	int l = sp ? cells(sp + 1, len - (size_t)(sp + 1 - args)) : -1;
	if (c < 0 || l < 0)
		return pb_fail(e, PB_USAGE, "%s:%d: \"Resize %.*s\" is not a size; write \"Resize COLS LINES\", e.g. "
			       "\"Resize 100 30\" (each from %d to %d)", s->path, line, len > 40 ? 40 : (int)len, args, SIZE_MIN,
			       SIZE_MAX_CELLS);
	add_event(s, KEY_RESIZE, line, "Resize", 6);
	s->ev[s->n - 1].cols = c;
	s->ev[s->n - 1].lines = l;
	return PB_OK;
}

/* "type TEXT": printable text only (a Tab or Enter is a key line of its own). */
static int type_line(struct script *s, const char *text, size_t len, int line, struct pb_error *e)
{
	if (len == 0)
		return pb_fail(e, PB_USAGE, "%s:%d: \"type\" has no text after it; write \"type TEXT\" (Space for a lone space)",
			       s->path, line);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			return pb_fail(e, PB_USAGE, "%s:%d: the text to type holds a control character (byte %u at column %zu); "
				       "write keys such as Tab or Enter on lines of their own", s->path, line,
				       (unsigned char)text[i], i + 6);
	add_text(s, text, len, line);
	return PB_OK;
}

/* Bytes of the one UTF-8 character that is all of w, or 0 when w is more (or less) than one character. */
static size_t one_char(const char *w, size_t len)
{
	if (len == 0 || (unsigned char)w[0] < 0x20)
		return 0;
	size_t n = 1;
	while (n < len && ((unsigned char)w[n] & 0xC0) == 0x80)
		n++;
	return n == len ? n : 0;
}

/* One line of the script (without its line break). */
static int parse_line(struct script *s, const char *text, size_t len, int line, struct pb_error *e)
{
	if (len && text[len - 1] == '\r')
		len--;
	if (len > 5 && strncasecmp(text, "type ", 5) == 0)
		return type_line(s, text + 5, len - 5, line, e);
	if (len == 4 && strncasecmp(text, "type", 4) == 0)
		return type_line(s, text, 0, line, e);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	while (len && (*text == ' ' || *text == '\t'))
		text++, len--;
	if (len == 0 || (len > 1 && text[0] == '#'))
		return PB_OK; /* a blank line, or a comment */
	if (len > 7 && strncasecmp(text, "Resize ", 7) == 0)
		return resize_line(s, text + 7, len - 7, line, e);
	int key = named_key(text, len);
	if (key) {
		add_event(s, key, line, text, len);
		return PB_OK;
	}
	size_t n = one_char(text, len);
	if (n) {
		add_text(s, text, n, line);
		return PB_OK;
	}
	bool cut = len > 40;
	return pb_fail(e, PB_USAGE, "%s:%d: \"%.*s%s\" is not a key; %s%s%.*s%s", s->path, line, cut ? 40 : (int)len, text,
		       cut ? "…" : "", what_to_write, ". To type it as text, write \"type ", cut ? 40 : (int)len, text,
		       cut ? "…\"" : "\"");
}

/* Reads the whole file into b; PB_USAGE naming it when it cannot be read or is too big. */
static int read_script(const char *path, struct buf *b, struct pb_error *e)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return pb_fail(e, PB_USAGE, "--script %s: cannot read it (%s); give the path of a file of keys", path, strerror(errno));
	while (b->len <= SCRIPT_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_addn(b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		return pb_fail(e, PB_USAGE, "--script %s: cannot read it; give the path of a file of keys", path);
	if (b->len > SCRIPT_MAX_BYTES)
		return pb_fail(e, PB_USAGE, "--script %s: is over %d MB; a script is a few keys a line", path, SCRIPT_MAX_BYTES >> 20);
	if (!text_valid_utf8(buf_str(b), b->len))
		return pb_fail(e, PB_USAGE, "--script %s: is not UTF-8 text; save it as UTF-8", path);
	return PB_OK;
}

int script_load(const char *path, const char *size, struct script **out, struct pb_error *e)
{
	struct script *s = calloc(1, sizeof *s);
	struct buf b = {0};
	if (!s || !(s->path = strdup(path)))
		abort();
	s->cols = SCRIPT_COLS;
	s->lines = SCRIPT_LINES;
	int status = size ? script_parse_size(size, &s->cols, &s->lines, e) : PB_OK;
	if (status == PB_OK)
		status = read_script(path, &b, e);
	const char *p = buf_str(&b), *end = p + b.len;
	for (int line = 1; status == PB_OK && p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (memchr(p, '\0', len))
			status = pb_fail(e, PB_USAGE, "%s:%d: holds a NUL byte; a script is text", path, line);
		else
			status = parse_line(s, p, len, line, e);
		p += len + 1;
	}
	buf_free(&b);
	if (status != PB_OK) {
		script_free(s);
		return status;
	}
	*out = s;
	return PB_OK;
}

void script_free(struct script *s)
{
	if (!s)
		return;
	if (s->out)
		fclose(s->out);
	if (s->in)
		fclose(s->in);
	buf_free(&s->screen);
	free(s->ev);
	free(s->path);
	free(s);
}

/* ---- running it ---- */

void script_start_clock(struct script *s)
{
	s->clock_start = now_ms();
}

SCREEN *script_screen(struct script *s, struct pb_error *e)
{
	s->out = fopen("/dev/null", "w");
	s->in = fopen("/dev/null", "r");
	SCREEN *scr = s->out && s->in ? newterm("xterm-256color", s->out, s->in) : NULL;
	if (!scr) {
		pb_fail(e, PB_FAIL, "cannot start the off-screen terminal for --script (no xterm-256color description)");
		return NULL;
	}
	set_term(scr);
	typeahead(-1);		/* /dev/null always reads as ready: never cut a drawing short for keys */
	signal(SIGWINCH, SIG_IGN); /* the real terminal's size has nothing to do with the off-screen one */
	resizeterm(s->lines, s->cols);
	return scr;
}

int script_next_key(struct script *s)
{
	double now = now_ms();
	if (s->next == 0)
		s->open_ms = now - s->clock_start;
	else
		s->ev[s->next - 1].ms = now - s->handed;
	s->handed = now;
	if (s->next == s->n)
		return SCRIPT_END;
	struct event *ev = &s->ev[s->next++];
	if (ev->key == KEY_RESIZE)
		resizeterm(ev->lines, ev->cols);
	return ev->key;
}

/* ---- the results ---- */

/* Appends the UTF-8 bytes of code point c. */
static void add_utf8(struct buf *b, wchar_t wc)
{
	unsigned long c = (unsigned long)wc;
	char u[4];
	if (c < 0x80) {
		buf_addc(b, (char)c);
		return;
	}
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	size_t n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	for (size_t i = n - 1; i > 0; i--, c >>= 6)
		u[i] = (char)(0x80 | (c & 0x3F));
	u[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | c);
	buf_addn(b, u, n);
}

void script_capture(struct script *s, WINDOW *scr)
{
	int rows = getmaxy(scr), cols = getmaxx(scr), cy, cx;
	buf_reset(&s->screen);
	if (rows <= 0 || cols <= 0)
		return;
	wchar_t *line = calloc((size_t)cols * 2 + 1, sizeof *line);
	if (!line)
		abort();
	getyx(scr, cy, cx);
	for (int y = 0; y < rows; y++) {
		/* winnwstr leaves out the second cell of a double-width character, as the screen shows it once */
		int n = mvwinnwstr(scr, y, 0, line, cols * 2);
		size_t start = s->screen.len;
		for (int i = 0; i < n && line[i]; i++)
			add_utf8(&s->screen, line[i]);
		while (s->screen.len > start && s->screen.data[s->screen.len - 1] == ' ')
			s->screen.data[--s->screen.len] = '\0';
		buf_addc(&s->screen, '\n');
	}
	wmove(scr, cy, cx);
	free(line);
}

void script_print_screen(const struct script *s, FILE *out)
{
	fputs(buf_str(&s->screen), out);
}

int script_unused(const struct script *s, FILE *err)
{
	if (s->next == s->n || s->next == 0)
		return 0;
	int line = s->ev[s->next - 1].line;
	fprintf(err, "planbench: warning: %s:%d: the workbench quit on this line; the keys after it were not given\n", s->path,
		line);
	return line;
}

/* Writes name as a CSV field. */
static void csv_field(FILE *f, const char *name)
{
	fputc('"', f);
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

int script_write_timings(const struct script *s, const char *path, struct pb_error *e)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return pb_fail(e, PB_FAIL, "--timings %s: cannot write it (%s)", path, strerror(errno));
	fprintf(f, "line,key,ms\n0,\"open\",%.4f\n", s->open_ms);
	for (size_t i = 0; i < s->next; i++) {
		if (s->ev[i].ms < 0)
			continue; /* the key the workbench quit on: it drew nothing */
		fprintf(f, "%d,", s->ev[i].line);
		csv_field(f, s->ev[i].name);
		fprintf(f, ",%.4f\n", s->ev[i].ms);
	}
	if (fclose(f) != 0)
		return pb_fail(e, PB_FAIL, "--timings %s: cannot write it", path);
	return PB_OK;
}
