/* view_sync.c — the Sync screen: this database's identity and its peers, what a change set for the selected peer
 * would carry (counts per plan and kind) and w to write it; i previews an incoming change-set file (its source,
 * ranges, counts and every conflict with both values and which way the rule resolves it), and a applies it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/progress.h"
#include "core/text.h"
#include "store/sync.h"
#include "tui/browse.h"
#include "tui/listview.h"
#include "tui/ui.h"
#include "tui/view_ask.h"
#include "tui/work.h"

#define DOC_MAX_LINES 20000 /* lines a panel keeps; past them it says how many were left out */
#define MAX_PEER_LINES 6    /* peers shown at once; more scroll */
#define PATH_LEN 1024

enum { TAB_OUT, TAB_IN, NTABS };
/* What the Incoming panel shows of its file. */
enum in_state { IN_NONE, IN_PREVIEWED, IN_REFUSED, IN_HEADER, IN_APPLIED };
static const char *const in_states[] = {"", "", " (refused)", " (header only)", " (applied)"};
static const char *const tab_names[NTABS] = {"Outgoing", "Incoming"};

enum { COL_NAME, COL_ID, COL_SENT, COL_RECEIVED, COL_PENDING, COL_UNACK, NCOLS };
static const struct listview_column columns[NCOLS] = {
	[COL_NAME] = {.title = "Peer", .width = 0, .min = 10},
	[COL_ID] = {.title = "Id", .width = 8, .min = 8},
	[COL_SENT] = {.title = "Last sent", .width = 16, .min = 10},
	[COL_RECEIVED] = {.title = "Last received", .width = 16, .min = 10},
	[COL_PENDING] = {.title = "To send", .width = 7, .min = 7, .align = LISTVIEW_RIGHT},
	[COL_UNACK] = {.title = "Unconfirmed", .width = 11, .min = 11, .align = LISTVIEW_RIGHT, .hide_below = 90},
};

#define ANY_ROW (-1L) /* the id of the row that stands for a replica not known here */

/* A panel of text: logical lines, wrapped when drawn, scrolled by screen rows. */
struct doc_line {
	char *text;
	int style, indent;
};
struct doc {
	struct doc_line *l;
	int n, cap, top;
	long left_out; /* lines not kept past DOC_MAX_LINES */
};

/* One count of a change set: a plan and a kind of row. */
struct count {
	char plan[32], kind[16];
	long added, changed, deleted;
};
struct counts {
	struct count *c;
	int n, cap;
};

/* Long work under way: its progress line on the status line, and Ctrl-C. */
struct busy {
	struct progress p;
	struct progress_hook hook;
	const struct ui *ui;
};

struct sv {
	struct ui *ui;
	struct sync_identity me;
	bool have_me;
	long npeers;
	bool any_row; /* the list ends with "any replica" (no peers, or several to choose from) */
	struct listview *lv;
	int tab;
	struct doc out, in, conf; /* conf: the conflicts of the file being read, before they join in */
	struct counts counts;
	long out_for;		  /* the list row out was made for, -2 for none */
	char to[SYNC_ID_LEN];	  /* the peer of the change set being written, "" for any replica */
	char to_name[SYNC_NAME_LEN];
	bool to_all;		  /* everything not known to have arrived, even if already sent */
	char path[PATH_LEN];	  /* the file being written */
	char file[PATH_LEN];	  /* the incoming file previewed; "" when none may be applied */
	char shown[PATH_LEN];	  /* the file the Incoming panel is about */
	enum in_state in_state;
	struct sync_summary hdr;  /* its header */
	struct sync_import_result preview;
	char ask_initial[PATH_LEN], ask_question[512];
	struct ask_request ask;
	struct confirm_request confirm;
};

/* ---- panels ---- */

static void doc_clear(struct doc *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->l[i].text);
	free(d->l);
	memset(d, 0, sizeof *d);
}

/* Adds a line; out of memory or past DOC_MAX_LINES it is counted as left out. */
static void doc_add(struct doc *d, int style, int indent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void doc_add(struct doc *d, int style, int indent, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (char *c = buf; *c; c++) /* stored text may hold line breaks and tabs: one line of the panel each */
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	if (d->n == d->cap && d->n < DOC_MAX_LINES) {
		int cap = d->cap ? (d->cap * 2 < DOC_MAX_LINES ? d->cap * 2 : DOC_MAX_LINES) : 32;
		struct doc_line *l = realloc(d->l, sizeof *l * (size_t)cap);
		if (l)
			d->l = l, d->cap = cap;
	}
	char *text = d->n < d->cap ? strdup(buf) : NULL;
	if (!text) {
		d->left_out++;
		return;
	}
	d->l[d->n++] = (struct doc_line){text, style, indent};
}

/* Moves the lines of from to the end of to. */
static void doc_append(struct doc *to, struct doc *from)
{
	for (int i = 0; i < from->n; i++)
		doc_add(to, from->l[i].style, from->l[i].indent, "%s", from->l[i].text);
	to->left_out += from->left_out;
	doc_clear(from);
}

/* Screen rows line l takes at width columns. */
static int line_rows(const struct doc_line *l, int width)
{
	int w = width - l->indent > 8 ? width - l->indent : 8, n = 0;
	for (const char *p = l->text, *next; *p; p = next, n++)
		ui_wrap(p, w, &next);
	return n ? n : 1;
}

static int doc_rows(const struct doc *d, int width)
{
	int n = d->left_out ? 1 : 0;
	for (int i = 0; i < d->n; i++)
		n += line_rows(&d->l[i], width);
	return n;
}

/* Scrolls by delta rows (INT_MAX-like values go to an end), keeping a page of text on screen. */
static void doc_scroll(struct doc *d, int delta, int width, int height)
{
	long top = (long)d->top + delta, last = doc_rows(d, width) - height;
	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	d->top = (int)top;
}

static void doc_draw(const struct doc *d, const struct ui *ui, WINDOW *w, struct ui_rect r)
{
	int row = 0, y = r.y;
	for (int i = 0; i < d->n && y < r.y + r.h; i++) {
		const struct doc_line *l = &d->l[i];
		int width = r.w - l->indent > 8 ? r.w - l->indent : 8;
		for (const char *p = l->text, *next; *p && y < r.y + r.h; p = next, row++) {
			size_t len = ui_wrap(p, width, &next);
			if (row < d->top)
				continue;
			char part[2048];
			snprintf(part, sizeof part, "%.*s", (int)len, p);
			ui_put(w, y++, r.x + l->indent, width, part, ui_attr(ui, l->style), false);
		}
		if (!*l->text && row++ >= d->top)
			y++;
	}
	if (d->left_out && y < r.y + r.h) {
		char more[160];
		snprintf(more, sizeof more, "(%ld more lines not shown: planbench sync import FILE --dry-run lists them all)", d->left_out);
		ui_put(w, y, r.x, r.w, more, ui_attr(ui, UI_DIM), false);
	}
}

/* ---- counts per plan and kind ---- */

static void counts_clear(struct counts *c)
{
	free(c->c);
	memset(c, 0, sizeof *c);
}

/* Store callback: keeps one count. */
static int keep_count(void *ctx, const struct sync_count_row *row)
{
	struct sv *r = ctx;
	struct counts *c = &r->counts;
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		struct count *m = realloc(c->c, sizeof *m * (size_t)cap);
		if (!m)
			return PB_OK; /* the table is short of a line: the totals above it still say how much there is */
		c->c = m, c->cap = cap;
	}
	struct count *k = &c->c[c->n++];
	snprintf(k->plan, sizeof k->plan, "%s", row->plan);
	snprintf(k->kind, sizeof k->kind, "%s", row->kind);
	k->added = row->added, k->changed = row->changed, k->deleted = row->deleted;
	return PB_OK;
}

