/*
 * fuzz_raster_png.c - the PNG decoder (input/raster_png.c) and the PDF
 * writer of its pages (pdf/raster_pdf.c) on any file.
 *
 * The input is written to one temporary file (made once per run,
 * removed at exit) and read as a PNG, as `check` and `build` read it.
 * Checked against raster.h and raster_pdf.h:
 * - cp__raster_count, cp__raster_verify, cp__raster_open and
 *   cp__raster_read return CP_OK, CP_EIO or CP_ENOMEM; a failure fills
 *   the error with that code, the file's name and a message;
 * - an opened raster is 1..CP__IMAGE_MAX_SIDE a side, at most
 *   CP__IMAGE_MAX_PIXELS, grey or RGB, 8-bit (with or without alpha) or
 *   1-bit grey without alpha, upright, with finite non-negative dpi and
 *   a colour profile only of its channel count;
 * - reading every row in uneven runs succeeds exactly when
 *   cp__raster_verify does (check = build), and reading past the end
 *   fails;
 * - the bits past the last pixel of a 1-bit row are clear (the rows
 *   are filled with a marker before each read);
 * - when the PNG decodes (and has at most 4 megapixels), its page
 *   written losslessly, then as a JPEG of 7 x 5 pixels, ends CP_OK: after a whole decode only writing can
 *   fail, and the temporary folder can be written.
 */
#include <errno.h>
#include <math.h>
#include <unistd.h>

#include "input/raster.h"
#include "pdf/raster_pdf.h"
#include "fuzz.h"

/* PNGs past this only slow the search: a zlib stream of 32 KB already
 * inflates to 32 MB. */
#define MAX_INPUT 32768u

static char file_path[4096];
static char pdf_path[4096];
static char dir_path[4096];

