/* browse.c — the state of what the action list shows, the `:` commands that change it by name with their
 * completion, and the keys of the browsing screen. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>

#include "core/status.h"
#include "core/text.h"
#include "core/when.h"
#include "tui/browse.h"
#include "tui/review.h"

/* ---- small helpers ---- */

/* The sort a view opens with: the overdue queue most overdue first, the due views by date. */
static enum action_sort default_sort(enum browse_kind kind)
{
	switch (kind) {
	case BROWSE_OVERDUE: return SORT_OVERDUE;
	case BROWSE_DUE_SOON: return SORT_DUE;
	case BROWSE_MINE: return SORT_DUE;
	case BROWSE_SEARCH: return SORT_RANK;
	default: return SORT_PLAN;
	}
}

/* Marks cur as changed; filter too when the filter changed. */
static int changed(struct browse *b, bool filter)
{
	b->gen++;
	if (filter)
		b->filter_gen++;
	return UI_RELOAD | UI_REDRAW;
}

/* A plan found by code (any case), copied out of the store walk. */
struct plan_find {
	const char *want;
	char code[32], title[200];
	char all[256]; /* every code, for the message when want is not one */
	bool found;
};

/* Store callback: notes the plan when it is the one wanted. */
static int find_plan_cb(void *ctx, const struct plan_row *p)
{
	struct plan_find *f = ctx;
	size_t l = strlen(f->all);
	snprintf(f->all + l, sizeof f->all - l, "%s%s", l ? ", " : "", p->code);
	if (!f->found && text_ieq(p->code, f->want)) {
		f->found = true;
		snprintf(f->code, sizeof f->code, "%s", p->code);
		snprintf(f->title, sizeof f->title, "%s", p->title);
	}
	return PB_OK;
}

