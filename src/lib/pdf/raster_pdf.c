/* raster_pdf.c - PDF pages of decoded images, streamed into a file.
 *
 * A page is a handful of objects around one image XObject: the page, its
 * content (one `cm` and one `Do`), the image, the image's /Length as an
 * object of its own written after the stream (so that nothing waits for
 * the stream's size), and when needed the ICC profile and the alpha
 * /SMask with its /Length.  Objects are numbered as they are written and
 * the cross-reference table is made from the offsets counted here.
 *
 * The colour rows are PNG-predicted (/Predictor 15: each row with the
 * filter that suits it best) and deflated straight into the file as they
 * are read.  A stream has to be written in one piece, so the alpha rows,
 * which arrive interleaved with the colour, are deflated into memory and
 * written after the colour: alpha planes are mostly flat and deflate to
 * a few bytes a row, and even a noisy one is smaller than the pixels a
 * decoder may already hold (an interlaced PNG).  A second pass over the
 * file is not possible: the raster comes open and is read once.
 *
 * Nothing depends on the time, the locale or uninitialised memory: the
 * same pixels give the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>
#include <zlib.h>

#include "pdf/raster_pdf.h"
#include "pdf/objects_int.h"
#include "util/error.h"

/* zlib's level, fixed: the bytes must not depend on a default. */
#define DEFLATE_LEVEL 6
/* Bytes written or deflated at a time. */
#define CHUNK 65536u
/* Rows read from the raster at a time: about this many bytes. */
#define READ_BYTES (1u << 20)

struct cp__raster_pdf {
	FILE *f;
	const char *name;       /* the file as the user wrote it */
	uint64_t pos;           /* bytes written so far */
	bool failed;            /* a write failed: only aborting is left */
	uint64_t *offsets;      /* offsets[n]: where object n starts */
	size_t nobjects;        /* objects numbered so far, 0 included */
	size_t cap;
	size_t *pages;          /* the page objects, in order */
	size_t npages, pages_cap;
};

/* The catalog and the page tree have fixed numbers: the page tree is
 * written last, when its kids are known. */
#define OBJ_CATALOG 1u
#define OBJ_PAGES 2u

/* ---- writing -------------------------------------------------------- */

static void
put(cp__raster_pdf *w, const void *data, size_t len)
{
	if (w->failed || len == 0)
		return;
	if (fwrite(data, 1, len, w->f) != len)
		w->failed = true;
	w->pos += len;
}

static void putf(cp__raster_pdf *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Only integers and strings go through here: printf's %f would follow
 * the caller's locale (see cp__pdf_format_number()). */
static void
putf(cp__raster_pdf *w, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		w->failed = true;
		return;
	}
	put(w, buf, (size_t)n);
}

static int
write_error(cp__raster_pdf *w, cp_error *err)
{
	w->failed = true;
	return cp__error_set(err, CP_EIO, w->name, 0, 0, "cannot write its "
	    "page: %s", errno != 0 ? strerror(errno) : "write error");
}

static int
no_memory(cp_error *err)
{
	return cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
}

/* A new object number (offset set when the object is begun). */
static int
new_object(cp__raster_pdf *w, size_t *num, cp_error *err)
{
	uint64_t *grown;
	size_t cap;

	if (w->nobjects == w->cap) {
		cap = w->cap * 2;
		if ((grown = realloc(w->offsets, cap * sizeof(*grown))) ==
		    NULL)
			return no_memory(err);
		w->offsets = grown;
		w->cap = cap;
	}
	w->offsets[w->nobjects] = 0;
	*num = w->nobjects++;
	return CP_OK;
}

static void
begin_object(cp__raster_pdf *w, size_t num)
{
	w->offsets[num] = w->pos;
	putf(w, "%zu 0 obj\n", num);
}

/* ---- deflating ------------------------------------------------------ */

/* A deflate stream into the file, or into memory (to = NULL). */
typedef struct {
	z_stream z;
	bool open;
	cp__raster_pdf *to;     /* the file, or NULL for `mem` */
	unsigned char *mem;     /* the deflated bytes when kept in memory */
	size_t mem_len, mem_cap;
	unsigned char *out;     /* CHUNK bytes deflated at a time */
	uint64_t total;         /* bytes the stream deflated to */
} deflater;

