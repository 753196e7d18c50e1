/* frames.c — the keystroke operations as whole frames of the real workbench: for each, a script of keys
 * (tui/script.c reads it), run by `planbench --script … --timings …`, and the time of the keys that do the operation
 * (dispatch, drawing, doupdate), the first of each left out as a warm-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/frames.h"
#include "bench/proc.h"
#include "core/buf.h"
#include "core/csvio.h"

#define MAX_LABELS 8

/* A script being written: its text, and for each line the operation its key is timed for (or none). */
struct script_text {
	struct buf text;
	const char **label; /* label[line - 1]; NULL for a key that only sets the scene */
	int lines, cap;
};

/* Adds one line; label names the table row its key's time goes to, or is NULL. */
static void line(struct script_text *s, const char *text, const char *label)
{
	if (s->lines == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 128;
		s->label = realloc(s->label, (size_t)s->cap * sizeof *s->label);
		if (!s->label)
			abort();
	}
	s->label[s->lines++] = label;
	buf_printf(&s->text, "%s\n", text);
}

/* ---- the operations, each a script ---- */

static void down(struct script_text *s, const struct frames_setup *set)
{
	for (int k = 0; k <= set->runs; k++)
		line(s, "Down", "frame: move down one row");
}

/* Three pages down, then back to the top: even a small Overdue list has three pages at 45 lines. */
static void page_down(struct script_text *s, const struct frames_setup *set)
{
	for (int k = 0; k <= set->runs; k++) {
		line(s, "PgDn", "frame: page down");
		if (k % 3 == 2)
			line(s, "Home", NULL);
	}
}

static void end(struct script_text *s, const struct frames_setup *set)
{
	for (int k = 0; k <= set->runs; k++) {
		line(s, "End", "frame: jump to the end of the list");
		line(s, "Home", NULL);
	}
}

/* In the navigator: All actions, then Overdue again, each shown with Space. */
static void switch_view(struct script_text *s, const struct frames_setup *set)
{
	line(s, "Tab", NULL);
	for (int k = 0; k <= set->runs; k++) {
		line(s, "Down", NULL);
		line(s, "Down", NULL);
		line(s, "Down", NULL);
		line(s, "Space", "frame: switch view (navigator): All actions");
		line(s, "Home", NULL);
		line(s, "Space", "frame: switch view (navigator): Overdue");
	}
}

/* `:owner NAME` on the Overdue view, then F clears it. */
static void owner_filter(struct script_text *s, const struct frames_setup *set)
{
	char typed[200];
	snprintf(typed, sizeof typed, "type owner %s", set->me);
	for (int k = 0; k <= set->runs; k++) {
		line(s, ":", NULL);
		line(s, typed, NULL);
		line(s, "Enter", "frame: owner filter (busiest officer)");
		line(s, "F", "frame: clear the filter (F)");
	}
}

/* s on All actions, round the six orders (tui/browse.c sorts[]) from plan order, each timed on its own. */
static void sort(struct script_text *s, const struct frames_setup *set)
{
	static const char *const labels[] = {"frame: sort All actions by due date (s)", "frame: sort All actions by days overdue (s)",
					     "frame: sort All actions by ref (s)", "frame: sort All actions by lead (s)",
					     "frame: sort All actions by RAG (s)", "frame: sort All actions by plan (s)"};
	line(s, ":", NULL);
	line(s, "type view all", NULL);
	line(s, "Enter", NULL);
	for (int k = 0; k <= set->runs; k++)
		for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
			line(s, "s", labels[i]);
}

/* / and three letters, one frame each, then Esc. */
static void search(struct script_text *s, const struct frames_setup *set)
{
	static const char *const labels[] = {"frame: search, first letter typed", "frame: search, second letter typed",
					     "frame: search, third letter typed"};
	for (int k = 0; k <= set->runs; k++) {
		line(s, "/", NULL);
		for (int i = 0; i < 3; i++) {
			char letter[2] = {set->search[i], '\0'};
			line(s, letter, labels[i]);
		}
		line(s, "Esc", NULL);
	}
}

/* The action with 50 updates found by its word, then Enter opens it in full and Esc closes it. */
static void open_action(struct script_text *s, const struct frames_setup *set)
{
	char typed[120];
	snprintf(typed, sizeof typed, "type search %s", set->marker);
	line(s, ":", NULL);
	line(s, typed, NULL);
	line(s, "Enter", NULL);
	for (int k = 0; k <= set->runs; k++) {
		line(s, "Enter", "frame: open an action with 50 updates");
		line(s, "PgDn", "frame: page down in an action with 50 updates");
		line(s, "Esc", NULL);
	}
}

static const struct frames_op {
	const char *name; /* of its script file */
	void (*write)(struct script_text *s, const struct frames_setup *set);
} ops[] = {
	{"down", down},	      {"page-down", page_down},	    {"end", end},	  {"view", switch_view},
	{"owner", owner_filter}, {"sort", sort}, {"search", search}, {"open-action", open_action},
};

