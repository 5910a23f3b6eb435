/* bidi.h - Arabic and Hebrew text in the order and forms libharu draws.
 * Private.
 *
 * libharu 2.3.0 draws the characters of a string left to right through
 * a font's Unicode character map: it neither joins Arabic letters nor
 * reorders right-to-left text.  GNU FriBidi does both before drawing:
 * the Unicode bidi algorithm puts a line in visual (left-to-right) order
 * and Arabic letters become their joined forms from Arabic Presentation
 * Forms-B (U+FE70-U+FEFF), which the Arabic fallback fonts map
 * (fonts/README.md).
 */
#ifndef CP_BIDI_H
#define CP_BIDI_H

#include <stdbool.h>
#include <stdint.h>

#include "claimpack.h"

/* Whether the fonts print code point `cp`; `ctx` is the caller's. */
typedef bool (*cp__bidi_prints)(void *ctx, uint32_t cp);

/*
 * The UTF-8 line `utf8` in visual order, Arabic letters joined: a new
 * string in *out, which the caller frees.  Text with no right-to-left
 * character (the blocks of Hebrew, Arabic, Syriac, Thaana, NKo and the
 * presentation forms) is left alone: *out is NULL and CP_OK returned,
 * so Latin and CJK text is drawn exactly as given.  Malformed UTF-8 is
 * left alone too.  Every line reads left to right, as the cover and
 * index do (a list of aliases keeps its order); the right-to-left runs
 * in it are reversed and joined.  A joined form that `prints` (when not NULL) says no font
 * prints is replaced by the letter it was made from (unjoined, but
 * printed: check has vouched for the letters); the zero-width fillers
 * FriBidi leaves after a lam-alef ligature are dropped.  Returns CP_OK
 * or CP_ENOMEM (*out NULL).
 */
int cp__bidi_visual(char **out, const char *utf8, cp__bidi_prints prints,
    void *ctx);

#endif
