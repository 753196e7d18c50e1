/* ops.h — what the workbench asks of the store on each keystroke, timed in-process (bench/ops.c). */
#ifndef PB_BENCH_OPS_H
#define PB_BENCH_OPS_H

#include "bench/stats.h"
#include "core/date.h"
#include "core/error.h"

/* Rows on one screen of the list: what one page fetches. */
#define OPS_SCREEN_ROWS 40

struct ops_setup {
	const char *db;	      /* an existing benchmark database */
	long size;	      /* its actions, for the table */
	struct date today;
	const char *me;	      /* the officer whose "My actions" the workbench shows (the one who leads most) */
	const char *search;   /* what is typed to search, one letter at a time */
	const char *special_plan, *special_ref; /* the action with 50 updates */
	int runs;	      /* timed runs of each operation, after one untimed warm-up */
};

/* Times every operation of the table runs times against setup->db and adds the results to t; the database
 * gains the updates and revisions the write operations save. PB_OK, or a status with e filled. */
int ops_measure(const struct ops_setup *setup, struct stats_table *t, struct pb_error *e);

#endif
