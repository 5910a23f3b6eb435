/* test_check_names.c - the name on each paper is the passport's:
 * name-mismatch, name-partial, name-alias, name-transliterated. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "check/names.h"
#include "support.h"

/*
 * Checks the complete claim with the passport name `passport` (a YAML
 * value), `aliases` (a YAML list) and one more paper, prescription rx,
 * on which the name `printed` (a YAML value) is printed.
 */
static const cp_report *
check_passport_name(ts_fixture *fx, const char *passport,
    const char *aliases, const char *printed)
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
	    "%s%s"
	    "  - id: rx\n"
	    "    type: prescription\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-05\n"
	    "    name: %s\n", passport, aliases, TS_STAY, TS_RECORDS, TS_MONEY,
	    printed);
}

/* The same, the passport name "SMITH, John Alexander". */
static const cp_report *
check_name(ts_fixture *fx, const char *aliases, const char *printed)
{
	return check_passport_name(fx, "\"SMITH, John Alexander\"", aliases,
	    printed);
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

/*
 * The findings on rx only: the other papers of the complete claim name
 * SMITH, whom a test with another passport name finds mismatched.
 * `check` NULL asserts there are none.
 */
static void
assert_rx_only(const cp_report *report, const char *check)
{
	size_t i, n = 0;
	bool ok = true;

	for (i = 0; i < cp_report_count(report); i++) {
		const cp_finding *f = cp_report_at(report, i);

		if (strcmp(f->document, "rx") != 0)
			continue;
		n++;
		if (check == NULL || strcmp(f->check, check) != 0)
			ok = false;
	}
	if (!ok || n != (check != NULL ? 1u : 0u)) {
		ts_print_report(report);
		fail_msg("expected on rx: %s", check ? check : "nothing");
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

/* ---- name-transliterated --------------------------------------------- */

static void
test_check_names__icao_spelling_is_transliterated(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_passport_name(fx, "\"MÜLLER, Jürgen\"", "[]",
	    "MUELLER JUERGEN"), "name-transliterated", "rx");
	assert_int_equal(f->severity, CP_SEVERITY_NOTICE);
	assert_string_equal(f->file, "x.pdf");
	/* Both spellings, and that nothing needs doing. */
	ts_assert_contains(f->message, "\"MUELLER JUERGEN\" on document rx");
	ts_assert_contains(f->message, "passport name \"MÜLLER, Jürgen\"");
	ts_assert_contains(f->message, "this is fine");
	/* It never asks to change the passport spelling. */
	assert_null(strstr(f->message, "correct"));
	assert_null(strstr(f->message, "change"));
	assert_rx_only(fx->report, "name-transliterated");
}

static void
test_check_names__accents_left_out_is_transliterated(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_passport_name(fx, "\"NGUYỄN, Thị Minh\"", "[]",
	    "NGUYEN THI MINH"), "name-transliterated", "rx");
	assert_rx_only(fx->report, "name-transliterated");
	ts_expect(check_passport_name(fx, "\"WAŁĘSA, Łukasz\"", "[]",
	    "LUKASZ WALESA"), "name-transliterated", "rx");
	assert_rx_only(fx->report, "name-transliterated");
}

static void
test_check_names__unicode_spellings_of_the_name_are_clean(void **state)
{
	ts_fixture *fx = *state;
	static const char *const same[][2] = {
		{ "\"NGUYỄN, Thị Minh\"", "NGUYỄN THỊ MINH" },
		/* NFD, as pasted from a Mac. */
		{ "\"MÜLLER, Jürgen\"", "\"Mu\\u0308ller Ju\\u0308rgen\"" },
		{ "\"STRAUSS, Jörg\"", "Jörg Strauß" },
		{ "\"ΠΑΠΑΔΟΠΟΥΛΟΣ, Γιώργος\"", "Γιώργος Παπαδόπουλος" },
		{ "\"ИВАНОВ, Иван\"", "Иван Иванов" },
		{ "\"İNCE, Ali\"", "Ali İnce" },
		{ "\"SMITH, John\"", "ＳＭＩＴＨ Ｊｏｈｎ" },
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		check_passport_name(fx, same[i][0], "[]", same[i][1]);
		assert_rx_only(fx->report, NULL);
	}
}

static void
test_check_names__other_names_stay_mismatches(void **state)
{
	ts_fixture *fx = *state;

	check_name(fx, "[]", "SMYTH JOHN ALEXANDER");
	assert_rx_only(fx->report, "name-mismatch");
	check_passport_name(fx, "\"LINDQVIST, Anna\"", "[]",
	    "Anna Lindquist");
	assert_rx_only(fx->report, "name-mismatch");
}

static void
test_check_names__transliterated_and_short_is_partial(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_passport_name(fx, "\"MÜLLER, Jürgen\"", "[]",
	    "MUELLER J."), "name-partial", "rx");
	assert_rx_only(fx->report, "name-partial");
}

/* ---- which names the request slip asks to correct -------------------- */

/* Whether the name `printed` on rx is one to correct. */
static bool
to_correct(ts_fixture *fx, const char *aliases, const char *printed)
{
	check_name(fx, aliases, printed);
	return cp__name_to_correct(fx->claim, fx->claim->ndocuments - 1);
}

static void
test_check_names__mismatched_and_partial_names_are_to_correct(void **state)
{
	ts_fixture *fx = *state;

	assert_true(to_correct(fx, "[]", "SMITH JON ALEXANDER"));
	assert_true(to_correct(fx, "[]", "SMITH JOHN"));
	assert_true(to_correct(fx, "[]", "史密斯"));
	assert_false(to_correct(fx, "[]", "John Alexander Smith"));
	assert_false(to_correct(fx, "[\"约翰·史密斯\"]", "约翰 史密斯"));
	assert_false(to_correct(fx, "[\"SMITH JOHN\"]", "SMITH JOHN"));
	/* The first paper of the claim names SMITH JOHN ALEXANDER. */
	assert_false(cp__name_to_correct(fx->claim, 0));
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
		TS_TEST(test_check_names__icao_spelling_is_transliterated),
		TS_TEST(test_check_names__accents_left_out_is_transliterated),
		TS_TEST(test_check_names__unicode_spellings_of_the_name_are_clean),
		TS_TEST(test_check_names__other_names_stay_mismatches),
		TS_TEST(test_check_names__transliterated_and_short_is_partial),
		TS_TEST(test_check_names__mismatched_and_partial_names_are_to_correct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
