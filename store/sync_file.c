/* sync_file.c — change-set files: what is pending for a destination, counts per plan and kind, writing a file
 * atomically, and reading one back with every check (magic, version, length, checksum) before anything is applied.
 *
 * The file is text lines, then the payload, then a trailer:
 *   PLANBENCH CHANGESET 1
 *   source <id> <slot> <name>          (fields separated by tabs)
 *   destination <id or -> <name>
 *   created <at>
 *   range <origin> <from> <to> <name>  one per origin carried
 *   held <origin> <seq>                how far the source holds each origin (tells the destination what it has)
 *   peer <id> <slot> <name>            the other replicas the source knows, so that the destination can write to them
 *   peerheld <id> <origin> <seq>       and how far each is known to hold each origin
 *   count <plan> <kind> <added> <changed> <deleted>
 *   entries <n> / changes <n> / payload <bytes>
 *   (an empty line)
 *   per entry: "<origin> <seq> <at> <changes> <bytes>\n" then that many bytes of SQLite change set
 *   sha256 <hex of everything before this line>
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "store/sync_file.h"

#define MAGIC "PLANBENCH CHANGESET "
#define TRAILER_LEN (7 + 64 + 1) /* "sha256\t" + hex + "\n" */

/* ---- counts per plan and kind ---- */

static struct sync_count_acc *count_slot(struct sync_counts *c, const char *plan, const char *kind)
{
	for (int i = 0; i < c->n; i++)
		if (c->rows[i].kind == kind && strcmp(c->rows[i].plan, plan) == 0)
			return &c->rows[i];
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		struct sync_count_acc *rows = realloc(c->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return NULL;
		c->rows = rows, c->cap = cap;
	}
	struct sync_count_acc *a = &c->rows[c->n++];
	memset(a, 0, sizeof *a);
	snprintf(a->plan, sizeof a->plan, "%s", plan);
	a->kind = kind;
	return a;
}

/* The plan code of an action, or of a plan id when plan is true; "" when it is not here. */
static void plan_code(struct store *s, sqlite3_int64 id, bool plan, char out[64])
{
	static const char of_action[] = "SELECT p.code FROM action a JOIN plan p ON p.id = a.plan_id WHERE a.id = ?1";
	static const char of_plan[] = "SELECT code FROM plan WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, plan ? of_plan : of_action, NULL);
	out[0] = '\0';
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, 64, "%s", store_col(st, 0));
	sqlite3_reset(st);
}

/* The action a row of t refers to, read from the database when the change does not carry it; 0 when none. */
static sqlite3_int64 action_of_row(struct store *s, const struct sync_table *t, sqlite3_int64 id)
{
	static const char due[] = "SELECT action_id FROM due_change WHERE id = ?1";
	static const char upd[] = "SELECT action_id FROM progress_update WHERE id = ?1";
	static const char item[] = "SELECT action_id FROM review_item WHERE id = ?1";
	const char *sql = strcmp(t->name, "due_change") == 0 ? due : strcmp(t->name, "progress_update") == 0 ? upd
			  : strcmp(t->name, "review_item") == 0 ? item : NULL;
	sqlite3_stmt *st = sql ? store_stmt(s, sql, NULL) : NULL;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	return store_one_int(st);
}

/* Column i of the change: its new values for an insert, else its old ones; NULL when the change does not carry it. */
static sqlite3_value *change_value(sqlite3_changeset_iter *it, int op, int i)
{
	sqlite3_value *v = NULL;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, i, &v);
	else
		sqlite3changeset_old(it, i, &v);
	return v;
}

