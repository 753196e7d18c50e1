/* view_import.c — bringing a council's tracker in from the workbench (`:import FILE`): the plan it goes into (a new one
 * is asked for its title and start), the columns as recognised with the field each fills (changed here by cycling
 * or typing a field), the actions as they would be stored, the problems, the changes to actions already here and the
 * notes — all from a dry run of the real import, run again after every change — then the import itself on a key, in
 * one transaction. */
#include <ctype.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "store/import.h"
#include "tui/browse.h"
#include "tui/importing.h"
#include "tui/listview.h"
#include "tui/ui.h"
#include "tui/view_ask.h"
#include "tui/work.h"

#define MAX_PREVIEW 5000 /* actions previewed; a tracker longer than this shows its first ones */
#define TOP_LINES 6	 /* file, plan, result (two lines), update, the tabs */
#define WHOLE_LINES 5	 /* below the problems and the notes: a rule, then the one selected in full */
#define LABEL_COLS 8

enum pane { P_COLUMNS, P_ROWS, P_PROBLEMS, P_CHANGES, P_NOTES, NPANES };
static const char *const pane_names[NPANES] = {"Columns", "Rows", "Problems", "Changes", "Notes"};

static const struct listview_column columns[NPANES][5] = {
	[P_COLUMNS] = {{"Col", 3, 3, 0, false, LISTVIEW_RIGHT}, {"Header", 30, 8, 0, true, LISTVIEW_LEFT},
		       {"Field", 32, 8, 0, true, LISTVIEW_LEFT}, {"How", 0, 10, 0, false, LISTVIEW_LEFT}},
	[P_ROWS] = {{"Row", 5, 3, 0, false, LISTVIEW_RIGHT}, {"Ref", 9, 3, 0, true, LISTVIEW_LEFT},
		    {"Is", 4, 4, 0, false, LISTVIEW_LEFT}, {"Title", 0, 12, 0, false, LISTVIEW_LEFT},
		    {"Leads", 20, 8, 0, true, LISTVIEW_LEFT}},
	[P_PROBLEMS] = {{"Problem (nothing is imported while there is one)", 0, 10, 0, false, LISTVIEW_LEFT}},
	[P_CHANGES] = {{"Ref", 10, 3, 0, true, LISTVIEW_LEFT}, {"Field", 12, 5, 0, true, LISTVIEW_LEFT},
		       {"Now here, and in the file", 0, 10, 0, false, LISTVIEW_LEFT}},
	[P_NOTES] = {{"Note", 0, 10, 0, false, LISTVIEW_LEFT}},
};
static const int ncolumns[NPANES] = {4, 5, 1, 3, 1};

/* A column of the file as the last dry run read it. */
struct column {
	char header[TRACKER_HEADER_LEN];
	int field; /* a tracker field, or TRACKER_IGNORE */
	bool by_map, known;
};

/* An action as it would be stored. */
struct prow {
	long row;
	bool exists;
	char ref[64], title[300], section[64], leads[300], due_text[160], due_on[DATE_ISO_LEN], status[32], rag[4];
	int notes;
};

/* A field of an action already here that the file changes. */
struct change {
	char ref[64], field[32], old_value[200], new_value[200];
};

/* Lines of text (problems, notes), owned. */
struct lines {
	char **v;
	long n, cap;
};

struct imp;

/* A pane as a row provider. */
struct source {
	struct imp *m;
	int pane;
};

struct imp {
	struct ui *ui;
	char path[1024], name[256];
	/* the plan: one here (exists), or a new one with the title and start typed */
	char plan[64], title[256], start[DATE_ISO_LEN];
	bool exists;
	char plan_title[256], plan_start[DATE_ISO_LEN]; /* the plan's, when it exists */
	bool update;
	int choice[CSVIO_MAX_FIELDS]; /* the field chosen here for a column, when chosen[] */
	bool chosen[CSVIO_MAX_FIELDS];
	/* the last dry run */
	bool ran;
	char error[2048]; /* why it cannot be imported: no plan yet, a problem, a file that cannot be read */
	struct store_tracker_result res;
	int ncols;
	struct column cols[CSVIO_MAX_FIELDS];
	struct prow *rows;
	long nrows, rcap;
	struct change *changes;
	long nchanges, ccap;
	struct lines problems, notes;
	/* the screen */
	int pane;
	struct listview *lv[NPANES];
	struct source src[NPANES];
	struct ask_request ask;
	char ask_question[512], ask_initial[256], ask_hint[512];
	int ask_col;
	struct confirm_request confirm;
};

/* ---- what the dry run reports ---- */

