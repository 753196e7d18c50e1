/* cli_list.c — `planbench list`: actions filtered and sorted, as a table, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/status.h"
#include "core/text.h"
#include "tui/args.h"
#include "tui/cli.h"

enum list_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct lister {
	enum list_format format;
	bool why; /* print why set and computed RAG disagree */
	int width;
	struct date today;
	long rows;
	struct buf json;
};

static const char *const sort_names[] = {
	[SORT_PLAN] = "plan", [SORT_DUE] = "due", [SORT_OVERDUE] = "overdue",
	[SORT_REF] = "ref", [SORT_OWNER] = "owner", [SORT_RAG] = "rag",
};

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	int n = cols ? atoi(cols) : 0;
	return n >= 60 ? n : 120;
}

/* "G", or "G≠R" when the set RAG disagrees with the computed one. */
static void rag_cell(const struct action_row *r, char *out, size_t len)
{
	if (rag_mismatch(r->rag, r->rag_computed))
		snprintf(out, len, "%c\xE2\x89\xA0%c", rag_letter(r->rag), rag_letter(r->rag_computed));
	else
		snprintf(out, len, "%c", rag_letter(r->rag != RAG_NONE ? r->rag : r->rag_computed));
}

static void due_cell(const struct action_row *r, char *out, size_t len)
{
	struct date d;
	if (date_parse_iso(r->due_on, &d))
		date_format_human(d, out, len);
	else
		text_first_line(r->due_text, out, len);
}

static void put_cell(const char *text, int width)
{
	char cell[1024];
	text_fit(text, width, true, cell, sizeof cell);
	fputs(cell, stdout);
	fputs("  ", stdout);
}

#define COL_PLAN 8
#define COL_REF 9
#define COL_RAG 4
#define COL_LEAD 20
#define COL_DUE 11
#define COL_OVER 5
#define COL_STATUS 13

static int title_width(const struct lister *l)
{
	int fixed = COL_PLAN + COL_REF + COL_RAG + COL_LEAD + COL_DUE + COL_OVER + COL_STATUS + 2 * 8;
	int w = l->width - fixed;
	return w < 16 ? 16 : w;
}

static void table_header(const struct lister *l)
{
	const char *heads[] = {"Plan", "Ref", "RAG", "Title", "Lead", "Due", "Over", "Status"};
	int widths[] = {COL_PLAN, COL_REF, COL_RAG, title_width(l), COL_LEAD, COL_DUE, COL_OVER, COL_STATUS};
	for (int i = 0; i < 8; i++)
		put_cell(heads[i], widths[i]);
	putchar('\n');
}

static void table_row(struct lister *l, const struct action_row *r)
{
	char rag[16], due[64], over[16], title[512];
	rag_cell(r, rag, sizeof rag);
	due_cell(r, due, sizeof due);
	text_first_line(r->title, title, sizeof title);
	if (r->days_over != DAYS_NONE)
		snprintf(over, sizeof over, "%ldd", r->days_over);
	else
		snprintf(over, sizeof over, "-");
	put_cell(r->plan, COL_PLAN);
	put_cell(r->ref, COL_REF);
	put_cell(rag, COL_RAG);
	put_cell(title, title_width(l));
	put_cell(r->leads, COL_LEAD);
	put_cell(due, COL_DUE);
	put_cell(over, COL_OVER);
	put_cell(status_label(r->status), COL_STATUS);
	putchar('\n');
	if (l->why && rag_mismatch(r->rag, r->rag_computed)) {
		char why[300];
		store_mismatch_reason(r, l->today, why, sizeof why);
		printf("%*s  \xE2\x86\xB3 %s\n", COL_PLAN + COL_REF, "", why);
	}
}

static const char *const csv_columns[] = {"plan", "ref", "section", "title", "leads", "due", "due_text", "days_over",
					  "status", "rag", "rag_computed", "rag_note", NULL};

