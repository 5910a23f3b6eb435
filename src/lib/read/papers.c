/* papers.c - the facts read off a claim's files, read once per claim
 * and kept with it. */
#include "read/papers.h"

#include <stdlib.h>

#include "read/read.h"
#include "util/error.h"

typedef struct {
	cp__paper_facts *paper;       /* NULL until read */
	unsigned flags;         /* what was read */
	cp__imaging *imaging;   /* imaging folders: NULL until read */
} kept;

typedef struct {
	kept *files;            /* one per file of the document */
	size_t nfiles;
} kept_document;

typedef struct {
	kept_document *docs;    /* one per document of the claim */
	size_t ndocs;
} papers;

static void
papers_free(void *data)
{
	papers *p = data;
	size_t d;

	if (p == NULL)
		return;
	for (d = 0; d < p->ndocs; d++) {
		size_t f;

		for (f = 0; f < p->docs[d].nfiles; f++) {
			cp__paper_free(p->docs[d].files[f].paper);
			if (p->docs[d].files[f].imaging != NULL)
				cp__imaging_free(p->docs[d].files[f].imaging);
			free(p->docs[d].files[f].imaging);
		}
		free(p->docs[d].files);
	}
	free(p->docs);
	free(p);
}

static papers *
papers_of(const cp_claim *claim)
{
	papers *p;
	size_t d;

	if (claim->memo->data != NULL)
		return claim->memo->data;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if (claim->ndocuments > 0 &&
	    (p->docs = calloc(claim->ndocuments, sizeof(*p->docs))) == NULL) {
		free(p);
		return NULL;
	}
	p->ndocs = claim->ndocuments;
	for (d = 0; d < claim->ndocuments; d++) {
		size_t n = claim->documents[d].nfiles;

		if (n > 0 && (p->docs[d].files = calloc(n, sizeof(kept))) ==
		    NULL) {
			papers_free(p);
			return NULL;
		}
		p->docs[d].nfiles = n;
	}
	claim->memo->data = p;
	claim->memo->free_data = papers_free;
	return p;
}

int
cp__claim_paper(const cp__paper_facts **out, const cp_claim *claim, size_t d,
    size_t f, unsigned flags)
{
	const cp__document *doc;
	cp__paper_facts *paper;
	papers *p;
	kept *k;
	char *path;
	int rc;

	*out = NULL;
	if (claim->memo == NULL || d >= claim->ndocuments ||
	    f >= claim->documents[d].nfiles)
		return 0;
	if ((p = papers_of(claim)) == NULL)
		return -1;
	k = &p->docs[d].files[f];
	if (k->paper != NULL && (k->flags & flags) == flags) {
		*out = k->paper;
		return 0;
	}
	doc = &claim->documents[d];
	if ((path = cp__claim_file_path(claim, doc->files[f])) == NULL)
		return -1;
	rc = cp__read_paper(&paper, path, doc->files[f], flags | k->flags);
	free(path);
	if (rc < 0)
		return -1;
	cp__paper_free(k->paper);
	k->paper = paper;
	k->flags |= flags;
	*out = paper;
	return 0;
}

int
cp__claim_read_qr(const char **out, const cp_claim *claim, size_t d)
{
	const cp__paper_facts *paper;
	size_t f;

	*out = NULL;
	if (d >= claim->ndocuments)
		return 0;
	for (f = 0; f < claim->documents[d].nfiles; f++) {
		if (cp__claim_paper(&paper, claim, d, f, CP__READ_ALL) < 0)
			return -1;
		if (paper != NULL && paper->invoice.qr.text != NULL) {
			*out = paper->invoice.qr.text;
			return 0;
		}
	}
	return 0;
}

int
cp__claim_imaging(const cp__imaging **out, const cp_claim *claim, size_t d,
    size_t f, cp_error *err)
{
	cp__imaging *im;
	papers *p;
	kept *k;
	char *path;
	int rc;

	*out = NULL;
	if (claim->memo == NULL || d >= claim->ndocuments ||
	    f >= claim->documents[d].nfiles)
		return CP_OK;
	if ((p = papers_of(claim)) == NULL)
		goto nomem;
	k = &p->docs[d].files[f];
	if (k->imaging != NULL) {
		*out = k->imaging;
		return CP_OK;
	}
	if ((im = calloc(1, sizeof(*im))) == NULL ||
	    (path = cp__claim_file_path(claim,
	    claim->documents[d].files[f])) == NULL) {
		free(im);
		goto nomem;
	}
	rc = cp__imaging_read(im, path, err);
	free(path);
	if (rc != CP_OK) {
		free(im);
		return rc;
	}
	k->imaging = im;
	*out = im;
	return CP_OK;
nomem:
	return cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
}