static void
remove_files(void)
{
	unlink(file_path);
	unlink(pdf_path);
	rmdir(dir_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir_path, sizeof(dir_path), "%s/cp-fuzz-png-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir_path) == NULL) {
		perror("fuzz_raster_png: mkdtemp");
		exit(1);
	}
	snprintf(file_path, sizeof(file_path), "%s/input.png", dir_path);
	snprintf(pdf_path, sizeof(pdf_path), "%s/page.pdf", dir_path);
	atexit(remove_files);
	return 0;
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
check_status(int rc, const cp_error *err)
{
	FZ_ASSERT(rc == CP_OK || rc == CP_EIO || rc == CP_ENOMEM);
	if (rc == CP_OK)
		return;
	FZ_ASSERT(err->code == rc);
	FZ_ASSERT(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	FZ_ASSERT(err->message[0] != '\0');
	if (rc == CP_EIO)
		FZ_ASSERT(strcmp(err->path, "in.png") == 0);
}

static void
check_info(const cp__raster_info *in)
{
	FZ_ASSERT(in->width >= 1 && in->width <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT(in->height >= 1 && in->height <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT((uint64_t)in->width * in->height <= CP__IMAGE_MAX_PIXELS);
	FZ_ASSERT(in->components == 1 || in->components == 3);
	FZ_ASSERT(in->bits == 8 || (in->bits == 1 && in->components == 1 &&
	    !in->alpha));
	FZ_ASSERT(in->orientation == 1);
	FZ_ASSERT(isfinite(in->dpi_x) && isfinite(in->dpi_y));
	FZ_ASSERT(in->dpi_x >= 0 && in->dpi_y >= 0);
	if (in->icc != NULL) {
		FZ_ASSERT(in->icc_len >= 132 && in->icc_len <= CP__RASTER_MAX_ICC);
		FZ_ASSERT(memcmp(in->icc + 16, in->components == 1 ? "GRAY" :
		    "RGB ", 4) == 0);
	}
}

/* Reads every row of the PNG, in runs of 1, 2, 3... rows; CP_OK when
 * all of them decode. */
static int
read_all(void)
{
	const cp__raster_info *info;
	cp__raster *r = NULL;
	unsigned char *rows = NULL;
	unsigned n, run = 1, i, done;
	size_t rb;
	cp_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, file_path, CP__FORMAT_PNG, 0, "in.png", &err);
	check_status(rc, &err);
	if (rc != CP_OK) {
		FZ_ASSERT(r == NULL);
		return rc;
	}
	info = cp__raster_get_info(r);
	check_info(info);
	rb = cp__raster_row_bytes(info);
	FZ_ASSERT(rb > 0);
	if ((rows = malloc(rb * 8)) == NULL)
		abort();
	for (done = 0; done < info->height && rc == CP_OK; done += n) {
		n = info->height - done < run ? info->height - done : run;
		run = run % 8 + 1;
		memset(rows, 0xA5, rb * 8);
		rc = cp__raster_read(r, rows, n, &err);
		check_status(rc, &err);
		if (rc == CP_OK && info->bits == 1 && info->width % 8 != 0)
			for (i = 0; i < n; i++)
				FZ_ASSERT((rows[rb * (i + 1) - 1] &
				    (0xffu >> (info->width % 8))) == 0);
	}
	/* Past the last row is an error, not a crash. */
	if (rc == CP_OK)
		FZ_ASSERT(cp__raster_read(r, rows, 1, &err) == CP_EIO);
	free(rows);
	cp__raster_close(r);
	return rc;
}

/* Writes the PNG as a page, losslessly or as a small JPEG. */
static void
write_page(const cp__raster_encoding *enc)
{
	const cp__matrix cm = { 100, 0, 0, 100, 10, 10 };
	cp__raster_pdf *w = NULL;
	cp__raster *r = NULL;
	cp_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, file_path, CP__FORMAT_PNG, 0, "in.png", &err);
	FZ_ASSERT(rc == CP_OK || rc == CP_ENOMEM);
	if (rc != CP_OK)
		return;
	rc = cp__raster_pdf_begin(&w, pdf_path, "in.png", &err);
	FZ_ASSERT(rc == CP_OK);
	rc = cp__raster_pdf_add(w, r, 120, 120, &cm, enc, &err);
	check_status(rc, &err);
	FZ_ASSERT(rc == CP_OK || rc == CP_ENOMEM);
	cp__raster_close(r);
	if (rc != CP_OK) {
		cp__raster_pdf_abort(w);
		return;
	}
	FZ_ASSERT(cp__raster_pdf_end(w, &err) == CP_OK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const cp__raster_encoding lossless = { 0, 0, 0 }, jpeg = { 50, 7, 5 };
	size_t pages = 99;
	uint64_t pixels;
	cp_error err;
	int rc, verified;
	FILE *f;

	if (size > MAX_INPUT)
		return 0;
	/* An interlaced PNG is decoded whole: one of 200 megapixels takes
	 * 800 MB, as it may, but the search learns nothing from it and
	 * ASan's quarantine would soon hold the run's memory limit.  Those
	 * above 4 megapixels are skipped (IHDR's size and interlace method,
	 * at their places); other large ones are decoded, not drawn. */
	pixels = size >= 29 ? (uint64_t)be32(data + 16) * be32(data + 20) : 0;
	if (size >= 29 && data[28] == 1 && pixels > 4000000u)
		return 0;
	if ((f = fopen(file_path, "wb")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "fuzz_raster_png: cannot write %s: %s\n",
		    file_path, strerror(errno));
		abort();
	}
	memset(&err, 0, sizeof(err));
	rc = cp__raster_count(file_path, CP__FORMAT_PNG, &pages, "in.png",
	    &err);
	check_status(rc, &err);
	FZ_ASSERT(rc == CP_OK ? pages == 1 : pages == 0);
	memset(&err, 0, sizeof(err));
	verified = cp__raster_verify(file_path, CP__FORMAT_PNG, "in.png",
	    &err);
	check_status(verified, &err);
	rc = read_all();
	/* Check = build: the rows decode exactly when the file verifies. */
	if (verified != CP_ENOMEM && rc != CP_ENOMEM)
		FZ_ASSERT((verified == CP_OK) == (rc == CP_OK));
	if (rc == CP_OK && pixels <= 4000000u) {
		write_page(&lossless);
		write_page(&jpeg);
	}
	return 0;
}
