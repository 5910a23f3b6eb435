/* source_jpeg.c - a JPEG photo: a page of its own, its bytes copied
 * into the PDF as they are (an arithmetic-coded one re-coded with
 * Huffman codes first); recompressed only to fit a size limit. */
#include "bundle/source.h"
#include "input/image_integrity.h"
#include "input/jpeg_huffman.h"
#include "pdf/jpeg_page.h"
#include "pdf/jpeg_shrink.h"
#include "util/error.h"
#include "util/fsio.h"

/* The JPEG's bytes, as they are, on a page of their own. */
static int
write_page(const cp__source *s, const cp__source_env *env,
    const cp__matrix *cm, const char *page, cp_error *err)
{
	const char *file = cp__source_image_file(s), *huffman = NULL;
	cp__image_info embedded;
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
	rc = cp__jpeg_page_write(file, &embedded, env->paper.width,
	    env->paper.height, cm, page, s->written, err);
done:
	cp__scratch_remove(env->scratch, huffman);
	return rc;
}

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	return cp__source_image_page(s, env, write_page, err);
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
		cp__scratch_remove(env->scratch, s->pdf);
		s->pdf = NULL;
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
	cp__scratch_remove(env->scratch, s->pdf);
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
	s->ops = &jpeg_ops;
	s->pages = 1;
	s->own_pdf = true;
	s->bytes = cp__file_size(s->path);
	return CP_OK;
}
