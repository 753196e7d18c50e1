/* config.c — finding and reading the settings file; what is in it is core/settings.c's business. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"
#include "tui/config.h"
#include "tui/keymap.h"

void config_path(char *out, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/') {
		snprintf(out, len, "%s/planbench/config", xdg);
		return;
	}
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : ".";
	}
	snprintf(out, len, "%s/.config/planbench/config", home);
}

/* Reads the whole of fd (at most CONFIG_MAX_BYTES, which st said it holds) into a malloc'd text; NULL on error. */
static char *read_all(int fd, size_t size, size_t *len)
{
	char *text = malloc(size + 1);
	size_t got = 0;
	ssize_t n = 1;
	while (text && got < size && (n = read(fd, text + got, size - got)) > 0)
		got += (size_t)n;
	if (!text || n < 0) {
		free(text);
		return NULL;
	}
	text[got] = '\0';
	*len = got;
	return text;
}

/* The problems by line, those of one line in the order they were found. */
static void sort_problems(struct settings *s)
{
	for (int i = 1; i < s->nproblems; i++)
		for (int j = i; j > 0 && s->problems[j - 1].line > s->problems[j].line; j--) {
			struct settings_problem t = s->problems[j];
			s->problems[j] = s->problems[j - 1];
			s->problems[j - 1] = t;
		}
}

void config_load(const char *path, struct settings *s, bool *found)
{
	struct stat st;
	size_t len = 0;
	settings_init(s);
	*found = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)
			settings_add_problem(s, 0, "cannot be read (%s), so the defaults apply; check its permissions", strerror(errno));
		return;
	}
	*found = true;
	char *text = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		settings_add_problem(s, 0, "is not a plain file, so the defaults apply; remove it and write the settings file there");
	else if (st.st_size > CONFIG_MAX_BYTES)
		settings_add_problem(s, 0, "is larger than %d kB, so it is not read and the defaults apply; a settings file is a few "
				     "lines (`planbench settings --template` shows them all)", CONFIG_MAX_BYTES / 1024);
	else if (!(text = read_all(fd, (size_t)st.st_size, &len)))
		settings_add_problem(s, 0, "cannot be read (%s), so the defaults apply", strerror(errno));
	close(fd);
	if (text) {
		settings_parse(text, len, s);
		keymap_apply(keymap_workbench(), s);
		sort_problems(s);
	}
	free(text);
}

/* The status line of config_problems_line with the file shown as shown; returns the columns the problem had. */
static int problems_line_as(const struct settings *s, const char *shown, int width, char *out, size_t len)
{
	static const char tail[] = " — run planbench settings to see them";
	char head[1200], text[SETTINGS_PROBLEM_LEN * 2];
	int n = s->nproblems + s->problems_dropped;
	const struct settings_problem *p = &s->problems[0];
	snprintf(head, sizeof head, "settings: %d problem%s in %s", n, n == 1 ? "" : "s", shown);
	if (p->line) {
		size_t l = strlen(head);
		snprintf(head + l, sizeof head - l, ", line %d", p->line);
	}
	strncat(head, ": ", sizeof head - strlen(head) - 1);
	int room = width - text_width(head) - text_width(tail);
	if (room >= 12)
		text_fit(p->text, room, false, text, sizeof text);
	else
		snprintf(text, sizeof text, "…");
	snprintf(out, len, "%s%s%s", head, text, tail);
	return room;
}

void config_problems_line(const struct settings *s, const char *path, int width, char *out, size_t len)
{
	char shown[1100];
	if (!path)
		path = "the settings file";
	const char *home = getenv("HOME"), *folder = path + strlen(path);
	size_t hn = home ? strlen(home) : 0;
	if (hn > 1 && strncmp(path, home, hn) == 0 && path[hn] == '/')
		snprintf(shown, sizeof shown, "~%s", path + hn);
	else
		snprintf(shown, sizeof shown, "%s", path);
	if (problems_line_as(s, shown, width, out, len) >= 30)
		return;
	for (int slashes = 0; folder > path && slashes < 2; folder--) /* the file's folder and name leave the problem room */
		slashes += folder[-1] == '/';
	problems_line_as(s, folder > path ? folder + 1 : path, width, out, len);
}

void config_print_problem(FILE *out, const char *prefix, const char *path, const struct settings_problem *p)
{
	if (p->line)
		fprintf(out, "%s%s line %d: %s\n", prefix, path, p->line, p->text);
	else
		fprintf(out, "%s%s %s\n", prefix, path, p->text);
}

const struct settings *config_startup(char *path, size_t len)
{
	static struct settings s;
	bool found;
	config_path(path, len);
	config_load(path, &s, &found);
	for (int i = 0; i < s.nproblems; i++)
		config_print_problem(stderr, "planbench: warning: ", path, &s.problems[i]);
	if (s.problems_dropped)
		fprintf(stderr, "planbench: warning: %s: %d more problems (`planbench settings` lists the settings)\n", path, s.problems_dropped);
	return &s;
}
