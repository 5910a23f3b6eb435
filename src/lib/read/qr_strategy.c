/* qr_strategy.c - where, and at which scales, to look for QR codes in a
 * picture (see qr_strategy.h for the order and why). */
#include "read/qr_strategy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/qr_scan.h"
#include "read/readers.h"

/* A look at a picture whose short side is smaller than this finds
 * nothing a larger look has not: step 2 is skipped below it. */
#define MIN_SIDE 400
/* Tiles of the full-size picture: at most about TILE_SIDE pixels a
 * side, overlapping by TILE_OVERLAP, so that a code up to TILE_OVERLAP
 * pixels wide lies whole in one tile (a larger one is found shrunk). */
#define TILE_SIDE 2560
#define TILE_OVERLAP 512
/* The largest picture enlarged for step 4 (qr_strategy.h): a chat
 * app's copy of a photo, a small scan. */
#define MAX_ENLARGED 4000000u
/* Distinct codes remembered, to count each once and hand it over once. */
#define MAX_SEEN 32
/* How much darker than the mean around it a pixel is to be ink: above
 * the noise of a phone's sensor and of JPEG, below a blurred module's
 * contrast. */
#define INK_MARGIN 10

typedef struct {
	cp__paper_facts *paper;
	int page;
	int found;                      /* distinct codes */
	char *seen[MAX_SEEN];
	size_t seen_len[MAX_SEEN];
	int nseen;
} hunt;

/* Whether the search may stop: the paper's invoice QR is known. */
static bool
hunt_done(const hunt *h)
{
	return h->paper->invoice.qr.text != NULL;
}

static int
on_code(void *ctx, const char *text, size_t len)
{
	hunt *h = ctx;
	int i;

	for (i = 0; i < h->nseen; i++)
		if (h->seen_len[i] == len && memcmp(h->seen[i], text, len) == 0)
			return 0;
	if (h->nseen < MAX_SEEN) {
		if ((h->seen[h->nseen] = malloc(len + 1)) == NULL)
			return -1;
		memcpy(h->seen[h->nseen], text, len);
		h->seen_len[h->nseen++] = len;
	}
	h->found++;
	return cp__paper_take_qr(h->paper, text, len, h->page);
}

int
cp__qr_shrink_to(int width, int height, int side, size_t pixels)
{
	int s = 1;

	while (s < (1 << 20) && ((width + s - 1) / s > side ||
	    (height + s - 1) / s > side ||
	    (size_t)((width + s - 1) / s) * (size_t)((height + s - 1) / s) >
	    pixels))
		s *= 2;
	return s;
}

/*
 * A copy of the grey picture in which each pixel is black (0) when it is
 * darker by INK_MARGIN than the mean of the square of side 2 * radius +
 * 1 around it, else white: ink stays ink under uneven light and blur.
 * The means are running sums, row by row and then down each column, so
 * the cost does not grow with the radius.  NULL when out of memory.
 */
static unsigned char *
binarize(const unsigned char *gray, int w, int h, size_t stride, int radius)
{
	unsigned char *out;
	uint16_t *rows;
	uint32_t *cols;
	int x, y, top, bottom, n, count;

	if (radius > 127)
		radius = 127;   /* row sums of 255 x 255 fit 16 bits */
	out = malloc((size_t)w * (size_t)h);
	rows = malloc((size_t)w * (size_t)h * sizeof(*rows));
	cols = calloc((size_t)w, sizeof(*cols));
	if (out == NULL || rows == NULL || cols == NULL) {
		free(out);
		free(rows);
		free(cols);
		return NULL;
	}
	/* The sum of each row's pixels within `radius` of x. */
	for (y = 0; y < h; y++) {
		const unsigned char *g = gray + (size_t)y * stride;
		uint16_t *r = rows + (size_t)y * (size_t)w;
		uint32_t sum = 0;

		for (x = 0; x < radius && x < w; x++)
			sum += g[x];
		for (x = 0; x < w; x++) {
			if (x + radius < w)
				sum += g[x + radius];
			if (x - radius - 1 >= 0)
				sum -= g[x - radius - 1];
			r[x] = (uint16_t)sum;
		}
	}
	/* Then down the columns, keeping the rows within `radius` of y. */
	for (y = 0; y < radius && y < h; y++)
		for (x = 0; x < w; x++)
			cols[x] += rows[(size_t)y * (size_t)w + (size_t)x];
	for (y = 0; y < h; y++) {
		const unsigned char *g = gray + (size_t)y * stride;

		if (y + radius < h)
			for (x = 0; x < w; x++)
				cols[x] += rows[(size_t)(y + radius) *
				    (size_t)w + (size_t)x];
		if (y - radius - 1 >= 0)
			for (x = 0; x < w; x++)
				cols[x] -= rows[(size_t)(y - radius - 1) *
				    (size_t)w + (size_t)x];
		top = y - radius < 0 ? 0 : y - radius;
		bottom = y + radius >= h ? h - 1 : y + radius;
		for (x = 0; x < w; x++) {
			n = (x + radius >= w ? w - 1 : x + radius) -
			    (x - radius < 0 ? 0 : x - radius) + 1;
			count = n * (bottom - top + 1);
			out[(size_t)y * (size_t)w + (size_t)x] =
			    (uint32_t)(g[x] + INK_MARGIN) * (uint32_t)count <
			    cols[x] ? 0 : 255;
		}
	}
	free(rows);
	free(cols);
	return out;
}

