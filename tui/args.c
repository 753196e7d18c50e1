/* args.c — a small option parser shared by every command. */
#include <stdio.h>
#include <string.h>

#include "tui/args.h"

static const struct arg_opt *find(const struct arg_opt *opts, const char *name)
{
	for (; opts->name; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts;
	return NULL;
}

int args_parse(int argc, char **argv, const struct arg_opt *opts, const char **pos, int maxpos, int *npos,
	       const char *command, struct pb_error *e)
{
	bool words_only = false;
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!words_only && strcmp(a, "--") == 0) {
			words_only = true;
			continue;
		}
		if (!words_only && a[0] == '-' && a[1] != '\0') {
			char name[64];
			const char *eq = strchr(a, '=');
			size_t n = eq ? (size_t)(eq - a) : strlen(a);
			snprintf(name, sizeof name, "%.*s", (int)n, a);
			const struct arg_opt *o = find(opts, name);
			if (!o)
				return pb_fail(e, PB_USAGE, "%s: unknown option %s; `planbench %s --help` lists the options", command, name, command);
			if (o->flag) {
				*o->flag = true;
			} else if (eq) {
				*o->value = eq + 1;
			} else if (i + 1 < argc) {
				*o->value = argv[++i];
			} else {
				return pb_fail(e, PB_USAGE, "%s: %s needs a value", command, name);
			}
			continue;
		}
		if (*npos == maxpos)
			return pb_fail(e, PB_USAGE, "%s: unexpected \"%s\"; `planbench %s --help` shows the usage", command, a, command);
		pos[(*npos)++] = a;
	}
	return PB_OK;
}
