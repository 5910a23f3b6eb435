/* test_jpeg_page.c - a JPEG's page: its ICC profile kept as /ICCBased,
 * also in the copy --max-size makes, arithmetic coding re-coded to
 * Huffman losslessly, stray bytes between header segments passed over. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jpeglib.h>
#include <qpdf/qpdf-c.h>

#include "input/image.h"
#include "input/image_integrity.h"
#include "input/jpeg_huffman.h"
#include "input/raster.h"
#include "pdf/jpeg_page.h"
#include "pdf/jpeg_shrink.h"
#include "support.h"

/* ---- fixtures ------------------------------------------------------------ */

/* Runs tests/e2e/mkjpeg (compiled into the fixture's folder on first use)
 * with `args`: "out.jpg 60 40 rgb arith icc". */
static void
mkjpeg(const ts_fixture *fx, const char *args)
{
	char cmd[4096], cwd[1024];

	if (access("tests/e2e/mkjpeg.c", R_OK) != 0 ||
	    getcwd(cwd, sizeof(cwd)) == NULL)
		fail_msg("tests/e2e/mkjpeg.c not found: run the tests from the "
		    "top of the source tree");
	snprintf(cmd, sizeof(cmd), "cd '%s' && { [ -x .mkjpeg ] || "
	    "${CC:-cc} -o .mkjpeg '%s/tests/e2e/mkjpeg.c' -ljpeg -lm; } && "
	    "./.mkjpeg %s", fx->dir, cwd, args);
	if (system(cmd) != 0)
		fail_msg("mkjpeg %s failed", args);
}

static cp__image_info
probe_ok(ts_fixture *fx, const char *name)
{
	cp__image_info info;
	char why[300];

	if (cp__image_probe(&info, ts_path(fx, name), why, sizeof(why)) != 0)
		fail_msg("%s refused: %s", name, why);
	return info;
}

