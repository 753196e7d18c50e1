/* actions.c — reading actions: filtered, sorted, paged lists; lookups by ref; one action in full with its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/names.h"
#include "core/text.h"
#include "store/internal.h"

#define NOT_COMPLETE STORE_OPEN("a")
/* The computed RAG of action a; ?17 is the first day of today's quarter (a target pushed back since then is Amber). */
#define RAG_C \
	"pb_rag(a.status, a.completed_on, a.due_state, a.due_on," \
	" a.id IN (SELECT action_id FROM due_change WHERE changed_on >= ?17 AND to_on > from_on))"

/* ---- queries composed for each filter ----
 * A filter becomes only the WHERE terms it uses, so SQLite can choose an index for them ("?3 = 0 OR …" would hide
 * every term from the planner and make each list read every action). A list reads the ids of one page in its order
 * first, from indexes alone where it can, then the columns of those rows only. Parameters, bound by bind_filter: ?1
 * plan, ?2 owner id, ?4 due within days, ?5 set RAG, ?6 status, ?7 FTS query, ?9 today, ?10 and ?11 the page's limit
 * and offset, ?12 section (with those under it), ?13 set or computed RAG, ?14 due on or after, ?15 due on or before,
 * ?16 a second owner, ?17 the first day of today's quarter, ?18 the last day on which a target is Amber. */

enum term {
	T_PLAN = 1 << 0, T_OWNER = 1 << 1, T_OVERDUE = 1 << 2, T_SOON = 1 << 3, T_RAG = 1 << 4, T_STATUS = 1 << 5,
	T_SEARCH = 1 << 6, T_MISMATCH = 1 << 7, T_SECTION = 1 << 8, T_RAG_ANY = 1 << 9, T_FROM = 1 << 10, T_TO = 1 << 11,
	T_ALSO = 1 << 12,
	T_MANY = 1 << 13, /* not a term: the owner of T_OWNER leads many actions (see many_owned) */
};
#define NTERMS 13 /* the terms with SQL of their own */

/* Actions a search matches: by their own text, a progress update's (whose rowid names its action), or that of an
 * engagement record linked to them. */
#define SEARCH_IDS \
	"SELECT rowid >> 32 AS id FROM search WHERE search MATCH ?7 AND rowid > 0" \
	" UNION ALL SELECT ea.action_id FROM search s JOIN engagement_action ea ON ea.engagement_id = -s.rowid" \
	" WHERE s.search MATCH ?7 AND s.rowid < 0"

/* T_OWNER under T_MANY (see many_owned). */
#define OWNED_BY_MANY "EXISTS (SELECT 1 FROM action_owner ao WHERE ao.action_id = a.id AND ao.officer_id = ?2)"

static const char *const term_sql[NTERMS] = {
	"p.code = ?1",
	"a.id IN (SELECT action_id FROM action_owner WHERE officer_id = ?2)",
	"a.due_on < ?9 AND " NOT_COMPLETE,
	"a.due_on >= ?9 AND a.due_on <= date(?9, '+' || ?4 || ' days') AND " NOT_COMPLETE,
	"a.rag = ?5",
	"a.status = ?6",
	"a.id IN (" SEARCH_IDS ")",
	"pb_rag_mismatch(a.rag, " RAG_C ")",
	"a.section_id IN (WITH RECURSIVE sub(id) AS (SELECT ?12 UNION ALL SELECT s.id FROM section s JOIN sub ON"
	" s.parent_id = sub.id) SELECT id FROM sub)",
	"(a.rag = ?13 OR " RAG_C " = ?13)",
	"a.due_on >= ?14",
	"a.due_on <= ?15",
	"EXISTS (SELECT 1 FROM action_owner ao WHERE ao.action_id = a.id AND ao.officer_id = ?16)",
};

/* One key of a list's order. */
struct key {
	const char *expr;
	bool desc, nocase;
};

/* The orders; every one ends in plan and place so that it is total, and so the same backwards. */
#define PLACE {"p.position", false, false}, {"p.id", false, false}, {"a.position", false, false}, {NULL, false, false}
static const struct key plan_keys[] = {PLACE};
static const struct key due_keys[] = {{"a.due_on IS NULL", false, false}, {"a.due_on", false, false}, PLACE};
static const struct key dated_keys[] = {{"a.due_on", false, false}, PLACE}; /* under a filter that only has dates */
static const struct key ref_keys[] = {{"a.ref_key", false, false}, PLACE};
static const struct key owner_keys[] = {{"a.leads IS NULL", false, false}, {"a.leads", false, true}, PLACE};
/* SORT_RAG is listed in parts, one after the other, each read in target-date order from an index: Red, Amber (due by
 * ?18, the last day that is Amber; then pushed back this quarter), Green (dated, then undated), Complete — what
 * pb_rag computes row by row. Within each, as SORT_DUE orders: undated last, then plan and place. */
#define PUSHED "a.id IN (SELECT action_id FROM due_change WHERE changed_on >= ?17 AND to_on > from_on)"
struct part {
	const char *where;
	const struct key *keys;
	const char *index; /* the index it is read from, unless the filter names its actions by id */
};
static const struct part rag_parts[] = {
	{"a.due_on < ?9 AND " NOT_COMPLETE, dated_keys, ""},
	{"a.due_on >= ?9 AND a.due_on <= ?18 AND " NOT_COMPLETE, dated_keys, ""},
	{"(a.due_on > ?18 OR a.due_on IS NULL) AND " PUSHED " AND " NOT_COMPLETE, due_keys, ""},
	{"a.due_on > ?18 AND NOT " PUSHED " AND " NOT_COMPLETE, dated_keys, ""},
	{"a.due_on IS NULL AND NOT " PUSHED " AND " NOT_COMPLETE, plan_keys, NULL},
	{"NOT " NOT_COMPLETE, due_keys, " INDEXED BY action_due_order"},
};
/* SORT_OVERDUE the same way: the open actions past their date, longest overdue first, then every other action as
 * SORT_DUE orders them. */
static const struct part overdue_parts[] = {
	{"a.due_on < ?9 AND " NOT_COMPLETE, dated_keys, ""},
	{"a.due_on IS NULL OR a.due_on >= ?9 OR NOT " NOT_COMPLETE, due_keys, " INDEXED BY action_due_order"},
};
#define NPARTS(t) ((int)(sizeof t / sizeof t[0]))

/* The parts a sort is listed in, or NULL when one query serves (*n gets how many). Under a filter that only has
 * dated, open actions (overdue, due soon) SORT_OVERDUE is SORT_DUE. */
static const struct part *parts_of(enum action_sort sort, unsigned terms, int *n)
{
	bool dated = terms & (T_OVERDUE | T_SOON);
	*n = sort == SORT_RAG ? NPARTS(rag_parts) : sort == SORT_OVERDUE && !dated ? NPARTS(overdue_parts) : 0;
	return sort == SORT_RAG ? rag_parts : sort == SORT_OVERDUE && !dated ? overdue_parts : NULL;
}
static const struct key rank_keys[] = {{"best.score", false, false}, PLACE};

