/* view_engagement_summary.c — the engagement summary: records and tenants reached by method, team and quarter (circa
 * counts shown as such, unknown numbers counted apart, recurring events counted per occurrence where the dates and
 * frequency allow), and how many records have a "we did" — the "You said, we did" gap. The arithmetic is
 * core/engagement.h's, over the records the list's filter selects, as `planbench report --kind engagements` does. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engagement.h"
#include "core/text.h"
#include "tui/document.h"
#include "tui/engagement_work.h"

#define NUMBERS_COLS 47 /* " Records  Held      Tenants  Unknown     We did" */

static const char *const by_names[3] = {"Method", "Team", "Quarter"};

struct summary {
	struct document doc; /* first: the doc_* key handlers find it at v->priv */
	struct engagement_filter_state fs; /* the records counted: the list's filter when the summary opened */
	struct engagement_summary by[3];
	bool loaded;
	char filter[300];
};
_Static_assert(offsetof(struct summary, doc) == 0, "the document starts the view's state");

/* ---- the document ---- */

/* Adds text wrapped at width. */
static void add_wrapped(struct summary *s, int style, const char *text, int width)
{
	const char *p = text, *next;
	char line[1200];
	do {
		size_t n = ui_wrap(p, width, &next);
		snprintf(line, sizeof line, " %.*s", (int)n, p);
		doc_raw(&s->doc, style, line);
		p = next;
	} while (*p);
}

/* One row of a table: the group cut to fit, then the numbers under their titles. */
static void add_row(struct summary *s, const struct summary_row *r, int group_cols, bool total)
{
	char tenants[48], group[400], we_did[48], line[600];
	engagement_tenants_text(r, tenants, sizeof tenants);
	text_fit(r->key, group_cols, true, group, sizeof group);
	snprintf(we_did, sizeof we_did, "%ld of %ld", r->with_we_did, r->engagements);
	snprintf(line, sizeof line, " %s %7ld %5ld %12s %8ld %10s", group, r->engagements, r->occurrences, tenants,
		 r->unknown_tenants, we_did);
	doc_raw(&s->doc, total ? UI_BOLD : r->with_we_did < r->engagements ? UI_NORMAL : UI_GREEN, line);
}

/* The summary's lines for width columns: what it counts, then a table by method, by team and by quarter. */
static void add_tables(struct summary *s, int width)
{
	const struct summary_row *t = &s->by[SUMMARY_METHOD].total;
	char buf[800];
	int group_cols = width - NUMBERS_COLS - 2;
	if (group_cols < 10)
		group_cols = 10;
	if (*s->filter)
		snprintf(buf, sizeof buf, "%ld engagement record%s (%s); %ld record a \"we did\", %ld have none yet: the"
			 " \"You said, we did\" gap.", t->engagements, t->engagements == 1 ? "" : "s", s->filter, t->with_we_did,
			 t->engagements - t->with_we_did);
	else
		snprintf(buf, sizeof buf, "%ld engagement record%s; %ld record a \"we did\", %ld have none yet: the \"You said,"
			 " we did\" gap.", t->engagements, t->engagements == 1 ? "" : "s", t->with_we_did,
			 t->engagements - t->with_we_did);
	add_wrapped(s, UI_BOLD, buf, width - 2);
	add_wrapped(s, UI_DIM, "Tenants marked c. include circa figures; + means a per-event figure was counted once, as how "
			       "often the event was held is not recorded. Unknown: records whose number of tenants is not "
			       "known, counted apart. Held: times held, each occurrence of a recurring event counted.",
		    width - 2);
	for (int b = 0; b < 3; b++) {
		const struct engagement_summary *sum = &s->by[b];
		char title[80], group[400];
		snprintf(title, sizeof title, "By %s", b == 0 ? "method" : b == 1 ? "team" : "quarter");
		doc_heading(&s->doc, title);
		text_fit(by_names[b], group_cols, true, group, sizeof group);
		snprintf(buf, sizeof buf, " %s %7s %5s %12s %8s %10s", group, "Records", "Held", "Tenants", "Unknown", "We did");
		doc_raw(&s->doc, UI_TITLES, buf);
		for (int i = 0; i < sum->nrows; i++)
			add_row(s, &sum->rows[i], group_cols, false);
		add_row(s, &sum->total, group_cols, true);
	}
}

/* Lays the summary out for width columns. */
static void layout(struct summary *s, int width)
{
	doc_clear(&s->doc);
	if (s->loaded)
		add_tables(s, width);
	doc_layout(&s->doc, width);
}

