/* font.h - the fonts every bundle is drawn with.  Private.
 *
 * claimpack draws its cover, index and stamps in WenQuanYi Zen Hei (the
 * Debian package fonts-wqy-zenhei): it has Latin with pinyin tone marks
 * and the CJK characters of Chinese medical paperwork, kana and Hangul.
 * A passport name may use letters Zen Hei lacks (Vietnamese, Greek,
 * Cyrillic, Thai, Arabic, Hebrew): fallback fonts from fonts-noto-core
 * and fonts-dejavu-core follow it, and each character is drawn in the
 * first font that can print it (Arabic and Hebrew in the joined forms
 * and visual order canvas/bidi.c makes).  This
 * module finds the font files and says, per character, which font prints
 * it through libharu 2.3.0, so that text is checked before it is drawn
 * rather than printed blank.  See fonts/README.md.
 */
#ifndef CP_FONT_H
#define CP_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"

/* Where Debian installs WenQuanYi Zen Hei (a collection; face 0). */
#define CP__FONT_DEFAULT_PATH "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/* The most fonts a set holds: the first and its fallbacks. */
#define CP__FONT_MAX 6

/* The opened fonts.  Opaque.  Not safe to share between threads. */
typedef struct cp__font cp__font;

/*
 * Opens the first font, named by the environment variable CLAIMPACK_FONT
 * when it is set and not empty, else CP__FONT_DEFAULT_PATH (face 0 in
 * either case), and after it each fallback font that is installed (a
 * missing fallback is skipped: its characters are then reported as not
 * printable).  Returns CP_OK, CP_EIO (the first font is missing,
 * unreadable or not a font with a Unicode character map; err->path names
 * the file and the message says how to install fonts-wqy-zenhei) or
 * CP_ENOMEM.  On failure *out is NULL.  Free it with cp__font_free().
 */
int cp__font_open(cp__font **out, cp_error *err);

/* How many fonts the set holds (at least 1, at most CP__FONT_MAX). */
size_t cp__font_count(const cp__font *f);

/* Font i's file path (as found), for HPDF_LoadTTFontFromFile2; 0 is the
 * first font. */
const char *cp__font_path(const cp__font *f, size_t i);

/* Font i's face index within its file (always 0). */
int cp__font_face(const cp__font *f, size_t i);

/*
 * True when font i's file is a TrueType collection (.ttc, as Zen Hei
 * is): load it with HPDF_LoadTTFontFromFile2(pdf, path, face, HPDF_TRUE).
 * False for a single font (.ttf): libharu 2.3.0 refuses that with
 * HPDF_LoadTTFontFromFile2 (HPDF_INVALID_TTC_FILE), so load it with
 * HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE).
 */
bool cp__font_is_collection(const cp__font *f, size_t i);

/* Closes the fonts.  NULL does nothing. */
void cp__font_free(cp__font *f);

/*
 * The index of the first font that prints code point `cp` through
 * libharu 2.3.0 once subset by cp__font_subset_write(), or -1 when none
 * does.  No font prints a control character (U+0000-U+001F,
 * U+007F-U+009F) or a code point outside the Basic Multilingual Plane
 * (libharu's Unicode type is 16 bits).  A font prints `cp` when it has a
 * glyph for it that is simple, or composite with simple components only:
 * libharu 2.3.0 keeps the components of a composite glyph one level deep
 * when it embeds a font (fonts/README.md).  Results are cached in the
 * set, so calling this for every character of a page is cheap.
 */
int cp__font_face_for(const cp__font *f, uint32_t cp);

/*
 * The first code point of the UTF-8 text `utf8` that no font of the set
 * prints (see cp__font_face_for), or 0 when all of it prints.  Text that
 * is not valid UTF-8 returns 0xFFFD.  NULL and "" return 0.
 */
uint32_t cp__font_undrawable(const cp__font *f, const char *utf8);

#endif
