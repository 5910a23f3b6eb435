/* test_name.c - the name on a paper against the passport name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "manifest/claim.h"
#include "manifest/name.h"

#define MATCH CP__NAME_MATCH
#define PARTIAL CP__NAME_PARTIAL
#define MISMATCH CP__NAME_MISMATCH

static const char *result_name(cp__name_result r)
{
	switch (r) {
	case CP__NAME_MATCH:
		return "MATCH";
	case CP__NAME_PARTIAL:
		return "PARTIAL";
	case CP__NAME_MISMATCH:
		return "MISMATCH";
	}
	return "?";
}

/* Compares and says which pair failed, so that a table of cases reads
 * well in the output. */
static void expect(const char *passport, const char *printed,
    cp__name_result want)
{
	cp__name_result got = cp__name_compare(passport, printed);

	if (got != want)
		fail_msg("passport \"%s\", printed \"%s\": got %s, want %s",
		    passport ? passport : "(null)", printed ? printed : "(null)",
		    result_name(got), result_name(want));
}

static void expect_alias(const char *alias, const char *printed, bool want)
{
	bool got = cp__name_alias_matches(alias, printed);

	if (got != want)
		fail_msg("alias \"%s\", printed \"%s\": got %s, want %s",
		    alias ? alias : "(null)", printed ? printed : "(null)",
		    got ? "true" : "false", want ? "true" : "false");
}

static const char *const smith = "SMITH, John Alexander";

static void test_name__same_words_in_any_order_and_case_match(void **state)
{
	(void)state;
	expect(smith, "John Alexander Smith", MATCH);
	expect(smith, "SMITH JOHN ALEXANDER", MATCH);
	expect(smith, "smith, john alexander", MATCH);
	expect(smith, "Alexander SMITH John", MATCH);
	expect(smith, "  John   Alexander\tSmith. ", MATCH);
}

static void test_name__missing_given_name_or_initial_is_partial(void **state)
{
	(void)state;
	expect(smith, "Smith John", PARTIAL);
	expect(smith, "J. A. Smith", PARTIAL);
	expect(smith, "John A. Smith", PARTIAL);
	expect(smith, "Smith J", PARTIAL);
	expect(smith, "Smith", PARTIAL);
}

static void test_name__missing_surname_is_mismatch(void **state)
{
	(void)state;
	expect(smith, "John", MISMATCH);
	expect(smith, "John Alexander", MISMATCH);
	/* The surname must be written in full, not as an initial. */
	expect(smith, "John Alexander S.", MISMATCH);
}

static void test_name__other_or_extra_words_are_mismatch(void **state)
{
	(void)state;
	expect(smith, "SMITH JANE", MISMATCH);
	expect(smith, "Smith John Alexander Peter", MISMATCH);
	expect(smith, "Smyth John Alexander", MISMATCH);
	/* Initials alone, with no word in full, are not enough. */
	expect("John Alexander Smith", "J. A. S.", MISMATCH);
	/* An initial that starts no passport word. */
	expect(smith, "P. Smith", MISMATCH);
	/* A two-letter abbreviation is not an initial. */
	expect(smith, "Jo Smith", MISMATCH);
}

static void test_name__each_passport_word_used_once(void **state)
{
	(void)state;
	expect(smith, "J. J. Smith", MISMATCH);
	expect(smith, "John J. Smith", MISMATCH);
	expect(smith, "Smith Smith John", MISMATCH);
	expect("SMITH, John James", "J. J. Smith", PARTIAL);
	expect("SMITH, John John", "John Smith", PARTIAL);
	expect("SMITH, John John", "John John Smith", MATCH);
}

static void test_name__multi_word_surname_must_be_whole(void **state)
{
	(void)state;
	expect("GARCIA LOPEZ, Maria", "Maria Garcia Lopez", MATCH);
	expect("GARCIA LOPEZ, Maria Elena", "M. Garcia Lopez", PARTIAL);
	expect("GARCIA LOPEZ, Maria", "Maria Garcia", MISMATCH);
}

static void test_name__without_comma_no_word_is_required(void **state)
{
	(void)state;
	/* Documented: with no comma the surname is unknown. */
	expect("John Alexander Smith", "John", PARTIAL);
	expect("John Alexander Smith", "J. Smith", PARTIAL);
	expect("John Alexander Smith", "John Smith Peter", MISMATCH);
}

