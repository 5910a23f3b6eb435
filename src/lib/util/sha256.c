/* sha256.c - SHA-256 with OpenSSL's libcrypto, written as hex. */
#include <openssl/evp.h>

#include "util/sha256.h"

/* A cp__sha256 is libcrypto's EVP_MD_CTX; the type only hides it. */
static void
to_hex(char hex[65], const unsigned char *digest)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
}

cp__sha256 *
cp__sha256_new(void)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (md == NULL)
		return NULL;
	if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(md);
		return NULL;
	}
	/* The context is the whole object: no second allocation. */
	return (cp__sha256 *)md;
}

void
cp__sha256_update(cp__sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate((EVP_MD_CTX *)h, data, len);
}

void
cp__sha256_final_hex(cp__sha256 *h, char hex[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_DigestFinal_ex((EVP_MD_CTX *)h, digest, &n);
	to_hex(hex, digest);
}

void
cp__sha256_free(cp__sha256 *h)
{
	EVP_MD_CTX_free((EVP_MD_CTX *)h);
}

void
cp__sha256_hex(char hex[65], const void *data, size_t len)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_Digest(data, len, digest, &n, EVP_sha256(), NULL);
	to_hex(hex, digest);
}
