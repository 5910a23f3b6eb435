/* render_pages.c - the pages claimpack draws for documents: one page per
 * image file (turned upright, fitted, stamped) and the stamp boxes that
 * the assembler lays over the input PDFs' pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "doctype.h"
#include "strbuf.h"

#define STAMP_SIZE 7.5

char *
cp__stamp_text(const cp__plan *plan, const cp__plan_doc *pd, size_t page)
{
	const cp_claim *claim = plan->claim;

	/* "CG-2026-118842 · 3/12 Discharge summary · p. 7/31": enough to put
	 * a dropped printed page back where it belongs. */
	return cp__sprintf("%s · %zu/%zu %s · p. %zu/%zu",
	    claim->reference != NULL ? claim->reference : claim->patient_name,
	    pd->number, plan->ndocs, cp__plan_doc_label(plan, pd),
	    page - CP__FIRST_DOC_PAGE(plan) + 1, plan->doc_pages);
}

static int
image_page(cp__canvas *cv, cp__plan *plan, const cp__plan_doc *pd,
    const cp__plan_file *pf, size_t out_page)
{
	const cp__paper *p = &plan->paper;
	HPDF_Image image;
	cp__matrix cm;
	double shown_w, shown_h;
	char *stamp;

	cp__canvas_page(cv, p->width, p->height);
	if (cp__canvas_failed(cv))
		return CP_EIO;
	if (cv->dry)
		goto footer;
	/* A recompressed copy, when the bundle must fit a size limit, is
	 * drawn in the original's place and orientation. */
	image = pf->format == CP__FORMAT_JPEG ?
	    HPDF_LoadJpegImageFromFile(cv->pdf, pf->draw_path != NULL ?
	    pf->draw_path : pf->path) :
	    HPDF_LoadPngImageFromFile(cv->pdf, pf->path);
	if (image == NULL || cp__canvas_failed(cv)) {
		plan->failed_file = pf->written;
		return CP_EIO;
	}
	cp__image_place(&pf->image, p->width, p->height, p->top, p->bottom,
	    p->margin, &cm, &shown_w, &shown_h);
	HPDF_Page_GSave(cv->page);
	HPDF_Page_Concat(cv->page, (HPDF_REAL)cm.a, (HPDF_REAL)cm.b,
	    (HPDF_REAL)cm.c, (HPDF_REAL)cm.d, (HPDF_REAL)cm.e,
	    (HPDF_REAL)cm.f);
	HPDF_Page_DrawImage(cv->page, image, 0, 0, 1, 1);
	HPDF_Page_GRestore(cv->page);
footer:
	if ((stamp = cp__stamp_text(plan, pd, out_page)) == NULL)
		return CP_ENOMEM;
	cv->field = "page stamp";
	cp__text_center(cv, p->width / 2, 6 + (CP__STAMP_H - STAMP_SIZE) / 2,
	    stamp, STAMP_SIZE, CP__MUTED, false);
	free(stamp);
	return cp__canvas_failed(cv) ? CP_EIO : CP_OK;
}

static int
stamp_box(cp__canvas *cv, const cp__plan *plan, const cp__plan_doc *pd,
    size_t out_page)
{
	char *stamp;

	cp__canvas_page(cv, CP__STAMP_W, CP__STAMP_H);
	if ((stamp = cp__stamp_text(plan, pd, out_page)) == NULL)
		return CP_ENOMEM;
	cv->field = "page stamp";
	cp__text_center(cv, CP__STAMP_W / 2, (CP__STAMP_H - STAMP_SIZE) / 2 +
	    1, stamp, STAMP_SIZE, CP__MUTED, false);
	free(stamp);
	return cp__canvas_failed(cv) ? CP_EIO : CP_OK;
}

int
cp__render_document_pages(cp__canvas *cv, cp__plan *plan,
    size_t first_gen_page, size_t *stamp_first)
{
	size_t d, f, i, gen = first_gen_page, out;
	int rc;

	/* Image pages first, then every stamp box, so that the assembler
	 * finds the stamps as one run of generated pages. */
	for (d = 0; d < plan->ndocs; d++) {
		cp__plan_doc *pd = &plan->docs[d];

		out = pd->first_page;
		for (f = 0; f < pd->nfiles; f++) {
			cp__plan_file *pf = &pd->files[f];

			if (pf->format != CP__FORMAT_PDF) {
				pf->gen_page = gen++;
				if ((rc = image_page(cv, plan, pd, pf, out)) !=
				    CP_OK)
					return rc;
			}
			out += pf->pages;
		}
		if (plan->opts->progress != NULL && !cv->dry)
			plan->opts->progress(plan->opts->progress_ctx, d + 1,
			    plan->ndocs, cp__plan_doc_label(plan, pd),
			    pd->pages);
	}
	*stamp_first = gen;
	for (d = 0; d < plan->ndocs; d++) {
		cp__plan_doc *pd = &plan->docs[d];

		out = pd->first_page;
		for (f = 0; f < pd->nfiles; f++) {
			cp__plan_file *pf = &pd->files[f];

			if (pf->format == CP__FORMAT_PDF)
				for (i = 0; i < pf->pages; i++)
					if ((rc = stamp_box(cv, plan, pd,
					    out + i)) != CP_OK)
						return rc;
			out += pf->pages;
		}
	}
	cv->field = NULL;
	return CP_OK;
}
