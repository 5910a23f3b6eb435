/* test_raster_tiff.c - TIFF pages decoded with libtiff (raster_tiff.c).
 *
 * The fixtures are made at run time: by ImageMagick's `convert` from
 * pattern images it draws, or with libtiff's own calls where convert
 * cannot write the kind (YCbCr JPEG, thumbnails, colour profiles,
 * BigTIFF), or byte by byte for the damaged ones.  Every page decoded is
 * compared pixel by pixel with ImageMagick's own decoding of it
 * (`convert 'F[n]' -depth 8 rgba:-`), never with claimpack's code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>

#include <tiffio.h>

#include "input/raster.h"
#include "input/sniff.h"
#include "support.h"

/* ---- running ImageMagick ---------------------------------------------- */

static bool
have_convert(void)
{
	return system("command -v convert >/dev/null 2>&1") == 0;
}

#define NEED_CONVERT() \
	do { \
		if (!have_convert()) { \
			print_message("ImageMagick's convert is missing: " \
			    "skipped\n"); \
			skip(); \
		} \
	} while (0)

/* Runs a shell command in the fixture's folder; fails the test when it
 * fails. */
static void sh(const ts_fixture *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sh(const ts_fixture *fx, const char *fmt, ...)
{
	char cmd[4096], full[5120];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && %s", fx->dir, cmd);
	if (system(full) != 0)
		fail_msg("fixture command failed: %s", cmd);
}

/* A pattern of every colour kind, the same upside down or mirrored
 * only by accident: a gradient with a disc and a square off its
 * centre, WxH pixels, into NAME (a PNG). */
static void
draw_pattern(const ts_fixture *fx, const char *name, unsigned w,
    unsigned h)
{
	sh(fx, "convert -size %ux%u gradient:'#f00'-'#00f' -fill '#0f0' "
	    "-draw 'circle %u,%u %u,%u' -fill '#ff0' -draw 'rectangle %u,%u "
	    "%u,%u' -fill '#fff' -draw 'rectangle 0,0 %u,1' %s", w, h,
	    w / 4, h / 4, w / 4, h / 4 + h / 6 + 1, w * 2 / 3, h * 2 / 3,
	    w - 3, h - 3, w / 2, name);
}

/* ImageMagick's decoding of page `page` of the file: w x h pixels of
 * 8-bit RGBA (caller frees). */
static unsigned char *
im_pixels(const ts_fixture *fx, const char *name, size_t page,
    unsigned w, unsigned h)
{
	char cmd[2048];
	unsigned char *out;
	size_t want = (size_t)w * h * 4, got;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "convert '%s/%s[%zu]' -depth 8 rgba:-",
	    fx->dir, name, page);
	if ((f = popen(cmd, "r")) == NULL)
		fail_msg("cannot run %s", cmd);
	if ((out = malloc(want + 1)) == NULL)
		fail_msg("out of memory");
	got = fread(out, 1, want + 1, f);
	if (pclose(f) != 0 || got != want)
		fail_msg("%s gave %zu bytes, not %zu", cmd, got, want);
	return out;
}

/* ---- decoding with claimpack ------------------------------------------ */

typedef struct {
	cp__raster_info info;
	unsigned char *rgba;    /* the page as 8-bit RGBA */
	unsigned char icc[8];   /* the profile's first bytes, if any */
} page_t;

/* Decodes page `page` of NAME through cp__raster_read, `chunk` rows at a
 * time, into page->rgba. */
static void
decode(ts_fixture *fx, const char *name, size_t page, unsigned chunk,
    page_t *out)
{
	const cp__raster_info *in;
	unsigned char *rows, *px;
	cp__raster *r = NULL;
	size_t row_bytes;
	unsigned y, n = 0, x, k, i;
	int rc;

	rc = cp__raster_open(&r, ts_path(fx, name), CP__FORMAT_TIFF, page,
	    name, &fx->err);
	ts_assert_ok(rc, &fx->err);
	in = cp__raster_get_info(r);
	out->info = *in;
	if (in->icc != NULL)
		memcpy(out->icc, in->icc, sizeof(out->icc));
	out->info.icc = NULL;
	row_bytes = cp__raster_row_bytes(in);
	if ((rows = malloc(row_bytes * chunk)) == NULL ||
	    (out->rgba = malloc((size_t)in->width * in->height * 4)) == NULL)
		fail_msg("out of memory");
	px = out->rgba;
	for (y = 0; y < in->height; y += n) {
		n = in->height - y < chunk ? in->height - y : chunk;
		memset(rows, 0xA5, row_bytes * n);
		rc = cp__raster_read(r, rows, n, &fx->err);
		ts_assert_ok(rc, &fx->err);
		for (i = 0; i < n; i++) {
			const unsigned char *row = rows + i * row_bytes, *p;

			for (x = 0; x < in->width; x++) {
				if (in->bits == 1) {
					k = row[x / 8] >> (7 - x % 8) & 1 ?
					    255 : 0;
					*px++ = (unsigned char)k;
					*px++ = (unsigned char)k;
					*px++ = (unsigned char)k;
					*px++ = 255;
					continue;
				}
				p = row + (size_t)x * (in->components +
				    (in->alpha ? 1 : 0));
				for (k = 0; k < 3; k++)
					*px++ = p[in->components == 1 ? 0 : k];
				*px++ = in->alpha ? p[in->components] : 255;
			}
			/* The padding bits of a bilevel row are 0. */
			if (in->bits == 1 && in->width % 8 != 0)
				assert_int_equal(row[row_bytes - 1] &
				    (0xff >> (in->width % 8)), 0);
		}
	}
	/* Reading past the last row is an error. */
	assert_int_equal(cp__raster_read(r, rows, 1, &fx->err), CP_EIO);
	free(rows);
	cp__raster_close(r);
}

