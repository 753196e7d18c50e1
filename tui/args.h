/* args.h — command-line options: `--name value`, `--flag`, and positional words. */
#ifndef PB_ARGS_H
#define PB_ARGS_H

#include <stdbool.h>
#include "core/error.h"

struct arg_opt {
	const char *name;   /* "--plan", "-o" */
	const char **value; /* set for options that take a value */
	bool *flag;	    /* set for options that do not */
};

/* Parses argv[0..argc) against opts (NULL-name terminated); positional words go to
 * pos (at most maxpos). An unknown option, a missing value or too many words is PB_USAGE. */
int args_parse(int argc, char **argv, const struct arg_opt *opts, const char **pos, int maxpos, int *npos,
	       const char *command, struct pb_error *e);

#endif
