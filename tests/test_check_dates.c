/* test_check_dates.c - dates agree with the stay, the birth date and the
 * claim's date: date-outside-episode, date-future, date-before-birth. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/* The stay of TS_STAY runs from 2026-10-01 to 2026-10-09. */
#define PATIENT \
	"patient:\n" \
	"  name: \"SMITH, John Alexander\"\n" \
	"  passport: E12345678\n" \
	"  birth_date: 1980-05-17\n"

/*
 * Checks, with the cover-sheet template (30 days of grace; translations,
 * claim forms and record copies may come later), a claim prepared on
 * `prepared` with the stay's discharge summary ds and one more document,
 * doc, of `type` dated `date`.
 */
static const cp_report *
check_doc(ts_fixture *fx, const char *prepared, const char *type,
    const char *date)
{
	ts_write_pdf(fx->dir, "ds.pdf");
	ts_write_pdf(fx->dir, "doc.pdf");
	return ts_check_tplf(fx, "cover-sheet",
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: %s\n"
	    PATIENT TS_STAY
	    "documents:\n"
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "  - id: doc\n"
	    "    type: %s\n"
	    "    files: doc.pdf\n"
	    "    date: %s\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "%s", prepared, type, date, strcmp(type, "translation") == 0 ?
	    "    translation_of: ds\n" : "");
}

/* ---- date-outside-episode -------------------------------------------- */

static void
test_check_dates__paper_before_the_stay_is_outside(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_doc(fx, "2026-12-31", "lab_report", "2026-09-30"),
	    "date-outside-episode", "doc");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "doc.pdf");
	ts_assert_contains(f->message, "document doc is dated 2026-09-30, "
	    "before episode stay began on 2026-10-01");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_dates__paper_after_the_grace_days_is_outside(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_doc(fx, "2026-12-31", "lab_report", "2026-11-09"),
	    "date-outside-episode", "doc");
	ts_assert_contains(f->message, "document doc is dated 2026-11-09, 31 "
	    "days after episode stay ended on 2026-10-09; the cover-sheet "
	    "template allows 30 days");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_dates__last_day_of_grace_is_inside(void **state)
{
	ts_fixture *fx = *state;

	ts_expect_clean(check_doc(fx, "2026-12-31", "lab_report",
	    "2026-11-08"));
}

static void
test_check_dates__paper_during_the_stay_is_inside(void **state)
{
	ts_fixture *fx = *state;

	ts_expect_clean(check_doc(fx, "2026-12-31", "lab_report",
	    "2026-10-01"));
}

static void
test_check_dates__translation_may_come_60_days_later(void **state)
{
	ts_fixture *fx = *state;

	/* The template lists translation in dated_after_stay. */
	check_doc(fx, "2026-12-31", "translation", "2026-12-08");
	ts_expect_none(fx->report, "date-outside-episode");
	ts_expect_clean(fx->report);
}

static void
test_check_dates__translation_before_the_stay_is_outside(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_doc(fx, "2026-12-31", "translation", "2026-09-01"),
	    "date-outside-episode", "doc");
}

static void
test_check_dates__grace_days_come_from_the_template(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char path[1024];

	ts_write_text(fx->dir, "strict.yaml",
	    "claimpack_template: 1\n"
	    "name: strict\n"
	    "title: {en: Strict, zh: 严格}\n"
	    "grace_days: 0\n"
	    "sections:\n"
	    "  - {en: All, zh: 全部, types: [lab_report]}\n");
	ts_write_pdf(fx->dir, "doc.pdf");
	snprintf(path, sizeof(path), "%s", ts_path(fx, "strict.yaml"));
	f = ts_expect(ts_check(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 2026-12-31\n"
	    PATIENT TS_STAY
	    "documents:\n"
	    "  - id: doc\n"
	    "    type: lab_report\n"
	    "    files: doc.pdf\n"
	    "    date: 2026-10-10\n"
	    "    name: SMITH JOHN ALEXANDER\n", path),
	    "date-outside-episode", "doc");
	ts_assert_contains(f->message, "after episode stay ended on 2026-10-09");
	ts_assert_contains(f->message, "the strict template allows 0 days");
}

/* ---- date-future ------------------------------------------------------- */

static void
test_check_dates__paper_after_the_prepared_date_is_future(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_doc(fx, "2026-11-01", "lab_report", "2026-11-02"),
	    "date-future", "doc");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	ts_assert_contains(f->message, "document doc is dated 2026-11-02, "
	    "after the claim's prepared date 2026-11-01");
	/* Within the grace days, so the only finding. */
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_dates__episode_after_the_prepared_date_is_future(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_doc(fx, "2026-09-15", "lab_report", "2026-10-02");
	f = ts_expect(fx->report, "date-future", "stay");
	assert_string_equal(f->file, "");
	ts_assert_contains(f->message, "episode stay starts on 2026-10-01, "
	    "after the claim's prepared date 2026-09-15");
	/* And each paper dated after it. */
	ts_expect(fx->report, "date-future", "doc");
	ts_expect(fx->report, "date-future", "ds");
	assert_int_equal(ts_count(fx->report, "date-future", NULL), 3);
}

