/* image_integrity.h - is an image file whole?  Private. */
#ifndef CP_IMAGE_INTEGRITY_H
#define CP_IMAGE_INTEGRITY_H

#include <stddef.h>

#include "input/sniff.h"

/*
 * Reads the whole JPEG or PNG at `path` (in chunks, never all at once)
 * and checks that its data is complete: a JPEG's entropy-coded data ends
 * with an end-of-image marker; a PNG's chunks all have correct CRCs and
 * it ends with IEND.  A photo cut short by an interrupted download or
 * copy prints as a half-grey page, so it is caught before building.
 * An arithmetic-coded JPEG is decoded too (cp__jpeg_huffman, without
 * writing), as its page needs it re-coded.  Returns 0, or -1 with `why`
 * holding a phrase to follow "path: " ("JPEG data is cut short: it has
 * no end-of-image marker").
 */
int cp__image_verify(const char *path, cp__format format, char *why,
    size_t why_size);

#endif
