/* exif.h - what a page needs from a photo's EXIF data.  Private. */
#ifndef CP_EXIF_H
#define CP_EXIF_H

#include <stdbool.h>
#include <stddef.h>

/* Room for a date as "YYYY-MM-DD" and its NUL. */
#define CP__EXIF_DATE_SIZE 11

typedef struct {
	int orientation;        /* 1..8; 0 when not given */
	double dpi_x, dpi_y;    /* both 0 when not given */
	char taken[CP__EXIF_DATE_SIZE]; /* the day the photo was taken,
	                           "YYYY-MM-DD"; "" when not given */
	bool has_taken_time;    /* the same date gave a time of day: */
	int taken_second;       /* its second of the day, 0 to 86399 */
} cp__exif_facts;

/*
 * Reads the orientation and resolution of the main image (IFD0) from the
 * `len` bytes of EXIF data at `data`: a JPEG's APP1 payload ("Exif\0\0"
 * and a TIFF structure) or the TIFF structure alone (as WebP and HEIC
 * files hold it).  Also the day it was taken: DateTimeOriginal (in the
 * Exif IFD), else DateTimeDigitized, else IFD0's DateTime (when the file
 * was last changed), the first of them that cp__exif_date takes.
 * Damaged EXIF data, or more than CP__EXIF_MAX_BYTES, gives nothing (*out
 * all zero: the picture itself is still good, and counts as upright).
 * Returns false only when out of memory.
 */
bool cp__exif_parse(const unsigned char *data, size_t len,
    cp__exif_facts *out);

/*
 * Takes the day out of an EXIF or TIFF date, `len` bytes at `text`
 * ("YYYY:MM:DD HH:MM:SS"; the time, and what follows the day, is not
 * looked at; "YYYY-MM-DD" is taken too, as some programs write it).
 * Writes "YYYY-MM-DD" into `out` and returns true for a real calendar
 * day of the years 1900 to 2999; else `out` is "" and it returns false
 * (the "0000:00:00 00:00:00" or blanks of a camera whose clock was
 * never set, garbage).
 */
bool cp__exif_date(const char *text, size_t len,
    char out[CP__EXIF_DATE_SIZE]);

/* The largest EXIF block read (a JPEG's APP1 segment is at most 64 KB). */
#define CP__EXIF_MAX_BYTES (1u << 20)

#endif