/* Full-text hits per action with their bm25 score (lower is better; a match in a title counts four times one in the
 * body): its own text and its progress updates in one pass, then the engagement records linked to it. The best
 * score of each action is its rank. */
#define BM25 "bm25(search, 0.0, 0.0, 4.0, 1.0)"
#define RANK_WITH \
	"WITH hit(action_id, score) AS (" \
	" SELECT rowid >> 32, " BM25 " FROM search WHERE search MATCH ?7 AND rowid > 0" \
	" UNION ALL SELECT ea.action_id, h.score FROM (SELECT rowid AS r, " BM25 " AS score FROM search" \
	"   WHERE search MATCH ?7 AND rowid < 0) h JOIN engagement_action ea ON ea.engagement_id = -h.r)," \
	" best AS (SELECT action_id, min(score) AS score FROM hit GROUP BY action_id) "

/* A search in the workbench (filter.search_cap) that matches more actions than its cap lists only the first it finds:
 * those the index holds first (the oldest actions) that pass every other term, at most ?19. Reading them streams the
 * index in rowid order and stops there, where ranking or counting every match would read all of them. */
#define FOUND_WITH "WITH found(id) AS (SELECT DISTINCT m.id FROM (" SEARCH_IDS ") AS m CROSS JOIN action a ON a.id = m.id"

enum shape { LIST, LIST_BACKWARDS, COUNT, COUNT_PART, BY_SECTION, COUNT_SEARCH };

/* The order of a sort under the filter's terms. */
static const struct key *keys_of(enum action_sort sort, unsigned terms)
{
	bool dated = terms & (T_OVERDUE | T_SOON); /* every row has a date, and is late or not alike */
	switch (sort) {
	case SORT_DUE: return dated ? dated_keys : due_keys;
	case SORT_OVERDUE: return dated_keys; /* otherwise listed in parts (parts_of) */
	case SORT_REF: return ref_keys;
	case SORT_OWNER: return owner_keys;
	case SORT_RANK: return rank_keys;
	default: return plan_keys;
	}
}

/* " WHERE t1 AND t2 …" for the terms (skipping those in except) and one more condition (may be NULL), or nothing. */
static void add_where(struct buf *b, unsigned terms, unsigned except, const char *more)
{
	const char *join = " WHERE ";
	for (int i = 0; i < NTERMS; i++) {
		if (!(terms & (1u << i)) || (except & (1u << i)))
			continue;
		/* the owner's actions only filter a list read in its order, each row looked up as it comes: gathering
		 * all of them first (IN) reads every one, thousands for a screen of forty */
		buf_printf(b, "%s(%s)", join, (1u << i) == T_OWNER && (terms & T_MANY) ? OWNED_BY_MANY : term_sql[i]);
		join = " AND ";
	}
	if (more)
		buf_printf(b, "%s(%s)", join, more);
}

/* Whether the filter names a few actions by id (an owner's, a search's): they are read by id from an index that has
 * every column a filter or an order needs, not from the action rows. A list of an officer who leads many (T_MANY)
 * is read in its order instead, the owner's actions a filter: a screen of them is found long before all of them are
 * read by id and sorted (2 ms against 20 for an officer with 8,000 of 100,000 actions). */
static bool by_id(unsigned terms)
{
	return (terms & T_SEARCH) || ((terms & T_OWNER) && !(terms & T_MANY));
}

/* " ORDER BY …" of keys named prefix1, prefix2 …, backwards when asked. */
static void add_order(struct buf *b, const struct key *keys, const char *prefix, bool backwards)
{
	for (int i = 0; keys[i].expr; i++)
		buf_printf(b, "%s%sk%d%s%s", i ? ", " : " ORDER BY ", prefix, i + 1, keys[i].nocase ? " COLLATE NOCASE" : "",
			   keys[i].desc != backwards ? " DESC" : "");
}

/* A page of the list: the ids in order (from indexes where they serve), then each row's columns. part: which part of
 * a sort listed in parts (see parts_of); found: over the found CTE. */
static void compose_list(struct buf *b, enum action_sort sort, int part, unsigned terms, bool backwards, bool found)
{
	int nparts;
	const struct part *parts = parts_of(sort, terms, &nparts);
	const struct key *keys = parts ? parts[part].keys : keys_of(sort, terms);
	const char *index = parts ? parts[part].index : "";
	if (sort == SORT_RANK)
		buf_add(b, RANK_WITH);
	buf_add(b, "SELECT " STORE_ACTION_ROW_COLUMNS " FROM (SELECT a.id AS id");
	for (int i = 0; keys[i].expr; i++)
		buf_printf(b, ", %s AS k%d", keys[i].expr, i + 1);
	if (found)
		buf_add(b, " FROM found JOIN action a INDEXED BY action_by_id ON a.id = found.id JOIN plan p ON p.id = a.plan_id");
	else if (sort == SORT_RANK)
		buf_add(b, " FROM best JOIN action a INDEXED BY action_by_id ON a.id = best.action_id JOIN plan p ON p.id = a.plan_id");
	else if (by_id(terms))
		buf_add(b, " FROM action a INDEXED BY action_by_id JOIN plan p ON p.id = a.plan_id");
	else if (keys == plan_keys || !index) /* plans in order, each plan's actions in order: an index gives both */
		buf_add(b, " FROM plan p CROSS JOIN action a ON a.plan_id = p.id");
	else
		buf_printf(b, " FROM action a%s JOIN plan p ON p.id = a.plan_id", index);
	add_where(b, found ? 0 : terms, sort == SORT_RANK ? T_SEARCH : 0, parts ? parts[part].where : NULL);
	add_order(b, keys, "", backwards);
	buf_add(b, " LIMIT ?10 OFFSET ?11) AS pg CROSS JOIN action a ON a.id = pg.id" STORE_ACTION_ROW_JOINS);
	add_order(b, keys, "pg.", false);
}

/* The found CTE: the first actions a search finds that pass the filter's other terms. */
static void compose_found(struct buf *b, unsigned terms)
{
	buf_add(b, FOUND_WITH);
	if (terms & T_PLAN)
		buf_add(b, " JOIN plan p ON p.id = a.plan_id");
	add_where(b, terms, T_SEARCH, NULL);
	buf_add(b, " LIMIT ?19) ");
}

/* ---- counts kept by triggers (schema 6) ----
 * action_count: actions per officer (0: anyone), plan and section; open_due_count: open actions per officer, plan (0:
 * every plan) and target date. A filter of these terms alone is counted from them, a few hundred rows at any size:
 * overdue and due soon sum the dates before today or in the days after it, so they follow today. */
#define KEPT_TERMS (T_OWNER | T_PLAN | T_OVERDUE | T_SOON)

/* Whether the kept counts give the count of a filter of these terms. */
static bool kept_counts_give(unsigned terms)
{
	return !(terms & ~(unsigned)KEPT_TERMS) && (terms & (T_OVERDUE | T_SOON)) != (T_OVERDUE | T_SOON);
}