/* Looks up plan code want; false with a message on ui naming the plans when there is none. */
static bool find_plan(struct ui *ui, const char *want, struct plan_find *f)
{
	struct pb_error e = {0};
	memset(f, 0, sizeof *f);
	f->want = want;
	if (store_each_plan(ui->store, find_plan_cb, f, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	if (!f->found)
		ui_message(ui, true, "There is no plan \"%s\"; the plans are %s", want, *f->all ? f->all : "(none yet)");
	return f->found;
}

/* A section found by id or code in a plan's tree. */
struct section_find {
	long want_id;
	const char *want_code;
	long id;
	char code[64], title[200];
};

/* Store callback: notes the section when it is the one wanted. */
static int find_section_cb(void *ctx, const struct section_row *r)
{
	struct section_find *f = ctx;
	if (f->id || (f->want_id ? r->id != f->want_id : !text_ieq(r->code, f->want_code)))
		return PB_OK;
	f->id = r->id;
	snprintf(f->code, sizeof f->code, "%s", r->code);
	snprintf(f->title, sizeof f->title, "%s", r->title);
	return PB_OK;
}

/* Looks up a section of plan by id (when id) or code; false with a message on ui when there is none. */
static bool find_section(struct ui *ui, const char *plan, long id, const char *code, struct section_find *f)
{
	struct pb_error e = {0};
	memset(f, 0, sizeof *f);
	f->want_id = id;
	f->want_code = code ? code : "";
	if (store_each_section(ui->store, plan, find_section_cb, f, &e) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return false;
	}
	if (!f->id)
		ui_message(ui, true, "Plan %s has no section \"%s\"; Tab after :section lists them", plan, f->want_code);
	return f->id != 0;
}

/* ---- the state ---- */

/* Starts the state; see browse.h. */
void browse_init(struct browse *b, struct ui *ui, const char *who, enum browse_kind kind, const char *plan)
{
	memset(b, 0, sizeof *b);
	b->store = ui->store;
	b->amber_days = store_rag_rules(ui->store).amber_days;
	snprintf(b->who, sizeof b->who, "%s", who ? who : "");
	if (who && *who) {
		struct pb_error e = {0};
		if (store_find_officer(ui->store, who, &b->me_id, b->me, sizeof b->me, &e) != PB_OK)
			b->me_id = 0;
	}
	b->cur.kind = kind;
	b->cur.sort = default_sort(kind);
	b->before_kind = kind;
	b->before_sort = b->cur.sort;
	struct plan_find f;
	if (plan && *plan && find_plan(ui, plan, &f)) {
		snprintf(b->cur.filter.plan, sizeof b->cur.filter.plan, "%s", f.code);
		snprintf(b->cur.filter.plan_title, sizeof b->cur.filter.plan_title, "%s", f.title);
		b->cur.kind = BROWSE_ALL;
		b->cur.sort = SORT_PLAN;
	}
	b->gen = b->filter_gen = 1;
}

/* The store filter for a view; see browse.h. */
void browse_store_filter(const struct browse *b, enum browse_kind kind, bool where, struct action_filter *f)
{
	const struct browse_filter *bf = &b->cur.filter;
	memset(f, 0, sizeof *f);
	f->owner_id = bf->owner_id;
	f->rag_any = bf->rag;
	f->status = *bf->status ? bf->status : NULL;
	f->due_from = *bf->due_from ? bf->due_from : NULL;
	f->due_to = *bf->due_to ? bf->due_to : NULL;
	if (where) {
		f->plan = *bf->plan ? bf->plan : NULL;
		f->section_id = bf->section_id;
	}
	switch (kind) {
	case BROWSE_OVERDUE: f->overdue = true; break;
	case BROWSE_DUE_SOON: f->due_within = b->amber_days; break;
	case BROWSE_MINE:
		if (b->me_id == 0)
			f->owner_id = -1; /* no officer: nothing is mine */
		else if (f->owner_id == 0)
			f->owner_id = b->me_id;
		else if (f->owner_id != b->me_id)
			f->also_owner_id = b->me_id;
		break;
	case BROWSE_SEARCH:
		f->search = b->cur.search;
		f->search_cap = STORE_SEARCH_CAP; /* searched as typed: a common word's first letters stay instant */
		break;
	default: break;
	}
}

bool browse_filtered(const struct browse *b)
{
	const struct browse_filter *f = &b->cur.filter;
	return f->owner_id || f->rag || *f->status || *f->plan || *f->due_from || *f->due_to;
}

const char *browse_kind_name(enum browse_kind kind)
{
	static const char *const names[] = {"Overdue", "Due soon", "My actions", "All actions", "Search"};
	return names[kind];
}

/* Names of the sort orders, on the status line and after :sort. */
static const struct {
	enum action_sort sort;
	const char *word, *name;
} sorts[] = {
	{SORT_PLAN, "plan", "plan order"},   {SORT_DUE, "due", "due date"},	 {SORT_OVERDUE, "overdue", "days overdue"},
	{SORT_REF, "ref", "ref"},	     {SORT_OWNER, "owner", "lead"},	 {SORT_RAG, "rag", "RAG"},
	{SORT_RANK, "rank", "best match"},
};
#define NSORTS ((int)(sizeof sorts / sizeof sorts[0]))

const char *browse_sort_name(enum action_sort sort)
{
	for (int i = 0; i < NSORTS; i++)
		if (sorts[i].sort == sort)
			return sorts[i].name;
	return "";
}

/* The header's title; see browse.h. */
void browse_title(const struct browse *b, bool utf8, char *out, size_t outlen)
{
	const struct browse_filter *f = &b->cur.filter;
	char where[300] = "";
	if (f->section_id)
		snprintf(where, sizeof where, "%s %s", f->section, f->section_title);
	switch (b->cur.kind) {
	case BROWSE_ALL:
		snprintf(out, outlen, "%s", *where ? where : *f->plan ? f->plan_title : "All actions");
		return;
	case BROWSE_DUE_SOON: snprintf(out, outlen, "Due within %d days", b->amber_days); break;
	case BROWSE_MINE: snprintf(out, outlen, "My actions (%s)", b->me); break;
	case BROWSE_SEARCH:
		if (*b->cur.search)
			snprintf(out, outlen, utf8 ? "Search \xE2\x80\x9C%s\xE2\x80\x9D" : "Search \"%s\"", b->cur.search);
		else
			snprintf(out, outlen, "Search");
		break;
	default: snprintf(out, outlen, "%s", browse_kind_name(b->cur.kind)); break;
	}
	size_t l = strlen(out);
	if (*where)
		snprintf(out + l, outlen - l, " in %s", where);
}

/* "30 Sep 2026" from an ISO date. */
static void human_day(const char *iso, char *out, size_t outlen)
{
	struct date d;
	if (date_parse_iso(iso, &d))
		date_format_human(d, out, outlen);
	else
		snprintf(out, outlen, "%s", iso);
}

/* The header's filter; see browse.h. */
void browse_describe(const struct browse *b, char *out, size_t outlen)
{
	const struct browse_filter *f = &b->cur.filter;
	char from[32], to[32];
	size_t l = 0;
	out[0] = '\0';
#define PART(...) (l = strlen(out), snprintf(out + l, outlen - l, "%s", l ? ", " : ""), l = strlen(out), \
		   snprintf(out + l, outlen - l, __VA_ARGS__))
	if (f->owner_id)
		PART("owner %s", f->owner);
	if (f->rag)
		PART("RAG %c", f->rag);
	if (*f->status)
		PART("%s", status_label(f->status));
	human_day(f->due_from, from, sizeof from);
	human_day(f->due_to, to, sizeof to);
	if (*f->due_from && *f->due_to)
		PART("due %s to %s", from, to);
	else if (*f->due_from)
		PART("due from %s", from);
	else if (*f->due_to)
		PART("due by %s", to);
#undef PART
}

/* ---- changes ---- */

int browse_set_kind(struct ui *ui, enum browse_kind kind)
{
	struct browse *b = ui->browse;
	if (kind == BROWSE_MINE && b->me_id == 0) {
		if (*b->who)
			ui_message(ui, true, "\"%s\" is not an officer here; start with --as NAME (or PLANBENCH_USER) to see yours", b->who);
		else
			ui_message(ui, true, "Who are you? Start with --as NAME (or PLANBENCH_USER) to see your actions");
		return UI_REDRAW;
	}
	if (b->cur.kind == kind)
		return UI_REDRAW;
	b->cur.kind = kind;
	b->cur.sort = default_sort(kind);
	b->cur.search[0] = '\0';
	return changed(b, false);
}

/* Looks at a plan, a section of it, or every plan; see browse.h. */
int browse_goto(struct ui *ui, const char *plan, long section_id)
{
	struct browse *b = ui->browse;
	struct browse_filter *f = &b->cur.filter;
	struct plan_find pf;
	struct section_find sf;
	if (plan && !find_plan(ui, plan, &pf))
		return UI_REDRAW;
	if (plan && section_id && !find_section(ui, pf.code, section_id, NULL, &sf))
		return UI_REDRAW;
	snprintf(f->plan, sizeof f->plan, "%s", plan ? pf.code : "");
	snprintf(f->plan_title, sizeof f->plan_title, "%s", plan ? pf.title : "");
	f->section_id = plan && section_id ? sf.id : 0;
	snprintf(f->section, sizeof f->section, "%s", f->section_id ? sf.code : "");
	snprintf(f->section_title, sizeof f->section_title, "%s", f->section_id ? sf.title : "");
	b->cur.kind = BROWSE_ALL;
	b->cur.sort = SORT_PLAN;
	b->cur.search[0] = '\0';
	return changed(b, true);
}

int browse_set_filter(struct ui *ui, const struct browse_filter *f)
{
	ui->browse->cur.filter = *f;
	return changed(ui->browse, true);
}

int browse_clear(struct ui *ui)
{
	struct browse *b = ui->browse;
	struct browse_filter none;
	if (!browse_filtered(b)) {
		ui_message(ui, false, "There is no filter to clear");
		return UI_REDRAW;
	}
	memset(&none, 0, sizeof none);
	b->cur.filter = none;
	return changed(b, true);
}

/* The next sort order (best match only for a search). */
int browse_cycle_sort(struct ui *ui)
{
	struct browse *b = ui->browse;
	int i = 0;
	while (i < NSORTS && sorts[i].sort != b->cur.sort)
		i++;
	do
		i = (i + 1) % NSORTS;
	while (sorts[i].sort == SORT_RANK && b->cur.kind != BROWSE_SEARCH);
	b->cur.sort = sorts[i].sort;
	ui_message(ui, false, "Sorted by %s", sorts[i].name);
	return changed(b, false);
}

void browse_search_begin(struct browse *b)
{
	if (b->cur.kind == BROWSE_SEARCH)
		return;
	b->before_kind = b->cur.kind;
	b->before_sort = b->cur.sort;
	b->cur.kind = BROWSE_SEARCH;
	b->cur.sort = SORT_RANK;
	b->cur.search[0] = '\0';
	changed(b, false);
}

int browse_search_set(struct ui *ui, const char *text)
{
	struct browse *b = ui->browse;
	if (b->cur.kind != BROWSE_SEARCH)
		browse_search_begin(b);
	snprintf(b->cur.search, sizeof b->cur.search, "%s", text);
	return changed(b, false);
}

int browse_search_cancel(struct ui *ui)
{
	struct browse *b = ui->browse;
	if (b->cur.kind != BROWSE_SEARCH)
		return UI_REDRAW;
	b->cur.kind = b->before_kind;
	b->cur.sort = b->before_sort;
	b->cur.search[0] = '\0';
	return changed(b, false);
}

/* Reads one day; see browse.h. */
bool browse_parse_day(const char *text, bool first, const char *what, char out[DATE_ISO_LEN], char *err, size_t errlen)
{
	struct when w;
	char why[256];
	if (when_parse_as(what, text, NULL, &w, why, sizeof why) != 0) {
		snprintf(err, errlen, "%s", why);
		return false;
	}
	if (w.state != WHEN_STATE_DATED || w.ndates == 0) {
		snprintf(err, errlen, "\"%s\" is not a day; write it like 30/09/2026, 2026-09-30 or Sep-26", text);
		return false;
	}
	struct when_date *d = &w.dates[w.ndates - 1];
	if (first && d->precision == WHEN_PRECISION_MONTH)
		d->date.day = 1;
	date_format_iso(d->date, out);
	return true;
}

/* ---- the commands ---- */

enum complete_kind { C_NONE, C_OFFICER, C_PLAN, C_SECTION, C_SORT, C_STATUS, C_RAG, C_VIEW, C_FILE };

static const char *const view_words[] = {"overdue", "due-soon", "mine", "all", NULL};
static const char *const rag_words[] = {"red", "amber", "green", "complete", NULL};

static int cmd_view(struct ui *ui, const char *arg)
{
	for (int i = 0; view_words[i]; i++)
		if (text_ieq(arg, view_words[i]))
			return browse_set_kind(ui, (enum browse_kind)i);
	ui_message(ui, true, "\"%s\" is not a view; the views are overdue, due-soon, mine and all", arg);
	return UI_REDRAW;
}

static int cmd_owner(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	struct pb_error e = {0};
	if (!*arg) {
		f.owner_id = 0;
		f.owner[0] = '\0';
	} else if (store_find_officer(ui->store, arg, &f.owner_id, f.owner, sizeof f.owner, &e) != PB_OK) {
		ui_message(ui, true, "No officer is called \"%s\" (by name or alias); Tab after :owner lists the names", arg);
		return UI_REDRAW;
	}
	return browse_set_filter(ui, &f);
}

static int cmd_rag(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	enum rag r = rag_from_text(arg);
	if (*arg && r == RAG_NONE) {
		ui_message(ui, true, "\"%s\" is not a RAG; write R, A, G or C (red, amber, green, complete)", arg);
		return UI_REDRAW;
	}
	f.rag = (char)r;
	return browse_set_filter(ui, &f);
}

static int cmd_status(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	const char *canon = *arg ? status_canonical(arg) : "";
	if (!canon) {
		ui_message(ui, true, "\"%s\" is not a status; the statuses are to_be_started, in_progress, on_hold, complete and deferred", arg);
		return UI_REDRAW;
	}
	snprintf(f.status, sizeof f.status, "%s", canon);
	return browse_set_filter(ui, &f);
}

static int cmd_plan(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	struct plan_find pf;
	if (*arg && !find_plan(ui, arg, &pf))
		return UI_REDRAW;
	snprintf(f.plan, sizeof f.plan, "%s", *arg ? pf.code : "");
	snprintf(f.plan_title, sizeof f.plan_title, "%s", *arg ? pf.title : "");
	f.section_id = 0;
	f.section[0] = f.section_title[0] = '\0';
	return browse_set_filter(ui, &f);
}

static int cmd_section(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	struct section_find sf;
	if (!*arg) {
		f.section_id = 0;
		f.section[0] = f.section_title[0] = '\0';
		return browse_set_filter(ui, &f);
	}
	if (!*f.plan) {
		ui_message(ui, true, "Say which plan first (:plan CODE); section codes belong to a plan");
		return UI_REDRAW;
	}
	if (!find_section(ui, f.plan, 0, arg, &sf))
		return UI_REDRAW;
	f.section_id = sf.id;
	snprintf(f.section, sizeof f.section, "%s", sf.code);
	snprintf(f.section_title, sizeof f.section_title, "%s", sf.title);
	return browse_set_filter(ui, &f);
}

static int cmd_due(struct ui *ui, const char *arg)
{
	struct browse_filter f = ui->browse->cur.filter;
	char from[128] = "", to[128] = "", err[300];
	const char *dots = strstr(arg, "..");
	if (dots) {
		snprintf(from, sizeof from, "%.*s", (int)(dots - arg), arg);
		snprintf(to, sizeof to, "%s", dots + 2);
	} else {
		snprintf(to, sizeof to, "%s", arg);
	}
	text_trim(from);
	text_trim(to);
	f.due_from[0] = f.due_to[0] = '\0';
	if ((*from && !browse_parse_day(from, true, "due-from date", f.due_from, err, sizeof err)) ||
	    (*to && !browse_parse_day(to, false, "due-by date", f.due_to, err, sizeof err))) {
		ui_message(ui, true, ":due %s: %s", arg, err);
		return UI_REDRAW;
	}
	return browse_set_filter(ui, &f);
}

static int cmd_sort(struct ui *ui, const char *arg)
{
	struct browse *b = ui->browse;
	for (int i = 0; i < NSORTS; i++) {
		if (!text_ieq(arg, sorts[i].word))
			continue;
		if (sorts[i].sort == SORT_RANK && b->cur.kind != BROWSE_SEARCH) {
			ui_message(ui, true, "rank orders search results; search first with /");
			return UI_REDRAW;
		}
		b->cur.sort = sorts[i].sort;
		ui_message(ui, false, "Sorted by %s", sorts[i].name);
		return changed(b, false);
	}
	ui_message(ui, true, "\"%s\" is not a sort order; the orders are plan, due, overdue, ref, owner, rag and rank", arg);
	return UI_REDRAW;
}

static int cmd_search(struct ui *ui, const char *arg)
{
	if (!*arg)
		return browse_search_cancel(ui);
	return browse_search_set(ui, arg) | UI_TO_LIST;
}

static int cmd_clear(struct ui *ui, const char *arg)
{
	struct browse *b = ui->browse;
	struct browse_filter none;
	(void)arg;
	memset(&none, 0, sizeof none);
	browse_search_cancel(ui);
	b->cur.filter = none;
	return changed(b, true);
}

/* :import FILE: the import screen (tui/view_import.c); the path is kept here, as the screen opens after this returns. */
static int cmd_import(struct ui *ui, const char *arg)
{
	static char file[1024];
	if (!*arg) {
		ui_message(ui, true, ":import needs the file: :import tracker.csv (Tab completes the name)");
		return UI_REDRAW;
	}
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: importing is refused; restart without --read-only to import");
		return UI_REDRAW;
	}
	snprintf(file, sizeof file, "%s", arg);
	return ui_open(ui, &view_import, file) | UI_REDRAW;
}

