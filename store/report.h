/* report.h — snapshots of every action at a quarter end (taken, listed, read; never changed), and the queries
 * behind the RAG report: counts per top-level section now and at a snapshot, its lists, the latest update per action. */
#ifndef PB_STORE_REPORT_H
#define PB_STORE_REPORT_H

#include <stdio.h>

#include "core/report.h"
#include "store/store.h"

/* One snapshot, copied out of the database. */
struct snapshot_info {
	long id;
	char label[256];
	char taken_on[DATE_ISO_LEN]; /* the program's today when it was taken */
	char taken_at[32];	     /* wall-clock time, UTC */
	long actions;
};

/* Records every action's status, set RAG, computed RAG and target date under label, in one transaction.
 * An empty label is PB_USAGE; a label already taken (in any case) is PB_BAD_INPUT and nothing is written. */
int store_snapshot_take(struct store *s, const char *label, struct snapshot_info *out, struct pb_error *e);
/* The snapshot with this label (any case); PB_BAD_INPUT naming it, and saying how to list them, when none. */
int store_find_snapshot(struct store *s, const char *label, struct snapshot_info *out, struct pb_error *e);

/* Every snapshot, oldest first; the strings live until the callback returns. */
struct snapshot_row {
	long id;
	const char *label, *taken_on, *taken_at;
	long actions;
};
typedef int (*store_snapshot_fn)(void *ctx, const struct snapshot_row *r);
int store_each_snapshot(struct store *s, store_snapshot_fn fn, void *ctx, struct pb_error *e);

/* One action as a snapshot holds it. */
struct snapshot_action_row {
	const char *plan, *ref, *status, *due_on;
	enum rag rag, rag_computed;
};
typedef int (*store_snapshot_action_fn)(void *ctx, const struct snapshot_action_row *r);
/* The actions of one snapshot (of one plan when plan is not NULL), in plan order. */
int store_each_snapshot_action(struct store *s, long snapshot_id, const char *plan, store_snapshot_action_fn fn, void *ctx,
			       struct pb_error *e);

/* ---- the report ---- */

/* Fills p (initialised here; free it with report_plan_free) with the plan's top-level sections and their counts
 * now, and at snap when it is not NULL. plan is a code in any case; PB_BAD_INPUT naming it when there is none. */
int store_report_counts(struct store *s, const char *plan, const struct snapshot_info *snap, struct report_plan *p,
			struct pb_error *e);

/* The report's lists, one action (or revision) per call; the item's strings live until the callback returns. */
typedef int (*store_report_item_fn)(void *ctx, const struct report_item *it);
/* Overdue actions, most days over first. */
int store_report_each_overdue(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e);
/* Set RAG that the computed one contradicts, with why (store_mismatch_reason) in item->note. */
int store_report_each_mismatch(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e);
/* Target-date revisions made since the snapshot, oldest first, the reason in item->note. A revision dated the day the
 * snapshot was taken counts as after it unless the snapshot already holds its new date. */
int store_report_each_revised(struct store *s, const char *plan, const struct snapshot_info *snap, store_report_item_fn fn,
			      void *ctx, struct pb_error *e);
/* Actions complete now that were not at the snapshot. */
int store_report_each_completed(struct store *s, const char *plan, const struct snapshot_info *snap,
				store_report_item_fn fn, void *ctx, struct pb_error *e);
/* Every action in section-tree order with its latest progress update: the council's per-section table. */
int store_report_each_latest(struct store *s, const char *plan, store_report_item_fn fn, void *ctx, struct pb_error *e);

struct store_report_opts {
	const char *plan;    /* a plan code, or NULL for every plan */
	const char *compare; /* a snapshot label, or NULL */
	enum report_format format;
};
/* The whole report to out. An unknown plan or snapshot is PB_BAD_INPUT before anything is written. */
int store_report_write(struct store *s, const struct store_report_opts *o, FILE *out, struct pb_error *e);

#endif
