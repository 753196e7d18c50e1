/* terminfo.h — making sure curses finds a description of the user's terminal. */
#ifndef PB_TERMINFO_H
#define PB_TERMINFO_H

#include <stddef.h>
#include "core/error.h"

/* When the system has no description for $TERM, writes the closest built-in one
 * (same family: xterm*, screen*, tmux*, linux, vt*) into a private temporary folder
 * and points TERMINFO (and TERM, if it had to substitute) at it. dir receives that
 * folder ("" when nothing was needed) for terminfo_cleanup. */
int terminfo_ensure(char *dir, size_t dirlen, struct pb_error *e);
void terminfo_cleanup(const char *dir);

#endif