/*
 * One look: the grey picture as it is (unless `bin_only`), then, unless
 * that found the invoice, binarized with a radius that suits a picture
 * whose long side is `side` (a few modules of a small code).  0, or -1
 * when out of memory.
 */
static int
look(hunt *h, const unsigned char *gray, int w, int ht, size_t stride,
    int side, bool bin_only)
{
	unsigned char *bin;
	int rc, radius = side / 128 < 7 ? 7 : side / 128;

	if (!bin_only && cp__qr_scan_gray(gray, w, ht, stride, on_code, h) < 0)
		return -1;
	if (hunt_done(h))
		return 0;
	if ((bin = binarize(gray, w, ht, stride, radius)) == NULL)
		return -1;
	rc = cp__qr_scan_gray(bin, w, ht, (size_t)w, on_code, h);
	free(bin);
	return rc < 0 ? -1 : 0;
}

/* The number of tiles along a side of `len` pixels, and their length. */
static void
tiling(int len, int *n, int *tile)
{
	*n = len <= TILE_SIDE ? 1 : (len - TILE_OVERLAP + TILE_SIDE -
	    TILE_OVERLAP - 1) / (TILE_SIDE - TILE_OVERLAP);
	*tile = (len + (*n - 1) * TILE_OVERLAP + *n - 1) / *n;
	if (*tile > len)
		*tile = len;
}

/* Looks at the grey picture in overlapping tiles, stopping at the one
 * that gives the invoice. */
static int
look_tiles(hunt *h, const unsigned char *gray, int w, int ht, bool bin_only)
{
	int nx, ny, tw, th, i, j, x, y;

	tiling(w, &nx, &tw);
	tiling(ht, &ny, &th);
	for (j = 0; j < ny; j++) {
		y = ny == 1 ? 0 : (int)((long long)(ht - th) * j / (ny - 1));
		for (i = 0; i < nx; i++) {
			x = nx == 1 ? 0 : (int)((long long)(w - tw) * i /
			    (nx - 1));
			if (look(h, gray + (size_t)y * (size_t)w + (size_t)x,
			    tw, th, (size_t)w, w > ht ? w : ht, bin_only) != 0)
				return -1;
			if (hunt_done(h))
				return 0;
		}
	}
	return 0;
}

/*
 * The grey picture made twice as large, each new pixel a bilinear mix
 * of the four nearest (weights 3/4 and 1/4 along each axis): what gives
 * libzbar's edge finder room in modules of two or three pixels.  NULL
 * when out of memory.
 */
