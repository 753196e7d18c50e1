/* report.c — snapshots (taken in one transaction, never updated) and the queries of the RAG report; the counting
 * rules and the rendering are core/report.c's, this file only asks SQLite and hands the rows over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/internal.h"
#include "store/progress.h"
#include "store/report.h"

#define LABEL_MAX 100 /* characters of a snapshot label, with room in snapshot_info.label for any UTF-8 */

/* The sections of plan ?1 as a tree: each with its top-level section, its depth and a path that sorts in plan order. */
#define TREE_CTE \
	"WITH RECURSIVE tree(id, top, depth, path) AS (" \
	" SELECT id, id, 0, printf('%08d', position) FROM section WHERE plan_id = ?1 AND parent_id IS NULL" \
	" UNION ALL SELECT c.id, t.top, t.depth + 1, t.path || '.' || printf('%08d', c.position)" \
	" FROM section c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 32) "

/* Revision dc was made after snapshot sa (taken on ?3): on a later day, or on that day when neither it nor a later
 * revision of that day set the date the snapshot holds. Dates carry no time, so this is how the same day is told apart. */
#define AFTER_SNAPSHOT \
	"(dc.changed_on IS NOT NULL AND (dc.changed_on > ?3 OR (dc.changed_on = ?3 AND NOT EXISTS (" \
	" SELECT 1 FROM due_change e WHERE e.action_id = dc.action_id AND e.changed_on = ?3 AND e.seq >= dc.seq" \
	" AND e.to_on IS sa.due_on))))"

/* ---- snapshots ---- */

/* Copies a row of SNAPSHOT_COLUMNS out. */
static void copy_info(sqlite3_stmt *st, struct snapshot_info *out)
{
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->label, sizeof out->label, "%s", store_col(st, 1));
	snprintf(out->taken_on, sizeof out->taken_on, "%s", store_col(st, 2));
	snprintf(out->taken_at, sizeof out->taken_at, "%s", store_col(st, 3));
	out->actions = sqlite3_column_int64(st, 4);
}

#define SNAPSHOT_COLUMNS \
	"SELECT s.id, s.label, s.taken_on, s.taken_at, (SELECT count(*) FROM snapshot_action sa WHERE sa.snapshot_id = s.id)" \
	" FROM snapshot s"

/* Looks label up; *found says whether it is there. */
static int lookup_snapshot(struct store *s, const char *label, struct snapshot_info *out, bool *found, struct pb_error *e)
{
	static const char sql[] = SNAPSHOT_COLUMNS " WHERE s.label = ?1 COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, label, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		copy_info(st, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "reading the snapshots");
}

