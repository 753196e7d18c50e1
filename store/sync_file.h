/* sync_file.h — a change-set file read into memory and checked (store/sync_file.c), for store/sync_apply.c. */
#ifndef PB_STORE_SYNC_FILE_H
#define PB_STORE_SYNC_FILE_H

#include "store/sync_internal.h"

/* One logged change set carried by the file. */
struct sync_entry {
	char origin[SYNC_ID_LEN];
	long seq, changes;
	char at[SYNC_AT_LEN];
	int range; /* its index in sum.ranges */
	const char *data;
	int len;
};

struct sync_file {
	char path[1024];
	char *buf;
	size_t len;
	struct sync_summary sum;
	int source_slot;
	const char *header_lines, *payload;
	long nheld, ncounts, npeers;
	struct sync_entry *entries;
	long nentries;
};

/* Reads path whole and checks it: PB_BAD_INPUT naming path when foreign, damaged or cut short. */
int sync_file_read(const char *path, struct sync_file *f, struct pb_error *e);
void sync_file_free(struct sync_file *f);
/* Calls fn with the fields after the key of each header line of a kind: 'h' "held", 'p' "peer", 'q' "peerheld",
 * 'c' "count". */
int sync_file_each_line(const struct sync_file *f, char kind, int (*fn)(void *ctx, char **v, int n), void *ctx);
/* Tells fn the file's counts per plan and kind. */
int sync_file_counts(const struct sync_file *f, store_sync_count_fn fn, void *ctx);

#endif