static unsigned char *
enlarge(const unsigned char *gray, int w, int h)
{
	unsigned char *out;
	int x, y, x0, x1, y0, y1, ow = 2 * w, oh = 2 * h;
	unsigned wx0, wy0;

	if ((out = malloc((size_t)ow * (size_t)oh)) == NULL)
		return NULL;
	for (y = 0; y < oh; y++) {
		/* Even rows lie a quarter above their source row, odd ones a
		 * quarter below. */
		y0 = y % 2 == 0 ? y / 2 - 1 : y / 2;
		y1 = y0 + 1;
		wy0 = y % 2 == 0 ? 1 : 3;
		if (y0 < 0)
			y0 = 0;
		if (y1 >= h)
			y1 = h - 1;
		for (x = 0; x < ow; x++) {
			const unsigned char *r0 = gray + (size_t)y0 * (size_t)w;
			const unsigned char *r1 = gray + (size_t)y1 * (size_t)w;

			x0 = x % 2 == 0 ? x / 2 - 1 : x / 2;
			x1 = x0 + 1;
			wx0 = x % 2 == 0 ? 1 : 3;
			if (x0 < 0)
				x0 = 0;
			if (x1 >= w)
				x1 = w - 1;
			out[(size_t)y * (size_t)ow + (size_t)x] = (unsigned char)
			    ((wy0 * (wx0 * r0[x0] + (4 - wx0) * r0[x1]) +
			    (4 - wy0) * (wx0 * r1[x0] + (4 - wx0) * r1[x1]) +
			    8) / 16);
		}
	}
	return out;
}

/* Has the source's picture shrunk by `shrink` and looks at it (in tiles
 * when `tiles`; enlarged twice, in tiles and binarized only, when
 * `enlarged`: the enlarged grey picture finds nothing the picture
 * itself does not).  0; 1 when the source failed; -1 when out of
 * memory. */
static int
look_at(hunt *h, const cp__qr_source *src, int shrink, bool tiles,
    bool enlarged)
{
	unsigned char *gray, *big;
	int w, ht, rc;

	if ((rc = src->gray(src->ctx, shrink, &gray, &w, &ht)) != 0)
		return rc;
	if (enlarged) {
		big = enlarge(gray, w, ht);
		free(gray);
		if ((gray = big) == NULL)
			return -1;
		w *= 2;
		ht *= 2;
		tiles = true;
	}
	if (tiles)
		rc = look_tiles(h, gray, w, ht, enlarged);
	else
		rc = look(h, gray, w, ht, (size_t)w, w > ht ? w : ht, false);
	free(gray);
	return rc;
}

int
cp__qr_search(cp__paper_facts *paper, const cp__qr_source *src, int page)
{
	hunt h;
	int first, full, rc, i;

	memset(&h, 0, sizeof(h));
	h.paper = paper;
	h.page = page;
	if (src->width <= 0 || src->height <= 0)
		return 0;
	first = cp__qr_shrink_to(src->width, src->height, CP__QR_FIRST_SIDE,
	    CP__QR_MAX_PIXELS);
	full = cp__qr_shrink_to(src->width, src->height, 1 << 20,
	    CP__QR_MAX_PIXELS);
	rc = look_at(&h, src, first, false, false);
	if (!src->thorough)
		goto out;
	if (rc == 0 && !hunt_done(&h) &&
	    (src->width < src->height ? src->width : src->height) /
	    (2 * first) >= MIN_SIDE)
		rc = look_at(&h, src, 2 * first, false, false);
	if (rc == 0 && !hunt_done(&h) && full < first)
		rc = look_at(&h, src, full, true, false);
	if (rc == 0 && !hunt_done(&h) && first == 1 &&
	    (size_t)src->width * (size_t)src->height <= MAX_ENLARGED)
		rc = look_at(&h, src, 1, true, true);
out:
	for (i = 0; i < h.nseen; i++)
		free(h.seen[i]);
	return rc < 0 ? -1 : h.found;
}

/* ---- pixels already decoded ------------------------------------------ */

typedef struct {
	const unsigned char *pixels;
	int width, height;
	size_t stride;
	int channels;
} pixels_source;

static int
pixels_gray(void *ctx, int shrink, unsigned char **out, int *w, int *h)
{
	const pixels_source *p = ctx;

	*out = cp__qr_gray_from(p->pixels, p->width, p->height, p->stride,
	    p->channels, shrink, w, h);
	return *out == NULL ? -1 : 0;
}

int
cp__read_qr_in_pixels(cp__paper_facts *paper, const unsigned char *pixels,
    int width, int height, size_t stride, int channels, int page,
    bool thorough)
{
	pixels_source p = { pixels, width, height, stride, channels };
	cp__qr_source src = { width, height, pixels_gray, &p, thorough };

	if (pixels == NULL || width <= 0 || height <= 0 || channels < 1 ||
	    channels > 4 || stride < (size_t)width * (size_t)channels)
		return 0;
	return cp__qr_search(paper, &src, page);
}
