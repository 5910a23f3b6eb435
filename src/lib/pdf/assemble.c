/* assemble.c - putting the bundle together with libqpdf (see assemble.h).
 *
 * The output starts as an empty PDF; every output page is added with
 * qpdf_add_page(), which copies a page of another document (the
 * generated PDF or an input) together with everything it references.
 * The stamp boxes are never added as pages: each one becomes a Form
 * XObject that the input pages draw.  Everything else (outline, labels,
 * links, attachments, info) is built as new objects in the output.
 *
 * libqpdf's C API reports failures through qpdf_has_error() on the
 * handle the call was made on (for qpdf_oh_copy_foreign_object(), on the
 * handle copied FROM).  Even a type mismatch such as asking a number for
 * a dictionary key counts as an error, so everything read from an input
 * is type-checked first.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "pdf/assemble.h"
#include "pdf/cmyk_fix.h"
#include "pdf/qpdf_error_int.h"
#include "pdf/tounicode.h"
#include "util/error.h"

/* The stamp box sits this far above the visible bottom edge ... */
#define STAMP_LIFT 6.0
/* ... and is scaled down when the page (as seen) is narrower than the
 * box plus this margin on each side. */
#define STAMP_MARGIN 12.0

/* Limits for walking an input's bookmarks and name trees, which may be
 * deep, huge or cyclic in a damaged file. */
#define IMPORT_MAX_DEPTH 32
#define IMPORT_MAX_ITEMS 10000
#define NAME_TREE_MAX_NODES 10000
/* Our own outline comes from the caller; this only catches mistakes. */
#define OUTLINE_MAX_DEPTH 32

/* An opened source document. */
typedef struct {
	qpdf_data q;        /* NULL when not opened */
	const char *path;   /* the input's path; NULL for the generated PDF */
	size_t npages;
} src_doc;

/* The indirect objects of an input outline already copied, so that a
 * /Next or /First loop ends instead of repeating forever.  Open
 * addressing; 0 marks a free slot (object numbers start at 1). */
typedef struct {
	uint64_t *slot;
	size_t cap;
	size_t len;
} seen_set;

/* The children being built under one outline item. */
typedef struct {
	qpdf_oh first;
	qpdf_oh last;
	long long visible;  /* descendants shown when the parent is open */
} kid_list;

typedef struct {
	const cp__assembly *a;
	cp_error *err;
	qpdf_data out;
	src_doc gen;
	src_doc *in;        /* a->ninputs */
	qpdf_oh *page;      /* output page i in `out` */
	qpdf_oh *stamp;     /* generated page i as a form XObject, or 0 */
	qpdf_oh q_stream;   /* the shared "q" content stream, or 0 */
	seen_set seen;
	size_t imported;    /* items copied from the current input outline */
} asm_ctx;

/* ---- errors ----------------------------------------------------------- */

/* After calls on the output document: CP_OK, or CP_EIO with the reason. */
static int
check_out(asm_ctx *c, const char *what)
{
	return cp__qpdf_check(c->err, c->out, c->a->out_path, what);
}

/* ---- small object helpers --------------------------------------------- */

/* Formats `v` with at most 4 decimals and no exponent.  Not printf's %f,
 * which follows LC_NUMERIC: a program that called setlocale() must not
 * get commas in its PDF. */
static void
format_number(char *buf, size_t size, double v)
{
	long long scaled, ip, fp;
	char frac[8];
	bool neg;
	int i;

	if (!isfinite(v) || v > 1e12 || v < -1e12)
		v = 0;
	neg = v < 0;
	scaled = (long long)((neg ? -v : v) * 10000.0 + 0.5);
	ip = scaled / 10000;
	fp = scaled % 10000;
	if (fp == 0) {
		snprintf(buf, size, "%s%lld", neg && ip != 0 ? "-" : "", ip);
		return;
	}
	snprintf(frac, sizeof(frac), "%04lld", fp);
	for (i = 3; i > 0 && frac[i] == '0'; i--)
		frac[i] = '\0';
	snprintf(buf, size, "%s%lld.%s", neg ? "-" : "", ip, frac);
}

static qpdf_oh
new_number(qpdf_data q, double v)
{
	char buf[48];

	format_number(buf, sizeof(buf), v);
	if (strchr(buf, '.') == NULL)
		return qpdf_oh_new_integer(q, strtoll(buf, NULL, 10));
	return qpdf_oh_new_real_from_string(q, buf);
}

/* The value of `key` when `d` is a dictionary, else null: asking a
 * non-dictionary is an error in libqpdf's C API. */
static qpdf_oh
dict_get(qpdf_data q, qpdf_oh d, const char *key)
{
	if (!qpdf_oh_is_dictionary(q, d))
		return qpdf_oh_new_null(q);
	return qpdf_oh_get_key(q, d, key);
}

/* Item `i` of array `arr`, or null when out of range or not an array. */
static qpdf_oh
array_get(qpdf_data q, qpdf_oh arr, int i)
{
	if (!qpdf_oh_is_array(q, arr) || i < 0 ||
	    i >= qpdf_oh_get_array_n_items(q, arr))
		return qpdf_oh_new_null(q);
	return qpdf_oh_get_array_item(q, arr, i);
}

/* A new direct dictionary holding the same entries as `d` (none when
 * `d` is not a dictionary).  The values are shared, not copied: this is
 * for replacing one level of a structure that other pages may share. */
static qpdf_oh
copy_dict(qpdf_data q, qpdf_oh d)
{
	qpdf_oh fresh = qpdf_oh_new_dictionary(q);
	const char *key;

	if (!qpdf_oh_is_dictionary(q, d))
		return fresh;
	/* The key string stays valid until the next qpdf_oh_dict_next_key();
	 * get_key and replace_key copy it before using the iterator again. */
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q)) {
		key = qpdf_oh_dict_next_key(q);
		qpdf_oh_replace_key(q, fresh, key, qpdf_oh_get_key(q, d, key));
	}
	return fresh;
}

/* A new direct array holding the items of `arr` (none when not one). */
static qpdf_oh
copy_array(qpdf_data q, qpdf_oh arr)
{
	qpdf_oh fresh = qpdf_oh_new_array(q);
	int i, n;

	if (!qpdf_oh_is_array(q, arr))
		return fresh;
	n = qpdf_oh_get_array_n_items(q, arr);
	for (i = 0; i < n; i++)
		qpdf_oh_append_item(q, fresh,
		    qpdf_oh_get_array_item(q, arr, i));
	return fresh;
}

/* A new (indirect) stream holding `len` bytes, unfiltered; the writer
 * compresses it. */
static qpdf_oh
new_stream(qpdf_data q, const void *data, size_t len)
{
	static const unsigned char none[1];
	qpdf_oh s = qpdf_oh_new_stream(q);

	qpdf_oh_replace_stream_data(q, s, len > 0 ? data : none, len,
	    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	return s;
}

/* [page /Fit] */
static qpdf_oh
fit_dest(asm_ctx *c, size_t page)
{
	qpdf_oh d = qpdf_oh_new_array(c->out);

	qpdf_oh_append_item(c->out, d, c->page[page]);
	qpdf_oh_append_item(c->out, d, qpdf_oh_new_name(c->out, "/Fit"));
	return d;
}

static int
cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r != 0)
		return r;
	return alen < blen ? -1 : alen > blen;
}

