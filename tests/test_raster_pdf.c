/* test_raster_pdf.c - the PDF pages of decoded images (pdf/raster_pdf.c),
 * inspected with independent tools: `qpdf --check` accepts them, the
 * page pdftoppm renders is the image ImageMagick decodes put on white,
 * turned as the matrix says; the same pixels give the same bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input/raster.h"
#include "pdf/raster_pdf.h"
#include "support.h"
#include "png_fixtures.h"

/* ---- helpers -------------------------------------------------------- */

/* Reads a whole file; *len its size.  Caller frees. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *b;
	long n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	b[n] = 0;
	*len = (size_t)n;
	return b;
}

/* Whether the file's bytes hold `needle` (the writer's dictionaries are
 * not compressed). */
static bool
file_has(const char *path, const char *needle)
{
	size_t len, n = strlen(needle), i;
	unsigned char *b = slurp(path, &len);
	bool found = false;

	for (i = 0; i + n <= len && !found; i++)
		found = memcmp(b + i, needle, n) == 0;
	free(b);
	return found;
}

static int
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* Writes `n` PNGs as the pages of `pdf`, each on a page of `page_w` x
 * `page_h` points drawn through `cm`, or when `cm` is NULL on a page of
 * its size in points filled by it; with encoding `enc` (NULL:
 * lossless).  Returns the status of the first call that failed, with
 * err filled. */
static int
write_pages(const char *pdf, const char *const *pngs, size_t n,
    double page_w, double page_h, const cp__matrix *cm,
    const cp__raster_encoding *enc, cp_error *err)
{
	cp__raster_pdf *w = NULL;
	cp__raster *r = NULL;
	const cp__raster_info *info;
	cp__matrix m;
	size_t i;
	int rc;

	if ((rc = cp__raster_pdf_begin(&w, pdf, "page.png", err)) != CP_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = cp__raster_open(&r, pngs[i], CP__FORMAT_PNG, 0,
		    "page.png", err)) != CP_OK)
			break;
		info = cp__raster_get_info(r);
		m = cm != NULL ? *cm : (cp__matrix){ info->width, 0, 0,
		    info->height, 0, 0 };
		rc = cp__raster_pdf_add(w, r, cm != NULL ? page_w :
		    info->width, cm != NULL ? page_h : info->height, &m, enc,
		    err);
		cp__raster_close(r);
		if (rc != CP_OK)
			break;
	}
	if (rc != CP_OK) {
		cp__raster_pdf_abort(w);
		return rc;
	}
	return cp__raster_pdf_end(w, err);
}

/* Reads a binary PPM (P6) as pdftoppm writes it.  Caller frees. */
static unsigned char *
read_ppm(const char *path, unsigned *w, unsigned *h)
{
	char magic[3];
	unsigned char *px;
	int maxval;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("no %s: pdftoppm failed", path);
	if (fscanf(f, "%2s %u %u %d", magic, w, h, &maxval) != 4 ||
	    strcmp(magic, "P6") != 0 || maxval != 255)
		fail_msg("%s: not an 8-bit P6 PPM", path);
	fgetc(f);
	px = malloc((size_t)*w * *h * 3);
	assert_non_null(px);
	assert_int_equal(fread(px, 1, (size_t)*w * *h * 3, f),
	    (size_t)*w * *h * 3);
	fclose(f);
	return px;
}

/*
 * Page `page` (from 1) of `pdf` rendered by pdftoppm at `dpi`.  poppler
 * smooths an image drawn at less than four times its size, which would
 * blur the comparison; so the page is rendered at four times `dpi` (each
 * image pixel then a block of nearest-neighbour copies) and the centre
 * of each 4 x 4 block is kept.
 */
static unsigned char *
render(const ts_fixture *fx, const char *pdf, int page, int dpi,
    unsigned *w, unsigned *h)
{
	char ppm[1200];
	unsigned char *big, *px;
	unsigned bw, bh, x, y;

	assert_int_equal(sh("pdftoppm -r %d -f %d -l %d -singlefile '%s' "
	    "'%s/render' 2>/dev/null", dpi * 4, page, page, pdf, fx->dir), 0);
	snprintf(ppm, sizeof(ppm), "%s/render.ppm", fx->dir);
	big = read_ppm(ppm, &bw, &bh);
	*w = bw / 4;
	*h = bh / 4;
	px = malloc((size_t)*w * *h * 3 + 1);
	assert_non_null(px);
	for (y = 0; y < *h; y++)
		for (x = 0; x < *w; x++)
			memcpy(px + ((size_t)y * *w + x) * 3, big +
			    ((size_t)(4 * y + 2) * bw + 4 * x + 2) * 3, 3);
	free(big);
	return px;
}

