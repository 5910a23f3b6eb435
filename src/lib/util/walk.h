/* walk.h - the files below a folder, in a stable order, with limits. */
#ifndef CP_WALK_H
#define CP_WALK_H

#include <stddef.h>
#include <sys/stat.h>

#include "claimpack.h"

/* Folders nested deeper than this are refused: a CD's DICOM tree is a
 * few levels deep, and a symbolic link loop is not a tree. */
#define CP__WALK_MAX_DEPTH 16
/* A walk that meets more entries than this stops with an error. */
#define CP__WALK_MAX_ENTRIES 100000

/*
 * Called for each entry below the folder that is not a folder itself:
 * `path` to open it, `rel` its path below the folder ("series1/img001"),
 * `st` what stat() says of it (symbolic links followed).  Returns CP_OK
 * to go on, or a negative status that ends the walk and is returned.
 */
typedef int (*cp__walk_fn)(void *ctx, const char *path, const char *rel,
    const struct stat *st);

/*
 * Calls `fn` for every entry below the folder `path`, depth first, the
 * names of each folder in byte order (not the locale's: the same order
 * on every machine).  Returns CP_OK; what `fn` returned; CP_EIO (err
 * names the path) for an entry that cannot be reached, a folder that
 * cannot be opened, nesting deeper than CP__WALK_MAX_DEPTH or more than
 * CP__WALK_MAX_ENTRIES entries; or CP_ENOMEM.
 */
int cp__walk(const char *path, cp__walk_fn fn, void *ctx, cp_error *err);

/*
 * cp__walk, but symbolic links are not followed: each is passed to `fn`
 * with what lstat() says of it (S_ISLNK), so that a folder of papers
 * never leads outside itself.
 */
int cp__walk_links(const char *path, cp__walk_fn fn, void *ctx,
    cp_error *err);

/*
 * The names in the folder `path` alone (not "." or ".."), in byte order,
 * into a new array of new strings (*out, *count) that the caller frees
 * with cp__folder_names_free().  Returns CP_OK; CP_EIO (err says why)
 * when it cannot be opened or holds more than `max` entries; CP_ENOMEM.
 */
int cp__folder_names(const char *path, size_t max, char ***out,
    size_t *count, cp_error *err);
void cp__folder_names_free(char **names, size_t count);

#endif
