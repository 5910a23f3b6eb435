/* cmyk_fix.c - the /Decode array of CMYK JPEG images (see cmyk_fix.h). */
#include <stdbool.h>
#include <stdlib.h>

#include "input/image.h"
#include "pdf/cmyk_fix.h"
#include "pdf/objects_int.h"

/* Whether `filter` is /DCTDecode alone, as a name or a one-item array:
 * then the stream's bytes are the JPEG file itself. */
static bool
is_dct_only(qpdf_data q, qpdf_oh filter)
{
	if (qpdf_oh_is_array(q, filter)) {
		if (qpdf_oh_get_array_n_items(q, filter) != 1)
			return false;
		filter = qpdf_oh_get_array_item(q, filter, 0);
	}
	return qpdf_oh_is_name_and_equals(q, filter, "/DCTDecode");
}

/* Sets the /Decode array of the image XObject `image` from its JPEG
 * header, when it is a CMYK JPEG. */
static void
fix_image(qpdf_data q, qpdf_oh image)
{
	cp__image_info info;
	unsigned char *data = NULL;
	qpdf_oh dict, decode;
	size_t len = 0;
	int i;

	if (!qpdf_oh_is_stream(q, image))
		return;
	dict = qpdf_oh_get_dict(q, image);
	if (!qpdf_oh_is_name_and_equals(q,
	    cp__oh_dict_get(q, dict, "/Subtype"), "/Image") ||
	    !qpdf_oh_is_name_and_equals(q,
	    cp__oh_dict_get(q, dict, "/ColorSpace"), "/DeviceCMYK") ||
	    !is_dct_only(q, cp__oh_dict_get(q, dict, "/Filter")))
		return;
	/* The raw bytes: a JPEG file, which only its header is read of. */
	if (qpdf_oh_get_stream_data(q, image, qpdf_dl_none, NULL, &data,
	    &len) & QPDF_ERRORS)
		return;
	if (cp__image_probe_memory(&info, data, len, NULL, 0) == 0 &&
	    info.cmyk) {
		if (info.adobe) {
			decode = qpdf_oh_new_array(q);
			for (i = 0; i < 8; i++)
				qpdf_oh_append_item(q, decode,
				    qpdf_oh_new_integer(q, i % 2 == 0));
			qpdf_oh_replace_key(q, dict, "/Decode", decode);
		} else {
			qpdf_oh_remove_key(q, dict, "/Decode");
		}
	}
	free(data);
}

int
cp__cmyk_fix(qpdf_data q)
{
	qpdf_oh page, xobjects;
	int n, i;

	n = qpdf_get_num_pages(q);
	for (i = 0; i < n; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		xobjects = cp__oh_dict_get(q,
		    cp__oh_dict_get(q, page, "/Resources"), "/XObject");
		if (!qpdf_oh_is_dictionary(q, xobjects))
			continue;
		/* fix_image() does not iterate over a dictionary, so the
		 * key iterator stays valid. */
		qpdf_oh_begin_dict_key_iter(q, xobjects);
		while (qpdf_oh_dict_more_keys(q))
			fix_image(q, qpdf_oh_get_key(q, xobjects,
			    qpdf_oh_dict_next_key(q)));
	}
	return qpdf_has_error(q) ? -1 : 0;
}
