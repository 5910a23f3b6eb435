/* source_ofd.c - an OFD e-invoice (GB/T 33190): each of its pages drawn
 * with libharu at the OFD's own page size (bundle/ofd_paint.h), every
 * page of the file in one PDF of its own, made in the scratch space.
 *
 * The fonts are subset to the characters the pages draw, so a page
 * costs a few tens of KB; the text stays text. */
#include <stdlib.h>
#include <string.h>

#include "bundle/ofd_paint.h"
#include "bundle/source.h"
#include "util/error.h"
#include "util/fsio.h"

/* Opens the OFD again (the source does not hold it between the plan and
 * the drawing, so a claim of many OFDs holds none open). */
static int
reopen(const cp__source *s, cp__ofd_doc **doc, cp_error *err)
{
	char why[300];
	int rc;

	if ((rc = cp__ofd_doc_open(doc, s->path, why, sizeof(why))) < 0)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (rc > 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	if (cp__ofd_doc_pages(*doc) != s->pages) {
		cp__ofd_doc_close(*doc);
		*doc = NULL;
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "changed "
		    "while the bundle was being made");
	}
	return CP_OK;
}

/* Walks every page: with st->cv NULL to collect the characters, else
 * drawing them.  CP_OK, CP_EIO naming the file, or CP_ENOMEM. */
static int
paint_pages(const cp__source *s, cp__ofd_doc *doc, cp__ofd_paint_state *st,
    cp_error *err)
{
	char why[300];
	size_t p;
	int rc;

	for (p = 0; p < s->pages; p++) {
		if ((rc = cp__ofd_paint_page(st, doc, p, why,
		    sizeof(why))) < 0)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (rc > 0)
			return cp__error_set(err, CP_EIO, s->written, 0, 0,
			    "%s", why);
	}
	return CP_OK;
}

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	const char *subsets[CP__FONT_MAX] = { NULL }, *page = NULL;
	cp__ofd_paint_state st;
	cp__ofd_doc *doc = NULL;
	cp__charset *used;
	cp__canvas cv;
	bool opened = false;
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	if ((used = calloc(1, sizeof(*used))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	st.used = used;
	if ((rc = reopen(s, &doc, err)) != CP_OK ||
	    (rc = paint_pages(s, doc, &st, err)) != CP_OK ||
	    (rc = cp__font_subsets_write(env->font, used, env->scratch,
	    subsets, err)) != CP_OK ||
	    (rc = cp__canvas_open(&cv, env->font, subsets, err)) != CP_OK)
		goto done;
	opened = true;
	st.cv = &cv;
	if ((rc = paint_pages(s, doc, &st, err)) != CP_OK)
		goto done;
	if ((rc = cp__scratch_file(env->scratch, s->written, &page, err)) !=
	    CP_OK)
		goto done;
	if (!cp__canvas_failed(&cv))
		HPDF_SaveToFile(cv.doc.pdf, page);
	if (cp__canvas_failed(&cv)) {
		rc = st.failed_image[0] != '\0' ? cp__error_set(err, CP_EIO,
		    s->written, 0, 0, "holds an image that cannot be drawn "
		    "(%s, libharu error 0x%04lX)", st.failed_image,
		    (unsigned long)cv.doc.error) : cp__haru_error(&cv.doc,
		    err, s->written, "draw this OFD's pages", NULL);
		goto done;
	}
	s->pdf = page;
	page = NULL;
	s->bytes = cp__file_size(s->pdf);
done:
	if (opened)
		cp__canvas_close(&cv);
	cp__scratch_remove(env->scratch, page);
	for (i = 0; i < CP__FONT_MAX; i++)
		cp__scratch_remove(env->scratch, subsets[i]);
	cp__ofd_doc_close(doc);
	free(used);
	return rc;
}

static void
close_ofd(cp__source *s, const cp__source_env *env)
{
	cp__scratch_remove(env->scratch, s->pdf);
}

static const cp__source_ops ofd_ops = {
	"OFD e-invoice", make_pdf, NULL, close_ofd, false
};

int
cp__source_ofd_open(cp__source *s, cp_error *err)
{
	cp__ofd_doc *doc;
	char why[300];
	int rc;

	if ((rc = cp__ofd_doc_open(&doc, s->path, why, sizeof(why))) < 0)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (rc > 0)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "%s", why);
	s->ops = &ofd_ops;
	s->pages = cp__ofd_doc_pages(doc);
	s->bytes = cp__file_size(s->path);
	s->own_pdf = true;
	cp__ofd_doc_close(doc);
	return CP_OK;
}
