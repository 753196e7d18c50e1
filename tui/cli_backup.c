/* cli_backup.c — keeping the data safe: `backup`, `restore`, and `search-person` for subject access requests. */
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "store/backup.h"
#include "store/privacy.h"
#include "store/progress.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/cli_progress.h"

int cli_backup(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *out_path = NULL, *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"-o", &out_path, NULL}, {"--output", &out_path, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "backup", e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	char written[1400];
	struct cli_progress cp;
	char label[1100], copy[1024];
	snprintf(copy, sizeof copy, "%s", a->db_path);
	snprintf(label, sizeof label, "Backing up %s", basename(copy));
	cli_progress_start(&cp, label, "pages", false);
	int status = store_backup_progress(s, out_path, &cp.hook, written, sizeof written, e);
	cli_progress_end(&cp);
	store_close(s);
	if (status == PB_INTERRUPTED)
		cli_interrupted(e, "the backup", "nothing was written");
	if (status == PB_OK)
		printf("Backed up %s to %s (checked, readable by you only).\n", a->db_path, written);
	return status;
}

int cli_restore(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *pos[1];
	int npos;
	const struct arg_opt opts[] = {{NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "restore", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "restore: name the backup file, e.g. `planbench restore %s.backups/auto-2026-06-08.db`",
			       a->db_path);
	if (a->read_only)
		return pb_fail(e, PB_BUSY, "restore: --read-only was given, so nothing was changed");
	struct store_restore_info info;
	if (store_restore(a->db_path, pos[0], a->who, &info, e) != PB_OK)
		return e->status;
	printf("Restored %s from %s: schema %d, %ld plan%s, %ld action%s, %ld progress update%s, %ld engagement record%s.\n",
	       a->db_path, pos[0], info.schema, info.plans, info.plans == 1 ? "" : "s", info.actions, info.actions == 1 ? "" : "s",
	       info.updates, info.updates == 1 ? "" : "s", info.engagements, info.engagements == 1 ? "" : "s");
	if (info.moved)
		printf("The database could not be opened, so it was moved, untouched, to %s.\n", info.kept);
	else if (*info.kept)
		printf("The database as it was is kept in %s.\n", info.kept);
	return PB_OK;
}

/* One line of text around the match: about 50 bytes before it, cut to 100 columns, line breaks as spaces. */
static void snippet(const char *text, long match, char *out, size_t len)
{
	char piece[1024];
	size_t start = match > 50 ? (size_t)match - 50 : 0, n;
	while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
		start--;
	n = strlen(text + start);
	if (n > 600)
		for (n = 600; n > 0 && ((unsigned char)text[start + n] & 0xC0) == 0x80; n--)
			;
	snprintf(piece, sizeof piece, "%s%.*s%s", start ? "…" : "", (int)n, text + start, text[start + n] ? "…" : "");
	text_fit(piece, 100, false, out, len);
}

static int print_hit(void *ctx, const struct person_hit *h)
{
	char line[1200];
	(void)ctx;
	printf("%s%s%s%s · %s (%s)", h->plan, *h->plan && *h->ref ? " " : "", h->ref, *h->plan || *h->ref ? "" : "-", h->kind,
	       h->field);
	printf("%s%s%s%s\n", *h->on ? " · " : "", h->on, *h->author ? " · " : "", h->author);
	snippet(h->text, h->match < 0 ? 0 : h->match, line, sizeof line);
	printf("    %s\n", line);
	return PB_OK;
}

int cli_search_person(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *pos[1];
	char name[ARGS_VALUE_MAX + 1];
	int npos;
	const struct arg_opt opts[] = {{NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "search-person", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "search-person: give one name, in quotes when it has spaces: `planbench search-person \"Jo Bloggs\"`");
	if (args_check_value("search-person", "NAME", pos[0], e) != PB_OK)
		return e->status;
	snprintf(name, sizeof name, "%s", pos[0]);
	if (!*text_trim(name))
		return pb_fail(e, PB_USAGE, "search-person: the name is blank");
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	long count = 0;
	int status = store_search_person(s, name, print_hit, NULL, &count, e);
	store_close(s);
	if (status == PB_OK)
		printf("%s%ld note%s mention%s \"%s\".\n", count ? "\n" : "", count, count == 1 ? "" : "s", count == 1 ? "s" : "", name);
	return status;
}
