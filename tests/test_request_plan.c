/* test_request_plan.c - what the request slip asks of each hospital:
 * its episodes grouped, the papers they lack and the names to correct,
 * at the template's desks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "bundle/request.h"
#include "manifest/doctype.h"
#include "support.h"

#define BIT(t) ((cp__typeset)1u << (t))

/* Three episodes at two hospitals, the second named in Chinese only at
 * its second visit, and one that names none. */
#define THREE_HOSPITALS \
	"episodes:\n" \
	"  - id: stay\n" \
	"    kind: inpatient\n" \
	"    hospital: Peking Union Medical College Hospital\n" \
	"    hospital_zh: 北京协和医院\n" \
	"    start: 2026-10-01\n" \
	"    end: 2026-10-09\n" \
	"  - id: visit\n" \
	"    kind: outpatient\n" \
	"    hospital: Ruijin Hospital\n" \
	"    start: 2026-10-12\n" \
	"  - id: again\n" \
	"    kind: outpatient\n" \
	"    hospital_zh: 北京协和医院\n" \
	"    start: 2026-10-15\n" \
	"  - id: er\n" \
	"    kind: emergency\n" \
	"    start: 2026-10-20\n"

/* Loads TS_HEAD, `episodes` and `documents` and makes the plan with the
 * built-in template `tpl`. */
static void
plan_of(ts_fixture *fx, cp__request_plan *plan, const char *tpl,
    const char *episodes, const char *documents)
{
	char text[8192];

	snprintf(text, sizeof(text), "%s%sdocuments:\n%s", TS_HEAD, episodes,
	    documents);
	ts_assert_ok(ts_load(fx, text), &fx->err);
	cp_template_free(fx->tpl);
	fx->tpl = NULL;
	ts_assert_ok(cp_template_load(&fx->tpl, tpl, &fx->err), &fx->err);
	cp__request_plan_free(plan);
	assert_int_equal(cp__request_plan_make(plan, fx->claim, fx->tpl),
	    CP_OK);
}

