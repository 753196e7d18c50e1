/* when.c — reads target-date text ("Sep-25 (Revised Jan-26)", "Year 1 / 2", "31/03/2027") into a struct when. */
#include "core/when.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define EXPECTED "expected a date such as 31/03/2027, Sep-25, July 2026, Year 2, Ongoing or TBC"
#define MIN_YEAR 1900      /* four-digit years outside this range are typing slips */
#define MAX_YEAR 2199
#define MAX_PLAN_YEAR 25   /* "Year 2026" is a calendar year, not a plan year */
#define QUOTE_MAX 80       /* longest quotation of the text in a message, in bytes */

enum tok_kind { TOK_END, TOK_NUM, TOK_WORD, TOK_PUNCT };

/* One token of the text; tokens are read on demand, nothing is stored. */
struct tok {
	enum tok_kind kind;
	const char *start, *end; /* its bytes */
	bool spaced;             /* whitespace comes before it */
	char punct;              /* TOK_PUNCT: '-' for any dash, '\'' for any apostrophe, 0 if unknown */
	int value;               /* TOK_NUM: its value (capped at 99999) */
	int digits;              /* TOK_NUM: how many digits */
};

enum action {
	ACT_FILLER,      /* words that do not change the date ("by", "target") */
	ACT_REVISION,    /* the next date replaces the one before ("Revised") */
	ACT_STATE,       /* a state word ("Ongoing", "ON HOLD") */
	ACT_COMPLETE,    /* "Complete": a state, unless a date follows at once */
	ACT_AMBIGUOUS,   /* words that could mean done or due */
};

/* A known word or phrase: lower case, words separated by one space
 * (in the text they may be separated by spaces, line breaks or hyphens). */
struct phrase {
	const char *words;
	enum action action;
	enum when_state state;
};

static const struct phrase phrases[] = {
	{ "by", ACT_FILLER, WHEN_STATE_NONE },
	{ "target", ACT_FILLER, WHEN_STATE_NONE },
	{ "targets", ACT_FILLER, WHEN_STATE_NONE },
	{ "targeted", ACT_FILLER, WHEN_STATE_NONE },
	{ "date", ACT_FILLER, WHEN_STATE_NONE },
	{ "dates", ACT_FILLER, WHEN_STATE_NONE },
	{ "deadline", ACT_FILLER, WHEN_STATE_NONE },
	{ "due", ACT_FILLER, WHEN_STATE_NONE },
	{ "end", ACT_FILLER, WHEN_STATE_NONE },
	{ "of", ACT_FILLER, WHEN_STATE_NONE },
	{ "the", ACT_FILLER, WHEN_STATE_NONE },
	{ "in", ACT_FILLER, WHEN_STATE_NONE },
	{ "on", ACT_FILLER, WHEN_STATE_NONE },
	{ "to", ACT_FILLER, WHEN_STATE_NONE },
	{ "be", ACT_FILLER, WHEN_STATE_NONE },
	{ "for", ACT_FILLER, WHEN_STATE_NONE },
	{ "first", ACT_FILLER, WHEN_STATE_NONE },
	{ "meeting", ACT_FILLER, WHEN_STATE_NONE },
	{ "held", ACT_FILLER, WHEN_STATE_NONE },
	{ "completion", ACT_FILLER, WHEN_STATE_NONE },
	{ "complete by", ACT_FILLER, WHEN_STATE_NONE },
	{ "completion by", ACT_FILLER, WHEN_STATE_NONE },
	{ "to be complete by", ACT_FILLER, WHEN_STATE_NONE },
	{ "to be completed by", ACT_FILLER, WHEN_STATE_NONE },
	{ "pending funds", ACT_FILLER, WHEN_STATE_NONE },
	{ "pending funding", ACT_FILLER, WHEN_STATE_NONE },
	{ "subject to funding", ACT_FILLER, WHEN_STATE_NONE },
	{ "revised", ACT_REVISION, WHEN_STATE_NONE },
	{ "revise d", ACT_REVISION, WHEN_STATE_NONE }, /* PDF artefact of "REVISED" */
	{ "rev", ACT_REVISION, WHEN_STATE_NONE },
	{ "extended", ACT_REVISION, WHEN_STATE_NONE },
	{ "moved", ACT_REVISION, WHEN_STATE_NONE },
	{ "now", ACT_REVISION, WHEN_STATE_NONE },
	{ "amended", ACT_REVISION, WHEN_STATE_NONE },
	{ "reprofiled", ACT_REVISION, WHEN_STATE_NONE },
	{ "re profiled", ACT_REVISION, WHEN_STATE_NONE },
	{ "deferred", ACT_REVISION, WHEN_STATE_NONE },
	{ "delayed", ACT_REVISION, WHEN_STATE_NONE },
	{ "postponed", ACT_REVISION, WHEN_STATE_NONE },
	{ "ongoing", ACT_STATE, WHEN_STATE_ONGOING },
	{ "on going", ACT_STATE, WHEN_STATE_ONGOING },
	{ "on hold", ACT_STATE, WHEN_STATE_ON_HOLD },
	{ "tbc", ACT_STATE, WHEN_STATE_TBC },
	{ "tba", ACT_STATE, WHEN_STATE_TBC },
	{ "tbd", ACT_STATE, WHEN_STATE_TBC },
	{ "to be confirmed", ACT_STATE, WHEN_STATE_TBC },
	{ "to be agreed", ACT_STATE, WHEN_STATE_TBC },
	{ "to be determined", ACT_STATE, WHEN_STATE_TBC },
	{ "completed", ACT_STATE, WHEN_STATE_COMPLETE },
	{ "complete", ACT_COMPLETE, WHEN_STATE_COMPLETE },
	{ "completed by", ACT_AMBIGUOUS, WHEN_STATE_NONE },
};

