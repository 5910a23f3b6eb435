/* test_image.c - JPEG and PNG headers, and placing images upright. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hpdf.h>

#include "input/image.h"
#include "support.h"

/* Plain helpers, so that the test needs no libm. */
static double dabs(double x) { return x < 0 ? -x : x; }
static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }

/* ---- making fixtures ---------------------------------------------------- */

/* Runs `command` with tests/e2e/images.sh sourced, in the fixture's
 * folder.  The tests run from the top of the source tree. */
static void
images_sh(const ts_fixture *fx, const char *command)
{
	char cwd[1024], cmd[4096];

	if (access("tests/e2e/images.sh", R_OK) != 0)
		fail_msg("tests/e2e/images.sh not found: run the tests from "
		    "the top of the source tree");
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		fail_msg("getcwd failed");
	snprintf(cmd, sizeof(cmd), "cd '%s' && ROOT='%s' WORK='%s' sh -c "
	    "'. \"$ROOT/tests/e2e/images.sh\" && %s'", fx->dir, cwd, fx->dir,
	    command);
	if (system(cmd) != 0)
		fail_msg("fixture command failed: %s", command);
}

/* A byte string being built. */
typedef struct {
	unsigned char b[4096];
	size_t n;
} bytes;

static void
put(bytes *o, const void *p, size_t n)
{
	assert_true(o->n + n <= sizeof(o->b));
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void
put8(bytes *o, unsigned v)
{
	unsigned char c = (unsigned char)v;

	put(o, &c, 1);
}

static void
put16(bytes *o, unsigned v, bool little)
{
	put8(o, little ? v & 0xff : v >> 8);
	put8(o, little ? v >> 8 : v & 0xff);
}

static void
put32(bytes *o, uint32_t v, bool little)
{
	if (little) {
		put16(o, v & 0xffff, true);
		put16(o, v >> 16, true);
	} else {
		put16(o, v >> 16, false);
		put16(o, v & 0xffff, false);
	}
}

static void
jpeg_jfif(bytes *o, unsigned units, unsigned xd, unsigned yd)
{
	put(o, "\xff\xe0\x00\x10JFIF\0\x01\x01", 11);
	put8(o, units);
	put16(o, xd, false);
	put16(o, yd, false);
	put(o, "\0\0", 2);
}

/* An Exif APP1 segment; 0 leaves an entry out. */
static void
jpeg_exif(bytes *o, bool little, unsigned orientation, uint32_t xres,
    uint32_t yres, unsigned unit)
{
	bytes t = { { 0 }, 0 };
	unsigned count, data;

	count = (orientation != 0) + (xres != 0) + (yres != 0) + (unit != 0);
	data = 8 + 2 + 12 * count + 4;  /* where the rationals go */
	put(&t, little ? "II*\0" : "MM\0*", 4);
	put32(&t, 8, little);
	put16(&t, count, little);
	if (orientation != 0) {
		put16(&t, 0x0112, little);
		put16(&t, 3, little);
		put32(&t, 1, little);
		put16(&t, orientation, little);
		put16(&t, 0, little);
	}
	if (xres != 0) {
		put16(&t, 0x011a, little);
		put16(&t, 5, little);
		put32(&t, 1, little);
		put32(&t, data, little);
	}
	if (yres != 0) {
		put16(&t, 0x011b, little);
		put16(&t, 5, little);
		put32(&t, 1, little);
		put32(&t, data + 8, little);
	}
	if (unit != 0) {
		put16(&t, 0x0128, little);
		put16(&t, 3, little);
		put32(&t, 1, little);
		put16(&t, unit, little);
		put16(&t, 0, little);
	}
	put32(&t, 0, little);
	put32(&t, xres, little);
	put32(&t, 1, little);
	put32(&t, yres, little);
	put32(&t, 1, little);
	put(o, "\xff\xe1", 2);
	put16(o, (unsigned)(2 + 6 + t.n), false);
	put(o, "Exif\0\0", 6);
	put(o, t.b, t.n);
}

static void
jpeg_sof(bytes *o, unsigned marker, unsigned bits, unsigned w, unsigned h,
    unsigned nf)
{
	unsigned i;

	put8(o, 0xff);
	put8(o, marker);
	put16(o, 8 + 3 * nf, false);
	put8(o, bits);
	put16(o, h, false);
	put16(o, w, false);
	put8(o, nf);
	for (i = 0; i < nf; i++) {
		put8(o, i + 1);
		put8(o, 0x11);
		put8(o, 0);
	}
}

/* A start of scan and the end of the image. */
static void
jpeg_sos_eoi(bytes *o)
{
	put(o, "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\xff\xd9", 12);
}

/* A JPEG header: SOI, a frame header, a start of scan, EOI. */
static void
write_jpeg(const ts_fixture *fx, const char *name, unsigned marker,
    unsigned bits, unsigned w, unsigned h, unsigned nf)
{
	bytes o = { { 0 }, 0 };

	put(&o, "\xff\xd8", 2);
	jpeg_sof(&o, marker, bits, w, h, nf);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, name, o.b, o.n);
}

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	int k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return ~c;
}

static void
png_chunk(bytes *o, const char *type, const void *data, size_t len)
{
	size_t at;

	put32(o, (uint32_t)len, false);
	at = o->n;
	put(o, type, 4);
	if (len > 0)
		put(o, data, len);
	put32(o, crc32_of(o->b + at, 4 + len), false);
}

/* A PNG's signature and IHDR (its checksum right, or not). */
static void
png_head(bytes *o, uint32_t w, uint32_t h, unsigned depth, unsigned ctype,
    unsigned interlace)
{
	bytes d = { { 0 }, 0 };

	put(o, "\x89PNG\r\n\x1a\n", 8);
	put32(&d, w, false);
	put32(&d, h, false);
	put8(&d, depth);
	put8(&d, ctype);
	put8(&d, 0);
	put8(&d, 0);
	put8(&d, interlace);
	png_chunk(o, "IHDR", d.b, d.n);
}

static void
png_tail(bytes *o)
{
	png_chunk(o, "IDAT", "\x78\x01", 2);
	png_chunk(o, "IEND", NULL, 0);
}

/* Probes `name`, which must be accepted. */
static cp__image_info
probe_ok(const ts_fixture *fx, const char *name)
{
	cp__image_info info;
	char path[1024], why[256];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	if (cp__image_probe(&info, path, why, sizeof(why)) != 0)
		fail_msg("%s refused: %s", name, why);
	return info;
}

