/* assembly_check.c - refusing a cp__assembly that does not describe a
 * bundle, before libqpdf is asked to build it. */
#include <math.h>
#include <stdbool.h>

#include "pdf/assemble_int.h"
#include "util/error.h"

/* Our own outline comes from the caller; this only catches mistakes. */
#define OUTLINE_MAX_DEPTH 32

static int
einval(cp_error *err, const char *what)
{
	return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%s", what);
}

static int
check_outline(const cp__assembly *a, cp_error *err,
    const cp__outline *items, size_t n, int depth)
{
	const cp__outline *it;
	size_t i;
	int rc;

	if (n > 0 && items == NULL)
		return einval(err, "an outline item's children are missing");
	if (depth > OUTLINE_MAX_DEPTH)
		return einval(err, "the outline is nested too deeply");
	for (i = 0; i < n; i++) {
		it = &items[i];
		if (it->page >= a->npages)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "bookmark \"%s\" opens page %zu of a %zu-page "
			    "bundle", it->title ? it->title : "",
			    it->page + 1, a->npages);
		if (it->import_input >= 0 &&
		    ((size_t)it->import_input >= a->ninputs ||
		    it->import_first_page >= a->npages))
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "bookmark \"%s\" imports input %d at page %zu, "
			    "which does not exist", it->title ? it->title : "",
			    it->import_input, it->import_first_page + 1);
		if ((rc = check_outline(a, err, it->children, it->nchildren,
		    depth + 1)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__asm_check_arguments(const cp__assembly *a, cp_error *err)
{
	const cp__link *l;
	size_t i;
	bool stamps = false;

	if (a->out_path == NULL || a->out_path[0] == '\0')
		return einval(err, "no output file was given");
	if (a->npages == 0 || a->pages == NULL)
		return einval(err, "the bundle has no pages");
	/* libqpdf numbers pages with int. */
	if (a->npages > 1000000)
		return einval(err, "the bundle has too many pages");
	if (a->ninputs > 0 && a->inputs == NULL)
		return einval(err, "the input files are missing");
	for (i = 0; i < a->ninputs; i++)
		if (a->inputs[i] == NULL)
			return einval(err, "an input file has no path");
	if (a->generated == NULL && a->generated_len > 0)
		return einval(err, "the generated PDF is missing");
	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].source != CP__FROM_GENERATED &&
		    (a->pages[i].source < 0 ||
		    (size_t)a->pages[i].source >= a->ninputs))
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "page %zu comes from input %d, but there are %zu "
			    "inputs", i + 1, a->pages[i].source, a->ninputs);
		if (a->pages[i].source == CP__FROM_GENERATED &&
		    a->pages[i].stamp != -1)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "page %zu is a generated page and cannot take a "
			    "stamp", i + 1);
		if (a->pages[i].stamp < -1)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "page %zu has stamp %d", i + 1, a->pages[i].stamp);
		if (a->pages[i].rotate != 0 && a->pages[i].rotate != 90 &&
		    a->pages[i].rotate != 180 && a->pages[i].rotate != 270)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "page %zu is to be turned %d degrees, not 90, 180 "
			    "or 270", i + 1, a->pages[i].rotate);
		if (a->pages[i].stamp >= 0)
			stamps = true;
	}
	if (stamps && !(isfinite(a->stamp_width) && isfinite(a->stamp_height) &&
	    a->stamp_width > 0 && a->stamp_height > 0))
		return einval(err, "the stamp box has no size");
	if (a->cover_pages > a->npages ||
	    a->index_pages > a->npages - a->cover_pages)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "%zu cover and %zu index pages do not fit in a %zu-page "
		    "bundle", a->cover_pages, a->index_pages, a->npages);
	if (a->nlinks > 0 && a->links == NULL)
		return einval(err, "the links are missing");
	for (i = 0; i < a->nlinks; i++) {
		l = &a->links[i];
		if (l->page >= a->npages || l->target >= a->npages)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "a link on page %zu to page %zu is outside the "
			    "%zu-page bundle", l->page + 1, l->target + 1,
			    a->npages);
		if (!isfinite(l->x0) || !isfinite(l->y0) ||
		    !isfinite(l->x1) || !isfinite(l->y1))
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "a link on page %zu has no valid rectangle",
			    l->page + 1);
	}
	if (a->nattachments > 0 && a->attachments == NULL)
		return einval(err, "the attachments are missing");
	for (i = 0; i < a->nattachments; i++)
		if (a->attachments[i].name == NULL ||
		    a->attachments[i].name[0] == '\0' ||
		    (a->attachments[i].data == NULL &&
		    a->attachments[i].len > 0))
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
			    "attachment %zu has no name or no data", i + 1);
	if (a->noutline > 0 && a->outline == NULL)
		return einval(err, "the outline is missing");
	return check_outline(a, err, a->outline, a->noutline, 1);
}

int
cp__asm_check_pages(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__out_page *p;
	const cp__asm_source *src;
	size_t i;

	for (i = 0; i < a->npages; i++) {
		p = &a->pages[i];
		src = p->source == CP__FROM_GENERATED ? &c->gen :
		    &c->in[p->source];
		if (p->page >= src->npages && src->path == NULL)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "page %zu of the bundle is generated page %zu, but "
			    "there are %zu", i + 1, p->page + 1, src->npages);
		if (p->page >= src->npages)
			return cp__error_set(c->err, CP_EINVAL, src->path, 0, 0,
			    "page %zu of the bundle is page %zu of a %zu-page "
			    "PDF", i + 1, p->page + 1, src->npages);
		if (p->stamp >= 0 && (size_t)p->stamp >= c->gen.npages)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "page %zu is stamped with generated page %d, but "
			    "there are %zu", i + 1, p->stamp + 1,
			    c->gen.npages);
	}
	return CP_OK;
}
