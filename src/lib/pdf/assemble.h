/* assemble.h - putting the bundle together with libqpdf.  Private.
 *
 * The renderer (libharu) draws the pages claimpack makes itself into one
 * PDF in memory, the "generated" PDF: the cover, the index pages, one page
 * per image file, and one small "stamp box" per input PDF page (the
 * footer text, drawn on a page of stamp_width x stamp_height points).
 * cp__assemble_write() reads that PDF and every input PDF with libqpdf,
 * lays the output pages out in the order `pages` gives, overlays each
 * input page's stamp box at the bottom of the page as seen, and adds the
 * outline (bookmarks), page labels, index links, attachments and info.
 * Input PDFs' text and vector content pass through as they are: nothing
 * is rasterized.
 */
#ifndef CP_ASSEMBLE_H
#define CP_ASSEMBLE_H

#include <stddef.h>

#include "claimpack.h"
#include "util/infile.h"

#define CP__FROM_GENERATED (-1)

/* One page of the output, in output order. */
typedef struct {
	int source;        /* CP__FROM_GENERATED, or an index into inputs */
	size_t page;       /* 0-based page within its source */
	int stamp;         /* for input pages: 0-based page of the generated
	                      PDF holding this page's stamp box; -1 for none.
	                      Generated pages are stamped by the renderer. */
	int rotate;        /* degrees clockwise added to the page's /Rotate
	                      (0, 90, 180 or 270): a paper scanned the wrong
	                      way round; the stamp follows the page as seen */
} cp__out_page;

/* A bookmark.  Children nest under it. */
typedef struct cp__outline cp__outline;
struct cp__outline {
	const char *title;         /* UTF-8 */
	size_t page;               /* 0-based output page it opens */
	/* When import_input >= 0, the bookmarks of that input PDF are copied
	 * under this item (after `children`), their targets mapped to output
	 * pages: input page i -> output page import_first_page + i.  Items
	 * whose target cannot be resolved open the document's first page. */
	int import_input;
	size_t import_first_page;
	const cp__outline *children;
	size_t nchildren;
};

/* A link: a rectangle on an output page that opens another page. */
typedef struct {
	size_t page;               /* 0-based output page holding the link */
	double x0, y0, x1, y1;     /* rectangle in that page's user space */
	size_t target;             /* 0-based output page it opens */
} cp__link;

/* The largest file the assembler embeds from a path (an e-invoice is a
 * few hundred KB). */
#define CP__ATTACH_FILE_MAX (20u << 20)

/*
 * A file embedded in the PDF (/EmbeddedFiles), byte for byte: its
 * stream is written with the filter libqpdf compresses it with recorded
 * (/FlateDecode), so that a viewer extracts exactly these bytes; its
 * /Params hold the /Size and no dates, so the same bytes give the same
 * PDF.
 */
typedef struct {
	const char *name;          /* file name shown by viewers, UTF-8 */
	const char *description;   /* or NULL */
	const char *mime;          /* e.g. "application/json" */
	/* The bytes: `len` at `data`; or, when `path` is not NULL, the file
	 * at `path` as it is (at most CP__ATTACH_FILE_MAX bytes), read only
	 * while its stream is made, so that no more than one such file is
	 * held beside libqpdf's copies. */
	const unsigned char *data;
	size_t len;
	const char *path;
} cp__attachment;

/* An input PDF held in memory, read from there rather than by name. */
typedef struct {
	const unsigned char *data;       /* the PDF; NULL: read it by name */
	size_t len;
	const cp__inmap *file_part;      /* a part of `data` mapped from a
	                                    file, whose pages may leave
	                                    memory as the bundle is written
	                                    (util/infile.h); or NULL */
} cp__asm_memory;

typedef struct {
	const unsigned char *generated;  /* libharu's PDF; must stay valid */
	size_t generated_len;            /* until cp__assemble_write returns */
	const char *const *inputs;       /* paths of input PDFs (read-only) */
	const cp__asm_memory *memory;    /* NULL, or for each input: held
	                                    in memory (inputs[i] then names
	                                    it in messages) */
	size_t ninputs;
	/* The last `own_inputs` inputs are pages claimpack made (photos,
	 * placeholders): their CMYK JPEGs get the colour correction and
	 * their fonts the ToUnicode maps the generated PDF gets.  The others
	 * (the hospital's PDFs) pass through untouched. */
	size_t own_inputs;
	const cp__out_page *pages;
	size_t npages;
	double stamp_width;              /* size of every stamp box, points */
	double stamp_height;
	const cp__outline *outline;      /* top-level bookmarks */
	size_t noutline;
	/* Page labels: the first `cover_pages` pages are labelled "Cover",
	 * the next `index_pages` "Index" (or "Index-1", "Index-2"... when
	 * more than one), and the rest 1, 2, 3... */
	size_t cover_pages;
	size_t index_pages;
	const cp__link *links;
	size_t nlinks;
	const cp__attachment *attachments;
	size_t nattachments;
	/* The file's /ID as 32 hex digits, derived by the caller from what
	 * makes it unique; NULL: an MD5 of the whole output (slower). */
	const char *id_hex;
	const char *title;               /* /Info /Title, UTF-8, or NULL */
	const char *subject;             /* /Info /Subject, or NULL */
	const char *out_path;            /* the file to write (the caller
	                                    writes to a temporary name and
	                                    renames it) */
} cp__assembly;

/*
 * Writes the assembled PDF to a->out_path.  The output is deterministic:
 * the same inputs give the same bytes (deterministic /ID, no dates), and
 * it passes `qpdf --check`.  Never writes to the inputs.  Returns CP_OK,
 * or CP_EIO with err naming the input file and libqpdf's reason (e.g. an
 * input that cannot be opened) or the output, or CP_ENOMEM.
 */
int cp__assemble_write(const cp__assembly *a, cp_error *err);

#endif