static void lines_add(struct lines *l, const char *text)
{
	if (l->n == l->cap) {
		long cap = l->cap ? 2 * l->cap : 16;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	char *copy = strdup(text ? text : "");
	if (copy)
		l->v[l->n++] = copy;
}

static void lines_clear(struct lines *l)
{
	for (long i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

/* Grows an array of n items of size bytes to hold one more; false when out of memory. */
static bool grow(void **v, long n, long *cap, size_t size)
{
	if (n < *cap)
		return true;
	long c = *cap ? 2 * *cap : 64;
	void *g = realloc(*v, (size_t)c * size);
	if (!g)
		return false;
	*v = g;
	*cap = c;
	return true;
}

/* One line, folded and cut to fit the buffer: the preview shows cells on one line. */
static void one_line(char *out, size_t len, const char *s)
{
	snprintf(out, len, "%s", s ? s : "");
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

static void keep_row(struct imp *m, const struct store_tracker_row *w)
{
	if (m->nrows >= MAX_PREVIEW || !grow((void **)&m->rows, m->nrows, &m->rcap, sizeof *m->rows))
		return;
	struct prow *p = &m->rows[m->nrows++];
	memset(p, 0, sizeof *p);
	p->row = w->row;
	p->exists = w->exists;
	p->notes = w->notes;
	one_line(p->ref, sizeof p->ref, w->ref);
	one_line(p->title, sizeof p->title, w->title);
	one_line(p->section, sizeof p->section, w->section);
	one_line(p->leads, sizeof p->leads, w->leads);
	one_line(p->due_text, sizeof p->due_text, w->due_text);
	one_line(p->due_on, sizeof p->due_on, w->due_on);
	one_line(p->status, sizeof p->status, w->status);
	one_line(p->rag, sizeof p->rag, w->rag);
}

static void keep_change(struct imp *m, const struct store_tracker_report *r)
{
	if (!grow((void **)&m->changes, m->nchanges, &m->ccap, sizeof *m->changes))
		return;
	struct change *c = &m->changes[m->nchanges++];
	one_line(c->ref, sizeof c->ref, r->ref);
	one_line(c->field, sizeof c->field, r->field);
	one_line(c->old_value, sizeof c->old_value, r->old_value);
	one_line(c->new_value, sizeof c->new_value, r->new_value);
}

/* The import's report callback: sorts what it says into the panes. */
static void on_report(void *ctx, const struct store_tracker_report *r)
{
	struct imp *m = ctx;
	switch (r->kind) {
	case STORE_TRACKER_MAPPING:
		if (r->column >= 1 && r->column <= CSVIO_MAX_FIELDS) {
			struct column *c = &m->cols[r->column - 1];
			snprintf(c->header, sizeof c->header, "%s", r->header ? r->header : "");
			c->field = r->field ? tracker_field_from_name(r->field) : TRACKER_IGNORE;
			if (c->field == TRACKER_NO_FIELD)
				c->field = TRACKER_IGNORE;
			c->by_map = r->by_map;
			c->known = r->known;
			m->ncols = r->column > m->ncols ? r->column : m->ncols;
		}
		break;
	case STORE_TRACKER_ROW: keep_row(m, r->row); break;
	case STORE_TRACKER_CHANGE: keep_change(m, r); break;
	case STORE_TRACKER_PROBLEM: lines_add(&m->problems, r->text); break;
	case STORE_TRACKER_NOTE: lines_add(&m->notes, r->text); break;
	}
}

/* ---- the plan ---- */

struct plan_find {
	const char *want;
	bool found;
	char code[64], title[256], start[DATE_ISO_LEN];
};

static int find_plan_cb(void *ctx, const struct plan_row *p)
{
	struct plan_find *f = ctx;
	if (!f->found && text_ieq(p->code, f->want)) {
		f->found = true;
		snprintf(f->code, sizeof f->code, "%s", p->code);
		snprintf(f->title, sizeof f->title, "%s", p->title);
		snprintf(f->start, sizeof f->start, "%s", p->starts_on ? p->starts_on : "");
	}
	return PB_OK;
}

/* Whether m->plan is a plan here (its code as stored, title and start noted); a store error goes to e. */
static int check_plan(struct imp *m, struct pb_error *e)
{
	struct plan_find f = {.want = m->plan};
	int status = store_each_plan(m->ui->store, find_plan_cb, &f, e);
	m->exists = status == PB_OK && f.found;
	if (m->exists) {
		snprintf(m->plan, sizeof m->plan, "%s", f.code);
		snprintf(m->plan_title, sizeof m->plan_title, "%s", f.title);
		snprintf(m->plan_start, sizeof m->plan_start, "%s", f.start);
	}
	return status;
}

/* The options of the import: the plan, the columns chosen here, update; ov and hold keep the overrides. */
static void import_opts(struct imp *m, struct store_tracker_opts *o, struct tracker_override *ov, char (*hold)[TRACKER_HEADER_LEN])
{
	int n = 0;
	memset(o, 0, sizeof *o);
	for (int c = 0; c < m->ncols; c++) {
		if (!m->chosen[c])
			continue;
		if (*m->cols[c].header)
			snprintf(hold[n], TRACKER_HEADER_LEN, "%s", m->cols[c].header);
		else
			snprintf(hold[n], TRACKER_HEADER_LEN, "Column %d", c + 1);
		ov[n].header = hold[n];
		ov[n].field = m->choice[c];
		n++;
	}
	o->plan = m->plan;
	o->plan_title = m->exists ? NULL : m->title;
	o->plan_start = !m->exists && *m->start ? m->start : NULL;
	o->maps = ov;
	o->nmaps = n;
	o->update = m->update;
}

/* ---- the dry run ---- */

/* Forgets what the last dry run said. */
static void forget(struct imp *m)
{
	m->ran = false;
	m->error[0] = '\0';
	memset(&m->res, 0, sizeof m->res);
	m->nrows = m->nchanges = 0;
	lines_clear(&m->problems);
	lines_clear(&m->notes);
}

/* The dry run: the real import of the file as it is now, rolled back, its report kept for the panes. The columns read
 * before are kept when the run stops before the header (the plan not yet named). */
static void dry_run(struct imp *m)
{
	struct pb_error e = {0};
	struct store_tracker_opts o;
	struct tracker_override ov[CSVIO_MAX_FIELDS];
	char hold[CSVIO_MAX_FIELDS][TRACKER_HEADER_LEN];
	forget(m);
	if (!*m->plan) {
		snprintf(m->error, sizeof m->error, "Which plan do these actions go into? p names it (a new one is created)");
		return;
	}
	if (check_plan(m, &e) != PB_OK) {
		snprintf(m->error, sizeof m->error, "%s", e.msg);
		return;
	}
	if (!m->exists && !*m->title) {
		snprintf(m->error, sizeof m->error, "%s is a new plan: p gives its title (and its start) to create it", m->plan);
		return;
	}
	import_opts(m, &o, ov, hold);
	o.dry_run = true;
	o.preview = MAX_PREVIEW;
	o.report = on_report;
	o.ctx = m;
	int ncols = m->ncols;
	m->ncols = 0;
	int status = importing_tracker(m->ui->store, m->path, &o, &m->res, &e);
	if (m->ncols == 0)
		m->ncols = ncols;
	m->ran = true;
	if (status == PB_OK)
		return;
	if (m->problems.n > 1)
		snprintf(m->error, sizeof m->error, "%ld problems; the first: %s", m->problems.n, m->problems.v[0]);
	else if (m->problems.n == 1)
		snprintf(m->error, sizeof m->error, "1 problem: %s", m->problems.v[0]);
	else
		snprintf(m->error, sizeof m->error, "%s", e.msg);
}

/* Runs the dry run again and shows the panes from what it said, keeping their places. */
static void rerun(struct imp *m)
{
	struct pb_error e = {0};
	dry_run(m);
	for (int p = 0; p < NPANES; p++)
		if (listview_reload(m->lv[p], &e) != PB_OK)
			ui_message(m->ui, true, "%s", e.msg);
}

/* ---- the panes as row providers ---- */

static long pane_count(const struct imp *m, int pane)
{
	switch (pane) {
	case P_COLUMNS: return m->ncols;
	case P_ROWS: return m->nrows;
	case P_PROBLEMS: return m->problems.n;
	case P_CHANGES: return m->nchanges;
	default: return m->notes.n;
	}
}

/* The problem or note selected, whole (a list row shows the start of it only); NULL in the other panes or when none. */
static const char *whole_text(const struct imp *m)
{
	const struct lines *l = m->pane == P_PROBLEMS ? &m->problems : m->pane == P_NOTES ? &m->notes : NULL;
	long i = l ? listview_index(m->lv[m->pane]) : -1;
	return l && i >= 0 && i < l->n ? l->v[i] : NULL;
}

/* Rows of the pane's list: the problems and the notes leave room for the one selected, in full. */
static int list_height(const struct imp *m, const struct view *v)
{
	return v->area.h - TOP_LINES - (m->pane == P_PROBLEMS || m->pane == P_NOTES ? WHOLE_LINES : 0);
}

static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct source *s = ctx;
	(void)e;
	*n = pane_count(s->m, s->pane);
	return PB_OK;
}

/* The field column's words: "comments (progress notes)", or "not imported". */
static void field_words(const struct column *c, char *out, size_t len)
{
	if (c->field == TRACKER_IGNORE)
		snprintf(out, len, "%s", "not imported");
	else
		snprintf(out, len, "%s%s", tracker_field_name(c->field), importing_field_note(tracker_field_name(c->field)));
}

/* How the column's field was chosen. */
static const char *how_words(const struct imp *m, int c)
{
	const struct column *col = &m->cols[c];
	if (m->chosen[c])
		return "chosen here";
	if (!*col->header)
		return "no header";
	if (col->field == TRACKER_IGNORE)
		return "not recognised";
	return "recognised";
}

static void fetch_column(struct imp *m, struct listview_row *row, long i)
{
	char n[24], field[96];
	const struct column *c = &m->cols[i];
	snprintf(n, sizeof n, "%ld", i + 1);
	field_words(c, field, sizeof field);
	listview_set_cell(row, 0, n, UI_NORMAL);
	listview_set_cell(row, 1, *c->header ? c->header : "(no header)", *c->header ? UI_NORMAL : UI_DIM);
	listview_set_cell(row, 2, field, c->field == TRACKER_IGNORE ? UI_DIM : m->chosen[i] ? UI_BOLD : UI_NORMAL);
	listview_set_cell(row, 3, how_words(m, (int)i), m->chosen[i] ? UI_BOLD : UI_DIM);
	snprintf(row->note, sizeof row->note, "Column %ld, \"%.80s\": %s. Right or Left: another field; =: type one; x: as recognised",
		 i + 1, *c->header ? c->header : "no header", field);
}

static void fetch_row(struct imp *m, struct listview_row *row, long i, bool utf8)
{
	const struct prow *p = &m->rows[i];
	const char *dot = utf8 ? " \xC2\xB7 " : " - ";
	char n[24];
	snprintf(n, sizeof n, "%ld", p->row);
	listview_set_cell(row, 0, n, UI_DIM);
	listview_set_cell(row, 1, p->ref, UI_NORMAL);
	listview_set_cell(row, 2, p->exists ? "here" : "new", p->exists ? UI_DIM : UI_BOLD);
	listview_set_cell(row, 3, p->title, UI_NORMAL);
	listview_set_cell(row, 4, p->leads, UI_NORMAL);
	char note[1024];
	snprintf(note, sizeof note, "row %ld %s%s%d note%s%s%s%s%s%s%s%s%s%s", p->row, p->ref, dot, p->notes, p->notes == 1 ? "" : "s",
		 *p->section ? dot : "", p->section, *p->due_text ? dot : "", *p->due_text ? "due " : "", p->due_text,
		 *p->due_text ? (*p->due_on ? (utf8 ? " \xE2\x86\x92 " : " -> ") : " (no date)") : "", p->due_on,
		 *p->status ? dot : "", p->status);
	text_fit(note, LISTVIEW_NOTE_SIZE / 2, false, row->note, sizeof row->note);
}

static void fetch_change(struct imp *m, struct listview_row *row, long i, bool utf8)
{
	const struct change *c = &m->changes[i];
	char text[512];
	snprintf(text, sizeof text, "\"%s\" %s \"%s\"", c->old_value, utf8 ? "\xE2\x86\x92" : "->", c->new_value);
	listview_set_cell(row, 0, c->ref, UI_NORMAL);
	listview_set_cell(row, 1, c->field, UI_NORMAL);
	listview_set_cell(row, 2, text, UI_NORMAL);
	char note[1024];
	snprintf(note, sizeof note, "%s %s: %s (%s)", c->ref, c->field, text, m->update ? "made by the import: u only shows it" : "only shown: u makes it");
	text_fit(note, LISTVIEW_NOTE_SIZE / 2, false, row->note, sizeof row->note);
}

static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct source *s = ctx;
	struct imp *m = s->m;
	(void)e;
	for (long i = offset; i < offset + limit && i < pane_count(m, s->pane); i++) {
		struct listview_row *row = listview_add_row(lv, i);
		if (!row)
			break;
		switch (s->pane) {
		case P_COLUMNS: fetch_column(m, row, i); break;
		case P_ROWS: fetch_row(m, row, i, m->ui->utf8); break;
		case P_CHANGES: fetch_change(m, row, i, m->ui->utf8); break;
		default: {
			const char *text = s->pane == P_PROBLEMS ? m->problems.v[i] : m->notes.v[i];
			listview_set_cell(row, 0, text, s->pane == P_PROBLEMS ? UI_ERROR : UI_NORMAL);
			snprintf(row->note, sizeof row->note, "%s", text);
		}
		}
	}
	return PB_OK;
}

/* ---- asking for the plan ---- */

static int ask_title(struct imp *m);
static int ask_start(struct imp *m);

/* Tab in the plan's code: the codes of the plans here that begin with what is typed. */
struct completing {
	const char *typed;
	char first[64], shown[512];
	size_t common;
	int n;
};

static int complete_plan_cb(void *ctx, const struct plan_row *p)
{
	struct completing *c = ctx;
	if (strncasecmp(p->code, c->typed, strlen(c->typed)) != 0)
		return PB_OK;
	if (c->n++ == 0) {
		snprintf(c->first, sizeof c->first, "%s", p->code);
		c->common = strlen(c->first);
	} else {
		size_t k = 0;
		while (k < c->common && p->code[k] && tolower((unsigned char)p->code[k]) == tolower((unsigned char)c->first[k]))
			k++;
		c->common = k;
	}
	size_t l = strlen(c->shown);
	snprintf(c->shown + l, sizeof c->shown - l, "%s%s", l ? "  " : "", p->code);
	return PB_OK;
}

static void complete_plan(void *ctx, const char *typed, char *out, size_t outlen, char *shown, size_t shownlen)
{
	struct imp *m = ctx;
	struct completing c = {.typed = typed};
	struct pb_error e = {0};
	store_each_plan(m->ui->store, complete_plan_cb, &c, &e);
	if (c.n == 0) {
		snprintf(out, outlen, "%s", typed);
		snprintf(shown, shownlen, "No plan here begins \"%s\": a new plan is created", typed);
		return;
	}
	snprintf(out, outlen, "%.*s", (int)c.common, c.first); /* every candidate begins with what is typed */
	snprintf(shown, shownlen, "%s", c.shown);
}

/* The plan's code: one here is used as it is; a new one goes on to its title. */
static int submit_plan(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct imp *m = ctx;
	struct pb_error e = {0};
	if (!*text || strlen(text) >= 32 || strcspn(text, " \t") != strlen(text)) {
		snprintf(err, errlen, "A plan code is one word of at most 31 characters, such as HIP-2526");
		return 0;
	}
	char was[64];
	snprintf(was, sizeof was, "%s", m->plan);
	snprintf(m->plan, sizeof m->plan, "%s", text);
	if (check_plan(m, &e) != PB_OK) {
		snprintf(err, errlen, "%s", e.msg);
		return 0;
	}
	if (m->exists) {
		rerun(m);
		return UI_BACK | UI_REDRAW;
	}
	if (!text_ieq(was, m->plan))
		m->title[0] = m->start[0] = '\0';
	(void)ui;
	return UI_BACK | ask_title(m);
}

static int submit_title(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct imp *m = ctx;
	(void)ui;
	if (!*text) {
		snprintf(err, errlen, "A new plan needs a title, such as Housing Improvement Plan 2025/26");
		return 0;
	}
	snprintf(m->title, sizeof m->title, "%s", text);
	return UI_BACK | ask_start(m);
}

static int submit_start(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct imp *m = ctx;
	char iso[DATE_ISO_LEN];
	(void)ui;
	if (*text && !browse_parse_day(text, true, "plan's first day", iso, err, errlen))
		return 0;
	snprintf(m->start, sizeof m->start, "%s", *text ? iso : "");
	rerun(m);
	return UI_BACK | UI_REDRAW;
}

/* Opens the question in m->ask. */
static int ask(struct imp *m)
{
	return ui_open(m->ui, &view_ask, &m->ask);
}

/* A plan code the file's name begins with ("HIP-2526" from HIP-2526-council.csv), or "". */
static void code_from_name(const char *name, char *out, size_t len)
{
	size_t n = 0;
	while (name[n] && (isupper((unsigned char)name[n]) || isdigit((unsigned char)name[n]) || name[n] == '-'))
		n++;
	while (n > 0 && name[n - 1] == '-')
		n--;
	bool letters = n > 0 && isupper((unsigned char)name[0]), digits = false;
	for (size_t i = 0; i < n; i++)
		digits |= isdigit((unsigned char)name[i]) != 0;
	snprintf(out, len, "%.*s", letters && digits && n < 32 ? (int)n : 0, name);
}

static int ask_plan(struct imp *m)
{
	char guess[64] = "";
	if (!*m->plan)
		code_from_name(m->name, guess, sizeof guess);
	snprintf(m->ask_initial, sizeof m->ask_initial, "%s", *m->plan ? m->plan : guess);
	snprintf(m->ask_question, sizeof m->ask_question, "The plan the actions of %s go into: the code of a plan here, or of "
		 "a new one (its title and start are asked next):", m->name);
	m->ask = (struct ask_request){.title = "Plan", .question = m->ask_question, .initial = m->ask_initial,
				      .hint = "Tab completes the codes of the plans here", .submit = submit_plan,
				      .complete = complete_plan, .ctx = m};
	return ask(m);
}

static int ask_title(struct imp *m)
{
	snprintf(m->ask_initial, sizeof m->ask_initial, "%s", m->title);
	snprintf(m->ask_question, sizeof m->ask_question, "%s is a new plan. Its title:", m->plan);
	m->ask = (struct ask_request){.title = "New plan", .question = m->ask_question, .initial = m->ask_initial,
				      .hint = "Such as Housing Improvement Plan 2025/26 (Quarter 4 update)", .submit = submit_title,
				      .ctx = m};
	return ask(m);
}

static int ask_start(struct imp *m)
{
	snprintf(m->ask_initial, sizeof m->ask_initial, "%s", m->start);
	snprintf(m->ask_question, sizeof m->ask_question, "The first day of %s, which \"Year 2\" in target dates counts from "
		 "(empty for none):", m->plan);
	m->ask = (struct ask_request){.title = "New plan", .question = m->ask_question, .initial = m->ask_initial,
				      .hint = "2025-04-01, 1/4/2025 or Apr-25 (the first of that month)", .submit = submit_start,
				      .ctx = m};
	return ask(m);
}

/* ---- columns ---- */

/* The column whose field is field, other than except; -1 when none. */
static int column_with(const struct imp *m, int field, int except)
{
	for (int c = 0; c < m->ncols; c++)
		if (c != except && field != TRACKER_IGNORE && m->cols[c].field == field)
			return c;
	return -1;
}

/* Tab in a column's field: the field names that begin with what is typed. */
static void complete_field(void *ctx, const char *typed, char *out, size_t outlen, char *shown, size_t shownlen)
{
	struct imp *m = ctx;
	int n = 0, first = TRACKER_IGNORE;
	(void)m;
	shown[0] = '\0';
	snprintf(out, outlen, "%s", typed);
	for (int f = TRACKER_IGNORE; f < TRACKER_NFIELDS; f++) {
		const char *name = tracker_field_name(f);
		if (strncasecmp(name, typed, strlen(typed)) != 0)
			continue;
		if (n++ == 0)
			first = f;
		size_t l = strlen(shown);
		snprintf(shown + l, shownlen - l, "%s%s", l ? "  " : "", name);
	}
	if (n == 1)
		snprintf(out, outlen, "%s", tracker_field_name(first));
	if (n == 0)
		snprintf(shown, shownlen, "No field begins \"%s\"", typed);
}

/* Sets the field of column c and reads the file again with it. */
static void choose(struct imp *m, int c, int field)
{
	m->choice[c] = field;
	m->chosen[c] = true;
	rerun(m);
}

static int submit_field(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct imp *m = ctx;
	int c = m->ask_col, f = tracker_field_from_name(text);
	(void)ui;
	if (f == TRACKER_NO_FIELD) {
		snprintf(err, errlen, "\"%s\" is no field; the fields are plan, ref, section, subsection, title, description, measure, "
			 "target, outcome, leads, due, status, rag, rag_reason, completed_on, comments, and ignore", text);
		return 0;
	}
	int other = column_with(m, f, c);
	if (other >= 0) {
		snprintf(err, errlen, "%s is the field of column %d (\"%.60s\"); give that column another field first (x or Left there)",
			 tracker_field_name(f), other + 1, m->cols[other].header);
		return 0;
	}
	choose(m, c, f);
	return UI_BACK | UI_REDRAW;
}

/* The selected column, or -1 (with a message) when the columns are not shown. */
static int selected_column(struct view *v)
{
	struct imp *m = v->priv;
	const struct listview_row *row = listview_selected(m->lv[P_COLUMNS]);
	if (m->pane != P_COLUMNS || !row) {
		ui_message(m->ui, false, "The columns show once the plan is named (p)");
		return -1;
	}
	return (int)row->id;
}

/* Right and Left: the next (or previous) field no other column fills, "ignore" among them. */
static int step_field(struct view *v, int dir)
{
	struct imp *m = v->priv;
	int c = selected_column(v);
	if (c < 0)
		return UI_REDRAW;
	int n = TRACKER_NFIELDS + 1, at = m->cols[c].field + 1; /* 0 is ignore, then each field */
	for (int step = 1; step < n; step++) {
		int f = (at + dir * step + n) % n - 1;
		if (column_with(m, f, c) < 0) {
			choose(m, c, f);
			if (f == TRACKER_IGNORE)
				ui_message(m->ui, false, "Column %d is not imported now; Right again gives it a field", c + 1);
			else
				ui_message(m->ui, false, "Column %d now fills %s", c + 1, tracker_field_name(f));
			return UI_REDRAW;
		}
	}
	return UI_REDRAW;
}

/* ---- keys ---- */

static struct listview *lv_of(struct view *v)
{
	struct imp *m = v->priv;
	return m->lv[m->pane];
}

static int imp_down(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_move(lv_of(v), 1, NULL);
	return UI_REDRAW;
}

static int imp_up(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_move(lv_of(v), -1, NULL);
	return UI_REDRAW;
}

static int imp_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(lv_of(v), 1, NULL);
	return UI_REDRAW;
}

static int imp_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_page(lv_of(v), -1, NULL);
	return UI_REDRAW;
}

