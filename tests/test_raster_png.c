/* test_raster_png.c - PNG images decoded with libpng (input/raster_png.c):
 * every colour type, bit depth, interlacing and transparency PngSuite
 * covers, compared pixel by pixel with ImageMagick's decoding; damaged
 * files refused with CP_EIO, libpng's warnings not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <png.h>
#include <zlib.h>

#include "input/raster.h"
#include "support.h"
#include "png_fixtures.h"

/* ---- making damaged PNGs ---------------------------------------------- */


/* A PNG put together chunk by chunk, for damage libpng would not write. */
typedef struct {
	unsigned char *b;
	size_t n, cap;
} buf;

static void
buf_put(buf *o, const void *p, size_t n)
{
	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2 + 64;
		o->b = realloc(o->b, o->cap);
		assert_non_null(o->b);
	}
	if (n > 0)
		memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void
buf_be32(buf *o, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };

	buf_put(o, b, 4);
}

static void
chunk(buf *o, const char *type, const void *data, size_t len)
{
	uLong crc = crc32(0, (const Bytef *)type, 4);

	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	buf_be32(o, (uint32_t)len);
	buf_put(o, type, 4);
	buf_put(o, data, len);
	buf_be32(o, (uint32_t)crc);
}

/* The signature and IHDR of an 8-bit RGB PNG of w x h. */
static void
rgb_head(buf *o, uint32_t w, uint32_t h)
{
	buf ihdr = { NULL, 0, 0 };

	buf_put(o, "\x89PNG\r\n\x1a\n", 8);
	buf_be32(&ihdr, w);
	buf_be32(&ihdr, h);
	buf_put(&ihdr, "\x08\x02\x00\x00\x00", 5);
	chunk(o, "IHDR", ihdr.b, ihdr.n);
	free(ihdr.b);
}

/* The zlib stream of an 8 x 4 RGB image whose rows have the filter
 * byte `filter`. */
static void
rgb_idat(buf *o, unsigned filter, const void *extra, size_t extra_len)
{
	unsigned char raw[4 * (1 + 8 * 3)], z[256];
	uLongf zlen = sizeof(z);
	unsigned i;

	for (i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)(i * 7);
	for (i = 0; i < 4; i++)
		raw[i * (1 + 8 * 3)] = (unsigned char)filter;
	assert_int_equal(compress2(z, &zlen, raw, sizeof(raw), 6), Z_OK);
	if (extra != NULL) {
		assert_true(zlen + extra_len <= sizeof(z));
		memcpy(z + zlen, extra, extra_len);
		zlen += extra_len;
	}
	chunk(o, "IDAT", z, zlen);
}

/* ---- decoding ------------------------------------------------------- */

/* Every pixel of `path` as RGBA, decoded by claimpack, rows read a few
 * at a time; *info receives what the raster said. */
static unsigned char *
decode_rgba(const char *path, cp__raster_info *info)
{
	cp__raster *r = NULL;
	cp_error err;
	unsigned char *rgba, *rows, *p;
	size_t rb;
	unsigned y, x, n, i, ch;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, path, CP__FORMAT_PNG, 0, "t.png", &err);
	ts_assert_ok(rc, &err);
	*info = *cp__raster_get_info(r);
	info->icc = NULL;       /* owned by the raster, closed below */
	rb = cp__raster_row_bytes(info);
	ch = (unsigned)info->components + (info->alpha ? 1u : 0u);
	rgba = calloc((size_t)info->width * info->height, 4);
	rows = calloc(3, rb);
	assert_non_null(rgba);
	assert_non_null(rows);
	for (y = 0; y < info->height; y += n) {
		n = info->height - y < 3 ? info->height - y : 3;
		rc = cp__raster_read(r, rows, n, &err);
		ts_assert_ok(rc, &err);
		for (i = 0; i < n; i++)
			for (x = 0; x < info->width; x++) {
				const unsigned char *row = rows + rb * i;

				p = rgba + ((size_t)(y + i) * info->width + x) *
				    4;
				if (info->bits == 1) {
					p[0] = p[1] = p[2] = (row[x / 8] >>
					    (7 - x % 8)) & 1 ? 255 : 0;
					p[3] = 255;
					continue;
				}
				p[0] = row[x * ch];
				p[1] = row[x * ch + (ch >= 3 ? 1 : 0)];
				p[2] = row[x * ch + (ch >= 3 ? 2 : 0)];
				p[3] = info->alpha ? row[x * ch + ch - 1] : 255;
			}
	}
	/* Past the last row is an error, not a crash. */
	assert_int_equal(cp__raster_read(r, rows, 1, &err), CP_EIO);
	cp__raster_close(r);
	free(rows);
	return rgba;
}

