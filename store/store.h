/* store.h — the one SQLite file: opening it, and every read and write the program makes.
 * Functions that can fail return a pb_status and fill the pb_error they are given (never NULL). */
#ifndef PB_STORE_H
#define PB_STORE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/csvio.h"
#include "core/date.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/rag.h"

struct store;

enum store_open_flags {
	STORE_CREATE = 1,    /* create the file (mode 0600) if it does not exist */
	STORE_READ_ONLY = 2,
	STORE_BACKUP_LATER = 4, /* the first open of the day takes its check and backup in the background (the workbench) */
};

/* Opens (and migrates, after a backup) the database at path (":memory:" for a private in-memory one).
 * *out is freed by store_close. */
int store_open(const char *path, int flags, struct store **out, struct pb_error *e);
void store_close(struct store *s);
/* Who the audit trail names for the changes that follow. */
void store_set_actor(struct store *s, const char *who);
const char *store_actor(const struct store *s);
void store_set_today(struct store *s, struct date today);
struct date store_today(const struct store *s);
struct rag_rules store_rag_rules(const struct store *s);
int store_schema_version(void);
/* The version of the SQLite library in use. */
const char *store_sqlite_version(void);

/* Transactions nest: only the outermost commit writes; a rollback undoes back to its own begin. */
int store_begin(struct store *s, struct pb_error *e);
int store_commit(struct store *s, struct pb_error *e);
void store_rollback(struct store *s);

/* ---- import and export (store/import.c, store/export.c) ---- */

struct store_import_opts {
	const char *plan; /* plan code for files without a plan column */
	bool dry_run;	  /* check everything, write nothing */
	const struct progress_hook *progress; /* told of each row read; may stop the import (PB_INTERRUPTED); may be NULL */
};

struct store_import_result {
	long rows, added, changed, unchanged;
	long officers_created;
};

/* Imports one CSV text of the given kind in a single transaction: any error
 * (naming name, the row and the column) leaves the database as it was. */
int store_import(struct store *s, enum csvio_kind kind, const char *name, const char *data, size_t len,
		 const struct store_import_opts *o, struct store_import_result *r, struct pb_error *e);
/* Writes every row of a kind (of one plan when plan is not NULL) in canonical form. */
int store_export(struct store *s, enum csvio_kind kind, const char *plan, FILE *out, struct pb_error *e);

/* ---- plans ---- */

/* A plan, without counting its actions (the navigator counts them for every view at once), so that listing the
 * plans stays cheap enough for a keystroke at any size. */
struct plan_row {
	long id;
	const char *code, *title, *kind, *starts_on, *ends_on;
};
typedef int (*store_plan_fn)(void *ctx, const struct plan_row *p);
int store_each_plan(struct store *s, store_plan_fn fn, void *ctx, struct pb_error *e);
bool store_has_plan(struct store *s, const char *code);
/* The plan's first day; an error naming the plan when it has none or does not exist. */
int store_plan_start(struct store *s, const char *code, struct date *start, struct pb_error *e);

/* ---- actions (store/actions.c) ---- */

struct action_filter {
	const char *plan;     /* plan code, or NULL for all */
	long owner_id;	      /* 0 for anyone */
	bool overdue;	      /* past the current target and not complete */
	int due_within;	      /* > 0: due in the next N days (not overdue) */
	char rag;	      /* set RAG letter, or 0 */
	const char *status;   /* canonical status, or NULL */
	const char *search;   /* full-text query, or NULL */
	bool rag_mismatch;    /* set and computed RAG disagree */
	long section_id;      /* > 0: in that section or any section under it */
	char rag_any;	      /* set or computed RAG letter, or 0 */
	const char *due_from; /* current target on or after this ISO date, or NULL */
	const char *due_to;   /* current target on or before this ISO date, or NULL */
	long also_owner_id;   /* > 0: a second officer who must also lead the action */
	long search_cap;      /* > 0 with a search: when the search matches more actions than this, only the first this
			       * many found are listed (in the order asked, plan order for SORT_RANK), and the count is
			       * this plus one to say "more"; one that matches more than STORE_SEARCH_RANKED is not ranked
			       * (plan order for SORT_RANK); 0: every match, however many, ranked (see STORE_SEARCH_CAP) */
};

/* What the workbench's search lists at most as it is typed ("1,000+" when more match), and how many it ranks at most:
 * ranking reads every document that matches, a few milliseconds for 200 actions' text and updates. */
#define STORE_SEARCH_CAP 1000
#define STORE_SEARCH_RANKED 200

enum action_sort {
	SORT_PLAN,    /* plan, then the order of the plan */
	SORT_DUE,     /* current target date */
	SORT_OVERDUE, /* most days overdue first */
	SORT_REF,     /* ref in natural order: 2.9 before 2.10 */
	SORT_OWNER,
	SORT_RAG,
	SORT_RANK,    /* best full-text match first (plan order when there is no search) */
};

#define DAYS_NONE (-999999L)

/* One row of a list; the strings live until the callback returns. */
struct action_row {
	long id;
	const char *plan, *ref, *section, *title, *leads, *due_on, *due_text, *status, *completed_on;
	enum rag rag, rag_computed;
	long days_over; /* today - due when past due and not complete, else DAYS_NONE */
	int revisions;
};
typedef int (*store_action_fn)(void *ctx, const struct action_row *row);

int store_list_actions(struct store *s, const struct action_filter *f, enum action_sort sort,
		       long offset, long limit, store_action_fn fn, void *ctx, struct pb_error *e);
int store_count_actions(struct store *s, const struct action_filter *f, long *count, struct pb_error *e);

/* ---- what the workbench browses by (store/actions.c, store/sections.c, store/officers.c) ---- */

