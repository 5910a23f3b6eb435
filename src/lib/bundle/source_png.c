/* source_png.c - a PNG image: a page of its own, drawn with libharu. */
#include <sys/stat.h>

#include "bundle/source.h"
#include "canvas/png_page.h"
#include "util/error.h"

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	const char *page;
	cp__matrix cm;
	int rc;

	cp__source_image_place(s, &env->paper, &cm, NULL, NULL);
	if ((rc = cp__scratch_file(env->scratch, s->written, &page, err)) !=
	    CP_OK)
		return rc;
	if ((rc = cp__png_page_write(s->path, env->paper.width,
	    env->paper.height, &cm, page, s->written, err)) != CP_OK) {
		cp__scratch_remove(env->scratch, page);
		return rc;
	}
	s->pdf = page;
	return CP_OK;
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
	struct stat st;
	char why[300];

	if (cp__image_probe(&s->image, s->path, why, sizeof(why)) != 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	s->ops = &png_ops;
	s->pages = 1;
	s->own_pdf = true;
	s->bytes = stat(s->path, &st) == 0 ? (uint64_t)st.st_size : 0;
	return CP_OK;
}
