/* raster_webp.c - WebP images (saved from messaging apps) through
 * libwebp: a still picture as 8-bit RGB, with alpha when it has some;
 * its ICC profile and its EXIF orientation and resolution through
 * libwebpdemux and libexif.
 *
 * The file is read into memory (at most MAX_WEBP_BYTES) and decoded
 * whole when the raster is opened; the rows are copied out as they are
 * read.
 *
 * An animated WebP is refused rather than drawn from its first frame:
 * a claim page is one still picture, the first frame of a sticker or a
 * clip is rarely the one the patient means, and a refusal that says
 * "save the picture as a still image" lets them choose it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexif/exif-data.h>
#include <webp/decode.h>
#include <webp/demux.h>

#include "input/raster_int.h"
#include "util/error.h"
#include "util/fsio.h"

/* The largest WebP file read (the format's own limit is 16383 pixels a
 * side, which a file of this size already exceeds at any quality a
 * photo is saved with). */
#define MAX_WEBP_BYTES (256u * 1024 * 1024)
/* The largest EXIF chunk read for its orientation. */
#define MAX_EXIF_BYTES (1u << 20)

/* The decoder's state: the decoded picture. */
typedef struct {
	unsigned char *pixels;          /* owned; RGB or RGBA rows */
	size_t stride;                  /* bytes from one row to the next */
	bool rgba;                      /* 4 samples a pixel */
	unsigned char *icc;             /* owned; r->info.icc points here */
} webp;

/* libwebp's status, as a phrase for "WebP image is damaged: ...". */
static const char *
status_text(VP8StatusCode status)
{
	switch (status) {
	case VP8_STATUS_NOT_ENOUGH_DATA:
		return "the file is cut short";
	case VP8_STATUS_BITSTREAM_ERROR:
		return "its image data is invalid";
	case VP8_STATUS_UNSUPPORTED_FEATURE:
		return "it uses a feature libwebp does not support";
	case VP8_STATUS_OUT_OF_MEMORY:
		return "libwebp ran out of memory";
	default:
		return "libwebp cannot read it";
	}
}

/* Reads the whole file, bounded, into *data. */
static int
read_file(char **data, size_t *len, const char *path, const char *name,
    cp_error *err)
{
	int rc;

	if ((rc = cp__file_read(data, len, path, MAX_WEBP_BYTES,
	    "a WebP image", CP_EIO, err)) != CP_OK && err != NULL)
		/* Named as the user wrote it, not by the path opened. */
		snprintf(err->path, sizeof(err->path), "%s", name);
	return rc;
}

/* Reads the headers of the file in `data` into `*f` and refuses what
 * claimpack does not draw: an animation, a size over the limits. */
static int
features(WebPBitstreamFeatures *f, const char *data, size_t len,
    const char *name, cp_error *err)
{
	VP8StatusCode status;

	status = WebPGetFeatures((const uint8_t *)data, len, f);
	if (status != VP8_STATUS_OK)
		return cp__error_set(err, CP_EIO, name, 0, 0, "WebP image is "
		    "damaged: %s", status_text(status));
	if (f->has_animation)
		return cp__error_set(err, CP_EIO, name, 0, 0, "is an animated "
		    "WebP; save the picture you mean as a still image");
	return cp__raster_check_size(f->width > 0 ? (unsigned)f->width : 0,
	    f->height > 0 ? (unsigned)f->height : 0, "WebP image", name, err);
}

static int
count_pages(const char *path, size_t *pages, const char *name, cp_error *err)
{
	WebPBitstreamFeatures f;
	size_t len;
	char *data;
	int rc;

	*pages = 0;
	if ((rc = read_file(&data, &len, path, name, err)) != CP_OK)
		return rc;
	rc = features(&f, data, len, name, err);
	free(data);
	if (rc == CP_OK)
		*pages = 1;
	return rc;
}

static double
exif_rational(ExifContent *ifd, ExifTag tag, ExifByteOrder order)
{
	ExifEntry *e = exif_content_get_entry(ifd, tag);
	ExifRational q;

	if (e == NULL || e->format != EXIF_FORMAT_RATIONAL ||
	    e->components < 1 || e->data == NULL || e->size < 8)
		return 0;
	q = exif_get_rational(e->data, order);
	return q.denominator == 0 ? 0 : (double)q.numerator / q.denominator;
}

