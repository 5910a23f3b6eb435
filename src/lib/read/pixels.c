/* pixels.c - the picture files e-invoices embed, decoded to 8-bit
 * pixels: PNG (libpng), JBIG2 (jbig2dec) and BMP (read here). */
#include "read/pixels_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jbig2.h>
#include <png.h>

static const unsigned char png_sig[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};
static const unsigned char jbig2_sig[8] = {
	0x97, 'J', 'B', '2', '\r', '\n', 0x1a, '\n'
};

bool
cp__pixels_is_png(const unsigned char *data, size_t len)
{
	return len >= sizeof(png_sig) && memcmp(data, png_sig, 8) == 0;
}

bool
cp__pixels_is_jbig2(const unsigned char *data, size_t len)
{
	return len >= sizeof(jbig2_sig) && memcmp(data, jbig2_sig, 8) == 0;
}

bool
cp__pixels_is_bmp(const unsigned char *data, size_t len)
{
	return len >= 26 && data[0] == 'B' && data[1] == 'M';
}

static bool
fits(uint64_t w, uint64_t h)
{
	return w > 0 && h > 0 && w <= 65535 && h <= 65535 &&
	    w * h <= CP__PIXELS_MAX;
}

/* Allocates out->px for a picture of w x h pixels of `channels`
 * samples; 1, or -1 when out of memory. */
static int
take_size(cp__pixels *out, uint32_t w, uint32_t h, unsigned channels)
{
	if ((out->px = malloc((size_t)w * h * channels)) == NULL)
		return -1;
	out->width = w;
	out->height = h;
	out->channels = channels;
	return 1;
}

/* ---- PNG ------------------------------------------------------------- */

/* libpng's simplified API keeps its longjmp inside; any failure is "no
 * picture". */
int
cp__pixels_from_png_grey(cp__pixels *out, const unsigned char *data,
    size_t len)
{
	png_color white = { 255, 255, 255 };
	png_image img;

	memset(out, 0, sizeof(*out));
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!cp__pixels_is_png(data, len) ||
	    !png_image_begin_read_from_memory(&img, data, len))
		return 0;
	if (!fits(img.width, img.height)) {
		png_image_free(&img);
		return 0;
	}
	img.format = PNG_FORMAT_GRAY;
	if (take_size(out, img.width, img.height, 1) < 0) {
		png_image_free(&img);
		return -1;
	}
	if (!png_image_finish_read(&img, &white, out->px, 0, NULL)) {
		png_image_free(&img);
		free(out->px);
		memset(out, 0, sizeof(*out));
		return 0;
	}
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

	if (size > CP__PIXELS_JBIG2_MEMORY - b->used)
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
	if (size > old && size - old > CP__PIXELS_JBIG2_MEMORY - b->used)
		return NULL;
	if ((q = realloc(p, size + HDR)) == NULL)
		return NULL;
	memcpy(q, &size, sizeof(size));
	b->used = b->used - old + size;
	return q + HDR;
}

/* The decoder's messages are not errors of ours: a damaged picture
 * simply holds nothing.  Without this callback jbig2dec prints them. */
static void
jbig2_quiet(void *data, const char *msg, Jbig2Severity severity,
    uint32_t seg_idx)
{
	(void)data;
	(void)msg;
	(void)severity;
	(void)seg_idx;
}

/* Copies a bilevel page (1 is black) into *out as grey. */
static int
grey_from_bits(cp__pixels *out, const Jbig2Image *img)
{
	uint32_t x, y;

	if (!fits(img->width, img->height) ||
	    img->stride < (img->width + 7) / 8)
		return 0;
	if (take_size(out, img->width, img->height, 1) < 0)
		return -1;
	for (y = 0; y < img->height; y++) {
		const uint8_t *row = img->data + (size_t)y * img->stride;
		unsigned char *o = out->px + (size_t)y * img->width;

		for (x = 0; x < img->width; x++)
			o[x] = (row[x >> 3] >> (7 - (x & 7))) & 1 ? 0 : 255;
	}
	return 1;
}

int
cp__pixels_from_jbig2(cp__pixels *out, const unsigned char *data, size_t len)
{
	budget b = { { budget_alloc, budget_free, budget_realloc }, 0 };
	Jbig2Image *img;
	Jbig2Ctx *ctx;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!cp__pixels_is_jbig2(data, len))
		return 0;
	if ((ctx = jbig2_ctx_new(&b.a, 0, NULL, jbig2_quiet, NULL)) == NULL)
		return 0;
	if (jbig2_data_in(ctx, data, len) >= 0) {
		/* A stream without its end-of-page segment still gives the
		 * page decoded so far. */
		(void)jbig2_complete_page(ctx);
		if ((img = jbig2_page_out(ctx)) != NULL) {
			rc = grey_from_bits(out, img);
			jbig2_release_page(ctx, img);
		}
	}
	jbig2_ctx_free(ctx);
	return rc;
}

/* ---- BMP ------------------------------------------------------------- */

/* What a BMP's headers say. */
typedef struct {
	int32_t width, height;          /* height < 0: rows top down */
	unsigned bpp;
	uint32_t compression;
	uint32_t masks[3];              /* red, green, blue (16, 32 bits) */
	const unsigned char *palette;   /* entries of `entry` bytes, BGR */
	size_t colors, entry;
	size_t offset;                  /* of the first row */
} bmp_info;

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Reads the headers; 1 when they describe a picture this file decodes
 * (not compressed, 1/4/8/16/24/32 bits, the palette inside the file). */
