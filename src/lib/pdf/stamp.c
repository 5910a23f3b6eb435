/* stamp.c - the stamp boxes on the input pages.
 *
 * The renderer draws each input page's footer (claim reference, document
 * and page number) as a page of the generated PDF, stamp_width x
 * stamp_height points.  Those pages are never added to the output: each
 * becomes a Form XObject that the input pages draw, at the bottom centre
 * of the page as the reader sees it (after its crop box and /Rotate),
 * scaled down on a page too narrow for it.
 *
 * Nothing in a page's content may undo or swallow the stamp.  Each page
 * is read first in its source (page_content_int.h): a whole page keeps
 * its own content streams (no copy in memory) between claimpack's q and
 * as many Q as it needs; a damaged one is drawn from a form XObject that
 * holds its content decoded (add_wrapped_content()).
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/page_content_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/error.h"

/* The stamp box sits this far above the visible bottom edge ... */
#define STAMP_LIFT 6.0
/* ... and is scaled down when the page (as seen) is narrower than the
 * box plus this margin on each side. */
#define STAMP_MARGIN 12.0

/* What stamping the pages makes once and shares between pages. */
typedef struct {
	cp__asm_ctx *c;
	qpdf_oh *form;      /* generated page i as a form XObject, or 0 */
	qpdf_oh q_stream;   /* the shared "q" content stream, or 0 */
} stamper;