static const struct {
	const char *name;
	int month;
} month_words[] = {
	{ "jan", 1 }, { "january", 1 }, { "feb", 2 }, { "february", 2 },
	{ "mar", 3 }, { "march", 3 }, { "apr", 4 }, { "april", 4 },
	{ "may", 5 }, { "jun", 6 }, { "june", 6 }, { "jul", 7 }, { "july", 7 },
	{ "aug", 8 }, { "august", 8 }, { "sep", 9 }, { "sept", 9 }, { "september", 9 },
	{ "oct", 10 }, { "october", 10 }, { "nov", 11 }, { "november", 11 },
	{ "dec", 12 }, { "december", 12 },
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* State of one when_parse() call. */
struct parser {
	const char *what; /* what the text is read as, for the message: "target date" */
	const char *text;
	const struct date *plan_start;
	struct when *out;
	char *err;
	size_t errlen;
	const char *pos;            /* where the next token starts */
	bool read_any;              /* a date or state word has been read */
	bool plan_year_open;        /* a following "Year N" widens the last date */
	int plan_year;              /* highest year of that last plan-year date */
	struct tok revision;        /* the revision word still waiting for its date */
	bool revision_pending;
	struct tok state_word;      /* the first state word read */
};

/* Bytes taken by the whitespace character at p (ASCII or no-break space), else 0. */
static int space_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (*u == ' ' || (*u >= '\t' && *u <= '\r'))
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x87))
		return 3;
	return 0;
}

/* Skips whitespace from p. */
static const char *skip_space(const char *p)
{
	int n;

	while ((n = space_len(p)) > 0)
		p += n;
	return p;
}

/* Reads a punctuation token at p, mapping Unicode dashes and apostrophes. */
static struct tok lex_punct(const char *p, struct tok t)
{
	const unsigned char *u = (const unsigned char *)p;

