/* args.h — command-line options: `--name value`, `--flag`, and positional words. */
#ifndef PB_ARGS_H
#define PB_ARGS_H

#include <stdbool.h>
#include "core/error.h"

/* The longest value an option takes (names, codes, dates, paths), and the longest free text (notes, reasons). */
#define ARGS_VALUE_MAX 1000
#define ARGS_TEXT_MAX (4 * 1024 * 1024)

struct arg_opt {
	const char *name;   /* "--plan", "-o" */
	const char **value; /* set for options that take a value */
	bool *flag;	    /* set for options that do not */
};

/* Parses argv[0..argc) against opts (NULL-name terminated); positional words go to
 * pos (at most maxpos). PB_USAGE, naming the option, for an unknown option, a missing, empty,
 * repeated, too long or malformed value (args_check_value), a value given to a flag, an empty word
 * or too many words. A free-text option (--note, --reason, …) given "-" reads its text from standard input. */
int args_parse(int argc, char **argv, const struct arg_opt *opts, const char **pos, int maxpos, int *npos,
	       const char *command, struct pb_error *e);

/* PB_USAGE when value is empty, longer than the option allows (ARGS_TEXT_MAX for free text, else
 * ARGS_VALUE_MAX), not UTF-8 (paths excepted) or holds control characters (free text may hold line
 * breaks and tabs). command prefixes the message; NULL for the global options. */
int args_check_value(const char *command, const char *name, const char *value, struct pb_error *e);

#endif