static int
bmp_headers(bmp_info *bi, const unsigned char *data, size_t len)
{
	size_t hsize, after;
	uint32_t used;

	memset(bi, 0, sizeof(*bi));
	hsize = le32(data + 14);
	bi->offset = le32(data + 10);
	if (hsize == 12) {
		if (len < 26)
			return 0;
		bi->width = (int32_t)le16(data + 18);
		bi->height = (int32_t)le16(data + 20);
		bi->bpp = le16(data + 24);
		bi->entry = 3;
		used = 0;
	} else if (hsize >= 40 && hsize <= 256 && len >= 14 + hsize) {
		bi->width = (int32_t)le32(data + 18);
		bi->height = (int32_t)le32(data + 22);
		bi->bpp = le16(data + 28);
		bi->compression = le32(data + 30);
		used = le32(data + 46);
		bi->entry = 4;
	} else {
		return 0;
	}
	after = 14 + hsize;
	if (bi->compression == 3 && (bi->bpp == 16 || bi->bpp == 32)) {
		/* BI_BITFIELDS: the masks end the header or follow it */
		const unsigned char *m = data + 14 + 40;

		if (len < 14 + 40 + 12)
			return 0;
		if (after < 14 + 40 + 12)
			after = 14 + 40 + 12;
		bi->masks[0] = le32(m);
		bi->masks[1] = le32(m + 4);
		bi->masks[2] = le32(m + 8);
	} else if (bi->compression != 0) {
		return 0;       /* RLE, JPEG or PNG inside a BMP */
	} else if (bi->bpp == 16) {
		bi->masks[0] = 0x7c00;
		bi->masks[1] = 0x03e0;
		bi->masks[2] = 0x001f;
	} else if (bi->bpp == 32) {
		bi->masks[0] = 0xff0000;
		bi->masks[1] = 0x00ff00;
		bi->masks[2] = 0x0000ff;
	}
	if (bi->bpp == 1 || bi->bpp == 4 || bi->bpp == 8) {
		bi->colors = used > 0 && used < (1u << bi->bpp) ? used :
		    1u << bi->bpp;
		if (after > len || (len - after) / bi->entry < bi->colors)
			return 0;
		bi->palette = data + after;
	} else if (bi->bpp != 16 && bi->bpp != 24 && bi->bpp != 32) {
		return 0;
	}
	if (bi->width <= 0 || bi->height == 0 || bi->height == INT32_MIN)
		return 0;
	return fits((uint64_t)bi->width, (uint64_t)(bi->height < 0 ?
	    -(int64_t)bi->height : bi->height));
}

/* The 8-bit value of the bits of `v` under `mask`. */
static unsigned char
masked(uint32_t v, uint32_t mask)
{
	unsigned shift = 0, bits = 0;
	uint32_t x;

	if (mask == 0)
		return 0;
	while (!((mask >> shift) & 1))
		shift++;
	for (x = mask >> shift; x & 1; x >>= 1)
		bits++;
	x = (v & mask) >> shift;
	if (bits >= 8)
		return (unsigned char)(x >> (bits - 8));
	return (unsigned char)(x * 255u / ((1u << bits) - 1));
}

/* Writes pixel `x` of `row` as RGB at `o`. */
static void
bmp_pixel(const bmp_info *bi, const unsigned char *row, uint32_t x,
    unsigned char *o)
{
	const unsigned char *p;
	size_t index;
	uint32_t v;

	switch (bi->bpp) {
	case 1:
	case 4:
	case 8:
		index = bi->bpp == 8 ? row[x] : bi->bpp == 4 ?
		    (size_t)(row[x / 2] >> (x % 2 ? 0 : 4)) & 0x0f :
		    (size_t)(row[x / 8] >> (7 - x % 8)) & 1;
		if (index >= bi->colors)
			index = 0;
		p = bi->palette + index * bi->entry;
		o[0] = p[2];
		o[1] = p[1];
		o[2] = p[0];
		break;
	case 24:
		o[0] = row[3 * x + 2];
		o[1] = row[3 * x + 1];
		o[2] = row[3 * x];
		break;
	default:
		v = bi->bpp == 16 ? le16(row + 2 * x) : le32(row + 4 * x);
		o[0] = masked(v, bi->masks[0]);
		o[1] = masked(v, bi->masks[1]);
		o[2] = masked(v, bi->masks[2]);
		break;
	}
}

int
cp__pixels_from_bmp(cp__pixels *out, const unsigned char *data, size_t len)
{
	uint32_t w, h, x, y;
	uint64_t stride;
	bmp_info bi;

	memset(out, 0, sizeof(*out));
	if (!cp__pixels_is_bmp(data, len) || bmp_headers(&bi, data, len) != 1)
		return 0;
	w = (uint32_t)bi.width;
	h = bi.height < 0 ? (uint32_t)-(int64_t)bi.height : (uint32_t)bi.height;
	stride = ((uint64_t)w * bi.bpp + 31) / 32 * 4;
	if (bi.offset > len || (len - bi.offset) / stride < h)
		return 0;       /* cut short */
	if (take_size(out, w, h, 3) < 0)
		return -1;
	for (y = 0; y < h; y++) {
		/* rows are stored bottom up unless the height is negative */
		uint32_t src = bi.height < 0 ? y : h - 1 - y;
		const unsigned char *row = data + bi.offset + src * stride;
		unsigned char *o = out->px + (size_t)y * w * 3;

		for (x = 0; x < w; x++)
			bmp_pixel(&bi, row, x, o + 3 * (size_t)x);
	}
	return 1;
}
