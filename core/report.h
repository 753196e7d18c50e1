/* report.h — the quarterly RAG report: actions counted per top-level section by set and computed RAG,
 * compared with a snapshot, and written as Markdown, CSV or one self-contained HTML page (no SQL: store/report.c feeds it). */
#ifndef PB_REPORT_H
#define PB_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/date.h"
#include "core/rag.h"

/* The four columns of the council's RAG summary, in the order they are drawn. */
enum report_bucket { REPORT_RED, REPORT_AMBER, REPORT_GREEN, REPORT_COMPLETE, REPORT_NBUCKETS };

/* One section (or a whole plan) counted at one moment. */
struct report_counts {
	long actions;
	long set[REPORT_NBUCKETS];	/* by the RAG the officer set; by the computed one when none is set */
	long computed[REPORT_NBUCKETS]; /* by the RAG computed from the dates */
	long unset;			/* actions with no RAG set, counted by their computed RAG */
	long overdue;			/* past the current target date and not complete */
	long revised;			/* target date revised at least once */
};

/* A number of actions sharing a set and a computed RAG, as the queries group them. */
struct report_group {
	enum rag rag, rag_computed;
	long actions, overdue, revised;
};

/* A top-level section (standard or pillar); actions in its sub-sections count here. */
struct report_section {
	char *code, *title; /* owned; code "" holds the actions that are in no section */
	struct report_counts now, then;
};

struct report_plan {
	char *code, *title; /* owned */
	struct report_section *sections;
	size_t nsections, cap;
	long added_since; /* actions that the compared snapshot does not hold */
};

/* The column an action counts in: Complete when set C or complete, else the set RAG, else the computed one. */
enum report_bucket report_bucket_set(enum rag set, enum rag computed);
enum report_bucket report_bucket_computed(enum rag computed);
const char *report_bucket_name(enum report_bucket b); /* "Red", "Amber", "Green", "Complete" */
char report_bucket_letter(enum report_bucket b);      /* 'R', 'A', 'G', 'C' */

void report_counts_add(struct report_counts *c, const struct report_group *g);
void report_counts_merge(struct report_counts *into, const struct report_counts *c);

void report_plan_init(struct report_plan *p, const char *code, const char *title);
/* The section with this code, appended (with title) when new; valid until the next append. */
struct report_section *report_plan_section(struct report_plan *p, const char *code, const char *title);
/* Every section added together. */
void report_plan_totals(const struct report_plan *p, struct report_counts *now, struct report_counts *then);
void report_plan_free(struct report_plan *p);

/* ---- writing the report ---- */

enum report_format { REPORT_MD, REPORT_CSV, REPORT_HTML };
/* "md", "csv", "html" → the format; -1 when unknown. */
int report_format_from_name(const char *name);

struct report_meta {
	struct date today;
	int amber_days;		  /* the Amber rule, for the notes */
	const char *snapshot;	  /* label of the compared snapshot, NULL for none */
	struct date snapshot_taken;
};

enum report_list {
	REPORT_LIST_OVERDUE,   /* overdue actions, most overdue first */
	REPORT_LIST_REVISED,   /* target dates revised since the snapshot */
	REPORT_LIST_MISMATCH,  /* set RAG that the dates contradict */
	REPORT_LIST_COMPLETED, /* completed since the snapshot */
	REPORT_NLISTS
};

/* One action in a list or the per-section table; strings belong to the caller, "" when unknown. */
struct report_item {
	const char *ref, *title, *leads, *status;
	const char *top, *top_title;	     /* its top-level section */
	const char *section, *section_title; /* its own section */
	int depth;			     /* of its own section: 0 top-level */
	const char *due_on, *due_text, *completed_on;
	enum rag rag, rag_computed;
	long days_over;			      /* when overdue */
	bool overdue;
	const char *note;		      /* mismatch: why; revision: the reason */
	const char *from_on, *to_on, *changed_on, *changed_by; /* a revision */
	const char *update_period, *update_on, *update_text;   /* the latest progress update */
};

/* Streams the report to out: begin, then per plan plan_begin, the lists, the table and plan_end, then end.
 * Lists and the table write nothing in CSV. */
struct report_writer {
	FILE *out;
	enum report_format format;
	struct report_meta meta;
	int plans, charts;
	enum report_list list;
	long rows;
	char top[256], section[256]; /* where the per-section table is */
	bool table_open;
};

void report_begin(struct report_writer *w, FILE *out, enum report_format format, const struct report_meta *m);
/* The plan's heading, the counts per section (and against the snapshot), the charts and the notes. */
void report_plan_begin(struct report_writer *w, const struct report_plan *p);
void report_list_begin(struct report_writer *w, enum report_list list);
void report_list_item(struct report_writer *w, const struct report_item *it);
void report_list_end(struct report_writer *w);
/* The council's per-section table: items in section-tree order, each with its latest update. */
void report_table_begin(struct report_writer *w);
void report_table_item(struct report_writer *w, const struct report_item *it);
void report_table_end(struct report_writer *w);
void report_plan_end(struct report_writer *w);
/* Closes the document; -1 when writing to out failed. */
int report_end(struct report_writer *w);

#endif
