/* cli_import.c — `planbench import`: a CSV file into the database, all or nothing. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "tui/args.h"
#include "tui/cli.h"

/* The kind named in a file name such as HIP-2526-updates.csv, or -1. */
static int kind_from_file_name(const char *path)
{
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", path);
	const char *base = basename(copy);
	for (int k = 0; k < CSVIO_NKINDS; k++)
		if (strstr(base, csvio_kind(k)->name))
			return k;
	return -1;
}

static int read_whole_file(const char *path, struct buf *b, struct pb_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot open the file (%s)", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_addn(b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	return bad ? pb_fail(e, PB_BAD_INPUT, "%s: read error", path) : PB_OK;
}

int cli_import(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *kind_name = NULL, *plan = NULL, *pos[1];
	bool dry_run = false;
	int npos;
	const struct arg_opt opts[] = {
		{"--kind", &kind_name, NULL}, {"--plan", &plan, NULL}, {"--dry-run", NULL, &dry_run}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "import", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "import: name the CSV file to import");
	int kind = kind_name ? csvio_kind_from_name(kind_name) : kind_from_file_name(pos[0]);
	if (kind_name && kind < 0)
		return pb_fail(e, PB_USAGE, "import: unknown kind \"%s\"; use plans, sections, officers, methods, actions, revisions, updates or engagements", kind_name);
	if (kind < 0)
		kind = CSVIO_ACTIONS;
	struct buf data = {0};
	struct store *s = NULL;
	struct store_import_result r;
	struct store_import_opts o = {.plan = plan, .dry_run = dry_run};
	int status = read_whole_file(pos[0], &data, e);
	if (status == PB_OK)
		status = app_open(a, 0, &s, e);
	if (status == PB_OK)
		status = store_import(s, kind, pos[0], buf_str(&data), data.len, &o, &r, e);
	if (status == PB_OK) {
		printf("%s: %ld %s rows: %ld added, %ld changed, %ld unchanged", pos[0], r.rows, csvio_kind(kind)->name,
		       r.added, r.changed, r.unchanged);
		if (r.officers_created)
			printf("; %ld new officer%s", r.officers_created, r.officers_created == 1 ? "" : "s");
		puts(dry_run ? " (dry run: nothing was written)" : "");
	} else if (status == PB_BAD_INPUT) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, "\nNothing was imported.");
	}
	store_close(s);
	buf_free(&data);
	return status;
}
