/* stats.h — the benchmark's clock (CLOCK_MONOTONIC), medians and 95th percentiles, and its results table. */
#ifndef PB_BENCH_STATS_H
#define PB_BENCH_STATS_H

#include <stdio.h>

#define STATS_MAX_SIZES 8
#define STATS_MAX_OPS 64

/* Milliseconds on the monotonic clock, from an arbitrary start. */
double stats_now_ms(void);

/* The median and the 95th percentile (nearest rank) of n samples; sorts them in place. */
void stats_summarise(double *samples, int n, double *median, double *p95);

/* One measurement: an operation at one database size. For a time, median and p95 are milliseconds; for a rate
 * (rows/s) they are the rates at the median and at the 95th-percentile (slow) time; for memory, megabytes. */
struct stats_row {
	char op[80];
	char unit[12]; /* "ms", "rows/s", "MB" */
	long size;     /* actions in the database */
	int runs;
	double median, p95;
};

struct stats_table {
	struct stats_row rows[STATS_MAX_OPS * STATS_MAX_SIZES];
	int n;
};

/* Adds (or replaces) the row for op at size. */
void stats_add(struct stats_table *t, const char *op, const char *unit, long size, int runs, double median, double p95);
/* Adds a time measured runs times: the samples are summarised (and sorted). */
void stats_add_times(struct stats_table *t, const char *op, long size, double *ms, int runs);
/* Adds a rate: rows per second at the median time and at the 95th-percentile time of the samples. */
void stats_add_rate(struct stats_table *t, const char *op, long size, long rows, double *ms, int runs);

/* One line per measurement, tab-separated, for a child process to send its results to the parent. */
void stats_send(const struct stats_table *t, FILE *out);
/* Reads what stats_send wrote into t; returns the number of rows read. */
int stats_receive(struct stats_table *t, FILE *in);

/* The table: one line per operation, one column per size, "median / p95" in each cell. */
void stats_print(const struct stats_table *t, FILE *out);
/* The same as CSV: operation,actions,unit,runs,median,p95. Returns 0, or -1 when the file cannot be written. */
int stats_write_csv(const struct stats_table *t, const char *path);
/* Adds the rows of a CSV stats_write_csv wrote; returns how many (0 when there is no such file). */
int stats_read_csv(struct stats_table *t, const char *path);
/* Puts every row of from into t: replacing the row of the same operation and size, else added at the end. */
void stats_merge(struct stats_table *t, const struct stats_table *from);

#endif