/* The largest difference between our page and ImageMagick's, colours
 * weighted by their opacity (a transparent pixel's colour is not seen). */
static unsigned
max_difference(const unsigned char *a, const unsigned char *b, size_t pixels)
{
	unsigned worst = 0, d, k;
	size_t i;

	for (i = 0; i < pixels; i++, a += 4, b += 4) {
		for (k = 0; k < 3; k++) {
			int ca = a[k] * a[3], cb = b[k] * b[3];

			d = (unsigned)abs(ca - cb) / 255u;
			if (d > worst)
				worst = d;
		}
		d = (unsigned)abs(a[3] - b[3]);
		if (d > worst)
			worst = d;
	}
	return worst;
}

/* Decodes page `page` of NAME and checks it against ImageMagick's
 * decoding of its image `image` within `tolerance`; returns what the
 * page said it is. */
static cp__raster_info
check_image(ts_fixture *fx, const char *name, size_t page, size_t image,
    unsigned tolerance)
{
	unsigned char *ref;
	unsigned diff;
	page_t p;

	memset(&p, 0, sizeof(p));
	decode(fx, name, page, 7, &p);
	ref = im_pixels(fx, name, image, p.info.width, p.info.height);
	diff = max_difference(p.rgba, ref,
	    (size_t)p.info.width * p.info.height);
	if (diff > tolerance)
		fail_msg("%s page %zu differs from ImageMagick's by %u",
		    name, page + 1, diff);
	free(ref);
	free(p.rgba);
	return p.info;
}

static cp__raster_info
check_page(ts_fixture *fx, const char *name, size_t page,
    unsigned tolerance)
{
	return check_image(fx, name, page, page, tolerance);
}

static size_t
count(ts_fixture *fx, const char *name)
{
	size_t pages = 99;
	int rc;

	rc = cp__raster_count(ts_path(fx, name), CP__FORMAT_TIFF, &pages,
	    name, &fx->err);
	ts_assert_ok(rc, &fx->err);
	return pages;
}

/* The whole-file check refuses NAME with CP_EIO and a message holding
 * `words`. */
static void
assert_refused(ts_fixture *fx, const char *name, const char *words)
{
	int rc;

	memset(&fx->err, 0, sizeof(fx->err));
	rc = cp__raster_verify(ts_path(fx, name), CP__FORMAT_TIFF, name,
	    &fx->err);
	if (rc != CP_EIO)
		fail_msg("%s: %d, not CP_EIO (%s)", name, rc, fx->err.message);
	if (words != NULL && strstr(fx->err.message, words) == NULL)
		fail_msg("%s: \"%s\" does not say \"%s\"", name,
		    fx->err.message, words);
}

/* ---- writing TIFFs with libtiff --------------------------------------- */

/* The colour of pixel (x, y), channel c, of the libtiff-made pages. */
static unsigned char
pattern(unsigned x, unsigned y, unsigned c)
{
	switch (c) {
	case 0: return (unsigned char)(x * 255 / 64);
	case 1: return (unsigned char)(y * 255 / 48);
	case 2: return (unsigned char)((x / 8 + y / 8) % 2 ? 200 : 40);
	default: return (unsigned char)(x < 20 ? 255 : x * 4);
	}
}

static TIFF *
lt_open(ts_fixture *fx, const char *name, const char *mode)
{
	TIFF *tif = TIFFOpen(ts_path(fx, name), mode);

	if (tif == NULL)
		fail_msg("libtiff cannot create %s", name);
	return tif;
}

/* Writes one page of `samples` 8-bit samples of the pattern, one
 * scanline at a time, with the fields already set by the caller. */