/* Probes `name`, which must be refused; returns why (static). */
static const char *
probe_refused(const ts_fixture *fx, const char *name)
{
	static char why[256];
	cp__image_info info;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	memset(&info, 0x5a, sizeof(info));
	why[0] = '\0';
	if (cp__image_probe(&info, path, why, sizeof(why)) != -1)
		fail_msg("%s accepted", name);
	assert_int_equal(info.width, 0);
	assert_int_equal(info.height, 0);
	assert_true(why[0] != '\0');
	return why;
}

/* ---- JPEG ---------------------------------------------------------------- */

static void
test_image__photo_orientation_is_read_from_exif(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;
	char cmd[128], name[32];
	int o;

	for (o = 1; o <= 8; o++) {
		snprintf(cmd, sizeof(cmd), "make_photo p%d.jpg %d", o, o);
		images_sh(fx, cmd);
		snprintf(name, sizeof(name), "p%d.jpg", o);
		info = probe_ok(fx, name);
		assert_int_equal(info.format, CP__FORMAT_JPEG);
		assert_int_equal(info.orientation, o);
		assert_int_equal(info.width, 450);
		assert_int_equal(info.height, 300);
		assert_int_equal(info.components, 3);
		assert_int_equal(info.bits, 8);
		assert_false(info.progressive);
		assert_false(info.cmyk);
		assert_false(info.has_alpha);
		/* A phone's Exif without a resolution: no dpi. */
		assert_true(info.dpi_x == 0 && info.dpi_y == 0);
	}
}

static void
test_image__photo_without_exif_is_upright(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;

	images_sh(fx, "make_photo plain.jpg none 90 60");
	info = probe_ok(fx, "plain.jpg");
	assert_int_equal(info.orientation, 1);
	assert_int_equal(info.width, 90);
	assert_int_equal(info.height, 60);
	/* pdftoppm writes a JFIF density of 72 dpi. */
	assert_true(dabs(info.dpi_x - 72) < 1e-9);
	assert_true(dabs(info.dpi_y - 72) < 1e-9);
}

static void
test_image__invalid_orientation_counts_as_upright(void **state)
{
	ts_fixture *fx = *state;

	images_sh(fx, "make_photo o0.jpg 0 && make_photo o9.jpg 9 && "
	    "make_photo o200.jpg 200");
	assert_int_equal(probe_ok(fx, "o0.jpg").orientation, 1);
	assert_int_equal(probe_ok(fx, "o9.jpg").orientation, 1);
	assert_int_equal(probe_ok(fx, "o200.jpg").orientation, 1);
}

/* A photo the manifest turns a quarter clockwise shows its stored
 * top-left corner at the top right, upright or not to begin with. */
static void
test_image__a_turn_adds_to_the_exif_orientation(void **state)
{
	cp__image_info info;
	cp__matrix m;
	double w, h;

	(void)state;
	assert_int_equal(cp__image_orientation_turn(1, 0), 1);
	assert_int_equal(cp__image_orientation_turn(1, 90), 6);
	assert_int_equal(cp__image_orientation_turn(1, 180), 3);
	assert_int_equal(cp__image_orientation_turn(1, 270), 8);
	assert_int_equal(cp__image_orientation_turn(6, 90), 3);
	assert_int_equal(cp__image_orientation_turn(6, 270), 1);
	assert_int_equal(cp__image_orientation_turn(8, 90), 1);
	/* Mirrored photos stay mirrored, turned. */
	assert_int_equal(cp__image_orientation_turn(2, 90), 7);
	assert_int_equal(cp__image_orientation_turn(5, 90), 2);
	assert_int_equal(cp__image_orientation_turn(4, 180), 2);
	assert_int_equal(cp__image_orientation_turn(0, 90), 6);

	/* A landscape photo turned a quarter is placed as a portrait. */
	memset(&info, 0, sizeof(info));
	info.width = 600;
	info.height = 400;
	info.orientation = cp__image_orientation_turn(1, 90);
	cp__image_place(&info, 595, 842, 40, 40, 40, &m, &w, &h);
	assert_true(h > w);
	/* Stored (0, 1), the top-left pixel, lands top right. */
	assert_true(m.c + m.e > 595 / 2.0);
	assert_true(m.d + m.f > 842 / 2.0);
}

static void
test_image__little_endian_exif_with_resolution_is_read(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 };
	cp__image_info info;

	put(&o, "\xff\xd8", 2);
	jpeg_exif(&o, true, 8, 300, 200, 2);
	jpeg_sof(&o, 0xc0, 8, 2480, 3508, 3);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, "le.jpg", o.b, o.n);
	info = probe_ok(fx, "le.jpg");
	assert_int_equal(info.orientation, 8);
	assert_int_equal(info.width, 2480);
	assert_int_equal(info.height, 3508);
	assert_true(dabs(info.dpi_x - 300) < 1e-9);
	assert_true(dabs(info.dpi_y - 200) < 1e-9);
}

static void
test_image__exif_resolution_in_centimetres_becomes_dpi(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 };
	cp__image_info info;

	put(&o, "\xff\xd8", 2);
	jpeg_exif(&o, false, 0, 118, 118, 3);
	jpeg_sof(&o, 0xc0, 8, 100, 100, 1);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, "cm.jpg", o.b, o.n);
	info = probe_ok(fx, "cm.jpg");
	assert_int_equal(info.orientation, 1);
	assert_true(dabs(info.dpi_x - 299.72) < 1e-6);
	assert_int_equal(info.components, 1);
}

static void
test_image__jfif_density_gives_dpi(void **state)
{
	ts_fixture *fx = *state;
	bytes a = { { 0 }, 0 }, b = { { 0 }, 0 }, c = { { 0 }, 0 };
	cp__image_info info;

	put(&a, "\xff\xd8", 2);
	jpeg_jfif(&a, 1, 200, 100);
	jpeg_sof(&a, 0xc0, 8, 10, 10, 3);
	jpeg_sos_eoi(&a);
	ts_write_bytes(fx->dir, "dpi.jpg", a.b, a.n);
	info = probe_ok(fx, "dpi.jpg");
	assert_true(info.dpi_x == 200 && info.dpi_y == 100);

	put(&b, "\xff\xd8", 2);
	jpeg_jfif(&b, 2, 100, 100);     /* dots per centimetre */
	jpeg_exif(&b, false, 6, 72, 72, 2);
	jpeg_sof(&b, 0xc0, 8, 10, 10, 3);
	jpeg_sos_eoi(&b);
	ts_write_bytes(fx->dir, "dpcm.jpg", b.b, b.n);
	info = probe_ok(fx, "dpcm.jpg");
	/* The scanner's density wins over EXIF's; EXIF still orients. */
	assert_true(dabs(info.dpi_x - 254) < 1e-9);
	assert_int_equal(info.orientation, 6);

	put(&c, "\xff\xd8", 2);
	jpeg_jfif(&c, 0, 1, 1);         /* an aspect ratio, not a density */
	jpeg_sof(&c, 0xc0, 8, 10, 10, 3);
	jpeg_sos_eoi(&c);
	ts_write_bytes(fx->dir, "aspect.jpg", c.b, c.n);
	info = probe_ok(fx, "aspect.jpg");
	assert_true(info.dpi_x == 0 && info.dpi_y == 0);
}

