/* when.h — reads target-date text as council officers write it ("Sep-25 (Revised Jan-26)"). */
#ifndef PB_WHEN_H
#define PB_WHEN_H

#include <stddef.h>
#include "core/date.h"

enum when_state {
	WHEN_STATE_NONE,     /* empty text */
	WHEN_STATE_DATED,
	WHEN_STATE_ONGOING,
	WHEN_STATE_ON_HOLD,  /* "Dec-25 ON HOLD": may still carry dates */
	WHEN_STATE_TBC,
	WHEN_STATE_COMPLETE,
};

enum when_precision {
	WHEN_PRECISION_NONE,
	WHEN_PRECISION_DAY,
	WHEN_PRECISION_MONTH,
	WHEN_PRECISION_PLAN_YEAR,
};

#define WHEN_MAX_DATES 8

struct when_date {
	struct date date;
	enum when_precision precision;
};

/* dates[0] is the original target, dates[ndates-1] the current one;
 * the ones between are the revisions in the order they were made. */
struct when {
	int ndates;
	struct when_date dates[WHEN_MAX_DATES];
	enum when_state state;
};

/* Reads text. plan_start (may be NULL) is the plan's first day, used for
 * "Year N" (financial years counted from it). Returns 0, or -1 with a
 * message in err that quotes the text and says what is wrong. */
int when_parse(const char *text, const struct date *plan_start,
	       struct when *out, char *err, size_t errlen);
/* The same, for text read as something other than a target date: what names it in the message ("cannot read
 * due-from date \"…\": …"). */
int when_parse_as(const char *what, const char *text, const struct date *plan_start,
		  struct when *out, char *err, size_t errlen);

const char *when_state_name(enum when_state state);	/* "dated", "on_hold", … */
const char *when_precision_name(enum when_precision p); /* "day", "month", "plan_year", "none" */

#endif