/* The counts as a table, then forgets them. */
static void counts_to_doc(struct sv *r, struct doc *d)
{
	struct count all = {"", "", 0, 0, 0};
	if (r->counts.n == 0) {
		counts_clear(&r->counts);
		return;
	}
	doc_add(d, UI_TITLES, 0, "%-14s %-12s %9s %9s %9s", "Plan", "Kind", "Added", "Changed", "Deleted");
	for (int i = 0; i < r->counts.n; i++) {
		const struct count *k = &r->counts.c[i];
		doc_add(d, UI_NORMAL, 0, "%-14s %-12s %9ld %9ld %9ld", *k->plan ? k->plan : "(no plan)", k->kind, k->added, k->changed,
			k->deleted);
		all.added += k->added, all.changed += k->changed, all.deleted += k->deleted;
	}
	if (r->counts.n > 1)
		doc_add(d, UI_BOLD, 0, "%-14s %-12s %9ld %9ld %9ld", "All", "", all.added, all.changed, all.deleted);
	counts_clear(&r->counts);
}

/* "laptop-sam 4-6, laptop-jo 2" */
static void ranges_text(const struct sync_summary *s, char *out, size_t len)
{
	out[0] = '\0';
	for (int i = 0; i < s->nranges; i++) {
		const struct sync_range *g = &s->ranges[i];
		size_t l = strlen(out);
		char seq[64];
		if (g->from_seq == g->to_seq)
			snprintf(seq, sizeof seq, "%ld", g->from_seq);
		else
			snprintf(seq, sizeof seq, "%ld-%ld", g->from_seq, g->to_seq);
		snprintf(out + l, len - l, "%s%s %s", i ? ", " : "", *g->origin_name ? g->origin_name : g->origin, seq);
	}
}