/* The label without surrounding space, checked: not empty, one line, not too long. */
static int clean_label(const char *label, char *out, size_t len, struct pb_error *e)
{
	snprintf(out, len, "%s", label ? label : "");
	text_trim(out);
	if (!*out)
		return pb_fail(e, PB_USAGE, "snapshot: give the snapshot a label, e.g. `planbench snapshot \"2025/26 Q4\"`");
	if (!text_valid_utf8(out, strlen(out)) || text_width(out) > LABEL_MAX || strlen(label) >= len)
		return pb_fail(e, PB_BAD_INPUT, "snapshot label \"%.60s…\" is too long or not UTF-8 text; keep it under %d characters",
			       out, LABEL_MAX);
	for (const char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return pb_fail(e, PB_BAD_INPUT, "snapshot label \"%s\" holds a line break or control character; give it on one line", out);
	return PB_OK;
}

int store_find_snapshot(struct store *s, const char *label, struct snapshot_info *out, struct pb_error *e)
{
	char clean[4 * LABEL_MAX + 1];
	bool found = false;
	snprintf(clean, sizeof clean, "%s", label ? label : "");
	text_trim(clean);
	if (lookup_snapshot(s, clean, out, &found, e) != PB_OK)
		return e->status;
	if (!found)
		return pb_fail(e, PB_BAD_INPUT, "no snapshot \"%s\"; `planbench snapshot --list` lists the snapshots taken so far",
			       clean);
	return PB_OK;
}

/* Inserts the snapshot row and every action's state under it. */
static int record_snapshot(struct store *s, const char *label, long *id, struct pb_error *e)
{
	static const char head[] =
		"INSERT INTO snapshot(id, label, taken_on, taken_at) VALUES (pb_new_id('snapshot'), ?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
	static const char rows[] =
		"INSERT INTO snapshot_action(snapshot_id, action_id, status, rag, rag_computed, due_on)"
		" SELECT ?1, id, status, rag, rag_c, due_on FROM (SELECT " STORE_ACTION_ROW_COLUMNS STORE_ACTION_ROW_FROM ")";
	char today[DATE_ISO_LEN];
	date_format_iso(s->today, today);
	sqlite3_stmt *st = store_stmt(s, head, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, e, "saving the snapshot");
	*id = (long)sqlite3_last_insert_rowid(s->db);
	if (!(st = store_stmt(s, rows, e)))
		return e->status;
	sqlite3_bind_int64(st, 1, *id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "saving the snapshot");
}

int store_snapshot_take(struct store *s, const char *label, struct snapshot_info *out, struct pb_error *e)
{
	char clean[4 * LABEL_MAX + 1], taken[32];
	bool found = false;
	long id = 0;
	if (clean_label(label, clean, sizeof clean, e) != PB_OK)
		return e->status;
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = lookup_snapshot(s, clean, out, &found, e);
	if (status == PB_OK && found) {
		struct date d;
		if (date_parse_iso(out->taken_on, &d))
			date_format_human(d, taken, sizeof taken);
		else
			snprintf(taken, sizeof taken, "%s", out->taken_on);
		status = pb_fail(e, PB_BAD_INPUT, "a snapshot called \"%s\" was already taken on %s and snapshots are never changed; "
						  "give this one another label (e.g. \"%s (2)\"); `planbench snapshot --list` lists them",
				 out->label, taken, clean);
	}
	if (status == PB_OK)
		status = record_snapshot(s, clean, &id, e);
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	if (store_commit(s, e) != PB_OK)
		return e->status;
	return store_find_snapshot(s, clean, out, e);
}

int store_each_snapshot(struct store *s, store_snapshot_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] = SNAPSHOT_COLUMNS " ORDER BY s.taken_on, s.id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct snapshot_row r = {sqlite3_column_int64(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
					 sqlite3_column_int64(st, 4)};
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing the snapshots");
	sqlite3_reset(st);
	return status;
}

int store_each_snapshot_action(struct store *s, long snapshot_id, const char *plan, store_snapshot_action_fn fn, void *ctx,
			       struct pb_error *e)
{
	static const char sql[] =
		"SELECT p.code, a.ref, sa.status, sa.rag, sa.rag_computed, sa.due_on FROM snapshot_action sa"
		" JOIN action a ON a.id = sa.action_id JOIN plan p ON p.id = a.plan_id"
		" WHERE sa.snapshot_id = ?1 AND (?2 IS NULL OR p.code = ?2 COLLATE NOCASE) ORDER BY p.position, a.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, snapshot_id);
	store_bind_text(st, 2, plan);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct snapshot_action_row r = {store_col(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 5),
						rag_from_text(store_col(st, 3)), rag_from_text(store_col(st, 4))};
		status = fn(ctx, &r);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the snapshot");
	sqlite3_reset(st);
	return status;
}

/* ---- plans ---- */

/* The plans' codes, for messages: "HRS-2026, HIP-2526, HIP-2627". */
static void plan_codes(struct store *s, char *out, size_t len)
{
	static const char sql[] = "SELECT code FROM plan ORDER BY position";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	size_t o = 0;
	out[0] = '\0';
	while (st && sqlite3_step(st) == SQLITE_ROW && o + 1 < len)
		o += (size_t)snprintf(out + o, len - o, "%s%s", o ? ", " : "", store_col(st, 0));
	if (st)
		sqlite3_reset(st);
}

/* The plan with this code in any case: its id, code as stored and title. */
static int find_plan(struct store *s, const char *code, long *id, char *canon, size_t canon_len, char *title,
		     size_t title_len, struct pb_error *e)
{
	static const char sql[] = "SELECT id, code, title FROM plan WHERE code = ?1 COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, code);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(canon, canon_len, "%s", store_col(st, 1));
		if (title)
			snprintf(title, title_len, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	if (found)
		return PB_OK;
	char known[512];
	plan_codes(s, known, sizeof known);
	if (!*known)
		return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\": the database holds no plans yet; load some with `planbench import`",
			       code ? code : "");
	return pb_fail(e, PB_BAD_INPUT, "no plan \"%s\"; the plans are %s (`planbench export --kind plans` lists them)",
		       code ? code : "", known);
}

/* ---- counts ---- */

