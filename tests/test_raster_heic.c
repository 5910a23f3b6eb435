/* test_raster_heic.c - HEIC photos decoded through libheif, compared
 * with ImageMagick's decoding of the same files and with the pixels
 * they were made from. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libheif/heif.h>

#include "input/raster.h"
#include "input/sniff.h"
#include "support.h"
#include "raster_compare.h"

/* ---- HEICs made with libheif's encoder --------------------------------- */

/* ImageMagick 6 writes neither the rotation boxes, an alpha channel,
 * a colour profile nor more than 8 bits into a HEIC: those files are
 * made here with libheif's encoder (x265, lossless and 4:4:4, so that
 * the decoded pixels are exactly the pattern's). */
typedef struct {
	int orientation;        /* written as irot/imir; 0 for none */
	bool alpha;             /* an alpha plane */
	bool opaque;            /* ... that is 255 everywhere */
	bool ten_bit;           /* 10 bits a sample */
	bool mono;              /* a monochrome (4:0:0) image */
	bool premultiplied;     /* colours stored times their alpha */
	const char *icc_type;   /* "prof" or "rICC", with icc/icc_len */
	const unsigned char *icc;
	size_t icc_len;
	int exif_orientation;   /* an Exif block with this orientation */
} heic_spec;

#define W 61
#define H 47

/* The pattern's pixel at (x, y) as stored, in 8 bits. */
static void
pattern(const heic_spec *s, unsigned x, unsigned y, unsigned char px[4])
{
	bool block = x < 20 && y < 10;

	px[0] = (unsigned char)(x * 4);
	px[1] = (unsigned char)(s->mono ? x * 4 : y * 5);
	px[2] = (unsigned char)(s->mono ? x * 4 : block ? 255 : 0);
	px[3] = (unsigned char)(!s->alpha || s->opaque ? 255 : 255 - y * 5);
}

/* In the child process that encodes (see write_heic): a failure ends
 * it, saying why. */
static void
heif_ok(struct heif_error e, const char *what)
{
	if (e.code != heif_error_Ok) {
		fprintf(stderr, "libheif: %s: %s\n", what, e.message);
		_exit(1);
	}
}

static void *
made(void *p)
{
	if (p == NULL) {
		fprintf(stderr, "libheif: out of memory\n");
		_exit(1);
	}
	return p;
}

