/* raster_png.c - PNG images, decoded with libpng 1.6.
 *
 * Every colour type, bit depth and interlacing PNG allows is handed out
 * as raster.h describes: palettes as RGB, grey below 8 bits widened to
 * 8 (except 1-bit grey without transparency, which stays a bilevel page:
 * PNG's 1 is white, as raster.h's), 16 bits rounded to 8, a tRNS colour
 * or palette transparency as an alpha sample.  Non-interlaced PNGs are
 * decoded row by row as they are read; an interlaced one (Adam7) needs
 * every pass before its first row is whole, so it is decoded whole on
 * the first read, within the size limits checked before any pixel
 * memory is given.
 *
 * libpng reports errors by calling an error function that must not
 * return: ours keeps the message and longjmps back to the setjmp of the
 * call that was decoding, which turns it into CP_EIO.  Warnings, and
 * what libpng calls benign errors (extra compressed data, an sRGB
 * profile it thinks wrong, a damaged ancillary chunk), are ignored.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>

#include "input/exif.h"
#include "input/raster_int.h"
#include "util/error.h"
#include "util/infile.h"

/* Ancillary chunks libpng may keep (unknown ones, sPLT, text). */
#define MAX_CHUNKS_KEPT 128u
/* The largest ancillary chunk libpng may read or inflate: a colour
 * profile claimpack keeps, with room for its compressed form. */
#define MAX_CHUNK_BYTES (CP__RASTER_MAX_ICC + 65536u)
/* Deflate makes at most 1032 bytes of one: a file smaller than its
 * image data over this cannot hold it. */
#define MAX_INFLATE_RATIO 1032u

typedef struct {
	FILE *f;
	png_structp png;
	png_infop info;
	const char *name;       /* the file as the user wrote it */
	char msg[200];          /* libpng's last error */
	bool cut_short;         /* the file ended before libpng was done */
	bool interlaced;
	uint64_t file_size;
	size_t png_row_bytes;   /* a row as libpng hands it out */
	unsigned char *whole;   /* interlaced: every row, once decoded */
	png_bytep *rowp;        /* interlaced: where each row of it starts */
} png_state;

static void
on_error(png_structp png, png_const_charp msg)
{
	png_state *st = png_get_error_ptr(png);

	snprintf(st->msg, sizeof(st->msg), "%s", msg != NULL ? msg : "?");
	png_longjmp(png, 1);
}

static void
on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* libpng's default reader says only "Read Error" for a file cut short;
 * this one remembers why. */
static void
on_read(png_structp png, png_bytep data, size_t len)
{
	png_state *st = png_get_io_ptr(png);

	if (fread(data, 1, len, st->f) != len) {
		st->cut_short = !ferror(st->f);
		png_error(png, st->cut_short ? "the file is cut short" :
		    strerror(errno));
	}
}

/* The error after a longjmp out of libpng. */
static int
damaged(const png_state *st, cp_error *err)
{
	if (st->cut_short)
		return cp__error_set(err, CP_EIO, st->name, 0, 0, "PNG is cut "
		    "short: it ends before its image data does (an "
		    "interrupted download or copy?)");
	return cp__error_set(err, CP_EIO, st->name, 0, 0, "PNG is damaged: "
	    "%s; copy or download it again", st->msg);
}

