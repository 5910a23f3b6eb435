/* fingerprint.c - one SHA-256 over a claim's manifest and files. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/fingerprint.h"
#include "util/error.h"
#include "util/infile.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/walk.h"

typedef struct {
	cp__sha256 *md;
	unsigned char buf[65536];
	const char *folder;    /* the folder being walked, as written */
	cp_error *err;
} hasher;

/* Hashes the file's name and bytes.  A document's own file that cannot
 * be opened (`absent_ok`) counts as its name and a marker: the build
 * meets it again when it opens the file, and fails there or, for a file
 * check reported (--force), puts a page that says so in its place. */
static int
hash_file(hasher *h, const char *path, const char *name, bool absent_ok)
{
	ssize_t n;
	int fd, rc = CP_OK;

	cp__sha256_update(h->md, name, strlen(name) + 1);
	if ((fd = cp__infile_open(path)) < 0) {
		if (absent_ok) {
			cp__sha256_update(h->md, "\0unreadable", 11);
			return CP_OK;
		}
		return cp__error_set(h->err, CP_EIO, path, 0, 0,
		    "cannot open the file (%s)", strerror(errno));
	}
	for (;;) {
		n = read(fd, h->buf, sizeof(h->buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = cp__error_set(h->err, CP_EIO, path, 0, 0,
			    "cannot read the file (%s)", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		cp__sha256_update(h->md, h->buf, (size_t)n);
	}
	close(fd);
	return rc;
}

/* A regular file below an imaging folder: hashed as "folder/rel". */
static int
hash_entry(void *ctx, const char *path, const char *rel,
    const struct stat *st)
{
	hasher *h = ctx;
	char *name;
	int rc;

	if (!S_ISREG(st->st_mode))
		return CP_OK;
	if ((name = cp__sprintf("%s/%s", h->folder, rel)) == NULL)
		return cp__error_set(h->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	rc = hash_file(h, path, name, false);
	free(name);
	return rc;
}

int
cp__fingerprint(char hex[65], const cp_claim *claim, cp_error *err)
{
	struct stat st;
	hasher *h;
	char *path;
	size_t d, f;
	int rc = CP_OK;

	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->md = cp__sha256_new()) == NULL) {
		free(h);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	h->err = err;
	cp__sha256_update(h->md, claim->manifest_text, claim->manifest_len);
	for (d = 0; d < claim->ndocuments && rc == CP_OK; d++) {
		const cp__document *doc = &claim->documents[d];

		for (f = 0; f < doc->nfiles && rc == CP_OK; f++) {
			if ((path = cp__claim_file_path(claim,
			    doc->files[f])) == NULL) {
				rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
				break;
			}
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
				h->folder = doc->files[f];
				rc = cp__walk(path, hash_entry, h, err);
			} else {
				rc = hash_file(h, path, doc->files[f], true);
			}
			free(path);
		}
	}
	if (rc == CP_OK)
		cp__sha256_final_hex(h->md, hex);
	cp__sha256_free(h->md);
	free(h);
	return rc;
}
