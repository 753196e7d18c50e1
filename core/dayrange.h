/* dayrange.h — when something was held, as people type it: a day, a month, or a range of them. */
#ifndef PB_DAYRANGE_H
#define PB_DAYRANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

struct dayrange {
	bool dated;	   /* a date was given */
	bool ranged;	   /* more than one day: until differs from from */
	struct date from;  /* the first day */
	struct date until; /* the last day (= from for one day) */
};

/* Reads "12/05/2026", "2026-05-12", "12 May 2026" (one day), "May 2026" or "May-26" (the whole month) and ranges of
 * those joined by " - ", " – ", " to " or ".." ("01/04/2025 - 31/03/2026", "Apr-25 to Mar-26": the first day of the
 * first month to the last day of the last). Empty or blank text is no date. Returns 0, or -1 with err quoting the
 * text and saying how to write it (a part that is not a date, a day that does not exist, an end before the start). */
int dayrange_parse(const char *text, struct dayrange *out, char *err, size_t errlen);

/* "12 May 2026", "1 Apr 2025 – 31 Mar 2026" (utf8) or "1 Apr 2025 - 31 Mar 2026"; "" when not dated. */
void dayrange_format(const struct dayrange *r, bool utf8, char *out, size_t outlen);

#endif
