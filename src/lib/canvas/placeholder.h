/* placeholder.h - the page that stands in for a file the bundle could
 * not include.  Private.
 *
 * Under `build --force` a file that `check` reported as broken (cut
 * short, damaged, not an image claimpack can draw) cannot become pages.
 * The bundle still keeps its place: each of the pages it would have had
 * says which file it was, why it is not there, and that a new copy is
 * needed, so that nobody takes a missing paper for a blank one.
 */
#ifndef CP_PLACEHOLDER_H
#define CP_PLACEHOLDER_H

#include <stddef.h>

#include "claimpack.h"
#include "canvas/font.h"

/*
 * Writes a PDF of `pages` pages (at least 1) of `page_w` x `page_h`
 * points to `out_path`, each saying "This page could not be included",
 * the file `file` (as the manifest writes it) and `why` (the phrase that
 * followed its name in the error: "PNG is damaged: ..."), "The original
 * file is not in this bundle; send a new copy", and "Page 2 of 3 of this
 * file" when there are several.  Drawn with the first font of `font`: a
 * subset of just the characters drawn is written to `subset_path` first
 * and embedded; characters that font cannot draw print as '?'.  The text stays above
 * `bottom` points, where the page's stamp goes.  Returns CP_OK, CP_EIO
 * (the font or the file cannot be written) or CP_ENOMEM.
 */
int cp__placeholder_write(const cp__font *font, const char *file,
    const char *why, size_t pages, double page_w, double page_h,
    double bottom, const char *subset_path, const char *out_path,
    cp_error *err);

#endif
