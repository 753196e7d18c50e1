/* two_plans.h — the tests' small fixture of two plans, three sections and three officers (one known by an alias,
 * one written in lower case), and a CSV import that fails the test when it is refused. Include after cmocka.h. */
#ifndef PB_TWO_PLANS_H
#define PB_TWO_PLANS_H

#include <string.h>

#include "core/csvio.h"
#include "store/import.h"

/* Imports csv as the canonical file of kind, or fails the test naming the kind and the error. */
static inline void import_or_fail(struct store *s, enum csvio_kind kind, const char *csv)
{
	struct store_import_result r;
	struct pb_error e = {0};
	if (store_import(s, kind, csvio_kind(kind)->name, csv, strlen(csv), NULL, &r, &e) != PB_OK)
		fail_msg("import %s: %s", csvio_kind(kind)->name, e.msg);
}

/* P1 (sections S1, S2 under S1) and P2 (T1); Simon Parry (alias SP), Judith Willis, alex simmonds. */
static inline void import_two_plans(struct store *s)
{
	import_or_fail(s, CSVIO_PLANS, "code,title,kind,starts_on,ends_on\n"
				       "P1,First plan,improvement,2025-04-01,2028-03-31\n"
				       "P2,Second plan,strategy,2025-04-01,2028-03-31\n");
	import_or_fail(s, CSVIO_SECTIONS, "plan,code,parent,title\nP1,S1,,One\nP1,S2,S1,Two\nP2,T1,,Three\n");
	import_or_fail(s, CSVIO_OFFICERS, "name,role,team,email,aliases\n"
					  "Simon Parry,Head,Property,,SP\nJudith Willis,Head,Housing,,\nalex simmonds,Officer,Housing,,\n");
}

#endif
