/* textedit.c — the editing rules of multi-line UTF-8 text: a gap-free buffer, a cursor on character boundaries,
 * word and line moves, and word wrap by display width (core/text.h measures each character). */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/textedit.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD, for a malformed byte */

/* Bytes in the UTF-8 character at s (1 for a stray or cut-off byte). */
static size_t char_len(const char *s, size_t left)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	if (n > left)
		return 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Columns the one character of n bytes at s takes (a control character, shown as a space, takes one). */
static int char_cols(const char *s, size_t n)
{
	char one[5];
	memcpy(one, s, n);
	one[n] = '\0';
	return text_width(one);
}

/* Offset of the character before offset i. */
static size_t prev_char(const struct textedit *t, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)t->text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Offset of the character after offset i. */
static size_t next_char(const struct textedit *t, size_t i)
{
	return i >= t->len ? t->len : i + char_len(t->text + i, t->len - i);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Makes room for at least need bytes and the NUL. */
static bool reserve(struct textedit *t, size_t need)
{
	if (need + 1 <= t->cap)
		return true;
	size_t cap = t->cap ? t->cap : 64;
	while (cap < need + 1)
		cap *= 2;
	char *p = realloc(t->text, cap);
	if (!p)
		return false;
	t->text = p;
	t->cap = cap;
	return true;
}

bool textedit_init(struct textedit *t, const char *text, size_t max)
{
	memset(t, 0, sizeof *t);
	t->max = max ? max : TEXTEDIT_MAX;
	t->goal = -1;
	if (!reserve(t, 0))
		return false;
	t->text[0] = '\0';
	return textedit_set(t, text);
}

void textedit_free(struct textedit *t)
{
	free(t->text);
	memset(t, 0, sizeof *t);
}

bool textedit_set(struct textedit *t, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n > t->max || !reserve(t, n))
		return false;
	memcpy(t->text, text ? text : "", n);
	t->text[n] = '\0';
	t->len = t->cur = n;
	t->goal = -1;
	t->npend = 0;
	return true;
}

/* Puts n bytes in at the cursor, as they are. */
static bool put(struct textedit *t, const char *s, size_t n)
{
	if (t->len + n > t->max || !reserve(t, t->len + n))
		return false;
	memmove(t->text + t->cur + n, t->text + t->cur, t->len - t->cur + 1);
	memcpy(t->text + t->cur, s, n);
	t->cur += n;
	t->len += n;
	t->goal = -1;
	return true;
}

bool textedit_insert(struct textedit *t, const char *s, size_t n)
{
	size_t grown = 0;
	for (size_t i = 0; i < n;) { /* measure first, so that a failure inserts nothing */
		size_t k = char_len(s + i, n - i);
		grown += k == 1 && (unsigned char)s[i] >= 0x80 ? 3 : k;
		i += k;
	}
	if (t->len + grown > t->max || !reserve(t, t->len + grown))
		return false;
	for (size_t i = 0; i < n;) {
		size_t k = char_len(s + i, n - i);
		if (k == 1 && (unsigned char)s[i] >= 0x80)
			put(t, replacement, 3);
		else
			put(t, s + i, k);
		i += k;
	}
	return true;
}

/* Bytes a UTF-8 character starting with lead has; 0 when lead cannot start one. */
static int lead_len(unsigned char lead)
{
	return (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
}

bool textedit_feed(struct textedit *t, int byte)
{
	if (byte < 0 || byte > 0xff)
		return false;
	unsigned char b = (unsigned char)byte;
	if (t->npend > 0 && (b & 0xC0) == 0x80) {
		t->pend[t->npend++] = b;
		if (t->npend == t->want) {
			t->npend = 0;
			textedit_insert(t, (const char *)t->pend, (size_t)t->want);
		}
		return true;
	}
	if (t->npend > 0) { /* a character cut short: keep a mark where it was */
		t->npend = 0;
		put(t, replacement, 3);
	}
	if (b >= 0x80) {
		t->want = lead_len(b);
		if (t->want == 0)
			put(t, replacement, 3);
		else
			t->pend[t->npend++] = b;
		return true;
	}
	if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f)
		return false;
	char c = (char)b;
	put(t, &c, 1);
	return true;
}

bool textedit_left(struct textedit *t)
{
	t->goal = -1;
	if (t->cur == 0)
		return false;
	t->cur = prev_char(t, t->cur);
	return true;
}

bool textedit_right(struct textedit *t)
{
	t->goal = -1;
	if (t->cur >= t->len)
		return false;
	t->cur = next_char(t, t->cur);
	return true;
}

/* Offset of the start of the word before i (spaces before i skipped first). */
static size_t word_start(const struct textedit *t, size_t i)
{
	while (i > 0 && is_space(t->text[i - 1]))
		i--;
	while (i > 0 && !is_space(t->text[i - 1]))
		i--;
	return i;
}

void textedit_word_left(struct textedit *t)
{
	t->goal = -1;
	t->cur = word_start(t, t->cur);
}

void textedit_word_right(struct textedit *t)
{
	size_t i = t->cur;
	t->goal = -1;
	while (i < t->len && is_space(t->text[i]))
		i++;
	while (i < t->len && !is_space(t->text[i]))
		i++;
	t->cur = i;
}

