/* ofd_qr.c - the QR code of an OFD: its image resources, decoded and
 * scanned. */
#include "read/ofd_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/qr_image_int.h"
#include "read/xml_int.h"

/* Image resources listed, and scanned (an e-invoice has one to three
 * images: the QR code, a seal, a watermark). */
#define MAX_MEDIA 64
#define MAX_SCANS 16
#define ID_MAX 32

typedef struct {
	char id[ID_MAX];
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

/* Adds MultiMedia element `mm` of the resource file `res`, whose files
 * lie in `folder` ("" for the resource file's own).  0, or -1. */
static int
add_media(images *im, const char *res, const char *folder,
    const xmlNode *mm)
{
	char base[CP__OFD_PATH_MAX + 2];
	const char *type = cp__xml_attr(mm, "Type");
	const char *id = cp__xml_attr(mm, "ID");
	media *m = &im->m[im->n];
	int rc;

	if (im->n >= MAX_MEDIA || id == NULL || strlen(id) >= ID_MAX ||
	    (type != NULL && strcmp(type, "Image") != 0))
		return 0;
	/* a MediaFile is relative to the BaseLoc folder: resolve it as if
	 * it were written in a file inside that folder */
	if (folder[0] != '\0')
		snprintf(base, sizeof(base), "%s/_", folder);
	else
		snprintf(base, sizeof(base), "%s", res);
	rc = cp__ofd_path_of(m->path, base, cp__xml_child(mm, "MediaFile"));
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	strcpy(m->id, id);
	m->scanned = 0;
	im->n++;
	return 0;
}

/* Lists the image resources of resource file `path`. */
static int
list_media(images *im, const char *path)
{
	char folder[CP__OFD_PATH_MAX], why[256];
	const xmlNode *root, *list, *mm;
	const char *base;
	xmlDoc *doc;
	int rc;

	if ((rc = cp__ofd_zip_read_xml(im->zip, path, &doc, why,
	    sizeof(why))) != 0)
		return rc < 0 ? -1 : 0;         /* no images from it */
	root = xmlDocGetRootElement(doc);
	base = cp__xml_attr(root, "BaseLoc");
	if (base == NULL || cp__ofd_path(folder, path, base) != 0)
		folder[0] = '\0';
	for (list = cp__xml_child(root, "MultiMedias"); list != NULL && rc == 0;
	    list = cp__xml_next(list, "MultiMedias"))
		for (mm = cp__xml_child(list, "MultiMedia"); mm != NULL &&
		    rc == 0; mm = cp__xml_next(mm, "MultiMedia"))
			rc = add_media(im, path, folder, mm);
	xmlFreeDoc(doc);
	return rc;
}

/* Lists the images of every DocumentRes and PublicRes of the
 * document. */
static int
list_resources(images *im, const char *doc_path, const xmlDoc *document)
{
	static const char *const kinds[] = { "DocumentRes", "PublicRes" };
	char path[CP__OFD_PATH_MAX];
	const xmlNode *common, *n;
	size_t k;
	int rc;

	common = cp__xml_child(xmlDocGetRootElement(document), "CommonData");
	for (k = 0; k < 2; k++)
		for (n = cp__xml_child(common, kinds[k]); n != NULL;
		    n = cp__xml_next(n, kinds[k])) {
			if ((rc = cp__ofd_path_of(path, doc_path, n)) < 0 ||
			    (rc == 0 && list_media(im, path) < 0))
				return -1;
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
scan_shown(void *ctx, const char *id)
{
	images *im = ctx;
	size_t i;

	for (i = 0; i < im->n; i++)
		if (strcmp(im->m[i].id, id) == 0)
			return scan(im, &im->m[i], 1);
	return 0;
}

int
cp__ofd_read_qr(cp__paper_facts *paper, cp__ofd_zip *zip, const char *doc_path,
    const xmlDoc *document, const xmlDoc *page1)
{
	images *im;
	size_t i;
	int rc;

	if ((im = calloc(1, sizeof(*im))) == NULL)
		return -1;
	im->paper = paper;
	im->zip = zip;
	rc = list_resources(im, doc_path, document);
	if (rc == 0 && page1 != NULL)
		rc = cp__ofd_page_images(page1, scan_shown, im);
	for (i = 0; rc == 0 && i < im->n; i++)
		rc = scan(im, &im->m[i], 0);
	free(im);
	return rc < 0 ? -1 : 0;
}
