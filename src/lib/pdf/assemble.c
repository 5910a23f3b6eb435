/* assemble.c - putting the bundle together with libqpdf (see assemble.h):
 * the entry point, opening the sources and copying the pages.
 *
 * The output starts as an empty PDF; every output page is added with
 * qpdf_add_page(), which copies a page of another document (the
 * generated PDF or an input) together with everything it references.
 * The stamp boxes are never added as pages: the input pages draw their
 * text in their own content (stamp.c).  Everything else
 * (outline, labels, links, attachments, info) is built as new objects in
 * the output, each part by a file of its own (see assemble_int.h).
 *
 * libqpdf reports failures on the handle a call was made on, and even a
 * type mismatch counts (qpdf_error_int.h), so everything read from an
 * input is type-checked first (objects_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "pdf/assemble.h"
#include "pdf/assemble_int.h"
#include "pdf/cmyk_fix.h"
#include "pdf/qpdf_error_int.h"
#include "pdf/qpdf_input_int.h"
#include "pdf/tounicode.h"
#include "util/error.h"

/* After qpdf_read*: puts inherited page attributes on each page (so a
 * copied page keeps its /Rotate, boxes and resources) and counts pages. */
static int
prepare_source(cp__asm_ctx *c, cp__asm_source *src)
{
	const char *what = src->path != NULL ? "cannot read its page tree" :
	    "cannot read the page tree of the generated pages";
	int n;

	if (qpdf_push_inherited_attributes_to_page(src->q) & QPDF_ERRORS)
		return cp__qpdf_fail(c->err, src->q, src->path, what);
	n = qpdf_get_num_pages(src->q);
	if (n < 0 || qpdf_has_error(src->q))
		return cp__qpdf_fail(c->err, src->q, src->path, what);
	src->npages = (size_t)n;
	return CP_OK;
}

/* Reads input `i`: a page claimpack made in memory from there, the
 * hospital's PDFs (the claim's files) from maps of them, and other
 * pages claimpack made by name. */
static QPDF_ERROR_CODE
read_input(cp__asm_ctx *c, size_t i)
{
	const cp__assembly *a = c->a;
	cp__asm_source *src = &c->in[i];

	if (a->memory != NULL && a->memory[i].data != NULL)
		return qpdf_read_memory(src->q, src->path,
		    (const char *)a->memory[i].data, a->memory[i].len, "");
	if (i + a->own_inputs < a->ninputs)
		return cp__qpdf_read_input(src->q, src->path, &src->map);
	return qpdf_read(src->q, src->path, "");
}

static int
open_sources(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	cp__asm_source *src;
	size_t i;
	int rc;

	if (a->generated_len > 0) {
		if ((c->gen.q = cp__qpdf_open()) == NULL)
			return cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (qpdf_read_memory(c->gen.q, "generated pages",
		    (const char *)a->generated, a->generated_len, "") &
		    QPDF_ERRORS)
			return cp__qpdf_fail(c->err, c->gen.q, NULL,
			    "cannot read the generated pages");
		if ((rc = prepare_source(c, &c->gen)) != CP_OK)
			return rc;
		if (cp__tounicode_mend(c->gen.q) != 0)
			return cp__qpdf_fail(c->err, c->gen.q, NULL,
			    "cannot mend the fonts' ToUnicode maps");
		if (cp__cmyk_fix(c->gen.q) != 0)
			return cp__qpdf_fail(c->err, c->gen.q, NULL,
			    "cannot set the colours of the CMYK JPEG images");
	}
	for (i = 0; i < a->ninputs; i++) {
		src = &c->in[i];
		src->path = a->inputs[i];
		if ((src->q = cp__qpdf_open()) == NULL)
			return cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (read_input(c, i) & QPDF_ERRORS)
			return cp__qpdf_fail_read(c->err, src->q, src->path);
		if ((rc = prepare_source(c, src)) != CP_OK)
			return rc;
		/* What libqpdf read of it so far (its cross-reference
		 * table, its page tree) is parsed: the mapped pages may
		 * leave memory until the pages are copied. */
		cp__inmap_forget_pages(&src->map);
		/* Pages claimpack made of photos: libharu marked their CMYK
		 * JPEGs as it does in the generated PDF; and the pages that
		 * stand in for a file have libharu's text, whose ToUnicode
		 * maps need mending as the generated PDF's do. */
		if (i + a->own_inputs >= a->ninputs &&
		    cp__cmyk_fix(src->q) != 0)
			return cp__qpdf_fail(c->err, src->q, src->path,
			    "cannot set the colours of the CMYK JPEG images");
		if (i + a->own_inputs >= a->ninputs &&
		    cp__tounicode_mend(src->q) != 0)
			return cp__qpdf_fail(c->err, src->q, src->path,
			    "cannot mend the fonts' ToUnicode maps");
	}
	return CP_OK;
}