/* ImageMagick's decoding of `path` as 8-bit RGBA (w x h pixels). */
static unsigned char *
reference_rgba(const char *path, unsigned w, unsigned h)
{
	char cmd[1200];
	unsigned char *px = malloc((size_t)w * h * 4 + 1);
	size_t got;
	FILE *p;

	assert_non_null(px);
	snprintf(cmd, sizeof(cmd), "convert 'png:%s' -depth 8 rgba:-", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	got = fread(px, 1, (size_t)w * h * 4 + 1, p);
	assert_int_equal(pclose(p), 0);
	if (got != (size_t)w * h * 4)
		fail_msg("convert gave %zu bytes for %u x %u pixels", got, w,
		    h);
	return px;
}

/* Whether the two decodings agree within `tol` per sample; colours of
 * pixels that are wholly transparent do not count. */
static void
assert_same_pixels(const char *what, const unsigned char *got,
    const unsigned char *want, unsigned w, unsigned h, int tol)
{
	size_t i, n = (size_t)w * h;
	int c, d;

	for (i = 0; i < n; i++) {
		for (c = 3; c >= 0; c--) {
			if (c < 3 && want[i * 4 + 3] == 0)
				break;
			d = got[i * 4 + c] - want[i * 4 + c];
			if (d > tol || d < -tol)
				fail_msg("%s: pixel (%zu, %zu) sample %d is %u, "
				    "ImageMagick says %u", what, i % w, i / w,
				    c, got[i * 4 + c], want[i * 4 + c]);
		}
	}
}

/* ---- tests ---------------------------------------------------------- */

static const png_kind kinds[] = {
	/* grey */
	{ "basn0g01", 0, 1, false, false, 32, 32 },
	{ "basn0g02", 0, 2, false, false, 32, 32 },
	{ "basn0g04", 0, 4, false, false, 32, 32 },
	{ "basn0g08", 0, 8, false, false, 32, 32 },
	{ "basn0g16", 0, 16, false, false, 32, 32 },
	{ "basi0g01", 0, 1, true, false, 33, 31 },
	{ "basi0g02", 0, 2, true, false, 32, 32 },
	{ "basi0g04", 0, 4, true, false, 32, 32 },
	{ "basi0g08", 0, 8, true, false, 32, 32 },
	{ "basi0g16", 0, 16, true, false, 32, 32 },
	/* RGB */
	{ "basn2c08", 2, 8, false, false, 32, 32 },
	{ "basn2c16", 2, 16, false, false, 32, 32 },
	{ "basi2c08", 2, 8, true, false, 32, 32 },
	{ "basi2c16", 2, 16, true, false, 32, 32 },
	/* palette */
	{ "basn3p01", 3, 1, false, false, 32, 32 },
	{ "basn3p02", 3, 2, false, false, 32, 32 },
	{ "basn3p04", 3, 4, false, false, 32, 32 },
	{ "basn3p08", 3, 8, false, false, 32, 32 },
	{ "basi3p01", 3, 1, true, false, 32, 32 },
	{ "basi3p02", 3, 2, true, false, 32, 32 },
	{ "basi3p04", 3, 4, true, false, 32, 32 },
	{ "basi3p08", 3, 8, true, false, 32, 32 },
	/* grey and alpha, RGBA */
	{ "basn4a08", 4, 8, false, false, 32, 32 },
	{ "basn4a16", 4, 16, false, false, 32, 32 },
	{ "basi4a08", 4, 8, true, false, 32, 32 },
	{ "basi4a16", 4, 16, true, false, 32, 32 },
	{ "basn6a08", 6, 8, false, false, 32, 32 },
	{ "basn6a16", 6, 16, false, false, 32, 32 },
	{ "basi6a08", 6, 8, true, false, 32, 32 },
	{ "basi6a16", 6, 16, true, false, 32, 32 },
	/* transparency from tRNS */
	{ "tbbn0g01", 0, 1, false, true, 32, 32 },
	{ "tbbn0g04", 0, 4, false, true, 32, 32 },
	{ "tbwn0g16", 0, 16, false, true, 32, 32 },
	{ "tbrn2c08", 2, 8, false, true, 32, 32 },
	{ "tbbn2c16", 2, 16, false, true, 32, 32 },
	{ "tbgn2c16", 2, 16, true, true, 32, 32 },
	{ "tm3n3p02", 3, 2, false, true, 32, 32 },
	{ "tp1n3p08", 3, 8, false, true, 32, 32 },
	{ "tbbi3p04", 3, 4, true, true, 32, 32 },
	/* odd sizes */
	{ "s01n3p01", 3, 1, false, false, 1, 1 },
	{ "s01i3p01", 3, 1, true, false, 1, 1 },
	{ "s02n0g01", 0, 1, false, false, 2, 2 },
	{ "s05i0g02", 0, 2, true, false, 5, 5 },
	{ "s07n6a08", 6, 8, false, false, 7, 7 },
	{ "s39i2c08", 2, 8, true, false, 39, 39 },
	{ "s40n3p04", 3, 4, false, true, 40, 40 },
};

/* Every kind PngSuite has decodes to what ImageMagick decodes, with the
 * colours, alpha and bit depth raster.h promises. */
static void
test_raster_png__every_pngsuite_kind_decodes_as_imagemagick_does(
    void **state)
{
	ts_fixture *fx = *state;
	cp__raster_info info;
	unsigned char *got, *want;
	size_t i;
	char path[1024];

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const png_kind *k = &kinds[i];

		snprintf(path, sizeof(path), "%s/%s.png", fx->dir, k->name);
		write_png(path, k, NULL, 0, 0);
		got = decode_rgba(path, &info);
		assert_int_equal(info.width, k->w);
		assert_int_equal(info.height, k->h);
		assert_int_equal(info.components,
		    k->ctype == 0 || k->ctype == 4 ? 1 : 3);
		/* Alpha only from an alpha channel or tRNS. */
		assert_int_equal(info.alpha, k->ctype == 4 || k->ctype == 6 ||
		    k->trns);
		/* 1-bit grey stays 1-bit; everything else is 8-bit. */
		assert_int_equal(info.bits, k->ctype == 0 && k->depth == 1 &&
		    !k->trns ? 1 : 8);
		assert_int_equal(info.orientation, 1);
		want = reference_rgba(path, k->w, k->h);
		assert_same_pixels(k->name, got, want, k->w, k->h,
		    k->depth == 16 ? 1 : 0);
		free(got);
		free(want);
	}
}

