/* test_plan.c - the bundle's plan and its views: order, numbers, pages,
 * and split parts that never change the plan.  No file is read and
 * neither libharu nor libqpdf is used. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "bundle/plan.h"
#include "bundle/split.h"
#include "bundle/view.h"
#include "manifest/claim.h"

/*
 * TS_COMPLETE lists, in manifest order: ds (discharge summary, 10-09),
 * lab (lab report, 10-02), img (imaging report, 10-03), ct (imaging
 * files, undated), exp (expense list, 10-09) and fp (fapiao, 10-09),
 * one file each.  The reimbursement template's sections put them in
 * the order ds | lab img ct | exp fp.
 */
static const cp__file_facts standard_facts[] = {
	{ 3, 30000, 1 },        /* ds.pdf */
	{ 1, 2000000, 1 },      /* lab.jpg */
	{ 1, 500000, 1 },       /* img.png */
	{ 0, 50000000, 120 },   /* ct/: 120 DICOM files */
	{ 2, 40000, 1 },        /* exp.pdf */
	{ 1, 20000, 1 },        /* fp.pdf */
};

typedef struct {
	cp_claim *claim;
	cp_template *tpl;
	cp__plan *plan;
	cp_error err;
} plan_fixture;

static void
load(plan_fixture *fx, const char *manifest, const cp__file_facts *facts)
{
	memset(fx, 0, sizeof(*fx));
	if (cp__claim_load_text(&fx->claim, "claim.yaml", manifest,
	    &fx->err) != CP_OK)
		fail_msg("manifest: %s", fx->err.message);
	if (cp_template_load(&fx->tpl, "reimbursement", &fx->err) != CP_OK)
		fail_msg("template: %s", fx->err.message);
	if (cp__plan_make(&fx->plan, fx->claim, fx->tpl, facts,
	    &fx->err) != CP_OK)
		fail_msg("plan: %s", fx->err.message);
}

static void
unload(plan_fixture *fx)
{
	cp__plan_free(fx->plan);
	cp_template_free(fx->tpl);
	cp_claim_free(fx->claim);
}

/* The ids of the plan's documents in bundle order, space-separated. */
static const char *
order_of(const cp__plan *plan)
{
	static char buf[256];
	size_t d;

	buf[0] = '\0';
	for (d = 0; d < plan->ndocs; d++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    d ? " " : "", cp__plan_document(plan, d)->id);
	return buf;
}

static void
test_plan__sections_then_dates_then_manifest_order(void **state)
{
	plan_fixture fx;
	size_t d;

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	assert_string_equal(order_of(fx.plan), "ds lab img ct exp fp");
	for (d = 0; d < fx.plan->ndocs; d++)
		assert_int_equal(fx.plan->docs[d].number, d + 1);
	assert_string_equal(cp__plan_doc_label(fx.plan, 0),
	    "Discharge summary");
	/* Sections as the template lists them: records, reports,
	 * invoices. */
	assert_true(fx.plan->docs[0].section < fx.plan->docs[1].section);
	assert_int_equal(fx.plan->docs[1].section, fx.plan->docs[3].section);
	assert_true(fx.plan->docs[3].section < fx.plan->docs[4].section);
	unload(&fx);
}

static void
test_plan__undated_documents_come_last_in_their_section(void **state)
{
	plan_fixture fx;

	(void)state;
	/* ct (undated) was listed before lab and img. */
	load(&fx, TS_HEAD TS_STAY "documents:\n"
	    "  - {id: ct, type: imaging_files, files: [ct]}\n"
	    "  - {id: img, type: imaging_report, files: [img.png], "
	    "date: 2026-10-03, name: SMITH JOHN ALEXANDER}\n"
	    "  - {id: lab, type: lab_report, files: [lab.jpg], "
	    "date: 2026-10-02, name: SMITH JOHN ALEXANDER}\n", (const cp__file_facts[]){
	    { 0, 10, 2 }, { 1, 10, 1 }, { 1, 10, 1 } });
	assert_string_equal(order_of(fx.plan), "lab img ct");
	unload(&fx);
}

static void
test_plan__pages_and_files_of_each_document(void **state)
{
	plan_fixture fx;
	const cp__plan_doc *pd;

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	assert_int_equal(fx.plan->nfiles, 6);
	assert_int_equal(fx.plan->pages, 3 + 1 + 1 + 2 + 1);
	pd = &fx.plan->docs[0];                 /* ds */
	assert_int_equal(pd->file0, 0);
	assert_int_equal(pd->nfiles, 1);
	assert_int_equal(pd->pages, 3);
	assert_int_equal(pd->bytes, 30000);
	pd = &fx.plan->docs[3];                 /* ct: listed, not drawn */
	assert_int_equal(pd->file0, 3);
	assert_int_equal(pd->nfiles, 0);
	assert_int_equal(pd->pages, 0);
	assert_int_equal(pd->bytes, 0);
	assert_int_equal(pd->image_files, 120);
	assert_int_equal(pd->image_bytes, 50000000);
	assert_int_equal(fx.plan->file_pages[4], 2);    /* exp.pdf */
	unload(&fx);
}