/* "2026-06-09 14:03" from "2026-06-09T14:03:00Z"; "never" for "". */
static void when_text(const char *at, char *out, size_t len)
{
	if (!at || !*at)
		snprintf(out, len, "never");
	else
		snprintf(out, len, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

/* ---- long work ---- */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The store's hook: stops at Ctrl-C; else, when a line is due, draws it on the status line at once (the main loop
 * cannot draw while the work runs). */
static int busy_step(void *ctx, long done, long total)
{
	struct busy *b = ctx;
	char line[512];
	if (progress_interrupted())
		return PB_INTERRUPTED;
	if (!progress_due(&b->p, done, total, now_ms()))
		return PB_OK;
	progress_format(&b->p, done, total, COLS - 1, line, sizeof line);
	ui_put(stdscr, LINES - 2, 0, COLS, line, ui_attr(b->ui, UI_BOLD), false);
	wnoutrefresh(stdscr);
	doupdate();
	return PB_OK;
}

static void busy_start(struct busy *b, const struct ui *ui, const char *label, const char *unit)
{
	memset(b, 0, sizeof *b);
	progress_init(&b->p, label, unit);
	b->p.min_total = 1; /* a change set is slow work row for row: show it from the first */
	b->hook = (struct progress_hook){busy_step, b};
	b->ui = ui;
	progress_catch_interrupt();
}

static void busy_end(struct busy *b)
{
	(void)b;
	progress_release_interrupt();
}

/* ---- reading ---- */

/* The peer of list row index into id and name; "" for the row of any replica. */
struct peer_at {
	long want, index;
	char id[SYNC_ID_LEN], name[SYNC_NAME_LEN];
	bool found;
};

static int find_peer_at(void *ctx, const struct sync_peer_row *p)
{
	struct peer_at *f = ctx;
	if (f->index++ == f->want) {
		snprintf(f->id, sizeof f->id, "%s", p->id);
		snprintf(f->name, sizeof f->name, "%s", p->name);
		f->found = true;
	}
	return PB_OK;
}

static bool peer_of_row(struct sv *r, long index, struct peer_at *f, struct pb_error *e)
{
	memset(f, 0, sizeof *f);
	f->want = index;
	if (index < 0 || store_sync_each_peer(r->ui->store, find_peer_at, f, e) != PB_OK)
		return false;
	return f->found || (r->any_row && index == r->npeers);
}

static int count_peer(void *ctx, const struct sync_peer_row *p)
{
	(void)p;
	(*(long *)ctx)++;
	return PB_OK;
}

static int count_rows(void *ctx, long *n, struct pb_error *e)
{
	struct sv *r = ctx;
	r->npeers = 0;
	if (store_sync_each_peer(r->ui->store, count_peer, &r->npeers, e) != PB_OK)
		return e->status;
	r->any_row = r->npeers != 1;
	*n = r->npeers + r->any_row;
	return PB_OK;
}

struct fetching {
	struct listview *lv;
	long offset, limit, index;
};

/* Store callback: a peer as a row, when it falls on the page. */
static int put_peer(void *ctx, const struct sync_peer_row *p)
{
	struct fetching *f = ctx;
	long i = f->index++;
	if (i < f->offset || i >= f->offset + f->limit)
		return PB_OK;
	struct listview_row *row = listview_add_row(f->lv, i);
	char sent[32], received[32], n[32], u[32], id[16];
	if (!row)
		return PB_OK;
	when_text(p->last_sent_at, sent, sizeof sent);
	when_text(p->last_received_at, received, sizeof received);
	snprintf(n, sizeof n, "%ld", p->pending);
	snprintf(u, sizeof u, "%ld", p->unacknowledged);
	listview_set_cell(row, COL_NAME, p->name, UI_BOLD);
	snprintf(id, sizeof id, "%.8s", p->id);
	listview_set_cell(row, COL_ID, id, UI_DIM);
	listview_set_cell(row, COL_SENT, sent, *p->last_sent_at ? UI_NORMAL : UI_DIM);
	listview_set_cell(row, COL_RECEIVED, received, *p->last_received_at ? UI_NORMAL : UI_DIM);
	listview_set_cell(row, COL_PENDING, n, p->pending ? UI_AMBER | UI_BOLD : UI_DIM);
	listview_set_cell(row, COL_UNACK, u, p->unacknowledged ? UI_NORMAL : UI_DIM);
	snprintf(row->note, sizeof row->note, "%s (%.8s): %ld change set%s to send, %ld sent and not yet known to have arrived; "
		 "w writes them", p->name, p->id, p->pending, plural(p->pending), p->unacknowledged);
	return PB_OK;
}

static int fetch_rows(void *ctx, struct listview *lv, long offset, long limit, struct pb_error *e)
{
	struct sv *r = ctx;
	struct fetching f = {lv, offset, limit, 0};
	if (store_sync_each_peer(r->ui->store, put_peer, &f, e) != PB_OK)
		return e->status;
	if (r->any_row && r->npeers >= offset && r->npeers < offset + limit) {
		struct listview_row *row = listview_add_row(lv, ANY_ROW);
		if (row) {
			listview_set_cell(row, COL_NAME, r->ui->utf8 ? "Any replica\xE2\x80\xA6" : "Any replica...", UI_BOLD);
			snprintf(row->note, sizeof row->note, "%s", r->npeers ? "A file any of the peers can take: everything not known "
				 "to have reached all of them" : "No peers yet: a file another copy of this database can take (everything logged here)");
		}
	}
	return PB_OK;
}

/* What a change set for the selected row would carry, into the Outgoing panel. */
static void make_out(struct sv *r)
{
	struct pb_error e = {0};
	struct peer_at p;
	struct sync_summary sum;
	long index = listview_index(r->lv);
	doc_clear(&r->out);
	r->out_for = index;
	if (index < 0) {
		doc_add(&r->out, UI_DIM, 0, "No peers.");
		return;
	}
	if (!peer_of_row(r, index, &p, &e)) {
		doc_add(&r->out, UI_ERROR, 0, "%s", *e.msg ? e.msg : "The peers changed: Ctrl-L reads them again.");
		return;
	}
	struct sync_export_opts o = {.to = *p.id ? p.id : NULL, .all = !*p.id, .count = keep_count, .ctx = r};
	if (store_sync_pending(r->ui->store, &o, &sum, &e) != PB_OK) {
		counts_clear(&r->counts);
		doc_add(&r->out, UI_ERROR, 0, "%s", e.msg);
		return;
	}
	const char *who = *p.id ? p.name : "any replica";
	if (sum.entries == 0) {
		doc_add(&r->out, UI_NORMAL, 0, "Nothing to send to %s: it holds everything logged here, or has been sent it "
			"(W writes again what has not been confirmed).", who);
		return;
	}
	char ranges[1024];
	ranges_text(&sum, ranges, sizeof ranges);
	doc_add(&r->out, UI_BOLD, 0, "To %s: %ld change set%s, %ld row change%s", who, sum.entries, plural(sum.entries), sum.changes,
		plural(sum.changes));
	doc_add(&r->out, UI_DIM, 0, "Change sets: %s", ranges);
	counts_to_doc(r, &r->out);
	doc_add(&r->out, UI_DIM, 0, "w writes them to a file for %s.", who);
}

/* Reads the identity and the peers again; the row selected stays where it can. */
static void reread(struct sv *r)
{
	struct pb_error e = {0};
	r->have_me = store_sync_identity(r->ui->store, &r->me, &e) == PB_OK;
	if (!r->have_me)
		ui_message(r->ui, true, "%s", e.msg);
	if (listview_reload(r->lv, &e) != PB_OK)
		ui_message(r->ui, true, "%s", e.msg);
	make_out(r);
}

/* ---- layout ---- */

/* Lines of the peer list, its titles included. */
static int peer_lines(const struct sv *r)
{
	long n = listview_count(r->lv);
	return 1 + (int)(n < 1 ? 1 : n > MAX_PEER_LINES ? MAX_PEER_LINES : n);
}

/* Where the panel of the current tab goes: under the identity and tabs, and on Outgoing under the peers. */
static struct ui_rect panel_of(const struct view *v)
{
	const struct sv *r = v->priv;
	int skip = 2 + (r->tab == TAB_OUT ? peer_lines(r) + 1 : 0);
	struct ui_rect p = {v->area.y + skip, v->area.x + 1, v->area.h - skip, v->area.w - 2};
	if (p.h < 1)
		p.h = 1;
	return p;
}

static struct doc *panel_doc(struct sv *r)
{
	return r->tab == TAB_OUT ? &r->out : &r->in;
}

static void size_list(struct view *v)
{
	struct sv *r = v->priv;
	struct pb_error e = {0};
	if (listview_set_size(r->lv, peer_lines(r), v->area.w, &e) != PB_OK)
		ui_message(r->ui, true, "%s", e.msg);
}

/* ---- paths ---- */

/* "~/x" as $HOME/x. */
static void expand_home(const char *in, char *out, size_t len)
{
	const char *home = getenv("HOME");
	if (home && *home && in[0] == '~' && (in[1] == '/' || !in[1]))
		snprintf(out, len, "%s%s", home, in + 1);
	else
		snprintf(out, len, "%s", in);
}

/* The file offered for a change set: ~/planbench-to-PEER-YYYY-MM-DD.pbsync, the peer's name made safe for a file name. */
static void default_path(const struct sv *r, const char *name, char *out, size_t len)
{
	char safe[SYNC_NAME_LEN], day[DATE_ISO_LEN];
	size_t i = 0;
	for (; name[i] && i + 1 < sizeof safe; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
		safe[i] = ok ? c : '-';
	}
	safe[i] = '\0';
	date_format_iso(r->ui->today, day);
	const char *home = getenv("HOME");
	snprintf(out, len, "%s%splanbench-to-%s-%s.pbsync", home && *home ? home : "", home && *home ? "/" : "", *safe ? safe : "any",
		 day);
}

/* Tab in a path: the names of its folder that begin with it, as far as they agree. */
static void complete_path(void *ctx, const char *typed, char *out, size_t outlen, char *shown, size_t shownlen)
{
	struct browse_completion c;
	char path[PATH_LEN];
	(void)ctx;
	memset(&c, 0, sizeof c);
	expand_home(typed, path, sizeof path);
	browse_complete_file(path, &c);
	if (c.n == 0) {
		snprintf(out, outlen, "%s", typed);
		snprintf(shown, shownlen, "No file begins \"%s\"", path);
		return;
	}
	size_t n = strlen(c.cand[0]);
	for (int i = 1; i < c.n; i++) {
		size_t k = 0;
		while (k < n && c.cand[i][k] == c.cand[0][k])
			k++;
		n = k;
	}
	snprintf(out, outlen, "%.*s", (int)n, c.cand[0]);
	shown[0] = '\0';
	for (int i = 0; c.n > 1 && i < c.n; i++) {
		const char *slash = strrchr(c.cand[i], '/'), *base = slash && slash[1] ? slash + 1 : c.cand[i];
		if (slash && !slash[1]) { /* a folder: its own name and the slash */
			base = c.cand[i] + strlen(c.cand[i]) - 1;
			while (base > c.cand[i] && base[-1] != '/')
				base--;
		}
		size_t l = strlen(shown);
		snprintf(shown + l, shownlen - l, "%s%s", l ? "  " : "", base);
	}
}

/* ---- writing a change set ---- */

/* Writes the change set for r->to into r->path; says what was written, or why nothing was. */
static int write_change_set(struct ui *ui, const void *ctx)
{
	struct sv *r = (struct sv *)ctx;
	struct pb_error e = {0};
	struct sync_summary sum;
	struct busy b;
	char label[PATH_LEN + 32];
	snprintf(label, sizeof label, "Writing %s", r->path);
	busy_start(&b, ui, label, "change sets");
	struct sync_export_opts o = {.to = *r->to ? r->to : NULL, .all = r->to_all || !*r->to, .progress = &b.hook};
	int status = store_sync_export(ui->store, r->path, &o, &sum, &e);
	busy_end(&b);
	if (status != PB_OK) {
		ui_message(ui, true, "Not written: %s", e.msg);
		return UI_REDRAW;
	}
	ui_message(ui, false, "Wrote %s for %s: %ld change set%s, %ld row change%s", r->path,
		   *sum.destination_name ? sum.destination_name : "any replica", sum.entries, plural(sum.entries), sum.changes,
		   plural(sum.changes));
	return UI_RELOAD | UI_REDRAW;
}

/* The ask's Enter: a folder or an empty answer keeps the box open; a file there is replaced only after a yes. */
static int submit_export_path(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct sv *r = ctx;
	struct stat st;
	if (!*text) {
		snprintf(err, errlen, "Give the file to write, such as %s", r->ask_initial);
		return 0;
	}
	expand_home(text, r->path, sizeof r->path);
	if (stat(r->path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s is a folder: add the file's name, such as %s/planbench.pbsync", r->path, r->path);
		return 0;
	}
	if (stat(r->path, &st) != 0)
		return UI_BACK | write_change_set(ui, r);
	r->confirm = (struct confirm_request){.title = "Replace the file?", .yes = "replace", .run = write_change_set, .ctx = r};
	snprintf(r->confirm.question, sizeof r->confirm.question, "%.600s already exists (%lld bytes). Replace it with the change set "
		 "for %s?", r->path, (long long)st.st_size, *r->to ? r->to_name : "any replica");
	return UI_BACK | ui_open(ui, &view_confirm, &r->confirm);
}

/* w and W: asks where to write the change set for the selected peer. */
static int start_export(struct view *v, struct ui *ui, bool all)
{
	struct sv *r = v->priv;
	struct pb_error e = {0};
	struct peer_at p;
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: writing a change set is refused (it records what was sent)");
		return UI_REDRAW;
	}
	if (r->tab != TAB_OUT) {
		r->tab = TAB_OUT;
		size_list(v);
	}
	if (!peer_of_row(r, listview_index(r->lv), &p, &e)) {
		ui_message(ui, true, "%s", *e.msg ? e.msg : "Choose the peer to write for first (j/k)");
		return UI_REDRAW;
	}
	snprintf(r->to, sizeof r->to, "%s", p.id);
	snprintf(r->to_name, sizeof r->to_name, "%s", p.name);
	r->to_all = all;
	default_path(r, *p.id ? p.name : "any", r->ask_initial, sizeof r->ask_initial);
	snprintf(r->ask_question, sizeof r->ask_question, "Write %s for %s to the file:",
		 all ? "everything it is not known to hold (sent before or not)" : "the changes not yet sent",
		 *p.id ? p.name : "any replica");
	r->ask = (struct ask_request){.title = "Write a change set", .question = r->ask_question, .initial = r->ask_initial,
				      .hint = "Tab completes file names; a file there is replaced only if you say yes.",
				      .submit = submit_export_path, .complete = complete_path, .ctx = r};
	return ui_open(ui, &view_ask, &r->ask) | UI_REDRAW;
}

/* ---- an incoming file ---- */

/* Store callback: a conflict as three lines: what, here, incoming, with the side that won marked. */
static int keep_conflict(void *ctx, const struct sync_conflict_row *c)
{
	struct sv *r = ctx;
	const char *mark = r->ui->utf8 ? "\xE2\x97\x80 kept" : "<- kept";
	if (!*c->field) { /* the row as a whole: deleted on one side, changed on the other */
		doc_add(&r->conf, UI_BOLD, 0, "%s %s: %s (%s)", c->entity, c->ref, c->rule,
			c->incoming_won ? "the incoming change is applied" : "this database's is kept");
		return PB_OK;
	}
	bool here_kept = c->both_kept || !c->incoming_won, incoming_kept = c->both_kept || c->incoming_won;
	doc_add(&r->conf, UI_BOLD, 0, "%s %s%s%s: %s (%s)", c->entity, c->ref, *c->field ? " " : "", c->field,
		c->both_kept ? "both kept" : c->incoming_won ? "incoming wins" : "here wins", c->rule);
	doc_add(&r->conf, here_kept ? UI_NORMAL : UI_DIM, 2, "here:     %s  (%s, %s)%s%s",
		*c->local_value ? c->local_value : "(empty)",
		*c->local_who ? c->local_who : "someone not recorded", *c->local_at ? c->local_at : "when not recorded",
		here_kept ? "  " : "", here_kept ? mark : "");
	doc_add(&r->conf, incoming_kept ? UI_NORMAL : UI_DIM, 2, "incoming: %s  (%s, %s)%s%s",
		*c->incoming_value ? c->incoming_value : "(empty)", *c->incoming_who ? c->incoming_who : "someone not recorded",
		*c->incoming_at ? c->incoming_at : "when not recorded", incoming_kept ? "  " : "", incoming_kept ? mark : "");
	return PB_OK;
}

/* The file's header: where it comes from, for whom, and what it carries. */
static void header_to_doc(struct sv *r, const char *path, const struct sync_summary *h)
{
	char ranges[1024];
	ranges_text(h, ranges, sizeof ranges);
	doc_add(&r->in, UI_BOLD, 0, "%s", path);
	char written[32];
	when_text(h->created_at, written, sizeof written);
	doc_add(&r->in, UI_NORMAL, 0, "From %s (%.8s) for %s%s, written %s", *h->source_name ? h->source_name : "a replica", h->source,
		*h->destination ? (*h->destination_name ? h->destination_name : h->destination) : "any replica",
		*h->destination && r->have_me && strcmp(h->destination, r->me.id) == 0 ? " (this database)" : "", written);
	doc_add(&r->in, UI_NORMAL, 0, "Carries %ld change set%s, %ld row change%s; change sets %s", h->entries, plural(h->entries),
		h->changes, plural(h->changes), *ranges ? ranges : "none");
}

/* The conflicts gathered, under a heading. */
static void conflicts_to_doc(struct sv *r, long n, bool applied)
{
	doc_add(&r->in, UI_NORMAL, 0, "%s", "");
	if (n == 0) {
		doc_add(&r->in, UI_NORMAL, 0, "No conflicts: nothing it changes was also changed here.");
		doc_clear(&r->conf);
		return;
	}
	doc_add(&r->in, UI_TITLES, 0, "%ld conflict%s %s (the newer edit of a field wins; each is recorded in the audit):", n,
		plural(n), applied ? "resolved" : "to resolve");
	doc_append(&r->in, &r->conf);
}

/* The Incoming panel and the status line say why the file was not read (refused, or stopped with Ctrl-C). */
static void not_read(struct sv *r, const char *path, const struct pb_error *e)
{
	doc_clear(&r->conf), counts_clear(&r->counts);
	doc_add(&r->in, UI_BOLD, 0, "%s", path);
	doc_add(&r->in, UI_ERROR, 0, "%s: %s", e->status == PB_INTERRUPTED ? "Stopped" : "Refused", e->msg);
	ui_message(r->ui, true, "%s", e->msg);
	r->in_state = IN_REFUSED;
}

/* Read-only: only the header, as a preview applies the file inside a transaction it then rolls back. */
static void header_only(struct sv *r, const char *path)
{
	struct pb_error e = {0};
	if (store_sync_read_header(path, &r->hdr, &e) != PB_OK) {
		not_read(r, path, &e);
		return;
	}
	r->in_state = IN_HEADER;
	header_to_doc(r, path, &r->hdr);
	doc_add(&r->in, UI_NORMAL, 0, "%s", "");
	doc_add(&r->in, UI_DIM, 0, "Read-only: the counts per plan and the conflicts are worked out by applying the file and undoing "
		"it, which a read-only database cannot do. Restart without --read-only to see them (and to apply it).");
	ui_message(r->ui, false, "Read the header of %s: its checksum is sound; nothing was changed", path);
}

/* Previews path into the Incoming panel; when it is refused, the engine's reason is on the status line. */
static void preview_file(struct sv *r, const char *path)
{
	struct pb_error e = {0};
	struct busy b;
	char label[PATH_LEN + 32];
	snprintf(label, sizeof label, "Checking %s", path);
	doc_clear(&r->in), doc_clear(&r->conf), counts_clear(&r->counts);
	r->file[0] = '\0';
	snprintf(r->shown, sizeof r->shown, "%s", path);
	r->tab = TAB_IN;
	if (r->ui->read_only) {
		header_only(r, path);
		return;
	}
	busy_start(&b, r->ui, label, "change sets");
	struct sync_import_opts o = {.progress = &b.hook, .count = keep_count, .conflict = keep_conflict, .ctx = r};
	int status = store_sync_preview(r->ui->store, path, &o, &r->hdr, &r->preview, &e);
	busy_end(&b);
	if (status != PB_OK) {
		not_read(r, path, &e);
		return;
	}
	header_to_doc(r, path, &r->hdr);
	if (r->preview.entries_skipped)
		doc_add(&r->in, UI_DIM, 0, "%ld change set%s already held here would be skipped.", r->preview.entries_skipped,
			plural(r->preview.entries_skipped));
	doc_add(&r->in, UI_NORMAL, 0, "%s", "");
	if (r->preview.entries_applied == 0) {
		doc_add(&r->in, UI_NORMAL, 0, "Everything in it is already held here: applying it would change nothing.");
		counts_clear(&r->counts);
	} else {
		doc_add(&r->in, UI_NORMAL, 0, "Applying it would apply %ld change set%s, %ld row change%s:", r->preview.entries_applied,
			plural(r->preview.entries_applied), r->preview.changes, plural(r->preview.changes));
		counts_to_doc(r, &r->in);
	}
	conflicts_to_doc(r, r->preview.conflicts, false);
	doc_add(&r->in, UI_NORMAL, 0, "%s", "");
	doc_add(&r->in, UI_DIM, 0, "%s", r->ui->read_only ? "Read-only: it cannot be applied here." : "a applies it (asks first).");
	snprintf(r->file, sizeof r->file, "%s", path);
	r->in_state = IN_PREVIEWED;
	ui_message(r->ui, false, "Nothing is changed yet (a applies it): previewed %s", path);
}

/* The ask's Enter: a path that is no file keeps the box open; a refused file closes it with the engine's reason. */
static int submit_preview_path(struct ui *ui, void *ctx, const char *text, char *err, size_t errlen)
{
	struct sv *r = ctx;
	struct stat st;
	char path[PATH_LEN];
	(void)ui;
	expand_home(text, path, sizeof path);
	if (!*text || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s%s: give a change-set file (.pbsync); Tab completes file names", *text ? path : "No file given",
			 !*text ? "" : stat(path, &st) != 0 ? " does not exist" : " is not a file");
		return 0;
	}
	preview_file(r, path);
	return UI_BACK | UI_REDRAW;
}

