/* date.h - calendar dates as days since 1970-01-01, no time zones. */
#ifndef CP_DATE_H
#define CP_DATE_H

#include <stddef.h>
#include <stdint.h>

/* A date as the number of days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t cp__date;

/*
 * Parses an ISO date "YYYY-MM-DD" (exactly that shape, years 1900..2999)
 * and checks that the day exists (2026-02-29 does not).  Returns 0 and
 * sets *out, or -1 and points *why (which may be NULL) at a static
 * fragment: "is not in the form YYYY-MM-DD" (also for "2026-1-9",
 * "20261009", a time after the date or NULL), "has a year outside 1900
 * to 2999" or "is not a real calendar date" (also for month 13).
 */
int cp__date_parse(cp__date *out, const char *text, const char **why);

/*
 * For a date that cp__date_parse refuses, the date most likely meant:
 * year first with other separators or no leading zeros ("2026/11/03",
 * "2026.11.3", "2026-1-9", "2026 11 03", "2026年11月3日", "20261103"),
 * perhaps with a time after it ("2026-11-03 10:30"); or year last
 * ("23/11/2026", "11.23.2026"), read day first or month first.  Returns
 * 1 and sets *out when one real date fits; 2 when the year-last form
 * reads as two real dates ("03/11/2026": 3 November or 11 March), with
 * *out the day-first reading and *other the month-first one; 0 when
 * nothing fits (also for a form cp__date_parse accepts).
 */
int cp__date_suggest(const char *text, cp__date *out, cp__date *other);

/* Days since the epoch for a valid year/month/day. */
cp__date cp__date_from_ymd(int year, int month, int day);

/* The year, month and day of `date`. */
void cp__date_to_ymd(cp__date date, int *year, int *month, int *day);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *cp__date_format(char *buf, size_t size, cp__date date);

/*
 * Today's date in UTC.  When the SOURCE_DATE_EPOCH environment variable
 * holds a valid number of seconds, that moment's date is used instead, so
 * that builds can be reproduced.  Valid means ASCII digits only (no sign,
 * no spaces) and a day that fits a cp__date; any other value is ignored.
 */
cp__date cp__date_today(void);

#endif
