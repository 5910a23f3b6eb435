/* probe.c - whether libqpdf can open a PDF, its page count, and which
 * pages have damaged content. */
#include <stdio.h>
#include <string.h>

#include "pdf/page_content_int.h"
#include "pdf/probe.h"
#include "pdf/qpdf_error_int.h"

/* Reads every page's content; a page libqpdf cannot even hand over
 * counts as damaged. */
static int
read_pages(cp__pdf_info *info, qpdf_data q)
{
	cp__page_content pc;
	qpdf_oh page;
	int i;

	for (i = 0; i < info->pages; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		if (!cp__qpdf_ok(q)) {
			memset(&pc, 0, sizeof(pc));
			pc.damaged = true;
			snprintf(pc.why, sizeof(pc.why), "libqpdf cannot "
			    "read the page");
		} else if (cp__page_content_scan(&pc, q, page) != 0) {
			return -1;
		}
		if (!pc.damaged)
			continue;
		if (info->damaged_pages == 0)
			snprintf(info->damage, sizeof(info->damage), "%s",
			    pc.why);
		if (info->damaged_pages < CP__PDF_DAMAGED_LIST)
			info->damaged[info->damaged_pages] = i + 1;
		info->damaged_pages++;
	}
	return 0;
}

int
cp__pdf_probe(cp__pdf_info *info, const char *path, bool read_content)
{
	qpdf_data q;
	int pages, rc = 0;

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
	if (read_content)
		rc = read_pages(info, q);
done:
	cp__qpdf_close(&q);
	return rc;
}