/* 16-bit samples are rounded to the nearest 8-bit value, not cut. */
static void
test_raster_png__sixteen_bits_are_rounded_to_eight(void **state)
{
	static const unsigned values[] = { 0, 128, 383, 511, 32767, 32895,
	    33023, 65407, 65535 };
	ts_fixture *fx = *state;
	unsigned char png_row[2 * 9], out[9];
	png_bytep row = png_row;
	cp__raster *r = NULL;
	png_structp png;
	png_infop info;
	cp_error err;
	unsigned i;
	FILE *f;
	int rc;

	f = fopen(ts_path(fx, "g16.png"), "wb");
	assert_non_null(f);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    on_write_error, NULL);
	info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng could not write g16.png");
	png_init_io(png, f);
	png_set_IHDR(png, info, 9, 1, 16, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	for (i = 0; i < 9; i++) {
		png_row[2 * i] = (unsigned char)(values[i] >> 8);
		png_row[2 * i + 1] = (unsigned char)values[i];
	}
	png_set_rows(png, info, &row);
	png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_destroy_write_struct(&png, &info);
	fclose(f);

	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, ts_path(fx, "g16.png"), CP__FORMAT_PNG, 0,
	    "g16.png", &err);
	ts_assert_ok(rc, &err);
	rc = cp__raster_read(r, out, 1, &err);
	ts_assert_ok(rc, &err);
	cp__raster_close(r);
	for (i = 0; i < 9; i++)
		assert_int_equal(out[i], (values[i] * 255 + 32895) >> 16);
	/* 511 is 1.99 in 8 bits: 2, where dropping the low byte gives 1;
	 * 33023 is 128.5: 128 either way, 65407 is 254.5: 254. */
	assert_int_equal(out[3], 2);
	assert_int_equal(out[6], 128);
	assert_int_equal(out[8], 255);
}