static void
lt_rows(TIFF *tif, unsigned w, unsigned h, unsigned samples)
{
	unsigned char row[4 * 256];
	unsigned x, y, c;

	assert_true(w * samples <= sizeof(row));
	TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(tif, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
	TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
	TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++)
			for (c = 0; c < samples; c++)
				row[x * samples + c] = pattern(x, y,
				    samples == 1 ? 1 : c);
		if (TIFFWriteScanline(tif, row, y, 0) < 0)
			fail_msg("libtiff cannot write row %u", y);
	}
	if (!TIFFWriteDirectory(tif))
		fail_msg("libtiff cannot write a directory");
}

/* A page of w x h 8-bit RGB, uncompressed, with NewSubfileType `kind`. */
static void
lt_rgb_page(TIFF *tif, unsigned w, unsigned h, uint32_t kind)
{
	TIFFSetField(tif, TIFFTAG_SUBFILETYPE, kind);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
	TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 8);
	lt_rows(tif, w, h, 3);
}

/* ---- hand-made TIFFs -------------------------------------------------- */

typedef struct {
	unsigned char b[4096];
	size_t n;
} bytes;

static void
le16(bytes *o, unsigned v)
{
	assert_true(o->n + 2 <= sizeof(o->b));
	o->b[o->n++] = (unsigned char)(v & 0xff);
	o->b[o->n++] = (unsigned char)(v >> 8 & 0xff);
}

static void
le32(bytes *o, uint32_t v)
{
	le16(o, v & 0xffff);
	le16(o, v >> 16);
}

static void
entry(bytes *o, unsigned tag, unsigned type, uint32_t value)
{
	le16(o, tag);
	le16(o, type);
	le32(o, 1);
	if (type == 3) {
		le16(o, value);
		le16(o, 0);
	} else {
		le32(o, value);
	}
}

/*
 * A little-endian TIFF of one w x h 8-bit grey page: header, its one
 * directory at 8 (whose next-directory offset is `next`), then
 * `have` bytes of a strip whose byte count says `claim`.
 */
static void
raw_tiff(bytes *o, uint32_t w, uint32_t h, uint32_t claim, uint32_t have,
    uint32_t next)
{
	const uint32_t data = 8 + 2 + 9 * 12 + 4;
	uint32_t i;

	o->n = 0;
	memcpy(o->b, "II*\0", 4);
	o->n = 4;
	le32(o, 8);
	le16(o, 9);
	entry(o, 256, 4, w);
	entry(o, 257, 4, h);
	entry(o, 258, 3, 8);
	entry(o, 259, 3, 1);
	entry(o, 262, 3, 1);
	entry(o, 273, 4, data);
	entry(o, 277, 3, 1);
	entry(o, 278, 4, h);
	entry(o, 279, 4, claim);
	le32(o, next);
	assert_int_equal(o->n, data);
	assert_true(o->n + have <= sizeof(o->b));
	for (i = 0; i < have; i++)
		o->b[o->n++] = (unsigned char)(i * 7);
}

/* The file's bytes (caller frees). */
static unsigned char *
slurp(ts_fixture *fx, const char *name, size_t *len)
{
	unsigned char *buf;
	FILE *f = fopen(ts_path(fx, name), "rb");
	long n = 0;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		fail_msg("cannot read %s", name);
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n)
		fail_msg("cannot read %s", name);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Where the first strip of page `page` starts, and its length. */
static void
strip_of(ts_fixture *fx, const char *name, unsigned page, uint64_t *offset,
    uint64_t *length)
{
	TIFF *tif = lt_open(fx, name, "r");
	uint64_t *off, *len;

	assert_true(TIFFSetDirectory(tif, (tdir_t)page));
	assert_true(TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &off));
	assert_true(TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &len));
	*offset = off[0];
	*length = len[0];
	TIFFClose(tif);
}

/* ---- the tests -------------------------------------------------------- */

/* Three pages of different sizes and kinds: each is itself. */
static void
test_raster_tiff__multipage(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;

	NEED_CONVERT();
	draw_pattern(fx, "a.png", 61, 40);
	draw_pattern(fx, "c.png", 150, 97);
	sh(fx, "convert a.png -depth 8 -compress LZW p1.tif && "
	    "convert -size 30x50 gradient:white-black -colorspace Gray "
	    "-compress Zip p2.tif && "
	    "convert c.png -monochrome -compress Group4 p3.tif && "
	    "convert p1.tif p2.tif p3.tif multi.tif");
	assert_int_equal(count(fx, "multi.tif"), 3);
	in = check_page(fx, "multi.tif", 0, 1);
	assert_int_equal(in.width, 61);
	assert_int_equal(in.height, 40);
	assert_int_equal(in.components, 3);
	assert_int_equal(in.bits, 8);
	assert_false(in.alpha);
	in = check_page(fx, "multi.tif", 1, 1);
	assert_int_equal(in.width, 30);
	assert_int_equal(in.height, 50);
	assert_int_equal(in.components, 1);
	assert_int_equal(in.bits, 8);
	in = check_page(fx, "multi.tif", 2, 0);
	assert_int_equal(in.width, 150);
	assert_int_equal(in.height, 97);
	assert_int_equal(in.bits, 1);
	ts_assert_ok(cp__raster_verify(ts_path(fx, "multi.tif"),
	    CP__FORMAT_TIFF, "multi.tif", &fx->err), &fx->err);
	/* There is no fourth page. */
	{
		cp__raster *r = NULL;

		assert_int_equal(cp__raster_open(&r, ts_path(fx, "multi.tif"),
		    CP__FORMAT_TIFF, 3, "multi.tif", &fx->err), CP_EIO);
		assert_null(r);
	}
}