static const char top_sections_sql[] =
	"SELECT code, title FROM section WHERE plan_id = ?1 AND parent_id IS NULL ORDER BY position";

/* Counts now. ?1 plan id, ?2 today. Overdue: past its date and not complete, as computed. */
static const char counts_now_sql[] = TREE_CTE
	"SELECT ifnull(top.code,''), ifnull(top.title,''), x.rag, x.rag_c, count(*),"
	" sum(x.due_on < ?2 AND x.rag_c <> 'C'), sum(x.revisions > 0)"
	" FROM (SELECT " STORE_ACTION_ROW_COLUMNS ", a.section_id AS section_id" STORE_ACTION_ROW_FROM " WHERE a.plan_id = ?1) x"
	" LEFT JOIN tree t ON t.id = x.section_id LEFT JOIN section top ON top.id = t.top GROUP BY 1, 2, 3, 4";

/* Counts at a snapshot. ?1 plan id, ?2 snapshot id, ?3 the day it was taken. */
static const char counts_then_sql[] = TREE_CTE
	"SELECT ifnull(top.code,''), ifnull(top.title,''), sa.rag, sa.rag_computed, count(*),"
	" sum(sa.due_on < ?3 AND ifnull(sa.rag_computed,'') <> 'C'),"
	" sum(EXISTS (SELECT 1 FROM due_change dc WHERE dc.action_id = a.id AND NOT " AFTER_SNAPSHOT "))"
	" FROM snapshot_action sa JOIN action a ON a.id = sa.action_id"
	" LEFT JOIN tree t ON t.id = a.section_id LEFT JOIN section top ON top.id = t.top"
	" WHERE sa.snapshot_id = ?2 AND a.plan_id = ?1 GROUP BY 1, 2, 3, 4";

static const char added_since_sql[] =
	"SELECT count(*) FROM action a WHERE a.plan_id = ?1"
	" AND NOT EXISTS (SELECT 1 FROM snapshot_action sa WHERE sa.snapshot_id = ?2 AND sa.action_id = a.id)";

/* Adds the plan's top-level sections in plan order, so a section without actions still shows. */
static int add_top_sections(struct store *s, long plan_id, struct report_plan *p, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, top_sections_sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		report_plan_section(p, store_col(st, 0), store_col(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "reading the plan's sections");
}

/* Folds every group row of st (top code, top title, set, computed, count, overdue, revised) into now or then. */
static int fold_groups(struct store *s, sqlite3_stmt *st, struct report_plan *p, bool then, struct pb_error *e)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_section *sec = report_plan_section(p, store_col(st, 0), store_col(st, 1));
		struct report_group g = {rag_from_text(store_col(st, 2)), rag_from_text(store_col(st, 3)),
					 sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6)};
		report_counts_add(then ? &sec->then : &sec->now, &g);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "counting the actions");
}

/* The counts at the snapshot, and how many actions it does not hold. */
static int count_then(struct store *s, long plan_id, const struct snapshot_info *snap, struct report_plan *p,
		      struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, counts_then_sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, snap->id);
	sqlite3_bind_text(st, 3, snap->taken_on, -1, SQLITE_TRANSIENT);
	if (fold_groups(s, st, p, true, e) != PB_OK)
		return e->status;
	if (!(st = store_stmt(s, added_since_sql, e)))
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, snap->id);
	p->added_since = store_one_int(st);
	return PB_OK;
}

int store_report_counts(struct store *s, const char *plan, const struct snapshot_info *snap, struct report_plan *p,
			struct pb_error *e)
{
	char code[256], title[1024], today[DATE_ISO_LEN];
	long plan_id;
	memset(p, 0, sizeof *p);
	if (find_plan(s, plan, &plan_id, code, sizeof code, title, sizeof title, e) != PB_OK)
		return e->status;
	report_plan_init(p, code, title);
	int status = add_top_sections(s, plan_id, p, e);
	sqlite3_stmt *st = status == PB_OK ? store_stmt(s, counts_now_sql, e) : NULL;
	if (st) {
		date_format_iso(s->today, today);
		sqlite3_bind_int64(st, 1, plan_id);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
		status = fold_groups(s, st, p, false, e);
	} else if (status == PB_OK) {
		status = e->status;
	}
	if (status == PB_OK && snap)
		status = count_then(s, plan_id, snap, p, e);
	if (status != PB_OK)
		report_plan_free(p);
	return status;
}

/* ---- lists ---- */