/* A byte string being built. */
typedef struct {
	unsigned char b[8192];
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
put16(bytes *o, unsigned v)
{
	unsigned char c[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	put(o, c, 2);
}

/* A stand-in profile of `len` bytes: a header claimpack's tests accept
 * (size, 'mntr', 'RGB ', 'XYZ ', 'acsp'), then counting bytes. */
static void
fake_profile(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 13 + 5);
	p[0] = (unsigned char)(len >> 24);
	p[1] = (unsigned char)(len >> 16);
	p[2] = (unsigned char)(len >> 8);
	p[3] = (unsigned char)len;
	memcpy(p + 12, "mntrRGB XYZ ", 12);
	memcpy(p + 36, "acsp", 4);
}

/* An APP2 chunk of a profile: number `seq` of `count`, `n` bytes. */
static void
icc_chunk(bytes *o, unsigned seq, unsigned count, const unsigned char *part,
    size_t n)
{
	put(o, "\xff\xe2", 2);
	put16(o, (unsigned)(2 + 14 + n));
	put(o, "ICC_PROFILE", 12);
	o->b[o->n++] = (unsigned char)seq;
	o->b[o->n++] = (unsigned char)count;
	put(o, part, n);
}

/* SOF0 of 64 x 48, 3 channels, then a scan and EOI. */
static void
jpeg_rest(bytes *o)
{
	put(o, "\xff\xc0\x00\x11\x08\x00\x30\x00\x40\x03"
	    "\x01\x11\x00\x02\x11\x00\x03\x11\x00", 19);
	put(o, "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\xff\xd9", 12);
}

/* libjpeg's warnings (the stray bytes of some fixtures) are expected. */
static void
quiet(j_common_ptr cinfo)
{
	(void)cinfo;
}

/* Decodes the JPEG at `path` to pixels as libjpeg gives them (CMYK as
 * stored), *len bytes; the caller frees. */
static unsigned char *
decode(const char *path, size_t *len, unsigned *w, unsigned *h)
{
	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr e;
	unsigned char *px;
	JSAMPROW row;
	size_t stride;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	d.err = jpeg_std_error(&e);
	e.output_message = quiet;
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, f);
	jpeg_read_header(&d, TRUE);
	jpeg_start_decompress(&d);
	stride = (size_t)d.output_width * (size_t)d.output_components;
	*len = stride * d.output_height;
	*w = d.output_width;
	*h = d.output_height;
	px = malloc(*len);
	assert_non_null(px);
	while (d.output_scanline < d.output_height) {
		row = px + stride * d.output_scanline;
		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	fclose(f);
	return px;
}

/* The frame header's marker (0xC0..0xCF) of the JPEG at `path`, walked
 * segment by segment. */
static unsigned
frame_marker(const char *path)
{
	unsigned char b[4];
	long at = 2;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	for (;;) {
		assert_int_equal(fseek(f, at, SEEK_SET), 0);
		assert_int_equal(fread(b, 1, 4, f), 4);
		assert_int_equal(b[0], 0xff);
		if (b[1] >= 0xc0 && b[1] <= 0xcf && b[1] != 0xc4 &&
		    b[1] != 0xcc)
			break;
		at += 2 + (b[2] << 8 | b[3]);
	}
	fclose(f);
	return b[1];
}

/* ---- the profile's chunks -------------------------------------------------- */

static void
test_jpeg_page__icc_chunks_are_put_in_order(void **state)
{
	ts_fixture *fx = *state;
	unsigned char profile[300], *got = NULL;
	bytes o = { { 0 }, 0 };
	cp__image_info info, mem;
	char why[300];

	fake_profile(profile, sizeof(profile));
	/* Written 2, 3, 1, with another APP2 between them. */
	put(&o, "\xff\xd8", 2);
	icc_chunk(&o, 2, 3, profile + 100, 100);
	put(&o, "\xff\xe2\x00\x08" "FPXR\0\0", 10);
	icc_chunk(&o, 3, 3, profile + 200, 100);
	icc_chunk(&o, 1, 3, profile, 100);
	jpeg_rest(&o);
	ts_write_bytes(fx->dir, "three.jpg", o.b, o.n);
	info = probe_ok(fx, "three.jpg");
	assert_int_equal(info.icc_len, sizeof(profile));
	if (cp__image_jpeg_icc(&got, ts_path(fx, "three.jpg"), &info, why,
	    sizeof(why)) != 0)
		fail_msg("profile not read: %s", why);
	assert_memory_equal(got, profile, sizeof(profile));
	assert_true(cp__raster_icc_fits(got, info.icc_len, 3));
	free(got);
	/* The same from memory. */
	assert_int_equal(cp__image_probe_memory(&mem, o.b, o.n, why,
	    sizeof(why)), 0);
	assert_int_equal(mem.icc_len, sizeof(profile));

	/* A file that changed since it was probed is not read blindly. */
	info.icc_len = 299;
	assert_int_equal(cp__image_jpeg_icc(&got, ts_path(fx, "three.jpg"),
	    &info, why, sizeof(why)), -1);
	assert_null(got);
	ts_assert_contains(why, "changed");
}

static void
test_jpeg_page__inconsistent_icc_chunks_give_no_profile(void **state)
{
	static const unsigned char seqs[][4] = {
		/* seq, count of chunk A, seq, count of chunk B */
		{ 1, 3, 2, 3 },         /* the third is missing */
		{ 1, 2, 1, 2 },         /* the first twice */
		{ 1, 2, 2, 3 },         /* two counts */
		{ 0, 2, 1, 2 },         /* no number 0 */
		{ 1, 0, 2, 0 },         /* a count of 0 */
		{ 3, 2, 1, 2 },         /* a number past the count */
	};
	ts_fixture *fx = *state;
	unsigned char profile[200];
	bytes o;
	size_t i;

	fake_profile(profile, sizeof(profile));
	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		memset(&o, 0, sizeof(o));
		put(&o, "\xff\xd8", 2);
		icc_chunk(&o, seqs[i][0], seqs[i][1], profile, 100);
		icc_chunk(&o, seqs[i][2], seqs[i][3], profile + 100, 100);
		jpeg_rest(&o);
		ts_write_bytes(fx->dir, "bad.jpg", o.b, o.n);
		if (probe_ok(fx, "bad.jpg").icc_len != 0)
			fail_msg("case %zu kept a profile", i);
	}
	/* Too short to hold the chunk's numbers, or not ICC: not a chunk;
	 * the whole profile in one is. */
	memset(&o, 0, sizeof(o));
	put(&o, "\xff\xd8\xff\xe2\x00\x0e" "ICC_PROFILE\0", 18);
	icc_chunk(&o, 1, 1, profile, sizeof(profile));
	jpeg_rest(&o);
	ts_write_bytes(fx->dir, "one.jpg", o.b, o.n);
	assert_int_equal(probe_ok(fx, "one.jpg").icc_len, sizeof(profile));
}

