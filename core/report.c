/* report.c — the quarterly RAG report: counting actions into Red/Amber/Green/Complete per top-level section, and
 * writing the report as GitHub-style Markdown, CSV (one row per section per RAG) or one self-contained HTML page
 * whose inline SVG bar charts read in greyscale print (a pattern and a letter in every segment). */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/report.h"
#include "core/text.h"

/* ---- counting ---- */

/* The column of a RAG letter. */
static enum report_bucket bucket_of_letter(enum rag r)
{
	switch (r) {
	case RAG_RED: return REPORT_RED;
	case RAG_AMBER: return REPORT_AMBER;
	case RAG_COMPLETE: return REPORT_COMPLETE;
	default: return REPORT_GREEN; /* no computed RAG: no dates, which rag_compute calls Green */
	}
}

enum report_bucket report_bucket_set(enum rag set, enum rag computed)
{
	if (set == RAG_COMPLETE || computed == RAG_COMPLETE)
		return REPORT_COMPLETE;
	return bucket_of_letter(set != RAG_NONE ? set : computed);
}

/* The column of a computed RAG. */
enum report_bucket report_bucket_computed(enum rag computed)
{
	return bucket_of_letter(computed);
}

const char *report_bucket_name(enum report_bucket b)
{
	static const char *const names[REPORT_NBUCKETS] = {"Red", "Amber", "Green", "Complete"};
	return b < REPORT_NBUCKETS ? names[b] : "";
}

char report_bucket_letter(enum report_bucket b)
{
	return b < REPORT_NBUCKETS ? "RAGC"[b] : '-';
}

/* Adds a group of actions to c, in both its set and its computed column. */
void report_counts_add(struct report_counts *c, const struct report_group *g)
{
	c->actions += g->actions;
	c->set[report_bucket_set(g->rag, g->rag_computed)] += g->actions;
	c->computed[report_bucket_computed(g->rag_computed)] += g->actions;
	if (g->rag == RAG_NONE)
		c->unset += g->actions;
	c->overdue += g->overdue;
	c->revised += g->revised;
}

/* Adds every count of c to into. */
void report_counts_merge(struct report_counts *into, const struct report_counts *c)
{
	into->actions += c->actions;
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		into->set[b] += c->set[b];
		into->computed[b] += c->computed[b];
	}
	into->unset += c->unset;
	into->overdue += c->overdue;
	into->revised += c->revised;
}

/* A copy of s ("" for NULL); allocation failure aborts, as in core/buf.c. */
static char *dup_text(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

/* An empty plan with copies of its code and title. */
void report_plan_init(struct report_plan *p, const char *code, const char *title)
{
	memset(p, 0, sizeof *p);
	p->code = dup_text(code);
	p->title = dup_text(title);
}

struct report_section *report_plan_section(struct report_plan *p, const char *code, const char *title)
{
	for (size_t i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].code, code ? code : "") == 0)
			return &p->sections[i];
	if (p->nsections == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->sections = realloc(p->sections, p->cap * sizeof *p->sections);
		if (!p->sections)
			abort();
	}
	struct report_section *s = &p->sections[p->nsections++];
	memset(s, 0, sizeof *s);
	s->code = dup_text(code);
	s->title = dup_text(title);
	return s;
}

void report_plan_totals(const struct report_plan *p, struct report_counts *now, struct report_counts *then)
{
	memset(now, 0, sizeof *now);
	memset(then, 0, sizeof *then);
	for (size_t i = 0; i < p->nsections; i++) {
		report_counts_merge(now, &p->sections[i].now);
		report_counts_merge(then, &p->sections[i].then);
	}
}

/* Frees what p owns and empties it. */
void report_plan_free(struct report_plan *p)
{
	for (size_t i = 0; i < p->nsections; i++) {
		free(p->sections[i].code);
		free(p->sections[i].title);
	}
	free(p->sections);
	free(p->code);
	free(p->title);
	memset(p, 0, sizeof *p);
}