/* A 1-bit grey PNG is handed out as it is stored: PNG's 1 is white, and
 * the bits past the last pixel of a row are cleared. */
static void
test_raster_png__bilevel_rows_are_packed_with_white_as_one(void **state)
{
	static const png_kind k = { "fax", 0, 1, false, false, 13, 2 };
	ts_fixture *fx = *state;
	unsigned char rows[2 * 2];
	cp__raster *r = NULL;
	cp_error err;
	unsigned x, y;
	int rc;

	write_png(ts_path(fx, "fax.png"), &k, NULL, 0, 0);
	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, ts_path(fx, "fax.png"), CP__FORMAT_PNG, 0,
	    "fax.png", &err);
	ts_assert_ok(rc, &err);
	assert_int_equal(cp__raster_get_info(r)->bits, 1);
	assert_int_equal(cp__raster_row_bytes(cp__raster_get_info(r)), 2);
	memset(rows, 0xaa, sizeof(rows));
	rc = cp__raster_read(r, rows, 2, &err);
	ts_assert_ok(rc, &err);
	cp__raster_close(r);
	for (y = 0; y < 2; y++) {
		for (x = 0; x < 13; x++)
			assert_int_equal((rows[y * 2 + x / 8] >> (7 - x % 8)) & 1,
			    sample(x, y, 0, 1));
		assert_int_equal(rows[y * 2 + 1] & 0x07, 0);
	}
}

/* pHYs in pixels per metre becomes dots per inch. */
static void
test_raster_png__resolution_comes_from_phys(void **state)
{
	static const png_kind k = { "dpi", 2, 8, false, false, 4, 4 };
	ts_fixture *fx = *state;
	cp__raster_info info;
	unsigned char *px;

	write_png(ts_path(fx, "dpi.png"), &k, NULL, 0, 11811);
	px = decode_rgba(ts_path(fx, "dpi.png"), &info);
	free(px);
	assert_true(info.dpi_x > 299.99 && info.dpi_x < 300.01);
	assert_true(info.dpi_y > 299.99 && info.dpi_y < 300.01);
	write_png(ts_path(fx, "none.png"), &k, NULL, 0, 0);
	px = decode_rgba(ts_path(fx, "none.png"), &info);
	free(px);
	assert_true(info.dpi_x == 0 && info.dpi_y == 0);
}

/* An embedded profile is kept for the colours it describes; one for RGB
 * in a grey PNG is dropped. */
