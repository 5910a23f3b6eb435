/* raster_webp.c - WebP images (saved from messaging apps) through
 * libwebp: a still picture as 8-bit RGB, with alpha when it has some;
 * its ICC profile and its EXIF orientation, resolution and date through
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

#include <webp/decode.h>
#include <webp/demux.h>

#include "input/exif.h"
#include "input/raster_int.h"
#include "util/error.h"
#include "util/fsio.h"

/* The largest WebP file read (the format's own limit is 16383 pixels a
 * side, which a file of this size already exceeds at any quality a
 * photo is saved with). */
#define MAX_WEBP_BYTES (256u * 1024 * 1024)

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

/* The facts of the file's EXIF chunk, into *exif; damaged EXIF data
 * gives nothing: the picture still counts as upright.  False only when
 * out of memory. */
static bool
read_exif(WebPDemuxer *dmx, cp__exif_facts *exif)
{
	WebPChunkIterator it;
	bool ok = true;

	memset(exif, 0, sizeof(*exif));
	if ((WebPDemuxGetI(dmx, WEBP_FF_FORMAT_FLAGS) & EXIF_FLAG) &&
	    WebPDemuxGetChunk(dmx, "EXIF", 1, &it)) {
		ok = cp__exif_parse(it.chunk.bytes, it.chunk.size, exif);
		WebPDemuxReleaseChunkIterator(&it);
	}
	return ok;
}

/* Keeps the ICC profile (ICCP chunk) when it is whole and for RGB, and
 * reads the EXIF chunk.  A file whose chunks libwebpdemux cannot walk
 * still decoded: it is drawn without them. */
static void
read_metadata(cp__raster *r, webp *w, const char *data, size_t len)
{
	WebPData whole = { (const uint8_t *)data, len };
	cp__exif_facts exif;
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
	if (read_exif(dmx, &exif)) {
		if (exif.orientation != 0)
			r->info.orientation = exif.orientation;
		if (exif.dpi_x > 0 && exif.dpi_y > 0) {
			r->info.dpi_x = exif.dpi_x;
			r->info.dpi_y = exif.dpi_y;
		}
		memcpy(r->info.taken, exif.taken, sizeof(r->info.taken));
	}
	WebPDemuxDelete(dmx);
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
	r->info.alpha = w->rgba && !cp__raster_rgba_opaque(w->pixels,
	    w->stride, r->info.width, r->info.height);
	read_metadata(r, w, data, len);
done:
	free(data);
	return rc;
}

static int
read_rows(cp__raster *r, unsigned char *rows, unsigned n, cp_error *err)
{
	const webp *w = r->impl;

	(void)err;
	cp__raster_copy_rows(r, rows, n, w->pixels, w->stride, w->rgba);
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

static int
taken_day(const char *path, char taken[CP__EXIF_DATE_SIZE], const char *name,
    cp_error *err)
{
	WebPBitstreamFeatures f;
	cp__exif_facts exif;
	WebPDemuxer *dmx;
	WebPData whole;
	size_t len;
	char *data;
	int rc;

	taken[0] = '\0';
	if ((rc = read_file(&data, &len, path, name, err)) != CP_OK)
		return rc;
	if ((rc = features(&f, data, len, name, err)) == CP_OK) {
		whole.bytes = (const uint8_t *)data;
		whole.size = len;
		/* As when the page is opened: a file whose chunks cannot be
		 * walked has no date, and is still a picture. */
		if ((dmx = WebPDemux(&whole)) != NULL) {
			if (!read_exif(dmx, &exif))
				rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			else
				memcpy(taken, exif.taken, CP__EXIF_DATE_SIZE);
			WebPDemuxDelete(dmx);
		}
	}
	free(data);
	return rc;
}

const cp__raster_ops cp__raster_webp_ops = { count_pages, open_page,
	read_rows, close_page, taken_day };
