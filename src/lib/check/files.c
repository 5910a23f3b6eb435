/* files.c - every listed file exists, can be read and is usable:
 * file-missing, file-unreadable, file-type, file-duplicate,
 * file-extension, pdf-encrypted, pdf-restricted, pdf-broken, pdf-repaired,
 * pdf-damaged, image-broken; OFD files go to check/ofd.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas/font.h"
#include "check/check.h"
#include "input/image.h"
#include "input/image_integrity.h"
#include "input/raster.h"
#include "input/sniff.h"
#include "manifest/doctype.h"
#include "pdf/probe.h"
#include "util/suggest.h"

typedef struct {
	dev_t dev;
	ino_t ino;
	size_t doc;
} seen_file;

typedef struct {
	cp_report *report;
	const cp_claim *claim;
	seen_file *seen;
	size_t nseen;
	size_t cap;
	const cp__font *font;   /* the bundle's fonts, or NULL */
} file_walk;

/* file-duplicate: the same file (by device and inode) listed twice. */
static int
note_seen(file_walk *w, const struct stat *st, size_t d, const char *file)
{
	const cp__document *doc = &w->claim->documents[d];
	seen_file *grown;
	size_t i, cap;

	for (i = 0; i < w->nseen; i++) {
		if (w->seen[i].dev != st->st_dev || w->seen[i].ino != st->st_ino)
			continue;
		if (w->seen[i].doc == d)
			return cp__report_add(w->report, d, "file-duplicate",
			    doc->id, file, "%s is listed "
			    "twice in document %s; list each file once",
			    file, doc->id);
		return cp__report_add(w->report, d, "file-duplicate",
		    doc->id, file, "%s (document %s) is "
		    "the same file as one of document %s; each paper should "
		    "be listed once, in the document it belongs to", file,
		    doc->id, w->claim->documents[w->seen[i].doc].id);
	}
	if (w->nseen == w->cap) {
		cap = w->cap ? w->cap * 2 : 32;
		if ((grown = realloc(w->seen, cap * sizeof(*grown))) == NULL)
			return CP_ENOMEM;
		w->seen = grown;
		w->cap = cap;
	}
	w->seen[w->nseen].dev = st->st_dev;
	w->seen[w->nseen].ino = st->st_ino;
	w->seen[w->nseen].doc = d;
	w->nseen++;
	return CP_OK;
}

/* pdf-damaged: "page 3", "pages 3 and 7", "pages 3, 5 and 7", and past
 * the pages the probe lists, "pages 3, 5, ... 12 and 40 more". */
static int
report_damaged(file_walk *w, size_t d, const char *file,
    const cp__pdf_info *info)
{
	const cp__document *doc = &w->claim->documents[d];
	int n = info->damaged_pages, listed, i;
	char pages[160], first[300];
	size_t len;

	listed = n < CP__PDF_DAMAGED_LIST ? n : CP__PDF_DAMAGED_LIST;
	len = (size_t)snprintf(pages, sizeof(pages), "page%s %d",
	    n > 1 ? "s" : "", info->damaged[0]);
	for (i = 1; i < listed && len < sizeof(pages); i++)
		len += (size_t)snprintf(pages + len, sizeof(pages) - len,
		    "%s%d", i == n - 1 ? " and " : ", ", info->damaged[i]);
	if (n > listed && len < sizeof(pages))
		snprintf(pages + len, sizeof(pages) - len, " and %d more",
		    n - listed);
	if (n > 1)
		snprintf(first, sizeof(first), "page %d: %s",
		    info->damaged[0], info->damage);
	else
		snprintf(first, sizeof(first), "%s", info->damage);
	return cp__report_add(w->report, d, "pdf-damaged", doc->id, file,
	    "%s of %s (document %s) %s damaged content (%s); the bundle "
	    "shows %s as far as %s can be read: check %s, or get a fresh "
	    "copy", pages, file, doc->id, n > 1 ? "have" : "has", first,
	    n > 1 ? "them" : "it", n > 1 ? "they" : "it",
	    n > 1 ? "them" : "it");
}