static void test_name__fullwidth_comma_marks_surname(void **state)
{
	(void)state;
	expect("SMITH\xEF\xBC\x8CJohn Alexander", "John Smith", PARTIAL);
	expect("SMITH\xEF\xBC\x8CJohn Alexander", "John Alexander", MISMATCH);
	/* A comma in the printed name marks nothing. */
	expect("John Alexander Smith", "JOHN, Alexander Smith", MATCH);
}

static void test_name__accents_fold_case_but_stay(void **state)
{
	(void)state;
	expect("MÜLLER, Anna", "Müller Anna", MATCH);
	expect("MÜLLER, Anna", "anna müller", MATCH);
	expect("MÜLLER, Anna", "MULLER ANNA", MISMATCH);
	expect("MÜLLER, Anna", "Anna M.", MISMATCH);
	expect("MÜLLER, Anna", "Mueller Anna", MISMATCH);
	expect("ÉLODIE, Zoë", "élodie ZOË", MATCH);
}

static void test_name__latin_extended_a_folds(void **state)
{
	(void)state;
	expect("ŁUKASZEWICZ, Paweł", "Paweł Łukaszewicz", MATCH);
	expect("ŁUKASZEWICZ, Paweł", "PAWEŁ łukaszewicz", MATCH);
	expect("DVOŘÁK, Antonín", "antonín dvořák", MATCH);
	expect("ŽIŽKA, Jan", "Jan žižka", MATCH);
	expect("ŐZE, Ÿves", "őze ÿves", MATCH);
	expect("ĲSSEL, Anna", "ĳssel anna", MATCH);
	expect("ŁUKASZEWICZ, Paweł", "Pawel Lukaszewicz", MISMATCH);
	/* U+0130 keeps its dot, so it is not the plain "i". */
	expect("İNCE, Ali", "ince ali", MISMATCH);
}

static void test_name__initial_with_accent(void **state)
{
	(void)state;
	expect("SMITH, Élodie Anne", "É. Smith", PARTIAL);
	expect("SMITH, Élodie Anne", "E. Smith", MISMATCH);
}

static void test_name__apostrophe_as_break_or_removed(void **state)
{
	(void)state;
	expect("O'BRIEN, Sean", "Sean O'Brien", MATCH);
	expect("O'BRIEN, Sean", "Sean O Brien", MATCH);
	expect("O'BRIEN, Sean", "SEAN OBRIEN", MATCH);
	expect("O'BRIEN, Sean", "Sean O\xE2\x80\x99" "Brien", MATCH);
	expect("OBRIEN, Sean", "Sean O'Brien", MATCH);
	expect("O BRIEN, Sean", "Sean O'Brien", MATCH);
	expect("O'BRIEN, Sean", "Sean Brien", MISMATCH);
	expect("O'BRIEN, Sean", "S. O'Brien", PARTIAL);
}

static void test_name__hyphen_as_break_or_removed(void **state)
{
	(void)state;
	expect("PICARD, Jean-Luc", "Jean-Luc Picard", MATCH);
	expect("PICARD, Jean-Luc", "Jean Luc Picard", MATCH);
	expect("PICARD, Jean-Luc", "JEANLUC PICARD", MATCH);
	expect("PICARD, Jean-Luc", "J.-L. Picard", PARTIAL);
	expect("PICARD, Jean-Luc", "J. Picard", PARTIAL);
	expect("PICARD, Jean-Luc", "Luc Picard", PARTIAL);
	expect("PICARD, Jean-Luc", "JL Picard", MISMATCH);
	/* A spaced dash is a plain break. */
	expect("SMITH-JONES, Anna", "Anna Smith - Jones", MATCH);
}

static void test_name__each_compound_joined_independently(void **state)
{
	(void)state;
	expect("O'BRIEN, Mary-Jane", "MARYJANE O BRIEN", MATCH);
	expect("O'BRIEN, Mary-Jane", "Mary Jane OBrien", MATCH);
	/* Beyond four compounds only all-breaks and all-joined are tried. */
	expect("A-B C-D E-F G-H I-J", "AB CD EF GH IJ", MATCH);
	expect("A-B C-D E-F G-H I-J", "A B C D E F G H I J", MATCH);
}

