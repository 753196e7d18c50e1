/* review.h — one-to-one reviews: the agenda of everything an officer leads across all plans, in the order a team
 * leader takes it (core/review.h); starting a review (which keeps that agenda as it stood), recording per action the
 * notes, the agreed next step and a new target date (a revision "agreed at 1:1 on …"), marking an action not
 * discussed, finishing and listing reviews, and the review sheet. Every change is one audited transaction; functions
 * that fail return a pb_status and fill e. */
#ifndef PB_STORE_REVIEW_H
#define PB_STORE_REVIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "core/review.h"
#include "store/store.h"

/* What counts as "changed since": progress updates noted and target dates revised after the day `after`, and any
 * audit entry about the action (other than one-to-one notes) with an id above audit_mark. */
struct review_since {
	bool any;		       /* false: nothing counts as changed (no earlier review, no --since) */
	char on[DATE_ISO_LEN];	       /* the day shown: "changed since 12 May 2026" */
	char after[DATE_ISO_LEN];      /* updates and revisions dated after this day count */
	long audit_mark;
};

/* Since the officer's last finished review: its day, and the audit entry that finished it; any is false when there
 * is none. */
int store_review_since_last(struct store *s, long officer_id, struct review_since *out, struct pb_error *e);
/* Since the start of day (--since): everything dated or recorded on it or later. */
int store_review_since_day(struct store *s, struct date day, struct review_since *out, struct pb_error *e);

/* Actions per group, and in all. */
struct review_counts {
	long n[REVIEW_NGROUPS];
	long total;
};

/* One action of an agenda; strings live until the callback returns. */
struct review_item_row {
	struct action_row action; /* the action as it is now */
	enum review_group group;
	long position;		  /* its place in the agenda, from 1 */
	/* a review's record of it; item_id 0 and state REVIEW_ITEM_NONE for the agenda as it is now */
	long item_id;
	enum review_state state;
	const char *notes, *next_step, *new_due_on;
	const char *due_then;		  /* its target when the review began */
	enum rag rag_then, rag_computed_then;
};
typedef int (*store_review_item_fn)(void *ctx, const struct review_item_row *r);

/* The agenda of officer_id as it is now (today, changes counted after since), in agenda order, one page. */
int store_review_agenda_counts(struct store *s, long officer_id, const struct review_since *since, struct review_counts *c,
			       struct pb_error *e);
int store_review_agenda(struct store *s, long officer_id, const struct review_since *since, long offset, long limit,
			store_review_item_fn fn, void *ctx, struct pb_error *e);

/* ---- reviews ---- */

/* A review, copied out of the database. */
struct review_info {
	long id, officer_id;
	char officer[128], reviewer[128];
	char held_on[DATE_ISO_LEN]; /* the day it began, then the day it was finished */
	char finished_at[32];	    /* wall-clock time, UTC; "" while in progress */
	bool finished;
	struct review_since since;  /* what its "changed since" group counted from */
	long items, taken, discussed;
};
typedef int (*store_review_fn)(void *ctx, const struct review_info *r);

/* Starts a review of officer_id (today, by the actor), keeping the agenda as it is now; or, when one of the officer's
 * is in progress, resumes it (*resumed), adding any action the officer has come to lead since it began. *id gets
 * the review. */
int store_review_start(struct store *s, long officer_id, long *id, bool *resumed, struct pb_error *e);
/* The review with this id; PB_BAD_INPUT when there is none. */
int store_review_get(struct store *s, long id, struct review_info *out, struct pb_error *e);
/* Every review, those in progress first, then the newest first; one page. */
int store_review_count(struct store *s, long *n, struct pb_error *e);
int store_review_list(struct store *s, long offset, long limit, store_review_fn fn, void *ctx, struct pb_error *e);

/* A review's agenda as it stood when it began, with what was recorded; counts per group, and one page. */
int store_review_item_counts(struct store *s, long review_id, struct review_counts *c, struct pb_error *e);
int store_review_items(struct store *s, long review_id, long offset, long limit, store_review_item_fn fn, void *ctx,
		       struct pb_error *e);

/* A review's agenda as runs of actions of one group, in agenda order: the group, the first position, how many. */
typedef int (*store_review_run_fn)(void *ctx, enum review_group g, long first, long n);
int store_review_runs(struct store *s, long review_id, store_review_run_fn fn, void *ctx, struct pb_error *e);

/* The position of the first action still to take after position `after`, else the first from the top; 0 when every
 * action has been taken. */
int store_review_next_pending(struct store *s, long review_id, long after, long *position, struct pb_error *e);

/* What is recorded for one action: notes and next step ("" or NULL for none; white space around is dropped), and a
 * new target date as officers write it ("Jul-26", "31/07/2026"; NULL or "" for none). A new date other than the
 * current target becomes a revision with the reason "agreed at 1:1 on <today>", in the same transaction. Once a new
 * date has been agreed it can be moved again but not taken away. */
struct review_record {
	const char *notes, *next_step, *new_due;
};
int store_review_record(struct store *s, long review_id, long action_id, const struct review_record *r, struct pb_error *e);
/* Marks the action not discussed (not_discussed), or back to be taken; refused when notes, a next step or a date
 * are recorded for it. */
int store_review_mark(struct store *s, long review_id, long action_id, bool not_discussed, struct pb_error *e);
/* Finishes the review: today, by the actor; actions not taken are recorded as not discussed. */
int store_review_finish(struct store *s, long review_id, struct pb_error *e);
/* Deletes a review in progress and what it recorded (revisions it made stay: they are the plan's record). */
int store_review_discard(struct store *s, long review_id, struct pb_error *e);

/* ---- one action in a review ---- */

/* The progress updates of an action, newest first; fresh when it came after since. */
typedef int (*store_review_update_fn)(void *ctx, const struct update_row *u, bool fresh);
int store_review_each_update(struct store *s, long action_id, const struct review_since *since, store_review_update_fn fn,
			     void *ctx, struct pb_error *e);

/* What the finished review before review_id (held before held_on) recorded for the action. */
struct review_earlier_row {
	long review_id, officer_id; /* officer_id: whose 1:1 it was (a jointly led action is on each lead's agenda) */
	const char *officer, *held_on, *reviewer, *notes, *next_step, *new_due_on;
	enum review_state state;
};
typedef int (*store_review_earlier_fn)(void *ctx, const struct review_earlier_row *r);
/* Calls fn once with the latest such record, or not at all when there is none. */
int store_review_earlier(struct store *s, long action_id, long review_id, const char *held_on, store_review_earlier_fn fn,
			 void *ctx, struct pb_error *e);

/* ---- the review sheet ---- */

/* The agenda of officer_id as it is now, with each action's target, RAG, latest update and last agreed next step;
 * changes counted since (NULL: since the last finished review). */
int store_review_sheet(struct store *s, long officer_id, const struct review_since *since, enum review_format format,
		       FILE *out, struct pb_error *e);
/* A review as it was held: its agenda, each action's target and RAG when it began, the latest update by its day,
 * and what was recorded. */
int store_review_sheet_saved(struct store *s, long review_id, enum review_format format, FILE *out, struct pb_error *e);

#endif
