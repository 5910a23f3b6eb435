/* test_fit.c - the steps that make a bundle fit an upload limit, with
 * fake photos and a fake writer: no libharu, no libqpdf, no files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"
#include "bundle/fit.h"
#include "bundle/plan.h"
#include "manifest/claim.h"

/* The same six documents as test_plan.c: ds lab img ct exp fp. */
static const cp__file_facts facts[] = {
	{ 3, 30000, 1 }, { 1, 2000000, 1 }, { 1, 500000, 1 },
	{ 0, 50000000, 120 }, { 2, 40000, 1 }, { 1, 20000, 1 },
};

/* A pretend build: each step that shrinks photos takes `per_step`
 * bytes off the bundle; it records what was asked. */
typedef struct {
	uint64_t size;
	uint64_t per_step;
	size_t shrinkable;      /* photos that still get smaller */
	unsigned dpi[16];
	int quality[16];
	size_t steps;
	size_t writes;
	int fail_write;
} fake;

static int
fake_shrink(void *ctx, unsigned dpi, int quality, size_t *shrunk,
    cp_error *err)
{
	fake *f = ctx;

	(void)err;
	f->dpi[f->steps] = dpi;
	f->quality[f->steps] = quality;
	f->steps++;
	*shrunk = f->shrinkable;
	return CP_OK;
}

static int
fake_write(void *ctx, uint64_t *size, cp_error *err)
{
	fake *f = ctx;

	f->writes++;
	if (f->fail_write) {
		memset(err, 0, sizeof(*err));
		err->code = CP_EIO;
		snprintf(err->message, sizeof(err->message), "disk full");
		return CP_EIO;
	}
	f->size = f->size > f->per_step ? f->size - f->per_step : 0;
	*size = f->size;
	return CP_OK;
}

static void
fake_doc_bytes(void *ctx, uint64_t *out)
{
	static const uint64_t bytes[] = { 30000, 1800000, 450000, 0, 40000,
	    20000 };

	(void)ctx;
	memcpy(out, bytes, sizeof(bytes));
}

static const cp__fit_ops ops = { fake_shrink, fake_write, fake_doc_bytes };

typedef struct {
	cp_claim *claim;
	cp_template *tpl;
	cp__plan *plan;
	cp_error err;
} fit_fixture;

static void
load(fit_fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	if (cp__claim_load_text(&fx->claim, "claim.yaml", TS_COMPLETE,
	    &fx->err) != CP_OK ||
	    cp_template_load(&fx->tpl, "reimbursement", &fx->err) != CP_OK ||
	    cp__plan_make(&fx->plan, fx->claim, fx->tpl, facts,
	    &fx->err) != CP_OK)
		fail_msg("%s", fx->err.message);
}

static void
unload(fit_fixture *fx)
{
	cp__plan_free(fx->plan);
	cp_template_free(fx->tpl);
	cp_claim_free(fx->claim);
}

static void
test_fit__sharp_first_then_lower_quality_until_it_fits(void **state)
{
	fit_fixture fx;
	fake f = { 0 };

	(void)state;
	load(&fx);
	f.size = 5000000;
	f.per_step = 1000000;
	f.shrinkable = 3;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 2500000, 0,
	    &fx.err), CP_OK);
	/* 5 MB -> 4 -> 3 -> 2: three steps, three writes. */
	assert_int_equal(f.steps, 3);
	assert_int_equal(f.writes, 3);
	assert_int_equal(f.dpi[0], 200);
	assert_int_equal(f.quality[0], 85);
	assert_int_equal(f.dpi[1], 150);
	assert_int_equal(f.quality[1], 80);
	assert_int_equal(f.dpi[2], 150);
	assert_int_equal(f.quality[2], 70);
	unload(&fx);
}

static void
test_fit__a_bundle_under_the_limit_is_left_alone(void **state)
{
	fit_fixture fx;
	fake f = { 0 };

	(void)state;
	load(&fx);
	f.size = 1000;
	f.shrinkable = 3;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 2000, 0,
	    &fx.err), CP_OK);
	assert_int_equal(f.steps, 0);
	assert_int_equal(f.writes, 0);
	unload(&fx);
}

