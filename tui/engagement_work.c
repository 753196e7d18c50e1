/* engagement_work.c — what the Tenant Experience screens share: the list's filter, saving a change to a record or a
 * method as one undoable, audited step, and how dates, tenants and frequencies read on screen. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "tui/browse.h"
#include "tui/engagement_work.h"

/* ---- the filter ---- */

void engagement_filter_reset(struct engagement_filter_state *f)
{
	unsigned gen = f->gen;
	long action_id = f->action_id;
	char action[sizeof f->action];
	snprintf(action, sizeof action, "%s", f->action);
	memset(f, 0, sizeof *f);
	f->we_did = -1;
	f->action_id = action_id; /* the action the list was opened for stays */
	snprintf(f->action, sizeof f->action, "%s", action);
	f->gen = gen + 1;
}

/* The store filter for the filter as set. */
void engagement_filter_for_store(const struct engagement_filter_state *f, struct engagement_filter *out)
{
	*out = (struct engagement_filter){
		.team = *f->team ? f->team : NULL,
		.method = *f->method ? f->method : NULL,
		.formality = *f->formality ? f->formality : NULL,
		.from = *f->from ? f->from : NULL,
		.to = *f->to ? f->to : NULL,
		.we_did = f->we_did,
		.search = *f->search ? f->search : NULL,
		.action_id = f->action_id,
	};
}

/* Whether anything but the action narrows the list. */
bool engagement_filtered(const struct engagement_filter_state *f)
{
	return *f->team || *f->method || *f->formality || *f->from || *f->to || f->we_did >= 0 || *f->search;
}

/* Adds ", " and formatted text to out. */
static void part(char *out, size_t len, const char *fmt, const char *a)
{
	size_t l = strlen(out);
	if (l < len)
		snprintf(out + l, len - l, "%s", l ? ", " : "");
	l = strlen(out);
	if (l < len)
		snprintf(out + l, len - l, fmt, a);
}

/* The header's words for the filter. */
void engagement_filter_describe(const struct engagement_filter_state *f, char *out, size_t len)
{
	out[0] = '\0';
	if (*f->team)
		part(out, len, "team %s", f->team);
	if (*f->method)
		part(out, len, "method %s", f->method);
	if (*f->formality)
		part(out, len, "%s methods", f->formality);
	if (*f->held)
		part(out, len, "held %s", f->held);
	if (f->we_did == 0)
		part(out, len, "%s", "no \"we did\" yet");
	else if (f->we_did == 1)
		part(out, len, "%s", "with a \"we did\"");
	if (*f->search)
		part(out, len, "\"%s\"", f->search);
}

/* ---- saving ---- */

bool engagement_read_only(struct ui *ui, const char *doing)
{
	if (!ui->read_only)
		return false;
	ui_message(ui, true, "Read-only: %s is refused; restart without --read-only to change", doing);
	return true;
}

/* One undoable, audited step; see engagement_work.h. */
int engagement_save(struct ui *ui, enum engagement_target target, long id, const char *what, engagement_change_fn change,
		    const void *ctx, long *saved, struct pb_error *e)
{
	bool recorded = false;
	if (ui->read_only)
		return pb_fail(e, PB_BUSY, "Read-only: planbench was started with --read-only, so nothing is saved");
	bool method = target == ENGAGEMENT_METHOD;
	int status = method ? store_method_undo_begin(ui->store, id, e) : store_engagement_undo_begin(ui->store, id, e);
	if (status != PB_OK)
		return status;
	status = change(ui->store, &id, ctx, e);
	status = method ? store_method_undo_end(ui->store, id, what, status, &recorded, e)
			: store_engagement_undo_end(ui->store, id, what, status, &recorded, e);
	if (status != PB_OK)
		return status;
	if (recorded)
		ui_message(ui, false, "%s%s. z undoes it", target == ENGAGEMENT_DELETION ? "" : "Saved ", what);
	else
		ui_message(ui, false, "Nothing changed: %s was already so", what);
	if (saved)
		*saved = id;
	ui->browse->filter_gen++; /* the navigator counts again (search results follow engagement text) */
	return PB_OK;
}

/* ---- how fields read ---- */

const char *const engagement_frequencies[] = {"", "one_off", "monthly", "every_other_month", "quarterly", "annual",
					      "ad_hoc", "ongoing", NULL};

/* A frequency as people say it ("every other month"). */
const char *engagement_frequency_label(const char *code)
{
	static const char *const labels[] = {"not said", "one-off", "monthly", "every other month", "quarterly", "annual",
					     "ad hoc", "ongoing"};
	for (int i = 0; engagement_frequencies[i]; i++)
		if (strcmp(code ? code : "", engagement_frequencies[i]) == 0)
			return labels[i];
	return code;
}

/* "12 May 26" or "Apr 25" (month only). */
static void short_day(struct date d, bool month, char *out, size_t len)
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	if (month)
		snprintf(out, len, "%s %02d", months[(d.month + 11) % 12], d.year % 100);
	else
		snprintf(out, len, "%d %s %02d", d.day, months[(d.month + 11) % 12], d.year % 100);
}

/* When a record was held, long or short; see engagement_work.h. */
void engagement_when(const struct engagement_row *g, bool utf8, bool shortform, char *out, size_t len)
{
	struct date on, until;
	char a[32], b[32];
	const char *dash = utf8 ? "\xE2\x80\x93" : "-";
	bool dated = date_parse_iso(g->held_on, &on), ranged = dated && date_parse_iso(g->held_until, &until) &&
								 date_compare(until, on) != 0;
	if (!dated) {
		text_first_line(g->when_text, out, len);
		return;
	}
	if (shortform) {
		short_day(on, ranged, a, sizeof a);
		if (ranged)
			short_day(until, true, b, sizeof b);
		snprintf(out, len, "%s%s%s", a, ranged ? dash : "", ranged ? b : "");
		return;
	}
	date_format_human(on, a, sizeof a);
	if (ranged) {
		date_format_human(until, b, sizeof b);
		snprintf(out, len, "%s %s %s", a, dash, b);
	} else {
		snprintf(out, len, "%s%s", strcmp(g->frequency, "ongoing") == 0 ? "from " : "", a);
	}
}

/* Tenants as counted; see engagement_work.h. */
void engagement_tenants(const struct engagement_row *g, bool shortform, char *out, size_t len)
{
	if (g->tenants < 0) {
		snprintf(out, len, "unknown");
		return;
	}
	bool circa = strcmp(g->tenants_basis, "circa") == 0, event = strcmp(g->tenants_scope, "event") == 0;
	snprintf(out, len, "%s%ld%s", circa ? "c. " : "", g->tenants, !event ? "" : shortform ? "/event" : " per event");
}
