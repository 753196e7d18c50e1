/* view_editor.h — the text editor every form uses (a multi-line UTF-8 field, word-wrapped by display width), and
 * the full editor view for notes that opens with a request saying what the text is and how to save it. */
#ifndef PB_VIEW_EDITOR_H
#define PB_VIEW_EDITOR_H

#include <stdbool.h>

#include "core/textedit.h"
#include "tui/ui.h"

/* A text field: the text and cursor (core/textedit.h), and its lines wrapped for the width it was last drawn at. */
struct editor {
	struct textedit t;
	bool multiline;	  /* Enter starts a new line; else a newline typed or pasted becomes a space */
	bool changed;	  /* typed into since it was filled */
	int width;	  /* the width the lines were made for (0: not drawn yet) */
	struct textedit_line *lines;
	size_t nlines, cap;
	bool stale;	  /* the text changed since the lines were made */
	size_t top;	  /* the first line shown */
	int rows;	  /* lines shown when last drawn */
};

/* Starts a field holding text (NULL: empty) of at most max bytes (0: TEXTEDIT_MAX); false when out of memory. */
bool editor_init(struct editor *ed, const char *text, bool multiline, size_t max);
void editor_free(struct editor *ed);
/* The text; valid until the field changes. */
const char *editor_text(const struct editor *ed);
/* Puts text in the field (cursor at its end), as if it had been filled, not typed. */
void editor_set(struct editor *ed, const char *text);
/* Whether there is nothing in it but white space. */
bool editor_blank(const struct editor *ed);
/* Line and column of the cursor, counted from 1 (lines as written, columns as shown). */
void editor_position(const struct editor *ed, int *line, int *col);

/* A key for the field ui->editor: text goes in (a byte at a time: UTF-8 arrives so), editing keys edit; returns
 * ui_result flags, 0 when the key is not for the text. */
int editor_key(struct view *v, struct ui *ui, int key);
/* Draws the field in r, wrapped at r.w - 1 columns (one is kept for the cursor) and scrolled so the cursor shows;
 * with focus it leaves the terminal cursor there (draw it last). Blank and unfocused, it shows placeholder. */
void editor_draw(struct editor *ed, const struct ui *ui, WINDOW *w, struct ui_rect r, attr_t attr, bool focus,
		 const char *placeholder);

/* Draws n fields at their places at[i], each showing placeholder[i] when blank (placeholder may be NULL), the
 * focused one (here) last, in the selection style, so that the terminal cursor stays in it. */
void editor_draw_fields(struct editor *field, int n, int here, const struct ui *ui, WINDOW *w, const struct ui_rect *at,
			const char *const *placeholder);
/* Esc on a form of n fields: true when it should only warn, as something was typed and no warning was given since
 * (*warned is then set; the form clears it when more is typed); false when the form may close. */
bool editor_esc_warns(const struct editor *field, int n, bool *warned);
/* What a form says on the first Esc after typing. */
#define EDITOR_ESC_WARNING "Esc again throws away what you typed; F2 saves it."
/* Frees n editors (those never started too); ui (when given) no longer edits one of them. */
void editor_release(struct editor *field, int n, struct ui *ui);

/* A form's fields: n editors, and the text each held when the form was filled (was), for what changed. */
struct editor_fields {
	struct editor *field;
	char **was;
	int n;
};
/* Starts the n fields, each multi-line when multi(i) and of at most max(i) bytes; false when out of memory (then
 * editor_fields_free). */
bool editor_fields_init(const struct editor_fields *fs, bool (*multi)(int), size_t (*max)(int));
/* Notes what each field holds as what it was, and clears their changed marks: the form is filled. */
void editor_fields_filled(const struct editor_fields *fs);
/* Whether field i holds something other than what it was. */
bool editor_field_differs(const struct editor_fields *fs, int i);
/* Frees the fields and what they were; ui (when given) no longer edits one of them. */
void editor_fields_free(const struct editor_fields *fs, struct ui *ui);

/* The editing keys of a field; they act on ui->editor (UI_MODE_TEXT, and UI_MODE_LINES for the multi-line ones). */
extern const struct key_binding editor_keys[];

/* What the editor view edits, and how it saves: save returns a pb_status and fills e; on failure the text stays
 * on screen with the message. The request and its strings must outlive the view's init. */
struct editor_request {
	const char *title;	/* in the frame: "Progress update · SQ5" */
	const char *about;	/* a line above the text: what it is about */
	const char *footer;	/* a line below it: how it will be saved ("Saved as 2026/27 Q1 by Simon Parry") */
	const char *initial;	/* the text to start from (NULL: empty) */
	int (*save)(struct ui *ui, const void *ctx, const char *text, struct pb_error *e);
	const void *ctx;
};

#endif
