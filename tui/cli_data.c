/* cli_data.c — the commands that move data in and out: init, import, export. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/demo.h"

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

/* Writes to a temporary file beside out_path and renames it into place, so a failed export leaves no half file. */
int cli_export(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *kind_name = "actions", *plan = NULL, *out_path = NULL, *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"--kind", &kind_name, NULL}, {"--plan", &plan, NULL}, {"-o", &out_path, NULL},
				       {"--output", &out_path, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "export", e) != PB_OK)
		return e->status;
	int kind = csvio_kind_from_name(kind_name);
	if (kind < 0)
		return pb_fail(e, PB_USAGE, "export: unknown kind \"%s\"; use plans, sections, officers, methods, actions, revisions, updates or engagements", kind_name);
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	char tmp[1100];
	FILE *out = stdout;
	if (out_path) {
		snprintf(tmp, sizeof tmp, "%s.tmp%ld", out_path, (long)getpid());
		if (!(out = fopen(tmp, "w"))) {
			store_close(s);
			return pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
		}
	}
	int status = store_export(s, kind, plan, out, e);
	if (out_path) {
		if (fclose(out) != 0 && status == PB_OK)
			status = pb_fail(e, PB_FAIL, "%s: could not finish writing (disk full?)", out_path);
		if (status == PB_OK && rename(tmp, out_path) != 0)
			status = pb_fail(e, PB_FAIL, "%s: cannot write (%s)", out_path, strerror(errno));
		if (status != PB_OK)
			unlink(tmp);
	}
	store_close(s);
	return status;
}
