/* view_ask.h — a one-line question over the screen (a snapshot's label, a plan's code, a column's field): the text is
 * typed with the usual editing keys, Enter hands it to the asker, Esc closes doing nothing. */
#ifndef PB_VIEW_ASK_H
#define PB_VIEW_ASK_H

#include <stddef.h>

#include "tui/ui.h"

/* What is asked and what Enter does. The request and its strings must outlive the view (the asker keeps them). */
struct ask_request {
	const char *title;    /* in the frame */
	const char *question; /* above the field; wrapped */
	const char *initial;  /* the text to start from, NULL for none */
	const char *hint;     /* under the field, dim */
	/* Enter: returns ui_result flags (UI_BACK closes the box, and UI_OPEN may open the next question); to keep the box
	 * open with a message, it fills err and returns without UI_BACK. */
	int (*submit)(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen);
	/* Tab (may be NULL): puts in out the text completed as far as the candidates agree, and in shown the candidates. */
	void (*complete)(void *ctx, const char *typed, char *out, size_t outlen, char *shown, size_t shownlen);
	void *ctx;
};

extern const struct view_ops view_ask; /* arg: const struct ask_request * */

#endif
