/* test_placeholder.c - a file the build cannot draw gets pages that say
 * so only when check reported it; any other failure still fails. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include <qpdf/qpdf-c.h>

#include "support.h"

/* The pages of the PDF at `path`. */
static int
page_count(const char *path)
{
	qpdf_data q = qpdf_init();
	int n;

	qpdf_silence_errors(q);
	assert_int_equal(qpdf_read(q, path, "") & QPDF_ERRORS, 0);
	assert_int_equal(qpdf_check_pdf(q) & QPDF_ERRORS, 0);
	n = qpdf_get_num_pages(q);
	qpdf_cleanup(&q);
	return n;
}

/* Cuts the last `drop` bytes off the file `name` of the fixture. */
static void
cut(ts_fixture *fx, const char *name, long drop)
{
	struct stat st;

	assert_int_equal(stat(ts_path(fx, name), &st), 0);
	assert_true(st.st_size > drop);
	assert_int_equal(truncate(ts_path(fx, name), st.st_size - drop), 0);
}

/* Builds the fixture's claim with `report` into DIR/`name`. */
static int
build(ts_fixture *fx, const cp_report *report, const char *name,
    cp_error *err)
{
	char out[1024];

	snprintf(out, sizeof(out), "%s", ts_path(fx, name));
	return cp_bundle_build(fx->claim, fx->tpl, report, out, NULL, NULL,
	    err);
}

static void
test_placeholder__a_failure_check_did_not_report_still_fails(void **state)
{
	ts_fixture *fx = *state;
	cp_report *clean;
	cp_error err;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, NULL);
	ts_expect_clean(fx->report);
	clean = fx->report;
	fx->report = NULL;
	/* Damaged after the check: the build meets it unannounced. */
	cut(fx, "lab.jpg", 20);
	memset(&err, 0, sizeof(err));
	assert_int_equal(build(fx, clean, "out.pdf", &err), CP_EIO);
	assert_string_equal(err.path, "lab.jpg");
	ts_assert_contains(err.message, "cut short");
	assert_int_equal(access(ts_path(fx, "out.pdf"), F_OK), -1);
	/* Without a cp_error to fill, the same. */
	assert_int_equal(build(fx, clean, "out.pdf", NULL), CP_EIO);
	/* A PDF gone since the check. */
	ts_write_jpeg(fx->dir, "lab.jpg");
	assert_int_equal(unlink(ts_path(fx, "exp.pdf")), 0);
	assert_int_equal(build(fx, clean, "out.pdf", &err), CP_EIO);
	assert_string_equal(err.path, "exp.pdf");
	assert_int_equal(access(ts_path(fx, "out.pdf"), F_OK), -1);
	cp_report_free(clean);
}

static void
test_placeholder__files_check_reported_stand_in_as_pages(void **state)
{
	ts_fixture *fx = *state;
	cp_error err;
	int whole;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, NULL);
	ts_assert_ok(build(fx, fx->report, "whole.pdf", &err), &err);
	whole = page_count(ts_path(fx, "whole.pdf"));

	/* A JPEG cut short and a PDF that is not one, reported by check:
	 * each keeps its one page, which says so. */
	cut(fx, "lab.jpg", 20);
	ts_write_text(fx->dir, "exp.pdf", "%PDF-1.4 broken");
	ts_check(fx, TS_COMPLETE, NULL);
	ts_expect(fx->report, "image-broken", "lab");
	ts_expect(fx->report, "pdf-broken", "exp");
	ts_assert_ok(build(fx, fx->report, "forced.pdf", &err), &err);
	assert_int_equal(page_count(ts_path(fx, "forced.pdf")), whole);

	/* A missing file too. */
	assert_int_equal(unlink(ts_path(fx, "img.png")), 0);
	ts_check(fx, TS_COMPLETE, NULL);
	ts_expect(fx->report, "file-missing", "img");
	ts_assert_ok(build(fx, fx->report, "forced.pdf", &err), &err);
	assert_int_equal(page_count(ts_path(fx, "forced.pdf")), whole);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_placeholder__a_failure_check_did_not_report_still_fails),
		TS_TEST(test_placeholder__files_check_reported_stand_in_as_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
