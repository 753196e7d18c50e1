/* bench.c — `make bench`: builds synthetic databases through the real import path, times what the workbench and the
 * command line do at each size, and prints one table (operation × size), also written as CSV. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/frames.h"
#include "bench/gen.h"
#include "bench/ops.h"
#include "bench/proc.h"
#include "bench/stats.h"
#include "store/backup.h"
#include "store/import.h"
#include "store/store.h"
#include "store/update.h"

#define MAX_SIZES 6
#define TODAY "2026-06-09"

struct opts {
	long sizes[MAX_SIZES];
	int nsizes;
	int runs, process_runs, import_runs;
	const char *out, *dir, *bin;
	bool keys, frames, commands, tracker; /* the parts to run (--parts) */
	bool reuse; /* --reuse: a database built by an earlier run is used as it is */
};

static const char usage[] =
	"usage: planbench-bench [--sizes N,N,...] [--runs N] [--process-runs N] [--import-runs N]\n"
	"                       [--parts keys,frames,commands,tracker] [--reuse] [--dir DIR] [--bin PATH]\n"
	"                       [-o FILE]\n"
	"  --sizes   actions in each database (default 1000,10000,100000)\n"
	"  --runs    timed runs of each keystroke operation and frame (default 30); --process-runs of each command\n"
	"            (default 5);\n"
	"            --import-runs of each tracker import (default 3)\n"
	"  --parts   what to time besides building the databases: keystrokes (store calls), frames (the real workbench\n"
	"            through --script), commands, tracker import (default all)\n"
	"  --reuse   use the databases an earlier run built in DIR (same sizes) instead of building them afresh\n"
	"  --dir     where the databases and CSV files go (default build/bench/data)\n"
	"  --bin     the planbench binary the commands are run with (default build/planbench)\n"
	"  -o        the results as CSV (default bench/results.csv); the rows of the file that this run does not\n"
	"            measure (other sizes, other parts) are kept\n";

/* ---- files ---- */

/* A file in the working folder, named by fmt and the size. */
static void path_in(const struct opts *o, char *out, size_t len, const char *fmt, long size)
{
	char name[128];
	snprintf(name, sizeof name, fmt, size);
	snprintf(out, len, "%s/%s", o->dir, name);
}