static void
encode_heic(const char *path, const heic_spec *s)
{
	/* An Exif block (big-endian TIFF) holding only an orientation. */
	unsigned char exif[] = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct heif_encoding_options *opts;
	struct heif_image_handle *handle;
	struct heif_encoder *enc;
	struct heif_context *ctx;
	struct heif_image *img;
	enum heif_chroma chroma;
	unsigned char px[4], *plane, *p;
	unsigned x, y, c, n;
	int stride;

	ctx = made(heif_context_alloc());
	heif_ok(heif_context_get_encoder_for_format(ctx, heif_compression_HEVC,
	    &enc), "no HEVC encoder");
	heif_ok(heif_encoder_set_lossless(enc, 1), "lossless");
	heif_ok(heif_encoder_set_parameter(enc, "chroma", "444"), "chroma");
	if (s->mono) {
		heif_ok(heif_image_create(W, H, heif_colorspace_monochrome,
		    heif_chroma_monochrome, &img), "create");
		heif_ok(heif_image_add_plane(img, heif_channel_Y, W, H, 8),
		    "plane");
		plane = heif_image_get_plane(img, heif_channel_Y, &stride);
		for (y = 0; y < H; y++)
			for (x = 0; x < W; x++) {
				pattern(s, x, y, px);
				plane[(size_t)y * (size_t)stride + x] = px[0];
			}
	} else {
		n = s->alpha ? 4 : 3;
		chroma = s->ten_bit ? (s->alpha ?
		    heif_chroma_interleaved_RRGGBBAA_LE :
		    heif_chroma_interleaved_RRGGBB_LE) : s->alpha ?
		    heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB;
		heif_ok(heif_image_create(W, H, heif_colorspace_RGB, chroma,
		    &img), "create");
		heif_ok(heif_image_add_plane(img, heif_channel_interleaved, W,
		    H, s->ten_bit ? 10 : 8), "plane");
		plane = heif_image_get_plane(img, heif_channel_interleaved,
		    &stride);
		for (y = 0; y < H; y++)
			for (x = 0; x < W; x++) {
				pattern(s, x, y, px);
				for (c = 0; c < n; c++) {
					if (s->premultiplied && c < 3)
						px[c] = (unsigned char)((px[c] *
						    px[3] + 127) / 255);
					if (!s->ten_bit) {
						plane[(size_t)y * (size_t)stride +
						    x * n + c] = px[c];
						continue;
					}
					/* 10 bits: the 8-bit value times 4,
					 * little-endian. */
					p = plane + (size_t)y * (size_t)stride +
					    (x * n + c) * 2;
					p[0] = (unsigned char)((px[c] * 4u) &
					    0xff);
					p[1] = (unsigned char)(px[c] * 4u >> 8);
				}
			}
	}
	if (s->premultiplied)
		heif_image_set_premultiplied_alpha(img, 1);
	if (s->icc != NULL)
		heif_ok(heif_image_set_raw_color_profile(img, s->icc_type,
		    s->icc, s->icc_len), "profile");
	opts = made(heif_encoding_options_alloc());
	opts->macOS_compatibility_workaround = 0;   /* no grid: one item */
	opts->save_alpha_channel = s->alpha;
	if (s->orientation != 0)
		opts->image_orientation =
		    (enum heif_orientation)s->orientation;
	heif_ok(heif_context_encode_image(ctx, img, enc, opts, &handle),
	    "encode");
	if (s->exif_orientation != 0) {
		exif[19] = (unsigned char)s->exif_orientation;
		heif_ok(heif_context_add_exif_metadata(ctx, handle, exif,
		    (int)sizeof(exif)), "exif");
	}
	heif_ok(heif_context_write_to_file(ctx, path), "write");
	heif_encoding_options_free(opts);
	heif_image_handle_release(handle);
	heif_image_release(img);
	heif_encoder_release(enc);
	heif_context_free(ctx);
}

/* Writes the HEIC `s` describes as `name` in the fixture's folder.
 * x265 3.5 leaks a block each time an encoder opens, and starts
 * threads: the encoding runs in a child process, which ends without
 * the sanitizers' leak check, so that the decoder's own leaks are the
 * only ones they see.  The child says it succeeded through a pipe, as
 * valgrind replaces its exit status when it reports the leak. */