static void
test_image__progressive_grey_and_cmyk_jpegs_are_described(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;

	write_jpeg(fx, "prog.jpg", 0xc2, 8, 640, 480, 3);
	info = probe_ok(fx, "prog.jpg");
	assert_true(info.progressive);
	assert_false(info.cmyk);
	assert_int_equal(info.width, 640);
	assert_int_equal(info.height, 480);

	write_jpeg(fx, "cmyk.jpg", 0xc0, 8, 64, 48, 4);
	info = probe_ok(fx, "cmyk.jpg");
	assert_true(info.cmyk);
	assert_false(info.progressive);
	assert_int_equal(info.components, 4);

	write_jpeg(fx, "grey.jpg", 0xc1, 8, 64, 48, 1);
	info = probe_ok(fx, "grey.jpg");
	assert_int_equal(info.components, 1);
	assert_false(info.cmyk);
}

/* An APP14 segment: `payload_len` bytes of `payload`. */
static void
jpeg_app14(bytes *o, const char *payload, size_t payload_len)
{
	put(o, "\xff\xee", 2);
	put16(o, (unsigned)(2 + payload_len), false);
	put(o, payload, payload_len);
}

/* A 4-channel JPEG header with the given APP14 payload, or none. */
static void
write_cmyk_header(const ts_fixture *fx, const char *name,
    const char *app14, size_t app14_len)
{
	bytes o = { { 0 }, 0 };

	put(&o, "\xff\xd8", 2);
	if (app14 != NULL)
		jpeg_app14(&o, app14, app14_len);
	jpeg_sof(&o, 0xc0, 8, 64, 48, 4);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, name, o.b, o.n);
}

static void
test_image__adobe_marker_tells_inverted_cmyk_from_plain(void **state)
{
	/* "Adobe", version 100, flags 0 and 0, transform 0 (CMYK) or 2. */
	static const char adobe[12] = "Adobe\0\x64\0\0\0\0\0";
	static const char ycck[12] = "Adobe\0\x64\0\0\0\0\2";
	ts_fixture *fx = *state;
	cp__image_info info;

	write_cmyk_header(fx, "adobe.jpg", adobe, sizeof(adobe));
	info = probe_ok(fx, "adobe.jpg");
	assert_true(info.cmyk);
	assert_true(info.adobe);
	write_cmyk_header(fx, "ycck.jpg", ycck, sizeof(ycck));
	assert_true(probe_ok(fx, "ycck.jpg").adobe);

	write_cmyk_header(fx, "plain.jpg", NULL, 0);
	info = probe_ok(fx, "plain.jpg");
	assert_true(info.cmyk);
	assert_false(info.adobe);
	/* Another APP14, and one too short to hold Adobe's fields, are not
	 * Adobe's marker (libjpeg ignores them too). */
	write_cmyk_header(fx, "other.jpg", "Ducky\0\x64\0\0\0\0\0", 12);
	assert_false(probe_ok(fx, "other.jpg").adobe);
	write_cmyk_header(fx, "short.jpg", "Adobe\0\x64", 7);
	assert_false(probe_ok(fx, "short.jpg").adobe);

	/* Real CMYK JPEGs written by libjpeg, both ways. */
	images_sh(fx, "make_cmyk_jpeg real-adobe.jpg 40 20 adobe && "
	    "make_cmyk_jpeg real-plain.jpg 40 20 plain");
	info = probe_ok(fx, "real-adobe.jpg");
	assert_true(info.cmyk && info.adobe);
	assert_int_equal(info.width, 40);
	info = probe_ok(fx, "real-plain.jpg");
	assert_true(info.cmyk);
	assert_false(info.adobe);
	/* An RGB photo has no Adobe marker. */
	images_sh(fx, "make_photo rgb.jpg none 60 40");
	assert_false(probe_ok(fx, "rgb.jpg").adobe);
}

