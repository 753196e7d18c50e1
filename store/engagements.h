/* engagements.h — tenant engagement records: filtered, paged lists and one record in full. */
#ifndef PB_STORE_ENGAGEMENTS_H
#define PB_STORE_ENGAGEMENTS_H

#include "store/store.h"

struct engagement_filter {
	const char *team;      /* exact team name, or NULL */
	const char *method;    /* method name (any case), or NULL */
	const char *formality; /* "formal", "informal", "other", or NULL */
	const char *from, *to; /* ISO dates: held within (a range overlapping), or NULL */
	int we_did;	       /* -1 any, 0 without a "we did", 1 with one */
	const char *search;    /* full-text query, or NULL */
};

/* One record of a list; strings live until the callback returns. */
struct engagement_row {
	long id;
	const char *ref, *title, *team, *method, *formality, *location, *held_on, *held_until, *when_text, *frequency,
		*tenants_basis, *tenants_scope, *tenants_text, *standard, *summary, *you_said, *we_did;
	long tenants; /* -1 when not known */
	int actions;  /* linked actions */
};
typedef int (*store_engagement_fn)(void *ctx, const struct engagement_row *g);

/* By date (undated last), then ref; limit < 0 for all. */
int store_list_engagements(struct store *s, const struct engagement_filter *f, long offset, long limit,
			   store_engagement_fn fn, void *ctx, struct pb_error *e);
int store_count_engagements(struct store *s, const struct engagement_filter *f, long *count, struct pb_error *e);
/* The actions an engagement informed, as "PLAN REF title" rows through fn. */
int store_each_action_of_engagement(struct store *s, long engagement_id, store_action_fn fn, void *ctx, struct pb_error *e);

#endif