static int sync_preview(struct view *v, struct ui *ui)
{
	struct sv *r = v->priv;
	char cwd_hint[PATH_LEN];
	snprintf(cwd_hint, sizeof cwd_hint, "%s", *r->file ? r->file : "");
	if (!*cwd_hint) {
		const char *home = getenv("HOME");
		snprintf(cwd_hint, sizeof cwd_hint, "%s%s", home && *home ? home : "", home && *home ? "/" : "");
	}
	snprintf(r->ask_initial, sizeof r->ask_initial, "%s", cwd_hint);
	r->ask = (struct ask_request){.title = "Preview a change set", .question = "The change-set file to preview (nothing is "
				      "changed until you apply it):", .initial = r->ask_initial,
				      .hint = "Tab completes file names.", .submit = submit_preview_path, .complete = complete_path, .ctx = r};
	(void)v;
	return ui_open(ui, &view_ask, &r->ask) | UI_REDRAW;
}

/* Applies the file previewed, in one transaction; the Incoming panel then says what was done. */
static int apply_file(struct ui *ui, const void *ctx)
{
	struct sv *r = (struct sv *)ctx;
	struct pb_error e = {0};
	struct sync_import_result res;
	struct sync_summary h;
	struct busy b;
	char label[PATH_LEN + 32], path[PATH_LEN];
	snprintf(path, sizeof path, "%s", r->file);
	if (store_sync_read_header(path, &h, &e) != PB_OK) {
		ui_message(ui, true, "Not applied, nothing was changed: %s", e.msg);
		return UI_REDRAW;
	}
	if (strcmp(h.sha256, r->hdr.sha256) != 0) { /* the question asked was about the preview, not about this */
		r->file[0] = '\0';
		ui_message(ui, true, "Not applied: the file changed after its preview (replaced or written again); nothing was"
			   " changed — i previews it again: %s", path);
		return UI_REDRAW;
	}
	snprintf(label, sizeof label, "Applying %s", path);
	doc_clear(&r->conf), counts_clear(&r->counts);
	busy_start(&b, ui, label, "change sets");
	struct sync_import_opts o = {.progress = &b.hook, .count = keep_count, .conflict = keep_conflict, .ctx = r};
	int status = store_sync_import(ui->store, path, &o, &h, &res, &e);
	busy_end(&b);
	if (status != PB_OK) {
		doc_clear(&r->conf), counts_clear(&r->counts);
		ui_message(ui, true, "Not applied, nothing was changed: %s", e.msg);
		return UI_REDRAW;
	}
	doc_clear(&r->in);
	header_to_doc(r, path, &h);
	doc_add(&r->in, UI_NORMAL, 0, "%s", "");
	doc_add(&r->in, UI_GREEN | UI_BOLD, 0, "Applied: %ld change set%s, %ld row change%s; %ld skipped as already held here.",
		res.entries_applied, plural(res.entries_applied), res.changes, plural(res.changes), res.entries_skipped);
	if (res.entries_applied)
		counts_to_doc(r, &r->in);
	else
		counts_clear(&r->counts);
	conflicts_to_doc(r, res.conflicts, true);
	r->file[0] = '\0';
	r->in_state = IN_APPLIED;
	r->in.top = 0;
	ui_message(ui, false, "%ld change set%s applied, %ld skipped, %ld conflict%s resolved: %s", res.entries_applied,
		   plural(res.entries_applied), res.entries_skipped, res.conflicts, plural(res.conflicts), path);
	return UI_RELOAD | UI_REDRAW;
}

