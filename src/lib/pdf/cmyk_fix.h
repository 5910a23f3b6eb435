/* cmyk_fix.h - drawing CMYK JPEGs in their own colours.  Private.
 *
 * A CMYK JPEG holds its ink one of two ways.  Photoshop, and most tools
 * after it, write an Adobe APP14 marker and store the ink inverted (0 is
 * full ink); every JPEG reader that sees the marker inverts it back.  A
 * CMYK JPEG without the marker stores plain ink.  In a PDF the JPEG
 * decoder (DCTDecode) inverts nothing: the image's /Decode array says
 * how its values read.  libharu 2.3.0 writes /Decode [1 0 1 0 1 0 1 0]
 * (inverted) for every 4-channel JPEG, so a plain one would print as a
 * negative.
 */
#ifndef CP_CMYK_FIX_H
#define CP_CMYK_FIX_H

#include <qpdf/qpdf-c.h>

/*
 * Gives every CMYK JPEG image drawn on `q`'s pages (an image XObject
 * /ColorSpace /DeviceCMYK, /Filter /DCTDecode) the /Decode array its own
 * header calls for: [1 0 1 0 1 0 1 0] when the JPEG has an Adobe marker,
 * none (plain, the default) when it has not.  Each image is told by its
 * own bytes, so it does not matter which file, or which copy of it, the
 * renderer embedded.  An image whose JPEG header cp__image_probe_memory()
 * refuses is left as it is.  Returns 0, or -1 when libqpdf reports an
 * error on `q` (such as a stream that cannot be read).
 */
int cp__cmyk_fix(qpdf_data q);

#endif
