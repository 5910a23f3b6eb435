/* test_check_completeness.c - each episode has the papers its purpose
 * needs: required-missing, recommended-missing, imaging-unpaired. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "check/completeness.h"
#include "manifest/doctype.h"
#include "support.h"

/* One paper of the stay, with its own file (see write_files). */
#define DOC(id, type) \
	"  - id: " id "\n" \
	"    type: " type "\n" \
	"    files: " id ".pdf\n" \
	"    date: 2026-10-05\n" \
	"    name: SMITH JOHN ALEXANDER\n"

#define DS DOC("ds", "discharge_summary")
#define LAB DOC("lab", "lab_report")
#define IMG DOC("img", "imaging_report")
#define CT \
	"  - id: ct\n" \
	"    type: imaging_files\n" \
	"    files: [ct]\n"

#define VISIT \
	"episodes:\n" \
	"  - id: visit\n" \
	"    kind: outpatient\n" \
	"    hospital: Ruijin Hospital\n" \
	"    start: 2026-10-05\n"

static void
write_files(ts_fixture *fx)
{
	static const char *const ids[] = {
		"ds", "lab", "img", "rec", "cert", "ds2", "img2"
	};
	size_t i;

	if (access(ts_path(fx, "ct"), F_OK) == 0)
		return;
	ts_write_standard_files(fx);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s.pdf", ids[i]);
		ts_write_pdf(fx->dir, name);
	}
}

/* Checks TS_HEAD, `episodes` and the documents `docs` with `tpl`. */
static const cp_report *
check_docs(ts_fixture *fx, const char *tpl, const char *episodes,
    const char *docs)
{
	write_files(fx);
	return ts_check_tplf(fx, tpl, "%s%sdocuments:\n%s", TS_HEAD, episodes,
	    docs);
}

/* ---- required-missing ----------------------------------------------- */

static void
test_check_completeness__inpatient_without_discharge_summary(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_docs(fx, "reimbursement", TS_STAY, TS_MONEY LAB IMG CT);
	f = ts_expect(fx->report, "required-missing", "stay");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "");
	ts_assert_contains(f->message, "episode stay (inpatient, Peking Union "
	    "Medical College Hospital) has no discharge_summary (出院小结); "
	    "the reimbursement template requires it for an inpatient "
	    "episode");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_completeness__each_missing_requirement_is_reported(void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "reimbursement", TS_STAY, DS LAB IMG CT);
	assert_int_equal(ts_count(fx->report, "required-missing", "stay"), 2);
	ts_assert_contains(cp_report_at(fx->report, 0)->message,
	    "has no fapiao (发票)");
	ts_assert_contains(cp_report_at(fx->report, 1)->message,
	    "has no expense_list (费用清单)");
}

static void
test_check_completeness__outpatient_record_will_do(void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "reimbursement", VISIT,
	    TS_MONEY DOC("rec", "outpatient_record") LAB IMG CT);
	ts_expect_none(fx->report, "required-missing");
	ts_expect_clean(fx->report);
}

static void
test_check_completeness__outpatient_without_any_record(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_docs(fx, "reimbursement", VISIT, TS_MONEY LAB IMG CT);
	f = ts_expect(fx->report, "required-missing", "visit");
	/* Either paper would do, and the message says so. */
	ts_assert_contains(f->message, "episode visit (outpatient, Ruijin "
	    "Hospital) has no outpatient_record (门诊病历) or "
	    "discharge_summary (出院小结)");
}

#define STAY_AND_VISIT \
	"episodes:\n" \
	"  - id: stay\n" \
	"    kind: inpatient\n" \
	"    hospital: Peking Union Medical College Hospital\n" \
	"    start: 2026-10-01\n" \
	"    end: 2026-10-09\n" \
	"  - id: visit\n" \
	"    kind: outpatient\n" \
	"    hospital: Ruijin Hospital\n" \
	"    start: 2026-10-05\n"