static int sync_apply(struct view *v, struct ui *ui)
{
	struct sv *r = v->priv;
	if (ui->read_only) {
		ui_message(ui, true, "Read-only: applying is refused; restart without --read-only to apply the file");
		return UI_REDRAW;
	}
	if (!*r->file) {
		ui_message(ui, false, "Preview a file first: i asks for it, and a then applies what the preview shows");
		return UI_REDRAW;
	}
	r->tab = TAB_IN;
	r->confirm = (struct confirm_request){.title = "Apply the change set?", .yes = "apply", .run = apply_file, .ctx = r};
	snprintf(r->confirm.question, sizeof r->confirm.question,
		 "Apply %.600s from %s: %ld change set%s, %ld row change%s, %ld conflict%s resolved by the newer edit? "
		 "It is applied in one transaction, and each conflict is recorded in the audit.", r->file,
		 *r->hdr.source_name ? r->hdr.source_name : "another replica", r->preview.entries_applied, plural(r->preview.entries_applied),
		 r->preview.changes, plural(r->preview.changes), r->preview.conflicts, plural(r->preview.conflicts));
	return ui_open(ui, &view_confirm, &r->confirm) | UI_REDRAW;
}

/* ---- keys ---- */

/* After a move in the peers: the Outgoing panel follows the selection. */
static int moved(struct view *v, int status, struct pb_error *e)
{
	struct sv *r = v->priv;
	if (status != PB_OK)
		ui_message(r->ui, true, "%s", e->msg);
	if (listview_index(r->lv) != r->out_for)
		make_out(r);
	return UI_REDRAW;
}