/* ---- the page -------------------------------------------------------------- */

/* Writes the page of `name` and checks its image with libqpdf: the colour
 * space, the profile's /N, /Alternate and bytes, and /Decode. */
static void
expect_page(ts_fixture *fx, const char *name, const char *alternate,
    bool icc, bool decode)
{
	cp__image_info info = probe_ok(fx, name);
	cp__matrix cm = { 100, 0, 0, 80, 20, 20 };
	unsigned char *profile = NULL, *data = NULL;
	char pdf[1024], why[300];
	qpdf_oh image, cs, stream;
	size_t len = 0;
	qpdf_data q;
	cp_error err;

	snprintf(pdf, sizeof(pdf), "%s/%s.pdf", fx->dir, name);
	ts_assert_ok(cp__jpeg_page_write(ts_path(fx, name), &info, 595, 842,
	    &cm, pdf, name, &err), &err);
	q = qpdf_init();
	qpdf_silence_errors(q);
	assert_int_equal(qpdf_read(q, pdf, "") & QPDF_ERRORS, 0);
	assert_int_equal(qpdf_check_pdf(q) & (QPDF_ERRORS | QPDF_WARNINGS),
	    0);
	image = qpdf_oh_get_dict(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q,
	    qpdf_oh_get_key(q, qpdf_get_page_n(q, 0), "/Resources"),
	    "/XObject"), "/Im0"));
	cs = qpdf_oh_get_key(q, image, "/ColorSpace");
	if (!icc) {
		if (!qpdf_oh_is_name_and_equals(q, cs, alternate))
			fail_msg("%s: colour space is not %s", name, alternate);
	} else {
		assert_true(qpdf_oh_is_array(q, cs));
		assert_int_equal(qpdf_oh_get_array_n_items(q, cs), 2);
		assert_true(qpdf_oh_is_name_and_equals(q,
		    qpdf_oh_get_array_item(q, cs, 0), "/ICCBased"));
		stream = qpdf_oh_get_array_item(q, cs, 1);
		assert_int_equal(qpdf_oh_get_int_value_as_int(q,
		    qpdf_oh_get_key(q, qpdf_oh_get_dict(q, stream), "/N")),
		    info.components);
		assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q,
		    qpdf_oh_get_dict(q, stream), "/Alternate"), alternate));
		assert_int_equal(qpdf_oh_get_stream_data(q, stream,
		    qpdf_dl_generalized, NULL, &data, &len), 0);
		if (cp__image_jpeg_icc(&profile, ts_path(fx, name), &info, why,
		    sizeof(why)) != 0)
			fail_msg("%s: %s", name, why);
		assert_int_equal(len, info.icc_len);
		assert_memory_equal(data, profile, len);
		free(profile);
		free(data);
	}
	assert_int_equal(qpdf_oh_has_key(q, image, "/Decode"), decode);
	assert_false(qpdf_has_error(q));
	qpdf_cleanup(&q);
}

