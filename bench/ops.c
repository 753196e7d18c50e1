/* ops.c — the store calls behind each keystroke of the workbench, as tui/view_nav.c, tui/view_actions.c,
 * tui/view_detail.c and tui/work.c make them, each timed over repeated runs. One table row per operation: a new
 * operation (such as one driven through the real screen) is one more entry in ops[]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/ops.h"
#include "store/backup.h"
#include "store/store.h"
#include "store/update.h"

#define MAX_PLANS 64

struct ctx {
	const struct ops_setup *set;
	struct store *s;
	long me_id, special_id;
	long page[OPS_SCREEN_ROWS]; /* the ids of the Overdue view's first page */
	int npage;
	long overdue; /* the Overdue view's count */
	long seen;    /* rows handed to callbacks: keeps the work from being optimised away */
};

/* ---- callbacks that keep what a screen would keep ---- */

struct page_fill {
	struct ctx *c;
	long ids[OPS_SCREEN_ROWS];
	int n;
};

/* Store callback: keeps a page's ids, and reads its strings as drawing them would. */
static int keep_row(void *ctx, const struct action_row *row)
{
	struct page_fill *p = ctx;
	p->c->seen += (long)strlen(row->title) + (long)strlen(row->leads);
	if (p->n < OPS_SCREEN_ROWS)
		p->ids[p->n++] = row->id;
	return PB_OK;
}

struct plans {
	char code[MAX_PLANS][32];
	int n;
};

/* Store callback: keeps each plan's code. */
static int keep_plan(void *ctx, const struct plan_row *p)
{
	struct plans *ps = ctx;
	if (ps->n < MAX_PLANS)
		snprintf(ps->code[ps->n++], sizeof ps->code[0], "%s", p->code);
	return PB_OK;
}

/* Store callbacks from here to count_audit: each reads what it is handed, as a screen would. */
static int count_section(void *ctx, const struct section_row *r)
{
	struct ctx *c = ctx;
	c->seen += r->depth + 1;
	return PB_OK;
}

static int count_by_section(void *ctx, const char *plan, long section_id, long count)
{
	struct ctx *c = ctx;
	(void)plan;
	c->seen += section_id + count;
	return PB_OK;
}

static int count_update(void *ctx, const struct update_row *u)
{
	struct ctx *c = ctx;
	c->seen += (long)strlen(u->text);
	return PB_OK;
}

static int count_revision(void *ctx, const struct revision_row *r)
{
	struct ctx *c = ctx;
	c->seen += r->seq;
	return PB_OK;
}

static int count_engagement(void *ctx, const struct engagement_link_row *g)
{
	struct ctx *c = ctx;
	c->seen += (long)strlen(g->title);
	return PB_OK;
}

static int count_audit(void *ctx, const struct audit_row *a)
{
	struct ctx *c = ctx;
	c->seen += (long)strlen(a->at);
	return PB_OK;
}

/* ---- what the screen reads ---- */

/* The preview pane of the selected action: the action and its newest update (tui/view_actions.c load_preview). */
static int preview(struct ctx *c, long id, struct pb_error *e)
{
	struct action_detail d;
	if (id == 0)
		return PB_OK;
	if (store_get_action(c->s, id, &d, e) != PB_OK)
		return e->status;
	c->seen += (long)strlen(d.title);
	store_action_free(&d);
	return store_each_update(c->s, id, count_update, c, e);
}

/* One screen of a list at offset, then the preview of its first row; *out (may be NULL) gets the page. */
static int page(struct ctx *c, const struct action_filter *f, enum action_sort sort, long offset, struct page_fill *out,
		struct pb_error *e)
{
	struct page_fill p = {.c = c};
	if (store_list_actions(c->s, f, sort, offset, OPS_SCREEN_ROWS, keep_row, &p, e) != PB_OK)
		return e->status;
	if (out)
		*out = p;
	return preview(c, p.n ? p.ids[0] : 0, e);
}

