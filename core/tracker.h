/* tracker.h — councils' own trackers: their column names, Windows-1252 text, HTML and bullets in cells, leads, groupings. */
#ifndef PB_TRACKER_H
#define PB_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/error.h"

/* What a tracker column can fill: the actions columns of csvio (same numbers), then two of a tracker's own. */
enum tracker_field {
	TRACKER_IGNORE = -1,
	TRACKER_SUBSECTION = ACT_COMPLETED_ON + 1, /* a grouping inside the section ("Consumer Standard outcome") */
	TRACKER_COMMENTS,			    /* progress notes ("Comments", "Q3 Update …") */
	TRACKER_NFIELDS
};
#define TRACKER_NO_FIELD (-2) /* a name that is no field at all */

/* "title", "subsection", "comments", "ignore" for TRACKER_IGNORE. */
const char *tracker_field_name(int field);
/* A field by its name ("due", "ignore") or by any header that names it ("Lead Officer"); TRACKER_NO_FIELD when none. */
int tracker_field_from_name(const char *name);

enum tracker_encoding { TRACKER_UTF8, TRACKER_UTF8_BOM, TRACKER_CP1252 };
const char *tracker_encoding_name(enum tracker_encoding enc); /* "UTF-8", "UTF-8 with BOM", "Windows-1252" */

/* A council's tracker file, read a line at a time as UTF-8: UTF-8 as it is (a BOM skipped), anything else read as
 * Windows-1252 and converted, so £ and curly quotes survive. */
struct tracker_file {
	FILE *f;
	const char *name;
	enum tracker_encoding enc;
	long line;	  /* the line last read, from 1 */
	char *raw;	  /* as read (getline) */
	size_t rawcap;
	struct buf text;  /* converted from Windows-1252 */
	FILE *spool;	  /* a copy of a pipe's text, which cannot be read twice */
};
/* Reads f through once to learn its encoding, then goes back to its start (a pipe is copied to a temporary file
 * first). UTF-16, a NUL byte, a BOM before text that
 * is not UTF-8 and the five bytes Windows-1252 leaves undefined are PB_BAD_INPUT naming name and the line. f stays the
 * caller's to close; tracker_file_free frees the rest. */
int tracker_file_open(struct tracker_file *t, const char *name, FILE *f, struct pb_error *e);
/* Back to the first line. */
int tracker_file_rewind(struct tracker_file *t, struct pb_error *e);
/* The file's lines as UTF-8, for csvio_read_lines. */
struct csvio_lines tracker_file_lines(struct tracker_file *t);
void tracker_file_free(struct tracker_file *t);

/* A --map "Header=field" override. */
struct tracker_override {
	const char *header;
	int field; /* a field or TRACKER_IGNORE */
};
/* Parses "Header=field"; PB_USAGE naming the text when there is no "=" or the field is unknown.
 * o->header points into a copy kept in hold (at least as long as text). */
int tracker_parse_override(const char *text, char *hold, size_t holdlen, struct tracker_override *o, struct pb_error *e);

#define TRACKER_HEADER_LEN 96

/* How a header row was read: for each file column, the field it fills. */
struct tracker_mapping {
	int ncols;
	char header[CSVIO_MAX_FIELDS][TRACKER_HEADER_LEN]; /* as written, cleaned to one line */
	int field[CSVIO_MAX_FIELDS];			    /* a field or TRACKER_IGNORE */
	bool by_map[CSVIO_MAX_FIELDS];			    /* chosen by an override */
	bool known[CSVIO_MAX_FIELDS];			    /* the header was recognised (ignored only when false and not by_map) */
	int column_of[TRACKER_NFIELDS];			    /* the file column of each field, -1 when none */
};

/* Reads a header row; overrides win over recognition (a column with no header is named "Column N", from 1). A field named by two columns, an override naming no
 * column, or no column for the title is PB_BAD_INPUT naming the file and the row. m is filled even then. */
int tracker_map_header(char **cells, int n, const struct tracker_override *ov, int nov,
		       const struct csvio_pos *pos, struct tracker_mapping *m, struct pb_error *e);
/* How many cells of a row are headers a tracker uses (or overrides name): a header row has two or more. */
int tracker_header_score(char **cells, int n, const struct tracker_override *ov, int nov);
/* Whether a row repeats the header (a page break in Word or a print title in Excel). */
bool tracker_is_repeated_header(const struct tracker_mapping *m, char **cells, int n);
/* An abbreviations file (columns Abbreviation and Role/Name): the two columns, or false. */
bool tracker_abbreviation_header(char **cells, int n, int *abbr_col, int *name_col);

/* Cleans a cell as Excel and Word leave it into FORMAT.md text: HTML tags and entities out (paragraphs, line
 * breaks and list items become lines), bullets as "- ", spaces folded, blank lines dropped, ends trimmed. */
void tracker_clean_cell(const char *in, struct buf *out);
/* The same, folded to one line. */
void tracker_clean_line(const char *in, struct buf *out);
/* A ref as written, spaces removed ("TIA1 3" from a wrapped PDF line is TIA13). */
void tracker_clean_ref(const char *in, char *out, size_t outlen);

/* An Action cell "<b>1.1 Prevent homelessness</b> by building relations…": the bold lead-in is the title, the
 * rest the description; a leading number such as "1.1" or "2)" is the ref when want_ref (ref "" when none). */
void tracker_split_action(const char *raw, bool want_ref, char *ref, size_t reflen, struct buf *title,
			  struct buf *rest);

/* Whether an officer or alias is known: its id, or 0. */
typedef long (*tracker_known_fn)(void *ctx, const char *name);

#define TRACKER_MAX_LEADS 32
#define TRACKER_LEAD_LEN 160
/* Splits a lead cell into leads: lines and ";" always separate; "/", "," and " and " separate unless the words
 * they join name a known officer ("N&T Manager", "Health, Education and Social Care Leads"): of all ways to
 * split, the one naming the most different known officers wins, then the one naming none twice, then the finest. */
int tracker_split_leads(const char *cell, tracker_known_fn known, void *ctx, char items[][TRACKER_LEAD_LEN], int max);

/* A grouping cell as a section: "Pillar 2: Targeted Prevention" is P2 "Targeted Prevention"; "ASB and Hate
 * Incidents 1.3" under NC is NC-1.3 "ASB and Hate Incidents"; otherwise the initials of the main words
 * ("Safety & Quality" is SQ), after the parent's code and a "-" when there is a parent. */
void tracker_section(const char *text, const char *parent_code, char *code, size_t codelen, char *title, size_t titlelen);
/* A row holding only this text is a heading: 1 for "Pillar 2: …" (a section), 2 for "Rough sleepers:" (a part of
 * the section above), 0 when it is not a heading. */
int tracker_heading_level(const char *text);

/* Progress notes in a comments cell: "Q3 Update …" starts a note for the latest third quarter begun by today
 * (noted at its end, or today if it has not ended); text before any marker is a note of today's quarter. */
typedef int (*tracker_note_fn)(void *ctx, const char *period, struct date noted_on, const char *text);
int tracker_split_comments(const char *text, struct date today, tracker_note_fn fn, void *ctx);

/* RAG words as trackers write them ("GREEN", "Amber", "R", "Complete", "Blue"): 'R', 'A', 'G', 'C';
 * 0 for empty; -1 when the text is no RAG. */
int tracker_rag(const char *text);

#endif