static void csv_row(struct lister *l, const struct action_row *r)
{
	char over[16] = "", rag[2] = {0}, computed[2] = {0}, why[300] = "";
	if (r->days_over != DAYS_NONE)
		snprintf(over, sizeof over, "%ld", r->days_over);
	rag[0] = r->rag == RAG_NONE ? 0 : (char)r->rag;
	computed[0] = (char)r->rag_computed;
	if (rag_mismatch(r->rag, r->rag_computed))
		store_mismatch_reason(r, l->today, why, sizeof why);
	const char *fields[] = {r->plan, r->ref, r->section, r->title, r->leads, r->due_on, r->due_text, over,
				r->status, rag, computed, why};
	csvio_write_row(stdout, fields, 12);
}

static void json_leads(struct buf *b, const char *leads)
{
	char list[2048], *items[32];
	snprintf(list, sizeof list, "%s", leads);
	int n = 0;
	char *save = NULL;
	for (char *t = strtok_r(list, ";", &save); t && n < 32; t = strtok_r(NULL, ";", &save))
		items[n++] = text_trim(t);
	buf_addc(b, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		json_string(b, items[i]);
	}
	buf_addc(b, ']');
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static void json_row(struct lister *l, const struct action_row *r)
{
	struct buf *b = &l->json;
	char rag[2] = {(char)r->rag, 0}, computed[2] = {(char)r->rag_computed, 0}, why[300] = "";
	bool mismatch = rag_mismatch(r->rag, r->rag_computed);
	if (mismatch)
		store_mismatch_reason(r, l->today, why, sizeof why);
	buf_add(b, l->rows ? ",\n {" : "\n {");
	json_key(b, "plan", 1), json_string(b, r->plan);
	json_key(b, "ref", 0), json_string(b, r->ref);
	json_key(b, "section", 0), json_string(b, or_null(r->section));
	json_key(b, "title", 0), json_string(b, r->title);
	json_key(b, "leads", 0), json_leads(b, r->leads);
	json_key(b, "due", 0), json_string(b, or_null(r->due_on));
	json_key(b, "due_text", 0), json_string(b, r->due_text);
	json_key(b, "days_over", 0);
	if (r->days_over != DAYS_NONE)
		buf_printf(b, "%ld", r->days_over);
	else
		buf_add(b, "null");
	json_key(b, "status", 0), json_string(b, or_null(r->status));
	json_key(b, "rag", 0), json_string(b, r->rag == RAG_NONE ? NULL : rag);
	json_key(b, "rag_computed", 0), json_string(b, computed);
	json_key(b, "rag_mismatch", 0), buf_add(b, mismatch ? "true" : "false");
	json_key(b, "rag_note", 0), json_string(b, mismatch ? why : NULL);
	json_key(b, "revisions", 0), buf_printf(b, "%d", r->revisions);
	buf_addc(b, '}');
}

static int on_action(void *ctx, const struct action_row *r)
{
	struct lister *l = ctx;
	if (l->format == FORMAT_TABLE)
		table_row(l, r);
	else if (l->format == FORMAT_CSV)
		csv_row(l, r);
	else
		json_row(l, r);
	l->rows++;
	return PB_OK;
}

struct list_args {
	const char *plan, *owner, *due_within, *rag, *status, *search, *sort, *format, *kind;
	bool overdue, mismatch;
};

/* Fills the filter from the options; the owner is looked up by any spelling. */
static int build_filter(struct store *s, const struct list_args *la, struct action_filter *f, struct pb_error *e)
{
	memset(f, 0, sizeof *f);
	f->plan = la->plan;
	f->overdue = la->overdue;
	f->rag_mismatch = la->mismatch;
	f->search = la->search;
	if (la->owner && store_find_officer(s, la->owner, &f->owner_id, NULL, 0, e) != PB_OK)
		return e->status;
	if (la->due_within) {
		char *end;
		long days = strtol(la->due_within, &end, 10);
		if (*end || days < 1 || days > 3660)
			return pb_fail(e, PB_USAGE, "list: --due-within takes a number of days, such as 30");
		f->due_within = (int)days;
	}
	if (la->rag) {
		enum rag r = rag_from_text(la->rag);
		if (r == RAG_NONE || strlen(la->rag) > 8)
			return pb_fail(e, PB_USAGE, "list: --rag takes R, A, G or C");
		f->rag = (char)r;
	}
	if (la->status && !(f->status = status_canonical(la->status)))
		return pb_fail(e, PB_USAGE, "list: --status \"%s\" is not a status; use to_be_started, in_progress, on_hold, complete or deferred", la->status);
	if (la->plan && !store_has_plan(s, la->plan))
		return pb_fail(e, PB_BAD_INPUT, "list: no plan \"%s\"; `planbench export --kind plans` lists the plans", la->plan);
	return PB_OK;
}

static int parse_list_args(int argc, char **argv, struct list_args *la, enum list_format *format, enum action_sort *sort,
			   struct pb_error *e)
{
	const struct arg_opt opts[] = {
		{"--plan", &la->plan, NULL}, {"--owner", &la->owner, NULL}, {"--overdue", NULL, &la->overdue},
		{"--due-within", &la->due_within, NULL}, {"--rag", &la->rag, NULL}, {"--status", &la->status, NULL},
		{"--search", &la->search, NULL}, {"--rag-mismatch", NULL, &la->mismatch}, {"--sort", &la->sort, NULL},
		{"--format", &la->format, NULL}, {"--kind", &la->kind, NULL}, {NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	if (args_parse(argc, argv, opts, pos, 0, &npos, "list", e) != PB_OK)
		return e->status;
	*format = FORMAT_TABLE;
	if (la->format && strcmp(la->format, "csv") == 0)
		*format = FORMAT_CSV;
	else if (la->format && strcmp(la->format, "json") == 0)
		*format = FORMAT_JSON;
	else if (la->format && strcmp(la->format, "table") != 0)
		return pb_fail(e, PB_USAGE, "list: --format takes table, csv or json");
	*sort = la->overdue ? SORT_OVERDUE : SORT_PLAN;
	if (la->sort) {
		int i = 0;
		while (i < (int)(sizeof sort_names / sizeof sort_names[0]) && strcmp(sort_names[i], la->sort) != 0)
			i++;
		if (i == (int)(sizeof sort_names / sizeof sort_names[0]))
			return pb_fail(e, PB_USAGE, "list: --sort takes plan, due, overdue, ref, owner or rag");
		*sort = (enum action_sort)i;
	}
	return PB_OK;
}

/* The value of --kind in argv ("actions" when absent). */
static const char *kind_of(int argc, char **argv)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], "--kind") == 0)
			return argv[i + 1];
	return "actions";
}

