/* cli_progress.h — long commands (import, export, backup, report) on the command line: a progress line on standard
 * error when it is a terminal, and Ctrl-C stopping the work with nothing written (exit 130). */
#ifndef PB_CLI_PROGRESS_H
#define PB_CLI_PROGRESS_H

#include <stdbool.h>

#include "core/error.h"
#include "core/progress.h"

struct cli_progress {
	struct progress p;
	struct progress_hook hook; /* what the store is given */
	bool show;		   /* lines are drawn: standard error is a terminal, and the output does not go to it */
	long total;		   /* the total to show when the work reports none (0: not known) */
};

/* Starts catching Ctrl-C and decides whether to draw: not when standard error is not a terminal (or TERM=dumb), nor
 * when output_on_stdout and standard output is that terminal. label: "Importing actions.csv"; unit: "rows". */
void cli_progress_start(struct cli_progress *c, const char *label, const char *unit, bool output_on_stdout);
/* Clears the progress line, if one is drawn, so that what is printed next starts a clean line. */
void cli_progress_clear(struct cli_progress *c);
/* Clears the progress line and stops catching Ctrl-C. */
void cli_progress_end(struct cli_progress *c);
/* The message for work Ctrl-C stopped: "<what> was interrupted (Ctrl-C); <outcome>"; returns PB_INTERRUPTED. */
int cli_interrupted(struct pb_error *e, const char *what, const char *outcome);

#endif