static int imp_first(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(lv_of(v), 0, NULL);
	return UI_REDRAW;
}

static int imp_last(struct view *v, struct ui *ui)
{
	(void)ui;
	listview_goto(lv_of(v), -1, NULL);
	return UI_REDRAW;
}

static int imp_next_field(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_field(v, 1);
}

static int imp_prev_field(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_field(v, -1);
}

static int imp_type_field(struct view *v, struct ui *ui)
{
	struct imp *m = v->priv;
	int c = selected_column(v);
	(void)ui;
	if (c < 0)
		return UI_REDRAW;
	m->ask_col = c;
	snprintf(m->ask_initial, sizeof m->ask_initial, "%s", tracker_field_name(m->cols[c].field));
	snprintf(m->ask_question, sizeof m->ask_question, "The field column %d, \"%.80s\", fills (ignore: none):", c + 1,
		 *m->cols[c].header ? m->cols[c].header : "no header");
	m->ask = (struct ask_request){.title = "Column", .question = m->ask_question, .initial = m->ask_initial,
				      .hint = "A field name (Tab completes), or a header councils write, such as Lead Officer",
				      .submit = submit_field, .complete = complete_field, .ctx = m};
	return ask(m) | UI_REDRAW;
}

static int imp_reset_field(struct view *v, struct ui *ui)
{
	struct imp *m = v->priv;
	int c = selected_column(v);
	if (c < 0)
		return UI_REDRAW;
	if (!m->chosen[c]) {
		ui_message(ui, false, "Column %d has the field recognised from its header already", c + 1);
		return UI_REDRAW;
	}
	m->chosen[c] = false;
	rerun(m);
	ui_message(ui, false, "Column %d back to the field recognised from its header", c + 1);
	return UI_REDRAW;
}