static int
exif_short(ExifContent *ifd, ExifTag tag, ExifByteOrder order)
{
	ExifEntry *e = exif_content_get_entry(ifd, tag);

	if (e == NULL || e->format != EXIF_FORMAT_SHORT ||
	    e->components < 1 || e->data == NULL || e->size < 2)
		return 0;
	return exif_get_short(e->data, order);
}

/*
 * Reads the orientation and resolution from the EXIF chunk's `len`
 * bytes into r->info.  The chunk holds a TIFF structure, which libexif
 * reads after the "Exif\0\0" header of a JPEG's APP1 segment (some
 * writers put that header in the chunk too).  Damaged EXIF data gives
 * nothing: the picture is still good, and counts as upright.
 */
static void
read_exif(cp__raster *r, const uint8_t *chunk, size_t len)
{
	static const unsigned char header[6] = { 'E', 'x', 'i', 'f', 0, 0 };
	unsigned char *buf;
	ExifByteOrder order;
	ExifContent *ifd0;
	ExifData *ed;
	double scale, dx, dy;
	size_t n = 0;
	int v;

	if (len < 8 || len > MAX_EXIF_BYTES ||
	    (buf = malloc(sizeof(header) + len)) == NULL)
		return;
	if (memcmp(chunk, header, sizeof(header)) != 0) {
		memcpy(buf, header, sizeof(header));
		n = sizeof(header);
	}
	memcpy(buf + n, chunk, len);
	n += len;
	if ((ed = exif_data_new()) == NULL) {
		free(buf);
		return;
	}
	/* Following the specification would add the "mandatory" entries
	 * it lacks, such as a 72 dpi resolution nobody wrote. */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, buf, (unsigned int)n);
	order = exif_data_get_byte_order(ed);
	/* IFD0 describes the main image; IFD1 is the thumbnail's. */
	ifd0 = ed->ifd[EXIF_IFD_0];
	v = exif_short(ifd0, EXIF_TAG_ORIENTATION, order);
	if (v >= 1 && v <= 8)
		r->info.orientation = v;
	switch (exif_short(ifd0, EXIF_TAG_RESOLUTION_UNIT, order)) {
	case 0:         /* absent: inches, the default */
	case 2: scale = 1; break;
	case 3: scale = 2.54; break;
	default: scale = 0; break;
	}
	dx = scale * exif_rational(ifd0, EXIF_TAG_X_RESOLUTION, order);
	dy = scale * exif_rational(ifd0, EXIF_TAG_Y_RESOLUTION, order);
	if (dx > 0 && dy > 0) {
		r->info.dpi_x = dx;
		r->info.dpi_y = dy;
	}
	exif_data_unref(ed);
	free(buf);
}

/* Keeps the ICC profile (ICCP chunk) when it is whole and for RGB, and
 * reads the EXIF chunk.  A file whose chunks libwebpdemux cannot walk
 * still decoded: it is drawn without them. */
static void
read_metadata(cp__raster *r, webp *w, const char *data, size_t len)
{
	WebPData whole = { (const uint8_t *)data, len };
	WebPChunkIterator it;
	WebPDemuxer *dmx;
	uint32_t flags;

	if ((dmx = WebPDemux(&whole)) == NULL)
		return;
	flags = WebPDemuxGetI(dmx, WEBP_FF_FORMAT_FLAGS);
	if ((flags & ICCP_FLAG) && WebPDemuxGetChunk(dmx, "ICCP", 1, &it)) {
		if (cp__raster_icc_fits(it.chunk.bytes, it.chunk.size, 3) &&
		    (w->icc = malloc(it.chunk.size)) != NULL) {
			memcpy(w->icc, it.chunk.bytes, it.chunk.size);
			r->info.icc = w->icc;
			r->info.icc_len = it.chunk.size;
		}
		WebPDemuxReleaseChunkIterator(&it);
	}
	if ((flags & EXIF_FLAG) && WebPDemuxGetChunk(dmx, "EXIF", 1, &it)) {
		read_exif(r, it.chunk.bytes, it.chunk.size);
		WebPDemuxReleaseChunkIterator(&it);
	}
	WebPDemuxDelete(dmx);
}