static void
write_heic(const ts_fixture *fx, const char *name, const heic_spec *s)
{
	char path[1024], ok = 0;
	int fds[2];
	pid_t pid = -1;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	fflush(NULL);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		fail_msg("pipe or fork failed");
	if (pid == 0) {
		close(fds[0]);
		encode_heic(path, s);
		ok = 1;
		if (write(fds[1], &ok, 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &ok, 1) != 1)
		ok = 0;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	if (!ok)
		fail_msg("could not write %s with libheif", name);
}

/* Fails unless the decoded image is the pattern, turned by EXIF
 * orientation `o` (1 or 6: 90 degrees clockwise), within `tol`. */
static void
assert_pattern(const heic_spec *s, const rc_image *im, int o, int tol)
{
	unsigned char want[4];
	const unsigned char *got;
	unsigned x, y, sx, sy, c;
	int d;

	assert_int_equal(im->info.width, o == 6 ? H : W);
	assert_int_equal(im->info.height, o == 6 ? W : H);
	for (y = 0; y < im->info.height; y++)
		for (x = 0; x < im->info.width; x++) {
			/* Turned clockwise: the stored left column is the
			 * top row, its bottom pixel at the left. */
			sx = o == 6 ? y : x;
			sy = o == 6 ? H - 1 - x : y;
			pattern(s, sx, sy, want);
			got = im->rgba + ((size_t)y * im->info.width + x) * 4;
			for (c = 0; c < 4; c++) {
				d = got[c] - want[c];
				if (d > tol || d < -tol)
					fail_msg("pixel (%u, %u) sample %u is "
					    "%d, not %d", x, y, c, got[c],
					    want[c]);
			}
		}
}

/* ---- photos as phones and ImageMagick write them ----------------------- */

static void
test_raster_heic__photo_matches_imagemagick(void **state)
{
	ts_fixture *fx = *state;
	rc_image im;

	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png -quality 80 photo.heic");
	im = rc_decode(fx, "photo.heic", CP__FORMAT_HEIC);
	assert_int_equal(im.info.width, W);
	assert_int_equal(im.info.height, H);
	assert_int_equal(im.info.components, 3);
	assert_false(im.info.alpha);
	assert_int_equal(im.info.orientation, 1);
	assert_null(im.info.icc);
	assert_true(im.info.dpi_x == 0 && im.info.dpi_y == 0);
	rc_assert_matches_imagemagick(fx, "photo.heic", &im, 3, 20);
	/* The green block is where the pattern has it: top left. */
	assert_true(im.rgba[(5 * W + 10) * 4 + 1] > 200);
	assert_true(im.rgba[(5 * W + 10) * 4 + 0] < 60);
	rc_image_free(&im);
}

static void
test_raster_heic__grey_photos_match(void **state)
{
	ts_fixture *fx = *state;
	heic_spec mono = { .mono = true };
	rc_image im;

	/* ImageMagick writes a grey picture as colour (4:2:0). */
	rc_pattern(fx, "grey.png", false, true);
	rc_sh(fx, "convert grey.png grey.heic");
	im = rc_decode(fx, "grey.heic", CP__FORMAT_HEIC);
	rc_assert_matches_imagemagick(fx, "grey.heic", &im, 3, 20);
	rc_image_free(&im);

	/* A monochrome (4:0:0) HEIC. */
	write_heic(fx, "mono.heic", &mono);
	im = rc_decode(fx, "mono.heic", CP__FORMAT_HEIC);
	assert_pattern(&mono, &im, 1, 1);
	rc_assert_matches_imagemagick(fx, "mono.heic", &im, 5, 0);
	rc_image_free(&im);
}

static void
test_raster_heic__alpha_is_kept_when_some_pixel_shows_through(void **state)
{
	ts_fixture *fx = *state;
	heic_spec alpha = { .alpha = true }, opaque = { .alpha = true,
		.opaque = true }, premultiplied = { .alpha = true,
		.premultiplied = true };
	unsigned char want[4];
	const unsigned char *got;
	unsigned x, y, c;
	rc_image im;

	/* ImageMagick 6 drops a HEIC's alpha when it reads one, so the
	 * pixels are compared with the pattern the file was made from. */
	write_heic(fx, "alpha.heic", &alpha);
	im = rc_decode(fx, "alpha.heic", CP__FORMAT_HEIC);
	assert_true(im.info.alpha);
	assert_int_equal(im.info.components, 3);
	assert_pattern(&alpha, &im, 1, 1);
	rc_image_free(&im);

	/* Colours stored multiplied by their alpha come out plain, as
	 * far as the 8 bits they were stored in tell (the rows where
	 * the pattern is at least half opaque). */
	write_heic(fx, "premultiplied.heic", &premultiplied);
	im = rc_decode(fx, "premultiplied.heic", CP__FORMAT_HEIC);
	assert_true(im.info.alpha);
	for (y = 0; y < H && 255 - y * 5 >= 128; y++)
		for (x = 0; x < W; x++) {
			pattern(&alpha, x, y, want);
			got = im.rgba + ((size_t)y * W + x) * 4;
			for (c = 0; c < 4; c++)
				if (got[c] > want[c] + 4 || got[c] + 4 < want[c])
					fail_msg("pixel (%u, %u) sample %u is "
					    "%d, not %d", x, y, c, got[c],
					    want[c]);
		}
	rc_image_free(&im);

	/* An alpha plane that leaves every pixel opaque is no alpha. */
	write_heic(fx, "opaque.heic", &opaque);
	im = rc_decode(fx, "opaque.heic", CP__FORMAT_HEIC);
	assert_false(im.info.alpha);
	assert_pattern(&opaque, &im, 1, 1);
	rc_assert_matches_imagemagick(fx, "opaque.heic", &im, 5, 0);
	rc_image_free(&im);
}

static void
test_raster_heic__rotated_photo_comes_out_upright(void **state)
{
	ts_fixture *fx = *state;
	/* As an iPhone held upright writes it: the sensor's rows in the
	 * file, an irot box turning them, and the same turn in Exif. */
	heic_spec rot = { .orientation = 6, .exif_orientation = 6 };
	rc_image im;

	write_heic(fx, "rotated.heic", &rot);
	im = rc_decode(fx, "rotated.heic", CP__FORMAT_HEIC);
	/* Turned once by libheif, not again by the Exif tag. */
	assert_int_equal(im.info.orientation, 1);
	assert_pattern(&rot, &im, 6, 1);
	/* ImageMagick 6.9 turns it the same way, but smears the colour
	 * along one edge of the green block (a column of 40 samples,
	 * 1.4%): all the rest agrees. */
	rc_assert_matches_imagemagick(fx, "rotated.heic", &im, 5, 20);
	rc_image_free(&im);
}

static void
test_raster_heic__exif_orientation_inside_a_heic_is_ignored(void **state)
{
	ts_fixture *fx = *state;
	/* An Exif tag that says "turn" with no irot box (as heif-enc
	 * writes a turned JPEG): HEIF readers go by the boxes only. */
	heic_spec exif = { .exif_orientation = 6 };
	rc_image im;

	write_heic(fx, "exif.heic", &exif);
	im = rc_decode(fx, "exif.heic", CP__FORMAT_HEIC);
	assert_int_equal(im.info.orientation, 1);
	assert_pattern(&exif, &im, 1, 1);
	rc_image_free(&im);
}

static void
test_raster_heic__rgb_colour_profile_is_kept(void **state)
{
	ts_fixture *fx = *state;
	unsigned char rgb[300], grey[200], bad[200];
	heic_spec prof = { .icc_type = "prof", .icc = rgb, .icc_len = 300 };
	heic_spec ricc = { .icc_type = "rICC", .icc = rgb, .icc_len = 300 };
	heic_spec gray = { .icc_type = "prof", .icc = grey, .icc_len = 200 };
	heic_spec cut = { .icc_type = "prof", .icc = bad, .icc_len = 200 };
	rc_image im;

	rc_icc_profile(rgb, sizeof(rgb), "RGB ");
	rc_icc_profile(grey, sizeof(grey), "GRAY");
	rc_icc_profile(bad, sizeof(bad), "RGB ");
	bad[3] = 0x10;  /* says it is longer than it is */

	write_heic(fx, "prof.heic", &prof);
	im = rc_decode(fx, "prof.heic", CP__FORMAT_HEIC);
	assert_int_equal(im.info.icc_len, sizeof(rgb));
	assert_memory_equal(im.info.icc, rgb, sizeof(rgb));
	assert_pattern(&prof, &im, 1, 1);
	rc_image_free(&im);

	write_heic(fx, "ricc.heic", &ricc);
	im = rc_decode(fx, "ricc.heic", CP__FORMAT_HEIC);
	assert_int_equal(im.info.icc_len, sizeof(rgb));
	assert_memory_equal(im.info.icc, rgb, sizeof(rgb));
	rc_image_free(&im);

	/* A grey profile does not describe the RGB handed out; a profile
	 * that is not whole describes nothing: both are dropped, and the
	 * photo is still drawn. */
	write_heic(fx, "grey-icc.heic", &gray);
	im = rc_decode(fx, "grey-icc.heic", CP__FORMAT_HEIC);
	assert_null(im.info.icc);
	assert_int_equal(im.info.icc_len, 0);
	rc_image_free(&im);
	write_heic(fx, "bad-icc.heic", &cut);
	im = rc_decode(fx, "bad-icc.heic", CP__FORMAT_HEIC);
	assert_null(im.info.icc);
	rc_image_free(&im);
}

static void
test_raster_heic__ten_bit_photo_comes_out_in_8_bits(void **state)
{
	ts_fixture *fx = *state;
	heic_spec ten = { .ten_bit = true }, ten_alpha = { .ten_bit = true,
		.alpha = true };
	rc_image im;

	write_heic(fx, "ten.heic", &ten);
	im = rc_decode(fx, "ten.heic", CP__FORMAT_HEIC);
	assert_int_equal(im.info.bits, 8);
	/* v * 4 in 10 bits is v * 4 * 255 / 1023 in 8: v, give or take
	 * one. */
	assert_pattern(&ten, &im, 1, 1);
	/* ImageMagick drops the two low bits where libheif rounds. */
	rc_assert_matches_imagemagick(fx, "ten.heic", &im, 5, 0);
	rc_image_free(&im);

	write_heic(fx, "ten-alpha.heic", &ten_alpha);
	im = rc_decode(fx, "ten-alpha.heic", CP__FORMAT_HEIC);
	assert_true(im.info.alpha);
	assert_pattern(&ten_alpha, &im, 1, 1);
	rc_image_free(&im);
}

/* ---- what is refused -------------------------------------------------- */

/* The file `name`, with the size in its ispe box set to w x h. */
static void
claim_size(ts_fixture *fx, const char *from, const char *name, uint32_t w,
    uint32_t h)
{
	unsigned char *b;
	size_t len, i;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fx->dir, from);
	b = rc_slurp(path, &len);
	for (i = 0; i + 16 <= len && memcmp(b + i, "ispe", 4) != 0; i++)
		;
	assert_true(i + 16 <= len);
	/* "ispe", version and flags, width, height. */
	b[i + 8] = (unsigned char)(w >> 24);
	b[i + 9] = (unsigned char)(w >> 16);
	b[i + 10] = (unsigned char)(w >> 8);
	b[i + 11] = (unsigned char)w;
	b[i + 12] = (unsigned char)(h >> 24);
	b[i + 13] = (unsigned char)(h >> 16);
	b[i + 14] = (unsigned char)(h >> 8);
	b[i + 15] = (unsigned char)h;
	ts_write_bytes(fx->dir, name, b, len);
	free(b);
}

