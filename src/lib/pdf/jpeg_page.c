/* jpeg_page.c - a one-page PDF around a JPEG, streamed from file to file.
 *
 * libharu would read the whole photo into memory and copy it twice; a
 * page that only shows a JPEG is six small objects around its bytes,
 * seven with its colour profile.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "input/raster.h"
#include "pdf/jpeg_page.h"
#include "pdf/objects_int.h"
#include "util/error.h"

/* The objects of the page, by number; the profile's is the last. */
#define MAX_OBJECTS 6

/*
 * The JPEG's ICC profile, Flate-compressed, when it has one that fits its
 * colours (*z NULL when not: the page then uses the device colours).
 */
static int
read_profile(unsigned char **z, uLongf *z_len, const char *jpeg_path,
    const cp__image_info *info, const char *name, cp_error *err)
{
	unsigned char *icc = NULL;
	char why[300];
	int rc = CP_OK;

	*z = NULL;
	*z_len = 0;
	if (info->icc_len == 0)
		return CP_OK;
	if (cp__image_jpeg_icc(&icc, jpeg_path, info, why, sizeof(why)) != 0)
		return cp__error_set(err, strcmp(why, "out of memory") == 0 ?
		    CP_ENOMEM : CP_EIO, name, 0, 0, "%s", why);
	/* A profile of other colours than the JPEG's would be wrong. */
	if (!cp__raster_icc_fits(icc, info->icc_len, info->components))
		goto done;
	*z_len = compressBound((uLong)info->icc_len);
	if ((*z = malloc(*z_len)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (compress2(*z, z_len, icc, (uLong)info->icc_len, 9) != Z_OK) {
		free(*z);
		*z = NULL;
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
	}
done:
	free(icc);
	return rc;
}

int
cp__jpeg_page_write(const char *jpeg_path, const cp__image_info *info,
    double page_w, double page_h, const cp__matrix *cm,
    const char *out_path, const char *name, cp_error *err)
{
	unsigned char *buf = NULL, *profile = NULL;
	char content[256], w[32], h[32], space[32];
	const char *device;
	long offsets[MAX_OBJECTS], xref, length;
	uLongf profile_len = 0;
	size_t got;
	long copied = 0;
	FILE *in = NULL, *out = NULL;
	int rc = CP_EIO, i, count;

	if ((buf = malloc(65536)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((in = fopen(jpeg_path, "rb")) == NULL ||
	    fseek(in, 0, SEEK_END) != 0 || (length = ftell(in)) <= 0 ||
	    fseek(in, 0, SEEK_SET) != 0) {
		cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: %s",
		    strerror(errno));
		goto done;
	}
	if ((rc = read_profile(&profile, &profile_len, jpeg_path, info, name,
	    err)) != CP_OK)
		goto done;
	rc = CP_EIO;
	if ((out = fopen(out_path, "wb")) == NULL) {
		cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
		goto done;
	}
	cp__pdf_format_number(w, sizeof(w), page_w);
	cp__pdf_format_number(h, sizeof(h), page_h);
	cp__pdf_image_content(content, sizeof(content), cm);
	device = info->components == 1 ? "/DeviceGray" :
	    info->components == 4 ? "/DeviceCMYK" : "/DeviceRGB";
	count = profile != NULL ? 6 : 5;
	if (profile != NULL)
		snprintf(space, sizeof(space), "[/ICCBased 6 0 R]");
	else
		snprintf(space, sizeof(space), "%s", device);

	fputs("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", out);
	offsets[0] = ftell(out);
	fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", out);
	offsets[1] = ftell(out);
	fputs("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
	    out);
	offsets[2] = ftell(out);
	fprintf(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s "
	    "%s] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R "
	    ">>\nendobj\n", w, h);
	offsets[3] = ftell(out);
	fprintf(out, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\n"
	    "endobj\n", strlen(content), content);
	offsets[4] = ftell(out);
	/* The ink of an Adobe CMYK JPEG is stored inverted: /Decode reads
	 * it back, before any colour profile applies. */
	fprintf(out, "5 0 obj\n<< /Type /XObject /Subtype /Image /Width %u "
	    "/Height %u /ColorSpace %s /BitsPerComponent 8%s /Filter "
	    "/DCTDecode /Length %ld >>\nstream\n", info->width, info->height,
	    space, info->components == 4 && info->adobe ?
	    " /Decode [1 0 1 0 1 0 1 0]" : "", length);
	while ((got = fread(buf, 1, 65536, in)) > 0) {
		if (fwrite(buf, 1, got, out) != got)
			break;
		copied += (long)got;
	}
	if (ferror(in) || copied != length) {
		cp__error_set(err, CP_EIO, name, 0, 0, "%s%s", ferror(in) ?
		    "cannot be read: " : "changed while it was being read",
		    ferror(in) ? strerror(errno) : "");
		goto done;
	}
	fputs("\nendstream\nendobj\n", out);
	if (profile != NULL) {
		offsets[5] = ftell(out);
		fprintf(out, "6 0 obj\n<< /N %d /Alternate %s /Filter "
		    "/FlateDecode /Length %lu >>\nstream\n", info->components,
		    device, (unsigned long)profile_len);
		fwrite(profile, 1, profile_len, out);
		fputs("\nendstream\nendobj\n", out);
	}
	xref = ftell(out);
	fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count + 1);
	for (i = 0; i < count; i++)
		fprintf(out, "%010ld 00000 n \n", offsets[i]);
	fprintf(out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", count + 1, xref);
	if (ferror(out)) {
		cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
		goto done;
	}
	rc = CP_OK;
done:
	if (out != NULL && fclose(out) != 0 && rc == CP_OK)
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
	if (in != NULL)
		fclose(in);
	free(profile);
	free(buf);
	return rc;
}