/* Fax pages stay 1-bit, and are the same pixels as ImageMagick's. */
static void
test_raster_tiff__fax(void **state)
{
	static const char *const kinds[] = { "Group4", "Fax", "LZW", "None",
		"RLE" };
	ts_fixture *fx = *state;
	cp__raster_info in;
	char name[32];
	size_t i;

	NEED_CONVERT();
	sh(fx, "convert -size 203x77 xc:white -fill black "
	    "-draw 'circle 100,38 100,5' -draw 'rectangle 3,3 40,20' "
	    "-draw 'line 0,76 202,0' bw.png");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(name, sizeof(name), "bw-%s.tif", kinds[i]);
		sh(fx, "convert bw.png -monochrome -depth 1 -compress %s %s",
		    kinds[i], name);
		in = check_page(fx, name, 0, 0);
		assert_int_equal(in.bits, 1);
		assert_int_equal(in.components, 1);
		assert_int_equal(in.width, 203);
		assert_int_equal(in.height, 77);
	}
	/* Stored with 0 as black, and a bit order of least significant
	 * first. */
	sh(fx, "convert bw.png -monochrome -define tiff:photometric="
	    "min-is-black -define tiff:fill-order=lsb -compress Group4 "
	    "bw-black.tif");
	in = check_page(fx, "bw-black.tif", 0, 0);
	assert_int_equal(in.bits, 1);
}

/* Colour pages of every common kind, as ImageMagick decodes them. */
static void
test_raster_tiff__colour(void **state)
{
	static const struct {
		const char *options;
		int components;
		unsigned tolerance;
	} kinds[] = {
		{ "-depth 8 -compress LZW", 3, 1 },
		{ "-depth 8 -compress Zip -colorspace Gray", 1, 1 },
		{ "-depth 16 -compress Zip", 3, 1 },
		{ "-depth 16 -compress LZW -colorspace Gray", 1, 1 },
		{ "-depth 8 -compress JPEG -quality 95", 3, 2 },
		{ "-depth 8 -compress None -type Palette", 3, 1 },
		{ "-depth 8 -compress LZW -colorspace Gray -type Palette "
		    "-colors 16", 1, 1 },
		{ "-depth 4 -compress None -colorspace Gray", 1, 1 },
		{ "-depth 8 -compress LZW -colorspace Gray "
		    "-define tiff:photometric=min-is-white", 1, 1 },
		{ "-depth 8 -compress LZW -interlace Plane", 3, 1 },
		{ "-depth 8 -colorspace CMYK -compress LZW", 3, 2 },
	};
	ts_fixture *fx = *state;
	cp__raster_info in;
	char name[32];
	size_t i, tiled;

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 70, 45);
	for (i = 0; i < 2 * sizeof(kinds) / sizeof(kinds[0]); i++) {
		/* Each kind in strips, then in tiles that the page's right
		 * and bottom edges cut. */
		tiled = i % 2;
		snprintf(name, sizeof(name), "c%zu%s.tif", i / 2,
		    tiled ? "-tiled" : "");
		sh(fx, "convert p.png %s %s %s", kinds[i / 2].options,
		    tiled ? "-define tiff:tile-geometry=32x16" : "", name);
		in = check_page(fx, name, 0, kinds[i / 2].tolerance);
		if (in.components != kinds[i / 2].components)
			fail_msg("%s: %d components, not %d",
			    kinds[i / 2].options, in.components,
			    kinds[i / 2].components);
		assert_int_equal(in.bits, 8);
		assert_false(in.alpha);
		assert_int_equal(in.width, 70);
		assert_int_equal(in.height, 45);
	}
}

/* A tall tiled page and a tall page of one strip: read in bands that
 * never hold the page whole, every row right. */
