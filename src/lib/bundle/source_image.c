/* source_image.c - what the image sources (JPEG, PNG) share: the file
 * drawn and where it goes on its page. */
#include "bundle/source.h"

const char *
cp__source_image_file(const cp__source *s)
{
	return s->shrunk != NULL ? s->shrunk : s->path;
}

void
cp__source_image_place(const cp__source *s, const cp__paper *paper,
    cp__matrix *cm, double *shown_w, double *shown_h)
{
	cp__image_place(&s->image, paper->width, paper->height, paper->top,
	    paper->bottom, paper->margin, cm, shown_w, shown_h);
}

int
cp__source_image_page(cp__source *s, const cp__source_env *env,
    cp__page_writer write, cp_error *err)
{
	const char *page;
	cp__matrix cm;
	int rc;

	/* A recompressed copy takes the original's place and orientation
	 * (its pixels are stored the same way round). */
	cp__source_image_place(s, &env->paper, &cm, NULL, NULL);
	if ((rc = cp__scratch_file(env->scratch, s->written, &page, err)) !=
	    CP_OK)
		return rc;
	if ((rc = write(s, env, &cm, page, err)) != CP_OK) {
		cp__scratch_remove(env->scratch, page);
		return rc;
	}
	s->pdf = page;
	return CP_OK;
}
