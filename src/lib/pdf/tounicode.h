/* tounicode.h - mending libharu's text-extraction maps.  Private. */
#ifndef CP_TOUNICODE_H
#define CP_TOUNICODE_H

#include <qpdf/qpdf-c.h>

/*
 * libharu 2.3.0, drawing with its UTF-8 encoder, writes each font's
 * /ToUnicode stream as a copy of its encoding CMap ("begincidrange"),
 * which is not a ToUnicode map: viewers warn, and some extract garbage
 * when text is copied or searched.  Its character codes are the text's
 * Unicode code points (two bytes, BMP), so the right map is the identity.
 * This replaces every such stream among the fonts of `q`'s pages.
 * Returns 0, or -1 when libqpdf reports an error.
 */
int cp__tounicode_mend(qpdf_data q);

#endif
