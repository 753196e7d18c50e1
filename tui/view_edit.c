/* view_edit.c — an action's fields: section, title, owners (Tab completes the names of known officers),
 * description, measure, target and outcome; or a new action in the current plan and section, with the next free
 * ref suggested and a target date read as it is typed. F2 saves everything at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/when.h"
#include "store/update.h"
#include "tui/browse.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define MAX_SECTIONS 256
#define MAX_CANDIDATES 16
#define FOCUS_LINES 8 /* most lines a multi-line field gets while it has the keys */

enum field { F_SECTION, F_REF, F_TITLE, F_OWNERS, F_DUE, F_DESCRIPTION, F_MEASURE, F_TARGET, F_OUTCOME, NFIELDS };

static const char *const labels[NFIELDS] = {"Section", "Ref", "Title", "Owners", "Target date", "Description", "Measure",
					    "Target", "Outcome"};
static const char *const tips[NFIELDS] = {
	"Section: Left/Right or Space choose one of the plan's sections (or none)",
	"Ref: unique in the plan; the next free one is suggested",
	"Title: what is to be done",
	"Owners: names separated by \";\", the lead first; Tab completes a name",
	"Target date: as officers write it (31/03/2027, Mar-27, Year 2); empty for none",
	"Description: Enter starts a new line",
	"Measure: how progress is measured",
	"Target: what counts as done",
	"Outcome: what changes for tenants",
};

struct section_choice {
	char code[64], title[200];
	int depth;
};

struct form {
	struct ui *ui;
	bool create;	   /* a new action, not an edit */
	long id;	   /* the action edited */
	char plan[32], ref[64], heading[300];
	struct section_choice sec[MAX_SECTIONS];
	int nsec, section; /* section: 0 for none, else the index + 1 */
	int section_was;
	struct editor field[NFIELDS]; /* F_SECTION's is unused */
	char *was[NFIELDS];	      /* the fields as they were, for what changed */
	struct editor_fields fs;      /* the two above */
	int here;
	bool ref_typed; /* the ref was typed, so a new section does not suggest another */
	char due_preview[700];
	bool due_ok;
	char cand[MAX_CANDIDATES][128];
	int ncand, pick;
	bool warned; /* Esc once said that changes would be lost */
	char error[1200];
};

/* Whether field f is on the form: the ref and the target date only for a new action. */
static bool shown(const struct form *f, int field)
{
	return f->create || (field != F_REF && field != F_DUE);
}

static bool multi_line(int field)
{
	return field >= F_DESCRIPTION;
}

/* The most a field holds: a ref, a target as written, or any text (0). */
static size_t field_max(int field)
{
	return field == F_REF ? 32 : field == F_DUE ? 200 : 0;
}

/* ---- values ---- */

static int keep_section(void *ctx, const struct section_row *r)
{
	struct form *f = ctx;
	if (f->nsec < MAX_SECTIONS) {
		struct section_choice *s = &f->sec[f->nsec++];
		snprintf(s->code, sizeof s->code, "%s", r->code);
		snprintf(s->title, sizeof s->title, "%s", r->title);
		s->depth = r->depth;
	}
	return PB_OK;
}

static const char *section_code(const struct form *f)
{
	return f->section ? f->sec[f->section - 1].code : "";
}

/* Suggests the next free ref of the chosen section, unless one was typed. */
static void suggest_ref(struct form *f)
{
	struct pb_error e = {0};
	char ref[128];
	if (!f->create || f->ref_typed)
		return;
	if (store_next_ref(f->ui->store, f->plan, section_code(f), ref, sizeof ref, &e) == PB_OK)
		editor_set(&f->field[F_REF], ref);
	else
		snprintf(f->error, sizeof f->error, "%s", e.msg);
}