static void
test_check_dates__without_prepared_date_today_counts(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	ts_write_pdf(fx->dir, "doc.pdf");
	f = ts_expect(ts_check(fx,
	    "claimpack: 1\n"
	    PATIENT
	    "episodes:\n"
	    "  - id: later\n"
	    "    kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2999-01-01\n"
	    "documents:\n"
	    "  - id: doc\n"
	    "    type: outpatient_record\n"
	    "    files: doc.pdf\n"
	    "    date: 2999-01-01\n"
	    "    name: SMITH JOHN ALEXANDER\n", "cover-sheet"),
	    "date-future", "later");
	ts_assert_contains(f->message, "episode later starts on 2999-01-01, "
	    "after today,");
	f = ts_expect(fx->report, "date-future", "doc");
	ts_assert_contains(f->message, "after today,");
}

static void
test_check_dates__paper_on_the_prepared_date_is_not_future(void **state)
{
	ts_fixture *fx = *state;

	ts_expect_clean(check_doc(fx, "2026-10-09", "lab_report",
	    "2026-10-09"));
}

/* ---- date-before-birth ------------------------------------------------- */

static const cp_report *
check_newborn(ts_fixture *fx, const char *start, const char *date)
{
	ts_write_pdf(fx->dir, "doc.pdf");
	return ts_check_tplf(fx, "cover-sheet",
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 1980-12-31\n"
	    PATIENT
	    "episodes:\n"
	    "  - id: birth\n"
	    "    kind: inpatient\n"
	    "    hospital: Maternity Hospital\n"
	    "    start: %s\n"
	    "    end: 1980-05-20\n"
	    "documents:\n"
	    "  - id: doc\n"
	    "    type: discharge_summary\n"
	    "    files: doc.pdf\n"
	    "    date: %s\n"
	    "    name: SMITH JOHN ALEXANDER\n", start, date);
}

static void
test_check_dates__paper_before_birth(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	/* 1980 for 2018: a typo in the year. */
	f = ts_expect(check_newborn(fx, "1980-05-10", "1980-05-12"),
	    "date-before-birth", "doc");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	ts_assert_contains(f->message, "document doc is dated 1980-05-12, "
	    "before the patient's birth date 1980-05-17");
	f = ts_expect(fx->report, "date-before-birth", "birth");
	ts_assert_contains(f->message, "episode birth starts on 1980-05-10, "
	    "before the patient's birth date 1980-05-17");
	assert_int_equal(cp_report_count(fx->report), 2);
}

static void
test_check_dates__paper_on_the_birth_day_is_fine(void **state)
{
	ts_fixture *fx = *state;

	ts_expect_clean(check_newborn(fx, "1980-05-17", "1980-05-17"));
}

static void
test_check_dates__without_birth_date_nothing_is_before_birth(void **state)
{
	ts_fixture *fx = *state;

	ts_write_pdf(fx->dir, "doc.pdf");
	ts_check(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 1980-12-31\n"
	    "patient:\n"
	    "  name: \"SMITH, John Alexander\"\n"
	    "  passport: E12345678\n"
	    "episodes:\n"
	    "  - kind: inpatient\n"
	    "    hospital: Maternity Hospital\n"
	    "    start: 1900-01-01\n"
	    "documents:\n"
	    "  - type: discharge_summary\n"
	    "    files: doc.pdf\n"
	    "    date: 1900-01-01\n"
	    "    name: SMITH JOHN ALEXANDER\n", "cover-sheet");
	ts_expect_none(fx->report, "date-before-birth");
	ts_expect_clean(fx->report);
}

static void
test_check_dates__undated_image_files_are_not_checked(void **state)
{
	ts_fixture *fx = *state;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, "reimbursement");
	assert_int_equal(ts_count(fx->report, "date-outside-episode", "ct"), 0);
	ts_expect_clean(fx->report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_dates__paper_before_the_stay_is_outside),
		TS_TEST(test_check_dates__paper_after_the_grace_days_is_outside),
		TS_TEST(test_check_dates__last_day_of_grace_is_inside),
		TS_TEST(test_check_dates__paper_during_the_stay_is_inside),
		TS_TEST(test_check_dates__translation_may_come_60_days_later),
		TS_TEST(test_check_dates__translation_before_the_stay_is_outside),
		TS_TEST(test_check_dates__grace_days_come_from_the_template),
		TS_TEST(test_check_dates__paper_after_the_prepared_date_is_future),
		TS_TEST(test_check_dates__episode_after_the_prepared_date_is_future),
		TS_TEST(test_check_dates__without_prepared_date_today_counts),
		TS_TEST(test_check_dates__paper_on_the_prepared_date_is_not_future),
		TS_TEST(test_check_dates__paper_before_birth),
		TS_TEST(test_check_dates__paper_on_the_birth_day_is_fine),
		TS_TEST(test_check_dates__without_birth_date_nothing_is_before_birth),
		TS_TEST(test_check_dates__undated_image_files_are_not_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
