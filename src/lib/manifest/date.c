/* date.c - calendar dates as days since 1970-01-01, no time zones. */
#include "manifest/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_DAY INT64_C(86400)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Floor division, for days before the epoch. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * Howard Hinnant's days_from_civil
 * (http://howardhinnant.github.io/date_algorithms.html): counts in
 * 400-year eras of 146097 days that start on March 1st, so that the leap
 * day falls at the end of the counted year.
 */
cp__date cp__date_from_ymd(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                              /* [0, 399] */
	int64_t mp = month > 2 ? month - 3 : month + 9;           /* [0, 11] */
	int64_t doy = (153 * mp + 2) / 5 + day - 1;               /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;      /* [0, 146096] */

	return (cp__date)(era * 146097 + doe - 719468);
}

/* Howard Hinnant's civil_from_days, the inverse of the above. */
void cp__date_to_ymd(cp__date date, int *year, int *month, int *day)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;                           /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);    /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                         /* [0, 11] */
	int64_t d = doy - (153 * mp + 2) / 5 + 1;                 /* [1, 31] */
	int64_t m = mp < 10 ? mp + 3 : mp - 9;                    /* [1, 12] */
	int64_t y = yoe + era * 400 + (m <= 2);

	if (year != NULL)
		*year = (int)y;
	if (month != NULL)
		*month = (int)m;
	if (day != NULL)
		*day = (int)d;
}

static int digits_value(const char *text, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (text[i] - '0');
	return v;
}

int cp__date_parse(cp__date *out, const char *text, const char **why)
{
	const char *ignored;
	int year;
	int month;
	int day;

	if (why == NULL)
		why = &ignored;
	if (text == NULL) {
		*why = "is not in the form YYYY-MM-DD";
		return -1;
	}
	for (size_t i = 0; i < 10; i++) {
		bool ok = (i == 4 || i == 7) ? text[i] == '-' : is_digit(text[i]);

		/* text[i] is '\0' on a short string, which fails both tests,
		 * so the loop never reads past the end. */
		if (!ok) {
			*why = "is not in the form YYYY-MM-DD";
			return -1;
		}
	}
	if (text[10] != '\0') {
		*why = "is not in the form YYYY-MM-DD";
		return -1;
	}

	year = digits_value(text, 4);
	month = digits_value(text + 5, 2);
	day = digits_value(text + 8, 2);
	if (year < 1900 || year > 2999) {
		*why = "has a year outside 1900 to 2999";
		return -1;
	}
	if (month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month)) {
		*why = "is not a real calendar date";
		return -1;
	}
	*out = cp__date_from_ymd(year, month, day);
	return 0;
}

/* Whether year/month/day is a date cp__date_parse would accept. */
static bool real_date(int year, int month, int day)
{
	return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 &&
	    day >= 1 && day <= days_in_month(year, month);
}

/* Reads a run of 1 to `max` digits at *p into *value, moving *p past
 * it; returns the number of digits (0 when there is none, or more than
 * `max`). */
static size_t digit_run(const char **p, size_t max, int *value)
{
	size_t n = 0;

	while (is_digit((*p)[n]))
		n++;
	if (n == 0 || n > max)
		return 0;
	*value = digits_value(*p, n);
	*p += n;
	return n;
}

/* Moves *p past one separator of date parts, with spaces around it:
 * '/', '.', '-', a space, or the 年 and 月 of a Chinese date. */
static bool date_separator(const char **p)
{
	const char *s = *p;
	bool seen = false;

	while (*s == ' ')
		s++, seen = true;
	if (*s == '/' || *s == '.' || *s == '-') {
		s++;
		seen = true;
	} else if (strncmp(s, "年", 3) == 0 || strncmp(s, "月", 3) == 0) {
		s += 3;
		seen = true;
	}
	while (*s == ' ')
		s++;
	*p = s;
	return seen;
}

/* Whether what is left after a date is nothing, a Chinese 日 or 号, or
 * a time of day ("10:30", "T10:30:00"). */
static bool date_tail(const char *s)
{
	if (strncmp(s, "日", 3) == 0 || strncmp(s, "号", 3) == 0)
		s += 3;
	if (*s == '\0')
		return true;
	if (*s != ' ' && *s != 'T')
		return false;
	while (*s == ' ' || *s == 'T')
		s++;
	if (!is_digit(*s))
		return false;
	for (; *s != '\0'; s++)
		if (!is_digit(*s) && *s != ':' && *s != '.')
			return false;
	return true;
}

int cp__date_suggest(const char *text, cp__date *out, cp__date *other)
{
	const char *p = text;
	int a, b, c;
	size_t na, nc;
	bool day_first, month_first;

	if (text == NULL || cp__date_parse(out, text, NULL) == 0)
		return 0;
	while (*p == ' ')
		p++;
	if ((na = digit_run(&p, 8, &a)) == 8) {
		/* 20261103 */
		if (!date_tail(p))
			return 0;
		c = a % 100;
		b = a / 100 % 100;
		a /= 10000;
		if (!real_date(a, b, c))
			return 0;
		*out = cp__date_from_ymd(a, b, c);
		return 1;
	}
	if (na == 0 || na == 3 || na > 4 || !date_separator(&p) ||
	    digit_run(&p, 2, &b) == 0 || !date_separator(&p) ||
	    (nc = digit_run(&p, 4, &c)) == 0 || !date_tail(p))
		return 0;
	if (na == 4) {
		if (nc > 2 || !real_date(a, b, c))
			return 0;
		*out = cp__date_from_ymd(a, b, c);
		return 1;
	}
	if (nc != 4)
		return 0;
	/* Year last: a/b/c is day/month or month/day. */
	day_first = real_date(c, b, a);
	month_first = real_date(c, a, b);
	if (day_first && month_first && a != b) {
		*out = cp__date_from_ymd(c, b, a);
		*other = cp__date_from_ymd(c, a, b);
		return 2;
	}
	if (!day_first && !month_first)
		return 0;
	*out = day_first ? cp__date_from_ymd(c, b, a) :
	    cp__date_from_ymd(c, a, b);
	return 1;
}

char *cp__date_format(char *buf, size_t size, cp__date date)
{
	int year;
	int month;
	int day;

	if (buf == NULL || size == 0)
		return buf;
	cp__date_to_ymd(date, &year, &month, &day);
	snprintf(buf, size, "%04d-%02d-%02d", year, month, day);
	return buf;
}

/*
 * Reads SOURCE_DATE_EPOCH as a plain non-negative count of seconds: ASCII
 * digits only, no sign, no spaces, and small enough that its day fits a
 * cp__date.  Anything else is ignored, as the reproducible-builds
 * specification allows, rather than guessed at.
 */
static bool source_date_epoch(int64_t *out_seconds)
{
	const char *text = getenv("SOURCE_DATE_EPOCH");
	const int64_t max = (int64_t)INT32_MAX * SECONDS_PER_DAY;
	int64_t v = 0;

	if (text == NULL || text[0] == '\0')
		return false;
	for (const char *p = text; *p != '\0'; p++) {
		if (!is_digit(*p))
			return false;
		if (v > (max - (*p - '0')) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out_seconds = v;
	return true;
}

cp__date cp__date_today(void)
{
	int64_t seconds;

	if (!source_date_epoch(&seconds)) {
		time_t now = time(NULL);

		/* time() fails only on exotic systems; the epoch is then as
		 * good a guess as any, and keeps the library from aborting. */
		seconds = now == (time_t)-1 ? 0 : (int64_t)now;
	}
	return (cp__date)floor_div(seconds, SECONDS_PER_DAY);
}
