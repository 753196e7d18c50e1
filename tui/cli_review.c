/* cli_review.c — `planbench review OWNER [--since DATE] [--format md|csv] [-o FILE]`: the one-to-one sheet of an
 * officer's actions across all plans, grouped as a team leader takes them, from the database opened read-only. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/when.h"
#include "store/review.h"
#include "tui/args.h"
#include "tui/cli.h"

/* Reads --since: a day written YYYY-MM-DD or as officers write one (30/04/2026, May-26: its last day). */
static int since_day(const char *text, struct date *out, struct pb_error *e)
{
	struct when w;
	char err[300];
	if (date_parse_iso(text, out))
		return PB_OK;
	if (when_parse(text, NULL, &w, err, sizeof err) == 0 && w.ndates == 1) {
		*out = w.dates[0].date;
		return PB_OK;
	}
	return pb_fail(e, PB_USAGE, "review: --since \"%s\" is not a day; write it like 2026-05-12 or 12/05/2026", text);
}

/* Writes the sheet to a file beside out_path first and renames it into place, so a failure leaves no half file. */
static int sheet_to_file(struct store *s, long officer_id, const struct review_since *since, enum review_format f,
			 const char *out_path, struct pb_error *e)
{
	char tmp[1100];
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", out_path, (long)getpid());
	FILE *out = fopen(tmp, "w");
	if (!out)
		return pb_fail(e, PB_FAIL, "%s: cannot write (%s); check the folder exists and you may write there", out_path,
			       strerror(errno));
	int status = store_review_sheet(s, officer_id, since, f, out, e);
	if (fclose(out) != 0 && status == PB_OK)
		status = pb_fail(e, PB_FAIL, "%s: could not finish writing (is the disk full?)", out_path);
	if (status == PB_OK && rename(tmp, out_path) != 0)
		status = pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
	if (status != PB_OK)
		unlink(tmp);
	return status;
}

/* `planbench review OWNER`: nothing is written but the sheet. */
int cli_review(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *since_text = NULL, *format = "md", *out_path = NULL, *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"--since", &since_text, NULL}, {"--format", &format, NULL}, {"-o", &out_path, NULL},
				       {"--output", &out_path, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "review", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "review: say whose actions, e.g. `planbench review \"Simon Parry\"` (a name or an alias)");
	int f = review_format_from_name(format);
	if (f < 0)
		return pb_fail(e, PB_USAGE, "review: --format takes md or csv, not \"%s\"", format);
	struct date day;
	if (since_text && since_day(since_text, &day, e) != PB_OK)
		return e->status;
	struct store *s;
	long officer_id;
	struct review_since since;
	if (app_open(a, STORE_READ_ONLY, &s, e) != PB_OK)
		return e->status;
	int status = store_find_officer(s, pos[0], &officer_id, NULL, 0, e);
	if (status == PB_OK && since_text)
		status = store_review_since_day(s, day, &since, e);
	const struct review_since *sp = since_text ? &since : NULL;
	if (status == PB_OK)
		status = out_path ? sheet_to_file(s, officer_id, sp, (enum review_format)f, out_path, e)
				  : store_review_sheet(s, officer_id, sp, (enum review_format)f, stdout, e);
	store_close(s);
	return status;
}
