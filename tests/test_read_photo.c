/* test_read_photo.c - facts read off photos and scans: the QR code of an
 * invoice photographed by a phone (12 megapixels, turned by EXIF,
 * blurred, the code small, tilted and in a corner), the day EXIF says a
 * photo was taken, and damaged files that give a problem, never a
 * crash.
 *
 * The photos are made at run time by tests/e2e/mkqrphoto.c (included
 * here, so that its picture is also at hand as pixels); HEIC and TIFF
 * files by libheif and libtiff, WebP by ImageMagick's `convert`, which
 * keeps the JPEG's EXIF data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include <libheif/heif.h>
#include <tiffio.h>

#include "input/exif.h"
#include "manifest/date.h"
#include "read/read.h"
#include "read/readers.h"
#include "support.h"

#define MKQRPHOTO_NO_MAIN
#include "e2e/mkqrphoto.c"

/* The first real VAT QR text of DOMAIN.md: type 10 (an ordinary
 * e-invoice), whose amount is the amount before tax. */
#define VAT_QR MKQR_VAT_TEXT
#define TAKEN "2026:10:05 09:12:44"

static double
seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Writes the photo `o` describes as `name` in the test's folder. */
static const char *
photo(ts_fixture *fx, const char *name, mkqr_opts *o)
{
	const char *path = ts_path(fx, name);

	o->out = path;
	if (mkqr_write(o) != 0)
		fail_msg("mkqrphoto could not write %s", name);
	return path;
}

static cp__paper_facts *
read_file(const char *path, unsigned flags)
{
	cp__paper_facts *paper = NULL;

	assert_int_equal(cp__read_paper(&paper, path, NULL, flags), 0);
	assert_non_null(paper);
	return paper;
}

static bool
has_date(const cp__paper_facts *paper, int y, int m, int d, cp__date_role role)
{
	size_t i;

	for (i = 0; i < paper->ndates; i++)
		if (paper->dates[i].date == cp__date_from_ymd(y, m, d) &&
		    paper->dates[i].role == role &&
		    paper->dates[i].from == CP__FROM_EXIF)
			return true;
	return false;
}

/* The facts of DOMAIN.md's first VAT QR, read off the picture. */
static void
assert_vat_invoice(const cp__paper_facts *paper, int page)
{
	const cp__invoice_facts *inv = &paper->invoice;

	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_VAT);
	assert_non_null(inv->qr.text);
	assert_string_equal(inv->qr.text, VAT_QR);
	assert_int_equal(inv->qr.page, page);
	assert_string_equal(inv->qr_type, "10");
	assert_string_equal(inv->code.text, "033002000211");
	assert_string_equal(inv->number.text, "83089647");
	assert_int_equal(inv->number.from, CP__FROM_QR);
	assert_string_equal(inv->check_code.text, "16197833567414507415");
	assert_true(inv->date.has);
	assert_int_equal(inv->date.date, cp__date_from_ymd(2020, 7, 23));
	/* Type 10 holds the amount before tax, not the total. */
	assert_true(inv->amount_before_tax.has);
	assert_int_equal(inv->amount_before_tax.fen, 51068);
	assert_false(inv->amount.has);
	assert_string_equal(paper->type, "fapiao");
}

/* ---- the phone photo ------------------------------------------------- */

static void
test_read_photo__phone_photo_gives_invoice_and_day_taken(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	double t;

	/* 4032 x 3024 stored, EXIF orientation 6, a 220-pixel code turned
	 * 7 degrees in the bottom right corner, blurred, quality 85. */
	mkqr_defaults(&o);
	o.taken = TAKEN;
	photo(fx, "IMG_0412.jpg", &o);
	t = seconds();
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	print_message("12-megapixel photo read in %.3f s\n", seconds() - t);
	assert_null(paper->problem);
	assert_vat_invoice(paper, 0);
	cp__paper_free(paper);
	/* what check does: the first look alone finds a sharp 2 cm code */
	paper = read_file(fx->path, CP__READ_ALL);
	assert_null(paper->problem);
	assert_string_equal(paper->format, "jpeg");
	assert_int_equal(paper->pages, 1);
	assert_vat_invoice(paper, 0);
	assert_int_equal(paper->nlinks, 0);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	assert_int_equal(paper->ndates, 1);
	cp__paper_free(paper);
}

