/* cli.h — the commands of the command line, and what every command shares. */
#ifndef PB_CLI_H
#define PB_CLI_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

/* What the global options and the environment decided. */
struct app {
	const char *db_path;
	struct date today;
	const char *who;
	bool read_only;
	const char *script;  /* --script FILE: the workbench replays its keys off-screen and prints the screen */
	const char *size;    /* --size COLSxLINES of that off-screen terminal */
	const char *timings; /* --timings FILE: each key's time, as CSV */
};

/* Opens the database with the app's today and actor applied. */
int app_open(const struct app *a, int flags, struct store **s, struct pb_error *e);

typedef int (*cli_command_fn)(const struct app *a, int argc, char **argv, struct pb_error *e);

int cli_init(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_import(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_export(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_list(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_show(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_update(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_when(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_check(const struct app *a, int argc, char **argv, struct pb_error *e);
/* Tenant engagement: `list --kind engagements …` and `report --kind engagements …` (tui/cli_engagement.c). */
int cli_engagement_list(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_engagement_report(const struct app *a, int argc, char **argv, struct pb_error *e);
/* tui/cli_backup.c */
int cli_backup(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_restore(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_search_person(const struct app *a, int argc, char **argv, struct pb_error *e);
/* tui/cli_report.c */
int cli_snapshot(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_snapshots(const struct app *a, int argc, char **argv, struct pb_error *e);
int cli_report(const struct app *a, int argc, char **argv, struct pb_error *e);
/* tui/cli_settings.c */
int cli_settings(const struct app *a, int argc, char **argv, struct pb_error *e);
/* tui/cli_sync.c */
int cli_sync(const struct app *a, int argc, char **argv, struct pb_error *e);
/* tui/cli_review.c */
int cli_review(const struct app *a, int argc, char **argv, struct pb_error *e);

#endif