/* Reads the whole file `name` of the fixture into memory. */
static unsigned char *
slurp(const ts_fixture *fx, const char *name, size_t *len)
{
	unsigned char *buf;
	char path[1024];
	long n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
test_image__bytes_in_memory_are_probed_as_a_file_is(void **state)
{
	static const char *const names[] = {
		"adobe.jpg", "plain.jpg", "photo.jpg", "alpha.png"
	};
	ts_fixture *fx = *state;
	cp__image_info file, mem;
	unsigned char *data;
	char why[256];
	size_t len, i;

	images_sh(fx, "make_cmyk_jpeg adobe.jpg 30 20 adobe && "
	    "make_cmyk_jpeg plain.jpg 30 20 plain && "
	    "make_photo photo.jpg 6 90 60 && make_png_alpha alpha.png 20 10");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		file = probe_ok(fx, names[i]);
		data = slurp(fx, names[i], &len);
		if (cp__image_probe_memory(&mem, data, len, why,
		    sizeof(why)) != 0)
			fail_msg("%s refused in memory: %s", names[i], why);
		assert_int_equal(mem.format, file.format);
		assert_int_equal(mem.width, file.width);
		assert_int_equal(mem.height, file.height);
		assert_int_equal(mem.components, file.components);
		assert_int_equal(mem.cmyk, file.cmyk);
		assert_int_equal(mem.adobe, file.adobe);
		assert_int_equal(mem.has_alpha, file.has_alpha);
		assert_int_equal(mem.orientation, file.orientation);

		/* Cut short before the image data: refused, and nothing
		 * is read past the end (ASan watches). */
		assert_int_equal(cp__image_probe_memory(&mem, data, 40, why,
		    sizeof(why)), -1);
		assert_int_equal(mem.width, 0);
		ts_assert_contains(why, "truncated");
		free(data);
	}
	assert_int_equal(cp__image_probe_memory(&mem, "", 0, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "is empty");
	assert_int_equal(cp__image_probe_memory(&mem, "%PDF-1.4\n", 9, NULL,
	    0), -1);
}

static void
test_image__jpegs_pdf_viewers_cannot_show_are_refused(void **state)
{
	ts_fixture *fx = *state;

	write_jpeg(fx, "12bit.jpg", 0xc1, 12, 64, 48, 3);
	assert_string_equal(probe_refused(fx, "12bit.jpg"),
	    "JPEG has 12 bits per channel; a PDF holds only 8-bit JPEG "
	    "images");
	write_jpeg(fx, "lossless.jpg", 0xc3, 8, 64, 48, 3);
	ts_assert_contains(probe_refused(fx, "lossless.jpg"), "lossless");
	write_jpeg(fx, "hier.jpg", 0xc5, 8, 64, 48, 3);
	ts_assert_contains(probe_refused(fx, "hier.jpg"), "hierarchical");
	write_jpeg(fx, "two.jpg", 0xc0, 8, 64, 48, 2);
	ts_assert_contains(probe_refused(fx, "two.jpg"), "2 colour channels");
	write_jpeg(fx, "dnl.jpg", 0xc0, 8, 64, 0, 3);
	ts_assert_contains(probe_refused(fx, "dnl.jpg"), "no height");
	write_jpeg(fx, "w0.jpg", 0xc0, 8, 0, 48, 3);
	ts_assert_contains(probe_refused(fx, "w0.jpg"), "width of 0");
}

static void
test_image__huge_jpeg_is_refused_before_anything_is_read(void **state)
{
	ts_fixture *fx = *state;

	images_sh(fx, "make_huge_jpeg huge.jpg");
	assert_string_equal(probe_refused(fx, "huge.jpg"),
	    "JPEG image is 60000 x 60000 pixels; the largest image claimpack "
	    "takes is 20000 x 20000 and 200 megapixels");
	images_sh(fx, "make_huge_jpeg wide.jpg 20001 100");
	ts_assert_contains(probe_refused(fx, "wide.jpg"), "20001 x 100");
	/* 20000 x 10001 is within the side limit but over 200 megapixels. */
	write_jpeg(fx, "over.jpg", 0xc0, 8, 20000, 10001, 3);
	ts_assert_contains(probe_refused(fx, "over.jpg"), "20000 x 10001");
	/* Both limits are inclusive. */
	write_jpeg(fx, "max.jpg", 0xc0, 8, 20000, 10000, 3);
	assert_int_equal(probe_ok(fx, "max.jpg").height, 10000);
}

/* Every prefix of a real photo that ends before its image data is refused
 * without reading past the end (ASan watches the reads). */
static void
test_image__truncated_jpeg_is_refused(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *all;
	size_t len, sos = 0, i;
	const char *why;
	FILE *f;

	images_sh(fx, "make_photo full.jpg 6");
	f = fopen(ts_path(fx, "full.jpg"), "rb");
	assert_non_null(f);
	all = malloc(65536);
	assert_non_null(all);
	len = fread(all, 1, 65536, f);
	fclose(f);
	for (i = 2; i + 1 < len; i++)
		if (all[i] == 0xff && all[i + 1] == 0xda) {
			sos = i;
			break;
		}
	assert_true(sos > 100);
	for (i = 0; i < sos + 2; i++) {
		ts_write_bytes(fx->dir, "cut.jpg", all, i);
		why = probe_refused(fx, "cut.jpg");
		if (i >= 4 && strstr(why, "truncated") == NULL)
			fail_msg("cut at %zu: \"%s\"", i, why);
	}
	ts_write_bytes(fx->dir, "cut.jpg", all, sos + 2);
	assert_int_equal(probe_ok(fx, "cut.jpg").orientation, 6);
	free(all);
}

static void
test_image__lying_segment_lengths_are_refused(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 }, p = { { 0 }, 0 }, q = { { 0 }, 0 };

	/* An APP1 that claims 65535 bytes in a 60-byte file. */
	put(&o, "\xff\xd8\xff\xe1\xff\xff" "Exif\0\0MM\0*", 16);
	jpeg_sof(&o, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, "long.jpg", o.b, o.n);
	assert_string_equal(probe_refused(fx, "long.jpg"),
	    "JPEG header is truncated");

	/* A segment length under 2 would loop on the same bytes. */
	put(&p, "\xff\xd8\xff\xfe\x00\x01", 6);
	jpeg_sof(&p, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&p);
	ts_write_bytes(fx->dir, "short.jpg", p.b, p.n);
	ts_assert_contains(probe_refused(fx, "short.jpg"), "length of 1");

	/* A frame header too short for the channels it announces. */
	put(&q, "\xff\xd8\xff\xc0\x00\x0b\x08\x00\x30\x00\x40\x03\x01\x11\x00",
	    15);
	jpeg_sos_eoi(&q);
	ts_write_bytes(fx->dir, "sof.jpg", q.b, q.n);
	ts_assert_contains(probe_refused(fx, "sof.jpg"), "damaged");
}

/* Arithmetic coding is told, not refused: the page holds a Huffman-coded
 * copy. */
static void
test_image__arithmetic_jpegs_are_described(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;

	write_jpeg(fx, "arith.jpg", 0xc9, 8, 64, 48, 3);
	info = probe_ok(fx, "arith.jpg");
	assert_true(info.arithmetic);
	assert_false(info.progressive);
	write_jpeg(fx, "arith-prog.jpg", 0xca, 8, 64, 48, 1);
	info = probe_ok(fx, "arith-prog.jpg");
	assert_true(info.arithmetic && info.progressive);
	assert_int_equal(info.components, 1);
	write_jpeg(fx, "huffman.jpg", 0xc2, 8, 64, 48, 3);
	assert_false(probe_ok(fx, "huffman.jpg").arithmetic);
	/* Lossless arithmetic coding stays refused. */
	write_jpeg(fx, "arith-lossless.jpg", 0xcb, 8, 64, 48, 3);
	ts_assert_contains(probe_refused(fx, "arith-lossless.jpg"),
	    "lossless");
}

/* Between the segments of a header libjpeg skips fill bytes, stray bytes
 * and stand-alone markers (with a warning), and so does the probe; what
 * libjpeg refuses there is refused. */