static void plan_of_change(struct store *s, const struct sync_table *t, sqlite3_changeset_iter *it, int op, char plan[64])
{
	sqlite3_value *v;
	plan[0] = '\0';
	if (strcmp(t->name, "audit") == 0) {
		sqlite3_value *entity = change_value(it, op, 3);
		const unsigned char *name = entity ? sqlite3_value_text(entity) : NULL;
		if (name && strcmp((const char *)name, "action") == 0 && (v = change_value(it, op, 4)))
			plan_code(s, sqlite3_value_int64(v), false, plan);
		return;
	}
	if (t->plan_col >= 0 && (v = change_value(it, op, t->plan_col))) {
		plan_code(s, sqlite3_value_int64(v), true, plan);
		return;
	}
	if (t->action_col >= 0 && (v = change_value(it, op, t->action_col))) {
		plan_code(s, sqlite3_value_int64(v), false, plan);
		return;
	}
	if (t->action_col >= 0 && (v = change_value(it, op, 0)))
		plan_code(s, action_of_row(s, t, sqlite3_value_int64(v)), false, plan);
}

int sync_count_changeset(struct store *s, struct sync_counts *c, const void *data, int len, struct pb_error *e)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, len, (void *)data);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		char plan[64];
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		const struct sync_table *t = sync_table_named(table);
		if (!t)
			continue;
		plan_of_change(s, t, it, op, plan);
		struct sync_count_acc *a = count_slot(c, plan, t->kind);
		if (!a) {
			rc = SQLITE_NOMEM;
			break;
		}
		*(op == SQLITE_INSERT ? &a->added : op == SQLITE_UPDATE ? &a->changed : &a->deleted) += 1;
	}
	int fin = sqlite3changeset_finalize(it);
	if (rc == SQLITE_OK)
		rc = fin;
	return rc == SQLITE_OK ? PB_OK : sync_fail(s, e, rc, "reading a change set");
}

static int by_plan_kind(const void *a, const void *b)
{
	const struct sync_count_acc *x = a, *y = b;
	int c = strcmp(x->plan, y->plan);
	return c ? c : strcmp(x->kind, y->kind);
}

int sync_counts_report(const struct sync_counts *c, store_sync_count_fn fn, void *ctx)
{
	if (!fn)
		return PB_OK;
	if (c->n > 1)
		qsort(c->rows, (size_t)c->n, sizeof c->rows[0], by_plan_kind);
	for (int i = 0; i < c->n; i++) {
		struct sync_count_row r = {c->rows[i].plan, c->rows[i].kind, c->rows[i].added, c->rows[i].changed, c->rows[i].deleted};
		int status = fn(ctx, &r);
		if (status != PB_OK)
			return status;
	}
	return PB_OK;
}

void sync_counts_free(struct sync_counts *c)
{
	free(c->rows);
	memset(c, 0, sizeof *c);
}

/* ---- what is pending for a destination ---- */

/* Every log entry the destination (NULL: anyone) is not known to hold, in the order they were logged here. */
static const char pending_sql[] =
	"SELECT l.origin, l.seq, l.at, l.changes, l.data, ifnull(o.name, '') FROM sync_log l"
	" LEFT JOIN sync_peer_origin po ON po.peer = ?1 AND po.origin = l.origin"
	" LEFT JOIN sync_origin o ON o.origin = l.origin"
	" WHERE l.seq > CASE WHEN ?1 IS NULL THEN 0 ELSE max(ifnull(po.held, 0), CASE WHEN ?2 THEN 0 ELSE ifnull(po.sent, 0) END) END"
	"   AND (?3 IS NULL OR l.at >= ?3) ORDER BY l.pos";

static int resolve_destination(struct store *s, const struct sync_export_opts *o, struct sync_summary *sum, struct pb_error *e)
{
	static const char peers[] = "SELECT count(*), min(peer) FROM sync_peer";
	sum->destination[0] = sum->destination_name[0] = '\0';
	if (o->to && *o->to) {
		if (store_sync_find_peer(s, o->to, sum->destination, e) != PB_OK)
			return e->status;
	} else {
		sqlite3_stmt *st = store_stmt(s, peers, e);
		if (!st)
			return e->status;
		long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
		if (n == 1)
			snprintf(sum->destination, sizeof sum->destination, "%s", store_col(st, 1));
		sqlite3_reset(st);
		if (n > 1 && !o->all)
			return store_sync_find_peer(s, "", sum->destination, e);
	}
	if (sum->destination[0])
		sync_replica_name(s, sum->destination, sum->destination_name, sizeof sum->destination_name);
	return PB_OK;
}

