/* screens.c — the workbench's screens and shared key tables by the names key.VIEW.ACTION settings use. */
#include "tui/browse.h"
#include "tui/engagement_work.h"
#include "tui/keymap.h"
#include "tui/review.h"
#include "tui/view_ask.h"
#include "tui/view_editor.h"
#include "tui/workbench.h"

/* Each screen's VIEW name and what it is, in the order `planbench settings --keys` and this file list them. */
static const struct {
	const char *name, *about;
	const struct view_ops *ops;
} screens[] = {
	{"list", "the action list", &view_actions},
	{"nav", "the navigator", &view_nav},
	{"detail", "an action in full", &view_detail},
	{"search", "the / search and : command line", &view_prompt},
	{"filter", "the filter form", &view_filter},
	{"help", "the help screen", &view_help},
	{"editor", "the progress update editor", &view_editor},
	{"redate", "revising the target date", &view_redate},
	{"rag", "setting the RAG", &view_rag},
	{"status", "setting the status", &view_status},
	{"complete", "completing an action", &view_complete},
	{"edit", "editing an action", &view_edit},
	{"history", "an action's history", &view_history},
	{"confirm", "a yes/no question", &view_confirm},
	{"question", "a question with a typed answer", &view_ask},
	{"engagement", "the engagement records", &view_engagement},
	{"engagement-detail", "an engagement record in full", &view_engagement_detail},
	{"engagement-edit", "editing an engagement record", &view_engagement_edit},
	{"engagement-filter", "the engagement records' filter", &view_engagement_filter},
	{"link", "linking a record to actions", &view_engagement_link},
	{"summary", "the engagement summary", &view_engagement_summary},
	{"methods", "the methods of engagement", &view_methods},
	{"report", "the RAG report", &view_report},
	{"reviews", "the one-to-one reviews", &view_reviews},
	{"review", "a review's agenda", &view_review},
	{"review-item", "an action in a review", &view_review_item},
	{"review-new", "starting a review", &view_review_new},
	{"review-record", "recording an action at a review", &view_review_record},
	{"import", "importing a tracker", &view_import},
	{"sync", "change sets to and from other laptops", &view_sync},
};
#define NSCREENS (int)(sizeof screens / sizeof screens[0])
#define NSHARED 3

/* Whether the screen is the browsing screen, whose keys browse_keys adds to (as the workbench dispatches them). */
static bool browsing(const struct view_ops *ops)
{
	return ops == &view_actions || ops == &view_nav;
}

const struct keymap_catalogue *keymap_workbench(void)
{
	static struct keymap_view views[NSHARED + NSCREENS];
	static struct keymap_screen used[NSCREENS];
	static struct keymap_catalogue c;
	if (c.nviews)
		return &c;
	views[0] = (struct keymap_view){"global", "every screen", {workbench_keys[0], workbench_keys[1], workbench_keys[2], NULL}};
	views[1] = (struct keymap_view){"browse", "the navigator and the action list", {browse_keys, NULL}};
	views[2] = (struct keymap_view){"text", "typing text in any field", {ui_edit_keys, editor_keys, NULL}};
	for (int i = 0; i < NSCREENS; i++) {
		const struct view_ops *ops = screens[i].ops;
		int n = 0;
		views[NSHARED + i] = (struct keymap_view){screens[i].name, screens[i].about, {ops->keys, NULL}};
		used[i].name = screens[i].name;
		used[i].tables[n++] = ops->keys;
		if (ops->extra_keys)
			used[i].tables[n++] = ops->extra_keys;
		if (browsing(ops))
			used[i].tables[n++] = browse_keys;
		for (const struct key_binding *const *t = workbench_keys; *t; t++)
			used[i].tables[n++] = *t;
		used[i].tables[n] = NULL;
	}
	c = (struct keymap_catalogue){views, NSHARED + NSCREENS, used, NSCREENS};
	return &c;
}