/* Removes a database, its WAL files, its backups folder and a migration backup, so it is made afresh. */
static void remove_db(const char *path)
{
	static const char *const sides[] = {"", "-wal", "-shm", "-journal", ".bak-v1"};
	char side[1600], dir[1200];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(side, sizeof side, "%s%s", path, sides[i]);
		unlink(side);
	}
	store_backups_dir(path, dir, sizeof dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		snprintf(side, sizeof side, "%s/%s", dir, de->d_name);
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			unlink(side);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Makes the folder path and its parents. */
static int make_dirs(const char *path)
{
	char p[1024];
	snprintf(p, sizeof p, "%s", path);
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			return -1;
		*c = '/';
	}
	return mkdir(p, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* The size of a file in megabytes (0 when there is none). */
static double file_mb(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0) : 0;
}

/* ---- building a database through store_import ---- */

typedef void (*gen_fn)(const struct gen *g, long from, long to, FILE *f);

/* Generates rows [from, to) of a kind as CSV in memory and imports them; adds the seconds and rows taken. */
static int import_batch(struct store *s, enum csvio_kind kind, const struct gen *g, long from, long to, long *rows,
			double *ms, struct pb_error *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return pb_fail(e, PB_FAIL, "out of memory generating %s", csvio_kind(kind)->name);
	switch (kind) {
	case CSVIO_PLANS: gen_plans(g, f); break;
	case CSVIO_SECTIONS: gen_sections(g, f); break;
	case CSVIO_OFFICERS: gen_officers(g, f); break;
	case CSVIO_METHODS: gen_methods(f); break;
	case CSVIO_ACTIONS: gen_actions(g, from, to, f); break;
	case CSVIO_UPDATES: gen_updates(g, from, to, f); break;
	case CSVIO_ENGAGEMENTS: gen_engagements(g, from, to, f); break;
	default: break;
	}
	fclose(f);
	struct store_import_result r;
	double t0 = stats_now_ms();
	int status = store_import(s, kind, csvio_kind(kind)->name, text, len, NULL, &r, e);
	*ms += stats_now_ms() - t0;
	*rows += r.rows;
	free(text);
	return status;
}

/* Imports a kind in batches of `step` (actions or engagements) and records its rate. */
static int import_kind(struct store *s, enum csvio_kind kind, const struct gen *g, long total, long step,
		       struct stats_table *t, struct pb_error *e)
{
	long rows = 0;
	double ms = 0;
	int status = PB_OK;
	for (long from = 0; from < total && status == PB_OK; from += step)
		status = import_batch(s, kind, g, from, from + step < total ? from + step : total, &rows, &ms, e);
	if (status == PB_OK) {
		char op[80];
		snprintf(op, sizeof op, "build: import %s (store_import)", csvio_kind(kind)->name);
		stats_add_rate(t, op, g->actions, rows, &ms, 1);
	}
	return status;
}

/* A few target dates revised this quarter, through the store as an officer would, so some actions are Amber for it. */
static int revise_some(struct store *s, const struct gen *g, struct pb_error *e)
{
	int status = store_begin(s, e);
	for (long i = 7; i < g->actions && status == PB_OK; i += 50) {
		char plan[16], ref[32];
		long id;
		gen_action_ref(g, i, plan, sizeof plan, ref, sizeof ref);
		status = store_find_action(s, plan, ref, &id, e);
		if (status == PB_OK)
			status = store_revise_due(s, id, i % 100 == 7 ? "Mar-27" : "Dec-26", "Supplier delay", e);
	}
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

/* The database of g->actions actions at path, made afresh through the canonical CSV import. */
static int build_db(const char *path, const struct gen *g, struct stats_table *t, struct pb_error *e)
{
	struct store *s;
	long none = 0;
	double ms = 0;
	remove_db(path);
	if (store_open(path, STORE_CREATE, &s, e) != PB_OK)
		return e->status;
	store_set_today(s, g->today);
	store_set_actor(s, "benchmark");
	int status = PB_OK;
	enum csvio_kind small[] = {CSVIO_PLANS, CSVIO_SECTIONS, CSVIO_OFFICERS, CSVIO_METHODS};
	for (size_t i = 0; i < sizeof small / sizeof small[0] && status == PB_OK; i++)
		status = import_batch(s, small[i], g, 0, 0, &none, &ms, e);
	if (status == PB_OK)
		status = import_kind(s, CSVIO_ACTIONS, g, g->actions, 20000, t, e);
	if (status == PB_OK)
		status = import_kind(s, CSVIO_UPDATES, g, g->actions, 2000, t, e);
	if (status == PB_OK)
		status = import_kind(s, CSVIO_ENGAGEMENTS, g, g->engagements, 10000, t, e);
	if (status == PB_OK)
		status = revise_some(s, g, e);
	store_close(s);
	if (status == PB_OK)
		stats_add(t, "database file size", "MB", g->actions, 1, file_mb(path), file_mb(path));
	return status;
}

/* ---- whole processes ---- */

/* Times a command o->process_runs times (after one untimed run); rows > 0 also gives a rate. */
static int time_command(const struct opts *o, struct stats_table *t, long size, const char *op, long rows,
			char *const args[], struct pb_error *e)
{
	double ms[64], mb = 0, peak = 0, warm;
	int runs = o->process_runs < 64 ? o->process_runs : 64;
	int status = proc_run(o->bin, args, &warm, &peak, e);
	for (int k = 0; k < runs && status == PB_OK; k++) {
		status = proc_run(o->bin, args, &ms[k], &mb, e);
		peak = mb > peak ? mb : peak;
	}
	if (status != PB_OK)
		return status;
	char name[80];
	if (rows > 0) {
		double copy[64];
		memcpy(copy, ms, sizeof ms);
		snprintf(name, sizeof name, "%s, rate", op);
		stats_add_rate(t, name, size, rows, copy, runs);
	}
	stats_add_times(t, op, size, ms, runs);
	snprintf(name, sizeof name, "%s, peak memory", op);
	stats_add(t, name, "MB", size, runs, peak, peak);
	return PB_OK;
}

/* The commands timed as whole processes: the overdue list, the export of actions and of updates. */
static int commands(const struct opts *o, const char *db, long size, long updates, struct stats_table *t,
		    struct pb_error *e)
{
	char *list[] = {"--db", (char *)db, "--today", TODAY, "list", "--overdue", "--format", "csv", NULL};
	char *export[] = {"--db", (char *)db, "--today", TODAY, "export", NULL};
	char *export_updates[] = {"--db", (char *)db, "--today", TODAY, "export", "--kind", "updates", "--with-notes", NULL};
	if (time_command(o, t, size, "list --overdue --format csv (process)", 0, list, e) != PB_OK ||
	    time_command(o, t, size, "export actions (process)", size, export, e) != PB_OK)
		return e->status;
	return time_command(o, t, size, "export updates --with-notes (process)", updates, export_updates, e);
}

/* ---- importing a council's tracker ---- */

/* The sqlite3 shell on PATH, for the import floor; "" when there is none. */
static void find_sqlite3(char *out, size_t size)
{
	const char *p = getenv("PATH");
	out[0] = '\0';
	while (p && *p && !out[0]) {
		int n = (int)strcspn(p, ":");
		snprintf(out, size, "%.*s/sqlite3", n, p);
		if (n == 0 || access(out, X_OK) != 0)
			out[0] = '\0';
		p += p[n] == ':' ? n + 1 : n;
	}
}

/* The floor under any import: the same tracker copied by SQLite's own shell into one table with no index, no search,
 * no audit and no change log, as the store writes (WAL, synchronous FULL) — what the rows alone cost on this machine. */
static int tracker_floor(const struct opts *o, const struct gen *g, const char *csv, const char *db, struct stats_table *t,
			 struct pb_error *e)
{
	char shell[4096], import[1200];
	find_sqlite3(shell, sizeof shell);
	if (!shell[0]) {
		fprintf(stderr, "planbench-bench: no sqlite3 on PATH, so no import floor (apt-get install sqlite3)\n");
		return PB_OK;
	}
	snprintf(import, sizeof import, ".import '%s' tracker", csv);
	char *args[] = {"-bail", "-cmd", "PRAGMA journal_mode = WAL", "-cmd", "PRAGMA synchronous = FULL", "-cmd",
			"PRAGMA cache_size = -16384", "-csv", (char *)db, import, NULL};
	double ms[32], mb;
	int runs = o->import_runs < 32 ? o->import_runs : 32, status = PB_OK;
	for (int k = 0; k < runs && status == PB_OK; k++) {
		remove_db(db);
		status = proc_run(shell, args, &ms[k], &mb, e);
	}
	remove_db(db);
	if (status == PB_OK)
		stats_add_rate(t, "import floor (sqlite3 .import, no index)", g->actions, g->actions, ms, runs);
	return status;
}

/* The tracker imported into an empty database, in this process (store_import_tracker) and by `planbench import`. */
static int tracker_import(const struct opts *o, const struct gen *g, struct stats_table *t, struct pb_error *e)
{
	char csv[1100], db[1100];
	path_in(o, csv, sizeof csv, "tracker-%ld.csv", g->actions);
	path_in(o, db, sizeof db, "tracker-%ld.db", g->actions);
	FILE *f = fopen(csv, "w");
	if (!f)
		return pb_fail(e, PB_FAIL, "%s: cannot write (%s)", csv, strerror(errno));
	gen_tracker(g, g->actions, f);
	if (fclose(f) != 0)
		return pb_fail(e, PB_FAIL, "%s: cannot write", csv);
	double ms[32];
	int runs = o->import_runs < 32 ? o->import_runs : 32, status = PB_OK;
	struct store_tracker_opts to = {.plan = "TRK", .plan_title = "A council tracker", .plan_start = "2024-04-01"};
	for (int k = 0; k < runs && status == PB_OK; k++) {
		struct store *s;
		struct store_tracker_result r;
		remove_db(db);
		if ((status = store_open(db, STORE_CREATE, &s, e)) != PB_OK)
			break;
		store_set_today(s, g->today);
		store_set_actor(s, "benchmark");
		double t0 = stats_now_ms();
		if (!(f = fopen(csv, "rb")))
			status = pb_fail(e, PB_FAIL, "%s: cannot read (%s)", csv, strerror(errno));
		else
			status = store_import_tracker(s, csv, f, &to, &r, e);
		if (f)
			fclose(f);
		ms[k] = stats_now_ms() - t0;
		store_close(s);
		if (status == PB_OK && r.rows != g->actions)
			status = pb_fail(e, PB_FAIL, "%s: %ld actions imported where %ld were written", csv, r.rows, g->actions);
	}
	if (status != PB_OK)
		return status;
	stats_add_rate(t, "import a tracker (store_import_tracker)", g->actions, g->actions, ms, runs);
	/* The command, into a fresh database each time: the init run is not timed. */
	double pms[32], mb, peak = 0;
	char *init[] = {"--db", db, "init", NULL};
	char *import[] = {"--db", db, "--today", TODAY, "import", csv, "--plan", "TRK", "--plan-title", "A council tracker",
			  "--plan-start", "2024-04-01", NULL};
	for (int k = 0; k < runs && status == PB_OK; k++) {
		double ignore;
		remove_db(db);
		status = proc_run(o->bin, init, &ignore, &mb, e);
		if (status == PB_OK)
			status = proc_run(o->bin, import, &pms[k], &mb, e);
		peak = mb > peak ? mb : peak;
	}
	remove_db(db);
	if (status != PB_OK)
		return status;
	stats_add_rate(t, "import a tracker (process), rate", g->actions, g->actions, pms, runs);
	stats_add(t, "import a tracker (process), peak memory", "MB", g->actions, runs, peak, peak);
	return tracker_floor(o, g, csv, db, t, e);
}

/* ---- the keystroke operations, in a child process so its peak memory is theirs alone ---- */

static int keystrokes(const struct opts *o, const char *db, const struct gen *g, struct stats_table *t, struct pb_error *e)
{
	char me[80], plan[16], ref[32];
	int fds[2];
	gen_officer_name(0, me, sizeof me);
	gen_action_ref(g, g->special, plan, sizeof plan, ref, sizeof ref);
	struct ops_setup set = {.db = db, .size = g->actions, .today = g->today, .me = me, .search = gen_search_prefix(),
				.special_plan = plan, .special_ref = ref, .runs = o->runs};
	if (pipe(fds) != 0)
		return pb_fail(e, PB_FAIL, "cannot make a pipe (%s)", strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return pb_fail(e, PB_FAIL, "cannot fork (%s)", strerror(errno));
	if (pid == 0) {
		struct stats_table *mine = calloc(1, sizeof *mine);
		struct rusage ru;
		FILE *out = fdopen(fds[1], "w");
		close(fds[0]);
		int status = mine && out ? ops_measure(&set, mine, e) : PB_FAIL;
		if (status == PB_OK && getrusage(RUSAGE_SELF, &ru) == 0)
			stats_add(mine, "workbench store calls, peak memory", "MB", g->actions, 1, ru.ru_maxrss / 1024.0, ru.ru_maxrss / 1024.0);
		if (status != PB_OK)
			fprintf(stderr, "planbench-bench: %s\n", e->msg);
		else
			stats_send(mine, out);
		fclose(out);
		free(mine);
		_exit(status == PB_OK ? 0 : 1);
	}
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	int got = in ? stats_receive(t, in) : 0;
	if (in)
		fclose(in);
	int wstatus;
	waitpid(pid, &wstatus, 0);
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || got == 0)
		return pb_fail(e, PB_FAIL, "the keystroke operations on %s failed (see above)", db);
	return PB_OK;
}

/* ---- the same operations as whole frames of the real workbench (bench/frames.c) ---- */

static int frames(const struct opts *o, const char *db, const struct gen *g, struct stats_table *t, struct pb_error *e)
{
	char me[80];
	gen_officer_name(0, me, sizeof me);
	struct frames_setup set = {.bin = o->bin, .db = db, .dir = o->dir, .size = g->actions, .today = TODAY, .me = me,
				   .search = gen_search_prefix(), .marker = GEN_SPECIAL_WORD, .runs = o->runs};
	fprintf(stderr, "planbench-bench: %ld actions: frames of the workbench (--script) …\n", g->actions);
	setenv("LC_ALL", "C.UTF-8", 1); /* the workbench draws as it does for a user in a UTF-8 terminal */
	return frames_measure(&set, t, e);
}

/* ---- the whole run ---- */

/* --sizes N,N,...: at least 100 actions each. */
static int parse_sizes(const char *text, struct opts *o)
{
	char *end;
	o->nsizes = 0;
	for (const char *p = text; *p && o->nsizes < MAX_SIZES; p = *end ? end + 1 : end) {
		long n = strtol(p, &end, 10);
		if (end == p || n < 100 || (*end && *end != ','))
			return -1;
		o->sizes[o->nsizes++] = n;
	}
	return o->nsizes > 0 ? 0 : -1;
}

/* --parts: any of keys, commands, tracker. */
static int parse_parts(const char *text, struct opts *o)
{
	o->keys = strstr(text, "keys") != NULL;
	o->frames = strstr(text, "frames") != NULL;
	o->commands = strstr(text, "commands") != NULL;
	o->tracker = strstr(text, "tracker") != NULL;
	return o->keys || o->frames || o->commands || o->tracker ? 0 : -1;
}

/* A whole number from 1 to 10,000. */
static int parse_int(const char *text, int *out)
{
	char *end;
	long n = strtol(text, &end, 10);
	if (end == text || *end || n < 1 || n > 10000)
		return -1;
	*out = (int)n;
	return 0;
}

/* The options; -1 (having said why) when one is not understood. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.runs = 30, .process_runs = 5, .import_runs = 3, .out = "bench/results.csv",
			   .dir = "build/bench/data", .bin = "build/planbench", .keys = true, .frames = true, .commands = true, .tracker = true};
	parse_sizes("1000,10000,100000", o);
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int bad = !v;
		if (strcmp(argv[i], "--reuse") == 0) {
			o->reuse = true;
			continue;
		}
		if (!v)
			;
		else if (strcmp(argv[i], "--sizes") == 0)
			bad = parse_sizes(v, o);
		else if (strcmp(argv[i], "--runs") == 0)
			bad = parse_int(v, &o->runs);
		else if (strcmp(argv[i], "--process-runs") == 0)
			bad = parse_int(v, &o->process_runs);
		else if (strcmp(argv[i], "--parts") == 0)
			bad = parse_parts(v, o);
		else if (strcmp(argv[i], "--import-runs") == 0)
			bad = parse_int(v, &o->import_runs);
		else if (strcmp(argv[i], "--dir") == 0)
			o->dir = v;
		else if (strcmp(argv[i], "--bin") == 0)
			o->bin = v;
		else if (strcmp(argv[i], "-o") == 0)
			o->out = v;
		else
			bad = 1;
		if (bad) {
			fprintf(stderr, "planbench-bench: %s%s%s is not understood\n%s", argv[i], v ? " " : "", v ? v : "", usage);
			return -1;
		}
		i++;
	}
	return 0;
}

/* One size: the database, the keystrokes, the commands, the tracker import. */
static int bench_size(const struct opts *o, long size, struct stats_table *t, struct pb_error *e)
{
	struct gen g;
	struct date today;
	char db[1100];
	date_parse_iso(TODAY, &today);
	gen_shape(size, today, &g);
	path_in(o, db, sizeof db, "bench-%ld.db", size);
	if (o->reuse && access(db, F_OK) == 0) {
		fprintf(stderr, "planbench-bench: %ld actions: using %s as it is …\n", size, db);
	} else {
		fprintf(stderr, "planbench-bench: %ld actions: building %s …\n", size, db);
		if (build_db(db, &g, t, e) != PB_OK)
			return e->status;
	}
	long updates = gen_update_total(&g);
	fprintf(stderr, "planbench-bench: %ld actions: keystrokes (searching for \"%s\") …\n", size, gen_search_prefix());
	if (o->keys && keystrokes(o, db, &g, t, e) != PB_OK)
		return e->status;
	if (o->frames && frames(o, db, &g, t, e) != PB_OK)
		return e->status;
	fprintf(stderr, "planbench-bench: %ld actions: commands …\n", size);
	if (o->commands && commands(o, db, size, updates, t, e) != PB_OK)
		return e->status;
	fprintf(stderr, "planbench-bench: %ld actions: importing a tracker …\n", size);
	return o->tracker ? tracker_import(o, &g, t, e) : PB_OK;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct pb_error e = {0};
	proc_start_spawner(); /* before the benchmark grows: see bench/proc.h */
	if (parse_args(argc, argv, &o) != 0)
		return 2;
	if (access(o.bin, X_OK) != 0) {
		fprintf(stderr, "planbench-bench: %s is not a program; build it with `make` or name it with --bin\n", o.bin);
		return 2;
	}
	if (make_dirs(o.dir) != 0) {
		fprintf(stderr, "planbench-bench: cannot make the folder %s\n", o.dir);
		return 1;
	}
	struct stats_table *t = calloc(1, sizeof *t);
	if (!t)
		return 1;
	int status = PB_OK;
	for (int i = 0; i < o.nsizes && status == PB_OK; i++)
		status = bench_size(&o, o.sizes[i], t, &e);
	if (status != PB_OK)
		fprintf(stderr, "planbench-bench: %s\n", e.msg);
	stats_print(t, stdout);
	struct stats_table *all = calloc(1, sizeof *all);
	if (!all)
		abort();
	stats_read_csv(all, o.out);
	stats_merge(all, t);
	if (t->n && stats_write_csv(all, o.out) != 0) {
		fprintf(stderr, "planbench-bench: %s: cannot write (%s)\n", o.out, strerror(errno));
		status = PB_FAIL;
	} else if (t->n) {
		printf("\n%s: the same as CSV\n", o.out);
	}
	free(all);
	free(t);
	return status == PB_OK ? 0 : 1;
}