/* :sync [FILE]: the Sync screen (tui/view_sync.c), previewing FILE when given; the path is kept here, as the screen
 * opens after this returns. */
static int cmd_sync(struct ui *ui, const char *arg)
{
	static char file[1024];
	snprintf(file, sizeof file, "%s", arg);
	return ui_open(ui, &view_sync, file) | UI_REDRAW;
}

/* :review NAME starts (or goes on with) the one-to-one review of an officer, by name or alias; alone, asks whose. */
static int cmd_review(struct ui *ui, const char *arg)
{
	return review_open_officer(ui, arg);
}

static int cmd_help(struct ui *ui, const char *arg)
{
	(void)ui, (void)arg;
	return UI_HELP;
}

static int cmd_quit(struct ui *ui, const char *arg)
{
	(void)ui, (void)arg;
	return UI_QUIT;
}

/* The commands, for :, completion and the help screen. */
const struct browse_command browse_commands[] = {
	{"view", "NAME", "Show a view of the navigator: overdue, due-soon, mine or all", C_VIEW, cmd_view},
	{"owner", "[NAME]", "Only actions NAME leads (any spelling, alias); none: anyone", C_OFFICER, cmd_owner},
	{"rag", "[R|A|G|C]", "Only actions whose set or computed RAG is this; none: any", C_RAG, cmd_rag},
	{"status", "[STATUS]", "Only actions with this status; none: any", C_STATUS, cmd_status},
	{"plan", "[CODE]", "Only the actions of plan CODE; none: every plan", C_PLAN, cmd_plan},
	{"section", "[CODE]", "Only a section of the plan, with those under it; none: all", C_SECTION, cmd_section},
	{"due", "[FROM]..[TO]", "Only due between two days (a month: from its first, by its last; one day: due by it); none: any",
	 C_NONE, cmd_due},
	{"sort", "ORDER", "Sort: plan, due, overdue, ref, owner, rag, rank (a search)", C_SORT, cmd_sort},
	{"sync", "[FILE]", "Change sets to and from other laptops; FILE: preview that change set", C_FILE, cmd_sync},
	{"search", "TEXT", "Search action text, progress updates and engagement records", C_NONE, cmd_search},
	{"clear", "", "Clear the filter and the search", C_NONE, cmd_clear},
	{"help", "", "Show the keys and commands", C_NONE, cmd_help},
	{"import", "FILE", "Import a council's tracker: its columns, a preview, its problems, then import", C_FILE, cmd_import},
	{"review", "[NAME]", "A one-to-one review of everything NAME leads (any spelling, alias)", C_OFFICER, cmd_review},
	{"quit", "", "Quit planbench (also :q)", C_NONE, cmd_quit},
	{NULL, NULL, NULL, C_NONE, NULL},
};
#define NCOMMANDS ((int)(sizeof browse_commands / sizeof browse_commands[0]) - 1)

