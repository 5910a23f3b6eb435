/* pdf_render.c - the QR codes printed on a PDF's pages, found on the
 * pages rendered by poppler and cairo.
 *
 * Why render rather than look for images: an e-invoice PDF draws its QR
 * code as vector paths (filled rectangles), which no image extraction
 * would find; a scanned receipt holds the code inside a page-sized
 * picture; an OFD converted to PDF may do either.  The rendered page
 * shows the code however it was made (path, image, image mask, JBIG2,
 * inline image, behind a clip or a transformation), as it would print.
 *
 * Resolution: a fapiao's code is about 2 cm wide and holds at most 45
 * modules (version 7: a fiscal receipt's URL at level M); at 200 dpi
 * that is 157 pixels, 3.5 a module, which zbar reads reliably.  A page
 * where nothing is found is rendered once more at 300 dpi (5.2 pixels a
 * module: a code of 12 to 15 mm, or a scan whose noise hides thin
 * modules at 200 dpi), only while the paper has no invoice code yet, so
 * a fapiao whose code is found costs one render a page.
 *
 * Cost (one core of the build machine, -O2): an e-invoice page of
 * 210 x 140 mm at 200 dpi (1654 x 1103 pixels) renders in 10-40 ms and
 * is turned grey and scanned in 30-80 ms; an A4 page (3.9 million
 * pixels) takes about 0.1 s, and 0.2 s at 300 dpi.  At most 4 pages at
 * 200 dpi and 2 at 300 dpi: under a second for an ordinary paper (a
 * hostile content stream can take poppler longer; it has no time limit
 * to give). */
#include "read/pdf_reader.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "read/qr_scan.h"

#define FIRST_DPI 200.0
#define SECOND_DPI 300.0

/* The pages looked at: a fapiao is one page, an e-invoice PDF two at
 * most; a code further in is not an invoice's.  The second look is for
 * the first two only: it costs twice the first, and most often finds
 * nothing (a page with no code). */
#define QR_MAX_PAGES 4
#define SECOND_MAX_PAGES 2

/* The most pixels one render takes (80 MB at 4 bytes a pixel): A3 at
 * 300 dpi fits; a larger page box is rendered at a lower resolution. */
#define MAX_PIXELS (20.0 * 1000.0 * 1000.0)
/* cairo refuses sides over 32767 pixels. */
#define MAX_SIDE 16384.0

typedef struct {
	cp__paper_facts *paper;
	int page;
} found_ctx;

static int
found(void *ctx, const char *text, size_t len)
{
	found_ctx *f = ctx;

	return cp__paper_take_qr(f->paper, text, len, f->page);
}

/* cairo keeps each ARGB32 pixel as one native-endian 32-bit word (blue
 * in the low byte); the grey converter reads R, G, B, A bytes.  Turned
 * in place, row by row. */
static void
to_rgba_bytes(unsigned char *data, int width, int height, int stride)
{
	unsigned char *p;
	uint32_t v;
	int x, y;

	for (y = 0; y < height; y++) {
		p = data + (size_t)y * (size_t)stride;
		for (x = 0; x < width; x++, p += 4) {
			memcpy(&v, p, 4);
			p[0] = (unsigned char)(v >> 16);
			p[1] = (unsigned char)(v >> 8);
			p[2] = (unsigned char)v;
			p[3] = (unsigned char)(v >> 24);
		}
	}
}

/*
 * Renders `page` at `dpi` (less for a huge page box) on white and scans
 * it.  Returns the number of codes found (0 for a page with no size),
 * or -1 when out of memory.
 */
static int
render_and_scan(cp__paper_facts *paper, PopplerPage *page, int pageno, double dpi)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	found_ctx ctx = { paper, pageno };
	unsigned char *gray;
	double w = 0, h = 0, scale = dpi / 72.0;
	int pw, ph, gw, gh, n;
	cairo_t *cr;

	poppler_page_get_size(page, &w, &h);
	/* poppler gives a broken box a size of its own; what is left past
	 * 1e6 points (350 m) is nothing a person printed. */
	if (!(isfinite(w) && isfinite(h) && w > 0 && h > 0 && w < 1e6 &&
	    h < 1e6))
		return 0;
	if (w * scale > MAX_SIDE)
		scale = MAX_SIDE / w;
	if (h * scale > MAX_SIDE)
		scale = MAX_SIDE / h;
	/* Down in steps of 10% (at most some 25 of them from the largest
	 * sides), which spares the library libm for one square root. */
	while ((w * scale) * (h * scale) > MAX_PIXELS)
		scale *= 0.9;
	pw = (int)(w * scale + 0.5);
	ph = (int)(h * scale + 0.5);
	if (pw < 1 || ph < 1)
		return 0;

	surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	if ((status = cairo_surface_status(surface)) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return status == CAIRO_STATUS_NO_MEMORY ? -1 : 0;
	}
	cr = cairo_create(surface);
	/* White paper first: every pixel is then opaque, and cairo's
	 * premultiplied colours are the colours. */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render(page, cr);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_NO_MEMORY) {
		cairo_surface_destroy(surface);
		return -1;
	}
	cairo_surface_flush(surface);
	to_rgba_bytes(cairo_image_surface_get_data(surface), pw, ph,
	    cairo_image_surface_get_stride(surface));
	gray = cp__qr_gray_from(cairo_image_surface_get_data(surface), pw, ph,
	    (size_t)cairo_image_surface_get_stride(surface), 4, 1, &gw, &gh);
	cairo_surface_destroy(surface);
	if (gray == NULL)
		return -1;
	n = cp__qr_scan_gray(gray, gw, gh, 0, found, &ctx);
	free(gray);
	return n;
}

int
cp__pdf_find_qr(cp__paper_facts *paper, PopplerDocument *doc, int pages,
    bool thorough)
{
	bool missed[QR_MAX_PAGES] = { false };
	PopplerPage *page;
	int i, n, total = 0, last = pages < QR_MAX_PAGES ? pages : QR_MAX_PAGES;

	for (i = 0; i < last; i++) {
		if ((page = poppler_document_get_page(doc, i)) == NULL)
			continue;
		n = render_and_scan(paper, page, i + 1, FIRST_DPI);
		g_object_unref(page);
		if (n < 0)
			return -1;
		missed[i] = n == 0;
		total += n;
	}
	for (i = 0; i < last && i < SECOND_MAX_PAGES && thorough &&
	    paper->invoice.qr.text == NULL; i++) {
		if (!missed[i] ||
		    (page = poppler_document_get_page(doc, i)) == NULL)
			continue;
		n = render_and_scan(paper, page, i + 1, SECOND_DPI);
		g_object_unref(page);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}