static void
test_raster_heic__huge_claims_are_refused_before_decoding(void **state)
{
	ts_fixture *fx = *state;
	heic_spec plain = { 0 };
	size_t pages;

	/* The file holds 61 x 47 pixels: only the claim is large, so a
	 * refusal that names the size came before any decoding. */
	write_heic(fx, "plain.heic", &plain);
	claim_size(fx, "plain.heic", "edge.heic", CP__IMAGE_MAX_SIDE, 47);
	assert_int_equal(cp__raster_count(ts_path(fx, "edge.heic"),
	    CP__FORMAT_HEIC, &pages, "edge.heic", &fx->err), CP_OK);
	claim_size(fx, "plain.heic", "over.heic", CP__IMAGE_MAX_SIDE + 1, 47);
	rc_assert_refused(fx, "over.heic", CP__FORMAT_HEIC, "20001x47");
	claim_size(fx, "plain.heic", "wide.heic", 30000, 47);
	rc_assert_refused(fx, "wide.heic", CP__FORMAT_HEIC, "30000x47");
	ts_assert_contains(fx->err.message, "largest image claimpack takes");
	claim_size(fx, "plain.heic", "many.heic", 15000, 15000);
	rc_assert_refused(fx, "many.heic", CP__FORMAT_HEIC,
	    "15000 x 15000 pixels");
	ts_assert_contains(fx->err.message, "200 megapixels");
}

