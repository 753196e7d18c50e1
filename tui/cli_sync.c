/* cli_sync.c — `planbench sync`: working apart on several laptops and merging the changes with change-set files
 * (status, export, import, clone, identity). */
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "core/progress.h"
#include "core/text.h"
#include "store/sync.h"
#include "tui/args.h"
#include "tui/cli.h"
#include "tui/cli_progress.h"

static const char *or_never(const char *at)
{
	return at && *at ? at : "never";
}

static int print_count(void *ctx, const struct sync_count_row *c)
{
	(void)ctx;
	printf("  %-10s %-12s %6ld added %6ld changed %6ld deleted\n", *c->plan ? c->plan : "(no plan)", c->kind, c->added,
	       c->changed, c->deleted);
	return PB_OK;
}

static void print_ranges(const struct sync_summary *sum)
{
	for (int i = 0; i < sum->nranges; i++)
		printf("  from %s (%.8s): changes #%ld-#%ld\n", *sum->ranges[i].origin_name ? sum->ranges[i].origin_name : "?",
		       sum->ranges[i].origin, sum->ranges[i].from_seq, sum->ranges[i].to_seq);
}

/* ---- status ---- */

static int print_peer(void *ctx, const struct sync_peer_row *p)
{
	int *n = ctx;
	if ((*n)++ == 0)
		printf("Peers:\n");
	printf("  %-16s %.8s  last sent %s, last received %s; %ld change set%s to send%s", p->name, p->id, or_never(p->last_sent_at),
	       or_never(p->last_received_at), p->pending, p->pending == 1 ? "" : "s", p->unacknowledged ? "," : "\n");
	if (p->unacknowledged)
		printf(" %ld sent but not yet known to have arrived\n", p->unacknowledged);
	return PB_OK;
}