	t.kind = TOK_PUNCT;
	if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x90 && u[2] <= 0x95) || u[2] == 0x98 || u[2] == 0x99)) {
		t.punct = u[2] <= 0x95 ? '-' : '\''; /* U+2010-2015 dashes, U+2018/2019 quotes */
		t.end = p + 3;
		return t;
	}
	t.end = p + 1;
	if (u[0] >= 0x80) { /* other non-ASCII: the whole character, unknown */
		while ((*(const unsigned char *)t.end & 0xC0) == 0x80)
			t.end++;
		return t;
	}
	t.punct = (u[0] > ' ' && u[0] < 0x7F) ? (char)u[0] : 0;
	return t;
}

/* Reads the token that starts at or after p. */
static struct tok lex(const char *p)
{
	struct tok t = { TOK_END, NULL, NULL, false, 0, 0, 0 };
	const char *s = skip_space(p);

	t.spaced = s != p;
	t.start = t.end = s;
	if (*s == '\0')
		return t;
	if (*s >= '0' && *s <= '9') {
		t.kind = TOK_NUM;
		for (; *t.end >= '0' && *t.end <= '9'; t.end++, t.digits++)
			if (t.value < 10000)
				t.value = t.value * 10 + (*t.end - '0');
		return t;
	}
	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
		t.kind = TOK_WORD;
		while ((*t.end >= 'a' && *t.end <= 'z') || (*t.end >= 'A' && *t.end <= 'Z'))
			t.end++;
		return t;
	}
	return lex_punct(s, t);
}

/* Length of a token in bytes, for "%.*s". */
static int tok_len(struct tok t)
{
	return (int)(t.end - t.start);
}

