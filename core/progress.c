/* progress.c — progress lines made at most ten times a second, and the Ctrl-C flag long loops poll. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/progress.h"
#include "core/text.h"

#define BAR_MIN 10 /* columns of the bar between its brackets, at least … */
#define BAR_MAX 30 /* … and at most */

static volatile sig_atomic_t interrupted;
static struct sigaction previous;
static bool caught;

int progress_step(const struct progress_hook *h, long done, long total)
{
	return h && h->step ? h->step(h->ctx, done, total) : PB_OK;
}

void progress_init(struct progress *p, const char *label, const char *unit)
{
	memset(p, 0, sizeof *p);
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->unit, sizeof p->unit, "%s", unit);
	p->min_total = PROGRESS_MIN_ROWS;
	p->interval_ms = PROGRESS_INTERVAL_MS;
	p->last_ms = -1;
	p->last_done = -1;
}

void progress_number(long n, char *out, size_t len)
{
	char digits[32];
	int nd = snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n), o = 0;
	char tmp[48];
	if (n < 0)
		tmp[o++] = '-';
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	snprintf(out, len, "%s", tmp);
}

/* "[#####-----]": fill columns of marks out of width between the brackets. */
static void bar(long done, long total, int width, char *out, size_t len)
{
	int fill = (int)((double)done * width / (double)total);
	size_t o = 0;
	if (len < (size_t)width + 3)
		return;
	out[o++] = '[';
	for (int i = 0; i < width; i++)
		out[o++] = i < fill ? '#' : '-';
	out[o++] = ']';
	out[o] = '\0';
}

void progress_format(const struct progress *p, long done, long total, int width, char *out, size_t len)
{
	char d[32], t[32], tail[128], label[sizeof p->label], b[BAR_MAX + 3] = "";
	if (total > 0 && done > total)
		total = done;
	progress_number(done, d, sizeof d);
	if (total > 0) { /* done is padded to the total's width, so the line keeps its length as the count grows */
		progress_number(total, t, sizeof t);
		snprintf(tail, sizeof tail, "  %*s / %s %s  %3d%%", (int)strlen(t), d, t, p->unit, (int)((double)done * 100 / (double)total));
	} else {
		snprintf(tail, sizeof tail, "  %s %s", d, p->unit);
	}
	int room = width - 1 - text_width(tail); /* the last column is left free, so the terminal never wraps the line */
	int lw = text_width(p->label);
	if (total > 0 && room >= lw + 2 + BAR_MIN + 2) {
		int bw = room - lw - 4;
		bar(done, total, bw > BAR_MAX ? BAR_MAX : bw, b, sizeof b);
	}
	text_fit(p->label, room > 1 ? (*b ? lw : room) : 1, false, label, sizeof label);
	snprintf(out, len, "%s%s%s%s", label, *b ? "  " : "", b, tail);
}

bool progress_due(struct progress *p, long done, long total, long long now_ms)
{
	if (total > 0 ? total < p->min_total : done < p->min_total)
		return false;
	if (done == p->last_done)
		return false;
	bool finished = total > 0 && done >= total;
	if (p->last_ms >= 0 && now_ms - p->last_ms < p->interval_ms && !finished)
		return false;
	p->last_ms = now_ms;
	p->last_done = done;
	p->shown = true;
	return true;
}

/* ---- Ctrl-C ---- */

/* Only sets the flag: the work stops at its next step, undoing what it did. */
static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

void progress_catch_interrupt(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART; /* reads and writes carry on; the loop sees the flag at its next step */
	interrupted = 0;
	if (sigaction(SIGINT, &sa, &previous) == 0)
		caught = true;
}

void progress_release_interrupt(void)
{
	if (caught)
		sigaction(SIGINT, &previous, NULL);
	caught = false;
}

bool progress_interrupted(void)
{
	return interrupted != 0;
}
