/* source_raster.c - a PNG, HEIC, WebP or TIFF image: decoded
 * (input/raster.h) and drawn a page per image page (pdf/raster_pdf.h),
 * every page of the file in one PDF of its own; recompressed as JPEG
 * only to fit a size limit. */
#include "bundle/source.h"
#include "input/raster.h"
#include "pdf/raster_pdf.h"
#include "util/error.h"
#include "util/fsio.h"

/* Where page `page` goes on the paper, from its own header facts: the
 * pages of a TIFF may differ in size, resolution and orientation; each
 * is turned as the manifest asks. */
static void
place_page(const cp__source *s, const cp__raster_info *info,
    const cp__paper *paper, cp__matrix *cm, double *shown_w,
    double *shown_h, int *orientation)
{
	cp__image_info image;

	cp__raster_image_info(info, s->format, &image);
	image.orientation = cp__image_orientation_turn(image.orientation,
	    s->rotate);
	cp__image_place(&image, paper->width, paper->height, paper->top,
	    paper->bottom, paper->margin, cm, shown_w, shown_h);
	*orientation = image.orientation;
}

/*
 * Writes every page of the image into `out`: losslessly when `dpi` is 0,
 * else as JPEG at `quality` with at most the pixels each page needs to
 * show `dpi` where it is shown.
 */
static int
write_pdf(const cp__source *s, const cp__source_env *env, unsigned dpi,
    int quality, const char *out, cp_error *err)
{
	cp__raster_encoding enc = { 0, 0, 0 };
	const cp__raster_info *info;
	cp__raster_pdf *w = NULL;
	cp__raster *r = NULL;
	double shown_w, shown_h, tw, th, t;
	int orientation, rc;
	cp__matrix cm;
	size_t p;

	if ((rc = cp__raster_pdf_begin(&w, out, s->written, err)) != CP_OK)
		return rc;
	for (p = 0; p < s->pages; p++) {
		if ((rc = cp__raster_open(&r, s->path, s->format, p,
		    s->written, err)) != CP_OK)
			goto fail;
		info = cp__raster_get_info(r);
		place_page(s, info, &env->paper, &cm, &shown_w, &shown_h,
		    &orientation);
		if (dpi > 0) {
			/* The pixels the page needs, as stored: orientations
			 * 5 to 8 are stored turned a quarter. */
			tw = shown_w / 72.0 * dpi;
			th = shown_h / 72.0 * dpi;
			if (orientation >= 5) {
				t = tw;
				tw = th;
				th = t;
			}
			enc.quality = quality;
			enc.max_w = tw < 1 ? 1 : (unsigned)(tw + 0.999);
			enc.max_h = th < 1 ? 1 : (unsigned)(th + 0.999);
		}
		if ((rc = cp__raster_pdf_add(w, r, env->paper.width,
		    env->paper.height, &cm, &enc, err)) != CP_OK)
			goto fail;
		cp__raster_close(r);
		r = NULL;
	}
	return cp__raster_pdf_end(w, err);
fail:
	cp__raster_close(r);
	cp__raster_pdf_abort(w);
	return rc;
}

/* A new file in the scratch space holding the image's pages; removed
 * again when it cannot be written. */
static int
make_file(const cp__source *s, const cp__source_env *env, unsigned dpi,
    int quality, const char **out, cp_error *err)
{
	const char *page;
	int rc;

	*out = NULL;
	if ((rc = cp__scratch_file(env->scratch, s->written, &page, err)) !=
	    CP_OK)
		return rc;
	if ((rc = write_pdf(s, env, dpi, quality, page, err)) != CP_OK) {
		cp__scratch_remove(env->scratch, page);
		return rc;
	}
	*out = page;
	return CP_OK;
}

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	int rc;

	if ((rc = make_file(s, env, 0, 0, &s->pdf, err)) != CP_OK)
		return rc;
	/* The pages weigh what their PDF does, not what the image file
	 * did: a palette or a 16-bit PNG is stored otherwise here. */
	s->bytes = cp__file_size(s->pdf);
	return CP_OK;
}

static int
shrink(cp__source *s, const cp__source_env *env, unsigned dpi, int quality,
    bool *smaller, cp_error *err)
{
	const char *copy;
	uint64_t now, size;
	int rc;

	*smaller = false;
	/* What the new file must beat: the pages as they are now. */
	if (s->pdf == NULL && (rc = make_pdf(s, env, err)) != CP_OK)
		return rc;
	now = cp__file_size(s->pdf);
	/* Always from the image itself: a copy of a copy loses more. */
	if ((rc = make_file(s, env, dpi, quality, &copy, err)) != CP_OK)
		return rc;
	size = cp__file_size(copy);
	if (size == 0 || size >= now) {
		cp__scratch_remove(env->scratch, copy);
		return CP_OK;
	}
	cp__scratch_remove(env->scratch, s->pdf);
	s->pdf = copy;
	s->bytes = size;
	*smaller = true;
	return CP_OK;
}

static void
close_raster(cp__source *s, const cp__source_env *env)
{
	cp__scratch_remove(env->scratch, s->pdf);
}

static const cp__source_ops raster_ops = { "image", make_pdf, shrink,
	close_raster, true };

int
cp__source_raster_open(cp__source *s, cp_error *err)
{
	cp__raster *r;
	int rc;

	if ((rc = cp__raster_count(s->path, s->format, &s->pages, s->written,
	    err)) != CP_OK)
		return rc;
	if ((rc = cp__raster_open(&r, s->path, s->format, 0, s->written,
	    err)) != CP_OK)
		return rc;
	cp__raster_image_info(cp__raster_get_info(r), s->format, &s->image);
	cp__raster_close(r);
	s->ops = &raster_ops;
	s->own_pdf = true;
	s->bytes = cp__file_size(s->path);
	return CP_OK;
}
