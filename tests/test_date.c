/* test_date.c - ISO dates as days since 1970-01-01. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "claimpack.h"
#include "manifest/date.h"

/* Parses `text`, which must be accepted, and returns the day number. */
static cp__date day_of(const char *text)
{
	cp__date d = -777;
	const char *why = NULL;

	if (cp__date_parse(&d, text, &why) != 0)
		fail_msg("\"%s\" rejected: %s", text, why ? why : "(no reason)");
	return d;
}

/* Parses `text`, which must be rejected, and returns the reason. */
static const char *why_date(const char *text)
{
	cp__date d = -777;
	const char *why = NULL;

	assert_int_equal(cp__date_parse(&d, text, &why), -1);
	assert_int_equal(d, -777);
	assert_non_null(why);
	return why;
}

static void test_date__parses_known_days(void **state)
{
	(void)state;
	assert_int_equal(day_of("1970-01-01"), 0);
	assert_int_equal(day_of("1969-12-31"), -1);
	assert_int_equal(day_of("2026-10-09"), 20735);
	assert_int_equal(day_of("2000-03-01"), 11017);
	assert_int_equal(day_of("1900-01-01"), -25567);
	assert_int_equal(day_of("2999-12-31"), 376199);
}

static void test_date__leap_days(void **state)
{
	(void)state;
	assert_int_equal(day_of("2000-02-29"), 11016);
	assert_int_equal(day_of("2024-02-29") + 1, day_of("2024-03-01"));
	assert_string_equal(why_date("2026-02-29"),
	    "is not a real calendar date");
	assert_string_equal(why_date("1900-02-29"),
	    "is not a real calendar date");
	assert_string_equal(why_date("2100-02-29"),
	    "is not a real calendar date");
}

static void test_date__rejects_days_and_months_that_do_not_exist(void **state)
{
	(void)state;
	assert_string_equal(why_date("2026-13-01"),
	    "is not a real calendar date");
	assert_string_equal(why_date("2026-00-10"),
	    "is not a real calendar date");
	assert_string_equal(why_date("2026-04-31"),
	    "is not a real calendar date");
	assert_string_equal(why_date("2026-10-00"),
	    "is not a real calendar date");
	assert_string_equal(why_date("2026-10-32"),
	    "is not a real calendar date");
}

static void test_date__rejects_other_shapes(void **state)
{
	static const char *const shapes[] = {
		"2026-1-9", "20261009", "2026-10-09T00:00", "2026/10/09",
		" 2026-10-09", "2026-10-09 ", "2026-10-9", "26-10-09", "",
		"2026-10-0", "09-10-2026", "2026年10月9日", "+026-10-09",
		"２０２６-10-09",
	};

	(void)state;
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		assert_string_equal(why_date(shapes[i]),
		    "is not in the form YYYY-MM-DD");
}

static void test_date__rejects_null(void **state)
{
	cp__date d = 5;

	(void)state;
	assert_int_equal(cp__date_parse(&d, NULL, NULL), -1);
	assert_int_equal(d, 5);
}

static void test_date__rejects_years_outside_range(void **state)
{
	(void)state;
	assert_string_equal(why_date("1899-12-31"),
	    "has a year outside 1900 to 2999");
	assert_string_equal(why_date("3000-01-01"),
	    "has a year outside 1900 to 2999");
	assert_string_equal(why_date("0000-01-01"),
	    "has a year outside 1900 to 2999");
}

static void test_date__every_day_round_trips(void **state)
{
	cp__date first = day_of("1900-01-01");
	cp__date last = day_of("2999-12-31");
	int prev_y = 1899;
	int prev_m = 12;
	int prev_d = 31;
	char buf[11];

	(void)state;
	for (cp__date d = first; d <= last; d++) {
		int y;
		int m;
		int dd;

		cp__date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(cp__date_from_ymd(y, m, dd), d);
		/* Each day follows the previous one on the calendar. */
		if (dd == 1)
			assert_true((m == prev_m + 1 && y == prev_y) ||
			    (m == 1 && prev_m == 12 && y == prev_y + 1));
		else
			assert_true(dd == prev_d + 1 && m == prev_m &&
			    y == prev_y);
		assert_int_equal(day_of(cp__date_format(buf, sizeof buf, d)),
		    d);
		prev_y = y;
		prev_m = m;
		prev_d = dd;
	}
	assert_int_equal(prev_y, 2999);
}

static void test_date__ymd_before_epoch(void **state)
{
	int y;
	int m;
	int d;

	(void)state;
	cp__date_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	assert_int_equal(cp__date_from_ymd(1600, 3, 1), -135080);
}

static void test_date__format(void **state)
{
	char buf[11];
	char small[5] = "xxxx";

	(void)state;
	assert_string_equal(cp__date_format(buf, sizeof buf, 20735),
	    "2026-10-09");
	assert_string_equal(cp__date_format(buf, sizeof buf, 0), "1970-01-01");
	assert_string_equal(cp__date_format(buf, sizeof buf, -25567),
	    "1900-01-01");
	assert_ptr_equal(cp__date_format(small, sizeof small, 0), small);
	assert_string_equal(small, "1970");
}

static void test_date__today_from_source_date_epoch(void **state)
{
	(void)state;
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	assert_int_equal(cp__date_today(), day_of("2023-11-14"));
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
	assert_int_equal(cp__date_today(), 0);
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "86399", 1), 0);
	assert_int_equal(cp__date_today(), 0);
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "86400", 1), 0);
	assert_int_equal(cp__date_today(), 1);
	unsetenv("SOURCE_DATE_EPOCH");
}

/* cp__date_today() with the clock, allowing for midnight in between. */
static void assert_today_is_clock(void)
{
	int64_t before = (int64_t)time(NULL) / 86400;
	cp__date today = cp__date_today();
	int64_t after = (int64_t)time(NULL) / 86400;

	assert_true(today >= before && today <= after);
}

static void test_date__today_ignores_invalid_source_date_epoch(void **state)
{
	static const char *const invalid[] = {
		"", "abc", "-86400", " 86400", "86400 ", "+86400", "1e9",
		"1700000000.5", "99999999999999999999999999",
		"185542587187200",      /* (INT32_MAX + 1) days in seconds */
	};

	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	assert_today_is_clock();
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		assert_int_equal(setenv("SOURCE_DATE_EPOCH", invalid[i], 1), 0);
		assert_today_is_clock();
	}
	unsetenv("SOURCE_DATE_EPOCH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__parses_known_days),
		cmocka_unit_test(test_date__leap_days),
		cmocka_unit_test(
		    test_date__rejects_days_and_months_that_do_not_exist),
		cmocka_unit_test(test_date__rejects_other_shapes),
		cmocka_unit_test(test_date__rejects_null),
		cmocka_unit_test(test_date__rejects_years_outside_range),
		cmocka_unit_test(test_date__every_day_round_trips),
		cmocka_unit_test(test_date__ymd_before_epoch),
		cmocka_unit_test(test_date__format),
		cmocka_unit_test(test_date__today_from_source_date_epoch),
		cmocka_unit_test(
		    test_date__today_ignores_invalid_source_date_epoch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
