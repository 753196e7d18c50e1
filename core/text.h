/* text.h — UTF-8 text: display width, truncation by width, trimming, natural sort keys, Markdown inline text. */
#ifndef PB_TEXT_H
#define PB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Columns the UTF-8 string takes on a terminal (wcwidth per character; invalid bytes count 1). */
int text_width(const char *s);
/* Copies s into out, cut to at most `width` columns and never mid-character;
 * when cut, the last column is "…" ("~" when the locale is not UTF-8). Control characters (tabs, line breaks) become
 * spaces. Pads with spaces to exactly width when pad. */
void text_fit(const char *s, int width, bool pad, char *out, size_t outlen);
/* For terminals that cannot show UTF-8: each non-ASCII character becomes one ASCII
 * character of the same width — symbols the program draws their look-alike ("…" "~",
 * "·" "-", "→" ">", "≠" "!", box lines "-" "|" "+", "£" "#" as in UK ASCII), anything
 * else "?" ("??" for a double-width one), so layouts measured by text_width still fit. */
void text_ascii(const char *s, char *out, size_t outlen);
/* The first line of s, with runs of white space folded to one space. */
void text_first_line(const char *s, char *out, size_t outlen);
/* Whether s is valid UTF-8. */
bool text_valid_utf8(const char *s, size_t len);
/* How many of s's first bytes are valid UTF-8: len when all are, else where the first bad one is. */
size_t text_utf8_prefix(const char *s, size_t len);
/* Sort key that orders digit runs by value: "2.9" < "2.10" < "SQ10". */
void text_natural_key(const char *s, char *out, size_t outlen);
/* Turns what a user typed into a safe FTS5 query: every word quoted, the last one a prefix. */
void text_fts_query(const char *typed, char *out, size_t outlen);
/* Case-insensitive ASCII compare. */
bool text_ieq(const char *a, const char *b);
/* Removes leading and trailing white space in place; returns s. */
char *text_trim(char *s);

/* Writes s as Markdown inline text: line breaks and runs of space folded to one space, and the punctuation Markdown
 * reads as formatting escaped, so a cell or heading never breaks its table or its line. */
void text_write_markdown(FILE *f, const char *s);

#endif