/* What the date reader makes of the target date typed. */
static void understand_due(struct form *f)
{
	struct when w;
	struct date start;
	char err[600], human[32];
	bool has_start = store_plan_start(f->ui->store, f->plan, &start, &(struct pb_error){0}) == PB_OK;
	const char *text = editor_text(&f->field[F_DUE]);
	f->due_ok = true;
	if (textedit_blank(&f->field[F_DUE].t)) {
		snprintf(f->due_preview, sizeof f->due_preview, "no target date yet");
		return;
	}
	if (when_parse(text, has_start ? &start : NULL, &w, err, sizeof err) != 0) {
		snprintf(f->due_preview, sizeof f->due_preview, "%s", err);
		f->due_ok = false;
	} else if (w.ndates > 1) {
		snprintf(f->due_preview, sizeof f->due_preview, "\"%s\" holds %d dates; a new action has one", text, w.ndates);
		f->due_ok = false;
	} else if (w.ndates == 0) {
		snprintf(f->due_preview, sizeof f->due_preview, "→ no date: %s", when_state_name(w.state));
	} else {
		date_format_human(w.dates[0].date, human, sizeof human);
		snprintf(f->due_preview, sizeof f->due_preview, "→ %s", human);
	}
}

/* ---- focus ---- */

/* Gives the keys to field (skipping those not on the form), moving dir when it must skip. */
static void focus(struct view *v, int field, int dir)
{
	struct form *f = v->priv;
	field = (field + NFIELDS) % NFIELDS;
	while (!shown(f, field))
		field = (field + dir + NFIELDS) % NFIELDS;
	f->here = field;
	f->ncand = 0;
	f->ui->editor = field == F_SECTION ? NULL : &f->field[field];
	v->mode = field == F_SECTION ? UI_MODE_CHOICE : UI_MODE_TEXT;
	if (multi_line(field))
		v->mode |= UI_MODE_LINES;
	if (field == F_OWNERS)
		v->mode |= UI_MODE_COMPLETE;
}

static int edit_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->here + 1, 1);
	return UI_REDRAW;
}

static int edit_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->here - 1, -1);
	return UI_REDRAW;
}

/* ---- keys ---- */

static int step_section(struct view *v, int dir)
{
	struct form *f = v->priv;
	f->section = (f->section + dir + f->nsec + 1) % (f->nsec + 1);
	suggest_ref(f);
	return UI_REDRAW;
}

static int edit_section_next(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_section(v, 1);
}

static int edit_section_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_section(v, -1);
}

/* Text into the field with the keys; in the section, letters are answered with how to choose. */
static int edit_key(struct view *v, struct ui *ui, int key)
{
	struct form *f = v->priv;
	if (f->here == F_SECTION) {
		if (key == ' ')
			return step_section(v, 1) | UI_HANDLED;
		if (key > ' ' && key < 0x7f && key != '?' && !ui_binds(v->ops->keys, key, v->mode)) {
			snprintf(f->error, sizeof f->error, "Choose the section with Left/Right or Space; Tab goes to the next field.");
			return UI_HANDLED | UI_REDRAW;
		}
		return 0;
	}
	int r = editor_key(v, ui, key);
	if (r && f->field[f->here].changed) {
		f->error[0] = '\0';
		f->warned = false;
		if (f->here == F_REF)
			f->ref_typed = true;
		if (f->here == F_DUE)
			understand_due(f);
		if (key != '\t')
			f->ncand = 0;
	}
	return r;
}

static int keep_candidate(void *ctx, const char *name)
{
	struct form *f = ctx;
	if (f->ncand < MAX_CANDIDATES)
		snprintf(f->cand[f->ncand++], sizeof f->cand[0], "%s", name);
	return PB_OK;
}

/* Puts name in place of the last name of the owners field. */
static void put_owner(struct form *f, const char *name)
{
	const char *text = editor_text(&f->field[F_OWNERS]);
	const char *semi = strrchr(text, ';');
	char out[2048];
	if (semi)
		snprintf(out, sizeof out, "%.*s; %s", (int)(semi - text), text, name);
	else
		snprintf(out, sizeof out, "%s", name);
	editor_set(&f->field[F_OWNERS], out);
	f->field[F_OWNERS].changed = true;
}

/* Tab in the owners: the officer the last name can only be, else each in turn; with nothing to complete, the
 * next field. */