/* ---- checking the caller's description -------------------------------- */

static int
einval(asm_ctx *c, const char *what)
{
	return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0, "%s", what);
}

static int
check_outline(asm_ctx *c, const cp__outline *items, size_t n, int depth)
{
	const cp__assembly *a = c->a;
	const cp__outline *it;
	size_t i;
	int rc;

	if (n > 0 && items == NULL)
		return einval(c, "an outline item's children are missing");
	if (depth > OUTLINE_MAX_DEPTH)
		return einval(c, "the outline is nested too deeply");
	for (i = 0; i < n; i++) {
		it = &items[i];
		if (it->page >= a->npages)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "bookmark \"%s\" opens page %zu of a %zu-page "
			    "bundle", it->title ? it->title : "",
			    it->page + 1, a->npages);
		if (it->import_input >= 0 &&
		    ((size_t)it->import_input >= a->ninputs ||
		    it->import_first_page >= a->npages))
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "bookmark \"%s\" imports input %d at page %zu, "
			    "which does not exist", it->title ? it->title : "",
			    it->import_input, it->import_first_page + 1);
		if ((rc = check_outline(c, it->children, it->nchildren,
		    depth + 1)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* What can be checked before any file is opened. */
static int
check_arguments(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__link *l;
	size_t i;
	bool stamps = false;

	if (a->out_path == NULL || a->out_path[0] == '\0')
		return einval(c, "no output file was given");
	if (a->npages == 0 || a->pages == NULL)
		return einval(c, "the bundle has no pages");
	/* libqpdf numbers pages with int. */
	if (a->npages > 1000000)
		return einval(c, "the bundle has too many pages");
	if (a->ninputs > 0 && a->inputs == NULL)
		return einval(c, "the input files are missing");
	for (i = 0; i < a->ninputs; i++)
		if (a->inputs[i] == NULL)
			return einval(c, "an input file has no path");
	if (a->generated == NULL && a->generated_len > 0)
		return einval(c, "the generated PDF is missing");
	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].source != CP__FROM_GENERATED &&
		    (a->pages[i].source < 0 ||
		    (size_t)a->pages[i].source >= a->ninputs))
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "page %zu comes from input %d, but there are %zu "
			    "inputs", i + 1, a->pages[i].source, a->ninputs);
		if (a->pages[i].source == CP__FROM_GENERATED &&
		    a->pages[i].stamp != -1)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "page %zu is a generated page and cannot take a "
			    "stamp", i + 1);
		if (a->pages[i].stamp < -1)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "page %zu has stamp %d", i + 1, a->pages[i].stamp);
		if (a->pages[i].stamp >= 0)
			stamps = true;
	}
	if (stamps && !(isfinite(a->stamp_width) && isfinite(a->stamp_height) &&
	    a->stamp_width > 0 && a->stamp_height > 0))
		return einval(c, "the stamp box has no size");
	if (a->cover_pages > a->npages ||
	    a->index_pages > a->npages - a->cover_pages)
		return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
		    "%zu cover and %zu index pages do not fit in a %zu-page "
		    "bundle", a->cover_pages, a->index_pages, a->npages);
	if (a->nlinks > 0 && a->links == NULL)
		return einval(c, "the links are missing");
	for (i = 0; i < a->nlinks; i++) {
		l = &a->links[i];
		if (l->page >= a->npages || l->target >= a->npages)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "a link on page %zu to page %zu is outside the "
			    "%zu-page bundle", l->page + 1, l->target + 1,
			    a->npages);
		if (!isfinite(l->x0) || !isfinite(l->y0) ||
		    !isfinite(l->x1) || !isfinite(l->y1))
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "a link on page %zu has no valid rectangle",
			    l->page + 1);
	}
	if (a->nattachments > 0 && a->attachments == NULL)
		return einval(c, "the attachments are missing");
	for (i = 0; i < a->nattachments; i++)
		if (a->attachments[i].name == NULL ||
		    a->attachments[i].name[0] == '\0' ||
		    (a->attachments[i].data == NULL &&
		    a->attachments[i].len > 0))
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "attachment %zu has no name or no data", i + 1);
	if (a->noutline > 0 && a->outline == NULL)
		return einval(c, "the outline is missing");
	return check_outline(c, a->outline, a->noutline, 1);
}

/* What needs the sources' page counts. */
static int
check_pages(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__out_page *p;
	const src_doc *src;
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

/* ---- opening the sources ---------------------------------------------- */

/* After qpdf_read*: puts inherited page attributes on each page (so a
 * copied page keeps its /Rotate, boxes and resources) and counts pages. */
static int
prepare_source(asm_ctx *c, src_doc *src)
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

static int
open_sources(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	src_doc *src;
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
		if (qpdf_read(src->q, src->path, "") & QPDF_ERRORS)
			return cp__qpdf_fail_read(c->err, src->q, src->path);
		if ((rc = prepare_source(c, src)) != CP_OK)
			return rc;
		/* Pages claimpack made of photos: libharu marked their CMYK
		 * JPEGs as it does in the generated PDF. */
		if (i + a->own_inputs >= a->ninputs &&
		    cp__cmyk_fix(src->q) != 0)
			return cp__qpdf_fail(c->err, src->q, src->path,
			    "cannot set the colours of the CMYK JPEG images");
	}
	return CP_OK;
}

/* ---- pages -------------------------------------------------------------- */

static int
copy_pages(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__out_page *p;
	src_doc *src;
	qpdf_oh from;
	size_t i;
	char what[96];

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
		c->page[i] = qpdf_get_page_n(c->out, i);
		if (qpdf_has_error(c->out))
			return cp__qpdf_fail(c->err, c->out, src->path, what);
	}
	return CP_OK;
}

/* ---- stamps ------------------------------------------------------------- */

/* Reads a rectangle [llx lly urx ury] (corners in either order). */
static bool
read_box(qpdf_data q, qpdf_oh page, const char *key, double box[4])
{
	qpdf_oh arr = dict_get(q, page, key);
	double v[4];
	int i;

	if (!qpdf_oh_is_array(q, arr) || qpdf_oh_get_array_n_items(q, arr) != 4)
		return false;
	for (i = 0; i < 4; i++)
		if (!qpdf_oh_get_value_as_number(q,
		    qpdf_oh_get_array_item(q, arr, i), &v[i]) ||
		    !isfinite(v[i]))
			return false;
	box[0] = v[0] < v[2] ? v[0] : v[2];
	box[1] = v[1] < v[3] ? v[1] : v[3];
	box[2] = v[0] < v[2] ? v[2] : v[0];
	box[3] = v[1] < v[3] ? v[3] : v[1];
	return box[2] > box[0] && box[3] > box[1];
}