static void
test_jpeg_page__profile_becomes_iccbased(void **state)
{
	ts_fixture *fx = *state;

	mkjpeg(fx, "rgb.jpg 60 40 rgb icc");
	assert_true(probe_ok(fx, "rgb.jpg").icc_len > 0);
	expect_page(fx, "rgb.jpg", "/DeviceRGB", true, false);
	/* Over 64 KB: libjpeg writes it in three chunks. */
	mkjpeg(fx, "big.jpg 60 40 rgb bigicc progressive");
	assert_true(probe_ok(fx, "big.jpg").icc_len > 150000);
	expect_page(fx, "big.jpg", "/DeviceRGB", true, false);
	mkjpeg(fx, "grey.jpg 60 40 grey icc");
	expect_page(fx, "grey.jpg", "/DeviceGray", true, false);
	/* Adobe's inverted ink: /Decode reads it back before the profile. */
	mkjpeg(fx, "cmyk.jpg 60 40 cmyk icc");
	expect_page(fx, "cmyk.jpg", "/DeviceCMYK", true, true);
	/* An RGB profile in a CMYK or grey JPEG is dropped. */
	mkjpeg(fx, "wrong.jpg 60 40 cmyk wrongicc");
	assert_true(probe_ok(fx, "wrong.jpg").icc_len > 0);
	expect_page(fx, "wrong.jpg", "/DeviceCMYK", false, true);
	mkjpeg(fx, "wrong-grey.jpg 60 40 grey wrongicc");
	expect_page(fx, "wrong-grey.jpg", "/DeviceGray", false, false);
	/* No profile at all. */
	mkjpeg(fx, "plain.jpg 60 40 rgb");
	assert_int_equal(probe_ok(fx, "plain.jpg").icc_len, 0);
	expect_page(fx, "plain.jpg", "/DeviceRGB", false, false);
}

/* The profile of the JPEG `name` (whose probe gave `info`), read whole. */
static unsigned char *
profile_of(ts_fixture *fx, const char *name, const cp__image_info *info)
{
	unsigned char *icc = NULL;
	char why[300];

	assert_true(info->icc_len > 0);
	if (cp__image_jpeg_icc(&icc, ts_path(fx, name), info, why,
	    sizeof(why)) != 0)
		fail_msg("%s: %s", name, why);
	return icc;
}

static void
test_jpeg_page__shrunk_copy_keeps_the_profile(void **state)
{
	ts_fixture *fx = *state;
	static const char *const kinds[] = { "rgb icc", "rgb bigicc",
		"grey icc", "rgb" };
	cp__image_info before, after;
	unsigned char *a, *b, head[4];
	char src[1024], dst[1024], args[128];
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(args, sizeof(args), "photo.jpg 600 400 %s noise",
		    kinds[i]);
		mkjpeg(fx, args);
		snprintf(src, sizeof(src), "%s/photo.jpg", fx->dir);
		snprintf(dst, sizeof(dst), "%s/small.jpg", fx->dir);
		before = probe_ok(fx, "photo.jpg");
		if (cp__image_shrink(src, 150, 100, 40, dst, "photo.jpg",
		    &fx->err) != 0)
			fail_msg("%s: %s", kinds[i], fx->err.message);
		after = probe_ok(fx, "small.jpg");
		assert_true(after.width < before.width);
		/* JFIF's APP0 still comes first. */
		f = fopen(dst, "rb");
		assert_non_null(f);
		assert_int_equal(fread(head, 1, 4, f), 4);
		fclose(f);
		assert_memory_equal(head, "\xff\xd8\xff\xe0", 4);
		assert_int_equal(after.icc_len, before.icc_len);
		if (before.icc_len == 0)
			continue;
		a = profile_of(fx, "photo.jpg", &before);
		b = profile_of(fx, "small.jpg", &after);
		assert_memory_equal(a, b, before.icc_len);
		free(a);
		free(b);
		/* Its page uses it. */
		expect_page(fx, "small.jpg", before.components == 1 ?
		    "/DeviceGray" : "/DeviceRGB", true, false);
	}
}

