/* qpdf_input.c - a claim's PDF read by libqpdf from memory
 * (qpdf_input_int.h). */
#include "pdf/qpdf_input_int.h"

QPDF_ERROR_CODE
cp__qpdf_read_input(qpdf_data q, const char *path, cp__inmap *m)
{
	/* libqpdf wraps the bytes without copying them, and names the
	 * file in its messages by `path`, as qpdf_read() would. */
	if (cp__inmap_open(m, path) == 0 && m->len > 0)
		return qpdf_read_memory(q, path, (const char *)m->data, m->len,
		    "");
	cp__inmap_release(m);
	return qpdf_read(q, path, "");
}
