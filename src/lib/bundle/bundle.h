/* bundle.h - the plan of a bundle, shared by the planner and the
 * renderers.  Private. */
#ifndef CP_BUNDLE_H
#define CP_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas/draw.h"
#include "input/image.h"
#include "input/sniff.h"
#include "manifest/claim.h"
#include "manifest/template.h"

/* One file of a document, as it goes into the bundle. */
typedef struct {
	char *path;             /* resolved path */
	const char *written;    /* as written in the manifest */
	cp__format format;      /* PDF, JPEG or PNG */
	size_t pages;           /* PDF pages, or 1 for an image */
	int input;              /* PDFs: index into plan->inputs */
	cp__image_info image;   /* images */
	char *draw_path;        /* a recompressed copy to draw instead (to
	                           fit an upload limit), or NULL */
	char *page_pdf;         /* images: the page made of it, a PDF in the
	                           build's private folder */
} cp__plan_file;

/* One document, in bundle order. */
typedef struct {
	size_t doc;             /* index into claim->documents */
	size_t number;          /* 1-based number in the bundle */
	size_t section;         /* index into tpl->sections */
	cp__plan_file *files;   /* empty for imaging_files */
	size_t nfiles;
	size_t first_page;      /* 0-based output page (when pages > 0) */
	size_t pages;
	uint64_t bytes;         /* imaging_files: total size on disk */
	size_t count;           /* imaging_files: number of files */
	/* Split bundles: the part holding it (1-based; 0 when not split).
	 * While another part is drawn, nfiles and pages are 0 and the
	 * document's own counts wait in nfiles_all and pages_all. */
	size_t part;
	size_t nfiles_all;
	size_t pages_all;
} cp__plan_doc;

/* True when the document is drawn in the part being built. */
#define CP__IN_PART(plan, pd) ((plan)->nparts == 0 || \
	(pd)->part == (plan)->part)

/* Geometry of the pages claimpack draws, in points. */
typedef struct {
	double width, height;
	double margin;          /* left and right */
	double top, bottom;
} cp__paper;

#define CP__STAMP_W 560.0
#define CP__STAMP_H 14.0

typedef struct {
	const cp_claim *claim;
	const cp_template *tpl;
	const cp_report *report;
	const cp_build_options *opts;
	cp__paper paper;

	cp__plan_doc *docs;     /* bundle order */
	size_t ndocs;
	char **inputs;          /* PDF paths for the assembler, borrowed from
	                           files: the hospital's PDFs first, then */
	size_t ninputs;         /* the image pages of the current run */
	size_t ninputs_pdf;
	char *tmpdir;           /* private folder for image pages */

	size_t index_pages;     /* pages of the index */
	size_t doc_pages;       /* pages after the cover and index */
	char fingerprint[65];   /* SHA-256, lowercase hex */
	const char *failed_file;  /* the image libharu could not embed */
	unsigned long failed_status; /* and libharu's error, */
	char failed_why[320];        /* or what went wrong */
	uint64_t recompressed_to; /* the size limit images were recompressed
	                             to fit, 0 when they are as given */
	size_t part;            /* split bundles: the part being built, */
	size_t nparts;          /* 1-based, of nparts; 0 when not split */

	/* Filled by the index renderer: one link per row. */
	struct cp__index_link {
		size_t page;            /* output page of the index row */
		double x0, y0, x1, y1;
		size_t target;
	} *links;
	size_t nlinks;
} cp__plan;

/* Output page of the first document page: after cover and index. */
#define CP__FIRST_DOC_PAGE(plan) (1 + (plan)->index_pages)

/* The label shown for a document's type: "Discharge summary". */
const char *cp__plan_doc_label(const cp__plan *plan, const cp__plan_doc *pd);

/* Renderers: each draws its pages on the canvas, in order. */
int cp__render_cover(cp__canvas *cv, const cp__plan *plan);
/* Lays the index out; returns the number of pages it needs. */
size_t cp__index_page_count(cp__canvas *cv, const cp__plan *plan);
int cp__render_index(cp__canvas *cv, cp__plan *plan);
/* Writes each image file's page as a PDF of its own (added to the
 * inputs; not in a dry run) and draws one stamp box per document page;
 * `stamp_first` receives the generated page of the first stamp box. */
int cp__render_document_pages(cp__canvas *cv, cp__plan *plan,
    size_t *stamp_first);

/* What a build noticed (glyph-missing warnings); see bundle.c. */
typedef struct cp__warnings cp__warnings;

/* Draws and assembles the bundle into `tmp` once (bundle.c). */
typedef int (*cp__write_fn)(cp__plan *plan, const cp__font *font,
    const char *tmp, cp__warnings *w, cp_error *err);

/*
 * With the bundle written to `tmp` by `write` over plan->opts->max_size
 * bytes, recompresses the JPEG photos step by step (never below
 * opts->min_dpi, default 150, at the size they are shown) and writes it
 * again until it fits.  Input PDFs are left as they are.  Returns CP_OK
 * with `tmp` under the limit, or CP_ETOOBIG with err naming the smallest
 * size reached and the largest documents (bundle_fit.c).
 */
int cp__bundle_fit(cp__plan *plan, const cp__font *font, const char *tmp,
    cp__warnings *w, cp__write_fn write_fn, cp_error *err);

/*
 * Assigns each document to a part of at most `part_size` bytes, in
 * bundle order, splitting only between documents (bundle_split.c).
 * Returns the number of parts, or CP_ETOOBIG naming a document that
 * does not fit in a part.
 */
int cp__split_assign(cp__plan *plan, uint64_t part_size, cp_error *err);

/* The stamp text of output page `page` of document `pd`. */
char *cp__stamp_text(const cp__plan *plan, const cp__plan_doc *pd,
    size_t page);

#endif
