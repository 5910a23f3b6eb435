/* test_amount.c - amounts in fen and exchange rates, parsed exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>


#include "claimpack.h"
#include "manifest/amount.h"

/* Parses `text`, which must be accepted, and returns the fen. */
static int64_t fen_of(const char *text)
{
	int64_t fen = -777;
	const char *why = NULL;

	if (cp__amount_parse(&fen, text, &why) != 0)
		fail_msg("\"%s\" rejected: %s", text, why ? why : "(no reason)");
	return fen;
}

/* Parses `text`, which must be rejected, and returns the reason. */
static const char *why_amount(const char *text)
{
	int64_t fen = -777;
	const char *why = NULL;

	assert_int_equal(cp__amount_parse(&fen, text, &why), -1);
	assert_true(fen == -777);       /* untouched on failure */
	assert_non_null(why);
	return why;
}

static const char *why_rate(const char *text)
{
	int64_t e8 = -777;
	const char *why = NULL;

	assert_int_equal(cp__rate_parse(&e8, text, &why), -1);
	assert_true(e8 == -777);
	assert_non_null(why);
	return why;
}

static void test_amount__two_one_or_no_decimals(void **state)
{
	(void)state;
	assert_true(fen_of("12850.40") == 1285040);
	assert_true(fen_of("12850.4") == 1285040);
	assert_true(fen_of("12850") == 1285000);
	assert_true(fen_of("173.79") == 17379);
}

static void test_amount__small_and_zero(void **state)
{
	(void)state;
	assert_true(fen_of("0.05") == 5);
	assert_true(fen_of("0.5") == 50);
	assert_true(fen_of("0") == 0);
	assert_true(fen_of("0.00") == 0);
}

static void test_amount__leading_zeros_are_fine(void **state)
{
	(void)state;
	assert_true(fen_of("007.50") == 750);
	/* Many zeros do not count towards the size limit. */
	assert_true(fen_of("000000000000000000000000001") == 100);
}

static void test_amount__rejects_empty_and_null(void **state)
{
	int64_t fen = 0;

	(void)state;
	assert_string_equal(why_amount(""), "is empty");
	assert_int_equal(cp__amount_parse(&fen, NULL, NULL), -1);
}

static void test_amount__decimal_point_needs_digits_on_both_sides(void **state)
{
	(void)state;
	assert_string_equal(why_amount(".5"),
	    "has no digit before the decimal point");
	assert_string_equal(why_amount("5."),
	    "has no digit after the decimal point");
	assert_string_equal(why_amount("."), "is not a plain decimal number");
	assert_string_equal(why_amount("1.2.3"),
	    "is not a plain decimal number");
}

static void test_amount__rejects_signs(void **state)
{
	(void)state;
	assert_string_equal(why_amount("-1"), "is negative");
	assert_string_equal(why_amount("-0.50"), "is negative");
	assert_string_equal(why_amount("+1"), "starts with a plus sign");
}

static void test_amount__tells_separators_apart(void **state)
{
	(void)state;
	assert_string_equal(why_amount("1,000.00"),
	    "uses a thousands separator");
	assert_string_equal(why_amount("12,850"), "uses a thousands separator");
	assert_string_equal(why_amount("1,234,567.8"),
	    "uses a thousands separator");
	assert_string_equal(why_amount("12,5"),
	    "uses a comma as the decimal point");
	assert_string_equal(why_amount("12,50"),
	    "uses a comma as the decimal point");
	assert_string_equal(why_amount("1 000"),
	    "uses a space as a thousands separator");
	assert_string_equal(why_amount("1,0000"),
	    "is not a plain decimal number");
}

static void test_amount__rejects_spaces(void **state)
{
	(void)state;
	assert_string_equal(why_amount("  1"), "has spaces before or after it");
	assert_string_equal(why_amount("1 "), "has spaces before or after it");
	assert_string_equal(why_amount("12 5"), "contains a space");
}

static void test_amount__rejects_exponents_and_letters(void **state)
{
	(void)state;
	assert_string_equal(why_amount("1e3"), "is written with an exponent");
	assert_string_equal(why_amount("1.5E2"),
	    "is written with an exponent");
	assert_string_equal(why_amount("12元"), "is not a plain decimal number");
	assert_string_equal(why_amount("abc"), "is not a plain decimal number");
}

static void test_amount__rejects_more_than_two_decimals(void **state)
{
	(void)state;
	assert_string_equal(why_amount("1.234"), "has more than two decimals");
	assert_string_equal(why_amount("1.230"), "has more than two decimals");
}

static void test_amount__limit_is_exact(void **state)
{
	(void)state;
	assert_true(fen_of("100000000000") == CP__AMOUNT_MAX);
	assert_true(fen_of("100000000000.00") == CP__AMOUNT_MAX);
	assert_true(fen_of("99999999999.99") == CP__AMOUNT_MAX - 1);
	assert_string_equal(why_amount("100000000000.01"), "is too large");
	assert_string_equal(why_amount("100000000001"), "is too large");
}