static void
test_raster_tiff__bands(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;

	NEED_CONVERT();
	draw_pattern(fx, "tall.png", 37, 700);
	sh(fx, "convert tall.png -depth 8 -compress LZW "
	    "-define tiff:tile-geometry=32x48 tiled.tif && "
	    "convert tall.png -depth 8 -compress Zip "
	    "-define tiff:rows-per-strip=700 strip.tif && "
	    "convert tall.png -depth 8 -compress LZW "
	    "-define tiff:rows-per-strip=5 strips.tif && "
	    "convert tall.png -monochrome -compress Group4 "
	    "-define tiff:tile-geometry=16x16 bwtiled.tif && "
	    "convert tall.png -monochrome -depth 1 -compress None "
	    "-define tiff:tile-geometry=16x16 bwplain.tif");
	check_page(fx, "tiled.tif", 0, 1);
	check_page(fx, "strip.tif", 0, 1);
	check_page(fx, "strips.tif", 0, 1);
	/* A tiled bilevel page cannot be read by scanlines: still 1-bit. */
	in = check_page(fx, "bwtiled.tif", 0, 0);
	assert_int_equal(in.bits, 1);
	in = check_page(fx, "bwplain.tif", 0, 0);
	assert_int_equal(in.bits, 1);
}

/* JPEG-compressed YCbCr with 2x2 subsampling, as scanners write it. */
static void
test_raster_tiff__ycbcr_jpeg(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;
	TIFF *tif;

	NEED_CONVERT();
	tif = lt_open(fx, "ycbcr.tif", "w");
	TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
	TIFFSetField(tif, TIFFTAG_YCBCRSUBSAMPLING, 2, 2);
	TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 95);
	TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
	TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 16);
	lt_rows(tif, 75, 90, 3);
	TIFFClose(tif);
	in = check_page(fx, "ycbcr.tif", 0, 3);
	assert_int_equal(in.components, 3);
	assert_int_equal(in.width, 75);
	assert_int_equal(in.height, 90);
}

/* Alpha, unassociated (as ImageMagick writes it) and associated
 * (premultiplied, divided out), for colour and grey. */
static void
test_raster_tiff__alpha(void **state)
{
	static const struct {
		const char *options;
		int components;
	} kinds[] = {
		{ "-depth 8", 3 },
		{ "-depth 16", 3 },
		{ "-depth 8 -define tiff:alpha=associated", 3 },
		{ "-depth 16 -define tiff:alpha=associated", 3 },
		{ "-depth 8 -interlace Plane", 3 },
		{ "-depth 8 -colorspace Gray", 1 },
		{ "-depth 8 -define tiff:tile-geometry=16x16", 3 },
		{ "-depth 16 -define tiff:alpha=associated "
		    "-define tiff:tile-geometry=16x16", 3 },
		{ "-depth 8 -colorspace Gray -define tiff:tile-geometry=16x16",
		    1 },
	};
	ts_fixture *fx = *state;
	cp__raster_info in;
	char name[32];
	size_t i;

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 64, 40);
	sh(fx, "convert p.png \\( -size 40x64 gradient:white-black -rotate 90 "
	    "\\) -alpha off -compose CopyOpacity -composite pa.png");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(name, sizeof(name), "a%zu.tif", i);
		sh(fx, "convert pa.png %s -compress LZW %s", kinds[i].options,
		    name);
		in = check_page(fx, name, 0, 2);
		if (!in.alpha || in.components != kinds[i].components)
			fail_msg("%s: alpha %d, %d components",
			    kinds[i].options, in.alpha, in.components);
	}
}

/* Orientation 6: the pixels as stored, the tag reported. */
static void
test_raster_tiff__orientation(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;
	int o;
	char name[32];

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 50, 30);
	sh(fx, "convert p.png -depth 8 -orient RightTop o6.tif");
	in = check_page(fx, "o6.tif", 0, 1);
	assert_int_equal(in.orientation, 6);
	assert_int_equal(in.width, 50);
	assert_int_equal(in.height, 30);
	/* Every other value too, on a bilevel page and a colour one. */
	for (o = 1; o <= 8; o++) {
		TIFF *tif;

		snprintf(name, sizeof(name), "o%d.tif", o);
		tif = lt_open(fx, name, "w");
		TIFFSetField(tif, TIFFTAG_ORIENTATION, o);
		lt_rgb_page(tif, 40, 24, 0);
		TIFFClose(tif);
		in = check_page(fx, name, 0, 0);
		assert_int_equal(in.orientation, o);
		sh(fx, "convert %s -monochrome -compress Group4 bw%s", name,
		    name);
		snprintf(name, sizeof(name), "bwo%d.tif", o);
		in = check_page(fx, name, 0, 0);
		assert_int_equal(in.orientation, o);
		assert_int_equal(in.bits, 1);
	}
}

