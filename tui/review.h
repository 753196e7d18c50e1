/* review.h — one-to-one reviews in the workbench: starting one by officer name (the `:review` command, the Reviews
 * screen), the screens of a review, and what they share. */
#ifndef PB_TUI_REVIEW_H
#define PB_TUI_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/review.h"
#include "store/review.h"
#include "tui/ui.h"

/* view_reviews (the list of reviews, opened from the navigator) is declared in tui/ui.h. */
extern const struct view_ops view_review_new;	 /* view_review_new.c: whose review to start; arg: NULL */
extern const struct view_ops view_review;	 /* view_review.c: a review's agenda; arg: const long * review id */
extern const struct view_ops view_review_item;	 /* view_review_item.c: one action of it; arg: struct review_place * */
extern const struct view_ops view_review_record; /* view_review_record.c: notes, next step, new date; arg: struct review_place * */

/* Where in a review the action screens are; the agenda keeps it, the action screen moves it, the form asks it to. */
struct review_place {
	long review_id;
	long position; /* the action's place in the agenda, from 1 */
	long items;    /* how many actions the agenda holds */
	bool finished; /* the review is finished: nothing can be recorded */
	bool advance;  /* the form saved with "save and next": the action screen moves on */
};

/* Starts (or resumes) the review of the officer called name (any spelling, or an alias such as "HoHH") and opens its
 * agenda; "" opens the form that asks whose. Returns ui_result flags; problems go to the status line. */
int review_open_officer(struct ui *ui, const char *name);

/* Writes the sheet of review_id as a new file in the current folder ("review-simon-parry-2026-06-09.md", never
 * replacing one); path gets its name. */
int review_export(struct ui *ui, long review_id, enum review_format format, char *path, size_t len, struct pb_error *e);

/* "31 May 2026" from an ISO date; the text itself when it is not one. */
void review_human(const char *iso, char *out, size_t len);
/* The state of an action in a review as one mark: "✓" discussed, "–" not discussed, "·" to take ("v", "-", "." without
 * UTF-8); "" outside a review. */
const char *review_state_mark(enum review_state s, bool utf8);

#endif
