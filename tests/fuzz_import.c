/* fuzz_import.c — libFuzzer target: any bytes as a tracker CSV (store_import_tracker, dry runs into a new and an
 * existing plan), as an officers or abbreviations file (store_import), and through core/tracker.h's cell readers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/tracker.h"
#include "store/import.h"
#include "tests/tracker_text.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *store;

static const char PLANS[] = "code,title,kind,starts_on,ends_on\nFZ-1,Fuzz plan,improvement,2026-04-01,2027-03-31\n";
static const char SECTIONS[] = "plan,code,parent,title\nFZ-1,SQ,,Safety & Quality\nFZ-1,SQ-1.3,SQ,Health and Safety\n";
static const char OFFICERS[] =
	"name,role,team,email,aliases\nSimon Parry,,,,SP; Assistant Director (HPS)\nJudith Willis,,,,JW\n"
	"\"Health, Education and Social Care Leads\",,,,\nRents/Income Manager,,,,Rents; Income Manager\n";
static const char ACTIONS[] =
	"plan,ref,section,title,leads,due,status,rag\n"
	"FZ-1,SQ1,SQ-1.3,Fire doors,Simon Parry,Sep-25 (Revised Jan-26),in_progress,G\n"
	"FZ-1,1.1,SQ,Prevent homelessness,JW; SP,Year 1 / 2,,\n";

/* Every string a report carries is read, so a dangling one shows under AddressSanitizer. */
static void touch(void *ctx, const struct store_tracker_report *r)
{
	size_t *n = ctx;
	const char *s[] = {r->text, r->header, r->field, r->ref, r->old_value, r->new_value};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		*n += s[i] ? strlen(s[i]) : 0;
	if (r->row)
		*n += strlen(r->row->ref) + strlen(r->row->title) + strlen(r->row->leads) + strlen(r->row->due_on);
}

static void load(enum csvio_kind kind, const char *text)
{
	struct store_import_result r;
	struct pb_error e = {0};
	if (store_import(store, kind, "setup.csv", text, strlen(text), NULL, &r, &e) != PB_OK)
		abort();
}

static void setup(void)
{
	struct pb_error e = {0};
	if (store_open(":memory:", STORE_CREATE, &store, &e) != PB_OK)
		abort();
	store_set_today(store, (struct date){2026, 6, 9});
	store_set_actor(store, "fuzz");
	load(CSVIO_PLANS, PLANS);
	load(CSVIO_SECTIONS, SECTIONS);
	load(CSVIO_OFFICERS, OFFICERS);
	load(CSVIO_ACTIONS, ACTIONS);
}

static long known(void *ctx, const char *name)
{
	(void)ctx;
	return strlen(name) % 3 ? 0 : (long)(strlen(name) % 7) + 1;
}

static int note(void *ctx, const char *period, struct date on, const char *text)
{
	(void)on;
	*(size_t *)ctx += strlen(period) + strlen(text);
	return 0;
}

/* The cell readers on their own: what they write must stay UTF-8 when what they read was. */
static void cells(const char *text, size_t len)
{
	struct buf out = {0}, title = {0}, rest = {0};
	char items[TRACKER_MAX_LEADS][TRACKER_LEAD_LEN], ref[64], code[64], stitle[128];
	size_t n = 0;
	bool utf8 = text_valid_utf8(text, len);
	tracker_clean_cell(text, &out);
	if (utf8 && !text_valid_utf8(out.data, out.len))
		abort();
	tracker_split_action(text, true, ref, sizeof ref, &title, &rest);
	int nleads = tracker_split_leads(text, known, NULL, items, TRACKER_MAX_LEADS);
	for (int i = 0; i < nleads; i++)
		if (!items[i][0] || (utf8 && !text_valid_utf8(items[i], strlen(items[i]))))
			abort();
	tracker_section(text, "P1", code, sizeof code, stitle, sizeof stitle);
	tracker_heading_level(text);
	tracker_split_comments(text, (struct date){2026, 6, 9}, note, &n);
	tracker_rag(text);
	buf_free(&out), buf_free(&title), buf_free(&rest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_tracker_result r;
	struct store_import_result ir;
	struct pb_error e = {0};
	size_t seen = 0;
	if (!store)
		setup();
	const char *text = (const char *)data;
	struct store_tracker_opts fresh = {.plan = "FZ-NEW", .plan_title = "New", .plan_start = "2026-04-01", .dry_run = true,
					   .preview = 3, .report = touch, .ctx = &seen};
	import_tracker_text(store, "fuzz.csv", text, size, &fresh, &r, &e);
	struct store_tracker_opts again = {.plan = "FZ-1", .dry_run = true, .update = true, .preview = 1, .report = touch, .ctx = &seen};
	import_tracker_text(store, "fuzz.csv", text, size, &again, &r, &e);
	struct store_import_opts o = {.dry_run = true};
	store_import(store, CSVIO_OFFICERS, "fuzz.csv", text, size, &o, &ir, &e);
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	cells(copy, strlen(copy));
	free(copy);
	return 0;
}