/* The command called name: exactly, "q" for quit, or the only one name begins; -1 when none. */
static int find_command(struct ui *ui, const char *name, size_t len)
{
	int found = -1, n = 0;
	char all[256] = "";
	for (int i = 0; i < NCOMMANDS; i++) {
		if (strlen(browse_commands[i].name) == len && strncasecmp(browse_commands[i].name, name, len) == 0)
			return i;
		if (strncasecmp(browse_commands[i].name, name, len) == 0) {
			found = i;
			n++;
			snprintf(all + strlen(all), sizeof all - strlen(all), "%s:%s", n > 1 ? ", " : "", browse_commands[i].name);
		}
	}
	if (n == 1)
		return found;
	if (n > 1)
		ui_message(ui, true, ":%.*s could be %s; type more of it", (int)len, name, all);
	else
		ui_message(ui, true, ":%.*s is not a command; Tab after : lists them, ? shows what each does", (int)len, name);
	return -1;
}

/* Runs one command line; see browse.h. */
int browse_run(struct ui *ui, const char *line)
{
	char buf[600];
	snprintf(buf, sizeof buf, "%s", line);
	char *p = text_trim(buf);
	if (*p == ':')
		p = text_trim(p + 1);
	if (!*p)
		return UI_REDRAW;
	size_t len = strcspn(p, " \t");
	int i = find_command(ui, p, len);
	if (i < 0)
		return UI_REDRAW;
	char *arg = text_trim(p + len);
	return browse_commands[i].run(ui, arg);
}

