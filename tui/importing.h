/* importing.h — what `planbench import` and the workbench's import screen share: reading the file, and saying in
 * words what a tracker import did or would do. */
#ifndef PB_IMPORTING_H
#define PB_IMPORTING_H

#include <stdbool.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "store/import.h"

/* The kind named in a file's name, as `planbench import` reads it (HIP-2526-updates.csv: updates), or -1. */
int importing_kind_of_name(const char *path);
/* Reads the whole file at path into b (appended); PB_BAD_INPUT naming the file when it cannot be read. */
int importing_read_file(const char *path, struct buf *b, struct pb_error *e);
/* Opens the file at path to be read (*f, for the caller to close); PB_BAD_INPUT naming the file when it cannot be. */
int importing_open_file(const char *path, FILE **f, struct pb_error *e);
/* Imports the tracker at path (store_import_tracker), opening and closing it. */
int importing_tracker(struct store *s, const char *path, const struct store_tracker_opts *o, struct store_tracker_result *r,
		      struct pb_error *e);

/* " (progress notes)" for comments, " (a part of the section)" for subsection, "" for any other field name. */
const char *importing_field_note(const char *field);

/* Appends what an import did to b: "30 actions rows: 30 added, 0 changed, 0 unchanged; 14 new sections; …".
 * held follows the changed count when there are changes that were not made (update off), e.g. " (not applied…)". */
void importing_summary(struct buf *b, const struct store_tracker_result *r, bool update, const char *held);

#endif