static void
test_read_photo__small_blurred_code_found_at_full_size(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	double t;

	/* Modules of four pixels, blurred over five: lost at half size,
	 * found in a tile of the full-size picture. */
	mkqr_defaults(&o);
	o.qr_px = 150;
	o.blur = 2;
	strcpy(o.corner, "tr");
	photo(fx, "small.jpg", &o);
	t = seconds();
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	print_message("read at full size in %.3f s\n", seconds() - t);
	assert_null(paper->problem);
	assert_vat_invoice(paper, 0);
	cp__paper_free(paper);
}

static void
test_read_photo__every_orientation(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	char name[32];
	int orientation;

	for (orientation = 1; orientation <= 8; orientation++) {
		mkqr_defaults(&o);
		o.width = 1600;
		o.height = 1200;
		o.qr_px = 110;
		o.orientation = orientation;
		o.taken = TAKEN;
		snprintf(name, sizeof(name), "o%d.jpg", orientation);
		photo(fx, name, &o);
		paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
		assert_null(paper->problem);
		assert_vat_invoice(paper, 0);
		assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
		cp__paper_free(paper);
	}
}

static void
test_read_photo__no_code_still_gives_the_day(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	double t;

	mkqr_defaults(&o);
	o.text = NULL;
	o.taken = TAKEN;
	photo(fx, "page.jpg", &o);
	t = seconds();
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	print_message("12-megapixel photo without a code searched in "
	    "%.3f s\n", seconds() - t);
	assert_null(paper->problem);
	assert_false(paper->invoice.present);
	assert_null(paper->invoice.qr.text);
	assert_int_equal(paper->nlinks, 0);
	assert_null(paper->type);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);
}

static void
test_read_photo__other_codes_are_links(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;

	mkqr_defaults(&o);
	o.width = 2000;
	o.height = 1500;
	o.qr_px = 160;
	o.text = "https://hospital.example.cn/report?id=20261005";
	o.exif = 0;
	photo(fx, "report.jpg", &o);
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	assert_null(paper->problem);
	assert_false(paper->invoice.present);
	assert_int_equal(paper->nlinks, 1);
	assert_string_equal(paper->links[0], o.text);
	/* No EXIF data: no day. */
	assert_int_equal(paper->ndates, 0);
	cp__paper_free(paper);
}

/* Only the headers are read for the day: no code is looked for. */
static void
test_read_photo__text_only_reads_the_day_alone(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;

	mkqr_defaults(&o);
	o.taken = TAKEN;
	photo(fx, "IMG_0413.jpg", &o);
	paper = read_file(fx->path, CP__READ_TEXT);
	assert_null(paper->problem);
	assert_false(paper->invoice.present);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);

	/* And with neither, nothing at all. */
	paper = read_file(fx->path, CP__READ_QR);
	assert_vat_invoice(paper, 0);
	assert_int_equal(paper->ndates, 0);
	cp__paper_free(paper);
}

/* ---- damaged files --------------------------------------------------- */

/* Copies the first `keep` bytes of `from` into `to` (both in the
 * test's folder). */
static void
cut(ts_fixture *fx, const char *from, const char *to, long keep)
{
	char src[1024];
	unsigned char *buf;
	FILE *f;

	snprintf(src, sizeof(src), "%s/%s", fx->dir, from);
	assert_non_null(f = fopen(src, "rb"));
	assert_non_null(buf = malloc((size_t)keep));
	assert_int_equal(fread(buf, 1, (size_t)keep, f), (size_t)keep);
	fclose(f);
	ts_write_bytes(fx->dir, to, buf, (size_t)keep);
	free(buf);
}