static int edit_complete(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct pb_error e = {0};
	if (f->ncand > 1) {
		f->pick = (f->pick + 1) % f->ncand;
		put_owner(f, f->cand[f->pick]);
		return UI_REDRAW;
	}
	const char *text = editor_text(&f->field[F_OWNERS]);
	const char *semi = strrchr(text, ';');
	char last[256];
	snprintf(last, sizeof last, "%s", semi ? semi + 1 : text);
	char *typed = text_trim(last);
	if (!*typed || f->field[F_OWNERS].t.cur != f->field[F_OWNERS].t.len)
		return edit_next(v, ui);
	f->ncand = 0;
	f->pick = -1;
	if (store_each_officer_match(ui->store, typed, MAX_CANDIDATES, keep_candidate, f, &e) != PB_OK)
		snprintf(f->error, sizeof f->error, "%s", e.msg);
	else if (f->ncand == 0)
		snprintf(f->error, sizeof f->error, "No officer's name or alias begins \"%s\".", typed);
	else if (f->ncand == 1)
		put_owner(f, f->cand[0]), f->ncand = 0;
	return UI_REDRAW;
}

/* The change work_save makes: the edit, or the new action. */
struct edit_change {
	const struct form *f;
	struct action_edit fields;
	const char *ref, *due;
};

static int apply(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct edit_change *c = ctx;
	if (c->f->create)
		return store_new_action(s, c->f->plan, c->ref, &c->fields, c->due, id, e);
	return store_edit_action(s, *id, &c->fields, e);
}