int cli_list(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *kind = kind_of(argc, argv);
	if (strcmp(kind, "engagements") == 0)
		return cli_engagement_list(a, argc, argv, e);
	if (strcmp(kind, "actions") != 0)
		return pb_fail(e, PB_USAGE, "list: --kind takes actions or engagements");
	struct list_args la = {0};
	enum list_format format = FORMAT_TABLE;
	enum action_sort sort = SORT_PLAN;
	if (parse_list_args(argc, argv, &la, &format, &sort, e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct action_filter f;
	struct lister l = {.format = format, .why = la.mismatch, .width = terminal_width(), .today = a->today};
	int status = build_filter(s, &la, &f, e);
	if (status == PB_OK) {
		if (format == FORMAT_TABLE)
			table_header(&l);
		else if (format == FORMAT_CSV)
			csvio_write_row(stdout, csv_columns, 12);
		status = store_list_actions(s, &f, sort, 0, -1, on_action, &l, e);
	}
	if (status == PB_OK && format == FORMAT_JSON)
		printf("[%s\n]\n", buf_str(&l.json));
	else if (status == PB_OK && format == FORMAT_TABLE)
		printf("%ld action%s\n", l.rows, l.rows == 1 ? "" : "s");
	buf_free(&l.json);
	store_close(s);
	return status;
}
