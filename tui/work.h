/* work.h — working through actions: what the keys u d r t c e n z h open on the selected action (the list and the
 * action in full share them), saving a change as one undoable step, and what the forms share on screen. */
#ifndef PB_WORK_H
#define PB_WORK_H

#include <stdbool.h>

#include "store/store.h"
#include "tui/ui.h"
#include "tui/view_editor.h"

/* The keys, as letters. */
enum work_kind {
	WORK_NOTE = 'u',     /* add a progress update */
	WORK_REDATE = 'd',   /* revise the target date */
	WORK_RAG = 'r',	     /* set the RAG */
	WORK_STATUS = 't',   /* set the status */
	WORK_COMPLETE = 'c', /* complete it */
	WORK_EDIT = 'e',     /* edit its fields and owners */
	WORK_NEW = 'n',	     /* a new action in its plan and section */
	WORK_UNDO = 'z',     /* undo the last change of this session */
	WORK_HISTORY = 'h',  /* its audit trail */
};

/* A yes/no question (view_confirm): run is called on yes and returns ui_result flags. */
struct confirm_request {
	char title[64], question[1024], yes[32];
	int (*run)(struct ui *ui, const void *ctx);
	const void *ctx;
};

/* What a form works on. The view that opens one keeps it (it must outlive the form's init): the action, and the
 * requests of the editor and the question, which need a home. */
struct work_arg {
	long id;	     /* the action, 0 for none */
	enum work_kind kind; /* what was asked for */
	struct editor_request note;
	char title[200], about[700], footer[300];
	struct confirm_request confirm;
};

/* Opens what kind asks for on action id (0 when none is selected), keeping what it needs in arg; a change is
 * refused with a message when the database is read-only. Returns ui_result flags. */
int work_open(struct ui *ui, enum work_kind kind, long id, struct work_arg *arg);

/* A change to the action *id, made inside work_save's transaction (a new action sets *id); returns a pb_status
 * and fills e. */
typedef int (*work_change_fn)(struct store *s, long *id, const void *ctx, struct pb_error *e);
/* Saves change to action id (0: a new one) as one undoable step named what ("SQ5: RAG set to RED"): on success
 * the status line says what was saved and that z undoes it, and ui->saved_id tells the list to move on. Returns a
 * pb_status; on failure e says why and nothing was written. */
int work_save(struct ui *ui, long id, const char *what, work_change_fn change, const void *ctx, struct pb_error *e);

/* "SQ5 Implement Total Mobile…": the ref and the title cut to width columns. */
void work_label(const struct action_detail *d, int width, char *out, size_t len);
/* "31 May 2026" from an ISO date; the text itself when it is not one ("none" when empty). */
void work_human(const char *iso, char *out, size_t len);

/* A box of w x h cells in the middle of v's area (made smaller to fit). */
struct ui_rect work_box(const struct view *v, int w, int h);
/* Clears r and draws its frame with title in the top edge. */
void work_frame(const struct ui *ui, WINDOW *w, struct ui_rect r, const char *title);
/* Text wrapped over at most lines lines from (y, x), width columns wide, in style (the last line ends in "…" when
 * it goes on): the tip or the error under a form. */
void work_note(const struct ui *ui, WINDOW *w, int y, int x, int width, int lines, const char *text, int style);
/* A field's label at (y, x) in the style of labels, 11 columns wide. */
void work_field_label(const struct ui *ui, WINDOW *w, int y, int x, const char *label, bool here);

#endif
