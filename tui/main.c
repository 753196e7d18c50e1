/* main.c — the entry point: global options, the environment, then a command or the full-screen workbench. */
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/backup.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/config.h"
#include "tui/script.h"
#include "tui/terminfo.h"
#include "tui/workbench.h"

struct command {
	const char *name;
	cli_command_fn fn;
	const char *usage;
};

static const struct command commands[] = {
	{"init", cli_init, "init [--demo]\n  Create the database; --demo loads the council's plans from sample-data/."},
	{"import", cli_import,
	 "import FILE [--kind plans|sections|officers|methods|actions|revisions|updates|engagements] [--plan CODE] [--dry-run]\n"
	 "       [--plan-title TITLE] [--plan-start YYYY-MM-DD] [--map \"Header=field\"]... [--update]\n"
	 "  Import a CSV in one transaction; any error leaves the database unchanged (exit 3).\n"
	 "  The kind is taken from --kind, else from the file name (HIP-2526-updates.csv), else actions.\n"
	 "  Actions may come in a council's own tracker layout: --dry-run shows how its columns are read,\n"
	 "  --map changes one, --plan-title creates the plan; changes to actions already here need --update."},
	{"export", cli_export,
	 "export [--kind KIND] [--plan CODE] [-o FILE] [--with-notes]\n"
	 "  Write one kind (default actions) as canonical CSV; --with-notes keeps the free-text notes, left out otherwise."},
	{"list", cli_list,
	 "list [--plan CODE] [--owner NAME] [--overdue] [--due-within DAYS] [--rag R|A|G|C] [--status S]\n"
	 "     [--search TEXT] [--rag-mismatch] [--sort plan|due|overdue|ref|owner|rag] [--format table|csv|json]\n"
	 "  List actions; the owner may be written any way the officer is known.\n"
	 "list --kind engagements [--team T] [--method M] [--formality formal|informal|other] [--from DATE] [--to DATE]\n"
	 "     [--we-did yes|no] [--search TEXT] [--format table|csv|json]\n"
	 "  List tenant engagement records, by date."},
	{"show", cli_show, "show REF [--plan CODE] [--format text|json]\n  One action in full: fields, target-date history, progress updates."},
	{"update", cli_update,
	 "update REF [--plan CODE] [--note TEXT] [--status S] [--rag R|A|G|C --reason TEXT]\n"
	 "       [--due TEXT --reason TEXT] [--complete [--on DATE]]\n"
	 "  Change an action; all the changes are saved together or not at all."},
	{"when", cli_when, "when TEXT [--plan CODE | --start DATE]\n  Print how a target-date text is read, as JSON."},
	{"check", cli_check, "check\n  Integrity and consistency checks, then the actions whose set RAG disagrees with the computed one."},
	{"snapshot", cli_snapshot,
	 "snapshot LABEL | snapshot --list\n"
	 "  Record every action's status, set and computed RAG and target date as LABEL (e.g. \"2025/26 Q4\"); never changed."},
	{"snapshots", cli_snapshots, "snapshots\n  List the snapshots taken so far (the same as snapshot --list)."},
	{"report", cli_report,
	 "report [--plan CODE] [--compare LABEL] [--format md|csv|html] [-o FILE]\n"
	 "  RAG counts per standard or pillar (set and computed), overdue and revised dates, the lists behind them\n"
	 "  (overdue, revised, RAG mismatches, completed) and each action's latest update; --compare adds the change.\n"
	 "report --kind engagements [--by method|team|quarter] [--format md|csv] [-o FILE] [--team T] [--method M]\n"
	 "     [--formality formal|informal|other] [--from DATE] [--to DATE] [--we-did yes|no] [--search TEXT]\n"
	 "  The tenant engagement summary by method, team and quarter, of the records the filters keep."},
	{"review", cli_review,
	 "review OWNER [--since DATE] [--format md|csv] [-o FILE]\n"
	 "  The one-to-one sheet of everything OWNER (a name or an alias) leads, across all plans, in groups:\n"
	 "  Overdue, RAG mismatches, due within a month, changed since the last review (or DATE), the rest.\n"
	 "  For each action its target, RAG, latest update and agreed next step; md prints and pastes into Word, csv is rows."},
	{"backup", cli_backup, "backup [-o FILE]\n  A checked copy of the database, taken safely while it is in use (default: into PATH.backups/)."},
	{"restore", cli_restore, "restore FILE\n  Check a backup, then put it in place of the database; the database as it was is kept."},
	{"search-person", cli_search_person,
	 "search-person NAME\n  Every note, action text and engagement record that mentions NAME (for subject access requests)."},
	{"sync", cli_sync,
	 "sync status | sync export -o FILE [--to PEER] [--all] [--since YYYY-MM-DD] [--dry-run]\n"
	 "     | sync import FILE [--dry-run] | sync clone -o NEW.db [--name NAME] | sync identity [--new] [--name NAME]\n"
	 "  Work apart on several laptops, each with its own database (a replica). Clone makes one from this database.\n"
	 "  Export writes what a peer lacks to a change-set file; import applies one in a single transaction.\n"
	 "  Where a field was changed on both sides the newer edit wins, and every conflict is listed and audited.\n"
	 "  A damaged, foreign or out-of-order file is refused (exit 3).\n"
	 "  Status lists the peers and what waits for each; identity --new is for a copy made by cp."},
	{"settings", cli_settings,
	 "settings [--keys | --template]\n"
	 "  Every setting, its value and where it came from (default, database or the settings file), and the file's problems;\n"
	 "  --keys lists every action of the workbench as key.VIEW.ACTION with its keys (for key settings);\n"
	 "  --template prints a settings file with every setting and its default.\n"
	 "settings set KEY VALUE\n"
	 "  Change a setting kept in the database (rag.amber_days, quarter.scheme), recorded in the audit trail."},
};

