/* source_jpeg.c - a JPEG photo: a page of its own in memory around the
 * photo's file mapped (pdf/jpeg_page.h), its bytes copied into the
 * bundle as they are, once (an arithmetic-coded one re-coded with
 * Huffman codes first); recompressed only to fit a size limit. */
#include <stdlib.h>

#include "bundle/source.h"
#include "input/image_integrity.h"
#include "input/jpeg_huffman.h"
#include "pdf/jpeg_page.h"
#include "pdf/jpeg_shrink.h"
#include "util/error.h"
#include "util/fsio.h"

/* The JPEG's bytes, as they are, on a page of their own in memory
 * (s->impl, a cp__jpeg_page). */
static int
map_page(cp__source *s, const cp__source_env *env, cp_error *err)
{
	const char *file = cp__source_image_file(s), *huffman = NULL;
	cp__jpeg_page *page = s->impl;
	cp__image_info embedded;
	cp__matrix cm;
	char why[300];
	int rc;

	if (cp__image_probe(&embedded, file, why, sizeof(why)) != 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	/* Many viewers cannot show arithmetic coding: the page holds the
	 * same coefficients Huffman-coded, in a copy made for it. */
	if (embedded.arithmetic) {
		if ((rc = cp__scratch_file(env->scratch, s->written, &huffman,
		    err)) != CP_OK)
			return rc;
		if (cp__jpeg_huffman(file, huffman, why, sizeof(why)) != 0 ||
		    cp__image_probe(&embedded, huffman, why,
		    sizeof(why)) != 0) {
			rc = cp__error_set(err, CP_EIO, s->written, 0, 0, "%s",
			    why);
			goto done;
		}
		file = huffman;
	}
	/* A recompressed copy takes the original's place and orientation
	 * (its pixels are stored the same way round). */
	cp__source_image_place(s, &env->paper, &cm, NULL, NULL);
	rc = cp__jpeg_page_map(page, file, &embedded, env->paper.width,
	    env->paper.height, &cm, s->written, err);
done:
	/* A map keeps the re-coded copy's bytes: its name can go. */
	cp__scratch_remove(env->scratch, huffman);
	return rc;
}

static void
forget_page(cp__source *s)
{
	cp__jpeg_page_release(s->impl);
	s->pdf = NULL;
	s->pdf_data = NULL;
	s->pdf_len = 0;
	s->pdf_file_part = NULL;
}

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	cp__jpeg_page *page = s->impl;
	int rc;

	if ((rc = map_page(s, env, err)) != CP_OK)
		return rc;
	s->pdf = s->path;
	s->pdf_data = page->data;
	s->pdf_len = page->len;
	s->pdf_file_part = &page->photo;
	return CP_OK;
}

/* Pixels the photo needs, as stored, to show at `dpi` where it is
 * shown on the page. */
static void
pixels_needed(const cp__source *s, const cp__paper *paper, unsigned dpi,
    unsigned *w, unsigned *h)
{
	double shown_w = 0, shown_h = 0, tw, th, t;

	cp__source_image_place(s, paper, NULL, &shown_w, &shown_h);
	tw = shown_w / 72.0 * dpi;
	th = shown_h / 72.0 * dpi;
	/* Orientations 5 to 8 are stored turned a quarter. */
	if (s->image.orientation >= 5 && s->image.orientation <= 8) {
		t = tw;
		tw = th;
		th = t;
	}
	*w = (unsigned)(tw + 0.999);
	*h = (unsigned)(th + 0.999);
}

static int
shrink(cp__source *s, const cp__source_env *env, unsigned dpi, int quality,
    bool *smaller, cp_error *err)
{
	const char *copy;
	unsigned need_w, need_h;
	int rc;

	pixels_needed(s, &env->paper, dpi, &need_w, &need_h);
	if ((rc = cp__scratch_file(env->scratch, s->written, &copy, err)) !=
	    CP_OK)
		return rc;
	/* Always from the original: a copy of a copy loses more. */
	switch ((rc = cp__image_shrink(s->path, need_w, need_h, quality, copy,
	    s->written, err))) {
	case 0:
		cp__scratch_remove(env->scratch, s->shrunk);
		s->shrunk = copy;
		s->bytes = cp__file_size(copy);
		/* The page shows the new copy: made again when asked. */
		forget_page(s);
		*smaller = true;
		return CP_OK;
	case 1:
		cp__scratch_remove(env->scratch, copy);
		return CP_OK;
	default:
		cp__scratch_remove(env->scratch, copy);
		return rc;
	}
}

static void
close_jpeg(cp__source *s, const cp__source_env *env)
{
	if (s->impl != NULL)
		forget_page(s);
	free(s->impl);
	cp__scratch_remove(env->scratch, s->shrunk);
}

static const cp__source_ops jpeg_ops = {
	"JPEG image", make_pdf, shrink, close_jpeg, true
};

int
cp__source_jpeg_open(cp__source *s, cp_error *err)
{
	char why[300];

	/* What check refuses, build does not draw: a JPEG cut short would
	 * print half grey. */
	if (cp__image_probe(&s->image, s->path, why, sizeof(why)) != 0 ||
	    cp__image_verify(s->path, CP__FORMAT_JPEG, why, sizeof(why)) != 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	if ((s->impl = calloc(1, sizeof(cp__jpeg_page))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	s->ops = &jpeg_ops;
	s->pages = 1;
	s->own_pdf = true;
	s->bytes = cp__file_size(s->path);
	return CP_OK;
}