static void
test_check_completeness__papers_of_another_episode_do_not_count(
    void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	size_t i, n = 0;

	/* The only discharge summary belongs to the visit, not the stay. */
	check_docs(fx, "reimbursement", STAY_AND_VISIT,
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    episode: visit\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-05\n"
	    "    name: SMITH JOHN ALEXANDER\n");
	for (i = 0; (f = cp_report_at(fx->report, i)) != NULL; i++) {
		if (strcmp(f->check, "required-missing") != 0)
			continue;
		if (strcmp(f->document, "stay") == 0 &&
		    strstr(f->message, "has no discharge_summary") != NULL)
			n++;
		/* The visit's record requirement is met by it. */
		if (strcmp(f->document, "visit") == 0 &&
		    strstr(f->message, "outpatient_record") != NULL)
			fail_msg("%s", f->message);
	}
	assert_int_equal(n, 1);
	assert_int_equal(ts_count(fx->report, "required-missing", "stay"), 3);
	assert_int_equal(ts_count(fx->report, "required-missing", "visit"), 2);
}

static void
test_check_completeness__images_of_another_episode_are_unpaired(
    void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "cover-sheet", STAY_AND_VISIT,
	    "  - id: img\n"
	    "    type: imaging_report\n"
	    "    episode: stay\n"
	    "    files: img.pdf\n"
	    "    date: 2026-10-05\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "  - id: ct\n"
	    "    type: imaging_files\n"
	    "    episode: visit\n"
	    "    files: ct\n");
	ts_expect(fx->report, "imaging-unpaired", "img");
	ts_expect(fx->report, "imaging-unpaired", "ct");
	assert_int_equal(cp_report_count(fx->report), 2);
}

static void
test_check_completeness__requirements_come_from_the_template(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	/* The employer template wants the diagnosis certificate. */
	check_docs(fx, "employer", TS_STAY, TS_MONEY DS LAB IMG CT);
	f = ts_expect(fx->report, "required-missing", "stay");
	ts_assert_contains(f->message, "diagnosis_certificate (诊断证明书)");
	ts_assert_contains(f->message, "the employer template requires it");
	check_docs(fx, "employer", TS_STAY,
	    TS_MONEY DS LAB IMG CT DOC("cert", "diagnosis_certificate"));
	ts_expect_none(fx->report, "required-missing");
}

static void
test_check_completeness__cover_sheet_requires_nothing(void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "cover-sheet", TS_STAY, LAB);
	ts_expect_none(fx->report, "required-missing");
	ts_expect_none(fx->report, "recommended-missing");
	ts_expect_clean(fx->report);
}

static void
test_check_completeness__complete_claim_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	ts_write_standard_files(fx);
	ts_expect_clean(ts_check(fx, TS_COMPLETE, "reimbursement"));
}

/* ---- recommended-missing -------------------------------------------- */

static void
test_check_completeness__stay_without_lab_report(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_docs(fx, "reimbursement", TS_STAY, TS_MONEY DS IMG CT);
	f = ts_expect(fx->report, "recommended-missing", "stay");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "episode stay (inpatient, Peking Union "
	    "Medical College Hospital) has no lab_report (检验报告); "
	    "reviewers usually ask for it");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_completeness__recommended_papers_present_are_quiet(
    void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "reimbursement", TS_STAY, TS_MONEY DS LAB IMG CT);
	ts_expect_none(fx->report, "recommended-missing");
}

/* ---- imaging-unpaired ----------------------------------------------- */

static void
test_check_completeness__imaging_report_without_images(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_docs(fx, "reimbursement", TS_STAY, TS_MONEY DS LAB IMG);
	f = ts_expect(fx->report, "imaging-unpaired", "img");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	assert_string_equal(f->file, "img.pdf");
	ts_assert_contains(f->message, "imaging report img has no image files "
	    "(imaging_files) in episode stay");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_completeness__images_without_imaging_report(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_docs(fx, "cover-sheet", TS_STAY, DS CT);
	f = ts_expect(fx->report, "imaging-unpaired", "ct");
	assert_string_equal(f->file, "ct");
	ts_assert_contains(f->message, "image files ct have no imaging report "
	    "(影像报告) in episode stay");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_completeness__every_unpaired_report_is_named(void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "cover-sheet", TS_STAY, IMG DOC("img2", "imaging_report"));
	ts_expect(fx->report, "imaging-unpaired", "img");
	ts_expect(fx->report, "imaging-unpaired", "img2");
}

static void
test_check_completeness__report_with_images_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_docs(fx, "cover-sheet", TS_STAY, IMG CT);
	ts_expect_none(fx->report, "imaging-unpaired");
	ts_expect_clean(fx->report);
}

