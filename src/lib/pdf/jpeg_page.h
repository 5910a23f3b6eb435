/* jpeg_page.h - a page holding one JPEG, its bytes mapped from the
 * photo's file.  Private. */
#ifndef CP_JPEG_PAGE_H
#define CP_JPEG_PAGE_H

#include <stddef.h>

#include "claimpack.h"
#include "input/image.h"
#include "input/raster.h"
#include "util/infile.h"

/*
 * A one-page PDF in memory showing a JPEG: its objects are written into
 * memory before and after the photo's bytes, and the bytes themselves
 * are the photo's file mapped in between (util/infile.h), never read
 * into a buffer: libqpdf copies them from there into the bundle, the one
 * copy made.  Only the last partial memory page of the photo is read.
 */
typedef struct {
	const unsigned char *data;  /* the PDF, `len` bytes */
	size_t len;
	cp__inmap photo;            /* the part mapped from the photo's file:
	                               cp__inmap_forget_pages() may drop it
	                               from memory (never release it) */
	void *base;                 /* the whole reservation */
	size_t reserved;
} cp__jpeg_page;

/* The page of cp__jpeg_page_write, in memory: CP_OK with *pg to release
 * with cp__jpeg_page_release(), or as cp__jpeg_page_write fails.  The
 * photo must not shrink while the page is in use. */
int cp__jpeg_page_map(cp__jpeg_page *pg, const char *jpeg_path,
    const cp__image_info *info, double page_w, double page_h,
    const cp__matrix *cm, const char *name, cp_error *err);

void cp__jpeg_page_release(cp__jpeg_page *pg);

/*
 * Writes a one-page PDF of `page_w` x `page_h` points to `out_path`
 * showing the JPEG at `jpeg_path` (whose headers `info` describes) drawn
 * through the matrix `cm` (see cp__image_place).  The JPEG's bytes are
 * copied into the PDF as they are (DCTDecode): nothing is decoded or
 * held whole in memory (the page is cp__jpeg_page_map's, written out).  A CMYK JPEG gets the
 * inverted /Decode only when it has an Adobe marker.  Its ICC profile
 * (info->icc_len, read again here, at most CP__IMAGE_MAX_ICC bytes)
 * becomes the image's /ColorSpace [/ICCBased] (/N its channels,
 * /Alternate the device space) when cp__raster_icc_fits() says it fits
 * the JPEG's colours; else the image is in the device space.  Only
 * Huffman-coded JPEGs belong here (info->arithmetic false: see
 * input/jpeg_huffman.h).  Returns CP_OK, or CP_EIO with err naming
 * `name` (the file as the user wrote it): "cannot be read: ...",
 * "changed while it was being read", "cannot write its page: ...", or
 * CP_ENOMEM.
 */
int cp__jpeg_page_write(const char *jpeg_path, const cp__image_info *info,
    double page_w, double page_h, const cp__matrix *cm,
    const char *out_path, const char *name, cp_error *err);

#endif