/* The part of the page a viewer shows: the crop box clipped to the media
 * box, and the media box when there is no usable crop box. */
static void
visible_box(qpdf_data q, qpdf_oh page, double box[4])
{
	double crop[4];

	if (!read_box(q, page, "/MediaBox", box)) {
		/* No usable /MediaBox: viewers fall back to US Letter. */
		box[0] = 0;
		box[1] = 0;
		box[2] = 612;
		box[3] = 792;
	}
	if (!read_box(q, page, "/CropBox", crop))
		return;
	crop[0] = crop[0] > box[0] ? crop[0] : box[0];
	crop[1] = crop[1] > box[1] ? crop[1] : box[1];
	crop[2] = crop[2] < box[2] ? crop[2] : box[2];
	crop[3] = crop[3] < box[3] ? crop[3] : box[3];
	if (crop[2] > crop[0] && crop[3] > crop[1])
		memcpy(box, crop, sizeof(crop));
}

/* /Rotate as 0, 90, 180 or 270 (clockwise, as the page is shown). */
static int
page_rotation(qpdf_data q, qpdf_oh page)
{
	qpdf_oh r = dict_get(q, page, "/Rotate");
	double v;
	long long deg;

	if (!qpdf_oh_get_value_as_number(q, r, &v) || !isfinite(v) ||
	    v > 1e9 || v < -1e9)
		return 0;
	deg = (long long)v % 360;
	if (deg < 0)
		deg += 360;
	/* Anything but a multiple of 90 is invalid; viewers show such a
	 * page unrotated. */
	return deg % 90 == 0 ? (int)deg : 0;
}

/*
 * The matrix [a b c d e f] taking stamp space (u right, v up, as the
 * reader sees the page) to the page's user space, putting the box at the
 * bottom centre of the visible `box` turned by `rot` degrees clockwise.
 * In seen coordinates the box's origin is (u0, v0) and it is scaled by s;
 * seen (U, V) then maps to user space as
 *   0:   x = llx + U,  y = lly + V
 *   90:  x = urx - V,  y = lly + U
 *   180: x = urx - U,  y = ury - V
 *   270: x = llx + V,  y = ury - U
 */
static void
stamp_matrix(const double box[4], int rot, double w, double m[6])
{
	double llx = box[0], lly = box[1], urx = box[2], ury = box[3];
	double seen_w = rot == 90 || rot == 270 ? ury - lly : urx - llx;
	double s = 1.0, u0, v0 = STAMP_LIFT;

	if (seen_w < w + 2 * STAMP_MARGIN)
		s = seen_w / (w + 2 * STAMP_MARGIN);
	u0 = (seen_w - s * w) / 2;
	switch (rot) {
	case 90:
		m[0] = 0; m[1] = s; m[2] = -s; m[3] = 0;
		m[4] = urx - v0; m[5] = lly + u0;
		break;
	case 180:
		m[0] = -s; m[1] = 0; m[2] = 0; m[3] = -s;
		m[4] = urx - u0; m[5] = ury - v0;
		break;
	case 270:
		m[0] = 0; m[1] = -s; m[2] = s; m[3] = 0;
		m[4] = llx + v0; m[5] = ury - u0;
		break;
	default:
		m[0] = s; m[1] = 0; m[2] = 0; m[3] = s;
		m[4] = llx + u0; m[5] = lly + v0;
		break;
	}
}

/* Generated page `s` as a form XObject in the output, made once.  It is
 * built in the generated document, where its resources live, and copied
 * over with them. */
static int
stamp_xobject(asm_ctx *c, int s, qpdf_oh *out)
{
	const cp__assembly *a = c->a;
	qpdf_data g = c->gen.q;
	qpdf_oh page, form, dict, bbox, res;
	unsigned char *data = NULL;
	size_t len = 0;
	char what[64];

	if (c->stamp[s] != 0) {
		*out = c->stamp[s];
		return CP_OK;
	}
	snprintf(what, sizeof(what), "cannot use generated page %d as a "
	    "stamp", s + 1);
	page = qpdf_get_page_n(g, (size_t)s);
	if (qpdf_has_error(g) ||
	    (qpdf_oh_get_page_content_data(g, page, &data, &len) &
	    QPDF_ERRORS)) {
		free(data);
		return cp__qpdf_fail(c->err, g, NULL, what);
	}
	form = new_stream(g, data, len);
	free(data);
	dict = qpdf_oh_get_dict(g, form);
	qpdf_oh_replace_key(g, dict, "/Type", qpdf_oh_new_name(g, "/XObject"));
	qpdf_oh_replace_key(g, dict, "/Subtype", qpdf_oh_new_name(g, "/Form"));
	bbox = qpdf_oh_new_array(g);
	qpdf_oh_append_item(g, bbox, qpdf_oh_new_integer(g, 0));
	qpdf_oh_append_item(g, bbox, qpdf_oh_new_integer(g, 0));
	qpdf_oh_append_item(g, bbox, new_number(g, a->stamp_width));
	qpdf_oh_append_item(g, bbox, new_number(g, a->stamp_height));
	qpdf_oh_replace_key(g, dict, "/BBox", bbox);
	res = dict_get(g, page, "/Resources");
	qpdf_oh_replace_key(g, dict, "/Resources",
	    qpdf_oh_is_dictionary(g, res) ? res : qpdf_oh_new_dictionary(g));
	if (qpdf_has_error(g))
		return cp__qpdf_fail(c->err, g, NULL, what);
	*out = qpdf_oh_copy_foreign_object(c->out, g, form);
	if (qpdf_has_error(g))
		return cp__qpdf_fail(c->err, g, NULL, what);
	if (qpdf_has_error(c->out))
		return cp__qpdf_fail(c->err, c->out, NULL, what);
	c->stamp[s] = *out;
	return CP_OK;
}

/* Gives `page` a /Resources of its own whose /XObject holds `xobj` under
 * an unused name, written to `name`.  The old dictionaries may be shared
 * with other pages (through the page tree or a shared object), so they
 * are copied one level deep, never changed. */
static void
add_stamp_resource(qpdf_data q, qpdf_oh page, qpdf_oh xobj, char *name,
    size_t size)
{
	qpdf_oh res = copy_dict(q, dict_get(q, page, "/Resources"));
	qpdf_oh xo = copy_dict(q, dict_get(q, res, "/XObject"));
	unsigned n;

	for (n = 0;; n++) {
		snprintf(name, size, "/CPStamp%u", n);
		if (!qpdf_oh_has_key(q, xo, name))
			break;
	}
	qpdf_oh_replace_key(q, xo, name, xobj);
	qpdf_oh_replace_key(q, res, "/XObject", xo);
	qpdf_oh_replace_key(q, page, "/Resources", res);
}

/* Wraps the page's own content streams in q ... Q, so that whatever
 * state they leave behind cannot move the stamp, and draws the stamp
 * after them.  The original streams are kept as they are. */
