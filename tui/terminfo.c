/* terminfo.c — terminal descriptions linked into the binary, for machines (or a lone static binary) that lack one for $TERM. */
#include <curses.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <term.h>
#include <unistd.h>

#include "tui/terminfo.h"

/* Entries: NUL-terminated name, 32-bit size, compiled description (see the Makefile). */
extern const char terminfo_blob[], terminfo_blob_end[];

struct family {
	const char *prefix, *entry;
};

static const struct family families[] = {
	{"xterm", "xterm-256color"}, {"screen", "screen-256color"}, {"tmux", "tmux-256color"},
	{"rxvt", "rxvt-unicode-256color"}, {"putty", "putty-256color"}, {"linux", "linux"},
	{"vt2", "vt220"}, {"vt1", "vt100"}, {"vt", "vt100"},
};

/* Finds the built-in entry called name; returns its bytes or NULL. */
static const char *builtin(const char *name, uint32_t *size)
{
	const char *p = terminfo_blob;
	while (p < terminfo_blob_end) {
		const char *entry = p;
		p += strlen(p) + 1;
		memcpy(size, p, sizeof *size);
		p += sizeof *size;
		if (strcmp(entry, name) == 0)
			return p;
		p += *size;
	}
	return NULL;
}

/* The built-in entry to use for term: itself, or its family's, or NULL. */
static const char *choose(const char *term)
{
	uint32_t size;
	if (builtin(term, &size))
		return term;
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
		if (strncmp(term, families[i].prefix, strlen(families[i].prefix)) == 0 && builtin(families[i].entry, &size))
			return families[i].entry;
	return NULL;
}

static bool system_knows(void)
{
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	del_curterm(cur_term);
	return true;
}

/* Writes the entry as dir/<first letter>/<name>, the layout curses reads. */
static int write_entry(const char *dir, const char *name, struct pb_error *e)
{
	char sub[600], path[700];
	uint32_t size = 0;
	const char *data = builtin(name, &size);
	snprintf(sub, sizeof sub, "%s/%c", dir, name[0]);
	snprintf(path, sizeof path, "%s/%s", sub, name);
	FILE *f = NULL;
	if (mkdir(sub, 0700) != 0 || !(f = fopen(path, "wb")) || fwrite(data, 1, size, f) != size) {
		int saved = errno;
		if (f)
			fclose(f);
		return pb_fail(e, PB_FAIL, "cannot write a terminal description to %s (%s)", path, strerror(saved));
	}
	return fclose(f) == 0 ? PB_OK : pb_fail(e, PB_FAIL, "cannot write %s", path);
}

int terminfo_ensure(char *dir, size_t dirlen, struct pb_error *e)
{
	const char *term = getenv("TERM");
	dir[0] = '\0';
	if (!term || !*term)
		return pb_fail(e, PB_FAIL, "TERM is not set, so the terminal is unknown; set TERM (e.g. TERM=xterm-256color) and try again");
	if (system_knows())
		return PB_OK;
	const char *name = choose(term);
	if (!name)
		return pb_fail(e, PB_FAIL, "this system has no description of the terminal TERM=%s, and none is built in; "
			       "set TERM=xterm-256color (or vt100) and try again", term);
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, dirlen, "%s/planbench-terminfo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		dir[0] = '\0';
		return pb_fail(e, PB_FAIL, "cannot make a temporary folder for the terminal description (%s)", strerror(errno));
	}
	if (write_entry(dir, name, e) != PB_OK) {
		terminfo_cleanup(dir);
		dir[0] = '\0';
		return e->status;
	}
	setenv("TERMINFO", dir, 1);
	if (strcmp(name, term) != 0)
		setenv("TERM", name, 1);
	return PB_OK;
}

void terminfo_cleanup(const char *dir)
{
	char sub[600], path[700];
	if (!dir || !*dir)
		return;
	const char *term = getenv("TERM");
	if (term && *term) {
		snprintf(sub, sizeof sub, "%s/%c", dir, term[0]);
		snprintf(path, sizeof path, "%s/%s", sub, term);
		unlink(path);
		rmdir(sub);
	}
	rmdir(dir);
}
