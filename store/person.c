/* person.c — every note that mentions a person, for subject access requests: full-text index plus a plain substring match. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "store/internal.h"
#include "store/privacy.h"

/* ?1 is the full-text query (NULL when the name has no words), ?2 the LIKE pattern.
 * Each query yields plan, ref, date, author, the index's snippet (or NULL), then (label, text) pairs. */
#define FTS_SNIPPET(entity, id) \
	"CASE WHEN ?1 IS NOT NULL THEN (SELECT snippet(search, -1, '', '', '…', 12) FROM search" \
	" WHERE search MATCH ?1 AND entity = '" entity "' AND entity_id = " id ") END"
#define FTS_HIT(entity, id) \
	"(?1 IS NOT NULL AND " id " IN (SELECT entity_id FROM search WHERE search MATCH ?1 AND entity = '" entity "'))"
#define LIKE(col) col " LIKE ?2 ESCAPE '\\'"

struct person_source {
	const char *kind;
	const char *sql;
};

static const struct person_source sources[] = {
	{"progress update",
	 "SELECT p.code, a.ref, u.noted_on, u.author, " FTS_SNIPPET("update", "u.id") ", 'note', u.text"
	 " FROM progress_update u JOIN action a ON a.id = u.action_id JOIN plan p ON p.id = a.plan_id"
	 " WHERE " LIKE("u.text") " OR " FTS_HIT("update", "u.id") " ORDER BY u.noted_on, u.id"},
	{"action",
	 "SELECT p.code, a.ref, substr(a.updated_at, 1, 10),"
	 " (SELECT who FROM audit WHERE entity = 'action' AND entity_id = a.id ORDER BY id DESC LIMIT 1), "
	 FTS_SNIPPET("action", "a.id") ", 'title', a.title, 'description', a.description, 'measure', a.measure,"
	 " 'target', a.target, 'outcome', a.outcome, 'RAG reason', a.rag_reason"
	 " FROM action a JOIN plan p ON p.id = a.plan_id"
	 " WHERE " LIKE("a.title") " OR " LIKE("a.description") " OR " LIKE("a.measure") " OR " LIKE("a.target")
	 " OR " LIKE("a.outcome") " OR " LIKE("a.rag_reason") " OR " FTS_HIT("action", "a.id") " ORDER BY p.position, a.position"},
	{"engagement",
	 "SELECT '', g.ref, g.held_on, (SELECT who FROM audit WHERE entity = 'engagement' AND entity_id = g.id ORDER BY id DESC LIMIT 1), "
	 FTS_SNIPPET("engagement", "g.id") ", 'title', g.title, 'team', g.team, 'location', g.location, 'summary', g.summary,"
	 " 'you said', g.you_said, 'we did', g.we_did FROM engagement g"
	 " WHERE " LIKE("g.title") " OR " LIKE("g.team") " OR " LIKE("g.location") " OR " LIKE("g.summary")
	 " OR " LIKE("g.you_said") " OR " LIKE("g.we_did") " OR " FTS_HIT("engagement", "g.id") " ORDER BY g.held_on, g.position"},
	{"target-date revision",
	 "SELECT p.code, a.ref, d.changed_on, d.changed_by, NULL, 'reason', d.reason, 'target as written', d.to_text"
	 " FROM due_change d JOIN action a ON a.id = d.action_id JOIN plan p ON p.id = a.plan_id"
	 " WHERE " LIKE("d.reason") " OR " LIKE("d.to_text") " ORDER BY d.changed_on, d.id"},
	{"one-to-one",
	 "SELECT '', o.name, r.held_on, r.reviewer, NULL, 'notes', r.notes FROM review r JOIN officer o ON o.id = r.officer_id"
	 " WHERE " LIKE("r.notes") " ORDER BY r.held_on, r.id"},
	{"one-to-one item",
	 "SELECT p.code, a.ref, r.held_on, r.reviewer, NULL, 'notes', i.notes, 'next step', i.next_step"
	 " FROM review_item i JOIN review r ON r.id = i.review_id JOIN action a ON a.id = i.action_id JOIN plan p ON p.id = a.plan_id"
	 " WHERE " LIKE("i.notes") " OR " LIKE("i.next_step") " ORDER BY r.held_on, i.id"},
	/* Text since changed or deleted survives only as an earlier value in the audit trail. */
	{"change log",
	 "SELECT ifnull(p.code, ''), ifnull(a.ref, ''), substr(au.at, 1, 10), au.who, NULL, 'earlier ' || ifnull(au.field, au.entity), au.old"
	 " FROM audit au LEFT JOIN action a ON au.entity = 'action' AND a.id = au.entity_id LEFT JOIN plan p ON p.id = a.plan_id"
	 " WHERE " LIKE("au.old") " ORDER BY au.id"},
};

/* Byte offset of needle in hay, ignoring ASCII case as SQLite's LIKE does; -1 when absent. */
static long find_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return (long)(h - hay);
	}
	return -1;
}

/* "%name%" with LIKE's own wildcards in the name escaped. */
static void like_pattern(const char *name, struct buf *b)
{
	buf_addc(b, '%');
	for (const char *p = name; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '%');
}

/* Reports each field of the row that holds the name, or the index's snippet when only the index matched. */
static int report_row(sqlite3_stmt *st, const char *kind, const char *name, store_person_fn fn, void *ctx, long *count)
{
	struct person_hit h = {.kind = kind, .plan = store_col(st, 0), .ref = store_col(st, 1), .on = store_col(st, 2),
			       .author = store_col(st, 3)};
	int found = 0, status = PB_OK;
	for (int c = 5; c + 1 < sqlite3_column_count(st) && status == PB_OK; c += 2) {
		h.text = store_col(st, c + 1);
		if ((h.match = find_nocase(h.text, name)) < 0)
			continue;
		h.field = store_col(st, c);
		found++, (*count)++;
		status = fn(ctx, &h);
	}
	const char *snippet = store_col_or_null(st, 4);
	if (!found && status == PB_OK && snippet) {
		h.field = "text", h.text = snippet, h.match = -1;
		(*count)++;
		status = fn(ctx, &h);
	}
	return status;
}

int store_search_person(struct store *s, const char *name, store_person_fn fn, void *ctx, long *count, struct pb_error *e)
{
	char fts[512];
	struct buf like = {0};
	*count = 0;
	if (!name || !*name)
		return pb_fail(e, PB_USAGE, "give the name to look for");
	text_fts_query(name, fts, sizeof fts);
	like_pattern(name, &like);
	int status = PB_OK;
	for (size_t i = 0; i < sizeof sources / sizeof sources[0] && status == PB_OK; i++) {
		sqlite3_stmt *st = store_stmt(s, sources[i].sql, e);
		if (!st) {
			status = e->status;
			break;
		}
		store_bind_text(st, 1, *fts ? fts : NULL);
		store_bind_text(st, 2, buf_str(&like));
		int rc;
		while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
			status = report_row(st, sources[i].kind, name, fn, ctx, count);
		if (status == PB_OK && rc != SQLITE_DONE)
			status = store_sql_fail(s, e, "searching the notes");
		sqlite3_reset(st);
	}
	buf_free(&like);
	return status;
}