static void
add_stamp_content(asm_ctx *c, qpdf_oh page, const double m[6],
    const char *name)
{
	static const char q_op[] = "q\n";
	qpdf_data q = c->out;
	qpdf_oh old = dict_get(q, page, "/Contents");
	qpdf_oh arr = qpdf_oh_new_array(q);
	char num[6][48], tail[400];
	int i, n;

	if (c->q_stream == 0)
		c->q_stream = new_stream(q, q_op, sizeof(q_op) - 1);
	qpdf_oh_append_item(q, arr, c->q_stream);
	if (qpdf_oh_is_array(q, old)) {
		n = qpdf_oh_get_array_n_items(q, old);
		for (i = 0; i < n; i++)
			qpdf_oh_append_item(q, arr,
			    qpdf_oh_get_array_item(q, old, i));
	} else if (qpdf_oh_is_stream(q, old)) {
		qpdf_oh_append_item(q, arr, old);
	}
	for (i = 0; i < 6; i++)
		format_number(num[i], sizeof(num[i]), m[i]);
	/* The leading newline ends a last token the page left unfinished. */
	n = snprintf(tail, sizeof(tail),
	    "\nQ\nq %s %s %s %s %s %s cm %s Do Q\n",
	    num[0], num[1], num[2], num[3], num[4], num[5], name);
	qpdf_oh_append_item(q, arr, new_stream(q, tail, (size_t)n));
	qpdf_oh_replace_key(q, page, "/Contents", arr);
}

static int
stamp_pages(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_oh xobj = 0;
	double box[4], m[6];
	char name[32], what[64];
	size_t i;
	int rc;

	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].stamp < 0)
			continue;
		if ((rc = stamp_xobject(c, a->pages[i].stamp, &xobj)) != CP_OK)
			return rc;
		visible_box(c->out, c->page[i], box);
		stamp_matrix(box, page_rotation(c->out, c->page[i]),
		    a->stamp_width, m);
		add_stamp_resource(c->out, c->page[i], xobj, name,
		    sizeof(name));
		add_stamp_content(c, c->page[i], m, name);
		snprintf(what, sizeof(what), "cannot stamp page %zu", i + 1);
		if ((rc = check_out(c, what)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* ---- links -------------------------------------------------------------- */

static int
add_links(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__link *l;
	qpdf_data q = c->out;
	qpdf_oh annot, rect, border, annots;
	size_t i;

	for (i = 0; i < a->nlinks; i++) {
		l = &a->links[i];
		annot = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		qpdf_oh_replace_key(q, annot, "/Type",
		    qpdf_oh_new_name(q, "/Annot"));
		qpdf_oh_replace_key(q, annot, "/Subtype",
		    qpdf_oh_new_name(q, "/Link"));
		rect = qpdf_oh_new_array(q);
		qpdf_oh_append_item(q, rect, new_number(q, l->x0 < l->x1 ?
		    l->x0 : l->x1));
		qpdf_oh_append_item(q, rect, new_number(q, l->y0 < l->y1 ?
		    l->y0 : l->y1));
		qpdf_oh_append_item(q, rect, new_number(q, l->x0 < l->x1 ?
		    l->x1 : l->x0));
		qpdf_oh_append_item(q, rect, new_number(q, l->y0 < l->y1 ?
		    l->y1 : l->y0));
		qpdf_oh_replace_key(q, annot, "/Rect", rect);
		border = qpdf_oh_new_array(q);
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_replace_key(q, annot, "/Border", border);
		qpdf_oh_replace_key(q, annot, "/Dest", fit_dest(c, l->target));
		/* A fresh array: an input's /Annots may be shared. */
		annots = copy_array(q, dict_get(q, c->page[l->page],
		    "/Annots"));
		qpdf_oh_append_item(q, annots, annot);
		qpdf_oh_replace_key(q, c->page[l->page], "/Annots", annots);
	}
	return check_out(c, "cannot add the index links");
}

/* ---- outline ------------------------------------------------------------ */

/* Adds object objid/gen to the set; *fresh says whether it was new.
 * False when out of memory. */
static bool
seen_add(seen_set *s, int objid, int gen, bool *fresh)
{
	uint64_t key = ((uint64_t)(unsigned)objid << 32) | (unsigned)gen;
	uint64_t *slot;
	size_t i, cap;

	if (s->len * 2 >= s->cap) {
		cap = s->cap ? s->cap * 2 : 64;
		if ((slot = calloc(cap, sizeof(*slot))) == NULL)
			return false;
		for (i = 0; i < s->cap; i++) {
			size_t j;

			if (s->slot[i] == 0)
				continue;
			for (j = (size_t)(s->slot[i] * 0x9E3779B97F4A7C15u) &
			    (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1))
				;
			slot[j] = s->slot[i];
		}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	for (i = (size_t)(key * 0x9E3779B97F4A7C15u) & (s->cap - 1);
	    s->slot[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == key) {
			*fresh = false;
			return true;
		}
	s->slot[i] = key;
	s->len++;
	*fresh = true;
	return true;
}

/* Appends a new item with `title` and `dest` under `parent`. */
static qpdf_oh
outline_item(qpdf_data q, qpdf_oh parent, kid_list *k, qpdf_oh title,
    qpdf_oh dest)
{
	qpdf_oh item = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));

	qpdf_oh_replace_key(q, item, "/Title", title);
	qpdf_oh_replace_key(q, item, "/Parent", parent);
	qpdf_oh_replace_key(q, item, "/Dest", dest);
	if (k->last != 0) {
		qpdf_oh_replace_key(q, item, "/Prev", k->last);
		qpdf_oh_replace_key(q, k->last, "/Next", item);
	} else {
		k->first = item;
	}
	k->last = item;
	return item;
}

/* Links `item` to its children; /Count is positive for an open item. */
static void
outline_finish(qpdf_data q, qpdf_oh item, const kid_list *k, bool open)
{
	if (k->first == 0)
		return;
	qpdf_oh_replace_key(q, item, "/First", k->first);
	qpdf_oh_replace_key(q, item, "/Last", k->last);
	qpdf_oh_replace_key(q, item, "/Count", qpdf_oh_new_integer(q,
	    open ? k->visible : -k->visible));
}

/* Looks `key` up in the name tree under `node`.  Uses /Limits to skip
 * subtrees; visits at most *budget nodes. */
static qpdf_oh
name_tree_find(qpdf_data q, qpdf_oh node, const char *key, size_t klen,
    int depth, size_t *budget)
{
	qpdf_oh names, kids, kid, lim, k, found;
	const char *s;
	size_t len;
	int i, n;

	if (depth > IMPORT_MAX_DEPTH || *budget == 0 ||
	    !qpdf_oh_is_dictionary(q, node))
		return 0;
	(*budget)--;
	names = qpdf_oh_get_key(q, node, "/Names");
	if (qpdf_oh_is_array(q, names)) {
		n = qpdf_oh_get_array_n_items(q, names);
		for (i = 0; i + 1 < n; i += 2) {
			k = qpdf_oh_get_array_item(q, names, i);
			found = 0;
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cmp_bytes(s, len, key, klen) == 0)
					found = qpdf_oh_get_array_item(q,
					    names, i + 1);
			}
			qpdf_oh_release(q, k);
			if (found != 0)
				return found;
		}
	}
	kids = qpdf_oh_get_key(q, node, "/Kids");
	if (!qpdf_oh_is_array(q, kids))
		return 0;
	n = qpdf_oh_get_array_n_items(q, kids);
	for (i = 0; i < n && *budget > 0; i++) {
		kid = qpdf_oh_get_array_item(q, kids, i);
		lim = dict_get(q, kid, "/Limits");
		if (qpdf_oh_is_array(q, lim) &&
		    qpdf_oh_get_array_n_items(q, lim) == 2) {
			k = qpdf_oh_get_array_item(q, lim, 0);
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cmp_bytes(key, klen, s, len) < 0)
					continue;
			}
			k = qpdf_oh_get_array_item(q, lim, 1);
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cmp_bytes(key, klen, s, len) > 0)
					continue;
			}
		}
		found = name_tree_find(q, kid, key, klen, depth + 1, budget);
		if (found != 0)
			return found;
	}
	return 0;
}