static const struct report_item blank_item = {
	.ref = "", .title = "", .leads = "", .status = "", .top = "", .top_title = "", .section = "", .section_title = "",
	.due_on = "", .due_text = "", .completed_on = "", .note = "", .from_on = "", .to_on = "", .changed_on = "",
	.changed_by = "", .update_period = "", .update_on = "", .update_text = "",
};

/* A report item from an action row; what the row lacks is "". */
static void item_from_row(const struct action_row *r, struct report_item *it)
{
	*it = blank_item;
	it->ref = r->ref;
	it->title = r->title;
	it->leads = r->leads;
	it->status = r->status;
	it->section = r->section;
	it->due_on = r->due_on;
	it->due_text = r->due_text;
	it->completed_on = r->completed_on;
	it->rag = r->rag;
	it->rag_computed = r->rag_computed;
	it->overdue = r->days_over != DAYS_NONE;
	it->days_over = it->overdue ? r->days_over : 0;
}

/* Hands one action_row of store_list_actions on as a report item, with why its RAG is contested when asked. */
struct relay {
	struct date today;
	bool why;
	store_report_item_fn fn;
	void *ctx;
};

/* store_list_actions' callback: the row as an item, with why when asked. */
static int relay_row(void *ctx, const struct action_row *r)
{
	struct relay *rl = ctx;
	struct report_item it;
	char why[300] = "";
	item_from_row(r, &it);
	if (rl->why) {
		store_mismatch_reason(r, rl->today, why, sizeof why);
		it.note = why;
	}
	return rl->fn(rl->ctx, &it);
}

/* Runs store_list_actions over the plan and relays each row as an item. */
static int relay_list(struct store *s, const char *plan, struct action_filter *f, enum action_sort sort, bool why,
		      store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	char code[256];
	long plan_id;
	if (find_plan(s, plan, &plan_id, code, sizeof code, NULL, 0, e) != PB_OK)
		return e->status;
	f->plan = code;
	struct relay rl = {s->today, why, fn, ctx};
	return store_list_actions(s, f, sort, 0, -1, relay_row, &rl, e);
}

int store_report_each_overdue(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	struct action_filter f = {.overdue = true};
	return relay_list(s, plan, &f, SORT_OVERDUE, false, fn, ctx, e);
}

int store_report_each_mismatch(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	struct action_filter f = {.rag_mismatch = true};
	return relay_list(s, plan, &f, SORT_PLAN, true, fn, ctx, e);
}

/* Runs st (bound by the caller) and hands each row to fn as an item; fill adds what goes beyond the action row. */
static int walk_items(struct store *s, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *, struct report_item *),
		      store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct action_row row;
		struct report_item it;
		store_read_action_row(s, st, &row);
		item_from_row(&row, &it);
		if (fill)
			fill(st, &it);
		status = fn(ctx, &it);
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the report");
	sqlite3_reset(st);
	return status;
}

/* Binds ?1 plan id, ?2 snapshot id, ?3 the day it was taken. */
static sqlite3_stmt *since_stmt(struct store *s, const char *sql, const char *plan, const struct snapshot_info *snap,
				struct pb_error *e)
{
	char code[256];
	long plan_id;
	if (find_plan(s, plan, &plan_id, code, sizeof code, NULL, 0, e) != PB_OK)
		return NULL;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, snap->id);
	sqlite3_bind_text(st, 3, snap->taken_on, -1, SQLITE_TRANSIENT);
	return st;
}

/* The revision's columns (13-17): from, to, reason, when, who. */
static void fill_revision(sqlite3_stmt *st, struct report_item *it)
{
	it->from_on = store_col(st, 13);
	it->to_on = store_col(st, 14);
	it->note = store_col(st, 15);
	it->changed_on = store_col(st, 16);
	it->changed_by = store_col(st, 17);
}

int store_report_each_revised(struct store *s, const char *plan, const struct snapshot_info *snap, store_report_item_fn fn,
			      void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT " STORE_ACTION_ROW_COLUMNS ", dc.from_on, dc.to_on, dc.reason, dc.changed_on, dc.changed_by"
		STORE_ACTION_ROW_FROM " JOIN due_change dc ON dc.action_id = a.id"
		" LEFT JOIN snapshot_action sa ON sa.snapshot_id = ?2 AND sa.action_id = a.id"
		" WHERE a.plan_id = ?1 AND " AFTER_SNAPSHOT " ORDER BY dc.changed_on, a.position, dc.seq";
	sqlite3_stmt *st = since_stmt(s, sql, plan, snap, e);
	if (!st)
		return e->status;
	return walk_items(s, st, fill_revision, fn, ctx, e);
}

