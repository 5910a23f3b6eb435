/* qr_image.c - QR codes in the picture files e-invoices embed: PNG
 * (libpng) and JBIG2 (jbig2dec) decoded to grey and scanned (zbar). */
#include "read/qr_image_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jbig2.h>
#include <png.h>

#include "read/qr_scan.h"

/* Pixels a side the scanner gets at least (a small QR image is scaled
 * up to it) and at most (a large one is shrunk). */
#define SCAN_MIN_SIDE 400
#define SCAN_MAX_SIDE 2048
/* The largest whole factor a picture is scaled up by. */
#define SCAN_MAX_SCALE 8

static const unsigned char png_sig[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};
static const unsigned char jbig2_sig[8] = {
	0x97, 'J', 'B', '2', '\r', '\n', 0x1a, '\n'
};

/* A decoded picture: 8-bit grey, rows packed. */
typedef struct {
	unsigned char *px;
	int w, h;
} grey;

static int
fits(uint64_t w, uint64_t h)
{
	return w > 0 && h > 0 && w <= 65535 && h <= 65535 &&
	    w * h <= CP__QR_IMAGE_MAX_PIXELS;
}

/* ---- PNG ------------------------------------------------------------- */

/* Decodes a PNG into *g, alpha over white.  libpng's simplified API
 * keeps its longjmp inside; any failure is "no picture". */
static int
decode_png(grey *g, const unsigned char *data, size_t len)
{
	png_color white = { 255, 255, 255 };
	png_image img;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return 0;
	if (!fits(img.width, img.height)) {
		png_image_free(&img);
		return 0;
	}
	img.format = PNG_FORMAT_GRAY;
	if ((g->px = malloc((size_t)img.width * img.height)) == NULL) {
		png_image_free(&img);
		return -1;
	}
	if (!png_image_finish_read(&img, &white, g->px, 0, NULL)) {
		png_image_free(&img);
		free(g->px);
		g->px = NULL;
		return 0;
	}
	g->w = (int)img.width;
	g->h = (int)img.height;
	return 1;
}

/* ---- JBIG2 ----------------------------------------------------------- */

/* jbig2dec's memory, counted: a file may claim a page of any size, and
 * the decoder allocates what it claims. */
typedef struct {
	Jbig2Allocator a;       /* first: jbig2dec passes it back to us */
	size_t used;
} budget;

#define HDR sizeof(max_align_t)

static void *
budget_alloc(Jbig2Allocator *a, size_t size)
{
	budget *b = (budget *)a;
	unsigned char *p;

	if (size > CP__QR_IMAGE_JBIG2_MEMORY - b->used)
		return NULL;
	if ((p = malloc(size + HDR)) == NULL)
		return NULL;
	memcpy(p, &size, sizeof(size));
	b->used += size;
	return p + HDR;
}

static void
budget_free(Jbig2Allocator *a, void *ptr)
{
	budget *b = (budget *)a;
	unsigned char *p;
	size_t size;

	if (ptr == NULL)
		return;
	p = (unsigned char *)ptr - HDR;
	memcpy(&size, p, sizeof(size));
	b->used -= size;
	free(p);
}

static void *
budget_realloc(Jbig2Allocator *a, void *ptr, size_t size)
{
	budget *b = (budget *)a;
	unsigned char *p, *q;
	size_t old;

	if (ptr == NULL)
		return budget_alloc(a, size);
	p = (unsigned char *)ptr - HDR;
	memcpy(&old, p, sizeof(old));
	if (size > old && size - old > CP__QR_IMAGE_JBIG2_MEMORY - b->used)
		return NULL;
	if ((q = realloc(p, size + HDR)) == NULL)
		return NULL;
	memcpy(q, &size, sizeof(size));
	b->used = b->used - old + size;
	return q + HDR;
}

/* The decoder's messages are not errors of ours: a damaged picture
 * simply holds no code.  Without this callback jbig2dec prints them. */
static void
jbig2_quiet(void *data, const char *msg, Jbig2Severity severity,
    uint32_t seg_idx)
{
	(void)data;
	(void)msg;
	(void)severity;
	(void)seg_idx;
}

/* Copies a bilevel page (1 is black) into *g. */
static int
grey_from_bits(grey *g, const Jbig2Image *img)
{
	uint32_t x, y;

	if (!fits(img->width, img->height) ||
	    img->stride < (img->width + 7) / 8)
		return 0;
	if ((g->px = malloc((size_t)img->width * img->height)) == NULL)
		return -1;
	for (y = 0; y < img->height; y++) {
		const uint8_t *row = img->data + (size_t)y * img->stride;
		unsigned char *out = g->px + (size_t)y * img->width;

		for (x = 0; x < img->width; x++)
			out[x] = (row[x >> 3] >> (7 - (x & 7))) & 1 ? 0 : 255;
	}
	g->w = (int)img->width;
	g->h = (int)img->height;
	return 1;
}

