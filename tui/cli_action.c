/* cli_action.c — one action at a time: `show`, `update`; and `when`, `check`. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/status.h"
#include "core/text.h"
#include "core/when.h"
#include "tui/args.h"
#include "tui/cli.h"

static void human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", *iso ? iso : "none");
}

/* Prints text indented, one line at a time. */
/* Writes n bytes of stored text with control characters shown as "?", so text imported
 * from elsewhere can never send escape sequences to the terminal. */
static void put_clean(const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		putchar(c < 0x20 && c != '\t' ? '?' : c == 0x7F ? '?' : (char)c);
	}
}

static void indented(const char *text, const char *indent)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fputs(indent, stdout);
		put_clean(p, n);
		putchar('\n');
		p += n + (nl ? 1 : 0);
	}
}

/* One field under its label ("Measure:"): beside it, or below it indented when the text has several lines; nothing when empty. */
static void field(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	if (strchr(value, '\n')) {
		printf("%s\n", label);
		indented(value, "    ");
	} else {
		printf("%-12s ", label);
		indented(value, "");
	}
}

static int print_revision(void *ctx, const struct revision_row *r)
{
	char from[32], to[32];
	(void)ctx;
	human(r->from_on, from, sizeof from);
	human(r->to_on, to, sizeof to);
	printf("  %d. %s -> %s  ", r->seq, from, to);
	put_clean(r->reason, strlen(r->reason));
	if (*r->changed_on || *r->changed_by)
		printf(" (%s%s%s)", r->changed_on, *r->changed_on && *r->changed_by ? ", " : "", r->changed_by);
	putchar('\n');
	return PB_OK;
}

static int print_update(void *ctx, const struct update_row *u)
{
	char when[32];
	(void)ctx;
	human(u->noted_on, when, sizeof when);
	printf("  %s · %s%s%s\n", *u->period ? u->period : "-", when, *u->author ? " · " : "", u->author);
	indented(u->text, "    ");
	return PB_OK;
}

static int print_engagement(void *ctx, const struct engagement_link_row *g)
{
	(*(long *)ctx)++;
	printf("  %s  %s%s%s\n", g->ref, g->title, *g->held_on ? " · " : "", g->held_on);
	return PB_OK;
}

static int print_audit(void *ctx, const struct audit_row *a)
{
	char one_line[120];
	(void)ctx;
	if (!*a->field) {
		printf("  %s  %s  %s\n", a->at, a->who, *a->new_value ? "created" : "deleted");
		return PB_OK;
	}
	printf("  %s  %s  %s:", a->at, a->who, a->field);
	text_fit(*a->old_value ? a->old_value : "(none)", 40, false, one_line, sizeof one_line);
	printf(" %s ->", one_line);
	text_fit(*a->new_value ? a->new_value : "(none)", 60, false, one_line, sizeof one_line);
	printf(" %s\n", one_line);
	return PB_OK;
}

static int print_none_if(int status, long before, long after)
{
	if (status == PB_OK && before == after)
		puts("  none");
	return status;
}

static void show_rag(const struct action_detail *d, struct date today)
{
	struct action_row row = {.due_on = d->due_on, .rag = d->rag, .rag_computed = d->rag_computed, .revisions = d->revisions};
	char why[300];
	if (rag_mismatch(d->rag, d->rag_computed)) {
		store_mismatch_reason(&row, today, why, sizeof why);
		printf("%-12s %s  (RAG MISMATCH)\n", "RAG:", why);
	} else {
		printf("%-12s %s\n", "RAG:", rag_name(d->rag != RAG_NONE ? d->rag : d->rag_computed));
	}
	char reason[1200];
	store_rag_reason_text(d, reason, sizeof reason);
	field("RAG reason:", reason);
}

static void show_target(const struct action_detail *d)
{
	char due[32], orig[32];
	human(d->due_on, due, sizeof due);
	human(d->original_due, orig, sizeof orig);
	if (*d->due_on)
		printf("%-12s %s%s%s\n", "Target date:", due, strcmp(d->due_state, "dated") ? " · " : "",
		       strcmp(d->due_state, "dated") ? d->due_state : "");
	else
		printf("%-12s %s\n", "Target date:", strcmp(d->due_state, "none") ? d->due_state : "none");
	if (d->days_over != DAYS_NONE)
		printf("%-12s %ld days\n", "Overdue:", d->days_over);
	field("As written:", d->due_text);
	if (d->revisions > 0)
		printf("%-12s %s · revised %d time%s\n", "Original:", orig, d->revisions, d->revisions == 1 ? "" : "s");
}

