/* tracker_text.h — the tests' way to import a tracker held in memory: store_import_tracker reads a FILE. */
#ifndef PB_TRACKER_TEXT_H
#define PB_TRACKER_TEXT_H

#include <stdio.h>
#include <string.h>

#include "store/import.h"

/* Imports len bytes of text as the tracker file name; an empty text is an empty file. */
static inline int import_tracker_text(struct store *s, const char *name, const char *text, size_t len,
				      const struct store_tracker_opts *o, struct store_tracker_result *r, struct pb_error *e)
{
	FILE *f = len ? fmemopen((void *)text, len, "r") : tmpfile();
	if (!f)
		return pb_fail(e, PB_FAIL, "%s: cannot read the text as a file", name);
	int status = store_import_tracker(s, name, f, o, r, e);
	fclose(f);
	return status;
}

#endif
