/* view.h - what one output file shows of the plan, and its page numbers.
 *
 * A bundle written whole is one view of the plan; a split bundle is one
 * view per part, each holding its own documents and numbering its own
 * pages, while its index lists every document of the claim.  Views
 * never change the plan.
 */
#ifndef CP_VIEW_H
#define CP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/plan.h"

typedef struct {
	const cp__plan *plan;
	size_t part;            /* 1-based part shown, 0 for the whole */
	size_t nparts;          /* 0 when the bundle is not split */
	const size_t *part_of;  /* split: each document's part, in bundle
	                           order; NULL when not split */
	size_t index_pages;     /* pages of the index (after the cover) */
	size_t *first_page;     /* each document's first page in this file,
	                           0-based, counting the cover and index
	                           (meaningful when it has pages here) */
	size_t doc_pages;       /* pages after the cover and the index */
} cp__view;

/* The output page of the first document page: after cover and index. */
#define CP__FIRST_DOC_PAGE(v) (1 + (v)->index_pages)

/*
 * A view of the whole plan (`part` 0, `part_of` NULL) or of part `part`
 * of `nparts` (part_of from cp__split_assign).  Its pages are numbered
 * for an index of no pages until cp__view_number() says otherwise.
 * Returns CP_OK or CP_ENOMEM; free with cp__view_free().
 */
int cp__view_init(cp__view *v, const cp__plan *plan, size_t part,
    size_t nparts, const size_t *part_of, cp_error *err);
void cp__view_free(cp__view *v);

/* Numbers the pages again for an index of `index_pages` pages. */
void cp__view_number(cp__view *v, size_t index_pages);

/* True when the file holds document `d` (bundle order). */
bool cp__view_has(const cp__view *v, size_t d);

/* The pages document `d` has in this file: its own, or 0 when another
 * part holds it. */
size_t cp__view_pages(const cp__view *v, size_t d);

/* The number of documents this file holds. */
size_t cp__view_count(const cp__view *v);

#endif
