/* qr_scan.c - finding QR codes in a grey picture (libzbar). */
#include "read/qr_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

int
cp__qr_scan_gray(const unsigned char *gray, int width, int height,
    size_t stride, cp__qr_found_fn fn, void *ctx)
{
	zbar_image_scanner_t *scanner = NULL;
	zbar_image_t *image = NULL;
	const zbar_symbol_t *sym;
	unsigned char *copy = NULL;
	const unsigned char *data = gray;
	int found = 0, n, y;

	if (width <= 0 || height <= 0)
		return 0;
	if (stride == 0)
		stride = (size_t)width;
	if (stride != (size_t)width) {
		/* zbar wants rows next to each other */
		if ((copy = malloc((size_t)width * (size_t)height)) == NULL)
			return -1;
		for (y = 0; y < height; y++)
			memcpy(copy + (size_t)y * (size_t)width,
			    gray + (size_t)y * stride, (size_t)width);
		data = copy;
	}
	if ((scanner = zbar_image_scanner_create()) == NULL ||
	    (image = zbar_image_create()) == NULL) {
		found = -1;
		goto out;
	}
	zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	/*
	 * Every second row and column: zbar's line scan is most of the cost
	 * of reading a claim, and a finder pattern (seven modules of at
	 * least two pixels) still meets seven scan lines each way.
	 */
	zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 2);
	zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, 2);
	zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(image, (unsigned)width, (unsigned)height);
	zbar_image_set_data(image, data, (unsigned long)width *
	    (unsigned long)height, NULL);
	n = zbar_scan_image(scanner, image);
	if (n < 0) {
		found = -1;
		goto out;
	}
	for (sym = zbar_image_first_symbol(image); sym != NULL;
	    sym = zbar_symbol_next(sym)) {
		if (zbar_symbol_get_type(sym) != ZBAR_QRCODE)
			continue;
		if (fn(ctx, zbar_symbol_get_data(sym),
		    zbar_symbol_get_data_length(sym)) < 0) {
			found = -1;
			goto out;
		}
		found++;
	}
out:
	if (image != NULL)
		zbar_image_destroy(image);
	if (scanner != NULL)
		zbar_image_scanner_destroy(scanner);
	free(copy);
	return found;
}

unsigned char *
cp__qr_gray_from(const unsigned char *pixels, int width, int height,
    size_t stride, int channels, int shrink, int *out_w, int *out_h)
{
	unsigned char *out;
	int ow, oh, x, y, dx, dy;

	if (width <= 0 || height <= 0 || channels < 1 || channels > 4 ||
	    shrink < 1)
		return NULL;
	ow = (width + shrink - 1) / shrink;
	oh = (height + shrink - 1) / shrink;
	if ((out = malloc((size_t)ow * (size_t)oh)) == NULL)
		return NULL;
	for (y = 0; y < oh; y++) {
		for (x = 0; x < ow; x++) {
			uint32_t sum = 0, count = 0;

			for (dy = 0; dy < shrink && y * shrink + dy < height; dy++) {
				const unsigned char *row = pixels +
				    (size_t)(y * shrink + dy) * stride;

				for (dx = 0; dx < shrink &&
				    x * shrink + dx < width; dx++) {
					const unsigned char *p = row +
					    (size_t)(x * shrink + dx) *
					    (size_t)channels;
					uint32_t v, a = 255;

					if (channels >= 3)
						v = (299u * p[0] + 587u * p[1] +
						    114u * p[2]) / 1000u;
					else
						v = p[0];
					if (channels == 2)
						a = p[1];
					else if (channels == 4)
						a = p[3];
					/* over white */
					v = (v * a + 255u * (255u - a)) / 255u;
					sum += v;
					count++;
				}
			}
			out[(size_t)y * (size_t)ow + (size_t)x] =
			    (unsigned char)(sum / count);
		}
	}
	*out_w = ow;
	*out_h = oh;
	return out;
}