/* ---- running a script and reading its timings ---- */

/* The samples of each label, in the order the labels first appear. */
struct samples {
	const char *label[MAX_LABELS];
	double *ms[MAX_LABELS];
	int n[MAX_LABELS], seen[MAX_LABELS], nlabels;
	const struct script_text *script;
};

/* The slot of label, made when new; -1 when there are too many. */
static int slot(struct samples *sm, const char *label)
{
	for (int i = 0; i < sm->nlabels; i++)
		if (strcmp(sm->label[i], label) == 0)
			return i;
	if (sm->nlabels == MAX_LABELS)
		return -1;
	sm->label[sm->nlabels] = label;
	return sm->nlabels++;
}

/* Adds one time to label's samples; the first time a label is seen is the warm-up and is left out. */
static void add_sample(struct samples *sm, const char *label, double ms)
{
	int i = slot(sm, label);
	if (i < 0 || sm->seen[i]++ == 0)
		return;
	sm->ms[i] = realloc(sm->ms[i], (size_t)(sm->n[i] + 1) * sizeof *sm->ms[i]);
	if (!sm->ms[i])
		abort();
	sm->ms[i][sm->n[i]++] = ms;
}

/* CSV callback for a timings file (line,key,ms): each key's time goes to its line's label. */
static int timing_row(void *ctx, char **f, int nf, const struct csvio_pos *pos, struct pb_error *e)
{
	struct samples *sm = ctx;
	(void)pos, (void)e;
	if (nf < 3 || strcmp(f[0], "line") == 0)
		return PB_OK;
	int at = atoi(f[0]);
	if (at == 0 && !sm->script)
		add_sample(sm, "frame: open to first frame of Overdue", atof(f[2]));
	else if (sm->script && at >= 1 && at <= sm->script->lines && sm->script->label[at - 1])
		add_sample(sm, sm->script->label[at - 1], atof(f[2]));
	return PB_OK;
}

/* Runs the workbench on script (written to dir as name) and adds its timings to sm; *mb gets its peak memory. */
static int run_script(const struct frames_setup *set, const char *name, const struct script_text *script,
		      struct samples *sm, double *mb, struct pb_error *e)
{
	char path[1100], timings[1100];
	snprintf(path, sizeof path, "%s/frames-%ld-%s.txt", set->dir, set->size, name);
	snprintf(timings, sizeof timings, "%s/frames-%ld-%s.csv", set->dir, set->size, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(buf_str(&script->text), f) < 0 || fclose(f) != 0)
		return pb_fail(e, PB_FAIL, "%s: cannot write the script", path);
	char *args[] = {"--db", (char *)set->db, "--today", (char *)set->today, "--as", (char *)set->me, "--script", path,
			"--size", FRAMES_SIZE, "--timings", timings, NULL};
	double ms;
	if (proc_run(set->bin, args, &ms, mb, e) != PB_OK)
		return e->status;
	return csvio_read_file(timings, timing_row, sm, e);
}

/* Adds each label's samples to the table and frees them. */
static void add_rows(struct samples *sm, const struct frames_setup *set, struct stats_table *t)
{
	for (int i = 0; i < sm->nlabels; i++) {
		if (sm->n[i])
			stats_add_times(t, sm->label[i], set->size, sm->ms[i], sm->n[i]);
		free(sm->ms[i]);
	}
	memset(sm, 0, sizeof *sm);
}

/* The first frame: a process per run with an empty script, the database opened to the Overdue view drawn. */
static int first_frame(const struct frames_setup *set, struct stats_table *t, double *peak, struct pb_error *e)
{
	struct samples sm = {0};
	struct script_text empty = {0};
	int status = PB_OK;
	for (int k = 0; k <= set->runs && status == PB_OK; k++) {
		double mb = 0;
		status = run_script(set, "open", &empty, &sm, &mb, e);
		*peak = mb > *peak ? mb : *peak;
	}
	add_rows(&sm, set, t);
	buf_free(&empty.text);
	return status;
}

int frames_measure(const struct frames_setup *set, struct stats_table *t, struct pb_error *e)
{
	double peak = 0;
	int status = first_frame(set, t, &peak, e);
	for (size_t i = 0; i < sizeof ops / sizeof ops[0] && status == PB_OK; i++) {
		struct script_text script = {0};
		struct samples sm = {.script = &script};
		double mb = 0;
		ops[i].write(&script, set);
		status = run_script(set, ops[i].name, &script, &sm, &mb, e);
		peak = mb > peak ? mb : peak;
		add_rows(&sm, set, t);
		buf_free(&script.text);
		free(script.label);
	}
	if (status == PB_OK)
		stats_add(t, "frame: workbench process, peak memory", "MB", set->size, (int)(sizeof ops / sizeof ops[0]) + 1,
			  peak, peak);
	return status;
}