static void
test_image__what_libjpeg_skips_between_segments_is_skipped(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 }, p = { { 0 }, 0 }, q = { { 0 }, 0 };
	bytes r = { { 0 }, 0 }, t = { { 0 }, 0 };
	cp__image_info info;

	put(&o, "\xff\xd8\xff", 3);     /* a fill byte before the next marker */
	jpeg_jfif(&o, 1, 72, 72);
	put(&o, "\xff\xff\xff", 3);
	jpeg_sof(&o, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, "fill.jpg", o.b, o.n);
	info = probe_ok(fx, "fill.jpg");
	assert_int_equal(info.width, 64);
	assert_true(info.dpi_x > 71 && info.dpi_x < 73);

	put(&p, "\xff\xd8\xff\xd0\xff\x01", 6); /* RST0 and TEM */
	jpeg_sof(&p, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&p);
	ts_write_bytes(fx->dir, "rst.jpg", p.b, p.n);
	assert_int_equal(probe_ok(fx, "rst.jpg").height, 48);

	/* Stray bytes, a stuffed 0xFF 0x00, then the frame header. */
	put(&q, "\xff\xd8", 2);
	jpeg_jfif(&q, 1, 72, 72);
	put(&q, "garbage\xff\x00\x00", 10);
	jpeg_sof(&q, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&q);
	ts_write_bytes(fx->dir, "junk.jpg", q.b, q.n);
	assert_int_equal(probe_ok(fx, "junk.jpg").width, 64);
	/* Cut short inside the junk: truncated, nothing read past the end
	 * (ASan watches). */
	ts_write_bytes(fx->dir, "junk-cut.jpg", q.b, 25);
	ts_assert_contains(probe_refused(fx, "junk-cut.jpg"), "truncated");
	ts_write_bytes(fx->dir, "junk-cut.jpg", q.b, 29);
	ts_assert_contains(probe_refused(fx, "junk-cut.jpg"), "truncated");

	/* A second start of image, and a marker libjpeg does not know. */
	put(&r, "\xff\xd8\xff\xd8", 4);
	jpeg_sof(&r, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&r);
	ts_write_bytes(fx->dir, "soi.jpg", r.b, r.n);
	ts_assert_contains(probe_refused(fx, "soi.jpg"),
	    "second start-of-image marker 0xFFD8 at byte 2");
	put(&t, "\xff\xd8\xff\xf0\x00\x04\x00\x00", 8);
	jpeg_sof(&t, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&t);
	ts_write_bytes(fx->dir, "jpgn.jpg", t.b, t.n);
	ts_assert_contains(probe_refused(fx, "jpgn.jpg"),
	    "unknown marker 0xFFF0 at byte 2");
}

static void
test_image__jpeg_without_frame_or_scan_is_refused(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 }, p = { { 0 }, 0 };

	put(&o, "\xff\xd8", 2);
	jpeg_jfif(&o, 1, 72, 72);
	put(&o, "\xff\xd9", 2);
	ts_write_bytes(fx->dir, "nosof.jpg", o.b, o.n);
	ts_assert_contains(probe_refused(fx, "nosof.jpg"), "no image size");

	put(&p, "\xff\xd8", 2);
	jpeg_sof(&p, 0xc0, 8, 64, 48, 3);
	put(&p, "\xff\xd9", 2);
	ts_write_bytes(fx->dir, "nosos.jpg", p.b, p.n);
	assert_string_equal(probe_refused(fx, "nosos.jpg"),
	    "JPEG has no image data");
}

static void
test_image__damaged_exif_leaves_the_photo_upright(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 }, p = { { 0 }, 0 };
	cp__image_info info;

	/* A TIFF header whose IFD offset points far outside the segment. */
	put(&o, "\xff\xd8\xff\xe1\x00\x10" "Exif\0\0MM\0*\x7f\xff\xff\xf0", 20);
	jpeg_sof(&o, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&o);
	ts_write_bytes(fx->dir, "badexif.jpg", o.b, o.n);
	info = probe_ok(fx, "badexif.jpg");
	assert_int_equal(info.orientation, 1);
	assert_int_equal(info.width, 64);

	/* An XMP APP1 before the Exif one: the Exif one still counts. */
	put(&p, "\xff\xd8\xff\xe1\x00\x1fhttp://ns.adobe.com/xap/1.0/\0", 35);
	jpeg_exif(&p, false, 3, 0, 0, 0);
	jpeg_sof(&p, 0xc0, 8, 64, 48, 3);
	jpeg_sos_eoi(&p);
	ts_write_bytes(fx->dir, "xmp.jpg", p.b, p.n);
	assert_int_equal(probe_ok(fx, "xmp.jpg").orientation, 3);
}

/* ---- PNG ---------------------------------------------------------------- */

static void
test_image__png_with_alpha_is_described(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;

	images_sh(fx, "make_png_alpha a.png");
	info = probe_ok(fx, "a.png");
	assert_int_equal(info.format, CP__FORMAT_PNG);
	assert_int_equal(info.width, 240);
	assert_int_equal(info.height, 160);
	assert_int_equal(info.components, 3);
	assert_int_equal(info.bits, 8);
	assert_true(info.has_alpha);
	assert_int_equal(info.orientation, 1);
	assert_true(info.dpi_x == 0);
}

static void
test_image__png_from_pdftoppm_has_its_resolution(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;
	char cmd[2048];

	ts_write_pdf(fx->dir, "page.pdf");
	snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 50 -singlefile "
	    "'%s/page.pdf' '%s/page'", fx->dir, fx->dir);
	assert_int_equal(system(cmd), 0);
	info = probe_ok(fx, "page.png");
	assert_int_equal(info.width, 414);     /* 595 pt at 50 dpi, rounded up */
	assert_int_equal(info.height, 585);    /* 842 pt at 50 dpi, rounded up */
	assert_false(info.has_alpha);
	assert_int_equal(info.components, 3);
	/* pHYs in pixels per metre, rounded: 1969 / 39.37 = 50.01 dpi. */
	assert_true(dabs(info.dpi_x - 50) < 0.1);
	assert_true(dabs(info.dpi_y - 50) < 0.1);
}

static void
test_image__png_colour_types_and_transparency(void **state)
{
	ts_fixture *fx = *state;
	bytes a = { { 0 }, 0 }, b = { { 0 }, 0 }, c = { { 0 }, 0 };
	cp__image_info info;

	png_head(&a, 30, 20, 8, 3, 0);          /* palette with tRNS */
	png_chunk(&a, "PLTE", "\0\0\0\xff\xff\xff", 6);
	png_chunk(&a, "tRNS", "\0", 1);
	png_tail(&a);
	ts_write_bytes(fx->dir, "pal.png", a.b, a.n);
	info = probe_ok(fx, "pal.png");
	assert_true(info.has_alpha);
	assert_int_equal(info.components, 3);

	png_head(&b, 30, 20, 1, 0, 0);          /* 1-bit grey, a fax */
	png_tail(&b);
	ts_write_bytes(fx->dir, "grey1.png", b.b, b.n);
	info = probe_ok(fx, "grey1.png");
	assert_false(info.has_alpha);
	assert_int_equal(info.components, 1);
	assert_int_equal(info.bits, 1);

	png_head(&c, 30, 20, 8, 4, 0);          /* grey and alpha */
	png_tail(&c);
	ts_write_bytes(fx->dir, "ga.png", c.b, c.n);
	info = probe_ok(fx, "ga.png");
	assert_true(info.has_alpha);
	assert_int_equal(info.components, 1);
}