/* Offset where the line holding i starts. */
static size_t line_start(const struct textedit *t, size_t i)
{
	while (i > 0 && t->text[i - 1] != '\n')
		i--;
	return i;
}

/* Offset of the '\n' ending the line holding i (or the end of the text). */
static size_t line_end(const struct textedit *t, size_t i)
{
	while (i < t->len && t->text[i] != '\n')
		i++;
	return i;
}

void textedit_home(struct textedit *t)
{
	t->goal = -1;
	t->cur = line_start(t, t->cur);
}

void textedit_end(struct textedit *t)
{
	t->goal = -1;
	t->cur = line_end(t, t->cur);
}

/* Removes bytes from .. to-1 and leaves the cursor at from. */
static bool cut(struct textedit *t, size_t from, size_t to)
{
	t->goal = -1;
	t->npend = 0;
	if (to <= from)
		return false;
	memmove(t->text + from, t->text + to, t->len - to + 1);
	t->len -= to - from;
	t->cur = from;
	return true;
}

bool textedit_backspace(struct textedit *t)
{
	return cut(t, prev_char(t, t->cur), t->cur);
}

bool textedit_delete(struct textedit *t)
{
	return cut(t, t->cur, next_char(t, t->cur));
}

bool textedit_delete_word(struct textedit *t)
{
	return cut(t, word_start(t, t->cur), t->cur);
}

bool textedit_kill_start(struct textedit *t)
{
	return cut(t, line_start(t, t->cur), t->cur);
}

bool textedit_kill_end(struct textedit *t)
{
	size_t end = line_end(t, t->cur);
	return cut(t, t->cur, end == t->cur && end < t->len ? end + 1 : end);
}

bool textedit_blank(const struct textedit *t)
{
	for (size_t i = 0; i < t->len; i++)
		if (!is_space(t->text[i]) && t->text[i] != '\r')
			return false;
	return true;
}

/* Where the line starting at start ends when wrapped at width; see textedit_wrap. */
static size_t wrap_one(const char *text, size_t len, size_t start, int width)
{
	size_t i = start, word = start; /* word: where the last word after a space began */
	int used = 0;
	while (i < len) {
		if (text[i] == '\n')
			return i + 1;
		size_t n = char_len(text + i, len - i);
		int w = char_cols(text + i, n);
		if (used + w > width && i > start) {
			if (text[i] == ' ') { /* the spaces at the break stay on this line, and a '\n' right after them */
				while (i < len && text[i] == ' ')
					i++;
				return i < len && text[i] == '\n' ? i + 1 : i;
			}
			if (text[i - 1] == ' ') /* a word starts just where the line is full */
				return i;
			return word > start ? word : i;
		}
		if (text[i] != ' ' && i > start && text[i - 1] == ' ')
			word = i;
		used += w;
		i += n;
	}
	return i;
}

size_t textedit_wrap(const char *text, size_t len, int width, struct textedit_line *lines, size_t max)
{
	size_t n = 0, i = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		size_t end = wrap_one(text, len, i, width);
		if (lines && n < max)
			lines[n] = (struct textedit_line){i, end};
		n++;
		if (end >= len) {
			if (end > i && text[end - 1] == '\n') { /* a last empty line, for the cursor after the '\n' */
				if (lines && n < max)
					lines[n] = (struct textedit_line){len, len};
				n++;
			}
			return n;
		}
		i = end;
	}
}

void textedit_locate(const char *text, const struct textedit_line *lines, size_t n, size_t at, size_t *row, int *col)
{
	size_t lo = 0, hi = n ? n - 1 : 0;
	while (lo < hi) { /* the last line starting at or before at */
		size_t mid = (lo + hi + 1) / 2;
		if (lines[mid].start <= at)
			lo = mid;
		else
			hi = mid - 1;
	}
	*row = lo;
	*col = 0;
	if (n == 0)
		return;
	for (size_t i = lines[lo].start; i < at;) {
		size_t k = char_len(text + i, at - i);
		*col += char_cols(text + i, k);
		i += k;
	}
}

size_t textedit_offset_at(const char *text, const struct textedit_line *lines, size_t n, size_t row, int col)
{
	if (n == 0)
		return 0;
	if (row >= n)
		row = n - 1;
	const struct textedit_line *l = &lines[row];
	/* The cursor may stand on a line's last byte (its '\n' or a wrapping space) but not after it: that is the
	 * next line's start. The last line has no next, so its end is allowed. */
	size_t limit = row + 1 == n ? l->end : l->end > l->start ? l->end - 1 : l->start;
	size_t i = l->start;
	int used = 0;
	while (i < limit) {
		size_t k = char_len(text + i, limit - i);
		int w = char_cols(text + i, k);
		if (used + w > col)
			break;
		used += w;
		i += k;
	}
	return i;
}

void textedit_vertical(struct textedit *t, const struct textedit_line *lines, size_t n, long rows)
{
	size_t row;
	int col;
	if (n == 0 || rows == 0)
		return;
	textedit_locate(t->text, lines, n, t->cur, &row, &col);
	if (t->goal < 0)
		t->goal = col;
	long to = (long)row + rows;
	if (to < 0) {
		t->cur = 0;
		t->goal = -1;
	} else if (to >= (long)n) {
		t->cur = t->len;
		t->goal = -1;
	} else {
		t->cur = textedit_offset_at(t->text, lines, n, (size_t)to, t->goal);
	}
}
