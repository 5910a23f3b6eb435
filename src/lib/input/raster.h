/* raster.h - the pixels of the images claimpack decodes itself: PNG,
 * HEIC, WebP and TIFF.  Private.
 *
 * One interface, one file per format (raster_png.c, raster_heic.c,
 * raster_webp.c, raster_tiff.c), each with a well-kept decoder under it.
 * A raster is one page of an image file, opened to hand out its rows top
 * row first, as stored; the PDF writer (pdf/raster_pdf.h) and the checks
 * read it the same way, so a file `check` decodes whole is one `build`
 * can draw.  JPEGs are not rasters: their bytes go into the PDF as they
 * are (pdf/jpeg_page.h).
 *
 * Every size a file claims is checked against CP__IMAGE_MAX_SIDE,
 * CP__IMAGE_MAX_PIXELS and the file's length before memory is given to
 * it; a decoder's own errors come back as CP_EIO naming the file, never
 * as an abort, and a decoder's warnings are not errors.
 */
#ifndef CP_RASTER_H
#define CP_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "claimpack.h"
#include "input/exif.h"
#include "input/image.h"
#include "input/sniff.h"

/* The most pages claimpack takes from one image file (a TIFF). */
#define CP__RASTER_MAX_PAGES 1000u

/* The largest colour profile kept (larger ones are dropped). */
#define CP__RASTER_MAX_ICC (4u << 20)

typedef struct {
	unsigned width, height; /* pixels, as stored */
	int components;         /* colour samples per pixel: 1 grey, 3 RGB */
	int bits;               /* 8; or 1 for a bilevel page (components 1,
	                           rows packed 8 pixels a byte, most
	                           significant bit first, 1 is white) */
	bool alpha;             /* each pixel has one more 8-bit sample after
	                           its colour: its opacity (255 opaque).  Only
	                           with bits 8.  Set only when some pixel is
	                           not opaque, or may not be. */
	int orientation;        /* 1..8, as EXIF: how the stored rows are
	                           turned to show the image upright.  1 when
	                           the decoder already turned them. */
	double dpi_x, dpi_y;    /* as the file gives them; 0 when not given */
	const unsigned char *icc; /* the embedded ICC profile (owned by the
	                           raster), or NULL: kept only when it is
	                           whole and its colour space has
	                           `components` channels */
	size_t icc_len;
	char taken[CP__EXIF_DATE_SIZE]; /* the day the picture was taken,
	                           "YYYY-MM-DD" (cp__exif_date), "" when not
	                           given: from the EXIF data of a HEIC, a
	                           WebP or a PNG (eXIf), from a TIFF page's
	                           DateTime tag */
} cp__raster_info;

typedef struct cp__raster cp__raster;

/* Whether claimpack decodes files of this format as rasters. */
bool cp__raster_format(cp__format format);

/*
 * Counts the pages of the image file at `path` (format as sniffed): 1 for
 * PNG, HEIC (its primary image) and WebP, every page for a TIFF.  Reads
 * headers only.  CP_OK; CP_EIO with err naming `name` (the file as the
 * user wrote it) for a file that cannot be read, is damaged or is too
 * large ("TIFF has 1200 pages; claimpack takes at most 1000"); CP_ENOMEM.
 */
int cp__raster_count(const char *path, cp__format format, size_t *pages,
    const char *name, cp_error *err);

/*
 * Opens page `page` (from 0) of the image file at `path` for reading
 * its rows.  CP_OK with *out set (free it with cp__raster_close);
 * CP_EIO naming `name` ("PNG is damaged: IDAT: CRC error", "is an
 * animated WebP; save the picture you mean as a still image"); CP_ENOMEM.
 */
int cp__raster_open(cp__raster **out, const char *path, cp__format format,
    size_t page, const char *name, cp_error *err);

/* What the raster holds; valid until cp__raster_close. */
const cp__raster_info *cp__raster_get_info(const cp__raster *r);

/* Bytes in one row as cp__raster_read hands it out. */
size_t cp__raster_row_bytes(const cp__raster_info *info);

/*
 * Reads the next `n` rows (the first call: from the top) into `rows`,
 * n * cp__raster_row_bytes() bytes, every byte written.  Reading past
 * the last row is an error.  CP_OK; CP_EIO naming the file when its data
 * is damaged or cut short ("PNG is damaged: invalid filter type");
 * CP_ENOMEM.  After an error the raster can only be closed.
 */
int cp__raster_read(cp__raster *r, unsigned char *rows, unsigned n,
    cp_error *err);

/*
 * The day the picture on the first page of the image file at `path` was
 * taken, as cp__raster_info's `taken` gives it, into `taken` ("" when
 * not given), without decoding its pixels: for a `check` that reads
 * facts off papers it does not otherwise decode.  The same statuses as
 * cp__raster_count.
 */
int cp__raster_taken(const char *path, cp__format format,
    char taken[CP__EXIF_DATE_SIZE], const char *name, cp_error *err);

/* Closes the raster; NULL does nothing. */
void cp__raster_close(cp__raster *r);

/*
 * Decodes every page of the file to the end and drops the pixels: what
 * `check` does, so that a file it accepts is one `build` can draw.  The
 * same statuses as cp__raster_count and cp__raster_read.
 */
int cp__raster_verify(const char *path, cp__format format, const char *name,
    cp_error *err);

/*
 * Whether the ICC profile of `len` bytes at `icc` is whole (its header's
 * size is `len`, it has the 'acsp' signature, at most CP__RASTER_MAX_ICC
 * bytes) and describes colours of `components` channels ('GRAY' 1,
 * 'RGB ' 3, 'CMYK' 4).  The raster decoders and the JPEG page writer
 * (pdf/jpeg_page.c) keep a profile only when it does.
 */
bool cp__raster_icc_fits(const unsigned char *icc, size_t len,
    int components);

/* The header facts placing a page needs (cp__image_place), from `info`. */
void cp__raster_image_info(const cp__raster_info *info, cp__format format,
    cp__image_info *out);

#endif
