/* names.h — one key per officer however their name is written (case, spacing, look-alike characters). */
#ifndef PB_NAMES_H
#define PB_NAMES_H

#include <stddef.h>

/* Writes the matching key of a name or alias: lower case, accents and look-alike
 * letters folded to ASCII, curly quotes and dashes made plain, "&" read as "and",
 * runs of space folded, spaces around "/" dropped, trailing punctuation removed. */
void names_key(const char *name, char *out, size_t outlen);

/* Splits a "; "-separated list in place into at most max trimmed, non-empty items; returns the count. */
int names_split_list(char *list, char **items, int max);

#endif
