/* view_engagement_edit.c — an engagement record's every field, or a new record: title, team (Tab completes the teams
 * already used), method from the list, place, when it was held (read as it is typed), the timing as written,
 * frequency, tenants as written (read as it is typed: "Circa 25 tenants per event"), the consumer standard outcome,
 * summary, "you said" and "we did". F2 saves everything at once, as one undoable step. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/dayrange.h"
#include "core/engagement.h"
#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/view_editor.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define MAX_METHODS 128
#define MAX_TEAMS 16
#define FOCUS_LINES 8 /* most lines a multi-line field gets while it has the keys */

enum field { G_TITLE, G_TEAM, G_METHOD, G_PLACE, G_HELD, G_WHEN, G_FREQUENCY, G_TENANTS, G_STANDARD, G_SUMMARY,
	     G_YOU_SAID, G_WE_DID, NFIELDS };

static const char *const labels[NFIELDS] = {"Title", "Team", "Method", "Place", "Held", "As written", "Frequency",
					    "Tenants", "Standard", "Summary", "You said", "We did"};
static const char *const names[NFIELDS] = {"title", "team", "method", "place", "held", "as written", "frequency",
					   "tenants", "standard", "summary", "you said", "we did"};
static const char *const tips[NFIELDS] = {
	"Title: what was done with tenants",
	"Team: Tab completes a team already used (again: the next one)",
	"Method: Left/Right or Space choose from the list (a letter jumps to it); M on the list adds one",
	"Place: the scheme, estate or venue",
	"Held: a day (12/05/2026), a month (May 2026) or a range (01/04/2025 - 31/03/2026); empty if not known",
	"As written: the timing in the words of the papers, e.g. \"through early 2023 and early 2024\"",
	"Frequency: how often it recurs; monthly and every other month events are counted per occurrence",
	"Tenants: as written — \"Circa 950\", \"12 tenants\", \"Circa 25 tenants per event\", \"Unknown currently\"",
	"Standard: the consumer standard outcome it serves, e.g. TIA 1.3",
	"Summary: what happened; Enter starts a new line, F3 writes it in the full editor",
	"You said: what tenants told us; F3 writes it in the full editor",
	"We did: what changed because of it; F3 writes it in the full editor",
};

static bool is_choice(int field)
{
	return field == G_METHOD || field == G_FREQUENCY;
}

static bool multi_line(int field)
{
	return field >= G_SUMMARY;
}

/* The most a field holds: when it was held and its tenants as written are short, the rest any text (0). */
static size_t field_max(int field)
{
	return field == G_HELD ? 120 : field == G_TENANTS ? 400 : 0;
}

struct method_choice {
	char name[128], formality[16];
};

struct form {
	struct ui *ui;
	long id;      /* the record edited; 0 for a new one */
	long *saved;  /* where the form says which record it saved */
	long link_action; /* a new record is linked to this action (0: none) */
	char action[200];
	char ref[32], heading[300];
	struct editor field[NFIELDS]; /* the choices' are unused */
	char *was[NFIELDS];	      /* the text fields as they were, for what changed */
	struct editor_fields fs;      /* the two above */
	struct method_choice method[MAX_METHODS];
	int nmethods, method_at, method_was; /* 0: none, else the index + 1 */
	int frequency_at, frequency_was;     /* an index of engagement_frequencies */
	char held_on[DATE_ISO_LEN], held_until[DATE_ISO_LEN]; /* as stored, kept when the dates are not retyped */
	struct dayrange range;
	bool held_ok, tenants_ok;
	char held_preview[500], tenants_preview[500];
	char teams[MAX_TEAMS][200];
	int nteams, team_pick;
	int here;
	bool warned;
	char error[1200];
	char what[400]; /* what is saved, named once the store has given a new record its ref */
	struct editor_request full; /* F3: the full editor on a multi-line field */
	char full_title[64], full_about[400];
};

/* ---- reading what is typed ---- */

static void understand_held(struct form *f)
{
	char err[400], human[120];
	const char *arrow = f->ui->utf8 ? "\xE2\x86\x92 " : "-> ";
	f->held_ok = dayrange_parse(editor_text(&f->field[G_HELD]), &f->range, err, sizeof err) == 0;
	if (!f->held_ok) {
		snprintf(f->held_preview, sizeof f->held_preview, "%s", err);
		return;
	}
	dayrange_format(&f->range, f->ui->utf8, human, sizeof human);
	if (!f->range.dated)
		snprintf(f->held_preview, sizeof f->held_preview, "no date: counted as undated in the summary");
	else
		snprintf(f->held_preview, sizeof f->held_preview, "%s%s%s", arrow, human, f->range.ranged ? "" : " (one day)");
}