/* A view as the screen opens it: its count, its first page, the preview. */
static int view(struct ctx *c, const struct action_filter *f, enum action_sort sort, long *count, struct page_fill *out,
		struct pb_error *e)
{
	long n;
	if (store_count_actions(c->s, f, &n, e) != PB_OK)
		return e->status;
	if (count)
		*count = n;
	return page(c, f, sort, 0, out, e);
}

/* The navigator's counts: every view under the filter, and per plan and section, in one call (tui/view_nav.c recount). */
static int nav_counts(struct ctx *c, long owner_id, struct pb_error *e)
{
	struct action_filter views[] = {
		{.overdue = true, .owner_id = owner_id},
		{.due_within = store_rag_rules(c->s).amber_days, .owner_id = owner_id},
		{.owner_id = owner_id ? owner_id : c->me_id, .also_owner_id = owner_id && owner_id != c->me_id ? c->me_id : 0},
		{.owner_id = owner_id},
	};
	enum { NVIEWS = sizeof views / sizeof views[0] };
	long n[NVIEWS];
	if (store_count_nav(c->s, &views[NVIEWS - 1], views, NVIEWS, n, count_by_section, c, e) != PB_OK)
		return e->status;
	for (int i = 0; i < NVIEWS; i++)
		c->seen += n[i];
	return PB_OK;
}

/* The navigator's tree: the plans and their sections (tui/view_nav.c). */
static int nav_tree(struct ctx *c, struct pb_error *e)
{
	struct plans ps = {0};
	if (store_each_plan(c->s, keep_plan, &ps, e) != PB_OK)
		return e->status;
	for (int i = 0; i < ps.n; i++)
		if (store_each_section(c->s, ps.code[i], count_section, c, e) != PB_OK)
			return e->status;
	return PB_OK;
}

/* Opens the database as the workbench does: today fixed, the officer named. */
static int open_store(struct ctx *c, struct pb_error *e)
{
	if (store_open(c->set->db, STORE_BACKUP_LATER, &c->s, e) != PB_OK)
		return e->status;
	store_set_today(c->s, c->set->today);
	store_set_actor(c->s, c->set->me);
	return PB_OK;
}

/* ---- the operations ---- */

/* Closes and opens the database again. */
static int op_open(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	store_close(c->s);
	c->s = NULL;
	return open_store(c, e);
}

/* Open, then everything the first frame of the Overdue view shows: navigator, count, first page, preview. */
static int op_first_frame(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.overdue = true};
	struct page_fill p;
	if (op_open(c, k, e) != PB_OK || nav_tree(c, e) != PB_OK || nav_counts(c, 0, e) != PB_OK ||
	    view(c, &f, SORT_OVERDUE, &c->overdue, &p, e) != PB_OK)
		return e->status;
	memcpy(c->page, p.ids, sizeof p.ids);
	c->npage = p.n;
	return PB_OK;
}

/* Down one row: the preview of the next action of the first page. */
static int op_down(struct ctx *c, int k, struct pb_error *e)
{
	return preview(c, c->npage > 1 ? c->page[1 + k % (c->npage - 1)] : 0, e);
}

/* Page down the Overdue view: its second, third or fourth page. */
static int op_page_down(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.overdue = true};
	return page(c, &f, SORT_OVERDUE, OPS_SCREEN_ROWS * (1 + k % 3), NULL, e);
}

/* G on the Overdue view: its last page. */
static int op_end(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.overdue = true};
	(void)k;
	return page(c, &f, SORT_OVERDUE, c->overdue > OPS_SCREEN_ROWS ? c->overdue - OPS_SCREEN_ROWS : 0, NULL, e);
}

/* The views of the navigator, opened: Due soon, All actions, My actions. */
static int op_due_soon(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.due_within = store_rag_rules(c->s).amber_days};
	(void)k;
	return view(c, &f, SORT_DUE, NULL, NULL, e);
}

static int op_all(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {0};
	(void)k;
	return view(c, &f, SORT_PLAN, NULL, NULL, e);
}

static int op_mine(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.owner_id = c->me_id};
	(void)k;
	return view(c, &f, SORT_DUE, NULL, NULL, e);
}