static int show_text(struct store *s, const struct action_detail *d, struct pb_error *e)
{
	char section[512];
	printf("%s %s — ", d->plan, d->ref);
	indented(d->title, "");
	putchar('\n');
	field("Plan:", d->plan_title);
	snprintf(section, sizeof section, "%s %s", d->section, d->section_title);
	field("Section:", *d->section ? section : "");
	field("Leads:", d->leads);
	field("Status:", status_label(d->status));
	show_rag(d, store_today(s));
	show_target(d);
	field("Completed:", d->completed_on);
	field("Description:", d->description);
	field("Measure:", d->measure);
	field("Target:", d->target);
	field("Outcome:", d->outcome);
	if (d->revisions > 0) {
		puts("\nTarget-date history:");
		if (store_each_revision(s, d->id, print_revision, NULL, e) != PB_OK)
			return e->status;
	}
	puts("\nProgress updates (newest first):");
	if (store_each_update(s, d->id, print_update, NULL, e) != PB_OK)
		return e->status;
	puts("\nEngagement records:");
	long printed = 0;
	int status = store_each_engagement_of(s, d->id, print_engagement, &printed, e);
	if (print_none_if(status, 0, printed) != PB_OK)
		return e->status;
	puts("\nChange log (audit trail):");
	return store_each_audit(s, d->id, print_audit, NULL, e);
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static int json_revision(void *ctx, const struct revision_row *r)
{
	struct buf *b = ctx;
	if (b->data[b->len - 1] != '[')
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_key(b, "seq", 1), buf_printf(b, "%d", r->seq);
	json_key(b, "from", 0), json_string(b, or_null(r->from_on));
	json_key(b, "to", 0), json_string(b, or_null(r->to_on));
	json_key(b, "to_text", 0), json_string(b, or_null(r->to_text));
	json_key(b, "reason", 0), json_string(b, r->reason);
	json_key(b, "changed_on", 0), json_string(b, or_null(r->changed_on));
	json_key(b, "changed_by", 0), json_string(b, or_null(r->changed_by));
	buf_addc(b, '}');
	return PB_OK;
}

static int json_update(void *ctx, const struct update_row *u)
{
	struct buf *b = ctx;
	if (b->data[b->len - 1] != '[')
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_key(b, "period", 1), json_string(b, or_null(u->period));
	json_key(b, "noted_on", 0), json_string(b, u->noted_on);
	json_key(b, "author", 0), json_string(b, or_null(u->author));
	json_key(b, "text", 0), json_string(b, u->text);
	buf_addc(b, '}');
	return PB_OK;
}

static int json_engagement(void *ctx, const struct engagement_link_row *g)
{
	struct buf *b = ctx;
	if (b->data[b->len - 1] != '[')
		buf_addc(b, ',');
	buf_addc(b, '{');
	json_key(b, "ref", 1), json_string(b, g->ref);
	json_key(b, "title", 0), json_string(b, g->title);
	buf_addc(b, '}');
	return PB_OK;
}

static int show_json(struct store *s, const struct action_detail *d, struct pb_error *e)
{
	struct buf b = {0};
	char rag[2] = {(char)d->rag, 0}, computed[2] = {(char)d->rag_computed, 0};
	const char *keys[] = {"plan", "ref", "section", "title", "description", "measure", "target", "outcome", "leads",
			      "status", "due", "due_text", "due_state", "due_precision", "completed_on", "rag_reason"};
	const char *vals[] = {d->plan, d->ref, d->section, d->title, d->description, d->measure, d->target, d->outcome,
			      d->leads, d->status, d->due_on, d->due_text, d->due_state, d->due_precision, d->completed_on,
			      d->rag_reason};
	buf_addc(&b, '{');
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		json_key(&b, keys[i], i == 0), json_string(&b, or_null(vals[i]));
	json_key(&b, "original_due", 0), json_string(&b, or_null(d->original_due));
	json_key(&b, "rag", 0), json_string(&b, d->rag ? rag : NULL);
	json_key(&b, "rag_computed", 0), json_string(&b, computed);
	json_key(&b, "rag_mismatch", 0), buf_add(&b, rag_mismatch(d->rag, d->rag_computed) ? "true" : "false");
	json_key(&b, "revisions", 0), buf_addc(&b, '[');
	int status = store_each_revision(s, d->id, json_revision, &b, e);
	buf_add(&b, "]");
	json_key(&b, "updates", 0), buf_addc(&b, '[');
	if (status == PB_OK)
		status = store_each_update(s, d->id, json_update, &b, e);
	buf_add(&b, "]");
	json_key(&b, "engagements", 0), buf_addc(&b, '[');
	if (status == PB_OK)
		status = store_each_engagement_of(s, d->id, json_engagement, &b, e);
	buf_add(&b, "]}");
	if (status == PB_OK)
		puts(buf_str(&b));
	buf_free(&b);
	return status;
}

int cli_show(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *plan = NULL, *format = "text", *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"--plan", &plan, NULL}, {"--format", &format, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "show", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "show: name the action, e.g. `planbench show SQ9 --plan HIP-2526`");
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return pb_fail(e, PB_USAGE, "show: --format takes text or json");
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	long id;
	struct action_detail d;
	int status = store_find_action(s, plan, pos[0], &id, e);
	if (status == PB_OK && (status = store_get_action(s, id, &d, e)) == PB_OK) {
		status = strcmp(format, "json") == 0 ? show_json(s, &d, e) : show_text(s, &d, e);
		store_action_free(&d);
	}
	store_close(s);
	return status;
}