/* Whether every pixel of the RGBA picture is opaque. */
static bool
all_opaque(const webp *w, unsigned width, unsigned height)
{
	const unsigned char *row;
	unsigned x, y;

	for (y = 0; y < height; y++) {
		row = w->pixels + (size_t)y * w->stride;
		for (x = 0; x < width; x++)
			if (row[(size_t)x * 4 + 3] != 255)
				return false;
	}
	return true;
}

static int
open_page(cp__raster *r, const char *path, size_t page, cp_error *err)
{
	WebPDecoderConfig config;
	VP8StatusCode status;
	size_t len, size;
	char *data = NULL;
	webp *w;
	int rc;

	if (page != 0)
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "has one "
		    "picture, and picture %zu was asked for", page + 1);
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	r->impl = w;            /* close() frees it on every path */
	if (!WebPInitDecoderConfig(&config))
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "WebP image "
		    "cannot be decoded: libwebp is not the version claimpack "
		    "was built with");
	if ((rc = read_file(&data, &len, path, r->name, err)) != CP_OK)
		return rc;
	if ((rc = features(&config.input, data, len, r->name, err)) != CP_OK)
		goto done;
	r->info.width = (unsigned)config.input.width;
	r->info.height = (unsigned)config.input.height;
	r->info.components = 3;
	r->info.bits = 8;
	r->info.orientation = 1;
	w->rgba = config.input.has_alpha != 0;
	/* Below CP__IMAGE_MAX_PIXELS * 4 bytes: the size was checked. */
	w->stride = (size_t)r->info.width * (w->rgba ? 4 : 3);
	size = w->stride * r->info.height;
	if ((w->pixels = malloc(size)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto done;
	}
	/* Decoded into claimpack's buffer, sized above from the checked
	 * size: libwebp refuses to write past `size`. */
	config.output.colorspace = w->rgba ? MODE_RGBA : MODE_RGB;
	config.output.is_external_memory = 1;
	config.output.u.RGBA.rgba = w->pixels;
	config.output.u.RGBA.stride = (int)w->stride;
	config.output.u.RGBA.size = size;
	status = WebPDecode((const uint8_t *)data, len, &config);
	WebPFreeDecBuffer(&config.output);
	if (status != VP8_STATUS_OK) {
		rc = cp__error_set(err, CP_EIO, r->name, 0, 0, "WebP image is "
		    "damaged: %s", status_text(status));
		goto done;
	}
	/* Writers mark opaque pictures as having alpha too (lossless ones
	 * often): an alpha channel that leaves every pixel opaque is no
	 * alpha. */
	r->info.alpha = w->rgba && !all_opaque(w, r->info.width,
	    r->info.height);
	read_metadata(r, w, data, len);
done:
	free(data);
	return rc;
}

static int
read_rows(cp__raster *r, unsigned char *rows, unsigned n, cp_error *err)
{
	const webp *w = r->impl;
	const unsigned char *src;
	size_t row_bytes = (size_t)r->info.width * (r->info.alpha ? 4 : 3);
	unsigned i, x;

	(void)err;
	for (i = 0; i < n; i++, rows += row_bytes) {
		src = w->pixels + (size_t)(r->next + i) * w->stride;
		if (!w->rgba || r->info.alpha) {
			memcpy(rows, src, row_bytes);
			continue;
		}
		/* Opaque RGBA handed out as RGB. */
		for (x = 0; x < r->info.width; x++) {
			rows[(size_t)x * 3] = src[(size_t)x * 4];
			rows[(size_t)x * 3 + 1] = src[(size_t)x * 4 + 1];
			rows[(size_t)x * 3 + 2] = src[(size_t)x * 4 + 2];
		}
	}
	return CP_OK;
}

static void
close_page(cp__raster *r)
{
	webp *w = r->impl;

	if (w == NULL)
		return;
	free(w->pixels);
	free(w->icc);
	free(w);
	r->impl = NULL;
	r->info.icc = NULL;
	r->info.icc_len = 0;
}

const cp__raster_ops cp__raster_webp_ops = { count_pages, open_page,
	read_rows, close_page };
