/* cli_progress.c — the progress line of long commands on standard error, and Ctrl-C stopping them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "tui/cli_progress.h"

/* Milliseconds on a clock that never goes back. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Columns of the terminal on standard error; 80 when it does not say. */
static int columns(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The store's hook: stops at Ctrl-C, else draws a line when one is due. */
static int step(void *ctx, long done, long total)
{
	struct cli_progress *c = ctx;
	char line[512];
	if (progress_interrupted())
		return PB_INTERRUPTED;
	if (!c->show)
		return PB_OK;
	if (total <= 0)
		total = c->total;
	if (progress_due(&c->p, done, total, now_ms())) {
		progress_format(&c->p, done, total, columns(), line, sizeof line);
		fprintf(stderr, "\r%s\033[K", line);
		fflush(stderr);
	}
	return PB_OK;
}

void cli_progress_start(struct cli_progress *c, const char *label, const char *unit, bool output_on_stdout)
{
	const char *term = getenv("TERM");
	memset(c, 0, sizeof *c);
	progress_init(&c->p, label, unit);
	c->hook = (struct progress_hook){step, c};
	c->show = isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0) && !(output_on_stdout && isatty(STDOUT_FILENO));
	progress_catch_interrupt();
}

void cli_progress_clear(struct cli_progress *c)
{
	if (c->show && c->p.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	c->p.shown = false;
}

void cli_progress_end(struct cli_progress *c)
{
	cli_progress_clear(c);
	progress_release_interrupt();
}

int cli_interrupted(struct pb_error *e, const char *what, const char *outcome)
{
	return pb_fail(e, PB_INTERRUPTED, "%s was interrupted (Ctrl-C); %s", what, outcome);
}