struct update_args {
	const char *plan, *note, *status, *rag, *reason, *due, *on;
	bool complete;
};

static int apply_updates(struct store *s, long id, const struct update_args *u, const struct app *a, struct pb_error *e)
{
	if (u->note && store_add_update(s, id, NULL, u->note, e) != PB_OK)
		return e->status;
	if (u->status && store_set_status(s, id, u->status, e) != PB_OK)
		return e->status;
	if (u->due && store_revise_due(s, id, u->due, u->reason, e) != PB_OK)
		return e->status;
	if (u->rag) {
		enum rag r = rag_from_text(u->rag);
		if (r == RAG_NONE || strlen(u->rag) > 8)
			return pb_fail(e, PB_USAGE, "update: --rag takes R, A, G or C");
		if (store_set_rag(s, id, r, u->reason, e) != PB_OK)
			return e->status;
	}
	if (u->complete) {
		struct date on = a->today;
		if (u->on && !date_parse_iso(u->on, &on))
			return pb_fail(e, PB_USAGE, "update: --on \"%s\" is not a date written YYYY-MM-DD", u->on);
		if (store_complete(s, id, on, e) != PB_OK)
			return e->status;
	}
	return PB_OK;
}

/* What a field of the audit trail is called when update says what it changed. */
static const char *change_name(const char *field)
{
	static const char *const names[][2] = {
		{"progress_update", "progress update"}, {"revision", "target revised"}, {"due_text", "target as written"},
		{"due_on", "target date"}, {"due_state", "target state"}, {"due_precision", "target precision"}, {"rag", "RAG"},
		{"rag_reason", "RAG reason"}, {"completed_on", "completed on"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], field) == 0)
			return names[i][1];
	return field;
}

/* Audit entries of one action, counted, then (past the first `skip`) written as "  field: old -> new" lines. */
struct changes {
	long n, skip;
	struct buf out;
};

static int count_change(void *ctx, const struct audit_row *r)
{
	(void)r;
	((struct changes *)ctx)->n++;
	return PB_OK;
}

static int describe_change(void *ctx, const struct audit_row *r)
{
	struct changes *c = ctx;
	char old[200], new[300];
	if (c->n++ < c->skip || !*r->field)
		return PB_OK;
	text_fit(*r->old_value ? r->old_value : "(none)", 60, false, old, sizeof old);
	text_fit(*r->new_value ? r->new_value : "(none)", 70, false, new, sizeof new);
	buf_printf(&c->out, "  %s: %s -> %s\n", change_name(r->field), old, new);
	return PB_OK;
}

/* Makes the changes in one transaction and writes what changed, field by field, into c->out. */
static int update_and_describe(struct store *s, long id, const struct update_args *u, const struct app *a,
			       struct changes *c, struct pb_error *e)
{
	int status = store_begin(s, e);
	if (status != PB_OK)
		return status;
	status = store_each_audit(s, id, count_change, c, e);
	if (status == PB_OK)
		status = apply_updates(s, id, u, a, e);
	c->skip = c->n;
	c->n = 0;
	if (status == PB_OK)
		status = store_each_audit(s, id, describe_change, c, e);
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	return store_commit(s, e);
}