/* ---- what an episode lacks, as the request slip asks for it --------- */

static void
test_check_completeness__lacks_are_what_the_checks_report(void **state)
{
	ts_fixture *fx = *state;
	cp__lack lacks[CP__LACKS_MAX];
	size_t n;

	/* No money papers, no lab report, an imaging report without its
	 * images: two required, one recommended, one half of the pair. */
	check_docs(fx, "reimbursement", TS_STAY, DS IMG);
	assert_int_equal(ts_count(fx->report, "required-missing", "stay"), 2);
	assert_int_equal(ts_count(fx->report, "recommended-missing", "stay"),
	    1);
	ts_expect(fx->report, "imaging-unpaired", "img");
	n = cp__episode_lacks(fx->claim, fx->tpl, 0, lacks);
	assert_int_equal(n, 4);
	assert_int_equal(lacks[0].kind, CP__LACK_REQUIRED);
	assert_int_equal(lacks[0].any_of, 1u << CP__DT_FAPIAO);
	assert_int_equal(lacks[1].kind, CP__LACK_REQUIRED);
	assert_int_equal(lacks[1].any_of, 1u << CP__DT_EXPENSE_LIST);
	assert_int_equal(lacks[2].kind, CP__LACK_RECOMMENDED);
	assert_int_equal(lacks[2].any_of, 1u << CP__DT_LAB_REPORT);
	assert_int_equal(lacks[3].kind, CP__LACK_IMAGING_PAIR);
	assert_int_equal(lacks[3].any_of, 1u << CP__DT_IMAGING_FILES);
}

static void
test_check_completeness__alternatives_lack_as_one(void **state)
{
	ts_fixture *fx = *state;
	cp__lack lacks[CP__LACKS_MAX];

	check_docs(fx, "reimbursement", VISIT, TS_MONEY LAB IMG CT);
	assert_int_equal(cp__episode_lacks(fx->claim, fx->tpl, 0, lacks), 1);
	assert_int_equal(lacks[0].kind, CP__LACK_REQUIRED);
	assert_int_equal(lacks[0].any_of, (1u << CP__DT_OUTPATIENT_RECORD) |
	    (1u << CP__DT_DISCHARGE_SUMMARY));
	/* A complete claim lacks nothing. */
	check_docs(fx, "reimbursement", TS_STAY, TS_RECORDS TS_MONEY);
	ts_expect_clean(fx->report);
	assert_int_equal(cp__episode_lacks(fx->claim, fx->tpl, 0, lacks), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_completeness__inpatient_without_discharge_summary),
		TS_TEST(test_check_completeness__each_missing_requirement_is_reported),
		TS_TEST(test_check_completeness__outpatient_record_will_do),
		TS_TEST(test_check_completeness__outpatient_without_any_record),
		TS_TEST(test_check_completeness__papers_of_another_episode_do_not_count),
		TS_TEST(test_check_completeness__images_of_another_episode_are_unpaired),
		TS_TEST(test_check_completeness__requirements_come_from_the_template),
		TS_TEST(test_check_completeness__cover_sheet_requires_nothing),
		TS_TEST(test_check_completeness__complete_claim_is_quiet),
		TS_TEST(test_check_completeness__stay_without_lab_report),
		TS_TEST(test_check_completeness__recommended_papers_present_are_quiet),
		TS_TEST(test_check_completeness__imaging_report_without_images),
		TS_TEST(test_check_completeness__images_without_imaging_report),
		TS_TEST(test_check_completeness__every_unpaired_report_is_named),
		TS_TEST(test_check_completeness__report_with_images_is_quiet),
		TS_TEST(test_check_completeness__lacks_are_what_the_checks_report),
		TS_TEST(test_check_completeness__alternatives_lack_as_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