/* `:owner NAME` on the Overdue view: the navigator recounts under the filter, the list is read again. */
static int op_owner(struct ctx *c, int k, struct pb_error *e)
{
	struct action_filter f = {.overdue = true, .owner_id = c->me_id};
	(void)k;
	if (nav_counts(c, c->me_id, e) != PB_OK)
		return e->status;
	return view(c, &f, SORT_OVERDUE, NULL, NULL, e);
}

/* s on All actions: the list again in another order (op_sort_*). */
static int sort_all(struct ctx *c, enum action_sort sort, struct pb_error *e)
{
	struct action_filter f = {0};
	return view(c, &f, sort, NULL, NULL, e);
}

static int op_sort_due(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return sort_all(c, SORT_DUE, e);
}

static int op_sort_ref(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return sort_all(c, SORT_REF, e);
}

static int op_sort_lead(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return sort_all(c, SORT_OWNER, e);
}

static int op_sort_rag(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return sort_all(c, SORT_RAG, e);
}

/* The search view after `letters` letters have been typed: count, first page by rank, where the top one matched. */
static int search(struct ctx *c, int letters, struct pb_error *e)
{
	char typed[16];
	struct search_snippet snip;
	struct page_fill p;
	snprintf(typed, sizeof typed, "%.*s", letters, c->set->search);
	struct action_filter f = {.search = typed, .search_cap = STORE_SEARCH_CAP}; /* as the workbench searches */
	if (view(c, &f, SORT_RANK, NULL, &p, e) != PB_OK)
		return e->status;
	if (p.n && store_search_snippet(c->s, p.ids[0], typed, &snip, e) != PB_OK)
		return e->status;
	return PB_OK;
}

/* The search typed letter by letter (op_search*). */
static int op_search1(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return search(c, 1, e);
}

static int op_search2(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return search(c, 2, e);
}

static int op_search3(struct ctx *c, int k, struct pb_error *e)
{
	(void)k;
	return search(c, 3, e);
}

/* Enter on the action with 50 updates: everything the action in full shows (tui/view_detail.c). */
static int op_open_action(struct ctx *c, int k, struct pb_error *e)
{
	struct action_detail d;
	(void)k;
	if (store_get_action(c->s, c->special_id, &d, e) != PB_OK)
		return e->status;
	store_action_free(&d);
	if (store_each_revision(c->s, c->special_id, count_revision, c, e) != PB_OK ||
	    store_each_update(c->s, c->special_id, count_update, c, e) != PB_OK ||
	    store_each_engagement_of(c->s, c->special_id, count_engagement, c, e) != PB_OK)
		return e->status;
	return store_each_audit(c->s, c->special_id, count_audit, c, e);
}

/* A progress update saved as the workbench saves it: one undoable, audited step (tui/work.c work_save). */
static int op_save_update(struct ctx *c, int k, struct pb_error *e)
{
	long id = c->page[k % c->npage];
	char note[200];
	snprintf(note, sizeof note, "Benchmark note %d: contractor confirmed the remaining works for next month.", k);
	if (store_undo_begin(c->s, id, e) != PB_OK)
		return e->status;
	int status = store_add_update(c->s, id, NULL, note, e);
	return store_undo_end(c->s, id, "progress update added", status, NULL, e);
}

/* A target date revised, with its reason, as one undoable step. */
static int op_revise(struct ctx *c, int k, struct pb_error *e)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long id = c->page[k % c->npage];
	char due[32];
	snprintf(due, sizeof due, "%s-%02d", months[k % 12], 27 + k / 12 % 3);
	if (store_undo_begin(c->s, id, e) != PB_OK)
		return e->status;
	int status = store_revise_due(c->s, id, due, "Supplier delay (benchmark)", e);
	return store_undo_end(c->s, id, "target date revised", status, NULL, e);
}