static void test_amount__huge_values_do_not_overflow(void **state)
{
	(void)state;
	/* Far above INT64_MAX: must be refused, not wrapped around. */
	assert_string_equal(why_amount("99999999999999999999999999999"),
	    "is too large");
	assert_string_equal(why_amount("92233720368547758.07"),
	    "is too large");
}

static void test_amount__why_may_be_null(void **state)
{
	int64_t fen = 0;

	(void)state;
	assert_int_equal(cp__amount_parse(&fen, "1.234", NULL), -1);
	assert_int_equal(cp__amount_parse(&fen, "1.23", NULL), 0);
	assert_true(fen == 123);
}

static void test_amount__format_pads_fen(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(cp__amount_format(buf, sizeof buf, 1285040),
	    "12850.40");
	assert_string_equal(cp__amount_format(buf, sizeof buf, 5), "0.05");
	assert_string_equal(cp__amount_format(buf, sizeof buf, 0), "0.00");
	assert_string_equal(cp__amount_format(buf, sizeof buf, 100), "1.00");
}

static void test_amount__format_negative(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(cp__amount_format(buf, sizeof buf, -305), "-3.05");
	assert_string_equal(cp__amount_format(buf, sizeof buf, -5), "-0.05");
	assert_string_equal(cp__amount_format(buf, sizeof buf, INT64_MIN),
	    "-92233720368547758.08");
	assert_string_equal(cp__amount_format(buf, sizeof buf, INT64_MAX),
	    "92233720368547758.07");
}

static void test_amount__format_truncates_safely(void **state)
{
	char buf[5] = "xxxx";

	(void)state;
	assert_ptr_equal(cp__amount_format(buf, sizeof buf, 1285040), buf);
	assert_string_equal(buf, "1285");
}

static void test_amount__format_round_trips(void **state)
{
	const char *texts[] = { "0.01", "0.10", "1.00", "12850.40",
	    "100000000000.00" };
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		assert_string_equal(
		    cp__amount_format(buf, sizeof buf, fen_of(texts[i])),
		    texts[i]);
}

static void test_amount__rate_up_to_eight_decimals(void **state)
{
	int64_t e8 = 0;

	(void)state;
	assert_int_equal(cp__rate_parse(&e8, "0.1402", NULL), 0);
	assert_true(e8 == 14020000);
	assert_int_equal(cp__rate_parse(&e8, "7.12345678", NULL), 0);
	assert_true(e8 == 712345678);
	assert_int_equal(cp__rate_parse(&e8, "1", NULL), 0);
	assert_true(e8 == 100000000);
	assert_int_equal(cp__rate_parse(&e8, "0.00000001", NULL), 0);
	assert_true(e8 == 1);
}

static void test_amount__rate_rejects_zero_and_amount_errors(void **state)
{
	(void)state;
	assert_string_equal(why_rate("0"), "is zero");
	assert_string_equal(why_rate("0.00000000"), "is zero");
	assert_string_equal(why_rate("0.123456789"),
	    "has more than eight decimals");
	assert_string_equal(why_rate("-0.14"), "is negative");
	assert_string_equal(why_rate("1,5"),
	    "uses a comma as the decimal point");
	assert_string_equal(why_rate(".14"),
	    "has no digit before the decimal point");
	assert_string_equal(why_rate(""), "is empty");
	assert_string_equal(why_rate("99999999999999999999"), "is too large");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount__two_one_or_no_decimals),
		cmocka_unit_test(test_amount__small_and_zero),
		cmocka_unit_test(test_amount__leading_zeros_are_fine),
		cmocka_unit_test(test_amount__rejects_empty_and_null),
		cmocka_unit_test(
		    test_amount__decimal_point_needs_digits_on_both_sides),
		cmocka_unit_test(test_amount__rejects_signs),
		cmocka_unit_test(test_amount__tells_separators_apart),
		cmocka_unit_test(test_amount__rejects_spaces),
		cmocka_unit_test(test_amount__rejects_exponents_and_letters),
		cmocka_unit_test(test_amount__rejects_more_than_two_decimals),
		cmocka_unit_test(test_amount__limit_is_exact),
		cmocka_unit_test(test_amount__huge_values_do_not_overflow),
		cmocka_unit_test(test_amount__why_may_be_null),
		cmocka_unit_test(test_amount__format_pads_fen),
		cmocka_unit_test(test_amount__format_negative),
		cmocka_unit_test(test_amount__format_truncates_safely),
		cmocka_unit_test(test_amount__format_round_trips),
		cmocka_unit_test(test_amount__rate_up_to_eight_decimals),
		cmocka_unit_test(test_amount__rate_rejects_zero_and_amount_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