static int
check_pdf(file_walk *w, size_t d, const char *file, const char *path)
{
	const cp__document *doc = &w->claim->documents[d];
	cp__pdf_info info;
	int rc;

	if (cp__pdf_probe(&info, path, true) != 0)
		return CP_ENOMEM;
	switch (info.state) {
	case CP__PDF_PASSWORD:
		return cp__report_add(w->report, d, "pdf-encrypted",
		    doc->id, file, "%s (document %s) needs "
		    "a password to open; insurers' portals refuse protected "
		    "files: save an unprotected copy (open it and print to "
		    "PDF) and list that instead", file, doc->id);
	case CP__PDF_BROKEN:
		return cp__report_add(w->report, d, "pdf-broken",
		    doc->id, file, "%s (document %s) cannot "
		    "be read as a PDF (%s); download or scan the paper again",
		    file, doc->id, info.detail);
	case CP__PDF_OK:
		break;
	}
	if (info.encrypted && cp__report_add(w->report, d, "pdf-restricted",
	    doc->id, file, "%s (document %s) is "
	    "encrypted with an owner password only: it opens without one, "
	    "and the bundle will not carry its restrictions", file,
	    doc->id) != CP_OK)
		return CP_ENOMEM;
	if (info.repaired && (rc = cp__report_add(w->report, d,
	    "pdf-repaired", doc->id, file, "%s (document %s) is "
	    "damaged but could be repaired (%s); check that every "
	    "page is there, or get a fresh copy", file, doc->id,
	    info.detail)) != CP_OK)
		return rc;
	if (info.damaged_pages > 0)
		return report_damaged(w, d, file, &info);
	return CP_OK;
}

/* True when the file name's extension, if it has a known one, names
 * this format. */
static bool
extension_fits(const char *file, cp__format format)
{
	static const struct {
		const char *ext;
		cp__format format;
	} known[] = {
		{ ".pdf", CP__FORMAT_PDF }, { ".jpg", CP__FORMAT_JPEG },
		{ ".jpeg", CP__FORMAT_JPEG }, { ".png", CP__FORMAT_PNG },
		{ ".heic", CP__FORMAT_HEIC }, { ".heif", CP__FORMAT_HEIC },
		{ ".webp", CP__FORMAT_WEBP }, { ".tif", CP__FORMAT_TIFF },
		{ ".tiff", CP__FORMAT_TIFF },
	};
	const char *dot = strrchr(file, '.');
	char ext[8];
	size_t i;

	if (dot == NULL || strlen(dot) >= sizeof(ext) || strchr(dot, '/'))
		return true;
	for (i = 0; dot[i] != '\0'; i++)
		ext[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ?
		    dot[i] + 32 : dot[i]);
	ext[i] = '\0';
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(ext, known[i].ext) == 0)
			return known[i].format == format;
	return true;
}

/* image-broken: a JPEG whose headers cannot be used or whose data is
 * cut short or damaged; an image claimpack decodes (PNG, HEIC, WebP,
 * TIFF) that does not decode to its end, as `build` would decode it. */
static int
check_image(file_walk *w, size_t d, const char *file, const char *path,
    cp__format format)
{
	const cp__document *doc = &w->claim->documents[d];
	cp__image_info info;
	cp_error e;
	char why[300];
	int rc;

	if (cp__raster_format(format)) {
		memset(&e, 0, sizeof(e));
		if ((rc = cp__raster_verify(path, format, file, &e)) == CP_OK)
			return CP_OK;
		if (rc == CP_ENOMEM)
			return rc;
		return cp__report_add(w->report, d, "image-broken",
		    doc->id, file, "%s (document %s): %s", file, doc->id,
		    e.message);
	}
	if (cp__image_probe(&info, path, why, sizeof(why)) == 0 &&
	    cp__image_verify(path, format, why, sizeof(why)) == 0)
		return CP_OK;
	return cp__report_add(w->report, d, "image-broken",
	    doc->id, file, "%s (document %s): %s", file, doc->id, why);
}

