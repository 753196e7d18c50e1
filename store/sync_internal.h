/* sync_internal.h — what the files of working apart share (store/sync.c, store/sync_file.c, store/sync_apply.c). */
#ifndef PB_STORE_SYNC_INTERNAL_H
#define PB_STORE_SYNC_INTERNAL_H

#include <sqlite3.h>

#include "store/internal.h"
#include "store/sync.h"

/* A row id made here is a multiple of this plus the replica's slot. Not a power of two: ids that all ended in the same
 * bits would fall into a few buckets of the session extension's hash table and make recording quadratic. */
#define SYNC_SLOTS 1021

/* The tables whose changes travel, parents before children (a change set applies them in this order). Settings and
 * snapshots stay with their database; the search index is rebuilt by each database's own triggers. */
struct sync_table {
	const char *name;
	const char *kind;     /* what sync_count_row calls its rows */
	const char *audit;    /* the audit trail's entity for its field changes, or NULL */
	int action_col;	      /* column holding the action id (the action's own id for action), or -1 */
	int plan_col;	      /* column holding the plan id, or -1 */
	bool new_ids;	      /* its rows take ids from pb_new_id */
};
extern const struct sync_table sync_tables[];
extern const int sync_ntables;
const struct sync_table *sync_table_named(const char *name);

struct store_sync {
	sqlite3_session *session; /* NULL when changes are not recorded (read-only, a scratch copy) */
	bool applying;		  /* a change set from elsewhere is being applied: not audited, not recorded */
	struct sync_identity me;
	sqlite3_stmt *max_id[32]; /* SELECT max(id) per table of sync_tables (and snapshot), made when first needed */
	sqlite3_int64 piece_limit; /* bytes of session memory past which a transaction is logged in pieces */
};

/* The default piece_limit: a few MB of recorded changes, a few thousand rows of an import. */
#define SYNC_PIECE_BYTES (8 << 20)

/* Row counts per plan and kind, gathered from change sets. */
struct sync_counts {
	struct sync_count_acc {
		char plan[64];
		const char *kind;
		long added, changed, deleted;
	} *rows;
	int n, cap;
};
/* Adds every change of the change set to c; the plan of each is read from the database (or the change itself). */
int sync_count_changeset(struct store *s, struct sync_counts *c, const void *data, int len, struct pb_error *e);
int sync_counts_report(const struct sync_counts *c, store_sync_count_fn fn, void *ctx);
void sync_counts_free(struct sync_counts *c);

/* Turns a session or change-set call's failure into a message. */
int sync_fail(struct store *s, struct pb_error *e, int rc, const char *doing);
/* Records peer as known (name and slot updated when given). */
int sync_remember_peer(struct store *s, const char *peer, const char *name, int slot, struct pb_error *e);
/* The name of a replica known here (this one, a peer or an origin); "" when unknown. */
void sync_replica_name(struct store *s, const char *id, char *out, size_t len);
/* "2026-06-09T14:03:00Z" for now. */
void sync_now(char out[SYNC_AT_LEN]);

#endif