/* Resolution in inches, centimetres, or without a unit. */
static void
test_raster_tiff__resolution(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;
	TIFF *tif;

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 20, 10);
	sh(fx, "convert p.png -units PixelsPerCentimeter -density 40x20 "
	    "cm.tif && convert p.png -units PixelsPerInch -density 300x150 "
	    "in.tif && convert p.png -monochrome -compress Group4 "
	    "-units PixelsPerCentimeter -density 80 fax.tif");
	in = check_page(fx, "cm.tif", 0, 1);
	assert_true(in.dpi_x > 101.59 && in.dpi_x < 101.61);
	assert_true(in.dpi_y > 50.79 && in.dpi_y < 50.81);
	in = check_page(fx, "in.tif", 0, 1);
	assert_true(in.dpi_x > 299.99 && in.dpi_x < 300.01);
	assert_true(in.dpi_y > 149.99 && in.dpi_y < 150.01);
	in = check_page(fx, "fax.tif", 0, 0);
	assert_true(in.dpi_x > 203.19 && in.dpi_x < 203.21);

	tif = lt_open(fx, "none.tif", "w");
	TIFFSetField(tif, TIFFTAG_XRESOLUTION, 72.0);
	TIFFSetField(tif, TIFFTAG_YRESOLUTION, 72.0);
	TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
	lt_rgb_page(tif, 20, 10, 0);
	TIFFClose(tif);
	in = check_page(fx, "none.tif", 0, 0);
	assert_true(in.dpi_x == 0 && in.dpi_y == 0);

	tif = lt_open(fx, "unset.tif", "w");
	lt_rgb_page(tif, 20, 10, 0);
	TIFFClose(tif);
	in = check_page(fx, "unset.tif", 0, 0);
	assert_true(in.dpi_x == 0 && in.dpi_y == 0);
}

/* A whole ICC profile of `space` ("RGB ", "GRAY") and `len` bytes, as
 * cp__raster_icc_fits wants it. */
static void
fake_icc(unsigned char *icc, size_t len, const char *space)
{
	memset(icc, 0, len);
	icc[0] = (unsigned char)(len >> 24);
	icc[1] = (unsigned char)(len >> 16);
	icc[2] = (unsigned char)(len >> 8);
	icc[3] = (unsigned char)len;
	memcpy(icc + 12, "mntr", 4);
	memcpy(icc + 16, space, 4);
	memcpy(icc + 20, "XYZ ", 4);
	memcpy(icc + 36, "acsp", 4);
}

/* An RGB profile is kept on an RGB page, dropped on a grey one. */
static void
test_raster_tiff__icc(void **state)
{
	ts_fixture *fx = *state;
	unsigned char icc[200];
	page_t p;
	TIFF *tif;

	fake_icc(icc, sizeof(icc), "RGB ");
	tif = lt_open(fx, "icc.tif", "w");
	TIFFSetField(tif, TIFFTAG_ICCPROFILE, (uint32_t)sizeof(icc), icc);
	lt_rgb_page(tif, 16, 16, 0);
	TIFFSetField(tif, TIFFTAG_ICCPROFILE, (uint32_t)sizeof(icc), icc);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
	lt_rows(tif, 16, 16, 1);
	TIFFClose(tif);
	assert_int_equal(count(fx, "icc.tif"), 2);

	memset(&p, 0, sizeof(p));
	decode(fx, "icc.tif", 0, 16, &p);
	assert_int_equal(p.info.icc_len, sizeof(icc));
	assert_memory_equal(p.icc, icc, sizeof(p.icc));
	free(p.rgba);
	memset(&p, 0, sizeof(p));
	decode(fx, "icc.tif", 1, 16, &p);
	assert_int_equal(p.info.components, 1);
	assert_int_equal(p.info.icc_len, 0);
	free(p.rgba);
}

/* Thumbnails (reduced-resolution copies after the first directory) are
 * not pages. */
static void
test_raster_tiff__thumbnails(void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info in;
	TIFF *tif;

	NEED_CONVERT();
	tif = lt_open(fx, "thumbs.tif", "w");
	lt_rgb_page(tif, 64, 48, 0);
	lt_rgb_page(tif, 16, 12, FILETYPE_REDUCEDIMAGE);
	lt_rgb_page(tif, 40, 30, FILETYPE_PAGE);
	lt_rgb_page(tif, 10, 8, FILETYPE_REDUCEDIMAGE | FILETYPE_PAGE);
	TIFFClose(tif);
	assert_int_equal(count(fx, "thumbs.tif"), 2);
	in = check_page(fx, "thumbs.tif", 0, 0);
	assert_int_equal(in.width, 64);
	/* ImageMagick counts the thumbnail: page 2 is its third image. */
	in = check_image(fx, "thumbs.tif", 1, 2, 0);
	assert_int_equal(in.width, 40);
	assert_int_equal(in.height, 30);
	ts_assert_ok(cp__raster_verify(ts_path(fx, "thumbs.tif"),
	    CP__FORMAT_TIFF, "thumbs.tif", &fx->err), &fx->err);
}

