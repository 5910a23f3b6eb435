/* exif.h - what a page needs from a photo's EXIF data.  Private. */
#ifndef CP_EXIF_H
#define CP_EXIF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int orientation;        /* 1..8; 0 when not given */
	double dpi_x, dpi_y;    /* both 0 when not given */
} cp__exif_facts;

/*
 * Reads the orientation and resolution of the main image (IFD0) from the
 * `len` bytes of EXIF data at `data`: a JPEG's APP1 payload ("Exif\0\0"
 * and a TIFF structure) or the TIFF structure alone (as WebP and HEIC
 * files hold it).  Damaged EXIF data, or more than CP__EXIF_MAX_BYTES,
 * gives nothing (*out all zero: the picture itself is still good, and
 * counts as upright).  Returns false only when out of memory.
 */
bool cp__exif_parse(const unsigned char *data, size_t len,
    cp__exif_facts *out);

/* The largest EXIF block read (a JPEG's APP1 segment is at most 64 KB). */
#define CP__EXIF_MAX_BYTES (1u << 20)

#endif
