/*
 * mkpngsuite.c - writes a PNG of the kind a PngSuite name says, with
 * libpng, for the end-to-end tests (tests/e2e/raster.sh compiles it).
 *
 *   mkpngsuite FILE NAME [WIDTH HEIGHT]
 *
 * NAME is read as PngSuite names its files: "basn2c08", "tbrn2c08",
 * "tm3n3p02", "s01n3p01": a leading t means a tRNS chunk, s NN a size of
 * NN x NN (otherwise 32 x 32, or WIDTH x HEIGHT), the fourth letter n or
 * i (interlaced), the fifth the colour type (0 grey, 2 RGB, 3 palette, 4
 * grey and alpha, 6 RGBA) and the last two the bit depth.  "photo" makes
 * an 8-bit RGB picture of smooth colours with fine grain, as a scan or a
 * screenshot of a photo is: Flate keeps it large, JPEG makes it small.
 *
 * The pixels are noise (every sample value appears), except the outer
 * ring, which is opaque black: tests find the picture on a rendered
 * page by it.  Where a kind has tRNS, every third pixel inside the ring
 * has the transparent colour (a palette has transparent, half and
 * opaque entries).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

static unsigned
noise(unsigned x, unsigned y, unsigned c)
{
	uint32_t v = x * 2654435761u ^ (y + 7) * 40503u ^ (c + 1) * 97u;

	v ^= v >> 13;
	v *= 0x5bd1e995u;
	v ^= v >> 15;
	return v;
}

static void
put_sample(unsigned char *row, unsigned i, unsigned v, int depth)
{
	unsigned per, shift;

	if (depth == 16) {
		row[2 * i] = (unsigned char)(v >> 8);
		row[2 * i + 1] = (unsigned char)v;
	} else if (depth == 8) {
		row[i] = (unsigned char)v;
	} else {
		per = 8u / (unsigned)depth;
		shift = 8u - (unsigned)depth * (i % per + 1);
		row[i / per] |= (unsigned char)(v << shift);
	}
}

int
main(int argc, char **argv)
{
	const char *name;
	int ctype, depth, photo;
	unsigned w = 32, h = 32, x, y, c, ch, max, i, v;
	int interlace, trns;
	png_structp png;
	png_infop info;
	png_color pal[256];
	png_byte alpha[256];
	png_color_16 tc;
	png_bytep *rows;
	size_t row_bytes;
	FILE *f;

	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: mkpngsuite FILE NAME [WIDTH HEIGHT]\n");
		return 2;
	}
	name = argv[2];
	photo = strcmp(name, "photo") == 0;
	if (photo) {
		ctype = 2;
		depth = 8;
		interlace = trns = 0;
	} else {
		if (strlen(name) != 8) {
			fprintf(stderr, "mkpngsuite: %s: not a PngSuite name\n",
			    name);
			return 2;
		}
		trns = name[0] == 't';
		interlace = name[3] == 'i';
		ctype = name[4] - '0';
		depth = atoi(name + 6);
		if (name[0] == 's')
			w = h = (unsigned)atoi(name + 1);
	}
	if (argc == 5) {
		w = (unsigned)atoi(argv[3]);
		h = (unsigned)atoi(argv[4]);
	}
	ch = ctype == 0 || ctype == 3 ? 1 : ctype == 2 ? 3 : ctype == 4 ? 2 :
	    4;
	max = (1u << depth) - 1;
	if ((f = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (png == NULL || info == NULL || setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "mkpngsuite: libpng could not write %s\n", name);
		return 2;
	}
	/* The transparent colour: mid-grey, or a dull red. */
	memset(&tc, 0, sizeof(tc));
	tc.gray = (png_uint_16)(depth == 1 ? 1 : (max + 1) / 2);
	tc.red = (png_uint_16)(max * 3 / 4);
	tc.green = (png_uint_16)(max / 5);
	tc.blue = (png_uint_16)(max / 3);
	row_bytes = ((size_t)w * ch * (unsigned)depth + 7) / 8;
	rows = calloc(h, sizeof(*rows));
	for (y = 0; rows != NULL && y < h; y++) {
		if ((rows[y] = calloc(1, row_bytes)) == NULL)
			return 2;
		for (x = 0; x < w; x++) {
			int ring = x == 0 || y == 0 || x == w - 1 || y == h - 1;
			int clear = trns && ctype != 3 && !ring &&
			    (x + y) % 3 == 0;

			for (c = 0; c < ch; c++) {
				if (photo)
					v = (x * 255 / w + (c == 1 ? y * 255 /
					    h : 0) + noise(x, y, c) % 9) % 256;
				else
					v = noise(x, y, c) & max;
				/* Palette entry 0 is opaque black. */
				if (ctype == 3 && !ring && v == 0)
					v = 1;
				if (clear)
					v = ctype == 0 ? tc.gray : c == 0 ?
					    tc.red : c == 1 ? tc.green : tc.blue;
				if (ring)
					v = (ctype == 4 && c == 1) ||
					    (ctype == 6 && c == 3) ? max : 0;
				put_sample(rows[y], x * ch + c, v, depth);
			}
		}
	}
	if (rows == NULL)
		return 2;
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, depth, ctype, interlace ?
	    PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (ctype == 3) {
		for (i = 0; i < 256; i++) {
			pal[i].red = (png_byte)noise(i, 1, 0);
			pal[i].green = (png_byte)noise(i, 2, 1);
			pal[i].blue = (png_byte)noise(i, 3, 2);
			alpha[i] = (png_byte)(i == 0 ? 255 : i % 3 == 1 ? 0 :
			    i % 3 == 2 ? 128 : 255);
		}
		pal[0].red = pal[0].green = pal[0].blue = 0;
		png_set_PLTE(png, info, pal, 1 << depth);
		if (trns)
			png_set_tRNS(png, info, alpha, 1 << depth, NULL);
	} else if (trns) {
		png_set_tRNS(png, info, NULL, 0, &tc);
	}
	png_set_rows(png, info, rows);
	png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_destroy_write_struct(&png, &info);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 2;
	}
	for (y = 0; y < h; y++)
		free(rows[y]);
	free(rows);
	return 0;
}
