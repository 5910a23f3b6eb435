/* fsio.h - reading a whole small file with a bound, and replacing a
 * file atomically. */
#ifndef CP_FSIO_H
#define CP_FSIO_H

#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"

/*
 * Reads the regular file at `path` whole into a new NUL-terminated
 * buffer (*out, caller frees; *out_len bytes before the NUL), refusing
 * a file of more than `max` bytes without reading past max + 1.  A FIFO
 * does not block the open; a file that grows while it is read is still
 * bounded.  `what` names what the file should be, for messages ("a
 * YAML file").  Returns CP_OK; `too_large` (the caller's status, such as
 * CP_EMANIFEST) for a larger file, "is larger than 16 MiB, too large
 * for a YAML file"; CP_EIO for a file that cannot be opened or read, a
 * folder ("is a folder, not a YAML file") or a device ("is not a
 * regular file; expected a YAML file"); CP_ENOMEM.  `err->path` is
 * `path`.
 */
int cp__file_read(char **out, size_t *out_len, const char *path, size_t max,
    const char *what, int too_large, cp_error *err);

/* The size of the file at `path` in bytes, following symbolic links;
 * 0 when it cannot be reached. */
uint64_t cp__file_size(const char *path);

/* The folder of `path` as a new string: "." when it names none, "/"
 * for a file at the root.  NULL when out of memory. */
char *cp__path_folder(const char *path);

/* Writes all `len` bytes to `fd`, going on after short writes and
 * EINTR.  Returns 0, or -1 with errno set. */
int cp__write_all(int fd, const void *data, size_t len);

/*
 * A file being written in place of another: the new content goes to a
 * temporary file in the target's folder, which only replaces the target
 * once whole and on disk.  A reader sees the old file or the new one,
 * never half of one.  Where the system allows (O_TMPFILE, /proc), the
 * temporary file has no name while it is written, so that a process
 * killed at any moment leaves nothing behind; it is named only for the
 * instant between linking it and renaming it over the target.
 */
typedef struct {
	char *path;     /* the file to replace, as given */
	char *tmp;      /* where to write: a name beside the target, or
	                   /proc/self/fd/N for a file without a name yet */
	int fd;         /* open for writing on tmp; -1 once closed */
	int named;      /* tmp is a name in the folder, to remove on failure */
	char *linked;   /* commit: the name the nameless file got */
	/* Optional: called with the temporary name as soon as the file has
	 * one (at cp__atomic_open, or at commit for a nameless file), so
	 * that a program can remove it if it is interrupted. */
	void (*on_name)(void *ctx, const char *tmp_name);
	void *on_name_ctx;
	/* Set before the commit: never replace a file at `path`, even one
	 * that appears while the new one is written. */
	int no_replace;
} cp__atomic;

/*
 * Creates the temporary file in the folder of `path`, exclusively (a
 * name already taken is never reused or followed) and with the mode any
 * new file gets under the umask, without changing the umask.  Set
 * a->on_name before the call by passing it in `on_name` (or NULL).
 * Returns CP_OK, CP_EIO naming the folder that cannot take a file, or
 * CP_ENOMEM.  Call cp__atomic_commit() or cp__atomic_free() afterwards,
 * either way.
 */
int cp__atomic_open(cp__atomic *a, const char *path,
    void (*on_name)(void *ctx, const char *tmp_name), void *on_name_ctx,
    cp_error *err);

/* Writes `len` bytes to the temporary file.  CP_OK or CP_EIO. */
int cp__atomic_write(cp__atomic *a, const void *data, size_t len,
    cp_error *err);

/*
 * Puts the temporary file in place: flushes it to disk, gives it a name
 * if it has none, renames it over the target and flushes the folder, so
 * that a crash leaves the old file or the new one.  Whoever else wrote
 * the file through a->tmp must have closed it.  With a->no_replace the
 * file is linked in place instead, and a file already at `path` makes it
 * return CP_EINVAL ("exists already") and stay as it is.  Returns CP_OK,
 * CP_EINVAL or CP_EIO (cp__atomic_free then removes what is left).
 */
int cp__atomic_commit(cp__atomic *a, cp_error *err);

/* Removes the temporary file unless it was committed, and frees what
 * `a` holds.  Safe on a zeroed or already freed cp__atomic. */
void cp__atomic_free(cp__atomic *a);

#endif