static void
test_raster_png__icc_profile_is_kept_when_it_fits(void **state)
{
	static const png_kind rgb = { "icc", 2, 8, false, false, 4, 4 };
	static const png_kind pal = { "iccp", 3, 4, false, false, 4, 4 };
	static const png_kind grey = { "iccg", 0, 8, false, false, 4, 4 };
	ts_fixture *fx = *state;
	unsigned char icc[ICC_LEN], gicc[ICC_LEN], iccp[5 + 2 * ICC_LEN];
	unsigned char raw[4 * 9], z[128];
	uLongf zlen = sizeof(iccp) - 5;
	buf o = { NULL, 0, 0 };
	cp__raster *r = NULL;
	cp_error err;
	int rc;

	make_icc(icc, "RGB ");
	make_icc(gicc, "GRAY");
	memset(&err, 0, sizeof(err));
	write_png(ts_path(fx, "icc.png"), &rgb, icc, sizeof(icc), 0);
	rc = cp__raster_open(&r, ts_path(fx, "icc.png"), CP__FORMAT_PNG, 0,
	    "icc.png", &err);
	ts_assert_ok(rc, &err);
	assert_non_null(cp__raster_get_info(r)->icc);
	assert_int_equal(cp__raster_get_info(r)->icc_len, ICC_LEN);
	assert_memory_equal(cp__raster_get_info(r)->icc, icc, ICC_LEN);
	cp__raster_close(r);

	/* A palette PNG's colours are RGB. */
	write_png(ts_path(fx, "iccp.png"), &pal, icc, sizeof(icc), 0);
	rc = cp__raster_open(&r, ts_path(fx, "iccp.png"), CP__FORMAT_PNG, 0,
	    "iccp.png", &err);
	ts_assert_ok(rc, &err);
	assert_non_null(cp__raster_get_info(r)->icc);
	cp__raster_close(r);

	write_png(ts_path(fx, "iccg.png"), &grey, gicc, sizeof(gicc), 0);
	rc = cp__raster_open(&r, ts_path(fx, "iccg.png"), CP__FORMAT_PNG, 0,
	    "iccg.png", &err);
	ts_assert_ok(rc, &err);
	assert_non_null(cp__raster_get_info(r)->icc);
	assert_int_equal(cp__raster_get_info(r)->components, 1);
	cp__raster_close(r);

	/* An RGB profile in a grey PNG (libpng would not write one): libpng
	 * warns, the PNG is drawn without it. */
	buf_put(&o, "\x89PNG\r\n\x1a\n", 8);
	chunk(&o, "IHDR", "\0\0\0\x08\0\0\0\x04\x08\0\0\0\0", 13);
	memcpy(iccp, "rgb\0\0", 5);
	assert_int_equal(compress2(iccp + 5, &zlen, icc, sizeof(icc), 9), Z_OK);
	chunk(&o, "iCCP", iccp, 5 + zlen);
	memset(raw, 0, sizeof(raw));
	zlen = sizeof(z);
	assert_int_equal(compress2(z, &zlen, raw, sizeof(raw), 6), Z_OK);
	chunk(&o, "IDAT", z, zlen);
	chunk(&o, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "wrong.png", o.b, o.n);
	free(o.b);
	rc = cp__raster_open(&r, ts_path(fx, "wrong.png"), CP__FORMAT_PNG, 0,
	    "wrong.png", &err);
	ts_assert_ok(rc, &err);
	assert_null(cp__raster_get_info(r)->icc);
	cp__raster_close(r);
	rc = cp__raster_verify(ts_path(fx, "wrong.png"), CP__FORMAT_PNG,
	    "wrong.png", &err);
	ts_assert_ok(rc, &err);
}

/* Decodes `path` to its end as `check` does, expecting CP_EIO with a
 * message naming the file and containing `needle`. */
