/* image.h - what placing a JPEG or PNG page needs, from its headers.
 * Private.
 *
 * cp__image_probe() reads only a file's headers (never its pixels) to
 * learn its size, colours, EXIF orientation and where a JPEG keeps its
 * colour profile, and refuses what no PDF viewer could show or what is
 * too large to be a scanned paper.  cp__image_place() then says where
 * the image goes on a page and which matrix draws it upright.
 */
#ifndef CP_IMAGE_H
#define CP_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "input/exif.h"
#include "input/sniff.h"

/* The largest image claimpack takes: on a side, and in all. */
#define CP__IMAGE_MAX_SIDE   20000u
#define CP__IMAGE_MAX_PIXELS 200000000u
/* The largest colour profile a JPEG's page keeps (as CP__RASTER_MAX_ICC). */
#define CP__IMAGE_MAX_ICC    (4u << 20)

typedef struct {
	cp__format format;      /* CP__FORMAT_JPEG or CP__FORMAT_PNG; any
	                           raster format from cp__raster_image_info */
	unsigned width, height; /* pixels, as stored (before orientation) */
	int components;         /* colour channels, alpha not counted: 1 grey,
	                           3 RGB (also a PNG palette), 4 CMYK */
	int bits;               /* bits per channel as stored: JPEG 8; PNG
	                           1, 2, 4, 8 or 16 */
	bool has_alpha;         /* PNG alpha channel or tRNS transparency */
	bool cmyk;              /* a 4-channel (CMYK or YCCK) JPEG */
	bool adobe;             /* a JPEG with an Adobe APP14 marker.  A CMYK
	                           one then holds its ink inverted (0 is full
	                           ink), as Photoshop writes it and as every
	                           reader takes it; a CMYK JPEG without the
	                           marker holds plain ink (0 is none) */
	bool progressive;       /* a progressive JPEG (SOF2, SOF10) */
	bool arithmetic;        /* an arithmetic-coded JPEG (SOF9, SOF10):
	                           many PDF viewers cannot show one, so its
	                           page holds a Huffman-coded copy
	                           (input/jpeg_huffman.h) */
	size_t icc_len;         /* a JPEG's ICC profile: its size when its
	                           APP2 "ICC_PROFILE" chunks are all there,
	                           numbered 1..count once each, with one count
	                           and at most CP__IMAGE_MAX_ICC bytes in all
	                           (read it with cp__image_jpeg_icc); else 0.
	                           Whether it fits the image's colours is
	                           told when it is read.  0 for a PNG */
	int orientation;        /* EXIF orientation 1..8; 1 when absent or
	                           invalid, and always 1 for a PNG */
	double dpi_x, dpi_y;    /* from JFIF density, else EXIF resolution
	                           (JPEG), or pHYs (PNG); 0 when not given */
	char taken[CP__EXIF_DATE_SIZE]; /* the day a JPEG's EXIF data says it was
	                           taken, "YYYY-MM-DD" (cp__exif_parse); ""
	                           when not given, and always for a PNG */
	bool has_taken_time;    /* and its time of day, as second 0 to */
	int taken_second;       /* 86399 of that day (cp__exif_facts) */
} cp__image_info;

/*
 * Reads the headers of the JPEG or PNG image at `path` into `*out`.
 * Reads are bounded: a JPEG is walked segment by segment from SOI to the
 * start of its image data (SOS), a PNG chunk by chunk to its first IDAT;
 * every length is checked against the file's size before it is used, and
 * only the Exif APP1 segment (at most 64 KB) is read into memory.
 *
 * Returns 0, or -1 with `*out` cleared and `why` (`why_size` bytes; NULL
 * with 0 when not wanted) holding a phrase written to follow "path: ":
 *   "JPEG header is truncated"
 *   "JPEG image is 60000 x 60000 pixels; the largest image claimpack
 *    takes is 20000 x 20000 and 200 megapixels"
 *   "is a HEIC photo (iPhone format), not a JPEG or PNG image"
 *   "cannot be read: No such file or directory"
 * Refused besides damaged files: sides over CP__IMAGE_MAX_SIDE or more
 * than CP__IMAGE_MAX_PIXELS pixels (checked as soon as the size is read);
 * JPEGs that PDF viewers cannot show (12-bit, lossless or hierarchical,
 * 2 or more than 4 channels, a height left to a DNL marker) or that
 * libjpeg refuses (a marker it does not know, a second start of image,
 * before the image data).  Between a JPEG's header segments, what
 * libjpeg-turbo skips is skipped too: fill bytes, stray bytes,
 * stand-alone markers (RSTn, TEM).  A PNG's pixels are not looked at
 * here: every valid PNG header passes (16-bit and interlaced ones too),
 * and cp__raster_verify (raster.h) decodes the whole file.  Damaged EXIF
 * data is ignored: the image counts as upright.
 */
int cp__image_probe(cp__image_info *out, const char *path, char *why,
    size_t why_size);

/*
 * The same, for the `len` bytes of an image at `data` (say, a JPEG
 * embedded in a PDF): the same checks and refusals, and the same phrases
 * in `why`, except those about reading a file.  `data` is only read.
 */
int cp__image_probe_memory(cp__image_info *out, const void *data,
    size_t len, char *why, size_t why_size);

/*
 * Reads the ICC profile of the JPEG at `path`, whose probe gave
 * `info->icc_len` (not 0): its APP2 chunks' bytes in their order, into
 * *out (info->icc_len bytes, malloc'd; the caller frees).  Reads at most
 * CP__IMAGE_MAX_ICC bytes of profile and the headers.  Returns 0, or -1
 * with *out NULL and `why` holding a phrase to follow "path: " ("cannot
 * be read: ...", "changed while it was being read", "out of memory").
 */
int cp__image_jpeg_icc(unsigned char **out, const char *path,
    const cp__image_info *info, char *why, size_t why_size);

/* A PDF transformation matrix: x' = a x + c y + e, y' = b x + d y + f. */
typedef struct {
	double a, b, c, d, e, f;
} cp__matrix;

/*
 * Where the image `info` goes on a page of `page_w` x `page_h` points
 * with the given margins: shown upright per its EXIF orientation
 * (orientations 5 to 8 swap width and height), as large as fits inside
 * the margins but never larger than its size at 150 dpi (pixels * 72 /
 * 150 points), centred in the area inside the margins.
 *
 * `*cm` maps the unit square of the image as stored (image space as
 * libharu draws it: (0,0) is the bottom-left corner of the stored
 * pixels, (1,1) the top-right) onto that place, so that
 *   HPDF_Page_GSave(page);
 *   HPDF_Page_Concat(page, cm.a, cm.b, cm.c, cm.d, cm.e, cm.f);
 *   HPDF_Page_DrawImage(page, image, 0, 0, 1, 1);
 *   HPDF_Page_GRestore(page);
 * draws it as a phone shows it.  `*shown_w` and `*shown_h` receive the
 * size it takes on the page, in points.  When the area inside the
 * margins is empty, or the image has no pixels, both are 0 and `*cm`
 * is all zeros.  Any of the out-parameters may be NULL.
 */
void cp__image_place(const cp__image_info *info, double page_w,
    double page_h, double margin_top, double margin_bottom,
    double margin_side, cp__matrix *cm, double *shown_w, double *shown_h);

/*
 * The EXIF orientation (1 to 8) that shows an image as `orientation`
 * shows it, then turned `degrees` clockwise (90, 180 or 270; 0 leaves
 * it): how a photo the manifest asks turned is placed.  An orientation
 * outside 1 to 8 counts as 1.
 */
int cp__image_orientation_turn(int orientation, int degrees);

#endif
