/* test_bidi.c - right-to-left text in visual order, Arabic joined. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "canvas/bidi.h"
#include "support.h"

/* Visual form of `in`, or NULL when it is left alone. */
static char *
vis(const char *in, cp__bidi_prints prints)
{
	char *out = (char *)"unset";

	assert_int_equal(cp__bidi_visual(&out, in, prints, NULL), CP_OK);
	return out;
}

static void
expect(const char *in, const char *want, cp__bidi_prints prints)
{
	char *out = vis(in, prints);

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

static bool
prints_all(void *ctx, uint32_t cp)
{
	(void)ctx;
	(void)cp;
	return true;
}

/* As the fonts: no joined alef with hamza below (U+FE87, U+FE88). */
static bool
prints_no_fe87(void *ctx, uint32_t cp)
{
	(void)ctx;
	return cp != 0xfe87 && cp != 0xfe88;
}

/* No lam-alef ligature. */
static bool
prints_no_lam_alef(void *ctx, uint32_t cp)
{
	(void)ctx;
	return !(cp >= 0xfef5 && cp <= 0xfefc);
}

static void
test_bidi__latin_and_cjk_are_left_alone(void **state)
{
	(void)state;
	assert_null(vis("SMITH, John Alexander", prints_all));
	assert_null(vis("NGUYỄN Thị 约翰·史密斯 김민준 สมชาย", prints_all));
	assert_null(vis("", prints_all));
	/* Malformed UTF-8 too. */
	assert_null(vis("\xd7\xa9\xff", prints_all));
}

static void
test_bidi__hebrew_is_reversed(void **state)
{
	(void)state;
	expect("דוד כהן", "ןהכ דוד", prints_all);
	/* In a left-to-right line, only the Hebrew run turns round. */
	expect("Alias: דוד כהן", "Alias: ןהכ דוד", NULL);
}

static void
test_bidi__arabic_is_joined_and_reversed(void **state)
{
	(void)state;
	/* محمد: meem initial, hah medial, meem medial, dal final, drawn
	 * right to left, so the string runs dal first. */
	expect("محمد", "\xef\xba\xaa\xef\xbb\xa4\xef\xba\xa4\xef\xbb\xa3",
	    prints_all);
	/* A right-to-left line: the words' order turns round too; a
	 * letter alone takes its isolated form. */
	expect("\xd8\xa8 \xd8\xaa",               /* ب ت */
	    "\xef\xba\x95 \xef\xba\x8f", prints_all); /* ﺕ ﺏ */
}

static void
test_bidi__lam_alef_is_one_glyph(void **state)
{
	(void)state;
	/* لا: the ligature (U+FEFB), without the filler FriBidi leaves. */
	expect("\xd9\x84\xd8\xa7", "\xef\xbb\xbb", prints_all);
	/* When the ligature does not print, both letters, unjoined. */
	expect("\xd9\x84\xd8\xa7", "\xd8\xa7\xd9\x84", prints_no_lam_alef);
}

static void
test_bidi__a_form_no_font_prints_falls_back_to_its_letter(void **state)
{
	(void)state;
	/* إب: alef with hamza below (isolated: it does not join to its
	 * left) and beh final, drawn beh first. */
	expect("\xd8\xa5\xd8\xa8", "\xef\xba\x8f\xef\xba\x87", prints_all);
	expect("\xd8\xa5\xd8\xa8", "\xef\xba\x8f\xd8\xa5", prints_no_fe87);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_bidi__latin_and_cjk_are_left_alone),
		TS_TEST(test_bidi__hebrew_is_reversed),
		TS_TEST(test_bidi__arabic_is_joined_and_reversed),
		TS_TEST(test_bidi__lam_alef_is_one_glyph),
		TS_TEST(test_bidi__a_form_no_font_prints_falls_back_to_its_letter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
