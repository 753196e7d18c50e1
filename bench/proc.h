/* proc.h — running the planbench binary as a whole process, timed, with its peak memory. */
#ifndef PB_BENCH_PROC_H
#define PB_BENCH_PROC_H

#include "core/error.h"

/* Starts the process that starts the others: call first thing in main, while the benchmark is small. A process's
 * peak memory (ru_maxrss) counts the copy of its parent it was forked as, so commands forked from the benchmark once
 * it holds a built database would all report the benchmark's size; forked from this small one, they report their
 * own. Without it (it could not start), proc_run forks from the benchmark itself. */
void proc_start_spawner(void);

/* Runs bin with args (NULL-ended, at most 30; stdout and stderr to /dev/null); *ms the wall time, *mb its peak
 * resident memory. PB_FAIL naming the command when it cannot start or does not exit 0. */
int proc_run(const char *bin, char *const args[], double *ms, double *mb, struct pb_error *e);

#endif