/* The value of the named destination `key`: from the /Dests name tree
 * (PDF 1.2 and later), else from the catalog's old /Dests dictionary.
 * 0 when there is none. */
static qpdf_oh
named_dest(qpdf_data q, const char *key, size_t klen)
{
	qpdf_oh root = qpdf_get_root(q), tree, found, old;
	size_t budget = NAME_TREE_MAX_NODES;
	char *name;

	tree = dict_get(q, dict_get(q, root, "/Names"), "/Dests");
	found = name_tree_find(q, tree, key, klen, 0, &budget);
	if (found != 0)
		return found;
	old = dict_get(q, root, "/Dests");
	if (!qpdf_oh_is_dictionary(q, old) || memchr(key, '\0', klen) != NULL)
		return 0;
	if ((name = malloc(klen + 2)) == NULL)
		return 0;
	name[0] = '/';
	memcpy(name + 1, key, klen);
	name[klen + 1] = '\0';
	found = qpdf_oh_has_key(q, old, name) ? qpdf_oh_get_key(q, old, name) :
	    0;
	free(name);
	return found;
}

/* The explicit destination array `d` stands for, following names and
 * /D entries; 0 when there is none. */
static qpdf_oh
explicit_dest(qpdf_data q, qpdf_oh d, int depth)
{
	const char *s;
	char *copy;
	size_t len;
	qpdf_oh found;

	if (depth > 4)
		return 0;
	if (qpdf_oh_is_array(q, d))
		return d;
	if (qpdf_oh_is_dictionary(q, d))
		return explicit_dest(q, qpdf_oh_get_key(q, d, "/D"), depth + 1);
	if (qpdf_oh_is_name(q, d)) {
		s = qpdf_oh_get_name(q, d);
		if (s[0] == '/')
			s++;
		len = strlen(s);
	} else if (qpdf_oh_is_string(q, d)) {
		s = qpdf_oh_get_binary_string_value(q, d, &len);
	} else {
		return 0;
	}
	/* libqpdf reuses the buffer `s` points into on the next call. */
	if ((copy = malloc(len + 1)) == NULL)
		return 0;
	memcpy(copy, s, len);
	found = named_dest(q, copy, len);
	free(copy);
	return found != 0 ? explicit_dest(q, found, depth + 1) : 0;
}

/* The destination of an input outline item (its /Dest, or the /D of a
 * GoTo action), as an explicit array, or 0. */
static qpdf_oh
item_dest(qpdf_data q, qpdf_oh node)
{
	qpdf_oh d = dict_get(q, node, "/Dest"), act;

	if (qpdf_oh_is_null(q, d)) {
		act = dict_get(q, node, "/A");
		if (qpdf_oh_is_name_and_equals(q, dict_get(q, act, "/S"),
		    "/GoTo"))
			d = dict_get(q, act, "/D");
	}
	return explicit_dest(q, d, 0);
}

/* The 0-based input page an explicit destination opens, or -1. */
static long
dest_page(const src_doc *src, qpdf_oh arr)
{
	qpdf_data q = src->q;
	qpdf_oh first = array_get(q, arr, 0);
	long long v;
	int idx, objid;

	objid = qpdf_oh_get_object_id(q, first);
	if (objid > 0) {
		idx = qpdf_find_page_by_id(q, objid,
		    qpdf_oh_get_generation(q, first));
		if (idx < 0) {
			cp__qpdf_ok(q);
			return -1;
		}
		return idx;
	}
	/* A page number belongs in remote destinations only, but some
	 * producers write one for their own pages. */
	if (qpdf_oh_is_integer(q, first) &&
	    qpdf_oh_get_value_as_longlong(q, first, &v) && v >= 0 &&
	    (unsigned long long)v < src->npages)
		return (long)v;
	return -1;
}

/*
 * The output destination for an input destination `arr` that opens
 * output page `page`: the same view (/XYZ left top zoom, /FitH top ...)
 * when it is well-formed, since the page's user space is unchanged;
 * else [page /Fit].
 */
static qpdf_oh
mapped_dest(asm_ctx *c, const src_doc *src, qpdf_oh arr, size_t page)
{
	static const struct {
		const char *name;
		int args;
	} views[] = {
		{ "/XYZ", 3 }, { "/Fit", 0 }, { "/FitH", 1 }, { "/FitV", 1 },
		{ "/FitR", 4 }, { "/FitB", 0 }, { "/FitBH", 1 }, { "/FitBV", 1 }
	};
	qpdf_data q = src->q;
	qpdf_oh kind, item, d;
	double val[4];
	bool isnull[4];
	size_t v;
	int i, n;

	if (arr == 0 || !qpdf_oh_is_array(q, arr))
		return fit_dest(c, page);
	n = qpdf_oh_get_array_n_items(q, arr);
	kind = array_get(q, arr, 1);
	if (!qpdf_oh_is_name(q, kind))
		return fit_dest(c, page);
	for (v = 0; v < sizeof(views) / sizeof(views[0]); v++)
		if (qpdf_oh_is_name_and_equals(q, kind, views[v].name))
			break;
	if (v == sizeof(views) / sizeof(views[0]) || n != 2 + views[v].args)
		return fit_dest(c, page);
	for (i = 0; i < views[v].args; i++) {
		item = qpdf_oh_get_array_item(q, arr, 2 + i);
		isnull[i] = qpdf_oh_is_null(q, item);
		if (!isnull[i] && (!qpdf_oh_get_value_as_number(q, item,
		    &val[i]) || !isfinite(val[i])))
			return fit_dest(c, page);
	}
	d = qpdf_oh_new_array(c->out);
	qpdf_oh_append_item(c->out, d, c->page[page]);
	qpdf_oh_append_item(c->out, d, qpdf_oh_new_name(c->out,
	    views[v].name));
	for (i = 0; i < views[v].args; i++)
		qpdf_oh_append_item(c->out, d, isnull[i] ?
		    qpdf_oh_new_null(c->out) : new_number(c->out, val[i]));
	return d;
}