/* j/k: a peer on Outgoing, a line on Incoming. */
static int step(struct view *v, int delta)
{
	struct sv *r = v->priv;
	struct pb_error e = {0};
	if (r->tab == TAB_IN) {
		struct ui_rect p = panel_of(v);
		doc_scroll(&r->in, delta, p.w, p.h);
		return UI_REDRAW;
	}
	return moved(v, listview_move(r->lv, delta, &e), &e);
}

static int sync_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return step(v, 1);
}

static int sync_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return step(v, -1);
}

/* Scrolls the panel by pages (the peers keep their selection). */
static int page(struct view *v, int dir)
{
	struct sv *r = v->priv;
	struct ui_rect p = panel_of(v);
	doc_scroll(panel_doc(r), dir * (p.h > 2 ? p.h - 1 : 1), p.w, p.h);
	return UI_REDRAW;
}

static int sync_page_down(struct view *v, struct ui *ui)
{
	(void)ui;
	return page(v, 1);
}

static int sync_page_up(struct view *v, struct ui *ui)
{
	(void)ui;
	return page(v, -1);
}

/* g and G: the first or last peer, or the top or bottom of the incoming file. */
static int to_end(struct view *v, bool last)
{
	struct sv *r = v->priv;
	struct pb_error e = {0};
	if (r->tab == TAB_IN) {
		struct ui_rect p = panel_of(v);
		doc_scroll(&r->in, last ? DOC_MAX_LINES * 8 : -DOC_MAX_LINES * 8, p.w, p.h);
		return UI_REDRAW;
	}
	return moved(v, listview_goto(r->lv, last ? -1 : 0, &e), &e);
}

