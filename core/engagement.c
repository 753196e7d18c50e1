/* engagement.c — tenant numbers as written, occurrences of recurring events, and summaries by method, team or quarter. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engagement.h"
#include "core/text.h"

#define MAX_OCCURRENCES 400

/* Case-insensitive: does text contain word? */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, word, n) == 0 && (p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
			return true;
	return false;
}

/* The first number that is not a multiplier ("x2"): digits with thousands commas. */
static bool first_count(const char *text, long *count)
{
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '.')))
			continue;
		long n = 0;
		const char *q = p;
		while (isdigit((unsigned char)*q) || (*q == ',' && isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) &&
						       isdigit((unsigned char)q[3]) && !isdigit((unsigned char)q[4]))) {
			if (*q != ',')
				n = n * 10 + (*q - '0');
			q++;
		}
		*count = n;
		return true;
	}
	return false;
}

int engagement_tenants_parse(const char *text, struct tenants *out, char *err, size_t errlen)
{
	*out = (struct tenants){.count = -1, .basis = TENANTS_UNKNOWN, .scope = TENANTS_TOTAL};
	const char *t = text ? text : "";
	while (isspace((unsigned char)*t))
		t++;
	if (!*t || has_word(t, "unknown") || has_word(t, "tbc") || has_word(t, "n/a"))
		return 0;
	long n;
	if (!first_count(t, &n)) {
		snprintf(err, errlen, "cannot read tenants \"%s\": expected a number such as \"Circa 950 tenants\" or \"12 tenants per event\", or \"Unknown\"", t);
		return -1;
	}
	out->count = n;
	bool circa = has_word(t, "circa") || has_word(t, "c") || has_word(t, "about") || has_word(t, "approx") ||
		     has_word(t, "approximately") || has_word(t, "around") || has_word(t, "roughly") || has_word(t, "estimated") ||
		     strchr(t, '~');
	out->basis = circa ? TENANTS_CIRCA : TENANTS_EXACT;
	if (has_word(t, "per event") || has_word(t, "per session") || has_word(t, "per meeting") || has_word(t, "each time") ||
	    has_word(t, "per visit") || has_word(t, "each session") || has_word(t, "each event"))
		out->scope = TENANTS_PER_EVENT;
	return 0;
}

const char *engagement_basis_name(enum tenants_basis b)
{
	return b == TENANTS_EXACT ? "exact" : b == TENANTS_CIRCA ? "circa" : "unknown";
}

/* Months between occurrences, 0 when the frequency cannot be counted. */
static int step_months(const char *frequency)
{
	if (!frequency)
		return 0;
	if (strcmp(frequency, "monthly") == 0)
		return 1;
	if (strcmp(frequency, "every_other_month") == 0)
		return 2;
	if (strcmp(frequency, "quarterly") == 0)
		return 3;
	if (strcmp(frequency, "annual") == 0)
		return 12;
	return 0;
}

/* from + k months, the day kept where the month has it, else its last day. */
static struct date add_months(struct date from, int k)
{
	int m = from.month - 1 + k;
	struct date d = {from.year + m / 12, m % 12 + 1, from.day};
	int last = date_days_in_month(d.year, d.month);
	if (d.day > last)
		d.day = last;
	return d;
}

int engagement_occurrences(struct date from, struct date until, const char *frequency, struct date *out, int max)
{
	int step = step_months(frequency);
	if (step == 0 || date_compare(until, from) < 0)
		return 0;
	int n = 0;
	for (int k = 0;; k += step) {
		struct date d = add_months(from, k);
		if (date_compare(d, until) > 0)
			break;
		if (n < max)
			out[n] = d;
		n++;
	}
	return n;
}

void engagement_summary_init(struct engagement_summary *s, enum summary_by by)
{
	memset(s, 0, sizeof *s);
	s->by = by;
	snprintf(s->total.key, sizeof s->total.key, "Total");
}

static struct summary_row *row_for(struct engagement_summary *s, const char *key)
{
	for (int i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].key, key) == 0)
			return &s->rows[i];
	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->rows = realloc(s->rows, (size_t)s->cap * sizeof *s->rows);
		if (!s->rows)
			abort();
	}
	struct summary_row *r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key);
	return r;
}

/* Adds one engagement held `occurrences` times (0: not countable) to r; its tenant number is
 * added `tenant_times` times (0 when it is counted in another row, e.g. an earlier quarter). */
