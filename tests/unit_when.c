/* unit_when.c — table-driven tests for when_parse(): the seed trackers' target dates, common forms, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/when.h"

#define APR26 "2026-04-01" /* HRS-2026 plan: financial years from April 2026 */
#define EXPECTED "expected a date such as 31/03/2027, Sep-25, July 2026, Year 2, Ongoing or TBC"

#define DATED WHEN_STATE_DATED
#define NONE_ WHEN_STATE_NONE
#define ONGOING WHEN_STATE_ONGOING
#define ON_HOLD WHEN_STATE_ON_HOLD
#define TBC WHEN_STATE_TBC
#define COMPLETE WHEN_STATE_COMPLETE
#define P_NONE WHEN_PRECISION_NONE
#define DAY WHEN_PRECISION_DAY
#define MONTH WHEN_PRECISION_MONTH
#define PLAN WHEN_PRECISION_PLAN_YEAR

/* A text that must read: its dates (ISO, oldest first), its state, the current date's precision. */
struct good_case {
	const char *text;
	const char *plan_start; /* ISO, or NULL */
	const char *dates[WHEN_MAX_DATES + 1];
	enum when_state state;
	enum when_precision precision;
};

static const struct good_case good[] = {
	/* HIP Q4 2025/26 update, column "Target Date" (seed 000, from line 1698) */
	{ "Jul-25", NULL, { "2025-07-31" }, DATED, MONTH },
	{ "Aug-25", NULL, { "2025-08-31" }, DATED, MONTH },
	{ "Sep-25", NULL, { "2025-09-30" }, DATED, MONTH },
	{ "Oct-25", NULL, { "2025-10-31" }, DATED, MONTH },
	{ "Nov-25", NULL, { "2025-11-30" }, DATED, MONTH },
	{ "Dec-25", NULL, { "2025-12-31" }, DATED, MONTH },
	{ "Jan-26", NULL, { "2026-01-31" }, DATED, MONTH },
	{ "Mar-26", NULL, { "2026-03-31" }, DATED, MONTH },
	{ "Jun-26", NULL, { "2026-06-30" }, DATED, MONTH },
	{ "Nov-26", NULL, { "2026-11-30" }, DATED, MONTH },
	{ "Jan-27", NULL, { "2027-01-31" }, DATED, MONTH },
	{ "Sep-25 (Revised Jan-26)", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25 (Revised Nov-25)", NULL, { "2025-09-30", "2025-11-30" }, DATED, MONTH },
	{ "Sep-25 (Revised Jan-26) REVISE D MAY 2026", NULL,
	  { "2025-09-30", "2026-01-31", "2026-05-31" }, DATED, MONTH },
	{ "Sep-25 (Revised Jan-26) REVISED MAY 2026", NULL,
	  { "2025-09-30", "2026-01-31", "2026-05-31" }, DATED, MONTH },
	{ "Sep-25 (Revised Mar-26) Revised June 2026", NULL,
	  { "2025-09-30", "2026-03-31", "2026-06-30" }, DATED, MONTH },
	{ "Dec-25 (Revised Mar-26) Revised July 2026", NULL,
	  { "2025-12-31", "2026-03-31", "2026-07-31" }, DATED, MONTH },
	{ "Dec-25 ON HOLD", NULL, { "2025-12-31" }, ON_HOLD, MONTH },
	{ "Jan-26 Revised July 2026", NULL, { "2026-01-31", "2026-07-31" }, DATED, MONTH },
	{ "April 26 Revised July 2026", NULL, { "2026-04-30", "2026-07-31" }, DATED, MONTH },
	{ "Nov-25 Revised April 26", NULL, { "2025-11-30", "2026-04-30" }, DATED, MONTH },

	/* HIP 2026/27, column "Target Date" (seed 000, from line 1763) */
	{ "30/04/2026", NULL, { "2026-04-30" }, DATED, DAY },
	{ "30/06/2026", NULL, { "2026-06-30" }, DATED, DAY },
	{ "30/06/2027", NULL, { "2027-06-30" }, DATED, DAY },
	{ "30/09/2025", NULL, { "2025-09-30" }, DATED, DAY },
	{ "30/09/2026", NULL, { "2026-09-30" }, DATED, DAY },
	{ "31/01/2027", NULL, { "2027-01-31" }, DATED, DAY },
	{ "31/03/2027", NULL, { "2027-03-31" }, DATED, DAY },
	{ "31/05/2026", NULL, { "2026-05-31" }, DATED, DAY },
	{ "31/07/2026", NULL, { "2026-07-31" }, DATED, DAY },
	{ "31/08/2025", NULL, { "2025-08-31" }, DATED, DAY },
	{ "31/08/2026", NULL, { "2026-08-31" }, DATED, DAY },
	{ "31/10/2026", NULL, { "2026-10-31" }, DATED, DAY },
	{ "31/12/2025", NULL, { "2025-12-31" }, DATED, DAY },
	{ "31/12/2026", NULL, { "2026-12-31" }, DATED, DAY },
	{ "", NULL, { NULL }, NONE_, P_NONE },

	/* Homelessness strategy action plan, column "Timescale" (seed 001) */
	{ "Year 1", APR26, { "2027-03-31" }, DATED, PLAN },
	{ "Year 1 / 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 2 (pending funds)", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 2 Year 3", APR26, { "2029-03-31" }, DATED, PLAN },
	{ " Year 2   Year 3 ", APR26, { "2029-03-31" }, DATED, PLAN }, /* "<p>Year 2</p> <p>Year 3</p>" with tags stripped */
	{ "Year 2 Year 4", APR26, { "2030-03-31" }, DATED, PLAN },
	{ "Year 3", APR26, { "2029-03-31" }, DATED, PLAN },
	{ "Year 3  Year 4", APR26, { "2030-03-31" }, DATED, PLAN },
	{ "Year 3 Year 4", APR26, { "2030-03-31" }, DATED, PLAN },
	{ "Year 4", APR26, { "2030-03-31" }, DATED, PLAN },
	{ "Year 1 - 5", APR26, { "2031-03-31" }, DATED, PLAN },
	{ "Year 2\nYear 3", APR26, { "2029-03-31" }, DATED, PLAN },
	{ "Year 1 Year 2 Year 1 - 5", APR26, { "2031-03-31" }, DATED, PLAN },

	/* UK day/month/year */
	{ "30/4/24", NULL, { "2024-04-30" }, DATED, DAY },
	{ "29/02/2024", NULL, { "2024-02-29" }, DATED, DAY },
	{ "30-04-2024", NULL, { "2024-04-30" }, DATED, DAY },
	{ "30.04.2024", NULL, { "2024-04-30" }, DATED, DAY },
	{ "31.3.27", NULL, { "2027-03-31" }, DATED, DAY },
	{ "1/4/24", NULL, { "2024-04-01" }, DATED, DAY },
	{ "2026-03-31", NULL, { "2026-03-31" }, DATED, DAY },
	{ "30th April 2026", NULL, { "2026-04-30" }, DATED, DAY },
	{ "1st May 26", NULL, { "2026-05-01" }, DATED, DAY },
	{ "30-Apr-26", NULL, { "2026-04-30" }, DATED, DAY },
	{ "Complete by 30/4/24", NULL, { "2024-04-30" }, DATED, DAY },
	{ "Complete by\n30/4/24", NULL, { "2024-04-30" }, DATED, DAY },
	{ "To be completed by 31/03/2027", NULL, { "2027-03-31" }, DATED, DAY },
	{ "First meeting to be held by 1/4/24", NULL, { "2024-04-01" }, DATED, DAY },
	{ "Deadline: 31/03/2027", NULL, { "2027-03-31" }, DATED, DAY },
	{ "  Target date:\n  31/03/2027.  ", NULL, { "2027-03-31" }, DATED, DAY },

	/* month and year */
	{ "Sept 25", NULL, { "2025-09-30" }, DATED, MONTH },
	{ "September 2025", NULL, { "2025-09-30" }, DATED, MONTH },
	{ "April 26", NULL, { "2026-04-30" }, DATED, MONTH },
	{ "Apr-26", NULL, { "2026-04-30" }, DATED, MONTH },
	{ "July 2026", NULL, { "2026-07-31" }, DATED, MONTH },
	{ "REVISED MAY 2026", NULL, { "2026-05-31" }, DATED, MONTH },
	{ "Jan 2027", NULL, { "2027-01-31" }, DATED, MONTH },
	{ "Feb-24", NULL, { "2024-02-29" }, DATED, MONTH },
	{ "Feb 2026", NULL, { "2026-02-28" }, DATED, MONTH },
	{ "Target: March 2010", NULL, { "2010-03-31" }, DATED, MONTH },
	{ "End of March 2027", NULL, { "2027-03-31" }, DATED, MONTH },
	{ "Due by end of Sep-25", NULL, { "2025-09-30" }, DATED, MONTH },
	{ "03/2027", NULL, { "2027-03-31" }, DATED, MONTH },
	{ "dec 25", NULL, { "2025-12-31" }, DATED, MONTH },
	{ "Sep '25", NULL, { "2025-09-30" }, DATED, MONTH },

	/* revision chains, in the order written */
	{ "Jan-26 Revised Jun-26", NULL, { "2026-01-31", "2026-06-30" }, DATED, MONTH },
	{ "Sep-25 rev. Jan-26", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25 revised to Jan-26", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25, extended to Jan-26", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25 moved to Jan-26", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25 now Jan-26", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25, Jan-26, Mar-26", NULL, { "2025-09-30", "2026-01-31", "2026-03-31" }, DATED, MONTH },
	{ "Sep-25 [Jan-26]", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Sep-25(Revised Jan-26)", NULL, { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "31/03/2026 revised 30/06/2026", NULL, { "2026-03-31", "2026-06-30" }, DATED, DAY },
	{ "Dec-25 revised 15/02/2026", NULL, { "2025-12-31", "2026-02-15" }, DATED, DAY },
	{ "Revised target date: Jan-26", NULL, { "2026-01-31" }, DATED, MONTH },
	{ "Sep-25\n(Revised Jan-26)\nREVISED MAY 2026", NULL,
	  { "2025-09-30", "2026-01-31", "2026-05-31" }, DATED, MONTH },
	{ "Sep \xe2\x80\x99" "25 \xe2\x80\x93 rev. Jan\xe2\x80\x91" "26", NULL,
	  { "2025-09-30", "2026-01-31" }, DATED, MONTH },
	{ "Jan-26 Feb-26 Mar-26 Apr-26 May-26 Jun-26 Jul-26 Aug-26", NULL,
	  { "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
	    "2026-07-31", "2026-08-31" }, DATED, MONTH },
	{ "Year 1 revised Year 2", APR26, { "2027-03-31", "2028-03-31" }, DATED, PLAN },
	{ "Year 2 revised 31/12/2028", APR26, { "2028-03-31", "2028-12-31" }, DATED, DAY },

	/* states */
	{ "Ongoing", NULL, { NULL }, ONGOING, P_NONE },
	{ "On-going", NULL, { NULL }, ONGOING, P_NONE },
	{ "ONGOING", NULL, { NULL }, ONGOING, P_NONE },
	{ "on going", NULL, { NULL }, ONGOING, P_NONE },
	{ "TBC", NULL, { NULL }, TBC, P_NONE },
	{ "tbc", NULL, { NULL }, TBC, P_NONE },
	{ "To be confirmed", NULL, { NULL }, TBC, P_NONE },
	{ "Target date: TBC", NULL, { NULL }, TBC, P_NONE },
	{ "Complete", NULL, { NULL }, COMPLETE, P_NONE },
	{ "Completed", NULL, { NULL }, COMPLETE, P_NONE },
	{ "COMPLETE", NULL, { NULL }, COMPLETE, P_NONE },
	{ "ON HOLD", NULL, { NULL }, ON_HOLD, P_NONE },
	{ "On hold", NULL, { NULL }, ON_HOLD, P_NONE },
	{ "Dec-25 on hold", NULL, { "2025-12-31" }, ON_HOLD, MONTH },
	{ "Sep-25 (Revised Jan-26) ON HOLD", NULL, { "2025-09-30", "2026-01-31" }, ON_HOLD, MONTH },
	{ "Dec-25 Complete", NULL, { "2025-12-31" }, COMPLETE, MONTH },
	{ "Completed 30/4/24", NULL, { "2024-04-30" }, COMPLETE, DAY },
	{ "   ", NULL, { NULL }, NONE_, P_NONE },
	{ "\n\t \r\n", NULL, { NULL }, NONE_, P_NONE },

	/* plan years, financial years from an April start */
	{ "Years 1&2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Years 1 & 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Years 3-5", APR26, { "2031-03-31" }, DATED, PLAN },
	{ "Year 1-2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 5", APR26, { "2031-03-31" }, DATED, PLAN },
	{ "year 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Years 1 and 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 4 Year 2", APR26, { "2030-03-31" }, DATED, PLAN }, /* joined cells: the later year wins */
	{ "Year 1 to Year 3", APR26, { "2029-03-31" }, DATED, PLAN },
	{ "By end of Year 2", APR26, { "2028-03-31" }, DATED, PLAN },
	{ "Year 1", "2026-04-15", { "2027-03-31" }, DATED, PLAN },
	{ "Year 1", "2025-04-01", { "2026-03-31" }, DATED, PLAN },
	/* plan years from a start that is not in April: the day before each anniversary */
	{ "Year 1", "2026-01-01", { "2026-12-31" }, DATED, PLAN },
	{ "Year 2", "2025-09-15", { "2027-09-14" }, DATED, PLAN },
	{ "Year 1", "2024-02-29", { "2025-02-28" }, DATED, PLAN },
	{ "Year 4", "2024-02-29", { "2028-02-28" }, DATED, PLAN },
	{ "Year 1", "2026-03-01", { "2027-02-28" }, DATED, PLAN },
};

/* A text that must be refused: the message quotes it (as quoted, or as text if NULL) and holds reason. */
struct bad_case {
	const char *text;
	const char *plan_start;
	const char *quoted;
	const char *reason;
};

static const struct bad_case bad[] = {
	{ "31/02/2026", NULL, NULL, "there is no 31 February 2026" },
	{ "29/02/2025", NULL, NULL, "there is no 29 February 2025" },
	{ "31/04/2026", NULL, NULL, "there is no 31 April 2026" },
	{ "0/4/2026", NULL, NULL, "there is no 0 April 2026" },
	{ "30/13/2026", NULL, NULL, "13 is not a month (dates are day/month/year)" },
	{ "04/30/2026", NULL, NULL, "30 is not a month" },
	{ "31 Feb 2026", NULL, NULL, "there is no 31 February 2026" },
	{ "Complete by 31/02/2026", NULL, NULL, "there is no 31 February 2026" },
	{ "30/4/324", NULL, NULL, "324 is not a year" },
	{ "31/03/0207", NULL, NULL, "0207 is not a year" },
	{ "1/2/3/4", NULL, NULL, "\"1/2/3/4\" is not a date" },
	{ "12/11", NULL, NULL, "\"12/11\" is not a date" },
	{ "2026", NULL, NULL, "a number on its own (2026) is not a date" },
	{ "May", NULL, NULL, "expected a year after \"May\" (e.g. May 2026)" },
	{ "Sep 2", NULL, NULL, "expected a year after \"Sep\"" },
	{ "Sometime soon", NULL, NULL, EXPECTED },
	{ "ASAP", NULL, NULL, EXPECTED },
	{ "Early 2026", NULL, NULL, EXPECTED },
	{ "Q4 2026/27", NULL, NULL, EXPECTED },
	{ "N/A", NULL, NULL, EXPECTED },
	{ "-", NULL, NULL, EXPECTED },
	{ "Target:", NULL, NULL, EXPECTED },
	{ "Sep-25 maybe", NULL, NULL, "unexpected \"maybe\"; " EXPECTED },
	{ "Ongoing until Mar-27", NULL, NULL, "unexpected \"until\"" },
	{ "May 2026 (was Sep-25)", NULL, NULL, "unexpected \"was\"" },
	{ "Year 2 (pending)", APR26, NULL, "unexpected \"pending\"" },
	{ "Sep-25?", NULL, NULL, "unexpected \"?\"" },
	{ "Sep-25 & Jan-26", NULL, NULL, "unexpected \"&\"" },
	{ "Sep-25 Revised", NULL, NULL, "\"Revised\" is not followed by the new date" },
	{ "Revised", NULL, NULL, "\"Revised\" is not followed by the new date" },
	{ "Ongoing TBC", NULL, NULL, "it says both \"Ongoing\" and \"TBC\"" },
	{ "Complete ON HOLD", NULL, NULL, "it says both \"Complete\" and \"ON HOLD\"" },
	{ "Complete 30/4/24", NULL, NULL, "\"Complete\" before a date could mean done or due" },
	{ "Complete Dec-25", NULL, NULL, "could mean done or due" },
	{ "Completed by 30/4/24", NULL, NULL, "\"Completed by\" could mean done or due" },
	{ "Year 0", APR26, NULL, "there is no Year 0 (plan years count from Year 1)" },
	{ "Years 0-2", APR26, NULL, "there is no Year 0" },
	{ "Year 2026", APR26, NULL, "Year 2026 is not a plan year" },
	{ "Years 5-3", APR26, NULL, "Years 5-3 run backwards" },
	{ "Year", APR26, NULL, "expected a number after \"Year\" (e.g. Year 2)" },
	{ "Year 2", NULL, NULL, "a plan year needs the plan's start date (give --plan or --start)" },
	{ "Year 1 / 2", NULL, NULL, "needs the plan's start date" },
	{ "Jan-26 Feb-26 Mar-26 Apr-26 May-26 Jun-26 Jul-26 Aug-26 Sep-26", NULL, NULL,
	  "more than 8 dates" },
	{ "Year 2\nmaybe", APR26, "Year 2 maybe", "unexpected \"maybe\"" },
	{ "Sep-25 revised to Oct-25 extended to Nov-25 moved to Dec-25 now Jan-26, Feb-26 (Mar-26) Apr-26 May-26",
	  NULL, "Sep-25 revised to Oct-25 extended to Nov-25 moved to Dec-25 now Jan-26, Feb-2...",
	  "more than 8 dates" },
	{ "Sep-25 \xc3\xa9t\xc3\xa9", NULL, NULL, "unexpected \"\xc3\xa9\"" },
};

/* Writes into msg (size n) what differs between the result w and row c, or "" when they agree. */
static void compare_row(const struct good_case *c, const struct when *w, char *msg, size_t n)
{
	int want = 0;

	msg[0] = '\0';
	while (want < WHEN_MAX_DATES && c->dates[want])
		want++;
	if (w->ndates != want) {
		snprintf(msg, n, "%d dates, expected %d", w->ndates, want);
		return;
	}
	for (int i = 0; i < want; i++) {
		char iso[DATE_ISO_LEN];

		date_format_iso(w->dates[i].date, iso);
		if (strcmp(iso, c->dates[i]) != 0) {
			snprintf(msg, n, "date %d is %s, expected %s", i, iso, c->dates[i]);
			return;
		}
	}
	if (w->state != c->state)
		snprintf(msg, n, "state %s, expected %s", when_state_name(w->state),
			 when_state_name(c->state));
	else if (want > 0 && w->dates[want - 1].precision != c->precision)
		snprintf(msg, n, "precision %s, expected %s",
			 when_precision_name(w->dates[want - 1].precision),
			 when_precision_name(c->precision));
}

/* Parses one good row and fails the test, naming the row, if anything differs. */
static void check_good(const struct good_case *c)
{
	struct date start, *sp = NULL;
	struct when w;
	char err[256], msg[128];

	if (c->plan_start) {
		assert_true(date_parse_iso(c->plan_start, &start));
		sp = &start;
	}
	if (when_parse(c->text, sp, &w, err, sizeof err) != 0)
		fail_msg("\"%s\": refused: %s", c->text, err);
	compare_row(c, &w, msg, sizeof msg);
	if (msg[0])
		fail_msg("\"%s\": %s", c->text, msg);
}

/* Every row of the good table reads as expected. */
static void test_good_table(void **state)
{
	size_t n = sizeof good / sizeof good[0];

	(void)state;
	for (size_t i = 0; i < n; i++)
		check_good(&good[i]);
	print_message("%zu texts read\n", n);
	assert_true(n >= 60);
}

/* Every row of the refusal table fails with a message that quotes the text and says why. */
static void test_bad_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct bad_case *c = &bad[i];
		struct date start, *sp = NULL;
		struct when w;
		char err[512], prefix[256];

		if (c->plan_start) {
			assert_true(date_parse_iso(c->plan_start, &start));
			sp = &start;
		}
		if (when_parse(c->text, sp, &w, err, sizeof err) == 0)
			fail_msg("\"%s\": read, but should be refused", c->text);
		snprintf(prefix, sizeof prefix, "cannot read target date \"%s\": ",
			 c->quoted ? c->quoted : c->text);
		if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, c->reason))
			fail_msg("\"%s\": message is\n  %s\nexpected it to start\n  %s\nand hold\n  %s",
				 c->text, err, prefix, c->reason);
		assert_int_equal(w.ndates, 0);
		assert_int_equal(w.state, WHEN_STATE_NONE);
	}
}

