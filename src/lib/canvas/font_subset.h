/* font_subset.h - a copy of a font with only the characters drawn. */
#ifndef CP_FONT_SUBSET_H
#define CP_FONT_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"
#include "canvas/font.h"
#include "util/scratch.h"

/* A set of BMP code points (libharu draws no others). */
typedef struct {
	uint32_t bits[65536 / 32];
} cp__charset;

/* Adds code point `cp` (outside the BMP: nothing, libharu never draws
 * it), or every character of the UTF-8 text `utf8`. */
void cp__charset_add(cp__charset *set, uint32_t cp);
void cp__charset_add_utf8(cp__charset *set, const char *utf8);

/*
 * Writes a TrueType font holding only the glyphs of the characters of
 * `set` that are drawn in font `i` of `font` (HarfBuzz's subsetter) to
 * the file `path` (created or emptied).
 *
 * Why: libharu 2.3.0 embeds the whole of a TrueType font's tables (about
 * 1 MB for WenQuanYi Zen Hei, whatever the text), and a claim bundle must
 * fit insurers' upload limits.  A subset of the few hundred characters of
 * a cover and index is a few tens of KB.  The subset also numbers its
 * glyphs from 0, which libharu needs to keep the components of composite
 * glyphs (fonts/README.md).  Returns CP_OK, CP_EIO or CP_ENOMEM.
 */
int cp__font_subset_write(const cp__font *font, size_t i,
    const cp__charset *set, const char *path, cp_error *err);

/*
 * For each font of `font` that draws some character of `used` (and the
 * first font always: `?` is added to `used`, as it stands for what no
 * font draws), writes the subset of just those characters into a new
 * file of `scratch`: subsets[i], NULL for a font not needed.  Hand
 * `subsets` to cp__canvas_open.  On failure every subset made is
 * removed and all are NULL.  Returns CP_OK, CP_EIO or CP_ENOMEM.
 */
int cp__font_subsets_write(const cp__font *font, cp__charset *used,
    cp__scratch *scratch, const char *subsets[CP__FONT_MAX], cp_error *err);

#endif
