/* fuzz_when.c — libFuzzer target: any bytes as target-date text (core/when.c), with and without a plan start;
 * a reading that succeeds must hold only real dates, and a failure must say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *text, const struct date *start)
{
	struct when w;
	char err[300];
	memset(err, 'x', sizeof err);
	if (when_parse(text, start, &w, err, sizeof err) != 0) {
		if (!memchr(err, '\0', sizeof err) || !err[0])
			abort(); /* a failure always says why, within err */
		return;
	}
	if (w.ndates < 0 || w.ndates > WHEN_MAX_DATES)
		abort();
	for (int i = 0; i < w.ndates; i++)
		if (!date_valid(w.dates[i].date.year, w.dates[i].date.month, w.dates[i].date.day))
			abort();
	if (w.state == WHEN_STATE_DATED && w.ndates == 0)
		abort();
	if (!when_state_name(w.state) || !when_precision_name(w.ndates ? w.dates[0].precision : WHEN_PRECISION_NONE))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct date start = {2026, 4, 1};
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check(text, NULL);
	check(text, &start);
	free(text);
	return 0;
}