static int sync_first(struct view *v, struct ui *ui)
{
	(void)ui;
	return to_end(v, false);
}

static int sync_last(struct view *v, struct ui *ui)
{
	(void)ui;
	return to_end(v, true);
}

static int sync_tab(struct view *v, struct ui *ui)
{
	struct sv *r = v->priv;
	r->tab = (r->tab + 1) % NTABS;
	if (r->tab == TAB_IN && r->in.n == 0)
		ui_message(ui, false, "No file previewed yet: i asks for one");
	size_list(v);
	return UI_REDRAW;
}

static int sync_write(struct view *v, struct ui *ui)
{
	return start_export(v, ui, false);
}

static int sync_write_all(struct view *v, struct ui *ui)
{
	return start_export(v, ui, true);
}

static int sync_back(struct view *v, struct ui *ui)
{
	(void)v, (void)ui;
	return UI_BACK | UI_RELOAD;
}

static const struct key_binding keys[] = {
	{"down", 'j', {KEY_DOWN}, "move", "Outgoing: the next peer; Incoming: scroll down a line", sync_down, 0},
	{"up", 'k', {KEY_UP}, "move", "Outgoing: the previous peer; Incoming: scroll up a line", sync_up, 0},
	{"page-down", KEY_NPAGE, {' '}, NULL, "Scroll the panel down a page", sync_page_down, 0},
	{"page-up", KEY_PPAGE, {'b'}, NULL, "Scroll the panel up a page", sync_page_up, 0},
	{"first", 'g', {KEY_HOME}, NULL, "The first peer, or the top of the incoming file", sync_first, 0},
	{"last", 'G', {KEY_END}, NULL, "The last peer, or the end of the incoming file", sync_last, 0},
	{"panel", '\t', {KEY_BTAB, KEY_RIGHT, KEY_LEFT}, "panel", "Switch between Outgoing (peers, what to send) and Incoming (a file)",
	 sync_tab, 0},
	{"write", 'w', {0}, "write", "Write the changes not yet sent to the selected peer to a change-set file (asks where)", sync_write, 0},
	{"write-all", 'W', {0}, NULL, "Write everything the peer is not known to hold, sent before or not (a file that was lost)", sync_write_all, 0},
	{"preview", 'i', {0}, "preview", "Preview an incoming change-set file: counts and conflicts, changing nothing (asks which)",
	 sync_preview, 0},
	{"apply", 'a', {0}, "apply", "Apply the file previewed, in one transaction (asks first)", sync_apply, 0},
	{"back", 27, {0}, "back", "Back to the screen before", sync_back, 0},
	{NULL, 0, {0}, NULL, NULL, NULL, 0},
};

/* ---- drawing ---- */