/* The count of a filter of kept terms (see kept_counts_give): open actions per date are kept under plan 0 too. */
static void compose_kept_count(struct buf *b, unsigned terms)
{
	const char *plan = terms & T_PLAN ? "(SELECT id FROM plan WHERE code = ?1)" : "0";
	if (terms & (T_OVERDUE | T_SOON))
		buf_printf(b, "SELECT ifnull(sum(c.n), 0) FROM open_due_count c WHERE c.officer_id = ?2 AND c.plan_id = %s AND %s",
			   plan, terms & T_OVERDUE ? "c.due_on < ?9" : "c.due_on >= ?9 AND c.due_on <= date(?9, '+' || ?4 || ' days')");
	else if (terms & T_PLAN)
		buf_printf(b, "SELECT ifnull(sum(c.n), 0) FROM action_count c WHERE c.officer_id = ?2 AND c.plan_id = %s", plan);
	else
		buf_add(b, "SELECT ifnull(sum(c.n), 0) FROM action_count c WHERE c.officer_id = ?2");
}

/* The SQL of a query of the shape for the terms (and order, and part of a sort listed in parts); found: over the
 * found CTE. */
static void compose(struct buf *b, enum shape shape, enum action_sort sort, int part, unsigned terms, bool found)
{
	int nparts;
	const struct part *parts = parts_of(sort, terms, &nparts);
	if (shape != LIST && shape != LIST_BACKWARDS)
		terms &= ~(unsigned)T_MANY; /* a count reads every one of them anyway: by id is quickest */
	if (found)
		compose_found(b, terms);
	switch (shape) {
	case LIST:
	case LIST_BACKWARDS:
		compose_list(b, sort, part, terms, shape == LIST_BACKWARDS, found);
		break;
	case COUNT_SEARCH: /* how many actions the search alone matches, up to ?19 */
		buf_add(b, "SELECT count(*) FROM (SELECT DISTINCT id FROM (" SEARCH_IDS ") LIMIT ?19)");
		break;
	case COUNT_PART: /* the actions of one part of a sort */
		if (found) {
			buf_add(b, "SELECT count(*) FROM found JOIN action a ON a.id = found.id");
			add_where(b, 0, 0, parts[part].where);
			break;
		}
		buf_add(b, by_id(terms) ? "SELECT count(*) FROM action a INDEXED BY action_by_id" : "SELECT count(*) FROM action a");
		if (terms & T_PLAN)
			buf_add(b, " JOIN plan p ON p.id = a.plan_id");
		add_where(b, terms, 0, parts[part].where);
		break;
	case COUNT:
		if (found) {
			buf_add(b, "SELECT count(*) FROM found");
			break;
		}
		if (kept_counts_give(terms)) {
			compose_kept_count(b, terms);
			break;
		}
		if (terms == (T_OWNER | T_ALSO)) { /* every owner row is of an action */
			buf_add(b, "SELECT count(*) FROM action_owner x JOIN action_owner y ON y.action_id = x.action_id"
				   " AND y.officer_id = ?16 WHERE x.officer_id = ?2");
			break;
		}
		buf_add(b, by_id(terms) ? "SELECT count(*) FROM action a INDEXED BY action_by_id" : "SELECT count(*) FROM action a");
		if (terms & T_PLAN)
			buf_add(b, " JOIN plan p ON p.id = a.plan_id");
		add_where(b, terms, 0, NULL);
		break;
	case BY_SECTION: /* grouped in the order of an index, then named */
		if (!(terms & ~(unsigned)(T_OWNER | T_PLAN))) {
			buf_printf(b, "SELECT p.code, c.section_id, c.n FROM action_count c JOIN plan p ON p.id = c.plan_id"
				   " WHERE c.officer_id = ?2%s ORDER BY p.code, c.section_id", terms & T_PLAN ? " AND p.code = ?1" : "");
			break;
		}
		buf_add(b, "SELECT p.code, g.section_id, g.n FROM (SELECT a.plan_id AS plan_id, ifnull(a.section_id, 0) AS section_id,"
			   " count(*) AS n FROM action a");
		buf_add(b, by_id(terms) ? " INDEXED BY action_by_id" : " INDEXED BY action_section");
		if (terms & T_PLAN)
			buf_add(b, " JOIN plan p ON p.id = a.plan_id");
		add_where(b, terms, 0, NULL);
		buf_add(b, " GROUP BY a.plan_id, a.section_id) g JOIN plan p ON p.id = g.plan_id ORDER BY p.code, g.section_id");
		break;
	}
}

/* The composed text of a query, made once and kept for the life of the program (store_stmt caches by address). */
static const char *composed(enum shape shape, enum action_sort sort, int part, unsigned terms, bool found)
{
	static struct {
		unsigned long key;
		char *sql;
	} *made;
	static int nmade, capmade;
	unsigned long key = (unsigned long)found << 48 | (unsigned long)shape << 40 | (unsigned long)sort << 32 |
			    (unsigned long)part << 24 | terms;
	for (int i = 0; i < nmade; i++)
		if (made[i].key == key)
			return made[i].sql;
	if (nmade == capmade) {
		capmade = capmade ? 2 * capmade : 32;
		made = realloc(made, (size_t)capmade * sizeof *made);
		if (!made)
			abort();
	}
	struct buf b = {0};
	compose(&b, shape, sort, part, terms, found);
	made[nmade].key = key;
	made[nmade].sql = b.data; /* kept: the text is the statement cache's key */
	return made[nmade++].sql;
}

/* A filter made ready to bind: its terms and its full-text query. */
struct bound {
	unsigned terms;
	char *fts;	  /* NULL when the filter has no search (or nothing in it to look for) */
	bool found;	  /* the search matches more than its cap: queries read the found CTE */
	long found_limit; /* ?19: how many actions found, or counted, at most */
	char today[DATE_ISO_LEN], quarter[DATE_ISO_LEN], amber[DATE_ISO_LEN];
};

/* Frees what bind_prepare made. */
static void bound_free(struct bound *b)
{
	free(b->fts);
	b->fts = NULL;
}

/* The filter's terms, its full-text query, and today's dates the queries compare with. */
static void bind_prepare(struct store *s, const struct action_filter *f, struct bound *b)
{
	struct date first, last;
	memset(b, 0, sizeof *b);
	if (f->search && *f->search) {
		size_t len = 3 * strlen(f->search) + 8; /* each character at most once, plus quotes */
		if (!(b->fts = malloc(len)))
			abort();
		text_fts_query(f->search, b->fts, len);
		if (!*b->fts)
			bound_free(b);
	}
	date_format_iso(s->today, b->today);
	date_quarter_bounds(s->today, &first, &last);
	date_format_iso(first, b->quarter);
	date_format_iso(date_from_days(date_to_days(s->today) + s->rules.amber_days), b->amber);
	b->terms = (f->plan && *f->plan ? T_PLAN : 0) | (f->owner_id ? T_OWNER : 0) | (f->overdue ? T_OVERDUE : 0) |
		   (f->due_within > 0 ? T_SOON : 0) | (f->rag ? T_RAG : 0) | (f->status && *f->status ? T_STATUS : 0) |
		   (b->fts ? T_SEARCH : 0) | (f->rag_mismatch ? T_MISMATCH : 0) | (f->section_id ? T_SECTION : 0) |
		   (f->rag_any ? T_RAG_ANY : 0) | (f->due_from && *f->due_from ? T_FROM : 0) |
		   (f->due_to && *f->due_to ? T_TO : 0) | (f->also_owner_id ? T_ALSO : 0);
}

