/* png_fixtures.h - PNGs of every kind PngSuite has, written with libpng
 * by the tests that decode them (test_raster_png.c) and draw them
 * (test_raster_pdf.c).  Include after <cmocka.h> and support.h. */
#ifndef CP_TEST_PNG_FIXTURES_H
#define CP_TEST_PNG_FIXTURES_H

#include <stdbool.h>
#include <stdint.h>

#include <png.h>

/* ---- making PNGs ------------------------------------------------------ */

/* One kind of PNG, named as PngSuite names its files. */
typedef struct {
	const char *name;       /* "tbrn2c08" */
	int ctype;              /* PNG colour type: 0, 2, 3, 4, 6 */
	int depth;              /* 1, 2, 4, 8, 16 */
	bool interlace;
	bool trns;              /* a tRNS chunk (types 0, 2, 3) */
	unsigned w, h;
} png_kind;

/* A sample that every (x, y, channel) gets, spread over all values. */
static TS_UNUSED unsigned
sample(unsigned x, unsigned y, unsigned c, int depth)
{
	uint32_t v = x * 2654435761u ^ (y + 7) * 40503u ^ (c + 1) * 97u;

	v ^= v >> 13;
	v *= 0x5bd1e995u;
	v ^= v >> 15;
	return v & ((1u << depth) - 1);
}

static TS_UNUSED void
put_sample(unsigned char *row, unsigned i, unsigned v, int depth)
{
	if (depth == 16) {
		row[2 * i] = (unsigned char)(v >> 8);
		row[2 * i + 1] = (unsigned char)v;
	} else if (depth == 8) {
		row[i] = (unsigned char)v;
	} else {
		/* Packed, most significant bits first. */
		unsigned per = 8u / (unsigned)depth, shift;

		shift = 8u - (unsigned)depth * (i % per + 1);
		row[i / per] |= (unsigned char)(v << shift);
	}
}

static TS_UNUSED int
channels_of(int ctype)
{
	return ctype == 0 || ctype == 3 ? 1 : ctype == 2 ? 3 : ctype == 4 ?
	    2 : 4;
}

static TS_UNUSED void
on_write_error(png_structp png, png_const_charp msg)
{
	fprintf(stderr, "libpng (writing a fixture): %s\n", msg);
	png_longjmp(png, 1);
}

/* The transparent colour of a kind with tRNS: that of pixel (0, 0), and
 * of every third pixel (see pixel_value). */
static TS_UNUSED unsigned
trns_sample(unsigned c, int depth)
{
	return sample(0, 0, c, depth);
}

/* Sample `c` of pixel (x, y) of a kind: every third pixel of a tRNS
 * kind has the transparent colour. */
static TS_UNUSED unsigned
pixel_value(const png_kind *k, unsigned x, unsigned y, unsigned c)
{
	if (k->trns && k->ctype != 3 && (x + y) % 3 == 0)
		return trns_sample(c, k->depth);
	return sample(x, y, c, k->depth);
}

/* Writes a PNG of kind `k` at `path` with libpng, with an ICC profile
 * when `icc` is not NULL and a pHYs of `ppm` pixels per metre when not
 * 0. */
static TS_UNUSED void
write_png(const char *path, const png_kind *k, const unsigned char *icc,
    size_t icc_len, unsigned ppm)
{
	png_structp png;
	png_infop info;
	png_color pal[256];
	png_byte alpha[256];
	png_color_16 tc;
	png_bytep *rows;
	size_t row_bytes;
	unsigned x, y, c, ch = (unsigned)channels_of(k->ctype), i;
	FILE *f;

	f = fopen(path, "wb");
	assert_non_null(f);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    on_write_error, NULL);
	assert_non_null(png);
	info = png_create_info_struct(png);
	assert_non_null(info);
	row_bytes = ((size_t)k->w * ch * (unsigned)k->depth + 7) / 8;
	rows = calloc(k->h, sizeof(*rows));
	assert_non_null(rows);
	for (y = 0; y < k->h; y++) {
		rows[y] = calloc(1, row_bytes);
		assert_non_null(rows[y]);
		for (x = 0; x < k->w; x++)
			for (c = 0; c < ch; c++)
				put_sample(rows[y], x * ch + c,
				    pixel_value(k, x, y, c), k->depth);
	}
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng could not write %s", k->name);
	png_init_io(png, f);
	png_set_IHDR(png, info, k->w, k->h, k->depth, k->ctype,
	    k->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (k->ctype == 3) {
		for (i = 0; i < 256; i++) {
			pal[i].red = (png_byte)sample(i, 1, 0, 8);
			pal[i].green = (png_byte)sample(i, 2, 1, 8);
			pal[i].blue = (png_byte)sample(i, 3, 2, 8);
			/* Transparent, half and opaque entries. */
			alpha[i] = (png_byte)(i % 3 == 0 ? 0 : i % 3 == 1 ?
			    128 : 255);
		}
		png_set_PLTE(png, info, pal, 1 << k->depth);
		/* A tRNS shorter than the palette: the rest are opaque. */
		if (k->trns)
			png_set_tRNS(png, info, alpha, k->depth == 1 ? 1 :
			    (1 << k->depth) - 1, NULL);
	} else if (k->trns) {
		memset(&tc, 0, sizeof(tc));
		tc.gray = (png_uint_16)trns_sample(0, k->depth);
		tc.red = (png_uint_16)trns_sample(0, k->depth);
		tc.green = (png_uint_16)trns_sample(1, k->depth);
		tc.blue = (png_uint_16)trns_sample(2, k->depth);
		png_set_tRNS(png, info, NULL, 0, &tc);
	}
	if (icc != NULL)
		png_set_iCCP(png, info, "test", 0, icc, (png_uint_32)icc_len);
	if (ppm != 0)
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_set_rows(png, info, rows);
	png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_destroy_write_struct(&png, &info);
	fclose(f);
	for (y = 0; y < k->h; y++)
		free(rows[y]);
	free(rows);
}

/* A small ICC profile (ICC_LEN bytes) for `space` ("RGB ", "GRAY"):
 * whole, with the 'acsp' signature, a D50 illuminant and two tags, a
 * media white point and a private one of noise (libpng 1.6 drops an
 * iCCP chunk under 92 bytes as "too short"). */
#define ICC_LEN 304
static TS_UNUSED void
make_icc(unsigned char *icc, const char *space)
{
	static const unsigned char d50[12] = { 0, 0, 0xf6, 0xd6, 0, 1, 0, 0,
	    0, 0, 0xd3, 0x2d };
	unsigned i;

	memset(icc, 0, ICC_LEN);
	icc[2] = ICC_LEN >> 8;          /* size */
	icc[3] = ICC_LEN & 0xff;
	icc[8] = 2;                     /* version 2.1 */
	icc[9] = 0x10;
	memcpy(icc + 12, "mntr", 4);
	memcpy(icc + 16, space, 4);
	memcpy(icc + 20, "XYZ ", 4);
	memcpy(icc + 36, "acsp", 4);
	memcpy(icc + 68, d50, 12);
	icc[131] = 2;                   /* tags: wtpt at 156, zzzz at 176 */
	memcpy(icc + 132, "wtpt", 4);
	icc[139] = 156;
	icc[143] = 20;
	memcpy(icc + 144, "zzzz", 4);
	icc[151] = 176;
	icc[155] = 128;
	memcpy(icc + 156, "XYZ ", 4);
	memcpy(icc + 164, d50, 12);
	for (i = 176; i < ICC_LEN; i++)
		icc[i] = (unsigned char)sample(i, 5, 0, 8);
}

#endif