static int sync_status(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *pos[1];
	int npos, peers = 0;
	const struct arg_opt opts[] = {{NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "sync status", e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct sync_identity me;
	int status = store_sync_identity(s, &me, e);
	if (status == PB_OK) {
		printf("This database: %s (identity %s, row-id slot %d), %ld change set%s of its own.\n", me.name, me.id, me.slot,
		       me.seq, me.seq == 1 ? "" : "s");
		status = store_sync_each_peer(s, print_peer, &peers, e);
	}
	if (status == PB_OK && peers == 0)
		printf("No peers yet: make one with `planbench sync clone -o FILE`, or import a change set from one.\n");
	store_close(s);
	return status;
}

/* ---- export ---- */

static int sync_export(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *out = NULL, *to = NULL, *since = NULL, *pos[1];
	bool all = false, dry = false;
	int npos;
	const struct arg_opt opts[] = {{"-o", &out, NULL}, {"--output", &out, NULL}, {"--to", &to, NULL}, {"--since", &since, NULL},
				       {"--all", NULL, &all}, {"--dry-run", NULL, &dry}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "sync export", e) != PB_OK)
		return e->status;
	if (!out && !dry)
		return pb_fail(e, PB_USAGE, "sync export: say where to write the change set with -o FILE (or --dry-run to see what it would hold)");
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct cli_progress cp;
	struct sync_summary sum;
	struct sync_export_opts o = {to, all, since, &cp.hook, print_count, NULL};
	int status;
	if (dry) {
		o.progress = NULL;
		printf("What a change set would hold:\n");
		status = store_sync_pending(s, &o, &sum, e);
	} else {
		cli_progress_start(&cp, "Writing the change set", "change sets", false);
		status = store_sync_export(s, out, &o, &sum, e);
		cli_progress_end(&cp);
	}
	store_close(s);
	if (status == PB_INTERRUPTED)
		return cli_interrupted(e, "the export", "nothing was written");
	if (status != PB_OK)
		return status;
	print_ranges(&sum);
	printf("%s %s for %s: %ld change set%s, %ld row change%s.\n", dry ? "Would write" : "Wrote", dry ? "a change set" : out,
	       *sum.destination_name ? sum.destination_name : "any database", sum.entries, sum.entries == 1 ? "" : "s",
	       sum.changes, sum.changes == 1 ? "" : "s");
	return PB_OK;
}

/* ---- import ---- */

static void clean_value(const char *v, char *out, size_t len)
{
	char first[600];
	text_first_line(v, first, sizeof first);
	text_fit(*first ? first : "(empty)", 60, false, out, len);
}

static int print_conflict(void *ctx, const struct sync_conflict_row *c)
{
	const char *from = ctx;
	char mine[256], theirs[256];
	if (!*c->field) {
		printf("conflict: %s %s — %s; %s\n", c->entity, c->ref, c->rule, c->incoming_won ? "theirs applied" : "ours kept");
		return PB_OK;
	}
	clean_value(c->local_value, mine, sizeof mine);
	clean_value(c->incoming_value, theirs, sizeof theirs);
	printf("conflict: %s %s %s: here \"%s\" (%s %s), from %s \"%s\" (%s %s) — %s: kept %s\n", c->entity, c->ref, c->field, mine,
	       *c->local_who ? c->local_who : "?", or_never(c->local_at), from, theirs, *c->incoming_who ? c->incoming_who : "?",
	       or_never(c->incoming_at), c->rule, c->both_kept ? "both" : c->incoming_won ? "theirs" : "ours");
	return PB_OK;
}

static int sync_import(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *pos[1];
	bool dry = false;
	int npos;
	const struct arg_opt opts[] = {{"--dry-run", NULL, &dry}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 1, &npos, "sync import", e) != PB_OK)
		return e->status;
	if (npos != 1)
		return pb_fail(e, PB_USAGE, "sync import: name the change-set file, e.g. `planbench sync import from-laptop-b.pbsync`");
	struct sync_summary hdr;
	if (store_sync_read_header(pos[0], &hdr, e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct cli_progress cp;
	char label[1100], copy[1024];
	snprintf(copy, sizeof copy, "%s", pos[0]);
	snprintf(label, sizeof label, "Importing %s", basename(copy));
	printf("%s from %s, written %s:\n", pos[0], hdr.source_name, hdr.created_at);
	cli_progress_start(&cp, label, "change sets", false);
	struct sync_import_opts o = {dry, &cp.hook, print_count, print_conflict, hdr.source_name};
	struct sync_import_result r;
	int status = store_sync_import(s, pos[0], &o, &hdr, &r, e);
	cli_progress_end(&cp);
	store_close(s);
	if (status == PB_INTERRUPTED)
		return cli_interrupted(e, "the import", "nothing was changed");
	if (status != PB_OK)
		return status;
	print_ranges(&hdr);
	if (r.entries_applied == 0)
		printf("Nothing new: all %ld change set%s in %s %s already here; nothing was changed.\n", r.entries_skipped,
		       r.entries_skipped == 1 ? "" : "s", pos[0], r.entries_skipped == 1 ? "is" : "are");
	else
		printf("%s %ld change set%s (%ld row change%s) from %s; %ld already here; %ld conflict%s%s.\n",
		       dry ? "Would apply" : "Applied", r.entries_applied, r.entries_applied == 1 ? "" : "s", r.changes,
		       r.changes == 1 ? "" : "s", hdr.source_name, r.entries_skipped, r.conflicts, r.conflicts == 1 ? "" : "s",
		       dry ? " (nothing was changed: --dry-run)" : r.conflicts ? ", each recorded in the audit trail" : "");
	return PB_OK;
}

/* ---- clone and identity ---- */

static int sync_clone(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *out = NULL, *name = NULL, *pos[1];
	int npos;
	const struct arg_opt opts[] = {{"-o", &out, NULL}, {"--output", &out, NULL}, {"--name", &name, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "sync clone", e) != PB_OK)
		return e->status;
	if (!out)
		return pb_fail(e, PB_USAGE, "sync clone: say where to make the new database with -o FILE");
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct sync_identity me, c;
	int status = store_sync_identity(s, &me, e);
	if (status == PB_OK)
		status = store_sync_clone(s, out, name, &c, e);
	store_close(s);
	if (status == PB_OK)
		printf("Made %s: a new database \"%s\" (identity %.8s, row-id slot %d) holding everything %s holds; each knows the"
		       " other as a peer. Copy it to the other laptop, then exchange changes with `planbench sync export` and"
		       " `planbench sync import`.\n", out, c.name, c.id, c.slot, me.name);
	return status;
}

static int sync_identity(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	const char *name = NULL, *pos[1];
	bool renew = false;
	int npos;
	const struct arg_opt opts[] = {{"--new", NULL, &renew}, {"--name", &name, NULL}, {NULL, NULL, NULL}};
	if (args_parse(argc, argv, opts, pos, 0, &npos, "sync identity", e) != PB_OK)
		return e->status;
	struct store *s;
	if (app_open(a, 0, &s, e) != PB_OK)
		return e->status;
	struct sync_identity me, before;
	int status = store_sync_identity(s, &before, e);
	if (status == PB_OK && name)
		status = store_sync_set_name(s, name, e);
	if (status == PB_OK && renew)
		status = store_sync_new_identity(s, &me, e);
	if (status == PB_OK)
		status = store_sync_identity(s, &me, e);
	store_close(s);
	if (status != PB_OK)
		return status;
	if (renew)
		printf("Gave %s a new identity: %s (was %s), row-id slot %d; the database it was copied from is now a peer.\n",
		       a->db_path, me.id, before.id, me.slot);
	else
		printf("%s: name %s, identity %s, row-id slot %d, %ld change set%s of its own.\n", a->db_path, me.name, me.id, me.slot,
		       me.seq, me.seq == 1 ? "" : "s");
	return PB_OK;
}

int cli_sync(const struct app *a, int argc, char **argv, struct pb_error *e)
{
	static const struct {
		const char *name;
		cli_command_fn fn;
	} subs[] = {{"status", sync_status}, {"export", sync_export}, {"import", sync_import}, {"clone", sync_clone}, {"identity", sync_identity}};
	if (argc < 1)
		return pb_fail(e, PB_USAGE, "sync: say what to do: status, export, import, clone or identity");
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].fn(a, argc - 1, argv + 1, e);
	return pb_fail(e, PB_USAGE, "sync: unknown \"%s\"; say status, export, import, clone or identity", argv[0]);
}
