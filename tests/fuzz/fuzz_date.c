/*
 * fuzz_date.c - cp__date_parse, cp__date_format, cp__date_suggest and the
 * day arithmetic.
 *
 * The input is the text of a date (up to its first NUL).  Checked
 * against date.h, with the calendar rules written here independently:
 * - parse accepts exactly "YYYY-MM-DD" of a real day in 1900..2999, and
 *   cp__date_format gives back the very same text;
 * - on failure *out is left alone and *why is a documented fragment;
 * - cp__date_suggest suggests only for text parse refuses, and only
 *   dates parse accepts (two different ones when it reads two ways);
 * - for any day number (from the input's first 4 bytes),
 *   cp__date_to_ymd gives a real calendar day and cp__date_from_ymd
 *   inverts it.
 */
#include "manifest/date.h"
#include "fuzz.h"

#define SENTINEL ((cp__date)0x5A5A5A5A)

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* 0 when `text` is a valid date by date.h, else which rule fails
 * (1 shape, 2 year, 3 day). */
static int
expected(const char *text)
{
	int y = 0, m = 0, d = 0, i;

	for (i = 0; i < 10; i++) {
		char c = text[i];

		if (i == 4 || i == 7) {
			if (c != '-')
				return 1;
		} else if (c < '0' || c > '9') {
			return 1;
		}
	}
	if (text[10] != '\0')
		return 1;
	for (i = 0; i < 4; i++)
		y = y * 10 + (text[i] - '0');
	m = (text[5] - '0') * 10 + (text[6] - '0');
	d = (text[8] - '0') * 10 + (text[9] - '0');
	if (y < 1900 || y > 2999)
		return 2;
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return 3;
	return 0;
}

static void
check_parse(const char *text)
{
	static const char *const whys[] = {
		NULL, "is not in the form YYYY-MM-DD",
		"has a year outside 1900 to 2999",
		"is not a real calendar date"
	};
	cp__date date = SENTINEL, again = SENTINEL;
	const char *why = NULL;
	char buf[11];
	int want = expected(text);
	int rc = cp__date_parse(&date, text, &why);

	FZ_ASSERT(rc == 0 || rc == -1);
	FZ_ASSERT(cp__date_parse(&again, text, NULL) == rc);
	if (rc != 0) {
		FZ_ASSERT(want != 0);
		FZ_ASSERT(date == SENTINEL);
		FZ_ASSERT(why != NULL && strcmp(why, whys[want]) == 0);
		return;
	}
	FZ_ASSERT(want == 0 && again == date);
	FZ_ASSERT(cp__date_format(buf, sizeof(buf), date) == buf);
	FZ_ASSERT(strcmp(buf, text) == 0);
}

/* A suggestion is for a refused text only, and is a date parse
 * accepts; two readings are two dates. */
static void
check_suggest(const char *text)
{
	cp__date a = SENTINEL, b = SENTINEL, back;
	char buf[11];
	int n = cp__date_suggest(text, &a, &b);

	FZ_ASSERT(n >= 0 && n <= 2);
	if (cp__date_parse(&back, text, NULL) == 0)
		FZ_ASSERT(n == 0);
	if (n >= 1) {
		cp__date_format(buf, sizeof(buf), a);
		FZ_ASSERT(cp__date_parse(&back, buf, NULL) == 0 && back == a);
	}
	if (n == 2) {
		cp__date_format(buf, sizeof(buf), b);
		FZ_ASSERT(cp__date_parse(&back, buf, NULL) == 0 && back == b);
		FZ_ASSERT(a != b);
	}
}

/* Day numbers and calendar days convert both ways. */
static void
check_days(const uint8_t *data, size_t size)
{
	uint32_t raw = 0;
	cp__date day, next;
	int y, m, d, y2, m2, d2;
	size_t i;

	if (size < 4)
		return;
	for (i = 0; i < 4; i++)
		raw = raw << 8 | data[i];
	/* Keep clear of the int32 ends, where day + 1 would overflow. */
	day = (cp__date)((int32_t)raw / 2);
	cp__date_to_ymd(day, &y, &m, &d);
	FZ_ASSERT(m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m));
	FZ_ASSERT(cp__date_from_ymd(y, m, d) == day);
	/* The next day number is the next calendar day. */
	next = day + 1;
	cp__date_to_ymd(next, &y2, &m2, &d2);
	if (d < month_days(y, m))
		FZ_ASSERT(y2 == y && m2 == m && d2 == d + 1);
	else if (m < 12)
		FZ_ASSERT(y2 == y && m2 == m + 1 && d2 == 1);
	else
		FZ_ASSERT(y2 == y + 1 && m2 == 1 && d2 == 1);
	/* NULL out-parameters are allowed. */
	cp__date_to_ymd(day, NULL, NULL, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((text = fz_text(data, size)) == NULL)
		return 0;
	check_parse(text);
	check_suggest(text);
	check_days(data, size);
	free(text);
	return 0;
}
