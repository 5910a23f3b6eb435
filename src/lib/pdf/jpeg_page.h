/* jpeg_page.h - a page holding one JPEG, written straight to a file.
 * Private. */
#ifndef CP_JPEG_PAGE_H
#define CP_JPEG_PAGE_H

#include <stddef.h>

#include "claimpack.h"
#include "input/image.h"

/*
 * Writes a one-page PDF of `page_w` x `page_h` points to `out_path`
 * showing the JPEG at `jpeg_path` (whose headers `info` describes) drawn
 * through the matrix `cm` (see cp__image_place).  The JPEG's bytes are
 * copied into the PDF as they are (DCTDecode), through a small buffer:
 * nothing is decoded or held whole in memory.  A CMYK JPEG gets the
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