static int
decode_jbig2(grey *g, const unsigned char *data, size_t len)
{
	budget b = { { budget_alloc, budget_free, budget_realloc }, 0 };
	Jbig2Image *img;
	Jbig2Ctx *ctx;
	int rc = 0;

	if ((ctx = jbig2_ctx_new(&b.a, 0, NULL, jbig2_quiet, NULL)) == NULL)
		return 0;
	if (jbig2_data_in(ctx, data, len) >= 0) {
		/* A stream without its end-of-page segment still gives the
		 * page decoded so far. */
		(void)jbig2_complete_page(ctx);
		if ((img = jbig2_page_out(ctx)) != NULL) {
			rc = grey_from_bits(g, img);
			jbig2_release_page(ctx, img);
		}
	}
	jbig2_ctx_free(ctx);
	return rc;
}

/* ---- scanning -------------------------------------------------------- */

typedef struct {
	cp__paper_facts *paper;
	int page;
} scan_ctx;

static int
found(void *ctx, const char *text, size_t len)
{
	scan_ctx *sc = ctx;

	return cp__paper_take_qr(sc->paper, text, len, sc->page);
}

/*
 * zbar needs a quiet zone of white around a code and a few pixels per
 * module: an OFD's QR image is cut to the code's edge and can be 100
 * pixels for 29 modules.  So the picture is scaled up by a whole factor
 * (nearest neighbour keeps the edges sharp) and framed in white, a
 * tenth of its side each way.
 */
static int
scan_framed(const grey *g, scan_ctx *sc)
{
	int side = g->w > g->h ? g->w : g->h;
	int s = (SCAN_MIN_SIDE + side - 1) / side, q, fw, fh, x, y, rc;
	unsigned char *f;

	if (s < 1)
		s = 1;
	if (s > SCAN_MAX_SCALE)
		s = SCAN_MAX_SCALE;
	q = side * s / 10;
	if (q < 16)
		q = 16;
	fw = g->w * s + 2 * q;
	fh = g->h * s + 2 * q;
	if ((f = malloc((size_t)fw * (size_t)fh)) == NULL)
		return -1;
	memset(f, 255, (size_t)fw * (size_t)fh);
	for (y = 0; y < g->h * s; y++) {
		const unsigned char *src = g->px +
		    (size_t)(y / s) * (size_t)g->w;
		unsigned char *dst = f + (size_t)(y + q) * (size_t)fw + q;

		for (x = 0; x < g->w * s; x++)
			dst[x] = src[x / s];
	}
	rc = cp__qr_scan_gray(f, fw, fh, 0, found, sc);
	free(f);
	return rc;
}

/* Scans *g, shrunk first when it is large. */
static int
scan_grey(const grey *g, cp__paper_facts *paper, int page)
{
	scan_ctx sc = { paper, page };
	int side = g->w > g->h ? g->w : g->h, shrink, w, h, rc;
	grey small;

	if (side <= SCAN_MAX_SIDE)
		return scan_framed(g, &sc);
	shrink = (side + SCAN_MAX_SIDE - 1) / SCAN_MAX_SIDE;
	if ((small.px = cp__qr_gray_from(g->px, g->w, g->h, (size_t)g->w, 1,
	    shrink, &w, &h)) == NULL)
		return -1;
	small.w = w;
	small.h = h;
	rc = scan_framed(&small, &sc);
	free(small.px);
	return rc;
}

int
cp__qr_image_scan(cp__paper_facts *paper, const unsigned char *data, size_t len,
    int page)
{
	grey g = { NULL, 0, 0 };
	int rc = 0;

	if (len >= sizeof(png_sig) && memcmp(data, png_sig, 8) == 0)
		rc = decode_png(&g, data, len);
	else if (len >= sizeof(jbig2_sig) && memcmp(data, jbig2_sig, 8) == 0)
		rc = decode_jbig2(&g, data, len);
	if (rc <= 0)
		return rc;
	rc = scan_grey(&g, paper, page);
	free(g.px);
	return rc;
}

/* ---- base64 ---------------------------------------------------------- */

#define B64_PNG "iVBORw0KGgo"
#define DATA_URI "data:image/png;base64,"

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Skips white space and a data URI's head. */
static const char *
b64_start(const char *text)
{
	while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
		text++;
	if (strncmp(text, DATA_URI, sizeof(DATA_URI) - 1) == 0)
		text += sizeof(DATA_URI) - 1;
	return text;
}

int
cp__qr_image_is_base64_png(const char *text)
{
	return strncmp(b64_start(text), B64_PNG, sizeof(B64_PNG) - 1) == 0;
}

int
cp__qr_image_scan_base64(cp__paper_facts *paper, const char *text, int page)
{
	const unsigned char *s = (const unsigned char *)b64_start(text);
	unsigned char *out;
	size_t n = 0;
	uint32_t acc = 0;
	int bits = 0, v, rc;

	if ((out = malloc(strlen((const char *)s) / 4 * 3 + 3)) == NULL)
		return -1;
	for (; *s != '\0' && *s != '='; s++) {
		if ((v = b64_value(*s)) < 0)
			continue;       /* line breaks and spaces */
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	rc = cp__qr_image_scan(paper, out, n, page);
	free(out);
	return rc;
}