static void
test_request_plan__a_page_per_hospital(void **state)
{
	ts_fixture *fx = *state;
	cp__request_plan plan;

	memset(&plan, 0, sizeof(plan));
	plan_of(fx, &plan, "reimbursement", THREE_HOSPITALS,
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    episode: stay\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n");
	assert_int_equal(plan.npages, 3);
	/* The same Chinese name is the same hospital. */
	assert_string_equal(plan.pages[0].hospital,
	    "Peking Union Medical College Hospital");
	assert_string_equal(plan.pages[0].hospital_zh, "北京协和医院");
	assert_int_equal(plan.pages[0].nepisodes, 2);
	assert_int_equal(plan.pages[0].episodes[0], 0);
	assert_int_equal(plan.pages[0].episodes[1], 2);
	assert_string_equal(plan.pages[1].hospital, "Ruijin Hospital");
	assert_null(plan.pages[1].hospital_zh);
	/* An episode that names no hospital has a page of its own. */
	assert_null(plan.pages[2].hospital);
	assert_null(plan.pages[2].hospital_zh);
	assert_int_equal(plan.pages[2].episodes[0], 3);
	/* The stay and the second visit lack their papers on one page. */
	assert_int_equal(plan.pages[0].papers, 4 + 5);
	assert_int_equal(plan.pages[1].papers, 5);
	cp__request_plan_free(&plan);
}

static void
test_request_plan__asks_by_desk_papers_before_names(void **state)
{
	ts_fixture *fx = *state;
	cp__request_plan plan;
	const cp__request_page *page;

	memset(&plan, 0, sizeof(plan));
	/* The stay lacks its expense list and lab report; the fapiao
	 * misspells the name and the discharge summary leaves part out. */
	plan_of(fx, &plan, "reimbursement", TS_STAY,
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN\n"
	    "  - id: fp\n"
	    "    type: fapiao\n"
	    "    files: fp.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMYTH JOHN ALEXANDER\n"
	    "    amount: 10\n"
	    "  - id: img\n"
	    "    type: imaging_report\n"
	    "    files: [img.png]\n"
	    "    date: 2026-10-03\n"
	    "    name: SMITH, John Alexander\n"
	    "  - id: ct\n"
	    "    type: imaging_files\n"
	    "    files: [ct]\n");
	assert_int_equal(plan.npages, 1);
	page = &plan.pages[0];
	assert_int_equal(page->papers, 2);
	assert_int_equal(page->names, 2);
	assert_int_equal(page->nasks, 4);
	/* The template's desks in order: medical records, billing, lab. */
	assert_string_equal(page->asks[0].desk->key, "medical_records");
	assert_true(page->asks[0].name);
	assert_int_equal(page->asks[0].doc, 0);
	assert_string_equal(page->asks[1].desk->key, "billing");
	assert_false(page->asks[1].name);
	assert_int_equal(page->asks[1].lack, CP__LACK_REQUIRED);
	assert_int_equal(page->asks[1].any_of, BIT(CP__DT_EXPENSE_LIST));
	assert_string_equal(page->asks[2].desk->key, "billing");
	assert_true(page->asks[2].name);
	assert_int_equal(page->asks[2].doc, 1);
	assert_string_equal(page->asks[3].desk->key, "lab");
	assert_int_equal(page->asks[3].lack, CP__LACK_RECOMMENDED);
	assert_int_equal(page->asks[3].any_of, BIT(CP__DT_LAB_REPORT));
	cp__request_plan_free(&plan);
}

static void
test_request_plan__an_imaging_report_is_asked_for_once(void **state)
{
	ts_fixture *fx = *state;
	cp__request_plan plan;
	const cp__request_page *page;

	memset(&plan, 0, sizeof(plan));
	/* Images without their report: recommended, and the pair's other
	 * half; one paper to ask radiology for. */
	plan_of(fx, &plan, "reimbursement", TS_STAY,
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "  - id: lab\n"
	    "    type: lab_report\n"
	    "    files: [lab.jpg]\n"
	    "    date: 2026-10-02\n"
	    "    name: John Alexander Smith\n"
	    "  - id: ct\n"
	    "    type: imaging_files\n"
	    "    files: [ct]\n" TS_MONEY);
	page = &plan.pages[0];
	assert_int_equal(page->nasks, 1);
	assert_string_equal(page->asks[0].desk->key, "radiology");
	assert_int_equal(page->asks[0].any_of, BIT(CP__DT_IMAGING_REPORT));
	assert_int_equal(page->asks[0].lack, CP__LACK_RECOMMENDED);
	/* A report without its images: radiology for the images. */
	plan_of(fx, &plan, "cover-sheet", TS_STAY,
	    "  - id: img\n"
	    "    type: imaging_report\n"
	    "    files: [img.png]\n"
	    "    date: 2026-10-03\n"
	    "    name: SMITH, John Alexander\n");
	page = &plan.pages[0];
	assert_int_equal(page->nasks, 1);
	assert_int_equal(page->asks[0].lack, CP__LACK_IMAGING_PAIR);
	assert_int_equal(page->asks[0].any_of, BIT(CP__DT_IMAGING_FILES));
	cp__request_plan_free(&plan);
}

static void
test_request_plan__what_the_hospital_does_not_issue_is_not_asked(
    void **state)
{
	ts_fixture *fx = *state;
	cp__request_plan plan;

	memset(&plan, 0, sizeof(plan));
	/* A translation with the name in another order misspelt, and a
	 * proof of payment with someone else's name: neither is the
	 * hospital's to correct. */
	plan_of(fx, &plan, "reimbursement", TS_STAY, TS_RECORDS TS_MONEY
	    "  - id: tr\n"
	    "    type: translation\n"
	    "    translation_of: ds\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-20\n"
	    "    name: Jon Smith\n"
	    "  - id: pay\n"
	    "    type: payment_proof\n"
	    "    files: y.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: JANE SMITH\n");
	assert_int_equal(plan.npages, 1);
	assert_int_equal(plan.pages[0].nasks, 0);
	assert_false(cp__doctype_from_hospital(CP__DT_TRANSLATION));
	assert_false(cp__doctype_from_hospital(CP__DT_CLAIM_FORM));
	assert_false(cp__doctype_from_hospital(CP__DT_PAYMENT_PROOF));
	assert_true(cp__doctype_from_hospital(CP__DT_FAPIAO));
	cp__request_plan_free(&plan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_request_plan__a_page_per_hospital),
		TS_TEST(test_request_plan__asks_by_desk_papers_before_names),
		TS_TEST(test_request_plan__an_imaging_report_is_asked_for_once),
		TS_TEST(test_request_plan__what_the_hospital_does_not_issue_is_not_asked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
