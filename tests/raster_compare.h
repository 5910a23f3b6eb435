/*
 * raster_compare.h - what the tests of the raster decoders share
 * (test_raster_heic.c, test_raster_webp.c): fixtures made with
 * ImageMagick in the test's folder, a raster decoded whole as RGBA, and
 * ImageMagick's own decoding of the same file to compare it with.
 * Include after <cmocka.h>, "support.h" and "input/raster.h".
 */
#ifndef CP_TEST_RASTER_COMPARE_H
#define CP_TEST_RASTER_COMPARE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rc_sh(const ts_fixture *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Runs a shell command in the fixture's folder; fails the test when it
 * fails. */
static TS_UNUSED void
rc_sh(const ts_fixture *fx, const char *fmt, ...)
{
	char cmd[4200], line[3600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s", fx->dir, line);
	if (system(cmd) != 0)
		fail_msg("fixture command failed (is ImageMagick installed?): "
		    "%s", line);
}

/* The test pattern, 61 x 47 (odd, so that rows are not multiples of
 * anything): a red-to-blue gradient with a green block in the top left
 * corner, as `name` (a PNG).  With `alpha`, opacity falls from the top
 * row (opaque) to the bottom one (transparent); with `grey`, grey. */
static TS_UNUSED void
rc_pattern(const ts_fixture *fx, const char *name, bool alpha, bool grey)
{
	rc_sh(fx, "convert -size 61x47 gradient:red-blue "
	    "\\( -size 20x10 xc:lime \\) -geometry +3+2 -composite "
	    "\\( -size 6x6 xc:white \\) -geometry +50+36 -composite "
	    "%s %s -depth 8 %s",
	    alpha ? "\\( -size 61x47 gradient:white-black \\) -alpha off "
	    "-compose CopyOpacity -composite" : "",
	    grey ? "-colorspace Gray" : "", name);
}

/* A minimal ICC profile header of `len` bytes for colour space
 * `space` ("RGB " or "GRAY"): what cp__raster_icc_fits looks at, and a
 * byte at the end to tell the profiles apart. */
static TS_UNUSED void
rc_icc_profile(unsigned char *p, size_t len, const char *space)
{
	memset(p, 0, len);
	p[0] = (unsigned char)(len >> 24);
	p[1] = (unsigned char)(len >> 16);
	p[2] = (unsigned char)(len >> 8);
	p[3] = (unsigned char)len;
	memcpy(p + 4, "none", 4);
	p[8] = 2;
	p[9] = 0x10;
	memcpy(p + 12, "mntr", 4);
	memcpy(p + 16, space, 4);
	memcpy(p + 20, "XYZ ", 4);
	memcpy(p + 36, "acsp", 4);
	p[len - 1] = 0x5a;
}

static TS_UNUSED unsigned char *
rc_slurp(const char *path, size_t *len)
{
	unsigned char *buf;
	FILE *f;
	long n = 0;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		fail_msg("cannot size %s", path);
	if ((buf = malloc((size_t)n + 1)) == NULL)
		fail_msg("out of memory");
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		fail_msg("cannot read %s", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A raster decoded whole, as RGBA (alpha 255 where the raster has
 * none), and what the decoder said about it. */
typedef struct {
	cp__raster_info info;   /* icc: a copy, owned here */
	unsigned char *rgba;
} rc_image;

static TS_UNUSED void
rc_image_free(rc_image *im)
{
	free((void *)im->info.icc);
	free(im->rgba);
	memset(im, 0, sizeof(*im));
}

/*
 * Decodes the file `name` in the fixture's folder with the decoder of
 * `format`, reading the rows a few at a time as the PDF writer does.
 * Fails the test unless counting, opening and every read succeed.
 */
static TS_UNUSED rc_image
rc_decode(ts_fixture *fx, const char *name, cp__format format)
{
	const cp__raster_info *in;
	unsigned char *rows, *src, *dst;
	rc_image im;
	cp__raster *r;
	size_t pages, row_bytes, x;
	unsigned y, n, step = 7, samples;
	char path[1024];

	memset(&im, 0, sizeof(im));
	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	if (cp__raster_count(path, format, &pages, name, &fx->err) != CP_OK)
		fail_msg("%s: count: %s", name, fx->err.message);
	assert_int_equal(pages, 1);
	if (cp__raster_open(&r, path, format, 0, name, &fx->err) != CP_OK)
		fail_msg("%s: open: %s", name, fx->err.message);
	in = cp__raster_get_info(r);
	im.info = *in;
	if (in->icc != NULL) {
		im.info.icc = malloc(in->icc_len);
		assert_non_null(im.info.icc);
		memcpy((void *)im.info.icc, in->icc, in->icc_len);
	}
	assert_int_equal(in->bits, 8);
	assert_true(in->components == 1 || in->components == 3);
	samples = (unsigned)in->components + (in->alpha ? 1u : 0u);
	row_bytes = cp__raster_row_bytes(in);
	assert_int_equal(row_bytes, (size_t)in->width * samples);
	rows = malloc(row_bytes * step);
	im.rgba = malloc((size_t)in->width * in->height * 4);
	assert_non_null(rows);
	assert_non_null(im.rgba);
	for (y = 0; y < in->height; y += n) {
		n = in->height - y < step ? in->height - y : step;
		/* Every byte is written: a canary shows one that is not. */
		memset(rows, 0xA5, row_bytes * step);
		if (cp__raster_read(r, rows, n, &fx->err) != CP_OK)
			fail_msg("%s: read: %s", name, fx->err.message);
		for (x = 0; x < (size_t)in->width * n; x++) {
			src = rows + x * samples;
			dst = im.rgba + ((size_t)y * in->width + x) * 4;
			dst[0] = src[0];
			dst[1] = in->components == 3 ? src[1] : src[0];
			dst[2] = in->components == 3 ? src[2] : src[0];
			dst[3] = in->alpha ? src[samples - 1] : 255;
		}
	}
	/* Past the last row is an error, not a read out of bounds. */
	assert_int_equal(cp__raster_read(r, rows, 1, &fx->err), CP_EIO);
	free(rows);
	cp__raster_close(r);
	return im;
}

/* ImageMagick's decoding of the file `name`, as w x h RGBA pixels. */
static TS_UNUSED unsigned char *
rc_reference(const ts_fixture *fx, const char *name, unsigned w,
    unsigned h)
{
	size_t want = (size_t)w * h * 4, got;
	unsigned char *buf, extra;
	char cmd[2048];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "cd '%s' && convert '%s' -depth 8 rgba:-",
	    fx->dir, name);
	if ((p = popen(cmd, "r")) == NULL)
		fail_msg("cannot run convert");
	buf = malloc(want);
	assert_non_null(buf);
	got = fread(buf, 1, want, p);
	if (got != want || fread(&extra, 1, 1, p) != 0)
		fail_msg("%s: ImageMagick decoded %s bytes, not %zu (%u x %u)",
		    name, got != want ? "fewer" : "more", want, w, h);
	if (pclose(p) != 0)
		fail_msg("%s: convert failed", name);
	return buf;
}

/*
 * The samples of `a` and `b` (w x h RGBA) that differ by more than
 * `tol`, alpha included; the largest difference in *worst and the sum
 * of all differences in *sum.  Colours under a fully transparent pixel
 * are not compared: they do not show.
 */
static TS_UNUSED size_t
rc_differ(const unsigned char *a, const unsigned char *b, unsigned w,
    unsigned h, int tol, int *worst, size_t *sum)
{
	size_t i, n = (size_t)w * h * 4, over = 0;
	int d;

	*worst = 0;
	*sum = 0;
	for (i = 0; i < n; i++) {
		if (i % 4 != 3 && a[i - i % 4 + 3] == 0 && b[i - i % 4 + 3] == 0)
			continue;
		d = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
		*sum += (size_t)d;
		if (d > *worst)
			*worst = d;
		if (d > tol)
			over++;
	}
	return over;
}

/*
 * Fails unless the decoded image is ImageMagick's decoding of the same
 * file: every sample within `tol`, but for `per_mille` thousandths of
 * them, and less than 2 apart on average.  The exceptions are for
 * pictures stored with half the colour resolution (4:2:0): ImageMagick
 * 6 widens the colour planes itself, as libheif does not, and the two
 * differ along sharp colour edges (both as far from the original).
 * ImageMagick also rounds its own YCbCr to RGB conversion less finely
 * than libheif: 1 off on average where libheif gives the exact
 * pixels of a lossless file.
 */
static TS_UNUSED void
rc_assert_matches_imagemagick(const ts_fixture *fx, const char *name,
    const rc_image *im, int tol, unsigned per_mille)
{
	unsigned char *ref = rc_reference(fx, name, im->info.width,
	    im->info.height);
	size_t over, sum, n = (size_t)im->info.width * im->info.height * 4;
	int worst;

	over = rc_differ(im->rgba, ref, im->info.width, im->info.height, tol,
	    &worst, &sum);
	free(ref);
	if (over > n * per_mille / 1000)
		fail_msg("%s: %zu of %zu samples differ from ImageMagick's by "
		    "more than %d (at most %d)", name, over, n, tol, worst);
	if (sum >= 2 * n)
		fail_msg("%s: the samples differ from ImageMagick's by %.2f "
		    "on average", name, (double)sum / (double)n);
}

/* Fails unless the file `name` is refused as CP_EIO naming it, with a
 * message containing `needle`. */
static TS_UNUSED void
rc_assert_refused(ts_fixture *fx, const char *name, cp__format format,
    const char *needle)
{
	char path[1024];
	size_t pages = 99;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	memset(&fx->err, 0, sizeof(fx->err));
	assert_int_equal(cp__raster_verify(path, format, name, &fx->err),
	    CP_EIO);
	assert_string_equal(fx->err.path, name);
	ts_assert_contains(fx->err.message, needle);
	/* Counting reads less than verifying; it may accept what only
	 * decoding shows to be damaged, never the other way round. */
	if (cp__raster_count(path, format, &pages, name, &fx->err) !=
	    CP_OK)
		assert_int_equal(pages, 0);
}

/* A small deterministic generator, for mutating files the same way on
 * every run. */
static TS_UNUSED uint32_t
rc_next(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

/*
 * Writes `count` mutants of `orig` (len bytes) as `name`, each with a
 * few bytes changed at random places, and verifies each: it decodes or
 * it is refused as CP_EIO with a message containing `needle`; nothing
 * else (a crash shows under the sanitizers and valgrind).  Returns how
 * many were refused.
 */
static TS_UNUSED unsigned
rc_mutants(ts_fixture *fx, const unsigned char *orig, size_t len,
    cp__format format, const char *name, const char *needle,
    unsigned count)
{
	unsigned char *buf = malloc(len);
	uint32_t seed = 12345;
	unsigned i, k, refused = 0;
	char path[1024];
	int rc;

	assert_non_null(buf);
	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	for (i = 0; i < count; i++) {
		memcpy(buf, orig, len);
		for (k = 0; k < 1 + i % 4; k++)
			buf[rc_next(&seed) % len] = (unsigned char)rc_next(&seed);
		ts_write_bytes(fx->dir, name, buf, len);
		memset(&fx->err, 0, sizeof(fx->err));
		rc = cp__raster_verify(path, format, name, &fx->err);
		if (rc != CP_OK && rc != CP_EIO)
			fail_msg("mutant %u: status %d: %s", i, rc,
			    fx->err.message);
		if (rc == CP_EIO) {
			ts_assert_contains(fx->err.message, needle);
			refused++;
		}
	}
	free(buf);
	return refused;
}

#endif