static int
deflater_init(deflater *d, cp__raster_pdf *to, cp_error *err)
{
	memset(&d->z, 0, sizeof(d->z));
	d->to = to;
	d->mem = NULL;
	d->mem_len = d->mem_cap = 0;
	d->total = 0;
	d->open = false;
	if ((d->out = malloc(CHUNK)) == NULL ||
	    deflateInit2(&d->z, DEFLATE_LEVEL, Z_DEFLATED, 15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return no_memory(err);
	d->open = true;
	return CP_OK;
}

static int
deflater_emit(deflater *d, size_t n, cp_error *err)
{
	unsigned char *grown;
	size_t cap;

	d->total += n;
	if (d->to != NULL) {
		put(d->to, d->out, n);
		return d->to->failed ? write_error(d->to, err) : CP_OK;
	}
	if (n > d->mem_cap - d->mem_len) {
		cap = d->mem_cap ? d->mem_cap : CHUNK;
		while (cap - d->mem_len < n)
			cap *= 2;
		if ((grown = realloc(d->mem, cap)) == NULL)
			return no_memory(err);
		d->mem = grown;
		d->mem_cap = cap;
	}
	memcpy(d->mem + d->mem_len, d->out, n);
	d->mem_len += n;
	return CP_OK;
}

/* Deflates `len` bytes at `data`; with `finish`, ends the stream. */
static int
deflater_add(deflater *d, const unsigned char *data, size_t len,
    bool finish, cp_error *err)
{
	int zrc, rc;

	d->z.next_in = (unsigned char *)data;
	d->z.avail_in = (uInt)len;
	do {
		d->z.next_out = d->out;
		d->z.avail_out = CHUNK;
		zrc = deflate(&d->z, finish ? Z_FINISH : Z_NO_FLUSH);
		if (zrc == Z_STREAM_ERROR)
			return cp__error_set(err, CP_EIO, NULL, 0, 0,
			    "zlib's deflate failed");
		if ((rc = deflater_emit(d, CHUNK - d->z.avail_out, err)) !=
		    CP_OK)
			return rc;
	} while (d->z.avail_out == 0 || (finish && zrc != Z_STREAM_END));
	return CP_OK;
}

static void
deflater_end(deflater *d)
{
	if (d->open)
		deflateEnd(&d->z);
	d->open = false;
	free(d->mem);
	d->mem = NULL;
	free(d->out);
	d->out = NULL;
}

/* ---- PNG prediction ------------------------------------------------- */

static unsigned char
paeth(unsigned char a, unsigned char b, unsigned char c)
{
	int p = a + b - c;
	int pa = p > a ? p - a : a - p;
	int pb = p > b ? p - b : b - p;
	int pc = p > c ? p - c : c - p;

	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

/*
 * Filters the row `cur` of `n` bytes (`prev` the row above, zeros for
 * the first) into out[0] (the filter type) and out[1..n], choosing the
 * filter whose output has the smallest sum of absolute values, as libpng
 * does.  `trial` has n + 1 bytes.  `bpp` is the bytes of one pixel.
 */
static void
predict_row(unsigned char *out, unsigned char *trial,
    const unsigned char *cur, const unsigned char *prev, size_t n,
    size_t bpp)
{
	uint64_t best = UINT64_MAX, sum;
	unsigned char a, b, c, v;
	size_t i;
	int type;

	for (type = 0; type <= 4; type++) {
		unsigned char *o = type == 0 ? out : trial;

		sum = 0;
		o[0] = (unsigned char)type;
		for (i = 0; i < n; i++) {
			a = i >= bpp ? cur[i - bpp] : 0;
			b = prev[i];
			c = i >= bpp ? prev[i - bpp] : 0;
			switch (type) {
			case 0: v = cur[i]; break;
			case 1: v = (unsigned char)(cur[i] - a); break;
			case 2: v = (unsigned char)(cur[i] - b); break;
			case 3: v = (unsigned char)(cur[i] - ((a + b) >> 1));
				break;
			default: v = (unsigned char)(cur[i] - paeth(a, b, c));
				break;
			}
			o[i + 1] = v;
			sum += v < 128 ? v : 256u - v;
		}
		if (sum < best) {
			best = sum;
			if (type != 0)
				memcpy(out, trial, n + 1);
		}
	}
}

/* ---- the document ----------------------------------------------------- */

int
cp__raster_pdf_begin(cp__raster_pdf **out, const char *out_path,
    const char *name, cp_error *err)
{
	cp__raster_pdf *w;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (w->offsets = calloc(64, sizeof(*w->offsets))) == NULL) {
		free(w);
		return no_memory(err);
	}
	w->cap = 64;
	w->nobjects = 3;        /* 0 (free), the catalog, the page tree */
	w->name = name;
	if ((w->f = fopen(out_path, "wb")) == NULL) {
		cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
		cp__raster_pdf_abort(w);
		return CP_EIO;
	}
	/* A binary comment line, so that tools take the file as binary. */
	put(w, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 15);
	begin_object(w, OBJ_CATALOG);
	putf(w, "<< /Type /Catalog /Pages %u 0 R >>\nendobj\n", OBJ_PAGES);
	if (w->failed) {
		write_error(w, err);
		cp__raster_pdf_abort(w);
		return CP_EIO;
	}
	*out = w;
	return CP_OK;
}

/* Ends a stream object of `length` bytes begun by the caller, and writes
 * its /Length object `len_obj`. */
static void
end_stream(cp__raster_pdf *w, size_t len_obj, uint64_t length)
{
	put(w, "\nendstream\nendobj\n", 18);
	begin_object(w, len_obj);
	putf(w, "%llu\nendobj\n", (unsigned long long)length);
}

/* The colour space of an image: /ICCBased (the profile's object) or the
 * device space of its components. */
static void
colour_space(char *buf, size_t size, int components, size_t icc_obj)
{
	if (icc_obj != 0)
		snprintf(buf, size, "[/ICCBased %zu 0 R]", icc_obj);
	else
		snprintf(buf, size, "%s", components == 1 ? "/DeviceGray" :
		    "/DeviceRGB");
}

static int
write_icc(cp__raster_pdf *w, const cp__raster_info *info, size_t obj,
    size_t len_obj, cp_error *err)
{
	deflater d;
	int rc;

	if ((rc = deflater_init(&d, w, err)) != CP_OK) {
		deflater_end(&d);
		return rc;
	}
	begin_object(w, obj);
	putf(w, "<< /N %d /Filter /FlateDecode /Length %zu 0 R >>\nstream\n",
	    info->components, len_obj);
	if ((rc = deflater_add(&d, info->icc, info->icc_len, true, err)) ==
	    CP_OK) {
		end_stream(w, len_obj, d.total);
		if (w->failed)
			rc = write_error(w, err);
	}
	deflater_end(&d);
	return rc;
}

/* What one lossless page being written holds. */
typedef struct {
	size_t row_bytes;       /* a row as the raster hands it out */
	size_t colour_bytes;    /* the colour samples of a row */
	size_t bpp;             /* bytes of one colour pixel (1 for 1-bit) */
	unsigned char *rows;    /* rows read at a time */
	unsigned char *colour, *prev_colour, *alpha, *prev_alpha;
	unsigned char *filtered, *trial;
} lossless_bufs;

/* Splits, predicts and deflates `n` rows read into b->rows. */
static int
deflate_rows(lossless_bufs *b, const cp__raster_info *info, unsigned n,
    deflater *colour, deflater *alpha, cp_error *err)
{
	const size_t ch = (size_t)info->components;
	unsigned char *row, *t;
	size_t x, k;
	unsigned i;
	int rc;

	for (i = 0; i < n; i++) {
		row = b->rows + b->row_bytes * i;
		if (info->alpha) {
			for (x = 0; x < info->width; x++) {
				for (k = 0; k < ch; k++)
					b->colour[x * ch + k] =
					    row[x * (ch + 1) + k];
				b->alpha[x] = row[x * (ch + 1) + ch];
			}
		} else {
			memcpy(b->colour, row, b->colour_bytes);
		}
		predict_row(b->filtered, b->trial, b->colour, b->prev_colour,
		    b->colour_bytes, b->bpp);
		if ((rc = deflater_add(colour, b->filtered,
		    b->colour_bytes + 1, false, err)) != CP_OK)
			return rc;
		t = b->prev_colour;
		b->prev_colour = b->colour;
		b->colour = t;
		if (!info->alpha)
			continue;
		predict_row(b->filtered, b->trial, b->alpha, b->prev_alpha,
		    info->width, 1);
		if ((rc = deflater_add(alpha, b->filtered, info->width + 1,
		    false, err)) != CP_OK)
			return rc;
		t = b->prev_alpha;
		b->prev_alpha = b->alpha;
		b->alpha = t;
	}
	return CP_OK;
}

/*
 * Writes the image object `img` (its length `img_len`) of raster `r`,
 * losslessly, and when it has alpha the /SMask `smask` (`smask_len`).
 */
static int
write_lossless(cp__raster_pdf *w, cp__raster *r, size_t img,
    size_t img_len, size_t icc, size_t smask, size_t smask_len,
    cp_error *err)
{
	const cp__raster_info *info = cp__raster_get_info(r);
	lossless_bufs b;
	deflater colour, alpha;
	char space[64];
	unsigned batch, n, done;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(&colour, 0, sizeof(colour));
	memset(&alpha, 0, sizeof(alpha));
	b.row_bytes = cp__raster_row_bytes(info);
	b.colour_bytes = info->bits == 1 ? b.row_bytes :
	    (size_t)info->width * (size_t)info->components;
	b.bpp = info->bits == 1 ? 1 : (size_t)info->components;
	batch = (unsigned)(READ_BYTES / b.row_bytes);
	if (batch == 0)
		batch = 1;
	if (batch > info->height)
		batch = info->height;
	/* Every buffer zeroed: the row above the first is zeros. */
	if ((b.rows = calloc(batch, b.row_bytes)) == NULL ||
	    (b.colour = calloc(1, b.colour_bytes)) == NULL ||
	    (b.prev_colour = calloc(1, b.colour_bytes)) == NULL ||
	    (b.filtered = calloc(1, b.colour_bytes + 1)) == NULL ||
	    (b.trial = calloc(1, b.colour_bytes + 1)) == NULL ||
	    (info->alpha && ((b.alpha = calloc(1, info->width)) == NULL ||
	    (b.prev_alpha = calloc(1, info->width)) == NULL))) {
		rc = no_memory(err);
		goto done;
	}
	if ((rc = deflater_init(&colour, w, err)) != CP_OK ||
	    (info->alpha && (rc = deflater_init(&alpha, NULL, err)) != CP_OK))
		goto done;

	colour_space(space, sizeof(space), info->components, icc);
	begin_object(w, img);
	putf(w, "<< /Type /XObject /Subtype /Image /Width %u /Height %u "
	    "/ColorSpace %s /BitsPerComponent %d", info->width, info->height,
	    space, info->bits);
	if (smask != 0)
		putf(w, " /SMask %zu 0 R", smask);
	putf(w, " /Filter /FlateDecode /DecodeParms << /Predictor 15 "
	    "/Colors %d /BitsPerComponent %d /Columns %u >> /Length %zu 0 R "
	    ">>\nstream\n", info->components, info->bits, info->width,
	    img_len);
	for (done = 0; done < info->height; done += n) {
		n = info->height - done < batch ? info->height - done : batch;
		if ((rc = cp__raster_read(r, b.rows, n, err)) != CP_OK ||
		    (rc = deflate_rows(&b, info, n, &colour, &alpha, err)) !=
		    CP_OK)
			goto done;
	}
	if ((rc = deflater_add(&colour, NULL, 0, true, err)) != CP_OK)
		goto done;
	end_stream(w, img_len, colour.total);
	if (smask != 0) {
		if ((rc = deflater_add(&alpha, NULL, 0, true, err)) != CP_OK)
			goto done;
		begin_object(w, smask);
		putf(w, "<< /Type /XObject /Subtype /Image /Width %u /Height "
		    "%u /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter "
		    "/FlateDecode /DecodeParms << /Predictor 15 /Colors 1 "
		    "/BitsPerComponent 8 /Columns %u >> /Length %zu 0 R >>\n"
		    "stream\n", info->width, info->height, info->width,
		    smask_len);
		put(w, alpha.mem, alpha.mem_len);
		end_stream(w, smask_len, alpha.total);
	}
	if (w->failed)
		rc = write_error(w, err);
done:
	deflater_end(&colour);
	deflater_end(&alpha);
	free(b.rows);
	free(b.colour);
	free(b.prev_colour);
	free(b.alpha);
	free(b.prev_alpha);
	free(b.filtered);
	free(b.trial);
	return rc;
}

/* ---- shrinking ---------------------------------------------------------- */

/*
 * Reads every row of `r` into *out: `ow` x `oh` pixels of `components`
 * samples, each the average of the pixels of the box of the raster it
 * covers (every stored pixel counted in exactly one box), transparent
 * pixels put on white first.  Caller frees *out.
 */
static int
downscale(unsigned char **out, cp__raster *r, unsigned ow, unsigned oh,
    cp_error *err)
{
	const cp__raster_info *info = cp__raster_get_info(r);
	const size_t ch = (size_t)info->components;
	const size_t step = ch + (info->alpha ? 1 : 0);
	unsigned *col_of = NULL, *col_count = NULL;
	uint64_t *sum = NULL;
	unsigned char *pixels = NULL, *row = NULL, *dst;
	unsigned x, y, oy, cur_oy = 0, rows_in = 0;
	size_t k, o;
	unsigned v, a;
	uint64_t n;
	int rc = CP_OK;

	*out = NULL;
	if ((pixels = calloc((size_t)ow * oh, ch)) == NULL ||
	    (row = calloc(1, cp__raster_row_bytes(info))) == NULL ||
	    (col_of = calloc(info->width, sizeof(*col_of))) == NULL ||
	    (col_count = calloc(ow, sizeof(*col_count))) == NULL ||
	    (sum = calloc((size_t)ow * ch, sizeof(*sum))) == NULL) {
		rc = no_memory(err);
		goto done;
	}
	for (x = 0; x < info->width; x++) {
		col_of[x] = (unsigned)((uint64_t)x * ow / info->width);
		col_count[col_of[x]]++;
	}
	for (y = 0; y <= info->height; y++) {
		oy = y < info->height ?
		    (unsigned)((uint64_t)y * oh / info->height) : oh;
		if (oy != cur_oy && rows_in > 0) {
			/* The boxes of output row cur_oy are complete. */
			dst = pixels + (size_t)cur_oy * ow * ch;
			for (o = 0; o < (size_t)ow * ch; o++) {
				n = (uint64_t)col_count[o / ch] * rows_in;
				dst[o] = (unsigned char)((sum[o] + n / 2) / n);
				sum[o] = 0;
			}
			rows_in = 0;
		}
		if (y == info->height)
			break;
		cur_oy = oy;
		if ((rc = cp__raster_read(r, row, 1, err)) != CP_OK)
			goto done;
		for (x = 0; x < info->width; x++) {
			a = info->alpha ? row[x * step + ch] : 255;
			for (k = 0; k < ch; k++) {
				v = row[x * step + k];
				/* On white: v a + 255 (255 - a), rounded. */
				if (a != 255)
					v = (v * a + 255u * (255u - a) + 127u) /
					    255u;
				sum[col_of[x] * ch + k] += v;
			}
		}
		rows_in++;
	}
	*out = pixels;
	pixels = NULL;
done:
	free(pixels);
	free(row);
	free(col_of);
	free(col_count);
	free(sum);
	return rc;
}

/* Writes the image object `img` of `r` as a JPEG of at most enc's size. */
static int
write_jpeg(cp__raster_pdf *w, cp__raster *r, size_t img, size_t img_len,
    size_t icc, const cp__raster_encoding *enc, cp_error *err)
{
	const cp__raster_info *info = cp__raster_get_info(r);
	unsigned ow, oh;
	unsigned char *pixels = NULL, *jpeg = NULL;
	unsigned long jpeg_len = 0;
	tjhandle tj = NULL;
	char space[64];
	int pf, rc;

	ow = enc->max_w > 0 && enc->max_w < info->width ? enc->max_w :
	    info->width;
	oh = enc->max_h > 0 && enc->max_h < info->height ? enc->max_h :
	    info->height;
	if ((rc = downscale(&pixels, r, ow, oh, err)) != CP_OK)
		goto done;
	pf = info->components == 1 ? TJPF_GRAY : TJPF_RGB;
	if ((tj = tjInitCompress()) == NULL ||
	    tjCompress2(tj, pixels, (int)ow, 0, (int)oh, pf, &jpeg, &jpeg_len,
	    pf == TJPF_GRAY ? TJSAMP_GRAY : TJSAMP_420, enc->quality,
	    TJFLAG_ACCURATEDCT) != 0) {
		rc = cp__error_set(err, CP_EIO, w->name, 0, 0, "cannot be "
		    "recompressed: %s", tjGetErrorStr2(tj));
		goto done;
	}
	colour_space(space, sizeof(space), info->components, icc);
	begin_object(w, img);
	putf(w, "<< /Type /XObject /Subtype /Image /Width %u /Height %u "
	    "/ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length "
	    "%zu 0 R >>\nstream\n", ow, oh, space, img_len);
	put(w, jpeg, jpeg_len);
	end_stream(w, img_len, jpeg_len);
	if (w->failed)
		rc = write_error(w, err);
done:
	if (tj != NULL)
		tjDestroy(tj);
	tjFree(jpeg);
	free(pixels);
	return rc;
}

/* ---- pages ---------------------------------------------------------- */

int
cp__raster_pdf_add(cp__raster_pdf *w, cp__raster *r, double page_w,
    double page_h, const cp__matrix *cm, const cp__raster_encoding *enc,
    cp_error *err)
{
	const cp__raster_info *info = cp__raster_get_info(r);
	bool jpeg = enc != NULL && enc->quality > 0 && info->bits == 8;
	size_t page, content, img, img_len, icc = 0, icc_len = 0;
	size_t smask = 0, smask_len = 0, *grown, cap;
	char content_text[256], pw[32], ph[32];
	int rc;

	if (w->failed)
		return cp__error_set(err, CP_EIO, w->name, 0, 0, "cannot write "
		    "its page: an earlier page failed");
	if (w->npages == w->pages_cap) {
		cap = w->pages_cap ? w->pages_cap * 2 : 8;
		if ((grown = realloc(w->pages, cap * sizeof(*grown))) == NULL)
			return no_memory(err);
		w->pages = grown;
		w->pages_cap = cap;
	}
	if ((rc = new_object(w, &page, err)) != CP_OK ||
	    (rc = new_object(w, &content, err)) != CP_OK ||
	    (rc = new_object(w, &img, err)) != CP_OK ||
	    (rc = new_object(w, &img_len, err)) != CP_OK ||
	    (info->icc != NULL && ((rc = new_object(w, &icc, err)) != CP_OK ||
	    (rc = new_object(w, &icc_len, err)) != CP_OK)) ||
	    (info->alpha && !jpeg && ((rc = new_object(w, &smask, err)) !=
	    CP_OK || (rc = new_object(w, &smask_len, err)) != CP_OK)))
		goto fail;
	w->pages[w->npages++] = page;

	cp__pdf_format_number(pw, sizeof(pw), page_w);
	cp__pdf_format_number(ph, sizeof(ph), page_h);
	begin_object(w, page);
	putf(w, "<< /Type /Page /Parent %u 0 R /MediaBox [0 0 %s %s] "
	    "/Resources << /XObject << /Im0 %zu 0 R >> >> /Contents %zu 0 R "
	    ">>\nendobj\n", OBJ_PAGES, pw, ph, img, content);
	cp__pdf_image_content(content_text, sizeof(content_text), cm);
	begin_object(w, content);
	putf(w, "<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
	    strlen(content_text), content_text);
	if (w->failed) {
		rc = write_error(w, err);
		goto fail;
	}
	if (icc != 0 && (rc = write_icc(w, info, icc, icc_len, err)) != CP_OK)
		goto fail;
	rc = jpeg ? write_jpeg(w, r, img, img_len, icc, enc, err) :
	    write_lossless(w, r, img, img_len, icc, smask, smask_len, err);
	if (rc != CP_OK)
		goto fail;
	return CP_OK;
fail:
	w->failed = true;
	return rc;
}

int
cp__raster_pdf_end(cp__raster_pdf *w, cp_error *err)
{
	uint64_t xref;
	size_t i;
	int rc = CP_OK;

	if (w->failed) {
		rc = cp__error_set(err, CP_EIO, w->name, 0, 0, "cannot write "
		    "its page: an earlier page failed");
		goto done;
	}
	begin_object(w, OBJ_PAGES);
	put(w, "<< /Type /Pages /Kids [", 23);
	for (i = 0; i < w->npages; i++)
		putf(w, "%s%zu 0 R", i ? " " : "", w->pages[i]);
	putf(w, "] /Count %zu >>\nendobj\n", w->npages);
	xref = w->pos;
	putf(w, "xref\n0 %zu\n0000000000 65535 f \n", w->nobjects);
	for (i = 1; i < w->nobjects; i++)
		putf(w, "%010llu 00000 n \n", (unsigned long long)w->offsets[i]);
	putf(w, "trailer\n<< /Size %zu /Root %u 0 R >>\nstartxref\n%llu\n"
	    "%%%%EOF\n", w->nobjects, OBJ_CATALOG, (unsigned long long)xref);
	if (w->failed || fflush(w->f) != 0) {
		rc = write_error(w, err);
		goto done;
	}
done:
	if (fclose(w->f) != 0 && rc == CP_OK)
		rc = cp__error_set(err, CP_EIO, w->name, 0, 0, "cannot write "
		    "its page: %s", strerror(errno));
	w->f = NULL;
	cp__raster_pdf_abort(w);
	return rc;
}

void
cp__raster_pdf_abort(cp__raster_pdf *w)
{
	if (w == NULL)
		return;
	if (w->f != NULL)
		fclose(w->f);
	free(w->offsets);
	free(w->pages);
	free(w);
}
