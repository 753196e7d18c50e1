/* proc.h — running the planbench binary as a whole process, timed, with its peak memory. */
#ifndef PB_BENCH_PROC_H
#define PB_BENCH_PROC_H

#include "core/error.h"

/* Runs bin with args (NULL-ended, at most 30; stdout and stderr to /dev/null); *ms the wall time, *mb its peak
 * resident memory. PB_FAIL naming the command when it cannot start or does not exit 0. */
int proc_run(const char *bin, char *const args[], double *ms, double *mb, struct pb_error *e);

#endif