static void
test_raster_heic__truncated_photo_is_refused(void **state)
{
	ts_fixture *fx = *state;
	heic_spec plain = { 0 };
	unsigned char *b;
	size_t len, cuts[8], i;
	char path[1024];

	write_heic(fx, "whole.heic", &plain);
	snprintf(path, sizeof(path), "%s/whole.heic", fx->dir);
	b = rc_slurp(path, &len);
	cuts[0] = 0;
	cuts[1] = 10;
	cuts[2] = 30;
	cuts[3] = len / 4;
	cuts[4] = len / 2;
	cuts[5] = len * 3 / 4;
	cuts[6] = len - 10;
	cuts[7] = len - 1;
	for (i = 0; i < 8; i++) {
		ts_write_bytes(fx->dir, "cut.heic", b, cuts[i]);
		rc_assert_refused(fx, "cut.heic", CP__FORMAT_HEIC,
		    "HEIC photo is damaged: ");
	}
	free(b);
}

/* Renames the first box or property called `from` in the file. */
static void
rename_box(unsigned char *b, size_t len, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i + 4 <= len; i++)
		if (memcmp(b + i, from, 4) == 0) {
			memcpy(b + i, to, 4);
			return;
		}
	fail_msg("no %s box", from);
}

static void
test_raster_heic__damaged_photo_is_refused_never_crashes(void **state)
{
	ts_fixture *fx = *state;
	heic_spec plain = { .alpha = true };
	unsigned char *b, *m;
	size_t len;
	char path[1024];
	unsigned refused;
	int rc;

	write_heic(fx, "whole.heic", &plain);
	snprintf(path, sizeof(path), "%s/whole.heic", fx->dir);
	b = rc_slurp(path, &len);
	m = malloc(len);
	assert_non_null(m);

	/* No file type box. */
	memcpy(m, b, len);
	rename_box(m, len, "ftyp", "xxxx");
	ts_write_bytes(fx->dir, "bad.heic", m, len);
	rc_assert_refused(fx, "bad.heic", CP__FORMAT_HEIC, "HEIC photo is "
	    "damaged: ");
	/* No HEVC decoder configuration for the image. */
	memcpy(m, b, len);
	rename_box(m, len, "hvcC", "xxxx");
	ts_write_bytes(fx->dir, "bad.heic", m, len);
	rc_assert_refused(fx, "bad.heic", CP__FORMAT_HEIC, "HEIC photo is "
	    "damaged: ");
	/* No primary item. */
	memcpy(m, b, len);
	rename_box(m, len, "pitm", "xxxx");
	ts_write_bytes(fx->dir, "bad.heic", m, len);
	rc_assert_refused(fx, "bad.heic", CP__FORMAT_HEIC, "HEIC photo is "
	    "damaged: ");
	/* The image data's NAL units garbled. */
	memcpy(m, b, len);
	memset(m + len - len / 3, 0xff, len / 3);
	ts_write_bytes(fx->dir, "bad.heic", m, len);
	memset(&fx->err, 0, sizeof(fx->err));
	snprintf(path, sizeof(path), "%s/bad.heic", fx->dir);
	rc = cp__raster_verify(path, CP__FORMAT_HEIC, "bad.heic", &fx->err);
	assert_true(rc == CP_OK || rc == CP_EIO);

	/* Bytes changed at random: each decodes or is refused. */
	refused = rc_mutants(fx, b, len, CP__FORMAT_HEIC, "bad.heic",
	    "HEIC photo", 150);
	assert_true(refused > 0);
	free(m);
	free(b);
}