static void
assert_refused(const char *path, const char *needle)
{
	cp__raster *r = NULL;
	unsigned char *rows;
	cp_error err;
	unsigned y;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cp__raster_verify(path, CP__FORMAT_PNG, "x.png", &err);
	if (rc != CP_EIO)
		fail_msg("%s: cp__raster_verify gave %d, not CP_EIO", path, rc);
	assert_string_equal(err.path, "x.png");
	ts_assert_contains(err.message, needle);
	/* Reading row by row meets the same damage, never a crash. */
	if (cp__raster_open(&r, path, CP__FORMAT_PNG, 0, "x.png", &err) !=
	    CP_OK)
		return;
	rows = calloc(1, cp__raster_row_bytes(cp__raster_get_info(r)));
	assert_non_null(rows);
	rc = CP_OK;
	for (y = 0; y < cp__raster_get_info(r)->height && rc == CP_OK; y++)
		rc = cp__raster_read(r, rows, 1, &err);
	assert_int_equal(rc, CP_EIO);
	/* After an error the raster only closes. */
	assert_int_equal(cp__raster_read(r, rows, 0, &err), CP_EIO);
	free(rows);
	cp__raster_close(r);
}

/* Damaged image data is CP_EIO "PNG is damaged", never an abort. */
static void
test_raster_png__damaged_data_is_an_error_not_a_crash(void **state)
{
	static const png_kind k = { "big", 2, 8, false, false, 64, 64 };
	ts_fixture *fx = *state;
	buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, c = { NULL, 0, 0 };
	buf d = { NULL, 0, 0 };
	unsigned char *file;
	size_t len, i;
	FILE *f;

	/* A bad CRC in the image data. */
	write_png(ts_path(fx, "crc.png"), &k, NULL, 0, 0);
	f = fopen(ts_path(fx, "crc.png"), "rb");
	assert_non_null(f);
	file = malloc(1 << 20);
	len = fread(file, 1, 1 << 20, f);
	fclose(f);
	for (i = 8; i + 8 < len && memcmp(file + i + 4, "IDAT", 4) != 0;
	    i += 12 + ((size_t)file[i] << 24 | (size_t)file[i + 1] << 16 |
	    (size_t)file[i + 2] << 8 | file[i + 3]))
		;
	assert_true(i + 8 < len);
	file[i + 8 + 20] ^= 0x55;
	ts_write_bytes(fx->dir, "crc.png", file, len);
	assert_refused(ts_path(fx, "crc.png"), "PNG is damaged: IDAT: CRC "
	    "error");

	/* Cut short in the middle of the image data. */
	ts_write_bytes(fx->dir, "cut.png", file, i + 8 + 100);
	assert_refused(ts_path(fx, "cut.png"), "PNG is cut short");
	/* Cut short after the image data: no IEND. */
	file[i + 8 + 20] ^= 0x55;
	ts_write_bytes(fx->dir, "noend.png", file, len - 12);
	assert_refused(ts_path(fx, "noend.png"), "cut short");
	/* Cut short inside the signature. */
	ts_write_bytes(fx->dir, "sig.png", file, 5);
	assert_refused(ts_path(fx, "sig.png"), "PNG header");
	free(file);

	/* A filter byte PNG does not have (checksums right). */
	rgb_head(&a, 8, 4);
	rgb_idat(&a, 9, NULL, 0);
	chunk(&a, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "filter.png", a.b, a.n);
	assert_refused(ts_path(fx, "filter.png"), "filter");

	/* Too little image data for its rows. */
	rgb_head(&b, 8, 400);
	rgb_idat(&b, 0, NULL, 0);
	chunk(&b, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "short.png", b.b, b.n);
	assert_refused(ts_path(fx, "short.png"), "PNG is damaged");

	/* A size past the limits: told as such before anything is read. */
	rgb_head(&c, 30000, 30000);
	rgb_idat(&c, 0, NULL, 0);
	chunk(&c, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "huge.png", c.b, c.n);
	assert_refused(ts_path(fx, "huge.png"), "30000 x 30000 pixels; the "
	    "largest image");

	/* A few bytes claiming an image of 585 MB: refused before any
	 * memory is given to it, as a file cut short. */
	rgb_head(&d, 15000, 13000);
	rgb_idat(&d, 0, NULL, 0);
	chunk(&d, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "bomb.png", d.b, d.n);
	assert_refused(ts_path(fx, "bomb.png"), "cannot hold the image data "
	    "of 15000 x 13000 pixels");
	free(a.b);
	free(b.b);
	free(c.b);
	free(d.b);
}