static void
state_free(png_state *st)
{
	if (st == NULL)
		return;
	if (st->png != NULL)
		png_destroy_read_struct(&st->png, &st->info, NULL);
	if (st->f != NULL)
		fclose(st->f);
	free(st->whole);
	free(st->rowp);
	free(st);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * Opens the PNG at `path` and reads its chunks up to the image data into
 * a new *out.  The size in IHDR is checked against the limits first, so
 * that a picture too large is told as such, not as libpng's refusal.
 */
static int
state_open(png_state **out, const char *path, const char *name,
    cp_error *err)
{
	unsigned char head[8 + 8 + 8];
	png_state *st;
	struct stat sb;
	int rc;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	st->name = name;
	if ((st->f = cp__infile_fopen(path, &sb)) == NULL) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", strerror(errno));
		goto fail;
	}
	st->file_size = (uint64_t)sb.st_size;
	if (fread(head, 1, sizeof(head), st->f) != sizeof(head) ||
	    png_sig_cmp(head, 0, 8) != 0) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0, ferror(st->f) ?
		    "cannot be read: %s" : "PNG header is cut short or "
		    "damaged; copy or download it again", strerror(errno));
		goto fail;
	}
	if (memcmp(head + 12, "IHDR", 4) == 0 &&
	    (rc = cp__raster_check_size(be32(head + 16), be32(head + 20),
	    "PNG image", name, err)) != CP_OK)
		goto fail;
	if (fseek(st->f, 0, SEEK_SET) != 0) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", strerror(errno));
		goto fail;
	}
	if ((st->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, st,
	    on_error, on_warning)) == NULL ||
	    (st->info = png_create_info_struct(st->png)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto fail;
	}
	if (setjmp(png_jmpbuf(st->png))) {
		rc = damaged(st, err);
		goto fail;
	}
	png_set_read_fn(st->png, st, on_read);
	png_set_benign_errors(st->png, 1);
	png_set_user_limits(st->png, CP__IMAGE_MAX_SIDE, CP__IMAGE_MAX_SIDE);
	png_set_chunk_cache_max(st->png, MAX_CHUNKS_KEPT);
	png_set_chunk_malloc_max(st->png, MAX_CHUNK_BYTES);
	png_read_info(st->png, st->info);
	*out = st;
	return CP_OK;
fail:
	state_free(st);
	return rc;
}

static int
count_pages(const char *path, size_t *pages, const char *name, cp_error *err)
{
	png_state *st;
	int rc;

	*pages = 0;
	if ((rc = state_open(&st, path, name, err)) != CP_OK)
		return rc;
	state_free(st);
	*pages = 1;
	return CP_OK;
}

/* The day an eXIf chunk before the image data says the picture was
 * taken (a chunk after it is not read: the rows come first).  Damaged
 * EXIF data gives no date; libpng already refused a chunk whose
 * structure does not begin with "II" or "MM". */
static void
read_taken(cp__raster *r, const png_state *st)
{
	cp__exif_facts exif;
	png_uint_32 len = 0;
	png_bytep data = NULL;

	if (png_get_eXIf_1(st->png, st->info, &len, &data) != 0 &&
	    data != NULL && cp__exif_parse(data, len, &exif))
		memcpy(r->info.taken, exif.taken, sizeof(r->info.taken));
}

/* Asks libpng for the rows raster.h describes and fills r->info. */
static void
set_transforms(cp__raster *r, png_state *st)
{
	png_structp png = st->png;
	png_infop info = st->info;
	int ctype = png_get_color_type(png, info);
	int depth = png_get_bit_depth(png, info);
	bool trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
	png_uint_32 res_x, res_y, proflen;
	png_bytep profile;
	png_charp profname;
	int unit, compression;

	r->info.width = png_get_image_width(png, info);
	r->info.height = png_get_image_height(png, info);
	r->info.components = ctype & PNG_COLOR_MASK_COLOR ? 3 : 1;
	r->info.alpha = (ctype & PNG_COLOR_MASK_ALPHA) != 0 || trns;
	r->info.bits = 8;
	if (ctype == PNG_COLOR_TYPE_GRAY && depth == 1 && !trns) {
		r->info.bits = 1;       /* a fax or a scan: kept 1-bit */
	} else {
		if (ctype == PNG_COLOR_TYPE_PALETTE)
			png_set_palette_to_rgb(png);
		if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
			png_set_expand_gray_1_2_4_to_8(png);
		if (trns)
			png_set_tRNS_to_alpha(png);
		/* Rounded to the nearest, (v * 255 + 32895) >> 16, where
		 * png_set_strip_16 would drop the low byte. */
		if (depth == 16)
			png_set_scale_16(png);
	}
	st->interlaced = png_get_interlace_type(png, info) !=
	    PNG_INTERLACE_NONE;
	if (st->interlaced)
		(void)png_set_interlace_handling(png);
	if (png_get_pHYs(png, info, &res_x, &res_y, &unit) != 0 &&
	    unit == PNG_RESOLUTION_METER && res_x > 0 && res_y > 0) {
		r->info.dpi_x = res_x * 0.0254;
		r->info.dpi_y = res_y * 0.0254;
	}
	/* libpng checks the profile's header itself and drops one that
	 * does not match the image (with a warning). */
	if (png_get_iCCP(png, info, &profname, &compression, &profile,
	    &proflen) != 0 && cp__raster_icc_fits(profile, proflen,
	    r->info.components)) {
		r->info.icc = profile;
		r->info.icc_len = proflen;
	}
	read_taken(r, st);
	png_read_update_info(png, info);
	st->png_row_bytes = png_get_rowbytes(png, info);
}

