/* browse.h — what the workbench's action list shows (a view, the filter, the sort order, a search), and the
 * keys and `:` commands that change it; shared by the navigator, the list, the prompt and the filter form. */
#ifndef PB_BROWSE_H
#define PB_BROWSE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "tui/ui.h"

/* The views of the navigator, and search results. */
enum browse_kind { BROWSE_OVERDUE, BROWSE_DUE_SOON, BROWSE_MINE, BROWSE_ALL, BROWSE_SEARCH };

/* The filter as the user set it; "" and 0 mean any. Plan and section are where the list looks. */
struct browse_filter {
	long owner_id;
	char owner[128];
	char rag;	  /* 'R', 'A', 'G' or 'C': the set or the computed RAG is this */
	char status[32];  /* canonical status */
	char plan[32];	  /* plan code */
	char plan_title[200];
	long section_id;  /* a section of the plan, with the sections under it */
	char section[64], section_title[200];
	char due_from[DATE_ISO_LEN], due_to[DATE_ISO_LEN]; /* the current target date between these */
};

struct browse_state {
	enum browse_kind kind;
	enum action_sort sort;
	char search[256]; /* what was typed after / */
	struct browse_filter filter;
};

struct browse {
	struct browse_state cur;
	enum browse_kind before_kind; /* the view and sort Esc goes back to from a search */
	enum action_sort before_sort;
	struct store *store;
	long me_id;	 /* the officer "My actions" means (--as / PLANBENCH_USER), 0 when not an officer */
	char me[128];	 /* that officer's name */
	char who[128];	 /* the name the workbench was started as */
	int amber_days;	 /* "Due soon" is due within this many days: the Amber threshold of the RAG rules */
	unsigned gen;	 /* changes whenever cur changes */
	unsigned filter_gen; /* changes when cur.filter changes (the navigator's counts follow it) */
};

/* Starts on kind (or on plan, showing all its actions, when plan is a plan code); who is matched to an
 * officer through the aliases. A plan that does not exist is reported on ui's status line. */
void browse_init(struct browse *b, struct ui *ui, const char *who, enum browse_kind kind, const char *plan);

/* The store filter for the filter, shown as view kind; without where, the plan and section are left out.
 * The strings point into b: valid until b changes. */
void browse_store_filter(const struct browse *b, enum browse_kind kind, bool where, struct action_filter *f);
/* Whether a filter (not a search) narrows the list. */
bool browse_filtered(const struct browse *b);

/* "Overdue", "Due soon", "My actions", "All actions", "Search". */
const char *browse_kind_name(enum browse_kind kind);
/* "plan order", "due date", "days overdue", … */
const char *browse_sort_name(enum action_sort sort);
/* The header's title: the view and where it looks, e.g. "Overdue in SQ Safety and Quality". */
void browse_title(const struct browse *b, bool utf8, char *out, size_t outlen);
/* The header's filter: "owner Simon Parry, RAG R, due before 30 Sep 2026"; "" when none. */
void browse_describe(const struct browse *b, char *out, size_t outlen);

/* Changes; each returns ui_result flags (UI_RELOAD when the list changes) and puts problems on ui. */
int browse_set_kind(struct ui *ui, enum browse_kind kind);
/* Looks at one plan (section_id 0) or one section, or every plan (plan NULL), showing all their actions. */
int browse_goto(struct ui *ui, const char *plan, long section_id);
int browse_set_filter(struct ui *ui, const struct browse_filter *f);
int browse_clear(struct ui *ui);
int browse_cycle_sort(struct ui *ui);
/* A search starts (remembering the view to come back to), changes as typed, and is left with Esc. */
void browse_search_begin(struct browse *b);
int browse_search_set(struct ui *ui, const char *text);
int browse_search_cancel(struct ui *ui);

/* Reads a date as officers write it ("30/09/2026", "2026-09-30", "Sep-26") into out as YYYY-MM-DD; a month is its
 * first day when first (where a range or a plan starts), else its last, as a target; false with a message in err when
 * it is not one day, naming the date as what ("due-from date"). */
bool browse_parse_day(const char *text, bool first, const char *what, char out[DATE_ISO_LEN], char *err, size_t errlen);

/* Runs one command line ("owner Simon Parry", "sort due", "q"). */
int browse_run(struct ui *ui, const char *line);

#define BROWSE_MAX_CANDIDATES 48

/* What Tab can put in place of line[at..]: command names, officer names, plan codes, sort orders, … */
struct browse_completion {
	size_t at;
	bool command; /* the candidates are command names */
	int n;
	char cand[BROWSE_MAX_CANDIDATES][128];
};
int browse_complete(struct ui *ui, const char *line, struct browse_completion *c);
/* Candidates for a file name typed: the entries of its folder that begin with its last part (folders end in "/"),
 * sorted; hidden ones only when the part begins with a dot. */
void browse_complete_file(const char *typed, struct browse_completion *c);

/* One `:` command: how it is run, completed and explained on the help screen. */
struct browse_command {
	const char *name;
	const char *args; /* what may follow the name */
	const char *help;
	int complete;	  /* what Tab offers after it (browse.c) */
	int (*run)(struct ui *ui, const char *arg); /* returns ui_result flags */
};
extern const struct browse_command browse_commands[]; /* ended by a NULL name */

/* The keys of the browsing screen, whichever of the navigator and the list has the focus. */
extern const struct key_binding browse_keys[];

#endif