/* "Sometime soon" gives exactly the message the design asks for. */
static void test_exact_messages(void **state)
{
	struct date start = { 2026, 4, 1 };
	struct when w;
	char err[256];

	(void)state;
	assert_int_equal(when_parse("Sometime soon", NULL, &w, err, sizeof err), -1);
	assert_string_equal(err, "cannot read target date \"Sometime soon\": " EXPECTED);
	assert_int_equal(when_parse("31/02/2026", NULL, &w, err, sizeof err), -1);
	assert_string_equal(err, "cannot read target date \"31/02/2026\": there is no 31 February 2026");
	assert_int_equal(when_parse("Year 0", &start, &w, err, sizeof err), -1);
	assert_string_equal(err, "cannot read target date \"Year 0\": there is no Year 0 (plan years count from Year 1)");
	assert_int_equal(when_parse_as("due-from date", "31/02/2026", NULL, &w, err, sizeof err), -1);
	assert_string_equal(err, "cannot read due-from date \"31/02/2026\": there is no 31 February 2026");
}

/* Every date of a chain keeps its own precision. */
static void test_mixed_precision(void **state)
{
	struct date start = { 2026, 4, 1 };
	struct when w;
	char err[256];

	(void)state;
	assert_int_equal(when_parse("Year 2 revised 31/12/2028 now Mar-29", &start, &w, err, sizeof err), 0);
	assert_int_equal(w.ndates, 3);
	assert_int_equal(w.dates[0].precision, WHEN_PRECISION_PLAN_YEAR);
	assert_int_equal(w.dates[1].precision, WHEN_PRECISION_DAY);
	assert_int_equal(w.dates[2].precision, WHEN_PRECISION_MONTH);
	assert_int_equal(w.state, WHEN_STATE_DATED);
}

