/* view_prompt.c — the line at the bottom where `/` searches as you type and `:` runs a command by name, with
 * Tab completion (commands, officer names, plan codes, …) and a history of the commands run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "tui/browse.h"
#include "tui/ui.h"

#define CTRL(c) ((c) & 0x1f)
#define HISTORY 32

/* Command lines run in this session, oldest first. */
static char history[HISTORY][512];
static int nhistory;

struct prompt {
	struct ui *ui;
	char kind; /* '/' or ':' */
	struct ui_edit ed;
	struct browse_completion comp; /* what Tab offered; shown above the line while n > 1 */
	int pick;		       /* the candidate Tab put in, -1 for none yet */
	bool cycling;		       /* Tab again puts in the next candidate */
	int hist;		       /* the history line shown, nhistory for the line being typed */
	char typed[512];	       /* the line being typed, kept while the history is shown */
};

/* ---- completion ---- */

/* Replaces what follows the completion point with text. */
static void put_candidate(struct prompt *p, const char *text, const char *after)
{
	char line[sizeof p->ed.text];
	snprintf(line, sizeof line, "%.*s%s%s", (int)p->comp.at, p->ed.text, text, after);
	ui_edit_set(&p->ed, line);
}

/* Bytes the candidates share at their start, ignoring case. */
static size_t common_prefix(const struct browse_completion *c)
{
	size_t n = strlen(c->cand[0]);
	for (int i = 1; i < c->n; i++) {
		size_t k = 0;
		while (k < n && c->cand[i][k] && strncasecmp(c->cand[i] + k, c->cand[0] + k, 1) == 0)
			k++;
		n = k;
	}
	while (n > 0 && ((unsigned char)c->cand[0][n] & 0xC0) == 0x80)
		n--; /* never half a character */
	return n;
}

/* Clears what Tab offered. */
static void forget_candidates(struct prompt *p)
{
	p->comp.n = 0;
	p->cycling = false;
	p->pick = -1;
}

/* ---- what typing does ---- */

/* After the text changed: a search runs again, a command line forgets its completions. */
static int edited(struct prompt *p, struct ui *ui)
{
	forget_candidates(p);
	p->hist = nhistory;
	if (p->kind == '/')
		return browse_search_set(ui, p->ed.text);
	return UI_REDRAW;
}

/* Printable bytes go into the line, editing keys change it; the rest is for the key table. */
static int prompt_key(struct view *v, struct ui *ui, int key)
{
	struct prompt *p = v->priv;
	char before[sizeof p->ed.text];
	snprintf(before, sizeof before, "%s", p->ed.text);
	int r = ui_edit_insert(&p->ed, key) ? UI_REDRAW | UI_HANDLED : ui_dispatch(ui_edit_keys, v, ui, key);
	if (r && strcmp(before, p->ed.text) != 0)
		r |= edited(p, ui);
	return r;
}

static int prompt_run(struct view *v, struct ui *ui)
{
	struct prompt *p = v->priv;
	if (p->kind == '/')
		return *p->ed.text ? UI_BACK | UI_TO_LIST : browse_search_cancel(ui) | UI_BACK;
	char *line = text_trim(p->ed.text);
	if (*line && (nhistory == 0 || strcmp(history[nhistory - 1], line) != 0)) {
		if (nhistory == HISTORY) {
			memmove(history[0], history[1], sizeof history[0] * (HISTORY - 1));
			nhistory--;
		}
		snprintf(history[nhistory++], sizeof history[0], "%s", line);
	}
	return browse_run(ui, line) | UI_BACK | UI_REDRAW;
}

static int prompt_cancel(struct view *v, struct ui *ui)
{
	struct prompt *p = v->priv;
	if (p->kind == '/')
		return browse_search_cancel(ui) | UI_BACK;
	return UI_BACK;
}

/* Tab: the only candidate, else what they share, then each in turn. */
static int prompt_complete(struct view *v, struct ui *ui)
{
	struct prompt *p = v->priv;
	if (p->cycling && p->comp.n > 1) {
		p->pick = (p->pick + 1) % p->comp.n;
		put_candidate(p, p->comp.cand[p->pick], "");
		return UI_REDRAW;
	}
	if (browse_complete(ui, p->ed.text, &p->comp) != PB_OK || *ui->message)
		return UI_REDRAW;
	if (p->comp.n == 0) {
		ui_message(ui, false, "Nothing to complete here");
		return UI_REDRAW;
	}
	if (p->comp.n == 1) {
		put_candidate(p, p->comp.cand[0], p->comp.command ? " " : "");
		forget_candidates(p);
		return UI_REDRAW;
	}
	char shared[128];
	size_t n = common_prefix(&p->comp);
	snprintf(shared, sizeof shared, "%.*s", (int)n, p->comp.cand[0]);
	if (strlen(shared) > strlen(p->ed.text + p->comp.at))
		put_candidate(p, shared, "");
	p->cycling = true;
	p->pick = -1;
	return UI_REDRAW;
}

