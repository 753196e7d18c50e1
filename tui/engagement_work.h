/* engagement_work.h — what the Tenant Experience screens share: their views and arguments, the list's filter, saving a
 * change to a record or a method as one undoable step, and how a record's dates, tenants and frequency read. */
#ifndef PB_ENGAGEMENT_WORK_H
#define PB_ENGAGEMENT_WORK_H

#include <stdbool.h>
#include <stddef.h>

#include "store/engagements.h"
#include "tui/ui.h"

/* The screens (one file each). */
extern const struct view_ops view_engagement_filter;  /* view_engagement_filter.c; arg: const struct engagement_filter_arg * */
extern const struct view_ops view_engagement_detail;  /* view_engagement_detail.c; arg: const long * record id */
extern const struct view_ops view_engagement_edit;    /* view_engagement_edit.c; arg: const struct engagement_form_arg * */
extern const struct view_ops view_engagement_link;    /* view_engagement_link.c; arg: const long * record id */
extern const struct view_ops view_engagement_summary; /* view_engagement_summary.c; arg: const struct engagement_filter_state * or NULL */
extern const struct view_ops view_methods;	      /* view_methods.c: the list of methods; arg: NULL */

/* The list's filter as the user set it; "" and -1 mean any. Kept by the list, changed by the filter form. */
struct engagement_filter_state {
	char team[200], method[128], formality[16];
	char held[128];				   /* the dates as typed ("Apr-25 to Mar-26") */
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN]; /* what they were read as */
	int we_did;				   /* -1 any, 0 none recorded yet, 1 recorded */
	char search[256];
	long action_id;	   /* > 0: only the records linked to this action */
	char action[200];  /* that action, "HIP-2526 TIA4 Review the …" */
	unsigned gen;	   /* changes whenever the filter does */
};

/* What the filter form changes (in place, when it is applied), and the field it starts on. */
enum engagement_filter_field { EF_TEAM, EF_METHOD, EF_FORMALITY, EF_HELD, EF_WE_DID, EF_SEARCH, EF_NFIELDS };
struct engagement_filter_arg {
	struct engagement_filter_state *state;
	enum engagement_filter_field field;
};

/* What the list opens with (arg of view_engagement, may be NULL for every record). */
struct engagement_list_arg {
	long action_id;
	char action[200];
};

/* What the form edits: record id, or a new one (0); *saved (may be NULL) gets the id saved. A new record is linked
 * to action link_action (0: none) in the same step, named action. */
struct engagement_form_arg {
	long id;
	long *saved;
	long link_action;
	const char *action;
};

void engagement_filter_reset(struct engagement_filter_state *f);
/* The store filter for f; its strings point into f. */
void engagement_filter_for_store(const struct engagement_filter_state *f, struct engagement_filter *out);
/* Whether anything but the action narrows the list. */
bool engagement_filtered(const struct engagement_filter_state *f);
/* "team Tenant Liaison…, no \"we did\" yet, held 1 Apr 2025 – 31 Mar 2026"; "" when none. */
void engagement_filter_describe(const struct engagement_filter_state *f, char *out, size_t len);

/* What a step changes: a record (its fields or links), a record by deleting it, or a method. */
enum engagement_target { ENGAGEMENT_RECORD, ENGAGEMENT_DELETION, ENGAGEMENT_METHOD };
/* A change to record (or method) *id made inside engagement_save's transaction (a new one sets *id). */
typedef int (*engagement_change_fn)(struct store *s, long *id, const void *ctx, struct pb_error *e);
/* Saves change as one undoable step named what ("ENG-025: new engagement record", "ENG-025 deleted (…)"), on record
 * or method id (0: a new one): the status line says what was saved (or deleted) and that z undoes it; *saved (may be
 * NULL) gets the id. Returns a pb_status; on failure e says why and nothing was written. */
int engagement_save(struct ui *ui, enum engagement_target target, long id, const char *what, engagement_change_fn change,
		    const void *ctx, long *saved, struct pb_error *e);
/* True, with a message on the status line, when the database is read-only and doing must be refused. */
bool engagement_read_only(struct ui *ui, const char *doing);

/* The frequencies a record can have, "" (not said) first, NULL-ended; and each as people say it. */
extern const char *const engagement_frequencies[];
const char *engagement_frequency_label(const char *code);
/* When it was held: "12 May 2026", "1 Apr 2025 – 31 Mar 2026", "from 1 Jun 2024"; short: "12 May 26",
 * "Apr 25–Mar 26"; with no date, the first line of the timing as written, or "". */
void engagement_when(const struct engagement_row *g, bool utf8, bool shortform, char *out, size_t len);
/* Tenants as counted: "c. 25 per event", "950", "unknown"; short: "c. 25/event". */
void engagement_tenants(const struct engagement_row *g, bool shortform, char *out, size_t len);

#endif
