/* unit_dayrange.c — unit tests for reading when an engagement was held as people type it (core/dayrange.h): a day, a
 * month, a range of either, and the messages for what cannot be read. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "core/dayrange.h"

/* Reads text, which must succeed, and returns "FROM..UNTIL" (or "FROM" for one day, "" for none). */
static const char *read_ok(const char *text)
{
	static char out[64];
	struct dayrange r;
	char err[400] = "", a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (dayrange_parse(text, &r, err, sizeof err) != 0)
		fail_msg("\"%s\": %s", text, err);
	if (!r.dated)
		return "";
	date_format_iso(r.from, a);
	date_format_iso(r.until, b);
	if (r.ranged)
		snprintf(out, sizeof out, "%s..%s", a, b);
	else
		snprintf(out, sizeof out, "%s", a);
	return out;
}

/* Reads text, which must fail, and returns the message. */
static const char *read_bad(const char *text)
{
	static char err[400];
	struct dayrange r;
	if (dayrange_parse(text, &r, err, sizeof err) == 0)
		fail_msg("\"%s\" was read, but should not be", text);
	return err;
}

static void test_days_and_months(void **state)
{
	(void)state;
	assert_string_equal(read_ok("12/05/2026"), "2026-05-12");
	assert_string_equal(read_ok(" 2026-05-12 "), "2026-05-12");
	assert_string_equal(read_ok("12 May 2026"), "2026-05-12");
	assert_string_equal(read_ok("May 2026"), "2026-05-01..2026-05-31");
	assert_string_equal(read_ok("Feb-28"), "2028-02-01..2028-02-29");
	assert_string_equal(read_ok(""), "");
	assert_string_equal(read_ok("   "), "");
}

static void test_ranges(void **state)
{
	(void)state;
	assert_string_equal(read_ok("01/04/2025 - 31/03/2026"), "2025-04-01..2026-03-31");
	assert_string_equal(read_ok("2025-04-01..2026-03-31"), "2025-04-01..2026-03-31");
	assert_string_equal(read_ok("Apr-25 to Mar-26"), "2025-04-01..2026-03-31");
	assert_string_equal(read_ok("1 April 2025 \xE2\x80\x93 March 2026"), "2025-04-01..2026-03-31");
	assert_string_equal(read_ok("12/05/2026 - 12/05/2026"), "2026-05-12");
}

static void test_what_cannot_be_read(void **state)
{
	(void)state;
	assert_non_null(strstr(read_bad("soon"), "cannot read the date \"soon\": write a day (12/05/2026)"));
	assert_non_null(strstr(read_bad("01/04/2025 - whenever"), "(at \"whenever\")"));
	assert_non_null(strstr(read_bad("31/02/2026"), "cannot read the date \"31/02/2026\""));
	assert_non_null(strstr(read_bad("01/05/2026 - 01/04/2026"), "ends before it starts"));
	assert_non_null(strstr(read_bad("01/05/2026 - "), "a range needs a first and a last day"));
	assert_non_null(strstr(read_bad("01/05/2026 -"), "a range needs a first and a last day"));
	assert_non_null(strstr(read_bad("- 01/05/2026"), "a range needs a first and a last day"));
	assert_non_null(strstr(read_bad("Ongoing"), "cannot read the date \"Ongoing\""));
}

static void test_format(void **state)
{
	(void)state;
	struct dayrange r;
	char err[200], out[80];
	assert_int_equal(dayrange_parse("01/04/2025 - 31/03/2026", &r, err, sizeof err), 0);
	dayrange_format(&r, true, out, sizeof out);
	assert_string_equal(out, "1 Apr 2025 \xE2\x80\x93 31 Mar 2026");
	dayrange_format(&r, false, out, sizeof out);
	assert_string_equal(out, "1 Apr 2025 - 31 Mar 2026");
	assert_int_equal(dayrange_parse("", &r, err, sizeof err), 0);
	dayrange_format(&r, true, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_and_months),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_what_cannot_be_read),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
