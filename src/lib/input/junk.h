/* junk.h - what a folder of papers or an imaging CD holds beside the
 * papers and images: the one rule for what is skipped, and why. */
#ifndef CP_JUNK_H
#define CP_JUNK_H

#include <stddef.h>

/*
 * Why the file at `rel` (its path below the folder walked, "/" between
 * folders) is not a paper nor an image, or NULL when it may be one:
 *   - what operating systems leave: .DS_Store, Thumbs.db, desktop.ini,
 *     AppleDouble "._*" files, anything under __MACOSX/, and any
 *     other hidden file (a name starting with ".");
 *   - what CD authoring leaves: autorun.inf;
 *   - viewer programs: files under a folder whose name holds "viewer",
 *     and programs and libraries (.exe, .dll, .msi, .bat, .jar, ...)
 *     anywhere.
 * The reason is a static phrase for listings ("operating-system
 * clutter", "an image viewer program").  Names compare in any case.
 */
const char *cp__junk_reason(const char *rel);

/*
 * The folder of `rel` whose files are all junk (a viewer's folder or
 * __MACOSX/), so that a listing names the folder once: *len is set to
 * the length of that folder's path within `rel` (without its trailing
 * "/") and the reason is returned; NULL when the junk is the file alone
 * (or `rel` is not junk).
 */
const char *cp__junk_folder(const char *rel, size_t *len);

#endif
