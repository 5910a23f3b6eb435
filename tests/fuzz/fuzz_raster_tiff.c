/*
 * fuzz_raster_tiff.c - the TIFF decoder (raster_tiff.c) through
 * raster.h: cp__raster_count, cp__raster_open, cp__raster_read and
 * cp__raster_verify on any file.
 *
 * libtiff reads a path, so each input is written to one temporary file,
 * made once per run and removed at exit.  Checked against raster.h:
 * - cp__raster_count: CP_OK with 1..CP__RASTER_MAX_PAGES pages, or
 *   CP_EIO / CP_ENOMEM with 0 pages and a message;
 * - each page opened: 1..CP__IMAGE_MAX_SIDE pixels a side, at most
 *   CP__IMAGE_MAX_PIXELS; 1 or 3 components; 8 bits, or 1 with one
 *   component and no alpha; orientation 1..8; densities finite and not
 *   negative; a colour profile only with its length, fitting the
 *   components;
 * - its rows read to the end, or an error with a message, after which
 *   reading is refused; read twice, into buffers filled with two
 *   different bytes first, the rows are the same (every byte of them is
 *   written, and the same way each time);
 * - cp__raster_verify agrees with reading every page: it fails exactly
 *   when counting, opening or reading failed.
 */
#include <errno.h>
#include <math.h>
#include <unistd.h>

#include "input/raster.h"
#include "input/sniff.h"
#include "fuzz.h"

/* Pages looked at per input: enough to reach the page walk, few enough
 * to keep the runs fast. */
#define FZ_PAGES 4u

static char file_path[4096];
static char dir_path[4096];

static void
remove_file(void)
{
	unlink(file_path);
	rmdir(dir_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir_path, sizeof(dir_path), "%s/cp-fuzz-tiff-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir_path) == NULL) {
		perror("fuzz_raster_tiff: mkdtemp");
		exit(1);
	}
	snprintf(file_path, sizeof(file_path), "%s/input.tif", dir_path);
	atexit(remove_file);
	return 0;
}

static bool
write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(file_path, "wb");
	bool ok;

	if (f == NULL)
		return false;
	ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

static void
check_error(int rc, const cp_error *err)
{
	FZ_ASSERT(rc == CP_EIO || rc == CP_ENOMEM);
	FZ_ASSERT(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	FZ_ASSERT(err->message[0] != '\0');
}

static void
check_info(const cp__raster_info *in)
{
	FZ_ASSERT(in->width >= 1 && in->width <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT(in->height >= 1 && in->height <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT((uint64_t)in->width * in->height <= CP__IMAGE_MAX_PIXELS);
	FZ_ASSERT(in->components == 1 || in->components == 3);
	FZ_ASSERT(in->bits == 8 || in->bits == 1);
	if (in->bits == 1)
		FZ_ASSERT(in->components == 1 && !in->alpha);
	FZ_ASSERT(in->orientation >= 1 && in->orientation <= 8);
	FZ_ASSERT(isfinite(in->dpi_x) && isfinite(in->dpi_y));
	FZ_ASSERT(in->dpi_x >= 0 && in->dpi_y >= 0);
	FZ_ASSERT((in->icc == NULL) == (in->icc_len == 0));
	if (in->icc != NULL)
		FZ_ASSERT(in->icc_len >= 132 && in->icc_len <= CP__RASTER_MAX_ICC);
}

/* Opens page `page` and reads it to the end, a few rows at a time,
 * into a buffer filled with `fill` first; *hash is what was read.  CP_OK
 * or the error. */
static int
read_page(size_t page, unsigned char fill, uint64_t *hash)
{
	const cp__raster_info *in;
	unsigned char *rows = NULL;
	cp__raster *r = NULL;
	size_t row_bytes, i;
	unsigned y = 0, n, chunk = 13;
	uint64_t h = 1469598103934665603u;
	cp_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cp__raster_open(&r, file_path, CP__FORMAT_TIFF, page, "input",
	    &err);
	if (rc != CP_OK) {
		FZ_ASSERT(r == NULL);
		check_error(rc, &err);
		return rc;
	}
	in = cp__raster_get_info(r);
	check_info(in);
	/* The profile is all there (AddressSanitizer reads it). */
	for (i = 0; i < in->icc_len; i++)
		h = (h ^ in->icc[i]) * 1099511628211u;
	row_bytes = cp__raster_row_bytes(in);
	/* 13 rows at a time, to cross the decoder's bands. */
	if ((rows = malloc(row_bytes * chunk)) == NULL) {
		cp__raster_close(r);
		return CP_ENOMEM;
	}
	while (y < in->height) {
		n = in->height - y < chunk ? in->height - y : chunk;
		memset(rows, fill, row_bytes * n);
		rc = cp__raster_read(r, rows, n, &err);
		if (rc != CP_OK) {
			check_error(rc, &err);
			/* After an error only closing is left. */
			FZ_ASSERT(cp__raster_read(r, rows, 1, &err) == CP_EIO);
			break;
		}
		for (i = 0; i < row_bytes * n; i++)
			h = (h ^ rows[i]) * 1099511628211u;
		y += n;
	}
	if (rc == CP_OK)
		FZ_ASSERT(cp__raster_read(r, rows, 1, &err) == CP_EIO);
	free(rows);
	cp__raster_close(r);
	*hash = h;
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pages = 77, p;
	cp_error err;
	int rc, vrc, all = CP_OK;

	if (size > FZ_MAX_INPUT)
		return 0;
	if (!write_input(data, size)) {
		fprintf(stderr, "fuzz_raster_tiff: cannot write %s: %s\n",
		    file_path, strerror(errno));
		abort();
	}
	memset(&err, 0, sizeof(err));
	rc = cp__raster_count(file_path, CP__FORMAT_TIFF, &pages, "input",
	    &err);
	if (rc != CP_OK) {
		FZ_ASSERT(pages == 0);
		check_error(rc, &err);
		all = rc;
	} else {
		FZ_ASSERT(pages >= 1 && pages <= CP__RASTER_MAX_PAGES);
		for (p = 0; p < pages && p < FZ_PAGES && all == CP_OK; p++) {
			uint64_t h1 = 0, h2 = 0;

			all = read_page(p, 0xA5, &h1);
			if (all == CP_OK) {
				FZ_ASSERT(read_page(p, 0x5A, &h2) == CP_OK);
				FZ_ASSERT(h1 == h2);
			}
		}
		/* Reading past the last page is refused. */
		{
			uint64_t h = 0;

			FZ_ASSERT(read_page(pages, 0, &h) == CP_EIO);
		}
	}

	/* The whole-file check agrees, when every page was looked at. */
	memset(&err, 0, sizeof(err));
	vrc = cp__raster_verify(file_path, CP__FORMAT_TIFF, "input", &err);
	if (vrc != CP_OK)
		check_error(vrc, &err);
	if (rc != CP_OK || all != CP_OK)
		FZ_ASSERT(vrc != CP_OK);
	else if (pages <= FZ_PAGES)
		FZ_ASSERT(vrc == CP_OK);
	return 0;
}
