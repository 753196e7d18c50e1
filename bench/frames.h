/* frames.h — whole frames of the real workbench, timed: `planbench --script` replays keys on an off-screen terminal
 * and `--timings` writes what each key cost (its handling, the drawing and doupdate); one table row per operation. */
#ifndef PB_BENCH_FRAMES_H
#define PB_BENCH_FRAMES_H

#include "bench/stats.h"
#include "core/error.h"

/* The off-screen terminal the frames are drawn on: about the 40 list rows bench/ops.c reads. */
#define FRAMES_SIZE "120x45"

struct frames_setup {
	const char *bin;     /* the planbench binary */
	const char *db;	     /* an existing benchmark database */
	const char *dir;     /* where the scripts and their timings are written */
	long size;	     /* its actions, for the table */
	const char *today;   /* --today, YYYY-MM-DD */
	const char *me;	     /* --as: the officer who leads the most actions, also the owner filtered on */
	const char *search;  /* three letters typed into the search, one frame each */
	const char *marker;  /* a word only the action with 50 updates has, to find it */
	int runs;	     /* timed keys (or processes, for the first frame) per operation, after one untimed */
};

/* Runs the scripts of every operation against setup->db and adds each one's median and 95th percentile to t, and
 * the workbench process's peak memory. PB_OK, or a status with e filled. */
int frames_measure(const struct frames_setup *setup, struct stats_table *t, struct pb_error *e);

#endif