int store_report_each_completed(struct store *s, const char *plan, const struct snapshot_info *snap,
				store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	/* Complete as the counts have it: set C or computed Complete; ?3 is bound but not needed here. */
	static const char sql[] =
		"SELECT id, plan, ref, section, title, leads, due_on, due_text, status, completed_on, rag, rag_c, revisions FROM ("
		"SELECT " STORE_ACTION_ROW_COLUMNS ", a.position AS apos, ?3 AS taken" STORE_ACTION_ROW_FROM
		" JOIN snapshot_action sa ON sa.snapshot_id = ?2 AND sa.action_id = a.id"
		" WHERE a.plan_id = ?1 AND ifnull(sa.rag,'') <> 'C' AND ifnull(sa.rag_computed,'') <> 'C')"
		" WHERE rag = 'C' OR rag_c = 'C' ORDER BY completed_on IS NULL, completed_on, apos";
	sqlite3_stmt *st = since_stmt(s, sql, plan, snap, e);
	if (!st)
		return e->status;
	return walk_items(s, st, NULL, fn, ctx, e);
}

/* The section and latest-update columns (13-19). */
static void fill_latest(sqlite3_stmt *st, struct report_item *it)
{
	it->section_title = store_col(st, 13);
	it->depth = sqlite3_column_int(st, 14);
	it->top = store_col(st, 15);
	it->top_title = store_col(st, 16);
	it->update_period = store_col(st, 17);
	it->update_on = store_col(st, 18);
	it->update_text = store_col(st, 19);
}

int store_report_each_latest(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] = TREE_CTE
		"SELECT " STORE_ACTION_ROW_COLUMNS ", ifnull(sec.title,''), ifnull(t.depth,0), ifnull(top.code,''),"
		" ifnull(top.title,''), u.period, u.noted_on, u.text" STORE_ACTION_ROW_FROM
		" LEFT JOIN tree t ON t.id = a.section_id LEFT JOIN section top ON top.id = t.top"
		" LEFT JOIN progress_update u ON u.id = (SELECT u2.id FROM progress_update u2 WHERE u2.action_id = a.id"
		"   ORDER BY u2.noted_on DESC, u2.id DESC LIMIT 1)"
		" WHERE a.plan_id = ?1 ORDER BY t.path IS NULL, t.path, a.position";
	char code[256];
	long plan_id;
	if (find_plan(s, plan, &plan_id, code, sizeof code, NULL, 0, e) != PB_OK)
		return e->status;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, plan_id);
	return walk_items(s, st, fill_latest, fn, ctx, e);
}

/* ---- the whole report ---- */

/* The report being written: the writer, and the rows of its per-section table (one per action) for the progress line. */
struct report_run {
	struct report_writer *w;
	const struct progress_hook *h;
	long done, total;
};

/* Writes a list item (ctx is the run); Ctrl-C may stop the report here. */
static int write_item(void *ctx, const struct report_item *it)
{
	struct report_run *run = ctx;
	report_list_item(run->w, it);
	return progress_step(run->h, run->done, run->total);
}

/* Writes a row of the per-section table (ctx is the run) and counts it. */
static int write_table_item(void *ctx, const struct report_item *it)
{
	struct report_run *run = ctx;
	report_table_item(run->w, it);
	return progress_step(run->h, ++run->done, run->total);
}

/* The lists and the per-section table of one plan. */
static int write_details(struct store *s, struct report_run *run, const char *plan, const struct snapshot_info *snap,
			 struct pb_error *e)
{
	struct report_writer *w = run->w;
	int status;
	report_list_begin(w, REPORT_LIST_OVERDUE);
	status = store_report_each_overdue(s, plan, write_item, run, e);
	report_list_end(w);
	if (status == PB_OK && snap) {
		report_list_begin(w, REPORT_LIST_REVISED);
		status = store_report_each_revised(s, plan, snap, write_item, run, e);
		report_list_end(w);
	}
	if (status == PB_OK) {
		report_list_begin(w, REPORT_LIST_MISMATCH);
		status = store_report_each_mismatch(s, plan, write_item, run, e);
		report_list_end(w);
	}
	if (status == PB_OK && snap) {
		report_list_begin(w, REPORT_LIST_COMPLETED);
		status = store_report_each_completed(s, plan, snap, write_item, run, e);
		report_list_end(w);
	}
	if (status == PB_OK) {
		report_table_begin(w);
		status = store_report_each_latest(s, plan, write_table_item, run, e);
		report_table_end(w);
	}
	return status;
}