static void count_into(struct summary_row *r, const struct engagement_fact *f, long occurrences, long tenant_times)
{
	r->engagements++;
	r->occurrences += occurrences > 0 ? occurrences : 1;
	r->with_we_did += f->we_did;
	if (f->tenants.basis == TENANTS_UNKNOWN) {
		r->unknown_tenants++;
		return;
	}
	if (tenant_times == 0)
		return;
	if (f->tenants.scope == TENANTS_PER_EVENT && occurrences <= 0)
		r->lower_bound++; /* how often it was held is not known: counted once */
	if (f->tenants.basis == TENANTS_CIRCA)
		r->tenants_circa += f->tenants.count * tenant_times;
	else
		r->tenants_exact += f->tenants.count * tenant_times;
}

/* How many times an engagement's tenant number counts when it was held n times (0: not countable). */
static long tenant_times(const struct engagement_fact *f, long n)
{
	return f->tenants.scope == TENANTS_PER_EVENT && n > 0 ? n : 1;
}

static int occurrences_of(const struct engagement_fact *f, struct date *dates, int max)
{
	if (!f->dated)
		return 0;
	if (f->frequency && strcmp(f->frequency, "one_off") == 0) {
		dates[0] = f->held_on;
		return 1;
	}
	return f->ranged ? engagement_occurrences(f->held_on, f->held_until, f->frequency, dates, max) : 0;
}

/* By quarter: every occurrence counts in its own quarter; a number for the whole engagement in its first. */
static void add_by_quarter(struct engagement_summary *s, const struct engagement_fact *f, const struct date *dates, int n)
{
	char label[32], other[32];
	if (!f->dated || n <= 0) {
		if (f->dated)
			date_quarter_label(f->held_on, label, sizeof label);
		count_into(row_for(s, f->dated ? label : "Undated"), f, 0, 1);
		return;
	}
	if (n > MAX_OCCURRENCES)
		n = MAX_OCCURRENCES;
	for (int i = 0, j; i < n; i = j) {
		date_quarter_label(dates[i], label, sizeof label);
		for (j = i + 1; j < n; j++) {
			date_quarter_label(dates[j], other, sizeof other);
			if (strcmp(other, label) != 0)
				break;
		}
		long times = f->tenants.scope == TENANTS_PER_EVENT ? j - i : i == 0;
		count_into(row_for(s, label), f, j - i, times);
	}
}

void engagement_summary_add(struct engagement_summary *s, const struct engagement_fact *f)
{
	struct date dates[MAX_OCCURRENCES];
	int n = occurrences_of(f, dates, MAX_OCCURRENCES);
	count_into(&s->total, f, n, tenant_times(f, n));
	if (s->by == SUMMARY_QUARTER)
		add_by_quarter(s, f, dates, n);
	else
		count_into(row_for(s, s->by == SUMMARY_METHOD ? (f->method && *f->method ? f->method : "(no method)")
							    : (f->team && *f->team ? f->team : "(no team)")),
			   f, n, tenant_times(f, n));
}

static int by_key(const void *a, const void *b)
{
	const struct summary_row *x = a, *y = b;
	bool ux = strcmp(x->key, "Undated") == 0, uy = strcmp(y->key, "Undated") == 0;
	if (ux != uy)
		return ux ? 1 : -1;
	return strcmp(x->key, y->key);
}

void engagement_summary_finish(struct engagement_summary *s)
{
	if (s->nrows > 1)
		qsort(s->rows, (size_t)s->nrows, sizeof *s->rows, by_key);
}

void engagement_summary_free(struct engagement_summary *s)
{
	free(s->rows);
	s->rows = NULL;
	s->nrows = s->cap = 0;
}

/* 12345 → "12,345" */
static void thousands(long n, char *out, size_t outlen)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%ld", n);
	size_t len = strlen(digits), o = 0;
	for (size_t i = 0; i < len && o + 2 < outlen; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void engagement_tenants_text(const struct summary_row *r, char *out, size_t outlen)
{
	long sum = r->tenants_exact + r->tenants_circa;
	char n[32];
	if (sum == 0 && r->tenants_circa == 0 && r->tenants_exact == 0) {
		snprintf(out, outlen, "-");
		return;
	}
	thousands(sum, n, sizeof n);
	snprintf(out, outlen, "%s%s%s", r->tenants_circa ? "c. " : "", n, r->lower_bound ? "+" : "");
}