/* True when word token t spells w (n bytes, lower case), ignoring case. */
static bool word_eq(struct tok t, const char *w, size_t n)
{
	if (t.kind != TOK_WORD || (size_t)tok_len(t) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t.start[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/* True when t is punctuation c. */
static bool is_punct(struct tok t, char c)
{
	return t.kind == TOK_PUNCT && t.punct == c;
}

/* The month (1-12) that word t names, else 0. */
static int month_of(struct tok t)
{
	for (size_t i = 0; i < sizeof month_words / sizeof month_words[0]; i++)
		if (word_eq(t, month_words[i].name, strlen(month_words[i].name)))
			return month_words[i].month;
	return 0;
}

/* True when t is "Year", "Years", "Yr" or "Yrs". */
static bool is_year_word(struct tok t)
{
	return word_eq(t, "year", 4) || word_eq(t, "years", 5) ||
	       word_eq(t, "yr", 2) || word_eq(t, "yrs", 3);
}

/* True when t begins a date: a number, a month or "Year". */
static bool starts_date(struct tok t)
{
	return t.kind == TOK_NUM || month_of(t) || is_year_word(t);
}

/* Copies text into buf with whitespace runs as single spaces, cut short with "..." if long. */
static void quote_text(const char *text, char *buf, size_t size)
{
	const char *p = skip_space(text);
	size_t n = 0;

	while (*p && n + 1 < size) {
		int sp = space_len(p);

		if (sp) {
			p = skip_space(p);
			if (*p)
				buf[n++] = ' ';
			continue;
		}
		buf[n++] = ((unsigned char)*p < ' ') ? '?' : *p;
		p++;
	}
	if (*p && size > 4) { /* too long: cut at a character boundary */
		n = size - 4;
		while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
			n--;
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
}

/* Writes the message 'cannot read WHAT "TEXT": ...', clears the result, returns -1. */
__attribute__((format(printf, 2, 3)))
static int fail(struct parser *ps, const char *fmt, ...)
{
	char quoted[QUOTE_MAX + 1];
	va_list ap;
	int n;

	memset(ps->out, 0, sizeof *ps->out);
	if (!ps->err || ps->errlen == 0)
		return -1;
	quote_text(ps->text, quoted, sizeof quoted);
	n = snprintf(ps->err, ps->errlen, "cannot read %s \"%s\": ", ps->what, quoted);
	if (n < 0 || (size_t)n >= ps->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Appends a date to the result; fails when there are already WHEN_MAX_DATES. */
static int add_date(struct parser *ps, struct date d, enum when_precision precision)
{
	struct when *w = ps->out;

	if (w->ndates == WHEN_MAX_DATES)
		return fail(ps, "more than %d dates (the original target and %d revisions at most)",
			    WHEN_MAX_DATES, WHEN_MAX_DATES - 1);
	w->dates[w->ndates].date = d;
	w->dates[w->ndates].precision = precision;
	w->ndates++;
	ps->read_any = true;
	ps->revision_pending = false;
	ps->plan_year_open = false;
	return 0;
}

/* Reads year token t: two digits are 20xx, four digits must be a plausible year. */
static int year_value(struct parser *ps, struct tok t, int *year)
{
	if (t.digits == 2) {
		*year = 2000 + t.value;
		return 0;
	}
	if (t.digits == 4 && t.value >= MIN_YEAR && t.value <= MAX_YEAR) {
		*year = t.value;
		return 0;
	}
	return fail(ps, "%.*s is not a year (write it as 2026 or 26)", tok_len(t), t.start);
}

/* Checks day/month/year and adds it as a day-precision date. */
static int add_day(struct parser *ps, int day, int month, int year)
{
	if (month < 1 || month > 12)
		return fail(ps, "%d is not a month (dates are day/month/year)", month);
	if (!date_valid(year, month, day))
		return fail(ps, "there is no %d %s %d", day, month_names[month - 1], year);
	return add_date(ps, (struct date){ year, month, day }, WHEN_PRECISION_DAY);
}

/* Reads the year after month word tm (and day, if not 0): "Sep-25", "July 2026", "30 April 2026". */
static int read_month_year(struct parser *ps, struct tok tm, int day)
{
	struct tok t = lex(tm.end);
	int month = month_of(tm), year = 0;

	if (t.kind == TOK_PUNCT && t.punct && strchr("-.'/,", t.punct))
		t = lex(t.end);
	if (t.kind != TOK_NUM)
		return fail(ps, "expected a year after \"%.*s\" (e.g. %s 2026)",
			    tok_len(tm), tm.start, month_names[month - 1]);
	if (t.digits != 2 && t.digits != 4)
		return fail(ps, "expected a year after \"%.*s\" (e.g. %s 2026), not %.*s",
			    tok_len(tm), tm.start, month_names[month - 1], tok_len(t), t.start);
	if (year_value(ps, t, &year) < 0)
		return -1;
	ps->pos = t.end;
	if (day)
		return add_day(ps, day, month, year);
	return add_date(ps, date_end_of_month(year, month), WHEN_PRECISION_MONTH);
}

/* Reads three numbers joined by one separator: day/month/year, or year-month-day. */
static int read_dmy(struct parser *ps, struct tok a, struct tok b, struct tok c)
{
	struct tok after = lex(c.end);
	int year = 0;

	if (after.kind == TOK_PUNCT && !after.spaced && (after.punct == '/' || after.punct == '-') &&
	    lex(after.end).kind == TOK_NUM)
		return fail(ps, "\"%.*s\" is not a date; " EXPECTED,
			    (int)(lex(after.end).end - a.start), a.start);
	ps->pos = c.end;
	if (a.digits == 4 && b.digits <= 2 && c.digits <= 2) {
		if (year_value(ps, a, &year) < 0)
			return -1;
		return add_day(ps, c.value, b.value, year);
	}
	if (a.digits > 2 || b.digits > 2)
		return fail(ps, "\"%.*s\" is not a date (dates are day/month/year)",
			    (int)(c.end - a.start), a.start);
	if (year_value(ps, c, &year) < 0)
		return -1;
	return add_day(ps, a.value, b.value, year);
}

/* Reads "03/2027" (month and four-digit year); anything else of two numbers is refused. */
static int read_month_slash_year(struct parser *ps, struct tok a, struct tok b)
{
	int year = 0;

	if (a.digits > 2 || a.value < 1 || a.value > 12 || b.digits != 4)
		return fail(ps, "\"%.*s\" is not a date; " EXPECTED, (int)(b.end - a.start), a.start);
	if (year_value(ps, b, &year) < 0)
		return -1;
	ps->pos = b.end;
	return add_date(ps, date_end_of_month(year, a.value), WHEN_PRECISION_MONTH);
}

/* Reads a day followed by a month word: "30 April 2026", "1st May 26", "30-Apr-26". */
static int read_day_month(struct parser *ps, struct tok day)
{
	struct tok t = lex(day.end);

	if (!t.spaced && (word_eq(t, "st", 2) || word_eq(t, "nd", 2) ||
			  word_eq(t, "rd", 2) || word_eq(t, "th", 2)))
		t = lex(t.end);
	if ((is_punct(t, '-') || is_punct(t, '.')) && month_of(lex(t.end)))
		t = lex(t.end);
	if (!month_of(t))
		return fail(ps, "a number on its own (%.*s) is not a date; " EXPECTED,
			    tok_len(day), day.start);
	if (day.digits > 2)
		return fail(ps, "%.*s is not a day of the month", tok_len(day), day.start);
	return read_month_year(ps, t, day.value);
}

/* True when t is a separator inside a numeric date ("/", "-" or "."). */
static bool is_date_sep(struct tok t)
{
	return t.kind == TOK_PUNCT && !t.spaced &&
	       (t.punct == '/' || t.punct == '-' || t.punct == '.');
}

/* Reads a date that starts with a number. */
static int read_numeric(struct parser *ps, struct tok a)
{
	struct tok s1 = lex(a.end), b, s2, c;

	if (!is_date_sep(s1))
		return read_day_month(ps, a);
	b = lex(s1.end);
	if (b.kind != TOK_NUM || b.spaced)
		return read_day_month(ps, a);
	s2 = lex(b.end);
	c = lex(s2.end);
	if (is_date_sep(s2) && s2.punct == s1.punct && c.kind == TOK_NUM && !c.spaced)
		return read_dmy(ps, a, b, c);
	return read_month_slash_year(ps, a, b);
}

/* Checks plan-year number t (1 to MAX_PLAN_YEAR). */
static int plan_year_number(struct parser *ps, struct tok t, int *n)
{
	if (t.digits <= 2 && t.value == 0)
		return fail(ps, "there is no Year 0 (plan years count from Year 1)");
	if (t.digits > 2 || t.value > MAX_PLAN_YEAR)
		return fail(ps, "Year %.*s is not a plan year (plans count Year 1, Year 2 and so on, up to Year %d)",
			    tok_len(t), t.start, MAX_PLAN_YEAR);
	*n = t.value;
	return 0;
}

/* The last day of plan year n: financial years from an April start, else
 * the day before the n-th anniversary of plan_start. */
static struct date plan_year_end(struct date start, int n)
{
	struct date anniversary = { start.year + n, start.month, start.day };

	if (start.month == 4)
		return (struct date){ start.year + n, 3, 31 };
	if (!date_valid(anniversary.year, anniversary.month, anniversary.day))
		anniversary = (struct date){ anniversary.year, 3, 1 }; /* 29 February */
	return date_from_days(date_to_days(anniversary) - 1);
}

/* Reads the numbers after "Year": "1", "1 / 2", "1&2", "3-5", "1 - Year 5"; *hi gets the highest. */
static int read_year_list(struct parser *ps, struct tok first, int *hi)
{
	int prev = 0;

	if (plan_year_number(ps, first, &prev) < 0)
		return -1;
	*hi = prev;
	ps->pos = first.end;
	for (;;) {
		struct tok sep = lex(ps->pos), t;
		bool range = is_punct(sep, '-') || word_eq(sep, "to", 2);
		int n = 0;

		if (!range && !is_punct(sep, '/') && !is_punct(sep, '&') && !is_punct(sep, ',') &&
		    !is_punct(sep, '+') && !word_eq(sep, "and", 3))
			return 0;
		t = lex(sep.end);
		if (is_year_word(t))
			t = lex(t.end);
		if (t.kind != TOK_NUM)
			return 0; /* the separator belongs to what follows */
		if (plan_year_number(ps, t, &n) < 0)
			return -1;
		if (range && n < prev)
			return fail(ps, "Years %d-%d run backwards", prev, n);
		prev = n;
		if (n > *hi)
			*hi = n;
		ps->pos = t.end;
	}
}

/* Reads "Year 2", "Years 3-5", …; a "Year" right after another widens the same date. */
static int read_plan_years(struct parser *ps, struct tok word)
{
	struct tok t = lex(word.end);
	const struct date *start = ps->plan_start;
	int hi = 0;

	if (t.kind != TOK_NUM)
		return fail(ps, "expected a number after \"%.*s\" (e.g. Year 2)", tok_len(word), word.start);
	if (read_year_list(ps, t, &hi) < 0)
		return -1;
	if (!start)
		return fail(ps, "a plan year needs the plan's start date (give --plan or --start)");
	if (!date_valid(start->year, start->month, start->day))
		return fail(ps, "the plan's start date %04d-%02d-%02d does not exist",
			    start->year, start->month, start->day);
	if (ps->plan_year_open && ps->out->ndates > 0) {
		if (hi < ps->plan_year)
			hi = ps->plan_year;
		ps->out->dates[ps->out->ndates - 1].date = plan_year_end(*start, hi);
	} else if (add_date(ps, plan_year_end(*start, hi), WHEN_PRECISION_PLAN_YEAR) < 0) {
		return -1;
	}
	ps->plan_year_open = true;
	ps->plan_year = hi;
	return 0;
}

/* Where phrase words matches the text from p, the end of the match; else NULL. */
static const char *match_words(const char *p, const char *words)
{
	const char *w = words;

	for (;;) {
		struct tok t = lex(p);
		size_t n = strcspn(w, " ");

		if (!word_eq(t, w, n))
			return NULL;
		p = t.end;
		w += n;
		if (*w == '\0')
			return p;
		w++;
		t = lex(p);
		if (is_punct(t, '-')) /* "On-going", "re-profiled" */
			p = t.end;
	}
}

/* The longest known phrase at p (its end in *end), or NULL. */
static const struct phrase *match_phrase(const char *p, const char **end)
{
	const struct phrase *best = NULL;

	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		const char *e = match_words(p, phrases[i].words);

		if (e && (!best || e > *end)) {
			best = &phrases[i];
			*end = e;
		}
	}
	return best;
}

/* Records a state word; two different states in one text are an error. */
static int set_state(struct parser *ps, enum when_state state, struct tok first, const char *end)
{
	struct tok word = first;

	word.end = end;
	if (ps->out->state != WHEN_STATE_NONE && ps->out->state != state)
		return fail(ps, "it says both \"%.*s\" and \"%.*s\"", tok_len(ps->state_word),
			    ps->state_word.start, tok_len(word), word.start);
	if (ps->out->state == WHEN_STATE_NONE)
		ps->state_word = word;
	ps->out->state = state;
	ps->read_any = true;
	ps->revision_pending = false;
	return 0;
}

/* Acts on a known phrase that starts at token t and ends at end. */
static int apply_phrase(struct parser *ps, const struct phrase *ph, struct tok t, const char *end)
{
	ps->pos = end;
	switch (ph->action) {
	case ACT_FILLER:
		return 0;
	case ACT_REVISION:
		ps->revision = t;
		ps->revision.end = end;
		ps->revision_pending = true;
		ps->plan_year_open = false;
		return 0;
	case ACT_COMPLETE:
		if (starts_date(lex(end)))
			return fail(ps, "\"%.*s\" before a date could mean done or due: write \"Complete by\" "
				    "and the date for a target, or \"Completed\" and the date once done",
				    (int)(end - t.start), t.start);
		return set_state(ps, ph->state, t, end);
	case ACT_STATE:
		return set_state(ps, ph->state, t, end);
	case ACT_AMBIGUOUS:
		break;
	}
	return fail(ps, "\"%.*s\" could mean done or due: write \"Complete by\" and the date for a target, "
		    "or \"Completed\" and the date once done", (int)(end - t.start), t.start);
}

/* Reads a token that is a word. */
static int read_word(struct parser *ps, struct tok t)
{
	const struct phrase *ph;
	const char *end = NULL;

	if (month_of(t))
		return read_month_year(ps, t, 0);
	if (is_year_word(t))
		return read_plan_years(ps, t);
	ph = match_phrase(t.start, &end);
	if (ph)
		return apply_phrase(ps, ph, t, end);
	if (!ps->read_any)
		return fail(ps, EXPECTED);
	return fail(ps, "unexpected \"%.*s\"; " EXPECTED, tok_len(t), t.start);
}

/* Skips punctuation that only separates ("(", ",", ":" …); anything else is an error. */
static int read_punct(struct parser *ps, struct tok t)
{
	if (t.punct && strchr("()[],;:.-'", t.punct)) {
		ps->pos = t.end;
		return 0;
	}
	return fail(ps, "unexpected \"%.*s\"; " EXPECTED, tok_len(t), t.start);
}

/* Checks what was read and settles the state. */
static int finish(struct parser *ps, bool saw_token)
{
	struct when *w = ps->out;

	if (ps->revision_pending)
		return fail(ps, "\"%.*s\" is not followed by the new date",
			    tok_len(ps->revision), ps->revision.start);
	if (w->ndates == 0 && w->state == WHEN_STATE_NONE)
		return saw_token ? fail(ps, EXPECTED) : 0;
	if (w->state == WHEN_STATE_NONE)
		w->state = WHEN_STATE_DATED;
	return 0;
}

/* Reads text into out; see when.h. */
int when_parse(const char *text, const struct date *plan_start,
	       struct when *out, char *err, size_t errlen)
{
	return when_parse_as("target date", text, plan_start, out, err, errlen);
}

/* Reads text into out, a message naming it as what; see when.h. */
int when_parse_as(const char *what, const char *text, const struct date *plan_start,
		  struct when *out, char *err, size_t errlen)
{
	struct parser ps;
	bool saw_token = false;

	if (!out)
		return -1;
	memset(&ps, 0, sizeof ps);
	ps.what = what ? what : "date";
	ps.text = text ? text : "";
	ps.plan_start = plan_start;
	ps.out = out;
	ps.err = err;
	ps.errlen = errlen;
	ps.pos = ps.text;
	memset(out, 0, sizeof *out);
	if (err && errlen)
		err[0] = '\0';
	for (;;) {
		struct tok t = lex(ps.pos);
		int rc;

		if (t.kind == TOK_END)
			return finish(&ps, saw_token);
		saw_token = true;
		if (t.kind == TOK_NUM)
			rc = read_numeric(&ps, t);
		else if (t.kind == TOK_WORD)
			rc = read_word(&ps, t);
		else
			rc = read_punct(&ps, t);
		if (rc < 0)
			return -1;
	}
}

/* "none", "dated", "ongoing", "on_hold", "tbc" or "complete". */
const char *when_state_name(enum when_state state)
{
	switch (state) {
	case WHEN_STATE_NONE: return "none";
	case WHEN_STATE_DATED: return "dated";
	case WHEN_STATE_ONGOING: return "ongoing";
	case WHEN_STATE_ON_HOLD: return "on_hold";
	case WHEN_STATE_TBC: return "tbc";
	case WHEN_STATE_COMPLETE: return "complete";
	}
	return "unknown";
}

/* "none", "day", "month" or "plan_year". */
const char *when_precision_name(enum when_precision p)
{
	switch (p) {
	case WHEN_PRECISION_NONE: return "none";
	case WHEN_PRECISION_DAY: return "day";
	case WHEN_PRECISION_MONTH: return "month";
	case WHEN_PRECISION_PLAN_YEAR: return "plan_year";
	}
	return "unknown";
}