/* ---- keys ---- */

static int sm_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "scroll", "Scroll down a line", doc_down, 0},
	{"up", 'k', {KEY_UP}, "scroll", "Scroll up a line", doc_up, 0},
	{"page-down", KEY_NPAGE, {' '}, "page", "Page down", doc_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Page up", doc_page_up, 0},
	{"top", 'g', {KEY_HOME}, NULL, "Top", doc_top, 0},
	{"bottom", 'G', {KEY_END}, NULL, "Bottom", doc_bottom, 0},
	{"next-table", '\t', {'}'}, "next", "Next table: by method, by team, by quarter", doc_next_heading, 0},
	{"prev-table", KEY_BTAB, {'{'}, NULL, "Previous table", doc_prev_heading, 0},
	{"back", 27, {'q', KEY_LEFT}, "back", "Back to the records", sm_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static void release(struct summary *s)
{
	for (int i = 0; i < 3; i++)
		engagement_summary_free(&s->by[i]);
	s->loaded = false;
}

/* Counts over the records the filter selects. */
static int count(struct summary *s, struct ui *ui)
{
	struct engagement_filter f;
	struct pb_error e = {0};
	engagement_filter_for_store(&s->fs, &f);
	engagement_filter_describe(&s->fs, s->filter, sizeof s->filter);
	if (s->fs.action_id) {
		size_t l = strlen(s->filter);
		snprintf(s->filter + l, sizeof s->filter - l, "%slinked to %s", l ? ", " : "", s->fs.action);
	}
	release(s);
	int status = store_summarize_engagements(ui->store, &f, s->by, &e);
	if (status != PB_OK) {
		for (int i = 0; i < 3; i++)
			engagement_summary_free(&s->by[i]);
		ui_message(ui, true, "%s", e.msg);
		return status;
	}
	s->loaded = true;
	return PB_OK;
}

/* arg is the list's const struct engagement_filter_state *, or NULL for every record. */
static int sm_init(struct view *v, struct ui *ui, const void *arg)
{
	struct summary *s = calloc(1, sizeof *s);
	if (!s) {
		ui_message(ui, true, "Out of memory opening the summary");
		return PB_FAIL;
	}
	v->priv = s;
	doc_init(&s->doc, 0);
	if (arg)
		s->fs = *(const struct engagement_filter_state *)arg;
	else
		engagement_filter_reset(&s->fs);
	return count(s, ui);
}

/* The data changed (Ctrl-L, an undo): counts again, keeping the place. */
static void sm_reload(struct view *v, struct ui *ui)
{
	struct summary *s = v->priv;
	count(s, ui);
	layout(s, v->area.w);
	doc_scroll_to(&s->doc, s->doc.top, doc_page(v));
}

static void sm_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	doc_draw(&((struct summary *)v->priv)->doc, ui, w, v->area, NULL, NULL);
}

static void sm_resize(struct view *v, struct ui *ui)
{
	struct summary *s = v->priv;
	(void)ui;
	if (s->doc.width != v->area.w)
		layout(s, v->area.w);
	doc_scroll_to(&s->doc, s->doc.top, doc_page(v));
}

static void sm_free(struct view *v)
{
	struct summary *s = v->priv;
	if (!s)
		return;
	release(s);
	doc_free(&s->doc);
	free(s);
	v->priv = NULL;
}

static void sm_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct summary *s = v->priv;
	(void)ui;
	snprintf(f->where, sizeof f->where, "Engagement");
	snprintf(f->title, sizeof f->title, "Engagement summary");
	snprintf(f->count, sizeof f->count, "%ld", s->loaded ? s->by[0].total.engagements : 0L);
	text_fit(s->filter, 200, false, f->filter, sizeof f->filter);
	snprintf(f->info, sizeof f->info, "%s", doc_more_below(&s->doc, doc_page(v)) ? "More below: Space pages down, Tab goes to the next table"
							     : "End of the summary; `planbench report --kind engagements` writes it for a paper");
	doc_position(&s->doc, doc_page(v), f->position, sizeof f->position);
}

const struct view_ops view_engagement_summary = {
	.name = "Engagement summary",
	.keys = keys,
	.init = sm_init,
	.draw = sm_draw,
	.key = NULL,
	.resize = sm_resize,
	.free = sm_free,
	.frame = sm_frame,
	.mouse = doc_mouse,
	.reload = sm_reload,
};