/* A BigTIFF is sniffed as a TIFF and read like one. */
static void
test_raster_tiff__bigtiff(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *buf;
	size_t len;
	TIFF *tif;

	NEED_CONVERT();
	tif = lt_open(fx, "big.tif", "w8");
	lt_rgb_page(tif, 30, 20, 0);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
	lt_rows(tif, 25, 15, 1);
	TIFFClose(tif);
	buf = slurp(fx, "big.tif", &len);
	assert_memory_equal(buf, "II+\0", 4);
	assert_int_equal(cp__sniff(buf, len), CP__FORMAT_TIFF);
	assert_int_equal(cp__sniff((const unsigned char *)"MM\0+\0\10\0\0",
	    8), CP__FORMAT_TIFF);
	free(buf);
	{
		/* A dual DICOM-TIFF file (a TIFF header in the DICOM
		 * preamble, as pydicom's CT_small has) is a DICOM file. */
		unsigned char dual[140] = "II*\0";

		memcpy(dual + 128, "DICM", 4);
		assert_int_equal(cp__sniff(dual, sizeof(dual)),
		    CP__FORMAT_DICOM);
	}
	assert_int_equal(count(fx, "big.tif"), 2);
	check_page(fx, "big.tif", 0, 0);
	check_page(fx, "big.tif", 1, 0);
}

/* A page claiming 100000 x 100000 pixels is refused by its size, before
 * a row is decoded, however the other pages are. */
static void
test_raster_tiff__huge(void **state)
{
	ts_fixture *fx = *state;
	cp__raster *r = NULL;
	size_t pages = 7;
	bytes o;

	raw_tiff(&o, 100000, 100000, 100, 100, 0);
	ts_write_bytes(fx->dir, "huge.tif", o.b, o.n);
	assert_int_equal(cp__raster_count(ts_path(fx, "huge.tif"),
	    CP__FORMAT_TIFF, &pages, "huge.tif", &fx->err), CP_EIO);
	assert_int_equal(pages, 0);
	assert_non_null(strstr(fx->err.message,
	    "TIFF page 1 is 100000 x 100000 pixels"));
	assert_int_equal(cp__raster_open(&r, ts_path(fx, "huge.tif"),
	    CP__FORMAT_TIFF, 0, "huge.tif", &fx->err), CP_EIO);
	assert_null(r);
	assert_non_null(strstr(fx->err.message, "100000 x 100000"));
	assert_refused(fx, "huge.tif", "100000 x 100000");

	/* Within the limits it is read, to check the builder. */
	raw_tiff(&o, 10, 10, 100, 100, 0);
	ts_write_bytes(fx->dir, "small.tif", o.b, o.n);
	ts_assert_ok(cp__raster_verify(ts_path(fx, "small.tif"),
	    CP__FORMAT_TIFF, "small.tif", &fx->err), &fx->err);
}

/* More pages than claimpack takes. */
static void
test_raster_tiff__too_many_pages(void **state)
{
	ts_fixture *fx = *state;
	size_t pages = 7;

	NEED_CONVERT();
	sh(fx, "convert -size 2x2 xc:white -duplicate %u -compress None "
	    "many.tif", CP__RASTER_MAX_PAGES);
	assert_int_equal(cp__raster_count(ts_path(fx, "many.tif"),
	    CP__FORMAT_TIFF, &pages, "many.tif", &fx->err), CP_EIO);
	assert_int_equal(pages, 0);
	assert_non_null(strstr(fx->err.message, "more than 1000 pages"));
}

/* A chain of directories that loops back is damage, not a hang. */
static void
test_raster_tiff__loop(void **state)
{
	ts_fixture *fx = *state;
	uint64_t first, second;
	unsigned char *buf;
	size_t len, at;
	TIFF *tif;
	bytes o;

	/* A directory naming itself as the next. */
	raw_tiff(&o, 10, 10, 100, 100, 8);
	ts_write_bytes(fx->dir, "self.tif", o.b, o.n);
	assert_refused(fx, "self.tif", "TIFF is damaged");

	/* The second of two pointing back at the first. */
	tif = lt_open(fx, "loop.tif", "w");
	lt_rgb_page(tif, 8, 8, 0);
	lt_rgb_page(tif, 8, 8, 0);
	TIFFClose(tif);
	tif = lt_open(fx, "loop.tif", "r");
	first = TIFFCurrentDirOffset(tif);
	assert_true(TIFFReadDirectory(tif));
	second = TIFFCurrentDirOffset(tif);
	TIFFClose(tif);
	buf = slurp(fx, "loop.tif", &len);
	assert_memory_equal(buf, "II*\0", 4);
	at = (size_t)second + 2 + 12 * (size_t)(buf[second] |
	    buf[second + 1] << 8);
	assert_true(at + 4 <= len);
	buf[at] = (unsigned char)first;
	buf[at + 1] = (unsigned char)(first >> 8);
	buf[at + 2] = (unsigned char)(first >> 16);
	buf[at + 3] = (unsigned char)(first >> 24);
	ts_write_bytes(fx->dir, "loop.tif", buf, len);
	free(buf);
	assert_refused(fx, "loop.tif", "TIFF is damaged");
}