/* ImageMagick's decoding of `png` put on white, `ops` applied (say
 * "-rotate 90"), as 8-bit RGB of w x h. */
static unsigned char *
reference_rgb(const char *png, const char *ops, unsigned w, unsigned h)
{
	char cmd[1400];
	unsigned char *px = malloc((size_t)w * h * 3 + 1);
	size_t got;
	FILE *p;

	assert_non_null(px);
	snprintf(cmd, sizeof(cmd), "convert 'png:%s' -background white "
	    "-alpha remove -alpha off %s -depth 8 rgb:-", png, ops);
	p = popen(cmd, "r");
	assert_non_null(p);
	got = fread(px, 1, (size_t)w * h * 3 + 1, p);
	assert_int_equal(pclose(p), 0);
	if (got != (size_t)w * h * 3)
		fail_msg("convert gave %zu bytes for %u x %u pixels", got, w,
		    h);
	return px;
}

/* The rendering matches the reference: on average within `mean` per
 * sample, and no sample further than `worst`. */
static void
assert_looks_alike(const char *what, const unsigned char *got,
    const unsigned char *want, unsigned w, unsigned h, double mean,
    int worst)
{
	size_t i, n = (size_t)w * h * 3;
	uint64_t sum = 0;
	int d, max = 0;

	for (i = 0; i < n; i++) {
		d = got[i] - want[i];
		d = d < 0 ? -d : d;
		sum += (uint64_t)d;
		if (d > max)
			max = d;
	}
	if ((double)sum / (double)n > mean || max > worst)
		fail_msg("%s: the page differs from the image by %.2f on "
		    "average, %d at most", what, (double)sum / (double)n, max);
}

static void
qpdf_check(const char *pdf)
{
	if (sh("qpdf --check '%s' > /dev/null 2>&1", pdf) != 0)
		fail_msg("qpdf --check fails on %s", pdf);
}

/* ---- tests ------------------------------------------------------------ */

static const png_kind drawn[] = {
	{ "basn6a08", 6, 8, false, false, 40, 30 },
	{ "basi6a16", 6, 16, true, false, 33, 21 },
	{ "basn4a08", 4, 8, false, false, 24, 24 },
	{ "tbrn2c08", 2, 8, false, true, 32, 32 },
	{ "tm3n3p02", 3, 2, false, true, 32, 32 },
	{ "tbbn0g04", 0, 4, false, true, 32, 32 },
	{ "basn2c16", 2, 16, false, false, 32, 32 },
	{ "basi3p08", 3, 8, true, false, 32, 32 },
	{ "basn0g08", 0, 8, false, false, 31, 17 },
	{ "basn0g01", 0, 1, false, false, 37, 23 },
	{ "s01n3p01", 3, 1, false, false, 1, 1 },
};

/* Each kind of PNG, on a page of its size at 72 dpi, renders as
 * ImageMagick shows it on white: colours, transparency, bit depths. */
static void
test_raster_pdf__pages_render_as_the_images_on_white(void **state)
{
	ts_fixture *fx = *state;
	char png[1024], pdf[1024];
	const char *pngs[1];
	unsigned char *got, *want;
	unsigned w, h;
	cp_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(drawn) / sizeof(drawn[0]); i++) {
		const png_kind *k = &drawn[i];

		snprintf(png, sizeof(png), "%s/%s.png", fx->dir, k->name);
		snprintf(pdf, sizeof(pdf), "%s/%s.pdf", fx->dir, k->name);
		write_png(png, k, NULL, 0, 0);
		pngs[0] = png;
		memset(&err, 0, sizeof(err));
		rc = write_pages(pdf, pngs, 1, 0, 0, NULL, NULL, &err);
		ts_assert_ok(rc, &err);
		qpdf_check(pdf);
		/* Alpha, and only alpha, makes an /SMask. */
		assert_int_equal(file_has(pdf, "/SMask"), k->ctype == 4 ||
		    k->ctype == 6 || k->trns);
		assert_false(file_has(pdf, "/ICCBased"));
		got = render(fx, pdf, 1, 72, &w, &h);
		assert_int_equal(w, k->w);
		assert_int_equal(h, k->h);
		want = reference_rgb(png, "", w, h);
		assert_looks_alike(k->name, got, want, w, h, 1.0, 3);
		free(got);
		free(want);
	}
	/* Bilevel pages stay 1-bit. */
	snprintf(pdf, sizeof(pdf), "%s/basn0g01.pdf", fx->dir);
	assert_true(file_has(pdf, "/BitsPerComponent 1"));
	assert_false(file_has(pdf, "/Decode ["));
}