int report_format_from_name(const char *name)
{
	static const char *const names[] = {[REPORT_MD] = "md", [REPORT_CSV] = "csv", [REPORT_HTML] = "html"};
	for (int i = 0; name && i < 3; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/* ---- words and cells shared by every format ---- */

#define MAX_CELLS 8
#define NCOUNT_COLS 7 /* Actions, Red, Amber, Green, Complete, Overdue, Revised date */

/* The cells of one row, each a growable string. */
struct cells {
	int n;
	struct buf b[MAX_CELLS];
	char badge[MAX_CELLS]; /* a RAG letter the HTML shows as a coloured badge before the text, or 0 */
};

/* The next cell of the row. */
static struct buf *cell(struct cells *c)
{
	return &c->b[c->n++];
}

/* Frees the cells and empties the row for reuse. */
static void cells_free(struct cells *c)
{
	for (int i = 0; i < c->n; i++)
		buf_free(&c->b[i]);
	memset(c, 0, sizeof *c);
}


/* "2026-05-31" → "31 May 2026"; other text as it is. */
static void human_date(const char *iso, char *out, size_t len)
{
	struct date d;
	if (iso && date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso ? iso : "");
}

/* Appends the date in words, "-" when there is none. */
static void add_date(struct buf *b, const char *iso)
{
	char h[32];
	human_date(iso, h, sizeof h);
	buf_add(b, *h ? h : "-");
}

/* "GREEN", "GREEN (computed RED)", "COMPLETE", or "RED (computed; none set)": the column the action counts in. */
static void add_rag_words(struct buf *b, enum rag set, enum rag computed)
{
	enum report_bucket bucket = report_bucket_set(set, computed);
	if (bucket == REPORT_COMPLETE)
		buf_add(b, "COMPLETE");
	else if (set == RAG_NONE)
		buf_printf(b, "%s (computed; none set)", rag_name(computed));
	else if (rag_mismatch(set, computed))
		buf_printf(b, "%s (computed %s)", rag_name(set), rag_name(computed));
	else
		buf_add(b, rag_name(set));
}

/* A cell of RAG words, with the letter of the column the action counts in as its badge. */
static void rag_cell(struct cells *c, enum rag set, enum rag computed)
{
	c->badge[c->n] = report_bucket_letter(report_bucket_set(set, computed));
	add_rag_words(cell(c), set, computed);
}

/* A cell naming one RAG, with its letter as the badge. */
static void rag_name_cell(struct cells *c, enum rag r)
{
	c->badge[c->n] = r == RAG_NONE ? 0 : rag_letter(r);
	buf_add(cell(c), r == RAG_NONE ? "-" : rag_name(r));
}

/* "4" or "4 (computed 2)". */
static void add_count(struct buf *b, long set, long computed)
{
	buf_printf(b, "%ld", set);
	if (computed != set)
		buf_printf(b, " (computed %ld)", computed);
}

/* "3 → 1 (-2)": at the snapshot, now, and the change. */
static void add_change(struct buf *b, long then, long now)
{
	buf_printf(b, "%ld \xE2\x86\x92 %ld (%s%ld)", then, now, now > then ? "+" : "", now - then);
}

/* Appends "SQ — Safety and Quality" ("No section" for the actions in none). */
static void add_section_name(struct buf *b, const char *code, const char *title)
{
	if (!*code)
		buf_add(b, "No section");
	else if (*title)
		buf_printf(b, "%s \xE2\x80\x94 %s", code, title);
	else
		buf_add(b, code);
}

static const char *const count_heads[NCOUNT_COLS + 1] = {"Section", "Actions", "Red", "Amber", "Green", "Complete",
							  "Overdue", "Revised date"};

/* A row of the counts table: the section, then each count (set, with computed beside it where it differs). */
static void count_cells(struct cells *c, const char *code, const char *title, const struct report_counts *n)
{
	add_section_name(cell(c), code, title);
	buf_printf(cell(c), "%ld", n->actions);
	for (int b = 0; b < REPORT_NBUCKETS; b++)
		add_count(cell(c), n->set[b], n->computed[b]);
	buf_printf(cell(c), "%ld", n->overdue);
	buf_printf(cell(c), "%ld", n->revised);
}

/* A row of the comparison table: each count at the snapshot, now, and the change. */
static void change_cells(struct cells *c, const char *code, const char *title, const struct report_counts *then,
			 const struct report_counts *now)
{
	add_section_name(cell(c), code, title);
	add_change(cell(c), then->actions, now->actions);
	for (int b = 0; b < REPORT_NBUCKETS; b++)
		add_change(cell(c), then->set[b], now->set[b]);
	add_change(cell(c), then->overdue, now->overdue);
	add_change(cell(c), then->revised, now->revised);
}

/* The headings and alignment ('r' right) of each list and of the per-section table. */
struct columns {
	const char *heads[MAX_CELLS];
	const char *align;
};

static const struct columns list_columns[REPORT_NLISTS] = {
	[REPORT_LIST_OVERDUE] = {{"Ref", "Section", "Action", "Lead", "Target date", "Days over", "RAG"}, "lllllrl"},
	[REPORT_LIST_REVISED] = {{"Ref", "Action", "Lead", "From", "To", "Reason", "Changed"}, "lllllll"},
	[REPORT_LIST_MISMATCH] = {{"Ref", "Action", "Lead", "Set", "Computed", "Why"}, "llllll"},
	[REPORT_LIST_COMPLETED] = {{"Ref", "Action", "Lead", "Target date", "Completed on"}, "lllll"},
};

static const struct columns table_columns = {{"Ref", "Action", "Lead", "Target date", "RAG", "Comments"}, "llllll"};

/* How many columns a table has. */
static int ncolumns(const struct columns *c)
{
	return (int)strlen(c->align);
}

/* Appends s, or "-" when it is empty. */
static void add_or_dash(struct buf *b, const char *s)
{
	buf_add(b, s && *s ? s : "-");
}

/* The cells of one row of a list, as its columns say. */
static void list_cells(struct cells *c, enum report_list list, const struct report_item *it)
{
	add_or_dash(cell(c), it->ref);
	if (list == REPORT_LIST_OVERDUE)
		add_or_dash(cell(c), it->section);
	add_or_dash(cell(c), it->title);
	add_or_dash(cell(c), it->leads);
	if (list == REPORT_LIST_OVERDUE) {
		add_date(cell(c), it->due_on);
		buf_printf(cell(c), "%ld", it->days_over);
		rag_cell(c, it->rag, it->rag_computed);
	} else if (list == REPORT_LIST_REVISED) {
		add_date(cell(c), it->from_on);
		add_date(cell(c), it->to_on);
		add_or_dash(cell(c), it->note);
		struct buf *when = cell(c);
		add_date(when, it->changed_on);
		if (it->changed_by && *it->changed_by)
			buf_printf(when, ", %s", it->changed_by);
	} else if (list == REPORT_LIST_MISMATCH) {
		rag_name_cell(c, it->rag);
		rag_name_cell(c, it->rag_computed);
		add_or_dash(cell(c), it->note);
	} else {
		add_date(cell(c), it->due_on);
		add_date(cell(c), it->completed_on);
	}
}

/* The target as officers wrote it, else the date, else "-". */
static void add_target(struct buf *b, const struct report_item *it)
{
	if (it->due_text && *it->due_text)
		buf_add(b, it->due_text);
	else
		add_date(b, it->due_on);
}

/* The cells of one row of the per-section table; Comments is the latest update with its period. */
static void table_cells(struct cells *c, const struct report_item *it)
{
	add_or_dash(cell(c), it->ref);
	add_or_dash(cell(c), it->title);
	add_or_dash(cell(c), it->leads);
	add_target(cell(c), it);
	rag_cell(c, it->rag, it->rag_computed);
	struct buf *comments = cell(c);
	if (!it->update_text || !*it->update_text) {
		buf_add(comments, "No progress update recorded.");
		return;
	}
	if (it->update_period && *it->update_period)
		buf_printf(comments, "%s: ", it->update_period);
	else if (it->update_on && *it->update_on)
		buf_printf(comments, "%s: ", it->update_on);
	buf_add(comments, it->update_text);
}

static const char *list_heading(enum report_list list)
{
	static const char *const h[REPORT_NLISTS] = {"Overdue actions", "Target dates revised since", "RAG mismatches",
						     "Completed since"};
	return h[list];
}

/* The notes under the counts, as plain sentences; returns how many were written into notes. */
static int plan_notes(const struct report_writer *w, const struct report_plan *p, const struct report_counts *now,
		      char notes[][512], int max)
{
	int n = 0;
	char taken[32];
	snprintf(notes[n++], 512, "Counts use the RAG the lead officer set. Where the RAG computed from the target dates "
				  "gives a different count, that count is shown beside it as \"(computed N)\".");
	if (now->unset)
		snprintf(notes[n++], 512, "An action with no RAG set is counted by its computed RAG: %ld action%s in this plan.",
			 now->unset, now->unset == 1 ? "" : "s");
	else
		snprintf(notes[n++], 512, "An action with no RAG set is counted by its computed RAG (every action in this plan has one set).");
	snprintf(notes[n++], 512, "Complete counts every action marked complete (status Complete, a completion date or RAG C), "
				  "whatever RAG it last carried.");
	snprintf(notes[n++], 512, "Computed RAG: Complete when completed; Red when past its current target date; Amber when due "
				  "within %d days or its target was pushed back this quarter; Green otherwise.", w->meta.amber_days);
	snprintf(notes[n++], 512, "Overdue: past the current target date and not complete. Revised date: the target date has "
				  "been revised at least once. Actions in sub-sections count under their top-level section.");
	if (w->meta.snapshot && n < max) {
		date_format_human(w->meta.snapshot_taken, taken, sizeof taken);
		snprintf(notes[n++], 512, "Snapshot \"%.200s\" was taken on %s. A target revised on that same day counts as revised "
					  "since the snapshot unless the snapshot already holds the new date.", w->meta.snapshot, taken);
	}
	if (w->meta.snapshot && p->added_since && n < max)
		snprintf(notes[n++], 512, "%ld action%s added since the snapshot %s not in its counts.", p->added_since,
			 p->added_since == 1 ? " was" : "s were", p->added_since == 1 ? "is" : "are");
	return n;
}

/* ---- Markdown ---- */

/* One Markdown table row. */
static void md_row(FILE *f, const struct cells *c)
{
	fputc('|', f);
	for (int i = 0; i < c->n; i++) {
		fputc(' ', f);
		text_write_markdown(f, buf_str(&c->b[i]));
		fputs(" |", f);
	}
	fputc('\n', f);
}

/* A Markdown table's heading row and its alignment row. */
static void md_head(FILE *f, const char *const *heads, const char *align, int n)
{
	fputc('|', f);
	for (int i = 0; i < n; i++)
		fprintf(f, " %s |", heads[i]);
	fputs("\n|", f);
	for (int i = 0; i < n; i++)
		fputs(align[i] == 'r' ? " ---: |" : " --- |", f);
	fputc('\n', f);
}

/* The counts per section and for all sections: now, or (change) at the snapshot → now. */
static void md_counts_table(struct report_writer *w, const struct report_plan *p, bool change)
{
	struct report_counts now, then;
	struct cells c = {0};
	md_head(w->out, count_heads, "lrrrrrrr", NCOUNT_COLS + 1);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct report_section *s = &p->sections[i];
		if (change)
			change_cells(&c, s->code, s->title, &s->then, &s->now);
		else
			count_cells(&c, s->code, s->title, &s->now);
		md_row(w->out, &c);
		cells_free(&c);
	}
	report_plan_totals(p, &now, &then);
	if (change)
		change_cells(&c, "", "", &then, &now);
	else
		count_cells(&c, "", "", &now);
	buf_reset(&c.b[0]);
	buf_add(&c.b[0], "All sections");
	md_row(w->out, &c);
	cells_free(&c);
	fputc('\n', w->out);
}

/* The plan's title, counts, comparison and notes in Markdown. */
static void md_plan_begin(struct report_writer *w, const struct report_plan *p)
{
	FILE *f = w->out;
	char today[32], taken[32] = "", notes[8][512];
	struct report_counts now, then;
	report_plan_totals(p, &now, &then);
	date_format_human(w->meta.today, today, sizeof today);
	fprintf(f, "%s# RAG report: ", w->plans > 1 ? "\n" : "");
	text_write_markdown(f, p->title);
	fprintf(f, " (%s)\n\nReport date %s \xC2\xB7 %ld action%s", p->code, today, now.actions, now.actions == 1 ? "" : "s");
	if (w->meta.snapshot) {
		date_format_human(w->meta.snapshot_taken, taken, sizeof taken);
		fputs(" \xC2\xB7 compared with snapshot \"", f);
		text_write_markdown(f, w->meta.snapshot);
		fprintf(f, "\", taken %s", taken);
	}
	fputs("\n\n## RAG by section\n\n", f);
	md_counts_table(w, p, false);
	if (w->meta.snapshot) {
		fputs("## Compared with \"", f);
		text_write_markdown(f, w->meta.snapshot);
		fprintf(f, "\" (taken %s)\n\nEach cell: at the snapshot \xE2\x86\x92 now (change).\n\n", taken);
		md_counts_table(w, p, true);
	}
	fputs("## Notes\n\n", f);
	int n = plan_notes(w, p, &now, notes, 8);
	for (int i = 0; i < n; i++) {
		fputs("- ", f);
		text_write_markdown(f, notes[i]);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* The heading of the current list; its table starts with its first row. */
static void md_list_heading(struct report_writer *w)
{
	fprintf(w->out, "## %s", list_heading(w->list));
	if (w->list == REPORT_LIST_REVISED || w->list == REPORT_LIST_COMPLETED) {
		fputs(" \"", w->out);
		text_write_markdown(w->out, w->meta.snapshot ? w->meta.snapshot : "");
		fputc('"', w->out);
	}
	fputs("\n\n", w->out);
}

/* One row of the current list, after the table's heading when it is the first. */
static void md_list_item(struct report_writer *w, const struct report_item *it)
{
	const struct columns *cols = &list_columns[w->list];
	struct cells c = {0};
	if (w->rows == 0)
		md_head(w->out, cols->heads, cols->align, ncolumns(cols));
	list_cells(&c, w->list, it);
	md_row(w->out, &c);
	cells_free(&c);
}

/* Ends a list: "None." when it had no rows. */
static void md_list_end(struct report_writer *w)
{
	fputs(w->rows ? "\n" : "None.\n\n", w->out);
}

/* Headings for the section an item is in, when it differs from the previous item's. */
static bool table_moved(struct report_writer *w, const struct report_item *it, bool *new_top)
{
	*new_top = strcmp(w->top, it->top ? it->top : "") != 0 || w->rows == 0;
	bool new_section = *new_top || strcmp(w->section, it->section ? it->section : "") != 0;
	snprintf(w->top, sizeof w->top, "%s", it->top ? it->top : "");
	snprintf(w->section, sizeof w->section, "%s", it->section ? it->section : "");
	return new_section;
}

/* The heading level of a section at the item's depth: 3 at the top, at most 6. */
static int heading_level(const struct report_item *it)
{
	int level = 3 + (it->depth > 0 ? it->depth : 0);
	return level > 6 ? 6 : level;
}

/* A Markdown heading naming a section. */
static void md_heading(FILE *f, int level, const char *code, const char *title)
{
	struct buf b = {0};
	add_section_name(&b, code, title);
	fprintf(f, "%.*s ", level, "######");
	text_write_markdown(f, buf_str(&b));
	fputs("\n\n", f);
	buf_free(&b);
}

/* One row of the per-section table, after new section headings and a new table when the section changes. */
static void md_table_item(struct report_writer *w, const struct report_item *it)
{
	bool new_top;
	struct cells c = {0};
	if (table_moved(w, it, &new_top)) {
		if (w->table_open)
			fputc('\n', w->out);
		if (new_top)
			md_heading(w->out, 3, it->top, it->top_title);
		if (it->depth > 0)
			md_heading(w->out, heading_level(it), it->section, it->section_title);
		md_head(w->out, table_columns.heads, table_columns.align, ncolumns(&table_columns));
		w->table_open = true;
	}
	table_cells(&c, it);
	md_row(w->out, &c);
	cells_free(&c);
}

/* ---- CSV ---- */

/* The CSV rows of a plan: one per section per RAG column. */
static void csv_plan(struct report_writer *w, const struct report_plan *p)
{
	for (size_t i = 0; i < p->nsections; i++) {
		const struct report_section *s = &p->sections[i];
		for (int b = 0; b < REPORT_NBUCKETS; b++) {
			char count[24], computed[24], then[24] = "", change[24] = "";
			snprintf(count, sizeof count, "%ld", s->now.set[b]);
			snprintf(computed, sizeof computed, "%ld", s->now.computed[b]);
			if (w->meta.snapshot) {
				snprintf(then, sizeof then, "%ld", s->then.set[b]);
				snprintf(change, sizeof change, "%ld", s->now.set[b] - s->then.set[b]);
			}
			const char *row[] = {p->code, s->code, *s->code ? s->title : "No section", report_bucket_name(b),
					     count, computed, then, change};
			csvio_write_row(w->out, row, 8);
		}
	}
}

/* ---- HTML ---- */

/* Writes s escaped for HTML text and attribute values. */
static void html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* Text of a table cell: escaped, its line breaks kept. */
static void html_lines(FILE *f, const char *s)
{
	for (const char *nl; s && (nl = strchr(s, '\n')); s = nl + 1) {
		struct buf line = {0};
		buf_addn(&line, s, (size_t)(nl - s));
		html_text(f, buf_str(&line));
		fputs("<br/>", f);
		buf_free(&line);
	}
	html_text(f, s);
}

/* Colour plus a pattern per column, so Red and Green (the same grey) still differ on a greyscale printer. */
static const struct {
	const char *fill, *ink;
} bucket_style[REPORT_NBUCKETS] = {{"#c62828", "#ffffff"}, {"#f9a825", "#000000"}, {"#1b5e20", "#ffffff"},
				   {"#90caf9", "#000000"}};

static const char html_style[] =
	"@page{size:A4;margin:14mm 12mm}\n"
	"*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:10.5pt;line-height:1.35;color:#111;"
	"max-width:190mm;margin:0 auto;padding:8mm 4mm}\n"
	"h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13pt;margin:7mm 0 2mm;border-bottom:1.5pt solid #333;padding-bottom:1mm}\n"
	"h3{font-size:11.5pt;margin:5mm 0 1.5mm}h4,h5,h6{font-size:10.5pt;margin:3mm 0 1mm;font-style:italic}\n"
	".meta{color:#333;margin:0 0 4mm}.none{font-style:italic;color:#444}\n"
	"table{border-collapse:collapse;width:100%;margin:1mm 0 3mm;font-size:9pt}\n"
	"th,td{border:0.75pt solid #777;padding:1mm 1.5mm;text-align:left;vertical-align:top}\n"
	"th{background:#e6e6e6}td.n,th.n{text-align:right;white-space:nowrap}tr.total td,tr.total th{font-weight:bold;background:#f2f2f2}\n"
	".comp{font-size:8pt;color:#333}td.rag{font-weight:bold}\n"
	".badge{display:inline-block;min-width:1.5em;text-align:center;font-weight:bold;border:0.75pt solid #000;"
	"border-radius:2pt;padding:0 0.2em;margin-right:0.3em}\n"
	".b-R{background:#c62828;color:#fff}.b-A{background:#f9a825;color:#000}.b-G{background:#1b5e20;color:#fff}"
	".b-C{background:#90caf9;color:#000}\n"
	"figure{margin:0 0 4mm;break-inside:avoid;page-break-inside:avoid}figcaption{font-weight:bold;margin-bottom:1mm}\n"
	"svg.chart{display:block;width:100%;max-width:680px;height:auto}\n"
	"section.plan+section.plan{break-before:page;page-break-before:always}\n"
	"@media print{body{padding:0;max-width:none}h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}"
	"tr{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}}\n";

/* The document's head: its own style sheet, nothing fetched from elsewhere. */
static void html_begin(struct report_writer *w)
{
	char today[32];
	date_format_human(w->meta.today, today, sizeof today);
	fprintf(w->out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
			"<title>RAG report, %s</title>\n<style>\n%s</style>\n</head>\n<body>\n", today, html_style);
}

/* A RAG letter in its colour, so it reads without the colour too. */
static void html_badge(FILE *f, char letter)
{
	fprintf(f, "<span class=\"badge b-%c\">%c</span>", letter, letter);
}

/* One table row; RAG cells get their badge. */
static void html_cells(FILE *f, const struct cells *c, const char *align, const char *tag, bool total)
{
	fputs(total ? "<tr class=\"total\">" : "<tr>", f);
	for (int i = 0; i < c->n; i++) {
		fprintf(f, "<%s%s>", tag, align[i] == 'r' ? " class=\"n\"" : c->badge[i] ? " class=\"rag\"" : "");
		if (c->badge[i])
			html_badge(f, c->badge[i]);
		html_lines(f, buf_str(&c->b[i]));
		fprintf(f, "</%s>", tag);
	}
	fputs("</tr>\n", f);
}

/* A table's heading row, opening its body. */
static void html_head_row(FILE *f, const char *const *heads, const char *align, int n)
{
	struct cells c = {0};
	for (int i = 0; i < n; i++)
		buf_add(cell(&c), heads[i]);
	fputs("<thead>", f);
	html_cells(f, &c, align, "th", false);
	fputs("</thead>\n<tbody>\n", f);
	cells_free(&c);
}

/* One cell of the counts table: the set count, with the computed one beside it where it differs. */
static void html_count(FILE *f, long set, long computed)
{
	fprintf(f, "<td class=\"n\">%ld", set);
	if (computed != set)
		fprintf(f, " <span class=\"comp\">(computed %ld)</span>", computed);
	fputs("</td>", f);
}

/* One row of the counts table. */
static void html_counts_row(FILE *f, const char *name, const struct report_counts *n, bool total)
{
	fprintf(f, "<tr%s><td>", total ? " class=\"total\"" : "");
	html_text(f, name);
	fprintf(f, "</td><td class=\"n\">%ld</td>", n->actions);
	for (int b = 0; b < REPORT_NBUCKETS; b++)
		html_count(f, n->set[b], n->computed[b]);
	fprintf(f, "<td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>\n", n->overdue, n->revised);
}

/* The counts table's opening and heading row, each RAG with its badge. */
static void html_counts_head(FILE *f)
{
	fputs("<table class=\"counts\">\n<thead><tr><th>Section</th><th class=\"n\">Actions</th>", f);
	for (int b = 0; b < REPORT_NBUCKETS; b++) {
		fputs("<th class=\"n\">", f);
		html_badge(f, report_bucket_letter(b));
		fprintf(f, "%s</th>", report_bucket_name(b));
	}
	fputs("<th class=\"n\">Overdue</th><th class=\"n\">Revised date</th></tr></thead>\n<tbody>\n", f);
}

/* The counts per section and for all sections: now, or (change) at the snapshot → now. */
static void html_counts_table(struct report_writer *w, const struct report_plan *p, bool change)
{
	struct report_counts now, then;
	struct cells c = {0};
	struct buf name = {0};
	html_counts_head(w->out);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct report_section *s = &p->sections[i];
		buf_reset(&name);
		add_section_name(&name, s->code, s->title);
		if (!change) {
			html_counts_row(w->out, buf_str(&name), &s->now, false);
			continue;
		}
		change_cells(&c, s->code, s->title, &s->then, &s->now);
		html_cells(w->out, &c, "lrrrrrrr", "td", false);
		cells_free(&c);
	}
	report_plan_totals(p, &now, &then);
	if (change) {
		change_cells(&c, "", "", &then, &now);
		buf_reset(&c.b[0]);
		buf_add(&c.b[0], "All sections");
		html_cells(w->out, &c, "lrrrrrrr", "td", true);
		cells_free(&c);
	} else {
		html_counts_row(w->out, "All sections", &now, true);
	}
	fputs("</tbody>\n</table>\n", w->out);
	buf_free(&name);
}

/* ---- the inline SVG charts ---- */

#define SVG_W 680
#define SVG_LABEL_X 126 /* right edge of the bar labels */
#define SVG_BAR_X 134
#define SVG_BAR_W 470
#define SVG_BAR_H 24
#define SVG_ROW_H 50 /* a bar and, under it, the labels of segments too thin to hold theirs */
#define SVG_TOP 6

struct bar {
	const char *label;
	const long *counts; /* REPORT_NBUCKETS of them */
};

/* The number of actions in a bar. */
static long bar_total(const struct bar *b)
{
	long t = 0;
	for (int i = 0; i < REPORT_NBUCKETS; i++)
		t += b->counts[i];
	return t;
}

/* The four fill patterns of chart n: diagonal stripes, dots, solid, grid. */
static void svg_defs(FILE *f, int n)
{
	fprintf(f, "<defs>\n"
		   "<pattern id=\"pR%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		   "<rect width=\"8\" height=\"8\" fill=\"%s\"/><rect width=\"3\" height=\"8\" fill=\"#ffffff\" fill-opacity=\"0.6\"/></pattern>\n"
		   "<pattern id=\"pA%d\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\">"
		   "<rect width=\"7\" height=\"7\" fill=\"%s\"/><circle cx=\"3.5\" cy=\"3.5\" r=\"1.5\" fill=\"#000000\" fill-opacity=\"0.65\"/></pattern>\n"
		   "<pattern id=\"pG%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
		   "<rect width=\"8\" height=\"8\" fill=\"%s\"/></pattern>\n"
		   "<pattern id=\"pC%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
		   "<rect width=\"8\" height=\"8\" fill=\"%s\"/><path d=\"M0 0.5H8M0.5 0V8\" stroke=\"#0d47a1\" stroke-width=\"1.2\"/></pattern>\n"
		   "</defs>\n",
		n, bucket_style[REPORT_RED].fill, n, bucket_style[REPORT_AMBER].fill, n, bucket_style[REPORT_GREEN].fill, n,
		bucket_style[REPORT_COMPLETE].fill);
}

/* A white label "R 3" centred at x, so the letter and count read on any fill. */
static void svg_badge(FILE *f, double x, double y, char letter, long count)
{
	char text[32];
	int len = snprintf(text, sizeof text, "%c %ld", letter, count);
	double wd = 7.0 * len + 6;
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"15\" rx=\"3\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.6\"/>"
		   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#000000\">%s</text>\n",
		x - wd / 2, y, wd, x, y + 11.5, text);
}

/* One stacked bar; segments too thin for their label get it underneath, pushed right so labels never overlap. */
static void svg_bar(FILE *f, int n, double y, const struct bar *b, double scale)
{
	char label[128];
	double x = SVG_BAR_X, callout_end = 0;
	text_fit(b->label, 20, false, label, sizeof label);
	fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", SVG_LABEL_X, y + 16);
	html_text(f, label);
	fputs("</text>\n", f);
	for (int k = 0; k < REPORT_NBUCKETS; k++) {
		long count = b->counts[k];
		if (count <= 0)
			continue;
		double wd = count * scale, mid = x + wd / 2;
		char letter = report_bucket_letter(k);
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"url(#p%c%d)\" stroke=\"#000000\" stroke-width=\"0.8\">"
			   "<title>%s: %ld</title></rect>\n", x, y, wd, SVG_BAR_H, letter, n, report_bucket_name(k), count);
		double need = 7.0 * snprintf(label, sizeof label, "%c %ld", letter, count) + 10;
		if (wd >= need) {
			svg_badge(f, mid, y + 4.5, letter, count);
		} else {
			double at = mid - need / 2 < callout_end ? callout_end + need / 2 : mid;
			fprintf(f, "<path d=\"M%.1f %.1fL%.1f %.1f\" stroke=\"#000000\" stroke-width=\"0.8\"/>\n", mid,
				y + SVG_BAR_H, at, y + SVG_BAR_H + 5);
			svg_badge(f, at, y + SVG_BAR_H + 5, letter, count);
			callout_end = at + need / 2;
		}
		x += wd;
	}
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%ld</text>\n", x + 6, y + 16, bar_total(b));
}