/* Binds every parameter the statement has (a composed query uses only some of them). */
static void bind_filter(sqlite3_stmt *st, const struct action_filter *f, const struct bound *b)
{
	char rag[2] = {f->rag, 0}, any[2] = {f->rag_any, 0};
	int n = sqlite3_bind_parameter_count(st);
	for (int i = 1; i <= n; i++) {
		switch (i) {
		case 1: store_bind_text(st, i, f->plan); break;
		case 2: sqlite3_bind_int64(st, i, f->owner_id); break;
		case 4: sqlite3_bind_int(st, i, f->due_within); break;
		case 5: store_bind_text(st, i, rag); break;
		case 6: store_bind_text(st, i, f->status); break;
		case 7: store_bind_text(st, i, b->fts); break;
		case 9: sqlite3_bind_text(st, i, b->today, -1, SQLITE_TRANSIENT); break;
		case 12: sqlite3_bind_int64(st, i, f->section_id); break;
		case 13: store_bind_text(st, i, any); break;
		case 14: store_bind_text(st, i, f->due_from); break;
		case 15: store_bind_text(st, i, f->due_to); break;
		case 16: sqlite3_bind_int64(st, i, f->also_owner_id); break;
		case 17: sqlite3_bind_text(st, i, b->quarter, -1, SQLITE_TRANSIENT); break;
		case 18: sqlite3_bind_text(st, i, b->amber, -1, SQLITE_TRANSIENT); break;
		case 19: sqlite3_bind_int64(st, i, b->found_limit); break;
		default: break;
		}
	}
}

/* The statement of a shape for the filter, bound; NULL with e filled on error. */
static sqlite3_stmt *filtered(struct store *s, enum shape shape, enum action_sort sort, int part, const struct action_filter *f,
			      const struct bound *b, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, composed(shape, sort, part, b->terms, b->found), e);
	if (st)
		bind_filter(st, f, b);
	return st;
}

void store_read_action_row(struct store *s, sqlite3_stmt *st, struct action_row *row)
{
	struct date due;
	row->id = sqlite3_column_int64(st, 0);
	row->plan = store_col(st, 1);
	row->ref = store_col(st, 2);
	row->section = store_col(st, 3);
	row->title = store_col(st, 4);
	row->leads = store_col(st, 5);
	row->due_on = store_col(st, 6);
	row->due_text = store_col(st, 7);
	row->status = store_col(st, 8);
	row->completed_on = store_col(st, 9);
	row->rag = rag_from_text(store_col(st, 10));
	row->rag_computed = rag_from_text(store_col(st, 11));
	row->revisions = sqlite3_column_int(st, 12);
	row->days_over = DAYS_NONE;
	if (row->rag_computed != RAG_COMPLETE && date_parse_iso(row->due_on, &due) && date_compare(due, s->today) < 0)
		row->days_over = date_diff_days(due, s->today);
}

/* ---- counts the navigator made, kept for the list ---- */

/* Every value the filter's queries are bound to, as text: with the query, the key of a kept count. */
static void filter_values(const struct action_filter *f, const struct bound *b, char *out, size_t len)
{
	snprintf(out, len, "%s|%ld|%d|%d|%c|%s|%.200s|%d|%ld|%c|%s|%s|%ld|%s|%s|%s", f->plan ? f->plan : "", f->owner_id,
		 f->overdue, f->due_within, f->rag ? f->rag : '-', f->status ? f->status : "", b->fts ? b->fts : "",
		 f->rag_mismatch, f->section_id, f->rag_any ? f->rag_any : '-', f->due_from ? f->due_from : "",
		 f->due_to ? f->due_to : "", f->also_owner_id, b->today, b->quarter, b->amber);
}

/* The database's version: this connection's changes, and others' commits (PRAGMA data_version). */
static void data_version(struct store *s, long long *changes, long *version)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	*changes = sqlite3_total_changes64(s->db);
	*version = st ? store_one_int(st) : -1;
}

/* Keeps the counts of the views store_count_nav counted, forgetting those kept before. */
static void keep_counts(struct store *s, const struct action_filter *views, const unsigned *terms, const long *counts, int n)
{
	s->nkept = 0;
	data_version(s, &s->kept_changes, &s->kept_version);
	for (int i = 0; i < n && s->nkept < STORE_COUNTS_KEPT; i++) {
		struct bound b;
		bind_prepare(s, &views[i], &b);
		struct store_kept_count *k = &s->kept[s->nkept++];
		k->sql = composed(COUNT, SORT_PLAN, 0, terms[i], false);
		filter_values(&views[i], &b, k->values, sizeof k->values);
		k->count = counts[i];
		bound_free(&b);
	}
}

/* A kept count for the filter, when the database has not changed since it was kept. */
static bool kept_count(struct store *s, const struct action_filter *f, const struct bound *b, long *count)
{
	long long changes;
	long version;
	char values[sizeof s->kept[0].values];
	if (!s->nkept || b->found)
		return false;
	data_version(s, &changes, &version);
	if (changes != s->kept_changes || version != s->kept_version) {
		s->nkept = 0;
		return false;
	}
	const char *sql = composed(COUNT, SORT_PLAN, 0, b->terms, false);
	filter_values(f, b, values, sizeof values);
	for (int i = 0; i < s->nkept; i++) {
		if (s->kept[i].sql == sql && strcmp(s->kept[i].values, values) == 0) {
			*count = s->kept[i].count;
			return true;
		}
	}
	return false;
}

/* How many actions match a prepared filter. */
static int count_bound(struct store *s, const struct action_filter *f, const struct bound *b, long *count, struct pb_error *e)
{
	if (kept_count(s, f, b, count))
		return PB_OK;
	sqlite3_stmt *st = filtered(s, COUNT, SORT_PLAN, 0, f, b, e);
	if (!st)
		return e->status;
	int rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "counting actions");
}

/* A search capped (filter.search_cap) that alone matches more actions than STORE_SEARCH_RANKED: b->found is set, so
 * the count and the list read the first actions found (the count up to one more than the cap, to tell "more"; the list
 * up to the cap), unranked. One pass over the index up to the cap+1st action decides it, so a selective search is
 * still ranked by bm25. */
static int cap_search(struct store *s, const struct action_filter *f, struct bound *b, bool listing, struct pb_error *e)
{
	if (!(b->terms & T_SEARCH) || f->search_cap <= 0)
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, composed(COUNT_SEARCH, SORT_PLAN, 0, T_SEARCH, false), e);
	if (!st)
		return e->status;
	b->found_limit = f->search_cap + 1;
	bind_filter(st, f, b);
	int rc = sqlite3_step(st);
	long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sql_fail(s, e, "searching");
	b->found = n > (f->search_cap < STORE_SEARCH_RANKED ? f->search_cap : STORE_SEARCH_RANKED);
	b->found_limit = listing ? f->search_cap : f->search_cap + 1;
	return PB_OK;
}