static void
test_raster_heic__other_files_are_refused(void **state)
{
	ts_fixture *fx = *state;

	rc_pattern(fx, "pattern.png", false, false);
	rc_assert_refused(fx, "pattern.png", CP__FORMAT_HEIC, "HEIC photo is "
	    "damaged: ");
	ts_write_bytes(fx->dir, "empty.heic", "", 0);
	rc_assert_refused(fx, "empty.heic", CP__FORMAT_HEIC, "HEIC photo is "
	    "damaged: ");
	rc_assert_refused(fx, "missing.heic", CP__FORMAT_HEIC, "cannot open");
	ts_mkdir(fx->dir, "folder.heic");
	rc_assert_refused(fx, "folder.heic", CP__FORMAT_HEIC, "is a folder");
}

/* ---- telling a HEIC from its first bytes -------------------------------- */

/* An ftyp box with the major brand `major` and the compatible brands
 * in `compat` (4 characters each), then `rest`; the format sniffed. */
static cp__format
sniff_ftyp(const char *major, const char *compat, const char *rest)
{
	unsigned char b[256];
	size_t n, c = strlen(compat), r = strlen(rest);

	n = 16 + c;
	b[0] = 0;
	b[1] = 0;
	b[2] = 0;
	b[3] = (unsigned char)n;
	memcpy(b + 4, "ftyp", 4);
	memcpy(b + 8, major, 4);
	memset(b + 12, 0, 4);
	memcpy(b + 16, compat, c);
	memcpy(b + n, rest, r);
	return cp__sniff(b, n + r);
}

