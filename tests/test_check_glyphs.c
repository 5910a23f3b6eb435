/* test_check_glyphs.c - glyph-missing from `check`: text of the manifest
 * that no font of the bundle prints, found before any build. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/* Checks the complete claim with the passport name `name` and the
 * aliases `aliases` (YAML values). */
static const cp_report *
check_names(ts_fixture *fx, const char *name, const char *aliases)
{
	if (access(ts_path(fx, "ds.pdf"), F_OK) != 0)
		ts_write_standard_files(fx);
	return ts_checkf(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 2026-11-01\n"
	    "patient:\n"
	    "  name: %s\n"
	    "  passport: E12345678\n"
	    "  aliases: %s\n"
	    "%s"
	    "documents:\n"
	    "%s%s", name, aliases, TS_STAY, TS_RECORDS, TS_MONEY);
}

static void
test_check_glyphs__every_script_a_font_prints_is_clean(void **state)
{
	ts_fixture *fx = *state;

	ts_expect_none(check_names(fx, "\"NGUYỄN, Thị Minh Ngọc\"",
	    "[\"Παπαδοπούλου Ελένη\", \"Иванов Дмитрий\", \"约翰·史密斯\", "
	    "\"國際\", \"やまだ タロウ\", \"김민준\", \"สมชาย ใจดี\", "
	    "\"ZHĀNG Ōuyáng\", \"ŁUKASZ ŻÓŁW\", \"ŞAHİN Çağrı\"]"),
	    "glyph-missing");
}

/* An alias in a script no font has: the field, the text and each
 * character, once; the advice keeps the passport's spelling. */
static void
test_check_glyphs__an_ethiopic_alias_is_reported(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_names(fx, "\"SMITH, John Alexander\"",
	    "[\"Smith\", \"ሰላም ሰ\"]"), "glyph-missing", NULL);
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "patient.aliases[1] \"ሰላም ሰ\"");
	ts_assert_contains(f->message, "(U+1230 ሰ, U+120B ላ, U+121D ም)");
	ts_assert_contains(f->message, "as it is in the passport");
	assert_null(strstr(f->message, "another way"));
}

static void
test_check_glyphs__an_emoji_in_the_passport_name_is_reported(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_names(fx, "\"SMITH, John 😀\"", "[]"),
	    "glyph-missing", NULL);
	ts_assert_contains(f->message, "patient.name");
	ts_assert_contains(f->message, "U+1F600");
}

/* Many different characters: eight are named, the rest counted. */
static void
test_check_glyphs__a_long_list_is_cut(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_names(fx, "\"SMITH, John\"",
	    "[\"ሀሁሂሃሄህሆለሉሊ\"]"), "glyph-missing", NULL);
	ts_assert_contains(f->message, "and 2 more");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_glyphs__every_script_a_font_prints_is_clean),
		TS_TEST(test_check_glyphs__an_ethiopic_alias_is_reported),
		TS_TEST(test_check_glyphs__an_emoji_in_the_passport_name_is_reported),
		TS_TEST(test_check_glyphs__a_long_list_is_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