/* An officer leading more actions than this has lists read in order (T_MANY): past about the square root of forty
 * times all actions, a screen of theirs is found in order sooner than all of theirs are read by id. */
#define MANY_OWNED 1000

/* Marks b->terms T_MANY when the filter's owner leads more than MANY_OWNED actions. */
static int many_owned(struct store *s, const struct action_filter *f, struct bound *b, struct pb_error *e)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM action_owner WHERE officer_id = ?1 LIMIT ?2)";
	if (!(b->terms & T_OWNER) || (b->terms & T_SEARCH))
		return PB_OK;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, f->owner_id);
	sqlite3_bind_int(st, 2, MANY_OWNED + 1);
	if (store_one_int(st) > MANY_OWNED)
		b->terms |= T_MANY;
	return PB_OK;
}

/* Pages this far down are read from the end of the list when that is nearer: skipping rows costs as many as are
 * skipped, so the last page of 100,000 is as quick as the first. */
#define FAR_OFFSET 2000

/* Rows of a list (or of one part of it, see parts_of), from offset, at most limit (-1: all), handed to fn; *got counts them.
 * n: how many rows the list (or part) has, or -1 when not counted. */
static int list_rows(struct store *s, const struct action_filter *f, const struct bound *b, enum action_sort sort,
		     int part, long n, long offset, long limit, store_action_fn fn, void *ctx, long *got, struct pb_error *e)
{
	enum shape shape = LIST;
	if (limit > 0 && n >= 0 && offset > FAR_OFFSET && offset > n - offset - limit) { /* the page, counted from the end */
		shape = LIST_BACKWARDS;
		long end = n - offset; /* rows from the page's first to the last */
		limit = limit < end ? limit : end;
		offset = end - limit;
	}
	sqlite3_stmt *st = filtered(s, shape, sort, part, f, b, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 11, offset);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct action_row row;
		store_read_action_row(s, st, &row);
		status = fn(ctx, &row);
		(*got)++;
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "listing actions");
	sqlite3_reset(st);
	return status;
}

/* How many actions matching the filter are in one part of a sort listed in parts. */
static int count_part(struct store *s, const struct action_filter *f, const struct bound *b, enum action_sort sort, int part,
		      long *n, struct pb_error *e)
{
	sqlite3_stmt *st = filtered(s, COUNT_PART, sort, part, f, b, e);
	if (!st)
		return e->status;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PB_OK : store_sql_fail(s, e, "counting actions");
}

/* A sort listed in parts: the parts one after the other; a part before the page is counted, not read. */
static int list_by_parts(struct store *s, const struct action_filter *f, const struct bound *b, enum action_sort sort,
			 int nparts, long offset, long limit, store_action_fn fn, void *ctx, struct pb_error *e)
{
	int status = PB_OK;
	for (int part = 0; part < nparts && limit != 0 && status == PB_OK; part++) {
		long n = -1, got = 0;
		if (offset > 0 && (status = count_part(s, f, b, sort, part, &n, e)) != PB_OK)
			break;
		if (n >= 0 && n <= offset) {
			offset -= n;
			continue;
		}
		status = list_rows(s, f, b, sort, part, n, offset, limit, fn, ctx, &got, e);
		offset = 0;
		if (limit > 0)
			limit = got < limit ? limit - got : 0;
	}
	return status;
}

int store_list_actions(struct store *s, const struct action_filter *f, enum action_sort sort,
		       long offset, long limit, store_action_fn fn, void *ctx, struct pb_error *e)
{
	struct bound b;
	long n = -1, got = 0;
	int nparts;
	bind_prepare(s, f, &b);
	int status = cap_search(s, f, &b, true, e);
	if (status == PB_OK)
		status = many_owned(s, f, &b, e);
	if (sort == SORT_RANK && (!(b.terms & T_SEARCH) || b.found))
		sort = SORT_PLAN; /* nothing to rank by, or too much */
	if (status != PB_OK)
		;
	else if (parts_of(sort, b.terms, &nparts))
		status = list_by_parts(s, f, &b, sort, nparts, offset, limit, fn, ctx, e);
	else if (limit > 0 && offset > FAR_OFFSET && (status = count_bound(s, f, &b, &n, e)) == PB_OK && offset >= n)
		; /* past the end */
	else if (status == PB_OK)
		status = list_rows(s, f, &b, sort, 0, n, offset, limit, fn, ctx, &got, e);
	bound_free(&b);
	return status;
}

int store_count_actions(struct store *s, const struct action_filter *f, long *count, struct pb_error *e)
{
	struct bound b;
	bind_prepare(s, f, &b);
	int status = cap_search(s, f, &b, false, e);
	if (status == PB_OK)
		status = count_bound(s, f, &b, count, e);
	bound_free(&b);
	return status;
}