/* The key under a chart: each pattern with its letter and name. */
static void svg_legend(FILE *f, int n, double y)
{
	for (int k = 0; k < REPORT_NBUCKETS; k++) {
		int x = SVG_BAR_X + k * 118;
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"14\" fill=\"url(#p%c%d)\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
			   "<text x=\"%d\" y=\"%.1f\"><tspan font-weight=\"bold\">%c</tspan> %s</text>\n",
			x, y, report_bucket_letter(k), n, x + 21, y + 11.5, report_bucket_letter(k), report_bucket_name(k));
	}
}

/* "SQ — Safety and Quality. 2025/26 Q4: Red 0, Amber 1, …" for screen readers and as the chart's title. */
static void svg_description(struct buf *d, const char *caption, const struct bar *bars, int nbars)
{
	buf_printf(d, "%s.", caption);
	for (int i = 0; i < nbars; i++) {
		buf_printf(d, " %s:", bars[i].label);
		for (int k = 0; k < REPORT_NBUCKETS; k++)
			buf_printf(d, "%s %s %ld", k ? "," : "", report_bucket_name(k), bars[i].counts[k]);
		buf_addc(d, '.');
	}
}

/* A figure with one stacked bar per moment: the snapshot (when compared), now by the set RAG, now by the dates. */
static void html_chart(struct report_writer *w, const char *code, const char *caption, const struct report_counts *now,
		       const struct report_counts *then)
{
	FILE *f = w->out;
	struct bar bars[3];
	int nbars = 0, n = ++w->charts;
	if (then)
		bars[nbars++] = (struct bar){w->meta.snapshot, then->set};
	bars[nbars++] = (struct bar){"Now, set RAG", now->set};
	bars[nbars++] = (struct bar){"Now, by the dates", now->computed};
	long most = 0;
	for (int i = 0; i < nbars; i++)
		most = bar_total(&bars[i]) > most ? bar_total(&bars[i]) : most;
	double scale = most ? (double)SVG_BAR_W / (double)most : 0;
	int height = SVG_TOP + nbars * SVG_ROW_H + 22;
	struct buf d = {0};
	svg_description(&d, caption, bars, nbars);
	fputs("<figure>\n<figcaption>", f);
	html_text(f, caption);
	fprintf(f, "</figcaption>\n<svg class=\"chart\" data-section=\"");
	html_text(f, code);
	fprintf(f, "\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"", SVG_W, height, SVG_W, height);
	html_text(f, buf_str(&d));
	fputs("\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\" font-size=\"12\">\n<title>", f);
	html_text(f, buf_str(&d));
	fputs("</title>\n", f);
	svg_defs(f, n);
	for (int i = 0; i < nbars; i++)
		svg_bar(f, n, SVG_TOP + i * SVG_ROW_H, &bars[i], scale);
	if (!most)
		fprintf(f, "<text x=\"%d\" y=\"%d\">No actions</text>\n", SVG_BAR_X, SVG_TOP + 16);
	svg_legend(f, n, SVG_TOP + nbars * SVG_ROW_H);
	fputs("</svg>\n</figure>\n", f);
	buf_free(&d);
}

/* A chart per section, then one for all sections. */
static void html_charts(struct report_writer *w, const struct report_plan *p)
{
	struct report_counts now, then;
	struct buf caption = {0};
	bool cmp = w->meta.snapshot != NULL;
	fputs("<h2>RAG by section, as charts</h2>\n", w->out);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct report_section *s = &p->sections[i];
		buf_reset(&caption);
		add_section_name(&caption, s->code, s->title);
		buf_printf(&caption, " \xC2\xB7 %ld action%s", s->now.actions, s->now.actions == 1 ? "" : "s");
		html_chart(w, s->code, buf_str(&caption), &s->now, cmp ? &s->then : NULL);
	}
	report_plan_totals(p, &now, &then);
	buf_reset(&caption);
	buf_printf(&caption, "All sections \xC2\xB7 %ld action%s", now.actions, now.actions == 1 ? "" : "s");
	html_chart(w, "", buf_str(&caption), &now, cmp ? &then : NULL);
	buf_free(&caption);
}

