/*
 * mkheic.c - writes a HEIC as an iPhone does, its picture stored turned
 * and an irot/imir box saying how to show it, for the end-to-end tests
 * (tests/e2e/formats.sh compiles it; ImageMagick 6 writes no rotation
 * boxes).  Uses libheif's encoder (x265), no claimpack code.
 *
 *   mkheic IN.ppm OUT.heic ORIENTATION
 *
 * IN is a binary 8-bit PPM (P6), the pixels as stored; ORIENTATION 1..8
 * as EXIF numbers it, written as libheif writes it (irot and imir).  The
 * picture is coded lossless and 4:4:4, so that the pixels a decoder
 * shows are exactly IN's, turned.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libheif/heif.h>

static int
ok(struct heif_error e, const char *what)
{
	if (e.code != heif_error_Ok) {
		fprintf(stderr, "mkheic: %s: %s\n", what, e.message);
		return 0;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	struct heif_encoding_options *opts;
	struct heif_image_handle *handle;
	struct heif_encoder *enc;
	struct heif_context *ctx;
	struct heif_image *img;
	unsigned w, h, y;
	unsigned char *plane;
	int maxval, stride, orientation;
	char magic[3];
	FILE *f;

	if (argc != 4 || (orientation = atoi(argv[3])) < 1 || orientation > 8) {
		fprintf(stderr, "usage: mkheic IN.ppm OUT.heic ORIENTATION\n");
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL || fscanf(f, "%2s %u %u %d",
	    magic, &w, &h, &maxval) != 4 || magic[0] != 'P' ||
	    magic[1] != '6' || maxval != 255 || w == 0 || h == 0 ||
	    w > 10000 || h > 10000 || fgetc(f) == EOF) {
		fprintf(stderr, "mkheic: %s: not an 8-bit binary PPM\n",
		    argv[1]);
		return 2;
	}
	ctx = heif_context_alloc();
	opts = heif_encoding_options_alloc();
	if (ctx == NULL || opts == NULL ||
	    !ok(heif_context_get_encoder_for_format(ctx,
	    heif_compression_HEVC, &enc), "no HEVC encoder") ||
	    !ok(heif_encoder_set_lossless(enc, 1), "lossless") ||
	    !ok(heif_encoder_set_parameter(enc, "chroma", "444"), "chroma") ||
	    !ok(heif_image_create((int)w, (int)h, heif_colorspace_RGB,
	    heif_chroma_interleaved_RGB, &img), "create") ||
	    !ok(heif_image_add_plane(img, heif_channel_interleaved, (int)w,
	    (int)h, 8), "plane"))
		return 1;
	plane = heif_image_get_plane(img, heif_channel_interleaved, &stride);
	for (y = 0; y < h; y++)
		if (fread(plane + (size_t)y * (size_t)stride, 3, w, f) != w) {
			fprintf(stderr, "mkheic: %s: cut short\n", argv[1]);
			return 2;
		}
	fclose(f);
	opts->macOS_compatibility_workaround = 0;       /* one item, no grid */
	opts->image_orientation = (enum heif_orientation)orientation;
	if (!ok(heif_context_encode_image(ctx, img, enc, opts, &handle),
	    "encode") || !ok(heif_context_write_to_file(ctx, argv[2]),
	    "write"))
		return 1;
	heif_image_handle_release(handle);
	heif_encoding_options_free(opts);
	heif_image_release(img);
	heif_encoder_release(enc);
	heif_context_free(ctx);
	return 0;
}
