/* test_init_names.c - what the names of files and folders tell
 * `claimpack init` (init/names.c and data/paper-names.yaml): the type a
 * name calls in Chinese, pinyin and English, a page number, a date, and
 * the moment a phone's camera names a photo after. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "init/init_int.h"
#include "manifest/doctype.h"
#include "support.h"

static cp__init_names *names;

static int
setup(void **state)
{
	cp_error err;

	(void)state;
	return cp__init_names_load(&names, &err) == CP_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	cp__init_names_free(names);
	return 0;
}

/* The facts of a file at `rel`; free with facts_done(). */
static cp__init_file
facts(const char *rel)
{
	cp__init_file f;

	memset(&f, 0, sizeof(f));
	f.rel = (char *)rel;
	assert_int_equal(cp__init_name_facts(names, &f), 0);
	return f;
}

static void
facts_done(cp__init_file *f)
{
	free(f->stem);
}

static void
expect_type(const char *rel, int type)
{
	cp__init_file f = facts(rel);
	int got = f.name_type >= 0 ? f.name_type : f.folder_type;

	if (got != type)
		fail_msg("%s: type %s, expected %s", rel,
		    got >= 0 ? cp_doctype_at((size_t)got)->key : "none",
		    type >= 0 ? cp_doctype_at((size_t)type)->key : "none");
	facts_done(&f);
}

static void
types_from_chinese_pinyin_and_english(void **state)
{
	(void)state;
	expect_type("出院小结.pdf", CP__DT_DISCHARGE_SUMMARY);
	expect_type("住院费用清单2.jpg", CP__DT_EXPENSE_LIST);
	expect_type("检验报告单.pdf", CP__DT_LAB_REPORT);
	expect_type("病理报告.pdf", CP__DT_PATHOLOGY_REPORT);
	expect_type("出院带药.jpg", CP__DT_DISCHARGE_MEDICATION);
	expect_type("binglibaogao.pdf", CP__DT_PATHOLOGY_REPORT);
	expect_type("zhenduan_zhengming.jpg", CP__DT_DIAGNOSIS_CERTIFICATE);
	expect_type("chufang.jpg", CP__DT_PRESCRIPTION);
	expect_type("dzfp_24322000000489101796.pdf", CP__DT_FAPIAO);
	expect_type("CT report.pdf", CP__DT_IMAGING_REPORT);
	expect_type("lab/blood-test.pdf", CP__DT_LAB_REPORT);
	expect_type("BloodTest.pdf", CP__DT_LAB_REPORT);
	expect_type("Receipts/scan_001.pdf", CP__DT_FAPIAO);
	expect_type("discharge-english.pdf", CP__DT_TRANSLATION);
	expect_type("Discharge Summary.PDF", CP__DT_DISCHARGE_SUMMARY);
	/* Not a word of the name, nor the start of one of five letters. */
	expect_type("fact.pdf", -1);
	expect_type("labrador.jpg", -1);
	expect_type("IMG_20261009_101530.jpg", -1);
	expect_type("scan_001.pdf", -1);
	expect_type("DSC01234.JPG", -1);
}

static void
expect_page(const char *rel, int page, const char *stem)
{
	cp__init_file f = facts(rel);

	if (f.page != page || (stem == NULL) != (f.stem == NULL) ||
	    (stem != NULL && strcmp(stem, f.stem) != 0))
		fail_msg("%s: page %d stem \"%s\", expected %d \"%s\"", rel,
		    f.page, f.stem ? f.stem : "(none)", page,
		    stem ? stem : "(none)");
	facts_done(&f);
}

static void
page_numbers_in_names(void **state)
{
	(void)state;
	expect_page("records/discharge_1.jpg", 1, "discharge");
	expect_page("discharge-2.jpg", 2, "discharge");
	expect_page("出院小结 (2).jpg", 2, "出院小结");
	expect_page("出院小结第3页.jpg", 3, "出院小结");
	expect_page("清单-p2.jpg", 2, "清单");
	expect_page("report page 3.pdf", 3, "report");
	expect_page("清单1.jpg", 1, "清单");
	/* A date or a long number ends the name: no page. */
	expect_page("lab-2026-10-04.pdf", 0, NULL);
	expect_page("dzfp_24322000000489101796.pdf", 0, NULL);
	expect_page("2026.pdf", 0, NULL);
	/* A camera's name is no paper's. */
	expect_page("IMG_1234.jpg", 0, NULL);
	expect_page("IMG_20261009_101548.jpg", 0, NULL);
}

static void
cameras_and_dates(void **state)
{
	cp__init_file a, b, w, d;

	(void)state;
	a = facts("IMG_20261009_101530.jpg");
	b = facts("phone/IMG_20261009_101548.jpg");
	assert_true(a.has_time && b.has_time);
	assert_int_equal(b.time - a.time, 18);
	assert_true(a.has_name_date);
	assert_int_equal(a.name_date, cp__date_from_ymd(2026, 10, 9));
	/* WeChat's export: milliseconds since 1970 (2023-10-09 08:07:14
	 * UTC). */
	w = facts("mmexport1696838834000.jpg");
	assert_true(w.has_time);
	assert_int_equal(w.time, 1696838834);
	/* A generic camera name: no time, no page. */
	d = facts("DSC01234.JPG");
	assert_false(d.has_time);
	assert_null(d.stem);
	facts_done(&a);
	facts_done(&b);
	facts_done(&w);
	facts_done(&d);
	a = facts("reports/lab-2026-10-04.pdf");
	assert_true(a.has_name_date);
	assert_int_equal(a.name_date, cp__date_from_ymd(2026, 10, 4));
	assert_false(a.has_time);
	facts_done(&a);
	a = facts("20261020_093000.jpg");
	assert_true(a.has_time);
	facts_done(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types_from_chinese_pinyin_and_english),
		cmocka_unit_test(page_numbers_in_names),
		cmocka_unit_test(cameras_and_dates),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
