/* textedit.h — multi-line UTF-8 text being edited: insert and delete by character, move by character, word and
 * line, and word wrap by display width. No curses here, so every rule of the editor can be tested on its own. */
#ifndef PB_TEXTEDIT_H
#define PB_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXTEDIT_MAX (4u << 20) /* free text (notes, reasons) may be this long: 4 MB */

struct textedit {
	char *text;	/* NUL-terminated UTF-8, lines separated by '\n'; owned (textedit_free) */
	size_t len, cap;
	size_t cur;	/* the cursor: a byte offset, always on a character boundary */
	int goal;	/* the column Up and Down keep to; -1 when none */
	size_t max;	/* the most bytes it may hold */
	unsigned char pend[4]; /* the bytes of a character that is arriving a byte at a time */
	int npend, want;
};

/* One line of text wrapped at a width: bytes start .. end-1. The lines cover the text with no gaps: a line ends
 * after its '\n', or after the spaces where it was wrapped; a text ending in '\n' has an empty last line. */
struct textedit_line {
	size_t start, end;
};

/* Starts with a copy of text (NULL: empty) holding at most max bytes (0: TEXTEDIT_MAX), the cursor at its end;
 * false when out of memory. */
bool textedit_init(struct textedit *t, const char *text, size_t max);
void textedit_free(struct textedit *t);
/* Replaces the text (cursor at its end); false when out of memory or too long (the text is then unchanged). */
bool textedit_set(struct textedit *t, const char *text);

/* Takes one byte as typed or pasted: a character goes in at the cursor once all its bytes have come (a malformed
 * one as U+FFFD). '\n' and '\t' are text; false for any other control byte or a key code, which is not text. */
bool textedit_feed(struct textedit *t, int byte);
/* Inserts n bytes at the cursor, each malformed UTF-8 byte as U+FFFD; false (nothing inserted) when the text would
 * grow past its maximum or memory runs out. */
bool textedit_insert(struct textedit *t, const char *s, size_t n);

/* Moves by one character; false when already at that end. */
bool textedit_left(struct textedit *t);
bool textedit_right(struct textedit *t);
/* Moves to the start of the word before the cursor, or past the end of the word after it. */
void textedit_word_left(struct textedit *t);
void textedit_word_right(struct textedit *t);
/* Moves to the start or the end of the cursor's line (as far as its '\n'). */
void textedit_home(struct textedit *t);
void textedit_end(struct textedit *t);

/* Deletions; each returns whether the text changed. */
bool textedit_backspace(struct textedit *t);	/* the character before the cursor */
bool textedit_delete(struct textedit *t);	/* the character under the cursor */
bool textedit_delete_word(struct textedit *t);	/* the word (and spaces) before the cursor */
bool textedit_kill_start(struct textedit *t);	/* from the start of the line to the cursor */
bool textedit_kill_end(struct textedit *t);	/* from the cursor to the end of the line; at its end, the '\n' */

/* Whether the text is empty or only white space. */
bool textedit_blank(const struct textedit *t);

/* Wraps len bytes of text at width columns (at least 1), breaking after spaces where it can and inside a word only
 * when it is longer than a line; writes at most max lines (lines may be NULL to count) and returns how many there
 * are (at least one). */
size_t textedit_wrap(const char *text, size_t len, int width, struct textedit_line *lines, size_t max);
/* The row of the wrapped lines holding byte offset at, and its column (display width before it on that row). */
void textedit_locate(const char *text, const struct textedit_line *lines, size_t n, size_t at, size_t *row, int *col);
/* The byte offset on line row nearest to (not past) column col. */
size_t textedit_offset_at(const char *text, const struct textedit_line *lines, size_t n, size_t row, int col);
/* Moves the cursor rows wrapped lines down (negative: up), keeping to the goal column; past the first or last
 * line it goes to the start or end of the text. lines are the text wrapped at the width shown. */
void textedit_vertical(struct textedit *t, const struct textedit_line *lines, size_t n, long rows);

#endif