/* Reads a rectangle [llx lly urx ury] (corners in either order). */
static bool
read_box(qpdf_data q, qpdf_oh page, const char *key, double box[4])
{
	qpdf_oh arr = cp__oh_dict_get(q, page, key);
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

int
cp__asm_page_rotation(qpdf_data q, qpdf_oh page)
{
	qpdf_oh r = cp__oh_dict_get(q, page, "/Rotate");
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
stamp_xobject(stamper *st, int s, qpdf_oh *out)
{
	cp__asm_ctx *c = st->c;
	const cp__assembly *a = c->a;
	qpdf_data g = c->gen.q;
	qpdf_oh page, form, dict, bbox, res;
	unsigned char *data = NULL;
	size_t len = 0;
	char what[64];

	if (st->form[s] != 0) {
		*out = st->form[s];
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
	form = cp__oh_new_stream(g, data, len);
	free(data);
	dict = qpdf_oh_get_dict(g, form);
	qpdf_oh_replace_key(g, dict, "/Type", qpdf_oh_new_name(g, "/XObject"));
	qpdf_oh_replace_key(g, dict, "/Subtype", qpdf_oh_new_name(g, "/Form"));
	bbox = qpdf_oh_new_array(g);
	qpdf_oh_append_item(g, bbox, qpdf_oh_new_integer(g, 0));
	qpdf_oh_append_item(g, bbox, qpdf_oh_new_integer(g, 0));
	qpdf_oh_append_item(g, bbox, cp__oh_new_number(g, a->stamp_width));
	qpdf_oh_append_item(g, bbox, cp__oh_new_number(g, a->stamp_height));
	qpdf_oh_replace_key(g, dict, "/BBox", bbox);
	res = cp__oh_dict_get(g, page, "/Resources");
	qpdf_oh_replace_key(g, dict, "/Resources",
	    qpdf_oh_is_dictionary(g, res) ? res : qpdf_oh_new_dictionary(g));
	if (qpdf_has_error(g))
		return cp__qpdf_fail(c->err, g, NULL, what);
	*out = qpdf_oh_copy_foreign_object(c->out, g, form);
	if (qpdf_has_error(g))
		return cp__qpdf_fail(c->err, g, NULL, what);
	if (qpdf_has_error(c->out))
		return cp__qpdf_fail(c->err, c->out, NULL, what);
	st->form[s] = *out;
	return CP_OK;
}

/* Gives `page` a /Resources of its own whose /XObject holds `xobj` under
 * an unused name (`prefix` and a number), written to `name`.  The old
 * dictionaries may be shared with other pages (through the page tree or
 * a shared object), so they are copied one level deep, never changed. */
static void
add_xobject(qpdf_data q, qpdf_oh page, qpdf_oh xobj, const char *prefix,
    char *name, size_t size)
{
	qpdf_oh res, xo;
	unsigned n;

	res = cp__oh_copy_dict(q, cp__oh_dict_get(q, page, "/Resources"));
	xo = cp__oh_copy_dict(q, cp__oh_dict_get(q, res, "/XObject"));

	for (n = 0;; n++) {
		snprintf(name, size, "%s%u", prefix, n);
		if (!qpdf_oh_has_key(q, xo, name))
			break;
	}
	qpdf_oh_replace_key(q, xo, name, xobj);
	qpdf_oh_replace_key(q, res, "/XObject", xo);
	qpdf_oh_replace_key(q, page, "/Resources", res);
}

/* "q a b c d e f cm /CPStampN Do Q\n": the stamp, drawn through `m`. */
static void
stamp_ops(char *buf, size_t size, const double m[6], const char *name)
{
	char num[6][48];
	int i;

	for (i = 0; i < 6; i++)
		cp__pdf_format_number(num[i], sizeof(num[i]), m[i]);
	snprintf(buf, size, "q %s %s %s %s %s %s cm %s Do Q\n",
	    num[0], num[1], num[2], num[3], num[4], num[5], name);
}

/*
 * A page whose content is whole (page_content_int.h): its own content
 * streams are kept as they are, wrapped in q ... Q so that whatever
 * state they leave behind cannot move the stamp, and the stamp is drawn
 * after them.  The closing stream ends a text object the page left open
 * and closes every q it left open before its own Q.  Items of /Contents
 * that are not streams are dropped, as libqpdf and viewers ignore them.
 */
static void
add_stamp_content(stamper *st, qpdf_oh page, const cp__page_content *scan,
    const double m[6], const char *name)
{
	static const char q_op[] = "q\n";
	qpdf_data q = st->c->out;
	qpdf_oh old = cp__oh_dict_get(q, page, "/Contents");
	qpdf_oh arr = qpdf_oh_new_array(q), item;
	char tail[(CP__PAGE_MAX_OPEN_Q + 1) * 2 + 512];
	size_t len;
	uint64_t k;
	int i, n;

	if (st->q_stream == 0)
		st->q_stream = cp__oh_new_stream(q, q_op, sizeof(q_op) - 1);
	qpdf_oh_append_item(q, arr, st->q_stream);
	if (qpdf_oh_is_array(q, old)) {
		n = qpdf_oh_get_array_n_items(q, old);
		for (i = 0; i < n; i++) {
			item = qpdf_oh_get_array_item(q, old, i);
			if (qpdf_oh_is_stream(q, item))
				qpdf_oh_append_item(q, arr, item);
		}
	} else if (qpdf_oh_is_stream(q, old)) {
		qpdf_oh_append_item(q, arr, old);
	}
	/* The leading newline ends a last token the page left unfinished
	 * (a number, an operator, a comment). */
	snprintf(tail, sizeof(tail), "\n%s", scan->open_text ? "ET\n" : "");
	len = strlen(tail);
	for (k = 0; k <= scan->open_q && k <= CP__PAGE_MAX_OPEN_Q; k++) {
		memcpy(tail + len, "Q\n", 2);
		len += 2;
	}
	stamp_ops(tail + len, sizeof(tail) - len, m, name);
	len += strlen(tail + len);
	qpdf_oh_append_item(q, arr, cp__oh_new_stream(q, tail, len));
	qpdf_oh_replace_key(q, page, "/Contents", arr);
}

/*
 * A page whose content could undo or swallow what is drawn after it (a
 * stray Q, a string or inline image left open, data that cannot be
 * decoded): its content, decoded as far as it can be read, becomes a
 * form XObject of its own, with the page's resources (`res`, taken
 * before the stamp was added to them) and its media box.  The page
 * draws that form and then the stamp.  Whatever the form does, a
 * viewer restores the graphics state after it, and its tokens end with
 * its stream.
 */
static int
add_wrapped_content(stamper *st, qpdf_oh page, qpdf_data src, qpdf_oh from,
    qpdf_oh res, const double m[6], const char *name)
{
	qpdf_data q = st->c->out;
	qpdf_oh form, dict, bbox;
	unsigned char *data;
	size_t len;
	double box[4];
	char form_name[32], ops[512];
	int k, n;

	if (cp__page_content_salvage(&data, &len, src, from) != 0)
		return cp__error_set(st->c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	form = cp__oh_new_stream(q, data, len);
	free(data);
	dict = qpdf_oh_get_dict(q, form);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/XObject"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Form"));
	if (!read_box(q, page, "/MediaBox", box)) {
		box[0] = 0;
		box[1] = 0;
		box[2] = 612;
		box[3] = 792;
	}
	bbox = qpdf_oh_new_array(q);
	for (k = 0; k < 4; k++)
		qpdf_oh_append_item(q, bbox, cp__oh_new_number(q, box[k]));
	qpdf_oh_replace_key(q, dict, "/BBox", bbox);
	qpdf_oh_replace_key(q, dict, "/Resources",
	    qpdf_oh_is_dictionary(q, res) ? res : qpdf_oh_new_dictionary(q));
	add_xobject(q, page, form, "/CPPage", form_name, sizeof(form_name));
	n = snprintf(ops, sizeof(ops), "q %s Do Q\n", form_name);
	stamp_ops(ops + n, sizeof(ops) - (size_t)n, m, name);
	qpdf_oh_replace_key(q, page, "/Contents",
	    cp__oh_new_stream(q, ops, strlen(ops)));
	return CP_OK;
}

/* Output page i as it is in its source: the document (*src) and the
 * page there (*from). */
static void
source_page(cp__asm_ctx *c, size_t i, qpdf_data *src, qpdf_oh *from)
{
	const cp__out_page *p = &c->a->pages[i];

	*src = p->source == CP__FROM_GENERATED ? c->gen.q :
	    c->in[p->source].q;
	*from = qpdf_get_page_n(*src, p->page);
	/* The page was copied from there, so this cannot fail; if it
	 * did, a null page reads as a blank one. */
	if (!cp__qpdf_ok(*src))
		*from = qpdf_oh_new_null(*src);
}

int
cp__asm_stamp_pages(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	stamper st;
	cp__page_content scan;
	qpdf_data src;
	qpdf_oh xobj = 0, res, from;
	double box[4], m[6];
	char name[32], what[64];
	size_t i;
	int rc = CP_OK;

	memset(&st, 0, sizeof(st));
	st.c = c;
	if (c->gen.npages > 0 &&
	    (st.form = calloc(c->gen.npages, sizeof(*st.form))) == NULL)
		return cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].stamp < 0)
			continue;
		if ((rc = stamp_xobject(&st, a->pages[i].stamp, &xobj)) !=
		    CP_OK)
			break;
		visible_box(c->out, c->page[i], box);
		stamp_matrix(box, cp__asm_page_rotation(c->out, c->page[i]),
		    a->stamp_width, m);
		source_page(c, i, &src, &from);
		if (cp__page_content_scan(&scan, src, from) != 0) {
			rc = cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
			break;
		}
		res = cp__oh_dict_get(c->out, c->page[i], "/Resources");
		add_xobject(c->out, c->page[i], xobj, "/CPStamp", name,
		    sizeof(name));
		if (!scan.wrap)
			add_stamp_content(&st, c->page[i], &scan, m, name);
		else if ((rc = add_wrapped_content(&st, c->page[i], src, from,
		    res, m, name)) != CP_OK)
			break;
		/* Its content was read: its source's mapped pages may
		 * leave memory (util/infile.h). */
		if (a->pages[i].source >= 0)
			cp__inmap_forget_pages(&c->in[a->pages[i].source].map);
		snprintf(what, sizeof(what), "cannot stamp page %zu", i + 1);
		if ((rc = cp__qpdf_check(c->err, c->out, a->out_path,
		    what)) != CP_OK)
			break;
	}
	free(st.form);
	return rc;
}