/* One plan's part of the report: counts first, then (not in CSV) the lists and the table. */
static int write_plan(struct store *s, struct report_run *run, const char *plan, const struct snapshot_info *snap,
		      struct pb_error *e)
{
	struct report_plan p;
	if (store_report_counts(s, plan, snap, &p, e) != PB_OK)
		return e->status;
	report_plan_begin(run->w, &p);
	int status = run->w->format == REPORT_CSV ? PB_OK : write_details(s, run, p.code, snap, e);
	report_plan_end(run->w);
	report_plan_free(&p);
	return status;
}

/* The codes of the plans to report on, malloc'd one after another ("A\0B\0\0"); *n of them. */
struct codes {
	char *text;
	size_t len, n;
};

/* Appends a plan's code to the codes in ctx. */
static int add_code(void *ctx, const struct plan_row *p)
{
	struct codes *c = ctx;
	size_t need = strlen(p->code) + 1;
	char *grown = realloc(c->text, c->len + need + 1);
	if (!grown)
		abort();
	c->text = grown;
	memcpy(c->text + c->len, p->code, need);
	c->len += need;
	c->text[c->len] = '\0';
	c->n++;
	return PB_OK;
}

/* The plan asked for (checked), or every plan; none at all is an error. */
static int plans_to_report(struct store *s, const char *plan, struct codes *c, struct pb_error *e)
{
	if (plan) {
		char code[256];
		long id;
		if (find_plan(s, plan, &id, code, sizeof code, NULL, 0, e) != PB_OK)
			return e->status;
		struct plan_row row = {.code = code};
		return add_code(c, &row);
	}
	if (store_each_plan(s, add_code, c, e) != PB_OK)
		return e->status;
	if (c->n == 0)
		return pb_fail(e, PB_BAD_INPUT, "%s holds no plans yet, so there is nothing to report; load some with "
						"`planbench import` (or `planbench init --demo`)", s->path);
	return PB_OK;
}

int store_report_write(struct store *s, const struct store_report_opts *o, FILE *out, struct pb_error *e)
{
	return store_report_write_progress(s, o, NULL, out, e);
}

/* The actions of the plans reported on: the rows of the per-section tables. */
static int table_rows(struct store *s, const struct codes *c, long *total, struct pb_error *e)
{
	const char *code = c->text;
	*total = 0;
	for (size_t i = 0; i < c->n; i++, code += strlen(code) + 1) {
		struct action_filter f = {.plan = code};
		long n = 0;
		if (store_count_actions(s, &f, &n, e) != PB_OK)
			return e->status;
		*total += n;
	}
	return PB_OK;
}

int store_report_write_progress(struct store *s, const struct store_report_opts *o, const struct progress_hook *h, FILE *out,
				struct pb_error *e)
{
	struct snapshot_info snap;
	struct codes codes = {0};
	struct report_meta m = {.today = s->today, .amber_days = s->rules.amber_days};
	if (o->compare && store_find_snapshot(s, o->compare, &snap, e) != PB_OK)
		return e->status;
	int status = plans_to_report(s, o->plan, &codes, e);
	if (status == PB_OK && o->compare) {
		m.snapshot = snap.label;
		if (!date_parse_iso(snap.taken_on, &m.snapshot_taken))
			status = pb_fail(e, PB_FAIL, "snapshot \"%s\" has no valid date taken (\"%s\"); run `planbench check`",
					 snap.label, snap.taken_on);
	}
	struct report_run run = {.h = h};
	if (status == PB_OK && h && o->format != REPORT_CSV)
		status = table_rows(s, &codes, &run.total, e);
	if (status == PB_OK) {
		struct report_writer w;
		run.w = &w;
		report_begin(&w, out, o->format, &m);
		const char *code = codes.text;
		for (size_t i = 0; status == PB_OK && i < codes.n; i++, code += strlen(code) + 1)
			status = write_plan(s, &run, code, o->compare ? &snap : NULL, e);
		if (report_end(&w) != 0 && status == PB_OK)
			status = pb_fail(e, PB_FAIL, "could not write the report (is the disk full?)");
	}
	if (status == PB_OK) /* a last look for Ctrl-C before the file is put in place */
		status = progress_step(h, run.done, run.total);
	free(codes.text);
	return status;
}
