/* raster_int.h - what the raster decoders (raster_*.c) share.  Private
 * to input/. */
#ifndef CP_RASTER_INT_H
#define CP_RASTER_INT_H

#include "input/raster.h"

typedef struct {
	/* Counts the file's pages (see cp__raster_count). */
	int (*count)(const char *path, size_t *pages, const char *name,
	    cp_error *err);
	/* Fills r->info (and the decoder's state in r->impl) for page
	 * `page` of the file. */
	int (*open)(cp__raster *r, const char *path, size_t page,
	    cp_error *err);
	/* Writes the next `n` rows into `rows` (r->next is the first). */
	int (*read)(cp__raster *r, unsigned char *rows, unsigned n,
	    cp_error *err);
	/* Frees r->impl and what it holds. */
	void (*close)(cp__raster *r);
	/* Reads the day page 0 was taken (see cp__raster_taken) without
	 * decoding it.  NULL for a decoder whose open() decodes nothing
	 * yet: cp__raster_taken then opens the page and closes it. */
	int (*taken)(const char *path, char taken[CP__EXIF_DATE_SIZE],
	    const char *name, cp_error *err);
} cp__raster_ops;

struct cp__raster {
	const cp__raster_ops *ops;
	const char *name;       /* the file as the user wrote it */
	cp__raster_info info;
	unsigned next;          /* the row cp__raster_read hands out next */
	bool failed;            /* a read failed: only closing is left */
	void *impl;             /* the decoder's state */
};

/* The decoders, for raster.c's table. */
extern const cp__raster_ops cp__raster_png_ops;
extern const cp__raster_ops cp__raster_heic_ops;
extern const cp__raster_ops cp__raster_webp_ops;
extern const cp__raster_ops cp__raster_tiff_ops;

/*
 * Checks a size a decoder read against the limits (CP__IMAGE_MAX_SIDE,
 * CP__IMAGE_MAX_PIXELS): CP_OK, or CP_EIO naming `name` ("HEIC image is
 * 60000 x 60000 pixels; the largest image claimpack takes is ...").
 * `what` is "PNG image", "TIFF page 3", ...
 */
int cp__raster_check_size(unsigned width, unsigned height, const char *what,
    const char *name, cp_error *err);

/* Whether every pixel of the RGBA image at `pixels` (`stride` bytes from
 * one row to the next) is opaque: its alpha need not be handed out. */
bool cp__raster_rgba_opaque(const unsigned char *pixels, size_t stride,
    unsigned width, unsigned height);

/*
 * For decoders that hold the whole image: copies the `n` rows from
 * r->next on of the RGB (or, with `rgba`, RGBA) image at `pixels`
 * (`stride` bytes a row) into `rows`, as r->info says (RGBA without
 * r->info.alpha is handed out as RGB).
 */
void cp__raster_copy_rows(const cp__raster *r, unsigned char *rows,
    unsigned n, const unsigned char *pixels, size_t stride, bool rgba);

#endif