static void test_name__non_ascii_separators(void **state)
{
	(void)state;
	expect(smith, "John\xC2\xA0" "Alexander\xC2\xA0Smith", MATCH);
	expect(smith, "John\xC2\xB7" "Alexander\xC2\xB7Smith", MATCH);
	expect(smith, "John\xE3\x83\xBB" "Alexander\xE2\x80\xA7Smith", MATCH);
	expect(smith, "John\xE3\x80\x80" "Alexander\xEF\xBC\x8CSmith", MATCH);
}

static void test_name__cjk_printed_name_never_matches(void **state)
{
	(void)state;
	expect(smith, "约翰·史密斯", MISMATCH);
	expect("约翰·史密斯", "约翰·史密斯", MISMATCH);
	expect(smith, "John Alexander Smith 史密斯", MISMATCH);
}

static void test_name__cjk_alias_ignores_breaks(void **state)
{
	(void)state;
	expect_alias("约翰·史密斯", "约翰·史密斯", true);
	expect_alias("约翰·史密斯", "约翰 史密斯", true);
	expect_alias("约翰·史密斯", "约翰史密斯", true);
	expect_alias("约翰·史密斯", "约翰\xE3\x83\xBB史密斯", true);
	expect_alias("约翰·史密斯", "约翰\xE3\x80\x80史密斯", true);
	expect_alias("约翰史密斯", "约翰 · 史密斯", true);
	/* Order is part of a Chinese name; a part missing is no match. */
	expect_alias("约翰·史密斯", "史密斯·约翰", false);
	expect_alias("约翰·史密斯", "约翰", false);
	expect_alias("约翰·史密斯", "约翰·史密", false);
	expect_alias("约翰·史密斯", "John Smith", false);
}

static void test_name__latin_alias_is_a_full_match(void **state)
{
	(void)state;
	expect_alias("Jack Smith", "SMITH, Jack", true);
	expect_alias("Jack Smith", "smith jack", true);
	expect_alias("Jack O'Neil", "JACK ONEIL", true);
	expect_alias("Jack Smith", "J. Smith", false);
	expect_alias("Jack Smith", "Jack Smyth", false);
	expect_alias("Jack Smith", "Jack Smith Jr", false);
}

static void test_name__empty_names_never_match(void **state)
{
	(void)state;
	expect(smith, "", MISMATCH);
	expect(smith, " .,- ", MISMATCH);
	expect("", "", MISMATCH);
	expect("", "John", MISMATCH);
	expect_alias("", "", false);
	expect_alias("·", "约翰", false);
	expect_alias("John", "", false);
}

static void test_name__null_never_matches(void **state)
{
	(void)state;
	expect(NULL, "John", MISMATCH);
	expect(smith, NULL, MISMATCH);
	expect_alias(NULL, "John", false);
	expect_alias("John", NULL, false);
	assert_false(cp__name_has_cjk(NULL));
}

static void test_name__invalid_utf8_is_mismatch(void **state)
{
	static const char *const bad[] = {
		"John \xFF Smith",              /* not UTF-8 at all */
		"John Sm\xC3",                  /* cut short at the end */
		"John \xC3(Smith",              /* missing continuation */
		"John \xC0\xAF Smith",          /* overlong '/' */
		"John \xE0\x80\xAF Smith",      /* overlong, 3 bytes */
		"John \xED\xA0\x80 Smith",      /* UTF-16 surrogate */
		"John \xF4\x90\x80\x80 Smith",  /* above U+10FFFF */
		"John \x80 Smith",              /* stray continuation */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect("SMITH, John", bad[i], MISMATCH);
		expect(bad[i], "John Smith", MISMATCH);
		expect(bad[i], bad[i], MISMATCH);
		expect_alias(bad[i], bad[i], false);
		expect_alias("John Smith", bad[i], false);
	}
}

static void test_name__word_limit(void **state)
{
	char name[64 * 3 + 8];
	size_t len = 0;

	(void)state;
	/* 64 words are compared; a 65th makes it no name. */
	for (int i = 0; i < 64; i++)
		len += (size_t)snprintf(name + len, sizeof name - len, "%c%c ",
		    'a' + i / 26, 'a' + i % 26);
	expect(name, name, MATCH);
	expect_alias(name, name, true);
	snprintf(name + len, sizeof name - len, "zz");
	expect(name, name, MISMATCH);
	expect_alias(name, name, false);
}

static void test_name__byte_limit(void **state)
{
	char name[1100];

	(void)state;
	memset(name, 'a', 1024);
	name[1024] = '\0';
	expect(name, name, MATCH);
	name[1024] = 'a';
	name[1025] = '\0';
	expect(name, name, MISMATCH);
}

