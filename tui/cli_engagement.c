/* cli_engagement.c — tenant engagement on the command line: `list --kind engagements` and its summary report. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/engagement.h"
#include "core/json.h"
#include "core/text.h"
#include "store/engagements.h"
#include "tui/args.h"
#include "tui/cli.h"

struct engagement_args {
	const char *kind, *team, *method, *formality, *from, *to, *we_did, *search, *format, *by, *output;
	struct engagement_filter filter;
};

/* The options both commands share; checks their values into a->filter. */
static int parse(int argc, char **argv, struct engagement_args *a, const char *command, struct pb_error *e)
{
	const struct arg_opt opts[] = {
		{"--kind", &a->kind, NULL}, {"--team", &a->team, NULL}, {"--method", &a->method, NULL},
		{"--formality", &a->formality, NULL}, {"--from", &a->from, NULL}, {"--to", &a->to, NULL},
		{"--we-did", &a->we_did, NULL}, {"--search", &a->search, NULL}, {"--format", &a->format, NULL},
		{"--by", &a->by, NULL}, {"-o", &a->output, NULL}, {NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	struct date d;
	if (args_parse(argc, argv, opts, pos, 0, &npos, command, e) != PB_OK)
		return e->status;
	if (a->formality && strcmp(a->formality, "formal") && strcmp(a->formality, "informal") && strcmp(a->formality, "other"))
		return pb_fail(e, PB_USAGE, "%s: --formality takes formal, informal or other", command);
	if ((a->from && !date_parse_iso(a->from, &d)) || (a->to && !date_parse_iso(a->to, &d)))
		return pb_fail(e, PB_USAGE, "%s: --from and --to take dates written YYYY-MM-DD", command);
	if (a->we_did && strcmp(a->we_did, "yes") && strcmp(a->we_did, "no"))
		return pb_fail(e, PB_USAGE, "%s: --we-did takes yes or no", command);
	a->filter = (struct engagement_filter){.team = a->team, .method = a->method, .formality = a->formality,
					       .from = a->from, .to = a->to, .search = a->search,
					       .we_did = !a->we_did ? -1 : strcmp(a->we_did, "yes") == 0};
	return PB_OK;
}

struct printer {
	const char *format;
	long rows;
	struct buf json;
};

static void when_cell(const struct engagement_row *g, char *out, size_t len)
{
	if (*g->held_on && *g->held_until && strcmp(g->held_on, g->held_until) != 0)
		snprintf(out, len, "%s..%s", g->held_on, g->held_until);
	else if (*g->held_on)
		snprintf(out, len, "%s", g->held_on);
	else
		text_first_line(g->when_text, out, len);
}

static void put(const char *text, int width)
{
	char cell[512];
	text_fit(text, width, true, cell, sizeof cell);
	printf("%s  ", cell);
}

static int print_engagement(void *ctx, const struct engagement_row *g)
{
	struct printer *p = ctx;
	char when[64], links[16];
	when_cell(g, when, sizeof when);
	snprintf(links, sizeof links, "%d", g->actions);
	if (strcmp(p->format, "csv") == 0) {
		const char *f[] = {g->ref, g->title, g->team, g->method, g->formality, g->location, g->held_on, g->held_until,
				   g->frequency, g->tenants_text, g->tenants_basis, g->standard, *g->we_did ? "yes" : "no", links};
		csvio_write_row(stdout, f, 14);
	} else if (strcmp(p->format, "json") == 0) {
		struct buf *b = &p->json;
		buf_add(b, p->rows ? ",\n {" : "\n {");
		const char *keys[] = {"ref", "title", "team", "method", "formality", "location", "held_on", "held_until",
				      "frequency", "tenants_text", "tenants_basis", "tenants_scope", "standard", "summary",
				      "you_said", "we_did"};
		const char *vals[] = {g->ref, g->title, g->team, g->method, g->formality, g->location, g->held_on,
				      g->held_until, g->frequency, g->tenants_text, g->tenants_basis, g->tenants_scope,
				      g->standard, g->summary, g->you_said, g->we_did};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			json_key(b, keys[i], i == 0), json_string(b, *vals[i] ? vals[i] : NULL);
		json_key(b, "tenants", 0);
		if (g->tenants >= 0)
			buf_printf(b, "%ld", g->tenants);
		else
			buf_add(b, "null");
		json_key(b, "actions", 0), buf_printf(b, "%d", g->actions);
		buf_addc(b, '}');
	} else {
		put(g->ref, 7), put(when, 22), put(g->method, 22), put(g->title, 34), put(g->tenants_text, 18);
		printf("%s\n", *g->we_did ? "we did" : "-");
	}
	p->rows++;
	return PB_OK;
}

int cli_engagement_list(const struct app *app, int argc, char **argv, struct pb_error *e)
{
	struct engagement_args a = {0};
	if (parse(argc, argv, &a, "list --kind engagements", e) != PB_OK)
		return e->status;
	struct printer p = {.format = a.format ? a.format : "table"};
	if (strcmp(p.format, "table") && strcmp(p.format, "csv") && strcmp(p.format, "json"))
		return pb_fail(e, PB_USAGE, "list: --format takes table, csv or json");
	struct store *s;
	if (app_open(app, 0, &s, e) != PB_OK)
		return e->status;
	if (strcmp(p.format, "csv") == 0) {
		const char *h[] = {"ref", "title", "team", "method", "formality", "location", "held_on", "held_until",
				   "frequency", "tenants_text", "tenants_basis", "standard", "we_did", "actions"};
		csvio_write_row(stdout, h, 14);
	} else if (strcmp(p.format, "table") == 0) {
		put("Ref", 7), put("When", 22), put("Method", 22), put("Title", 34), put("Tenants", 18);
		printf("We did\n");
	}
	int status = store_list_engagements(s, &a.filter, 0, -1, print_engagement, &p, e);
	if (status == PB_OK && strcmp(p.format, "json") == 0)
		printf("[%s\n]\n", buf_str(&p.json));
	else if (status == PB_OK && strcmp(p.format, "table") == 0)
		printf("%ld engagement record%s\n", p.rows, p.rows == 1 ? "" : "s");
	buf_free(&p.json);
	store_close(s);
	return status;
}

/* The three summaries (by method, team and quarter) of one run. */
struct summaries {
	struct engagement_summary by[3];
};

static const char *const by_names[] = {"Method", "Team", "Quarter"};

static void md_table(FILE *out, const struct engagement_summary *s)
{
	char tenants[48];
	fprintf(out, "\n### By %s\n\n| %s | Engagements | Times held | Tenants | Tenants unknown | With \"we did\" |\n"
		     "|---|---:|---:|---:|---:|---:|\n", by_names[s->by], by_names[s->by]);
	for (int i = 0; i <= s->nrows; i++) {
		const struct summary_row *r = i < s->nrows ? &s->rows[i] : &s->total;
		engagement_tenants_text(r, tenants, sizeof tenants);
		fprintf(out, "| %s%s%s | %ld | %ld | %s | %ld | %ld of %ld |\n", i < s->nrows ? "" : "**", r->key,
			i < s->nrows ? "" : "**", r->engagements, r->occurrences, tenants, r->unknown_tenants, r->with_we_did,
			r->engagements);
	}
}

static void csv_table(FILE *out, const struct engagement_summary *s)
{
	char n[7][32];
	for (int i = 0; i <= s->nrows; i++) {
		const struct summary_row *r = i < s->nrows ? &s->rows[i] : &s->total;
		long v[] = {r->engagements, r->occurrences, r->tenants_exact, r->tenants_circa, r->unknown_tenants,
			    r->lower_bound, r->with_we_did};
		for (int k = 0; k < 7; k++)
			snprintf(n[k], sizeof n[k], "%ld", v[k]);
		const char *f[] = {by_names[s->by], r->key, n[0], n[1], n[2], n[3], n[4], n[5], n[6]};
		csvio_write_row(out, f, 9);
	}
}

static void write_summary(FILE *out, const struct summaries *sum, const char *format, int only)
{
	const struct summary_row *t = &sum->by[0].total;
	if (strcmp(format, "csv") == 0) {
		const char *h[] = {"by", "group", "engagements", "times_held", "tenants_exact", "tenants_circa",
				   "tenants_unknown", "per_event_counted_once", "with_we_did"};
		csvio_write_row(out, h, 9);
	} else {
		fprintf(out, "## Tenant engagement summary\n\n%ld engagement records; %ld record a \"we did\" "
			     "(%ld have no \"we did\" yet: the \"You said, we did\" gap).\n",
			t->engagements, t->with_we_did, t->engagements - t->with_we_did);
		fputs("Tenant numbers marked c. include circa figures; + means a per-event figure was counted once "
		      "because how often the event was held is not recorded.\n", out);
	}
	for (int i = 0; i < 3; i++)
		if (only < 0 || only == i)
			(strcmp(format, "csv") == 0 ? csv_table : md_table)(out, &sum->by[i]);
}

int cli_engagement_report(const struct app *app, int argc, char **argv, struct pb_error *e)
{
	struct engagement_args a = {0};
	if (parse(argc, argv, &a, "report --kind engagements", e) != PB_OK)
		return e->status;
	const char *format = a.format ? a.format : "md";
	if (strcmp(format, "md") && strcmp(format, "csv"))
		return pb_fail(e, PB_USAGE, "report --kind engagements: --format takes md or csv");
	int only = -1;
	for (int i = 0; a.by && i < 3; i++)
		if (text_ieq(a.by, by_names[i]))
			only = i;
	if (a.by && only < 0)
		return pb_fail(e, PB_USAGE, "report --kind engagements: --by takes method, team or quarter");
	struct store *s;
	if (app_open(app, 0, &s, e) != PB_OK)
		return e->status;
	struct summaries sum;
	int status = store_summarize_engagements(s, &a.filter, sum.by, e);
	store_close(s);
	FILE *out = stdout;
	if (status == PB_OK && a.output && !(out = fopen(a.output, "w")))
		status = pb_fail(e, PB_FAIL, "%s: cannot write", a.output);
	if (status == PB_OK) {
		write_summary(out, &sum, format, only);
		if (out != stdout && fclose(out) != 0)
			status = pb_fail(e, PB_FAIL, "%s: could not finish writing (disk full?)", a.output);
	}
	for (int i = 0; i < 3; i++)
		engagement_summary_free(&sum.by[i]);
	return status;
}