static void
test_image__damaged_pngs_are_refused(void **state)
{
	ts_fixture *fx = *state;
	bytes a = { { 0 }, 0 }, b = { { 0 }, 0 }, c = { { 0 }, 0 },
	    d = { { 0 }, 0 }, e = { { 0 }, 0 };

	png_head(&a, 30, 20, 8, 2, 0);
	a.b[8 + 8 + 13] ^= 1;                   /* break the IHDR CRC */
	png_tail(&a);
	ts_write_bytes(fx->dir, "crc.png", a.b, a.n);
	ts_assert_contains(probe_refused(fx, "crc.png"), "checksum");

	png_head(&b, 30, 20, 4, 2, 0);          /* 4-bit RGB does not exist */
	png_tail(&b);
	ts_write_bytes(fx->dir, "depth.png", b.b, b.n);
	ts_assert_contains(probe_refused(fx, "depth.png"), "colour type 2");

	png_head(&c, 30, 20, 8, 2, 0);
	png_chunk(&c, "IEND", NULL, 0);
	ts_write_bytes(fx->dir, "empty.png", c.b, c.n);
	assert_string_equal(probe_refused(fx, "empty.png"),
	    "PNG has no image data");

	png_head(&d, 30, 20, 8, 2, 0);
	put32(&d, 0x7ffffff0u, false);          /* a chunk past the end */
	put(&d, "tEXt", 4);
	ts_write_bytes(fx->dir, "long.png", d.b, d.n);
	ts_assert_contains(probe_refused(fx, "long.png"), "truncated");

	png_head(&e, 30, 20, 8, 2, 0);
	ts_write_bytes(fx->dir, "cut.png", e.b, 20);
	assert_string_equal(probe_refused(fx, "cut.png"),
	    "PNG header is truncated");
}

/* 16-bit and interlaced PNGs, which libharu drew wrongly or could not
 * load, are described like any other: libpng decodes them now. */
static void
test_image__sixteen_bit_and_interlaced_pngs_are_described(void **state)
{
	ts_fixture *fx = *state;
	bytes a = { { 0 }, 0 }, b = { { 0 }, 0 }, c = { { 0 }, 0 };
	cp__image_info info;

	png_head(&a, 30, 20, 16, 0, 0);
	png_tail(&a);
	ts_write_bytes(fx->dir, "grey16.png", a.b, a.n);
	info = probe_ok(fx, "grey16.png");
	assert_int_equal(info.bits, 16);
	assert_int_equal(info.components, 1);
	png_head(&b, 30, 20, 16, 6, 0);
	png_tail(&b);
	ts_write_bytes(fx->dir, "rgba16.png", b.b, b.n);
	info = probe_ok(fx, "rgba16.png");
	assert_int_equal(info.bits, 16);
	assert_true(info.has_alpha);
	png_head(&c, 30, 20, 8, 6, 1);
	png_tail(&c);
	ts_write_bytes(fx->dir, "adam7.png", c.b, c.n);
	info = probe_ok(fx, "adam7.png");
	assert_int_equal(info.width, 30);
}

static void
test_image__huge_png_is_refused(void **state)
{
	ts_fixture *fx = *state;
	bytes o = { { 0 }, 0 };

	png_head(&o, 60000, 60000, 8, 6, 0);
	png_tail(&o);
	ts_write_bytes(fx->dir, "huge.png", o.b, o.n);
	assert_string_equal(probe_refused(fx, "huge.png"),
	    "PNG image is 60000 x 60000 pixels; the largest image claimpack "
	    "takes is 20000 x 20000 and 200 megapixels");
}

/* ---- not an image ------------------------------------------------------- */

