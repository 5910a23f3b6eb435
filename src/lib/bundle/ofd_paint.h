/* ofd_paint.h - drawing an OFD page's objects (read/ofd_doc.h) onto a
 * libharu page, in the bundle's fonts.
 *
 * OFD names fonts ("宋体", "KaiTi", "Courier New") that the reviewer's
 * machine may not have and that claimpack does not ship; every character
 * is drawn in the first of the bundle's embedded fonts that prints it
 * (canvas/font.h), at the place the OFD gives it, so the layout is the
 * OFD's and only the letter shapes differ.  Text stays text: pdftotext
 * and a reviewer's search find it.
 */
#ifndef CP_OFD_PAINT_H
#define CP_OFD_PAINT_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas/draw.h"
#include "canvas/font_subset.h"
#include "read/ofd_doc.h"

/* Millimetres to points. */
#define CP__OFD_PT_PER_MM (72.0 / 25.4)

typedef struct {
	cp__canvas *cv;         /* the document drawn into; NULL while
	                           only the characters are collected */
	cp__charset *used;      /* the characters drawn (both runs) */
	/* The image libharu could not load ("" when none): the drawing
	 * has then failed. */
	char failed_image[256];
	/* Opacity states made so far, by alpha (libharu makes a new one on
	 * every call). */
	struct { double alpha; void *gs; } alphas[8];
	size_t nalphas;
} cp__ofd_paint_state;

/*
 * Draws page `page` of `doc` as a new page of st->cv, at the OFD's page
 * size: the page's coordinates (millimetres, y down) mapped to points.
 * With st->cv NULL, walks the page only, collecting the characters it
 * draws into st->used (for the font subsets).  What the model cannot
 * draw is left to `check` (ofd-partial).  Returns 0; 1 with `why` set when the page is broken; -1 when
 * out of memory.
 */
int cp__ofd_paint_page(cp__ofd_paint_state *st, cp__ofd_doc *doc,
    size_t page, char *why, size_t why_size);

#endif