/* Files cut short anywhere, and strips that run past the end. */
static void
test_raster_tiff__truncated(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *buf;
	size_t len, cut;
	char name[32];
	bytes o;
	int i, k;

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 80, 60);
	sh(fx, "convert p.png -depth 8 -compress LZW lzw.tif && "
	    "convert p.png -monochrome -compress Group4 g4.tif && "
	    "convert p.png -depth 8 -compress JPEG jpeg.tif && "
	    "convert lzw.tif g4.tif multi.tif");
	for (k = 0; k < 4; k++) {
		const char *src = k == 0 ? "lzw.tif" : k == 1 ? "g4.tif" :
		    k == 2 ? "jpeg.tif" : "multi.tif";

		buf = slurp(fx, src, &len);
		for (i = 1; i <= 9; i++) {
			cut = len * (size_t)i / 10;
			snprintf(name, sizeof(name), "cut%d-%d.tif", k, i);
			ts_write_bytes(fx->dir, name, buf, cut);
			assert_refused(fx, name, "TIFF");
		}
		free(buf);
	}
	/* The data cut short, the directory whole: the strip runs past the
	 * end of the file. */
	raw_tiff(&o, 10, 10, 100, 60, 0);
	ts_write_bytes(fx->dir, "short.tif", o.b, o.n);
	assert_refused(fx, "short.tif", "TIFF is damaged");
	/* Empty, and the header alone. */
	ts_write_bytes(fx->dir, "empty.tif", "", 0);
	assert_refused(fx, "empty.tif", NULL);
	ts_write_bytes(fx->dir, "header.tif", "II*\0\10\0\0\0", 8);
	assert_refused(fx, "header.tif", "TIFF is damaged");
}

/* Damaged compressed data: CP_EIO naming the page, never a crash. */
static void
test_raster_tiff__corrupt(void **state)
{
	static const char *const files[] = { "g4.tif", "lzw.tif",
		"multi.tif" };
	ts_fixture *fx = *state;
	uint64_t off = 0, n = 0, i;
	unsigned char *buf;
	size_t len, f;

	NEED_CONVERT();
	draw_pattern(fx, "p.png", 120, 90);
	sh(fx, "convert p.png -depth 8 -compress LZW lzw.tif && "
	    "convert p.png -monochrome -compress Group4 g4.tif && "
	    "convert g4.tif lzw.tif multi.tif");
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		bool multi = strcmp(files[f], "multi.tif") == 0;

		/* Page 2 of multi.tif is the LZW one. */
		strip_of(fx, files[f], multi ? 1 : 0, &off, &n);
		buf = slurp(fx, files[f], &len);
		assert_true(off + n <= len && n > 16);
		for (i = n / 4; i < n / 4 + 12; i++)
			buf[off + i] ^= 0x5a;
		buf[off] = 0xff;
		buf[off + 1] = 0xff;
		ts_write_bytes(fx->dir, "bad.tif", buf, len);
		free(buf);
		assert_refused(fx, "bad.tif", multi ? "TIFF page 2 is damaged" :
		    "TIFF is damaged");
	}
	/* The directory's entry count made absurd. */
	buf = slurp(fx, "lzw.tif", &len);
	off = (uint64_t)buf[4] | (uint64_t)buf[5] << 8 |
	    (uint64_t)buf[6] << 16 | (uint64_t)buf[7] << 24;
	assert_true(off + 2 <= len);
	buf[off] = 0xff;
	buf[off + 1] = 0xff;
	ts_write_bytes(fx->dir, "baddir.tif", buf, len);
	free(buf);
	assert_refused(fx, "baddir.tif", "TIFF is damaged");
}

/* A file that is not there, or not readable. */
static void
test_raster_tiff__unreadable(void **state)
{
	ts_fixture *fx = *state;
	size_t pages = 3;

	assert_int_equal(cp__raster_count(ts_path(fx, "missing.tif"),
	    CP__FORMAT_TIFF, &pages, "missing.tif", &fx->err), CP_EIO);
	assert_int_equal(pages, 0);
	assert_non_null(strstr(fx->err.message, "cannot be read"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_raster_tiff__##name, \
	    ts_setup, ts_teardown)
		T(multipage),
		T(fax),
		T(colour),
		T(bands),
		T(ycbcr_jpeg),
		T(alpha),
		T(orientation),
		T(resolution),
		T(icc),
		T(thumbnails),
		T(bigtiff),
		T(huge),
		T(too_many_pages),
		T(loop),
		T(truncated),
		T(corrupt),
		T(unreadable),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