static long
file_size(ts_fixture *fx, const char *name)
{
	struct stat st;

	assert_int_equal(stat(ts_path(fx, name), &st), 0);
	return (long)st.st_size;
}

/*
 * A photo cut short (an interrupted download) is read as far as it
 * decodes: the paper says it is cut short (so `read` names it), and
 * still gives the day and a code in the part that decodes.  Only the
 * headers of a text-only read are whole, so that read has no problem.
 */
static void
test_read_photo__cut_short_jpeg_is_a_problem_with_what_decodes(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;

	/* Upright, the code at the top: in the first half of the data. */
	mkqr_defaults(&o);
	o.orientation = 1;
	o.taken = TAKEN;
	strcpy(o.corner, "tl");
	photo(fx, "whole.jpg", &o);
	cut(fx, "whole.jpg", "half.jpg", file_size(fx, "whole.jpg") / 2);
	paper = read_file(ts_path(fx, "half.jpg"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_non_null(paper->problem);
	assert_non_null(strstr(paper->problem, "cut short"));
	assert_vat_invoice(paper, 0);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);

	paper = read_file(ts_path(fx, "half.jpg"), CP__READ_TEXT);
	assert_null(paper->problem);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);

	/* The code at the bottom, lost with the second half. */
	strcpy(o.corner, "bl");
	photo(fx, "whole2.jpg", &o);
	cut(fx, "whole2.jpg", "half2.jpg", file_size(fx, "whole2.jpg") / 2);
	paper = read_file(ts_path(fx, "half2.jpg"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_non_null(paper->problem);
	assert_false(paper->invoice.present);
	cp__paper_free(paper);

	/* Cut inside the headers: nothing but the problem. */
	cut(fx, "whole.jpg", "head.jpg", 60);
	paper = read_file(ts_path(fx, "head.jpg"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_non_null(paper->problem);
	assert_string_equal(paper->format, "jpeg");
	assert_false(paper->invoice.present);
	assert_int_equal(paper->ndates, 0);
	cp__paper_free(paper);
}

static void
test_read_photo__damaged_rasters_are_problems(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;

	mkqr_defaults(&o);
	o.width = 800;
	o.height = 600;
	o.qr_px = 100;
	photo(fx, "scan.png", &o);
	cut(fx, "scan.png", "cut.png", file_size(fx, "scan.png") / 2);
	paper = read_file(ts_path(fx, "cut.png"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_non_null(paper->problem);
	assert_string_equal(paper->format, "png");
	cp__paper_free(paper);

	/* A PNG signature and nothing else. */
	cut(fx, "scan.png", "sig.png", 8);
	paper = read_file(ts_path(fx, "sig.png"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_non_null(paper->problem);
	cp__paper_free(paper);
	paper = read_file(ts_path(fx, "sig.png"), CP__READ_TEXT);
	assert_non_null(paper->problem);
	cp__paper_free(paper);
}

/* ---- the other formats ----------------------------------------------- */

static void
test_read_photo__png(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	double t;

	/* The 12-megapixel photo again, as a PNG with an eXIf chunk. */
	mkqr_defaults(&o);
	o.taken = TAKEN;
	photo(fx, "photo.png", &o);
	t = seconds();
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	print_message("12-megapixel PNG read in %.3f s\n", seconds() - t);
	assert_null(paper->problem);
	assert_string_equal(paper->format, "png");
	assert_int_equal(paper->pages, 1);
	assert_vat_invoice(paper, 0);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);
}

static bool
have_convert(void)
{
	return system("command -v convert >/dev/null 2>&1") == 0;
}

static void
test_read_photo__webp_keeps_the_exif_day(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	char cmd[2048];

	if (!have_convert()) {
		print_message("ImageMagick's convert is missing: skipped\n");
		skip();
	}
	mkqr_defaults(&o);
	o.width = 2000;
	o.height = 1500;
	o.qr_px = 140;
	o.taken = TAKEN;
	photo(fx, "chat.jpg", &o);
	snprintf(cmd, sizeof(cmd), "cd '%s' && convert chat.jpg -quality 80 "
	    "chat.webp", fx->dir);
	assert_int_equal(system(cmd), 0);
	paper = read_file(ts_path(fx, "chat.webp"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_null(paper->problem);
	assert_string_equal(paper->format, "webp");
	assert_vat_invoice(paper, 0);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);

	paper = read_file(ts_path(fx, "chat.webp"), CP__READ_TEXT);
	assert_false(paper->invoice.present);
	assert_true(has_date(paper, 2026, 10, 5, CP__DATE_TAKEN));
	cp__paper_free(paper);
}

/* Scans as scanners and office programs save them: a fax TIFF (1 bit a
 * pixel, Group 4), a CMYK JPEG (Adobe's inverted ink), a 16-bit grey
 * PNG, a grey PNG with alpha, a palette PNG. */
static void
test_read_photo__scans_of_every_kind(void **state)
{
	static const struct {
		const char *name, *options;
	} kinds[] = {
		{ "fax.tif", "-monochrome -compress Group4" },
		{ "cmyk.jpg", "-colorspace CMYK -quality 90" },
		{ "grey16.png", "-colorspace gray -depth 16" },
		{ "greya.png", "-colorspace gray -alpha on -channel A "
		    "-evaluate set 90%" },
		{ "palette.png", "-colors 16" },
	};
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;
	char cmd[2048];
	size_t i;

	if (!have_convert()) {
		print_message("ImageMagick's convert is missing: skipped\n");
		skip();
	}
	mkqr_defaults(&o);
	o.width = 1240;
	o.height = 1754;
	o.orientation = 1;
	o.qr_px = 140;
	o.blur = 0;
	o.exif = 0;
	photo(fx, "page.png", &o);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(cmd, sizeof(cmd), "cd '%s' && convert page.png %s %s",
		    fx->dir, kinds[i].options, kinds[i].name);
		assert_int_equal(system(cmd), 0);
		paper = read_file(ts_path(fx, kinds[i].name), CP__READ_ALL | CP__READ_THOROUGH);
		if (paper->problem != NULL || !paper->invoice.present)
			fail_msg("%s: %s", kinds[i].name, paper->problem ?
			    paper->problem : "no invoice QR found");
		/* A TIFF is paged, even with one page. */
		assert_vat_invoice(paper, strstr(kinds[i].name, ".tif") !=
		    NULL ? 1 : 0);
		cp__paper_free(paper);
	}
}

/* Encodes the picture `o` describes as the HEIC `path`, with its Exif
 * data as an iPhone attaches it (an Exif item).  0, or -1. */
static int
encode_heic(const char *path, const mkqr_opts *o)
{
	struct heif_image_handle *handle = NULL;
	struct heif_encoder *enc = NULL;
	struct heif_context *ctx;
	struct heif_image *img = NULL;
	unsigned char *rgb, exif[256];
	uint8_t *plane;
	size_t exif_len;
	int stride, y, rc = -1;

	if ((rgb = mkqr_pixels(o)) == NULL ||
	    (ctx = heif_context_alloc()) == NULL)
		return -1;
	if (heif_context_get_encoder_for_format(ctx, heif_compression_HEVC,
	    &enc).code != heif_error_Ok ||
	    heif_image_create(o->width, o->height, heif_colorspace_RGB,
	    heif_chroma_interleaved_RGB, &img).code != heif_error_Ok ||
	    heif_image_add_plane(img, heif_channel_interleaved, o->width,
	    o->height, 8).code != heif_error_Ok)
		goto out;
	heif_encoder_set_lossy_quality(enc, 70);
	plane = heif_image_get_plane(img, heif_channel_interleaved, &stride);
	for (y = 0; y < o->height; y++)
		memcpy(plane + (size_t)y * (size_t)stride, rgb + (size_t)y *
		    (size_t)o->width * 3, (size_t)o->width * 3);
	exif_len = mkqr_exif(exif, 1, NULL, o->taken);
	if (heif_context_encode_image(ctx, img, enc, NULL, &handle).code ==
	    heif_error_Ok &&
	    heif_context_add_exif_metadata(ctx, handle, exif,
	    (int)exif_len).code == heif_error_Ok &&
	    heif_context_write_to_file(ctx, path).code == heif_error_Ok)
		rc = 0;
out:
	if (handle != NULL)
		heif_image_handle_release(handle);
	if (img != NULL)
		heif_image_release(img);
	if (enc != NULL)
		heif_encoder_release(enc);
	heif_context_free(ctx);
	free(rgb);
	return rc;
}

/* Writes the HEIC as `name` in the test's folder.  x265 leaks a block
 * each time an encoder opens, and starts threads: the encoding runs in
 * a child process, which ends without the sanitizers' leak check (as
 * test_raster_heic.c does it), and says through a pipe that it
 * succeeded. */
static void
write_heic(ts_fixture *fx, const char *name, const mkqr_opts *o)
{
	const char *path = ts_path(fx, name);
	char ok = 0;
	int fds[2];
	pid_t pid = -1;

	fflush(NULL);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		fail_msg("pipe or fork failed");
	if (pid == 0) {
		close(fds[0]);
		ok = encode_heic(path, o) == 0;
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

static void
test_read_photo__heic(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	mkqr_opts o;

	mkqr_defaults(&o);
	o.width = 1600;
	o.height = 1200;
	o.qr_px = 120;
	o.orientation = 1;
	o.taken = "2025:01:31 23:59:59";
	write_heic(fx, "IMG_0001.heic", &o);
	paper = read_file(fx->path, CP__READ_ALL | CP__READ_THOROUGH);
	assert_null(paper->problem);
	assert_string_equal(paper->format, "heic");
	assert_vat_invoice(paper, 0);
	assert_true(has_date(paper, 2025, 1, 31, CP__DATE_TAKEN));
	cp__paper_free(paper);

	/* The day without decoding the picture. */
	paper = read_file(ts_path(fx, "IMG_0001.heic"), CP__READ_TEXT);
	assert_null(paper->problem);
	assert_false(paper->invoice.present);
	assert_true(has_date(paper, 2025, 1, 31, CP__DATE_TAKEN));
	cp__paper_free(paper);
}

/* A scanner's TIFF of two pages, the code on the second; the first
 * page's DateTime says when it was scanned. */
static void
test_read_photo__tiff_pages(void **state)
{
	ts_fixture *fx = *state;
	unsigned char *rgb[2];
	cp__paper_facts *paper;
	mkqr_opts o;
	TIFF *tif;
	int p, y;

	mkqr_defaults(&o);
	o.width = 1240;
	o.height = 1754;        /* A4 at 150 dpi */
	o.orientation = 1;
	o.qr_px = 120;
	o.blur = 0;
	o.text = NULL;
	assert_non_null(rgb[0] = mkqr_pixels(&o));
	o.text = VAT_QR;
	assert_non_null(rgb[1] = mkqr_pixels(&o));
	assert_non_null(tif = TIFFOpen(ts_path(fx, "scan.tif"), "w"));
	for (p = 0; p < 2; p++) {
		TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, o.width);
		TIFFSetField(tif, TIFFTAG_IMAGELENGTH, o.height);
		TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
		TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 3);
		TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
		TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
		TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
		TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 64);
		TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
		TIFFSetField(tif, TIFFTAG_PAGENUMBER, p, 2);
		TIFFSetField(tif, TIFFTAG_DATETIME, p == 0 ?
		    "2019:11:12 13:14:15" : "2019:11:13 08:00:00");
		for (y = 0; y < o.height; y++)
			assert_int_equal(TIFFWriteScanline(tif, rgb[p] +
			    (size_t)y * (size_t)o.width * 3, (uint32_t)y, 0),
			    1);
		assert_int_equal(TIFFWriteDirectory(tif), 1);
	}
	TIFFClose(tif);
	free(rgb[0]);
	free(rgb[1]);
	paper = read_file(ts_path(fx, "scan.tif"), CP__READ_ALL | CP__READ_THOROUGH);
	assert_null(paper->problem);
	assert_string_equal(paper->format, "tiff");
	assert_int_equal(paper->pages, 2);
	assert_vat_invoice(paper, 2);
	assert_true(has_date(paper, 2019, 11, 12, CP__DATE_TAKEN));
	assert_int_equal(paper->ndates, 1);
	cp__paper_free(paper);
}

/* ---- decoded pixels, as the PDF and OFD readers hand them ------------ */

static void
test_read_photo__qr_in_pixels_of_any_layout(void **state)
{
	cp__paper_facts *paper;
	unsigned char *rgb, *gray, *rgba;
	mkqr_opts o;
	size_t i, n, stride;
	int y;

	(void)state;
	mkqr_defaults(&o);
	o.width = 1800;
	o.height = 1300;
	o.qr_px = 130;
	assert_non_null(rgb = mkqr_pixels(&o));
	n = (size_t)o.width * (size_t)o.height;

	assert_non_null(paper = cp__paper_new("page.rgb"));
	assert_int_equal(cp__read_qr_in_pixels(paper, rgb, o.width, o.height,
	    (size_t)o.width * 3, 3, 4, true), 1);
	assert_vat_invoice(paper, 4);
	cp__paper_free(paper);

	/* Grey rows with padding at their ends. */
	stride = (size_t)o.width + 13;
	assert_non_null(gray = malloc(stride * (size_t)o.height));
	for (y = 0; y < o.height; y++)
		for (i = 0; i < stride; i++)
			gray[(size_t)y * stride + i] = i < (size_t)o.width ?
			    rgb[((size_t)y * (size_t)o.width + i) * 3 + 1] : 0;
	assert_non_null(paper = cp__paper_new("page.gray"));
	assert_int_equal(cp__read_qr_in_pixels(paper, gray, o.width,
	    o.height, stride, 1, 0, true), 1);
	assert_vat_invoice(paper, 0);
	cp__paper_free(paper);

	/* RGBA, opaque. */
	assert_non_null(rgba = malloc(n * 4));
	for (i = 0; i < n; i++) {
		memcpy(rgba + i * 4, rgb + i * 3, 3);
		rgba[i * 4 + 3] = 255;
	}
	assert_non_null(paper = cp__paper_new("page.rgba"));
	assert_int_equal(cp__read_qr_in_pixels(paper, rgba, o.width,
	    o.height, (size_t)o.width * 4, 4, 0, true), 1);
	assert_vat_invoice(paper, 0);
	cp__paper_free(paper);

	/* What cannot be pixels gives nothing. */
	assert_non_null(paper = cp__paper_new("none"));
	assert_int_equal(cp__read_qr_in_pixels(paper, rgb, 0, 10, 0, 3, 0, true),
	    0);
	assert_int_equal(cp__read_qr_in_pixels(paper, rgb, o.width, o.height,
	    (size_t)o.width, 3, 0, true), 0);
	assert_int_equal(cp__read_qr_in_pixels(paper, rgb, o.width, o.height,
	    (size_t)o.width * 5, 5, 0, true), 0);
	assert_false(paper->invoice.present);
	cp__paper_free(paper);
	free(rgba);
	free(gray);
	free(rgb);
}

/* ---- the EXIF dates -------------------------------------------------- */

/* The day cp__exif_parse reads from an Exif block with these dates. */
static const char *
day_of(const char *datetime, const char *taken, char *out)
{
	unsigned char block[256];
	cp__exif_facts facts;
	size_t len;

	len = mkqr_exif(block, 6, datetime, taken);
	assert_true(cp__exif_parse(block, len, &facts));
	assert_int_equal(facts.orientation, 6);
	memcpy(out, facts.taken, CP__EXIF_DATE_SIZE);
	/* The TIFF structure alone, as WebP and HEIC hold it, reads the
	 * same. */
	assert_true(cp__exif_parse(block + 6, len - 6, &facts));
	assert_string_equal(facts.taken, out);
	return out;
}

static void
test_read_photo__exif_day_taken(void **state)
{
	char day[CP__EXIF_DATE_SIZE];

	(void)state;
	/* DateTimeOriginal first; DateTime (a later edit) only without. */
	assert_string_equal(day_of("2026:11:01 10:00:00", TAKEN, day),
	    "2026-10-05");
	assert_string_equal(day_of("2026:11:01 10:00:00", NULL, day),
	    "2026-11-01");
	assert_string_equal(day_of(NULL, NULL, day), "");
	/* A clock never set, garbage, days that do not exist. */
	assert_string_equal(day_of(NULL, "0000:00:00 00:00:00", day), "");
	assert_string_equal(day_of(NULL, "                   ", day), "");
	assert_string_equal(day_of("2026:11:01 10:00:00",
	    "0000:00:00 00:00:00", day), "2026-11-01");
	assert_string_equal(day_of(NULL, "2026:13:05 09:12:44", day), "");
	assert_string_equal(day_of(NULL, "2026:02:29 09:12:44", day), "");
	assert_string_equal(day_of(NULL, "2024:02:29 09:12:44", day),
	    "2024-02-29");
	assert_string_equal(day_of(NULL, "2026:10", day), "");
	assert_string_equal(day_of(NULL, "1899:12:31 00:00:00", day), "");
}

static void
test_read_photo__exif_date_forms(void **state)
{
	char day[CP__EXIF_DATE_SIZE];

	(void)state;
	assert_true(cp__exif_date("2026:10:05 09:12:44", 19, day));
	assert_string_equal(day, "2026-10-05");
	assert_true(cp__exif_date("2026-10-05", 10, day));
	assert_string_equal(day, "2026-10-05");
	assert_true(cp__exif_date("2000:02:29", 10, day));
	/* Only `len` bytes are looked at: no NUL is needed. */
	assert_false(cp__exif_date("2026:10:05", 9, day));
	assert_string_equal(day, "");
	assert_false(cp__exif_date("2026:10-05", 10, day));
	assert_false(cp__exif_date("2026/10/05", 10, day));
	assert_false(cp__exif_date("2026:10:050", 11, day));
	assert_false(cp__exif_date("1900:02:29", 10, day));
	assert_false(cp__exif_date("2026:04:31", 10, day));
	assert_false(cp__exif_date("２０２６:10:05", 15, day));
	assert_false(cp__exif_date(NULL, 0, day));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_read_photo__phone_photo_gives_invoice_and_day_taken,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__small_blurred_code_found_at_full_size,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__every_orientation, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__no_code_still_gives_the_day,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__other_codes_are_links,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__text_only_reads_the_day_alone,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__cut_short_jpeg_is_a_problem_with_what_decodes,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__damaged_rasters_are_problems,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_read_photo__png,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__webp_keeps_the_exif_day,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_read_photo__heic,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_photo__scans_of_every_kind, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_read_photo__tiff_pages,
		    ts_setup, ts_teardown),
		cmocka_unit_test(test_read_photo__qr_in_pixels_of_any_layout),
		cmocka_unit_test(test_read_photo__exif_day_taken),
		cmocka_unit_test(test_read_photo__exif_date_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