/*
 * Refuses a file too small to hold the image data its header promises:
 * a few hundred bytes claiming 15000 x 15000 pixels would otherwise be
 * given the memory of an interlaced image, or decoded row by row to
 * nothing.
 */
static int
check_data_size(const png_state *st, const char *name, cp_error *err)
{
	png_uint_32 w = png_get_image_width(st->png, st->info);
	png_uint_32 h = png_get_image_height(st->png, st->info);
	uint64_t bits = (uint64_t)w * png_get_channels(st->png, st->info) *
	    png_get_bit_depth(st->png, st->info);
	/* Each row: its filter byte and its samples. */
	uint64_t raw = ((bits + 7) / 8 + 1) * h;

	if (raw / MAX_INFLATE_RATIO <= st->file_size)
		return CP_OK;
	return cp__error_set(err, CP_EIO, name, 0, 0, "PNG is cut short or "
	    "damaged: %llu bytes cannot hold the image data of %lu x %lu "
	    "pixels; copy or download it again",
	    (unsigned long long)st->file_size, (unsigned long)w,
	    (unsigned long)h);
}

static int
open_page(cp__raster *r, const char *path, size_t page, cp_error *err)
{
	png_state *st;
	int rc;

	if (page != 0)
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "is a PNG "
		    "image, which has one page, and page %zu was asked for",
		    page + 1);
	if ((rc = state_open(&st, path, r->name, err)) != CP_OK)
		return rc;
	r->impl = st;
	if ((rc = check_data_size(st, r->name, err)) != CP_OK)
		return rc;
	if (setjmp(png_jmpbuf(st->png)))
		return damaged(st, err);
	set_transforms(r, st);
	if ((rc = cp__raster_check_size(r->info.width, r->info.height,
	    "PNG image", r->name, err)) != CP_OK)
		return rc;
	/* What libpng hands out must be what raster.h promises. */
	if (st->png_row_bytes != cp__raster_row_bytes(&r->info))
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "PNG has rows "
		    "of %zu bytes where %zu were expected; claimpack cannot "
		    "draw it", st->png_row_bytes,
		    cp__raster_row_bytes(&r->info));
	return CP_OK;
}

/* Gives an interlaced PNG the memory of every row (st->whole), before
 * libpng decodes its passes into it. */
static int
alloc_whole(png_state *st, unsigned height, cp_error *err)
{
	unsigned y;

	if ((st->whole = malloc(st->png_row_bytes * height)) == NULL ||
	    (st->rowp = malloc(sizeof(*st->rowp) * height)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (y = 0; y < height; y++)
		st->rowp[y] = st->whole + st->png_row_bytes * y;
	return CP_OK;
}

static int
read_rows(cp__raster *r, unsigned char *rows, unsigned n, cp_error *err)
{
	png_state *st = r->impl;
	size_t row_bytes = st->png_row_bytes;
	unsigned i;
	int rc;

	if (st->interlaced && st->whole == NULL &&
	    (rc = alloc_whole(st, r->info.height, err)) != CP_OK)
		return rc;
	if (setjmp(png_jmpbuf(st->png)))
		return damaged(st, err);
	if (st->interlaced) {
		if (r->next == 0)
			png_read_image(st->png, st->rowp);
		memcpy(rows, st->whole + row_bytes * r->next, row_bytes * n);
	} else {
		for (i = 0; i < n; i++)
			png_read_row(st->png, rows + row_bytes * i, NULL);
	}
	/* The bits past the last pixel of a 1-bit row are the file's; they
	 * are cleared so that only the pixels reach the page. */
	if (r->info.bits == 1 && r->info.width % 8 != 0)
		for (i = 0; i < n; i++)
			rows[row_bytes * (i + 1) - 1] &= (unsigned char)
			    (0xff00u >> (r->info.width % 8));
	/* After the last row, the rest of the image data and the chunks
	 * after it are read too: a file whose data is damaged or cut short
	 * there is refused by `check` as `build` would show it. */
	if (r->next + n == r->info.height)
		png_read_end(st->png, NULL);
	return CP_OK;
}

static void
close_page(cp__raster *r)
{
	state_free(r->impl);
	r->impl = NULL;
}

const cp__raster_ops cp__raster_png_ops = { count_pages, open_page,
	read_rows, close_page, NULL };
