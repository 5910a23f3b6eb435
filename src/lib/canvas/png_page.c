/* png_page.c - a one-page PDF around a PNG, with libharu. */
#include "canvas/haru.h"
#include "canvas/png_page.h"

int
cp__png_page_write(const char *png_path, double page_w, double page_h,
    const cp__matrix *cm, const char *out_path, const char *name,
    cp_error *err)
{
	HPDF_Page page;
	HPDF_Image image;
	cp__haru h;
	int rc = CP_OK;

	if ((rc = cp__haru_new(&h, err)) != CP_OK)
		return rc;
	page = HPDF_AddPage(h.pdf);
	HPDF_Page_SetWidth(page, (HPDF_REAL)page_w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)page_h);
	image = HPDF_LoadPngImageFromFile(h.pdf, png_path);
	if (image == NULL || cp__haru_failed(&h)) {
		rc = cp__haru_error(&h, err, name, "embed this image",
		    "; convert it to a plain JPEG or PNG");
		goto done;
	}
	HPDF_Page_GSave(page);
	HPDF_Page_Concat(page, (HPDF_REAL)cm->a, (HPDF_REAL)cm->b,
	    (HPDF_REAL)cm->c, (HPDF_REAL)cm->d, (HPDF_REAL)cm->e,
	    (HPDF_REAL)cm->f);
	HPDF_Page_DrawImage(page, image, 0, 0, 1, 1);
	HPDF_Page_GRestore(page);
	HPDF_SaveToFile(h.pdf, out_path);
	if (cp__haru_failed(&h))
		rc = cp__haru_error(&h, err, name, "write the page of this "
		    "image", NULL);
done:
	cp__haru_free(&h);
	return rc;
}