/* What engagement_tenants_parse reads in the tenants typed: the live preview. */
static void understand_tenants(struct form *f)
{
	struct tenants t;
	char err[400];
	const char *arrow = f->ui->utf8 ? "\xE2\x86\x92 " : "-> ";
	f->tenants_ok = engagement_tenants_parse(editor_text(&f->field[G_TENANTS]), &t, err, sizeof err) == 0;
	if (!f->tenants_ok)
		snprintf(f->tenants_preview, sizeof f->tenants_preview, "%s", err);
	else if (t.count < 0)
		snprintf(f->tenants_preview, sizeof f->tenants_preview, "%sunknown: counted apart in the summary", arrow);
	else
		snprintf(f->tenants_preview, sizeof f->tenants_preview, "%s%s %ld tenant%s %s", arrow,
			 t.basis == TENANTS_CIRCA ? "circa" : "exactly", t.count, t.count == 1 ? "" : "s",
			 t.scope == TENANTS_PER_EVENT ? "per event" : "in total");
}

/* The dates stored as they would be typed: "01/04/2025 - 31/03/2026". */
static void held_text(const char *on, const char *until, char *out, size_t len)
{
	struct date a, b;
	out[0] = '\0';
	if (!date_parse_iso(on, &a))
		return;
	if (date_parse_iso(until, &b))
		snprintf(out, len, "%02d/%02d/%04d - %02d/%02d/%04d", a.day, a.month, a.year, b.day, b.month, b.year);
	else
		snprintf(out, len, "%02d/%02d/%04d", a.day, a.month, a.year);
}

/* ---- focus ---- */

static void focus(struct view *v, int field)
{
	struct form *f = v->priv;
	f->here = (field + NFIELDS) % NFIELDS;
	f->nteams = 0;
	f->ui->editor = is_choice(f->here) ? NULL : &f->field[f->here];
	v->mode = UI_MODE_TEXT | (is_choice(f->here) ? UI_MODE_CHOICE : 0); /* letters choose too: no quit key here */
	if (multi_line(f->here))
		v->mode |= UI_MODE_LINES;
	if (f->here == G_TEAM)
		v->mode |= UI_MODE_COMPLETE;
}

static int ge_next(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->here + 1);
	return UI_REDRAW;
}

static int ge_prev(struct view *v, struct ui *ui)
{
	(void)ui;
	focus(v, ((struct form *)v->priv)->here - 1);
	return UI_REDRAW;
}

/* ---- choices ---- */

static int step_choice(struct view *v, int dir)
{
	struct form *f = v->priv;
	int nfreq = 0;
	while (engagement_frequencies[nfreq])
		nfreq++;
	if (f->here == G_METHOD)
		f->method_at = (f->method_at + dir + f->nmethods + 1) % (f->nmethods + 1);
	else
		f->frequency_at = (f->frequency_at + dir + nfreq) % nfreq;
	f->error[0] = '\0';
	f->warned = false;
	return UI_REDRAW;
}

static int ge_right(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_choice(v, 1);
}

static int ge_left(struct view *v, struct ui *ui)
{
	(void)ui;
	return step_choice(v, -1);
}

/* What a choice shows at index i. */
static const char *choice_text(const struct form *f, int field, int i, char *buf, size_t len)
{
	if (field == G_FREQUENCY)
		return engagement_frequency_label(engagement_frequencies[i]);
	if (i == 0)
		return "none";
	snprintf(buf, len, "%s (%s)", f->method[i - 1].name, f->method[i - 1].formality);
	return buf;
}

/* A letter in a choice: the next value that begins with it. */
static int jump(struct form *f, int key)
{
	char buf[200];
	int n = f->here == G_METHOD ? f->nmethods + 1 : 0;
	if (f->here == G_FREQUENCY)
		while (engagement_frequencies[n])
			n++;
	int *at = f->here == G_METHOD ? &f->method_at : &f->frequency_at;
	for (int k = 1; k <= n; k++) {
		int i = (*at + k) % n;
		if (tolower((unsigned char)choice_text(f, f->here, i, buf, sizeof buf)[0]) == tolower(key)) {
			*at = i;
			f->error[0] = '\0';
			return UI_HANDLED | UI_REDRAW;
		}
	}
	snprintf(f->error, sizeof f->error, "No %s begins with \"%c\"; Left/Right go through them all.", names[f->here], key);
	return UI_HANDLED | UI_REDRAW;
}

