/* photo.c - facts from photos and scans (JPEG, PNG, HEIC, WebP, TIFF):
 * the day EXIF says a photo was taken, and the QR codes in the picture.
 *
 * A JPEG is decoded by libturbojpeg straight to grey at the scale each
 * look asks for (qr_strategy.h): its DCT decodes a half-, quarter- or
 * eighth-size picture for a fraction of the work of the whole, so the
 * full-size picture, the costly one, is decoded only when the smaller
 * looks found nothing.  The other formats are decoded once, row by row
 * (input/raster.h), into a grey copy that the looks shrink. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

#include "input/image.h"
#include "input/raster.h"
#include "manifest/date.h"
#include "read/qr_scan.h"
#include "read/qr_strategy.h"
#include "read/read.h"
#include "read/readers.h"
#include "util/fsio.h"
#include "util/infile.h"

/* The largest JPEG read whole (a 200-megapixel photo is far smaller). */
#define MAX_JPEG_BYTES (256u * 1024 * 1024)
/* The pages of a TIFF searched for QR codes: a scanned bundle of
 * papers puts its invoice near the front, and each page costs a
 * decode. */
#define MAX_QR_PAGES 20
/* Rows of a raster decoded at a time, in multiples of its shrink. */
#define BAND_ROWS 32

static const char *
format_key(cp__format format)
{
	switch (format) {
	case CP__FORMAT_JPEG: return "jpeg";
	case CP__FORMAT_PNG: return "png";
	case CP__FORMAT_HEIC: return "heic";
	case CP__FORMAT_WEBP: return "webp";
	case CP__FORMAT_TIFF: return "tiff";
	default: return "unknown";
	}
}

/* Adds the day a photo was taken ("YYYY-MM-DD", or "" for none). */
static int
add_taken(cp__paper_facts *paper, const char *taken)
{
	cp__date date;

	if (taken[0] == '\0' || cp__date_parse(&date, taken, NULL) != 0)
		return 0;
	return cp__paper_add_date(paper, date, CP__DATE_TAKEN, CP__FROM_EXIF,
	    0);
}

/* ---- JPEG ------------------------------------------------------------ */

typedef struct {
	cp__paper_facts *paper;
	tjhandle tj;
	unsigned char *data;            /* the whole file */
	size_t len;
	int width, height;
	bool cmyk, adobe;
} jpeg_source;

/* CMYK pixels (4 bytes each, inverted as an Adobe JPEG holds them when
 * `adobe`) to grey, in place: the first n bytes. */
static void
cmyk_to_gray(unsigned char *px, size_t n, bool adobe)
{
	unsigned c, m, y, k;
	size_t i;

	for (i = 0; i < n; i++) {
		const unsigned char *p = px + i * 4;

		/* As 255 - ink, how much of each colour is left. */
		c = adobe ? p[0] : 255u - p[0];
		m = adobe ? p[1] : 255u - p[1];
		y = adobe ? p[2] : 255u - p[2];
		k = adobe ? p[3] : 255u - p[3];
		px[i] = (unsigned char)((299u * c + 587u * m + 114u * y) * k /
		    (1000u * 255u));
	}
}

/*
 * The picture in grey, shrunk by `shrink`: decoded at 1/2, 1/4 or 1/8
 * by libturbojpeg when it can, the rest of the way averaged.  A JPEG
 * cut short decodes with a warning, its missing rows grey: what was
 * decoded is searched, and the paper says the file is damaged.
 */
static int
jpeg_gray(void *ctx, int shrink, unsigned char **out, int *w, int *h)
{
	jpeg_source *j = ctx;
	tjscalingfactor sf = { 1, 1 };
	unsigned char *buf;
	const char *msg;
	int sw, sh, pf = j->cmyk ? TJPF_CMYK : TJPF_GRAY;

	*out = NULL;
	sf.denom = shrink >= 8 ? 8 : shrink;
	sw = TJSCALED(j->width, sf);
	sh = TJSCALED(j->height, sf);
	if ((buf = malloc((size_t)sw * (size_t)sh *
	    (size_t)tjPixelSize[pf])) == NULL)
		return -1;
	if (tjDecompress2(j->tj, j->data, (unsigned long)j->len, buf, sw, 0,
	    sh, pf, TJFLAG_FASTDCT) != 0) {
		msg = tjGetErrorStr2(j->tj);
		if (tjGetErrorCode(j->tj) != TJERR_WARNING) {
			free(buf);
			return cp__paper_problem(j->paper, "JPEG image cannot "
			    "be decoded: %s", msg) < 0 ? -1 : 1;
		}
		/* Other warnings (stray bytes between segments) leave the
		 * picture whole, as every viewer shows it. */
		if (strstr(msg, "Premature end") != NULL &&
		    cp__paper_problem(j->paper, "JPEG image is cut short (it "
		    "ends before its last row); QR codes were looked for in "
		    "what could be decoded") < 0) {
			free(buf);
			return -1;
		}
	}
	if (j->cmyk)
		cmyk_to_gray(buf, (size_t)sw * (size_t)sh, j->adobe);
	if (shrink > sf.denom) {
		*out = cp__qr_gray_from(buf, sw, sh, (size_t)sw, 1,
		    shrink / sf.denom, w, h);
		free(buf);
		return *out == NULL ? -1 : 0;
	}
	*out = buf;
	*w = sw;
	*h = sh;
	return 0;
}

