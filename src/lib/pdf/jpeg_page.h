/* jpeg_page.h - a page holding one JPEG, written straight to a file.
 * Private. */
#ifndef CP_JPEG_PAGE_H
#define CP_JPEG_PAGE_H

#include <stddef.h>

#include "input/image.h"

/*
 * Writes a one-page PDF of `page_w` x `page_h` points to `out_path`
 * showing the JPEG at `jpeg_path` (whose headers `info` describes) drawn
 * through the matrix `cm` (see cp__image_place).  The JPEG's bytes are
 * copied into the PDF as they are (DCTDecode), through a small buffer:
 * nothing is decoded or held whole in memory.  A CMYK JPEG gets the
 * inverted /Decode only when it has an Adobe marker.  Returns 0, or -1
 * with `why` saying what failed.
 */
int cp__jpeg_page_write(const char *jpeg_path, const cp__image_info *info,
    double page_w, double page_h, const cp__matrix *cm,
    const char *out_path, char *why, size_t why_size);

#endif