int cli_update(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	struct update_args u = {0};
	const char *pos[1];
	int npos;
	const struct arg_opt opts[] = {
		{"--plan", &u.plan, NULL}, {"--note", &u.note, NULL}, {"--status", &u.status, NULL}, {"--rag", &u.rag, NULL},
		{"--reason", &u.reason, NULL}, {"--due", &u.due, NULL}, {"--complete", NULL, &u.complete},
		{"--on", &u.on, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "update", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "update: name the action, e.g. `planbench update SQ9 --note \"…\"`");
	if (!u.note && !u.status && !u.rag && !u.due && !u.complete)
		return pb_fail(e, PB_USAGE, "update: nothing to change; give --note, --status, --rag, --due or --complete");
	if (u.due && (!u.reason || !*u.reason))
		return pb_fail(e, PB_USAGE, "update: a target date is never changed without a reason; add --reason TEXT");
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	long id;
	struct changes c = {0, 0, {0}};
	struct action_detail d;
	int status = store_find_action(s, u.plan, pos[0], &id, e);
	if (status == PB_OK)
		status = update_and_describe(s, id, &u, a, &c, e);
	if (status == PB_OK && store_get_action(s, id, &d, e) == PB_OK) {
		printf("Saved %s %s:\n%s", d.plan, d.ref, c.out.len ? buf_str(&c.out) : "  nothing changed: it was already so\n");
		store_action_free(&d);
	}
	buf_free(&c.out);
	store_close(s);
	return status;
}

static void json_date_or_null(struct buf *b, const struct when_date *d)
{
	char iso[DATE_ISO_LEN];
	if (!d) {
		buf_add(b, "null");
		return;
	}
	date_format_iso(d->date, iso);
	json_string(b, iso);
}

/* Reads the plan's start from the database when --plan is given. */
static int plan_start(const struct app *a, const char *plan, struct date *start, struct pb_error *e)
{
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	int status = store_plan_start(s, plan, start, e);
	store_close(s);
	return status;
}

int cli_when(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *plan = NULL, *start_text = NULL, *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"--plan", &plan, NULL}, {"--start", &start_text, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "when", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "when: give the target-date text, e.g. `planbench when \"Sep-25 (Revised Jan-26)\"`");
	struct date start;
	bool has_start = false;
	if (start_text && !(has_start = date_parse_iso(start_text, &start)))
		return pb_fail(e, PB_USAGE, "when: --start \"%s\" is not a date written YYYY-MM-DD", start_text);
	if (plan && !start_text) {
		if (plan_start(a, plan, &start, e) != PB_OK)
			return e->status;
		has_start = true;
	}
	struct when w;
	char err[600];
	if (when_parse(pos[0], has_start ? &start : NULL, &w, err, sizeof err) != 0)
		return pb_fail(e, PB_BAD_INPUT, "%s", err);
	struct buf b = {0};
	buf_addc(&b, '{');
	json_key(&b, "text", 1), json_string(&b, pos[0]);
	json_key(&b, "due", 0), json_date_or_null(&b, w.ndates ? &w.dates[w.ndates - 1] : NULL);
	json_key(&b, "original", 0), json_date_or_null(&b, w.ndates ? &w.dates[0] : NULL);
	json_key(&b, "revisions", 0), buf_addc(&b, '[');
	for (int i = 1; i < w.ndates; i++) {
		if (i > 1)
			buf_addc(&b, ',');
		json_date_or_null(&b, &w.dates[i]);
	}
	buf_addc(&b, ']');
	json_key(&b, "state", 0), json_string(&b, when_state_name(w.state));
	json_key(&b, "precision", 0), json_string(&b, when_precision_name(w.ndates ? w.dates[w.ndates - 1].precision : WHEN_PRECISION_NONE));
	buf_addc(&b, '}');
	puts(buf_str(&b));
	buf_free(&b);
	return PB_OK;
}

static int print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	printf("problem: %s\n", problem);
	return PB_OK;
}

struct mismatches {
	long count;
	struct date today;
};

static int print_mismatch(void *ctx, const struct action_row *r)
{
	struct mismatches *m = ctx;
	char why[300];
	store_mismatch_reason(r, m->today, why, sizeof why);
	printf("rag mismatch: %s %s — %s\n", r->plan, r->ref, why);
	m->count++;
	return PB_OK;
}

int cli_check(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const struct arg_opt opts[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	int npos;
	if (args_parse(argc, argv, opts, pos, 0, &npos, "check", e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, STORE_READ_ONLY, &s, e) != PB_OK)
		return e->status;
	long problems = 0;
	struct mismatches mism = {0, a->today};
	struct action_filter f = {.rag_mismatch = true};
	int status = store_check(s, print_problem, NULL, &problems, e);
	if (status == PB_OK)
		status = store_list_actions(s, &f, SORT_PLAN, 0, -1, print_mismatch, &mism, e);
	if (status == PB_OK)
		printf("check: %ld problem%s, %ld RAG mismatch%s\n", problems, problems == 1 ? "" : "s", mism.count,
		       mism.count == 1 ? "" : "es");
	store_close(s);
	if (status == PB_OK && problems > 0)
		return pb_fail(e, PB_FAIL, "%s: %ld problem%s found; restore from a backup or ask for help before making changes",
			       a->db_path, problems, problems == 1 ? "" : "s");
	return status;
}