/* ---- keys ---- */

/* Text into the field with the keys (its preview follows); in a choice, a letter jumps. */
static int ge_key(struct view *v, struct ui *ui, int key)
{
	struct form *f = v->priv;
	if (is_choice(f->here)) {
		if (key == ' ')
			return step_choice(v, 1) | UI_HANDLED;
		if (key < 0x7f && isalnum(key))
			return jump(f, key);
		return 0;
	}
	ui->editor = &f->field[f->here]; /* the full editor, closed, gave the keys back */
	int r = editor_key(v, ui, key);
	if (r && f->field[f->here].changed) {
		f->error[0] = '\0';
		f->warned = false;
		if (f->here == G_HELD)
			understand_held(f);
		if (f->here == G_TENANTS)
			understand_tenants(f);
		if (key != '\t')
			f->nteams = 0;
	}
	return r;
}

static int keep_team(void *ctx, const char *name)
{
	struct form *f = ctx;
	const char *typed = editor_text(&f->field[G_TEAM]);
	char word[200];
	snprintf(word, sizeof word, "%s", typed);
	if (f->nteams < MAX_TEAMS && strncasecmp(name, text_trim(word), strlen(text_trim(word))) == 0)
		snprintf(f->teams[f->nteams++], sizeof f->teams[0], "%s", name);
	return PB_OK;
}

/* Tab in the team: the team it can only be, else each in turn; with nothing typed, or a whole name, the next field. */
static int ge_complete(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct pb_error e = {0};
	if (f->nteams > 1) {
		f->team_pick = (f->team_pick + 1) % f->nteams;
		editor_set(&f->field[G_TEAM], f->teams[f->team_pick]);
		f->field[G_TEAM].changed = true;
		return UI_REDRAW;
	}
	if (editor_blank(&f->field[G_TEAM]))
		return ge_next(v, ui);
	f->nteams = 0;
	f->team_pick = -1;
	if (store_each_engagement_team(ui->store, keep_team, f, &e) != PB_OK)
		snprintf(f->error, sizeof f->error, "%s", e.msg);
	else if (f->nteams == 0)
		snprintf(f->error, sizeof f->error, "No team begins \"%s\"; a new team is fine too.", editor_text(&f->field[G_TEAM]));
	else if (f->nteams == 1 && text_ieq(f->teams[0], editor_text(&f->field[G_TEAM])))
		return ge_next(v, ui); /* already a whole name: on to the next field */
	else if (f->nteams == 1) {
		editor_set(&f->field[G_TEAM], f->teams[0]);
		f->field[G_TEAM].changed = true;
		f->nteams = 0;
	}
	return UI_REDRAW;
}

/* The full editor's save: the text goes back into the form's field. */
static int take_text(struct ui *ui, const void *ctx, const char *text, struct pb_error *e)
{
	struct form *f = (struct form *)ctx;
	(void)e;
	editor_set(&f->field[f->here], text);
	f->field[f->here].changed = true;
	ui->editor = &f->field[f->here];
	ui_message(ui, false, "The %s is in the form; F2 saves the record", names[f->here]);
	return PB_OK;
}

/* F3 on a text of several lines: writes it in the full editor. */
static int ge_full(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	snprintf(f->full_title, sizeof f->full_title, "%s", labels[f->here]);
	snprintf(f->full_about, sizeof f->full_about, "%s", f->heading);
	f->full = (struct editor_request){.title = f->full_title, .about = f->full_about,
					  .footer = "F2 puts the text back in the form; the record is saved from there",
					  .initial = editor_text(&f->field[f->here]), .save = take_text, .ctx = f};
	return ui_open(ui, &view_editor, &f->full) | UI_REDRAW;
}

/* "title, we did": the fields that differ from how they were. */
static void changed_names(const struct form *f, char *out, size_t len)
{
	out[0] = '\0';
	for (int i = 0; i < NFIELDS; i++) {
		bool differs = i == G_METHOD	  ? f->method_at != f->method_was
			       : i == G_FREQUENCY ? f->frequency_at != f->frequency_was
						  : editor_field_differs(&f->fs, i);
		if (differs)
			snprintf(out + strlen(out), len - strlen(out), "%s%s", *out ? ", " : "", names[i]);
	}
}

