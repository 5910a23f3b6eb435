/* signatures.c - the digital signatures of input PDFs, dropped from their
 * copied pages.
 *
 * A signature covers the bytes of the file it was made in (/ByteRange);
 * once its page is copied into the bundle those bytes are gone, and a
 * viewer that finds the signature value on the copied widget reports
 * "signature invalid" or "document altered", which a claims handler may
 * take for a forged invoice.  The bundle therefore keeps each signature
 * widget and its appearance (the seal picture stays on the page) but not
 * its value: the field reads as unsigned, and the signed original is
 * attached to the bundle unchanged (bundle/originals.c), where the
 * signature can still be verified.
 */
#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/qpdf_error_int.h"

/* How far up a widget's /Parent chain its field type is looked for. */
#define MAX_DEPTH 32

/* The signature field of widget `w` in `q` (itself or an ancestor whose
 * /FT is /Sig and that has a /V), or 0. */
static qpdf_oh
signed_field(qpdf_data q, qpdf_oh w)
{
	qpdf_oh node = w;
	int depth;

	for (depth = 0; depth < MAX_DEPTH &&
	    qpdf_oh_is_dictionary(q, node); depth++) {
		if (qpdf_oh_has_key(q, node, "/FT"))
			return qpdf_oh_is_name_and_equals(q,
			    cp__oh_dict_get(q, node, "/FT"), "/Sig") &&
			    qpdf_oh_has_key(q, node, "/V") ? node : 0;
		node = cp__oh_dict_get(q, node, "/Parent");
	}
	return 0;
}

int
cp__asm_unsign_pages(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_data out = c->out;
	qpdf_oh annots, w, field;
	size_t i;
	int j, n;

	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].source < 0)
			continue;
		annots = cp__oh_dict_get(out, c->page[i], "/Annots");
		if (!qpdf_oh_is_array(out, annots))
			continue;
		n = qpdf_oh_get_array_n_items(out, annots);
		for (j = 0; j < n; j++) {
			w = qpdf_oh_get_array_item(out, annots, j);
			if (!qpdf_oh_is_name_and_equals(out,
			    cp__oh_dict_get(out, w, "/Subtype"), "/Widget"))
				continue;
			if ((field = signed_field(out, w)) != 0)
				qpdf_oh_remove_key(out, field, "/V");
		}
		if (qpdf_has_error(out))
			return cp__qpdf_fail(c->err, out, NULL, "cannot copy "
			    "the signature fields of the bundle's pages");
	}
	return CP_OK;
}
