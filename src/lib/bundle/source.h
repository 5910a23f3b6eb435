/* source.h - page sources: what turns one of the claim's files into the
 * PDF pages the assembler reads.
 *
 * One small interface, one implementation per input format (source_pdf.c,
 * source_jpeg.c, source_raster.c for the images claimpack decodes, and
 * source_ofd.c for OFD e-invoices).  A new format is a new file and a line
 * in source.c's table, not a branch in the plan, the renderers or fit.
 */
#ifndef CP_SOURCE_H
#define CP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/paper.h"
#include "canvas/font.h"
#include "input/image.h"
#include "util/infile.h"
#include "util/scratch.h"

/* Where sources make their files, and the pages they make. */
typedef struct {
	cp__scratch *scratch;   /* the build's temporary files */
	cp__paper paper;        /* the size of the pages made of images */
	const cp__font *font;   /* the bundle's font, for the pages that
	                           stand in for a file (placeholders) */
} cp__source_env;

typedef struct cp__source cp__source;

typedef struct {
	const char *kind;       /* "PDF", "JPEG image", "image" */
	/* Makes s->pdf when it is not made yet (an image's page, in the
	 * scratch space).  CP_OK, or CP_EIO naming the file. */
	int (*make_pdf)(cp__source *s, const cp__source_env *env,
	    cp_error *err);
	/* Recompresses so that the page still shows `dpi` where it is
	 * shown, at JPEG `quality`; sets *smaller when it made the page
	 * data smaller.  NULL for sources that cannot shrink. */
	int (*shrink)(cp__source *s, const cp__source_env *env, unsigned dpi,
	    int quality, bool *smaller, cp_error *err);
	/* Frees what the implementation holds beyond cp__source. */
	void (*close)(cp__source *s, const cp__source_env *env);
	/* True for images, which are placed on their page turned as the
	 * manifest asks (s->rotate): the page stays the paper's way up.
	 * Other sources' pages are turned by the assembler (/Rotate). */
	bool places_turned;
} cp__source_ops;

struct cp__source {
	const cp__source_ops *ops;
	const char *written;    /* the file as the manifest writes it */
	cp__format format;      /* as sniffed from its first bytes */
	char *path;             /* where it is */
	size_t pages;           /* the pages it adds */
	uint64_t bytes;         /* what its page data weighs now */
	bool own_pdf;           /* its PDF is one claimpack made (a photo's
	                           page), not the hospital's */
	bool has_outline;       /* its PDF may have bookmarks of its own */
	const char *pdf;        /* the PDF the assembler reads; NULL until
	                           made (then owned by the scratch space or
	                           the input itself) */
	/* A PDF made in memory rather than in the scratch space (a photo's
	 * page, pdf/jpeg_page.h): its bytes, and the part of them mapped
	 * from the photo's file, whose pages may leave memory while the
	 * bundle is written.  `pdf` then names the file in messages. */
	const unsigned char *pdf_data;
	size_t pdf_len;
	const cp__inmap *pdf_file_part;
	void *impl;             /* what the implementation keeps */
	cp__image_info image;   /* images: their headers */
	const char *shrunk;     /* images: a smaller copy drawn instead, in
	                           the scratch space, or NULL */
	int rotate;             /* degrees clockwise the manifest turns its
	                           pages (cp__source_rotate) */
};

/*
 * Opens the file at `path` (`written` as the manifest writes it, for
 * messages) as a page source: tells its format by its content and reads
 * what placing it needs (a PDF's page count, an image's headers).
 * Returns CP_OK; CP_EIO naming `written` for a file that cannot be read,
 * a PDF that needs a password or is broken, an image that cannot be
 * drawn, or any other format ("is a GIF image, not a PDF, JPEG, PNG,
 * HEIC, WebP or TIFF"); CP_ENOMEM.  Close with cp__source_close().
 */
int cp__source_open(cp__source **out, const char *path, const char *written,
    cp_error *err);

/* The PDF the assembler reads (*pdf, owned by the source), made first
 * when needed.  CP_OK, CP_EIO or CP_ENOMEM. */
int cp__source_pdf(cp__source *s, const cp__source_env *env,
    const char **pdf, cp_error *err);

/* Recompresses the source for --max-size (see cp__source_ops.shrink);
 * sources that cannot shrink leave *smaller false and return CP_OK. */
int cp__source_shrink(cp__source *s, const cp__source_env *env,
    unsigned dpi, int quality, bool *smaller, cp_error *err);

/*
 * Turns the source's pages `degrees` clockwise (0, 90, 180 or 270), as
 * the manifest's `rotate:` asks: an image is placed on its page turned
 * (its orientation composed with its EXIF one), any other source's
 * pages get it added to their /Rotate (cp__source_page_rotate).
 */
void cp__source_rotate(cp__source *s, int degrees);

/* The degrees the assembler adds to the /Rotate of each of the
 * source's pages. */
int cp__source_page_rotate(const cp__source *s);

/* Closes the source and removes what it made.  NULL does nothing. */
void cp__source_close(cp__source *s, const cp__source_env *env);

/* The implementations' openers, for source.c's table: each fills a
 * cp__source it allocated (path and written already set by the caller
 * in `s`), CP_OK or a negative status. */
int cp__source_pdf_open(cp__source *s, cp_error *err);
int cp__source_jpeg_open(cp__source *s, cp_error *err);
/* PNG, HEIC, WebP and TIFF: decoded (input/raster.h), drawn by
 * pdf/raster_pdf.h; s->format says which. */
int cp__source_raster_open(cp__source *s, cp_error *err);
/* A ZIP archive: an OFD e-invoice (read/ofd_doc.h) drawn with libharu;
 * any other ZIP is refused, saying what it is. */
int cp__source_ofd_open(cp__source *s, cp_error *err);

/*
 * A stand-in for the file `written` (as the manifest writes it; it must
 * outlive the source) that the build could not draw: `pages` pages (1
 * when 0), each saying which file it was and `why` (the phrase its error
 * gave, copied), drawn with env->font (canvas/placeholder.h) when its
 * PDF is asked for.  CP_OK or CP_ENOMEM.  Close it as any source.
 */
int cp__source_placeholder(cp__source **out, const char *written,
    size_t pages, const char *why, cp_error *err);

/* For images: the smaller copy (when any) or the original file, and
 * where the image goes on the page.  Used by the image sources. */
const char *cp__source_image_file(const cp__source *s);
void cp__source_image_place(const cp__source *s, const cp__paper *paper,
    cp__matrix *cm, double *shown_w, double *shown_h);

#endif