/* The first output page that is page `page` of input `input`, or -1. */
static long
output_page_of(const cp__assembly *a, int input, size_t page)
{
	size_t i;

	for (i = 0; i < a->npages; i++)
		if (a->pages[i].source == input && a->pages[i].page == page)
			return (long)i;
	return -1;
}

/*
 * Points the input pages' own links at the bundle's pages.  libqpdf
 * copies a reference to a page that is not in the output yet as null, so
 * a link to a later page of the same input would lead nowhere; a named
 * destination would be looked up in the bundle's name tree, which holds
 * none of the inputs' names.  Each link whose target is a page of its
 * input that is in the bundle gets an explicit destination to that page
 * (its first copy); other links are left as they are.
 */
static int
fix_input_links(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const src_doc *src;
	qpdf_data q, out = c->out;
	qpdf_oh in_annots, out_annots, ia, oa, arr, d, act;
	int j, n;
	long idx, target;
	size_t i;

	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].source < 0)
			continue;
		src = &c->in[a->pages[i].source];
		q = src->q;
		in_annots = dict_get(q, qpdf_get_page_n(q, a->pages[i].page),
		    "/Annots");
		out_annots = dict_get(out, c->page[i], "/Annots");
		if (!qpdf_oh_is_array(q, in_annots) ||
		    !qpdf_oh_is_array(out, out_annots)) {
			cp__qpdf_ok(q);
			continue;
		}
		/* The copy keeps the order of the input's /Annots. */
		n = qpdf_oh_get_array_n_items(q, in_annots);
		if (n > qpdf_oh_get_array_n_items(out, out_annots))
			n = qpdf_oh_get_array_n_items(out, out_annots);
		for (j = 0; j < n; j++) {
			ia = qpdf_oh_get_array_item(q, in_annots, j);
			oa = qpdf_oh_get_array_item(out, out_annots, j);
			if (!qpdf_oh_is_name_and_equals(q, dict_get(q, ia,
			    "/Subtype"), "/Link") ||
			    !qpdf_oh_is_dictionary(out, oa))
				continue;
			arr = item_dest(q, ia);
			idx = arr != 0 ? dest_page(src, arr) : -1;
			if (!cp__qpdf_ok(q) || idx < 0 ||
			    (target = output_page_of(a, a->pages[i].source,
			    (size_t)idx)) < 0)
				continue;
			d = mapped_dest(c, src, arr, (size_t)target);
			cp__qpdf_ok(q);
			if (qpdf_oh_has_key(out, oa, "/Dest")) {
				qpdf_oh_replace_key(out, oa, "/Dest", d);
			} else {
				/* A fresh action: the old one may be shared. */
				act = copy_dict(out, dict_get(out, oa, "/A"));
				qpdf_oh_replace_key(out, act, "/D", d);
				qpdf_oh_replace_key(out, oa, "/A", act);
			}
		}
		cp__qpdf_ok(q);
		if (qpdf_has_error(out))
			return cp__qpdf_fail(c->err, out, src->path,
			    "cannot copy the links of its pages");
	}
	return CP_OK;
}

/*
 * Copies the input outline items from `node` along its /Next chain (and
 * their children) under `parent`.  A damaged input only shortens what is
 * copied: reading errors end the walk, loops end at an item already
 * seen, depth and count are capped.  Imported items are closed, so that
 * a hospital's long bookmark list does not flood the outline panel.
 */
static int
import_items(asm_ctx *c, const src_doc *src, qpdf_oh parent, qpdf_oh node,
    size_t first_page, int depth, kid_list *k)
{
	qpdf_data q = src->q;
	qpdf_oh in_title, title, arr, item;
	kid_list ck;
	const char *s;
	size_t len, target;
	long idx;
	bool fresh;
	int objid, rc;

	while (qpdf_oh_is_dictionary(q, node) && cp__qpdf_ok(q)) {
		if (c->imported >= IMPORT_MAX_ITEMS)
			break;
		objid = qpdf_oh_get_object_id(q, node);
		if (objid > 0) {
			if (!seen_add(&c->seen, objid,
			    qpdf_oh_get_generation(q, node), &fresh))
				return cp__error_set(c->err, CP_ENOMEM, NULL, 0,
				    0, "out of memory");
			if (!fresh)
				break;
		}
		c->imported++;
		in_title = qpdf_oh_get_key(q, node, "/Title");
		if (qpdf_oh_is_string(q, in_title)) {
			s = qpdf_oh_get_binary_string_value(q, in_title, &len);
			/* The bytes as they are: PDFDocEncoding or UTF-16
			 * means the same in the output. */
			title = qpdf_oh_new_binary_string(c->out, s, len);
		} else {
			title = qpdf_oh_new_unicode_string(c->out, "");
		}
		arr = item_dest(q, node);
		idx = arr != 0 ? dest_page(src, arr) : -1;
		if (!cp__qpdf_ok(q))
			idx = -1;
		target = first_page;
		if (idx >= 0 && (size_t)idx < src->npages &&
		    first_page + (size_t)idx < c->a->npages)
			target = first_page + (size_t)idx;
		else
			arr = 0;
		item = outline_item(c->out, parent, k, title,
		    mapped_dest(c, src, arr, target));
		cp__qpdf_ok(q);
		memset(&ck, 0, sizeof(ck));
		if (depth < IMPORT_MAX_DEPTH &&
		    (rc = import_items(c, src, item,
		    dict_get(q, node, "/First"), first_page, depth + 1,
		    &ck)) != CP_OK)
			return rc;
		outline_finish(c->out, item, &ck, false);
		k->visible++;
		if ((rc = check_out(c, "cannot copy an input's bookmarks")) !=
		    CP_OK)
			return rc;
		node = dict_get(q, node, "/Next");
	}
	cp__qpdf_ok(q);
	return CP_OK;
}

/* Builds the caller's items under `parent`.  An item with children of
 * its own is open: the bundle's structure is what the reader looks for;
 * an item holding only imported bookmarks stays closed. */
static int
build_outline(asm_ctx *c, qpdf_oh parent, const cp__outline *items,
    size_t n, kid_list *k)
{
	const cp__outline *it;
	const src_doc *src;
	qpdf_oh item, first;
	kid_list ck;
	size_t i;
	bool open;
	int rc;

	for (i = 0; i < n; i++) {
		it = &items[i];
		item = outline_item(c->out, parent, k,
		    qpdf_oh_new_unicode_string(c->out,
		    it->title != NULL ? it->title : ""), fit_dest(c, it->page));
		memset(&ck, 0, sizeof(ck));
		if ((rc = build_outline(c, item, it->children, it->nchildren,
		    &ck)) != CP_OK)
			return rc;
		if (it->import_input >= 0) {
			src = &c->in[it->import_input];
			first = dict_get(src->q, dict_get(src->q,
			    qpdf_get_root(src->q), "/Outlines"), "/First");
			c->seen.len = 0;
			if (c->seen.slot != NULL)
				memset(c->seen.slot, 0, c->seen.cap *
				    sizeof(*c->seen.slot));
			c->imported = 0;
			if ((rc = import_items(c, src, item, first,
			    it->import_first_page, 1, &ck)) != CP_OK)
				return rc;
		}
		open = it->nchildren > 0;
		outline_finish(c->out, item, &ck, open);
		k->visible += 1 + (open ? ck.visible : 0);
		if ((rc = check_out(c, "cannot build the outline")) != CP_OK)
			return rc;
	}
	return CP_OK;
}

