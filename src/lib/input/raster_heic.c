/* raster_heic.c - HEIC photos (an iPhone's default) through libheif: the
 * file's primary image, upright, as 8-bit RGB with alpha when it has
 * some.
 *
 * libheif cannot hand out rows as it decodes, so the picture is decoded
 * whole when the raster is opened and its rows are copied out of
 * libheif's image as they are read.  The file is read into memory once
 * (at most MAX_HEIC_BYTES) and parsed from there.
 *
 * libheif's heif_init()/heif_deinit() are never called: they count
 * users of a registry of codecs shared by the whole process, and
 * libheif registers its built-in codecs by itself when it is loaded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libheif/heif.h>

#include "input/exif.h"
#include "input/raster_int.h"
#include "util/error.h"
#include "util/fsio.h"

/* The largest HEIC file read: a 200-megapixel photo is far smaller. */
#define MAX_HEIC_BYTES (256u * 1024 * 1024)

/* The decoder's state: the decoded picture, which the rows are copied
 * from. */
typedef struct {
	struct heif_image *img;         /* owned; interleaved RGB or RGBA */
	const uint8_t *plane;           /* its pixels, inside img */
	size_t stride;                  /* bytes from one row to the next */
	bool rgba;                      /* the plane has 4 samples a pixel */
	unsigned char *icc;             /* owned; r->info.icc points here */
} heic;

/* A parsed file: what has to be released, in this order. */
typedef struct {
	struct heif_image_handle *handle;
	struct heif_context *ctx;
	char *data;                     /* the file; ctx reads it in place */
	size_t len;
} heic_file;

static void
file_free(heic_file *f)
{
	if (f->handle != NULL)
		heif_image_handle_release(f->handle);
	if (f->ctx != NULL)
		heif_context_free(f->ctx);
	free(f->data);
	memset(f, 0, sizeof(*f));
}

/* libheif's error as CP_EIO naming the file.  The message belongs to
 * the context, handle or image that returned it, so it is copied here,
 * before they are released.  Memory errors are CP_EIO too: libheif
 * reports a damaged size it would not allocate the same way. */
static int
damaged(cp_error *err, const char *name, struct heif_error e)
{
	const char *msg = e.message != NULL ? e.message : "";
	char text[512], *size, *cut;
	size_t n;

	/* libheif's messages are "<error>: <detail>: <what>", some with a
	 * newline at the end. */
	snprintf(text, sizeof(text), "%s", msg);
	n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	if (n == 0)
		snprintf(text, sizeof(text), "libheif cannot read it");
	/* libheif's limit on a side (file_open) says "Image size 30000x47
	 * exceeds the maximum image size 20000x20000": the size is kept,
	 * the limit said as claimpack says it.  Its other limits (boxes,
	 * items, memory blocks) are reached only by damaged files. */
	if (e.subcode == heif_suberror_Security_limit_exceeded &&
	    (size = strstr(text, "Image size ")) != NULL) {
		if ((cut = strstr(size, " exceeds")) != NULL)
			*cut = '\0';
		return cp__error_set(err, CP_EIO, name, 0, 0, "HEIC photo is "
		    "too large (%s); the largest image claimpack takes is "
		    "%u x %u and %u megapixels", size + strlen("Image size "),
		    CP__IMAGE_MAX_SIDE, CP__IMAGE_MAX_SIDE,
		    CP__IMAGE_MAX_PIXELS / 1000000u);
	}
	if (e.code == heif_error_Memory_allocation_error)
		return cp__error_set(err, CP_EIO, name, 0, 0, "HEIC photo "
		    "could not be decoded: %s", text);
	return cp__error_set(err, CP_EIO, name, 0, 0, "HEIC photo is "
	    "damaged: %s", text);
}

/*
 * Reads the file at `path` and parses it as far as its primary image's
 * handle, whose size is checked against claimpack's limits.  On success
 * `*f` holds what file_free() releases; on failure it is already
 * released.
 */