/* "title, owners": the fields that differ from how they were. */
static void changed_names(const struct form *f, char *out, size_t len)
{
	out[0] = '\0';
	if (f->section != f->section_was)
		snprintf(out, len, "section");
	for (int i = F_TITLE; i < NFIELDS; i++)
		if (shown(f, i) && editor_field_differs(&f->fs, i))
			snprintf(out + strlen(out), len - strlen(out), "%s%s", *out ? ", " : "", labels[i]);
	for (char *p = out; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
}

static int edit_save(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct pb_error e = {0};
	char what[400], names[200];
	if (f->create && !f->due_ok) {
		snprintf(f->error, sizeof f->error, "Target date: %s", f->due_preview);
		focus(v, F_DUE, 1);
		return UI_REDRAW;
	}
	struct edit_change c = {f, {editor_text(&f->field[F_TITLE]), editor_text(&f->field[F_DESCRIPTION]),
				    editor_text(&f->field[F_MEASURE]), editor_text(&f->field[F_TARGET]),
				    editor_text(&f->field[F_OUTCOME]), editor_text(&f->field[F_OWNERS]), section_code(f)},
				editor_text(&f->field[F_REF]), editor_text(&f->field[F_DUE])};
	changed_names(f, names, sizeof names);
	if (f->create) {
		char ref[64];
		text_fit(c.ref, 30, false, ref, sizeof ref);
		snprintf(what, sizeof what, "%s %s: new action", f->plan, ref);
	} else if (*names) {
		snprintf(what, sizeof what, "%s: %s edited", f->ref, names);
	} else {
		ui_message(ui, false, "Nothing to save: no field was changed");
		return UI_BACK | UI_REDRAW;
	}
	if (work_save(ui, f->create ? 0 : f->id, what, apply, &c, &e) != PB_OK) {
		snprintf(f->error, sizeof f->error, "Not saved — %s", e.msg);
		for (int i = 0; i < NFIELDS; i++) /* to the field the message names */
			if (shown(f, i) && strncasecmp(e.msg, labels[i], strlen(labels[i])) == 0 && e.msg[strlen(labels[i])] == ':')
				focus(v, i, 1);
		if (strncmp(e.msg, "owners:", 7) == 0)
			focus(v, F_OWNERS, 1);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* Esc: closes; when something was typed, only the second time. */
static int edit_cancel(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	char names[200];
	changed_names(f, names, sizeof names);
	if (*names && !f->warned && !f->create) {
		snprintf(f->error, sizeof f->error, "You changed %s: F2 saves, Esc again throws the changes away.", names);
		f->warned = true;
		return UI_REDRAW;
	}
	if (f->create && !f->warned && !textedit_blank(&f->field[F_TITLE].t)) {
		snprintf(f->error, sizeof f->error, "F2 creates the action; Esc again throws it away.");
		f->warned = true;
		return UI_REDRAW;
	}
	ui_message(ui, false, f->create ? "No action was created" : "The action was left as it was");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Save every field", edit_save, 0},
	{"complete", '\t', {0}, "complete", "Complete the officer's name; again: the next one", edit_complete, UI_MODE_COMPLETE},
	{"next-field", KEY_DOWN, {'\t', '\r', '\n', KEY_ENTER}, "field", "Next field (Down and Enter move within a text of several lines)",
	 edit_next, 0},
	{"prev-field", KEY_BTAB, {KEY_UP}, NULL, "Previous field", edit_prev, 0},
	{"next-value", KEY_RIGHT, {0}, "choose", "Next section (Space too)", edit_section_next, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "Previous section", edit_section_prev, UI_MODE_CHOICE},
	{"cancel", 27, {'q'}, "cancel", "Close; when something was changed, Esc twice", edit_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* Fills the form from the action edited. */
static int load_action(struct form *f, struct pb_error *e)
{
	struct action_detail a;
	if (store_get_action(f->ui->store, f->id, &a, e) != PB_OK)
		return e->status;
	snprintf(f->plan, sizeof f->plan, "%s", a.plan);
	snprintf(f->ref, sizeof f->ref, "%s", a.ref);
	work_label(&a, 120, f->heading, sizeof f->heading);
	const char *values[NFIELDS] = {[F_TITLE] = a.title, [F_OWNERS] = a.leads, [F_DESCRIPTION] = a.description,
				       [F_MEASURE] = a.measure, [F_TARGET] = a.target, [F_OUTCOME] = a.outcome};
	for (int i = F_REF; i < NFIELDS; i++)
		editor_set(&f->field[i], values[i] ? values[i] : "");
	int status = store_each_section(f->ui->store, f->plan, keep_section, f, e);
	for (int i = 0; i < f->nsec; i++)
		if (strcmp(f->sec[i].code, a.section) == 0)
			f->section = i + 1;
	store_action_free(&a);
	return status;
}

/* Sets up a new action in the plan (and section) of the selected action, else of the list's plan. */
static int load_new(struct form *f, long selected, struct pb_error *e)
{
	struct action_detail a;
	const struct browse_filter *bf = &f->ui->browse->cur.filter;
	char section[64] = "";
	if (selected && store_get_action(f->ui->store, selected, &a, e) == PB_OK) {
		snprintf(f->plan, sizeof f->plan, "%s", a.plan);
		snprintf(section, sizeof section, "%s", a.section);
		store_action_free(&a);
	} else if (*bf->plan) {
		snprintf(f->plan, sizeof f->plan, "%s", bf->plan);
		snprintf(section, sizeof section, "%s", bf->section);
	} else {
		return pb_fail(e, PB_USAGE, "Which plan? Select one of its actions, or open the plan in the navigator, then n");
	}
	snprintf(f->heading, sizeof f->heading, "A new action in %s", f->plan);
	int status = store_each_section(f->ui->store, f->plan, keep_section, f, e);
	for (int i = 0; i < f->nsec; i++)
		if (strcmp(f->sec[i].code, section) == 0)
			f->section = i + 1;
	suggest_ref(f);
	understand_due(f);
	return status;
}

static void form_release(struct form *f)
{
	editor_fields_free(&f->fs, f->ui);
	free(f);
}

/* arg is a const struct work_arg *: WORK_EDIT edits its action, WORK_NEW makes one beside it. */
static int edit_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct work_arg *w = arg;
	struct pb_error e = {0};
	struct form *f = calloc(1, sizeof *f);
	if (f)
		f->fs = (struct editor_fields){f->field, f->was, NFIELDS};
	if (!f || !editor_fields_init(&f->fs, multi_line, field_max)) {
		if (f)
			form_release(f);
		ui_message(ui, true, "Out of memory opening the form");
		return PB_FAIL;
	}
	v->priv = f;
	f->ui = ui;
	f->create = w->kind == WORK_NEW;
	f->id = w->id;
	if ((f->create ? load_new(f, w->id, &e) : load_action(f, &e)) != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return e.status ? e.status : PB_FAIL;
	}
	f->section_was = f->section;
	editor_fields_filled(&f->fs);
	focus(v, F_TITLE, 1);
	return PB_OK;
}

/* Lines each field gets: one, and more for the multi-line field with the keys, as far as the box allows. */
static int field_lines(const struct form *f, int field, int spare)
{
	if (field != f->here || f->here == F_SECTION)
		return 1;
	int want = multi_line(field) ? FOCUS_LINES : field == F_TITLE ? 3 : 1;
	return 1 + (want - 1 < spare ? want - 1 : spare);
}

/* A field without the keys: its first line, cut to fit. */
static void draw_value(const struct form *f, const struct ui *ui, WINDOW *w, int field, int y, int x, int width)
{
	char first[1024];
	if (field == F_SECTION) {
		const struct section_choice *s = f->section ? &f->sec[f->section - 1] : NULL;
		char text[400];
		snprintf(text, sizeof text, "%s%s%s", s ? s->code : "none", s ? " " : "", s ? s->title : "");
		ui_put(w, y, x, width, text, f->here == F_SECTION ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
		return;
	}
	text_first_line(editor_text(&f->field[field]), first, sizeof first);
	bool more = strchr(editor_text(&f->field[field]), '\n') != NULL;
	if (more && strlen(first) + 4 < sizeof first)
		strcat(first, " \xE2\x80\xA6");
	ui_put(w, y, x, width, *first ? first : "-", *first ? A_UNDERLINE : ui_attr(ui, UI_DIM), false);
}

static void edit_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct form *f = v->priv;
	struct ui_rect r = v->area;
	int x = r.x + 2, vx = r.x + 15, vw = r.w - 17, n = 0;
	for (int i = 0; i < NFIELDS; i++)
		n += shown(f, i);
	int spare = r.h - 2 - 1 - n - (f->create ? 1 : 0) - 3;
	work_frame(ui, w, r, f->create ? " New action " : " Edit the action ");
	ui_put(w, r.y + 1, x, r.w - 4, f->heading, A_BOLD, false);
	int y = r.y + 2, cursor_y = -1, cursor_h = 1;
	for (int i = 0; i < NFIELDS; i++) {
		if (!shown(f, i))
			continue;
		int h = field_lines(f, i, spare > 0 ? spare : 0);
		work_field_label(ui, w, y, x, labels[i], i == f->here);
		if (i == f->here && i != F_SECTION)
			cursor_y = y, cursor_h = h; /* drawn last, so the cursor stays in it */
		else
			draw_value(f, ui, w, i, y, vx, vw);
		y += h;
		if (i == F_DUE) {
			ui_put(w, y, vx, vw, f->due_preview, ui_attr(ui, f->due_ok ? UI_DIM : UI_ERROR), false);
			y++;
		}
	}
	int tip = r.y + r.h - 3;
	if (*f->error)
		work_note(ui, w, tip, x, r.w - 4, 2, f->error, UI_ERROR);
	else if (f->ncand > 1) {
		int at = 0;
		for (int i = 0; i < f->ncand; i++) {
			int cw = text_width(f->cand[i]);
			if (at + cw > r.w - 4)
				break;
			ui_put(w, tip, x + at, cw, f->cand[i], i == f->pick ? ui_attr(ui, UI_MATCH) : A_NORMAL, false);
			at += cw + 2;
		}
	} else if (f->here == F_DUE && !f->due_ok) /* the line under the field cuts it: here it is whole */
		work_note(ui, w, tip, x, r.w - 4, 2, f->due_preview, UI_ERROR);
	else
		ui_put(w, tip, x, r.w - 4, tips[f->here], ui_attr(ui, UI_DIM), false);
	if (cursor_y >= 0)
		editor_draw(&f->field[f->here], ui, w, (struct ui_rect){cursor_y, vx, cursor_h, vw}, ui_attr(ui, UI_SELECTION), true, NULL);
}

static void edit_free(struct view *v)
{
	if (v->priv)
		form_release(v->priv);
	v->priv = NULL;
}

static void edit_frame(struct view *v, const struct ui *ui, struct ui_frame *fr)
{
	struct form *f = v->priv;
	(void)ui;
	snprintf(fr->title, sizeof fr->title, "%s", f->create ? "New action" : "Edit the action");
	fr->count[0] = '\0';
	snprintf(fr->info, sizeof fr->info, "%s · F2 saves", labels[f->here]);
	fr->position[0] = '\0';
}

const struct view_ops view_edit = {
	.name = "Edit an action",
	.keys = keys,
	.init = edit_init,
	.draw = edit_draw,
	.key = edit_key,
	.free = edit_free,
	.frame = edit_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