/* Actions matching f per plan and section (section_id 0: no section), one call each. */
typedef int (*store_section_count_fn)(void *ctx, const char *plan, long section_id, long count);
int store_count_by_section(struct store *s, const struct action_filter *f, store_section_count_fn fn, void *ctx,
			   struct pb_error *e);
/* The navigator's counts: how many actions each of views[0..n) matches into counts[], and base's per plan and section
 * as store_count_by_section gives them. A filter of an owner, a plan, overdue or due soon alone is counted from the
 * counts triggers keep (schema 6), and so is the tree of every action or an owner's: a few hundred rows at any size.
 * Under an owner filter with more terms, one pass over the owner's actions when every view is base with more terms;
 * else a count each. */
int store_count_nav(struct store *s, const struct action_filter *base, const struct action_filter *views, int n,
		    long *counts, store_section_count_fn fn, void *ctx, struct pb_error *e);
/* Where a search matches an action best: kind "action", "update" or "engagement" ("" when nowhere), the update's
 * period or the engagement's title, and a few words around the match with each matched word between \x01 and \x02. */
struct search_snippet {
	char kind[16], label[200], text[1024];
};
int store_search_snippet(struct store *s, long action_id, const char *typed, struct search_snippet *out, struct pb_error *e);

/* A plan's sections as a tree: parents before their children, each level in plan order. */
struct section_row {
	long id, parent_id; /* parent_id 0 at the top */
	const char *code, *title;
	int depth;	    /* 0 at the top */
};
typedef int (*store_section_fn)(void *ctx, const struct section_row *r);
int store_each_section(struct store *s, const char *plan, store_section_fn fn, void *ctx, struct pb_error *e);
/* Officers whose name, or a word of it, or an alias begins with typed (any spelling), by name; at most limit. */
typedef int (*store_name_fn)(void *ctx, const char *name);
int store_each_officer_match(struct store *s, const char *typed, int limit, store_name_fn fn, void *ctx, struct pb_error *e);

/* An officer by name or alias, any spelling (core/names.h); PB_BAD_INPUT naming the text when none. */
int store_find_officer(struct store *s, const char *name, long *id, char *canonical, size_t len, struct pb_error *e);
/* An action by ref, in plan when given; a ref found in several plans asks for --plan. */
int store_find_action(struct store *s, const char *plan, const char *ref, long *id, struct pb_error *e);

/* Everything about one action; strings are owned and freed by store_action_free. */
struct action_detail {
	long id;
	char *plan, *plan_title, *plan_start, *ref, *section, *section_title, *title, *description, *measure,
		*target, *outcome, *leads, *status, *rag_reason, *due_text, *due_on, *due_state, *due_precision,
		*completed_on, *created_at, *updated_at;
	enum rag rag, rag_computed;
	long days_over;
	int revisions;
	char original_due[DATE_ISO_LEN]; /* the first target date, "" when none */
	bool reason_before_complete;	 /* rag_reason was given before the RAG went COMPLETE, under reason_rag */
	enum rag reason_rag;
};
int store_get_action(struct store *s, long id, struct action_detail *d, struct pb_error *e);
void store_action_free(struct action_detail *d);

struct revision_row {
	int seq;
	const char *from_on, *to_on, *to_text, *reason, *changed_on, *changed_by;
};
struct update_row {
	long id;
	const char *period, *noted_on, *author, *text;
};
struct engagement_link_row {
	const char *ref, *title, *held_on;
};
typedef int (*store_revision_fn)(void *ctx, const struct revision_row *r);
typedef int (*store_update_fn)(void *ctx, const struct update_row *u);
typedef int (*store_engagement_link_fn)(void *ctx, const struct engagement_link_row *g);
int store_each_revision(struct store *s, long action_id, store_revision_fn fn, void *ctx, struct pb_error *e);
/* Newest first. */
int store_each_update(struct store *s, long action_id, store_update_fn fn, void *ctx, struct pb_error *e);
int store_each_engagement_of(struct store *s, long action_id, store_engagement_link_fn fn, void *ctx, struct pb_error *e);

/* One entry of the audit trail: field is "" for the creation or deletion of the action itself. */
struct audit_row {
	const char *at, *who, *field, *old_value, *new_value;
};
typedef int (*store_audit_fn)(void *ctx, const struct audit_row *a);
/* Every recorded change to the action, oldest first. */
int store_each_audit(struct store *s, long action_id, store_audit_fn fn, void *ctx, struct pb_error *e);

/* ---- changes to an action (store/update.c); each is one audited transaction ---- */

int store_add_update(struct store *s, long action_id, const char *period, const char *text, struct pb_error *e);
int store_set_status(struct store *s, long action_id, const char *status, struct pb_error *e);
/* A reason is required when rag disagrees with the computed RAG. */
int store_set_rag(struct store *s, long action_id, enum rag rag, const char *reason, struct pb_error *e);
/* Reads text as a target date (core/when.h) and records a revision; reason required. */
int store_revise_due(struct store *s, long action_id, const char *text, const char *reason, struct pb_error *e);
int store_complete(struct store *s, long action_id, struct date on, struct pb_error *e);

/* Why set and computed RAG disagree, in words: "set GREEN, computed RED: 9 days overdue, revised twice (31 May 2026)". */
void store_mismatch_reason(const struct action_row *row, struct date today, char *out, size_t outlen);
/* The RAG reason as shown: said to be the earlier RAG's when it was given before the RAG went COMPLETE. */
void store_rag_reason_text(const struct action_detail *d, char *out, size_t outlen);

/* ---- checks (store/check.c) ---- */
typedef int (*store_problem_fn)(void *ctx, const char *problem);
/* Integrity and consistency checks; fn is called once per problem found. */
int store_check(struct store *s, store_problem_fn fn, void *ctx, long *problems, struct pb_error *e);

#endif
