/* qpdf_input_int.h - a claim's PDF read by libqpdf from memory.  Private
 * to pdf/. */
#ifndef CP_QPDF_INPUT_INT_H
#define CP_QPDF_INPUT_INT_H

#include <qpdf/qpdf-c.h>

#include "util/infile.h"

/*
 * Reads the PDF at `path` into `q` as qpdf_read() does, but from the
 * file mapped into memory (util/infile.h), so that a claim's file is
 * not opened again by libqpdf however often it is read, and its page
 * data is never copied into a buffer of claimpack's.  `m` holds the
 * map, which must outlive `q`: release it (cp__inmap_release) after
 * cp__qpdf_close().  A file that cannot be mapped is read by name, so
 * that libqpdf says why it cannot be read.  Returns what qpdf_read
 * returns.
 */
QPDF_ERROR_CODE cp__qpdf_read_input(qpdf_data q, const char *path,
    cp__inmap *m);

#endif