static int
add_outline(asm_ctx *c)
{
	qpdf_data q = c->out;
	qpdf_oh root, outlines;
	kid_list k;
	int rc;

	if (c->a->noutline == 0)
		return CP_OK;
	outlines = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	qpdf_oh_replace_key(q, outlines, "/Type",
	    qpdf_oh_new_name(q, "/Outlines"));
	memset(&k, 0, sizeof(k));
	if ((rc = build_outline(c, outlines, c->a->outline, c->a->noutline,
	    &k)) != CP_OK)
		return rc;
	outline_finish(q, outlines, &k, true);
	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Outlines", outlines);
	qpdf_oh_replace_key(q, root, "/PageMode",
	    qpdf_oh_new_name(q, "/UseOutlines"));
	return check_out(c, "cannot build the outline");
}

/* ---- page labels, attachments, info ----------------------------------- */

static int
add_page_labels(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_data q = c->out;
	qpdf_oh nums = qpdf_oh_new_array(q), d, labels;

	if (a->cover_pages > 0) {
		d = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, d, "/P", qpdf_oh_new_string(q, "Cover"));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, nums, d);
	}
	if (a->index_pages > 0) {
		d = qpdf_oh_new_dictionary(q);
		if (a->index_pages == 1) {
			qpdf_oh_replace_key(q, d, "/P",
			    qpdf_oh_new_string(q, "Index"));
		} else {
			qpdf_oh_replace_key(q, d, "/P",
			    qpdf_oh_new_string(q, "Index-"));
			qpdf_oh_replace_key(q, d, "/S",
			    qpdf_oh_new_name(q, "/D"));
		}
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q,
		    (long long)a->cover_pages));
		qpdf_oh_append_item(q, nums, d);
	}
	if (a->cover_pages + a->index_pages < a->npages) {
		d = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, d, "/S", qpdf_oh_new_name(q, "/D"));
		qpdf_oh_replace_key(q, d, "/St", qpdf_oh_new_integer(q, 1));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q,
		    (long long)(a->cover_pages + a->index_pages)));
		qpdf_oh_append_item(q, nums, d);
	}
	labels = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, labels, "/Nums", nums);
	qpdf_oh_replace_key(q, qpdf_get_root(q), "/PageLabels", labels);
	return check_out(c, "cannot add the page labels");
}

/* An attachment's key in the /EmbeddedFiles name tree. */
typedef struct {
	qpdf_oh key;
	char *bytes;    /* the key as encoded in the PDF: the sort order */
	size_t len;
	size_t index;   /* in a->attachments */
} att_key;

static int
cmp_att_key(const void *pa, const void *pb)
{
	const att_key *a = pa, *b = pb;

	return cmp_bytes(a->bytes, a->len, b->bytes, b->len);
}

/* The /Filespec of one attachment, with its /EmbeddedFile stream. */
static qpdf_oh
filespec(qpdf_data q, const cp__attachment *at)
{
	qpdf_oh fs, ef, stream, sdict, params;
	char *mime;
	size_t len;

	stream = new_stream(q, at->data, at->len);
	sdict = qpdf_oh_get_dict(q, stream);
	qpdf_oh_replace_key(q, sdict, "/Type",
	    qpdf_oh_new_name(q, "/EmbeddedFile"));
	if (at->mime != NULL && at->mime[0] != '\0') {
		/* libqpdf writes the '/' inside the name as #2f. */
		len = strlen(at->mime);
		if ((mime = malloc(len + 2)) != NULL) {
			mime[0] = '/';
			memcpy(mime + 1, at->mime, len + 1);
			qpdf_oh_replace_key(q, sdict, "/Subtype",
			    qpdf_oh_new_name(q, mime));
			free(mime);
		}
	}
	params = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, params, "/Size",
	    qpdf_oh_new_integer(q, (long long)at->len));
	qpdf_oh_replace_key(q, sdict, "/Params", params);

	fs = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	qpdf_oh_replace_key(q, fs, "/Type", qpdf_oh_new_name(q, "/Filespec"));
	qpdf_oh_replace_key(q, fs, "/F",
	    qpdf_oh_new_unicode_string(q, at->name));
	qpdf_oh_replace_key(q, fs, "/UF",
	    qpdf_oh_new_unicode_string(q, at->name));
	if (at->description != NULL)
		qpdf_oh_replace_key(q, fs, "/Desc",
		    qpdf_oh_new_unicode_string(q, at->description));
	ef = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, ef, "/F", stream);
	qpdf_oh_replace_key(q, fs, "/EF", ef);
	return fs;
}

static int
add_attachments(asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_data q = c->out;
	qpdf_oh names, tree, catalog_names, root;
	att_key *keys;
	const char *s;
	size_t i, len;
	int rc = CP_OK;

	if (a->nattachments == 0)
		return CP_OK;
	if ((keys = calloc(a->nattachments, sizeof(*keys))) == NULL)
		return cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < a->nattachments; i++) {
		keys[i].index = i;
		keys[i].key = qpdf_oh_new_unicode_string(q,
		    a->attachments[i].name);
		s = qpdf_oh_get_binary_string_value(q, keys[i].key, &len);
		if ((keys[i].bytes = malloc(len + 1)) == NULL) {
			rc = cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
			goto done;
		}
		memcpy(keys[i].bytes, s, len);
		keys[i].len = len;
	}
	/* Name tree keys must be sorted, bytewise, and unique. */
	qsort(keys, a->nattachments, sizeof(*keys), cmp_att_key);
	for (i = 1; i < a->nattachments; i++)
		if (cmp_att_key(&keys[i - 1], &keys[i]) == 0) {
			rc = cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "two attachments are named \"%s\"",
			    a->attachments[keys[i].index].name);
			goto done;
		}
	names = qpdf_oh_new_array(q);
	for (i = 0; i < a->nattachments; i++) {
		qpdf_oh_append_item(q, names, keys[i].key);
		qpdf_oh_append_item(q, names,
		    filespec(q, &a->attachments[keys[i].index]));
	}
	tree = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, tree, "/Names", names);
	root = qpdf_get_root(q);
	catalog_names = copy_dict(q, dict_get(q, root, "/Names"));
	qpdf_oh_replace_key(q, catalog_names, "/EmbeddedFiles", tree);
	qpdf_oh_replace_key(q, root, "/Names", catalog_names);
	rc = check_out(c, "cannot add the attachments");
done:
	for (i = 0; i < a->nattachments; i++)
		free(keys[i].bytes);
	free(keys);
	return rc;
}

