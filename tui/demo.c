/* demo.c — loading the council's own plans (sample-data/) from the copies linked into the binary. */
#include <stdio.h>

#include "tui/demo.h"

#define DEMO(sym) extern const char sym[], sym##_end[];
DEMO(demo_plans) DEMO(demo_officers) DEMO(demo_methods) DEMO(demo_hrs_sections) DEMO(demo_hip2526_sections)
DEMO(demo_hip2627_sections) DEMO(demo_hrs_actions) DEMO(demo_hip2526_actions) DEMO(demo_hip2627_actions)
DEMO(demo_hip2526_updates) DEMO(demo_engagements)
#undef DEMO

struct demo_file {
	const char *name;
	enum csvio_kind kind;
	const char *start, *end;
};

static int load_all(struct store *s, FILE *out, struct pb_error *e);

#define FILE_OF(name, kind, sym) {name, kind, sym, sym##_end}
static const struct demo_file files[] = {
	FILE_OF("sample-data/plans.csv", CSVIO_PLANS, demo_plans),
	FILE_OF("sample-data/officers.csv", CSVIO_OFFICERS, demo_officers),
	FILE_OF("sample-data/methods.csv", CSVIO_METHODS, demo_methods),
	FILE_OF("sample-data/HRS-2026-sections.csv", CSVIO_SECTIONS, demo_hrs_sections),
	FILE_OF("sample-data/HIP-2526-sections.csv", CSVIO_SECTIONS, demo_hip2526_sections),
	FILE_OF("sample-data/HIP-2627-sections.csv", CSVIO_SECTIONS, demo_hip2627_sections),
	FILE_OF("sample-data/HRS-2026-actions.csv", CSVIO_ACTIONS, demo_hrs_actions),
	FILE_OF("sample-data/HIP-2526-actions.csv", CSVIO_ACTIONS, demo_hip2526_actions),
	FILE_OF("sample-data/HIP-2627-actions.csv", CSVIO_ACTIONS, demo_hip2627_actions),
	FILE_OF("sample-data/HIP-2526-updates.csv", CSVIO_UPDATES, demo_hip2526_updates),
	FILE_OF("sample-data/engagements.csv", CSVIO_ENGAGEMENTS, demo_engagements),
};

int demo_load(struct store *s, FILE *out, struct pb_error *e)
{
	char who[128];
	snprintf(who, sizeof who, "%s", store_actor(s));
	store_set_actor(s, "planbench demo data");
	int status = load_all(s, out, e);
	store_set_actor(s, who);
	return status;
}

static int load_all(struct store *s, FILE *out, struct pb_error *e)
{
	if (store_begin(s, e) != PB_OK)
		return e->status;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		const struct demo_file *f = &files[i];
		struct store_import_result r;
		if (store_import(s, f->kind, f->name, f->start, (size_t)(f->end - f->start), NULL, &r, e) != PB_OK) {
			store_rollback(s);
			return e->status;
		}
		fprintf(out, "  %-38s %4ld %s\n", f->name, r.rows, csvio_kind(f->kind)->name);
	}
	return store_commit(s, e);
}
