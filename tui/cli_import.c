/* cli_import.c — `planbench import`: a CSV file (canonical, or a council's own tracker) into the database, all or nothing. */
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/tracker.h"
#include "store/import.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/cli_progress.h"
#include "tui/importing.h"

#define MAX_MAPS 32
#define PREVIEW_ROWS 3
#define MAP_MAX 1000 /* the longest --map value */

/* The --map options (which may repeat), taken out of argv; the rest is left in order for args_parse. */
struct maps {
	struct tracker_override o[MAX_MAPS];
	char hold[MAX_MAPS][MAP_MAX + 1];
	int n;
};

/* Moves every --map value out of argv into m, parsed; the other words stay in order. */
static int take_maps(int *argc, char **argv, struct maps *m, struct pb_error *e)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *value = NULL;
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(argv[i], "--map=", 6) == 0)
			value = argv[i] + 6;
		else if (strcmp(argv[i], "--map") == 0 && i + 1 < *argc)
			value = argv[++i];
		else if (strcmp(argv[i], "--map") == 0)
			return pb_fail(e, PB_USAGE, "import: --map needs a value such as \"Lead Officer=leads\"");
		if (!value) {
			argv[out++] = argv[i];
			continue;
		}
		if (m->n == MAX_MAPS)
			return pb_fail(e, PB_USAGE, "import: at most %d --map options", MAX_MAPS);
		if (strlen(value) > MAP_MAX)
			return pb_fail(e, PB_USAGE, "import: --map value is longer than %d bytes", MAP_MAX);
		if (tracker_parse_override(value, m->hold[m->n], sizeof m->hold[m->n], &m->o[m->n], e) != PB_OK)
			return e->status;
		m->n++;
	}
	*argc = out;
	return PB_OK;
}

/* What the import reported, gathered to be printed in sections. */
struct listing {
	struct buf columns, rows, notes, changes, problems;
	long nchanges, nproblems, nrows;
};

/* One line of at most width columns: line breaks folded, cut with "…". */
static void add_fitted(struct buf *b, const char *s, int width)
{
	char line[1024];
	text_fit(s, width, false, line, sizeof line);
	buf_add(b, line);
}

/* One "label value" line of a previewed action, when the value is not empty. */
static void add_value(struct buf *b, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "    %-12s ", label);
	add_fitted(b, value, 62);
	buf_addc(b, '\n');
}

/* One line of the mapping: the column, its header and the field it fills. */
static void list_column(struct listing *l, const struct store_tracker_report *r)
{
	buf_printf(&l->columns, "  %3d  ", r->column);
	if (!*r->header && !r->by_map) {
		buf_printf(&l->columns, "(no header)                    -> not imported (--map \"Column %d=field\" to use it)\n", r->column);
		return;
	}
	char h[128];
	text_fit(*r->header ? r->header : "(no header)", 30, true, h, sizeof h);
	buf_printf(&l->columns, "%s -> ", h);
	if (!r->field)
		buf_add(&l->columns, r->by_map ? "ignored (--map)\n" : "not recognised, not imported (--map \"Header=field\" to use it)\n");
	else
		buf_printf(&l->columns, "%s%s%s\n", r->field, importing_field_note(r->field), r->by_map ? " (--map)" : "");
}

/* A previewed action, field by field. */
static void list_row(struct listing *l, const struct store_tracker_row *w)
{
	buf_printf(&l->rows, "  row %ld: %s %s (%s)\n", w->row, w->plan ? w->plan : "", w->ref, w->exists ? "already here" : "new");
	add_value(&l->rows, "section", w->section);
	add_value(&l->rows, "title", w->title);
	add_value(&l->rows, "description", w->description);
	add_value(&l->rows, "measure", w->measure);
	add_value(&l->rows, "target", w->target);
	add_value(&l->rows, "outcome", w->outcome);
	add_value(&l->rows, "leads", w->leads);
	if (*w->due_text)
		buf_printf(&l->rows, "    %-12s %s -> %s\n", "due", w->due_text, *w->due_on ? w->due_on : "no date");
	add_value(&l->rows, "status", w->status);
	add_value(&l->rows, "rag", w->rag);
	add_value(&l->rows, "completed on", w->completed_on);
	if (w->notes)
		buf_printf(&l->rows, "    %-12s %d\n", "notes", w->notes);
}

