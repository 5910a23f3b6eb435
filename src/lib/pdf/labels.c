/* labels.c - the page labels viewers show instead of page numbers:
 * "Cover", "Index" (or "Index-1", "Index-2"...), then the papers from 1. */
#include "pdf/assemble_int.h"
#include "pdf/qpdf_error_int.h"

int
cp__asm_add_page_labels(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_data q = c->out;
	qpdf_oh nums = qpdf_oh_new_array(q), d, labels;

	if (a->cover_pages > 0) {
		d = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, d, "/P",
		    qpdf_oh_new_string(q, "Cover"));
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
	return cp__qpdf_check(c->err, q, a->out_path,
	    "cannot add the page labels");
}
