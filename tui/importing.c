/* importing.c — reading an import's file and describing its result, for the import command and the import screen. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "tui/importing.h"

int importing_kind_of_name(const char *path)
{
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", path);
	const char *base = basename(copy);
	for (int k = 0; k < CSVIO_NKINDS; k++)
		if (strstr(base, csvio_kind(k)->name))
			return k;
	return -1;
}

int importing_open_file(const char *path, FILE **f, struct pb_error *e)
{
	if (!(*f = fopen(path, "rb")))
		return pb_fail(e, PB_BAD_INPUT, "%s: cannot open the file (%s)", path, strerror(errno));
	return PB_OK;
}

int importing_tracker(struct store *s, const char *path, const struct store_tracker_opts *o, struct store_tracker_result *r,
		      struct pb_error *e)
{
	FILE *f;
	if (importing_open_file(path, &f, e) != PB_OK)
		return e->status;
	int status = store_import_tracker(s, path, f, o, r, e);
	fclose(f);
	return status;
}

/* Reads the whole file into b; see importing.h. */
int importing_read_file(const char *path, struct buf *b, struct pb_error *e)
{
	FILE *f;
	if (importing_open_file(path, &f, e) != PB_OK)
		return e->status;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_addn(b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	return bad ? pb_fail(e, PB_BAD_INPUT, "%s: read error", path) : PB_OK;
}

const char *importing_field_note(const char *field)
{
	if (!field)
		return "";
	return strcmp(field, "comments") == 0 ? " (progress notes)" : strcmp(field, "subsection") == 0 ? " (a part of the section)" : "";
}

/* What was added, changed and made; see importing.h. */
void importing_summary(struct buf *b, const struct store_tracker_result *r, bool update, const char *held)
{
	buf_printf(b, "%ld actions rows: %ld added, %ld changed", r->rows, r->added, r->changed);
	if (r->changed && !update && held)
		buf_add(b, held);
	buf_printf(b, ", %ld unchanged", r->unchanged);
	if (r->sections_created)
		buf_printf(b, "; %ld new section%s", r->sections_created, r->sections_created == 1 ? "" : "s");
	if (r->officers_created)
		buf_printf(b, "; %ld new officer%s", r->officers_created, r->officers_created == 1 ? "" : "s");
	if (r->notes_added)
		buf_printf(b, "; %ld progress note%s", r->notes_added, r->notes_added == 1 ? "" : "s");
	if (r->continued || r->skipped)
		buf_printf(b, "; %ld continuation and %ld skipped row%s", r->continued, r->skipped, r->skipped == 1 ? "" : "s");
}
