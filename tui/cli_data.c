/* cli_data.c — creating a database and writing data out: init, export. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/args.h"
#include "tui/cli.h"
#include "tui/demo.h"
#include "store/privacy.h"
#include "store/progress.h"
#include "tui/cli_progress.h"

/* Creates the folder that will hold path (mode 0700), parents too. */
static int make_parent_dir(const char *path, struct pb_error *e)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return PB_OK;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return pb_fail(e, PB_FAIL, "cannot create folder %s (%s)", dir, strerror(errno));
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return pb_fail(e, PB_FAIL, "cannot create folder %s (%s)", dir, strerror(errno));
	return PB_OK;
}

static void remove_db_files(const char *path)
{
	char side[1100];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int cli_init(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	bool demo = false;
	const struct arg_opt opts[] = {{"--demo", NULL, &demo}, {NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	if (args_parse(argc, argv, opts, pos, 0, &npos, "init", e) != PB_OK)
		return e->status;
	bool existed = access(a->db_path, F_OK) == 0;
	if (!existed && make_parent_dir(a->db_path, e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, STORE_CREATE, &s, e) != PB_OK)
		return e->status;
	long n = 0;
	struct action_filter all = {0};
	int status = store_count_actions(s, &all, &n, e);
	if (status == PB_OK && demo && n > 0)
		status = pb_fail(e, PB_FAIL, "%s already holds %ld actions; load the demo into a new file with --db PATH", a->db_path, n);
	if (status == PB_OK && demo) {
		printf("Loading the demo data into %s:\n", a->db_path);
		status = demo_load(s, stdout, e);
	}
	store_close(s);
	if (status != PB_OK && !existed)
		remove_db_files(a->db_path);
	else if (status == PB_OK)
		printf("%s %s (schema %d).\n", existed ? "Database ready:" : "Created", a->db_path, store_schema_version());
	return status;
}

/* Writes to a temporary file beside out_path and renames it into place, so a failed export leaves no half file.
 * Free-text notes, which can name tenants, are left out unless --with-notes is given. */
int cli_export(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *kind_name = "actions", *plan = NULL, *out_path = NULL, *pos[1];
	bool with_notes = false;
	int npos;
	const struct arg_opt opts[] = {{"--kind", &kind_name, NULL}, {"--plan", &plan, NULL}, {"-o", &out_path, NULL},
				       {"--output", &out_path, NULL}, {"--with-notes", NULL, &with_notes}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "export", e) != PB_OK)
		return e->status;
	int kind = csvio_kind_from_name(kind_name);
	if (kind < 0)
		return pb_fail(e, PB_USAGE, "export: unknown kind \"%s\"; use plans, sections, officers, methods, actions, revisions, updates or engagements", kind_name);
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	char tmp[1100], label[64];
	FILE *out = stdout;
	struct cli_progress cp;
	snprintf(label, sizeof label, "Exporting %s", kind_name);
	cli_progress_start(&cp, label, "rows", !out_path); /* from before the temporary file is made until it is gone */
	if (out_path) {
		snprintf(tmp, sizeof tmp, "%s.tmp%ld", out_path, (long)getpid());
		if (!(out = fopen(tmp, "w"))) {
			cli_progress_end(&cp);
			store_close(s);
			return pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
		}
	}
	static char out_buffer[1 << 16]; /* a write per 64 KiB, not per 4 KiB: exports run to hundreds of MB */
	setvbuf(out, out_buffer, _IOFBF, sizeof out_buffer);
	int status = store_export_progress(s, kind, plan, with_notes ? STORE_EXPORT_NOTES : 0, &cp.hook, out, e);
	cli_progress_clear(&cp);
	if (out_path) {
		if (fclose(out) != 0 && status == PB_OK)
			status = pb_fail(e, PB_FAIL, "%s: could not finish writing (disk full?)", out_path);
		if (status == PB_OK && progress_interrupted())
			status = PB_INTERRUPTED;
		if (status == PB_OK && rename(tmp, out_path) != 0)
			status = pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
		if (status != PB_OK)
			unlink(tmp);
	}
	cli_progress_end(&cp);
	store_close(s);
	if (status == PB_INTERRUPTED)
		cli_interrupted(e, "the export", out_path ? "nothing was written" : "the CSV written to standard output is incomplete");
	if (status == PB_OK && !with_notes && store_export_notes(kind))
		fprintf(stderr, "planbench: export: the free-text notes (%s) were left out, as they may hold personal data;"
				" add --with-notes to include them\n", store_export_notes(kind));
	return status;
}
