/* pdf_reader.c - facts from a PDF's text layer and rendered pages
 * (poppler-glib).  The page's text is put in rows by pdf_text.c, the
 * QR codes are found by pdf_render.c. */
#include "read/readers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/pdf_reader.h"
#include "read/read.h"
#include "util/infile.h"

/* The pages whose text is read: the facts of a fapiao, a report or a
 * discharge summary are on its first pages, and a 900-page scan of a
 * medical record copy should not cost a minute. */
#define TEXT_MAX_PAGES 50

static int
read_text(cp__paper_facts *paper, PopplerDocument *doc, int pages)
{
	PopplerPage *page;
	size_t len;
	char *text;
	int i, rc = 0;

	for (i = 0; i < pages && i < TEXT_MAX_PAGES && rc == 0; i++) {
		if ((page = poppler_document_get_page(doc, i)) == NULL)
			continue;
		rc = cp__pdf_page_text(page, &text, &len);
		g_object_unref(page);
		if (rc == 0 && text != NULL && len > 0)
			rc = cp__read_text_labels(paper, text, len, i + 1,
			    CP__FROM_TEXT);
		free(text);
	}
	return rc;
}

/*
 * Opens the PDF at `path` for poppler, or records why it cannot be.
 * By file descriptor, not by URI: no name to escape, and poppler reads a
 * regular file as it needs it rather than whole.
 */
static PopplerDocument *
open_document(cp__paper_facts *paper, const char *path, int *rc)
{
	PopplerDocument *doc;
	GError *gerr = NULL;
	struct stat st;
	int fd;

	*rc = 0;
	if ((fd = cp__infile_open(path)) < 0) {
		*rc = cp__paper_problem(paper, "cannot be opened: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*rc = cp__paper_problem(paper, "is not a regular file");
		return NULL;
	}
	/* poppler owns fd from here, and closes it even on failure. */
	if ((doc = poppler_document_new_from_fd(fd, NULL, &gerr)) != NULL)
		return doc;
	if (gerr != NULL && g_error_matches(gerr, POPPLER_ERROR,
	    POPPLER_ERROR_ENCRYPTED))
		*rc = cp__paper_problem(paper, "is protected by a password; "
		    "claimpack cannot read it");
	else
		*rc = cp__paper_problem(paper, "is a PDF that cannot be read "
		    "(%s)", gerr != NULL && gerr->message != NULL ?
		    gerr->message : "poppler gave no reason");
	if (gerr != NULL)
		g_error_free(gerr);
	return NULL;
}

int
cp__read_pdf(cp__paper_facts *paper, const char *path, unsigned flags)
{
	PopplerDocument *doc;
	int pages, rc;

	paper->format = "pdf";
	if ((doc = open_document(paper, path, &rc)) == NULL)
		return rc;
	pages = poppler_document_get_n_pages(doc);
	paper->pages = pages > 0 ? pages : 0;
	if (pages <= 0) {
		rc = cp__paper_problem(paper, "is a PDF with no pages");
		goto out;
	}
	if ((flags & CP__READ_TEXT) && (rc = read_text(paper, doc, pages)) < 0)
		goto out;
	if ((flags & CP__READ_QR) && cp__pdf_find_qr(paper, doc, pages,
	    (flags & CP__READ_THOROUGH) != 0) < 0)
		rc = -1;
out:
	g_object_unref(doc);
	return rc < 0 ? -1 : 0;
}