/* ---- completion ---- */

/* Adds a candidate unless the list is full. */
static void add_candidate(struct browse_completion *c, const char *text)
{
	if (c->n < BROWSE_MAX_CANDIDATES)
		snprintf(c->cand[c->n++], sizeof c->cand[0], "%s", text);
}

/* Whether text begins with prefix, ignoring ASCII case. */
static bool begins(const char *text, const char *prefix)
{
	return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

struct completing {
	struct browse_completion *c;
	const char *typed;
};

static int complete_name(void *ctx, const char *name)
{
	struct completing *k = ctx;
	add_candidate(k->c, name);
	return PB_OK;
}

static int complete_plan(void *ctx, const struct plan_row *p)
{
	struct completing *k = ctx;
	if (begins(p->code, k->typed))
		add_candidate(k->c, p->code);
	return PB_OK;
}

static int complete_section(void *ctx, const struct section_row *r)
{
	struct completing *k = ctx;
	if (begins(r->code, k->typed))
		add_candidate(k->c, r->code);
	return PB_OK;
}

/* Candidates from a NULL-ended word list. */
static void complete_words(struct browse_completion *c, const char *const *words, const char *typed)
{
	for (int i = 0; words[i]; i++)
		if (begins(words[i], typed))
			add_candidate(c, words[i]);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Candidates for a file name; see browse.h. */
void browse_complete_file(const char *typed, struct browse_completion *c)
{
	const char *slash = strrchr(typed, '/'), *base = slash ? slash + 1 : typed;
	char dir[1024], full[2400];
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - typed + 1) : 0, typed);
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;
	struct stat st;
	while (d && (de = readdir(d)) && c->n < BROWSE_MAX_CANDIDATES) {
		if ((de->d_name[0] == '.' && base[0] != '.') || !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    strncmp(de->d_name, base, strlen(base)) != 0)
			continue;
		snprintf(full, sizeof full, "%s%s", dir, de->d_name);
		bool folder = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
		size_t len = strlen(full);
		if (len + 2 > sizeof c->cand[0])
			continue; /* too long to offer */
		memcpy(c->cand[c->n], full, len);
		if (folder)
			c->cand[c->n][len++] = '/';
		c->cand[c->n++][len] = '\0';
	}
	if (d)
		closedir(d);
	qsort(c->cand, (size_t)c->n, sizeof c->cand[0], by_name);
}

