/* sync.h — working apart, merging together: every database is a replica with its own identity; the changes made in
 * it are logged as SQLite session change sets, written to change-set files for other replicas, and applied from
 * theirs, with field conflicts on an action resolved by a documented rule (newest edit wins, per field).
 * Functions that can fail return a pb_status and fill the pb_error they are given (never NULL). */
#ifndef PB_STORE_SYNC_H
#define PB_STORE_SYNC_H

#include <stdbool.h>

#include "core/error.h"
#include "core/progress.h"
#include "store/store.h"

#define SYNC_ID_LEN 33	       /* 32 hex digits and the terminating NUL */
#define SYNC_NAME_LEN 64       /* a replica's name: "laptop-jo" */
#define SYNC_AT_LEN 24	       /* "2026-06-09T14:03:00Z" */
#define SYNC_MAX_ORIGINS 64    /* replicas whose changes one file may carry */
#define SYNC_FORMAT_VERSION 1  /* of the change-set file */

/* ---- identity ---- */

struct sync_identity {
	char id[SYNC_ID_LEN];	  /* random 128 bits, hex */
	char name[SYNC_NAME_LEN]; /* what people call it; defaults to the database file's name without ".db" */
	int slot;		  /* 1..1020: every row id this replica creates is this modulo 1021 */
	long seq;		  /* how many change sets it has logged of its own */
};
int store_sync_identity(struct store *s, struct sync_identity *out, struct pb_error *e);
/* Gives this database a fresh identity and slot (for a file copied with cp, which shares its original's): it then
 * counts as a new replica that already holds everything its original held. */
int store_sync_new_identity(struct store *s, struct sync_identity *out, struct pb_error *e);
int store_sync_set_name(struct store *s, const char *name, struct pb_error *e);
/* Makes a new replica at path (which must not exist): a consistent copy with a fresh identity and a slot no known
 * replica uses, both sides recording that each holds everything up to now. *out gets the new replica's identity. */
int store_sync_clone(struct store *s, const char *path, const char *name, struct sync_identity *out, struct pb_error *e);

/* How many bytes of recorded changes a transaction holds in memory before they are logged as a piece of it (the
 * default is SYNC_PIECE_BYTES of store/sync_internal.h); for tests, which want pieces from small transactions. */
void store_sync_set_piece_limit(struct store *s, long long bytes);

/* ---- peers ---- */

/* A replica this one has exchanged change sets with (or was cloned from or to). Strings live until fn returns. */
struct sync_peer_row {
	const char *id, *name;
	const char *last_sent_at;     /* when a change set was last written for it; "" never */
	const char *last_received_at; /* when a change set from it was last applied; "" never */
	long pending;		      /* logged change sets it is not known to hold and was not yet sent */
	long unacknowledged;	      /* sent to it but not yet known to have arrived */
};
typedef int (*store_sync_peer_fn)(void *ctx, const struct sync_peer_row *p);
/* Known peers, by name. */
int store_sync_each_peer(struct store *s, store_sync_peer_fn fn, void *ctx, struct pb_error *e);
/* A peer by name or by the first (at least 4) digits of its identity; PB_USAGE naming the text and the known peers
 * when none or several match ("" asks which, listing them). */
int store_sync_find_peer(struct store *s, const char *text, char id[SYNC_ID_LEN], struct pb_error *e);

/* ---- what a change set holds ---- */

/* One origin's run of change sets in a file: seq from..to of the replica origin. */
struct sync_range {
	char origin[SYNC_ID_LEN];
	char origin_name[SYNC_NAME_LEN];
	long from_seq, to_seq;
};

/* Counts of row changes for one plan and kind. plan is a plan code, or "" for what belongs to no plan (officers,
 * methods, reviews). kind: "actions", "leads", "revisions", "updates", "engagements", "reviews", "plans",
 * "officers", "methods", "audit". */
struct sync_count_row {
	const char *plan, *kind;
	long added, changed, deleted;
};
typedef int (*store_sync_count_fn)(void *ctx, const struct sync_count_row *c);

