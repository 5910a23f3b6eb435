/* probe.c - whether libqpdf can open a PDF, and its page count. */
#include <stdio.h>
#include <string.h>

#include "pdf/probe.h"
#include "pdf/qpdf_error_int.h"

int
cp__pdf_probe(cp__pdf_info *info, const char *path)
{
	qpdf_data q;
	int pages;

	memset(info, 0, sizeof(*info));
	if ((q = cp__qpdf_open()) == NULL)
		return -1;
	if (qpdf_read(q, path, "") & QPDF_ERRORS) {
		info->state = cp__qpdf_take_error(q, info->detail,
		    sizeof(info->detail)) == qpdf_e_password ?
		    CP__PDF_PASSWORD : CP__PDF_BROKEN;
		goto done;
	}
	info->encrypted = qpdf_is_encrypted(q) != QPDF_FALSE;
	pages = qpdf_get_num_pages(q);
	if (pages < 0 || qpdf_has_error(q)) {
		info->state = CP__PDF_BROKEN;
		cp__qpdf_take_error(q, info->detail, sizeof(info->detail));
		goto done;
	}
	if (pages == 0) {
		info->state = CP__PDF_BROKEN;
		snprintf(info->detail, sizeof(info->detail), "it has no pages");
		goto done;
	}
	info->pages = pages;
	info->state = CP__PDF_OK;
	info->repaired = cp__qpdf_take_warning(q, info->detail,
	    sizeof(info->detail));
done:
	cp__qpdf_close(&q);
	return 0;
}