static void
test_raster_heic__heic_brands_are_recognised(void **state)
{
	static const char *const hevc[] = { "heic", "heix", "heim", "heis",
		"hevc", "hevm", "hevs" };
	char compat[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hevc) / sizeof(hevc[0]); i++) {
		/* As the major brand, or after a general one. */
		assert_int_equal(sniff_ftyp(hevc[i], "mif1", ""),
		    CP__FORMAT_HEIC);
		snprintf(compat, sizeof(compat), "miaf%s", hevc[i]);
		assert_int_equal(sniff_ftyp("mif1", compat, ""),
		    CP__FORMAT_HEIC);
		assert_int_equal(sniff_ftyp("msf1", compat, ""),
		    CP__FORMAT_HEIC);
	}
	/* The general brands alone, with an HEVC image in the file. */
	assert_int_equal(sniff_ftyp("mif1", "mif1", "....infe........hvc1"),
	    CP__FORMAT_HEIC);
	assert_int_equal(sniff_ftyp("msf1", "", "....hvcC...."),
	    CP__FORMAT_HEIC);
	/* ... or without one: not a HEIC. */
	assert_int_equal(sniff_ftyp("mif1", "mif1", "....meta...."),
	    CP__FORMAT_UNKNOWN);
	/* AV1 in HEIF is AVIF, another format. */
	assert_int_equal(sniff_ftyp("avif", "mif1miaf", ""),
	    CP__FORMAT_UNKNOWN);
	assert_int_equal(sniff_ftyp("mif1", "avifmiaf", "....hvcC...."),
	    CP__FORMAT_UNKNOWN);
	/* An ISO file that is no image. */
	assert_int_equal(sniff_ftyp("isom", "mp41", ""), CP__FORMAT_UNKNOWN);
}

static void
test_raster_heic__files_libheif_writes_sniff_as_heic(void **state)
{
	ts_fixture *fx = *state;
	heic_spec plain = { 0 };
	unsigned char head[CP__SNIFF_BYTES];
	ssize_t n;

	rc_pattern(fx, "pattern.png", false, false);
	rc_sh(fx, "convert pattern.png photo.heic");
	write_heic(fx, "plain.heic", &plain);
	assert_true((n = cp__sniff_read(ts_path(fx, "photo.heic"), head)) > 0);
	assert_int_equal(cp__sniff(head, (size_t)n), CP__FORMAT_HEIC);
	assert_true((n = cp__sniff_read(ts_path(fx, "plain.heic"), head)) > 0);
	assert_int_equal(cp__sniff(head, (size_t)n), CP__FORMAT_HEIC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_raster_heic__photo_matches_imagemagick),
		TS_TEST(test_raster_heic__grey_photos_match),
		TS_TEST(test_raster_heic__alpha_is_kept_when_some_pixel_shows_through),
		TS_TEST(test_raster_heic__rotated_photo_comes_out_upright),
		TS_TEST(test_raster_heic__exif_orientation_inside_a_heic_is_ignored),
		TS_TEST(test_raster_heic__rgb_colour_profile_is_kept),
		TS_TEST(test_raster_heic__ten_bit_photo_comes_out_in_8_bits),
		TS_TEST(test_raster_heic__huge_claims_are_refused_before_decoding),
		TS_TEST(test_raster_heic__truncated_photo_is_refused),
		TS_TEST(test_raster_heic__damaged_photo_is_refused_never_crashes),
		TS_TEST(test_raster_heic__other_files_are_refused),
		TS_TEST(test_raster_heic__heic_brands_are_recognised),
		TS_TEST(test_raster_heic__files_libheif_writes_sniff_as_heic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
