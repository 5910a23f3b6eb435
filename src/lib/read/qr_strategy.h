/* qr_strategy.h - where, and at which scales, to look for QR codes in a
 * picture: one search for every picture the readers decode (photos,
 * scans, a PDF's or an OFD's images).  Private to read/.
 *
 * libzbar finds a code whose modules are two or three pixels wide or
 * more, in any orientation, and finds it faster in a smaller picture.  A
 * 2 cm code on a 12-megapixel phone photo has modules of five or six
 * pixels: it is found in the picture shrunk to about 2000 pixels a side,
 * unless the photo is blurred, when it needs the full size.  So a
 * picture is looked at
 *   1. shrunk by the power of two that brings its long side to at most
 *      CP__QR_FIRST_SIDE pixels;
 *   2. shrunk by twice that (a blurred photo's edges are sharper, module
 *      for module, in a smaller copy), when that copy is not too small;
 *   3. at full size (at most CP__QR_MAX_PIXELS), in overlapping tiles,
 *      when step 1 shrank it;
 *   4. made twice as large, in tiles, when step 1 did not shrink it
 *      and it is small (a photo a chat app sent on, at 1280 or 1600
 *      pixels, leaves a 2 cm code modules of three pixels, which libzbar
 *      finds unreliably once they are blurred);
 * each time first as it is, then binarized against its local mean (what
 * finds a code on a blurred, unevenly lit photo; step 4 binarized only:
 * enlarged alone, a picture shows libzbar nothing new).  The search
 * stops as soon as the paper's invoice QR is found, keeping every other
 * code found in the same look.
 */
#ifndef CP_QR_STRATEGY_H
#define CP_QR_STRATEGY_H

#include <stdbool.h>
#include <stddef.h>

#include "read/facts.h"

/* The long side of the first look, in pixels. */
#define CP__QR_FIRST_SIDE 3000
/* The most pixels looked at in one picture at once: a larger picture
 * is looked at shrunk (and decoded shrunk, when its decoder can). */
#define CP__QR_MAX_PIXELS 50000000u

/*
 * A picture to search: its full size, and a way to have it in grey,
 * shrunk by a power of two `shrink` (1, 2, 4 ...; pixels averaged or
 * decoded at that scale).  `gray` returns 0 with *out (malloc'd,
 * ((width + shrink - 1) / shrink) x ((height + shrink - 1) / shrink)
 * bytes, give or take a pixel: *w and *h say) set, -1 when out of
 * memory, or 1 when the picture cannot be had (the source has recorded
 * why on the paper): the search ends there.
 */
typedef struct {
	int width, height;
	int (*gray)(void *ctx, int shrink, unsigned char **out, int *w,
	    int *h);
	void *ctx;
	bool thorough;          /* every step; else step 1 alone (what
	                           check does: read/read.h) */
} cp__qr_source;

/*
 * Searches `src` as this header says and hands each code found to
 * cp__paper_take_qr (page `page`).  Returns the number of distinct
 * codes found, or -1 when out of memory.
 */
int cp__qr_search(cp__paper_facts *paper, const cp__qr_source *src, int page);

/* The smallest power of two that shrinks a `width` x `height` picture
 * to at most `side` pixels a side and `pixels` in all (1 when it fits
 * already). */
int cp__qr_shrink_to(int width, int height, int side, size_t pixels);

#endif
