/* probe.c - whether libqpdf can open a PDF, and its page count. */
#include <stdio.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "pdf/probe.h"

/* Copies libqpdf's message for `e` before the handle that owns it dies. */
static void
copy_detail(char *buf, size_t size, qpdf_data q, qpdf_error e)
{
	const char *detail = e != NULL ? qpdf_get_error_message_detail(q, e) :
	    NULL;

	snprintf(buf, size, "%s", detail != NULL && detail[0] ? detail :
	    "libqpdf could not read it");
}

int
cp__pdf_probe(cp__pdf_info *info, const char *path)
{
	qpdf_data q;
	qpdf_error e;
	int pages;

	memset(info, 0, sizeof(*info));
	if ((q = qpdf_init()) == NULL)
		return -1;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read(q, path, "") & QPDF_ERRORS) {
		e = qpdf_get_error(q);
		info->state = e != NULL &&
		    qpdf_get_error_code(q, e) == qpdf_e_password ?
		    CP__PDF_PASSWORD : CP__PDF_BROKEN;
		copy_detail(info->detail, sizeof(info->detail), q, e);
		goto done;
	}
	info->encrypted = qpdf_is_encrypted(q) != QPDF_FALSE;
	pages = qpdf_get_num_pages(q);
	if (pages < 0 || qpdf_has_error(q)) {
		info->state = CP__PDF_BROKEN;
		copy_detail(info->detail, sizeof(info->detail), q,
		    qpdf_get_error(q));
		goto done;
	}
	if (pages == 0) {
		info->state = CP__PDF_BROKEN;
		snprintf(info->detail, sizeof(info->detail), "it has no pages");
		goto done;
	}
	info->pages = pages;
	info->state = CP__PDF_OK;
	if (qpdf_more_warnings(q)) {
		info->repaired = true;
		copy_detail(info->detail, sizeof(info->detail), q,
		    qpdf_next_warning(q));
	}
done:
	qpdf_cleanup(&q);
	return 0;
}