static int
file_open(heic_file *f, const char *path, const char *name, cp_error *err)
{
	struct heif_error e;
	int w, h, rc;

	memset(f, 0, sizeof(*f));
	if ((rc = cp__file_read(&f->data, &f->len, path, MAX_HEIC_BYTES,
	    "a HEIC photo", CP_EIO, err)) != CP_OK) {
		/* Named as the user wrote it, not by the path opened. */
		if (err != NULL)
			snprintf(err->path, sizeof(err->path), "%s", name);
		return rc;
	}
	if ((f->ctx = heif_context_alloc()) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto fail;
	}
	/* libheif's own limit on a side, checked as it parses the boxes;
	 * the handle's size is checked against all of claimpack's limits
	 * below, before anything is decoded. */
	heif_context_set_maximum_image_size_limit(f->ctx,
	    (int)CP__IMAGE_MAX_SIDE);
	e = heif_context_read_from_memory_without_copy(f->ctx, f->data,
	    f->len, NULL);
	if (e.code != heif_error_Ok) {
		rc = damaged(err, name, e);
		goto fail;
	}
	e = heif_context_get_primary_image_handle(f->ctx, &f->handle);
	if (e.code != heif_error_Ok) {
		f->handle = NULL;
		rc = damaged(err, name, e);
		goto fail;
	}
	/* The size as shown: after the rotation and cropping libheif
	 * applies when it decodes. */
	w = heif_image_handle_get_width(f->handle);
	h = heif_image_handle_get_height(f->handle);
	if ((rc = cp__raster_check_size(w > 0 ? (unsigned)w : 0,
	    h > 0 ? (unsigned)h : 0, "HEIC photo", name, err)) != CP_OK)
		goto fail;
	return CP_OK;
fail:
	file_free(f);
	return rc;
}

static int
count_pages(const char *path, size_t *pages, const char *name, cp_error *err)
{
	heic_file f;
	int rc;

	*pages = 0;
	if ((rc = file_open(&f, path, name, err)) != CP_OK)
		return rc;
	file_free(&f);
	/* The primary image only: the others in a HEIC are thumbnails,
	 * depth maps or the frames of a burst, not pages. */
	*pages = 1;
	return CP_OK;
}

/* Keeps the file's ICC profile (stored as 'prof' or 'rICC') in h->icc
 * when it is whole and for RGB, the colours handed out.  A profile
 * that cannot be had is dropped: the picture is still good. */
static void
keep_icc(cp__raster *r, heic *h, const struct heif_image_handle *handle)
{
	enum heif_color_profile_type type;
	unsigned char *icc;
	size_t len;

	type = heif_image_handle_get_color_profile_type(handle);
	if (type != heif_color_profile_type_prof &&
	    type != heif_color_profile_type_rICC)
		return;
	len = heif_image_handle_get_raw_color_profile_size(handle);
	if (len < 132 || len > CP__RASTER_MAX_ICC ||
	    (icc = malloc(len)) == NULL)
		return;
	if (heif_image_handle_get_raw_color_profile(handle, icc).code !=
	    heif_error_Ok || !cp__raster_icc_fits(icc, len, 3)) {
		free(icc);
		return;
	}
	h->icc = icc;
	r->info.icc = icc;
	r->info.icc_len = len;
}

/*
 * The day the primary image's Exif block says it was taken, into
 * `taken` ("" when it has none, or it cannot be had: the picture is
 * still good).  The block begins with the offset of its TIFF header
 * from the end of that offset (ISO/IEC 23008-12, annex A), usually 6,
 * past an "Exif\0\0" that cp__exif_parse does not need.
 */
static void
read_taken(const struct heif_image_handle *handle,
    char taken[CP__EXIF_DATE_SIZE])
{
	heif_item_id id;
	cp__exif_facts exif;
	unsigned char *data;
	size_t len, off;

	taken[0] = '\0';
	if (heif_image_handle_get_list_of_metadata_block_IDs(handle, "Exif",
	    &id, 1) != 1)
		return;
	len = heif_image_handle_get_metadata_size(handle, id);
	if (len < 4 + 8 || len > 4 + CP__EXIF_MAX_BYTES ||
	    (data = malloc(len)) == NULL)
		return;
	if (heif_image_handle_get_metadata(handle, id, data).code ==
	    heif_error_Ok) {
		off = (size_t)data[0] << 24 | (size_t)data[1] << 16 |
		    (size_t)data[2] << 8 | data[3];
		if (off <= len - 4 &&
		    cp__exif_parse(data + 4 + off, len - 4 - off, &exif))
			memcpy(taken, exif.taken, CP__EXIF_DATE_SIZE);
	}
	free(data);
}

/* Colours stored multiplied by their opacity, back to plain colours:
 * the alpha is handed out on its own (raster.h). */
static void
unpremultiply(uint8_t *plane, size_t stride, unsigned width,
    unsigned height)
{
	uint8_t *px;
	unsigned x, y, a, c;
	int i;

	for (y = 0; y < height; y++) {
		for (x = 0; x < width; x++) {
			px = plane + (size_t)y * stride + (size_t)x * 4;
			if ((a = px[3]) == 255)
				continue;
			for (i = 0; i < 3; i++) {
				c = a == 0 ? 0 : (px[i] * 255u + a / 2) / a;
				px[i] = (uint8_t)(c > 255 ? 255 : c);
			}
		}
	}
}

