/* test_raster_webp.c - WebP images decoded through libwebp, compared
 * with ImageMagick's decoding of the same files. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input/raster.h"
#include "support.h"
#include "raster_compare.h"

#define W 61
#define H 47

/* ---- WebP files put together here ------------------------------------- */

static void
le24(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
}

static void
le32(unsigned char *p, uint32_t v)
{
	le24(p, v);
	p[3] = (unsigned char)(v >> 24);
}

/* Appends a RIFF chunk (padded to an even size) at b + *n. */
static void
chunk(unsigned char *b, size_t *n, const char *tag, const void *data,
    size_t len)
{
	memcpy(b + *n, tag, 4);
	le32(b + *n + 4, (uint32_t)len);
	memcpy(b + *n + 8, data, len);
	*n += 8 + len;
	if (len % 2 != 0)
		b[(*n)++] = 0;
}

/*
 * Writes `to`: the still image of the simple WebP `from` (a RIFF with
 * one VP8 or VP8L chunk, as ImageMagick writes one) in the extended
 * format, with a VP8X header claiming a canvas of cw x ch and the
 * ICCP and EXIF chunks given (NULL for none).
 */
static void
extend(ts_fixture *fx, const char *from, const char *to, uint32_t cw,
    uint32_t ch, const void *icc, size_t icc_len, const void *exif,
    size_t exif_len)
{
	unsigned char *src, *b, vp8x[10] = { 0 };
	size_t len, n = 12, img_len;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, from);
	src = rc_slurp(path, &len);
	assert_true(len >= 20 && memcmp(src, "RIFF", 4) == 0 &&
	    memcmp(src + 8, "WEBP", 4) == 0);
	assert_true(memcmp(src + 12, "VP8 ", 4) == 0 ||
	    memcmp(src + 12, "VP8L", 4) == 0);
	img_len = (size_t)src[16] | (size_t)src[17] << 8 |
	    (size_t)src[18] << 16 | (size_t)src[19] << 24;
	assert_true(20 + img_len <= len);
	b = calloc(1, len + icc_len + exif_len + 64);
	assert_non_null(b);
	memcpy(b, "RIFF\0\0\0\0WEBP", 12);
	vp8x[0] = (unsigned char)((icc != NULL ? 0x20 : 0) |
	    (exif != NULL ? 0x08 : 0) |
	    (memcmp(src + 12, "VP8L", 4) == 0 ? 0x10 : 0));
	le24(vp8x + 4, cw - 1);
	le24(vp8x + 7, ch - 1);
	chunk(b, &n, "VP8X", vp8x, sizeof(vp8x));
	if (icc != NULL)
		chunk(b, &n, "ICCP", icc, icc_len);
	chunk(b, &n, (const char *)src + 12, src + 20, img_len);
	if (exif != NULL)
		chunk(b, &n, "EXIF", exif, exif_len);
	le32(b + 4, (uint32_t)(n - 8));
	ts_write_bytes(fx->dir, to, b, n);
	free(b);
	free(src);
}

/* An Exif block (big-endian TIFF, with "Exif\0\0" before it when
 * `header`) holding an orientation and a resolution of 300 dpi; its
 * length. */
static size_t
exif_block(unsigned char *b, int orientation, bool header)
{
	static const unsigned char tiff[] = {
		'M', 'M', 0, 42, 0, 0, 0, 8,
		0, 4,                                   /* four entries */
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,  /* Orientation */
		0x01, 0x1a, 0, 5, 0, 0, 0, 1, 0, 0, 0, 62, /* XResolution */
		0x01, 0x1b, 0, 5, 0, 0, 0, 1, 0, 0, 0, 70, /* YResolution */
		0x01, 0x28, 0, 3, 0, 0, 0, 1, 0, 2, 0, 0,  /* inches */
		0, 0, 0, 0,                             /* no IFD1 */
		0, 0, 1, 44, 0, 0, 0, 1,                /* 300 / 1 */
		0, 0, 1, 44, 0, 0, 0, 1,
	};
	size_t n = 0;

	if (header) {
		memcpy(b, "Exif\0\0", 6);
		n = 6;
	}
	memcpy(b + n, tiff, sizeof(tiff));
	b[n + 19] = (unsigned char)orientation;
	return n + sizeof(tiff);
}

/* ---- images as apps and ImageMagick write them ------------------------- */

