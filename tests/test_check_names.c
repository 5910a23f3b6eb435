/* test_check_names.c - the name on each paper is the passport's:
 * name-mismatch, name-partial, name-alias. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/*
 * Checks the complete claim (passport name "SMITH, John Alexander") with
 * `aliases` (a YAML list) and one more paper, prescription rx, on which
 * the name `printed` (a YAML value) is printed.
 */
static const cp_report *
check_name(ts_fixture *fx, const char *aliases, const char *printed)
{
	if (access(ts_path(fx, "ds.pdf"), F_OK) != 0)
		ts_write_standard_files(fx);
	return ts_checkf(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 2026-11-01\n"
	    "patient:\n"
	    "  name: \"SMITH, John Alexander\"\n"
	    "  passport: E12345678\n"
	    "  aliases: %s\n"
	    "%s"
	    "documents:\n"
	    "%s%s"
	    "  - id: rx\n"
	    "    type: prescription\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-05\n"
	    "    name: %s\n", aliases, TS_STAY, TS_RECORDS, TS_MONEY, printed);
}

static void
assert_only(const cp_report *report, const char *check)
{
	if (cp_report_count(report) != 1 ||
	    strcmp(cp_report_at(report, 0)->check, check) != 0) {
		ts_print_report(report);
		fail_msg("expected one finding, %s", check);
	}
}

/* ---- name-mismatch --------------------------------------------------- */

static void
test_check_names__different_name_is_a_mismatch(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_name(fx, "[]", "SMYTH John Alexander"),
	    "name-mismatch", "rx");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "x.pdf");
	ts_assert_contains(f->message, "\"SMYTH John Alexander\" on document rx");
	ts_assert_contains(f->message, "passport name \"SMITH, John Alexander\"");
	ts_assert_contains(f->message, "patient.aliases");
	assert_only(fx->report, "name-mismatch");
}

static void
test_check_names__other_persons_name_is_a_mismatch(void **state)
{
	ts_fixture *fx = *state;

	/* The spouse's receipt slipped into the pile. */
	ts_expect(check_name(fx, "[]", "SMITH, Mary"), "name-mismatch", "rx");
	ts_expect_none(fx->report, "name-partial");
}

static void
test_check_names__chinese_name_without_alias_is_a_mismatch(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_name(fx, "[Smith John]", "约翰·史密斯"),
	    "name-mismatch", "rx");
	ts_assert_contains(f->message, "in Chinese characters");
	ts_assert_contains(f->message, "\"约翰·史密斯\"");
}

static void
test_check_names__same_name_written_differently_is_no_mismatch(
    void **state)
{
	ts_fixture *fx = *state;
	static const char *const same[] = {
		"SMITH JOHN ALEXANDER", "john alexander smith",
		"\"Smith, John Alexander\"", "JOHN-ALEXANDER SMITH",
		"\"SMITH  John  Alexander\"",
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		check_name(fx, "[]", same[i]);
		if (cp_report_count(fx->report) != 0) {
			ts_print_report(fx->report);
			fail_msg("%s gave findings", same[i]);
		}
	}
}

/* ---- name-partial ---------------------------------------------------- */

static void
test_check_names__missing_middle_name_is_partial(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_name(fx, "[]", "SMITH JOHN"), "name-partial", "rx");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "\"SMITH JOHN\" on document rx leaves "
	    "out part of the passport name \"SMITH, John Alexander\"");
	/* It tells the user how to quiet it. */
	ts_assert_contains(f->message, "add \"SMITH JOHN\" to patient.aliases");
	assert_only(fx->report, "name-partial");
}

static void
test_check_names__initials_are_partial(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_name(fx, "[]", "J. A. SMITH"), "name-partial", "rx");
	ts_expect_none(fx->report, "name-mismatch");
}

static void
test_check_names__full_name_is_not_partial(void **state)
{
	ts_fixture *fx = *state;

	check_name(fx, "[]", "Smith John Alexander");
	ts_expect_none(fx->report, "name-partial");
	ts_expect_none(fx->report, "name-mismatch");
}

/* ---- name-alias ------------------------------------------------------ */

static void
test_check_names__chinese_alias_matches(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_name(fx, "[约翰·史密斯]", "约翰 史密斯"),
	    "name-alias", "rx");
	assert_int_equal(f->severity, CP_SEVERITY_NOTICE);
	ts_assert_contains(f->message, "\"约翰 史密斯\" on document rx matches "
	    "the alias \"约翰·史密斯\"");
	assert_only(fx->report, "name-alias");
}

static void
test_check_names__latin_alias_matches(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_name(fx, "[Smith Jon, Jon Smyth]", "SMYTH JON"),
	    "name-alias", "rx");
	ts_expect_none(fx->report, "name-mismatch");
}

static void
test_check_names__alias_for_a_short_form_beats_partial(void **state)
{
	ts_fixture *fx = *state;

	/* The hospital always leaves out the middle name, and the user
	 * said so in the aliases: a notice, not a warning. */
	ts_expect(check_name(fx, "SMITH JOHN", "John Smith"), "name-alias",
	    "rx");
	ts_expect_none(fx->report, "name-partial");
}

static void
test_check_names__alias_in_other_word_order_does_not_match_chinese(
    void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_name(fx, "[约翰·史密斯]", "史密斯·约翰"),
	    "name-mismatch", "rx");
	ts_expect_none(fx->report, "name-alias");
}

static void
test_check_names__passport_name_needs_no_alias(void **state)
{
	ts_fixture *fx = *state;

	check_name(fx, "[约翰·史密斯, Smith John]", "SMITH JOHN ALEXANDER");
	ts_expect_none(fx->report, "name-alias");
	ts_expect_clean(fx->report);
}

static void
test_check_names__image_files_have_no_name_to_check(void **state)
{
	ts_fixture *fx = *state;

	/* The complete claim has imaging_files without a name. */
	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, "reimbursement");
	assert_int_equal(ts_count(fx->report, "name-mismatch", "ct"), 0);
	ts_expect_clean(fx->report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_names__different_name_is_a_mismatch),
		TS_TEST(test_check_names__other_persons_name_is_a_mismatch),
		TS_TEST(test_check_names__chinese_name_without_alias_is_a_mismatch),
		TS_TEST(test_check_names__same_name_written_differently_is_no_mismatch),
		TS_TEST(test_check_names__missing_middle_name_is_partial),
		TS_TEST(test_check_names__initials_are_partial),
		TS_TEST(test_check_names__full_name_is_not_partial),
		TS_TEST(test_check_names__chinese_alias_matches),
		TS_TEST(test_check_names__latin_alias_matches),
		TS_TEST(test_check_names__alias_for_a_short_form_beats_partial),
		TS_TEST(test_check_names__alias_in_other_word_order_does_not_match_chinese),
		TS_TEST(test_check_names__passport_name_needs_no_alias),
		TS_TEST(test_check_names__image_files_have_no_name_to_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
