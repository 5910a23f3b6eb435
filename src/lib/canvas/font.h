/* font.h - the one font every bundle is drawn with.  Private.
 *
 * claimpack draws its cover, index and stamps in WenQuanYi Zen Hei (the
 * Debian package fonts-wqy-zenhei): it has Latin with pinyin tone marks
 * and the CJK characters of Chinese medical paperwork.  This module finds
 * the font file and says which characters libharu 2.3.0 can draw with it,
 * so that text is checked before it is drawn rather than printed blank.
 */
#ifndef CP_FONT_H
#define CP_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include "claimpack.h"

/* Where Debian installs WenQuanYi Zen Hei (a collection; face 0). */
#define CP__FONT_DEFAULT_PATH "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/* The opened font.  Opaque.  Not safe to share between threads. */
typedef struct cp__font cp__font;

/*
 * Opens the font named by the environment variable CLAIMPACK_FONT when it
 * is set and not empty, else CP__FONT_DEFAULT_PATH; face 0 in either case.
 * Returns CP_OK, CP_EIO (the file is missing, unreadable or not a font
 * with a Unicode character map; err->path names the file and the message
 * says how to install fonts-wqy-zenhei) or CP_ENOMEM.  On failure *out is
 * NULL.  Free the font with cp__font_free().
 */
int cp__font_open(cp__font **out, cp_error *err);

/* The font file's path (as found), for HPDF_LoadTTFontFromFile2. */
const char *cp__font_path(const cp__font *f);

/* The face index within the file (always 0). */
int cp__font_face(const cp__font *f);

/*
 * True when the file is a TrueType collection (.ttc, as Zen Hei is):
 * load it with HPDF_LoadTTFontFromFile2(pdf, path, face, HPDF_TRUE).
 * False for a single font (.ttf, when CLAIMPACK_FONT names one): libharu
 * 2.3.0 refuses that with HPDF_LoadTTFontFromFile2 (HPDF_INVALID_TTC_FILE),
 * so load it with HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE).
 */
bool cp__font_is_collection(const cp__font *f);

/* Closes the font.  NULL does nothing. */
void cp__font_free(cp__font *f);

/*
 * The first code point of the UTF-8 text `utf8` that would print blank or
 * broken when drawn with this font through libharu 2.3.0, or 0 when all of
 * it draws.  A code point is undrawable when it is a control character
 * (U+0000-U+001F, U+007F-U+009F), lies outside the Basic Multilingual
 * Plane (libharu's Unicode type is 16 bits), has no glyph in the font, or
 * has a composite glyph (libharu 2.3.0 embeds a composite glyph without
 * its components, so it prints blank or wrong).  Text that is not valid
 * UTF-8 returns 0xFFFD.  NULL and "" return 0.  Results are cached in the
 * font, so calling this for every string of a page is cheap.
 */
uint32_t cp__font_undrawable(const cp__font *f, const char *utf8);

#endif
