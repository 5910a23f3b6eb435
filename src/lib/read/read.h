/* read.h - reading the facts off one paper, whatever its format.
 * Private. */
#ifndef CP_READ_H
#define CP_READ_H

#include "read/facts.h"

/* What to read.  QR codes cost most (pages are rendered, photos
 * decoded); a check looks for them only on fapiao. */
#define CP__READ_TEXT 1u     /* text layers, e-invoice data, EXIF */
#define CP__READ_QR   2u     /* QR codes in pictures and pages */
#define CP__READ_ALL  (CP__READ_TEXT | CP__READ_QR)
/* With CP__READ_QR: look hard, at every scale (a photo at full size in
 * tiles, a PDF page at 300 dpi too).  Without it, only where a sharp
 * 2 cm code is found: a photo shrunk to 3000 pixels a side, a page at
 * 200 dpi; what `check` and `build` do, so that a claim of many fapiao
 * photos checks in about a second.  `claimpack read` looks hard. */
#define CP__READ_THOROUGH 4u

/*
 * Reads the file at `path` (named `display` in the facts and messages)
 * by its content, not its name: PDF, JPEG, PNG, HEIC, WebP, TIFF, OFD,
 * e-invoice XML.  A file that cannot be read gets a paper whose
 * `problem` says why; other formats one whose problem says claimpack
 * reads nothing from them.  Never changes the file, never touches the
 * network.  Returns 0 with *out set, or -1 when out of memory.
 */
int cp__read_paper(cp__paper_facts **out, const char *path, const char *display,
    unsigned flags);

#endif
