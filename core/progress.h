/* progress.h — long work: a rate-limited progress line ("Importing actions.csv  12,345 / 100,000 rows  12%"),
 * the hook long loops report to, and Ctrl-C asking that work to stop. */
#ifndef PB_PROGRESS_H
#define PB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#define PROGRESS_MIN_ROWS 2000	/* smaller work shows no progress */
#define PROGRESS_INTERVAL_MS 100 /* at most ten lines a second */

/* What a long loop calls as it goes: done so far of total (0 when not known). step returns PB_OK to go on, or
 * PB_INTERRUPTED to stop, after which the loop undoes what it did (rolls back) and returns PB_INTERRUPTED. */
struct progress_hook {
	int (*step)(void *ctx, long done, long total);
	void *ctx;
};
/* Calls h's step; PB_OK when h is NULL. */
int progress_step(const struct progress_hook *h, long done, long total);

/* A progress line being drawn. */
struct progress {
	char label[256];   /* "Importing actions.csv" */
	char unit[32];	   /* "rows" */
	long min_total;	   /* shown only for this much work (PROGRESS_MIN_ROWS) */
	int interval_ms;   /* PROGRESS_INTERVAL_MS */
	long long last_ms; /* when a line was last made; -1 before the first */
	long last_done;
	bool shown;	   /* a line has been made, so the terminal's line must be cleared at the end */
};

void progress_init(struct progress *p, const char *label, const char *unit);
/* "Importing actions.csv  [#####-----]  12,345 / 100,000 rows  12%" in at most width columns (the label is cut
 * first, then the bar left out); without a total, "Importing actions.csv  12,345 rows". */
void progress_format(const struct progress *p, long done, long total, int width, char *out, size_t len);
/* Whether a line is due at now_ms for done of total: the work is big enough, and the last line was made at least
 * interval_ms ago (or the work is finished and the last line did not say so). Notes that it was made. */
bool progress_due(struct progress *p, long done, long total, long long now_ms);
/* 1234567 → "1,234,567". */
void progress_number(long n, char *out, size_t len);

/* ---- Ctrl-C ---- */

/* Installs a SIGINT handler that only sets a flag (and clears the flag); progress_release puts the old one back. */
void progress_catch_interrupt(void);
void progress_release_interrupt(void);
/* Whether Ctrl-C was pressed since progress_catch_interrupt. */
bool progress_interrupted(void);

#endif