static int
read_jpeg(cp__paper_facts *paper, const char *path, unsigned flags)
{
	jpeg_source j;
	cp__qr_source src;
	cp__image_info info;
	cp__inmap map;
	char why[256];
	const char *data;
	size_t len;
	int rc = 0, w, h, subsamp, space;

	if (!(flags & CP__READ_QR)) {
		/* The headers only: the EXIF segment is near the start. */
		if (cp__image_probe(&info, path, why, sizeof(why)) != 0)
			return cp__paper_problem(paper, "%s", why);
		return (flags & CP__READ_TEXT) ? add_taken(paper, info.taken) :
		    0;
	}
	/* Mapped, not read into a buffer (util/infile.h): the decoder
	 * reads the page cache. */
	if (cp__inmap_open(&map, path) != 0)
		return cp__paper_problem(paper, "cannot be read: %s",
		    strerror(errno));
	data = (const char *)map.data;
	len = map.len;
	if (len > MAX_JPEG_BYTES) {
		rc = cp__paper_problem(paper, "is larger than %u MiB, too "
		    "large for a JPEG image", MAX_JPEG_BYTES >> 20);
		goto out;
	}
	/* The same headers `check` and `build` accept, from the bytes
	 * decoded: sizes within claimpack's limits before any memory is
	 * given to the pixels. */
	if (cp__image_probe_memory(&info, data, len, why, sizeof(why)) != 0) {
		rc = cp__paper_problem(paper, "%s", why);
		goto out;
	}
	if ((flags & CP__READ_TEXT) && (rc = add_taken(paper, info.taken)) <
	    0)
		goto out;
	memset(&j, 0, sizeof(j));
	if ((j.tj = tjInitDecompress()) == NULL) {
		rc = -1;
		goto out;
	}
	if (tjDecompressHeader3(j.tj, (unsigned char *)data,
	    (unsigned long)len, &w, &h, &subsamp, &space) != 0) {
		rc = cp__paper_problem(paper, "JPEG image cannot be decoded: "
		    "%s", tjGetErrorStr2(j.tj));
	} else {
		j.paper = paper;
		j.data = (unsigned char *)data;
		j.len = len;
		j.width = w;
		j.height = h;
		j.cmyk = space == TJCS_CMYK || space == TJCS_YCCK;
		j.adobe = info.adobe;
		src.width = w;
		src.height = h;
		src.gray = jpeg_gray;
		src.ctx = &j;
		src.thorough = (flags & CP__READ_THOROUGH) != 0;
		rc = cp__qr_search(paper, &src, 0) < 0 ? -1 : 0;
	}
	tjDestroy(j.tj);
out:
	cp__inmap_release(&map);
	return rc;
}

/* ---- PNG, HEIC, WebP, TIFF ------------------------------------------- */

/* Turns `n` bilevel rows (8 pixels a byte, 1 white) into grey bytes. */
static void
unpack_bits(const unsigned char *rows, size_t row_bytes, unsigned width,
    unsigned n, unsigned char *out)
{
	unsigned x, y;

	for (y = 0; y < n; y++)
		for (x = 0; x < width; x++)
			out[(size_t)y * width + x] = (rows[(size_t)y *
			    row_bytes + x / 8] >> (7 - x % 8)) & 1 ? 255 : 0;
}

/*
 * Decodes the opened raster into a grey picture, shrunk as far as
 * CP__QR_MAX_PIXELS asks, band by band: the raster's own colours are
 * never held whole here.  A page whose data fails part-way is recorded
 * on the paper and searched as far as it decoded (the rest white).
 * 0 with *out set; 1 when nothing could be had; -1 when out of memory.
 */