static int step_pane(struct view *v, int dir)
{
	struct imp *m = v->priv;
	m->pane = (m->pane + dir + NPANES) % NPANES;
	v->mode = m->pane == P_COLUMNS ? UI_MODE_CHOICE : UI_MODE_LIST;
	listview_set_size(m->lv[m->pane], list_height(m, v), v->area.w, NULL);
	return UI_REDRAW;
}

static int imp_next_pane(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_pane(v, 1);
}

static int imp_prev_pane(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_pane(v, -1);
}

static int imp_plan(struct view *v, struct ui *ui)
{
	(void)ui;
	return ask_plan(v->priv) | UI_REDRAW;
}

static int imp_update(struct view *v, struct ui *ui)
{
	struct imp *m = v->priv;
	m->update = !m->update;
	rerun(m);
	ui_message(ui, false, m->update ? "The import will make the changes to actions already here (audited, as --update)"
					: "The import will only show the changes to actions already here, not make them");
	return UI_REDRAW;
}

/* The import itself (the question said yes): the file read again, one transaction, nothing written on any error. */
static int run_import(struct ui *ui, const void *ctx)
{
	struct imp *m = (struct imp *)ctx;
	struct pb_error e = {0};
	struct buf said = {0};
	struct store_tracker_opts o;
	struct store_tracker_result r;
	struct tracker_override ov[CSVIO_MAX_FIELDS];
	char hold[CSVIO_MAX_FIELDS][TRACKER_HEADER_LEN];
	import_opts(m, &o, ov, hold);
	int status = importing_tracker(ui->store, m->path, &o, &r, &e);
	if (status != PB_OK) {
		ui_message(ui, true, "Nothing was imported: %s", e.msg);
		return UI_RELOAD | UI_REDRAW;
	}
	importing_summary(&said, &r, o.update, " (not made)");
	char plan[64];
	snprintf(plan, sizeof plan, "%s", m->plan);
	int flags = browse_goto(ui, plan, 0);
	ui_message(ui, false, "Imported %s into %s: %s. Esc shows the plan's actions", m->name, plan, buf_str(&said));
	buf_free(&said);
	return flags | UI_RELOAD | UI_REDRAW;
}