/* Actions matching f per plan and section, in one pass: what the navigator's tree shows beside each entry. */
int store_count_by_section(struct store *s, const struct action_filter *f, store_section_count_fn fn, void *ctx,
			   struct pb_error *e)
{
	struct bound b;
	bind_prepare(s, f, &b);
	sqlite3_stmt *st = filtered(s, BY_SECTION, SORT_PLAN, 0, f, &b, e);
	bound_free(&b);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = fn(ctx, store_col(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "counting actions by section");
	sqlite3_reset(st);
	return status;
}

/* ---- the navigator's counts in one pass ---- */

#define MAX_VIEWS 8

/* Whether two filters give the same value to the parameters of a term both use. */
static bool same_value(unsigned term, const struct action_filter *x, const struct action_filter *y)
{
	switch (term) {
	case T_PLAN: return strcmp(x->plan, y->plan) == 0;
	case T_OWNER: return x->owner_id == y->owner_id;
	case T_SOON: return x->due_within == y->due_within;
	case T_RAG: return x->rag == y->rag;
	case T_STATUS: return strcmp(x->status, y->status) == 0;
	case T_SEARCH: return strcmp(x->search, y->search) == 0;
	case T_SECTION: return x->section_id == y->section_id;
	case T_RAG_ANY: return x->rag_any == y->rag_any;
	case T_FROM: return strcmp(x->due_from, y->due_from) == 0;
	case T_TO: return strcmp(x->due_to, y->due_to) == 0;
	case T_ALSO: return x->also_owner_id == y->also_owner_id;
	default: return true; /* T_OVERDUE, T_MISMATCH: no parameter of their own */
	}
}

/* The filter that has a term (one of enum term) among those one_pass found, or NULL. */
#define HAS(term) owner[term_index(term)]

/* The index of a term's bit. */
static int term_index(unsigned term)
{
	int i = 0;
	while (i < NTERMS && !(term & (1u << i)))
		i++;
	return i;
}

/* Whether the views can be counted in the base's pass: each has every term of the base, and a term two of them use
 * (or one and the base) has one value, so one filter (*merged) binds them all. */
static bool one_pass(const struct action_filter *base, unsigned base_terms, const struct action_filter *views,
		     const unsigned *terms, int n, struct action_filter *merged)
{
	const struct action_filter *owner[NTERMS] = {0};
	*merged = *base;
	for (int t = 0; t < NTERMS; t++)
		owner[t] = base_terms & (1u << t) ? base : NULL;
	for (int i = 0; i < n; i++) {
		if ((terms[i] & base_terms) != base_terms)
			return false;
		for (int t = 0; t < NTERMS; t++) {
			if (!(terms[i] & (1u << t)))
				continue;
			if (owner[t] && !same_value(1u << t, owner[t], &views[i]))
				return false;
			owner[t] = &views[i];
		}
	}
	/* each term's values from the filter that has it (see same_value) */
	merged->plan = HAS(T_PLAN) ? HAS(T_PLAN)->plan : NULL;
	merged->owner_id = HAS(T_OWNER) ? HAS(T_OWNER)->owner_id : 0;
	merged->overdue = HAS(T_OVERDUE) != NULL;
	merged->due_within = HAS(T_SOON) ? HAS(T_SOON)->due_within : 0;
	merged->rag = HAS(T_RAG) ? HAS(T_RAG)->rag : 0;
	merged->status = HAS(T_STATUS) ? HAS(T_STATUS)->status : NULL;
	merged->search = HAS(T_SEARCH) ? HAS(T_SEARCH)->search : NULL;
	merged->rag_mismatch = HAS(T_MISMATCH) != NULL;
	merged->section_id = HAS(T_SECTION) ? HAS(T_SECTION)->section_id : 0;
	merged->rag_any = HAS(T_RAG_ANY) ? HAS(T_RAG_ANY)->rag_any : 0;
	merged->due_from = HAS(T_FROM) ? HAS(T_FROM)->due_from : NULL;
	merged->due_to = HAS(T_TO) ? HAS(T_TO)->due_to : NULL;
	merged->also_owner_id = HAS(T_ALSO) ? HAS(T_ALSO)->also_owner_id : 0;
	merged->search_cap = 0;
	return true;
}
#undef HAS

/* The one-pass query: per plan and section, the base's actions and how many of them each view has. Kept for the
 * life of the program, like composed(), since store_stmt caches by address; NULL past a few dozen shapes. */
static const char *compose_nav(unsigned base_terms, const unsigned *terms, int n)
{
	static char *made[64];
	static int nmade;
	struct buf b = {0};
	unsigned all = base_terms;
	buf_add(&b, "SELECT p.code, g.section_id, g.n");
	for (int i = 0; i < n; i++)
		buf_printf(&b, ", g.c%d", i);
	buf_add(&b, " FROM (SELECT a.plan_id AS plan_id, ifnull(a.section_id, 0) AS section_id, count(*) AS n");
	for (int i = 0; i < n; i++) {
		const char *join = "";
		all |= terms[i];
		buf_add(&b, ", sum(");
		for (int t = 0; t < NTERMS; t++)
			if ((terms[i] & ~base_terms) & (1u << t))
				buf_printf(&b, "%s(%s)", join, term_sql[t]), join = " AND ";
		buf_printf(&b, "%s) AS c%d", *join ? "" : "1", i);
	}
	buf_add(&b, " FROM action a INDEXED BY action_by_id");
	if (all & T_PLAN)
		buf_add(&b, " JOIN plan p ON p.id = a.plan_id");
	add_where(&b, base_terms, 0, NULL);
	buf_add(&b, " GROUP BY a.plan_id, a.section_id) g JOIN plan p ON p.id = g.plan_id ORDER BY p.code, g.section_id");
	for (int i = 0; i < nmade; i++) {
		if (strcmp(made[i], b.data) == 0) {
			buf_free(&b);
			return made[i];
		}
	}
	if (nmade == (int)(sizeof made / sizeof made[0])) { /* not expected: the navigator has a handful of shapes */
		buf_free(&b);
		return NULL;
	}
	return made[nmade++] = b.data;
}

/* The one pass of store_count_nav. */
static int count_nav_pass(struct store *s, const char *sql, const struct action_filter *merged, int n, long *counts,
			  store_section_count_fn fn, void *ctx, struct pb_error *e)
{
	struct bound b;
	bind_prepare(s, merged, &b);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (st)
		bind_filter(st, merged, &b);
	bound_free(&b);
	if (!st)
		return e->status;
	int rc, status = PB_OK;
	for (int i = 0; i < n; i++)
		counts[i] = 0;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			counts[i] += sqlite3_column_int64(st, 3 + i);
		status = fn(ctx, store_col(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	}
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "counting actions");
	sqlite3_reset(st);
	return status;
}

int store_count_nav(struct store *s, const struct action_filter *base, const struct action_filter *views, int n,
		    long *counts, store_section_count_fn fn, void *ctx, struct pb_error *e)
{
	struct bound b;
	unsigned terms[MAX_VIEWS];
	struct action_filter merged;
	bind_prepare(s, base, &b);
	unsigned base_terms = b.terms;
	bound_free(&b);
	for (int i = 0; i < n && i < MAX_VIEWS; i++) {
		bind_prepare(s, &views[i], &b);
		terms[i] = b.terms;
		bound_free(&b);
	}
	/* Worth it when the base names a few actions by id (an owner's, with more terms than the kept counts have): else
	 * each count reads the kept counts or an index of its own. */
	const char *sql = n <= MAX_VIEWS && by_id(base_terms) && !(base_terms & T_SEARCH) &&
				  (base_terms & ~(unsigned)T_OWNER) && one_pass(base, base_terms, views, terms, n, &merged)
			  ? compose_nav(base_terms, terms, n) : NULL;
	if (sql && count_nav_pass(s, sql, &merged, n, counts, fn, ctx, e) != PB_OK)
		return e->status;
	if (sql) {
		keep_counts(s, views, terms, counts, n); /* the list showing one of these views asks next */
		return PB_OK;
	}
	for (int i = 0; i < n; i++)
		if (store_count_actions(s, &views[i], &counts[i], e) != PB_OK)
			return e->status;
	return store_count_by_section(s, base, fn, ctx, e);
}

/* Where the typed search matches an action, as a snippet with the matched words between \x01 and \x02: its own text
 * when that matches, else its newest progress update that does, else a linked engagement record. Each is found by rowid
 * (STORE_SEARCH_ACTION), not by reading every document that matches; no bm25 score, which reads every match to weigh
 * the words (seconds for a common one at 100,000 actions). */
int store_search_snippet(struct store *s, long action_id, const char *typed, struct search_snippet *out, struct pb_error *e)
{
	static const char sql[] =
		"SELECT kind, label, snip FROM ("
		" SELECT 'action' AS kind, '' AS label, snippet(search, -1, char(1), char(2), '\xE2\x80\xA6', 16) AS snip"
		"  FROM search WHERE search MATCH ?1 AND rowid = ?2 << 32"
		" UNION ALL SELECT * FROM (SELECT 'update', title, snippet(search, 3, char(1), char(2), '\xE2\x80\xA6', 16)"
		"  FROM search WHERE search MATCH ?1 AND rowid > ?2 << 32 AND rowid <= (?2 << 32) | 4294967295"
		"  ORDER BY rowid DESC LIMIT 1)"
		" UNION ALL SELECT * FROM (SELECT 'engagement', title, snippet(search, -1, char(1), char(2), '\xE2\x80\xA6', 16)"
		"  FROM search WHERE search MATCH ?1 AND rowid IN (SELECT -engagement_id FROM engagement_action WHERE action_id = ?2)"
		"  LIMIT 1)"
		") LIMIT 1";
	memset(out, 0, sizeof *out);
	if (!typed || !*typed)
		return PB_OK;
	size_t len = 3 * strlen(typed) + 8;
	char *fts = malloc(len);
	if (!fts)
		return pb_fail(e, PB_FAIL, "out of memory while searching");
	text_fts_query(typed, fts, len);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st) {
		free(fts);
		return e->status;
	}
	store_bind_text(st, 1, fts);
	sqlite3_bind_int64(st, 2, action_id);
	int rc = *fts ? sqlite3_step(st) : SQLITE_DONE;
	if (rc == SQLITE_ROW) {
		snprintf(out->kind, sizeof out->kind, "%s", store_col(st, 0));
		snprintf(out->label, sizeof out->label, "%s", store_col(st, 1));
		snprintf(out->text, sizeof out->text, "%s", store_col(st, 2));
	}
	sqlite3_reset(st);
	free(fts);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "finding where the search matched");
}