/* The change engagement_save makes: the edit, or the new record (whose ref names the step). */
struct change {
	struct form *f;
	struct engagement_edit fields;
};

static int apply(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct change *c = ctx;
	struct form *f = c->f;
	char ref[32], title[80];
	if (f->id)
		return store_edit_engagement(s, *id, &c->fields, e);
	int status = store_add_engagement(s, &c->fields, id, ref, sizeof ref, e);
	if (status == PB_OK && f->link_action)
		status = store_link_engagement(s, *id, f->link_action, e);
	text_fit(c->fields.title, 40, false, title, sizeof title);
	if (status == PB_OK)
		snprintf(f->what, sizeof f->what, "%s: new engagement record (%s)%s%s", ref, text_trim(title),
			 f->link_action ? ", linked to " : "", f->link_action ? f->action : "");
	return status;
}

static int ge_save(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	struct pb_error e = {0};
	char names_changed[300], on[DATE_ISO_LEN] = "", until[DATE_ISO_LEN] = "";
	if (!f->held_ok || !f->tenants_ok) {
		snprintf(f->error, sizeof f->error, "%s: %s", f->held_ok ? "Tenants" : "Held",
			 f->held_ok ? f->tenants_preview : f->held_preview);
		focus(v, f->held_ok ? G_TENANTS : G_HELD);
		return UI_REDRAW;
	}
	changed_names(f, names_changed, sizeof names_changed);
	if (f->id && !*names_changed) {
		ui_message(ui, false, "Nothing to save: no field was changed");
		return UI_BACK | UI_REDRAW;
	}
	if (!editor_field_differs(&f->fs, G_HELD)) {
		snprintf(on, sizeof on, "%s", f->held_on); /* not retyped: exactly as stored */
		snprintf(until, sizeof until, "%s", f->held_until);
	} else if (f->range.dated) {
		date_format_iso(f->range.from, on);
		if (f->range.ranged)
			date_format_iso(f->range.until, until);
	}
	struct change c = {f, {editor_text(&f->field[G_TITLE]), editor_text(&f->field[G_TEAM]),
			       f->method_at ? f->method[f->method_at - 1].name : NULL, editor_text(&f->field[G_PLACE]), on,
			       until, editor_text(&f->field[G_WHEN]), engagement_frequencies[f->frequency_at],
			       editor_text(&f->field[G_TENANTS]), editor_text(&f->field[G_STANDARD]),
			       editor_text(&f->field[G_SUMMARY]), editor_text(&f->field[G_YOU_SAID]),
			       editor_text(&f->field[G_WE_DID])}};
	if (f->id)
		snprintf(f->what, sizeof f->what, "%s: %s edited", f->ref, names_changed);
	else
		snprintf(f->what, sizeof f->what, "new engagement record");
	if (engagement_save(ui, ENGAGEMENT_RECORD, f->id, f->what, apply, &c, f->saved, &e) != PB_OK) {
		snprintf(f->error, sizeof f->error, "Not saved — %s", e.msg);
		for (int i = 0; i < NFIELDS; i++) /* to the field the message names */
			if (strncmp(e.msg, names[i], strlen(names[i])) == 0 && e.msg[strlen(names[i])] == ':')
				focus(v, i);
		return UI_REDRAW;
	}
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

/* Esc: closes; when something was typed, only the second time. */
static int ge_cancel(struct view *v, struct ui *ui)
{
	struct form *f = v->priv;
	char changed[300];
	changed_names(f, changed, sizeof changed);
	if (*changed && !f->warned) {
		snprintf(f->error, sizeof f->error, f->id ? "You changed %s: F2 saves, Esc again throws the changes away."
							  : "F2 saves the new record (%s typed); Esc again throws it away.", changed);
		f->warned = true;
		return UI_REDRAW;
	}
	ui_message(ui, false, f->id ? "The record was left as it was" : "No record was added");
	return UI_BACK | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"save", KEY_F(2), {CTRL('S')}, "save", "Save every field", ge_save, 0},
	{"complete", '\t', {0}, "complete", "Complete the team's name; again: the next one", ge_complete, UI_MODE_COMPLETE},
	{"next-field", KEY_DOWN, {'\t', '\r', '\n', KEY_ENTER}, "field", "Next field (Down and Enter stay in a text of several lines)",
	 ge_next, 0},
	{"prev-field", KEY_BTAB, {KEY_UP}, NULL, "Previous field", ge_prev, 0},
	{"next-value", KEY_RIGHT, {0}, "choose", "Next value (Space too; a letter jumps to it)", ge_right, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "Previous value", ge_left, UI_MODE_CHOICE},
	{"editor", KEY_F(3), {0}, "editor", "Write this text in the full editor", ge_full, UI_MODE_LINES},
	{"cancel", 27, {0}, "cancel", "Close; when something was changed, Esc twice", ge_cancel, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

static int keep_method(void *ctx, const struct method_row *m)
{
	struct form *f = ctx;
	if (f->nmethods < MAX_METHODS) {
		snprintf(f->method[f->nmethods].name, sizeof f->method[0].name, "%s", m->name);
		snprintf(f->method[f->nmethods++].formality, sizeof f->method[0].formality, "%s", m->formality);
	}
	return PB_OK;
}

/* Store callback: fills the form from the record edited. */
static int fill(void *ctx, const struct engagement_row *g)
{
	struct form *f = ctx;
	char held[64], title[120];
	snprintf(f->ref, sizeof f->ref, "%s", g->ref);
	text_fit(g->title, 60, false, title, sizeof title);
	snprintf(f->heading, sizeof f->heading, "%s %s", g->ref, title);
	snprintf(f->held_on, sizeof f->held_on, "%s", g->held_on);
	snprintf(f->held_until, sizeof f->held_until, "%s", g->held_until);
	held_text(g->held_on, g->held_until, held, sizeof held);
	const char *values[NFIELDS] = {[G_TITLE] = g->title, [G_TEAM] = g->team, [G_PLACE] = g->location, [G_HELD] = held,
				       [G_WHEN] = g->when_text, [G_TENANTS] = g->tenants_text, [G_STANDARD] = g->standard,
				       [G_SUMMARY] = g->summary, [G_YOU_SAID] = g->you_said, [G_WE_DID] = g->we_did};
	for (int i = 0; i < NFIELDS; i++)
		editor_set(&f->field[i], values[i] ? values[i] : "");
	for (int i = 0; i < f->nmethods; i++)
		if (text_ieq(f->method[i].name, g->method))
			f->method_at = i + 1;
	for (int i = 0; engagement_frequencies[i]; i++)
		if (strcmp(engagement_frequencies[i], g->frequency) == 0)
			f->frequency_at = i;
	return PB_OK;
}

static void form_release(struct form *f)
{
	editor_fields_free(&f->fs, f->ui);
	free(f);
}

/* arg is a const struct engagement_form_arg *: the record to edit, or 0 for a new one. */
static int ge_init(struct view *v, struct ui *ui, const void *arg)
{
	const struct engagement_form_arg *a = arg;
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
	f->id = a->id;
	f->saved = a->saved;
	f->link_action = a->link_action;
	snprintf(f->action, sizeof f->action, "%s", a->action ? a->action : "");
	int status = store_each_method(ui->store, keep_method, f, &e);
	if (status == PB_OK && f->id)
		status = store_get_engagement(ui->store, f->id, fill, f, &e);
	else if (status == PB_OK && (status = store_next_engagement_ref(ui->store, f->ref, sizeof f->ref, &e)) == PB_OK)
		snprintf(f->heading, sizeof f->heading, "A new engagement record, to be %s%s%s", f->ref,
			 f->link_action ? ", linked to " : "", f->link_action ? f->action : "");
	if (status != PB_OK) {
		ui_message(ui, true, "%s", e.msg);
		return status;
	}
	f->method_was = f->method_at;
	f->frequency_was = f->frequency_at;
	editor_fields_filled(&f->fs);
	understand_held(f);
	understand_tenants(f);
	focus(v, G_TITLE);
	return PB_OK;
}

/* Lines each field gets: one, and more for the text of several lines with the keys, as far as the box allows. */
static int field_lines(const struct form *f, int field, int spare)
{
	if (field != f->here || is_choice(field))
		return 1;
	int want = multi_line(field) ? FOCUS_LINES : field == G_TITLE ? 2 : 1;
	return 1 + (want - 1 < spare ? want - 1 : spare);
}

/* A field without the keys: its first line, cut to fit. */
static void draw_value(const struct form *f, const struct ui *ui, WINDOW *w, int field, int y, int x, int width)
{
	char first[1024], buf[200];
	if (is_choice(field)) {
		int at = field == G_METHOD ? f->method_at : f->frequency_at;
		snprintf(first, sizeof first, "%s %s %s", f->here == field ? "<" : " ", choice_text(f, field, at, buf, sizeof buf),
			 f->here == field ? ">" : "");
		ui_put(w, y, x - 2, width + 2, first, f->here == field ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
		return;
	}
	text_first_line(editor_text(&f->field[field]), first, sizeof first);
	if (strchr(editor_text(&f->field[field]), '\n') && strlen(first) + 4 < sizeof first)
		strcat(first, " \xE2\x80\xA6");
	ui_put(w, y, x, width, *first ? first : "-", *first ? A_UNDERLINE : ui_attr(ui, UI_DIM), false);
}

static void ge_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct form *f = v->priv;
	struct ui_rect r = v->area;
	int x = r.x + 2, vx = r.x + 15, vw = r.w - 17;
	int spare = r.h - 2 - 1 - NFIELDS - 2 - 3;
	work_frame(ui, w, r, f->id ? " Edit the engagement record " : " New engagement record ");
	ui_put(w, r.y + 1, x, r.w - 4, f->heading, A_BOLD, false);
	int y = r.y + 2, cursor_y = -1, cursor_h = 1;
	for (int i = 0; i < NFIELDS; i++) {
		int h = field_lines(f, i, spare > 0 ? spare : 0);
		work_field_label(ui, w, y, x, labels[i], i == f->here);
		if (i == f->here && !is_choice(i))
			cursor_y = y, cursor_h = h; /* drawn last, so the cursor stays in it */
		else
			draw_value(f, ui, w, i, y, vx, vw);
		y += h;
		if (i == G_HELD || i == G_TENANTS) {
			bool ok = i == G_HELD ? f->held_ok : f->tenants_ok;
			ui_put(w, y++, vx, vw, i == G_HELD ? f->held_preview : f->tenants_preview, ui_attr(ui, ok ? UI_DIM : UI_ERROR), false);
		}
	}
	int tip = r.y + r.h - 3;
	if (*f->error)
		work_note(ui, w, tip, x, r.w - 4, 2, f->error, UI_ERROR);
	else if (f->nteams > 1) {
		int at = 0;
		for (int i = 0; i < f->nteams; i++) {
			int cw = text_width(f->teams[i]);
			if (at + cw > r.w - 4)
				break;
			ui_put(w, tip, x + at, cw, f->teams[i], i == f->team_pick ? ui_attr(ui, UI_MATCH) : A_NORMAL, false);
			at += cw + 2;
		}
	} else if ((f->here == G_HELD && !f->held_ok) || (f->here == G_TENANTS && !f->tenants_ok)) /* whole, not cut */
		work_note(ui, w, tip, x, r.w - 4, 2, f->here == G_HELD ? f->held_preview : f->tenants_preview, UI_ERROR);
	else
		work_note(ui, w, tip, x, r.w - 4, 2, tips[f->here], UI_DIM);
	if (cursor_y >= 0)
		editor_draw(&f->field[f->here], ui, w, (struct ui_rect){cursor_y, vx, cursor_h, vw}, ui_attr(ui, UI_SELECTION), true, NULL);
}

static void ge_free(struct view *v)
{
	if (v->priv)
		form_release(v->priv);
	v->priv = NULL;
}

static void ge_frame(struct view *v, const struct ui *ui, struct ui_frame *fr)
{
	struct form *f = v->priv;
	(void)ui;
	snprintf(fr->title, sizeof fr->title, "%s", f->id ? "Edit the engagement record" : "New engagement record");
	fr->count[0] = fr->filter[0] = '\0';
	snprintf(fr->info, sizeof fr->info, "%s · F2 saves", labels[f->here]);
	fr->position[0] = '\0';
}

const struct view_ops view_engagement_edit = {
	.name = "Edit an engagement record",
	.keys = keys,
	.init = ge_init,
	.draw = ge_draw,
	.key = ge_key,
	.free = ge_free,
	.frame = ge_frame,
	.extra_keys = editor_keys,
	.overlay = true,
	.cursor = true,
};