static int imp_import(struct view *v, struct ui *ui)
{
	struct imp *m = v->priv;
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: importing is refused; restart without --read-only to import");
		return UI_REDRAW;
	}
	if (*m->error) {
		ui_message(ui, true, "Nothing can be imported yet: %s", m->error);
		return UI_REDRAW;
	}
	if (m->res.rows == 0) {
		ui_message(ui, false, "The file holds no actions to import");
		return UI_REDRAW;
	}
	struct confirm_request *c = &m->confirm;
	char plan[400];
	if (m->exists)
		snprintf(plan, sizeof plan, "%s", m->plan);
	else
		snprintf(plan, sizeof plan, "%s, a new plan \"%s\"", m->plan, m->title);
	snprintf(c->title, sizeof c->title, "Import");
	snprintf(c->question, sizeof c->question,
		 "Import the %ld actions of %s into %s? %ld new, %ld changed%s, %ld unchanged. One transaction: on any error nothing "
		 "is written.", m->res.rows, m->name, plan, m->res.added, m->res.changed,
		 m->res.changed ? (m->update ? " (the changes are made)" : " (the changes are not made)") : "", m->res.unchanged);
	snprintf(c->yes, sizeof c->yes, "import");
	c->run = run_import;
	c->ctx = m;
	return ui_open(ui, &view_confirm, c) | UI_REDRAW;
}