static void
test_raster_webp__lossy_image_matches_imagemagick(void **state)
{
	ts_fixture *fx = *state;
	rc_image im;

	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -quality 80 photo.webp");
	im = rc_decode(fx, "photo.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.width, W);
	assert_int_equal(im.info.height, H);
	assert_int_equal(im.info.components, 3);
	assert_false(im.info.alpha);
	assert_int_equal(im.info.orientation, 1);
	assert_null(im.info.icc);
	assert_true(im.info.dpi_x == 0 && im.info.dpi_y == 0);
	rc_assert_matches_imagemagick(fx, "photo.webp", &im, 2, 0);
	/* The green block is where the pattern has it: top left. */
	assert_true(im.rgba[(5 * W + 10) * 4 + 1] > 200);
	assert_true(im.rgba[(5 * W + 10) * 4 + 0] < 60);
	rc_image_free(&im);
}

static void
test_raster_webp__lossless_image_is_the_original(void **state)
{
	ts_fixture *fx = *state;
	rc_image im;

	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -define webp:lossless=true "
	    "lossless.webp");
	im = rc_decode(fx, "lossless.webp", CP__FORMAT_WEBP);
	assert_false(im.info.alpha);
	rc_assert_matches_imagemagick(fx, "lossless.webp", &im, 0, 0);
	/* Exactly the pixels it was made from. */
	rc_assert_matches_imagemagick(fx, "pattern.png", &im, 0, 0);
	rc_image_free(&im);
}

static void
test_raster_webp__grey_image_matches(void **state)
{
	ts_fixture *fx = *state;
	rc_image im;

	rc_pattern(fx, "grey.png", false, true);
	rc_sh(fx, "convert grey.png -quality 80 grey.webp");
	im = rc_decode(fx, "grey.webp", CP__FORMAT_WEBP);
	rc_assert_matches_imagemagick(fx, "grey.webp", &im, 2, 0);
	rc_image_free(&im);
}

static void
test_raster_webp__alpha_is_kept_when_some_pixel_shows_through(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *b;
	char path[1024];
	size_t len;
	rc_image im;

	rc_pattern(fx, "alpha.png", true, false);
	rc_sh(fx, "convert alpha.png -quality 80 lossy-alpha.webp");
	im = rc_decode(fx, "lossy-alpha.webp", CP__FORMAT_WEBP);
	assert_true(im.info.alpha);
	assert_int_equal(im.info.components, 3);
	rc_assert_matches_imagemagick(fx, "lossy-alpha.webp", &im, 2, 0);
	/* Opaque at the top, transparent at the bottom. */
	assert_int_equal(im.rgba[3], 255);
	assert_true(im.rgba[((size_t)(H - 1) * W) * 4 + 3] < 10);
	rc_image_free(&im);

	rc_sh(fx, "convert alpha.png -define webp:lossless=true "
	    "lossless-alpha.webp");
	im = rc_decode(fx, "lossless-alpha.webp", CP__FORMAT_WEBP);
	assert_true(im.info.alpha);
	rc_assert_matches_imagemagick(fx, "lossless-alpha.webp", &im, 0, 0);
	rc_image_free(&im);

	/* An alpha channel that leaves every pixel opaque is no alpha: a
	 * lossless image of opaque pixels whose header says it uses
	 * alpha (bit 28 after the signature). */
	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -define webp:lossless=true "
	    "opaque.webp");
	snprintf(path, sizeof(path), "%s/opaque.webp", fx->dir);
	b = rc_slurp(path, &len);
	assert_true(len > 25 && memcmp(b + 12, "VP8L", 4) == 0 &&
	    b[20] == 0x2f);
	b[24] |= 0x10;
	ts_write_bytes(fx->dir, "marked.webp", b, len);
	free(b);
	im = rc_decode(fx, "marked.webp", CP__FORMAT_WEBP);
	assert_false(im.info.alpha);
	rc_assert_matches_imagemagick(fx, "opaque.webp", &im, 0, 0);
	rc_image_free(&im);
}