static void
test_image__other_files_are_named_in_the_refusal(void **state)
{
	ts_fixture *fx = *state;
	cp__image_info info;
	char why[16];

	ts_write_pdf(fx->dir, "doc.pdf");
	assert_string_equal(probe_refused(fx, "doc.pdf"),
	    "is a PDF, not a JPEG or PNG image");
	ts_write_bytes(fx->dir, "photo.heic",
	    "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24);
	assert_string_equal(probe_refused(fx, "photo.heic"),
	    "is a HEIC photo (iPhone format), not a JPEG or PNG image");
	ts_write_bytes(fx->dir, "empty.jpg", "", 0);
	assert_string_equal(probe_refused(fx, "empty.jpg"), "is empty");
	ts_mkdir(fx->dir, "folder.jpg");
	assert_string_equal(probe_refused(fx, "folder.jpg"), "is not a file");
	assert_string_equal(probe_refused(fx, "missing.jpg"),
	    "cannot be read: No such file or directory");

	/* A short buffer gets a cut message; none at all is allowed. */
	assert_int_equal(cp__image_probe(&info, ts_path(fx, "doc.pdf"), why,
	    sizeof(why)), -1);
	assert_int_equal(strlen(why), sizeof(why) - 1);
	assert_int_equal(cp__image_probe(&info, ts_path(fx, "doc.pdf"), NULL,
	    0), -1);
}

/* ---- placing ------------------------------------------------------------ */

static cp__image_info
photo(unsigned w, unsigned h, int orientation)
{
	cp__image_info info;

	memset(&info, 0, sizeof(info));
	info.format = CP__FORMAT_JPEG;
	info.width = w;
	info.height = h;
	info.components = 3;
	info.bits = 8;
	info.orientation = orientation;
	return info;
}

#define assert_close(a, b) \
	do { \
		double a_ = (a), b_ = (b); \
		if (dabs(a_ - b_) > 1e-6) \
			fail_msg("%s = %g, expected %g", #a, a_, b_); \
	} while (0)

static void
test_image__small_photo_is_not_enlarged_past_150_dpi(void **state)
{
	cp__image_info info = photo(300, 150, 1);
	cp__matrix cm;
	double w, h;

	(void)state;
	cp__image_place(&info, 595, 842, 36, 36, 36, &cm, &w, &h);
	assert_close(w, 144);           /* 300 px at 150 dpi */
	assert_close(h, 72);
	/* Centred in the area inside the margins. */
	assert_close(cm.e, (595 - 144) / 2.0);
	assert_close(cm.f, 36 + (842 - 72 - 72) / 2.0);
	assert_close(cm.a, 144);
	assert_close(cm.d, 72);
	assert_close(cm.b, 0);
	assert_close(cm.c, 0);
}

static void
test_image__large_scan_fits_inside_the_margins(void **state)
{
	cp__image_info info = photo(2480, 3508, 1);    /* A4 at 300 dpi */
	cp__matrix cm;
	double w, h;

	(void)state;
	cp__image_place(&info, 595, 842, 40, 60, 30, &cm, &w, &h);
	/* The height limits: 842 - 40 - 60 = 742 points. */
	assert_close(h, 742);
	assert_close(w, 742.0 * 2480 / 3508);
	assert_close(cm.f, 60);
	assert_close(cm.e, 30 + (535 - w) / 2);
	assert_true(cm.e >= 30 && cm.e + w <= 595 - 30);
}

static void
test_image__sideways_orientations_swap_width_and_height(void **state)
{
	cp__image_info info;
	double w, h;
	int o;

	(void)state;
	for (o = 1; o <= 8; o++) {
		info = photo(400, 300, o);
		cp__image_place(&info, 1000, 1000, 0, 0, 0, NULL, &w, &h);
		if (o >= 5) {
			assert_close(w, 300 * 72 / 150.0);
			assert_close(h, 400 * 72 / 150.0);
		} else {
			assert_close(w, 400 * 72 / 150.0);
			assert_close(h, 300 * 72 / 150.0);
		}
	}
}

/* Where the matrix sends the stored image's top-left corner (0, 1) and
 * top-right corner (1, 1), for each orientation, on a 100 x 50 box. */
static void
test_image__stored_corners_land_where_exif_says(void **state)
{
	static const struct {
		double tl_x, tl_y, tr_x, tr_y;
	} want[9] = {
		{ 0, 0, 0, 0 },
		{ 0, 50, 100, 50 },     /* 1: as stored */
		{ 100, 50, 0, 50 },     /* 2: mirrored */
		{ 100, 0, 0, 0 },       /* 3: upside down */
		{ 0, 0, 100, 0 },       /* 4: flipped */
		{ 0, 50, 0, 0 },        /* 5: transposed */
		{ 100, 50, 100, 0 },    /* 6: turned clockwise */
		{ 100, 0, 100, 50 },    /* 7: transverse */
		{ 0, 0, 0, 50 },        /* 8: turned counter-clockwise */
	};
	cp__image_info info;
	cp__matrix m;
	double w, h;
	int o;

	(void)state;
	for (o = 1; o <= 8; o++) {
		/* Stored 100 x 50 px, or 50 x 100 when it is turned, so that
		 * it is shown 100 x 50 px = 48 x 24 pt at (0, 0). */
		info = o >= 5 ? photo(50, 100, o) : photo(100, 50, o);
		cp__image_place(&info, 48, 24, 0, 0, 0, &m, &w, &h);
		assert_close(w, 48);
		assert_close(h, 24);
		assert_close((m.c + m.e) / 0.48, want[o].tl_x);
		assert_close((m.d + m.f) / 0.48, want[o].tl_y);
		assert_close((m.a + m.c + m.e) / 0.48, want[o].tr_x);
		assert_close((m.b + m.d + m.f) / 0.48, want[o].tr_y);
	}
}

static void
test_image__no_room_shows_nothing(void **state)
{
	cp__image_info info = photo(300, 200, 6);
	cp__matrix cm = { 1, 2, 3, 4, 5, 6 };
	double w = -1, h = -1;

	(void)state;
	cp__image_place(&info, 100, 100, 60, 60, 10, &cm, &w, &h);
	assert_close(w, 0);
	assert_close(h, 0);
	assert_close(cm.a + cm.b + cm.c + cm.d + cm.e + cm.f, 0);
	info = photo(0, 0, 1);
	cp__image_place(&info, 100, 100, 0, 0, 0, NULL, &w, NULL);
	assert_close(w, 0);
}

/* ---- placing, seen on a rendered page ----------------------------------- */

typedef struct {
	int w, h;
	unsigned char *px;
} grey_image;

static void
hpdf_record(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	(void)detail_no;
	*(HPDF_STATUS *)user = error_no;
}

/* Reads the PGM pdftoppm wrote. */
static grey_image
read_pgm(const char *path)
{
	grey_image g = { 0, 0, NULL };
	char magic[3];
	int maxval;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	if (fscanf(f, "%2s %d %d %d", magic, &g.w, &g.h, &maxval) != 4 ||
	    strcmp(magic, "P5") != 0 || maxval != 255 || g.w <= 0 ||
	    g.h <= 0 || g.w > 4000 || g.h > 4000)
		fail_msg("%s: not the PGM expected", path);
	fgetc(f);
	g.px = malloc((size_t)g.w * (size_t)g.h);
	assert_non_null(g.px);
	if (fread(g.px, 1, (size_t)g.w * (size_t)g.h, f) !=
	    (size_t)g.w * (size_t)g.h)
		fail_msg("%s: short PGM", path);
	fclose(f);
	return g;
}

static int
pixel(const grey_image *g, double x, double y)
{
	int col = (int)x, row = (int)y;

	if (col < 0 || row < 0 || col >= g->w || row >= g->h)
		fail_msg("pixel %d,%d is off the page", col, row);
	return g->px[(size_t)row * (size_t)g->w + (size_t)col];
}

/*
 * Makes a photo of the 3 x 3 mark (tests/e2e/images.sh: top row and the
 * middle-left cell black, the rest grey) with EXIF orientation `o`, draws
 * it with libharu through cp__image_place's matrix on a 200 x 200 point
 * page, renders that at 30 dpi and checks what is seen: the grey area is
 * where cp__image_place said, and the mark shows as a phone shows it.
 */
static void
check_rendered_orientation(ts_fixture *fx, int o, const char *seen)
{
	const double page = 200, dpi = 30, k = dpi / 72;
	HPDF_STATUS hpdf_error = 0;
	char cmd[2048], jpg[1024], pdf[1024], pgm[1024];
	int r, c, v, x0, y0, x1, y1, x, y;
	cp__image_info info;
	HPDF_Image image;
	HPDF_Page pg;
	HPDF_Doc doc;
	grey_image g;
	cp__matrix m;
	double w, h, bx0, bx1, by0, by1;

	snprintf(cmd, sizeof(cmd), "make_photo o%d.jpg %d 450 300", o, o);
	images_sh(fx, cmd);
	snprintf(jpg, sizeof(jpg), "%s/o%d.jpg", fx->dir, o);
	snprintf(pdf, sizeof(pdf), "%s/o%d.pdf", fx->dir, o);
	snprintf(pgm, sizeof(pgm), "%s/o%d.pgm", fx->dir, o);
	if (cp__image_probe(&info, jpg, NULL, 0) != 0)
		fail_msg("o%d.jpg refused", o);
	assert_int_equal(info.orientation, o);
	cp__image_place(&info, page, page, 10, 30, 10, &m, &w, &h);

	doc = HPDF_New(hpdf_record, &hpdf_error);
	assert_non_null(doc);
	pg = HPDF_AddPage(doc);
	HPDF_Page_SetWidth(pg, (HPDF_REAL)page);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)page);
	image = HPDF_LoadJpegImageFromFile(doc, jpg);
	assert_non_null(image);
	HPDF_Page_GSave(pg);
	HPDF_Page_Concat(pg, (HPDF_REAL)m.a, (HPDF_REAL)m.b, (HPDF_REAL)m.c,
	    (HPDF_REAL)m.d, (HPDF_REAL)m.e, (HPDF_REAL)m.f);
	HPDF_Page_DrawImage(pg, image, 0, 0, 1, 1);
	HPDF_Page_GRestore(pg);
	HPDF_SaveToFile(doc, pdf);
	HPDF_Free(doc);
	if (hpdf_error != 0)
		fail_msg("libharu error 0x%04X", (unsigned)hpdf_error);
	snprintf(cmd, sizeof(cmd), "pdftoppm -gray -r %g -singlefile '%s' "
	    "'%s/o%d'", dpi, pdf, fx->dir, o);
	if (system(cmd) != 0)
		fail_msg("pdftoppm failed (is poppler-utils installed?)");
	g = read_pgm(pgm);

	/* The image is wherever the page is not white. */
	x0 = g.w;
	y0 = g.h;
	x1 = y1 = -1;
	for (y = 0; y < g.h; y++)
		for (x = 0; x < g.w; x++)
			if (g.px[(size_t)y * (size_t)g.w + (size_t)x] < 235) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y > y1 ? y : y1;
			}
	/* The box the matrix sends the unit square to, in pixels from the
	 * top left of the rendering. */
	bx0 = dmin(dmin(m.e, m.a + m.e), dmin(m.c + m.e, m.a + m.c + m.e));
	bx1 = dmax(dmax(m.e, m.a + m.e), dmax(m.c + m.e, m.a + m.c + m.e));
	by0 = dmin(dmin(m.f, m.b + m.f), dmin(m.d + m.f, m.b + m.d + m.f));
	by1 = dmax(dmax(m.f, m.b + m.f), dmax(m.d + m.f, m.b + m.d + m.f));
	assert_close(bx1 - bx0, w);
	assert_close(by1 - by0, h);
	if (dabs(x0 - bx0 * k) > 1.5 || dabs(x1 + 1 - bx1 * k) > 1.5 ||
	    dabs(y0 - (page - by1) * k) > 1.5 ||
	    dabs(y1 + 1 - (page - by0) * k) > 1.5)
		fail_msg("orientation %d: image drawn at px %d..%d x %d..%d, "
		    "expected %.1f..%.1f x %.1f..%.1f", o, x0, x1 + 1, y0,
		    y1 + 1, bx0 * k, bx1 * k, (page - by1) * k,
		    (page - by0) * k);

	/* Each cell's centre, as seen: black where `seen` has '#'. */
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++) {
			v = pixel(&g, x0 + (x1 + 1 - x0) * (c + 0.5) / 3,
			    y0 + (y1 + 1 - y0) * (r + 0.5) / 3);
			if (seen[r * 3 + c] == '#' ? v > 90 :
			    (v < 150 || v > 235))
				fail_msg("orientation %d: cell row %d column %d "
				    "is %d, expected %s", o, r, c, v,
				    seen[r * 3 + c] == '#' ? "black" : "grey");
		}
	free(g.px);
}

