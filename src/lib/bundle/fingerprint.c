/* fingerprint.c - one SHA-256 over a claim's manifest and files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/fingerprint.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strbuf.h"

/* Folders deeper than this, or with more entries, are refused: a CD's
 * DICOM tree is a few levels deep and a few thousand files. */
#define MAX_DEPTH 16
#define MAX_ENTRIES 100000

typedef struct {
	cp__sha256 *md;
	unsigned char buf[65536];
	size_t entries;
	cp_error *err;
} hasher;

static int
hash_file(hasher *h, const char *path, const char *name)
{
	ssize_t n;
	int fd, rc = CP_OK;

	cp__sha256_update(h->md, name, strlen(name) + 1);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return cp__error_set(h->err, CP_EIO, path, 0, 0,
		    "cannot open the file (%s)", strerror(errno));
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

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hashes the regular files below `path`, sorted, as name/relative. */
static int
hash_folder(hasher *h, const char *path, const char *name, int depth)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, **grown, *child = NULL, *child_name = NULL;
	size_t n = 0, cap = 0, i;
	DIR *dir;
	int rc = CP_OK;

	if (depth > MAX_DEPTH)
		return cp__error_set(h->err, CP_EIO, path, 0, 0, "folders are "
		    "nested more than %d deep", MAX_DEPTH);
	if ((dir = opendir(path)) == NULL)
		return cp__error_set(h->err, CP_EIO, path, 0, 0,
		    "cannot open the folder (%s)", strerror(errno));
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (++h->entries > MAX_ENTRIES) {
			rc = cp__error_set(h->err, CP_EIO, path, 0, 0, "holds "
			    "more than %d files", MAX_ENTRIES);
			goto done;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				rc = CP_ENOMEM;
				goto done;
			}
			names = grown;
		}
		if ((names[n] = cp__strdup(de->d_name)) == NULL) {
			rc = CP_ENOMEM;
			goto done;
		}
		n++;
	}
	/* Byte order, not the locale's: the same on every machine. */
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && rc == CP_OK; i++) {
		child = cp__sprintf("%s/%s", path, names[i]);
		child_name = cp__sprintf("%s/%s", name, names[i]);
		if (child == NULL || child_name == NULL)
			rc = CP_ENOMEM;
		else if (stat(child, &st) != 0)
			rc = cp__error_set(h->err, CP_EIO, child, 0, 0,
			    "cannot reach the file (%s)", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = hash_folder(h, child, child_name, depth + 1);
		else if (S_ISREG(st.st_mode))
			rc = hash_file(h, child, child_name);
		free(child);
		free(child_name);
		child = child_name = NULL;
	}
done:
	if (rc == CP_ENOMEM)
		cp__error_set(h->err, CP_ENOMEM, path, 0, 0, "out of memory");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dir);
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
			if (stat(path, &st) != 0)
				rc = cp__error_set(err, CP_EIO, path, 0, 0,
				    "cannot reach the file (%s)",
				    strerror(errno));
			else if (S_ISDIR(st.st_mode))
				rc = hash_folder(h, path, doc->files[f], 0);
			else
				rc = hash_file(h, path, doc->files[f]);
			free(path);
		}
	}
	if (rc == CP_OK) {
		cp__sha256_final_hex(h->md, hex);
	}
	cp__sha256_free(h->md);
	free(h);
	return rc;
}