static void test_name__has_cjk(void **state)
{
	(void)state;
	assert_true(cp__name_has_cjk("约翰·史密斯"));
	assert_true(cp__name_has_cjk("John 史"));
	assert_true(cp__name_has_cjk("\xE3\x90\x80"));          /* U+3400 */
	assert_true(cp__name_has_cjk("\xEF\xA4\x80"));          /* U+F900 */
	assert_true(cp__name_has_cjk("\xF0\xA0\x80\x80"));      /* U+20000 */
	assert_true(cp__name_has_cjk("\xFF 约"));      /* past a bad byte */
	assert_false(cp__name_has_cjk("John Smith"));
	assert_false(cp__name_has_cjk("Müller"));
	assert_false(cp__name_has_cjk("カタカナ"));      /* kana, U+30xx */
	assert_false(cp__name_has_cjk("김민준"));        /* Hangul */
	assert_false(cp__name_has_cjk("\xE3\x83\xBB"));         /* U+30FB */
	assert_false(cp__name_has_cjk(""));
}

/* cp__name_is_patient: the passport name first, then an alias (even
 * when the name is also a partial match: the patient declared it), then
 * a partial match, for the name checks and a service's buyer alike. */
static void test_name__is_patient_passport_alias_partial(void **state)
{
	char *aliases[] = { "约翰·史密斯", "SMITH, John" };
	struct cp_claim claim;
	const char *alias = "unset";

	(void)state;
	memset(&claim, 0, sizeof(claim));
	claim.patient_name = "SMITH, John Alexander";
	claim.aliases = aliases;
	claim.naliases = 2;
	assert_int_equal(cp__name_is_patient(&claim, "JOHN ALEXANDER SMITH",
	    &alias), CP__PATIENT_MATCH);
	assert_null(alias);
	assert_int_equal(cp__name_is_patient(&claim, "约翰 史密斯", &alias),
	    CP__PATIENT_ALIAS);
	assert_string_equal(alias, "约翰·史密斯");
	assert_int_equal(cp__name_is_patient(&claim, "Smith John", &alias),
	    CP__PATIENT_ALIAS);
	assert_string_equal(alias, "SMITH, John");
	assert_int_equal(cp__name_is_patient(&claim, "SMITH J. A.", &alias),
	    CP__PATIENT_PARTIAL);
	assert_null(alias);
	assert_int_equal(cp__name_is_patient(&claim, "史密斯", NULL),
	    CP__PATIENT_MISMATCH);
	assert_int_equal(cp__name_is_patient(&claim, "SMYTH John", &alias),
	    CP__PATIENT_MISMATCH);
	assert_null(alias);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_name__same_words_in_any_order_and_case_match),
		cmocka_unit_test(
		    test_name__missing_given_name_or_initial_is_partial),
		cmocka_unit_test(test_name__missing_surname_is_mismatch),
		cmocka_unit_test(test_name__other_or_extra_words_are_mismatch),
		cmocka_unit_test(test_name__each_passport_word_used_once),
		cmocka_unit_test(test_name__multi_word_surname_must_be_whole),
		cmocka_unit_test(test_name__without_comma_no_word_is_required),
		cmocka_unit_test(test_name__fullwidth_comma_marks_surname),
		cmocka_unit_test(test_name__accents_fold_case_but_stay),
		cmocka_unit_test(test_name__latin_extended_a_folds),
		cmocka_unit_test(test_name__initial_with_accent),
		cmocka_unit_test(test_name__apostrophe_as_break_or_removed),
		cmocka_unit_test(test_name__hyphen_as_break_or_removed),
		cmocka_unit_test(test_name__each_compound_joined_independently),
		cmocka_unit_test(test_name__non_ascii_separators),
		cmocka_unit_test(test_name__cjk_printed_name_never_matches),
		cmocka_unit_test(test_name__cjk_alias_ignores_breaks),
		cmocka_unit_test(test_name__latin_alias_is_a_full_match),
		cmocka_unit_test(test_name__empty_names_never_match),
		cmocka_unit_test(test_name__null_never_matches),
		cmocka_unit_test(test_name__invalid_utf8_is_mismatch),
		cmocka_unit_test(test_name__word_limit),
		cmocka_unit_test(test_name__byte_limit),
		cmocka_unit_test(test_name__has_cjk),
		cmocka_unit_test(test_name__is_patient_passport_alias_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