/*
 * Decodes the primary image of the parsed file into h.  libheif turns
 * and mirrors the pixels as the file's 'irot' and 'imir' boxes say and
 * crops them to its 'clap' box, so they come out upright: the raster's
 * orientation stays 1.  The orientation an Exif block inside a HEIC may
 * also carry is ignored on purpose: HEIF says the boxes are what count,
 * and phones write the Exif tag to match the boxes, so heeding both
 * would turn the photo twice.
 */
static int
decode(cp__raster *r, heic *h, const heic_file *f, cp_error *err)
{
	struct heif_decoding_options *opts;
	struct heif_error e;
	bool alpha = heif_image_handle_has_alpha_channel(f->handle) != 0;
	int w, h_, stride, bits;
	uint8_t *plane;
	int rc;

	if ((opts = heif_decoding_options_alloc()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* 10- and 12-bit photos come out with 8 bits a sample. */
	if (opts->version >= 2)
		opts->convert_hdr_to_8bit = 1;
	e = heif_decode_image(f->handle, &h->img, heif_colorspace_RGB,
	    alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB,
	    opts);
	heif_decoding_options_free(opts);
	if (e.code != heif_error_Ok) {
		h->img = NULL;
		return damaged(err, r->name, e);
	}
	/* What was decoded is what is handed out: its size is checked
	 * again, and its layout against what was asked for. */
	w = heif_image_get_width(h->img, heif_channel_interleaved);
	h_ = heif_image_get_height(h->img, heif_channel_interleaved);
	bits = heif_image_get_bits_per_pixel_range(h->img,
	    heif_channel_interleaved);
	if ((rc = cp__raster_check_size(w > 0 ? (unsigned)w : 0,
	    h_ > 0 ? (unsigned)h_ : 0, "HEIC photo", r->name, err)) != CP_OK)
		return rc;
	plane = heif_image_get_plane(h->img, heif_channel_interleaved,
	    &stride);
	if (plane == NULL || bits != 8 || stride < 0 ||
	    (size_t)stride < (size_t)w * (alpha ? 4 : 3))
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "HEIC photo "
		    "is damaged: libheif gave no 8-bit RGB pixels for it");
	h->plane = plane;
	h->stride = (size_t)stride;
	h->rgba = alpha;
	r->info.width = (unsigned)w;
	r->info.height = (unsigned)h_;
	r->info.components = 3;
	r->info.bits = 8;
	r->info.orientation = 1;
	if (alpha && heif_image_is_premultiplied_alpha(h->img))
		unpremultiply(plane, h->stride, r->info.width, r->info.height);
	/* An alpha channel that leaves every pixel opaque is no alpha. */
	r->info.alpha = alpha && !cp__raster_rgba_opaque(h->plane, h->stride,
	    r->info.width, r->info.height);
	return CP_OK;
}

static int
open_page(cp__raster *r, const char *path, size_t page, cp_error *err)
{
	heic_file f;
	heic *h;
	int rc;

	if (page != 0)
		return cp__error_set(err, CP_EIO, r->name, 0, 0, "has one "
		    "picture, and picture %zu was asked for", page + 1);
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	r->impl = h;            /* close() frees it on every path */
	if ((rc = file_open(&f, path, r->name, err)) != CP_OK)
		return rc;
	keep_icc(r, h, f.handle);
	read_taken(f.handle, r->info.taken);
	rc = decode(r, h, &f, err);
	/* The decoded picture stands alone: the file, its context and
	 * handle are no longer needed. */
	file_free(&f);
	return rc;
}

static int
read_rows(cp__raster *r, unsigned char *rows, unsigned n, cp_error *err)
{
	const heic *h = r->impl;

	(void)err;
	cp__raster_copy_rows(r, rows, n, h->plane, h->stride, h->rgba);
	return CP_OK;
}

static void
close_page(cp__raster *r)
{
	heic *h = r->impl;

	if (h == NULL)
		return;
	if (h->img != NULL)
		heif_image_release(h->img);
	free(h->icc);
	free(h);
	r->impl = NULL;
	r->info.icc = NULL;
	r->info.icc_len = 0;
}

static int
taken_day(const char *path, char taken[CP__EXIF_DATE_SIZE], const char *name,
    cp_error *err)
{
	heic_file f;
	int rc;

	taken[0] = '\0';
	if ((rc = file_open(&f, path, name, err)) != CP_OK)
		return rc;
	read_taken(f.handle, taken);
	file_free(&f);
	return CP_OK;
}

const cp__raster_ops cp__raster_heic_ops = { count_pages, open_page,
	read_rows, close_page, taken_day };
