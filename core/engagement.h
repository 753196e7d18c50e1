/* engagement.h — tenant engagement: reading "Circa 950 tenants", counting recurring events, summaries. */
#ifndef PB_ENGAGEMENT_H
#define PB_ENGAGEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

enum tenants_basis { TENANTS_UNKNOWN, TENANTS_EXACT, TENANTS_CIRCA };
enum tenants_scope { TENANTS_TOTAL, TENANTS_PER_EVENT };

struct tenants {
	long count; /* -1 when unknown */
	enum tenants_basis basis;
	enum tenants_scope scope;
};

/* Reads tenants as written: "Circa 950 tenants", "Circa 20 tenants per event",
 * "Circa 300 tenants over x2 years" (x2 is not a count), "Circa 5,500 tenants",
 * "12 tenants", "Unknown currently", "" → unknown. Returns 0, or -1 with err quoting
 * the text when it holds words but no count and no "unknown". */
int engagement_tenants_parse(const char *text, struct tenants *out, char *err, size_t errlen);
const char *engagement_basis_name(enum tenants_basis b); /* "exact", "circa", "unknown" */

/* The dates a recurring engagement was held between from and until (both inclusive):
 * monthly, every_other_month, quarterly, annual. Writes at most max dates and returns
 * how many there are; 0 when the frequency does not allow counting (one_off, ad_hoc,
 * ongoing, unknown) or until is before from. */
int engagement_occurrences(struct date from, struct date until, const char *frequency, struct date *out, int max);

/* What a summary needs of one engagement record. */
struct engagement_fact {
	const char *method, *formality, *team;
	bool dated;
	struct date held_on, held_until; /* held_until = held_on when it was one day */
	bool ranged;			 /* held_until was given */
	const char *frequency;
	struct tenants tenants;
	bool we_did; /* a "we did" is recorded */
};

enum summary_by { SUMMARY_METHOD, SUMMARY_TEAM, SUMMARY_QUARTER };

/* One line of a summary. Tenants: exact and circa counts are kept apart so a total
 * with any circa part is shown as circa; engagements with unknown numbers are counted
 * apart; per-event numbers whose occurrences cannot be counted are counted once and
 * flagged as a lower bound. */
struct summary_row {
	char key[160];
	long engagements, occurrences;
	long tenants_exact, tenants_circa;
	long unknown_tenants;
	long lower_bound; /* engagements whose per-event count was taken once */
	long with_we_did;
};

struct engagement_summary {
	enum summary_by by;
	struct summary_row *rows; /* owned; sorted by key when finished */
	int nrows, cap;
	struct summary_row total; /* each engagement once, however many quarters it spans */
};

void engagement_summary_init(struct engagement_summary *s, enum summary_by by);
void engagement_summary_add(struct engagement_summary *s, const struct engagement_fact *f);
/* Sorts the rows (quarters in time order, others by name) and adds none after. */
void engagement_summary_finish(struct engagement_summary *s);
void engagement_summary_free(struct engagement_summary *s);
/* "c. 1,230", "950", "-" for none: tenants of a row as people should read them. */
void engagement_tenants_text(const struct summary_row *r, char *out, size_t outlen);

#endif