static int imp_close(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", imp_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Move up", imp_up, 0},
	{"page-down", KEY_NPAGE, {0}, NULL, "Page down", imp_page_down, 0},
	{"page-up", KEY_PPAGE, {0}, NULL, "Page up", imp_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "First line", imp_first, 0},
	{"last", 'G', {KEY_END}, NULL, "Last line", imp_last, 0},
	{"next-field", KEY_RIGHT, {'l', ' '}, "field", "Columns: the next field for the selected column (one no other column fills)",
	 imp_next_field, UI_MODE_CHOICE},
	{"prev-field", KEY_LEFT, {'h'}, NULL, "Columns: the previous field for the selected column", imp_prev_field, UI_MODE_CHOICE},
	{"type-field", '=', {'\n', '\r', KEY_ENTER}, NULL, "Columns: type the field for the selected column", imp_type_field, UI_MODE_CHOICE},
	{"reset-field", 'x', {KEY_DC}, NULL, "Columns: back to the field recognised from the header", imp_reset_field, UI_MODE_CHOICE},
	{"next-view", '\t', {0}, "view", "Next: columns, rows as they would be stored, problems, changes, notes", imp_next_pane, 0},
	{"prev-view", KEY_BTAB, {0}, NULL, "Previous of those", imp_prev_pane, 0},
	{"plan", 'p', {0}, "plan", "The plan to import into (a new one is asked for its title and start)", imp_plan, 0},
	{"update", 'u', {0}, NULL, "Changes to actions here: made (--update) or only shown", imp_update, 0},
	{"import", 'i', {KEY_F(2)}, "import", "Import: one transaction; on any error nothing is written", imp_import, 0},
	{"back", 27, {0}, "back", "Close, importing nothing more", imp_close, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static void import_free(struct view *v)
{
	struct imp *m = v->priv;
	if (!m)
		return;
	for (int p = 0; p < NPANES; p++)
		listview_free(m->lv[p]);
	lines_clear(&m->problems);
	lines_clear(&m->notes);
	free(m->problems.v);
	free(m->notes.v);
	free(m->rows);
	free(m->changes);
	free(m);
	v->priv = NULL;
}

/* arg is the file's path, as typed after :import. The plan is the one the list shows, unless there is none. */
static int import_init(struct view *v, struct ui *ui, const void *arg)
{
	const char *path = arg;
	struct imp *m = calloc(1, sizeof *m);
	if (!m) {
		ui_message(ui, true, "Out of memory opening the import");
		return PB_FAIL;
	}
	v->priv = m;
	m->ui = ui;
	for (int p = 0; p < NPANES; p++) {
		m->src[p] = (struct source){m, p};
		m->lv[p] = listview_new(columns[p], ncolumns[p], (struct listview_source){source_count, source_fetch, &m->src[p]}, NULL);
		if (!m->lv[p]) {
			ui_message(ui, true, "Out of memory opening the import");
			return PB_FAIL;
		}
	}
	listview_set_empty(m->lv[P_COLUMNS], "The columns show once the plan is named: p names it.");
	listview_set_empty(m->lv[P_ROWS], "No actions read.");
	listview_set_empty(m->lv[P_PROBLEMS], "No problems.");
	listview_set_empty(m->lv[P_CHANGES], "No changes to actions already here.");
	listview_set_empty(m->lv[P_NOTES], "Nothing to note.");
	snprintf(m->path, sizeof m->path, "%s", path);
	char copy[sizeof m->path];
	snprintf(copy, sizeof copy, "%s", path);
	snprintf(m->name, sizeof m->name, "%s", basename(copy));
	struct pb_error e = {0};
	struct buf probe = {0};
	int status = importing_read_file(m->path, &probe, &e);
	buf_free(&probe);
	if (status != PB_OK) {
		ui_message(ui, true, "%s; check the name (Tab after :import completes it)", e.msg);
		return status;
	}
	int kind = importing_kind_of_name(m->path);
	if (kind >= 0 && kind != CSVIO_ACTIONS) { /* read here as a tracker, its rows would become actions */
		ui_message(ui, true, "%s holds %s, not actions: use `planbench import`", m->name, csvio_kind(kind)->name);
		return PB_BAD_INPUT;
	}
	snprintf(m->plan, sizeof m->plan, "%s", ui->browse->cur.filter.plan);
	v->mode = UI_MODE_CHOICE;
	rerun(m);
	return PB_OK;
}

static void import_resize(struct view *v, struct ui *ui)
{
	struct imp *m = v->priv;
	(void)ui;
	listview_set_size(m->lv[m->pane], list_height(m, v), v->area.w, NULL);
}

/* The data or the file may have changed (Ctrl-L, an import): run the dry run again. */
static void import_reload(struct view *v, struct ui *ui)
{
	(void)ui;
	rerun(v->priv);
}

/* A label and its text on one line of the top. */
static void top_line(WINDOW *w, const struct ui *ui, const struct view *v, int y, const char *label, const char *text, int style)
{
	ui_put(w, y, v->area.x + 1, LABEL_COLS, label, ui_attr(ui, UI_TITLES), false);
	ui_put(w, y, v->area.x + 1 + LABEL_COLS, v->area.w - 2 - LABEL_COLS, text, ui_attr(ui, style), false);
}

/* The panes' names with their lengths, the one shown in brackets. */
static void draw_tabs(WINDOW *w, const struct ui *ui, const struct imp *m, int y, int x, int width)
{
	int at = 0;
	for (int p = 0; p < NPANES && at < width; p++) {
		char t[64];
		snprintf(t, sizeof t, p == m->pane ? "[%s %ld]" : " %s %ld ", pane_names[p], pane_count(m, p));
		int tw = text_width(t) < width - at ? text_width(t) : width - at;
		int style = p == P_PROBLEMS && m->problems.n ? UI_RED | UI_BOLD : UI_NORMAL;
		ui_put(w, y, x + at, tw, t, p == m->pane ? ui_attr(ui, UI_SELECTION | UI_BOLD) : ui_attr(ui, style), false);
		at += tw + 1;
	}
}

static void import_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct imp *m = v->priv;
	const char *dot = ui->utf8 ? " \xC2\xB7 " : " - ";
	char text[2400], day[32];
	int y = v->area.y;
	if (m->ran)
		snprintf(text, sizeof text, "%s%s%s%s%s", m->path, dot, tracker_encoding_name(m->res.encoding), dot,
			 m->res.canonical ? "the canonical actions columns" : "a tracker's own columns");
	else
		snprintf(text, sizeof text, "%s", m->path);
	top_line(w, ui, v, y, "File", text, UI_NORMAL);
	if (!*m->plan) {
		snprintf(text, sizeof text, "none yet: p names it");
	} else if (m->exists) {
		snprintf(text, sizeof text, "%s%s%s (here)", m->plan, dot, m->plan_title);
	} else {
		work_human(m->start, day, sizeof day);
		snprintf(text, sizeof text, "%s, new%s%s%s%s%s", m->plan, *m->title ? dot : "", m->title, dot,
			 *m->start ? "starting " : "no start day", *m->start ? day : "");
	}
	top_line(w, ui, v, y + 1, "Plan", text, UI_NORMAL);
	struct buf said = {0};
	if (!*m->error)
		importing_summary(&said, &m->res, m->update, " (not made)");
	ui_put(w, y + 2, v->area.x + 1, LABEL_COLS, "Import", ui_attr(ui, UI_TITLES), false);
	work_note(ui, w, y + 2, v->area.x + 1 + LABEL_COLS, v->area.w - 2 - LABEL_COLS, 2, *m->error ? m->error : buf_str(&said),
		  *m->error ? UI_ERROR : UI_NORMAL);
	buf_free(&said);
	top_line(w, ui, v, y + 4, "Update", m->update ? "changes to actions already here are made (u: only show them)"
						      : "changes to actions already here are only shown (u: make them)",
		 UI_NORMAL);
	draw_tabs(w, ui, m, y + 5, v->area.x + 1, v->area.w - 2);
	listview_draw(m->lv[m->pane], w, y + TOP_LINES, v->area.x, ui, v->focused);
	const char *whole = whole_text(m);
	if (whole) {
		ui_hline(ui, w, y + v->area.h - WHOLE_LINES, v->area.x, v->area.w);
		work_note(ui, w, y + v->area.h - WHOLE_LINES + 1, v->area.x + 1, v->area.w - 2, WHOLE_LINES - 1, whole,
			  m->pane == P_PROBLEMS ? UI_ERROR : UI_NORMAL);
	}
}

