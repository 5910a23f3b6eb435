/* pages.c - the pages claimpack draws for documents: one page per
 * image file (turned upright, fitted, stamped) and the stamp boxes that
 * the assembler lays over the input PDFs' pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle.h"
#include "manifest/doctype.h"
#include "pdf/jpeg_page.h"
#include "util/strbuf.h"

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

/* libharu's errors for an image page's own document. */
static void
on_image_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	HPDF_STATUS *first = user;

	(void)detail;
	if (*first == 0)
		*first = error;
}

/*
 * Writes the page of one image file as a one-page PDF of its own in the
 * build's private folder, and adds it to the assembler's inputs.  One
 * photo at a time is in memory; libqpdf copies its bytes from that file
 * when it writes the bundle.  The page's stamp is a stamp box, as for an
 * input PDF's pages.
 */
static int
image_pdf(cp__plan *plan, cp__plan_file *pf, size_t index)
{
	const cp__paper *p = &plan->paper;
	HPDF_STATUS status = 0;
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Image image;
	cp__matrix cm;
	double shown_w, shown_h;
	char **grown;

	if (pf->page_pdf == NULL &&
	    (pf->page_pdf = cp__sprintf("%s/page-%zu.pdf", plan->tmpdir,
	    index)) == NULL)
		return CP_ENOMEM;
	if (pf->format == CP__FORMAT_JPEG) {
		/* A JPEG goes in as it is, straight from file to file; a
		 * recompressed copy (to fit a size limit) takes the
		 * original's place and orientation. */
		const char *src = pf->draw_path != NULL ? pf->draw_path :
		    pf->path;
		cp__image_info embedded;
		char why[300];

		cp__image_place(&pf->image, p->width, p->height, p->top,
		    p->bottom, p->margin, &cm, &shown_w, &shown_h);
		if (cp__image_probe(&embedded, src, why, sizeof(why)) != 0 ||
		    cp__jpeg_page_write(src, &embedded, p->width, p->height,
		    &cm, pf->page_pdf, why, sizeof(why)) != 0) {
			plan->failed_file = pf->written;
			snprintf(plan->failed_why, sizeof(plan->failed_why), "%s",
			    why);
			return CP_EIO;
		}
		goto add;
	}
	if ((pdf = HPDF_New(on_image_error, &status)) == NULL)
		return CP_ENOMEM;
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetWidth(page, (HPDF_REAL)p->width);
	HPDF_Page_SetHeight(page, (HPDF_REAL)p->height);
	image = HPDF_LoadPngImageFromFile(pdf, pf->path);
	if (image != NULL && status == 0) {
		cp__image_place(&pf->image, p->width, p->height, p->top,
		    p->bottom, p->margin, &cm, &shown_w, &shown_h);
		HPDF_Page_GSave(page);
		HPDF_Page_Concat(page, (HPDF_REAL)cm.a, (HPDF_REAL)cm.b,
		    (HPDF_REAL)cm.c, (HPDF_REAL)cm.d, (HPDF_REAL)cm.e,
		    (HPDF_REAL)cm.f);
		HPDF_Page_DrawImage(page, image, 0, 0, 1, 1);
		HPDF_Page_GRestore(page);
		HPDF_SaveToFile(pdf, pf->page_pdf);
	}
	HPDF_Free(pdf);
	if (image == NULL || status != 0) {
		plan->failed_file = pf->written;
		plan->failed_status = status;
		return CP_EIO;
	}
add:
	if ((grown = realloc(plan->inputs, (plan->ninputs + 1) *
	    sizeof(*grown))) == NULL)
		return CP_ENOMEM;
	plan->inputs = grown;
	plan->inputs[plan->ninputs] = pf->page_pdf;
	pf->input = (int)plan->ninputs++;
	return CP_OK;
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
    size_t *stamp_first)
{
	size_t d, f, i, out, images = 0;
	int rc;

	/* The inputs after the hospital's PDFs are this run's image pages. */
	plan->ninputs = plan->ninputs_pdf;
	for (d = 0; d < plan->ndocs && !cv->dry; d++) {
		cp__plan_doc *pd = &plan->docs[d];

		for (f = 0; f < pd->nfiles; f++) {
			cp__plan_file *pf = &pd->files[f];

			if (pf->format != CP__FORMAT_PDF &&
			    (rc = image_pdf(plan, pf, images++)) != CP_OK)
				return rc;
		}
		if (plan->opts->progress != NULL)
			plan->opts->progress(plan->opts->progress_ctx, d + 1,
			    plan->ndocs, cp__plan_doc_label(plan, pd),
			    pd->pages);
	}
	/* One stamp box per document page, PDF or image, in bundle order:
	 * the assembler takes them in the same order. */
	*stamp_first = 1 + plan->index_pages;
	for (d = 0; d < plan->ndocs; d++) {
		cp__plan_doc *pd = &plan->docs[d];

		out = pd->first_page;
		for (f = 0; f < pd->nfiles; f++) {
			cp__plan_file *pf = &pd->files[f];

			for (i = 0; i < pf->pages; i++)
				if ((rc = stamp_box(cv, plan, pd, out + i)) !=
				    CP_OK)
					return rc;
			out += pf->pages;
		}
	}
	cv->field = NULL;
	return CP_OK;
}