#define OFFICERS_NAMED 5

/* Officers one of whose names (or aliases) starts or ends with the whole words of key ("simon", "parry"), by name:
 * *n how many (OFFICERS_NAMED + 1 meaning more), *id and canonical the first, names them as "A, B or C". */
static int officers_by_word(struct store *s, const char *key, long *id, char *canonical, size_t len, int *n, char *names,
			    size_t names_len, struct pb_error *e)
{
	static const char sql[] =
		"SELECT DISTINCT o.id, o.name FROM officer o LEFT JOIN officer_alias al ON al.officer_id = o.id"
		" WHERE substr(o.name_key, 1, length(?1) + 1) = ?1 || ' ' OR substr(o.name_key, -length(?1) - 1) = ' ' || ?1"
		" OR substr(al.alias_key, 1, length(?1) + 1) = ?1 || ' ' OR substr(al.alias_key, -length(?1) - 1) = ' ' || ?1"
		" ORDER BY o.name LIMIT ?2";
	char found[OFFICERS_NAMED + 1][120];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, OFFICERS_NAMED + 1);
	int rc;
	for (*n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; (*n)++) {
		if (!*n)
			*id = sqlite3_column_int64(st, 0);
		snprintf(found[*n], sizeof found[*n], "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, e, "finding the officer");
	if (*n && canonical)
		snprintf(canonical, len, "%s", found[0]);
	names[0] = '\0';
	int shown = *n > OFFICERS_NAMED ? OFFICERS_NAMED : *n;
	for (int i = 0; i < shown; i++) {
		size_t used = strlen(names);
		snprintf(names + used, names_len - used, "%s%s", !i ? "" : i == shown - 1 && *n == shown ? " or " : ", ", found[i]);
	}
	if (*n > shown)
		snprintf(names + strlen(names), names_len - strlen(names), " or others");
	return PB_OK;
}

int store_find_officer(struct store *s, const char *name, long *id, char *canonical, size_t len, struct pb_error *e)
{
	static const char sql[] =
		"SELECT o.id, o.name FROM officer o WHERE o.name_key = ?1"
		" UNION ALL SELECT o.id, o.name FROM officer_alias al JOIN officer o ON o.id = al.officer_id WHERE al.alias_key = ?1 LIMIT 1";
	char key[256], names[(OFFICERS_NAMED + 1) * 124];
	names_key(name, key, sizeof key);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(st) == SQLITE_ROW, n = 0;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		if (canonical)
			snprintf(canonical, len, "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (found)
		return PB_OK;
	if (*key && officers_by_word(s, key, id, canonical, len, &n, names, sizeof names, e) != PB_OK)
		return e->status;
	if (n == 1)
		return PB_OK;
	if (n > 1)
		return pb_fail(e, PB_BAD_INPUT, "\"%s\" could be %s; give more of the name", name, names);
	return pb_fail(e, PB_BAD_INPUT, "no officer called \"%s\"; check the spelling (names and aliases are in `planbench export --kind officers`)", name);
}

int store_find_action(struct store *s, const char *plan, const char *ref, long *id, struct pb_error *e)
{
	static const char sql[] =
		"SELECT a.id, p.code FROM action a JOIN plan p ON p.id = a.plan_id"
		" WHERE a.ref = ?1 COLLATE NOCASE AND (?2 IS NULL OR p.code = ?2 COLLATE NOCASE) ORDER BY p.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 2, plan);
	char plans[256] = "";
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
		snprintf(plans + strlen(plans), sizeof plans - strlen(plans), "%s%s", n > 1 ? ", " : "", store_col(st, 1));
	}
	sqlite3_reset(st);
	if (n == 0 && plan)
		return pb_fail(e, PB_BAD_INPUT, "no action \"%s\" in plan %s; `planbench list --plan %s` shows its refs", ref, plan, plan);
	if (n == 0)
		return pb_fail(e, PB_BAD_INPUT, "no action \"%s\"; `planbench list` shows the refs", ref);
	if (n > 1)
		return pb_fail(e, PB_USAGE, "\"%s\" is a ref in several plans (%s); say which with --plan", ref, plans);
	return PB_OK;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	char *p = strdup(store_col(st, i));
	if (!p)
		abort();
	return p;
}

int store_get_action(struct store *s, long id, struct action_detail *d, struct pb_error *e)
{
	static const char sql[] =
		"SELECT " STORE_ACTION_ROW_COLUMNS ", p.title, p.starts_on, ifnull(sec.title,''), a.description, a.measure,"
		" a.target, a.outcome, a.rag_reason, a.due_state, a.due_precision, a.created_at, a.updated_at,"
		" ifnull((SELECT from_on FROM due_change WHERE action_id = a.id ORDER BY seq LIMIT 1), a.due_on),"
		/* The RAG the reason was given under, when the RAG went COMPLETE after it ('-' for none set); NULL
		 * when the reason came with COMPLETE or the audit trail does not say. */
		" (SELECT ifnull(au.old, '-') FROM audit au WHERE a.rag = 'C' AND a.rag_reason IS NOT NULL"
		"  AND au.entity = 'action' AND au.entity_id = a.id AND au.field = 'rag' AND au.new = 'C'"
		"  AND NOT EXISTS (SELECT 1 FROM audit r WHERE r.entity = 'action' AND r.entity_id = a.id"
		"   AND r.field = 'rag_reason' AND r.id > au.id) ORDER BY au.id DESC LIMIT 1)"
		STORE_ACTION_ROW_FROM " WHERE a.id = ?1";
	memset(d, 0, sizeof *d);
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return pb_fail(e, PB_BAD_INPUT, "no action with id %ld", id);
	}
	struct action_row row;
	store_read_action_row(s, st, &row);
	d->id = id;
	d->rag = row.rag;
	d->rag_computed = row.rag_computed;
	d->days_over = row.days_over;
	d->revisions = row.revisions;
	char **strings[] = {&d->plan, &d->ref, &d->section, &d->title, &d->leads, &d->due_on, &d->due_text,
			    &d->status, &d->completed_on};
	int cols[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		*strings[i] = dup_col(st, cols[i]);
	char **more[] = {&d->plan_title, &d->plan_start, &d->section_title, &d->description, &d->measure, &d->target,
			 &d->outcome, &d->rag_reason, &d->due_state, &d->due_precision, &d->created_at, &d->updated_at};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		*more[i] = dup_col(st, 13 + (int)i);
	snprintf(d->original_due, sizeof d->original_due, "%s", store_col(st, 25));
	d->reason_before_complete = sqlite3_column_type(st, 26) != SQLITE_NULL;
	d->reason_rag = rag_from_text(store_col(st, 26));
	sqlite3_reset(st);
	return PB_OK;
}

void store_action_free(struct action_detail *d)
{
	char *all[] = {d->plan, d->plan_title, d->plan_start, d->ref, d->section, d->section_title, d->title,
		       d->description, d->measure, d->target, d->outcome, d->leads, d->status, d->rag_reason,
		       d->due_text, d->due_on, d->due_state, d->due_precision, d->completed_on, d->created_at, d->updated_at};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
	memset(d, 0, sizeof *d);
}





/* The callback of one of the store_each_* walks, with its context. */
struct each {
	void *ctx;
	union {
		store_revision_fn revision;
		store_update_fn update;
		store_engagement_link_fn engagement;
		store_audit_fn audit;
	} fn;
};

/* Runs sql (?1 = action id) and hands every row to visit, stopping at the first status that is not PB_OK. */
static int each_row(struct store *s, const char *sql, long action_id, int (*visit)(sqlite3_stmt *, struct each *),
		    struct each *each, struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, action_id);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = visit(st, each);
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading an action's history");
	sqlite3_reset(st);
	return status;
}