/* Turns output page `page` `degrees` further clockwise, as the
 * caller asks for a paper scanned the wrong way round. */
static int
turn_page(cp__asm_ctx *c, qpdf_oh page, int degrees, const char *path)
{
	int deg = (cp__asm_page_rotation(c->out, page) + degrees) % 360;

	qpdf_oh_replace_key(c->out, page, "/Rotate",
	    qpdf_oh_new_integer(c->out, deg));
	if (qpdf_has_error(c->out))
		return cp__qpdf_fail(c->err, c->out, path, "cannot turn a "
		    "page");
	return CP_OK;
}

/* Copies every output page from its source, in output order. */
static int
copy_pages(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__out_page *p;
	cp__asm_source *src;
	qpdf_oh from;
	size_t i;
	char what[96];
	int rc;

	for (i = 0; i < a->npages; i++) {
		p = &a->pages[i];
		src = p->source == CP__FROM_GENERATED ? &c->gen :
		    &c->in[p->source];
		snprintf(what, sizeof(what), src->path != NULL ?
		    "cannot copy its page %zu" :
		    "cannot copy generated page %zu", p->page + 1);
		from = qpdf_get_page_n(src->q, p->page);
		if (qpdf_has_error(src->q))
			return cp__qpdf_fail(c->err, src->q, src->path, what);
		/* A foreign page is copied with all it references; a page
		 * added twice becomes a second page object. */
		if (qpdf_add_page(c->out, src->q, from, QPDF_FALSE) &
		    QPDF_ERRORS)
			return cp__qpdf_fail(c->err, c->out, src->path, what);
		if (qpdf_has_error(src->q))
			return cp__qpdf_fail(c->err, src->q, src->path, what);
		/* The page's objects are copied: the mapped pages they
		 * were read from may leave memory (util/infile.h). */
		cp__inmap_forget_pages(&src->map);
		c->page[i] = qpdf_get_page_n(c->out, i);
		if (qpdf_has_error(c->out))
			return cp__qpdf_fail(c->err, c->out, src->path, what);
		if (p->rotate != 0 &&
		    (rc = turn_page(c, c->page[i], p->rotate, src->path)) !=
		    CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__assemble_write(const cp__assembly *a, cp_error *err)
{
	cp__asm_ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.err = err;
	if (a == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "no assembly was given");
	if ((rc = cp__asm_check_arguments(a, err)) != CP_OK)
		return rc;
	if ((a->ninputs > 0 &&
	    (c.in = calloc(a->ninputs, sizeof(*c.in))) == NULL) ||
	    (c.page = calloc(a->npages, sizeof(*c.page))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if ((rc = open_sources(&c)) != CP_OK ||
	    (rc = cp__asm_check_pages(&c)) != CP_OK)
		goto done;
	if ((c.out = cp__qpdf_open()) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (qpdf_empty_pdf(c.out) & QPDF_ERRORS) {
		rc = cp__qpdf_fail(err, c.out, a->out_path,
		    "cannot start the bundle");
		goto done;
	}
	if ((rc = copy_pages(&c)) != CP_OK ||
	    (rc = cp__asm_fix_input_links(&c)) != CP_OK ||
	    (rc = cp__asm_unsign_pages(&c)) != CP_OK ||
	    (rc = cp__asm_stamp_pages(&c)) != CP_OK ||
	    (rc = cp__asm_add_links(&c)) != CP_OK ||
	    (rc = cp__asm_add_outline(&c)) != CP_OK ||
	    (rc = cp__asm_add_page_labels(&c)) != CP_OK ||
	    (rc = cp__asm_add_attachments(&c)) != CP_OK ||
	    (rc = cp__asm_add_info(&c)) != CP_OK)
		goto done;
	rc = cp__asm_write(&c);
done:
	/* The output refers to the sources' stream data until it is
	 * written, so it goes first. */
	cp__qpdf_close(&c.out);
	cp__qpdf_close(&c.gen.q);
	for (i = 0; c.in != NULL && i < a->ninputs; i++) {
		cp__qpdf_close(&c.in[i].q);
		cp__inmap_release(&c.in[i].map);
	}
	free(c.in);
	free(c.page);
	return rc;
}
