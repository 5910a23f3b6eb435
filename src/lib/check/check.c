/* check.c - running every check family over a claim. */
#include <stdlib.h>

#include "check/check.h"
#include "util/error.h"

static int
check_run(cp_report **out, const cp_claim *claim, const cp_template *tpl,
    cp_error *err)
{
	cp_report *report;
	cp__font *font = NULL;
	cp_error ignored;
	int rc;

	*out = NULL;
	if (claim == NULL || tpl == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_check_run needs a claim and a template");
	if ((report = cp__report_new()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* The bundle's fonts, asked by the checks of what the bundle will
	 * print (NULL when they are not installed: `build` says how). */
	if (cp__font_open(&font, &ignored) == CP_ENOMEM) {
		cp_report_free(report);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	if ((rc = cp__check_facts(report, claim)) != CP_OK ||
	    (rc = cp__check_files(report, claim, font)) != CP_OK ||
	    (rc = cp__check_names(report, claim)) != CP_OK ||
	    (rc = cp__check_dates(report, claim, tpl)) != CP_OK ||
	    (rc = cp__check_totals(report, claim)) != CP_OK ||
	    (rc = cp__check_invoices(report, claim)) != CP_OK ||
	    (rc = cp__check_papers(report, claim)) != CP_OK ||
	    (rc = cp__check_imaging(report, claim, tpl)) != CP_OK ||
	    (rc = cp__check_completeness(report, claim, tpl)) != CP_OK ||
	    (rc = cp__check_glyphs(report, claim, font)) != CP_OK) {
		cp__font_free(font);
		cp_report_free(report);
		return cp__error_set(err, rc, NULL, 0, 0, "out of memory");
	}
	cp__font_free(font);
	cp__report_sort(report);
	*out = report;
	return CP_OK;
}

/* The claim's files are opened once for the whole call (util/infile.h). */
int
cp_check_run(cp_report **out, const cp_claim *claim, const cp_template *tpl,
    cp_error *err)
{
	cp__infiles *prev = cp__claim_files_use(claim);
	int rc = check_run(out, claim, tpl, err);

	cp__infiles_use(prev);
	return rc;
}