static int import_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	(void)ui;
	if (m->kind != UI_CLICK)
		listview_move(lv_of(v), m->kind == UI_WHEEL_UP ? -3 : 3, NULL);
	else if (listview_row_at(lv_of(v), m->y - v->area.y - TOP_LINES) >= 0)
		listview_goto(lv_of(v), listview_row_at(lv_of(v), m->y - v->area.y - TOP_LINES), NULL);
	return UI_REDRAW;
}

static void import_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct imp *m = v->priv;
	const struct listview_row *row = listview_selected(lv_of(v));
	long n = listview_count(lv_of(v));
	(void)ui;
	snprintf(f->where, sizeof f->where, "%s", m->plan);
	snprintf(f->title, sizeof f->title, "Import %.200s", m->name);
	if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	else
		text_fit(*m->error ? m->error : "Tab shows the columns, rows, problems, changes and notes", 1000, false, f->info, sizeof f->info);
	if (n > 0)
		snprintf(f->position, sizeof f->position, "%s %ld/%ld", pane_names[m->pane], listview_index(lv_of(v)) + 1, n);
}

const struct view_ops view_import = {
	.name = "Import a tracker",
	.keys = keys,
	.init = import_init,
	.draw = import_draw,
	.key = NULL,
	.resize = import_resize,
	.free = import_free,
	.frame = import_frame,
	.mouse = import_mouse,
	.reload = import_reload,
};
