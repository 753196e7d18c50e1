/* unit_date.c — unit tests for core/date.c: leap years, month ends, day counts, text forms, financial quarters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>


#include "core/date.h"

/* Shorthand for a date literal. */
static struct date ymd(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

/* Asserts that a and b are the same day. */
static void assert_date_eq(struct date a, struct date b)
{
	assert_int_equal(a.year, b.year);
	assert_int_equal(a.month, b.month);
	assert_int_equal(a.day, b.day);
}

/* February has 29 days in leap years: every 4th, not centuries, except every 400th. */
static void test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2025, 2), 28);
	assert_int_equal(date_days_in_month(2026, 2), 28);
	assert_int_equal(date_days_in_month(2028, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2025, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_true(date_valid(2000, 2, 29));
}

/* Impossible days, months and years are rejected. */
static void test_valid(void **state)
{
	(void)state;
	assert_true(date_valid(2026, 1, 1));
	assert_true(date_valid(2026, 12, 31));
	assert_true(date_valid(2026, 3, 31));
	assert_false(date_valid(2026, 4, 31));
	assert_false(date_valid(2026, 2, 31));
	assert_false(date_valid(2026, 0, 1));
	assert_false(date_valid(2026, 13, 1));
	assert_false(date_valid(2026, 1, 0));
	assert_false(date_valid(2026, 1, 32));
	assert_false(date_valid(2026, -1, 1));
	assert_false(date_valid(0, 1, 1));
	assert_false(date_valid(10000, 1, 1));
	assert_int_equal(date_days_in_month(2026, 0), 0);
	assert_int_equal(date_days_in_month(2026, 13), 0);
}

/* The last day of every month of 2026, and February in a leap year. */
static void test_end_of_month(void **state)
{
	static const int last[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	(void)state;
	for (int m = 1; m <= 12; m++)
		assert_date_eq(date_end_of_month(2026, m), ymd(2026, m, last[m - 1]));
	assert_date_eq(date_end_of_month(2024, 2), ymd(2024, 2, 29));
	assert_date_eq(date_end_of_month(2000, 2), ymd(2000, 2, 29));
	assert_date_eq(date_end_of_month(1900, 2), ymd(1900, 2, 28));
	assert_date_eq(date_end_of_month(2026, 13), ymd(0, 0, 0));
	assert_date_eq(date_end_of_month(2026, 0), ymd(0, 0, 0));
}

/* Day counts from 1970-01-01 at known points, both ways. */
static void test_days_known(void **state)
{
	static const struct {
		struct date d;
		long days;
	} known[] = {
		{ { 1970, 1, 1 }, 0 },
		{ { 1969, 12, 31 }, -1 },
		{ { 1970, 1, 2 }, 1 },
		{ { 2000, 3, 1 }, 11017 },
		{ { 2024, 2, 29 }, 19782 },
		{ { 2026, 6, 9 }, 20613 },
		{ { 1900, 1, 1 }, -25567 },
		{ { 2199, 12, 31 }, 84005 },
		{ { 1, 1, 1 }, -719162 },
		{ { 9999, 12, 31 }, 2932896 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		assert_int_equal(date_to_days(known[i].d), known[i].days);
		assert_date_eq(date_from_days(known[i].days), known[i].d);
	}
}

/* Every day from 1899 to 2201 survives days and back, and each follows the last. */
static void test_days_round_trip(void **state)
{
	struct date prev = date_from_days(date_to_days(ymd(1899, 1, 1)) - 1);
	long end = date_to_days(ymd(2201, 12, 31));

	(void)state;
	assert_date_eq(prev, ymd(1898, 12, 31));
	for (long n = date_to_days(ymd(1899, 1, 1)); n <= end; n++) {
		struct date d = date_from_days(n);

		assert_true(date_valid(d.year, d.month, d.day));
		assert_int_equal(date_to_days(d), n);
		assert_true(date_compare(prev, d) < 0);
		assert_int_equal(date_diff_days(prev, d), 1);
		prev = d;
	}
}

/* Differences and ordering. */
static void test_diff_compare(void **state)
{
	(void)state;
	assert_int_equal(date_diff_days(ymd(2026, 3, 31), ymd(2026, 4, 1)), 1);
	assert_int_equal(date_diff_days(ymd(2026, 4, 1), ymd(2026, 3, 31)), -1);
	assert_int_equal(date_diff_days(ymd(2024, 2, 28), ymd(2024, 3, 1)), 2);
	assert_int_equal(date_diff_days(ymd(2025, 2, 28), ymd(2025, 3, 1)), 1);
	assert_int_equal(date_diff_days(ymd(2026, 4, 1), ymd(2027, 4, 1)), 365);
	assert_int_equal(date_diff_days(ymd(2027, 4, 1), ymd(2028, 4, 1)), 366);
	assert_int_equal(date_compare(ymd(2026, 1, 1), ymd(2026, 1, 1)), 0);
	assert_true(date_compare(ymd(2025, 12, 31), ymd(2026, 1, 1)) < 0);
	assert_true(date_compare(ymd(2026, 2, 1), ymd(2026, 1, 31)) > 0);
	assert_true(date_compare(ymd(2026, 1, 2), ymd(2026, 1, 1)) > 0);
}

/* Strict ISO reading: good dates read, anything else refused with out untouched. */
static void test_parse_iso(void **state)
{
	static const char *const bad[] = {
		"", "2026-02-30", "2025-02-29", "2026-2-03", "2026-02-3", "2026/02/03",
		"2026-02-03x", " 2026-02-03", "26-02-03", "abcd-ef-gh", "2026-13-01",
		"2026-00-10", "0000-01-01", "2026-02-03 ",
	};
	struct date d = ymd(1, 2, 3);

	(void)state;
	assert_true(date_parse_iso("2026-06-09", &d));
	assert_date_eq(d, ymd(2026, 6, 9));
	assert_true(date_parse_iso("2024-02-29", &d));
	assert_date_eq(d, ymd(2024, 2, 29));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		d = ymd(1, 2, 3);
		assert_false(date_parse_iso(bad[i], &d));
		assert_date_eq(d, ymd(1, 2, 3));
	}
	assert_false(date_parse_iso(NULL, &d));
}

/* ISO text: zero padded; round trips through date_parse_iso. */
static void test_format_iso(void **state)
{
	char buf[DATE_ISO_LEN];
	struct date d;

	(void)state;
	date_format_iso(ymd(2026, 6, 9), buf);
	assert_string_equal(buf, "2026-06-09");
	date_format_iso(ymd(999, 1, 1), buf);
	assert_string_equal(buf, "0999-01-01");
	date_format_iso(ymd(2026, 2, 30), buf);
	assert_string_equal(buf, "0000-00-00");
	date_format_iso(ymd(2027, 3, 31), buf);
	assert_true(date_parse_iso(buf, &d));
	assert_date_eq(d, ymd(2027, 3, 31));
}

/* Human text "9 Jun 2026": no leading zero, short month name; safe in small buffers. */
static void test_format_human(void **state)
{
	char buf[32];
	char small[6];

	(void)state;
	date_format_human(ymd(2026, 6, 9), buf, sizeof buf);
	assert_string_equal(buf, "9 Jun 2026");
	date_format_human(ymd(2027, 3, 31), buf, sizeof buf);
	assert_string_equal(buf, "31 Mar 2027");
	date_format_human(ymd(2026, 1, 1), buf, sizeof buf);
	assert_string_equal(buf, "1 Jan 2026");
	date_format_human(ymd(2025, 12, 25), buf, sizeof buf);
	assert_string_equal(buf, "25 Dec 2025");
	date_format_human(ymd(2026, 9, 30), buf, sizeof buf);
	assert_string_equal(buf, "30 Sep 2026");
	date_format_human(ymd(2026, 2, 29), buf, sizeof buf);
	assert_string_equal(buf, "?");
	date_format_human(ymd(2026, 6, 9), small, sizeof small);
	assert_string_equal(small, "9 Jun");
	date_format_human(ymd(2026, 6, 9), NULL, 0); /* must not crash */
}

/* Quarter labels at every boundary: Apr-Jun Q1 ... Jan-Mar Q4 of the year before. */
static void test_quarter_labels(void **state)
{
	static const struct {
		struct date d;
		const char *label;
	} cases[] = {
		{ { 2026, 3, 31 }, "2025/26 Q4" },
		{ { 2026, 4, 1 }, "2026/27 Q1" },
		{ { 2026, 6, 30 }, "2026/27 Q1" },
		{ { 2026, 7, 1 }, "2026/27 Q2" },
		{ { 2026, 9, 30 }, "2026/27 Q2" },
		{ { 2026, 10, 1 }, "2026/27 Q3" },
		{ { 2026, 12, 31 }, "2026/27 Q3" },
		{ { 2027, 1, 1 }, "2026/27 Q4" },
		{ { 2027, 2, 15 }, "2026/27 Q4" },
		{ { 2027, 3, 31 }, "2026/27 Q4" },
		{ { 2027, 4, 1 }, "2027/28 Q1" },
		{ { 2024, 2, 29 }, "2023/24 Q4" },
		{ { 1999, 4, 1 }, "1999/00 Q1" },
		{ { 2000, 3, 31 }, "1999/00 Q4" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_quarter_label(cases[i].d, buf, sizeof buf);
		assert_string_equal(buf, cases[i].label);
	}
}

/* First and last days of the quarter holding a date. */
static void test_quarter_bounds(void **state)
{
	static const struct {
		struct date d, first, last;
	} cases[] = {
		{ { 2026, 4, 1 }, { 2026, 4, 1 }, { 2026, 6, 30 } },
		{ { 2026, 6, 30 }, { 2026, 4, 1 }, { 2026, 6, 30 } },
		{ { 2026, 8, 15 }, { 2026, 7, 1 }, { 2026, 9, 30 } },
		{ { 2026, 11, 30 }, { 2026, 10, 1 }, { 2026, 12, 31 } },
		{ { 2027, 2, 15 }, { 2027, 1, 1 }, { 2027, 3, 31 } },
		{ { 2026, 3, 31 }, { 2026, 1, 1 }, { 2026, 3, 31 } },
		{ { 2024, 2, 29 }, { 2024, 1, 1 }, { 2024, 3, 31 } },
	};
	struct date first, last;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_quarter_bounds(cases[i].d, &first, &last);
		assert_date_eq(first, cases[i].first);
		assert_date_eq(last, cases[i].last);
	}
	date_quarter_bounds(ymd(2026, 5, 5), NULL, &last); /* either may be NULL */
	assert_date_eq(last, ymd(2026, 6, 30));
}

/* Runs the date tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_end_of_month),
		cmocka_unit_test(test_days_known),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_diff_compare),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_format_human),
		cmocka_unit_test(test_quarter_labels),
		cmocka_unit_test(test_quarter_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