static void draw_tabs(const struct sv *r, const struct ui *ui, WINDOW *w, int y, int x, int width)
{
	char t[2][PATH_LEN + 64];
	const char *slash = strrchr(r->shown, '/');
	snprintf(t[TAB_OUT], sizeof t[0], "%s %ld", tab_names[TAB_OUT], r->npeers);
	if (*r->shown)
		snprintf(t[TAB_IN], sizeof t[0], "%s %s%s", tab_names[TAB_IN], slash ? slash + 1 : r->shown, in_states[r->in_state]);
	else
		snprintf(t[TAB_IN], sizeof t[0], "%s (i previews a file)", tab_names[TAB_IN]);
	int at = 0;
	ui_put(w, y, x, width, "", A_NORMAL, false);
	for (int i = 0; i < NTABS && at < width; i++) {
		char label[PATH_LEN + 80];
		snprintf(label, sizeof label, i == r->tab ? "[%s]" : " %s ", t[i]);
		int tw = text_width(label) < width - at ? text_width(label) : width - at;
		ui_put(w, y, x + at, tw, label, i == r->tab ? A_REVERSE | A_BOLD : ui_attr(ui, UI_NORMAL), false);
		at += tw + 1;
	}
}

static void sync_draw(struct view *v, const struct ui *ui, WINDOW *w)
{
	struct sv *r = v->priv;
	char me[512];
	int y = v->area.y;
	if (r->have_me)
		snprintf(me, sizeof me, "This database: %s (id %.8s, slot %d, %ld change set%s of its own)", r->me.name, r->me.id,
			 r->me.slot, r->me.seq, plural(r->me.seq));
	else
		snprintf(me, sizeof me, "This database's identity could not be read");
	ui_put(w, y, v->area.x + 1, v->area.w - 2, me, ui_attr(ui, UI_BOLD), false);
	draw_tabs(r, ui, w, y + 1, v->area.x + 1, v->area.w - 2);
	struct ui_rect p = panel_of(v);
	if (r->tab == TAB_OUT) {
		listview_draw(r->lv, w, y + 2, v->area.x, ui, v->focused);
		ui_hline(ui, w, p.y - 1, v->area.x, v->area.w);
	}
	doc_draw(panel_doc(r), ui, w, p);
}

/* ---- view operations ---- */

static void sync_free(struct view *v)
{
	struct sv *r = v->priv;
	if (!r)
		return;
	listview_free(r->lv);
	doc_clear(&r->out), doc_clear(&r->in), doc_clear(&r->conf);
	counts_clear(&r->counts);
	free(r);
	v->priv = NULL;
}

/* arg: NULL, or the path of a change-set file to preview at once (:sync FILE). */
static int sync_init(struct view *v, struct ui *ui, const void *arg)
{
	struct sv *r = calloc(1, sizeof *r);
	struct listview_source src = {count_rows, fetch_rows, r};
	if (r)
		r->lv = listview_new(columns, NCOLS, src, "No peers yet.");
	if (!r || !r->lv) {
		free(r);
		ui_message(ui, true, "Out of memory opening the Sync screen");
		return PB_FAIL;
	}
	r->ui = ui;
	r->out_for = -2;
	v->priv = r;
	v->mode = UI_MODE_LIST;
	reread(r);
	if (arg && *(const char *)arg)
		preview_file(r, arg);
	return PB_OK;
}

static void sync_resize(struct view *v, struct ui *ui)
{
	struct sv *r = v->priv;
	struct ui_rect p;
	(void)ui;
	size_list(v);
	p = panel_of(v);
	doc_scroll(&r->out, 0, p.w, p.h);
	doc_scroll(&r->in, 0, p.w, p.h);
}

/* The data changed (an apply, Ctrl-L, a change made elsewhere): the peers and what is pending are read again; the
 * Incoming panel keeps what it shows. */
static void sync_reload(struct view *v, struct ui *ui)
{
	struct sv *r = v->priv;
	(void)ui;
	reread(r);
	size_list(v);
}

static int sync_mouse(struct view *v, struct ui *ui, const struct ui_mouse *m)
{
	struct sv *r = v->priv;
	struct pb_error e = {0};
	struct ui_rect p = panel_of(v);
	if (m->kind != UI_CLICK) {
		doc_scroll(panel_doc(r), m->kind == UI_WHEEL_UP ? -3 : 3, p.w, p.h);
		return UI_REDRAW;
	}
	if (m->y == v->area.y + 1) /* the tabs */
		return sync_tab(v, ui);
	if (r->tab != TAB_OUT || m->y >= p.y)
		return UI_REDRAW;
	long i = listview_row_at(r->lv, m->y - v->area.y - 2);
	if (i < 0)
		return UI_REDRAW;
	return moved(v, listview_goto(r->lv, i, &e), &e);
}

static void sync_frame(struct view *v, const struct ui *ui, struct ui_frame *f)
{
	struct sv *r = v->priv;
	const struct listview_row *row = listview_selected(r->lv);
	(void)ui;
	snprintf(f->where, sizeof f->where, "sync");
	snprintf(f->title, sizeof f->title, "Sync: %s", r->have_me ? r->me.name : "");
	snprintf(f->count, sizeof f->count, "%ld", r->npeers);
	if (r->tab == TAB_OUT && row)
		snprintf(f->info, sizeof f->info, "%s", row->note);
	else if (r->tab == TAB_IN && *r->file)
		snprintf(f->info, sizeof f->info, "Previewed, nothing changed yet: a applies it, i previews another");
	else
		snprintf(f->info, sizeof f->info, "i previews a change-set file from another laptop; w writes one for the peer selected");
	if (r->tab == TAB_OUT && listview_count(r->lv) > 0)
		snprintf(f->position, sizeof f->position, "%ld/%ld", listview_index(r->lv) + 1, listview_count(r->lv));
}

const struct view_ops view_sync = {
	.name = "Sync",
	.keys = keys,
	.init = sync_init,
	.draw = sync_draw,
	.key = NULL,
	.resize = sync_resize,
	.free = sync_free,
	.frame = sync_frame,
	.mouse = sync_mouse,
	.reload = sync_reload,
};
