/* stats.c — the benchmark's clock, medians and 95th percentiles, and its results as a table and as CSV. */
#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/stats.h"
#include "core/csvio.h"

double stats_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* qsort order of doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void stats_summarise(double *samples, int n, double *median, double *p95)
{
	if (n <= 0) {
		*median = *p95 = 0;
		return;
	}
	qsort(samples, (size_t)n, sizeof *samples, cmp_double);
	*median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
	int rank = (int)ceil(0.95 * n); /* nearest rank */
	*p95 = samples[rank < 1 ? 0 : rank - 1];
}

void stats_add(struct stats_table *t, const char *op, const char *unit, long size, int runs, double median, double p95)
{
	struct stats_row *r = NULL;
	for (int i = 0; i < t->n && !r; i++)
		if (strcmp(t->rows[i].op, op) == 0 && t->rows[i].size == size)
			r = &t->rows[i];
	if (!r && t->n == (int)(sizeof t->rows / sizeof t->rows[0]))
		return;
	if (!r)
		r = &t->rows[t->n++];
	snprintf(r->op, sizeof r->op, "%s", op);
	snprintf(r->unit, sizeof r->unit, "%s", unit);
	r->size = size;
	r->runs = runs;
	r->median = median;
	r->p95 = p95;
}

void stats_add_times(struct stats_table *t, const char *op, long size, double *ms, int runs)
{
	double median, p95;
	stats_summarise(ms, runs, &median, &p95);
	stats_add(t, op, "ms", size, runs, median, p95);
}

void stats_add_rate(struct stats_table *t, const char *op, long size, long rows, double *ms, int runs)
{
	double median, p95;
	stats_summarise(ms, runs, &median, &p95);
	stats_add(t, op, "rows/s", size, runs, median > 0 ? rows * 1000.0 / median : 0, p95 > 0 ? rows * 1000.0 / p95 : 0);
}

void stats_send(const struct stats_table *t, FILE *out)
{
	for (int i = 0; i < t->n; i++) {
		const struct stats_row *r = &t->rows[i];
		fprintf(out, "%s\t%s\t%ld\t%d\t%.6f\t%.6f\n", r->op, r->unit, r->size, r->runs, r->median, r->p95);
	}
	fflush(out);
}

int stats_receive(struct stats_table *t, FILE *in)
{
	char line[512], op[80], unit[12];
	long size;
	int runs, n = 0;
	double median, p95;
	while (fgets(line, sizeof line, in)) {
		if (sscanf(line, "%79[^\t]\t%11[^\t]\t%ld\t%d\t%lf\t%lf", op, unit, &size, &runs, &median, &p95) != 6)
			continue;
		stats_add(t, op, unit, size, runs, median, p95);
		n++;
	}
	return n;
}

/* The sizes measured, in the order first met. */
static int sizes_of(const struct stats_table *t, long *sizes)
{
	int n = 0;
	for (int i = 0; i < t->n; i++) {
		bool seen = false;
		for (int k = 0; k < n; k++)
			seen |= sizes[k] == t->rows[i].size;
		if (!seen && n < STATS_MAX_SIZES)
			sizes[n++] = t->rows[i].size;
	}
	return n;
}

/* The row of op at size, or NULL. */
static const struct stats_row *find(const struct stats_table *t, const char *op, long size)
{
	for (int i = 0; i < t->n; i++)
		if (t->rows[i].size == size && strcmp(t->rows[i].op, op) == 0)
			return &t->rows[i];
	return NULL;
}

/* A number as the table shows it: whole above 100, else three significant figures. */
static void number(double v, char *out, size_t len)
{
	if (v >= 100 || v == 0)
		snprintf(out, len, "%.0f", v);
	else if (v >= 10)
		snprintf(out, len, "%.1f", v);
	else
		snprintf(out, len, "%.2f", v);
}

void stats_print(const struct stats_table *t, FILE *out)
{
	long sizes[STATS_MAX_SIZES];
	int nsizes = sizes_of(t, sizes);
	fprintf(out, "%-52s %-7s", "operation (median / p95)", "unit");
	for (int k = 0; k < nsizes; k++) {
		char head[32];
		snprintf(head, sizeof head, "%ld actions", sizes[k]);
		fprintf(out, " %21s", head);
	}
	fputc('\n', out);
	for (int i = 0; i < t->n; i++) {
		const struct stats_row *first = &t->rows[i];
		bool printed = false;
		for (int j = 0; j < i && !printed; j++)
			printed = strcmp(t->rows[j].op, first->op) == 0;
		if (printed)
			continue;
		fprintf(out, "%-52s %-7s", first->op, first->unit);
		for (int k = 0; k < nsizes; k++) {
			const struct stats_row *r = find(t, first->op, sizes[k]);
			char cell[48] = "-", a[20], b[20];
			if (r) {
				number(r->median, a, sizeof a);
				number(r->p95, b, sizeof b);
				snprintf(cell, sizeof cell, "%s / %s", a, b);
			}
			fprintf(out, " %21s", cell);
		}
		fputc('\n', out);
	}
}

int stats_write_csv(const struct stats_table *t, const char *path)
{
	static const char *const header[] = {"operation", "actions", "unit", "runs", "median", "p95"};
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	csvio_write_row(f, header, 6);
	for (int i = 0; i < t->n; i++) {
		const struct stats_row *r = &t->rows[i];
		char size[24], runs[16], median[32], p95[32];
		snprintf(size, sizeof size, "%ld", r->size);
		snprintf(runs, sizeof runs, "%d", r->runs);
		snprintf(median, sizeof median, "%.3f", r->median);
		snprintf(p95, sizeof p95, "%.3f", r->p95);
		const char *fields[] = {r->op, size, r->unit, runs, median, p95};
		csvio_write_row(f, fields, 6);
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* CSV callback: one row of a results file, the header left out. */
static int read_row(void *ctx, char **f, int nf, const struct csvio_pos *pos, struct pb_error *e)
{
	struct stats_table *t = ctx;
	(void)pos, (void)e;
	if (nf == 6 && strcmp(f[0], "operation") != 0)
		stats_add(t, f[0], f[2], atol(f[1]), atoi(f[3]), atof(f[4]), atof(f[5]));
	return PB_OK;
}

int stats_read_csv(struct stats_table *t, const char *path)
{
	struct pb_error e = {0};
	int before = t->n;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	fclose(f);
	if (csvio_read_file(path, read_row, t, &e) != PB_OK)
		fprintf(stderr, "planbench-bench: %s: %s; its rows are not kept\n", path, e.msg);
	return t->n - before;
}

void stats_merge(struct stats_table *t, const struct stats_table *from)
{
	for (int i = 0; i < from->n; i++) {
		const struct stats_row *r = &from->rows[i];
		stats_add(t, r->op, r->unit, r->size, r->runs, r->median, r->p95);
	}
}