/* Shows history line i (nhistory: the line that was being typed). */
static int show_history(struct prompt *p, int i)
{
	if (i < 0 || i > nhistory)
		return UI_REDRAW;
	if (p->hist == nhistory)
		snprintf(p->typed, sizeof p->typed, "%s", p->ed.text);
	p->hist = i;
	ui_edit_set(&p->ed, i == nhistory ? p->typed : history[i]);
	forget_candidates(p);
	return UI_REDRAW;
}

static int prompt_earlier(struct view *v, struct ui *ui)
{
	struct prompt *p = v->priv;
	(void)ui;
	return show_history(p, p->hist - 1);
}

static int prompt_later(struct view *v, struct ui *ui)
{
	struct prompt *p = v->priv;
	(void)ui;
	return show_history(p, p->hist + 1);
}

static const struct key_binding keys[] = {
	{"run", '\n', {'\r', KEY_ENTER}, "run", "Run the command", prompt_run, UI_MODE_COMPLETE},
	{"results", '\n', {'\r', KEY_ENTER}, "results", "Keep the results and go to the list", prompt_run, UI_MODE_SEARCH},
	{"complete", '\t', {0}, "complete", "Complete a command, officer, plan, sort …; again: next one", prompt_complete, UI_MODE_COMPLETE},
	{"earlier", KEY_UP, {CTRL('P')}, NULL, "The command run before", prompt_earlier, UI_MODE_COMPLETE},
	{"later", KEY_DOWN, {CTRL('N')}, NULL, "The command run after", prompt_later, UI_MODE_COMPLETE},
	{"cancel", 27, {0}, "cancel", "Close the command line", prompt_cancel, UI_MODE_COMPLETE},
	{"back", 27, {0}, "back", "Leave the search: back to the list as it was", prompt_cancel, UI_MODE_SEARCH},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- view operations ---- */

/* arg is "/" (search) or ":" (command line). */
static int prompt_init(struct view *v, struct ui *ui, const void *arg)
{
	struct prompt *p = calloc(1, sizeof *p);
	if (!p) {
		ui_message(ui, true, "Out of memory opening the %s", *(const char *)arg == '/' ? "search" : "command line");
		return PB_FAIL;
	}
	p->ui = ui;
	p->kind = *(const char *)arg;
	p->hist = nhistory;
	p->pick = -1;
	ui_edit_set(&p->ed, p->kind == '/' ? ui->browse->cur.search : "");
	v->priv = p;
	v->mode = UI_MODE_TEXT | (p->kind == '/' ? UI_MODE_SEARCH : UI_MODE_COMPLETE);
	ui->edit = &p->ed;
	return PB_OK;
}

/* The candidates Tab offered, on the line above the prompt, the one put in highlighted. */
static void draw_candidates(const struct prompt *p, const struct ui *ui, WINDOW *w, int y, int x, int width)
{
	int at = 1, shown = 0;
	ui_put(w, y, x, width, "", A_REVERSE, false);
	for (int i = 0; i < p->comp.n; i++) {
		int cw = text_width(p->comp.cand[i]);
		if (at + cw + 2 > width - 8)
			break;
		ui_put(w, y, x + at, cw, p->comp.cand[i], i == p->pick ? ui_attr(ui, UI_MATCH) : A_REVERSE, false);
		at += cw + 2;
		shown++;
	}
	if (shown < p->comp.n) {
		char more[32];
		snprintf(more, sizeof more, "+%d more", p->comp.n - shown);
		ui_put(w, y, x + at, width - at, more, A_REVERSE | A_BOLD, false);
	}
}

/* Draws the line in the status line's place (the view below keeps the screen above it). */
static void prompt_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct prompt *p = v->priv;
	int y = v->area.y + v->area.h;
	char lead[2] = {p->kind, 0};
	if (p->comp.n > 1)
		draw_candidates(p, ui, w, y - 1, v->area.x, v->area.w);
	ui_put(w, y, v->area.x, v->area.w, "", A_NORMAL, false);
	ui_put(w, y, v->area.x, 1, lead, A_BOLD, false);
	ui_edit_draw(w, y, v->area.x + 1, v->area.w - 2, &p->ed, A_NORMAL);
}

static void prompt_free(struct view *v)
{
	struct prompt *p = v->priv;
	if (!p)
		return;
	if (p->ui->edit == &p->ed)
		p->ui->edit = NULL;
	free(p);
	v->priv = NULL;
}

const struct view_ops view_prompt = {
	.name = "Search and command line",
	.keys = keys,
	.init = prompt_init,
	.draw = prompt_draw,
	.key = prompt_key,
	.resize = NULL,
	.free = prompt_free,
	.frame = NULL,
	.extra_keys = ui_edit_keys,
	.overlay = true,
	.cursor = true,
};
