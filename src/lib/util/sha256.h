/* sha256.h - SHA-256 digests as lowercase hex (OpenSSL's libcrypto). */
#ifndef CP_SHA256_H
#define CP_SHA256_H

#include <stddef.h>

/* A digest being computed.  Opaque. */
typedef struct cp__sha256 cp__sha256;

/* A new digest, or NULL when out of memory.  Free it with
 * cp__sha256_free(). */
cp__sha256 *cp__sha256_new(void);

/* Adds `len` bytes at `data`. */
void cp__sha256_update(cp__sha256 *h, const void *data, size_t len);

/* Writes the digest of everything added as 64 lowercase hex digits and
 * a NUL; the digest can not be added to afterwards. */
void cp__sha256_final_hex(cp__sha256 *h, char hex[65]);

/* Frees a digest.  NULL does nothing. */
void cp__sha256_free(cp__sha256 *h);

/* The SHA-256 of a buffer, as 64 hex digits and a NUL. */
void cp__sha256_hex(char hex[65], const void *data, size_t len);

#endif
