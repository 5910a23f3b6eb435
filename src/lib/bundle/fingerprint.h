/* fingerprint.h - one SHA-256 over a claim's manifest and files. */
#ifndef CP_FINGERPRINT_H
#define CP_FINGERPRINT_H

#include "manifest/claim.h"

/*
 * Hashes the manifest's bytes, then for each document in manifest order
 * and each of its files: the path as written, a NUL, and the file's
 * bytes; a folder (imaging_files) contributes each regular file below it
 * in byte order of their relative paths, as "path/relative" NUL bytes.
 * A document's file that cannot be opened (missing, unreadable)
 * contributes its path, a NUL and "\0unreadable" instead of bytes: the
 * build fails when it opens it, or stands a page in for it when check
 * reported it (build.h).  Writes 64 lowercase hex digits and a NUL into
 * hex.  Files are read in chunks, never whole.  Returns CP_OK or CP_EIO
 * naming the file (a folder's file that cannot be read, a read error).
 */
int cp__fingerprint(char hex[65], const cp_claim *claim, cp_error *err);

#endif
