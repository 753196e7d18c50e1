/* csvio.h — reading and writing CSV (libcsv), and the canonical columns of each kind of file. */
#ifndef PB_CSVIO_H
#define PB_CSVIO_H

#include <stdio.h>
#include "core/error.h"

#define CSVIO_MAX_FIELDS 64

/* Where a row came from, for messages: "actions.csv: row 12 (line 14)". */
struct csvio_pos {
	const char *file;
	long row;  /* record number; the header is row 1, as in a spreadsheet */
	long line; /* physical line the record ends on */
};

/* Called for every non-blank record, header included. fields are NUL-terminated,
 * CRLF inside cells turned into LF; they are valid only during the call.
 * Return PB_OK to go on, anything else (with e filled) to stop. */
typedef int (*csvio_row_fn)(void *ctx, char **fields, int nfields,
			    const struct csvio_pos *pos, struct pb_error *e);

/* Reads a whole CSV text; a UTF-8 BOM is skipped; text that is not UTF-8, an
 * unbalanced quote or too many columns is a PB_BAD_INPUT error naming name and the line.
 * Empty cells past CSVIO_MAX_FIELDS (Excel's trailing empty columns) are dropped. */
int csvio_read_mem(const char *name, const char *data, size_t len,
		   csvio_row_fn fn, void *ctx, struct pb_error *e);
int csvio_read_file(const char *path, csvio_row_fn fn, void *ctx, struct pb_error *e);

/* Where csvio_read_lines reads its text: next(src, ...) sets *line (UTF-8, with its '\n'; the last may lack it) and
 * *len, and returns 1; 0 at the end; -1 with e filled when the text cannot be read. */
struct csvio_lines {
	int (*next)(void *src, const char **line, size_t *len, struct pb_error *e);
	void *src;
};
/* Reads CSV text a line at a time, so a whole file need not be held: as csvio_read_mem, with no BOM to skip. */
int csvio_read_lines(const char *name, const struct csvio_lines *in, csvio_row_fn fn, void *ctx, struct pb_error *e);

/* Writes one record, quoting only the fields that need it, LF-terminated. */
void csvio_write_row(FILE *f, const char *const *fields, int nfields);

/* The kinds of canonical file and their columns (sample-data/FORMAT.md). */
enum csvio_kind {
	CSVIO_PLANS,
	CSVIO_SECTIONS,
	CSVIO_OFFICERS,
	CSVIO_METHODS,
	CSVIO_ACTIONS,
	CSVIO_REVISIONS,
	CSVIO_UPDATES,
	CSVIO_ENGAGEMENTS,
	CSVIO_NKINDS
};

/* Column positions of each kind, in the order of csvio_kind(kind)->columns. */
enum { PLAN_CODE, PLAN_TITLE, PLAN_KIND, PLAN_STARTS_ON, PLAN_ENDS_ON };
enum { SEC_PLAN, SEC_CODE, SEC_PARENT, SEC_TITLE };
enum { OFF_NAME, OFF_ROLE, OFF_TEAM, OFF_EMAIL, OFF_ALIASES };
enum { MET_NAME, MET_FORMALITY, MET_DESCRIPTION };
enum { ACT_PLAN, ACT_REF, ACT_SECTION, ACT_TITLE, ACT_DESCRIPTION, ACT_MEASURE, ACT_TARGET, ACT_OUTCOME,
       ACT_LEADS, ACT_DUE, ACT_STATUS, ACT_RAG, ACT_RAG_REASON, ACT_COMPLETED_ON };
enum { REV_PLAN, REV_REF, REV_SEQ, REV_FROM, REV_TO, REV_TO_TEXT, REV_REASON, REV_CHANGED_ON, REV_CHANGED_BY };
enum { UPD_PLAN, UPD_REF, UPD_PERIOD, UPD_NOTED_ON, UPD_AUTHOR, UPD_TEXT };
enum { ENG_REF, ENG_TITLE, ENG_TEAM, ENG_METHOD, ENG_LOCATION, ENG_HELD_ON, ENG_HELD_UNTIL, ENG_WHEN_TEXT,
       ENG_FREQUENCY, ENG_TENANTS, ENG_TENANTS_BASIS, ENG_TENANTS_SCOPE, ENG_TENANTS_TEXT, ENG_STANDARD,
       ENG_SUMMARY, ENG_YOU_SAID, ENG_WE_DID, ENG_ACTIONS };

struct csvio_kind_def {
	const char *name;		/* "actions" */
	const char *const *columns;	/* in canonical order, NULL-terminated */
	const char *const *required;	/* NULL-terminated */
};

const struct csvio_kind_def *csvio_kind(enum csvio_kind kind);
/* By name ("actions"); -1 when unknown. */
int csvio_kind_from_name(const char *name);
int csvio_ncolumns(enum csvio_kind kind);

/* Maps a header row to the kind's columns: map[i] is the file column holding
 * canonical column i, or -1. Headers match ignoring case and spaces. A missing
 * required column (unless named in `given`, e.g. "plan" from --plan), a
 * repeated or unknown column is a PB_BAD_INPUT error. */
int csvio_map_header(enum csvio_kind kind, char **fields, int nfields,
		     const char *given, const struct csvio_pos *pos, int *map, struct pb_error *e);

#endif