static int
raster_gray(cp__paper_facts *paper, cp__raster *r, unsigned char **out, int *ow,
    int *oh)
{
	const cp__raster_info *info = cp__raster_get_info(r);
	unsigned char *rows = NULL, *bits = NULL, *band, *g = NULL;
	size_t row_bytes = cp__raster_row_bytes(info);
	int channels = info->bits == 1 ? 1 : info->components +
	    (info->alpha ? 1 : 0);
	int s, w = (int)info->width, h = (int)info->height, bw, bh, rc = 0;
	unsigned y, n, nrows;
	cp_error err;

	*out = NULL;
	s = cp__qr_shrink_to(w, h, 1 << 20, CP__QR_MAX_PIXELS);
	*ow = (w + s - 1) / s;
	*oh = (h + s - 1) / s;
	nrows = (unsigned)s * BAND_ROWS;
	if ((*out = malloc((size_t)*ow * (size_t)*oh)) == NULL ||
	    (rows = malloc(row_bytes * nrows)) == NULL ||
	    (info->bits == 1 && (bits = malloc((size_t)w * nrows)) == NULL)) {
		rc = -1;
		goto fail;
	}
	memset(*out, 255, (size_t)*ow * (size_t)*oh);
	memset(&err, 0, sizeof(err));
	for (y = 0; y < info->height; y += n) {
		n = info->height - y < nrows ? info->height - y : nrows;
		if ((rc = cp__raster_read(r, rows, n, &err)) != CP_OK) {
			if (rc == CP_ENOMEM) {
				rc = -1;
				goto fail;
			}
			/* Searched as far as it decoded. */
			if (cp__paper_problem(paper, "%s", err.message) < 0) {
				rc = -1;
				goto fail;
			}
			rc = 0;
			break;
		}
		band = rows;
		if (bits != NULL) {
			unpack_bits(rows, row_bytes, info->width, n, bits);
			band = bits;
		}
		if ((g = cp__qr_gray_from(band, w, (int)n, bits != NULL ?
		    (size_t)w : row_bytes, channels, s, &bw, &bh)) == NULL) {
			rc = -1;
			goto fail;
		}
		memcpy(*out + (size_t)(y / (unsigned)s) * (size_t)*ow, g,
		    (size_t)bw * (size_t)bh);
		free(g);
	}
	free(rows);
	free(bits);
	return 0;
fail:
	free(*out);
	*out = NULL;
	free(rows);
	free(bits);
	return rc;
}

static int
read_raster(cp__paper_facts *paper, const char *path, cp__format format,
    unsigned flags)
{
	const cp__raster_info *info;
	char taken[CP__EXIF_DATE_SIZE];
	unsigned char *gray;
	cp__raster *r;
	cp_error err;
	size_t pages = 1, p;
	int rc = 0, w, h;

	memset(&err, 0, sizeof(err));
	if (format == CP__FORMAT_TIFF) {
		if ((rc = cp__raster_count(path, format, &pages, paper->file,
		    &err)) != CP_OK)
			return rc == CP_ENOMEM ? -1 :
			    cp__paper_problem(paper, "%s", err.message);
		paper->pages = (int)pages;
	}
	if (!(flags & CP__READ_QR)) {
		if (!(flags & CP__READ_TEXT))
			return 0;
		if ((rc = cp__raster_taken(path, format, taken, paper->file,
		    &err)) != CP_OK)
			return rc == CP_ENOMEM ? -1 :
			    cp__paper_problem(paper, "%s", err.message);
		return add_taken(paper, taken);
	}
	for (p = 0; p < pages && p < MAX_QR_PAGES; p++) {
		if ((rc = cp__raster_open(&r, path, format, p, paper->file,
		    &err)) != CP_OK)
			return rc == CP_ENOMEM ? -1 :
			    cp__paper_problem(paper, "%s", err.message);
		info = cp__raster_get_info(r);
		if (p == 0 && (flags & CP__READ_TEXT) &&
		    add_taken(paper, info->taken) < 0) {
			cp__raster_close(r);
			return -1;
		}
		rc = raster_gray(paper, r, &gray, &w, &h);
		cp__raster_close(r);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
		/* A TIFF's pages are numbered; a single picture is not
		 * paged. */
		rc = cp__read_qr_in_pixels(paper, gray, w, h, (size_t)w, 1,
		    format == CP__FORMAT_TIFF ? (int)p + 1 : 0,
		    (flags & CP__READ_THOROUGH) != 0);
		free(gray);
		if (rc < 0)
			return -1;
		if (paper->invoice.qr.text != NULL || paper->problem != NULL)
			break;
	}
	return 0;
}

int
cp__read_photo(cp__paper_facts *paper, const char *path, cp__format format,
    unsigned flags)
{
	paper->format = format_key(format);
	paper->pages = 1;
	if (format == CP__FORMAT_JPEG)
		return read_jpeg(paper, path, flags);
	if (cp__raster_format(format))
		return read_raster(paper, path, format, flags);
	return cp__paper_problem(paper, "is %s, not a photo or scan claimpack "
	    "reads", cp__format_name(format));
}
