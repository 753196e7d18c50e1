/* privacy.h — personal data: exports that leave free-text notes out, and every note that mentions a person. */
#ifndef PB_PRIVACY_H
#define PB_PRIVACY_H

#include <stdio.h>

#include "core/csvio.h"
#include "core/error.h"
#include "store/store.h"

/* ---- exports (store/export.c) ---- */

enum store_export_flags {
	STORE_EXPORT_NOTES = 1, /* include the free-text notes (see store_export_notes) */
};
/* Like store_export (which writes everything); without STORE_EXPORT_NOTES the kind's free-text
 * notes columns are written empty. */
int store_export_with(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags, FILE *out,
		      struct pb_error *e);
/* The free-text notes columns of a kind ("text"; "summary, you_said, we_did"), or NULL when it has none. */
const char *store_export_notes(enum csvio_kind kind);

/* ---- every note that mentions a person (store/person.c) ---- */

/* One piece of text that mentions the name; the strings live until the callback returns. */
struct person_hit {
	const char *kind;	 /* "progress update", "action", "engagement", "target-date revision", "one-to-one", … */
	const char *plan, *ref;	 /* "" when none; an engagement's ref is ENG-…, a one-to-one's is the officer */
	const char *on, *author; /* ISO date and who wrote it; "" when unknown */
	const char *field;	 /* which text: "note", "description", "you said", … */
	const char *text;	 /* that whole text; the full-text index's snippet when match < 0 */
	long match;		 /* byte offset of the name in text; -1 when only the full-text index matched it */
};
typedef int (*store_person_fn)(void *ctx, const struct person_hit *h);

/* Calls fn for every progress update, action text, engagement record, target-date revision, one-to-one
 * note and earlier value in the audit trail that mentions name: the full-text index (any case, accents
 * ignored) or a plain substring match (so part of a name works). A subject access request starts here. */
int store_search_person(struct store *s, const char *name, store_person_fn fn, void *ctx, long *count, struct pb_error *e);

#endif
