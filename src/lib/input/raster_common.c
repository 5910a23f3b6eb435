/* raster_common.c - what every raster decoder (raster_*.c) and every
 * reader of rasters shares: the size of a row, the size limits, the
 * colour profile test. */
#include <stdint.h>
#include <string.h>

#include "input/raster_int.h"
#include "util/error.h"

size_t
cp__raster_row_bytes(const cp__raster_info *info)
{
	if (info->bits == 1)
		return ((size_t)info->width + 7) / 8;
	return (size_t)info->width *
	    (size_t)(info->components + (info->alpha ? 1 : 0));
}

int
cp__raster_check_size(unsigned width, unsigned height, const char *what,
    const char *name, cp_error *err)
{
	if (width == 0 || height == 0)
		return cp__error_set(err, CP_EIO, name, 0, 0, "%s is damaged "
		    "(it is %u x %u pixels)", what, width, height);
	if (width > CP__IMAGE_MAX_SIDE || height > CP__IMAGE_MAX_SIDE ||
	    (uint64_t)width * height > CP__IMAGE_MAX_PIXELS)
		return cp__error_set(err, CP_EIO, name, 0, 0, "%s is %u x %u "
		    "pixels; the largest image claimpack takes is %u x %u and "
		    "%u megapixels", what, width, height, CP__IMAGE_MAX_SIDE,
		    CP__IMAGE_MAX_SIDE, CP__IMAGE_MAX_PIXELS / 1000000u);
	return CP_OK;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

bool
cp__raster_icc_fits(const unsigned char *icc, size_t len, int components)
{
	const char *space;

	if (icc == NULL || len < 132 || len > CP__RASTER_MAX_ICC ||
	    be32(icc) != len || memcmp(icc + 36, "acsp", 4) != 0)
		return false;
	space = components == 1 ? "GRAY" : components == 3 ? "RGB " :
	    components == 4 ? "CMYK" : NULL;
	return space != NULL && memcmp(icc + 16, space, 4) == 0;
}

bool
cp__raster_rgba_opaque(const unsigned char *pixels, size_t stride,
    unsigned width, unsigned height)
{
	const unsigned char *row;
	unsigned x, y;

	for (y = 0; y < height; y++) {
		row = pixels + (size_t)y * stride;
		for (x = 0; x < width; x++)
			if (row[(size_t)x * 4 + 3] != 255)
				return false;
	}
	return true;
}

void
cp__raster_copy_rows(const cp__raster *r, unsigned char *rows, unsigned n,
    const unsigned char *pixels, size_t stride, bool rgba)
{
	size_t row_bytes = (size_t)r->info.width * (r->info.alpha ? 4 : 3);
	const unsigned char *src;
	unsigned i, x;

	for (i = 0; i < n; i++, rows += row_bytes) {
		src = pixels + (size_t)(r->next + i) * stride;
		if (!rgba || r->info.alpha) {
			memcpy(rows, src, row_bytes);
			continue;
		}
		/* Opaque RGBA handed out as RGB. */
		for (x = 0; x < r->info.width; x++) {
			rows[(size_t)x * 3] = src[(size_t)x * 4];
			rows[(size_t)x * 3 + 1] = src[(size_t)x * 4 + 1];
			rows[(size_t)x * 3 + 2] = src[(size_t)x * 4 + 2];
		}
	}
}