static int visit_revision(sqlite3_stmt *st, struct each *each)
{
	struct revision_row r = {sqlite3_column_int(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3),
				 store_col(st, 4), store_col(st, 5), store_col(st, 6)};
	return each->fn.revision(each->ctx, &r);
}

int store_each_revision(struct store *s, long action_id, store_revision_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT seq, from_on, to_on, to_text, reason, changed_on, changed_by FROM due_change WHERE action_id = ?1 ORDER BY seq";
	struct each each = {.ctx = ctx, .fn.revision = fn};
	return each_row(s, sql, action_id, visit_revision, &each, e);
}

static int visit_update(sqlite3_stmt *st, struct each *each)
{
	struct update_row u = {sqlite3_column_int64(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4)};
	return each->fn.update(each->ctx, &u);
}

int store_each_update(struct store *s, long action_id, store_update_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT id, period, noted_on, author, text FROM progress_update WHERE action_id = ?1 ORDER BY noted_on DESC, id DESC";
	struct each each = {.ctx = ctx, .fn.update = fn};
	return each_row(s, sql, action_id, visit_update, &each, e);
}

static int visit_engagement(sqlite3_stmt *st, struct each *each)
{
	struct engagement_link_row g = {store_col(st, 0), store_col(st, 1), store_col(st, 2)};
	return each->fn.engagement(each->ctx, &g);
}

int store_each_engagement_of(struct store *s, long action_id, store_engagement_link_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT g.ref, g.title, g.held_on FROM engagement_action ea JOIN engagement g ON g.id = ea.engagement_id"
		" WHERE ea.action_id = ?1 ORDER BY g.position";
	struct each each = {.ctx = ctx, .fn.engagement = fn};
	return each_row(s, sql, action_id, visit_engagement, &each, e);
}

static int visit_audit(sqlite3_stmt *st, struct each *each)
{
	struct audit_row a = {store_col(st, 0), store_col(st, 1), store_col(st, 2), store_col(st, 3), store_col(st, 4)};
	return each->fn.audit(each->ctx, &a);
}

int store_each_audit(struct store *s, long action_id, store_audit_fn fn, void *ctx, struct pb_error *e)
{
	static const char sql[] =
		"SELECT at, ifnull(who,''), ifnull(field,''), old, new FROM audit WHERE entity = 'action' AND entity_id = ?1 ORDER BY id";
	struct each each = {.ctx = ctx, .fn.audit = fn};
	return each_row(s, sql, action_id, visit_audit, &each, e);
}

static const char *times(int n)
{
	static const char *const words[] = {"never", "once", "twice"};
	static char buf[32];
	if (n < 3)
		return words[n];
	snprintf(buf, sizeof buf, "%d times", n);
	return buf;
}

void store_rag_reason_text(const struct action_detail *d, char *out, size_t outlen)
{
	if (!d->reason_before_complete)
		snprintf(out, outlen, "%s", d->rag_reason);
	else if (d->reason_rag != RAG_NONE)
		snprintf(out, outlen, "given for %s, before COMPLETE: %s", rag_name(d->reason_rag), d->rag_reason);
	else
		snprintf(out, outlen, "given before COMPLETE: %s", d->rag_reason);
}

void store_mismatch_reason(const struct action_row *row, struct date today, char *out, size_t outlen)
{
	struct date due;
	char human[32] = "";
	bool dated = date_parse_iso(row->due_on, &due);
	if (dated)
		date_format_human(due, human, sizeof human);
	int n = snprintf(out, outlen, "set %s, computed %s", rag_name(row->rag), rag_name(row->rag_computed));
	if (n < 0 || (size_t)n >= outlen)
		return;
	size_t o = (size_t)n;
	long left = dated ? date_diff_days(today, due) : 0;
	if (row->rag_computed == RAG_COMPLETE)
		snprintf(out + o, outlen - o, ": the action is complete");
	else if (dated && left < 0)
		snprintf(out + o, outlen - o, ": %ld day%s overdue", -left, left == -1 ? "" : "s");
	else if (dated && left == 0)
		snprintf(out + o, outlen - o, ": due today");
	else if (dated)
		snprintf(out + o, outlen - o, ": due in %ld day%s", left, left == 1 ? "" : "s");
	else
		snprintf(out + o, outlen - o, ": no target date");
	o = strlen(out);
	if (row->revisions > 0 && o < outlen)
		snprintf(out + o, outlen - o, ", revised %s", times(row->revisions));
	o = strlen(out);
	/* the date last: cut first where the line is short, and the list beside it shows it */
	if (dated && row->rag_computed != RAG_COMPLETE && o < outlen)
		snprintf(out + o, outlen - o, " (%s)", human);
}
