/* date.h — calendar dates: validation, ISO text, day arithmetic, UK financial quarters. */
#ifndef PB_DATE_H
#define PB_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year, month, day;
};

#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" and its NUL */

bool date_valid(int year, int month, int day);
int date_days_in_month(int year, int month);
struct date date_end_of_month(int year, int month);

/* Strict "YYYY-MM-DD"; false (out untouched) when malformed or impossible. */
bool date_parse_iso(const char *text, struct date *out);
void date_format_iso(struct date d, char out[DATE_ISO_LEN]);
/* "9 Jun 2026" */
void date_format_human(struct date d, char *out, size_t outlen);

/* Days since 1970-01-01 (negative before). */
long date_to_days(struct date d);
struct date date_from_days(long days);
/* to - from, in days */
long date_diff_days(struct date from, struct date to);
int date_compare(struct date a, struct date b);

/* Financial year (1 April - 31 March) quarter label, e.g. "2026/27 Q1". */
void date_quarter_label(struct date d, char *out, size_t outlen);
/* How quarters are counted: financial years from 1 April (UK councils), or calendar years. */
enum date_quarter_scheme { DATE_QUARTERS_FINANCIAL, DATE_QUARTERS_CALENDAR };
/* "financial" or "calendar" (any case) into *out; false for anything else. */
bool date_quarter_scheme_parse(const char *name, enum date_quarter_scheme *out);
/* The quarter label of d in a scheme: "2026/27 Q1" (financial) or "2026 Q2" (calendar). */
void date_quarter_label_scheme(struct date d, enum date_quarter_scheme scheme, char *out, size_t outlen);
/* First and last day of the financial quarter holding d. */
void date_quarter_bounds(struct date d, struct date *first, struct date *last);

#endif
