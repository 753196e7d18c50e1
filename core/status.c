/* status.c — reading the status words councils use into one of five canonical statuses. */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "core/status.h"

const char *const status_names[] = {"to_be_started", "in_progress", "on_hold", "complete", "deferred", NULL};
static const char *const labels[] = {"To be started", "In progress", "On hold", "Complete", "Deferred"};

struct spelling {
	const char *text; /* letters only, lower case */
	int status;
};

static const struct spelling spellings[] = {
	{"tobestarted", 0}, {"notstarted", 0}, {"notyetstarted", 0}, {"planned", 0},
	{"inprogress", 1}, {"ongoing", 1}, {"started", 1}, {"underway", 1},
	{"onhold", 2}, {"paused", 2},
	{"complete", 3}, {"completed", 3}, {"done", 3}, {"closed", 3},
	{"deferred", 4}, {"postponed", 4},
};

const char *status_canonical(const char *text)
{
	char key[32];
	size_t k = 0;
	for (; text && *text && k + 1 < sizeof key; text++)
		if (isalpha((unsigned char)*text))
			key[k++] = (char)tolower((unsigned char)*text);
	key[k] = '\0';
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (strcmp(key, spellings[i].text) == 0)
			return status_names[spellings[i].status];
	return NULL;
}

const char *status_label(const char *canonical)
{
	for (int i = 0; status_names[i]; i++)
		if (canonical && strcmp(canonical, status_names[i]) == 0)
			return labels[i];
	return "";
}