/* The plan's title, counts, comparison, charts and notes in HTML. */
static void html_plan_begin(struct report_writer *w, const struct report_plan *p)
{
	FILE *f = w->out;
	char today[32], taken[32] = "", notes[8][512];
	struct report_counts now, then;
	report_plan_totals(p, &now, &then);
	date_format_human(w->meta.today, today, sizeof today);
	fputs("<section class=\"plan\">\n<h1>RAG report: ", f);
	html_text(f, p->title);
	fputs(" (", f);
	html_text(f, p->code);
	fprintf(f, ")</h1>\n<p class=\"meta\">Report date %s \xC2\xB7 %ld action%s", today, now.actions, now.actions == 1 ? "" : "s");
	if (w->meta.snapshot) {
		date_format_human(w->meta.snapshot_taken, taken, sizeof taken);
		fputs(" \xC2\xB7 compared with snapshot \xE2\x80\x9C", f);
		html_text(f, w->meta.snapshot);
		fprintf(f, "\xE2\x80\x9D, taken %s", taken);
	}
	fputs("</p>\n<h2>RAG by section</h2>\n", f);
	html_counts_table(w, p, false);
	if (w->meta.snapshot) {
		fputs("<h2>Compared with \xE2\x80\x9C", f);
		html_text(f, w->meta.snapshot);
		fprintf(f, "\xE2\x80\x9D (taken %s)</h2>\n<p>Each cell: at the snapshot \xE2\x86\x92 now (change).</p>\n", taken);
		html_counts_table(w, p, true);
	}
	html_charts(w, p);
	fputs("<h2>Notes</h2>\n<ul class=\"notes\">\n", f);
	int n = plan_notes(w, p, &now, notes, 8);
	for (int i = 0; i < n; i++) {
		fputs("<li>", f);
		html_text(f, notes[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* The heading of the current list; its table starts with its first row. */
static void html_list_heading(struct report_writer *w)
{
	fprintf(w->out, "<h2>%s", list_heading(w->list));
	if (w->list == REPORT_LIST_REVISED || w->list == REPORT_LIST_COMPLETED) {
		fputs(" \xE2\x80\x9C", w->out);
		html_text(w->out, w->meta.snapshot ? w->meta.snapshot : "");
		fputs("\xE2\x80\x9D", w->out);
	}
	fputs("</h2>\n", w->out);
}

/* One row of the current list, opening the table when it is the first. */
static void html_list_item(struct report_writer *w, const struct report_item *it)
{
	const struct columns *cols = &list_columns[w->list];
	struct cells c = {0};
	if (w->rows == 0) {
		fputs("<table>\n", w->out);
		html_head_row(w->out, cols->heads, cols->align, ncolumns(cols));
	}
	list_cells(&c, w->list, it);
	html_cells(w->out, &c, cols->align, "td", false);
	cells_free(&c);
}

/* Ends a list: "None." when it had no rows. */
static void html_list_end(struct report_writer *w)
{
	fputs(w->rows ? "</tbody>\n</table>\n" : "<p class=\"none\">None.</p>\n", w->out);
}

/* An HTML heading naming a section. */
static void html_heading(FILE *f, int level, const char *code, const char *title)
{
	struct buf b = {0};
	add_section_name(&b, code, title);
	fprintf(f, "<h%d>", level);
	html_text(f, buf_str(&b));
	fprintf(f, "</h%d>\n", level);
	buf_free(&b);
}

/* One row of the per-section table, after new section headings and a new table when the section changes. */
static void html_table_item(struct report_writer *w, const struct report_item *it)
{
	bool new_top;
	struct cells c = {0};
	if (table_moved(w, it, &new_top)) {
		if (w->table_open)
			fputs("</tbody>\n</table>\n", w->out);
		if (new_top)
			html_heading(w->out, 3, it->top, it->top_title);
		if (it->depth > 0)
			html_heading(w->out, heading_level(it), it->section, it->section_title);
		fputs("<table class=\"progress\">\n<colgroup><col style=\"width:7%\"/><col style=\"width:25%\"/>"
		      "<col style=\"width:13%\"/><col style=\"width:11%\"/><col style=\"width:10%\"/><col/></colgroup>\n",
		      w->out);
		html_head_row(w->out, table_columns.heads, table_columns.align, ncolumns(&table_columns));
		w->table_open = true;
	}
	table_cells(&c, it);
	html_cells(w->out, &c, table_columns.align, "td", false);
	cells_free(&c);
}

/* ---- the writer: one entry point per part, dispatching on the format ---- */

void report_begin(struct report_writer *w, FILE *out, enum report_format format, const struct report_meta *m)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->format = format;
	w->meta = *m;
	if (format == REPORT_HTML)
		html_begin(w);
	else if (format == REPORT_CSV)
		fputs("plan,section,section_title,rag,count,computed_count,snapshot_count,change\n", out);
}

void report_plan_begin(struct report_writer *w, const struct report_plan *p)
{
	w->plans++;
	if (w->format == REPORT_MD)
		md_plan_begin(w, p);
	else if (w->format == REPORT_HTML)
		html_plan_begin(w, p);
	else
		csv_plan(w, p);
}

void report_list_begin(struct report_writer *w, enum report_list list)
{
	w->list = list;
	w->rows = 0;
	if (w->format == REPORT_MD)
		md_list_heading(w);
	else if (w->format == REPORT_HTML)
		html_list_heading(w);
}

void report_list_item(struct report_writer *w, const struct report_item *it)
{
	if (w->format == REPORT_MD)
		md_list_item(w, it);
	else if (w->format == REPORT_HTML)
		html_list_item(w, it);
	w->rows++;
}

void report_list_end(struct report_writer *w)
{
	if (w->format == REPORT_MD)
		md_list_end(w);
	else if (w->format == REPORT_HTML)
		html_list_end(w);
}

void report_table_begin(struct report_writer *w)
{
	w->rows = 0;
	w->table_open = false;
	w->top[0] = w->section[0] = '\0';
	if (w->format == REPORT_MD)
		fputs("## Latest progress by section\n\n", w->out);
	else if (w->format == REPORT_HTML)
		fputs("<h2>Latest progress by section</h2>\n", w->out);
}

void report_table_item(struct report_writer *w, const struct report_item *it)
{
	if (w->format == REPORT_MD)
		md_table_item(w, it);
	else if (w->format == REPORT_HTML)
		html_table_item(w, it);
	w->rows++;
}

void report_table_end(struct report_writer *w)
{
	if (w->format == REPORT_CSV)
		return;
	if (w->rows == 0)
		fputs(w->format == REPORT_MD ? "None.\n" : "<p class=\"none\">No actions.</p>\n", w->out);
	else if (w->format == REPORT_HTML)
		fputs("</tbody>\n</table>\n", w->out);
	w->table_open = false;
}

void report_plan_end(struct report_writer *w)
{
	if (w->format == REPORT_HTML)
		fputs("</section>\n", w->out);
}

int report_end(struct report_writer *w)
{
	if (w->format == REPORT_HTML)
		fputs("</body>\n</html>\n", w->out);
	return fflush(w->out) == 0 && !ferror(w->out) ? 0 : -1;
}
