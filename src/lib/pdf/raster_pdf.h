/* raster_pdf.h - PDF pages showing decoded images, written straight to a
 * file.  Private.
 *
 * The pages claimpack makes of PNG, HEIC, WebP and TIFF files: each page
 * shows one raster (input/raster.h) as an image XObject, compressed as
 * the rows arrive, so that no image is ever held whole in memory.  The
 * bytes depend only on the pixels and the arguments: two runs write the
 * same file.
 *
 *   colour     /DeviceGray or /DeviceRGB, 8 bits, /FlateDecode; with the
 *              file's ICC profile as /ICCBased when it has one
 *   bilevel    1 bit /DeviceGray, /FlateDecode: 1 is white there as in
 *              the raster, so no /Decode is needed
 *   alpha      an 8-bit /SMask beside the colour
 *   shrunk     for --max-size: scaled down (averaging) to at most the
 *              pixels asked for, colour as /DCTDecode at a JPEG quality,
 *              transparent parts put on white, bilevel pages unchanged
 */
#ifndef CP_RASTER_PDF_H
#define CP_RASTER_PDF_H

#include <stddef.h>

#include "claimpack.h"
#include "input/image.h"
#include "input/raster.h"

typedef struct cp__raster_pdf cp__raster_pdf;

/* How to encode the pages that follow.  All zero: losslessly. */
typedef struct {
	int quality;            /* 1..100: JPEG at that quality; 0 lossless */
	unsigned max_w, max_h;  /* with quality: at most this many pixels
	                           as stored (0: as many as there are) */
} cp__raster_encoding;

/*
 * Starts a PDF at `out_path` (created or truncated).  CP_OK; CP_EIO
 * naming `name` ("cannot write its page: ..."); CP_ENOMEM.
 */
int cp__raster_pdf_begin(cp__raster_pdf **out, const char *out_path,
    const char *name, cp_error *err);

/*
 * Adds a page of `page_w` x `page_h` points showing the raster `r`,
 * which must be opened and not read yet, through `cm` (which maps the
 * unit square of the image as stored onto the page: cp__image_place).
 * Reads every row of `r`.  CP_OK; CP_EIO naming the file (the raster's
 * errors pass up unchanged; "cannot write its page: ..."); CP_ENOMEM.
 */
int cp__raster_pdf_add(cp__raster_pdf *w, cp__raster *r, double page_w,
    double page_h, const cp__matrix *cm, const cp__raster_encoding *enc,
    cp_error *err);

/*
 * Writes the page tree, cross-reference table and trailer and closes
 * the file; frees `w` whatever happens.  CP_OK, CP_EIO or CP_ENOMEM.
 * After an error the file is incomplete: the caller removes it.
 */
int cp__raster_pdf_end(cp__raster_pdf *w, cp_error *err);

/* Closes and frees `w` without finishing the file; NULL does nothing. */
void cp__raster_pdf_abort(cp__raster_pdf *w);

#endif