/* Sorts what the import reports into the listing's sections. */
static void on_report(void *ctx, const struct store_tracker_report *r)
{
	struct listing *l = ctx;
	switch (r->kind) {
	case STORE_TRACKER_MAPPING:
		list_column(l, r);
		break;
	case STORE_TRACKER_ROW:
		l->nrows++;
		list_row(l, r->row);
		break;
	case STORE_TRACKER_NOTE:
		buf_printf(&l->notes, "  %s\n", r->text);
		break;
	case STORE_TRACKER_CHANGE:
		l->nchanges++;
		buf_printf(&l->changes, "  %s  %s: \"", r->ref, r->field);
		add_fitted(&l->changes, r->old_value, 40);
		buf_add(&l->changes, "\" -> \"");
		add_fitted(&l->changes, r->new_value, 60);
		buf_add(&l->changes, "\"\n");
		break;
	case STORE_TRACKER_PROBLEM:
		l->nproblems++;
		buf_printf(&l->problems, "  %s\n", r->text);
		break;
	}
}

/* Frees the listing's text. */
static void listing_free(struct listing *l)
{
	buf_free(&l->columns), buf_free(&l->rows), buf_free(&l->notes), buf_free(&l->changes), buf_free(&l->problems);
}

/* The dry run's account: the mapping, the first rows, notes, changes and every problem. */
static void print_dry_run(const char *file, const struct store_tracker_result *r, const struct listing *l)
{
	printf("%s: %s, %s\nColumns:\n%s", file, tracker_encoding_name(r->encoding),
	       r->canonical ? "the canonical actions columns" : "a tracker's own columns", buf_str(&l->columns));
	if (l->nrows == 0)
		printf("Actions as they would be stored:\n  (none)\n");
	else if (l->nrows == 1 && r->rows == 1)
		printf("The action as it would be stored:\n%s", buf_str(&l->rows));
	else if (l->nrows < r->rows)
		printf("The first %ld of %ld actions as they would be stored:\n%s", l->nrows, r->rows, buf_str(&l->rows));
	else
		printf("The %ld actions as they would be stored:\n%s", l->nrows, buf_str(&l->rows));
	if (l->notes.len)
		printf("Notes:\n%s", buf_str(&l->notes));
	if (l->nchanges)
		printf("Changes to actions already here (%ld):\n%s", l->nchanges, buf_str(&l->changes));
	if (l->nproblems)
		printf("Problems (%ld):\n%s", l->nproblems, buf_str(&l->problems));
	else
		puts("Problems: none");
}

/* The last line: how many actions were added, changed, unchanged, and what else was made. */
static void print_summary(const char *file, const struct store_tracker_opts *o, const struct store_tracker_result *r)
{
	struct buf b = {0};
	importing_summary(&b, r, o->update, " (not applied; run again with --update to apply them)");
	printf("%s: %s%s\n", file, buf_str(&b), o->dry_run ? " (dry run: nothing was written)" : "");
	buf_free(&b);
}

/* Actions, canonical or in a council's layout: the report, the changes, the summary. */
static int import_tracker(struct store *s, const char *file, FILE *f, struct store_tracker_opts *o, struct cli_progress *cp,
			  struct pb_error *e)
{
	struct listing l = {0};
	struct store_tracker_result r;
	o->report = on_report;
	o->ctx = &l;
	o->preview = o->dry_run ? PREVIEW_ROWS : 0;
	int status = store_import_tracker(s, file, f, o, &r, e);
	cli_progress_clear(cp);
	if (o->dry_run && (status == PB_OK || (status == PB_BAD_INPUT && l.columns.len)))
		print_dry_run(file, &r, &l);
	else if (status == PB_OK && !r.canonical)
		printf("%s: %s, a tracker's own columns:\n%s", file, tracker_encoding_name(r.encoding), buf_str(&l.columns));
	if (!o->dry_run && status == PB_OK && l.nchanges)
		printf("%s (%ld):\n%s", o->update ? "Changes made" : "Changes not made (run again with --update to make them)",
		       l.nchanges, buf_str(&l.changes));
	if (status == PB_OK)
		print_summary(file, o, &r);
	listing_free(&l);
	return status;
}