/* What libpng only warns about is no error: extra data after the image's
 * zlib stream, a damaged ancillary chunk. */
static void
test_raster_png__libpng_warnings_do_not_fail(void **state)
{
	ts_fixture *fx = *state;
	buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	cp__raster_info info;
	cp_error err;
	unsigned char *px;
	int rc;

	memset(&err, 0, sizeof(err));
	rgb_head(&a, 8, 4);
	rgb_idat(&a, 0, "\x01\x02\x03\x04\x05\x06", 6);
	chunk(&a, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "extra.png", a.b, a.n);
	rc = cp__raster_verify(ts_path(fx, "extra.png"), CP__FORMAT_PNG,
	    "extra.png", &err);
	ts_assert_ok(rc, &err);

	rgb_head(&b, 8, 4);
	chunk(&b, "tEXt", "Comment\0hello", 13);
	b.b[b.n - 1] ^= 1;              /* its CRC is wrong */
	rgb_idat(&b, 0, NULL, 0);
	chunk(&b, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "text.png", b.b, b.n);
	rc = cp__raster_verify(ts_path(fx, "text.png"), CP__FORMAT_PNG,
	    "text.png", &err);
	ts_assert_ok(rc, &err);
	px = decode_rgba(ts_path(fx, "text.png"), &info);
	/* Raw bytes 1 and 4 of row 0 (see rgb_idat). */
	assert_int_equal(px[0], 7);
	assert_int_equal(px[4], 28);
	free(px);
	free(a.b);
	free(b.b);
}

/* A PNG has one page; asking for another is an error. */
static void
test_raster_png__has_one_page(void **state)
{
	static const png_kind k = { "one", 2, 8, false, false, 4, 4 };
	ts_fixture *fx = *state;
	cp__raster *r = NULL;
	size_t pages = 0;
	cp_error err;
	int rc;

	write_png(ts_path(fx, "one.png"), &k, NULL, 0, 0);
	memset(&err, 0, sizeof(err));
	rc = cp__raster_count(ts_path(fx, "one.png"), CP__FORMAT_PNG, &pages,
	    "one.png", &err);
	ts_assert_ok(rc, &err);
	assert_int_equal(pages, 1);
	assert_true(cp__raster_format(CP__FORMAT_PNG));
	assert_int_equal(cp__raster_open(&r, ts_path(fx, "one.png"),
	    CP__FORMAT_PNG, 1, "one.png", &err), CP_EIO);
	assert_null(r);
	assert_int_equal(cp__raster_count(ts_path(fx, "absent.png"),
	    CP__FORMAT_PNG, &pages, "absent.png", &err), CP_EIO);
	ts_assert_contains(err.message, "cannot be read");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_raster_png__every_pngsuite_kind_decodes_as_imagemagick_does),
		TS_TEST(test_raster_png__sixteen_bits_are_rounded_to_eight),
		TS_TEST(test_raster_png__bilevel_rows_are_packed_with_white_as_one),
		TS_TEST(test_raster_png__resolution_comes_from_phys),
		TS_TEST(test_raster_png__icc_profile_is_kept_when_it_fits),
		TS_TEST(test_raster_png__damaged_data_is_an_error_not_a_crash),
		TS_TEST(test_raster_png__libpng_warnings_do_not_fail),
		TS_TEST(test_raster_png__has_one_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
