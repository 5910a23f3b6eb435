/* ofd_image.c - the pictures an OFD page shows, handed to the painter:
 * PNG and JPEG files as they are, JBIG2 and BMP decoded into pixels.
 * The kind is told by the bytes, not by the MultiMedia's Format (which
 * producers get wrong: "GBIG2" for JBIG2). */
#include "read/ofd_draw_int.h"

#include <stdlib.h>
#include <string.h>

#include "input/sniff.h"
#include "read/pixels_int.h"

/* Decodes a picture the painter cannot take as a file: 1 drawn, 0 not
 * a picture decoded here (*what says why), -1. */
static int
decode(cp__pixels *px, const unsigned char *data, size_t len,
    const char **what)
{
	int rc;

	if (cp__pixels_is_jbig2(data, len))
		rc = cp__pixels_from_jbig2(px, data, len);
	else if (cp__pixels_is_bmp(data, len))
		rc = cp__pixels_from_bmp(px, data, len);
	else {
		cp__format f = cp__sniff(data, len);

		*what = f == CP__FORMAT_UNKNOWN ? "is of a format claimpack "
		    "does not know" : f == CP__FORMAT_GIF ? "is a GIF image" :
		    f == CP__FORMAT_TIFF ? "is a TIFF image" :
		    f == CP__FORMAT_WEBP ? "is a WebP image" :
		    "is not a picture claimpack draws";
		return 0;
	}
	if (rc == 0)
		*what = "cannot be decoded";
	return rc;
}

int
cp__ofd_image_emit(cp__ofd_drawing *dw, const unsigned char *data,
    size_t len, const cp__ofd_matrix *m, double alpha, const char *resource,
    const char **what)
{
	cp__ofd_image im;
	cp__pixels px;
	cp__format f;
	int rc;

	*what = NULL;
	if (dw->painter->image == NULL)
		return 0;
	memset(&im, 0, sizeof(im));
	memset(&px, 0, sizeof(px));
	im.m = *m;
	im.alpha = alpha;
	im.resource = resource;
	f = cp__sniff(data, len);
	if (f == CP__FORMAT_PNG || f == CP__FORMAT_JPEG) {
		im.kind = f == CP__FORMAT_PNG ? CP__OFD_IMAGE_PNG :
		    CP__OFD_IMAGE_JPEG;
		im.data = data;
		im.len = len;
	} else {
		if ((rc = decode(&px, data, len, what)) <= 0)
			return rc < 0 ? -1 : 1;
		im.kind = CP__OFD_IMAGE_PIXELS;
		im.data = px.px;
		im.len = (size_t)px.width * px.height * px.channels;
		im.width = px.width;
		im.height = px.height;
		im.channels = px.channels;
	}
	dw->painter->image(dw->ctx, &im);
	free(px.px);
	return 0;
}

int
cp__ofd_image_draw(cp__ofd_drawing *dw, cp__ofd_zip *zip, const char *path,
    const cp__ofd_matrix *m, double alpha)
{
	const char *what;
	char why[256];
	size_t len;
	char *data;
	int rc;

	if (dw->painter->image == NULL)
		return 0;
	rc = cp__ofd_zip_read(zip, path, CP__OFD_IMAGE_MAX, &data, &len, why,
	    sizeof(why));
	if (rc != 0)
		return rc < 0 ? -1 : cp__ofd_damaged(dw, NULL,
		    "image %s, which %s", path, why);
	rc = cp__ofd_image_emit(dw, (const unsigned char *)data, len, m, alpha,
	    path, &what);
	free(data);
	if (rc > 0)
		return cp__ofd_unsupported(dw, NULL, "image %s, which %s", path,
		    what);
	return rc;
}
