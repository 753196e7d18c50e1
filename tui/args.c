/* args.c — the option parser every command shares; missing, empty, repeated, oversized or malformed values are usage errors (exit 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/text.h"
#include "tui/args.h"

#define ARGS_MAX_OPTS 64

/* Free text: long values, line breaks and tabs allowed, and "-" reads the text from standard input. */
static const char *const free_text[] = {"--note", "--notes", "--reason", "--search", "--title", "--description", "--summary",
					"--next-step", "--text", NULL};
/* File paths: bytes as the file system holds them, so not checked as UTF-8. */
static const char *const paths[] = {"--db", "-o", "--output", "--file", "--script", "--timings", NULL};

static char *stdin_text; /* the one value read from standard input */

static bool listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static const struct arg_opt *find(const struct arg_opt *opts, const char *name)
{
	for (; opts->name; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts;
	return NULL;
}

/* The option that word names ("--plan" or "--plan=X"), or NULL when it names none of opts. */
static const struct arg_opt *option_of(const struct arg_opt *opts, const char *word)
{
	char name[64];
	if (word[0] != '-' || word[1] == '\0')
		return NULL;
	size_t n = strcspn(word, "=");
	if (n >= sizeof name)
		return NULL;
	snprintf(name, sizeof name, "%.*s", (int)n, word);
	return find(opts, name);
}

static void free_stdin_text(void)
{
	free(stdin_text);
}

/* Reads an option's text from standard input (one trailing line break dropped); only one option may. */
static int read_stdin(const char *command, const char *name, const char **value, struct pb_error *e)
{
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	if (stdin_text)
		return pb_fail(e, PB_USAGE, "%s: only one value can be read from standard input (\"-\")", command);
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Type the text of %s, then press Ctrl-D on a new line:\n", name);
	while (b.len <= ARGS_TEXT_MAX && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_addn(&b, chunk, n);
	if (ferror(stdin)) {
		buf_free(&b);
		return pb_fail(e, PB_USAGE, "%s: could not read %s from standard input", command, name);
	}
	if (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	stdin_text = b.data ? b.data : calloc(1, 1);
	atexit(free_stdin_text);
	*value = stdin_text ? stdin_text : "";
	return PB_OK;
}

int args_check_value(const char *command, const char *name, const char *value, struct pb_error *e)
{
	const char *c = command ? command : "planbench", *sep = ": ";
	bool text = listed(free_text, name), path = listed(paths, name);
	/* --as names the author in the audit trail, which keeps up to 127 bytes. */
	size_t len = strlen(value), max = text ? ARGS_TEXT_MAX : strcmp(name, "--as") == 0 ? 120 : ARGS_VALUE_MAX;
	if (len == 0)
		return pb_fail(e, PB_USAGE, "%s%s%s needs a value, but it was empty", c, sep, name);
	if (len > max)
		return pb_fail(e, PB_USAGE, "%s%s%s is too long (at most %zu bytes)", c, sep, name, max);
	if (!path && !text_valid_utf8(value, len))
		return pb_fail(e, PB_USAGE, "%s%s%s is not valid UTF-8 text; check the terminal's or file's encoding", c, sep, name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		bool layout = *p == '\n' || *p == '\t' || *p == '\r';
		if ((*p < 0x20 && !(text && layout)) || *p == 0x7f)
			return pb_fail(e, PB_USAGE, "%s%s%s holds a control character (byte %u at position %zu); remove it", c, sep,
				       name, *p, (size_t)(p - (const unsigned char *)value) + 1);
	}
	return PB_OK;
}

/* Takes the value of option o from "--name=value" or the next word. */
static int take_value(int argc, char **argv, int *i, const struct arg_opt *opts, const struct arg_opt *o, const char *command,
		      struct pb_error *e)
{
	const char *eq = strchr(argv[*i], '='), *v;
	if (eq)
		v = eq + 1;
	else if (*i + 1 < argc && !option_of(opts, argv[*i + 1]))
		v = argv[++*i];
	else
		return pb_fail(e, PB_USAGE, "%s: %s needs a value", command, o->name);
	if (strcmp(v, "-") == 0 && listed(free_text, o->name) && read_stdin(command, o->name, &v, e) != PB_OK)
		return e->status;
	if (args_check_value(command, o->name, v, e) != PB_OK)
		return e->status;
	*o->value = v;
	return PB_OK;
}

/* The message for an unknown option: the options command takes, so the right one can be seen at once. */
static int unknown_option(const struct arg_opt *opts, const char *word, const char *command, struct pb_error *e)
{
	char names[512] = "";
	size_t len = 0, n = strcspn(word, "=");
	for (const struct arg_opt *o = opts; o->name && len < sizeof names; o++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", o == opts ? "" : !o[1].name ? " and " : ", ",
					o->name);
	return pb_fail(e, PB_USAGE, "%s: unknown option %.*s%s; it takes %s (`planbench %s --help` says what they do)",
		       command, n > 40 ? 40 : (int)n, word, n > 40 ? "…" : "", *names ? names : "none", command);
}

int args_parse(int argc, char **argv, const struct arg_opt *opts, const char **pos, int maxpos, int *npos,
	       const char *command, struct pb_error *e)
{
	bool words_only = false, seen[ARGS_MAX_OPTS] = {false};
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!words_only && strcmp(a, "--") == 0) {
			words_only = true;
			continue;
		}
		if (!words_only && a[0] == '-' && a[1] != '\0') {
			const struct arg_opt *o = option_of(opts, a);
			size_t n = strcspn(a, "=");
			if (!o)
				return unknown_option(opts, a, command, e);
			if (o->flag && a[n] == '=')
				return pb_fail(e, PB_USAGE, "%s: %s takes no value", command, o->name);
			if (o - opts < ARGS_MAX_OPTS && seen[o - opts] && !o->flag)
				return pb_fail(e, PB_USAGE, "%s: %s is given twice; give it once", command, o->name);
			if (o - opts < ARGS_MAX_OPTS)
				seen[o - opts] = true;
			if (o->flag)
				*o->flag = true;
			else if (take_value(argc, argv, &i, opts, o, command, e) != PB_OK)
				return e->status;
			continue;
		}
		if (!*a)
			return pb_fail(e, PB_USAGE, "%s: an empty word was given; `planbench %s --help` shows the usage", command, command);
		if (*npos == maxpos)
			return pb_fail(e, PB_USAGE, "%s: unexpected \"%.40s%s\"; `planbench %s --help` shows the usage", command, a,
				       strlen(a) > 40 ? "…" : "", command);
		pos[(*npos)++] = a;
	}
	return PB_OK;
}