/* The same images give the same bytes, every time, over several pages;
 * qpdf sees every page. */
static void
test_raster_pdf__two_writes_are_byte_identical(void **state)
{
	ts_fixture *fx = *state;
	char a[1024], b[1024], p[3][1024];
	const char *pngs[3] = { p[0], p[1], p[2] };
	unsigned char *da, *db;
	size_t la, lb, i;
	cp_error err;
	int rc;

	for (i = 0; i < 3; i++) {
		snprintf(p[i], sizeof(p[i]), "%s/%s.png", fx->dir,
		    drawn[i + 3].name);
		write_png(p[i], &drawn[i + 3], NULL, 0, 0);
	}
	snprintf(a, sizeof(a), "%s/a.pdf", fx->dir);
	snprintf(b, sizeof(b), "%s/b.pdf", fx->dir);
	memset(&err, 0, sizeof(err));
	rc = write_pages(a, pngs, 3, 0, 0, NULL, NULL, &err);
	ts_assert_ok(rc, &err);
	rc = write_pages(b, pngs, 3, 0, 0, NULL, NULL, &err);
	ts_assert_ok(rc, &err);
	da = slurp(a, &la);
	db = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	free(da);
	free(db);
	qpdf_check(a);
	assert_int_equal(sh("test \"$(qpdf --show-npages '%s')\" = 3", a), 0);
}

/* The matrix turns the page: orientation 6 (a phone held upright) shows
 * the stored rows turned a quarter clockwise, as ImageMagick's -rotate
 * 90 does. */
static void
test_raster_pdf__the_matrix_turns_the_image_upright(void **state)
{
	static const png_kind k = { "turn", 2, 8, false, false, 300, 150 };
	ts_fixture *fx = *state;
	cp__image_info info;
	char png[1024], pdf[1024];
	const char *pngs[1] = { png };
	unsigned char *got, *want;
	double shown_w, shown_h;
	unsigned w, h;
	cp__matrix cm;
	cp_error err;
	int rc;

	snprintf(png, sizeof(png), "%s/turn.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/turn.pdf", fx->dir);
	write_png(png, &k, NULL, 0, 0);
	memset(&info, 0, sizeof(info));
	info.format = CP__FORMAT_PNG;
	info.width = 300;
	info.height = 150;
	info.orientation = 6;
	/* A page as large as the turned image at 150 dpi, no margins. */
	cp__image_place(&info, 72.0, 144.0, 0, 0, 0, &cm, &shown_w, &shown_h);
	assert_true(shown_w > 71.99 && shown_h > 143.99);
	memset(&err, 0, sizeof(err));
	rc = write_pages(pdf, pngs, 1, 72.0, 144.0, &cm, NULL, &err);
	ts_assert_ok(rc, &err);
	qpdf_check(pdf);
	got = render(fx, pdf, 1, 150, &w, &h);
	assert_int_equal(w, 150);
	assert_int_equal(h, 300);
	want = reference_rgb(png, "-rotate 90", w, h);
	assert_looks_alike("orientation 6", got, want, w, h, 1.0, 3);
	free(got);
	free(want);
}

/* A colour profile the image has goes in as /ICCBased with its channel
 * count; the page still renders. */
static void
test_raster_pdf__icc_profile_becomes_iccbased(void **state)
{
	static const png_kind rgb = { "icc", 6, 8, false, false, 20, 20 };
	static const png_kind grey = { "iccg", 0, 8, false, false, 20, 20 };
	ts_fixture *fx = *state;
	unsigned char icc[ICC_LEN], gicc[ICC_LEN];
	char png[1024], pdf[1024];
	const char *pngs[1] = { png };
	unsigned char *got, *want;
	unsigned w, h;
	cp_error err;
	int rc;

	make_icc(icc, "RGB ");
	make_icc(gicc, "GRAY");
	memset(&err, 0, sizeof(err));
	snprintf(png, sizeof(png), "%s/icc.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/icc.pdf", fx->dir);
	write_png(png, &rgb, icc, sizeof(icc), 0);
	rc = write_pages(pdf, pngs, 1, 0, 0, NULL, NULL, &err);
	ts_assert_ok(rc, &err);
	qpdf_check(pdf);
	assert_true(file_has(pdf, "/ICCBased"));
	assert_true(file_has(pdf, "<< /N 3 "));
	assert_true(file_has(pdf, "/SMask"));
	got = render(fx, pdf, 1, 72, &w, &h);
	want = reference_rgb(png, "", w, h);
	assert_looks_alike("ICC", got, want, w, h, 1.0, 3);
	free(got);
	free(want);

	snprintf(png, sizeof(png), "%s/iccg.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/iccg.pdf", fx->dir);
	write_png(png, &grey, gicc, sizeof(gicc), 0);
	rc = write_pages(pdf, pngs, 1, 0, 0, NULL, NULL, &err);
	ts_assert_ok(rc, &err);
	qpdf_check(pdf);
	assert_true(file_has(pdf, "<< /N 1 "));
	assert_false(file_has(pdf, "/SMask"));
}