/* Writes a command's usage, each line after lead: a form of the command (a line that does not start with a space)
 * after form_lead, the first after first_lead, so that every form stands out the same way. */
static void command_usage(FILE *out, const char *text, const char *lead, const char *first_lead, const char *form_lead)
{
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		fprintf(out, "%s%s%.*s\n", lead, line == text ? first_lead : *line != ' ' ? form_lead : "", (int)n, line);
		line += n + (line[n] == '\n');
	}
}

/* `planbench help CMD`, and the usage after a usage error. */
static void usage_of(FILE *out, const struct command *c)
{
	command_usage(out, c->usage, "", "usage: planbench ", "   or: planbench ");
}

static void usage(FILE *out)
{
	fputs("usage: planbench [--db PATH] [--today YYYY-MM-DD] [--as NAME] [--read-only] [COMMAND]\n"
	      "  (no command)  open the full-screen workbench\n"
	      "  --script FILE [--size COLSxLINES] [--timings CSV]\n"
	      "                replay FILE's keys (one a line) in the workbench off-screen, print the final screen\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		command_usage(out, commands[i].usage, "  ", "", "");
	fputs("Environment: PLANBENCH_DB, PLANBENCH_TODAY, PLANBENCH_USER, PLANBENCH_BUSY_TIMEOUT_MS, XDG_CONFIG_HOME, NO_COLOR.\n"
	      "Exit status: 0 ok, 1 failure, 2 usage error, 3 bad input (nothing written), 4 database busy or read-only,\n"
	      "130 interrupted with Ctrl-C (nothing written).\n", out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* $PLANBENCH_DB, else $XDG_DATA_HOME/planbench/planbench.db, else ~/.local/share/planbench/planbench.db. */
static const char *default_db_path(char *buf, size_t len)
{
	const char *env = getenv("PLANBENCH_DB");
	if (env && *env)
		return env;
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, len, "%s/planbench/planbench.db", xdg);
	else
		snprintf(buf, len, "%s/.local/share/planbench/planbench.db", home ? home : ".");
	return buf;
}

static int today_from(const char *text, struct date *out, struct pb_error *e)
{
	if (text && *text) {
		if (!date_parse_iso(text, out))
			return pb_fail(e, PB_USAGE, "--today \"%s\" is not a date written YYYY-MM-DD", text);
		return PB_OK;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	*out = (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
	return PB_OK;
}

/* Pulls the global options out of argv wherever they stand; the rest is left in order. */
static int global_options(int *argc, char **argv, struct app *a, const char **today, struct pb_error *e)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *o = argv[i];
		const char **slot = strcmp(o, "--db") == 0 ? &a->db_path
				  : strcmp(o, "--today") == 0 ? today
				  : strcmp(o, "--as") == 0 ? &a->who
				  : strcmp(o, "--script") == 0 ? &a->script
				  : strcmp(o, "--size") == 0 ? &a->size
				  : strcmp(o, "--timings") == 0 ? &a->timings : NULL;
		if (strcmp(o, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(o, "--read-only") == 0) {
			a->read_only = true;
		} else if (slot) {
			if (i + 1 >= *argc)
				return pb_fail(e, PB_USAGE, "%s needs a value", o);
			if (args_check_value(NULL, o, argv[i + 1], e) != PB_OK)
				return e->status;
			*slot = argv[++i];
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return PB_OK;
}

int app_open(const struct app *a, int flags, struct store **s, struct pb_error *e)
{
	if (a->read_only)
		flags = (flags & ~STORE_CREATE) | STORE_READ_ONLY;
	if (store_open(a->db_path, flags, s, e) != PB_OK)
		return e->status;
	/* What opening noticed (a file others can read, a daily backup not made), one warning per line. */
	for (const char *n = store_notice(*s); *n;) {
		size_t len = strcspn(n, "\n");
		fprintf(stderr, "planbench: warning: %.*s\n", (int)len, n);
		n += len + (n[len] == '\n');
	}
	store_set_today(*s, a->today);
	store_set_actor(*s, a->who);
	return PB_OK;
}

/* After a script has run: the final screen on standard output, a warning if it quit early, the key times. */
static int script_results(const struct app *a, struct script *sc, struct pb_error *e)
{
	script_print_screen(sc, stdout);
	script_unused(sc, stderr);
	return a->timings ? script_write_timings(sc, a->timings, e) : PB_OK;
}

/* Today's backup when the workbench is left before it was done (store_backup_daily_start): waited for, saying so when
 * that takes more than a second, and what it came to told: a warning, or the error of a damaged file. */
static int finish_backup(struct store *s, const char *path, struct pb_error *e)
{
	size_t before = strlen(store_notice(s));
	int status = PB_OK;
	for (int i = 0; i < 20 && status == PB_OK && store_backup_daily_running(s); i++) {
		nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
		status = store_backup_daily_poll(s, false, e);
	}
	if (status == PB_OK && store_backup_daily_running(s))
		fprintf(stderr, "planbench: finishing today's backup of %s …\n", path);
	if (status == PB_OK)
		status = store_backup_daily_poll(s, true, e);
	const char *notice = store_notice(s) + before;
	if (status == PB_OK && *notice)
		fprintf(stderr, "planbench: warning: %s\n", notice + (*notice == '\n'));
	return status;
}

static int run_workbench(const struct app *a, struct pb_error *e)
{
	struct store *s;
	struct script *sc = NULL;
	if (a->script) { /* every line checked before anything runs; then the off-screen terminal is always the same */
		if (script_load(a->script, a->size, &sc, e) != PB_OK)
			return e->status;
		setenv("TERM", "xterm-256color", 1);
		script_start_clock(sc);
	}
	if (app_open(a, STORE_BACKUP_LATER, &s, e) != PB_OK) { /* today's backup is taken while the first screen shows */
		script_free(sc);
		return e->status;
	}
	char terminfo_dir[512];
	char path[1024];
	const struct settings *set = config_startup(path, sizeof path); /* the settings file: problems are warned of, the rest applies */
	struct workbench_opts o = {.plan = *set->plan ? set->plan : NULL, .who = a->who, .read_only = a->read_only, .settings = set,
				   .settings_path = path, .script = sc};
	int status = terminfo_ensure(terminfo_dir, sizeof terminfo_dir, e);
	if (status == PB_OK)
		status = workbench_run(s, &o, e);
	terminfo_cleanup(terminfo_dir);
	int backup = finish_backup(s, a->db_path, status == PB_OK ? e : &(struct pb_error){0});
	store_close(s);
	if (status == PB_OK && sc)
		status = script_results(a, sc, e);
	script_free(sc);
	return status == PB_OK ? backup : status;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* --size and --timings only go with --script, and --script only with the workbench. */
static int script_options(const struct app *a, int argc, struct pb_error *e)
{
	if (!a->script && (a->size || a->timings))
		return pb_fail(e, PB_USAGE, "%s only goes with --script FILE (the off-screen workbench); add --script or leave it out",
			       a->size ? "--size" : "--timings");
	if (a->script && argc >= 2)
		return pb_fail(e, PB_USAGE, "--script replays keys in the workbench, so it takes no command; leave out the command");
	return PB_OK;
}

static int dispatch(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	if (script_options(a, argc, e) != PB_OK)
		return e->status;
	if (argc < 2)
		return run_workbench(a, e);
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("planbench %s\nSQLite %s\nschema %d\n", PB_VERSION, store_sqlite_version(), store_schema_version());
		return PB_OK;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		const struct command *c = argc > 2 ? find_command(argv[2]) : NULL;
		if (c)
			usage_of(stdout, c);
		else
			usage(stdout);
		return PB_OK;
	}
	const struct command *c = find_command(name);
	if (!c) {
		usage(stderr);
		return pb_fail(e, PB_USAGE, "unknown command \"%s\"", name);
	}
	if (wants_help(argc - 2, argv + 2)) {
		usage_of(stdout, c);
		return PB_OK;
	}
	int status = c->fn(a, argc - 2, argv + 2, e);
	if (status == PB_USAGE && e->msg[0]) {
		fprintf(stderr, "planbench: %s\n", e->msg);
		usage_of(stderr, c);
		e->msg[0] = '\0';
	}
	return status;
}

int main(int argc, char **argv)
{
	struct pb_error e = {0};
	struct app a = {0};
	char dbbuf[1024];
	const char *today = getenv("PLANBENCH_TODAY");
	setlocale(LC_ALL, "");
	umask(077);
	signal(SIGXFSZ, SIG_IGN); /* past a file-size limit a write fails with a message, instead of killing the program */
	a.who = getenv("PLANBENCH_USER");
	if (!a.who || !*a.who)
		a.who = getenv("USER");
	if (!a.who || !*a.who) {
		struct passwd *pw = getpwuid(getuid());
		a.who = pw ? pw->pw_name : NULL;
	}
	int status = global_options(&argc, argv, &a, &today, &e);
	if (status == PB_OK)
		status = today_from(today, &a.today, &e);
	if (status == PB_USAGE) {
		fprintf(stderr, "planbench: %s\n", e.msg);
		usage(stderr);
		e.msg[0] = '\0';
	}
	if (status == PB_OK) {
		if (!a.db_path)
			a.db_path = default_db_path(dbbuf, sizeof dbbuf);
		status = dispatch(&a, argc, argv, &e);
	}
	if (status != PB_OK && e.msg[0])
		fprintf(stderr, "planbench: %s\n", e.msg);
	return status;
}
