/* assemble_int.h - what the assembler's files share.  Private to pdf/.
 *
 * cp__assemble_write() (assemble.c) checks the caller's description
 * (assembly_check.c), opens the sources, copies the output pages, and
 * then hands the output to one file per part of the bundle:
 *
 *   stamp.c         the stamp boxes drawn on the input pages
 *   links.c         the index links, and the input pages' own links
 *   dest.c          destinations: reading an input's, making the output's
 *   outline.c       the bookmarks, with those imported from the inputs
 *   labels.c        the page labels
 *   attachments.c   the embedded files
 *   write.c         /Info, the PDF version, writing, the /ID
 *
 * Each step returns CP_OK or fills c->err and returns the status, so
 * that the first failure ends the assembly.
 */
#ifndef CP_ASSEMBLE_INT_H
#define CP_ASSEMBLE_INT_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

#include "pdf/assemble.h"
#include "util/infile.h"

/* An opened source document. */
typedef struct {
	qpdf_data q;        /* NULL when not opened */
	const char *path;   /* the input's path; NULL for the generated PDF */
	size_t npages;
	cp__inmap map;      /* a claim's PDF, read from memory
	                       (qpdf_input_int.h); released after q */
} cp__asm_source;

/* One assembly in progress. */
typedef struct {
	const cp__assembly *a;
	cp_error *err;
	qpdf_data out;          /* the bundle being built */
	cp__asm_source gen;     /* the generated PDF */
	cp__asm_source *in;     /* a->ninputs */
	qpdf_oh *page;          /* output page i in `out` */
} cp__asm_ctx;

/* Drops the input PDFs' mapped pages from memory: they are read back
 * from the page cache when touched again (util/infile.h), so that the
 * resident set does not grow with every input read (forget.c). */
void cp__asm_forget_input_pages(cp__asm_ctx *c);

/* A thread that drops them every millisecond while libqpdf writes;
 * NULL when it cannot be started (the write goes on without). */
typedef struct cp__asm_forgetter cp__asm_forgetter;
cp__asm_forgetter *cp__asm_forgetter_start(cp__asm_ctx *c);
void cp__asm_forgetter_stop(cp__asm_forgetter *f);

/* What can be checked of `a` before any file is opened: CP_OK, or
 * CP_EINVAL with err saying what is wrong. */
int cp__asm_check_arguments(const cp__assembly *a, cp_error *err);

/* What needs the sources' page counts (every page and stamp the
 * description names exists): CP_OK, or CP_EINVAL. */
int cp__asm_check_pages(cp__asm_ctx *c);

/* The /Rotate of `page` as 0, 90, 180 or 270 (clockwise, as the page
 * is shown); a value that is not a multiple of 90 counts as 0, as
 * viewers show such a page. */
int cp__asm_page_rotation(qpdf_data q, qpdf_oh page);

/* Overlays each input page that has one with its stamp box, at the
 * bottom of the page as seen. */
int cp__asm_stamp_pages(cp__asm_ctx *c);

/* Points the input pages' own links at the bundle's pages. */
int cp__asm_fix_input_links(cp__asm_ctx *c);

/* Drops the value of every signature field of the copied input pages
 * (their widgets and appearances stay): the signatures cannot survive
 * the copy, and a viewer would call them invalid (signatures.c). */
int cp__asm_unsign_pages(cp__asm_ctx *c);

/* Adds the caller's links (a->links). */
int cp__asm_add_links(cp__asm_ctx *c);

/* Builds the outline (a->outline), importing the inputs' bookmarks. */
int cp__asm_add_outline(cp__asm_ctx *c);

/* Adds the page labels: "Cover", "Index" or "Index-N", then 1, 2, 3... */
int cp__asm_add_page_labels(cp__asm_ctx *c);

/* Adds a->attachments to the /EmbeddedFiles name tree; CP_EINVAL when
 * two have the same name. */
int cp__asm_add_attachments(cp__asm_ctx *c);

/* Sets /Info: the caller's title and subject, creator and producer. */
int cp__asm_add_info(cp__asm_ctx *c);

/* Writes the output to a->out_path, with the deterministic /ID. */
int cp__asm_write(cp__asm_ctx *c);

/* ---- destinations (dest.c) ---- */

/* [page /Fit] for 0-based output page `page`. */
qpdf_oh cp__asm_fit_dest(cp__asm_ctx *c, size_t page);

/* The destination of an input outline item or link annotation `node` (its
 * /Dest, or the /D of a GoTo action), following named destinations, as
 * an explicit array; 0 when there is none. */
qpdf_oh cp__asm_item_dest(qpdf_data q, qpdf_oh node);

/* The 0-based page of `src` that the explicit destination `arr` opens,
 * or -1. */
long cp__asm_dest_page(const cp__asm_source *src, qpdf_oh arr);

/* The output destination for an input destination `arr` (or 0) that
 * opens output page `page`: the same view (/XYZ left top zoom, /FitH
 * top ...) when it is well-formed, since the page's user space is
 * unchanged; else [page /Fit]. */
qpdf_oh cp__asm_mapped_dest(cp__asm_ctx *c, const cp__asm_source *src,
    qpdf_oh arr, size_t page);

#endif