/* Candidates for the argument of command i. */
static int complete_arg(struct ui *ui, int i, const char *typed, struct browse_completion *c)
{
	struct completing k = {c, typed};
	struct pb_error e = {0};
	const char *sort_words[NSORTS + 1];
	int status = PB_OK;
	switch (browse_commands[i].complete) {
	case C_OFFICER: status = store_each_officer_match(ui->store, typed, BROWSE_MAX_CANDIDATES, complete_name, &k, &e); break;
	case C_PLAN: status = store_each_plan(ui->store, complete_plan, &k, &e); break;
	case C_SECTION:
		if (!*ui->browse->cur.filter.plan) {
			ui_message(ui, true, "Say which plan first (:plan CODE); section codes belong to a plan");
			return PB_OK;
		}
		status = store_each_section(ui->store, ui->browse->cur.filter.plan, complete_section, &k, &e);
		break;
	case C_SORT:
		for (int s = 0; s < NSORTS; s++)
			sort_words[s] = sorts[s].word;
		sort_words[NSORTS] = NULL;
		complete_words(c, sort_words, typed);
		break;
	case C_STATUS: complete_words(c, status_names, typed); break;
	case C_RAG: complete_words(c, rag_words, typed); break;
	case C_VIEW: complete_words(c, view_words, typed); break;
	case C_FILE: browse_complete_file(typed, c); break;
	default: break;
	}
	if (status != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return status;
}

/* What Tab can complete at the end of line; see browse.h. */
int browse_complete(struct ui *ui, const char *line, struct browse_completion *c)
{
	memset(c, 0, sizeof *c);
	const char *p = line;
	while (*p == ' ')
		p++;
	size_t len = strcspn(p, " ");
	if (!p[len]) { /* still typing the command's name */
		c->at = (size_t)(p - line);
		c->command = true;
		for (int i = 0; i < NCOMMANDS; i++)
			if (strncasecmp(browse_commands[i].name, p, len) == 0)
				add_candidate(c, browse_commands[i].name);
		return PB_OK;
	}
	int i = find_command(ui, p, len);
	if (i < 0)
		return PB_OK;
	ui->message[0] = '\0';
	const char *arg = p + len;
	while (*arg == ' ')
		arg++;
	c->at = (size_t)(arg - line);
	return complete_arg(ui, i, arg, c);
}

/* ---- the keys of the browsing screen ---- */

static int key_search(struct view *v, struct ui *ui)
{
	(void)v;
	browse_search_begin(ui->browse);
	return ui_open(ui, &view_prompt, "/") | UI_RELOAD | UI_REDRAW;
}

static int key_filter(struct view *v, struct ui *ui)
{
	(void)v;
	return ui_open(ui, &view_filter, NULL) | UI_REDRAW;
}

static int key_clear(struct view *v, struct ui *ui)
{
	(void)v;
	return browse_clear(ui);
}

static int key_sort(struct view *v, struct ui *ui)
{
	(void)v;
	return browse_cycle_sort(ui);
}

static int key_command(struct view *v, struct ui *ui)
{
	(void)v;
	return ui_open(ui, &view_prompt, ":") | UI_REDRAW;
}

static int key_switch(struct view *v, struct ui *ui)
{
	(void)ui;
	return v->ops == &view_nav ? UI_TO_LIST : UI_TO_NAV;
}

static int key_toggle_nav(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_NAV_TOGGLE;
}

const struct key_binding browse_keys[] = {
	{"search", '/', {0}, "search", "Search actions, updates and engagement records as you type (best first; over 200 found: plan order, at most the first 1,000)", key_search, 0},
	{"filter", 'f', {0}, "filter", "Filter by owner, RAG, status, plan, section, due date", key_filter, 0},
	{"unfilter", 'F', {0}, "unfilter", "Clear the filter", key_clear, UI_MODE_FILTERED},
	{"sort", 's', {0}, "sort", "Next sort: plan, due date, days overdue, ref, lead, RAG", key_sort, 0},
	{"command", ':', {0}, "cmd", "Command line: :owner NAME, :plan CODE, :sort due …", key_command, 0},
	{"panel", '\t', {0}, "panel", "Move between the navigator and the list", key_switch, 0},
	{"show-navigator", 'v', {0}, NULL, "Show or hide the navigator", key_toggle_nav, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};
