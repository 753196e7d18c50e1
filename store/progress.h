/* progress.h — the store's long loops that report progress and stop at Ctrl-C (core/progress.h): exports, the report
 * and backups.
 * Imports take their hook in store_import_opts and store_tracker_opts. */
#ifndef PB_STORE_PROGRESS_H
#define PB_STORE_PROGRESS_H

#include <stdio.h>

#include "core/progress.h"
#include "store/report.h"
#include "store/store.h"

/* store_export_with (store/privacy.h), telling h of each row written of all there are; when h stops it, the rest is
 * not written and PB_INTERRUPTED is returned (the caller removes what it wrote). h may be NULL. */
int store_export_progress(struct store *s, enum csvio_kind kind, const char *plan, unsigned flags,
			  const struct progress_hook *h, FILE *out, struct pb_error *e);

/* store_report_write (store/report.h), telling h of each action of the per-section tables written (none in CSV,
 * which has no table) and stopping with PB_INTERRUPTED when h says so. h may be NULL. */
int store_report_write_progress(struct store *s, const struct store_report_opts *o, const struct progress_hook *h, FILE *out,
				struct pb_error *e);

/* store_backup (store/backup.h), telling h of the pages copied of all there are; when h stops it, the copy is removed
 * and PB_INTERRUPTED returned: nothing is written. The copy is still one consistent snapshot. h may be NULL. */
int store_backup_progress(struct store *s, const char *out_path, const struct progress_hook *h, char *written, size_t len,
			  struct pb_error *e);

#endif
