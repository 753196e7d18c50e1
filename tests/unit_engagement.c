/* unit_engagement.c — tenant numbers as written, occurrences of recurring events, and the summary arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/engagement.h"

static struct tenants read_tenants(const char *text)
{
	struct tenants t;
	char err[200];
	assert_int_equal(engagement_tenants_parse(text, &t, err, sizeof err), 0);
	return t;
}

static void test_tenants_circa_total(void **state)
{
	(void)state;
	struct tenants t = read_tenants("Circa 950 tenants");
	assert_int_equal(t.count, 950);
	assert_int_equal(t.basis, TENANTS_CIRCA);
	assert_int_equal(t.scope, TENANTS_TOTAL);
}

static void test_tenants_per_event(void **state)
{
	(void)state;
	struct tenants t = read_tenants("Circa 20 tenants per event");
	assert_int_equal(t.count, 20);
	assert_int_equal(t.basis, TENANTS_CIRCA);
	assert_int_equal(t.scope, TENANTS_PER_EVENT);
}

static void test_tenants_multiplier_is_not_the_count(void **state)
{
	(void)state;
	struct tenants t = read_tenants("Circa 300 tenants over x2 years");
	assert_int_equal(t.count, 300);
	assert_int_equal(t.scope, TENANTS_TOTAL);
	t = read_tenants("Circa 5,500 tenants advised and consulted x3 times throughout the process");
	assert_int_equal(t.count, 5500);
}

static void test_tenants_unknown_and_exact(void **state)
{
	(void)state;
	struct tenants t = read_tenants("Unknown currently");
	assert_int_equal(t.basis, TENANTS_UNKNOWN);
	assert_int_equal(t.count, -1);
	t = read_tenants("");
	assert_int_equal(t.basis, TENANTS_UNKNOWN);
	t = read_tenants("12 tenants");
	assert_int_equal(t.count, 12);
	assert_int_equal(t.basis, TENANTS_EXACT);
	t = read_tenants("approx. 40 residents each session");
	assert_int_equal(t.basis, TENANTS_CIRCA);
	assert_int_equal(t.scope, TENANTS_PER_EVENT);
}

static void test_tenants_words_without_a_number(void **state)
{
	(void)state;
	struct tenants t;
	char err[200];
	assert_int_equal(engagement_tenants_parse("lots of tenants", &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "\"lots of tenants\""));
}

static struct date d(int y, int m, int day)
{
	return (struct date){y, m, day};
}

static void test_occurrences(void **state)
{
	(void)state;
	struct date out[20];
	assert_int_equal(engagement_occurrences(d(2025, 4, 1), d(2026, 3, 31), "monthly", out, 20), 12);
	assert_int_equal(out[11].month, 3);
	assert_int_equal(engagement_occurrences(d(2025, 4, 1), d(2026, 3, 31), "every_other_month", out, 20), 6);
	assert_int_equal(engagement_occurrences(d(2025, 4, 1), d(2026, 3, 31), "quarterly", out, 20), 4);
	assert_int_equal(engagement_occurrences(d(2025, 4, 1), d(2026, 3, 31), "annual", out, 20), 1);
	assert_int_equal(engagement_occurrences(d(2025, 4, 1), d(2026, 3, 31), "ad_hoc", out, 20), 0);
	assert_int_equal(engagement_occurrences(d(2026, 4, 1), d(2025, 3, 31), "monthly", out, 20), 0);
	/* the 31st in a short month is its last day */
	assert_int_equal(engagement_occurrences(d(2026, 1, 31), d(2026, 3, 31), "monthly", out, 20), 3);
	assert_int_equal(out[1].day, 28);
}

static struct engagement_fact fact(const char *method, const char *team, const char *freq, long count,
				   enum tenants_basis basis, enum tenants_scope scope, bool we_did)
{
	struct engagement_fact f = {.method = method, .team = team, .frequency = freq, .we_did = we_did,
				    .dated = true, .ranged = true, .held_on = d(2025, 4, 1), .held_until = d(2026, 3, 31)};
	f.tenants = (struct tenants){count, basis, scope};
	return f;
}

