/* gen.h — synthetic plans, officers, actions, progress updates, engagement records and council trackers, written
 * as the canonical CSV files of sample-data/FORMAT.md (and a tracker in a council's own columns), the same every run. */
#ifndef PB_BENCH_GEN_H
#define PB_BENCH_GEN_H

#include <stdio.h>

#include "core/date.h"

/* The shape of one synthetic database. At 100,000 actions: 20 plans, 500 officers, 50,000 engagement records and
 * about 1,000,000 progress updates (0 to 20 an action, 10 on average); smaller sizes scale down. */
struct gen {
	long actions, plans, officers, engagements;
	long special;	     /* the action that has exactly GEN_SPECIAL_UPDATES updates */
	struct date today;   /* the day the data is generated for: a third of the actions are overdue then */
};

#define GEN_SPECIAL_UPDATES 50
#define GEN_SPECIAL_WORD "zygomorphic" /* starts the title of that action and no other text: a search finds it alone */
#define GEN_SECTIONS_TOP 5 /* per plan, each with GEN_SECTIONS_SUB parts */
#define GEN_SECTIONS_SUB 4

/* The shape of a database of n actions, as of today. */
void gen_shape(long n, struct date today, struct gen *g);

/* Each writes a canonical CSV file (header first) to f; ranges are [from, to) of actions or engagements. */
void gen_plans(const struct gen *g, FILE *f);
void gen_sections(const struct gen *g, FILE *f);
void gen_officers(const struct gen *g, FILE *f);
void gen_methods(FILE *f);
void gen_actions(const struct gen *g, long from, long to, FILE *f);
/* The progress updates of actions [from, to); returns how many were written. */
long gen_updates(const struct gen *g, long from, long to, FILE *f);
/* How many progress updates gen_updates writes for all the actions. */
long gen_update_total(const struct gen *g);
void gen_engagements(const struct gen *g, long from, long to, FILE *f);
/* A council's tracker of rows actions (their own headers, HTML in cells, "Q3 Update" notes in the comments). */
void gen_tracker(const struct gen *g, long rows, FILE *f);

/* The plan code and ref of action i. */
void gen_action_ref(const struct gen *g, long i, char *plan, size_t plan_len, char *ref, size_t ref_len);
/* The name of officer i (0 leads the most actions). */
void gen_officer_name(long i, char *out, size_t len);
/* Three letters a user might type to search: the start of a word that is common in the generated text. */
const char *gen_search_prefix(void);

#endif
