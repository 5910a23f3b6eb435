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
