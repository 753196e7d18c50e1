/* update.h — the officer's changes beyond those in store.h: the quarter label updates are tagged with, editing an
 * action's fields and owners, a new action with its ref, and undoing this session's changes step by step
 * (store/undo.c). Every change is one audited transaction; functions that fail return a pb_status and fill e. */
#ifndef PB_STORE_UPDATE_H
#define PB_STORE_UPDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* Today's quarter as the database's setting quarter.scheme writes it: "2026/27 Q1" (financial, the default) or
 * "2026 Q2" (calendar); a setting that is neither is an error naming it. */
int store_quarter_label(struct store *s, char *out, size_t outlen, struct pb_error *e);

/* The fields of an action an officer edits, given all at once: NULL or "" leaves a field empty (the title may not
 * be). Leading and trailing white space is dropped. owners: names separated by ';', each any spelling or alias of
 * a known officer, first the lead. section: a section code of the action's plan, NULL or "" for none. */
struct action_edit {
	const char *title, *description, *measure, *target, *outcome, *owners, *section;
};

/* Sets the fields of action id; only what differs is written (and so audited). */
int store_edit_action(struct store *s, long id, const struct action_edit *f, struct pb_error *e);
/* Adds an action to plan after the last one of its section, status "to be started": ref must not be taken in the
 * plan (in any case); due (NULL or "": none) is read as a target date (core/when.h). *id gets the new action's id. */
int store_new_action(struct store *s, const char *plan, const char *ref, const struct action_edit *f, const char *due,
		     long *id, struct pb_error *e);
/* The ref to suggest for a new action in section (a code of plan; NULL or "": the plan): the section's highest ref
 * (else its parent's, else the plan's) with its number raised until no action of the plan has it ("SQ14" → "SQ15";
 * "2.7" → "2.33" when 2.8 to 2.32 are taken); with no ref to follow, the section code's letters and 1. */
int store_next_ref(struct store *s, const char *plan, const char *section, char *out, size_t outlen, struct pb_error *e);

/* ---- undo: the changes made through this store handle (this session), newest first (store/undo.c) ----
 * A recorded change is a transaction between store_undo_begin and store_undo_end around any of the changes to one
 * action. It keeps how the action, its owners, target-date revisions and progress updates were before and after, so
 * an undo restores them exactly — or refuses, changing nothing, when they have been changed since by anyone else. */

/* Starts a recorded change of action_id (0 for a new action, whose id store_undo_end is given). */
int store_undo_begin(struct store *s, long action_id, struct pb_error *e);
/* Ends it: when status is PB_OK the change is committed and remembered as what (e.g. "SQ5: RAG set to RED");
 * otherwise everything since store_undo_begin is rolled back. *recorded (may be NULL) says whether anything
 * changed. Returns the final status. */
int store_undo_end(struct store *s, long action_id, const char *what, int status, bool *recorded, struct pb_error *e);
/* The change the next undo would undo: its action and what it was; false when there is none. */
bool store_undo_peek(struct store *s, long *action_id, char *what, size_t len);
/* How many changes can still be undone. */
int store_undo_count(struct store *s);
/* Undoes the newest remembered change in one audited transaction; *action_id (may be NULL) gets its action and
 * what what it was. PB_BAD_INPUT, undoing nothing, when there is nothing to undo or the action has been changed
 * since by someone else (the message names who and when). */
int store_undo(struct store *s, long *action_id, char *what, size_t len, struct pb_error *e);

#endif
