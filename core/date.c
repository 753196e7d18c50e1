/* date.c — Gregorian calendar dates: validation, ISO and human text, day counts, financial quarters. */
#include "core/date.h"

#include <stdio.h>
#include <strings.h>

static const char *const month_abbrev[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* True when year is a Gregorian leap year. */
static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Number of days in month (1-12) of year; 0 for a month that does not exist. */
int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* True when the day exists (years 1 to 9999, so ISO text always has four digits). */
bool date_valid(int year, int month, int day)
{
	if (year < 1 || year > 9999)
		return false;
	return day >= 1 && day <= date_days_in_month(year, month);
}

/* The last day of month; {0,0,0} when month is not 1-12. */
struct date date_end_of_month(int year, int month)
{
	struct date d = { 0, 0, 0 };

	if (month >= 1 && month <= 12) {
		d.year = year;
		d.month = month;
		d.day = date_days_in_month(year, month);
	}
	return d;
}

/* Reads n decimal digits at s into *out; false if any is not a digit. */
static bool read_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Strict "YYYY-MM-DD" reader; leaves out untouched on failure. */
bool date_parse_iso(const char *text, struct date *out)
{
	int y, m, d;

	if (!text || !out)
		return false;
	if (!read_digits(text, 4, &y) || text[4] != '-' ||
	    !read_digits(text + 5, 2, &m) || text[7] != '-' ||
	    !read_digits(text + 8, 2, &d) || text[10] != '\0')
		return false;
	if (!date_valid(y, m, d))
		return false;
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

/* Writes the low n decimal digits of v (v >= 0) at out. */
static void put_digits(char *out, int n, int v)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Writes d as "YYYY-MM-DD"; an impossible date gives "0000-00-00". */
void date_format_iso(struct date d, char out[DATE_ISO_LEN])
{
	if (!date_valid(d.year, d.month, d.day))
		d.year = d.month = d.day = 0;
	put_digits(out, 4, d.year);
	out[4] = '-';
	put_digits(out + 5, 2, d.month);
	out[7] = '-';
	put_digits(out + 8, 2, d.day);
	out[10] = '\0';
}

/* Writes d as "9 Jun 2026"; an impossible date gives "?". */
void date_format_human(struct date d, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return;
	if (!date_valid(d.year, d.month, d.day)) {
		snprintf(out, outlen, "?");
		return;
	}
	snprintf(out, outlen, "%d %s %d", d.day, month_abbrev[d.month - 1], d.year);
}

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
long date_to_days(struct date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12; /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The date that is days after 1970-01-01 (H. Hinnant's civil_from_days). */
struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

/* to - from, in days. */
long date_diff_days(struct date from, struct date to)
{
	return date_to_days(to) - date_to_days(from);
}

/* Negative, zero or positive as a is before, equal to or after b. */
int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* The calendar year in which d's financial year (1 April - 31 March) begins. */
static int financial_year(struct date d)
{
	return d.month >= 4 ? d.year : d.year - 1;
}

/* Financial quarter of d, 1 (Apr-Jun) to 4 (Jan-Mar). */
static int financial_quarter(struct date d)
{
	return (d.month + 8) % 12 / 3 + 1;
}

/* Writes the financial quarter label of d, e.g. "2026/27 Q1". */
void date_quarter_label(struct date d, char *out, size_t outlen)
{
	int fy = financial_year(d);

	if (!out || outlen == 0)
		return;
	snprintf(out, outlen, "%d/%02d Q%d", fy, (fy + 1) % 100, financial_quarter(d));
}

/* Reads a quarter scheme's name. */
bool date_quarter_scheme_parse(const char *name, enum date_quarter_scheme *out)
{
	if (name && strcasecmp(name, "financial") == 0)
		*out = DATE_QUARTERS_FINANCIAL;
	else if (name && strcasecmp(name, "calendar") == 0)
		*out = DATE_QUARTERS_CALENDAR;
	else
		return false;
	return true;
}

/* Writes the quarter label of d in the scheme. */
void date_quarter_label_scheme(struct date d, enum date_quarter_scheme scheme, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return;
	if (scheme == DATE_QUARTERS_CALENDAR)
		snprintf(out, outlen, "%d Q%d", d.year, (d.month - 1) / 3 + 1);
	else
		date_quarter_label(d, out, outlen);
}

/* First and last day of the financial quarter holding d. */
void date_quarter_bounds(struct date d, struct date *first, struct date *last)
{
	int fy = financial_year(d);
	int first_month = 4 + 3 * (financial_quarter(d) - 1); /* 4, 7, 10, 13 */
	int year = fy + (first_month > 12);

	first_month = (first_month - 1) % 12 + 1;
	if (first) {
		first->year = year;
		first->month = first_month;
		first->day = 1;
	}
	if (last)
		*last = date_end_of_month(year, first_month + 2);
}