static void test_summary_by_method(void **state)
{
	(void)state;
	struct engagement_summary s;
	engagement_summary_init(&s, SUMMARY_METHOD);
	struct engagement_fact dropin = fact("Drop-in", "N&T", "monthly", 20, TENANTS_CIRCA, TENANTS_PER_EVENT, false);
	struct engagement_fact survey = fact("Survey", "N&T", "annual", 950, TENANTS_CIRCA, TENANTS_TOTAL, true);
	struct engagement_fact meeting = fact("Resident meeting", "TLT", "ad_hoc", 0, TENANTS_UNKNOWN, TENANTS_TOTAL, false);
	struct engagement_fact walk = fact("Drop-in", "TLT", "ad_hoc", 15, TENANTS_EXACT, TENANTS_PER_EVENT, true);
	engagement_summary_add(&s, &dropin);
	engagement_summary_add(&s, &survey);
	engagement_summary_add(&s, &meeting);
	engagement_summary_add(&s, &walk);
	engagement_summary_finish(&s);
	assert_int_equal(s.nrows, 3);
	assert_string_equal(s.rows[0].key, "Drop-in");
	assert_int_equal(s.rows[0].engagements, 2);
	assert_int_equal(s.rows[0].occurrences, 13);	 /* 12 monthly + 1 ad hoc */
	assert_int_equal(s.rows[0].tenants_circa, 240); /* 20 per event x 12 */
	assert_int_equal(s.rows[0].tenants_exact, 15);	 /* ad hoc: once, as a lower bound */
	assert_int_equal(s.rows[0].lower_bound, 1);
	assert_int_equal(s.rows[0].with_we_did, 1);
	char text[32];
	engagement_tenants_text(&s.rows[0], text, sizeof text);
	assert_string_equal(text, "c. 255+");
	assert_string_equal(s.rows[1].key, "Resident meeting");
	assert_int_equal(s.rows[1].unknown_tenants, 1);
	engagement_tenants_text(&s.rows[1], text, sizeof text);
	assert_string_equal(text, "-");
	assert_int_equal(s.total.engagements, 4);
	assert_int_equal(s.total.tenants_circa, 1190);
	assert_int_equal(s.total.with_we_did, 2);
	engagement_tenants_text(&s.total, text, sizeof text);
	assert_string_equal(text, "c. 1,205+");
	engagement_summary_free(&s);
}

static void test_summary_by_quarter(void **state)
{
	(void)state;
	struct engagement_summary s;
	engagement_summary_init(&s, SUMMARY_QUARTER);
	struct engagement_fact dropin = fact("Drop-in", "N&T", "monthly", 20, TENANTS_CIRCA, TENANTS_PER_EVENT, false);
	struct engagement_fact panel = fact("Tenant panels", "TX", "every_other_month", 12, TENANTS_EXACT, TENANTS_TOTAL, false);
	struct engagement_fact undated = fact("Survey", "N&T", "annual", 50, TENANTS_CIRCA, TENANTS_TOTAL, false);
	undated.dated = false;
	engagement_summary_add(&s, &dropin);
	engagement_summary_add(&s, &panel);
	engagement_summary_add(&s, &undated);
	engagement_summary_finish(&s);
	assert_int_equal(s.nrows, 5);
	assert_string_equal(s.rows[0].key, "2025/26 Q1");
	assert_string_equal(s.rows[3].key, "2025/26 Q4");
	assert_string_equal(s.rows[4].key, "Undated");
	assert_int_equal(s.rows[0].engagements, 2);
	assert_int_equal(s.rows[0].occurrences, 5); /* 3 drop-ins + 2 panels (Apr, Jun) */
	assert_int_equal(s.rows[0].tenants_circa, 60);
	assert_int_equal(s.rows[0].tenants_exact, 12); /* the panel's total counts in its first quarter only */
	assert_int_equal(s.rows[1].tenants_exact, 0);
	assert_int_equal(s.rows[1].tenants_circa, 60);
	assert_int_equal(s.total.engagements, 3);
	assert_int_equal(s.total.occurrences, 12 + 6 + 1);
	assert_int_equal(s.total.tenants_circa, 240 + 50);
	assert_int_equal(s.total.tenants_exact, 12);
	engagement_summary_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tenants_circa_total),
		cmocka_unit_test(test_tenants_per_event),
		cmocka_unit_test(test_tenants_multiplier_is_not_the_count),
		cmocka_unit_test(test_tenants_unknown_and_exact),
		cmocka_unit_test(test_tenants_words_without_a_number),
		cmocka_unit_test(test_occurrences),
		cmocka_unit_test(test_summary_by_method),
		cmocka_unit_test(test_summary_by_quarter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
