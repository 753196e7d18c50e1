/* review.c — one-to-one reviews without SQL: the agenda's groups, the reason an agreed date is saved with, and the
 * review sheet in Markdown (lists and tables only, so it prints and pastes into Word) or CSV. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/review.h"
#include "core/text.h"

static const char *const group_keys[REVIEW_NGROUPS] = {"overdue", "mismatch", "due_soon", "changed", "other"};
static const char *const group_names[REVIEW_NGROUPS] = {"Overdue", "RAG mismatch", "Due within a month",
							"Changed since the last review", "Everything else"};

const char *review_group_key(enum review_group g)
{
	return g >= 0 && g < REVIEW_NGROUPS ? group_keys[g] : "";
}

int review_group_from_key(const char *key)
{
	for (int g = 0; key && g < REVIEW_NGROUPS; g++)
		if (strcmp(group_keys[g], key) == 0)
			return g;
	return -1;
}

const char *review_group_name(enum review_group g)
{
	return g >= 0 && g < REVIEW_NGROUPS ? group_names[g] : "";
}

const char *review_state_name(enum review_state s)
{
	switch (s) {
	case REVIEW_ITEM_PENDING: return "to take";
	case REVIEW_ITEM_DISCUSSED: return "discussed";
	case REVIEW_ITEM_NOT_DISCUSSED: return "not discussed";
	default: return "";
	}
}

void review_agreed_reason(struct date held_on, char *out, size_t outlen)
{
	char day[32];
	date_format_human(held_on, day, sizeof day);
	snprintf(out, outlen, "agreed at 1:1 on %s", day);
}

int review_format_from_name(const char *name)
{
	if (name && strcmp(name, "md") == 0)
		return REVIEW_MD;
	if (name && strcmp(name, "csv") == 0)
		return REVIEW_CSV;
	return -1;
}

/* ---- the cells, as words ---- */

/* "31 May 2026" from an ISO date; the text itself when it is not one. */
static void human(const char *iso, char *out, size_t len)
{
	struct date d;
	if (iso && date_parse_iso(iso, &d))
		date_format_human(d, out, len);
	else
		snprintf(out, len, "%s", iso ? iso : "");
}

/* The target: the date (or the text as written when it has none) and how far over it is. */
static void target_words(struct buf *b, const struct review_sheet_row *r)
{
	char day[32];
	human(r->due_on, day, sizeof day);
	buf_add(b, *day ? day : *r->due_text ? r->due_text : "none");
	if (r->days_over > 0)
		buf_printf(b, ", %ld day%s over", r->days_over, r->days_over == 1 ? "" : "s");
}

/* "RED", or "GREEN set, RED computed" when they disagree. */
static void rag_words(struct buf *b, const struct review_sheet_row *r)
{
	if (rag_mismatch(r->rag, r->rag_computed))
		buf_printf(b, "%s set, %s computed", rag_name(r->rag), rag_name(r->rag_computed));
	else
		buf_add(b, rag_name(r->rag != RAG_NONE ? r->rag : r->rag_computed));
}

/* "2025/26 Q4 (31 Mar 2026, Simon Parry): text", or "none". */
static void update_words(struct buf *b, const struct review_sheet_row *r)
{
	char day[32];
	if (!*r->update_text) {
		buf_add(b, "none");
		return;
	}
	human(r->update_on, day, sizeof day);
	buf_printf(b, "%s (%s%s%s): %s", *r->update_period ? r->update_period : "update", day, *r->update_author ? ", " : "",
		   r->update_author, r->update_text);
}

/* What was agreed: the next step and when (the agenda as it is now); for a saved review, everything recorded. */
static void agreed_words(struct buf *b, const struct review_sheet_meta *m, const struct review_sheet_row *r)
{
	char day[32];
	if (!m->saved) {
		human(r->agreed_on, day, sizeof day);
		if (*r->next_step)
			buf_printf(b, "%s (agreed %s)", r->next_step, day);
		else
			buf_add(b, "none yet");
		return;
	}
	if (r->state == REVIEW_ITEM_NOT_DISCUSSED) {
		buf_add(b, "Not discussed");
		return;
	}
	if (r->state == REVIEW_ITEM_PENDING) {
		buf_add(b, "Not taken yet");
		return;
	}
	if (*r->next_step)
		buf_printf(b, "%s", r->next_step);
	if (*r->new_due_on) {
		human(r->new_due_on, day, sizeof day);
		buf_printf(b, "%sNew target date %s", b->len ? "; " : "", day);
	}
	if (*r->notes)
		buf_printf(b, "%sNotes: %s", b->len ? "; " : "", r->notes);
	if (!b->len)
		buf_add(b, "Discussed");
}

/* ---- Markdown ---- */

/* One row of a Markdown table from n texts. */
static void md_row(FILE *f, const char *const *cells, int n)
{
	fputc('|', f);
	for (int i = 0; i < n; i++) {
		fputc(' ', f);
		text_write_markdown(f, cells[i]);
		fputs(" |", f);
	}
	fputc('\n', f);
}

/* The heading of a group: "Changed since 12 May 2026 (3)". */
static void group_title(const struct review_sheet_meta *m, enum review_group g, char *out, size_t len)
{
	char day[32];
	human(m->since_on, day, sizeof day);
	if (g == REVIEW_CHANGED && *m->since_on)
		snprintf(out, len, "Changed since %s", day);
	else
		snprintf(out, len, "%s", review_group_name(g));
}