static int
add_info(asm_ctx *c)
{
	qpdf_data q = c->out;
	qpdf_oh info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));

	/* qpdf_set_info_key() would store UTF-8 bytes as PDFDocEncoding;
	 * text strings are built here instead.  No dates, so that the same
	 * inputs give the same bytes. */
	if (c->a->title != NULL)
		qpdf_oh_replace_key(q, info, "/Title",
		    qpdf_oh_new_unicode_string(q, c->a->title));
	if (c->a->subject != NULL)
		qpdf_oh_replace_key(q, info, "/Subject",
		    qpdf_oh_new_unicode_string(q, c->a->subject));
	qpdf_oh_replace_key(q, info, "/Creator",
	    qpdf_oh_new_unicode_string(q, "claimpack"));
	qpdf_oh_replace_key(q, info, "/Producer",
	    qpdf_oh_new_unicode_string(q, "claimpack " CP_VERSION));
	qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", info);
	return check_out(c, "cannot set the document information");
}

/* ---- writing ------------------------------------------------------------ */

/* Raises `*major.*minor` (and *ext) to `q`'s version: the output must
 * declare at least what any page copied into it uses. */
static void
max_version(qpdf_data q, int *major, int *minor, int *ext)
{
	const char *v;
	int ma = 0, mi = 0, e;

	if (q == NULL)
		return;
	v = qpdf_get_pdf_version(q);
	if (v == NULL || sscanf(v, "%d.%d", &ma, &mi) != 2 || ma < 1 ||
	    ma > 9 || mi < 0 || mi > 9)
		return;
	e = qpdf_get_pdf_extension_level(q);
	if (ma > *major || (ma == *major && mi > *minor)) {
		*major = ma;
		*minor = mi;
		*ext = e;
	} else if (ma == *major && mi == *minor && e > *ext) {
		*ext = e;
	}
}

/*
 * Overwrites both strings of the /ID [<...><...>] in the dictionary that
 * startxref points at (the xref stream's, or after it the trailer) with
 * `hex` (32 hex digits, as long as qpdf's), so no offset moves.  Returns
 * 0, or -1 when the file cannot be patched.
 */
static int
set_id(const char *path, const char *hex)
{
	char buf[4097], *at, *p;
	long size, start, from;
	size_t got;
	FILE *f;
	int i, rc = -1;

	if (strlen(hex) != 32 || (f = fopen(path, "r+b")) == NULL)
		return -1;
	/* "startxref\nOFFSET\n%%EOF" ends the file. */
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 64 ||
	    fseek(f, size - 64, SEEK_SET) != 0 ||
	    (got = fread(buf, 1, 64, f)) != 64)
		goto done;
	buf[64] = '\0';
	/* The bytes before it may be binary (a stream's end): no strstr. */
	for (p = NULL, i = 0; i + 9 <= 64; i++)
		if (memcmp(buf + i, "startxref", 9) == 0)
			p = buf + i;
	if (p == NULL || (start = strtol(p + 9, NULL, 10)) <= 0 ||
	    start >= size)
		goto done;
	for (from = start; from < size; from += 4096 - 64) {
		if (fseek(f, from, SEEK_SET) != 0 ||
		    (got = fread(buf, 1, 4096, f)) == 0)
			goto done;
		buf[got] = '\0';
		for (at = NULL, p = buf; (p = memchr(p, '/', got -
		    (size_t)(p - buf))) != NULL; p++)
			if (strncmp(p, "/ID [<", 6) == 0) {
				at = p + 5;
				break;
			}
		if (at != NULL)
			break;
		if (from + (long)got >= size || from - start > 1 << 20)
			goto done;
	}
	if (at == NULL)
		goto done;
	for (i = 0; i < 2; i++, at += 34) {
		if (at + 34 > buf + got || at[0] != '<' || at[33] != '>')
			goto done;
		if (fseek(f, from + (long)(at + 1 - buf), SEEK_SET) != 0 ||
		    fwrite(hex, 1, 32, f) != 32)
			goto done;
	}
	rc = 0;
done:
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int
write_out(asm_ctx *c)
{
	qpdf_data q = c->out;
	/* 1.7 for /UF in file specifications. */
	int major = 1, minor = 7, ext = 0;
	char version[16];
	size_t i;

	max_version(c->gen.q, &major, &minor, &ext);
	for (i = 0; i < c->a->ninputs; i++)
		max_version(c->in[i].q, &major, &minor, &ext);
	snprintf(version, sizeof(version), "%d.%d", major, minor);

	if (qpdf_init_write(q, c->a->out_path) & QPDF_ERRORS)
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot create the bundle");
	/* The deterministic /ID costs an MD5 over the whole output (a fifth
	 * of a large build); a caller who knows what makes the file unique
	 * gives that instead, written over qpdf's fixed ID below. */
	if (c->a->id_hex != NULL)
		qpdf_set_static_ID(q, QPDF_TRUE);
	else
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_minimum_pdf_version_and_extension(q, version, ext);
	if (qpdf_has_error(q))
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot set up the writer");
	/* Copied stream data is read from the sources now. */
	if (qpdf_write(q) & QPDF_ERRORS)
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot write the bundle");
	if (c->a->id_hex != NULL && set_id(c->a->out_path, c->a->id_hex) != 0)
		return cp__error_set(c->err, CP_EIO, c->a->out_path, 0, 0,
		    "cannot write the bundle's /ID");
	return CP_OK;
}

/* ---- entry point -------------------------------------------------------- */

int
cp__assemble_write(const cp__assembly *a, cp_error *err)
{
	asm_ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.err = err;
	if (a == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "no assembly was given");
	if ((rc = check_arguments(&c)) != CP_OK)
		return rc;
	if ((a->ninputs > 0 &&
	    (c.in = calloc(a->ninputs, sizeof(*c.in))) == NULL) ||
	    (c.page = calloc(a->npages, sizeof(*c.page))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if ((rc = open_sources(&c)) != CP_OK ||
	    (rc = check_pages(&c)) != CP_OK)
		goto done;
	if (c.gen.npages > 0 &&
	    (c.stamp = calloc(c.gen.npages, sizeof(*c.stamp))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
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
	    (rc = fix_input_links(&c)) != CP_OK ||
	    (rc = stamp_pages(&c)) != CP_OK ||
	    (rc = add_links(&c)) != CP_OK ||
	    (rc = add_outline(&c)) != CP_OK ||
	    (rc = add_page_labels(&c)) != CP_OK ||
	    (rc = add_attachments(&c)) != CP_OK ||
	    (rc = add_info(&c)) != CP_OK)
		goto done;
	rc = write_out(&c);
done:
	/* The output refers to the sources' stream data until it is
	 * written, so it goes first. */
	cp__qpdf_close(&c.out);
	cp__qpdf_close(&c.gen.q);
	for (i = 0; c.in != NULL && i < a->ninputs; i++)
		cp__qpdf_close(&c.in[i].q);
	free(c.in);
	free(c.page);
	free(c.stamp);
	free(c.seen.slot);
	return rc;
}
