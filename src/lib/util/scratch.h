/* scratch.h - the private temporary files of one build.
 *
 * A build writes pages made of the patient's photos, recompressed copies
 * of them and a font subset before it assembles the bundle.  They are
 * the patient's papers too: none of them may outlive the build, whether
 * it ends, fails, or is killed at any moment.  So, where the system
 * allows (Linux with /proc), a scratch file never has a name at all: it
 * is made with O_TMPFILE (or made and unlinked at once) and handed to
 * libraries that open files by name as /proc/self/fd/N.  Only where
 * that is impossible do files keep a name, in a private folder (0700)
 * that cp__scratch_close() removes.
 *
 * TMPDIR (when it is an absolute path), else /tmp, is read once, here.
 */
#ifndef CP_SCRATCH_H
#define CP_SCRATCH_H

#include "claimpack.h"

/* The scratch space of one build.  Opaque; not shared between threads. */
typedef struct cp__scratch cp__scratch;

/* Opens the scratch space.  Returns CP_OK, CP_EIO (TMPDIR cannot take
 * a file) or CP_ENOMEM. */
int cp__scratch_open(cp__scratch **out, cp_error *err);

/*
 * A new empty temporary file, private to this user (0600).  *path (owned
 * by the scratch space, valid until the file is removed) names it for
 * fopen(), libqpdf and libharu: write it, then read it, by that name as
 * often as needed.  `what` names it in messages ("a page of photo 3").
 * Returns CP_OK, CP_EIO or CP_ENOMEM.
 */
int cp__scratch_file(cp__scratch *s, const char *what, const char **path,
    cp_error *err);

/* Removes the file `path` (as cp__scratch_file gave it) before the
 * scratch space closes, when it is no longer needed.  A library that
 * still has it open keeps reading it. */
void cp__scratch_remove(cp__scratch *s, const char *path);

/* Removes every file and the private folder, and frees the space.
 * NULL does nothing. */
void cp__scratch_close(cp__scratch *s);

#endif
