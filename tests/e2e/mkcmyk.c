/*
 * mkcmyk.c - writes a CMYK JPEG with libjpeg, for the tests.
 *
 *   mkcmyk FILE WIDTH HEIGHT adobe|plain
 *
 * The picture: the left half red (C 0, M 100%, Y 100%, K 0), the right
 * half white (no ink).  The two variants store it the two ways CMYK
 * JPEGs are found in the wild:
 *   adobe  with an Adobe APP14 marker (transform 0: no YCCK), the ink
 *          stored inverted (255 - ink) as Photoshop writes it and as
 *          every reader that sees the marker expects;
 *   plain  without an Adobe marker, the ink stored as it is (0 none,
 *          255 full).
 * A renderer that reads either the wrong way shows a negative: cyan on
 * black instead of red on white.  tests/e2e/images.sh compiles this on
 * the fly (make_cmyk_jpeg) and links it with -ljpeg.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

int
main(int argc, char **argv)
{
	static const unsigned char red[4] = { 0, 255, 255, 0 };
	static const unsigned char white[4] = { 0, 0, 0, 0 };
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr jerr;
	const unsigned char *ink;
	unsigned char *row;
	JSAMPROW rows[1];
	long w, h, x, y;
	int adobe, c;
	FILE *f;

	if (argc != 5 || (w = atol(argv[2])) < 1 || (h = atol(argv[3])) < 1 ||
	    w > 4000 || h > 4000 || (strcmp(argv[4], "adobe") != 0 &&
	    strcmp(argv[4], "plain") != 0)) {
		fprintf(stderr, "usage: mkcmyk FILE WIDTH HEIGHT (1..4000) "
		    "adobe|plain\n");
		return 2;
	}
	adobe = strcmp(argv[4], "adobe") == 0;
	if ((row = malloc((size_t)w * 4)) == NULL)
		return 1;
	for (x = 0; x < w; x++) {
		ink = x < w / 2 ? red : white;
		for (c = 0; c < 4; c++)
			row[x * 4 + c] = (unsigned char)(adobe ? 255 - ink[c] :
			    ink[c]);
	}
	if ((f = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	/* libjpeg's default error handler prints and exits. */
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_stdio_dest(&cinfo, f);
	cinfo.image_width = (JDIMENSION)w;
	cinfo.image_height = (JDIMENSION)h;
	cinfo.input_components = 4;
	cinfo.in_color_space = JCS_CMYK;
	jpeg_set_defaults(&cinfo);
	/* CMYK in, CMYK stored (not YCCK); jpeg_set_defaults() asks for an
	 * Adobe marker for CMYK, which the plain variant must not have.
	 * libjpeg writes the samples as given: the inversion is ours. */
	jpeg_set_colorspace(&cinfo, JCS_CMYK);
	cinfo.write_Adobe_marker = adobe ? TRUE : FALSE;
	cinfo.write_JFIF_header = FALSE;
	jpeg_set_quality(&cinfo, 95, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	rows[0] = row;
	for (y = 0; y < h; y++)
		jpeg_write_scanlines(&cinfo, rows, 1);
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	free(row);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
