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
