/* review.h — one-to-one reviews: the agenda's groups in the order a team leader takes them, the reason an agreed
 * target date is saved with, and the review sheet written as Markdown (printed, or pasted into Word) or CSV
 * (no SQL: store/review.c feeds it). */
#ifndef PB_REVIEW_H
#define PB_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/rag.h"

/* The agenda's groups, in the order they are taken; each action is in the first that applies. */
enum review_group {
	REVIEW_OVERDUE,	 /* past its current target and not complete: most overdue first */
	REVIEW_MISMATCH, /* the RAG set disagrees with the computed one */
	REVIEW_DUE_SOON, /* due within the next month */
	REVIEW_CHANGED,	 /* changed since the last finished review (or --since) */
	REVIEW_OTHER,	 /* everything else */
	REVIEW_NGROUPS
};

/* "overdue", "mismatch", "due_soon", "changed", "other": how the database and CSV write a group. */
const char *review_group_key(enum review_group g);
/* The group a key names; -1 when none. */
int review_group_from_key(const char *key);
/* "Overdue", "RAG mismatch", "Due within a month", "Changed since the last review", "Everything else". */
const char *review_group_name(enum review_group g);

/* Where one action of a review stands. */
enum review_state {
	REVIEW_ITEM_NONE,	   /* not part of a review (the agenda as it is now) */
	REVIEW_ITEM_PENDING,	   /* not taken yet */
	REVIEW_ITEM_DISCUSSED,	   /* notes, a next step or a new date recorded */
	REVIEW_ITEM_NOT_DISCUSSED, /* marked so, or left untaken when the review was finished */
};
/* "", "to take", "discussed", "not discussed". */
const char *review_state_name(enum review_state s);

/* The reason a target date agreed at a one-to-one is revised with: "agreed at 1:1 on 9 Jun 2026". */
void review_agreed_reason(struct date held_on, char *out, size_t outlen);

/* ---- the review sheet ---- */

enum review_format { REVIEW_MD, REVIEW_CSV };
/* "md", "csv" → the format; -1 when unknown. */
int review_format_from_name(const char *name);

/* What the sheet is of; strings belong to the caller ("" when unknown). */
struct review_sheet_meta {
	const char *officer, *role, *team;
	struct date held_on;  /* the review's day (today for the agenda as it is now) */
	const char *reviewer; /* "" for the agenda as it is now */
	bool saved;	      /* a review that was started; else the agenda as it is now */
	bool finished;	      /* a saved review that was finished */
	const char *since_on; /* changes count after this day (ISO); "" when nothing counts as changed */
	bool since_given;     /* since_on was asked for (--since), rather than the last review's day */
	long counts[REVIEW_NGROUPS];
};

/* One action on the sheet; strings belong to the caller, "" when unknown. */
struct review_sheet_row {
	enum review_group group;
	const char *plan, *ref, *title;
	const char *due_on, *due_text; /* the target (for a saved review, as it was when the review began) */
	long days_over;		       /* > 0 when it was overdue */
	enum rag rag, rag_computed;
	const char *update_period, *update_on, *update_author, *update_text; /* the latest progress update */
	const char *next_step, *agreed_on; /* the agreed next step and the day it was agreed */
	const char *new_due_on;		   /* a new target date agreed (ISO) */
	const char *notes;		   /* what was said (a saved review) */
	enum review_state state;
};

/* Streams the sheet: begin (title, the facts, the counts per group), one row per action in agenda order (each group
 * gets its heading and table), end. */
struct review_sheet {
	FILE *out;
	enum review_format format;
	struct review_sheet_meta meta;
	int group; /* the group whose table is open, -1 for none */
	long rows;
};

void review_sheet_begin(struct review_sheet *w, FILE *out, enum review_format format, const struct review_sheet_meta *m);
void review_sheet_row(struct review_sheet *w, const struct review_sheet_row *r);
/* Closes the sheet; -1 when writing to out failed. */
int review_sheet_end(struct review_sheet *w);

#endif