/* The title, the facts of the review, and the counts per group. */
static void md_begin(struct review_sheet *w)
{
	const struct review_sheet_meta *m = &w->meta;
	FILE *f = w->out;
	char day[32], since[32], title[80];
	long total = 0;
	date_format_human(m->held_on, day, sizeof day);
	human(m->since_on, since, sizeof since);
	fputs(m->saved ? "# One-to-one review: " : "# One-to-one agenda: ", f);
	text_write_markdown(f, m->officer);
	fprintf(f, ", %s\n\n- Officer: ", day);
	text_write_markdown(f, m->officer);
	if (*m->role || *m->team) {
		fputs(" (", f);
		text_write_markdown(f, m->role);
		fputs(*m->role && *m->team ? ", " : "", f);
		text_write_markdown(f, m->team);
		fputc(')', f);
	}
	fprintf(f, "\n- %s: %s\n", m->saved ? "Held on" : "Agenda as on", day);
	if (m->saved) {
		fputs("- Reviewer: ", f);
		text_write_markdown(f, *m->reviewer ? m->reviewer : "not recorded");
		fprintf(f, "\n- State: %s\n", m->finished ? "finished" : "in progress, not finished");
	}
	if (!*m->since_on)
		fputs("- Changes since: no earlier review, so no group of changes\n", f);
	else
		fprintf(f, "- Changes since: %s%s\n", since, m->since_given ? "" : ", the last review");
	for (int g = 0; g < REVIEW_NGROUPS; g++)
		total += m->counts[g];
	fprintf(f, "- Actions: %ld\n\n| Agenda | Actions |\n| --- | ---: |\n", total);
	for (int g = 0; g < REVIEW_NGROUPS; g++) {
		char n[32];
		group_title(m, (enum review_group)g, title, sizeof title);
		snprintf(n, sizeof n, "%ld", m->counts[g]);
		const char *cells[] = {title, n};
		md_row(f, cells, 2);
	}
}

static const char *const md_heads[] = {"Ref", "Action", "Target", "RAG", "Latest update", "Agreed next step"};
#define MD_COLS ((int)(sizeof md_heads / sizeof md_heads[0]))

/* A group's heading and the head of its table. */
static void md_group(struct review_sheet *w, enum review_group g)
{
	char title[80];
	group_title(&w->meta, g, title, sizeof title);
	fprintf(w->out, "\n## %s (%ld)\n\n", title, w->meta.counts[g]);
	md_row(w->out, md_heads, MD_COLS);
	fputc('|', w->out);
	for (int i = 0; i < MD_COLS; i++)
		fputs(" --- |", w->out);
	fputc('\n', w->out);
}

static void md_action(struct review_sheet *w, const struct review_sheet_row *r)
{
	struct buf ref = {0}, target = {0}, rag = {0}, update = {0}, agreed = {0};
	buf_printf(&ref, "%s %s", r->plan, r->ref);
	target_words(&target, r);
	rag_words(&rag, r);
	update_words(&update, r);
	agreed_words(&agreed, &w->meta, r);
	const char *cells[MD_COLS] = {buf_str(&ref), r->title, buf_str(&target), buf_str(&rag), buf_str(&update),
				      buf_str(&agreed)};
	md_row(w->out, cells, MD_COLS);
	buf_free(&ref);
	buf_free(&target);
	buf_free(&rag);
	buf_free(&update);
	buf_free(&agreed);
}

/* ---- CSV ---- */

static const char *const csv_heads[] = {"group", "plan", "ref", "title", "target", "target_as_written", "days_over",
					"rag_set", "rag_computed", "update_period", "update_on", "update_author", "update",
					"next_step", "agreed_on", "new_target", "notes", "discussed"};
#define CSV_COLS ((int)(sizeof csv_heads / sizeof csv_heads[0]))

static void csv_action(struct review_sheet *w, const struct review_sheet_row *r)
{
	char over[24] = "", set[2] = {(char)r->rag, 0}, computed[2] = {(char)r->rag_computed, 0};
	if (r->days_over > 0)
		snprintf(over, sizeof over, "%ld", r->days_over);
	const char *cells[CSV_COLS] = {review_group_key(r->group), r->plan, r->ref, r->title, r->due_on, r->due_text, over,
				       set, computed, r->update_period, r->update_on, r->update_author, r->update_text,
				       r->next_step, r->agreed_on, r->new_due_on, r->notes, review_state_name(r->state)};
	csvio_write_row(w->out, cells, CSV_COLS);
}

/* ---- the writer ---- */

void review_sheet_begin(struct review_sheet *w, FILE *out, enum review_format format, const struct review_sheet_meta *m)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->format = format;
	w->meta = *m;
	w->group = -1;
	if (format == REVIEW_CSV)
		csvio_write_row(out, csv_heads, CSV_COLS);
	else
		md_begin(w);
}

void review_sheet_row(struct review_sheet *w, const struct review_sheet_row *r)
{
	w->rows++;
	if (w->format == REVIEW_CSV) {
		csv_action(w, r);
		return;
	}
	if ((int)r->group != w->group) {
		w->group = (int)r->group;
		md_group(w, r->group);
	}
	md_action(w, r);
}

int review_sheet_end(struct review_sheet *w)
{
	if (w->format == REVIEW_MD && w->rows == 0)
		fputs("\nNo actions: the officer leads none.\n", w->out);
	fflush(w->out);
	return ferror(w->out) ? -1 : 0;
}
