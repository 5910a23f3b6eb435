/* qr_image.c - QR codes in the picture files e-invoices embed: PNG
 * and JBIG2 decoded to grey (pixels.c) and scanned (zbar). */
#include "read/qr_image_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/pixels_int.h"
#include "read/qr_scan.h"

/* Pixels a side the scanner gets at least (a small QR image is scaled
 * up to it) and at most (a large one is shrunk). */
#define SCAN_MIN_SIDE 400
#define SCAN_MAX_SIDE 2048
/* The largest whole factor a picture is scaled up by. */
#define SCAN_MAX_SCALE 8

/* A decoded picture: 8-bit grey, rows packed. */
typedef struct {
	unsigned char *px;
	int w, h;
} grey;

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
	cp__pixels px;
	grey g;
	int rc = 0;

	if (cp__pixels_is_png(data, len))
		rc = cp__pixels_from_png_grey(&px, data, len);
	else if (cp__pixels_is_jbig2(data, len))
		rc = cp__pixels_from_jbig2(&px, data, len);
	if (rc <= 0)
		return rc;
	g.px = px.px;
	g.w = (int)px.width;
	g.h = (int)px.height;
	rc = scan_grey(&g, paper, page);
	free(px.px);
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
