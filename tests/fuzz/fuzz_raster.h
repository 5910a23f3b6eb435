/*
 * fuzz_raster.h - what the fuzz targets of the raster decoders share
 * (fuzz_raster_heic.c, fuzz_raster_webp.c): the input written to a
 * temporary file, then counted, verified and decoded as that format.
 *
 * Checked against input/raster.h:
 * - cp__raster_verify ends with CP_OK, CP_EIO or CP_ENOMEM, a reason
 *   when it refuses, naming the file as given;
 * - counting agrees with verifying: one page, or the same refusal;
 * - an accepted file opens to 1..CP__IMAGE_MAX_SIDE pixels a side, at
 *   most CP__IMAGE_MAX_PIXELS in all, 8-bit RGB with or without alpha,
 *   an orientation 1..8 (1 for a HEIC), densities finite and not
 *   negative, a colour profile that fits RGB or none, and a day taken
 *   that is "" or a real "YYYY-MM-DD" (cp__exif_date gives it back),
 *   the same that cp__raster_taken reads without decoding;
 * - every row reads, one more is an error, and decoding the file again
 *   gives the same bytes (no uninitialised memory reaches the rows).
 */
#ifndef CP_FUZZ_RASTER_H
#define CP_FUZZ_RASTER_H

#include <errno.h>
#include <math.h>
#include <unistd.h>

#include "input/exif.h"
#include "input/raster.h"
#include "input/raster_int.h"     /* cp__raster_icc_fits */
#include "fuzz.h"

static char fr_file[4096];
static char fr_dir[4096];

static void
fr_remove(void)
{
	unlink(fr_file);
	rmdir(fr_dir);
}

/* Makes the temporary folder, once per run; removed at exit. */
static int
fr_init(const char *target)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(fr_dir, sizeof(fr_dir), "%s/cp-%s-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", target);
	if (mkdtemp(fr_dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(fr_file, sizeof(fr_file), "%s/input", fr_dir);
	atexit(fr_remove);
	return 0;
}

static void
fr_write(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fr_file, "wb");
	bool ok;

	if (f == NULL) {
		fprintf(stderr, "cannot write %s: %s\n", fr_file,
		    strerror(errno));
		abort();
	}
	ok = fwrite(data, 1, size, f) == size;
	if (fclose(f) != 0 || !ok)
		abort();
}

/* Decodes the accepted file whole, checking what it says of itself;
 * returns a hash of its rows. */
static uint64_t
fr_decode(cp__format format)
{
	const cp__raster_info *in;
	unsigned char *rows;
	uint64_t hash = 1469598103934665603u;
	cp__raster *r = NULL;
	size_t row_bytes, i;
	unsigned y, n, step = 16;
	char day[CP__EXIF_DATE_SIZE];
	cp_error err;

	memset(&err, 0, sizeof(err));
	FZ_ASSERT(cp__raster_open(&r, fr_file, format, 0, "input", &err) ==
	    CP_OK);
	in = cp__raster_get_info(r);
	FZ_ASSERT(in->width >= 1 && in->width <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT(in->height >= 1 && in->height <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT((uint64_t)in->width * in->height <= CP__IMAGE_MAX_PIXELS);
	FZ_ASSERT(in->components == 3 && in->bits == 8);
	FZ_ASSERT(in->orientation >= 1 && in->orientation <= 8);
	FZ_ASSERT(format != CP__FORMAT_HEIC || in->orientation == 1);
	FZ_ASSERT(isfinite(in->dpi_x) && isfinite(in->dpi_y));
	FZ_ASSERT(in->dpi_x >= 0 && in->dpi_y >= 0);
	FZ_ASSERT((in->icc == NULL) == (in->icc_len == 0));
	FZ_ASSERT(in->icc == NULL ||
	    cp__raster_icc_fits(in->icc, in->icc_len, 3));
	FZ_ASSERT(memchr(in->taken, '\0', sizeof(in->taken)) != NULL);
	if (in->taken[0] != '\0') {
		FZ_ASSERT(cp__exif_date(in->taken, strlen(in->taken), day));
		FZ_ASSERT(strcmp(day, in->taken) == 0);
	}
	FZ_ASSERT(cp__raster_taken(fr_file, format, day, "input", &err) ==
	    CP_OK);
	FZ_ASSERT(strcmp(day, in->taken) == 0);
	row_bytes = cp__raster_row_bytes(in);
	FZ_ASSERT(row_bytes == (size_t)in->width * (in->alpha ? 4 : 3));
	rows = malloc(row_bytes * step);
	FZ_ASSERT(rows != NULL);
	for (y = 0; y < in->height; y += n) {
		n = in->height - y < step ? in->height - y : step;
		FZ_ASSERT(cp__raster_read(r, rows, n, &err) == CP_OK);
		for (i = 0; i < row_bytes * n; i++)
			hash = (hash ^ rows[i]) * 1099511628211u;
	}
	FZ_ASSERT(cp__raster_read(r, rows, 1, &err) == CP_EIO);
	free(rows);
	cp__raster_close(r);
	return hash;
}

static int
fr_run(const uint8_t *data, size_t size, cp__format format)
{
	cp_error err, cerr;
	size_t pages = 99;
	int rc, crc;

	if (size > FZ_MAX_INPUT)
		return 0;
	fr_write(data, size);
	memset(&err, 0, sizeof(err));
	rc = cp__raster_verify(fr_file, format, "input", &err);
	FZ_ASSERT(rc == CP_OK || rc == CP_EIO || rc == CP_ENOMEM);
	memset(&cerr, 0, sizeof(cerr));
	crc = cp__raster_count(fr_file, format, &pages, "input", &cerr);
	FZ_ASSERT(crc == CP_OK || crc == CP_EIO || crc == CP_ENOMEM);
	FZ_ASSERT(crc == CP_OK ? pages == 1 : pages == 0);
	if (rc != CP_OK) {
		FZ_ASSERT(err.message[0] != '\0');
		FZ_ASSERT(rc == CP_ENOMEM || strcmp(err.path, "input") == 0);
		/* Counting reads less: it may pass what decoding refuses,
		 * and what it refuses, verifying refuses the same way. */
		if (crc != CP_OK)
			FZ_ASSERT(strcmp(cerr.message, err.message) == 0);
		return 0;
	}
	FZ_ASSERT(crc == CP_OK);
	FZ_ASSERT(fr_decode(format) == fr_decode(format));
	return 0;
}

#endif