static void
test_raster_webp__rgb_colour_profile_is_kept(void **state)
{
	ts_fixture *fx = *state;
	unsigned char rgb[300], grey[200], bad[200];
	rc_image im;

	rc_icc_profile(rgb, sizeof(rgb), "RGB ");
	rc_icc_profile(grey, sizeof(grey), "GRAY");
	rc_icc_profile(bad, sizeof(bad), "RGB ");
	bad[3] = 0x10;  /* says it is longer than it is */
	rc_pattern(fx, "pattern.png", false, false);
	ts_write_bytes(fx->dir, "rgb.icc", rgb, sizeof(rgb));

	/* As ImageMagick writes it. */
	rc_sh(fx, "convert pattern.png -profile rgb.icc -quality 80 "
	    "icc.webp");
	im = rc_decode(fx, "icc.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.icc_len, sizeof(rgb));
	assert_memory_equal(im.info.icc, rgb, sizeof(rgb));
	rc_assert_matches_imagemagick(fx, "icc.webp", &im, 2, 0);
	rc_image_free(&im);

	/* A grey profile does not describe the RGB handed out; a profile
	 * that is not whole describes nothing: both are dropped, and the
	 * image is still drawn. */
	rc_sh(fx, "convert pattern.png -quality 80 photo.webp");
	extend(fx, "photo.webp", "grey-icc.webp", W, H, grey, sizeof(grey),
	    NULL, 0);
	im = rc_decode(fx, "grey-icc.webp", CP__FORMAT_WEBP);
	assert_null(im.info.icc);
	assert_int_equal(im.info.icc_len, 0);
	rc_assert_matches_imagemagick(fx, "photo.webp", &im, 0, 0);
	rc_image_free(&im);
	extend(fx, "photo.webp", "bad-icc.webp", W, H, bad, sizeof(bad),
	    NULL, 0);
	im = rc_decode(fx, "bad-icc.webp", CP__FORMAT_WEBP);
	assert_null(im.info.icc);
	rc_image_free(&im);
}

static void
test_raster_webp__exif_orientation_and_resolution_are_read(void **state)
{
	ts_fixture *fx = *state;
	unsigned char exif[128];
	size_t len;
	rc_image im;

	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -quality 80 photo.webp");

	/* The TIFF structure alone, as the WebP container says. */
	len = exif_block(exif, 6, false);
	extend(fx, "photo.webp", "turned.webp", W, H, NULL, 0, exif, len);
	im = rc_decode(fx, "turned.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.orientation, 6);
	assert_true(im.info.dpi_x == 300 && im.info.dpi_y == 300);
	/* The rows as stored: turning them is the page's job. */
	assert_int_equal(im.info.width, W);
	rc_assert_matches_imagemagick(fx, "photo.webp", &im, 0, 0);
	rc_image_free(&im);

	/* With the "Exif\0\0" of a JPEG's segment before it, as some
	 * writers put it. */
	len = exif_block(exif, 8, true);
	extend(fx, "photo.webp", "header.webp", W, H, NULL, 0, exif, len);
	im = rc_decode(fx, "header.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.orientation, 8);
	rc_image_free(&im);

	/* Damaged Exif data: the image is drawn upright. */
	len = exif_block(exif, 6, false);
	memset(exif + 4, 0xff, 4);      /* IFD0 far past the end */
	extend(fx, "photo.webp", "bad-exif.webp", W, H, NULL, 0, exif, len);
	im = rc_decode(fx, "bad-exif.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.orientation, 1);
	assert_true(im.info.dpi_x == 0 && im.info.dpi_y == 0);
	rc_image_free(&im);

	/* An orientation out of range counts as upright. */
	len = exif_block(exif, 9, false);
	extend(fx, "photo.webp", "nine.webp", W, H, NULL, 0, exif, len);
	im = rc_decode(fx, "nine.webp", CP__FORMAT_WEBP);
	assert_int_equal(im.info.orientation, 1);
	rc_image_free(&im);
}

/* ---- what is refused -------------------------------------------------- */

static void
test_raster_webp__animated_webp_is_refused(void **state)
{
	ts_fixture *fx = *state;

	rc_pattern(fx, "a.png", false, false);
	rc_pattern(fx, "b.png", false, true);
	rc_sh(fx, "convert -delay 10 a.png b.png -loop 0 anim.webp");
	rc_assert_refused(fx, "anim.webp", CP__FORMAT_WEBP, "is an animated "
	    "WebP; save the picture you mean as a still image");
}

static void
test_raster_webp__huge_claims_are_refused_before_decoding(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *b;
	uint32_t bits;
	size_t len;
	char path[1024];

	/* A lossless header claiming 16384 x 16384 pixels (268
	 * megapixels, the most a WebP can hold) over 61 x 47 pixels of
	 * data: the size is refused, so it came before any decoding. */
	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -define webp:lossless=true "
	    "lossless.webp");
	snprintf(path, sizeof(path), "%s/lossless.webp", fx->dir);
	b = rc_slurp(path, &len);
	assert_true(len > 25 && memcmp(b + 12, "VP8L", 4) == 0 &&
	    b[20] == 0x2f);
	/* After the signature: 14 bits of width - 1, 14 of height - 1,
	 * the alpha hint and 3 bits of version, least significant first. */
	bits = (uint32_t)b[21] | (uint32_t)b[22] << 8 |
	    (uint32_t)b[23] << 16 | (uint32_t)b[24] << 24;
	bits = (bits & 0xf0000000u) | 16383u | 16383u << 14;
	le32(b + 21, bits);
	ts_write_bytes(fx->dir, "huge.webp", b, len);
	rc_assert_refused(fx, "huge.webp", CP__FORMAT_WEBP, "WebP image is "
	    "16384 x 16384 pixels; the largest image claimpack takes is "
	    "20000 x 20000 and 200 megapixels");
	free(b);

	/* An extended header claiming a canvas 30000 pixels wide. */
	rc_sh(fx, "convert pattern.png -quality 80 photo.webp");
	extend(fx, "photo.webp", "wide.webp", 30000, H, NULL, 0, NULL, 0);
	rc_assert_refused(fx, "wide.webp", CP__FORMAT_WEBP, "WebP image is ");
}

static void
test_raster_webp__truncated_image_is_refused(void **state)
{
	ts_fixture *fx = *state;
	const char *kinds[2] = { "-quality 80", "-define webp:lossless=true" };
	unsigned char *b;
	size_t len, cuts[8], i, k;
	char path[1024];

	rc_pattern(fx, "alpha.png", true, false);
	for (k = 0; k < 2; k++) {
		rc_sh(fx, "convert alpha.png %s whole.webp", kinds[k]);
		snprintf(path, sizeof(path), "%s/whole.webp", fx->dir);
		b = rc_slurp(path, &len);
		cuts[0] = 0;
		cuts[1] = 10;
		cuts[2] = 25;
		cuts[3] = len / 4;
		cuts[4] = len / 2;
		cuts[5] = len * 3 / 4;
		cuts[6] = len - 10;
		cuts[7] = len - 1;
		for (i = 0; i < 8; i++) {
			ts_write_bytes(fx->dir, "cut.webp", b, cuts[i]);
			rc_assert_refused(fx, "cut.webp", CP__FORMAT_WEBP,
			    "WebP image is damaged: ");
		}
		free(b);
	}
}

static void
test_raster_webp__damaged_image_is_refused_never_crashes(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *b, *m;
	size_t len;
	char path[1024];

	rc_pattern(fx, "alpha.png", true, false);
	rc_sh(fx, "convert alpha.png -quality 80 lossy.webp");
	snprintf(path, sizeof(path), "%s/lossy.webp", fx->dir);
	b = rc_slurp(path, &len);
	assert_non_null(m = malloc(len));

	/* Not a RIFF. */
	memcpy(m, b, len);
	memcpy(m, "RIFX", 4);
	ts_write_bytes(fx->dir, "bad.webp", m, len);
	rc_assert_refused(fx, "bad.webp", CP__FORMAT_WEBP, "WebP image is "
	    "damaged: ");
	/* A chunk longer than the file. */
	memcpy(m, b, len);
	le32(m + 16, 0x7ffffff0u);
	ts_write_bytes(fx->dir, "bad.webp", m, len);
	rc_assert_refused(fx, "bad.webp", CP__FORMAT_WEBP, "WebP image is "
	    "damaged: ");

	/* Bytes changed at random: each decodes or is refused. */
	assert_true(rc_mutants(fx, b, len, CP__FORMAT_WEBP, "bad.webp",
	    "WebP", 150) > 0);
	free(b);

	rc_sh(fx, "convert alpha.png -define webp:lossless=true "
	    "lossless.webp");
	snprintf(path, sizeof(path), "%s/lossless.webp", fx->dir);
	b = rc_slurp(path, &len);
	assert_true(rc_mutants(fx, b, len, CP__FORMAT_WEBP, "bad.webp",
	    "WebP", 150) > 0);
	free(b);
	free(m);
}

static void
test_raster_webp__other_files_are_refused(void **state)
{
	ts_fixture *fx = *state;

	rc_pattern(fx, "pattern.png", false, false);
	rc_assert_refused(fx, "pattern.png", CP__FORMAT_WEBP, "WebP image is "
	    "damaged: ");
	ts_write_bytes(fx->dir, "empty.webp", "", 0);
	rc_assert_refused(fx, "empty.webp", CP__FORMAT_WEBP, "WebP image is "
	    "damaged: the file is cut short");
	rc_assert_refused(fx, "missing.webp", CP__FORMAT_WEBP, "cannot open");
	ts_mkdir(fx->dir, "folder.webp");
	rc_assert_refused(fx, "folder.webp", CP__FORMAT_WEBP, "is a folder");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_raster_webp__lossy_image_matches_imagemagick),
		TS_TEST(test_raster_webp__lossless_image_is_the_original),
		TS_TEST(test_raster_webp__grey_image_matches),
		TS_TEST(test_raster_webp__alpha_is_kept_when_some_pixel_shows_through),
		TS_TEST(test_raster_webp__rgb_colour_profile_is_kept),
		TS_TEST(test_raster_webp__exif_orientation_and_resolution_are_read),
		TS_TEST(test_raster_webp__animated_webp_is_refused),
		TS_TEST(test_raster_webp__huge_claims_are_refused_before_decoding),
		TS_TEST(test_raster_webp__truncated_image_is_refused),
		TS_TEST(test_raster_webp__damaged_image_is_refused_never_crashes),
		TS_TEST(test_raster_webp__other_files_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
