/* demo.h — the demo data set (sample-data/, linked into the binary). */
#ifndef PB_DEMO_H
#define PB_DEMO_H

#include "store/store.h"

/* Loads every demo file, in dependency order, in one transaction; prints one line per file to out. */
int demo_load(struct store *s, FILE *out, struct pb_error *e);

#endif