/* Counts the records of a CSV text (ctx is the count). */
static int count_record(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	(void)fields, (void)nfields, (void)pos, (void)e;
	++*(long *)ctx;
	return PB_OK;
}

/* Any other kind, in its canonical columns. The rows are counted first when progress is shown, for its total. */
static int import_canonical(struct store *s, int kind, const char *file, const struct buf *data, const char *plan,
			    bool dry_run, struct cli_progress *cp, struct pb_error *e)
{
	struct store_import_result r;
	struct store_import_opts o = {.plan = plan, .dry_run = dry_run, .progress = &cp->hook};
	long records = 0;
	struct pb_error ignored = {0};
	if (cp->show && csvio_read_mem(file, buf_str(data), data->len, count_record, &records, &ignored) == PB_OK && records > 1)
		cp->total = records - 1;
	int status = store_import(s, kind, file, buf_str(data), data->len, &o, &r, e);
	cli_progress_clear(cp);
	if (status != PB_OK)
		return status;
	printf("%s: %ld %s rows: %ld added, %ld changed, %ld unchanged", file, r.rows, csvio_kind(kind)->name, r.added,
	       r.changed, r.unchanged);
	if (r.officers_created)
		printf("; %ld new officer%s", r.officers_created, r.officers_created == 1 ? "" : "s");
	puts(dry_run ? " (dry run: nothing was written)" : "");
	return PB_OK;
}

/* planbench import FILE [--kind K] [--plan CODE] [--plan-title T] [--plan-start D] [--map H=F]... [--dry-run] [--update] */
int cli_import(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *kind_name = NULL, *pos[1];
	struct store_tracker_opts o = {0};
	static struct maps maps;
	int npos;
	const struct arg_opt opts[] = {{"--kind", &kind_name, NULL},	    {"--plan", &o.plan, NULL},
				       {"--plan-title", &o.plan_title, NULL}, {"--plan-start", &o.plan_start, NULL},
				       {"--dry-run", NULL, &o.dry_run},	    {"--update", NULL, &o.update},
				       {NULL, NULL, NULL}};
	maps.n = 0;
	if (take_maps(&argc, argv, &maps, e) != PB_OK || args_parse(argc, argv, opts, pos, 1, &npos, "import", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "import: name the CSV file to import");
	int kind = kind_name ? csvio_kind_from_name(kind_name) : importing_kind_of_name(pos[0]);
	if (kind_name && kind < 0)
		return pb_fail(e, PB_USAGE, "import: unknown kind \"%s\"; use plans, sections, officers, methods, actions, revisions, updates or engagements", kind_name);
	if (kind < 0)
		kind = CSVIO_ACTIONS;
	if (kind != CSVIO_ACTIONS && (maps.n || o.plan_title || o.plan_start || o.update))
		return pb_fail(e, PB_USAGE, "import: --map, --plan-title, --plan-start and --update are for actions (trackers); this file is read as %s",
			       csvio_kind(kind)->name);
	o.maps = maps.o;
	o.nmaps = maps.n;
	struct buf data = {0};
	struct store *s = NULL;
	struct cli_progress cp;
	char label[1100], copy[1024];
	snprintf(copy, sizeof copy, "%s", pos[0]);
	snprintf(label, sizeof label, "%s %s", o.dry_run ? "Checking" : "Importing", basename(copy));
	FILE *f = NULL;
	int status = kind == CSVIO_ACTIONS ? importing_open_file(pos[0], &f, e) : importing_read_file(pos[0], &data, e);
	if (status == PB_OK)
		status = app_open(a, 0, &s, e);
	if (status == PB_OK) {
		cli_progress_start(&cp, label, "rows", false);
		o.progress = &cp.hook;
		status = kind == CSVIO_ACTIONS ? import_tracker(s, pos[0], f, &o, &cp, e)
					       : import_canonical(s, kind, pos[0], &data, o.plan, o.dry_run, &cp, e);
		cli_progress_end(&cp);
	}
	if (status == PB_INTERRUPTED)
		cli_interrupted(e, "the import", "nothing was imported: the database is as it was");
	if (status == PB_BAD_INPUT) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, "\nNothing was imported.");
	}
	store_close(s);
	if (f)
		fclose(f);
	buf_free(&data);
	return status;
}
