/* import.h — trackers as councils keep them (any column layout) into the database, in one transaction (store/import.c). */
#ifndef PB_STORE_IMPORT_H
#define PB_STORE_IMPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#include "core/tracker.h"
#include "store/store.h"

/* What an import reports as it goes. */
enum store_tracker_event {
	STORE_TRACKER_MAPPING, /* one file column: column, header, field, by_map, known */
	STORE_TRACKER_NOTE,    /* something done that the user should know of: text */
	STORE_TRACKER_PROBLEM, /* a row that cannot be imported: text names the file, row and column */
	STORE_TRACKER_ROW,     /* an action as it would be stored: row */
	STORE_TRACKER_CHANGE,  /* a field of an action already here that the file changes: ref, field, old_value, new_value */
};

/* An action as the import would store it; strings live until the callback returns. */
struct store_tracker_row {
	long row; /* the file row it starts on */
	bool exists;
	const char *plan, *ref, *section, *title, *description, *measure, *target, *outcome;
	const char *leads; /* the officers it resolves to, "(new)" after those it would create */
	const char *due_text, *due_on, *status, *rag, *completed_on;
	int notes; /* progress notes read from its comments */
};

struct store_tracker_report {
	enum store_tracker_event kind;
	const char *text;
	int column; /* from 1, as a spreadsheet user counts */
	const char *header, *field;
	bool by_map, known;
	const struct store_tracker_row *row;
	const char *ref, *old_value, *new_value;
};
typedef void (*store_tracker_fn)(void *ctx, const struct store_tracker_report *r);

struct store_tracker_opts {
	const char *plan;	/* plan code of every row (else a plan column) */
	const char *plan_title; /* creates the plan when it does not exist yet */
	const char *plan_start; /* YYYY-MM-DD: the new plan's first day, which "Year 2" counts from */
	const struct tracker_override *maps; /* --map "Header=field" */
	int nmaps;
	bool dry_run; /* read and check everything, report, write nothing */
	bool update;  /* make the changes to actions already here (otherwise they are only reported) */
	int preview;  /* how many actions to report as STORE_TRACKER_ROW */
	store_tracker_fn report; /* may be NULL */
	void *ctx;
	const struct progress_hook *progress; /* told of each row imported; may stop the import (PB_INTERRUPTED); may be NULL */
};

struct store_tracker_result {
	enum tracker_encoding encoding;
	bool canonical;	   /* the header was the canonical actions header (sample-data/FORMAT.md) */
	bool plan_created;
	long rows;	   /* actions read; a row continued over several lines counts once */
	long added, changed, unchanged; /* changed: actions the file changes (made only with update) */
	long changes;	   /* fields changed, over all actions */
	long continued;	   /* lines that continued the action above */
	long skipped;	   /* repeated headers and title lines */
	long sections_created, officers_created, notes_added;
	long problems;
};

/* Imports a tracker CSV of actions, read from f (named name in messages) a line at a time, a few times over, so no
 * more than a line of it is held: columns recognised by their headers (core/tracker.h) or the canonical ones,
 * Windows-1252 converted, cells cleaned, rows matched on plan + ref. Any problem leaves the database as it was:
 * PB_BAD_INPUT with the first problem (file, row, column) in e, every one reported as it is met. */
int store_import_tracker(struct store *s, const char *name, FILE *f, const struct store_tracker_opts *o,
			 struct store_tracker_result *r, struct pb_error *e);

#endif
