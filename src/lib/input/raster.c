/* raster.c - opening an image file's page with the decoder of its format,
 * and keeping count of the rows it hands out.  What the decoders
 * themselves call is in raster_common.c, so that they do not call back
 * into the file that calls them. */
#include <stdlib.h>
#include <string.h>

#include "input/raster_int.h"
#include "util/error.h"

static const struct {
	cp__format format;
	const cp__raster_ops *ops;
} decoders[] = {
	{ CP__FORMAT_PNG, &cp__raster_png_ops },
	{ CP__FORMAT_HEIC, &cp__raster_heic_ops },
	{ CP__FORMAT_WEBP, &cp__raster_webp_ops },
	{ CP__FORMAT_TIFF, &cp__raster_tiff_ops },
};

static const cp__raster_ops *
decoder_of(cp__format format)
{
	size_t i;

	for (i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (decoders[i].format == format)
			return decoders[i].ops;
	return NULL;
}

bool
cp__raster_format(cp__format format)
{
	return decoder_of(format) != NULL;
}

int
cp__raster_count(const char *path, cp__format format, size_t *pages,
    const char *name, cp_error *err)
{
	const cp__raster_ops *ops = decoder_of(format);

	*pages = 0;
	if (ops == NULL)
		return cp__error_set(err, CP_EIO, name, 0, 0, "is %s, not an "
		    "image claimpack decodes", cp__format_name(format));
	return ops->count(path, pages, name, err);
}

int
cp__raster_open(cp__raster **out, const char *path, cp__format format,
    size_t page, const char *name, cp_error *err)
{
	const cp__raster_ops *ops = decoder_of(format);
	cp__raster *r;
	int rc;

	*out = NULL;
	if (ops == NULL)
		return cp__error_set(err, CP_EIO, name, 0, 0, "is %s, not an "
		    "image claimpack decodes", cp__format_name(format));
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	r->ops = ops;
	r->name = name;
	r->info.orientation = 1;
	if ((rc = ops->open(r, path, page, err)) != CP_OK) {
		cp__raster_close(r);
		return rc;
	}
	*out = r;
	return CP_OK;
}

const cp__raster_info *
cp__raster_get_info(const cp__raster *r)
{
	return &r->info;
}

int
cp__raster_read(cp__raster *r, unsigned char *rows, unsigned n,
    cp_error *err)
{
	int rc;

	if (r->failed)
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "could not "
		    "be decoded");
	if (n > r->info.height - r->next) {
		r->failed = true;
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "has %u rows "
		    "of pixels, and row %u was asked for", r->info.height,
		    r->next + n);
	}
	if (n == 0)
		return CP_OK;
	if ((rc = r->ops->read(r, rows, n, err)) != CP_OK) {
		r->failed = true;
		return rc;
	}
	r->next += n;
	return CP_OK;
}

int
cp__raster_taken(const char *path, cp__format format,
    char taken[CP__EXIF_DATE_SIZE], const char *name, cp_error *err)
{
	const cp__raster_ops *ops = decoder_of(format);
	cp__raster *r;
	int rc;

	taken[0] = '\0';
	if (ops != NULL && ops->taken != NULL)
		return ops->taken(path, taken, name, err);
	if ((rc = cp__raster_open(&r, path, format, 0, name, err)) != CP_OK)
		return rc;
	memcpy(taken, r->info.taken, CP__EXIF_DATE_SIZE);
	cp__raster_close(r);
	return CP_OK;
}

void
cp__raster_close(cp__raster *r)
{
	if (r == NULL)
		return;
	if (r->ops != NULL && r->ops->close != NULL)
		r->ops->close(r);
	free(r);
}

/* Rows decoded at a time while verifying. */
#define VERIFY_ROWS 64u

int
cp__raster_verify(const char *path, cp__format format, const char *name,
    cp_error *err)
{
	unsigned char *rows = NULL;
	cp__raster *r = NULL;
	size_t pages, p, row_bytes;
	unsigned n;
	int rc;

	if ((rc = cp__raster_count(path, format, &pages, name, err)) != CP_OK)
		return rc;
	for (p = 0; p < pages && rc == CP_OK; p++) {
		if ((rc = cp__raster_open(&r, path, format, p, name, err)) !=
		    CP_OK)
			break;
		row_bytes = cp__raster_row_bytes(&r->info);
		if ((rows = malloc(row_bytes * VERIFY_ROWS)) == NULL)
			rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		while (rc == CP_OK && r->next < r->info.height) {
			n = r->info.height - r->next;
			if (n > VERIFY_ROWS)
				n = VERIFY_ROWS;
			rc = cp__raster_read(r, rows, n, err);
		}
		free(rows);
		rows = NULL;
		cp__raster_close(r);
		r = NULL;
	}
	return rc;
}

void
cp__raster_image_info(const cp__raster_info *info, cp__format format,
    cp__image_info *out)
{
	memset(out, 0, sizeof(*out));
	out->format = format;
	out->width = info->width;
	out->height = info->height;
	out->components = info->components;
	out->bits = info->bits;
	out->has_alpha = info->alpha;
	out->orientation = info->orientation >= 1 &&
	    info->orientation <= 8 ? info->orientation : 1;
	out->dpi_x = info->dpi_x;
	out->dpi_y = info->dpi_y;
}
