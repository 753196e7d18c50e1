/* view_methods.c — the methods of engagement, reference data the Tenant Experience team keeps: the policy's formal and
 * informal methods and the others, with how many records use each; n adds one, e renames one (or changes whether it
 * is formal), each an audited step z undoes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/engagement_work.h"
#include "tui/listview.h"
#include "tui/view_editor.h"
#include "tui/work.h"

#define CTRL(c) ((c) & 0x1f)
#define FORM_LINES 6

enum { COL_NAME, COL_FORMALITY, COL_RECORDS, NCOLS };

static const struct listview_column columns[NCOLS] = {
	[COL_NAME] = {.title = "Method", .width = 0, .min = 20},
	[COL_FORMALITY] = {.title = "Formality", .width = 9, .min = 9},
	[COL_RECORDS] = {.title = "Records", .width = 7, .min = 7, .align = LISTVIEW_RIGHT},
};

static const char *const formalities[] = {"formal", "informal", "other"};

enum edit_field { M_NAME, M_FORMALITY };

struct methods {
	struct ui *ui;
	struct listview *lv;
	bool editing;	  /* the form under the list is open */
	long edit_id;	  /* the method renamed; 0 for a new one */
	char was[200];	  /* its name before */
	struct editor name;
	int formality;	  /* an index of formalities */
	enum edit_field here;
	char error[1200];
	char what[600];
	long saved;	  /* the method just saved: the list goes to it */
	struct work_arg work;
};

/* ---- rows ---- */

static int put_method(void *ctx, const struct method_row *m)
{
	struct listview *lv = ctx;
	struct listview_row *row = listview_add_row(lv, m->id);
	char n[24];
	if (!row)
		return PB_OK;
	snprintf(n, sizeof n, "%ld", m->records);
	listview_set_cell(row, COL_NAME, m->name, UI_NORMAL);
	listview_set_cell(row, COL_FORMALITY, m->formality, UI_NORMAL);
	listview_set_cell(row, COL_RECORDS, n, m->records ? UI_NORMAL : UI_DIM);
	snprintf(row->note, sizeof row->note, "%.200s: %s%s", m->name, m->formality,
		 *m->description ? " · " : "");
	size_t l = strlen(row->note);
	snprintf(row->note + l, sizeof row->note - l, "%s", m->description);
	return PB_OK;
}

/* A walk that counts the methods and fills a page from them: there are a few dozen at most. */
struct page {
	struct listview *lv;
	long offset, limit, seen, at; /* at: the index of the method wanted (id), -1 when not seen */
	long want;
};

static int page_method(void *ctx, const struct method_row *m)
{
	struct page *p = ctx;
	if (m->id == p->want)
		p->at = p->seen;
	if (p->lv && p->seen >= p->offset && p->seen < p->offset + p->limit)
		put_method(p->lv, m);
	p->seen++;
	return PB_OK;
}

static int source_count(void *ctx, long *n, struct pb_error *e)
{
	struct methods *m = ctx;
	struct page p = {NULL, 0, 0, 0, -1, 0};
	int status = store_each_method(m->ui->store, page_method, &p, e);
	*n = p.seen;
	return status;
}

static int source_fetch(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct methods *m = ctx;
	struct page p = {lv, offset, limit, 0, -1, 0};
	return store_each_method(m->ui->store, page_method, &p, e);
}

