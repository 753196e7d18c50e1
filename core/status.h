/* status.h — an action's status, canonical names and the ways trackers write them. */
#ifndef PB_STATUS_H
#define PB_STATUS_H

/* "In Progress", "in_progress", "COMPLETE", "Not started" … → canonical name, or NULL if not a status. */
const char *status_canonical(const char *text);
/* "in_progress" → "In progress" */
const char *status_label(const char *canonical);
/* The canonical names, NULL-terminated. */
extern const char *const status_names[];

#endif