/* NULL text is empty; a NULL or tiny error buffer is safe; out is cleared on failure. */
static void test_edges(void **state)
{
	struct when w;
	char tiny[12];

	(void)state;
	memset(&w, 0x5a, sizeof w);
	assert_int_equal(when_parse(NULL, NULL, &w, NULL, 0), 0);
	assert_int_equal(w.state, WHEN_STATE_NONE);
	assert_int_equal(w.ndates, 0);
	assert_int_equal(when_parse("nonsense", NULL, &w, NULL, 0), -1);
	assert_int_equal(when_parse("nonsense", NULL, &w, tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "cannot read");
	assert_int_equal(when_parse("Sep-25", NULL, NULL, tiny, sizeof tiny), -1);
	memset(&w, 0x5a, sizeof w);
	assert_int_equal(when_parse("Sep-25 Revised", NULL, &w, tiny, sizeof tiny), -1);
	assert_int_equal(w.ndates, 0);
	assert_int_equal(w.state, WHEN_STATE_NONE);
}

/* The names used in JSON output. */
static void test_names(void **state)
{
	(void)state;
	assert_string_equal(when_state_name(WHEN_STATE_NONE), "none");
	assert_string_equal(when_state_name(WHEN_STATE_DATED), "dated");
	assert_string_equal(when_state_name(WHEN_STATE_ONGOING), "ongoing");
	assert_string_equal(when_state_name(WHEN_STATE_ON_HOLD), "on_hold");
	assert_string_equal(when_state_name(WHEN_STATE_TBC), "tbc");
	assert_string_equal(when_state_name(WHEN_STATE_COMPLETE), "complete");
	assert_string_equal(when_precision_name(WHEN_PRECISION_NONE), "none");
	assert_string_equal(when_precision_name(WHEN_PRECISION_DAY), "day");
	assert_string_equal(when_precision_name(WHEN_PRECISION_MONTH), "month");
	assert_string_equal(when_precision_name(WHEN_PRECISION_PLAN_YEAR), "plan_year");
}

/* Runs the target-date tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_table),
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_exact_messages),
		cmocka_unit_test(test_mixed_precision),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