/* ---- arithmetic coding ------------------------------------------------------ */

/* Re-codes `name` and checks the copy: Huffman-coded, the same facts,
 * the same pixels. */
static void
expect_recoded(ts_fixture *fx, const char *name)
{
	cp__image_info before = probe_ok(fx, name), after;
	unsigned char *a, *b;
	char src[1024], dst[1024], why[300];
	size_t alen, blen;
	unsigned aw, ah, bw, bh, sof;

	assert_true(before.arithmetic);
	snprintf(src, sizeof(src), "%s/%s", fx->dir, name);
	snprintf(dst, sizeof(dst), "%s/%s.huffman.jpg", fx->dir, name);
	if (cp__image_verify(src, CP__FORMAT_JPEG, why, sizeof(why)) != 0)
		fail_msg("%s: verify: %s", name, why);
	if (cp__jpeg_huffman(src, dst, why, sizeof(why)) != 0)
		fail_msg("%s: %s", name, why);
	if (cp__image_probe(&after, dst, why, sizeof(why)) != 0)
		fail_msg("%s: the copy is refused: %s", name, why);
	sof = frame_marker(dst);
	if (sof != 0xc0 && sof != 0xc1 && sof != 0xc2)
		fail_msg("%s: the copy's frame is 0xFF%02X", name, sof);
	assert_false(after.arithmetic);
	assert_int_equal(after.width, before.width);
	assert_int_equal(after.height, before.height);
	assert_int_equal(after.components, before.components);
	assert_int_equal(after.adobe, before.adobe);
	assert_int_equal(after.icc_len, before.icc_len);
	assert_int_equal(after.orientation, before.orientation);
	assert_int_equal(cp__image_verify(dst, CP__FORMAT_JPEG, why,
	    sizeof(why)), 0);
	a = decode(src, &alen, &aw, &ah);
	b = decode(dst, &blen, &bw, &bh);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
}

static void
test_jpeg_page__arithmetic_is_recoded_losslessly(void **state)
{
	ts_fixture *fx = *state;

	mkjpeg(fx, "seq.jpg 90 60 rgb arith");
	assert_int_equal(frame_marker(ts_path(fx, "seq.jpg")), 0xc9);
	expect_recoded(fx, "seq.jpg");
	mkjpeg(fx, "prog.jpg 90 60 rgb arith progressive icc");
	assert_int_equal(frame_marker(ts_path(fx, "prog.jpg")), 0xca);
	assert_true(probe_ok(fx, "prog.jpg").progressive);
	expect_recoded(fx, "prog.jpg");
	mkjpeg(fx, "grey.jpg 33 17 grey arith progressive");
	expect_recoded(fx, "grey.jpg");
	/* Adobe CMYK with a profile and stray bytes in its header. */
	mkjpeg(fx, "cmyk.jpg 40 30 cmyk arith bigicc junk");
	assert_true(probe_ok(fx, "cmyk.jpg").adobe);
	expect_recoded(fx, "cmyk.jpg");
	expect_page(fx, "cmyk.jpg.huffman.jpg", "/DeviceCMYK", true, true);
}

/* What libjpeg cannot decode is refused by cp__image_verify (check),
 * so that build never meets it. */
