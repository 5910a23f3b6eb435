/* bookmarks.h - the bundle's outline: cover, index, a section per
 * template section, a bookmark per document, and the hospital PDFs' own
 * bookmarks under their documents. */
#ifndef CP_BOOKMARKS_H
#define CP_BOOKMARKS_H

#include <stddef.h>

#include "bundle/source.h"
#include "bundle/view.h"
#include "pdf/assemble.h"

typedef struct {
	cp__outline *top;       /* the top-level items, for the assembler */
	size_t ntop;
	cp__outline *docs;      /* what they point into */
	cp__outline *files;
	char **titles;
	size_t ntitles;
} cp__bookmarks;

/*
 * The outline of the file `v` describes.  `sources` and `input_of` have
 * one entry per file of the manifest (manifest order): its page source,
 * and its index among the assembler's inputs.  A document's only PDF
 * has its bookmarks imported under the document's; several PDFs get an
 * item each, named after the file.  Returns CP_OK or CP_ENOMEM; free
 * with cp__bookmarks_free() either way.
 */
int cp__bookmarks_make(cp__bookmarks *b, const cp__view *v,
    cp__source *const *sources, const int *input_of);
void cp__bookmarks_free(cp__bookmarks *b);

#endif
