/* view.c - one output file's documents and page numbers (see view.h). */
#include <stdlib.h>

#include "bundle/view.h"
#include "util/error.h"

int
cp__view_init(cp__view *v, const cp__plan *plan, size_t part,
    size_t nparts, const size_t *part_of, cp_error *err)
{
	v->plan = plan;
	v->part = part;
	v->nparts = nparts;
	v->part_of = part_of;
	v->index_pages = 0;
	v->doc_pages = 0;
	if ((v->first_page = calloc(plan->ndocs + 1,
	    sizeof(*v->first_page))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	cp__view_number(v, 0);
	return CP_OK;
}

void
cp__view_free(cp__view *v)
{
	free(v->first_page);
	v->first_page = NULL;
}

bool
cp__view_has(const cp__view *v, size_t d)
{
	return v->part_of == NULL || v->part_of[d] == v->part;
}

size_t
cp__view_pages(const cp__view *v, size_t d)
{
	return cp__view_has(v, d) ? v->plan->docs[d].pages : 0;
}

size_t
cp__view_count(const cp__view *v)
{
	size_t d, n = 0;

	for (d = 0; d < v->plan->ndocs; d++)
		if (cp__view_has(v, d))
			n++;
	return n;
}

void
cp__view_number(cp__view *v, size_t index_pages)
{
	size_t d, page;

	v->index_pages = index_pages;
	page = CP__FIRST_DOC_PAGE(v);
	for (d = 0; d < v->plan->ndocs; d++) {
		v->first_page[d] = page;
		page += cp__view_pages(v, d);
	}
	v->doc_pages = page - CP__FIRST_DOC_PAGE(v);
}