static void
test_jpeg_page__undecodable_arithmetic_is_refused(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *all;
	size_t len, i;
	char why[300];
	FILE *f;

	mkjpeg(fx, "a.jpg 40 30 rgb arith");
	f = fopen(ts_path(fx, "a.jpg"), "rb");
	assert_non_null(f);
	all = malloc(1 << 16);
	assert_non_null(all);
	len = fread(all, 1, 1 << 16, f);
	fclose(f);
	/* The arithmetic conditioning table (DAC): its first index. */
	for (i = 2; i + 4 < len; i++)
		if (all[i] == 0xff && all[i + 1] == 0xcc)
			break;
	assert_true(i + 4 < len);
	all[i + 4] = 0x40;
	ts_write_bytes(fx->dir, "dac.jpg", all, len);
	assert_true(probe_ok(fx, "dac.jpg").arithmetic);
	assert_int_equal(cp__image_verify(ts_path(fx, "dac.jpg"),
	    CP__FORMAT_JPEG, why, sizeof(why)), -1);
	ts_assert_contains(why, "JPEG cannot be decoded");
	assert_int_equal(cp__jpeg_huffman(ts_path(fx, "dac.jpg"),
	    ts_path(fx, "out.jpg"), why, sizeof(why)), -1);
	free(all);
	/* A header of a hundred bytes claiming 20000 x 10000 pixels would
	 * take 600 MB of coefficients: refused before they are taken. */
	{
		bytes o = { { 0 }, 0 };
		unsigned char q[64];

		memset(q, 1, sizeof(q));
		put(&o, "\xff\xd8\xff\xdb\x00\x43\x00", 7);
		put(&o, q, sizeof(q));
		put(&o, "\xff\xc9\x00\x11\x08\x27\x10\x4e\x20\x03"
		    "\x01\x22\x00\x02\x11\x00\x03\x11\x00", 19);
		put(&o, "\xff\xda\x00\x0c\x03\x01\x00\x02\x00\x03\x00"
		    "\x00\x3f\x00\xff\xd9", 16);
		ts_write_bytes(fx->dir, "huge.jpg", o.b, o.n);
		assert_int_equal(probe_ok(fx, "huge.jpg").width, 20000);
		assert_int_equal(cp__image_verify(ts_path(fx, "huge.jpg"),
		    CP__FORMAT_JPEG, why, sizeof(why)), -1);
		ts_assert_contains(why, "too large to re-code");
	}
	/* A file that is not there. */
	assert_int_equal(cp__jpeg_huffman(ts_path(fx, "none.jpg"), NULL, why,
	    sizeof(why)), -1);
	ts_assert_contains(why, "cannot be read");
}

/* ---- stray bytes ----------------------------------------------------------- */

static void
test_jpeg_page__stray_bytes_between_segments_are_passed_over(void **state)
{
	ts_fixture *fx = *state;
	char why[300];

	mkjpeg(fx, "junk.jpg 60 40 rgb junk icc");
	assert_true(probe_ok(fx, "junk.jpg").icc_len > 0);
	assert_int_equal(cp__image_verify(ts_path(fx, "junk.jpg"),
	    CP__FORMAT_JPEG, why, sizeof(why)), 0);
	expect_page(fx, "junk.jpg", "/DeviceRGB", true, false);
	mkjpeg(fx, "junk-prog.jpg 60 40 grey junk progressive");
	assert_int_equal(cp__image_verify(ts_path(fx, "junk-prog.jpg"),
	    CP__FORMAT_JPEG, why, sizeof(why)), 0);
	expect_page(fx, "junk-prog.jpg", "/DeviceGray", false, false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_jpeg_page__icc_chunks_are_put_in_order),
		TS_TEST(test_jpeg_page__inconsistent_icc_chunks_give_no_profile),
		TS_TEST(test_jpeg_page__profile_becomes_iccbased),
		TS_TEST(test_jpeg_page__shrunk_copy_keeps_the_profile),
		TS_TEST(test_jpeg_page__arithmetic_is_recoded_losslessly),
		TS_TEST(test_jpeg_page__undecodable_arithmetic_is_refused),
		TS_TEST(test_jpeg_page__stray_bytes_between_segments_are_passed_over),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