/* The header of a change set, or what one would hold. */
struct sync_summary {
	int format_version;
	char source[SYNC_ID_LEN], source_name[SYNC_NAME_LEN];
	char destination[SYNC_ID_LEN]; /* "" when written for anyone (--all with no peer) */
	char destination_name[SYNC_NAME_LEN];
	char created_at[SYNC_AT_LEN];
	long entries; /* change sets (transactions) carried */
	long changes; /* row changes in them */
	int nranges;
	struct sync_range ranges[SYNC_MAX_ORIGINS];
	long payload_bytes;
	char sha256[65]; /* of the payload, hex */
};

/* ---- export ---- */

struct sync_export_opts {
	const char *to;	   /* a peer (name or identity prefix); NULL: the only known peer, or anyone with all set */
	bool all;	   /* everything the destination is not known to hold, even if already sent (a lost file) */
	const char *since; /* YYYY-MM-DD: only what was logged on or after that day (the destination must hold the rest) */
	const struct progress_hook *progress; /* told of each change set written; may stop it (PB_INTERRUPTED) */
	store_sync_count_fn count;  /* told the counts per plan and kind; may be NULL */
	void *ctx;
};
/* What an export with o would write, without writing anything (for the Sync screen and `sync status`). */
int store_sync_pending(struct store *s, const struct sync_export_opts *o, struct sync_summary *out, struct pb_error *e);
/* Writes the change set for the destination to path atomically (a temporary file renamed into place, mode 0600), and
 * records it as sent. Nothing pending still writes a valid, empty file. */
int store_sync_export(struct store *s, const char *path, const struct sync_export_opts *o, struct sync_summary *out,
		      struct pb_error *e);

/* ---- import ---- */

/* A field changed both here and in the incoming change set, and how the rule resolved it. Strings live until fn
 * returns; values are "" for NULL. */
struct sync_conflict_row {
	const char *entity;	/* "action", "engagement", "revision", "lead", … */
	const char *ref;	/* "HIP-2627:SQ5", an engagement ref, or the row's id */
	const char *field;	/* "rag", "due_on", … ; "" for the row as a whole */
	const char *local_value, *local_who, *local_at;
	const char *incoming_value, *incoming_who, *incoming_at;
	bool incoming_won;
	const char *rule;	/* one line: "newer edit wins", "deleted here: the change is dropped", … */
	bool both_kept;		/* neither lost: both rows stay (a revision number used twice, renumbered) */
};
typedef int (*store_sync_conflict_fn)(void *ctx, const struct sync_conflict_row *c);

struct sync_import_opts {
	bool dry_run;			      /* apply inside a transaction and roll it back: a preview */
	const struct progress_hook *progress; /* told of each change set applied */
	store_sync_count_fn count;	      /* told the file's counts per plan and kind; may be NULL */
	store_sync_conflict_fn conflict;      /* told of every conflict (would-be, when dry_run); may be NULL */
	void *ctx;
};
struct sync_import_result {
	long entries_applied; /* change sets applied */
	long entries_skipped; /* already held here (a file imported twice changes nothing) */
	long changes;	      /* row changes applied */
	long conflicts;
};
/* Reads only the header and checks the whole file (magic, version, checksum, length); PB_BAD_INPUT naming the file
 * when damaged, truncated or not a change set. */
int store_sync_read_header(const char *path, struct sync_summary *out, struct pb_error *e);
/* Applies the file in one transaction. Refused with PB_BAD_INPUT and nothing written: a damaged, truncated or foreign
 * file, one from a database with this one's identity or slot, one out of order (naming what to import first). */
int store_sync_import(struct store *s, const char *path, const struct sync_import_opts *o, struct sync_summary *hdr,
		      struct sync_import_result *r, struct pb_error *e);
/* The same as store_sync_import with dry_run: what applying the file would do, changing nothing. */
int store_sync_preview(struct store *s, const char *path, const struct sync_import_opts *o, struct sync_summary *hdr,
		       struct sync_import_result *r, struct pb_error *e);

#endif
