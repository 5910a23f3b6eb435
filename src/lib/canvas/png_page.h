/* png_page.h - a page holding one PNG image, drawn with libharu. */
#ifndef CP_PNG_PAGE_H
#define CP_PNG_PAGE_H

#include "claimpack.h"
#include "input/image.h"

/*
 * Writes a one-page PDF of `page_w` x `page_h` points to `out_path`
 * showing the PNG at `png_path` drawn through the matrix `cm` (see
 * cp__image_place).  libharu decodes and recompresses the PNG (Flate),
 * one image in memory at a time.  Returns CP_OK, or CP_EIO with err
 * naming `name` (the file as the user wrote it) when libharu cannot
 * embed the image or write the page, or CP_ENOMEM.
 */
int cp__png_page_write(const char *png_path, double page_w, double page_h,
    const cp__matrix *cm, const char *out_path, const char *name,
    cp_error *err);

#endif
