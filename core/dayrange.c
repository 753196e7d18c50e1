/* dayrange.c — a day, a month or a range of them as typed, read with the target-date reader (core/when.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/dayrange.h"
#include "core/when.h"

#define HOW "write a day (12/05/2026), a month (May 2026) or a range (01/04/2025 - 31/03/2026)"

/* Where the range's separator starts in text and how long it is; NULL when there is none. */
static const char *separator(const char *text, size_t *len)
{
	static const char *const seps[] = {"..", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " to ", " until "};
	for (const char *p = text; *p; p++)
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
			if (strncasecmp(p, seps[i], strlen(seps[i])) == 0) {
				*len = strlen(seps[i]);
				return p;
			}
	return NULL;
}

/* One side of a range: its first and last day (a month is all of its days); false with err filled. */
static bool read_side(const char *all, const char *text, struct date *first, struct date *last, char *err, size_t errlen)
{
	struct when w;
	char why[300];
	if (when_parse(text, NULL, &w, why, sizeof why) != 0 || w.state != WHEN_STATE_DATED || w.ndates != 1 ||
	    (w.dates[0].precision != WHEN_PRECISION_DAY && w.dates[0].precision != WHEN_PRECISION_MONTH)) {
		snprintf(err, errlen, "cannot read the date \"%s\"%s%s%s: %s", all, strcmp(all, text) ? " (at \"" : "",
			 strcmp(all, text) ? text : "", strcmp(all, text) ? "\")" : "", HOW);
		return false;
	}
	*last = w.dates[0].date;
	*first = *last;
	if (w.dates[0].precision == WHEN_PRECISION_MONTH)
		first->day = 1;
	return true;
}

/* Copies n bytes of s into out, without the white space around them. */
static void trimmed(const char *s, size_t n, char *out, size_t outlen)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	snprintf(out, outlen, "%.*s", (int)(n < outlen ? n : outlen - 1), s);
}

/* Reads a day, a month or a range of them; see dayrange.h. */
int dayrange_parse(const char *text, struct dayrange *out, char *err, size_t errlen)
{
	char all[512], a[512], b[512];
	struct date unused;
	memset(out, 0, sizeof *out);
	trimmed(text ? text : "", strlen(text ? text : ""), all, sizeof all);
	if (!*all)
		return 0;
	char padded[520]; /* a space either side, so that "01/05/2026 -" is seen as a range with no end */
	snprintf(padded, sizeof padded, " %s ", all);
	size_t seplen = 0;
	const char *sep = separator(padded, &seplen);
	if (!sep) {
		if (!read_side(all, all, &out->from, &out->until, err, errlen))
			return -1;
	} else {
		trimmed(padded, (size_t)(sep - padded), a, sizeof a);
		trimmed(sep + seplen, strlen(sep + seplen), b, sizeof b);
		if (!*a || !*b) {
			snprintf(err, errlen, "cannot read the date \"%s\": a range needs a first and a last day; %s", all, HOW);
			return -1;
		}
		if (!read_side(all, a, &out->from, &unused, err, errlen) || !read_side(all, b, &unused, &out->until, err, errlen))
			return -1;
	}
	if (date_compare(out->until, out->from) < 0) {
		snprintf(err, errlen, "the date \"%s\" ends before it starts; give the first day first", all);
		return -1;
	}
	out->dated = true;
	out->ranged = date_compare(out->until, out->from) != 0;
	return 0;
}

/* The dates for people to read; see dayrange.h. */
void dayrange_format(const struct dayrange *r, bool utf8, char *out, size_t outlen)
{
	char from[32], until[32];
	if (!r->dated) {
		snprintf(out, outlen, "%s", "");
		return;
	}
	date_format_human(r->from, from, sizeof from);
	date_format_human(r->until, until, sizeof until);
	if (r->ranged)
		snprintf(out, outlen, "%s %s %s", from, utf8 ? "\xE2\x80\x93" : "-", until);
	else
		snprintf(out, outlen, "%s", from);
}
