/* suggest.h - what a user most likely meant: the nearest word of a list,
 * the nearest existing path. */
#ifndef CP_SUGGEST_H
#define CP_SUGGEST_H

#include <stddef.h>

/*
 * The edit distance between NUL-terminated `a` and `b`: how many
 * characters must be inserted, deleted or replaced, or pairs of
 * neighbouring characters swapped ("hopsital"), to turn one into the
 * other.  Counted in characters (UTF-8 code points; a malformed byte
 * counts as one), ASCII letters compared without case.  Stops early:
 * returns `limit` + 1 for any distance above `limit`, so that a long
 * text against a short word costs little.
 */
size_t cp__edit_distance(const char *a, const char *b, size_t limit);

/*
 * Of the `n` `candidates`, the one nearest to `word`, or NULL when none
 * is near enough to be taken for a slip: within 1 for a word of up to 5
 * characters, 2 up to 9, else 3, and never as many as the word has (so
 * "ab" is not taken for "id").  Of candidates equally near, the first.
 * An exact match counts (distance 0: a word that differs in case only).
 */
const char *cp__suggest_word(const char *word, const char *const *candidates,
    size_t n);

/*
 * For a path `rel` (relative to the folder `base`, or absolute) that does
 * not exist: the same path with each part that does not exist replaced
 * by the nearest name in its folder (cp__suggest_word's distance; hidden
 * names only for a part that starts with '.'; of names equally near, the
 * first in byte order), so "records/Discharge-l.JPEG" may become
 * "records/discharge-1.jpg".  At most 10,000 names are read per folder.
 * Returns a new string the caller frees, or NULL when a part has no near
 * name, the path exists as written, or memory ran out.
 */
char *cp__suggest_path(const char *base, const char *rel);

#endif