static void
test_image__rendered_photos_look_as_on_the_phone(void **state)
{
	/* The mark as stored is "###" "#.." "...". */
	static const char *const seen[9] = {
		NULL,
		"###" "#.." "...",      /* 1: as stored */
		"###" "..#" "...",      /* 2: mirrored left to right */
		"..." "..#" "###",      /* 3: turned 180 degrees */
		"..." "#.." "###",      /* 4: mirrored top to bottom */
		"##." "#.." "#..",      /* 5: transposed */
		".##" "..#" "..#",      /* 6: turned 90 clockwise: the
		                           stored top-left is now top-right */
		"..#" "..#" ".##",      /* 7: transverse */
		"#.." "#.." "##.",      /* 8: turned 90 counter-clockwise */
	};
	ts_fixture *fx = *state;
	int o;

	for (o = 1; o <= 8; o++)
		check_rendered_orientation(fx, o, seen[o]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_image__photo_orientation_is_read_from_exif),
		TS_TEST(test_image__photo_without_exif_is_upright),
		cmocka_unit_test(test_image__a_turn_adds_to_the_exif_orientation),
		TS_TEST(test_image__invalid_orientation_counts_as_upright),
		TS_TEST(test_image__little_endian_exif_with_resolution_is_read),
		TS_TEST(test_image__exif_resolution_in_centimetres_becomes_dpi),
		TS_TEST(test_image__jfif_density_gives_dpi),
		TS_TEST(test_image__progressive_grey_and_cmyk_jpegs_are_described),
		TS_TEST(test_image__adobe_marker_tells_inverted_cmyk_from_plain),
		TS_TEST(test_image__bytes_in_memory_are_probed_as_a_file_is),
		TS_TEST(test_image__jpegs_pdf_viewers_cannot_show_are_refused),
		TS_TEST(test_image__huge_jpeg_is_refused_before_anything_is_read),
		TS_TEST(test_image__truncated_jpeg_is_refused),
		TS_TEST(test_image__lying_segment_lengths_are_refused),
		TS_TEST(test_image__arithmetic_jpegs_are_described),
		TS_TEST(test_image__what_libjpeg_skips_between_segments_is_skipped),
		TS_TEST(test_image__jpeg_without_frame_or_scan_is_refused),
		TS_TEST(test_image__damaged_exif_leaves_the_photo_upright),
		TS_TEST(test_image__png_with_alpha_is_described),
		TS_TEST(test_image__png_from_pdftoppm_has_its_resolution),
		TS_TEST(test_image__png_colour_types_and_transparency),
		TS_TEST(test_image__damaged_pngs_are_refused),
		TS_TEST(test_image__sixteen_bit_and_interlaced_pngs_are_described),
		TS_TEST(test_image__huge_png_is_refused),
		TS_TEST(test_image__other_files_are_named_in_the_refusal),
		TS_TEST(test_image__small_photo_is_not_enlarged_past_150_dpi),
		TS_TEST(test_image__large_scan_fits_inside_the_margins),
		TS_TEST(test_image__sideways_orientations_swap_width_and_height),
		TS_TEST(test_image__stored_corners_land_where_exif_says),
		TS_TEST(test_image__no_room_shows_nothing),
		TS_TEST(test_image__rendered_photos_look_as_on_the_phone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
