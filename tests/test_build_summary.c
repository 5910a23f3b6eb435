/* test_build_summary.c - what cp_bundle_build says it made, through
 * cp_build_options.summary (version 2), and version 1 options, which
 * end before it, still accepted. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include "support.h"

/* Builds the standard claim's cover sheet into DIR/`name`. */
static int
build(ts_fixture *fx, cp_build_options *opts, const char *name)
{
	char out[1024];

	snprintf(out, sizeof(out), "%s", ts_path(fx, name));
	opts->cover_only = 1;
	memset(&fx->err, 0, sizeof(fx->err));
	return cp_bundle_build(fx->claim, fx->tpl, fx->report, out, opts,
	    NULL, &fx->err);
}

static void
test_build_summary__says_what_was_built_and_what_to_send(void **state)
{
	ts_fixture *fx = *state;
	cp_build_options opts = CP_BUILD_OPTIONS_INIT;
	char *summary = NULL;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, NULL);
	opts.summary = &summary;
	ts_assert_ok(build(fx, &opts, "cover.pdf"), &fx->err);
	assert_non_null(summary);
	assert_non_null(strstr(summary, "The cover sheet of 6 documents, "));
	/* No verification results were given. */
	assert_non_null(strstr(summary, "Invoices (1), not verified: no "
	    "results file"));
	assert_non_null(strstr(summary, ": no results file\n"));
	/* The folder is not DICOM: what it holds, not what it shows. */
	assert_non_null(strstr(summary, "Send the imaging CD separately: "
	    "1 file, 1 KB (#4, not printed in the PDF)\n"));
	assert_int_equal(summary[strlen(summary) - 1], '\n');
	free(summary);
}

static void
test_build_summary__version_1_options_build_without_it(void **state)
{
	ts_fixture *fx = *state;
	cp_build_options opts = CP_BUILD_OPTIONS_INIT;
	char *untouched = (char *)"untouched";

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, NULL);
	/* A version 1 struct has no `summary`: what lies there is not
	 * the caller's, and is neither read nor written. */
	opts.version = 1;
	opts.summary = &untouched;
	ts_assert_ok(build(fx, &opts, "v1.pdf"), &fx->err);
	assert_string_equal(untouched, "untouched");
	opts.version = CP_BUILD_OPTIONS_VERSION + 1;
	assert_int_equal(build(fx, &opts, "v3.pdf"), CP_EINVAL);
	assert_non_null(strstr(fx->err.message, "version"));
	opts.version = 0;
	assert_int_equal(build(fx, &opts, "v0.pdf"), CP_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_build_summary__says_what_was_built_and_what_to_send),
		TS_TEST(test_build_summary__version_1_options_build_without_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