/* Shrunk for --max-size: scaled down to the pixels asked for, JPEG, the
 * transparency put on white (no /SMask); a bilevel page stays 1-bit. */
static void
test_raster_pdf__shrunk_pages_are_jpeg_at_the_pixels_asked(void **state)
{
	static const png_kind fax = { "fax", 0, 1, false, false, 64, 64 };
	ts_fixture *fx = *state;
	const cp__raster_encoding enc = { 80, 40, 30 };
	char png[1024], pdf[1024], cmd[2400];
	const char *pngs[1] = { png };
	unsigned char *got, *want;
	unsigned w, h;
	cp_error err;
	int rc;

	/* A smooth picture, so that JPEG and averaging keep it close. */
	snprintf(png, sizeof(png), "%s/smooth.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/smooth.pdf", fx->dir);
	snprintf(cmd, sizeof(cmd), "convert -size 160x120 gradient:red-blue "
	    "\\( -size 120x160 gradient:white-black -rotate 90 \\) -alpha off "
	    "-compose copy_opacity -composite PNG32:'%s'", png);
	assert_int_equal(system(cmd), 0);
	memset(&err, 0, sizeof(err));
	rc = write_pages(pdf, pngs, 1, 0, 0, NULL, &enc, &err);
	ts_assert_ok(rc, &err);
	qpdf_check(pdf);
	assert_true(file_has(pdf, "/DCTDecode"));
	assert_true(file_has(pdf, "/Width 40 /Height 30 "));
	assert_false(file_has(pdf, "/SMask"));
	got = render(fx, pdf, 1, 72, &w, &h);
	assert_int_equal(w, 160);
	assert_int_equal(h, 120);
	want = reference_rgb(png, "", w, h);
	assert_looks_alike("shrunk", got, want, w, h, 6.0, 60);
	free(got);
	free(want);

	snprintf(png, sizeof(png), "%s/fax.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/fax.pdf", fx->dir);
	write_png(png, &fax, NULL, 0, 0);
	rc = write_pages(pdf, pngs, 1, 0, 0, NULL, &enc, &err);
	ts_assert_ok(rc, &err);
	assert_false(file_has(pdf, "/DCTDecode"));
	assert_true(file_has(pdf, "/Width 64 /Height 64 "));
	assert_true(file_has(pdf, "/BitsPerComponent 1"));
}

/* A raster whose data is damaged fails the page with the decoder's
 * message; a file that cannot be made fails at the start. */
static void
test_raster_pdf__damaged_raster_fails_the_page(void **state)
{
	static const png_kind k = { "cut", 2, 8, false, false, 64, 64 };
	ts_fixture *fx = *state;
	char png[1024], pdf[1024];
	const char *pngs[1] = { png };
	cp__raster_pdf *w = NULL;
	unsigned char *b;
	size_t len;
	cp_error err;

	snprintf(png, sizeof(png), "%s/cut.png", fx->dir);
	snprintf(pdf, sizeof(pdf), "%s/cut.pdf", fx->dir);
	write_png(png, &k, NULL, 0, 0);
	b = slurp(png, &len);
	ts_write_bytes(fx->dir, "cut.png", b, len / 2);
	free(b);
	memset(&err, 0, sizeof(err));
	assert_int_equal(write_pages(pdf, pngs, 1, 0, 0, NULL, NULL, &err), CP_EIO);
	assert_string_equal(err.path, "page.png");
	ts_assert_contains(err.message, "PNG is cut short");

	snprintf(pdf, sizeof(pdf), "%s/no/such/folder.pdf", fx->dir);
	assert_int_equal(cp__raster_pdf_begin(&w, pdf, "page.png", &err),
	    CP_EIO);
	assert_null(w);
	ts_assert_contains(err.message, "cannot write its page");
	cp__raster_pdf_abort(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_raster_pdf__pages_render_as_the_images_on_white),
		TS_TEST(test_raster_pdf__two_writes_are_byte_identical),
		TS_TEST(test_raster_pdf__the_matrix_turns_the_image_upright),
		TS_TEST(test_raster_pdf__icc_profile_becomes_iccbased),
		TS_TEST(test_raster_pdf__shrunk_pages_are_jpeg_at_the_pixels_asked),
		TS_TEST(test_raster_pdf__damaged_raster_fails_the_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
