/* ofd_qr.c - the QR code of an OFD: its image resources (as the OFD
 * model read them), decoded and scanned. */
#include "read/ofd_doc_int.h"

#include <stdlib.h>
#include <string.h>

#include "read/qr_image_int.h"
#include "read/xml_int.h"

/* Image resources listed, and scanned (an e-invoice has one to three
 * images: the QR code, a seal, a watermark). */
#define MAX_MEDIA 64
#define MAX_SCANS 16

typedef struct {
	uint32_t id;
	char path[CP__OFD_PATH_MAX];
	int scanned;
} media;

typedef struct {
	cp__paper_facts *paper;
	cp__ofd_zip *zip;
	media m[MAX_MEDIA];
	size_t n;
	size_t scans;
} images;

/* Lists the image resources of the document (its DocumentRes and
 * PublicRes, in the order they were read).  0, or -1. */
static int
list_media(images *im, cp__ofd_doc *doc)
{
	const cp__ofd_res *res = cp__ofd_doc_resources(doc);
	const cp__ofd_item *it;
	const char *type;
	size_t i;

	if (res == NULL)
		return -1;
	for (i = 0; i < cp__ofd_res_count(res) && im->n < MAX_MEDIA; i++) {
		it = cp__ofd_res_at(res, i);
		type = cp__xml_attr(it->node, "Type");
		if (it->kind != CP__OFD_RES_MEDIA ||
		    (type != NULL && strcmp(type, "Image") != 0) ||
		    cp__ofd_res_media_path(im->m[im->n].path, it) != 0)
			continue;
		im->m[im->n].id = it->id;
		im->m[im->n].scanned = 0;
		im->n++;
	}
	return 0;
}

/* Scans image `m` for QR codes, once. */
static int
scan(images *im, media *m, int page)
{
	char why[256];
	size_t len;
	char *data;
	int rc;

	if (m->scanned || im->scans >= MAX_SCANS)
		return 0;
	m->scanned = 1;
	im->scans++;
	rc = cp__ofd_zip_read(im->zip, m->path, CP__OFD_IMAGE_MAX, &data, &len,
	    why, sizeof(why));
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = cp__qr_image_scan(im->paper, (const unsigned char *)data, len,
	    page);
	free(data);
	return rc < 0 ? -1 : 0;
}

/* Called with the ResourceID of each image object of page 1. */
static int
scan_shown(void *ctx, const char *ref)
{
	images *im = ctx;
	uint32_t id;
	size_t i;

	for (i = 0; cp__ofd_id(ref, &id) && i < im->n; i++)
		if (im->m[i].id == id)
			return scan(im, &im->m[i], 1);
	return 0;
}

int
cp__ofd_read_qr(cp__paper_facts *paper, cp__ofd_doc *doc, const xmlDoc *page1)
{
	images *im;
	size_t i;
	int rc;

	if ((im = calloc(1, sizeof(*im))) == NULL)
		return -1;
	im->paper = paper;
	im->zip = cp__ofd_doc_zip(doc);
	rc = list_media(im, doc);
	if (rc == 0 && page1 != NULL)
		rc = cp__ofd_page_images(page1, scan_shown, im);
	for (i = 0; rc == 0 && i < im->n; i++)
		rc = scan(im, &im->m[i], 0);
	free(im);
	return rc < 0 ? -1 : 0;
}
