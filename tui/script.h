/* script.h — `planbench --script FILE`: keystrokes read from a file, replayed against the workbench on an off-screen
 * terminal, the final screen printed as text; optionally the time each key took, for the benchmark. */
#ifndef PB_SCRIPT_H
#define PB_SCRIPT_H

#include <curses.h>
#include <stdio.h>

#include "core/error.h"

/* What script_next_key returns when every key has been given. */
#define SCRIPT_END (-2)

/* The off-screen terminal's size when --size is not given. */
#define SCRIPT_COLS 80
#define SCRIPT_LINES 24

struct script;

/* Reads and checks the whole script before anything runs: PB_USAGE naming the file, the line and what to write
 * instead for a line that is not a key, text or a resize; PB_USAGE for a file that cannot be read. size is
 * "COLSxLINES" or NULL for 80x24. *out is freed with script_free. */
int script_load(const char *path, const char *size, struct script **out, struct pb_error *e);
void script_free(struct script *s);

/* Checks "COLSxLINES" (--size); PB_USAGE naming what is wrong. */
int script_parse_size(const char *text, int *cols, int *lines, struct pb_error *e);

/* Starts the clock the first frame is timed from (call before the database is opened). */
void script_start_clock(struct script *s);

/* A curses screen for the script: the built-in xterm-256color description, its output thrown away, no input read,
 * at the script's size. NULL with e filled when curses cannot start. */
SCREEN *script_screen(struct script *s, struct pb_error *e);

/* The next key for the main loop (a KEY_RESIZE after the off-screen terminal has been resized), or SCRIPT_END.
 * Each call also ends the timing of the key before it (its handling and drawing are done by then). */
int script_next_key(struct script *s);

/* Keeps what scr shows (curscr after the last doupdate), each line as UTF-8 with trailing spaces trimmed. */
void script_capture(struct script *s, WINDOW *scr);
/* Prints the captured screen, one line each. */
void script_print_screen(const struct script *s, FILE *out);
/* When the workbench quit before the script's end: the line it quit on (and says so on err); else 0. */
int script_unused(const struct script *s, FILE *err);
/* Writes each key's time as CSV (line,key,ms; line 0 is opening the database to the first frame). PB_FAIL naming
 * the file when it cannot be written. */
int script_write_timings(const struct script *s, const char *path, struct pb_error *e);

#endif