/* Reads the list again, on the method just saved when there is one. */
static void mt_refresh(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	struct pb_error e = {0};
	int status = listview_reload(m->lv, &e);
	if (status == PB_OK && m->saved) {
		struct page p = {NULL, 0, 0, 0, -1, m->saved};
		status = store_each_method(ui->store, page_method, &p, &e);
		if (status == PB_OK && p.at >= 0)
			status = listview_goto(m->lv, p.at, &e);
		m->saved = 0;
	}
	if (status != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

/* ---- the form under the list ---- */

static void set_mode(struct view *v)
{
	struct methods *m = v->priv;
	if (!m->editing) {
		v->mode = UI_MODE_LIST;
		m->ui->editor = NULL;
	} else {
		v->mode = UI_MODE_TEXT | (m->here == M_NAME ? 0 : UI_MODE_CHOICE);
		m->ui->editor = m->here == M_NAME ? &m->name : NULL;
	}
}

/* Opens the form: a new method (row NULL) or the selected one. */
static int open_form(struct view *v, struct ui *ui, const struct listview_row *row)
{
	struct methods *m = v->priv;
	if (engagement_read_only(ui, row ? "renaming a method" : "adding a method"))
		return UI_REDRAW;
	m->editing = true;
	m->edit_id = row ? row->id : 0;
	text_fit(row ? row->cell[COL_NAME].text : "", 120, false, m->was, sizeof m->was);
	editor_set(&m->name, m->was);
	m->formality = 1;
	for (int i = 0; row && i < 3; i++)
		if (strcmp(row->cell[COL_FORMALITY].text, formalities[i]) == 0)
			m->formality = i;
	m->here = M_NAME;
	m->error[0] = '\0';
	set_mode(v);
	return UI_REDRAW;
}

static int add_method(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct methods *m = ctx;
	return store_add_method(s, editor_text(&m->name), formalities[m->formality], id, e);
}

static int edit_method(struct store *s, long *id, const void *ctx, struct pb_error *e)
{
	const struct methods *m = ctx;
	return store_edit_method(s, *id, editor_text(&m->name), formalities[m->formality], e);
}

static int mf_save(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	struct pb_error e = {0};
	char name[200];
	snprintf(name, sizeof name, "%s", editor_text(&m->name));
	text_trim(name);
	if (m->edit_id)
		snprintf(m->what, sizeof m->what, "method %s: now %s (%s)", m->was, text_trim(name), formalities[m->formality]);
	else
		snprintf(m->what, sizeof m->what, "method %s (%s) added", text_trim(name), formalities[m->formality]);
	if (engagement_save(ui, ENGAGEMENT_METHOD, m->edit_id, m->what, m->edit_id ? edit_method : add_method, m, &m->saved,
			    &e) != PB_OK) {
		snprintf(m->error, sizeof m->error, "Not saved — %s", e.msg);
		return UI_REDRAW;
	}
	m->editing = false;
	set_mode(v);
	return UI_RELOAD | UI_REDRAW;
}

static int mf_cancel(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	m->editing = false;
	set_mode(v);
	ui_message(ui, false, "The list of methods was left as it was");
	return UI_REDRAW;
}

static int mf_field(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	(void)ui;
	m->here = m->here == M_NAME ? M_FORMALITY : M_NAME;
	set_mode(v);
	return UI_REDRAW;
}

static int mf_choose(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	(void)ui;
	m->formality = (m->formality + 1) % 3;
	return UI_REDRAW;
}

static int mf_choose_back(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	(void)ui;
	m->formality = (m->formality + 2) % 3;
	return UI_REDRAW;
}

/* ---- the list's keys ---- */

static int ml_move(struct view *v, struct ui *ui, long delta)
{
	struct pb_error e = {0};
	if (listview_move(((struct methods *)v->priv)->lv, delta, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
	return UI_REDRAW;
}

static int ml_down(struct view *v, struct ui *ui)
{
	return ml_move(v, ui, 1);
}

static int ml_up(struct view *v, struct ui *ui)
{
	return ml_move(v, ui, -1);
}

static int ml_new(struct view *v, struct ui *ui)
{
	return open_form(v, ui, NULL);
}

static int ml_edit(struct view *v, struct ui *ui)
{
	const struct listview_row *row = listview_selected(((struct methods *)v->priv)->lv);
	if (!row) {
		ui_message(ui, false, "No method is selected");
		return UI_REDRAW;
	}
	return open_form(v, ui, row);
}

static int ml_undo(struct view *v, struct ui *ui)
{
	return work_open(ui, WORK_UNDO, 0, &((struct methods *)v->priv)->work);
}

static int ml_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_RELOAD | UI_REDRAW;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Move down", ml_down, UI_MODE_LIST},
	{"up", 'k', {KEY_UP}, "move", "Move up", ml_up, UI_MODE_LIST},
	{"new", 'n', {'a'}, "new", "Add a method to the list", ml_new, UI_MODE_LIST},
	{"rename", 'e', {'r', '\r', '\n', KEY_ENTER}, "rename", "Rename the method, or say whether it is formal", ml_edit, UI_MODE_LIST},
	{"undo", 'z', {0}, "undo", "Undo the last change made in this session (asks first)", ml_undo, UI_MODE_LIST},
	{"back", 27, {KEY_LEFT}, "back", "Back to the engagement records", ml_back, UI_MODE_LIST},
	{"save", KEY_F(2), {CTRL('S'), '\r', '\n', KEY_ENTER}, "save", "Save the method", mf_save, UI_MODE_TEXT | UI_MODE_CHOICE},
	{"next-field", '\t', {KEY_BTAB, KEY_DOWN, KEY_UP}, "field", "The name, or whether it is formal", mf_field, UI_MODE_TEXT | UI_MODE_CHOICE},
	{"next-value", KEY_RIGHT, {' '}, "choose", "Formal, informal or other", mf_choose, UI_MODE_CHOICE},
	{"prev-value", KEY_LEFT, {0}, NULL, "The other way", mf_choose_back, UI_MODE_CHOICE},
	{"cancel", 27, {0}, "cancel", "Close the form, saving nothing", mf_cancel, UI_MODE_TEXT | UI_MODE_CHOICE},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* Text into the name while the form is open; other letters are answered with how to choose. */
static int mt_key(struct view *v, struct ui *ui, int key)
{
	struct methods *m = v->priv;
	if (!m->editing)
		return 0;
	if (m->here == M_FORMALITY) { /* letters are not commands while the form is open */
		if (key > ' ' && key < 0x7f && key != '?') {
			snprintf(m->error, sizeof m->error, "Left/Right or Space choose formal, informal or other; Tab goes back to the name.");
			return UI_HANDLED | UI_REDRAW;
		}
		return 0;
	}
	ui->editor = &m->name;
	int r = editor_key(v, ui, key);
	if (r && m->name.changed)
		m->error[0] = '\0';
	return r;
}

/* ---- view operations ---- */

static int mt_init(struct view *v, struct ui *ui, const void *arg)
{
	struct methods *m = calloc(1, sizeof *m);
	struct listview_source src = {source_count, source_fetch, m};
	(void)arg;
	if (m)
		m->lv = listview_new(columns, NCOLS, src, "No methods yet: n adds one");
	if (!m || !m->lv || !editor_init(&m->name, NULL, false, 120)) {
		if (m)
			listview_free(m->lv);
		free(m);
		ui_message(ui, true, "Out of memory opening the methods");
		return PB_FAIL;
	}
	v->priv = m;
	m->ui = ui;
	set_mode(v);
	mt_refresh(v, ui);
	return PB_OK;
}

static void mt_resize(struct view *v, struct ui *ui)
{
	struct methods *m = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(m->lv, v->area.h - FORM_LINES, v->area.w, &e) != PB_OK)
		ui_message(ui, true, "%s", e.msg);
}

static void mt_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct methods *m = v->priv;
	struct ui_rect r = {v->area.y + v->area.h - FORM_LINES, v->area.x, FORM_LINES, v->area.w};
	char choice[80];
	listview_draw(m->lv, w, v->area.y, v->area.x, ui, !m->editing && v->focused);
	if (!m->editing) {
		ui_hline(ui, w, r.y, r.x, r.w);
		work_note(ui, w, r.y + 1, r.x + 1, r.w - 2, 3,
			  "The tenant engagement policy's formal methods (scrutiny, panels …), its informal ones (walkabouts,"
			  " pop-ups …) and the others. n adds one; e renames one, and the records using it follow.", UI_DIM);
		return;
	}
	work_frame(ui, w, r, m->edit_id ? " Rename the method " : " A new method ");
	work_field_label(ui, w, r.y + 1, r.x + 2, "Name", m->here == M_NAME);
	work_field_label(ui, w, r.y + 2, r.x + 2, "Formality", m->here == M_FORMALITY);
	snprintf(choice, sizeof choice, "%s %s %s", m->here == M_FORMALITY ? "<" : " ", formalities[m->formality],
		 m->here == M_FORMALITY ? ">" : "");
	ui_put(w, r.y + 2, r.x + 13, 14, choice, m->here == M_FORMALITY ? ui_attr(ui, UI_SELECTION) : A_NORMAL, false);
	if (*m->error)
		work_note(ui, w, r.y + 3, r.x + 2, r.w - 4, 2, m->error, UI_ERROR);
	else
		work_note(ui, w, r.y + 3, r.x + 2, r.w - 4, 2, "Enter saves; Tab goes between the name and the formality; Esc closes",
			  UI_DIM);
	editor_draw(&m->name, ui, w, (struct ui_rect){r.y + 1, r.x + 15, 1, r.w - 17}, m->here == M_NAME ? ui_attr(ui, UI_SELECTION) : A_UNDERLINE,
		    m->here == M_NAME, NULL);
}

static void mt_free(struct view *v)
{
	struct methods *m = v->priv;
	if (!m)
		return;
	if (m->ui && m->ui->editor == &m->name)
		m->ui->editor = NULL;
	editor_free(&m->name);
	listview_free(m->lv);
	free(m);
	v->priv = NULL;
}

static void mt_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct methods *m = v->priv;
	const struct listview_row *row = listview_selected(m->lv);
	(void)ui;
	snprintf(f->where, sizeof f->where, "Engagement");
	snprintf(f->title, sizeof f->title, "Methods of engagement");
	snprintf(f->count, sizeof f->count, "%ld", listview_count(m->lv));
	f->filter[0] = '\0';
	if (m->editing)
		snprintf(f->info, sizeof f->info, "%s", m->edit_id ? "Renaming: the records using it follow" : "A new method");
	else if (row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	f->position[0] = '\0';
	if (listview_count(m->lv) > 0)
		snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(m->lv) + 1, listview_count(m->lv));
}

const struct view_ops view_methods = {
	.name = "Methods of engagement",
	.keys = keys,
	.init = mt_init,
	.draw = mt_draw,
	.key = mt_key,
	.resize = mt_resize,
	.free = mt_free,
	.frame = mt_frame,
	.reload = mt_refresh,
	.extra_keys = editor_keys,
	.cursor = true,
};
