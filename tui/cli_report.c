/* cli_report.c — the quarterly report from the command line: `snapshot LABEL`, `snapshot --list` (`snapshots`)
 * and `report [--plan CODE] [--compare LABEL] [--format md|csv|html] [-o FILE]`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "store/progress.h"
#include "store/report.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/cli_progress.h"

/* "2026-06-09" → "9 Jun 2026"; other text as it is. */
static void human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso);
}

/* One line of the snapshot list, after the heading when it is the first (ctx counts them). */
static int print_snapshot(void *ctx, const struct snapshot_row *r)
{
	char label[512], taken[32];
	long *n = ctx;
	if ((*n)++ == 0)
		printf("%-30s  %-11s  %7s  %s\n", "Label", "Taken on", "Actions", "Taken at (UTC)");
	text_fit(r->label, 30, true, label, sizeof label);
	human(r->taken_on, taken, sizeof taken);
	printf("%s  %-11s  %7ld  %s\n", label, taken, r->actions, r->taken_at);
	return PB_OK;
}

/* `snapshot --list` and `snapshots`: every snapshot, or how to take the first. */
static int list_snapshots(const struct app *a, struct pb_error *e)
{
	struct store *s;
	long n = 0;
	if (app_open(a, STORE_READ_ONLY, &s, e) != PB_OK)
		return e->status;
	int status = store_each_snapshot(s, print_snapshot, &n, e);
	store_close(s);
	if (status == PB_OK && n == 0)
		printf("No snapshots yet; take one at each quarter end with `planbench snapshot \"2025/26 Q4\"`.\n");
	return status;
}

/* `planbench snapshots`. */
int cli_snapshots(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const struct arg_opt opts[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	if (args_parse(argc, argv, opts, pos, 0, &npos, "snapshots", e) != PB_OK)
		return e->status;
	return list_snapshots(a, e);
}

/* `planbench snapshot LABEL` takes one; `--list` lists them. */
int cli_snapshot(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	bool list = false;
	const struct arg_opt opts[] = {{"--list", NULL, &list}, {NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	if (args_parse(argc, argv, opts, pos, 1, &npos, "snapshot", e) != PB_OK)
		return e->status;
	if (list && npos == 0)
		return list_snapshots(a, e);
	if (list || npos != 1)
		return pb_fail(e, PB_USAGE, "snapshot: give a label, e.g. `planbench snapshot \"2025/26 Q4\"`, or --list to list them");
	struct store *s;
	struct snapshot_info info;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	int status = store_snapshot_take(s, pos[0], &info, e);
	store_close(s);
	if (status == PB_OK) {
		char taken[32];
		human(info.taken_on, taken, sizeof taken);
		printf("Snapshot \"%s\" taken on %s: %ld action%s recorded (status, set and computed RAG, target date).\n",
		       info.label, taken, info.actions, info.actions == 1 ? "" : "s");
	}
	return status;
}

/* Writes the report to a temporary file beside out_path and renames it into place, so a failure (or Ctrl-C) leaves
 * no half file. */
static int report_to_file(struct store *s, const struct store_report_opts *o, struct cli_progress *cp, const char *out_path,
			  struct pb_error *e)
{
	char tmp[1100];
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", out_path, (long)getpid());
	FILE *out = fopen(tmp, "w");
	if (!out)
		return pb_fail(e, PB_FAIL, "%s: cannot write (%s); check the folder exists and you may write there", out_path,
			       strerror(errno));
	int status = store_report_write_progress(s, o, &cp->hook, out, e);
	if (fclose(out) != 0 && status == PB_OK)
		status = pb_fail(e, PB_FAIL, "%s: could not finish writing (is the disk full?)", out_path);
	if (status == PB_OK && progress_interrupted())
		status = PB_INTERRUPTED;
	if (status == PB_OK && rename(tmp, out_path) != 0)
		status = pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
	if (status != PB_OK)
		unlink(tmp);
	return status;
}

/* The --kind asked for ("actions" when none), as `list` reads it. */
static const char *kind_of(int argc, char **argv)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], "--kind") == 0)
			return argv[i + 1];
	return "actions";
}

/* `planbench report`: the database is opened read-only; nothing is written but the output.
 * `--kind engagements` is the tenant engagement report of tui/cli_engagement.c. */
int cli_report(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *plan = NULL, *compare = NULL, *format = "md", *out_path = NULL, *kind = NULL, *pos[1];
	int npos;
	if (strcmp(kind_of(argc, argv), "engagements") == 0)
		return cli_engagement_report(a, argc, argv, e);
	const struct arg_opt opts[] = {{"--plan", &plan, NULL}, {"--compare", &compare, NULL}, {"--format", &format, NULL},
				       {"-o", &out_path, NULL}, {"--output", &out_path, NULL}, {"--kind", &kind, NULL},
				       {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "report", e) != PB_OK)
		return e->status;
	if (kind && strcmp(kind, "actions") != 0)
		return pb_fail(e, PB_USAGE, "report: --kind takes actions (the RAG report) or engagements, not \"%s\"", kind);
	int f = report_format_from_name(format);
	if (f < 0)
		return pb_fail(e, PB_USAGE, "report: --format takes md, csv or html, not \"%s\"", format);
	if (out_path && !*out_path)
		return pb_fail(e, PB_USAGE, "report: -o needs a file name");
	struct store *s;
	if (app_open(a, STORE_READ_ONLY, &s, e) != PB_OK)
		return e->status;
	struct store_report_opts o = {plan, compare, (enum report_format)f};
	struct cli_progress cp;
	cli_progress_start(&cp, "Writing the report", "actions", !out_path);
	int status = out_path ? report_to_file(s, &o, &cp, out_path, e) : store_report_write_progress(s, &o, &cp.hook, stdout, e);
	cli_progress_end(&cp);
	store_close(s);
	if (status == PB_INTERRUPTED)
		cli_interrupted(e, "the report", out_path ? "nothing was written" : "the report written to standard output is incomplete");
	return status;
}
