/* engagements.h — tenant engagement records: filtered, paged lists, one record in full, the summary's facts, the
 * records' writes (add, edit, delete, links to actions) and the list of methods, each write one audited transaction
 * that the session's undo (store/undo.c) can take back. */
#ifndef PB_STORE_ENGAGEMENTS_H
#define PB_STORE_ENGAGEMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/engagement.h"
#include "store/store.h"

struct engagement_filter {
	const char *team;      /* exact team name, or NULL */
	const char *method;    /* method name (any case), or NULL */
	const char *formality; /* "formal", "informal", "other", or NULL */
	const char *from, *to; /* ISO dates: held within (a range overlapping), or NULL */
	int we_did;	       /* -1 any, 0 without a "we did", 1 with one */
	const char *search;    /* full-text query, or NULL */
	long action_id;	       /* > 0: only the records linked to this action */
};

/* One record of a list; strings live until the callback returns. */
struct engagement_row {
	long id;
	const char *ref, *title, *team, *method, *formality, *location, *held_on, *held_until, *when_text, *frequency,
		*tenants_basis, *tenants_scope, *tenants_text, *standard, *summary, *you_said, *we_did;
	long tenants; /* -1 when not known */
	int actions;  /* linked actions */
	const char *created_at, *updated_at;
};
typedef int (*store_engagement_fn)(void *ctx, const struct engagement_row *g);

/* By date (undated last), then ref; limit < 0 for all. */
int store_list_engagements(struct store *s, const struct engagement_filter *f, long offset, long limit,
			   store_engagement_fn fn, void *ctx, struct pb_error *e);
int store_count_engagements(struct store *s, const struct engagement_filter *f, long *count, struct pb_error *e);
/* Where record id comes in the list f selects (0 first); -1 when f does not select it. */
int store_engagement_index(struct store *s, const struct engagement_filter *f, long id, long *index, struct pb_error *e);
/* The actions an engagement informed, as "PLAN REF title" rows through fn. */
int store_each_action_of_engagement(struct store *s, long engagement_id, store_action_fn fn, void *ctx, struct pb_error *e);
/* Record id through fn; PB_BAD_INPUT naming the id when there is none (deleted since, perhaps). */
int store_get_engagement(struct store *s, long id, store_engagement_fn fn, void *ctx, struct pb_error *e);
/* Every recorded change to the record, oldest first: field "" for its creation or deletion. */
int store_each_engagement_audit(struct store *s, long id, store_audit_fn fn, void *ctx, struct pb_error *e);
/* The teams the records name, each once, by name. */
int store_each_engagement_team(struct store *s, store_name_fn fn, void *ctx, struct pb_error *e);

/* ---- the summary: engagements and tenants reached by method, team and quarter ---- */

/* What the summary needs of a row (core/engagement.h); the fact's strings point into g. */
void store_engagement_fact(const struct engagement_row *g, struct engagement_fact *f);
/* Fills by[SUMMARY_METHOD], by[SUMMARY_TEAM] and by[SUMMARY_QUARTER] (started here, finished, sorted) from every
 * record f selects; free each with engagement_summary_free, also after a failure. */
int store_summarize_engagements(struct store *s, const struct engagement_filter *f, struct engagement_summary by[3],
				struct pb_error *e);

/* ---- methods: reference data, in the order of the list ---- */

struct method_row {
	long id;
	const char *name, *formality, *description;
	long records; /* engagement records using it */
};
typedef int (*store_method_fn)(void *ctx, const struct method_row *m);
int store_each_method(struct store *s, store_method_fn fn, void *ctx, struct pb_error *e);
/* Adds a method at the end of the list; name unique in any case, formality "formal", "informal" or "other".
 * *id (may be NULL) gets its id. Errors name the field ("name: …", "formality: …"). */
int store_add_method(struct store *s, const char *name, const char *formality, long *id, struct pb_error *e);
/* Renames method id and sets its formality; the records using it follow. */
int store_edit_method(struct store *s, long id, const char *name, const char *formality, struct pb_error *e);

/* ---- writes to records ---- */

/* A record's fields, given all at once: NULL or "" leaves a field empty (the title may not be); white space around
 * each is dropped. method: a name from the list (any case). held_on, held_until: ISO days, held_until only with
 * held_on and not before it. frequency: one_off, monthly, every_other_month, quarterly, annual, ad_hoc, ongoing.
 * tenants_text: as written ("Circa 25 tenants per event"); the count, exact/circa and per event/in total are read
 * from it (engagement_tenants_parse). Errors begin with the field at fault ("tenants: …"). */
struct engagement_edit {
	const char *title, *team, *method, *location, *held_on, *held_until, *when_text, *frequency, *tenants_text,
		*standard, *summary, *you_said, *we_did;
};

/* The ref a new record gets: ENG- and the number after the highest one ("ENG-025"). */
int store_next_engagement_ref(struct store *s, char *out, size_t outlen, struct pb_error *e);
/* Adds a record under the next ref; *id gets its id, ref (may be NULL) its ref. */
int store_add_engagement(struct store *s, const struct engagement_edit *f, long *id, char *ref, size_t reflen,
			 struct pb_error *e);
/* Sets every field of record id; only a record that differs is written (and so audited). */
int store_edit_engagement(struct store *s, long id, const struct engagement_edit *f, struct pb_error *e);
/* Deletes record id and its links; the audit keeps every field it had. */
int store_delete_engagement(struct store *s, long id, struct pb_error *e);
/* Links record id to an action (after its other links), or removes the link; PB_BAD_INPUT when it is already
 * linked, or not. */
int store_link_engagement(struct store *s, long id, long action_id, struct pb_error *e);
int store_unlink_engagement(struct store *s, long id, long action_id, struct pb_error *e);

/* ---- undo (store/undo.c) ----
 * As store_undo_begin/store_undo_end (store/update.h) for an action: a recorded change of engagement record id (0
 * for a new one, whose id the end is given) keeps the record and its links before and after; one of method id (0
 * for a new one) keeps the method. store_undo undoes them in the same order as the actions' changes (its
 * *action_id is 0 for them), or refuses when the record or method has been changed since by someone else. */
int store_engagement_undo_begin(struct store *s, long id, struct pb_error *e);
int store_engagement_undo_end(struct store *s, long id, const char *what, int status, bool *recorded, struct pb_error *e);
int store_method_undo_begin(struct store *s, long id, struct pb_error *e);
int store_method_undo_end(struct store *s, long id, const char *what, int status, bool *recorded, struct pb_error *e);

#endif