static void
test_fit__never_below_150_dpi_unless_allowed(void **state)
{
	fit_fixture fx;
	fake f = { 0 };
	size_t i;

	(void)state;
	load(&fx);
	f.size = 9000000;
	f.per_step = 100000;
	f.shrinkable = 1;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 0,
	    &fx.err), CP_ETOOBIG);
	assert_int_equal(f.steps, 5);
	for (i = 0; i < f.steps; i++)
		assert_true(f.dpi[i] >= 150);
	assert_int_equal(f.quality[4], 50);

	/* --min-dpi 100 adds one step at 100 dpi. */
	memset(&f, 0, sizeof(f));
	f.size = 9000000;
	f.per_step = 100000;
	f.shrinkable = 1;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 100,
	    &fx.err), CP_ETOOBIG);
	assert_int_equal(f.steps, 6);
	assert_int_equal(f.dpi[5], 100);
	assert_int_equal(f.quality[5], 50);

	/* --min-dpi 300 keeps every step at 300 dpi or more. */
	memset(&f, 0, sizeof(f));
	f.size = 9000000;
	f.per_step = 100000;
	f.shrinkable = 1;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 300,
	    &fx.err), CP_ETOOBIG);
	assert_int_equal(f.steps, 5);
	for (i = 0; i < f.steps; i++)
		assert_int_equal(f.dpi[i], 300);
	ts_assert_contains(fx.err.message, "with photos at 300 dpi");
	unload(&fx);
}

static void
test_fit__nothing_smaller_means_no_rewrite(void **state)
{
	fit_fixture fx;
	fake f = { 0 };

	(void)state;
	load(&fx);
	f.size = 3000000;
	f.per_step = 1000000;
	f.shrinkable = 0;       /* only PDFs, or photos already small */
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 0,
	    &fx.err), CP_ETOOBIG);
	assert_int_equal(f.writes, 0);
	unload(&fx);
}

static void
test_fit__too_big_names_the_size_limit_and_largest_documents(void **state)
{
	fit_fixture fx;
	fake f = { 0 };

	(void)state;
	load(&fx);
	f.size = 4000000;
	f.per_step = 100000;
	f.shrinkable = 2;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 0,
	    &fx.err), CP_ETOOBIG);
	/* 4 MB less five steps of 0.1 MB. */
	ts_assert_contains(fx.err.message, "cannot be made smaller than "
	    "3.5 MB, over the 1.0 MB limit, with photos at 150 dpi");
	ts_assert_contains(fx.err.message, "The largest documents: #2 Lab "
	    "report (lab) 1.8 MB, #3 Imaging report (img) 450 KB, #5 "
	    "Itemized expense list (exp) 40 KB, #1 Discharge summary (ds) "
	    "30 KB, #6 Official invoice / receipt (fp) 20 KB.");
	unload(&fx);
}

static void
test_fit__a_failed_write_is_returned(void **state)
{
	fit_fixture fx;
	fake f = { 0 };

	(void)state;
	load(&fx);
	f.size = 4000000;
	f.per_step = 100000;
	f.shrinkable = 2;
	f.fail_write = 1;
	assert_int_equal(cp__fit(fx.plan, &ops, &f, f.size, 1000000, 0,
	    &fx.err), CP_EIO);
	assert_int_equal(f.writes, 1);
	ts_assert_contains(fx.err.message, "disk full");
	unload(&fx);
}

static void
test_fit__largest_lists_five_heaviest_first(void **state)
{
	fit_fixture fx;
	static const uint64_t bytes[] = { 1, 6000000, 3, 0, 2500000, 900 };
	char *text;

	(void)state;
	load(&fx);
	text = cp__fit_largest(fx.plan, bytes);
	assert_non_null(text);
	assert_string_equal(text, "#2 Lab report (lab) 6.0 MB, #5 Itemized "
	    "expense list (exp) 2.5 MB, #6 Official invoice / receipt (fp) "
	    "1 KB, #3 Imaging report (img) 0 KB, #1 Discharge summary (ds) "
	    "0 KB");
	free(text);
	unload(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_fit__sharp_first_then_lower_quality_until_it_fits),
		cmocka_unit_test(
		    test_fit__a_bundle_under_the_limit_is_left_alone),
		cmocka_unit_test(test_fit__never_below_150_dpi_unless_allowed),
		cmocka_unit_test(test_fit__nothing_smaller_means_no_rewrite),
		cmocka_unit_test(
		    test_fit__too_big_names_the_size_limit_and_largest_documents),
		cmocka_unit_test(test_fit__a_failed_write_is_returned),
		cmocka_unit_test(test_fit__largest_lists_five_heaviest_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
