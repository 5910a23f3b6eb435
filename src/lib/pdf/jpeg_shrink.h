/* jpeg_shrink.h - a smaller JPEG of a photo, for upload limits.  Private. */
#ifndef CP_IMAGE_SHRINK_H
#define CP_IMAGE_SHRINK_H

#include <stddef.h>

#include "claimpack.h"

/*
 * Re-encodes the JPEG at `src` (libjpeg-turbo) at `quality` (1..100),
 * decoded at the smallest of libjpeg-turbo's scales that still has at
 * least `min_w` x `min_h` pixels (as stored, before EXIF orientation), so
 * that the photo keeps the resolution its page needs.  Writes the result
 * to `dst`, with the photo's ICC profile (APP2) when it has one.  Grey
 * JPEGs stay grey; CMYK JPEGs are left alone.  Returns 0
 * when written, 1 when it cannot make the file smaller (nothing written:
 * a CMYK JPEG, or one already as small), or a negative status with err
 * naming `name` (the file as the user wrote it).
 */
int cp__image_shrink(const char *src, unsigned min_w, unsigned min_h,
    int quality, const char *dst, const char *name, cp_error *err);

#endif