static const struct op {
	const char *name;
	int (*run)(struct ctx *c, int k, struct pb_error *e);
} ops[] = {
	{"open the database", op_open},
	{"open to first frame of Overdue (store)", op_first_frame},
	{"move down one row (preview)", op_down},
	{"page down", op_page_down},
	{"jump to the end of the list", op_end},
	{"switch view: Due soon", op_due_soon},
	{"switch view: My actions", op_mine},
	{"switch view: All actions", op_all},
	{"owner filter (busiest officer)", op_owner},
	{"sort All actions by due date", op_sort_due},
	{"sort All actions by ref", op_sort_ref},
	{"sort All actions by lead", op_sort_lead},
	{"sort All actions by RAG", op_sort_rag},
	{"search: first letter typed", op_search1},
	{"search: second letter typed", op_search2},
	{"search: third letter typed", op_search3},
	{"open an action with 50 updates", op_open_action},
	{"save a progress update", op_save_update},
	{"revise a target date", op_revise},
};

/* The officer ids and the action ids the operations use. */
static int find_ids(struct ctx *c, struct pb_error *e)
{
	if (store_find_officer(c->s, c->set->me, &c->me_id, NULL, 0, e) != PB_OK)
		return e->status;
	return store_find_action(c->s, c->set->special_plan, c->set->special_ref, &c->special_id, e);
}

/* Removes today's automatic backup of db, so the next open is the first of the day again. */
static void remove_todays_backup(const char *db)
{
	char dir[1100], path[1200], day[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	store_backups_dir(db, dir, sizeof dir);
	snprintf(path, sizeof path, "%s/auto-%s.db", dir, day);
	unlink(path);
}

/* The first open of a day checks the file and takes the daily backup, each timed once: the workbench's open (the
 * backup in the background) and how long the backup then takes; a command's open (both before it goes on). */
static int first_of_day(struct ctx *c, struct stats_table *t, struct pb_error *e)
{
	const struct ops_setup *set = c->set;
	remove_todays_backup(set->db); /* a database reused from an earlier run (--reuse) may have one */
	double t0 = stats_now_ms(), ms;
	if (open_store(c, e) != PB_OK)
		return e->status;
	ms = stats_now_ms() - t0;
	stats_add_times(t, "open, first of the day (workbench)", set->size, &ms, 1);
	t0 = stats_now_ms();
	if (store_backup_daily_poll(c->s, true, e) != PB_OK)
		return e->status;
	ms = stats_now_ms() - t0;
	stats_add_times(t, "daily check + backup, in the background", set->size, &ms, 1);
	store_close(c->s);
	c->s = NULL;
	remove_todays_backup(set->db);
	t0 = stats_now_ms();
	if (store_open(set->db, 0, &c->s, e) != PB_OK)
		return e->status;
	ms = stats_now_ms() - t0;
	stats_add_times(t, "open, first of the day (command: check + backup)", set->size, &ms, 1);
	store_close(c->s);
	c->s = NULL;
	return open_store(c, e);
}

int ops_measure(const struct ops_setup *set, struct stats_table *t, struct pb_error *e)
{
	struct ctx c = {.set = set};
	int status = first_of_day(&c, t, e);
	if (status == PB_OK)
		status = find_ids(&c, e);
	if (status == PB_OK)
		status = op_first_frame(&c, 0, e);
	if (status == PB_OK && c.npage == 0)
		status = pb_fail(e, PB_FAIL, "%s: nothing is overdue, so the list operations have nothing to show", set->db);
	double *ms = malloc((size_t)(set->runs + 1) * sizeof *ms);
	if (!ms)
		abort();
	for (size_t i = 0; i < sizeof ops / sizeof ops[0] && status == PB_OK; i++) {
		for (int k = 0; k <= set->runs && status == PB_OK; k++) {
			double start = stats_now_ms();
			status = ops[i].run(&c, k, e);
			ms[k] = stats_now_ms() - start;
		}
		if (status == PB_OK)
			stats_add_times(t, ops[i].name, set->size, ms + 1, set->runs); /* the first run warms up */
		else
			snprintf(e->msg + strlen(e->msg), sizeof e->msg - strlen(e->msg), " (in \"%s\")", ops[i].name);
	}
	free(ms);
	store_close(c.s);
	return status;
}