typedef int (*entry_fn)(void *ctx, sqlite3_stmt *st);

static int each_pending(struct store *s, const struct sync_export_opts *o, const struct sync_summary *sum, entry_fn fn, void *ctx,
			struct pb_error *e)
{
	sqlite3_stmt *st = store_stmt(s, pending_sql, e);
	if (!st)
		return e->status;
	store_bind_text(st, 1, sum->destination);
	sqlite3_bind_int(st, 2, o->all || (o->since && *o->since));
	store_bind_text(st, 3, o->since);
	int rc, status = PB_OK;
	while (status == PB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = fn(ctx, st);
	if (status == PB_OK && rc != SQLITE_DONE)
		status = store_sql_fail(s, e, "reading the change log");
	sqlite3_reset(st);
	return status;
}

struct summing {
	struct store *s;
	struct sync_summary *sum;
	struct sync_counts counts;
	struct pb_error *e;
};

static int sum_entry(void *ctx, sqlite3_stmt *st)
{
	struct summing *m = ctx;
	struct sync_summary *sum = m->sum;
	const char *origin = store_col(st, 0);
	long seq = (long)sqlite3_column_int64(st, 1);
	int len = sqlite3_column_bytes(st, 4);
	int i = 0;
	while (i < sum->nranges && strcmp(sum->ranges[i].origin, origin) != 0)
		i++;
	if (i == sum->nranges) {
		if (i == SYNC_MAX_ORIGINS)
			return pb_fail(m->e, PB_FAIL, "%s: the change log holds changes of more than %d databases; export with --since"
				       " to write fewer at once", m->s->path, SYNC_MAX_ORIGINS);
		snprintf(sum->ranges[i].origin, sizeof sum->ranges[i].origin, "%s", origin);
		snprintf(sum->ranges[i].origin_name, sizeof sum->ranges[i].origin_name, "%s", store_col(st, 5));
		sum->ranges[i].from_seq = seq;
		sum->nranges++;
	}
	sum->ranges[i].to_seq = seq;
	sum->entries++;
	sum->changes += (long)sqlite3_column_int64(st, 3);
	sum->payload_bytes += len + (long)snprintf(NULL, 0, "%s\t%ld\t%s\t%lld\t%d\n", origin, seq, store_col(st, 2),
						   (long long)sqlite3_column_int64(st, 3), len);
	return sync_count_changeset(m->s, &m->counts, sqlite3_column_blob(st, 4), len, m->e);
}

/* Fills sum for the export o, and counts (when not NULL) per plan and kind. */
static int summarise(struct store *s, const struct sync_export_opts *o, struct sync_summary *sum, struct sync_counts *counts,
		     struct pb_error *e)
{
	memset(sum, 0, sizeof *sum);
	sum->format_version = SYNC_FORMAT_VERSION;
	snprintf(sum->source, sizeof sum->source, "%s", s->sync->me.id);
	snprintf(sum->source_name, sizeof sum->source_name, "%s", s->sync->me.name);
	sync_now(sum->created_at);
	if (o->since && *o->since && !(strlen(o->since) == 10 && o->since[4] == '-' && o->since[7] == '-'))
		return pb_fail(e, PB_USAGE, "--since %s: give a day as YYYY-MM-DD", o->since);
	if (resolve_destination(s, o, sum, e) != PB_OK)
		return e->status;
	struct summing m = {s, sum, {0}, e};
	int status = each_pending(s, o, sum, sum_entry, &m, e);
	if (status == PB_OK && counts)
		*counts = m.counts;
	else
		sync_counts_free(&m.counts);
	return status;
}

int store_sync_pending(struct store *s, const struct sync_export_opts *o, struct sync_summary *out, struct pb_error *e)
{
	struct sync_counts counts = {0};
	int status = summarise(s, o, out, &counts, e);
	if (status == PB_OK)
		status = sync_counts_report(&counts, o->count, o->ctx);
	sync_counts_free(&counts);
	return status;
}

/* ---- writing ---- */

struct writing {
	FILE *f;
	struct sha256 sha;
	const struct sync_export_opts *o;
	long done, total;
};

static void put(struct writing *w, const void *data, size_t len)
{
	fwrite(data, 1, len, w->f);
	sha256_update(&w->sha, data, len);
}

static void putf(struct writing *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct writing *w, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	put(w, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

static int write_entry(void *ctx, sqlite3_stmt *st)
{
	struct writing *w = ctx;
	int len = sqlite3_column_bytes(st, 4);
	putf(w, "%s\t%lld\t%s\t%lld\t%d\n", store_col(st, 0), (long long)sqlite3_column_int64(st, 1), store_col(st, 2),
	     (long long)sqlite3_column_int64(st, 3), len);
	put(w, sqlite3_column_blob(st, 4), (size_t)len);
	return progress_step(w->o->progress, ++w->done, w->total);
}

/* Tabs and line ends in a name or code would break the header's lines. */
static void clean(char *text)
{
	for (; *text; text++)
		if (*text == '\t' || *text == '\n' || *text == '\r')
			*text = ' ';
}

/* What the source holds, and the other replicas it knows with what each is known to hold. */
static int write_held(struct store *s, struct writing *w, const char *destination, struct pb_error *e)
{
	static const char held[] = "SELECT origin, held FROM sync_origin WHERE held > 0 ORDER BY origin";
	static const char peers[] = "SELECT peer, ifnull(slot, 0), name FROM sync_peer WHERE peer IS NOT ?1 ORDER BY peer";
	static const char peer_held[] =
		"SELECT peer, origin, held FROM sync_peer_origin WHERE peer IS NOT ?1 AND held > 0 ORDER BY peer, origin";
	sqlite3_stmt *st = store_stmt(s, held, e);
	if (!st)
		return e->status;
	while (sqlite3_step(st) == SQLITE_ROW)
		putf(w, "held\t%s\t%lld\n", store_col(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	if (!(st = store_stmt(s, peers, e)))
		return e->status;
	store_bind_text(st, 1, destination);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char name[SYNC_NAME_LEN];
		snprintf(name, sizeof name, "%s", store_col(st, 2));
		clean(name);
		putf(w, "peer\t%s\t%d\t%s\n", store_col(st, 0), sqlite3_column_int(st, 1), name);
	}
	sqlite3_reset(st);
	if (!(st = store_stmt(s, peer_held, e)))
		return e->status;
	store_bind_text(st, 1, destination);
	while (sqlite3_step(st) == SQLITE_ROW)
		putf(w, "peerheld\t%s\t%s\t%lld\n", store_col(st, 0), store_col(st, 1), (long long)sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	return PB_OK;
}

static void write_header(struct writing *w, const struct sync_summary *sum, int slot, struct sync_counts *counts)
{
	putf(w, MAGIC "%d\n", SYNC_FORMAT_VERSION);
	putf(w, "source\t%s\t%d\t%s\n", sum->source, slot, sum->source_name);
	putf(w, "destination\t%s\t%s\n", sum->destination[0] ? sum->destination : "-", sum->destination_name);
	putf(w, "created\t%s\n", sum->created_at);
	for (int i = 0; i < sum->nranges; i++)
		putf(w, "range\t%s\t%ld\t%ld\t%s\n", sum->ranges[i].origin, sum->ranges[i].from_seq, sum->ranges[i].to_seq,
		     sum->ranges[i].origin_name);
	if (counts->n > 1)
		qsort(counts->rows, (size_t)counts->n, sizeof counts->rows[0], by_plan_kind);
	for (int i = 0; i < counts->n; i++) {
		clean(counts->rows[i].plan);
		putf(w, "count\t%s\t%s\t%ld\t%ld\t%ld\n", counts->rows[i].plan, counts->rows[i].kind, counts->rows[i].added,
		     counts->rows[i].changed, counts->rows[i].deleted);
	}
}

/* Records the file as sent to its destination. */
static int record_sent(struct store *s, const struct sync_summary *sum, struct pb_error *e)
{
	static const char sent[] =
		"INSERT INTO sync_peer_origin(peer, origin, sent) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(peer, origin) DO UPDATE SET sent = max(sent, excluded.sent)";
	static const char when[] = "UPDATE sync_peer SET last_sent_at = ?2 WHERE peer = ?1";
	if (!sum->destination[0])
		return PB_OK;
	for (int i = 0; i < sum->nranges; i++) {
		sqlite3_stmt *st = store_stmt(s, sent, e);
		if (!st)
			return e->status;
		sqlite3_bind_text(st, 1, sum->destination, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, sum->ranges[i].origin, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, sum->ranges[i].to_seq);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_sql_fail(s, e, "recording what was sent");
	}
	sqlite3_stmt *st = store_stmt(s, when, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, sum->destination, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sum->created_at, -1, SQLITE_TRANSIENT);
	return sqlite3_step(st) == SQLITE_DONE ? PB_OK : store_sql_fail(s, e, "recording what was sent");
}

/* Writes the whole file to the open temporary file f. */
static int write_file(struct store *s, FILE *f, const struct sync_export_opts *o, struct sync_summary *sum, struct sync_counts *counts,
		      struct pb_error *e)
{
	struct writing w = {.f = f, .o = o, .total = sum->entries};
	sha256_init(&w.sha);
	clean(sum->source_name), clean(sum->destination_name);
	for (int i = 0; i < sum->nranges; i++)
		clean(sum->ranges[i].origin_name);
	write_header(&w, sum, s->sync->me.slot, counts);
	if (write_held(s, &w, sum->destination, e) != PB_OK)
		return e->status;
	putf(&w, "entries\t%ld\nchanges\t%ld\npayload\t%ld\n\n", sum->entries, sum->changes, sum->payload_bytes);
	int status = each_pending(s, o, sum, write_entry, &w, e);
	if (status != PB_OK)
		return status;
	sha256_hex(&w.sha, sum->sha256);
	fprintf(f, "sha256\t%s\n", sum->sha256);
	return PB_OK;
}

int store_sync_export(struct store *s, const char *path, const struct sync_export_opts *o, struct sync_summary *out,
		      struct pb_error *e)
{
	struct sync_counts counts = {0};
	char tmp[1100];
	if (strlen(path) > 1000)
		return pb_fail(e, PB_USAGE, "the output path is too long; use a shorter one");
	if (store_begin(s, e) != PB_OK)
		return e->status;
	int status = summarise(s, o, out, &counts, e);
	if (status == PB_OK)
		status = sync_counts_report(&counts, o->count, o->ctx);
	FILE *f = NULL;
	if (status == PB_OK) {
		snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
		int fd = mkstemp(tmp);
		if (fd < 0 || !(f = fdopen(fd, "wb"))) {
			status = pb_fail(e, PB_FAIL, "%s: cannot write there (%s); nothing was written", path, strerror(errno));
			if (fd >= 0)
				close(fd), unlink(tmp);
		}
	}
	if (status == PB_OK)
		status = write_file(s, f, o, out, &counts, e);
	if (f) {
		bool bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
		int err = errno;
		fclose(f);
		if (status == PB_OK && bad)
			status = pb_fail(e, PB_FAIL, "%s: could not write the file (%s); nothing was written", path, strerror(err));
		if (status == PB_OK && rename(tmp, path) != 0)
			status = pb_fail(e, PB_FAIL, "%s: cannot put the file in place (%s); nothing was written", path, strerror(errno));
		if (status != PB_OK)
			unlink(tmp);
	}
	if (status == PB_OK)
		status = record_sent(s, out, e);
	sync_counts_free(&counts);
	if (status != PB_OK) {
		store_rollback(s);
		return status;
	}
	if (store_commit(s, e) != PB_OK) {
		unlink(path);
		return e->status;
	}
	return PB_OK;
}

/* ---- reading ---- */

void sync_file_free(struct sync_file *f)
{
	free(f->buf);
	free(f->entries);
	memset(f, 0, sizeof *f);
}

static int damaged(const char *path, struct pb_error *e, const char *what)
{
	return pb_fail(e, PB_BAD_INPUT, "%s: the change set is damaged (%s); nothing was changed — export it again from the"
		       " database it came from (`planbench sync export`) and import the new file", path, what);
}

/* The next line (without its end) into line: 1, or 0 at an empty line, or -1 when no whole line is left. */
static int next_line(const char **p, const char *end, char *line, size_t len)
{
	const char *nl = *p < end ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
	if (!nl)
		return -1;
	size_t n = (size_t)(nl - *p);
	if (n >= len)
		n = len - 1;
	memcpy(line, *p, n);
	line[n] = '\0';
	*p = nl + 1;
	return n > 0;
}

/* Splits line at tabs into at most max fields. */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *c = line; *c && n < max; c++)
		if (*c == '\t')
			*c = '\0', f[n++] = c + 1;
	return n;
}

static bool is_identity(const char *t)
{
	if (strlen(t) != SYNC_ID_LEN - 1)
		return false;
	for (; *t; t++)
		if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
			return false;
	return true;
}

static int read_header_line(struct sync_file *f, char *line, const char *path, struct pb_error *e)
{
	char *v[8];
	int n = fields(line, v, 8);
	struct sync_summary *h = &f->sum;
	if (strcmp(v[0], "source") == 0 && n >= 4 && is_identity(v[1])) {
		snprintf(h->source, sizeof h->source, "%s", v[1]);
		f->source_slot = atoi(v[2]);
		snprintf(h->source_name, sizeof h->source_name, "%s", v[3]);
	} else if (strcmp(v[0], "destination") == 0 && n >= 3) {
		snprintf(h->destination, sizeof h->destination, "%s", strcmp(v[1], "-") == 0 ? "" : v[1]);
		snprintf(h->destination_name, sizeof h->destination_name, "%s", v[2]);
	} else if (strcmp(v[0], "created") == 0 && n >= 2) {
		snprintf(h->created_at, sizeof h->created_at, "%s", v[1]);
	} else if (strcmp(v[0], "range") == 0 && n >= 5 && is_identity(v[1]) && h->nranges < SYNC_MAX_ORIGINS) {
		struct sync_range *r = &h->ranges[h->nranges++];
		snprintf(r->origin, sizeof r->origin, "%s", v[1]);
		r->from_seq = atol(v[2]), r->to_seq = atol(v[3]);
		snprintf(r->origin_name, sizeof r->origin_name, "%s", v[4]);
		if (r->from_seq < 1 || r->to_seq < r->from_seq)
			return damaged(path, e, "a range of its header is not readable");
	} else if (strcmp(v[0], "held") == 0 && n >= 3 && is_identity(v[1])) {
		f->nheld++;
	} else if ((strcmp(v[0], "peer") == 0 || strcmp(v[0], "peerheld") == 0) && n >= 4 && is_identity(v[1])) {
		f->npeers++;
	} else if (strcmp(v[0], "count") == 0 && n >= 6) {
		f->ncounts++;
	} else if (strcmp(v[0], "entries") == 0 && n >= 2) {
		h->entries = atol(v[1]);
	} else if (strcmp(v[0], "changes") == 0 && n >= 2) {
		h->changes = atol(v[1]);
	} else if (strcmp(v[0], "payload") == 0 && n >= 2) {
		h->payload_bytes = atol(v[1]);
	} else {
		return damaged(path, e, "a line of its header is not readable");
	}
	return PB_OK;
}

static int read_all(const char *path, struct sync_file *f, struct pb_error *e)
{
	FILE *in = fopen(path, "rb");
	struct stat st;
	if (!in)
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot read the file (%s); nothing was changed", path, strerror(errno));
	if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(in);
		return pb_fail(e, PB_BAD_INPUT, "%s is not a file; give the change set written by `planbench sync export`", path);
	}
	f->len = (size_t)st.st_size;
	f->buf = malloc(f->len + 1);
	size_t got = f->buf ? fread(f->buf, 1, f->len, in) : 0;
	fclose(in);
	if (!f->buf)
		return pb_fail(e, PB_FAIL, "%s: out of memory reading %zu bytes", path, f->len);
	if (got != f->len)
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot read the whole file; nothing was changed", path);
	f->buf[f->len] = '\0';
	return PB_OK;
}

/* Checks the header's lines; f->payload points after the blank line. */
static int read_header(const char *path, struct sync_file *f, struct pb_error *e)
{
	const char *p = f->buf, *end = f->buf + f->len;
	char line[1024];
	if (f->len == 0)
		return pb_fail(e, PB_BAD_INPUT, "%s is empty: it holds no change set (cut off while it was copied?); nothing was"
			       " changed — copy the file again, or export it again with `planbench sync export`", path);
	if (f->len < strlen(MAGIC) || memcmp(f->buf, MAGIC, strlen(MAGIC)) != 0)
		return pb_fail(e, PB_BAD_INPUT, "%s is not a planbench change set (it does not begin with \"%s\"); nothing was"
			       " changed — import the file `planbench sync export` wrote", path, MAGIC "1");
	if (next_line(&p, end, line, sizeof line) != 1)
		return pb_fail(e, PB_BAD_INPUT, "%s: the change set is cut short (it ends inside its header); nothing was changed"
			       " — copy the whole file again, or export it again", path);
	f->sum.format_version = atoi(line + strlen(MAGIC));
	if (f->sum.format_version > SYNC_FORMAT_VERSION)
		return pb_fail(e, PB_BAD_INPUT, "%s: written by a newer planbench (change-set format %d; this one reads %d);"
			       " nothing was changed — use the newer program", path, f->sum.format_version, SYNC_FORMAT_VERSION);
	if (f->sum.format_version < 1)
		return damaged(path, e, "its first line is not readable");
	f->header_lines = p;
	int got;
	while ((got = next_line(&p, end, line, sizeof line)) == 1)
		if (read_header_line(f, line, path, e) != PB_OK)
			return e->status;
	if (got < 0)
		return pb_fail(e, PB_BAD_INPUT, "%s: the change set is cut short (it ends inside its header); nothing was changed"
			       " — copy the whole file again, or export it again", path);
	if (!f->sum.source[0] || !f->sum.created_at[0])
		return damaged(path, e, "its header lacks the source or the date");
	f->payload = p;
	return PB_OK;
}

/* Checks the length and the checksum. */
static int check_whole(const char *path, struct sync_file *f, struct pb_error *e)
{
	size_t head = (size_t)(f->payload - f->buf);
	unsigned long long want = (unsigned long long)head + (unsigned long long)f->sum.payload_bytes + TRAILER_LEN;
	if (f->sum.payload_bytes < 0)
		return damaged(path, e, "its payload length is not readable");
	if ((unsigned long long)f->len < want)
		return pb_fail(e, PB_BAD_INPUT, "%s: the change set is cut short (%zu bytes where %llu were written); nothing was"
			       " changed — copy the whole file again, or export it again", path, f->len, want);
	const char *trailer = f->payload + f->sum.payload_bytes;
	if ((unsigned long long)f->len != want || memcmp(trailer, "sha256\t", 7) != 0 || trailer[TRAILER_LEN - 1] != '\n')
		return damaged(path, e, "it does not end where its header says");
	struct sha256 sha;
	char hex[65];
	sha256_init(&sha);
	sha256_update(&sha, f->buf, head + (size_t)f->sum.payload_bytes);
	sha256_hex(&sha, hex);
	if (memcmp(hex, trailer + 7, 64) != 0)
		return damaged(path, e, "its checksum does not match: it was changed or damaged on the way");
	memcpy(f->sum.sha256, hex, sizeof hex);
	return PB_OK;
}

/* Reads the entries of the payload and checks them against the header's ranges. */
static int read_entries(const char *path, struct sync_file *f, struct pb_error *e)
{
	const char *p = f->payload, *end = f->payload + f->sum.payload_bytes;
	long n = f->sum.entries;
	if (n < 0 || n > f->sum.payload_bytes)
		return damaged(path, e, "its count of entries is not readable");
	f->entries = calloc((size_t)(n ? n : 1), sizeof *f->entries);
	if (!f->entries)
		return pb_fail(e, PB_FAIL, "out of memory reading %s", path);
	long next[SYNC_MAX_ORIGINS];
	for (int i = 0; i < f->sum.nranges; i++)
		next[i] = f->sum.ranges[i].from_seq;
	for (long k = 0; k < n; k++) {
		struct sync_entry *x = &f->entries[k];
		char line[256], *v[6];
		if (next_line(&p, end, line, sizeof line) != 1 || fields(line, v, 6) != 5 || !is_identity(v[0]))
			return damaged(path, e, "an entry of its payload is not readable");
		snprintf(x->origin, sizeof x->origin, "%s", v[0]);
		x->seq = atol(v[1]);
		snprintf(x->at, sizeof x->at, "%s", v[2]);
		x->changes = atol(v[3]);
		long len = atol(v[4]);
		int r = 0;
		while (r < f->sum.nranges && strcmp(f->sum.ranges[r].origin, x->origin) != 0)
			r++;
		if (r == f->sum.nranges || x->seq != next[r] || len <= 0 || len > end - p)
			return damaged(path, e, "its entries do not match its header");
		next[r]++;
		x->range = r;
		x->data = p, x->len = (int)len;
		p += len;
	}
	for (int i = 0; i < f->sum.nranges; i++)
		if (next[i] != f->sum.ranges[i].to_seq + 1)
			return damaged(path, e, "its entries do not match its header");
	f->nentries = n;
	return p == end ? PB_OK : damaged(path, e, "its payload is longer than its entries");
}

int sync_file_read(const char *path, struct sync_file *f, struct pb_error *e)
{
	memset(f, 0, sizeof *f);
	snprintf(f->path, sizeof f->path, "%s", path);
	if (read_all(path, f, e) != PB_OK || read_header(path, f, e) != PB_OK || check_whole(path, f, e) != PB_OK ||
	    read_entries(path, f, e) != PB_OK) {
		int status = e->status;
		sync_file_free(f);
		return status;
	}
	return PB_OK;
}

int sync_file_each_line(const struct sync_file *f, char kind, int (*fn)(void *ctx, char **v, int n), void *ctx)
{
	const char *p = f->header_lines, *end = f->payload;
	char line[1024], *v[8];
	const char *want = kind == 'h' ? "held" : kind == 'p' ? "peer" : kind == 'q' ? "peerheld" : "count";
	while (next_line(&p, end, line, sizeof line) == 1) {
		int n = fields(line, v, 8);
		if (strcmp(v[0], want) == 0) {
			int status = fn(ctx, v + 1, n - 1);
			if (status != PB_OK)
				return status;
		}
	}
	return PB_OK;
}

struct count_lines {
	store_sync_count_fn fn;
	void *ctx;
};

static int count_line(void *ctx, char **v, int n)
{
	struct count_lines *c = ctx;
	if (n < 5)
		return PB_OK;
	struct sync_count_row r = {v[0], v[1], atol(v[2]), atol(v[3]), atol(v[4])};
	return c->fn(c->ctx, &r);
}

int sync_file_counts(const struct sync_file *f, store_sync_count_fn fn, void *ctx)
{
	struct count_lines c = {fn, ctx};
	return fn ? sync_file_each_line(f, 'c', count_line, &c) : PB_OK;
}

int store_sync_read_header(const char *path, struct sync_summary *out, struct pb_error *e)
{
	struct sync_file f;
	if (sync_file_read(path, &f, e) != PB_OK)
		return e->status;
	*out = f.sum;
	sync_file_free(&f);
	return PB_OK;
}