/* file-missing, with the nearest existing path when one is near. */
static int
report_missing(file_walk *w, size_t d, const char *file)
{
	const cp__document *doc = &w->claim->documents[d];
	char *near = cp__suggest_path(w->claim->base_dir, file);
	int rc;

	if (near != NULL)
		rc = cp__report_add(w->report, d, "file-missing", doc->id, file,
		    "%s (document %s) does not exist; did you mean %s? (paths "
		    "are relative to the manifest's folder)", file, doc->id,
		    near);
	else
		rc = cp__report_add(w->report, d, "file-missing", doc->id, file,
		    "%s (document %s) does not exist; check the path, which "
		    "is relative to the manifest's folder", file, doc->id);
	free(near);
	return rc;
}

static int
check_file(file_walk *w, size_t d, const char *file)
{
	const cp__document *doc = &w->claim->documents[d];
	struct stat st;
	cp__format format;
	char *path;
	ssize_t n;
	int rc = CP_OK;

	if ((path = cp__claim_file_path(w->claim, file)) == NULL)
		return CP_ENOMEM;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = report_missing(w, d, file);
		else
			rc = cp__report_add(w->report, d, "file-unreadable",
			    doc->id, file, "%s (document "
			    "%s) cannot be reached (%s)", file, doc->id,
			    strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		if (doc->type != CP__DT_IMAGING_FILES)
			rc = cp__report_add(w->report, d, "file-type",
			    doc->id, file, "%s (document "
			    "%s) is a folder; only imaging_files may be a "
			    "folder: list the files in it one by one", file,
			    doc->id);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = cp__report_add(w->report, d, "file-type",
		    doc->id, file, "%s (document %s) is not "
		    "a regular file (a device, pipe or socket)", file,
		    doc->id);
		goto done;
	}
	if ((rc = note_seen(w, &st, d, file)) != CP_OK)
		goto done;
	if ((n = cp__sniff_file(path, &format)) < 0) {
		rc = cp__report_add(w->report, d, "file-unreadable",
		    doc->id, file, "%s (document %s) cannot "
		    "be read (%s); check its permissions", file, doc->id,
		    strerror(errno));
		goto done;
	}
	if (n == 0) {
		rc = cp__report_add(w->report, d, "file-type",
		    doc->id, file, "%s (document %s) is "
		    "empty (0 bytes); copy or download it again", file,
		    doc->id);
		goto done;
	}
	/* DICOM and other image files are kept as they are. */
	if (doc->type == CP__DT_IMAGING_FILES)
		goto done;
	if ((format == CP__FORMAT_PDF || format == CP__FORMAT_JPEG ||
	    cp__raster_format(format)) && !extension_fits(file, format) &&
	    (rc = cp__report_add(w->report, d, "file-extension",
	    doc->id, file, "%s (document %s) is %s, "
	    "whatever its name says; claimpack goes by its content",
	    file, doc->id, cp__format_name(format))) != CP_OK)
		goto done;
	if (format == CP__FORMAT_PDF) {
		rc = check_pdf(w, d, file, path);
	} else if (format == CP__FORMAT_JPEG || cp__raster_format(format)) {
		rc = check_image(w, d, file, path, format);
	} else if (format == CP__FORMAT_ZIP) {
		/* An OFD e-invoice; its characters are checked against the
		 * fonts the bundle draws them in. */
		rc = cp__check_ofd(w->report, d, doc, file, path, w->font);
	} else {
		rc = cp__report_add(w->report, d, "file-type",
		    doc->id, file, "%s (document %s) is %s, "
		    "not a PDF, OFD, JPEG, PNG, HEIC, WebP or TIFF; convert it to "
		    "one of those and list the converted file", file, doc->id,
		    cp__format_name(format));
	}
done:
	free(path);
	return rc;
}

int
cp__check_files(cp_report *report, const cp_claim *claim,
    const cp__font *font)
{
	file_walk w = { report, claim, NULL, 0, 0, font };
	size_t d, f;
	int rc = CP_OK;

	for (d = 0; d < claim->ndocuments && rc == CP_OK; d++)
		for (f = 0; f < claim->documents[d].nfiles && rc == CP_OK; f++)
			rc = check_file(&w, d, claim->documents[d].files[f]);
	free(w.seen);
	return rc;
}
