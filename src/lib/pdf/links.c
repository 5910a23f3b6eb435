/* links.c - the links of the bundle: the index's links to the papers,
 * and the input pages' own links, pointed at the bundle's pages. */
#include <stddef.h>

#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/qpdf_error_int.h"

int
cp__asm_add_links(cp__asm_ctx *c)
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
		qpdf_oh_append_item(q, rect, cp__oh_new_number(q,
		    l->x0 < l->x1 ? l->x0 : l->x1));
		qpdf_oh_append_item(q, rect, cp__oh_new_number(q,
		    l->y0 < l->y1 ? l->y0 : l->y1));
		qpdf_oh_append_item(q, rect, cp__oh_new_number(q,
		    l->x0 < l->x1 ? l->x1 : l->x0));
		qpdf_oh_append_item(q, rect, cp__oh_new_number(q,
		    l->y0 < l->y1 ? l->y1 : l->y0));
		qpdf_oh_replace_key(q, annot, "/Rect", rect);
		border = qpdf_oh_new_array(q);
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, border, qpdf_oh_new_integer(q, 0));
		qpdf_oh_replace_key(q, annot, "/Border", border);
		qpdf_oh_replace_key(q, annot, "/Dest",
		    cp__asm_fit_dest(c, l->target));
		/* A fresh array: an input's /Annots may be shared. */
		annots = cp__oh_copy_array(q, cp__oh_dict_get(q,
		    c->page[l->page], "/Annots"));
		qpdf_oh_append_item(q, annots, annot);
		qpdf_oh_replace_key(q, c->page[l->page], "/Annots", annots);
	}
	return cp__qpdf_check(c->err, q, a->out_path,
	    "cannot add the index links");
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
int
cp__asm_fix_input_links(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	const cp__asm_source *src;
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
		in_annots = cp__oh_dict_get(q, qpdf_get_page_n(q,
		    a->pages[i].page), "/Annots");
		out_annots = cp__oh_dict_get(out, c->page[i], "/Annots");
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
			if (!qpdf_oh_is_name_and_equals(q,
			    cp__oh_dict_get(q, ia, "/Subtype"), "/Link") ||
			    !qpdf_oh_is_dictionary(out, oa))
				continue;
			arr = cp__asm_item_dest(q, ia);
			idx = arr != 0 ? cp__asm_dest_page(src, arr) : -1;
			if (!cp__qpdf_ok(q) || idx < 0 ||
			    (target = output_page_of(a, a->pages[i].source,
			    (size_t)idx)) < 0)
				continue;
			d = cp__asm_mapped_dest(c, src, arr, (size_t)target);
			cp__qpdf_ok(q);
			if (qpdf_oh_has_key(out, oa, "/Dest")) {
				qpdf_oh_replace_key(out, oa, "/Dest", d);
			} else {
				/* A fresh action: the old one may be shared. */
				act = cp__oh_copy_dict(out,
				    cp__oh_dict_get(out, oa, "/A"));
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
