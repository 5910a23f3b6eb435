/* source_png.c - a PNG image: a page of its own, drawn with libharu. */
#include "bundle/source.h"
#include "canvas/png_page.h"
#include "util/error.h"
#include "util/fsio.h"

/* The PNG drawn by libharu on a page of its own. */
static int
write_page(const cp__source *s, const cp__source_env *env,
    const cp__matrix *cm, const char *page, cp_error *err)
{
	return cp__png_page_write(s->path, env->paper.width,
	    env->paper.height, cm, page, s->written, err);
}

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	return cp__source_image_page(s, env, write_page, err);
}

static void
close_png(cp__source *s, const cp__source_env *env)
{
	cp__scratch_remove(env->scratch, s->pdf);
}

static const cp__source_ops png_ops = { "PNG image", make_pdf, NULL,
	close_png };

int
cp__source_png_open(cp__source *s, cp_error *err)
{
	char why[300];

	if (cp__image_probe(&s->image, s->path, why, sizeof(why)) != 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	s->ops = &png_ops;
	s->pages = 1;
	s->own_pdf = true;
	s->bytes = cp__file_size(s->path);
	return CP_OK;
}