static void
test_plan__view_numbers_pages_after_cover_and_index(void **state)
{
	plan_fixture fx;
	cp__view v;

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	assert_int_equal(cp__view_init(&v, fx.plan, 0, 0, NULL, &fx.err),
	    CP_OK);
	cp__view_number(&v, 2);
	assert_int_equal(CP__FIRST_DOC_PAGE(&v), 3);
	assert_int_equal(v.first_page[0], 3);   /* ds: 3 pages */
	assert_int_equal(v.first_page[1], 6);   /* lab */
	assert_int_equal(v.first_page[2], 7);   /* img */
	assert_int_equal(v.first_page[4], 8);   /* exp, after ct's none */
	assert_int_equal(v.first_page[5], 10);  /* fp */
	assert_int_equal(v.doc_pages, 8);
	assert_int_equal(cp__view_count(&v), 6);
	/* An index of one page moves every document up a page. */
	cp__view_number(&v, 1);
	assert_int_equal(v.first_page[5], 9);
	cp__view_free(&v);
	unload(&fx);
}

static void
test_plan__parts_are_views_that_leave_the_plan_as_it_was(void **state)
{
	plan_fixture fx;
	cp__plan_doc before[6];
	size_t part_of[6];
	cp__view one, two;
	int n;

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	memcpy(before, fx.plan->docs, sizeof(before));
	/* Parts of 2.5 MB: the 2 MB lab photo does not fit beside the
	 * discharge summary and the imaging report. */
	n = cp__split_assign(part_of, fx.plan, NULL, 2500000, &fx.err);
	assert_int_equal(n, 2);
	assert_int_equal(part_of[0], 1);        /* ds */
	assert_int_equal(part_of[1], 1);        /* lab */
	assert_int_equal(part_of[2], 2);        /* img */
	assert_int_equal(part_of[5], 2);        /* fp */
	assert_int_equal(cp__view_init(&one, fx.plan, 1, 2, part_of,
	    &fx.err), CP_OK);
	assert_int_equal(cp__view_init(&two, fx.plan, 2, 2, part_of,
	    &fx.err), CP_OK);
	cp__view_number(&one, 1);
	cp__view_number(&two, 1);
	assert_true(cp__view_has(&one, 1));
	assert_false(cp__view_has(&one, 2));
	assert_int_equal(cp__view_pages(&one, 2), 0);
	assert_int_equal(cp__view_pages(&two, 2), 1);
	assert_int_equal(one.doc_pages, 4);
	assert_int_equal(two.doc_pages, 4);
	assert_int_equal(cp__view_count(&two), 4);
	/* Each part numbers its own pages from the page after its index. */
	assert_int_equal(two.first_page[2], 2);
	assert_int_equal(two.first_page[4], 3);
	/* Both views exist at once, and the plan is untouched. */
	assert_memory_equal(before, fx.plan->docs, sizeof(before));
	assert_int_equal(fx.plan->pages, 8);
	cp__view_free(&one);
	cp__view_free(&two);
	unload(&fx);
}

static void
test_plan__split_keeps_order_and_splits_between_documents(void **state)
{
	plan_fixture fx;
	size_t part_of[6], d;
	int n;

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	/* Large parts: everything in one. */
	n = cp__split_assign(part_of, fx.plan, NULL, 100000000, &fx.err);
	assert_int_equal(n, 1);
	for (d = 0; d < 6; d++)
		assert_int_equal(part_of[d], 1);
	/* Parts that hold about one photo: a part never goes back. */
	n = cp__split_assign(part_of, fx.plan, NULL, 2300000, &fx.err);
	assert_true(n >= 2);
	for (d = 1; d < 6; d++)
		assert_true(part_of[d] >= part_of[d - 1]);
	unload(&fx);
}

static void
test_plan__split_refuses_a_document_larger_than_a_part(void **state)
{
	plan_fixture fx;
	size_t part_of[6];

	(void)state;
	load(&fx, TS_COMPLETE, standard_facts);
	assert_int_equal(cp__split_assign(part_of, fx.plan, NULL, 1000000,
	    &fx.err), CP_ETOOBIG);
	ts_assert_contains(fx.err.message, "document #2 Lab report (lab)");
	ts_assert_contains(fx.err.message, "more than fits in a part of "
	    "1.0 MB");
	assert_int_equal(cp__split_assign(part_of, fx.plan, NULL, 150000,
	    &fx.err), CP_ETOOBIG);
	ts_assert_contains(fx.err.message, "cannot even hold a cover");
	unload(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_plan__sections_then_dates_then_manifest_order),
		cmocka_unit_test(
		    test_plan__undated_documents_come_last_in_their_section),
		cmocka_unit_test(test_plan__pages_and_files_of_each_document),
		cmocka_unit_test(
		    test_plan__view_numbers_pages_after_cover_and_index),
		cmocka_unit_test(
		    test_plan__parts_are_views_that_leave_the_plan_as_it_was),
		cmocka_unit_test(
		    test_plan__split_keeps_order_and_splits_between_documents),
		cmocka_unit_test(
		    test_plan__split_refuses_a_document_larger_than_a_part),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
